//! The network (003: "build your network"): contacts with a stay-in-touch cadence, a log that
//! restarts the timer, the losing-touch list, and vCard 3.0 in and out.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use milemarker_app::contacts::{self, CardsImported};
use milemarker_core::career::Snapshot;
use milemarker_core::network::{due, overdue_words};
use milemarker_core::vcard;

use crate::cli::JsonFlag;
use crate::context::{Db, as_of, happened_on, print, print_json, write_output};
use crate::ui::{DIM, GOOD, HEADING, WARN, paint, table};

pub fn run(db: &mut Db, command: ContactCommand) -> Result<()> {
    match command {
        ContactCommand::Add(args) => {
            let fields = fields(args.fields);
            let id = db.update(|s| contacts::add(s, &args.name, args.id, fields))?;
            print(&format!("{} {id}\n", paint(GOOD, "Added")))
        }
        ContactCommand::Edit(args) => {
            let fields = fields(args.fields);
            let name = db.update(|s| contacts::edit(s, &args.id, args.name, fields))?;
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
            let name = db.update(|s| contacts::log(s, &id, date, note))?;
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
            let name = db.update(|s| contacts::remove(s, &id))?;
            print(&format!("Removed {name}\n"))
        }
        ContactCommand::Import { file } => {
            let imported = contacts::import(db, &file)?;
            print(&imported_text(&imported, &file.display().to_string()))
        }
        ContactCommand::Export { file } => {
            let s = db.load()?;
            write_output(Some(&file), &vcard::write(&s.contacts))
        }
    }
}

fn fields(f: ContactFields) -> contacts::ContactFields {
    contacts::ContactFields {
        company: f.company,
        title: f.title,
        emails: f.emails,
        phones: f.phones,
        how: f.how,
        mentor: f.mentor,
        cadence: f.cadence,
        note: f.note,
    }
}

fn imported_text(done: &CardsImported, name: &str) -> String {
    let mut out = format!(
        "{} {}, updated {} from {name}\n",
        paint(GOOD, "Added"),
        milemarker_core::text::count(done.added, "contact", "contacts"),
        done.updated
    );
    if !done.skipped.is_empty() {
        let skipped: Vec<String> = done
            .skipped
            .iter()
            .map(|(n, count)| format!("{n} ({count})"))
            .collect();
        out.push_str(&paint(DIM, &format!("Not kept: {}\n", skipped.join(", "))));
    }
    out
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

// The command line of this command, beside its handler.

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// Add someone to your network
    Add(ContactAddArgs),
    /// Change a contact; what is not given stays
    Edit(ContactEditArgs),
    /// List your contacts
    List(JsonFlag),
    /// Log that you were in touch (restarts the stay-in-touch timer)
    Log {
        /// The contact: its id, its name (any case), or the start of either, e.g. "Marcus O'Neil"
        id: String,
        /// When [default: today]
        #[arg(long, value_name = "DATE")]
        date: Option<jiff::civil::Date>,
        /// What you talked about
        #[arg(long)]
        note: Option<String>,
    },
    /// Who you are losing touch with: past their cadence, mentors first
    Due {
        /// The day to judge by [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<jiff::civil::Date>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Remove a contact
    Remove {
        /// The contact: its id, its name (any case), or the start of either, e.g. "Marcus O'Neil"
        id: String,
    },
    /// Import contacts from a vCard 3.0 file (- for standard input); known names are updated
    Import {
        /// The vCard file (- for standard input)
        file: PathBuf,
    },
    /// Write your contacts as vCard 3.0 (- for standard output)
    Export {
        /// Where to write it (- for standard output)
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ContactAddArgs {
    /// Their name, e.g. "Dana Whitfield"
    pub name: String,
    /// A short id [default: from the name, e.g. dana-whitfield]
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: ContactFields,
}

#[derive(Debug, Args)]
pub struct ContactEditArgs {
    /// The contact: its id, its name (any case), or the start of either, e.g. "Marcus O'Neil"
    pub id: String,
    /// Their name, as it should read
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: ContactFields,
}

#[derive(Debug, Args)]
pub struct ContactFields {
    /// Where they work
    #[arg(long)]
    pub company: Option<String>,
    /// Their job title
    #[arg(long)]
    pub title: Option<String>,
    /// An email address; repeatable (replaces the list when editing)
    #[arg(long = "email", value_name = "ADDRESS")]
    pub emails: Vec<String>,
    /// A phone number; repeatable (replaces the list when editing)
    #[arg(long = "phone", value_name = "NUMBER")]
    pub phones: Vec<String>,
    /// How you know them, e.g. "former manager"
    #[arg(long, value_name = "TEXT")]
    pub how: Option<String>,
    /// A mentor (true or false)
    #[arg(long, num_args = 0..=1, default_missing_value = "true")]
    pub mentor: Option<bool>,
    /// Stay in touch at least every N days (0 to stop reminders)
    #[arg(long, value_name = "DAYS")]
    pub cadence: Option<u32>,
    /// Anything to remember about them
    #[arg(long)]
    pub note: Option<String>,
}
