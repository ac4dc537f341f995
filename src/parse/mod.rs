//! Text → incidents, row by row, for every format people bring: GeoJSON, JSON records (also ACLED's API),
//! CSV (also ACLED's export). A bad row is reported with its row and field; the good rows are kept.
//!
//! `Parser` reads in steps so that the page can show progress and stay responsive on large files;
//! `parse_dataset` runs it to the end in one go.

mod acled;
mod fields;
mod geojson;
mod records;
mod table;

use rustc_hash::FxHashMap;
use std::fmt;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::i18n::{Locale, Msg};
use crate::model::{DatePrecision, Incident};
use crate::tr;
use fields::{Row, Strings};

/// Whether a problem cost the row (`Error`) or only a field of it (`Warning`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// What a problem's row number counts: GeoJSON features, JSON records, or lines of a CSV file (the header
/// is line 1, as in a spreadsheet).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Feature,
    Record,
    Line,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Feature => "feature",
            Unit::Record => "record",
            Unit::Line => "line",
        }
    }
}

/// One thing wrong with the input, located by row and field.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub unit: Unit,
    /// 1-based.
    pub row: usize,
    pub id: Option<String>,
    pub field: String,
    pub issue: Issue,
    pub severity: Severity,
}

/// What is wrong with a field, with what a message about it quotes: said in either language by
/// [`Issue::message`]. Values from the data are quoted as they are (shortened).
#[derive(Clone, Debug, PartialEq)]
pub enum Issue {
    /// The id is neither text nor a number.
    IdType,
    /// A date that does not exist or is not written as the format reads dates; `written`: a table, which also
    /// reads `30 April 2022`.
    NotADate { value: String, written: bool },
    Missing,
    NotAString,
    /// `date_precision` is finer than the date.
    PrecisionFiner { says: DatePrecision, known: DatePrecision },
    UnknownValue { value: String },
    /// A coordinate beyond ±`limit`.
    OutOfRange { value: f64, limit: f64 },
    /// `value` as `Field::quoted` writes it: text in quotes, anything else as JSON.
    NotANumber { value: String },
    NotText,
    /// `value` quoted as for `NotANumber`.
    NotACount { value: String },
    /// A value not among the `allowed` names of the schema; the default is used.
    NotOneOf { value: String, allowed: &'static [&'static str] },
    NotAJsonList { error: String },
    NotAList,
    SourceNotAnObject,
    NoOutlet,
    NotALink { value: String },
    /// Another field's name begins with the same `chars` characters.
    NameClash { chars: usize },
    /// A feature serde_json cannot read.
    Unreadable { error: String },
    NotAnObject,
    NoGeometry,
    /// A Point or MultiPoint (`kind`) without coordinates that can be read.
    NoCoordinates { kind: String },
    NotAPoint { kind: String },
    NoType,
    BadCoordinates,
    /// A CSV row with another number of fields than the header.
    FieldCount { found: usize, expected: usize },
    DuplicateId { id: String },
}

/// "a, b or c" in the reader's language, each name set apart.
fn or_list(loc: Locale, items: &[&str]) -> String {
    let items: Vec<String> = items.iter().map(|i| loc.isolate(i)).collect();
    match &items[..] {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => tr!(loc, Msg::ParseOr, init = init.join(&format!("{} ", loc.t(Msg::ListComma))), last = last),
    }
}

impl Issue {
    /// What is wrong, in the reader's language.
    pub fn message(&self, loc: Locale) -> String {
        let d = |s: &str| loc.isolate(s);
        let n = |n: usize| loc.number(n);
        let decimal = |x: f64| loc.localise_digits(&x.to_string());
        match self {
            Issue::IdType => loc.t(Msg::ParseIdType).into(),
            Issue::NotADate { value, written: false } => tr!(loc, Msg::ParseNotADate, value = d(value)),
            Issue::NotADate { value, written: true } => tr!(loc, Msg::ParseNotAWrittenDate, value = d(value)),
            Issue::Missing => loc.t(Msg::ParseMissing).into(),
            Issue::NotAString => loc.t(Msg::ParseNotAString).into(),
            Issue::PrecisionFiner { says, known } => {
                tr!(loc, Msg::ParsePrecisionFiner, says = d(says.as_str()), known = loc.date_precision(*known))
            }
            Issue::UnknownValue { value } => tr!(loc, Msg::ParseUnknownValue, value = d(value)),
            Issue::OutOfRange { value, limit } => tr!(
                loc,
                Msg::ParseOutOfRange,
                value = d(&decimal(*value)),
                min = d(&format!("\u{2212}{}", decimal(*limit))),
                max = d(&decimal(*limit))
            ),
            Issue::NotANumber { value } => tr!(loc, Msg::ParseNotANumber, value = d(value)),
            Issue::NotText => loc.t(Msg::ParseNotText).into(),
            Issue::NotACount { value } => tr!(loc, Msg::ParseNotACount, value = d(value)),
            Issue::NotOneOf { value, allowed } => tr!(loc, Msg::ParseNotOneOf, value = d(value), allowed = or_list(loc, allowed)),
            Issue::NotAJsonList { error } => tr!(loc, Msg::ParseNotAJsonList, error = d(error)),
            Issue::NotAList => loc.t(Msg::ParseNotAList).into(),
            Issue::SourceNotAnObject => loc.t(Msg::ParseSourceNotAnObject).into(),
            Issue::NoOutlet => loc.t(Msg::ParseNoOutlet).into(),
            Issue::NotALink { value } => tr!(loc, Msg::ParseNotALink, value = d(value)),
            Issue::NameClash { chars } => tr!(loc, Msg::ParseNameClash, n = n(*chars)),
            Issue::Unreadable { error } => tr!(loc, Msg::ParseUnreadable, error = d(error)),
            Issue::NotAnObject => loc.t(Msg::ParseNotAnObject).into(),
            Issue::NoGeometry => loc.t(Msg::ParseNoGeometry).into(),
            Issue::NoCoordinates { kind } => tr!(loc, Msg::ParseNoCoordinates, kind = d(kind)),
            Issue::NotAPoint { kind } => tr!(loc, Msg::ParseNotAPoint, kind = d(kind)),
            Issue::NoType => loc.t(Msg::ParseNoType).into(),
            Issue::BadCoordinates => loc.t(Msg::ParseBadCoordinates).into(),
            Issue::FieldCount { found, expected } => tr!(loc, Msg::ParseFieldCount, found = n(*found), expected = n(*expected)),
            Issue::DuplicateId { id } => tr!(loc, Msg::ParseDuplicateId, id = d(id)),
        }
    }
}

impl Problem {
    /// What is wrong, without where: "\"x\" is not a number".
    pub fn message(&self, loc: Locale) -> String {
        self.issue.message(loc)
    }

    /// The whole problem, as the page lists it: "feature 2 (B2), field `date`: … — skipped".
    pub fn describe(&self, loc: Locale) -> String {
        let unit = match self.unit {
            Unit::Feature => Msg::ParseFeature,
            Unit::Record => Msg::ParseRecord,
            Unit::Line => Msg::ParseLine,
        };
        // A row number, not a quantity: not grouped, as a spreadsheet writes it.
        let mut at = tr!(loc, unit, row = loc.localise_digits(&self.row.to_string()));
        if let Some(id) = &self.id {
            at = tr!(loc, Msg::ParseWithId, at = at, id = loc.isolate(id));
        }
        let outcome = loc.t(match self.severity {
            Severity::Error => Msg::ParseSkipped,
            Severity::Warning => Msg::ParseKept,
        });
        tr!(loc, Msg::ParseProblem, at = at, field = loc.isolate(&self.field), message = self.message(loc), outcome = outcome)
    }
}

/// In English, as console logs, tests and the fuzz targets read it.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Locale::EN))
    }
}

/// The layout a file was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    GeoJson,
    JsonRecords,
    AcledJson,
    Csv,
    AcledCsv,
}

impl Format {
    pub fn label(self, loc: Locale) -> &'static str {
        match self {
            Format::GeoJson => "GeoJSON",
            Format::JsonRecords => loc.t(Msg::ParseFormatJsonRecords),
            Format::AcledJson => loc.t(Msg::ParseFormatAcledJson),
            Format::Csv => "CSV",
            Format::AcledCsv => loc.t(Msg::ParseFormatAcledCsv),
        }
    }
}

/// What a load produced: the incidents that passed, and what was wrong with the rest.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub format: Format,
    pub incidents: Vec<Incident>,
    pub problems: Vec<Problem>,
    /// Rows (features, records) read, kept or not.
    pub rows: usize,
}

/// How many distinct rows the problems skipped (problems come in row order).
pub fn skipped_rows(problems: &[Problem]) -> usize {
    let mut rows: Vec<usize> = problems.iter().filter(|p| p.severity == Severity::Error).map(|p| p.row).collect();
    rows.dedup();
    rows.len()
}

/// The file as a whole could not be read as a data set.
#[derive(Clone, Debug, PartialEq)]
pub enum DatasetError {
    Empty,
    Html,
    /// serde_json's message.
    NotJson(String),
    NotFeatureCollection(Shape),
    NotCsv(CsvHeader),
    Unrecognised,
}

/// Why a JSON document is not a data set.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    FeaturesNotAList,
    NoFeatures,
    DataNotAList,
    /// Another `type` than FeatureCollection (shortened).
    OtherType(String),
    NoType,
}

/// Why a CSV file's header cannot be read.
#[derive(Clone, Debug, PartialEq)]
pub enum CsvHeader {
    /// Fewer than three columns: this many.
    FewColumns(usize),
    /// The columns an incident needs that no column names, each with the names it may have.
    Missing(Vec<&'static [&'static str]>),
}

impl DatasetError {
    /// What is wrong with the file, in the reader's language.
    pub fn message(&self, loc: Locale) -> String {
        let expected = loc.t(Msg::ParseExpected);
        match self {
            DatasetError::Empty => tr!(loc, Msg::ParseEmpty, expected = expected),
            DatasetError::Html => tr!(loc, Msg::ParseHtml, expected = expected),
            DatasetError::NotJson(e) => tr!(loc, Msg::ParseNotJson, error = loc.isolate(e), expected = expected),
            DatasetError::NotFeatureCollection(why) => {
                let why = match why {
                    Shape::FeaturesNotAList => loc.t(Msg::ParseFeaturesNotAList).into(),
                    Shape::NoFeatures => loc.t(Msg::ParseNoFeatures).into(),
                    Shape::DataNotAList => loc.t(Msg::ParseDataNotAList).into(),
                    Shape::OtherType(t) => tr!(loc, Msg::ParseOtherType, kind = loc.isolate(t)),
                    Shape::NoType => loc.t(Msg::ParseNoTopType).into(),
                };
                tr!(loc, Msg::ParseNotADataSet, why = why, expected = expected)
            }
            DatasetError::NotCsv(why) => {
                let why = match why {
                    CsvHeader::FewColumns(n) => tr!(loc, Msg::ParseFewColumns, n = loc.number(*n)),
                    CsvHeader::Missing(names) => {
                        let mut names = names.iter().map(|n| or_list(loc, n));
                        let first = names.next().unwrap_or_default();
                        let names = names.fold(first, |list, next| tr!(loc, Msg::ParseNor, list = list, next = next));
                        tr!(loc, Msg::ParseNoColumn, names = names)
                    }
                };
                tr!(loc, Msg::ParseNotCsv, why = why)
            }
            DatasetError::Unrecognised => tr!(loc, Msg::ParseUnrecognised, expected = expected),
        }
    }
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Locale::EN))
    }
}

impl std::error::Error for DatasetError {}

/// How the text is written, from its name (extension), content type and first characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Syntax {
    Json,
    Csv,
}

/// Decides between JSON and CSV. The content wins where it is unambiguous (`{`, `[`, or markup); otherwise
/// the name's extension or the content type; otherwise a first line with separators is read as CSV.
fn detect(text: &str, name: &str, content_type: Option<&str>) -> Result<Syntax, DatasetError> {
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let path = name.split(['?', '#']).next().unwrap_or("").to_ascii_lowercase();
    let mime = content_type.unwrap_or("").to_ascii_lowercase();
    match start.chars().next() {
        None => Err(DatasetError::Empty),
        Some('{' | '[') => Ok(Syntax::Json),
        Some('<') => Err(DatasetError::Html),
        _ if path.ends_with(".json") || path.ends_with(".geojson") || mime.contains("json") => Ok(Syntax::Json),
        _ if path.ends_with(".csv") || path.ends_with(".tsv") || mime.contains("csv") || mime.contains("tab-separated") => Ok(Syntax::Csv),
        _ if start.lines().next().is_some_and(|l| l.contains([',', ';', '\t'])) => Ok(Syntax::Csv),
        _ => Err(DatasetError::Unrecognised),
    }
}

/// Whether a file that begins with `head` is read as CSV — as `Parser::new` decides from the whole text — once
/// `head` is long enough to tell (its first line is complete, or its first character or its name or type
/// decides); `None` until then.
pub fn starts_csv(head: &[u8], name: &str, content_type: Option<&str>) -> Option<bool> {
    // Without a character cut short at the end.
    let lead = (head.len().saturating_sub(3)..head.len()).rev().find(|&i| head[i] >= 0xc0);
    let cut = lead.filter(|&i| head.len() - i < [2, 3, 4][usize::from(head[i] >= 0xe0) + usize::from(head[i] >= 0xf0)]);
    let text = String::from_utf8_lossy(&head[..cut.unwrap_or(head.len())]);
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let by_name = detect("x", name, content_type) != Err(DatasetError::Unrecognised);
    let decided = start.starts_with(['{', '[', '<']) || (!start.is_empty() && by_name) || start.contains('\n');
    decided.then(|| detect(&text, name, content_type) == Ok(Syntax::Csv))
}

/// Where a step-wise parse is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    pub rows: usize,
    /// 0–1, when the size of the whole is known.
    pub fraction: Option<f64>,
}

/// Most incidents a streamed CSV file makes room for at once, from its announced length (about 0.8 GB of
/// incidents; a million-row file, as the benchmarks load, gets its room in one go).
const MAX_ROOM: usize = 1 << 21;

/// A whole text's bytes are given to the CSV reader this many at a time, as a download's would be.
const CSV_PIECE: usize = 64 * 1024;

/// The rows still to read.
enum Input<'a> {
    Json { items: Vec<&'a RawValue>, next: usize, acled: bool },
    /// A CSV file: the rows, and the rest of the whole text when the parser reads one (`None` when the bytes
    /// are pushed in as they come). `length` is the size of the file, when known; `reserved`, whether the
    /// incidents have room for the rows it likely has.
    Csv { rows: Box<table::CsvRows>, text: Option<&'a [u8]>, length: Option<u64>, reserved: bool },
}

/// Gives the CSV reader the next piece of a whole text (and its end after the last).
fn push_piece(rows: &mut table::CsvRows, text: &mut &[u8]) {
    let (piece, rest) = text.split_at(CSV_PIECE.min(text.len()));
    rows.push(piece);
    *text = rest;
    if rest.is_empty() {
        rows.end();
    }
}

/// Reads a data set a few rows at a time.
pub struct Parser<'a> {
    input: Input<'a>,
    out: Dataset,
    /// Ids seen so far, by hash: the position of the first incident with that hash (compared in full on a
    /// match), so the ids are not copied; `collided` holds the positions of any later ids with a taken hash.
    /// The keys are hashes already: the map's own hashing of them is the cheap one.
    seen: FxHashMap<u64, u32>,
    collided: Vec<u32>,
    strings: Strings,
}

fn id_hash(id: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(id, &mut h);
    std::hash::Hasher::finish(&h)
}

impl<'a> Parser<'a> {
    /// Recognises the format and reads what must be read at once (the JSON structure, the CSV header). `name`
    /// (a file name or URL) and `content_type` help tell the format when the content alone does not.
    pub fn new(text: &'a str, name: &str, content_type: Option<&str>) -> Result<Parser<'a>, DatasetError> {
        let (input, format) = match detect(text, name, content_type)? {
            Syntax::Json => json_rows(text)?,
            Syntax::Csv => {
                let mut rows = Box::<table::CsvRows>::default();
                let mut rest = text.as_bytes();
                let acled = loop {
                    match rows.header() {
                        Some(acled) => break acled?,
                        None => push_piece(&mut rows, &mut rest),
                    }
                };
                let format = if acled { Format::AcledCsv } else { Format::Csv };
                (Input::Csv { rows, text: Some(rest), length: Some(text.len() as u64), reserved: true }, format)
            }
        };
        // Room for every row at once: growing by doubling would leave up to half of it unused at the end.
        let expected = match &input {
            Input::Json { items, .. } => items.len(),
            Input::Csv { .. } => text.bytes().filter(|&b| b == b'\n').count(),
        };
        Ok(Parser::with_capacity(input, format, expected))
    }

    fn with_capacity(input: Input<'a>, format: Format, rows: usize) -> Parser<'a> {
        let out = Dataset { format, incidents: Vec::with_capacity(rows), problems: Vec::new(), rows: 0 };
        Parser { input, out, seen: FxHashMap::with_capacity_and_hasher(rows, Default::default()), collided: Vec::new(), strings: Strings::default() }
    }

    /// Reads up to `max_rows` more rows; true when there are none left.
    pub fn step(&mut self, max_rows: usize) -> bool {
        let Parser { input, out, seen, collided, strings } = self;
        for _ in 0..max_rows {
            let (unit, row, incident) = match input {
                Input::Json { items, next, acled } => {
                    let Some(raw) = items.get(*next) else { return true };
                    *next += 1;
                    let mut r = Row { row: *next, unit: Unit::Feature, id: None, text_values: false, problems: &mut out.problems, strings };
                    let incident = match out.format {
                        Format::GeoJson => geojson::feature(&mut r, raw),
                        _ => {
                            r.unit = Unit::Record;
                            table::json_record(&mut r, raw, *acled)
                        }
                    };
                    (r.unit, r.row, incident)
                }
                Input::Csv { rows, text, .. } => loop {
                    match rows.next(&mut out.problems, strings) {
                        table::Next::Row(line, incident) => break (Unit::Line, line, incident),
                        table::Next::End => return true,
                        table::Next::More => match text {
                            Some(text) => push_piece(rows, text),
                            None => return true,
                        },
                    }
                },
            };
            out.rows += 1;
            if let Some(incident) = incident {
                let hash = id_hash(&incident.id);
                let is = |k: &u32| out.incidents[*k as usize].id == incident.id;
                let duplicate = seen.get(&hash).is_some_and(|k| is(k) || collided.iter().any(is));
                if !duplicate {
                    let at = out.incidents.len() as u32;
                    match seen.entry(hash) {
                        std::collections::hash_map::Entry::Occupied(_) => collided.push(at),
                        std::collections::hash_map::Entry::Vacant(slot) => {
                            slot.insert(at);
                        }
                    }
                    out.incidents.push(incident);
                } else {
                    let id = incident.id;
                    let mut r = Row { row, unit, id: Some(id.clone()), text_values: false, problems: &mut out.problems, strings };
                    r.error::<()>("id", Issue::DuplicateId { id });
                }
            }
        }
        false
    }

    pub fn progress(&self) -> Progress {
        let fraction = match &self.input {
            Input::Json { items, next, .. } => Some(*next as f64 / items.len().max(1) as f64),
            Input::Csv { rows, length, .. } => length.map(|n| (rows.read_bytes() as f64 / n.max(1) as f64).min(1.0)),
        };
        Progress { rows: self.out.rows, fraction }
    }

    pub fn finish(self) -> Dataset {
        self.out
    }
}

impl Parser<'static> {
    /// A CSV file whose bytes come in pieces (`push`, then `end`), split anywhere; `length` is its size if
    /// known. `step` reads the rows that are in; it returns true when it needs more bytes (or, after `end`,
    /// when there are no rows left).
    pub fn csv(length: Option<u64>) -> Parser<'static> {
        Parser::with_capacity(Input::Csv { rows: Box::default(), text: None, length, reserved: false }, Format::Csv, 0)
    }

    /// Adds the next bytes; says why the file cannot be read as soon as its header row is in.
    pub fn push(&mut self, bytes: &[u8]) -> Result<(), DatasetError> {
        if let Input::Csv { rows, .. } = &mut self.input {
            rows.push(bytes);
        }
        self.read_header()
    }

    /// Says that the file has no more bytes.
    pub fn end(&mut self) -> Result<(), DatasetError> {
        if let Input::Csv { rows, .. } = &mut self.input {
            rows.end();
        }
        self.read_header()
    }

    fn read_header(&mut self) -> Result<(), DatasetError> {
        let Input::Csv { rows, length, reserved, .. } = &mut self.input else { return Ok(()) };
        let Some(acled) = rows.header() else { return Ok(()) };
        if acled? {
            self.out.format = Format::AcledCsv;
        }
        // Once a thousand rows are read, room for as many incidents as the whole file likely has (see `new`),
        // once. Only a hint: the announced length may be wrong, and the file's first rows need not be like the
        // rest, so the room is bounded and a failure to make it is no error (the vector grows as it goes).
        if let (Some(length), false, 1000..) = (*length, *reserved, self.out.rows) {
            let expected = self.out.incidents.len() as f64 * length as f64 / rows.read_bytes().max(1) as f64 * 1.02;
            let expected = (expected as usize).min(MAX_ROOM);
            let _ = self.out.incidents.try_reserve(expected.saturating_sub(self.out.incidents.len()));
            let _ = self.seen.try_reserve(expected.saturating_sub(self.seen.len()));
            *reserved = true;
        }
        Ok(())
    }
}

/// A JSON document's rows: a FeatureCollection's features, a list of records, or ACLED's API answer
/// (`{"data": [records]}`).
fn json_rows(text: &str) -> Result<(Input<'_>, Format), DatasetError> {
    #[derive(Deserialize)]
    struct Top<'a> {
        #[serde(rename = "type")]
        kind: Option<String>,
        #[serde(borrow)]
        features: Option<&'a RawValue>,
        #[serde(borrow)]
        data: Option<&'a RawValue>,
    }
    let not_json = |e: serde_json::Error| DatasetError::NotJson(e.to_string());
    fn list(raw: &RawValue, why: Shape) -> Result<Vec<&RawValue>, DatasetError> {
        serde_json::from_str(raw.get()).map_err(|_| DatasetError::NotFeatureCollection(why))
    }
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let (items, format) = if text.starts_with('[') {
        let items: Vec<&RawValue> = serde_json::from_str(text).map_err(not_json)?;
        (items, Format::JsonRecords)
    } else {
        let top: Top = serde_json::from_str(text).map_err(not_json)?;
        let shape = |why| Err(DatasetError::NotFeatureCollection(why));
        match (top.kind.as_deref(), top.features, top.data) {
            (Some("FeatureCollection"), Some(f), _) => (list(f, Shape::FeaturesNotAList)?, Format::GeoJson),
            (Some("FeatureCollection"), None, _) => return shape(Shape::NoFeatures),
            (_, _, Some(d)) => (list(d, Shape::DataNotAList)?, Format::JsonRecords),
            (Some(other), _, _) => return shape(Shape::OtherType(fields::clip(other))),
            (None, _, _) => return shape(Shape::NoType),
        }
    };
    let acled = format == Format::JsonRecords && items.first().is_some_and(|r| table::json_is_acled(r));
    let format = if acled { Format::AcledJson } else { format };
    Ok((Input::Json { items, next: 0, acled }, format))
}

/// Parses a whole data set at once, telling the format from the content alone.
pub fn parse_dataset(text: &str) -> Result<Dataset, DatasetError> {
    parse_named(text, "", None)
}

/// Parses a whole data set at once; `name` and `content_type` help tell the format.
pub fn parse_named(text: &str, name: &str, content_type: Option<&str>) -> Result<Dataset, DatasetError> {
    let mut parser = Parser::new(text, name, content_type)?;
    while !parser.step(usize::MAX) {}
    Ok(parser.finish())
}

/// The data set of a CSV file whose bytes come in `pieces`, read as a download is (`Parser::csv`, the rows that
/// are in read after each piece); `length` is the size announced, if any. For tests and fuzzing: any pieces of a
/// file give the data set of its whole text.
pub fn parse_pieces<'b>(pieces: impl IntoIterator<Item = &'b [u8]>, length: Option<u64>) -> Result<Dataset, DatasetError> {
    let mut parser = Parser::csv(length);
    for piece in pieces {
        parser.push(piece)?;
        parser.step(usize::MAX);
    }
    parser.end()?;
    while !parser.step(7) {}
    Ok(parser.finish())
}

/// Incidents for tests, from GeoJSON property bodies (`"weapon":"drone","launched":2`); each row gets a Point at
/// (44, 33), and the id `i<n>` and date 2021-01-01 unless it gives its own.
#[cfg(test)]
pub fn test_incidents(rows: &[&str]) -> Vec<Incident> {
    let features: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(n, props)| {
            let id = if props.contains("\"id\"") { String::new() } else { format!(r#""id":"i{n}","#) };
            let date = if props.contains("\"date\"") { String::new() } else { r#""date":"2021-01-01","#.to_string() };
            format!(r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[44,33]}},"properties":{{{id}{date}{props}}}}}"#)
        })
        .collect();
    parse_dataset(&format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))).expect("test rows").incidents
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Digits, Lang};
    use crate::model::{Kind, LocationPrecision, Text, Weapon};

    fn collection(features: &str) -> String {
        format!(r#"{{"type":"FeatureCollection","features":[{features}]}}"#)
    }

    const GOOD: &str = r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[44.39,33.30]},
        "properties":{"id":"A1","kind":"attack","date":"2021-12-19","date_precision":"day","weapon":"rocket",
        "launched":2,"intercepted":1,"site":"Green Zone","country":"Iraq","status":"confirmed",
        "sources":[{"outlet":"RT","title":"t","url":"https://www.rt.com/x"},{"outlet":"Evil","url":"javascript:alert(1)"}]}}"#;

    #[test]
    fn reads_a_good_feature() {
        let d = parse_dataset(&collection(GOOD)).unwrap();
        assert_eq!(d.incidents.len(), 1);
        let i = &d.incidents[0];
        assert_eq!(i.id, "A1");
        assert_eq!(i.weapon, Weapon::Rocket);
        assert_eq!((i.launched, i.intercepted, i.killed), (Some(2), Some(1), None));
        assert_eq!(i.points, vec![geo::Point::new(44.39, 33.30)]);
        assert_eq!(i.countries, [Text::from("Iraq")]);
        assert_eq!(i.sources[0].url.as_deref(), Some("https://www.rt.com/x"));
        assert_eq!(i.sources[0].link(), Some("https://www.rt.com/x"));
        assert!(i.sources[1].url.as_deref().is_some_and(|u| u.starts_with("javascript:")), "kept as the data gives it");
        assert_eq!(i.sources[1].link(), None, "a javascript: URL is never a link");
        assert_eq!(d.problems.len(), 1);
        assert_eq!(d.problems[0].field, "sources[1].url");
    }

    #[test]
    fn a_bad_row_is_reported_and_the_good_rows_kept() {
        let bad_date = GOOD.replace("\"A1\"", "\"B2\"").replace("2021-12-19", "2021-02-30");
        let no_geom = r#"{"type":"Feature","geometry":null,"properties":{"id":"C3","date":"2021"}}"#;
        let text = collection(&format!("{GOOD},{bad_date},{no_geom},{GOOD}"));
        let d = parse_dataset(&text).unwrap();
        assert_eq!(d.incidents.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), vec!["A1"]);
        let errors: Vec<_> = d.problems.iter().filter(|p| p.severity == Severity::Error).collect();
        assert_eq!(errors.len(), 3);
        assert_eq!((d.rows, skipped_rows(&d.problems)), (4, 3));
        assert_eq!((errors[0].row, errors[0].field.as_str()), (2, "date"));
        assert_eq!((errors[1].row, errors[1].field.as_str()), (3, "geometry"));
        assert_eq!((errors[2].row, errors[2].field.as_str()), (4, "id"), "duplicate id");
        assert!(errors[0].to_string().starts_with("feature 2 (B2), field `date`"));
    }

    #[test]
    fn unknown_values_warn_and_keep_the_row() {
        let odd = GOOD.replace("\"rocket\"", "\"trebuchet\"").replace("\"launched\":2", "\"launched\":-3");
        let d = parse_dataset(&collection(&odd)).unwrap();
        assert_eq!(d.incidents.len(), 1);
        assert_eq!(d.incidents[0].weapon, Weapon::Unknown);
        assert_eq!(d.incidents[0].launched, None, "unknown is absent, not 0");
        let fields: Vec<_> = d.problems.iter().map(|p| p.field.as_str()).collect();
        assert!(fields.contains(&"weapon") && fields.contains(&"launched"), "{fields:?}");
    }

    #[test]
    fn an_id_comes_from_properties_then_the_feature_then_the_content() {
        let feature_id = GOOD.replace(r#""id":"A1","#, "").replacen(r#"{"type":"Feature","#, r#"{"type":"Feature","id":7,"#, 1);
        assert_eq!(parse_dataset(&collection(&feature_id)).unwrap().incidents[0].id, "7");
        let anonymous = GOOD.replace(r#""id":"A1","#, "");
        let other = anonymous.replace("2021-12-19", "2021-12-20");
        let a = parse_dataset(&collection(&format!("{anonymous},{other}"))).unwrap();
        let b = parse_dataset(&collection(&format!("{other},{anonymous}"))).unwrap();
        assert_eq!(a.incidents.len(), 2);
        assert!(a.incidents[0].id.starts_with("row-"));
        assert_ne!(a.incidents[0].id, a.incidents[1].id);
        assert_eq!(a.incidents[0].id, b.incidents[1].id, "the derived id does not depend on the row's position");
    }

    #[test]
    fn multipoint_and_out_of_range_coordinates() {
        let multi = GOOD.replace(r#""type":"Point","coordinates":[44.39,33.30]"#, r#""type":"MultiPoint","coordinates":[[40.9,34.4],[41.0,34.3]]"#);
        assert_eq!(parse_dataset(&collection(&multi)).unwrap().incidents[0].points.len(), 2);
        let wild = GOOD.replace("[44.39,33.30]", "[444.39,33.30]");
        let d = parse_dataset(&collection(&wild)).unwrap();
        assert!(d.incidents.is_empty());
        assert_eq!(d.problems[0].field, "geometry");
    }

    #[test]
    fn whole_file_errors_say_what_is_wrong() {
        assert_eq!(parse_dataset(""), Err(DatasetError::Empty));
        assert_eq!(parse_dataset("\u{feff} \r\n"), Err(DatasetError::Empty));
        assert_eq!(parse_dataset("<!doctype html><html>"), Err(DatasetError::Html));
        assert_eq!(parse_dataset("hello"), Err(DatasetError::Unrecognised));
        assert!(matches!(parse_dataset("{}"), Err(DatasetError::NotFeatureCollection(_))));
        assert!(matches!(parse_dataset(r#"{"type":"FeatureCollection"}"#), Err(DatasetError::NotFeatureCollection(_))));
        assert!(matches!(parse_dataset(r#"{"type":"Feature","properties":{}}"#), Err(DatasetError::NotFeatureCollection(_))));
        let e = parse_dataset("{\"type\": \"FeatureCollection\", \"features\": [").unwrap_err();
        assert!(e.to_string().starts_with("the file is not valid JSON"), "{e}");
        assert!(e.to_string().contains("expected a GeoJSON FeatureCollection"), "says what was expected: {e}");
        assert!(matches!(parse_named("a,b\n", "x.csv", None), Err(DatasetError::NotCsv(_))));
        let e = parse_dataset("when,where,what\n2021-01-01,x,y\n").unwrap_err();
        assert_eq!(e.to_string(), "the CSV cannot be read (no column named date, nor lat or latitude, nor lon, lng or longitude)");
    }

    #[test]
    fn problems_are_said_in_the_readers_language() {
        let ar = Locale::new(Lang::Ar, Digits::Western);
        let arabic = Locale::new(Lang::Ar, Digits::Arabic);
        let d = |s: &str| format!("\u{2068}{s}\u{2069}");
        let bad_date = GOOD.replace("\"A1\"", "\"B2\"").replace("2021-12-19", "2021-02-30");
        let odd = GOOD.replace("\"rocket\"", "\"trebuchet\"").replace("[44.39,33.30]", "[44.39,95]");
        let p = parse_dataset(&collection(&format!("{GOOD},{bad_date},{GOOD}"))).unwrap().problems;
        assert_eq!(p[1].to_string(), "feature 2 (B2), field `date`: \"2021-02-30\" is not a real date (expected YYYY-MM-DD, YYYY-MM or YYYY) — skipped");
        assert_eq!(
            p[1].describe(ar),
            format!("العنصر 2 ({})، الحقل `{}`: \"{}\" ليس تاريخاً صحيحاً (المتوقع YYYY-MM-DD أو YYYY-MM أو YYYY) — استُبعد", d("B2"), d("date"), d("2021-02-30"))
        );
        assert_eq!(p[0].message(ar), format!("\"{}\" ليس رابط http(s)؛ يُعرض نصاً لا رابطاً", d("javascript:alert(1)")));
        assert!(p[0].describe(ar).ends_with("— أُبقي"));
        assert_eq!(p[3].describe(arabic), format!("العنصر ٣ ({})، الحقل `{}`: المعرّف \"{}\" مكرّر؛ أُبقي الأول — استُبعد", d("A1"), d("id"), d("A1")));
        let p = parse_dataset(&collection(&odd)).unwrap().problems;
        assert_eq!(p[0].to_string(), "feature 1 (A1), field `geometry`: coordinates must be [longitude, latitude] in range — skipped");
        let weapon = Issue::NotOneOf { value: "trebuchet".into(), allowed: &["rocket", "drone", "unknown"] };
        assert_eq!(weapon.message(Locale::EN), "\"trebuchet\" is not one of rocket, drone or unknown; read as the default");
        assert_eq!(
            weapon.message(ar),
            format!("\"{}\" ليست من القيم {}، {} أو {}؛ قُرئت القيمة الافتراضية", d("trebuchet"), d("rocket"), d("drone"), d("unknown"))
        );
        let range = Issue::OutOfRange { value: 95.5, limit: 90.0 };
        assert_eq!(range.message(Locale::EN), "95.5 is out of range (\u{2212}90 to 90)");
        assert_eq!(range.message(arabic), format!("{} خارج النطاق (من {} إلى {})", d("٩٥٫٥"), d("\u{2212}٩٠"), d("٩٠")));
        let precision = Issue::PrecisionFiner { says: DatePrecision::Day, known: DatePrecision::Month };
        assert_eq!(precision.message(Locale::EN), "says \"day\" but the date is known to the month");
        assert_eq!(precision.message(ar), format!("يذكر \"{}\" لكن التاريخ معروف بدقة الشهر", d("day")));
        let count = Issue::FieldCount { found: 3, expected: 5 };
        assert_eq!(count.message(arabic), "عدد حقوله ٣ وعدد أعمدة سطر العناوين ٥");
        assert_eq!(Issue::NameClash { chars: 60 }.message(arabic), "يبدأ اسم حقل آخر بالحروف الـ٦٠ نفسها؛ أُهمل");
        // Every problem has a text in both languages.
        let csv = "id,date,lat,lon,killed,weapon,sources\nA,2021-01-01,33,44,-1,sling,[1]\nB,x,33\nB,2021-01-01,33,444,,,\n";
        for p in parse_named(csv, "x.csv", None).unwrap().problems {
            for loc in [Locale::EN, ar, arabic] {
                assert!(!p.message(loc).is_empty() && p.describe(loc).contains(&p.message(loc)));
            }
            assert!(p.describe(ar).starts_with("السطر "), "{}", p.describe(ar));
        }
    }

    #[test]
    fn whole_file_errors_and_formats_are_said_in_the_readers_language() {
        let ar = Locale::new(Lang::Ar, Digits::Western);
        let arabic = Locale::new(Lang::Ar, Digits::Arabic);
        let d = |s: &str| format!("\u{2068}{s}\u{2069}");
        let expected = "المتوقع FeatureCollection بصيغة GeoJSON، أو قائمة سجلات JSON، أو CSV بسطر عناوين";
        assert_eq!(DatasetError::Empty.message(ar), format!("الملف فارغ؛ {expected}"));
        assert_eq!(DatasetError::Unrecognised.message(ar), format!("الملف ليس JSON ولا CSV؛ {expected}"));
        let e = parse_dataset(r#"{"type":"Topology"}"#).unwrap_err();
        assert_eq!(e.to_string(), format!("the JSON is not a data set (`type` is \"Topology\", not \"FeatureCollection\"); {}", Locale::EN.t(Msg::ParseExpected)));
        assert_eq!(e.message(ar), format!("ملف JSON ليس مجموعة بيانات (قيمة `type` هي \"{}\" لا \"FeatureCollection\")؛ {expected}", d("Topology")));
        let e = parse_dataset("when,where,what\n2021-01-01,x,y\n").unwrap_err();
        assert_eq!(
            e.message(ar),
            format!("تتعذّر قراءة ملف CSV (لا عمود باسم {}، ولا {} أو {}، ولا {}، {} أو {})", d("date"), d("lat"), d("latitude"), d("lon"), d("lng"), d("longitude"))
        );
        let e = parse_named("a,b\n", "x.csv", None).unwrap_err();
        assert_eq!(e.to_string(), "the CSV cannot be read (the first line has 2 column(s); expected a header row naming at least date, latitude and longitude)");
        assert!(e.message(arabic).contains("عدد أعمدة السطر الأول ٢؛"), "{}", e.message(arabic));
        let labels: Vec<&str> = [Format::GeoJson, Format::JsonRecords, Format::AcledJson, Format::Csv, Format::AcledCsv].iter().map(|f| f.label(Locale::EN)).collect();
        assert_eq!(labels, ["GeoJSON", "JSON records", "ACLED (JSON)", "CSV", "ACLED export (CSV)"]);
        assert_eq!((Format::JsonRecords.label(ar), Format::AcledCsv.label(ar), Format::GeoJson.label(ar)), ("سجلات JSON", "تصدير ACLED (CSV)", "GeoJSON"));
    }

    #[test]
    fn the_format_comes_from_content_then_name_then_type() {
        assert_eq!(detect("[{}]", "x.csv", None), Ok(Syntax::Json), "content wins");
        assert_eq!(detect("date,lat,lon", "", None), Ok(Syntax::Csv));
        assert_eq!(detect("date lat lon", "data.tsv", None), Ok(Syntax::Csv));
        assert_eq!(detect("date lat lon", "data", Some("text/csv; charset=utf-8")), Ok(Syntax::Csv));
        assert_eq!(detect("x", "data.geojson?v=2", None), Ok(Syntax::Json));
        assert_eq!(detect("x", "data", None), Err(DatasetError::Unrecognised));
    }

    #[test]
    fn a_download_is_known_as_csv_once_its_first_bytes_tell() {
        assert_eq!(starts_csv(b"date,lat,lon\n2021", "", None), Some(true));
        assert_eq!(starts_csv(b"date,lat,lon,site", "", None), None, "the first line is not complete");
        assert_eq!(starts_csv(b"date,lat,lon,site", "data/x.csv?v=1", None), Some(true));
        assert_eq!(starts_csv(b"date,lat,lon,site", "data", Some("text/csv")), Some(true));
        assert_eq!(starts_csv(b"\n  [{\"date\":1}", "x.csv", None), Some(false), "content wins");
        assert_eq!(starts_csv(b"<!doctype html>", "x.csv", None), Some(false), "read whole, to say what it is");
        assert_eq!(starts_csv(b"hello world\n", "", None), Some(false));
        assert_eq!(starts_csv("\u{feff}\r\n".as_bytes(), "x.csv", None), None, "nothing yet but a BOM and a line end");
        assert_eq!(starts_csv(b"\xef\xbb", "x.csv", None), None, "a character cut short says nothing");
    }

    #[test]
    fn csv_columns_by_name_with_quoting_bom_crlf_and_arabic() {
        let csv = "\u{feff}ID,Date,Latitude,Lng,Weapon,Launched,Site,Summary,Source,Source URL,Country,Colour\r\n\
                   A1,2021-12-19,33.30,44.39,rocket,2,Green Zone,\"Two rockets, one \"\"intercepted\"\"\",AP,https://apnews.com/x,Iraq; Syria,red\r\n\
                   A2,30 April 2022,33.26,44.23,drone,,مطار بغداد,\"line one\r\nline two\",,,Iraq,\r\n";
        let d = parse_dataset(csv).unwrap();
        assert_eq!(d.format, Format::Csv);
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        let [a, b] = &d.incidents[..] else { panic!("two rows") };
        assert_eq!((a.id.as_str(), a.weapon, a.launched), ("A1", Weapon::Rocket, Some(2)));
        assert_eq!(a.points, vec![geo::Point::new(44.39, 33.30)]);
        assert_eq!(a.summary.as_deref(), Some("Two rockets, one \"intercepted\""));
        assert_eq!(a.countries, [Text::from("Iraq"), Text::from("Syria")]);
        assert_eq!(a.sources[0].outlet, "AP");
        assert_eq!(a.sources[0].url.as_deref(), Some("https://apnews.com/x"));
        assert_eq!(a.extra, [(Text::from("Colour"), Text::from("red"))], "unknown columns are kept");
        assert_eq!(b.date.to_string(), "2022-04-30");
        assert_eq!(b.site.as_deref(), Some("مطار بغداد"));
        assert_eq!(b.summary.as_deref(), Some("line one\r\nline two"));
        assert_eq!(b.launched, None, "an empty cell is unknown, not 0");
    }

    #[test]
    fn csv_bad_rows_are_reported_by_line_and_field() {
        let csv = "id,date,lat,lon,killed\n\
                   G1,2021-01-01,33,44,1\n\
                   B1,2021-02-30,33,44,\n\
                   B2,2021-01-02,95,44,\n\
                   \n\
                   B3,2021-01-03,33\n\
                   W1,2021-01-04,33,44,many\n\
                   G1,2021-01-05,33,44,\n\
                   B4,,33,44,\n";
        let d = parse_named(csv, "x.csv", None).unwrap();
        assert_eq!(d.incidents.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["G1", "W1"]);
        assert_eq!(d.rows, 7, "the blank line is not a row");
        let got: Vec<String> = d.problems.iter().map(|p| format!("{} {} {}", p.unit.as_str(), p.row, p.field)).collect();
        assert_eq!(got, ["line 3 date", "line 4 latitude", "line 6 row", "line 7 killed", "line 8 id", "line 9 date"]);
        assert_eq!(skipped_rows(&d.problems), 5);
        assert!(d.problems[2].message(Locale::EN).contains("3 fields where the header has 5"));
    }

    #[test]
    fn semicolon_and_tab_separated_files() {
        let d = parse_dataset("date;lat;lon\n2021-01-01;33,5;44\n2021-01-02;33.5;44\n").unwrap();
        assert_eq!(d.incidents.len(), 1, "a decimal comma is not a number: {:?}", d.problems);
        assert_eq!(d.problems[0].field, "latitude");
        assert_eq!(parse_dataset("date\tlat\tlon\n2021-01-01\t33.5\t44\n").unwrap().incidents.len(), 1);
    }

    #[test]
    fn json_records_and_acled_api_answers() {
        let d = parse_dataset(r#"[{"id":"R1","date":"2021-01-01","latitude":"33.1","longitude":44.2,"launched":"3"},{"date":"2021"}]"#).unwrap();
        assert_eq!(d.format, Format::JsonRecords);
        assert_eq!(d.incidents.len(), 1);
        assert_eq!(d.incidents[0].launched, Some(3));
        assert_eq!((d.problems[0].unit, d.problems[0].row, d.problems[0].field.as_str()), (Unit::Record, 2, "latitude"));
        let api = r#"{"status":200,"success":true,"data":[{"event_id_cnty":"IRQ1","event_date":"2023-10-18","time_precision":3,
            "sub_event_type":"Air/drone strike","actor1":"Islamic Resistance in Iraq","latitude":"33.7953","longitude":"42.4412",
            "geo_precision":"1","location":"Ain al-Asad Airbase","country":"Iraq","notes":"Two drones targeted the base.",
            "fatalities":"0","source":"Shafaq News","admin1":"Al Anbar"}]}"#;
        let d = parse_dataset(api).unwrap();
        assert_eq!(d.format, Format::AcledJson);
        let i = &d.incidents[0];
        assert_eq!((i.id.as_str(), i.weapon, i.killed, i.kind), ("IRQ1", Weapon::Drone, Some(0), Kind::Attack));
        assert_eq!(i.date.to_string(), "2023-10", "a numeric time_precision is read too");
    }

    #[test]
    fn a_declared_coarser_precision_truncates_the_date() {
        let month = GOOD.replace(r#""date_precision":"day""#, r#""date_precision":"month""#);
        let d = parse_dataset(&collection(&month)).unwrap();
        assert_eq!(d.incidents[0].date.to_string(), "2021-12");
        assert_eq!(d.incidents[0].date.precision(), DatePrecision::Month);
    }

    #[test]
    fn unknown_geojson_properties_are_kept_as_text() {
        let extra = GOOD.replace(r#""id":"A1","#, r#""id":"A1","source_ref":"TG-123","confidence":0.8,"tags":["a","b"],"blank":"","#);
        let i = &parse_dataset(&collection(&extra)).unwrap().incidents[0];
        let extra: Vec<(&str, &str)> = i.extra.iter().map(|(k, v)| (&**k, &**v)).collect();
        assert_eq!(extra, [("confidence", "0.8"), ("source_ref", "TG-123"), ("tags", r#"["a","b"]"#)]);
        assert_eq!(i.location_precision, LocationPrecision::Exact);
    }

    #[test]
    fn long_field_names_that_shorten_alike_keep_the_first() {
        // Extra fields' names are shortened to 60 characters: two that began alike made two fields of one
        // name, and an export read back kept only one. Found by fuzz/geojson (its export round trip).
        let (a, b) = (format!("{}-a", "n".repeat(70)), format!("{}-b", "n".repeat(70)));
        let extra = GOOD.replace(r#""id":"A1","#, &format!(r#""id":"A1","{a}":"first","{b}":"second","#));
        let d = parse_dataset(&collection(&extra)).unwrap();
        let i = &d.incidents[0];
        assert_eq!(i.extra, [(Text::from(format!("{}…", "n".repeat(60))), Text::from("first"))]);
        assert_eq!(d.problems.len(), 2, "{:?}", d.problems);
        assert!(d.problems[1].to_string().contains("begins with the same 60 characters; ignored"), "{}", d.problems[1]);
        let again = parse_dataset(&crate::export::to_geojson(&d.incidents)).unwrap();
        assert_eq!(again.incidents, d.incidents, "an export reads back the same");
    }

    #[test]
    fn csv_columns_that_shorten_alike_are_told_once_not_per_row() {
        // A CSV's names come from its header: the clash is one problem, not one per row.
        let (a, b) = (format!("{}-a", "n".repeat(70)), format!("{}-b", "n".repeat(70)));
        let rows: String = (0..5).map(|n| format!("E{n},2021-01-01,33,44,first,second\n")).collect();
        let d = parse_named(&format!("id,date,lat,lon,{a},{b}\n{rows}"), "x.csv", None).unwrap();
        assert_eq!(d.incidents.len(), 5);
        assert!(d.incidents.iter().all(|i| i.extra == [(Text::from(format!("{}…", "n".repeat(60))), Text::from("first"))]));
        assert_eq!(d.problems.len(), 1, "{:?}", d.problems);
        assert!(d.problems[0].to_string().contains("begins with the same 60 characters; ignored"), "{}", d.problems[0]);
    }

    #[test]
    fn a_stream_of_known_length_makes_room_for_its_rows_once_some_are_read() {
        let rows: String = (0..5000).map(|n| format!("E{n},2021-01-01,33,44\n")).collect();
        let text = format!("id,date,lat,lon\n{rows}");
        let mut p = Parser::csv(Some(text.len() as u64));
        for piece in text.as_bytes().chunks(4096) {
            p.push(piece).unwrap();
            p.step(usize::MAX);
        }
        p.end().unwrap();
        while !p.step(usize::MAX) {}
        assert_eq!(p.progress(), Progress { rows: 5000, fraction: Some(1.0) });
        let d = p.finish();
        assert_eq!(d.incidents.len(), 5000);
        let room = d.incidents.capacity();
        assert!(room < 5500, "room for the rows estimated, not doubled to {room}");
    }

    #[test]
    fn a_wrong_announced_length_makes_no_room_it_cannot_have() {
        // A download whose announced length is far beyond its rows (a server's mistake or a lie) once asked for
        // room for 10^22 incidents: "capacity overflow", a panic that stops the app. Found by fuzz/csv.
        let rows: String = (0..1100).map(|n| format!("E{n},2021-01-01,33,44\n")).collect();
        let text = format!("id,date,lat,lon\n{rows}");
        for length in [u64::MAX, 200 * 1024 * 1024] {
            let mut p = Parser::csv(Some(length));
            for piece in text.as_bytes().chunks(1000) {
                p.push(piece).unwrap();
                p.step(usize::MAX);
            }
            p.end().unwrap();
            while !p.step(usize::MAX) {}
            let d = p.finish();
            assert_eq!(d.incidents.len(), 1100);
            assert!(d.incidents.capacity() <= MAX_ROOM, "room for {}", d.incidents.capacity());
        }
    }

    #[test]
    fn lone_cr_line_ends_count_as_lines() {
        // csv_core ends a record at a lone `\r` but counts only `\n` as lines: every problem of a file with
        // `\r` line ends said "line 2", and the rows skipped were counted as one. Found by fuzz/acled.
        let csv = "id,date,lat,lon\rA,2021-02-30,33,44\rB,2021-01-01,95,44\r\r\nC,2021-01-01,33,44\n\"D\rx\",2021,33,44\rE,x,33,44\r";
        let d = parse_named(csv, "x.csv", None).unwrap();
        let got: Vec<String> = d.problems.iter().map(|p| format!("{} {} {}", p.unit.as_str(), p.row, p.field)).collect();
        assert_eq!(got, ["line 2 date", "line 3 latitude", "line 8 date"], "a `\\r` inside quotes is a line break too");
        assert_eq!((d.rows, skipped_rows(&d.problems), d.incidents.len()), (5, 3, 2));
        assert_eq!(d.incidents.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["C", "D\rx"]);
    }

    #[test]
    fn stepwise_parsing_reports_progress_and_ends_with_the_same_result() {
        let rows: String = (0..100).map(|n| format!("E{n},2021-01-01,33,44\n")).collect();
        let text = format!("id,date,lat,lon\n{rows}");
        let mut p = Parser::new(&text, "x.csv", None).unwrap();
        let mut seen = Vec::new();
        while !p.step(30) {
            seen.push(p.progress());
        }
        assert_eq!(seen.iter().map(|p| p.rows).collect::<Vec<_>>(), [30, 60, 90]);
        assert!(seen.iter().all(|p| p.fraction.is_some()));
        assert!(seen.windows(2).all(|w| w[0].fraction < w[1].fraction && w[1].fraction <= Some(1.0)));
        assert_eq!(p.finish(), parse_dataset(&text).unwrap());
    }
}
