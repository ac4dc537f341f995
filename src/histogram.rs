//! The timeline's numbers: incidents per week or month by weapon, the spans of incidents dated only to a month
//! or a year, tick marks, and the day ↔ calendar conversions they need. Pure: no web crate, tested on the host.
//!
//! Days are whole days since 1970-01-01 (as `IncidentDate::first_day` gives them). Every calendar step goes
//! through the `time` crate; nothing here counts month lengths by hand.

use crate::i18n::{Locale, Msg};
use crate::index::Index;
use crate::model::{date_of_day, day_of, DatePrecision, Incident, Weapon};
use crate::tr;

/// Data spanning more days than this (about two years) is binned by month, else by week.
pub const MONTH_BINS_AFTER_DAYS: i64 = 730;

/// At most this many bins are made, so absurd extents (thousands of years) stay cheap; ordinary data never
/// comes near it (5,000 months is over four centuries).
pub const MAX_BINS: usize = 5_000;


/// How long one bin of the histogram is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinUnit {
    /// Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
}

/// Month bins when `first_day..=last_day` spans more than [`MONTH_BINS_AFTER_DAYS`], else week bins.
pub fn choose_unit(first_day: i64, last_day: i64) -> BinUnit {
    if last_day.saturating_sub(first_day).unsigned_abs() > MONTH_BINS_AFTER_DAYS as u64 {
        BinUnit::Month
    } else {
        BinUnit::Week
    }
}

/// Incidents known to the day that fall in one bin, by weapon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bin {
    /// First day of the bin.
    pub start: i64,
    /// Last day of the bin (inclusive).
    pub end: i64,
    /// Incidents by weapon, indexed by `Weapon as usize` (the order of `Weapon::ALL`).
    pub counts: [u32; Weapon::ALL.len()],
}

impl Bin {
    /// All incidents in the bin.
    pub fn total(&self) -> u32 {
        self.counts.iter().fold(0u32, |sum, n| sum.saturating_add(*n))
    }

    /// The bin's tooltip: "Week of 2021-12-13: 3 incidents", "December 2021: 1 incident".
    pub fn title(&self, loc: Locale, unit: BinUnit) -> String {
        let count = loc.count(Msg::Incidents, self.total() as usize, &[]);
        tr!(loc, Msg::TimelineBinTitle, bin = bin_label(loc, unit, self.start), count = count)
    }
}

/// An incident whose date is known only to a month or a year: drawn as a line over the days it may be on,
/// never counted in a bin.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// First day the incident may be on.
    pub first: i64,
    /// Last day the incident may be on (inclusive).
    pub last: i64,
    pub weapon: Weapon,
    /// The incident's id, from the data.
    pub id: String,
}

impl Span {
    /// The span's tooltip: "December 2021 · Rocket · date known only to the month · id X1". In a right-to-left
    /// language the id (data, perhaps Latin) is isolated, so it keeps its order inside the Arabic text.
    pub fn title(&self, loc: Locale) -> String {
        let whole_year = |a: time::Date, b: time::Date| {
            a.ordinal() == 1 && (b.year(), b.month(), b.day()) == (a.year(), time::Month::December, 31)
        };
        let (period, msg) = match (date_of_day(self.first), date_of_day(self.last)) {
            (Some(a), Some(b)) if whole_year(a, b) => (loc.year(a.year()), Msg::TimelineSpanYear),
            (Some(_), _) => (loc.month_year(self.first), Msg::TimelineSpanMonth),
            (None, _) => (tr!(loc, Msg::TimelineRange, from = loc.short_day(self.first), to = loc.short_day(self.last)), Msg::TimelineSpanPeriod),
        };
        let id = loc.isolate(&self.id);
        tr!(loc, msg, period = period, weapon = loc.weapon(self.weapon), id = id)
    }
}

/// The incidents of a selection binned over the whole data set's extent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Histogram {
    pub unit: BinUnit,
    /// Consecutive bins, in order, covering the extent without gaps.
    pub bins: Vec<Bin>,
    /// Incidents dated only to a month or a year, ordered by first day.
    pub spans: Vec<Span>,
}

impl Histogram {
    /// The position of the bin holding `day`, if a bin does.
    pub fn bin_index(&self, day: i64) -> Option<usize> {
        let (first, last) = (self.bins.first()?, self.bins.last()?);
        if day < first.start || day > last.end {
            return None;
        }
        Some(self.bins.partition_point(|b| b.end < day))
    }

    /// The largest bin total (0 when there is no incident).
    pub fn max_total(&self) -> u32 {
        self.bins.iter().map(Bin::total).max().unwrap_or(0)
    }
}

/// Bins `incidents[which]` over `extent` (first and last day of the whole loaded data set, so the bins stay put
/// as filters change). Incidents known to the day are counted in their bin by weapon; those known only to a month
/// or a year become [`Span`]s. Positions in `which` that are out of bounds, and days outside the bins, are skipped.
pub fn histogram(incidents: &[Incident], which: &[usize], extent: (i64, i64)) -> Histogram {
    let (lo, hi) = (extent.0.min(extent.1), extent.0.max(extent.1));
    let unit = choose_unit(lo, hi);
    let bins = make_bins(unit, lo, hi);
    let mut h = Histogram { unit, bins, spans: Vec::new() };
    for incident in which.iter().filter_map(|&n| incidents.get(n)) {
        let date = &incident.date;
        if date.precision() == DatePrecision::Day {
            if let Some(k) = h.bin_index(date.first_day()) {
                let count = &mut h.bins[k].counts[incident.weapon as usize];
                *count = count.saturating_add(1);
            }
        } else {
            h.spans.push(Span {
                first: date.first_day(),
                last: date.last_day(),
                weapon: incident.weapon,
                id: incident.id.clone(),
            });
        }
    }
    sort_spans(&mut h.spans);
    h
}

/// Spans by first day, last day and id.
fn sort_spans(spans: &mut Vec<Span>) {
    crate::order::sort_by(spans, |a, b| (a.first, a.last, &a.id).cmp(&(b.first, b.last, &b.id)));
}

/// Marks an incident in no bin: dated only to a month or a year, or outside the bins.
const NO_BIN: u16 = u16::MAX;
const _: () = assert!(MAX_BINS < NO_BIN as usize);

/// The bins over the data's extent and the bin of each incident known to the day, made once per load from
/// the index's columns, so that binning a selection (each filter change) reads two bytes per incident.
#[derive(Clone, Debug, PartialEq)]
pub struct Binning {
    /// Empty bins over the extent, as `histogram` makes them.
    empty: Histogram,
    /// Each incident's bin (`NO_BIN`: none).
    bin_of: Vec<u16>,
}

impl Binning {
    /// The bins over `extent` (as in `histogram`) for the incidents `ix` was built from.
    pub fn new(ix: &Index, extent: (i64, i64)) -> Binning {
        let empty = histogram(&[], &[], extent);
        let bin_of = ix
            .first_days()
            .iter()
            .zip(ix.last_days())
            .map(|(&first, &last)| {
                if first != last {
                    return NO_BIN;
                }
                empty.bin_index(i64::from(first)).map_or(NO_BIN, |k| k as u16)
            })
            .collect();
        Binning { empty, bin_of }
    }

    pub fn unit(&self) -> BinUnit {
        self.empty.unit
    }

    /// The same as `histogram(incidents, which, extent)`, counted from the columns; only incidents dated to a
    /// month or a year (spans) are read from `incidents`, which must be those the index was built from.
    pub fn histogram(&self, ix: &Index, incidents: &[Incident], which: &[usize]) -> Histogram {
        let mut h = self.empty.clone();
        let (weapons, first, last) = (ix.weapon_codes(), ix.first_days(), ix.last_days());
        for &n in which {
            let Some(&bin) = self.bin_of.get(n) else { continue };
            if bin != NO_BIN {
                let count = &mut h.bins[usize::from(bin)].counts[usize::from(weapons[n])];
                *count = count.saturating_add(1);
            } else if first[n] != last[n] {
                if let Some(i) = incidents.get(n) {
                    h.spans.push(Span { first: i.date.first_day(), last: i.date.last_day(), weapon: i.weapon, id: i.id.clone() });
                }
            }
        }
        sort_spans(&mut h.spans);
        h
    }
}

fn make_bins(unit: BinUnit, lo: i64, hi: i64) -> Vec<Bin> {
    let mut bins = Vec::new();
    let mut day = lo;
    while day <= hi && bins.len() < MAX_BINS {
        let Some((start, end)) = bin_bounds(unit, day) else { break };
        bins.push(Bin { start, end, counts: [0; Weapon::ALL.len()] });
        match end.checked_add(1) {
            Some(next) => day = next,
            None => break,
        }
    }
    bins
}

/// First and last day (inclusive) of the week (Monday to Sunday) or calendar month holding `day`; `None` for
/// days outside the calendar the `time` crate knows (years ±9999).
pub fn bin_bounds(unit: BinUnit, day: i64) -> Option<(i64, i64)> {
    let date = date_of_day(day)?;
    match unit {
        BinUnit::Week => {
            let start = day - i64::from(date.weekday().number_days_from_monday());
            Some((start, start + 6))
        }
        BinUnit::Month => {
            let start = day_of(date.year(), u8::from(date.month()), 1)?;
            Some((start, start + i64::from(date.month().length(date.year())) - 1))
        }
    }
}

/// The name of the bin starting on `start`: "Week of 2021-12-13", "December 2021".
pub fn bin_label(loc: Locale, unit: BinUnit, start: i64) -> String {
    match (unit, date_of_day(start)) {
        (BinUnit::Week, _) => tr!(loc, Msg::TimelineWeekOf, day = loc.short_day(start)),
        (BinUnit::Month, Some(_)) => loc.month_year(start),
        (BinUnit::Month, None) => tr!(loc, Msg::TimelineMonthOf, day = loc.short_day(start)),
    }
}

/// First day of the earliest incident and last day of the latest (a month- or year-precision date counts up to
/// its last day); `None` when there is no incident. The reference `Index::extent` is tested against.
#[cfg(test)]
pub fn extent(incidents: &[Incident]) -> Option<(i64, i64)> {
    let first = incidents.iter().map(|i| i.date.first_day()).min()?;
    let last = incidents.iter().map(|i| i.date.last_day()).max()?;
    Some((first, last))
}

/// A mark on the time axis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tick {
    /// The day the mark is at (its left edge).
    pub day: i64,
    /// "2022", or a short month name ("Apr") for marks inside a year, in the reader's language and digits.
    pub label: String,
    /// Whether the mark starts a year.
    pub major: bool,
}

/// At most this many year labels are put on the axis (about 45 px each on a 360 px phone).
const MAX_YEAR_TICKS: i32 = 8;

/// Marks inside `extent` (both ends inclusive): years when it spans more than two years (every n-th year when
/// there are too many), else quarters (more than 180 days) or months, with the year written at January.
pub fn ticks(loc: Locale, extent: (i64, i64)) -> Vec<Tick> {
    let (lo, hi) = (extent.0.min(extent.1), extent.0.max(extent.1));
    let (Some(first), Some(last)) = (date_of_day(lo), date_of_day(hi)) else { return Vec::new() };
    let days = hi - lo + 1;
    if days > MONTH_BINS_AFTER_DAYS {
        let years = last.year() - first.year() + 1;
        let step = ((years + MAX_YEAR_TICKS - 1) / MAX_YEAR_TICKS).max(1);
        return (first.year()..=last.year())
            .filter(|y| y.rem_euclid(step) == 0)
            .filter_map(|y| Some((y, day_of(y, 1, 1)?)))
            .filter(|(_, day)| (lo..=hi).contains(day))
            .map(|(y, day)| Tick { day, label: loc.year(y), major: true })
            .collect();
    }
    let every = if days > 180 { 3 } else { 1 };
    let mut out = Vec::new();
    let mut day = lo;
    while day <= hi {
        let Some((start, end)) = bin_bounds(BinUnit::Month, day) else { break };
        if start >= lo {
            if let Some(d) = date_of_day(start) {
                let month = u8::from(d.month());
                if (month - 1) % every == 0 {
                    let label = if month == 1 { loc.year(d.year()) } else { loc.month_short(month) };
                    out.push(Tick { day: start, label, major: month == 1 });
                }
            }
        }
        day = end + 1;
    }
    out
}

/// The row (0 = top) of each span so that spans in one row don't overlap, using at most `max_lanes` rows
/// (spans that don't fit share the last row). Spans are taken in order, each into the first row free at its
/// first day.
pub fn span_lanes(spans: &[Span], max_lanes: usize) -> Vec<usize> {
    let max_lanes = max_lanes.max(1);
    let mut lane_ends: Vec<i64> = Vec::new();
    spans
        .iter()
        .map(|s| {
            let lane = match lane_ends.iter().position(|&end| end < s.first) {
                Some(k) => k,
                None if lane_ends.len() < max_lanes => {
                    lane_ends.push(i64::MIN);
                    lane_ends.len() - 1
                }
                None => max_lanes - 1,
            };
            lane_ends[lane] = lane_ends[lane].max(s.last);
            lane
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Digits, Lang};
    use crate::model::iso_day;
    use crate::parse::parse_dataset;

    const EN: Locale = Locale::EN;

    fn ar() -> Locale {
        Locale::new(Lang::Ar, Digits::Western)
    }

    fn ar_digits() -> Locale {
        Locale::new(Lang::Ar, Digits::Arabic)
    }

    /// Incidents from (date, weapon) pairs; ids are "0", "1", ….
    fn incidents(rows: &[(&str, &str)]) -> Vec<Incident> {
        let features: Vec<String> = rows
            .iter()
            .enumerate()
            .map(|(n, (date, weapon))| {
                format!(r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[44,33]}},"properties":{{"id":"{n}","date":"{date}","weapon":"{weapon}"}}}}"#)
            })
            .collect();
        parse_dataset(&format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))).unwrap().incidents
    }

    fn day(s: &str) -> i64 {
        crate::model::parse_iso_day(s).unwrap()
    }

    fn assert_covers(h: &Histogram, extent: (i64, i64)) {
        assert!(!h.bins.is_empty());
        assert!(h.bins[0].start <= extent.0, "first bin starts on or before the extent");
        assert!(h.bins.last().unwrap().end >= extent.1, "last bin ends on or after the extent");
        for pair in h.bins.windows(2) {
            assert_eq!(pair[1].start, pair[0].end + 1, "no gap and no overlap");
        }
        for b in &h.bins {
            assert!(b.start <= b.end);
        }
    }

    #[test]
    fn the_unit_follows_the_span() {
        assert_eq!(choose_unit(0, 730), BinUnit::Week);
        assert_eq!(choose_unit(0, 731), BinUnit::Month);
        assert_eq!(choose_unit(731, 0), BinUnit::Month, "order does not matter");
        assert_eq!(choose_unit(i64::MIN, i64::MAX), BinUnit::Month, "no overflow");
    }

    #[test]
    fn week_bins_start_on_monday_and_cover_the_extent() {
        // 2021-12-15 is a Wednesday; 2022-01-02 a Sunday.
        let extent = (day("2021-12-15"), day("2022-01-02"));
        let h = histogram(&[], &[], extent);
        assert_eq!(h.unit, BinUnit::Week);
        assert_covers(&h, extent);
        assert_eq!(h.bins[0].start, day("2021-12-13"));
        assert_eq!(h.bins.len(), 3);
        for b in &h.bins {
            assert_eq!(b.end - b.start, 6);
            assert_eq!(date_of_day(b.start).unwrap().weekday(), time::Weekday::Monday);
        }
        assert_eq!(h.bins[2].end, day("2022-01-02"));
    }

    #[test]
    fn month_bins_follow_month_lengths_including_leap_february() {
        let extent = (day("2019-12-27"), day("2024-02-03"));
        let h = histogram(&[], &[], extent);
        assert_eq!(h.unit, BinUnit::Month);
        assert_covers(&h, extent);
        assert_eq!(h.bins[0].start, day("2019-12-01"));
        assert_eq!(h.bins.len(), 12 * 4 + 3, "Dec 2019 … Feb 2024");
        let feb = |y: i32| h.bins.iter().find(|b| b.start == day_of(y, 2, 1).unwrap()).unwrap();
        assert_eq!(feb(2020).end, day("2020-02-29"));
        assert_eq!(feb(2021).end, day("2021-02-28"));
        assert_eq!(h.bins.last().unwrap().end, day("2024-02-29"));
        for b in &h.bins {
            assert_eq!(date_of_day(b.start).unwrap().day(), 1);
            assert_eq!(date_of_day(b.end + 1).unwrap().day(), 1);
        }
    }

    #[test]
    fn counts_by_weapon_in_the_right_bin() {
        let all = incidents(&[
            ("2021-12-13", "rocket"),
            ("2021-12-19", "rocket"),
            ("2021-12-19", "drone"),
            ("2021-12-20", "drone"),
        ]);
        let extent = extent(&all).unwrap();
        let h = histogram(&all, &[0, 1, 2, 3], extent);
        assert_eq!(h.bins.len(), 2);
        assert_eq!(h.bins[0].counts[Weapon::Rocket as usize], 2);
        assert_eq!(h.bins[0].counts[Weapon::Drone as usize], 1);
        assert_eq!(h.bins[1].counts[Weapon::Drone as usize], 1);
        assert_eq!(h.bins[1].total(), 1);
        assert_eq!(h.max_total(), 3);
        assert_eq!(h.bins[0].title(EN, h.unit), "Week of 2021-12-13: 3 incidents");
        assert_eq!(h.bins[1].title(EN, h.unit), "Week of 2021-12-20: 1 incident");
        assert_eq!(h.bins[0].title(ar(), h.unit), "أسبوع 13 كانون الأول 2021: 3 حوادث");
        assert_eq!(h.bins[1].title(ar_digits(), h.unit), "أسبوع ٢٠ كانون الأول ٢٠٢١: حادثة واحدة");
        // Only the selection counts, and stray positions are skipped.
        let some = histogram(&all, &[1, 99], extent);
        assert_eq!(some.max_total(), 1);
        assert_eq!(some.bins[0].counts[Weapon::Rocket as usize], 1);
    }

    #[test]
    fn month_and_year_dates_are_spans_not_counts() {
        let all = incidents(&[("2021-12-19", "rocket"), ("2021-08", "drone"), ("2020", "mortar")]);
        let extent = extent(&all).unwrap();
        assert_eq!(extent, (day("2020-01-01"), day("2021-12-19")));
        let h = histogram(&all, &[0, 1, 2], extent);
        assert_eq!(h.bins.iter().map(Bin::total).sum::<u32>(), 1, "only the day-precision incident is counted");
        assert_eq!(h.spans.len(), 2);
        assert_eq!(h.spans[0], Span { first: day("2020-01-01"), last: day("2020-12-31"), weapon: Weapon::Mortar, id: "2".into() });
        assert_eq!(h.spans[1], Span { first: day("2021-08-01"), last: day("2021-08-31"), weapon: Weapon::Drone, id: "1".into() });
        assert_eq!(h.spans[0].title(EN), "2020 · Mortar · date known only to the year · id 2");
        assert_eq!(h.spans[1].title(EN), "August 2021 · Drone · date known only to the month · id 1");
        assert_eq!(h.spans[0].title(ar_digits()), "٢٠٢٠ · هاون · التاريخ معروف بالسنة فقط · المعرّف \u{2068}2\u{2069}");
        assert_eq!(h.spans[1].title(ar()), "آب 2021 · طائرة مسيّرة · التاريخ معروف بالشهر فقط · المعرّف \u{2068}1\u{2069}");
        let far = Span { first: i64::MIN, last: i64::MIN + 5, weapon: Weapon::Rocket, id: "x".into() };
        assert!(far.title(EN).contains(" · Rocket · date known only to the period · id x"), "{}", far.title(EN));
    }

    #[test]
    fn an_empty_selection_still_covers_the_extent() {
        let all = incidents(&[("2021-01-04", "rocket"), ("2021-03-01", "drone")]);
        let extent = extent(&all).unwrap();
        let h = histogram(&all, &[], extent);
        assert_covers(&h, extent);
        assert_eq!(h.max_total(), 0);
        assert!(h.spans.is_empty());
        assert_eq!(super::extent(&[]), None);
    }

    #[test]
    fn a_one_day_extent_and_reversed_or_absurd_extents_do_not_fail() {
        let d = day("2022-06-15");
        let h = histogram(&[], &[], (d, d));
        assert_covers(&h, (d, d));
        assert_eq!(h.bins.len(), 1);
        assert_eq!(histogram(&[], &[], (d + 10, d)).bins, histogram(&[], &[], (d, d + 10)).bins);
        assert!(histogram(&[], &[], (i64::MAX - 1, i64::MAX)).bins.is_empty());
        assert!(histogram(&[], &[], (i64::MIN, i64::MAX)).bins.is_empty(), "days beyond the calendar have no bins");
        let ages = (day_of(-9000, 1, 1).unwrap(), day_of(9000, 12, 31).unwrap());
        assert_eq!(histogram(&[], &[], ages).bins.len(), MAX_BINS, "an absurd extent is cut at MAX_BINS");
        assert!(ticks(EN, (i64::MIN, i64::MAX)).is_empty());
        assert_eq!(bin_bounds(BinUnit::Month, i64::MAX), None);
    }

    #[test]
    fn bin_index_finds_the_bin() {
        let extent = (day("2020-01-01"), day("2022-12-31"));
        let h = histogram(&[], &[], extent);
        assert_eq!(h.bin_index(day("2020-01-01")), Some(0));
        assert_eq!(h.bin_index(day("2020-02-29")), Some(1));
        assert_eq!(h.bin_index(day("2020-03-01")), Some(2));
        assert_eq!(h.bin_index(day("2022-12-31")), Some(35));
        assert_eq!(h.bin_index(day("2023-01-01")), None);
        assert_eq!(h.bin_index(day("2019-12-31")), None);
    }

    #[test]
    fn bin_labels() {
        assert_eq!(bin_label(EN, BinUnit::Month, day("2021-12-01")), "December 2021");
        assert_eq!(bin_label(EN, BinUnit::Week, day("2021-12-13")), "Week of 2021-12-13");
        assert_eq!(bin_label(ar(), BinUnit::Month, day("2021-12-01")), "كانون الأول 2021");
        assert_eq!(bin_label(ar_digits(), BinUnit::Month, day("2021-12-01")), "كانون الأول ٢٠٢١");
        assert_eq!(bin_label(ar_digits(), BinUnit::Week, day("2021-12-13")), "أسبوع ١٣ كانون الأول ٢٠٢١");
    }

    #[test]
    fn ticks_mark_years_or_quarters() {
        let years = ticks(EN, (day("2019-12-27"), day("2024-02-03")));
        let labels: Vec<&str> = years.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["2020", "2021", "2022", "2023", "2024"]);
        assert_eq!(years[0].day, day("2020-01-01"));
        let many = ticks(EN, (day("1900-01-01"), day("2024-01-01")));
        assert!(many.len() <= MAX_YEAR_TICKS as usize + 1, "{}", many.len());
        let quarters = ticks(EN, (day("2021-11-15"), day("2022-08-10")));
        let labels: Vec<&str> = quarters.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["2022", "Apr", "Jul"]);
        assert!(quarters[0].major && !quarters[1].major);
        let months = ticks(EN, (day("2022-01-10"), day("2022-03-31")));
        let labels: Vec<&str> = months.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["Feb", "Mar"]);
        // In Arabic: the same marks, with Arabic month names and the reader's digits.
        let labels = |loc: Locale, extent: (i64, i64)| ticks(loc, extent).into_iter().map(|t| t.label).collect::<Vec<_>>();
        assert_eq!(labels(ar(), (day("2021-11-15"), day("2022-08-10"))), ["2022", "نيسان", "تموز"]);
        assert_eq!(labels(ar_digits(), (day("2021-11-15"), day("2022-08-10"))), ["٢٠٢٢", "نيسان", "تموز"]);
        assert_eq!(labels(ar_digits(), (day("2019-12-27"), day("2021-02-03")))[..2], ["٢٠٢٠", "نيسان"]);
        assert_eq!(ticks(ar_digits(), (day("2019-12-27"), day("2024-02-03"))).len(), years.len());
    }

    #[test]
    fn binning_from_the_index_agrees_with_the_reference() {
        let all = incidents(&[
            ("2021-12-13", "rocket"),
            ("2021-12-19", "drone"),
            ("2021-08", "drone"),
            ("2020", "mortar"),
            ("2022-02-28", "airstrike"),
        ]);
        let ix = Index::build(&all);
        let extent = ix.extent().unwrap();
        let binning = Binning::new(&ix, extent);
        assert_eq!(binning.unit(), BinUnit::Month);
        for which in [vec![], vec![0, 1, 2, 3, 4], vec![3, 4], vec![1, 2, 99]] {
            assert_eq!(binning.histogram(&ix, &all, &which), histogram(&all, &which, extent), "{which:?}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn binning_agrees_with_the_reference_on_any_data(
            rows in proptest::collection::vec((0i64..900, 0u8..3, 0usize..Weapon::ALL.len()), 1..40),
            pick in proptest::collection::vec(proptest::bool::ANY, 40),
        ) {
            let dates: Vec<String> = rows
                .iter()
                .map(|&(d, precision, _)| {
                    let iso = iso_day(day("2020-01-01") + d);
                    match precision {
                        0 => iso,
                        1 => iso[..7].to_string(),
                        _ => iso[..4].to_string(),
                    }
                })
                .collect();
            let pairs: Vec<(&str, &str)> = dates.iter().zip(&rows).map(|(d, r)| (d.as_str(), Weapon::ALL[r.2].as_str())).collect();
            let all = incidents(&pairs);
            let ix = Index::build(&all);
            let extent = ix.extent().unwrap();
            let which: Vec<usize> = (0..all.len()).filter(|&n| pick[n]).collect();
            proptest::prop_assert_eq!(Binning::new(&ix, extent).histogram(&ix, &all, &which), histogram(&all, &which, extent));
        }
    }

    #[test]
    fn spans_are_packed_into_lanes() {
        let s = |first: i64, last: i64| Span { first, last, weapon: Weapon::Rocket, id: String::new() };
        let spans = [s(0, 30), s(10, 40), s(31, 60), s(35, 50), s(36, 37)];
        assert_eq!(span_lanes(&spans, 4), vec![0, 1, 0, 2, 3]);
        assert_eq!(span_lanes(&spans, 2), vec![0, 1, 0, 1, 1], "overflow shares the last lane");
        assert_eq!(span_lanes(&spans, 0).len(), 5, "no panic on zero lanes");
    }
}
