//! Scores for a set of options under a weight vector: one place per method, so the ranking,
//! the sensitivity analysis and the tests all score the same way.

use super::document::{Kind, Normalization};
use super::error::DocumentError;

/// Options' data prepared once for a method; `scores` is then cheap for any weights.
#[derive(Debug, Clone)]
pub enum Scorer {
    /// Score = sum of weight x value (weighted sum, Kepner-Tregoe, AHP synthesis, SMAA).
    Additive { values: Matrix },
    /// TOPSIS closeness to the ideal, on vector-normalised values.
    Topsis {
        normalized: Matrix,
        kinds: Vec<Kind>,
    },
}

/// Row-major options x criteria.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    pub rows: usize,
    pub cols: usize,
    pub data: Vec<f64>,
}

impl Matrix {
    pub fn from_columns(rows: usize, columns: &[Vec<f64>]) -> Self {
        let cols = columns.len();
        let mut data = vec![0.0; rows * cols];
        for (j, column) in columns.iter().enumerate() {
            for (i, &v) in column.iter().enumerate() {
                data[i * cols + j] = v;
            }
        }
        Matrix { rows, cols, data }
    }

    pub fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }
}

impl Scorer {
    /// Scores every option under `weights` (which sum to 1); higher is better.
    pub fn scores(&self, weights: &[f64]) -> Vec<f64> {
        match self {
            Scorer::Additive { values } => (0..values.rows)
                .map(|i| values.row(i).iter().zip(weights).map(|(v, w)| v * w).sum())
                .collect(),
            Scorer::Topsis { normalized, kinds } => topsis_closeness(normalized, kinds, weights),
        }
    }

    pub fn options(&self) -> usize {
        match self {
            Scorer::Additive { values } => values.rows,
            Scorer::Topsis { normalized, .. } => normalized.rows,
        }
    }
}

/// Kepner-Tregoe values: 1-10 satisfaction scores as they are; a cost criterion's score is
/// mirrored (11 - s) so that 10 is always best and totals stay positive.
pub fn kt_values(columns: &[Vec<f64>], kinds: &[Kind]) -> Vec<Vec<f64>> {
    columns
        .iter()
        .zip(kinds)
        .map(|(column, kind)| match kind {
            Kind::Benefit => column.clone(),
            Kind::Cost => column.iter().map(|s| 11.0 - s).collect(),
        })
        .collect()
}

/// Normalises one criterion's column for the weighted sum (DESIGN 4.2):
/// none: x (a cost counts against: -x); max: x/max, min/x for cost; minmax: (x-min)/(max-min),
/// reversed for cost, 1 when all are equal; sum: x/sum, (1/x)/sum(1/x) for cost.
pub fn normalize_column(
    column: &[f64],
    kind: Kind,
    normalization: Normalization,
    criterion: &str,
) -> Result<Vec<f64>, DocumentError> {
    let max = column.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min = column.iter().copied().fold(f64::INFINITY, f64::min);
    let needs_positive = matches!(normalization, Normalization::Max | Normalization::Sum);
    if needs_positive && column.iter().any(|&x| x <= 0.0) && !column.is_empty() {
        let allows_zero = kind == Kind::Benefit && column.iter().all(|&x| x >= 0.0) && max > 0.0;
        if !allows_zero {
            return Err(DocumentError::invalid(
                format!("criteria.{criterion}"),
                format!(
                    "normalization \"{}\" divides by the scores, so criterion \"{criterion}\" needs \
                     scores above 0; use \"minmax\" or \"none\" for scores that can be 0 or negative",
                    normalization.as_str()
                ),
            ));
        }
    }
    Ok(match (normalization, kind) {
        (Normalization::None, Kind::Benefit) => column.to_vec(),
        (Normalization::None, Kind::Cost) => column.iter().map(|x| -x).collect(),
        (Normalization::Max, Kind::Benefit) => column.iter().map(|x| x / max).collect(),
        (Normalization::Max, Kind::Cost) => column.iter().map(|x| min / x).collect(),
        (Normalization::Minmax, kind) => {
            let span = max - min;
            column
                .iter()
                .map(|x| match (span > 0.0, kind) {
                    (false, _) => 1.0,
                    (true, Kind::Benefit) => (x - min) / span,
                    (true, Kind::Cost) => (max - x) / span,
                })
                .collect()
        }
        (Normalization::Sum, Kind::Benefit) => {
            let total: f64 = column.iter().sum();
            column.iter().map(|x| x / total).collect()
        }
        (Normalization::Sum, Kind::Cost) => {
            let total: f64 = column.iter().map(|x| 1.0 / x).sum();
            column.iter().map(|x| (1.0 / x) / total).collect()
        }
    })
}

/// Vector normalisation for TOPSIS: x / sqrt(sum x^2); an all-zero column stays zero.
pub fn vector_normalize(column: &[f64]) -> Vec<f64> {
    let norm = column.iter().map(|x| x * x).sum::<f64>().sqrt();
    if norm == 0.0 {
        vec![0.0; column.len()]
    } else {
        column.iter().map(|x| x / norm).collect()
    }
}

/// TOPSIS: weighted normalised values, ideal (best per criterion) and anti-ideal (worst),
/// Euclidean distances, closeness C = D- / (D+ + D-). All options equal gives C = 1 for each.
fn topsis_closeness(normalized: &Matrix, kinds: &[Kind], weights: &[f64]) -> Vec<f64> {
    let (m, n) = (normalized.rows, normalized.cols);
    let mut ideal = vec![0.0; n];
    let mut anti = vec![0.0; n];
    for j in 0..n {
        let column = (0..m).map(|i| normalized.data[i * n + j] * weights[j]);
        let (low, high) = column.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        (ideal[j], anti[j]) = match kinds[j] {
            Kind::Benefit => (high, low),
            Kind::Cost => (low, high),
        };
    }
    (0..m)
        .map(|i| {
            let (mut plus, mut minus) = (0.0, 0.0);
            for j in 0..n {
                let v = normalized.data[i * n + j] * weights[j];
                plus += (v - ideal[j]).powi(2);
                minus += (v - anti[j]).powi(2);
            }
            let (plus, minus) = (plus.sqrt(), minus.sqrt());
            if plus + minus == 0.0 {
                1.0
            } else {
                minus / (plus + minus)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    /// B. Sennaroğlu, Decision Analysis lecture notes (2009), TOPSIS example after Yoon and Hwang,
    /// "Multiple Attribute Decision Making: An Introduction" (Sage, 1995): three alternatives
    /// scored (17, 12), (10, 9), (8, 6) on two benefit criteria weighted 0.714 and 0.286. The
    /// published weighted normalised matrix is (0.5703, 0.2124), (0.3355, 0.1593),
    /// (0.2684, 0.1062); from it the first alternative is the ideal (C = 1), the third the
    /// anti-ideal (C = 0), and the second has C = 0.0856 / (0.2407 + 0.0856) = 0.262.
    #[test]
    fn topsis_known_answer_yoon_hwang_via_sennaroglu() {
        let columns = [vec![17.0, 10.0, 8.0], vec![12.0, 9.0, 6.0]];
        let normalized: Vec<Vec<f64>> = columns.iter().map(|c| vector_normalize(c)).collect();
        let weights = [0.714, 0.286];
        let published = [[0.5703, 0.2124], [0.3355, 0.1593], [0.2684, 0.1062]];
        for (i, row) in published.iter().enumerate() {
            for (j, want) in row.iter().enumerate() {
                assert!(close(normalized[j][i] * weights[j], *want, 5e-5));
            }
        }
        let scorer = Scorer::Topsis {
            normalized: Matrix::from_columns(3, &normalized),
            kinds: vec![Kind::Benefit; 2],
        };
        let c = scorer.scores(&weights);
        assert!(close(c[0], 1.0, 1e-12) && close(c[2], 0.0, 1e-12), "{c:?}");
        assert!(close(c[1], 0.262, 5e-4), "{c:?}");
    }

    #[test]
    fn topsis_cost_criterion_prefers_the_lower_value() {
        let normalized = vec![vector_normalize(&[100.0, 200.0])];
        let scorer = Scorer::Topsis {
            normalized: Matrix::from_columns(2, &normalized),
            kinds: vec![Kind::Cost],
        };
        assert_eq!(scorer.scores(&[1.0]), vec![1.0, 0.0]);
    }

    #[test]
    fn normalizations_follow_the_design() {
        let n = |norm, kind| normalize_column(&[2.0, 4.0, 8.0], kind, norm, "x").unwrap();
        assert_eq!(n(Normalization::None, Kind::Benefit), vec![2.0, 4.0, 8.0]);
        assert_eq!(n(Normalization::None, Kind::Cost), vec![-2.0, -4.0, -8.0]);
        assert_eq!(n(Normalization::Max, Kind::Benefit), vec![0.25, 0.5, 1.0]);
        assert_eq!(n(Normalization::Max, Kind::Cost), vec![1.0, 0.5, 0.25]);
        assert_eq!(
            n(Normalization::Minmax, Kind::Benefit),
            vec![0.0, 2.0 / 6.0, 1.0]
        );
        assert_eq!(
            n(Normalization::Minmax, Kind::Cost),
            vec![1.0, 4.0 / 6.0, 0.0]
        );
        assert_eq!(
            n(Normalization::Sum, Kind::Benefit),
            vec![2.0 / 14.0, 4.0 / 14.0, 8.0 / 14.0]
        );
        let cost = n(Normalization::Sum, Kind::Cost);
        assert!(close(cost[0], 4.0 / 7.0, 1e-12) && close(cost.iter().sum(), 1.0, 1e-12));
    }

    #[test]
    fn minmax_of_equal_scores_is_one() {
        let out = normalize_column(&[3.0, 3.0], Kind::Cost, Normalization::Minmax, "x").unwrap();
        assert_eq!(out, vec![1.0, 1.0]);
    }

    #[test]
    fn dividing_normalizations_refuse_non_positive_costs() {
        let err =
            normalize_column(&[0.0, 3.0], Kind::Cost, Normalization::Max, "rent").unwrap_err();
        assert!(
            err.to_string().contains("\"rent\" needs scores above 0"),
            "{err}"
        );
        assert!(normalize_column(&[0.0, 3.0], Kind::Benefit, Normalization::Max, "x").is_ok());
    }

    #[test]
    fn kt_mirrors_cost_scores() {
        let v = kt_values(&[vec![2.0, 9.0]], &[Kind::Cost]);
        assert_eq!(v, vec![vec![9.0, 2.0]]);
    }
}
