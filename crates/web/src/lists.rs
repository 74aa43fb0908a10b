//! The list pages, each with its one-button actions: tasks and the energy audit (take the audit
//! now), contacts due (in touch today), the opportunities board (move to a stage).

use askama::Template;
use jiff::civil::Date;
use milemarker_app::present::life::audit as audit_output;
use milemarker_core::career::Snapshot;
use milemarker_core::life::{Task, audit};
use milemarker_core::network::{Stage, due, stage_word};

use crate::review::{BlockView, DocView, output_view};

/// What every list page is given beside the records.
pub struct PageContext {
    pub today: Date,
    /// The form token for the page's buttons.
    pub csrf: String,
    pub notice: Option<String>,
}

#[derive(Template)]
#[template(path = "tasks.html")]
struct TasksPage<'a> {
    current: &'static str,
    page: PageContext,
    tasks: &'a [Task],
    /// The latest audit and its trend, in the words of `milemarker audit`.
    audit: Option<DocView>,
}

pub fn tasks(s: &Snapshot, page: PageContext) -> askama::Result<String> {
    let all: Vec<_> = s.audits.iter().map(audit).collect();
    let audit = all
        .last()
        .map(|latest| output_view(&audit_output(latest, &all), &["audit", "audit-trend"]));
    TasksPage {
        current: "tasks",
        page,
        tasks: &s.tasks,
        audit,
    }
    .render()
}

struct DueRow {
    id: String,
    name: String,
    mentor: bool,
    last: String,
    overdue: i64,
}

#[derive(Template)]
#[template(path = "contacts.html")]
struct ContactsPage {
    current: &'static str,
    page: PageContext,
    due: Vec<DueRow>,
    total: usize,
}

pub fn contacts(s: &Snapshot, page: PageContext) -> askama::Result<String> {
    let due = due(&s.contacts, page.today)
        .into_iter()
        .map(|d| DueRow {
            id: d.contact.id.clone(),
            name: d.contact.name.clone(),
            mentor: d.contact.mentor,
            last: d.last_contact.map_or("never".into(), |d| d.to_string()),
            overdue: d.overdue_days,
        })
        .collect();
    ContactsPage {
        current: "contacts",
        page,
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
    /// How long ago it reached its stage: "today", "yesterday", "12 days ago".
    waited: String,
    /// Waiting long enough in an early stage that it risks being ignored.
    stale: bool,
    /// The stages it can move to: those after its own, then those that end it.
    moves: Vec<&'static str>,
    /// No stage onward leaves it open (an offer): the menu starts with a prompt to choose, so
    /// that no stage that ends the lead is preselected.
    choose: bool,
    /// An offer's date to decide by.
    decide_by: Option<Date>,
}

#[derive(Template)]
#[template(path = "opportunities.html")]
struct Board {
    current: &'static str,
    page: PageContext,
    columns: Vec<(&'static str, Vec<Card>)>,
    closed: usize,
    /// Accepted offers, "Role at Company", with the option each became: the path taken.
    taken: Vec<(String, Option<String>)>,
}

/// Days after which a new or replied opportunity counts as waiting on you (the marker's default).
const STALE_DAYS: i64 = 14;

/// Every stage, in the order an opportunity moves through them.
pub const STAGES: [Stage; 8] = Stage::ALL;

/// The stage a form names with its word ("interviewing").
pub fn stage_from_word(word: &str) -> Option<Stage> {
    STAGES.into_iter().find(|&s| stage_word(s) == word)
}

/// The stages after `stage`, those that keep the lead open first (the next one leads), then
/// those that end it; and whether none keeps it open.
fn moves_from(stage: Stage) -> (Vec<&'static str>, bool) {
    let later = STAGES.iter().skip_while(|&&s| s != stage).skip(1);
    let (open, ending): (Vec<Stage>, Vec<Stage>) = later.partition(|s| s.is_open());
    let choose = open.is_empty();
    let moves = open.into_iter().chain(ending).map(stage_word).collect();
    (moves, choose)
}

pub fn opportunities(s: &Snapshot, page: PageContext) -> askama::Result<String> {
    let today = page.today;
    let columns = STAGES[..5]
        .iter()
        .map(|&stage| {
            let cards = s
                .opportunities
                .iter()
                .filter(|o| o.stage() == stage)
                .map(|o| {
                    let days = (today - o.since()).get_days().into();
                    let (moves, choose) = moves_from(stage);
                    Card {
                        id: o.id,
                        company: o.company.clone(),
                        role: o.role.clone(),
                        since: o.since(),
                        waited: milemarker_core::text::days_ago(days),
                        stale: matches!(stage, Stage::New | Stage::Replied) && days > STALE_DAYS,
                        moves,
                        choose,
                        decide_by: s
                            .offers
                            .iter()
                            .find(|f| f.opportunity == o.id && stage == Stage::Offer)
                            .and_then(|f| f.deadline),
                    }
                })
                .collect();
            (stage_word(stage), cards)
        })
        .collect();
    Board {
        current: "opportunities",
        page,
        columns,
        closed: s
            .opportunities
            .iter()
            .filter(|o| !o.stage().is_open())
            .count(),
        taken: s
            .opportunities
            .iter()
            .filter(|o| o.stage() == Stage::Accepted)
            .map(|o| (format!("{} at {}", o.role, o.company), o.option.clone()))
            .collect(),
    }
    .render()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_opportunity_moves_forward_or_ends() {
        assert_eq!(
            moves_from(Stage::Applied),
            (
                vec!["interviewing", "offer", "accepted", "declined", "closed"],
                false
            )
        );
        assert_eq!(
            moves_from(Stage::Offer),
            (vec!["accepted", "declined", "closed"], true)
        );
        for stage in STAGES {
            assert_eq!(stage_from_word(stage_word(stage)), Some(stage));
        }
        assert_eq!(stage_from_word("hired"), None);
    }
}
