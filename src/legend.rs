//! `Legend`: what the marks mean, and the weapon filter — one toggle per weapon, with its colour, shape and
//! the count under the other filters.

use std::sync::Arc;

use leptos::prelude::*;

use crate::filter::{weapon_counts, Filter};
use crate::model::{Incident, Weapon};
use crate::list::WeaponSwatch;
use crate::text::thousands;

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
    #[prop(into)] incidents: Signal<Option<Arc<Vec<Incident>>>>,
    /// Positions of the incidents passing every filter but the weapon.
    #[prop(into)]
    candidates: Signal<Arc<Vec<usize>>>,
    filter: RwSignal<Filter>,
) -> impl IntoView {
    // Every weapon in the data, with its count under the other filters (0 when filtered away).
    // The weapons in the data: once per load, not on every filter change.
    let present = Memo::new(move |_| {
        incidents.with(|all| {
            let mut seen = [false; Weapon::ALL.len()];
            for i in all.iter().flat_map(|a| a.iter()) {
                seen[i.weapon as usize] = true;
            }
            Weapon::ALL.into_iter().filter(|w| seen[*w as usize]).collect::<Vec<_>>()
        })
    });
    let rows = move || {
        let present = present.get();
        let counts = incidents.with(|all| all.as_ref().map(|all| weapon_counts(all, &candidates.get())).unwrap_or_default());
        present
            .into_iter()
            .map(|weapon| {
                let count = counts.iter().find(|(w, _)| *w == weapon).map_or(0, |(_, c)| *c);
                let on = move || filter.with(|f| f.weapons.is_empty() || f.weapons.contains(&weapon));
                view! {
                    <li>
                        <button
                            type="button"
                            class="weapon-toggle"
                            data-weapon=weapon.as_str()
                            aria-pressed=move || on().to_string()
                            aria-label=format!("{}: {} incidents", weapon.label(), thousands(count))
                            on:click=move |_| filter.update(|f| f.weapons = toggled(&f.weapons, weapon))
                        >
                            <WeaponSwatch weapon />
                            <span class="name">{weapon.label()}</span>
                            <span class="n">{thousands(count)}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="legend" aria-label="Legend and weapon filter">
            <h2 class="legend-title">"Weapon"<span class="hint">" — click to show or hide"</span></h2>
            <ul>{rows}</ul>
            <p><span class="swatch dashed" aria-hidden="true"></span>"Dashed outline: US or coalition strike"</p>
            <p><span class="swatch hollow" aria-hidden="true"></span>"Hollow: date known only to the month or year"</p>
            <p><span class="swatch badge" aria-hidden="true">"3"</span>"Several incidents at one site or area"</p>
            <p>"Larger mark: more projectiles launched"</p>
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
}
