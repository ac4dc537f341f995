//! The gazetteer: the named sites incidents refer to by `site_id`, with their Arabic names and aliases
//! (Ain al-Asad / Al Asad / Ayn al-Asad / قاعدة عين الأسد الجوية; Green Zone / International Zone / المنطقة
//! الخضراء). Plain Rust, host-tested.

use serde::Deserialize;

use crate::i18n::Lang;
use crate::model::LocationPrecision;
use crate::text::{fold_case, folded};

/// One site, as written in `assets/data/sites.json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Site {
    pub id: String,
    pub name: String,
    /// The name as Arabic media write it (`name_ar`), if the gazetteer gives one.
    #[serde(default)]
    pub name_ar: Option<String>,
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

    /// The site's name in `lang`: the Arabic one in Arabic when the gazetteer gives it, else the English one.
    pub fn name_in(&self, lang: Lang) -> &str {
        name_in(lang, &self.name, self.name_ar.as_deref())
    }

    /// Every name the site goes by: its name, Arabic name and aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.name_ar.as_deref()).chain(self.aliases.iter().map(String::as_str))
    }

    /// Whether `query` names this site: its id, name, Arabic name or an alias, ignoring case, hyphens and
    /// punctuation, and in Arabic the alef/hamza forms, tatweel and short vowels (`text::folded`).
    pub fn is_named(&self, query: &str) -> bool {
        let q = fold(query);
        !q.is_empty() && (fold(&self.id) == q || self.names().any(|n| fold(n) == q))
    }

    /// Every name of the site folded for free-text search (`text::fold_case`), one per line: what the search
    /// matches an incident at this site by, beside its own text.
    pub fn search_names(&self) -> String {
        let mut out = String::new();
        for n in self.names() {
            out.push_str(&fold_case(n));
            out.push('\n');
        }
        out
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

/// The site an incident's site key (`Incident::site_key`) refers to: by id, else by name or alias (imported
/// data that names a site without its id).
pub fn by_key<'a>(sites: &'a [Site], key: &str) -> Option<&'a Site> {
    by_id(sites, key).or_else(|| by_name(sites, key))
}

/// A name in `lang`: the Arabic one in Arabic when there is one (not blank), else the English one.
fn name_in<'a>(lang: Lang, name: &'a str, name_ar: Option<&'a str>) -> &'a str {
    match (lang, name_ar) {
        (Lang::Ar, Some(ar)) if !ar.trim().is_empty() => ar,
        _ => name,
    }
}

/// A site the reader can pick in the site filter: a key incidents share (`Incident::site_key`), its name, the
/// other names it goes by (from the gazetteer), and how many loaded incidents it has.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteOption {
    pub key: String,
    pub name: String,
    /// The Arabic name from the gazetteer, if it gives one.
    pub name_ar: Option<String>,
    pub aliases: Vec<String>,
    pub count: usize,
}

impl SiteOption {
    /// The option's name in `lang`, as `Site::name_in`.
    pub fn name_in(&self, lang: Lang) -> &str {
        name_in(lang, &self.name, self.name_ar.as_deref())
    }
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
                    name_ar: known.and_then(|s| s.name_ar.clone()),
                    aliases: known.map(|s| s.aliases.clone()).unwrap_or_default(),
                    count: 1,
                });
            }
        }
    }
    crate::order::sort_by(&mut out, |a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    out
}

/// The site option a typed text picks: one whose name, Arabic name, alias or key it names exactly (ignoring case,
/// punctuation and Arabic spelling variants), else the only one whose name or an alias contains it.
pub fn pick_site<'a>(options: &'a [SiteOption], text: &str) -> Option<&'a SiteOption> {
    let q = fold(text);
    if q.is_empty() {
        return None;
    }
    let names = |o: &'a SiteOption| std::iter::once(&o.name).chain(&o.name_ar).chain(&o.aliases).chain(std::iter::once(&o.key));
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
    fn arabic_names_and_aliases_name_the_site() {
        let sites = parse_sites(include_str!("../assets/data/sites.json")).unwrap();
        // As Arabic media write it, without the hamza, with tatweel or vowel marks, or an Arabic alias.
        for name in ["قاعدة عين الأسد الجوية", "قاعدة عين الاسد الجوية", "عين الأسد", "عيـــن الاسد", "عَيْن الأَسَد"] {
            assert_eq!(by_name(&sites, name).map(|s| s.id.as_str()), Some("ain-al-asad"), "{name}");
        }
        assert_eq!(by_name(&sites, "المنطقة الدولية").map(|s| s.id.as_str()), Some("green-zone"));
        assert_eq!(by_name(&sites, "السفارة الامريكية في بغداد").map(|s| s.id.as_str()), Some("us-embassy-baghdad"));
        assert_eq!(by_key(&sites, "taji").map(|s| s.name.as_str()), Some("Camp Taji"), "by id");
        assert_eq!(by_key(&sites, "معسكر التاجي").map(|s| s.id.as_str()), Some("taji"), "else by name");
        assert!(by_key(&sites, "nowhere").is_none());
        let taji = by_id(&sites, "taji").unwrap();
        assert_eq!((taji.name_in(Lang::En), taji.name_in(Lang::Ar)), ("Camp Taji", "معسكر التاجي"));
        let names = taji.search_names();
        assert!(names.starts_with("camp taji\nمعسكر التاجي\n") && names.contains("al-taji\n"), "{names}");
    }

    #[test]
    fn a_site_without_an_arabic_name_keeps_its_english_one() {
        let sites = parse_sites(SAMPLE).unwrap();
        let s = by_id(&sites, "ain-al-asad").unwrap();
        assert_eq!(s.name_ar, None);
        assert_eq!(s.name_in(Lang::Ar), "Ain al-Asad Air Base");
        let blank = parse_sites(&SAMPLE.replace(r#""kind":"base""#, r#""name_ar":" ","kind":"base""#)).unwrap();
        assert_eq!(blank[0].name_in(Lang::Ar), "Ain al-Asad Air Base", "a blank Arabic name is none");
    }

    #[test]
    fn an_arabic_name_picks_a_site_option() {
        let sites = parse_sites(include_str!("../assets/data/sites.json")).unwrap();
        let incidents = crate::parse::parse_dataset(include_str!("../assets/data/incidents.geojson")).unwrap().incidents;
        let options = site_options(&incidents, &sites);
        for typed in ["قاعدة عين الاسد الجوية", "عين الأسد", "الأسد"] {
            assert_eq!(pick_site(&options, typed).map(|o| o.key.as_str()), Some("ain-al-asad"), "{typed}");
        }
        let taji = options.iter().find(|o| o.key == "taji").unwrap();
        assert_eq!((taji.name_in(Lang::En), taji.name_in(Lang::Ar)), ("Camp Taji", "معسكر التاجي"));
    }

    #[test]
    fn an_unknown_precision_is_an_error() {
        assert!(parse_sites(&SAMPLE.replace("\"exact\"", "\"roughly\"")).is_err());
    }
}
