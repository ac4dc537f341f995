//! The domain: what an incident is. Plain Rust, no web crates, so it is tested on the host.

use std::fmt;

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

impl Weapon {
    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Weapon::Rocket => "Rocket",
            Weapon::Drone => "Drone",
            Weapon::Missile => "Missile",
            Weapon::Mortar => "Mortar",
            Weapon::Rpg => "RPG",
            Weapon::Ied => "Explosive charge (IED)",
            Weapon::Airstrike => "Airstrike",
            Weapon::Unknown => "Unknown",
        }
    }
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

/// A calendar date known to a day, a month or a year. Ordering is by the first day it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IncidentDate {
    pub year: i32,
    /// 1–12 when known.
    pub month: Option<u8>,
    /// 1–31 when known (only with a month).
    pub day: Option<u8>,
}

impl IncidentDate {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, checking that the day exists in that month.
    pub fn parse(s: &str) -> Option<IncidentDate> {
        let mut parts = s.split('-');
        let year_s = parts.next()?;
        if year_s.len() != 4 || !year_s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year_s.parse().ok()?;
        let two = |p: Option<&str>| -> Option<Option<u8>> {
            match p {
                None => Some(None),
                Some(t) if t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit()) => t.parse().ok().map(Some),
                Some(_) => None,
            }
        };
        let month = two(parts.next())?;
        let day = two(parts.next())?;
        if parts.next().is_some() {
            return None;
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return None;
            }
            if let Some(d) = day {
                if d < 1 || d > days_in_month(year, m) {
                    return None;
                }
            }
        }
        Some(IncidentDate { year, month, day })
    }

    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    /// The first day covered, as days since 1970-01-01.
    pub fn first_day(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day covered (inclusive), as days since 1970-01-01.
    pub fn last_day(&self) -> i64 {
        match (self.month, self.day) {
            (Some(m), Some(d)) => days_from_civil(self.year, m, d),
            (Some(m), None) => days_from_civil(self.year, m, days_in_month(self.year, m)),
            _ => days_from_civil(self.year, 12, 31),
        }
    }
}

impl fmt::Display for IncidentDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A report an incident cites.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub outlet: String,
    pub title: Option<String>,
    pub published: Option<String>,
    /// Only ever an `http:` or `https:` URL; anything else is dropped when parsing.
    pub url: Option<String>,
}

/// A conflicting or superseded account of an incident.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub source: String,
    pub says: String,
}

/// One incident. Unknown facts are `None`, never zero.
#[derive(Clone, Debug, PartialEq)]
pub struct Incident {
    /// Stable, from the data; never an array position.
    pub id: String,
    pub kind: Kind,
    pub date: IncidentDate,
    pub time: Option<String>,
    pub site_id: Option<String>,
    pub site: Option<String>,
    pub countries: Vec<String>,
    pub location_precision: LocationPrecision,
    /// Where it happened: one point, or several for a strike on several places.
    pub points: Vec<geo::Point<f64>>,
    pub weapon: Weapon,
    pub weapon_detail: Option<String>,
    pub launched: Option<u32>,
    pub intercepted: Option<u32>,
    pub intercepted_by: Option<String>,
    pub impacts: Option<u32>,
    pub killed: Option<u32>,
    pub wounded: Option<u32>,
    pub casualty_detail: Option<String>,
    pub damage: Option<String>,
    pub claimed_by: Option<String>,
    pub attributed_to: Option<String>,
    pub status: Status,
    pub summary: Option<String>,
    pub sources: Vec<Source>,
    pub reports: Vec<Report>,
}

impl Incident {
    /// A short title for lists and tooltips: "2021-12-19 · Rocket · Green Zone, Baghdad".
    pub fn title(&self) -> String {
        let place = self.site.as_deref().unwrap_or("unknown place");
        format!("{} · {} · {}", self.date, self.weapon.label(), place)
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
    fn days_from_civil_matches_known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2020, 1, 3), 18_264);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
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
