//! Fetching over HTTP with gloo-net (the request, the answer) and the browser's stream reader (the body, piece
//! by piece). Errors are values that say what failed: the URL, and the status, the wait or the bytes
//! that came.

use std::fmt;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{Locale, Msg};
use crate::parse::{starts_csv, Dataset, DatasetError, Parser, Progress};
use crate::tr;

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
    /// Nothing came for `SILENCE_MS`: no answer at all (`received` is `None`), or no more of the body.
    Silent { url: String, received: Option<f64> },
    /// The body broke off before its end: the connection closed, or fewer bytes came than announced.
    CutShort { url: String, received: f64, announced: Option<f64> },
    /// A body larger than `MAX_FILE_BYTES`.
    TooLarge { url: String, bytes: f64 },
    /// More rows than `MAX_ROWS`.
    TooManyRows { url: String },
    /// A success that is a web page (HTML), not data: a network's login page, or a site's page for any path.
    WebPage { url: String },
    /// A success whose body is not a data set.
    Data { url: String, error: DatasetError },
}

impl LoadError {
    /// What went wrong, in the reader's language; the URL and what the browser or server said are quoted as
    /// they are.
    pub fn message(&self, loc: Locale) -> String {
        let d = |s: &str| loc.isolate(s);
        let seconds = (SILENCE_MS / 1000) as usize;
        match self {
            LoadError::Network { url, message } => tr!(loc, Msg::LoadingNetwork, url = d(url), message = d(message)),
            LoadError::Status { url, status, status_text } => {
                let mut status = loc.localise_digits(&status.to_string());
                if !status_text.is_empty() {
                    status = format!("{status} {}", d(status_text));
                }
                tr!(loc, Msg::LoadingHttp, url = d(url), status = status)
            }
            LoadError::Silent { url, received: None } => loc.count(Msg::LoadingSilent, seconds, &[("url", &d(url))]),
            LoadError::Silent { url, received: Some(n) } => {
                loc.count(Msg::LoadingStalled, seconds, &[("url", &d(url)), ("received", &amount(loc, *n))])
            }
            LoadError::CutShort { url, received, announced } => {
                // Bytes that came just before the break may be lost with it: then none were read.
                let cut = if *received > 0.0 {
                    tr!(loc, Msg::LoadingCutShortAfter, url = d(url), received = amount(loc, *received))
                } else {
                    tr!(loc, Msg::LoadingCutShort, url = d(url))
                };
                match announced {
                    Some(n) => tr!(loc, Msg::LoadingAnnounced, message = cut, announced = amount(loc, *n)),
                    None => cut,
                }
            }
            LoadError::TooManyRows { url } => tr!(loc, Msg::LoadingTooManyRows, url = d(url), max = loc.number(MAX_ROWS)),
            LoadError::WebPage { url } => tr!(loc, Msg::LoadingWebPage, url = d(url)),
            LoadError::TooLarge { url, bytes } => {
                tr!(loc, Msg::LoadingTooLarge, url = d(url), size = megabytes(loc, *bytes), max = megabytes(loc, MAX_FILE_BYTES))
            }
            LoadError::Data { url, error } => tr!(loc, Msg::LoadingUnreadable, url = d(url), error = error.message(loc)),
        }
    }
}

/// In English, as logs and tests read it.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Locale::EN))
    }
}

impl std::error::Error for LoadError {}

/// A number of bytes as people read it: "900 bytes", "12.3 KB", "4.5 MB"; "١٢٫٣ كيلوبايت".
fn amount(loc: Locale, bytes: f64) -> String {
    let (m, n) = match bytes {
        b if b < 1024.0 => (Msg::LoadingBytes, format!("{b:.0}")),
        b if b < 1_048_576.0 => (Msg::LoadingKilobytes, format!("{:.1}", b / 1024.0)),
        b => (Msg::LoadingMegabytes, format!("{:.1}", b / 1_048_576.0)),
    };
    tr!(loc, m, n = loc.localise_digits(&n))
}

/// A size in whole megabytes, as limits are said: "300", "٣٠٠".
pub fn megabytes(loc: Locale, bytes: f64) -> String {
    loc.number((bytes / 1_048_576.0).round() as usize)
}

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

/// Data sets with more rows than this are refused, as soon as the reading gets there: twice the largest size
/// benchmarked (README, "Scale": a million incidents take about 440 MB of wasm memory), so the tab does not
/// run out of memory on a file of tiny rows.
pub const MAX_ROWS: usize = 2_000_000;

/// A download gives up when the server has sent nothing for this long: no answer to the request, or no new
/// bytes of the body. A slow server or a poor mobile connection still sends something within it; a dead one
/// ends in an error with a Retry instead of a spinner for ever.
pub const SILENCE_MS: i32 = 30_000;

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
            if csv {
                return read_csv_as_it_comes(head, &mut body, progress).await;
            }
            let whole = body.read_to_end(head).await?;
            parse_in_steps(&utf8_lossy(whole), Origin::Web(&url), body.content_type.as_deref(), progress).await
        }
        DataSource::File { name, content_type, text } => {
            parse_in_steps(&text, Origin::File(&name), Some(&content_type), progress).await
        }
    }
}

/// Where the text being read came from: a URL, or a file the reader opened.
#[derive(Clone, Copy)]
enum Origin<'a> {
    Web(&'a str),
    File(&'a str),
}

impl Origin<'_> {
    fn name(self) -> String {
        match self {
            Origin::Web(name) | Origin::File(name) => name.to_string(),
        }
    }

    /// Why the text is not a data set. A URL that answered with HTML (by its content, or its type when the
    /// content is not data either) is said to have answered with a web page.
    fn unreadable(self, content_type: Option<&str>, error: DatasetError) -> LoadError {
        let html = content_type.is_some_and(|t| t.trim_start().to_ascii_lowercase().starts_with("text/html"));
        match self {
            Origin::Web(url) if error == DatasetError::Html || html => LoadError::WebPage { url: url.to_string() },
            _ => LoadError::Data { url: self.name(), error },
        }
    }
}

/// How long the parser may hold the page before it lets the browser paint and handle input.
const STEP_MS: f64 = 30.0;

/// Parses in slices of about `STEP_MS`, yielding to the browser between them, so that a large file shows its
/// progress and the page stays responsive.
async fn parse_in_steps(text: &str, from: Origin<'_>, content_type: Option<&str>, progress: impl Fn(Progress)) -> Result<Dataset, LoadError> {
    let name = from.name();
    let mut parser = Parser::new(text, &name, content_type).map_err(|e| from.unreadable(content_type, e))?;
    read_rows(&mut parser, &name, &mut Slices::new(), &progress).await?;
    Ok(parser.finish())
}

/// Reads the rows the parser has, in slices: until it has read them all, or needs more bytes. Stops when there
/// are more than `MAX_ROWS`.
async fn read_rows(parser: &mut Parser<'_>, name: &str, slices: &mut Slices, progress: &impl Fn(Progress)) -> Result<(), LoadError> {
    loop {
        let done = parser.step(500);
        if parser.progress().rows > MAX_ROWS {
            return Err(LoadError::TooManyRows { url: name.to_string() });
        }
        if done {
            return Ok(());
        }
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
    let content_type = body.content_type.clone();
    let data = |error| Origin::Web(&url).unreadable(content_type.as_deref(), error);
    let mut parser = Parser::csv(body.announced.map(|n| n as u64));
    parser.push(&head).map_err(data)?;
    drop(head);
    let mut slices = Slices::new();
    let mut shown = f64::NEG_INFINITY;
    loop {
        read_rows(&mut parser, &url, &mut slices, &progress).await?;
        // While the network is slower than the reading, the page still shows how far it is.
        if js_sys::Date::now() - shown >= STEP_MS {
            progress(parser.progress());
            shown = js_sys::Date::now();
        }
        match body.next().await? {
            Some(bytes) => parser.push(&bytes).map_err(data)?,
            None => {
                parser.end().map_err(data)?;
                read_rows(&mut parser, &url, &mut slices, &progress).await?;
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

/// Waits for `promise`, but at most `SILENCE_MS`: `Ok(None)` when the time ran out first.
async fn within_silence(promise: js_sys::Promise) -> Result<Option<JsValue>, JsValue> {
    let Some(w) = web_sys::window() else { return JsFuture::from(promise).await.map(Some) };
    let mut timer = None;
    // Resolves with `undefined`, which neither a fetch nor a read ever does.
    let time_out = js_sys::Promise::new(&mut |resolve, _| {
        timer = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, SILENCE_MS).ok();
    });
    let first = JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(&promise, &time_out))).await;
    if let Some(t) = timer {
        w.clear_timeout_with_handle(t);
    }
    first.map(|v| (!v.is_undefined()).then_some(v))
}

/// The message of a rejected promise's error.
fn message(e: JsValue) -> String {
    js_sys::Error::from(e).message().into()
}

/// A GET under way: the promise of its answer, and the way to stop it.
struct Request {
    url: String,
    answer: js_sys::Promise,
    abort: Option<web_sys::AbortController>,
}

impl Request {
    fn send(url: &str) -> Option<Request> {
        let abort = web_sys::AbortController::new().ok();
        let request = gloo_net::http::Request::get(url).abort_signal(abort.as_ref().map(|a| a.signal()).as_ref()).build().ok()?;
        // The fetch as a promise (not gloo-net's future), so that it can race the silence timer.
        let answer = web_sys::window()?.fetch_with_request(&request.into());
        Some(Request { url: url.to_string(), answer, abort })
    }

    fn abort(&self) {
        if let Some(a) = &self.abort {
            a.abort();
        }
    }
}

thread_local! {
    /// A download started before the app was on the page (`fetch_early`), until `Body::open` takes it over.
    static EARLY: std::cell::RefCell<Option<Request>> = const { std::cell::RefCell::new(None) };
}

/// Starts downloading `url` at once — while the app builds its page — for the first `Body::open` of that URL.
pub fn fetch_early(url: &str) {
    let request = Request::send(url);
    EARLY.with(|e| *e.borrow_mut() = request);
}

/// The body of a successful answer, read piece by piece as it arrives, and never more than `MAX_FILE_BYTES`.
struct Body {
    url: String,
    content_type: Option<String>,
    /// The length the answer announced, if any.
    announced: Option<f64>,
    /// `None` for an answer without a body, and once it is read to its end.
    reader: Option<web_sys::ReadableStreamDefaultReader>,
    received: f64,
    request: Request,
}

impl Body {
    /// GETs `url` (through its early download if there is one: used once, a retry asks again), or says why
    /// not: no answer, none in time, an answer that is not a success, or one announced too large.
    async fn open(url: &str) -> Result<Body, LoadError> {
        let network = |message| LoadError::Network { url: url.to_string(), message };
        let early = EARLY.with(|e| e.borrow_mut().take_if(|early| early.url == url));
        let request = early.or_else(|| Request::send(url)).ok_or_else(|| network("no window to fetch from".into()))?;
        let Some(response) = within_silence(request.answer.clone()).await.map_err(|e| network(message(e)))? else {
            request.abort();
            return Err(LoadError::Silent { url: url.to_string(), received: None });
        };
        let response = gloo_net::http::Response::from(web_sys::Response::from(response));
        let header = |name: &str| response.headers().get(name);
        if !response.ok() {
            return Err(LoadError::Status {
                url: url.to_string(),
                status: response.status(),
                status_text: response.status_text(),
            });
        }
        let announced = header("content-length").and_then(|n| n.parse::<u64>().ok()).map(|n| n as f64);
        if let Some(bytes) = announced.filter(|&n| n > MAX_FILE_BYTES) {
            request.abort();
            return Err(LoadError::TooLarge { url: url.to_string(), bytes });
        }
        // A compressed answer announces the compressed length: too large already if that is over the limit,
        // but not the length of the body read here (which the progress bar and the buffer would go by).
        let encoded = header("content-encoding").is_some_and(|e| !e.trim().eq_ignore_ascii_case("identity"));
        let announced = announced.filter(|_| !encoded);
        let reader = response.body().map(|b| b.get_reader().unchecked_into());
        let content_type = header("content-type");
        Ok(Body { url: url.to_string(), content_type, announced, reader, received: 0.0, request })
    }

    /// The next piece of the body as it arrived; `None` at its end.
    async fn next(&mut self) -> Result<Option<Vec<u8>>, LoadError> {
        let Some(reader) = self.reader.clone() else { return Ok(None) };
        let read: web_sys::ReadableStreamReadResult = match within_silence(reader.read()).await {
            Ok(Some(read)) => read.unchecked_into(),
            Ok(None) => return Err(LoadError::Silent { url: self.url.clone(), received: Some(self.received) }),
            // The browser's "network error": the connection closed before the end. The stream is broken: not
            // cancelled on drop (that would be a rejection nobody handles).
            Err(_) => {
                self.reader = None;
                return Err(self.cut_short());
            }
        };
        if read.get_done().unwrap_or(true) {
            self.reader = None;
            // An end before the announced length is one too.
            return match self.announced {
                Some(n) if self.received < n => Err(self.cut_short()),
                _ => Ok(None),
            };
        }
        // A fetch body's pieces are `Uint8Array`s: copied once, into the wasm memory (`Uint8Array::new` of one
        // would copy it in JavaScript first).
        let value = read.get_value();
        let bytes = match value.dyn_into::<js_sys::Uint8Array>() {
            Ok(piece) => piece.to_vec(),
            Err(other) => js_sys::Uint8Array::new(&other).to_vec(),
        };
        self.received += bytes.len() as f64;
        if self.received > MAX_FILE_BYTES {
            return Err(LoadError::TooLarge { url: self.url.clone(), bytes: self.received });
        }
        Ok(Some(bytes))
    }

    fn cut_short(&self) -> LoadError {
        LoadError::CutShort { url: self.url.clone(), received: self.received, announced: self.announced }
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

/// A body left before its end (too large, not a data set, or silent) is not downloaded further.
impl Drop for Body {
    fn drop(&mut self) {
        if let Some(reader) = &self.reader {
            let _ = reader.cancel();
            self.request.abort();
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
    use crate::i18n::{Digits, Lang};

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

    #[test]
    fn network_faults_name_the_url_and_what_came() {
        let silent = |received| LoadError::Silent { url: "x.csv".into(), received }.to_string();
        assert_eq!(silent(None), "x.csv did not answer within 30 seconds");
        assert_eq!(silent(Some(12_600.0)), "x.csv stopped sending: nothing came for 30 seconds after 12.3 KB");
        let cut = |received, announced| LoadError::CutShort { url: "x.csv".into(), received, announced }.to_string();
        assert_eq!(cut(900.0, Some(3.5 * 1_048_576.0)), "The download of x.csv was cut short after 900 bytes; 3.5 MB were announced");
        assert_eq!(cut(900.0, None), "The download of x.csv was cut short after 900 bytes");
        assert_eq!(cut(0.0, Some(2048.0)), "The download of x.csv was cut short; 2.0 KB were announced");
        let page = LoadError::WebPage { url: "d.geojson".into() }.to_string();
        assert!(page.starts_with("d.geojson answered with a web page (HTML), not data"), "{page}");
        let rows = LoadError::TooManyRows { url: "big.csv".into() }.to_string();
        assert_eq!(rows, "big.csv has more than 2,000,000 rows; data sets up to 2,000,000 rows can be loaded");
    }

    #[test]
    fn errors_are_said_in_the_readers_language_with_its_digits() {
        let ar = Locale::new(Lang::Ar, Digits::Western);
        let arabic = Locale::new(Lang::Ar, Digits::Arabic);
        // Data (URLs, what the server said) is set apart, so that it keeps its order in right-to-left text.
        let url = |u: &str| format!("\u{2068}{u}\u{2069}");
        let e = LoadError::Status { url: "data/x.geojson".into(), status: 404, status_text: "Not Found".into() };
        assert_eq!(e.message(ar), format!("ردّ {} برمز HTTP 404 {}", url("data/x.geojson"), url("Not Found")));
        assert_eq!(e.message(arabic), format!("ردّ {} برمز HTTP ٤٠٤ {}", url("data/x.geojson"), url("Not Found")));
        let silent = LoadError::Silent { url: "x.csv".into(), received: None };
        assert_eq!(silent.message(ar), format!("لم يُجب {} خلال 30 ثانية", url("x.csv")));
        assert_eq!(silent.message(arabic), format!("لم يُجب {} خلال ٣٠ ثانية", url("x.csv")));
        let stalled = LoadError::Silent { url: "x.csv".into(), received: Some(12_600.0) };
        assert_eq!(stalled.message(arabic), format!("توقّف {} عن الإرسال: لم يصل شيء خلال ٣٠ ثانية بعد ١٢٫٣ كيلوبايت", url("x.csv")));
        let cut = LoadError::CutShort { url: "x.csv".into(), received: 900.0, announced: Some(3.5 * 1_048_576.0) };
        assert_eq!(cut.message(ar), format!("انقطع تنزيل {} بعد 900 بايت؛ وكان الحجم المُعلن 3.5 ميغابايت", url("x.csv")));
        assert_eq!(cut.message(arabic), format!("انقطع تنزيل {} بعد ٩٠٠ بايت؛ وكان الحجم المُعلن ٣٫٥ ميغابايت", url("x.csv")));
        let cut = LoadError::CutShort { url: "x.csv".into(), received: 0.0, announced: None };
        assert_eq!(cut.message(ar), format!("انقطع تنزيل {}", url("x.csv")));
        let large = LoadError::TooLarge { url: "big.csv".into(), bytes: 300.0 * 1_048_576.0 };
        assert_eq!(large.message(arabic), format!("{}: حجمه ٣٠٠ ميغابايت، والحد الأقصى لمجموعات البيانات ٢٠٠ ميغابايت", url("big.csv")));
        let rows = LoadError::TooManyRows { url: "big.csv".into() };
        assert_eq!(rows.message(arabic), format!("في {} أكثر من ٢٬٠٠٠٬٠٠٠ صف؛ يمكن تحميل مجموعات بيانات حتى ٢٬٠٠٠٬٠٠٠ صف", url("big.csv")));
        assert!(LoadError::WebPage { url: "d.geojson".into() }.message(ar).contains("بصفحة ويب (HTML)"));
        let net = LoadError::Network { url: "h/d.csv".into(), message: "Failed to fetch".into() };
        assert_eq!(net.message(ar), format!("تعذّر الوصول إلى {}: {}", url("h/d.csv"), url("Failed to fetch")));
        let data = LoadError::Data { url: "d.json".into(), error: DatasetError::Empty };
        assert!(data.message(ar).starts_with(&format!("تعذّرت قراءة {}: الملف فارغ؛ المتوقع", url("d.json"))), "{}", data.message(ar));
    }

    #[test]
    fn html_from_a_url_is_a_web_page_and_from_a_file_a_file() {
        let web = Origin::Web("d.geojson");
        assert_eq!(web.unreadable(None, DatasetError::Html), LoadError::WebPage { url: "d.geojson".into() });
        assert_eq!(web.unreadable(Some("Text/HTML; charset=utf-8"), DatasetError::Unrecognised), LoadError::WebPage { url: "d.geojson".into() });
        assert!(matches!(web.unreadable(Some("text/csv"), DatasetError::Empty), LoadError::Data { .. }));
        assert!(matches!(Origin::File("p.html").unreadable(None, DatasetError::Html), LoadError::Data { .. }));
    }
}
