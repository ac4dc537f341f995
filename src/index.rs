//! A columnar index of the loaded incidents, built once per load, so that a filter change reads a few small
//! arrays instead of every incident: days as integers, weapon/kind/outcome/claimed as bit flags, sites and
//! countries as small integer codes tested against bit sets. Free text reads the incidents' ASCII text in place;
//! their other text (Arabic) is folded once per load, each distinct text once, and the names of each site in the
//! gazetteer once per site. Pure; `filter::apply` is the reference it is tested against.

use std::borrow::Cow;
use std::sync::Arc;

use crate::filter::{fold_line, non_ascii_fields, Filter, Words};
use crate::gazetteer::{by_key, Site};
use crate::i18n::Lang;
use crate::model::{Incident, Kind, Outcome, Weapon};

/// Flag bits of one incident beside its weapon and kind.
const INTERCEPTED: u8 = 1;
const IMPACTED: u8 = 2;
const CASUALTIES: u8 = 4;
const CLAIMED: u8 = 8;
const STRIKE: u8 = 16;
/// Code of "no site".
const NO_SITE: u32 = u32::MAX;
/// The country bit that the 64th country and every one after it share.
const SHARED_COUNTRY_BIT: u64 = 1 << 63;
/// The place of an incident without exactly one point.
const NOWHERE: (f32, f32) = (f32::NAN, f32::NAN);
/// Position of "no folded text".
const NO_TEXT: u32 = u32::MAX;
/// Slots of the table of recently folded texts (`Index::fold_texts`).
const FOLD_SLOTS: usize = 1024;

/// The columns, one entry per incident, in the incidents' order.
#[derive(Clone, Debug, Default)]
pub struct Index {
    first: Vec<i32>,
    last: Vec<i32>,
    weapon: Vec<u8>,
    flags: Vec<u8>,
    site: Vec<u32>,
    /// Bit `c` set when the incident is in the country with code `c` (up to 64 countries; more share bit 63).
    countries: Vec<u64>,
    site_keys: Vec<String>,
    country_names: Vec<String>,
    /// Where each incident is, in Web Mercator pixels at zoom 0 (`cluster::project`); NaN unless it has
    /// exactly one point.
    points: Vec<(f32, f32)>,
    /// Where each site's badge goes: the point of its first incident with one point (NaN if none has).
    site_points: Vec<(f32, f32)>,
    /// Each site's first incident, whose `site` names it.
    site_first: Vec<u32>,
    /// The numbers the summary adds up (`Numbers`).
    numbers: Numbers,
    /// Each incident's `filter::folded_text` (the folded text of its fields that are not ASCII) as a position in
    /// `texts` (`NO_TEXT` for none); empty while no incident has any, so ASCII data costs nothing here.
    text_of: Vec<u32>,
    /// The distinct folded texts.
    texts: Vec<Arc<str>>,
    /// Each site's names in the gazetteer, folded (`Site::search_names`; empty when it is not there), when the
    /// index is built with one.
    site_names: Vec<String>,
    /// Each site's Arabic name in the gazetteer (`name_ar`), when the index is built with one.
    site_ar: Vec<Option<String>>,
}

fn day(d: i64) -> i32 {
    i32::try_from(d).unwrap_or(if d < 0 { i32::MIN } else { i32::MAX })
}

impl Index {
    pub fn build(incidents: &[Incident]) -> Index {
        let mut ix = Index::default();
        let n = incidents.len();
        ix.first.reserve_exact(n);
        ix.last.reserve_exact(n);
        ix.weapon.reserve_exact(n);
        ix.flags.reserve_exact(n);
        ix.site.reserve_exact(n);
        ix.countries.reserve_exact(n);
        ix.points.reserve_exact(n);
        let mut site_codes: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        for i in incidents {
            ix.first.push(day(i.date.first_day()));
            ix.last.push(day(i.date.last_day()));
            ix.weapon.push(i.weapon as u8);
            let mut f = 0;
            for (on, bit) in [
                (i.was_intercepted(), INTERCEPTED),
                (i.impacted(), IMPACTED),
                (i.has_casualties(), CASUALTIES),
                (i.claimed_by.is_some(), CLAIMED),
                (i.kind == crate::model::Kind::Strike, STRIKE),
            ] {
                if on {
                    f |= bit;
                }
            }
            ix.flags.push(f);
            let code = match i.site_key() {
                None => NO_SITE,
                Some(key) => match site_codes.get(key) {
                    Some(&c) => c,
                    None => {
                        let c = ix.site_keys.len() as u32;
                        ix.site_keys.push(key.to_string());
                        ix.site_points.push(NOWHERE);
                        ix.site_first.push(ix.site.len() as u32);
                        site_codes.insert(key.to_string(), c);
                        c
                    }
                },
            };
            ix.site.push(code);
            let at = match i.points.as_slice() {
                [p] => {
                    let (x, y) = crate::cluster::project(*p, 0.0);
                    (x as f32, y as f32)
                }
                _ => NOWHERE,
            };
            ix.points.push(at);
            if let Some(s) = ix.site_points.get_mut(code as usize).filter(|s| s.0.is_nan()) {
                *s = at;
            }
            let mut bits = 0u64;
            for c in &i.countries {
                let code = match ix.country_names.iter().position(|n| n.eq_ignore_ascii_case(c)) {
                    Some(p) => p,
                    None => {
                        ix.country_names.push(c.to_string());
                        ix.country_names.len() - 1
                    }
                };
                bits |= 1 << code.min(63);
            }
            ix.countries.push(bits);
        }
        ix.numbers = Numbers::build(incidents);
        ix.fold_texts(incidents);
        ix
    }

    /// The index of `incidents` whose free text also matches the names of each incident's site in the gazetteer
    /// `sites` (found by `gazetteer::by_key`): its name, Arabic name and aliases.
    pub fn build_with_sites(incidents: &[Incident], sites: &[Site]) -> Index {
        let mut ix = Index::build(incidents);
        ix.site_names = ix.site_keys.iter().map(|k| by_key(sites, k).map(Site::search_names).unwrap_or_default()).collect();
        ix.site_ar = ix.site_keys.iter().map(|k| by_key(sites, k).and_then(|s| s.name_ar.as_deref()).filter(|n| !n.trim().is_empty()).map(str::to_string)).collect();
        ix
    }

    /// Fills `text_of` and `texts`. Folding is the slow part, so a small table remembers, by address, which
    /// texts recent incidents' folded texts were made of: the loader stores equal texts once, so incidents that
    /// share them (a site's name on every row) take the folded text already made.
    fn fold_texts(&mut self, incidents: &[Incident]) {
        let mut seen: rustc_hash::FxHashMap<Arc<str>, u32> = rustc_hash::FxHashMap::default();
        let mut recent: Vec<(Vec<(usize, usize)>, u32)> = vec![(Vec::new(), NO_TEXT); FOLD_SLOTS];
        let mut fields: Vec<&str> = Vec::new();
        let address = |t: &&str| (t.as_ptr() as usize, t.len());
        for (n, i) in incidents.iter().enumerate() {
            fields.clear();
            non_ascii_fields(i, |t| fields.push(t));
            if fields.is_empty() {
                continue;
            }
            let hash = fields.iter().map(address).fold(0u64, |h, (p, l)| (h ^ p as u64 ^ (l as u64) << 48).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let slot = &mut recent[(hash >> 40) as usize % FOLD_SLOTS];
            let at = if slot.1 != NO_TEXT && slot.0.iter().copied().eq(fields.iter().map(address)) {
                slot.1
            } else {
                let mut text = String::new();
                fields.iter().for_each(|t| fold_line(&mut text, t));
                let at = match seen.get(text.as_str()) {
                    Some(&at) => at,
                    None => {
                        let at = self.texts.len() as u32;
                        let text: Arc<str> = text.into();
                        self.texts.push(text.clone());
                        seen.insert(text, at);
                        at
                    }
                };
                slot.0.clear();
                slot.0.extend(fields.iter().map(address));
                slot.1 = at;
                at
            };
            self.text_of.resize(n, NO_TEXT);
            self.text_of.push(at);
        }
        if !self.text_of.is_empty() {
            self.text_of.resize(incidents.len(), NO_TEXT);
        }
    }

    /// Incident `n`'s `filter::folded_text`, as prepared.
    fn folded_text(&self, n: usize) -> &str {
        self.text_of.get(n).and_then(|&t| self.texts.get(t as usize)).map_or("", |t| &**t)
    }

    /// Whether incident `i`, the `n`th, has every word (`in_site_names` as `Words::occurrences` of the sites' names).
    /// Out of `apply`'s loop, which stays small for the filters without words.
    #[inline(never)]
    fn matches_words(&self, i: &Incident, n: usize, words: &Words, in_site_names: &[bool]) -> bool {
        let (code, sites) = (self.site[n] as usize, self.site_names.len());
        // The weapon and kind from the columns: a word that names them needs no look at the incident itself.
        let weapon = Weapon::ALL[usize::from(self.weapon[n])];
        let kind = if self.flags[n] & STRIKE != 0 { Kind::Strike } else { Kind::Attack };
        let elsewhere = |k: usize| words.in_names(k, weapon, kind) || (code < sites && in_site_names[k * sites + code]);
        words.matches_with(i, elsewhere, || Cow::Borrowed(self.folded_text(n)))
    }

    /// The code of incident `n`'s site (`Incident::site_key`), if it has one: 0 ≤ code < `site_count()`.
    pub fn site_code(&self, n: usize) -> Option<u32> {
        self.site.get(n).copied().filter(|&c| c != NO_SITE)
    }

    pub fn site_count(&self) -> usize {
        self.site_keys.len()
    }

    /// The key (`Incident::site_key`) of the site with `code`.
    pub fn site_key(&self, code: u32) -> &str {
        self.site_keys.get(code as usize).map_or("", String::as_str)
    }

    /// The name of the site with `code`, as its first incident writes it (else its key).
    pub fn site_name<'a>(&'a self, incidents: &'a [Incident], code: u32) -> &'a str {
        let first = self.site_first.get(code as usize).and_then(|&n| incidents.get(n as usize));
        first.and_then(|i| i.site.as_deref()).unwrap_or_else(|| self.site_key(code))
    }

    /// The name of the site with `code` in `lang`: the gazetteer's Arabic name in Arabic when it has one, else
    /// as [`Index::site_name`].
    pub fn site_name_in<'a>(&'a self, incidents: &'a [Incident], code: u32, lang: Lang) -> &'a str {
        match (lang, self.site_ar.get(code as usize).and_then(Option::as_deref)) {
            (Lang::Ar, Some(name)) => name,
            _ => self.site_name(incidents, code),
        }
    }

    /// Incident `n`'s place in Web Mercator pixels at zoom 0, if it has exactly one point.
    pub fn point(&self, n: usize) -> Option<(f64, f64)> {
        self.points.get(n).filter(|p| !p.0.is_nan()).map(|&(x, y)| (f64::from(x), f64::from(y)))
    }

    /// Where the badge of the site with `code` goes (as `point`): its first incident with one point.
    pub fn site_point(&self, code: u32) -> Option<(f64, f64)> {
        self.site_points.get(code as usize).filter(|p| !p.0.is_nan()).map(|&(x, y)| (f64::from(x), f64::from(y)))
    }

    /// The first and last day the data covers, if it has incidents.
    pub fn extent(&self) -> Option<(i64, i64)> {
        let first = self.first.iter().min()?;
        let last = self.last.iter().max()?;
        Some((i64::from(*first), i64::from(*last)))
    }

    /// The countries of the data, each once (compared without regard to case), in order of appearance.
    pub fn country_names(&self) -> &[String] {
        &self.country_names
    }

    pub fn len(&self) -> usize {
        self.first.len()
    }

    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }

    /// The positions of the incidents passing `f`, in order. `incidents` must be those the index was built
    /// from; only free text reads them.
    pub fn apply(&self, incidents: &[Incident], f: &Filter) -> Vec<usize> {
        let from = f.from.map_or(i32::MIN, day);
        let to = f.to.map_or(i32::MAX, day);
        let weapons: u16 = if f.weapons.is_empty() { u16::MAX } else { f.weapons.iter().fold(0, |m, w| m | 1 << (*w as u16)) };
        let kinds = (f.kinds.contains(&crate::model::Kind::Attack), f.kinds.contains(&crate::model::Kind::Strike));
        let any_kind = f.kinds.is_empty() || (kinds.0 && kinds.1);
        let outcomes: u8 = f.outcomes.iter().fold(0, |m, o| {
            m | match o {
                Outcome::Intercepted => INTERCEPTED,
                Outcome::Impacted => IMPACTED,
                Outcome::Casualties => CASUALTIES,
            }
        });
        // Sites asked for that this data has; none of them → nothing passes.
        let sites: Option<Vec<bool>> = (!f.sites.is_empty()).then(|| {
            let mut wanted = vec![false; self.site_keys.len()];
            for (c, key) in self.site_keys.iter().enumerate() {
                wanted[c] = f.sites.iter().any(|s| s == key);
            }
            wanted
        });
        let countries: Option<u64> = (!f.countries.is_empty()).then(|| {
            self.country_names
                .iter()
                .enumerate()
                .filter(|(_, n)| f.countries.iter().any(|c| c.eq_ignore_ascii_case(n)))
                .fold(0, |m, (c, _)| m | 1 << c.min(63))
        });
        let words = f.words();
        // Which word occurs in which site's names, worked out once per site rather than per incident.
        let in_site_names = if words.is_empty() { Vec::new() } else { words.occurrences(&self.site_names) };
        let mut out = Vec::new();
        if from > to {
            return out;
        }
        // Indexing several columns (and the incidents) by position is the point here.
        #[allow(clippy::needless_range_loop)]
        for n in 0..self.len() {
            if self.last[n] < from || self.first[n] > to || weapons & (1 << self.weapon[n]) == 0 {
                continue;
            }
            let flags = self.flags[n];
            if !any_kind && ((flags & STRIKE != 0) != kinds.1) {
                continue;
            }
            if outcomes != 0 && flags & outcomes == 0 {
                continue;
            }
            if f.claimed.is_some_and(|want| (flags & CLAIMED != 0) != want) {
                continue;
            }
            if let Some(wanted) = &sites {
                let code = self.site[n];
                if code == NO_SITE || !wanted[code as usize] {
                    continue;
                }
            }
            if let Some(mask) = countries {
                let hit = self.countries[n] & mask;
                // Bit 63 is shared by every country past the 63rd: a match on it alone is checked by name.
                if hit == 0 || (hit == SHARED_COUNTRY_BIT && !f.names_country_of(&incidents[n])) {
                    continue;
                }
            }
            if !words.is_empty() && !self.matches_words(&incidents[n], n, &words, &in_site_names) {
                continue;
            }
            out.push(n);
        }
        out
    }
}

/// Bits of `Numbers::known`: which of an incident's numbers the data gives.
const LAUNCHED_KNOWN: u8 = 1;
const INTERCEPTED_KNOWN: u8 = 2;
const KILLED_KNOWN: u8 = 4;
const WOUNDED_KNOWN: u8 = 8;

/// Launched, intercepted, killed and wounded per incident (0 where unknown, told apart by `known`), so totals
/// over a selection read four small columns instead of every incident.
#[derive(Clone, Debug, Default)]
struct Numbers {
    launched: Vec<u32>,
    intercepted: Vec<u32>,
    killed: Vec<u32>,
    wounded: Vec<u32>,
    known: Vec<u8>,
}

impl Numbers {
    fn build(incidents: &[Incident]) -> Numbers {
        let mut out = Numbers::default();
        for i in incidents {
            let mut known = 0;
            for (value, column, bit) in [
                (i.launched, &mut out.launched, LAUNCHED_KNOWN),
                (i.intercepted, &mut out.intercepted, INTERCEPTED_KNOWN),
                (i.killed, &mut out.killed, KILLED_KNOWN),
                (i.wounded, &mut out.wounded, WOUNDED_KNOWN),
            ] {
                column.push(value.unwrap_or(0));
                if value.is_some() {
                    known |= bit;
                }
            }
            out.known.push(known);
        }
        out
    }

    fn get(&self, column: &[u32], n: usize, bit: u8) -> Option<u32> {
        (self.known[n] & bit != 0).then(|| column[n])
    }
}

/// Columns for the views that count a selection (timeline, legend, summary) and sort it (list).
impl Index {
    /// Each incident's first day (`IncidentDate::first_day`, clamped to `i32`).
    pub fn first_days(&self) -> &[i32] {
        &self.first
    }

    /// Each incident's last day: the same as its first day exactly when the date is known to the day.
    pub fn last_days(&self) -> &[i32] {
        &self.last
    }

    /// Each incident's weapon, as `Weapon as u8` (its place in `Weapon::ALL`).
    pub fn weapon_codes(&self) -> &[u8] {
        &self.weapon
    }

    pub fn launched(&self, n: usize) -> Option<u32> {
        self.numbers.get(&self.numbers.launched, n, LAUNCHED_KNOWN)
    }

    pub fn intercepted(&self, n: usize) -> Option<u32> {
        self.numbers.get(&self.numbers.intercepted, n, INTERCEPTED_KNOWN)
    }

    pub fn killed(&self, n: usize) -> Option<u32> {
        self.numbers.get(&self.numbers.killed, n, KILLED_KNOWN)
    }

    pub fn wounded(&self, n: usize) -> Option<u32> {
        self.numbers.get(&self.numbers.wounded, n, WOUNDED_KNOWN)
    }

    /// Incidents per weapon among `which` (positions past the end are skipped), in `Weapon::ALL` order.
    pub fn weapon_counts(&self, which: &[usize]) -> [usize; crate::model::Weapon::ALL.len()] {
        let mut counts = [0; crate::model::Weapon::ALL.len()];
        for &n in which {
            if let Some(&w) = self.weapon.get(n) {
                counts[usize::from(w)] += 1;
            }
        }
        counts
    }

    /// The weapons the data has, in `Weapon::ALL` order.
    pub fn weapons_present(&self) -> Vec<crate::model::Weapon> {
        let mut seen = [false; crate::model::Weapon::ALL.len()];
        for &w in &self.weapon {
            seen[usize::from(w)] = true;
        }
        crate::model::Weapon::ALL.into_iter().filter(|w| seen[*w as usize]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::apply;
    use crate::parse::test_incidents;
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;

    fn sample() -> Vec<Incident> {
        test_incidents(&[
            r#""date":"2021-01-01","weapon":"rocket","site_id":"green-zone","country":"Iraq","intercepted":1,"claimed_by":"X""#,
            r#""date":"2021-02","weapon":"drone","site_id":"ain-al-asad","country":"iraq","killed":1,"summary_ar":"مسيّرة فوق عين الأسد""#,
            r#""date":"2021-01-03","weapon":"airstrike","kind":"strike","site":"Al-Qaim","country":["Iraq","Syria"],"impacts":2"#,
            r#""date":"2022","weapon":"mortar","country":"Syria","summary":"shells near the Conoco field""#,
        ])
    }

    #[test]
    fn the_index_agrees_with_the_filter_on_each_facet() {
        let all = sample();
        let ix = Index::build(&all);
        let filters = [
            Filter::default(),
            Filter { weapons: vec![Weapon::Drone, Weapon::Mortar], ..Filter::default() },
            Filter { from: crate::model::day_of(2021, 2, 15), to: crate::model::day_of(2022, 6, 1), ..Filter::default() },
            Filter { kinds: vec![Kind::Strike], ..Filter::default() },
            Filter { kinds: vec![Kind::Attack], ..Filter::default() },
            Filter { sites: vec!["Al-Qaim".into(), "nowhere".into()], ..Filter::default() },
            Filter { countries: vec!["SYRIA".into()], ..Filter::default() },
            Filter { outcomes: vec![Outcome::Impacted, Outcome::Casualties], ..Filter::default() },
            Filter { claimed: Some(false), ..Filter::default() },
            Filter { q: "conoco".into(), ..Filter::default() },
            Filter { q: "عين الاسد".into(), ..Filter::default() },
            Filter { q: "صاروخ iraq".into(), ..Filter::default() },
        ];
        for f in filters {
            assert_eq!(ix.apply(&all, &f), apply(&all, &f), "{f:?}");
        }
        assert_eq!(ix.extent(), crate::histogram::extent(&all));
        assert_eq!(ix.country_names(), ["Iraq", "Syria"], "\"iraq\" is Iraq");
    }

    #[test]
    fn the_columns_agree_with_the_incidents() {
        let all = test_incidents(&[
            r#""weapon":"rocket","launched":31,"intercepted":8,"killed":0"#,
            r#""weapon":"drone","wounded":5,"date":"2021-02""#,
            r#""weapon":"rocket","intercepted":2"#,
        ]);
        let ix = Index::build(&all);
        for (n, i) in all.iter().enumerate() {
            assert_eq!((ix.launched(n), ix.intercepted(n), ix.killed(n), ix.wounded(n)), (i.launched, i.intercepted, i.killed, i.wounded));
            assert_eq!(i64::from(ix.first_days()[n]), i.date.first_day());
            assert_eq!(i64::from(ix.last_days()[n]), i.date.last_day());
            assert_eq!(ix.weapon_codes()[n], i.weapon as u8);
        }
        let counts = ix.weapon_counts(&[0, 1, 2, 7]);
        assert_eq!((counts[Weapon::Rocket as usize], counts[Weapon::Drone as usize], counts.iter().sum::<usize>()), (2, 1, 3));
        assert_eq!(ix.weapons_present(), [Weapon::Rocket, Weapon::Drone]);
    }

    #[test]
    fn arabic_text_is_folded_once_per_load_and_shared() {
        let all = test_incidents(&[
            r#""summary_ar":"صاروخ","site":"عين الأسد""#,
            r#""summary":"ascii only""#,
            r#""summary_ar":"صاروخ","site":"عين الأسد""#,
            r#""summary_ar":"صاروخ""#,
            // Texts that are not shared by the loader (a source's outlet): equal ones still give one text.
            r#""sources":[{"outlet":"شفق نيوز"}]"#,
            r#""sources":[{"outlet":"شفق نيوز"}]"#,
            r#""summary_ar":"عين الأسد","site":"صاروخ""#,
        ]);
        let ix = Index::build(&all);
        assert_eq!(ix.texts.len(), 4, "one folded text per distinct combination");
        assert_eq!(ix.text_of, [0, NO_TEXT, 0, 1, 2, 2, 3]);
        for (n, i) in all.iter().enumerate() {
            assert_eq!(ix.folded_text(n), crate::filter::folded_text(i), "{n}");
        }
        assert!(ix.folded_text(0).contains("عين الاسد"));
        let ascii = Index::build(&all[1..2]);
        assert!(ascii.text_of.is_empty() && ascii.texts.is_empty(), "ASCII data costs no column");
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]
        /// Whatever texts repeat, and in whatever order (the table of recent texts is by address), each incident
        /// gets its own folded text.
        #[test]
        fn the_prepared_text_is_each_incidents_own(picks in prop::collection::vec((0usize..4, 0usize..4, 0usize..3), 0..60)) {
            let texts = ["", "صاروخ", "عين الأسد", "قاعـدة ٣"];
            let rows: Vec<String> = picks
                .iter()
                .map(|&(a, s, o)| {
                    let mut p = format!(r#""summary_ar":"{}","site":"{}""#, texts[a], texts[s]);
                    if o > 0 {
                        p.push_str(&format!(r#","sources":[{{"outlet":"{}"}}]"#, texts[o]));
                    }
                    p
                })
                .collect();
            let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
            let all = test_incidents(&refs);
            let ix = Index::build(&all);
            for (n, i) in all.iter().enumerate() {
                prop_assert_eq!(ix.folded_text(n), crate::filter::folded_text(i));
            }
        }
    }

    #[test]
    fn with_the_gazetteer_a_site_has_its_arabic_name() {
        let sites = crate::gazetteer::parse_sites(include_str!("../assets/data/sites.json")).unwrap();
        let all = crate::parse::parse_dataset(include_str!("../assets/data/incidents.geojson")).unwrap().incidents;
        let (ix, plain) = (Index::build_with_sites(&all, &sites), Index::build(&all));
        let n = all.iter().position(|i| i.id == "E14").unwrap();
        let code = ix.site_code(n).unwrap();
        assert_eq!(ix.site_name_in(&all, code, Lang::Ar), "معسكر التاجي");
        assert_eq!(ix.site_name_in(&all, code, Lang::En), all[n].site.as_deref().unwrap());
        assert_eq!(plain.site_name_in(&all, code, Lang::Ar), all[n].site.as_deref().unwrap(), "English without the gazetteer");
    }

    #[test]
    fn with_the_gazetteer_the_search_knows_every_name_of_a_site() {
        use crate::gazetteer::parse_sites;
        use crate::filter::searchable_text;
        use crate::text::fold_case;
        let sites = parse_sites(include_str!("../assets/data/sites.json")).unwrap();
        let all = crate::parse::parse_dataset(include_str!("../assets/data/incidents.geojson")).unwrap().incidents;
        let ix = Index::build_with_sites(&all, &sites);
        let plain = Index::build(&all);
        let ids = |ix: &Index, q: &str| -> Vec<String> {
            ix.apply(&all, &Filter { q: q.into(), ..Filter::default() }).into_iter().map(|n| all[n].id.clone()).collect()
        };
        // Names that only the gazetteer gives: the Arabic name of Camp Taji, an Arabic alias of the Green Zone,
        // an English alias of Baghdad airport.
        assert_eq!(ids(&ix, "معسكر التاجي"), ["E14"]);
        assert_eq!(ids(&ix, "المنطقة الدولية"), ["E04", "E09"]);
        assert_eq!(ids(&ix, "BIAP"), ["E01", "E10"]);
        assert_eq!(ids(&ix, "مطار هولير"), ["E05"]);
        for q in ["معسكر التاجي", "المنطقة الدولية", "BIAP"] {
            assert!(ids(&plain, q).is_empty(), "{q}: not without the gazetteer");
        }
        // The naive reference: the incident's searchable text and its site's names, every word in it.
        for q in ["معسكر التاجي", "المنطقة الدولية", "biap", "عين الاسد", "قاعدة", "صاروخ الخضراء", "green zone", "x", "كي 1", "3"] {
            let expected: Vec<usize> = (0..all.len())
                .filter(|&n| {
                    let site = all[n].site_key().and_then(|k| by_key(&sites, k)).map(Site::search_names).unwrap_or_default();
                    let text = searchable_text(&all[n]) + &site;
                    q.split_whitespace().all(|w| text.contains(&fold_case(w)))
                })
                .collect();
            assert_eq!(ix.apply(&all, &Filter { q: q.into(), ..Filter::default() }), expected, "{q}");
        }
        // Without a word, the gazetteer changes nothing.
        let f = Filter { weapons: vec![Weapon::Drone], ..Filter::default() };
        assert_eq!(ix.apply(&all, &f), apply(&all, &f));
    }

    #[test]
    fn countries_past_the_64th_are_told_apart() {
        let rows: Vec<String> = (0..70).map(|c| format!(r#""date":"2021-01-01","country":"Land {c}""#)).collect();
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let all = test_incidents(&refs);
        let ix = Index::build(&all);
        for wanted in [vec!["Land 69".to_string()], vec!["land 63".into()], vec!["Land 2".into(), "Land 66".into()]] {
            let f = Filter { countries: wanted, ..Filter::default() };
            assert_eq!(ix.apply(&all, &f), apply(&all, &f), "{:?}", f.countries);
        }
        let f = Filter { countries: vec!["Land 69".into()], ..Filter::default() };
        assert_eq!(ix.apply(&all, &f), [69]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        #[test]
        fn the_index_agrees_with_the_filter(
            weapons in prop::collection::vec(0usize..Weapon::ALL.len(), 0..3),
            from in prop::option::of(18_600i64..19_100),
            span in -30i64..500,
            kinds in prop::collection::vec(any::<bool>(), 0..3),
            sites in prop::collection::vec(0usize..4, 0..3),
            countries in prop::collection::vec(0usize..3, 0..2),
            outcomes in prop::collection::vec(0usize..3, 0..3),
            claimed in prop::option::of(any::<bool>()),
            words in prop::collection::vec(0usize..7, 0..3),
        ) {
            let all = sample();
            let names = ["green-zone", "ain-al-asad", "Al-Qaim", "taji"];
            let f = Filter {
                from,
                to: from.map(|d| d + span),
                weapons: weapons.into_iter().map(|w| Weapon::ALL[w]).collect(),
                kinds: kinds.into_iter().map(|s| if s { Kind::Strike } else { Kind::Attack }).collect(),
                sites: sites.into_iter().map(|s| names[s].to_string()).collect(),
                countries: countries.into_iter().map(|c| ["iraq", "Syria", "Jordan"][c].to_string()).collect(),
                outcomes: outcomes.into_iter().map(|o| Outcome::ALL[o]).collect(),
                claimed,
                q: words.into_iter().map(|w| ["conoco", "IRAQ", "الاسد", "مسيرة", "صاروخ", "هجوم", "x"][w]).collect::<Vec<_>>().join(" "),
            };
            prop_assert_eq!(Index::build(&all).apply(&all, &f), apply(&all, &f));
        }
    }
}
