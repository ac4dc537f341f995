//! The incident layer of large data sets: one canvas in its own map pane, painted with `mark_paint` from the
//! marks `cluster::marks` gives, instead of a DOM element per mark. It covers the view and a margin around
//! it, moves with the map while it is dragged, and is placed and painted again when the view settles; Leaflet
//! hides it while a zoom animates (`leaflet-zoom-hide`). Which mark is under the pointer is found from the
//! marks it painted (`mark_paint::hit`), and its label shows in a tooltip that is text, never HTML.

use std::cell::RefCell;

use geo::{Point, Rect};
use leaflet::{LatLng, Map};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

use crate::cluster::{project, Mark};
use crate::i18n::Locale;
use crate::mark_paint::{hit, place, Painter, Placed};
use crate::model::Incident;

/// The share of the view's width and height the canvas reaches beyond each side, so a short drag shows
/// marks before the view settles and is painted again.
const MARGIN: f64 = 0.25;
/// The map pane of the canvas: above the basemap and Leaflet's overlays, below markers and tooltips.
const PANE: &str = "incidentCanvas";
const PANE_Z: &str = "450";

#[derive(Default)]
struct Painted {
    marks: Vec<Mark>,
    placed: Vec<Placed>,
    /// The canvas's top-left corner in Leaflet layer pixels (which stay put while the map is dragged).
    corner: (f64, f64),
}

/// A ring painted around an incident's points: the selected incident's, or the one hovered in the list.
#[derive(Clone, Copy)]
pub enum Ring {
    Selected,
    Hovered,
}

pub struct MarkLayer {
    map: Map,
    /// The language of the tooltip and the counts.
    loc: Locale,
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    tip: HtmlElement,
    painter: Painter,
    painted: RefCell<Painted>,
    /// The mark the pointer is on (whose name the tooltip shows), if any.
    pointed: RefCell<Option<Mark>>,
    /// The points of each `Ring`, kept between paints (finding them scans every incident).
    rings: RefCell<[Vec<Point<f64>>; 2]>,
}

fn document() -> Result<web_sys::Document, JsValue> {
    web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsValue::from_str("no document"))
}

impl MarkLayer {
    /// The layer on `map`, its counts and tooltip written in `loc` (the tooltip right to left in Arabic, inside
    /// the map's left-to-right container).
    pub fn new(map: &Map, loc: Locale) -> Result<MarkLayer, JsValue> {
        let doc = document()?;
        let pane = map.create_pane_by_name(PANE);
        pane.style().set_property("z-index", PANE_Z)?;
        let canvas: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        canvas.set_class_name("mark-canvas leaflet-zoom-hide");
        canvas.set_attribute("aria-hidden", "true")?;
        pane.append_child(&canvas)?;
        let ctx: CanvasRenderingContext2d = canvas.get_context("2d")?.ok_or("no 2d canvas")?.dyn_into()?;
        let tip: HtmlElement = doc.create_element("div")?.dyn_into()?;
        tip.set_class_name("mark-tip");
        tip.set_attribute("role", "tooltip")?;
        tip.set_attribute("dir", loc.lang.dir())?;
        tip.set_hidden(true);
        map.get_container().append_child(&tip)?;
        Ok(MarkLayer { map: map.clone(), loc, canvas, ctx, tip, painter: Painter::new(loc), painted: RefCell::default(), pointed: RefCell::default(), rings: RefCell::default() })
    }

    pub fn loc(&self) -> Locale {
        self.loc
    }

    /// The region the canvas covers once placed (west-south, east-north): the view with its margin. Marks
    /// outside it need not be made.
    pub fn extent(&self) -> Rect<f64> {
        crate::leaflet_ext::view_with_margin(&self.map, MARGIN)
    }

    /// Places the canvas over the view and its margin and paints `marks` on it, with a ring around each point of
    /// `rings` (the selected and the hovered incident).
    pub fn draw(&self, marks: Vec<Mark>, incidents: &[Incident]) -> Result<(), JsValue> {
        let size = self.map.get_size();
        let (mx, my) = ((size.x() * MARGIN).round(), (size.y() * MARGIN).round());
        let (w, h) = (size.x() + 2.0 * mx, size.y() + 2.0 * my);
        // The canvas's top-left corner: where it is among the map's layers, and as a place, for projecting.
        let origin = self.map.container_point_to_lat_lng(&leaflet::Point::new(-mx, -my));
        let corner = self.map.lat_lng_to_layer_point(&origin);
        let corner = (corner.x(), corner.y());
        let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).clamp(1.0, 2.0);
        let (pw, ph) = ((w * ratio).round() as u32, (h * ratio).round() as u32);
        if self.canvas.width() != pw || self.canvas.height() != ph {
            self.canvas.set_width(pw);
            self.canvas.set_height(ph);
            self.painter.canvas_reset();
            let style = self.canvas.style();
            style.set_property("width", &format!("{w}px"))?;
            style.set_property("height", &format!("{h}px"))?;
        }
        self.canvas.style().set_property("transform", &format!("translate3d({}px, {}px, 0)", corner.0, corner.1))?;
        // Canvas pixel of a point: its projection at this zoom, less the projection of the canvas's corner.
        let zoom = self.map.get_zoom();
        let (ox, oy) = project(Point::new(origin.lng(), origin.lat()), zoom);
        let to_canvas = |p: Point<f64>| {
            let (x, y) = project(p, zoom);
            (x - ox, y - oy)
        };
        let placed = place(&marks, incidents, (w, h), to_canvas);
        let rings: Vec<(f64, f64)> = self.rings.borrow().iter().flatten().map(|&p| to_canvas(p)).collect();
        self.ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0)?;
        self.ctx.clear_rect(0.0, 0.0, w, h);
        let dark = crate::theme::is_dark();
        self.painter.paint(&self.ctx, &marks, incidents, &placed, dark)?;
        for (x, y) in rings {
            self.painter.ring(&self.ctx, x, y, 9.0, dark);
        }
        let _ = self.canvas.set_attribute("data-marks", &placed.len().to_string());
        *self.painted.borrow_mut() = Painted { marks, placed, corner };
        // The marks moved or changed: the next pointer move names what is under it afresh.
        self.tip(None);
        Ok(())
    }

    /// Sets the points `ring` is painted around, from the next paint on.
    pub fn set_ring(&self, ring: Ring, points: Vec<Point<f64>>) {
        self.rings.borrow_mut()[ring as usize] = points;
    }

    /// Paints the marks painted last again (the rings changed).
    pub fn repaint(&self, incidents: &[Incident]) -> Result<(), JsValue> {
        let marks = std::mem::take(&mut self.painted.borrow_mut().marks);
        self.draw(marks, incidents)
    }

    /// The mark under a point given in Leaflet layer pixels (a mouse event's `layerPoint`), and how far it
    /// reaches from its centre.
    pub fn under(&self, layer_point: &leaflet::Point) -> Option<(Mark, f64)> {
        let p = self.painted.borrow();
        let at = hit(&p.placed, layer_point.x() - p.corner.0, layer_point.y() - p.corner.1)?;
        p.marks.get(at.mark).cloned().map(|m| (m, at.r))
    }

    /// Records the mark now under the pointer; whether it is another one than before.
    pub fn newly_under(&self, mark: Option<&Mark>) -> bool {
        let mut pointed = self.pointed.borrow_mut();
        if pointed.as_ref() == mark {
            return false;
        }
        *pointed = mark.cloned();
        true
    }

    /// Shows `text` above the container point (x, y), or hides the tooltip when `None` (and forgets the mark
    /// it named).
    pub fn tip(&self, text: Option<(&str, f64, f64)>) {
        match text {
            Some((text, x, y)) => {
                self.tip.set_text_content(Some(text));
                let style = self.tip.style();
                let _ = style.set_property("left", &format!("{x}px"));
                let _ = style.set_property("top", &format!("{y}px"));
                self.tip.set_hidden(false);
            }
            None => {
                self.tip.set_hidden(true);
                *self.pointed.borrow_mut() = None;
            }
        }
    }

    /// Empties the canvas (the data became small enough for the DOM marks, or none is loaded).
    pub fn clear(&self) {
        self.ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok();
        self.ctx.clear_rect(0.0, 0.0, f64::from(self.canvas.width()), f64::from(self.canvas.height()));
        let _ = self.canvas.set_attribute("data-marks", "0");
        self.tip(None);
        *self.painted.borrow_mut() = Painted::default();
    }

    /// Where a point (longitude, latitude) is in the map's container, for the tooltip.
    pub fn to_container(&self, at: Point<f64>) -> (f64, f64) {
        let p = self.map.lat_lng_to_container_point(&LatLng::new(at.y(), at.x()));
        (p.x(), p.y())
    }
}

impl Drop for MarkLayer {
    fn drop(&mut self) {
        self.canvas.remove();
        self.tip.remove();
    }
}
