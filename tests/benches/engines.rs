//! Every coroutine engine on every workload at 64², 512² and 2048² cells,
//! reported by divan in cell-updates per second (its item throughput).
//!
//! ```sh
//! cargo bench --bench engines                    # everything, about a minute
//! cargo bench --bench engines -- soup            # one workload
//! ```
//!
//! Workloads: the seeded 50% soup of `corolife bench` (the soups of
//! `tests/soup_64.cells`), the Gosper glider gun and the R-pentomino, each
//! centred. A coroutine engine does the same work for every cell whatever
//! its state, so the three differ little; the compiled engine skips the
//! regions that cannot change, and is also measured without skipping.
//!
//! The compiled engine packs the grid once per `run`, so its iterations run
//! [`COMPILED_GENERATIONS`] generations each; the coroutine engines step one.
//!
//! `families` runs the same soup under one rule of each family, at 64² and
//! 256² cells, on the coroutines and compiled: Life-like with the von
//! Neumann and hexagonal neighbourhoods, Hensel's isotropic notation,
//! Generations, and Larger than Life (Bosco's rule, 120 neighbours a cell;
//! range 10, 440; a von Neumann diamond of range 5, 60), the last two
//! families on the running-sums kernel.
//!
//! ```sh
//! cargo bench --bench engines -- families
//! ```

use corolife::{EngineKind, EngineOptions, Grid, Placement, Rule, library, soup};
use divan::Bencher;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [64, 512, 2048];

fn soup_grid(size: usize) -> Grid {
    soup::soup(size, size, soup::DEFAULT_SEED).expect("grid")
}

fn pattern_grid(name: &str, size: usize) -> Grid {
    let pattern = library::pattern(name).expect("built-in pattern");
    Grid::from_pattern(&pattern, size, size, Placement::Centre).expect("fits")
}

fn gosper_gun(size: usize) -> Grid {
    pattern_grid("gosper-gun", size)
}

fn r_pentomino(size: usize) -> Grid {
    let pattern = corolife::format::parse("x = 3, y = 3\nb2o$2o$bo!", None).expect("valid RLE");
    Grid::from_pattern(&pattern, size, size, Placement::Centre).expect("fits")
}

/// Steps `start` with the engine, one generation per iteration.
fn step(bencher: Bencher, kind: EngineKind, threads: Option<usize>, start: Grid) {
    step_rule(bencher, kind, threads, Rule::LIFE, start);
}

/// Steps `start` under `rule` with the engine, one generation per
/// iteration.
fn step_rule(bencher: Bencher, kind: EngineKind, threads: Option<usize>, rule: Rule, start: Grid) {
    let mut engine = kind.build(rule, threads).expect("engine");
    let mut grid = start;
    bencher
        .counter(ItemsCount::new(grid.rows() * grid.cols()))
        .bench_local(|| engine.step(&mut grid));
}

/// Generations per iteration of the compiled engine.
const COMPILED_GENERATIONS: u64 = 16;

/// Runs `start` through the compiled engine, [`COMPILED_GENERATIONS`]
/// generations per iteration.
fn compiled(bencher: Bencher, threads: Option<usize>, tile_skipping: bool, start: Grid) {
    compiled_rule(bencher, threads, tile_skipping, Rule::LIFE, start);
}

/// Runs `start` under `rule` through the compiled engine,
/// [`COMPILED_GENERATIONS`] generations per iteration.
fn compiled_rule(
    bencher: Bencher,
    threads: Option<usize>,
    tile_skipping: bool,
    rule: Rule,
    start: Grid,
) {
    let options = EngineOptions {
        threads,
        tile_skipping,
        ..EngineOptions::default()
    };
    let mut engine = EngineKind::Compiled
        .build_with(rule, options)
        .expect("engine");
    let mut grid = start;
    let updates = grid.rows() * grid.cols() * COMPILED_GENERATIONS as usize;
    bencher
        .counter(ItemsCount::new(updates))
        .bench_local(|| engine.run(&mut grid, COMPILED_GENERATIONS));
}

macro_rules! workload {
    ($name:ident, $start:path) => {
        mod $name {
            use super::*;

            #[divan::bench(args = SIZES, max_time = 2)]
            fn sequential(bencher: Bencher, size: usize) {
                step(bencher, EngineKind::Sequential, None, $start(size));
            }

            #[divan::bench(args = SIZES, max_time = 2)]
            fn bands_1_thread(bencher: Bencher, size: usize) {
                step(bencher, EngineKind::RowBands, Some(1), $start(size));
            }

            #[divan::bench(args = SIZES, max_time = 2)]
            fn bands_all_cores(bencher: Bencher, size: usize) {
                step(bencher, EngineKind::RowBands, None, $start(size));
            }

            #[divan::bench(args = SIZES, max_time = 2)]
            fn compiled_1_thread(bencher: Bencher, size: usize) {
                compiled(bencher, Some(1), true, $start(size));
            }

            #[divan::bench(args = SIZES, max_time = 2)]
            fn compiled_all_cores(bencher: Bencher, size: usize) {
                compiled(bencher, None, true, $start(size));
            }

            #[divan::bench(args = SIZES, max_time = 2)]
            fn compiled_1_thread_no_tile_skipping(bencher: Bencher, size: usize) {
                compiled(bencher, Some(1), false, $start(size));
            }
        }
    };
}

workload!(soup_50_percent, soup_grid);
workload!(gosper_gun_centred, gosper_gun);
workload!(r_pentomino_centred, r_pentomino);

/// One rule of each family on the benchmark soup.
mod families {
    use super::*;

    const FAMILY_SIZES: [usize; 2] = [64, 256];

    macro_rules! family {
        ($name:ident, $rule:expr) => {
            mod $name {
                use super::*;

                fn rule() -> Rule {
                    $rule.parse().expect("valid rule")
                }

                #[divan::bench(args = FAMILY_SIZES, max_time = 2)]
                fn sequential(bencher: Bencher, size: usize) {
                    step_rule(
                        bencher,
                        EngineKind::Sequential,
                        None,
                        rule(),
                        soup_grid(size),
                    );
                }

                #[divan::bench(args = FAMILY_SIZES, max_time = 2)]
                fn bands_all_cores(bencher: Bencher, size: usize) {
                    step_rule(bencher, EngineKind::RowBands, None, rule(), soup_grid(size));
                }

                #[divan::bench(args = FAMILY_SIZES, max_time = 2)]
                fn compiled_1_thread(bencher: Bencher, size: usize) {
                    compiled_rule(bencher, Some(1), true, rule(), soup_grid(size));
                }
            }
        };
    }

    family!(life_like_von_neumann, "B2/S013V");
    family!(life_like_hexagonal, "B2/S34H");
    family!(isotropic_just_friends, "B2-a/S12");
    family!(generations_brians_brain, "/2/3");
    family!(generations_star_wars, "345/2/4");
    family!(larger_than_life_bosco, "R5,C0,M1,S34..58,B34..45,NM");
    family!(
        larger_than_life_range_10,
        "R10,C0,M1,S123..212,B123..170,NM"
    );
    family!(larger_than_life_von_neumann, "R5,C0,M1,S15..30,B15..20,NN");
}

/// The plane: methuselahs from their first generation to a settled state,
/// and a glider travelling, each run as a whole per iteration, reported in
/// generations per second (divan's item throughput); the coroutine engines
/// on the R-pentomino's first 200 generations.
///
/// ```sh
/// cargo bench --bench engines -- plane
/// ```
mod plane {
    use corolife::{EngineKind, EngineOptions, Rule, Simulation, library};
    use divan::Bencher;
    use divan::counter::ItemsCount;

    fn run(bencher: Bencher, name: &str, kind: EngineKind, generations: u64) {
        let pattern = library::pattern(name).expect("built-in pattern");
        let options = EngineOptions {
            threads: Some(1),
            ..EngineOptions::default()
        };
        bencher
            .counter(ItemsCount::new(generations as usize))
            .bench_local(|| {
                let mut simulation =
                    Simulation::build(&pattern, Rule::LIFE, kind, options).expect("builds");
                simulation.run(generations).expect("runs");
                simulation.population()
            });
    }

    #[divan::bench]
    fn acorn_5206_compiled(bencher: Bencher) {
        run(bencher, "acorn", EngineKind::Compiled, 5206);
    }

    #[divan::bench]
    fn r_pentomino_1200_compiled(bencher: Bencher) {
        run(bencher, "r-pentomino", EngineKind::Compiled, 1200);
    }

    #[divan::bench]
    fn glider_100000_compiled(bencher: Bencher) {
        run(bencher, "glider", EngineKind::Compiled, 100_000);
    }

    #[divan::bench(args = [EngineKind::Sequential, EngineKind::RowBands])]
    fn r_pentomino_200(bencher: Bencher, kind: EngineKind) {
        run(bencher, "r-pentomino", kind, 200);
    }
}
