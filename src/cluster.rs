//! What the map draws for a set of incidents at a zoom: single incidents, one badge per site with several
//! incidents (the Green Zone, Ain al-Asad), and clusters of nearby places when zoomed out. Pure; screen
//! distances use the Web Mercator projection Leaflet draws with.

use std::collections::BTreeMap;

use geo::{Point, Rect};

use crate::index::Index;
use crate::model::Incident;

/// Marks closer than this on screen, in pixels, merge into a cluster.
pub const CELL_PX: f64 = 44.0;
/// From this zoom on, places are not clustered (sites still aggregate) — unless there are more marks than
/// `MAX_UNCLUSTERED`, so that the map never holds more than a few thousand elements.
pub const NO_CLUSTER_ZOOM: f64 = 10.0;
pub const MAX_UNCLUSTERED: usize = 1500;

/// One thing drawn on the map.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// One incident at one of its points.
    Incident { index: usize, point: Point<f64> },
    /// Several incidents at one site: a badge with the count that opens the site.
    Site { key: String, name: String, members: Vec<usize>, point: Point<f64> },
    /// Incidents at several places that fall close together at this zoom: a badge that zooms in.
    Cluster { members: Vec<usize>, point: Point<f64>, bounds: Rect<f64> },
}

impl Mark {
    /// Positions (in the incident list) of the incidents this mark stands for.
    pub fn members(&self) -> &[usize] {
        match self {
            Mark::Incident { index, .. } => std::slice::from_ref(index),
            Mark::Site { members, .. } | Mark::Cluster { members, .. } => members,
        }
    }

    pub fn point(&self) -> Point<f64> {
        match self {
            Mark::Incident { point, .. } | Mark::Site { point, .. } | Mark::Cluster { point, .. } => *point,
        }
    }
}

/// Web Mercator pixel coordinates of a point at a zoom (256-pixel tiles, as Leaflet's default CRS).
pub fn project(p: Point<f64>, zoom: f64) -> (f64, f64) {
    let scale = 256.0 * 2f64.powf(zoom);
    let lat = p.y().clamp(-85.0511, 85.0511).to_radians();
    let x = (p.x() + 180.0) / 360.0 * scale;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * scale;
    (x, y)
}

/// The marks for `incidents[visible]` at `zoom`. Incidents with one point and a site key group by site; an
/// incident with several points (a strike on several places) is drawn at each. Then, below
/// `NO_CLUSTER_ZOOM`, marks within `CELL_PX` of a bigger one merge into a cluster.
///
/// `within` (west-south, east-north corners) leaves out the points outside it — the map passes its view, with a
/// margin, when there are many incidents, and draws again when the view moves.
/// `index` is the data's index (`Index::build(incidents)`): sites are grouped by its codes.
pub fn marks(incidents: &[Incident], index: &Index, visible: &[usize], zoom: f64, within: Option<Rect<f64>>) -> Vec<Mark> {
    let inside = |p: &Point<f64>| {
        within.is_none_or(|r| p.x() >= r.min().x && p.x() <= r.max().x && p.y() >= r.min().y && p.y() <= r.max().y)
    };
    let mut sites: Vec<Vec<usize>> = vec![Vec::new(); index.site_count()];
    let mut items: Vec<Mark> = Vec::new();
    for &n in visible {
        let i = &incidents[n];
        match (index.site_code(n), i.points.as_slice()) {
            (Some(code), [p]) if inside(p) => sites[code as usize].push(n),
            (Some(_), [_]) => {}
            _ => items.extend(i.points.iter().filter(|p| inside(p)).map(|&point| Mark::Incident { index: n, point })),
        }
    }
    for members in sites.into_iter().filter(|m| !m.is_empty()) {
        let first = &incidents[members[0]];
        let point = first.points[0];
        let key = first.site_key().unwrap_or_default();
        items.push(match members.as_slice() {
            [one] => Mark::Incident { index: *one, point },
            _ => Mark::Site {
                key: key.to_string(),
                name: first.site.as_deref().unwrap_or(key).to_string(),
                members,
                point,
            },
        });
    }
    if zoom >= NO_CLUSTER_ZOOM && items.len() <= MAX_UNCLUSTERED {
        return items;
    }
    // Greedy: the biggest mark first takes every unclaimed mark within `CELL_PX` of it (found through a grid
    // of `CELL_PX` cells, so only the 3×3 cells around it are searched).
    items.sort_by_key(|m| std::cmp::Reverse(m.members().len()));
    let px: Vec<(f64, f64)> = items.iter().map(|m| project(m.point(), zoom)).collect();
    let cell = |(x, y): (f64, f64)| ((x / CELL_PX).floor() as i64, (y / CELL_PX).floor() as i64);
    let mut grid: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
    for (k, p) in px.iter().enumerate() {
        grid.entry(cell(*p)).or_default().push(k);
    }
    let mut taken = vec![false; items.len()];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for k in 0..items.len() {
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
        group.sort_unstable();
        groups.push(group);
    }
    let mut slots: Vec<Option<Mark>> = items.into_iter().map(Some).collect();
    groups
        .into_iter()
        .map(|group| {
            let mut group: Vec<Mark> = group.into_iter().filter_map(|k| slots[k].take()).collect();
            if group.len() == 1 {
                return group.remove(0);
            }
            let mut members: Vec<usize> = group.iter().flat_map(|m| m.members().iter().copied()).collect();
            members.sort_unstable();
            members.dedup();
            let points: geo::MultiPoint<f64> = group.iter().map(Mark::point).collect();
            let bounds = geo::BoundingRect::bounding_rect(&points).unwrap_or_else(|| Rect::new(group[0].point(), group[0].point()));
            let n = group.len() as f64;
            let (sx, sy) = group.iter().fold((0.0, 0.0), |(x, y), m| (x + m.point().x(), y + m.point().y()));
            Mark::Cluster { members, point: Point::new(sx / n, sy / n), bounds }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
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

    #[test]
    fn sites_aggregate_and_places_stay_apart_when_zoomed_in() {
        let all = incidents();
        let m = marks(&all, &Index::build(&all), &[0, 1, 2, 3, 4], 12.0, None);
        assert_eq!(m.len(), 5, "{m:?}");
        let site = m.iter().find(|m| matches!(m, Mark::Site { .. })).unwrap();
        assert!(matches!(site, Mark::Site { key, name, members, .. } if key == "green-zone" && name == "Green Zone" && members == &vec![0, 1]));
        assert_eq!(m.iter().filter(|m| matches!(m, Mark::Incident { index: 4, .. })).count(), 2, "each point of a multi-point strike");
    }

    #[test]
    fn zoomed_out_nearby_places_cluster_and_nothing_is_lost() {
        let all = incidents();
        let m = marks(&all, &Index::build(&all), &[0, 1, 2, 3, 4], 5.0, None);
        let baghdad = m.iter().find(|m| m.members().contains(&0)).unwrap();
        assert!(matches!(baghdad, Mark::Cluster { members, .. } if members == &vec![0, 1, 2]), "{baghdad:?}");
        let mut all_members: Vec<usize> = m.iter().flat_map(|m| m.members().to_vec()).collect();
        all_members.sort_unstable();
        all_members.dedup();
        assert_eq!(all_members, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn a_single_incident_at_a_site_is_drawn_as_itself() {
        let all = incidents();
        assert_eq!(marks(&all, &Index::build(&all), &[0], 12.0, None), vec![Mark::Incident { index: 0, point: Point::new(44.39, 33.30) }]);
        assert!(marks(&all, &Index::build(&all), &[], 5.0, None).is_empty());
    }

    #[test]
    fn only_marks_within_the_view_and_never_thousands_unclustered() {
        let all = incidents();
        let baghdad = Rect::new(Point::new(44.0, 33.0), Point::new(45.0, 34.0));
        let m = marks(&all, &Index::build(&all), &[0, 1, 2, 3, 4], 12.0, Some(baghdad));
        let mut members: Vec<usize> = m.iter().flat_map(|m| m.members().to_vec()).collect();
        members.sort_unstable();
        assert_eq!(members, [0, 1, 2], "Ain al-Asad and the strike in the west are outside");

        let many: Vec<Incident> = (0..4000)
            .map(|k| {
                let mut i = all[4].clone();
                i.points = vec![Point::new(40.0 + (k % 100) as f64 * 0.001, 33.0 + (k / 100) as f64 * 0.001)];
                i
            })
            .collect();
        let which: Vec<usize> = (0..many.len()).collect();
        let m = marks(&many, &Index::build(&many), &which, 12.0, None);
        assert!(m.len() < 4000, "clustered even zoomed in: {}", m.len());
        assert_eq!(m.iter().map(|m| m.members().len()).sum::<usize>(), 4000);
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
