//! ISO 8601 weeks ("2026-W03"): the unit of check-ins and hours (weekly, not daily, overtime).

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, ISOWeekDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::invalid::InvalidField;

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

    /// A week as a person names it, seen from `today`: an ISO week (`2026-W47`, `2026w47`), any
    /// date in it (`2026-11-20`), or `this` / `last` (with or without "week"). Strict parsing
    /// (`FromStr`) stays for stored data; this is for what people type.
    pub fn named(text: &str, today: Date) -> Result<IsoWeek, String> {
        let words = text.trim().to_lowercase();
        match words.as_str() {
            "this" | "this week" | "current" => return Ok(IsoWeek::of(today)),
            "last" | "last week" | "previous" => return Ok(IsoWeek::of(today).previous()),
            _ => {}
        }
        if let Ok(day) = words.parse::<Date>() {
            return Ok(IsoWeek::of(day));
        }
        let compact = words.replace("-w", "w");
        if let Some((year, week)) = compact.split_once('w')
            && let (Ok(year), Ok(week)) = (year.parse::<i16>(), week.parse::<i8>())
        {
            return IsoWeek::new(year, week);
        }
        Err(format!(
            "\"{}\" is not a week: give an ISO week (2026-W47), any date in it (2026-11-20), \
             `this` or `last`",
            text.trim()
        ))
    }

    /// The one rule for a check-in's week, whoever records it: it must have started by `today`.
    pub fn started_by(self, today: Date) -> Result<(), InvalidField> {
        if self.monday() > today {
            return Err(InvalidField::new(
                "week",
                format!(
                    "{self} has not started yet (it starts on Monday {}); check in once it has",
                    self.monday()
                ),
            ));
        }
        Ok(())
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
    fn weeks_as_people_name_them() {
        let today = date(2026, 11, 28); // a Saturday in 2026-W48
        let week = |text| IsoWeek::named(text, today).map(|w| w.to_string());
        assert_eq!(week("2026-W47").unwrap(), "2026-W47");
        assert_eq!(week(" 2026w47 ").unwrap(), "2026-W47");
        assert_eq!(week("2026-11-20").unwrap(), "2026-W47");
        assert_eq!(week("this").unwrap(), "2026-W48");
        assert_eq!(week("This week").unwrap(), "2026-W48");
        assert_eq!(week("last week").unwrap(), "2026-W47");
        // Across a year's end: 2026-01-01 is a Thursday in 2026-W01; the week before is 2025-W52.
        assert_eq!(
            IsoWeek::named("last", date(2026, 1, 1))
                .unwrap()
                .to_string(),
            "2025-W52"
        );
        assert!(week("2026-W54").unwrap_err().contains("no ISO week 54"));
        assert!(week("next tuesday").unwrap_err().contains("is not a week"));
    }

    #[test]
    fn a_week_counts_once_it_has_started() {
        let week = IsoWeek::new(2026, 49).unwrap(); // Monday 2026-11-30
        assert_eq!(
            week.started_by(date(2026, 11, 29)).unwrap_err().field,
            "week"
        );
        assert!(week.started_by(date(2026, 11, 30)).is_ok());
    }

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
