//! Components in headless Chromium (`make test-wasm`): wasm-bindgen-test mounts them and reads the DOM.
#![cfg(target_arch = "wasm32")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use incident_map::contract::{publish, PageState};
use incident_map::detail::IncidentDetail;
use incident_map::model::Incident;
use incident_map::parse::{parse_dataset, Progress};
use incident_map::status::{Status, StatusBanner};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod support;

use support::container;

wasm_bindgen_test_configure!(run_in_browser);

const XSS: &str = r#"<img src=x onerror=\"window.__xss=1\"><script>window.__xss=1</script>"#;

fn hostile_incident() -> Incident {
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","geometry":{{"type":"Point","coordinates":[44.39,33.3]}},
        "properties":{{"id":"X1","date":"2021-12-19","weapon":"rocket","launched":2,"intercepted":1,"intercepted_by":"C-RAM",
        "site":"{XSS}","summary":"{XSS}","claimed_by":"{XSS}",
        "sources":[{{"outlet":"Good","title":"Safe link","url":"https://example.org/a"}},
                   {{"outlet":"Bad","title":"Script link","url":"javascript:window.__xss=1"}}],
        "reports":[{{"source":"{XSS}","says":"{XSS}"}}]}}}}]}}"#
    );
    parse_dataset(&text).expect("valid collection").incidents.remove(0)
}


#[wasm_bindgen_test]
fn detail_renders_hostile_text_as_text_and_links_only_http() {
    let parent = container();
    let incident = hostile_incident();
    let _handle = leptos::mount::mount_to(parent.clone(), move || view! { <IncidentDetail incident on_close=|_| {} /> });

    assert_eq!(parent.query_selector_all("img, script").unwrap().length(), 0, "markup in data must not become elements");
    let summary = parent.query_selector(".summary").unwrap().unwrap();
    assert_eq!(summary.text_content().unwrap(), XSS.replace("\\\"", "\""));
    let links = parent.query_selector_all(".sources a").unwrap();
    assert_eq!(links.length(), 1, "only the https source is a link");
    let a: web_sys::Element = links.item(0).unwrap().unchecked_into();
    assert_eq!(a.get_attribute("href").as_deref(), Some("https://example.org/a"));
    assert_eq!(a.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    assert!(parent.text_content().unwrap().contains("Script link"), "the unsafe source is still listed, as text");
    assert!(parent.text_content().unwrap().contains("2 launched · 1 intercepted by C-RAM"));
    parent.remove();
}

#[wasm_bindgen_test]
fn error_banner_is_an_alert_with_a_working_retry() {
    let parent = container();
    let retries = Arc::new(AtomicUsize::new(0));
    let counter = retries.clone();
    let status = RwSignal::new(Status::Failed("data/incidents.geojson answered HTTP 500".into()));
    let _handle = leptos::mount::mount_to(parent.clone(), move || {
        view! { <StatusBanner status progress=Signal::stored(None) on_retry=move |_| { counter.fetch_add(1, Ordering::SeqCst); } /> }
    });
    let alert = parent.query_selector("[role=alert]").unwrap().expect("an alert");
    assert!(alert.text_content().unwrap().contains("HTTP 500"));
    let button: web_sys::HtmlElement = alert.query_selector("button").unwrap().unwrap().unchecked_into();
    assert_eq!(button.text_content().as_deref(), Some("Retry"));
    button.click();
    assert_eq!(retries.load(Ordering::SeqCst), 1);
    parent.remove();
}

#[wasm_bindgen_test]
async fn loading_banner_shows_progress_then_gives_way_when_ready() {
    let parent = container();
    let status = RwSignal::new(Status::Loading);
    let progress = RwSignal::new(None);
    let _handle = leptos::mount::mount_to(parent.clone(), move || view! { <StatusBanner status progress on_retry=|_| {} /> });
    let banner = parent.query_selector("[role=status]").unwrap().expect("a status");
    assert_eq!(banner.text_content().as_deref(), Some("Loading incidents…"));
    progress.set(Some(Progress { rows: 12_000, fraction: Some(0.4) }));
    leptos::task::tick().await;
    assert_eq!(banner.text_content().as_deref(), Some("Reading incidents… 40% · 12,000 rows"));
    let bar = banner.query_selector("progress").unwrap().expect("a progress bar");
    assert_eq!(bar.get_attribute("value").as_deref(), Some("40"));
    progress.set(Some(Progress { rows: 13_000, fraction: None }));
    leptos::task::tick().await;
    assert_eq!(banner.text_content().as_deref(), Some("Reading incidents… 13,000 rows"), "a download of unknown length");
    assert_eq!(bar.get_attribute("value"), None, "a bar without a value shows activity, not a share");
    status.set(Status::Ready);
    leptos::task::tick().await;
    assert!(parent.query_selector("[role=status]").unwrap().is_none());
    parent.remove();
}

#[wasm_bindgen_test]
fn contract_is_written_on_the_html_element() {
    publish(PageState::Ready, 15, 7);
    let root = web_sys::window().unwrap().document().unwrap().document_element().unwrap();
    assert_eq!(root.get_attribute("data-state").as_deref(), Some("ready"));
    assert_eq!(root.get_attribute("data-total").as_deref(), Some("15"));
    assert_eq!(root.get_attribute("data-visible").as_deref(), Some("7"));
}
