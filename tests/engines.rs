//! Every engine gives the same grids as the sequential interpreter, for
//! every family of rules, and both agree with known facts of Life.

use corolife::soup::SplitMix64;
use corolife::{Compiled, Engine, Grid, Neighbourhood, RowBands, Rule, Sequential, State};
use proptest::prelude::*;

/// A grid filled from a seed, about `density` percent alive.
pub(crate) fn soup(rows: usize, cols: usize, density: u64, seed: u64) -> Grid {
    let mut grid = Grid::new(rows, cols).expect("grid");
    let mut random = SplitMix64::new(seed);
    for cell in grid.cells_mut() {
        *cell = State::from(random.next_u64() % 100 < density);
    }
    grid
}

fn grid_strategy() -> impl Strategy<Value = Grid> {
    (1usize..=24, 1usize..=24, 0u64..=100, any::<u64>())
        .prop_map(|(rows, cols, density, seed)| soup(rows, cols, density, seed))
}

/// `grid` with every live cell given a random state below `states`, so that
/// multi-state rules start with dying cells too.
pub(crate) fn with_states(mut grid: Grid, states: u16, mut seed: u64) -> Grid {
    if states > 2 {
        for cell in grid.cells_mut().iter_mut().filter(|c| !c.is_empty()) {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            *cell = State::new(1 + (seed >> 33) as u8 % (states - 1) as u8);
        }
    }
    grid
}

/// The counts of `mask`'s set bits below `limit`.
fn counts(mask: u64, limit: u16) -> Vec<u16> {
    (0..limit.min(64)).filter(|n| mask & 1 << n != 0).collect()
}

/// Outer totalistic rules: Life-like (B0 included) of the three
/// neighbourhoods of range 1, Generations, and Larger than Life of ranges
/// 2 to 4.
fn totalistic_strategy() -> impl Strategy<Value = Rule> {
    let shape = prop_oneof![
        (1u16..=4).prop_map(|range| Neighbourhood::Moore { range }),
        (1u16..=4).prop_map(|range| Neighbourhood::VonNeumann { range }),
        (1u16..=4).prop_map(|range| Neighbourhood::Hexagonal { range }),
    ];
    let states = prop_oneof![Just(2u16), 3u16..=7];
    (shape, any::<u64>(), any::<u64>(), states, any::<u64>()).prop_map(
        |(neighbourhood, birth, survival, states, spread)| {
            // Beyond range 1 the counts run past 64: spread the random bits
            // over the whole range of counts.
            let size = neighbourhood.size() as u16;
            let scale = (size + 1).div_ceil(64).max(1);
            let shift = (spread % u64::from(scale)) as u16;
            let wide = |counts: &[u16]| counts.iter().map(|&c| u32::from(c)).collect::<Vec<_>>();
            let pick = |mask: u64| {
                counts(mask, size + 1)
                    .into_iter()
                    .map(|c| (c * scale + shift).min(size))
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect::<Vec<_>>()
            };
            Rule::totalistic(
                neighbourhood,
                &wide(&pick(birth)),
                &wide(&pick(survival)),
                states,
            )
            .expect("counts within the neighbourhood")
        },
    )
}

/// Isotropic non-totalistic rules in Hensel's notation, two-state or
/// Generations: for each count none, all, some letters or all but some.
fn isotropic_strategy() -> impl Strategy<Value = Rule> {
    const LETTERS: [&str; 9] = [
        "",
        "ce",
        "cekain",
        "cekainyqjr",
        "cekainyqjrtwz",
        "cekainyqjr",
        "cekain",
        "ce",
        "",
    ];
    let set = proptest::collection::vec((0u8..4, any::<u16>()), 9).prop_map(|choices| {
        let mut text = String::new();
        for (count, (choice, mask)) in choices.into_iter().enumerate() {
            let letters: String = LETTERS[count]
                .chars()
                .enumerate()
                .filter(|(i, _)| mask & 1 << i != 0)
                .map(|(_, l)| l)
                .collect();
            match choice {
                0 => {}
                1 => text.push_str(&count.to_string()),
                2 => text.push_str(&format!("{count}{letters}")),
                _ if letters.is_empty() => {}
                _ => text.push_str(&format!("{count}-{letters}")),
            }
        }
        text
    });
    (set.clone(), set, prop_oneof![Just(2u16), 3u16..=5]).prop_map(|(birth, survival, states)| {
        let text = format!("B{birth}/S{survival}/C{states}");
        text.parse::<Rule>()
            .unwrap_or_else(|e| panic!("{text}: {e}"))
    })
}

/// Rules of every family.
pub(crate) fn rule_strategy() -> impl Strategy<Value = Rule> {
    prop_oneof![totalistic_strategy(), isotropic_strategy()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Random grids (1×1, 1×n, n×1 included, dying states among the live
    /// cells of multi-state rules), random rules of every family (B0
    /// included), random thread and band counts: the bands engine matches
    /// the sequential one after every generation.
    #[test]
    fn row_bands_match_sequential(
        start in grid_strategy(),
        rule in rule_strategy(),
        seed in any::<u64>(),
        threads in 1usize..=3,
        bands in 0usize..=7,
        generations in 1usize..=4,
    ) {
        let start = with_states(start, rule.states(), seed);
        let mut sequential = Sequential::new(rule);
        let mut bands_engine = RowBands::new(rule).with_threads(threads).expect("pool").with_bands(bands);
        let mut expected = start.clone();
        let mut actual = start;
        for generation in 1..=generations {
            sequential.step(&mut expected);
            bands_engine.step(&mut actual);
            prop_assert_eq!(&actual, &expected, "generation {} with {} threads, {} bands", generation, threads, bands);
        }
    }
}

/// In the style of rayon's own `test_life`: a random board stepped a
/// hundred times by both engines, compared after every generation.
#[test]
fn a_hundred_generations_agree_step_by_step() {
    for (rows, cols, threads) in [(64, 64, 2), (97, 131, 3), (300, 257, 2)] {
        let start = soup(rows, cols, 37, rows as u64 * 31 + cols as u64);
        let mut expected = start.clone();
        let mut actual = start;
        let mut sequential = Sequential::new(Rule::LIFE);
        let mut bands = RowBands::new(Rule::LIFE)
            .with_threads(threads)
            .expect("pool");
        for generation in 1..=100 {
            sequential.step(&mut expected);
            bands.step(&mut actual);
            assert_eq!(actual, expected, "{rows}x{cols}, generation {generation}");
        }
    }
}

/// One engine of each kind, as trait objects: the compiled ones run the
/// coroutines for rules they cannot compile.
pub(crate) fn engines(rule: Rule) -> Vec<Box<dyn Engine>> {
    vec![
        Box::new(Sequential::new(rule)),
        Box::new(
            RowBands::new(rule)
                .with_threads(2)
                .expect("pool")
                .with_bands(3),
        ),
        Box::new(RowBands::new(rule)),
        Box::new(Compiled::new(rule).with_threads(1).expect("caller")),
        Box::new(Compiled::new(rule).with_threads(2).expect("pool")),
    ]
}

/// The grid moved by (`dy`, `dx`) around the torus.
fn shifted(grid: &Grid, dy: i32, dx: i32) -> Grid {
    let mut moved = Grid::new(grid.rows(), grid.cols()).expect("grid");
    for y in 0..grid.rows() as i32 {
        for x in 0..grid.cols() as i32 {
            moved.assign(y + dy, x + dx, grid.query(y, x));
        }
    }
    moved
}

#[test]
fn a_glider_moves_one_cell_diagonally_every_four_generations() {
    let glider: Grid = "-*---\n--*--\n***--\n-----\n-----\n"
        .parse()
        .expect("glider");
    for (rows, cols) in [(5, 5), (5, 9), (8, 6), (12, 12)] {
        let mut start = Grid::new(rows, cols).expect("grid");
        for (y, row) in glider.iter_rows().enumerate() {
            for (x, &state) in row.iter().enumerate() {
                start.assign(y as i32, x as i32, state);
            }
        }
        for mut engine in engines(Rule::LIFE) {
            let mut grid = start.clone();
            // Around the torus several times, checking every fourth step.
            for lap in 1..=(rows.max(cols) as i32 * 2) {
                engine.run(&mut grid, 4);
                assert_eq!(
                    grid,
                    shifted(&start, lap, lap),
                    "{rows}x{cols} after {} generations ({})",
                    4 * lap,
                    engine.name()
                );
                assert_eq!(grid.population(), 5);
            }
        }
    }
}

#[test]
fn oscillators_and_still_lifes_keep_their_period() {
    let blinker: Grid = "-----\n--*--\n--*--\n--*--\n-----\n"
        .parse()
        .expect("blinker");
    let block: Grid = "----\n-**-\n-**-\n----\n".parse().expect("block");
    for mut engine in engines(Rule::LIFE) {
        let mut grid = blinker.clone();
        engine.step(&mut grid);
        assert_ne!(grid, blinker, "a blinker changes ({})", engine.name());
        engine.step(&mut grid);
        assert_eq!(
            grid,
            blinker,
            "and comes back after two ({})",
            engine.name()
        );
        let mut still = block.clone();
        engine.run(&mut still, 7);
        assert_eq!(still, block, "a block never changes ({})", engine.name());
    }
}

#[test]
fn b0_rules_run_as_written_on_a_torus() {
    // B0/S: every empty cell is born (it has no live neighbours), every live
    // cell dies; so the grid inverts each generation.
    let rule: Rule = "B0/S".parse().expect("rule");
    let start = soup(7, 11, 0, 1);
    for mut engine in engines(rule) {
        let mut grid = start.clone();
        engine.step(&mut grid);
        assert_eq!(grid.population(), 77, "{}", engine.name());
        engine.step(&mut grid);
        assert_eq!(grid.population(), 0, "{}", engine.name());
    }
}

#[test]
fn the_smallest_tori_wrap_onto_themselves() {
    // On a 1×1 torus a cell's eight neighbours are all itself.
    let rule: Rule = "B/S8".parse().expect("rule");
    for mut engine in engines(rule) {
        let mut grid: Grid = "*\n".parse().expect("grid");
        engine.run(&mut grid, 3);
        assert_eq!(grid.to_string(), "*\n", "{}", engine.name());
    }
    // On a 1×3 torus each cell sees each other cell three times, itself twice.
    for mut engine in engines(Rule::LIFE) {
        let mut grid: Grid = "*--\n".parse().expect("grid");
        engine.step(&mut grid);
        // The live cell sees itself twice (north, south): 2, survives; the
        // empty cells see it three times: 3, born.
        assert_eq!(grid.to_string(), "***\n", "{}", engine.name());
    }
}

#[test]
fn the_benchmark_soup_is_the_shared_soup_file() {
    // tests/soup_64.cells is the 64x64 soup benchmarks are measured on.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/soup_64.cells");
    let pattern = corolife::format::load(&path).expect("soup file");
    let mut from_file = Grid::new(64, 64).expect("grid");
    for cell in pattern.cells() {
        from_file.assign(cell.y, cell.x, cell.state);
    }
    let generated = corolife::soup::soup(64, 64, corolife::soup::DEFAULT_SEED).expect("grid");
    assert_eq!(generated, from_file);
}
