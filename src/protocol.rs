//! The protocol between cell coroutines and the environment that runs them.
//!
//! A cell coroutine never sees the grid. It *yields* instructions and is
//! *resumed* with answers:
//!
//! | the cell yields | meaning | the environment resumes it with |
//! |---|---|---|
//! | [`Query`] `{ y, x }` | "what is the state at (y, x)?" | the [`State`] found there |
//! | [`Transition`] `{ y, x, state }` | "cell (y, x) has `state` next generation" | [`PRIME`] (ignored) |
//! | [`TICK`] | "every cell of this sweep has transitioned" | [`PRIME`] (ignored) |
//!
//! Coordinates are any `i32`s: the environment wraps them onto its torus, so
//! `-1` is the last row or column.
//!
//! What a coroutine yields is an [`Instruction`]; the environment looks at it
//! with [`Instruction::op`], which gives an [`Op`] to match on.

use std::fmt;

use crate::State;

/// The generator handle a cell coroutine yields through: genawaiter's
/// stack-allocated flavour, yielding [`Instruction`]s and resumed with
/// [`State`]s.
///
/// The stack flavour is the fast one (no allocation, no locking); its
/// generators are not `Send`, so a parallel environment creates each
/// generator inside the thread that drives it.
pub type Co<'y> = genawaiter::stack::Co<'y, Instruction, State>;

/// The value an environment passes on a generator's *first* resume.
///
/// genawaiter discards the argument of the first `resume_with`: the
/// generator has not reached a `yield` yet, so nothing can receive it. It is
/// the same as priming a Python generator with `next()` before the first
/// `send()`. Every cell coroutine in this crate therefore *opens* by
/// yielding (its own state query), and every environment primes it with this
/// value, which is also what it passes after a [`Transition`] or [`TICK`],
/// whose answers mean nothing.
pub const PRIME: State = State::EMPTY;

/// "What is the state of the cell at row `y`, column `x`?"
///
/// The environment answers with the [`State`] there, wrapping the coordinates
/// onto its torus.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Query {
    /// Row (wrapped by the environment).
    pub y: i32,
    /// Column (wrapped by the environment).
    pub x: i32,
}

/// "The cell at row `y`, column `x` has `state` in the next generation."
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Transition {
    /// Row of the cell.
    pub y: i32,
    /// Column of the cell.
    pub x: i32,
    /// The cell's next state.
    pub state: State,
}

/// What an [`Instruction`] asks for, ready to `match` on.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Op {
    /// Asks for a cell's state.
    Query(Query),
    /// Announces a cell's next state.
    Transition(Transition),
    /// Marks the end of a sweep over every cell.
    Tick,
}

/// What a cell coroutine yields: a [`Query`], a [`Transition`] or [`TICK`].
///
/// Build one with `.into()` from a [`Query`] or [`Transition`], or use
/// [`TICK`]; read it with [`Instruction::op`].
///
/// ```
/// use corolife::{Instruction, Op, Query, TICK};
///
/// let instruction: Instruction = Query { y: 2, x: -1 }.into();
/// assert_eq!(instruction.op(), Op::Query(Query { y: 2, x: -1 }));
/// assert_eq!(TICK.op(), Op::Tick);
/// ```
///
/// It is a flat struct rather than the enum [`Op`] on purpose. genawaiter
/// keeps the value in flight in an enum of its own, and an enum inside an
/// enum lets the compiler fold both tags into one byte; unpacking that on
/// every yield and resume cost about a third of a round trip when measured.
/// A plain struct keeps genawaiter's tag separate and cheap.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Instruction {
    code: u8,
    state: State,
    y: i32,
    x: i32,
}

const QUERY: u8 = 0;
const TRANSITION: u8 = 1;
const TICK_CODE: u8 = 2;

/// "Every cell of this sweep has transitioned": the clock of the simulation.
pub const TICK: Instruction = Instruction {
    code: TICK_CODE,
    state: State::EMPTY,
    y: 0,
    x: 0,
};

impl Instruction {
    /// What this instruction asks for.
    #[inline]
    pub const fn op(self) -> Op {
        let Instruction { code, state, y, x } = self;
        match code {
            QUERY => Op::Query(Query { y, x }),
            TRANSITION => Op::Transition(Transition { y, x, state }),
            _ => Op::Tick,
        }
    }
}

impl From<Query> for Instruction {
    #[inline]
    fn from(Query { y, x }: Query) -> Instruction {
        Instruction {
            code: QUERY,
            state: State::EMPTY,
            y,
            x,
        }
    }
}

impl From<Transition> for Instruction {
    #[inline]
    fn from(Transition { y, x, state }: Transition) -> Instruction {
        Instruction {
            code: TRANSITION,
            state,
            y,
            x,
        }
    }
}

impl From<Op> for Instruction {
    fn from(op: Op) -> Instruction {
        match op {
            Op::Query(query) => query.into(),
            Op::Transition(transition) => transition.into(),
            Op::Tick => TICK,
        }
    }
}

impl fmt::Debug for Instruction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.op() {
            Op::Query(query) => query.fmt(f),
            Op::Transition(transition) => transition.fmt(f),
            Op::Tick => f.write_str("TICK"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_round_trip_through_op() {
        let ops = [
            Op::Query(Query { y: -1, x: i32::MAX }),
            Op::Transition(Transition {
                y: 3,
                x: 4,
                state: State::ALIVE,
            }),
            Op::Tick,
        ];
        for op in ops {
            assert_eq!(Instruction::from(op).op(), op);
        }
    }

    #[test]
    fn debug_shows_the_operation() {
        assert_eq!(
            format!("{:?}", Instruction::from(Query { y: 1, x: 2 })),
            "Query { y: 1, x: 2 }"
        );
        assert_eq!(format!("{TICK:?}"), "TICK");
    }

    /// The first resume argument never reaches the generator. The whole
    /// priming convention (see [`PRIME`]) rests on this; if genawaiter ever
    /// changes it, this test says so.
    #[test]
    fn genawaiter_drops_the_first_resume_argument() {
        use genawaiter::{GeneratorState, stack::let_gen_using};

        let_gen_using!(echo, |co: Co<'_>| async move {
            let first = co.yield_(Query { y: 0, x: 0 }.into()).await;
            co.yield_(
                Transition {
                    y: 0,
                    x: 0,
                    state: first,
                }
                .into(),
            )
            .await;
        });
        // This argument is dropped: the generator has not started yet.
        let opening = echo.resume_with(State::new(7));
        assert!(
            matches!(opening, GeneratorState::Yielded(i) if i.op() == Op::Query(Query { y: 0, x: 0 }))
        );
        // This one answers the query and comes back in the transition.
        match echo.resume_with(State::ALIVE) {
            GeneratorState::Yielded(i) => assert_eq!(
                i.op(),
                Op::Transition(Transition {
                    y: 0,
                    x: 0,
                    state: State::ALIVE
                })
            ),
            GeneratorState::Complete(()) => panic!("the echo finished early"),
        }
    }
}
