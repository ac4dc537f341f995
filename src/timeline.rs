//! `Timeline`: incidents per week or month as stacked bars, a brush to pick the date range, and a play button
//! that steps through time. The component only wires events to the pure functions at the top of this file
//! (scale, brush drag, keyboard steps, play steps), which are tested on the host.
//!
//! In a right-to-left language time runs right to left: [`Scale`] alone turns days into positions and back,
//! so bars, ticks, spans, the brush, its handles and the pointer all follow it; the functions that work in
//! days (drags, steps, play) know nothing of the direction.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::histogram::{bin_bounds, choose_unit, span_lanes, ticks, BinUnit, Binning, Histogram};
use crate::i18n::{Locale, Msg};
use crate::index::Index;
use crate::model::{Incident, Weapon};
use crate::symbol::weapon_color;
use crate::tr;

/// A date range: inclusive first and last day, `None` for an open end.
pub type DayRange = (Option<i64>, Option<i64>);

/// Days ↔ horizontal position (0 = left edge, 1 = right edge) over the data's extent: the one place that
/// knows which way time runs. Left to right, day `d` covers `[fraction(d), fraction(d + 1))`; right to left
/// (`rtl`, the Arabic interface), the first day is at the right edge and day `d` covers
/// `(fraction(d + 1), fraction(d)]`. Either way `fraction(d)` is where day `d` begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    /// First day of the extent.
    pub first: i64,
    /// Last day of the extent (inclusive).
    pub last: i64,
    /// Time runs right to left.
    pub rtl: bool,
}

impl Scale {
    /// The scale over `extent`, in either order, left to right.
    pub fn new(extent: (i64, i64)) -> Scale {
        Scale { first: extent.0.min(extent.1), last: extent.0.max(extent.1), rtl: false }
    }

    /// The scale over `extent` running the way the reader's language writes.
    pub fn for_locale(extent: (i64, i64), loc: Locale) -> Scale {
        Scale { rtl: loc.is_rtl(), ..Scale::new(extent) }
    }

    /// Number of days covered (at least 1).
    pub fn days(&self) -> i64 {
        self.last.saturating_sub(self.first).saturating_add(1).max(1)
    }

    /// Days from the first day to `day` (where `day` begins), clamped to `0..=days`.
    fn offset(&self, day: i64) -> i64 {
        day.clamp(self.first, self.last.saturating_add(1)).saturating_sub(self.first).clamp(0, self.days())
    }

    /// Where `day` begins (its left edge, or its right edge right to left), clamped to `0.0..=1.0`.
    pub fn fraction(&self, day: i64) -> f64 {
        self.x(day) as f64 / self.days() as f64
    }

    /// Where `day` begins in chart units (`0..=days`, one unit a day, from the left edge).
    pub fn x(&self, day: i64) -> i64 {
        let offset = self.offset(day);
        if self.rtl {
            self.days() - offset
        } else {
            offset
        }
    }

    /// The left edge and width, in chart units, of the days `first..=last` (cut at the extent's ends).
    pub fn interval(&self, first: i64, last: i64) -> (i64, i64) {
        let (a, b) = (self.x(first), self.x(last.saturating_add(1)));
        (a.min(b), a.abs_diff(b) as i64)
    }

    /// The day under a position; positions outside `0..1` (and NaN) give the nearest end.
    pub fn day_at(&self, fraction: f64) -> i64 {
        if !fraction.is_finite() {
            return self.first;
        }
        let along = if self.rtl { 1.0 - fraction } else { fraction };
        let offset = (along * self.days() as f64).floor();
        self.clamp(self.first.saturating_add(offset.clamp(0.0, self.days() as f64) as i64))
    }

    /// `day` moved into the extent.
    pub fn clamp(&self, day: i64) -> i64 {
        day.clamp(self.first, self.last)
    }

    /// The days a range covers inside the extent, ends in order; `None` when both ends are open (no range).
    pub fn resolve(&self, range: DayRange) -> Option<(i64, i64)> {
        if range == (None, None) {
            return None;
        }
        let from = self.clamp(range.0.unwrap_or(self.first));
        let to = self.clamp(range.1.unwrap_or(self.last));
        Some((from.min(to), from.max(to)))
    }
}

/// One end of the brush.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    From,
    To,
}

impl End {
    /// The value of the handles' `data-end` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            End::From => "from",
            End::To => "to",
        }
    }

    /// Reads `as_str`.
    pub fn parse(s: &str) -> Option<End> {
        [End::From, End::To].into_iter().find(|e| e.as_str() == s)
    }
}

/// What a pointer drag on the timeline does, fixed when the pointer goes down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drag {
    /// A new range between the day the pointer went down and the day under it.
    Select { anchor: i64 },
    /// One end follows the pointer; the other stays on `fixed`.
    Resize { fixed: i64 },
    /// The range `from..=to` moves with the pointer from the day `grab`, keeping its width.
    Move { grab: i64, from: i64, to: i64 },
}

/// What a pointer going down on `at_day` starts: on a handle (`hit`), a resize of that end; inside the selected
/// range, a move; elsewhere, a new range.
pub fn drag_start(range: DayRange, hit: Option<End>, at_day: i64, extent: (i64, i64)) -> Drag {
    let scale = Scale::new(extent);
    let at = scale.clamp(at_day);
    let (from, to) = scale.resolve(range).unwrap_or((scale.first, scale.last));
    match hit {
        Some(End::From) => Drag::Resize { fixed: to },
        Some(End::To) => Drag::Resize { fixed: from },
        None if scale.resolve(range).is_some() && (from..=to).contains(&at) => Drag::Move { grab: at, from, to },
        None => Drag::Select { anchor: at },
    }
}

/// The range while the pointer is over `at_day` in a drag started as `start`: whole days, inside the extent.
pub fn drag(start: Drag, at_day: i64, extent: (i64, i64)) -> DayRange {
    let scale = Scale::new(extent);
    let at = scale.clamp(at_day);
    match start {
        Drag::Select { anchor: other } | Drag::Resize { fixed: other } => {
            let other = scale.clamp(other);
            (Some(other.min(at)), Some(other.max(at)))
        }
        Drag::Move { grab, from, to } => {
            let width = to.saturating_sub(from).clamp(0, scale.last.saturating_sub(scale.first));
            let from = from.saturating_add(at.saturating_sub(grab)).clamp(scale.first, scale.last - width);
            (Some(from), Some(from + width))
        }
    }
}

/// A keyboard step of one brush handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// This many days (negative: earlier).
    Days(i64),
    /// To the next (`1`) or previous (`-1`) bin boundary.
    Bins(i64),
    /// To the first day of the extent.
    First,
    /// To the last day of the extent.
    Last,
}

/// The step a key makes on a handle: arrows a day (a bin with Shift), Page Up/Down a bin, Home/End the ends.
/// Left and Right move the handle that way on the screen: when time runs right to left (`rtl`), Left is later.
pub fn key_step(key: &str, shift: bool, rtl: bool) -> Option<Step> {
    let later = if rtl { "ArrowLeft" } else { "ArrowRight" };
    let sign = match key {
        "ArrowUp" => 1,
        "ArrowDown" => -1,
        "ArrowLeft" | "ArrowRight" if key == later => 1,
        "ArrowLeft" | "ArrowRight" => -1,
        "PageDown" => return Some(Step::Bins(-1)),
        "PageUp" => return Some(Step::Bins(1)),
        "Home" => return Some(Step::First),
        "End" => return Some(Step::Last),
        _ => return None,
    };
    Some(if shift { Step::Bins(sign) } else { Step::Days(sign) })
}

/// The range after moving one end by `step`. The end stays inside the extent and never passes the other end;
/// the other end is left as it is (open stays open). A bin step puts a start on the first day of a bin and an
/// end on the last day of one.
pub fn nudge(range: DayRange, end: End, step: Step, unit: BinUnit, extent: (i64, i64)) -> DayRange {
    let scale = Scale::new(extent);
    let from = scale.clamp(range.0.unwrap_or(scale.first));
    let to = scale.clamp(range.1.unwrap_or(scale.last));
    let value = match end {
        End::From => from,
        End::To => to,
    };
    let bin = |day: i64| bin_bounds(unit, day);
    let moved = match (step, end) {
        (Step::Days(n), _) => value.saturating_add(n),
        (Step::First, _) => scale.first,
        (Step::Last, _) => scale.last,
        (Step::Bins(n), End::From) if n > 0 => bin(value).map_or(value.saturating_add(7), |(_, e)| e + 1),
        (Step::Bins(_), End::From) => bin(value.saturating_sub(1)).map_or(value.saturating_sub(7), |(s, _)| s),
        (Step::Bins(n), End::To) if n > 0 => bin(value.saturating_add(1)).map_or(value.saturating_add(7), |(_, e)| e),
        (Step::Bins(_), End::To) => bin(value).map_or(value.saturating_sub(7), |(s, _)| s - 1),
    };
    let moved = scale.clamp(moved);
    match end {
        End::From => (Some(moved.min(to)), range.1),
        End::To => (range.0, Some(moved.max(from))),
    }
}

/// How playing moves the range.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PlayMode {
    /// From the start of the data to the end of a growing number of bins.
    #[default]
    Cumulative,
    /// A range of fixed width moving one bin at a time.
    Sliding,
}

impl PlayMode {
    /// The value of the mode's `<option>`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlayMode::Cumulative => "cumulative",
            PlayMode::Sliding => "sliding",
        }
    }

    /// Reads `as_str`.
    pub fn parse(s: &str) -> Option<PlayMode> {
        [PlayMode::Cumulative, PlayMode::Sliding].into_iter().find(|m| m.as_str() == s)
    }

    /// A label for people.
    pub fn label(self, loc: Locale) -> &'static str {
        loc.t(match self {
            PlayMode::Cumulative => Msg::TimelineCumulative,
            PlayMode::Sliding => Msg::TimelineSliding,
        })
    }
}

/// Width of the sliding window when no range is set (or the range is the whole extent): about three months.
pub const SLIDING_DAYS: i64 = 91;

/// The first frame when play is pressed. Play continues from the current range unless it already reaches the
/// end of the data, in which case it starts over from the first bin.
pub fn play_first(mode: PlayMode, range: DayRange, unit: BinUnit, extent: (i64, i64)) -> DayRange {
    let scale = Scale::new(extent);
    let resolved = scale.resolve(range).filter(|&(_, to)| to < scale.last);
    match mode {
        PlayMode::Cumulative => {
            let to = match resolved {
                Some((_, to)) => to,
                None => bin_bounds(unit, scale.first).map_or(scale.first, |(_, e)| e),
            };
            (Some(scale.first), Some(scale.clamp(to)))
        }
        PlayMode::Sliding => match resolved {
            Some((from, to)) => (Some(from), Some(to)),
            None => {
                let width = scale
                    .resolve(range)
                    .map(|(f, t)| t - f + 1)
                    .filter(|&w| w < scale.days())
                    .unwrap_or(SLIDING_DAYS);
                (Some(scale.first), Some(scale.clamp(scale.first.saturating_add(width - 1))))
            }
        },
    }
}

/// The frame after `range`, or `None` when the range already reaches the end of the data (play stops).
pub fn play_next(mode: PlayMode, range: DayRange, unit: BinUnit, extent: (i64, i64)) -> Option<DayRange> {
    let scale = Scale::new(extent);
    let (from, to) = scale.resolve(range)?;
    if to >= scale.last {
        return None;
    }
    match mode {
        PlayMode::Cumulative => {
            let next = bin_bounds(unit, to + 1).map_or(to.saturating_add(7), |(_, e)| e);
            Some((Some(scale.first), Some(scale.clamp(next))))
        }
        PlayMode::Sliding => {
            let width = to - from;
            let shift = bin_bounds(unit, from).map_or(7, |(s, e)| e - s + 1);
            let mut next_to = to.saturating_add(shift);
            if next_to > scale.last {
                next_to = scale.last;
            }
            let next_from = (next_to - width).max(scale.first);
            Some((Some(next_from), Some(next_to)))
        }
    }
}

/// The caption under the chart: "All dates (2019-12-27 – 2024-02-03)" or "2021-07-01 – 2021-12-31", in the
/// reader's digits.
pub fn range_caption(loc: Locale, range: DayRange, extent: (i64, i64)) -> String {
    let scale = Scale::new(extent);
    match scale.resolve(range) {
        None => tr!(loc, Msg::TimelineAllDates, from = loc.short_day(scale.first), to = loc.short_day(scale.last)),
        Some((from, to)) => tr!(loc, Msg::TimelineRange, from = loc.short_day(from), to = loc.short_day(to)),
    }
}

/// The stacked bars of a histogram as one SVG path per weapon: x in chart units (days, as the scale places
/// them; bins reaching past the extent cut at its ends), y in hundredths of a chart unit (`BAR_UNITS`),
/// integers only.
/// The bars leave room at the top for the lanes of spans in use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarLayout {
    /// Indexed by `Weapon as usize`; empty for a weapon with no bar.
    pub paths: Vec<String>,
}

impl BarLayout {
    pub fn new(h: &Histogram, scale: Scale) -> BarLayout {
        use std::fmt::Write;
        let lanes = span_lanes(&h.spans, SPAN_LANES).into_iter().max().map_or(0, |l| l + 1);
        let top = 2.0 + lanes as f64 * LANE_HEIGHT + 2.0;
        let bottom = (CHART_HEIGHT * BAR_UNITS) as i64;
        let room = (CHART_HEIGHT - top) * BAR_UNITS;
        let max = f64::from(h.max_total().max(1));
        let mut paths = vec![String::new(); Weapon::ALL.len()];
        for b in h.bins.iter().filter(|b| b.total() > 0) {
            let (left, width) = scale.interval(b.start, b.end);
            let mut below = 0u32;
            let mut y0 = bottom;
            for w in Weapon::ALL {
                let n = b.counts[w as usize];
                if n == 0 {
                    continue;
                }
                below = below.saturating_add(n);
                let y1 = bottom - (f64::from(below) / max * room).round() as i64;
                let _ = write!(paths[w as usize], "M{left} {y1}h{width}v{}h-{width}z", y0 - y1);
                y0 = y1;
            }
        }
        BarLayout { paths }
    }
}

/// Height of the chart in `viewBox` units (the width is the extent in days).
const CHART_HEIGHT: f64 = 100.0;
/// Bar paths count heights in hundredths of a `viewBox` unit, so they are written with integers only
/// (formatting floats is slow in WebAssembly).
const BAR_UNITS: f64 = 100.0;
/// Rows of span lines above the bars.
const SPAN_LANES: usize = 4;
/// Height of one row of span lines, in `viewBox` units.
const LANE_HEIGHT: f64 = 5.0;
/// How often play moves on.
const PLAY_EVERY: Duration = Duration::from_millis(700);
/// A pointer that moves less than this (CSS pixels) before going up is a click, not a drag.
const CLICK_SLOP_PX: f64 = 3.0;

/// A pointer drag in progress.
#[derive(Clone, Copy, Debug)]
struct Gesture {
    drag: Drag,
    x0: f64,
    moved: bool,
    last: Option<DayRange>,
}

/// Incidents per week or month with a brush for the date range and a play button.
#[component]
pub fn Timeline(
    /// All loaded incidents (None while loading).
    #[prop(into)]
    incidents: Signal<Option<Arc<Vec<Incident>>>>,
    /// Their columns.
    #[prop(into)]
    index: Signal<Option<Arc<Index>>>,
    /// Positions of the incidents passing every filter except the date range.
    #[prop(into)]
    candidates: Signal<Arc<Vec<usize>>>,
    /// The date range now applied: inclusive day numbers, None = open end.
    #[prop(into)]
    range: Signal<(Option<i64>, Option<i64>)>,
    /// Called with a new range when the reader brushes, resizes, moves, or plays.
    #[prop(into)]
    on_range: Callback<(Option<i64>, Option<i64>)>,
) -> impl IntoView {
    let loc = crate::i18n::use_locale();
    let scale: Memo<Option<Scale>> =
        Memo::new(move |_| index.with(|ix| ix.as_ref()?.extent()).map(|extent| Scale::for_locale(extent, loc)));
    // Once per load: which bin each incident is in.
    let binning: Memo<Option<Arc<Binning>>> = Memo::new_with_compare(
        move |_| {
            let s = scale.get()?;
            index.with(|ix| ix.as_ref().map(|ix| Arc::new(Binning::new(ix, (s.first, s.last)))))
        },
        crate::app::other_arc,
    );
    // Compared by value: a selection that bins the same (nothing in the timeline changed) redraws nothing.
    let hist: Memo<Option<Arc<Histogram>>> = Memo::new(move |_| {
        let binning = binning.get()?;
        let (all, ix) = (incidents.get()?, index.get()?);
        Some(Arc::new(candidates.with(|which| binning.histogram(&ix, &all, which))))
    });

    let mode = RwSignal::new(PlayMode::Cumulative);
    let playing = RwSignal::new(false);
    let timer = StoredValue::new(None::<IntervalHandle>);
    let stop = move || {
        if let Some(handle) = timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let _ = playing.try_set(false);
    };
    on_cleanup(stop);
    let tick = move || {
        let (Some(Some(s)), Some(current)) = (scale.try_get_untracked(), range.try_get_untracked()) else {
            stop();
            return;
        };
        let unit = choose_unit(s.first, s.last);
        match play_next(mode.get_untracked(), current, unit, (s.first, s.last)) {
            Some(next) => {
                let _ = on_range.try_run(next);
            }
            None => stop(),
        }
    };
    let toggle_play = move |_| {
        if playing.get_untracked() {
            stop();
            return;
        }
        let Some(s) = scale.get_untracked() else { return };
        let unit = choose_unit(s.first, s.last);
        on_range.run(play_first(mode.get_untracked(), range.get_untracked(), unit, (s.first, s.last)));
        if let Ok(handle) = set_interval_with_handle(tick, PLAY_EVERY) {
            timer.set_value(Some(handle));
            playing.set(true);
        }
    };

    let chart = move || {
        let s = scale.get()?;
        Some(view! {
            <Chart scale=s hist range on_range on_interact=Callback::new(move |()| stop()) />
            <div class="timeline-controls">
                <button
                    class="play"
                    class:playing=move || playing.get()
                    aria-label=move || loc.t(if playing.get() { Msg::TimelinePause } else { Msg::TimelinePlay })
                    on:click=toggle_play
                >
                    <PlayIcon playing />
                </button>
                <select
                    aria-label=loc.t(Msg::TimelinePlayMode)
                    on:change=move |ev| mode.set(PlayMode::parse(&event_target_value(&ev)).unwrap_or_default())
                >
                    {[PlayMode::Cumulative, PlayMode::Sliding]
                        .map(|m| {
                            view! {
                                <option value=m.as_str() selected=move || mode.get() == m>
                                    {m.label(loc)}
                                </option>
                            }
                        })}
                </select>
                <p class="range-label" aria-live="polite">
                    {move || range_caption(loc, range.get(), (s.first, s.last))}
                </p>
            </div>
        })
    };

    view! {
        <section class="timeline" aria-label=loc.t(Msg::TimelineLabel)>
            {chart}
        </section>
    }
}

/// ▶ or ❚❚, drawn so it looks the same in every font.
#[component]
fn PlayIcon(playing: RwSignal<bool>) -> impl IntoView {
    move || {
        if playing.get() {
            view! {
                <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                    <rect x="3" y="2" width="3.5" height="12" />
                    <rect x="9.5" y="2" width="3.5" height="12" />
                </svg>
            }
            .into_any()
        } else {
            view! {
                <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                    <path d="M4 2 L14 8 L4 14 Z" />
                </svg>
            }
            .into_any()
        }
    }
}

/// The bars, spans, axis and brush over one extent.
#[component]
fn Chart(
    scale: Scale,
    hist: Memo<Option<Arc<Histogram>>>,
    range: Signal<DayRange>,
    on_range: Callback<DayRange>,
    /// Called when the reader starts a drag or a keyboard step (play stops).
    on_interact: Callback<()>,
) -> impl IntoView {
    let loc = crate::i18n::use_locale();
    let s = scale;
    let extent = (s.first, s.last);
    let unit = choose_unit(s.first, s.last);
    let days = s.days();
    // Every position below comes from the scale, which knows which way time runs.
    let x = move |day: i64| s.x(day);
    let percent = move |day: i64| format!("{:.4}%", s.fraction(day) * 100.0);
    let resolved = move || s.resolve(range.get());

    let plot = NodeRef::<leptos::html::Div>::new();
    let gesture = StoredValue::new(None::<Gesture>);
    let day_at = move |client_x: i32| -> Option<i64> {
        let rect = plot.get_untracked()?.get_bounding_client_rect();
        (rect.width() > 0.0).then(|| s.day_at((f64::from(client_x) - rect.left()) / rect.width()))
    };
    let emit = move |r: DayRange| {
        if range.try_get_untracked() != Some(r) {
            let _ = on_range.try_run(r);
        }
    };

    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        let Some(at) = day_at(ev.client_x()) else { return };
        let hit = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-end]").ok().flatten())
            .and_then(|h| End::parse(&h.get_attribute("data-end")?));
        if hit.is_none() {
            // No text selection or scrolling while brushing; on a handle the default still focuses it.
            ev.prevent_default();
        }
        on_interact.run(());
        if let Some(el) = plot.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        let drag = drag_start(range.get_untracked(), hit, at, extent);
        gesture.set_value(Some(Gesture { drag, x0: f64::from(ev.client_x()), moved: false, last: None }));
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some(mut g) = gesture.get_value() else { return };
        if !g.moved && (f64::from(ev.client_x()) - g.x0).abs() < CLICK_SLOP_PX {
            return;
        }
        let Some(at) = day_at(ev.client_x()) else { return };
        g.moved = true;
        let next = drag(g.drag, at, extent);
        let changed = g.last != Some(next);
        g.last = Some(next);
        gesture.set_value(Some(g));
        if changed {
            emit(next);
        }
    };
    let on_up = move |_: web_sys::PointerEvent| {
        if let Some(g) = gesture.try_update_value(Option::take).flatten() {
            if !g.moved && matches!(g.drag, Drag::Select { .. }) {
                emit((None, None));
            }
        }
    };
    let on_cancel = move |_: web_sys::PointerEvent| {
        let _ = gesture.try_update_value(Option::take);
    };

    let on_key = move |end: End, ev: web_sys::KeyboardEvent| {
        let Some(step) = key_step(&ev.key(), ev.shift_key(), s.rtl) else { return };
        ev.prevent_default();
        on_interact.run(());
        emit(nudge(range.get_untracked(), end, step, unit, extent));
    };
    let handle = move |end: End| {
        let value = move || {
            let (from, to) = s.resolve(range.get()).unwrap_or((s.first, s.last));
            match end {
                End::From => (from, s.first, to),
                End::To => (to, from, s.last),
            }
        };
        // The handle sits where its day begins (from) or ends (to): right to left, the start of the range is
        // its right edge.
        let left = move || match end {
            End::From => percent(value().0),
            End::To => percent(value().0 + 1),
        };
        let label = loc.t(match end {
            End::From => Msg::TimelineStart,
            End::To => Msg::TimelineEnd,
        });
        view! {
            <div
                class="brush-handle"
                data-end=end.as_str()
                tabindex="0"
                role="slider"
                aria-label=label
                aria-orientation="horizontal"
                aria-valuemin=move || value().1.to_string()
                aria-valuemax=move || value().2.to_string()
                aria-valuenow=move || value().0.to_string()
                aria-valuetext=move || loc.short_day(value().0)
                style:left=left
                on:keydown=move |ev| on_key(end, ev)
            >
                <span class="grip" aria-hidden="true"></span>
            </div>
        }
    };

    let tick_marks = ticks(loc, extent);
    let tick_lines = tick_marks
        .iter()
        .map(|t| {
            let class = if t.major { "tick major" } else { "tick" };
            let at = x(t.day);
            view! { <line class=class x1=at x2=at y1="0" y2=CHART_HEIGHT vector-effect="non-scaling-stroke" /> }
        })
        .collect_view();
    let tick_labels = tick_marks
        .into_iter()
        .map(|t| {
            let class = if t.major { "tick-label major" } else { "tick-label" };
            // The label starts at its mark and runs the way time does (its padding is on the inline start,
            // timeline.css).
            let place = if s.rtl { format!("right: {:.4}%", 100.0 - s.fraction(t.day) * 100.0) } else { format!("left: {}", percent(t.day)) };
            view! { <span class=class style=place>{t.label}</span> }
        })
        .collect_view();

    // The bars: one path per weapon, whose `d` alone changes with the selection; a transparent column per
    // non-empty bin carries its tooltip, kept while its count stays.
    let layout = Memo::new(move |_| hist.with(|h| h.as_deref().map(|h| BarLayout::new(h, s))));
    let bar_paths = Weapon::ALL
        .into_iter()
        .map(|w| {
            let d = move || layout.with(|l| l.as_ref().map(|l| l.paths[w as usize].clone()).unwrap_or_default());
            view! { <path d=d fill=weapon_color(w) data-weapon=w.as_str() /> }
        })
        .collect_view();
    // Keyed by the bin alone: a bin that stays non-empty keeps its element, and only its title's text follows
    // the counts.
    let bar_titles = move || {
        hist.with(|h| {
            let Some(h) = h else { return Vec::new() };
            h.bins.iter().filter(|b| b.total() > 0).map(|b| (b.start, b.end)).collect::<Vec<_>>()
        })
    };
    let bar_hit = move |(start, end): (i64, i64)| {
        let title = move || {
            hist.with(|h| {
                let h = h.as_ref()?;
                let k = h.bins.binary_search_by_key(&start, |b| b.start).ok()?;
                Some(h.bins[k].title(loc, h.unit))
            })
        };
        let (left, width) = s.interval(start, end);
        view! {
            <rect class="bar-hit" x=left width=width y="0" height=CHART_HEIGHT>
                <title>{title}</title>
            </rect>
        }
    };
    let spans = move || {
        hist.with(|h| {
            let Some(h) = h else { return Vec::new() };
            let lanes = span_lanes(&h.spans, SPAN_LANES);
            h.spans.iter().cloned().zip(lanes).collect::<Vec<_>>()
        })
    };
    let span_line = move |(sp, lane): (crate::histogram::Span, usize)| {
        let y = 2.0 + (lane as f64 + 0.5) * LANE_HEIGHT;
        view! {
            <line
                class="span"
                x1=x(sp.first)
                x2=x(sp.last.saturating_add(1))
                y1=y
                y2=y
                stroke=weapon_color(sp.weapon)
                vector-effect="non-scaling-stroke"
            >
                <title>{sp.title(loc)}</title>
            </line>
        }
    };
    let bars = view! {
        <g class="bars" transform=format!("scale(1 {})", 1.0 / BAR_UNITS)>{bar_paths}</g>
        <g class="bar-hits">
            <For each=bar_titles key=|item| *item children=bar_hit />
        </g>
        <g class="spans">
            <For each=spans key=|item| item.clone() children=span_line />
        </g>
    };

    view! {
        <div
            class="timeline-plot"
            node_ref=plot
            class:brushing=move || resolved().is_some()
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_cancel
        >
            <svg
                class="timeline-chart"
                viewBox=format!("0 0 {days} {CHART_HEIGHT}")
                preserveAspectRatio="none"
                width="100%"
                height="100%"
            >
                <g class="ticks">{tick_lines}</g>
                {bars}
                <rect
                    class="brush-selection"
                    x=move || resolved().map_or(0, |(f, t)| s.interval(f, t).0)
                    width=move || resolved().map_or(0, |(f, t)| s.interval(f, t).1)
                    y="0"
                    height=CHART_HEIGHT
                    visibility=move || if resolved().is_some() { "visible" } else { "hidden" }
                    vector-effect="non-scaling-stroke"
                />
            </svg>
            {handle(End::From)}
            {handle(End::To)}
        </div>
        <div class="timeline-axis" aria-hidden="true">{tick_labels}</div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Digits, Lang};
    use crate::model::day_of;

    fn ar() -> Locale {
        Locale::new(Lang::Ar, Digits::Western)
    }

    fn ar_digits() -> Locale {
        Locale::new(Lang::Ar, Digits::Arabic)
    }

    fn rtl(extent: (i64, i64)) -> Scale {
        Scale::for_locale(extent, ar())
    }

    fn day(y: i32, m: u8, d: u8) -> i64 {
        day_of(y, m, d).unwrap()
    }

    const E: (i64, i64) = (100, 199);

    #[test]
    fn the_scale_maps_days_to_positions_and_back() {
        let s = Scale::new(E);
        assert_eq!(s.days(), 100);
        assert_eq!(s.fraction(100), 0.0);
        assert_eq!(s.fraction(150), 0.5);
        assert_eq!(s.fraction(200), 1.0, "the right edge of the last day");
        assert_eq!(s.fraction(-5), 0.0);
        assert_eq!(s.day_at(0.0), 100);
        assert_eq!(s.day_at(0.505), 150);
        assert_eq!(s.day_at(0.9999), 199);
        assert_eq!(s.day_at(1.0), 199);
        assert_eq!(s.day_at(-3.0), 100);
        assert_eq!(s.day_at(f64::NAN), 100);
        assert_eq!(s.day_at(f64::INFINITY), 100);
        assert_eq!(Scale::new((5, 5)).day_at(0.7), 5);
        assert_eq!(Scale::new((i64::MIN, i64::MAX)).days(), i64::MAX, "no overflow");
        assert_eq!(Scale::new((199, 100)), s, "order does not matter");
        assert_eq!(Scale::for_locale(E, Locale::EN), s, "English runs left to right");
        assert_eq!((s.x(100), s.x(150), s.x(200), s.x(500)), (0, 50, 100, 100));
        assert_eq!(s.interval(110, 119), (10, 10));
        assert_eq!(s.interval(90, 104), (0, 5), "cut at the extent's start");
    }

    #[test]
    fn right_to_left_the_first_day_is_at_the_right_edge() {
        let s = rtl(E);
        assert!(s.rtl);
        assert_eq!(s.days(), 100);
        assert_eq!(s.fraction(100), 1.0, "where the first day begins: the right edge");
        assert_eq!(s.fraction(150), 0.5);
        assert_eq!(s.fraction(200), 0.0, "the end of the last day: the left edge");
        assert_eq!(s.fraction(-5), 1.0);
        assert_eq!(s.fraction(5_000), 0.0);
        assert_eq!(s.day_at(0.0), 199, "the left edge is the last day");
        assert_eq!(s.day_at(1.0), 100);
        assert_eq!(s.day_at(0.9999), 100);
        assert_eq!(s.day_at(0.495), 150);
        assert_eq!(s.day_at(-3.0), 199);
        assert_eq!(s.day_at(3.0), 100);
        assert_eq!(s.day_at(f64::NAN), 100);
        // Every day's position maps back to it: the day under the middle of its column.
        for d in 100..=199 {
            let middle = (s.fraction(d) + s.fraction(d + 1)) / 2.0;
            assert_eq!(s.day_at(middle), d);
            assert_eq!(Scale::new(E).day_at(1.0 - middle), d, "the mirror image of left to right");
        }
        // Chart units: day 100 covers the rightmost unit, 99..100.
        assert_eq!((s.x(100), s.x(101), s.x(200)), (100, 99, 0));
        assert_eq!(s.interval(100, 100), (99, 1));
        assert_eq!(s.interval(110, 119), (80, 10));
        assert_eq!(s.interval(90, 104), (95, 5), "cut at the extent's start, on the right");
        assert_eq!(s.interval(190, 400), (0, 10), "cut at the extent's end, on the left");
    }

    #[test]
    fn right_to_left_a_drag_from_right_to_left_selects_forwards_in_time() {
        let s = rtl(E);
        let (right, left) = (s.day_at(0.8), s.day_at(0.3));
        assert!(right < left, "further left is later");
        let start = drag_start((None, None), None, right, E);
        assert_eq!(drag(start, left, E), (Some(right), Some(left)));
        // The brush's selection runs from its right edge (the first day) to its left edge (the last).
        let (x, width) = s.interval(right, left);
        assert_eq!(x, s.x(left + 1));
        assert_eq!(x + width, s.x(right));
        // Moving the selection with the pointer to the left moves it later.
        let (grab, to_the_left) = (s.day_at(0.505), s.day_at(0.405));
        assert_eq!(to_the_left - grab, 10);
        let moving = drag_start((Some(right), Some(left)), None, grab, E);
        let (from, to) = drag(moving, to_the_left, E);
        assert_eq!((from.unwrap() - right, to.unwrap() - left), (10, 10));
        // The From handle sits at the selection's right edge, the To handle at its left.
        assert!(s.fraction(right) > s.fraction(left + 1));
    }

    #[test]
    fn open_ends_resolve_to_the_extent() {
        let s = Scale::new(E);
        assert_eq!(s.resolve((None, None)), None);
        assert_eq!(s.resolve((Some(120), None)), Some((120, 199)));
        assert_eq!(s.resolve((None, Some(130))), Some((100, 130)));
        assert_eq!(s.resolve((Some(50), Some(500))), Some((100, 199)), "clamped");
        assert_eq!(s.resolve((Some(150), Some(120))), Some((120, 150)), "ordered");
    }

    #[test]
    fn a_drag_on_empty_space_selects_a_new_range_either_way() {
        let start = drag_start((None, None), None, 120, E);
        assert_eq!(start, Drag::Select { anchor: 120 });
        assert_eq!(drag(start, 140, E), (Some(120), Some(140)));
        assert_eq!(drag(start, 110, E), (Some(110), Some(120)), "dragging left");
        assert_eq!(drag(start, 120, E), (Some(120), Some(120)), "one day");
        assert_eq!(drag(start, 10_000, E), (Some(120), Some(199)), "clamped to the extent");
        // Outside an existing range, too.
        assert_eq!(drag_start((Some(150), Some(160)), None, 120, E), Drag::Select { anchor: 120 });
    }

    #[test]
    fn dragging_a_handle_resizes_that_end() {
        let range = (Some(130), Some(160));
        let from = drag_start(range, Some(End::From), 130, E);
        assert_eq!(from, Drag::Resize { fixed: 160 });
        assert_eq!(drag(from, 125, E), (Some(125), Some(160)));
        assert_eq!(drag(from, 170, E), (Some(160), Some(170)), "crossing over swaps the ends");
        let to = drag_start(range, Some(End::To), 160, E);
        assert_eq!(drag(to, 190, E), (Some(130), Some(190)));
        assert_eq!(drag(to, 500, E), (Some(130), Some(199)));
        // With no range the handles sit on the extent's ends.
        assert_eq!(drag_start((None, None), Some(End::To), 199, E), Drag::Resize { fixed: 100 });
    }

    #[test]
    fn dragging_inside_the_selection_moves_it_keeping_its_width() {
        let range = (Some(130), Some(160));
        let start = drag_start(range, None, 140, E);
        assert_eq!(start, Drag::Move { grab: 140, from: 130, to: 160 });
        assert_eq!(drag(start, 150, E), (Some(140), Some(170)));
        assert_eq!(drag(start, 100, E), (Some(100), Some(130)), "stops at the start");
        assert_eq!(drag(start, 199, E), (Some(169), Some(199)), "stops at the end, same width");
        // An open end is inside the selection up to the extent's end.
        assert_eq!(drag_start((Some(150), None), None, 190, E), Drag::Move { grab: 190, from: 150, to: 199 });
        let all = drag_start((Some(100), Some(199)), None, 150, E);
        assert_eq!(drag(all, 160, E), (Some(100), Some(199)), "the whole extent can't move");
    }

    #[test]
    fn keys_step_days_bins_and_ends() {
        assert_eq!(key_step("ArrowLeft", false, false), Some(Step::Days(-1)));
        assert_eq!(key_step("ArrowRight", true, false), Some(Step::Bins(1)));
        assert_eq!(key_step("ArrowUp", false, false), Some(Step::Days(1)));
        assert_eq!(key_step("ArrowDown", true, false), Some(Step::Bins(-1)));
        assert_eq!(key_step("PageDown", false, false), Some(Step::Bins(-1)));
        assert_eq!(key_step("Home", false, false), Some(Step::First));
        assert_eq!(key_step("End", true, false), Some(Step::Last));
        assert_eq!(key_step("a", false, false), None);
    }

    #[test]
    fn right_to_left_the_arrows_move_the_handle_the_way_they_point() {
        assert_eq!(key_step("ArrowLeft", false, true), Some(Step::Days(1)), "left is later");
        assert_eq!(key_step("ArrowRight", false, true), Some(Step::Days(-1)));
        assert_eq!(key_step("ArrowLeft", true, true), Some(Step::Bins(1)));
        assert_eq!(key_step("ArrowRight", true, true), Some(Step::Bins(-1)));
        // Up/Down, Page Up/Down and Home/End are about time, not the screen.
        assert_eq!(key_step("ArrowUp", false, true), Some(Step::Days(1)));
        assert_eq!(key_step("ArrowDown", false, true), Some(Step::Days(-1)));
        assert_eq!(key_step("PageUp", false, true), Some(Step::Bins(1)));
        assert_eq!(key_step("Home", false, true), Some(Step::First));
        assert_eq!(key_step("End", false, true), Some(Step::Last));
        // ArrowLeft on the From handle (at the selection's right edge) moves it left: later, on the screen too.
        let s = rtl(E);
        let moved = nudge((Some(130), Some(160)), End::From, key_step("ArrowLeft", false, true).unwrap(), BinUnit::Week, E);
        assert_eq!(moved, (Some(131), Some(160)));
        assert!(s.fraction(131) < s.fraction(130));
    }

    #[test]
    fn nudging_moves_one_end_without_passing_the_other() {
        let w = BinUnit::Week;
        assert_eq!(nudge((Some(130), Some(160)), End::From, Step::Days(-1), w, E), (Some(129), Some(160)));
        assert_eq!(nudge((Some(130), Some(160)), End::To, Step::Days(1), w, E), (Some(130), Some(161)));
        assert_eq!(nudge((Some(130), Some(130)), End::From, Step::Days(1), w, E), (Some(130), Some(130)), "never past the end");
        assert_eq!(nudge((Some(130), Some(130)), End::To, Step::Days(-1), w, E), (Some(130), Some(130)));
        assert_eq!(nudge((Some(100), None), End::From, Step::Days(-1), w, E), (Some(100), None), "clamped");
        assert_eq!(nudge((None, None), End::From, Step::Days(1), w, E), (Some(101), None), "the open end stays open");
        assert_eq!(nudge((Some(130), Some(160)), End::From, Step::First, w, E), (Some(100), Some(160)));
        assert_eq!(nudge((Some(130), Some(160)), End::To, Step::Last, w, E), (Some(130), Some(199)));
    }

    #[test]
    fn bin_steps_snap_to_bin_boundaries() {
        let extent = (day(2021, 1, 1), day(2023, 12, 31));
        let m = BinUnit::Month;
        let mid = (Some(day(2022, 3, 15)), Some(day(2022, 6, 15)));
        assert_eq!(nudge(mid, End::From, Step::Bins(1), m, extent).0, Some(day(2022, 4, 1)));
        assert_eq!(nudge(mid, End::From, Step::Bins(-1), m, extent).0, Some(day(2022, 3, 1)));
        assert_eq!(nudge((Some(day(2022, 3, 1)), None), End::From, Step::Bins(-1), m, extent).0, Some(day(2022, 2, 1)));
        assert_eq!(nudge(mid, End::To, Step::Bins(1), m, extent).1, Some(day(2022, 6, 30)));
        assert_eq!(nudge(mid, End::To, Step::Bins(-1), m, extent).1, Some(day(2022, 5, 31)));
        assert_eq!(nudge((None, Some(day(2022, 6, 30))), End::To, Step::Bins(1), m, extent).1, Some(day(2022, 7, 31)));
        // Weeks: 2021-12-15 is a Wednesday.
        let weeks = (day(2021, 11, 1), day(2022, 3, 1));
        let r = (Some(day(2021, 12, 15)), Some(day(2021, 12, 15)));
        assert_eq!(nudge(r, End::From, Step::Bins(-1), BinUnit::Week, weeks).0, Some(day(2021, 12, 13)));
        assert_eq!(nudge(r, End::To, Step::Bins(1), BinUnit::Week, weeks).1, Some(day(2021, 12, 19)));
    }

    #[test]
    fn cumulative_play_grows_bin_by_bin_and_stops_at_the_end() {
        let extent = (day(2021, 12, 15), day(2022, 1, 10));
        let w = BinUnit::Week;
        let mut r = play_first(PlayMode::Cumulative, (None, None), w, extent);
        assert_eq!(r, (Some(extent.0), Some(day(2021, 12, 19))));
        let mut frames = vec![r];
        while let Some(next) = play_next(PlayMode::Cumulative, r, w, extent) {
            r = next;
            frames.push(r);
            assert!(frames.len() < 100);
        }
        let ends: Vec<i64> = frames.iter().map(|f| f.1.unwrap()).collect();
        assert_eq!(ends, [day(2021, 12, 19), day(2021, 12, 26), day(2022, 1, 2), day(2022, 1, 9), day(2022, 1, 10)]);
        assert!(frames.iter().all(|f| f.0 == Some(extent.0)));
        // Pressing play at the end starts over; in the middle, it continues.
        assert_eq!(play_first(PlayMode::Cumulative, r, w, extent).1, Some(day(2021, 12, 19)));
        assert_eq!(play_first(PlayMode::Cumulative, (None, Some(day(2021, 12, 26))), w, extent).1, Some(day(2021, 12, 26)));
    }

    #[test]
    fn sliding_play_keeps_the_width_and_stops_at_the_end() {
        let extent = (day(2020, 1, 1), day(2023, 12, 31));
        let m = BinUnit::Month;
        let start = (Some(day(2020, 3, 1)), Some(day(2020, 3, 20)));
        assert_eq!(play_first(PlayMode::Sliding, start, m, extent), start, "continues from the current range");
        let next = play_next(PlayMode::Sliding, start, m, extent).unwrap();
        assert_eq!(next, (Some(day(2020, 4, 1)), Some(day(2020, 4, 20))), "one bin (March: 31 days) later");
        let near_end = (Some(day(2023, 12, 1)), Some(day(2023, 12, 20)));
        let last = play_next(PlayMode::Sliding, near_end, m, extent).unwrap();
        assert_eq!(last, (Some(day(2023, 12, 12)), Some(day(2023, 12, 31))), "the same width, at the end");
        assert_eq!(play_next(PlayMode::Sliding, last, m, extent), None, "stops");
        // With no range: about three months from the start.
        let first = play_first(PlayMode::Sliding, (None, None), m, extent);
        assert_eq!(first, (Some(extent.0), Some(extent.0 + SLIDING_DAYS - 1)));
        assert_eq!(play_next(PlayMode::Sliding, (None, None), m, extent), None, "nothing to slide");
    }

    #[test]
    fn play_on_a_tiny_extent_does_not_fail() {
        let d = day(2022, 5, 5);
        for mode in [PlayMode::Cumulative, PlayMode::Sliding] {
            let first = play_first(mode, (None, None), BinUnit::Week, (d, d));
            assert_eq!(first, (Some(d), Some(d)));
            assert_eq!(play_next(mode, first, BinUnit::Week, (d, d)), None);
        }
    }

    #[test]
    fn the_caption_names_the_range() {
        let extent = (day(2019, 12, 27), day(2024, 2, 3));
        assert_eq!(range_caption(crate::i18n::Locale::EN, (None, None), extent), "All dates (2019-12-27 – 2024-02-03)");
        assert_eq!(range_caption(crate::i18n::Locale::EN, (Some(day(2021, 7, 1)), Some(day(2021, 12, 31))), extent), "2021-07-01 – 2021-12-31");
        assert_eq!(range_caption(crate::i18n::Locale::EN, (Some(day(2021, 7, 1)), None), extent), "2021-07-01 – 2024-02-03");
        assert_eq!(range_caption(ar(), (None, None), extent), "كل التواريخ (27 كانون الأول 2019 – 3 شباط 2024)");
        assert_eq!(range_caption(ar_digits(), (None, None), extent), "كل التواريخ (٢٧ كانون الأول ٢٠١٩ – ٣ شباط ٢٠٢٤)");
        assert_eq!(range_caption(ar_digits(), (Some(day(2021, 7, 1)), Some(day(2021, 12, 31))), extent), "١ تموز ٢٠٢١ – ٣١ كانون الأول ٢٠٢١");
    }

    #[test]
    fn play_modes_are_named_in_the_readers_language() {
        assert_eq!(PlayMode::Cumulative.label(Locale::EN), "Cumulative");
        assert_eq!(PlayMode::Sliding.label(Locale::EN), "Sliding window");
        assert_eq!(PlayMode::Cumulative.label(ar()), "تراكمي");
        assert_eq!(PlayMode::Sliding.label(ar()), "نافذة متحركة");
    }

    #[test]
    fn bars_stack_by_weapon_in_one_path_each() {
        let bin = |start: i64, rockets: u32, drones: u32| {
            let mut counts = [0; Weapon::ALL.len()];
            counts[Weapon::Rocket as usize] = rockets;
            counts[Weapon::Drone as usize] = drones;
            crate::histogram::Bin { start, end: start + 6, counts }
        };
        let h = Histogram { unit: BinUnit::Week, bins: vec![bin(100, 2, 2), bin(107, 0, 0), bin(114, 0, 1)], spans: Vec::new() };
        let l = BarLayout::new(&h, Scale::new((100, 120)));
        // No span lanes: bars may reach 4 units from the top, 9,600 hundredths for the tallest (4 incidents).
        assert_eq!(l.paths[Weapon::Rocket as usize], "M0 5200h7v4800h-7z");
        assert_eq!(l.paths[Weapon::Drone as usize], "M0 400h7v4800h-7zM14 7600h7v2400h-7z");
        assert!(l.paths[Weapon::Mortar as usize].is_empty());
        let spans = vec![crate::histogram::Span { first: 100, last: 130, weapon: Weapon::Rocket, id: "x".into() }];
        let with_lane = BarLayout::new(&Histogram { spans, ..h.clone() }, Scale::new((100, 120)));
        assert_eq!(with_lane.paths[Weapon::Drone as usize], "M0 900h7v4550h-7zM14 7725h7v2275h-7z", "a lane of spans above");
        // Bins reaching past the extent are cut at its ends.
        let cut = BarLayout::new(&h, Scale::new((103, 116)));
        assert_eq!(cut.paths[Weapon::Drone as usize], "M0 400h4v4800h-4zM11 7600h3v2400h-3z");
        // Right to left: the same bars, mirrored (the first week at the right, 14..21 of 21 units).
        let mirrored = BarLayout::new(&h, rtl((100, 120)));
        assert_eq!(mirrored.paths[Weapon::Rocket as usize], "M14 5200h7v4800h-7z");
        assert_eq!(mirrored.paths[Weapon::Drone as usize], "M14 400h7v4800h-7zM0 7600h7v2400h-7z");
        let cut = BarLayout::new(&h, rtl((103, 116)));
        assert_eq!(cut.paths[Weapon::Drone as usize], "M10 400h4v4800h-4zM0 7600h3v2400h-3z");
    }

    #[test]
    fn names_round_trip() {
        for e in [End::From, End::To] {
            assert_eq!(End::parse(e.as_str()), Some(e));
        }
        for m in [PlayMode::Cumulative, PlayMode::Sliding] {
            assert_eq!(PlayMode::parse(m.as_str()), Some(m));
        }
    }
}
