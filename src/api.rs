//! Fetching over HTTP with gloo-net. Errors are values that say what failed: the URL and the status.

use std::fmt;

use gloo_net::http::Request;

use crate::parse::{parse_dataset, Dataset, DatasetError};

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
            LoadError::Data { url, error } => write!(f, "Could not read {url}: {error}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Where a data set comes from: a URL to fetch, or a file the reader opened (never uploaded anywhere).
#[derive(Clone, Debug, PartialEq)]
pub enum DataSource {
    Url(String),
    File { name: String, text: std::sync::Arc<String> },
}

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: f64 = 200.0 * 1024.0 * 1024.0;

/// Loads and parses a data set from wherever it comes.
pub async fn load(source: DataSource) -> Result<Dataset, LoadError> {
    match source {
        DataSource::Url(url) => load_dataset(&url).await,
        DataSource::File { name, text } => {
            parse_dataset(&text).map_err(|error| LoadError::Data { url: name, error })
        }
    }
}

/// GETs `url` and returns its body as text, or says why not.
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| LoadError::Network { url: url.to_string(), message: e.to_string() })?;
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_string(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    response
        .text()
        .await
        .map_err(|e| LoadError::Network { url: url.to_string(), message: e.to_string() })
}

/// Fetches and parses an incident data set.
pub async fn load_dataset(url: &str) -> Result<Dataset, LoadError> {
    let text = fetch_text(url).await?;
    parse_dataset(&text).map_err(|error| LoadError::Data { url: url.to_string(), error })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_url_and_status() {
        let e = LoadError::Status { url: "data/x.geojson".into(), status: 404, status_text: "Not Found".into() };
        assert_eq!(e.to_string(), "data/x.geojson answered HTTP 404 Not Found");
        let e = LoadError::Data { url: "d.json".into(), error: DatasetError::NotJson("eof".into()) };
        assert_eq!(e.to_string(), "Could not read d.json: the file is not valid JSON (eof)");
    }
}
