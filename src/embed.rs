//! Embedding in articles: the snippets a newsroom pastes (pure, host-tested), the height the embedded page
//! reports to its host (`postMessage`, also AMP's `embed-size`), and the dialog that shows the snippets.
//!
//! The dialog is written in the reader's language; the embed's own language (English or Arabic, and in
//! Arabic its digits) is chosen in it, starting from the page's, and written into the embed's URL (`lang=`,
//! `digits=`) so that the article's readers see the language the newsroom chose, whatever their browser's.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::i18n::{use_locale, Digits, Lang, Locale, Msg};
use crate::tr;

/// The `type` of the height message, namespaced so a host page can tell it from others.
pub const HEIGHT_MESSAGE: &str = "incident-map:height";
/// Widths offered in the dialog.
const WIDTHS: [Width; 3] = [Width::Responsive, Width::Fixed(640), Width::Fixed(1000)];
/// Heights offered in the dialog, in pixels.
pub const HEIGHTS: [u32; 4] = [400, 500, 600, 800];

/// How wide the iframe is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    /// The article's column width.
    Responsive,
    Fixed(u32),
}

/// Text for an HTML attribute value in double quotes.
pub fn attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The embed URL for a page at `page` (origin and path) showing the view in `query` in the language and
/// digits of `embed`: the same query with `embed=1` first and `lang=` (and `digits=arabic` when the embed
/// writes Arabic-Indic digits) last, in place of those the query had.
pub fn embed_url(page: &str, query: &str, embed: Locale) -> String {
    let mut pairs = crate::url_state::pairs_without(query, &["embed", "lang", "digits"]);
    let lang = format!("lang={}", embed.lang.as_str());
    pairs.push(&lang);
    let digits = format!("digits={}", Digits::Arabic.as_str());
    if embed.digits() == Digits::Arabic {
        pairs.push(&digits);
    }
    format!("{page}?embed=1&{}", pairs.join("&"))
}

/// How the dialog names a width: "Column width (responsive)", "640 px".
pub fn width_label(loc: Locale, width: Width) -> String {
    match width {
        Width::Responsive => loc.t(Msg::EmbedWidthResponsive).to_string(),
        Width::Fixed(px) => pixels(loc, px),
    }
}

/// "600 px", "٦٠٠ بكسل" (a size, written without grouping: "1000 px").
pub fn pixels(loc: Locale, px: u32) -> String {
    tr!(loc, Msg::EmbedPx, n = loc.localise_digits(&px.to_string()))
}

/// A plain `<iframe>`: fixed height, fixed or column width.
pub fn iframe_snippet(url: &str, title: &str, width: Width, height: u32) -> String {
    let width = match width {
        Width::Responsive => "width:100%;".to_string(),
        Width::Fixed(px) => format!("width:{px}px;max-width:100%;"),
    };
    format!(
        "<iframe src=\"{}\" title=\"{}\" style=\"{width}height:{height}px;border:0\" loading=\"lazy\"></iframe>",
        attr(url),
        attr(title)
    )
}

/// The `<iframe>` with the resize script, which sets its height to the embedded page's content.
pub fn resizing_snippet(url: &str, title: &str, width: Width, height: u32, script: &str) -> String {
    format!(
        "{}\n<script src=\"{}\" async></script>",
        iframe_snippet(url, title, width, height).replacen("<iframe ", "<iframe data-incident-map ", 1),
        attr(script)
    )
}

/// Tells the host page the content height: Incident Map's own message, and AMP's `embed-size` request so
/// `amp-iframe` resizes too.
fn post_height(height: f64) {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    if parent == window {
        return;
    }
    let ours = crate::leaflet_ext::obj(&[("type", HEIGHT_MESSAGE.into()), ("height", height.into())]);
    let amp = crate::leaflet_ext::obj(&[("sentinel", "amp".into()), ("type", "embed-size".into()), ("height", height.into())]);
    for message in [ours, amp] {
        let _ = parent.post_message(&message, "*");
    }
}

/// Reports the page's height to the host whenever it changes, for as long as the page lives.
pub fn report_height() {
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else { return };
    let last = std::cell::Cell::new(-1.0);
    let observed = body.clone();
    let measure = move || {
        let Some(root) = observed.parent_element() else { return };
        let height = f64::from(root.scroll_height().max(observed.offset_height()));
        if (height - last.get()).abs() >= 1.0 {
            last.set(height);
            post_height(height);
        }
    };
    let callback = Closure::<dyn FnMut()>::new(measure);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    // The observer lives as long as the page.
    callback.forget();
}

/// The "Embed" button and its dialog: the snippets for the current view, in the language chosen for the embed.
#[component]
pub fn EmbedDialog() -> impl IntoView {
    let loc = use_locale();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let width = RwSignal::new(Width::Responsive);
    let height = RwSignal::new(600u32);
    // The embed's language and digits: the page's to begin with.
    let lang = RwSignal::new(loc.lang);
    let arabic_digits = RwSignal::new(loc.digits() == Digits::Arabic);
    let embed_locale = move || Locale::new(lang.get(), if arabic_digits.get() { Digits::Arabic } else { Digits::Western });
    // The title as the newsroom wrote it; until then, the default title in the embed's language.
    let edited_title = RwSignal::new(None::<String>);
    let title = move || edited_title.get().unwrap_or_else(|| embed_locale().t(Msg::EmbedDefaultTitle).to_string());
    let copied = RwSignal::new(None::<&'static str>);
    let page_and_query = move || {
        let location = web_sys::window().map(|w| w.location());
        let page = location.as_ref().and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))).unwrap_or_default();
        let query = location.and_then(|l| l.search().ok()).unwrap_or_default();
        (page, query)
    };
    // Read on open, so the snippet has the view as it is then.
    let page_url = RwSignal::new((String::new(), String::new()));
    let script_url = RwSignal::new(String::new());
    let open = move |_| {
        let (page, query) = page_and_query();
        let base = page.rsplit_once('/').map_or(page.clone(), |(dir, _)| format!("{dir}/"));
        page_url.set((page, query));
        script_url.set(format!("{base}embed.js"));
        copied.set(None);
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let view_url = move || page_url.with(|(page, query)| embed_url(page, query, embed_locale()));
    let plain = move || iframe_snippet(&view_url(), &title(), width.get(), height.get());
    let resizing = move || resizing_snippet(&view_url(), &title(), width.get(), height.get(), &script_url.get());
    let copy = move |which: &'static str, text: String| {
        let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
        if let Some(c) = clipboard {
            let _ = c.write_text(&text);
            copied.set(Some(which));
        }
    };
    let copy_label = move |which: &'static str| loc.t(if copied.get() == Some(which) { Msg::EmbedCopied } else { Msg::EmbedCopy });
    let select_all = |ev: web_sys::FocusEvent| {
        if let Some(t) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
            t.select();
        }
    };
    view! {
        <button type="button" class="embed-button" on:click=open>{loc.t(Msg::EmbedButton)}</button>
        <dialog node_ref=dialog class="embed-dialog" aria-labelledby="embed-title">
            <h2 id="embed-title">{loc.t(Msg::EmbedTitle)}</h2>
            <p>{loc.t(Msg::EmbedIntro)}</p>
            <div class="embed-options">
                <label>{loc.t(Msg::EmbedTitleLabel)}" "
                    <input type="text" dir="auto" prop:value=title on:input=move |ev| edited_title.set(Some(event_target_value(&ev))) />
                </label>
                <fieldset class="embed-language">
                    <legend>{loc.t(Msg::EmbedLanguage)}</legend>
                    {Lang::ALL.into_iter().map(|l| view! {
                        <label><input type="radio" name="embed-lang" prop:checked=move || lang.get() == l on:change=move |_| lang.set(l) />
                            <span lang=l.as_str() dir=l.dir()>{l.endonym()}</span></label>
                    }).collect_view()}
                    {move || (lang.get() == Lang::Ar).then(|| view! {
                        <label><input type="checkbox" prop:checked=move || arabic_digits.get() on:change=move |ev| arabic_digits.set(event_target_checked(&ev)) />
                            {loc.t(Msg::EmbedArabicDigits)}</label>
                    })}
                </fieldset>
                <fieldset>
                    <legend>{loc.t(Msg::EmbedWidth)}</legend>
                    {WIDTHS.into_iter().map(|w| view! {
                        <label><input type="radio" name="embed-width" prop:checked=move || width.get() == w on:change=move |_| width.set(w) />{width_label(loc, w)}</label>
                    }).collect_view()}
                </fieldset>
                <fieldset>
                    <legend>{loc.t(Msg::EmbedHeight)}</legend>
                    {HEIGHTS.into_iter().map(|h| view! {
                        <label><input type="radio" name="embed-height" prop:checked=move || height.get() == h on:change=move |_| height.set(h) />{pixels(loc, h)}</label>
                    }).collect_view()}
                </fieldset>
            </div>
            // The snippets are code: left to right in either language.
            <label class="snippet">{loc.t(Msg::EmbedResizing)}
                <textarea readonly rows="4" dir="ltr" on:focus=select_all prop:value=resizing></textarea>
            </label>
            <button type="button" on:click=move |_| copy("resizing", resizing())>{move || copy_label("resizing")}</button>
            <label class="snippet">{loc.t(Msg::EmbedPlain)}
                <textarea readonly rows="3" dir="ltr" on:focus=select_all prop:value=plain></textarea>
            </label>
            <button type="button" on:click=move |_| copy("plain", plain())>{move || copy_label("plain")}</button>
            <form method="dialog"><button class="close-dialog">{loc.t(Msg::EmbedClose)}</button></form>
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_carry_the_view_and_escape_what_they_quote() {
        let url = embed_url("https://news.example/maps/", "?weapon=rocket&embed=1&title=A%26B", Locale::EN);
        assert_eq!(url, "https://news.example/maps/?embed=1&weapon=rocket&title=A%26B&lang=en");
        assert_eq!(embed_url("https://h/", "", Locale::EN), "https://h/?embed=1&lang=en");
        let plain = iframe_snippet(&url, "Rockets \"and\" <drones>", Width::Fixed(640), 500);
        assert_eq!(
            plain,
            "<iframe src=\"https://news.example/maps/?embed=1&amp;weapon=rocket&amp;title=A%26B&amp;lang=en\" \
             title=\"Rockets &quot;and&quot; &lt;drones&gt;\" style=\"width:640px;max-width:100%;height:500px;border:0\" loading=\"lazy\"></iframe>"
        );
        let resizing = resizing_snippet(&url, "T", Width::Responsive, 600, "https://news.example/maps/embed.js");
        assert!(resizing.starts_with("<iframe data-incident-map src="));
        assert!(resizing.contains("style=\"width:100%;height:600px;border:0\""));
        assert!(resizing.ends_with("<script src=\"https://news.example/maps/embed.js\" async></script>"));
    }

    #[test]
    fn the_embed_is_in_the_language_chosen_for_it() {
        let arabic = Locale::new(Lang::Ar, Digits::Arabic);
        let western = Locale::new(Lang::Ar, Digits::Western);
        // The page's own language and digits give way to the embed's.
        let query = "?lang=ar&weapon=drone&digits=arabic&embed=1";
        assert_eq!(embed_url("https://h/", query, arabic), "https://h/?embed=1&weapon=drone&lang=ar&digits=arabic");
        assert_eq!(embed_url("https://h/", query, western), "https://h/?embed=1&weapon=drone&lang=ar");
        assert_eq!(embed_url("https://h/", query, Locale::EN), "https://h/?embed=1&weapon=drone&lang=en");
        // Arabic-Indic digits belong to the Arabic interface only.
        assert_eq!(embed_url("https://h/", "", Locale::new(Lang::En, Digits::Arabic)), "https://h/?embed=1&lang=en");
        let (p, notices) = crate::url_state::read_presentation(embed_url("https://h/", query, arabic).split_once('?').unwrap().1, Locale::EN);
        assert_eq!((p.embed, p.lang, p.digits, notices.len()), (true, Some(Lang::Ar), Digits::Arabic, 0));
    }

    #[test]
    fn sizes_are_named_in_the_readers_language() {
        let arabic = Locale::new(Lang::Ar, Digits::Arabic);
        assert_eq!(width_label(Locale::EN, Width::Responsive), "Column width (responsive)");
        assert_eq!(width_label(Locale::EN, Width::Fixed(1000)), "1000 px");
        assert_eq!(pixels(Locale::EN, 500), "500 px");
        assert_eq!(width_label(arabic, Width::Fixed(640)), "٦٤٠ بكسل");
        assert_eq!(width_label(Locale::new(Lang::Ar, Digits::Western), Width::Responsive), "عرض العمود (متجاوب)");
    }
}
