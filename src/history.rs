//! The view in the address bar: every change of filters, selection or map view is written to the URL, and
//! back/forward (`popstate`) read it again. Discrete changes (a toggle, a site, a selection) add a history
//! entry; moving the map, and a quick run of date or text changes (brushing, typing), update the current one.

use leptos::prelude::*;

use crate::filter::Filter;
use crate::url_state::{read_state, write_query, MapPos, ViewState};

/// Which parts of the view differ between two states.
fn changed(a: &ViewState, b: &ViewState) -> [bool; 4] {
    let (fa, fb) = (&a.filter, &b.filter);
    [
        (fa.from, fa.to, &fa.q) != (fb.from, fb.to, &fb.q),
        Filter { from: None, to: None, q: String::new(), ..fa.clone() } != Filter { from: None, to: None, q: String::new(), ..fb.clone() },
        a.id != b.id,
        a.map != b.map,
    ]
}

/// How long a run of the same kind of change keeps updating one history entry.
const RUN_MS: f64 = 1500.0;

/// Keeps the URL and these signals in step, both ways.
pub fn sync(filter: RwSignal<Filter>, selected: RwSignal<Option<String>>, map_pos: RwSignal<Option<MapPos>>) {
    let last = StoredValue::new((None::<ViewState>, [false; 4], 0.0f64));
    Effect::new(move |_| {
        let state = ViewState { filter: filter.get(), id: selected.get(), map: map_pos.get() };
        let Some(window) = web_sys::window() else { return };
        let location = window.location();
        let current = location.search().unwrap_or_default();
        let query = write_query(&state, &current);
        let (previous, last_kind, last_at) = last.get_value();
        let now = js_sys::Date::now();
        let kind = previous.as_ref().map_or([false; 4], |p| changed(p, &state));
        if query != current {
            let url = if query.is_empty() { location.pathname().unwrap_or_else(|_| "./".into()) } else { query };
            let history = window.history().ok();
            // The first write, a move of the map, or more of the same kind of change soon after: replace.
            let map_only = kind == [false, false, false, true];
            let continuous = kind == [true, false, false, false];
            let replace = previous.is_none() || map_only || (continuous && kind == last_kind && now - last_at < RUN_MS);
            if let Some(h) = history {
                let _ = if replace {
                    h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                } else {
                    h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                };
            }
        }
        last.set_value((Some(state), kind, now));
    });

    let listener = window_event_listener(leptos::ev::popstate, move |_| {
        let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        let (state, _) = read_state(&query, crate::i18n::Locale::EN);
        // Recorded first, so the write-back effect sees no change and adds no entry.
        last.set_value((Some(state.clone()), [false; 4], 0.0));
        // Only what changed: an unchanged map view must not move the map again (a refit redraws the basemap),
        // nor an unchanged filter run it again.
        if filter.with_untracked(|f| *f != state.filter) {
            filter.set(state.filter);
        }
        if selected.with_untracked(|s| *s != state.id) {
            selected.set(state.id);
        }
        if map_pos.with_untracked(|m| *m != state.map) {
            map_pos.set(state.map);
        }
    });
    on_cleanup(move || listener.remove());
}
