//! A GeoJSON Feature → an incident: the id, the Point or MultiPoint, then the properties.

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::fields::{clip, derived_id, Row};
use super::Issue;
use crate::model::Incident;

pub fn feature(r: &mut Row, raw: &RawValue) -> Option<Incident> {
    let value: Value = match serde_json::from_str(raw.get()) {
        Ok(v) => v,
        Err(e) => return r.error("feature", Issue::Unreadable { error: e.to_string() }),
    };
    let Some(f) = value.as_object() else {
        return r.error("feature", Issue::NotAnObject);
    };
    let empty = Map::new();
    let props = match f.get("properties") {
        Some(Value::Object(p)) => p,
        None | Some(Value::Null) => &empty,
        Some(_) => return r.error("properties", Issue::NotAnObject),
    };
    // serde_json's map sorts keys, so the derived id does not depend on how the file is formatted.
    let id = r.id(props, f.get("id"), &|| derived_id(&value.to_string()))?;
    let points = points(r, f.get("geometry"))?;
    r.incident(id, props, points)
}

fn points(r: &mut Row, geometry: Option<&Value>) -> Option<Vec<geo::Point<f64>>> {
    let Some(Value::Object(g)) = geometry else {
        return r.error("geometry", Issue::NoGeometry);
    };
    let coords = g.get("coordinates");
    let list: Vec<&Value> = match (g.get("type").and_then(Value::as_str), coords) {
        (Some("Point"), Some(c)) => vec![c],
        (Some("MultiPoint"), Some(Value::Array(cs))) if !cs.is_empty() => cs.iter().collect(),
        (Some(t @ ("Point" | "MultiPoint")), _) => return r.error("geometry", Issue::NoCoordinates { kind: t.into() }),
        (Some(t), _) => return r.error("geometry", Issue::NotAPoint { kind: clip(t) }),
        (None, _) => return r.error("geometry", Issue::NoType),
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
            _ => return r.error("geometry", Issue::BadCoordinates),
        }
    }
    Some(points)
}
