//! `StatusBanner`: the loading indicator, and the error with its retry.

use leptos::prelude::*;

use crate::i18n::{Locale, Msg};
use crate::parse::Progress;

/// What the page is waiting for or what went wrong, as shown to people.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Loading,
    Ready,
    Failed(String),
}

/// What the page says while it loads: "Loading incidents…", then how far the reading is ("Reading incidents…
/// 42% · 12,000 rows").
pub fn loading_text(loc: Locale, progress: Option<Progress>) -> String {
    match progress {
        None => loc.t(Msg::LoadingIncidents).into(),
        Some(Progress { rows, fraction: Some(f) }) => loc.count(Msg::LoadingReadingPercent, rows, &[("percent", &loc.percent(f))]),
        Some(Progress { rows, fraction: None }) => loc.count(Msg::LoadingReading, rows, &[]),
    }
}

#[component]
pub fn StatusBanner(
    #[prop(into)] status: Signal<Status>,
    /// How far the parse of a large file is, once it has started.
    #[prop(into)] progress: Signal<Option<Progress>>,
    #[prop(into)] on_retry: Callback<()>,
) -> impl IntoView {
    let loc = crate::i18n::use_locale();
    let text = move || loading_text(loc, progress.get());
    // Without a fraction (a download of unknown length) the bar has no value: it shows activity only.
    let percent = move || progress.get().and_then(|p| p.fraction).map(|f| format!("{:.0}", f * 100.0));
    move || match status.get() {
        Status::Loading => view! {
            <div class="status loading" role="status" aria-live="polite">
                <span class="spinner" aria-hidden="true"></span>
                <span class="text">{text}</span>
                <progress max="100" value=percent aria-hidden="true"></progress>
            </div>
        }
        .into_any(),
        Status::Failed(message) => view! {
            <div class="status error" role="alert">
                <p><strong>{loc.t(Msg::LoadingFailed)}</strong></p>
                <p class="message">{message}</p>
                <button on:click=move |_| on_retry.run(())>{loc.t(Msg::LoadingRetry)}</button>
            </div>
        }
        .into_any(),
        Status::Ready => ().into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Digits, Lang};

    #[test]
    fn the_loading_text_says_how_far_the_reading_is() {
        let at = |rows, fraction| Some(Progress { rows, fraction });
        assert_eq!(loading_text(Locale::EN, None), "Loading incidents…");
        assert_eq!(loading_text(Locale::EN, at(12_000, Some(0.42))), "Reading incidents… 42% · 12,000 rows");
        assert_eq!(loading_text(Locale::EN, at(500, None)), "Reading incidents… 500 rows");
        let ar = Locale::new(Lang::Ar, Digits::Western);
        assert_eq!(loading_text(ar, None), "جارٍ تحميل الحوادث…");
        assert_eq!(loading_text(ar, at(12_000, Some(0.42))), "جارٍ قراءة الحوادث… 42% · 12,000 صف");
        assert_eq!(loading_text(ar, at(500, None)), "جارٍ قراءة الحوادث… 500 صف");
        let arabic = Locale::new(Lang::Ar, Digits::Arabic);
        assert_eq!(loading_text(arabic, at(12_050, Some(0.42))), "جارٍ قراءة الحوادث… ٤٢٪ · ١٢٬٠٥٠ صفاً");
        assert_eq!(arabic.t(Msg::LoadingRetry), "إعادة المحاولة");
    }
}
