//! `FileOpener`: open a local data file with the file picker or by dropping it on the page. The file is read
//! in the browser and never uploaded.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::{megabytes, DataSource, MAX_FILE_BYTES};
use crate::i18n::{Locale, Msg};
use crate::tr;

/// Why a file is not opened, in the reader's language.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Refusal {
    /// Larger than `MAX_FILE_BYTES`: this many bytes.
    TooLarge(f64),
    /// Not text the browser can read.
    Unreadable,
}

impl Refusal {
    /// "big.csv is 300 MB; files up to 200 MB can be opened".
    pub fn message(self, loc: Locale, name: &str) -> String {
        let name = loc.isolate(name);
        match self {
            Refusal::TooLarge(bytes) => {
                tr!(loc, Msg::LoadingFileTooLarge, name = name, size = megabytes(loc, bytes), max = megabytes(loc, MAX_FILE_BYTES))
            }
            Refusal::Unreadable => tr!(loc, Msg::LoadingFileUnreadable, name = name),
        }
    }
}

/// Reads `file` and hands it on as a data source, or says why not in the reader's language (from the context of
/// the component or page whose event calls it).
pub fn read_file(file: web_sys::File, on_source: Callback<DataSource>, on_refused: Callback<String>) {
    let loc = crate::i18n::use_locale();
    let name = file.name();
    if file.size() > MAX_FILE_BYTES {
        on_refused.run(Refusal::TooLarge(file.size()).message(loc, &name));
        return;
    }
    leptos::task::spawn_local(async move {
        match JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()) {
            Some(text) => on_source.run(DataSource::File { name, content_type: file.type_(), text: Arc::new(text) }),
            None => on_refused.run(Refusal::Unreadable.message(loc, &name)),
        }
    });
}

/// The first file of a drop, if any.
pub fn dropped_file(ev: &web_sys::DragEvent) -> Option<web_sys::File> {
    ev.data_transfer()?.files()?.get(0)
}

#[component]
pub fn FileOpener(#[prop(into)] on_source: Callback<DataSource>, #[prop(into)] on_refused: Callback<String>) -> impl IntoView {
    let loc = crate::i18n::use_locale();
    let on_change = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            read_file(file, on_source, on_refused);
        }
        input.set_value("");
    };
    view! {
        <label class="open-file">
            {loc.t(Msg::LoadingOpenFile)}
            <input type="file" accept=".geojson,.json,.csv,.tsv,.txt,application/geo+json,application/json,text/csv,text/tab-separated-values" on:change=on_change />
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Digits, Lang};

    #[test]
    fn refusals_name_the_file_and_the_limit() {
        let big = Refusal::TooLarge(300.0 * 1_048_576.0);
        assert_eq!(big.message(Locale::EN, "big.csv"), "big.csv is 300 MB; files up to 200 MB can be opened");
        assert_eq!(Refusal::Unreadable.message(Locale::EN, "x.bin"), "x.bin could not be read as text");
        let arabic = Locale::new(Lang::Ar, Digits::Arabic);
        assert_eq!(big.message(arabic, "big.csv"), "\u{2068}big.csv\u{2069}: حجمه ٣٠٠ ميغابايت، والحد الأقصى للملفات ٢٠٠ ميغابايت");
        let ar = Locale::new(Lang::Ar, Digits::Western);
        assert_eq!(Refusal::Unreadable.message(ar, "x.bin"), "تعذّرت قراءة \u{2068}x.bin\u{2069} نصّاً");
        assert_eq!(ar.t(Msg::LoadingOpenFile), "فتح ملف بيانات…");
    }
}
