//! Counting rules: probing a cell whose next state depends only on its own
//! state and on how many cells of its neighbourhood are alive, whatever
//! the neighbourhood's shape and size, and whose other states only age.
//!
//! That is every Larger than Life rule, every Generations rule that is
//! not isotropic, and every two-state rule of a neighbourhood other than
//! the 3×3 one. [`RuleTable`](super::RuleTable) cannot hold them (it
//! answers every combination of at most nine two-state cells); a
//! [`CountTable`] holds instead the next state for each own state and
//! count, and the cells counted.
//!
//! The probe learns it from the coroutine alone, and checks what it
//! assumes on every run:
//!
//! * the cells asked about, relative to the cell, are the same whatever
//!   the answers and wherever the cell is (as [`RuleTable`](super::RuleTable)
//!   checks), and lie within [`MAX_REACH`] rows and columns;
//! * for an empty and for a live cell, every count of live cells is tried
//!   alive on the first cells asked about; and again (up to eight times
//!   for small neighbourhoods, at 128 counts spread over the range for
//!   large ones) on cells drawn at random, the others empty or (for rules
//!   of more states) in dying states drawn at random; all must give the
//!   same next state. A neighbourhood of at most 12 cells is tried with
//!   every set of live cells, so that a rule of few cells that tells its
//!   neighbours apart is always caught; a larger one is sampled;
//! * a cell in any other state `s` becomes `s + 1`, or empty from the last
//!   state, whatever is around it (tried for a sample of counts);
//! * the table is the same at the other positions, on a sample of counts.
//!
//! Only state 1 counts as alive, as in Golly's Generations and Larger
//! than Life rules; a rule that counts other states fails the second
//! check.

use rustc_hash::FxHashSet;

use super::probe::{POSITIONS, ProbeError, trace};
use super::{Offset, probe::Trace};
use crate::cell::step_cell;
use crate::protocol::Co;
use crate::soup::SplitMix64;
use crate::{Rule, State};

/// The furthest a counted cell may be from the cell, in rows and in
/// columns: Golly's largest range.
pub const MAX_REACH: u32 = crate::rule::MAX_RANGE as u32;

/// The most cells a counting rule may count: the Moore neighbourhood of
/// the largest range.
pub const MAX_COUNTED: usize = (2 * MAX_REACH as usize + 1) * (2 * MAX_REACH as usize + 1) - 1;

/// The most counted cells whose table is learnt count by count from the
/// coroutine alone; [`CountTable::probe`] checks its rule's table past it.
pub const MAX_LEARNT: usize = 1 << 12;

/// Counts tried at each position but the first past [`MAX_LEARNT`],
/// besides none and all, and at the first between two counts where the
/// table changes.
pub const LARGE_SAMPLE: usize = 2;

/// Counts tried at each position but the first, besides none and all.
const SAMPLE: usize = 12;

/// The most counted cells whose every set of live cells is tried.
const EXHAUSTIVE: usize = 12;

/// Counts at which cells drawn at random are tried at the first position,
/// at most (every count, up to this many).
const DRAWN: usize = 128;

/// What the probe learnt of a counting rule: the cells it counts and its
/// next state for each own state and count.
///
/// ```
/// use corolife::engine::compiled::CountTable;
/// use corolife::{Rule, State};
///
/// // Brian's Brain: born with two live neighbours, then dying, then gone.
/// let rule: Rule = "/2/3".parse()?;
/// let table = CountTable::probe(&rule)?;
/// assert_eq!(table.counted().len(), 8);
/// assert_eq!(table.next(State::EMPTY, 2), State::ALIVE);
/// assert_eq!(table.next(State::ALIVE, 2), State::new(2));
/// assert_eq!(table.next(State::new(2), 2), State::EMPTY);
///
/// // Bosco's rule counts 120 cells around the cell, and the cell itself.
/// let bosco: Rule = "R5,C0,M1,S34..58,B34..45,NM".parse()?;
/// let table = CountTable::probe(&bosco)?;
/// assert_eq!((table.counted().len(), table.reach()), (120, 5));
/// assert_eq!(table.next(State::ALIVE, 33), State::ALIVE); // 34 with itself
/// assert_eq!(table.next(State::EMPTY, 33), State::EMPTY);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CountTable {
    /// The cells counted, relative to the cell, in the order first asked
    /// about; the cell itself is not among them.
    counted: Vec<Offset>,
    /// How many states the rule has.
    states: u16,
    /// The next state of an empty cell with `c` live cells counted, at
    /// `c`, and of a live one at `counted.len() + 1 + c`.
    next: Vec<u8>,
}

impl CountTable {
    /// Probes [`step_cell`] for `rule`.
    ///
    /// A neighbourhood of more than [`MAX_LEARNT`] cells (Larger than
    /// Life from range 32 or so) is too large to learn count by count: a
    /// run of the coroutine asks about every cell, and there are as many
    /// counts as cells. The table is then read from the rule and checked
    /// against the coroutine where it matters: at both sides of every
    /// count where it changes, at a few counts between, at none and at
    /// all, and at the other positions and for the dying states at a few
    /// counts each (see [`LARGE_SAMPLE`]).
    pub fn probe(rule: &Rule) -> Result<CountTable, ProbeError> {
        // A weighted neighbourhood (`NW`, `NG`) is not a count, though a
        // sample of its sets of live cells may not show it.
        if rule.neighbourhood().weights().is_some() {
            return Err(ProbeError::NotCounted { state: 0, count: 0 });
        }
        let hint = |own: State, count: usize| rule.next_state(own, count as u32);
        CountTable::learn(
            rule.states(),
            async |co: &Co<'_>, y, x| {
                step_cell(co, y, x, rule).await;
            },
            Some(&hint),
        )
    }

    /// Probes any cell coroutine with the shape of [`step_cell`] whose
    /// states are the first `states` (2 to 256), counting at most
    /// [`MAX_LEARNT`] cells.
    ///
    /// ```
    /// use corolife::engine::compiled::{CountTable, ProbeError};
    /// use corolife::{Co, Query, State, Transition};
    ///
    /// // Alive when exactly one of the two cells two columns away is.
    /// let table = CountTable::probe_cell(2, async |co: &Co<'_>, y, x| {
    ///     let west = co.yield_(Query { y, x: x - 2 }.into()).await;
    ///     let east = co.yield_(Query { y, x: x + 2 }.into()).await;
    ///     let state = State::from(west.is_alive() != east.is_alive());
    ///     co.yield_(Transition { y, x, state }.into()).await;
    /// })?;
    /// assert_eq!(table.reach(), 2);
    /// assert_eq!(table.next(State::EMPTY, 1), State::ALIVE);
    ///
    /// // Copying the west cell depends on which cell is alive.
    /// let west = CountTable::probe_cell(2, async |co: &Co<'_>, y, x| {
    ///     let west = co.yield_(Query { y, x: x - 2 }.into()).await;
    ///     let _east = co.yield_(Query { y, x: x + 2 }.into()).await;
    ///     co.yield_(Transition { y, x, state: west }.into()).await;
    /// });
    /// assert!(matches!(west, Err(ProbeError::NotCounted { .. })));
    /// # Ok::<(), ProbeError>(())
    /// ```
    pub fn probe_cell<F>(states: u16, cell: F) -> Result<CountTable, ProbeError>
    where
        F: AsyncFn(&Co<'_>, i32, i32),
    {
        CountTable::learn(states, cell, None)
    }

    /// Probes `cell`; past [`MAX_LEARNT`] counted cells, checks `hint`
    /// (the next state by own state and count) rather than learning the
    /// table count by count, or refuses without one.
    fn learn<F>(
        states: u16,
        cell: F,
        hint: Option<&dyn Fn(State, usize) -> State>,
    ) -> Result<CountTable, ProbeError>
    where
        F: AsyncFn(&Co<'_>, i32, i32),
    {
        let states = states.clamp(2, 256);
        let (y0, x0) = POSITIONS[0];
        let first = trace(&cell, y0, x0, &|_, _| State::EMPTY, states)?;
        // In the order first asked, each once (a set: a million of them at
        // Golly's largest range).
        let mut seen = FxHashSet::default();
        let counted: Vec<Offset> = first
            .queries
            .iter()
            .copied()
            .filter(|&offset| offset != (Offset { dy: 0, dx: 0 }) && seen.insert(offset))
            .collect();
        let large = counted.len() > MAX_LEARNT;
        if counted.len() > MAX_COUNTED || (large && hint.is_none()) {
            return Err(ProbeError::TooManyCells {
                count: counted.len(),
            });
        }
        if let Some(&offset) = counted
            .iter()
            .find(|o| o.dy.unsigned_abs() > MAX_REACH || o.dx.unsigned_abs() > MAX_REACH)
        {
            return Err(ProbeError::OutOfReach { offset });
        }
        let reach = counted
            .iter()
            .map(|o| o.dy.abs().max(o.dx.abs()))
            .max()
            .unwrap_or(0);
        // Which counted cell each offset is, on a square of the reach.
        let side = 2 * reach + 1;
        let mut slot = vec![u32::MAX; (side * side) as usize];
        for (i, o) in counted.iter().enumerate() {
            slot[((o.dy + reach) * side + o.dx + reach) as usize] = i as u32;
        }
        let by_query = first
            .queries
            .iter()
            .map(|o| match (o.dy, o.dx) {
                (0, 0) => OWN,
                (dy, dx) => slot[((dy + reach) * side + dx + reach) as usize],
            })
            .collect();
        let mut prober = Prober {
            cell: &cell,
            first: &first,
            slot: &slot,
            side,
            by_query,
            states,
            answers: vec![State::EMPTY; counted.len()],
            random: SplitMix64::new(0xC0C0_5EED),
        };
        let n = counted.len();
        let next = match hint {
            Some(hint) if large => prober.check_hint(y0, x0, hint)?,
            _ => prober.learn(y0, x0)?,
        };
        // Small neighbourhoods are tried whole: every set of live cells.
        if n <= EXHAUSTIVE {
            for own in [State::EMPTY, State::ALIVE] {
                let learnt = &next[usize::from(own.value()) * (n + 1)..][..n + 1];
                for alive in 0..1u64 << n {
                    let count = alive.count_ones() as usize;
                    if prober.run_mask(y0, x0, own, alive)?.value() != learnt[count] {
                        return Err(ProbeError::NotCounted {
                            state: own.value(),
                            count,
                        });
                    }
                }
            }
        }
        // Dying states age whatever is around them: all of them on a
        // neighbourhood small enough, some of them past it.
        let dying: Vec<u16> = if large {
            let last = states - 1;
            let mut some: Vec<u16> = (2..states)
                .step_by(usize::from(states / 4).max(1))
                .collect();
            some.push(last);
            some.retain(|&s| s >= 2);
            some.dedup();
            some
        } else {
            (2..states).collect()
        };
        let sample = if large { LARGE_SAMPLE } else { SAMPLE };
        for state in dying {
            let own = State::new(state as u8);
            let aged = State::new(((state + 1) % states) as u8);
            for count in sampled_counts(n, usize::from(own.value()), sample.min(2)) {
                if prober.run(y0, x0, own, count, true)? != aged {
                    return Err(ProbeError::NotAging { state: own.value() });
                }
            }
        }
        // The far positions moved in by the reach, so that the cells asked
        // about are still `i32`s.
        let inset = |v: i32| v.clamp(i32::MIN + reach, i32::MAX - reach);
        let far = POSITIONS.iter().map(|&(y, x)| (inset(y), inset(x)));
        for (index, (y, x)) in far.enumerate().skip(1) {
            for own in [State::EMPTY, State::ALIVE] {
                for count in sampled_counts(n, index, sample) {
                    let learnt = next[usize::from(own.value()) * (n + 1) + count];
                    if prober.run(y, x, own, count, true)?.value() != learnt {
                        return Err(ProbeError::TableDependsOnPosition { y, x });
                    }
                }
            }
        }
        Ok(CountTable {
            counted,
            states,
            next,
        })
    }

    /// The cells counted, relative to the cell, in the order the
    /// coroutine first asks about them (the cell itself, whose own state
    /// is the table's other input, is not among them).
    pub fn counted(&self) -> &[Offset] {
        &self.counted
    }

    /// How many states the rule has.
    pub const fn states(&self) -> u16 {
        self.states
    }

    /// The furthest counted cell, in rows or columns (0 when none is).
    pub fn reach(&self) -> u32 {
        self.counted
            .iter()
            .map(|o| o.dy.unsigned_abs().max(o.dx.unsigned_abs()))
            .max()
            .unwrap_or(0)
    }

    /// The next state of a cell in state `own` with `count` live cells
    /// among those [`counted`](CountTable::counted) (at most their number;
    /// more counts as all). A dying state ages whatever the count.
    pub fn next(&self, own: State, count: usize) -> State {
        let n = self.counted.len();
        let count = count.min(n);
        match own.value() {
            0 | 1 => State::new(self.next[usize::from(own.value()) * (n + 1) + count]),
            state => State::new(((u16::from(state) + 1) % self.states) as u8),
        }
    }

    /// The next states of an empty and of a live cell, by count: the
    /// first `counted().len() + 1` entries for an empty cell, the rest for
    /// a live one.
    pub(crate) fn table(&self) -> &[u8] {
        &self.next
    }
}

/// The counts tried at a position other than the first: none, all, and a
/// few spread over the rest, different at each `index`.
fn sampled_counts(n: usize, index: usize, sample: usize) -> impl Iterator<Item = usize> {
    let every = n <= sample + 2;
    let count = if every { n + 1 } else { sample + 2 };
    (0..count).map(move |k| match k {
        _ if every => k,
        0 => 0,
        1 => n,
        k => (k * 7919 + index * 104_729) % (n + 1),
    })
}

/// The cell itself, among the queries.
const OWN: u32 = u32::MAX;

/// Drives the coroutine under probe with chosen answers.
struct Prober<'a, F> {
    cell: &'a F,
    /// The run with everything empty, whose queries every run repeats.
    first: &'a Trace,
    /// Index into `counted` of each offset on a square of side `side`.
    slot: &'a [u32],
    side: i32,
    /// Which counted cell each query of the first run asks about, or
    /// [`OWN`].
    by_query: Vec<u32>,
    states: u16,
    /// The state each counted cell is given.
    answers: Vec<State>,
    random: SplitMix64,
}

impl<F: AsyncFn(&Co<'_>, i32, i32)> Prober<'_, F> {
    /// The table learnt count by count: for an empty and for a live cell,
    /// every count tried on the first cells, and again on cells drawn at
    /// random (at a sample of counts for large neighbourhoods).
    fn learn(&mut self, y0: i32, x0: i32) -> Result<Vec<u8>, ProbeError> {
        let n = self.answers.len();
        // Small neighbourhoods have few counts and many ways to make each.
        let draws = (256 / (n + 1)).clamp(1, 8);
        let mut next = vec![0u8; 2 * (n + 1)];
        for own in [State::EMPTY, State::ALIVE] {
            for count in 0..=n {
                let ordered = self.run(y0, x0, own, count, false)?;
                // Large neighbourhoods draw at a sample of counts.
                let draws = if n < DRAWN || count % n.div_ceil(DRAWN) == 0 || count == n {
                    draws
                } else {
                    0
                };
                for _ in 0..draws {
                    if self.run(y0, x0, own, count, true)? != ordered {
                        return Err(ProbeError::NotCounted {
                            state: own.value(),
                            count,
                        });
                    }
                }
                next[usize::from(own.value()) * (n + 1) + count] = ordered.value();
            }
        }
        Ok(next)
    }

    /// The table `hint` gives, checked: for an empty and for a live cell,
    /// at both sides of every count where it changes, at none, at all and
    /// at [`LARGE_SAMPLE`] counts inside each stretch between, with the
    /// live cells drawn at random.
    fn check_hint(
        &mut self,
        y0: i32,
        x0: i32,
        hint: &dyn Fn(State, usize) -> State,
    ) -> Result<Vec<u8>, ProbeError> {
        let n = self.answers.len();
        let mut next = vec![0u8; 2 * (n + 1)];
        for own in [State::EMPTY, State::ALIVE] {
            let row = &mut next[usize::from(own.value()) * (n + 1)..][..n + 1];
            for (count, slot) in row.iter_mut().enumerate() {
                *slot = hint(own, count).value();
            }
            // The counts where the table changes, and those before them.
            let mut tried: Vec<usize> = vec![0, n];
            let mut start = 0;
            for count in 1..=n {
                if row[count] != row[count - 1] || count == n {
                    tried.extend([count - 1, count]);
                    for k in 1..=LARGE_SAMPLE {
                        tried.push(start + (count - start) * k / (LARGE_SAMPLE + 1));
                    }
                    start = count;
                }
            }
            tried.sort_unstable();
            tried.dedup();
            for count in tried {
                let expected = row[count];
                if self.run(y0, x0, own, count, true)?.value() != expected {
                    return Err(ProbeError::NotCounted {
                        state: own.value(),
                        count,
                    });
                }
            }
        }
        Ok(next)
    }

    /// The next state of the cell at (`y`, `x`) in state `own` with
    /// `count` counted cells alive: the first ones, or (`drawn`) ones
    /// drawn at random with the rest empty or dying.
    fn run(
        &mut self,
        y: i32,
        x: i32,
        own: State,
        count: usize,
        drawn: bool,
    ) -> Result<State, ProbeError> {
        let n = self.answers.len();
        for (i, answer) in self.answers.iter_mut().enumerate() {
            *answer = State::from(i < count);
        }
        if drawn {
            // A random `count` of them alive: Fisher-Yates, partly.
            for i in 0..count {
                let j = i + (self.random.next_u64() % (n - i) as u64) as usize;
                self.answers.swap(i, j);
            }
        }
        self.drive(y, x, own, drawn)
    }

    /// The next state of the cell at (`y`, `x`) in state `own` with the
    /// counted cells of the bits of `alive` alive, the others empty or
    /// dying.
    fn run_mask(&mut self, y: i32, x: i32, own: State, alive: u64) -> Result<State, ProbeError> {
        for (i, answer) in self.answers.iter_mut().enumerate() {
            *answer = State::from(alive >> i & 1 == 1);
        }
        self.drive(y, x, own, true)
    }

    /// Drives the cell with the answers set, the cells not alive made
    /// dying at random first if `drawn`.
    fn drive(&mut self, y: i32, x: i32, own: State, drawn: bool) -> Result<State, ProbeError> {
        if drawn && self.states > 2 {
            for answer in self.answers.iter_mut().filter(|a| !a.is_alive()) {
                let pick = self.random.next_u64() % u64::from(self.states - 1);
                // 0, or a dying state from 2 up.
                *answer = State::new(if pick == 0 { 0 } else { pick as u8 + 1 });
            }
        }
        let reach = (self.side - 1) / 2;
        let answers = &self.answers;
        let slot = self.slot;
        let side = self.side;
        let (asked, by_query) = (&self.first.queries, &self.by_query);
        let answer = |i: usize, offset: Offset| {
            // The cell asks what it asked first, as it must: the answer's
            // place is known.
            if asked.get(i) == Some(&offset) {
                return match by_query[i] {
                    OWN => own,
                    k => answers[k as usize],
                };
            }
            if offset == (Offset { dy: 0, dx: 0 }) {
                return own;
            }
            let (dy, dx) = (offset.dy + reach, offset.dx + reach);
            if !(0..side).contains(&dy) || !(0..side).contains(&dx) {
                return State::EMPTY;
            }
            match slot[(dy * side + dx) as usize] {
                u32::MAX => State::EMPTY,
                i => answers[i as usize],
            }
        };
        let run = trace(self.cell, y, x, &answer, self.states)?;
        if run.queries != self.first.queries {
            // Told what the first run was told, it asked other cells: that
            // comes from where it is.
            let as_first = own == State::EMPTY && answers.iter().all(|&a| a == State::EMPTY);
            return Err(if as_first {
                ProbeError::QueriesDependOnPosition { y, x }
            } else {
                ProbeError::QueriesDependOnAnswers { y, x }
            });
        }
        Ok(run.next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{Query, Transition};

    fn counts(table: &CountTable, own: State) -> Vec<u8> {
        (0..=table.counted().len())
            .map(|c| table.next(own, c).value())
            .collect()
    }

    #[test]
    fn larger_than_life_tables_follow_the_rule_for_every_count() {
        for text in [
            "R5,C0,M1,S34..58,B34..45,NM",
            "R2,C0,M0,S2..4,B3..3,NN",
            "R3,C4,M1,S5..9,B4..7,NH",
            "R1,C0,M0,S2..3,B3..3,NN",
        ] {
            let rule: Rule = text.parse().expect("rule");
            let table = CountTable::probe(&rule).expect(text);
            let n = table.counted().len();
            assert_eq!(n, rule.neighbourhood().size(), "{text}");
            for count in 0..=n {
                for own in 0..rule.states() {
                    let own = State::new(own as u8);
                    // Parsing moved M1's counts down to those of the
                    // cells around.
                    let expected = rule.next_state(own, count as u32);
                    assert_eq!(
                        table.next(own, count),
                        expected,
                        "{text}: {own:?} with {count}"
                    );
                }
            }
        }
    }

    #[test]
    fn generations_tables_age_their_dying_states() {
        let rule: Rule = "345/2/4".parse().expect("rule");
        let table = CountTable::probe(&rule).expect("counts");
        assert_eq!(table.states(), 4);
        assert_eq!(counts(&table, State::EMPTY), [0, 0, 1, 0, 0, 0, 0, 0, 0]);
        assert_eq!(counts(&table, State::ALIVE), [2, 2, 2, 1, 1, 1, 2, 2, 2]);
        assert_eq!(counts(&table, State::new(2)), [3; 9]);
        assert_eq!(counts(&table, State::new(3)), [0; 9]);
    }

    #[test]
    fn isotropic_rules_are_not_counted() {
        let rule: Rule = "B2-a/S12/C3".parse().expect("rule");
        let probed = CountTable::probe(&rule);
        assert!(
            matches!(probed, Err(ProbeError::NotCounted { .. })),
            "{probed:?}"
        );
    }

    #[test]
    fn a_rule_counting_dying_cells_is_caught() {
        // Counts every non-empty neighbour, dying ones included.
        let probed = CountTable::probe_cell(3, async |co: &Co<'_>, y, x| {
            let mut count = 0;
            for (dy, dx) in crate::cell::MOORE {
                let state: State = co
                    .yield_(
                        Query {
                            y: y + dy,
                            x: x + dx,
                        }
                        .into(),
                    )
                    .await;
                count += u8::from(state != State::EMPTY);
            }
            let state = State::from(count == 3);
            co.yield_(Transition { y, x, state }.into()).await;
        });
        assert!(matches!(probed, Err(ProbeError::NotCounted { .. })));
    }

    #[test]
    fn a_dying_state_that_does_not_age_is_caught() {
        // State 2 stays 2.
        let probed = CountTable::probe_cell(3, async |co: &Co<'_>, y, x| {
            let own: State = co.yield_(Query { y, x }.into()).await;
            let north: State = co.yield_(Query { y: y - 1, x }.into()).await;
            let state = if own.value() == 2 {
                own
            } else {
                State::from(north.is_alive())
            };
            co.yield_(Transition { y, x, state }.into()).await;
        });
        assert!(matches!(probed, Err(ProbeError::NotAging { state: 2 })));
    }

    #[test]
    fn questions_that_depend_on_the_answers_or_the_place_are_caught() {
        let answers = CountTable::probe_cell(2, async |co: &Co<'_>, y, x| {
            let north: State = co.yield_(Query { y: y - 3, x }.into()).await;
            if north.is_alive() {
                let _ = co.yield_(Query { y: y + 3, x }.into()).await;
            }
            co.yield_(Transition { y, x, state: north }.into()).await;
        });
        assert!(matches!(
            answers,
            Err(ProbeError::QueriesDependOnAnswers { .. })
        ));
        let place = CountTable::probe_cell(2, async |co: &Co<'_>, y, x| {
            let dx = if x == 0 { 2 } else { 3 };
            let east: State = co.yield_(Query { y, x: x + dx }.into()).await;
            co.yield_(Transition { y, x, state: east }.into()).await;
        });
        assert!(matches!(
            place,
            Err(ProbeError::QueriesDependOnPosition { .. })
        ));
        let far = CountTable::probe_cell(2, async |co: &Co<'_>, y, x| {
            let east: State = co
                .yield_(
                    Query {
                        y,
                        x: x + MAX_REACH as i32 + 1,
                    }
                    .into(),
                )
                .await;
            co.yield_(Transition { y, x, state: east }.into()).await;
        });
        assert!(matches!(far, Err(ProbeError::OutOfReach { .. })));
    }
}
