//! Competition ranking ("1, 1, 3") with a tolerance for ties.

/// Scores closer than this are a tie (DESIGN 4.2).
pub const TIE_EPSILON: f64 = 1e-9;

/// Ranks scores, higher first. Returns for each position in the strict order (ties broken by
/// input order) the input index and its competition rank.
pub fn competition_rank(scores: &[f64]) -> Vec<(usize, usize)> {
    let keys: Vec<[f64; 1]> = scores.iter().map(|&s| [s]).collect();
    competition_rank_by_keys(&keys)
}

/// Ranks by keys compared lexicographically, higher first; a tie needs every component within
/// the tolerance of the tie group's best member, so a chain of tiny gaps does not stretch one
/// tie across keys that differ by more than the tolerance.
pub fn competition_rank_by_keys<K: AsRef<[f64]>>(keys: &[K]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| {
        let (ka, kb) = (keys[a].as_ref(), keys[b].as_ref());
        let by_key = kb
            .iter()
            .zip(ka)
            .map(|(x, y)| x.total_cmp(y))
            .find(|o| o.is_ne());
        by_key.unwrap_or(std::cmp::Ordering::Equal).then(a.cmp(&b))
    });
    let mut ranked = Vec::with_capacity(order.len());
    let mut group_best: &[f64] = &[];
    let mut group_rank = 0;
    for (position, &index) in order.iter().enumerate() {
        let key = keys[index].as_ref();
        let tied = position > 0
            && group_best
                .iter()
                .zip(key)
                .all(|(best, k)| (best - k).abs() <= TIE_EPSILON);
        if !tied {
            group_best = key;
            group_rank = position + 1;
        }
        ranked.push((index, group_rank));
    }
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_a_rank_and_skip_the_next() {
        let ranked = competition_rank(&[0.5, 0.9, 0.9, 0.1]);
        assert_eq!(ranked, vec![(1, 1), (2, 1), (0, 3), (3, 4)]);
    }

    #[test]
    fn near_ties_within_epsilon_are_ties() {
        let ranked = competition_rank(&[1.0, 1.0 + 1e-12, 0.0]);
        assert_eq!(ranked, vec![(1, 1), (0, 1), (2, 3)]);
    }

    #[test]
    fn keys_rank_lexicographically() {
        let keys = [
            vec![0.5, 0.2],
            vec![0.5, 0.3],
            vec![0.1, 0.9],
            vec![0.5, 0.3],
        ];
        assert_eq!(
            competition_rank_by_keys(&keys),
            vec![(1, 1), (3, 1), (0, 3), (2, 4)]
        );
    }

    #[test]
    fn empty_is_empty() {
        assert!(competition_rank(&[]).is_empty());
    }
}
