//! Each detector: a case that fires, one right at the threshold that does not, and one that lacks
//! the data it needs.
#![allow(clippy::field_reassign_with_default)] // each test edits one record at a time

use jiff::Span;
use jiff::civil::{Date, date};

use super::*;
use crate::career::{CareerOption, DealBreaker, OptionKind, Profile};
use crate::decision::document::{AttrValue, Op};
use crate::evidence::{Achievement, BragSection};
use crate::life::{Audit, Task, WeekHours};
use crate::network::{Opportunity, StageChange};

/// A Wednesday: the window is the complete weeks before 2026-W44.
const TODAY: Date = date(2026, 10, 28);

fn judge(id: MarkerId, s: &Snapshot, weeks: &[WeekHours]) -> Marker {
    judge_on(id, s, weeks, TODAY)
}

fn judge_on(id: MarkerId, s: &Snapshot, weeks: &[WeekHours], as_of: Date) -> Marker {
    let records = Records {
        snapshot: s,
        weeks,
        wages: Err("no wage table"),
        demand: None,
        skills: &[],
    };
    detect(id, &records, &Thresholds::default(), as_of)
}

/// The `n` complete weeks before TODAY's week with these hours, oldest first.
fn weeks(hours: &[f64]) -> Vec<WeekHours> {
    let window = IsoWeek::of(TODAY).previous().window(hours.len());
    window
        .iter()
        .zip(hours)
        .map(|(&week, &hours)| WeekHours {
            week,
            hours,
            weekend_days: 0,
            evenings: 0,
            sources: vec!["checkin".into()],
            tracked_hours: None,
        })
        .collect()
}

fn days_ago(days: i64) -> Date {
    TODAY.saturating_sub(Span::new().days(days))
}

fn win(id: u32, days: i64, visibility: Visibility) -> Achievement {
    Achievement {
        id,
        date: days_ago(days),
        title: format!("win {id}"),
        impact: None,
        visibility,
        section: BragSection::Projects,
        skills: vec![],
        link: None,
    }
}

#[test]
fn overstaying_fires_on_the_third_anniversary_not_the_day_before() {
    let mut s = Snapshot::default();
    s.profile.role_start = Some(date(2023, 10, 28));
    let m = judge(MarkerId::Overstaying, &s, &[]);
    assert_eq!(m.fired, Some(true), "{}", m.summary);
    assert_eq!(m.severity, Some(Severity::Medium));
    assert!(
        m.summary.starts_with("3 years in the same role"),
        "{}",
        m.summary
    );
    let m = judge_on(MarkerId::Overstaying, &s, &[], date(2026, 10, 27));
    assert_eq!(m.fired, Some(false));
    assert!(m.summary.starts_with("2 years 11 months"), "{}", m.summary);
    // A promotion restarts the clock.
    s.profile.last_promotion = Some(date(2025, 1, 1));
    assert_eq!(judge(MarkerId::Overstaying, &s, &[]).fired, Some(false));
    s.profile = Profile::default();
    let m = judge(MarkerId::Overstaying, &s, &[]);
    assert_eq!(m.fired, None);
    assert!(m.missing.unwrap().contains("--role-start"));
}

#[test]
fn overstaying_threshold_comes_from_the_config() {
    let mut s = Snapshot::default();
    s.profile.role_start = Some(date(2025, 4, 28));
    let mut t = Thresholds::default();
    t.overstaying.years = 1.5;
    let records = Records {
        snapshot: &s,
        weeks: &[],
        wages: Err("no wage table"),
        demand: None,
        skills: &[],
    };
    let m = detect(MarkerId::Overstaying, &records, &t, TODAY);
    assert_eq!(m.fired, Some(true));
    assert_eq!(
        serde_json::to_value(&m.threshold).unwrap(),
        serde_json::json!({"years": 1.5})
    );
}

fn wages() -> Wages {
    // BLS OEWS May 2025, cross-industry, national (area 0000000), 11-2021 Marketing Managers:
    // annual wages a_pct10, a_pct25, a_median, a_pct75, a_pct90.
    Wages {
        dataset: "OEWS May 2025".into(),
        occupation: "11-2021".into(),
        title: "Marketing Managers".into(),
        area: "0000000".into(),
        percentiles: vec![
            (10.0, 90_260.0),
            (25.0, 123_020.0),
            (50.0, 166_790.0),
            (75.0, 216_410.0),
            (90.0, 293_610.0),
        ],
    }
}

#[test]
fn pay_behind_market_interpolates_the_40th_percentile() {
    let w = wages();
    // The 40th percentile lies 15/25 of the way from the 25th to the 50th.
    let p40 = 123_020.0 + (166_790.0 - 123_020.0) * 15.0 / 25.0; // 149,282
    assert!((detect::wage_at(&w, 40.0) - p40).abs() < 1e-6);
    assert!((detect::wage_percentile(&w, p40) - 40.0).abs() < 1e-9);
    assert_eq!(
        detect::wage_percentile(&w, 10.0),
        10.0,
        "clamped below the 10th"
    );
    let mut profile = Profile {
        occupation: Some("11-2021.00".into()),
        pay: Some(p40 - 1.0),
        ..Profile::default()
    };
    let th = thresholds::PayBehindMarket::default();
    let m = detect::pay_behind_market(&profile, Ok(&w), &th);
    assert_eq!(m.fired, Some(true), "{}", m.summary);
    profile.pay = Some(p40);
    assert_eq!(
        detect::pay_behind_market(&profile, Ok(&w), &th).fired,
        Some(false),
        "at the line is not below it"
    );
    assert!(
        m.summary.contains("near the 40th percentile"),
        "{}",
        m.summary
    );
    // Below the 10th published wage there is no percentile to name, only the side.
    profile.pay = Some(80_000.0);
    let m = detect::pay_behind_market(&profile, Ok(&w), &th);
    assert_eq!(m.severity, Some(Severity::High));
    assert!(
        m.summary
            .contains("is below the 10th percentile, under the 40th"),
        "{}",
        m.summary
    );
    profile.pay = Some(300_000.0);
    let m = detect::pay_behind_market(&profile, Ok(&w), &th);
    assert!(
        m.summary.ends_with("is above the 90th percentile."),
        "{}",
        m.summary
    );
    profile.pay = Some(p40);
    let m = detect::pay_behind_market(&profile, Err("none published"), &th);
    assert_eq!(m.fired, None);
    assert!(m.missing.unwrap().contains("OEWS"));
    profile.pay = None;
    assert!(
        detect::pay_behind_market(&profile, Ok(&w), &th)
            .missing
            .unwrap()
            .contains("--pay")
    );
}

#[test]
fn loyalty_trap_waits_two_full_review_cycles() {
    let mut s = Snapshot::default();
    s.profile.promotion_promised = Some(date(2024, 10, 28));
    let m = judge(MarkerId::LoyaltyTrap, &s, &[]);
    assert_eq!(m.fired, Some(true), "{}", m.summary);
    assert_eq!(m.severity, Some(Severity::Medium));
    s.profile.promotion_promised = Some(date(2024, 10, 29));
    let m = judge(MarkerId::LoyaltyTrap, &s, &[]);
    assert_eq!(
        m.fired,
        Some(false),
        "one day short of 24 months: {}",
        m.summary
    );
    assert!(m.summary.contains("1 of 2"));
    s.profile.promotion_promised = Some(date(2022, 1, 1));
    s.profile.last_promotion = Some(date(2023, 6, 1));
    assert_eq!(
        judge(MarkerId::LoyaltyTrap, &s, &[]).fired,
        Some(false),
        "the promotion came"
    );
    s.profile = Profile::default();
    let m = judge(MarkerId::LoyaltyTrap, &s, &[]);
    assert_eq!(m.fired, None);
    assert!(m.missing.unwrap().contains("--promotion-promised"));
}

#[test]
fn invisible_hard_work_needs_both_the_hours_and_the_low_reach() {
    let mut s = Snapshot::default();
    // 6 of the last 8 weeks over 40.
    let hours = weeks(&[45.0, 38.0, 50.0, 52.0, 40.0, 48.0, 47.0, 51.0]);
    s.achievements = vec![
        win(1, 10, Visibility::Team),
        win(2, 40, Visibility::Manager),
        win(3, 90, Visibility::Skip),
        win(4, 120, Visibility::Team),
        win(5, 150, Visibility::Team),
        win(10, 400, Visibility::Public), // outside the 6 months
    ];
    let m = judge(MarkerId::InvisibleHardWork, &s, &hours);
    assert_eq!(m.fired, Some(true), "{}", m.summary);
    assert!(m.summary.contains("1 of 5 wins"), "{}", m.summary);
    assert_eq!(
        m.evidence
            .iter()
            .filter(|e| matches!(e, Evidence::Week { .. }))
            .count(),
        6
    );
    // Exactly 25% reached leadership is not under 25%.
    s.achievements.push(win(6, 5, Visibility::Skip));
    s.achievements.push(win(7, 6, Visibility::Team));
    s.achievements.push(win(8, 7, Visibility::Team));
    let m = judge(MarkerId::InvisibleHardWork, &s, &hours);
    assert_eq!(m.fired, Some(false), "2 of 8 = 25%: {}", m.summary);
    // 5 of 8 weeks over is under the threshold.
    s.achievements.truncate(5);
    let five = weeks(&[45.0, 38.0, 50.0, 52.0, 40.0, 40.0, 47.0, 51.0]);
    assert_eq!(
        judge(MarkerId::InvisibleHardWork, &s, &five).fired,
        Some(false)
    );
    // Three weeks of data: cannot tell.
    let m = judge(MarkerId::InvisibleHardWork, &s, &weeks(&[50.0, 50.0, 50.0]));
    assert_eq!(m.fired, None);
    assert!(m.missing.unwrap().contains("3 known"));
}

#[test]
fn stale_record_fires_at_90_days() {
    let mut s = Snapshot::default();
    s.achievements = vec![win(1, 200, Visibility::Team), win(2, 90, Visibility::Team)];
    let m = judge(MarkerId::StaleRecord, &s, &[]);
    assert_eq!(m.fired, Some(true));
    assert!(matches!(m.evidence[..], [Evidence::Win { id: 2, .. }]));
    s.achievements[1].date = days_ago(89);
    assert_eq!(judge(MarkerId::StaleRecord, &s, &[]).fired, Some(false));
    // A win dated after --as-of does not count.
    let m = judge_on(MarkerId::StaleRecord, &s, &[], days_ago(100));
    assert!(m.summary.contains("\"win 1\""), "{}", m.summary);
    s.achievements.clear();
    let m = judge(MarkerId::StaleRecord, &s, &[]);
    assert_eq!(m.fired, Some(true), "no win at all is the stalest record");
    assert!(m.summary.contains("No achievement logged yet"));
}

fn demand(rows: &[(&str, u32, u32, u32)]) -> SkillDemand {
    SkillDemand {
        dataset: "test postings".into(),
        through: TODAY,
        skills: rows
            .iter()
            .map(|&(skill, employers, postings, before)| SkillDemandRow {
                id: format!("onet:{skill}"),
                skill: skill.into(),
                employers,
                postings,
                postings_year_before: before,
            })
            .collect(),
    }
}

#[test]
fn fading_skills_counts_coverage_and_falls() {
    let th = thresholds::FadingSkills::default();
    let skills: Vec<Skill> = ["sql", "copywriting", "seo", "flash"]
        .map(|name| Skill {
            id: format!("onet:{name}"),
            label: name.into(),
            level: None,
            added: TODAY,
            source: None,
        })
        .to_vec();
    // 1 of 4 in demand: under half. Rows match by id, not by name.
    let d = demand(&[
        ("sql", 12, 40, 38),
        ("copywriting", 4, 9, 10),
        ("SEO", 9, 5, 6),
    ]);
    let m = detect::fading_skills(&skills, Some(&d), &th);
    assert_eq!(m.fired, Some(true), "{}", m.summary);
    assert!(m.summary.contains("test postings"), "{}", m.summary);
    // Exactly half in demand, no fall: quiet.
    let d = demand(&[("sql", 12, 40, 38), ("copywriting", 5, 9, 10)]);
    assert_eq!(
        detect::fading_skills(&skills, Some(&d), &th).fired,
        Some(false)
    );
    // Demand for one skill halved year on year: fires.
    let d = demand(&[("sql", 12, 40, 38), ("copywriting", 5, 10, 20)]);
    let m = detect::fading_skills(&skills, Some(&d), &th);
    assert_eq!(m.fired, Some(true));
    assert!(m.summary.contains("copywriting"));
    assert_eq!(detect::fading_skills(&skills, None, &th).fired, None);
    let m = detect::fading_skills(&[], Some(&d), &th);
    assert!(m.missing.unwrap().contains("skills"));
}

fn lead(id: u32, source: Source, history: &[(Stage, i64)]) -> Opportunity {
    Opportunity {
        id,
        company: format!("Company {id}"),
        role: "Director".into(),
        source,
        contact: None,
        history: history
            .iter()
            .map(|&(stage, days)| StageChange {
                stage,
                date: days_ago(days),
            })
            .collect(),
        note: None,
        link: None,
        option: None,
    }
}

#[test]
fn ignored_opportunity_fires_at_14_days_for_recruiters_only() {
    let mut s = Snapshot::default();
    s.opportunities = vec![
        lead(1, Source::Recruiter, &[(Stage::New, 14)]),
        lead(2, Source::Posting, &[(Stage::New, 60)]),
        lead(
            3,
            Source::Recruiter,
            &[(Stage::New, 30), (Stage::Replied, 20)],
        ),
    ];
    let m = judge(MarkerId::IgnoredOpportunity, &s, &[]);
    assert_eq!(m.fired, Some(true));
    assert!(matches!(
        m.evidence[..],
        [Evidence::Opportunity {
            id: 1,
            days: 14,
            ..
        }]
    ));
    s.opportunities[0].history[0].date = days_ago(13);
    let m = judge(MarkerId::IgnoredOpportunity, &s, &[]);
    assert_eq!(m.fired, Some(false), "{}", m.summary);
    // As of 25 days ago, lead 3 was new and had waited 5 days only; lead 1 had not arrived.
    assert_eq!(
        judge_on(MarkerId::IgnoredOpportunity, &s, &[], days_ago(25)).fired,
        Some(false)
    );
    // As of 21 days ago lead 3 had waited 9 days, and was answered the day after.
    s.opportunities[2].history[0].date = days_ago(40);
    assert_eq!(
        judge_on(MarkerId::IgnoredOpportunity, &s, &[], days_ago(21)).fired,
        Some(true)
    );
    s.opportunities.clear();
    let m = judge(MarkerId::IgnoredOpportunity, &s, &[]);
    assert_eq!(
        m.fired,
        Some(false),
        "an empty pipeline is known, not missing"
    );
    assert!(m.summary.contains("No recruiter lead"));
}

fn audit_on(days: i64, drain_hours: f64, other_hours: f64) -> Audit {
    let task = |id: &str, hours: f64, energy: i8| Task {
        id: id.into(),
        name: id.into(),
        hours_per_week: hours,
        energy,
        skill_fit: 3,
        delegable: false,
    };
    Audit {
        date: days_ago(days),
        tasks: vec![
            task("drain", drain_hours, -1),
            task("other", other_hours, 1),
        ],
    }
}

#[test]
fn draining_role_needs_eight_weeks_of_audits_over_half() {
    let mut s = Snapshot::default();
    s.audits = vec![
        audit_on(56, 6.0, 4.0),
        audit_on(20, 7.0, 3.0),
        audit_on(0, 6.0, 4.0),
    ];
    let m = judge(MarkerId::DrainingRole, &s, &[]);
    assert_eq!(m.fired, Some(true), "{}", m.summary);
    assert_eq!(m.evidence.len(), 3);
    // 55 days: one short of 8 weeks, and these are all the audits there are.
    s.audits[0] = audit_on(55, 6.0, 4.0);
    let m = judge(MarkerId::DrainingRole, &s, &[]);
    assert_eq!(m.fired, None, "{}", m.summary);
    assert!(m.missing.unwrap().contains("on or after"));
    // Exactly half drains is not over half.
    s.audits = vec![audit_on(70, 5.0, 5.0), audit_on(0, 5.0, 5.0)];
    assert_eq!(judge(MarkerId::DrainingRole, &s, &[]).fired, Some(false));
    // A good audit 3 weeks ago: the drain has lasted 3 weeks only.
    s.audits = vec![
        audit_on(100, 8.0, 2.0),
        audit_on(21, 2.0, 8.0),
        audit_on(7, 8.0, 2.0),
        audit_on(0, 8.0, 2.0),
    ];
    assert_eq!(judge(MarkerId::DrainingRole, &s, &[]).fired, Some(false));
    s.audits.clear();
    assert!(
        judge(MarkerId::DrainingRole, &s, &[])
            .missing
            .unwrap()
            .contains("milemarker audit")
    );
}

#[test]
fn overwork_creep_three_of_four_complete_weeks() {
    let s = Snapshot::default();
    let m = judge(
        MarkerId::OverworkCreep,
        &s,
        &weeks(&[41.0, 39.0, 45.0, 50.0]),
    );
    assert_eq!(m.fired, Some(true));
    assert_eq!(m.severity, Some(Severity::Medium));
    assert_eq!(m.evidence.len(), 3);
    // 40 is the boundary, not over it.
    let m = judge(
        MarkerId::OverworkCreep,
        &s,
        &weeks(&[41.0, 40.0, 45.0, 40.0]),
    );
    assert_eq!(m.fired, Some(false), "{}", m.summary);
    let m = judge(MarkerId::OverworkCreep, &s, &weeks(&[41.0, 45.0]));
    assert_eq!(m.fired, None);
    assert!(m.missing.unwrap().contains("2026-W40, 2026-W41"));
    // Any day of the week gives the same window.
    let hours = weeks(&[41.0, 39.0, 45.0, 50.0]);
    for day in 26..=31 {
        let m = judge_on(
            MarkerId::OverworkCreep,
            &s,
            &hours,
            date(2026, 10, day).min(date(2026, 11, 1)),
        );
        assert_eq!(m.fired, Some(true), "2026-10-{day}");
    }
    assert_eq!(
        judge_on(MarkerId::OverworkCreep, &s, &hours, date(2026, 11, 1)).fired,
        Some(true)
    );
    assert_eq!(
        judge_on(MarkerId::OverworkCreep, &s, &hours, date(2026, 11, 2)).fired,
        None,
        "a new week moves the window"
    );
}

fn current_role(hours: f64, flexibility: f64) -> CareerOption {
    CareerOption {
        id: "stay".into(),
        name: "Stay".into(),
        kind: OptionKind::Stay,
        attributes: [("hours_per_week", hours), ("flexibility", flexibility)]
            .iter()
            .map(|(k, v)| (k.to_string(), AttrValue::Number(*v)))
            .collect(),
        ..CareerOption::default()
    }
}

fn rule(id: &str, attribute: &str, op: Op, value: f64) -> DealBreaker {
    DealBreaker {
        id: id.into(),
        attribute: attribute.into(),
        op,
        value: AttrValue::Number(value),
        note: None,
    }
}

#[test]
fn compromised_dealbreaker_checks_the_current_role_with_measured_hours() {
    let mut s = Snapshot::default();
    s.options = vec![current_role(40.0, 7.0)];
    s.dealbreakers = vec![
        rule("hours", "hours_per_week", Op::Le, 45.0),
        rule("flex", "flexibility", Op::Ge, 6.0),
    ];
    // The option says 40 hours; the last four weeks say 46.5.
    let m = judge(
        MarkerId::CompromisedDealbreaker,
        &s,
        &weeks(&[44.0, 47.0, 49.0, 46.0]),
    );
    assert_eq!(m.fired, Some(true), "{}", m.summary);
    assert!(
        m.summary
            .contains("46.5 (average of your last 4 recorded weeks)"),
        "{}",
        m.summary
    );
    // 45 exactly keeps "hours <= 45".
    let m = judge(
        MarkerId::CompromisedDealbreaker,
        &s,
        &weeks(&[45.0, 45.0, 45.0, 45.0]),
    );
    assert_eq!(m.fired, Some(false), "{}", m.summary);
    // ... but only at the line, and the marker says so.
    assert!(
        m.summary.contains("hours_per_week <= 45 only at the line"),
        "{}",
        m.summary
    );
    assert!(m.evidence.iter().any(|e| matches!(
        e,
        Evidence::Dealbreaker {
            at_the_line: true,
            ..
        }
    )));
    // Without recorded weeks the option's own figure is used.
    assert_eq!(
        judge(MarkerId::CompromisedDealbreaker, &s, &[]).fired,
        Some(false)
    );
    s.dealbreakers
        .push(rule("remote", "remote_days", Op::Ge, 2.0));
    let m = judge(MarkerId::CompromisedDealbreaker, &s, &[]);
    assert_eq!(m.fired, None);
    assert!(m.missing.unwrap().contains("remote_days"));
    s.options[0].kind = OptionKind::Lateral;
    assert!(
        judge(MarkerId::CompromisedDealbreaker, &s, &[])
            .missing
            .unwrap()
            .contains("--kind stay")
    );
}

#[test]
fn compromised_dealbreaker_on_a_value_reads_the_current_roles_score() {
    let mut s = Snapshot::default();
    s.values = vec![crate::career::Value {
        id: "autonomy".into(),
        weight: Some(9.0),
        rank: None,
        onet_work_value: None,
        note: None,
    }];
    let mut stay = current_role(40.0, 7.0);
    stay.scores.insert("autonomy".into(), 5.0);
    s.options = vec![stay];
    s.dealbreakers = vec![rule("autonomy", "autonomy", Op::Ge, 6.0)];
    let m = judge(MarkerId::CompromisedDealbreaker, &s, &[]);
    assert_eq!(m.fired, Some(true), "{}", m.summary);
    assert!(
        m.summary.contains("5 (your score for this value)"),
        "{}",
        m.summary
    );
    // An attribute of the same name wins.
    s.options[0]
        .attributes
        .insert("autonomy".into(), AttrValue::Number(6.0));
    let m = judge(MarkerId::CompromisedDealbreaker, &s, &[]);
    assert_eq!(m.fired, Some(false));
    assert!(
        m.summary.contains("autonomy >= 6 only at the line"),
        "{}",
        m.summary
    );
    // A score exactly at the line is flagged the same way.
    s.options[0].attributes.clear();
    s.options[0].scores.insert("autonomy".into(), 6.0);
    let m = judge(MarkerId::CompromisedDealbreaker, &s, &[]);
    assert_eq!(m.fired, Some(false));
    assert!(
        m.summary.contains("autonomy >= 6 only at the line"),
        "{}",
        m.summary
    );
}

#[test]
fn thresholds_refuse_what_cannot_be_met() {
    let mut t = Thresholds::default();
    t.validate().unwrap();
    t.overwork_creep.weeks_over = 5;
    assert_eq!(t.validate().unwrap_err().field, "overwork_creep");
    let mut t = Thresholds::default();
    t.invisible_hard_work.visible_share = 25.0;
    let err = t.validate().unwrap_err();
    assert_eq!(err.field, "invisible_hard_work.visible_share");
    assert!(err.message.contains("0.25 = 25%"), "{err}");
}

#[test]
fn the_example_person_trips_the_markers_the_story_tells() {
    let s = crate::example::person_with_history(TODAY);
    s.validate().unwrap();
    let weeks = crate::life::merged_weeks(&s.checkins, &Default::default());
    let records = Records {
        snapshot: &s,
        weeks: &weeks,
        wages: Err("no wage table"),
        demand: None,
        skills: &[],
    };
    let markers = detect_all(&records, &Thresholds::default(), TODAY);
    let state = |id: MarkerId| markers.iter().find(|m| m.id == id).unwrap().fired;
    for id in [
        MarkerId::Overstaying,
        MarkerId::InvisibleHardWork,
        MarkerId::IgnoredOpportunity,
        MarkerId::DrainingRole,
        MarkerId::OverworkCreep,
        MarkerId::CompromisedDealbreaker,
    ] {
        assert_eq!(state(id), Some(true), "{id:?}");
    }
    assert_eq!(state(MarkerId::StaleRecord), Some(false));
    // Seed 000's author was never promised a promotion.
    assert_eq!(state(MarkerId::LoyaltyTrap), None);
    assert_eq!(state(MarkerId::PayBehindMarket), None);
    assert_eq!(state(MarkerId::FadingSkills), None);
}

#[test]
fn every_state_has_its_words() {
    let mut m = judge(MarkerId::Overstaying, &Snapshot::default(), &[]);
    assert_eq!((m.fired, m.state_words()), (None, "can't tell"));
    m.fired = Some(false);
    assert_eq!(m.state_words(), "ok");
    m.fired = Some(true);
    for (severity, words) in [
        (None, "fired"),
        (Some(Severity::Low), "fired (low)"),
        (Some(Severity::Medium), "fired"),
        (Some(Severity::High), "fired (high)"),
    ] {
        m.severity = severity;
        assert_eq!(m.state_words(), words, "{severity:?}");
    }
}

/// Counts of weeks said as a person says them: "All of", "None of", never "4 of the last 4".
#[test]
fn weeks_of_a_window_in_words() {
    assert_eq!(detect::of_the_last(4, 4), "All of the last 4 weeks");
    assert_eq!(detect::of_the_last(0, 4), "None of the last 4 weeks");
    assert_eq!(detect::of_the_last(3, 4), "3 of the last 4 weeks");
    assert_eq!(detect::of_the_last(1, 1), "1 of the last 1 week");
}

/// Evidence rows name fields, occupations and days in words, not as stored.
#[test]
fn evidence_in_words() {
    let profile = Evidence::Profile {
        field: "total_pay",
        value: "126000".into(),
    };
    assert_eq!(profile.describe(), "your total pay: 126,000");
    let role = Evidence::Profile {
        field: "role_start",
        value: "2022-03-28".into(),
    };
    assert_eq!(role.describe(), "your role start: 2022-03-28");
    let wage = Evidence::Wage {
        dataset: "BLS OEWS May 2025".into(),
        occupation: "29-1141".into(),
        title: "Registered Nurses".into(),
        area: "Ohio".into(),
        percentile: 41.0,
        wage: 81186.0,
    };
    assert_eq!(
        wage.describe(),
        "BLS OEWS May 2025, Registered Nurses (29-1141) in Ohio: 41st percentile 81,186"
    );
    assert!(
        !serde_json::to_string(&wage).unwrap().contains("title"),
        "the JSON keeps its fields"
    );
    let lead = |days| Evidence::Opportunity {
        id: 3,
        company: "Cleveland Clinic".into(),
        role: "Clinic RN".into(),
        source: Source::Recruiter,
        stage: Stage::New,
        since: TODAY,
        days,
    };
    assert!(lead(0).describe().ends_with("(today)"));
    assert!(lead(1).describe().ends_with("(yesterday)"));
}
