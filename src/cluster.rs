//! What the map draws for a set of incidents at a zoom: single incidents, one badge per site with several
//! incidents (the Green Zone, Ain al-Asad), and clusters of nearby places when zoomed out. Pure; screen
//! distances use the Web Mercator projection Leaflet draws with. Reads places from the index's columns, so
//! a million incidents come down to a few hundred marks without touching the incidents themselves.

use std::collections::HashMap;

use geo::{Point, Rect};

use crate::i18n::{Locale, Msg};
use crate::index::Index;
use crate::model::Incident;
use crate::tr;

/// Marks closer than this on screen, in pixels, merge into a cluster.
pub const CELL_PX: f64 = 44.0;
/// From this zoom on, places are not clustered (sites still aggregate) — unless there are more marks than
/// `MAX_UNCLUSTERED`, so that the map never holds more than a few thousand marks.
pub const NO_CLUSTER_ZOOM: f64 = 10.0;
pub const MAX_UNCLUSTERED: usize = 1500;

/// What a mark stands for.
#[derive(Clone, Debug, PartialEq)]
pub enum What {
    /// One incident (at one of its points): choosing it selects the incident.
    Incident(usize),
    /// Several incidents at one site, by the site's code in the index: choosing it opens the site.
    Site(u32),
    /// Incidents at several places that fall close together at this zoom: choosing it zooms to these bounds
    /// (west-south, east-north).
    Cluster(Rect<f64>),
}

/// One thing drawn on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub what: What,
    /// Where it is drawn (x = longitude, y = latitude).
    pub point: Point<f64>,
    /// How many incidents it stands for. A strike on several places counts at each of them, so a cluster
    /// holding two of its places counts it twice — except in `marks_with_members`, which counts the members.
    pub count: usize,
}

impl Mark {
    /// What the mark says to a reader, in the reader's language: its tooltip and accessible name. Names from
    /// the data are isolated (`isolate`) so that they keep their own direction inside the sentence.
    pub fn label(&self, loc: Locale, incidents: &[Incident], index: &Index) -> String {
        match self.what {
            What::Incident(n) => {
                let place = index.site_code(n).map(|code| index.site_name_in(incidents, code, loc.lang));
                incidents.get(n).map(|i| incident_label(loc, i, place)).unwrap_or_default()
            }
            What::Site(code) => loc.count(Msg::MapSiteLabel, self.count, &[("site", &loc.isolate(index.site_name_in(incidents, code, loc.lang)))]),
            What::Cluster(_) => loc.count(Msg::MapClusterLabel, self.count, &[]),
        }
    }
}

/// An incident's mark names it by date (as the data writes it, in the reader's digits), weapon and place:
/// "2021-12-19 · Rocket · Green Zone".
/// `place` names the site in the reader's language where the gazetteer does (`Index::site_name_in`).
pub fn incident_label(loc: Locale, i: &Incident, place: Option<&str>) -> String {
    let place = place.or(i.site.as_deref()).map_or_else(|| loc.t(Msg::MapUnknownPlace).to_string(), |s| loc.isolate(s));
    tr!(loc, Msg::MapIncidentLabel, date = loc.data_date(&i.date.to_string()), weapon = loc.weapon(i.weapon), place = place)
}

/// Web Mercator pixel coordinates of a point at a zoom (256-pixel tiles, as Leaflet's default CRS).
pub fn project(p: Point<f64>, zoom: f64) -> (f64, f64) {
    let scale = 256.0 * 2f64.powf(zoom);
    let lat = p.y().clamp(-85.0511, 85.0511).to_radians();
    let x = (p.x() + 180.0) / 360.0 * scale;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * scale;
    (x, y)
}

/// The point at Web Mercator pixels (x, y) at zoom 0: the inverse of `project(_, 0.0)`.
pub fn unproject((x, y): (f64, f64)) -> Point<f64> {
    let lng = x / 256.0 * 360.0 - 180.0;
    let lat = (std::f64::consts::PI * (1.0 - 2.0 * y / 256.0)).sinh().atan().to_degrees();
    Point::new(lng, lat)
}

/// A mark while the marks are being made: its place and extent in zoom-0 pixels.
struct Item {
    what: What,
    count: usize,
    /// Sum of the places of what it holds (a centroid once divided by `count`).
    sum: (f64, f64),
    /// min x, min y, max x, max y.
    extent: [f64; 4],
}

impl Item {
    fn new(what: What, (x, y): (f64, f64), count: usize) -> Item {
        Item { what, count, sum: (x * count as f64, y * count as f64), extent: [x, y, x, y] }
    }

    fn at(&self) -> (f64, f64) {
        (self.sum.0 / self.count as f64, self.sum.1 / self.count as f64)
    }

    fn absorb(&mut self, other: &Item) {
        self.count += other.count;
        self.sum = (self.sum.0 + other.sum.0, self.sum.1 + other.sum.1);
        self.extent = [
            self.extent[0].min(other.extent[0]),
            self.extent[1].min(other.extent[1]),
            self.extent[2].max(other.extent[2]),
            self.extent[3].max(other.extent[3]),
        ];
        self.what = What::Cluster(Rect::new((0.0, 0.0), (0.0, 0.0)));
    }

    fn into_mark(self) -> Mark {
        let point = unproject(self.at());
        let what = match self.what {
            What::Cluster(_) => {
                let (sw, ne) = (unproject((self.extent[0], self.extent[3])), unproject((self.extent[2], self.extent[1])));
                What::Cluster(Rect::new(sw, ne))
            }
            other => other,
        };
        Mark { what, point, count: self.count }
    }
}

/// The marks for `incidents[visible]` at `zoom`. Incidents with one point and a site group by site (drawn at
/// the site's first incident); an incident with several points (a strike on several places) is drawn at each.
/// Then, below `NO_CLUSTER_ZOOM` (or with too many marks), the other places gather per `CELL_PX` grid cell,
/// and marks within `CELL_PX` of a bigger one merge into a cluster.
///
/// `within` (west-south, east-north corners) leaves out the places outside it — the map passes its view, with
/// a margin, and draws again when the view moves. `index` is `Index::build(incidents)`.
pub fn marks(incidents: &[Incident], index: &Index, visible: &[usize], zoom: f64, within: Option<Rect<f64>>) -> Vec<Mark> {
    layout(incidents, index, visible, zoom, within, false).0
}

/// `marks`, with the positions (in `incidents`) of the incidents each mark stands for; counts are then exact.
pub fn marks_with_members(incidents: &[Incident], index: &Index, visible: &[usize], zoom: f64, within: Option<Rect<f64>>) -> Vec<(Mark, Vec<usize>)> {
    let (marks, members) = layout(incidents, index, visible, zoom, within, true);
    marks
        .into_iter()
        .zip(members)
        .map(|(mut m, members)| {
            m.count = members.len();
            (m, members)
        })
        .collect()
}

fn layout(incidents: &[Incident], index: &Index, visible: &[usize], zoom: f64, within: Option<Rect<f64>>, want_members: bool) -> (Vec<Mark>, Vec<Vec<usize>>) {
    // The view in zoom-0 pixels: x grows east, y grows south.
    let view = within.map(|r| {
        let (x0, y1) = project(r.min().into(), 0.0);
        let (x1, y0) = project(r.max().into(), 0.0);
        [x0, y0, x1, y1]
    });
    let inside = |(x, y): (f64, f64)| view.is_none_or(|[x0, y0, x1, y1]| x >= x0 && x <= x1 && y >= y0 && y <= y1);

    let sites = index.site_count();
    let mut per_site = vec![0usize; sites];
    let mut first_at_site = vec![0usize; sites];
    let mut site_members: Vec<Vec<usize>> = if want_members { vec![Vec::new(); sites] } else { Vec::new() };
    // Incidents drawn at their own places: (position, place).
    let mut loose: Vec<(usize, (f64, f64))> = Vec::new();
    for &n in visible {
        match (index.site_code(n), index.point(n)) {
            (Some(code), Some(_)) => {
                let c = code as usize;
                if per_site[c] == 0 {
                    first_at_site[c] = n;
                }
                per_site[c] += 1;
                if want_members {
                    site_members[c].push(n);
                }
            }
            (_, Some(at)) => {
                if inside(at) {
                    loose.push((n, at));
                }
            }
            (_, None) => loose.extend(incidents[n].points.iter().map(|p| (n, project(*p, 0.0))).filter(|(_, at)| inside(*at))),
        }
    }

    let mut items: Vec<Item> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for c in 0..sites {
        let Some(at) = index.site_point(c as u32).filter(|&at| per_site[c] > 0 && inside(at)) else { continue };
        if per_site[c] == 1 {
            let n = first_at_site[c];
            items.push(Item::new(What::Incident(n), index.point(n).unwrap_or(at), 1));
        } else {
            items.push(Item::new(What::Site(c as u32), at, per_site[c]));
        }
        if want_members {
            members.push(std::mem::take(&mut site_members[c]));
        }
    }

    let scale = 2f64.powf(zoom);
    let cluster = zoom < NO_CLUSTER_ZOOM || items.len() + loose.len() > MAX_UNCLUSTERED;
    if cluster {
        // One item per grid cell of the loose places, so the greedy pass below sees hundreds, not millions.
        let mut cells: HashMap<(i64, i64), usize> = HashMap::new();
        for (n, at) in loose {
            let key = ((at.0 * scale / CELL_PX).floor() as i64, (at.1 * scale / CELL_PX).floor() as i64);
            let one = Item::new(What::Incident(n), at, 1);
            match cells.get(&key) {
                Some(&k) => items[k].absorb(&one),
                None => {
                    cells.insert(key, items.len());
                    items.push(one);
                    if want_members {
                        members.push(Vec::new());
                    }
                }
            }
            if want_members {
                members[cells[&key]].push(n);
            }
        }
    } else {
        for (n, at) in loose {
            items.push(Item::new(What::Incident(n), at, 1));
            if want_members {
                members.push(vec![n]);
            }
        }
        return finish(items.into_iter().map(|i| vec![i]).collect(), members.into_iter().map(|m| vec![m]).collect(), want_members);
    }

    // Greedy: the biggest mark first takes every unclaimed mark within `CELL_PX` of it (found through a grid
    // of `CELL_PX` cells, so only the 3×3 cells around it are searched).
    let mut order: Vec<usize> = (0..items.len()).collect();
    crate::order::sort_by_key(&mut order, |&k| std::cmp::Reverse(items[k].count));
    let px: Vec<(f64, f64)> = items.iter().map(|i| (i.at().0 * scale, i.at().1 * scale)).collect();
    let cell = |(x, y): (f64, f64)| ((x / CELL_PX).floor() as i64, (y / CELL_PX).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for &k in &order {
        grid.entry(cell(px[k])).or_default().push(k);
    }
    let mut taken = vec![false; items.len()];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &k in &order {
        if taken[k] {
            continue;
        }
        let (cx, cy) = cell(px[k]);
        let mut group = Vec::new();
        for gx in cx - 1..=cx + 1 {
            for gy in cy - 1..=cy + 1 {
                for &j in grid.get(&(gx, gy)).map_or(&[][..], Vec::as_slice) {
                    let (dx, dy) = (px[j].0 - px[k].0, px[j].1 - px[k].1);
                    if !taken[j] && dx * dx + dy * dy <= CELL_PX * CELL_PX {
                        taken[j] = true;
                        group.push(j);
                    }
                }
            }
        }
        groups.push(group);
    }
    let mut slots: Vec<Option<Item>> = items.into_iter().map(Some).collect();
    let mut member_slots: Vec<Vec<usize>> = members;
    let item_groups = groups.iter().map(|g| g.iter().filter_map(|&k| slots[k].take()).collect()).collect();
    let member_groups = if want_members { groups.iter().map(|g| g.iter().map(|&k| std::mem::take(&mut member_slots[k])).collect()).collect() } else { Vec::new() };
    finish(item_groups, member_groups, want_members)
}

/// One mark per group of items (merged into a cluster when there are several), with its members.
fn finish(groups: Vec<Vec<Item>>, member_groups: Vec<Vec<Vec<usize>>>, want_members: bool) -> (Vec<Mark>, Vec<Vec<usize>>) {
    let mut marks = Vec::with_capacity(groups.len());
    for group in groups {
        let mut group = group.into_iter();
        let Some(mut first) = group.next() else { continue };
        for other in group {
            first.absorb(&other);
        }
        marks.push(first.into_mark());
    }
    let members = if want_members {
        member_groups
            .into_iter()
            .map(|g| {
                let mut m: Vec<usize> = g.into_iter().flatten().collect();
                m.sort_unstable();
                m.dedup();
                m
            })
            .collect()
    } else {
        Vec::new()
    };
    (marks, members)
}

#[cfg(test)]
mod tests {
    use crate::i18n::reads_rtl;
    use super::*;
    use crate::i18n::{Digits, Lang};
    use crate::parse::parse_dataset;

    fn incidents() -> Vec<Incident> {
        let f = |id: &str, site: &str, geometry: &str| {
            format!(r#"{{"type":"Feature","geometry":{geometry},"properties":{{"id":"{id}","date":"2021-01-01"{site}}}}}"#)
        };
        let point = |lng: f64, lat: f64| format!(r#"{{"type":"Point","coordinates":[{lng},{lat}]}}"#);
        let features = [
            f("gz1", r#","site_id":"green-zone","site":"Green Zone""#, &point(44.39, 33.30)),
            f("gz2", r#","site_id":"green-zone","site":"Green Zone""#, &point(44.39, 33.30)),
            f("bia", r#","site_id":"baghdad-airport""#, &point(44.23, 33.26)),
            f("aaa", r#","site_id":"ain-al-asad""#, &point(42.44, 33.79)),
            f("multi", "", r#"{"type":"MultiPoint","coordinates":[[40.9,34.4],[41.0,34.3]]}"#),
        ];
        parse_dataset(&format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))).unwrap().incidents
    }

    fn members(m: &[(Mark, Vec<usize>)]) -> Vec<usize> {
        let mut all: Vec<usize> = m.iter().flat_map(|(_, m)| m.clone()).collect();
        all.sort_unstable();
        all
    }

    #[test]
    fn sites_aggregate_and_places_stay_apart_when_zoomed_in() {
        let all = incidents();
        let ix = Index::build(&all);
        let m = marks_with_members(&all, &ix, &[0, 1, 2, 3, 4], 12.0, None);
        assert_eq!(m.len(), 5, "{m:?}");
        let (site, of) = m.iter().find(|(m, _)| matches!(m.what, What::Site(_))).unwrap();
        let What::Site(code) = site.what else { unreachable!() };
        assert_eq!((ix.site_key(code), ix.site_name(&all, code), site.count, of.as_slice()), ("green-zone", "Green Zone", 2, &[0, 1][..]));
        assert_eq!(m.iter().filter(|(m, _)| m.what == What::Incident(4)).count(), 2, "each point of a multi-point strike");
        assert_eq!(site.label(Locale::EN, &all, &ix), "Green Zone: 2 incidents — show this site");
        let ar = Locale::new(Lang::Ar, Digits::Western);
        assert_eq!(site.label(ar, &all, &ix), "\u{2068}Green Zone\u{2069}: حادثتان — عرض هذا الموقع");
        let arabic_digits = Locale::new(Lang::Ar, Digits::Arabic);
        let area = Mark { what: What::Cluster(Rect::new((44.0, 33.0), (45.0, 34.0))), point: Point::new(44.5, 33.5), count: 1234 };
        assert_eq!(area.label(Locale::EN, &all, &ix), "1,234 incidents in this area — zoom in");
        assert_eq!(area.label(arabic_digits, &all, &ix), "١٬٢٣٤ حادثة في هذه المنطقة — كبّر الخريطة");
        let one = Mark { what: What::Incident(0), point: Point::new(44.39, 33.30), count: 1 };
        assert_eq!(one.label(Locale::EN, &all, &ix), "2021-01-01 · Unknown · Green Zone");
        assert_eq!(one.label(arabic_digits, &all, &ix), "\u{2066}٢٠٢١-٠١-٠١\u{2069} · غير معروف · \u{2068}Green Zone\u{2069}");
        let nowhere = Mark { what: What::Incident(4), point: Point::new(40.9, 34.4), count: 1 };
        assert_eq!(nowhere.label(ar, &all, &ix), "\u{2066}2021-01-01\u{2069} · غير معروف · مكان غير معروف");
        assert_eq!(marks(&all, &ix, &[0, 1, 2, 3, 4], 12.0, None), m.into_iter().map(|(m, _)| m).collect::<Vec<_>>(), "the same marks without members");
    }

    #[test]
    fn zoomed_out_nearby_places_cluster_and_nothing_is_lost() {
        let all = incidents();
        let ix = Index::build(&all);
        let m = marks_with_members(&all, &ix, &[0, 1, 2, 3, 4], 5.0, None);
        let (baghdad, of) = m.iter().find(|(_, of)| of.contains(&0)).unwrap();
        assert!(matches!(baghdad.what, What::Cluster(_)) && of == &vec![0, 1, 2] && baghdad.count == 3, "{baghdad:?}");
        let What::Cluster(b) = baghdad.what else { unreachable!() };
        assert!((b.min().x - 44.23).abs() < 1e-4 && (b.max().x - 44.39).abs() < 1e-4 && (b.min().y - 33.26).abs() < 1e-4, "{b:?}");
        assert!(geo::Intersects::intersects(&b, &baghdad.point), "drawn inside its bounds");
        assert_eq!(members(&m), [0, 1, 2, 3, 4]);
        assert_eq!(m.iter().map(|(m, _)| m.count).sum::<usize>(), 5, "the strike's two places are far apart: counted at each");
    }

    #[test]
    fn a_single_incident_at_a_site_is_drawn_as_itself() {
        let all = incidents();
        let ix = Index::build(&all);
        let m = marks(&all, &ix, &[0], 12.0, None);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].what.clone(), m[0].count), (What::Incident(0), 1));
        assert!((m[0].point.x() - 44.39).abs() < 1e-4 && (m[0].point.y() - 33.30).abs() < 1e-4, "{:?}", m[0].point);
        assert!(marks(&all, &ix, &[], 5.0, None).is_empty());
    }

    #[test]
    fn only_marks_within_the_view_and_never_thousands_unclustered() {
        let all = incidents();
        let baghdad = Rect::new(Point::new(44.0, 33.0), Point::new(45.0, 34.0));
        let m = marks_with_members(&all, &Index::build(&all), &[0, 1, 2, 3, 4], 12.0, Some(baghdad));
        assert_eq!(members(&m), [0, 1, 2], "Ain al-Asad and the strike in the west are outside");

        let many: Vec<Incident> = (0..4000)
            .map(|k| {
                let mut i = all[4].clone();
                i.points = vec![Point::new(40.0 + (k % 100) as f64 * 0.001, 33.0 + (k / 100) as f64 * 0.001)];
                i
            })
            .collect();
        let which: Vec<usize> = (0..many.len()).collect();
        let ix = Index::build(&many);
        let m = marks_with_members(&many, &ix, &which, 12.0, None);
        assert!(m.len() < 4000, "clustered even zoomed in: {}", m.len());
        assert_eq!(members(&m), which, "every incident in exactly one mark");
        assert_eq!(m.iter().map(|(m, _)| m.count).sum::<usize>(), 4000);
        let lean = marks(&many, &ix, &which, 12.0, None);
        assert_eq!(lean.iter().map(|m| m.count).sum::<usize>(), 4000, "counts without members agree");
        assert!(lean.iter().all(|m| matches!(m.what, What::Cluster(_)) == (m.count > 1)));
    }

    #[test]
    fn names_are_isolated_where_their_direction_may_differ() {
        let ar = Locale::new(Lang::Ar, Digits::Western);
        assert_eq!(Locale::EN.isolate("Green Zone"), "Green Zone");
        assert_eq!(Locale::EN.isolate("المنطقة الخضراء"), "\u{2068}المنطقة الخضراء\u{2069}");
        assert_eq!(ar.isolate("Ain al-Asad"), "\u{2068}Ain al-Asad\u{2069}");
        assert_eq!(ar.isolate(""), "");
        assert_eq!(reads_rtl("«خريطة» Map"), Some(true));
        assert_eq!(reads_rtl("2021: Rockets, صواريخ"), Some(false));
        assert_eq!(reads_rtl("12 · 3"), None);
    }

    #[test]
    fn unproject_inverts_project() {
        for (lng, lat) in [(44.39, 33.30), (-120.0, -45.5), (0.0, 0.0)] {
            let back = unproject(project(Point::new(lng, lat), 0.0));
            assert!((back.x() - lng).abs() < 1e-9 && (back.y() - lat).abs() < 1e-9, "{back:?}");
        }
    }

    #[test]
    fn projection_matches_leaflet() {
        // L.CRS.EPSG3857.latLngToPoint([0, 0], 0) is (128, 128); at zoom 1 it doubles.
        let (x, y) = project(Point::new(0.0, 0.0), 1.0);
        assert!((x - 256.0).abs() < 1e-9 && (y - 256.0).abs() < 1e-9);
        let (_, north) = project(Point::new(0.0, 60.0), 0.0);
        assert!(north < 128.0, "north is up");
    }
}
