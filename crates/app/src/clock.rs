//! Today, read at the edge only (core never reads a clock), and the days a command may name.

use anyhow::{Context, Result};

/// Today, read here at the edge only: `MILEMARKER_TODAY` (YYYY-MM-DD) pins it for scripts and
/// tests; otherwise the system clock in the local time zone.
pub fn today() -> Result<jiff::civil::Date> {
    match std::env::var("MILEMARKER_TODAY") {
        Ok(text) => text
            .parse()
            .with_context(|| format!("MILEMARKER_TODAY=\"{text}\" is not a date like 2026-11-22")),
        Err(_) => Ok(jiff::Zoned::now().date()),
    }
}

/// The day something happened: `--date`, else today; a day after today is refused.
pub fn happened_on(flag: Option<jiff::civil::Date>) -> Result<jiff::civil::Date> {
    up_to_today(flag, "--date", "record it once it happened")
}

/// The day to judge by: `--as-of`, else today; never a day after today.
pub fn as_of(flag: Option<jiff::civil::Date>) -> Result<jiff::civil::Date> {
    up_to_today(flag, "--as-of", "the records cannot speak for it yet")
}

fn up_to_today(
    flag: Option<jiff::civil::Date>,
    name: &str,
    advice: &str,
) -> Result<jiff::civil::Date> {
    let today = today()?;
    match flag {
        Some(date) if date > today => {
            anyhow::bail!("{name} {date} is in the future (today is {today}); {advice}")
        }
        Some(date) => Ok(date),
        None => Ok(today),
    }
}
