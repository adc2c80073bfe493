use super::*;
use crate::engine::compiled::{Compiled, KernelKind};
use crate::{Engine, Grid, Rule, Sequential, soup};

/// Rules of every counting family: Generations of several neighbourhoods,
/// Larger than Life boxes (Moore) and runs (von Neumann, hexagonal), with
/// and without dying states.
const RULES: [&str; 9] = [
    "/2/3",
    "345/2/4",
    "B2/S/C3V",
    "23/36/8H",
    "R5,C0,M1,S34..58,B34..45,NM",
    "R2,C3,M0,S3..6,B4..5,NN",
    "R3,C0,M0,S6..12,B7..9,NH",
    "R2,C4,M1,S5..12,B6..9,NM",
    "R7,C0,M1,S40..90,B45..80,NN",
];

/// A soup with some cells in dying states too, for rules of more states.
fn soup_of(rule: &Rule, rows: usize, cols: usize, seed: u64) -> Grid {
    let mut grid = soup::soup(rows, cols, seed).expect("grid");
    let states = rule.states();
    if states > 2 {
        let mut random = soup::SplitMix64::new(seed ^ 0x5eed);
        for cell in grid.cells_mut() {
            if *cell == crate::State::EMPTY && random.next_u64().is_multiple_of(4) {
                let dying = 2 + random.next_u64() % u64::from(states - 2);
                *cell = crate::State::new(dying as u8);
            }
        }
    }
    grid
}

#[test]
fn counting_rules_compile_to_running_sums() {
    for text in RULES {
        let rule: Rule = text.parse().expect("rule");
        let engine = {
            let mut engine = Compiled::new(rule).with_threads(1).expect("caller");
            let mut grid = soup_of(&rule, 8, 8, 1);
            engine.run(&mut grid, 1);
            engine
        };
        assert_eq!(engine.kernel(), Some(KernelKind::RunningSums), "{text}");
        assert_eq!(engine.fallback_reason(), None, "{text}");
    }
}

#[test]
fn running_sums_agree_with_the_coroutines_on_every_size() {
    let sizes = [
        (1, 1),
        (1, 63),
        (2, 64),
        (3, 65),
        (3, 127),
        (5, 1),
        (40, 33),
        (70, 90),
    ];
    for (i, text) in RULES.into_iter().enumerate() {
        let rule: Rule = text.parse().expect("rule");
        for (j, &(rows, cols)) in sizes.iter().enumerate() {
            let start = soup_of(&rule, rows, cols, (i * 31 + j) as u64);
            let mut expected = start.clone();
            Sequential::new(rule).run(&mut expected, 6);
            for threads in [1, 2] {
                for skip in [true, false] {
                    let mut engine = Compiled::new(rule)
                        .with_threads(threads)
                        .expect("pool")
                        .with_tile_skipping(skip);
                    let mut grid = start.clone();
                    engine.run(&mut grid, 6);
                    assert_eq!(
                        grid, expected,
                        "{text} on {cols}x{rows}, {threads} threads, skip {skip}"
                    );
                }
            }
        }
    }
}

#[test]
fn skipped_bands_still_wake_when_activity_reaches_them() {
    // A lone spark on a tall torus crosses many bands and the seam; the
    // skipping engine must keep pace with the one stepping every band.
    for text in [
        "/2/3",
        "R2,C3,M0,S3..6,B4..5,NN",
        "R5,C0,M1,S34..58,B34..45,NM",
    ] {
        let rule: Rule = text.parse().expect("rule");
        let mut start = Grid::new(300, 40).expect("grid");
        let seed = soup_of(&rule, 12, 12, 9);
        for y in 0..12i32 {
            for x in 0..12i32 {
                start.assign(y + 2, x + 10, seed.query(y, x));
            }
        }
        let mut skipping = start.clone();
        let mut full = start;
        let mut a = Compiled::new(rule).with_threads(2).expect("pool");
        let mut b = Compiled::new(rule)
            .with_threads(1)
            .expect("caller")
            .with_tile_skipping(false);
        for _ in 0..12 {
            a.run(&mut skipping, 7);
            b.run(&mut full, 7);
            assert_eq!(skipping, full, "{text}");
        }
    }
}

#[test]
fn the_shape_is_a_box_for_moore_and_runs_otherwise() {
    let shape = |text: &str| {
        let rule: Rule = text.parse().expect("rule");
        Sums::new(&CountTable::probe(&rule).expect("counted")).shape
    };
    assert_eq!(
        shape("R5,C0,M1,S34..58,B34..45,NM"),
        Shape::Box { ry: 5, rx: 5 }
    );
    assert_eq!(shape("/2/3"), Shape::Box { ry: 1, rx: 1 });
    let Shape::Runs(runs) = shape("R2,C0,M0,S3..6,B4..5,NN") else {
        panic!("a diamond is not a box");
    };
    assert_eq!(
        runs,
        [
            (-2, 0, 0),
            (-1, -1, 1),
            (0, -2, -1),
            (0, 1, 2),
            (1, -1, 1),
            (2, 0, 0)
        ]
    );
}
