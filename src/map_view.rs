//! `MapView`: the one component that owns Leaflet. It creates the map once, draws the basemap, redraws the
//! incident marks (`cluster::marks`) when the visible set, the zoom or the view changes, marks the selected and
//! hovered incident, keeps the map view and the `lat`/`lng`/`zoom` state in step, and removes the map on
//! cleanup. Small data sets get a DOM marker per mark (focusable, each with its name); above
//! `CANVAS_ABOVE` incidents the marks are painted on one canvas (`mark_layer`).
//!
//! The map is not mirrored in the Arabic interface: its container stays left to right (`dir="ltr"`), while
//! the texts in it (control titles, tooltips, the credit line) are translated and, in Arabic, right to left.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use leaflet::{Evented, EventedHandle, FeatureGroup, LatLng, LatLngBounds, Layer, Map, MapOptions, Marker, TileLayer, TileLayerOptions, Zoom, ZoomOptions};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

use crate::basemap::Basemap;
use crate::cluster::{marks, marks_with_members, What};
use crate::i18n::{use_locale, Locale, Msg};
use crate::leaflet_ext::{div_icon, layer_option_f64, layer_option_numbers, layers_control, marker_element, obj};
use crate::index::Index;
use crate::mark_layer::{MarkLayer, Ring};
use crate::model::{DatePrecision, Incident};
use crate::symbol::{kind_dash, marker_radius, shape_path, weapon_color};
use crate::tr;
use crate::url_state::MapPos;

/// First view: Iraq and Syria with a margin (south-west, north-east).
pub const FIRST_VIEW: ((f64, f64), (f64, f64)) = ((28.0, 34.5), (38.5, 50.0));
/// The map's centre and zoom.
fn position(map: &Map) -> MapPos {
    let c = map.get_center();
    MapPos { lat: c.lat(), lng: c.lng(), zoom: map.get_zoom() }
}

/// What went wrong, from a JavaScript error or message: its text as given.
fn js_reason(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Whether two map views are the same, as far as a reader could tell.
fn same_place(a: MapPos, b: MapPos) -> bool {
    (a.lat - b.lat).abs() <= 1e-4 && (a.lng - b.lng).abs() <= 1e-4 && (a.zoom - b.zoom).abs() <= 0.01
}

/// How far one can pan: the basemap's extent.
pub const MAX_BOUNDS: ((f64, f64), (f64, f64)) = ((24.0, 30.0), (42.0, 56.0));
/// Optional online street tiles, off by default so the page asks no other host for anything.
const TILES_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const SVG_NS: &str = "http://www.w3.org/2000/svg";

fn bounds(((s, w), (n, e)): ((f64, f64), (f64, f64))) -> LatLngBounds {
    LatLngBounds::new(&LatLng::new(s, w), &LatLng::new(n, e))
}

/// Above this many loaded incidents the marks are painted on a canvas instead of being DOM markers.
pub const CANVAS_ABOVE: usize = 5000;

/// One drawn mark: its marker and the ids of the incidents it stands for.
struct Drawn {
    marker: Marker,
    ids: Vec<String>,
}

/// The Leaflet objects the view keeps; dropped (and so unsubscribed and removed) with the view.
struct Handles {
    map: Map,
    /// The language of the marks' names and counts.
    loc: Locale,
    layer: FeatureGroup,
    drawn: Vec<Drawn>,
    /// The canvas of large data sets (empty for small ones).
    canvas: Rc<MarkLayer>,
    /// Whether the marks are on the canvas (a large data set) rather than DOM markers.
    on_canvas: bool,
    /// The data set (its address) the canvas's rings were found in: a new one has them found again.
    ringed: usize,
    basemap: Option<Basemap>,
    /// The incident credit now in the credit line.
    credit: Option<&'static str>,
    /// Set while the map moves because the app moved it, so that move is not written back as the reader's.
    moving_by_app: Rc<Cell<bool>>,
    _click: EventedHandle<leaflet::Event>,
    _canvas_events: Vec<EventedHandle<leaflet::MouseEvent>>,
    _zoom: EventedHandle<leaflet::Event>,
    _move: EventedHandle<leaflet::Event>,
    _resize: EventedHandle<leaflet::Event>,
    /// In an embed: the click that switches wheel zoom on.
    _wake: Option<EventedHandle<leaflet::Event>>,
}

/// What the map reports back to the app, and the data its marks stand for.
#[derive(Clone, Copy)]
struct Outlets {
    selected: RwSignal<Option<String>>,
    zoom: RwSignal<f64>,
    map_pos: RwSignal<Option<MapPos>>,
    /// Bumped when the view settles after a move or the map is resized: marks are made for the view.
    view_moved: RwSignal<u32>,
    on_site: Callback<String>,
    incidents: Signal<Option<Arc<Vec<Incident>>>>,
    index: Signal<Option<Arc<Index>>>,
}

/// A mark chosen (clicked, or Enter on a marker): an incident opens, a site shows, a cluster zooms in.
fn choose(map: &Map, out: Outlets, what: What) {
    match what {
        What::Incident(n) => {
            if let Some(id) = out.incidents.with_untracked(|all| Some(all.as_ref()?.get(n)?.id.clone())) {
                out.selected.set(Some(id));
            }
        }
        What::Site(code) => {
            if let Some(key) = out.index.with_untracked(|ix| Some(ix.as_ref()?.site_key(code).to_string())) {
                out.on_site.run(key);
            }
        }
        What::Cluster(r) => {
            let options = obj(&[("padding", js_sys::Array::of2(&60.into(), &60.into()).into()), ("maxZoom", 11.into())]);
            map.fit_bounds_with_options(&bounds(((r.min().y, r.min().x), (r.max().y, r.max().x))), &options);
        }
    }
}

/// The mark a DOM marker stands for, from the options `draw` gave it.
fn marker_what(target: &JsValue) -> Option<What> {
    if let Some(n) = layer_option_f64(target, "incidentIndex") {
        Some(What::Incident(n as usize))
    } else if let Some(c) = layer_option_f64(target, "siteCode") {
        Some(What::Site(c as u32))
    } else if let [s, w, n, e] = layer_option_numbers(target, "clusterBounds")[..] {
        Some(What::Cluster(geo::Rect::new(geo::coord! { x: w, y: s }, geo::coord! { x: e, y: n })))
    } else {
        None
    }
}

/// Clicks and the pointer over the canvas of large data sets: the mark under the pointer is chosen on a
/// click and named in a tooltip on hover.
fn canvas_events(map: &Map, canvas: &Rc<MarkLayer>, out: Outlets) -> Vec<EventedHandle<leaflet::MouseEvent>> {
    let click = {
        let (map, canvas) = (map.clone(), canvas.clone());
        Evented::on_leaflet_event(&&map.clone(), "click", move |e: leaflet::MouseEvent| {
            if let Some((mark, _)) = canvas.under(&e.layer_point()) {
                choose(&map, out, mark.what);
            }
        })
    };
    let hover = {
        let (map, canvas) = (map.clone(), canvas.clone());
        Evented::on_leaflet_event(&&map.clone(), "mousemove", move |e: leaflet::MouseEvent| {
            let under = canvas.under(&e.layer_point());
            // While the pointer stays on one mark (or off all of them), nothing is done again.
            if !canvas.newly_under(under.as_ref().map(|(m, _)| m)) {
                return;
            }
            let _ = map.get_container().style().set_property("cursor", if under.is_some() { "pointer" } else { "" });
            // The mark's name, just above it.
            let label = under.and_then(|(m, reach)| {
                let text = out.incidents.with_untracked(|all| out.index.with_untracked(|ix| Some(m.label(canvas.loc(), all.as_ref()?, ix.as_ref()?))))?;
                let (x, y) = canvas.to_container(m.point);
                Some((text, x, y - reach))
            });
            canvas.tip(label.as_ref().map(|(t, x, y)| (t.as_str(), *x, *y)));
        })
    };
    let out_of_map = {
        let canvas = canvas.clone();
        Evented::on_leaflet_event(&&map.clone(), "mouseout", move |_: leaflet::MouseEvent| canvas.tip(None))
    };
    vec![click, hover, out_of_map]
}

/// Sets `dir` on a control's element: translated text in a control reads in the interface's direction.
fn control_dir(control: &leaflet::Control, loc: Locale) {
    let _ = control.get_container().set_attribute("dir", loc.lang.dir());
}

fn create_map(el: &web_sys::HtmlElement, start: Option<MapPos>, embed: bool, out: Outlets, loc: Locale) -> Result<Handles, JsValue> {
    let options = MapOptions::new();
    // Leaflet's own zoom control has English titles: ours has the reader's.
    options.set_zoom_control(false);
    // In an article the wheel scrolls the article until the reader clicks the map.
    options.set_scroll_wheel_zoom(!embed);
    options.set_max_bounds(bounds(MAX_BOUNDS));
    options.set_max_bounds_viscosity(1.0);
    options.set_min_zoom(4.0);
    options.set_max_zoom(13.0);
    options.set_zoom_snap(0.25);
    let map = Map::new_with_element(el, &options)?;
    match start {
        Some(p) => {
            map.set_view(&LatLng::new(p.lat, p.lng), p.zoom);
        }
        None => {
            map.fit_bounds(&bounds(FIRST_VIEW));
        }
    }
    let mut zoom_options = ZoomOptions::new();
    zoom_options.set_zoom_in_title(loc.t(Msg::MapZoomIn));
    zoom_options.set_zoom_out_title(loc.t(Msg::MapZoomOut));
    Zoom::new(&zoom_options).add_to(&map);
    let credits = crate::leaflet_ext::attribution(&map);
    credits.set_prefix("<a href=\"https://leafletjs.com\" target=\"_blank\" rel=\"noopener noreferrer\">Leaflet</a>");
    control_dir(credits.unchecked_ref(), loc);

    let tiles_options = TileLayerOptions::new();
    tiles_options.set_attribution(loc.t(Msg::MapTilesAttribution).to_string());
    tiles_options.set_max_zoom(13.0);
    let tiles = TileLayer::new_options(TILES_URL, &tiles_options);
    let overlays = obj(&[(loc.t(Msg::MapTilesLabel), tiles.into())]);
    let layers = layers_control(&JsValue::UNDEFINED, &overlays, &obj(&[("collapsed", true.into())]));
    layers.add_to(&map);
    control_dir(&layers, loc);
    // Leaflet titles the button that opens the layers "Layers".
    if let Ok(Some(toggle)) = layers.get_container().query_selector(".leaflet-control-layers-toggle") {
        let _ = toggle.set_attribute("title", loc.t(Msg::MapLayers));
        let _ = toggle.set_attribute("aria-label", loc.t(Msg::MapLayers));
    }

    let layer = FeatureGroup::new();
    layer.unchecked_ref::<Layer>().add_to(&map);
    let click = {
        let map = map.clone();
        Evented::on_leaflet_event(layer.unchecked_ref::<Layer>(), "click", move |e: leaflet::Event| {
            let target = js_sys::Reflect::get(&e, &"sourceTarget".into()).unwrap_or(JsValue::UNDEFINED);
            if let Some(what) = marker_what(&target) {
                choose(&map, out, what);
            }
        })
    };
    let canvas = Rc::new(MarkLayer::new(&map, loc)?);
    let canvas_handles = canvas_events(&map, &canvas, out);
    let resized = Evented::on_leaflet_event(&&map.clone(), "resize", move |_: leaflet::Event| out.view_moved.update(|n| *n += 1));
    let container = map.get_container();
    let set_zoom = {
        let map = map.clone();
        move || {
            let z = map.get_zoom();
            let _ = container.set_attribute("data-zoom", &format!("{}", z.floor()));
            out.zoom.set(z);
        }
    };
    set_zoom();
    let zoom = Evented::on_leaflet_event(&&map, "zoomend", move |_: leaflet::Event| set_zoom());
    let moving_by_app = Rc::new(Cell::new(false));
    let moved = {
        let map = map.clone();
        let by_app = moving_by_app.clone();
        Evented::on_leaflet_event(&&map.clone(), "moveend", move |_: leaflet::Event| {
            out.view_moved.update(|n| *n += 1);
            if by_app.replace(false) {
                return;
            }
            out.map_pos.set(Some(position(&map)));
        })
    };
    let wake = embed.then(|| {
        let target = map.clone();
        Evented::on_leaflet_event(&&map.clone(), "click", move |_: leaflet::Event| crate::leaflet_ext::enable_wheel_zoom(&target))
    });
    Ok(Handles {
        map,
        loc,
        layer,
        drawn: Vec::new(),
        canvas,
        on_canvas: false,
        ringed: 0,
        basemap: None,
        credit: None,
        moving_by_app,
        _click: click,
        _canvas_events: canvas_handles,
        _zoom: zoom,
        _move: moved,
        _resize: resized,
        _wake: wake,
    })
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The icon of one incident: an SVG shape by weapon, coloured by weapon, sized by the number launched,
/// hollow when the date is known only to the month or year, dashed for strikes. Built as DOM, never as HTML.
fn incident_icon(i: &Incident) -> Option<(web_sys::Element, f64)> {
    let doc = document()?;
    let r = marker_radius(i.launched);
    let size = (r * 2.0 * 1.25 + 6.0).ceil();
    let svg = doc.create_element_ns(Some(SVG_NS), "svg").ok()?;
    for (k, v) in [("width", size.to_string()), ("height", size.to_string()), ("viewBox", format!("{} {} {size} {size}", -size / 2.0, -size / 2.0)), ("aria-hidden", "true".into())] {
        svg.set_attribute(k, &v).ok()?;
    }
    let path = doc.create_element_ns(Some(SVG_NS), "path").ok()?;
    let colour = weapon_color(i.weapon);
    let precise = i.date.precision() == DatePrecision::Day;
    let attrs = [
        ("d", shape_path(i.weapon, r)),
        ("class", format!("incident-marker weapon-{}{}", i.weapon.as_str(), if precise { "" } else { " imprecise" })),
        ("data-id", i.id.clone()),
        ("fill", if precise { colour.to_string() } else { "#ffffff".into() }),
        ("fill-opacity", if precise { "0.9" } else { "0.75" }.into()),
        ("stroke", if precise { "#1b1b1b".to_string() } else { colour.to_string() }),
        ("stroke-width", if precise { "1.5" } else { "2.5" }.into()),
    ];
    for (k, v) in attrs {
        path.set_attribute(k, &v).ok()?;
    }
    if let Some(dash) = kind_dash(i.kind) {
        path.set_attribute("stroke-dasharray", dash).ok()?;
    }
    svg.append_child(&path).ok()?;
    Some((svg, size))
}

/// A badge with a count, for a site or a cluster.
fn badge(loc: Locale, class: &str, count: usize) -> Option<(web_sys::Element, f64)> {
    let el = document()?.create_element("span").ok()?;
    el.set_class_name(class);
    el.set_text_content(Some(&loc.number(count)));
    Some((el, crate::symbol::badge_size(count)))
}

/// A marker on `layer` with `content` as its icon, `label` as its accessible name and tooltip (written in
/// `loc`'s direction), and `options` telling the click handler what it stands for.
fn add_marker(loc: Locale, layer: &FeatureGroup, at: geo::Point<f64>, (content, size): (web_sys::Element, f64), class: &str, label: &str, options: &[(&str, JsValue)]) -> Marker {
    let icon = div_icon(&obj(&[
        ("html", content.into()),
        ("className", class.into()),
        ("iconSize", js_sys::Array::of2(&size.into(), &size.into()).into()),
    ]));
    let mut entries = vec![("icon", JsValue::from(icon)), ("keyboard", true.into()), ("riseOnHover", true.into())];
    entries.extend(options.iter().cloned());
    // geo::Point is (x = longitude, y = latitude); Leaflet wants [lat, lng].
    let marker = Marker::new_with_options(&LatLng::new(at.y(), at.x()), obj(&entries).unchecked_ref());
    marker.unchecked_ref::<Layer>().add_to_layer_group(layer.unchecked_ref());
    if let Some(el) = marker_element(&marker) {
        let _ = el.set_attribute("role", "button");
        let _ = el.set_attribute("aria-label", label);
    }
    if let Some(t) = document().and_then(|d| d.create_element("span").ok()) {
        t.set_text_content(Some(label));
        let _ = t.set_attribute("dir", loc.lang.dir());
        crate::leaflet_ext::bind_tooltip(marker.unchecked_ref(), &t, &obj(&[("direction", "top".into())]));
    }
    marker
}

/// Above this many visible incidents only the marks in and around the view are drawn (again when it moves).
const CULL_ABOVE: usize = 2000;

/// The marks as DOM markers (small data sets).
fn draw_dom(h: &mut Handles, incidents: &[Incident], index: &Index, visible: &[usize], zoom: f64) {
    h.layer.unchecked_ref::<leaflet::LayerGroup>().clear_layers();
    h.drawn.clear();
    let within = (visible.len() > CULL_ABOVE).then(|| crate::leaflet_ext::view_with_margin(&h.map, 0.5));
    let loc = h.loc;
    for (mark, members) in marks_with_members(incidents, index, visible, zoom, within) {
        let ids: Vec<String> = members.iter().map(|&n| incidents[n].id.clone()).collect();
        let label = mark.label(loc, incidents, index);
        let drawn = match &mark.what {
            What::Incident(n) => {
                let i = &incidents[*n];
                incident_icon(i).map(|icon| add_marker(loc, &h.layer, mark.point, icon, "incident-icon", &label, &[("incidentIndex", (*n as f64).into())]))
            }
            What::Site(code) => badge(loc, "site-badge", mark.count).map(|b| add_marker(loc, &h.layer, mark.point, b, "badge-icon", &label, &[("siteCode", (*code).into())])),
            What::Cluster(r) => {
                let b = js_sys::Array::new();
                for v in [r.min().y, r.min().x, r.max().y, r.max().x] {
                    b.push(&v.into());
                }
                badge(loc, "cluster-badge", mark.count).map(|c| add_marker(loc, &h.layer, mark.point, c, "badge-icon", &label, &[("clusterBounds", b.into())]))
            }
        };
        if let Some(marker) = drawn {
            if let Some(el) = marker_element(&marker) {
                let _ = el.set_attribute("data-ids", &ids.join(","));
            }
            h.drawn.push(Drawn { marker, ids });
        }
    }
}

/// The points of the incident with this id: where the canvas rings the selected or hovered incident.
fn points_of(incidents: &[Incident], id: Option<&str>) -> Vec<geo::Point<f64>> {
    id.and_then(|id| incidents.iter().find(|i| i.id == id)).map(|i| i.points.clone()).unwrap_or_default()
}

/// Rings `points` on the canvas as `ring`, painting it again if the marks are on it.
fn ring_canvas(h: &Handles, incidents: &[Incident], ring: Ring, points: Vec<geo::Point<f64>>) {
    h.canvas.set_ring(ring, points);
    if h.on_canvas {
        if let Err(e) = h.canvas.repaint(incidents) {
            leptos::logging::warn!("incidents not painted: {e:?}");
        }
    }
}

/// Marks the drawn marks holding `id` with `class`.
fn mark_class(h: &Handles, class: &str, id: Option<&str>) {
    for d in &h.drawn {
        let on = id.is_some_and(|id| d.ids.iter().any(|i| i == id));
        if let Some(el) = marker_element(&d.marker) {
            let _ = el.class_list().toggle_with_force(class, on);
        }
        if on && class == "selected" {
            d.marker.set_z_index_offset(1000.0);
        } else if class == "selected" {
            d.marker.set_z_index_offset(0.0);
        }
    }
}

/// Pans so that `at` is in view and not under the detail panel, which covers the end of a wide map: its right
/// in English, its left in Arabic (the panels swap sides; the map does not).
fn reveal(h: &Handles, at: geo::Point<f64>) {
    let width = f64::from(h.map.get_container().client_width());
    let covered = if width > 700.0 { 400.0 } else { 0.0 };
    let sides = if h.loc.is_rtl() { (covered, 0.0) } else { (0.0, covered) };
    crate::leaflet_ext::pan_inside(&h.map, &LatLng::new(at.y(), at.x()), sides);
}

#[component]
pub fn MapView(
    /// All loaded incidents (`None` while loading).
    #[prop(into)]
    incidents: Signal<Option<Arc<Vec<Incident>>>>,
    /// The index of `incidents` (built with them).
    #[prop(into)]
    index: Signal<Option<Arc<Index>>>,
    /// Positions in `incidents` of those to draw.
    #[prop(into)]
    visible: Signal<Arc<Vec<usize>>>,
    /// The selected incident's id; set when a marker is clicked.
    selected: RwSignal<Option<String>>,
    /// The incident under the pointer in the list, highlighted on the map.
    #[prop(into)]
    hovered: Signal<Option<String>>,
    /// The map view: set when the reader moves the map; the map follows when the app sets it.
    map_pos: RwSignal<Option<MapPos>>,
    /// Called with a site's key when its badge is chosen.
    #[prop(into)]
    on_site: Callback<String>,
    /// The basemap GeoJSON text once fetched.
    #[prop(into)]
    basemap: Signal<Option<Result<String, String>>>,
    /// Credit for the incident data in the map's credit line. A fixed text, never one from the data: Leaflet
    /// writes attributions as HTML.
    #[prop(into)]
    credit: Signal<&'static str>,
    /// The one-line summary of what the map shows, its description for screen readers.
    #[prop(into)]
    description: Signal<String>,
    /// In an article's iframe: no wheel zoom until the map is clicked.
    #[prop(optional)]
    embed: bool,
    /// Title and date range written on a downloaded picture of the map.
    #[prop(into)]
    picture: Signal<(String, String)>,
) -> impl IntoView {
    let loc = use_locale();
    let node = NodeRef::<Div>::new();
    let handles = StoredValue::new_local(None::<Handles>);
    // Set once the map exists, so the effects below run again then.
    let map_ready = RwSignal::new(false);
    let zoom = RwSignal::new(0.0);
    let view_moved = RwSignal::new(0u32);
    let drawn_once = StoredValue::new(false);
    let out = Outlets { selected, zoom, map_pos, view_moved, on_site, incidents, index };

    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        if handles.with_value(Option::is_some) {
            return;
        }
        match create_map(&el, map_pos.get_untracked(), embed, out, loc) {
            Ok(h) => {
                handles.set_value(Some(h));
                map_ready.set(true);
            }
            Err(e) => leptos::logging::error!("the map could not be created: {e:?}"),
        }
    });

    // Said on the map when the basemap cannot be drawn (the incidents are drawn on the bare sea).
    let basemap_error = RwSignal::new(None::<String>);
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
            match text.map_err(JsValue::from).and_then(|t| Basemap::add(&h.map, &t, loc)) {
                Ok(b) => {
                    h.basemap = Some(b);
                    let _ = container.set_attribute("data-basemap", "ready");
                }
                Err(e) => {
                    leptos::logging::warn!("basemap not drawn: {e:?}");
                    let _ = container.set_attribute("data-basemap", "error");
                    basemap_error.set(Some(tr!(loc, Msg::MapBasemapFailed, reason = js_reason(&e))));
                }
            }
        });
    });

    // The map follows the app's view (a link opened, back and forward) unless it is already there.
    Effect::new(move |_| {
        let pos = map_pos.get();
        if !map_ready.get() {
            return;
        }
        handles.with_value(|h| {
            let Some(h) = h else { return };
            let now = position(&h.map);
            match pos {
                Some(p) if !same_place(p, now) => {
                    h.moving_by_app.set(true);
                    h.map.set_view_with_options(&LatLng::new(p.lat, p.lng), p.zoom, &obj(&[("animate", false.into())]));
                }
                None => {
                    h.moving_by_app.set(true);
                    h.map.fit_bounds_with_options(&bounds(FIRST_VIEW), &obj(&[("animate", false.into())]));
                }
                _ => {}
            }
        });
    });

    Effect::new(move |_| {
        let all = incidents.get();
        let z = zoom.get();
        if !map_ready.get() {
            return;
        }
        let which = visible.get();
        let on_canvas = all.as_ref().is_some_and(|a| a.len() > CANVAS_ABOVE);
        if on_canvas || which.len() > CULL_ABOVE {
            // Many incidents: only those around the view are drawn, so draw again when it moves.
            view_moved.track();
        }
        let (chosen, pointed) = (selected.get_untracked(), hovered.get_untracked());
        let first_draw = !drawn_once.get_value();
        let ix = index.get();
        handles.update_value(|h| {
            if let (Some(h), Some(all), Some(ix)) = (h.as_mut(), all, ix) {
                // Leaving the canvas or the DOM markers (another data set): the side left is emptied.
                if h.on_canvas != on_canvas {
                    if on_canvas {
                        h.layer.unchecked_ref::<leaflet::LayerGroup>().clear_layers();
                        h.drawn.clear();
                    } else {
                        h.canvas.clear();
                    }
                    h.on_canvas = on_canvas;
                }
                if on_canvas {
                    let data = Arc::as_ptr(&all) as usize;
                    if h.ringed != data {
                        h.canvas.set_ring(Ring::Selected, points_of(&all, chosen.as_deref()));
                        h.canvas.set_ring(Ring::Hovered, points_of(&all, pointed.as_deref()));
                        h.ringed = data;
                    }
                    let drawn = marks(&all, &ix, &which, z, Some(h.canvas.extent()));
                    if let Err(e) = h.canvas.draw(drawn, &all) {
                        leptos::logging::warn!("incidents not painted: {e:?}");
                    }
                } else {
                    draw_dom(h, &all, &ix, &which, z);
                    mark_class(h, "selected", chosen.as_deref());
                    mark_class(h, "hovered", pointed.as_deref());
                }
                // A link that selects an incident but gives no map view shows that incident.
                if first_draw && map_pos.get_untracked().is_none() {
                    if let Some(p) = chosen.and_then(|id| all.iter().find(|i| i.id == id)?.points.first().copied()) {
                        reveal(h, p);
                    }
                }
                drawn_once.set_value(true);
            }
        });
    });

    Effect::new(move |_| {
        let chosen = selected.get();
        handles.with_value(|h| {
            let Some(h) = h else { return };
            mark_class(h, "selected", chosen.as_deref());
            incidents.with_untracked(|all| {
                let all = all.as_deref().map_or(&[][..], Vec::as_slice);
                let points = points_of(all, chosen.as_deref());
                if let Some(&p) = points.first() {
                    reveal(h, p);
                }
                ring_canvas(h, all, Ring::Selected, points);
            });
        });
    });

    Effect::new(move |_| {
        let pointed = hovered.get();
        handles.with_value(|h| {
            if let Some(h) = h {
                mark_class(h, "hovered", pointed.as_deref());
                // DOM markers have no rings; a data set large enough for the canvas has them found when drawn.
                if h.on_canvas {
                    incidents.with_untracked(|all| {
                        let all = all.as_deref().map_or(&[][..], Vec::as_slice);
                        ring_canvas(h, all, Ring::Hovered, points_of(all, pointed.as_deref()));
                    });
                }
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

    let fit = move |_| {
        let target = incidents.with_untracked(|all| crate::filter::bounds(all.as_deref()?, &visible.get_untracked()));
        handles.with_value(|h| {
            if let (Some(h), Some(r)) = (h, target) {
                let b = bounds(((r.min().y, r.min().x), (r.max().y, r.max().x)));
                h.map.fit_bounds_with_options(&b, &obj(&[("padding", js_sys::Array::of2(&40.into(), &40.into()).into()), ("maxZoom", 11.into())]));
            }
        });
    };

    let png_error = RwSignal::new(None::<String>);
    let download_png = move |_| {
        let (title, dates) = picture.get_untracked();
        let summary = description.get_untracked();
        let credit = format!("{} · {} · Leaflet", credit.get_untracked(), loc.t(Msg::CreditBasemap));
        let dark = crate::theme::is_dark();
        let text = basemap.get_untracked().and_then(|r| r.ok());
        let which = visible.get_untracked();
        let ix = index.get_untracked().unwrap_or_default();
        let result = incidents.with_untracked(|all| {
            let all = all.as_deref().map_or(&[][..], |a| a.as_slice());
            let pic = crate::png::Picture { title: &title, dates: &dates, summary: &summary, credit: &credit, dark };
            handles.with_value(|h| match h {
                Some(h) => crate::png::download_png(loc, &h.map, text.as_deref(), all, &ix, &which, &pic, "incident-map.png"),
                None => Err(JsValue::from_str(loc.t(Msg::MapNotReady))),
            })
        });
        png_error.set(result.err().map(|e| tr!(loc, Msg::MapPngFailed, reason = js_reason(&e))));
    };

    on_cleanup(move || {
        handles.update_value(|h| {
            if let Some(h) = h.take() {
                let map = h.map.clone();
                drop(h);
                map.remove();
            }
        });
    });

    // The picture's failure, else the basemap's: one message at a time where the map shows it.
    let message = move || png_error.get().or_else(|| basemap_error.get());
    view! {
        <div class="map-wrap">
            // Not mirrored in Arabic: the map keeps its geometry (and Leaflet its layout) left to right.
            <div class="map" dir="ltr" node_ref=node role="region" aria-label=loc.t(Msg::MapLabel) aria-describedby="map-summary"></div>
            <p id="map-summary" class="visually-hidden">{description}</p>
            <div class="map-buttons">
                <button class="fit-button" on:click=fit title=loc.t(Msg::MapFitTitle)>{loc.t(Msg::MapFit)}</button>
                <button class="png-button" on:click=download_png title=loc.t(Msg::MapPngTitle)>{loc.t(Msg::MapPng)}</button>
            </div>
            {move || message().map(|e| view! { <p class="map-error" role="alert">{e}</p> })}
        </div>
    }
}
