//! The network (003: "build your network"): contacts with a stay-in-touch cadence, a log that
//! restarts the timer, the losing-touch list, and vCard 3.0 in and out.

use anyhow::{Context, Result, bail};
use milemarker_core::career::{Snapshot, find_named, slug, validate_id};
use milemarker_core::network::{Contact, Interaction, Labeled, due, overdue_words};
use milemarker_core::vcard;

use crate::cli::{ContactCommand, ContactFields};
use crate::context::{
    Db, VCARD_LIMIT, as_of, happened_on, invalid, print, print_json, read_input, refuse_empty,
    write_output,
};
use crate::ui::{DIM, GOOD, HEADING, WARN, paint, table};

pub fn run(db: &mut Db, command: ContactCommand) -> Result<()> {
    match command {
        ContactCommand::Add(args) => {
            let id = args.id.unwrap_or_else(|| slug(&args.name));
            validate_id("id", &id).map_err(invalid)?;
            db.update(|s| {
                if s.contacts.iter().any(|c| c.id == id) {
                    bail!("\"{id}\" is already a contact; change it with `milemarker contact edit {id}`, or pass --id");
                }
                let mut contact = Contact { id: id.clone(), name: args.name.trim().to_string(), ..Contact::default() };
                apply(&mut contact, args.fields);
                s.contacts.push(contact);
                Ok(())
            })?;
            print(&format!("{} {id}\n", paint(GOOD, "Added")))
        }
        ContactCommand::Edit(args) => {
            let name = db.update(|s| {
                let contact = find(s, &args.id)?;
                if let Some(name) = args.name {
                    contact.name = name.trim().to_string();
                }
                apply(contact, args.fields);
                Ok(contact.name.clone())
            })?;
            print(&format!("Updated {name}\n"))
        }
        ContactCommand::List(flag) => {
            let s = db.load()?;
            if flag.json {
                return print_json(&s.contacts);
            }
            print(&render_list(&s))
        }
        ContactCommand::Log { id, date, note } => {
            let date = happened_on(date)?;
            let name = db.update(|s| {
                let contact = find(s, &id)?;
                contact.record(Interaction {
                    date,
                    note: note.filter(|n| !n.trim().is_empty()),
                });
                Ok(contact.name.clone())
            })?;
            print(&format!(
                "Logged contact with {name} on {date}; the timer restarts.\n"
            ))
        }
        ContactCommand::Due { as_of: day, json } => {
            let day = as_of(day)?;
            let s = db.load()?;
            let list = due(&s.contacts, day);
            if json.json {
                return print_json(&list);
            }
            print(&render_due(&list))
        }
        ContactCommand::Remove { id } => {
            let name = db.update(|s| {
                let contact = find(s, &id)?;
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
            })?;
            print(&format!("Removed {name}\n"))
        }
        ContactCommand::Import { file } => import(db, &file),
        ContactCommand::Export { file } => {
            let s = db.load()?;
            write_output(Some(&file), &vcard::write(&s.contacts))
        }
    }
}

/// The contact a person means: by id, by name (case-blind), or by the start of either.
fn find<'a>(s: &'a mut Snapshot, given: &str) -> Result<&'a mut Contact> {
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

/// Cards are matched to contacts by id (from the name): known ones are updated field by field,
/// keeping what only milemarker knows (cadence, mentor, log) unless the card carries it too.
fn import(db: &mut Db, file: &std::path::Path) -> Result<()> {
    let name = file.display().to_string();
    let text = read_input(file, VCARD_LIMIT)?;
    refuse_empty(file, &text, "nothing to import")?;
    let cards = vcard::parse(&text)
        .map_err(|err| anyhow::anyhow!("{name}: {err}; nothing was imported"))?;
    let (added, updated) = db
        .update(|s| {
            let (mut added, mut updated) = (0, 0);
            for card in cards.contacts {
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
            Ok((added, updated))
        })
        // Saving validates the whole record; say which file a refusal came from.
        .with_context(|| format!("{name}: nothing was imported"))?;
    let mut out = format!(
        "{} {}, updated {updated} from {name}\n",
        paint(GOOD, "Added"),
        milemarker_core::text::count(added, "contact", "contacts")
    );
    if !cards.skipped.is_empty() {
        let skipped: Vec<String> = cards
            .skipped
            .iter()
            .map(|(n, count)| format!("{n} ({count})"))
            .collect();
        out.push_str(&paint(DIM, &format!("Not kept: {}\n", skipped.join(", "))));
    }
    print(&out)
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

fn render_list(s: &Snapshot) -> String {
    if s.contacts.is_empty() {
        return "No contacts yet: `milemarker contact add \"Dana Whitfield\" --cadence 60`, or import a vCard file.\n".into();
    }
    let rows: Vec<Vec<String>> = s
        .contacts
        .iter()
        .map(|c| {
            let role = [c.title.as_deref(), c.company.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            vec![
                c.id.clone(),
                format!("{}{}", c.name, if c.mentor { " (mentor)" } else { "" }),
                role,
                c.cadence_days.map_or_else(
                    || paint(DIM, "no cadence"),
                    |d| {
                        if d == 1 {
                            "every day".into()
                        } else {
                            format!("every {d} days")
                        }
                    },
                ),
                c.last_contact()
                    .map_or_else(|| paint(DIM, "never"), |d| format!("last {d}")),
            ]
        })
        .collect();
    format!("{}\n{}", paint(HEADING, "Contacts"), table(&rows))
}

fn render_due(list: &[milemarker_core::network::Due]) -> String {
    if list.is_empty() {
        return "Nobody is past their stay-in-touch cadence.\n".into();
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|d| {
            vec![
                d.contact.id.clone(),
                format!(
                    "{}{}",
                    d.contact.name,
                    if d.contact.mentor { " (mentor)" } else { "" }
                ),
                d.last_contact
                    .map_or_else(|| "never contacted".into(), |l| format!("last {l}")),
                if d.overdue_days > 0 {
                    paint(WARN, &overdue_words(d.overdue_days))
                } else if d.last_contact.is_none() {
                    "due now".into()
                } else {
                    overdue_words(0)
                },
            ]
        })
        .collect();
    format!("{}\n{}", paint(HEADING, "Losing touch"), table(&rows))
}
