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

/// Per-lane running sums inside a block: vector adds with no serial dependency; reduced once,
/// in a fixed order, when the block ends.
struct LaneSums {
    central: Vec<[f64; LANES]>,
    weights: Vec<[f64; LANES]>,
}

impl LaneSums {
    fn new(m: usize, n: usize) -> Self {
        LaneSums {
            central: vec![[0.0; LANES]; m * n],
            weights: vec![[0.0; LANES]; n],
        }
    }

    fn reduce_into(&self, tally: &mut Tally) {
        let pairs = [
            (&mut tally.central_sums, &self.central),
            (&mut tally.weight_sums, &self.weights),
        ];
        for (sums, lanes) in pairs {
            for (sum, lane) in sums.iter_mut().zip(lanes) {
                *sum += lane.iter().sum::<f64>();
            }
        }
    }
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

/// Samples are processed in chunks laid out lane by lane (structure of arrays), so that the
/// sorting network, the scores and the ranks run across samples and vectorise.
const LANES: usize = 64;

// Compiled also for AVX-512 and AVX2 and chosen at run time: twice the lanes per instruction.
// Rust never fuses a multiply and an add on its own, so every version gives the same bits.
#[multiversion::multiversion(targets("x86_64+avx512f+avx512vl+avx512dq", "x86_64+avx2"))]
fn run_block(values: &Matrix, count: u64, seed: u64, ranking: &[usize]) -> Tally {
    let (m, n) = (values.rows, values.cols);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut tally = Tally::new(m, n);
    // cuts[c][lane], weights[j][lane], scores[i][lane], ranks[i][lane]
    let mut cuts = vec![[0.0f64; LANES]; n.saturating_sub(1)];
    let mut weights = vec![[0.0f64; LANES]; n];
    let mut scores = vec![[0.0f64; LANES]; m];
    let mut ranks = vec![[0u32; LANES]; m];
    let mut ranked = vec![[0.0f64; LANES]; ranking.len()];
    let mut lane_sums = LaneSums::new(m, n);
    let mut done = 0;
    while done < count {
        let len = LANES.min((count - done) as usize);
        draw_chunk(&mut rng, len, &mut cuts, &mut weights);
        if !ranking.is_empty() {
            // Sorting the ranked criteria's weights in decreasing order maps the simplex onto
            // the region that respects the ranking, each of the k! pieces with equal measure,
            // so the result stays uniform on that region.
            for (row, &j) in ranked.iter_mut().zip(ranking) {
                *row = weights[j];
            }
            sort_network(&mut ranked);
            for (row, &j) in ranked.iter().rev().zip(ranking) {
                weights[j] = *row;
            }
        }
        score_chunk(values, &weights, &mut scores);
        rank_chunk(&scores, &mut ranks);
        tally_chunk(&mut tally, &mut lane_sums, len, &weights, &ranks);
        done += len as u64;
    }
    lane_sums.reduce_into(&mut tally);
    tally
}

/// Uniform on the simplex: the gaps between n-1 sorted uniform cuts of [0, 1].
#[inline(always)]
fn draw_chunk(
    rng: &mut Xoshiro256PlusPlus,
    len: usize,
    cuts: &mut [[f64; LANES]],
    weights: &mut [[f64; LANES]],
) {
    let n = weights.len();
    if n == 1 {
        weights[0] = [1.0; LANES];
        return;
    }
    for lane in 0..len {
        for row in cuts.iter_mut() {
            // 52 random bits as the mantissa of a float in [1, 2), minus 1: uniform on [0, 1)
            // without an integer-to-float conversion.
            row[lane] = f64::from_bits((rng.next_u64() >> 12) | 0x3FF0_0000_0000_0000) - 1.0;
        }
    }
    sort_network(cuts);
    weights[0] = cuts[0];
    for j in 1..n - 1 {
        for lane in 0..LANES {
            weights[j][lane] = cuts[j][lane] - cuts[j - 1][lane];
        }
    }
    for lane in 0..LANES {
        weights[n - 1][lane] = 1.0 - cuts[n - 2][lane];
    }
}

/// Odd-even transposition sort of each lane, ascending by row: k rounds of branch-free
/// compare-exchanges sort k rows.
#[inline(always)]
fn sort_network(rows: &mut [[f64; LANES]]) {
    let k = rows.len();
    for round in 0..k {
        let mut c = round % 2;
        while c + 1 < k {
            let (head, tail) = rows.split_at_mut(c + 1);
            let (a, b) = (&mut head[c], &mut tail[0]);
            let (x, y) = (*a, *b);
            // Uniform draws are never NaN, so min and max are exact compare-exchanges; on whole
            // rows they compile to vector instructions rather than a branch per lane.
            for lane in 0..LANES {
                a[lane] = x[lane].min(y[lane]);
                b[lane] = x[lane].max(y[lane]);
            }
            c += 2;
        }
    }
}

#[inline(always)]
fn score_chunk(values: &Matrix, weights: &[[f64; LANES]], scores: &mut [[f64; LANES]]) {
    for (i, row) in scores.iter_mut().enumerate() {
        *row = [0.0; LANES];
        for (v, w) in values.row(i).iter().zip(weights) {
            for lane in 0..LANES {
                row[lane] += v * w[lane];
            }
        }
    }
}

/// Competition ranking, 0-based: the number of options strictly better; ties share the rank.
#[inline(always)]
fn rank_chunk(scores: &[[f64; LANES]], ranks: &mut [[u32; LANES]]) {
    for (i, rank) in ranks.iter_mut().enumerate() {
        *rank = [0; LANES];
        for other in scores {
            for lane in 0..LANES {
                rank[lane] += u32::from(other[lane] > scores[i][lane]);
            }
        }
    }
}

#[inline(always)]
fn tally_chunk(
    tally: &mut Tally,
    sums: &mut LaneSums,
    len: usize,
    weights: &[[f64; LANES]],
    ranks: &[[u32; LANES]],
) {
    let (m, n) = (ranks.len(), weights.len());
    // Lanes past `len` hold stale draws: mask them out of every sum.
    let live: [f64; LANES] = std::array::from_fn(|lane| f64::from(u8::from(lane < len)));
    for (i, rank) in ranks.iter().enumerate() {
        let mut firsts = 0;
        for &r in &rank[..len] {
            tally.ranks[i * m + r as usize] += 1;
            firsts += u64::from(r == 0);
        }
        tally.firsts[i] += firsts;
        if firsts == 0 {
            continue;
        }
        let first: [f64; LANES] =
            std::array::from_fn(|lane| live[lane] * f64::from(u8::from(rank[lane] == 0)));
        for (j, w) in weights.iter().enumerate() {
            let acc = &mut sums.central[i * n + j];
            for lane in 0..LANES {
                acc[lane] += w[lane] * first[lane];
            }
        }
    }
    for (acc, w) in sums.weights.iter_mut().zip(weights) {
        for lane in 0..LANES {
            acc[lane] += w[lane] * live[lane];
        }
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
    fn weights_are_on_the_simplex_and_cuts_sorted() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(9);
        let (mut cuts, mut w) = (vec![[0.0; LANES]; 4], vec![[0.0; LANES]; 5]);
        for _ in 0..50 {
            draw_chunk(&mut rng, LANES, &mut cuts, &mut w);
            for lane in 0..LANES {
                assert!((0..3).all(|c| cuts[c][lane] <= cuts[c + 1][lane]));
                assert!(w.iter().all(|row| row[lane] >= 0.0));
                assert!((w.iter().map(|row| row[lane]).sum::<f64>() - 1.0).abs() < 1e-12);
            }
        }
    }
}
