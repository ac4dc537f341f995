//! The domain: what an incident is. Plain Rust, no web crates, so it is tested on the host.

use std::fmt;
use std::sync::Arc;

use crate::i18n::Lang;

/// An enum whose values are written in the data as fixed lower-case names: one declaration gives the
/// variants, `ALL` (in declaration order), `as_str` and `parse`, so names and variants cannot drift apart.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            /// The name used in the data and in URLs.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Reads a name exactly as `as_str` writes it.
            pub fn parse(s: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.as_str() == s)
            }
        }
    };
}
pub(crate) use named_enum;

named_enum! {
    /// Whether an incident is an attack on a US/coalition site or a strike by US/coalition forces.
    Kind { Attack = "attack", Strike = "strike" }
}

named_enum! {
    /// The means of an incident. `Unknown` is a value of its own, not a parsing fallback.
    Weapon {
        Rocket = "rocket",
        Drone = "drone",
        Missile = "missile",
        Mortar = "mortar",
        Rpg = "rpg",
        Ied = "ied",
        Airstrike = "airstrike",
        Unknown = "unknown",
    }
}

named_enum! {
    /// What came of an incident, as the outcome filter offers it.
    Outcome { Intercepted = "intercepted", Impacted = "impacted", Casualties = "casualties" }
}

named_enum! {
    /// How precisely the date of an incident is known.
    DatePrecision { Day = "day", Month = "month", Year = "year" }
}

named_enum! {
    /// How precisely the place of an incident is known: a point, somewhere near it, or a whole area.
    LocationPrecision { Exact = "exact", Approximate = "approximate", Region = "region" }
}

named_enum! {
    /// Whether the account of an incident is confirmed, unconfirmed, or was revised by later reports.
    Status { Confirmed = "confirmed", Unconfirmed = "unconfirmed", Revised = "revised" }
}

/// A calendar date known to a day, a month or a year: the first day it covers and how much it covers.
/// Ordering is by the first day, then by precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IncidentDate {
    start: time::Date,
    precision: DatePrecision,
}

/// Julian day number of 1970-01-01.
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;

impl IncidentDate {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: ASCII digits only, nothing around them; the day must exist.
    pub fn parse(s: &str) -> Option<IncidentDate> {
        let (year, month, day, precision) = match *s.as_bytes() {
            [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] => ([y0, y1, y2, y3], [m0, m1], [d0, d1], DatePrecision::Day),
            [y0, y1, y2, y3, b'-', m0, m1] => ([y0, y1, y2, y3], [m0, m1], *b"01", DatePrecision::Month),
            [y0, y1, y2, y3] => ([y0, y1, y2, y3], *b"01", *b"01", DatePrecision::Year),
            _ => return None,
        };
        // Two digits each: at most 99, so `as u8` is exact.
        let start = calendar_date(number(&year)?.into(), number(&month)? as u8, number(&day)? as u8)?;
        Some(IncidentDate { start, precision })
    }

    /// A date known to the day.
    pub fn day(date: time::Date) -> IncidentDate {
        IncidentDate { start: date, precision: DatePrecision::Day }
    }

    /// The same date known only to `precision`, if that is coarser (a day becomes its month or year).
    pub fn truncated(self, precision: DatePrecision) -> IncidentDate {
        let start = match precision.max(self.precision) {
            DatePrecision::Day => self.start,
            DatePrecision::Month => self.start.replace_day(1).unwrap_or(self.start),
            DatePrecision::Year => time::Date::from_ordinal_date(self.start.year(), 1).unwrap_or(self.start),
        };
        IncidentDate { start, precision: precision.max(self.precision) }
    }

    pub fn precision(&self) -> DatePrecision {
        self.precision
    }

    pub fn year(&self) -> i32 {
        self.start.year()
    }

    /// An integer in the dates' order (first day, then precision): equal for equal dates only.
    pub fn sort_key(&self) -> u64 {
        ((self.first_day() + (1 << 40)) as u64) << 2 | self.precision as u64
    }

    /// The first day covered, as days since 1970-01-01.
    pub fn first_day(&self) -> i64 {
        day_number(self.start)
    }

    /// The last day covered (inclusive), as days since 1970-01-01.
    pub fn last_day(&self) -> i64 {
        let covered = match self.precision {
            DatePrecision::Day => 1,
            DatePrecision::Month => u16::from(self.start.month().length(self.start.year())),
            DatePrecision::Year => time::util::days_in_year(self.start.year()),
        };
        self.first_day() + i64::from(covered) - 1
    }
}

impl fmt::Display for IncidentDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = (self.start.year(), u8::from(self.start.month()), self.start.day());
        match self.precision {
            DatePrecision::Day => write!(f, "{y:04}-{m:02}-{d:02}"),
            DatePrecision::Month => write!(f, "{y:04}-{m:02}"),
            DatePrecision::Year => write!(f, "{y:04}"),
        }
    }
}

/// Days since 1970-01-01.
pub fn day_number(date: time::Date) -> i64 {
    i64::from(date.to_julian_day()) - UNIX_EPOCH_JULIAN_DAY
}

/// The date of a day number, if it is within the calendar the `time` crate handles.
pub fn date_of_day(day: i64) -> Option<time::Date> {
    let julian = i32::try_from(day.checked_add(UNIX_EPOCH_JULIAN_DAY)?).ok()?;
    time::Date::from_julian_day(julian).ok()
}

/// A day number as `YYYY-MM-DD` ("day N" for days outside the calendar, so it never fails).
pub fn iso_day(day: i64) -> String {
    date_of_day(day).map_or_else(|| format!("day {day}"), |d| IncidentDate::day(d).to_string())
}

/// `YYYY-MM-DD` → day number; `None` for anything else, including `YYYY-MM` and `YYYY`.
pub fn parse_iso_day(s: &str) -> Option<i64> {
    let d = IncidentDate::parse(s.trim())?;
    (d.precision() == DatePrecision::Day).then(|| d.first_day())
}

/// Days since 1970-01-01 of a calendar date, if it exists.
pub fn day_of(year: i32, month: u8, day: u8) -> Option<i64> {
    calendar_date(year, month, day).map(day_number)
}

/// A calendar date, if it exists (the `time` crate knows the months' lengths and the leap years).
pub fn calendar_date(year: i32, month: u8, day: u8) -> Option<time::Date> {
    time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}

/// The number written with one to four ASCII digits (no sign, no spaces).
pub fn number(digits: &[u8]) -> Option<u16> {
    let ok = (1..=4).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit);
    ok.then(|| digits.iter().fold(0, |n, d| n * 10 + u16::from(d - b'0')))
}

/// A report an incident cites.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub outlet: String,
    pub title: Option<String>,
    pub published: Option<String>,
    /// The source's address as the data gives it. Only an `http:` or `https:` one is ever a link
    /// ([`Source::link`]); any other (`javascript:`, `data:`, a file path) is shown as plain text.
    pub url: Option<String>,
}

impl Source {
    /// The address, if it may be rendered as a link: only absolute `http:` and `https:` URLs.
    pub fn link(&self) -> Option<&str> {
        self.url.as_deref().filter(|u| is_safe_link(u))
    }
}

/// A conflicting or superseded account of an incident.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub source: String,
    pub says: String,
}

/// Text of an incident. Shared: a site's name, a country, a summary repeated across rows are stored once
/// however many incidents carry them (the loader gives equal texts one allocation).
pub type Text = Arc<str>;

/// One incident. Unknown facts are `None`, never zero.
#[derive(Clone, Debug, PartialEq)]
pub struct Incident {
    /// Stable, from the data; never an array position.
    pub id: String,
    pub kind: Kind,
    pub date: IncidentDate,
    pub time: Option<Text>,
    pub site_id: Option<Text>,
    pub site: Option<Text>,
    pub countries: Vec<Text>,
    pub location_precision: LocationPrecision,
    /// Where it happened: one point, or several for a strike on several places.
    pub points: Vec<geo::Point<f64>>,
    pub weapon: Weapon,
    pub weapon_detail: Option<Text>,
    pub launched: Option<u32>,
    pub intercepted: Option<u32>,
    pub intercepted_by: Option<Text>,
    pub impacts: Option<u32>,
    pub killed: Option<u32>,
    pub wounded: Option<u32>,
    pub casualty_detail: Option<Text>,
    pub damage: Option<Text>,
    pub claimed_by: Option<Text>,
    pub attributed_to: Option<Text>,
    pub status: Status,
    pub summary: Option<Text>,
    /// The summary in Arabic (`summary_ar` in the data), if the data gives one.
    pub summary_ar: Option<Text>,
    pub sources: Vec<Source>,
    pub reports: Vec<Report>,
    /// Fields of imported data that are not part of the schema, kept as (name, text) to show in the detail.
    pub extra: Vec<(Text, Text)>,
}

impl Incident {
    /// The key that groups incidents by place: the gazetteer's `site_id`, else the site's name as written.
    /// `site=` in the URL takes these keys.
    pub fn site_key(&self) -> Option<&str> {
        self.site_id.as_deref().or(self.site.as_deref())
    }

    /// The summary in `lang`: the Arabic one in Arabic when the data gives it, else the English one.
    pub fn summary_in(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Ar => self.summary_ar.as_deref().or(self.summary.as_deref()),
            Lang::En => self.summary.as_deref(),
        }
    }

    /// Whether the data gives the number launched, intercepted, struck, killed or wounded: the outcome facets.
    pub fn was_intercepted(&self) -> bool {
        self.intercepted.is_some_and(|n| n > 0)
    }

    pub fn impacted(&self) -> bool {
        self.impacts.is_some_and(|n| n > 0)
    }

    pub fn has_casualties(&self) -> bool {
        self.killed.is_some_and(|n| n > 0) || self.wounded.is_some_and(|n| n > 0)
    }
}

/// Whether a link from the data may be rendered as a link: only absolute `http:` and `https:` URLs.
pub fn is_safe_link(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_at_every_precision() {
        let d = IncidentDate::parse("2021-12-19").unwrap();
        assert_eq!(d.precision(), DatePrecision::Day);
        assert_eq!(d.to_string(), "2021-12-19");
        let m = IncidentDate::parse("2021-04").unwrap();
        assert_eq!(m.precision(), DatePrecision::Month);
        assert_eq!(m.last_day() - m.first_day(), 29);
        let y = IncidentDate::parse("2020").unwrap();
        assert_eq!(y.precision(), DatePrecision::Year);
        assert_eq!(y.last_day() - y.first_day(), 365, "2020 is a leap year");
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in ["2021-02-29", "2021-13-01", "2021-00", "21-01-01", "2021-1-01", "2021-01-01-01", "", "abcd"] {
            assert_eq!(IncidentDate::parse(bad), None, "{bad}");
        }
        assert!(IncidentDate::parse("2020-02-29").is_some());
    }

    #[test]
    fn iso_dates_are_digits_only_and_days_that_exist() {
        for good in ["2024-02-29", "2000-02-29", "1999-12-31", "2021-04-30", "2021-12", "1970"] {
            assert_eq!(IncidentDate::parse(good).map(|d| d.to_string()).as_deref(), Some(good));
        }
        for bad in [
            "1900-02-29", "2023-02-29", "2021-04-31", "2021-02-30", "2021-01-00", "2021-01-32", "2021-12-3x",
            // Whitespace is the caller's to trim; signs and other digits are not ISO.
            " 2021", "2021 ", "2021-01-01 ", "2021 -01", "+2021", "-202", "+202-01", "２０２１", "2021-+1", "2021-1 ",
        ] {
            assert_eq!(IncidentDate::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn day_numbers_match_known_days() {
        assert_eq!(day_of(1970, 1, 1), Some(0));
        assert_eq!(day_of(2000, 3, 1), Some(11_017));
        assert_eq!(day_of(2020, 1, 3), Some(18_264));
        assert_eq!(day_of(1969, 12, 31), Some(-1));
        assert_eq!(day_of(2021, 2, 29), None);
    }

    #[test]
    fn iso_days_round_trip() {
        for s in ["1970-01-01", "2020-02-29", "2024-12-31"] {
            assert_eq!(parse_iso_day(s).map(iso_day).as_deref(), Some(s));
        }
        assert_eq!(parse_iso_day("2021-04"), None, "a month is not a day");
        assert_eq!(iso_day(i64::MAX), format!("day {}", i64::MAX));
        assert_eq!(parse_iso_day(" 2021-12-13 "), day_of(2021, 12, 13));
    }

    #[test]
    fn truncation_keeps_the_period() {
        let d = IncidentDate::parse("2022-04-15").unwrap();
        assert_eq!(d.truncated(DatePrecision::Month).to_string(), "2022-04");
        assert_eq!(d.truncated(DatePrecision::Year).to_string(), "2022");
        let m = IncidentDate::parse("2022-04").unwrap();
        assert_eq!(m.truncated(DatePrecision::Day), m, "never finer than known");
    }

    #[test]
    fn only_http_links_are_safe() {
        assert!(is_safe_link("https://www.rt.com/news/543654/"));
        assert!(is_safe_link("HTTP://example.org/a"));
        for bad in ["javascript:alert(1)", "data:text/html,x", "//evil.org", "https://", "https://a b", "ftp://x", "vbscript:x"] {
            assert!(!is_safe_link(bad), "{bad}");
        }
    }

    #[test]
    fn the_summary_in_arabic_falls_back_to_english() {
        let all = crate::parse::test_incidents(&[
            r#""summary":"Three rockets","summary_ar":"ثلاثة صواريخ""#,
            r#""summary":"Two drones""#,
            r#""summary_ar":"طائرة مسيّرة""#,
            r#""summary":"One mortar","summary_ar":"  ""#,
        ]);
        let both: Vec<_> = all.iter().map(|i| (i.summary_in(Lang::En), i.summary_in(Lang::Ar))).collect();
        assert_eq!(both[0], (Some("Three rockets"), Some("ثلاثة صواريخ")));
        assert_eq!(both[1], (Some("Two drones"), Some("Two drones")), "no Arabic: English");
        assert_eq!(both[2], (None, Some("طائرة مسيّرة")), "Arabic only: none in English");
        assert_eq!(both[3], (Some("One mortar"), Some("One mortar")), "a blank Arabic summary is none");
    }

    #[test]
    fn names_round_trip() {
        for w in Weapon::ALL {
            assert_eq!(Weapon::parse(w.as_str()), Some(w));
        }
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        for p in LocationPrecision::ALL {
            assert_eq!(LocationPrecision::parse(p.as_str()), Some(p));
        }
        assert_eq!(Weapon::parse("Rocket"), None, "values are lower case");
    }
}
