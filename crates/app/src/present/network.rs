//! What the network and pipeline commands answer: contacts, who is losing touch, the leads with
//! their stage and offer.

use jiff::civil::Date;
use milemarker_core::career::Snapshot;
use milemarker_core::markers::grouped;
use milemarker_core::network::{
    Contact, Due, Offer, Source, Stage, days_between, overdue_words, source_word, stage_word,
    waited_words,
};

use super::{Output, Span, Tone};
use crate::contacts::CardsImported;
use crate::opportunities::{Listed, Promoted};

fn name(c: &Contact) -> String {
    format!("{}{}", c.name, if c.mentor { " (mentor)" } else { "" })
}

/// The person's contacts, with their cadence and last contact.
pub fn contacts(s: &Snapshot) -> Output {
    if s.contacts.is_empty() {
        return Output::line(
            "No contacts yet: `milemarker contact add \"Dana Whitfield\" --cadence 60`, or \
             import a vCard file.",
        );
    }
    let rows = s
        .contacts
        .iter()
        .map(|c| {
            let role = [c.title.as_deref(), c.company.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            let cadence = match c.cadence_days {
                None => Span::faint("no cadence"),
                Some(1) => "every day".into(),
                Some(d) => format!("every {d} days").into(),
            };
            let last = c
                .last_contact()
                .map_or_else(|| Span::faint("never"), |d| format!("last {d}").into());
            vec![
                c.id.clone().into(),
                name(c).into(),
                role.into(),
                cadence,
                last,
            ]
        })
        .collect();
    Output::table("Contacts", rows)
}

/// Who is past their stay-in-touch cadence.
pub fn losing_touch(list: &[Due]) -> Output {
    if list.is_empty() {
        return Output::line("Nobody is past their stay-in-touch cadence.");
    }
    let rows = list
        .iter()
        .map(|d| {
            let overdue = if d.overdue_days > 0 {
                Span::new(Tone::Warn, overdue_words(d.overdue_days))
            } else if d.last_contact.is_none() {
                "due now".into()
            } else {
                overdue_words(0).into()
            };
            let last = d
                .last_contact
                .map_or_else(|| "never contacted".into(), |l| format!("last {l}"));
            vec![
                d.contact.id.clone().into(),
                name(d.contact).into(),
                last.into(),
                overdue,
            ]
        })
        .collect();
    Output::table("Losing touch", rows)
}

/// What a vCard import from `file` did.
pub fn imported(done: &CardsImported, file: &str) -> Output {
    let contacts = milemarker_core::text::count(done.added, "contact", "contacts");
    let out = Output::said(
        Tone::Good,
        "Added",
        format!(" {contacts}, updated {} from {file}", done.updated),
    );
    if done.skipped.is_empty() {
        return out;
    }
    let skipped: Vec<String> = done
        .skipped
        .iter()
        .map(|(n, count)| format!("{n} ({count})"))
        .collect();
    out.with_line(vec![Span::faint(format!(
        "Not kept: {}",
        skipped.join(", ")
    ))])
}

/// "98,000 base + 9,500 bonus a year, decide by 2026-11-06" (the deadline while `open`).
pub fn terms(offer: &Offer, open: bool) -> String {
    let mut parts = vec![format!("{} base", grouped(offer.base))];
    if let Some(bonus) = offer.bonus {
        parts.push(format!("{} bonus", grouped(bonus)));
    }
    if let Some(equity) = offer.equity {
        parts.push(format!("{} equity", grouped(equity)));
    }
    let mut text = format!("{} a year", parts.join(" + "));
    if let Some(deadline) = offer.deadline.filter(|_| open) {
        text.push_str(&format!(", decide by {deadline}"));
    }
    text
}

/// "Added opportunity #3" and the like: `what` was added.
pub fn added(what: impl std::fmt::Display) -> Output {
    Output::said(Tone::Good, "Added", format!(" {what}"))
}

/// A contact changed: "Updated Dana Whitfield".
pub fn updated(name: &str) -> Output {
    Output::line(format!("Updated {name}"))
}

/// A contact removed: "Removed Dana Whitfield".
pub fn removed(name: &str) -> Output {
    Output::line(format!("Removed {name}"))
}

/// Being in touch with `name` on `date` logged.
pub fn contact_logged(name: &str, date: Date) -> Output {
    Output::line(format!(
        "Logged contact with {name} on {date}; the timer restarts."
    ))
}

/// The stage lead `id` moved to, and when.
pub fn moved(id: u32, stage: Stage, date: Date) -> Output {
    Output::line(format!(
        "Opportunity #{id} moved to the {} stage on {date}.",
        stage_word(stage)
    ))
}

/// The offer of lead `id` as recorded.
pub fn offer_recorded(id: u32, offer: &Offer) -> Output {
    let said = format!(" the offer of opportunity #{id}: {}", terms(offer, true));
    Output::said(Tone::Good, "Recorded", said)
}

/// What promoting the offer of lead `id` did, and what to do next.
pub fn promoted(id: u32, done: &Promoted) -> Output {
    let how = if done.linked {
        "is now linked to the option"
    } else {
        "is now the option"
    };
    let filled = if done.filled.is_empty() {
        String::new()
    } else {
        format!(" (from the offer: {})", done.filled.join(", "))
    };
    Output::line(format!(
        "Opportunity #{id} {how} \"{}\"{filled}. Score it against your values:",
        done.name
    ))
    .with_text(format!(
        "  milemarker option edit {} --score VALUE=N --attr KEY=VALUE",
        done.option
    ))
}

/// The leads with their stage, how long they waited, and their offer; a recruiter left waiting
/// `ignored_after` days or more, and an offer at its deadline, warn.
pub fn opportunities(items: &[Listed], today: Date, ignored_after: u32) -> Output {
    if items.is_empty() {
        return Output::line(
            "No open opportunities. `milemarker opportunity add --company ... --role ... \
             --source recruiter`",
        );
    }
    let rows = items
        .iter()
        .map(|listed| lead_row(listed, today, ignored_after))
        .collect();
    Output::table("Opportunities", rows)
}

fn lead_row(listed: &Listed, today: Date, ignored_after: u32) -> Vec<Span> {
    let o = listed.opportunity;
    let waited = days_between(o.since(), today);
    let ignored = o.stage() == Stage::New
        && o.source == Source::Recruiter
        && waited >= i64::from(ignored_after);
    let option = match (&o.option, o.stage()) {
        (Some(_), Stage::Accepted) => "the path taken",
        (Some(_), _) => "an option",
        (None, _) => "",
    };
    let mut row = vec![
        format!("#{}", o.id).into(),
        format!("{} at {}", o.role, o.company).into(),
        Span::faint(source_word(o.source)),
        Span::warn_if(
            ignored,
            format!("{} {}", stage_word(o.stage()), waited_words(waited)),
        ),
        Span::faint(option),
    ];
    if let Some(offer) = listed.offer {
        let open = o.stage().is_open();
        let due = offer.deadline.is_some_and(|d| open && d <= today);
        row.push(Span::warn_if(due, terms(offer, open)));
    }
    row
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use milemarker_core::network::{Opportunity, StageChange};

    use super::*;

    fn lead(source: Source, arrived: Date) -> Opportunity {
        Opportunity {
            id: 1,
            company: "Acme".into(),
            role: "Lead".into(),
            source,
            contact: None,
            history: vec![StageChange {
                stage: Stage::New,
                date: arrived,
            }],
            note: None,
            link: None,
            option: None,
        }
    }

    fn stage_tone(o: &Opportunity, today: Date) -> Tone {
        let listed = Listed {
            opportunity: o,
            offer: None,
        };
        lead_row(&listed, today, 7)[3].tone
    }

    #[test]
    fn a_recruiter_left_waiting_past_the_threshold_warns() {
        let today = date(2026, 11, 20);
        let waited = lead(Source::Recruiter, date(2026, 11, 13));
        assert_eq!(stage_tone(&waited, today), Tone::Warn);
        let fresh = lead(Source::Recruiter, date(2026, 11, 14));
        assert_eq!(stage_tone(&fresh, today), Tone::Plain);
        let posting = lead(Source::Posting, date(2026, 10, 1));
        assert_eq!(
            stage_tone(&posting, today),
            Tone::Plain,
            "only recruiters wait on you"
        );
    }

    #[test]
    fn the_deadline_is_said_only_while_the_lead_is_open() {
        let offer = Offer {
            opportunity: 1,
            base: 98_000.0,
            bonus: Some(9_500.0),
            equity: None,
            deadline: Some(date(2026, 11, 6)),
        };
        assert_eq!(
            terms(&offer, true),
            "98,000 base + 9,500 bonus a year, decide by 2026-11-06"
        );
        assert_eq!(terms(&offer, false), "98,000 base + 9,500 bonus a year");
    }
}
