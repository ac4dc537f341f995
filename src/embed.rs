//! Embedding in articles: the snippets a newsroom pastes (pure, host-tested), the height the embedded page
//! reports to its host (`postMessage`, also AMP's `embed-size`), and the dialog that shows the snippets.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The `type` of the height message, namespaced so a host page can tell it from others.
pub const HEIGHT_MESSAGE: &str = "incident-map:height";
/// Widths offered in the dialog.
const WIDTHS: [(Width, &str); 3] = [(Width::Responsive, "Column width (responsive)"), (Width::Fixed(640), "640 px"), (Width::Fixed(1000), "1000 px")];
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

/// The embed URL for a page at `page` (origin and path) showing the view in `query`: the same query with
/// `embed=1` first.
pub fn embed_url(page: &str, query: &str) -> String {
    let rest = crate::url_state::full_map_query(query);
    let rest = rest.trim_start_matches('?');
    if rest.is_empty() {
        format!("{page}?embed=1")
    } else {
        format!("{page}?embed=1&{rest}")
    }
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

/// The "Embed" button and its dialog: the snippets for the current view.
#[component]
pub fn EmbedDialog() -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let width = RwSignal::new(Width::Responsive);
    let height = RwSignal::new(600u32);
    let title = RwSignal::new("Incident Map: attacks and strikes in Iraq and Syria".to_string());
    let copied = RwSignal::new(None::<&'static str>);
    let page_and_query = move || {
        let location = web_sys::window().map(|w| w.location());
        let page = location.as_ref().and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))).unwrap_or_default();
        let query = location.and_then(|l| l.search().ok()).unwrap_or_default();
        (page, query)
    };
    // Recomputed on open, so the snippet has the view as it is then.
    let view_url = RwSignal::new(String::new());
    let script_url = RwSignal::new(String::new());
    let open = move |_| {
        let (page, query) = page_and_query();
        let base = page.rsplit_once('/').map_or(page.clone(), |(dir, _)| format!("{dir}/"));
        view_url.set(embed_url(&page, &query));
        script_url.set(format!("{base}embed.js"));
        copied.set(None);
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let plain = move || iframe_snippet(&view_url.get(), &title.get(), width.get(), height.get());
    let resizing = move || resizing_snippet(&view_url.get(), &title.get(), width.get(), height.get(), &script_url.get());
    let copy = move |which: &'static str, text: String| {
        let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
        if let Some(c) = clipboard {
            let _ = c.write_text(&text);
            copied.set(Some(which));
        }
    };
    let select_all = |ev: web_sys::FocusEvent| {
        if let Some(t) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
            t.select();
        }
    };
    view! {
        <button type="button" class="embed-button" on:click=open>"Embed…"</button>
        <dialog node_ref=dialog class="embed-dialog" aria-labelledby="embed-title">
            <h2 id="embed-title">"Embed this map"</h2>
            <p>"The embed shows the map, a compact timeline and the legend with the filters, selection and view you have now."</p>
            <div class="embed-options">
                <label>"Title (for screen readers) "
                    <input type="text" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
                </label>
                <fieldset>
                    <legend>"Width"</legend>
                    {WIDTHS.into_iter().map(|(w, label)| view! {
                        <label><input type="radio" name="embed-width" prop:checked=move || width.get() == w on:change=move |_| width.set(w) />{label}</label>
                    }).collect_view()}
                </fieldset>
                <fieldset>
                    <legend>"Height"</legend>
                    {HEIGHTS.into_iter().map(|h| view! {
                        <label><input type="radio" name="embed-height" prop:checked=move || height.get() == h on:change=move |_| height.set(h) />{format!("{h} px")}</label>
                    }).collect_view()}
                </fieldset>
            </div>
            <label class="snippet">"With automatic height (recommended)"
                <textarea readonly rows="4" on:focus=select_all prop:value=resizing></textarea>
            </label>
            <button type="button" on:click=move |_| copy("resizing", resizing())>
                {move || if copied.get() == Some("resizing") { "Copied" } else { "Copy" }}
            </button>
            <label class="snippet">"Plain iframe (fixed height)"
                <textarea readonly rows="3" on:focus=select_all prop:value=plain></textarea>
            </label>
            <button type="button" on:click=move |_| copy("plain", plain())>
                {move || if copied.get() == Some("plain") { "Copied" } else { "Copy" }}
            </button>
            <form method="dialog"><button class="close-dialog">"Close"</button></form>
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_carry_the_view_and_escape_what_they_quote() {
        let url = embed_url("https://news.example/maps/", "?weapon=rocket&embed=1&title=A%26B");
        assert_eq!(url, "https://news.example/maps/?embed=1&weapon=rocket&title=A%26B");
        assert_eq!(embed_url("https://h/", ""), "https://h/?embed=1");
        let plain = iframe_snippet(&url, "Rockets \"and\" <drones>", Width::Fixed(640), 500);
        assert_eq!(
            plain,
            "<iframe src=\"https://news.example/maps/?embed=1&amp;weapon=rocket&amp;title=A%26B\" \
             title=\"Rockets &quot;and&quot; &lt;drones&gt;\" style=\"width:640px;max-width:100%;height:500px;border:0\" loading=\"lazy\"></iframe>"
        );
        let resizing = resizing_snippet(&url, "T", Width::Responsive, 600, "https://news.example/maps/embed.js");
        assert!(resizing.starts_with("<iframe data-incident-map src="));
        assert!(resizing.contains("style=\"width:100%;height:600px;border:0\""));
        assert!(resizing.ends_with("<script src=\"https://news.example/maps/embed.js\" async></script>"));
    }
}
