//! The list's order: what it is sorted by, and each order as a permutation of every incident, made once per
//! load and sort from integer keys, so that a filter change only filters the permutation through the selection
//! (linear, no comparison) and every window of the sorted selection is at hand. Pure; `compare` is the
//! reference the permutations are tested against.
//!
//! Also the app's one copy of the standard library's stable sort (`sort_by`): each `sort_by` on another element
//! type or comparator is another monomorphised copy of the sort (about 3.5 KB of wasm each); these sort
//! positions with a `dyn` comparator, so the wasm has that code once.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::i18n::{Locale, Msg};
use crate::model::{Incident, Weapon};
use crate::text::folded;

/// What the list is sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Date,
    Site,
    Weapon,
    Launched,
    Intercepted,
    Casualties,
    Claimed,
}

impl SortKey {
    /// Every key, in column order.
    pub const ALL: [SortKey; 7] = [
        SortKey::Date,
        SortKey::Site,
        SortKey::Weapon,
        SortKey::Launched,
        SortKey::Intercepted,
        SortKey::Casualties,
        SortKey::Claimed,
    ];

    /// The key's name for people, as its header button shows it.
    pub fn label(self, loc: Locale) -> &'static str {
        loc.t(match self {
            SortKey::Date => Msg::ListDate,
            SortKey::Site => Msg::ListSite,
            SortKey::Weapon => Msg::ListWeapon,
            SortKey::Launched => Msg::ListLaunched,
            SortKey::Intercepted => Msg::ListIntercepted,
            SortKey::Casualties => Msg::ListCasualties,
            SortKey::Claimed => Msg::ListClaimed,
        })
    }

    /// The direction of the first press on a header: text A→Z, dates and numbers largest first, claimed first.
    pub fn starts_descending(self) -> bool {
        !matches!(self, SortKey::Site | SortKey::Weapon)
    }
}

/// A sort order: the key and its direction. Unknown values come last in both directions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Default for Sort {
    /// Newest first.
    fn default() -> Sort {
        Sort { key: SortKey::Date, descending: true }
    }
}

impl Sort {
    /// The order after pressing `key`'s header: the same key flips direction, another key starts in its own.
    pub fn pressed(self, key: SortKey) -> Sort {
        if self.key == key {
            Sort { key, descending: !self.descending }
        } else {
            Sort { key, descending: key.starts_descending() }
        }
    }

    /// The `aria-sort` value of a column sorted by any of `keys`.
    pub fn aria_sort(self, keys: &[SortKey]) -> &'static str {
        match (keys.contains(&self.key), self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }

    /// "date, newest first", for the table's caption.
    pub fn describe(self, loc: Locale) -> &'static str {
        loc.t(match (self.key, self.descending) {
            (SortKey::Date, true) => Msg::ListDateNewest,
            (SortKey::Date, false) => Msg::ListDateOldest,
            (SortKey::Site, false) => Msg::ListSiteAZ,
            (SortKey::Site, true) => Msg::ListSiteZA,
            (SortKey::Weapon, false) => Msg::ListWeaponAZ,
            (SortKey::Weapon, true) => Msg::ListWeaponZA,
            (SortKey::Launched, true) => Msg::ListLaunchedLargest,
            (SortKey::Launched, false) => Msg::ListLaunchedSmallest,
            (SortKey::Intercepted, true) => Msg::ListInterceptedLargest,
            (SortKey::Intercepted, false) => Msg::ListInterceptedSmallest,
            (SortKey::Casualties, true) => Msg::ListCasualtiesLargest,
            (SortKey::Casualties, false) => Msg::ListCasualtiesSmallest,
            (SortKey::Claimed, true) => Msg::ListClaimedFirst,
            (SortKey::Claimed, false) => Msg::ListUnclaimedFirst,
        })
    }
}

/// Killed plus wounded, where at least one is known.
pub fn casualties(i: &Incident) -> Option<u64> {
    match (i.killed, i.wounded) {
        (None, None) => None,
        (k, w) => Some(u64::from(k.unwrap_or(0)) + u64::from(w.unwrap_or(0))),
    }
}

/// The site's name, unless it is missing or blank.
pub fn site_name(i: &Incident) -> Option<&str> {
    i.site.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The weapon's name in the reader's language, unless the data does not know it (`Unknown`, sorted last).
fn weapon_name(loc: Locale, i: &Incident) -> Option<&'static str> {
    (i.weapon != Weapon::Unknown).then(|| loc.weapon(i.weapon))
}

/// Case-insensitive, then exact (so the order is total and repeatable). ASCII text (ids, most names) is
/// compared byte by byte, which gives the same order.
fn text_cmp(a: &str, b: &str) -> Ordering {
    let folded = if a.is_ascii() && b.is_ascii() {
        a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
    } else {
        folded(a).cmp(folded(b))
    };
    folded.then_with(|| a.cmp(b))
}

/// Compares two possibly unknown values: unknowns last whatever the direction.
#[cfg(test)]
fn known_first<T>(a: Option<T>, b: Option<T>, descending: bool, cmp: impl Fn(&T, &T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => directed(cmp(&a, &b), descending),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
fn directed(o: Ordering, descending: bool) -> Ordering {
    if descending {
        o.reverse()
    } else {
        o
    }
}

/// The order of the list, one pair at a time — unknown values (`None`, and the `Unknown` weapon) last in both
/// directions; weapons by their names in the reader's language; ties by date in the same direction, then by
/// position in the data. The reference the permutations below are tested against; the app never sorts with it.
#[cfg(test)]
pub fn compare(loc: Locale, a: &Incident, b: &Incident, sort: Sort) -> Ordering {
    let d = sort.descending;
    let primary = match sort.key {
        SortKey::Date => Ordering::Equal, // the tie-break below
        SortKey::Site => known_first(site_name(a), site_name(b), d, |x, y| text_cmp(x, y)),
        SortKey::Weapon => {
            // `Unknown` is the data's way of saying it does not know: it goes last, like `None`.
            known_first(weapon_name(loc, a), weapon_name(loc, b), d, |x, y| text_cmp(x, y))
        }
        SortKey::Launched => known_first(a.launched, b.launched, d, Ord::cmp),
        SortKey::Intercepted => known_first(a.intercepted, b.intercepted, d, Ord::cmp),
        SortKey::Casualties => known_first(casualties(a), casualties(b), d, Ord::cmp),
        SortKey::Claimed => directed(a.claimed_by.is_some().cmp(&b.claimed_by.is_some()), d),
    };
    primary.then_with(|| directed(a.date.cmp(&b.date), d))
}


/// Every incident's place by date — the last tie-break of every order; rows of one date stay in the data's
/// order. Made once per load, from small keys (no text is compared: ordering a million rows by date and id
/// took most of a second).
#[derive(Clone, Debug)]
pub struct Ranks {
    /// Positions in ascending order of date, then position.
    by_date: Vec<u32>,
    /// The rank of incident `n`'s date among the distinct ones, ascending: rows of one date share a rank.
    rank: Vec<u32>,
}

impl Ranks {
    pub fn new(incidents: &[Incident]) -> Ranks {
        let mut keyed: Vec<(u64, u32)> = incidents.iter().zip(0u32..).map(|(i, n)| (i.date.sort_key(), n)).collect();
        radix_sort(&mut keyed);
        let mut rank = vec![0; incidents.len()];
        let mut r = 0;
        for k in 0..keyed.len() {
            if k > 0 && keyed[k - 1].0 != keyed[k].0 {
                r += 1;
            }
            rank[keyed[k].1 as usize] = r;
        }
        Ranks { by_date: keyed.into_iter().map(|(_, n)| n).collect(), rank }
    }

}

/// Sort key of an unknown value: after every known one.
/// Above every key (counts and casualties below 2^34, text ranks below 2^32) and low, so the radix sort skips
/// the high bytes where no key differs.
const UNKNOWN_KEY: u64 = 1 << 40;

/// Integer keys in ascending order of the texts, unknowns (`None`) last: equal texts share a key.
fn text_keys<'a>(texts: impl Iterator<Item = Option<&'a str>>) -> Vec<Option<u64>> {
    let mut distinct: HashMap<&str, u32> = HashMap::new();
    let codes: Vec<Option<u32>> = texts
        .map(|t| {
            t.map(|t| {
                let next = distinct.len() as u32;
                *distinct.entry(t).or_insert(next)
            })
        })
        .collect();
    let mut names: Vec<(&str, u32)> = distinct.into_iter().collect();
    sort_by(&mut names, |a, b| text_cmp(a.0, b.0));
    let mut key_of = vec![0u64; names.len()];
    for (k, (_, code)) in names.iter().enumerate() {
        key_of[*code as usize] = k as u64;
    }
    codes.into_iter().map(|c| c.map(|c| key_of[c as usize])).collect()
}

/// Every position of `incidents` in the order `sort` gives (with `compare`; rows it finds equal by position).
/// `ranks` must be those of `incidents`; weapons go by their names in `loc`'s language.
pub fn order(loc: Locale, incidents: &[Incident], ranks: &Ranks, sort: Sort) -> Vec<u32> {
    let d = sort.descending;
    // By date in the sort's direction; rows of one date keep their positions ascending either way.
    let by_date = if !d {
        ranks.by_date.clone()
    } else {
        let (bd, rank) = (&ranks.by_date, &ranks.rank);
        let mut out = Vec::with_capacity(bd.len());
        let mut end = bd.len();
        while end > 0 {
            let r = rank[bd[end - 1] as usize];
            let mut start = end - 1;
            while start > 0 && rank[bd[start - 1] as usize] == r {
                start -= 1;
            }
            out.extend_from_slice(&bd[start..end]);
            end = start;
        }
        out
    };
    let keys: Vec<Option<u64>> = match sort.key {
        SortKey::Date => return by_date,
        SortKey::Site => text_keys(incidents.iter().map(site_name)),
        SortKey::Weapon => text_keys(incidents.iter().map(|i| weapon_name(loc, i))),
        SortKey::Launched => incidents.iter().map(|i| i.launched.map(u64::from)).collect(),
        SortKey::Intercepted => incidents.iter().map(|i| i.intercepted.map(u64::from)).collect(),
        SortKey::Casualties => incidents.iter().map(casualties).collect(),
        SortKey::Claimed => incidents.iter().map(|i| Some(u64::from(i.claimed_by.is_some()))).collect(),
    };
    // The key in the sort's direction, unknowns last; the place in `by_date` breaks ties, so an unstable sort
    // of distinct pairs keeps the date order among equals.
    let directed = |k: Option<u64>| match k {
        None => UNKNOWN_KEY,
        Some(v) if d => UNKNOWN_KEY - 1 - v,
        Some(v) => v,
    };
    let mut pairs: Vec<(u64, u32)> = by_date.iter().enumerate().map(|(k, &n)| (directed(keys[n as usize]), k as u32)).collect();
    radix_sort(&mut pairs);
    pairs.into_iter().map(|(_, k)| by_date[k as usize]).collect()
}

/// The positions of `which` in the order of `order` (a permutation from `order`): the sorted selection, made
/// without comparing anything. Positions past the end are dropped.
pub fn select(order: &[u32], which: &[usize]) -> Vec<u32> {
    let mut chosen = vec![0u64; order.len().div_ceil(64)];
    let mut count = 0;
    for &n in which {
        if n < order.len() {
            let (word, bit) = (n / 64, 1u64 << (n % 64));
            if chosen[word] & bit == 0 {
                chosen[word] |= bit;
                count += 1;
            }
        }
    }
    if count == order.len() {
        return order.to_vec();
    }
    let mut out = Vec::with_capacity(count);
    out.extend(order.iter().copied().filter(|&n| chosen[n as usize / 64] & (1 << (n % 64)) != 0));
    out
}

/// Sorts `(key, position)` pairs by key, pairs of one key staying in their order: with the positions ascending
/// on entry, as where it is used, that is the pairs' own order (`sort_unstable`). Linear: one pass to count the
/// bytes of the keys, then one per byte in which keys differ (three or four for days and counts) — at a million
/// rows faster than a comparison sort, and the standard library's unstable sort is a heapsort in this build
/// (`scripts/trunk.sh`).
fn radix_sort(v: &mut Vec<(u64, u32)>) {
    let n = v.len();
    if n < 2 {
        return;
    }
    let mut counts = [[0usize; 256]; 8];
    for &(key, _) in v.iter() {
        for (byte, count) in counts.iter_mut().enumerate() {
            count[(key >> (8 * byte)) as usize & 0xff] += 1;
        }
    }
    let mut from = std::mem::take(v);
    let mut to = vec![(0u64, 0u32); n];
    for (byte, count) in counts.iter_mut().enumerate() {
        if count.contains(&n) {
            continue; // every key has the same byte here
        }
        let mut at = 0;
        for c in count.iter_mut() {
            (*c, at) = (at, at + *c);
        }
        for &pair in &from {
            let b = (pair.0 >> (8 * byte)) as usize & 0xff;
            to[count[b]] = pair;
            count[b] += 1;
        }
        std::mem::swap(&mut from, &mut to);
    }
    *v = from;
}

/// `v` sorted stably by `cmp`, like `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_positions(&mut order, &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    *v = order.into_iter().filter_map(|n| slots[n].take()).collect();
}

/// `v` sorted stably by `key`, like `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

fn sort_positions(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::test_incidents as incidents;
    use crate::model::IncidentDate;
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;

    /// What the list shows: the selection filtered through the order's permutation.
    fn sorted_in(loc: Locale, incidents: &[Incident], which: &[usize], sort: Sort) -> Vec<usize> {
        select(&order(loc, incidents, &Ranks::new(incidents), sort), which).into_iter().map(|n| n as usize).collect()
    }

    fn sorted(incidents: &[Incident], which: &[usize], sort: Sort) -> Vec<usize> {
        sorted_in(Locale::EN, incidents, which, sort)
    }

    /// The reference: a full stable sort of `which` with `compare`.
    fn reference_in(loc: Locale, incidents: &[Incident], which: &[usize], sort: Sort) -> Vec<usize> {
        let mut out: Vec<usize> = which.iter().copied().filter(|&n| n < incidents.len()).collect();
        out.sort_by(|&a, &b| compare(loc, &incidents[a], &incidents[b], sort));
        out
    }

    fn reference(incidents: &[Incident], which: &[usize], sort: Sort) -> Vec<usize> {
        reference_in(Locale::EN, incidents, which, sort)
    }

    fn arabic() -> Locale {
        Locale::new(crate::i18n::Lang::Ar, crate::i18n::Digits::Western)
    }

    fn ids(all: &[Incident], order: &[usize]) -> Vec<String> {
        order.iter().map(|&n| all[n].id.clone()).collect()
    }

    fn by(key: SortKey, descending: bool) -> Sort {
        Sort { key, descending }
    }

    fn everything(all: &[Incident]) -> Vec<usize> {
        (0..all.len()).collect()
    }

    #[test]
    fn default_is_newest_first() {
        let all = incidents(&[r#""date":"2021-03-01""#, r#""date":"2022-01-01""#, r#""date":"2020-06""#]);
        assert_eq!(Sort::default(), by(SortKey::Date, true));
        assert_eq!(ids(&all, &sorted(&all, &everything(&all), Sort::default())), ["i1", "i0", "i2"]);
        assert_eq!(ids(&all, &sorted(&all, &everything(&all), by(SortKey::Date, false))), ["i2", "i0", "i1"]);
    }

    #[test]
    fn sorts_by_site_ignoring_case_with_missing_sites_last() {
        let all = incidents(&[r#""site":"al-Asad""#, r#""weapon":"rocket""#, r#""site":"Erbil""#, r#""site":"Ain al-Asad""#]);
        let w = everything(&all);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Site, false))), ["i3", "i0", "i2", "i1"]);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Site, true))), ["i2", "i0", "i3", "i1"]);
    }

    #[test]
    fn sorts_by_weapon_label_with_unknown_last() {
        let all = incidents(&[r#""weapon":"unknown""#, r#""weapon":"rocket""#, r#""weapon":"drone""#, r#""weapon":"airstrike""#]);
        let w = everything(&all);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Weapon, false))), ["i3", "i2", "i1", "i0"]);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Weapon, true))), ["i1", "i2", "i3", "i0"]);
        // In Arabic by the Arabic names: صاروخ (rocket) < طائرة مسيّرة (drone) < غارة جوية (airstrike).
        let ar = arabic();
        assert_eq!(ids(&all, &sorted_in(ar, &all, &w, by(SortKey::Weapon, false))), ["i1", "i2", "i3", "i0"]);
        assert_eq!(ids(&all, &sorted_in(ar, &all, &w, by(SortKey::Weapon, true))), ["i3", "i2", "i1", "i0"]);
        for descending in [false, true] {
            let sort = by(SortKey::Weapon, descending);
            assert_eq!(sorted_in(ar, &all, &w, sort), reference_in(ar, &all, &w, sort));
        }
    }

    #[test]
    fn arabic_sites_sort_by_their_folded_letters() {
        // Alef forms and tatweel fold away: "أربيـل" and "اربيل" are neighbours (then in exact order), before
        // "بغداد"; Latin letters come before Arabic ones.
        let all = incidents(&[r#""site":"بغداد""#, r#""site":"اربيل""#, r#""site":"Erbil""#, r#""site":"أربيـل""#]);
        let w = everything(&all);
        let up = ids(&all, &sorted_in(arabic(), &all, &w, by(SortKey::Site, false)));
        assert_eq!(up, ["i2", "i3", "i1", "i0"]);
        assert_eq!(sorted_in(arabic(), &all, &w, by(SortKey::Site, false)), reference_in(arabic(), &all, &w, by(SortKey::Site, false)));
    }

    #[test]
    fn sorts_by_numbers_with_unknowns_last_both_ways() {
        let all = incidents(&[
            r#""launched":3,"intercepted":0"#,
            r#""weapon":"drone""#,
            r#""launched":12,"intercepted":5"#,
            r#""launched":1"#,
        ]);
        let w = everything(&all);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Launched, true))), ["i2", "i0", "i3", "i1"]);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Launched, false))), ["i3", "i0", "i2", "i1"]);
        let up = ids(&all, &sorted(&all, &w, by(SortKey::Intercepted, false)));
        assert_eq!(&up[..2], ["i0", "i2"]);
        let down = ids(&all, &sorted(&all, &w, by(SortKey::Intercepted, true)));
        assert_eq!(&down[..2], ["i2", "i0"]);
        // The two without a number intercepted, last either way; same date, so in the data's order either way.
        assert_eq!(&up[2..], ["i1", "i3"]);
        assert_eq!(&down[2..], ["i1", "i3"]);
    }

    #[test]
    fn casualties_add_killed_and_wounded_and_unknown_is_not_zero() {
        let all = incidents(&[r#""killed":1,"wounded":4"#, r#""wounded":2"#, r#""weapon":"rocket""#, r#""killed":0"#]);
        assert_eq!(casualties(&all[0]), Some(5));
        assert_eq!(casualties(&all[1]), Some(2));
        assert_eq!(casualties(&all[2]), None);
        assert_eq!(casualties(&all[3]), Some(0));
        let w = everything(&all);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Casualties, true))), ["i0", "i1", "i3", "i2"]);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Casualties, false))), ["i3", "i1", "i0", "i2"]);
    }

    #[test]
    fn sorts_by_whether_claimed() {
        let all = incidents(&[r#""weapon":"rocket""#, r#""claimed_by":"Saraya Awliya al-Dam""#, r#""weapon":"drone""#]);
        let w = everything(&all);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Claimed, true))), ["i1", "i0", "i2"]);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Claimed, false))), ["i0", "i2", "i1"]);
    }

    #[test]
    fn ties_go_by_date_then_the_data_order() {
        let all = incidents(&[
            r#""id":"b","date":"2021-05-01","launched":2"#,
            r#""id":"a","date":"2021-05-01","launched":2"#,
            r#""id":"c","date":"2022-01-01","launched":2"#,
        ]);
        let w = everything(&all);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Launched, true))), ["c", "b", "a"]);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Launched, false))), ["b", "a", "c"], "not by id");
    }

    #[test]
    fn the_permutations_agree_with_the_full_sort() {
        let rows: Vec<String> = (0..300)
            .map(|n| format!(r#""id":"x{}","date":"202{}-0{}-1{}","launched":{},"site":"S{}""#, n % 50, n % 4, n % 9 + 1, n % 10, n % 7, n % 13))
            .collect();
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let all = incidents(&refs);
        let which: Vec<usize> = (0..all.len()).filter(|n| n % 3 != 0).collect();
        for key in SortKey::ALL {
            for descending in [false, true] {
                let sort = Sort { key, descending };
                assert_eq!(sorted(&all, &which, sort), reference(&all, &which, sort), "{key:?} {descending}");
                assert_eq!(sorted(&all, &everything(&all), sort), reference(&all, &everything(&all), sort));
            }
        }
    }

    #[test]
    fn equal_rows_keep_their_order() {
        // Same date (and id: imported data may repeat an incident): nothing tells them apart, so `which` decides.
        let all = vec![incidents(&[r#""id":"x","site":"A""#]).remove(0); 3];
        for sort in SortKey::ALL.into_iter().flat_map(|k| [by(k, true), by(k, false)]) {
            assert_eq!(reference(&all, &[2, 0, 1], sort), [2, 0, 1], "{sort:?}");
            assert_eq!(sorted(&all, &[0, 1, 2], sort), [0, 1, 2], "by position, either way: {sort:?}");
        }
    }

    #[test]
    fn only_the_given_positions_and_never_out_of_range() {
        let all = incidents(&[r#""launched":1"#, r#""launched":2"#, r#""launched":3"#]);
        assert_eq!(sorted(&all, &[0, 2], by(SortKey::Launched, true)), [2, 0]);
        assert_eq!(sorted(&all, &[7, 1, usize::MAX], Sort::default()), [1]);
        assert!(sorted(&[], &[0, 1], Sort::default()).is_empty());
    }

    #[test]
    fn pressing_a_header_sorts_then_flips() {
        let s = Sort::default().pressed(SortKey::Site);
        assert_eq!(s, by(SortKey::Site, false));
        assert_eq!(s.pressed(SortKey::Site), by(SortKey::Site, true));
        assert_eq!(s.pressed(SortKey::Launched), by(SortKey::Launched, true));
        assert_eq!(Sort::default().pressed(SortKey::Date), by(SortKey::Date, false));
        assert_eq!(Sort::default().aria_sort(&[SortKey::Date]), "descending");
        assert_eq!(s.aria_sort(&[SortKey::Site]), "ascending");
        assert_eq!(s.aria_sort(&[SortKey::Launched, SortKey::Intercepted]), "none");
        assert_eq!(Sort::default().describe(Locale::EN), "date, newest first");
        assert_eq!(by(SortKey::Intercepted, false).describe(Locale::EN), "number intercepted, smallest first");
        assert_eq!(by(SortKey::Site, false).describe(Locale::EN), "site, A to Z");
        assert_eq!(by(SortKey::Claimed, true).describe(Locale::EN), "claimed, claimed first");
        assert_eq!(Sort::default().describe(arabic()), "التاريخ، الأحدث أولاً");
        assert_eq!(by(SortKey::Launched, true).describe(arabic()), "عدد ما أُطلق، الأكبر أولاً");
        // Every order and every header has a name in both languages.
        for loc in [Locale::EN, arabic()] {
            for key in SortKey::ALL {
                assert_ne!(by(key, true).describe(loc), by(key, false).describe(loc), "{key:?}");
            }
        }
        assert_eq!(SortKey::Intercepted.label(Locale::EN), "intercepted");
        assert_eq!(SortKey::Site.label(arabic()), "الموقع");
    }

    #[test]
    fn non_ascii_text_sorts_by_its_lower_case() {
        let all = incidents(&[r#""site":"Étape""#, r#""site":"erbil""#, r#""site":"ÉTAPE""#, r#""site":"Zakho""#]);
        assert_eq!(sorted(&all, &everything(&all), by(SortKey::Site, false)), reference(&all, &everything(&all), by(SortKey::Site, false)));
        assert_eq!(text_cmp("Erbil", "erbil"), "Erbil".cmp("erbil"), "equal but for case: exact order");
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
        #[test]
        fn every_order_agrees_with_the_reference(
            rows in prop::collection::vec(
                (0usize..6, 0usize..4, 0usize..5, prop::option::of(0u32..4), prop::option::of(0u32..3),
                 prop::option::of(0u32..3), any::<bool>(), 0usize..Weapon::ALL.len()),
                0..40),
            pick in prop::collection::vec(any::<bool>(), 40),
            key in 0usize..SortKey::ALL.len(),
            descending in any::<bool>(),
        ) {
            let dates = ["2021-01-01", "2021-01", "2021", "2020-12-31", "2021-01-02", "2022-06-01"];
            let sites = ["", "Erbil", "erbil", " Al Asad ", "al asad"];
            let props: Vec<String> = rows
                .iter()
                .map(|&(date, id, site, launched, intercepted, killed, claimed, weapon)| {
                    let mut p = format!(r#""id":"{}","date":"{}","weapon":"{}""#, ["a", "B", "b", "c"][id], dates[date], Weapon::ALL[weapon].as_str());
                    if !sites[site].is_empty() {
                        p.push_str(&format!(r#","site":"{}""#, sites[site]));
                    }
                    for (name, v) in [("launched", launched), ("intercepted", intercepted), ("killed", killed)] {
                        if let Some(v) = v {
                            p.push_str(&format!(r#","{name}":{v}"#));
                        }
                    }
                    if claimed {
                        p.push_str(r#","claimed_by":"X""#);
                    }
                    p
                })
                .collect();
            let refs: Vec<&str> = props.iter().map(String::as_str).collect();
            let all = incidents(&refs);
            let which: Vec<usize> = (0..all.len()).filter(|&n| pick[n]).collect();
            let sort = Sort { key: SortKey::ALL[key], descending };
            prop_assert_eq!(sorted(&all, &which, sort), reference(&all, &which, sort));
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #[test]
        fn radix_sort_orders_pairs_as_sort_unstable(
            keys in prop::collection::vec(prop_oneof![0u64..4, 0u64..70_000, Just(UNKNOWN_KEY), Just(u64::MAX), any::<u64>()], 0..300),
        ) {
            let mut pairs: Vec<(u64, u32)> = keys.iter().zip(0u32..).map(|(&k, n)| (k, n)).collect();
            let mut expected = pairs.clone();
            expected.sort_unstable();
            radix_sort(&mut pairs);
            prop_assert_eq!(pairs, expected);
        }
    }

    #[test]
    fn a_date_key_orders_dates_as_dates_do() {
        let dates: Vec<IncidentDate> = ["2021-01-02", "2021", "1969-12-31", "2021-01", "2021-01-01", "0001-01-01", "9999-12"]
            .into_iter()
            .map(|d| IncidentDate::parse(d).unwrap())
            .collect();
        for a in &dates {
            for b in &dates {
                assert_eq!(a.sort_key().cmp(&b.sort_key()), a.cmp(b), "{a:?} against {b:?}");
            }
        }
    }

    #[test]
    fn sorts_stably() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, Ord::cmp);
        assert!(empty.is_empty());
    }
}
