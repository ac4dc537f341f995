//! Tables: CSV files (read by `records` as their bytes come: RFC 4180 quoting, CRLF, a BOM, `,` `;` or tab
//! separators) and JSON lists of records. Columns are matched by name, with common aliases; ACLED's layout is
//! recognised by its columns and mapped by `acled`.

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::fields::{derived_id, shortened, Field, Key, Record, Row, Strings, MAX_NAME};
use super::records::{Fields, Read, Records};
use super::{acled, CsvHeader, DatasetError, Issue, Problem, Unit};
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
        return r.error("record", Issue::NotAnObject);
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
    /// Long names of other columns left out, because one before them (in name order) shortens alike: told
    /// once, not on every row as `Row::extra` would.
    clashes: Vec<String>,
}

impl Columns {
    fn new(keys: &[String]) -> Columns {
        let mut by_name: BTreeMap<&str, usize> = BTreeMap::new();
        for (n, k) in keys.iter().enumerate() {
            by_name.insert(k, n); // the last of equal names
        }
        let mut slots = [None; Key::ALL.len()];
        let (mut extra, mut long, mut clashes) = (Vec::new(), Vec::new(), Vec::new());
        for (name, n) in by_name {
            match Key::parse(name) {
                Some(k) => slots[k as usize] = Some(n),
                None if name.len() > MAX_NAME => {
                    let short = shortened(name, MAX_NAME).into_owned();
                    if long.contains(&short) {
                        clashes.push(short);
                    } else {
                        long.push(short);
                        extra.push((name.to_string(), n));
                    }
                }
                None => extra.push((name.to_string(), n)),
            }
        }
        Columns { slots, extra, clashes }
    }
}

/// A CSV row read in place: the cells, found through the header's columns.
struct CsvRecord<'r> {
    cells: &'r Fields<'r>,
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

/// A CSV file's header: the key of each column, and where the keys are.
struct Header {
    keys: Vec<String>,
    columns: Columns,
    acled: bool,
}

impl Header {
    /// Checks that the columns an incident needs are there.
    fn new(headers: &Fields) -> Result<Header, DatasetError> {
        if headers.len() < 3 {
            return Err(DatasetError::NotCsv(CsvHeader::FewColumns(headers.len())));
        }
        let acled = acled::is_acled(headers.iter().map(normalize));
        let keys: Vec<String> = headers.iter().map(|h| key_for(h, acled)).collect();
        // Each key, and the names a column may have for it.
        let required: &[(&str, &'static [&'static str])] = if acled {
            &[("event_date", &["event_date"]), ("latitude", &["latitude"]), ("longitude", &["longitude"])]
        } else {
            &[("date", &["date"]), ("lat", &["lat", "latitude"]), ("lon", &["lon", "lng", "longitude"])]
        };
        let missing: Vec<&'static [&'static str]> =
            required.iter().filter(|(k, _)| !keys.iter().any(|h| h == k)).map(|(_, names)| *names).collect();
        if !missing.is_empty() {
            return Err(DatasetError::NotCsv(CsvHeader::Missing(missing)));
        }
        let columns = Columns::new(&keys);
        Ok(Header { keys, columns, acled })
    }
}

/// What `CsvRows::next` found.
// Matched as soon as it is returned: a box would cost an allocation per row.
#[allow(clippy::large_enum_variant)]
pub enum Next {
    /// A row that is not blank: its line, and its incident if it has one.
    Row(usize, Option<Incident>),
    /// More bytes are needed.
    More,
    End,
}

/// The rows of a CSV file, read one at a time as its bytes are pushed in.
#[derive(Default)]
pub struct CsvRows {
    records: Records,
    header: Option<Result<Header, DatasetError>>,
    /// Whether the header's name clashes were reported (with the first row).
    clashes_told: bool,
}

impl CsvRows {
    /// Adds the next bytes of the file.
    pub fn push(&mut self, bytes: &[u8]) {
        self.records.push(bytes);
    }

    /// Says that the file has no more bytes.
    pub fn end(&mut self) {
        self.records.end();
    }

    /// Bytes read so far (not waiting in the buffer).
    pub fn read_bytes(&self) -> u64 {
        self.records.read_bytes()
    }

    /// The header row, once it is in: whether it is ACLED's, or why the file cannot be read. `None` while more
    /// bytes are needed.
    pub fn header(&mut self) -> Option<Result<bool, DatasetError>> {
        if self.header.is_none() {
            let header = match self.records.read() {
                Read::More => return None,
                Read::End => Header::new(&Fields::default()),
                Read::Record(_) => Header::new(&self.records.record()),
            };
            self.header = Some(header);
        }
        self.header.as_ref().map(|h| h.as_ref().map(|h| h.acled).map_err(Clone::clone))
    }

    /// The next non-blank row, once the header is read.
    pub fn next(&mut self, problems: &mut Vec<Problem>, strings: &mut Strings) -> Next {
        let Some(Ok(header)) = &self.header else { return Next::More };
        loop {
            let line = match self.records.read() {
                Read::Record(line) => line,
                Read::More => return Next::More,
                Read::End => return Next::End,
            };
            let cells = self.records.record();
            let mut r = Row { row: line, unit: Unit::Line, id: None, text_values: true, problems: &mut *problems, strings: &mut *strings };
            if cells.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if cells.len() != header.keys.len() {
                let issue = Issue::FieldCount { found: cells.len(), expected: header.keys.len() };
                return Next::Row(line, r.error("row", issue));
            }
            if !self.clashes_told {
                header.columns.clashes.iter().for_each(|name| r.name_clash(name));
                self.clashes_told = true;
            }
            let content = || cells.iter().collect::<Vec<_>>().join("\u{1f}");
            let incident = if header.acled {
                let props = map_of(header.keys.iter().zip(cells.iter()).map(|(k, v)| (k.clone(), Value::String(v.into()))));
                record(&mut r, &acled::to_properties(props), &content)
            } else {
                record(&mut r, &CsvRecord { cells: &cells, columns: &header.columns }, &content)
            };
            return Next::Row(line, incident);
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use crate::parse::{parse_dataset, parse_named, parse_pieces, Dataset};

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
        d.problems.iter().map(|p| format!("{:?} {:?} {} {:?}", p.severity, p.id, p.field, p.issue)).collect()
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

    /// A cell of a CSV file as written: text that needs quoting (separators, quotes, line breaks), characters
    /// of two to four bytes, values the schema reads, and bytes that are not UTF-8.
    fn raw_cell() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            cell().prop_map(String::into_bytes),
            Just("\"a, \"\"b\"\"\r\nc\nd\"".as_bytes().to_vec()),
            Just("\"x;y\tz\"".as_bytes().to_vec()),
            Just("مطار بغداد – 🚀".as_bytes().to_vec()),
            Just("\"مطار\nبغداد\"".as_bytes().to_vec()),
            Just(b"bad\xe2\x82 \xff".to_vec()),
            Just(b"  ".to_vec()),
        ]
    }

    /// A CSV file as bytes: a header (the schema's or ACLED's), rows with a separator of `,` `;` or tab, LF or
    /// CRLF line ends, blank lines, short rows, repeated ids, and a BOM or not.
    fn raw_csv() -> impl Strategy<Value = Vec<u8>> {
        let header = prop_oneof![
            Just(vec!["id", "date", "lat", "lon", "summary", "Colour"]),
            Just(vec!["event_id_cnty", "event_date", "latitude", "longitude", "notes", "fatalities"]),
        ];
        let row = prop_oneof![
            4 => prop::collection::vec(raw_cell(), 6),
            1 => prop::collection::vec(raw_cell(), 0..4),
        ];
        let ids = prop::collection::vec(prop_oneof![Just("A"), Just("B"), Just("")], 0..8);
        (header, prop::collection::vec(row, 0..8), ids, prop::sample::select(vec![",", ";", "\t"]), any::<bool>(), any::<bool>(), any::<bool>())
            .prop_map(|(header, rows, ids, sep, crlf, bom, blank)| {
                let eol: &[u8] = if crlf { b"\r\n" } else { b"\n" };
                let mut out = Vec::new();
                if bom {
                    out.extend_from_slice("\u{feff}".as_bytes());
                }
                out.extend_from_slice(header.join(sep).as_bytes());
                for (n, mut row) in rows.into_iter().enumerate() {
                    out.extend_from_slice(eol);
                    if blank && n == 1 {
                        out.extend_from_slice(eol);
                    }
                    if let (Some(first), Some(id)) = (row.first_mut(), ids.get(n)) {
                        *first = id.as_bytes().to_vec();
                    }
                    if row.len() > 3 {
                        row[1] = b"2021-03-04".to_vec();
                        row[2] = b"33.5".to_vec();
                        row[3] = b"44.1".to_vec();
                    }
                    out.extend_from_slice(&row.join(sep.as_bytes()));
                }
                out
            })
    }

    /// The data set of a CSV file whose bytes come in pieces ending at `cuts` (in order).
    fn streamed(bytes: &[u8], cuts: &[usize]) -> Result<Dataset, crate::parse::DatasetError> {
        let ends = cuts.iter().copied().chain([bytes.len()]);
        let pieces = ends.scan(0, |from, end| Some(&bytes[std::mem::replace(from, end)..end]));
        parse_pieces(pieces, Some(bytes.len() as u64))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]
        /// A download read as it comes gives exactly the data set of its whole text, wherever its pieces end:
        /// inside a quoted field, between `\r` and `\n`, inside a character or the BOM.
        #[test]
        fn any_split_of_a_csv_reads_as_its_whole_text(bytes in raw_csv(), cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..12)) {
            let mut cuts: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
            cuts.sort_unstable();
            let whole = parse_named(&String::from_utf8_lossy(&bytes), "x.csv", None);
            prop_assert_eq!(streamed(&bytes, &cuts), whole.clone());
            let one_byte_at_a_time: Vec<usize> = (0..bytes.len()).collect();
            prop_assert_eq!(streamed(&bytes, &one_byte_at_a_time), whole);
        }
    }
}
