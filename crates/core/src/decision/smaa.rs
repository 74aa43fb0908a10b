//! SMAA-2 (Lahdelma and Salminen, "SMAA-2: Stochastic multicriteria acceptability analysis for
//! group decision making", Operations Research 49(3), 2001) for weights nobody can state exactly.
//!
//! Weights are drawn uniformly from the simplex (or from the part of it that respects a ranking
//! of the criteria); each draw ranks the options by their additive value. The run is split into
//! fixed blocks, each with its own generator seeded from (seed, block), and the blocks' tallies are
//! summed in block order, so the result depends on the seed alone, never on the thread count.

use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{RngCore, SeedableRng};
use rayon::prelude::*;

use super::scoring::Matrix;

const BLOCK: u64 = 16_384;

#[derive(Debug, Clone, PartialEq)]
pub struct SmaaOutcome {
    pub samples: u64,
    /// `rank_acceptability[i][r]`: share of draws in which option i had rank r + 1.
    pub rank_acceptability: Vec<Vec<f64>>,
    /// Mean weights of the draws that made option i first; `None` if it never was.
    pub central_weights: Vec<Option<Vec<f64>>>,
    /// Share of draws ranking option i first when weighted by its central weights. With exact
    /// scores, as here, that is 1 or 0; `None` where there are no central weights.
    pub confidence: Vec<Option<f64>>,
    /// The mean of all drawn weights: the centre of the weight space searched.
    pub mean_weights: Vec<f64>,
}

struct Tally {
    ranks: Vec<u64>,
    firsts: Vec<u64>,
    central_sums: Vec<f64>,
    weight_sums: Vec<f64>,
}

impl Tally {
    fn new(m: usize, n: usize) -> Self {
        Tally {
            ranks: vec![0; m * m],
            firsts: vec![0; m],
            central_sums: vec![0.0; m * n],
            weight_sums: vec![0.0; n],
        }
    }

    fn add(&mut self, other: &Tally) {
        let pairs = [
            (&mut self.central_sums, &other.central_sums),
            (&mut self.weight_sums, &other.weight_sums),
        ];
        for (mine, theirs) in pairs {
            mine.iter_mut().zip(theirs).for_each(|(a, b)| *a += b);
        }
        self.ranks
            .iter_mut()
            .zip(&other.ranks)
            .for_each(|(a, b)| *a += b);
        self.firsts
            .iter_mut()
            .zip(&other.firsts)
            .for_each(|(a, b)| *a += b);
    }
}

/// Runs SMAA-2 over `values` (options x criteria, 0-1, higher better).
/// `ranking` lists criterion indices from most to least important; unranked criteria are free.
pub fn run(values: &Matrix, samples: u64, seed: u64, ranking: &[usize]) -> SmaaOutcome {
    let (m, n) = (values.rows, values.cols);
    let blocks = samples.div_ceil(BLOCK);
    let tallies: Vec<Tally> = (0..blocks)
        .into_par_iter()
        .map(|block| {
            let count = BLOCK.min(samples - block * BLOCK);
            run_block(values, count, block_seed(seed, block), ranking)
        })
        .collect();
    let mut total = Tally::new(m, n);
    for tally in &tallies {
        total.add(tally);
    }
    summarise(values, samples, &total, ranking)
}

fn summarise(values: &Matrix, samples: u64, total: &Tally, ranking: &[usize]) -> SmaaOutcome {
    let (m, n) = (values.rows, values.cols);
    let share = |count: u64| count as f64 / samples as f64;
    let rank_acceptability = (0..m)
        .map(|i| (0..m).map(|r| share(total.ranks[i * m + r])).collect())
        .collect();
    let central_weights: Vec<Option<Vec<f64>>> = (0..m)
        .map(|i| {
            let firsts = total.firsts[i];
            (firsts > 0).then(|| {
                (0..n)
                    .map(|j| total.central_sums[i * n + j] / firsts as f64)
                    .collect()
            })
        })
        .collect();
    let confidence = central_weights
        .iter()
        .enumerate()
        .map(|(i, w)| {
            w.as_ref()
                .map(|w| if is_first(values, i, w) { 1.0 } else { 0.0 })
        })
        .collect();
    let mean_weights = match n {
        0 => Vec::new(),
        _ if ranking.is_empty() => vec![1.0 / n as f64; n],
        _ => total
            .weight_sums
            .iter()
            .map(|s| s / samples as f64)
            .collect(),
    };
    SmaaOutcome {
        samples,
        rank_acceptability,
        central_weights,
        confidence,
        mean_weights,
    }
}

fn is_first(values: &Matrix, option: usize, weights: &[f64]) -> bool {
    let score = |i: usize| {
        values
            .row(i)
            .iter()
            .zip(weights)
            .map(|(v, w)| v * w)
            .sum::<f64>()
    };
    let mine = score(option);
    (0..values.rows).all(|k| score(k) <= mine)
}

/// SplitMix64 of the seed and block: decorrelated starting states for the block generators.
fn block_seed(seed: u64, block: u64) -> u64 {
    let mut z = seed ^ block.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn run_block(values: &Matrix, count: u64, seed: u64, ranking: &[usize]) -> Tally {
    let (m, n) = (values.rows, values.cols);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut tally = Tally::new(m, n);
    let mut cuts = vec![0.0; n.saturating_sub(1)];
    let mut weights = vec![0.0; n];
    let mut ranked = vec![0.0; ranking.len()];
    let mut scores = vec![0.0; m];
    for _ in 0..count {
        draw_weights(&mut rng, &mut cuts, &mut weights);
        if !ranking.is_empty() {
            order_by_ranking(&mut weights, ranking, &mut ranked);
        }
        for (i, score) in scores.iter_mut().enumerate() {
            *score = values.row(i).iter().zip(&weights).map(|(v, w)| v * w).sum();
        }
        for i in 0..m {
            // Competition ranking: ties share the better rank.
            let rank = scores.iter().filter(|&&s| s > scores[i]).count();
            tally.ranks[i * m + rank] += 1;
            if rank == 0 {
                tally.firsts[i] += 1;
                let sums = &mut tally.central_sums[i * n..(i + 1) * n];
                sums.iter_mut().zip(&weights).for_each(|(s, w)| *s += w);
            }
        }
        tally
            .weight_sums
            .iter_mut()
            .zip(&weights)
            .for_each(|(s, w)| *s += w);
    }
    tally
}

/// Uniform on the simplex: the gaps between n-1 sorted uniform cuts of [0, 1].
fn draw_weights(rng: &mut Xoshiro256PlusPlus, cuts: &mut [f64], weights: &mut [f64]) {
    if weights.len() == 1 {
        weights[0] = 1.0;
        return;
    }
    for cut in cuts.iter_mut() {
        // 53 random bits as a float in [0, 1).
        *cut = (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
    }
    insertion_sort(cuts);
    let mut previous = 0.0;
    for (weight, &cut) in weights.iter_mut().zip(cuts.iter()) {
        *weight = cut - previous;
        previous = cut;
    }
    *weights.last_mut().expect("n >= 2") = 1.0 - previous;
}

/// Small arrays: insertion sort beats the general sort here.
fn insertion_sort(values: &mut [f64]) {
    for i in 1..values.len() {
        let mut j = i;
        while j > 0 && values[j - 1] > values[j] {
            values.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorting the ranked criteria's weights in decreasing order maps the simplex onto the region
/// that respects the ranking, and each of the k! pieces onto it with equal measure, so the
/// result is uniform on that region.
fn order_by_ranking(weights: &mut [f64], ranking: &[usize], buffer: &mut [f64]) {
    for (slot, &j) in buffer.iter_mut().zip(ranking) {
        *slot = weights[j];
    }
    insertion_sort(buffer);
    for (&value, &j) in buffer.iter().rev().zip(ranking) {
        weights[j] = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(rows: &[&[f64]]) -> Matrix {
        Matrix {
            rows: rows.len(),
            cols: rows[0].len(),
            data: rows.iter().flat_map(|r| r.iter().copied()).collect(),
        }
    }

    /// Two options, each best on one of two criteria: with w1 ~ U(0, 1), each leads half the
    /// time, and the central weights are E[w | w1 > 1/2] = (3/4, 1/4) and its mirror.
    #[test]
    fn analytic_two_by_two() {
        let out = run(&values(&[&[1.0, 0.0], &[0.0, 1.0]]), 200_000, 7, &[]);
        let tol = 0.005;
        assert!((out.rank_acceptability[0][0] - 0.5).abs() < tol);
        assert!((out.rank_acceptability[1][1] - 0.5).abs() < tol);
        let c0 = out.central_weights[0].as_ref().unwrap();
        assert!(
            (c0[0] - 0.75).abs() < tol && (c0[1] - 0.25).abs() < tol,
            "{c0:?}"
        );
        assert_eq!(out.confidence, vec![Some(1.0), Some(1.0)]);
    }

    /// With a ranking, the mean weights are the rank-order centroid weights (Barron and Barrett,
    /// "Decision quality using ranked attribute weights", Management Science 42(11), 1996):
    /// for three criteria (11/18, 5/18, 2/18).
    #[test]
    fn ranked_weights_centre_on_roc() {
        let out = run(&values(&[&[0.2, 0.5, 0.9]]), 300_000, 3, &[0, 1, 2]);
        let roc = [11.0 / 18.0, 5.0 / 18.0, 2.0 / 18.0];
        for (got, want) in out.mean_weights.iter().zip(roc) {
            assert!((got - want).abs() < 0.003, "{:?}", out.mean_weights);
        }
    }

    #[test]
    fn a_ranking_forces_the_weight_order() {
        // Option 0 is best only on the least important criterion, so it leads only while that
        // criterion's weight is at least the others': never, under ranking [1, 0].
        let out = run(&values(&[&[1.0, 0.0], &[0.0, 1.0]]), 10_000, 1, &[1, 0]);
        assert_eq!(out.rank_acceptability[0][0], 0.0);
        assert_eq!(out.rank_acceptability[1][0], 1.0);
        assert_eq!(out.central_weights[0], None);
        assert_eq!(out.confidence[0], None);
    }

    #[test]
    fn the_seed_alone_decides_the_result() {
        let v = values(&[&[0.3, 0.6, 0.1], &[0.5, 0.2, 0.7], &[0.4, 0.4, 0.4]]);
        let a = run(&v, 50_000, 42, &[]);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let b = pool.install(|| run(&v, 50_000, 42, &[]));
        assert_eq!(a, b);
        assert_ne!(a, run(&v, 50_000, 43, &[]));
    }

    #[test]
    fn weights_are_on_the_simplex() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(9);
        let (mut cuts, mut w) = (vec![0.0; 4], vec![0.0; 5]);
        for _ in 0..1000 {
            draw_weights(&mut rng, &mut cuts, &mut w);
            assert!(w.iter().all(|&x| x >= 0.0));
            assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        }
    }
}
