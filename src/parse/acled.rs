//! ACLED's export layout → the schema's properties. ACLED codes each event with a date and its precision, a
//! place and its precision, actors, the sources, fatalities and a note; the weapon is not a column, so it is
//! read from the sub-event type and the note, and left `unknown` when they don't settle it.

use serde_json::{json, Map, Value};

use crate::model::{Kind, Weapon};

/// Columns read into the schema, or that repeat what is (`year`, `iso`, `timestamp`); the others are kept as
/// extra fields under their ACLED names.
const MAPPED: [&str; 16] = [
    "event_id_cnty", "event_date", "year", "time_precision", "actor1", "assoc_actor_1", "iso", "country",
    "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "timestamp",
];

/// Whether columns (normalised names) are ACLED's: the event id, date and coordinates are enough, since
/// exports differ in the other columns over the years.
pub fn is_acled<S: AsRef<str>>(columns: impl IntoIterator<Item = S>) -> bool {
    let columns: Vec<S> = columns.into_iter().collect();
    ["event_id_cnty", "event_date", "latitude", "longitude"].iter().all(|c| columns.iter().any(|h| h.as_ref() == *c))
}

/// One ACLED record (normalised column names, values as text) → the schema's properties (see `docs/data.md`).
pub fn to_properties(rec: Map<String, Value>) -> Map<String, Value> {
    // API answers give some numbers as numbers, exports give everything as text.
    let text = |k: &str| match rec.get(k) {
        Some(Value::String(s)) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let mut p = Map::new();
    let mut put = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            p.insert(k.to_string(), v);
        }
    };
    put("id", text("event_id_cnty").map(Value::from));
    put("date", text("event_date").map(Value::from));
    // 1: the day is known; 2: within a week (ACLED gives a day of it); 3: only the month (ACLED gives a day of it).
    let time_precision = text("time_precision");
    put("date_precision", time_precision.as_deref().map(|t| if t == "3" { "month" } else { "day" }.into()));
    put("lat", text("latitude").map(Value::from));
    put("lon", text("longitude").map(Value::from));
    // 1: the town itself; 2: near it or a part of a region; 3: only the region is known.
    let geo = text("geo_precision").and_then(|g| match g.as_str() {
        "1" => Some("exact"),
        "2" => Some("approximate"),
        "3" => Some("region"),
        _ => None,
    });
    put("location_precision", geo.map(Value::from));
    put("site", text("location").map(Value::from));
    put("country", text("country").map(Value::from));
    let notes = text("notes").unwrap_or_default();
    let (weapon, detail) = infer_weapon(&text("sub_event_type").unwrap_or_default(), &notes);
    put("weapon", Some(weapon.as_str().into()));
    put("weapon_detail", detail.map(Value::from));
    let actor = text("actor1").unwrap_or_default();
    put("kind", Some(infer_kind(&actor).as_str().into()));
    let attributed: Vec<String> = [text("actor1"), text("assoc_actor_1")].into_iter().flatten().collect();
    put("attributed_to", (!attributed.is_empty()).then(|| attributed.join("; ").into()));
    put("killed", text("fatalities").map(Value::from));
    put("summary", (!notes.is_empty()).then(|| notes.clone().into()));

    let mut sources: Vec<Value> = text("source")
        .unwrap_or_default()
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|outlet| json!({ "outlet": outlet }))
        .collect();
    let mut acled = json!({ "outlet": "ACLED" });
    if let Some(id) = text("event_id_cnty") {
        acled["title"] = format!("Event {id}").into();
    }
    if let Some(updated) = text("timestamp").and_then(|t| t.parse::<i64>().ok()).and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok()) {
        let d = updated.date();
        acled["published"] = format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()).into();
    }
    sources.push(acled);
    put("sources", Some(Value::Array(sources)));
    if time_precision.as_deref() == Some("2") {
        put("time_precision", Some("2 — ACLED: some day in the week around this date".into()));
    }
    for (k, v) in rec {
        if !MAPPED.contains(&k.as_str()) && !p.contains_key(&k) {
            p.insert(k, v);
        }
    }
    p
}

/// An event by US or coalition forces is a strike; anything else an attack (the schema's default).
fn infer_kind(actor1: &str) -> Kind {
    let a = actor1.to_ascii_lowercase();
    let coalition = ["military forces of the united states", "coalition", "nato", "cjtf"];
    if coalition.iter().any(|c| a.contains(c)) {
        Kind::Strike
    } else {
        Kind::Attack
    }
}

/// Words that name a weapon (matched as whole words, plurals included), with the weapon they name.
const WORDS: [(&str, Weapon); 26] = [
    ("rpg", Weapon::Rpg),
    ("rocket-propelled grenade", Weapon::Rpg),
    ("rocket propelled grenade", Weapon::Rpg),
    ("drone", Weapon::Drone),
    ("uav", Weapon::Drone),
    ("unmanned aerial", Weapon::Drone),
    ("quadcopter", Weapon::Drone),
    ("rocket", Weapon::Rocket),
    ("katyusha", Weapon::Rocket),
    ("grad", Weapon::Rocket),
    ("mlrs", Weapon::Rocket),
    ("mortar", Weapon::Mortar),
    ("ied", Weapon::Ied),
    ("improvised explosive", Weapon::Ied),
    ("explosive device", Weapon::Ied),
    ("roadside bomb", Weapon::Ied),
    ("landmine", Weapon::Ied),
    ("sticky bomb", Weapon::Ied),
    ("missile", Weapon::Missile),
    ("airstrike", Weapon::Airstrike),
    ("air strike", Weapon::Airstrike),
    ("air raid", Weapon::Airstrike),
    ("warplane", Weapon::Airstrike),
    ("fighter jet", Weapon::Airstrike),
    ("aircraft", Weapon::Airstrike),
    ("helicopter", Weapon::Airstrike),
];

/// Specific weapons worth naming in `weapon_detail`.
const DETAILS: [(&str, &str); 8] = [
    ("katyusha", "Katyusha"),
    ("grad", "Grad"),
    ("107mm", "107 mm"),
    ("107 mm", "107 mm"),
    ("122mm", "122 mm"),
    ("122 mm", "122 mm"),
    ("shahed", "Shahed"),
    ("ballistic missile", "ballistic missile"),
];

/// The weapon of an event, from ACLED's sub-event type and the note: the weapon the note names, or among
/// several it names the one the sub-event type allows; `Unknown` when neither settles it. The second value
/// names specific weapons (Katyusha, Grad, 122 mm…) or, when unsure, what was mentioned.
pub fn infer_weapon(sub_event_type: &str, notes: &str) -> (Weapon, Option<String>) {
    let text = notes.to_ascii_lowercase();
    let mut named: Vec<Weapon> = Vec::new();
    let mut rest = text.clone();
    for (word, weapon) in WORDS {
        if mentions(&rest, word) {
            if !named.contains(&weapon) {
                named.push(weapon);
            }
            // "rocket-propelled grenade" must not also count as a rocket.
            rest = rest.replace(word, " ");
        }
    }
    let allowed: &[Weapon] = match sub_event_type.trim().to_ascii_lowercase().as_str() {
        "air/drone strike" => &[Weapon::Drone, Weapon::Airstrike, Weapon::Missile],
        "shelling/artillery/missile attack" => &[Weapon::Rocket, Weapon::Mortar, Weapon::Missile],
        "remote explosive/landmine/ied" => &[Weapon::Ied, Weapon::Drone],
        "grenade" => &[Weapon::Rpg],
        _ => &[],
    };
    let fitting: Vec<Weapon> = named.iter().copied().filter(|w| allowed.contains(w)).collect();
    let weapon = match (named.as_slice(), fitting.as_slice()) {
        ([one], _) => *one,
        (_, [one]) => *one,
        ([], _) if sub_event_type.trim().eq_ignore_ascii_case("remote explosive/landmine/ied") => Weapon::Ied,
        _ => Weapon::Unknown,
    };
    let mut details: Vec<&str> = Vec::new();
    for (word, label) in DETAILS {
        if mentions(&text, word) && !details.contains(&label) {
            details.push(label);
        }
    }
    let others: Vec<&str> = named.iter().filter(|w| **w != weapon).map(|w| w.as_str()).collect();
    let detail = if weapon == Weapon::Unknown && named.len() > 1 {
        Some(format!("unclear: the report mentions {}", others.join(", ")))
    } else {
        let mut parts: Vec<String> = (!details.is_empty()).then(|| details.join(", ")).into_iter().collect();
        if !others.is_empty() {
            parts.push(format!("the report also mentions {}", others.join(", ")));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    };
    (weapon, detail)
}

/// Whether `text` (lower case) has `word` as a whole word, also in the plural.
fn mentions(text: &str, word: &str) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = &text[at + word.len()..];
        let after = after.strip_prefix("es").filter(|_| word.ends_with('s')).or_else(|| after.strip_prefix('s')).unwrap_or(after);
        !is_word(before) && !is_word(after.chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weapon_comes_from_the_note_and_the_sub_event_type() {
        let cases = [
            ("Shelling/artillery/missile attack", "three Katyusha rockets landed near the US embassy", Weapon::Rocket, Some("Katyusha")),
            ("Air/drone strike", "an explosive-laden drone targeted Ain al-Asad base", Weapon::Drone, None),
            ("Shelling/artillery/missile attack", "two mortar shells fell in Balad", Weapon::Mortar, None),
            ("Attack", "gunmen fired an RPG at a convoy", Weapon::Rpg, None),
            ("Attack", "a rocket-propelled grenade hit a truck", Weapon::Rpg, None),
            ("Remote explosive/landmine/IED", "an IED exploded as a logistics convoy passed", Weapon::Ied, None),
            ("Remote explosive/landmine/IED", "a device exploded on the road", Weapon::Ied, None),
            ("Shelling/artillery/missile attack", "Grad rockets (122mm) hit the airport", Weapon::Rocket, Some("Grad, 122 mm")),
            ("Air/drone strike", "US warplanes struck two sites", Weapon::Airstrike, None),
            ("Shelling/artillery/missile attack", "a drone and two rockets targeted the base", Weapon::Rocket, Some("the report also mentions drone")),
            ("Shelling/artillery/missile attack", "an attack on the base", Weapon::Unknown, None),
            ("Air/drone strike", "an unidentified strike", Weapon::Unknown, None),
            ("Attack", "the upgrade of Stalingrad street", Weapon::Unknown, None),
        ];
        for (sub, note, weapon, detail) in cases {
            let (w, d) = infer_weapon(sub, note);
            assert_eq!(w, weapon, "{note}");
            if weapon != Weapon::Unknown {
                assert_eq!(d.as_deref(), detail, "{note}");
            }
        }
        let (w, d) = infer_weapon("Attack", "a drone and two rockets targeted the base");
        assert_eq!(w, Weapon::Unknown, "several weapons and a sub-event type that does not choose");
        assert_eq!(d.as_deref(), Some("unclear: the report mentions drone, rocket"));
    }

    #[test]
    fn strikes_are_events_by_us_or_coalition_forces() {
        assert_eq!(infer_kind("Military Forces of the United States (2021-)"), Kind::Strike);
        assert_eq!(infer_kind("Unidentified Armed Group (Iraq)"), Kind::Attack);
    }

/// The columns of ACLED's export, in its order.
    const COLUMNS: [&str; 31] = [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
        "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
        "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    ];

    #[test]
    fn recognises_acled_columns() {
        assert!(is_acled(COLUMNS));
        assert!(!is_acled(["date", "latitude", "longitude"]));
    }
}
