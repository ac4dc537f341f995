//! The offline basemap: Natural Earth outlines, rivers and lakes, and GeoNames cities, drawn by
//! `L.geoJSON` from `assets/basemap/region.geojson`. The closures Leaflet calls back live in `Basemap`
//! and are dropped with it. Labels are in the reader's language: `name_ar` in Arabic (every city, country
//! and river label has one), `name` otherwise and where a feature has no Arabic name.

use js_sys::{Reflect, JSON};
use leaflet::{LatLng, Layer, LayerGroup, Map, Marker, MarkerOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{Lang, Locale, Msg};
use crate::leaflet_ext::{div_icon, geo_json, obj};

/// The properties a label's name is read from, in order, for a language: the Arabic name first in Arabic.
pub fn name_keys(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Ar => &["name_ar", "name"],
        Lang::En => &["name"],
    }
}

/// Panes below Leaflet's overlay pane (z-index 400), so incidents are always drawn above the basemap.
const SHAPES_PANE: (&str, &str) = ("basemap", "250");
const LABELS_PANE: (&str, &str) = ("basemap-labels", "390");

pub struct Basemap {
    pub layer: LayerGroup,
    _style: Closure<dyn Fn(JsValue) -> JsValue>,
    _point: Closure<dyn Fn(JsValue, LatLng) -> Layer>,
}

fn prop(feature: &JsValue, key: &str) -> JsValue {
    Reflect::get(feature, &"properties".into())
        .and_then(|p| Reflect::get(&p, &key.into()))
        .unwrap_or(JsValue::UNDEFINED)
}

fn style(feature: JsValue) -> JsValue {
    let layer = prop(&feature, "layer").as_string().unwrap_or_default();
    let focus = prop(&feature, "focus").as_bool().unwrap_or(false);
    let o = match (layer.as_str(), focus) {
        ("country", true) => obj(&[
            ("className", "bm-country bm-focus".into()),
            ("weight", 1.4.into()),
        ]),
        ("country", false) => obj(&[("className", "bm-country".into()), ("weight", 0.8.into())]),
        ("lake", _) => obj(&[("className", "bm-lake".into()), ("weight", 0.5.into())]),
        ("river", _) => obj(&[("className", "bm-river".into()), ("weight", 1.3.into()), ("fill", false.into())]),
        _ => obj(&[]),
    };
    // Colours come from CSS classes so the dark theme can restyle them.
    let _ = Reflect::set(&o, &"interactive".into(), &false.into());
    o.into()
}

fn label(lang: Lang, feature: JsValue, at: LatLng) -> Layer {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let layer = prop(&feature, "layer").as_string().unwrap_or_default();
    let (key, name) = name_keys(lang)
        .iter()
        .find_map(|k| prop(&feature, k).as_string().filter(|n| !n.is_empty()).map(|n| (*k, n)))
        .unwrap_or_default();
    let el = document.create_element("span").expect("span");
    el.set_text_content(Some(&name));
    // Tells the CSS an Arabic name (no letter spacing or slanting, which break joined letters); the label's
    // place by its point is left to right, as the map.
    if key == "name_ar" {
        let _ = el.set_attribute("lang", Lang::Ar.as_str());
    }
    let class = match layer.as_str() {
        "city" => format!("bm-label bm-city rank-{}", prop(&feature, "rank").as_f64().unwrap_or(3.0)),
        "country_label" => "bm-label bm-country-label".to_string(),
        _ => "bm-label bm-river-label".to_string(),
    };
    if let Some(angle) = prop(&feature, "angle").as_f64() {
        let _ = el.set_attribute("style", &format!("transform: rotate({angle}deg)"));
    }
    let icon = div_icon(&obj(&[("className", class.into()), ("html", el.into()), ("iconSize", JsValue::NULL)]));
    let options = MarkerOptions::new();
    options.set_icon(icon);
    options.set_interactive(false);
    options.set_keyboard(false);
    options.set_pane(LABELS_PANE.0.to_string());
    Marker::new_with_options(&at, &options).unchecked_into()
}

impl Basemap {
    /// Builds the basemap from the GeoJSON text and adds it to `map`, labelled and credited in `loc`.
    pub fn add(map: &Map, geojson_text: &str, loc: Locale) -> Result<Basemap, JsValue> {
        let data = JSON::parse(geojson_text)?;
        for (name, z) in [SHAPES_PANE, LABELS_PANE] {
            let pane = map.create_pane_by_name(name);
            pane.style().set_property("z-index", z)?;
        }
        let style_cb = Closure::<dyn Fn(JsValue) -> JsValue>::new(style);
        let point_cb = Closure::<dyn Fn(JsValue, LatLng) -> Layer>::new(move |feature, at| label(loc.lang, feature, at));
        let options = obj(&[
            ("style", style_cb.as_ref().clone()),
            ("pointToLayer", point_cb.as_ref().clone()),
            ("attribution", loc.t(Msg::CreditBasemap).into()),
            ("interactive", false.into()),
            ("pane", SHAPES_PANE.0.into()),
        ]);
        let layer = geo_json(&data, &options);
        layer.unchecked_ref::<Layer>().add_to(map);
        Ok(Basemap { layer, _style: style_cb, _point: point_cb })
    }
}

impl Drop for Basemap {
    fn drop(&mut self) {
        self.layer.unchecked_ref::<Layer>().remove();
    }
}
