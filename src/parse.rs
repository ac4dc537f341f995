//! GeoJSON → incidents, row by row: a bad row is reported with its row and field, the good rows are kept.

use std::collections::HashSet;
use std::fmt;

use serde_json::{Map, Value};

use crate::model::{
    is_safe_link, Incident, IncidentDate, Kind, LocationPrecision, Report, Source, Status, Weapon,
};

/// Whether a problem cost the row (`Error`) or only a field of it (`Warning`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One thing wrong with the input, located by row (1-based feature number) and field.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub row: usize,
    pub id: Option<String>,
    pub field: String,
    pub message: String,
    pub severity: Severity,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}", self.row)?;
        if let Some(id) = &self.id {
            write!(f, " ({id})")?;
        }
        let what = match self.severity {
            Severity::Error => "skipped",
            Severity::Warning => "kept",
        };
        write!(f, ", field `{}`: {} — {what}", self.field, self.message)
    }
}

/// What a load produced: the incidents that passed, and what was wrong with the rest.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    pub incidents: Vec<Incident>,
    pub problems: Vec<Problem>,
    /// Rows (features) read, kept or not.
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
    NotJson(String),
    NotFeatureCollection(String),
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatasetError::NotJson(e) => write!(f, "the file is not valid JSON ({e})"),
            DatasetError::NotFeatureCollection(why) => write!(f, "the file is not a GeoJSON FeatureCollection ({why})"),
        }
    }
}

impl std::error::Error for DatasetError {}

/// Parses a GeoJSON FeatureCollection of incidents.
pub fn parse_dataset(text: &str) -> Result<Dataset, DatasetError> {
    let root: Value = serde_json::from_str(text).map_err(|e| DatasetError::NotJson(e.to_string()))?;
    let obj = root
        .as_object()
        .ok_or_else(|| DatasetError::NotFeatureCollection("the top level is not an object".into()))?;
    if obj.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(DatasetError::NotFeatureCollection("`type` is not \"FeatureCollection\"".into()));
    }
    let features = obj
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| DatasetError::NotFeatureCollection("`features` is not a list".into()))?;

    let mut out = Dataset { rows: features.len(), ..Dataset::default() };
    let mut seen = HashSet::new();
    for (i, feature) in features.iter().enumerate() {
        let mut row = Row { row: i + 1, id: None, problems: &mut out.problems };
        if let Some(incident) = row.incident(feature) {
            if seen.insert(incident.id.clone()) {
                out.incidents.push(incident);
            } else {
                row.error::<()>("id", format!("duplicate id \"{}\"; the first one is kept", incident.id));
            }
        }
    }
    Ok(out)
}

/// Reading one feature, collecting its problems.
struct Row<'a> {
    row: usize,
    id: Option<String>,
    problems: &'a mut Vec<Problem>,
}

impl Row<'_> {
    fn push(&mut self, field: &str, message: String, severity: Severity) {
        self.problems.push(Problem { row: self.row, id: self.id.clone(), field: field.into(), message, severity });
    }

    fn error<T>(&mut self, field: &str, message: String) -> Option<T> {
        self.push(field, message, Severity::Error);
        None
    }

    fn warn(&mut self, field: &str, message: String) {
        self.push(field, message, Severity::Warning);
    }

    fn incident(&mut self, feature: &Value) -> Option<Incident> {
        let Some(f) = feature.as_object() else {
            return self.error("feature", "not an object".into());
        };
        let empty = Map::new();
        let props = match f.get("properties") {
            Some(Value::Object(p)) => p,
            None | Some(Value::Null) => &empty,
            Some(_) => return self.error("properties", "not an object".into()),
        };
        // `properties.id`, else the Feature's own `id`, else one derived from the feature's content, so that it
        // stays the same when rows are reordered or others added.
        let id = match props.get("id").or_else(|| f.get("id")) {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            None | Some(Value::Null) => derived_id(feature),
            Some(_) => return self.error("id", "must be a non-empty string or a number".into()),
        };
        self.id = Some(id.clone());

        let points = self.points(f.get("geometry"))?;
        let date = match props.get("date") {
            Some(Value::String(s)) => match IncidentDate::parse(s.trim()) {
                Some(d) => d,
                None => return self.error("date", format!("\"{}\" is not a real date written YYYY-MM-DD, YYYY-MM or YYYY", clip(s))),
            },
            Some(_) => return self.error("date", "must be a string".into()),
            None => return self.error("date", "missing".into()),
        };
        if let Some(p) = self.text(props, "date_precision") {
            match crate::model::DatePrecision::parse(&p) {
                Some(p) if p == date.precision() => {}
                Some(p) => self.warn(
                    "date_precision",
                    format!("says \"{}\" but the date is known to the {}", p.as_str(), date.precision().as_str()),
                ),
                None => self.warn("date_precision", format!("unknown value \"{}\"", clip(&p))),
            }
        }
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
        })
    }

    fn points(&mut self, geometry: Option<&Value>) -> Option<Vec<geo::Point<f64>>> {
        let Some(Value::Object(g)) = geometry else {
            return self.error("geometry", "missing: an incident needs a Point or MultiPoint".into());
        };
        let coords = g.get("coordinates");
        let list: Vec<&Value> = match (g.get("type").and_then(Value::as_str), coords) {
            (Some("Point"), Some(c)) => vec![c],
            (Some("MultiPoint"), Some(Value::Array(cs))) if !cs.is_empty() => cs.iter().collect(),
            (Some(t @ ("Point" | "MultiPoint")), _) => {
                return self.error("geometry", format!("{t} without usable coordinates"))
            }
            (Some(t), _) => return self.error("geometry", format!("{} is not a Point or MultiPoint", clip(t))),
            (None, _) => return self.error("geometry", "no `type`".into()),
        };
        let mut points = Vec::with_capacity(list.len());
        for c in list {
            let pair = c.as_array().filter(|a| a.len() >= 2).map(|a| (a[0].as_f64(), a[1].as_f64()));
            match pair {
                Some((Some(lng), Some(lat)))
                    if lng.is_finite() && lat.is_finite() && (-180.0..=180.0).contains(&lng) && (-90.0..=90.0).contains(&lat) =>
                {
                    points.push(geo::Point::new(lng, lat))
                }
                _ => return self.error("geometry", "coordinates must be [longitude, latitude] in range".into()),
            }
        }
        Some(points)
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
        match props.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => match n.as_u64().and_then(|v| u32::try_from(v).ok()) {
                Some(v) => Some(v),
                None => {
                    self.warn(field, format!("{n} is not a whole number ≥ 0; ignored"));
                    None
                }
            },
            Some(other) => {
                self.warn(field, format!("{} is not a number; ignored", clip(&other.to_string())));
                None
            }
        }
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

    fn countries(&mut self, props: &Map<String, Value>) -> Vec<String> {
        match props.get("country") {
            Some(Value::Array(items)) => items.iter().filter_map(|v| v.as_str()).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
            _ => self.text(props, "country").into_iter().collect(),
        }
    }

    fn sources(&mut self, props: &Map<String, Value>) -> Vec<Source> {
        let Some(value) = props.get("sources") else { return Vec::new() };
        let Some(items) = value.as_array() else {
            self.warn("sources", "must be a list; ignored".into());
            return Vec::new();
        };
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
        let Some(items) = props.get("reports").and_then(Value::as_array) else { return Vec::new() };
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

/// A stable id for a feature without one: a hash of its content (keys are sorted by serde_json's map).
fn derived_id(feature: &Value) -> String {
    // FNV-1a, 64 bits: stable across runs and platforms, unlike std's hasher.
    let hash = feature.to_string().bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("row-{hash:016x}")
}

/// Shortens a value quoted in a message.
fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(i.countries, vec!["Iraq".to_string()]);
        assert_eq!(i.sources[0].url.as_deref(), Some("https://www.rt.com/x"));
        assert_eq!(i.sources[1].url, None, "a javascript: URL is never kept");
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
        assert!(errors[0].to_string().starts_with("row 2 (B2), field `date`"));
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
        assert!(matches!(parse_dataset("<html>"), Err(DatasetError::NotJson(_))));
        assert!(matches!(parse_dataset("[]"), Err(DatasetError::NotFeatureCollection(_))));
        assert!(matches!(parse_dataset(r#"{"type":"FeatureCollection"}"#), Err(DatasetError::NotFeatureCollection(_))));
        let e = parse_dataset("{\"type\": \"FeatureCollection\", \"features\": [").unwrap_err();
        assert!(e.to_string().contains("not valid JSON"), "{e}");
    }
}
