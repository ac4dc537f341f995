//! `FileOpener`: open a local data file with the file picker or by dropping it on the page. The file is read
//! in the browser and never uploaded.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::{DataSource, MAX_FILE_BYTES};

/// Reads `file` and hands it on as a data source, or says why not.
pub fn read_file(file: web_sys::File, on_source: Callback<DataSource>, on_refused: Callback<String>) {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES {
        on_refused.run(format!(
            "{name} is {:.0} MB; files up to {:.0} MB can be opened",
            file.size() / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576.0
        ));
        return;
    }
    leptos::task::spawn_local(async move {
        match JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()) {
            Some(text) => on_source.run(DataSource::File { name, content_type: file.type_(), text: Arc::new(text) }),
            None => on_refused.run(format!("{name} could not be read as text")),
        }
    });
}

/// The first file of a drop, if any.
pub fn dropped_file(ev: &web_sys::DragEvent) -> Option<web_sys::File> {
    ev.data_transfer()?.files()?.get(0)
}

#[component]
pub fn FileOpener(#[prop(into)] on_source: Callback<DataSource>, #[prop(into)] on_refused: Callback<String>) -> impl IntoView {
    let on_change = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            read_file(file, on_source, on_refused);
        }
        input.set_value("");
    };
    view! {
        <label class="open-file">
            "Open a data file…"
            <input type="file" accept=".geojson,.json,.csv,.tsv,.txt,application/geo+json,application/json,text/csv,text/tab-separated-values" on:change=on_change />
        </label>
    }
}
