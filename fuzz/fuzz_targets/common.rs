//! Invariants every importer keeps, whatever the input.

use milemarker_core::tracker::{Parsed, TrackedInterval, Tracker, tracked_weeks};

pub fn check_parsed(parsed: &Parsed) {
    for (start, end) in &parsed.intervals {
        assert!(start <= end, "an interval ends before it starts");
    }
    // Folding into weeks never loses or invents time: the weeks add up to the union's length.
    let intervals: Vec<TrackedInterval> = parsed
        .intervals
        .iter()
        .map(|&(start, end)| TrackedInterval {
            source: Tracker::Watson,
            start,
            end,
            tz: "CET".into(),
        })
        .collect();
    let zone = |_: &str| jiff::tz::TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
    let weeks = tracked_weeks(&intervals, zone);
    let total: f64 = weeks.values().map(|w| w.hours).sum();
    let mut sorted = parsed.intervals.clone();
    sorted.sort();
    let (mut union, mut reach) = (0i64, i64::MIN);
    for (start, end) in sorted {
        let (s, e) = (start.as_second().max(reach), end.as_second());
        if e > s {
            union += e - s;
        }
        reach = reach.max(e);
    }
    assert!(
        (total - union as f64 / 3600.0).abs() < 1e-6,
        "weeks {total} h, union {union} s"
    );
    for week in weeks.values() {
        assert!(week.hours >= 0.0 && week.weekend_days <= 2 && week.evenings <= 5);
    }
}
