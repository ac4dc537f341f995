//! `IncidentList`: the incidents passing the filters as a sortable table, kept in step with the map through
//! the `selected` and `hovered` signals. Sorting and the text of each row are plain Rust, tested on the host;
//! the component only wires them to the DOM.

use std::cmp::Ordering;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::{Incident, Weapon};
use crate::symbol::{shape_path, weapon_color};
use crate::text::thousands;

/// Rows drawn at first, and added by each "Show more": drawing table rows is the costliest part of a filter
/// change, so the list grows on demand (a virtualised list is the better answer at scale).
pub const PAGE_ROWS: usize = 50;

/// What the list is sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Date,
    Site,
    Weapon,
    Launched,
    Intercepted,
    Casualties,
    Claimed,
}

impl SortKey {
    /// Every key, in column order.
    pub const ALL: [SortKey; 7] = [
        SortKey::Date,
        SortKey::Site,
        SortKey::Weapon,
        SortKey::Launched,
        SortKey::Intercepted,
        SortKey::Casualties,
        SortKey::Claimed,
    ];

    /// The key's name for people, as its header button shows it.
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Date => "Date",
            SortKey::Site => "Site",
            SortKey::Weapon => "Weapon",
            SortKey::Launched => "Launched",
            SortKey::Intercepted => "intercepted",
            SortKey::Casualties => "Casualties",
            SortKey::Claimed => "Claimed",
        }
    }

    /// The direction of the first press on a header: text A→Z, dates and numbers largest first, claimed first.
    pub fn starts_descending(self) -> bool {
        !matches!(self, SortKey::Site | SortKey::Weapon)
    }
}

/// A sort order: the key and its direction. Unknown values come last in both directions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Default for Sort {
    /// Newest first.
    fn default() -> Sort {
        Sort { key: SortKey::Date, descending: true }
    }
}

impl Sort {
    /// The order after pressing `key`'s header: the same key flips direction, another key starts in its own.
    pub fn pressed(self, key: SortKey) -> Sort {
        if self.key == key {
            Sort { key, descending: !self.descending }
        } else {
            Sort { key, descending: key.starts_descending() }
        }
    }

    /// The `aria-sort` value of a column sorted by any of `keys`.
    pub fn aria_sort(self, keys: &[SortKey]) -> &'static str {
        match (keys.contains(&self.key), self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }

    /// "date, newest first", for the table's caption.
    pub fn describe(self) -> String {
        let direction = match (self.key, self.descending) {
            (SortKey::Date, true) => "newest first",
            (SortKey::Date, false) => "oldest first",
            (SortKey::Site | SortKey::Weapon, false) => "A to Z",
            (SortKey::Site | SortKey::Weapon, true) => "Z to A",
            (SortKey::Claimed, true) => "claimed first",
            (SortKey::Claimed, false) => "unclaimed first",
            (_, true) => "largest first",
            (_, false) => "smallest first",
        };
        let name = match self.key {
            SortKey::Launched => "number launched",
            SortKey::Intercepted => "number intercepted",
            SortKey::Casualties => "casualties",
            k => return format!("{}, {direction}", k.label().to_lowercase()),
        };
        format!("{name}, {direction}")
    }
}

/// Killed plus wounded, where at least one is known.
pub fn casualties(i: &Incident) -> Option<u64> {
    match (i.killed, i.wounded) {
        (None, None) => None,
        (k, w) => Some(u64::from(k.unwrap_or(0)) + u64::from(w.unwrap_or(0))),
    }
}

/// The site's name, unless it is missing or blank.
fn site_name(i: &Incident) -> Option<&str> {
    i.site.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Case-insensitive, then exact (so the order is total and repeatable).
fn text_cmp(a: &str, b: &str) -> Ordering {
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
        .then_with(|| a.cmp(b))
}

/// Compares two possibly unknown values: unknowns last whatever the direction.
fn known_first<T>(a: Option<T>, b: Option<T>, descending: bool, cmp: impl Fn(&T, &T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => directed(cmp(&a, &b), descending),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn directed(o: Ordering, descending: bool) -> Ordering {
    if descending {
        o.reverse()
    } else {
        o
    }
}

fn compare(a: &Incident, b: &Incident, sort: Sort) -> Ordering {
    let d = sort.descending;
    let primary = match sort.key {
        SortKey::Date => Ordering::Equal, // the tie-break below
        SortKey::Site => known_first(site_name(a), site_name(b), d, |x, y| text_cmp(x, y)),
        SortKey::Weapon => {
            // `Unknown` is the data's way of saying it does not know: it goes last, like `None`.
            let label = |i: &Incident| (i.weapon != Weapon::Unknown).then(|| i.weapon.label());
            known_first(label(a), label(b), d, |x, y| text_cmp(x, y))
        }
        SortKey::Launched => known_first(a.launched, b.launched, d, Ord::cmp),
        SortKey::Intercepted => known_first(a.intercepted, b.intercepted, d, Ord::cmp),
        SortKey::Casualties => known_first(casualties(a), casualties(b), d, Ord::cmp),
        SortKey::Claimed => directed(a.claimed_by.is_some().cmp(&b.claimed_by.is_some()), d),
    };
    primary
        .then_with(|| directed(a.date.cmp(&b.date), d))
        .then_with(|| directed(text_cmp(&a.id, &b.id), d))
}

/// The first `k` of `which` ordered by `sort` — stable; unknown values (`None`, and the `Unknown` weapon) last in
/// both directions; ties by date, then id, in the same direction; positions outside `incidents` dropped —
/// for `which` in ascending order (as filters give it),
/// without sorting the rest: a selection in linear time, then a sort of the `k`.
pub fn first_sorted(incidents: &[Incident], which: &[usize], sort: Sort, k: usize) -> Vec<usize> {
    let mut out: Vec<usize> = which.iter().copied().filter(|&n| n < incidents.len()).collect();
    // Ties by position: the same order a stable sort of ascending positions gives.
    let cmp = |a: &usize, b: &usize| compare(&incidents[*a], &incidents[*b], sort).then(a.cmp(b));
    // By date (the default), most rows can be left out by their first day alone, before the full comparison
    // (dates, then ids as text) runs: only rows on or beyond the k-th day can be among the first k.
    if sort.key == SortKey::Date && k > 0 && out.len() > 4 * k {
        let mut days: Vec<i64> = out.iter().map(|&n| incidents[n].date.first_day()).collect();
        let kth = if sort.descending {
            *days.select_nth_unstable_by(k - 1, |a, b| b.cmp(a)).1
        } else {
            *days.select_nth_unstable(k - 1).1
        };
        out.retain(|&n| {
            let d = incidents[n].date.first_day();
            if sort.descending { d >= kth } else { d <= kth }
        });
    }
    if out.len() > k && k > 0 {
        out.select_nth_unstable_by(k - 1, cmp);
        out.truncate(k);
    }
    out.sort_by(cmp);
    out.truncate(k);
    out
}

/// What one row of the table says, as text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Row {
    pub id: String,
    /// ISO, to the precision known: "2021-12-19", "2021-12", "2021".
    pub date: String,
    pub site: String,
    pub weapon: Weapon,
    /// "31 / 8", "31 / —", or "—" when neither is known.
    pub launched_intercepted: String,
    /// Killed plus wounded, or "—".
    pub casualties: String,
    /// "1 killed, 4 wounded", "4 wounded", or empty when unknown.
    pub casualty_detail: String,
    /// The claimant, or "—".
    pub claimed: String,
}

const UNKNOWN: &str = "—";

fn count(n: Option<u32>) -> String {
    n.map_or_else(|| UNKNOWN.to_string(), |n| thousands(n as usize))
}

/// The text of an incident's row.
pub fn row(i: &Incident) -> Row {
    let launched_intercepted = match (i.launched, i.intercepted) {
        (None, None) => UNKNOWN.to_string(),
        (l, x) => format!("{} / {}", count(l), count(x)),
    };
    Row {
        id: i.id.clone(),
        date: i.date.to_string(),
        site: site_name(i).unwrap_or(UNKNOWN).to_string(),
        weapon: i.weapon,
        launched_intercepted,
        casualties: casualties(i).map_or_else(|| UNKNOWN.to_string(), |n| thousands(n as usize)),
        casualty_detail: i.casualty_text().unwrap_or_default(),
        claimed: i.claimed_by.as_deref().map(str::trim).filter(|s| !s.is_empty()).unwrap_or(UNKNOWN).to_string(),
    }
}

/// "Showing 50 of 12,345", when not every row is shown.
pub fn overflow_line(shown: usize, total: usize) -> Option<String> {
    (shown < total).then(|| format!("Showing {} of {}", thousands(shown), thousands(total)))
}

/// Which row is the table body's one Tab stop: the row last focused while focus is in the list, else the
/// selected row, else the first. `None` when no row is shown.
pub fn tab_stop<'a>(ids: &[&'a str], active: Option<&str>, selected: Option<&str>) -> Option<&'a str> {
    let shown = |id: Option<&str>| id.and_then(|id| ids.iter().find(|&&shown| shown == id)).copied();
    shown(active).or_else(|| shown(selected)).or_else(|| ids.first().copied())
}

/// A weapon's marker shape in its colour, small enough for a line of text. Decorative: the label says it.
#[component]
pub fn WeaponSwatch(weapon: Weapon) -> impl IntoView {
    view! {
        <svg class="weapon-swatch" width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true" focusable="false">
            <path d=shape_path(weapon, 5.0) fill=weapon_color(weapon) stroke="#333" stroke-width="1" />
        </svg>
    }
}

/// The row element an event happened in, if any.
fn event_row(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest("tr[data-id]").ok()?
}

/// Sets `hovered` to `id` unless it already is (so the map is not told twice).
fn hover(hovered: RwSignal<Option<String>>, id: &str) {
    if hovered.with_untracked(|h| h.as_deref() != Some(id)) {
        hovered.set(Some(id.to_string()));
    }
}

/// Clears `hovered` if it is `id` (another view may have set it since).
fn unhover(hovered: RwSignal<Option<String>>, id: &str) {
    if hovered.with_untracked(|h| h.as_deref() == Some(id)) {
        hovered.set(None);
    }
}

/// The incidents passing the filters as a table. Headers sort; rows are one Tab stop, moved through with the
/// arrow keys, Home and End, and chosen with Enter, Space or a click.
#[component]
pub fn IncidentList(
    #[prop(into)] incidents: Signal<Option<Arc<Vec<Incident>>>>,
    /// Positions of the incidents passing the filters.
    #[prop(into)]
    visible: Signal<Arc<Vec<usize>>>,
    /// The selected incident's id: set when a row is chosen (click, Enter or Space).
    selected: RwSignal<Option<String>>,
    /// The id under the pointer or keyboard focus, so the map can highlight it.
    hovered: RwSignal<Option<String>>,
) -> impl IntoView {
    let sort = RwSignal::new(Sort::default());
    let limit = RwSignal::new(PAGE_ROWS);
    // The row last focused, while focus is in the list.
    let active = RwSignal::new(None::<String>);
    let order: Memo<Vec<usize>> = Memo::new(move |_| {
        incidents.with(|all| {
            all.as_ref()
                .map(|all| visible.with(|v| first_sorted(all, v, sort.get(), limit.get())))
                .unwrap_or_default()
        })
    });
    let rows: Memo<Vec<(usize, Row)>> = Memo::new(move |_| {
        incidents.with(|all| {
            let Some(all) = all else { return Vec::new() };
            order.with(|o| o.iter().filter_map(|&n| all.get(n).map(|i| (n, row(i)))).collect())
        })
    });
    let stop: Memo<Option<String>> = Memo::new(move |_| {
        rows.with(|rows| {
            let ids: Vec<&str> = rows.iter().map(|(_, r)| r.id.as_str()).collect();
            let active = active.get();
            let selected = selected.get();
            tab_stop(&ids, active.as_deref(), selected.as_deref()).map(str::to_string)
        })
    });
    let is_selected = Selector::new(move || selected.get());
    let is_hovered = Selector::new(move || hovered.get());
    let is_stop = Selector::new(move || stop.get());

    // Keep a row chosen elsewhere (the map) in view, without moving focus.
    let body = NodeRef::<leptos::html::Tbody>::new();
    Effect::new(move |_| {
        let Some(id) = selected.get() else { return };
        let Some(body) = body.get_untracked() else { return };
        let mut next = body.first_element_child();
        while let Some(tr) = next {
            if tr.get_attribute("data-id").as_deref() == Some(id.as_str()) {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
                tr.scroll_into_view_with_scroll_into_view_options(&options);
                return;
            }
            next = tr.next_element_sibling();
        }
    });

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let Some(tr) = event_row(&ev) else { return };
        let target = match ev.key().as_str() {
            "ArrowDown" => tr.next_element_sibling(),
            "ArrowUp" => tr.previous_element_sibling(),
            "Home" => tr.parent_element().and_then(|p| p.first_element_child()),
            "End" => tr.parent_element().and_then(|p| p.last_element_child()),
            "Enter" | " " | "Spacebar" => {
                ev.prevent_default();
                if let Some(id) = tr.get_attribute("data-id") {
                    selected.set(Some(id));
                }
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    };

    let header = move |keys: &'static [SortKey]| {
        let buttons = keys
            .iter()
            .enumerate()
            .map(|(n, &key)| {
                let arrow = move || {
                    let s = sort.get();
                    match (s.key == key, s.descending) {
                        (false, _) => "",
                        (true, true) => "▼",
                        (true, false) => "▲",
                    }
                };
                view! {
                    {(n > 0).then_some(" / ")}
                    <button type="button" class="sort" on:click=move |_| sort.update(|s| *s = s.pressed(key))>
                        {key.label()}
                        <span class="arrow" aria-hidden="true">{arrow}</span>
                    </button>
                }
            })
            .collect_view();
        let numeric = keys.iter().any(|k| matches!(k, SortKey::Launched | SortKey::Intercepted | SortKey::Casualties));
        view! {
            <th scope="col" class:num=numeric class:pair={keys.len() > 1} aria-sort=move || sort.get().aria_sort(keys)>{buttons}</th>
        }
    };

    let row_view = move |(_, r): (usize, Row)| {
        let id = r.id.clone();
        let key = Some(id.clone());
        let (selected_class, selected_aria, hovered_class, stop) =
            (is_selected.clone(), is_selected.clone(), is_hovered.clone(), is_stop.clone());
        let (k1, k2, k3, k4) = (key.clone(), key.clone(), key.clone(), key.clone());
        let (id_enter, id_leave, id_focus, id_blur, id_click) = (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
        // A row filtered away under the pointer gets no pointerleave: let go of its highlight here, and of its
        // place in the selectors.
        let (gone_selected, gone_hovered, gone_stop) = (is_selected.clone(), is_hovered.clone(), is_stop.clone());
        on_cleanup(move || {
            if hovered.try_with_untracked(|h| *h == key) == Some(true) {
                hovered.try_set(None);
            }
            gone_selected.remove(&key);
            gone_hovered.remove(&key);
            gone_stop.remove(&key);
        });
        let (site_title, claimed_title) = (r.site.clone(), r.claimed.clone());
        let casualty_title = (!r.casualty_detail.is_empty()).then(|| r.casualty_detail.clone());
        let casualty_sr = casualty_title.clone().map(|d| view! { <span class="list-sr">{format!(" ({d})")}</span> });
        view! {
            <tr
                data-id=id
                class:selected=move || selected_class.selected(&k1)
                class:hovered=move || hovered_class.selected(&k2)
                aria-selected=move || if selected_aria.selected(&k3) { "true" } else { "false" }
                tabindex=move || if stop.selected(&k4) { "0" } else { "-1" }
                on:click=move |_| selected.set(Some(id_click.clone()))
                on:keydown=on_keydown
                on:pointerenter=move |_| hover(hovered, &id_enter)
                on:pointerleave=move |_| unhover(hovered, &id_leave)
                on:focus=move |_| {
                    active.set(Some(id_focus.clone()));
                    hover(hovered, &id_focus);
                }
                on:blur=move |_| {
                    active.set(None);
                    unhover(hovered, &id_blur);
                }
            >
                <td class="date">{r.date}</td>
                <td class="site"><span class="clamp" title=site_title>{r.site}</span></td>
                <td class="weapon"><WeaponSwatch weapon=r.weapon />{r.weapon.label()}</td>
                <td class="num">{r.launched_intercepted}</td>
                <td class="num" title=casualty_title>{r.casualties}{casualty_sr}</td>
                <td class="claimed"><span class="clamp" title=claimed_title>{r.claimed}</span></td>
            </tr>
        }
    };

    let total = move || visible.with(|v| v.len());
    let loaded = move || incidents.with(Option::is_some);
    view! {
        <div class="incident-list-box">
            <Show when=move || loaded() && total() == 0>
                <p class="list-empty">"No incidents match the filters."</p>
            </Show>
            <div class="incident-list-scroll" class:empty=move || total() == 0>
                <table class="incident-list">
                    <caption>{move || format!("Incidents passing the filters, sorted by {}", sort.get().describe())}</caption>
                    <thead>
                        <tr>
                            {header(&[SortKey::Date])}
                            {header(&[SortKey::Site])}
                            {header(&[SortKey::Weapon])}
                            {header(&[SortKey::Launched, SortKey::Intercepted])}
                            {header(&[SortKey::Casualties])}
                            {header(&[SortKey::Claimed])}
                        </tr>
                    </thead>
                    <tbody node_ref=body>
                        <For each=move || rows.get() key=|item| item.clone() children=row_view />
                    </tbody>
                </table>
            </div>
            {move || overflow_line(rows.with(Vec::len), total()).map(|line| view! {
                <p class="list-more">
                    {line}" "
                    <button type="button" on:click=move |_| limit.update(|l| *l += PAGE_ROWS)>{format!("Show {PAGE_ROWS} more")}</button>
                </p>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference `first_sorted` is checked against: a full stable sort of `which`.
    fn sorted(incidents: &[Incident], which: &[usize], sort: Sort) -> Vec<usize> {
        let mut out: Vec<usize> = which.iter().copied().filter(|&n| n < incidents.len()).collect();
        out.sort_by(|&a, &b| compare(&incidents[a], &incidents[b], sort));
        out
    }

    use crate::parse::test_incidents as incidents;


    fn ids(all: &[Incident], order: &[usize]) -> Vec<String> {
        order.iter().map(|&n| all[n].id.clone()).collect()
    }

    fn by(key: SortKey, descending: bool) -> Sort {
        Sort { key, descending }
    }

    fn everything(all: &[Incident]) -> Vec<usize> {
        (0..all.len()).collect()
    }

    #[test]
    fn default_is_newest_first() {
        let all = incidents(&[r#""date":"2021-03-01""#, r#""date":"2022-01-01""#, r#""date":"2020-06""#]);
        assert_eq!(Sort::default(), by(SortKey::Date, true));
        assert_eq!(ids(&all, &sorted(&all, &everything(&all), Sort::default())), ["i1", "i0", "i2"]);
        assert_eq!(ids(&all, &sorted(&all, &everything(&all), by(SortKey::Date, false))), ["i2", "i0", "i1"]);
    }

    #[test]
    fn sorts_by_site_ignoring_case_with_missing_sites_last() {
        let all = incidents(&[r#""site":"al-Asad""#, r#""weapon":"rocket""#, r#""site":"Erbil""#, r#""site":"Ain al-Asad""#]);
        let w = everything(&all);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Site, false))), ["i3", "i0", "i2", "i1"]);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Site, true))), ["i2", "i0", "i3", "i1"]);
    }

    #[test]
    fn sorts_by_weapon_label_with_unknown_last() {
        let all = incidents(&[r#""weapon":"unknown""#, r#""weapon":"rocket""#, r#""weapon":"drone""#, r#""weapon":"airstrike""#]);
        let w = everything(&all);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Weapon, false))), ["i3", "i2", "i1", "i0"]);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Weapon, true))), ["i1", "i2", "i3", "i0"]);
    }

    #[test]
    fn sorts_by_numbers_with_unknowns_last_both_ways() {
        let all = incidents(&[
            r#""launched":3,"intercepted":0"#,
            r#""weapon":"drone""#,
            r#""launched":12,"intercepted":5"#,
            r#""launched":1"#,
        ]);
        let w = everything(&all);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Launched, true))), ["i2", "i0", "i3", "i1"]);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Launched, false))), ["i3", "i0", "i2", "i1"]);
        let up = ids(&all, &sorted(&all, &w, by(SortKey::Intercepted, false)));
        assert_eq!(&up[..2], ["i0", "i2"]);
        let down = ids(&all, &sorted(&all, &w, by(SortKey::Intercepted, true)));
        assert_eq!(&down[..2], ["i2", "i0"]);
        // The two without a number intercepted, last either way, in the tie-break's order (ids, same direction).
        assert_eq!(&up[2..], ["i1", "i3"]);
        assert_eq!(&down[2..], ["i3", "i1"]);
    }

    #[test]
    fn casualties_add_killed_and_wounded_and_unknown_is_not_zero() {
        let all = incidents(&[r#""killed":1,"wounded":4"#, r#""wounded":2"#, r#""weapon":"rocket""#, r#""killed":0"#]);
        assert_eq!(casualties(&all[0]), Some(5));
        assert_eq!(casualties(&all[1]), Some(2));
        assert_eq!(casualties(&all[2]), None);
        assert_eq!(casualties(&all[3]), Some(0));
        let w = everything(&all);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Casualties, true))), ["i0", "i1", "i3", "i2"]);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Casualties, false))), ["i3", "i1", "i0", "i2"]);
    }

    #[test]
    fn sorts_by_whether_claimed() {
        let all = incidents(&[r#""weapon":"rocket""#, r#""claimed_by":"Saraya Awliya al-Dam""#, r#""weapon":"drone""#]);
        let w = everything(&all);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Claimed, true))), ["i1", "i2", "i0"]);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Claimed, false))), ["i0", "i2", "i1"]);
    }

    #[test]
    fn ties_go_by_date_then_id() {
        let all = incidents(&[
            r#""id":"b","date":"2021-05-01","launched":2"#,
            r#""id":"a","date":"2021-05-01","launched":2"#,
            r#""id":"c","date":"2022-01-01","launched":2"#,
        ]);
        let w = everything(&all);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Launched, true))), ["c", "b", "a"]);
        assert_eq!(ids(&all, &sorted(&all, &w, by(SortKey::Launched, false))), ["a", "b", "c"]);
    }

    #[test]
    fn the_first_rows_are_those_of_the_full_sort() {
        let rows: Vec<String> = (0..300)
            .map(|n| format!(r#""date":"202{}-0{}-1{}","launched":{},"site":"S{}""#, n % 4, n % 9 + 1, n % 10, n % 7, n % 13))
            .collect();
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let all = incidents(&refs);
        let which: Vec<usize> = (0..all.len()).filter(|n| n % 3 != 0).collect();
        for key in SortKey::ALL {
            for descending in [false, true] {
                let sort = Sort { key, descending };
                let full = sorted(&all, &which, sort);
                assert_eq!(first_sorted(&all, &which, sort, 25), full[..25].to_vec(), "{key:?} {descending}");
                assert_eq!(first_sorted(&all, &which, sort, 1000), full);
            }
        }
    }

    #[test]
    fn equal_rows_keep_their_order() {
        // Same date and id (imported data may repeat an incident): nothing tells them apart, so `which` decides.
        let all = vec![incidents(&[r#""id":"x","site":"A""#]).remove(0); 3];
        for sort in SortKey::ALL.into_iter().flat_map(|k| [by(k, true), by(k, false)]) {
            assert_eq!(sorted(&all, &[2, 0, 1], sort), [2, 0, 1], "{sort:?}");
        }
    }

    #[test]
    fn only_the_given_positions_and_never_out_of_range() {
        let all = incidents(&[r#""launched":1"#, r#""launched":2"#, r#""launched":3"#]);
        assert_eq!(sorted(&all, &[0, 2], by(SortKey::Launched, true)), [2, 0]);
        assert_eq!(sorted(&all, &[7, 1, usize::MAX], Sort::default()), [1]);
        assert!(sorted(&[], &[0, 1], Sort::default()).is_empty());
        assert_eq!(first_sorted(&all, &[7, 1, usize::MAX], Sort::default(), 10), [1]);
    }

    #[test]
    fn pressing_a_header_sorts_then_flips() {
        let s = Sort::default().pressed(SortKey::Site);
        assert_eq!(s, by(SortKey::Site, false));
        assert_eq!(s.pressed(SortKey::Site), by(SortKey::Site, true));
        assert_eq!(s.pressed(SortKey::Launched), by(SortKey::Launched, true));
        assert_eq!(Sort::default().pressed(SortKey::Date), by(SortKey::Date, false));
        assert_eq!(Sort::default().aria_sort(&[SortKey::Date]), "descending");
        assert_eq!(s.aria_sort(&[SortKey::Site]), "ascending");
        assert_eq!(s.aria_sort(&[SortKey::Launched, SortKey::Intercepted]), "none");
        assert_eq!(Sort::default().describe(), "date, newest first");
        assert_eq!(by(SortKey::Intercepted, false).describe(), "number intercepted, smallest first");
    }

    #[test]
    fn rows_say_unknown_with_a_dash() {
        let all = incidents(&[
            r#""date":"2021-12","site":"Green Zone, Baghdad","weapon":"rocket","launched":1200,"intercepted":8,"killed":1,"wounded":4,"claimed_by":"Ashab al-Kahf""#,
            r#""date":"2020","weapon":"drone","wounded":3"#,
            r#""weapon":"ied","intercepted":2"#,
        ]);
        let r = row(&all[0]);
        assert_eq!(r.id, "i0");
        assert_eq!(r.date, "2021-12");
        assert_eq!(r.site, "Green Zone, Baghdad");
        assert_eq!(r.weapon, Weapon::Rocket);
        assert_eq!(r.launched_intercepted, "1,200 / 8");
        assert_eq!((r.casualties.as_str(), r.casualty_detail.as_str()), ("5", "1 killed, 4 wounded"));
        assert_eq!(r.claimed, "Ashab al-Kahf");
        let r = row(&all[1]);
        assert_eq!((r.date.as_str(), r.site.as_str(), r.launched_intercepted.as_str()), ("2020", "—", "—"));
        assert_eq!((r.casualties.as_str(), r.casualty_detail.as_str(), r.claimed.as_str()), ("3", "3 wounded", "—"));
        let r = row(&all[2]);
        assert_eq!((r.launched_intercepted.as_str(), r.casualties.as_str(), r.casualty_detail.as_str()), ("— / 2", "—", ""));
    }

    #[test]
    fn overflow_is_counted() {
        assert_eq!(overflow_line(500, 500), None);
        assert_eq!(overflow_line(3, 3), None);
        assert_eq!(
            overflow_line(500, 12_345).as_deref(),
            Some("Showing 500 of 12,345")
        );
    }

    #[test]
    fn one_tab_stop_prefers_focus_then_selection_then_the_first_row() {
        let all = incidents(&["\"launched\":1", "\"launched\":2", "\"launched\":3"]);
        let rows: Vec<Row> = all.iter().map(row).collect();
        let rows: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(tab_stop(&rows, None, None), Some("i0"));
        assert_eq!(tab_stop(&rows, None, Some("i2")), Some("i2"));
        assert_eq!(tab_stop(&rows, Some("i1"), Some("i2")), Some("i1"));
        assert_eq!(tab_stop(&rows, Some("gone"), Some("also gone")), Some("i0"));
        assert_eq!(tab_stop(&[], Some("i1"), None), None);
    }
}
