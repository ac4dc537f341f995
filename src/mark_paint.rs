//! Incident marks painted on a 2D canvas — the same marks, in the same styles, for the live map layer of
//! large data sets (`mark_layer`) and for the downloaded picture (`png`): a shape per weapon (hollow when the
//! date is known only to the month or year, dashed for strikes), a badge with the count for a site or a
//! cluster, and a ring around the selected and the hovered incident. Where marks go and which one is under
//! the pointer are pure functions, tested on the host.

use std::cell::RefCell;
use std::collections::HashMap;
use std::f64::consts::TAU;

use geo::Point;
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, Path2d};

use crate::cluster::{Mark, What};
use crate::i18n::Locale;
use crate::model::{DatePrecision, Incident, Kind, Weapon};
use crate::symbol::{badge_size, kind_dash, marker_radius, shape_path, weapon_color};

/// The font of badge counts and picture text.
pub const FONT_FAMILY: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", \"Noto Sans Arabic\", sans-serif";

/// A mark placed on the canvas: its centre, the radius that hits it, and its position in the marks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub mark: usize,
}

/// How far from its centre a mark reaches, in pixels: the shape (polygons are drawn a little larger than
/// their radius) or half the badge.
fn reach(mark: &Mark, incidents: &[Incident]) -> f64 {
    match mark.what {
        What::Incident(n) => incidents.get(n).map_or(6.0, |i| marker_radius(i.launched)) * 1.25,
        What::Site(_) | What::Cluster(_) => badge_size(mark.count) / 2.0,
    }
}

/// The marks at their places on a `w`×`h` canvas (`to_canvas` maps a point to canvas pixels), those off it
/// by more than their size left out, in the order they are painted: north to south, as Leaflet stacks
/// markers, so a mark further south is drawn over its northern neighbour.
pub fn place(marks: &[Mark], incidents: &[Incident], (w, h): (f64, f64), to_canvas: impl Fn(Point<f64>) -> (f64, f64)) -> Vec<Placed> {
    let mut placed: Vec<Placed> = marks
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let (x, y) = to_canvas(m.point);
            Placed { x, y, r: reach(m, incidents), mark: k }
        })
        .filter(|p| p.x >= -p.r && p.x <= w + p.r && p.y >= -p.r && p.y <= h + p.r)
        .collect();
    crate::order::sort_by(&mut placed, |a, b| a.y.total_cmp(&b.y));
    placed
}

/// The mark under (x, y): the topmost (last painted) whose reach holds the point, with a few pixels of
/// slack for small marks and fingers.
pub fn hit(placed: &[Placed], x: f64, y: f64) -> Option<&Placed> {
    const SLACK: f64 = 3.0;
    placed.iter().rev().find(|p| (p.x - x).powi(2) + (p.y - y).powi(2) <= (p.r + SLACK).powi(2))
}

/// Colours of the marks in the light or dark theme (as the CSS draws the SVG marks of small data sets).
struct Inks {
    outline: &'static str,
    hollow: &'static str,
    site_fill: &'static str,
    site_text: &'static str,
    cluster_fill: &'static str,
    cluster_ink: &'static str,
    accent: &'static str,
}

fn inks(dark: bool) -> Inks {
    if dark {
        Inks {
            outline: "#f2f2f2",
            hollow: "#202428",
            site_fill: "#e6e9ec",
            site_text: "#111111",
            cluster_fill: "rgba(30, 34, 38, 0.92)",
            cluster_ink: "#e6e9ec",
            accent: "#56b4e9",
        }
    } else {
        Inks {
            outline: "#1b1b1b",
            hollow: "#ffffff",
            site_fill: "#1d232a",
            site_text: "#ffffff",
            cluster_fill: "rgba(255, 255, 255, 0.92)",
            cluster_ink: "#1d232a",
            accent: "#0072b2",
        }
    }
}

/// Paints marks; keeps each weapon's shape at each size as a `Path2d`, built once. Badge counts are written
/// as the reader's locale writes numbers.
#[derive(Default)]
pub struct Painter {
    loc: Locale,
    shapes: RefCell<HashMap<(Weapon, u32), Path2d>>,
    /// Whether the canvas has the badge font already: setting a font is slow (the browser parses it each
    /// time), and a canvas keeps it until it is resized.
    font_set: std::cell::Cell<bool>,
}

impl Painter {
    pub fn new(loc: Locale) -> Painter {
        Painter { loc, ..Painter::default() }
    }

    fn shape(&self, weapon: Weapon, r: f64) -> Result<Path2d, JsValue> {
        let key = (weapon, (r * 10.0).round() as u32);
        if let Some(p) = self.shapes.borrow().get(&key) {
            return Ok(p.clone());
        }
        let path = Path2d::new_with_path_string(&shape_path(weapon, r))?;
        self.shapes.borrow_mut().insert(key, path.clone());
        Ok(path)
    }

    /// To be called when the canvas was resized, which resets its state (the font, among others).
    pub fn canvas_reset(&self) {
        self.font_set.set(false);
    }

    /// Paints `placed` (from `place`) in order.
    pub fn paint(&self, ctx: &CanvasRenderingContext2d, marks: &[Mark], incidents: &[Incident], placed: &[Placed], dark: bool) -> Result<(), JsValue> {
        let inks = inks(dark);
        ctx.set_line_dash(&js_sys::Array::new())?;
        // Badge counts: the font once for all of them, and only when the canvas does not have it.
        if !self.font_set.replace(true) {
            ctx.set_font(&format!("bold 12px {FONT_FAMILY}"));
            ctx.set_text_align("center");
            ctx.set_text_baseline("middle");
        }
        for p in placed {
            let mark = &marks[p.mark];
            match mark.what {
                What::Incident(n) => {
                    let Some(i) = incidents.get(n) else { continue };
                    let precise = i.date.precision() == DatePrecision::Day;
                    self.symbol(ctx, (i.weapon, i.kind, precise), marker_radius(i.launched), (p.x, p.y), dark)?;
                }
                What::Site(_) => badge(ctx, p.x, p.y, (mark.count, &self.loc.number(mark.count)), true, &inks),
                What::Cluster(_) => badge(ctx, p.x, p.y, (mark.count, &self.loc.number(mark.count)), false, &inks),
            }
        }
        Ok(())
    }

    /// One incident's symbol centred at `at`: the weapon's shape of radius `r`, filled with its colour, or
    /// hollow when the date is not `precise`; dashed for a strike (as `map_view::incident_icon` draws it in SVG).
    pub fn symbol(&self, ctx: &CanvasRenderingContext2d, (weapon, kind, precise): (Weapon, Kind, bool), r: f64, at: (f64, f64), dark: bool) -> Result<(), JsValue> {
        let inks = inks(dark);
        let path = self.shape(weapon, r)?;
        let colour = weapon_color(weapon);
        ctx.save();
        ctx.translate(at.0, at.1)?;
        ctx.set_global_alpha(if precise { 0.9 } else { 0.75 });
        ctx.set_fill_style_str(if precise { colour } else { inks.hollow });
        ctx.fill_with_path_2d(&path);
        ctx.set_global_alpha(1.0);
        ctx.set_stroke_style_str(if precise { inks.outline } else { colour });
        ctx.set_line_width(if precise { 1.5 } else { 2.5 });
        if let Some(dash) = kind_dash(kind) {
            let pattern = js_sys::Array::new();
            // As strings: setLineDash reads each as a number, and str::parse::<f64> would link core's
            // decimal-to-float tables (about 13 KB of the gzipped wasm).
            for n in dash.split_whitespace() {
                pattern.push(&n.into());
            }
            ctx.set_line_dash(&pattern)?;
        }
        ctx.stroke_with_path(&path);
        ctx.restore();
        Ok(())
    }

    /// A ring around the mark at (x, y) reaching `r`: the selected or hovered incident.
    pub fn ring(&self, ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64, dark: bool) {
        let inks = inks(dark);
        for (width, colour) in [(6.0, if dark { "#111111" } else { "#ffffff" }), (3.0, inks.accent)] {
            ctx.begin_path();
            let _ = ctx.arc(x, y, r + 4.0, 0.0, TAU);
            ctx.set_stroke_style_str(colour);
            ctx.set_line_width(width);
            ctx.stroke();
        }
    }
}

/// A site badge (dark disc, white ring) or a cluster badge (white disc, double ring), with the count (sized
/// by it, and written as `written`).
fn badge(ctx: &CanvasRenderingContext2d, x: f64, y: f64, (count, written): (usize, &str), site: bool, inks: &Inks) {
    let r = badge_size(count) / 2.0;
    let disc = |radius: f64, colour: &str| {
        ctx.begin_path();
        let _ = ctx.arc(x, y, radius, 0.0, TAU);
        ctx.set_fill_style_str(colour);
        ctx.fill();
    };
    let ring = |radius: f64, width: f64| {
        ctx.begin_path();
        let _ = ctx.arc(x, y, radius, 0.0, TAU);
        ctx.set_stroke_style_str(inks.cluster_ink);
        ctx.set_line_width(width);
        ctx.stroke();
    };
    if site {
        disc(r + 1.5, inks.site_fill);
        disc(r, inks.site_text);
        disc(r - 2.0, inks.site_fill);
    } else {
        disc(r, inks.cluster_fill);
        ring(r - 0.67, 1.33);
        ring(r - 3.33, 1.33);
    }
    ctx.set_fill_style_str(if site { inks.site_text } else { inks.cluster_ink });
    // Long counts are squeezed to fit the badge rather than spill over it.
    let _ = ctx.fill_text_with_max_width(written, x, y + 0.5, 2.0 * r - 6.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::test_incidents;

    fn mark(what: What, x: f64, y: f64, count: usize) -> Mark {
        Mark { what, point: Point::new(x, y), count }
    }

    #[test]
    fn marks_are_placed_north_to_south_and_off_canvas_ones_left_out() {
        let all = test_incidents(&[r#""date":"2021-01-01","launched":9"#]);
        let marks = [
            mark(What::Incident(0), 10.0, 50.0, 1),
            mark(What::Site(0), 20.0, 10.0, 30),
            mark(What::Incident(0), 500.0, 10.0, 1),
            mark(What::Cluster(geo::Rect::new((0.0, 0.0), (1.0, 1.0))), 95.0, 95.0, 2),
        ];
        // Canvas pixels = the point's coordinates.
        let placed = place(&marks, &all, (100.0, 100.0), |p| (p.x(), p.y()));
        assert_eq!(placed.iter().map(|p| p.mark).collect::<Vec<_>>(), [1, 0, 3], "south last; the one 400 px off is out");
        assert_eq!(placed[1].r, 18.0 * 1.25, "9 launched: radius 18, polygons drawn 1.25× larger");
        assert_eq!(placed[0].r, badge_size(30) / 2.0);
    }

    #[test]
    fn the_topmost_mark_under_the_pointer_is_hit() {
        let placed = [Placed { x: 10.0, y: 10.0, r: 8.0, mark: 0 }, Placed { x: 16.0, y: 10.0, r: 8.0, mark: 1 }];
        let mark = |x: f64, y: f64| hit(&placed, x, y).map(|p| p.mark);
        assert_eq!(mark(13.0, 10.0), Some(1), "both hold it: the one painted last");
        assert_eq!(mark(1.0, 10.0), Some(0));
        assert_eq!(mark(10.0, 21.0), Some(0), "within the slack");
        assert_eq!(mark(10.0, 22.5), None);
        assert_eq!(hit(&[], 0.0, 0.0), None);
    }
}
