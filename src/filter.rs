//! Which incidents pass the current filters. Pure: incidents in, indices out. Within one facet the chosen
//! values are alternatives (rocket *or* drone); the facets combine (rocket or drone, *and* in Iraq).

use std::borrow::Cow;

use crate::i18n::{Digits, Lang, Locale};
use crate::model::{Incident, Kind, Outcome, Weapon};
use crate::text::{fold_case, folded};

impl Outcome {
    pub fn matches(self, i: &Incident) -> bool {
        match self {
            Outcome::Intercepted => i.was_intercepted(),
            Outcome::Impacted => i.impacted(),
            Outcome::Casualties => i.has_casualties(),
        }
    }
}

/// The filters that combine to select incidents. The default lets everything through; an empty list means
/// "any".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// First day of the range (days since 1970-01-01), inclusive.
    pub from: Option<i64>,
    /// Last day of the range (days since 1970-01-01), inclusive.
    pub to: Option<i64>,
    pub weapons: Vec<Weapon>,
    /// Site keys (`Incident::site_key`).
    pub sites: Vec<String>,
    /// Country names, compared without regard to case.
    pub countries: Vec<String>,
    pub kinds: Vec<Kind>,
    pub outcomes: Vec<Outcome>,
    /// Claimed (`Some(true)`), unclaimed (`Some(false)`) or either.
    pub claimed: Option<bool>,
    /// Free text: every word must occur in one of the incident's text fields (`summary_ar` included) or in its
    /// weapon's or kind's names in English or Arabic, ignoring case and Arabic spelling variants (`text::folded`).
    pub q: String,
}

impl Filter {
    /// Whether the incident's date is in the range: a date known only to its month or year passes when the
    /// period it covers overlaps the range. A range whose start is after its end holds no day, so nothing
    /// passes it.
    pub fn passes_dates(&self, incident: &Incident) -> bool {
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if from > to {
                return false;
            }
        }
        !(self.from.is_some_and(|from| incident.date.last_day() < from)
            || self.to.is_some_and(|to| incident.date.first_day() > to))
    }

    /// Whether one of the incident's countries is one of the filter's (by name, any ASCII case).
    pub fn names_country_of(&self, i: &Incident) -> bool {
        i.countries.iter().any(|c| self.countries.iter().any(|f| f.eq_ignore_ascii_case(c)))
    }

    /// Every filter but the date range and the free text.
    fn passes_facets(&self, i: &Incident) -> bool {
        (self.weapons.is_empty() || self.weapons.contains(&i.weapon))
            && (self.kinds.is_empty() || self.kinds.contains(&i.kind))
            && (self.sites.is_empty() || i.site_key().is_some_and(|k| self.sites.iter().any(|s| s == k)))
            && (self.countries.is_empty() || self.names_country_of(i))
            && (self.outcomes.is_empty() || self.outcomes.iter().any(|o| o.matches(i)))
            && self.claimed.is_none_or(|want| i.claimed_by.is_some() == want)
    }

    /// The free text's words, split and folded once for a whole pass over the incidents.
    pub fn words(&self) -> Words {
        let words: Vec<String> = self.q.split_whitespace().map(fold_case).collect();
        let names = words
            .iter()
            .map(|word| {
                let has = |names: &[&str]| names.iter().any(|n| fold_case(n).contains(word.as_str()));
                let weapons = Weapon::ALL.into_iter().filter(|w| has(&weapon_names(*w))).fold(0, |b, w| b | name_bits(Some(w), None));
                let kinds = Kind::ALL.into_iter().filter(|k| has(&kind_names(*k))).fold(0, |b, k| b | name_bits(None, Some(k)));
                weapons | kinds
            })
            .collect();
        Words { words, names }
    }

    /// The same filter without the date range.
    pub fn without_dates(&self) -> Filter {
        Filter { from: None, to: None, ..self.clone() }
    }
}

/// The names of a weapon that the free text matches: its name in the data, in English and in Arabic.
fn weapon_names(w: Weapon) -> [&'static str; 3] {
    [w.as_str(), Locale::EN.weapon(w), Locale::new(Lang::Ar, Digits::Western).weapon(w)]
}

/// The names of a kind that the free text matches: its name in the data (the English one) and in Arabic.
fn kind_names(k: Kind) -> [&'static str; 2] {
    [k.as_str(), Locale::new(Lang::Ar, Digits::Western).kind(k)]
}

/// Bit `w` for a weapon, bit 8 + `k` for a kind: a word's `Words::names` bits.
fn name_bits(w: Option<Weapon>, k: Option<Kind>) -> u16 {
    w.map_or(0, |w| 1 << (w as u16)) | k.map_or(0, |k| 1 << (Weapon::ALL.len() + k as usize))
}
const _: () = assert!(Weapon::ALL.len() + Kind::ALL.len() <= 16, "a word's name bits fit a u16");

/// The words of a free-text filter, prepared.
pub struct Words {
    /// Folded (`text::fold_case`).
    words: Vec<String>,
    /// Per word, which weapons' and kinds' names contain it (`name_bits`): worked out once, not per incident.
    names: Vec<u16>,
}

impl Words {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word occurs in one of the incident's text fields, or in its weapon's or kind's names (in
    /// English and Arabic).
    pub fn matches(&self, i: &Incident) -> bool {
        self.matches_with(i, |k| self.in_names(k, i.weapon, i.kind), || Cow::Owned(folded_text(i)))
    }

    /// Whether every word occurs in the incident's own text fields or, as `elsewhere(k)` tells for word `k`,
    /// outside them: in its weapon's or kind's names (`Words::in_names`), in the names of its site…
    /// `folded()` gives the incident's `folded_text` (prepared once per load, or made when asked); it is asked at
    /// most once, and only when a word is found neither elsewhere nor by the ASCII-wise look.
    pub fn matches_with<'t>(&self, i: &Incident, elsewhere: impl Fn(usize) -> bool, folded: impl FnOnce() -> Cow<'t, str>) -> bool {
        let mut make = Some(folded);
        let mut text: Option<Cow<'t, str>> = None;
        self.words.iter().enumerate().all(|(k, w)| {
            // ASCII words (the common case) are looked for field by field without copying any text; others only
            // in the folded text of the fields that are not ASCII, the only ones that can hold them.
            elsewhere(k)
                || (w.is_ascii() && own_text(i, |p| contains_ascii_nocase(p, w)))
                || text.get_or_insert_with(|| make.take().map_or(Cow::Borrowed(""), |f| f())).contains(w.as_str())
        })
    }

    /// Whether word `k` occurs in the names of `weapon` or `kind` (as `weapon_names` and `kind_names` give them).
    pub fn in_names(&self, k: usize, weapon: Weapon, kind: Kind) -> bool {
        self.names.get(k).is_some_and(|bits| bits & name_bits(Some(weapon), Some(kind)) != 0)
    }

    /// For each word and each of `texts` (folded), whether the word occurs in it: entry `k * texts.len() + t`.
    pub fn occurrences(&self, texts: &[String]) -> Vec<bool> {
        self.words.iter().flat_map(|w| texts.iter().map(move |t| t.contains(w.as_str()))).collect()
    }
}

/// Whether `haystack` contains `needle` (ASCII, lower case) ignoring ASCII case.
fn contains_ascii_nocase(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// Every text the free text searches in an incident, folded (`text::fold_case`), one per line: its weapon's and
/// kind's names and its own text fields. The plain definition the prepared search is tested against.
pub fn searchable_text(i: &Incident) -> String {
    let mut all: String = weapon_names(i.weapon).into_iter().chain(kind_names(i.kind)).flat_map(|n| [n, "\n"]).collect();
    own_text(i, |t| {
        all.push_str(t);
        all.push('\n');
        false
    });
    fold_case(&all)
}

/// The incident's text fields that are not ASCII, folded (`text::fold_case`), one per line: where a word that is
/// not ASCII can occur, and what an ASCII-wise look misses (Arabic-Indic digits, marks). Empty for ASCII data.
pub fn folded_text(i: &Incident) -> String {
    let mut out = String::new();
    non_ascii_fields(i, |t| fold_line(&mut out, t));
    out
}

/// Calls `f` with each of the incident's own text fields that is not ASCII, in order: what `folded_text` folds.
pub fn non_ascii_fields<'a>(i: &'a Incident, mut f: impl FnMut(&'a str)) {
    own_text(i, |t| {
        if !t.is_ascii() {
            f(t);
        }
        false
    });
}

/// Appends `text` folded and a line break: one field of a `folded_text`.
pub fn fold_line(out: &mut String, text: &str) {
    out.extend(folded(text));
    out.push('\n');
}

/// Whether `f` holds for one of the incident's own text fields (as they are), asked in turn; none is copied.
fn own_text<'a>(i: &'a Incident, mut f: impl FnMut(&'a str) -> bool) -> bool {
    f(&i.id)
        || i.countries.iter().any(|c| f(c))
        || [&i.site_id, &i.site, &i.weapon_detail, &i.intercepted_by, &i.casualty_detail, &i.damage, &i.claimed_by, &i.attributed_to, &i.summary, &i.summary_ar]
            .into_iter()
            .any(|t| t.as_deref().is_some_and(&mut f))
        || i.sources.iter().any(|s| f(&s.outlet) || s.title.as_deref().is_some_and(&mut f))
        || i.reports.iter().any(|r| f(&r.source) || f(&r.says))
        || i.extra.iter().any(|(_, v)| f(v))
}

/// The positions in `incidents` of those that pass `filter`, in the data's order.
pub fn apply(incidents: &[Incident], filter: &Filter) -> Vec<usize> {
    let words = filter.words();
    let passes = |i: &Incident| filter.passes_dates(i) && filter.passes_facets(i) && words.matches(i);
    incidents.iter().enumerate().filter(|(_, i)| passes(i)).map(|(n, _)| n).collect()
}

/// How many of the given incidents use each weapon, in `Weapon::ALL` order, leaving out weapons with none.
pub fn weapon_counts(incidents: &[Incident], which: &[usize]) -> Vec<(Weapon, usize)> {
    let mut counts = [0usize; Weapon::ALL.len()];
    for &n in which {
        counts[incidents[n].weapon as usize] += 1;
    }
    Weapon::ALL.into_iter().zip(counts).filter(|(_, c)| *c > 0).collect()
}

/// The bounding box (west, south, east, north) of the given incidents' points, if any.
pub fn bounds(incidents: &[Incident], which: &[usize]) -> Option<geo::Rect<f64>> {
    use geo::BoundingRect;
    let points: geo::MultiPoint<f64> = which.iter().flat_map(|&n| incidents[n].points.iter().copied()).collect();
    points.bounding_rect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::day_of;
    use crate::parse::{parse_dataset, test_incidents as made};

    fn sample() -> Vec<Incident> {
        let f = |id: &str, date: &str, weapon: &str, lng: f64| {
            format!(r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[{lng},33]}},"properties":{{"id":"{id}","date":"{date}","weapon":"{weapon}"}}}}"#)
        };
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{},{},{}]}}"#,
            f("a", "2021-07-05", "rocket", 42.0),
            f("b", "2021-08", "drone", 44.0),
            f("c", "2022-01-03", "drone", 45.5)
        );
        parse_dataset(&text).unwrap().incidents
    }

    #[test]
    fn default_filter_passes_everything() {
        assert_eq!(apply(&sample(), &Filter::default()), vec![0, 1, 2]);
    }

    #[test]
    fn date_range_is_inclusive_and_respects_month_precision() {
        let all = sample();
        let day = |y, m, d| day_of(y, m, d);
        let f = Filter { from: day(2021, 7, 5), to: day(2021, 7, 5), ..Filter::default() };
        assert_eq!(apply(&all, &f), vec![0], "both ends included");
        let f = Filter { from: day(2021, 8, 31), to: day(2021, 12, 31), ..Filter::default() };
        assert_eq!(apply(&all, &f), vec![1], "an August incident overlaps a range starting 31 August");
        let f = Filter { from: None, to: day(2021, 7, 31), ..Filter::default() };
        assert_eq!(apply(&all, &f), vec![0]);
        let f = Filter { from: day(2021, 8, 20), to: day(2021, 8, 10), ..Filter::default() };
        assert!(apply(&all, &f).is_empty(), "a range that ends before it starts holds nothing, not even a month");
    }


    #[test]
    fn facets_are_alternatives_within_and_combine_across() {
        let all = made(&[
            r#""date":"2021-01-01","weapon":"rocket","site_id":"green-zone","country":"Iraq","intercepted":1,"claimed_by":"X""#,
            r#""date":"2021-01-02","weapon":"drone","site_id":"ain-al-asad","country":"Iraq","killed":1"#,
            r#""date":"2021-01-03","weapon":"drone","kind":"strike","site":"Al-Qaim","country":["Iraq","Syria"],"impacts":2"#,
            r#""date":"2021-01-04","weapon":"mortar","site_id":"green-village","country":"Syria","summary":"Shells hit the Conoco field""#,
        ]);
        let f = |f: Filter| apply(&all, &f);
        assert_eq!(f(Filter { weapons: vec![Weapon::Rocket, Weapon::Drone], ..Filter::default() }), [0, 1, 2]);
        assert_eq!(f(Filter { weapons: vec![Weapon::Drone], countries: vec!["syria".into()], ..Filter::default() }), [2]);
        assert_eq!(f(Filter { sites: vec!["green-zone".into(), "Al-Qaim".into()], ..Filter::default() }), [0, 2], "site ids, else names");
        assert_eq!(f(Filter { kinds: vec![Kind::Strike], ..Filter::default() }), [2]);
        assert_eq!(f(Filter { outcomes: vec![Outcome::Intercepted, Outcome::Casualties], ..Filter::default() }), [0, 1]);
        assert_eq!(f(Filter { outcomes: vec![Outcome::Impacted], ..Filter::default() }), [2]);
        assert_eq!(f(Filter { claimed: Some(true), ..Filter::default() }), [0]);
        assert_eq!(f(Filter { claimed: Some(false), ..Filter::default() }), [1, 2, 3]);
        assert_eq!(f(Filter { q: "conoco  SHELLS".into(), ..Filter::default() }), [3], "every word, any case");
        assert_eq!(f(Filter { q: "mortar green".into(), ..Filter::default() }), [3], "weapon and site id are text too");
        assert!(f(Filter { q: "conoco drone".into(), ..Filter::default() }).is_empty());
        let arabic = made(&[r#""summary":"Ärger at قاعدة عين الأسد""#, r#""summary":"elsewhere""#]);
        assert_eq!(apply(&arabic, &Filter { q: "ärger عين".into(), ..Filter::default() }), [0], "other scripts and case");
    }

    #[test]
    fn arabic_words_find_the_arabic_summaries_and_weapon_names() {
        let all = parse_dataset(include_str!("../assets/data/incidents.geojson")).unwrap().incidents;
        let ids = |q: &str| -> Vec<&str> {
            apply(&all, &Filter { q: q.into(), ..Filter::default() }).into_iter().map(|n| all[n].id.as_str()).collect()
        };
        // Ain al-Asad as the Arabic summaries write it (عين الأسد), typed without the hamza, with tatweel or
        // with vowel marks.
        let ain_al_asad = ["E07", "E08", "E13", "E15"];
        for q in ["عين الأسد", "عين الاسد", "الأسد", "عيـــن الاســد", "عَيْن الأَسَد"] {
            assert_eq!(ids(q), ain_al_asad, "{q}");
        }
        assert_eq!(ids("Ain al-Asad"), ain_al_asad, "the English name finds the same");
        // صاروخ is the Arabic name of the rocket (and part of the missile's): every rocket attack, and the
        // summaries that say صاروخ/صاروخي (rocket artillery, rocket fire).
        let rockets: Vec<&str> = all.iter().filter(|i| i.weapon == Weapon::Rocket).map(|i| i.id.as_str()).collect();
        let found = ids("صاروخ");
        assert!(rockets.iter().all(|r| found.contains(r)), "{found:?}");
        assert_eq!(found, ["E02", "E04", "E07", "E09", "E11", "E12", "E14", "E15"]);
        assert_eq!(ids("مسيرة"), ["E01", "E05", "E06", "E08", "E10", "E13"], "drones: طائرة مسيّرة");
        assert_eq!(ids("ضربة"), ["E01", "E03", "E06"], "the Arabic name of a strike");
        // Words of both languages together, and Arabic words that are in no summary.
        assert_eq!(ids("C-RAM السفارة"), ["E04", "E08"]);
        assert!(ids("دمشق").is_empty());
    }

    #[test]
    fn ascii_words_match_arabic_indic_digits_and_text_not_ascii() {
        let all = made(&[
            r#""summary_ar":"سقط ٣ صواريخ","weapon":"rocket""#,
            r#""summary":"Ärger in Mosul","weapon_detail":"3 rounds""#,
            r#""summary":"nothing","summary_ar":"لا شيء""#,
        ]);
        let f = |q: &str| apply(&all, &Filter { q: q.into(), ..Filter::default() });
        assert_eq!(f("3"), [0, 1], "٣ is 3");
        assert_eq!(f("٣ rocket"), [0]);
        assert_eq!(f("ÄRGER mosul"), [1]);
        assert_eq!(f("صواريخ"), [0]);
        for q in ["3", "صواريخ", "ärger", "mosul nothing"] {
            let text_of = |n: usize| searchable_text(&all[n]);
            let naive: Vec<usize> = (0..all.len()).filter(|&n| q.split_whitespace().all(|w| text_of(n).contains(&fold_case(w)))).collect();
            assert_eq!(f(q), naive, "{q}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod reference {
        //! A naive filter written differently (day by day, value by value), to check `apply` against.
        use super::super::*;

        pub fn passes(f: &Filter, i: &Incident) -> bool {
            let some_day_in_range = (i.date.first_day()..=i.date.last_day())
                .any(|d| f.from.is_none_or(|from| d >= from) && f.to.is_none_or(|to| d <= to));
            let mut weapon_ok = f.weapons.is_empty();
            for w in &f.weapons {
                if *w == i.weapon {
                    weapon_ok = true;
                }
            }
            let kind_ok = f.kinds.is_empty() || f.kinds.contains(&i.kind);
            let site_ok = f.sites.is_empty()
                || f.sites.iter().any(|s| Some(s.as_str()) == i.site_id.as_deref().or(i.site.as_deref()));
            let country_ok = f.countries.is_empty()
                || f.countries.iter().any(|c| i.countries.iter().any(|ic| ic.to_lowercase() == c.to_lowercase()));
            let outcome_ok = f.outcomes.is_empty()
                || (f.outcomes.contains(&Outcome::Intercepted) && i.intercepted.unwrap_or(0) > 0)
                || (f.outcomes.contains(&Outcome::Impacted) && i.impacts.unwrap_or(0) > 0)
                || (f.outcomes.contains(&Outcome::Casualties) && i.killed.unwrap_or(0) + i.wounded.unwrap_or(0) > 0);
            let claimed_ok = match f.claimed {
                None => true,
                Some(c) => c == i.claimed_by.is_some(),
            };
            let text = searchable_text(i);
            let text_ok = f.q.split_whitespace().all(|w| text.contains(&fold_case(w)));
            some_day_in_range && weapon_ok && kind_ok && site_ok && country_ok && outcome_ok && claimed_ok && text_ok
        }
    }

    // proptest is a host-only dev-dependency (Cargo.toml).
    #[cfg(not(target_arch = "wasm32"))]
    mod property {
        use super::*;
        use proptest::prelude::*;

        const SITES: [&str; 3] = ["green-zone", "ain-al-asad", "taji"];
        const COUNTRIES: [&str; 2] = ["Iraq", "Syria"];
        const WORDS: [&str; 3] = ["rocket", "base", "convoy"];
        const ARABIC: [&str; 3] = ["قاعدة عين الأسد ٣", "قافلة", "إطلاق صواريخ"];
        /// Words searched for: English in any case, Arabic spelled otherwise than in the data (without hamza,
        /// with tatweel), a digit written otherwise, and weapon and kind names in Arabic.
        const QUERIES: [&str; 10] = ["ROCKET", "base", "Convoy", "قاعـــدة", "الاسد", "3", "اطلاق", "صاروخ", "مسيرة", "ضربة"];

        fn incident_props() -> impl Strategy<Value = String> {
            (
                (2020i32..2022, prop::option::of(1u8..=12), 1u8..=28),
                0usize..Weapon::ALL.len(),
                any::<bool>(),
                (0usize..3, 0usize..2),
                (prop::option::of(0u32..3), prop::option::of(0u32..3), prop::option::of(0u32..2), any::<bool>()),
                (0usize..3, prop::option::of(0usize..ARABIC.len())),
            )
                .prop_map(|((y, m, d), w, strike, (site, country), (intercepted, impacts, killed, claimed), (word, arabic))| {
                    let date = match m {
                        Some(m) => format!("{y}-{m:02}-{d:02}"),
                        None => format!("{y}-{:02}", d % 12 + 1),
                    };
                    let mut p = format!(
                        r#""date":"{date}","weapon":"{}","kind":"{}","site_id":"{}","country":"{}","summary":"a {} story""#,
                        Weapon::ALL[w].as_str(),
                        if strike { "strike" } else { "attack" },
                        SITES[site],
                        COUNTRIES[country],
                        WORDS[word],
                    );
                    for (k, v) in [("intercepted", intercepted), ("impacts", impacts), ("killed", killed)] {
                        if let Some(v) = v {
                            p.push_str(&format!(r#","{k}":{v}"#));
                        }
                    }
                    if claimed {
                        p.push_str(r#","claimed_by":"a group""#);
                    }
                    if let Some(a) = arabic {
                        p.push_str(&format!(r#","summary_ar":"{}""#, ARABIC[a]));
                    }
                    p
                })
        }

        fn filter() -> impl Strategy<Value = Filter> {
            let day = prop::option::of(day_of(2019, 12, 1).unwrap()..day_of(2022, 2, 1).unwrap());
            (
                (day.clone(), day),
                prop::collection::vec(0usize..Weapon::ALL.len(), 0..3),
                prop::collection::vec(0usize..3, 0..2),
                prop::collection::vec(0usize..2, 0..2),
                (prop::collection::vec(any::<bool>(), 0..2), prop::collection::vec(0usize..3, 0..2)),
                (prop::option::of(any::<bool>()), prop::collection::vec(0usize..QUERIES.len(), 0..3)),
            )
                .prop_map(|((from, to), weapons, sites, countries, (kinds, outcomes), (claimed, words))| Filter {
                    from,
                    to,
                    weapons: weapons.into_iter().map(|w| Weapon::ALL[w]).collect(),
                    sites: sites.into_iter().map(|s| SITES[s].to_string()).collect(),
                    countries: countries.into_iter().map(|c| COUNTRIES[c].to_uppercase()).collect(),
                    kinds: kinds.into_iter().map(|s| if s { Kind::Strike } else { Kind::Attack }).collect(),
                    outcomes: outcomes.into_iter().map(|o| Outcome::ALL[o]).collect(),
                    claimed,
                    q: words.into_iter().map(|w| QUERIES[w]).collect::<Vec<_>>().join(" "),
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
            #[test]
            fn apply_agrees_with_the_naive_reference(rows in prop::collection::vec(incident_props(), 0..25), f in filter()) {
                let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
                let all = made(&refs);
                let expected: Vec<usize> = (0..all.len()).filter(|&n| reference::passes(&f, &all[n])).collect();
                prop_assert_eq!(apply(&all, &f), expected);
            }
        }
    }

    #[test]
    fn weapons_filter() {
        let f = Filter { weapons: vec![Weapon::Drone], ..Filter::default() };
        assert_eq!(apply(&sample(), &f), vec![1, 2]);
    }

    #[test]
    fn weapon_counts_follow_the_selection() {
        let all = sample();
        assert_eq!(weapon_counts(&all, &[0, 1, 2]), vec![(Weapon::Rocket, 1), (Weapon::Drone, 2)]);
        assert_eq!(weapon_counts(&all, &[2]), vec![(Weapon::Drone, 1)]);
        assert!(weapon_counts(&all, &[]).is_empty());
    }

    #[test]
    fn bounds_cover_the_points() {
        let all = sample();
        let r = bounds(&all, &[0, 2]).unwrap();
        assert_eq!((r.min().x, r.max().x), (42.0, 45.5));
        assert!(bounds(&all, &[]).is_none());
    }
}
