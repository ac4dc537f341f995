//! GeoJSON: any text, as a whole file or as the features of a FeatureCollection. Besides the invariants of
//! `check`: reading a few features at a time gives the same data set as reading them at once, and the kept
//! incidents survive an export to GeoJSON and back unchanged (coordinates to 1e-9 degrees).
#![no_main]

use incident_map::export::to_geojson;
use incident_map::parse::{parse_named, Parser};
use incident_map_fuzz::{check, errors, take_byte};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (choice, rest) = take_byte(data);
    let body = String::from_utf8_lossy(rest);
    let text = if choice & 1 == 0 {
        body.into_owned()
    } else {
        format!(r#"{{"type":"FeatureCollection","features":[{body}]}}"#)
    };
    let whole = parse_named(&text, "x.geojson", None);
    check(&whole, &text);
    let Ok(d) = &whole else { return };
    if let Ok(mut p) = Parser::new(&text, "x.geojson", None) {
        let step = usize::from(choice >> 1).max(1);
        while !p.step(step) {}
        assert_eq!(&p.finish(), d, "read in steps of {step}");
    }
    let exported = to_geojson(&d.incidents);
    let again = parse_named(&exported, "x.geojson", None).expect("an export reads back");
    assert_eq!(errors(&again), 0, "{:?}", again.problems);
    // Coordinates to within 1e-9 degrees (0.1 mm): serde_json's default number reader (without its
    // `float_roundtrip` feature) may read the shortest decimal of a double back one unit in the last place off.
    let mut again = again.incidents;
    assert_eq!(again.len(), d.incidents.len());
    for (a, i) in again.iter_mut().zip(&d.incidents) {
        assert_eq!(a.points.len(), i.points.len());
        for (p, q) in a.points.iter().zip(&i.points) {
            assert!((p.x() - q.x()).abs() <= 1e-9 && (p.y() - q.y()).abs() <= 1e-9, "{p:?} read back from {q:?}");
        }
        a.points.clone_from(&i.points);
    }
    assert_eq!(again, d.incidents, "export round trip");
});
