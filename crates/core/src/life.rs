//! The everyday half: weekly check-ins against the hours boundary (000), the energy audit (002)
//! and the seasons of career and life (001). Pure functions; "today" is always an argument.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::invalid::InvalidField;
use crate::limits::{self, check_length};
use crate::week::IsoWeek;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    pub week: IsoWeek,
    pub hours: f64,
    /// Weekend days worked, 0-2.
    pub weekend_days: u8,
    /// Evenings worked, 0-7.
    pub evenings: u8,
    /// 1 (drained) to 5 (energised).
    pub energy: u8,
    /// 1 to 5.
    pub satisfaction: u8,
    pub note: Option<String>,
}

impl CheckIn {
    pub fn validate(&self) -> Result<(), InvalidField> {
        if !(0.0..=168.0).contains(&self.hours) {
            return Err(InvalidField::new(
                "hours",
                format!("{} is not 0 to 168 hours in a week", self.hours),
            ));
        }
        if self.weekend_days > 2 {
            return Err(InvalidField::new(
                "weekend_days",
                format!("{} is more than the 2 days of a weekend", self.weekend_days),
            ));
        }
        if self.evenings > 7 {
            return Err(InvalidField::new(
                "evenings",
                format!("{} is more than 7", self.evenings),
            ));
        }
        for (field, v) in [("energy", self.energy), ("satisfaction", self.satisfaction)] {
            if !(1..=5).contains(&v) {
                return Err(InvalidField::new(field, format!("{v} is outside 1..5")));
            }
        }
        if let Some(note) = &self.note {
            check_length("note", note, limits::CHECKIN_NOTE)?;
        }
        Ok(())
    }
}

/// Adds a check-in, or replaces the one for the same week; says whether it replaced one.
pub fn record_checkin(checkins: &mut Vec<CheckIn>, checkin: CheckIn) -> bool {
    match checkins.iter_mut().find(|c| c.week == checkin.week) {
        Some(existing) => {
            *existing = checkin;
            true
        }
        None => {
            checkins.push(checkin);
            checkins.sort_by_key(|c| c.week);
            false
        }
    }
}

/// One week's hours as milemarker counts them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekHours {
    pub week: IsoWeek,
    pub hours: f64,
    pub weekend_days: u8,
    pub evenings: u8,
    /// "checkin" and/or the trackers that saw time that week.
    pub sources: Vec<String>,
    /// What the trackers saw, when they saw anything (even if a check-in decides the week).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracked_hours: Option<f64>,
}

/// The merge rule: a check-in is the person's own account of the week (trackers miss meetings and
/// time away from the computer), so where there is one it decides the week; tracked time fills
/// the weeks without one.
pub fn merged_weeks(
    checkins: &[CheckIn],
    tracked: &std::collections::BTreeMap<IsoWeek, crate::tracker::TrackedWeek>,
) -> Vec<WeekHours> {
    let mut weeks: std::collections::BTreeMap<IsoWeek, WeekHours> =
        std::collections::BTreeMap::new();
    for (week, t) in tracked {
        let sources = t
            .sources
            .iter()
            .map(|s| crate::tracker::tracker_name(*s).to_string())
            .collect();
        weeks.insert(
            *week,
            WeekHours {
                week: *week,
                hours: t.hours,
                weekend_days: t.weekend_days,
                evenings: t.evenings,
                sources,
                tracked_hours: Some(t.hours),
            },
        );
    }
    for c in checkins {
        let entry = weeks.entry(c.week).or_insert_with(|| WeekHours {
            week: c.week,
            hours: 0.0,
            weekend_days: 0,
            evenings: 0,
            sources: Vec::new(),
            tracked_hours: None,
        });
        entry.hours = c.hours;
        entry.weekend_days = c.weekend_days;
        entry.evenings = c.evenings;
        entry.sources.insert(0, "checkin".to_string());
    }
    weeks.into_values().collect()
}

/// Weeks over the boundary in a recent window: overwork creep (000) fires at 3 of the last 4.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Creep {
    /// `None` when fewer weeks of the window have data than the threshold needs.
    pub fired: Option<bool>,
    pub boundary: f64,
    pub window: Vec<IsoWeek>,
    /// The weeks of the window that went over the boundary, with their hours.
    pub over: Vec<(IsoWeek, f64)>,
    pub weeks_with_data: usize,
    pub threshold: usize,
}

/// The window is the `window` complete ISO weeks before the week of `as_of`: the current week is
/// still being lived, so it never counts, whatever day `as_of` falls on.
pub fn overwork_creep(
    weeks_hours: &[(IsoWeek, f64)],
    boundary: f64,
    as_of: Date,
    window: usize,
    threshold: usize,
) -> Creep {
    let weeks = IsoWeek::of(as_of).previous().window(window);
    let in_window: Vec<&(IsoWeek, f64)> = weeks_hours
        .iter()
        .filter(|(w, _)| weeks.contains(w))
        .collect();
    let over: Vec<(IsoWeek, f64)> = in_window
        .iter()
        .filter(|(_, h)| *h > boundary)
        .map(|&&wh| wh)
        .collect();
    // Unrecorded weeks might have been over: only when even they could not reach the threshold
    // is "not fired" certain.
    let missing = weeks.len() - in_window.len();
    let fired = if over.len() >= threshold {
        Some(true)
    } else if over.len() + missing < threshold {
        Some(false)
    } else {
        None
    };
    Creep {
        fired,
        boundary,
        window: weeks,
        over,
        weeks_with_data: in_window.len(),
        threshold,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: String,
    pub name: String,
    pub hours_per_week: f64,
    /// -2 drains you .. +2 energises you.
    pub energy: i8,
    /// 1 (poor use of your skills) to 5 (your strengths).
    pub skill_fit: u8,
    /// Could someone else do it (and perhaps enjoy it: 002's swap)?
    pub delegable: bool,
}

impl Task {
    pub fn validate(&self) -> Result<(), InvalidField> {
        if !(0.0..=168.0).contains(&self.hours_per_week) {
            return Err(InvalidField::new(
                "hours",
                format!("{} is not 0 to 168 a week", self.hours_per_week),
            ));
        }
        if !(-2..=2).contains(&self.energy) {
            return Err(InvalidField::new(
                "energy",
                format!("{} is outside -2 (drains) .. +2 (energises)", self.energy),
            ));
        }
        if !(1..=5).contains(&self.skill_fit) {
            return Err(InvalidField::new(
                "skill_fit",
                format!("{} is outside 1..5", self.skill_fit),
            ));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    Drop,
    Offload,
    TimeBox,
    Batch,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The task's id.
    pub task: String,
    /// The task's name, as prose says it.
    pub name: String,
    pub action: Action,
    pub reason: String,
}

/// An audit as kept: the date and the tasks as they stood.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Audit {
    pub date: Date,
    pub tasks: Vec<Task>,
}

impl Audit {
    /// Keeps today's tasks as the audit of `date`, in date order; a second audit on the same day
    /// replaces the first. Refuses when there are no tasks to audit: the refusal is about the
    /// task list as a whole, so its field is `tasks` and the message reads alone.
    pub fn record(audits: &mut Vec<Audit>, tasks: &[Task], date: Date) -> Result<(), InvalidField> {
        if tasks.is_empty() {
            return Err(InvalidField::new(
                "tasks",
                "no tasks to audit; add what you do each week with `milemarker task add`",
            ));
        }
        audits.retain(|a| a.date != date);
        audits.push(Audit {
            date,
            tasks: tasks.to_vec(),
        });
        audits.sort_by_key(|a| a.date);
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditReport {
    pub date: Date,
    pub total_hours: f64,
    pub draining_hours: f64,
    /// Share of task hours that drain you (0-1); `None` with no hours.
    pub drain_share: Option<f64>,
    pub suggestions: Vec<Suggestion>,
}

/// The audit (002): "look at the job functions that utterly deplete you, and try to offload them
/// ... try limiting the time you spend on soul-sucking tasks or slot them into a certain day".
/// One suggestion per draining task, the first that fits:
/// drop a heavy drain that wastes your skills; offload what someone else could do; time-box a
/// drain that takes 6+ hours a week; else batch it into one day.
pub fn audit(audit: &Audit) -> AuditReport {
    let total_hours: f64 = audit.tasks.iter().map(|t| t.hours_per_week).sum();
    let draining: Vec<&Task> = audit.tasks.iter().filter(|t| t.energy < 0).collect();
    let draining_hours: f64 = draining.iter().map(|t| t.hours_per_week).sum();
    let suggestions = draining
        .iter()
        .map(|t| {
            let (action, reason) = if t.energy == -2 && t.skill_fit <= 2 {
                (Action::Drop, format!("it drains you and barely uses your skills (fit {}/5): ask what breaks if it stops", t.skill_fit))
            } else if t.delegable {
                (Action::Offload, "someone else could do it, and may even enjoy it: offer a swap".to_string())
            } else if t.hours_per_week >= 6.0 {
                let cap = (t.hours_per_week / 2.0).round();
                (Action::TimeBox, format!("it takes {} hours a week: cap it at {cap}", crate::decision::format_number(t.hours_per_week)))
            } else {
                (Action::Batch, "slot it into one day of the week so it stops leaking into the rest".to_string())
            };
            Suggestion { task: t.id.clone(), name: t.name.clone(), action, reason }
        })
        .collect();
    AuditReport {
        date: audit.date,
        total_hours,
        draining_hours,
        drain_share: (total_hours > 0.0).then(|| draining_hours / total_hours),
        suggestions,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LifeArea {
    Career,
    Family,
    Health,
    Personal,
}

impl LifeArea {
    /// Every choice, in the order a list of them shows.
    pub const ALL: [LifeArea; 4] = [
        LifeArea::Career,
        LifeArea::Family,
        LifeArea::Health,
        LifeArea::Personal,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeasonKind {
    /// Plant new opportunities and new beginnings.
    Spring,
    /// Nourish, protect and grow what was planted.
    Summer,
    /// Harvest, or see what has not grown and change course.
    Fall,
    /// Plan, reflect, hibernate to recharge.
    Winter,
}

impl SeasonKind {
    /// Every choice, in the order a list of them shows.
    pub const ALL: [SeasonKind; 4] = [
        SeasonKind::Spring,
        SeasonKind::Summer,
        SeasonKind::Fall,
        SeasonKind::Winter,
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Season {
    pub area: LifeArea,
    pub season: SeasonKind,
    pub since: Date,
}

/// The season each area is in on `as_of`: the latest that started on or before it.
pub fn current_seasons(history: &[Season], as_of: Date) -> Vec<&Season> {
    let mut current: Vec<&Season> = Vec::new();
    for entry in history.iter().filter(|s| s.since <= as_of) {
        match current.iter_mut().find(|c| c.area == entry.area) {
            Some(slot) if slot.since <= entry.since => *slot = entry,
            Some(_) => {}
            None => current.push(entry),
        }
    }
    current.sort_by_key(|s| s.area as u8);
    current
}

/// What a season asks of you (001); a career in winter makes a step back a plan, not a failure.
pub fn season_meaning(area: LifeArea, season: SeasonKind) -> &'static str {
    match (area, season) {
        (LifeArea::Career, SeasonKind::Winter) => {
            "plan, reflect, recharge: a step back now is a plan, not a failure"
        }
        (_, SeasonKind::Spring) => "plant new opportunities and new beginnings",
        (_, SeasonKind::Summer) => "nourish, protect and grow what you planted",
        (_, SeasonKind::Fall) => "harvest, or see what has not grown and change course",
        (_, SeasonKind::Winter) => "plan, reflect, and rest to recharge",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn hours_of(checkins: &[CheckIn]) -> Vec<(IsoWeek, f64)> {
        checkins.iter().map(|c| (c.week, c.hours)).collect()
    }

    fn week(hours: f64, w: &str) -> CheckIn {
        CheckIn {
            week: w.parse().unwrap(),
            hours,
            weekend_days: 0,
            evenings: 0,
            energy: 3,
            satisfaction: 3,
            note: None,
        }
    }

    #[test]
    fn creep_fires_on_three_of_the_last_four_complete_weeks() {
        let weeks = [
            ("2026-W40", 50.0),
            ("2026-W41", 38.0),
            ("2026-W42", 52.0),
            ("2026-W43", 45.0),
            ("2026-W44", 60.0),
        ];
        let checkins: Vec<CheckIn> = weeks.iter().map(|(w, h)| week(*h, w)).collect();
        // 2026-10-28 is in W44, which is not complete: the window is W40-W43.
        let creep = overwork_creep(&hours_of(&checkins), 40.0, date(2026, 10, 28), 4, 3);
        assert_eq!(creep.fired, Some(true));
        assert_eq!(creep.over.len(), 3);
        assert_eq!(creep.window[0].to_string(), "2026-W40");
        // Any day of W44 gives the same window.
        for day in 26..=31 {
            assert_eq!(
                overwork_creep(&hours_of(&checkins), 40.0, date(2026, 10, day), 4, 3).window,
                creep.window
            );
        }
        // Right at the boundary is not over it.
        let at = overwork_creep(&hours_of(&checkins), 45.0, date(2026, 10, 28), 4, 3);
        assert_eq!(at.fired, Some(false), "50 and 52 are over 45; 45 is not");
    }

    #[test]
    fn creep_without_enough_weeks_says_so() {
        let checkins = vec![week(50.0, "2026-W42"), week(30.0, "2026-W43")];
        let creep = overwork_creep(&hours_of(&checkins), 40.0, date(2026, 10, 28), 4, 3);
        assert_eq!(
            creep.fired, None,
            "2 of 4 weeks recorded: 3 over is still possible"
        );
        let calm = vec![
            week(30.0, "2026-W41"),
            week(30.0, "2026-W42"),
            week(30.0, "2026-W43"),
        ];
        assert_eq!(
            overwork_creep(&hours_of(&calm), 40.0, date(2026, 10, 28), 4, 3).fired,
            Some(false)
        );
    }

    #[test]
    fn a_second_checkin_for_a_week_replaces_the_first() {
        let mut list = vec![week(40.0, "2026-W02")];
        assert!(!record_checkin(&mut list, week(45.0, "2026-W01")));
        assert!(record_checkin(&mut list, week(52.0, "2026-W02")));
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].week.to_string(), "2026-W01");
        assert_eq!(list[1].hours, 52.0);
    }

    fn task(id: &str, hours: f64, energy: i8, fit: u8, delegable: bool) -> Task {
        Task {
            id: id.into(),
            name: id.into(),
            hours_per_week: hours,
            energy,
            skill_fit: fit,
            delegable,
        }
    }

    #[test]
    fn the_audit_suggests_one_thing_per_draining_task() {
        let report = audit(&Audit {
            date: date(2026, 11, 20),
            tasks: vec![
                task("expense-reports", 2.0, -2, 1, false),
                task("status-meetings", 8.0, -1, 3, false),
                task("vendor-calls", 3.0, -1, 3, true),
                task("budget-review", 2.0, -1, 4, false),
                task("campaign-strategy", 25.0, 2, 5, false),
            ],
        });
        let actions: Vec<Action> = report.suggestions.iter().map(|s| s.action).collect();
        assert_eq!(
            actions,
            [
                Action::Drop,
                Action::TimeBox,
                Action::Offload,
                Action::Batch
            ]
        );
        assert_eq!(report.draining_hours, 15.0);
        assert_eq!(report.drain_share, Some(15.0 / 40.0));
        assert!(report.suggestions[1].reason.contains("cap it at 4"));
    }

    #[test]
    fn seasons_are_the_latest_started() {
        let history = vec![
            Season {
                area: LifeArea::Career,
                season: SeasonKind::Summer,
                since: date(2025, 1, 1),
            },
            Season {
                area: LifeArea::Career,
                season: SeasonKind::Winter,
                since: date(2026, 6, 1),
            },
            Season {
                area: LifeArea::Family,
                season: SeasonKind::Spring,
                since: date(2026, 3, 1),
            },
        ];
        let now = current_seasons(&history, date(2026, 11, 22));
        assert_eq!(now.len(), 2);
        assert_eq!(now[0].season, SeasonKind::Winter);
        let then = current_seasons(&history, date(2026, 1, 1));
        assert_eq!(then.len(), 1);
        assert_eq!(then[0].season, SeasonKind::Summer);
    }
}
