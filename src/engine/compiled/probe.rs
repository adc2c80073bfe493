//! Probing: asking a cell coroutine what it does, and writing the answer
//! down as a transition table.
//!
//! The probe drives one cell's coroutine — [`step_cell`] for a [`Rule`], or
//! any coroutine of the same shape — against an environment of its own. The
//! environment does not hold a grid: it records where the cell looks,
//! relative to the cell, and answers from a list of states it chooses. Run
//! once with every combination of two states on the cells looked at, the
//! coroutine has told everything it will ever do, because it sees nothing
//! but its answers: a deterministic function of at most nine two-state
//! inputs is its table of at most 512 entries.
//!
//! That argument holds only for coroutines that keep to the shape it
//! assumes, so the probe checks it on every run, at several positions:
//!
//! * the cells asked about, in order and as offsets from the cell, are the
//!   same whatever the answers and wherever the cell is (the origin, the
//!   far edges of the largest torus, and next to both ends of the `i32`
//!   range);
//! * there are at most nine of them, all in the cell's 3×3 neighbourhood;
//! * exactly one [`Transition`](crate::Transition) comes, for the cell's own
//!   coordinates, with [`State::EMPTY`] or [`State::ALIVE`]; no `TICK`; and
//!   the coroutine finishes;
//! * the table is the same at every position (read whole at the first,
//!   checked on a sample of answers, all empty and all alive among them,
//!   at the others).
//!
//! A coroutine that fails a check is not compiled; [`ProbeError`] says which
//! check and where.

use genawaiter::GeneratorState;
use genawaiter::stack::let_gen_using;
use thiserror::Error;

use crate::cell::step_cell;
use crate::grid::MAX_SIDE;
use crate::protocol::{Co, Op, PRIME};
use crate::{Rule, State};

/// The most distinct cells a compiled neighbourhood may have: the cell and
/// its eight neighbours.
pub const MAX_CELLS: usize = 9;

/// How many instructions one cell may yield before the probe gives up on
/// it: enough for a cell of the widest counted neighbourhood to ask about
/// each of its cells and its own, and to finish.
const MAX_INSTRUCTIONS: usize = super::counted::MAX_COUNTED + 16;

/// The largest side, as an `i32` (it is 2³⁰).
const SIDE: i32 = MAX_SIDE as i32;

/// Where the probe puts the cell. The first is the reference; the others
/// are the far corners of the largest torus and the ends of the `i32`
/// range, one step in so that the neighbours are still `i32`s.
pub(super) const POSITIONS: [(i32, i32); 6] = [
    (0, 0),
    (0, SIDE - 1),
    (SIDE - 1, 0),
    (SIDE - 1, SIDE - 1),
    (i32::MAX - 1, i32::MIN + 1),
    (i32::MIN + 1, i32::MAX - 1),
];

/// How many combinations of answers are tried at each position but the
/// first, besides all empty and all alive.
const SAMPLE: usize = 30;

/// The combinations of answers tried at position `index` of [`POSITIONS`]:
/// every one at the first, where the table is read; elsewhere, where it is
/// checked, all empty, all alive and [`SAMPLE`] spread over the rest, a
/// different set at each position.
fn sample(index: usize, combinations: usize) -> impl Iterator<Item = usize> {
    let every = index == 0 || combinations <= SAMPLE + 2;
    let count = if every { combinations } else { SAMPLE + 2 };
    (0..count).map(move |k| match k {
        _ if every => k,
        0 => 0,
        1 => combinations - 1,
        // An odd stride visits distinct combinations of a power of two.
        k => (k * 97 + index * 31) % combinations,
    })
}

/// A cell relative to the one being stepped: `dy` rows down, `dx` columns
/// right.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Offset {
    /// Rows down (negative: up).
    pub dy: i32,
    /// Columns right (negative: left).
    pub dx: i32,
}

impl Offset {
    /// The bit this offset has in a [`RuleTable`] index, if it lies in the
    /// 3×3 neighbourhood: `3 · (dy + 1) + (dx + 1)`, so 0 is the north-west
    /// neighbour, 4 the cell itself and 8 the south-east neighbour.
    pub const fn bit(self) -> Option<u32> {
        if self.dy < -1 || self.dy > 1 || self.dx < -1 || self.dx > 1 {
            None
        } else {
            Some((3 * (self.dy + 1) + self.dx + 1) as u32)
        }
    }
}

/// Why a cell coroutine could not be compiled: which check of the probe it
/// failed, and where.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
pub enum ProbeError {
    /// The cell asks about more than nine different cells.
    #[error("the cell asks about {count} different cells; at most {MAX_CELLS} compile")]
    TooManyCells {
        /// Distinct cells asked about.
        count: usize,
    },
    /// The cell asks about a cell outside its 3×3 neighbourhood.
    #[error(
        "the cell asks about the cell {} rows down and {} columns right; only its 3x3 neighbourhood compiles",
        offset.dy,
        offset.dx
    )]
    OutOfReach {
        /// Where it looked, relative to itself.
        offset: Offset,
    },
    /// The cells asked about depend on the answers given.
    #[error("at ({y}, {x}) the cell asks about different cells depending on what it was told")]
    QueriesDependOnAnswers {
        /// Row of the cell.
        y: i32,
        /// Column of the cell.
        x: i32,
    },
    /// The cells asked about depend on where the cell is.
    #[error("at ({y}, {x}) the cell asks about other cells, relative to itself, than at (0, 0)")]
    QueriesDependOnPosition {
        /// Row of the cell.
        y: i32,
        /// Column of the cell.
        x: i32,
    },
    /// The next state depends on where the cell is.
    #[error("at ({y}, {x}) the cell's next state differs from the same neighbourhood at (0, 0)")]
    TableDependsOnPosition {
        /// Row of the cell.
        y: i32,
        /// Column of the cell.
        x: i32,
    },
    /// The cell finished without a transition.
    #[error("the cell at ({y}, {x}) finished without announcing its next state")]
    NoTransition {
        /// Row of the cell.
        y: i32,
        /// Column of the cell.
        x: i32,
    },
    /// The cell announced more than one transition.
    #[error("the cell at ({y}, {x}) announced its next state more than once")]
    SeveralTransitions {
        /// Row of the cell.
        y: i32,
        /// Column of the cell.
        x: i32,
    },
    /// The cell announced the next state of another cell.
    #[error("the cell at ({y}, {x}) announced the next state of ({to_y}, {to_x})")]
    OtherCell {
        /// Row of the cell.
        y: i32,
        /// Column of the cell.
        x: i32,
        /// Row of the transition.
        to_y: i32,
        /// Column of the transition.
        to_x: i32,
    },
    /// The cell announced a state other than empty or alive.
    #[error("the cell announced state {state}; only two-state rules compile")]
    MultiState {
        /// The state's number.
        state: u8,
    },
    /// The cell announced a state its rule does not have.
    #[error("the cell announced state {state}, but the rule has {states} states")]
    UnknownState {
        /// The state's number.
        state: u8,
        /// The rule's number of states.
        states: u16,
    },
    /// The next state depends on which cells are alive, not only on how
    /// many (a counting rule's check).
    #[error(
        "a cell in state {state} with {count} live cells around it becomes different states depending on which cells they are"
    )]
    NotCounted {
        /// The cell's state.
        state: u8,
        /// How many of the cells it asks about were alive.
        count: usize,
    },
    /// A cell of a dying state does other than age by one state (a
    /// counting rule's check).
    #[error("a cell in state {state} does not just age to the next state, as dying states do")]
    NotAging {
        /// The cell's state.
        state: u8,
    },
    /// The cell yielded `TICK`, which belongs to a whole sweep.
    #[error("the cell yielded TICK, which only a whole sweep may yield")]
    Tick,
    /// The cell never finished.
    #[error("the cell yielded more than {MAX_INSTRUCTIONS} instructions without finishing")]
    Runaway,
}

/// What the probe learnt: the cells a coroutine asks about and its next
/// state for every combination of theirs, as a table over the 3×3
/// neighbourhood.
///
/// ```
/// use corolife::engine::compiled::{Offset, RuleTable};
/// use corolife::Rule;
///
/// let table = RuleTable::probe(&Rule::LIFE)?;
/// assert_eq!(table.offsets().len(), 9);
/// assert_eq!(table.offsets()[0], Offset { dy: 0, dx: 0 });
/// // Empty, with the three neighbours of the top row alive: born.
/// assert!(table.is_born(0b000_000_111));
/// assert_eq!(table.totalistic(), Some((1 << 3, 1 << 2 | 1 << 3)));
/// # Ok::<(), corolife::engine::compiled::ProbeError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RuleTable {
    offsets: Vec<Offset>,
    /// Bit `i` set: the neighbourhood with index `i` makes the cell alive.
    next: [u64; 8],
}

/// One run of a cell coroutine in the probing environment.
pub(super) struct Trace {
    /// The offsets asked about, in order, repeats included.
    pub(super) queries: Vec<Offset>,
    /// The announced next state.
    pub(super) next: State,
}

impl RuleTable {
    /// Probes [`step_cell`] for `rule`.
    pub fn probe(rule: &Rule) -> Result<RuleTable, ProbeError> {
        RuleTable::probe_cell(async |co: &Co<'_>, y, x| step_cell(co, y, x, rule).await)
    }

    /// Probes any cell coroutine with the shape of [`step_cell`]: called
    /// with the generator handle and the cell's row and column, it asks
    /// about cells and announces the cell's next state.
    ///
    /// ```
    /// use corolife::engine::compiled::{ProbeError, RuleTable};
    /// use corolife::{Co, Query, State, Transition};
    ///
    /// // "Copy the cell to the west": a one-neighbour rule.
    /// let table = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
    ///     let west = co.yield_(Query { y, x: x - 1 }.into()).await;
    ///     co.yield_(Transition { y, x, state: west }.into()).await;
    /// })?;
    /// assert_eq!(table.offsets().len(), 1);
    /// assert!(table.is_born(0b000_001_000));
    /// assert!(!table.is_born(0b000_010_000));
    ///
    /// // Asking two rows up cannot be compiled.
    /// let far = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
    ///     let state = co.yield_(Query { y: y - 2, x }.into()).await;
    ///     co.yield_(Transition { y, x, state }.into()).await;
    /// });
    /// assert!(matches!(far, Err(ProbeError::OutOfReach { .. })));
    /// # Ok::<(), ProbeError>(())
    /// ```
    pub fn probe_cell<F>(cell: F) -> Result<RuleTable, ProbeError>
    where
        F: AsyncFn(&Co<'_>, i32, i32),
    {
        // Everything empty: which cells does it look at?
        let (y, x) = POSITIONS[0];
        let first = trace(&cell, y, x, &|_, _| State::EMPTY, 2)?;
        let mut offsets: Vec<Offset> = Vec::new();
        for &offset in &first.queries {
            if !offsets.contains(&offset) {
                offsets.push(offset);
            }
            if offsets.len() > MAX_CELLS {
                break;
            }
        }
        if offsets.len() > MAX_CELLS {
            // Counted with a set: a million queries at Golly's largest range.
            let distinct: rustc_hash::FxHashSet<Offset> = first.queries.iter().copied().collect();
            return Err(ProbeError::TooManyCells {
                count: distinct.len(),
            });
        }
        if let Some(&offset) = offsets.iter().find(|o| o.bit().is_none()) {
            return Err(ProbeError::OutOfReach { offset });
        }
        let combinations = 1usize << offsets.len();
        let mut reference = Vec::with_capacity(combinations);
        for (index, &(y, x)) in POSITIONS.iter().enumerate() {
            for combination in sample(index, combinations) {
                let answer = |_, offset: Offset| {
                    let i = offsets.iter().position(|&o| o == offset);
                    State::from(i.is_some_and(|i| combination >> i & 1 == 1))
                };
                let run = trace(&cell, y, x, &answer, 2)?;
                if run.queries != first.queries {
                    // Combination 0 answers everything empty, as the
                    // first run did: a difference there comes from the
                    // position, anywhere else from the answers.
                    return Err(if index > 0 && combination == 0 {
                        ProbeError::QueriesDependOnPosition { y, x }
                    } else {
                        ProbeError::QueriesDependOnAnswers { y, x }
                    });
                }
                if index == 0 {
                    reference.push(run.next);
                } else if reference[combination] != run.next {
                    return Err(ProbeError::TableDependsOnPosition { y, x });
                }
            }
        }
        let bits: Vec<u32> = offsets.iter().filter_map(|o| o.bit()).collect();
        let mut next = [0u64; 8];
        for index in 0..512usize {
            let combination = bits
                .iter()
                .enumerate()
                .fold(0, |c, (i, &bit)| c | (index >> bit & 1) << i);
            if reference[combination].is_alive() {
                next[index / 64] |= 1 << (index % 64);
            }
        }
        Ok(RuleTable { offsets, next })
    }

    /// The rule that runs on the cells' complements: the next state of a
    /// neighbourhood is the complement of this table's for the complemented
    /// neighbourhood. A `B0` rule that keeps a cell with all eight
    /// neighbours alive runs on the plane as this, as Golly runs it.
    pub(crate) fn complemented(&self) -> RuleTable {
        let mut next = [0u64; 8];
        for index in 0..512u16 {
            if !self.is_born(511 - index) {
                next[usize::from(index / 64)] |= 1 << (index % 64);
            }
        }
        RuleTable {
            offsets: self.offsets.clone(),
            next,
        }
    }

    /// The distinct cells the coroutine asks about, relative to the cell,
    /// in the order it first asks about them.
    pub fn offsets(&self) -> &[Offset] {
        &self.offsets
    }

    /// Whether the cell is alive next generation when its 3×3 neighbourhood
    /// is `index`: bit [`Offset::bit`] of `index` set for each live cell
    /// (bit 4 is the cell itself). Bits above the ninth are ignored.
    pub const fn is_born(&self, index: u16) -> bool {
        let index = (index & 0x1FF) as usize;
        self.next[index / 64] >> (index % 64) & 1 == 1
    }

    /// The table as 512 bits, eight words of 64, neighbourhood `i` in bit
    /// `i % 64` of word `i / 64`.
    pub const fn bits(&self) -> &[u64; 8] {
        &self.next
    }

    /// If the next state depends only on the cell's own state and how many
    /// of its eight Moore neighbours are alive, the birth and survival masks
    /// (bit `n`: born, or survives, with `n` live neighbours), as in
    /// `B3/S23`.
    pub fn totalistic(&self) -> Option<(u16, u16)> {
        // seen[own][count]: the next state found so far for that pair.
        let mut seen = [[None; 9]; 2];
        for index in 0..512u16 {
            let own = usize::from(index >> 4 & 1);
            let count = (index & !(1 << 4)).count_ones() as usize;
            let alive = self.is_born(index);
            match seen[own][count] {
                None => seen[own][count] = Some(alive),
                Some(known) if known != alive => return None,
                Some(_) => {}
            }
        }
        let mask = |own: usize| {
            (0..9).fold(0u16, |mask, count| {
                mask | u16::from(seen[own][count] == Some(true)) << count
            })
        };
        Some((mask(0), mask(1)))
    }
}

/// Runs the coroutine for the cell at (`y`, `x`) to completion, answering
/// its `i`-th query, of the cell at `offset`, with `answer(i, offset)`, and
/// checks its transitions, which must be to one of the first `states`
/// states.
pub(super) fn trace<F>(
    cell: &F,
    y: i32,
    x: i32,
    answer: &dyn Fn(usize, Offset) -> State,
    states: u16,
) -> Result<Trace, ProbeError>
where
    F: AsyncFn(&Co<'_>, i32, i32),
{
    let_gen_using!(coroutine, |co| async move { cell(&co, y, x).await });
    let mut queries = Vec::with_capacity(MAX_CELLS);
    let mut next = None;
    let mut reply = PRIME;
    for _ in 0..MAX_INSTRUCTIONS {
        let instruction = match coroutine.resume_with(reply) {
            GeneratorState::Yielded(instruction) => instruction,
            GeneratorState::Complete(()) => {
                return next
                    .map(|next| Trace { queries, next })
                    .ok_or(ProbeError::NoTransition { y, x });
            }
        };
        match instruction.op() {
            Op::Query(query) => {
                let offset = Offset {
                    dy: query.y.wrapping_sub(y),
                    dx: query.x.wrapping_sub(x),
                };
                reply = answer(queries.len(), offset);
                queries.push(offset);
            }
            Op::Transition(transition) => {
                if (transition.y, transition.x) != (y, x) {
                    return Err(ProbeError::OtherCell {
                        y,
                        x,
                        to_y: transition.y,
                        to_x: transition.x,
                    });
                }
                let state = transition.state.value();
                if u16::from(state) >= states {
                    return Err(if states == 2 {
                        ProbeError::MultiState { state }
                    } else {
                        ProbeError::UnknownState { state, states }
                    });
                }
                if next.replace(transition.state).is_some() {
                    return Err(ProbeError::SeveralTransitions { y, x });
                }
                reply = PRIME;
            }
            Op::Tick => return Err(ProbeError::Tick),
        }
    }
    Err(ProbeError::Runaway)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cell::MOORE;
    use crate::protocol::{Query, TICK, Transition};

    fn query(y: i32, x: i32) -> crate::Instruction {
        Query { y, x }.into()
    }

    fn transition(y: i32, x: i32, state: State) -> crate::Instruction {
        Transition { y, x, state }.into()
    }

    #[test]
    fn life_like_rules_probe_to_their_masks_on_the_moore_neighbourhood() {
        let mut random = crate::soup::SplitMix64::new(40);
        let mut masks = vec![(0, 0), (0x1FF, 0x1FF), (1, 0), (0b1000, 0b1100)];
        masks.extend((0..60).map(|_| {
            let bits = random.next_u64();
            ((bits & 0x1FF) as u16, (bits >> 9 & 0x1FF) as u16)
        }));
        let moore: Vec<Offset> = std::iter::once((0, 0))
            .chain(MOORE)
            .map(|(dy, dx)| Offset { dy, dx })
            .collect();
        for (birth, survival) in masks {
            let digits = |mask: u16| (0..9u8).filter(|n| mask >> n & 1 == 1).collect::<Vec<_>>();
            let rule = Rule::new(&digits(birth), &digits(survival)).expect("valid");
            let table = RuleTable::probe(&rule).expect("Life-like rules compile");
            assert_eq!(table.offsets(), moore, "{rule}");
            assert_eq!(table.totalistic(), Some((birth, survival)), "{rule}");
            for index in 0..512u16 {
                let set = if index >> 4 & 1 == 1 { survival } else { birth };
                let count = (index & !(1 << 4)).count_ones();
                assert_eq!(
                    table.is_born(index),
                    set >> count & 1 == 1,
                    "{rule} at {index:#011b}"
                );
            }
        }
    }

    #[test]
    fn offsets_map_to_the_bits_of_the_3x3_neighbourhood() {
        assert_eq!(Offset { dy: -1, dx: -1 }.bit(), Some(0));
        assert_eq!(Offset { dy: 0, dx: 0 }.bit(), Some(4));
        assert_eq!(Offset { dy: 1, dx: 1 }.bit(), Some(8));
        assert_eq!(Offset { dy: 1, dx: -1 }.bit(), Some(6));
        assert_eq!(Offset { dy: 2, dx: 0 }.bit(), None);
        assert_eq!(Offset { dy: 0, dx: -2 }.bit(), None);
    }

    #[test]
    fn a_von_neumann_rule_is_compiled_but_not_totalistic_over_eight() {
        // Alive when an odd number of the four orthogonal neighbours is.
        let table = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
            let mut odd = false;
            for (dy, dx) in [(-1, 0), (0, 1), (1, 0), (0, -1)] {
                odd ^= co.yield_(query(y + dy, x + dx)).await.is_alive();
            }
            co.yield_(transition(y, x, State::from(odd))).await;
        })
        .expect("compiles");
        assert_eq!(table.offsets().len(), 4);
        assert_eq!(table.totalistic(), None);
        for index in 0..512u16 {
            let odd = (index & 0b010_101_010).count_ones() % 2 == 1;
            assert_eq!(table.is_born(index), odd, "{index:#011b}");
        }
    }

    #[test]
    fn a_rule_that_ignores_everything_is_a_constant_table() {
        let table = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
            co.yield_(transition(y, x, State::ALIVE)).await;
        })
        .expect("compiles");
        assert!(table.offsets().is_empty());
        assert_eq!(table.bits(), &[u64::MAX; 8]);
        assert_eq!(table.totalistic(), Some((0x1FF, 0x1FF)));
    }

    #[test]
    fn asking_about_the_same_cell_twice_is_fine() {
        let table = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
            let own = co.yield_(query(y, x)).await;
            let again = co.yield_(query(y, x)).await;
            co.yield_(transition(
                y,
                x,
                State::from(own.is_alive() && again.is_alive()),
            ))
            .await;
        })
        .expect("compiles");
        assert_eq!(table.offsets(), [Offset { dy: 0, dx: 0 }]);
        assert!(table.is_born(1 << 4));
        assert!(!table.is_born(0));
    }

    #[test]
    fn questions_that_depend_on_the_answers_do_not_compile() {
        let probed = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
            let west = co.yield_(query(y, x - 1)).await;
            if west.is_alive() {
                co.yield_(query(y, x + 1)).await;
            }
            co.yield_(transition(y, x, west)).await;
        });
        assert_eq!(
            probed,
            Err(ProbeError::QueriesDependOnAnswers { y: 0, x: 0 })
        );
    }

    #[test]
    fn questions_that_depend_on_the_position_do_not_compile() {
        // Looks east at the left edge of the torus and west elsewhere.
        let probed = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
            let dx = if x == 0 { 1 } else { -1 };
            let state = co.yield_(query(y, x + dx)).await;
            co.yield_(transition(y, x, state)).await;
        });
        assert_eq!(
            probed,
            Err(ProbeError::QueriesDependOnPosition { y: 0, x: SIDE - 1 })
        );
        // Overflows quietly near the end of the i32 range.
        let probed = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
            let state = co.yield_(query(y, x.saturating_add(2) - 1)).await;
            co.yield_(transition(y, x, state)).await;
        });
        assert_eq!(
            probed,
            Err(ProbeError::QueriesDependOnPosition {
                y: i32::MIN + 1,
                x: i32::MAX - 1
            })
        );
    }

    #[test]
    fn a_next_state_that_depends_on_the_position_does_not_compile() {
        // Checkerboard parity: the same neighbourhood, another fate.
        let probed = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
            let own = co.yield_(query(y, x)).await;
            let flip = (y ^ x) & 1 == 1;
            co.yield_(transition(y, x, State::from(own.is_alive() != flip)))
                .await;
        });
        assert_eq!(
            probed,
            Err(ProbeError::TableDependsOnPosition { y: 0, x: SIDE - 1 })
        );
    }

    #[test]
    fn transitions_must_be_one_for_the_cell_and_two_state() {
        let none = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
            co.yield_(query(y, x)).await;
        });
        assert_eq!(none, Err(ProbeError::NoTransition { y: 0, x: 0 }));

        let two = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
            co.yield_(transition(y, x, State::EMPTY)).await;
            co.yield_(transition(y, x, State::ALIVE)).await;
        });
        assert_eq!(two, Err(ProbeError::SeveralTransitions { y: 0, x: 0 }));

        let elsewhere = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
            co.yield_(transition(y + 1, x, State::ALIVE)).await;
        });
        assert_eq!(
            elsewhere,
            Err(ProbeError::OtherCell {
                y: 0,
                x: 0,
                to_y: 1,
                to_x: 0
            })
        );

        // A Generations-style rule: a live cell without company starts to
        // decay, into state 2.
        let decaying = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
            let own = co.yield_(query(y, x)).await;
            let north = co.yield_(query(y - 1, x)).await;
            let next = match (own.is_alive(), north.is_alive()) {
                (true, false) => State::new(2),
                (_, alive) => State::from(alive),
            };
            co.yield_(transition(y, x, next)).await;
        });
        assert_eq!(decaying, Err(ProbeError::MultiState { state: 2 }));
    }

    #[test]
    fn ticks_runaways_and_wide_neighbourhoods_do_not_compile() {
        let tick = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
            co.yield_(TICK).await;
            co.yield_(transition(y, x, State::ALIVE)).await;
        });
        assert_eq!(tick, Err(ProbeError::Tick));

        let forever = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
            loop {
                co.yield_(query(y, x)).await;
            }
        });
        assert_eq!(forever, Err(ProbeError::Runaway));

        // Larger than Life, range 2: 25 cells.
        let wide = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
            let mut count = 0;
            for dy in -2..=2 {
                for dx in -2..=2 {
                    count += u8::from(co.yield_(query(y + dy, x + dx)).await.is_alive());
                }
            }
            co.yield_(transition(y, x, State::from(count > 12))).await;
        });
        assert_eq!(wide, Err(ProbeError::TooManyCells { count: 25 }));

        let far = RuleTable::probe_cell(async |co: &Co<'_>, y, x| {
            let state = co.yield_(query(y, x + 2)).await;
            co.yield_(transition(y, x, state)).await;
        });
        assert_eq!(
            far,
            Err(ProbeError::OutOfReach {
                offset: Offset { dy: 0, dx: 2 }
            })
        );
    }
}
