//! Hours from time trackers: parse an export into intervals, then fold intervals into weeks.
//!
//! Intervals are kept as they were tracked (UTC instants) with the time zone whose midnights
//! split them into days. Overlapping intervals, from re-exports or from two trackers watching
//! the same hours, are merged before counting, so no hour counts twice.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::{DateTime, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};

use crate::week::IsoWeek;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tracker {
    Timewarrior,
    /// Toggl Track's detailed CSV, or Clockify's.
    Toggl,
    /// Watson's `frames` file.
    Watson,
    /// An ActivityWatch export: not-afk time.
    Activitywatch,
}

impl Tracker {
    /// Every choice, in the order a list of them shows.
    pub const ALL: [Tracker; 4] = [
        Tracker::Timewarrior,
        Tracker::Toggl,
        Tracker::Watson,
        Tracker::Activitywatch,
    ];
}

pub fn tracker_name(tracker: Tracker) -> &'static str {
    match tracker {
        Tracker::Timewarrior => "timewarrior",
        Tracker::Toggl => "toggl",
        Tracker::Watson => "watson",
        Tracker::Activitywatch => "activitywatch",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackedInterval {
    pub source: Tracker,
    pub start: Timestamp,
    pub end: Timestamp,
    /// IANA time zone whose local midnights split this interval into days.
    pub tz: String,
}

/// The first bad record of a file: where (a JSON path or a line) and what is wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct ParseError {
    pub location: String,
    pub message: String,
}

fn bad(location: impl Into<String>, message: impl Into<String>) -> ParseError {
    ParseError {
        location: location.into(),
        message: message.into(),
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    pub intervals: Vec<(Timestamp, Timestamp)>,
    pub warnings: Vec<String>,
}

/// No work session lasts a week: a longer interval is a timer left running, skipped with a
/// warning rather than counted (which also keeps splitting into days bounded).
pub const LONGEST_INTERVAL_HOURS: i64 = 7 * 24;

impl Parsed {
    /// Keeps an interval, refusing one that ends before it starts (`place` names its end) and
    /// skipping, with a warning, one longer than a week.
    fn push(&mut self, place: String, start: Timestamp, end: Timestamp) -> Result<(), ParseError> {
        if end < start {
            return Err(bad(
                place,
                format!("the interval ends at {end}, before the start {start}"),
            ));
        }
        if end.as_second() - start.as_second() > LONGEST_INTERVAL_HOURS * 3600 {
            self.warnings.push(format!(
                "{place}: {start} to {end} is longer than a week, likely a timer left running; skipped it"
            ));
        } else {
            self.intervals.push((start, end));
        }
        Ok(())
    }
}

/// `timew export`: a JSON array of `{"id", "start": "20231001T090000Z", "end", "tags",
/// "annotation"}`. An interval without `end` is still running: skipped, with a warning.
pub fn parse_timewarrior(text: &str) -> Result<Parsed, ParseError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        bad(
            format!("line {}, column {}", e.line(), e.column()),
            format!("not valid JSON: {e}"),
        )
    })?;
    let items = value.as_array().ok_or_else(|| {
        bad(
            "$",
            "a Timewarrior export is a JSON array of intervals (`timew export`)",
        )
    })?;
    let mut parsed = Parsed::default();
    for (i, item) in items.iter().enumerate() {
        let field = |name: &str| -> Result<Option<Timestamp>, ParseError> {
            match item.get(name) {
                None | Some(serde_json::Value::Null) => Ok(None),
                Some(serde_json::Value::String(s)) => timewarrior_time(s)
                    .map(Some)
                    .map_err(|m| bad(format!("[{i}].{name}"), m)),
                Some(other) => Err(bad(
                    format!("[{i}].{name}"),
                    format!("expected a time like \"20231001T090000Z\", found {other}"),
                )),
            }
        };
        if !item.is_object() {
            return Err(bad(format!("[{i}]"), "expected an interval object"));
        }
        let start = field("start")?.ok_or_else(|| {
            bad(
                format!("[{i}].start"),
                "missing: every interval has a start",
            )
        })?;
        match field("end")? {
            None => parsed.warnings.push(format!(
                "[{i}]: the interval started {start} is still running; skipped it"
            )),
            Some(end) => parsed.push(format!("[{i}].end"), start, end)?,
        }
    }
    Ok(parsed)
}

fn timewarrior_time(text: &str) -> Result<Timestamp, String> {
    let civil = DateTime::strptime("%Y%m%dT%H%M%SZ", text).map_err(|_| {
        format!("\"{text}\" is not a Timewarrior time like \"20231001T090000Z\" (UTC)")
    })?;
    civil
        .to_zoned(TimeZone::UTC)
        .map(|z| z.timestamp())
        .map_err(|e| e.to_string())
}

/// Toggl Track's detailed CSV export ("Start date", "Start time", "End date", "End time", ...), or
/// Clockify's ("Start Date", "Start Time", ..., "Duration (h)"). UTF-8 with or without a byte-order
/// mark; header names matched without regard to case. The times are wall-clock times in the
/// tracker's zone, so `tz` turns them into instants. Dates: 2023-10-01, 10/01/2023 (month first,
/// as Clockify writes them by default) or 01.10.2023; times: 09:00, 09:00:00, 9:00 AM.
pub fn parse_toggl(text: &str, tz: &TimeZone) -> Result<Parsed, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| bad("line 1", format!("not a CSV header: {e}")))?
        .clone();
    let find = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let column = |name: &str| -> Result<usize, ParseError> {
        find(name).ok_or_else(|| {
            let why =
                format!("no \"{name}\" column: this is not a Toggl or Clockify detailed report");
            bad("line 1", why)
        })
    };
    let (start_date, start_time) = (column("start date")?, column("start time")?);
    // The end as written, or else the start plus a duration (Clockify's "Duration (h)" variant).
    let end_columns = find("end date").zip(find("end time"));
    let duration = ["duration (h)", "duration (decimal)", "duration"]
        .iter()
        .find_map(|name| find(name).map(|i| (i, *name == "duration (decimal)")));
    if end_columns.is_none() && duration.is_none() {
        return Err(bad(
            "line 1",
            "no \"End date\"/\"End time\" columns and no \"Duration (h)\" column",
        ));
    }
    let mut parsed = Parsed::default();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            bad(format!("line {line}"), format!("broken CSV row: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let place = |i: usize| format!("line {line}, \"{}\"", &headers[i]);
        let at = |date: usize, time: usize| -> Result<Timestamp, ParseError> {
            let (date_text, time_text) = (cell(date), cell(time));
            let day = parse_date(date_text).ok_or_else(|| {
                bad(
                    place(date),
                    format!("\"{date_text}\" is not a date like 2023-10-01 or 10/01/2023"),
                )
            })?;
            let clock = parse_time(time_text).ok_or_else(|| {
                bad(
                    place(time),
                    format!("\"{time_text}\" is not a time like 09:00:00 or 9:00 AM"),
                )
            })?;
            let zoned = day.to_datetime(clock).to_zoned(tz.clone());
            zoned
                .map(|z| z.timestamp())
                .map_err(|e| bad(place(time), e.to_string()))
        };
        let start = at(start_date, start_time)?;
        let end = match (end_columns, duration) {
            (Some((date, time)), _) => at(date, time)?,
            (None, Some((i, decimal))) => {
                let text = cell(i);
                let seconds = parse_duration(text, decimal).ok_or_else(|| {
                    bad(
                        place(i),
                        format!("\"{text}\" is not a duration like 03:30:00 or 3.5"),
                    )
                })?;
                start
                    .checked_add(jiff::SignedDuration::from_secs(seconds))
                    .map_err(|e| bad(place(i), e.to_string()))?
            }
            (None, None) => unreachable!("checked with the header"),
        };
        parsed.push(format!("line {line}"), start, end)?;
    }
    Ok(parsed)
}

fn parse_json(text: &str) -> Result<serde_json::Value, ParseError> {
    serde_json::from_str(text).map_err(|e| {
        bad(
            format!("line {}, column {}", e.line(), e.column()),
            format!("not valid JSON: {e}"),
        )
    })
}

/// Watson's `frames` file: a JSON array of `[start, stop, project, id, tags, updated_at]`, the
/// times in Unix seconds.
pub fn parse_watson(text: &str) -> Result<Parsed, ParseError> {
    let value = parse_json(text)?;
    let frames = value.as_array().ok_or_else(|| {
        bad(
            "$",
            "Watson's frames file is a JSON array of [start, stop, project, ...] frames",
        )
    })?;
    let mut parsed = Parsed::default();
    for (i, frame) in frames.iter().enumerate() {
        let time = |k: usize, name: &str| -> Result<Timestamp, ParseError> {
            let place = format!("[{i}][{k}] ({name})");
            let seconds = frame
                .get(k)
                .and_then(serde_json::Value::as_i64)
                .ok_or_else(|| bad(&place, "expected a Unix time in seconds, like 1696150800"))?;
            Timestamp::from_second(seconds).map_err(|e| bad(place, e.to_string()))
        };
        if !frame.is_array() {
            return Err(bad(
                format!("[{i}]"),
                "expected a frame: [start, stop, project, id, ...]",
            ));
        }
        let (start, stop) = (time(0, "start")?, time(1, "stop")?);
        parsed.push(format!("[{i}][1] (stop)"), start, stop)?;
    }
    Ok(parsed)
}

/// An ActivityWatch export: `{"buckets": {id: {"type", "events": [{"timestamp", "duration",
/// "data": {"status"}}]}}}`. Only `not-afk` events of `afkstatus` buckets count: time at the
/// keyboard, whatever the window.
pub fn parse_activitywatch(text: &str) -> Result<Parsed, ParseError> {
    let value = parse_json(text)?;
    let buckets = value
        .get("buckets")
        .and_then(serde_json::Value::as_object)
        .ok_or_else(|| {
            bad(
                "$.buckets",
                "an ActivityWatch export has a \"buckets\" object",
            )
        })?;
    let mut parsed = Parsed::default();
    for (id, bucket) in buckets {
        if bucket.get("type").and_then(serde_json::Value::as_str) != Some("afkstatus") {
            continue;
        }
        let events = bucket.get("events").and_then(serde_json::Value::as_array);
        let events = events.ok_or_else(|| {
            bad(
                format!("$.buckets.{id}.events"),
                "expected a list of events",
            )
        })?;
        for (k, event) in events.iter().enumerate() {
            let place = |field: &str| format!("$.buckets.{id}.events[{k}].{field}");
            let status = event
                .pointer("/data/status")
                .and_then(serde_json::Value::as_str);
            if status != Some("not-afk") {
                continue;
            }
            let stamp = event
                .get("timestamp")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("");
            let start: Timestamp = stamp.parse().map_err(|_| {
                bad(
                    place("timestamp"),
                    format!("\"{stamp}\" is not a time like 2023-10-01T09:00:00+00:00"),
                )
            })?;
            let seconds = event.get("duration").and_then(serde_json::Value::as_f64);
            let seconds = seconds
                .filter(|d| d.is_finite() && *d >= 0.0)
                .ok_or_else(|| {
                    bad(
                        place("duration"),
                        "expected a duration in seconds, 0 or more",
                    )
                })?;
            let span = jiff::SignedDuration::try_from_secs_f64(seconds)
                .map_err(|e| bad(place("duration"), e.to_string()))?;
            let end = start
                .checked_add(span)
                .map_err(|e| bad(place("duration"), e.to_string()))?;
            parsed.push(place("duration"), start, end)?;
        }
    }
    Ok(parsed)
}

/// "03:30:00" (hours may exceed 24) or, for a decimal column, "3.5" hours; in whole seconds.
fn parse_duration(text: &str, decimal: bool) -> Option<i64> {
    if decimal {
        let hours: f64 = text.replace(',', ".").parse().ok()?;
        return (hours.is_finite() && (0.0..1e6).contains(&hours))
            .then(|| (hours * 3600.0).round() as i64);
    }
    let mut parts = text.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (
        parts.next()??,
        parts.next()??,
        parts.next().unwrap_or(Some(0))?,
    );
    let valid = parts.next().is_none()
        && (0..1_000_000).contains(&h)
        && (0..60).contains(&m)
        && (0..60).contains(&s);
    valid.then_some(h * 3600 + m * 60 + s)
}

fn parse_date(text: &str) -> Option<jiff::civil::Date> {
    ["%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|format| jiff::civil::Date::strptime(format, text).ok())
}

fn parse_time(text: &str) -> Option<jiff::civil::Time> {
    let upper = text.to_ascii_uppercase();
    ["%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p"]
        .iter()
        .find_map(|format| jiff::civil::Time::strptime(format, &upper).ok())
}

/// Tracked time in one ISO week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackedWeek {
    pub hours: f64,
    /// Saturdays and Sundays with any tracked time.
    pub weekend_days: u8,
    /// Weekdays with tracked time after the evening hour.
    pub evenings: u8,
    pub sources: Vec<Tracker>,
}

/// Work after this local hour on a weekday makes an evening.
pub const EVENING_HOUR: i8 = 19;

/// Folds intervals into ISO weeks. `zone` resolves each interval's time zone name (the caller
/// does the lookup, so this stays pure); merged overlaps take the zone of their earliest part.
pub fn tracked_weeks(
    intervals: &[TrackedInterval],
    zone: impl Fn(&str) -> TimeZone,
) -> BTreeMap<IsoWeek, TrackedWeek> {
    let mut sorted: Vec<&TrackedInterval> = intervals.iter().collect();
    sorted.sort_by_key(|i| (i.start, i.end));
    // Union of all intervals: (start, end, zone name, sources).
    let mut merged: Vec<(Timestamp, Timestamp, &str, BTreeSet<Tracker>)> = Vec::new();
    for interval in sorted {
        match merged.last_mut() {
            Some(last) if interval.start <= last.1 => {
                last.1 = last.1.max(interval.end);
                last.3.insert(interval.source);
            }
            _ => merged.push((
                interval.start,
                interval.end,
                &interval.tz,
                BTreeSet::from([interval.source]),
            )),
        }
    }
    let mut seconds: BTreeMap<jiff::civil::Date, i64> = BTreeMap::new();
    let mut evenings: BTreeSet<jiff::civil::Date> = BTreeSet::new();
    let mut sources: BTreeMap<IsoWeek, BTreeSet<Tracker>> = BTreeMap::new();
    for (start, end, tz_name, from) in &merged {
        let tz = zone(tz_name);
        let mut cursor = *start;
        while cursor < *end {
            let day = cursor.to_zoned(tz.clone()).date();
            // The next local midnight; DST days are 23 or 25 hours long, so ask the zone.
            let midnight = day
                .checked_add(1.day())
                .ok()
                .and_then(|d| d.to_zoned(tz.clone()).ok())
                .map_or(*end, |z| z.timestamp());
            let piece_end = midnight.min(*end);
            *seconds.entry(day).or_default() += (piece_end.as_second() - cursor.as_second()).max(0);
            let evening = day
                .at(EVENING_HOUR, 0, 0, 0)
                .to_zoned(tz.clone())
                .map(|z| z.timestamp());
            let weekday = !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday);
            if weekday && evening.is_ok_and(|e| piece_end > e) {
                evenings.insert(day);
            }
            sources
                .entry(IsoWeek::of(day))
                .or_default()
                .extend(from.iter().copied());
            cursor = piece_end;
        }
    }
    let mut weeks: BTreeMap<IsoWeek, TrackedWeek> = BTreeMap::new();
    for (day, secs) in seconds.into_iter().filter(|(_, s)| *s > 0) {
        let week = weeks
            .entry(IsoWeek::of(day))
            .or_insert_with(|| TrackedWeek {
                hours: 0.0,
                weekend_days: 0,
                evenings: 0,
                sources: Vec::new(),
            });
        week.hours += secs as f64 / 3600.0;
        week.weekend_days += u8::from(matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday));
        week.evenings += u8::from(evenings.contains(&day));
    }
    for (week, entry) in weeks.iter_mut() {
        entry.sources = sources
            .get(week)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default();
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn interval(start: &str, end: &str, tz: &str) -> TrackedInterval {
        TrackedInterval {
            source: Tracker::Timewarrior,
            start: ts(start),
            end: ts(end),
            tz: tz.into(),
        }
    }

    /// Central European time with its DST rules, as a POSIX TZ string: no time zone database
    /// needed, so the test is the same on every machine.
    fn zone(name: &str) -> TimeZone {
        match name {
            "CET" => TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap(),
            _ => TimeZone::UTC,
        }
    }

    #[test]
    fn parses_the_manual_example_and_skips_a_running_interval() {
        // The example of timew-export(1), with a third interval still running.
        let text = r#"[
{"id":2,"start":"20231001T103000Z","end":"20231001T120000Z","tags":["work"],"annotation":"Project work"},
{"id":1,"start":"20231001T090000Z","end":"20231001T100000Z","tags":["work"],"annotation":"Morning meeting"},
{"id":3,"start":"20231002T080000Z","tags":["work"]}
]"#;
        let parsed = parse_timewarrior(text).unwrap();
        assert_eq!(parsed.intervals.len(), 2);
        assert_eq!(parsed.intervals[1].0, ts("2023-10-01T09:00:00Z"));
        assert_eq!(parsed.warnings.len(), 1);
        assert!(parsed.warnings[0].starts_with("[2]:"));
    }

    #[test]
    fn the_first_bad_record_is_named() {
        let err = |text: &str| parse_timewarrior(text).unwrap_err().to_string();
        assert!(
            err(r#"[{"start":"20231001T090000Z","end":"2023-10-01"}]"#)
                .starts_with("[0].end: \"2023-10-01\"")
        );
        assert!(err(r#"[{"end":"20231001T090000Z"}]"#).starts_with("[0].start: missing"));
        assert!(
            err(r#"[{"start":"20231001T090000Z","end":"20231001T080000Z"}]"#)
                .contains("before the start")
        );
        assert!(err(r#"{"start":1}"#).starts_with("$: a Timewarrior export is a JSON array"));
        assert!(err("[{\"start\": ").starts_with("line 1, column"));
    }

    #[test]
    fn toggl_and_clockify_csv_in_local_time() {
        let berlin = zone("CET");
        // Toggl: BOM, its own header capitalisation, an entry across midnight.
        let toggl = "\u{feff}User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()\n\
            Ana,ana@example.com,,Launch,,Copy review,No,2026-01-12,09:00:00,2026-01-12,12:30:00,03:30:00,,\n\
            Ana,ana@example.com,,Launch,,Go-live,No,2026-01-12,23:00:00,2026-01-13,01:00:00,02:00:00,,\n";
        let parsed = parse_toggl(toggl, &berlin).unwrap();
        assert_eq!(
            parsed.intervals[0],
            (ts("2026-01-12T08:00:00Z"), ts("2026-01-12T11:30:00Z"))
        );
        assert_eq!(parsed.intervals[1].1, ts("2026-01-13T00:00:00Z"));
        // Clockify: different capitalisation, US dates, 12-hour times, quoted cells.
        let clockify = "\"Project\",\"Client\",\"Description\",\"Task\",\"User\",\"Group\",\"Email\",\"Tags\",\"Billable\",\"Start Date\",\"Start Time\",\"End Date\",\"End Time\",\"Duration (h)\",\"Duration (decimal)\"\n\
            \"Launch\",\"\",\"Copy review, final\",\"\",\"Ana\",\"\",\"ana@example.com\",\"\",\"No\",\"01/12/2026\",\"09:00:00 AM\",\"01/12/2026\",\"12:30:00 PM\",\"03:30:00\",\"3.50\"\n";
        let parsed = parse_toggl(clockify, &berlin).unwrap();
        assert_eq!(
            parsed.intervals,
            vec![(ts("2026-01-12T08:00:00Z"), ts("2026-01-12T11:30:00Z"))]
        );
    }

    #[test]
    fn clockify_without_end_columns_uses_the_duration() {
        let utc = TimeZone::UTC;
        let text = "Description,Start Date,Start Time,Duration (h),Duration (decimal)\n\
            Review,01/12/2026,09:00 AM,03:30:00,3.50\n\
            Late,01/12/2026,11:00 PM,26:00:00,26.00\n";
        let parsed = parse_toggl(text, &utc).unwrap();
        assert_eq!(
            parsed.intervals[0],
            (ts("2026-01-12T09:00:00Z"), ts("2026-01-12T12:30:00Z"))
        );
        assert_eq!(parsed.intervals[1].1, ts("2026-01-14T01:00:00Z"));
        let decimal = "Start Date,Start Time,Duration (decimal)\n2026-01-12,09:00,1.25\n";
        assert_eq!(
            parse_toggl(decimal, &utc).unwrap().intervals[0].1,
            ts("2026-01-12T10:15:00Z")
        );
        let bad_duration = "Start Date,Start Time,Duration (h)\n2026-01-12,09:00,soon\n";
        let err = parse_toggl(bad_duration, &utc).unwrap_err().to_string();
        assert!(
            err.starts_with("line 2, \"Duration (h)\": \"soon\""),
            "{err}"
        );
        let neither = parse_toggl("Start Date,Start Time\n2026-01-12,09:00\n", &utc).unwrap_err();
        assert!(neither.message.contains("no \"End date\""));
    }

    #[test]
    fn a_broken_csv_row_is_named_by_line_and_column() {
        let utc = TimeZone::UTC;
        let head = "Start date,Start time,End date,End time\n";
        let err = |body: &str| {
            parse_toggl(&format!("{head}{body}"), &utc)
                .unwrap_err()
                .to_string()
        };
        assert!(
            err("2026-01-12,09:00,2026-01-12,noon\n").starts_with("line 2, \"End time\": \"noon\"")
        );
        assert!(
            err("2026-01-12,09:00,2026-01-12,10:00\n2026-13-40,09:00,2026-01-12,10:00\n")
                .starts_with("line 3, \"Start date\"")
        );
        assert!(err("2026-01-12,09:00,2026-01-12\n").starts_with("line 2: broken CSV row"));
        assert!(err("2026-01-12,11:00,2026-01-12,10:00\n").contains("ends"));
        let no_columns = parse_toggl("Project,Duration\nx,1\n", &utc)
            .unwrap_err()
            .to_string();
        assert!(
            no_columns.contains("no \"start date\" column"),
            "{no_columns}"
        );
    }

    #[test]
    fn a_timer_left_running_for_weeks_is_skipped_not_counted() {
        let parsed = parse_watson("[[0, 1000000000]]").unwrap();
        assert!(parsed.intervals.is_empty());
        assert!(parsed.warnings[0].contains("longer than a week"));
        let huge = r#"{"buckets": {"a": {"type": "afkstatus", "events": [
            {"timestamp": "2023-10-01T09:00:00Z", "duration": 1e300, "data": {"status": "not-afk"}}]}}}"#;
        assert!(
            parse_activitywatch(huge).is_err(),
            "an absurd duration is an error, not a panic"
        );
    }

    #[test]
    fn watson_frames() {
        // 2023-10-01 09:00-10:30 UTC, then a bad stop.
        let ok = r#"[[1696150800, 1696156200, "apollo11", "a1b2", ["reactor"], 1696156200]]"#;
        let parsed = parse_watson(ok).unwrap();
        assert_eq!(
            parsed.intervals,
            vec![(ts("2023-10-01T09:00:00Z"), ts("2023-10-01T10:30:00Z"))]
        );
        let err = parse_watson(r#"[[1696150800, 1696156200], [1696150800, "soon"]]"#).unwrap_err();
        assert_eq!(err.location, "[1][1] (stop)");
        assert!(
            parse_watson(r#"[[1696156200, 1696150800]]"#)
                .unwrap_err()
                .message
                .contains("before")
        );
    }

    #[test]
    fn activitywatch_counts_not_afk_time_only() {
        let text = r#"{"buckets": {
          "aw-watcher-afk_laptop": {"id": "aw-watcher-afk_laptop", "type": "afkstatus", "events": [
            {"timestamp": "2023-10-01T09:00:00.000000+00:00", "duration": 5400.0, "data": {"status": "not-afk"}},
            {"timestamp": "2023-10-01T10:30:00.000000+00:00", "duration": 600.0, "data": {"status": "afk"}},
            {"timestamp": "2023-10-01T10:40:00+00:00", "duration": 1800.5, "data": {"status": "not-afk"}}
          ]},
          "aw-watcher-window_laptop": {"id": "aw-watcher-window_laptop", "type": "currentwindow", "events": [
            {"timestamp": "2023-10-01T09:00:00+00:00", "duration": 99999.0, "data": {"app": "x"}}
          ]}
        }}"#;
        let parsed = parse_activitywatch(text).unwrap();
        assert_eq!(parsed.intervals.len(), 2);
        assert_eq!(parsed.intervals[1].1, ts("2023-10-01T11:10:00.5Z"));
        let bad_event = text.replace("\"duration\": 1800.5", "\"duration\": -3");
        let err = parse_activitywatch(&bad_event).unwrap_err();
        assert_eq!(
            err.location,
            "$.buckets.aw-watcher-afk_laptop.events[2].duration"
        );
        assert!(parse_activitywatch("[]").unwrap_err().location == "$.buckets");
    }

    #[test]
    fn across_midnight_and_a_week_boundary_in_local_time() {
        // Sunday 2026-01-11 22:00 to Monday 01:00 in Berlin (UTC+1): 2 h in W02, 1 h in W03.
        let weeks = tracked_weeks(
            &[interval(
                "2026-01-11T21:00:00Z",
                "2026-01-12T00:00:00Z",
                "CET",
            )],
            zone,
        );
        let w02 = &weeks[&"2026-W02".parse().unwrap()];
        assert_eq!((w02.hours, w02.weekend_days, w02.evenings), (2.0, 1, 0));
        let w03 = &weeks[&"2026-W03".parse().unwrap()];
        assert_eq!((w03.hours, w03.weekend_days), (1.0, 0));
    }

    #[test]
    fn a_daylight_saving_night_is_split_at_local_midnight() {
        // Saturday 2026-10-24 22:00 CEST (UTC+2) to Sunday 2026-10-25 04:00 CET (UTC+1): the
        // clocks go back at 03:00, so 2 h fall on Saturday and 5 h on Sunday.
        let weeks = tracked_weeks(
            &[interval(
                "2026-10-24T20:00:00Z",
                "2026-10-25T03:00:00Z",
                "CET",
            )],
            zone,
        );
        let week = &weeks[&"2026-W43".parse().unwrap()];
        assert_eq!(week.hours, 7.0);
        assert_eq!(week.weekend_days, 2);
    }

    #[test]
    fn overlapping_and_repeated_intervals_count_once() {
        let a = interval("2026-01-12T08:00:00Z", "2026-01-12T12:00:00Z", "UTC");
        let b = interval("2026-01-12T10:00:00Z", "2026-01-12T14:00:00Z", "UTC");
        let weeks = tracked_weeks(&[a.clone(), b, a], zone);
        assert_eq!(weeks[&"2026-W03".parse().unwrap()].hours, 6.0);
    }

    #[test]
    fn evenings_are_weekday_work_past_seven() {
        let late = interval("2026-01-13T18:00:00Z", "2026-01-13T20:30:00Z", "UTC");
        let saturday = interval("2026-01-17T18:00:00Z", "2026-01-17T21:00:00Z", "UTC");
        let week = &tracked_weeks(&[late, saturday], zone)[&"2026-W03".parse().unwrap()];
        assert_eq!((week.evenings, week.weekend_days, week.hours), (1, 1, 5.5));
    }
}
