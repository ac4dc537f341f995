//! `MapView`: the one component that owns Leaflet. It creates the map once, draws the basemap, redraws the
//! incident layer when the visible set changes, restyles on selection, and removes the map on cleanup.

use std::sync::Arc;

use js_sys::Object;
use leaflet::{CircleMarker, Evented, EventedHandle, FeatureGroup, LatLng, LatLngBounds, Layer, Map, MapOptions, TileLayer, TileLayerOptions};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

use crate::basemap::Basemap;
use crate::leaflet_ext::{layer_option_str, layers_control, obj};
use crate::model::Incident;
use crate::symbol::{kind_dash, marker_radius, weapon_color};

/// First view: Iraq and Syria with a margin (south-west, north-east).
pub const FIRST_VIEW: ((f64, f64), (f64, f64)) = ((28.0, 34.5), (38.5, 50.0));
/// How far one can pan: the basemap's extent.
pub const MAX_BOUNDS: ((f64, f64), (f64, f64)) = ((24.0, 30.0), (42.0, 56.0));
/// Optional online street tiles, off by default so the page asks no other host for anything.
const TILES_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const TILES_ATTRIBUTION: &str = "© OpenStreetMap contributors";
const TILES_LABEL: &str = "Street map tiles (online, OpenStreetMap)";

fn bounds(((s, w), (n, e)): ((f64, f64), (f64, f64))) -> LatLngBounds {
    LatLngBounds::new(&LatLng::new(s, w), &LatLng::new(n, e))
}

/// The Leaflet objects the view keeps; dropped (and so unsubscribed and removed) with the view.
struct Handles {
    map: Map,
    incidents: FeatureGroup,
    markers: Vec<(String, CircleMarker)>,
    basemap: Option<Basemap>,
    /// The incident credit now in the credit line.
    credit: Option<&'static str>,
    _click: EventedHandle<leaflet::Event>,
    _zoom: EventedHandle<leaflet::Event>,
}

fn create_map(el: &web_sys::HtmlElement, selected: RwSignal<Option<String>>) -> Result<Handles, JsValue> {
    let options = MapOptions::new();
    options.set_max_bounds(bounds(MAX_BOUNDS));
    options.set_max_bounds_viscosity(1.0);
    options.set_min_zoom(4.0);
    options.set_max_zoom(13.0);
    options.set_zoom_snap(0.25);
    let map = Map::new_with_element(el, &options)?;
    map.fit_bounds(&bounds(FIRST_VIEW));
    let credits = crate::leaflet_ext::attribution(&map);
    credits.set_prefix("<a href=\"https://leafletjs.com\" target=\"_blank\" rel=\"noopener noreferrer\">Leaflet</a>");

    let tiles_options = TileLayerOptions::new();
    tiles_options.set_attribution(TILES_ATTRIBUTION.to_string());
    tiles_options.set_max_zoom(13.0);
    let tiles = TileLayer::new_options(TILES_URL, &tiles_options);
    let overlays = obj(&[(TILES_LABEL, tiles.into())]);
    layers_control(&JsValue::UNDEFINED, &overlays, &obj(&[("collapsed", true.into())]))
        .add_to(&map);

    let incidents = FeatureGroup::new();
    incidents.unchecked_ref::<Layer>().add_to(&map);
    let click = Evented::on_leaflet_event(incidents.unchecked_ref::<Layer>(), "click", move |e: leaflet::Event| {
        let target = js_sys::Reflect::get(&e, &"sourceTarget".into()).unwrap_or(JsValue::UNDEFINED);
        if let Some(id) = layer_option_str(&target, "incidentId") {
            selected.set(Some(id));
        }
    });
    let container = map.get_container();
    let set_zoom_attr = {
        let map = map.clone();
        move || {
            let _ = container.set_attribute("data-zoom", &format!("{}", map.get_zoom().floor()));
        }
    };
    set_zoom_attr();
    let zoom = Evented::on_leaflet_event(&&map, "zoomend", move |_: leaflet::Event| set_zoom_attr());
    Ok(Handles { map, incidents, markers: Vec::new(), basemap: None, credit: None, _click: click, _zoom: zoom })
}

fn marker_for(incident: &Incident, point: geo::Point<f64>) -> CircleMarker {
    let mut style = vec![
        ("radius", marker_radius(incident.launched).into()),
        ("fillColor", weapon_color(incident.weapon).into()),
        ("fillOpacity", 0.85.into()),
        ("color", "#1b1b1b".into()),
        ("weight", 1.5.into()),
        ("className", format!("incident-marker weapon-{}", incident.weapon.as_str()).into()),
        ("incidentId", incident.id.as_str().into()),
    ];
    if let Some(dash) = kind_dash(incident.kind) {
        style.push(("dashArray", dash.into()));
    }
    // geo::Point is (x = longitude, y = latitude); Leaflet wants [lat, lng].
    CircleMarker::new_with_options(&LatLng::new(point.y(), point.x()), &obj(&style))
}

fn draw_incidents(h: &mut Handles, incidents: &[Incident], visible: &[usize]) {
    h.incidents.unchecked_ref::<leaflet::LayerGroup>().clear_layers();
    h.markers.clear();
    for &n in visible {
        let incident = &incidents[n];
        for &point in &incident.points {
            let marker = marker_for(incident, point);
            marker.unchecked_ref::<Layer>().add_to_layer_group(h.incidents.unchecked_ref());
            if let Some(el) = crate::leaflet_ext::path_element(marker.unchecked_ref()) {
                let _ = el.set_attribute("data-id", &incident.id);
                let _ = el.set_attribute("aria-label", &incident.title());
            }
            let tooltip = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("span").ok());
            if let Some(t) = tooltip {
                t.set_text_content(Some(&incident.title()));
                crate::leaflet_ext::bind_tooltip(marker.unchecked_ref(), &t, &Object::new());
            }
            h.markers.push((incident.id.clone(), marker));
        }
    }
}

fn highlight(h: &Handles, selected: Option<&str>) {
    for (id, marker) in &h.markers {
        let on = selected == Some(id.as_str());
        let style = obj(&[("weight", if on { 4.0 } else { 1.5 }.into()), ("color", if on { "#000" } else { "#1b1b1b" }.into())]);
        marker.unchecked_ref::<leaflet::Path>().set_style(style.unchecked_ref());
        if let Some(el) = crate::leaflet_ext::path_element(marker.unchecked_ref()) {
            let _ = el.class_list().toggle_with_force("selected", on);
        }
        if on {
            marker.unchecked_ref::<leaflet::Path>().bring_to_front();
        }
    }
}

#[component]
pub fn MapView(
    /// All loaded incidents (`None` while loading).
    #[prop(into)]
    incidents: Signal<Option<Arc<Vec<Incident>>>>,
    /// Positions in `incidents` of those to draw.
    #[prop(into)]
    visible: Signal<Arc<Vec<usize>>>,
    /// The selected incident's id; set when a marker is clicked.
    selected: RwSignal<Option<String>>,
    /// The basemap GeoJSON text once fetched.
    #[prop(into)]
    basemap: Signal<Option<Result<String, String>>>,
    /// Credit for the incident data in the map's credit line. A fixed text, never one from the data: Leaflet
    /// writes attributions as HTML.
    #[prop(into)]
    credit: Signal<&'static str>,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let handles = StoredValue::new_local(None::<Handles>);
    // Set once the map exists, so the effects below run again then.
    let map_ready = RwSignal::new(false);

    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        if handles.with_value(Option::is_some) {
            return;
        }
        match create_map(&el, selected) {
            Ok(h) => {
                handles.set_value(Some(h));
                map_ready.set(true);
            }
            Err(e) => leptos::logging::error!("the map could not be created: {e:?}"),
        }
    });

    Effect::new(move |_| {
        let text = basemap.get();
        if !map_ready.get() {
            return;
        }
        handles.update_value(|h| {
            let (Some(h), Some(text)) = (h.as_mut(), text) else { return };
            if h.basemap.is_some() {
                return;
            }
            let container = h.map.get_container();
            match text.map_err(JsValue::from).and_then(|t| Basemap::add(&h.map, &t)) {
                Ok(b) => {
                    h.basemap = Some(b);
                    let _ = container.set_attribute("data-basemap", "ready");
                }
                Err(e) => {
                    leptos::logging::warn!("basemap not drawn: {e:?}");
                    let _ = container.set_attribute("data-basemap", "error");
                }
            }
        });
    });

    Effect::new(move |_| {
        let all = incidents.get();
        if !map_ready.get() {
            return;
        }
        let which = visible.get();
        let chosen = selected.get_untracked();
        handles.update_value(|h| {
            if let (Some(h), Some(all)) = (h.as_mut(), all) {
                draw_incidents(h, &all, &which);
                highlight(h, chosen.as_deref());
            }
        });
    });

    Effect::new(move |_| {
        let text = credit.get();
        if !map_ready.get() {
            return;
        }
        handles.update_value(|h| {
            let Some(h) = h.as_mut() else { return };
            let credits = crate::leaflet_ext::attribution(&h.map);
            if let Some(old) = h.credit.replace(text) {
                credits.remove_attribution(old);
            }
            credits.add_attribution(text);
        });
    });

    Effect::new(move |_| {
        let chosen = selected.get();
        handles.with_value(|h| {
            if let Some(h) = h {
                highlight(h, chosen.as_deref());
            }
        });
    });

    on_cleanup(move || {
        handles.update_value(|h| {
            if let Some(h) = h.take() {
                let map = h.map.clone();
                drop(h);
                map.remove();
            }
        });
    });

    view! { <div class="map" node_ref=node role="region" aria-label="Map of incidents in Iraq and Syria"></div> }
}
