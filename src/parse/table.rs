//! Tables: CSV files (with the `csv` crate: RFC 4180 quoting, CRLF, a BOM, `,` `;` or tab separators) and
//! JSON lists of records. Columns are matched by name, with common aliases; ACLED's layout is recognised by
//! its columns and mapped by `acled`.

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::fields::{derived_id, Field, Key, Record, Row, Strings};
use super::{acled, DatasetError, Problem, Unit};
use crate::model::Incident;

/// The schema's name for a column, if it is one of the schema's names or a common alias of one.
fn canonical(header: &str) -> Option<&'static str> {
    let key = normalize(header);
    let name = match key.as_str() {
        "lat" | "latitude" => "lat",
        "lon" | "lng" | "long" | "longitude" => "lon",
        "source" | "outlet" | "source_outlet" => "source",
        "source_url" | "url" | "link" => "source_url",
        "source_title" => "source_title",
        "source_published" | "published" => "source_published",
        "event_date" => "date",
        "description" | "notes" => "summary",
        "fatalities" | "deaths" => "killed",
        "injured" => "wounded",
        other => return Key::parse(other).map(Key::as_str),
    };
    Some(name)
}

/// A column name compared loosely: trimmed, lower case, spaces and dashes as underscores.
fn normalize(header: &str) -> String {
    header.trim().trim_start_matches('\u{feff}').to_ascii_lowercase().replace([' ', '-', '.'], "_")
}

/// The key a column's values are stored under: the schema's name when it has one, else the column's own.
fn key_for(header: &str, acled: bool) -> String {
    if acled {
        normalize(header)
    } else {
        canonical(header).map_or_else(|| header.trim().trim_start_matches('\u{feff}').to_string(), str::to_string)
    }
}

/// A record with the schema's keys → an incident.
fn record(r: &mut Row, props: &dyn Record, content: &dyn Fn() -> String) -> Option<Incident> {
    let id = r.id(props, None, &|| derived_id(&content()))?;
    let points = r.lat_lon(props)?;
    r.incident(id, props, points)
}

/// A JSON record → an incident.
pub fn json_record(r: &mut Row, raw: &RawValue, acled: bool) -> Option<Incident> {
    r.text_values = true;
    let Ok(Value::Object(obj)) = serde_json::from_str::<Value>(raw.get()) else {
        return r.error("record", "not an object".into());
    };
    let content = || serde_json::to_string(&obj).unwrap_or_default();
    let props = map_of(obj.iter().map(|(k, v)| (key_for(k, acled), v.clone())));
    if acled {
        record(r, &acled::to_properties(props), &content)
    } else {
        record(r, &props, &content)
    }
}

/// The pairs as a map, the last value of a repeated key kept. Inserted one by one: `collect` would sort them
/// first, with a copy of the standard library's stable sort for each kind of iterator.
fn map_of(pairs: impl Iterator<Item = (String, Value)>) -> Map<String, Value> {
    let mut map = Map::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}

/// Whether a JSON record has ACLED's columns.
pub fn json_is_acled(raw: &RawValue) -> bool {
    serde_json::from_str::<Map<String, Value>>(raw.get()).is_ok_and(|m| acled::is_acled(m.keys().map(|k| normalize(k))))
}

/// Where each key's value is in a CSV row, resolved once from the header.
struct Columns {
    /// The column of each key, by `Key` (the last, when several columns have the same name).
    slots: [Option<usize>; Key::ALL.len()],
    /// The other columns: name and column (the last of equal names), in name order.
    extra: Vec<(String, usize)>,
}

impl Columns {
    fn new(keys: &[String]) -> Columns {
        let mut by_name: BTreeMap<&str, usize> = BTreeMap::new();
        for (n, k) in keys.iter().enumerate() {
            by_name.insert(k, n); // the last of equal names
        }
        let mut slots = [None; Key::ALL.len()];
        let mut extra = Vec::new();
        for (name, n) in by_name {
            match Key::parse(name) {
                Some(k) => slots[k as usize] = Some(n),
                None => extra.push((name.to_string(), n)),
            }
        }
        Columns { slots, extra }
    }
}

/// A CSV row read in place: the cells, found through the header's columns.
struct CsvRecord<'r> {
    cells: &'r csv::StringRecord,
    columns: &'r Columns,
}

impl Record for CsvRecord<'_> {
    fn get(&self, key: Key) -> Option<Field<'_>> {
        self.columns.slots[key as usize].and_then(|n| self.cells.get(n)).map(Field::Text)
    }

    fn for_each_extra(&self, f: &mut dyn FnMut(&str, Field<'_>)) {
        for (name, n) in &self.columns.extra {
            if let Some(cell) = self.cells.get(*n) {
                f(name, Field::Text(cell));
            }
        }
    }
}

/// The rows of a CSV file, read one at a time.
pub struct CsvRows<'a> {
    reader: csv::Reader<&'a [u8]>,
    text: &'a str,
    keys: Vec<String>,
    columns: Columns,
    acled: bool,
    len: usize,
    record: csv::StringRecord,
}

impl<'a> CsvRows<'a> {
    /// Reads the header row and checks that the columns an incident needs are there.
    pub fn new(text: &'a str) -> Result<CsvRows<'a>, DatasetError> {
        let text = text.trim_start_matches('\u{feff}');
        let first_line = text.lines().next().unwrap_or("");
        let delimiter = [b',', b';', b'\t']
            .into_iter()
            .max_by_key(|d| first_line.bytes().filter(|b| b == d).count())
            .unwrap_or(b',');
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| DatasetError::NotCsv(e.to_string()))?.clone();
        if headers.len() < 3 {
            return Err(DatasetError::NotCsv(format!(
                "the first line has {} column(s); expected a header row naming at least date, latitude and longitude",
                headers.len()
            )));
        }
        let acled = acled::is_acled(headers.iter().map(normalize));
        let keys: Vec<String> = headers.iter().map(|h| key_for(h, acled)).collect();
        let required: &[(&str, &str)] = if acled {
            &[("event_date", "event_date"), ("latitude", "latitude"), ("longitude", "longitude")]
        } else {
            &[("date", "date"), ("lat", "lat or latitude"), ("lon", "lon, lng or longitude")]
        };
        let missing: Vec<&str> = required.iter().filter(|(k, _)| !keys.iter().any(|h| h == k)).map(|(_, name)| *name).collect();
        if !missing.is_empty() {
            return Err(DatasetError::NotCsv(format!("no column named {}", missing.join(", nor "))));
        }
        let columns = Columns::new(&keys);
        Ok(CsvRows { reader, text, keys, columns, acled, len: text.len(), record: csv::StringRecord::new() })
    }

    pub fn acled(&self) -> bool {
        self.acled
    }

    /// How far through the text the reader is, 0–1.
    pub fn fraction(&self) -> f64 {
        self.reader.position().byte() as f64 / self.len.max(1) as f64
    }

    /// The line a record starts on: the reader counts blank lines before it as its start.
    fn line_of(&self, p: &csv::Position) -> usize {
        let rest = self.text.as_bytes().get(p.byte() as usize..).unwrap_or_default();
        let blank = rest.iter().take_while(|b| matches!(b, b'\r' | b'\n')).filter(|b| **b == b'\n').count();
        p.line() as usize + blank
    }

    /// The next non-blank row: its line and its incident, if it has one. `None` at the end of the file.
    pub fn next(&mut self, problems: &mut Vec<Problem>, strings: &mut Strings) -> Option<(usize, Option<Incident>)> {
        loop {
            let before = self.reader.position().byte();
            let read = self.reader.read_record(&mut self.record);
            let line = self.record.position().map_or(0, |p| self.line_of(p));
            let mut r = Row { row: line, unit: Unit::Line, id: None, text_values: true, problems: &mut *problems, strings: &mut *strings };
            match read {
                Ok(false) => return None,
                Err(e) => {
                    if self.reader.position().byte() == before {
                        return None;
                    }
                    return Some((line, r.error("row", e.to_string())));
                }
                Ok(true) if self.record.iter().all(|f| f.trim().is_empty()) => continue,
                Ok(true) if self.record.len() != self.keys.len() => {
                    let message = format!("has {} fields where the header has {}", self.record.len(), self.keys.len());
                    return Some((line, r.error("row", message)));
                }
                Ok(true) => {
                    let cells = &self.record;
                    let content = || cells.iter().collect::<Vec<_>>().join("\u{1f}");
                    let incident = if self.acled {
                        let props = map_of(self.keys.iter().zip(cells).map(|(k, v)| (k.clone(), Value::String(v.into()))));
                        record(&mut r, &acled::to_properties(props), &content)
                    } else {
                        record(&mut r, &CsvRecord { cells, columns: &self.columns }, &content)
                    };
                    return Some((line, incident));
                }
            }
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use crate::parse::{parse_dataset, Dataset};

    const COLUMNS: [&str; 10] = ["id", "Date", "lat", "Longitude", "weapon", "launched", "country", "Source URL", "source", "Colour"];

    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            "[a-z ]{0,6}",
            Just("2021-03-04".to_string()),
            Just("30 April 2022".to_string()),
            Just("33.5".to_string()),
            Just("-200".to_string()),
            Just("3".to_string()),
            Just("drone".to_string()),
            Just("Iraq; Syria".to_string()),
            Just("https://example.org/a".to_string()),
            Just("javascript:x".to_string()),
        ]
    }

    /// Problems without the row number, which counts lines in a CSV and records in JSON.
    fn problems(d: &Dataset) -> Vec<String> {
        d.problems.iter().map(|p| format!("{:?} {:?} {} {}", p.severity, p.id, p.field, p.message)).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
        /// CSV rows are read in place, JSON records through a map: the same values give the same incidents and
        /// problems either way.
        #[test]
        fn a_csv_row_reads_as_the_same_json_record(rows in prop::collection::vec(prop::collection::vec(cell(), COLUMNS.len()), 1..6)) {
            let rows: Vec<Vec<String>> = rows.into_iter().enumerate().map(|(n, mut r)| { r[0] = format!("R{n}"); r }).collect();
            let csv: String = std::iter::once(COLUMNS.join(",")).chain(rows.iter().map(|r| r.join(","))).collect::<Vec<_>>().join("\n");
            let records: Vec<serde_json::Map<String, serde_json::Value>> = rows
                .iter()
                .map(|r| COLUMNS.iter().zip(r).map(|(k, v)| (k.to_string(), v.as_str().into())).collect())
                .collect();
            let from_csv = parse_dataset(&csv).unwrap();
            let from_json = parse_dataset(&serde_json::to_string(&records).unwrap()).unwrap();
            prop_assert_eq!(&from_csv.incidents, &from_json.incidents);
            prop_assert_eq!(problems(&from_csv), problems(&from_json));
        }
    }
}
