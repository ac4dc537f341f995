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
    let mut out = format!("format: {}\nrows: {}\nincidents: {}\n", d.format.label(incident_map::i18n::Locale::EN), d.rows, d.incidents.len());
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

#[test]
fn summary_ar_is_read_from_every_format_and_written_back_after_summary() {
    use incident_map::export::to_csv;
    let ar = "أُطلقت 3 صواريخ على قاعدة عين الأسد";
    let texts = [
        (format!(r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","geometry":{{"type":"Point","coordinates":[42.44,33.79]}},"properties":{{"id":"A","date":"2021-07-05","summary":"Three rockets","summary_ar":"{ar}"}}}}]}}"#), "a.geojson"),
        (format!(r#"[{{"id":"A","date":"2021-07-05","lat":33.79,"lon":42.44,"summary":"Three rockets","summary_ar":"{ar}"}}]"#), "a.json"),
        (format!("id,date,lat,lon,summary,Summary AR\nA,2021-07-05,33.79,42.44,Three rockets,{ar}\n"), "a.csv"),
    ];
    for (text, name) in &texts {
        let d = parse_named(text, name, None).unwrap();
        assert!(d.problems.is_empty(), "{name}: {:?}", d.problems);
        let i = &d.incidents[0];
        assert_eq!((i.summary.as_deref(), i.summary_ar.as_deref()), (Some("Three rockets"), Some(ar)), "{name}");
        assert!(i.extra.is_empty(), "{name}: summary_ar is no extra field");
        // Both exports write it right after `summary`, and read back the same.
        let geojson = to_geojson(&d.incidents);
        let at = |s: &str, key: &str| s.find(key).unwrap_or_else(|| panic!("{key} in {s}"));
        assert!(at(&geojson, "\"summary\":") < at(&geojson, "\"summary_ar\":") && at(&geojson, "\"summary_ar\":") < at(&geojson, "\"sources\":"));
        assert_eq!(parse_dataset(&geojson).unwrap().incidents, d.incidents, "{name} → GeoJSON → back");
        let csv = to_csv(&d.incidents);
        assert!(csv.lines().next().unwrap().contains(",summary,summary_ar,sources,"), "{csv}");
        assert_eq!(parse_named(&csv, "export.csv", None).unwrap().incidents, d.incidents, "{name} → CSV → back");
    }
    // Absent, it is absent from the GeoJSON export and an empty cell in the CSV one.
    let d = parse_named("id,date,lat,lon,summary\nB,2021,33,44,x\n", "b.csv", None).unwrap();
    assert_eq!(d.incidents[0].summary_ar, None);
    assert!(!to_geojson(&d.incidents).contains("summary_ar"));
    assert!(to_csv(&d.incidents).lines().nth(1).unwrap().contains(",x,,"));
}

/// The kept ids and the problems (`unit row field`) of a load.
fn outcome(d: &Dataset) -> (Vec<&str>, Vec<String>) {
    let ids = d.incidents.iter().map(|i| i.id.as_str()).collect();
    let problems = d.problems.iter().map(|p| format!("{} {} {}", p.unit.as_str(), p.row, p.field)).collect();
    (ids, problems)
}

const GOOD_FEATURE: &str =
    r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[44.39,33.3]},"properties":{"id":"G","date":"2021-12-19"}}"#;

/// Hostile and broken files (the seeds of the fuzz targets, `fuzz/seeds.py`): a bad row is reported by row and
/// field and the good rows are kept; what breaks the file as a whole says so, and nothing panics.
#[test]
fn hostile_rows_are_reported_and_the_good_rows_kept() {
    let collection = |features: &[&str]| format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","));
    let bad = |coordinates: &str, props: &str| {
        format!(r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":{coordinates}}},"properties":{{"id":"B","date":"2021"{props}}}}}"#)
    };
    let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
    let huge = "x".repeat(1 << 20);
    // (the second feature, the ids kept, the problems)
    let cases: [(String, &[&str], &[&str]); 9] = [
        // Numbers out of f64's range (JSON has no NaN or Infinity): the row, not the file.
        (bad("[1e999,33]", ""), &["G"], &["feature 2 feature"]),
        (bad("[44,-1e400]", ""), &["G"], &["feature 2 feature"]),
        (bad("[44,33]", r#","launched":1e999"#), &["G"], &["feature 2 feature"]),
        // Counts that are not whole numbers ≥ 0 that fit: the field, not the row.
        (bad("[44,33]", r#","launched":4294967296,"killed":1.5,"wounded":18446744073709551616"#), &["G", "B"],
            &["feature 2 launched", "feature 2 killed", "feature 2 wounded"]),
        // Wrong structure.
        (bad(&deep, ""), &["G"], &["feature 2 geometry"]),
        (r#"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[]}}"#.to_string(), &["G"], &["feature 2 geometry"]),
        (r#"[1,2]"#.to_string(), &["G"], &["feature 2 feature"]),
        // A duplicate id.
        (GOOD_FEATURE.to_string(), &["G"], &["feature 2 id"]),
        // A megabyte of text is kept as it is.
        (bad("[44,33]", &format!(r#","summary":"{huge}""#)), &["G", "B"], &[]),
    ];
    for (feature, kept, problems) in cases {
        let d = parse_named(&collection(&[GOOD_FEATURE, &feature]), "x.geojson", None).unwrap();
        let (ids, got) = outcome(&d);
        assert_eq!((ids.as_slice(), got.iter().map(String::as_str).collect::<Vec<_>>().as_slice()), (kept, problems), "{:.80}", feature);
        if feature.contains(&huge) {
            assert_eq!(d.incidents[1].summary.as_deref().map(str::len), Some(1 << 20));
        }
    }
    // Nesting past serde_json's limit (128) is refused as a whole: no stack overflow, a message.
    for text in ["[".repeat(100_000), format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, "[".repeat(5000))] {
        assert!(matches!(parse_named(&text, "x.geojson", None), Err(DatasetError::NotJson(_))));
    }
    // NaN and Infinity are not JSON: the file is refused with the reader's message.
    let e = parse_named(&collection(&[&bad("[NaN,33]", "")]), "x.geojson", None).unwrap_err();
    assert!(e.to_string().starts_with("the file is not valid JSON"), "{e}");

    // CSV: numbers that are not, ragged rows, duplicate ids, bytes that are not UTF-8 (repaired as U+FFFD,
    // as the browser's reader does), a formula and markup kept as text (the export neutralises formulas).
    let csv = b"id,date,lat,lon,summary\r\n\
        G,2021-01-01,33,44,=cmd|' /C calc'!A0\r\n\
        N,2021-01-01,NaN,44,\r\n\
        I,2021-01-01,33,inf,\r\n\
        E,2021-01-01,1e999,44,\r\n\
        R,2021-01-01,33\r\n\
        S,2021-01-01,33,44,x,y\r\n\
        G,2021-01-02,33,44,\r\n\
        U\xff\xfe,2021-01-03,33,44,\"<script>alert(1)</script>\"\r\n";
    let text = String::from_utf8_lossy(csv);
    let d = parse_named(&text, "x.csv", None).unwrap();
    let (ids, problems) = outcome(&d);
    assert_eq!(ids, ["G", "U\u{fffd}\u{fffd}"]);
    assert_eq!(problems, ["line 3 latitude", "line 4 longitude", "line 5 latitude", "line 6 row", "line 7 row", "line 8 id"]);
    assert_eq!(d.incidents[0].summary.as_deref(), Some("=cmd|' /C calc'!A0"));
    assert_eq!(d.incidents[1].summary.as_deref(), Some("<script>alert(1)</script>"));
}
