//! Every built-in Life pattern does what its LifeWiki page says it does
//! (the patterns of other rules are tested in `families`).
//!
//! The facts asserted here (periods, speeds, populations, lifespans, final
//! censuses) are LifeWiki's; each pattern file cites its page. Nothing here
//! was learnt by running corolife.
//!
//! The runs are [`Simulation`]s on the unbounded plane, so nothing wraps
//! and no torus has to be sized by hand: the plane holds only the cells
//! near the pattern, which keeps the long runs (acorn's 5206 generations)
//! affordable.
//!
//! Methuselahs and guns send gliders away for ever. A glider that is clear
//! of everything else (no live cell within two cells of it), lies at least
//! [`ESCAPE_GAP`] cells beyond the bounding box of all that is not a free
//! glider, and flies away from it along that axis, is removed and counted:
//! its five cells still count in the population. On the plane it would
//! fly on unchanged unless something later caught up with it; had that
//! been due to happen, the populations and censuses asserted here would
//! come out wrong, so removing a glider cannot make a test pass that
//! should fail.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use corolife::analysis::{self, Behaviour};
use corolife::{
    Cell, EngineKind, EngineOptions, Pattern, Rule, Simulation, State, format, library,
};

/// How far beyond everything else a glider must be before it counts as
/// escaped.
const ESCAPE_GAP: i32 = 8;

/// A (row, column) position or offset.
type Point = (i32, i32);

/// Positions normalised to their bounding box, sorted.
type Shape = Vec<Point>;

/// The eight rotations and reflections of the square.
const SYMMETRIES: [fn(Point) -> Point; 8] = [
    |(y, x)| (y, x),
    |(y, x)| (x, -y),
    |(y, x)| (-y, -x),
    |(y, x)| (-x, y),
    |(y, x)| (y, -x),
    |(y, x)| (-y, x),
    |(y, x)| (x, y),
    |(y, x)| (-x, -y),
];

/// A glider clear of everything else, and the direction it flies in.
struct FreeGlider {
    cells: Vec<Cell>,
    heading: Point,
}

/// A built-in pattern, read.
fn pattern(name: &str) -> Pattern {
    library::pattern(name).unwrap_or_else(|| panic!("no built-in pattern {name}"))
}

/// The engine of every run here.
fn engine() -> EngineKind {
    EngineKind::RowBands
}

/// `pattern` under Life on the unbounded plane, run by `engine`.
fn on_plane(pattern: &Pattern, engine: EngineKind) -> Simulation {
    Simulation::build(pattern, Rule::LIFE, engine, EngineOptions::default()).expect("Life")
}

/// The live cells of `plane`, by row, then column.
fn live(plane: &Simulation) -> Vec<Cell> {
    plane
        .bounding_box()
        .map_or_else(Vec::new, |bounds| plane.cells_in(bounds))
}

/// Positions (not states) of `cells`, moved so that their bounding box
/// starts at (0, 0), sorted.
fn shape(cells: &[Cell]) -> Shape {
    let top = cells.iter().map(|c| c.y).min().unwrap_or(0);
    let left = cells.iter().map(|c| c.x).min().unwrap_or(0);
    let mut shape: Vec<_> = cells.iter().map(|c| (c.y - top, c.x - left)).collect();
    shape.sort_unstable();
    shape
}

/// The top-left corner of the bounding box of `cells`.
fn corner(cells: &[Cell]) -> Point {
    let top = cells.iter().map(|c| c.y).min().unwrap_or(0);
    let left = cells.iter().map(|c| c.x).min().unwrap_or(0);
    (top, left)
}

/// The eight rotations and reflections of a shape, normalised.
fn orientations(shape: &[Point]) -> Vec<Shape> {
    let mut all: Vec<Shape> = SYMMETRIES
        .iter()
        .map(|map| {
            let moved: Vec<Cell> = shape
                .iter()
                .map(|&p| {
                    let (y, x) = map(p);
                    Cell {
                        y,
                        x,
                        state: State::ALIVE,
                    }
                })
                .collect();
            self::shape(&moved)
        })
        .collect();
    all.sort();
    all.dedup();
    all
}

/// Groups cells that lie within `reach` cells of each other (Chebyshev
/// distance): reach 1 gives the objects of a census, reach 2 the islands
/// that cannot affect each other in the next generation.
fn groups(cells: &[Cell], reach: i32) -> Vec<Vec<Cell>> {
    let index: HashMap<(i32, i32), usize> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.y, c.x), i))
        .collect();
    let mut seen = vec![false; cells.len()];
    let mut groups = Vec::new();
    for start in 0..cells.len() {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut group = vec![cells[start]];
        let mut next = 0;
        while next < group.len() {
            let Cell { y, x, .. } = group[next];
            next += 1;
            for dy in -reach..=reach {
                for dx in -reach..=reach {
                    if let Some(&i) = index.get(&(y + dy, x + dx))
                        && !seen[i]
                    {
                        seen[i] = true;
                        group.push(cells[i]);
                    }
                }
            }
        }
        groups.push(group);
    }
    groups
}

/// Every phase and orientation of the glider (from the built-in glider
/// file), with the direction (dy, dx) it travels in.
fn glider_shapes() -> &'static HashMap<Shape, Point> {
    static SHAPES: OnceLock<HashMap<Shape, Point>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let glider = pattern("glider");
        let mut plane = on_plane(&glider, engine());
        let mut phases = Vec::new();
        for _ in 0..4 {
            phases.push(live(&plane));
            plane.step().expect("runs");
        }
        let (y0, x0) = corner(&phases[0]);
        let (y4, x4) = corner(&live(&plane));
        let heading = (y4 - y0, x4 - x0);
        assert_eq!((heading.0.abs(), heading.1.abs()), (1, 1), "glider");
        let mut shapes = HashMap::new();
        for phase in &phases {
            for map in SYMMETRIES {
                let moved: Vec<Cell> = phase
                    .iter()
                    .map(|c| {
                        let (y, x) = map((c.y, c.x));
                        Cell { y, x, ..*c }
                    })
                    .collect();
                let direction = map(heading);
                let previous = shapes.insert(shape(&moved), direction);
                assert!(previous.is_none_or(|d| d == direction));
            }
        }
        assert_eq!(shapes.len(), 16, "4 phases in 4 directions");
        shapes
    })
}

/// A pattern on the plane, with escaped gliders taken away and counted.
struct Sky {
    plane: Simulation,
    escaped: usize,
}

/// What is left when the free gliders are set apart.
struct Census {
    /// Every cell that is not part of a free glider, sorted.
    ash: Vec<Cell>,
    /// Free gliders still on the plane.
    gliders: usize,
}

impl Sky {
    fn new(pattern: &Pattern, engine: EngineKind) -> Sky {
        Sky {
            plane: on_plane(pattern, engine),
            escaped: 0,
        }
    }

    fn generation(&self) -> u64 {
        self.plane.generation()
    }

    /// Live cells on the plane, escaped gliders included.
    fn population(&self) -> usize {
        self.plane.population() as usize + 5 * self.escaped
    }

    /// Gliders, escaped or still here.
    fn gliders(&self) -> usize {
        self.escaped + self.census().gliders
    }

    fn step(&mut self) {
        self.plane.step().expect("runs");
        // A glider moves one cell in four generations.
        if self.generation().is_multiple_of(4) {
            self.remove_escaped();
        }
    }

    fn run_to(&mut self, generation: u64) {
        while self.generation() < generation {
            self.step();
        }
    }

    /// Free gliders, and the rest.
    fn split(&self) -> (Vec<FreeGlider>, Vec<Cell>) {
        let cells = live(&self.plane);
        let mut gliders = Vec::new();
        let mut rest = Vec::new();
        for group in groups(&cells, 2) {
            match glider_shapes().get(&shape(&group)) {
                Some(&heading) if group.len() == 5 => gliders.push(FreeGlider {
                    cells: group,
                    heading,
                }),
                _ => rest.extend(group),
            }
        }
        rest.sort_unstable();
        (gliders, rest)
    }

    fn census(&self) -> Census {
        let (gliders, ash) = self.split();
        Census {
            ash,
            gliders: gliders.len(),
        }
    }

    fn remove_escaped(&mut self) {
        let (gliders, rest) = self.split();
        let Some(top) = rest.iter().map(|c| c.y).min() else {
            // Nothing but gliders: they can never meet anything again.
            for glider in &gliders {
                self.take(&glider.cells);
            }
            return;
        };
        let bottom = rest.iter().map(|c| c.y).max().unwrap_or(top);
        let left = rest.iter().map(|c| c.x).min().unwrap_or(0);
        let right = rest.iter().map(|c| c.x).max().unwrap_or(left);
        for FreeGlider {
            cells: glider,
            heading: (dy, dx),
        } in &gliders
        {
            let g_top = glider.iter().map(|c| c.y).min().unwrap_or(0);
            let g_bottom = glider.iter().map(|c| c.y).max().unwrap_or(0);
            let g_left = glider.iter().map(|c| c.x).min().unwrap_or(0);
            let g_right = glider.iter().map(|c| c.x).max().unwrap_or(0);
            let away = (*dy < 0 && g_bottom + ESCAPE_GAP < top)
                || (*dy > 0 && g_top > bottom + ESCAPE_GAP)
                || (*dx < 0 && g_right + ESCAPE_GAP < left)
                || (*dx > 0 && g_left > right + ESCAPE_GAP);
            if away {
                self.take(glider);
            }
        }
    }

    fn take(&mut self, glider: &[Cell]) {
        for cell in glider {
            self.plane.set(cell.y, cell.x, State::EMPTY);
        }
        self.escaped += 1;
    }
}

/// What the objects of a census are, by shape: every orientation and phase
/// of the still lifes and oscillators that LifeWiki's censuses name.
fn object_names() -> &'static HashMap<Shape, &'static str> {
    static NAMES: OnceLock<HashMap<Shape, &'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        // The pond and the barge are not built in; their cells are
        // LifeWiki's (https://conwaylife.com/wiki/Pond, /wiki/Barge).
        let extra = [
            ("pond", "x = 4, y = 4\nb2o$o2bo$o2bo$b2o!"),
            ("barge", "x = 4, y = 4\nbo2b$obob$bobo$2bo!"),
        ];
        let mut objects: Vec<(&'static str, Pattern, u64)> = [
            ("block", 1),
            ("beehive", 1),
            ("loaf", 1),
            ("boat", 1),
            ("ship", 1),
            ("tub", 1),
            ("blinker", 2),
        ]
        .into_iter()
        .map(|(name, period)| (name, pattern(name), period))
        .collect();
        for (name, text) in extra {
            objects.push((name, format::parse(text, None).expect("valid RLE"), 1));
        }
        let mut names = HashMap::new();
        for (name, object, period) in objects {
            let mut plane = on_plane(&object, engine());
            for _ in 0..period {
                for orientation in orientations(&shape(&live(&plane))) {
                    names.insert(orientation, name);
                }
                plane.step().expect("runs");
            }
        }
        names
    })
}

/// How many of each named object `ash` holds; objects of other shapes are
/// counted under `"other"`.
fn objects(ash: &[Cell]) -> HashMap<&'static str, usize> {
    let mut counts = HashMap::new();
    for object in groups(ash, 1) {
        let name = object_names()
            .get(&shape(&object))
            .copied()
            .unwrap_or("other");
        *counts.entry(name).or_insert(0) += 1;
    }
    counts
}

fn census_of(pairs: &[(&'static str, usize)]) -> HashMap<&'static str, usize> {
    pairs.iter().copied().collect()
}

/// LifeWiki's account of a methuselah's end.
struct Settles {
    name: &'static str,
    /// The first generation from which it is only still lifes,
    /// oscillators and escaping gliders.
    lifespan: u64,
    /// The period of what is left (1: still lifes only; 2: blinkers too).
    period: u64,
    population: usize,
    gliders: usize,
    /// Objects other than gliders.
    objects: &'static [(&'static str, usize)],
}

/// Runs `facts.name` to its lifespan and checks every fact, returning the
/// sky at the lifespan for further checks. `watch` sees every generation.
fn assert_settles(
    facts: &Settles,
    engine: EngineKind,
    mut watch: impl FnMut(&Sky),
) -> (Sky, Census) {
    let Settles {
        name,
        lifespan,
        period,
        ..
    } = *facts;
    let mut sky = Sky::new(&pattern(name), engine);
    watch(&sky);
    let mut ash = HashMap::new();
    let mut at_lifespan = None;
    while sky.generation() < lifespan + period {
        sky.step();
        watch(&sky);
        let generation = sky.generation();
        if generation == lifespan - 1 || generation == lifespan - 1 + period {
            ash.insert(generation, sky.census().ash);
        }
        if generation == lifespan {
            assert_eq!(sky.population(), facts.population, "{name}: population");
            assert_eq!(sky.gliders(), facts.gliders, "{name}: gliders");
            at_lifespan = Some(sky.census());
        }
    }
    let settled = at_lifespan.expect("the lifespan was reached");
    assert!(
        sky.census().ash == settled.ash,
        "{name}: not periodic with period {period} from generation {lifespan}"
    );
    assert!(
        ash[&(lifespan - 1)] != ash[&(lifespan - 1 + period)],
        "{name}: already settled at generation {}",
        lifespan - 1
    );
    assert_eq!(
        objects(&settled.ash),
        census_of(facts.objects),
        "{name}: objects at generation {lifespan}"
    );
    (sky, settled)
}

/// What the periodic built-in patterns do.
#[derive(Clone, Copy, Debug)]
enum Known {
    Still,
    Oscillator(u64),
    /// Moves `cells` per `period`, diagonally or orthogonally.
    Spaceship {
        period: u64,
        cells: i32,
        diagonal: bool,
    },
}

const PERIODIC: &[(&str, Known)] = &[
    ("block", Known::Still),
    ("beehive", Known::Still),
    ("loaf", Known::Still),
    ("boat", Known::Still),
    ("tub", Known::Still),
    ("ship", Known::Still),
    ("blinker", Known::Oscillator(2)),
    ("toad", Known::Oscillator(2)),
    ("beacon", Known::Oscillator(2)),
    ("clock", Known::Oscillator(2)),
    ("pulsar", Known::Oscillator(3)),
    ("figure-eight", Known::Oscillator(8)),
    ("koks-galaxy", Known::Oscillator(8)),
    ("pentadecathlon", Known::Oscillator(15)),
    ("queen-bee-shuttle", Known::Oscillator(30)),
    (
        "glider",
        Known::Spaceship {
            period: 4,
            cells: 1,
            diagonal: true,
        },
    ),
    (
        "lwss",
        Known::Spaceship {
            period: 4,
            cells: 2,
            diagonal: false,
        },
    ),
    (
        "mwss",
        Known::Spaceship {
            period: 4,
            cells: 2,
            diagonal: false,
        },
    ),
    (
        "hwss",
        Known::Spaceship {
            period: 4,
            cells: 2,
            diagonal: false,
        },
    ),
    (
        "spider",
        Known::Spaceship {
            period: 5,
            cells: 1,
            diagonal: false,
        },
    ),
    (
        "loafer",
        Known::Spaceship {
            period: 7,
            cells: 1,
            diagonal: false,
        },
    ),
    (
        "copperhead",
        Known::Spaceship {
            period: 10,
            cells: 1,
            diagonal: false,
        },
    ),
];

/// Patterns with a test of their own below.
const OTHERS: &[&str] = &[
    "gosper-gun",
    "simkin-gun",
    "diehard",
    "r-pentomino",
    "acorn",
    "b-heptomino",
    "pi-heptomino",
    "blinker-puffer-1",
    "block-laying-switch-engine",
    "puffer-train",
];

/// The Life patterns tested here.
fn life_patterns() -> HashSet<&'static str> {
    PERIODIC
        .iter()
        .map(|(name, _)| *name)
        .chain(OTHERS.iter().copied())
        .collect()
}

/// Every built-in pattern is tested: those of Life here, those of other
/// rules in `families`.
#[test]
fn every_built_in_pattern_has_a_behaviour_test() {
    let life = life_patterns();
    let others: HashSet<&str> = crate::families::PATTERNS.iter().copied().collect();
    assert!(life.is_disjoint(&others));
    let tested: HashSet<&str> = life.union(&others).copied().collect();
    let built_in: HashSet<&str> = library::names().collect();
    assert_eq!(tested, built_in);
    assert!(life.len() >= 30, "{} built-in Life patterns", life.len());
}

#[test]
fn every_file_names_its_pattern_author_and_source() {
    let life = life_patterns();
    for name in library::names() {
        let pattern = pattern(name);
        assert!(pattern.name.is_some(), "{name}: no #N");
        assert!(pattern.author.is_some(), "{name}: no #O");
        let sources: Vec<&String> = pattern
            .comments
            .iter()
            .filter(|c| {
                c.starts_with("Source: LifeWiki, https://conwaylife.com/wiki/")
                    || c.starts_with("Source: Golly's pattern collection, Patterns/")
            })
            .collect();
        assert_eq!(sources.len(), 1, "{name}: {:?}", pattern.comments);
        assert!(pattern.comments.len() >= 2, "{name}: no description");
        if life.contains(name) {
            assert_eq!(pattern.rule, Some(Rule::LIFE), "{name}");
        } else {
            assert!(pattern.rule.is_some_and(|r| r != Rule::LIFE), "{name}");
        }
    }
}

/// The cell counts LifeWiki gives (in its infoboxes, or in the name: a
/// pentomino has five cells).
#[test]
fn populations_are_as_documented() {
    let documented = [
        ("block", 4),
        ("tub", 4),
        ("boat", 5),
        ("beehive", 6),
        ("ship", 6),
        ("loaf", 7),
        ("blinker", 3),
        ("toad", 6),
        ("figure-eight", 12),
        ("koks-galaxy", 28),
        ("glider", 5),
        ("loafer", 20),
        ("copperhead", 28),
        ("gosper-gun", 36),
        ("simkin-gun", 36),
        ("r-pentomino", 5),
        ("acorn", 7),
        ("diehard", 7),
        ("b-heptomino", 7),
        ("pi-heptomino", 7),
        ("blinker-puffer-1", 37),
        ("block-laying-switch-engine", 43),
    ];
    for (name, population) in documented {
        assert_eq!(pattern(name).population(), population, "{name}");
    }
}

/// The first generation `t` in `1..=limit` at which the pattern has its
/// starting shape again, and how far it has moved by then.
fn recurrence(pattern: &Pattern, limit: u64) -> Option<(u64, Point)> {
    let mut plane = on_plane(pattern, engine());
    let start = live(&plane);
    for t in 1..=limit {
        plane.step().expect("runs");
        let now = live(&plane);
        if shape(&now) == shape(&start) {
            let (y0, x0) = corner(&start);
            let (y, x) = corner(&now);
            return Some((t, (y - y0, x - x0)));
        }
    }
    None
}

#[test]
fn still_lifes_do_not_change() {
    for &(name, known) in PERIODIC {
        if let Known::Still = known {
            let start = pattern(name);
            let mut plane = on_plane(&start, engine());
            for generation in 1..=3 {
                plane.step().expect("runs");
                assert_eq!(
                    plane.pattern().cells(),
                    start.cells(),
                    "{name} at {generation}"
                );
            }
        }
    }
}

#[test]
fn oscillators_have_their_period_and_no_shorter_one() {
    for &(name, known) in PERIODIC {
        if let Known::Oscillator(period) = known {
            let start = pattern(name);
            assert_eq!(
                recurrence(&start, period),
                Some((period, (0, 0))),
                "{name} should first recur, in place, after {period} generations"
            );
            // And it goes on recurring.
            let mut plane = on_plane(&start, engine());
            plane.run(3 * period).expect("runs");
            assert_eq!(plane.pattern().cells(), start.cells(), "{name}");
        }
    }
}

#[test]
fn spaceships_move_at_their_documented_speed() {
    for &(name, known) in PERIODIC {
        if let Known::Spaceship {
            period,
            cells,
            diagonal,
        } = known
        {
            let start = pattern(name);
            let Some((first, (dy, dx))) = recurrence(&start, period) else {
                panic!("{name} does not recur within {period} generations");
            };
            assert_eq!(first, period, "{name}: period");
            let moved = if diagonal {
                dy.abs() == cells && dx.abs() == cells
            } else {
                (dy.abs(), dx.abs()) == (cells, 0) || (dy.abs(), dx.abs()) == (0, cells)
            };
            assert!(moved, "{name} moved ({dy}, {dx}) in {period} generations");
            // Ten periods later it has moved ten times as far, intact.
            let mut plane = on_plane(&start, engine());
            plane.run(10 * period).expect("runs");
            let expected: Vec<Cell> = start
                .cells()
                .iter()
                .map(|c| Cell {
                    y: c.y + 10 * dy,
                    x: c.x + 10 * dx,
                    state: c.state,
                })
                .collect();
            assert_eq!(plane.pattern().cells(), expected, "{name}");
        }
    }
}

#[test]
fn analysis_classifies_every_periodic_pattern_as_documented() {
    for &(name, known) in PERIODIC {
        let behaviour = analysis::classify(&pattern(name), Rule::LIFE, 40).expect("Life");
        match (known, behaviour) {
            (Known::Still, Behaviour::StillLife) => {}
            (Known::Oscillator(p), Behaviour::Oscillator { period }) if p == period => {}
            (
                Known::Spaceship {
                    period: p, cells, ..
                },
                Behaviour::Spaceship { period, dy, dx },
            ) if p == period && dy.abs().max(dx.abs()) == i64::from(cells) => {}
            _ => panic!("{name}: expected {known:?}, classified as {behaviour}"),
        }
    }
}

/// A gun of period `period`: from generation `period` on, every generation
/// recurs `period` generations later with the gun unchanged and exactly one
/// more glider (five more cells), and no shorter period does that.
fn assert_gun(name: &str, period: u64) {
    let mut sky = Sky::new(&pattern(name), engine());
    sky.run_to(period);
    let mut before = Vec::new();
    for _ in 0..period {
        before.push((sky.census().ash, sky.population(), sky.gliders()));
        sky.step();
    }
    for (offset, (ash, population, gliders)) in before.iter().enumerate() {
        let generation = sky.generation();
        let now = sky.census();
        assert!(
            now.ash == *ash,
            "{name}: generation {generation} differs from {}",
            generation - period
        );
        assert_eq!(
            sky.population(),
            population + 5,
            "{name}: population at {generation}"
        );
        assert_eq!(
            sky.gliders(),
            gliders + 1,
            "{name}: gliders at {generation}"
        );
        // No shorter period: generation `period` differs from each of the
        // generations that follow it within a period.
        if offset > 0 {
            assert!(before[0].0 != *ash, "{name} repeats after {offset}");
        }
        sky.step();
    }
}

#[test]
fn gosper_gun_emits_one_glider_every_30_generations() {
    assert_gun("gosper-gun", 30);
}

#[test]
fn simkin_gun_emits_one_glider_every_120_generations() {
    assert_gun("simkin-gun", 120);
}

#[test]
fn diehard_vanishes_after_130_generations() {
    let mut plane = on_plane(&pattern("diehard"), engine());
    plane.run(129).expect("runs");
    assert!(plane.population() > 0, "still alive at generation 129");
    plane.step().expect("runs");
    assert_eq!(plane.population(), 0, "gone at generation 130");
}

#[test]
fn b_heptomino_settles_at_148_into_three_blocks_two_gliders_and_a_ship() {
    let facts = Settles {
        name: "b-heptomino",
        lifespan: 148,
        period: 1,
        population: 28,
        gliders: 2,
        objects: &[("block", 3), ("ship", 1)],
    };
    assert_settles(&facts, engine(), |_| {});
}

#[test]
fn pi_heptomino_settles_at_173_into_blocks_blinkers_and_ponds() {
    let facts = Settles {
        name: "pi-heptomino",
        lifespan: 173,
        period: 2,
        population: 55,
        gliders: 0,
        objects: &[("block", 6), ("blinker", 5), ("pond", 2)],
    };
    assert_settles(&facts, engine(), |_| {});
}

#[test]
fn r_pentomino_settles_at_1103_with_116_cells() {
    let facts = Settles {
        name: "r-pentomino",
        lifespan: 1103,
        period: 2,
        population: 116,
        gliders: 6,
        objects: &[
            ("block", 8),
            ("beehive", 4),
            ("blinker", 4),
            ("boat", 1),
            ("loaf", 1),
            ("ship", 1),
        ],
    };
    assert_settles(&facts, engine(), |_| {});
}

#[test]
fn acorn_settles_at_5206_with_633_cells_and_peaks_at_1057() {
    let facts = Settles {
        name: "acorn",
        lifespan: 5206,
        period: 2,
        population: 633,
        gliders: 13,
        // LifeWiki also lists a mango, which is not among the shapes this
        // test knows: it is the one "other" object.
        objects: &[
            ("blinker", 41),
            ("block", 34),
            ("beehive", 30),
            ("boat", 8),
            ("loaf", 5),
            ("ship", 3),
            ("barge", 2),
            ("pond", 2),
            ("other", 1),
        ],
    };
    let mut peak = (0, 0);
    let (_, settled) = assert_settles(&facts, engine(), |sky| {
        if sky.population() > peak.0 {
            peak = (sky.population(), sky.generation());
        }
    });
    assert_eq!(peak, (1057, 4408), "peak population and its generation");
    let (top, left) = corner(&settled.ash);
    let bottom = settled.ash.iter().map(|c| c.y).max().unwrap_or(top);
    let right = settled.ash.iter().map(|c| c.x).max().unwrap_or(left);
    // LifeWiki gives the extent as "215 by 168 cells" without saying which
    // is the width.
    let mut extent = [right - left + 1, bottom - top + 1];
    extent.sort_unstable();
    assert_eq!(extent, [168, 215], "the extent of the settled ash");
}

/// The direction a puffer's front moves in, from how its bounding box
/// changed over `generations`: exactly one side moves.
fn front_motion(before: &[Cell], after: &[Cell]) -> Point {
    let sides = |cells: &[Cell]| {
        (
            cells.iter().map(|c| c.y).min().unwrap_or(0),
            cells.iter().map(|c| c.x).min().unwrap_or(0),
            cells.iter().map(|c| c.y).max().unwrap_or(0),
            cells.iter().map(|c| c.x).max().unwrap_or(0),
        )
    };
    let (t0, l0, b0, r0) = sides(before);
    let (t1, l1, b1, r1) = sides(after);
    let dy = if t1 < t0 { t1 - t0 } else { b1 - b0 };
    let dx = if l1 < l0 { l1 - l0 } else { r1 - r0 };
    (dy, dx)
}

/// The shape of the cells within `depth` of the front of a puffer heading
/// in direction `heading` (each component -1, 0 or 1), measured along the
/// heading.
fn front(cells: &[Cell], heading: Point, depth: i32) -> Shape {
    let lead = |c: &Cell| c.y * heading.0 + c.x * heading.1;
    let line = cells.iter().map(lead).max().unwrap_or(0);
    let near: Vec<Cell> = cells
        .iter()
        .filter(|c| line - lead(c) < depth)
        .copied()
        .collect();
    shape(&near)
}

#[test]
fn blinker_puffer_1_travels_at_c_over_2_leaving_blinkers() {
    // Period 8, speed c/2: 4 cells per period, orthogonally.
    let mut plane = on_plane(&pattern("blinker-puffer-1"), engine());
    plane.run(64).expect("runs");
    let mut previous = live(&plane);
    let mut populations = vec![plane.population()];
    for _ in 0..12 {
        plane.run(8).expect("runs");
        let now = live(&plane);
        let (dy, dx) = front_motion(&previous, &now);
        assert!(
            (dy.abs(), dx.abs()) == (4, 0) || (dy.abs(), dx.abs()) == (0, 4),
            "the front moved ({dy}, {dx}) in 8 generations"
        );
        let heading = (dy.signum(), dx.signum());
        // The engine (its first 20 rows) is the same 8 generations later.
        assert_eq!(front(&now, heading, 20), front(&previous, heading, 20));
        // Everything more than 30 cells behind the front is blinkers.
        let lead = |c: &Cell| c.y * heading.0 + c.x * heading.1;
        let front_line = now.iter().map(lead).max().unwrap_or(0);
        let behind: Vec<Cell> = now
            .iter()
            .filter(|c| front_line - lead(c) > 30)
            .copied()
            .collect();
        assert!(!behind.is_empty(), "nothing left behind");
        let debris = objects(&behind);
        assert_eq!(debris.keys().copied().collect::<Vec<_>>(), ["blinker"]);
        populations.push(plane.population());
        previous = now;
    }
    // The row of blinkers grows: by the same amount every period.
    let growth: HashSet<i64> = populations
        .windows(2)
        .map(|w| w[1] as i64 - w[0] as i64)
        .collect();
    assert_eq!(growth.len(), 1, "{populations:?}");
    assert!(growth.iter().all(|&g| g > 0), "{populations:?}");
}

#[test]
fn puffer_train_travels_at_c_over_2_with_period_140() {
    // Period 140, speed c/2: 70 cells per period, to the right (its debris
    // spreads sideways too, so only the leading edge is measured).
    let mut plane = on_plane(&pattern("puffer-train"), engine());
    plane.run(280).expect("runs");
    let mut previous = live(&plane);
    let mut populations = vec![plane.population()];
    let right = |cells: &[Cell]| cells.iter().map(|c| c.x).max().unwrap_or(0);
    for _ in 0..3 {
        plane.run(140).expect("runs");
        let now = live(&plane);
        assert_eq!(right(&now) - right(&previous), 70);
        assert_eq!(front(&now, (0, 1), 30), front(&previous, (0, 1), 30));
        populations.push(plane.population());
        previous = now;
    }
    assert!(
        populations.windows(2).all(|w| w[1] > w[0]),
        "{populations:?}"
    );
    // Golly 5.0's HashLife gives 3,455,607,973,901 cells at generation 2^40.
    let mut far = on_plane(&pattern("puffer-train"), EngineKind::HashLife);
    far.run(1 << 40).expect("runs");
    assert_eq!(far.population(), 3_455_607_973_901);
}

#[test]
fn block_laying_switch_engine_lays_eight_blocks_every_288_generations() {
    // Period 288, speed c/12 diagonally: 24 cells per period along both
    // axes, and eight new blocks (32 cells) per period.
    let mut plane = on_plane(&pattern("block-laying-switch-engine"), engine());
    plane.run(288).expect("runs");
    let mut previous = live(&plane);
    for _ in 0..2 {
        plane.run(288).expect("runs");
        let now = live(&plane);
        let (dy, dx) = front_motion(&previous, &now);
        assert_eq!(
            (dy.abs(), dx.abs()),
            (24, 24),
            "the engine moved ({dy}, {dx})"
        );
        let heading = (dy.signum(), dx.signum());
        assert_eq!(now.len(), previous.len() + 32, "eight new blocks");
        // The engine is the same one period later.
        assert_eq!(front(&now, heading, 24), front(&previous, heading, 24));
        // Behind it there are only blocks.
        let lead = |c: &Cell| c.y * heading.0 + c.x * heading.1;
        let front_line = now.iter().map(lead).max().unwrap_or(0);
        let behind: Vec<Cell> = now
            .iter()
            .filter(|c| front_line - lead(c) > 60)
            .copied()
            .collect();
        let debris = objects(&behind);
        assert_eq!(debris.keys().copied().collect::<Vec<_>>(), ["block"]);
        previous = now;
    }
}
