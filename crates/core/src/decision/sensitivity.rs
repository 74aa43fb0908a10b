//! How far each criterion's weight can move before another option leads.
//!
//! Criterion j's weight moves to t; the others are rescaled in proportion so all still sum to
//! one. The first t on either side of today's weight at which the leader changes is found by a
//! scan then bisection, which works for every method (TOPSIS is not linear in the weights).

use super::ranking::TIE_EPSILON;
use super::scoring::Scorer;

const SCAN_STEPS: usize = 2_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Flip {
    /// The weight at which the leader changes (the two tie there).
    pub weight_to_flip: f64,
    pub delta: f64,
    /// Index (into the scored options) of the option that leads past that weight.
    pub new_leader: usize,
}

/// The leader under these weights: highest score, earliest on ties (the strict order).
fn leader(scores: &[f64]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] + TIE_EPSILON {
            best = i;
        }
    }
    best
}

/// Weights with criterion j set to t and the rest rescaled proportionally.
fn reweighted(weights: &[f64], j: usize, t: f64) -> Vec<f64> {
    let rest = 1.0 - weights[j];
    weights
        .iter()
        .enumerate()
        .map(|(k, &w)| if k == j { t } else { w * (1.0 - t) / rest })
        .collect()
}

/// For each criterion, the smallest change that changes the leader, or `None` if no weight in
/// [0, 1] does (or if the other weights are all zero, so there is nothing to rescale).
pub fn analyse(scorer: &Scorer, weights: &[f64]) -> Vec<Option<Flip>> {
    if scorer.options() < 2 {
        return vec![None; weights.len()];
    }
    let current = leader(&scorer.scores(weights));
    (0..weights.len())
        .map(|j| flip_for(scorer, weights, j, current))
        .collect()
}

fn flip_for(scorer: &Scorer, weights: &[f64], j: usize, current: usize) -> Option<Flip> {
    if 1.0 - weights[j] <= 1e-12 {
        return None;
    }
    let leader_at = |t: f64| leader(&scorer.scores(&reweighted(weights, j, t)));
    let w = weights[j];
    [1.0, 0.0]
        .into_iter()
        .filter_map(|end| {
            let step = (end - w) / SCAN_STEPS as f64;
            let mut inside = w;
            for k in 1..=SCAN_STEPS {
                let t = if k == SCAN_STEPS {
                    end
                } else {
                    w + step * k as f64
                };
                if leader_at(t) != current {
                    let boundary = bisect(inside, t, |x| leader_at(x) == current);
                    // Just past the boundary, in the direction of travel.
                    let past = boundary + (t - inside).signum() * 1e-9;
                    let past = if (past - w).abs() > (t - w).abs() {
                        t
                    } else {
                        past
                    };
                    return Some(Flip {
                        weight_to_flip: boundary,
                        delta: boundary - w,
                        new_leader: leader_at(past),
                    });
                }
                inside = t;
            }
            None
        })
        .min_by(|a, b| a.delta.abs().total_cmp(&b.delta.abs()))
}

/// The point between `keeps` (where `same` holds) and `changes` (where it does not).
fn bisect(mut keeps: f64, mut changes: f64, same: impl Fn(f64) -> bool) -> f64 {
    for _ in 0..60 {
        let mid = 0.5 * (keeps + changes);
        if same(mid) {
            keeps = mid;
        } else {
            changes = mid;
        }
        if (keeps - changes).abs() < 1e-13 {
            break;
        }
    }
    0.5 * (keeps + changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::scoring::Matrix;

    fn additive(rows: &[&[f64]]) -> Scorer {
        Scorer::Additive {
            values: Matrix {
                rows: rows.len(),
                cols: rows[0].len(),
                data: rows.iter().flat_map(|r| r.iter().copied()).collect(),
            },
        }
    }

    #[test]
    fn linear_crossing_matches_the_closed_form() {
        // A = (1, 0), B = (0, 1), weights (0.7, 0.3): A leads until w1 < 0.5.
        let out = analyse(&additive(&[&[1.0, 0.0], &[0.0, 1.0]]), &[0.7, 0.3]);
        let f0 = out[0].as_ref().unwrap();
        assert!((f0.weight_to_flip - 0.5).abs() < 1e-9 && (f0.delta + 0.2).abs() < 1e-9);
        assert_eq!(f0.new_leader, 1);
        let f1 = out[1].as_ref().unwrap();
        assert!((f1.weight_to_flip - 0.5).abs() < 1e-9 && (f1.delta - 0.2).abs() < 1e-9);
    }

    #[test]
    fn a_dominant_leader_never_flips() {
        let out = analyse(&additive(&[&[0.9, 0.8], &[0.1, 0.2]]), &[0.5, 0.5]);
        assert_eq!(out, vec![None, None]);
    }

    #[test]
    fn a_three_way_problem_picks_the_nearest_flip() {
        // With weights (0.5, 0.3, 0.2): A = 0.5, B = 0.3 + 0.2*0.9... scores chosen so that
        // raising criterion 2 makes C lead before anything else changes.
        let scorer = additive(&[&[1.0, 0.0, 0.0], &[0.0, 1.0, 0.0], &[0.0, 0.0, 1.0]]);
        let out = analyse(&scorer, &[0.5, 0.3, 0.2]);
        // Lowering w0 to t: A = t, B = 0.3 (1 - t)/0.5 = 0.6 (1 - t): tie at t = 0.375.
        let f0 = out[0].as_ref().unwrap();
        assert!((f0.weight_to_flip - 0.375).abs() < 1e-9, "{f0:?}");
        assert_eq!(f0.new_leader, 1);
        // Raising w2 to t: A = 0.5 (1 - t)/0.8, C = t: tie at t = 0.5/1.3.
        let f2 = out[2].as_ref().unwrap();
        assert!((f2.weight_to_flip - 0.5 / 1.3).abs() < 1e-9, "{f2:?}");
        assert_eq!(f2.new_leader, 2);
    }

    #[test]
    fn a_single_criterion_has_nothing_to_trade() {
        assert_eq!(analyse(&additive(&[&[1.0], &[0.0]]), &[1.0]), vec![None]);
    }
}
