//! How far each criterion's weight can move before another option leads.
//!
//! Criterion j's weight moves to t; the others are rescaled in proportion so all still sum to
//! one. For additive scores every option's score is then linear in t, so the first crossing with
//! the leader is solved exactly; TOPSIS is not linear in the weights, so there a scan finds the
//! first change and bisection pins it down.

use super::ranking::TIE_EPSILON;
use super::scoring::{Matrix, Scorer};

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
        .map(|j| match scorer {
            Scorer::Additive { values } => exact_flip(values, weights, j, current),
            Scorer::Topsis { .. } => scanned_flip(scorer, weights, j, current),
        })
        .collect()
}

/// Additive scores: s_k(t) = t a_k + (1 - t) b_k, with a_k option k's value on criterion j and
/// b_k its weighted value on the others, rescaled. Challenger k ties the leader L where
/// t A + (1 - t) B = 0 (A = a_k - a_L, B = b_k - b_L), i.e. at t = B / (B - A).
fn exact_flip(values: &Matrix, weights: &[f64], j: usize, current: usize) -> Option<Flip> {
    let rest = 1.0 - weights[j];
    if rest <= 1e-12 {
        return None;
    }
    let on_j = |k: usize| values.row(k)[j];
    let on_rest = |k: usize| {
        let row = values.row(k);
        (0..row.len())
            .filter(|&i| i != j)
            .map(|i| weights[i] * row[i])
            .sum::<f64>()
            / rest
    };
    let w = weights[j];
    let (leader_j, leader_rest) = (on_j(current), on_rest(current));
    let mut best: Option<Flip> = None;
    for k in (0..values.rows).filter(|&k| k != current) {
        let (slope_a, slope_b) = (on_j(k) - leader_j, on_rest(k) - leader_rest);
        if (slope_a - slope_b).abs() <= 1e-12 {
            continue; // parallel (up to rounding): the gap never changes
        }
        let gap_now = w * slope_a + (1.0 - w) * slope_b;
        let t = if gap_now > -TIE_EPSILON {
            // Tied already: the leader leads only by input order, and the first move that widens
            // the challenger's side of the tie flips it.
            w
        } else {
            slope_b / (slope_b - slope_a)
        };
        if !(-1e-12..=1.0 + 1e-12).contains(&t) {
            continue;
        }
        let t = t.clamp(0.0, 1.0); // a tie at an end may round to just outside it
        // Ties go to the option listed first, so a challenger listed before the leader takes
        // over at the tie itself; one listed after must come out ahead past it, within [0, 1].
        let upward = if t == w { slope_a > slope_b } else { t > w };
        let past = if upward { t + 1e-6 } else { t - 1e-6 };
        let ahead_past =
            (0.0..=1.0).contains(&past) && past * slope_a + (1.0 - past) * slope_b > 0.0;
        if k > current && !ahead_past {
            continue;
        }
        let nearer = best.as_ref().is_none_or(|f| (t - w).abs() < f.delta.abs());
        if nearer {
            best = Some(Flip {
                weight_to_flip: t,
                delta: t - w,
                new_leader: k,
            });
        }
    }
    best
}

fn scanned_flip(scorer: &Scorer, weights: &[f64], j: usize, current: usize) -> Option<Flip> {
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 64,
            failure_persistence: None,
            ..Default::default()
        })]

        /// The closed form and the scan find the same flip wherever both apply.
        #[test]
        fn exact_and_scanned_flips_agree(
            data in proptest::collection::vec(0u32..=20, 12),
            raw in proptest::collection::vec(1u32..=10, 3),
        ) {
            let values = Matrix { rows: 4, cols: 3, data: data.iter().map(|&x| x as f64 / 20.0).collect() };
            let total: u32 = raw.iter().sum();
            let weights: Vec<f64> = raw.iter().map(|&w| w as f64 / total as f64).collect();
            let scorer = Scorer::Additive { values: values.clone() };
            let current = leader(&scorer.scores(&weights));
            for j in 0..3 {
                let exact = exact_flip(&values, &weights, j, current);
                let scanned = scanned_flip(&scorer, &weights, j, current);
                match (exact, scanned) {
                    (Some(e), Some(s)) => {
                        // Two flips can be equally near, one on each side: compare the distance.
                        proptest::prop_assert!((e.delta.abs() - s.delta.abs()).abs() < 1e-6, "{e:?} {s:?}");
                    }
                    (None, None) => {}
                    // A tie that only touches, or one within the scan's tolerance, may be seen by
                    // one side alone; then the gap at that weight must be (nearly) zero.
                    (e, s) => {
                        let t = e.or(s).unwrap().weight_to_flip;
                        let scores = scorer.scores(&reweighted(&weights, j, t));
                        let top = scores.iter().copied().fold(f64::MIN, f64::max);
                        proptest::prop_assert!((scores[current] - top).abs() < 1e-6);
                    }
                }
            }
        }
    }

    #[test]
    fn a_single_criterion_has_nothing_to_trade() {
        assert_eq!(analyse(&additive(&[&[1.0], &[0.0]]), &[1.0]), vec![None]);
    }
}
