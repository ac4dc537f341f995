//! Numbers and counts as the page writes them, and text folded for case-insensitive matching. Pure.

/// `12345` → `"12,345"`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `s` cut to its first `max` characters (not bytes), with "…" when cut.
pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((end, _)) => format!("{}…", &s[..end]),
    }
}

/// `s` folded for case-insensitive search and sorting: each letter by [`fold_char`], without the marks
/// [`ignored`] leaves out.
pub fn fold_case(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    folded(s).collect()
}

/// The letters of `s` as search and sorting compare them (what [`fold_case`] collects).
pub fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| !ignored(*c)).map(fold_char)
}

/// Marks that Arabic writing may or may not carry, left out when comparing: tatweel (the stretching stroke
/// ـ), the short vowels and other harakat (َ ُ ِ ً ٌ ٍ ّ ْ), the superscript alef and the Quranic marks.
fn ignored(c: char) -> bool {
    matches!(c, '\u{640}' | '\u{64B}'..='\u{65F}' | '\u{670}' | '\u{610}'..='\u{61A}' | '\u{6D6}'..='\u{6ED}')
}

/// A letter's lower case, by rule for the scripts a reader of this map types or finds in reports: Latin
/// (with Latin-1, Extended-A, the 0200–0233 part of Extended-B and Extended Additional: transliterations like
/// "Ḥ"), Greek, Cyrillic, Armenian and full-width Latin; final sigma folds to σ so a word matches wherever it
/// stands. Arabic has no case, but its variant spellings fold (see the Arabic arm). Written out rather than Rust's Unicode lower-case table
/// (8 KB of the gzipped wasm, README "Size"); the tests check it against `char::to_lowercase` letter by letter.
pub fn fold_char(c: char) -> char {
    let n = c as u32;
    let even_pair = |n: u32| if n % 2 == 0 { n + 1 } else { n };
    let odd_pair = |n: u32| if n % 2 == 1 { n + 1 } else { n };
    let folded = match n {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F | 0xFF21..=0xFF3A => n + 32,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 | 0x200..=0x21F | 0x222..=0x233 | 0x1E00..=0x1E95 | 0x1EA0..=0x1EFF => even_pair(n),
        0x139..=0x148 | 0x179..=0x17E => odd_pair(n),
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F | 0x3D8..=0x3EF => even_pair(n),
        0x4C1..=0x4CE => odd_pair(n),
        0x130 => 0x69,
        0x178 => 0xFF,
        0x1E9E => 0xDF,
        0x386 => 0x3AC,
        0x388..=0x38A => n + 37,
        0x38C => 0x3CC,
        0x38E | 0x38F => n + 63,
        0x3C2 => 0x3C3,
        0x400..=0x40F => n + 80,
        0x4C0 => 0x4CF,
        0x531..=0x556 => n + 48,
        // Arabic has no case; what folds are the spellings a search should not tell apart: alef with hamza
        // above or below, with madda, and alef wasla → alef; hamza on waw → waw, on ya and alef maqsura → ya;
        // ta marbuta → ha; Persian ya and kaf (typed on Persian keyboards) → Arabic ya and kaf; Arabic-Indic
        // and Eastern Arabic-Indic digits → 0–9.
        0x622 | 0x623 | 0x625 | 0x671 | 0x672 | 0x673 => 0x627,
        0x624 => 0x648,
        0x626 | 0x649 | 0x6CC => 0x64A,
        0x629 => 0x647,
        0x6A9 => 0x643,
        0x660..=0x669 => n - 0x660 + 0x30,
        0x6F0..=0x6F9 => n - 0x6F0 + 0x30,
        _ => n,
    };
    char::from_u32(folded).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn shortens_by_characters() {
        assert_eq!(shorten(&"ب".repeat(61), 60), format!("{}…", "ب".repeat(60)));
        assert_eq!(shorten("short", 60), "short");
    }
    #[test]
    fn folds_case_like_the_unicode_table_where_it_has_rules() {
        // Where a rule applies, it gives what Rust's Unicode table gives (one letter for one); everywhere else
        // the letter is left as it is. Final sigma and dotted capital I are the two folds on purpose.
        let mut covered = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let ours = fold_char(c);
            let mut std = c.to_lowercase();
            let single = (std.len() == 1).then(|| std.next().unwrap());
            match (c, single) {
                ('ς', _) => assert_eq!(ours, 'σ'),
                ('İ', _) => assert_eq!(ours, 'i'),
                (_, Some(lower)) if ours != c && !('\u{600}'..='\u{6FF}').contains(&c) => {
                    assert_eq!(ours, lower, "{c:?} U+{:04X}", c as u32);
                    covered += 1;
                }
                _ => {}
            }
        }
        // Every capital of Latin-1, Latin Extended-A, Greek, Cyrillic and Armenian is covered.
        for c in ('\u{C0}'..='\u{17F}').chain('\u{370}'..='\u{3FF}').chain('\u{400}'..='\u{52F}').chain('\u{531}'..='\u{556}') {
            if c.is_uppercase() && !matches!(c, 'ϒ' | 'ϓ' | 'ϔ' | 'Ϗ' | 'Ϳ' | 'Ͱ'..='Ͳ' | 'Ͷ' | 'ϴ' | 'Ϸ' | 'Ϲ' | 'Ϻ' | 'Ͻ'..='Ͽ') {
                assert_ne!(fold_char(c), c, "{c:?} U+{:04X} has no rule", c as u32);
            }
        }
        assert!(covered >= 500, "{covered}");
    }

    #[test]
    fn folds_words_for_search() {
        assert_eq!(fold_case("Ain AL-Asad"), "ain al-asad");
        assert_eq!(fold_case("ḤARRĀN Ünal ΟΔΟΣ Дамаск"), "ḥarrān ünal οδοσ дамаск");
        assert_eq!(fold_case("οδος"), fold_case("ΟΔΟΣ"));
        assert_eq!(fold_case("مطار بغداد"), "مطار بغداد");
    }

    #[test]
    fn folds_arabic_spellings_and_marks_for_search() {
        // Alef with hamza, madda or wasla; tatweel; harakat; hamza seats; alef maqsura; ta marbuta.
        assert_eq!(fold_case("عين الأسد"), fold_case("عين الاسد"));
        assert_eq!(fold_case("إطلاق"), fold_case("اطلاق"));
        assert_eq!(fold_case("آذار"), fold_case("اذار"));
        assert_eq!(fold_case("قاعـــدة"), fold_case("قاعدة"));
        assert_eq!(fold_case("صَارُوخ"), fold_case("صاروخ"));
        assert_eq!(fold_case("مسؤول"), fold_case("مسوول"));
        assert_eq!(fold_case("هيئة"), fold_case("هييه"));
        assert_eq!(fold_case("مستشفى"), fold_case("مستشفي"));
        assert_eq!(fold_case("ی"), fold_case("ي"));
        assert_eq!(fold_case("٢٠٢٤"), "2024");
        assert_eq!(fold_case("۲۰۲۴"), "2024");
        // Letters that are different letters stay apart.
        assert_ne!(fold_case("سد"), fold_case("صد"));
        assert!(ignored('\u{640}') && ignored('\u{64E}') && !ignored('ا') && !ignored('ء'));
    }
}
