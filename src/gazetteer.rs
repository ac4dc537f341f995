//! The gazetteer: the named sites incidents refer to by `site_id`, with aliases
//! (Ain al-Asad / Al Asad / Ayn al-Asad; Green Zone / International Zone). Plain Rust, host-tested.

use serde::Deserialize;

use crate::model::LocationPrecision;
use crate::text::folded;

/// One site, as written in `assets/data/sites.json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Site {
    pub id: String,
    pub name: String,
    /// base, embassy, airport, district, square, hospital, park, border area…
    pub kind: String,
    /// One country, or several for a border area.
    #[serde(deserialize_with = "one_or_many")]
    pub country: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    #[serde(deserialize_with = "precision")]
    pub precision: LocationPrecision,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Where the coordinates come from.
    pub source: String,
    #[serde(default)]
    pub note: Option<String>,
}

impl Site {
    /// The site's point, as `geo::Point` (x = longitude, y = latitude).
    pub fn point(&self) -> geo::Point<f64> {
        geo::Point::new(self.lon, self.lat)
    }

    /// Whether `query` names this site: its id, name or an alias, ignoring case, hyphens and punctuation.
    pub fn is_named(&self, query: &str) -> bool {
        let q = fold(query);
        !q.is_empty() && (fold(&self.id) == q || fold(&self.name) == q || self.aliases.iter().any(|a| fold(a) == q))
    }
}

#[derive(Deserialize)]
struct RawGazetteer {
    sites: Vec<Site>,
}

/// Parses the gazetteer file.
pub fn parse_sites(text: &str) -> Result<Vec<Site>, serde_json::Error> {
    serde_json::from_str::<RawGazetteer>(text).map(|g| g.sites)
}

/// The site with this id.
pub fn by_id<'a>(sites: &'a [Site], id: &str) -> Option<&'a Site> {
    sites.iter().find(|s| s.id == id)
}

/// The site a name or alias refers to.
pub fn by_name<'a>(sites: &'a [Site], name: &str) -> Option<&'a Site> {
    sites.iter().find(|s| s.is_named(name))
}

/// A site the reader can pick in the site filter: a key incidents share (`Incident::site_key`), its name, the
/// other names it goes by (from the gazetteer), and how many loaded incidents it has.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteOption {
    pub key: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub count: usize,
}

/// The sites of the loaded incidents, most incidents first, named from the gazetteer where it knows them.
pub fn site_options(incidents: &[crate::model::Incident], sites: &[Site]) -> Vec<SiteOption> {
    let mut out: Vec<SiteOption> = Vec::new();
    for i in incidents {
        let Some(key) = i.site_key() else { continue };
        match out.iter_mut().find(|o| o.key == key) {
            Some(o) => o.count += 1,
            None => {
                let known = i.site_id.as_deref().and_then(|id| by_id(sites, id));
                out.push(SiteOption {
                    key: key.to_string(),
                    name: known.map_or_else(|| i.site.as_deref().unwrap_or(key).to_string(), |s| s.name.clone()),
                    aliases: known.map(|s| s.aliases.clone()).unwrap_or_default(),
                    count: 1,
                });
            }
        }
    }
    crate::order::sort_by(&mut out, |a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    out
}

/// The site option a typed text picks: one whose name, alias or key it names exactly (ignoring case and
/// punctuation), else the only one whose name or an alias contains it.
pub fn pick_site<'a>(options: &'a [SiteOption], text: &str) -> Option<&'a SiteOption> {
    let q = fold(text);
    if q.is_empty() {
        return None;
    }
    let names = |o: &'a SiteOption| std::iter::once(&o.name).chain(&o.aliases).chain(std::iter::once(&o.key));
    if let Some(o) = options.iter().find(|o| names(o).any(|n| fold(n) == q)) {
        return Some(o);
    }
    let mut containing = options.iter().filter(|o| names(o).any(|n| fold(n).contains(&q)));
    match (containing.next(), containing.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// Lower-case letters and digits only, single spaces: "Ain al-Asad" and "ain al asad" fold alike.
fn fold(s: &str) -> String {
    folded(s)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

fn precision<'de, D: serde::Deserializer<'de>>(d: D) -> Result<LocationPrecision, D::Error> {
    let s = String::deserialize(d)?;
    LocationPrecision::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown precision \"{s}\"")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_options_carry_aliases_and_a_typed_name_picks_one() {
        let sites = parse_sites(include_str!("../assets/data/sites.json")).unwrap();
        let text = include_str!("../assets/data/incidents.geojson");
        let incidents = crate::parse::parse_dataset(text).unwrap().incidents;
        let options = site_options(&incidents, &sites);
        let total: usize = options.iter().map(|o| o.count).sum();
        assert_eq!(total, incidents.iter().filter(|i| i.site_key().is_some()).count());
        assert!(options.windows(2).all(|w| w[0].count >= w[1].count), "most incidents first");
        for typed in ["Al Asad", "ayn al-asad", "AIN AL ASAD"] {
            assert_eq!(pick_site(&options, typed).map(|o| o.key.as_str()), Some("ain-al-asad"), "{typed}");
        }
        assert_eq!(pick_site(&options, "International Zone").map(|o| o.key.as_str()), Some("green-zone"));
        assert_eq!(pick_site(&options, ""), None);
        assert_eq!(pick_site(&options, "a"), None, "ambiguous");
    }

    const SAMPLE: &str = r#"{"sites":[
        {"id":"ain-al-asad","name":"Ain al-Asad Air Base","kind":"base","country":"Iraq","lat":33.7856,"lon":42.4411,
         "precision":"exact","aliases":["Al Asad","Ayn al-Asad"],"source":"t"},
        {"id":"qaim-abu-kamal","name":"Border area","kind":"border area","country":["Iraq","Syria"],"lat":34.4,"lon":40.9,
         "precision":"region","source":"t"}]}"#;

    #[test]
    fn aliases_find_the_site() {
        let sites = parse_sites(SAMPLE).unwrap();
        for name in ["Al Asad", "ayn al asad", "AIN-AL-ASAD", "Ain al-Asad Air Base"] {
            assert_eq!(by_name(&sites, name).map(|s| s.id.as_str()), Some("ain-al-asad"), "{name}");
        }
        assert!(by_name(&sites, "Asad").is_none(), "a part of a name is not a name");
        assert!(by_name(&sites, "  ").is_none());
    }

    #[test]
    fn country_may_be_one_or_several() {
        let sites = parse_sites(SAMPLE).unwrap();
        assert_eq!(by_id(&sites, "qaim-abu-kamal").unwrap().country, vec!["Iraq", "Syria"]);
        assert_eq!(by_id(&sites, "ain-al-asad").unwrap().point(), geo::Point::new(42.4411, 33.7856));
    }

    #[test]
    fn an_unknown_precision_is_an_error() {
        assert!(parse_sites(&SAMPLE.replace("\"exact\"", "\"roughly\"")).is_err());
    }
}
