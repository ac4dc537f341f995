//! The interface's languages: English and Arabic. Plain Rust, tested on the host.
//!
//! Texts live in one file per language (`locales/en.txt`, `locales/ar.txt`; format in `catalog.rs`), turned
//! into `Msg` and two arrays by `build.rs`. A view gets the reader's [`Locale`] from context ([`use_locale`])
//! and asks it for texts, counts, numbers and dates, so that every number on the page is written with the same
//! digits.
//!
//! The language comes from `lang=` in the URL, else from the browser's languages, else English; `digits=arabic`
//! writes numbers with Arabic-Indic digits (٠١٢…) in the Arabic interface. Data (names, ids, summaries) is
//! shown as it is given; only numbers the page writes itself follow the digits.

pub mod catalog;

mod messages {
    include!(concat!(env!("OUT_DIR"), "/messages.rs"));
}

pub use messages::Msg;

use crate::model::{date_of_day, DatePrecision, IncidentDate, Kind, Outcome, Status, Weapon};

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Ar,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ar];

    /// The BCP 47 tag, as in `lang=` and `<html lang>`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ar => "ar",
        }
    }

    /// A language tag (`ar`, `ar-IQ`, `EN-gb`) → the interface language it asks for, if there is one.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "ar" => Some(Lang::Ar),
            _ => None,
        }
    }

    /// The first of the browser's languages (in its order of preference) that the interface has.
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
        tags.into_iter().find_map(Lang::parse)
    }

    /// The language's own name, as the switch offers it: "English", "العربية".
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ar => "العربية",
        }
    }

    /// `ltr` or `rtl`, for `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::En => "ltr",
            Lang::Ar => "rtl",
        }
    }

    /// CLDR's plural category (an index into `catalog::CATEGORIES`) of a count.
    pub fn plural(self, n: u64) -> usize {
        match self {
            Lang::En => usize::from(n != 1) * 4 + 1,
            Lang::Ar => match (n, n % 100) {
                (0, _) => 0,
                (1, _) => 1,
                (2, _) => 2,
                (_, 3..=10) => 3,
                (_, 11..=99) => 4,
                _ => catalog::OTHER,
            },
        }
    }
}

/// Which digits numbers are written with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Digits {
    /// 0123456789
    #[default]
    Western,
    /// ٠١٢٣٤٥٦٧٨٩ (Arabic-Indic), in the Arabic interface only.
    Arabic,
}

impl Digits {
    pub fn as_str(self) -> &'static str {
        match self {
            Digits::Western => "western",
            Digits::Arabic => "arabic",
        }
    }

    pub fn parse(s: &str) -> Option<Digits> {
        match s.trim().to_ascii_lowercase().as_str() {
            "western" | "latn" | "latin" => Some(Digits::Western),
            "arabic" | "arab" => Some(Digits::Arabic),
            _ => None,
        }
    }
}

/// The reader's language and digits: what every text, number and date on the page is written in. A small
/// `Copy` value, provided once as context.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Locale {
    pub lang: Lang,
    digits: Digits,
}

/// `{name}` → value, for [`Locale::fill`] and [`Locale::count`]: `tr!(loc, Msg::CountShown, shown = a, total = b)`.
#[macro_export]
macro_rules! tr {
    ($loc:expr, $msg:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $loc.fill($msg, &[$((stringify!($name), ::std::convert::AsRef::<str>::as_ref(&$value))),*])
    };
}

impl Locale {
    pub const EN: Locale = Locale { lang: Lang::En, digits: Digits::Western };

    /// Arabic-Indic digits are used only in the Arabic interface.
    pub fn new(lang: Lang, digits: Digits) -> Locale {
        Locale { lang, digits: if lang == Lang::Ar { digits } else { Digits::Western } }
    }

    pub fn digits(self) -> Digits {
        self.digits
    }

    pub fn is_rtl(self) -> bool {
        self.lang == Lang::Ar
    }

    fn forms(self, m: Msg) -> &'static [(u8, &'static str)] {
        match self.lang {
            Lang::En => messages::EN[m as usize],
            Lang::Ar => messages::AR[m as usize],
        }
    }

    /// The text of a message (of a plural message, its `other` form).
    pub fn t(self, m: Msg) -> &'static str {
        self.form(m, catalog::OTHER)
    }

    fn form(self, m: Msg, category: usize) -> &'static str {
        let forms = self.forms(m);
        let pick = |c: usize| forms.iter().find(|(k, _)| usize::from(*k) == c).map(|(_, t)| *t);
        pick(category).or_else(|| pick(catalog::OTHER)).unwrap_or("")
    }

    /// A message with its `{name}`s filled in (names it doesn't give stay as written).
    pub fn fill(self, m: Msg, args: &[(&str, &str)]) -> String {
        fill(self.t(m), args)
    }

    /// A message for a count: the plural form of `n`, with `{n}` written as [`Locale::number`] writes it.
    pub fn count(self, m: Msg, n: usize, args: &[(&str, &str)]) -> String {
        let number = self.number(n);
        let mut all = vec![("n", number.as_str())];
        all.extend_from_slice(args);
        fill(self.form(m, self.lang.plural(n as u64)), &all)
    }

    /// A whole number with its thousands grouped: `12,345`, in Arabic digits `١٢٬٣٤٥`.
    pub fn number(self, n: usize) -> String {
        match self.digits {
            Digits::Western => crate::text::thousands(n),
            Digits::Arabic => self.localise_digits(&crate::text::thousands(n)),
        }
    }

    /// A rounded percentage: `42%`, `٤٢٪`.
    pub fn percent(self, fraction: f64) -> String {
        let whole = (fraction * 100.0).round().clamp(0.0, 1e9) as usize;
        match self.digits {
            Digits::Western => format!("{}%", self.number(whole)),
            Digits::Arabic => format!("{}٪", self.number(whole)),
        }
    }

    /// ASCII digits and the separators `crate::text::thousands` writes, in this locale's digits; other text as
    /// it is. For numbers and dates the page writes, never for data.
    pub fn localise_digits(self, s: &str) -> String {
        match self.digits {
            Digits::Western => s.to_string(),
            Digits::Arabic => s
                .chars()
                .map(|c| match c {
                    '0'..='9' => char::from_u32(0x660 + (c as u32 - '0' as u32)).unwrap_or(c),
                    ',' => '\u{66C}',
                    '.' => '\u{66B}',
                    _ => c,
                })
                .collect(),
        }
    }

    /// A year: `2024`, `٢٠٢٤`.
    pub fn year(self, year: i32) -> String {
        self.localise_digits(&year.to_string())
    }

    /// A month's name (1–12): "January", "كانون الثاني".
    pub fn month(self, month: u8) -> &'static str {
        const MONTHS: [Msg; 12] = [
            Msg::Month1, Msg::Month2, Msg::Month3, Msg::Month4, Msg::Month5, Msg::Month6,
            Msg::Month7, Msg::Month8, Msg::Month9, Msg::Month10, Msg::Month11, Msg::Month12,
        ];
        MONTHS.get(usize::from(month.max(1)) - 1).map_or("", |m| self.t(*m))
    }

    /// A month's short name, for the timeline's axis: "Apr"; Arabic names are not shortened.
    pub fn month_short(self, month: u8) -> String {
        match self.lang {
            Lang::En => self.month(month).chars().take(3).collect(),
            Lang::Ar => self.month(month).to_string(),
        }
    }

    /// A day (days since 1970-01-01) as readers write it: "3 January 2020", "٣ كانون الثاني ٢٠٢٠".
    pub fn day(self, day: i64) -> String {
        match date_of_day(day) {
            Some(d) => tr!(self, Msg::DateDay, day = self.localise_digits(&d.day().to_string()), month = self.month(u8::from(d.month())), year = self.year(d.year())),
            None => crate::model::iso_day(day),
        }
    }

    /// A month of a year: "January 2020", "كانون الثاني ٢٠٢٠".
    pub fn month_year(self, day: i64) -> String {
        match date_of_day(day) {
            Some(d) => tr!(self, Msg::DateMonth, month = self.month(u8::from(d.month())), year = self.year(d.year())),
            None => crate::model::iso_day(day),
        }
    }

    /// A day written YYYY-MM-DD, in this locale's digits, for data-like places; kept left to right in Arabic
    /// text (a right-to-left line would otherwise show 2019-12-27 as 27-12-2019).
    pub fn iso_day(self, day: i64) -> String {
        self.data_date(&crate::model::iso_day(day))
    }

    /// A date as the data writes it (`2021-12-19`, `2021-12`, `2021`), in this locale's digits and kept left to
    /// right in Arabic text.
    pub fn data_date(self, written: &str) -> String {
        let date = self.localise_digits(written);
        if self.is_rtl() {
            format!("\u{2066}{date}\u{2069}")
        } else {
            date
        }
    }

    /// A day in compact places (the timeline's range, a week's name): YYYY-MM-DD in English, the day with its
    /// month's name in Arabic, where ISO dates read poorly.
    pub fn short_day(self, day: i64) -> String {
        match self.lang {
            Lang::En => self.iso_day(day),
            Lang::Ar => self.day(day),
        }
    }

    /// An incident's date, to its precision: "3 January 2020", "January 2020", "2020".
    pub fn date(self, date: IncidentDate) -> String {
        match date.precision() {
            DatePrecision::Day => self.day(date.first_day()),
            DatePrecision::Month => self.month_year(date.first_day()),
            DatePrecision::Year => self.year(date.year()),
        }
    }

    /// A weapon's name for people: "Rocket", "صاروخ".
    pub fn weapon(self, w: Weapon) -> &'static str {
        self.t(match w {
            Weapon::Rocket => Msg::WeaponRocket,
            Weapon::Drone => Msg::WeaponDrone,
            Weapon::Missile => Msg::WeaponMissile,
            Weapon::Mortar => Msg::WeaponMortar,
            Weapon::Rpg => Msg::WeaponRpg,
            Weapon::Ied => Msg::WeaponIed,
            Weapon::Airstrike => Msg::WeaponAirstrike,
            Weapon::Unknown => Msg::WeaponUnknown,
        })
    }

    /// "Attack", "Strike".
    pub fn kind(self, k: Kind) -> &'static str {
        self.t(match k {
            Kind::Attack => Msg::KindAttack,
            Kind::Strike => Msg::KindStrike,
        })
    }

    /// "Intercepted", "Impacted", "Casualties".
    pub fn outcome(self, o: Outcome) -> &'static str {
        self.t(match o {
            Outcome::Intercepted => Msg::OutcomeIntercepted,
            Outcome::Impacted => Msg::OutcomeImpacted,
            Outcome::Casualties => Msg::OutcomeCasualties,
        })
    }

    /// "confirmed", "unconfirmed", "revised".
    pub fn status(self, s: Status) -> &'static str {
        self.t(match s {
            Status::Confirmed => Msg::StatusConfirmed,
            Status::Unconfirmed => Msg::StatusUnconfirmed,
            Status::Revised => Msg::StatusRevised,
        })
    }

    /// "day", "month", "year": what a date is known to.
    pub fn date_precision(self, p: DatePrecision) -> &'static str {
        self.t(match p {
            DatePrecision::Day => Msg::PrecisionDay,
            DatePrecision::Month => Msg::PrecisionMonth,
            DatePrecision::Year => Msg::PrecisionYear,
        })
    }

    /// A country's name as the data writes it (in English), in the reader's language when it is one of the
    /// region's; other names as given.
    pub fn country<'a>(self, name: &'a str) -> &'a str {
        const KNOWN: [(&str, Msg); 9] = [
            ("iraq", Msg::CountryIraq), ("syria", Msg::CountrySyria), ("jordan", Msg::CountryJordan),
            ("turkey", Msg::CountryTurkey), ("iran", Msg::CountryIran), ("kuwait", Msg::CountryKuwait),
            ("lebanon", Msg::CountryLebanon), ("saudi arabia", Msg::CountrySaudiArabia), ("israel", Msg::CountryIsrael),
        ];
        match (self.lang, KNOWN.iter().find(|(k, _)| name.trim().eq_ignore_ascii_case(k))) {
            (Lang::Ar, Some((_, m))) => self.t(*m),
            _ => name,
        }
    }

    /// A name from the data, to be written inside a sentence of the interface: in a first-strong isolate
    /// (U+2068 … U+2069) where its direction may differ from the sentence's — always in the Arabic interface, and
    /// in the English one when it has right-to-left letters — so that a Latin name in Arabic text (or an Arabic
    /// name before ": 12") keeps its order. Plain text, for tooltips, accessible names and canvas text.
    pub fn isolate(self, name: &str) -> String {
        if name.is_empty() || !(self.is_rtl() || name.chars().any(rtl_letter)) {
            return name.to_string();
        }
        format!("\u{2068}{name}\u{2069}")
    }

    /// "a, b and c" / "a، b وc".
    pub fn and_list(self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => tr!(self, Msg::ListAnd, init = init.join(&format!("{} ", self.t(Msg::ListComma))), last = last),
        }
    }
}

/// Whether a character is a letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko…, and
/// Arabic presentation forms).
pub fn rtl_letter(c: char) -> bool {
    matches!(c, '\u{590}'..='\u{8FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}') && c.is_alphabetic()
}

/// Whether a text reads right to left, as `dir="auto"` decides: by its first letter of a script with a
/// direction; `None` when it has no letter.
pub fn reads_rtl(text: &str) -> Option<bool> {
    text.chars().find(|c| c.is_alphabetic()).map(rtl_letter)
}

/// `{name}` → its value in `text`.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| Some((args.iter().find(|(k, _)| *k == &after[..close])?.1, close))) {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The reader's locale, as `App` provides it (English outside the app, as in component tests).
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::catalog::{parse, placeholders, Message, CATEGORIES, OTHER};
    use super::*;

    fn catalogue(lang: &str) -> Vec<Message> {
        let path = format!("{}/locales/{lang}.txt", env!("CARGO_MANIFEST_DIR"));
        parse(&std::fs::read_to_string(&path).expect("catalogue")).expect("a valid catalogue")
    }

    /// The categories a language's counts fall in, found from its own rule.
    fn categories(lang: Lang) -> Vec<usize> {
        let mut cs: Vec<usize> = (0..1000).map(|n| lang.plural(n)).collect();
        cs.sort();
        cs.dedup();
        cs
    }

    #[test]
    fn every_key_is_in_both_languages() {
        let (en, ar) = (catalogue("en"), catalogue("ar"));
        let keys = |c: &[Message]| c.iter().map(|m| m.key.clone()).collect::<std::collections::BTreeSet<_>>();
        let missing: Vec<_> = keys(&en).difference(&keys(&ar)).cloned().collect();
        let extra: Vec<_> = keys(&ar).difference(&keys(&en)).cloned().collect();
        assert!(missing.is_empty(), "not in locales/ar.txt: {missing:?}");
        assert!(extra.is_empty(), "in locales/ar.txt only: {extra:?}");
    }

    #[test]
    fn translations_fill_in_the_same_names_and_have_every_plural_form() {
        let (en, ar) = (catalogue("en"), catalogue("ar"));
        for (lang, catalogue) in [(Lang::En, &en), (Lang::Ar, &ar)] {
            for m in catalogue.iter() {
                if lang != Lang::En {
                    let english = en.iter().find(|e| e.key == m.key).expect("a key of en.txt");
                    assert_eq!(m.placeholders(), english.placeholders(), "{}: `{}` fills in other names", lang.as_str(), m.key);
                    assert_eq!(m.plural, english.plural, "{}: `{}` has plural forms in one language only", lang.as_str(), m.key);
                }
                if m.plural {
                    for c in categories(lang) {
                        assert!(m.forms.iter().any(|(k, _)| *k == c), "{}: `{}` has no [{}]", lang.as_str(), m.key, CATEGORIES[c]);
                    }
                }
            }
        }
    }

    #[test]
    fn the_arabic_catalogue_is_arabic() {
        // A text copied from English and left untranslated has no Arabic letter; names (GeoJSON, CSV, ACLED)
        // and symbols may stay as they are.
        let untranslated: Vec<String> = catalogue("ar")
            .iter()
            .filter(|m| m.forms.iter().any(|(_, t)| {
                let t = &placeholders(t).iter().fold(t.clone(), |t, name| t.replace(&format!("{{{name}}}"), ""));
                let words = t.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() > 4 && !w.chars().any(|c| c.is_uppercase()));
                words.clone().count() > 0 && !t.chars().any(|c| ('\u{600}'..='\u{6FF}').contains(&c))
            }))
            .map(|m| m.key.clone())
            .collect();
        assert!(untranslated.is_empty(), "left in English in locales/ar.txt: {untranslated:?}");
    }

    #[test]
    fn the_catalogue_reader_tells_mistakes_by_line() {
        assert_eq!(parse("a = b\na[one] = c").unwrap_err(), "line 2: `a[one]` is given twice");
        assert_eq!(parse("# x\nA = b").unwrap_err(), "line 2: `A` is not a key (lower-case words joined by `-`)");
        assert_eq!(parse("x[some] = y").unwrap_err().split(':').next(), Some("line 1"));
        assert_eq!(parse("x[one] = y").unwrap_err(), "line 1: `x` has plural forms but no `[other]`");
        assert_eq!(parse("x =").unwrap_err(), "line 1: `x` has no text");
        assert_eq!(parse("x").unwrap_err(), "line 1: expected `key = text`");
        let ok = parse("x[one] = {n} thing\nx[other] = {n} things\ny = a\\nb").unwrap();
        assert_eq!(ok[0].forms, vec![(1, "{n} thing".to_string()), (OTHER, "{n} things".to_string())]);
        assert_eq!(ok[1].forms[0].1, "a\nb");
        assert_eq!(placeholders("{a} of {b}"), ["a", "b"]);
    }

    #[test]
    fn plural_rules_follow_cldr() {
        let ar: Vec<&str> = [0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 1000].iter().map(|&n| CATEGORIES[Lang::Ar.plural(n)]).collect();
        assert_eq!(ar, ["zero", "one", "two", "few", "few", "many", "many", "other", "other", "other", "few", "many", "other"]);
        let en: Vec<&str> = [0, 1, 2, 21].iter().map(|&n| CATEGORIES[Lang::En.plural(n)]).collect();
        assert_eq!(en, ["other", "one", "other", "other"]);
    }

    #[test]
    fn languages_come_from_tags() {
        assert_eq!(Lang::parse("ar-IQ"), Some(Lang::Ar));
        assert_eq!(Lang::parse(" EN_gb"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::preferred(["fr-FR", "ar", "en"]), Some(Lang::Ar));
        assert_eq!(Lang::preferred(["de"]), None);
    }

    #[test]
    fn numbers_and_dates_use_one_kind_of_digits() {
        let western = Locale::new(Lang::Ar, Digits::Western);
        let arabic = Locale::new(Lang::Ar, Digits::Arabic);
        assert_eq!(western.number(1_234_567), "1,234,567");
        assert_eq!(arabic.number(1_234_567), "١٬٢٣٤٬٥٦٧");
        assert_eq!(arabic.percent(0.425), "٤٣٪");
        assert_eq!(Locale::EN.percent(0.425), "43%");
        let day = crate::model::day_of(2020, 1, 3).unwrap();
        assert_eq!(Locale::EN.day(day), "3 January 2020");
        assert_eq!(western.day(day), "3 كانون الثاني 2020");
        assert_eq!(arabic.day(day), "٣ كانون الثاني ٢٠٢٠");
        assert_eq!(arabic.iso_day(day), "\u{2066}٢٠٢٠-٠١-٠٣\u{2069}");
        assert_eq!(arabic.short_day(day), arabic.day(day));
        assert_eq!(Locale::EN.short_day(day), "2020-01-03");
        assert!(!arabic.day(day).chars().any(|c| c.is_ascii_digit()));
        // The English interface always writes Western digits.
        assert_eq!(Locale::new(Lang::En, Digits::Arabic).number(12), "12");
    }

    #[test]
    fn counts_take_the_plural_form_of_their_number() {
        let ar = Locale::new(Lang::Ar, Digits::Western);
        assert_eq!(Locale::EN.count(Msg::Incidents, 1, &[]), "1 incident");
        assert_eq!(Locale::EN.count(Msg::Incidents, 1200, &[]), "1,200 incidents");
        assert_eq!(ar.count(Msg::Incidents, 2, &[]), "حادثتان");
        assert_eq!(ar.count(Msg::Incidents, 5, &[]), "5 حوادث");
        assert_eq!(ar.count(Msg::Incidents, 15, &[]), "15 حادثة");
    }

    #[test]
    fn every_value_of_the_data_has_a_name_in_both_languages() {
        for loc in [Locale::EN, Locale::new(Lang::Ar, Digits::Western)] {
            // Within each kind of value, no two values share a name (a copy-paste in a catalogue would).
            let groups: [Vec<&str>; 5] = [
                Weapon::ALL.iter().map(|w| loc.weapon(*w)).collect(),
                Kind::ALL.iter().map(|k| loc.kind(*k)).collect(),
                Outcome::ALL.iter().map(|o| loc.outcome(*o)).collect(),
                Status::ALL.iter().map(|s| loc.status(*s)).collect(),
                DatePrecision::ALL.iter().map(|p| loc.date_precision(*p)).collect(),
            ];
            for names in groups {
                let distinct: std::collections::BTreeSet<&&str> = names.iter().collect();
                assert_eq!(distinct.len(), names.len(), "{}: {names:?}", loc.lang.as_str());
            }
        }
        assert_eq!(Locale::EN.weapon(Weapon::Ied), "Explosive charge (IED)");
        let ar = Locale::new(Lang::Ar, Digits::Western);
        assert_eq!((ar.country("Iraq"), ar.country(" syria"), ar.country("Atlantis")), ("العراق", "سوريا", "Atlantis"));
        assert_eq!(Locale::EN.country("Iraq"), "Iraq");
        assert_eq!(Locale::new(Lang::Ar, Digits::Western).weapon(Weapon::Rocket), "صاروخ");
    }

    #[test]
    fn filling_leaves_unknown_names_and_braces_alone() {
        assert_eq!(fill("{a} and {b}", &[("a", "1")]), "1 and {b}");
        assert_eq!(fill("{ {a}", &[("a", "x")]), "{ x");
        assert_eq!(fill("no names", &[]), "no names");
        assert_eq!(Locale::EN.and_list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
        assert_eq!(Locale::new(Lang::Ar, Digits::Western).and_list(&["أ".into(), "ب".into(), "ج".into()]), "أ، ب وج");
    }
}
