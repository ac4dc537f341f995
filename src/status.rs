//! `StatusBanner`: the loading indicator, and the error with its retry.

use leptos::prelude::*;

use crate::parse::Progress;
use crate::text::thousands;

/// What the page is waiting for or what went wrong, as shown to people.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Loading,
    Ready,
    Failed(String),
}

#[component]
pub fn StatusBanner(
    #[prop(into)] status: Signal<Status>,
    /// How far the parse of a large file is, once it has started.
    #[prop(into)] progress: Signal<Option<Progress>>,
    #[prop(into)] on_retry: Callback<()>,
) -> impl IntoView {
    let loading_text = move || match progress.get() {
        None => "Loading incidents…".to_string(),
        Some(Progress { rows, fraction: Some(f) }) => format!("Reading incidents… {:.0}% · {} rows", f * 100.0, thousands(rows)),
        Some(Progress { rows, fraction: None }) => format!("Reading incidents… {} rows", thousands(rows)),
    };
    // Without a fraction (a download of unknown length) the bar has no value: it shows activity only.
    let percent = move || progress.get().and_then(|p| p.fraction).map(|f| format!("{:.0}", f * 100.0));
    move || match status.get() {
        Status::Loading => view! {
            <div class="status loading" role="status" aria-live="polite">
                <span class="spinner" aria-hidden="true"></span>
                <span class="text">{loading_text}</span>
                <progress max="100" value=percent aria-hidden="true"></progress>
            </div>
        }
        .into_any(),
        Status::Failed(message) => view! {
            <div class="status error" role="alert">
                <p><strong>"The incidents could not be loaded."</strong></p>
                <p class="message">{message}</p>
                <button on:click=move |_| on_retry.run(())>"Retry"</button>
            </div>
        }
        .into_any(),
        Status::Ready => ().into_any(),
    }
}
