//! `Legend`: what the marks mean, and the weapon filter — one toggle per weapon, with its colour, shape and
//! the count under the other filters.

use std::sync::Arc;

use leptos::prelude::*;

use crate::filter::Filter;
use crate::i18n::{Locale, Msg};
use crate::index::Index;
use crate::model::Weapon;
use crate::list::WeaponSwatch;
use crate::tr;

/// A weapon toggle's accessible name: "Rocket: 12 incidents".
pub fn toggle_label(loc: Locale, weapon: Weapon, count: usize) -> String {
    tr!(loc, Msg::FiltersLegendToggle, weapon = loc.weapon(weapon), count = loc.count(Msg::Incidents, count, &[]))
}

/// The weapons shown after toggling `weapon` (an empty list means all).
pub fn toggled(shown: &[Weapon], weapon: Weapon) -> Vec<Weapon> {
    let mut next: Vec<Weapon> = if shown.is_empty() { Weapon::ALL.to_vec() } else { shown.to_vec() };
    if next.contains(&weapon) {
        next.retain(|w| *w != weapon);
    } else {
        next.push(weapon);
    }
    crate::order::sort_by(&mut next, Ord::cmp);
    if next.len() == Weapon::ALL.len() {
        Vec::new()
    } else {
        next
    }
}

#[component]
pub fn Legend(
    /// The loaded data's columns (None while loading).
    #[prop(into)]
    index: Signal<Option<Arc<Index>>>,
    /// Positions of the incidents passing every filter but the weapon.
    #[prop(into)]
    candidates: Signal<Arc<Vec<usize>>>,
    filter: RwSignal<Filter>,
) -> impl IntoView {
    let loc = crate::i18n::use_locale();
    // The weapons in the data: once per load, not on every filter change.
    let present = Memo::new(move |_| index.with(|ix| ix.as_ref().map(|ix| ix.weapons_present()).unwrap_or_default()));
    // Every weapon's count under the other filters (0 when filtered away): a filter change updates the numbers
    // in place, the buttons stay.
    let counts = Memo::new(move |_| {
        index.with(|ix| ix.as_ref().map(|ix| candidates.with(|c| ix.weapon_counts(c))).unwrap_or_default())
    });
    let rows = move || {
        present
            .get()
            .into_iter()
            .map(|weapon| {
                let count = move || counts.with(|c| c[weapon as usize]);
                let on = move || filter.with(|f| f.weapons.is_empty() || f.weapons.contains(&weapon));
                view! {
                    <li>
                        <button
                            type="button"
                            class="weapon-toggle"
                            data-weapon=weapon.as_str()
                            aria-pressed=move || on().to_string()
                            aria-label=move || toggle_label(loc, weapon, count())
                            on:click=move |_| filter.update(|f| f.weapons = toggled(&f.weapons, weapon))
                        >
                            <WeaponSwatch weapon />
                            <span class="name">{loc.weapon(weapon)}</span>
                            <span class="n">{move || loc.number(count())}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="legend" aria-label=loc.t(Msg::FiltersLegend)>
            <h2 class="legend-title">{loc.t(Msg::FiltersLegendTitle)}<span class="hint">" "{loc.t(Msg::FiltersLegendHint)}</span></h2>
            <ul>{rows}</ul>
            <p><span class="swatch dashed" aria-hidden="true"></span>{loc.t(Msg::FiltersLegendStrike)}</p>
            <p><span class="swatch hollow" aria-hidden="true"></span>{loc.t(Msg::FiltersLegendImprecise)}</p>
            <p><span class="swatch badge" aria-hidden="true">{loc.number(3)}</span>{loc.t(Msg::FiltersLegendSeveral)}</p>
            <p>{loc.t(Msg::FiltersLegendSize)}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_from_all_hides_one_and_back_to_all_is_empty() {
        let hidden_rockets = toggled(&[], Weapon::Rocket);
        assert_eq!(hidden_rockets.len(), Weapon::ALL.len() - 1);
        assert!(!hidden_rockets.contains(&Weapon::Rocket));
        assert_eq!(toggled(&hidden_rockets, Weapon::Rocket), Vec::<Weapon>::new());
        assert_eq!(toggled(&[Weapon::Drone], Weapon::Drone), Vec::<Weapon>::new(), "hiding the last weapon shows all again");
    }

    #[test]
    fn toggles_are_named_with_their_count() {
        use crate::i18n::{Digits, Lang};
        assert_eq!(toggle_label(Locale::EN, Weapon::Rocket, 1234), "Rocket: 1,234 incidents");
        assert_eq!(toggle_label(Locale::EN, Weapon::Drone, 1), "Drone: 1 incident");
        assert_eq!(toggle_label(Locale::new(Lang::Ar, Digits::Western), Weapon::Rocket, 2), "صاروخ: حادثتان");
        assert_eq!(toggle_label(Locale::new(Lang::Ar, Digits::Arabic), Weapon::Mortar, 1234), "هاون: ١٬٢٣٤ حادثة");
        assert_eq!(toggle_label(Locale::new(Lang::Ar, Digits::Arabic), Weapon::Mortar, 0), "هاون: لا حوادث");
    }
}
