//! The cell coroutines: `count_neighbors`, `step_cell` and `simulate`.
//!
//! They are `async fn`s that yield through a genawaiter [`Co`]. Awaiting one
//! from another is how they compose — Rust's counterpart of Python's
//! `yield from`: every instruction the inner coroutine yields goes straight
//! out to the environment, and its return value comes back to the caller.
//!
//! None of them can see the grid. All they know of the world is what the
//! environment answers to their [`Query`]s.

use std::convert::Infallible;
use std::ops::Range;

use crate::protocol::{Co, Query, TICK, Transition};
use crate::{Rule, State};

/// The eight neighbours of a cell, as (row, column) offsets, in the order
/// [`count_neighbors`] asks for them: north, then clockwise.
pub const MOORE: [(i32, i32); 8] = [
    (-1, 0),  // north
    (-1, 1),  // north-east
    (0, 1),   // east
    (1, 1),   // south-east
    (1, 0),   // south
    (1, -1),  // south-west
    (0, -1),  // west
    (-1, -1), // north-west
];

/// Asks for the state of each of the eight neighbours of (`y`, `x`), one
/// [`Query`] each, and returns how many are alive.
#[inline]
pub async fn count_neighbors(co: &Co<'_>, y: i32, x: i32) -> u8 {
    let mut count = 0;
    for (dy, dx) in MOORE {
        let state = co
            .yield_(
                Query {
                    y: y + dy,
                    x: x + dx,
                }
                .into(),
            )
            .await;
        count += u8::from(state.is_alive());
    }
    count
}

/// Moves the cell at (`y`, `x`) one generation on: asks for its own state,
/// counts its live neighbours, applies `rule`, and announces the result with
/// a [`Transition`].
///
/// It yields exactly nine queries (itself first, then its neighbours in
/// [`MOORE`] order) and then one transition.
#[inline]
pub async fn step_cell(co: &Co<'_>, y: i32, x: i32, rule: &Rule) {
    let state: State = co.yield_(Query { y, x }.into()).await;
    let neighbors = count_neighbors(co, y, x).await;
    let next = rule.next_state(state, neighbors);
    co.yield_(Transition { y, x, state: next }.into()).await;
}

/// Steps every cell of `rows` × `0..cols`, row by row, then yields [`TICK`];
/// and again, forever.
///
/// One `simulate` over all the rows of a grid is the whole simulation; a
/// parallel environment gives each band of rows a `simulate` of its own.
pub async fn simulate(co: Co<'_>, rows: Range<i32>, cols: i32, rule: &Rule) -> Infallible {
    loop {
        for y in rows.clone() {
            for x in 0..cols {
                step_cell(&co, y, x, rule).await;
            }
        }
        co.yield_(TICK).await;
    }
}

#[cfg(test)]
mod tests {
    use genawaiter::{GeneratorState, stack::let_gen_using};

    use super::*;
    use crate::protocol::{Instruction, Op, PRIME};

    fn yielded(state: GeneratorState<Instruction, ()>) -> Op {
        match state {
            GeneratorState::Yielded(instruction) => instruction.op(),
            GeneratorState::Complete(()) => panic!("the coroutine finished"),
        }
    }

    #[test]
    fn count_neighbors_asks_each_neighbour_once_and_counts_the_live_ones() {
        let_gen_using!(counter, |co| async move {
            let n = count_neighbors(&co, 10, 5).await;
            co.yield_(
                Transition {
                    y: 0,
                    x: 0,
                    state: State::new(n),
                }
                .into(),
            )
            .await;
        });
        let mut asked = Vec::new();
        let mut op = yielded(counter.resume_with(PRIME));
        // Answer alive for the first three neighbours only.
        for answer in [1, 1, 1, 0, 0, 0, 0, 0] {
            match op {
                Op::Query(q) => asked.push((q.y - 10, q.x - 5)),
                other => panic!("expected a query, got {other:?}"),
            }
            op = yielded(counter.resume_with(State::new(answer)));
        }
        assert_eq!(asked, MOORE);
        assert_eq!(
            op,
            Op::Transition(Transition {
                y: 0,
                x: 0,
                state: State::new(3)
            })
        );
    }

    #[test]
    fn step_cell_applies_the_rule_to_what_it_was_told() {
        for (own, live, expected) in [
            (State::ALIVE, 1, State::EMPTY),
            (State::ALIVE, 2, State::ALIVE),
            (State::EMPTY, 3, State::ALIVE),
            (State::ALIVE, 4, State::EMPTY),
        ] {
            let rule = Rule::LIFE;
            let_gen_using!(cell, |co| async move { step_cell(&co, 0, 0, &rule).await });
            assert_eq!(
                yielded(cell.resume_with(PRIME)),
                Op::Query(Query { y: 0, x: 0 })
            );
            let mut op = yielded(cell.resume_with(own));
            for k in 0..8 {
                assert!(matches!(op, Op::Query(_)));
                op = yielded(cell.resume_with(State::from(k < live)));
            }
            assert_eq!(
                op,
                Op::Transition(Transition {
                    y: 0,
                    x: 0,
                    state: expected
                })
            );
        }
    }

    #[test]
    fn simulate_visits_its_rows_in_order_then_ticks() {
        let rule = Rule::LIFE;
        let_gen_using!(sim, |co| simulate(co, 2..4, 3, &rule));
        let mut answer = PRIME;
        let mut transitions = Vec::new();
        loop {
            match yielded_any(sim.resume_with(answer)) {
                Op::Query(_) => answer = State::EMPTY,
                Op::Transition(t) => {
                    transitions.push((t.y, t.x));
                    answer = PRIME;
                }
                Op::Tick => break,
            }
        }
        assert_eq!(
            transitions,
            [(2, 0), (2, 1), (2, 2), (3, 0), (3, 1), (3, 2)]
        );
        // And it goes on: the next sweep starts with the first cell again.
        assert_eq!(
            yielded_any(sim.resume_with(PRIME)),
            Op::Query(Query { y: 2, x: 0 })
        );
    }

    fn yielded_any(state: GeneratorState<Instruction, Infallible>) -> Op {
        match state {
            GeneratorState::Yielded(instruction) => instruction.op(),
            GeneratorState::Complete(never) => match never {},
        }
    }
}
