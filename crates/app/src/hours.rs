//! Weeks against the boundary (000: weekly, not daily, overtime) with overwork creep, and hours
//! imported from time trackers: intervals read from an export, added once however often the
//! export is imported again.

use std::path::Path;

use anyhow::{Context, Result};
use jiff::tz::TimeZone;
use milemarker_core::career::Snapshot;
use milemarker_core::life::{Creep, WeekHours, overwork_creep};
use milemarker_core::markers::thresholds::OverworkCreep;
use milemarker_core::tracker::{
    Parsed, TrackedInterval, Tracker, parse_activitywatch, parse_timewarrior, parse_toggl,
    parse_watson,
};

use crate::input::{TRACKER_LIMIT, read_input, refuse_empty};
use crate::records::counted_weeks;

/// The last weeks against the person's boundary, and whether overwork is creeping in.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Weeks {
    pub boundary: f64,
    /// Oldest first; none after the day judged by.
    pub weeks: Vec<WeekHours>,
    pub overwork_creep: Creep,
}

/// The `shown` weeks up to `as_of`, and overwork creep as `creep` defines it (by default over the
/// boundary in 3 of the last 4 complete weeks).
pub fn weeks(s: &Snapshot, as_of: jiff::civil::Date, shown: usize, creep: &OverworkCreep) -> Weeks {
    let boundary = s.profile.boundary_hours;
    let mut weeks = counted_weeks(s);
    let hours: Vec<_> = weeks.iter().map(|w| (w.week, w.hours)).collect();
    let creep = overwork_creep(
        &hours,
        boundary,
        as_of,
        creep.window_weeks,
        creep.weeks_over,
    );
    weeks.retain(|w| w.week.monday() <= as_of);
    weeks.drain(..weeks.len().saturating_sub(shown));
    Weeks {
        boundary,
        weeks,
        overwork_creep: creep,
    }
}

/// A tracker's export, read and parsed, not yet in the records.
#[derive(Debug, Clone)]
pub struct TrackerExport {
    /// Where it came from, for messages.
    pub name: String,
    pub source: Tracker,
    /// The IANA zone whose midnights split its hours into days.
    pub tz: String,
    pub parsed: Parsed,
}

/// What adding an export's intervals did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Added {
    pub added: usize,
    /// Already in the records from an earlier import.
    pub known: usize,
}

/// The zone given, else the system's; one this system does not know is refused.
pub fn zone_named(given: Option<String>) -> Result<String> {
    let tz = match given {
        Some(tz) => tz,
        None => TimeZone::system()
            .iana_name()
            .map(String::from)
            .context("cannot tell this system's time zone; pass --tz, e.g. --tz Europe/Berlin")?,
    };
    TimeZone::get(&tz).with_context(|| {
        format!("--tz {tz}: not a time zone this system knows (like America/New_York)")
    })?;
    Ok(tz)
}

/// Reads the export `file` (- for standard input) that `source` wrote.
pub fn read(file: &Path, source: Tracker, tz: Option<String>) -> Result<TrackerExport> {
    let tz = zone_named(tz)?;
    let text = read_input(file, TRACKER_LIMIT)?;
    refuse_empty(file, &text, "nothing to import")?;
    parse(&file.display().to_string(), source, &text, tz)
}

/// Parses an export read from `name` (an upload, a file), its days split in `tz`.
pub fn parse(name: &str, source: Tracker, text: &str, tz: String) -> Result<TrackerExport> {
    let zone = TimeZone::get(&tz)?;
    let parsed = match source {
        Tracker::Timewarrior => parse_timewarrior(text),
        Tracker::Toggl => parse_toggl(text, &zone),
        Tracker::Watson => parse_watson(text),
        Tracker::Activitywatch => parse_activitywatch(text),
    }
    .map_err(|err| anyhow::anyhow!("{name}: {err}; nothing was imported"))?;
    Ok(TrackerExport {
        name: name.to_string(),
        source,
        tz,
        parsed,
    })
}

/// Adds the export's intervals the records do not hold yet (the same tracker, start and end).
pub fn add_intervals(s: &mut Snapshot, export: &TrackerExport) -> Added {
    let mut added = 0;
    for &(start, end) in &export.parsed.intervals {
        let seen = s
            .tracked
            .iter()
            .any(|t| t.source == export.source && t.start == start && t.end == end);
        if !seen {
            s.tracked.push(TrackedInterval {
                source: export.source,
                start,
                end,
                tz: export.tz.clone(),
            });
            added += 1;
        }
    }
    Added {
        added,
        known: export.parsed.intervals.len() - added,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_imported_again_adds_nothing() {
        let text = r#"[{"id":1,"start":"20261116T080000Z","end":"20261116T120000Z"}]"#;
        let export = parse("timew.json", Tracker::Timewarrior, text, "UTC".into()).unwrap();
        let mut s = Snapshot::default();
        assert_eq!(add_intervals(&mut s, &export), Added { added: 1, known: 0 });
        assert_eq!(add_intervals(&mut s, &export), Added { added: 0, known: 1 });
        assert_eq!(s.tracked.len(), 1);
    }

    #[test]
    fn the_weeks_shown_end_at_the_day_judged_by() {
        use jiff::civil::Date;
        use milemarker_core::life::CheckIn;
        use milemarker_core::week::IsoWeek;
        let mut s = Snapshot::default();
        s.profile.boundary_hours = 40.0;
        for day in [2, 9, 16, 23] {
            s.checkins.push(CheckIn {
                week: IsoWeek::of(Date::constant(2026, 11, day)),
                hours: 50.0,
                weekend_days: 0,
                evenings: 0,
                energy: 3,
                satisfaction: 3,
                note: None,
            });
        }
        let creep = OverworkCreep {
            window_weeks: 2,
            weeks_over: 2,
        };
        let view = weeks(&s, Date::constant(2026, 11, 18), 2, &creep);
        let shown: Vec<String> = view.weeks.iter().map(|w| w.week.to_string()).collect();
        assert_eq!(shown, ["2026-W46", "2026-W47"]);
        assert_eq!(view.overwork_creep.fired, Some(true));
    }

    #[test]
    fn an_unknown_zone_is_refused() {
        let err = zone_named(Some("Mars/Olympus".into()))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("--tz Mars/Olympus"), "{err}");
    }
}
