//! `SiteView`: one site's record under the current filters — how many incidents and when, by which weapons,
//! how many were intercepted and what they cost. The figures and the chart's geometry are plain Rust, tested
//! on the host; the component only draws them.

use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::{use_locale, Locale, Msg};
use crate::list::{casualty_text, date_text, WeaponSwatch};
use crate::model::{Incident, IncidentDate, Weapon};
use crate::symbol::weapon_color;
use crate::summary::{summary_line, totals, Totals};
use crate::tr;

/// What the incidents at one site add up to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SiteStats {
    /// The site's name as the data writes it, or its key when no incident names it.
    pub name: String,
    pub totals: Totals,
    /// Incidents per year, every year from the first to the last, zeros included.
    pub by_year: Vec<(i32, usize)>,
    /// The earliest date, to its precision.
    pub first: Option<IncidentDate>,
    /// The latest date, likewise.
    pub last: Option<IncidentDate>,
}

/// The figures for the incidents in `which` whose `site_key()` is `key`. The name is the first of them that
/// names its site (or `key`). Positions outside `incidents` are ignored.
pub fn site_stats(incidents: &[Incident], which: &[usize], key: &str) -> SiteStats {
    let here: Vec<usize> = which
        .iter()
        .copied()
        .filter(|&n| incidents.get(n).is_some_and(|i| i.site_key() == Some(key)))
        .collect();
    let name = here
        .iter()
        .find_map(|&n| incidents[n].site.as_deref().map(str::trim).filter(|s| !s.is_empty()))
        .unwrap_or(key)
        .to_string();
    let first = here.iter().map(|&n| incidents[n].date).min();
    let last = here.iter().map(|&n| incidents[n].date).max();
    let by_year = match (first, last) {
        (Some(first), Some(last)) => {
            let (from, to) = (first.year(), last.year().max(first.year()));
            let mut counts = vec![0usize; usize::try_from(i64::from(to) - i64::from(from) + 1).unwrap_or(0)];
            for &n in &here {
                let offset = i64::from(incidents[n].date.year()) - i64::from(from);
                if let Some(c) = usize::try_from(offset).ok().and_then(|o| counts.get_mut(o)) {
                    *c += 1;
                }
            }
            (from..=to).zip(counts).collect()
        }
        _ => Vec::new(),
    };
    SiteStats {
        name,
        totals: totals(incidents, &here),
        by_year,
        first,
        last,
    }
}

/// "First 2021-01-03 · last 2024-02-04", or "First and last 2021-12" when they are the same date (dates as
/// [`date_text`] writes them).
pub fn dates_line(loc: Locale, stats: &SiteStats) -> Option<String> {
    match (stats.first, stats.last) {
        (Some(first), Some(last)) if first == last => Some(tr!(loc, Msg::DetailSiteDatesSame, date = date_text(loc, first))),
        (Some(first), Some(last)) => Some(tr!(loc, Msg::DetailSiteDates, first = date_text(loc, first), last = date_text(loc, last))),
        _ => None,
    }
}

/// A total as `Locale::number` writes it.
fn number(loc: Locale, n: u64) -> String {
    loc.number(usize::try_from(n).unwrap_or(usize::MAX))
}

/// "Interception rate: 25% (9 of 36 launched)", or "Interception rate: not reported".
pub fn interception_line(loc: Locale, t: &Totals) -> String {
    match t.interception_rate() {
        Some(rate) => tr!(
            loc,
            Msg::DetailSiteRate,
            rate = loc.percent(rate),
            intercepted = number(loc, t.intercepted),
            launched = number(loc, t.launched),
        ),
        None => loc.t(Msg::DetailSiteRateUnknown).to_string(),
    }
}

/// "Casualties: 1 killed, 9 wounded", or "Casualties: not reported".
pub fn casualty_line(loc: Locale, t: &Totals) -> String {
    if !t.casualties_known {
        return loc.t(Msg::DetailSiteCasualtiesUnknown).to_string();
    }
    let casualties = casualty_text(loc, Some(t.killed), Some(t.wounded)).unwrap_or_default();
    tr!(loc, Msg::DetailSiteCasualties, casualties = casualties)
}

/// Weapons with their incident counts and each one's share of the largest (0–1), for proportional bars.
pub fn weapon_mix(t: &Totals) -> Vec<(Weapon, usize, f64)> {
    let most = t.by_weapon.iter().map(|(_, n)| *n).max().unwrap_or(0);
    t.by_weapon
        .iter()
        .map(|&(w, n)| (w, n, if most == 0 { 0.0 } else { n as f64 / most as f64 }))
        .collect()
}

/// The per-year bar chart's geometry, in SVG user units.
#[derive(Clone, Debug, PartialEq)]
pub struct YearBars {
    pub width: f64,
    pub height: f64,
    /// The y of the bars' baseline; year labels sit below it.
    pub baseline: f64,
    pub bars: Vec<Bar>,
}

/// One year's bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub year: i32,
    pub count: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// The year as printed under the bar; `None` where labels would crowd (every few years are labelled).
    pub label: Option<String>,
    /// "2021: 4 incidents".
    pub title: String,
}

/// The plot's width when the years fill it; one SVG unit is drawn as one CSS pixel where there is room.
const PLOT_WIDTH: f64 = 320.0;
/// Distance from one bar to the next: at most this (few years), at least `MIN_PITCH` (then the chart shrinks).
const MAX_PITCH: f64 = 32.0;
const MIN_PITCH: f64 = 4.0;
/// Share of the pitch a bar fills.
const BAR_SHARE: f64 = 0.75;
const PLOT_HEIGHT: f64 = 56.0;
const LABEL_HEIGHT: f64 = 14.0;
/// Year labels are at least this far apart, so "2021" never touches "2022".
const LABEL_SPACING: f64 = 32.0;

/// Lays out one bar per year, heights proportional to the largest count (a year with any incident is at
/// least 2 units tall, so it never vanishes), and labels every year or every few years, as room allows.
/// Years run as the reader reads: from the left in English, from the right in Arabic (like the timeline).
pub fn year_bars(loc: Locale, by_year: &[(i32, usize)]) -> YearBars {
    let most = by_year.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let pitch = (PLOT_WIDTH / by_year.len().max(1) as f64).clamp(MIN_PITCH, MAX_PITCH);
    let stride = ((LABEL_SPACING / pitch).ceil() as usize).max(1);
    let width = by_year.len().max(1) as f64 * pitch;
    let bar_width = pitch * BAR_SHARE;
    let bars = by_year
        .iter()
        .enumerate()
        .map(|(k, &(year, count))| {
            let height = if most == 0 || count == 0 {
                0.0
            } else {
                (PLOT_HEIGHT * count as f64 / most as f64).max(2.0)
            };
            let x = k as f64 * pitch;
            Bar {
                year,
                count,
                x: if loc.is_rtl() { width - x - bar_width } else { x },
                y: PLOT_HEIGHT - height,
                width: bar_width,
                height,
                label: (k % stride == 0).then(|| loc.year(year)),
                title: tr!(loc, Msg::DetailSiteYear, year = loc.year(year), incidents = loc.count(Msg::Incidents, count, &[])),
            }
        })
        .collect();
    YearBars {
        width,
        height: PLOT_HEIGHT + LABEL_HEIGHT,
        baseline: PLOT_HEIGHT,
        bars,
    }
}

/// Incidents per year as small SVG bars; each bar's `<title>` gives its count.
#[component]
fn YearChart(by_year: Vec<(i32, usize)>) -> impl IntoView {
    let loc = use_locale();
    let chart = year_bars(loc, &by_year);
    let titles: Vec<&str> = chart.bars.iter().map(|b| b.title.as_str()).collect();
    let label = tr!(loc, Msg::DetailSiteChart, years = titles.join(&format!("{} ", loc.t(Msg::ListComma))));
    let view_box = format!("0 0 {} {}", chart.width, chart.height);
    let baseline = chart.baseline;
    let bars = chart
        .bars
        .into_iter()
        .map(|b| {
            let label_x = b.x + b.width / 2.0;
            view! {
                <g class="year">
                    <rect class="bar" x=b.x y=b.y width=b.width height=b.height>
                        <title>{b.title.clone()}</title>
                    </rect>
                    // A transparent hit area over the whole column, so short bars still show their title.
                    <rect class="hit" x=b.x y="0" width=b.width height=baseline>
                        <title>{b.title}</title>
                    </rect>
                    {b.label.map(|l| view! {
                        <text x=label_x y=baseline + 11.0 text-anchor="middle">{l}</text>
                    })}
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="year-chart" viewBox=view_box width=chart.width height=chart.height role="img" aria-label=label>
            <line class="axis" x1="0" x2=chart.width y1=baseline y2=baseline />
            {bars}
        </svg>
    }
}

/// One site's record under the current filters.
#[component]
pub fn SiteView(
    #[prop(into)] incidents: Signal<Option<Arc<Vec<Incident>>>>,
    /// Positions of the incidents passing the filters.
    #[prop(into)]
    visible: Signal<Arc<Vec<usize>>>,
    /// The site key shown.
    #[prop(into)]
    site: Signal<String>,
    /// Called when the reader closes the site view (the integrator clears the site filter).
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    let loc = use_locale();
    let stats: Memo<SiteStats> = Memo::new(move |_| {
        site.with(|key| {
            incidents.with(|all| match all {
                Some(all) => visible.with(|v| site_stats(all, v, key)),
                None => site_stats(&[], &[], key),
            })
        })
    });
    let body = move || {
        let s = stats.get();
        let mix = weapon_mix(&s.totals)
            .into_iter()
            .map(|(weapon, count, share)| {
                let bar = format!("width:{:.1}%;background:{}", share * 100.0, weapon_color(weapon));
                view! {
                    <li data-weapon=weapon.as_str()>
                        <WeaponSwatch weapon />
                        <span class="name">{loc.weapon(weapon)}</span>
                        <span class="n">{loc.number(count)}</span>
                        <span class="mix-bar" aria-hidden="true"><span style=bar></span></span>
                    </li>
                }
            })
            .collect_view();
        let has_incidents = s.totals.incidents > 0;
        view! {
            // The site's name is data: its own direction, the panel's alignment.
            <h2 id="site-title"><bdi>{crate::app::site_name_in(loc, Some(&site.get())).unwrap_or_else(|| s.name.clone())}</bdi></h2>
            <p class="site-summary">{summary_line(loc, &s.totals)}</p>
            {dates_line(loc, &s).map(|line| view! { <p class="site-dates">{line}</p> })}
            {has_incidents.then(|| view! {
                <h3>{loc.t(Msg::DetailSitePerYear)}</h3>
                <YearChart by_year=s.by_year.clone() />
                <h3>{loc.t(Msg::DetailSiteWeapons)}</h3>
                <ul class="weapon-mix">{mix}</ul>
                <p class="site-rate">{interception_line(loc, &s.totals)}</p>
                <p class="site-casualties">{casualty_line(loc, &s.totals)}</p>
            })}
        }
    };
    view! {
        <section class="site-view" aria-labelledby="site-title">
            <button type="button" class="close" aria-label=loc.t(Msg::DetailSiteClose) on:click=move |_| on_close.run(())>"×"</button>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Digits, Lang};
    use crate::parse::test_incidents as incidents;

    const EN: Locale = Locale::EN;

    fn arabic(digits: Digits) -> Locale {
        Locale::new(Lang::Ar, digits)
    }

    fn iso(d: Option<IncidentDate>) -> Option<String> {
        d.map(|d| d.to_string())
    }


    fn sample() -> Vec<Incident> {
        incidents(&[
            r#""date":"2021-12-19","site":"Ain al-Asad","weapon":"rocket","launched":31,"intercepted":8,"killed":1,"wounded":4"#,
            r#""date":"2019-03","site":"Ain al-Asad","weapon":"drone","launched":5,"intercepted":1,"wounded":5"#,
            r#""date":"2021-01-01","site":"Erbil","weapon":"rocket","launched":3"#,
            r#""date":"2023","site":"Ain al-Asad","weapon":"rocket""#,
        ])
    }

    #[test]
    fn counts_only_the_site_and_the_visible() {
        let all = sample();
        let s = site_stats(&all, &[0, 1, 2, 3], "Ain al-Asad");
        assert_eq!(s.name, "Ain al-Asad");
        assert_eq!(s.totals.incidents, 3);
        assert_eq!((s.totals.launched, s.totals.intercepted), (36, 9));
        assert_eq!(summary_line(crate::i18n::Locale::EN, &s.totals), "3 incidents · 31 rockets and 5 drones launched · 9 intercepted (25%) · 1 killed, 9 wounded");
        assert_eq!(s.by_year, [(2019, 1), (2020, 0), (2021, 1), (2022, 0), (2023, 1)]);
        assert_eq!((iso(s.first).as_deref(), iso(s.last).as_deref()), (Some("2019-03"), Some("2023")));
        assert_eq!(dates_line(EN, &s).as_deref(), Some("First 2019-03 · last 2023"));
        assert_eq!(interception_line(EN, &s.totals), "Interception rate: 25% (9 of 36 launched)");
        assert_eq!(casualty_line(EN, &s.totals), "Casualties: 1 killed, 9 wounded");

        let filtered = site_stats(&all, &[0, 2], "Ain al-Asad");
        assert_eq!(filtered.totals.incidents, 1);
        assert_eq!(filtered.by_year, [(2021, 1)]);
        assert_eq!(dates_line(EN, &filtered).as_deref(), Some("First and last 2021-12-19"));
    }

    #[test]
    fn the_record_reads_in_arabic_in_either_digits() {
        let all = sample();
        let s = site_stats(&all, &[0, 1, 2, 3], "Ain al-Asad");
        let ar = arabic(Digits::Western);
        assert_eq!(dates_line(ar, &s).as_deref(), Some("أول حادثة آذار 2019 · آخر حادثة 2023"));
        assert_eq!(interception_line(ar, &s.totals), "نسبة الاعتراض: 25% (اعتُرض 9 من أصل 36)");
        assert_eq!(casualty_line(ar, &s.totals), "الضحايا: قتيل واحد و9 جرحى");
        let filtered = site_stats(&all, &[0], "Ain al-Asad");
        assert_eq!(dates_line(ar, &filtered).as_deref(), Some("أول حادثة وآخرها 19 كانون الأول 2021"));

        let digits = arabic(Digits::Arabic);
        assert_eq!(dates_line(digits, &s).as_deref(), Some("أول حادثة آذار ٢٠١٩ · آخر حادثة ٢٠٢٣"));
        assert_eq!(interception_line(digits, &s.totals), "نسبة الاعتراض: ٢٥٪ (اعتُرض ٩ من أصل ٣٦)");
        assert_eq!(casualty_line(digits, &s.totals), "الضحايا: قتيل واحد و٩ جرحى");
        let none = site_stats(&all, &[3], "Ain al-Asad");
        assert_eq!(interception_line(ar, &none.totals), "نسبة الاعتراض: لم تُذكر");
        assert_eq!(casualty_line(ar, &none.totals), "الضحايا: لم تُذكر أعدادهم");
    }

    #[test]
    fn keys_by_gazetteer_id_and_names_from_the_data() {
        let all = incidents(&[
            r#""date":"2022-01-05","site_id":"asad","weapon":"drone""#,
            r#""date":"2022-02-05","site_id":"asad","site":"Al Asad Airbase","weapon":"drone""#,
        ]);
        let s = site_stats(&all, &[0, 1], "asad");
        assert_eq!(s.name, "Al Asad Airbase", "the first incident that names the site");
        assert_eq!(s.totals.incidents, 2);
        assert_eq!(site_stats(&all, &[0], "asad").name, "asad", "else the key");
    }

    #[test]
    fn nothing_known_is_said_plainly() {
        let all = sample();
        let none = site_stats(&all, &[0, 1, 2, 3], "Nowhere");
        assert_eq!(none.name, "Nowhere");
        assert_eq!(none.totals.incidents, 0);
        assert!(none.by_year.is_empty());
        assert_eq!((none.first, none.last), (None, None));
        assert_eq!(interception_line(EN, &none.totals), "Interception rate: not reported");
        assert_eq!(casualty_line(EN, &none.totals), "Casualties: not reported");
        let unreported = site_stats(&all, &[3], "Ain al-Asad");
        assert_eq!(interception_line(EN, &unreported.totals), "Interception rate: not reported");
        assert_eq!(casualty_line(EN, &unreported.totals), "Casualties: not reported");
    }

    #[test]
    fn bad_positions_are_ignored() {
        let all = sample();
        let s = site_stats(&all, &[99, 0, usize::MAX], "Ain al-Asad");
        assert_eq!(s.totals.incidents, 1);
        assert_eq!(site_stats(&[], &[0], "x").totals.incidents, 0);
    }

    #[test]
    fn weapon_mix_is_proportional_to_the_commonest() {
        let all = sample();
        let s = site_stats(&all, &[0, 1, 2, 3], "Ain al-Asad");
        assert_eq!(weapon_mix(&s.totals), [(Weapon::Rocket, 2, 1.0), (Weapon::Drone, 1, 0.5)]);
        assert!(weapon_mix(&Totals::default()).is_empty());
    }

    #[test]
    fn bars_scale_to_the_busiest_year() {
        let chart = year_bars(EN, &[(2019, 1), (2020, 0), (2021, 4)]);
        assert_eq!(chart.bars.len(), 3);
        assert_eq!(chart.bars[2].height, PLOT_HEIGHT);
        assert_eq!(chart.bars[2].y, 0.0);
        assert_eq!(chart.bars[1].height, 0.0);
        assert_eq!(chart.bars[0].height, PLOT_HEIGHT / 4.0);
        assert_eq!(chart.bars[0].title, "2019: 1 incident");
        assert_eq!(chart.bars[2].title, "2021: 4 incidents");
        assert_eq!(chart.bars[1].x, MAX_PITCH);
        assert_eq!(chart.width, 3.0 * MAX_PITCH);
        assert!(chart.bars.iter().all(|b| b.label.is_some()), "few years: all labelled");
        let tiny = year_bars(EN, &[(2020, 1), (2021, 1000)]);
        assert_eq!(tiny.bars[0].height, 2.0, "a year with incidents never vanishes");
        assert_eq!(year_bars(EN, &[]).bars, []);
        assert_eq!(year_bars(EN, &[(2020, 0)]).bars[0].height, 0.0, "no division by zero");
    }

    #[test]
    fn in_arabic_the_years_run_from_the_right() {
        let years = [(2019, 1), (2020, 0), (2021, 4)];
        let (en, ar) = (year_bars(EN, &years), year_bars(arabic(Digits::Arabic), &years));
        assert_eq!((ar.width, ar.height, ar.baseline), (en.width, en.height, en.baseline));
        for (e, a) in en.bars.iter().zip(&ar.bars) {
            assert_eq!(a.x, en.width - e.x - e.width, "mirrored");
            assert_eq!((a.y, a.width, a.height), (e.y, e.width, e.height));
        }
        assert_eq!(ar.bars[0].x + ar.bars[0].width, ar.width, "the earliest year at the right edge");
        assert!(ar.bars[0].x > ar.bars[2].x);
        assert_eq!(ar.bars[0].label.as_deref(), Some("٢٠١٩"));
        assert_eq!(ar.bars[0].title, "٢٠١٩: حادثة واحدة");
        assert_eq!(ar.bars[1].title, "٢٠٢٠: لا حوادث");
        assert_eq!(ar.bars[2].title, "٢٠٢١: ٤ حوادث");
        assert_eq!(year_bars(arabic(Digits::Western), &years).bars[2].title, "2021: 4 حوادث");
    }

    #[test]
    fn many_years_fit_the_panel_and_label_every_few() {
        let years: Vec<(i32, usize)> = (2003..=2024).map(|y| (y, 1)).collect();
        let chart = year_bars(EN, &years);
        assert!(chart.width <= PLOT_WIDTH);
        let labelled: Vec<&Bar> = chart.bars.iter().filter(|b| b.label.is_some()).collect();
        assert_eq!(labelled[0].label.as_deref(), Some("2003"));
        assert!(labelled.windows(2).all(|w| w[1].x - w[0].x >= LABEL_SPACING));
        let centuries: Vec<(i32, usize)> = (1..=2000).map(|y| (y, 0)).collect();
        assert_eq!(year_bars(EN, &centuries).width, 2000.0 * MIN_PITCH, "shrinks, never overlaps");
    }
}
