//! Plain words in, codes inside: an occupation found by the title a person gives their job (O*NET
//! titles, the titles workers reported, and the alternate titles), and an OEWS area by the name of
//! its place ("Seattle", "WA", "Washington", "national").

use std::sync::OnceLock;

use crate::wages::{self, Area, AreaLevel};

const TITLES: &str = include_str!("../../../data/onet-29.3/titles.tsv");

/// One occupation a title search found: its code, O*NET title, and the title that matched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TitleMatch {
    pub code: String,
    pub title: String,
    pub matched: String,
    /// The title, every word of it, is what was typed (case and plurals aside).
    pub exact: bool,
    /// Where the matched title comes from: "O*NET title", "reported title", "alternate title".
    pub source: &'static str,
}

/// What a search for an occupation or an area found.
#[derive(Debug, Clone, PartialEq)]
pub enum Found<T> {
    One(T),
    /// Several fit about as well, best first: the person chooses.
    Several(Vec<T>),
    None,
}

struct Title {
    code: &'static str,
    /// o: O*NET's own title, r: a title workers reported, a: an alternate title.
    kind: u8,
    text: &'static str,
    words: Vec<String>,
}

/// Lower case, split on anything but letters and digits, a plural's `s` dropped: "Managers" and
/// "manager" are one word.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            match w.strip_suffix('s') {
                Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem.to_string(),
                _ => w,
            }
        })
        .collect()
}

/// Parsed on first use: only the commands that look a title up pay for it.
fn titles() -> &'static [Title] {
    static TABLE: OnceLock<Vec<Title>> = OnceLock::new();
    TABLE.get_or_init(|| {
        TITLES
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut cells = line.splitn(3, '\t');
                let (code, kind, text) = (cells.next()?, cells.next()?, cells.next()?);
                Some(Title {
                    code,
                    kind: kind.bytes().next()?,
                    text,
                    words: words(text),
                })
            })
            .collect()
    })
}

/// How rare each title word is across all titles (inverse document frequency): sharing
/// "engineering" says more than sharing "manager".
fn rarity() -> &'static std::collections::HashMap<&'static str, f64> {
    static TABLE: OnceLock<std::collections::HashMap<&'static str, f64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let all = titles();
        let mut counts: std::collections::HashMap<&'static str, usize> = Default::default();
        for t in all {
            for w in &t.words {
                *counts.entry(w.as_str()).or_default() += 1;
            }
        }
        let n = all.len() as f64;
        counts
            .into_iter()
            .map(|(w, c)| (w, (n / c as f64).ln()))
            .collect()
    })
}

/// The titles each word is in, by their place in `titles()`, in order: a search scores only the
/// titles that share a word with it, not all 60,000 (the Spark job looks up every distinct
/// posting title).
fn titles_with() -> &'static std::collections::HashMap<&'static str, Vec<u32>> {
    static TABLE: OnceLock<std::collections::HashMap<&'static str, Vec<u32>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut index: std::collections::HashMap<&'static str, Vec<u32>> = Default::default();
        for (i, t) in titles().iter().enumerate() {
            for w in &t.words {
                let places = index.entry(w.as_str()).or_default();
                // A word twice in one title ("Sales and Marketing Sales Manager") lists it once.
                if places.last() != Some(&(i as u32)) {
                    places.push(i as u32);
                }
            }
        }
        index
    })
}

/// How well a title fits: every word and nothing else, then the rarity of the words shared less
/// a third of the rarity of the words it has beyond them, then its source (O*NET's own first).
#[derive(PartialEq, PartialOrd)]
struct Fit(bool, f64, u8);

/// How well a title fits the words asked for; `None` when it shares none.
fn fit(asked: &[String], title: &Title) -> Option<Fit> {
    let rare = rarity();
    let weight = |w: &String| rare.get(w.as_str()).copied().unwrap_or(0.0);
    let shared: Vec<&String> = asked.iter().filter(|w| title.words.contains(w)).collect();
    if shared.is_empty() {
        return None;
    }
    let extra: f64 = title
        .words
        .iter()
        .filter(|w| !asked.contains(w))
        .map(weight)
        .sum();
    let exact = shared.len() == asked.len() && title.words.len() == asked.len();
    let kind = match title.kind {
        b'o' => 2,
        b'r' => 1,
        _ => 0,
    };
    let score = shared.iter().map(|w| weight(w)).sum::<f64>() - extra / 3.0;
    Some(Fit(exact, score, kind))
}

/// The occupations whose titles fit `text` best, at most `limit`, one per occupation.
pub fn find_occupations(text: &str, limit: usize) -> Vec<TitleMatch> {
    let asked = words(text);
    if asked.is_empty() {
        return Vec::new();
    }
    // In the titles' order, as a scan of them all would find them: ties keep it.
    let mut places: Vec<u32> = asked
        .iter()
        .filter_map(|w| titles_with().get(w.as_str()))
        .flatten()
        .copied()
        .collect();
    places.sort_unstable();
    places.dedup();
    let all = titles();
    let mut scored: Vec<(Fit, &Title)> = places
        .into_iter()
        .filter_map(|i| {
            let t = &all[i as usize];
            fit(&asked, t).map(|f| (f, t))
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.code.cmp(b.1.code))
    });
    let mut found: Vec<TitleMatch> = Vec::new();
    for (Fit(exact, ..), t) in scored {
        if found.iter().any(|f| f.code == t.code) {
            continue;
        }
        found.push(TitleMatch {
            code: t.code.to_string(),
            title: onet_title(t.code).unwrap_or_default().to_string(),
            matched: t.text.to_string(),
            exact,
            source: match t.kind {
                b'o' => "O*NET title",
                b'r' => "reported title",
                _ => "alternate title",
            },
        });
        if found.len() == limit {
            break;
        }
    }
    found
}

/// O*NET's own title of the occupation with the O*NET-SOC code `code` ("15-1252.00": "Software
/// Developers"); `None` when O*NET 29.3 has no such occupation.
pub fn onet_title(code: &str) -> Option<&'static str> {
    titles()
        .iter()
        .find(|o| o.code == code && o.kind == b'o')
        .map(|o| o.text)
}

/// An occupation found by title, as a list of them shows it: code, title, and the title matched
/// when it is another ("15-1252.00 Software Developers (as \"Software Engineer\")").
pub fn show_occupation(m: &TitleMatch) -> String {
    if m.matched == m.title {
        format!("{} {}", m.code, m.title)
    } else {
        format!("{} {} (as \"{}\")", m.code, m.title, m.matched)
    }
}

/// The refusal when several fit and nobody is there to pick: each with its code.
pub fn several(what: &str, text: &str, shown: &[String]) -> String {
    format!(
        "\"{}\" could be more than one {what}; give its code or more words:\n  {}",
        text.trim(),
        shown.join("\n  ")
    )
}

/// The occupation a person means by `text`: the one whose title is exactly that, or the one
/// that alone has every word of it; otherwise the best few to choose from.
pub fn occupation(text: &str) -> Found<TitleMatch> {
    let found = find_occupations(text, 5);
    let asked = words(text).len();
    let complete = |m: &TitleMatch| m.exact || words(&m.matched).len() == asked;
    let exact: Vec<&TitleMatch> = found.iter().filter(|m| m.exact).collect();
    // Found in order of source, so an O*NET title beats a reported or alternate one of the same
    // words ("Marketing Manager" is also an alternate title of Advertising and Promotions Managers).
    let first_source_wins = |a: &TitleMatch, b: &TitleMatch| a.source != b.source;
    match (exact.as_slice(), found.as_slice()) {
        ([one], _) => Found::One((*one).clone()),
        ([first, second, ..], _) if first_source_wins(first, second) => {
            Found::One((*first).clone())
        }
        ([], [one]) => Found::One(one.clone()),
        ([], [first, second, ..]) if complete(first) && !complete(second) => {
            Found::One(first.clone())
        }
        (_, []) => Found::None,
        _ => Found::Several(found),
    }
}

/// Postal abbreviations and the FIPS codes OEWS numbers states by.
const STATES: &[(&str, &str)] = &[
    ("AL", "01"),
    ("AK", "02"),
    ("AZ", "04"),
    ("AR", "05"),
    ("CA", "06"),
    ("CO", "08"),
    ("CT", "09"),
    ("DE", "10"),
    ("DC", "11"),
    ("FL", "12"),
    ("GA", "13"),
    ("HI", "15"),
    ("ID", "16"),
    ("IL", "17"),
    ("IN", "18"),
    ("IA", "19"),
    ("KS", "20"),
    ("KY", "21"),
    ("LA", "22"),
    ("ME", "23"),
    ("MD", "24"),
    ("MA", "25"),
    ("MI", "26"),
    ("MN", "27"),
    ("MS", "28"),
    ("MO", "29"),
    ("MT", "30"),
    ("NE", "31"),
    ("NV", "32"),
    ("NH", "33"),
    ("NJ", "34"),
    ("NM", "35"),
    ("NY", "36"),
    ("NC", "37"),
    ("ND", "38"),
    ("OH", "39"),
    ("OK", "40"),
    ("OR", "41"),
    ("PA", "42"),
    ("RI", "44"),
    ("SC", "45"),
    ("SD", "46"),
    ("TN", "47"),
    ("TX", "48"),
    ("UT", "49"),
    ("VT", "50"),
    ("VA", "51"),
    ("WA", "53"),
    ("WV", "54"),
    ("WI", "55"),
    ("WY", "56"),
    ("GU", "66"),
    ("PR", "72"),
    ("VI", "78"),
];

/// The OEWS area a person means: a code (`41860`), `national` (or US, USA, United States), a
/// state by name or postal abbreviation, or a metro area by any word of its name ("Seattle",
/// "San Francisco").
pub fn area(text: &str) -> Found<Area> {
    let t = text.trim();
    if let Ok(code) = wages::area_code(t) {
        return wages::area(&code).map_or(Found::None, Found::One);
    }
    let folded = t.to_lowercase();
    if [
        "national",
        "nationally",
        "us",
        "usa",
        "united states",
        "the united states",
    ]
    .contains(&folded.as_str())
    {
        return wages::area(wages::NATIONAL).map_or(Found::None, Found::One);
    }
    if let Some((_, fips)) = STATES.iter().find(|(abbr, _)| abbr.eq_ignore_ascii_case(t)) {
        return wages::area(&format!("{fips}00000")).map_or(Found::None, Found::One);
    }
    let areas = wages::areas();
    if let Some(state) = areas
        .iter()
        .find(|a| a.level == AreaLevel::State && a.name.to_lowercase() == folded)
    {
        return Found::One(state.clone());
    }
    let asked = words(t);
    let metros: Vec<Area> = areas
        .into_iter()
        .filter(|a| a.level == AreaLevel::Metro)
        .filter(|a| {
            let name = words(&a.name);
            !asked.is_empty() && asked.iter().all(|w| name.contains(w))
        })
        .collect();
    match metros.len() {
        0 => Found::None,
        1 => Found::One(metros.into_iter().next().expect("one")),
        _ => Found::Several(metros),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(found: Found<TitleMatch>) -> String {
        match found {
            Found::One(m) => m.code,
            other => panic!("{other:?}"),
        }
    }

    /// Known answers from O*NET 29.3's titles (Occupation Data, Sample of Reported Titles and
    /// Alternate Titles).
    #[test]
    fn occupations_by_the_titles_people_give_them() {
        assert_eq!(code(occupation("Marketing Managers")), "11-2021.00");
        assert_eq!(code(occupation("marketing manager")), "11-2021.00");
        assert_eq!(code(occupation("Registered Nurse")), "29-1141.00");
        assert_eq!(code(occupation("nurse practitioner")), "29-1171.00");
        // Two occupations list "Software Project Manager" among their alternate titles.
        match occupation("software project manager") {
            Found::Several(found) => {
                let codes: Vec<&str> = found.iter().map(|m| m.code.as_str()).collect();
                assert_eq!(codes[..2], ["11-3021.00", "15-1299.09"], "{found:?}");
            }
            other => panic!("{other:?}"),
        }
        // Several occupations fit "software engineering manager" partly: the person chooses.
        match occupation("software engineering manager") {
            Found::Several(found) => {
                assert!(found.len() > 1 && found.len() <= 5, "{found:?}");
                assert!(found.iter().any(|m| m.code == "11-3021.00"), "{found:?}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(occupation("zzzz"), Found::None);
    }

    #[test]
    fn an_occupations_title_by_its_code() {
        assert_eq!(onet_title("15-1252.00"), Some("Software Developers"));
        assert_eq!(onet_title("29-1141.00"), Some("Registered Nurses"));
        assert_eq!(onet_title("15-1252"), None);
        assert_eq!(onet_title("99-9999.99"), None);
    }

    #[test]
    fn areas_by_place_name() {
        let code = |text| match area(text) {
            Found::One(a) => a.code,
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(code("Seattle"), "0042660");
        assert_eq!(code("WA"), "5300000");
        assert_eq!(code("washington"), "5300000");
        assert_eq!(code("national"), "0000000");
        assert_eq!(code("41860"), "0041860");
        assert!(matches!(area("Portland"), Found::Several(a) if a.len() >= 2));
        assert_eq!(area("Atlantis"), Found::None);
    }
}
