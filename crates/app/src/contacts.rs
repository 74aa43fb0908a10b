//! The network's edits (003: "build your network"): contacts added, changed, touched and removed,
//! and vCard 3.0 cards merged into them. Every refusal says what to do instead.

use std::path::Path;

use anyhow::{Context, Result, bail};
use jiff::civil::Date;
use milemarker_core::career::{Snapshot, find_named, slug, validate_id};
use milemarker_core::network::{Contact, Interaction, Labeled};
use milemarker_core::vcard;

use crate::input::{VCARD_LIMIT, read_input, refuse_empty};
use crate::records::{Db, invalid};

/// What a person says about a contact; `None` (or no addresses) leaves a field as it is, an empty
/// text clears it.
#[derive(Debug, Clone, Default)]
pub struct ContactFields {
    pub company: Option<String>,
    pub title: Option<String>,
    /// Replace the list when not empty.
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub how: Option<String>,
    pub mentor: Option<bool>,
    /// 0 stops the reminders.
    pub cadence: Option<u32>,
    pub note: Option<String>,
}

/// Adds someone, by `id` or else one made from the name; returns the id.
pub fn add(
    s: &mut Snapshot,
    name: &str,
    id: Option<String>,
    fields: ContactFields,
) -> Result<String> {
    let id = id.unwrap_or_else(|| slug(name));
    validate_id("id", &id).map_err(invalid)?;
    if s.contacts.iter().any(|c| c.id == id) {
        bail!(
            "\"{id}\" is already a contact; change it with `milemarker contact edit {id}`, or \
             pass --id"
        );
    }
    let mut contact = Contact {
        id: id.clone(),
        name: name.trim().to_string(),
        ..Contact::default()
    };
    apply(&mut contact, fields);
    s.contacts.push(contact);
    Ok(id)
}

/// Changes the contact `given` names; returns their name as it now reads.
pub fn edit(
    s: &mut Snapshot,
    given: &str,
    name: Option<String>,
    fields: ContactFields,
) -> Result<String> {
    let contact = find(s, given)?;
    if let Some(name) = name {
        contact.name = name.trim().to_string();
    }
    apply(contact, fields);
    Ok(contact.name.clone())
}

/// Changes the contact `given` names to what a form states whole: the addresses and numbers
/// given replace theirs, so none given is none (one kept as it was keeps its label); the rest as
/// [`edit`]. Returns their name as it now reads.
pub fn restate(
    s: &mut Snapshot,
    given: &str,
    name: String,
    fields: ContactFields,
) -> Result<String> {
    let contact = find(s, given)?;
    let kept = |had: &[Labeled], typed: &[String]| -> Vec<Labeled> {
        typed
            .iter()
            .map(|t| {
                let found = had.iter().find(|l| l.value == t.trim()).cloned();
                found.unwrap_or_else(|| Labeled {
                    value: t.trim().to_string(),
                    ..Labeled::default()
                })
            })
            .collect()
    };
    contact.emails = kept(&contact.emails, &fields.emails);
    contact.phones = kept(&contact.phones, &fields.phones);
    let rest = ContactFields {
        emails: Vec::new(),
        phones: Vec::new(),
        ..fields
    };
    edit(s, given, Some(name), rest)
}

/// Logs being in touch on `date` (which restarts the stay-in-touch timer); returns their name.
pub fn log(s: &mut Snapshot, given: &str, date: Date, note: Option<String>) -> Result<String> {
    let contact = find(s, given)?;
    contact.record(Interaction {
        date,
        note: note.filter(|n| !n.trim().is_empty()),
    });
    Ok(contact.name.clone())
}

/// Which of a contact's logged conversations: its date and, among that day's, its place (0 the
/// first), which stays put when conversations on other days are logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Logged {
    pub date: Date,
    pub nth: usize,
}

/// Where that conversation is in the contact's log.
fn logged_at(contact: &Contact, at: Logged) -> Result<usize> {
    contact
        .log
        .iter()
        .enumerate()
        .filter(|(_, i)| i.date == at.date)
        .nth(at.nth)
        .map(|(i, _)| i)
        .with_context(|| format!("{} has no conversation logged on {}", contact.name, at.date))
}

/// Changes a logged conversation's date and note; the log stays in date order.
pub fn edit_log(s: &mut Snapshot, given: &str, at: Logged, now: Interaction) -> Result<()> {
    let contact = find(s, given)?;
    let i = logged_at(contact, at)?;
    contact.log.remove(i);
    contact.record(Interaction {
        note: now.note.filter(|n| !n.trim().is_empty()),
        ..now
    });
    Ok(())
}

/// Removes a logged conversation (the stay-in-touch timer then runs from the one before).
pub fn unlog(s: &mut Snapshot, given: &str, at: Logged) -> Result<()> {
    let contact = find(s, given)?;
    let i = logged_at(contact, at)?;
    contact.log.remove(i);
    Ok(())
}

/// Removes a contact no opportunity names; returns their name.
pub fn remove(s: &mut Snapshot, given: &str) -> Result<String> {
    let contact = find(s, given)?;
    let (id, name) = (contact.id.clone(), contact.name.clone());
    if let Some(o) = s
        .opportunities
        .iter()
        .find(|o| o.contact.as_deref() == Some(&id))
    {
        bail!(
            "{name} brought opportunity #{} ({} at {}); that link would break",
            o.id,
            o.role,
            o.company
        );
    }
    s.contacts.retain(|c| c.id != id);
    Ok(name)
}

/// The contact a person means: by id, by name (case-blind), or by the start of either.
pub fn find<'a>(s: &'a mut Snapshot, given: &str) -> Result<&'a mut Contact> {
    let people = s.contacts.iter().map(|c| (c.id.as_str(), c.name.as_str()));
    match find_named("contact", given, people) {
        Ok(i) => Ok(&mut s.contacts[i]),
        Err(message) => bail!("{message}; `milemarker contact list` shows them"),
    }
}

fn apply(c: &mut Contact, f: ContactFields) {
    let text = |value: Option<String>, slot: &mut Option<String>| {
        if let Some(v) = value {
            *slot = (!v.trim().is_empty()).then(|| v.trim().to_string());
        }
    };
    text(f.company, &mut c.company);
    text(f.title, &mut c.title);
    text(f.how, &mut c.how_known);
    text(f.note, &mut c.note);
    let labeled = |values: Vec<String>| {
        values
            .into_iter()
            .map(|value| Labeled {
                value: value.trim().to_string(),
                ..Labeled::default()
            })
            .collect()
    };
    if !f.emails.is_empty() {
        c.emails = labeled(f.emails);
    }
    if !f.phones.is_empty() {
        c.phones = labeled(f.phones);
    }
    c.mentor = f.mentor.unwrap_or(c.mentor);
    if let Some(days) = f.cadence {
        c.cadence_days = (days > 0).then_some(days);
    }
}

/// What a vCard import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardsImported {
    pub added: u32,
    pub updated: u32,
    /// What the cards held that milemarker does not keep, with how often: ("PHOTO", 3).
    pub skipped: Vec<(String, usize)>,
}

/// Imports the vCard file `file` (- for standard input) into the records, in one write.
pub fn import(db: &mut Db, file: &Path) -> Result<CardsImported> {
    let text = read_input(file, VCARD_LIMIT)?;
    refuse_empty(file, &text, "nothing to import")?;
    import_text(db, &file.display().to_string(), &text)
}

/// Imports vCards read from `name` (an upload, a file): all of them or, refused, none.
pub fn import_text(db: &mut Db, name: &str, text: &str) -> Result<CardsImported> {
    let cards =
        vcard::parse(text).map_err(|err| anyhow::anyhow!("{name}: {err}; nothing was imported"))?;
    let (added, updated) = db
        .update(|s| Ok(merge_cards(s, cards.contacts)))
        // Saving validates the whole record; say which file a refusal came from.
        .with_context(|| format!("{name}: nothing was imported"))?;
    Ok(CardsImported {
        added,
        updated,
        skipped: cards.skipped,
    })
}

/// Cards are matched to contacts by id (from the name): known ones are updated field by field,
/// keeping what only milemarker knows (cadence, mentor, log) unless the card carries it too.
/// Returns how many were added and how many updated.
pub fn merge_cards(s: &mut Snapshot, cards: Vec<Contact>) -> (u32, u32) {
    let (mut added, mut updated) = (0, 0);
    for card in cards {
        match s.contacts.iter_mut().find(|c| c.id == card.id) {
            Some(existing) => {
                merge(existing, card);
                updated += 1;
            }
            None => {
                s.contacts.push(card);
                added += 1;
            }
        }
    }
    (added, updated)
}

fn merge(existing: &mut Contact, card: Contact) {
    let keep_log = std::mem::take(&mut existing.log);
    let (mentor, cadence, how) = (
        existing.mentor,
        existing.cadence_days,
        existing.how_known.take(),
    );
    *existing = Contact {
        mentor: mentor || card.mentor,
        cadence_days: card.cadence_days.or(cadence),
        how_known: card.how_known.clone().or(how),
        ..card
    };
    for i in keep_log {
        if !existing.log.contains(&i) {
            existing.record(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dana() -> Snapshot {
        let mut s = Snapshot::default();
        let fields = ContactFields {
            cadence: Some(30),
            mentor: Some(true),
            ..ContactFields::default()
        };
        add(&mut s, "Dana Whitfield", None, fields).unwrap();
        s
    }

    #[test]
    fn an_id_is_made_from_the_name_and_not_taken_twice() {
        let mut s = dana();
        assert_eq!(s.contacts[0].id, "dana-whitfield");
        let again = add(&mut s, "Dana Whitfield", None, ContactFields::default());
        assert!(again.unwrap_err().to_string().contains("already a contact"));
    }

    #[test]
    fn an_empty_text_clears_and_cadence_zero_stops_reminders() {
        let mut s = dana();
        let fields = ContactFields {
            company: Some("Acme".into()),
            cadence: Some(0),
            ..ContactFields::default()
        };
        edit(&mut s, "dana", None, fields).unwrap();
        assert_eq!(s.contacts[0].company.as_deref(), Some("Acme"));
        assert_eq!(s.contacts[0].cadence_days, None);
        let clear = ContactFields {
            company: Some(" ".into()),
            ..ContactFields::default()
        };
        edit(&mut s, "Dana Whitfield", None, clear).unwrap();
        assert_eq!(s.contacts[0].company, None);
    }

    #[test]
    fn a_restated_contact_has_the_addresses_given_and_none_when_none_are() {
        let mut s = dana();
        s.contacts[0].emails = vec![Labeled {
            value: "dana@example.org".into(),
            label: Some("work".into()),
            ..Labeled::default()
        }];
        s.contacts[0].phones = vec![Labeled {
            value: "555 0100".into(),
            ..Labeled::default()
        }];
        let fields = ContactFields {
            emails: vec![" dana@example.org ".into(), "d@home.example".into()],
            ..ContactFields::default()
        };
        restate(&mut s, "dana", "Dana Whitfield".into(), fields).unwrap();
        let c = &s.contacts[0];
        assert_eq!(c.emails[0].label.as_deref(), Some("work"), "kept as it was");
        assert_eq!(c.emails[1].value, "d@home.example");
        assert!(c.phones.is_empty(), "none given is none");
        assert_eq!(c.cadence_days, Some(30), "the rest as edit has it");
    }

    #[test]
    fn a_logged_conversation_is_changed_or_removed_by_its_day_and_place() {
        let mut s = dana();
        let (may, june) = (Date::constant(2026, 5, 1), Date::constant(2026, 6, 1));
        for (day, note) in [(may, "coffee"), (may, "call"), (june, "lunch")] {
            log(&mut s, "dana", day, Some(note.into())).unwrap();
        }
        let second_in_may = Logged { date: may, nth: 1 };
        let moved = Interaction {
            date: Date::constant(2026, 7, 1),
            note: Some("call, moved".into()),
        };
        edit_log(&mut s, "dana", second_in_may, moved).unwrap();
        let notes: Vec<_> = s.contacts[0]
            .log
            .iter()
            .map(|i| i.note.clone().unwrap())
            .collect();
        assert_eq!(notes, ["coffee", "lunch", "call, moved"]);
        unlog(&mut s, "dana", Logged { date: may, nth: 0 }).unwrap();
        assert_eq!(s.contacts[0].log.len(), 2);
        let gone = unlog(&mut s, "dana", Logged { date: may, nth: 0 }).unwrap_err();
        assert!(
            gone.to_string()
                .contains("no conversation logged on 2026-05-01"),
            "{gone}"
        );
    }

    #[test]
    fn a_card_keeps_what_only_milemarker_knows() {
        let mut s = dana();
        let day = Date::constant(2026, 3, 1);
        log(&mut s, "dana", day, Some("coffee".into())).unwrap();
        let card = Contact {
            id: "dana-whitfield".into(),
            name: "Dana Whitfield".into(),
            title: Some("CTO".into()),
            ..Contact::default()
        };
        assert_eq!(merge_cards(&mut s, vec![card]), (0, 1));
        let dana = &s.contacts[0];
        assert_eq!(dana.title.as_deref(), Some("CTO"));
        assert_eq!((dana.mentor, dana.cadence_days), (true, Some(30)));
        assert_eq!(dana.last_contact(), Some(day));
    }
}
