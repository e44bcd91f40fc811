//! Small-group suppression for everything a council sees.
//!
//! A count from 1 to k−1 could single someone out, so it is suppressed (primary
//! suppression). Zero is shown: it names nobody. A breakdown whose total is
//! published (the options of a question plus "skipped", adding up to the number
//! asked) must never be left with exactly one suppressed cell, or subtraction from
//! the total gives it back; so one more cell, the smallest other one, is suppressed
//! too (complementary suppression). A total below k suppresses its whole breakdown.

/// Suppresses the cells of a breakdown whose `total` (their sum) is published.
/// Returns `None` for every suppressed cell.
pub fn protect_breakdown(cells: &[i64], k: i64) -> Vec<Option<i64>> {
    let total: i64 = cells.iter().sum();
    if total > 0 && total < k {
        return vec![None; cells.len()];
    }
    let mut out = protect_cells(cells, k);
    let hidden = out.iter().filter(|c| c.is_none()).count();
    if hidden == 1 {
        // The smallest other cell, preferring one that is not zero: a zero next to
        // the hidden cell would tell that the hidden count is the difference.
        let pick = cells
            .iter()
            .enumerate()
            .filter(|(i, _)| out[*i].is_some())
            .min_by_key(|(_, n)| (**n == 0, **n))
            .map(|(i, _)| i);
        if let Some(i) = pick {
            out[i] = None;
        }
    }
    out
}

/// Suppresses counts that add up to nothing published (the options of a
/// multiple-choice question): each count from 1 to k−1 on its own.
pub fn protect_cells(cells: &[i64], k: i64) -> Vec<Option<i64>> {
    cells.iter().map(|n| (*n == 0 || *n >= k).then_some(*n)).collect()
}

/// A published total: hidden when it is from 1 to k−1.
pub fn protect_total(total: i64, k: i64) -> Option<i64> {
    (total == 0 || total >= k).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    const K: i64 = 5;

    /// What an attacker recovers by subtracting the shown cells from the total.
    fn recovered(cells: &[i64], shown: &[Option<i64>]) -> Option<i64> {
        let hidden: Vec<usize> = (0..cells.len()).filter(|i| shown[*i].is_none()).collect();
        if hidden.len() != 1 {
            return None;
        }
        let total: i64 = cells.iter().sum();
        Some(total - shown.iter().flatten().sum::<i64>())
    }

    #[test]
    fn cells_of_zero_one_k_minus_one_and_k() {
        assert_eq!(
            protect_cells(&[0, 1, K - 1, K], K),
            vec![Some(0), None, None, Some(K)]
        );
        assert_eq!(protect_total(0, K), Some(0));
        assert_eq!(protect_total(1, K), None);
        assert_eq!(protect_total(K - 1, K), None);
        assert_eq!(protect_total(K, K), Some(K));
    }

    #[test]
    fn no_single_hidden_cell_survives_subtraction_from_the_total() {
        let cases: &[&[i64]] = &[
            &[6, 1, 0],
            &[10, 4, 7],
            &[5, 5, 1],
            &[12, 0, 0, 3],
            &[1, 9],
            &[9, 0, 2, 0],
            &[20, 20, 20, 1],
            &[5, 6, 7],
            &[2, 2],
            &[0, 0, 0],
        ];
        for cells in cases {
            let shown = protect_breakdown(cells, K);
            assert_eq!(recovered(cells, &shown), None, "{cells:?} -> {shown:?}");
            for (n, s) in cells.iter().zip(&shown) {
                if (1..K).contains(n) {
                    assert_eq!(*s, None, "{cells:?}: a small cell shows");
                }
                if let Some(v) = s {
                    assert_eq!(v, n, "shown cells are exact");
                }
            }
        }
        assert_eq!(protect_breakdown(&[6, 1, 0], K), vec![None, None, Some(0)]);
        assert_eq!(
            protect_breakdown(&[5, 6, 7], K),
            vec![Some(5), Some(6), Some(7)],
            "nothing to hide"
        );
        assert_eq!(
            protect_breakdown(&[2, 2], K),
            vec![None, None],
            "a total below k hides all"
        );
    }
}
