//! The ten detectors. Each returns a marker with its evidence; see the module docs for windows.

use jiff::civil::Date;
use jiff::{Span, Unit};

use super::thresholds as t;
use super::{Evidence, Marker, MarkerId, Severity, SkillDemand, Threshold, Wages};
use crate::career::{OptionKind, Profile, Snapshot};
use crate::decision::document::AttrValue;
use crate::decision::format_number;
use crate::decision::problem::{at_the_line, compare};
use crate::evidence::Achievement;
use crate::life::{Audit, Creep, WeekHours, audit, overwork_creep as weeks_over};
use crate::network::{Opportunity, Source, Stage, days_between};
use crate::skills::Skill;
use crate::text::{count, days_ago, ordinal};
use crate::week::IsoWeek;

/// "3 years 2 months", "5 months", "12 days": how long from `from` to `to`.
fn span_words(from: Date, to: Date) -> String {
    let span = from
        .until((Unit::Year, to))
        .expect("civil dates are within range");
    let plural = |n: i64, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let (years, months) = (i64::from(span.get_years()), i64::from(span.get_months()));
    match (years, months) {
        (0, 0) => plural(days_between(from, to), "day"),
        (0, m) => plural(m, "month"),
        (y, 0) => plural(y, "year"),
        (y, m) => format!("{} {}", plural(y, "year"), plural(m, "month")),
    }
}

fn add_months(date: Date, months: i64) -> Date {
    date.saturating_add(Span::new().months(months))
}

pub fn overstaying(profile: &Profile, th: &t::Overstaying, as_of: Date) -> Marker {
    let marker = Marker::new(MarkerId::Overstaying, Threshold::Overstaying(th.clone()));
    let mut evidence = Vec::new();
    for (field, date) in [
        ("role_start", profile.role_start),
        ("last_promotion", profile.last_promotion),
    ] {
        if let Some(date) = date {
            evidence.push(Evidence::Profile {
                field,
                value: date.to_string(),
            });
        }
    }
    let since = [profile.role_start, profile.last_promotion]
        .into_iter()
        .flatten()
        .filter(|d| *d <= as_of)
        .max();
    let Some(since) = since else {
        return marker.unknown(
            "Cannot tell how long you have been in your role.".into(),
            "the date you started your role: `milemarker profile set --role-start DATE`".into(),
        );
    };
    let marker = marker.with_evidence(evidence);
    let months = (th.years * 12.0).round() as i64;
    let how_long = span_words(since, as_of);
    let what = if profile.last_promotion == Some(since) {
        format!("since your last promotion on {since}")
    } else {
        format!("in the same role since {since}, with no promotion")
    };
    if add_months(since, months) <= as_of {
        let severity = if add_months(since, months * 3 / 2) <= as_of {
            Severity::High
        } else {
            Severity::Medium
        };
        marker.fire(
            severity,
            format!(
                "{how_long} {what}: past the {} years that say it is time to move.",
                format_number(th.years)
            ),
        )
    } else {
        marker.quiet(format!(
            "{how_long} {what}; the marker is at {} years.",
            format_number(th.years)
        ))
    }
}

pub use crate::text::grouped;

/// The person's percentile among OEWS wages, interpolated linearly between published points;
/// below the 10th or above the 90th it is clamped there (OEWS publishes nothing further out).
pub fn wage_percentile(wages: &Wages, pay: f64) -> f64 {
    let points = &wages.percentiles;
    let (first, last) = (points[0], points[points.len() - 1]);
    if pay <= first.1 {
        return first.0;
    }
    if pay >= last.1 {
        return last.0;
    }
    for pair in points.windows(2) {
        let ((p0, w0), (p1, w1)) = (pair[0], pair[1]);
        if pay <= w1 {
            return if w1 > w0 {
                p0 + (p1 - p0) * (pay - w0) / (w1 - w0)
            } else {
                p1
            };
        }
    }
    last.0
}

/// Where pay sits among the published wages. Outside them OEWS gives no number to interpolate
/// to, so only the side and the nearest published percentile are known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PayPlace {
    /// Below the lowest published wage, at this percentile.
    Below(f64),
    /// At this interpolated percentile.
    Within(f64),
    /// Above the highest published wage, at this percentile.
    Above(f64),
}

impl PayPlace {
    /// `pay` among `wages` (at least one published percentile).
    pub fn of(wages: &Wages, pay: f64) -> PayPlace {
        let points = &wages.percentiles;
        let (first, last) = (points[0], points[points.len() - 1]);
        if pay < first.1 {
            PayPlace::Below(first.0)
        } else if pay > last.1 {
            PayPlace::Above(last.0)
        } else {
            PayPlace::Within(wage_percentile(wages, pay))
        }
    }

    /// The interpolated percentile; none outside the published ones.
    pub fn percentile(self) -> Option<f64> {
        match self {
            PayPlace::Within(p) => Some(p),
            PayPlace::Below(_) | PayPlace::Above(_) => None,
        }
    }

    /// "below the 10th percentile", "near the 27th percentile", "above the 90th percentile".
    pub fn describe(self) -> String {
        match self {
            PayPlace::Below(p) => format!("below the {} percentile", ordinal(p)),
            PayPlace::Within(p) => format!("near the {} percentile", ordinal(p)),
            PayPlace::Above(p) => format!("above the {} percentile", ordinal(p)),
        }
    }
}

/// The wage at a percentile, by the same interpolation.
pub fn wage_at(wages: &Wages, percentile: f64) -> f64 {
    let points = &wages.percentiles;
    for pair in points.windows(2) {
        let ((p0, w0), (p1, w1)) = (pair[0], pair[1]);
        if percentile <= p1 {
            return w0 + (w1 - w0) * (percentile - p0).max(0.0) / (p1 - p0);
        }
    }
    points[points.len() - 1].1
}

pub fn pay_behind_market(
    profile: &Profile,
    wages: Result<&Wages, &str>,
    th: &t::PayBehindMarket,
) -> Marker {
    let marker = Marker::new(
        MarkerId::PayBehindMarket,
        Threshold::PayBehindMarket(th.clone()),
    );
    let cannot = "Cannot compare your pay with the market.".to_string();
    let Some(pay) = profile.total_pay() else {
        return marker.unknown(
            cannot,
            "your pay: `milemarker profile set --pay N [--bonus N --equity N]`".into(),
        );
    };
    let Some(occupation) = &profile.occupation else {
        return marker.unknown(
            cannot,
            "your occupation code: `milemarker profile set --occupation 11-2021.00`".into(),
        );
    };
    if profile.currency != "USD" {
        return marker.unknown(
            cannot,
            format!(
                "wages in {}: OEWS covers US areas in US dollars, and your pay is in {}",
                profile.currency, profile.currency
            ),
        );
    }
    let wages = match wages {
        Ok(w) if w.percentiles.len() >= 2 => w,
        Ok(_) => {
            return marker.unknown(
                cannot,
                format!("OEWS wages for {occupation}: too few published percentiles"),
            );
        }
        Err(why) => return marker.unknown(cannot, format!("OEWS wages for {occupation}: {why}")),
    };
    let percentile = wage_percentile(wages, pay);
    let position = PayPlace::of(wages, pay).describe();
    let line = wage_at(wages, th.percentile);
    let evidence = vec![
        Evidence::Profile {
            field: "total_pay",
            value: format_number(pay),
        },
        Evidence::Wage {
            dataset: wages.dataset.clone(),
            occupation: wages.occupation.clone(),
            title: wages.title.clone(),
            area: wages.area.clone(),
            percentile: th.percentile,
            wage: line,
        },
    ];
    let marker = marker.with_evidence(evidence);
    let where_ = format!(
        "{} {} for {} in {} ({})",
        grouped(pay),
        profile.currency,
        wages.title,
        wages.area,
        wages.dataset
    );
    if pay < line {
        let severity = if percentile <= 25.0 {
            Severity::High
        } else {
            Severity::Medium
        };
        marker.fire(
            severity,
            format!(
                "Total pay {where_} is {position}, under the {} ({}).",
                ordinal(th.percentile),
                grouped(line)
            ),
        )
    } else {
        marker.quiet(format!("Total pay {where_} is {position}."))
    }
}

pub fn loyalty_trap(profile: &Profile, th: &t::LoyaltyTrap, as_of: Date) -> Marker {
    let marker = Marker::new(MarkerId::LoyaltyTrap, Threshold::LoyaltyTrap(th.clone()));
    let Some(promised) = profile.promotion_promised.filter(|d| *d <= as_of) else {
        return marker.unknown(
            "No promotion you were told to expect is on record.".into(),
            "the date you were told to expect a promotion, if you were: `milemarker profile set --promotion-promised DATE`".into(),
        );
    };
    let mut evidence = vec![Evidence::Profile {
        field: "promotion_promised",
        value: promised.to_string(),
    }];
    let promoted = profile
        .last_promotion
        .filter(|d| *d >= promised && *d <= as_of);
    if let Some(date) = promoted {
        evidence.push(Evidence::Profile {
            field: "last_promotion",
            value: date.to_string(),
        });
        return marker.with_evidence(evidence).quiet(format!(
            "The promotion expected on {promised} came on {date}."
        ));
    }
    let cycle = i64::from(th.cycle_months);
    let months_waited = i64::from(
        promised
            .until((Unit::Month, as_of))
            .expect("civil dates are within range")
            .get_months(),
    );
    let cycles = months_waited / cycle;
    let marker = marker.with_evidence(evidence);
    let need = i64::from(th.review_cycles);
    if cycles >= need {
        let severity = if cycles >= need * 2 {
            Severity::High
        } else {
            Severity::Medium
        };
        marker.fire(
            severity,
            format!(
                "Told to expect a promotion on {promised}; {} and {cycles} review cycles later it has not come.",
                span_words(promised, as_of)
            ),
        )
    } else {
        marker.quiet(format!(
            "Promotion expected since {promised}: {cycles} of {need} review cycles have passed."
        ))
    }
}

fn week_evidence(over: &[(IsoWeek, f64)], boundary: f64) -> Vec<Evidence> {
    over.iter()
        .map(|&(week, hours)| Evidence::Week {
            week,
            hours,
            boundary,
        })
        .collect()
}

/// The weeks over the boundary among the last `window` complete weeks (life::overwork_creep).
fn over_in_window(
    weeks: &[WeekHours],
    boundary: f64,
    as_of: Date,
    window: usize,
    over: usize,
) -> Creep {
    let hours: Vec<(IsoWeek, f64)> = weeks.iter().map(|w| (w.week, w.hours)).collect();
    weeks_over(&hours, boundary, as_of, window, over)
}

pub fn invisible_hard_work(
    weeks: &[WeekHours],
    boundary: f64,
    wins: &[Achievement],
    th: &t::InvisibleHardWork,
    as_of: Date,
) -> Marker {
    let marker = Marker::new(
        MarkerId::InvisibleHardWork,
        Threshold::InvisibleHardWork(th.clone()),
    );
    let hours = over_in_window(weeks, boundary, as_of, th.window_weeks, th.weeks_over);
    let from = add_months(as_of, -i64::from(th.months));
    let recent: Vec<&Achievement> = wins
        .iter()
        .filter(|w| w.date > from && w.date <= as_of)
        .collect();
    let seen = recent
        .iter()
        .filter(|w| w.visibility.reaches_leadership())
        .count();
    let share = if recent.is_empty() {
        0.0
    } else {
        seen as f64 / recent.len() as f64
    };
    let mut evidence = week_evidence(&hours.over, boundary);
    evidence.extend(recent.iter().map(|w| Evidence::Win {
        id: w.id,
        date: w.date,
        title: w.title.clone(),
        visibility: w.visibility,
    }));
    let marker = marker.with_evidence(evidence);
    let wins = crate::text::noun(recent.len() as f64, "win", "wins");
    let visibility = match (seen, recent.len()) {
        (_, 0) => format!("no win logged in the last {} months", th.months),
        (0, n) => format!(
            "none of the {n} {wins} in the last {} months reached your manager's manager or beyond",
            th.months
        ),
        (_, n) => format!(
            "{seen} of {n} {wins} in the last {} months reached your manager's manager or beyond",
            th.months
        ),
    };
    // The same words begin a sentence where the hours say nothing.
    let mut chars = visibility.chars();
    let visibility_first: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let over = format!(
        "{} over {} h",
        of_the_last(hours.over.len(), th.window_weeks),
        format_number(boundary)
    );
    if share >= th.visible_share {
        return marker.quiet(format!("{visibility_first}: the work is seen."));
    }
    match hours.fired {
        Some(true) => {
            let severity = if seen == 0 { Severity::High } else { Severity::Medium };
            let yet = if seen == 0 { "yet" } else { "yet only" };
            marker.fire(severity, format!("{over}, {yet} {visibility}."))
        }
        Some(false) => marker.quiet(format!("{over}; {visibility}.")),
        None => marker.unknown(
            format!("{visibility_first}, but the hours of too few recent weeks are known."),
            format!(
                "hours for the last {} weeks ({} known): `milemarker checkin --week ...` or `milemarker hours import`",
                th.window_weeks, hours.weeks_with_data
            ),
        ),
    }
}

pub fn stale_record(wins: &[Achievement], th: &t::StaleRecord, as_of: Date) -> Marker {
    let marker = Marker::new(MarkerId::StaleRecord, Threshold::StaleRecord(th.clone()));
    let latest = wins
        .iter()
        .filter(|w| w.date <= as_of)
        .max_by_key(|w| (w.date, w.id));
    let Some(latest) = latest else {
        return marker.fire(
            Severity::Medium,
            "No achievement logged yet: you're only as good as what you've done last. `milemarker win \"...\"` takes seconds.".into(),
        );
    };
    let days = days_between(latest.date, as_of);
    let marker = marker.with_evidence(vec![Evidence::Win {
        id: latest.id,
        date: latest.date,
        title: latest.title.clone(),
        visibility: latest.visibility,
    }]);
    let limit = i64::from(th.days);
    if days >= limit {
        let severity = if days >= 2 * limit {
            Severity::High
        } else {
            Severity::Medium
        };
        marker.fire(
            severity,
            format!(
                "No achievement logged in {}; the last was \"{}\" on {}.",
                count(days as f64, "day", "days"),
                latest.title,
                latest.date
            ),
        )
    } else {
        marker.quiet(format!(
            "Last achievement {}: \"{}\".",
            days_ago(days),
            latest.title
        ))
    }
}

pub fn fading_skills(
    skills: &[Skill],
    demand: Option<&SkillDemand>,
    th: &t::FadingSkills,
) -> Marker {
    let marker = Marker::new(MarkerId::FadingSkills, Threshold::FadingSkills(th.clone()));
    if skills.is_empty() {
        return marker.unknown(
            "Cannot tell whether your skills are in demand.".into(),
            "your skills: `milemarker skills add` or `milemarker skills from-text CV.txt --add`"
                .into(),
        );
    }
    let Some(demand) = demand else {
        return marker.unknown(
            "Cannot tell whether your skills are in demand.".into(),
            "job postings to count demand in: `milemarker postings import FILE`".into(),
        );
    };
    let row = |skill: &Skill| demand.skills.iter().find(|r| r.id == skill.id);
    let in_demand = skills
        .iter()
        .filter(|s| row(s).is_some_and(|r| r.employers >= th.min_employers))
        .count();
    let falling: Vec<&super::SkillDemandRow> = skills
        .iter()
        .filter_map(row)
        .filter(|r| {
            r.postings_year_before > 0
                && f64::from(r.postings)
                    <= f64::from(r.postings_year_before) * (1.0 - th.demand_drop)
        })
        .collect();
    let share = in_demand as f64 / skills.len() as f64;
    let evidence = skills
        .iter()
        .map(|s| {
            let r = row(s);
            Evidence::Skill {
                id: s.id.clone(),
                skill: s.label.clone(),
                employers: r.map_or(0, |r| r.employers),
                postings: r.map_or(0, |r| r.postings),
                postings_year_before: r.map_or(0, |r| r.postings_year_before),
            }
        })
        .collect();
    let marker = marker.with_evidence(evidence);
    // "2 of the 2 skills" and "1 of the 1 skill ... are" read as counts, not as a person says it.
    let how_many = match (in_demand, skills.len()) {
        (1, 1) => "Your one skill that postings can name is".to_string(),
        (0, 1) => "Your one skill that postings can name is not".to_string(),
        (0, n) => format!("None of the {n} skills of yours that postings can name is"),
        (k, n) if k == n => format!("All {n} skills of yours that postings can name are"),
        (k, n) => format!("{k} of the {n} skills of yours that postings can name are"),
    };
    let coverage = format!(
        "{how_many} asked for by {}+ employers in the 12 months to {} ({})",
        th.min_employers, demand.through, demand.dataset
    );
    let low = share < th.covered_share;
    if low || !falling.is_empty() {
        let names: Vec<&str> = falling.iter().map(|r| r.skill.as_str()).collect();
        let fall = if names.is_empty() {
            String::new()
        } else {
            format!("; demand fell by half or more for {}", names.join(", "))
        };
        let severity = if low && !falling.is_empty() {
            Severity::High
        } else {
            Severity::Medium
        };
        marker.fire(severity, format!("{coverage}{fall}."))
    } else {
        marker.quiet(format!("{coverage}."))
    }
}

/// The opportunity as it stood on `as_of`: its stage then and since when.
fn stage_on(o: &Opportunity, as_of: Date) -> Option<(Stage, Date)> {
    o.history
        .iter()
        .rfind(|c| c.date <= as_of)
        .map(|c| (c.stage, c.date))
}

pub fn ignored_opportunity(
    items: &[Opportunity],
    th: &t::IgnoredOpportunity,
    as_of: Date,
) -> Marker {
    let marker = Marker::new(
        MarkerId::IgnoredOpportunity,
        Threshold::IgnoredOpportunity(th.clone()),
    );
    let limit = i64::from(th.days);
    let mut waiting = 0;
    let mut evidence = Vec::new();
    for o in items.iter().filter(|o| o.source == Source::Recruiter) {
        let Some((Stage::New, since)) = stage_on(o, as_of) else {
            continue;
        };
        waiting += 1;
        let days = days_between(since, as_of);
        if days >= limit {
            evidence.push(Evidence::Opportunity {
                id: o.id,
                company: o.company.clone(),
                role: o.role.clone(),
                source: o.source,
                stage: Stage::New,
                since,
                days,
            });
        }
    }
    if evidence.is_empty() {
        let summary = if waiting == 0 {
            "No recruiter lead is waiting for a reply.".to_string()
        } else {
            format!(
                "{} waiting, none for {} yet.",
                count(waiting as f64, "recruiter lead", "recruiter leads"),
                count(limit as f64, "day", "days")
            )
        };
        return marker.quiet(summary);
    }
    let worst = evidence
        .iter()
        .filter_map(|e| match e {
            Evidence::Opportunity {
                days,
                company,
                role,
                ..
            } => Some((*days, company.clone(), role.clone())),
            _ => None,
        })
        .max()
        .expect("evidence is not empty");
    let severity = if worst.0 >= 2 * limit {
        Severity::High
    } else {
        Severity::Medium
    };
    let evidence_count = evidence.len();
    marker.with_evidence(evidence).fire(
        severity,
        format!(
            "{} unanswered for {limit}+ days; the oldest, {} at {}, has waited {}.",
            count(evidence_count as f64, "recruiter lead", "recruiter leads"),
            worst.2,
            worst.1,
            count(worst.0 as f64, "day", "days")
        ),
    )
}

pub fn draining_role(audits: &[Audit], th: &t::DrainingRole, as_of: Date) -> Marker {
    let marker = Marker::new(MarkerId::DrainingRole, Threshold::DrainingRole(th.clone()));
    let mut reports: Vec<_> = audits
        .iter()
        .filter(|a| a.date <= as_of)
        .map(audit)
        .filter(|r| r.drain_share.is_some())
        .collect();
    reports.sort_by_key(|r| r.date);
    let Some(latest) = reports.last() else {
        return marker.unknown(
            "No energy audit yet.".into(),
            "an energy audit: list your tasks with `milemarker task add`, then run `milemarker audit`".into(),
        );
    };
    let over = |r: &&crate::life::AuditReport| r.drain_share.unwrap_or(0.0) > th.drain_share;
    let run_start = reports.iter().rposition(|r| !over(&r)).map_or(0, |i| i + 1);
    let run = &reports[run_start..];
    let evidence = run
        .iter()
        .map(|r| Evidence::Audit {
            date: r.date,
            drain_share: r.drain_share.unwrap_or(0.0),
            draining_hours: r.draining_hours,
            total_hours: r.total_hours,
        })
        .collect();
    let marker = marker.with_evidence(evidence);
    let percent = |share: f64| format!("{}%", (share * 100.0).round());
    let latest_share = latest.drain_share.unwrap_or(0.0);
    if run.is_empty() {
        return marker.quiet(format!(
            "{} of task hours drain you in the audit of {}.",
            percent(latest_share),
            latest.date
        ));
    }
    let span_days = days_between(run[0].date, latest.date);
    let need_days = i64::from(th.weeks) * 7;
    let limit = percent(th.drain_share);
    if span_days >= need_days {
        let severity = if latest_share >= 0.75 {
            Severity::High
        } else {
            Severity::Medium
        };
        return marker.fire(
            severity,
            format!(
                "Over {limit} of your task hours drain you in {} across {} ({} on {}).",
                count(run.len() as f64, "audit", "audits"),
                count((span_days / 7) as f64, "week", "weeks"),
                percent(latest_share),
                latest.date
            ),
        );
    }
    if run_start == 0 {
        let again = run[0].date.saturating_add(Span::new().days(need_days));
        return marker.unknown(
            format!(
                "Over {limit} of task hours drain you in every audit so far, but {}.",
                // One day is no span: "they span only 0 days" said so in numbers.
                match span_days {
                    0 => "they were all taken on one day".to_string(),
                    n => format!(
                        "they span only {}",
                        crate::text::count(n as f64, "day", "days")
                    ),
                }
            ),
            format!(
                "an audit {} weeks after the first: `milemarker audit` again on or after {again}",
                th.weeks
            ),
        );
    }
    marker.quiet(format!(
        "Over {limit} drain since {}, for less than {} weeks so far.",
        run[0].date, th.weeks
    ))
}

/// "3 of the last 4 weeks", and when that is every week or none of them, "All of the last 4
/// weeks" or "None of the last 4 weeks" ("4 of the last 4 weeks" reads as a count, not a fact).
pub(super) fn of_the_last(over: usize, window: usize) -> String {
    let weeks = crate::text::noun(window as f64, "week", "weeks");
    match over {
        0 => format!("None of the last {window} {weeks}"),
        n if n == window && window > 1 => format!("All of the last {window} {weeks}"),
        n => format!("{n} of the last {window} {weeks}"),
    }
}

pub fn overwork_creep(
    weeks: &[WeekHours],
    boundary: f64,
    th: &t::OverworkCreep,
    as_of: Date,
) -> Marker {
    let marker = Marker::new(
        MarkerId::OverworkCreep,
        Threshold::OverworkCreep(th.clone()),
    );
    let creep = over_in_window(weeks, boundary, as_of, th.window_weeks, th.weeks_over);
    let marker = marker.with_evidence(week_evidence(&creep.over, boundary));
    let over = format!(
        "{} over your {} h boundary",
        of_the_last(creep.over.len(), th.window_weeks),
        format_number(boundary)
    );
    match creep.fired {
        Some(true) => {
            let severity = if creep.over.len() == th.window_weeks { Severity::High } else { Severity::Medium };
            marker.fire(severity, format!("{over}: weekly overtime is becoming the norm."))
        }
        Some(false) => marker.quiet(format!("{over}.")),
        None => marker.unknown(
            match creep.weeks_with_data {
                0 => format!("{} recorded: too few weeks to tell.", of_the_last(0, th.window_weeks)),
                n => format!(
                    "{} recorded, {} over your {} h boundary: too few weeks to tell.",
                    of_the_last(n, th.window_weeks),
                    creep.over.len(),
                    format_number(boundary)
                ),
            },
            format!(
                "hours for the weeks {}: `milemarker checkin --week ...` or `milemarker hours import`",
                creep
                    .window
                    .iter()
                    .filter(|w| !weeks.iter().any(|k| k.week == **w))
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
    }
}

/// Weeks whose hours stand in for a "stay" option's `hours` when the person records them.
const MEASURED_WEEKS: usize = 4;
const HOURS_ATTRIBUTES: [&str; 2] = ["hours", "hours_per_week"];

pub fn compromised_dealbreaker(s: &Snapshot, weeks: &[WeekHours], as_of: Date) -> Marker {
    let rules = s.dealbreakers.iter().map(|d| d.rule()).collect();
    let marker = Marker::new(
        MarkerId::CompromisedDealbreaker,
        Threshold::Dealbreakers(rules),
    );
    let Some(current) = s.options.iter().find(|o| o.kind == OptionKind::Stay) else {
        return marker.unknown(
            "Cannot tell whether your current role keeps your deal-breakers.".into(),
            "an option of kind stay describing your current role: `milemarker option add stay --kind stay ...`".into(),
        );
    };
    if s.dealbreakers.is_empty() {
        return marker.unknown(
            "You have no deal-breakers on record.".into(),
            "your deal-breakers: `milemarker dealbreakers add \"hours <= 45\"`".into(),
        );
    }
    let window = IsoWeek::of(as_of).previous().window(MEASURED_WEEKS);
    let recent: Vec<f64> = weeks
        .iter()
        .filter(|w| window.contains(&w.week))
        .map(|w| w.hours)
        .collect();
    let measured = (!recent.is_empty()).then(|| recent.iter().sum::<f64>() / recent.len() as f64);
    let mut evidence = Vec::new();
    let mut unknown = Vec::new();
    for d in &s.dealbreakers {
        let (actual, how) = match (HOURS_ATTRIBUTES.contains(&d.attribute.as_str()), measured) {
            (true, Some(avg)) => (
                Some(AttrValue::Number((avg * 10.0).round() / 10.0)),
                match recent.len() {
                    1 => " (your last recorded week)".to_string(),
                    n => format!(" (average of your last {n} recorded weeks)"),
                },
            ),
            _ => match current.attributes.get(&d.attribute) {
                Some(attribute) => (Some(attribute.clone()), String::new()),
                None => (
                    current.dealbreaker_fact(&d.attribute, &s.values),
                    " (your score for this value)".to_string(),
                ),
            },
        };
        let Some(actual) = actual else {
            unknown.push(d.attribute.clone());
            continue;
        };
        let Ok(kept) = compare(d.op, &actual, &d.value) else {
            unknown.push(d.attribute.clone());
            continue;
        };
        evidence.push(Evidence::Dealbreaker {
            id: d.id.clone(),
            rule: d.rule(),
            option: current.id.clone(),
            actual: format!("{actual}{how}"),
            broken: !kept,
            at_the_line: kept && at_the_line(d.op, &actual, &d.value),
        });
    }
    let broken: Vec<String> = evidence
        .iter()
        .filter_map(|e| match e {
            Evidence::Dealbreaker {
                rule,
                actual,
                broken: true,
                ..
            } => Some(format!("{rule}: {actual}")),
            _ => None,
        })
        .collect();
    let marker = marker.with_evidence(evidence);
    if !broken.is_empty() {
        let severity = if broken.len() > 1 {
            Severity::High
        } else {
            Severity::Medium
        };
        return marker.fire(
            severity,
            // The role is the person's own; its option id ("stay") is not a word they would use.
            format!("Your current role breaks {}.", broken.join("; ")),
        );
    }
    let at_line: Vec<&str> = marker
        .evidence
        .iter()
        .filter_map(|e| match e {
            Evidence::Dealbreaker {
                rule,
                at_the_line: true,
                ..
            } => Some(rule.as_str()),
            _ => None,
        })
        .collect();
    let at_line = if at_line.is_empty() {
        String::new()
    } else {
        format!(", {} only at the line", at_line.join(" and "))
    };
    if unknown.is_empty() {
        marker.quiet(format!(
            "Your current role keeps every deal-breaker{at_line}."
        ))
    } else {
        marker.unknown(
            "Your current role keeps the deal-breakers it can be checked against.".to_string(),
            format!(
                "{} of the current role: `milemarker option edit {} --attr NAME=VALUE`",
                unknown.join(", "),
                current.id
            ),
        )
    }
}
