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

fn feature(i: &Incident) -> Feature<'_> {
    let country = match i.countries.as_slice() {
        [] => Value::Null,
        [one] => Value::from(one.as_str()),
        many => Value::from(many.to_vec()),
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
            sources: i.sources.iter().map(source).collect(),
            reports: i.reports.iter().map(report).collect(),
            extra: i.extra.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
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
