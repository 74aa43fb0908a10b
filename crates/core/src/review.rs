//! The review (DESIGN 4.10): one page a person reads every week. This module gathers it; the
//! command line renders it as text, Markdown, JSON or a self-contained HTML page.

use jiff::civil::Date;
use serde::Serialize;

use crate::decision::format_number;
use crate::decision::gaps::Lack;
use crate::decision::result::DecisionResult;
use crate::evidence::brag;
use crate::life::{AuditReport, LifeArea, SeasonKind, audit, current_seasons, season_meaning};
use crate::markers::{Evidence, Marker, MarkerId, Records, Severity, Thresholds, detect_all};
use crate::network::{Stage, days_between, due, stage_word};
use crate::week::IsoWeek;

/// Weeks of hours the review charts.
pub const HOURS_WEEKS: usize = 26;
/// Weeks of check-ins the energy chart covers.
pub const ENERGY_WEEKS: usize = 52;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub as_of: Date,
    pub name: Option<String>,
    pub markers: Vec<Marker>,
    pub hours: HoursTrend,
    pub energy: Vec<EnergyPoint>,
    pub audit: Option<AuditSummary>,
    pub seasons: Vec<SeasonNow>,
    pub decision: Option<DecisionSummary>,
    /// What the decision lacks, with the commands that fill it, when it cannot be made.
    pub decision_lacks: Vec<Lack>,
    pub network: NetworkSummary,
    pub visibility: VisibilitySummary,
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HoursTrend {
    pub boundary: f64,
    /// The complete weeks before the as-of week, oldest first; `hours: null` = not recorded.
    pub weeks: Vec<WeekPoint>,
    /// Mean of the recorded weeks.
    pub average: Option<f64>,
    pub weeks_over: usize,
    pub weeks_recorded: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekPoint {
    pub week: IsoWeek,
    pub hours: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnergyPoint {
    pub week: IsoWeek,
    pub energy: u8,
    pub satisfaction: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditSummary {
    pub latest: AuditReport,
    /// (date, drain share) of every audit up to the as-of date.
    pub trend: Vec<(Date, f64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeasonNow {
    pub area: LifeArea,
    pub season: SeasonKind,
    pub since: Date,
    pub weeks: i64,
    pub meaning: &'static str,
}

impl SeasonNow {
    /// How long the season has lasted on `as_of`; see [`lasted`].
    pub fn lasted(&self, as_of: Date) -> String {
        lasted(self.since, as_of)
    }
}

/// How long something begun on `since` has lasted on `as_of`: "for 21 weeks (since
/// 2026-06-28)", and in its first week the days ("since yesterday (2026-11-27)"): "for 0 weeks"
/// said nothing.
pub fn lasted(since: Date, as_of: Date) -> String {
    let days = days_between(since, as_of);
    let span = match days {
        0 => return "since today".into(),
        1 => return format!("since yesterday ({since})"),
        2..=6 => crate::text::count(days as f64, "day", "days"),
        _ => crate::text::count((days / 7) as f64, "week", "weeks"),
    };
    format!("for {span} (since {since})")
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionSummary {
    pub method: String,
    pub ranking: Vec<RankedOption>,
    /// Options a deal-breaker rules out, with the rules they break.
    pub excluded: Vec<(String, Vec<String>)>,
    /// Options that pass a deal-breaker only exactly at its threshold, with those rules
    /// ("autonomy >= 6"): passing at the line is where a compromise hides.
    pub at_the_line: Vec<(String, Vec<String>)>,
    /// Share of SMAA draws (weights that keep the order of your values) that put the leader first.
    pub leader_acceptability: Option<f64>,
    /// Each option's name by its id, for prose: the ids above stay what scripts match on.
    #[serde(skip)]
    pub names: std::collections::BTreeMap<String, String>,
}

impl DecisionSummary {
    /// The name a person gave an option, else its id.
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.names.get(id).map_or(id, String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedOption {
    pub option: String,
    pub name: String,
    pub rank: usize,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkSummary {
    /// Contacts past their stay-in-touch cadence, mentors first.
    pub losing_touch: Vec<LosingTouch>,
    /// Open opportunities: (id, company, role, stage, since).
    pub pipeline: Vec<PipelineRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LosingTouch {
    pub contact: String,
    pub name: String,
    pub mentor: bool,
    pub last_contact: Option<Date>,
    pub overdue_days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PipelineRow {
    pub id: u32,
    pub company: String,
    pub role: String,
    pub stage: String,
    pub since: Date,
    /// An offer's date to decide by, while it is an offer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decide_by: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VisibilitySummary {
    pub months: u32,
    pub wins: usize,
    pub reached_leadership: usize,
}

impl VisibilitySummary {
    /// The one sentence every page says: "Wins in the last 6 months: 6, of which none reached
    /// your manager's manager or beyond" ("of which 0" read as a count, not a fact).
    pub fn sentence(&self) -> String {
        let reached = match self.reached_leadership {
            0 => "none".to_string(),
            n => n.to_string(),
        };
        match self.wins {
            0 => format!("No win logged in the last {} months.", self.months),
            1 => format!(
                "One win in the last {} months, and it {} your manager's manager or beyond.",
                self.months,
                if self.reached_leadership == 1 {
                    "reached"
                } else {
                    "did not reach"
                }
            ),
            n => format!(
                "Wins in the last {} months: {n}, of which {reached} reached your manager's \
                 manager or beyond.",
                self.months
            ),
        }
    }
}

/// One of the next three things to do, and the marker (or record) it answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    pub marker: Option<MarkerId>,
    pub action: String,
    pub why: String,
}

/// What the review needs besides the records.
pub struct ReviewInput<'a> {
    pub records: Records<'a>,
    pub thresholds: &'a Thresholds,
    pub as_of: Date,
    /// The person's decision and its SMAA robustness run, when they have options.
    pub decision: Option<(&'a DecisionResult, Option<&'a DecisionResult>)>,
}

pub fn review(input: &ReviewInput) -> Review {
    let s = input.records.snapshot;
    let as_of = input.as_of;
    let markers = detect_all(&input.records, input.thresholds, as_of);
    let months = input.thresholds.invisible_hard_work.months;
    let from = as_of.saturating_sub(jiff::Span::new().months(i64::from(months)));
    let recent = brag(
        &s.achievements,
        from.saturating_add(jiff::Span::new().days(1)),
        as_of,
    );
    let mut review = Review {
        as_of,
        name: s.profile.name.clone(),
        hours: hours_trend(input.records.weeks, s.profile.boundary_hours, as_of),
        energy: energy(s, as_of),
        audit: audit_summary(s, as_of),
        seasons: seasons(s, as_of),
        decision: input
            .decision
            .map(|(result, robust)| decision_summary(s, result, robust)),
        decision_lacks: if input.decision.is_some() {
            Vec::new()
        } else {
            s.decision_gaps(None).into_iter().map(Lack::from).collect()
        },
        network: network(s, as_of),
        visibility: VisibilitySummary {
            months,
            wins: recent.total,
            reached_leadership: recent.reached_leadership,
        },
        markers,
        actions: Vec::new(),
    };
    review.actions = next_actions(&review, s);
    review
}

fn hours_trend(weeks: &[crate::life::WeekHours], boundary: f64, as_of: Date) -> HoursTrend {
    let window = IsoWeek::of(as_of).previous().window(HOURS_WEEKS);
    let points: Vec<WeekPoint> = window
        .iter()
        .map(|&week| WeekPoint {
            week,
            hours: weeks.iter().find(|w| w.week == week).map(|w| w.hours),
        })
        .collect();
    let known: Vec<f64> = points.iter().filter_map(|p| p.hours).collect();
    HoursTrend {
        boundary,
        average: (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64),
        weeks_over: known.iter().filter(|h| **h > boundary).count(),
        weeks_recorded: known.len(),
        weeks: points,
    }
}

fn energy(s: &crate::career::Snapshot, as_of: Date) -> Vec<EnergyPoint> {
    let window = IsoWeek::of(as_of).previous().window(ENERGY_WEEKS);
    s.checkins
        .iter()
        .filter(|c| window.contains(&c.week))
        .map(|c| EnergyPoint {
            week: c.week,
            energy: c.energy,
            satisfaction: c.satisfaction,
        })
        .collect()
}

fn audit_summary(s: &crate::career::Snapshot, as_of: Date) -> Option<AuditSummary> {
    let mut reports: Vec<AuditReport> = s
        .audits
        .iter()
        .filter(|a| a.date <= as_of)
        .map(audit)
        .collect();
    reports.sort_by_key(|r| r.date);
    let trend = reports
        .iter()
        .filter_map(|r| r.drain_share.map(|d| (r.date, d)))
        .collect();
    reports.pop().map(|latest| AuditSummary { latest, trend })
}

fn seasons(s: &crate::career::Snapshot, as_of: Date) -> Vec<SeasonNow> {
    current_seasons(&s.seasons, as_of)
        .into_iter()
        .map(|c| SeasonNow {
            area: c.area,
            season: c.season,
            since: c.since,
            weeks: days_between(c.since, as_of) / 7,
            meaning: season_meaning(c.area, c.season),
        })
        .collect()
}

fn decision_summary(
    s: &crate::career::Snapshot,
    result: &DecisionResult,
    robust: Option<&DecisionResult>,
) -> DecisionSummary {
    let name = |id: &str| {
        s.options
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_string(), |o| o.name.clone())
    };
    let leader = result.leader().map(|r| r.option.as_str());
    let leader_acceptability = robust
        .or(result.smaa.as_ref().map(|_| result))
        .and_then(|r| r.smaa.as_ref())
        .and_then(|smaa| smaa.rank_acceptability.get(leader?))
        .and_then(|shares| shares.first().copied());
    DecisionSummary {
        method: result.method.as_str().to_string(),
        ranking: result
            .ranking
            .iter()
            .map(|r| RankedOption {
                option: r.option.clone(),
                name: name(&r.option),
                rank: r.rank,
                score: r.score,
            })
            .collect(),
        excluded: result
            .excluded
            .iter()
            .map(|e| {
                let rules = e
                    .reasons
                    .iter()
                    .map(|f| format!("{} {} {}", f.attribute, f.op.as_str(), f.required))
                    .collect();
                (e.option.clone(), rules)
            })
            .collect(),
        at_the_line: result.at_the_line.iter().fold(
            Vec::new(),
            |mut out: Vec<(String, Vec<String>)>, a| {
                let rule = format!("{} {} {}", a.attribute, a.op.as_str(), a.required);
                match out.last_mut() {
                    Some((option, rules)) if *option == a.option => rules.push(rule),
                    _ => out.push((a.option.clone(), vec![rule])),
                }
                out
            },
        ),
        leader_acceptability,
        names: s
            .options
            .iter()
            .map(|o| (o.id.clone(), o.name.clone()))
            .collect(),
    }
}

/// The win to put in front of your manager's manager: the most impressive recent one, not the
/// latest. Among the wins the marker weighed (its window) that have not reached leadership (all
/// such wins to date if none is recent): one with a recorded impact first, then the widest audience
/// it already has (manager before team before only you), then your own work before the rest in
/// brag-document order (projects, design and documentation, collaboration, what was not my job),
/// then the latest.
fn most_impressive_unseen_win<'a>(
    wins: &'a [crate::evidence::Achievement],
    evidence: &[Evidence],
    as_of: Date,
) -> Option<&'a crate::evidence::Achievement> {
    let unseen =
        |w: &&crate::evidence::Achievement| w.date <= as_of && !w.visibility.reaches_leadership();
    let recent: Vec<u32> = evidence
        .iter()
        .filter_map(|e| match e {
            Evidence::Win { id, .. } => Some(*id),
            _ => None,
        })
        .collect();
    let impressive = |w: &&crate::evidence::Achievement| {
        (
            w.impact.is_some(),
            w.visibility,
            std::cmp::Reverse(w.section),
            w.date,
            w.id,
        )
    };
    wins.iter()
        .filter(unseen)
        .filter(|w| recent.contains(&w.id))
        .max_by_key(impressive)
        .or_else(|| wins.iter().filter(unseen).max_by_key(impressive))
}

fn network(s: &crate::career::Snapshot, as_of: Date) -> NetworkSummary {
    let losing_touch = due(&s.contacts, as_of)
        .into_iter()
        .map(|d| LosingTouch {
            contact: d.contact.id.clone(),
            name: d.contact.name.clone(),
            mentor: d.contact.mentor,
            last_contact: d.last_contact,
            overdue_days: d.overdue_days,
        })
        .collect();
    let pipeline = s
        .opportunities
        .iter()
        .filter(|o| o.arrived() <= as_of && o.stage().is_open())
        .map(|o| PipelineRow {
            id: o.id,
            company: o.company.clone(),
            role: o.role.clone(),
            stage: stage_word(o.stage()).to_string(),
            since: o.since(),
            decide_by: s
                .offers
                .iter()
                .find(|f| f.opportunity == o.id && o.stage() == Stage::Offer)
                .and_then(|f| f.deadline),
        })
        .collect();
    NetworkSummary {
        losing_touch,
        pipeline,
    }
}

/// The order in which fired markers claim the three actions when severities tie: what costs the
/// most to leave (a broken deal-breaker, the hours) before what can wait.
const ACTION_PRIORITY: [MarkerId; 10] = [
    MarkerId::CompromisedDealbreaker,
    MarkerId::OverworkCreep,
    MarkerId::IgnoredOpportunity,
    MarkerId::InvisibleHardWork,
    MarkerId::LoyaltyTrap,
    MarkerId::DrainingRole,
    MarkerId::PayBehindMarket,
    MarkerId::Overstaying,
    MarkerId::FadingSkills,
    MarkerId::StaleRecord,
];

/// Three actions: one per fired marker, most severe first; if fewer than three fire, the
/// records fill in (a mentor gone quiet, the decision's leader, a missing check-in).
fn next_actions(review: &Review, s: &crate::career::Snapshot) -> Vec<Action> {
    let mut fired: Vec<&Marker> = review
        .markers
        .iter()
        .filter(|m| m.fired == Some(true))
        .collect();
    let priority = |id: MarkerId| ACTION_PRIORITY.iter().position(|p| *p == id).unwrap_or(99);
    fired.sort_by_key(|m| {
        (
            std::cmp::Reverse(m.severity.unwrap_or(Severity::Low)),
            priority(m.id),
        )
    });
    let mut actions: Vec<Action> = fired
        .iter()
        .filter_map(|m| action_for(m, review, s))
        .take(3)
        .collect();
    for filler in fillers(review, s) {
        if actions.len() >= 3 {
            break;
        }
        actions.push(filler);
    }
    actions
}

fn action_for(m: &Marker, review: &Review, s: &crate::career::Snapshot) -> Option<Action> {
    let act = |action: String, why: String| {
        Some(Action {
            marker: Some(m.id),
            action,
            why,
        })
    };
    match m.id {
        MarkerId::CompromisedDealbreaker => {
            let leader = review.decision.as_ref().and_then(|d| d.ranking.first());
            let action = match leader {
                Some(l) => format!(
                    "Take \"{}\" seriously: your values rank it first and your current role breaks your own rules.",
                    l.name
                ),
                None => "Write down what would have to change for your current role to keep your deal-breakers, and ask for it.".into(),
            };
            act(action, m.summary.clone())
        }
        MarkerId::OverworkCreep => {
            let weeks: Vec<String> = m
                .evidence
                .iter()
                .filter_map(|e| match e {
                    Evidence::Week { week, hours, .. } => Some(format!("{} h in {week}", format_number(*hours))),
                    _ => None,
                })
                .collect();
            act(
                format!(
                    "Hold {} hours next week. When asked for more, say: \"I can't. I'm overextended. What would you like me to de-prioritize?\"",
                    format_number(s.profile.boundary_hours)
                ),
                format!("{}: {}.", m.summary.trim_end_matches('.'), weeks.join(", ")),
            )
        }
        MarkerId::IgnoredOpportunity => {
            let (company, role, days) = m.evidence.iter().find_map(|e| match e {
                Evidence::Opportunity { company, role, days, .. } => Some((company, role, days)),
                _ => None,
            })?;
            act(
                format!("Reply about {role} at {company} today, even if the answer is \"not now\"."),
                // No seed number in prose: the reader never saw the sources' numbering.
                format!(
                    "It has waited {}; not answering out of fear or comfort is a mile marker.",
                    crate::text::count(*days as f64, "day", "days")
                ),
            )
        }
        MarkerId::InvisibleHardWork => {
            let unseen = most_impressive_unseen_win(&s.achievements, &m.evidence, review.as_of);
            let action = match unseen {
                Some(w) => format!(
                    "Put \"{}\" in front of your manager's manager: ask for ten minutes, or send a short note with the result.",
                    w.title
                ),
                None => "Choose one project your manager's manager cares about and make your part in it visible.".into(),
            };
            act(action, m.summary.clone())
        }
        MarkerId::LoyaltyTrap => act(
            "Ask your manager, in writing, for the promotion criteria and a date; at the same time, talk to the market.".into(),
            m.summary.clone(),
        ),
        MarkerId::DrainingRole => {
            let suggestion = review.audit.as_ref().and_then(|a| a.latest.suggestions.first());
            let action = match suggestion {
                Some(sg) => {
                    let name = s.tasks.iter().find(|t| t.id == sg.task).map_or(sg.task.as_str(), |t| t.name.as_str());
                    format!("{} \"{name}\": {}.", action_verb(sg.action), sg.reason)
                }
                None => "Run `milemarker audit` and pick the task that drains you most to offload.".into(),
            };
            act(action, m.summary.clone())
        }
        MarkerId::PayBehindMarket => act(
            "Bring the OEWS percentiles to your next pay conversation, or test your value with one application.".into(),
            m.summary.clone(),
        ),
        MarkerId::Overstaying => act(
            format!(
                "Decide on purpose: stay with a plan and a date, or start looking. {}",
                decide_step(review)
            ),
            m.summary.clone(),
        ),
        MarkerId::FadingSkills => act(
            "Pick the in-demand skill closest to what you do and put it into your next project.".into(),
            m.summary.clone(),
        ),
        MarkerId::StaleRecord => act(
            "Log your latest win today: `milemarker win \"...\" --impact \"...\"`.".into(),
            m.summary.clone(),
        ),
    }
}

/// How to get to a decision from here: run it when it can be made, else fill in what it lacks.
fn decide_step(review: &Review) -> String {
    match (&review.decision, review.decision_lacks.first()) {
        (Some(_), _) => "Run `milemarker decide`.".into(),
        (None, Some(first)) => format!("First fill in what the decision lacks: `{}`.", first.fill),
        (None, None) => {
            "First see what stands in the decision's way: `milemarker decide --check`.".into()
        }
    }
}

fn action_verb(action: crate::life::Action) -> &'static str {
    match action {
        crate::life::Action::Drop => "Drop",
        crate::life::Action::Offload => "Offload",
        crate::life::Action::TimeBox => "Time-box",
        crate::life::Action::Batch => "Batch",
    }
}

fn fillers(review: &Review, s: &crate::career::Snapshot) -> Vec<Action> {
    let mut out = Vec::new();
    // A decision begun (values or options recorded) that cannot be made yet.
    let begun = !s.values.is_empty() || !s.options.is_empty();
    if review.decision.is_none()
        && begun
        && let Some(first) = review.decision_lacks.first()
    {
        let count = review.decision_lacks.len();
        out.push(Action {
            marker: None,
            action: format!("Fill in what the decision lacks: `{}`.", first.fill),
            why: format!(
                "The decision cannot be made yet: it lacks {}; `milemarker decide --check` lists {}.",
                if count == 1 { "one thing".to_string() } else { format!("{count} things") },
                if count == 1 { "it" } else { "them all" }
            ),
        });
    } else if review.decision.is_none() && !s.values.is_empty() && !s.options.is_empty() {
        out.push(Action {
            marker: None,
            action: "See what stands in your decision's way: `milemarker decide --check`.".into(),
            why: "Your values and options are all there, and still the decision cannot be made."
                .into(),
        });
    }
    if let Some(c) = review.network.losing_touch.first() {
        let last = c
            .last_contact
            .map_or("never".to_string(), |d| format!("last on {d}"));
        out.push(Action {
            marker: None,
            action: format!(
                "Get back in touch with {}{}.",
                c.name,
                if c.mentor { " (mentor)" } else { "" }
            ),
            why: format!("Past your stay-in-touch cadence: {last}."),
        });
    }
    let this_week = IsoWeek::of(review.as_of).previous();
    if !s.checkins.iter().any(|c| c.week == this_week) {
        out.push(Action {
            marker: None,
            action: format!("Check in for {this_week}: `milemarker checkin --week {this_week}`."),
            why: "The markers read your weeks; a missing one is a blind spot.".into(),
        });
    }
    if let Some(d) = &review.decision
        && let Some(leader) = d.ranking.first()
    {
        let unrecorded = s
            .options
            .iter()
            .find(|o| o.id == leader.option)
            .is_some_and(|o| o.risks.is_empty());
        out.push(if unrecorded {
            Action {
                marker: None,
                action: format!(
                    "Name the risks of \"{}\": `milemarker risk add {} \"RISK\" -p N -s N`.",
                    leader.name, leader.option
                ),
                why: format!(
                    "It ranks first on your values ({}), and its risks are not recorded, so the \
                     fear check cannot weigh them.",
                    d.method
                ),
            }
        } else {
            Action {
                marker: None,
                action: format!(
                    "Test the biggest fear about \"{}\" with one conversation this week.",
                    leader.name
                ),
                why: format!("It ranks first on your values ({}).", d.method),
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::evidence::{Achievement, BragSection, Visibility};

    #[test]
    fn wins_seen_in_one_sentence() {
        let said = |wins, reached_leadership| {
            VisibilitySummary {
                months: 6,
                wins,
                reached_leadership,
            }
            .sentence()
        };
        assert_eq!(said(0, 0), "No win logged in the last 6 months.");
        assert_eq!(
            said(1, 0),
            "One win in the last 6 months, and it did not reach your manager's manager or beyond."
        );
        assert_eq!(
            said(6, 0),
            "Wins in the last 6 months: 6, of which none reached your manager's manager or beyond."
        );
        assert_eq!(
            said(2, 1),
            "Wins in the last 6 months: 2, of which 1 reached your manager's manager or beyond."
        );
    }

    #[test]
    fn how_long_a_season_has_lasted() {
        let as_of = date(2026, 11, 28);
        let since = |days: i64| as_of.checked_sub(jiff::Span::new().days(days)).unwrap();
        assert_eq!(lasted(since(0), as_of), "since today");
        assert_eq!(lasted(since(1), as_of), "since yesterday (2026-11-27)");
        assert_eq!(lasted(since(2), as_of), "for 2 days (since 2026-11-26)");
        assert_eq!(lasted(since(7), as_of), "for 1 week (since 2026-11-21)");
        assert_eq!(lasted(since(154), as_of), "for 22 weeks (since 2026-06-27)");
    }

    fn win(
        id: u32,
        day: i8,
        impact: Option<&str>,
        visibility: Visibility,
        section: BragSection,
    ) -> Achievement {
        Achievement {
            id,
            date: date(2026, 10, day),
            title: format!("win {id}"),
            impact: impact.map(Into::into),
            visibility,
            section,
            skills: Vec::new(),
            link: None,
        }
    }

    fn recent(wins: &[Achievement]) -> Vec<Evidence> {
        wins.iter()
            .map(|w| Evidence::Win {
                id: w.id,
                date: w.date,
                title: w.title.clone(),
                visibility: w.visibility,
            })
            .collect()
    }

    #[test]
    fn the_win_for_the_skip_level_is_the_most_impressive_not_the_latest() {
        use BragSection::*;
        use Visibility::*;
        let as_of = date(2026, 10, 28);
        let mut wins = vec![
            win(1, 2, Some("pipeline up 21%"), Manager, Projects),
            win(2, 10, Some("closed a $40,000 gap"), Manager, NotMyJob),
            win(3, 20, None, Manager, Projects),
            win(4, 25, Some("9 episodes"), Team, Projects),
            // Already seen by leadership: never picked.
            win(5, 26, Some("keynote"), Public, Projects),
        ];
        let pick = |wins: &[Achievement]| {
            most_impressive_unseen_win(wins, &recent(wins), as_of).map(|w| w.id)
        };
        // Impact, then audience, then own work before glue work; the latest (4) loses.
        assert_eq!(pick(&wins), Some(1));
        wins[0].section = NotMyJob;
        // Same impact, audience and section: the later one.
        assert_eq!(pick(&wins), Some(2));
        wins[0].impact = None;
        wins[1].impact = None;
        // Only the team-level win has an impact: impact comes before audience.
        assert_eq!(pick(&wins), Some(4));
        // Outside the marker's window, the wins to date are used.
        assert_eq!(
            most_impressive_unseen_win(&wins, &[], as_of).map(|w| w.id),
            Some(4)
        );
    }
}
