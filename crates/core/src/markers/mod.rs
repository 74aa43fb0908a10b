//! Mile markers (DESIGN 4.8, seed 004): ten detectors, each a pure function of the stored
//! records, the thresholds and the day they are judged on. Every marker names the rows that
//! caused it; one that lacks the data it needs says so (`fired: None`) instead of a silent "no".
//!
//! Windows: "the last N weeks" are the N complete ISO weeks before the week of the as-of date
//! (the week being lived never counts, so any day of a week gives the same answer); day counts
//! ("90 days", "14 days") are whole calendar days from the record's date to the as-of date;
//! month and year spans are calendar months. Records dated after the as-of date are ignored.

mod detect;
pub use detect::{PayPlace, grouped, wage_percentile};
pub mod thresholds;

use jiff::civil::Date;
use serde::Serialize;

use crate::career::Snapshot;
use crate::decision::format_number;
use crate::evidence::Visibility;
use crate::life::WeekHours;
use crate::network::{Source, Stage};
use crate::skills::Skill;
use crate::week::IsoWeek;
pub use thresholds::Thresholds;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkerId {
    Overstaying,
    PayBehindMarket,
    LoyaltyTrap,
    InvisibleHardWork,
    StaleRecord,
    FadingSkills,
    IgnoredOpportunity,
    DrainingRole,
    OverworkCreep,
    CompromisedDealbreaker,
}

impl MarkerId {
    pub const ALL: [MarkerId; 10] = [
        MarkerId::Overstaying,
        MarkerId::PayBehindMarket,
        MarkerId::LoyaltyTrap,
        MarkerId::InvisibleHardWork,
        MarkerId::StaleRecord,
        MarkerId::FadingSkills,
        MarkerId::IgnoredOpportunity,
        MarkerId::DrainingRole,
        MarkerId::OverworkCreep,
        MarkerId::CompromisedDealbreaker,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MarkerId::Overstaying => "overstaying",
            MarkerId::PayBehindMarket => "pay_behind_market",
            MarkerId::LoyaltyTrap => "loyalty_trap",
            MarkerId::InvisibleHardWork => "invisible_hard_work",
            MarkerId::StaleRecord => "stale_record",
            MarkerId::FadingSkills => "fading_skills",
            MarkerId::IgnoredOpportunity => "ignored_opportunity",
            MarkerId::DrainingRole => "draining_role",
            MarkerId::OverworkCreep => "overwork_creep",
            MarkerId::CompromisedDealbreaker => "compromised_dealbreaker",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            MarkerId::Overstaying => "Overstaying",
            MarkerId::PayBehindMarket => "Pay behind the market",
            MarkerId::LoyaltyTrap => "Loyalty trap",
            MarkerId::InvisibleHardWork => "Invisible hard work",
            MarkerId::StaleRecord => "Stale record",
            MarkerId::FadingSkills => "Fading skills",
            MarkerId::IgnoredOpportunity => "Ignored opportunity",
            MarkerId::DrainingRole => "Draining role",
            MarkerId::OverworkCreep => "Overwork creep",
            MarkerId::CompromisedDealbreaker => "Compromised deal-breaker",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
}

/// A row that made a marker fire (or not): what a coach would point at.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence {
    Week {
        week: IsoWeek,
        hours: f64,
        boundary: f64,
    },
    Win {
        id: u32,
        date: Date,
        title: String,
        visibility: Visibility,
    },
    Profile {
        field: &'static str,
        value: String,
    },
    Opportunity {
        id: u32,
        company: String,
        role: String,
        source: Source,
        stage: Stage,
        since: Date,
        days: i64,
    },
    Audit {
        date: Date,
        drain_share: f64,
        draining_hours: f64,
        total_hours: f64,
    },
    Dealbreaker {
        id: String,
        rule: String,
        option: String,
        actual: String,
        broken: bool,
        /// Kept, but only exactly at the threshold (see `decision::problem::at_the_line`).
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        at_the_line: bool,
    },
    Wage {
        dataset: String,
        occupation: String,
        /// The occupation's title, for the row in words; the JSON keeps the code alone.
        #[serde(skip)]
        title: String,
        area: String,
        percentile: f64,
        wage: f64,
    },
    Skill {
        id: String,
        skill: String,
        employers: u32,
        postings: u32,
        postings_year_before: u32,
    },
}

/// One row of evidence in words.
impl Evidence {
    /// The row in words, as every report shows it.
    pub fn describe(&self) -> String {
        match self {
            Evidence::Week {
                week,
                hours,
                boundary,
            } => {
                format!(
                    "{week}: {} h against {} h",
                    format_number(*hours),
                    format_number(*boundary)
                )
            }
            Evidence::Win {
                id,
                date,
                title,
                visibility,
            } => {
                format!(
                    "win #{id} {date} \"{title}\", seen by {}",
                    visibility.label()
                )
            }
            // The field in words ("role start"), not as stored ("role_start"); an amount grouped
            // as the summary above it says it ("126,000").
            Evidence::Profile { field, value } => format!(
                "your {}: {}",
                field.replace('_', " "),
                value.parse().map_or_else(|_| value.clone(), grouped)
            ),
            Evidence::Opportunity {
                id,
                company,
                role,
                stage,
                since,
                days,
                ..
            } => format!(
                "opportunity #{id} {role} at {company}: {} since {since} ({})",
                crate::network::stage_word(*stage),
                crate::text::days_ago(*days)
            ),
            Evidence::Audit {
                date,
                drain_share,
                draining_hours,
                total_hours,
            } => format!(
                "audit {date}: {} of {} task hours drain you ({})",
                format_number(*draining_hours),
                format_number(*total_hours),
                crate::text::percent(*drain_share)
            ),
            // Only the current role's rules are evidence: "in stay" named its id for nothing.
            Evidence::Dealbreaker {
                rule,
                actual,
                broken,
                at_the_line,
                ..
            } => format!(
                "{rule}: {actual}, {}",
                match (*broken, *at_the_line) {
                    (true, _) => "broken",
                    (false, true) => "kept only at the line",
                    (false, false) => "kept",
                }
            ),
            Evidence::Wage {
                dataset,
                occupation,
                title,
                area,
                percentile,
                wage,
            } => format!(
                "{dataset}, {title} ({occupation}) in {area}: {} percentile {}",
                crate::text::ordinal(*percentile),
                grouped(wage.round())
            ),
            Evidence::Skill {
                skill,
                id: _,
                employers,
                postings,
                postings_year_before,
            } => format!(
                "{skill}: {employers} {}, {postings} {} (year before: {postings_year_before})",
                crate::text::noun(*employers, "employer", "employers"),
                crate::text::noun(*postings, "posting", "postings"),
            ),
        }
    }
}

/// The thresholds a marker was judged against, as configured.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Threshold {
    Overstaying(thresholds::Overstaying),
    PayBehindMarket(thresholds::PayBehindMarket),
    LoyaltyTrap(thresholds::LoyaltyTrap),
    InvisibleHardWork(thresholds::InvisibleHardWork),
    StaleRecord(thresholds::StaleRecord),
    FadingSkills(thresholds::FadingSkills),
    IgnoredOpportunity(thresholds::IgnoredOpportunity),
    DrainingRole(thresholds::DrainingRole),
    OverworkCreep(thresholds::OverworkCreep),
    /// Your own deal-breakers are the threshold.
    Dealbreakers(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Marker {
    pub id: MarkerId,
    /// `None`: the records cannot tell; `missing` says what would.
    pub fired: Option<bool>,
    /// Only for markers that fired.
    pub severity: Option<Severity>,
    pub summary: String,
    pub evidence: Vec<Evidence>,
    pub threshold: Threshold,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
}

/// What a page shows of a marker: whether it fired, and how badly when that is worth saying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerState {
    FiredHigh,
    /// Fired at medium severity, or with none given.
    Fired,
    FiredLow,
    Ok,
    CantTell,
}

impl MarkerState {
    /// The state in words, the same on every page.
    pub fn words(self) -> &'static str {
        match self {
            MarkerState::FiredHigh => "fired (high)",
            MarkerState::Fired => "fired",
            MarkerState::FiredLow => "fired (low)",
            MarkerState::Ok => "ok",
            MarkerState::CantTell => "can't tell",
        }
    }

    pub fn fired(self) -> bool {
        matches!(
            self,
            MarkerState::FiredHigh | MarkerState::Fired | MarkerState::FiredLow
        )
    }
}

impl Marker {
    pub fn state(&self) -> MarkerState {
        match (self.fired, self.severity) {
            (Some(true), Some(Severity::High)) => MarkerState::FiredHigh,
            (Some(true), Some(Severity::Low)) => MarkerState::FiredLow,
            (Some(true), _) => MarkerState::Fired,
            (Some(false), _) => MarkerState::Ok,
            (None, _) => MarkerState::CantTell,
        }
    }

    /// "fired (high)", "fired (low)", "fired", "ok" or "can't tell".
    pub fn state_words(&self) -> &'static str {
        self.state().words()
    }

    fn new(id: MarkerId, threshold: Threshold) -> Marker {
        Marker {
            id,
            fired: None,
            severity: None,
            summary: String::new(),
            evidence: Vec::new(),
            threshold,
            missing: None,
        }
    }

    fn fire(mut self, severity: Severity, summary: String) -> Marker {
        self.fired = Some(true);
        self.severity = Some(severity);
        self.summary = summary;
        self
    }

    fn quiet(mut self, summary: String) -> Marker {
        self.fired = Some(false);
        self.summary = summary;
        self
    }

    fn unknown(mut self, summary: String, missing: String) -> Marker {
        self.fired = None;
        self.summary = summary;
        self.missing = Some(missing);
        self
    }

    fn with_evidence(mut self, evidence: Vec<Evidence>) -> Marker {
        self.evidence = evidence;
        self
    }
}

/// OEWS percentile wages for the person's occupation and area (from the labour-market data).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wages {
    pub dataset: String,
    /// The SOC code, as evidence carries it.
    pub occupation: String,
    /// The occupation's title, as prose says it.
    pub title: String,
    pub area: String,
    /// (percentile, annual wage), ascending: OEWS publishes 10, 25, 50, 75, 90.
    pub percentiles: Vec<(f64, f64)>,
}

/// Demand for the person's skills in the postings they imported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillDemand {
    /// Which postings were counted, e.g. "12,000 imported job postings".
    pub dataset: String,
    /// The last twelve months end here.
    pub through: Date,
    pub skills: Vec<SkillDemandRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillDemandRow {
    /// The taxonomy id, as in [`crate::skills::Skill::id`].
    pub id: String,
    pub skill: String,
    /// Distinct employers asking for it in the last twelve months.
    pub employers: u32,
    pub postings: u32,
    /// Postings asking for it in the twelve months before those.
    pub postings_year_before: u32,
}

/// What the detectors read.
#[derive(Debug, Clone, Copy)]
pub struct Records<'a> {
    pub snapshot: &'a Snapshot,
    /// Weeks as counted (check-ins, then trackers): `life::merged_weeks`.
    pub weeks: &'a [WeekHours],
    /// OEWS wages for the person's occupation and area, or why there are none.
    pub wages: Result<&'a Wages, &'a str>,
    pub demand: Option<&'a SkillDemand>,
    /// The person's skills; none recorded yet means `fading_skills` cannot tell.
    pub skills: &'a [Skill],
}

/// Every detector, in the order of DESIGN 4.8.
pub fn detect_all(records: &Records, thresholds: &Thresholds, as_of: Date) -> Vec<Marker> {
    MarkerId::ALL
        .iter()
        .map(|&id| detect(id, records, thresholds, as_of))
        .collect()
}

pub fn detect(id: MarkerId, r: &Records, t: &Thresholds, as_of: Date) -> Marker {
    let s = r.snapshot;
    match id {
        MarkerId::Overstaying => detect::overstaying(&s.profile, &t.overstaying, as_of),
        MarkerId::PayBehindMarket => {
            detect::pay_behind_market(&s.profile, r.wages, &t.pay_behind_market)
        }
        MarkerId::LoyaltyTrap => detect::loyalty_trap(&s.profile, &t.loyalty_trap, as_of),
        MarkerId::InvisibleHardWork => detect::invisible_hard_work(
            r.weeks,
            s.profile.boundary_hours,
            &s.achievements,
            &t.invisible_hard_work,
            as_of,
        ),
        MarkerId::StaleRecord => detect::stale_record(&s.achievements, &t.stale_record, as_of),
        MarkerId::FadingSkills => detect::fading_skills(r.skills, r.demand, &t.fading_skills),
        MarkerId::IgnoredOpportunity => {
            detect::ignored_opportunity(&s.opportunities, &t.ignored_opportunity, as_of)
        }
        MarkerId::DrainingRole => detect::draining_role(&s.audits, &t.draining_role, as_of),
        MarkerId::OverworkCreep => {
            detect::overwork_creep(r.weeks, s.profile.boundary_hours, &t.overwork_creep, as_of)
        }
        MarkerId::CompromisedDealbreaker => detect::compromised_dealbreaker(s, r.weeks, as_of),
    }
}

#[cfg(test)]
mod tests;
