//! ISO 8601 weeks ("2026-W03"): the unit of check-ins and hours (weekly, not daily, overtime).

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, ISOWeekDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek {
    year: i16,
    week: i8,
}

impl IsoWeek {
    pub fn new(year: i16, week: i8) -> Result<IsoWeek, String> {
        ISOWeekDate::new(year, week, Weekday::Monday)
            .map(|_| IsoWeek { year, week })
            .map_err(|_| format!("{year} has no ISO week {week}"))
    }

    pub fn of(date: Date) -> IsoWeek {
        let iso = date.iso_week_date();
        IsoWeek {
            year: iso.year(),
            week: iso.week(),
        }
    }

    pub fn monday(self) -> Date {
        ISOWeekDate::new(self.year, self.week, Weekday::Monday)
            .expect("checked on creation")
            .date()
    }

    pub fn previous(self) -> IsoWeek {
        IsoWeek::of(self.monday().saturating_sub(jiff::Span::new().days(7)))
    }

    /// This week and the `count - 1` before it, oldest first.
    pub fn window(self, count: usize) -> Vec<IsoWeek> {
        let mut weeks = vec![self];
        while weeks.len() < count {
            let earliest = weeks[weeks.len() - 1].previous();
            weeks.push(earliest);
        }
        weeks.reverse();
        weeks
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

impl FromStr for IsoWeek {
    type Err = String;

    fn from_str(text: &str) -> Result<IsoWeek, String> {
        let bad = || format!("\"{text}\" is not an ISO week; write it like 2026-W03");
        let (year, week) = text.trim().split_once("-W").ok_or_else(bad)?;
        let year: i16 = year.parse().map_err(|_| bad())?;
        let week: i8 = week.parse().map_err(|_| bad())?;
        IsoWeek::new(year, week)
    }
}

impl Serialize for IsoWeek {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoWeek {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<IsoWeek, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weeks_follow_iso_8601() {
        // 2027-01-01 is a Friday, so it belongs to the last ISO week of 2026 (W53).
        assert_eq!(IsoWeek::of(date(2027, 1, 1)).to_string(), "2026-W53");
        assert_eq!(IsoWeek::of(date(2026, 1, 1)).to_string(), "2026-W01");
        assert_eq!(
            "2026-W03".parse::<IsoWeek>().unwrap().monday(),
            date(2026, 1, 12)
        );
        assert!("2025-W53".parse::<IsoWeek>().is_err(), "2025 has 52 weeks");
        assert!("2026-03".parse::<IsoWeek>().is_err());
    }

    #[test]
    fn windows_cross_years() {
        let w: IsoWeek = "2026-W02".parse().unwrap();
        let names: Vec<String> = w.window(4).iter().map(|w| w.to_string()).collect();
        assert_eq!(names, ["2025-W51", "2025-W52", "2026-W01", "2026-W02"]);
    }
}
