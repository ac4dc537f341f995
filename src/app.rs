//! `App`: fetch → parse → filter → views, wired once. Components below it stay thin.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{fetch_text, load, DataSource, LoadError, BASEMAP_URL, BUNDLED_DATA_URL};
use crate::file_open::{dropped_file, read_file, FileOpener};
use crate::contract::{publish, PageState};
use crate::i18n::{use_locale, Lang, Locale, Msg};
use crate::tr;
use crate::detail::IncidentDetail;
use crate::embed::EmbedDialog;
use crate::export::{to_csv, to_geojson};
use crate::filter::Filter;
use crate::index::Index;
use crate::filters::FilterPanel;
use crate::gazetteer::{parse_sites, Site};
use crate::legend::Legend;
use crate::list::IncidentList;
use crate::map_view::MapView;
use crate::model::Incident;
use crate::parse::{Dataset, Format};
use crate::report::DataReport;
use crate::site_view::SiteView;
use crate::summary::{summary_line, totals_from_index};
use crate::timeline::Timeline;
use crate::url_state::{data_source, full_map_query, read_presentation, read_state, with_param, write_query, ViewState};
use crate::status::{Status, StatusBanner};

/// The bundled gazetteer of sites (names and aliases for the site filter).
const SITES_URL: &str = "data/sites.json";

/// Whether a memo of shared data changed: by identity, never by comparing the data.
pub fn other_arc<T>(a: Option<&Option<Arc<T>>>, b: Option<&Option<Arc<T>>>) -> bool {
    match (a.and_then(Option::as_ref), b.and_then(Option::as_ref)) {
        (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
        (a, b) => a.is_some() != b.is_some(),
    }
}

/// A loaded data set, shared without copying: clones are cheap, and a new load is told apart by identity.
#[derive(Clone)]
struct Loaded {
    incidents: Arc<Vec<Incident>>,
    problems: Arc<Vec<crate::parse::Problem>>,
    rows: usize,
    format: Format,
}

impl From<Dataset> for Loaded {
    fn from(d: Dataset) -> Loaded {
        Loaded { incidents: Arc::new(d.incidents), problems: Arc::new(d.problems), rows: d.rows, format: d.format }
    }
}

#[component]
pub fn App() -> impl IntoView {
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let (data_url, _) = data_source(&query, BUNDLED_DATA_URL, Locale::EN);
    // The data downloads while the page is built (the largest wait of a large file).
    crate::api::fetch_early(&data_url);
    let (view_state, _) = read_state(&query, Locale::EN);
    let (presentation, _) = read_presentation(&query, Locale::EN);
    let locale = RwSignal::new(presentation.locale(browser_languages().iter().map(String::as_str)));
    Effect::new(move |_| set_document_language(locale.get()));
    crate::theme::apply(presentation.theme);
    let filter = RwSignal::new(view_state.filter);
    let selected = RwSignal::new(view_state.id);
    let map_pos = RwSignal::new(view_state.map);
    let hovered = RwSignal::new(None::<String>);
    crate::history::sync(filter, selected, map_pos);
    let source = RwSignal::new(DataSource::Url(data_url));
    let progress = RwSignal::new(None);
    // Whether a load is under way: the resource keeps its last result while it loads again (after Retry, or
    // for another file), and the page should say it is loading, not show the old error.
    let pending = RwSignal::new(true);
    let data = LocalResource::new(move || {
        progress.set(None);
        pending.set(true);
        let from = source.get();
        async move {
            let result = load(from, move |p| progress.set(Some(p))).await.map(Loaded::from);
            pending.set(false);
            result
        }
    });
    let file_notice = RwSignal::new(None::<String>);
    let on_source = Callback::new(move |s: DataSource| {
        file_notice.set(None);
        selected.set(None);
        filter.set(Filter::default());
        source.set(s);
    });
    let on_refused = Callback::new(move |why: String| file_notice.set(Some(why)));
    let basemap_text = LocalResource::new(|| fetch_text(BASEMAP_URL));
    let sites_text = LocalResource::new(|| fetch_text(SITES_URL));
    // A memo: parsed once when the file arrives, not on every read.
    let gazetteer = Memo::new_with_compare(
        move |_| Arc::new(sites_text.get().and_then(|r| r.ok()).and_then(|t| parse_sites(&t).ok()).unwrap_or_default()),
        |a, b| !matches!((a, b), (Some(a), Some(b)) if Arc::ptr_eq(a, b)),
    );

    // Compared by identity: a data set is never copied or compared field by field.
    let loaded: Memo<Option<Result<Loaded, LoadError>>> = Memo::new_with_compare(move |_| data.get(), |a, b| {
        match (a.and_then(Option::as_ref), b.and_then(Option::as_ref)) {
            (Some(Ok(a)), Some(Ok(b))) => !Arc::ptr_eq(&a.incidents, &b.incidents),
            (Some(Err(a)), Some(Err(b))) => a != b,
            (None, None) => false,
            _ => true,
        }
    });
    // The load when it succeeded (cheap to clone: its parts are shared).
    let ok = Memo::new_with_compare(
        move |_| loaded.with(|d| d.as_ref()?.as_ref().ok().cloned()),
        |a: Option<&Option<Loaded>>, b: Option<&Option<Loaded>>| match (a.and_then(Option::as_ref), b.and_then(Option::as_ref)) {
            (Some(a), Some(b)) => !Arc::ptr_eq(&a.incidents, &b.incidents),
            (a, b) => a.is_some() != b.is_some(),
        },
    );
    let incidents: Memo<Option<Arc<Vec<Incident>>>> =
        Memo::new_with_compare(move |_| ok.with(|d| d.as_ref().map(|l| l.incidents.clone())), other_arc);
    // The columns filters read, built once per load.
    // With the gazetteer's names of each site, so the text search finds a site by any of them (Arabic too).
    let index: Memo<Option<Arc<Index>>> = Memo::new_with_compare(
        move |_| incidents.get().map(|all| Arc::new(Index::build_with_sites(&all, &gazetteer.get()))),
        other_arc,
    );
    let select = move |f: &Filter| -> Arc<Vec<usize>> {
        let (Some(all), Some(ix)) = (incidents.get(), index.get()) else { return Arc::default() };
        Arc::new(ix.apply(&all, f))
    };
    let visible: Memo<Arc<Vec<usize>>> = Memo::new(move |_| select(&filter.get()));
    // What the timeline shows (every filter but the dates) and what the legend counts (every filter but the
    // weapon), so each control can reach past its own filter.
    // Through memos of the filter without those parts, so brushing does not re-select for the timeline
    // and a weapon toggle does not re-select for the legend.
    let undated_filter = Memo::new(move |_| filter.with(Filter::without_dates));
    let unweaponed_filter = Memo::new(move |_| Filter { weapons: Vec::new(), ..filter.get() });
    let undated = Memo::new(move |_| select(&undated_filter.get()));
    let unweaponed = Memo::new(move |_| select(&unweaponed_filter.get()));
    let range = Memo::new(move |_| filter.with(|f| (f.from, f.to)));
    let extent = Memo::new(move |_| index.with(|ix| ix.as_ref().and_then(|ix| ix.extent())));
    let on_range = Callback::new(move |(from, to): (Option<i64>, Option<i64>)| filter.update(|f| (f.from, f.to) = (from, to)));
    let on_site = Callback::new(move |key: String| filter.update(|f| f.sites = vec![key]));
    let one_site = Memo::new(move |_| filter.with(|f| match f.sites.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }));

    let state = Signal::derive(move || match loaded.get() {
        _ if pending.get() => PageState::Loading,
        None => PageState::Loading,
        Some(Ok(_)) => PageState::Ready,
        Some(Err(_)) => PageState::Error,
    });
    // The <html> contract for tests and embeds.
    Effect::new(move |_| {
        let total = incidents.with(|i| i.as_ref().map_or(0, |i| i.len()));
        publish(state.get(), total, visible.with(|v| v.len()));
    });

    // Rows the loader skipped or repaired: said once, in the console and in the page.
    let problems = Signal::derive(move || ok.with(|d| d.as_ref().map(|d| d.problems.clone())).unwrap_or_default());
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
    // Which data is on the map, when it is not the bundled set.
    let bundled = Memo::new(move |_| source.with(|s| *s == DataSource::Url(BUNDLED_DATA_URL.into())));
    let rows = Signal::derive(move || ok.with(|d| d.as_ref().map_or(0, |d| d.rows)));
    let export = move |csv: bool| {
        let Some(all) = incidents.get_untracked() else { return };
        let which = visible.get_untracked();
        let chosen = which.iter().map(|&n| &all[n]);
        let result = if csv {
            crate::download::save("incidents.csv", "text/csv;charset=utf-8", &to_csv(chosen))
        } else {
            crate::download::save("incidents.geojson", "application/geo+json", &to_geojson(chosen))
        };
        if let Err(e) = result {
            leptos::logging::error!("export failed: {e:?}");
        }
    };
    let filters_open = RwSignal::new(false);
    let drop_file = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        if let Some(file) = dropped_file(&ev) {
            read_file(file, on_source, on_refused);
        }
    };
    let embed = presentation.embed;
    if embed {
        crate::embed::report_height();
    }
    let on_language = Callback::new(move |lang: Lang| {
        let next = Locale::new(lang, presentation.digits);
        switch_language(next);
        locale.set(next);
    });

    // Everything below is written in the reader's language, and built again when it changes: the data, the
    // filters, the selection and the map's view live above and are kept.
    move || {
        let loc = locale.get();
        provide_context(loc);
        provide_context(Gazetteer(gazetteer));
        // Notices about the URL, in this language.
        let url_notices: Vec<String> = data_source(&query, BUNDLED_DATA_URL, loc)
            .1
            .into_iter()
            .chain(read_state(&query, loc).1)
            .chain(read_presentation(&query, loc).1)
            .collect();
        let notices = move || url_notices.clone().into_iter().map(|n| view! { <p class="notice" role="status">{n}</p> }).collect_view();
        // A memo: the title card, the map's description, the embed and the PNG all read it.
        let summary = Memo::new(move |_| {
            index.with(|ix| ix.as_ref().map(|ix| summary_line(loc, &totals_from_index(ix, &visible.get()))).unwrap_or_default())
        });
        let picture_title = presentation.title.clone().unwrap_or_else(|| loc.t(Msg::AppTitle).into());
        let picture = Signal::derive(move || {
            let dates = extent.get().map(|extent| crate::timeline::range_caption(loc, range.get(), extent)).unwrap_or_default();
            (picture_title.clone(), dates)
        });
        // The page's state, with the error said in this language.
        let status = Signal::derive(move || match state.get() {
            PageState::Loading => Status::Loading,
            PageState::Ready => Status::Ready,
            PageState::Error => loaded.with(|l| match l {
                Some(Err(e)) => Status::Failed(e.message(loc)),
                _ => Status::Loading,
            }),
        });
        let basemap = Signal::derive(move || basemap_text.get().map(|r| r.map_err(|e| e.message(loc))));
        let detail = move || {
            let id = selected.get()?;
            let incident = incidents.with(|all| all.as_ref()?.iter().find(|i| i.id == id).cloned())?;
            Some(view! { <IncidentDetail incident on_close=move |_| selected.set(None) /> })
        };
        // Nothing to count until a data set is loaded (the status banner says what is happening).
        let count_line = move || {
            let total = incidents.with(|i| i.as_ref().map(|i| i.len()))?;
            Some(loc.count(Msg::CountShown, visible.with(|v| v.len()), &[("total", &loc.number(total))]))
        };
        let source_line = move || {
            if bundled.get() {
                return None;
            }
            let format = ok.with(|d| d.as_ref().map(|d| d.format.label(loc)))?;
            Some(tr!(loc, Msg::DataSourceLine, name = source.with(|s| s.name().to_string()), format = format))
        };
        let credit = Signal::derive(move || {
            let format = ok.with(|d| d.as_ref().map(|d| d.format));
            loc.t(if bundled.get() {
                Msg::CreditBundled
            } else if matches!(format, Some(Format::AcledCsv | Format::AcledJson)) {
                Msg::CreditAcled
            } else {
                Msg::CreditLoaded
            })
        });
        let map_area = move || view! {
            <div class="map-area">
                <MapView incidents index visible selected hovered map_pos on_site basemap credit description=summary embed picture />
                <Legend index candidates=unweaponed filter />
                {detail}
            </div>
            <Timeline incidents index candidates=undated range on_range />
        };

        if embed {
            let title = presentation.title.clone().unwrap_or_else(|| loc.t(Msg::AppTitle).into());
            let desc = presentation.desc.clone().unwrap_or_else(|| loc.t(Msg::AppTagline).into());
            if let Some(d) = web_sys::window().and_then(|w| w.document()) {
                d.set_title(&title);
            }
            // The full app with the same view: this page's URL as it is now, without `embed`.
            let full_map = move || {
                let state = ViewState { filter: filter.get(), id: selected.get(), map: map_pos.get() };
                let window = web_sys::window();
                let page = window.as_ref().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
                let current = window.and_then(|w| w.location().search().ok()).unwrap_or_default();
                format!("{page}{}", full_map_query(&write_query(&state, &current)))
            };
            return view! {
                <main class="app embed">
                    <header class="embed-head">
                        <h1>{title}</h1>
                        <p class="desc">{desc}</p>
                        <p class="summary" aria-live="polite">{summary}</p>
                        {notices}
                        <DataReport rows problems />
                    </header>
                    <div class="map-column">{map_area}</div>
                    <details class="embed-list">
                        <summary>{move || loc.count(Msg::EmbedListSummary, visible.with(|v| v.len()), &[])}</summary>
                        <IncidentList incidents visible selected hovered />
                    </details>
                    <footer class="embed-foot">
                        <span class="credit">{move || credit.get()}" · "{loc.t(Msg::CreditBasemap)}" · Leaflet"</span>
                        <a class="full-map" href=full_map target="_blank" rel="noopener">{loc.t(Msg::OpenFullMap)}</a>
                    </footer>
                    <StatusBanner status progress on_retry=move |_| data.refetch() />
                </main>
            }
            .into_any();
        }
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(loc.t(Msg::PageTitle));
        }

        view! {
            <main class="app" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=drop_file>
                <div class="map-column">{map_area}</div>
                <section class="side" aria-label=loc.t(Msg::SideLabel)>
                    <header class="title-card">
                        <div class="title-row">
                            <h1>{loc.t(Msg::AppTitle)}</h1>
                            <LanguageSwitch current=loc.lang on_language />
                        </div>
                        <p class="tagline">{loc.t(Msg::AppTagline)}</p>
                        <p class="count" aria-live="polite">{count_line}</p>
                        <p class="summary">{summary}</p>
                        {move || source_line().map(|line| view! { <p class="data-source">{line}</p> })}
                        {notices}
                        {move || file_notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
                        <DataReport rows problems />
                        <div class="actions">
                            <FileOpener on_source on_refused />
                            <button type="button" on:click=move |_| export(true)>{loc.t(Msg::DownloadCsv)}</button>
                            <button type="button" on:click=move |_| export(false)>{loc.t(Msg::DownloadGeojson)}</button>
                            <EmbedDialog />
                        </div>
                    </header>
                    <button type="button" class="filters-toggle" aria-controls="filters"
                        aria-expanded=move || filters_open.get().to_string()
                        on:click=move |_| filters_open.update(|o| *o = !*o)>{loc.t(Msg::FiltersToggle)}</button>
                    <div id="filters" class="filters-drawer" class:open=move || filters_open.get()>
                        <FilterPanel filter incidents index extent gazetteer />
                    </div>
                    {move || one_site.get().map(|site| view! {
                        <SiteView incidents visible site on_close=move |_| filter.update(|f| f.sites.clear()) />
                    })}
                    <IncidentList incidents visible selected hovered />
                </section>
                <StatusBanner status progress on_retry=move |_| data.refetch() />
            </main>
        }
        .into_any()
    }
}

/// The gazetteer, as context for the views that name a site in the reader's language.
#[derive(Clone, Copy)]
pub struct Gazetteer(pub Memo<Arc<Vec<Site>>>);

/// The gazetteer's name of a site (by its key, `Incident::site_key`, as `gazetteer::by_key` finds it, the way
/// the index does) in the reader's language, when that is not the data's English: in Arabic, a non-blank
/// `name_ar`. Tracks the gazetteer (it may arrive after the data).
pub fn site_name_in(loc: Locale, key: Option<&str>) -> Option<String> {
    if !loc.is_rtl() {
        return None;
    }
    let (Some(Gazetteer(sites)), Some(key)) = (use_context::<Gazetteer>(), key) else { return None };
    sites.with(|sites| {
        let site = crate::gazetteer::by_key(sites, key)?;
        let name = site.name_in(loc.lang);
        (name != site.name).then(|| name.to_string())
    })
}

/// The other language, offered in its own name ("العربية" in the English page, "English" in the Arabic one).
#[component]
fn LanguageSwitch(current: Lang, #[prop(into)] on_language: Callback<Lang>) -> impl IntoView {
    let loc = use_locale();
    let other = Lang::ALL.into_iter().find(|l| *l != current).unwrap_or_default();
    view! {
        <button type="button" class="language" lang=other.as_str() dir=other.dir()
            title=loc.t(Msg::LanguageSwitch) aria-label=format!("{}: {}", loc.t(Msg::LanguageSwitch), other.endonym())
            on:click=move |_| on_language.run(other)>{other.endonym()}</button>
    }
}

/// The browser's languages, in its order of preference.
fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    let mut out: Vec<String> = navigator.languages().iter().filter_map(|l| l.as_string()).collect();
    out.extend(navigator.language());
    out
}

/// `<html lang dir>` for the locale, and the texts `assets/crash.js` shows if the app stops (it can't ask the
/// app then).
fn set_document_language(loc: Locale) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", loc.lang.as_str());
        let _ = root.set_attribute("dir", loc.lang.dir());
        for (name, m) in [("data-crash-title", Msg::CrashTitle), ("data-crash-body", Msg::CrashBody), ("data-crash-reload", Msg::CrashReload)] {
            let _ = root.set_attribute(name, loc.t(m));
        }
    }
}

/// Writes the language into the address bar (replacing the entry: a language is a setting, not a place to go
/// back to), so a shared link or a reload keeps it.
fn switch_language(loc: Locale) {
    let Some(window) = web_sys::window() else { return };
    let current = window.location().search().unwrap_or_default();
    let url = with_param(&current, "lang", loc.lang.as_str());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
