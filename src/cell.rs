//! The cell coroutines: `count_neighbors`, `step_cell` and `simulate` (and
//! `simulate_in`, its version for a rectangle of cells), with the two
//! other walks a rule may need, `count_neighbors_in` and `live_neighbors`.
//!
//! They are `async fn`s that yield through a genawaiter [`Co`]. Awaiting one
//! from another is how they compose — Rust's counterpart of Python's
//! `yield from`: every instruction the inner coroutine yields goes straight
//! out to the environment, and its return value comes back to the caller.
//!
//! None of them can see the grid. All they know of the world is what the
//! environment answers to their [`Query`]s.
//!
//! # The sequence of queries
//!
//! A cell asks the same questions whatever the answers: first its own
//! state, then each cell of its rule's [`Neighbourhood`] in the order of
//! [`Neighbourhood::offsets_at`], then it announces its [`Transition`].
//! Wherever it is, too, but for the triangular shapes (`NL`, and `NW` or
//! `N@` drawn with `L`), whose odd cells (row plus column odd, counted
//! from the top-left corner of a bounded grid as Golly counts them) ask
//! for the same cells upside down
//! ([`Neighbourhood::depends_on_position`]). An environment may therefore
//! learn a rule's questions once, by driving one cell (two for those
//! shapes), and rely on them for every cell. What the rule makes of the answers depends on its
//! [`Walk`]:
//!
//! * [`Walk::Moore`] (two-state and Generations rules of the Moore
//!   neighbourhood of range 1): [`count_neighbors`], the eight neighbours
//!   in [`MOORE`] order, counted.
//! * [`Walk::Configuration`] (isotropic rules): [`live_neighbors`], the same
//!   eight queries, noting which neighbour is alive so that the rule can
//!   tell Hensel's configurations apart.
//! * [`Walk::Neighbourhood`] (every other neighbourhood):
//!   [`count_neighbors_in`], one query per cell of the neighbourhood,
//!   counted; for the weighted shapes (`NW`, `NG`), [`weigh_neighbors_in`],
//!   the same queries, each live cell (and the cell itself) counting its
//!   weight.
//! * [`Walk::States`] (rules known by name: rule tables and trees, the
//!   Super and von Neumann families, WireWorld): [`neighbour_states`], the
//!   eight queries, each neighbour's state kept for the rule to decide on.
//!
//! For the counting walks only state 1 counts as alive: the dying states
//! of Generations rules are not live neighbours.

use std::convert::Infallible;
use std::ops::Range;

use crate::protocol::{Co, Query, TICK, Transition};
use crate::rule::neighbourhood::{weigh, weighted_key};
use crate::{Neighbourhood, Rule, State, Walk};

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

/// Asks for the state of one cell: a [`Query`] yielded and its answer
/// awaited. A macro rather than an `async fn`, so that no future is nested
/// in the walks over neighbours, the hottest loop of the interpreters.
macro_rules! ask {
    ($co:expr, $y:expr, $x:expr) => {
        $co.yield_(Query { y: $y, x: $x }.into()).await
    };
}

/// Asks for the state of each of the eight neighbours of (`y`, `x`), one
/// [`Query`] each, and returns how many are alive.
#[inline]
pub async fn count_neighbors(co: &Co<'_>, y: i32, x: i32) -> u8 {
    let mut count = 0;
    for (dy, dx) in MOORE {
        let state = ask!(co, y + dy, x + dx);
        count += u8::from(state.is_alive());
    }
    count
}

/// Asks for the state of each of the eight neighbours of (`y`, `x`) in
/// [`MOORE`] order, one [`Query`] each, and returns which are alive: bit
/// `i` of the result is set when the `i`-th neighbour is. This is the
/// *configuration* that isotropic rules decide on
/// ([`configuration_class`](crate::rule::configuration_class) names it).
#[inline]
pub async fn live_neighbors(co: &Co<'_>, y: i32, x: i32) -> u8 {
    let mut alive = 0;
    for (bit, (dy, dx)) in MOORE.into_iter().enumerate() {
        let state = ask!(co, y + dy, x + dx);
        alive |= u8::from(state.is_alive()) << bit;
    }
    alive
}

/// Asks for the state of every cell of `neighbourhood` around (`y`, `x`),
/// one [`Query`] each in the order of [`Neighbourhood::offsets_at`] (the
/// same as [`Neighbourhood::offsets`] but for the odd cells of the
/// triangular shapes), and returns how many are alive.
///
/// For the weighted shapes (`NW`, `NG`) it returns instead the weighted
/// sum, without the cell's own weight (see [`weigh_neighbors_in`]), or
/// `u32::MAX` if that is negative.
#[inline]
pub async fn count_neighbors_in(co: &Co<'_>, y: i32, x: i32, neighbourhood: Neighbourhood) -> u32 {
    let odd = (y ^ x) & 1 == 1;
    walk_neighbourhood(co, y, x, odd, State::EMPTY, neighbourhood).await
}

/// Asks for the state of every cell of a weighted `neighbourhood` (`NW`,
/// `NG`) around (`y`, `x`), one [`Query`] each in the order of
/// [`Neighbourhood::offsets_at`], and returns the key
/// [`Neighbourhood::key`] gives: the weighted sum of the cells asked for
/// and of the cell itself, in state `own`; `u32::MAX` if negative. For
/// the other shapes it counts the live cells, as [`count_neighbors_in`].
#[inline]
pub async fn weigh_neighbors_in(
    co: &Co<'_>,
    y: i32,
    x: i32,
    own: State,
    neighbourhood: Neighbourhood,
) -> u32 {
    let odd = (y ^ x) & 1 == 1;
    walk_neighbourhood(co, y, x, odd, own, neighbourhood).await
}

/// The walk of [`count_neighbors_in`] and [`weigh_neighbors_in`] for a
/// cell whose parity (for the triangular shapes) is `odd`.
#[inline]
async fn walk_neighbourhood(
    co: &Co<'_>,
    y: i32,
    x: i32,
    odd: bool,
    own: State,
    neighbourhood: Neighbourhood,
) -> u32 {
    let offsets = neighbourhood.offsets_at(0, i32::from(odd));
    let Some(weights) = neighbourhood.weights() else {
        let mut count = 0;
        for &(dy, dx) in offsets {
            let state = ask!(co, y + dy, x + dx);
            count += u32::from(state.is_alive());
        }
        return count;
    };
    let states = neighbourhood.state_weights();
    let mut sum = weigh(states, own, neighbourhood.centre_weight());
    for (&(dy, dx), &weight) in offsets.iter().zip(weights) {
        let state = ask!(co, y + dy, x + dx);
        sum += weigh(states, state, weight);
    }
    weighted_key(sum)
}

/// Whether the cell at (`y`, `x`) is odd, for the triangular shapes:
/// whether its row and column, counted from the top-left corner of the
/// rule's bounded grid, add up to an odd number, as in Golly. On the plane
/// they are counted from (0, 0), as they are on a plain torus, whose
/// cells the engines number from 0.
fn is_odd(rule: &Rule, y: i32, x: i32) -> bool {
    let topology = rule.topology();
    let (top, left) = match topology.plain_torus() {
        Some(_) => (0, 0),
        None => (topology.top(), topology.left()),
    };
    (y.wrapping_sub(top) ^ x.wrapping_sub(left)) & 1 == 1
}

/// Asks for the state of each of the eight neighbours of (`y`, `x`) in
/// [`MOORE`] order, one [`Query`] each, and returns them: what a rule
/// known by name ([`Walk::States`]) decides on.
#[inline]
pub async fn neighbour_states(co: &Co<'_>, y: i32, x: i32) -> [u8; 8] {
    let mut states = [0; 8];
    for (state, (dy, dx)) in states.iter_mut().zip(MOORE) {
        *state = ask!(co, y + dy, x + dx).value();
    }
    states
}

/// Moves the cell at (`y`, `x`) one generation on: asks for its own state,
/// walks its rule's neighbourhood (see the [module documentation](self)),
/// applies `rule`, and announces the result with a [`Transition`].
///
/// For Conway's Life it yields exactly nine queries (itself first, then its
/// neighbours in [`MOORE`] order) and then one transition.
#[inline]
pub async fn step_cell(co: &Co<'_>, y: i32, x: i32, rule: &Rule) {
    let state: State = ask!(co, y, x);
    let key = match rule.walk() {
        Walk::Moore => u32::from(count_neighbors(co, y, x).await),
        Walk::Configuration => u32::from(live_neighbors(co, y, x).await),
        Walk::Neighbourhood(neighbourhood) => {
            let odd = neighbourhood.depends_on_position() && is_odd(rule, y, x);
            walk_neighbourhood(co, y, x, odd, state, neighbourhood).await
        }
        Walk::States => {
            let around = neighbour_states(co, y, x).await;
            let next = rule.named_rule().map_or(state, |named| {
                State::new(named.next(state.value(), &around))
            });
            co.yield_(Transition { y, x, state: next }.into()).await;
            return;
        }
    };
    let next = rule.next_state(state, key);
    co.yield_(Transition { y, x, state: next }.into()).await;
}

/// Steps every cell of `rows` × `0..cols`, row by row, then yields [`TICK`];
/// and again, forever.
///
/// One `simulate` over all the rows of a grid is the whole simulation; a
/// parallel environment gives each band of rows a `simulate` of its own.
/// It is [`simulate_in`] over whole rows.
pub async fn simulate(co: Co<'_>, rows: Range<i32>, cols: i32, rule: &Rule) -> Infallible {
    simulate_in(co, rows, 0..cols, rule).await
}

/// Steps every cell of `rows` × `cols`, row by row (each row from the
/// first column of `cols` to the last), then yields [`TICK`]; and again,
/// forever.
///
/// The rectangle version of [`simulate`]: an environment that keeps its
/// cells in blocks gives each block it steps a `simulate_in` over the
/// rectangle of the block's cells that can change, and leaves the rest.
pub async fn simulate_in(
    co: Co<'_>,
    rows: Range<i32>,
    cols: Range<i32>,
    rule: &Rule,
) -> Infallible {
    loop {
        for y in rows.clone() {
            for x in cols.clone() {
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
        let transitions = sweep(|answer| sim.resume_with(answer));
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

    #[test]
    fn simulate_in_visits_its_rectangle_row_by_row_then_ticks() {
        let rule = Rule::LIFE;
        let_gen_using!(sim, |co| simulate_in(co, -1..1, 5..8, &rule));
        let first = sweep(|answer| sim.resume_with(answer));
        let second = sweep(|answer| sim.resume_with(answer));
        let rectangle = [(-1, 5), (-1, 6), (-1, 7), (0, 5), (0, 6), (0, 7)];
        assert_eq!(
            (first.as_slice(), second.as_slice()),
            (&rectangle[..], &rectangle[..])
        );
    }

    /// Drives a simulation through one sweep, answering every query empty,
    /// and returns the cells it announced, in order, up to its `TICK`.
    fn sweep(
        mut resume: impl FnMut(State) -> GeneratorState<Instruction, Infallible>,
    ) -> Vec<(i32, i32)> {
        let mut answer = PRIME;
        let mut transitions = Vec::new();
        loop {
            match yielded_any(resume(answer)) {
                Op::Query(_) => answer = State::EMPTY,
                Op::Transition(t) => {
                    transitions.push((t.y, t.x));
                    answer = PRIME;
                }
                Op::Tick => return transitions,
            }
        }
    }

    /// Drives one `step_cell` at (`y`, `x`), answering its queries from
    /// `answer` (called with the query's offset from the cell); returns the
    /// offsets asked, in order, and the transition.
    fn drive(
        rule: Rule,
        y: i32,
        x: i32,
        mut answer: impl FnMut((i32, i32)) -> State,
    ) -> (Vec<(i32, i32)>, State) {
        let_gen_using!(cell, |co| async move { step_cell(&co, y, x, &rule).await });
        let mut asked = Vec::new();
        let mut op = yielded(cell.resume_with(PRIME));
        loop {
            match op {
                Op::Query(q) => {
                    let offset = (q.y - y, q.x - x);
                    asked.push(offset);
                    op = yielded(cell.resume_with(answer(offset)));
                }
                Op::Transition(t) => {
                    assert_eq!((t.y, t.x), (y, x));
                    return (asked, t.state);
                }
                Op::Tick => panic!("a cell does not tick"),
            }
        }
    }

    /// Whatever the answers and wherever the cell, it asks about itself,
    /// then about its rule's neighbourhood in the order of
    /// `Neighbourhood::offsets`: an engine may learn the questions once.
    #[test]
    fn every_rule_asks_a_fixed_sequence_of_queries() {
        let rules = [
            "B3/S23",
            "B2/S13V",
            "B2/S34H",
            "B2-a/S12",
            "/2/3",
            "R2,C0,S2-3,B3,NN",
            "R3,C4,S5-9,B7,NH",
            "R5,C0,M1,S34..58,B34..45,NM",
        ];
        for text in rules {
            let rule: Rule = text.parse().expect("valid rule");
            let mut expected = vec![(0, 0)];
            expected.extend_from_slice(rule.neighbourhood().offsets());
            let mut seed = 7u32;
            for (y, x) in [(0, 0), (5, -3), (1000, 77)] {
                for pattern in 0..4 {
                    let (asked, _) = drive(rule, y, x, |_| {
                        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                        match pattern {
                            0 => State::EMPTY,
                            1 => State::ALIVE,
                            2 => State::new((seed >> 16) as u8 % 4),
                            _ => State::from(seed >> 16 & 1 == 1),
                        }
                    });
                    assert_eq!(asked, expected, "{text} at ({y}, {x})");
                }
            }
        }
    }

    /// A triangular cell asks for its own state, then for the cells of
    /// its parity: even cells the shape pointing one way, odd cells
    /// (row plus column odd) the same cells upside down.
    #[test]
    fn triangular_cells_ask_by_their_parity() {
        let rule: Rule = "R1,C0,S1,B1,10-12,NL".parse().expect("valid rule");
        let triangle = rule.neighbourhood();
        let even: Vec<_> = triangle.offsets().to_vec();
        let odd: Vec<_> = even.iter().map(|&(dy, dx)| (-dy, dx)).collect();
        assert_ne!(even, odd);
        for (y, x, expected) in [(0, 0, &even), (0, 1, &odd), (5, -3, &even), (-7, 0, &odd)] {
            let (asked, _) = drive(rule, y, x, |_| State::EMPTY);
            assert_eq!(asked[0], (0, 0));
            assert_eq!(&asked[1..], expected.as_slice(), "({y}, {x})");
        }
        // An even cell sees (-1, -2) but not (1, -2); an odd one the
        // other way round. One live cell there, B1: born or not.
        let at = |cell: (i32, i32)| move |offset: (i32, i32)| State::from(offset == cell);
        assert_eq!(drive(rule, 0, 0, at((-1, -2))).1, State::ALIVE);
        assert_eq!(drive(rule, 0, 0, at((1, -2))).1, State::EMPTY);
        assert_eq!(drive(rule, 0, 1, at((1, -2))).1, State::ALIVE);
        assert_eq!(drive(rule, 0, 1, at((-1, -2))).1, State::EMPTY);
        // On a bounded grid the parity counts from its top-left corner,
        // (-15, -20) on a 40x31 grid: (0, 0) is odd there.
        let bounded: Rule = "R1,C0,S1,B1,10-12,NL:P40,31".parse().expect("valid rule");
        assert_eq!(
            &drive(bounded, 0, 0, |_| State::EMPTY).0[1..],
            odd.as_slice()
        );
        assert_eq!(
            &drive(bounded, -15, -20, |_| State::EMPTY).0[1..],
            even.as_slice()
        );
        // A plain torus numbers its cells from 0.
        let torus: Rule = "R1,C0,S1,B1,10-12,NL:T40,31".parse().expect("valid rule");
        assert_eq!(
            &drive(torus, 0, 0, |_| State::EMPTY).0[1..],
            even.as_slice()
        );
    }

    /// Golly's two-digit example, 8 16 8 / 10 -5 10 / 8 16 8, worked by
    /// hand: live north and east neighbours weigh 26, and a live cell
    /// adds its own -5.
    #[test]
    fn a_weighted_cell_adds_its_neighbours_weights_and_its_own() {
        let rule: Rule = "R1,C0,S21,B26,NW0810080a850a081008"
            .parse()
            .expect("valid rule");
        let around = |offset: (i32, i32)| State::from(offset == (-1, 0) || offset == (0, 1));
        let own = |state: State| {
            move |offset: (i32, i32)| {
                if offset == (0, 0) {
                    state
                } else {
                    around(offset)
                }
            }
        };
        let (asked, born) = drive(rule, 4, 4, own(State::EMPTY));
        // Itself, then the eight cells of non-zero weight: it asks for
        // itself only once.
        assert_eq!(asked.len(), 9);
        assert_eq!(born, State::ALIVE);
        assert_eq!(drive(rule, 4, 4, own(State::ALIVE)).1, State::ALIVE);
        // Without the east neighbour: 16 and 16 - 5, neither in the sets.
        let north = |offset: (i32, i32)| State::from(offset == (-1, 0));
        assert_eq!(drive(rule, 4, 4, north).1, State::EMPTY);
    }

    #[test]
    fn live_neighbors_sets_one_bit_per_live_neighbour_in_moore_order() {
        for bit in 0..8 {
            let_gen_using!(cell, |co| async move {
                let alive = live_neighbors(&co, 0, 0).await;
                co.yield_(
                    Transition {
                        y: 0,
                        x: 0,
                        state: State::new(alive),
                    }
                    .into(),
                )
                .await;
            });
            let mut op = yielded(cell.resume_with(PRIME));
            let mut asked = 0;
            while let Op::Query(_) = op {
                op = yielded(cell.resume_with(State::from(asked == bit)));
                asked += 1;
            }
            assert_eq!(asked, 8);
            assert!(matches!(op, Op::Transition(t) if t.state == State::new(1 << bit)));
        }
    }

    #[test]
    fn dying_states_are_not_live_neighbours() {
        // Brian's Brain: an empty cell with two live neighbours fires, but
        // not when they are dying (state 2).
        let brain: Rule = "/2/3".parse().expect("valid rule");
        let two_live = |state: State| {
            move |offset: (i32, i32)| match offset {
                (0, 0) => State::EMPTY,
                (-1, 0) | (1, 0) => state,
                _ => State::EMPTY,
            }
        };
        assert_eq!(drive(brain, 3, 3, two_live(State::ALIVE)).1, State::ALIVE);
        assert_eq!(drive(brain, 3, 3, two_live(State::new(2))).1, State::EMPTY);
    }

    #[test]
    fn hensel_rules_tell_configurations_of_one_count_apart() {
        // B2-a: two live neighbours give birth unless they are an edge and
        // the corner beside it.
        let rule: Rule = "B2-a/S12".parse().expect("valid rule");
        let alive_at =
            |cells: [(i32, i32); 2]| move |offset: (i32, i32)| State::from(cells.contains(&offset));
        // North and north-east: 2a, no birth.
        assert_eq!(
            drive(rule, 0, 0, alive_at([(-1, 0), (-1, 1)])).1,
            State::EMPTY
        );
        // North and south: 2i, birth.
        assert_eq!(
            drive(rule, 0, 0, alive_at([(-1, 0), (1, 0)])).1,
            State::ALIVE
        );
        // Plain B2 makes no such difference.
        let b2: Rule = "B2/S12".parse().expect("valid rule");
        assert_eq!(
            drive(b2, 0, 0, alive_at([(-1, 0), (-1, 1)])).1,
            State::ALIVE
        );
    }

    fn yielded_any(state: GeneratorState<Instruction, Infallible>) -> Op {
        match state {
            GeneratorState::Yielded(instruction) => instruction.op(),
            GeneratorState::Complete(never) => match never {},
        }
    }
}
