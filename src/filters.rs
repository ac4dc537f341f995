//! `FilterPanel`: every filter but the weapon (the legend) and the timeline's brush — dates with presets, site
//! search with aliases, country, kind, outcome, claimed, free text. Thin: it reads and writes `Filter`.
//! Written in the reader's language; names from the data (sites, countries) are shown as given, isolated
//! (`<bdi>`) so a Latin name keeps its order in Arabic text.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::filter::Filter;
use crate::gazetteer::{pick_site, site_options, Site};
use crate::i18n::{Locale, Msg};
use crate::index::Index;
use crate::model::{iso_day, parse_iso_day, Incident, Kind, Outcome};
use crate::tr;

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

/// One checkbox of a facet; its label is isolated, as names from the data may be.
fn check(label: String, checked: impl Fn() -> bool + Send + Sync + 'static, set: impl Fn(bool) + 'static) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" prop:checked=checked on:change=move |ev| set(ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|i| i.checked())) />
            <bdi>{label}</bdi>
        </label>
    }
}

/// The date presets over the data's days `first..=last`: all dates, the data's last 12 months, then each
/// calendar year it touches, as (label, from, to).
pub fn date_presets(loc: Locale, first: i64, last: i64) -> Vec<(String, Option<i64>, Option<i64>)> {
    let year_of = |d: i64| crate::model::date_of_day(d).map(|d| d.year());
    let mut out = vec![
        (loc.t(Msg::FiltersAllDates).to_string(), None, None),
        (loc.t(Msg::FiltersLastYear).to_string(), Some(last - 364), Some(last)),
    ];
    if let (Some(a), Some(b)) = (year_of(first), year_of(last)) {
        for y in a..=b {
            out.push((loc.year(y), crate::model::day_of(y, 1, 1), crate::model::day_of(y, 12, 31)));
        }
    }
    out
}

/// The kinds as the filter offers them, with their labels.
pub fn kind_choices(loc: Locale) -> [(Kind, &'static str); 2] {
    [(Kind::Attack, loc.t(Msg::FiltersKindAttack)), (Kind::Strike, loc.t(Msg::FiltersKindStrike))]
}

/// The choices for "claimed": either, claimed, not claimed.
pub fn claimed_choices(loc: Locale) -> [(Option<bool>, &'static str); 3] {
    [
        (None, loc.t(Msg::FiltersClaimedAny)),
        (Some(true), loc.t(Msg::FiltersClaimedYes)),
        (Some(false), loc.t(Msg::FiltersClaimedNo)),
    ]
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
    let loc = crate::i18n::use_locale();
    let span = extent;
    let options = Memo::new(move |_| {
        incidents.with(|all| gazetteer.with(|g| all.as_deref().map(|all| site_options(all, g)).unwrap_or_default()))
    });
    // Once each, whatever their case in the data (as the filter compares them).
    let countries = Memo::new(move |_| index.with(|ix| ix.as_ref().map(|ix| ix.country_names().to_vec()).unwrap_or_default()));

    let date_input = move |label: Msg, get: fn(&Filter) -> Option<i64>, set: fn(&mut Filter, Option<i64>)| {
        view! {
            <label class="date">
                {loc.t(label)}
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
    let presets = move || span.get().map(|(first, last)| date_presets(loc, first, last)).unwrap_or_default();

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
    let site_name = move |key: &str| options.with(|o| o.iter().find(|o| o.key == key).map_or_else(|| key.to_string(), |o| o.name_in(loc.lang).to_string()));

    view! {
        <section class="filters" aria-label=loc.t(Msg::FiltersPanel)>
            <fieldset class="dates">
                <legend>{loc.t(Msg::FiltersDates)}</legend>
                {date_input(Msg::FiltersFrom, |f| f.from, |f, d| f.from = d)}
                {date_input(Msg::FiltersTo, |f| f.to, |f, d| f.to = d)}
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
                <legend>{loc.t(Msg::FiltersSites)}</legend>
                <input
                    type="search"
                    list="site-options"
                    placeholder=loc.t(Msg::FiltersSitePlaceholder)
                    aria-label=loc.t(Msg::FiltersSiteSearch)
                    prop:value=move || site_text.get()
                    on:input=move |ev| {
                        let v = input_value(&ev);
                        site_text.set(v.clone());
                        // Choosing from the list fills the whole name in at once.
                        if options.with(|o| o.iter().any(|o| o.name == v || o.name_ar.as_ref() == Some(&v) || o.aliases.contains(&v))) {
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
                        // The name in the reader's language first, then the other names it goes by.
                        let first = o.name_in(loc.lang).to_string();
                        let others = [o.name.clone()].into_iter().chain(o.name_ar.clone()).chain(o.aliases.clone()).filter(|n| *n != first).collect::<Vec<_>>();
                        std::iter::once(first).chain(others).map(move |n| view! { <option value=n>{loc.count(Msg::Incidents, count, &[])}</option> }).collect::<Vec<_>>()
                    }).collect_view()}
                </datalist>
                <ul class="chips" aria-label=loc.t(Msg::FiltersChosenSites)>
                    {move || filter.with(|f| f.sites.clone()).into_iter().map(|key| {
                        let name = site_name(&key);
                        let remove = key.clone();
                        view! {
                            <li>
                                <bdi>{name.clone()}</bdi>
                                <button type="button" aria-label=tr!(loc, Msg::FiltersRemoveSite, name = name) on:click=move |_| filter.update(|f| f.sites.retain(|s| *s != remove))>"×"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </fieldset>
            <fieldset class="facets">
                <legend>{loc.t(Msg::FiltersFacets)}</legend>
                <div class="group" role="group" aria-label=loc.t(Msg::FiltersCountry)>
                    {move || countries.get().into_iter().map(|c| {
                        let (c1, c2) = (c.clone(), c.clone());
                        check(loc.country(&c).to_string(), move || filter.with(|f| f.countries.contains(&c1)), move |on| filter.update(|f| toggle(&mut f.countries, c2.clone(), on)))
                    }).collect_view()}
                </div>
                <div class="group" role="group" aria-label=loc.t(Msg::FiltersKind)>
                    {kind_choices(loc).into_iter().map(|(k, label)| {
                        check(label.to_string(), move || filter.with(|f| f.kinds.contains(&k)), move |on| filter.update(|f| toggle(&mut f.kinds, k, on)))
                    }).collect_view()}
                </div>
                <div class="group" role="group" aria-label=loc.t(Msg::FiltersOutcome)>
                    {Outcome::ALL.into_iter().map(|o| {
                        check(loc.outcome(o).to_string(), move || filter.with(|f| f.outcomes.contains(&o)), move |on| filter.update(|f| toggle(&mut f.outcomes, o, on)))
                    }).collect_view()}
                </div>
                <div class="group" role="radiogroup" aria-label=loc.t(Msg::FiltersClaimed)>
                    {claimed_choices(loc).into_iter().map(|(value, label)| view! {
                        <label class="check">
                            <input type="radio" name="claimed" prop:checked=move || filter.with(|f| f.claimed == value)
                                on:change=move |_| filter.update(|f| f.claimed = value) />
                            {label}
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
            <label class="text-search">
                {loc.t(Msg::FiltersText)}
                <input
                    type="search"
                    placeholder=loc.t(Msg::FiltersTextPlaceholder)
                    prop:value=move || filter.with(|f| f.q.clone())
                    on:input=move |ev| {
                        let q = input_value(&ev);
                        filter.update(|f| f.q = q);
                    }
                />
            </label>
            <button type="button" class="clear" on:click=move |_| filter.set(Filter::default())
                disabled=move || filter.with(|f| *f == Filter::default())>{loc.t(Msg::FiltersClear)}</button>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Digits, Lang};
    use crate::model::day_of;

    #[test]
    fn presets_name_every_year_of_the_data_in_the_readers_digits() {
        let (first, last) = (day_of(2019, 12, 27).unwrap(), day_of(2021, 2, 3).unwrap());
        let labels = |loc: Locale| date_presets(loc, first, last).into_iter().map(|p| p.0).collect::<Vec<_>>();
        assert_eq!(labels(Locale::EN), ["All dates", "Last 12 months of the data", "2019", "2020", "2021"]);
        assert_eq!(labels(Locale::new(Lang::Ar, Digits::Western)), ["كل التواريخ", "آخر اثني عشر شهرًا من البيانات", "2019", "2020", "2021"]);
        assert_eq!(labels(Locale::new(Lang::Ar, Digits::Arabic))[2..], ["٢٠١٩", "٢٠٢٠", "٢٠٢١"]);
        let presets = date_presets(Locale::EN, first, last);
        assert_eq!((presets[0].1, presets[0].2), (None, None));
        assert_eq!((presets[1].1, presets[1].2), (Some(last - 364), Some(last)));
        assert_eq!((presets[3].1, presets[3].2), (day_of(2020, 1, 1), day_of(2020, 12, 31)));
    }

    #[test]
    fn choices_are_named_in_both_languages() {
        let ar = Locale::new(Lang::Ar, Digits::Western);
        assert_eq!(kind_choices(Locale::EN).map(|c| c.1), ["Attacks on US/coalition sites", "US/coalition strikes"]);
        assert_eq!(claimed_choices(Locale::EN).map(|c| c.1), ["Claimed or not", "Claimed", "Not claimed"]);
        assert_eq!(kind_choices(ar).map(|c| c.0), [Kind::Attack, Kind::Strike]);
        assert_eq!(claimed_choices(ar).map(|c| c.0), [None, Some(true), Some(false)]);
        for label in kind_choices(ar).map(|c| c.1).into_iter().chain(claimed_choices(ar).map(|c| c.1)) {
            assert!(label.chars().any(|c| ('\u{600}'..='\u{6FF}').contains(&c)), "{label}");
        }
        assert_eq!(tr!(ar, Msg::FiltersRemoveSite, name = "Al Asad"), "إزالة Al Asad");
        assert_eq!(Locale::new(Lang::Ar, Digits::Arabic).count(Msg::Incidents, 12, &[]), "١٢ حادثة");
    }
}
