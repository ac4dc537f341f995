//! `StatusBanner`: the loading indicator, and the error with its retry.

use leptos::prelude::*;

/// What the page is waiting for or what went wrong, as shown to people.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Loading,
    Ready,
    Failed(String),
}

#[component]
pub fn StatusBanner(#[prop(into)] status: Signal<Status>, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    move || match status.get() {
        Status::Loading => view! {
            <div class="status loading" role="status" aria-live="polite">
                <span class="spinner" aria-hidden="true"></span>"Loading incidents…"
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
