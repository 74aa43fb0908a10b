//! Weights from what people can say: a ranking, or direct ratings.

/// Rank-order centroid weights for ranks 1..=n (Barron and Barrett, 1996):
/// w_k = (1/n) * sum_{i=k..n} 1/i.
pub fn rank_order_centroid(n: usize) -> Vec<f64> {
    (1..=n)
        .map(|k| (k..=n).map(|i| 1.0 / i as f64).sum::<f64>() / n as f64)
        .collect()
}

/// Weights that sum to 1; `None` if they sum to 0.
pub fn normalized(weights: &[f64]) -> Option<Vec<f64>> {
    let total: f64 = weights.iter().sum();
    (total > 0.0).then(|| weights.iter().map(|w| w / total).collect())
}

/// Kepner-Tregoe WANT weights (1-10) from weights on any scale (a ranking's ROC weights, AHP
/// priorities, ...): the largest maps to 10 and the others in proportion, rounded to one decimal
/// and at least 1. KT totals are then weight x score sums, as on a KT worksheet.
pub fn kt_want_weights(weights: &[f64]) -> Vec<f64> {
    let largest = weights.iter().copied().fold(0.0, f64::max);
    weights
        .iter()
        .map(|w| {
            if largest > 0.0 {
                ((w / largest * 100.0).round() / 10.0).max(1.0)
            } else {
                10.0
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kt_want_weights_scale_the_largest_to_ten() {
        // ROC weights of four ranks: 0.5208, 0.2708, 0.1458, 0.0625.
        assert_eq!(
            kt_want_weights(&rank_order_centroid(4)),
            vec![10.0, 5.2, 2.8, 1.2]
        );
        // Never below 1, the least a WANT weighs.
        assert_eq!(kt_want_weights(&[0.9, 0.05, 0.05]), vec![10.0, 1.0, 1.0]);
        assert_eq!(kt_want_weights(&[0.0, 0.0]), vec![10.0, 10.0]);
    }

    /// Barron and Barrett, "Decision quality using ranked attribute weights", Management Science
    /// 42(11), 1996, Table 1: ROC weights for four attributes 0.5208, 0.2708, 0.1458, 0.0625.
    #[test]
    fn roc_known_answer() {
        let w = rank_order_centroid(4);
        for (got, want) in w.iter().zip([0.5208, 0.2708, 0.1458, 0.0625]) {
            assert!((got - want).abs() < 5e-5, "{w:?}");
        }
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn zero_weights_do_not_normalize() {
        assert_eq!(normalized(&[0.0, 0.0]), None);
        assert_eq!(normalized(&[1.0, 3.0]), Some(vec![0.25, 0.75]));
    }
}
