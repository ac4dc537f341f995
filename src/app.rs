//! `App`: fetch → parse → filter → views, wired once. Components below it stay thin.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{fetch_text, load, DataSource, LoadError, BASEMAP_URL, BUNDLED_DATA_URL};
use crate::file_open::{dropped_file, read_file, FileOpener};
use crate::contract::{publish, PageState};
use crate::detail::IncidentDetail;
use crate::filter::{apply, Filter};
use crate::legend::Legend;
use crate::map_view::MapView;
use crate::model::Incident;
use crate::parse::{Dataset, Format};
use crate::report::DataReport;
use crate::url_state::data_source;
use crate::status::{Status, StatusBanner};
use crate::text::thousands;

#[component]
pub fn App() -> impl IntoView {
    let selected = RwSignal::new(None::<String>);
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let (data_url, url_notice) = data_source(&query, BUNDLED_DATA_URL);
    let source = RwSignal::new(DataSource::Url(data_url));
    let progress = RwSignal::new(None);
    let data = LocalResource::new(move || {
        progress.set(None);
        load(source.get(), move |p| progress.set(Some(p)))
    });
    let file_notice = RwSignal::new(None::<String>);
    let on_source = Callback::new(move |s: DataSource| {
        file_notice.set(None);
        selected.set(None);
        source.set(s);
    });
    let on_refused = Callback::new(move |why: String| file_notice.set(Some(why)));
    let basemap_text = LocalResource::new(|| fetch_text(BASEMAP_URL));

    let loaded: Memo<Option<Result<Arc<Dataset>, LoadError>>> =
        Memo::new(move |_| data.get().map(|r| r.map(Arc::new)));
    // A memo, so the incidents are copied out once per load, not on every read.
    let incidents: Memo<Option<Arc<Vec<Incident>>>> = Memo::new(move |_| {
        loaded.with(|d| d.as_ref()?.as_ref().ok().map(|d| Arc::new(d.incidents.clone())))
    });
    let filter = RwSignal::new(Filter::default());
    let visible: Memo<Arc<Vec<usize>>> = Memo::new(move |_| {
        Arc::new(incidents.get().map(|all| apply(&all, &filter.get())).unwrap_or_default())
    });

    let status = Signal::derive(move || match loaded.get() {
        None => Status::Loading,
        Some(Ok(_)) => Status::Ready,
        Some(Err(e)) => Status::Failed(e.to_string()),
    });

    // The <html> contract for tests and embeds.
    Effect::new(move |_| {
        let state = match status.get() {
            Status::Loading => PageState::Loading,
            Status::Ready => PageState::Ready,
            Status::Failed(_) => PageState::Error,
        };
        let total = incidents.with(|i| i.as_ref().map_or(0, |i| i.len()));
        publish(state, total, visible.with(|v| v.len()));
    });

    // Rows the loader skipped or repaired: said once, in the console and in the page.
    let problems = Memo::new(move |_| {
        loaded.get().and_then(Result::ok).map(|d| d.problems.clone()).unwrap_or_default()
    });
    Effect::new(move |_| {
        problems.with(|problems| {
            const LOGGED: usize = 50;
            for p in problems.iter().take(LOGGED) {
                leptos::logging::warn!("incident data: {p}");
            }
            if problems.len() > LOGGED {
                leptos::logging::warn!("incident data: … and {} more problems (listed in the page)", problems.len() - LOGGED);
            }
        })
    });

    let basemap = Signal::derive(move || basemap_text.get().map(|r| r.map_err(|e| e.to_string())));
    let detail = move || {
        let id = selected.get()?;
        let incident = incidents.with(|all| all.as_ref()?.iter().find(|i| i.id == id).cloned())?;
        Some(view! { <IncidentDetail incident on_close=move |_| selected.set(None) /> })
    };
    let count_line = move || {
        let total = incidents.with(|i| i.as_ref().map_or(0, |i| i.len()));
        format!("{} of {} incidents shown", thousands(visible.with(|v| v.len())), thousands(total))
    };
    // Which data is on the map, when it is not the bundled set.
    let source_line = move || {
        let source = source.get();
        if source == DataSource::Url(BUNDLED_DATA_URL.into()) {
            return None;
        }
        let format = loaded.with(|d| d.as_ref()?.as_ref().ok().map(|d| d.format.label()))?;
        Some(format!("Data: {} · read as {format}", source.name()))
    };
    let credit = Signal::derive(move || {
        let format = loaded.with(|d| d.as_ref().and_then(|d| d.as_ref().ok()).map(|d| d.format));
        if source.with(|s| *s == DataSource::Url(BUNDLED_DATA_URL.into())) {
            "Incidents: news and official reports, cited per incident"
        } else if matches!(format, Some(Format::AcledCsv | Format::AcledJson)) {
            "Incidents: ACLED (acleddata.com), via the loaded file"
        } else {
            "Incidents: the loaded data set, cited per incident where it gives sources"
        }
    });
    let rows = Signal::derive(move || loaded.with(|d| d.as_ref().and_then(|d| d.as_ref().ok()).map_or(0, |d| d.rows)));

    view! {
        <main
            class="app"
            on:dragover=|ev: web_sys::DragEvent| ev.prevent_default()
            on:drop=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                if let Some(file) = dropped_file(&ev) {
                    read_file(file, on_source, on_refused);
                }
            }
        >
            <MapView incidents visible selected basemap credit />
            <header class="title-card">
                <h1>"Incident Map"</h1>
                <p>"Rocket, drone and missile attacks on US and coalition sites in Iraq and Syria, and US strikes"</p>
                <p class="count" aria-live="polite">{count_line}</p>
                {move || source_line().map(|line| view! { <p class="data-source">{line}</p> })}
                {url_notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
                {move || file_notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
                <FileOpener on_source on_refused />
                <DataReport rows problems />
            </header>
            <Legend incidents visible />
            <StatusBanner status progress on_retry=move |_| data.refetch() />
            {detail}
        </main>
    }
}
