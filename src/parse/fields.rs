//! One record's properties (the schema's names, see `docs/data.md`) → an `Incident`, collecting what is wrong
//! field by field. Shared by every format: GeoJSON features, CSV rows, JSON records, ACLED rows.

use serde_json::{Map, Value};

use super::{Problem, Severity, Unit};
use crate::text::shorten;
use crate::model::{
    is_safe_link, DatePrecision, Incident, IncidentDate, Kind, LocationPrecision, Report, Source, Status, Weapon,
};

/// The schema's property names. Anything else in a record is kept as an extra field.
pub const KNOWN: [&str; 25] = [
    "id", "kind", "date", "date_precision", "time", "site_id", "site", "country", "location_precision", "weapon",
    "weapon_detail", "launched", "intercepted", "intercepted_by", "impacts", "killed", "wounded",
    "casualty_detail", "damage", "claimed_by", "attributed_to", "status", "summary", "sources", "reports",
];

/// Reading one record, collecting its problems.
pub struct Row<'a> {
    pub row: usize,
    pub unit: Unit,
    pub id: Option<String>,
    /// Tables carry every value as text: numbers and lists are read from strings too.
    pub text_values: bool,
    pub problems: &'a mut Vec<Problem>,
}

impl Row<'_> {
    fn push(&mut self, field: &str, message: String, severity: Severity) {
        self.problems.push(Problem {
            unit: self.unit,
            row: self.row,
            id: self.id.clone(),
            field: field.into(),
            message,
            severity,
        });
    }

    /// Records an error that costs the row.
    pub fn error<T>(&mut self, field: &str, message: String) -> Option<T> {
        self.push(field, message, Severity::Error);
        None
    }

    /// Records a value that was repaired or ignored; the row is kept.
    pub fn warn(&mut self, field: &str, message: String) {
        self.push(field, message, Severity::Warning);
    }

    /// The id: `props.id`, else `fallback` (a GeoJSON Feature's own id), else `derive()` — one made from the
    /// record's content, so that it stays the same when rows are reordered or others added.
    pub fn id(&mut self, props: &Map<String, Value>, fallback: Option<&Value>, derive: impl FnOnce() -> String) -> Option<String> {
        let given = props.get("id").filter(|v| !is_blank(v)).or(fallback.filter(|v| !is_blank(v)));
        let id = match given {
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            None => derive(),
            Some(_) => return self.error("id", "must be a non-empty string or a number".into()),
        };
        self.id = Some(id.clone());
        Some(id)
    }

    /// The incident of a record whose id and place are already read.
    pub fn incident(&mut self, id: String, props: &Map<String, Value>, points: Vec<geo::Point<f64>>) -> Option<Incident> {
        let date = self.date(props)?;
        let kind = self.choice(props, "kind", Kind::parse, Kind::Attack, "attack or strike");
        let weapon = self.choice(props, "weapon", Weapon::parse, Weapon::Unknown,
            "rocket, drone, missile, mortar, rpg, ied, airstrike or unknown");
        let location_precision = self.choice(props, "location_precision", LocationPrecision::parse,
            LocationPrecision::Exact, "exact, approximate or region");
        let status = self.choice(props, "status", Status::parse, Status::Confirmed, "confirmed, unconfirmed or revised");

        Some(Incident {
            id,
            kind,
            date,
            time: self.text(props, "time"),
            site_id: self.text(props, "site_id"),
            site: self.text(props, "site"),
            countries: self.countries(props),
            location_precision,
            points,
            weapon,
            weapon_detail: self.text(props, "weapon_detail"),
            launched: self.count(props, "launched"),
            intercepted: self.count(props, "intercepted"),
            intercepted_by: self.text(props, "intercepted_by"),
            impacts: self.count(props, "impacts"),
            killed: self.count(props, "killed"),
            wounded: self.count(props, "wounded"),
            casualty_detail: self.text(props, "casualty_detail"),
            damage: self.text(props, "damage"),
            claimed_by: self.text(props, "claimed_by"),
            attributed_to: self.text(props, "attributed_to"),
            status,
            summary: self.text(props, "summary"),
            sources: self.sources(props),
            reports: self.reports(props),
            extra: extra_fields(props),
        })
    }

    fn date(&mut self, props: &Map<String, Value>) -> Option<IncidentDate> {
        let date = match props.get("date") {
            Some(Value::String(s)) if !s.trim().is_empty() => {
                let parsed = if self.text_values { parse_date_text(s.trim()) } else { IncidentDate::parse(s.trim()) };
                match parsed {
                    Some(d) => d,
                    None => {
                        let expected = if self.text_values {
                            "YYYY-MM-DD, YYYY-MM, YYYY or a date like 30 April 2022"
                        } else {
                            "YYYY-MM-DD, YYYY-MM or YYYY"
                        };
                        return self.error("date", format!("\"{}\" is not a real date (expected {expected})", clip(s)));
                    }
                }
            }
            None | Some(Value::Null) | Some(Value::String(_)) => return self.error("date", "missing".into()),
            Some(_) => return self.error("date", "must be a string".into()),
        };
        let Some(p) = self.text(props, "date_precision") else { return Some(date) };
        match DatePrecision::parse(&p) {
            Some(p) if p == date.precision() => Some(date),
            // A day given as a placeholder for a month or a year (ACLED and others do this) is read as such.
            Some(p) if p > date.precision() => Some(date.truncated(p)),
            Some(p) => {
                self.warn("date_precision", format!("says \"{}\" but the date is known to the {}", p.as_str(), date.precision().as_str()));
                Some(date)
            }
            None => {
                self.warn("date_precision", format!("unknown value \"{}\"", clip(&p)));
                Some(date)
            }
        }
    }

    /// A point from `lat` and `lon` (tables and records).
    pub fn lat_lon(&mut self, props: &Map<String, Value>) -> Option<Vec<geo::Point<f64>>> {
        let lat = self.coordinate(props, "lat", "latitude", 90.0)?;
        let lon = self.coordinate(props, "lon", "longitude", 180.0)?;
        Some(vec![geo::Point::new(lon, lat)])
    }

    fn coordinate(&mut self, props: &Map<String, Value>, key: &str, name: &str, limit: f64) -> Option<f64> {
        let value = match props.get(key) {
            Some(Value::Number(n)) => n.as_f64(),
            Some(Value::String(s)) if s.trim().is_empty() => return self.error(name, "missing".into()),
            // serde_json's number parser, not core's: one float parser in the wasm, not two.
            Some(Value::String(s)) => serde_json::from_str::<f64>(s.trim()).ok(),
            None | Some(Value::Null) => return self.error(name, "missing".into()),
            Some(_) => None,
        };
        match value {
            Some(v) if v.is_finite() && (-limit..=limit).contains(&v) => Some(v),
            Some(v) => self.error(name, format!("{v} is out of range (−{limit} to {limit})")),
            None => self.error(name, format!("{} is not a number", quoted(props.get(key)?))),
        }
    }

    fn text(&mut self, props: &Map<String, Value>, field: &str) -> Option<String> {
        match props.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(_) => {
                self.warn(field, "must be text; ignored".into());
                None
            }
        }
    }

    fn count(&mut self, props: &Map<String, Value>, field: &str) -> Option<u32> {
        let value = match props.get(field) {
            None | Some(Value::Null) => return None,
            Some(Value::Number(n)) => n.as_u64().and_then(|v| u32::try_from(v).ok()),
            Some(Value::String(s)) if self.text_values => match s.trim() {
                "" => return None,
                t => t.parse::<u32>().ok(),
            },
            Some(_) => None,
        };
        if value.is_none() {
            let v = quoted(props.get(field)?);
            self.warn(field, format!("{v} is not a whole number ≥ 0; ignored"));
        }
        value
    }

    fn choice<T>(&mut self, props: &Map<String, Value>, field: &str, parse: fn(&str) -> Option<T>, default: T, allowed: &str) -> T {
        match self.text(props, field) {
            None => default,
            Some(s) => parse(&s).unwrap_or_else(|| {
                self.warn(field, format!("\"{}\" is not one of {allowed}; read as the default", clip(&s)));
                default
            }),
        }
    }

    /// One country or several: a list, or text separated by `;`.
    fn countries(&mut self, props: &Map<String, Value>) -> Vec<String> {
        let items: Vec<String> = match props.get("country") {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            _ => self.text(props, "country").map(|t| t.split(';').map(str::to_string).collect()).unwrap_or_default(),
        };
        items.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
    }

    /// A list value, also when a table gives it as JSON text.
    fn list(&mut self, props: &Map<String, Value>, field: &str) -> Option<Vec<Value>> {
        match props.get(field)? {
            Value::Array(items) => Some(items.clone()),
            Value::Null => None,
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) if self.text_values && s.trim_start().starts_with('[') => {
                match serde_json::from_str::<Vec<Value>>(s) {
                    Ok(items) => Some(items),
                    Err(e) => {
                        self.warn(field, format!("is not a JSON list ({e}); ignored"));
                        None
                    }
                }
            }
            _ => {
                self.warn(field, "must be a list; ignored".into());
                None
            }
        }
    }

    fn sources(&mut self, props: &Map<String, Value>) -> Vec<Source> {
        let Some(items) = self.list(props, "sources") else { return Vec::new() };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let field = format!("sources[{i}]");
            let Some(s) = item.as_object() else {
                self.warn(&field, "not an object; ignored".into());
                continue;
            };
            let get = |k: &str| s.get(k).and_then(Value::as_str).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
            let Some(outlet) = get("outlet") else {
                self.warn(&field, "no `outlet`; ignored".into());
                continue;
            };
            let url = match get("url") {
                Some(u) if is_safe_link(&u) => Some(u),
                Some(u) => {
                    self.warn(&format!("{field}.url"), format!("\"{}\" is not an http(s) link; shown without it", clip(&u)));
                    None
                }
                None => None,
            };
            out.push(Source { outlet, title: get("title"), published: get("published"), url });
        }
        out
    }

    fn reports(&mut self, props: &Map<String, Value>) -> Vec<Report> {
        let Some(items) = self.list(props, "reports") else { return Vec::new() };
        items
            .iter()
            .filter_map(|r| {
                let source = r.get("source")?.as_str()?.trim().to_string();
                let says = r.get("says")?.as_str()?.trim().to_string();
                Some(Report { source, says })
            })
            .collect()
    }
}

/// The fields of a record outside the schema (and other than a table's `lat`/`lon` and flat source columns),
/// as text.
fn extra_fields(props: &Map<String, Value>) -> Vec<(String, String)> {
    props
        .iter()
        .filter(|(k, v)| !is_read(k) && !is_blank(v))
        .map(|(k, v)| (clip(k), clip_long(&display(v))))
        .collect()
}

/// The keys read into an incident — the schema's names (`KNOWN`), a table's `lat`/`lon`, the flat source
/// columns — sorted, so that the check run for every field of every row is a binary search, not a scan.
const READ: [&str; 31] = [
    "attributed_to", "casualty_detail", "claimed_by", "country", "damage", "date", "date_precision", "id",
    "impacts", "intercepted", "intercepted_by", "killed", "kind", "lat", "launched", "location_precision", "lon",
    "reports", "site", "site_id", "source", "source_published", "source_title", "source_url", "sources",
    "status", "summary", "time", "weapon", "weapon_detail", "wounded",
];

fn is_read(key: &str) -> bool {
    READ.binary_search(&key).is_ok()
}

/// A date as tables write it: ISO (`2022-04-30`, `2022-04`, `2022`) or `30 April 2022` / `30 Apr 2022`.
pub fn parse_date_text(s: &str) -> Option<IncidentDate> {
    use time::format_description::BorrowedFormatItem;
    use time::macros::format_description;
    const WRITTEN: [&[BorrowedFormatItem<'static>]; 4] = [
        format_description!("[day padding:none] [month repr:long case_sensitive:false] [year]"),
        format_description!("[day padding:none] [month repr:short case_sensitive:false] [year]"),
        format_description!("[day padding:none]-[month repr:long case_sensitive:false]-[year]"),
        format_description!("[day padding:none]-[month repr:short case_sensitive:false]-[year]"),
    ];
    IncidentDate::parse(s).or_else(|| {
        WRITTEN.iter().find_map(|f| time::Date::parse(s, f).ok()).map(IncidentDate::day)
    })
}

/// A stable id for a record without one: a hash of its content, `row-` and 16 hex digits.
pub fn derived_id(content: &str) -> String {
    // FNV-1a, 64 bits: stable across runs and platforms, unlike std's hasher.
    let hash = content.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("row-{hash:016x}")
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A value as text: strings as they are, anything else as compact JSON.
fn display(v: &Value) -> String {
    match v {
        Value::String(s) => s.trim().to_string(),
        other => other.to_string(),
    }
}

/// A value as a message quotes it: text in quotes, anything else as JSON, shortened.
fn quoted(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{}\"", clip(s.trim())),
        other => clip(&other.to_string()),
    }
}

/// Shortens a value quoted in a message.
pub fn clip(s: &str) -> String {
    shorten(s, 60)
}

fn clip_long(s: &str) -> String {
    shorten(s, 2000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_tables_write_them() {
        for (text, iso) in [
            ("30 April 2022", "2022-04-30"),
            ("3 apr 2022", "2022-04-03"),
            ("07-January-2020", "2020-01-07"),
            ("2022-04-30", "2022-04-30"),
            ("2022-04", "2022-04"),
        ] {
            assert_eq!(parse_date_text(text).map(|d| d.to_string()).as_deref(), Some(iso), "{text}");
        }
        for bad in ["31 June 2022", "April 30 2022", "30/04/2022", "2022-4-30", "yesterday"] {
            assert_eq!(parse_date_text(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_keys_read_are_the_schema_and_the_table_columns() {
        let mut listed: Vec<&str> = KNOWN.iter().chain(&["lat", "lon"]).chain(&super::super::table::FLAT_SOURCE).copied().collect();
        listed.sort_unstable();
        assert_eq!(READ.to_vec(), listed, "READ is sorted and names exactly these");
        assert!(!is_read("synthetic") && !is_read("Colour"));
    }
}
