use proptest::prelude::*;

use super::*;
use crate::universe::Simulation;
use crate::{EngineKind, EngineOptions, Pattern};

const BUDGET: u64 = 64 << 20;

fn glider() -> Vec<Cell> {
    [(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)]
        .into_iter()
        .map(|(y, x)| Cell::alive(y, x))
        .collect()
}

/// The live cells of a HashLife plane, by row, then column.
fn cells(life: &HashLife) -> Vec<(i64, i64)> {
    match life.bounds() {
        Some(b) => life.cells_in(b.top, b.left, b.bottom, b.right),
        None => Vec::new(),
    }
}

/// The live cells the compiled plane engine gives after `generations`.
fn compiled(rule: Rule, start: &[Cell], generations: u64) -> Vec<(i64, i64)> {
    let pattern = Pattern::from_cells(start.iter().copied());
    let options = EngineOptions {
        threads: Some(1),
        ..EngineOptions::default()
    };
    let mut simulation =
        Simulation::build(&pattern, rule, EngineKind::Compiled, options).expect("plane");
    simulation.run(generations).expect("runs");
    simulation
        .pattern()
        .cells()
        .iter()
        .map(|c| (i64::from(c.y), i64::from(c.x)))
        .collect()
}

#[test]
fn a_glider_moves_one_cell_diagonally_every_four_generations() {
    let mut life = HashLife::from_cells(Rule::LIFE, BUDGET, &glider()).expect("life");
    let start = cells(&life);
    for quarter in 1..=40i64 {
        life.run(4).expect("steps");
        let moved: Vec<_> = start
            .iter()
            .map(|&(y, x)| (y + quarter, x + quarter))
            .collect();
        assert_eq!(cells(&life), moved, "after {} generations", 4 * quarter);
    }
    life.run(4 * ((1 << 40) - 40)).expect("steps");
    let far = 1i64 << 40;
    let moved: Vec<_> = start.iter().map(|&(y, x)| (y + far, x + far)).collect();
    assert_eq!(cells(&life), moved);
}

#[test]
fn set_and_get_anywhere() {
    let mut life = HashLife::new(Rule::LIFE).expect("life");
    let points = [
        (0, 0),
        (-1, -1),
        (1 << 40, -(1 << 41)),
        (-5, 1 << 50),
        (7, 8),
    ];
    for &(y, x) in &points {
        life.set(y, x, true);
    }
    for &(y, x) in &points {
        assert!(life.get(y, x), "({y}, {x})");
        assert!(!life.get(y + 1, x), "({}, {x})", y + 1);
    }
    assert_eq!(life.population(), points.len() as u64);
    let bounds = life.bounds().expect("alive");
    assert_eq!(
        (bounds.top, bounds.left, bounds.bottom, bounds.right),
        (-5, -(1 << 41), 1 << 40, 1 << 50)
    );
    life.set(7, 8, false);
    assert!(!life.get(7, 8));
    assert_eq!(life.population(), points.len() as u64 - 1);
}

/// Small random patterns, run by HashLife and by the coroutines on the
/// plane, agree at every generation count tried.
fn agree(rule: Rule, start: &[Cell], counts: &[u64]) {
    let mut life = HashLife::from_cells(rule, BUDGET, start).expect("life");
    let mut done = 0;
    for &count in counts {
        life.run(count - done).expect("steps");
        done = count;
        assert_eq!(
            cells(&life),
            compiled(rule, start, count),
            "{rule} after {count}"
        );
    }
}

#[test]
fn agrees_with_the_coroutines_on_a_methuselah() {
    let r_pentomino: Vec<Cell> = [(0, 1), (0, 2), (1, 0), (1, 1), (2, 1)]
        .into_iter()
        .map(|(y, x)| Cell::alive(y, x))
        .collect();
    agree(
        Rule::LIFE,
        &r_pentomino,
        &[1, 2, 3, 7, 8, 16, 33, 100, 255, 256, 300],
    );
}

fn soup() -> impl Strategy<Value = Vec<Cell>> {
    prop::collection::vec((-12i32..12, -12i32..12), 0..80)
        .prop_map(|points| points.into_iter().map(|(y, x)| Cell::alive(y, x)).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn agrees_with_the_coroutines_on_soups(
        start in soup(),
        rule in prop::sample::select(vec!["B3/S23", "B36/S23", "B2/S", "B3/S23V", "B2e3-r/S23", "B2/S34H"]),
        counts in prop::collection::btree_set(1u64..90, 1..4),
    ) {
        let rule: Rule = rule.parse().expect("rule");
        let counts: Vec<u64> = counts.into_iter().collect();
        agree(rule, &start, &counts);
    }
}

#[test]
fn a_small_budget_collects_and_still_agrees() {
    let r_pentomino: Vec<Cell> = [(0, 1), (0, 2), (1, 0), (1, 1), (2, 1)]
        .into_iter()
        .map(|(y, x)| Cell::alive(y, x))
        .collect();
    // Room for some thousands of nodes: the 1103 generations of the
    // R-pentomino's settling need collections to fit.
    let mut life = HashLife::from_cells(Rule::LIFE, 400 << 10, &r_pentomino).expect("life");
    life.run(1103).expect("fits");
    assert!(life.stats().collections > 0, "{:?}", life.stats());
    assert_eq!(cells(&life), compiled(Rule::LIFE, &r_pentomino, 1103));
}

#[test]
fn a_budget_too_small_for_one_generation_is_an_error() {
    let many: Vec<Cell> = (0..4000)
        .map(|i| Cell::alive(i * 7919 % 997 * 3, i * 104_729 % 991 * 3))
        .collect();
    let life = HashLife::from_cells(Rule::LIFE, 32 << 10, &many);
    let error = match life {
        Err(error) => error,
        Ok(mut life) => life.run(1).expect_err("too small"),
    };
    assert!(matches!(error, HashLifeError::Memory { .. }), "{error}");
}

#[test]
fn refuses_what_it_cannot_run() {
    for (rule, what) in [
        ("/2/3", "two-state"),
        ("B0/S", "flash"),
        ("B3/S23:T10,10", "plane"),
        ("R2,C0,M0,S2..3,B3..3,NM", "3x3"),
    ] {
        let rule: Rule = rule.parse().expect("rule");
        let error = HashLife::new(rule).err().expect("refused").to_string();
        assert!(error.contains(what), "{rule}: {error}");
    }
}

#[test]
fn b0_with_s8_runs_as_its_complement_rule() {
    // B0123478/S01234678 is B3/S23 with states swapped (Golly runs it so).
    let inverse: Rule = "B0123478/S01234678".parse().expect("rule");
    let start = glider();
    let mut life = HashLife::from_cells(inverse, BUDGET, &start).expect("life");
    life.run(8).expect("steps");
    assert_eq!(cells(&life), compiled(Rule::LIFE, &start, 8));
}

#[test]
fn macrocell_round_trip_keeps_cells_and_place() {
    let points: Vec<Cell> = [(0, 0), (-3, 5), (100, -7), (-1000, 4000), (3, 3)]
        .into_iter()
        .map(|(y, x)| Cell::alive(y, x))
        .collect();
    let life = HashLife::from_cells(Rule::LIFE, BUDGET, &points).expect("life");
    let file = life.to_macrocell(12);
    assert_eq!(file.generation, 12);
    let back = HashLife::from_macrocell(Rule::LIFE, BUDGET, &file).expect("read");
    assert_eq!(cells(&back), cells(&life));
    // A pattern inside one leaf.
    let small = HashLife::from_cells(Rule::LIFE, BUDGET, &glider()).expect("life");
    let back = HashLife::from_macrocell(Rule::LIFE, BUDGET, &small.to_macrocell(0)).expect("read");
    assert_eq!(cells(&back), cells(&small));
}

/// Golly writes a cell at x = 0, y = 0 as row 7 of the north-east leaf of
/// a 16×16 root, and one at x = −8, y = −7 as row 0 of the north-west
/// leaf: rows run one further down than columns.
#[test]
fn macrocell_roots_are_placed_as_golly_places_them() {
    let file = |row: usize, quadrant: usize| {
        let mut rows = [0u8; 8];
        rows[row] = 1;
        let mut children = [0; 4];
        children[quadrant] = 1;
        Macrocell {
            nodes: vec![McNode::Leaf8(rows), McNode::Inner { level: 4, children }],
            ..Macrocell::default()
        }
    };
    for (row, quadrant, at) in [(7, 1, (0, 0)), (0, 0, (-7, -8))] {
        let life =
            HashLife::from_macrocell(Rule::LIFE, BUDGET, &file(row, quadrant)).expect("reads");
        assert_eq!(cells(&life), [at]);
        let written = life.to_macrocell(0);
        let again = HashLife::from_macrocell(Rule::LIFE, BUDGET, &written).expect("reads");
        assert_eq!(cells(&again), [at]);
    }
    // Built from cells, the same cell is written in the same place.
    let life = HashLife::from_cells(Rule::LIFE, BUDGET, &[Cell::alive(0, 0)]).expect("builds");
    let written = life.to_macrocell(0);
    assert_eq!(written.nodes.last(), file(7, 1).nodes.last());
    // A root smaller than a leaf (a multistate file's 2×2) likewise: its
    // top-left cell at x = −1, y = 0.
    let small = Macrocell {
        nodes: vec![McNode::Leaf2([
            State::ALIVE,
            State::EMPTY,
            State::EMPTY,
            State::EMPTY,
        ])],
        ..Macrocell::default()
    };
    let life = HashLife::from_macrocell(Rule::LIFE, BUDGET, &small).expect("reads");
    assert_eq!(cells(&life), [(0, -1)]);
}
