//! Totals over a set of incidents and the one-line summary of them ("12 incidents · 31 rockets and 5 drones
//! launched · 9 intercepted (25%) · 1 killed, 9 wounded"). Pure.

use crate::i18n::{Locale, Msg};
use crate::index::Index;
use crate::model::{Incident, Weapon};
use crate::tr;

/// What a set of incidents adds up to. Sums only cover incidents where the fact is known.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    pub incidents: usize,
    /// Incidents per weapon, in `Weapon::ALL` order, weapons with none left out.
    pub by_weapon: Vec<(Weapon, usize)>,
    /// Projectiles or drones launched per weapon, where known, in `Weapon::ALL` order, zeros left out.
    pub launched_by_weapon: Vec<(Weapon, u64)>,
    pub launched: u64,
    /// Intercepted, counted over the incidents whose number launched is known (so the rate is a true share).
    pub intercepted: u64,
    /// Whether any incident gives a number intercepted.
    pub intercepted_known: bool,
    pub killed: u64,
    pub wounded: u64,
    /// Whether any incident gives a number killed or wounded.
    pub casualties_known: bool,
}

impl Totals {
    /// Intercepted / launched, when both are known for some incidents.
    pub fn interception_rate(&self) -> Option<f64> {
        (self.intercepted_known && self.launched > 0).then(|| self.intercepted as f64 / self.launched as f64)
    }
}

/// Totals over `incidents[which]`.
pub fn totals(incidents: &[Incident], which: &[usize]) -> Totals {
    let mut count = [0usize; Weapon::ALL.len()];
    let mut launched = [0u64; Weapon::ALL.len()];
    let mut t = Totals { incidents: which.len(), ..Totals::default() };
    for &n in which {
        let i = &incidents[n];
        count[i.weapon as usize] += 1;
        if let Some(l) = i.launched {
            launched[i.weapon as usize] += u64::from(l);
            if let Some(x) = i.intercepted {
                t.intercepted += u64::from(x.min(l));
            }
        }
        t.intercepted_known |= i.intercepted.is_some();
        t.killed += u64::from(i.killed.unwrap_or(0));
        t.wounded += u64::from(i.wounded.unwrap_or(0));
        t.casualties_known |= i.killed.is_some() || i.wounded.is_some();
    }
    t.by_weapon = Weapon::ALL.into_iter().zip(count).filter(|(_, c)| *c > 0).collect();
    t.launched_by_weapon = Weapon::ALL.into_iter().zip(launched).filter(|(_, c)| *c > 0).collect();
    t.launched = launched.iter().sum();
    t
}

/// `totals` over `which` read from the index's columns, without a walk over the incidents: what a filter change
/// runs. `which` must be positions in the index.
pub fn totals_from_index(ix: &Index, which: &[usize]) -> Totals {
    let mut count = [0usize; Weapon::ALL.len()];
    let mut launched = [0u64; Weapon::ALL.len()];
    let mut t = Totals { incidents: which.len(), ..Totals::default() };
    let weapons = ix.weapon_codes();
    for &n in which {
        let w = usize::from(weapons[n]);
        count[w] += 1;
        let intercepted = ix.intercepted(n);
        if let Some(l) = ix.launched(n) {
            launched[w] += u64::from(l);
            if let Some(x) = intercepted {
                t.intercepted += u64::from(x.min(l));
            }
        }
        t.intercepted_known |= intercepted.is_some();
        let (killed, wounded) = (ix.killed(n), ix.wounded(n));
        t.killed += u64::from(killed.unwrap_or(0));
        t.wounded += u64::from(wounded.unwrap_or(0));
        t.casualties_known |= killed.is_some() || wounded.is_some();
    }
    t.by_weapon = Weapon::ALL.into_iter().zip(count).filter(|(_, c)| *c > 0).collect();
    t.launched_by_weapon = Weapon::ALL.into_iter().zip(launched).filter(|(_, c)| *c > 0).collect();
    t.launched = launched.iter().sum();
    t
}

/// "31 rockets", "1 drone"; "31 صاروخاً", "طائرتان مسيّرتان": each weapon's own plural forms.
pub fn weapon_count(loc: Locale, weapon: Weapon, n: u64) -> String {
    let m = match weapon {
        Weapon::Rocket => Msg::SummaryRocket,
        Weapon::Drone => Msg::SummaryDrone,
        Weapon::Missile => Msg::SummaryMissile,
        Weapon::Mortar => Msg::SummaryMortar,
        Weapon::Rpg => Msg::SummaryRpg,
        Weapon::Ied => Msg::SummaryIed,
        Weapon::Airstrike => Msg::SummaryAirstrike,
        Weapon::Unknown => Msg::SummaryUnknown,
    };
    loc.count(m, count(n), &[])
}

/// A sum as a count (sums of `u32`s over at most a few million incidents fit).
fn count(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// The one-line summary of a set of incidents, in the reader's language.
pub fn summary_line(loc: Locale, t: &Totals) -> String {
    if t.incidents == 0 {
        return loc.t(Msg::SummaryNone).into();
    }
    let mut parts = vec![loc.count(Msg::Incidents, t.incidents, &[])];
    if t.launched > 0 {
        let launched: Vec<String> = t.launched_by_weapon.iter().map(|(w, n)| weapon_count(loc, *w, *n)).collect();
        parts.push(tr!(loc, Msg::SummaryLaunched, list = loc.and_list(&launched)));
    }
    if let Some(rate) = t.interception_rate() {
        parts.push(tr!(loc, Msg::SummaryIntercepted, n = loc.number(count(t.intercepted)), percent = loc.percent(rate)));
    }
    if t.casualties_known {
        let killed = loc.count(Msg::SummaryKilled, count(t.killed), &[]);
        let wounded = loc.count(Msg::SummaryWounded, count(t.wounded), &[]);
        parts.push(tr!(loc, Msg::SummaryCasualties, killed = killed, wounded = wounded));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Digits, Lang};
    use crate::parse::test_incidents as incidents;


    #[test]
    fn the_line_reads_like_the_example() {
        let all = incidents(&[
            r#""weapon":"rocket","launched":31,"intercepted":8,"killed":1,"wounded":4"#,
            r#""weapon":"drone","launched":5,"intercepted":1,"wounded":5"#,
            r#""weapon":"rocket""#,
        ]);
        let t = totals(&all, &[0, 1, 2]);
        assert_eq!(summary_line(Locale::EN, &t), "3 incidents · 31 rockets and 5 drones launched · 9 intercepted (25%) · 1 killed, 9 wounded");
        assert_eq!(t.by_weapon, vec![(Weapon::Rocket, 2), (Weapon::Drone, 1)]);
        assert_eq!(
            summary_line(Locale::new(Lang::Ar, Digits::Western), &t),
            "3 حوادث · أُطلق 31 صاروخاً و5 طائرات مسيّرة · اعتُرض 9 (25%) · قتيل واحد و9 جرحى"
        );
        assert_eq!(
            summary_line(Locale::new(Lang::Ar, Digits::Arabic), &t),
            "٣ حوادث · أُطلق ٣١ صاروخاً و٥ طائرات مسيّرة · اعتُرض ٩ (٢٥٪) · قتيل واحد و٩ جرحى"
        );
    }

    #[test]
    fn each_weapon_counts_in_its_own_plural_forms() {
        let ar = Locale::new(Lang::Ar, Digits::Western);
        assert_eq!(weapon_count(Locale::EN, Weapon::Mortar, 1), "1 mortar round");
        assert_eq!(weapon_count(Locale::EN, Weapon::Unknown, 1200), "1,200 projectiles of unknown type");
        let rockets: Vec<String> = [1, 2, 3, 11, 100, 103].iter().map(|&n| weapon_count(ar, Weapon::Rocket, n)).collect();
        assert_eq!(rockets, ["صاروخ واحد", "صاروخان", "3 صواريخ", "11 صاروخاً", "100 صاروخ", "103 صواريخ"]);
        assert_eq!(weapon_count(ar, Weapon::Drone, 2), "طائرتان مسيّرتان");
        assert_eq!(weapon_count(Locale::new(Lang::Ar, Digits::Arabic), Weapon::Ied, 1500), "١٬٥٠٠ عبوة ناسفة");
    }

    #[test]
    fn unknown_facts_are_left_out_not_counted_as_zero() {
        let all = incidents(&[r#""weapon":"drone""#]);
        assert_eq!(summary_line(Locale::EN, &totals(&all, &[0])), "1 incident");
        assert_eq!(summary_line(Locale::EN, &totals(&all, &[])), "No incidents match the filters");
        let none_hurt = incidents(&[r#""weapon":"drone","launched":1,"killed":0"#]);
        assert_eq!(summary_line(Locale::EN, &totals(&none_hurt, &[0])), "1 incident · 1 drone launched · 0 killed, 0 wounded");
        let ar = Locale::new(Lang::Ar, Digits::Western);
        assert_eq!(summary_line(ar, &totals(&all, &[])), "لا حوادث تطابق التصفية");
        assert_eq!(summary_line(ar, &totals(&none_hurt, &[0])), "حادثة واحدة · أُطلق طائرة مسيّرة واحدة · لا قتلى ولا جرحى");
    }

    #[test]
    fn the_rate_only_counts_interceptions_of_known_launches() {
        let all = incidents(&[r#""launched":4,"intercepted":2"#, r#""intercepted":3"#]);
        let t = totals(&all, &[0, 1]);
        assert_eq!((t.intercepted, t.launched), (2, 4));
        assert_eq!(t.interception_rate(), Some(0.5));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn the_index_totals_agree_with_the_incidents(
            rows in proptest::collection::vec(
                (0usize..Weapon::ALL.len(), proptest::option::of(0u32..50), proptest::option::of(0u32..60),
                 proptest::option::of(0u32..9), proptest::option::of(0u32..9)),
                0..25),
            pick in proptest::collection::vec(proptest::bool::ANY, 25),
        ) {
            let props: Vec<String> = rows
                .iter()
                .map(|(w, l, x, k, wd)| {
                    let mut p = format!(r#""weapon":"{}""#, Weapon::ALL[*w].as_str());
                    for (name, v) in [("launched", l), ("intercepted", x), ("killed", k), ("wounded", wd)] {
                        if let Some(v) = v {
                            p.push_str(&format!(r#","{name}":{v}"#));
                        }
                    }
                    p
                })
                .collect();
            let refs: Vec<&str> = props.iter().map(String::as_str).collect();
            let all = incidents(&refs);
            let which: Vec<usize> = (0..all.len()).filter(|&n| pick[n]).collect();
            proptest::prop_assert_eq!(totals_from_index(&Index::build(&all), &which), totals(&all, &which));
        }
    }
}
