//! A decision in plain words, for someone who is not an engineer.

use std::fmt::Write;

use milemarker_core::career::Snapshot;
use milemarker_core::decision::document::Method;
use milemarker_core::decision::format_number;
use milemarker_core::decision::result::{AtTheLine, DecisionResult, Excluded};

use crate::ui::{BAD, DIM, GOOD, HEADING, WARN, paint, percent, table};

/// An option's name where the person gave one, then its id to type: the name first, as prose has
/// it, and no brackets around a name that may hold its own ("Product marketing manager (narrower
/// role)").
fn label(id: &str, person: Option<&Snapshot>) -> String {
    let name = person
        .and_then(|p| p.options.iter().find(|o| o.id == id))
        .map(|o| o.name.as_str());
    match name {
        Some(name) if !name.is_empty() && name != id => {
            format!("{name} {}", paint(DIM, &format!("· {id}")))
        }
        _ => id.to_string(),
    }
}

/// An option's name for prose: the name the person gave it, else its id.
fn name_of(id: &str, person: Option<&Snapshot>) -> String {
    person
        .and_then(|p| p.options.iter().find(|o| o.id == id))
        .map(|o| o.name.as_str())
        .filter(|name| !name.is_empty())
        .unwrap_or(id)
        .to_string()
}

pub fn render(
    result: &DecisionResult,
    robustness: Option<&DecisionResult>,
    person: Option<&Snapshot>,
) -> String {
    let mut out = String::new();
    let total = result.ranking.len() + result.excluded.len();
    let _ = writeln!(
        out,
        "{} {} option{} weighed by {}.",
        paint(HEADING, "Decision:"),
        total,
        if total == 1 { "" } else { "s" },
        result.method.description()
    );
    weights_section(&mut out, result);
    excluded_section(&mut out, &result.excluded, person);
    at_the_line_section(&mut out, &result.at_the_line, person);
    ranking_section(&mut out, result, person);
    consistency_section(&mut out, result);
    if let Some(smaa) = robustness
        .filter(|r| r.smaa.is_some())
        .or(result.smaa.as_ref().map(|_| result))
    {
        smaa_section(&mut out, smaa, robustness.is_some(), person);
    }
    sensitivity_section(&mut out, result, person);
    fear_section(&mut out, result, person);
    runway_section(&mut out, result, person);
    for warning in &result.warnings {
        let _ = writeln!(out, "\n{} {warning}", paint(WARN, "note:"));
    }
    out
}

fn weights_section(out: &mut String, result: &DecisionResult) {
    if result.weights.is_empty() {
        return;
    }
    let mut weights: Vec<(&String, &f64)> = result.weights.iter().collect();
    weights.sort_by(|a, b| b.1.total_cmp(a.1));
    let text: Vec<String> = weights
        .iter()
        .map(|(id, w)| format!("{id} {}", percent(**w)))
        .collect();
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        paint(HEADING, "What counts"),
        text.join(", ")
    );
}

fn excluded_section(out: &mut String, excluded: &[Excluded], person: Option<&Snapshot>) {
    if excluded.is_empty() {
        return;
    }
    heading(
        out,
        "Ruled out by a deal-breaker (never compromise on an uncompromisable)",
    );
    for e in excluded {
        let _ = writeln!(out, "  {} {}", paint(BAD, "x"), label(&e.option, person));
        for r in &e.reasons {
            let _ = writeln!(
                out,
                // The rule as the person wrote it, not the deal-breaker's id.
                "      breaks {} {} {}: it is {}",
                r.attribute,
                r.op.as_str(),
                r.required,
                r.actual
            );
        }
    }
}

/// Options that pass a deal-breaker only exactly at its threshold: the moment to name, since a
/// step less would have ruled them out (seed 000: "I compromised on some of my uncompromisables").
fn at_the_line_section(out: &mut String, at_the_line: &[AtTheLine], person: Option<&Snapshot>) {
    if at_the_line.is_empty() {
        return;
    }
    heading(
        out,
        "At the line (a deal-breaker met exactly: a step less would rule the option out)",
    );
    let mut last: Option<&str> = None;
    for a in at_the_line {
        if last != Some(a.option.as_str()) {
            let _ = writeln!(out, "  {} {}", paint(WARN, "!"), label(&a.option, person));
            last = Some(a.option.as_str());
        }
        // A deal-breaker naming a value tests the score unless an attribute of that name exists.
        let scored = person
            .and_then(|p| p.options.iter().find(|o| o.id == a.option))
            .is_some_and(|o| !o.attributes.contains_key(&a.attribute));
        let fact = if scored {
            format!("its {} score is {}", a.attribute, a.actual)
        } else {
            format!("{} is {}", a.attribute, a.actual)
        };
        let _ = writeln!(out, "      {}: {fact}", a.phrase());
    }
}

fn ranking_section(out: &mut String, result: &DecisionResult, person: Option<&Snapshot>) {
    if result.ranking.is_empty() {
        if !result.excluded.is_empty() {
            let _ = writeln!(
                out,
                "\n{} No option passes all your deal-breakers, so there is no ranking. Look for \
                 another option rather than compromise; loosen a deal-breaker only if it truly is not one.",
                paint(BAD.bold(), "No option left.")
            );
        }
        return;
    }
    let score_label = match result.method {
        Method::Smaa => "first in",
        Method::Kt => "total",
        Method::Topsis => "closeness",
        _ => "score",
    };
    heading(out, "Ranking");
    let mut rows = vec![vec![
        paint(DIM, "rank"),
        paint(DIM, "option"),
        paint(DIM, score_label),
    ]];
    for r in &result.ranking {
        let score = match result.method {
            Method::Smaa => percent(r.score),
            Method::Kt => format!("{:.1}", r.score),
            _ => format!("{:.3}", r.score),
        };
        let rank = if r.rank == 1 {
            paint(GOOD.bold(), "1")
        } else {
            r.rank.to_string()
        };
        rows.push(vec![rank, label(&r.option, person), score]);
    }
    out.push_str(&table(&rows));
}

fn consistency_section(out: &mut String, result: &DecisionResult) {
    let Some(report) = &result.consistency else {
        return;
    };
    heading(out, "Are your comparisons consistent?");
    let matrices = report
        .criteria
        .iter()
        .map(|c| ("criteria", c))
        .chain(report.options.iter().map(|(k, c)| (k.as_str(), c)));
    for (name, c) in matrices {
        let cr =
            c.cr.map_or("n/a (over 10 items)".to_string(), |cr| format!("{cr:.3}"));
        match (&c.most_inconsistent, c.consistent) {
            (Some(worst), _) => {
                let _ = writeln!(
                    out,
                    "  {name}: {} (CR {cr} > 0.10). Revisit {} against {}: you said {}, the rest of \
                     your answers imply about {}.",
                    paint(BAD, "inconsistent"),
                    worst.row,
                    worst.column,
                    worst.given,
                    worst.suggested
                );
            }
            (None, Some(true)) => {
                let _ = writeln!(out, "  {name}: {} (CR {cr})", paint(GOOD, "consistent"));
            }
            _ => {
                let _ = writeln!(out, "  {name}: CR {cr}");
            }
        }
    }
}

fn smaa_section(
    out: &mut String,
    smaa_result: &DecisionResult,
    as_robustness: bool,
    person: Option<&Snapshot>,
) {
    let Some(smaa) = &smaa_result.smaa else {
        return;
    };
    let title = if as_robustness {
        "How firm is this, if only the order of your values is right?"
    } else {
        "How often each option comes first"
    };
    heading(out, title);
    let _ = writeln!(
        out,
        // The seed stays in the JSON for whoever reruns it; in prose it is a number to no one.
        "  {} weightings drawn{}.",
        thousands(smaa.samples),
        if smaa.criteria_ranking.is_empty() {
            String::new()
        } else {
            format!(", keeping {}", smaa.criteria_ranking.join(" >= "))
        }
    );
    let mut by_first: Vec<_> = smaa.rank_acceptability.iter().collect();
    by_first.sort_by(|a, b| {
        b.1.first()
            .unwrap_or(&0.0)
            .total_cmp(a.1.first().unwrap_or(&0.0))
    });
    for (option, acceptability) in by_first {
        let first = acceptability.first().copied().unwrap_or(0.0);
        let confidence = match smaa.confidence.get(option).copied().flatten() {
            Some(c) if c >= 1.0 => "",
            Some(_) => " (even its most favourable weights do not make it clearly first)",
            None => "",
        };
        let _ = writeln!(
            out,
            "  {} is first in {}{confidence}",
            name_of(option, person),
            percent(first)
        );
    }
}

fn sensitivity_section(out: &mut String, result: &DecisionResult, person: Option<&Snapshot>) {
    let (Some(sensitivity), Some(leader)) = (&result.sensitivity, result.leader()) else {
        return;
    };
    if result.ranking.len() < 2 {
        return;
    }
    heading(
        out,
        &format!(
            "What would change the answer from {}?",
            name_of(&leader.option, person)
        ),
    );
    let mut flips: Vec<_> = sensitivity
        .iter()
        .filter_map(|(id, f)| f.as_ref().map(|f| (id, f)))
        .collect();
    flips.sort_by(|a, b| a.1.delta.abs().total_cmp(&b.1.delta.abs()));
    for (id, flip) in &flips {
        let now = result.weights.get(*id).copied().unwrap_or(0.0);
        let direction = if flip.delta > 0.0 { "rises" } else { "falls" };
        let _ = writeln!(
            out,
            "  if {id} {direction} from {} to {} of the weight, {} leads",
            percent(now),
            percent(flip.weight_to_flip),
            name_of(&flip.new_leader, person)
        );
    }
    let steady: Vec<&String> = sensitivity
        .iter()
        .filter(|(_, f)| f.is_none())
        .map(|(id, _)| id)
        .collect();
    if !steady.is_empty() {
        let names: Vec<&str> = steady.iter().map(|s| s.as_str()).collect();
        let _ = writeln!(
            out,
            "  no weight on {} changes the leader",
            names.join(", ")
        );
    }
}

fn fear_section(out: &mut String, result: &DecisionResult, person: Option<&Snapshot>) {
    let Some(fear) = &result.fear_check else {
        return;
    };
    heading(out, "Fears and facts");
    let _ = writeln!(
        out,
        "  {}",
        fear.verdict_named(&|id: &str| name_of(id, person))
    );
    if person.is_some()
        && let Some(first) = fear.risks_not_recorded.first()
    {
        let names: Vec<String> = fear
            .risks_not_recorded
            .iter()
            .map(|id| name_of(id, person))
            .collect();
        let _ = writeln!(
            out,
            "  {}",
            paint(
                DIM,
                &format!(
                    "Risks not recorded: {}. Name them: `milemarker risk add {first} \"RISK\" -p N -s N` \
                     (add --fact for a fact).",
                    names.join(", ")
                )
            )
        );
    }
    let rows: Vec<Vec<String>> = fear
        .fears_to_test
        .iter()
        .chain(&fear.facts_to_plan)
        .map(|r| {
            let what = if r.kind.as_str() == "fear" {
                "fear: test it"
            } else {
                "fact: plan for it"
            };
            vec![
                format!("  {}", r.name),
                paint(
                    DIM,
                    &format!(
                        "{} x {} = {}",
                        format_number(r.probability),
                        format_number(r.seriousness),
                        format_number(r.score)
                    ),
                ),
                what.to_string(),
            ]
        })
        .collect();
    if !rows.is_empty() {
        out.push_str(&table(&rows));
    }
}

fn runway_section(out: &mut String, result: &DecisionResult, person: Option<&Snapshot>) {
    let Some(runway) = &result.runway_months else {
        return;
    };
    heading(out, "Runway: how long your savings last on each path");
    for (option, months) in runway {
        let text = match months {
            Some(m) => format!("{} months", format_number((m * 10.0).round() / 10.0)),
            None => "income covers expenses".to_string(),
        };
        let _ = writeln!(out, "  {}: {text}", name_of(option, person));
    }
}

fn heading(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{}", paint(HEADING, title));
}

/// 100000 -> "100,000".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
