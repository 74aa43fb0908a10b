//! vCard 3.0 (RFC 2426) for the network: read what phone address books, Apple Contacts, Google
//! Contacts and Monica export, and write cards they read back. Kept, in both directions: FN, N
//! (to find a name when FN is missing), ORG, TITLE, EMAIL, TEL, URL, NOTE, the `itemN.X-ABLabel`
//! custom labels, and milemarker's own `X-MILEMARKER-*` fields (how you know them, mentor,
//! cadence, the contact log). Other properties (photos, addresses, birthdays) are skipped.

use std::collections::HashMap;
use std::fmt;

use jiff::civil::Date;

use crate::career::slug;
use crate::network::{Contact, Interaction, Labeled};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VcardError {
    /// 1-based physical line where the problem starts.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for VcardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for VcardError {}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParsedCards {
    pub contacts: Vec<Contact>,
    /// Property names seen and not kept (PHOTO, ADR, BDAY, ...), with how often.
    pub skipped: Vec<(String, usize)>,
}

/// One unfolded content line: `group.NAME;params:value`.
struct ContentLine<'a> {
    line: usize,
    group: Option<&'a str>,
    name: String,
    params: Vec<(String, String)>,
    value: &'a str,
}

fn error(line: usize, message: impl Into<String>) -> VcardError {
    VcardError {
        line,
        message: message.into(),
    }
}

/// Joins folded lines (a line starting with a space or tab continues the one before), keeping the
/// number of the line each logical line starts on.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        // A carriage return can only end a line; one inside a value is damage, not text.
        let raw = raw.replace('\r', "");
        let raw = raw.as_str();
        match (raw.chars().next(), lines.last_mut()) {
            (Some(' ' | '\t'), Some((_, last))) => last.push_str(&raw[1..]),
            _ if raw.trim().is_empty() => {}
            _ => lines.push((i + 1, raw.to_string())),
        }
    }
    lines
}

/// Splits at `sep` outside double quotes.
fn split_unquoted(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c == sep && !quoted => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

fn parse_line(line: usize, text: &str) -> Result<ContentLine<'_>, VcardError> {
    let mut quoted = false;
    let colon = text.char_indices().find_map(|(i, c)| match c {
        '"' => {
            quoted = !quoted;
            None
        }
        ':' if !quoted => Some(i),
        _ => None,
    });
    let Some(colon) = colon else {
        return Err(error(
            line,
            format!(
                "\"{}\" is not a vCard property (NAME:value); a broken or unfolded line?",
                shorten(text)
            ),
        ));
    };
    let (head, value) = (&text[..colon], &text[colon + 1..]);
    let mut pieces = split_unquoted(head, ';').into_iter();
    let full_name = pieces.next().unwrap_or_default();
    let (group, name) = match full_name.split_once('.') {
        Some((group, name)) => (Some(group), name),
        None => (None, full_name),
    };
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(error(
            line,
            format!("\"{}\" is not a property name", shorten(full_name)),
        ));
    }
    let params = pieces
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (
                k.trim().to_ascii_uppercase(),
                v.trim_matches('"').to_string(),
            ),
            // vCard 2.1 writes bare types: "TEL;CELL:..."
            None => ("TYPE".to_string(), p.trim().to_string()),
        })
        .collect();
    Ok(ContentLine {
        line,
        group,
        name: name.to_ascii_uppercase(),
        params,
        value,
    })
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}...", &text[..i]),
        None => text.to_string(),
    }
}

/// Undoes text escaping: `\\`, `\n`, `\,`, `\;`, and Apple's `\:`.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Splits a structured value (N, ORG) at unescaped semicolons, then unescapes each part.
fn components(value: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                current.push(c);
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            ';' => parts.push(unescape(&std::mem::take(&mut current))),
            _ => current.push(c),
        }
    }
    parts.push(unescape(&current));
    parts
}

fn types_of(params: &[(String, String)]) -> Vec<String> {
    params
        .iter()
        .filter(|(k, _)| k == "TYPE")
        .flat_map(|(_, v)| v.split(','))
        .map(|t| t.trim().to_ascii_uppercase())
        // Types are tokens (RFC 2426: WORK, CELL, X-...); anything else is damage to skip.
        .filter(|t| {
            !t.is_empty()
                && t.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .collect()
}

/// A card being read: the contact so far, and where each grouped item went for its label.
#[derive(Default)]
struct CardBuilder {
    start: usize,
    contact: Contact,
    n_name: Option<String>,
    labels: HashMap<String, String>,
    grouped: Vec<(String, Field, usize)>,
}

#[derive(Clone, Copy)]
enum Field {
    Email,
    Phone,
    Url,
}

impl CardBuilder {
    fn list(&mut self, field: Field) -> &mut Vec<Labeled> {
        match field {
            Field::Email => &mut self.contact.emails,
            Field::Phone => &mut self.contact.phones,
            Field::Url => &mut self.contact.urls,
        }
    }

    fn property(
        &mut self,
        p: &ContentLine,
        skipped: &mut Vec<(String, usize)>,
    ) -> Result<(), VcardError> {
        let text = || unescape(p.value);
        match p.name.as_str() {
            "FN" => self.contact.name = text().trim().to_string(),
            "N" => {
                let parts = components(p.value);
                let family = parts.first().cloned().unwrap_or_default();
                let given = parts.get(1).cloned().unwrap_or_default();
                let joined = format!("{given} {family}").trim().to_string();
                self.n_name = (!joined.is_empty()).then_some(joined);
            }
            "ORG" => {
                let mut parts = components(p.value);
                while parts.last().is_some_and(|s| s.is_empty()) {
                    parts.pop();
                }
                let mut parts = parts.into_iter();
                self.contact.company = parts.next();
                self.contact.org_units = parts.collect();
            }
            "TITLE" => self.contact.title = Some(text()),
            "NOTE" => {
                let note = text();
                self.contact.note = Some(match self.contact.note.take() {
                    Some(earlier) => format!("{earlier}\n\n{note}"),
                    None => note,
                });
            }
            "EMAIL" | "TEL" | "URL" => {
                let field = match p.name.as_str() {
                    "EMAIL" => Field::Email,
                    "TEL" => Field::Phone,
                    _ => Field::Url,
                };
                let value = text().trim().to_string();
                if value.is_empty() {
                    return Ok(());
                }
                let list = self.list(field);
                list.push(Labeled {
                    value,
                    types: types_of(&p.params),
                    label: None,
                });
                let index = list.len() - 1;
                if let Some(group) = p.group {
                    self.grouped
                        .push((group.to_ascii_lowercase(), field, index));
                }
            }
            "X-ABLABEL" => {
                if let Some(group) = p.group {
                    self.labels.insert(group.to_ascii_lowercase(), text());
                }
            }
            "X-MILEMARKER-HOW" => self.contact.how_known = Some(text()),
            "X-MILEMARKER-MENTOR" => {
                self.contact.mentor = p.value.trim().eq_ignore_ascii_case("true")
            }
            "X-MILEMARKER-CADENCE" => {
                let days = p.value.trim().parse().ok().filter(|d| *d > 0);
                let days = days.ok_or_else(|| {
                    error(
                        p.line,
                        format!(
                            "X-MILEMARKER-CADENCE: \"{}\" is not a number of days",
                            p.value
                        ),
                    )
                })?;
                self.contact.cadence_days = Some(days);
            }
            "X-MILEMARKER-CONTACTED" => {
                let parts = components(p.value);
                let date: Date = parts[0].trim().parse().map_err(|_| {
                    error(
                        p.line,
                        format!(
                            "X-MILEMARKER-CONTACTED: \"{}\" is not a date like 2026-03-01",
                            parts[0]
                        ),
                    )
                })?;
                let note = parts.get(1).filter(|n| !n.is_empty()).cloned();
                self.contact.record(Interaction { date, note });
            }
            other => match skipped.iter_mut().find(|(name, _)| name == other) {
                Some((_, count)) => *count += 1,
                None => skipped.push((other.to_string(), 1)),
            },
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Contact, VcardError> {
        for (group, field, index) in std::mem::take(&mut self.grouped) {
            if let Some(label) = self.labels.get(&group) {
                self.list(field)[index].label = Some(label.clone());
            }
        }
        if self.contact.name.is_empty() {
            self.contact.name = self
                .n_name
                .take()
                .or_else(|| {
                    let company = self.contact.company.as_deref().map(str::trim);
                    company.filter(|c| !c.is_empty()).map(String::from)
                })
                .ok_or_else(|| {
                    error(
                        self.start,
                        "this card has no name (FN, N or ORG); add one and import again",
                    )
                })?;
        }
        self.contact.id = slug(&self.contact.name);
        if self.contact.id.is_empty() {
            self.contact.id = "contact".into();
        }
        Ok(self.contact)
    }
}

/// Reads every card in `text`. Any broken card fails the whole file, naming the line.
pub fn parse(text: &str) -> Result<ParsedCards, VcardError> {
    let mut out = ParsedCards::default();
    let mut card: Option<CardBuilder> = None;
    for (line, raw) in unfold(text) {
        let p = parse_line(line, &raw)?;
        let value = p.value.trim();
        match (p.name.as_str(), card.as_mut()) {
            ("BEGIN", None) if value.eq_ignore_ascii_case("VCARD") => {
                card = Some(CardBuilder {
                    start: line,
                    ..CardBuilder::default()
                });
            }
            ("BEGIN", Some(open)) => {
                return Err(error(
                    line,
                    format!(
                        "BEGIN inside the card that starts on line {}; is an END:VCARD missing?",
                        open.start
                    ),
                ));
            }
            ("END", Some(_)) if value.eq_ignore_ascii_case("VCARD") => {
                let finished = card.take().expect("matched Some").finish()?;
                out.contacts.push(finished);
            }
            (_, None) => {
                return Err(error(
                    line,
                    format!("{} outside a card; a card starts with BEGIN:VCARD", p.name),
                ));
            }
            ("VERSION", Some(_)) => {
                if value == "2.1" {
                    return Err(error(
                        line,
                        "vCard 2.1 is not supported; export the contacts as vCard 3.0 (most address books offer it)",
                    ));
                }
                if !matches!(value, "3.0" | "4.0") {
                    return Err(error(
                        line,
                        format!("VERSION:{value} is not a vCard version milemarker reads (3.0)"),
                    ));
                }
            }
            (_, Some(open)) => {
                if p.params
                    .iter()
                    .any(|(k, v)| k == "ENCODING" && v.eq_ignore_ascii_case("QUOTED-PRINTABLE"))
                {
                    return Err(error(
                        line,
                        "quoted-printable values are vCard 2.1; export as vCard 3.0",
                    ));
                }
                open.property(&p, &mut out.skipped)?;
            }
        }
    }
    if let Some(open) = card {
        return Err(error(
            open.start,
            "this card has no END:VCARD; the file may be cut short",
        ));
    }
    dedupe_ids(&mut out.contacts);
    Ok(out)
}

/// Two cards with the same name get "-2", "-3" ids, so neither is lost.
fn dedupe_ids(contacts: &mut [Contact]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for c in contacts.iter_mut() {
        let count = seen.entry(c.id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            c.id = format!("{}-{count}", c.id);
        }
    }
}

/// A text value escaped as vCard (RFC 6350 3.4) and iCalendar (RFC 5545 3.3.11) both escape it:
/// backslash, comma and semicolon, line breaks as `\n`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            c => out.push(c),
        }
    }
    out
}

/// Folds at 75 octets, never inside a character, as vCard (RFC 2426 2.6) and iCalendar (RFC 5545
/// 3.1) both fold their lines.
pub fn push_folded(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// Writes contacts as vCard 3.0, CRLF line ends, folded at 75 octets.
pub fn write(contacts: &[Contact]) -> String {
    let mut out = String::new();
    for c in contacts {
        write_card(&mut out, c);
    }
    out
}

fn write_card(out: &mut String, c: &Contact) {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCARD".into(),
        "VERSION:3.0".into(),
        "PRODID:-//milemarker//milemarker//EN".into(),
    ];
    let words: Vec<&str> = c.name.split_whitespace().collect();
    let (given, family) = match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => (rest.join(" "), last.to_string()),
        _ => (String::new(), c.name.clone()),
    };
    lines.push(format!("N:{};{};;;", escape(&family), escape(&given)));
    lines.push(format!("FN:{}", escape(&c.name)));
    if let Some(company) = &c.company {
        let mut org = vec![escape(company)];
        org.extend(c.org_units.iter().map(|u| escape(u)));
        lines.push(format!("ORG:{}", org.join(";")));
    }
    if let Some(title) = &c.title {
        lines.push(format!("TITLE:{}", escape(title)));
    }
    let mut item = 0;
    for (name, list) in [("EMAIL", &c.emails), ("TEL", &c.phones), ("URL", &c.urls)] {
        for entry in list {
            let types = if entry.types.is_empty() {
                String::new()
            } else {
                format!(";TYPE={}", entry.types.join(","))
            };
            let value = if name == "URL" {
                // A URI keeps its commas and semicolons; only what would break the line or
                // read back differently is escaped.
                entry.value.replace('\\', "\\\\").replace('\n', "\\n")
            } else {
                escape(&entry.value)
            };
            match &entry.label {
                Some(label) => {
                    item += 1;
                    lines.push(format!("item{item}.{name}{types}:{value}"));
                    lines.push(format!("item{item}.X-ABLabel:{}", escape(label)));
                }
                None => lines.push(format!("{name}{types}:{value}")),
            }
        }
    }
    if let Some(note) = &c.note {
        lines.push(format!("NOTE:{}", escape(note)));
    }
    if let Some(how) = &c.how_known {
        lines.push(format!("X-MILEMARKER-HOW:{}", escape(how)));
    }
    if c.mentor {
        lines.push("X-MILEMARKER-MENTOR:TRUE".into());
    }
    if let Some(days) = c.cadence_days {
        lines.push(format!("X-MILEMARKER-CADENCE:{days}"));
    }
    for i in &c.log {
        let note = i.note.as_deref().map(escape).unwrap_or_default();
        lines.push(format!("X-MILEMARKER-CONTACTED:{};{note}", i.date));
    }
    lines.push("END:VCARD".into());
    for line in lines {
        push_folded(out, &line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const APPLE: &str = include_str!("../tests/fixtures/vcard/apple-contacts.vcf");
    const GOOGLE: &str = include_str!("../tests/fixtures/vcard/google-contacts.vcf");
    const MONICA: &str = include_str!("../tests/fixtures/vcard/monica.vcf");

    #[test]
    fn apple_contacts_labels_and_escapes() {
        let cards = parse(APPLE).unwrap();
        assert_eq!(cards.contacts.len(), 2);
        let priya = &cards.contacts[0];
        assert_eq!(priya.id, "priya-raman");
        assert_eq!(priya.company.as_deref(), Some("Northwind Traders, Inc."));
        assert_eq!(priya.org_units, ["Marketing"]);
        assert_eq!(priya.title.as_deref(), Some("VP Marketing"));
        assert_eq!(priya.emails.len(), 2);
        assert_eq!(priya.emails[0].types, ["INTERNET", "WORK", "PREF"]);
        assert_eq!(priya.emails[1].label.as_deref(), Some("_$!<Other>!$_"));
        assert_eq!(priya.urls[0].value, "https://northwind.example/team");
        assert_eq!(priya.urls[0].label.as_deref(), Some("_$!<HomePage>!$_"));
        assert_eq!(priya.phones[0].types, ["CELL", "VOICE", "PREF"]);
        assert_eq!(
            priya.note.as_deref(),
            Some("Met at LeadDev 2024.\nAsk about the CMO search.")
        );
        assert!(cards.skipped.iter().any(|(n, c)| n == "PHOTO" && *c == 1));
        assert_eq!(
            cards.contacts[1].name, "Jonas Weber",
            "no FN: the name comes from N"
        );
    }

    #[test]
    fn google_contacts_layout() {
        let cards = parse(GOOGLE).unwrap();
        let names: Vec<&str> = cards.contacts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Dana Whitfield", "Luis Ortega"]);
        let dana = &cards.contacts[0];
        assert_eq!(dana.emails[0].types, ["INTERNET", "HOME"]);
        assert_eq!(dana.urls[0].label.as_deref(), Some("Portfolio"));
        assert_eq!(dana.company.as_deref(), Some("Blue Harbor Health"));
    }

    #[test]
    fn monica_folded_lines_and_utf8() {
        let cards = parse(MONICA).unwrap();
        let zoe = &cards.contacts[0];
        assert_eq!(zoe.name, "Zoë Müller-Lüdenscheidt");
        assert_eq!(zoe.id, "zoë-müller-lüdenscheidt");
        assert_eq!(zoe.org_units, ["Developer Relations", "Europe"]);
        let note = zoe.note.as_deref().unwrap();
        assert!(note.contains("Munich. We keep"), "unfolded: {note}");
        assert!(note.ends_with("quarterly coffee; she reviews my talks."));
        assert_eq!(zoe.urls[0].value, "https://zoe.example");
        for skipped in ["UID", "SOURCE", "NICKNAME", "BDAY", "REV"] {
            assert!(cards.skipped.iter().any(|(n, _)| n == skipped), "{skipped}");
        }
    }

    #[test]
    fn milemarker_fields_survive_a_round_trip() {
        let mut contact = parse(MONICA).unwrap().contacts.remove(0);
        contact.how_known = Some("DevRel meetup, Munich; 2021".into());
        contact.mentor = true;
        contact.cadence_days = Some(90);
        contact.record(Interaction {
            date: "2026-06-02".parse().unwrap(),
            note: Some("coffee, talk review".into()),
        });
        contact.record(Interaction {
            date: "2026-09-01".parse().unwrap(),
            note: None,
        });
        let back = parse(&write(std::slice::from_ref(&contact)))
            .unwrap()
            .contacts;
        assert_eq!(back, [contact]);
    }

    #[test]
    fn round_trip_keeps_every_field_we_keep() {
        for fixture in [APPLE, GOOGLE, MONICA] {
            let first = parse(fixture).unwrap().contacts;
            let written = write(&first);
            assert!(
                written.lines().all(|l| l.len() <= 76),
                "folded at 75 octets + CR"
            );
            let second = parse(&written).unwrap();
            assert_eq!(second.contacts, first);
            assert!(second.skipped.iter().all(|(n, _)| n == "PRODID"));
            assert_eq!(write(&second.contacts), written, "writing is stable");
        }
    }

    #[test]
    fn broken_cards_name_the_line() {
        let broken =
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam\r\nthis line has no colon\r\nEND:VCARD\r\n";
        assert_eq!(parse(broken).unwrap_err().line, 4);
        let cut = "BEGIN:VCARD\nVERSION:3.0\nFN:Sam\n";
        assert!(
            parse(cut)
                .unwrap_err()
                .to_string()
                .starts_with("line 1: this card has no END")
        );
        let old = "BEGIN:VCARD\nVERSION:2.1\nFN:Sam\nEND:VCARD\n";
        assert!(parse(old).unwrap_err().message.contains("3.0"));
        let stray = "FN:Sam\n";
        assert_eq!(parse(stray).unwrap_err().line, 1);
        let nameless = "BEGIN:VCARD\nVERSION:3.0\nTEL:1\nEND:VCARD\n";
        assert!(parse(nameless).unwrap_err().message.contains("no name"));
    }

    #[test]
    fn a_stray_carriage_return_is_dropped_on_reading() {
        // Found by the fuzzer: a CR inside a label did not survive writing and reading back.
        let card =
            "BEGIN:VCARD\r\nFN:Jonas\r\nitem1.TEL:1\r\nitem1.X-ABLabel:Desk\r08\r\nEND:VCARD\r\n";
        let first = parse(card).unwrap().contacts;
        assert_eq!(first[0].phones[0].label.as_deref(), Some("Desk08"));
        assert_eq!(parse(&write(&first)).unwrap().contacts, first);
        // Found by the fuzzer too: an escaped newline in a URL was written raw, breaking the card.
        let url = "BEGIN:VCARD\nFN:A\nURL:https://x.example/a\\nb\\\\c,d\nEND:VCARD\n";
        let first = parse(url).unwrap().contacts;
        assert_eq!(first[0].urls[0].value, "https://x.example/a\nb\\c,d");
        assert_eq!(parse(&write(&first)).unwrap().contacts, first);
    }

    #[test]
    fn same_name_twice_keeps_both() {
        let two = "BEGIN:VCARD\nFN:Sam Lee\nEND:VCARD\nBEGIN:VCARD\nFN:Sam Lee\nEND:VCARD\n";
        let ids: Vec<String> = parse(two)
            .unwrap()
            .contacts
            .into_iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(ids, ["sam-lee", "sam-lee-2"]);
    }
}
