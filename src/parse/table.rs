//! Tables: CSV files (with the `csv` crate: RFC 4180 quoting, CRLF, a BOM, `,` `;` or tab separators) and
//! JSON lists of records. Columns are matched by name, with common aliases; ACLED's layout is recognised by
//! its columns and mapped by `acled`.

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::fields::{derived_id, Row, KNOWN};
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
        other => return KNOWN.iter().copied().find(|k| *k == other),
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

/// Keys of the flat source columns, read into `sources` and not kept as extra fields.
pub const FLAT_SOURCE: [&str; 4] = ["source", "source_url", "source_title", "source_published"];

/// The sources of flat columns (`source`, `source_url`, `source_title`, `source_published`), when the record
/// has no `sources` list. Several outlets in `source` separated by `;` become several sources.
fn flat_sources(props: &Map<String, Value>) -> Option<Value> {
    if props.get("sources").and_then(Value::as_str).is_some_and(|s| !s.trim().is_empty())
        || props.get("sources").is_some_and(Value::is_array)
    {
        return None;
    }
    let get = |k: &str| match props.get(k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    };
    let [outlet, url, title, published] = FLAT_SOURCE.map(get);
    let one = |outlet: String| {
        let mut s = Map::new();
        s.insert("outlet".into(), outlet.into());
        s
    };
    let sources: Vec<Value> = if url.is_some() || title.is_some() || published.is_some() {
        let mut s = one(outlet.or_else(|| url.as_deref().and_then(host)).unwrap_or_else(|| "Source".into()));
        for (k, v) in [("url", url), ("title", title), ("published", published)] {
            if let Some(v) = v {
                s.insert(k.into(), v.into());
            }
        }
        vec![Value::Object(s)]
    } else {
        outlet?.split(';').map(str::trim).filter(|o| !o.is_empty()).map(|o| Value::Object(one(o.into()))).collect()
    };
    Some(Value::Array(sources))
}

/// The host of an http(s) URL, to name a source that has only a link.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| host.trim_start_matches("www.").to_string())
}

/// A record (CSV row or JSON object) with the schema's keys → an incident. The record is lent, not given:
/// CSV reuses one map for every row; it is left as it was found.
fn record(r: &mut Row, props: &mut Map<String, Value>, acled: bool, content: impl FnOnce() -> String) -> Option<Incident> {
    if acled {
        return finish(r, &acled::to_properties(props.clone()), content);
    }
    let Some(sources) = flat_sources(props) else { return finish(r, props, content) };
    let before = props.insert("sources".into(), sources);
    let incident = finish(r, props, content);
    match before {
        Some(v) => props.insert("sources".into(), v),
        None => props.remove("sources"),
    };
    incident
}

fn finish(r: &mut Row, props: &Map<String, Value>, content: impl FnOnce() -> String) -> Option<Incident> {
    let id = r.id(props, None, || derived_id(&content()))?;
    let points = r.lat_lon(props)?;
    r.incident(id, props, points)
}

/// A JSON record → an incident.
pub fn json_record(r: &mut Row, raw: &RawValue, acled: bool) -> Option<Incident> {
    r.text_values = true;
    let Ok(Value::Object(obj)) = serde_json::from_str::<Value>(raw.get()) else {
        return r.error("record", "not an object".into());
    };
    let content = serde_json::to_string(&obj).unwrap_or_default();
    let mut props = obj.into_iter().map(|(k, v)| (key_for(&k, acled), v)).collect();
    record(r, &mut props, acled, || content)
}

/// Whether a JSON record has ACLED's columns.
pub fn json_is_acled(raw: &RawValue) -> bool {
    serde_json::from_str::<Map<String, Value>>(raw.get()).is_ok_and(|m| acled::is_acled(m.keys().map(|k| normalize(k))))
}

/// The rows of a CSV file, read one at a time.
pub struct CsvRows<'a> {
    reader: csv::Reader<&'a [u8]>,
    text: &'a str,
    keys: Vec<String>,
    acled: bool,
    len: usize,
    record: csv::StringRecord,
    /// One map for every row: the keys are made once, the values' buffers reused.
    props: Map<String, Value>,
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
        let props = keys.iter().map(|k| (k.clone(), Value::String(String::new()))).collect();
        Ok(CsvRows { reader, text, keys, acled, len: text.len(), record: csv::StringRecord::new(), props })
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
    pub fn next(&mut self, problems: &mut Vec<Problem>) -> Option<(usize, Option<Incident>)> {
        loop {
            let before = self.reader.position().byte();
            let read = self.reader.read_record(&mut self.record);
            let line = self.record.position().map_or(0, |p| self.line_of(p));
            let mut r = Row { row: line, unit: Unit::Line, id: None, text_values: true, problems: &mut *problems };
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
                    for (key, field) in self.keys.iter().zip(self.record.iter()) {
                        if let Some(Value::String(v)) = self.props.get_mut(key) {
                            v.clear();
                            v.push_str(field);
                        }
                    }
                    let fields = &self.record;
                    let content = || fields.iter().collect::<Vec<_>>().join("\u{1f}");
                    return Some((line, record(&mut r, &mut self.props, self.acled, content)));
                }
            }
        }
    }
}
