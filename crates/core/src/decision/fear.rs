//! The fear check (seed 001: "an intentional decision honoring your values rather than a
//! fear-based decision"). Risks are scored apart from wants, as Kepner-Tregoe scores adverse
//! consequences: probability x seriousness, each 1-10.

use serde::Serialize;

use super::document::{RiskKind, RiskSpec};
use super::format_number;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskScore {
    pub option: String,
    pub fears: f64,
    pub facts: f64,
    pub total: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoredRisk {
    pub name: String,
    pub kind: RiskKind,
    pub probability: f64,
    pub seriousness: f64,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FearCheck {
    /// The option your values rank first.
    pub values_leader: String,
    /// The option whose risks add up to the least, among the options with risks recorded; null
    /// when the leader's own risks are not recorded (there is nothing fair to weigh).
    pub least_risky: Option<String>,
    /// True when the values leader is riskier than the least risky option only because of
    /// fears: count its facts alone and it is no riskier.
    pub held_back_by_fears: bool,
    /// The leader's fears, most serious first: test these.
    pub fears_to_test: Vec<ScoredRisk>,
    /// The leader's facts, most serious first: plan for these.
    pub facts_to_plan: Vec<ScoredRisk>,
    /// The options with risks recorded, in ranking order.
    pub risk_scores: Vec<RiskScore>,
    /// The options with no risks entered, in ranking order: their risks are not recorded (never
    /// risk 0), and the check compares nothing against them.
    pub risks_not_recorded: Vec<String>,
    pub verdict: String,
}

impl FearCheck {
    /// The verdict with each option's name where it quotes the option's id: a decision document
    /// knows only ids, a person's records know the names they gave. Only quoted option ids
    /// change; risk names are quoted too, so one spelled like an option id would change with it.
    pub fn verdict_named(&self, name: &dyn Fn(&str) -> String) -> String {
        let ids = self
            .risk_scores
            .iter()
            .map(|r| &r.option)
            .chain(&self.risks_not_recorded)
            .chain([&self.values_leader]);
        ids.fold(self.verdict.clone(), |text, id| {
            text.replace(&format!("\"{id}\""), &format!("\"{}\"", name(id)))
        })
    }
}

fn score(risks: &[RiskSpec], kind: RiskKind) -> f64 {
    risks
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| r.probability * r.seriousness)
        .sum()
}

fn scored(risks: &[RiskSpec], kind: RiskKind) -> Vec<ScoredRisk> {
    let mut out: Vec<ScoredRisk> = risks
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| ScoredRisk {
            name: r.name.clone(),
            kind: r.kind,
            probability: r.probability,
            seriousness: r.seriousness,
            score: r.probability * r.seriousness,
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}

/// `ranked` is the options in their strict ranking order with their risks; `None` when there
/// is nothing to check (no ranked option, or no risks written anywhere). An option with no risks
/// entered has its risks "not recorded": it is never counted as risk 0, and never compared.
pub fn check(ranked: &[(&str, &[RiskSpec])]) -> Option<FearCheck> {
    if ranked.is_empty() || ranked.iter().all(|(_, risks)| risks.is_empty()) {
        return None;
    }
    let risk_scores: Vec<RiskScore> = ranked
        .iter()
        .filter(|(_, risks)| !risks.is_empty())
        .map(|(id, risks)| {
            let (fears, facts) = (score(risks, RiskKind::Fear), score(risks, RiskKind::Fact));
            RiskScore {
                option: id.to_string(),
                fears,
                facts,
                total: fears + facts,
            }
        })
        .collect();
    let risks_not_recorded: Vec<String> = ranked
        .iter()
        .filter(|(_, risks)| risks.is_empty())
        .map(|(id, _)| id.to_string())
        .collect();
    let (leader_id, leader_risks) = ranked[0];
    let Some(leader) = risk_scores.iter().find(|r| r.option == leader_id) else {
        let verdict = format!(
            "\"{leader_id}\" fits your values best, but its risks are not recorded, so the fear \
             check cannot weigh them against the others'.{}",
            not_recorded_note(&risks_not_recorded, leader_id)
        );
        return Some(FearCheck {
            values_leader: leader_id.to_string(),
            least_risky: None,
            held_back_by_fears: false,
            fears_to_test: Vec::new(),
            facts_to_plan: Vec::new(),
            risk_scores,
            risks_not_recorded,
            verdict,
        });
    };
    // Earliest in the ranking wins a tie, so the least risky is never a worse fit needlessly.
    let safest = risk_scores.iter().fold(
        leader,
        |best, r| if r.total < best.total { r } else { best },
    );
    let fears_to_test = scored(leader_risks, RiskKind::Fear);
    let facts_to_plan = scored(leader_risks, RiskKind::Fact);
    let held_back_by_fears = safest.option != leader.option && leader.facts <= safest.total;
    let mut verdict = verdict(
        leader,
        safest,
        risk_scores.len(),
        held_back_by_fears,
        &fears_to_test,
        &facts_to_plan,
    );
    verdict.push_str(&not_recorded_note(&risks_not_recorded, leader_id));
    Some(FearCheck {
        values_leader: leader.option.clone(),
        least_risky: Some(safest.option.clone()),
        held_back_by_fears,
        fears_to_test,
        facts_to_plan,
        risk_scores,
        risks_not_recorded,
        verdict,
    })
}

fn quoted(ids: &[&str]) -> String {
    ids.iter()
        .map(|id| format!("\"{id}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn names(risks: &[ScoredRisk]) -> String {
    quoted(&risks.iter().map(|r| r.name.as_str()).collect::<Vec<_>>())
}

/// " Risks not recorded for ...", the leader left out (the verdict has said it already).
fn not_recorded_note(not_recorded: &[String], leader: &str) -> String {
    let others: Vec<&str> = not_recorded
        .iter()
        .map(String::as_str)
        .filter(|id| *id != leader)
        .collect();
    match others.len() {
        0 => String::new(),
        1 => format!(
            " The risks of {} are not recorded, so it is left out of the comparison.",
            quoted(&others)
        ),
        _ => format!(
            " The risks of {} are not recorded, so they are left out of the comparison.",
            quoted(&others)
        ),
    }
}

fn verdict(
    leader: &RiskScore,
    safest: &RiskScore,
    recorded: usize,
    held_back_by_fears: bool,
    fears: &[ScoredRisk],
    facts: &[ScoredRisk],
) -> String {
    let mut text = if recorded == 1 {
        format!(
            "\"{}\" fits your values best; its risks come to {}, and no other option has risks \
             recorded to weigh them against.",
            leader.option,
            format_number(leader.total)
        )
    } else if leader.option == safest.option {
        format!(
            "\"{}\" fits your values best and is also the least risky path (risk {}).",
            leader.option,
            format_number(leader.total)
        )
    } else if held_back_by_fears {
        format!(
            "\"{}\" fits your values best. It looks riskier than \"{}\" (risk {} against {}) only \
             because of fears: its facts alone come to {}. A fear is something to test, not a \
             reason to stay put.",
            leader.option,
            safest.option,
            format_number(leader.total),
            format_number(safest.total),
            format_number(leader.facts)
        )
    } else {
        format!(
            "\"{}\" fits your values best but carries real costs: its facts come to {}, more than \
             all the risks of \"{}\" ({}). Plan for them before you choose.",
            leader.option,
            format_number(leader.facts),
            safest.option,
            format_number(safest.total)
        )
    };
    if !fears.is_empty() {
        text.push_str(&format!(" Fears to test: {}.", names(fears)));
    }
    if !facts.is_empty() {
        text.push_str(&format!(" Facts to plan for: {}.", names(facts)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn risk(name: &str, p: f64, s: f64, kind: RiskKind) -> RiskSpec {
        RiskSpec {
            name: name.into(),
            probability: p,
            seriousness: s,
            kind,
        }
    }

    #[test]
    fn a_leader_held_back_only_by_fears_is_called_out() {
        let part_time = vec![
            risk("others will judge", 6.0, 5.0, RiskKind::Fear),
            risk("gap on resume", 4.0, 6.0, RiskKind::Fear),
            risk("pay drops 40%", 10.0, 3.0, RiskKind::Fact),
        ];
        let stay = vec![risk("burnout", 5.0, 8.0, RiskKind::Fact)];
        let out = check(&[("part-time", &part_time), ("stay", &stay)]).unwrap();
        assert_eq!(out.least_risky.as_deref(), Some("stay"));
        assert!(out.held_back_by_fears, "facts 30 <= 40");
        assert_eq!(out.fears_to_test[0].name, "others will judge");
        assert!(
            out.verdict.contains("only because of fears"),
            "{}",
            out.verdict
        );
    }

    #[test]
    fn facts_that_outweigh_are_not_fears() {
        let leave = vec![risk("no income for 6 months", 9.0, 9.0, RiskKind::Fact)];
        let stay = vec![risk("boredom", 5.0, 2.0, RiskKind::Fear)];
        let out = check(&[("leave", &leave), ("stay", &stay)]).unwrap();
        assert!(!out.held_back_by_fears);
        assert!(out.verdict.contains("Plan for them"), "{}", out.verdict);
    }

    /// Issue 18: an offer with no risks entered is not risk 0, and the better-described option
    /// is not called riskier than it.
    #[test]
    fn an_option_without_risks_is_not_recorded_and_not_compared() {
        let staff = vec![
            risk("a narrower role", 5.0, 4.0, RiskKind::Fear),
            risk("lower pay", 10.0, 2.0, RiskKind::Fact),
        ];
        let stay = vec![risk("burnout", 6.0, 8.0, RiskKind::Fact)];
        let out = check(&[("staff", &staff), ("offer", &[]), ("stay", &stay)]).unwrap();
        assert_eq!(out.least_risky.as_deref(), Some("staff"));
        assert_eq!(out.risks_not_recorded, vec!["offer"]);
        assert!(out.risk_scores.iter().all(|r| r.option != "offer"));
        assert!(
            out.verdict.contains("also the least risky path (risk 40)")
                && out.verdict.contains(
                    "The risks of \"offer\" are not recorded, so it is left out of the comparison."
                ),
            "{}",
            out.verdict
        );

        // The leader has none recorded: nothing is compared, nothing is called safer.
        let out = check(&[("offer", &[]), ("staff", &staff), ("stay", &stay)]).unwrap();
        assert_eq!(out.least_risky, None);
        assert!(!out.held_back_by_fears);
        assert!(
            out.verdict
                .starts_with("\"offer\" fits your values best, but its risks are not recorded"),
            "{}",
            out.verdict
        );
        assert!(!out.verdict.contains("risk 0"), "{}", out.verdict);

        // Only the leader's risks recorded: nothing to weigh them against.
        let out = check(&[("staff", &staff), ("offer", &[])]).unwrap();
        assert_eq!(out.least_risky.as_deref(), Some("staff"));
        assert!(
            out.verdict.contains("no other option has risks recorded"),
            "{}",
            out.verdict
        );
    }

    #[test]
    fn the_verdict_names_the_options() {
        let stay = [risk("burnout", 7.0, 8.0, RiskKind::Fear)];
        let clinic = [risk("pay cut", 9.0, 4.0, RiskKind::Fact)];
        let out = check(&[("clinic", &clinic), ("educator", &[]), ("stay", &stay)]).unwrap();
        let name = |id: &str| match id {
            "clinic" => "Day-shift clinic nurse".to_string(),
            other => other.to_uppercase(),
        };
        let named = out.verdict_named(&name);
        assert!(
            named.starts_with("\"Day-shift clinic nurse\" fits your values best"),
            "{named}"
        );
        assert!(named.contains("\"EDUCATOR\" are not recorded"), "{named}");
        assert!(named.contains("\"pay cut\""), "risk names stay: {named}");
        assert!(!named.contains("\"clinic\""), "{named}");
    }

    #[test]
    fn no_risks_no_check() {
        assert_eq!(check(&[("stay", &[])]), None);
    }
}
