use proptest::prelude::*;

use super::*;
use crate::universe::Simulation;
use crate::{EngineKind, EngineOptions, Pattern};

const BUDGET: u64 = 64 << 20;

fn rule(text: &str) -> Rule {
    text.parse().expect("rule")
}

/// The cells of the plane, by row, then column.
fn cells(life: &GenerationsLife) -> Vec<(i64, i64, State)> {
    match life.bounds() {
        Some(b) => life.cells_in(b.top, b.left, b.bottom, b.right),
        None => Vec::new(),
    }
}

/// The cells the sequential engine's coroutines give on the plane after
/// each of `counts` (increasing) generations.
fn coroutines(rule: Rule, start: &[Cell], counts: &[u64]) -> Vec<Vec<(i64, i64, State)>> {
    let pattern = Pattern::from_cells(start.iter().copied());
    let options = EngineOptions {
        threads: Some(1),
        ..EngineOptions::default()
    };
    let mut simulation =
        Simulation::build(&pattern, rule, EngineKind::Sequential, options).expect("plane");
    assert_eq!(simulation.engine(), "sequential");
    let mut done = 0;
    counts
        .iter()
        .map(|&count| {
            simulation.run(count - done).expect("runs");
            done = count;
            simulation
                .pattern()
                .cells()
                .iter()
                .map(|c| (i64::from(c.y), i64::from(c.x), c.state))
                .collect()
        })
        .collect()
}

/// `start` run by `GenerationsLife` and by the coroutines agrees after
/// each of `counts` generations.
fn agree(rule: Rule, start: &[Cell], counts: &[u64]) {
    let expected = coroutines(rule, start, counts);
    let mut life = GenerationsLife::from_cells(rule, BUDGET, start).expect("life");
    let mut done = 0;
    for (&count, expected) in counts.iter().zip(expected) {
        life.run(count - done).expect("steps");
        done = count;
        assert_eq!(cells(&life), expected, "{rule} after {count}");
        assert_eq!(
            life.population(),
            expected.len() as u64,
            "{rule} after {count}"
        );
    }
}

fn brain_p3() -> Vec<Cell> {
    let pattern = crate::format::parse(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/patterns/brians-brain-p3.rle"
        ))
        .expect("pattern file"),
        None,
    )
    .expect("parses");
    pattern.cells().to_vec()
}

/// Random cells in any of the rule's states, within a small square.
fn soup(states: u16) -> impl Strategy<Value = Vec<Cell>> {
    prop::collection::vec((-8i32..8, -8i32..8, 1..states), 0..70).prop_map(|cells| {
        let mut seen = std::collections::BTreeMap::new();
        for (y, x, state) in cells {
            seen.insert((y, x), state as u8);
        }
        seen.into_iter()
            .map(|((y, x), state)| Cell {
                y,
                x,
                state: State::new(state),
            })
            .collect()
    })
}

const RULES: [&str; 8] = [
    "/2/3",
    "345/2/4",
    "B2/S/C3",
    "B3/S23/C5",
    "B2-a/S12/C3",
    "B2/S013/C3V",
    "B2/S34/C4H",
    "B3/S23/C256",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn agrees_with_the_coroutines_on_soups(
        (rule, start) in prop::sample::select(RULES.to_vec())
            .prop_flat_map(|text| {
                let rule: Rule = text.parse().expect("rule");
                (Just(rule), soup(rule.states()))
            }),
        counts in prop::collection::btree_set(1u64..=100, 1..4),
        power in prop::option::of(5u32..=6),
    ) {
        let mut counts: Vec<u64> = counts.into_iter().collect();
        if let Some(power) = power {
            let last = *counts.last().expect("a count");
            counts.push(last.max(1 << power) + (1 << power));
        }
        agree(rule, &start, &counts);
    }

    /// Far beyond what the coroutines can check: one big step and many
    /// small ones (other memoised steps, other roots) end alike. The rules
    /// are ones whose soups settle (Brian's Brain's may grow without end).
    #[test]
    fn big_steps_agree_with_small_ones(
        text in prop::sample::select(vec!["B3/S23/C3", "B2/S013/C3V", "B3/S23/C256", "B36/S23/C4"]),
        start in soup(3),
        power in 10u32..=40,
    ) {
        let rule = rule(text);
        let mut whole = GenerationsLife::from_cells(rule, BUDGET, &start).expect("life");
        whole.run(1 << power).expect("steps");
        let mut pieces = GenerationsLife::from_cells(rule, BUDGET, &start).expect("life");
        for _ in 0..7 {
            pieces.run(1).expect("steps");
        }
        pieces.run(3).expect("steps");
        pieces.run((1 << power) - 10).expect("steps");
        prop_assert_eq!(cells(&whole), cells(&pieces));
    }
}

#[test]
fn brians_brain_p3_has_period_three() {
    let start = brain_p3();
    let mut life = GenerationsLife::from_cells(rule("/2/3"), BUDGET, &start).expect("life");
    let first = cells(&life);
    assert_eq!(first.len(), 8);
    for generation in 1..=12 {
        life.run(1).expect("steps");
        assert_eq!(
            cells(&life) == first,
            generation % 3 == 0,
            "after {generation}"
        );
    }
    life.run(3 * (1 << 40) - 12).expect("steps");
    assert_eq!(cells(&life), first);
    life.run(1 << 40).expect("steps");
    assert_ne!(cells(&life), first, "2^40 is not a multiple of 3");
    agree(rule("/2/3"), &start, &[1, 2, 3, 50, 99]);
}

#[test]
fn set_and_get_anywhere() {
    let mut life = GenerationsLife::new(rule("345/2/4")).expect("life");
    let points = [
        (0, 0, 1),
        (-1, -1, 2),
        (1 << 40, -(1 << 41), 3),
        (-5, 1 << 50, 1),
        (7, 8, 2),
    ];
    for &(y, x, s) in &points {
        life.set(y, x, State::new(s));
    }
    for &(y, x, s) in &points {
        assert_eq!(life.get(y, x), State::new(s), "({y}, {x})");
        assert_eq!(life.get(y + 1, x), State::EMPTY, "({}, {x})", y + 1);
    }
    assert_eq!(life.population(), points.len() as u64);
    let bounds = life.bounds().expect("alive");
    assert_eq!(
        (bounds.top, bounds.left, bounds.bottom, bounds.right),
        (-5, -(1 << 41), 1 << 40, 1 << 50)
    );
    life.set(7, 8, State::EMPTY);
    assert_eq!(life.get(7, 8), State::EMPTY);
    assert_eq!(life.population(), points.len() as u64 - 1);
}

#[test]
fn macrocell_round_trip_keeps_states_and_place() {
    let points: Vec<Cell> = [
        (0, 0, 1),
        (-3, 5, 2),
        (100, -7, 3),
        (-1000, 4000, 1),
        (3, 3, 255),
    ]
    .into_iter()
    .map(|(y, x, s)| Cell {
        y,
        x,
        state: State::new(s),
    })
    .collect();
    let brain = rule("B3/S23/C256");
    let life = GenerationsLife::from_cells(brain, BUDGET, &points).expect("life");
    let file = life.to_macrocell(12);
    assert_eq!(file.generation, 12);
    assert!(
        matches!(file.nodes[0], McNode::Leaf2(_)),
        "{:?}",
        file.nodes
    );
    assert!(
        file.nodes
            .iter()
            .all(|n| matches!(n, McNode::Leaf2(_) | McNode::Inner { level: 2.., .. }))
    );
    let back = GenerationsLife::from_macrocell(brain, BUDGET, &file).expect("read");
    assert_eq!(cells(&back), cells(&life));
    assert_eq!(back.to_macrocell(12), file);
    // Each placement, down to the smallest root.
    for (y, x) in [(0, 0), (0, -1), (1, 0), (-7, -8), (8, 7)] {
        let one = [Cell {
            y,
            x,
            state: State::new(2),
        }];
        let life = GenerationsLife::from_cells(brain, BUDGET, &one).expect("life");
        let back =
            GenerationsLife::from_macrocell(brain, BUDGET, &life.to_macrocell(0)).expect("read");
        assert_eq!(cells(&back), [(i64::from(y), i64::from(x), State::new(2))]);
    }
}

/// A multistate file's root of level 1 has its top-left cell at x = −1,
/// y = 0; one of level 2 at x = −2, y = −1, as Golly places them.
#[test]
fn macrocell_roots_are_placed_as_golly_places_them() {
    let leaf = McNode::Leaf2([State::new(2), State::EMPTY, State::EMPTY, State::ALIVE]);
    let small = Macrocell {
        nodes: vec![leaf],
        ..Macrocell::default()
    };
    let life = GenerationsLife::from_macrocell(rule("/2/3"), BUDGET, &small).expect("reads");
    assert_eq!(cells(&life), [(0, -1, State::new(2)), (1, 0, State::ALIVE)]);
    let larger = Macrocell {
        nodes: vec![
            leaf,
            McNode::Inner {
                level: 2,
                children: [1, 0, 0, 0],
            },
        ],
        ..Macrocell::default()
    };
    let life = GenerationsLife::from_macrocell(rule("/2/3"), BUDGET, &larger).expect("reads");
    assert_eq!(
        cells(&life),
        [(-1, -2, State::new(2)), (0, -1, State::ALIVE)]
    );
    // A two-state file's 8×8 leaf reads as states 0 and 1.
    let mut rows = [0u8; 8];
    rows[7] = 1;
    let two = Macrocell {
        nodes: vec![
            McNode::Leaf8(rows),
            McNode::Inner {
                level: 4,
                children: [0, 1, 0, 0],
            },
        ],
        ..Macrocell::default()
    };
    let life = GenerationsLife::from_macrocell(rule("/2/3"), BUDGET, &two).expect("reads");
    assert_eq!(cells(&life), [(0, 0, State::ALIVE)]);
}

#[test]
fn refuses_what_it_cannot_run() {
    for (text, what) in [
        ("B3/S23", "two-state"),
        ("B2-a/S12", "two-state"),
        ("B0/S/C3", "B0"),
        ("3468/0235678/9", "B0"),
        ("/2/3:T10,10", "plane"),
        ("R2,C3,S2..3,B3..3,NM", "Larger than Life"),
    ] {
        let error = GenerationsLife::new(rule(text))
            .err()
            .unwrap_or_else(|| panic!("{text} refused"))
            .to_string();
        assert!(error.contains(what), "{text}: {error}");
    }
}

#[test]
fn a_small_budget_collects_and_still_agrees() {
    // A soup that Brian's Brain turns into growing chaos.
    let start: Vec<Cell> = [
        (-8, -8, 2),
        (-8, -7, 2),
        (-8, -4, 2),
        (-8, 4, 2),
        (-8, 7, 1),
        (-7, -6, 1),
        (-7, -5, 1),
        (-7, 7, 1),
        (-6, -8, 2),
        (-6, -2, 1),
        (-6, 6, 1),
        (-5, -4, 2),
        (-5, -3, 2),
        (-5, 2, 2),
        (-4, -8, 1),
        (-4, 3, 2),
        (-4, 5, 2),
        (-3, 3, 1),
        (-2, -3, 1),
        (-1, -2, 1),
        (-1, 7, 2),
        (0, -7, 2),
        (0, -1, 1),
        (0, 3, 1),
        (3, -8, 1),
        (3, 6, 1),
        (4, -7, 2),
        (5, -4, 2),
        (6, 4, 1),
        (7, -7, 1),
        (7, -4, 2),
        (7, -1, 1),
        (7, 3, 1),
        (7, 6, 1),
        (7, 7, 2),
    ]
    .into_iter()
    .map(|(y, x, s)| Cell {
        y,
        x,
        state: State::new(s),
    })
    .collect();
    let brain = rule("/2/3");
    // Room for some tens of thousands of nodes: Brian's Brain's chaos
    // needs more.
    let mut life = GenerationsLife::from_cells(brain, 1 << 20, &start).expect("life");
    life.run(150).expect("fits");
    assert!(life.stats().collections > 0, "{:?}", life.stats());
    assert_eq!(cells(&life), coroutines(brain, &start, &[150]).remove(0));
}

#[test]
fn a_budget_too_small_for_one_generation_is_an_error() {
    let many: Vec<Cell> = (0..4000)
        .map(|i| Cell::alive(i * 7919 % 997 * 3, i * 104_729 % 991 * 3))
        .collect();
    let life = GenerationsLife::from_cells(rule("/2/3"), 32 << 10, &many);
    let error = match life {
        Err(error) => error,
        Ok(mut life) => life.run(1).expect_err("too small"),
    };
    assert!(matches!(error, HashLifeError::Memory { .. }), "{error}");
}
