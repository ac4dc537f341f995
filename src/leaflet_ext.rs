//! Leaflet calls that the `leaflet` crate (0.5) does not expose, bound here and nowhere else.

use js_sys::{Object, Reflect};
use leaflet::{Control, Layer, LayerGroup};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `L.geoJSON(data, options)`: the crate declares it in a private module.
    #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
    pub fn geo_json(data: &JsValue, options: &JsValue) -> LayerGroup;

    /// `L.control.layers(baseLayers, overlays, options)`, with overlays (the crate takes base layers only).
    #[wasm_bindgen(js_namespace = ["L", "control"], js_name = layers)]
    pub fn layers_control(base_layers: &JsValue, overlays: &JsValue, options: &JsValue) -> Control;

    /// A Leaflet marker seen through the methods the crate leaves out.
    type MarkerMethods;

    #[wasm_bindgen(method, js_name = getElement)]
    fn get_element(this: &MarkerMethods) -> Option<web_sys::Element>;

    /// `L.divIcon(options)`: the crate's `DivIcon::new` builds an `L.Icon`, which needs an image URL.
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    pub fn div_icon(options: &JsValue) -> leaflet::Icon;

    /// A Leaflet layer seen through the methods the crate binds under a wrong name.
    type LayerMethods;

    /// `layer.bindTooltip(content, options)`; the crate's `bind_tooltip_with_content` calls a
    /// `bindTooltipWithContent` that Leaflet does not have.
    #[wasm_bindgen(method, js_name = bindTooltip)]
    fn bind_tooltip(this: &LayerMethods, content: &JsValue, options: &JsValue);

    /// A Leaflet map seen through the properties the crate leaves out.
    type MapProperties;

    /// `map.scrollWheelZoom`: the handler, to switch wheel zoom on once an embed is clicked.
    #[wasm_bindgen(method, getter, js_name = scrollWheelZoom)]
    fn scroll_wheel_zoom(this: &MapProperties) -> leaflet::Handler;

    /// `map.panInside(latlng, options)`: pans the least needed to bring a point inside the padded view.
    #[wasm_bindgen(method, js_name = panInside)]
    fn pan_inside(this: &MapProperties, latlng: &leaflet::LatLng, options: &JsValue);

    #[wasm_bindgen(method, getter, js_name = attributionControl)]
    fn attribution_control(this: &MapProperties) -> AttributionControl;

    /// `L.Control.Attribution`.
    pub type AttributionControl;

    #[wasm_bindgen(method, js_name = setPrefix)]
    pub fn set_prefix(this: &AttributionControl, prefix: &str);

    #[wasm_bindgen(method, js_name = addAttribution)]
    pub fn add_attribution(this: &AttributionControl, text: &str);

    #[wasm_bindgen(method, js_name = removeAttribution)]
    pub fn remove_attribution(this: &AttributionControl, text: &str);
}

/// The element of a marker once it is on a map (its icon).
pub fn marker_element(marker: &leaflet::Marker) -> Option<web_sys::Element> {
    marker.unchecked_ref::<MarkerMethods>().get_element()
}

/// Reads `layer.options[key]` as numbers (a cluster's bounds).
pub fn layer_option_numbers(layer: &JsValue, key: &str) -> Vec<f64> {
    Reflect::get(layer, &"options".into())
        .and_then(|o| Reflect::get(&o, &key.into()))
        .ok()
        .filter(|v| v.is_array())
        .map(|v| js_sys::Array::from(&v).iter().filter_map(|n| n.as_f64()).collect())
        .unwrap_or_default()
}

/// Binds a tooltip showing `content` (an element or text, never parsed as HTML when an element).
pub fn bind_tooltip(layer: &Layer, content: &JsValue, options: &JsValue) {
    layer.unchecked_ref::<LayerMethods>().bind_tooltip(content, options);
}

/// Pans the map so that `at` is visible, keeping clear `left` and `right` pixels on either side (a panel over
/// the map).
pub fn pan_inside(map: &leaflet::Map, at: &leaflet::LatLng, (left, right): (f64, f64)) {
    let pad = |x: f64, y: f64| js_sys::Array::of2(&x.into(), &y.into()).into();
    let options = obj(&[("paddingTopLeft", pad(left + 40.0, 40.0)), ("paddingBottomRight", pad(right + 40.0, 40.0))]);
    map.unchecked_ref::<MapProperties>().pan_inside(at, &options);
}

/// Switches zooming with the mouse wheel on.
pub fn enable_wheel_zoom(map: &leaflet::Map) {
    map.unchecked_ref::<MapProperties>().scroll_wheel_zoom().enable();
}

/// The map's attribution control (the credit line).
pub fn attribution(map: &leaflet::Map) -> AttributionControl {
    map.unchecked_ref::<MapProperties>().attribution_control()
}

/// A plain options object from key/value pairs: `obj(&[("radius", 6.0.into())])`.
pub fn obj(entries: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in entries {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

/// Reads `layer.options[key]` as a number (which incident or site a clicked marker stands for).
pub fn layer_option_f64(layer: &JsValue, key: &str) -> Option<f64> {
    let options = Reflect::get(layer, &JsValue::from_str("options")).ok()?;
    Reflect::get(&options, &JsValue::from_str(key)).ok()?.as_f64()
}

/// The map's view with `share` of its size again on every side, as west-south / east-north corners: the
/// region marks are made for.
pub fn view_with_margin(map: &leaflet::Map, share: f64) -> geo::Rect<f64> {
    let size = map.get_size();
    let (mx, my) = (size.x() * share, size.y() * share);
    let at = |x: f64, y: f64| map.container_point_to_lat_lng(&leaflet::Point::new(x, y));
    let (nw, se) = (at(-mx, -my), at(size.x() + mx, size.y() + my));
    geo::Rect::new(geo::coord! { x: nw.lng(), y: se.lat() }, geo::coord! { x: se.lng(), y: nw.lat() })
}
