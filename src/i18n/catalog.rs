//! The translation files (`locales/<lang>.txt`), read. Plain Rust without dependencies: `build.rs` includes
//! this file to turn the catalogues into code, and the tests read them with it to check that both languages
//! have every key.
//!
//! The format, one message per line:
//!
//! ```text
//! # a comment
//! filters-title = Filters
//! count-shown = {shown} of {total} incidents shown
//! incidents[one] = {n} incident
//! incidents[other] = {n} incidents
//! ```
//!
//! A key is lower-case words joined by `-`; `{name}` is filled in where the text is used; a key followed by a
//! plural category (`zero`, `one`, `two`, `few`, `many`, `other`, as CLDR names them) gives the text for
//! counts of that category, and every plural message has `other`. A text keeps its spaces inside and loses
//! those around it; `\n` is a line break.

/// CLDR's plural categories, in the order the generated code lists a message's forms.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Index of `other` in [`CATEGORIES`].
pub const OTHER: usize = 5;

/// One message: its key and its text, or its texts by plural category (indices into [`CATEGORIES`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub key: String,
    /// `(category, text)`, in file order; a message without categories has one form under `OTHER`.
    pub forms: Vec<(usize, String)>,
    pub plural: bool,
    /// 1-based line of its first form.
    pub line: usize,
}

impl Message {
    /// The `{name}`s its texts use, sorted, without repeats.
    pub fn placeholders(&self) -> Vec<String> {
        let mut names: Vec<String> = self.forms.iter().flat_map(|(_, text)| placeholders(text)).collect();
        names.sort();
        names.dedup();
        names
    }
}

/// The `{name}`s in a text.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else { break };
        out.push(rest[open + 1..open + len].to_string());
        rest = &rest[open + len + 1..];
    }
    out
}

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
        && key.as_bytes()[0].is_ascii_lowercase()
}

/// Reads a catalogue; the first mistake is told with its line.
pub fn parse(text: &str) -> Result<Vec<Message>, String> {
    let mut out: Vec<Message> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let n = n + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((name, value)) = line.split_once('=') else {
            return Err(format!("line {n}: expected `key = text`"));
        };
        let (name, value) = (name.trim(), value.trim().replace("\\n", "\n"));
        if value.is_empty() {
            return Err(format!("line {n}: `{name}` has no text"));
        }
        let (key, category) = match name.split_once('[') {
            Some((key, rest)) => {
                let category = rest.strip_suffix(']').and_then(|c| CATEGORIES.iter().position(|k| *k == c));
                let Some(category) = category else {
                    return Err(format!("line {n}: `{name}`: the plural category must be one of {}", CATEGORIES.join(", ")));
                };
                (key.trim(), Some(category))
            }
            None => (name, None),
        };
        if !valid_key(key) {
            return Err(format!("line {n}: `{key}` is not a key (lower-case words joined by `-`)"));
        }
        match (out.iter_mut().find(|m| m.key == key), category) {
            (Some(m), Some(c)) if m.plural && m.forms.iter().all(|(k, _)| *k != c) => m.forms.push((c, value)),
            (Some(_), _) => return Err(format!("line {n}: `{name}` is given twice")),
            (None, category) => out.push(Message {
                key: key.to_string(),
                forms: vec![(category.unwrap_or(OTHER), value)],
                plural: category.is_some(),
                line: n,
            }),
        }
    }
    if let Some(m) = out.iter().find(|m| m.plural && m.forms.iter().all(|(c, _)| *c != OTHER)) {
        return Err(format!("line {}: `{}` has plural forms but no `[other]`", m.line, m.key));
    }
    Ok(out)
}

/// `count-shown` → `CountShown`: the name of a message in the code.
pub fn variant_name(key: &str) -> String {
    key.split('-')
        .map(|w| {
            let mut cs = w.chars();
            cs.next().map(|c| c.to_ascii_uppercase().to_string() + cs.as_str()).unwrap_or_default()
        })
        .collect()
}
