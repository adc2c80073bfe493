//! The compiled engine gives the sequential interpreter's grids for every
//! rule, size, thread count and kernel, with and without tile skipping and
//! wider vector instructions.

use corolife::engine::compiled::{Compiled, KernelKind};
use corolife::{Engine, Grid, Rule, Sequential, State, Vectors};
use proptest::prelude::*;

use crate::engines::{soup, with_states};

/// The widths where packing into 64-bit words has edges.
const WIDTHS: [usize; 9] = [1, 2, 63, 64, 65, 127, 128, 129, 200];

fn rule_from_masks(birth: u16, survival: u16) -> Rule {
    let digits = |mask: u16| (0..9u8).filter(|n| mask & 1 << n != 0).collect::<Vec<_>>();
    Rule::new(&digits(birth), &digits(survival)).expect("digits 0-8 are valid")
}

/// Life-like rules of the Moore neighbourhood (B0 included), which compile
/// to the adder kernel, half the time; the other half rules of every family,
/// some of which compile to the lookup kernel and some not at all.
fn rule_strategy() -> impl Strategy<Value = Rule> {
    prop_oneof![
        (0u16..512, 0u16..512).prop_map(|(birth, survival)| rule_from_masks(birth, survival)),
        crate::engines::rule_strategy(),
    ]
}

/// Whether the probe must compile `rule` (`Some(true)`), must not
/// (`Some(false)`), or may: a two-state rule within the 3×3 square
/// compiles, a wider neighbourhood does not, and a Generations rule
/// compiles exactly when none of its live cells ever dies (then it never
/// announces a dying state), which the comparison with the sequential
/// engine checks.
fn must_compile(rule: &Rule) -> Option<bool> {
    if rule.neighbourhood().range() > 1 {
        Some(false)
    } else if rule.states() == 2 {
        Some(true)
    } else {
        None
    }
}

fn size_strategy() -> impl Strategy<Value = (usize, usize)> {
    let rows = prop_oneof![1usize..=3, 1usize..=40];
    let cols = prop_oneof![prop::sample::select(WIDTHS.to_vec()), 1usize..=140];
    (rows, cols)
}

/// Every variant of the compiled engine worth comparing.
#[derive(Clone, Copy, Debug)]
struct Variant {
    threads: usize,
    skip: bool,
    vectors: Vectors,
    lookup: bool,
}

fn variant_strategy() -> impl Strategy<Value = Variant> {
    (
        1usize..=3,
        any::<bool>(),
        prop::sample::select(Vectors::ALL.to_vec()),
        prop::bool::weighted(0.25),
    )
        .prop_map(|(threads, skip, vectors, lookup)| Variant {
            threads,
            skip,
            vectors,
            lookup,
        })
}

fn compiled(rule: Rule, variant: Variant) -> Compiled {
    Compiled::new(rule)
        .with_threads(variant.threads)
        .expect("pool")
        .with_tile_skipping(variant.skip)
        .with_vectors(variant.vectors)
        .with_lookup_only(variant.lookup)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Random grids (widths around word edges, heights 1 to 3 included),
    /// random rules of every family (B0 included), thread counts and
    /// variants: one step at a time, and then several in one run, the
    /// compiled engine matches the sequential interpreter, whether it
    /// compiled the rule or fell back to the coroutines.
    #[test]
    fn compiled_matches_sequential(
        (rows, cols) in size_strategy(),
        density in 0u64..=100,
        seed in any::<u64>(),
        rule in rule_strategy(),
        variant in variant_strategy(),
        generations in 1u64..=6,
    ) {
        let start = with_states(soup(rows, cols, density, seed), rule.states(), seed);
        let mut sequential = Sequential::new(rule);
        let mut engine = compiled(rule, variant);
        if let Some(compiles) = must_compile(&rule) {
            prop_assert_eq!(engine.table().is_some(), compiles, "{}: {:?}", rule, engine.fallback_reason());
        }
        // Every rule but an isotropic one of more states is a table or a
        // counting rule.
        if !rule.is_isotropic() || rule.states() == 2 {
            prop_assert!(engine.kernel().is_some(), "{}: {:?}", rule, engine.fallback_reason());
        }
        let mut expected = start.clone();
        let mut actual = start.clone();
        for generation in 1..=generations {
            sequential.step(&mut expected);
            engine.step(&mut actual);
            prop_assert_eq!(&actual, &expected, "generation {} of {} with {:?}", generation, rule, variant);
        }
        let mut in_one_run = start;
        engine.run(&mut in_one_run, generations);
        prop_assert_eq!(&in_one_run, &expected, "{} generations in one run of {} with {:?}", generations, rule, variant);
    }
}

#[test]
fn life_like_rules_compile_to_the_adder_kernel() {
    for (text, birth, survival) in [
        ("B3/S23", 0b1000, 0b1100),
        ("B36/S23", 0b100_1000, 0b1100),
        ("B0/S8", 0b1, 0b1_0000_0000),
        ("B/S", 0, 0),
        ("B012345678/S012345678", 0x1FF, 0x1FF),
        ("B2/S", 0b100, 0),
    ] {
        let rule: Rule = text.parse().expect("rule");
        let engine = Compiled::new(rule);
        assert_eq!(engine.kernel(), Some(KernelKind::Adder), "{text}");
        assert!(engine.fallback_reason().is_none(), "{text}");
        assert_eq!(
            engine.table().map(|t| t.totalistic()),
            Some(Some((birth, survival))),
            "{text}"
        );
    }
}

#[test]
fn other_neighbourhoods_and_hensel_rules_compile_to_the_lookup_kernel() {
    for text in [
        "B2/S13V",
        "B2/S34H",
        "B2-a/S12",
        "B3-cnqy/S23-a4ityz",
        "B3/S23V",
    ] {
        let rule: Rule = text.parse().expect("rule");
        let engine = Compiled::new(rule);
        assert_eq!(engine.kernel(), Some(KernelKind::Lookup), "{text}");
        assert_eq!(engine.table().and_then(|t| t.totalistic()), None, "{text}");
    }
    // Larger than Life of range 1 is Life, whatever the notation says.
    let rule: Rule = "R1,C0,M0,S2..3,B3..3,NM".parse().expect("rule");
    let engine = Compiled::new(rule);
    assert_eq!(engine.kernel(), Some(KernelKind::Adder));
    assert_eq!(
        engine.table().and_then(|t| t.totalistic()),
        Some((0b1000, 0b1100))
    );
}

#[test]
fn a_generations_rule_whose_cells_never_die_compiles_and_agrees() {
    // Every live cell survives whatever its neighbours: the coroutine never
    // announces a dying state, so its table is complete on two states.
    let rule: Rule = "B2/S01234/C3V".parse().expect("rule");
    let engine = Compiled::new(rule);
    assert_eq!(engine.kernel(), Some(KernelKind::Lookup));
    let start = soup(37, 70, 20, 9);
    agree_for(&start, rule, 40, 7, &all_variants());
    // A dying cell in the grid sends it to the coroutines, which agree.
    agree_for(&with_states(start, 3, 9), rule, 40, 7, &all_variants());
}

#[test]
fn counting_rules_compile_to_running_sums_and_agree() {
    for text in [
        "/2/3",
        "345/2/4",
        "R5,C0,M1,S34..58,B34..45,NM",
        "R2,C0,M0,S2..5,B3..4,NN",
        "R3,C5,M1,S4..11,B5..9,NH",
    ] {
        let rule: Rule = text.parse().expect("rule");
        let engine = Compiled::new(rule);
        assert_eq!(engine.kernel(), Some(KernelKind::RunningSums), "{text}");
        assert_eq!(engine.table(), None, "{text}");
        let start = with_states(soup(37, 70, 40, 5), rule.states(), 5);
        agree_for(&start, rule, 24, 5, &all_variants());
    }
}

#[test]
fn rules_beyond_both_probes_fall_back_and_say_why() {
    for (text, reason) in [
        ("B2-a/S12/C3", "depending on which cells they are"),
        ("B3-q/S23/C8", "depending on which cells they are"),
    ] {
        let rule: Rule = text.parse().expect("rule");
        let engine = Compiled::new(rule);
        assert_eq!(engine.kernel(), None, "{text}");
        let why = engine
            .fallback_reason()
            .unwrap_or_else(|| panic!("{text} compiled"))
            .to_string();
        assert!(why.contains(reason), "{text}: {why}");
    }
}

/// Many generations, compared after every one: each run of `chunk`
/// generations goes through the packed torus in one piece, so that tile
/// skipping has generations to act on.
fn agree_for(start: &Grid, rule: Rule, generations: u64, chunk: u64, variants: &[Variant]) {
    let mut expected = start.clone();
    let mut sequential = Sequential::new(rule);
    let mut engines: Vec<(Compiled, Grid)> = variants
        .iter()
        .map(|&v| (compiled(rule, v), start.clone()))
        .collect();
    let mut done = 0;
    while done < generations {
        let stride = chunk.min(generations - done);
        sequential.run(&mut expected, stride);
        done += stride;
        for ((engine, grid), variant) in engines.iter_mut().zip(variants) {
            engine.run(grid, stride);
            assert_eq!(
                grid,
                &expected,
                "{}x{} {rule} after {done} generations with {variant:?}",
                start.rows(),
                start.cols()
            );
        }
    }
}

fn all_variants() -> Vec<Variant> {
    let mut variants = Vec::new();
    for threads in [1, 2] {
        for skip in [true, false] {
            for vectors in Vectors::ALL {
                variants.push(Variant {
                    threads,
                    skip,
                    vectors,
                    lookup: false,
                });
            }
        }
    }
    variants.push(Variant {
        threads: 1,
        skip: true,
        vectors: Vectors::Avx512,
        lookup: true,
    });
    variants.push(Variant {
        threads: 2,
        skip: true,
        vectors: Vectors::Portable,
        lookup: true,
    });
    variants
}

#[test]
fn every_width_and_the_smallest_heights_agree_for_many_generations() {
    let variants = all_variants();
    for rows in [1, 2, 3, 17] {
        for cols in WIDTHS {
            let start = soup(rows, cols, 40, (rows * 1000 + cols) as u64);
            agree_for(&start, Rule::LIFE, 60, 1, &variants);
            agree_for(&start, Rule::LIFE, 60, 13, &variants);
        }
    }
}

#[test]
fn larger_soups_agree_step_by_step_and_in_runs() {
    let variants = all_variants();
    for (rows, cols, rule) in [
        (64, 64, "B3/S23"),
        (97, 131, "B36/S23"),
        (130, 257, "B3678/S34678"),
        (45, 190, "B0/S8"),
        (33, 70, "B01/S3"),
    ] {
        let rule: Rule = rule.parse().expect("rule");
        let start = soup(rows, cols, 37, rows as u64 * 31 + cols as u64);
        agree_for(&start, rule, 100, 1, &variants);
        agree_for(&start, rule, 200, 23, &variants);
    }
}

/// Gliders travelling in all four diagonal directions, placed so that
/// they cross tile edges (every 8 rows and 64 columns) and the torus's
/// edges many times.
fn gliders(rows: usize, cols: usize) -> Grid {
    let shapes = [
        "-*-\n--*\n***\n", // south-east
        "-*-\n*--\n***\n", // south-west
        "***\n--*\n-*-\n", // north-east
        "***\n*--\n-*-\n", // north-west
    ];
    let mut grid = Grid::new(rows, cols).expect("grid");
    for (k, shape) in shapes.iter().enumerate() {
        let shape: Grid = shape.parse().expect("glider");
        paste(&mut grid, &shape, 5 + 19 * k, 60 + 45 * k);
    }
    grid
}

/// Writes `patch` into `grid` with its top left cell at row `top`, column
/// `left`, around the torus where it reaches past the edges.
fn paste(grid: &mut Grid, patch: &Grid, top: usize, left: usize) {
    for (y, row) in patch.iter_rows().enumerate() {
        for (x, &state) in row.iter().enumerate() {
            grid.assign((top + y) as i32, (left + x) as i32, state);
        }
    }
}

#[test]
fn tile_skipping_changes_nothing_for_gliders_crossing_tile_and_torus_edges() {
    let variants = all_variants();
    for (rows, cols) in [(100, 200), (83, 129), (64, 256)] {
        let start = gliders(rows, cols);
        // Long runs, so that skipping acts, and long enough for every
        // glider to cross the torus's edges; checked every 31 generations
        // and, more briefly, after every one.
        agree_for(&start, Rule::LIFE, 600, 31, &variants);
        agree_for(&start, Rule::LIFE, 80, 1, &variants);
        // After 160 generations the four gliders are still four gliders,
        // each 40 cells from its start, five tile rows away.
        let mut grid = start.clone();
        let mut engine = Compiled::new(Rule::LIFE).with_threads(1).expect("pool");
        engine.run(&mut grid, 160);
        assert_eq!(grid.population(), 20, "{rows}x{cols}");
        assert_eq!(
            grid.query(5 + 40, 60 + 40 + 1),
            State::ALIVE,
            "{rows}x{cols}"
        );
    }
}

/// Patches of soup of different widths on a wide torus: the active tiles
/// come in runs of every length, stepped a column at a time, a row at a
/// time or a whole tile row at once.
#[test]
fn patches_of_activity_on_a_wide_torus_agree() {
    let (rows, cols) = (70, 1400);
    let mut start = Grid::new(rows, cols).expect("grid");
    for (k, (top, left, height, width)) in [
        (2, 10, 20, 60),
        (30, 200, 30, 300),
        (5, 700, 60, 640),
        (50, 1350, 15, 90),
    ]
    .into_iter()
    .enumerate()
    {
        paste(&mut start, &soup(height, width, 45, k as u64), top, left);
    }
    let variants = [
        Variant {
            threads: 1,
            skip: true,
            vectors: Vectors::Avx512,
            lookup: false,
        },
        Variant {
            threads: 2,
            skip: true,
            vectors: Vectors::Portable,
            lookup: false,
        },
    ];
    agree_for(&start, Rule::LIFE, 120, 7, &variants);
}

/// Grids tall enough for the engine to cut into stretches, one per thread
/// (two or three of them, so that a stretch's neighbours above and below
/// are one stretch or two): on a pool of its own of two or three threads,
/// and on rayon's global pool, it agrees with one thread, in runs shorter
/// and longer than the generations between two refreshes of the halos,
/// while the work of a generation rises above and falls below what is
/// worth other threads. One thread is checked against the coroutines too.
#[test]
fn grids_tall_enough_for_stretches_agree_with_one_thread() {
    // 33 words a row (the last one of 52 cells) by 800 rows: three
    // stretches of at least 256 rows, and more than the 2^14 words a
    // generation that are worth other threads.
    let (rows, cols) = (800, 2100);
    let soup_start = soup(rows, cols, 37, 2100);
    // Small patches under a rule that explodes (Seeds, where every cell
    // dies at once): the work rises from a few tiles to the whole torus.
    let mut patches = Grid::new(rows, cols).expect("grid");
    for (k, (top, left)) in (0..rows - 8)
        .step_by(65)
        .flat_map(|y| (0..cols - 8).step_by(262).map(move |x| (y, x)))
        .enumerate()
    {
        let patch = soup(6, 6, 50, k as u64);
        for (y, row) in patch.iter_rows().enumerate() {
            for (x, &state) in row.iter().enumerate() {
                patches.assign((top + y) as i32, (left + x) as i32, state);
            }
        }
    }
    let variant = |threads, skip, vectors, lookup| Variant {
        threads,
        skip,
        vectors,
        lookup,
    };
    let variants = [
        variant(2, true, Vectors::Avx512, false),
        variant(3, true, Vectors::Portable, false),
        variant(2, false, Vectors::Avx2, false),
        variant(2, true, Vectors::Avx512, true),
    ];
    for (start, rule, runs) in [
        (&soup_start, Rule::LIFE, [1, 1, 3, 33, 60]),
        (
            &patches,
            "B2/S".parse().expect("rule"),
            [1, 20, 31, 100, 200],
        ),
    ] {
        let mut one = compiled(rule, variant(1, true, Vectors::Avx512, false));
        let mut expected = start.clone();
        let mut others: Vec<(Compiled, Grid)> = variants
            .iter()
            .map(|&v| (compiled(rule, v), start.clone()))
            .collect();
        // Without a thread count of its own: rayon's global pool.
        others.push((Compiled::new(rule), start.clone()));
        let mut done = 0;
        for generations in runs {
            one.run(&mut expected, generations);
            done += generations;
            if done == 1 {
                let mut sequential = start.clone();
                Sequential::new(rule).step(&mut sequential);
                assert_eq!(expected, sequential, "{rule}: one thread, one generation");
            }
            for (engine, grid) in &mut others {
                engine.run(grid, generations);
                assert_eq!(
                    grid,
                    &expected,
                    "{rule} after {done} generations on {} threads",
                    engine.threads()
                );
            }
        }
        assert!(expected.population() > 0, "{rule}: something lives");
    }
}

#[test]
fn a_grid_with_other_states_runs_on_the_coroutines() {
    let mut start = soup(20, 70, 40, 9);
    start.assign(3, 65, State::new(2));
    start.assign(10, 5, State::new(7));
    let mut expected = start.clone();
    Sequential::new(Rule::LIFE).run(&mut expected, 5);
    for threads in [1, 2] {
        let mut grid = start.clone();
        let mut engine = Compiled::new(Rule::LIFE)
            .with_threads(threads)
            .expect("pool");
        engine.run(&mut grid, 5);
        assert_eq!(grid, expected, "{threads} threads");
    }
}

#[test]
fn auto_compiles_only_large_enough_grids() {
    let small = soup(8, 8, 50, 1);
    let large = soup(64, 64, 50, 2);
    let mut engine = Compiled::auto(Rule::LIFE).with_threads(1).expect("pool");
    assert_eq!(engine.name(), "auto");
    let mut grid = small.clone();
    engine.run(&mut grid, 3);
    assert_eq!(
        engine.kernel(),
        None,
        "a small grid is not worth probing for"
    );
    let mut expected = small;
    Sequential::new(Rule::LIFE).run(&mut expected, 3);
    assert_eq!(grid, expected);

    let mut grid = large.clone();
    engine.run(&mut grid, 3);
    assert_eq!(engine.kernel(), Some(KernelKind::Adder));
    let mut expected = large;
    Sequential::new(Rule::LIFE).run(&mut expected, 3);
    assert_eq!(grid, expected);
}

#[test]
fn zero_threads_is_an_error_and_one_is_the_caller() {
    assert!(Compiled::new(Rule::LIFE).with_threads(0).is_err());
    for threads in 1..=3 {
        let engine = Compiled::new(Rule::LIFE)
            .with_threads(threads)
            .expect("pool");
        assert_eq!(engine.threads(), threads);
    }
}

#[test]
fn vector_levels_are_capped_by_what_the_cpu_has() {
    assert!(Vectors::Portable.is_available());
    assert!(Vectors::best().is_available());
    for level in Vectors::ALL {
        let engine = Compiled::new(Rule::LIFE).with_vectors(level);
        let used = engine.vectors();
        assert!(used.is_available() && used <= level && used <= Vectors::best());
        if level.is_available() {
            assert_eq!(used, level);
        }
    }
    assert_eq!(Compiled::new(Rule::LIFE).vectors(), Vectors::best());
}

/// Small patches of soup on tori whose rows end in a part-filled word,
/// one patch across the torus's left and right edges: the narrow runs of
/// active tiles near a row's end are stepped from further left, the row's
/// last word included, and the frame of those rows (the copies of each
/// row's first and last cells) must follow.
#[test]
fn sparse_patches_at_the_ends_of_rows_agree() {
    let variants = [
        Variant {
            threads: 1,
            skip: true,
            vectors: Vectors::Avx512,
            lookup: false,
        },
        Variant {
            threads: 1,
            skip: true,
            vectors: Vectors::Portable,
            lookup: true,
        },
    ];
    // Among them, starts where the frames go wrong if they are renewed only
    // when the tiles asked for (rather than the words stepped) reach a
    // row's end.
    for seed in [0usize, 5, 68, 72, 73, 101, 142, 175, 220] {
        let cols = [266, 300, 330, 390][seed % 4];
        let rows = 40 + (seed % 30);
        let mut start = Grid::new(rows, cols).expect("grid");
        for k in 0..3 {
            let patch = soup(5, 5, 50, seed as u64 * 7 + k as u64);
            let left = [cols - 3, 0, 128 + (seed * 13) % 120][k];
            let top = (seed * (k + 3) * 11) % rows;
            paste(&mut start, &patch, top, left);
        }
        agree_for(&start, Rule::LIFE, 200, 50, &variants);
    }
}
