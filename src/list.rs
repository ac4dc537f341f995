//! `IncidentList`: the incidents passing the filters as a sortable table, kept in step with the map through
//! the `selected` and `hovered` signals. A virtual table: the scroll box is as tall as every row, and only
//! the rows in and near its window are in the document, so a filter change or a scroll draws a few dozen rows
//! whatever the number of incidents. The order (`crate::order`), the window and the text of each row are
//! plain Rust, tested on the host; the component only wires them to the DOM.

use crate::app::other_arc;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{use_locale, Lang, Locale, Msg};
use crate::model::{Incident, IncidentDate, Weapon};
use crate::order::{casualties, order, select, site_name, Ranks, Sort, SortKey};
use crate::symbol::{swatch_path, weapon_color};
use crate::tr;

/// Height of a row in CSS pixels until one is measured (list.css gives every row this height: two lines).
pub const ROW_HEIGHT_PX: f64 = 45.0;
/// Rows drawn beyond each edge of the scroll window, so that a short scroll or an arrow key finds its row.
pub const OVERSCAN_ROWS: usize = 8;
/// The tallest the table is made, in CSS pixels: browsers cap an element's height (Chromium near 33.5 million
/// pixels, Firefox near 17.9 million). Longer lists map the scroll position to rows in proportion.
pub const MAX_TABLE_PX: f64 = 15_000_000.0;

/// The scroll box of the list as last measured, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub scroll_top: f64,
    /// Height of the box (its client area).
    pub height: f64,
    /// Height of the sticky header row, over the top of the box.
    pub header: f64,
    pub row_height: f64,
}

impl Default for Viewport {
    fn default() -> Viewport {
        Viewport { scroll_top: 0.0, height: 600.0, header: 0.0, row_height: ROW_HEIGHT_PX }
    }
}

impl Viewport {
    /// Rows that fit under the header (at least one).
    fn rows_in_view(&self) -> f64 {
        ((self.height - self.header) / self.row_height).max(1.0)
    }

    /// Height of the rows of a list of `total`, capped at `MAX_TABLE_PX`.
    fn rows_height(&self, total: usize) -> f64 {
        (total as f64 * self.row_height).min(MAX_TABLE_PX)
    }

    /// How far the box scrolls, over a list of `total`, for each row the top row moves (1 / row height while
    /// the rows are not capped).
    fn scroll_per_row(&self, total: usize) -> Option<f64> {
        let rows = total as f64 - self.rows_in_view();
        let range = self.rows_height(total) + self.header - self.height;
        (rows > 0.0 && range > 0.0).then(|| range / rows)
    }

    /// The row at the top of the window (under the header), with its fraction scrolled away.
    fn top_row(&self, total: usize) -> f64 {
        let Some(per_row) = self.scroll_per_row(total) else { return 0.0 };
        (self.scroll_top.max(0.0) / per_row).clamp(0.0, total as f64 - self.rows_in_view())
    }
}

/// Which rows of a list of `total` to draw, and the space above and below them that stands for the others.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Window {
    /// First row drawn (its index in the sorted selection).
    pub start: usize,
    /// One past the last row drawn.
    pub end: usize,
    /// Height of the space before the first row drawn, in CSS pixels.
    pub above: f64,
    /// Height of the space after the last row drawn.
    pub below: f64,
}

/// The rows in the scroll window of `v` and `OVERSCAN_ROWS` more on each side, placed so that the top row is
/// under the header: space above + drawn rows + space below add up to every row's height (capped).
pub fn window(total: usize, v: Viewport) -> Window {
    if total == 0 {
        return Window::default();
    }
    let top = v.top_row(total);
    let start = (top.floor() as usize).saturating_sub(OVERSCAN_ROWS).min(total);
    let end = ((top + v.rows_in_view()).ceil() as usize + OVERSCAN_ROWS).min(total);
    let above = (v.scroll_top.max(0.0) - (top - start as f64) * v.row_height).max(0.0);
    let below = (v.rows_height(total) - above - (end - start) as f64 * v.row_height).max(0.0);
    Window { start, end, above, below }
}

/// The scroll position that brings row `index` of `total` fully into view, moving as little as possible;
/// `None` when it is in view already.
pub fn scroll_to_row(total: usize, v: Viewport, index: usize) -> Option<f64> {
    let per_row = v.scroll_per_row(total)?;
    let top = v.top_row(total);
    let index = index.min(total.saturating_sub(1)) as f64;
    let wanted = if index < top {
        index
    } else if index + 1.0 > top + v.rows_in_view() {
        index + 1.0 - v.rows_in_view()
    } else {
        return None;
    };
    Some(wanted * per_row)
}

/// The rows drawn: the first one's index in the sorted selection, then each incident's position and text.
#[derive(Clone, Debug, Default, PartialEq)]
struct Drawn {
    start: usize,
    rows: Vec<(usize, Row)>,
}

/// What one row of the table says, as text, in the reader's language and digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Row {
    pub id: String,
    /// To the precision known, as [`date_text`] writes it.
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

/// An incident's date as the list, the detail and the site view write it, to its precision: in English
/// compact and as the data gives it ("2021-12-19", "2021-12", "2021"); in Arabic with the month's name
/// ("19 كانون الأول 2021", "كانون الأول 2021", "2021"), in the reader's digits.
pub fn date_text(loc: Locale, date: IncidentDate) -> String {
    match loc.lang {
        Lang::En => date.to_string(),
        Lang::Ar => loc.date(date),
    }
}

/// What is known of the casualties: "1 killed, 4 wounded", "4 wounded", "قتيل واحد و4 جرحى"; `None` when
/// neither number is.
pub fn casualty_text(loc: Locale, killed: Option<u64>, wounded: Option<u64>) -> Option<String> {
    let part = |m: Msg, n: u64| loc.count(m, usize::try_from(n).unwrap_or(usize::MAX), &[]);
    match (killed.map(|n| part(Msg::ListKilled, n)), wounded.map(|n| part(Msg::ListWounded, n))) {
        (Some(k), Some(w)) => Some(tr!(loc, Msg::ListKilledWounded, killed = k, wounded = w)),
        (one, other) => one.or(other),
    }
}

/// A row with its site named in the reader's language where the gazetteer can (`app::site_name_in`).
fn row_named(loc: Locale, i: &Incident) -> Row {
    let mut r = row(loc, i);
    if let Some(name) = crate::app::site_name_in(loc, i.site_key()) {
        r.site = name;
    }
    r
}

/// The text of an incident's row.
pub fn row(loc: Locale, i: &Incident) -> Row {
    let count = |n: Option<u32>| n.map_or_else(|| UNKNOWN.to_string(), |n| loc.number(n as usize));
    let launched_intercepted = match (i.launched, i.intercepted) {
        (None, None) => UNKNOWN.to_string(),
        (l, x) => format!("{} / {}", count(l), count(x)),
    };
    Row {
        id: i.id.clone(),
        date: date_text(loc, i.date),
        site: site_name(i).unwrap_or(UNKNOWN).to_string(),
        weapon: i.weapon,
        launched_intercepted,
        casualties: casualties(i).map_or_else(|| UNKNOWN.to_string(), |n| loc.number(usize::try_from(n).unwrap_or(usize::MAX))),
        casualty_detail: casualty_text(loc, i.killed.map(u64::from), i.wounded.map(u64::from)).unwrap_or_default(),
        claimed: i.claimed_by.as_deref().map(str::trim).filter(|s| !s.is_empty()).unwrap_or(UNKNOWN).to_string(),
    }
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
            <path d=swatch_path(weapon) fill=weapon_color(weapon) stroke="#333" stroke-width="1" />
        </svg>
    }
}

/// The row element an event happened in, if any.
fn event_row(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest("tr[data-id]").ok()?
}

/// Focuses row `index` once it is drawn, looking again on each of the next `frames` animation frames (the
/// rows come after the scroll that brings them into the window).
fn focus_when_drawn(row: impl Fn(usize) -> Option<web_sys::HtmlElement> + Copy + 'static, index: usize, frames: u32) {
    request_animation_frame(move || match row(index) {
        Some(tr) => {
            let _ = tr.focus();
        }
        None if frames > 0 => focus_when_drawn(row, index, frames - 1),
        None => {}
    });
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
/// arrow keys, Page Up/Down, Home and End, and chosen with Enter, Space or a click.
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
    let loc = use_locale();
    let sort = RwSignal::new(Sort::default());
    // The row last focused, while focus is in the list.
    let active = RwSignal::new(None::<String>);
    // Once per load: the ranks by date. Once per load and sort: the order of every incident.
    let ranks: Memo<Option<Arc<Ranks>>> =
        Memo::new_with_compare(move |_| incidents.with(|all| all.as_ref().map(|all| Arc::new(Ranks::new(all)))), other_arc);
    let ordered: Memo<Option<Arc<Vec<u32>>>> = Memo::new_with_compare(
        move |_| {
            let ranks = ranks.get()?;
            incidents.with(|all| all.as_ref().map(|all| Arc::new(order(loc, all, &ranks, sort.get()))))
        },
        other_arc,
    );
    // Each filter change: the selection in that order, filtered through it without comparing.
    let sorted: Memo<Option<Arc<Vec<u32>>>> =
        Memo::new_with_compare(move |_| ordered.with(|o| o.as_ref().map(|o| visible.with(|v| Arc::new(select(o, v))))), other_arc);
    let total = Memo::new(move |_| sorted.with(|s| s.as_ref().map_or(0, |s| s.len())));
    let viewport = RwSignal::new(Viewport::default());
    let win = Memo::new(move |_| window(total.get(), viewport.get()));
    let range = Memo::new(move |_| win.with(|w| (w.start, w.end)));
    let drawn: Memo<Drawn> = Memo::new(move |_| {
        let (start, end) = range.get();
        incidents.with(|all| {
            let Some(all) = all else { return Drawn::default() };
            sorted.with(|s| {
                let rows = s.as_ref().map(|s| &s[start.min(s.len())..end.min(s.len())]).unwrap_or_default();
                Drawn { start, rows: rows.iter().filter_map(|&n| all.get(n as usize).map(|i| (n as usize, row_named(loc, i)))).collect() }
            })
        })
    });
    let stop: Memo<Option<String>> = Memo::new(move |_| {
        drawn.with(|d| {
            let ids: Vec<&str> = d.rows.iter().map(|(_, r)| r.id.as_str()).collect();
            let active = active.get();
            let selected = selected.get();
            tab_stop(&ids, active.as_deref(), selected.as_deref()).map(str::to_string)
        })
    });
    let is_selected = Selector::new(move || selected.get());
    let is_hovered = Selector::new(move || hovered.get());
    let is_stop = Selector::new(move || stop.get());

    let scroller = NodeRef::<leptos::html::Div>::new();
    let head = NodeRef::<leptos::html::Thead>::new();
    let body = NodeRef::<leptos::html::Tbody>::new();
    // Reads the scroll box: position, size, header and row height (rows are as tall as list.css makes them).
    let measure = move || {
        let Some(el) = scroller.get_untracked() else { return };
        let Some(mut v) = viewport.try_get_untracked() else { return };
        v.scroll_top = f64::from(el.scroll_top());
        // A box that is hidden (no rows, a closed <details>) keeps the last height; and none counts as
        // taller than the window, whatever the styles.
        let window_height = web_sys::window().and_then(|w| w.inner_height().ok()?.as_f64()).unwrap_or(f64::MAX);
        let height = f64::from(el.client_height()).min(window_height);
        if height > 0.0 {
            v.height = height;
        }
        if let Some(h) = head.get_untracked().map(|h| f64::from(h.offset_height())).filter(|h| *h > 0.0) {
            v.header = h;
        }
        if let Some(tr) = el.query_selector("tbody tr[data-id]").ok().flatten() {
            let h = tr.get_bounding_client_rect().height();
            if h > 0.0 {
                v.row_height = h;
            }
        }
        if viewport.get_untracked() != v {
            viewport.set(v);
        }
    };
    // After the rows change (a new selection, the first draw), measure again.
    Effect::new(move |_| {
        total.track();
        measure();
    });

    let redrawing = StoredValue::new(false);
    let row_by_id = move |id: &str| -> Option<web_sys::HtmlElement> {
        let body = body.get_untracked()?;
        let mut next = body.first_element_child();
        while let Some(tr) = next {
            if tr.get_attribute("data-id").as_deref() == Some(id) {
                return tr.dyn_into().ok();
            }
            next = tr.next_element_sibling();
        }
        None
    };
    let row_element = move |index: usize| -> Option<web_sys::HtmlElement> {
        let body = body.get_untracked()?;
        let tr = body.query_selector(&format!("tr[aria-rowindex=\"{}\"]", index + 2)).ok()??;
        tr.dyn_into().ok()
    };
    let scroll_to = move |index: usize| {
        let Some(el) = scroller.get_untracked() else { return };
        // The box may have been resized since it was last measured (the page's layout settling, a phone
        // turned): measure it before working out where to scroll.
        measure();
        if let Some(top) = scroll_to_row(total.get_untracked(), viewport.get_untracked(), index) {
            el.set_scroll_top(top.round() as i32);
            measure();
        }
    };
    // Focus row `index`: at once when it is drawn, else after scrolling to it and drawing it.
    let focus_row = move |index: usize| {
        if let Some(tr) = row_element(index) {
            let _ = tr.focus();
            return;
        }
        scroll_to(index);
        focus_when_drawn(row_element, index, 10);
    };

    // Keep a row chosen elsewhere (the map) in view, without moving focus.
    Effect::new(move |_| {
        let Some(id) = selected.get() else { return };
        if let Some(tr) = row_by_id(&id) {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
            tr.scroll_into_view_with_scroll_into_view_options(&options);
            return;
        }
        // Not drawn: find its row in the sorted selection and scroll there.
        let place = incidents.with_untracked(|all| all.as_ref()?.iter().position(|i| i.id == id)).and_then(|n| {
            sorted.with_untracked(|s| s.as_ref()?.iter().position(|&m| m as usize == n))
        });
        if let Some(index) = place {
            scroll_to(index);
        }
    });

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let Some(tr) = event_row(&ev) else { return };
        let Some(index) = tr.get_attribute("aria-rowindex").and_then(|i| i.parse::<usize>().ok()).map(|i| i.saturating_sub(2)) else {
            return;
        };
        let last = total.get_untracked().saturating_sub(1);
        let page = viewport.get_untracked().rows_in_view().floor().max(1.0) as usize;
        let target = match ev.key().as_str() {
            "ArrowDown" => (index + 1).min(last),
            "ArrowUp" => index.saturating_sub(1),
            "PageDown" => (index + page).min(last),
            "PageUp" => index.saturating_sub(page),
            "Home" => 0,
            "End" => last,
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
        focus_row(target);
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
                        {key.label(loc)}
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

    let row_view = move |(n, r): (usize, Row)| {
        let id = r.id.clone();
        let key = Some(id.clone());
        let (selected_class, selected_aria, hovered_class, stop) =
            (is_selected.clone(), is_selected.clone(), is_hovered.clone(), is_stop.clone());
        let (k1, k2, k3, k4) = (key.clone(), key.clone(), key.clone(), key.clone());
        let (id_enter, id_leave, id_focus, id_blur, id_click) = (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
        // A row filtered (or scrolled) away under the pointer gets no pointerleave: let go of its highlight
        // here, and of its place in the selectors.
        let (gone_selected, gone_hovered, gone_stop) = (is_selected.clone(), is_hovered.clone(), is_stop.clone());
        on_cleanup(move || {
            if hovered.try_with_untracked(|h| *h == key) == Some(true) {
                hovered.try_set(None);
            }
            gone_selected.remove(&key);
            gone_hovered.remove(&key);
            gone_stop.remove(&key);
        });
        // Its place in the table (1 is the header row), which moves as rows come and go above it.
        let row_index = move || {
            drawn.with(|d| d.rows.iter().position(|(m, _)| *m == n).map(|k| (d.start + k + 2).to_string()))
        };
        let (site_title, claimed_title) = (r.site.clone(), r.claimed.clone());
        let casualty_title = (!r.casualty_detail.is_empty()).then(|| r.casualty_detail.clone());
        let casualty_sr = casualty_title.clone().map(|d| view! { <span class="list-sr">{format!(" ({d})")}</span> });
        view! {
            <tr
                data-id=id
                aria-rowindex=row_index
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
                    // A row moved by the list's own redraw loses focus on the way (Leptos' keyed list moves
                    // rows in the DOM when rows are added above them): give it back once the rows are in place.
                    if redrawing.get_value() {
                        let id = id_blur.clone();
                        request_animation_frame(move || match row_by_id(&id) {
                            Some(tr) => {
                                let options = web_sys::FocusOptions::new();
                                options.set_prevent_scroll(true);
                                let _ = tr.focus_with_options(&options);
                            }
                            None => {
                                active.try_set(None);
                                unhover(hovered, &id);
                            }
                        });
                        return;
                    }
                    active.set(None);
                    unhover(hovered, &id_blur);
                }
            >
                <td class="date">{r.date}</td>
                // Names from the data keep their own direction (<bdi>) and the cell's alignment.
                <td class="site"><span class="clamp" title=site_title><bdi>{r.site}</bdi></span></td>
                <td class="weapon"><WeaponSwatch weapon=r.weapon />{loc.weapon(r.weapon)}</td>
                <td class="num">{r.launched_intercepted}</td>
                <td class="num" title=casualty_title>{r.casualties}{casualty_sr}</td>
                <td class="claimed"><span class="clamp" title=claimed_title><bdi>{r.claimed}</bdi></span></td>
            </tr>
        }
    };
    // The space standing for the rows not drawn, above and below those that are.
    let spacer = move |height: Memo<f64>| {
        move || {
            (height.get() > 0.0).then(|| {
                view! {
                    <tr class="spacer" aria-hidden="true" style:height=move || format!("{:.0}px", height.get())>
                        <td colspan="6"></td>
                    </tr>
                }
            })
        }
    };
    let above = Memo::new(move |_| win.with(|w| w.above));
    let below = Memo::new(move |_| win.with(|w| w.below));

    let loaded = move || incidents.with(Option::is_some);
    view! {
        <div class="incident-list-box">
            <Show when=move || loaded() && total.get() == 0>
                <p class="list-empty">{loc.t(Msg::ListEmpty)}</p>
            </Show>
            <div class="incident-list-scroll" class:empty=move || total.get() == 0 node_ref=scroller on:scroll=move |_| measure()>
                // As tall as every row: the box's scroll range stays put while rows and spacers are swapped,
                // so the browser never clamps the scroll position to a table caught half redrawn.
                <div class="list-sizer" aria-hidden="true" style:height=move || format!("{:.0}px", viewport.with(|v| v.rows_height(total.get()) + v.header))></div>
                <table class="incident-list" aria-rowcount=move || (total.get() + 1).to_string()>
                    <caption>{move || tr!(loc, Msg::ListCaption, order = sort.get().describe(loc))}</caption>
                    <thead node_ref=head>
                        <tr aria-rowindex="1">
                            {header(&[SortKey::Date])}
                            {header(&[SortKey::Site])}
                            {header(&[SortKey::Weapon])}
                            {header(&[SortKey::Launched, SortKey::Intercepted])}
                            {header(&[SortKey::Casualties])}
                            {header(&[SortKey::Claimed])}
                        </tr>
                    </thead>
                    <tbody node_ref=body>
                        {spacer(above)}
                        <For each=move || {
                            // Set while the new rows are put in place (see the rows' `blur`).
                            redrawing.set_value(true);
                            request_animation_frame(move || redrawing.set_value(false));
                            drawn.with(|d| d.rows.clone())
                        } key=|item| item.clone() children=row_view />
                        {spacer(below)}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Digits;
    use crate::parse::test_incidents as incidents;

    #[test]
    fn rows_say_unknown_with_a_dash() {
        let all = incidents(&[
            r#""date":"2021-12","site":"Green Zone, Baghdad","weapon":"rocket","launched":1200,"intercepted":8,"killed":1,"wounded":4,"claimed_by":"Ashab al-Kahf""#,
            r#""date":"2020","weapon":"drone","wounded":3"#,
            r#""weapon":"ied","intercepted":2"#,
        ]);
        let en = Locale::EN;
        let r = row(en, &all[0]);
        assert_eq!(r.id, "i0");
        assert_eq!(r.date, "2021-12");
        assert_eq!(r.site, "Green Zone, Baghdad");
        assert_eq!(r.weapon, Weapon::Rocket);
        assert_eq!(r.launched_intercepted, "1,200 / 8");
        assert_eq!((r.casualties.as_str(), r.casualty_detail.as_str()), ("5", "1 killed, 4 wounded"));
        assert_eq!(r.claimed, "Ashab al-Kahf");
        let r = row(en, &all[1]);
        assert_eq!((r.date.as_str(), r.site.as_str(), r.launched_intercepted.as_str()), ("2020", "—", "—"));
        assert_eq!((r.casualties.as_str(), r.casualty_detail.as_str(), r.claimed.as_str()), ("3", "3 wounded", "—"));
        let r = row(en, &all[2]);
        assert_eq!((r.launched_intercepted.as_str(), r.casualties.as_str(), r.casualty_detail.as_str()), ("— / 2", "—", ""));
    }

    fn arabic(digits: Digits) -> Locale {
        Locale::new(Lang::Ar, digits)
    }

    #[test]
    fn rows_in_arabic_name_months_and_count_in_the_readers_digits() {
        let all = incidents(&[
            r#""date":"2021-12-19","site":"Green Zone, Baghdad","weapon":"rocket","launched":1200,"intercepted":8,"killed":1,"wounded":4,"claimed_by":"Ashab al-Kahf""#,
            r#""date":"2020-03","weapon":"drone","wounded":2"#,
            r#""date":"2019","weapon":"ied","killed":0,"wounded":15"#,
        ]);
        let ar = arabic(Digits::Western);
        let r = row(ar, &all[0]);
        assert_eq!(r.date, "19 كانون الأول 2021");
        assert_eq!(r.launched_intercepted, "1,200 / 8");
        assert_eq!((r.casualties.as_str(), r.casualty_detail.as_str()), ("5", "قتيل واحد و4 جرحى"));
        assert_eq!((r.site.as_str(), r.claimed.as_str()), ("Green Zone, Baghdad", "Ashab al-Kahf"), "data as given");
        let r = row(ar, &all[1]);
        assert_eq!((r.date.as_str(), r.casualty_detail.as_str(), r.site.as_str()), ("آذار 2020", "جريحان", "—"));
        assert_eq!(row(ar, &all[2]).casualty_detail, "لا قتلى و15 جريحاً");

        let digits = arabic(Digits::Arabic);
        let r = row(digits, &all[0]);
        assert_eq!(r.date, "١٩ كانون الأول ٢٠٢١");
        assert_eq!(r.launched_intercepted, "١٬٢٠٠ / ٨");
        assert_eq!((r.casualties.as_str(), r.casualty_detail.as_str()), ("٥", "قتيل واحد و٤ جرحى"));
        assert_eq!(row(digits, &all[2]).date, "٢٠١٩");
        for i in &all {
            let r = row(digits, i);
            let written = [r.date, r.launched_intercepted, r.casualties, r.casualty_detail].concat();
            assert!(!written.chars().any(|c| c.is_ascii_digit()), "{written}");
        }
    }

    #[test]
    fn casualties_are_told_in_words_in_both_languages() {
        let en = Locale::EN;
        assert_eq!(casualty_text(en, Some(1), Some(4)).as_deref(), Some("1 killed, 4 wounded"));
        assert_eq!(casualty_text(en, None, Some(1)).as_deref(), Some("1 wounded"));
        assert_eq!(casualty_text(en, Some(1_200), None).as_deref(), Some("1,200 killed"));
        assert_eq!(casualty_text(en, None, None), None);
        let ar = arabic(Digits::Western);
        assert_eq!(casualty_text(ar, Some(2), Some(11)).as_deref(), Some("قتيلان و11 جريحاً"));
        assert_eq!(casualty_text(ar, Some(100), None).as_deref(), Some("100 قتيل"));
        assert_eq!(casualty_text(ar, None, Some(3)).as_deref(), Some("3 جرحى"));
        assert_eq!(casualty_text(arabic(Digits::Arabic), Some(7), Some(1)).as_deref(), Some("٧ قتلى وجريح واحد"));
    }

    #[test]
    fn dates_are_compact_in_english_and_named_in_arabic() {
        let d = |s: &str| IncidentDate::parse(s).expect("a date");
        assert_eq!(date_text(Locale::EN, d("2021-12-19")), "2021-12-19");
        assert_eq!(date_text(Locale::EN, d("2021-12")), "2021-12");
        assert_eq!(date_text(Locale::EN, d("2021")), "2021");
        assert_eq!(date_text(arabic(Digits::Western), d("2021-12")), "كانون الأول 2021");
        assert_eq!(date_text(arabic(Digits::Arabic), d("2021-01-03")), "٣ كانون الثاني ٢٠٢١");
    }

    fn at(scroll_top: f64) -> Viewport {
        Viewport { scroll_top, height: 300.0, header: 30.0, row_height: 30.0 }
    }

    #[test]
    fn the_window_draws_the_rows_in_view_and_a_few_more() {
        // 9 rows fit under the header.
        assert_eq!(window(1000, at(0.0)), Window { start: 0, end: 9 + OVERSCAN_ROWS, above: 0.0, below: (1000.0 - 17.0) * 30.0 });
        let w = window(1000, at(3000.0));
        assert_eq!((w.start, w.end), (100 - OVERSCAN_ROWS, 109 + OVERSCAN_ROWS));
        assert_eq!(w.above, w.start as f64 * 30.0, "the space above is the rows above");
        assert_eq!(w.above + (w.end - w.start) as f64 * 30.0 + w.below, 30_000.0, "every row's height in all");
        // Scrolled to the end: the last row is drawn.
        let end = window(1000, at(1000.0 * 30.0 + 30.0 - 300.0));
        assert_eq!(end.end, 1000);
        assert_eq!(end.below, 0.0);
        // Short lists: every row, no space.
        assert_eq!(window(5, at(0.0)), Window { start: 0, end: 5, above: 0.0, below: 0.0 });
        assert_eq!(window(0, at(50.0)), Window::default());
        // A stale scroll position past the end still draws the last rows.
        assert_eq!(window(20, at(1e9)).end, 20);
    }

    #[test]
    fn a_list_taller_than_browsers_allow_is_scaled_and_reaches_every_row() {
        let total = 3_000_000;
        let v = at(0.0);
        let w = window(total, v);
        assert_eq!((w.start, w.above), (0, 0.0));
        assert_eq!(w.above + (w.end - w.start) as f64 * 30.0 + w.below, MAX_TABLE_PX, "capped");
        let bottom = at(MAX_TABLE_PX + 30.0 - 300.0);
        assert_eq!(window(total, bottom).end, total, "the last row is reachable");
        let middle = window(total, at((MAX_TABLE_PX + 30.0 - 300.0) / 2.0));
        assert!(middle.start.abs_diff(total / 2) < 20, "{middle:?}");
        // The row at the top of the window sits at the scroll position (under the header).
        let v = at(123_456.0);
        let w = window(total, v);
        let top = v.top_row(total);
        assert!((w.above + (top - w.start as f64) * 30.0 - 123_456.0).abs() < 1e-6);
    }

    #[test]
    fn scrolling_to_a_row_moves_as_little_as_needed() {
        assert_eq!(scroll_to_row(1000, at(3000.0), 104), None, "in view");
        assert_eq!(scroll_to_row(1000, at(3000.0), 50), Some(1500.0), "above: to the top");
        assert_eq!(scroll_to_row(1000, at(3000.0), 200), Some((201.0 - 9.0) * 30.0), "below: to the bottom");
        assert_eq!(scroll_to_row(5, at(0.0), 4), None, "no scrolling in a short list");
        for index in [0, 1, 999, 1_234_567, 2_999_999] {
            let top = scroll_to_row(3_000_000, at(0.0), index).unwrap_or(0.0);
            let w = window(3_000_000, at(top));
            assert!((w.start..w.end).contains(&index), "{index} in {w:?}");
        }
    }

    #[test]
    fn one_tab_stop_prefers_focus_then_selection_then_the_first_row() {
        let all = incidents(&["\"launched\":1", "\"launched\":2", "\"launched\":3"]);
        let rows: Vec<Row> = all.iter().map(|i| row(Locale::EN, i)).collect();
        let rows: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(tab_stop(&rows, None, None), Some("i0"));
        assert_eq!(tab_stop(&rows, None, Some("i2")), Some("i2"));
        assert_eq!(tab_stop(&rows, Some("i1"), Some("i2")), Some("i1"));
        assert_eq!(tab_stop(&rows, Some("gone"), Some("also gone")), Some("i0"));
        assert_eq!(tab_stop(&[], Some("i1"), None), None);
    }
}
