//! Every engine against every other on every topology, and the plane
//! against a torus too large to wrap: random soups, rules of every family.

use proptest::prelude::*;

use corolife::{
    Cell, Engine, EngineKind, EngineOptions, Grid, Pattern, Rule, Sequential, Simulation, State,
    Topology, UniverseError,
};

/// Rules of every family, with the states their soups may hold.
const RULES: [(&str, u8); 23] = [
    ("B3/S23", 2),
    ("B36/S23", 2),
    ("B2-a/S12", 2),
    ("B2/S13V", 2),
    ("B2/S34H", 2),
    ("/2/3", 3),
    ("345/2/4", 4),
    ("B2/S3/C5H", 5),
    ("B2-a/S12/C3", 3),
    ("R2,C0,S2-3,B3,NN", 2),
    ("R3,C0,M1,S6..16,B5..9,NM", 2),
    ("R2,C4,M0,S3..8,B3..5,NH", 4),
    (
        "MAPI1IRQCQw4xgFpIAQBR3INxARTgEkow1ixQMgYARCYAAZAbUQAAAEAhAE4C9AAEXGWQCGCAOFEBADCdTQBAwyNA",
        2,
    ),
    ("MAPRAyAQQDMAAqCg3M5hGwEIA/3", 3),
    ("WireWorld", 4),
    ("Langtons-Ant", 10),
    ("LifeHistory", 7),
    ("B36/S23Super", 26),
    ("LifeInvestigator", 21),
    ("JvN29", 29),
    ("Hutton32", 32),
    // Defined by the rule files of `RULE_FILES`: a tree and a table.
    ("Byl-Loop", 6),
    ("Banks-I", 2),
];

/// Rule files the rules above name.
const RULE_FILES: [&str; 2] = [
    include_str!("fixtures/rules/Byl-Loop.rule"),
    include_str!("fixtures/rules/Banks-I.rule"),
];

/// Golly's grids, each at least 14 cells on a side (the soups are 12).
const TOPOLOGIES: [&str; 11] = [
    "",
    ":T16,14",
    ":T17+3,14",
    ":T16,15-4",
    ":T0,14",
    ":P18,14",
    ":P0,16",
    ":K16*,14",
    ":K16,15*+1",
    ":C15,16",
    ":S16",
];

fn soup() -> impl Strategy<Value = (usize, Vec<u8>)> {
    (0..RULES.len()).prop_flat_map(|rule| {
        let states = RULES[rule].1;
        (Just(rule), prop::collection::vec(0..states, 12 * 12))
    })
}

/// The soup's non-empty cells, 12 to a row.
fn cells(states: &[u8]) -> Vec<Cell> {
    states
        .iter()
        .enumerate()
        .filter(|&(_, &s)| s != 0)
        .map(|(i, &s)| Cell {
            y: (i / 12) as i32,
            x: (i % 12) as i32,
            state: State::new(s),
        })
        .collect()
}

/// Every cell of a simulation, as (row, column, state).
fn all(simulation: &Simulation) -> Vec<(i32, i32, u8)> {
    simulation
        .pattern()
        .cells()
        .iter()
        .map(|c| (c.y, c.x, c.state.value()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_engine_agrees_on_every_topology(
        (rule, states) in soup(),
        topology in 0..TOPOLOGIES.len(),
        generations in 1u64..24,
    ) {
        for file in RULE_FILES {
            corolife::rule::define(file).expect("a valid rule file");
        }
        let text = format!("{}{}", RULES[rule].0, TOPOLOGIES[topology]);
        let rule: Rule = text.parse().expect("rule");
        let pattern = Pattern::from_cells(cells(&states));
        let engines = [EngineKind::Sequential, EngineKind::RowBands, EngineKind::Compiled];
        // The compiled engine on one thread and on two.
        let runs = [(EngineKind::Sequential, 2), (EngineKind::RowBands, 2), (EngineKind::Compiled, 1), (EngineKind::Compiled, 2)];
        let range = u32::from(rule.neighbourhood().range());
        if rule.topology().max_range().is_some_and(|max| range > max) {
            // Golly's twisted joins are one cell deep: every engine refuses.
            for engine in engines {
                let built = Simulation::build(&pattern, rule, engine, EngineOptions::default());
                prop_assert!(matches!(built, Err(UniverseError::Range { .. })), "{} on {}", engine, text);
            }
            return Ok(());
        }
        let runs: Vec<_> = runs
            .into_iter()
            .map(|(engine, threads)| {
                let options = EngineOptions { threads: Some(threads), ..EngineOptions::default() };
                let mut simulation =
                    Simulation::build(&pattern, rule, engine, options).expect("builds");
                simulation.run(generations).expect("runs");
                (engine, all(&simulation))
            })
            .collect();
        for (engine, cells) in &runs[1..] {
            prop_assert_eq!(cells, &runs[0].1, "{} on {} after {}", engine, text, generations);
        }
        if Topology::Plane == rule.topology() {
            // A torus with room for the pattern to grow at the speed of
            // light for every generation run.
            let reach = i32::from(rule.neighbourhood().range());
            let margin = reach * generations as i32 + 2;
            let side = (12 + 2 * margin) as usize;
            let mut grid = Grid::new(side, side).expect("grid");
            for cell in cells(&states) {
                grid.assign(cell.y + margin, cell.x + margin, cell.state);
            }
            Sequential::new(rule).run(&mut grid, generations);
            let mut torus = Vec::new();
            for (y, row) in grid.iter_rows().enumerate() {
                for (x, state) in row.iter().enumerate() {
                    if !state.is_empty() {
                        torus.push((y as i32 - margin, x as i32 - margin, state.value()));
                    }
                }
            }
            prop_assert_eq!(&runs[0].1, &torus, "the plane against a torus, {}", text);
        }
    }
}
