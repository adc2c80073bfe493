//! Every family of rules against facts that LifeWiki and Golly document:
//! HighLife's replicator, Day & Night's symmetry, Brian's Brain's
//! oscillator, Generations puffers, Hensel-notation oscillators, Bosco and
//! a range-5 spaceship, and small von Neumann, hexagonal and Hensel grids
//! worked out by hand. Each pattern file cites its source; nothing here
//! was learnt by running corolife.

use std::collections::BTreeSet;

use corolife::analysis::{self, Behaviour};
use corolife::{
    EngineKind, EngineOptions, Family, Grid, Pattern, Rule, Simulation, State, Topology, format,
    library,
};

use crate::engines::engines;

/// The built-in patterns of rules other than Life, each tested below.
pub const PATTERNS: &[&str] = &[
    "highlife-replicator",
    "brians-brain-p3",
    "sawfish",
    "two-cell-p195",
    "two-cell-p410",
    "bosco",
    "butterfly",
    "wireworld-clock",
    "langtons-ant",
];

fn pattern(name: &str) -> Pattern {
    library::pattern(name).unwrap_or_else(|| panic!("no built-in pattern {name}"))
}

fn rule_of(pattern: &Pattern) -> Rule {
    pattern.rule.expect("the file gives its rule")
}

/// `pattern` under `rule` on the unbounded plane (whatever grid the rule
/// names), run by the bands engine.
fn on_plane(pattern: &Pattern, rule: Rule) -> Simulation {
    let rule = rule.with_topology(Topology::Plane);
    Simulation::build(
        pattern,
        rule,
        EngineKind::RowBands,
        EngineOptions::default(),
    )
    .expect("no B0")
}

/// Positions of the non-empty cells, with their states.
fn cells(pattern: &Pattern) -> BTreeSet<(i32, i32, u8)> {
    pattern
        .cells()
        .iter()
        .map(|c| (c.y, c.x, c.state.value()))
        .collect()
}

/// `cells` moved so that their bounding box starts at (0, 0).
fn normalised(cells: &BTreeSet<(i32, i32, u8)>) -> BTreeSet<(i32, i32, u8)> {
    let top = cells.iter().map(|c| c.0).min().unwrap_or(0);
    let left = cells.iter().map(|c| c.1).min().unwrap_or(0);
    cells
        .iter()
        .map(|&(y, x, s)| (y - top, x - left, s))
        .collect()
}

#[test]
fn the_patterns_cover_every_family() {
    let family = |name| rule_of(&pattern(name)).family();
    assert_eq!(family("highlife-replicator"), Family::LifeLike);
    assert_eq!(family("brians-brain-p3"), Family::Generations);
    assert_eq!(family("sawfish"), Family::Generations);
    assert_eq!(family("two-cell-p195"), Family::Isotropic);
    assert_eq!(family("two-cell-p410"), Family::Isotropic);
    assert_eq!(family("bosco"), Family::LargerThanLife);
    assert_eq!(family("butterfly"), Family::LargerThanLife);
    assert_eq!(family("wireworld-clock"), Family::Table);
    assert_eq!(family("langtons-ant"), Family::Table);
    assert_eq!(rule_of(&pattern("brians-brain-p3")).to_string(), "B2/S/C3");
    assert_eq!(
        rule_of(&pattern("bosco")),
        "R5,C0,M1,S34..58,B34..45,NM".parse().expect("Bosco's rule"),
        "Golly's file writes Bosco's rule in HROT notation"
    );
}

#[test]
fn brians_brain_oscillator_has_period_3() {
    let p3 = pattern("brians-brain-p3");
    for engine in EngineKind::ALL {
        assert_eq!(
            analysis::classify_with(&p3, rule_of(&p3), 10, engine),
            Ok(Behaviour::Oscillator { period: 3 }),
            "{engine}"
        );
    }
}

#[test]
fn two_cell_oscillators_have_periods_195_and_410() {
    for (name, period) in [("two-cell-p195", 195), ("two-cell-p410", 410)] {
        let oscillator = pattern(name);
        assert_eq!(oscillator.population(), 2);
        assert_eq!(
            analysis::classify(&oscillator, rule_of(&oscillator), 500),
            Ok(Behaviour::Oscillator { period }),
            "{name}"
        );
    }
}

#[test]
fn bosco_oscillates_with_period_166() {
    let file = pattern("bosco");
    let rule = rule_of(&file);
    // The lone cell of the file dies in the first generation; Bosco itself
    // is what is left.
    let mut plane = on_plane(&file, rule);
    plane.step().expect("runs");
    let bosco = plane.pattern();
    let bounds = bosco.bounding_box().expect("Bosco lives");
    assert!(
        bounds.bottom < 20,
        "the lone cell at row 41 is gone: {bounds:?}"
    );
    assert_eq!(
        analysis::classify(&bosco, rule, 200),
        Ok(Behaviour::Oscillator { period: 166 })
    );
}

#[test]
fn butterfly_moves_9_cells_every_31_generations() {
    let butterfly = pattern("butterfly");
    let rule = rule_of(&butterfly);
    let behaviour = analysis::classify(&butterfly, rule, 40).expect("no B0");
    let Behaviour::Spaceship { period, dy, dx } = behaviour else {
        panic!("not a spaceship: {behaviour}");
    };
    assert_eq!(period, 31);
    assert_eq!(
        (dy.abs().min(dx.abs()), dy.abs().max(dx.abs())),
        (0, 9),
        "orthogonal"
    );
    // Its population ranges from 37 to 370 over a period.
    let mut plane = on_plane(&butterfly, rule);
    let mut populations = vec![plane.population()];
    for _ in 0..31 {
        plane.step().expect("runs");
        populations.push(plane.population());
    }
    assert_eq!(populations.iter().min(), Some(&37));
    assert_eq!(populations.iter().max(), Some(&370));
}

/// HighLife's replicator: 2^n copies at generation 12(2^n − 1), their
/// centres 4 cells apart along a diagonal.
#[test]
fn highlife_replicator_doubles() {
    let replicator = pattern("highlife-replicator");
    let rule = rule_of(&replicator);
    let original = normalised(&cells(&replicator));
    let mut plane = on_plane(&replicator, rule);
    for n in 1..=4u32 {
        let copies = 2i32.pow(n);
        let generation = 12 * (2u64.pow(n) - 1);
        plane.run(generation - plane.generation()).expect("runs");
        let now = normalised(&cells(&plane.pattern()));
        // The copies along one diagonal or the other.
        let along = |dx: i32| {
            let mut expected = BTreeSet::new();
            for k in 0..copies {
                for &(y, x, s) in &original {
                    expected.insert((y + 4 * k, x + 4 * k * dx, s));
                }
            }
            normalised(&expected)
        };
        assert!(
            now == along(1) || now == along(-1),
            "{copies} copies at generation {generation}"
        );
    }
}

/// Day & Night, B3678/S34678: a dead cell in a sea of live cells behaves
/// as a live cell in a sea of dead ones. Inverting a grid and stepping it
/// is stepping it and inverting.
#[test]
fn day_and_night_commutes_with_inversion() {
    let rule: Rule = "B3678/S34678".parse().expect("Day & Night");
    let invert = |grid: &Grid| {
        let mut inverted = grid.clone();
        for cell in inverted.cells_mut() {
            *cell = State::from(cell.is_empty());
        }
        inverted
    };
    for (rows, cols, seed) in [(1, 1, 1), (1, 9, 2), (7, 1, 3), (16, 16, 4), (23, 31, 5)] {
        let start = corolife::soup::soup(rows, cols, seed).expect("grid");
        for mut engine in engines(rule) {
            let mut stepped = start.clone();
            let mut inverted = invert(&start);
            for generation in 1..=8 {
                engine.step(&mut stepped);
                engine.step(&mut inverted);
                assert_eq!(
                    inverted,
                    invert(&stepped),
                    "{rows}x{cols}, generation {generation} ({})",
                    engine.name()
                );
            }
        }
    }
}

/// Steps `start` once under `rule` with every engine; all must give
/// `expected`.
fn assert_step(rule: &str, start: &str, expected: &str) {
    let rule: Rule = rule.parse().expect("valid rule");
    let start: Grid = start.parse().expect("grid");
    for mut engine in engines(rule) {
        let mut grid = start.clone();
        engine.step(&mut grid);
        assert_eq!(grid.to_string(), expected, "{rule} ({})", engine.name());
    }
}

/// B2/S13V by hand. Von Neumann neighbours are north, east, south, west.
/// The L-tromino (1,1), (1,2), (2,1): (1,1) has two live neighbours and
/// dies; (1,2) and (2,1) have one and survive; the empty (2,2) has two,
/// (1,2) to the north and (2,1) to the west, and is born; every other
/// empty cell has at most one. The next step turns it back.
#[test]
fn a_von_neumann_rule_by_hand() {
    let l = "-----\n-**--\n-*---\n-----\n-----\n";
    let turned = "-----\n--*--\n-**--\n-----\n-----\n";
    assert_step("B2/S13V", l, turned);
    assert_step("B2/S13V", turned, l);
}

/// B2/S34H by hand. Hexagonal neighbours are north, east, south-east,
/// south, west and north-west: not north-east or south-west. The domino
/// (2,2), (2,3): each cell has one live neighbour and dies. Of the empty
/// cells, (1,2) sees (2,2) to the south and (2,3) to the south-east, and
/// (3,3) sees (2,3) to the north and (2,2) to the north-west: both are
/// born. (1,3) and (3,2), which a Moore rule would also give birth to,
/// have one each: (2,2) is south-west of (1,3), (2,3) north-east of (3,2).
#[test]
fn a_hexagonal_rule_by_hand() {
    let domino = "------\n------\n--**--\n------\n------\n------\n";
    let hex = "------\n--*---\n------\n---*--\n------\n------\n";
    let moore = "------\n--**--\n------\n--**--\n------\n------\n";
    assert_step("B2/S34H", domino, hex);
    assert_step("B2/S34", domino, moore);
}

/// B2-a/S against B2/S (Seeds): both give birth on two live neighbours,
/// but B2-a not when they are an edge and the corner beside it (2a). Above
/// and below a domino, each empty cell sees one cell of it as an edge and
/// the other as the corner beside it: 2a, no birth. Around two cells with a
/// gap, the cell between sees them as two opposite edges (2i) and the cells
/// above and below it as two corners of one side (2c): born in both rules.
#[test]
fn a_hensel_rule_tells_apart_configurations_of_the_same_count() {
    let domino = "------\n------\n--**--\n------\n------\n";
    assert_step("B2-a/S", domino, "------\n------\n------\n------\n------\n");
    assert_step("B2/S", domino, "------\n--**--\n------\n--**--\n------\n");
    let gap = "-------\n-------\n--*-*--\n-------\n-------\n";
    let born = "-------\n---*---\n---*---\n---*---\n-------\n";
    assert_step("B2-a/S", gap, born);
    assert_step("B2/S", gap, born);
}

/// Brian's Brain by hand: two firing cells (A) with their refractory
/// trail (B) fire the two cells ahead of them, while the refractory cells
/// go quiet: the same shape one cell further on.
#[test]
fn brians_brain_cells_fire_rest_and_recover() {
    assert_step(
        "/2/3",
        "------\n---*B-\n---*B-\n------\n",
        "------\n--*B--\n--*B--\n------\n",
    );
}

/// The Sawfish puffer engine moves at c/2: its head, with period 80, is 40
/// cells further on every 80 generations, whatever it leaves behind.
#[test]
fn sawfish_moves_at_half_the_speed_of_light() {
    let sawfish = pattern("sawfish");
    let mut plane = on_plane(&sawfish, rule_of(&sawfish));
    let edges = |pattern: &Pattern| {
        let b = pattern.bounding_box().expect("not empty");
        [
            -i64::from(b.top),
            -i64::from(b.left),
            i64::from(b.bottom),
            i64::from(b.right),
        ]
    };
    let start = edges(&sawfish);
    for lap in 1..=3 {
        plane.run(80).expect("runs");
        let now = edges(&plane.pattern());
        let furthest = (0..4).map(|i| now[i] - start[i]).max();
        assert_eq!(furthest, Some(40 * lap), "after {} generations", 80 * lap);
    }
}

#[test]
fn generations_patterns_round_trip_through_rle() {
    for name in ["sawfish", "brians-brain-p3"] {
        let read = pattern(name);
        let written = format::rle::write(&read).expect("writes");
        let again = format::rle::parse(&written).expect("written RLE reads");
        assert_eq!(cells(&again), cells(&read), "{name}");
        assert_eq!(again.rule, read.rule, "{name}");
    }
}

#[test]
fn text_output_shows_dying_states_by_their_letters() {
    let p3 = pattern("brians-brain-p3");
    let grid = Grid::from_pattern(&p3, 4, 4, corolife::Placement::Centre).expect("fits");
    assert_eq!(grid.to_string(), "--*-\n*BB-\n-BB*\n-*--\n");
}

/// The cells of `pattern` as a set on a torus of `rows` x `cols`, moved so
/// that its first cell in reading order is at (0, 0): two such sets are
/// equal when the patterns are the same up to a translation of the torus.
fn on_torus(cells: &[(i32, i32, u8)], rows: i32, cols: i32) -> Vec<BTreeSet<(i32, i32, u8)>> {
    // Every cell may be the one Golly's file begins with: one set per
    // choice of the cell moved to (0, 0).
    cells
        .iter()
        .map(|&(y0, x0, _)| {
            cells
                .iter()
                .map(|&(y, x, s)| ((y - y0).rem_euclid(rows), (x - x0).rem_euclid(cols), s))
                .collect()
        })
        .collect()
}

#[test]
fn anisotropic_map_rules_run_as_golly_runs_them() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/map");
    for name in ["moore", "hexagonal", "von-neumann"] {
        let start = format::load(&dir.join(format!("{name}-soup.rle"))).expect("soup");
        let expected = format::load(&dir.join(format!("{name}-soup.30.rle"))).expect("Golly's");
        let rule = rule_of(&start);
        assert_eq!(rule.family(), Family::Map, "{name}");
        let torus = rule.torus().expect("a torus");
        let (rows, cols) = (torus.rows as i32, torus.cols as i32);
        let golly: Vec<_> = expected
            .cells()
            .iter()
            .map(|c| (c.y, c.x, c.state.value()))
            .collect();
        let golly = on_torus(&golly, rows, cols).swap_remove(0);
        for engine in [EngineKind::Sequential, EngineKind::Compiled] {
            let mut simulation =
                Simulation::build(&start, rule, engine, EngineOptions::default()).expect("builds");
            simulation.run(30).expect("runs");
            let cells: Vec<_> = simulation
                .pattern()
                .cells()
                .iter()
                .map(|c| (c.y, c.x, c.state.value()))
                .collect();
            assert_eq!(cells.len(), golly.len(), "{name}, {engine}");
            assert!(
                on_torus(&cells, rows, cols).contains(&golly),
                "{name}, {engine}: not Golly's cells"
            );
        }
        // Written back, the rule reads as itself.
        assert_eq!(rule.to_string().parse::<Rule>(), Ok(rule));
    }
}

#[test]
fn the_wireworld_clock_has_period_10_on_every_engine() {
    let clock = pattern("wireworld-clock");
    for engine in EngineKind::ALL {
        assert_eq!(
            analysis::classify_with(&clock, rule_of(&clock), 20, engine),
            Ok(Behaviour::Oscillator { period: 10 }),
            "{engine}"
        );
    }
}

#[test]
fn langtons_ant_builds_a_highway_of_period_104() {
    let ant = pattern("langtons-ant");
    let mut plane = on_plane(&ant, rule_of(&ant));
    // Well into the highway, which starts near step 10,000.
    plane.run(12_000).expect("runs");
    let mut seen = Vec::new();
    for _ in 0..3 {
        let now = plane.pattern();
        let bounds = now.bounding_box().expect("cells");
        seen.push((now.population(), bounds.width(), bounds.height()));
        plane.run(104).expect("runs");
    }
    // Each period adds the same cells and stretches the box by two
    // cells each way: the highway moves two cells diagonally.
    let grows = |a: (usize, u64, u64), b: (usize, u64, u64)| {
        (b.0 as i64 - a.0 as i64, b.1 - a.1, b.2 - a.2)
    };
    let first = grows(seen[0], seen[1]);
    assert_eq!(first, grows(seen[1], seen[2]), "{seen:?}");
    assert_eq!((first.1, first.2), (2, 2), "{seen:?}");
    assert_eq!(first.0, 12, "twelve cells a period: {seen:?}");
}

#[test]
fn auto_runs_rules_known_by_name_with_hashlife_on_the_plane() {
    for name in ["wireworld-clock", "langtons-ant"] {
        let file = pattern(name);
        let rule = rule_of(&file).with_topology(Topology::Plane);
        let mut auto = Simulation::build(&file, rule, EngineKind::Auto, EngineOptions::default())
            .expect("builds");
        assert_eq!(auto.engine(), "hashlife", "{name}");
        // And gets what the coroutines get.
        let mut bands = on_plane(&file, rule);
        auto.run(300).expect("runs");
        bands.run(300).expect("runs");
        assert_eq!(cells(&auto.pattern()), cells(&bands.pattern()), "{name}");
    }
}

#[test]
fn wolfram_rule_110_grows_its_triangle_one_row_a_generation() {
    let rule: Rule = "W110".parse().expect("Golly's W rules");
    let seed = Pattern::from_cells([corolife::Cell {
        y: 0,
        x: 0,
        state: corolife::State::ALIVE,
    }]);
    let mut plane = on_plane(&seed, rule);
    plane.run(4).expect("runs");
    let grown = plane.pattern();
    let rows: Vec<String> = (0..5)
        .map(|y| {
            (-4..=0)
                .map(|x| {
                    if cells(&grown).contains(&(y, x, 1)) {
                        '1'
                    } else {
                        '0'
                    }
                })
                .collect()
        })
        .collect();
    // Rule 110 from one cell: each row is the one above under Wolfram's
    // table (110 = 0b0110_1110), growing to the left.
    assert_eq!(rows, ["00001", "00011", "00111", "01101", "11111"]);
    assert!("W111".parse::<Rule>().is_err(), "odd rules are B0");
    assert!("W256".parse::<Rule>().is_err());
}
