//! Fetching over HTTP with gloo-net. Errors are values that say what failed: the URL and the status.

use std::fmt;

use gloo_net::http::Request;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::parse::{starts_csv, Dataset, DatasetError, Parser, Progress};

/// The bundled data set, relative so the app works from any sub-path.
pub const BUNDLED_DATA_URL: &str = "data/incidents.geojson";
/// The bundled basemap (see `tools/basemap/build.py`).
pub const BASEMAP_URL: &str = "basemap/region.geojson";

#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// No answer: offline, refused, blocked by CORS.
    Network { url: String, message: String },
    /// An answer that is not a success.
    Status { url: String, status: u16, status_text: String },
    /// A body larger than `MAX_FILE_BYTES`.
    TooLarge { url: String, bytes: f64 },
    /// A success whose body is not a data set.
    Data { url: String, error: DatasetError },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Network { url, message } => write!(f, "Could not reach {url}: {message}"),
            LoadError::Status { url, status, status_text } => {
                write!(f, "{url} answered HTTP {status}")?;
                if !status_text.is_empty() {
                    write!(f, " {status_text}")?;
                }
                Ok(())
            }
            LoadError::TooLarge { url, bytes } => write!(
                f,
                "{url} is {:.0} MB; data sets up to {:.0} MB can be loaded",
                bytes / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576.0
            ),
            LoadError::Data { url, error } => write!(f, "Could not read {url}: {error}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Where a data set comes from: a URL to fetch, or a file the reader opened (never uploaded anywhere).
#[derive(Clone, Debug, PartialEq)]
pub enum DataSource {
    Url(String),
    File { name: String, content_type: String, text: std::sync::Arc<String> },
}

impl DataSource {
    /// The URL or file name, as the page names it.
    pub fn name(&self) -> &str {
        match self {
            DataSource::Url(url) => url,
            DataSource::File { name, .. } => name,
        }
    }
}

/// Files and downloads larger than this are refused (a download as soon as its length is announced).
pub const MAX_FILE_BYTES: f64 = 200.0 * 1024.0 * 1024.0;

/// Loads and parses a data set from wherever it comes, telling `progress` how far the parse is.
pub async fn load(source: DataSource, progress: impl Fn(Progress)) -> Result<Dataset, LoadError> {
    match source {
        DataSource::Url(url) => {
            let mut body = Body::open(&url).await?;
            // The first bytes (with the name and type) tell whether it is CSV, read as it comes.
            let mut head = Vec::new();
            let csv = loop {
                match body.next().await? {
                    Some(bytes) => head.extend_from_slice(&bytes),
                    None => break false,
                }
                if let Some(csv) = starts_csv(&head, &url, body.content_type.as_deref()) {
                    break csv;
                }
            };
            let data = |error| LoadError::Data { url: url.clone(), error };
            if csv {
                return read_csv_as_it_comes(head, &mut body, progress).await;
            }
            let whole = body.read_to_end(head).await?;
            parse_in_steps(&utf8_lossy(whole), &url, body.content_type.as_deref(), progress).await.map_err(data)
        }
        DataSource::File { name, content_type, text } => parse_in_steps(&text, &name, Some(&content_type), progress)
            .await
            .map_err(|error| LoadError::Data { url: name, error }),
    }
}

/// How long the parser may hold the page before it lets the browser paint and handle input.
const STEP_MS: f64 = 30.0;

/// Parses in slices of about `STEP_MS`, yielding to the browser between them, so that a large file shows its
/// progress and the page stays responsive.
async fn parse_in_steps(text: &str, name: &str, content_type: Option<&str>, progress: impl Fn(Progress)) -> Result<Dataset, DatasetError> {
    let mut parser = Parser::new(text, name, content_type)?;
    read_rows(&mut parser, &mut Slices::new(), &progress).await;
    Ok(parser.finish())
}

/// Reads the rows the parser has, in slices: until it has read them all, or needs more bytes.
async fn read_rows(parser: &mut Parser<'_>, slices: &mut Slices, progress: &impl Fn(Progress)) {
    while !parser.step(500) {
        if slices.due() {
            progress(parser.progress());
            slices.pause().await;
        }
    }
}

/// Work in slices of about `STEP_MS`, with the browser's turn between them.
struct Slices {
    started: f64,
}

impl Slices {
    fn new() -> Slices {
        Slices { started: js_sys::Date::now() }
    }

    /// Whether this slice has taken its time.
    fn due(&self) -> bool {
        js_sys::Date::now() - self.started >= STEP_MS
    }

    /// Lets the browser paint and handle input, then starts the next slice.
    async fn pause(&mut self) {
        next_task().await;
        self.started = js_sys::Date::now();
    }
}

/// Reads a CSV download while it comes: each piece's rows as soon as it is in, in slices of about `STEP_MS`.
/// `head` is what came already.
async fn read_csv_as_it_comes(head: Vec<u8>, body: &mut Body, progress: impl Fn(Progress)) -> Result<Dataset, LoadError> {
    let url = body.url.clone();
    let data = |error| LoadError::Data { url: url.clone(), error };
    let mut parser = Parser::csv(body.announced.map(|n| n as u64));
    parser.push(&head).map_err(data)?;
    drop(head);
    let mut slices = Slices::new();
    let mut shown = f64::NEG_INFINITY;
    loop {
        read_rows(&mut parser, &mut slices, &progress).await;
        // While the network is slower than the reading, the page still shows how far it is.
        if js_sys::Date::now() - shown >= STEP_MS {
            progress(parser.progress());
            shown = js_sys::Date::now();
        }
        match body.next().await? {
            Some(bytes) => parser.push(&bytes).map_err(data)?,
            None => {
                parser.end().map_err(data)?;
                read_rows(&mut parser, &mut slices, &progress).await;
                return Ok(parser.finish());
            }
        }
    }
}

/// Resolves in a new task of the event loop, after the browser had its turn. A message to ourselves, not a
/// timer: timers set from timers are held back 4 ms each after the fifth, which would add a few hundred ms
/// to a large load.
async fn next_task() {
    let Ok(channel) = web_sys::MessageChannel::new() else { return };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
        let _ = channel.port2().post_message(&JsValue::UNDEFINED);
    });
    let _ = JsFuture::from(promise).await;
}

thread_local! {
    /// A download started before the app was on the page (`fetch_early`), until `Body::open` takes it over.
    static EARLY: std::cell::RefCell<Option<(String, js_sys::Promise)>> = const { std::cell::RefCell::new(None) };
}

/// Starts downloading `url` at once — while the app builds its page — for the first `Body::open` of that URL.
pub fn fetch_early(url: &str) {
    if let Some(w) = web_sys::window() {
        let started = w.fetch_with_str(url);
        EARLY.with(|e| *e.borrow_mut() = Some((url.to_string(), started)));
    }
}

/// The answer to `url`: the early download of it if there is one (used once: a retry asks again).
async fn send(url: &str) -> Result<gloo_net::http::Response, String> {
    match EARLY.with(|e| e.borrow_mut().take_if(|(early, _)| early == url)) {
        Some((_, started)) => JsFuture::from(started)
            .await
            .map(|r| gloo_net::http::Response::from(web_sys::Response::from(r)))
            .map_err(|e| js_sys::Error::from(e).message().into()),
        None => Request::get(url).send().await.map_err(|e| e.to_string()),
    }
}

/// The body of a successful answer, read piece by piece as it arrives, and never more than `MAX_FILE_BYTES`.
struct Body {
    url: String,
    content_type: Option<String>,
    /// The length the answer announced, if any.
    announced: Option<f64>,
    /// `None` for an answer without a body.
    reader: Option<web_sys::ReadableStreamDefaultReader>,
    received: f64,
}

impl Body {
    /// GETs `url`, or says why not: no answer, an answer that is not a success, or one announced too large.
    async fn open(url: &str) -> Result<Body, LoadError> {
        let response = send(url).await.map_err(|message| LoadError::Network { url: url.to_string(), message })?;
        if !response.ok() {
            return Err(LoadError::Status {
                url: url.to_string(),
                status: response.status(),
                status_text: response.status_text(),
            });
        }
        let announced = response.headers().get("content-length").and_then(|n| n.parse::<u64>().ok()).map(|n| n as f64);
        if let Some(bytes) = announced.filter(|&n| n > MAX_FILE_BYTES) {
            return Err(LoadError::TooLarge { url: url.to_string(), bytes });
        }
        // A compressed answer announces the compressed length: too large already if that is over the limit,
        // but not the length of the body read here (which the progress bar and the buffer would go by).
        let encoded = response.headers().get("content-encoding").is_some_and(|e| !e.trim().eq_ignore_ascii_case("identity"));
        let announced = announced.filter(|_| !encoded);
        let reader = response.body().map(|b| b.get_reader().unchecked_into());
        let content_type = response.headers().get("content-type");
        Ok(Body { url: url.to_string(), content_type, announced, reader, received: 0.0 })
    }

    /// The next piece of the body as it arrived; `None` at its end.
    async fn next(&mut self) -> Result<Option<Vec<u8>>, LoadError> {
        let Some(reader) = &self.reader else { return Ok(None) };
        let network = |e: JsValue| LoadError::Network { url: self.url.clone(), message: js_sys::Error::from(e).message().into() };
        let read: web_sys::ReadableStreamReadResult = JsFuture::from(reader.read()).await.map_err(network)?.unchecked_into();
        if read.get_done().unwrap_or(true) {
            self.reader = None;
            return Ok(None);
        }
        let bytes = js_sys::Uint8Array::new(&read.get_value()).to_vec();
        self.received += bytes.len() as f64;
        if self.received > MAX_FILE_BYTES {
            return Err(LoadError::TooLarge { url: self.url.clone(), bytes: self.received });
        }
        Ok(Some(bytes))
    }

    /// The rest of the body, after `bytes` (what came already).
    async fn read_to_end(&mut self, mut bytes: Vec<u8>) -> Result<Vec<u8>, LoadError> {
        bytes.reserve((self.announced.unwrap_or(0.0) as usize).saturating_sub(bytes.len()));
        while let Some(piece) = self.next().await? {
            bytes.extend_from_slice(&piece);
        }
        Ok(bytes)
    }
}

/// A body left before its end (too large, or not a data set) is not downloaded further.
impl Drop for Body {
    fn drop(&mut self) {
        if let Some(reader) = &self.reader {
            let _ = reader.cancel();
        }
    }
}

/// The text of a body, as `Response.text()` decodes it: invalid UTF-8 becomes U+FFFD. Copies only when it
/// must repair.
fn utf8_lossy(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// GETs `url` and returns its body as text, or says why not.
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    Body::open(url).await?.read_to_end(Vec::new()).await.map(utf8_lossy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_decode_like_response_text() {
        assert_eq!(utf8_lossy("مطار, Zawra Park – Baghdad".as_bytes().to_vec()), "مطار, Zawra Park – Baghdad");
        assert_eq!(utf8_lossy(b"a\xffb".to_vec()), "a\u{fffd}b");
    }

    #[test]
    fn errors_name_the_url_and_status() {
        let e = LoadError::Status { url: "data/x.geojson".into(), status: 404, status_text: "Not Found".into() };
        assert_eq!(e.to_string(), "data/x.geojson answered HTTP 404 Not Found");
        let e = LoadError::TooLarge { url: "big.csv".into(), bytes: 300.0 * 1_048_576.0 };
        assert_eq!(e.to_string(), "big.csv is 300 MB; data sets up to 200 MB can be loaded");
        let e = LoadError::Data { url: "d.json".into(), error: DatasetError::NotJson("eof".into()) };
        assert!(e.to_string().starts_with("Could not read d.json: the file is not valid JSON (eof)"));
    }
}
