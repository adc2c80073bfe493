//! Golly's triangular (`NL`), weighted (`NW`), Gaussian (`NG`) and custom
//! (`N@`) Larger than Life neighbourhoods.
//!
//! `fixtures/ltl` holds, for each, a soup on a small bounded grid and what
//! Golly's own Larger than Life algorithm makes of it some generations
//! later. Every soup and every result has a live cell on each edge of the
//! grid, so that the bounding box is the whole grid and the positions are
//! fixed: corolife must give the same cells, on every engine. Then the
//! engines must agree with one another on larger soups of each shape.

use std::collections::BTreeSet;

use corolife::{
    Engine, EngineKind, EngineOptions, Grid, Neighbourhood, Pattern, Rule, Simulation, format,
};

use crate::engines::{engines, soup};

/// A soup, Golly's result, and the generations between them.
struct Fixture {
    name: &'static str,
    start: &'static str,
    result: &'static str,
    generations: u64,
}

macro_rules! fixture {
    ($name:literal, $generations:literal) => {
        Fixture {
            name: $name,
            start: include_str!(concat!("fixtures/ltl/", $name, ".rle")),
            result: include_str!(concat!(
                "fixtures/ltl/",
                $name,
                ".gen",
                stringify!($generations),
                ".rle"
            )),
            generations: $generations,
        }
    };
}

const FIXTURES: [Fixture; 7] = [
    // R1,C0,S1,B1,10-12,NL:T32,24
    fixture!("triangular", 40),
    // R2,C0,S6-14,B5-9,NL:P27,21: a bounded plane whose half sides add
    // up to an odd number, where the parity is counted from the corner.
    fixture!("triangular-bounded", 12),
    // R1,C3,S3-8,B4-6,NW121202121,012L:T20,20: state weights, and the
    // weights flipped for odd cells.
    fixture!("weighted", 30),
    // Two hex digits a weight, range 2.
    fixture!("weighted-wide", 30),
    // R1,C0,S1-4,B1-3,NW2F2F1F2F2:T20,20: the edges weigh -7.
    fixture!("weighted-negative", 8),
    // R2,C3,M1,S20..45,B18..30,NG:T24,24
    fixture!("gaussian", 30),
    // R2,C0,S2-5,B3-4,N@891891L:T20,20
    fixture!("custom", 30),
];

/// Cells (row, column, state).
type Cells = BTreeSet<(i32, i32, u8)>;

/// The non-empty cells, with their states, moved so that the bounding
/// box starts at (0, 0); and the box's size (rows, columns).
fn cells(pattern: &Pattern) -> (Cells, (i32, i32)) {
    let all: Vec<_> = pattern
        .cells()
        .iter()
        .map(|c| (c.y, c.x, c.state.value()))
        .collect();
    let top = all.iter().map(|c| c.0).min().unwrap_or(0);
    let left = all.iter().map(|c| c.1).min().unwrap_or(0);
    let bottom = all.iter().map(|c| c.0).max().unwrap_or(-1);
    let right = all.iter().map(|c| c.1).max().unwrap_or(-1);
    let moved = all
        .iter()
        .map(|&(y, x, s)| (y - top, x - left, s))
        .collect();
    (moved, (bottom - top + 1, right - left + 1))
}

/// The rule's grid, (rows, columns).
fn grid_of(rule: &Rule) -> (i32, i32) {
    let topology = rule.topology();
    let side = |s: Option<u32>| s.expect("a bounded grid") as i32;
    (side(topology.height()), side(topology.width()))
}

#[test]
fn soups_run_as_golly_runs_them() {
    for fixture in &FIXTURES {
        let name = fixture.name;
        let start = format::parse(fixture.start, None).expect("soup");
        let rule = start.rule.expect("the soup gives its rule");
        let expected = format::parse(fixture.result, None).expect("Golly's result");
        let grid = grid_of(&rule);
        assert_eq!(cells(&start).1, grid, "{name}: the soup fills its grid");
        let (expected, size) = cells(&expected);
        assert_eq!(size, grid, "{name}: Golly's result fills the grid");
        for kind in [
            EngineKind::Sequential,
            EngineKind::RowBands,
            EngineKind::Compiled,
            EngineKind::Auto,
        ] {
            let options = EngineOptions {
                threads: Some(2),
                ..EngineOptions::default()
            };
            let mut simulation = Simulation::build(&start, rule, kind, options).expect("builds");
            simulation.run(fixture.generations).expect("runs");
            let (actual, size) = cells(&simulation.pattern());
            assert_eq!(size, grid, "{name} on {kind}");
            assert_eq!(actual, expected, "{name} on {kind}");
        }
    }
}

#[test]
fn rules_write_back_as_golly_writes_them() {
    for fixture in &FIXTURES {
        let start = format::parse(fixture.start, None).expect("soup");
        let rule = start.rule.expect("rule");
        assert_eq!(
            rule.to_string().parse::<Rule>(),
            Ok(rule),
            "{}",
            fixture.name
        );
        // Golly's output names the rule in its canonical form; but for
        // LtL's notation (with `M`), which corolife writes in HROT's, it
        // is corolife's.
        let header = fixture.result.lines().next().expect("a header");
        let golly = header.split("rule = ").nth(1).expect("a rule").trim();
        if !golly.contains("..") {
            assert_eq!(rule.to_string(), golly, "{}", fixture.name);
        }
    }
}

/// Every engine on soups of `rule`, on a torus of odd sides (so that the
/// parity of the triangular shapes changes across its edges), against
/// the sequential engine, generation by generation.
fn engines_agree(text: &str, rows: usize, cols: usize, generations: u32) {
    let rule: Rule = text.parse().expect("rule");
    for seed in [1, 2] {
        let start = soup(rows, cols, 35, seed * 977 + rows as u64);
        let mut runs: Vec<(Box<dyn Engine>, Grid)> = engines(rule)
            .into_iter()
            .map(|engine| (engine, start.clone()))
            .collect();
        for generation in 1..=generations {
            for (engine, grid) in &mut runs {
                engine.step(grid);
            }
            let (first, rest) = runs.split_first().expect("engines");
            for (engine, grid) in rest {
                assert_eq!(
                    grid,
                    &first.1,
                    "{text}: {} against {}, generation {generation}",
                    engine.name(),
                    first.0.name()
                );
            }
        }
    }
}

#[test]
fn every_engine_runs_the_triangular_shapes_alike() {
    engines_agree("R1,C0,S1,B1,10-12,NL", 37, 41, 12);
    engines_agree("R2,C4,S6-14,B5-9,NL", 33, 35, 10);
    engines_agree("R3,C0,S20-40,B18-30,NL", 41, 45, 6);
}

#[test]
fn every_engine_runs_the_weighted_shapes_alike() {
    engines_agree("R1,C0,S2-6,B3-5,NW123401323", 37, 41, 12);
    engines_agree("R1,C0,S1-4,B1-3,NW2F2F1F2F2L", 37, 41, 12);
    engines_agree("R1,C4,S3-12,B4-9,NW818F1F8F8,0361", 33, 35, 10);
    engines_agree(
        "R2,C0,S10-25,B9-16,NW01020102010203040302040804020304030201020102010201H",
        33,
        35,
        8,
    );
    engines_agree("R1,C0,S4-9,B3-7,NG", 37, 41, 12);
    engines_agree("R3,C3,S40-90,B45-70,NG", 33, 35, 6);
}

#[test]
fn every_engine_runs_the_custom_shapes_alike() {
    engines_agree("R2,C0,S2-5,B3-4,N@891891", 37, 41, 12);
    engines_agree("R2,C3,S2-5,B3-4,N@891891L", 33, 35, 10);
    engines_agree("R1,C0,S1-3,B1-2,N@C3L", 37, 41, 12);
}

#[test]
fn the_compiled_engine_says_why_it_runs_the_coroutines() {
    // A triangular cell's questions depend on where it is; a weighted
    // count is not a count of live cells.
    for text in [
        "R2,C0,S6-14,B5-9,NL",
        "R3,C0,S40-90,B45-70,NG",
        "R2,C0,S10-25,B9-16,NW01020102010203040302040804020304030201020102010201",
    ] {
        let rule: Rule = text.parse().expect("rule");
        let chosen = EngineKind::Compiled
            .choose(
                rule,
                EngineOptions::default(),
                corolife::Size {
                    rows: 100,
                    cols: 100,
                },
            )
            .expect("engine");
        assert!(chosen.description.fallback.is_some(), "{text}");
        // Auto then runs the coroutines, which run it correctly.
        let auto = EngineKind::Auto
            .choose(
                rule,
                EngineOptions::default(),
                corolife::Size {
                    rows: 100,
                    cols: 100,
                },
            )
            .expect("engine");
        assert_ne!(auto.description.kind, EngineKind::Compiled, "{text}");
    }
    // A custom shape without `L` is a plain count, and compiles.
    let custom: Rule = "R2,C0,S2-5,B3-4,N@891891".parse().expect("rule");
    assert!(matches!(custom.neighbourhood(), Neighbourhood::Custom(_)));
    let compiled = EngineKind::Compiled
        .choose(
            custom,
            EngineOptions::default(),
            corolife::Size {
                rows: 100,
                cols: 100,
            },
        )
        .expect("engine");
    assert!(compiled.description.fallback.is_none());
}
