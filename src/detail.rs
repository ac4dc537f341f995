//! `IncidentDetail`: everything known about one incident. Text from the data is only ever text; links are
//! rendered only for http(s) URLs (checked when parsing) and open with `noopener noreferrer`.

use leptos::prelude::*;

use crate::model::{Incident, Source};

fn count_line(i: &Incident) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(n) = i.launched {
        parts.push(format!("{n} launched"));
    }
    if let Some(n) = i.intercepted {
        match &i.intercepted_by {
            Some(by) => parts.push(format!("{n} intercepted by {by}")),
            None => parts.push(format!("{n} intercepted")),
        }
    }
    if let Some(n) = i.impacts {
        parts.push(format!("{n} impacts"));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// One labelled fact, left out when unknown.
fn fact(label: &'static str, value: Option<impl AsRef<str>>) -> impl IntoView {
    value.map(|v| {
        view! {
            <dt>{label}</dt>
            <dd>{v.as_ref().to_string()}</dd>
        }
    })
}

fn source_item(s: Source) -> impl IntoView {
    let title = s.title.clone().unwrap_or_else(|| s.outlet.clone());
    let heading = match s.link() {
        Some(url) => view! { <a href=url.to_string() target="_blank" rel="noopener noreferrer">{title}</a> }.into_any(),
        None => view! { <span>{title}</span> }.into_any(),
    };
    // An address that is not an http(s) link is shown as it is, as text.
    let address = s.url.clone().filter(|_| s.link().is_none());
    // Under a title: the outlet and date; under an outlet standing in for a missing title: the date alone.
    let meta = match (&s.title, &s.published) {
        (Some(_), Some(p)) => Some(format!("{} · {p}", s.outlet)),
        (Some(_), None) => Some(s.outlet.clone()),
        (None, p) => p.clone(),
    };
    view! {
        <li>
            {heading}
            {meta.map(|m| view! { <div class="meta">{m}</div> })}
            {address.map(|a| view! { <div class="meta address">{a}</div> })}
        </li>
    }
}

#[component]
pub fn IncidentDetail(incident: Incident, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let i = incident;
    let date = match (&i.time, i.date.precision()) {
        (Some(t), _) => format!("{} at {t} local time", i.date),
        (None, crate::model::DatePrecision::Day) => i.date.to_string(),
        (None, p) => format!("{} (known to the {})", i.date, p.as_str()),
    };
    let place = format!(
        "{} — {} location",
        i.site.clone().unwrap_or_else(|| "unknown place".into()),
        i.location_precision.as_str()
    );
    let weapon = match &i.weapon_detail {
        Some(d) => format!("{} — {d}", i.weapon.label()),
        None => i.weapon.label().to_string(),
    };
    let sources = i.sources.clone();
    let reports = i.reports.clone();
    let extra = i.extra.clone();
    view! {
        <aside class="detail" aria-labelledby="detail-title" data-id=i.id.clone()>
            <button class="close" aria-label="Close details" on:click=move |_| on_close.run(())>"×"</button>
            <p class="kicker">{format!("{} · {} · {}", i.id, i.kind.as_str(), i.status.as_str())}</p>
            <h2 id="detail-title">{i.site.as_deref().unwrap_or(&i.id).to_string()}</h2>
            <p class="summary">{i.summary.as_deref().map(str::to_string)}</p>
            <dl>
                {fact("Date", Some(date))}
                {fact("Place", Some(place))}
                {fact("Country", (!i.countries.is_empty()).then(|| i.countries.join(", ")))}
                {fact("Weapon", Some(weapon))}
                {fact("Counts", count_line(&i))}
                {fact("Casualties", i.casualty_text())}
                {fact("Casualty detail", i.casualty_detail.clone())}
                {fact("Damage", i.damage.clone())}
                {fact("Claimed by", i.claimed_by.clone())}
                {fact("Attributed to", i.attributed_to.clone())}
            </dl>
            {(!reports.is_empty()).then(|| view! {
                <h3>"Accounts side by side"</h3>
                <ul class="reports">
                    <li class="ours"><strong>"This data set"</strong><p>{i.summary.clone().unwrap_or_else(|| "No summary.".into())}</p></li>
                    {reports.into_iter().map(|r| view! { <li><strong>{r.source}</strong><p>{r.says}</p></li> }).collect_view()}
                </ul>
            })}
            <h3>"Sources"</h3>
            {if sources.is_empty() {
                view! { <p class="none">"The data names no source for this incident."</p> }.into_any()
            } else {
                view! { <ul class="sources">{sources.into_iter().map(source_item).collect_view()}</ul> }.into_any()
            }}
            {(!extra.is_empty()).then(|| view! {
                <h3>"Other fields in the data"</h3>
                <dl class="extra">
                    {extra.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                </dl>
            })}
        </aside>
    }
}
