//! What every parser's result must satisfy, whatever the input: the fuzz targets (`fuzz_targets/`) call these
//! after each load, so a wrong answer fails like a crash does.

use std::collections::HashSet;

use incident_map::i18n::{Digits, Lang, Locale};
use incident_map::parse::{parse_pieces, skipped_rows, Dataset, DatasetError, Format, Severity, Unit};

/// Checks a load of `text` (as the parser saw it, after any UTF-8 repair):
/// - every problem names a row that exists (features and records 1..=rows; CSV lines 2..=the file's lines),
///   in the unit of the format, and problems come in row order (`skipped_rows` counts on it);
/// - every row read is either kept or skipped with an error: incidents + skipped rows = rows;
/// - every incident has an id, no two the same, at least one point, every point finite and in range, and a
///   date range that is not empty;
/// - messages, list rows and mark labels format without panicking, in English and in Arabic.
pub fn check(result: &Result<Dataset, DatasetError>, text: &str) {
    let d = match result {
        Ok(d) => d,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let unit = match d.format {
        Format::GeoJson => Unit::Feature,
        Format::JsonRecords | Format::AcledJson => Unit::Record,
        Format::Csv | Format::AcledCsv => Unit::Line,
    };
    // Lines end at `\n`, `\r\n` or a lone `\r`.
    let lines = text.bytes().filter(|&b| b == b'\r').count() + text.replace("\r\n", "").bytes().filter(|&b| b == b'\n').count() + 1;
    for p in &d.problems {
        assert_eq!(p.unit, unit, "{p}");
        let rows = if unit == Unit::Line { 2..=lines } else { 1..=d.rows };
        assert!(rows.contains(&p.row), "{p}: outside rows {rows:?}");
        assert!(!p.to_string().is_empty());
        assert!(!p.describe(Locale::new(Lang::Ar, Digits::Arabic)).is_empty());
    }
    assert!(d.problems.windows(2).all(|w| w[0].row <= w[1].row), "problems out of row order");
    assert_eq!(d.incidents.len() + skipped_rows(&d.problems), d.rows, "kept + skipped = read");
    let mut ids = HashSet::new();
    for i in &d.incidents {
        assert!(!i.id.trim().is_empty(), "an empty id");
        assert!(ids.insert(i.id.as_str()), "id {} kept twice", i.id);
        assert!(!i.points.is_empty(), "{}: no point", i.id);
        for p in &i.points {
            let (lng, lat) = (p.x(), p.y());
            assert!(lng.is_finite() && (-180.0..=180.0).contains(&lng), "{}: longitude {lng}", i.id);
            assert!(lat.is_finite() && (-90.0..=90.0).contains(&lat), "{}: latitude {lat}", i.id);
        }
        assert!(i.date.first_day() <= i.date.last_day());
        // What the list and the map say of it, in both languages.
        for loc in [Locale::EN, Locale::new(Lang::Ar, Digits::Arabic)] {
            let _ = (incident_map::list::row(loc, i), incident_map::cluster::incident_label(loc, i, None));
        }
    }
}

/// The errors among the problems, for comparing two loads.
pub fn errors(d: &Dataset) -> usize {
    d.problems.iter().filter(|p| p.severity == Severity::Error).count()
}

/// A CSV file read as a download is: its bytes pushed in pieces ending at `cuts` (any numbers: each is clamped
/// between the one before and the end), with `length` announced.
pub fn streamed(bytes: &[u8], cuts: &[usize], length: Option<u64>) -> Result<Dataset, DatasetError> {
    let mut from = 0;
    let pieces = cuts.iter().copied().chain([bytes.len()]).map(|cut| {
        let end = cut.clamp(from, bytes.len());
        &bytes[std::mem::replace(&mut from, end)..end]
    });
    parse_pieces(pieces, length)
}

/// Reads a small number from the front of `data` (for a choice the target makes), and the rest.
pub fn take_byte(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((b, rest)) => (*b, rest),
        None => (0, data),
    }
}
