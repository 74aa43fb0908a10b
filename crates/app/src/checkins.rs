//! The weekly check-in: a week's hours, energy and satisfaction; a second one for the same week
//! updates it.

use anyhow::{Result, bail};
use jiff::civil::Date;
use milemarker_core::career::Snapshot;
use milemarker_core::life::{CheckIn, record_checkin};
use milemarker_core::week::IsoWeek;

/// The answers given for a week; what is `None` stays as the week's stored check-in has it.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    pub hours: Option<f64>,
    pub weekend_days: Option<u8>,
    pub evenings: Option<u8>,
    pub energy: Option<u8>,
    pub satisfaction: Option<u8>,
    pub note: Option<String>,
}

/// What recording a check-in did.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub checkin: CheckIn,
    /// The week had one already.
    pub replaced: bool,
    /// The person's weekly boundary, to judge the hours against.
    pub boundary: f64,
}

/// Refuses a week that has not started by `today`.
pub fn check_week(week: IsoWeek, today: Date) -> Result<()> {
    week.started_by(today)
        .map_err(|e| anyhow::anyhow!("--{}: {}; nothing was recorded", e.field, e.message))
}

/// Records the check-in of `week`: the answers over what is stored for it now (read under the
/// write lock, when called inside [`crate::records::Db::update`]).
pub fn record(s: &mut Snapshot, week: IsoWeek, answers: Answers) -> Result<Recorded> {
    let existing = s.checkins.iter().find(|c| c.week == week);
    let checkin = merge(week, answers, existing)?;
    checkin
        .validate()
        .map_err(|m| anyhow::anyhow!("{m}; nothing was recorded"))?;
    let replaced = record_checkin(&mut s.checkins, checkin.clone());
    Ok(Recorded {
        checkin,
        replaced,
        boundary: s.profile.boundary_hours,
    })
}

/// The week's check-in from the answers and the one stored; hours, energy and satisfaction must
/// come from one or the other.
pub fn merge(week: IsoWeek, answers: Answers, existing: Option<&CheckIn>) -> Result<CheckIn> {
    let hours = answers.hours.or(existing.map(|c| c.hours));
    let energy = answers.energy.or(existing.map(|c| c.energy));
    let satisfaction = answers.satisfaction.or(existing.map(|c| c.satisfaction));
    let (Some(hours), Some(energy), Some(satisfaction)) = (hours, energy, satisfaction) else {
        let missing: Vec<&str> = [
            ("--hours", hours.is_none()),
            ("--energy", energy.is_none()),
            ("--satisfaction", satisfaction.is_none()),
        ]
        .into_iter()
        .filter_map(|(flag, absent)| absent.then_some(flag))
        .collect();
        bail!(
            "a check-in needs {} (or run it on a terminal to be asked)",
            missing.join(", ")
        );
    };
    Ok(CheckIn {
        week,
        hours,
        weekend_days: answers
            .weekend_days
            .or(existing.map(|c| c.weekend_days))
            .unwrap_or(0),
        evenings: answers
            .evenings
            .or(existing.map(|c| c.evenings))
            .unwrap_or(0),
        energy,
        satisfaction,
        note: answers.note.or(existing.and_then(|c| c.note.clone())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week() -> IsoWeek {
        IsoWeek::of(Date::constant(2026, 11, 18))
    }

    #[test]
    fn a_first_checkin_needs_the_three_answers() {
        let mut s = Snapshot::default();
        let answers = Answers {
            hours: Some(40.0),
            ..Answers::default()
        };
        let err = record(&mut s, week(), answers).unwrap_err().to_string();
        assert!(err.contains("needs --energy, --satisfaction"), "{err}");
        assert!(s.checkins.is_empty());
    }

    #[test]
    fn a_second_checkin_keeps_what_is_not_given_again() {
        let mut s = Snapshot::default();
        let first = Answers {
            hours: Some(40.0),
            energy: Some(3),
            satisfaction: Some(4),
            note: Some("calm".into()),
            ..Answers::default()
        };
        assert!(!record(&mut s, week(), first).unwrap().replaced);
        let again = Answers {
            hours: Some(50.0),
            ..Answers::default()
        };
        let done = record(&mut s, week(), again).unwrap();
        assert!(done.replaced);
        assert_eq!(s.checkins.len(), 1);
        let c = &s.checkins[0];
        assert_eq!((c.hours, c.energy, c.satisfaction), (50.0, 3, 4));
        assert_eq!(c.note.as_deref(), Some("calm"));
    }
}
