//! The disclosure audit: every number published about a round, treated as one
//! linked system, the way statistical offices protect linked tables (CBS's
//! τ-ARGUS, the R package sdcTable).
//!
//! Published numbers are cells; what an attacker knows about how they hang
//! together (options add up to those who answered, a follow-up was asked only of
//! some, nobody answered more often than there are respondents) are linear
//! relations. A count from 1 to k−1 is hidden (primary suppression). Then, for
//! every hidden cell, an integer program finds the smallest and largest value an
//! attacker can still derive from everything shown; while some hidden cell is
//! pinned inside 1..k−1 one more related cell is hidden (complementary
//! suppression), until none is. Cells hidden on the way that later ones made
//! needless are then shown again, the last first. Which cell is hidden next
//! depends only on the cells' kinds and positions and on what is shown, never
//! on a hidden value, so a hidden cell's size cannot be read from the pattern.
//! Last, a hidden cell that what is shown pins to one value is shown after
//! all: it protected nothing.

use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolverModel, WithTimeLimit, microlp, variable,
};

/// How readily a cell is hidden to protect another: lower goes first.
/// Skips say least; totals say most (and carry quotes and percentages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weight {
    /// How many skipped a question.
    Skipped,
    /// A row of a breakdown: an option, a scale point, yes or no.
    Row,
    /// How many finished the round.
    Completed,
    /// How many answered a question, or voted in a poll.
    Answered,
    /// How many took part at all.
    Started,
}

/// One number: published, or only derivable (such as how many did not finish,
/// started minus completed), which must be protected all the same.
#[derive(Debug, Clone, Copy)]
pub struct Cell {
    /// Its true value.
    pub value: i64,
    /// How readily it is hidden to protect another.
    pub weight: Weight,
    /// False for a number that is never published but can be worked out.
    pub published: bool,
    /// The table it belongs to (a question), if any: a small cell is first
    /// protected inside its own table, so one skip does not take the round's
    /// totals, and with them every other table, along.
    pub group: Option<usize>,
}

/// Whether a relation's left side equals its right side or stays at most it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Σ = rhs.
    Eq,
    /// Σ ≤ rhs.
    Le,
}

/// What an attacker knows: Σ coefficient × cell (op) rhs.
#[derive(Debug, Clone)]
pub struct Relation {
    /// (cell index, coefficient).
    pub terms: Vec<(usize, i64)>,
    /// Equality or upper bound.
    pub op: Op,
    /// The constant on the right.
    pub rhs: i64,
}

impl Relation {
    /// Σ parts = total.
    pub fn sum(total: usize, parts: &[usize]) -> Relation {
        let mut terms: Vec<(usize, i64)> = parts.iter().map(|p| (*p, 1)).collect();
        terms.push((total, -1));
        Relation {
            terms,
            op: Op::Eq,
            rhs: 0,
        }
    }

    /// Σ small ≤ Σ large.
    pub fn at_most(small: &[usize], large: &[usize]) -> Relation {
        let mut terms: Vec<(usize, i64)> = small.iter().map(|p| (*p, 1)).collect();
        terms.extend(large.iter().map(|p| (*p, -1)));
        Relation {
            terms,
            op: Op::Le,
            rhs: 0,
        }
    }

    /// Whether the cell appears in this relation.
    fn involves(&self, cell: usize) -> bool {
        self.terms.iter().any(|(c, _)| *c == cell)
    }

    /// Whether the true values satisfy it (a relation that does not would be a bug).
    fn holds(&self, cells: &[Cell]) -> bool {
        let lhs: i64 = self.terms.iter().map(|(c, a)| a * cells[*c].value).sum();
        match self.op {
            Op::Eq => lhs == self.rhs,
            Op::Le => lhs <= self.rhs,
        }
    }
}

/// The range an attacker can derive for one hidden cell; `None` above: unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// Smallest value consistent with everything shown.
    pub low: i64,
    /// Largest, if bounded.
    pub high: Option<i64>,
}

impl Range {
    /// Pinned inside 1..k−1: the attacker learns that a small group exists.
    pub fn singles_out(&self, k: i64) -> bool {
        self.low >= 1 && self.high.is_some_and(|h| h < k)
    }
}

/// Decides which cells to hide: `true` for hidden. Fails safe: if the relations
/// do not hold for the true values, or a program cannot be solved, every
/// nonzero cell is hidden.
pub fn protect(cells: &[Cell], relations: &[Relation], k: i64) -> Vec<bool> {
    let all_nonzero = || cells.iter().map(|c| c.value != 0).collect();
    if relations.iter().any(|r| !r.holds(cells)) {
        tracing::error!("a disclosure relation does not hold; hiding every count");
        return all_nonzero();
    }
    let mut hidden: Vec<bool> = cells
        .iter()
        .map(|c| !c.published || (1..k).contains(&c.value))
        .collect();
    // The cells hidden to protect others, in the order they were.
    let mut complements = Vec::new();
    loop {
        let exposed = match first_exposed(cells, relations, &hidden, k, &vec![true; cells.len()]) {
            Ok(Some(i)) => i,
            Ok(None) => break,
            Err(()) => return all_nonzero(),
        };
        match complement(cells, relations, &hidden, exposed) {
            Some(next) => {
                tracing::debug!(exposed, next, "one more cell hidden to protect another");
                hidden[next] = true;
                complements.push(next);
            }
            None => return all_nonzero(),
        }
    }
    // One at a time, the last first: a cell hidden on the way that turns out not
    // to be needed (a later one protects as well) is shown again. Whether it is
    // needed is decided on what is shown, as every step here.
    for c in complements.into_iter().rev() {
        hidden[c] = false;
        // Showing it can only narrow the ranges of cells linked to it.
        let linked = linked_to(cells.len(), relations, c);
        if matches!(first_exposed(cells, relations, &hidden, k, &linked), Ok(None)) {
            tracing::debug!(cell = c, "a cell hidden on the way is shown again");
        } else {
            hidden[c] = true;
        }
    }
    reveal_derivable(cells, relations, hidden)
}

/// The cells tied to `start` through a chain of relations (itself included).
fn linked_to(n: usize, relations: &[Relation], start: usize) -> Vec<bool> {
    let mut linked = vec![false; n];
    linked[start] = true;
    let mut grew = true;
    while grew {
        grew = false;
        for r in relations {
            if r.terms.iter().any(|(c, _)| linked[*c]) {
                for (c, _) in &r.terms {
                    grew |= !std::mem::replace(&mut linked[*c], true);
                }
            }
        }
    }
    linked
}

/// The first hidden cell among `among` an attacker can pin inside 1..k−1
/// (`Ok(None)`: none); `Err` when a program has no answer.
fn first_exposed(
    cells: &[Cell],
    relations: &[Relation],
    hidden: &[bool],
    k: i64,
    among: &[bool],
) -> Result<Option<usize>, ()> {
    for i in (0..cells.len()).filter(|i| hidden[*i] && among[*i]) {
        match range(cells, relations, hidden, i) {
            Some(r) if !r.singles_out(k) => {}
            Some(_) => return Ok(Some(i)),
            None => return Err(()),
        }
    }
    // The hidden parts of one breakdown together are a group too: 8 of 12
    // "for myself" shown beside two hidden rows says that exactly 4 answered
    // otherwise. Such a group is protected like a cell; the first of its
    // cells stands for it when one more cell must be hidden.
    for r in relations.iter().filter(|r| r.op == Op::Eq) {
        let parts: Vec<usize> = r
            .terms
            .iter()
            .filter(|(c, a)| *a == 1 && hidden[*c] && cells[*c].published)
            .map(|(c, _)| *c)
            .collect();
        if parts.len() < 2 || !parts.iter().any(|c| among[*c]) {
            continue;
        }
        match range_of_sum(cells, relations, hidden, &parts) {
            Some(r) if !r.singles_out(k) => {}
            Some(_) => return Ok(Some(parts[0])),
            None => return Err(()),
        }
    }
    Ok(None)
}

/// Shows again every hidden published cell whose value the shown cells already
/// pin down exactly (started is shown and everyone finished: then so is
/// completed). Hiding such a number protects nothing and reads as a secret to
/// a council member; showing it adds nothing an attacker could not work out,
/// and as it depends only on what is shown, the document still does not depend
/// on a hidden value. Only exact optima count: a program cut short by its time
/// limit keeps its cell hidden.
fn reveal_derivable(cells: &[Cell], relations: &[Relation], mut hidden: Vec<bool>) -> Vec<bool> {
    let pinned: Vec<usize> = (0..cells.len())
        .filter(|i| hidden[*i] && cells[*i].published)
        .filter(|i| {
            let exact = |maximise| match solve(cells, relations, &hidden, &[*i], maximise) {
                Some((Some(v), true)) => Some(v),
                _ => None,
            };
            exact(false).is_some_and(|low| exact(true) == Some(low))
        })
        .collect();
    // The feasible values of every other cell are the same with these shown:
    // each was forced to its value already.
    for i in pinned {
        hidden[i] = false;
    }
    hidden
}

/// The next cell to hide so that `exposed` is protected: a shown cell of the
/// same table (a nonzero one, by weight and position), else one sharing a
/// relation with it (any shown cell if none does), nonzero before zero (a
/// hidden zero protects little), then by weight, then by position.
fn complement(cells: &[Cell], relations: &[Relation], hidden: &[bool], exposed: usize) -> Option<usize> {
    let related = |i: usize| relations.iter().any(|r| r.involves(exposed) && r.involves(i));
    let same_table = |i: usize| cells[exposed].group.is_some() && cells[i].group == cells[exposed].group;
    let pick = |keep: &dyn Fn(usize) -> bool| {
        (0..cells.len())
            .filter(|i| !hidden[*i] && keep(*i))
            .min_by_key(|i| (cells[*i].value == 0, cells[*i].weight, *i))
    };
    pick(&|i| same_table(i) && cells[i].value != 0)
        .or_else(|| pick(&related))
        .or_else(|| pick(&|_| true))
}

/// The range of cell `target` given the shown cells and the relations.
pub fn range(cells: &[Cell], relations: &[Relation], hidden: &[bool], target: usize) -> Option<Range> {
    range_of_sum(cells, relations, hidden, &[target])
}

/// The range of the sum of `targets` (a group made of several cells).
fn range_of_sum(cells: &[Cell], relations: &[Relation], hidden: &[bool], targets: &[usize]) -> Option<Range> {
    let bound = |maximise| solve(cells, relations, hidden, targets, maximise).map(|(v, _)| v);
    let low = bound(false)?;
    let high = bound(true);
    Some(Range {
        low: low?,
        high: high?,
    })
}

/// Minimum or maximum of the sum of `targets` over nonnegative integers that
/// agree with every shown cell and relation, and whether the solver proved it
/// optimal (not cut short). `Some((None, _))`: unbounded; `None`: no answer.
fn solve(
    cells: &[Cell],
    relations: &[Relation],
    hidden: &[bool],
    targets: &[usize],
    maximise: bool,
) -> Option<(Option<i64>, bool)> {
    let mut vars = ProblemVariables::new();
    let x: Vec<_> = cells
        .iter()
        .zip(hidden)
        .map(|(c, h)| {
            let v = variable().integer().min(0);
            // Hidden cells are free, shown ones fixed; a bound far above any real
            // count stands for "unbounded" so the program stays finite.
            let v = if *h {
                v.max(UNBOUNDED)
            } else {
                v.min(c.value as f64).max(c.value as f64)
            };
            vars.add(v)
        })
        .collect();
    let objective: Expression = targets.iter().map(|t| x[*t]).sum();
    let problem = if maximise {
        vars.maximise(objective)
    } else {
        vars.minimise(objective)
    };
    // A time limit keeps a pathological program from stalling a summary; a
    // solution cut short only ever narrows the range found, so more is hidden.
    let mut model = problem.using(microlp).with_time_limit(2.0);
    for r in relations {
        let lhs: Expression = r.terms.iter().map(|(c, a)| (*a as f64) * x[*c]).sum();
        model = match r.op {
            Op::Eq => model.with(lhs.eq(r.rhs as f64)),
            Op::Le => model.with(lhs.leq(r.rhs as f64)),
        };
    }
    match model.solve() {
        Ok(s) => {
            let v: f64 = targets.iter().map(|t| s.value(x[*t])).sum::<f64>().round();
            let optimal = matches!(s.status(), good_lp::solvers::SolutionStatus::Optimal);
            Some(((v < UNBOUNDED - 0.5).then_some(v as i64), optimal))
        }
        Err(ResolutionError::Unbounded) => Some((None, true)),
        Err(_) => None,
    }
}

/// Stands for "no upper bound" in the integer programs.
const UNBOUNDED: f64 = 1.0e9;

#[cfg(test)]
mod tests {
    use super::*;

    const K: i64 = 5;

    fn cells(values: &[(i64, Weight)]) -> Vec<Cell> {
        values
            .iter()
            .map(|(v, w)| Cell {
                group: None,
                value: *v,
                weight: *w,
                published: true,
            })
            .collect()
    }

    /// Every hidden cell's range, for checking.
    fn ranges(c: &[Cell], r: &[Relation], hidden: &[bool]) -> Vec<Option<Range>> {
        (0..c.len())
            .map(|i| hidden[i].then(|| range(c, r, hidden, i).unwrap()))
            .collect()
    }

    #[test]
    fn a_small_cell_beside_a_total_takes_a_neighbour_with_it() {
        use Weight::*;
        // yes, no, answered: yes + no = answered.
        let c = cells(&[(60, Row), (3, Row), (63, Answered)]);
        let r = [Relation::sum(2, &[0, 1])];
        let hidden = protect(&c, &r, K);
        assert_eq!(hidden, vec![true, true, false]);
        let no = range(&c, &r, &hidden, 1).unwrap();
        assert_eq!(
            no,
            Range {
                low: 0,
                high: Some(63)
            }
        );
    }

    #[test]
    fn a_mean_like_relation_pins_a_split_and_is_caught() {
        use Weight::*;
        // Five residents on a 1..2 scale, both points hidden, total shown; a
        // published sum of points (what a mean gives away) pins the split.
        let c = cells(&[(4, Row), (1, Row), (5, Answered)]);
        let mut r = vec![Relation::sum(2, &[0, 1])];
        r.push(Relation {
            terms: vec![(0, 1), (1, 2)],
            op: Op::Eq,
            rhs: 6,
        });
        let hidden = protect(&c, &r, K);
        assert!(
            hidden.iter().all(|h| *h),
            "only hiding the total helps: {hidden:?}"
        );
    }

    #[test]
    fn a_follow_up_asked_count_bounds_its_trigger() {
        use Weight::*;
        // yes, no, answered; the follow-up (asked only on "no") was answered by 3.
        let c = cells(&[(6, Row), (3, Row), (9, Answered), (3, Answered)]);
        let r = [Relation::sum(2, &[0, 1]), Relation::at_most(&[3], &[1])];
        let hidden = protect(&c, &r, K);
        for (i, range) in ranges(&c, &r, &hidden).iter().enumerate() {
            if let Some(range) = range {
                assert!(!range.singles_out(K), "cell {i}: {range:?}");
            }
        }
        assert!(hidden[3], "the follow-up count is small and hidden");
    }

    #[test]
    fn a_hidden_number_the_shown_ones_pin_down_is_shown_after_all() {
        use Weight::*;
        // started, completed, the unfinished (never published); everyone
        // finished, which is known: started = completed. A skip count of 2 on
        // a question everyone reached takes the answered count with it, and
        // that one pulls completed in (its own table has nothing else to hide)
        // although started gives it away.
        let mut c = cells(&[
            (12, Started),
            (12, Completed),
            (0, Row),
            (10, Answered),
            (2, Skipped),
        ]);
        c[2].published = false;
        let r = [
            Relation::sum(0, &[1, 2]),
            Relation::sum(0, &[1]),
            Relation::sum(1, &[3, 4]),
        ];
        let hidden = protect(&c, &r, K);
        assert!(!hidden[1], "completed equals started, which is shown: {hidden:?}");
        assert!(hidden[2], "a number never published stays so");
        assert!(hidden[3] && hidden[4], "answered and skipped protect each other");
        for (i, range) in ranges(&c, &r, &hidden).iter().enumerate() {
            if let Some(range) = range {
                assert!(!range.singles_out(K), "cell {i}: {range:?}");
            }
        }
    }

    #[test]
    fn a_cell_hidden_on_the_way_that_a_later_one_makes_needless_is_shown_again() {
        use Weight::*;
        // started, completed, the unfinished (3, never published), and a skip
        // count that bounds the unfinished. The skip count goes first (lightest)
        // but cannot help: started minus completed still gives the 3. Completed
        // goes next and protects alone; the skip count is shown again.
        let mut c = cells(&[(20, Started), (17, Completed), (3, Row), (9, Skipped)]);
        c[2].published = false;
        let r = [Relation::sum(0, &[1, 2]), Relation::at_most(&[2], &[3])];
        let hidden = protect(&c, &r, K);
        assert_eq!(hidden, vec![false, true, true, false]);
        for (i, range) in ranges(&c, &r, &hidden).iter().enumerate() {
            if let Some(range) = range {
                assert!(!range.singles_out(K), "cell {i}: {range:?}");
            }
        }
    }

    #[test]
    fn the_hidden_rows_of_a_breakdown_together_are_protected_as_a_group() {
        use Weight::*;
        // for myself 8, for someone I care for 3, other 1; answered 12. Both
        // small rows hidden leave each free from 0 to 4, but together exactly
        // 4: "for myself" must go too.
        let c = cells(&[(8, Row), (3, Row), (1, Row), (12, Answered)]);
        let r = [Relation::sum(3, &[0, 1, 2])];
        let hidden = protect(&c, &r, K);
        assert_eq!(hidden, vec![true, true, true, false]);
        // Hidden rows that add up to k or more may stay beside a shown one.
        let c = cells(&[(8, Row), (3, Row), (2, Row), (13, Answered)]);
        assert_eq!(protect(&c, &r, K), vec![false, true, true, false]);
    }

    #[test]
    fn nothing_is_hidden_without_small_groups() {
        use Weight::*;
        let c = cells(&[(5, Row), (0, Row), (7, Row), (12, Answered)]);
        let r = [Relation::sum(3, &[0, 1, 2])];
        assert_eq!(protect(&c, &r, K), vec![false; 4]);
    }

    #[test]
    fn relations_that_do_not_hold_hide_everything() {
        use Weight::*;
        let c = cells(&[(5, Row), (7, Row), (10, Answered)]);
        let r = [Relation::sum(2, &[0, 1])];
        assert_eq!(protect(&c, &r, K), vec![true, true, true]);
    }
}
