//! The read-mostly pages: tasks and the energy audit, contacts due, the opportunities board.

use askama::Template;
use jiff::civil::Date;
use milemarker_core::career::Snapshot;
use milemarker_core::life::{AuditReport, Task, audit};
use milemarker_core::network::{Stage, due, stage_word};
use milemarker_core::text::{percent, word};

#[derive(Template)]
#[template(path = "tasks.html")]
struct TasksPage<'a> {
    current: &'static str,
    tasks: &'a [Task],
    report: Option<AuditReport>,
    drain: String,
    suggestions: Vec<String>,
}

pub fn tasks(s: &Snapshot) -> askama::Result<String> {
    let report = s.audits.last().map(audit);
    let drain = report
        .as_ref()
        .and_then(|r| r.drain_share)
        .map_or("-".into(), percent);
    let suggestions = report
        .iter()
        .flat_map(|r| &r.suggestions)
        .map(|g| format!("{}: {}, {}", g.task, word(&g.action), g.reason))
        .collect();
    TasksPage {
        current: "tasks",
        tasks: &s.tasks,
        report,
        drain,
        suggestions,
    }
    .render()
}

struct DueRow {
    name: String,
    mentor: bool,
    last: String,
    overdue: i64,
}

#[derive(Template)]
#[template(path = "contacts.html")]
struct ContactsPage {
    current: &'static str,
    due: Vec<DueRow>,
    total: usize,
}

pub fn contacts(s: &Snapshot, today: Date) -> askama::Result<String> {
    let due = due(&s.contacts, today)
        .into_iter()
        .map(|d| DueRow {
            name: d.contact.name.clone(),
            mentor: d.contact.mentor,
            last: d.last_contact.map_or("never".into(), |d| d.to_string()),
            overdue: d.overdue_days,
        })
        .collect();
    ContactsPage {
        current: "contacts",
        due,
        total: s.contacts.len(),
    }
    .render()
}

struct Card {
    id: u32,
    company: String,
    role: String,
    since: Date,
    days: i64,
    /// Waiting long enough in an early stage that it risks being ignored.
    stale: bool,
}

#[derive(Template)]
#[template(path = "opportunities.html")]
struct Board {
    current: &'static str,
    columns: Vec<(&'static str, Vec<Card>)>,
    closed: usize,
}

/// Days after which a new or replied opportunity counts as waiting on you (the marker's default).
const STALE_DAYS: i64 = 14;

pub fn opportunities(s: &Snapshot, today: Date) -> askama::Result<String> {
    let open = [
        Stage::New,
        Stage::Replied,
        Stage::Applied,
        Stage::Interviewing,
        Stage::Offer,
    ];
    let columns = open
        .iter()
        .map(|&stage| {
            let cards = s
                .opportunities
                .iter()
                .filter(|o| o.stage() == stage)
                .map(|o| {
                    let days = (today - o.since()).get_days().into();
                    Card {
                        id: o.id,
                        company: o.company.clone(),
                        role: o.role.clone(),
                        since: o.since(),
                        days,
                        stale: matches!(stage, Stage::New | Stage::Replied) && days > STALE_DAYS,
                    }
                })
                .collect();
            (stage_word(stage), cards)
        })
        .collect();
    Board {
        current: "opportunities",
        columns,
        closed: s
            .opportunities
            .iter()
            .filter(|o| !o.stage().is_open())
            .count(),
    }
    .render()
}
