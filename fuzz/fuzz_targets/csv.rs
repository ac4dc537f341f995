//! CSV: any bytes, read as a whole text (after UTF-8 repair) and as a download whose pieces end at points the
//! fuzzer chooses, with its length announced truly, not at all, or wrongly. Both must give the same data set
//! (or the same error), and it must pass `check`.
#![no_main]

use incident_map::parse::{parse_named, starts_csv};
use incident_map_fuzz::{check, streamed, take_byte};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte: how many cuts (low 3 bits) and the announced length (next 2 bits); then two bytes per cut.
    let (choice, rest) = take_byte(data);
    let n = usize::from(choice & 7);
    let (cut_bytes, bytes) = rest.split_at((2 * n).min(rest.len()));
    let mut cuts: Vec<usize> =
        cut_bytes.chunks(2).map(|c| usize::from(u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)])) % (bytes.len() + 1)).collect();
    cuts.sort_unstable();
    let length = match (choice >> 3) & 3 {
        0 => Some(bytes.len() as u64),
        1 => None,
        2 => Some(bytes.len() as u64 / 3),
        _ => Some(u64::MAX),
    };
    let text = String::from_utf8_lossy(bytes);
    let whole = parse_named(&text, "x.csv", None);
    check(&whole, &text);
    // The page streams a download when its first bytes say CSV; then it must read as the whole text does.
    if starts_csv(bytes, "x.csv", None) == Some(true) {
        assert_eq!(streamed(bytes, &cuts, length), whole, "cuts {cuts:?}, length {length:?}");
    }
});
