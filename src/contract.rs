//! The `<html>` attributes that tests, benchmarks and embeds rely on: keep these names stable.
//!
//! - `data-state`: `loading` | `ready` | `error`
//! - `data-total`: incidents loaded
//! - `data-visible`: incidents that pass the current filters

/// The load state as published on `<html data-state>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageState {
    Loading,
    Ready,
    Error,
}

impl PageState {
    pub fn as_str(self) -> &'static str {
        match self {
            PageState::Loading => "loading",
            PageState::Ready => "ready",
            PageState::Error => "error",
        }
    }
}

/// Writes the contract onto `<html>`. Only the browser has one; on the host this does nothing.
pub fn publish(state: PageState, total: usize, visible: usize) {
    #[cfg(target_arch = "wasm32")]
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-state", state.as_str());
        let _ = root.set_attribute("data-total", &total.to_string());
        let _ = root.set_attribute("data-visible", &visible.to_string());
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (state, total, visible);
}
