//! "Download PNG": the map as it is now (its bounds and zoom), redrawn on a canvas with the incident marks, a
//! legend, a title band and a credit band, and offered as a PNG file. Nothing is uploaded.
//!
//! The page layout, the legend rows and the reading of the basemap GeoJSON are pure and tested on the host;
//! only `download_png` and the `draw_*` helpers touch the canvas. Marks come from `cluster::marks` and are
//! drawn with `symbol`'s shapes and colours, so the picture matches the map.
//!
//! The picture is in the reader's language: legend, numbers and basemap labels as the page writes them. In
//! Arabic its text is written right to left and the text blocks are mirrored (lines and legend aligned to the
//! right, the legend box in the map's bottom-right corner, swatches at the right of their rows); the map
//! itself is not mirrored.

use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, CanvasWindingRule, HtmlCanvasElement};

use crate::cluster::{marks, Mark, What};
use crate::i18n::{Locale, Msg};
use crate::model::{DatePrecision, Incident, Kind, Weapon};
use crate::filter::weapon_counts;

/// What goes on the picture besides the map.
pub struct Picture<'a> {
    /// "Incident Map" or a newsroom's title.
    pub title: &'a str,
    /// "2021-07-01 – 2021-12-31" or "All dates (2019-12-27 – 2022-04-30)".
    pub dates: &'a str,
    /// The one-line summary of the filtered incidents.
    pub summary: &'a str,
    /// Sources and licences, written in the bottom band.
    pub credit: &'a str,
    /// Dark theme colours.
    pub dark: bool,
}

/// Canvas pixels per CSS pixel, for a sharp picture on high-density screens and in print.
pub const PIXEL_RATIO: f64 = 2.0;
/// The smallest header band (title, dates, summary), in CSS pixels.
pub const HEADER_MIN: f64 = 70.0;
/// The smallest credit band, in CSS pixels.
pub const CREDIT_MIN: f64 = 28.0;
/// Left and right margin of the bands' text.
const PAD: f64 = 12.0;
/// Height of one legend row.
pub const LEGEND_ROW: f64 = 18.0;
/// Padding inside the legend box.
const LEGEND_PAD: f64 = 8.0;
/// Width of a legend row's swatch column.
const SWATCH: f64 = 20.0;
/// Gap between legend columns (legend below the map).
const LEGEND_GAP: f64 = 16.0;
/// Margin between the legend box and the map's edge.
const LEGEND_MARGIN: f64 = 10.0;
/// Font stack of the page (assets/style.css).
use crate::mark_paint::FONT_FAMILY;

// ------------------------------------------------------------------------------------------------------------
// Text styles and wrapping (pure)

/// A text style on the picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// The title: bold 18 px.
    Title,
    /// Dates and summary in the header: 13 px.
    Body,
    /// Legend rows: 12 px.
    Legend,
    /// The credit band: 11 px.
    Credit,
}

impl Style {
    /// Font size in CSS pixels.
    pub fn size(self) -> f64 {
        match self {
            Style::Title => 18.0,
            Style::Body => 13.0,
            Style::Legend => 12.0,
            Style::Credit => 11.0,
        }
    }

    pub fn bold(self) -> bool {
        self == Style::Title
    }

    /// Distance between the lines of a wrapped text.
    pub fn line_height(self) -> f64 {
        (self.size() * 1.3).round()
    }

    /// The CSS font shorthand for the canvas.
    pub fn css(self) -> String {
        format!("{}{}px {FONT_FAMILY}", if self.bold() { "bold " } else { "" }, self.size())
    }
}

/// A width estimate for a text in a style, for when the browser cannot measure it (and for host tests):
/// an average character is a bit over half the font size wide.
pub fn estimate_width(text: &str, style: Style) -> f64 {
    let share = if style.bold() { 0.6 } else { 0.55 };
    text.chars().count() as f64 * style.size() * share
}

/// `text` broken into lines no wider than `max_width` by `measure`, at spaces. A separator standing alone
/// ("·", "–") stays at the end of the line before it, and a word too long for a line is cut.
pub fn wrap(text: &str, max_width: f64, measure: &dyn Fn(&str) -> f64) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for w in text.split_whitespace() {
        match words.last_mut() {
            Some(last) if !w.chars().any(char::is_alphanumeric) => {
                last.push(' ');
                last.push_str(w);
            }
            _ => words.push(w.to_string()),
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in words {
        let candidate = if line.is_empty() { word.clone() } else { format!("{line} {word}") };
        if measure(&candidate) <= max_width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if measure(&word) <= max_width {
            line = word;
        } else {
            // Cut a word longer than a line, a character at a time (at least one per line).
            for c in word.chars() {
                line.push(c);
                if measure(&line) > max_width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

// ------------------------------------------------------------------------------------------------------------
// Legend rows (pure)

/// One row of the picture's legend.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LegendRow {
    /// A weapon present among the incidents, with their count.
    Weapon(Weapon, usize),
    /// Dashed outline: a strike.
    Strike,
    /// Hollow mark: the date is known only to the month or year.
    Imprecise,
    /// A badge with a count: several incidents at one site or area.
    Several,
}

impl LegendRow {
    pub fn label(&self, loc: Locale) -> &'static str {
        match self {
            LegendRow::Weapon(w, _) => loc.weapon(*w),
            LegendRow::Strike => loc.t(Msg::EmbedPictureStrike),
            LegendRow::Imprecise => loc.t(Msg::EmbedPictureImprecise),
            LegendRow::Several => loc.t(Msg::EmbedPictureSeveral),
        }
    }

    /// The count written at the end of the row.
    pub fn count(&self, loc: Locale) -> Option<String> {
        match self {
            LegendRow::Weapon(_, n) => Some(loc.number(*n)),
            _ => None,
        }
    }
}

/// The legend of a picture: the weapons of `incidents[visible]` with their counts, in `Weapon::ALL` order, then
/// a note for each kind of mark the picture can show — dashed strikes and hollow dates if any incident is
/// one, badges if `drawn` has a site or cluster.
pub fn legend_rows(incidents: &[Incident], visible: &[usize], drawn: &[Mark]) -> Vec<LegendRow> {
    let mut rows: Vec<LegendRow> = weapon_counts(incidents, visible).into_iter().map(|(w, n)| LegendRow::Weapon(w, n)).collect();
    let chosen = || visible.iter().filter_map(|&n| incidents.get(n));
    if chosen().any(|i| i.kind == Kind::Strike) {
        rows.push(LegendRow::Strike);
    }
    if chosen().any(|i| i.date.precision() != DatePrecision::Day) {
        rows.push(LegendRow::Imprecise);
    }
    if drawn.iter().any(|m| !matches!(m.what, What::Incident(_))) {
        rows.push(LegendRow::Several);
    }
    rows
}

// ------------------------------------------------------------------------------------------------------------
// Page layout (pure)

/// A rectangle in CSS pixels of the picture (origin top-left).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// Whether `other` lies wholly inside (for the layout's tests).
    #[cfg(test)]
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x && other.y >= self.y && other.right() <= self.right() + 1e-9 && other.bottom() <= self.bottom() + 1e-9
    }
}

/// One line of text placed on the picture: `y` is the middle of its line, `x` where it starts (its left end,
/// or its right end in a right-to-left layout).
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub text: String,
    pub style: Style,
    pub x: f64,
    pub y: f64,
}

/// Where everything goes on the picture, in CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Whether text is written right to left, lines starting at the right and legend rows mirrored.
    pub rtl: bool,
    pub width: f64,
    pub height: f64,
    /// The band above the map: title, dates and summary.
    pub header: Rect,
    /// The map, the size of the map's container on the page.
    pub map: Rect,
    /// The legend box: over the map's bottom-left corner (bottom-right in a right-to-left layout), or a band of
    /// its own below the map when the map is too small to hold it (`legend_over_map` says which).
    pub legend: Rect,
    pub legend_over_map: bool,
    /// The top-left corner of each legend row, in the order of the rows; rows are `legend_column` wide. In a
    /// band, columns run from the start side (the left, or the right in a right-to-left layout).
    pub legend_slots: Vec<(f64, f64)>,
    pub legend_column: f64,
    /// The band below everything: the credit.
    pub credit: Rect,
    /// The header's lines (title, then dates, then summary).
    pub header_lines: Vec<Line>,
    pub credit_lines: Vec<Line>,
}

/// The layout of a picture of a `map_w` × `map_h` map with `legend` rows, measuring text with `measure`
/// (the canvas's `measureText` in the page, `estimate_width` on the host); mirrored for a right-to-left `loc`.
pub fn layout(loc: Locale, map_w: f64, map_h: f64, picture: &Picture, legend: &[LegendRow], measure: &dyn Fn(&str, Style) -> f64) -> Layout {
    let rtl = loc.is_rtl();
    let width = map_w.max(1.0);
    let map_h = map_h.max(1.0);
    let text_w = (width - 2.0 * PAD).max(40.0);
    // Where lines start, and where a box `w` wide `margin` from the start side goes.
    let line_x = if rtl { width - PAD } else { PAD };
    let from_start = |margin: f64, w: f64| if rtl { width - margin - w } else { margin };

    // Header: title, dates, summary, each wrapped.
    let mut header_lines = Vec::new();
    let mut y = 10.0;
    for (text, style) in [(picture.title, Style::Title), (picture.dates, Style::Body), (picture.summary, Style::Body)] {
        for line in wrap(text, text_w, &|s| measure(s, style)) {
            header_lines.push(Line { text: line, style, x: line_x, y: y + style.line_height() / 2.0 });
            y += style.line_height();
        }
        if style == Style::Title {
            y += 2.0;
        }
    }
    let header = Rect { x: 0.0, y: 0.0, w: width, h: (y + 8.0).max(HEADER_MIN).ceil() };
    let map = Rect { x: 0.0, y: header.h, w: width, h: map_h };

    // Legend: one column over the map if it fits in a corner, else as many columns as fit in a band below.
    let row_w = |r: &LegendRow| {
        SWATCH + measure(r.label(loc), Style::Legend) + r.count(loc).map_or(0.0, |c| 10.0 + measure(&c, Style::Legend))
    };
    let column = legend.iter().map(row_w).fold(0.0, f64::max).ceil();
    let rows = legend.len() as f64;
    let boxed = Rect { x: 0.0, y: 0.0, w: column + 2.0 * LEGEND_PAD, h: rows * LEGEND_ROW + 2.0 * LEGEND_PAD };
    let legend_over_map = legend.is_empty() || (boxed.w <= width * 0.6 && boxed.h <= map_h * 0.6);
    let (legend_rect, legend_slots, legend_column) = if legend.is_empty() {
        (Rect { x: 0.0, y: map.bottom(), w: 0.0, h: 0.0 }, Vec::new(), 0.0)
    } else if legend_over_map {
        let r = Rect { x: from_start(LEGEND_MARGIN, boxed.w), y: map.bottom() - LEGEND_MARGIN - boxed.h, ..boxed };
        let slots = (0..legend.len()).map(|k| (r.x + LEGEND_PAD, r.y + LEGEND_PAD + k as f64 * LEGEND_ROW)).collect();
        (r, slots, column)
    } else {
        let column = column.min(width - 2.0 * PAD);
        let columns = (((width - 2.0 * PAD + LEGEND_GAP) / (column + LEGEND_GAP)).floor() as usize).clamp(1, legend.len());
        let per_column = legend.len().div_ceil(columns);
        let r = Rect { x: 0.0, y: map.bottom(), w: width, h: per_column as f64 * LEGEND_ROW + 2.0 * LEGEND_PAD };
        let slots = (0..legend.len())
            .map(|k| (from_start(PAD + (k / per_column) as f64 * (column + LEGEND_GAP), column), r.y + LEGEND_PAD + (k % per_column) as f64 * LEGEND_ROW))
            .collect();
        (r, slots, column)
    };

    // Credit band below the map (and the legend band, if any).
    let top = if legend_over_map { map.bottom() } else { legend_rect.bottom() };
    let style = Style::Credit;
    let lines = wrap(picture.credit, text_w, &|s| measure(s, style));
    let credit_h = (lines.len() as f64 * style.line_height() + 12.0).max(CREDIT_MIN).ceil();
    let first = top + (credit_h - lines.len() as f64 * style.line_height()) / 2.0;
    let credit_lines = lines
        .into_iter()
        .enumerate()
        .map(|(k, text)| Line { text, style, x: line_x, y: first + (k as f64 + 0.5) * style.line_height() })
        .collect();
    let credit = Rect { x: 0.0, y: top, w: width, h: credit_h };

    Layout {
        rtl,
        width,
        height: credit.bottom(),
        header,
        map,
        legend: legend_rect,
        legend_over_map,
        legend_slots,
        legend_column,
        credit,
        header_lines,
        credit_lines,
    }
}

// ------------------------------------------------------------------------------------------------------------
// Basemap geometry (pure)

/// What a basemap outline is, in drawing order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shape {
    /// A neighbouring country.
    Land,
    /// Iraq or Syria (`properties.focus`).
    Focus,
    Lake,
    River,
}

impl Shape {
    /// Whether the outline is filled (its parts are rings) or only stroked (its parts are lines).
    pub fn filled(self) -> bool {
        self != Shape::River
    }
}

/// A basemap feature's outline: its rings (polygons) or lines, as (longitude, latitude).
#[derive(Clone, Debug, PartialEq)]
pub struct Outline {
    pub shape: Shape,
    pub parts: Vec<Vec<(f64, f64)>>,
}

/// What a basemap label names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LabelKind {
    /// A city with its rank: 1 capitals, 2 large cities, 3 towns.
    City(u8),
    Country,
    /// A river, its name written at an angle in degrees.
    River(f64),
}

/// A basemap label at (longitude, latitude).
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub kind: LabelKind,
    pub name: String,
    pub at: (f64, f64),
}

/// The basemap as the picture draws it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BasemapShapes {
    /// Outlines in drawing order: neighbours, then Iraq and Syria, lakes, rivers.
    pub outlines: Vec<Outline>,
    pub labels: Vec<Label>,
}

fn position(v: &Value) -> Option<(f64, f64)> {
    match v.as_array()?.as_slice() {
        [x, y, ..] => Some((x.as_f64()?, y.as_f64()?)),
        _ => None,
    }
}

fn positions(v: &Value) -> Vec<(f64, f64)> {
    v.as_array().map(|a| a.iter().filter_map(position).collect()).unwrap_or_default()
}

/// The rings (Polygon, MultiPolygon) or lines (LineString, MultiLineString) of a GeoJSON geometry, as
/// (longitude, latitude); nothing for any other geometry. Parts with fewer than two positions are left out.
pub fn geometry_parts(geometry: &Value) -> Vec<Vec<(f64, f64)>> {
    let coordinates = &geometry["coordinates"];
    let list = |v: &Value| v.as_array().map(|a| a.iter().map(positions).collect::<Vec<_>>()).unwrap_or_default();
    let parts = match geometry["type"].as_str() {
        Some("LineString") => vec![positions(coordinates)],
        Some("MultiLineString" | "Polygon") => list(coordinates),
        Some("MultiPolygon") => coordinates.as_array().map(|p| p.iter().flat_map(list).collect()).unwrap_or_default(),
        _ => Vec::new(),
    };
    parts.into_iter().filter(|p| p.len() >= 2).collect()
}

/// Reads the basemap GeoJSON (`assets/basemap/region.geojson`, made by `tools/basemap/build.py`): each
/// feature's `properties.layer` says what it is (country, lake, river, city, country_label, river_label).
/// Features of other layers or geometries are skipped. Labels are named in `loc`'s language where the
/// feature has a name in it (`name_ar`), else by `name`, as on the map (`basemap::name_keys`).
pub fn parse_basemap(loc: Locale, text: &str) -> Result<BasemapShapes, String> {
    let data: Value = serde_json::from_str(text).map_err(|e| format!("the basemap is not JSON: {e}"))?;
    let features = data["features"].as_array().ok_or("the basemap has no features")?;
    let mut shapes = BasemapShapes::default();
    for f in features {
        let p = &f["properties"];
        let name = crate::basemap::name_keys(loc.lang).iter().find_map(|k| p[*k].as_str().filter(|n| !n.is_empty())).unwrap_or_default().to_string();
        let shape = match p["layer"].as_str() {
            Some("country") if p["focus"].as_bool() == Some(true) => Some(Shape::Focus),
            Some("country") => Some(Shape::Land),
            Some("lake") => Some(Shape::Lake),
            Some("river") => Some(Shape::River),
            _ => None,
        };
        if let Some(shape) = shape {
            let parts = geometry_parts(&f["geometry"]);
            if !parts.is_empty() {
                shapes.outlines.push(Outline { shape, parts });
            }
            continue;
        }
        let kind = match p["layer"].as_str() {
            Some("city") => LabelKind::City(p["rank"].as_u64().map_or(3, |r| r.clamp(1, 3) as u8)),
            Some("country_label") => LabelKind::Country,
            Some("river_label") => LabelKind::River(p["angle"].as_f64().unwrap_or(0.0)),
            _ => continue,
        };
        if f["geometry"]["type"].as_str() != Some("Point") || name.is_empty() {
            continue;
        }
        if let Some(at) = position(&f["geometry"]["coordinates"]) {
            shapes.labels.push(Label { kind, name, at });
        }
    }
    crate::order::sort_by_key(&mut shapes.outlines, |o| o.shape);
    Ok(shapes)
}

/// Whether a label shows at `zoom`, as on the map (assets/style.css): capitals always, large cities from zoom
/// 5, towns from zoom 7; country and river names always.
pub fn label_shown(kind: LabelKind, zoom: f64) -> bool {
    match kind {
        LabelKind::City(rank) => rank <= 1 || (rank == 2 && zoom.floor() >= 5.0) || zoom.floor() >= 7.0,
        LabelKind::Country | LabelKind::River(_) => true,
    }
}


// ------------------------------------------------------------------------------------------------------------
// Colours

/// The picture's colours, as assets/style.css gives them for the light theme.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub sea: &'static str,
    pub land: &'static str,
    pub focus: &'static str,
    pub border: &'static str,
    pub border_focus: &'static str,
    pub river: &'static str,
    pub text: &'static str,
    pub muted: &'static str,
    pub panel: &'static str,
    pub rule: &'static str,
    pub halo: &'static str,
    pub city_dot: &'static str,
    pub country_label: &'static str,
    pub river_label: &'static str,
}

pub fn palette(dark: bool) -> Palette {
    if dark {
        Palette {
            sea: "#1b2a35",
            land: "#2b2f33",
            focus: "#363b40",
            border: "#6d7680",
            border_focus: "#9aa3ad",
            river: "#3f79a6",
            text: "#e8eaed",
            muted: "#a9b0b8",
            panel: "#202428",
            rule: "#3a4047",
            halo: "#202428",
            city_dot: "#e8eaed",
            country_label: "#8d959e",
            river_label: "#8fc0e6",
        }
    } else {
        Palette {
            sea: "#b9d3e0",
            land: "#e9e4d8",
            focus: "#fbf8f1",
            border: "#9c8f7a",
            border_focus: "#5b4e3a",
            river: "#5f9fcf",
            text: "#1d232a",
            muted: "#5a6470",
            panel: "#ffffff",
            rule: "#d0d5da",
            halo: "#ffffff",
            city_dot: "#3a3a3a",
            country_label: "#8a7f6d",
            river_label: "#2f6f9f",
        }
    }
}

// ------------------------------------------------------------------------------------------------------------
// Drawing (web)

/// Draws the map as it is now (its current bounds and zoom), the incident marks, a legend, the title, the date
/// range, the summary and the credit on a canvas (2× pixel ratio), and offers it as a PNG download named
/// `file_name`. `basemap` is the basemap GeoJSON text; without it (or if it cannot be read) the picture has
/// the sea and the marks only.
#[allow(clippy::too_many_arguments)]
pub fn download_png(
    loc: Locale,
    map: &leaflet::Map,
    basemap: Option<&str>,
    incidents: &[Incident],
    index: &crate::index::Index,
    visible: &[usize],
    picture: &Picture,
    file_name: &str,
) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let canvas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d")?.ok_or("no 2d canvas")?.dyn_into()?;
    let container = map.get_container();
    let (map_w, map_h) = (f64::from(container.client_width()), f64::from(container.client_height()));
    if map_w < 1.0 || map_h < 1.0 {
        return Err(loc.t(Msg::MapNoSize).into());
    }
    let zoom = map.get_zoom();
    let drawn = marks(incidents, index, visible, zoom, Some(crate::leaflet_ext::view_with_margin(map, 0.5)));
    let rows = legend_rows(incidents, visible, &drawn);
    let measure = |text: &str, style: Style| {
        ctx.set_font(&style.css());
        ctx.measure_text(text).map(|m| m.width()).unwrap_or_else(|_| estimate_width(text, style))
    };
    let page = layout(loc, map_w, map_h, picture, &rows, &measure);
    canvas.set_width((page.width * PIXEL_RATIO).round() as u32);
    canvas.set_height((page.height * PIXEL_RATIO).round() as u32);
    ctx.scale(PIXEL_RATIO, PIXEL_RATIO)?;
    let colours = palette(picture.dark);
    let shapes = basemap.map(|text| parse_basemap(loc, text)).transpose().unwrap_or_else(|e| {
        leptos::logging::warn!("picture drawn without the basemap: {e}");
        None
    });

    ctx.save();
    ctx.translate(page.map.x, page.map.y)?;
    ctx.begin_path();
    ctx.rect(0.0, 0.0, page.map.w, page.map.h);
    ctx.clip();
    ctx.set_fill_style_str(colours.sea);
    ctx.fill_rect(0.0, 0.0, page.map.w, page.map.h);
    let project = |(lng, lat): (f64, f64)| {
        let p = map.lat_lng_to_container_point(&leaflet::LatLng::new(lat, lng));
        (p.x(), p.y())
    };
    if let Some(shapes) = &shapes {
        draw_outlines(&ctx, shapes, &project, &colours);
        draw_labels(&ctx, shapes, zoom, loc.is_rtl(), &project, &colours);
    }
    let placed = crate::mark_paint::place(&drawn, incidents, (page.map.w, page.map.h), |p| project((p.x(), p.y())));
    let painter = crate::mark_paint::Painter::new(loc);
    painter.paint(&ctx, &drawn, incidents, &placed, picture.dark)?;
    ctx.restore();

    set_direction(&ctx, page.rtl);
    draw_legend(&ctx, loc, &page, &rows, &colours, &painter, picture.dark)?;
    draw_bands(&ctx, &page, &colours);
    save_canvas(&canvas, file_name)
}

/// Country, lake and river outlines, in the order and styles of `basemap.rs` and the CSS.
fn draw_outlines(ctx: &CanvasRenderingContext2d, shapes: &BasemapShapes, project: &dyn Fn((f64, f64)) -> (f64, f64), c: &Palette) {
    ctx.set_line_join("round");
    ctx.set_line_cap("round");
    for o in &shapes.outlines {
        ctx.begin_path();
        for part in &o.parts {
            for (k, &p) in part.iter().enumerate() {
                let (x, y) = project(p);
                if k == 0 {
                    ctx.move_to(x, y);
                } else {
                    ctx.line_to(x, y);
                }
            }
            if o.shape.filled() {
                ctx.close_path();
            }
        }
        let (fill, stroke, width) = match o.shape {
            Shape::Land => (Some(c.land), c.border, 0.8),
            Shape::Focus => (Some(c.focus), c.border_focus, 1.4),
            Shape::Lake => (Some(c.sea), c.river, 0.5),
            Shape::River => (None, c.river, 1.3),
        };
        if let Some(fill) = fill {
            ctx.set_fill_style_str(fill);
            ctx.fill_with_canvas_winding_rule(CanvasWindingRule::Evenodd);
        }
        ctx.set_stroke_style_str(stroke);
        ctx.set_line_width(width);
        ctx.stroke();
    }
}

/// Text with a halo in the background colour, so it reads over borders and rivers.
fn halo_text(ctx: &CanvasRenderingContext2d, text: &str, x: f64, y: f64, colour: &str, halo: &str) {
    ctx.set_line_join("round");
    ctx.set_stroke_style_str(halo);
    ctx.set_line_width(3.0);
    let _ = ctx.stroke_text(text, x, y);
    ctx.set_fill_style_str(colour);
    let _ = ctx.fill_text(text, x, y);
}

/// Country names, river names and cities (a dot and a name) shown at this zoom. Arabic names are neither
/// spaced out nor slanted, which would break their joined letters; they stand where the English ones do.
fn draw_labels(ctx: &CanvasRenderingContext2d, shapes: &BasemapShapes, zoom: f64, arabic: bool, project: &dyn Fn((f64, f64)) -> (f64, f64), c: &Palette) {
    ctx.set_text_baseline("middle");
    for label in shapes.labels.iter().filter(|l| label_shown(l.kind, zoom)) {
        let (x, y) = project(label.at);
        match label.kind {
            LabelKind::Country => {
                ctx.set_font(&format!("13px {FONT_FAMILY}"));
                let _ = js_sys::Reflect::set(ctx, &"letterSpacing".into(), &(if arabic { "0px" } else { "3px" }).into());
                ctx.set_text_align("center");
                ctx.set_fill_style_str(c.country_label);
                // The browser's toUpperCase: str::to_uppercase would link Rust's Unicode case table (about
                // 6 KB of the gzipped wasm) for this one label.
                let upper = String::from(js_sys::JsString::from(label.name.as_str()).to_upper_case());
                let _ = ctx.fill_text(&upper, x, y + 8.0);
                let _ = js_sys::Reflect::set(ctx, &"letterSpacing".into(), &"0px".into());
            }
            LabelKind::River(angle) => {
                ctx.save();
                let _ = ctx.translate(x, y + 7.0);
                let _ = ctx.rotate(angle.to_radians());
                ctx.set_font(&format!("{}11px {FONT_FAMILY}", if arabic { "" } else { "italic " }));
                ctx.set_text_align("left");
                halo_text(ctx, &label.name, 0.0, 0.0, c.river_label, c.halo);
                ctx.restore();
            }
            LabelKind::City(rank) => {
                ctx.begin_path();
                let _ = ctx.arc(x, y, 2.5, 0.0, std::f64::consts::TAU);
                ctx.set_fill_style_str(c.city_dot);
                ctx.fill();
                ctx.set_font(&format!("{}px {FONT_FAMILY}", if rank == 1 { "600 13" } else { "12" }));
                ctx.set_text_align("left");
                halo_text(ctx, &label.name, x + 5.0, y, c.text, c.halo);
            }
        }
    }
}

/// Sets the direction text is written in (and so which side `start` and `end` align to).
fn set_direction(ctx: &CanvasRenderingContext2d, rtl: bool) {
    let _ = js_sys::Reflect::set(ctx, &"direction".into(), &(if rtl { "rtl" } else { "ltr" }).into());
}

/// The legend box (over the map) or band (below it), one row per `rows`: swatch, label, count, from the start
/// side of the row (mirrored in a right-to-left layout).
fn draw_legend(ctx: &CanvasRenderingContext2d, loc: Locale, page: &Layout, rows: &[LegendRow], c: &Palette, painter: &crate::mark_paint::Painter, dark: bool) -> Result<(), JsValue> {
    if rows.is_empty() {
        return Ok(());
    }
    let r = page.legend;
    ctx.set_fill_style_str(c.panel);
    if page.legend_over_map {
        ctx.save();
        ctx.set_shadow_color("rgba(0, 0, 0, 0.18)");
        ctx.set_shadow_blur(8.0);
        ctx.set_shadow_offset_y(1.0);
        ctx.begin_path();
        ctx.round_rect_with_f64(r.x, r.y, r.w, r.h, 6.0)?;
        ctx.fill();
        ctx.restore();
    } else {
        ctx.fill_rect(r.x, r.y, r.w, r.h);
        ctx.set_fill_style_str(c.rule);
        ctx.fill_rect(r.x, r.y, r.w, 1.0);
    }
    ctx.set_font(&Style::Legend.css());
    ctx.set_text_baseline("middle");
    for (row, &(x, y)) in rows.iter().zip(&page.legend_slots) {
        // The row's start and end, on the canvas: the right and the left in a right-to-left layout.
        let (start, end, inward) = if page.rtl { (x + page.legend_column, x, -1.0) } else { (x, x + page.legend_column, 1.0) };
        let (sx, sy) = (start + inward * (SWATCH / 2.0 - 2.0), y + LEGEND_ROW / 2.0);
        match row {
            LegendRow::Weapon(w, _) => painter.symbol(ctx, (*w, Kind::Attack, true), 5.0, (sx, sy), dark)?,
            LegendRow::Strike => painter.symbol(ctx, (Weapon::Unknown, Kind::Strike, true), 5.0, (sx, sy), dark)?,
            LegendRow::Imprecise => painter.symbol(ctx, (Weapon::Unknown, Kind::Attack, false), 4.5, (sx, sy), dark)?,
            LegendRow::Several => {
                // A small site badge: dark disc in a white ring, so it shows on a dark legend too.
                for (radius, colour) in [(7.5, "#1d232a"), (6.5, "#ffffff"), (5.5, "#1d232a")] {
                    ctx.begin_path();
                    ctx.arc(sx, sy, radius, 0.0, std::f64::consts::TAU)?;
                    ctx.set_fill_style_str(colour);
                    ctx.fill();
                }
                ctx.set_font(&format!("bold 8px {FONT_FAMILY}"));
                ctx.set_text_align("center");
                ctx.set_fill_style_str("#ffffff");
                ctx.fill_text(&loc.number(3), sx, sy + 0.5)?;
                ctx.set_font(&Style::Legend.css());
            }
        }
        let notes = !matches!(row, LegendRow::Weapon(..));
        ctx.set_text_align("start");
        ctx.set_fill_style_str(if notes { c.muted } else { c.text });
        ctx.fill_text(row.label(loc), start + inward * SWATCH, sy)?;
        if let Some(n) = row.count(loc) {
            ctx.set_text_align("end");
            ctx.set_fill_style_str(c.muted);
            ctx.fill_text(&n, end, sy)?;
        }
    }
    Ok(())
}

/// The header band (title, dates, summary) and the credit band.
fn draw_bands(ctx: &CanvasRenderingContext2d, page: &Layout, c: &Palette) {
    for band in [page.header, page.credit] {
        ctx.set_fill_style_str(c.panel);
        ctx.fill_rect(band.x, band.y, band.w, band.h);
    }
    ctx.set_fill_style_str(c.rule);
    ctx.fill_rect(0.0, page.header.bottom() - 1.0, page.width, 1.0);
    ctx.fill_rect(0.0, page.credit.y, page.width, 1.0);
    // Lines start at their `x`: at the left, or at the right in a right-to-left layout. They are written in
    // the layout's direction, but for the title, which may be a newsroom's in another language: it is written
    // in its own, as `dir="auto"` would (an English title in an Arabic picture reads left to right).
    ctx.set_text_align(if page.rtl { "right" } else { "left" });
    ctx.set_text_baseline("middle");
    let title = page.header_lines.iter().find(|l| l.style == Style::Title).and_then(|l| crate::i18n::reads_rtl(&l.text));
    for (k, line) in page.header_lines.iter().chain(&page.credit_lines).enumerate() {
        set_direction(ctx, if line.style == Style::Title { title.unwrap_or(page.rtl) } else { page.rtl });
        ctx.set_font(&line.style.css());
        // The dates (the first body line after the title) and the credit are muted; title and summary are not.
        let dates = line.style == Style::Body && page.header_lines.iter().take(k).all(|l| l.style == Style::Title);
        ctx.set_fill_style_str(if dates || line.style == Style::Credit { c.muted } else { c.text });
        let _ = ctx.fill_text(&line.text, line.x, line.y);
    }
}

/// Encodes the canvas as PNG and offers it as a download named `name`.
fn save_canvas(canvas: &HtmlCanvasElement, name: &str) -> Result<(), JsValue> {
    let name = name.to_string();
    let done = Closure::once_into_js(move |blob: JsValue| {
        if let Err(e) = save_blob(blob, &name) {
            leptos::logging::error!("the picture could not be saved: {e:?}");
        }
    });
    canvas.to_blob(done.unchecked_ref())
}

/// Offers `blob` (a `Blob`, or null when encoding failed) as a download named `name`.
fn save_blob(blob: JsValue, name: &str) -> Result<(), JsValue> {
    let blob: web_sys::Blob = blob.dyn_into().map_err(|_| JsValue::from("the picture could not be encoded"))?;
    crate::download::save_blob(&blob, name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Digits, Lang};
    use crate::parse::test_incidents;

    fn picture<'a>(summary: &'a str, credit: &'a str) -> Picture<'a> {
        Picture { title: "Incident Map", dates: "2021-07-01 – 2021-12-31", summary, credit, dark: false }
    }

    const SUMMARY: &str = "120 incidents · 310 rockets and 45 drones launched · 90 intercepted (25%) · 3 killed, 21 wounded";
    const CREDIT: &str = "Incidents: news and official reports, cited per incident · Basemap: Natural Earth, GeoNames (CC BY 4.0) · Leaflet";

    fn all_rows() -> Vec<LegendRow> {
        let mut rows: Vec<LegendRow> = Weapon::ALL.iter().map(|&w| LegendRow::Weapon(w, 1234)).collect();
        rows.extend([LegendRow::Strike, LegendRow::Imprecise, LegendRow::Several]);
        rows
    }

    #[test]
    fn wrapping_keeps_lines_short_and_separators_at_line_ends() {
        let measure = |s: &str| estimate_width(s, Style::Body);
        let lines = wrap(SUMMARY, 300.0, &measure);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| measure(l) <= 300.0), "{lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with('·')), "{lines:?}");
        assert_eq!(lines.join(" "), SUMMARY, "nothing lost");
        assert_eq!(wrap("short", 300.0, &measure), vec!["short"]);
        assert!(wrap("", 300.0, &measure).is_empty());
        let long = wrap(&"x".repeat(100), 100.0, &measure);
        assert!(long.len() > 1 && long.iter().all(|l| measure(l) <= 100.0), "{long:?}");
        assert_eq!(long.concat(), "x".repeat(100));
    }

    #[test]
    fn desktop_layout_puts_header_map_legend_and_credit_in_order() {
        let p = picture(SUMMARY, CREDIT);
        let l = layout(Locale::EN, 880.0, 730.0, &p, &all_rows(), &estimate_width);
        assert!(l.header.h >= HEADER_MIN && l.header.h < 100.0, "{:?}", l.header);
        assert_eq!(l.map, Rect { x: 0.0, y: l.header.h, w: 880.0, h: 730.0 });
        assert!(l.legend_over_map);
        assert!(l.map.contains(&l.legend), "legend inside the map: {:?}", l.legend);
        assert!((l.map.bottom() - l.legend.bottom() - LEGEND_MARGIN).abs() < 1e-9, "at the bottom");
        assert_eq!(l.legend.x, LEGEND_MARGIN, "at the left");
        assert_eq!(l.legend.h, 11.0 * LEGEND_ROW + 2.0 * LEGEND_PAD, "sized to its rows");
        assert_eq!(l.legend_slots.len(), 11);
        assert!(l.legend_slots.iter().all(|&(x, y)| l.legend.contains(&Rect { x, y, w: l.legend_column, h: LEGEND_ROW })));
        assert_eq!(l.credit.y, l.map.bottom());
        assert_eq!(l.header_lines[0], Line { text: "Incident Map".into(), style: Style::Title, x: PAD, y: 10.0 + 11.5 });
        assert_eq!(l.header_lines.iter().filter(|x| x.style == Style::Body).count(), 2, "dates and summary on a line each");
        assert_eq!(l.credit_lines.len(), 1);
        for line in l.header_lines.iter().chain(&l.credit_lines) {
            assert!(estimate_width(&line.text, line.style) <= l.width - 2.0 * PAD, "{line:?}");
        }
        assert!(l.header_lines.iter().all(|x| x.y < l.header.bottom()));
        assert!(l.credit_lines.iter().all(|x| x.y > l.credit.y && x.y < l.credit.bottom()));
    }

    #[test]
    fn phone_layout_wraps_text_and_moves_the_legend_below_the_map() {
        let p = picture(SUMMARY, CREDIT);
        let l = layout(Locale::EN, 360.0, 420.0, &p, &all_rows(), &estimate_width);
        assert!(l.header_lines.len() > 3, "the summary wraps: {:?}", l.header_lines);
        assert!(l.header.h > HEADER_MIN);
        assert!(l.header_lines.last().unwrap().y < l.header.bottom());
        assert!(!l.legend_over_map);
        assert_eq!(l.legend.y, l.map.bottom());
        assert_eq!(l.credit.y, l.legend.bottom());
        assert!(l.credit_lines.len() > 1);
        assert!(l.credit_lines.last().unwrap().y < l.credit.bottom());
        for &(x, y) in &l.legend_slots {
            let slot = Rect { x, y, w: l.legend_column, h: LEGEND_ROW };
            assert!(l.legend.contains(&slot) && slot.right() <= l.width - PAD + 1e-9, "{slot:?} in {:?}", l.legend);
        }
        // Lines never overlap: each starts below the last.
        for pair in l.header_lines.windows(2) {
            assert!(pair[1].y - pair[0].y >= pair[1].style.line_height() - 1e-9, "{pair:?}");
        }
    }

    #[test]
    fn in_arabic_the_text_starts_at_the_right_and_the_legend_is_mirrored() {
        let ar = Locale::new(Lang::Ar, Digits::Arabic);
        let summary = "١٢٠ حادثة · ٣١٠ صواريخ و٤٥ مسيّرة أُطلقت · اعتُرض ٩٠ (٢٥٪) · ٣ قتلى و٢١ جريحاً";
        let p = Picture { title: "خريطة الهجمات", dates: "١ تموز ٢٠٢١ – ٣١ كانون الأول ٢٠٢١", summary, credit: CREDIT, dark: false };
        let rows = all_rows();
        let l = layout(ar, 880.0, 730.0, &p, &rows, &estimate_width);
        let en = layout(Locale::EN, 880.0, 730.0, &p, &rows, &estimate_width);
        assert!(l.rtl && !en.rtl);
        assert!(l.header_lines.iter().chain(&l.credit_lines).all(|line| line.x == l.width - PAD), "lines start at the right");
        assert_eq!(l.header_lines[0].text, "خريطة الهجمات");
        assert!(l.legend_over_map && l.map.contains(&l.legend));
        assert!((l.legend.right() - (l.width - LEGEND_MARGIN)).abs() < 1e-9, "in the bottom-right corner: {:?}", l.legend);
        assert_eq!(l.legend.bottom(), en.legend.bottom());
        assert!(l.legend_slots.iter().all(|&(x, y)| l.legend.contains(&Rect { x, y, w: l.legend_column, h: LEGEND_ROW })));
        // The map and the bands are where they are in English.
        assert_eq!((l.map, l.header, l.credit), (en.map, en.header, en.credit));

        // A phone: the legend's columns in a band below the map, the first at the right.
        let phone = layout(ar, 360.0, 420.0, &p, &rows, &estimate_width);
        assert!(!phone.legend_over_map);
        let first = phone.legend_slots[0];
        assert!((first.0 + phone.legend_column - (phone.width - PAD)).abs() < 1e-9, "{first:?}");
        assert!(phone.legend_slots.iter().all(|&(x, _)| x >= PAD - 1e-9 && x <= first.0), "{:?}", phone.legend_slots);
        assert!(phone.header_lines.len() > 3 && phone.header_lines.iter().all(|line| estimate_width(&line.text, line.style) <= phone.width - 2.0 * PAD));
    }

    #[test]
    fn an_empty_legend_takes_no_room() {
        let l = layout(Locale::EN, 500.0, 300.0, &picture("No incidents match the filters", "c"), &[], &estimate_width);
        assert_eq!(l.legend.h, 0.0);
        assert!(l.legend_slots.is_empty());
        assert_eq!(l.credit.y, l.map.bottom());
        assert_eq!(l.credit.h, CREDIT_MIN);
        let tiny = layout(Locale::EN, 0.0, 0.0, &picture("", ""), &all_rows(), &estimate_width);
        assert!(tiny.width >= 1.0 && tiny.height > 0.0, "never a zero or negative canvas");
    }

    #[test]
    fn legend_lists_the_weapons_shown_with_counts_then_the_notes_that_apply() {
        let all = test_incidents(&[
            r#""weapon":"drone""#,
            r#""weapon":"rocket","date":"2021-05""#,
            r#""weapon":"drone""#,
            r#""weapon":"airstrike","kind":"strike""#,
        ]);
        let rows = legend_rows(&all, &[0, 1, 2, 3], &[]);
        assert_eq!(
            rows,
            vec![
                LegendRow::Weapon(Weapon::Rocket, 1),
                LegendRow::Weapon(Weapon::Drone, 2),
                LegendRow::Weapon(Weapon::Airstrike, 1),
                LegendRow::Strike,
                LegendRow::Imprecise,
            ],
            "Weapon::ALL order"
        );
        assert_eq!(legend_rows(&all, &[0, 2], &[]), vec![LegendRow::Weapon(Weapon::Drone, 2)], "notes only when they apply");
        let badge = Mark { what: What::Cluster(geo::Rect::new((44.0, 33.0), (44.0, 33.0))), point: geo::Point::new(44.0, 33.0), count: 2 };
        assert_eq!(legend_rows(&all, &[0, 2], &[badge]).last(), Some(&LegendRow::Several));
        assert!(legend_rows(&all, &[], &[]).is_empty());
        assert_eq!(LegendRow::Weapon(Weapon::Rocket, 12345).count(Locale::EN).as_deref(), Some("12,345"));
        let arabic = Locale::new(Lang::Ar, Digits::Arabic);
        assert_eq!(LegendRow::Weapon(Weapon::Rocket, 12345).count(arabic).as_deref(), Some("١٢٬٣٤٥"));
        assert_eq!(LegendRow::Weapon(Weapon::Rocket, 1).label(arabic), "صاروخ");
        assert_eq!(LegendRow::Strike.label(Locale::EN), "Dashed: US or coalition strike");
        assert_eq!(LegendRow::Imprecise.label(arabic), "مفرَّغ: التاريخ معروف بالشهر أو السنة فقط");
        assert_eq!(LegendRow::Strike.count(arabic), None);
    }

    #[test]
    fn geometries_become_rings_and_lines_and_the_rest_is_skipped() {
        let g = |s: &str| geometry_parts(&serde_json::from_str::<Value>(s).unwrap());
        assert_eq!(g(r#"{"type":"LineString","coordinates":[[1,2],[3,4]]}"#), vec![vec![(1.0, 2.0), (3.0, 4.0)]]);
        assert_eq!(g(r#"{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6],[7,8,9]]]}"#).len(), 2);
        let square = "[[0,0],[1,0],[1,1],[0,0]]";
        let hole = "[[0.2,0.2],[0.4,0.2],[0.4,0.4],[0.2,0.2]]";
        assert_eq!(g(&format!(r#"{{"type":"Polygon","coordinates":[{square},{hole}]}}"#)).len(), 2, "outer ring and hole");
        let multi = g(&format!(r#"{{"type":"MultiPolygon","coordinates":[[{square},{hole}],[{square}]]}}"#));
        assert_eq!(multi.len(), 3);
        assert_eq!(multi[0][1], (1.0, 0.0));
        assert!(g(r#"{"type":"Point","coordinates":[1,2]}"#).is_empty());
        assert!(g(r#"{"type":"GeometryCollection","geometries":[]}"#).is_empty());
        assert!(g("null").is_empty());
        assert!(g(r#"{"type":"LineString","coordinates":[[1,2],["x",3],[4]]}"#).is_empty(), "bad positions dropped, one point is no line");
    }

    #[test]
    fn the_basemap_is_read_by_layer() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"layer":"river"},"geometry":{"type":"MultiLineString","coordinates":[[[40,34],[41,35]]]}},
            {"type":"Feature","properties":{"layer":"country","name":"Iraq","focus":true},"geometry":{"type":"MultiPolygon","coordinates":[[[[40,30],[48,30],[48,37],[40,30]]]]}},
            {"type":"Feature","properties":{"layer":"country","name":"Iran","focus":false},"geometry":{"type":"Polygon","coordinates":[[[48,30],[56,30],[56,37],[48,30]]]}},
            {"type":"Feature","properties":{"layer":"lake"},"geometry":{"type":"Polygon","coordinates":[[[44,33],[44.1,33],[44,33.1],[44,33]]]}},
            {"type":"Feature","properties":{"layer":"city","name":"Baghdad","rank":1},"geometry":{"type":"Point","coordinates":[44.4,33.3]}},
            {"type":"Feature","properties":{"layer":"city","name":"Hit","rank":3},"geometry":{"type":"Point","coordinates":[42.8,33.6]}},
            {"type":"Feature","properties":{"layer":"river_label","name":"Tigris","name_ar":"دجلة","angle":-55},"geometry":{"type":"Point","coordinates":[43.9,34.5]}},
            {"type":"Feature","properties":{"layer":"country_label","name":"Iraq"},"geometry":{"type":"Point","coordinates":[43.2,33.2]}},
            {"type":"Feature","properties":{"layer":"roads"},"geometry":{"type":"LineString","coordinates":[[40,34],[41,35]]}},
            {"type":"Feature","properties":{"layer":"city"},"geometry":{"type":"Point","coordinates":[40,34]}},
            {"type":"Feature","properties":null,"geometry":null}
        ]}"#;
        let b = parse_basemap(Locale::EN, text).unwrap();
        let kinds: Vec<Shape> = b.outlines.iter().map(|o| o.shape).collect();
        assert_eq!(kinds, [Shape::Land, Shape::Focus, Shape::Lake, Shape::River], "drawing order");
        assert_eq!(b.labels.len(), 4, "a city without a name is skipped: {:?}", b.labels);
        assert_eq!(b.labels[0], Label { kind: LabelKind::City(1), name: "Baghdad".into(), at: (44.4, 33.3) });
        assert_eq!(b.labels[2].kind, LabelKind::River(-55.0));
        let ar = parse_basemap(Locale::new(Lang::Ar, Digits::Western), text).unwrap();
        let names: Vec<&str> = ar.labels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["Baghdad", "Hit", "دجلة", "Iraq"], "the Arabic name, else the English one");
        assert_eq!(b.labels[2].name, "Tigris");
        assert!(parse_basemap(Locale::EN, "not json").is_err());
        assert!(parse_basemap(Locale::EN, "{}").is_err());
    }

    #[test]
    fn the_bundled_basemap_reads() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/basemap/region.geojson")).unwrap();
        let b = parse_basemap(Locale::EN, &text).unwrap();
        assert_eq!(b.outlines.iter().filter(|o| o.shape == Shape::Focus).count(), 2, "Iraq and Syria");
        assert!(b.outlines.iter().any(|o| o.shape == Shape::River));
        assert!(b.labels.iter().any(|l| l.name == "Baghdad" && l.kind == LabelKind::City(1)));
        // In Arabic every label has its Arabic name.
        let ar = parse_basemap(Locale::new(Lang::Ar, Digits::Western), &text).unwrap();
        assert_eq!(ar.labels.len(), b.labels.len());
        assert!(ar.labels.iter().all(|l| l.name.chars().any(|c| ('\u{600}'..='\u{6FF}').contains(&c))), "{:?}", ar.labels);
        for (city, arabic) in [(LabelKind::City(1), "بغداد"), (LabelKind::City(2), "دير الزور"), (LabelKind::City(2), "أربيل"), (LabelKind::River(-55.0), "دجلة"), (LabelKind::Country, "العراق")] {
            assert!(ar.labels.iter().any(|l| l.name == arabic && l.kind == city), "{arabic}");
        }
    }

    #[test]
    fn cities_show_by_rank_and_zoom_as_on_the_map() {
        assert!(label_shown(LabelKind::City(1), 4.0));
        assert!(!label_shown(LabelKind::City(2), 4.75));
        assert!(label_shown(LabelKind::City(2), 5.0));
        assert!(!label_shown(LabelKind::City(3), 6.5));
        assert!(label_shown(LabelKind::City(3), 7.0));
        assert!(label_shown(LabelKind::Country, 4.0));
    }
}
