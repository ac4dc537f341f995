//! Incidents → files others can open: GeoJSON in the data set's own schema (see `docs/data.md`), so an
//! export loads back unchanged. Pure; no web crates.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::model::{Incident, Report, Source};

#[derive(Serialize)]
struct Feature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    geometry: Geometry,
    properties: Properties<'a>,
}

/// The properties in the schema's order; unknown facts are left out, never written as 0.
#[derive(Serialize)]
struct Properties<'a> {
    id: &'a str,
    kind: &'static str,
    date: String,
    date_precision: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    site_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    site: Option<&'a str>,
    #[serde(skip_serializing_if = "Value::is_null")]
    country: Value,
    location_precision: &'static str,
    weapon: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    weapon_detail: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    launched: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    intercepted: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    intercepted_by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    impacts: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    killed: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wounded: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    casualty_detail: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    damage: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    claimed_by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attributed_to: Option<&'a str>,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary_ar: Option<&'a str>,
    sources: Vec<SourceOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reports: Vec<ReportOut<'a>>,
    /// Fields from imported data outside the schema, kept under their own names.
    #[serde(flatten)]
    extra: BTreeMap<&'a str, &'a str>,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    outlet: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct ReportOut<'a> {
    source: &'a str,
    says: &'a str,
}

fn source(s: &Source) -> SourceOut<'_> {
    SourceOut { outlet: &s.outlet, title: s.title.as_deref(), published: s.published.as_deref(), url: s.url.as_deref() }
}

fn report(r: &Report) -> ReportOut<'_> {
    ReportOut { source: &r.source, says: &r.says }
}

#[derive(Serialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: Value,
}

fn geometry(i: &Incident) -> Geometry {
    let coords: Vec<Value> = i.points.iter().map(|p| serde_json::json!([p.x(), p.y()])).collect();
    match <[Value; 1]>::try_from(coords) {
        Ok([one]) => Geometry { kind: "Point", coordinates: one },
        Err(many) => Geometry { kind: "MultiPoint", coordinates: Value::Array(many) },
    }
}

/// The extra fields by name. Inserted one by one: `collect` into a map would bring its own copy of the stable sort.
fn extra(i: &Incident) -> BTreeMap<&str, &str> {
    let mut out = BTreeMap::new();
    for (k, v) in &i.extra {
        out.insert(&**k, &**v);
    }
    out
}

fn feature(i: &Incident) -> Feature<'_> {
    let country = match i.countries.as_slice() {
        [] => Value::Null,
        [one] => Value::from(&**one),
        many => Value::from(many.iter().map(|c| &**c).collect::<Vec<&str>>()),
    };
    Feature {
        kind: "Feature",
        geometry: geometry(i),
        properties: Properties {
            id: &i.id,
            kind: i.kind.as_str(),
            date: i.date.to_string(),
            date_precision: i.date.precision().as_str(),
            time: i.time.as_deref(),
            site_id: i.site_id.as_deref(),
            site: i.site.as_deref(),
            country,
            location_precision: i.location_precision.as_str(),
            weapon: i.weapon.as_str(),
            weapon_detail: i.weapon_detail.as_deref(),
            launched: i.launched,
            intercepted: i.intercepted,
            intercepted_by: i.intercepted_by.as_deref(),
            impacts: i.impacts,
            killed: i.killed,
            wounded: i.wounded,
            casualty_detail: i.casualty_detail.as_deref(),
            damage: i.damage.as_deref(),
            claimed_by: i.claimed_by.as_deref(),
            attributed_to: i.attributed_to.as_deref(),
            status: i.status.as_str(),
            summary: i.summary.as_deref(),
            summary_ar: i.summary_ar.as_deref(),
            sources: i.sources.iter().map(source).collect(),
            reports: i.reports.iter().map(report).collect(),
            extra: extra(i),
        },
    }
}

/// A GeoJSON FeatureCollection of `incidents`, one feature per line (readable in diffs and golden files).
pub fn to_geojson<'a>(incidents: impl IntoIterator<Item = &'a Incident>) -> String {
    let features: Vec<String> = incidents
        .into_iter()
        .map(|i| serde_json::to_string(&feature(i)).expect("plain data serialises"))
        .collect();
    format!("{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}\n", features.join(",\n"))
}

/// A cell of text as a spreadsheet should show it: text starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return would run as a formula, so it gets a leading apostrophe (OWASP's advice for CSV injection).
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The columns of a CSV export, in order; extra fields of imported data follow under their own names.
const CSV_COLUMNS: [&str; 27] = [
    "id", "kind", "date", "date_precision", "time", "site_id", "site", "country", "location_precision", "latitude",
    "longitude", "weapon", "weapon_detail", "launched", "intercepted", "intercepted_by", "impacts", "killed",
    "wounded", "casualty_detail", "damage", "claimed_by", "attributed_to", "status", "summary", "summary_ar",
    "sources",
];

/// A CSV file (RFC 4180, UTF-8 with a BOM so spreadsheets read Arabic right) of `incidents`, one row per
/// incident at its first point, that this app reads back. `sources` and `reports` are JSON lists in their
/// cells; every text cell is neutralised against formulas.
pub fn to_csv<'a>(incidents: impl IntoIterator<Item = &'a Incident> + Clone) -> String {
    let extra_keys: Vec<&str> = {
        let mut keys: Vec<&str> = Vec::new();
        for i in incidents.clone() {
            for (k, _) in &i.extra {
                if !keys.contains(&&**k) && !CSV_COLUMNS.contains(&&**k) && &**k != "reports" {
                    keys.push(k);
                }
            }
        }
        keys
    };
    let mut out = String::from("\u{feff}");
    // Extra fields are named by the data: their names are neutralised like any text cell.
    let header: Vec<String> =
        CSV_COLUMNS.iter().copied().chain(["reports"]).map(String::from).chain(extra_keys.iter().map(|k| neutralise(k))).collect();
    push_record(&mut out, &header);
    for i in incidents {
        let text = |v: Option<&str>| v.map(neutralise).unwrap_or_default();
        let number = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
        let point = i.points.first();
        let sources = if i.sources.is_empty() {
            String::new()
        } else {
            neutralise(&serde_json::to_string(&i.sources.iter().map(source).collect::<Vec<_>>()).unwrap_or_default())
        };
        let reports = if i.reports.is_empty() {
            String::new()
        } else {
            neutralise(&serde_json::to_string(&i.reports.iter().map(report).collect::<Vec<_>>()).unwrap_or_default())
        };
        let mut row: Vec<String> = vec![
            neutralise(&i.id),
            i.kind.as_str().into(),
            i.date.to_string(),
            i.date.precision().as_str().into(),
            text(i.time.as_deref()),
            text(i.site_id.as_deref()),
            text(i.site.as_deref()),
            neutralise(&i.countries.join("; ")),
            i.location_precision.as_str().into(),
            point.map(|p| p.y().to_string()).unwrap_or_default(),
            point.map(|p| p.x().to_string()).unwrap_or_default(),
            i.weapon.as_str().into(),
            text(i.weapon_detail.as_deref()),
            number(i.launched),
            number(i.intercepted),
            text(i.intercepted_by.as_deref()),
            number(i.impacts),
            number(i.killed),
            number(i.wounded),
            text(i.casualty_detail.as_deref()),
            text(i.damage.as_deref()),
            text(i.claimed_by.as_deref()),
            text(i.attributed_to.as_deref()),
            i.status.as_str().into(),
            text(i.summary.as_deref()),
            text(i.summary_ar.as_deref()),
            sources,
            reports,
        ];
        for k in &extra_keys {
            row.push(i.extra.iter().find(|(key, _)| &**key == *k).map(|(_, v)| neutralise(v)).unwrap_or_default());
        }
        push_record(&mut out, &row);
    }
    out
}

/// Appends one CSV record (RFC 4180, CRLF), quoting the fields that hold a quote, a comma or a line break.
/// Written here rather than with the csv crate's writer, which links core's decimal-to-float parser and its
/// tables (about 13 KB of the gzipped wasm) for a quoting style this export never uses.
fn push_record(out: &mut String, fields: &[impl AsRef<str>]) {
    for (n, field) in fields.iter().enumerate() {
        let field = field.as_ref();
        if n > 0 {
            out.push(',');
        }
        if field.contains(['"', ',', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse_dataset, parse_named};

    fn bundled() -> Vec<Incident> {
        parse_dataset(include_str!("../assets/data/incidents.geojson")).unwrap().incidents
    }

    #[test]
    fn a_csv_export_reads_back_as_the_same_incidents() {
        let all = bundled();
        let single: Vec<&Incident> = all.iter().filter(|i| i.points.len() == 1).collect();
        let again = parse_named(&to_csv(single.iter().copied()), "export.csv", None).unwrap();
        assert!(again.problems.is_empty(), "{:?}", again.problems);
        let expected: Vec<Incident> = single.into_iter().cloned().collect();
        assert_eq!(again.incidents, expected);
    }

    #[test]
    fn spreadsheet_formulas_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"http://evil\")"), "'=HYPERLINK(\"http://evil\")");
        for bad in ["+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(neutralise("Green Zone"), "Green Zone");
        let mut i = bundled().remove(0);
        i.summary = Some("=cmd|' /C calc'!A0".into());
        let csv = to_csv([&i]);
        assert!(csv.contains(",'=cmd|"), "{csv}");
        assert!(!csv.contains(",=cmd"));
        // The name of an extra field too (a column of the header row).
        i.extra = vec![("@SUM(A1)".into(), "+1".into())];
        let header = to_csv([&i]).lines().next().unwrap().to_string();
        assert!(header.ends_with(",reports,'@SUM(A1)"), "{header}");
    }

    #[test]
    fn csv_fields_with_quotes_commas_or_line_breaks_are_quoted() {
        let mut out = String::new();
        push_record(&mut out, &["plain", "a, b", "say \"hi\"", "two\nlines", "cr\r", ""]);
        assert_eq!(out, "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",\r\n");
    }
}
