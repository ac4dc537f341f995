//! URL state: any query string. Reading the view, the presentation and the data source never panics and keeps
//! its promises (bounded, control-free texts, a date range in order, a map view in range, only http(s) or
//! relative data URLs); and the view read from any query, written back, reads as the same view with no notice
//! (the map view to the precision it is written with: 4 decimals for lat/lng, 2 for zoom), and writing that
//! again gives the same query.
#![no_main]

use incident_map::url_state::{data_source, full_map_query, query_param, read_presentation, read_state, write_query};
use incident_map::i18n::Locale;
use libfuzzer_sys::fuzz_target;

const BUNDLED: &str = "data/incidents.geojson";

fn bounded(s: &str, max: usize) -> bool {
    s.chars().count() <= max && !s.chars().any(char::is_control)
}

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let (state, _) = read_state(&query, Locale::EN);
    let f = &state.filter;
    if let (Some(from), Some(to)) = (f.from, f.to) {
        assert!(from <= to);
    }
    assert!(bounded(&f.q, 200) && state.id.as_deref().is_none_or(|id| bounded(id, 200) && !id.is_empty()));
    for list in [&f.sites, &f.countries] {
        assert!(list.len() <= 50 && list.iter().all(|s| bounded(s, 200) && !s.trim().is_empty()));
    }
    if let Some(m) = state.map {
        assert!((-90.0..=90.0).contains(&m.lat) && (-180.0..=180.0).contains(&m.lng) && (0.0..=20.0).contains(&m.zoom));
    }

    let (p, _) = read_presentation(&query, Locale::EN);
    assert!(p.title.as_deref().is_none_or(|t| bounded(t, 120)) && p.desc.as_deref().is_none_or(|d| bounded(d, 300)));
    let _ = full_map_query(&query);
    let (url, notice) = data_source(&query, BUNDLED, Locale::EN);
    if url != BUNDLED || notice.is_none() {
        assert!(bounded(&url, 2048) && url.trim() == url && !url.is_empty());
        // A scheme, if any (letters, digits, + - . before a colon), is http or https.
        if let Some((scheme, _)) = url.split_once(':') {
            if !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) {
                assert!(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"), "{url}");
            }
        }
    }
    let _ = query_param(&query, "data");

    let written = write_query(&state, &query);
    let (again, notices) = read_state(&written, Locale::EN);
    assert!(notices.is_empty(), "{written}: {notices:?}");
    assert_eq!(again.filter, state.filter, "{written}");
    assert_eq!(again.id, state.id, "{written}");
    match (state.map, again.map) {
        (None, None) => {}
        (Some(a), Some(b)) => {
            // Half a unit of the last decimal written, and the error of the double that holds it.
            let near = |x: f64, y: f64, half: f64| (x - y).abs() <= half + 1e-9;
            assert!(near(a.lat, b.lat, 5e-5) && near(a.lng, b.lng, 5e-5) && near(a.zoom, b.zoom, 5e-3), "{a:?} {b:?}");
        }
        (a, b) => panic!("map {a:?} read back as {b:?} from {written}"),
    }
    assert_eq!(write_query(&again, &query), written);
});
