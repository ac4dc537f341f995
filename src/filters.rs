//! `FilterPanel`: every filter but the weapon (the legend) and the timeline's brush — dates with presets, site
//! search with aliases, country, kind, outcome, claimed, free text. Thin: it reads and writes `Filter`.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::filter::Filter;
use crate::gazetteer::{pick_site, site_options, Site};
use crate::index::Index;
use crate::model::{iso_day, parse_iso_day, Incident, Kind, Outcome};

fn input_value(ev: &web_sys::Event) -> String {
    ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default()
}

/// Adds `value` to `list` when `on`, else removes it.
fn toggle<T: PartialEq>(list: &mut Vec<T>, value: T, on: bool) {
    list.retain(|v| *v != value);
    if on {
        list.push(value);
    }
}

/// One checkbox of a facet.
fn check(label: String, checked: impl Fn() -> bool + Send + Sync + 'static, set: impl Fn(bool) + 'static) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" prop:checked=checked on:change=move |ev| set(ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|i| i.checked())) />
            {label}
        </label>
    }
}

#[component]
pub fn FilterPanel(
    filter: RwSignal<Filter>,
    #[prop(into)] incidents: Signal<Option<Arc<Vec<Incident>>>>,
    /// The data's index: its countries.
    #[prop(into)]
    index: Signal<Option<Arc<Index>>>,
    /// The first and last day of the data.
    #[prop(into)]
    extent: Signal<Option<(i64, i64)>>,
    /// The gazetteer, for site names and aliases (empty until loaded).
    #[prop(into)]
    gazetteer: Signal<Arc<Vec<Site>>>,
) -> impl IntoView {
    let span = extent;
    let options = Memo::new(move |_| {
        incidents.with(|all| gazetteer.with(|g| all.as_deref().map(|all| site_options(all, g)).unwrap_or_default()))
    });
    // Once each, whatever their case in the data (as the filter compares them).
    let countries = Memo::new(move |_| index.with(|ix| ix.as_ref().map(|ix| ix.country_names().to_vec()).unwrap_or_default()));

    let date_input = move |label: &'static str, get: fn(&Filter) -> Option<i64>, set: fn(&mut Filter, Option<i64>)| {
        view! {
            <label class="date">
                {label}
                <input
                    type="date"
                    prop:value=move || filter.with(|f| get(f).map(iso_day).unwrap_or_default())
                    prop:min=move || span.get().map(|(a, _)| iso_day(a)).unwrap_or_default()
                    prop:max=move || span.get().map(|(_, b)| iso_day(b)).unwrap_or_default()
                    on:change=move |ev| {
                        let day = parse_iso_day(&input_value(&ev));
                        filter.update(|f| set(f, day));
                    }
                />
            </label>
        }
    };
    let presets = move || {
        let Some((first, last)) = span.get() else { return Vec::new() };
        let year_of = |d: i64| crate::model::date_of_day(d).map(|d| d.year());
        let mut out = vec![("All dates".to_string(), None, None), ("Last 12 months of the data".to_string(), Some(last - 364), Some(last))];
        if let (Some(a), Some(b)) = (year_of(first), year_of(last)) {
            for y in a..=b {
                out.push((y.to_string(), crate::model::day_of(y, 1, 1), crate::model::day_of(y, 12, 31)));
            }
        }
        out
    };

    let site_text = RwSignal::new(String::new());
    let add_site = move |text: &str| {
        let picked = options.with(|o| pick_site(o, text).map(|o| o.key.clone()));
        if let Some(key) = picked {
            filter.update(|f| {
                if !f.sites.contains(&key) {
                    f.sites.push(key);
                }
            });
            site_text.set(String::new());
        }
    };
    let site_name = move |key: &str| options.with(|o| o.iter().find(|o| o.key == key).map_or_else(|| key.to_string(), |o| o.name.clone()));

    view! {
        <section class="filters" aria-label="Filters">
            <fieldset class="dates">
                <legend>"Dates"</legend>
                {date_input("From", |f| f.from, |f, d| f.from = d)}
                {date_input("To", |f| f.to, |f, d| f.to = d)}
                <div class="presets">
                    {move || presets().into_iter().map(|(label, from, to)| {
                        let active = move || filter.with(|f| f.from == from && f.to == to);
                        view! {
                            <button type="button" aria-pressed=move || active().to_string()
                                on:click=move |_| filter.update(|f| { f.from = from; f.to = to; })>{label.clone()}</button>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <fieldset class="sites">
                <legend>"Sites"</legend>
                <input
                    type="search"
                    list="site-options"
                    placeholder="Search a site (Al Asad, International Zone…)"
                    aria-label="Search a site"
                    prop:value=move || site_text.get()
                    on:input=move |ev| {
                        let v = input_value(&ev);
                        site_text.set(v.clone());
                        // Choosing from the list fills the whole name in at once.
                        if options.with(|o| o.iter().any(|o| o.name == v || o.aliases.contains(&v))) {
                            add_site(&v);
                        }
                    }
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            add_site(&site_text.get_untracked());
                        }
                    }
                />
                <datalist id="site-options">
                    {move || options.get().into_iter().flat_map(|o| {
                        let count = o.count;
                        std::iter::once(o.name.clone()).chain(o.aliases.clone()).map(move |n| view! { <option value=n>{format!("{count} incidents")}</option> }).collect::<Vec<_>>()
                    }).collect_view()}
                </datalist>
                <ul class="chips" aria-label="Chosen sites">
                    {move || filter.with(|f| f.sites.clone()).into_iter().map(|key| {
                        let name = site_name(&key);
                        let remove = key.clone();
                        view! {
                            <li>
                                {name.clone()}
                                <button type="button" aria-label=format!("Remove {name}") on:click=move |_| filter.update(|f| f.sites.retain(|s| *s != remove))>"×"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </fieldset>
            <fieldset class="facets">
                <legend>"Country, kind, outcome"</legend>
                <div class="group" role="group" aria-label="Country">
                    {move || countries.get().into_iter().map(|c| {
                        let (c1, c2) = (c.clone(), c.clone());
                        check(c, move || filter.with(|f| f.countries.contains(&c1)), move |on| filter.update(|f| toggle(&mut f.countries, c2.clone(), on)))
                    }).collect_view()}
                </div>
                <div class="group" role="group" aria-label="Kind">
                    {[(Kind::Attack, "Attacks on US/coalition sites"), (Kind::Strike, "US/coalition strikes")].into_iter().map(|(k, label)| {
                        check(label.to_string(), move || filter.with(|f| f.kinds.contains(&k)), move |on| filter.update(|f| toggle(&mut f.kinds, k, on)))
                    }).collect_view()}
                </div>
                <div class="group" role="group" aria-label="Outcome">
                    {Outcome::ALL.into_iter().map(|o| {
                        check(o.label().to_string(), move || filter.with(|f| f.outcomes.contains(&o)), move |on| filter.update(|f| toggle(&mut f.outcomes, o, on)))
                    }).collect_view()}
                </div>
                <div class="group" role="radiogroup" aria-label="Claimed">
                    {[(None, "Claimed or not"), (Some(true), "Claimed"), (Some(false), "Not claimed")].into_iter().map(|(value, label)| view! {
                        <label class="check">
                            <input type="radio" name="claimed" prop:checked=move || filter.with(|f| f.claimed == value)
                                on:change=move |_| filter.update(|f| f.claimed = value) />
                            {label}
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
            <label class="text-search">
                "Search the text"
                <input
                    type="search"
                    placeholder="Words in summaries, sites, claims, sources…"
                    prop:value=move || filter.with(|f| f.q.clone())
                    on:input=move |ev| {
                        let q = input_value(&ev);
                        filter.update(|f| f.q = q);
                    }
                />
            </label>
            <button type="button" class="clear" on:click=move |_| filter.set(Filter::default())
                disabled=move || filter.with(|f| *f == Filter::default())>"Clear all filters"</button>
        </section>
    }
}
