//! The network: contacts, and the log of conversations with each.

use std::collections::HashMap;

use anyhow::bail;
use jiff::civil::Date;
use milemarker_app::contacts::{self, ContactFields, Logged};
use milemarker_core::career::Snapshot;
use milemarker_core::network::{Contact, Interaction};

use super::{Field, Kind, Row, count};
use crate::forms::Fields;

pub struct Contacts;

/// A contact's form as typed: their name and the app's fields.
pub struct ContactInput {
    name: String,
    fields: ContactFields,
}

/// A list typed with commas: "a@x.org, b@y.org".
fn list(fields: &Fields, name: &str) -> Vec<String> {
    fields
        .text(name)
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(String::from)
        .collect()
}

fn joined(items: &[milemarker_core::network::Labeled]) -> String {
    items
        .iter()
        .map(|l| l.value.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Kind for Contacts {
    const SLUG: &'static str = "contacts";
    const ONE: &'static str = "a contact";
    const MANY: &'static str = "Contacts";
    const ABOUT: &'static str =
        "the people in your network, how you know them, and how often you mean to be in touch.";
    type Input = ContactInput;

    fn rows(s: &Snapshot) -> Vec<Row> {
        s.contacts
            .iter()
            .map(|c| Row {
                id: c.id.clone(),
                said: match &c.company {
                    Some(company) => format!("{} ({company})", c.name),
                    None => c.name.clone(),
                },
            })
            .collect()
    }

    fn fields(_: &Snapshot) -> Vec<Field> {
        let text = |name: &str, label: &str| {
            Field::new(name, label, "text")
                .hint("(optional)")
                .attrs("maxlength=\"200\"")
        };
        vec![
            Field::new("name", "Name", "text").attrs("maxlength=\"200\""),
            text("company", "Company"),
            text("title", "Their role"),
            text("how", "How you know them"),
            text("emails", "Email addresses").hint("(optional, separated by commas)"),
            text("phones", "Phone numbers").hint("(optional, separated by commas)"),
            Field::new("mentor", "A mentor of yours", "checkbox"),
            Field::new("cadence", "Be in touch at least every", "number")
                .hint("(days; empty or 0: no reminder)")
                .attrs("min=\"0\" max=\"3650\""),
            Field::new("note", "Note", "textarea").attrs("maxlength=\"1000\""),
        ]
    }

    fn shown(s: &Snapshot, id: &str) -> Option<HashMap<String, String>> {
        let c = s.contacts.iter().find(|c| c.id == id)?;
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        Some(HashMap::from([
            ("name".to_string(), c.name.clone()),
            ("company".to_string(), text(&c.company)),
            ("title".to_string(), text(&c.title)),
            ("how".to_string(), text(&c.how_known)),
            ("emails".to_string(), joined(&c.emails)),
            ("phones".to_string(), joined(&c.phones)),
            (
                "mentor".to_string(),
                if c.mentor { "yes" } else { "" }.to_string(),
            ),
            (
                "cadence".to_string(),
                c.cadence_days.map(|d| d.to_string()).unwrap_or_default(),
            ),
            ("note".to_string(), text(&c.note)),
        ]))
    }

    fn read(fields: &mut Fields, _: Date) -> Option<ContactInput> {
        let name = fields.text("name").to_string();
        if name.is_empty() {
            fields.fail("name", "a contact needs a name");
        }
        let cadence = fields.number("cadence", Some(0), 0, 3650);
        // Every text given, an empty one clearing its field.
        let text = |name: &str| Some(fields.text(name).to_string());
        Some(ContactInput {
            fields: ContactFields {
                company: text("company"),
                title: text("title"),
                how: text("how"),
                note: text("note"),
                emails: list(fields, "emails"),
                phones: list(fields, "phones"),
                mentor: Some(fields.text("mentor") == "yes"),
                cadence,
            },
            name,
        })
    }

    fn add(s: &mut Snapshot, input: ContactInput, _: Date) -> anyhow::Result<()> {
        let id = milemarker_core::career::slug(&input.name);
        if s.contacts.iter().any(|c| c.id == id) {
            bail!(
                "{} is a contact already; change them in the list",
                input.name
            );
        }
        contacts::add(s, &input.name, None, input.fields).map(drop)
    }

    fn edit(s: &mut Snapshot, id: &str, input: ContactInput, _: Date) -> anyhow::Result<()> {
        contacts::restate(s, id, input.name, input.fields).map(drop)
    }

    fn remove(s: &mut Snapshot, id: &str) -> anyhow::Result<()> {
        contacts::remove(s, id).map(drop)
    }

    fn goes_with(s: &Snapshot, id: &str) -> Vec<String> {
        let Some(c) = s.contacts.iter().find(|c| c.id == id) else {
            return Vec::new();
        };
        vec![format!(
            "{} with them",
            count(c.log.len(), "logged conversation", "logged conversations")
        )]
    }

    fn related(s: &Snapshot, id: &str) -> Vec<(&'static str, String, String)> {
        let Some(c) = s.contacts.iter().find(|c| c.id == id) else {
            return Vec::new();
        };
        (0..c.log.len())
            .map(|i| {
                let note = c.log[i].note.as_deref().unwrap_or("(no note)");
                let said = format!("conversation on {}: {note}", c.log[i].date);
                (Conversations::SLUG, conversation_id(c, i), said)
            })
            .collect()
    }

    fn blocked(s: &Snapshot, id: &str) -> Option<String> {
        let o = s
            .opportunities
            .iter()
            .find(|o| o.contact.as_deref() == Some(id))?;
        Some(format!(
            "opportunity #{} ({} at {}) came through them; change who brought it in the opportunities first",
            o.id, o.role, o.company
        ))
    }
}

pub struct Conversations;

/// A conversation's id in the forms: "contact-id/2026-05-01/0", the contact, the day, and its
/// place among that day's.
fn conversation_id(c: &Contact, i: usize) -> String {
    let date = c.log[i].date;
    let nth = c.log[..i].iter().filter(|x| x.date == date).count();
    format!("{}/{date}/{nth}", c.id)
}

fn parse_id(id: &str) -> Option<(&str, Logged)> {
    let mut parts = id.rsplitn(3, '/');
    let nth = parts.next()?.parse().ok()?;
    let date = parts.next()?.parse().ok()?;
    Some((parts.next()?, Logged { date, nth }))
}

impl Kind for Conversations {
    const SLUG: &'static str = "conversations";
    const ONE: &'static str = "a conversation";
    const MANY: &'static str = "Conversations";
    const ABOUT: &'static str =
        "the log of being in touch: the latest with someone restarts their stay-in-touch timer.";
    type Input = (String, Interaction);

    fn rows(s: &Snapshot) -> Vec<Row> {
        let mut rows: Vec<(Date, Row)> = s
            .contacts
            .iter()
            .flat_map(|c| {
                (0..c.log.len()).map(move |i| {
                    let note = c.log[i].note.as_deref().map(|n| format!(": {n}"));
                    let said = format!(
                        "{} with {}{}",
                        c.log[i].date,
                        c.name,
                        note.unwrap_or_default()
                    );
                    (
                        c.log[i].date,
                        Row {
                            id: conversation_id(c, i),
                            said,
                        },
                    )
                })
            })
            .collect();
        // The latest first: that is what a person looks for.
        rows.sort_by_key(|(date, _)| std::cmp::Reverse(*date));
        rows.into_iter().map(|(_, row)| row).collect()
    }

    fn fields(s: &Snapshot) -> Vec<Field> {
        let people = s
            .contacts
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect();
        vec![
            Field::new("contact", "With", "select").choices(people),
            Field::new("date", "On", "date"),
            Field::new("note", "What about", "textarea")
                .hint("(optional)")
                .attrs("maxlength=\"1000\""),
        ]
    }

    fn shown(s: &Snapshot, id: &str) -> Option<HashMap<String, String>> {
        let (contact, at) = parse_id(id)?;
        let c = s.contacts.iter().find(|c| c.id == contact)?;
        let i = (0..c.log.len()).find(|&i| conversation_id(c, i) == id)?;
        Some(HashMap::from([
            ("contact".to_string(), contact.to_string()),
            ("date".to_string(), at.date.to_string()),
            (
                "note".to_string(),
                c.log[i].note.clone().unwrap_or_default(),
            ),
        ]))
    }

    fn blank(s: &Snapshot, today: Date) -> HashMap<String, String> {
        let first = s.contacts.first().map(|c| c.id.clone()).unwrap_or_default();
        HashMap::from([
            ("date".to_string(), today.to_string()),
            ("contact".to_string(), first),
        ])
    }

    fn read(fields: &mut Fields, today: Date) -> Option<(String, Interaction)> {
        let contact = fields.text("contact").to_string();
        if contact.is_empty() {
            fields.fail("contact", "choose who it was with");
        }
        let date: Date = fields.parse("date", Some(today), "a date like 2026-11-20")?;
        if date > today {
            fields.fail(
                "date",
                format!("{date} is still to come; log it once it happened"),
            );
        }
        let note = fields.optional_text("note");
        if let Some(n) = &note
            && let Err(e) = milemarker_core::limits::check_length("note", n, 1000)
        {
            fields.fail("note", e.message);
        }
        Some((contact, Interaction { date, note }))
    }

    fn can_add(s: &Snapshot) -> bool {
        !s.contacts.is_empty()
    }

    fn add(s: &mut Snapshot, (contact, i): (String, Interaction), _: Date) -> anyhow::Result<()> {
        contacts::log(s, &contact, i.date, i.note).map(drop)
    }

    fn edit(
        s: &mut Snapshot,
        id: &str,
        (to, i): (String, Interaction),
        _: Date,
    ) -> anyhow::Result<()> {
        let Some((contact, at)) = parse_id(id) else {
            bail!("no conversation \"{id}\"");
        };
        if to == contact {
            contacts::edit_log(s, contact, at, i)
        } else {
            // It was with someone else: moved to their log, in one write.
            contacts::unlog(s, contact, at)?;
            contacts::log(s, &to, i.date, i.note).map(drop)
        }
    }

    fn remove(s: &mut Snapshot, id: &str) -> anyhow::Result<()> {
        match parse_id(id) {
            Some((contact, at)) => contacts::unlog(s, contact, at),
            None => bail!("no conversation \"{id}\""),
        }
    }

    fn goes_with(s: &Snapshot, id: &str) -> Vec<String> {
        let Some((contact, _)) = parse_id(id) else {
            return Vec::new();
        };
        let Some(c) = s.contacts.iter().find(|c| c.id == contact) else {
            return Vec::new();
        };
        if c.log.len() == 1 && c.cadence_days.is_some() {
            vec![format!(
                "{}'s only logged conversation: they show as never contacted",
                c.name
            )]
        } else {
            Vec::new()
        }
    }
}
