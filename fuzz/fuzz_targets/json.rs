//! JSON records: any text as a whole file, as the records of a list, or as the records of an API answer
//! (`{"data": [...]}`). Besides the invariants of `check`: reading a few records at a time gives the same data
//! set as reading them at once.
#![no_main]

use incident_map::parse::{parse_named, Parser};
use incident_map_fuzz::{check, take_byte};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (choice, rest) = take_byte(data);
    let body = String::from_utf8_lossy(rest);
    let text = match choice % 3 {
        0 => body.into_owned(),
        1 => format!("[{body}]"),
        _ => format!(r#"{{"status":200,"data":[{body}]}}"#),
    };
    let whole = parse_named(&text, "x.json", None);
    check(&whole, &text);
    let Ok(d) = &whole else { return };
    if let Ok(mut p) = Parser::new(&text, "x.json", None) {
        let step = usize::from(choice / 3).max(1);
        while !p.step(step) {}
        assert_eq!(&p.finish(), d, "read in steps of {step}");
    }
});
