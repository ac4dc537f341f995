//! ACLED: any bytes after the header of ACLED's export (so every row goes through the ACLED mapping), read
//! whole and streamed with one cut; or any text as the records after a first ACLED record of an API answer.
#![no_main]

use incident_map::parse::{parse_named, Format};
use incident_map_fuzz::{check, streamed, take_byte};
use libfuzzer_sys::fuzz_target;

/// The columns of ACLED's export, in its order.
const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,\
assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,\
admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n";

/// The first record of an API answer, which makes the others read as ACLED's.
const FIRST: &str = r#"{"event_id_cnty":"IRQ0","event_date":"2023-10-18","latitude":"33.8","longitude":"42.4","sub_event_type":"Air/drone strike"}"#;

fuzz_target!(|data: &[u8]| {
    let (choice, rest) = take_byte(data);
    let body = String::from_utf8_lossy(rest);
    if choice & 1 == 0 {
        let text = format!("{HEADER}{body}");
        let whole = parse_named(&text, "x.csv", None);
        check(&whole, &text);
        assert_eq!(whole.as_ref().map(|d| d.format), Ok(Format::AcledCsv));
        let bytes = [HEADER.as_bytes(), rest].concat();
        let cut = HEADER.len() / 2 + usize::from(choice >> 1) * 4;
        assert_eq!(streamed(&bytes, &[cut], Some(bytes.len() as u64)), whole, "cut at {cut}");
    } else {
        let text = format!(r#"{{"data":[{FIRST},{body}]}}"#);
        let whole = parse_named(&text, "x.json", None);
        check(&whole, &text);
        if let Ok(d) = &whole {
            assert_eq!(d.format, Format::AcledJson);
        }
    }
});
