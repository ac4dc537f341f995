//! `DataReport`: what the loader skipped or repaired, said once in the page, expandable to every row.

use std::sync::Arc;

use leptos::prelude::*;

use crate::parse::{skipped_rows, Problem, Severity};
use crate::text::thousands;

/// How many problems the expanded list shows; the count line always covers all.
const LISTED: usize = 200;

/// "2 of 15 rows skipped · 1 value repaired".
pub fn report_line(rows: usize, problems: &[Problem]) -> String {
    let skipped = skipped_rows(problems);
    let repaired = problems.iter().filter(|p| p.severity == Severity::Warning).count();
    let mut parts = Vec::new();
    if skipped > 0 {
        parts.push(format!("{} of {} rows skipped", thousands(skipped), thousands(rows)));
    }
    if repaired > 0 {
        parts.push(format!("{} {} repaired or ignored", thousands(repaired), if repaired == 1 { "value" } else { "values" }));
    }
    parts.join(" · ")
}

#[component]
pub fn DataReport(#[prop(into)] rows: Signal<usize>, #[prop(into)] problems: Signal<Arc<Vec<Problem>>>) -> impl IntoView {
    move || {
        let problems = problems.get();
        if problems.is_empty() {
            return None;
        }
        let line = report_line(rows.get(), &problems);
        let more = problems.len().saturating_sub(LISTED);
        let items = problems
            .iter()
            .take(LISTED)
            .map(|p| {
                let class = if p.severity == Severity::Error { "skipped" } else { "repaired" };
                view! { <li class=class>{p.to_string()}</li> }
            })
            .collect_view();
        Some(view! {
            <div class="report" role="alert">
                <details>
                    <summary>{line}" — details"</summary>
                    <ul>{items}</ul>
                    {(more > 0).then(|| view! { <p>{format!("… and {} more", thousands(more))}</p> })}
                </details>
            </div>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(row: usize, severity: Severity) -> Problem {
        Problem { unit: crate::parse::Unit::Feature, row, id: None, field: "date".into(), message: "m".into(), severity }
    }

    #[test]
    fn the_line_counts_rows_not_problems() {
        let ps = [problem(2, Severity::Error), problem(2, Severity::Error), problem(5, Severity::Error), problem(7, Severity::Warning)];
        assert_eq!(report_line(15, &ps), "2 of 15 rows skipped · 1 value repaired or ignored");
        assert_eq!(report_line(3, &ps[3..]), "1 value repaired or ignored");
    }
}
