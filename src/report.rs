//! `DataReport`: what the loader skipped or repaired, said once in the page, expandable to every row.

use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::{Locale, Msg};
use crate::parse::{skipped_rows, Problem, Severity};
use crate::tr;

/// How many problems the expanded list shows; the count line always covers all.
const LISTED: usize = 200;

/// "2 of 15 rows skipped · 1 value repaired or ignored", in the reader's language.
pub fn report_line(loc: Locale, rows: usize, problems: &[Problem]) -> String {
    let skipped = skipped_rows(problems);
    let repaired = problems.iter().filter(|p| p.severity == Severity::Warning).count();
    let mut parts = Vec::new();
    if skipped > 0 {
        parts.push(loc.count(Msg::ReportSkipped, rows, &[("skipped", &loc.number(skipped))]));
    }
    if repaired > 0 {
        parts.push(loc.count(Msg::ReportRepaired, repaired, &[]));
    }
    parts.join(" · ")
}

#[component]
pub fn DataReport(#[prop(into)] rows: Signal<usize>, #[prop(into)] problems: Signal<Arc<Vec<Problem>>>) -> impl IntoView {
    let loc = crate::i18n::use_locale();
    move || {
        let problems = problems.get();
        if problems.is_empty() {
            return None;
        }
        let line = tr!(loc, Msg::ReportDetails, line = report_line(loc, rows.get(), &problems));
        let more = problems.len().saturating_sub(LISTED);
        let items = problems
            .iter()
            .take(LISTED)
            .map(|p| {
                let class = if p.severity == Severity::Error { "skipped" } else { "repaired" };
                view! { <li class=class>{p.describe(loc)}</li> }
            })
            .collect_view();
        Some(view! {
            <div class="report" role="alert">
                <details>
                    <summary>{line}</summary>
                    <ul>{items}</ul>
                    {(more > 0).then(|| view! { <p>{loc.count(Msg::ReportMore, more, &[])}</p> })}
                </details>
            </div>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Digits, Lang};
    use crate::parse::{Issue, Unit};

    fn problem(row: usize, severity: Severity) -> Problem {
        Problem { unit: Unit::Feature, row, id: None, field: "date".into(), issue: Issue::Missing, severity }
    }

    #[test]
    fn the_line_counts_rows_not_problems() {
        let ps = [problem(2, Severity::Error), problem(2, Severity::Error), problem(5, Severity::Error), problem(7, Severity::Warning)];
        assert_eq!(report_line(Locale::EN, 15, &ps), "2 of 15 rows skipped · 1 value repaired or ignored");
        assert_eq!(report_line(Locale::EN, 3, &ps[3..]), "1 value repaired or ignored");
        let ar = Locale::new(Lang::Ar, Digits::Western);
        assert_eq!(report_line(ar, 15, &ps), "استُبعد 2 من أصل 15 صفاً · قيمة واحدة أُصلحت أو أُهملت");
        assert_eq!(report_line(ar, 1, &ps[..1]), "استُبعد 1 من أصل صف واحد");
        let many = vec![problem(9, Severity::Warning); 1200];
        assert_eq!(report_line(Locale::new(Lang::Ar, Digits::Arabic), 150_000, &many), "١٬٢٠٠ قيمة أُصلحت أو أُهملت");
        let all = [problem(2, Severity::Error), problem(3, Severity::Error), problem(4, Severity::Warning), problem(5, Severity::Warning)];
        assert_eq!(report_line(Locale::new(Lang::Ar, Digits::Arabic), 150_000, &all), "استُبعد ٢ من أصل ١٥٠٬٠٠٠ صف · قيمتان أُصلحتا أو أُهملتا");
    }

    #[test]
    fn the_details_and_the_rest_are_said_in_the_readers_language() {
        let ar = Locale::new(Lang::Ar, Digits::Arabic);
        assert_eq!(tr!(Locale::EN, Msg::ReportDetails, line = "x"), "x — details");
        assert_eq!(tr!(ar, Msg::ReportDetails, line = "x"), "x — التفاصيل");
        assert_eq!(Locale::EN.count(Msg::ReportMore, 1800, &[]), "… and 1,800 more");
        assert_eq!(ar.count(Msg::ReportMore, 1800, &[]), "… و١٬٨٠٠ أخرى");
    }
}
