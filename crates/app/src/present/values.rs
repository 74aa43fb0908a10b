//! What `values` answers: the values by importance, how they are weighted, and for pairwise
//! comparisons the weights they imply and how consistent they are.

use milemarker_core::career::{Snapshot, Weighting};
use milemarker_core::decision::ahp::{Consistency, PairwiseMatrix};
use milemarker_core::decision::format_number;
use milemarker_core::text::{count, percent};

use super::{Output, Span, Tone};
use crate::values;

/// The values, most important first, under the weighting and horizon in force.
pub fn values(s: &Snapshot) -> Output {
    if s.values.is_empty() {
        return Output::line(
            "No values yet. Add what matters to you: `milemarker values set autonomy --weight 9`.",
        );
    }
    let header = ["value", "weight", "rank", "O*NET work value", "note"];
    let mut rows = vec![header.map(Span::faint).to_vec()];
    rows.extend(s.values_by_importance().into_iter().map(|v| {
        vec![
            v.id.clone().into(),
            v.weight.map_or("-".into(), format_number).into(),
            v.rank.map_or("-".into(), |r| r.to_string()).into(),
            v.onet_work_value
                .clone()
                .unwrap_or_else(|| "-".into())
                .into(),
            v.note.clone().unwrap_or_default().into(),
        ]
    }));
    let horizon = if s.settings.horizon_weight > 0.0 {
        format!(
            "; the view {} ahead counts {}",
            count(s.settings.horizon_years, "year", "years"),
            percent(s.settings.horizon_weight)
        )
    } else {
        String::new()
    };
    let weighting = format!("(weighting: {}{horizon})", s.settings.weighting.as_str());
    let out = Output::default()
        .with_line(vec![
            Span::strong("Values"),
            " ".into(),
            Span::faint(weighting),
        ])
        .with_table(rows);
    match s.settings.weighting {
        Weighting::Ahp => out.then(pairwise(s)),
        _ => out,
    }
}

/// What `init` answers: the values as set up, and what to do next.
pub fn set_up(s: &Snapshot) -> Output {
    Output::default()
        .with_line(vec![Span::strong("You are set up.")])
        .then(values(s))
        .with_line(vec![Span::faint(
            "Next: add the paths you are weighing with `milemarker option add`, then `milemarker \
             decide`.",
        )])
}

/// The weights the pairwise comparisons imply and their consistency ratio, with the pair to
/// revisit when it is over 0.10; what is wrong with the comparisons when they cannot be read.
pub fn pairwise(s: &Snapshot) -> Output {
    let rows = match s.values_pairwise() {
        Ok(rows) => rows,
        Err(err) => {
            return Output::default()
                .with_line(vec!["  ".into(), Span::new(Tone::Warn, err.message)]);
        }
    };
    let labels: Vec<&str> = s.values.iter().map(|v| v.id.as_str()).collect();
    let Ok(matrix) = PairwiseMatrix::from_judgements("values", &rows, &labels) else {
        return Output::default();
    };
    let (weights, consistency) = matrix.analyse();
    // Most important first, the order the decision keeps.
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]));
    let shares: Vec<String> = order
        .iter()
        .map(|&i| format!("{} {}", labels[i], percent(weights[i])))
        .collect();
    let out = Output::line(format!(
        "  weights from your comparisons: {}",
        shares.join(", ")
    ));
    match verdict(&consistency) {
        Some(verdict) => out.with_text(format!("  consistency ratio {verdict}")),
        None => out,
    }
}

/// The consistency ratio and what it says: "0.042 (consistent)", or above 0.10 the answer that
/// conflicts most with the rest; `None` when there is no ratio (over ten values).
fn verdict(consistency: &Consistency) -> Option<String> {
    let cr = consistency.cr?;
    let verdict = match &consistency.most_inconsistent {
        Some(worst) => {
            let (a, b) = (worst.row.as_str(), worst.column.as_str());
            format!(
                ": above 0.10, so revisit {a} against {b}, the answer that conflicts most with the \
                 rest (you said {}; the rest implies about {})",
                values::judged(a, b, &worst.given),
                values::nearest_answer(a, b, worst.implied)
            )
        }
        None => " (consistent)".into(),
    };
    Some(format!("{cr:.3}{verdict}"))
}

/// What the pairs compared so far say, before every pair is: how many are, the weights among the
/// values they connect, and the consistency ratio once the answers close a loop (with the answer
/// that conflicts most when it is over 0.10). Empty before any pair is compared.
pub fn pairwise_so_far(s: &Snapshot) -> Output {
    let Some(so_far) = values::so_far(s) else {
        return Output::default();
    };
    let n = s.values.len();
    let pairs = n * (n - 1) / 2;
    let done = s
        .value_judgements
        .iter()
        .filter(|j| s.values.iter().any(|v| v.id == j.a) && s.values.iter().any(|v| v.id == j.b))
        .count();
    let mut order: Vec<usize> = (0..so_far.compared.len()).collect();
    order.sort_by(|&a, &b| so_far.weights[b].total_cmp(&so_far.weights[a]));
    let name = |i: usize| s.values[so_far.compared[i]].id.as_str();
    let shares: Vec<String> = order
        .iter()
        .map(|&i| format!("{} {}", name(i), percent(so_far.weights[i])))
        .collect();
    let waiting: Vec<&str> = (0..n)
        .filter(|i| !so_far.compared.contains(i))
        .map(|i| s.values[i].id.as_str())
        .collect();
    let waiting = if waiting.is_empty() {
        String::new()
    } else {
        format!(" ({} not compared yet)", waiting.join(", "))
    };
    let out = Output::line(format!("  {done} of {pairs} pairs compared."))
        .with_text(format!("  weights so far: {}{waiting}", shares.join(", ")));
    let consistency = match &so_far.consistency {
        None => "  consistency ratio: not yet; it shows once your answers come round in a loop \
                 (three values, each compared with both others)"
            .to_string(),
        Some(c) => match verdict(c) {
            Some(verdict) => format!("  consistency ratio so far {verdict}"),
            None => return out,
        },
    };
    out.with_text(consistency)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compared(pairs: &[(&str, &str, &str)]) -> Snapshot {
        let mut s = Snapshot::default();
        let names: Vec<String> = ["pay", "autonomy", "growth", "family"]
            .map(String::from)
            .to_vec();
        values::start_over(&mut s, &names).unwrap();
        for (a, b, judgement) in pairs {
            values::compare_one(&mut s, a, b, judgement).unwrap();
        }
        s
    }

    #[test]
    fn pairs_so_far_say_the_weights_then_the_consistency_then_what_conflicts() {
        assert!(pairwise_so_far(&compared(&[])).sentences().is_empty());
        let star = compared(&[("pay", "autonomy", "3"), ("pay", "growth", "3")]);
        assert_eq!(
            pairwise_so_far(&star).sentences(),
            [
                "  2 of 6 pairs compared.",
                "  weights so far: pay 60%, autonomy 20%, growth 20% (family not compared yet)",
                "  consistency ratio: not yet; it shows once your answers come round in a loop \
                 (three values, each compared with both others)",
            ]
        );
        let looped = compared(&[
            ("pay", "autonomy", "3"),
            ("pay", "growth", "3"),
            ("autonomy", "growth", "9"),
        ]);
        let said = pairwise_so_far(&looped).sentences();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(
            said[2].starts_with("  consistency ratio so far 0.")
                && said[2].contains(
                    "so revisit pay against growth, the answer that conflicts most with the rest \
                     (you said pay matters moderately more (3); the rest implies about pay \
                     matters"
                ),
            "{said:?}"
        );
    }
}
