//! One record's fields (the schema's names, see `docs/data.md`) → an `Incident`, collecting what is wrong
//! field by field. Shared by every format: GeoJSON features, JSON records and ACLED rows (as JSON objects), and
//! CSV rows (read in place, through columns resolved once from the header).

use std::borrow::Cow;

use rustc_hash::FxHashSet;
use serde_json::{Map, Value};

use super::{Issue, Problem, Severity, Unit};
use crate::model::{
    calendar_date, is_safe_link, named_enum, number, DatePrecision, Incident, IncidentDate, Kind, LocationPrecision,
    Report, Source, Status, Text, Weapon,
};
use crate::text::shorten;

named_enum! {
    /// The keys read into an incident: the schema's names, a table's `lat`/`lon`, and the flat source columns.
    /// Anything else in a record is kept as an extra field.
    Key {
        AttributedTo = "attributed_to", CasualtyDetail = "casualty_detail", ClaimedBy = "claimed_by",
        Country = "country", Damage = "damage", Date = "date", DatePrecision = "date_precision", Id = "id",
        Impacts = "impacts", Intercepted = "intercepted", InterceptedBy = "intercepted_by", Killed = "killed",
        Kind = "kind", Lat = "lat", Launched = "launched", LocationPrecision = "location_precision", Lon = "lon",
        Reports = "reports", Site = "site", SiteId = "site_id", Source = "source",
        SourcePublished = "source_published", SourceTitle = "source_title", SourceUrl = "source_url",
        Sources = "sources", Status = "status", Summary = "summary", SummaryAr = "summary_ar", Time = "time", Weapon = "weapon",
        WeaponDetail = "weapon_detail", Wounded = "wounded",
    }
}

/// A value as a record holds it: a CSV cell, or a JSON value other than a string (strings are `Text`).
#[derive(Clone, Copy, Debug)]
pub enum Field<'a> {
    Text(&'a str),
    Json(&'a Value),
}

impl<'a> From<&'a Value> for Field<'a> {
    fn from(v: &'a Value) -> Field<'a> {
        match v {
            Value::String(s) => Field::Text(s),
            other => Field::Json(other),
        }
    }
}

impl<'a> Field<'a> {
    fn is_blank(self) -> bool {
        match self {
            Field::Text(s) => s.trim().is_empty(),
            Field::Json(v) => v.is_null(),
        }
    }

    /// Text as it is (trimmed), anything else as compact JSON.
    fn display(self) -> Cow<'a, str> {
        match self {
            Field::Text(s) => Cow::Borrowed(s.trim()),
            Field::Json(v) => Cow::Owned(v.to_string()),
        }
    }

    /// As a message quotes it: text in quotes, anything else as JSON, shortened.
    fn quoted(self) -> String {
        match self {
            Field::Text(s) => format!("\"{}\"", clip(s.trim())),
            Field::Json(v) => clip(&v.to_string()),
        }
    }

    fn non_blank_text(self) -> Option<&'a str> {
        match self {
            Field::Text(s) => Some(s.trim()).filter(|s| !s.is_empty()),
            Field::Json(_) => None,
        }
    }
}

/// A record's fields by key: a JSON object, or a CSV row with its columns. The checks take it as `&dyn Record`:
/// one copy of them in the wasm, not one per kind of record (a virtual call per field costs the CSV path nothing
/// measurable).
pub trait Record {
    fn get(&self, key: Key) -> Option<Field<'_>>;

    /// The fields outside the keys read, by name (in name order), blank or not.
    fn for_each_extra(&self, f: &mut dyn FnMut(&str, Field<'_>));
}

impl Record for Map<String, Value> {
    fn get(&self, key: Key) -> Option<Field<'_>> {
        Map::get(self, key.as_str()).map(Field::from)
    }

    fn for_each_extra(&self, f: &mut dyn FnMut(&str, Field<'_>)) {
        for (k, v) in self.iter().filter(|(k, _)| Key::parse(k).is_none()) {
            f(k, v.into());
        }
    }
}

/// The texts of a load, each distinct one stored once and shared by the incidents that carry it.
#[derive(Default)]
pub struct Strings(FxHashSet<Text>);

impl Strings {
    pub fn get(&mut self, s: &str) -> Text {
        if let Some(t) = self.0.get(s) {
            return t.clone();
        }
        let t: Text = s.into();
        self.0.insert(t.clone());
        t
    }
}

/// Reading one record, collecting its problems.
pub struct Row<'a> {
    pub row: usize,
    pub unit: Unit,
    pub id: Option<String>,
    /// Tables carry every value as text: numbers and lists are read from strings too.
    pub text_values: bool,
    pub problems: &'a mut Vec<Problem>,
    pub strings: &'a mut Strings,
}

/// A source as a record gives it, before it is checked.
struct RawSource<'a> {
    outlet: Option<Cow<'a, str>>,
    title: Option<&'a str>,
    published: Option<&'a str>,
    url: Option<&'a str>,
}

impl Row<'_> {
    fn push(&mut self, field: &str, issue: Issue, severity: Severity) {
        self.problems.push(Problem {
            unit: self.unit,
            row: self.row,
            id: self.id.clone(),
            field: field.into(),
            issue,
            severity,
        });
    }

    /// Records an error that costs the row.
    pub fn error<T>(&mut self, field: &str, issue: Issue) -> Option<T> {
        self.push(field, issue, Severity::Error);
        None
    }

    /// Records a value that was repaired or ignored; the row is kept.
    pub fn warn(&mut self, field: &str, issue: Issue) {
        self.push(field, issue, Severity::Warning);
    }

    /// The id: the record's `id`, else `fallback` (a GeoJSON Feature's own id), else `derive()` — one made from
    /// the record's content, so that it stays the same when rows are reordered or others added.
    pub fn id(&mut self, props: &dyn Record, fallback: Option<&Value>, derive: &dyn Fn() -> String) -> Option<String> {
        let fallback = fallback.map(Field::from);
        let given = props.get(Key::Id).filter(|v| !v.is_blank()).or(fallback.filter(|v| !v.is_blank()));
        let id = match given {
            Some(Field::Text(s)) => s.trim().to_string(),
            Some(Field::Json(Value::Number(n))) => n.to_string(),
            None => derive(),
            Some(_) => return self.error("id", Issue::IdType),
        };
        self.id = Some(id.clone());
        Some(id)
    }

    /// The incident of a record whose id and place are already read.
    pub fn incident(&mut self, id: String, props: &dyn Record, points: Vec<geo::Point<f64>>) -> Option<Incident> {
        let date = self.date(props)?;
        let kind = self.choice(props, Key::Kind, Kind::parse, Kind::Attack, &["attack", "strike"]);
        let weapon = self.choice(props, Key::Weapon, Weapon::parse, Weapon::Unknown,
            &["rocket", "drone", "missile", "mortar", "rpg", "ied", "airstrike", "unknown"]);
        let location_precision = self.choice(props, Key::LocationPrecision, LocationPrecision::parse,
            LocationPrecision::Exact, &["exact", "approximate", "region"]);
        let status = self.choice(props, Key::Status, Status::parse, Status::Confirmed, &["confirmed", "unconfirmed", "revised"]);

        Some(Incident {
            id,
            kind,
            date,
            time: self.text(props, Key::Time),
            site_id: self.text(props, Key::SiteId),
            site: self.text(props, Key::Site),
            countries: self.countries(props),
            location_precision,
            points,
            weapon,
            weapon_detail: self.text(props, Key::WeaponDetail),
            launched: self.count(props, Key::Launched),
            intercepted: self.count(props, Key::Intercepted),
            intercepted_by: self.text(props, Key::InterceptedBy),
            impacts: self.count(props, Key::Impacts),
            killed: self.count(props, Key::Killed),
            wounded: self.count(props, Key::Wounded),
            casualty_detail: self.text(props, Key::CasualtyDetail),
            damage: self.text(props, Key::Damage),
            claimed_by: self.text(props, Key::ClaimedBy),
            attributed_to: self.text(props, Key::AttributedTo),
            status,
            summary: self.text(props, Key::Summary),
            summary_ar: self.text(props, Key::SummaryAr),
            sources: self.sources(props),
            reports: self.reports(props),
            extra: self.extra(props),
        })
    }

    fn date(&mut self, props: &dyn Record) -> Option<IncidentDate> {
        let date = match props.get(Key::Date) {
            Some(Field::Text(s)) if !s.trim().is_empty() => {
                let parsed = if self.text_values { parse_date_text(s.trim()) } else { IncidentDate::parse(s.trim()) };
                match parsed {
                    Some(d) => d,
                    None => return self.error("date", Issue::NotADate { value: clip(s), written: self.text_values }),
                }
            }
            None | Some(Field::Json(Value::Null)) | Some(Field::Text(_)) => return self.error("date", Issue::Missing),
            Some(_) => return self.error("date", Issue::NotAString),
        };
        let Some(p) = self.text_ref(props, Key::DatePrecision) else { return Some(date) };
        match DatePrecision::parse(&p) {
            Some(p) if p == date.precision() => Some(date),
            // A day given as a placeholder for a month or a year (ACLED and others do this) is read as such.
            Some(p) if p > date.precision() => Some(date.truncated(p)),
            Some(p) => {
                self.warn("date_precision", Issue::PrecisionFiner { says: p, known: date.precision() });
                Some(date)
            }
            None => {
                self.warn("date_precision", Issue::UnknownValue { value: clip(&p) });
                Some(date)
            }
        }
    }

    /// A point from `lat` and `lon` (tables and records).
    pub fn lat_lon(&mut self, props: &dyn Record) -> Option<Vec<geo::Point<f64>>> {
        let lat = self.coordinate(props, Key::Lat, "latitude", 90.0)?;
        let lon = self.coordinate(props, Key::Lon, "longitude", 180.0)?;
        Some(vec![geo::Point::new(lon, lat)])
    }

    fn coordinate(&mut self, props: &dyn Record, key: Key, name: &str, limit: f64) -> Option<f64> {
        let field = props.get(key);
        let value = match field {
            Some(Field::Json(Value::Number(n))) => n.as_f64(),
            Some(Field::Text(s)) if s.trim().is_empty() => return self.error(name, Issue::Missing),
            // serde_json's number parser, not core's: one float parser in the wasm, not two.
            Some(Field::Text(s)) => serde_json::from_str::<f64>(s.trim()).ok(),
            None | Some(Field::Json(Value::Null)) => return self.error(name, Issue::Missing),
            Some(_) => None,
        };
        match value {
            Some(v) if v.is_finite() && (-limit..=limit).contains(&v) => Some(v),
            Some(v) => self.error(name, Issue::OutOfRange { value: v, limit }),
            None => self.error(name, Issue::NotANumber { value: field?.quoted() }),
        }
    }

    /// A text field as it is written (trimmed), or a number as text; `None` when blank.
    fn text_ref<'p>(&mut self, props: &'p dyn Record, key: Key) -> Option<Cow<'p, str>> {
        match props.get(key) {
            None | Some(Field::Json(Value::Null)) => None,
            Some(Field::Text(s)) => Some(s.trim()).filter(|s| !s.is_empty()).map(Cow::Borrowed),
            Some(Field::Json(Value::Number(n))) => Some(Cow::Owned(n.to_string())),
            Some(_) => {
                self.warn(key.as_str(), Issue::NotText);
                None
            }
        }
    }

    fn text(&mut self, props: &dyn Record, key: Key) -> Option<Text> {
        let t = self.text_ref(props, key)?;
        Some(self.strings.get(&t))
    }

    fn count(&mut self, props: &dyn Record, key: Key) -> Option<u32> {
        let field = props.get(key)?;
        let value = match field {
            Field::Json(Value::Null) => return None,
            Field::Json(Value::Number(n)) => n.as_u64().and_then(|v| u32::try_from(v).ok()),
            Field::Text(s) if self.text_values => match s.trim() {
                "" => return None,
                t => t.parse::<u32>().ok(),
            },
            _ => None,
        };
        if value.is_none() {
            self.warn(key.as_str(), Issue::NotACount { value: field.quoted() });
        }
        value
    }

    fn choice<T>(&mut self, props: &dyn Record, key: Key, parse: fn(&str) -> Option<T>, default: T, allowed: &'static [&'static str]) -> T {
        match self.text_ref(props, key) {
            None => default,
            Some(s) => parse(&s).unwrap_or_else(|| {
                self.warn(key.as_str(), Issue::NotOneOf { value: clip(&s), allowed });
                default
            }),
        }
    }

    /// One country or several: a list, or text separated by `;`.
    fn countries(&mut self, props: &dyn Record) -> Vec<Text> {
        let mut out = Vec::new();
        let mut add = |strings: &mut Strings, s: &str| {
            let s = s.trim();
            if !s.is_empty() {
                out.push(strings.get(s));
            }
        };
        match props.get(Key::Country) {
            Some(Field::Json(Value::Array(items))) => items.iter().filter_map(Value::as_str).for_each(|s| add(self.strings, s)),
            _ => {
                if let Some(t) = self.text_ref(props, Key::Country) {
                    t.split(';').for_each(|s| add(self.strings, s));
                }
            }
        }
        out
    }

    /// A list value, also when a table gives it as JSON text.
    fn list<'p>(&mut self, props: &'p dyn Record, key: Key) -> Option<Cow<'p, [Value]>> {
        match props.get(key)? {
            Field::Json(Value::Array(items)) => Some(Cow::Borrowed(items)),
            Field::Json(Value::Null) => None,
            Field::Text(s) if s.trim().is_empty() => None,
            Field::Text(s) if self.text_values && s.trim_start().starts_with('[') => match serde_json::from_str::<Vec<Value>>(s) {
                Ok(items) => Some(Cow::Owned(items)),
                Err(e) => {
                    self.warn(key.as_str(), Issue::NotAJsonList { error: e.to_string() });
                    None
                }
            },
            _ => {
                self.warn(key.as_str(), Issue::NotAList);
                None
            }
        }
    }

    /// The `sources` list; in tables, when there is none, the flat source columns.
    fn sources(&mut self, props: &dyn Record) -> Vec<Source> {
        let listed = match props.get(Key::Sources) {
            Some(Field::Json(Value::Array(_))) => true,
            Some(Field::Text(s)) => !s.trim().is_empty(),
            _ => false,
        };
        if self.text_values && !listed {
            if let Some(flat) = flat_sources(props) {
                return self.checked_sources(flat.into_iter().map(Some));
            }
        }
        let Some(items) = self.list(props, Key::Sources) else { return Vec::new() };
        fn text<'v>(s: &'v Map<String, Value>, k: &str) -> Option<&'v str> {
            s.get(k).and_then(Value::as_str)
        }
        let raw = items.iter().map(|item| {
            let s = item.as_object()?;
            Some(RawSource {
                outlet: text(s, "outlet").map(Cow::Borrowed),
                title: text(s, "title"),
                published: text(s, "published"),
                url: text(s, "url"),
            })
        });
        let raw: Vec<Option<RawSource>> = raw.collect();
        self.checked_sources(raw.into_iter())
    }

    /// Sources with an outlet and, if any, a safe link; `None` items are not objects.
    fn checked_sources<'s>(&mut self, items: impl Iterator<Item = Option<RawSource<'s>>>) -> Vec<Source> {
        let text = |s: Option<&str>| s.map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        let mut out = Vec::new();
        for (i, item) in items.enumerate() {
            let field = format!("sources[{i}]");
            let Some(s) = item else {
                self.warn(&field, Issue::SourceNotAnObject);
                continue;
            };
            let Some(outlet) = text(s.outlet.as_deref()) else {
                self.warn(&field, Issue::NoOutlet);
                continue;
            };
            let url = text(s.url);
            if let Some(u) = url.as_deref().filter(|u| !is_safe_link(u)) {
                self.warn(&format!("{field}.url"), Issue::NotALink { value: clip(u) });
            }
            out.push(Source { outlet, title: text(s.title), published: text(s.published), url });
        }
        out
    }

    fn reports(&mut self, props: &dyn Record) -> Vec<Report> {
        let Some(items) = self.list(props, Key::Reports) else { return Vec::new() };
        items
            .iter()
            .filter_map(|r| {
                let source = r.get("source")?.as_str()?.trim().to_string();
                let says = r.get("says")?.as_str()?.trim().to_string();
                Some(Report { source, says })
            })
            .collect()
    }

    /// The fields outside the keys read, as text. Names are shortened to 60 characters; of two long names that
    /// shorten alike, the first is kept and the other reported (two fields of one name would show as one in
    /// an export, and only the last would come back).
    fn extra(&mut self, props: &dyn Record) -> Vec<(Text, Text)> {
        let mut out = Vec::new();
        let mut long: Vec<Text> = Vec::new();
        let mut clashes: Vec<Text> = Vec::new();
        let strings = &mut *self.strings;
        props.for_each_extra(&mut |k, v| {
            if v.is_blank() {
                return;
            }
            let name = strings.get(&shortened(k, MAX_NAME));
            // Only shortened names can clash: 60 characters and an ellipsis, longer than any other name.
            if k.len() > MAX_NAME {
                if long.contains(&name) {
                    clashes.push(name);
                    return;
                }
                long.push(name.clone());
            }
            out.push((name, strings.get(&shortened(&v.display(), 2000))));
        });
        for name in clashes {
            self.name_clash(&name);
        }
        out
    }

    /// Reports a field left out because another's name begins with the same `MAX_NAME` characters.
    pub(super) fn name_clash(&mut self, name: &str) {
        self.warn(name, Issue::NameClash { chars: MAX_NAME });
    }
}

/// The sources of flat columns (`source`, `source_url`, `source_title`, `source_published`), if they give any.
/// Several outlets in `source` separated by `;` become several sources.
fn flat_sources(props: &dyn Record) -> Option<Vec<RawSource<'_>>> {
    let get = |k: Key| props.get(k).and_then(Field::non_blank_text);
    let (outlet, url, title, published) = (get(Key::Source), get(Key::SourceUrl), get(Key::SourceTitle), get(Key::SourcePublished));
    if url.is_some() || title.is_some() || published.is_some() {
        let outlet = outlet.map(Cow::Borrowed).or_else(|| url.and_then(host).map(Cow::Owned)).unwrap_or(Cow::Borrowed("Source"));
        return Some(vec![RawSource { outlet: Some(outlet), title, published, url }]);
    }
    let one = |o: &str| RawSource { outlet: Some(Cow::Owned(o.to_string())), title: None, published: None, url: None };
    Some(outlet?.split(';').map(str::trim).filter(|o| !o.is_empty()).map(one).collect())
}

/// The host of an http(s) URL, to name a source that has only a link.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| host.trim_start_matches("www.").to_string())
}

/// A date as tables write it: ISO (`2022-04-30`, `2022-04`, `2022`) or `30 April 2022` / `30 Apr 2022` /
/// `30-April-2022` / `30-Apr-2022`.
pub fn parse_date_text(s: &str) -> Option<IncidentDate> {
    IncidentDate::parse(s).or_else(|| written_date(s))
}

const MONTHS: [&str; 12] =
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// A day of one or two digits, the month's name or its first three letters in any case, and a year of four
/// digits, separated by single spaces or single dashes; the day must exist.
fn written_date(s: &str) -> Option<IncidentDate> {
    let separator = if s.contains(' ') { ' ' } else { '-' };
    let mut parts = s.split(separator);
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || day.len() > 2 || year.len() != 4 {
        return None;
    }
    let named = |m: &&str| month.eq_ignore_ascii_case(m) || (month.len() == 3 && month.eq_ignore_ascii_case(&m[..3]));
    let month = MONTHS.iter().position(named)? as u8 + 1;
    // One or two digits: at most 99, so `as u8` is exact.
    calendar_date(number(year.as_bytes())?.into(), month, number(day.as_bytes())? as u8).map(IncidentDate::day)
}

/// A stable id for a record without one: a hash of its content, `row-` and 16 hex digits.
pub fn derived_id(content: &str) -> String {
    // FNV-1a, 64 bits: stable across runs and platforms, unlike std's hasher.
    let hash = content.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("row-{hash:016x}")
}

/// Shortens a value quoted in a message.
pub fn clip(s: &str) -> String {
    shorten(s, 60)
}

/// Longest name of an extra field kept.
pub(super) const MAX_NAME: usize = 60;

/// `s` cut to `max` characters, borrowed when it is short enough already.
pub(super) fn shortened(s: &str, max: usize) -> Cow<'_, str> {
    if s.len() <= max {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(shorten(s, max))
    }
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
    fn written_dates_exist_and_are_written_one_way() {
        for (text, iso) in [
            ("29 Feb 2024", "2024-02-29"),
            ("29 February 2000", "2000-02-29"),
            ("1 MAY 2022", "2022-05-01"),
            ("31-dec-1999", "1999-12-31"),
            ("9-Sep-2021", "2021-09-09"),
        ] {
            assert_eq!(parse_date_text(text).map(|d| d.to_string()).as_deref(), Some(iso), "{text}");
        }
        for bad in [
            // Days that do not exist.
            "29 Feb 2023", "29 February 1900", "0 April 2022", "00 April 2022", "32 January 2022", "31-Apr-2022",
            // Spacing: one space or one dash, the same twice; the caller trims the ends.
            "30  April 2022", "30 April  2022", " 30 April 2022", "30 April 2022 ", "30-April 2022", "30 April-2022",
            "30\tApril\t2022",
            // Not a day, a month or a year of four digits.
            "030 April 2022", "+1 April 2022", "30 Apri 2022", "30 Aprils 2022", "30 Sept 2022", "30 April 22",
            "30 April +2022", "30 April -2022", "30 April 20222", "30 Apr", "April 2022", "",
        ] {
            assert_eq!(parse_date_text(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_date_cell_is_read_trimmed() {
        let mut problems = Vec::new();
        let mut strings = Strings::default();
        let mut r = Row { row: 2, unit: Unit::Line, id: None, text_values: true, problems: &mut problems, strings: &mut strings };
        let props: Map<String, Value> =
            [("date".to_string(), Value::from(" 30 April 2022\t")), ("lat".into(), "33".into()), ("lon".into(), "44".into())]
                .into_iter()
                .collect();
        let incident = r.incident("a".into(), &props, vec![geo::Point::new(44.0, 33.0)]);
        assert_eq!(incident.map(|i| i.date.to_string()).as_deref(), Some("2022-04-30"));
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn only_the_keys_read_are_keys() {
        assert_eq!(Key::parse("lat"), Some(Key::Lat));
        assert_eq!(Key::parse("synthetic"), None);
        assert_eq!(Key::parse("Colour"), None);
    }

    #[test]
    fn equal_texts_share_one_allocation() {
        let mut strings = Strings::default();
        let (a, b) = (strings.get("Iraq"), strings.get(&String::from("Iraq")));
        assert!(std::sync::Arc::ptr_eq(&a, &b));
        assert_eq!(&*strings.get("Syria"), "Syria");
    }
}
