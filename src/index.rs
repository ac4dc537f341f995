//! A columnar index of the loaded incidents, built once per load, so that a filter change reads a few small
//! arrays instead of every incident: days as integers, weapon/kind/outcome/claimed as bit flags, sites and
//! countries as small integer codes tested against bit sets. Free text falls back to the incidents' text.
//! Pure; `filter::apply` is the reference it is tested against.

use crate::filter::Filter;
use crate::model::{Incident, Outcome};

/// Flag bits of one incident beside its weapon and kind.
const INTERCEPTED: u8 = 1;
const IMPACTED: u8 = 2;
const CASUALTIES: u8 = 4;
const CLAIMED: u8 = 8;
const STRIKE: u8 = 16;
/// Code of "no site".
const NO_SITE: u32 = u32::MAX;

/// The columns, one entry per incident, in the incidents' order.
#[derive(Clone, Debug, Default, PartialEq)]
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
                        site_codes.insert(key.to_string(), c);
                        c
                    }
                },
            };
            ix.site.push(code);
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
        ix
    }

    /// The code of incident `n`'s site (`Incident::site_key`), if it has one: 0 ≤ code < `site_count()`.
    pub fn site_code(&self, n: usize) -> Option<u32> {
        self.site.get(n).copied().filter(|&c| c != NO_SITE)
    }

    pub fn site_count(&self) -> usize {
        self.site_keys.len()
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
            if countries.is_some_and(|mask| self.countries[n] & mask == 0) {
                continue;
            }
            if !words.is_empty() && !words.matches(&incidents[n]) {
                continue;
            }
            out.push(n);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::apply;
    use crate::model::{Kind, Weapon};
    use crate::parse::test_incidents;
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;

    fn sample() -> Vec<Incident> {
        test_incidents(&[
            r#""date":"2021-01-01","weapon":"rocket","site_id":"green-zone","country":"Iraq","intercepted":1,"claimed_by":"X""#,
            r#""date":"2021-02","weapon":"drone","site_id":"ain-al-asad","country":"iraq","killed":1"#,
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
        ];
        for f in filters {
            assert_eq!(ix.apply(&all, &f), apply(&all, &f), "{f:?}");
        }
        assert_eq!(ix.extent(), crate::histogram::extent(&all));
        assert_eq!(ix.country_names(), ["Iraq", "Syria"], "\"iraq\" is Iraq");
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
                q: String::new(),
            };
            prop_assert_eq!(Index::build(&all).apply(&all, &f), apply(&all, &f));
        }
    }
}
