//! Each detector's threshold, with DESIGN 4.8's defaults; `config.toml` overrides any of them
//! under `[markers.<id>]`.

use serde::{Deserialize, Serialize};

use crate::invalid::InvalidField;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Overstaying {
    /// Years in the same role, counted from the later of role start and last promotion.
    pub years: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PayBehindMarket {
    /// Fires when total pay is below this OEWS percentile.
    pub percentile: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LoyaltyTrap {
    pub review_cycles: u32,
    pub cycle_months: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InvisibleHardWork {
    pub weeks_over: usize,
    pub window_weeks: usize,
    /// Fires when fewer than this share of recent wins reached your manager's manager or beyond.
    pub visible_share: f64,
    pub months: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StaleRecord {
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FadingSkills {
    /// A skill is in demand when this many distinct employers ask for it.
    pub min_employers: u32,
    /// Fires when fewer than this share of your skills are in demand.
    pub covered_share: f64,
    /// ... or when one skill's postings fell by this share year on year.
    pub demand_drop: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IgnoredOpportunity {
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DrainingRole {
    pub drain_share: f64,
    pub weeks: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OverworkCreep {
    pub weeks_over: usize,
    pub window_weeks: usize,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    pub overstaying: Overstaying,
    pub pay_behind_market: PayBehindMarket,
    pub loyalty_trap: LoyaltyTrap,
    pub invisible_hard_work: InvisibleHardWork,
    pub stale_record: StaleRecord,
    pub fading_skills: FadingSkills,
    pub ignored_opportunity: IgnoredOpportunity,
    pub draining_role: DrainingRole,
    pub overwork_creep: OverworkCreep,
}

impl Default for Overstaying {
    fn default() -> Self {
        Overstaying { years: 3.0 }
    }
}

impl Default for PayBehindMarket {
    fn default() -> Self {
        PayBehindMarket { percentile: 40.0 }
    }
}

impl Default for LoyaltyTrap {
    fn default() -> Self {
        LoyaltyTrap {
            review_cycles: 2,
            cycle_months: 12,
        }
    }
}

impl Default for InvisibleHardWork {
    fn default() -> Self {
        InvisibleHardWork {
            weeks_over: 6,
            window_weeks: 8,
            visible_share: 0.25,
            months: 6,
        }
    }
}

impl Default for StaleRecord {
    fn default() -> Self {
        StaleRecord { days: 90 }
    }
}

impl Default for FadingSkills {
    fn default() -> Self {
        FadingSkills {
            min_employers: 5,
            covered_share: 0.5,
            demand_drop: 0.5,
        }
    }
}

impl Default for IgnoredOpportunity {
    fn default() -> Self {
        IgnoredOpportunity { days: 14 }
    }
}

impl Default for DrainingRole {
    fn default() -> Self {
        DrainingRole {
            drain_share: 0.5,
            weeks: 8,
        }
    }
}

impl Default for OverworkCreep {
    fn default() -> Self {
        OverworkCreep {
            weeks_over: 3,
            window_weeks: 4,
        }
    }
}

impl Thresholds {
    /// Checks that every threshold can be met; the error's field is the `[markers]` key
    /// (`overstaying.years`), as the person writes it in the file.
    pub fn validate(&self) -> Result<(), InvalidField> {
        let share = |key: &str, v: f64| {
            if (0.0..=1.0).contains(&v) {
                Ok(())
            } else {
                Err(InvalidField::new(
                    key,
                    format!("{v} is not a share; a share is 0 to 1 (0.25 = 25%)"),
                ))
            }
        };
        let positive = |key: &str, v: f64| {
            if v.is_finite() && v > 0.0 {
                Ok(())
            } else {
                Err(InvalidField::new(
                    key,
                    format!("{v} is not above 0; give a number above 0"),
                ))
            }
        };
        let window = |key: &str, over: usize, window: usize| {
            if over == 0 || window == 0 || over > window || window > 520 {
                Err(InvalidField::new(
                    key,
                    format!(
                        "weeks_over = {over} of window_weeks = {window} cannot be met; \
                         weeks_over must be 1 to window_weeks (at most 520)"
                    ),
                ))
            } else {
                Ok(())
            }
        };
        positive("overstaying.years", self.overstaying.years)?;
        let p = self.pay_behind_market.percentile;
        if !(10.0..=90.0).contains(&p) {
            return Err(InvalidField::new(
                "pay_behind_market.percentile",
                format!("{p} is not published; OEWS publishes the 10th to 90th percentiles"),
            ));
        }
        positive(
            "loyalty_trap.review_cycles",
            f64::from(self.loyalty_trap.review_cycles),
        )?;
        positive(
            "loyalty_trap.cycle_months",
            f64::from(self.loyalty_trap.cycle_months),
        )?;
        let i = &self.invisible_hard_work;
        window("invisible_hard_work", i.weeks_over, i.window_weeks)?;
        share("invisible_hard_work.visible_share", i.visible_share)?;
        positive("invisible_hard_work.months", f64::from(i.months))?;
        positive("stale_record.days", f64::from(self.stale_record.days))?;
        let f = &self.fading_skills;
        positive("fading_skills.min_employers", f64::from(f.min_employers))?;
        share("fading_skills.covered_share", f.covered_share)?;
        share("fading_skills.demand_drop", f.demand_drop)?;
        positive(
            "ignored_opportunity.days",
            f64::from(self.ignored_opportunity.days),
        )?;
        share("draining_role.drain_share", self.draining_role.drain_share)?;
        positive("draining_role.weeks", f64::from(self.draining_role.weeks))?;
        let c = &self.overwork_creep;
        window("overwork_creep", c.weeks_over, c.window_weeks)
    }
}
