//! The colour theme: `theme=light|dark` from the URL, else the reader's system setting (followed live).
//! The choice is written as `data-theme` on `<html>`, which the style sheets key on.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::url_state::Theme;

fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

fn set(dark: bool) {
    if let Some(root) = root() {
        let _ = root.set_attribute("data-theme", if dark { "dark" } else { "light" });
    }
}

/// Whether the page is in the dark theme now (for what CSS does not style: the canvas, the PNG).
pub fn is_dark() -> bool {
    root().is_some_and(|e| e.get_attribute("data-theme").as_deref() == Some("dark"))
}

/// Applies `asked`, or the system's setting when `None`, and keeps following the system setting then.
pub fn apply(asked: Option<Theme>) {
    match asked {
        Some(t) => set(t == Theme::Dark),
        None => {
            let query = web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
            set(query.as_ref().is_some_and(|q| q.matches()));
            if let Some(q) = query {
                let follow = Closure::<dyn FnMut(web_sys::MediaQueryListEvent)>::new(|e: web_sys::MediaQueryListEvent| set(e.matches()));
                let _ = q.add_event_listener_with_callback("change", follow.as_ref().unchecked_ref());
                // Follows for as long as the page lives.
                follow.forget();
            }
        }
    }
}
