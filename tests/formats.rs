//! Every import format against fixtures (`tests/fixtures/README.md`): golden results for what the loader
//! makes of each file and what it reports, whole-file errors, and a lossless round trip of the bundled data.

use std::fs;
use std::path::PathBuf;

use incident_map::export::to_geojson;
use incident_map::model::{Kind, LocationPrecision, Weapon};
use incident_map::parse::{parse_dataset, parse_named, Dataset, DatasetError, Format};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn load(name: &str) -> Dataset {
    let text = fs::read_to_string(fixture(name)).unwrap();
    parse_named(&text, name, None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// What a load gives, as text: the format, the counts, every problem.
fn report(d: &Dataset) -> String {
    let mut out = format!("format: {}\nrows: {}\nincidents: {}\n", d.format.label(), d.rows, d.incidents.len());
    for p in &d.problems {
        out.push_str(&format!("{p}\n"));
    }
    out
}

/// Compares with the golden file, or writes it when `UPDATE_GOLDEN=1`.
fn golden(name: &str, actual: &str) {
    let path = fixture(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|_| panic!("{name} is missing: run with UPDATE_GOLDEN=1"));
    assert!(expected == actual, "{name} differs from what the loader now gives:\n{actual}");
}

fn check_golden(fixture_name: &str) -> Dataset {
    let d = load(fixture_name);
    golden(&format!("{fixture_name}.expected.geojson"), &to_geojson(&d.incidents));
    golden(&format!("{fixture_name}.expected.txt"), &report(&d));
    d
}

#[test]
fn acled_export_golden() {
    let d = check_golden("acled-sample.csv");
    assert_eq!(d.format, Format::AcledCsv);
    // The mapping, spelled out for the rows that show each rule (the golden file holds the rest).
    let by_id = |id: &str| d.incidents.iter().find(|i| i.id == id).unwrap();
    let rockets = by_id("TST0001");
    assert_eq!((rockets.date.to_string(), rockets.weapon), ("2022-04-30".into(), Weapon::Rocket));
    assert_eq!(rockets.weapon_detail.as_deref(), Some("Katyusha"));
    assert_eq!(rockets.sources.iter().map(|s| s.outlet.as_str()).collect::<Vec<_>>(), ["Shafaq News", "Rudaw", "ACLED"]);
    assert_eq!(rockets.killed, Some(0), "ACLED's fatalities are a count: 0 is 0");
    let month = by_id("TST0004");
    assert_eq!(month.date.to_string(), "2024-01", "time_precision 3 is a month");
    assert_eq!(month.location_precision, LocationPrecision::Region, "geo_precision 3 is a region");
    assert_eq!(month.killed, None, "an empty fatalities cell is unknown");
    let strike = by_id("TST0005");
    assert_eq!((strike.kind, strike.weapon, strike.killed), (Kind::Strike, Weapon::Airstrike, Some(4)));
    assert_eq!(by_id("TST0003").weapon, Weapon::Ied);
    assert_eq!(by_id("TST0009").weapon, Weapon::Unknown);
    assert!(by_id("TST0008").extra.iter().any(|(k, v)| &**k == "civilian_targeting" && &**v == "Civilian targeting"));
    assert_eq!(d.incidents.len(), 7);
}

#[test]
fn generic_csv_golden() {
    let d = check_golden("good.csv");
    assert_eq!(d.incidents.len(), 3);
    assert!(d.problems.is_empty());
}

#[test]
fn mixed_csv_golden() {
    let d = check_golden("mixed.csv");
    assert_eq!(d.incidents.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["M1", "M5", "M7"]);
}

#[test]
fn mixed_geojson_golden() {
    let d = check_golden("mixed.geojson");
    assert_eq!(d.incidents.len(), 3);
}

#[test]
fn files_that_cannot_be_read_say_what_was_expected() {
    type Check = fn(&DatasetError) -> bool;
    let cases: [(&str, &str, Check); 6] = [
        ("", "empty.csv", |e| *e == DatasetError::Empty),
        ("<!DOCTYPE html><title>404</title>", "data.geojson", |e| *e == DatasetError::Html),
        ("{\"type\":\"FeatureCollection\",\"features\":[{]}", "x.geojson", |e| matches!(e, DatasetError::NotJson(_))),
        ("{\"type\":\"Topology\"}", "x.json", |e| matches!(e, DatasetError::NotFeatureCollection(_))),
        ("name,value\nx,1\n", "x.csv", |e| matches!(e, DatasetError::NotCsv(_))),
        ("\u{0}\u{1}PK binary", "x.bin", |e| *e == DatasetError::Unrecognised),
    ];
    for (text, name, ok) in cases {
        let e = parse_named(text, name, None).unwrap_err();
        assert!(ok(&e), "{name}: {e:?}");
        let message = e.to_string();
        assert!(message.contains("expected") || message.contains("no column named"), "{name}: {message}");
    }
}

#[test]
fn the_bundled_data_survives_an_export_round_trip() {
    let text = fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/data/incidents.geojson")).unwrap();
    let d = parse_dataset(&text).unwrap();
    let again = parse_dataset(&to_geojson(&d.incidents)).unwrap();
    assert_eq!(again.incidents, d.incidents);
    assert!(again.problems.is_empty());
}
