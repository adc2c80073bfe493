//! The blocks against the torus engines (on a torus too large to wrap, for
//! the plane), against a cell-by-cell reference that reads every
//! neighbourhood through [`Topology::fold`], and against Golly's results.

use std::collections::BTreeMap;

use super::*;
use crate::cell::MOORE;
use crate::engine::{EngineOptions, Sequential};
use crate::rule::{Edges, Shift};
use crate::soup::SplitMix64;
use crate::{Engine, Grid, Simulation, Walk, format};

/// Rules of every family: Life-like (Moore, von Neumann, hexagonal),
/// isotropic non-totalistic, Generations, Larger than Life.
const RULES: [&str; 10] = [
    "B3/S23",
    "B36/S23",
    "B2/S13V",
    "B2/S34H",
    "B2-a/S12",
    "/2/3",
    "345/2/4",
    "R2,C0,S2-3,B3,NN",
    "R3,C4,S5-9,B7,NH",
    "R2,C3,S3-6,B4-5,NM",
];

fn rule(text: &str) -> Rule {
    text.parse().expect("valid rule")
}

/// The two engines the blocks serve.
fn engines() -> [(EngineKind, fn() -> Threads); 2] {
    [
        (EngineKind::Sequential, || Threads::Caller),
        (EngineKind::RowBands, || {
            Threads::exactly(2, "test").expect("two threads")
        }),
    ]
}

/// A `rows` × `cols` soup from `seed` with its top-left cell at (`top`,
/// `left`), about `percent` percent of it not empty; with more than two
/// states, the cells take every state above 0.
fn soup(
    top: i32,
    left: i32,
    rows: i32,
    cols: i32,
    percent: u64,
    states: u16,
    seed: u64,
) -> Vec<Cell> {
    let mut random = SplitMix64::new(seed);
    let mut cells = Vec::new();
    for y in top..top + rows {
        for x in left..left + cols {
            let bits = random.next_u64();
            if bits % 100 < percent {
                let state = 1 + (bits >> 32) % u64::from(states - 1);
                cells.push(Cell {
                    y,
                    x,
                    state: State::new(state as u8),
                });
            }
        }
    }
    cells
}

/// Every non-empty cell, by row then column.
fn live(universe: &Blocks) -> Vec<Cell> {
    universe
        .bounding_box()
        .map_or_else(Vec::new, |rect| universe.cells_in(rect))
}

/// `cells` on a torus with `margin` empty cells around their box, stepped
/// by the sequential engine; gives the cells back where they were.
struct Reference {
    grid: Grid,
    engine: Sequential,
    /// The grid's cell (0, 0) on the plane.
    origin: (i32, i32),
}

impl Reference {
    fn new(cells: &[Cell], rule: Rule, margin: usize) -> Reference {
        let top = cells.iter().map(|c| c.y).min().unwrap_or(0);
        let left = cells.iter().map(|c| c.x).min().unwrap_or(0);
        let bottom = cells.iter().map(|c| c.y).max().unwrap_or(0);
        let right = cells.iter().map(|c| c.x).max().unwrap_or(0);
        let rows = (bottom - top) as usize + 1 + 2 * margin;
        let cols = (right - left) as usize + 1 + 2 * margin;
        let mut grid = Grid::new(rows, cols).expect("grid");
        let origin = (top - margin as i32, left - margin as i32);
        for cell in cells {
            grid.assign(cell.y - origin.0, cell.x - origin.1, cell.state);
        }
        Reference {
            grid,
            engine: Sequential::new(rule),
            origin,
        }
    }

    fn run(&mut self, generations: u64) {
        self.engine.run(&mut self.grid, generations);
    }

    fn cells(&self) -> Vec<Cell> {
        let mut cells = Vec::new();
        for (row, states) in self.grid.iter_rows().enumerate() {
            for (col, &state) in states.iter().enumerate() {
                if !state.is_empty() {
                    cells.push(Cell {
                        y: row as i32 + self.origin.0,
                        x: col as i32 + self.origin.1,
                        state,
                    });
                }
            }
        }
        cells
    }
}

/// On the plane, the blocks give exactly what the torus engine gives on a
/// torus that never wraps, after 1, 7 and 40 generations.
fn agrees_with_a_large_torus(text: &str) {
    let rule = rule(text);
    let range = usize::from(rule.neighbourhood().range());
    let cells = soup(-45, -20, 48, 40, 40, rule.states(), 0x5EED);
    let mut reference = Reference::new(&cells, rule, range * 40 + 2);
    let mut universes: Vec<Blocks> = engines()
        .into_iter()
        .map(|(kind, threads)| Blocks::new(&cells, rule, Topology::Plane, kind, threads()))
        .collect();
    let mut done = 0;
    for generations in [1, 7, 40] {
        reference.run(generations - done);
        let expected = reference.cells();
        for universe in &mut universes {
            universe.run(generations - done).expect("runs");
            assert_eq!(
                live(universe),
                expected,
                "{text}, {} after {generations}",
                universe.engine()
            );
            assert_eq!(universe.population(), expected.len() as u64);
        }
        done = generations;
    }
}

#[test]
fn life_like_rules_agree_with_a_large_torus() {
    for text in &RULES[..5] {
        agrees_with_a_large_torus(text);
    }
}

#[test]
fn generations_rules_agree_with_a_large_torus() {
    for text in &RULES[5..7] {
        agrees_with_a_large_torus(text);
    }
}

#[test]
fn larger_than_life_rules_agree_with_a_large_torus() {
    for text in &RULES[7..] {
        agrees_with_a_large_torus(text);
    }
}

/// The standard glider, heading down and right.
const GLIDER: [(i32, i32); 5] = [(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)];

fn glider_at(y: i32, x: i32) -> Vec<Cell> {
    GLIDER
        .iter()
        .map(|&(dy, dx)| Cell::alive(y.wrapping_add(dy), x.wrapping_add(dx)))
        .collect()
}

#[test]
fn a_glider_crosses_many_blocks_and_only_its_blocks_are_kept() {
    for (kind, threads) in engines() {
        // From negative coordinates to positive ones, and across the
        // point where the plane's coordinates wrap round.
        for (y, x) in [(-70, -61), (i32::MAX - 50, i32::MAX - 40)] {
            let mut universe = Blocks::new(
                &glider_at(y, x),
                Rule::LIFE,
                Topology::Plane,
                kind,
                threads(),
            );
            for _ in 0..10 {
                universe.run(40).expect("runs");
                assert!(
                    universe.blocks.len() <= 4,
                    "{} blocks",
                    universe.blocks.len()
                );
            }
            let mut expected = glider_at(y.wrapping_add(100), x.wrapping_add(100));
            expected.sort_unstable_by_key(|c| (c.y, c.x));
            let rect = Rect {
                top: y.wrapping_add(90),
                left: x.wrapping_add(90),
                bottom: y.wrapping_add(110),
                right: x.wrapping_add(110),
            };
            assert_eq!(
                universe.cells_in(rect),
                expected,
                "{kind:?} from ({y}, {x})"
            );
            assert_eq!(universe.population(), 5);
        }
    }
}

#[test]
fn a_pattern_that_dies_out_leaves_no_blocks() {
    // Diehard vanishes after 130 generations.
    let diehard: Vec<Cell> = [(0, 6), (1, 0), (1, 1), (2, 1), (2, 5), (2, 6), (2, 7)]
        .iter()
        .map(|&(y, x)| Cell::alive(y - 20, x + 29))
        .collect();
    for (kind, threads) in engines() {
        let mut universe = Blocks::new(&diehard, Rule::LIFE, Topology::Plane, kind, threads());
        universe.run(129).expect("runs");
        assert!(universe.population() > 0);
        universe.run(1).expect("runs");
        assert_eq!(universe.population(), 0);
        assert_eq!(universe.bounding_box(), None);
        assert!(universe.blocks.is_empty());
        // The blocks around the last deaths are stepped once more, and
        // then nothing is.
        universe.run(1).expect("runs");
        assert!(!universe.step(), "nothing is left to step");
    }
}

#[test]
fn still_lifes_stop_being_stepped() {
    let block = [
        Cell::alive(31, 31),
        Cell::alive(31, 32),
        Cell::alive(32, 31),
        Cell::alive(32, 32),
    ];
    let mut universe = Blocks::new(
        &block,
        Rule::LIFE,
        Topology::Plane,
        EngineKind::Sequential,
        Threads::Caller,
    );
    assert!(universe.step());
    assert!(!universe.step(), "a still life does not change");
    universe.run(1_000_000_000).expect("runs");
    assert_eq!(live(&universe), block);
}

#[test]
fn setting_a_cell_resumes_stepping_around_it() {
    let mut universe = Blocks::new(
        &[],
        Rule::LIFE,
        Topology::Plane,
        EngineKind::Sequential,
        Threads::Caller,
    );
    universe.run(5).expect("runs");
    // A blinker across the corner of four blocks.
    for x in -1..=1 {
        universe.set(-1, x, State::ALIVE);
    }
    assert_eq!(universe.get(-1, 0), State::ALIVE);
    assert_eq!(universe.population(), 3);
    universe.run(1).expect("runs");
    assert_eq!(
        live(&universe),
        [Cell::alive(-2, 0), Cell::alive(-1, 0), Cell::alive(0, 0)]
    );
    universe.run(1).expect("runs");
    assert_eq!(
        live(&universe),
        [Cell::alive(-1, -1), Cell::alive(-1, 0), Cell::alive(-1, 1)]
    );
    // Emptying it stops it.
    for x in -1..=1 {
        universe.set(-1, x, State::EMPTY);
    }
    assert_eq!(universe.population(), 0);
    universe.run(3).expect("runs");
    assert!(universe.blocks.is_empty());
}

#[test]
fn cells_in_reads_a_rectangle_by_row_then_column() {
    let cells = soup(-40, -40, 80, 80, 30, 2, 9);
    let universe = Blocks::new(
        &cells,
        Rule::LIFE,
        Topology::Plane,
        EngineKind::Sequential,
        Threads::Caller,
    );
    assert_eq!(live(&universe), cells);
    let rect = Rect {
        top: -3,
        left: -35,
        bottom: 5,
        right: 2,
    };
    let inside: Vec<Cell> = cells
        .iter()
        .copied()
        .filter(|c| {
            (rect.top..=rect.bottom).contains(&c.y) && (rect.left..=rect.right).contains(&c.x)
        })
        .collect();
    assert_eq!(universe.cells_in(rect), inside);
    let wide = Rect {
        top: i32::MIN,
        left: i32::MIN,
        bottom: i32::MAX,
        right: i32::MAX,
    };
    assert_eq!(universe.cells_in(wide), cells);
    let bounds = universe.bounding_box().expect("cells");
    assert_eq!(
        (bounds.top, bounds.left, bounds.bottom, bounds.right),
        (
            cells.iter().map(|c| c.y).min().expect("cells"),
            cells.iter().map(|c| c.x).min().expect("cells"),
            cells.iter().map(|c| c.y).max().expect("cells"),
            cells.iter().map(|c| c.x).max().expect("cells"),
        )
    );
}

/// One generation cell by cell: every cell of the grid near a live one
/// reads its neighbourhood through `fold` and applies the rule to the key
/// its walk gathers, as `step_cell` does.
fn reference_step(
    cells: &BTreeMap<(i32, i32), State>,
    rule: Rule,
    topology: Topology,
) -> BTreeMap<(i32, i32), State> {
    let range = i32::from(rule.neighbourhood().range());
    let read = |y: i32, x: i32| {
        topology
            .fold(y, x)
            .and_then(|at| cells.get(&at).copied())
            .unwrap_or(State::EMPTY)
    };
    // Across a finite side, all of it; along an infinite one, as far as
    // the neighbourhoods of the live cells reach.
    let span = |first: i32, side: Option<u32>, live: &mut dyn Iterator<Item = i32>| match side {
        Some(n) => Some((first, first + n as i32 - 1)),
        None => {
            let all: Vec<i32> = live.collect();
            let low = all.iter().min()?;
            let high = all.iter().max()?;
            Some((low - range, high + range))
        }
    };
    let mut next = BTreeMap::new();
    let rows = span(
        topology.top(),
        topology.height(),
        &mut cells.keys().map(|k| k.0),
    );
    let cols = span(
        topology.left(),
        topology.width(),
        &mut cells.keys().map(|k| k.1),
    );
    let (Some((top, bottom)), Some((left, right))) = (rows, cols) else {
        return next;
    };
    for y in top..=bottom {
        for x in left..=right {
            if !topology.contains(y, x) {
                continue;
            }
            let key = match rule.walk() {
                Walk::Moore => MOORE
                    .iter()
                    .filter(|&&(dy, dx)| read(y + dy, x + dx).is_alive())
                    .count() as u16,
                Walk::Configuration => MOORE
                    .iter()
                    .enumerate()
                    .map(|(bit, &(dy, dx))| u16::from(read(y + dy, x + dx).is_alive()) << bit)
                    .sum(),
                Walk::Neighbourhood(neighbourhood) => neighbourhood
                    .offsets()
                    .iter()
                    .filter(|&&(dy, dx)| read(y + dy, x + dx).is_alive())
                    .count() as u16,
                Walk::States => {
                    let around = MOORE.map(|(dy, dx)| read(y + dy, x + dx));
                    let state = rule.next_state_of(read(y, x), around);
                    if !state.is_empty() {
                        next.insert((y, x), state);
                    }
                    continue;
                }
            };
            let state = rule.next_state(read(y, x), u32::from(key));
            if !state.is_empty() {
                next.insert((y, x), state);
            }
        }
    }
    next
}

fn as_cells(cells: &BTreeMap<(i32, i32), State>) -> Vec<Cell> {
    cells
        .iter()
        .map(|(&(y, x), &state)| Cell { y, x, state })
        .collect()
}

/// The blocks on `topology` agree with the reference, generation by
/// generation, on a soup over the grid (on an infinite side, over 45 cells
/// of it).
fn agrees_with_the_reference(texts: &[&str], topology: Topology, generations: u64) {
    agrees_with_the_reference_from(texts, topology, generations, 45);
}

/// [`agrees_with_the_reference`] with a soup `extent` cells long on an
/// infinite side.
fn agrees_with_the_reference_from(
    texts: &[&str],
    topology: Topology,
    generations: u64,
    extent: i32,
) {
    let side = |first: i32, n: Option<u32>| match n {
        Some(n) => (first, n as i32),
        None => (-extent / 2, extent),
    };
    let (top, rows) = side(topology.top(), topology.height());
    let (left, cols) = side(topology.left(), topology.width());
    // Generations with live cells compared, over all the rules.
    let mut lived = 0;
    for (seed, text) in texts.iter().enumerate() {
        let rule = rule(text);
        let cells = soup(top, left, rows, cols, 45, rule.states(), seed as u64);
        lived += follows_the_reference(&cells, text, topology, generations);
    }
    assert!(lived > 0, "every rule died at once on {topology}");
}

/// `cells` under the rule `text` on `topology`, generation by
/// generation, on the blocks of both engines and by the reference;
/// returns how many of the generations had live cells.
fn follows_the_reference(cells: &[Cell], text: &str, topology: Topology, generations: u64) -> u32 {
    let rule = rule(text);
    let mut universes: Vec<Blocks> = engines()
        .into_iter()
        .map(|(kind, threads)| Blocks::new(cells, rule, topology, kind, threads()))
        .collect();
    let mut expected: BTreeMap<(i32, i32), State> =
        cells.iter().map(|c| ((c.y, c.x), c.state)).collect();
    let mut lived = 0;
    for generation in 1..=generations {
        expected = reference_step(&expected, rule, topology);
        lived += u32::from(!expected.is_empty());
        for universe in &mut universes {
            universe.run(1).expect("runs");
            assert_eq!(
                live(universe),
                as_cells(&expected),
                "{text} on {topology}, {} at generation {generation}",
                universe.engine()
            );
        }
    }
    lived
}

/// Rules with births from nothing fill empty blocks of a finite grid from
/// the first generation.
#[test]
fn births_from_nothing_fill_a_finite_grid() {
    for topology in [
        Topology::Bounded {
            width: 30,
            height: 20,
        },
        Topology::Torus {
            width: 40,
            height: 33,
            shift: Shift::Vertical(2),
        },
        Topology::Sphere { side: 30 },
    ] {
        for text in ["B0123/S2", "B01/S1"] {
            for cells in [Vec::new(), vec![Cell::alive(1, 2)]] {
                assert!(follows_the_reference(&cells, text, topology, 6) > 0);
            }
        }
    }
}

/// Grids much larger than their blocks: a soup in the middle, which only
/// its own blocks step, and gliders heading for the edges, whose joins
/// carry them on.
#[test]
fn activity_in_the_middle_of_a_grid_and_across_its_edges() {
    let grids = [
        Topology::Torus {
            width: 96,
            height: 80,
            shift: Shift::Horizontal(5),
        },
        Topology::Torus {
            width: 0,
            height: 70,
            shift: Shift::None,
        },
        Topology::Torus {
            width: 75,
            height: 0,
            shift: Shift::None,
        },
        Topology::Bounded {
            width: 90,
            height: 70,
        },
        Topology::Klein {
            width: 72,
            height: 64,
            twist: Edges::Vertical,
            shifted: true,
        },
        Topology::Cross {
            width: 70,
            height: 66,
        },
        Topology::Sphere { side: 64 },
    ];
    // Gliders heading down and right, and (mirrored) down and left, up
    // and right, up and left.
    let gliders = |y: i32, x: i32| {
        [(1, 1), (1, -1), (-1, 1), (-1, -1)]
            .into_iter()
            .enumerate()
            .flat_map(move |(i, (sy, sx))| {
                let (y, x) = (y + 12 * sy - (i as i32), x + 14 * sx);
                GLIDER
                    .iter()
                    .map(move |&(dy, dx)| Cell::alive(y + sy * dy, x + sx * dx))
            })
    };
    for topology in grids {
        let (cy, cx) = (
            topology.height().map_or(3, |_| 0),
            topology.width().map_or(-5, |_| 0),
        );
        let mut cells = soup(cy - 5, cx - 5, 10, 10, 45, 2, 3);
        cells.extend(gliders(cy, cx));
        cells.sort_unstable_by_key(|c| (c.y, c.x));
        cells.dedup_by_key(|c| (c.y, c.x));
        assert!(follows_the_reference(&cells, "B3/S23", topology, 200) > 150);
    }
}

/// Rules whose range makes the blocks larger than the smallest ones, on
/// the plane and on grids of each kind that runs them.
#[test]
fn large_ranges_agree_with_the_reference() {
    // Two of each range, one for sparse soups, one for dense ones.
    let rules = [
        "R9,C0,S10-30,B12-20,NN",
        "R9,C0,S40-100,B60-90,NN",
        "R16,C4,S40-100,B40-80,NM",
        "R16,C4,S100-400,B150-300,NM",
    ];
    for topology in [
        Topology::Plane,
        Topology::Bounded {
            width: 40,
            height: 30,
        },
        Topology::Torus {
            width: 0,
            height: 24,
            shift: Shift::None,
        },
        Topology::Torus {
            width: 30,
            height: 20,
            shift: Shift::Horizontal(7),
        },
    ] {
        agrees_with_the_reference_from(&rules, topology, 5, 16);
    }
}

/// Range-1 rules of every family, and one that gives birth from nothing
/// (which only finite grids run).
const RANGE_ONE: [&str; 8] = [
    "B3/S23", "B36/S23", "B2/S13V", "B2/S34H", "B2-a/S12", "/2/3", "345/2/4", "B0123/S2",
];

#[test]
fn bounded_planes_agree_with_the_reference() {
    for topology in [
        Topology::Bounded {
            width: 20,
            height: 16,
        },
        Topology::Bounded {
            width: 45,
            height: 70,
        },
    ] {
        agrees_with_the_reference(&RANGE_ONE, topology, 30);
        agrees_with_the_reference(&RULES[7..], topology, 12);
    }
    for topology in [
        Topology::Bounded {
            width: 0,
            height: 12,
        },
        Topology::Bounded {
            width: 30,
            height: 0,
        },
    ] {
        agrees_with_the_reference(&RANGE_ONE[..7], topology, 30);
        agrees_with_the_reference(&RULES[7..], topology, 12);
    }
}

#[test]
fn shifted_tori_and_tubes_agree_with_the_reference() {
    for topology in [
        Topology::Torus {
            width: 20,
            height: 16,
            shift: Shift::Horizontal(3),
        },
        Topology::Torus {
            width: 37,
            height: 50,
            shift: Shift::Vertical(-5),
        },
    ] {
        agrees_with_the_reference(&RANGE_ONE, topology, 30);
        agrees_with_the_reference(&RULES[7..], topology, 12);
    }
    for topology in [
        Topology::Torus {
            width: 0,
            height: 12,
            shift: Shift::None,
        },
        Topology::Torus {
            width: 40,
            height: 0,
            shift: Shift::None,
        },
    ] {
        agrees_with_the_reference(&RANGE_ONE[..7], topology, 30);
        agrees_with_the_reference(&RULES[7..], topology, 12);
    }
}

#[test]
fn klein_bottles_cross_surfaces_and_spheres_agree_with_the_reference() {
    for topology in [
        Topology::Klein {
            width: 20,
            height: 16,
            twist: Edges::Horizontal,
            shifted: false,
        },
        Topology::Klein {
            width: 20,
            height: 16,
            twist: Edges::Vertical,
            shifted: true,
        },
        Topology::Klein {
            width: 41,
            height: 34,
            twist: Edges::Horizontal,
            shifted: true,
        },
        Topology::Cross {
            width: 20,
            height: 16,
        },
        Topology::Cross {
            width: 35,
            height: 40,
        },
        Topology::Sphere { side: 18 },
        Topology::Sphere { side: 40 },
    ] {
        agrees_with_the_reference(&RANGE_ONE, topology, 30);
    }
}

#[test]
fn a_plain_torus_agrees_with_the_grid_engines() {
    for (width, height) in [(20, 16), (45, 70)] {
        let topology = Topology::Torus {
            width,
            height,
            shift: Shift::None,
        };
        let (top, left) = (topology.top(), topology.left());
        for (seed, text) in RULES.iter().chain(&RANGE_ONE[7..]).enumerate() {
            let rule = rule(text);
            let cells = soup(
                top,
                left,
                height as i32,
                width as i32,
                45,
                rule.states(),
                seed as u64,
            );
            let mut grid = Grid::new(height as usize, width as usize).expect("grid");
            for cell in &cells {
                grid.assign(cell.y - top, cell.x - left, cell.state);
            }
            let mut engine = Sequential::new(rule);
            let mut universes: Vec<Blocks> = engines()
                .into_iter()
                .map(|(kind, threads)| Blocks::new(&cells, rule, topology, kind, threads()))
                .collect();
            let mut done = 0;
            for generations in [1, 7, 40] {
                engine.run(&mut grid, generations - done);
                for universe in &mut universes {
                    universe.run(generations - done).expect("runs");
                    for y in 0..height as i32 {
                        for x in 0..width as i32 {
                            assert_eq!(
                                universe.get(y + top, x + left),
                                grid.query(y, x),
                                "{text} on {topology}, {} after {generations} at ({y}, {x})",
                                universe.engine()
                            );
                        }
                    }
                    assert_eq!(universe.population(), grid.population() as u64);
                }
                done = generations;
            }
        }
    }
}

#[test]
fn setting_outside_a_bounded_grid_does_nothing() {
    let topology = Topology::Bounded {
        width: 10,
        height: 6,
    };
    let mut universe = Blocks::new(
        &[],
        Rule::LIFE,
        topology,
        EngineKind::Sequential,
        Threads::Caller,
    );
    universe.set(3, 0, State::ALIVE);
    universe.set(0, 5, State::ALIVE);
    universe.set(-4, 0, State::ALIVE);
    assert_eq!(universe.population(), 0);
    universe.set(2, 4, State::ALIVE);
    assert_eq!(universe.get(2, 4), State::ALIVE);
    assert_eq!(universe.population(), 1);
}

/// Golly 5.0's results on its bounded grids: each file of
/// `tests/fixtures/topology` run for the generations `cases.tsv` gives
/// matches the file's `.expect.rle`, up to translation.
#[test]
fn golly_s_bounded_grids_give_golly_s_results() {
    let fixture = |name: &str| match name {
        "topo-02.rle" => (
            include_str!("../../../tests/fixtures/topology/topo-02.rle"),
            include_str!("../../../tests/fixtures/topology/topo-02.rle.expect.rle"),
        ),
        "topo-05.rle" => (
            include_str!("../../../tests/fixtures/topology/topo-05.rle"),
            include_str!("../../../tests/fixtures/topology/topo-05.rle.expect.rle"),
        ),
        "topo-09.rle" => (
            include_str!("../../../tests/fixtures/topology/topo-09.rle"),
            include_str!("../../../tests/fixtures/topology/topo-09.rle.expect.rle"),
        ),
        "topo-11.rle" => (
            include_str!("../../../tests/fixtures/topology/topo-11.rle"),
            include_str!("../../../tests/fixtures/topology/topo-11.rle.expect.rle"),
        ),
        "topo-16.rle" => (
            include_str!("../../../tests/fixtures/topology/topo-16.rle"),
            include_str!("../../../tests/fixtures/topology/topo-16.rle.expect.rle"),
        ),
        other => panic!("no fixture {other}"),
    };
    // The suffixes, built by hand.
    let topology = |suffix: &str| match suffix {
        "T20+3,16" => Topology::Torus {
            width: 20,
            height: 16,
            shift: Shift::Horizontal(3),
        },
        "K20*,16" => Topology::Klein {
            width: 20,
            height: 16,
            twist: Edges::Horizontal,
            shifted: false,
        },
        "C20,16" => Topology::Cross {
            width: 20,
            height: 16,
        },
        "S18" => Topology::Sphere { side: 18 },
        "T0,12" => Topology::Torus {
            width: 0,
            height: 12,
            shift: Shift::None,
        },
        other => panic!("no topology for :{other}"),
    };
    // The rule's suffix cut off the header, and the suffix.
    let without_suffix = |text: &str| {
        let mut suffix = None;
        let lines: Vec<String> = text
            .lines()
            .map(|line| match line.split_once(':') {
                Some((head, tail)) if line.starts_with('x') => {
                    suffix = Some(tail.trim().to_owned());
                    head.to_owned()
                }
                _ => line.to_owned(),
            })
            .collect();
        (lines.join("\n"), suffix.expect("a suffix"))
    };
    let normalized = |mut cells: Vec<Cell>| {
        let top = cells.iter().map(|c| c.y).min().unwrap_or(0);
        let left = cells.iter().map(|c| c.x).min().unwrap_or(0);
        for cell in &mut cells {
            (cell.y, cell.x) = (cell.y - top, cell.x - left);
        }
        cells.sort_unstable_by_key(|c| (c.y, c.x));
        cells
    };
    let cases = include_str!("../../../tests/fixtures/topology/cases.tsv");
    let mut checked = 0;
    for line in cases.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [name, generations, population] = fields[..] else {
            panic!("a case is a file, its generations and its population: {line}");
        };
        let generations: u64 = generations.parse().expect("generations");
        let population: u64 = population.parse().expect("population");
        let (start, expect) = fixture(name);
        let (text, suffix) = without_suffix(start);
        let topology = topology(&suffix);
        let pattern = format::parse(&text, None).expect("the fixture reads");
        let rule = pattern.rule.expect("a rule");
        // The reader puts the box's top-left cell at `#CXRLE Pos=x,y`.
        assert!(pattern.positioned, "{name} gives a position");
        let cells = pattern.cells().to_vec();
        let (expect, _) = without_suffix(expect);
        let expected = normalized(
            format::parse(&expect, None)
                .expect("the result reads")
                .cells()
                .to_vec(),
        );
        assert_eq!(expected.len() as u64, population, "{name}: cases.tsv");
        for (kind, threads) in engines() {
            let mut universe = Blocks::new(&cells, rule, topology, kind, threads());
            universe.run(generations).expect("runs");
            assert_eq!(normalized(live(&universe)), expected, "{name}, {kind:?}");
        }
        // Through a simulation, which centres a pattern without a position
        // where Golly does, and so where these files put theirs.
        let mut simulation = Simulation::build(
            &pattern,
            rule.with_topology(topology),
            EngineKind::RowBands,
            EngineOptions::default(),
        )
        .expect("a simulation");
        simulation.run(generations).expect("runs");
        assert_eq!(
            normalized(simulation.pattern().cells().to_vec()),
            expected,
            "{name}, simulated"
        );
        checked += 1;
    }
    assert_eq!(checked, 5);
}
