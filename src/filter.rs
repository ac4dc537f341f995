//! Which incidents pass the current filters. Pure: incidents in, indices out.

use crate::model::{Incident, Weapon};

/// The filters that combine to select incidents. The default lets everything through.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// First day of the range (days since 1970-01-01), inclusive.
    pub from: Option<i64>,
    /// Last day of the range (days since 1970-01-01), inclusive.
    pub to: Option<i64>,
    /// Weapons to show; empty means all.
    pub weapons: Vec<Weapon>,
}

impl Filter {
    /// Whether one incident passes. A date known only to its month or year passes when the period it
    /// covers overlaps the range.
    pub fn passes(&self, incident: &Incident) -> bool {
        if self.from.is_some_and(|from| incident.date.last_day() < from) {
            return false;
        }
        if self.to.is_some_and(|to| incident.date.first_day() > to) {
            return false;
        }
        self.weapons.is_empty() || self.weapons.contains(&incident.weapon)
    }
}

/// The positions in `incidents` of those that pass `filter`, in the data's order.
pub fn apply(incidents: &[Incident], filter: &Filter) -> Vec<usize> {
    incidents.iter().enumerate().filter(|(_, i)| filter.passes(i)).map(|(n, _)| n).collect()
}

/// How many of the given incidents use each weapon, in `Weapon::ALL` order, leaving out weapons with none.
pub fn weapon_counts(incidents: &[Incident], which: &[usize]) -> Vec<(Weapon, usize)> {
    let mut counts = [0usize; Weapon::ALL.len()];
    for &n in which {
        counts[incidents[n].weapon as usize] += 1;
    }
    Weapon::ALL.into_iter().zip(counts).filter(|(_, c)| *c > 0).collect()
}

/// The bounding box (west, south, east, north) of the given incidents' points, if any.
pub fn bounds(incidents: &[Incident], which: &[usize]) -> Option<geo::Rect<f64>> {
    use geo::BoundingRect;
    let points: geo::MultiPoint<f64> = which.iter().flat_map(|&n| incidents[n].points.iter().copied()).collect();
    points.bounding_rect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::day_of;
    use crate::parse::parse_dataset;

    fn sample() -> Vec<Incident> {
        let f = |id: &str, date: &str, weapon: &str, lng: f64| {
            format!(r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[{lng},33]}},"properties":{{"id":"{id}","date":"{date}","weapon":"{weapon}"}}}}"#)
        };
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{},{},{}]}}"#,
            f("a", "2021-07-05", "rocket", 42.0),
            f("b", "2021-08", "drone", 44.0),
            f("c", "2022-01-03", "drone", 45.5)
        );
        parse_dataset(&text).unwrap().incidents
    }

    #[test]
    fn default_filter_passes_everything() {
        assert_eq!(apply(&sample(), &Filter::default()), vec![0, 1, 2]);
    }

    #[test]
    fn date_range_is_inclusive_and_respects_month_precision() {
        let all = sample();
        let day = |y, m, d| day_of(y, m, d);
        let f = Filter { from: day(2021, 7, 5), to: day(2021, 7, 5), ..Filter::default() };
        assert_eq!(apply(&all, &f), vec![0], "both ends included");
        let f = Filter { from: day(2021, 8, 31), to: day(2021, 12, 31), ..Filter::default() };
        assert_eq!(apply(&all, &f), vec![1], "an August incident overlaps a range starting 31 August");
        let f = Filter { from: None, to: day(2021, 7, 31), ..Filter::default() };
        assert_eq!(apply(&all, &f), vec![0]);
    }

    #[test]
    fn weapons_filter() {
        let f = Filter { weapons: vec![Weapon::Drone], ..Filter::default() };
        assert_eq!(apply(&sample(), &f), vec![1, 2]);
    }

    #[test]
    fn weapon_counts_follow_the_selection() {
        let all = sample();
        assert_eq!(weapon_counts(&all, &[0, 1, 2]), vec![(Weapon::Rocket, 1), (Weapon::Drone, 2)]);
        assert_eq!(weapon_counts(&all, &[2]), vec![(Weapon::Drone, 1)]);
        assert!(weapon_counts(&all, &[]).is_empty());
    }

    #[test]
    fn bounds_cover_the_points() {
        let all = sample();
        let r = bounds(&all, &[0, 2]).unwrap();
        assert_eq!((r.min().x, r.max().x), (42.0, 45.5));
        assert!(bounds(&all, &[]).is_none());
    }
}
