//! Reminders without a cloud: the weekly check-in, the review, contacts falling due and offer
//! deadlines as an iCalendar feed (RFC 5545) that any calendar app subscribes to on this machine
//! (`/calendar.ics`) or imports (`milemarker calendar --out FILE`).

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use milemarker_core::career::Snapshot;
use milemarker_core::vcard::{self, escape};

/// One reminder, all day.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Stable across feeds, so a calendar moves an event rather than adding a second one.
    pub uid: String,
    pub date: Date,
    pub summary: String,
    pub description: String,
    /// Repeats every week from `date`.
    pub weekly: bool,
}

/// The reminders the person's records call for, as of `today`.
pub fn events(s: &Snapshot, today: Date) -> Vec<Event> {
    let mut out = weekly_events(s, today);
    out.extend(contact_events(s, today));
    out.extend(offer_events(s, today));
    out
}

/// The check-in at the end of the working week; the review at the start of the next, when the
/// week just checked in counts (the review reads the complete weeks before today's).
fn weekly_events(s: &Snapshot, today: Date) -> Vec<Event> {
    // Work days run from Monday: five end on Friday.
    let days = s.profile.work_days.clamp(1, 7) as i8;
    let last_work_day = Weekday::from_monday_one_offset(days).expect("1 to 7 is a weekday");
    vec![
        Event {
            uid: "checkin@milemarker".into(),
            date: on_or_after(today, last_work_day),
            summary: "milemarker: weekly check-in".into(),
            description: "About a minute: this week's hours, evenings, energy and satisfaction. \
                          Run `milemarker checkin`, or open the Check in page of `milemarker \
                          serve`."
                .into(),
            weekly: true,
        },
        Event {
            uid: "review@milemarker".into(),
            date: on_or_after(today, Weekday::Monday),
            summary: "milemarker: read your review".into(),
            description: "The mile markers, your hours and energy, your decision and the next \
                          three actions: `milemarker review`, or the dashboard of `milemarker \
                          serve`."
                .into(),
            weekly: true,
        },
    ]
}

fn on_or_after(day: Date, weekday: Weekday) -> Date {
    let ahead = (weekday.to_monday_zero_offset() - day.weekday().to_monday_zero_offset() + 7) % 7;
    day.saturating_add(i64::from(ahead).days())
}

/// Each contact with a stay-in-touch cadence, on the day the cadence says to be in touch again;
/// one already due, today.
fn contact_events(s: &Snapshot, today: Date) -> Vec<Event> {
    s.contacts
        .iter()
        .filter_map(|c| {
            let cadence = c.cadence_days?;
            let due = c
                .last_contact()
                .map(|last| last.saturating_add(i64::from(cadence).days()))
                .filter(|due| *due > today)
                .unwrap_or(today);
            let who = if c.mentor {
                format!("{} (mentor)", c.name)
            } else {
                c.name.clone()
            };
            let last = c
                .last_contact()
                .map_or("You have not been in touch yet.".to_string(), |d| {
                    format!("Last in touch on {d}.")
                });
            Some(Event {
                uid: format!("contact-{}@milemarker", c.id),
                date: due,
                summary: format!("Be in touch with {who}"),
                description: format!(
                    "{last} Every {cadence} days, by your own cadence. Then log it: `milemarker \
                     contact log {}`.",
                    c.id
                ),
                weekly: false,
            })
        })
        .collect()
}

/// Each offer with a deadline, on an opportunity still open.
fn offer_events(s: &Snapshot, today: Date) -> Vec<Event> {
    s.offers
        .iter()
        .filter_map(|offer| {
            let deadline = offer.deadline.filter(|d| *d >= today)?;
            let o = s
                .opportunities
                .iter()
                .find(|o| o.id == offer.opportunity && o.stage().is_open())?;
            Some(Event {
                uid: format!("offer-{}@milemarker", o.id),
                date: deadline,
                summary: format!("Decide on the offer: {} at {}", o.role, o.company),
                description: format!(
                    "The offer's deadline. Weigh it against your values first: `milemarker \
                     opportunity promote {}`, then `milemarker decide`.",
                    o.id
                ),
                weekly: false,
            })
        })
        .collect()
}

/// The events as an iCalendar file: CRLF lines folded at 75 octets, text escaped. `stamp` is the
/// day the feed was made (DTSTAMP).
pub fn ics(events: &[Event], stamp: Date) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//milemarker//milemarker//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "X-WR-CALNAME:milemarker".into(),
    ];
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", e.uid));
        lines.push(format!("DTSTAMP:{}T000000Z", compact(stamp)));
        lines.push(format!("DTSTART;VALUE=DATE:{}", compact(e.date)));
        lines.push(format!(
            "DTEND;VALUE=DATE:{}",
            compact(e.date.saturating_add(1.day()))
        ));
        if e.weekly {
            lines.push("RRULE:FREQ=WEEKLY".into());
        }
        lines.push(format!("SUMMARY:{}", escape(&e.summary)));
        lines.push(format!("DESCRIPTION:{}", escape(&e.description)));
        // A reminder, not a meeting: it does not make the person look busy.
        lines.push("TRANSP:TRANSPARENT".into());
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        vcard::push_folded(&mut out, line);
    }
    out
}

/// 2026-11-28 -> "20261128".
fn compact(day: Date) -> String {
    format!("{:04}{:02}{:02}", day.year(), day.month(), day.day())
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use milemarker_core::example;

    use super::*;

    #[test]
    fn text_is_escaped_and_lines_folded_at_75_octets_between_characters() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        let long = format!("SUMMARY:{}", "é".repeat(60));
        let mut folded = String::new();
        vcard::push_folded(&mut folded, &long);
        for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{long}\r\n"));
    }

    #[test]
    fn the_example_person_gets_weekly_reminders_contacts_and_an_offer_deadline() {
        let today = date(2026, 10, 28); // a Wednesday
        let s = example::person_with_history(today);
        let events = events(&s, today);
        let checkin = &events[0];
        assert_eq!((checkin.date, checkin.weekly), (date(2026, 10, 30), true));
        assert_eq!(events[1].date, date(2026, 11, 2), "the next Monday");
        // Contacts past their cadence are due today, not on a day gone by.
        let overdue = events
            .iter()
            .find(|e| e.summary == "Be in touch with Dana Whitfield (mentor)")
            .expect("the mentor");
        assert_eq!(overdue.date, today);
        assert!(events.iter().all(|e| e.date >= today));
        let feed = ics(&events, today);
        assert!(feed.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(feed.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(
            feed.matches("BEGIN:VEVENT").count(),
            feed.matches("END:VEVENT").count()
        );
        assert!(feed.contains("DTSTART;VALUE=DATE:20261030\r\nDTEND;VALUE=DATE:20261031\r\n"));
        assert!(
            !feed.replace("\r\n", "").contains('\n'),
            "every line ends CRLF"
        );
    }

    #[test]
    fn an_offer_deadline_is_a_reminder_until_it_passes() {
        let today = date(2026, 10, 28);
        let mut s = example::person_with_history(today);
        s.offers.push(milemarker_core::network::Offer {
            opportunity: 2,
            base: 98_000.0,
            bonus: None,
            equity: None,
            deadline: Some(date(2026, 11, 6)),
        });
        let offer = events(&s, today)
            .into_iter()
            .find(|e| e.uid == "offer-2@milemarker")
            .expect("the offer's deadline");
        assert_eq!(offer.date, date(2026, 11, 6));
        assert_eq!(
            offer.summary,
            "Decide on the offer: Product Marketing Manager at Fabrikam"
        );
        for offer in &mut s.offers {
            offer.deadline = Some(date(2026, 10, 27));
        }
        assert!(
            !events(&s, today)
                .iter()
                .any(|e| e.uid.starts_with("offer-"))
        );
    }
}
