//! What the in-browser test files share.

use wasm_bindgen::JsCast;

/// A fresh `<div>` in the page's body to mount a component in.
pub fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let el: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&el).unwrap();
    el
}
