//! The Analytic Hierarchy Process: priorities from pairwise judgements by the principal right
//! eigenvector, and Saaty's consistency ratio.

use serde::Serialize;

use super::document::Judgement;
use super::error::DocumentError;

/// Saaty's (1980) random index for n = 0..=10. CR = 0 for n <= 2 (those matrices are always
/// consistent).
const RANDOM_INDEX: [f64; 11] = [
    0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49,
];

/// Above this consistency ratio the judgements should be revisited (Saaty).
pub const CR_LIMIT: f64 = 0.10;

/// Reciprocals written as decimals ("0.33" for 1/3) are accepted within this relative slack.
const RECIPROCAL_TOLERANCE: f64 = 0.02;

/// Whether a judgement lies on Saaty's scale 1/9..9, with the same relative slack as the
/// reciprocity check: `0.111111` (1/9 to six decimals) is on it as `0.33` is 1/3.
pub fn on_saaty_scale(value: f64) -> bool {
    let low = 1.0 / 9.0 * (1.0 - RECIPROCAL_TOLERANCE);
    let high = 9.0 * (1.0 + RECIPROCAL_TOLERANCE);
    (low..=high).contains(&value)
}

/// A positive reciprocal matrix of judgements, with labels for its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct PairwiseMatrix {
    labels: Vec<String>,
    values: Vec<f64>,
}

impl PairwiseMatrix {
    /// Checks shape, range (1/9..9), unit diagonal and reciprocity, naming the cell at fault.
    pub fn from_judgements(
        path: &str,
        rows: &[Vec<Judgement>],
        labels: &[&str],
    ) -> Result<Self, DocumentError> {
        let n = labels.len();
        if rows.len() != n {
            return Err(DocumentError::invalid(
                path,
                format!(
                    "the matrix has {} rows but compares {n} items ({}); it must be {n} x {n}",
                    rows.len(),
                    labels.join(", ")
                ),
            ));
        }
        let mut values = vec![0.0; n * n];
        for (i, row) in rows.iter().enumerate() {
            if row.len() != n {
                return Err(DocumentError::invalid(
                    format!("{path}[{i}]"),
                    format!(
                        "row {i} has {} entries; a {n} x {n} matrix needs {n}",
                        row.len()
                    ),
                ));
            }
            for (j, judgement) in row.iter().enumerate() {
                let cell = format!("{path}[{i}][{j}]");
                let value = judgement
                    .value()
                    .map_err(|why| DocumentError::invalid(&cell, why))?;
                if !on_saaty_scale(value) {
                    return Err(DocumentError::invalid(
                        cell,
                        format!("judgement {value} is outside Saaty's scale 1/9..9"),
                    ));
                }
                if i == j && (value - 1.0).abs() > 1e-9 {
                    return Err(DocumentError::invalid(
                        cell,
                        format!("an item compared with itself is 1, not {value}"),
                    ));
                }
                // Within the slack of the scale's ends, the end itself.
                values[i * n + j] = value.clamp(1.0 / 9.0, 9.0);
            }
        }
        for i in 0..n {
            for j in i + 1..n {
                let (a, b) = (values[i * n + j], values[j * n + i]);
                if (a * b - 1.0).abs() > RECIPROCAL_TOLERANCE {
                    return Err(DocumentError::invalid(
                        format!("{path}[{j}][{i}]"),
                        format!(
                            "the matrix is not reciprocal: [{i}][{j}] is {} so [{j}][{i}] must be {}, \
                             not {}",
                            format_judgement(a),
                            format_judgement(1.0 / a),
                            format_judgement(b)
                        ),
                    ));
                }
                // The upper triangle is what the person wrote; make the lower exact.
                values[j * n + i] = 1.0 / a;
            }
        }
        Ok(PairwiseMatrix {
            labels: labels.iter().map(|l| l.to_string()).collect(),
            values,
        })
    }

    /// The sub-matrix of the given rows and columns (an exact reciprocal matrix again).
    pub fn restricted(&self, keep: &[usize]) -> PairwiseMatrix {
        let labels = keep.iter().map(|&i| self.labels[i].clone()).collect();
        let values = keep.iter().flat_map(|&i| keep.iter().map(move |&j| (i, j)));
        let values = values.map(|(i, j)| self.at(i, j)).collect();
        PairwiseMatrix { labels, values }
    }

    pub fn size(&self) -> usize {
        self.labels.len()
    }

    fn at(&self, i: usize, j: usize) -> f64 {
        self.values[i * self.size() + j]
    }

    /// Principal right eigenvector (normalised to sum 1) and its eigenvalue, by power iteration,
    /// which converges for positive matrices (Perron-Frobenius).
    pub fn principal_eigen(&self) -> (Vec<f64>, f64) {
        let n = self.size();
        let mut w = vec![1.0 / n as f64; n];
        let mut next = vec![0.0; n];
        for _ in 0..10_000 {
            for (i, slot) in next.iter_mut().enumerate() {
                *slot = (0..n).map(|j| self.at(i, j) * w[j]).sum();
            }
            let total: f64 = next.iter().sum();
            next.iter_mut().for_each(|x| *x /= total);
            let change = w
                .iter()
                .zip(&next)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            std::mem::swap(&mut w, &mut next);
            if change < 1e-15 {
                break;
            }
        }
        let lambda_max = (0..n)
            .map(|i| (0..n).map(|j| self.at(i, j) * w[j]).sum::<f64>() / w[i])
            .sum::<f64>()
            / n as f64;
        (w, lambda_max)
    }

    /// Priorities and their consistency.
    pub fn analyse(&self) -> (Vec<f64>, Consistency) {
        let (w, lambda_max) = self.principal_eigen();
        let n = self.size();
        let ci = if n > 1 {
            ((lambda_max - n as f64) / (n as f64 - 1.0)).max(0.0)
        } else {
            0.0
        };
        let ri = RANDOM_INDEX.get(n).copied();
        let cr = match ri {
            Some(ri) if ri > 0.0 => Some(ci / ri),
            Some(_) => Some(0.0),
            None => None,
        };
        let consistent = cr.map(|cr| cr <= CR_LIMIT);
        let most_inconsistent =
            (cr.is_some_and(|cr| cr > CR_LIMIT)).then(|| self.most_inconsistent(&w));
        let consistency = Consistency {
            lambda_max,
            ci,
            cr,
            ri,
            consistent,
            most_inconsistent,
        };
        (w, consistency)
    }

    /// The judgement furthest from what the priorities imply: max |ln(a_ij * w_j / w_i)|.
    fn most_inconsistent(&self, w: &[f64]) -> Judgment {
        let n = self.size();
        let mut worst = (0, 1, 0.0);
        for i in 0..n {
            for j in i + 1..n {
                let error = (self.at(i, j) * w[j] / w[i]).ln().abs();
                if error > worst.2 {
                    worst = (i, j, error);
                }
            }
        }
        let (i, j, _) = worst;
        let implied = w[i] / w[j];
        Judgment {
            row: self.labels[i].clone(),
            column: self.labels[j].clone(),
            given: format_judgement(self.at(i, j)),
            implied,
            suggested: format_judgement(nearest_on_scale(implied)),
        }
    }
}

/// What the judgements given so far say, before every pair is judged.
#[derive(Debug, Clone, PartialEq)]
pub struct SoFar {
    /// The items the judgements connect (indices into the labels, in their order): the largest
    /// group in which every item is judged against another, directly or through others.
    pub compared: Vec<usize>,
    /// Their weights, summing to 1, in the order of `compared`.
    pub weights: Vec<f64>,
    /// Their consistency, once the judgements close a loop (three items or more, one of them
    /// judged two ways); `None` until then, when nothing can contradict anything.
    pub consistency: Option<Consistency>,
}

/// Weights and consistency from an incomplete set of judgements `(i, j, a_ij)` over `labels`,
/// by Harker's method (1987) on the largest group the judgements connect: each missing a_ij
/// counts as w_i / w_j, so the weights are the principal eigenvector of the matrix with the
/// missing cells 0 and each diagonal 1 plus its row's missing cells. The matrix so completed
/// has the same eigenvalue, so its consistency ratio (Saaty's random index for its size) weighs
/// only what was said. `None` without a judgement. A pair judged twice keeps the later one.
pub fn so_far(labels: &[&str], judgements: &[(usize, usize, f64)]) -> Option<SoFar> {
    let n = labels.len();
    let mut known: Vec<Option<f64>> = vec![None; n * n];
    for &(i, j, value) in judgements
        .iter()
        .filter(|(i, j, _)| i != j && *i < n && *j < n)
    {
        let value = value.clamp(1.0 / 9.0, 9.0);
        known[i * n + j] = Some(value);
        known[j * n + i] = Some(1.0 / value);
    }
    let compared = largest_group(n, &known)?;
    let k = compared.len();
    let cell = |a: usize, b: usize| known[compared[a] * n + compared[b]];
    let missing = |a: usize| (0..k).filter(|&b| b != a && cell(a, b).is_none()).count();
    // Harker's matrix, its principal eigenvector by power iteration (it is irreducible, the group
    // being connected, with a positive diagonal: primitive, so the iteration converges).
    let harker: Vec<f64> = (0..k * k)
        .map(|at| match (at / k, at % k) {
            (a, b) if a == b => 1.0 + missing(a) as f64,
            (a, b) => cell(a, b).unwrap_or(0.0),
        })
        .collect();
    let named: Vec<String> = compared.iter().map(|&i| labels[i].to_string()).collect();
    let w = PairwiseMatrix {
        labels: named.clone(),
        values: harker,
    }
    .principal_eigen()
    .0;
    let completed = PairwiseMatrix {
        labels: named,
        values: (0..k * k)
            .map(|at| {
                let (a, b) = (at / k, at % k);
                cell(a, b).unwrap_or(if a == b { 1.0 } else { w[a] / w[b] })
            })
            .collect(),
    };
    let (weights, consistency) = completed.analyse();
    let said = (0..k)
        .flat_map(|a| (a + 1..k).map(move |b| (a, b)))
        .filter(|&(a, b)| cell(a, b).is_some())
        .count();
    // A connected group of k items with k judgements or more has a loop.
    let looped = k >= 3 && said >= k;
    Some(SoFar {
        compared,
        weights,
        consistency: looped.then_some(consistency),
    })
}

/// The largest group of items the known cells connect (the first such, by its lowest item), in
/// order; `None` when no two items are.
fn largest_group(n: usize, known: &[Option<f64>]) -> Option<Vec<usize>> {
    let mut group = vec![usize::MAX; n];
    let mut best: Vec<usize> = Vec::new();
    for start in 0..n {
        if group[start] != usize::MAX {
            continue;
        }
        group[start] = start;
        let (mut members, mut next) = (vec![start], vec![start]);
        while let Some(i) = next.pop() {
            for j in 0..n {
                if known[i * n + j].is_some() && group[j] == usize::MAX {
                    group[j] = start;
                    members.push(j);
                    next.push(j);
                }
            }
        }
        if members.len() > best.len() {
            members.sort_unstable();
            best = members;
        }
    }
    (best.len() >= 2).then_some(best)
}

/// How consistent a set of judgements is (DESIGN 5.2 field names).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consistency {
    pub lambda_max: f64,
    pub ci: f64,
    /// `None` beyond n = 10, where Saaty's 1980 table has no random index.
    pub cr: Option<f64>,
    pub ri: Option<f64>,
    pub consistent: Option<bool>,
    /// Present when CR > 0.10: the judgement to revisit first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub most_inconsistent: Option<Judgment>,
}

/// One judgement to revisit: row compared with column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judgment {
    pub row: String,
    pub column: String,
    pub given: String,
    /// w_row / w_col from the priorities as they stand.
    pub implied: f64,
    /// The nearest value on Saaty's 1/9..9 scale to the implied ratio.
    pub suggested: String,
}

fn nearest_on_scale(ratio: f64) -> f64 {
    let ratio = ratio.clamp(1.0 / 9.0, 9.0);
    if ratio >= 1.0 {
        ratio.round()
    } else {
        1.0 / (1.0 / ratio).round()
    }
}

/// Writes 3 as "3" and 0.333.. as "1/3".
pub fn format_judgement(value: f64) -> String {
    if value >= 1.0 - 1e-9 {
        super::format_number(value)
    } else {
        let inverse = 1.0 / value;
        if (inverse - inverse.round()).abs() < 1e-6 {
            format!("1/{}", inverse.round())
        } else {
            super::format_number(value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(rows: &[&[f64]]) -> PairwiseMatrix {
        let rows: Vec<Vec<Judgement>> = rows
            .iter()
            .map(|r| r.iter().map(|&v| Judgement::Number(v)).collect())
            .collect();
        let labels: Vec<String> = (0..rows.len()).map(|i| format!("c{i}")).collect();
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        PairwiseMatrix::from_judgements("m", &rows, &labels).unwrap()
    }

    /// Saaty, "A scaling method for priorities in hierarchical structures", J. Math. Psychology
    /// 15 (1977), the relative brightness of four chairs: eigenvector (0.61, 0.24, 0.10, 0.05),
    /// lambda_max = 4.39.
    #[test]
    fn saaty_1977_brightness_of_chairs() {
        let m = matrix(&[
            &[1.0, 5.0, 6.0, 7.0],
            &[1.0 / 5.0, 1.0, 4.0, 6.0],
            &[1.0 / 6.0, 1.0 / 4.0, 1.0, 4.0],
            &[1.0 / 7.0, 1.0 / 6.0, 1.0 / 4.0, 1.0],
        ]);
        let (w, c) = m.analyse();
        // Saaty prints two decimals (0.619 appears as 0.61, 0.045 as 0.05), hence 0.01.
        let published = [0.61, 0.24, 0.10, 0.05];
        for (got, want) in w.iter().zip(published) {
            assert!((got - want).abs() < 0.01, "{w:?}");
        }
        assert!((c.lambda_max - 4.39).abs() < 0.01, "{}", c.lambda_max);
        assert_eq!(c.ri, Some(0.90));
    }

    /// Saaty (1977, 1980), relative wealth of nations (US, USSR, China, France, UK, Japan,
    /// W. Germany): eigenvector (0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094),
    /// lambda_max = 7.61.
    #[test]
    fn saaty_wealth_of_nations() {
        let t = |x: f64| 1.0 / x;
        let m = matrix(&[
            &[1.0, 4.0, 9.0, 6.0, 6.0, 5.0, 5.0],
            &[t(4.0), 1.0, 7.0, 5.0, 5.0, 3.0, 4.0],
            &[t(9.0), t(7.0), 1.0, t(5.0), t(5.0), t(7.0), t(5.0)],
            &[t(6.0), t(5.0), 5.0, 1.0, 1.0, t(3.0), t(3.0)],
            &[t(6.0), t(5.0), 5.0, 1.0, 1.0, t(3.0), t(3.0)],
            &[t(5.0), t(3.0), 7.0, 3.0, 3.0, 1.0, 2.0],
            &[t(5.0), t(4.0), 5.0, 3.0, 3.0, t(2.0), 1.0],
        ]);
        let (w, c) = m.analyse();
        let published = [0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094];
        for (got, want) in w.iter().zip(published) {
            assert!((got - want).abs() < 0.0015, "{w:?}");
        }
        assert!((c.lambda_max - 7.61).abs() < 0.01, "{}", c.lambda_max);
    }

    /// Saaty's chairs (1977), every pair given one at a time: once whole, the weights and the
    /// consistency are those of the full matrix (lambda_max 4.39, so CR = 0.39 / 3 / 0.90 = 0.14).
    #[test]
    fn saaty_chairs_judged_pair_by_pair() {
        let rows: [[f64; 4]; 4] = [
            [1.0, 5.0, 6.0, 7.0],
            [1.0 / 5.0, 1.0, 4.0, 6.0],
            [1.0 / 6.0, 1.0 / 4.0, 1.0, 4.0],
            [1.0 / 7.0, 1.0 / 6.0, 1.0 / 4.0, 1.0],
        ];
        let labels = ["c0", "c1", "c2", "c3"];
        let pairs: Vec<(usize, usize, f64)> = (0..4)
            .flat_map(|i| (i + 1..4).map(move |j| (i, j)))
            .map(|(i, j)| (i, j, rows[i][j]))
            .collect();
        assert_eq!(so_far(&labels, &[]), None);
        // c0 against c1, then c2: a star, no loop, the weights exactly as said.
        let star = so_far(&labels, &pairs[..2]).unwrap();
        assert_eq!(star.compared, [0, 1, 2]);
        assert!((star.weights[0] / star.weights[1] - 5.0).abs() < 1e-9);
        assert!((star.weights[0] / star.weights[2] - 6.0).abs() < 1e-9);
        assert_eq!(star.consistency, None, "nothing to contradict yet");
        // Five of six: a loop, so a consistency ratio, the missing pair filled from the rest.
        let five = so_far(&labels, &pairs[..5]).unwrap();
        assert_eq!(five.compared, [0, 1, 2, 3]);
        assert!(five.consistency.unwrap().cr.is_some());
        let whole = so_far(&labels, &pairs).unwrap();
        let (w, c) = matrix(&rows.iter().map(|r| &r[..]).collect::<Vec<_>>()).analyse();
        for (got, want) in whole.weights.iter().zip(&w) {
            assert!((got - want).abs() < 1e-9, "{:?}", whole.weights);
        }
        let cr = whole.consistency.unwrap().cr.unwrap();
        assert!((cr - c.cr.unwrap()).abs() < 1e-9);
        assert!((cr - 0.39 / 3.0 / 0.90).abs() < 0.005, "{cr}");
    }

    #[test]
    fn a_pair_missing_from_consistent_judgements_is_inferred_exactly() {
        // w = (8, 4, 2, 1): c0 against c3 not judged.
        let labels = ["c0", "c1", "c2", "c3"];
        let said = [
            (0, 1, 2.0),
            (0, 2, 4.0),
            (1, 2, 2.0),
            (1, 3, 4.0),
            (2, 3, 2.0),
        ];
        let got = so_far(&labels, &said).unwrap();
        for (w, want) in got.weights.iter().zip([8.0, 4.0, 2.0, 1.0]) {
            assert!((w - want / 15.0).abs() < 1e-9, "{:?}", got.weights);
        }
        let c = got.consistency.unwrap();
        assert!(c.cr.unwrap() < 1e-9 && c.most_inconsistent.is_none());
    }

    #[test]
    fn a_loop_that_contradicts_itself_names_a_judgement_said() {
        // c0 over c1, c1 over c2, yet c2 strongly over c0; c3 not judged yet.
        let labels = ["c0", "c1", "c2", "c3"];
        let got = so_far(&labels, &[(0, 1, 3.0), (1, 2, 3.0), (0, 2, 1.0 / 5.0)]).unwrap();
        assert_eq!(got.compared, [0, 1, 2]);
        let c = got.consistency.unwrap();
        assert!(c.cr.unwrap() > CR_LIMIT);
        let worst = c.most_inconsistent.unwrap();
        assert!(
            worst.row.starts_with('c') && worst.given != "1",
            "{worst:?}"
        );
    }

    #[test]
    fn the_largest_connected_group_is_weighed() {
        let labels = ["a", "b", "c", "d", "e"];
        let got = so_far(&labels, &[(0, 1, 3.0), (2, 3, 2.0), (3, 4, 2.0)]).unwrap();
        assert_eq!(got.compared, [2, 3, 4]);
        assert!((got.weights[0] - 4.0 / 7.0).abs() < 1e-9);
    }

    #[test]
    fn a_consistent_matrix_has_lambda_n_and_cr_zero() {
        // w = (4, 2, 1) / 7: a_ij = w_i / w_j exactly.
        let m = matrix(&[&[1.0, 2.0, 4.0], &[0.5, 1.0, 2.0], &[0.25, 0.5, 1.0]]);
        let (w, c) = m.analyse();
        assert!((w[0] - 4.0 / 7.0).abs() < 1e-12);
        assert!((c.lambda_max - 3.0).abs() < 1e-12);
        assert!(c.cr.unwrap() < 1e-12);
        assert_eq!(c.consistent, Some(true));
        assert!(c.most_inconsistent.is_none());
    }

    #[test]
    fn an_intransitive_matrix_names_the_worst_judgement() {
        // Consistent with w = (8, 4, 2, 1) but for one judgement: c0 vs c3 written as 1/8, not
        // 8. (With three items every judgement is equally off, so it takes four to single one out.)
        let m = matrix(&[
            &[1.0, 2.0, 4.0, 1.0 / 8.0],
            &[0.5, 1.0, 2.0, 4.0],
            &[0.25, 0.5, 1.0, 2.0],
            &[8.0, 0.25, 0.5, 1.0],
        ]);
        let (_, c) = m.analyse();
        assert!(c.cr.unwrap() > CR_LIMIT);
        assert_eq!(c.consistent, Some(false));
        let worst = c.most_inconsistent.unwrap();
        assert_eq!((worst.row.as_str(), worst.column.as_str()), ("c0", "c3"));
        assert_eq!(worst.given, "1/8");
    }

    #[test]
    fn two_by_two_is_always_consistent() {
        let (w, c) = matrix(&[&[1.0, 3.0], &[1.0 / 3.0, 1.0]]).analyse();
        assert!((w[0] - 0.75).abs() < 1e-12);
        assert_eq!((c.cr, c.ri), (Some(0.0), Some(0.0)));
    }

    fn judgements(rows: &[&[&str]]) -> Vec<Vec<Judgement>> {
        rows.iter()
            .map(|r| r.iter().map(|v| Judgement::Text(v.to_string())).collect())
            .collect()
    }

    #[test]
    fn bad_matrices_name_the_cell() {
        let labels = ["a", "b"];
        let err = |rows: &[&[&str]]| {
            PairwiseMatrix::from_judgements("m", &judgements(rows), &labels)
                .unwrap_err()
                .to_string()
        };
        assert!(
            err(&[&["1", "3"], &["1/2", "1"]]).starts_with("m[1][0]: the matrix is not reciprocal")
        );
        assert!(err(&[&["1", "12"], &["1/12", "1"]]).contains("outside Saaty's scale"));
        assert!(err(&[&["1", "3", "1"], &["1/3", "1"]]).starts_with("m[0]: row 0 has 3 entries"));
        assert!(err(&[&["1", "3"]]).contains("has 1 rows but compares 2 items"));
        assert!(err(&[&["2", "3"], &["1/3", "1"]]).starts_with("m[0][0]"));
        // 0.33 for 1/3 is close enough.
        assert!(
            PairwiseMatrix::from_judgements(
                "m",
                &judgements(&[&["1", "3"], &["0.33", "1"]]),
                &labels
            )
            .is_ok()
        );
    }

    #[test]
    fn six_decimals_of_a_ninth_are_on_the_scale() {
        let labels = ["a", "b"];
        let rows = judgements(&[&["1", "9"], &["0.111111", "1"]]);
        assert!(PairwiseMatrix::from_judgements("m", &rows, &labels).is_ok());
        let rows = judgements(&[&["1", "0.111111"], &["9", "1"]]);
        let m = PairwiseMatrix::from_judgements("m", &rows, &labels).unwrap();
        assert!((m.principal_eigen().0[1] - 0.9).abs() < 1e-9);
        assert!(on_saaty_scale(0.111111) && on_saaty_scale(9.0));
        assert!(!on_saaty_scale(0.1) && !on_saaty_scale(10.0));
    }

    #[test]
    fn judgements_print_as_fractions() {
        assert_eq!(format_judgement(1.0 / 3.0), "1/3");
        assert_eq!(format_judgement(5.0), "5");
        assert_eq!(nearest_on_scale(0.3), 1.0 / 3.0);
        assert_eq!(nearest_on_scale(20.0), 9.0);
    }
}
