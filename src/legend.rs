//! `Legend`: what the marker colours, outlines and sizes mean, with a count per weapon.

use std::sync::Arc;

use leptos::prelude::*;

use crate::filter::weapon_counts;
use crate::model::Incident;
use crate::symbol::weapon_color;

#[component]
pub fn Legend(
    #[prop(into)] incidents: Signal<Option<Arc<Vec<Incident>>>>,
    #[prop(into)] visible: Signal<Arc<Vec<usize>>>,
) -> impl IntoView {
    let rows = move || {
        let counts = incidents.with(|all| all.as_ref().map(|all| weapon_counts(all, &visible.get())).unwrap_or_default());
        counts
            .into_iter()
            .map(|(weapon, count)| {
                let swatch = format!("background:{}", weapon_color(weapon));
                view! {
                    <li data-weapon=weapon.as_str()>
                        <span class="swatch" style=swatch aria-hidden="true"></span>
                        <span class="name">{weapon.label()}</span>
                        <span class="n">{count}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="legend" aria-label="Legend">
            <ul>{rows}</ul>
            <p><span class="swatch dashed" aria-hidden="true"></span>"Dashed outline: US or coalition strike"</p>
            <p>"Larger marker: more projectiles launched"</p>
        </section>
    }
}
