//! The guided set-up: a forced ranking of values (as the O*NET Work Importance Profiler asks,
//! rather than a rating scale where everything is "very important") and the deal-breakers.

use anyhow::{Result, bail};
use milemarker_core::career::Snapshot;
use milemarker_core::text::count;

use crate::{dealbreakers, values};

// The set-up's questions, in the words every face asks them (the terminal's `init`, the web's
// start page).

/// The person's name.
pub const NAME: &str = "Your name";
/// What the values are, asked before them.
pub const VALUES_ASKED: &str =
    "What matters most in your work? Your top values, most important first.";
/// Values to start from.
pub const SUGGESTED_VALUES: &str = "autonomy, trust, flexibility, growth, pay, security, \
    creativity, connection, recognition, family time";
/// The values, typed in one line.
pub const VALUES_PROMPT: &str = "Values, separated by commas";
/// What a deal-breaker is, asked before them.
pub const DEALBREAKERS_ASKED: &str = "Deal-breakers are lines you will not cross.";
/// Deal-breakers to start from.
pub const SUGGESTED_DEALBREAKERS: &str = "hours_per_week <= 45, remote_days >= 2, pay >= 60000";
/// One deal-breaker, asked until none is given.
pub const DEALBREAKER_PROMPT: &str = "A deal-breaker (empty when done)";
/// The weekly boundary.
pub const BOUNDARY: &str = "The weekly hours you will not work past";
/// The boundary when none is given: the working week's 40 hours.
pub const DEFAULT_BOUNDARY: f64 = 40.0;

/// The values typed in one line, separated by commas, as a ranking: "pay, , growth" is pay then
/// growth.
pub fn listed(answer: &str) -> Vec<String> {
    answer
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// What the set-up gives; what is `None` or empty leaves the records' own.
#[derive(Debug, Clone, Default)]
pub struct Setup {
    pub name: Option<String>,
    pub occupation: Option<String>,
    /// Weekly hours not to work past.
    pub boundary: Option<f64>,
    /// Values, most important first: they replace the person's.
    pub values: Vec<String>,
    /// Deal-breaker rules: they replace the person's.
    pub dealbreakers: Vec<String>,
}

/// Refuses a second set-up over values or deal-breakers already set, unless `force`d.
pub fn check_fresh(s: &Snapshot, force: bool) -> Result<()> {
    if (!s.values.is_empty() || !s.dealbreakers.is_empty()) && !force {
        bail!(
            "you are set up already ({}, {}); change them with `milemarker values` and \
             `milemarker dealbreakers`, or run init --force to start them over",
            count(s.values.len() as f64, "value", "values"),
            count(s.dealbreakers.len() as f64, "deal-breaker", "deal-breakers")
        );
    }
    Ok(())
}

pub fn apply(s: &mut Snapshot, setup: &Setup) -> Result<()> {
    if let Some(name) = &setup.name {
        s.profile.name = Some(name.clone());
    }
    if let Some(occupation) = &setup.occupation {
        s.profile.occupation = Some(occupation.clone());
    }
    if let Some(boundary) = setup.boundary {
        s.profile.boundary_hours = boundary;
    }
    if !setup.values.is_empty() {
        values::start_over(s, &setup.values)?;
    }
    if !setup.dealbreakers.is_empty() {
        s.dealbreakers.clear();
        for rule in &setup.dealbreakers {
            dealbreakers::add(s, rule, None, None)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_typed_in_a_line_keep_their_order() {
        assert_eq!(
            listed(" pay, , family time,growth "),
            ["pay", "family time", "growth"]
        );
        assert!(listed(" , ").is_empty());
        assert_eq!(listed(SUGGESTED_VALUES).len(), 10);
        assert_eq!(
            DEFAULT_BOUNDARY,
            milemarker_core::career::Profile::default().boundary_hours
        );
        for rule in SUGGESTED_DEALBREAKERS.split(", ") {
            assert_eq!(crate::dealbreakers::check_rule(rule), Ok(()), "{rule}");
        }
    }

    #[test]
    fn a_second_set_up_needs_force() {
        let mut s = Snapshot::default();
        let setup = Setup {
            values: vec!["Autonomy".into(), "pay".into()],
            dealbreakers: vec!["hours_per_week <= 45".into()],
            ..Setup::default()
        };
        check_fresh(&s, false).unwrap();
        apply(&mut s, &setup).unwrap();
        assert_eq!(s.values[0].id, "autonomy");
        assert_eq!(s.values[1].rank, Some(2));
        let err = check_fresh(&s, false).unwrap_err().to_string();
        assert!(err.starts_with("you are set up already (2 values, 1 deal-breaker);"));
        check_fresh(&s, true).unwrap();
    }

    #[test]
    fn a_value_named_twice_is_refused() {
        let setup = Setup {
            values: vec!["pay".into(), "Pay".into()],
            ..Setup::default()
        };
        let err = apply(&mut Snapshot::default(), &setup).unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"pay\" is named twice; name each value once, most important first"
        );
    }
}
