//! What the page's URL asks for. Pure: the query string in, checked values out; bad values fall back to
//! defaults with a notice instead of an error page.

/// The `data` parameter: another data set to load instead of the bundled one. Only `http:`/`https:` URLs and
/// relative paths are accepted; anything else (`javascript:`, `data:`, `file:`) is refused with a notice.
pub fn data_url(value: &str) -> Result<String, String> {
    let v = value.trim();
    if v.is_empty() {
        return Err("the data parameter is empty; showing the bundled data".into());
    }
    if v.len() > 2048 {
        return Err("the data parameter is longer than 2,048 characters; showing the bundled data".into());
    }
    if v.chars().any(char::is_control) {
        return Err("the data parameter contains control characters; showing the bundled data".into());
    }
    let scheme = v.split_once(':').map(|(s, _)| s).filter(|s| {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    match scheme.map(str::to_ascii_lowercase).as_deref() {
        None | Some("http") | Some("https") => Ok(v.to_string()),
        Some(other) => Err(format!("data URLs must be http(s) or relative, not \"{other}:\"; showing the bundled data")),
    }
}

/// Which data set to load for a page with this query string: the `data` parameter when it is acceptable,
/// else `bundled`, with a notice saying why the parameter was not used.
pub fn data_source(query: &str, bundled: &str) -> (String, Option<String>) {
    match query_param(query, "data").map(|v| data_url(&v)) {
        None => (bundled.to_string(), None),
        Some(Ok(url)) => (url, None),
        Some(Err(notice)) => (bundled.to_string(), Some(notice)),
    }
}

/// The value of one query parameter, percent-decoded, from a query string like `?data=a.geojson&x=1`.
pub fn query_param(query: &str, key: &str) -> Option<String> {
    query.trim_start_matches('?').split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (decode(k) == key).then(|| decode(v))
    })
}

fn decode(s: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%' && i + 3 <= bytes.len())
            .then(|| Some(hex(bytes[i + 1])? * 16 + hex(bytes[i + 2])?))
            .flatten();
        match (bytes[i], escaped) {
            (_, Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (b, None) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_accepts_http_and_relative_urls_only() {
        for ok in ["data/other.geojson", "/x/y.csv", "https://example.org/a.geojson", "HTTP://h/a", "a.json?v=1:2"] {
            assert_eq!(data_url(ok).as_deref(), Ok(ok), "{ok}");
        }
        for bad in ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>", "file:///etc/passwd", "", " ", "vbscript:x"] {
            assert!(data_url(bad).is_err(), "{bad}");
        }
        assert!(data_url(&"a".repeat(3000)).is_err());
    }

    #[test]
    fn a_refused_data_parameter_falls_back_with_a_notice() {
        assert_eq!(data_source("", "b.geojson"), ("b.geojson".into(), None));
        assert_eq!(data_source("?data=x.csv", "b.geojson"), ("x.csv".into(), None));
        let (url, notice) = data_source("?data=javascript%3Aalert(1)", "b.geojson");
        assert_eq!(url, "b.geojson");
        assert!(notice.unwrap().contains("javascript:"));
    }

    #[test]
    fn query_params_are_decoded() {
        assert_eq!(query_param("?data=a%2Fb.geojson&x=1", "data").as_deref(), Some("a/b.geojson"));
        assert_eq!(query_param("?x=1&data=https%3A%2F%2Fh%2Fa+b", "data").as_deref(), Some("https://h/a b"));
        assert_eq!(query_param("?x=1", "data"), None);
        assert_eq!(query_param("", "data"), None);
        assert_eq!(query_param("?data=%zz%", "data").as_deref(), Some("%zz%"), "bad escapes stay as they are");
        assert_eq!(query_param("?data=%E2%9C%93", "data").as_deref(), Some("✓"));
    }
}
