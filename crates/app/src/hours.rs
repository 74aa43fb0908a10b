//! Hours imported from time trackers: intervals read from an export, added once however often
//! the export is imported again.

use std::path::Path;

use anyhow::{Context, Result};
use jiff::tz::TimeZone;
use milemarker_core::career::Snapshot;
use milemarker_core::tracker::{
    Parsed, TrackedInterval, Tracker, parse_activitywatch, parse_timewarrior, parse_toggl,
    parse_watson,
};

use crate::input::{TRACKER_LIMIT, read_input, refuse_empty};

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
    fn an_unknown_zone_is_refused() {
        let err = zone_named(Some("Mars/Olympus".into()))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("--tz Mars/Olympus"), "{err}");
    }
}
