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

#[cfg(test)]
mod tests {
    use super::*;

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
