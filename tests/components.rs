//! The incident list and the site view in headless Chromium: text stays text, sorting, keyboard, selection, caps.
#![cfg(target_arch = "wasm32")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use incident_map::list::IncidentList;
use incident_map::model::Incident;
use incident_map::parse::parse_dataset;
use incident_map::site_view::SiteView;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod support;

use support::container;

wasm_bindgen_test_configure!(run_in_browser);

const XSS: &str = r#"<img src=x onerror=\"window.__xss=1\">"#;

fn incidents(rows: &[String]) -> Arc<Vec<Incident>> {
    let features: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(n, props)| format!(r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[44,33]}},"properties":{{"id":"i{n}",{props}}}}}"#))
        .collect();
    Arc::new(parse_dataset(&format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))).unwrap().incidents)
}

fn sample() -> Arc<Vec<Incident>> {
    incidents(&[
        r#""date":"2021-12","site":"Erbil","weapon":"drone","launched":2,"intercepted":2"#.to_string(),
        format!(r#""date":"2022-03-01","site":"{XSS}","weapon":"rocket","killed":1,"wounded":4,"claimed_by":"{XSS}""#),
        r#""date":"2020-01-08","site":"Ain al-Asad","weapon":"missile","launched":16"#.to_string(),
    ])
}


fn row_ids(parent: &web_sys::HtmlElement) -> Vec<String> {
    let rows = parent.query_selector_all("tbody tr[data-id]").unwrap();
    (0..rows.length()).map(|k| rows.item(k).unwrap().unchecked_into::<web_sys::Element>().get_attribute("data-id").unwrap()).collect()
}

fn attr(parent: &web_sys::HtmlElement, sel: &str, name: &str) -> Option<String> {
    parent.query_selector(sel).unwrap().unwrap().get_attribute(name)
}

fn key(el: &web_sys::Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

fn active_id() -> Option<String> {
    web_sys::window().unwrap().document().unwrap().active_element()?.get_attribute("data-id")
}

#[wasm_bindgen_test]
async fn list_sorts_renders_text_and_moves_with_the_keyboard() {
    let parent = container();
    let all = sample();
    let selected = RwSignal::new(None::<String>);
    let hovered = RwSignal::new(None::<String>);
    let visible = RwSignal::new(Arc::new(vec![0usize, 1, 2]));
    let _h = leptos::mount::mount_to(parent.clone(), move || {
        view! { <IncidentList incidents=Signal::stored(Some(all.clone())) visible selected hovered /> }
    });
    leptos::task::tick().await;
    assert_eq!(parent.query_selector_all("img, script").unwrap().length(), 0);
    assert!(parent.text_content().unwrap().contains("<img src=x"));
    assert_eq!(row_ids(&parent), ["i1", "i0", "i2"]);
    let text = parent.query_selector("tbody tr").unwrap().unwrap().text_content().unwrap();
    assert!(text.contains("2022-03-01") && text.contains("Rocket") && text.contains("5"), "{text}");
    let second = parent.query_selector("tbody tr:nth-child(2)").unwrap().unwrap().text_content().unwrap();
    assert!(second.contains("2021-12") && second.contains("2 / 2") && second.contains("—"), "{second}");
    assert_eq!(parent.query_selector_all("tbody tr svg[aria-hidden=true] path").unwrap().length(), 3);
    assert_eq!(attr(&parent, "th:nth-child(1)", "aria-sort").as_deref(), Some("descending"));
    assert_eq!(attr(&parent, "th:nth-child(2)", "aria-sort").as_deref(), Some("none"));
    let headers: Vec<String> = {
        let th = parent.query_selector_all("thead th").unwrap();
        (0..th.length()).map(|k| th.item(k).unwrap().text_content().unwrap()).collect()
    };
    assert_eq!(headers.len(), 6);
    assert!(headers[3].starts_with("Launched / intercepted"), "{headers:?}");

    // Sort by site, then flip.
    let site_button: web_sys::HtmlElement = parent.query_selector("th:nth-child(2) button").unwrap().unwrap().unchecked_into();
    site_button.click();
    leptos::task::tick().await;
    assert_eq!(attr(&parent, "th:nth-child(2)", "aria-sort").as_deref(), Some("ascending"));
    assert_eq!(attr(&parent, "th:nth-child(1)", "aria-sort").as_deref(), Some("none"));
    assert_eq!(row_ids(&parent), ["i1", "i2", "i0"], "'<img' < 'Ain' < 'Erbil'");
    site_button.click();
    leptos::task::tick().await;
    assert_eq!(attr(&parent, "th:nth-child(2)", "aria-sort").as_deref(), Some("descending"));
    assert_eq!(row_ids(&parent), ["i0", "i2", "i1"]);
    // intercepted: the second button in the fourth header
    let icpt: web_sys::HtmlElement = parent.query_selector("th:nth-child(4) button:nth-of-type(2)").unwrap().unwrap().unchecked_into();
    icpt.click();
    leptos::task::tick().await;
    assert_eq!(attr(&parent, "th:nth-child(4)", "aria-sort").as_deref(), Some("descending"));
    assert_eq!(row_ids(&parent)[0], "i0");

    // One tab stop.
    let stops = parent.query_selector_all("tbody tr[tabindex='0']").unwrap();
    assert_eq!(stops.length(), 1);
    let first: web_sys::HtmlElement = stops.item(0).unwrap().unchecked_into();
    assert_eq!(first.get_attribute("data-id").as_deref(), Some("i0"));
    assert_eq!(parent.query_selector_all("tbody tr[tabindex='-1']").unwrap().length(), 2);
    first.focus().unwrap();
    leptos::task::tick().await;
    assert_eq!(hovered.get_untracked().as_deref(), Some("i0"), "focus hovers");
    key(&first, "ArrowDown");
    leptos::task::tick().await;
    let order = row_ids(&parent);
    assert_eq!(active_id().as_deref(), Some(order[1].as_str()));
    assert_eq!(hovered.get_untracked().as_deref(), Some(order[1].as_str()));
    assert_eq!(parent.query_selector_all("tbody tr[tabindex='0']").unwrap().length(), 1);
    assert_eq!(attr(&parent, "tbody tr[tabindex='0']", "data-id"), Some(order[1].clone()), "the stop follows focus");
    let now = parent.query_selector("tbody tr:nth-child(2)").unwrap().unwrap();
    key(&now, "End");
    leptos::task::tick().await;
    assert_eq!(active_id().as_deref(), Some(order[2].as_str()));
    let last = parent.query_selector("tbody tr:nth-child(3)").unwrap().unwrap();
    key(&last, "ArrowDown");
    leptos::task::tick().await;
    assert_eq!(active_id().as_deref(), Some(order[2].as_str()), "stays on the last row");
    key(&last, "Home");
    leptos::task::tick().await;
    assert_eq!(active_id().as_deref(), Some(order[0].as_str()));
    let top = parent.query_selector("tbody tr:nth-child(1)").unwrap().unwrap();
    key(&top, "Enter");
    leptos::task::tick().await;
    assert_eq!(selected.get_untracked().as_deref(), Some(order[0].as_str()));
    assert_eq!(top.get_attribute("aria-selected").as_deref(), Some("true"));
    assert!(top.class_list().contains("selected"));
    let third = parent.query_selector("tbody tr:nth-child(3)").unwrap().unwrap();
    key(&third, " ");
    leptos::task::tick().await;
    assert_eq!(selected.get_untracked().as_deref(), Some(order[2].as_str()));
    assert_eq!(top.get_attribute("aria-selected").as_deref(), Some("false"));

    // Click selects; selection from elsewhere marks the row and keeps focus where it is.
    let second: web_sys::HtmlElement = parent.query_selector("tbody tr:nth-child(2)").unwrap().unwrap().unchecked_into();
    second.click();
    leptos::task::tick().await;
    assert_eq!(selected.get_untracked().as_deref(), Some(order[1].as_str()));
    let before = active_id();
    selected.set(Some(order[2].clone()));
    leptos::task::tick().await;
    assert_eq!(active_id(), before, "no focus stolen");
    assert!(third.class_list().contains("selected"));
    hovered.set(Some(order[0].clone()));
    leptos::task::tick().await;
    assert!(top.class_list().contains("hovered"), "hover from the map shows");

    // Empty.
    visible.set(Arc::new(vec![]));
    leptos::task::tick().await;
    assert!(parent.text_content().unwrap().contains("No incidents match the filters."));
    assert_eq!(row_ids(&parent).len(), 0);
    visible.set(Arc::new(vec![2, 9999]));
    leptos::task::tick().await;
    assert_eq!(row_ids(&parent), ["i2"]);
    assert!(!parent.text_content().unwrap().contains("No incidents match"));
    parent.remove();
}

/// After the next animation frame (and what the page did before it).
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn scroll_event(el: &web_sys::Element) {
    el.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn list_draws_only_the_rows_in_its_window_and_scrolls_through_all() {
    let parent = container();
    let rows: Vec<String> = (0..1234).map(|n| format!(r#""date":"2021-01-01","launched":{n}"#)).collect();
    let all = incidents(&rows);
    let visible = Arc::new((0..all.len()).collect::<Vec<_>>());
    let selected = RwSignal::new(None::<String>);
    let _h = leptos::mount::mount_to(parent.clone(), move || {
        view! { <IncidentList incidents=Signal::stored(Some(all.clone())) visible=Signal::stored(visible.clone()) selected hovered=RwSignal::new(None) /> }
    });
    leptos::task::tick().await;
    // A scroll box of fixed height, as list.css makes it.
    let scroll = parent.query_selector(".incident-list-scroll").unwrap().unwrap();
    scroll.set_attribute("style", "max-height: 300px; overflow: auto").unwrap();
    scroll_event(&scroll);
    leptos::task::tick().await;
    // Largest number launched first: row k is incident 1233 - k.
    let launched: web_sys::HtmlElement = parent.query_selector("th:nth-child(4) button").unwrap().unwrap().unchecked_into();
    launched.click();
    leptos::task::tick().await;
    assert_eq!(attr(&parent, "table", "aria-rowcount").as_deref(), Some("1235"), "every row and the header");
    let drawn = row_ids(&parent);
    assert!((5..60).contains(&drawn.len()), "only the rows near the window: {}", drawn.len());
    assert_eq!(drawn[0], "i1233");
    assert_eq!(attr(&parent, "tbody tr[data-id]", "aria-rowindex").as_deref(), Some("2"));
    assert!(!parent.text_content().unwrap().contains("Show"), "no paging");

    // Scrolled to row 600: it is drawn, with its place in the table, and the rows far above are not.
    let row_height = parent.query_selector("tbody tr[data-id]").unwrap().unwrap().get_bounding_client_rect().height();
    scroll.set_scroll_top((600.0 * row_height) as i32);
    scroll_event(&scroll);
    leptos::task::tick().await;
    assert_eq!(attr(&parent, "tbody tr[aria-rowindex='602']", "data-id").as_deref(), Some("i633"));
    let drawn = row_ids(&parent);
    assert!(drawn.len() < 60 && !drawn.contains(&"i1233".to_string()), "{drawn:?}");
    let total_height = scroll.scroll_height();
    assert!(f64::from(total_height) >= 1234.0 * row_height, "the table is as tall as every row: {total_height}");

    // The keyboard reaches rows not drawn yet: End, then Home.
    let row: web_sys::HtmlElement = parent.query_selector("tbody tr[aria-rowindex='602']").unwrap().unwrap().unchecked_into();
    row.focus().unwrap();
    key(&row, "End");
    leptos::task::tick().await;
    next_frame().await;
    assert_eq!(active_id().as_deref(), Some("i0"), "the last row");
    let last = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(last.get_attribute("aria-rowindex").as_deref(), Some("1235"));
    key(&last, "ArrowUp");
    leptos::task::tick().await;
    assert_eq!(active_id().as_deref(), Some("i1"));
    let now = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    key(&now, "Home");
    leptos::task::tick().await;
    next_frame().await;
    assert_eq!(active_id().as_deref(), Some("i1233"), "the first row");

    // A row chosen elsewhere (the map) is scrolled to and drawn.
    selected.set(Some("i700".into()));
    leptos::task::tick().await;
    next_frame().await;
    let chosen = parent.query_selector("tbody tr[data-id='i700']").unwrap().expect("the chosen row is drawn");
    assert_eq!(chosen.get_attribute("aria-selected").as_deref(), Some("true"));
    assert_eq!(chosen.get_attribute("aria-rowindex").as_deref(), Some("535"));
    parent.remove();
}

#[wasm_bindgen_test]
async fn site_view_shows_the_record_and_closes() {
    let parent = container();
    let all = incidents(&[
        r#""date":"2021-12-19","site":"Ain al-Asad","weapon":"rocket","launched":31,"intercepted":8,"killed":1,"wounded":4"#.into(),
        r#""date":"2019-03","site":"Ain al-Asad","weapon":"drone","launched":5,"intercepted":1,"wounded":5"#.into(),
        r#""date":"2021-01-01","site":"Erbil","weapon":"rocket","launched":3"#.into(),
    ]);
    let closed = Arc::new(AtomicUsize::new(0));
    let c = closed.clone();
    let site = RwSignal::new("Ain al-Asad".to_string());
    let _h = leptos::mount::mount_to(parent.clone(), move || {
        view! { <SiteView incidents=Signal::stored(Some(all.clone())) visible=Signal::stored(Arc::new(vec![0, 1, 2])) site on_close=move |_| { c.fetch_add(1, Ordering::SeqCst); } /> }
    });
    leptos::task::tick().await;
    let section = parent.query_selector("section.site-view[aria-labelledby=site-title]").unwrap().expect("section");
    assert_eq!(section.query_selector("h2#site-title").unwrap().unwrap().text_content().as_deref(), Some("Ain al-Asad"));
    let text = section.text_content().unwrap();
    for want in [
        "2 incidents · 31 rockets and 5 drones launched · 9 intercepted (25%) · 1 killed, 9 wounded",
        "First 2019-03 · last 2021-12-19",
        "Interception rate: 25% (9 of 36 launched)",
        "Casualties: 1 killed, 9 wounded",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
    let titles = section.query_selector_all("svg.year-chart rect.bar title").unwrap();
    assert_eq!(titles.length(), 3);
    assert_eq!(titles.item(1).unwrap().text_content().as_deref(), Some("2020: 0 incidents"), "years without incidents too");
    assert_eq!(titles.item(2).unwrap().text_content().as_deref(), Some("2021: 1 incident"));
    assert_eq!(section.query_selector_all(".weapon-mix li").unwrap().length(), 2);
    let close: web_sys::HtmlElement = section.query_selector("button[aria-label='Close site view']").unwrap().unwrap().unchecked_into();
    close.click();
    assert_eq!(closed.load(Ordering::SeqCst), 1);
    site.set("Erbil".into());
    leptos::task::tick().await;
    let text = parent.text_content().unwrap();
    assert!(text.contains("Interception rate: not reported") && text.contains("Casualties: not reported"), "{text}");
    parent.remove();
}

#[wasm_bindgen_test]
async fn a_row_filtered_away_lets_go_of_its_highlight() {
    let parent = container();
    let all = sample();
    let hovered = RwSignal::new(None::<String>);
    let visible = RwSignal::new(Arc::new(vec![0usize, 1, 2]));
    let _h = leptos::mount::mount_to(parent.clone(), move || {
        view! { <IncidentList incidents=Signal::stored(Some(all.clone())) visible selected=RwSignal::new(None) hovered /> }
    });
    leptos::task::tick().await;
    hovered.set(Some("i2".into()));
    visible.set(Arc::new(vec![0, 1]));
    leptos::task::tick().await;
    assert_eq!(row_ids(&parent), ["i1", "i0"]);
    assert_eq!(hovered.get_untracked(), None);
    hovered.set(Some("i0".into()));
    visible.set(Arc::new(vec![0]));
    leptos::task::tick().await;
    assert_eq!(hovered.get_untracked().as_deref(), Some("i0"), "a row still shown keeps it");
    parent.remove();
}
