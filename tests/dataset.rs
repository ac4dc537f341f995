//! The shipped data set and basemap, checked on the host: every incident parses cleanly and is complete.

use std::collections::HashSet;

use incident_map::model::{DatePrecision, Kind, Status};
use incident_map::parse::parse_dataset;

const DATA: &str = include_str!("../assets/data/incidents.geojson");
const SITES: &str = include_str!("../assets/data/sites.json");
const BASEMAP: &str = include_str!("../assets/basemap/region.geojson");

#[test]
fn every_bundled_incident_parses_without_problems() {
    let d = parse_dataset(DATA).expect("a FeatureCollection");
    assert!(d.problems.is_empty(), "{:#?}", d.problems);
    let ids: Vec<_> = d.incidents.iter().map(|i| i.id.as_str()).collect();
    let expected: Vec<String> = (1..=15).map(|n| format!("E{n:02}")).collect();
    assert_eq!(ids, expected.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn bundled_incidents_are_sourced_and_placed_in_the_region() {
    let d = parse_dataset(DATA).unwrap();
    for i in &d.incidents {
        assert!(!i.sources.is_empty(), "{} has no source", i.id);
        assert!(i.summary.as_deref().is_some_and(|s| s.len() > 40), "{} needs a summary", i.id);
        assert!(i.site.is_some() && i.site_id.is_some(), "{} needs a site", i.id);
        assert_eq!(i.date.precision(), DatePrecision::Day, "{}: every seed incident is dated to the day", i.id);
        for p in &i.points {
            assert!((34.5..=50.0).contains(&p.x()) && (28.0..=38.5).contains(&p.y()), "{} lies outside the first view", i.id);
        }
        if let (Some(l), Some(n)) = (i.launched, i.intercepted) {
            assert!(n <= l, "{}: more intercepted than launched", i.id);
        }
    }
    let strikes: HashSet<_> = d.incidents.iter().filter(|i| i.kind == Kind::Strike).map(|i| i.id.as_str()).collect();
    assert_eq!(strikes, HashSet::from(["E01", "E03", "E06"]));
    let e12 = d.incidents.iter().find(|i| i.id == "E12").unwrap();
    assert_eq!(e12.status, Status::Revised, "E12 was first reported as rockets, then found to be planted charges");
    for conflicted in ["E08", "E09", "E12", "E13"] {
        let i = d.incidents.iter().find(|i| i.id == conflicted).unwrap();
        assert!(i.reports.len() >= 2, "{conflicted} keeps both accounts");
    }
}

/// Whether `s` has a letter of the Arabic script.
fn has_arabic_letters(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{621}'..='\u{64A}'))
}

#[test]
fn every_bundled_incident_has_an_arabic_summary() {
    use incident_map::i18n::Lang;
    for i in parse_dataset(DATA).unwrap().incidents {
        let ar = i.summary_ar.as_deref().unwrap_or_else(|| panic!("{} has no summary_ar", i.id));
        assert!(ar.trim().len() > 40 && has_arabic_letters(ar), "{}: summary_ar {ar:?}", i.id);
        assert!(!ar.chars().any(|c| matches!(c, '\u{660}'..='\u{669}' | '\u{6F0}'..='\u{6F9}')), "{}: Western digits", i.id);
        assert_eq!(i.summary_in(Lang::Ar), Some(ar));
        assert_eq!(i.summary_in(Lang::En), i.summary.as_deref());
    }
}

#[test]
fn every_gazetteer_site_has_an_arabic_name() {
    use incident_map::gazetteer::parse_sites;
    for s in parse_sites(SITES).expect("sites.json parses") {
        let ar = s.name_ar.as_deref().unwrap_or_else(|| panic!("{} has no name_ar", s.id));
        assert!(has_arabic_letters(ar) && !ar.chars().any(|c| c.is_ascii_alphabetic()), "{}: name_ar {ar:?}", s.id);
        assert!(s.aliases.iter().any(|a| has_arabic_letters(a)), "{} has no Arabic alias", s.id);
    }
}

#[test]
fn every_incident_refers_to_a_gazetteer_site_near_its_points() {
    use geo::{Distance, Haversine};
    use incident_map::gazetteer::{by_id, parse_sites};
    use incident_map::model::LocationPrecision;

    let sites = parse_sites(SITES).expect("sites.json parses");
    let ids: HashSet<_> = sites.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), sites.len(), "site ids are unique");
    for name in ["Al Asad", "Ayn al-Asad", "International Zone"] {
        assert!(incident_map::gazetteer::by_name(&sites, name).is_some(), "alias {name}");
    }
    for i in parse_dataset(DATA).unwrap().incidents {
        let site_id = i.site_id.as_deref().unwrap();
        let site = by_id(&sites, site_id).unwrap_or_else(|| panic!("{}: site_id {site_id} is not in sites.json", i.id));
        for c in &i.countries {
            assert!(site.country.iter().any(|s| **s == **c), "{}: {c} is not a country of {site_id}", i.id);
        }
        // How far an incident's point may lie from its site's point, by the incident's location precision.
        let tolerance_m = match i.location_precision {
            LocationPrecision::Exact => 2_000.0,
            LocationPrecision::Approximate => 15_000.0,
            LocationPrecision::Region => 60_000.0,
        };
        for p in &i.points {
            let d = Haversine.distance(*p, site.point());
            assert!(d <= tolerance_m, "{}: a point lies {d:.0} m from {site_id}", i.id);
        }
    }
}

#[test]
fn basemap_has_every_layer_and_stays_in_its_box() {
    let v: serde_json::Value = serde_json::from_str(BASEMAP).unwrap();
    let features = v["features"].as_array().unwrap();
    let layers: HashSet<_> = features.iter().filter_map(|f| f["properties"]["layer"].as_str()).collect();
    for l in ["country", "river", "lake", "city", "river_label", "country_label"] {
        assert!(layers.contains(l), "basemap lacks {l}");
    }
    let names: HashSet<_> = features.iter().filter_map(|f| f["properties"]["name"].as_str()).collect();
    for n in ["Iraq", "Syria", "Baghdad", "Damascus", "Erbil", "Tigris", "Euphrates"] {
        assert!(names.contains(n), "basemap lacks {n}");
    }
    fn walk(v: &serde_json::Value, check: &mut dyn FnMut(f64, f64)) {
        match v.as_array() {
            Some(a) if a.len() == 2 && a[0].is_number() => check(a[0].as_f64().unwrap(), a[1].as_f64().unwrap()),
            Some(a) => a.iter().for_each(|x| walk(x, check)),
            None => {}
        }
    }
    for f in features {
        walk(&f["geometry"]["coordinates"], &mut |x, y| {
            assert!((30.0..=56.0).contains(&x) && (24.0..=42.0).contains(&y), "({x}, {y}) outside the clip box");
        });
    }
}
