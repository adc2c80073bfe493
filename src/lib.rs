//! Conway's Game of Life whose cells are generator coroutines.
//!
//! Every cell is a small coroutine. It cannot see the grid: it *asks* its
//! environment for the state of its neighbours by yielding [`Query`]s,
//! applies the rule, and *announces* its next state by yielding a
//! [`Transition`]. After a sweep over every cell, the simulation yields
//! [`TICK`]. An environment — an [`Engine`] — owns the toroidal [`Grid`],
//! answers the queries and applies the transitions. Because the cells never
//! touch the grid, the environment can change (a sequential loop, rayon over
//! bands of rows, bit-parallel kernels compiled from what the coroutine
//! answers when asked) without one line of cell logic changing.
//!
//! # The protocol
//!
//! | the cell yields | meaning | the environment resumes it with |
//! |---|---|---|
//! | [`Query`] `{ y, x }` | what is the state at (y, x)? (coordinates wrap) | the [`State`] there |
//! | [`Transition`] `{ y, x, state }` | cell (y, x) has `state` next generation | [`PRIME`] (ignored) |
//! | [`TICK`] | every cell of this sweep has transitioned | [`PRIME`] (ignored) |
//!
//! The coroutines are `async fn`s over genawaiter's [`Co`], composed by
//! awaiting one another, as Python composes generators with `yield from`:
//! [`simulate`] awaits [`step_cell`] for each cell, which awaits
//! [`count_neighbors`] (or, for rules of other neighbourhoods,
//! [`count_neighbors_in`] or [`live_neighbors`]).
//!
//! Driving one cell by hand shows the whole exchange. The first resume only
//! starts the coroutine — genawaiter drops its argument, as Python's priming
//! `next()` sends nothing — so the environment passes [`PRIME`]; the cell
//! then asks for its own state and its eight neighbours', and announces its
//! fate:
//!
//! ```
//! use corolife::genawaiter::{GeneratorState, stack::let_gen_using};
//! use corolife::{Op, PRIME, Query, Rule, State, Transition, step_cell};
//!
//! let rule = Rule::LIFE;
//! let_gen_using!(cell, |co| async move { step_cell(&co, 10, 5, &rule).await });
//!
//! // Prime it: it runs to its first query, about itself.
//! let mut yielded = cell.resume_with(PRIME);
//! let mut queries = Vec::new();
//! // Answer its nine queries: it is alive, and so are its first three
//! // neighbours.
//! for answer in [1, 1, 1, 1, 0, 0, 0, 0, 0] {
//!     match yielded {
//!         GeneratorState::Yielded(instruction) => match instruction.op() {
//!             Op::Query(query) => queries.push(query),
//!             other => panic!("expected a query, got {other:?}"),
//!         },
//!         GeneratorState::Complete(()) => panic!("the cell finished early"),
//!     }
//!     yielded = cell.resume_with(State::new(answer));
//! }
//! assert_eq!(queries[0], Query { y: 10, x: 5 });   // itself
//! assert_eq!(queries[1], Query { y: 9, x: 5 });    // north
//! assert_eq!(queries[8], Query { y: 9, x: 4 });    // north-west
//!
//! // Alive with three live neighbours: it survives.
//! match yielded {
//!     GeneratorState::Yielded(instruction) => assert_eq!(
//!         instruction.op(),
//!         Op::Transition(Transition { y: 10, x: 5, state: State::ALIVE })
//!     ),
//!     GeneratorState::Complete(()) => panic!("no transition"),
//! }
//! ```
//!
//! # Stepping a grid
//!
//! The glider of Effective Python's Item 40, four generations on a 5×9
//! torus:
//!
//! ```
//! use corolife::{Engine, Grid, Rule, Sequential, State};
//!
//! let mut grid = Grid::new(5, 9)?;
//! for (y, x) in [(0, 3), (1, 4), (2, 2), (2, 3), (2, 4)] {
//!     grid.assign(y, x, State::ALIVE);
//! }
//! let mut engine = Sequential::new(Rule::LIFE);
//! engine.run(&mut grid, 4);
//! assert_eq!(
//!     grid.to_string(),
//!     "---------\n----*----\n-----*---\n---***---\n---------\n",
//! );
//! # Ok::<(), corolife::GridError>(())
//! ```
//!
//! # Modules
//!
//! * [`protocol`] — [`Query`], [`Transition`], [`TICK`], [`Instruction`], [`Co`].
//! * [`cell`] — the coroutines [`count_neighbors`], [`live_neighbors`],
//!   [`count_neighbors_in`], [`step_cell`], [`simulate`].
//! * [`grid`] — [`Grid`], the torus, and [`Size`], rows and columns.
//! * [`rule`] — [`Rule`] and its [`Neighbourhood`]: Life-like rules
//!   (`B3/S23`, `B2/S13V`, `B2/S34H`), isotropic non-totalistic rules in
//!   Hensel's notation (`B2-a/S12`), Generations (`/2/3`, `B2/S/C3`) and
//!   Larger than Life (`R5,C0,M1,S34..58,B34..45,NM`), with `:T` torus
//!   suffixes. Every family runs through the same coroutines and engines.
//! * [`engine`] — [`Engine`], [`Sequential`], [`RowBands`], [`Compiled`].
//! * [`pattern`] — [`Pattern`], cells independent of a grid, and placement.
//! * [`format`](mod@format) — reading and writing pattern files: RLE, plaintext,
//!   Life 1.06 and (read only) Life 1.05.
//! * [`library`] — the built-in classic patterns.
//! * [`load`] — what every front end does first: a pattern from a file, a
//!   built-in name or text, its rule, its universe (plane, the rule's grid,
//!   or a torus of a given [`Size`]) and its [`Simulation`].
//! * [`analysis`] — still life, oscillator or spaceship: [`classify`](analysis::classify);
//!   when a pattern dies or settles, and a census of what it leaves:
//!   [`settle`](analysis::settle()).
//! * [`population`] — population, births and deaths generation by generation:
//!   [`series`](population::series).
//! * [`render`] — drawing grids: side-by-side text columns, terminal
//!   frames of cells, half-blocks and braille ([`render::glyphs`]), and
//!   pictures for image encoders and SVG ([`render::picture`]).
//! * [`soup`] — seeded random soups for benchmarks.
//! * [`budget`] — the memory budget everything that grows with a size
//!   asks first: available memory, the address-space and cgroup limits,
//!   or `--max-memory`.
//! * [`atomic`] — writing a file so that readers never see a part of it.
//! * [`escape`] — text from files made safe to show in a terminal.
//!
//! # Features
//!
//! `cli` (on by default) builds the `corolife` binary and pulls in its
//! command-line dependencies. Depend on corolife with
//! `default-features = false` for the library alone.

pub mod analysis;
pub mod atomic;
pub mod budget;
pub mod cell;
pub mod engine;
pub mod escape;
pub mod format;
pub mod grid;
pub mod library;
pub mod load;
pub mod pattern;
pub mod population;
pub mod protocol;
pub mod render;
pub mod rule;
pub mod soup;
pub mod state;
pub mod universe;

/// The generator crate the cells are written with, re-exported so that
/// callers drive cells with the same version.
pub use genawaiter;

pub use cell::{
    count_neighbors, count_neighbors_in, live_neighbors, simulate, simulate_in, step_cell,
};
pub use engine::{
    Chosen, Compiled, Description, Engine, EngineError, EngineKind, EngineOptions, HashLife,
    RowBands, Sequential, Vectors,
};
pub use grid::{Grid, GridError, Size};
pub use pattern::{Cell, Pattern, PlaceError, Placement, Rect};
pub use protocol::{Co, Instruction, Op, PRIME, Query, TICK, Transition};
pub use rule::{Family, Neighbourhood, Rule, RuleError, Topology, Walk};
pub use state::State;
pub use universe::{Simulation, Universe, UniverseError};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
