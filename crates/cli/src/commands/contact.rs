//! The network (003: "build your network"): contacts with a stay-in-touch cadence, a log that
//! restarts the timer, the losing-touch list, and vCard 3.0 in and out.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use milemarker_app::contacts;
use milemarker_app::present::network as present;
use milemarker_core::network::due;
use milemarker_core::vcard;

use crate::cli::{ContactId, JsonFlag, When};
use crate::context::{Db, as_of, happened_on, write_output};
use crate::document::{answer, show};

pub fn run(db: &mut Db, command: ContactCommand) -> Result<()> {
    match command {
        ContactCommand::Add(args) => {
            let fields = fields(args.fields);
            let id = db.update(|s| contacts::add(s, &args.name, args.id, fields))?;
            show(&present::added(id))
        }
        ContactCommand::Edit(args) => {
            let fields = fields(args.fields);
            let name = db.update(|s| contacts::edit(s, &args.contact.id, args.name, fields))?;
            show(&present::updated(&name))
        }
        ContactCommand::List(flag) => {
            let s = db.load()?;
            answer(flag.json, &s.contacts, || present::contacts(&s))
        }
        ContactCommand::Log {
            contact,
            when,
            note,
        } => {
            let date = happened_on(when.date)?;
            let name = db.update(|s| contacts::log(s, &contact.id, date, note))?;
            show(&present::contact_logged(&name, date))
        }
        ContactCommand::Due { as_of: day, json } => {
            let day = as_of(day)?;
            let s = db.load()?;
            let list = due(&s.contacts, day);
            answer(json.json, &list, || present::losing_touch(&list))
        }
        ContactCommand::Remove(contact) => {
            let name = db.update(|s| contacts::remove(s, &contact.id))?;
            show(&present::removed(&name))
        }
        ContactCommand::Import { file } => {
            let imported = contacts::import(db, &file)?;
            show(&present::imported(&imported, &file.display().to_string()))
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
        #[command(flatten)]
        contact: ContactId,
        #[command(flatten)]
        when: When,
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
    Remove(ContactId),
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
    #[command(flatten)]
    pub contact: ContactId,
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
