//! `IncidentDetail`: everything known about one incident. Text from the data is only ever text; links are
//! rendered only for http(s) URLs (checked when parsing) and open with `noopener noreferrer`.
//!
//! The labels are in the reader's language; what the data says (names, summaries, sources) is shown as given,
//! each piece in its own direction (`<bdi>`, `dir="auto"`), so that a Latin name keeps its order inside an
//! Arabic sentence and an Arabic one inside an English sentence. The texts are built as [`Piece`]s by plain
//! functions, tested on the host.

use leptos::prelude::*;

use crate::i18n::{use_locale, Locale, Msg};
use crate::list::{casualty_text, date_text};
use crate::model::{DatePrecision, Incident, LocationPrecision, Source};
use crate::tr;

/// A part of a text: written by the page (in the reader's language), or data, shown as given in its own
/// direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Data(String),
}

/// `text` (a message with its page-written values already filled in) with its `{name}`s given in `data` as
/// data pieces; other `{…}` stay as written.
pub fn with_data(text: &str, data: &[(&str, &str)]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        literal.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let named = after.find('}').and_then(|close| Some((data.iter().find(|(k, _)| *k == &after[..close])?.1, close)));
        match named {
            Some((value, close)) => {
                if !literal.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut literal)));
                }
                out.push(Piece::Data(value.to_string()));
                rest = &after[close + 1..];
            }
            None => {
                literal.push('{');
                rest = after;
            }
        }
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        out.push(Piece::Text(literal));
    }
    out
}

/// The pieces as one plain text.
#[cfg(test)]
pub fn plain(pieces: &[Piece]) -> String {
    pieces.iter().map(|p| match p {
        Piece::Text(t) | Piece::Data(t) => t.as_str(),
    }).collect()
}

/// Data items joined by `sep`: `a · b`, `Iraq, Syria`.
fn joined(items: impl IntoIterator<Item = String>, sep: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    for item in items {
        if !out.is_empty() {
            out.push(Piece::Text(sep.to_string()));
        }
        out.push(Piece::Data(item));
    }
    out
}

/// The page's text as it is; data in `<bdi>`, in its own direction within the line.
fn pieces_view(pieces: Vec<Piece>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => t.into_any(),
            Piece::Data(d) => view! { <bdi>{d}</bdi> }.into_any(),
        })
        .collect_view()
}

/// "E02 · attack · confirmed": the id (data), the kind and the status.
pub fn kicker(loc: Locale, i: &Incident) -> Vec<Piece> {
    vec![
        Piece::Data(i.id.clone()),
        Piece::Text(format!(" · {} · {}", loc.kind(i.kind), loc.status(i.status))),
    ]
}

/// "2021-12-19 at 14:30 local time", "2021-12-19", "2021-12 (known to the month)"; Arabic names the month.
pub fn date_line(loc: Locale, i: &Incident) -> String {
    let date = date_text(loc, i.date);
    match (&i.time, i.date.precision()) {
        // A time as the data writes it ("14:30") follows the reader's digits; anything else is data, as given.
        (Some(t), _) if t.chars().all(|c| c.is_ascii_digit() || c == ':') => {
            tr!(loc, Msg::DetailAtTime, date = date, time = loc.localise_digits(t))
        }
        (Some(t), _) => tr!(loc, Msg::DetailAtTime, date = date, time = t),
        (None, DatePrecision::Day) => date,
        (None, p) => tr!(loc, Msg::DetailKnownTo, date = date, precision = loc.date_precision(p)),
    }
}

/// "Ain al-Asad — exact location", "unknown place — region location".
pub fn place_line(loc: Locale, i: &Incident, name: Option<&str>) -> Vec<Piece> {
    let precision = loc.t(match i.location_precision {
        LocationPrecision::Exact => Msg::DetailLocationExact,
        LocationPrecision::Approximate => Msg::DetailLocationApproximate,
        LocationPrecision::Region => Msg::DetailLocationRegion,
    });
    let site = match name.or(i.site.as_deref()) {
        Some(site) => Piece::Data(site.to_string()),
        None => Piece::Text(loc.t(Msg::DetailUnknownPlace).to_string()),
    };
    vec![site, Piece::Text(format!(" — {precision}"))]
}

/// "Rocket — Katyusha": the weapon, and the data's detail of it.
pub fn weapon_line(loc: Locale, i: &Incident) -> Vec<Piece> {
    let mut out = vec![Piece::Text(loc.weapon(i.weapon).to_string())];
    if let Some(d) = &i.weapon_detail {
        out.push(Piece::Text(" — ".into()));
        out.push(Piece::Data(d.to_string()));
    }
    out
}

/// "31 launched · 8 intercepted by C-RAM · 3 impacts", the numbers known.
pub fn count_line(loc: Locale, i: &Incident) -> Option<Vec<Piece>> {
    let n = |n: u32| loc.number(n as usize);
    let mut parts: Vec<Vec<Piece>> = Vec::new();
    if let Some(l) = i.launched {
        parts.push(vec![Piece::Text(tr!(loc, Msg::DetailLaunched, n = n(l)))]);
    }
    if let Some(x) = i.intercepted {
        parts.push(match &i.intercepted_by {
            Some(by) => with_data(&tr!(loc, Msg::DetailInterceptedBy, n = n(x)), &[("by", by)]),
            None => vec![Piece::Text(tr!(loc, Msg::DetailIntercepted, n = n(x)))],
        });
    }
    if let Some(m) = i.impacts {
        parts.push(vec![Piece::Text(tr!(loc, Msg::DetailImpacts, n = n(m)))]);
    }
    (!parts.is_empty()).then(|| parts.join(&Piece::Text(" · ".into())))
}

/// Under a source's title: its outlet and date; under an outlet standing in for a missing title: the date
/// alone. All data.
pub fn source_meta(s: &Source) -> Option<Vec<Piece>> {
    match (&s.title, &s.published) {
        (Some(_), Some(p)) => Some(joined([s.outlet.clone(), p.clone()], " · ")),
        (Some(_), None) => Some(vec![Piece::Data(s.outlet.clone())]),
        (None, p) => p.clone().map(|p| vec![Piece::Data(p)]),
    }
}

/// One labelled fact, left out when unknown.
fn fact(label: &'static str, value: Option<Vec<Piece>>) -> impl IntoView {
    value.map(|v| {
        view! {
            <dt>{label}</dt>
            <dd>{pieces_view(v)}</dd>
        }
    })
}

/// A fact that is data as a whole.
fn data(value: Option<impl ToString>) -> Option<Vec<Piece>> {
    value.map(|v| vec![Piece::Data(v.to_string())])
}

fn source_item(s: Source) -> impl IntoView {
    let title = s.title.clone().unwrap_or_else(|| s.outlet.clone());
    let heading = match s.link() {
        Some(url) => view! { <a href=url.to_string() target="_blank" rel="noopener noreferrer" dir="auto">{title}</a> }.into_any(),
        None => view! { <span dir="auto">{title}</span> }.into_any(),
    };
    // An address that is not an http(s) link is shown as it is, as text.
    let address = s.url.clone().filter(|_| s.link().is_none());
    view! {
        <li>
            {heading}
            {source_meta(&s).map(|m| view! { <div class="meta">{pieces_view(m)}</div> })}
            {address.map(|a| view! { <div class="meta address" dir="auto">{a}</div> })}
        </li>
    }
}

#[component]
pub fn IncidentDetail(incident: Incident, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let loc = use_locale();
    let i = incident;
    let countries = (!i.countries.is_empty())
        .then(|| joined(i.countries.iter().map(|c| loc.country(c).to_string()), &format!("{} ", loc.t(Msg::ListComma))));
    // The gazetteer's name in the reader's language, once it has arrived (it may come after the data).
    let site_id = StoredValue::new(i.site_key().map(str::to_string));
    let site_name = move || site_id.with_value(|id| crate::app::site_name_in(loc, id.as_deref()));
    let heading = i.site.as_deref().unwrap_or(&i.id).to_string();
    let place = i.clone();
    let casualties = casualty_text(loc, i.killed.map(u64::from), i.wounded.map(u64::from)).map(|c| vec![Piece::Text(c)]);
    let sources = i.sources.clone();
    let reports = i.reports.clone();
    let extra = i.extra.clone();
    view! {
        <aside class="detail" aria-labelledby="detail-title" data-id=i.id.clone()>
            <button class="close" aria-label=loc.t(Msg::DetailClose) on:click=move |_| on_close.run(())>"×"</button>
            <p class="kicker">{pieces_view(kicker(loc, &i))}</p>
            <h2 id="detail-title"><bdi>{move || site_name().unwrap_or_else(|| heading.clone())}</bdi></h2>
            <p class="summary" dir="auto">{i.summary_in(loc.lang).map(str::to_string)}</p>
            <dl>
                {fact(loc.t(Msg::DetailDate), Some(vec![Piece::Text(date_line(loc, &i))]))}
                {move || fact(loc.t(Msg::DetailPlace), Some(place_line(loc, &place, site_name().as_deref())))}
                {fact(loc.t(Msg::DetailCountry), countries)}
                {fact(loc.t(Msg::DetailWeapon), Some(weapon_line(loc, &i)))}
                {fact(loc.t(Msg::DetailCounts), count_line(loc, &i))}
                {fact(loc.t(Msg::DetailCasualties), casualties)}
                {fact(loc.t(Msg::DetailCasualtyDetail), data(i.casualty_detail.as_ref()))}
                {fact(loc.t(Msg::DetailDamage), data(i.damage.as_ref()))}
                {fact(loc.t(Msg::DetailClaimedBy), data(i.claimed_by.as_ref()))}
                {fact(loc.t(Msg::DetailAttributedTo), data(i.attributed_to.as_ref()))}
            </dl>
            {(!reports.is_empty()).then(|| view! {
                <h3>{loc.t(Msg::DetailAccounts)}</h3>
                <ul class="reports">
                    <li class="ours">
                        <strong>{loc.t(Msg::DetailThisDataSet)}</strong>
                        {match i.summary_in(loc.lang) {
                            Some(s) => view! { <p dir="auto">{s.to_string()}</p> }.into_any(),
                            None => view! { <p>{loc.t(Msg::DetailNoSummary)}</p> }.into_any(),
                        }}
                    </li>
                    {reports.into_iter().map(|r| view! { <li><strong dir="auto">{r.source}</strong><p dir="auto">{r.says}</p></li> }).collect_view()}
                </ul>
            })}
            <h3>{loc.t(Msg::DetailSources)}</h3>
            {if sources.is_empty() {
                view! { <p class="none">{loc.t(Msg::DetailNoSources)}</p> }.into_any()
            } else {
                view! { <ul class="sources">{sources.into_iter().map(source_item).collect_view()}</ul> }.into_any()
            }}
            {(!extra.is_empty()).then(|| view! {
                <h3>{loc.t(Msg::DetailOtherFields)}</h3>
                <dl class="extra">
                    {extra.into_iter().map(|(k, v)| view! { <dt dir="auto">{k}</dt><dd dir="auto">{v}</dd> }).collect_view()}
                </dl>
            })}
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Digits, Lang};
    use crate::parse::test_incidents as incidents;

    const EN: Locale = Locale::EN;

    fn ar(digits: Digits) -> Locale {
        Locale::new(Lang::Ar, digits)
    }

    fn one(props: &str) -> Incident {
        incidents(&[props]).remove(0)
    }

    #[test]
    fn data_in_a_sentence_is_a_piece_of_its_own() {
        assert_eq!(
            with_data("8 intercepted by {by}", &[("by", "C-RAM")]),
            [Piece::Text("8 intercepted by ".into()), Piece::Data("C-RAM".into())]
        );
        assert_eq!(
            with_data("اعتُرض 8 بواسطة {by} {x}", &[("by", "{x}")]),
            [Piece::Text("اعتُرض 8 بواسطة ".into()), Piece::Data("{x}".into()), Piece::Text(" {x}".into())],
            "data is never read for names; names not given stay as written"
        );
        assert_eq!(with_data("{a}{a}", &[("a", "x")]), [Piece::Data("x".into()), Piece::Data("x".into())]);
        assert_eq!(with_data("no names {", &[("a", "x")]), [Piece::Text("no names {".into())]);
        assert_eq!(plain(&joined(["Iraq".into(), "Syria".into()], ", ")), "Iraq, Syria");
    }

    #[test]
    fn the_facts_read_as_before_in_english() {
        let i = one(r#""date":"2021-12-19","time":"14:30","site":"Ain al-Asad","weapon":"rocket","weapon_detail":"Katyusha","launched":31,"intercepted":8,"intercepted_by":"C-RAM","impacts":3,"status":"confirmed""#);
        assert_eq!(plain(&kicker(EN, &i)), "i0 · Attack · confirmed");
        assert_eq!(date_line(EN, &i), "2021-12-19 at 14:30 local time");
        assert_eq!(plain(&place_line(EN, &i, None)), "Ain al-Asad — exact location");
        assert_eq!(plain(&weapon_line(EN, &i)), "Rocket — Katyusha");
        let counts = count_line(EN, &i).unwrap();
        assert_eq!(plain(&counts), "31 launched · 8 intercepted by C-RAM · 3 impacts");
        assert!(counts.contains(&Piece::Data("C-RAM".into())), "the interceptor is data");
        let month = one(r#""date":"2020-03","weapon":"drone""#);
        assert_eq!(date_line(EN, &month), "2020-03 (known to the month)");
        assert_eq!(plain(&place_line(EN, &month, None)).split(" — ").next(), Some("unknown place"));
        assert_eq!(count_line(EN, &month), None);
        assert_eq!(date_line(EN, &one(r#""date":"2020-03-01""#)), "2020-03-01");
    }

    #[test]
    fn the_facts_read_in_arabic_with_the_data_as_given() {
        let i = one(r#""date":"2021-12-19","time":"14:30","site":"Ain al-Asad","weapon":"rocket","weapon_detail":"Katyusha","launched":1200,"intercepted":8,"intercepted_by":"C-RAM","status":"confirmed""#);
        let a = ar(Digits::Western);
        assert_eq!(plain(&kicker(a, &i)), "i0 · هجوم · مؤكَّد");
        assert_eq!(date_line(a, &i), "19 كانون الأول 2021، الساعة 14:30 بالتوقيت المحلي");
        assert_eq!(place_line(a, &i, None)[0], Piece::Data("Ain al-Asad".into()));
        assert_eq!(plain(&weapon_line(a, &i)), "صاروخ — Katyusha");
        assert_eq!(plain(&count_line(a, &i).unwrap()), "أُطلق 1,200 · اعتُرض 8 بواسطة C-RAM");
        let year = one(r#""date":"2019","weapon":"mortar","impacts":2"#);
        assert_eq!(date_line(a, &year), "2019 (لا يُعرف أدق من السنة)");
        assert_eq!(plain(&place_line(a, &year, None)), "مكان غير معروف — موقع دقيق");

        let d = ar(Digits::Arabic);
        assert_eq!(date_line(d, &i), "١٩ كانون الأول ٢٠٢١، الساعة ١٤:٣٠ بالتوقيت المحلي");
        assert_eq!(plain(&count_line(d, &i).unwrap()), "أُطلق ١٬٢٠٠ · اعتُرض ٨ بواسطة C-RAM");
        assert_eq!(plain(&count_line(d, &year).unwrap()), "سقط ٢");
        assert_eq!(date_line(d, &year), "٢٠١٩ (لا يُعرف أدق من السنة)");
        // A time that is not a clock time is data: its digits stay as written.
        assert_eq!(date_line(d, &one(r#""date":"2021-12-19","time":"dawn 5am""#)), "١٩ كانون الأول ٢٠٢١، الساعة dawn 5am بالتوقيت المحلي");
    }

    #[test]
    fn source_lines_are_data() {
        let source = |title: Option<&str>, published: Option<&str>| Source {
            outlet: "AFP".into(),
            title: title.map(str::to_string),
            published: published.map(str::to_string),
            url: None,
        };
        assert_eq!(source_meta(&source(Some("Rockets hit"), Some("2021-12-19"))).map(|m| plain(&m)).as_deref(), Some("AFP · 2021-12-19"));
        assert_eq!(source_meta(&source(Some("Rockets hit"), None)), Some(vec![Piece::Data("AFP".into())]));
        assert_eq!(source_meta(&source(None, Some("2021"))), Some(vec![Piece::Data("2021".into())]));
        assert_eq!(source_meta(&source(None, None)), None);
    }
}
