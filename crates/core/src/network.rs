//! The network and the pipeline (003: "build your network"; 004: the recruiter you never
//! answered): contacts with a stay-in-touch cadence, and opportunities through their stages.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::invalid::InvalidField;

/// An email address, phone number or web address, with its vCard types ("WORK", "CELL", "pref")
/// and an Apple-style custom label (`itemN.X-ABLabel`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labeled {
    pub value: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interaction {
    pub date: Date,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: String,
    pub name: String,
    /// The organisation (vCard ORG, first component).
    pub company: Option<String>,
    /// Further ORG components: department, unit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub org_units: Vec<String>,
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<Labeled>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Labeled>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub urls: Vec<Labeled>,
    pub note: Option<String>,
    /// How you know them: "former manager", "met at LeadDev".
    pub how_known: Option<String>,
    #[serde(default)]
    pub mentor: bool,
    /// Stay in touch at least every so many days; none means no reminder.
    pub cadence_days: Option<u32>,
    /// Every logged contact, oldest first; the latest restarts the cadence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<Interaction>,
}

impl Contact {
    pub fn last_contact(&self) -> Option<Date> {
        self.log.iter().map(|i| i.date).max()
    }

    /// The last contact on or before `as_of`: what the record said that day.
    pub fn last_contact_on(&self, as_of: Date) -> Option<Date> {
        self.log
            .iter()
            .map(|i| i.date)
            .filter(|d| *d <= as_of)
            .max()
    }

    pub fn validate(&self) -> Result<(), InvalidField> {
        if self.name.trim().is_empty() {
            return Err(InvalidField::new("name", "a contact needs a name"));
        }
        if self.cadence_days == Some(0) {
            return Err(InvalidField::new(
                "cadence",
                "give a number of days of 1 or more",
            ));
        }
        for (field, items) in [
            ("emails", &self.emails),
            ("phones", &self.phones),
            ("urls", &self.urls),
        ] {
            if items.iter().any(|l| l.value.trim().is_empty()) {
                return Err(InvalidField::new(field, "an entry is empty"));
            }
        }
        Ok(())
    }

    /// Logs a contact, keeping the log in date order.
    pub fn record(&mut self, interaction: Interaction) {
        self.log.push(interaction);
        self.log.sort_by_key(|i| i.date);
    }
}

/// Someone you are losing touch with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Due<'a> {
    pub contact: &'a Contact,
    pub last_contact: Option<Date>,
    /// When the cadence says to be in touch again; `None` when never contacted (due now).
    pub due: Option<Date>,
    /// Days past due on `as_of` (0 when due today or never contacted).
    pub overdue_days: i64,
}

/// Contacts with a cadence whose next touch falls on or before `as_of`; mentors first, then the
/// most overdue.
pub fn due(contacts: &[Contact], as_of: Date) -> Vec<Due<'_>> {
    let mut out: Vec<Due> = contacts
        .iter()
        .filter_map(|c| {
            let cadence = c.cadence_days?;
            let last = c.last_contact_on(as_of);
            let due = last.map(|d| d.saturating_add(jiff::Span::new().days(i64::from(cadence))));
            if due.is_some_and(|d| d > as_of) {
                return None;
            }
            let overdue_days = due.map_or(0, |d| days_between(d, as_of));
            Some(Due {
                contact: c,
                last_contact: last,
                due,
                overdue_days,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.contact
            .mentor
            .cmp(&a.contact.mentor)
            .then(b.overdue_days.cmp(&a.overdue_days))
            .then(a.contact.id.cmp(&b.contact.id))
    });
    out
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
/// How far past its cadence a contact is, as a person says it: "due today", "1 day overdue".
pub fn overdue_words(days: i64) -> String {
    if days > 0 {
        format!("{} overdue", crate::text::count(days as f64, "day", "days"))
    } else {
        "due today".into()
    }
}

/// How long something has been in a stage, as a person says it: "since today", "since
/// yesterday", "for 12 days".
pub fn waited_words(days: i64) -> String {
    match days {
        0 => "since today".into(),
        1 => "since yesterday".into(),
        n => format!("for {}", crate::text::count(n as f64, "day", "days")),
    }
}

pub fn days_between(from: Date, to: Date) -> i64 {
    i64::from(
        to.since((jiff::Unit::Day, from))
            .expect("civil dates are within range")
            .get_days(),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Recruiter,
    Referral,
    Posting,
    Network,
}

impl Source {
    /// Every choice, in the order a list of them shows.
    pub const ALL: [Source; 4] = [
        Source::Recruiter,
        Source::Referral,
        Source::Posting,
        Source::Network,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    New,
    Replied,
    Applied,
    Interviewing,
    Offer,
    /// The offer taken: the lead ends as the path taken (schema 7).
    Accepted,
    Declined,
    Closed,
}

impl Stage {
    /// Every choice, in the order a list of them shows.
    pub const ALL: [Stage; 8] = [
        Stage::New,
        Stage::Replied,
        Stage::Applied,
        Stage::Interviewing,
        Stage::Offer,
        Stage::Accepted,
        Stage::Declined,
        Stage::Closed,
    ];

    /// Still a lead: not accepted, declined or closed.
    pub fn is_open(self) -> bool {
        !matches!(self, Stage::Accepted | Stage::Declined | Stage::Closed)
    }
}

/// What an offer carries (`opportunity offer`, schema 7): yearly pay before tax, in the person's
/// currency, and the date the answer is due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// The opportunity that made it.
    pub opportunity: u32,
    /// Base pay per year.
    pub base: f64,
    /// Bonus per year, at target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bonus: Option<f64>,
    /// Equity per year, at the offer's valuation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equity: Option<f64>,
    /// Decide by this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Date>,
}

impl Offer {
    /// Base, bonus and equity together, per year.
    pub fn yearly_total(&self) -> f64 {
        self.base + self.bonus.unwrap_or(0.0) + self.equity.unwrap_or(0.0)
    }

    pub fn validate(&self) -> Result<(), InvalidField> {
        for (field, amount) in [
            ("base", Some(self.base)),
            ("bonus", self.bonus),
            ("equity", self.equity),
        ] {
            if let Some(amount) = amount
                && !(amount.is_finite() && amount >= 0.0)
            {
                return Err(InvalidField::new(
                    field,
                    "give an amount of 0 or more per year",
                ));
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageChange {
    pub stage: Stage,
    pub date: Date,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    /// Numbered from 1; never reused.
    pub id: u32,
    pub company: String,
    pub role: String,
    pub source: Source,
    /// The contact who brought it, if any.
    pub contact: Option<String>,
    /// Every stage it reached with the date, oldest first; the first is when it arrived.
    pub history: Vec<StageChange>,
    pub note: Option<String>,
    pub link: Option<String>,
    /// The decision option it became (`opportunity promote`).
    pub option: Option<String>,
}

impl Opportunity {
    pub fn stage(&self) -> Stage {
        self.history.last().map_or(Stage::New, |c| c.stage)
    }

    pub fn arrived(&self) -> Date {
        self.history
            .first()
            .expect("validated: at least one stage")
            .date
    }

    /// When it entered its current stage.
    pub fn since(&self) -> Date {
        self.history
            .last()
            .expect("validated: at least one stage")
            .date
    }

    pub fn validate(&self) -> Result<(), InvalidField> {
        for (field, text) in [("company", &self.company), ("role", &self.role)] {
            if text.trim().is_empty() {
                return Err(InvalidField::new(
                    field,
                    "an opportunity needs both a company and a role",
                ));
            }
        }
        if self.history.is_empty() {
            return Err(InvalidField::new(
                "history",
                "an opportunity needs the date it arrived",
            ));
        }
        check_order(&self.history)
    }

    /// Moves to `stage` on `date`; refuses a date before the current stage's.
    pub fn advance(&mut self, stage: Stage, date: Date) -> Result<(), InvalidField> {
        if date < self.since() {
            return Err(InvalidField::new(
                "date",
                format!(
                    "{date} is before it became {} on {}",
                    stage_word(self.stage()),
                    self.since()
                ),
            ));
        }
        if stage == Stage::Accepted && !self.history.iter().any(|c| c.stage == Stage::Offer) {
            return Err(InvalidField::new(
                "stage",
                format!(
                    "only an offer can be accepted; it is {}",
                    stage_word(self.stage())
                ),
            ));
        }
        self.history.push(StageChange { stage, date });
        Ok(())
    }
}

/// Refuses a stage history whose dates go backwards.
pub fn check_order(history: &[StageChange]) -> Result<(), InvalidField> {
    for pair in history.windows(2) {
        if pair[1].date < pair[0].date {
            return Err(InvalidField::new(
                "history",
                format!(
                    "moved to {} on {}, before it was {} on {}",
                    stage_word(pair[1].stage),
                    pair[1].date,
                    stage_word(pair[0].stage),
                    pair[0].date
                ),
            ));
        }
    }
    Ok(())
}

pub fn stage_word(stage: Stage) -> &'static str {
    match stage {
        Stage::New => "new",
        Stage::Replied => "replied",
        Stage::Applied => "applied",
        Stage::Interviewing => "interviewing",
        Stage::Offer => "offer",
        Stage::Accepted => "accepted",
        Stage::Declined => "declined",
        Stage::Closed => "closed",
    }
}

pub fn source_word(source: Source) -> &'static str {
    match source {
        Source::Recruiter => "recruiter",
        Source::Referral => "referral",
        Source::Posting => "posting",
        Source::Network => "network",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn days_said_as_a_person_says_them() {
        assert_eq!(overdue_words(0), "due today");
        assert_eq!(overdue_words(1), "1 day overdue");
        assert_eq!(overdue_words(21), "21 days overdue");
        assert_eq!(waited_words(0), "since today");
        assert_eq!(waited_words(1), "since yesterday");
        assert_eq!(waited_words(2), "for 2 days");
    }

    fn contact(id: &str, cadence: Option<u32>, last: Option<Date>, mentor: bool) -> Contact {
        Contact {
            id: id.into(),
            name: id.into(),
            cadence_days: cadence,
            mentor,
            log: last
                .map(|d| Interaction {
                    date: d,
                    note: None,
                })
                .into_iter()
                .collect(),
            ..Contact::default()
        }
    }

    #[test]
    fn due_lists_mentors_first_then_most_overdue() {
        let today = date(2026, 10, 28);
        let contacts = vec![
            contact("fresh", Some(30), Some(date(2026, 10, 20)), false),
            contact("late", Some(30), Some(date(2026, 8, 1)), false),
            contact("mentor", Some(60), Some(date(2026, 8, 20)), true),
            contact("never", Some(90), None, false),
            contact("no-cadence", None, Some(date(2020, 1, 1)), false),
            contact("exactly", Some(28), Some(date(2026, 9, 30)), false),
        ];
        let due = due(&contacts, today);
        let ids: Vec<&str> = due.iter().map(|d| d.contact.id.as_str()).collect();
        assert_eq!(ids, ["mentor", "late", "exactly", "never"]);
        assert_eq!(
            due[1].overdue_days, 58,
            "due 2026-08-31, 58 days before 10-28"
        );
        assert_eq!(due[2].overdue_days, 0, "due today counts");
    }

    #[test]
    fn logging_restarts_the_timer() {
        let mut c = contact("late", Some(30), Some(date(2026, 8, 1)), false);
        c.record(Interaction {
            date: date(2026, 10, 27),
            note: Some("coffee".into()),
        });
        c.record(Interaction {
            date: date(2026, 5, 1),
            note: None,
        });
        assert_eq!(c.last_contact(), Some(date(2026, 10, 27)));
        assert!(due(std::slice::from_ref(&c), date(2026, 10, 28)).is_empty());
    }

    #[test]
    fn stages_move_forward_in_time_only() {
        let mut o = Opportunity {
            id: 1,
            company: "Acme".into(),
            role: "Head of Marketing".into(),
            source: Source::Recruiter,
            contact: None,
            history: vec![StageChange {
                stage: Stage::New,
                date: date(2026, 9, 1),
            }],
            note: None,
            link: None,
            option: None,
        };
        let early = o.advance(Stage::Replied, date(2026, 8, 30)).unwrap_err();
        assert_eq!(early.field, "date");
        assert_eq!(
            o.advance(Stage::Accepted, date(2026, 9, 2))
                .unwrap_err()
                .field,
            "stage",
            "not an offer yet"
        );
        o.advance(Stage::Replied, date(2026, 9, 2)).unwrap();
        assert_eq!(o.stage(), Stage::Replied);
        assert_eq!(o.arrived(), date(2026, 9, 1));
        assert_eq!(o.since(), date(2026, 9, 2));
        assert!(o.validate().is_ok());
    }
}
