//! What `values` answers: the values by importance, how they are weighted, and for pairwise
//! comparisons the weights they imply and how consistent they are.

use milemarker_core::career::{Snapshot, Weighting};
use milemarker_core::decision::ahp::PairwiseMatrix;
use milemarker_core::decision::format_number;
use milemarker_core::text::{count, percent};

use super::{Output, Span, Tone};

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
    let Some(cr) = consistency.cr else {
        return out;
    };
    let verdict = match &consistency.most_inconsistent {
        Some(worst) => format!(
            ": above 0.10, so revisit {} against {} (you said {}; the rest implies about {})",
            worst.row, worst.column, worst.given, worst.suggested
        ),
        None => " (consistent)".into(),
    };
    out.with_text(format!("  consistency ratio {cr:.3}{verdict}"))
}
