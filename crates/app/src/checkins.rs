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

/// One of the check-in's questions, as every face asks it: the terminal's prompt, the form's
/// label, the answers it takes, and the answer when none is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    /// The answer's name: the form field, and the flag without its dashes.
    pub field: &'static str,
    /// What is asked, e.g. "Energy".
    pub label: &'static str,
    /// The answers it takes, in words ("1 drained to 5 energised"); empty when the range
    /// says enough.
    pub scale: &'static str,
    /// The lowest answer.
    pub low: u8,
    /// The highest answer.
    pub high: u8,
    /// The answer when none is given or stored; `None` when it must be given.
    pub default: Option<u8>,
    /// It takes fractions (hours); the others take whole numbers.
    pub fractions: bool,
}

impl Question {
    /// The question with its scale, as a prompt asks it: "Energy, 1 drained to 5 energised".
    pub fn asked(&self) -> String {
        match self.scale {
            "" => self.label.to_string(),
            scale => format!("{}, {scale}", self.label),
        }
    }

    /// The scale as a form's hint beside the label: "(0 to 2)"; empty when it has none.
    pub fn hint(&self) -> String {
        match self.scale {
            "" => String::new(),
            scale => format!("({scale})"),
        }
    }

    /// Whether `answer` is one the question takes; if not, what to give instead.
    pub fn takes(&self, answer: f64) -> Result<(), String> {
        let whole = self.fractions || answer.fract() == 0.0;
        match whole && (f64::from(self.low)..=f64::from(self.high)).contains(&answer) {
            true => Ok(()),
            false => Err(format!("give {} to {}", self.low, self.high)),
        }
    }

    /// The answer as stored in `c`.
    pub fn stored(&self, c: &CheckIn) -> f64 {
        match self.field {
            "hours" => c.hours,
            "weekend_days" => c.weekend_days.into(),
            "evenings" => c.evenings.into(),
            "energy" => c.energy.into(),
            _ => c.satisfaction.into(),
        }
    }
}

/// Hours worked in the week.
pub const HOURS: Question = Question {
    field: "hours",
    label: "Hours worked",
    scale: "",
    low: 0,
    high: 168,
    default: None,
    fractions: true,
};
/// Weekend days worked.
pub const WEEKEND_DAYS: Question = Question {
    field: "weekend_days",
    label: "Weekend days worked",
    scale: "0 to 2",
    low: 0,
    high: 2,
    default: Some(0),
    fractions: false,
};
/// Evenings worked.
pub const EVENINGS: Question = Question {
    field: "evenings",
    label: "Evenings worked",
    scale: "0 to 7",
    low: 0,
    high: 7,
    default: Some(0),
    fractions: false,
};
/// Energy through the week.
pub const ENERGY: Question = Question {
    field: "energy",
    label: "Energy",
    scale: "1 drained to 5 energised",
    low: 1,
    high: 5,
    default: None,
    fractions: false,
};
/// Satisfaction with the week.
pub const SATISFACTION: Question = Question {
    field: "satisfaction",
    label: "Satisfaction",
    scale: "1 to 5",
    low: 1,
    high: 5,
    default: None,
    fractions: false,
};

/// The check-in's questions, in the order they are asked.
pub const QUESTIONS: [Question; 5] = [HOURS, WEEKEND_DAYS, EVENINGS, ENERGY, SATISFACTION];

/// The last, free question: anything about the week.
pub const NOTE: &str = "Anything to note";

impl Answers {
    /// The answer given to `q`, if any.
    pub fn get(&self, q: &Question) -> Option<f64> {
        match q.field {
            "hours" => self.hours,
            "weekend_days" => self.weekend_days.map(f64::from),
            "evenings" => self.evenings.map(f64::from),
            "energy" => self.energy.map(f64::from),
            _ => self.satisfaction.map(f64::from),
        }
    }

    /// Gives `answer` to `q` (within its range, so whole questions take it whole).
    pub fn set(&mut self, q: &Question, answer: f64) {
        let whole = Some(answer.round().clamp(0.0, 255.0) as u8);
        match q.field {
            "hours" => self.hours = Some(answer),
            "weekend_days" => self.weekend_days = whole,
            "evenings" => self.evenings = whole,
            "energy" => self.energy = whole,
            _ => self.satisfaction = whole,
        }
    }
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

    #[test]
    fn the_questions_take_what_a_checkin_keeps() {
        let mut answers = Answers::default();
        for q in QUESTIONS {
            assert!(answers.get(&q).is_none(), "{}", q.field);
            answers.set(&q, f64::from(q.high));
            assert_eq!(answers.get(&q), Some(f64::from(q.high)), "{}", q.field);
        }
        // The highest answer to each question is one a check-in holds; one more is not.
        let c = merge(week(), answers.clone(), None).unwrap();
        assert_eq!(c.validate(), Ok(()));
        for q in QUESTIONS {
            assert_eq!(q.stored(&c), f64::from(q.high), "{}", q.field);
            let mut over = answers.clone();
            over.set(&q, f64::from(q.high) + 1.0);
            let err = merge(week(), over, None).unwrap().validate().unwrap_err();
            assert_eq!(err.field, q.field);
        }
        assert_eq!(ENERGY.asked(), "Energy, 1 drained to 5 energised");
        assert_eq!(HOURS.asked(), "Hours worked");
        assert_eq!(WEEKEND_DAYS.hint(), "(0 to 2)");
        assert_eq!(HOURS.takes(37.5), Ok(()));
        assert_eq!(ENERGY.takes(2.5), Err("give 1 to 5".into()));
        assert_eq!(EVENINGS.takes(8.0), Err("give 0 to 7".into()));
    }

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
