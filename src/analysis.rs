//! What a pattern does: still life, oscillator, spaceship, or none of
//! these.
//!
//! [`classify`] runs a pattern for up to N generations and compares every
//! generation with the first, each normalised to its bounding box. The first
//! generation whose cells have the same shape as the start decides:
//!
//! * the same shape in the same place after one generation: a still life;
//! * the same shape in the same place after `p` generations: an oscillator
//!   of period `p`;
//! * the same shape moved by (`dy`, `dx`) after `p` generations: a
//!   spaceship of period `p`.
//!
//! ```
//! use corolife::analysis::{Behaviour, classify};
//! use corolife::{Rule, format};
//!
//! let glider = format::parse("x = 3, y = 3\nbo$2bo$3o!", None)?;
//! let behaviour = classify(&glider, Rule::LIFE, 100)?;
//! assert_eq!(behaviour, Behaviour::Spaceship { period: 4, dy: 1, dx: 1 });
//! assert_eq!(
//!     behaviour.to_string(),
//!     "spaceship, period 4, moving (1, 1) (speed c/4)"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The plane behind the torus
//!
//! Engines step a torus, and on a torus a pattern can meet itself coming
//! round the other side: a spaceship on a small torus comes back to where it
//! started and looks like an oscillator, and the sparks of a growing pattern
//! interfere with themselves. The classification therefore runs on a
//! [`Plane`]: a torus used as a window onto the unbounded plane, rebuilt
//! around the live cells whenever they reach its edge.
//!
//! The window always has an empty border before a step, as deep as the
//! rule's neighbourhood reaches (one row and column on each side for
//! Life, five for a Larger than Life rule of range 5). With that border
//! empty, no cell's neighbourhood sees a live cell across the seam of the
//! torus: a cell in the first row looks up into the last rows, which are
//! empty, just as the rows above it on the plane are empty. Every step on
//! the window is therefore exactly a step on the plane, whatever the number
//! of generations. Whenever a step leaves live (or dying) cells in the
//! border, the window is rebuilt around them with [`MARGIN`] empty cells
//! (or twice the range, if that is more) on every side before the next
//! step; it is also rebuilt, smaller, when the live cells have shrunk well
//! inside it.
//! The window so stays close to the size of the pattern itself: a glider is
//! followed by a small moving window, not by a torus large enough for every
//! cell it will ever visit.
//!
//! This holds for every family of rules: a cell's next state depends on its
//! neighbourhood only, and multi-state patterns are compared state by
//! state. The one kind of rule it cannot handle is one with birth on zero
//! neighbours (`B0`): there, empty space itself comes alive and no finite
//! window holds the plane ([`AnalysisError::BirthOnZero`]).

use std::fmt;

use thiserror::Error;

use crate::universe::{Simulation, UniverseError};
use crate::{
    Cell, Engine, EngineKind, EngineOptions, Grid, GridError, Pattern, Rule, State, Topology,
};

/// Empty rows and columns left on every side of the live cells when a
/// [`Plane`]'s window is built or rebuilt (twice the range of the rule's
/// neighbourhood when that is more).
pub const MARGIN: usize = 8;

/// How often (in generations) a [`Plane`] checks whether its window has
/// become much larger than its live cells need, and shrinks it.
const TIGHTEN_EVERY: u64 = 16;

/// What a pattern does, as [`classify`] finds it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Behaviour {
    /// The pattern has no live cells.
    Empty,
    /// The next generation is the pattern itself.
    StillLife,
    /// The pattern comes back to itself, in the same place, after `period`
    /// generations (and not sooner).
    Oscillator {
        /// Generations until the pattern first recurs (at least 2).
        period: u64,
    },
    /// The pattern comes back to its own shape, moved, after `period`
    /// generations (and not sooner).
    Spaceship {
        /// Generations until the shape first recurs.
        period: u64,
        /// Rows moved per period (positive: down).
        dy: i64,
        /// Columns moved per period (positive: right).
        dx: i64,
    },
    /// The shape did not recur within this many generations (or the pattern
    /// died out first).
    NoneWithin {
        /// The generations examined.
        generations: u64,
    },
}

impl Behaviour {
    /// A spaceship's speed, in cells per generation as Life writes it
    /// (`c/4`, `c/2`, `2c/5`): the larger of its row and column
    /// displacements over its period. `None` for anything that does not
    /// move.
    ///
    /// ```
    /// use corolife::analysis::{Behaviour, Speed};
    ///
    /// let lwss = Behaviour::Spaceship { period: 4, dy: 0, dx: -2 };
    /// assert_eq!(lwss.speed(), Some(Speed { cells: 1, generations: 2 }));
    /// assert_eq!(lwss.speed().map(|s| s.to_string()).as_deref(), Some("c/2"));
    /// assert_eq!(Behaviour::StillLife.speed(), None);
    /// ```
    pub fn speed(&self) -> Option<Speed> {
        match *self {
            Behaviour::Spaceship { period, dy, dx } => {
                Some(Speed::new(dy.unsigned_abs().max(dx.unsigned_abs()), period))
            }
            _ => None,
        }
    }
}

impl fmt::Display for Behaviour {
    /// `still life`, `oscillator, period 15`, `spaceship, period 4, moving
    /// (1, 1) (speed c/4)`, `none of these within 100 generations`, `empty`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Behaviour::Empty => f.write_str("empty"),
            Behaviour::StillLife => f.write_str("still life"),
            Behaviour::Oscillator { period } => write!(f, "oscillator, period {period}"),
            Behaviour::Spaceship { period, dy, dx } => {
                write!(f, "spaceship, period {period}, moving ({dy}, {dx})")?;
                match self.speed() {
                    Some(speed) => write!(f, " (speed {speed})"),
                    None => Ok(()),
                }
            }
            Behaviour::NoneWithin { generations } => {
                let plural = if generations == 1 { "" } else { "s" };
                write!(f, "none of these within {generations} generation{plural}")
            }
        }
    }
}

/// A speed as a fraction of the speed of light `c` (one cell per
/// generation), in lowest terms.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Speed {
    /// Cells travelled.
    pub cells: u64,
    /// Generations taken.
    pub generations: u64,
}

impl Speed {
    /// `cells` per `generations`, reduced to lowest terms.
    pub fn new(cells: u64, generations: u64) -> Speed {
        let divisor = gcd(cells, generations).max(1);
        Speed {
            cells: cells / divisor,
            generations: generations / divisor,
        }
    }
}

impl fmt::Display for Speed {
    /// `c`, `c/4`, `2c/5`, `0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.cells, self.generations) {
            (0, _) => f.write_str("0"),
            (1, 1) => f.write_str("c"),
            (1, g) => write!(f, "c/{g}"),
            (n, 1) => write!(f, "{n}c"),
            (n, g) => write!(f, "{n}c/{g}"),
        }
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Why a pattern could not be followed on the plane.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
pub enum AnalysisError {
    /// The rule makes cells with no live neighbour come alive, so empty
    /// space does not stay empty and no finite window holds the plane.
    #[error(
        "the rule {0} has birth on 0 neighbours (B0): empty space comes alive, so a pattern cannot be followed on the unbounded plane"
    )]
    BirthOnZero(Rule),
    /// The pattern moved so far that its coordinates no longer fit 32 bits.
    #[error("the pattern has travelled beyond the coordinates corolife can represent")]
    TooFar,
    /// The window around the pattern could not be made.
    #[error(transparent)]
    Grid(#[from] GridError),
    /// The simulation could not be built.
    #[error("{0}")]
    Universe(String),
}

/// The unbounded plane, simulated on a torus that follows the live cells.
///
/// Coordinates are the pattern's own: a cell at (`y`, `x`) in the pattern
/// starts at (`y`, `x`) on the plane. The engine steps a window (a
/// [`Grid`]) whose border is kept empty before every step, which makes each
/// step exactly a step on the plane; when the live cells reach the border,
/// the window is rebuilt around them with [`MARGIN`] empty cells on every
/// side (see the [module documentation](self)).
///
/// ```
/// use corolife::analysis::Plane;
/// use corolife::{Pattern, RowBands, Rule, format};
///
/// let glider = format::parse("x = 3, y = 3\nbo$2bo$3o!", None)?;
/// let mut engine = RowBands::new(Rule::LIFE);
/// let mut plane = Plane::new(&glider, &mut engine)?;
/// plane.run(400)?;
/// // A hundred cells down and to the right, whatever the window's size.
/// let moved: Vec<_> = plane.cells().map(|c| (c.y - 100, c.x - 100)).collect();
/// let start: Vec<_> = glider.cells().iter().map(|c| (c.y, c.x)).collect();
/// assert_eq!(moved, start);
/// assert!(plane.grid().rows() < 40);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Plane<'e> {
    engine: &'e mut dyn Engine,
    /// How far the rule's neighbourhood reaches: the depth of the empty
    /// border kept around the live cells.
    reach: usize,
    grid: Grid,
    /// Plane coordinates of the window's cell (0, 0). Every cell of the
    /// window has coordinates that fit an `i32`.
    origin: (i64, i64),
    generation: u64,
}

impl<'e> Plane<'e> {
    /// The plane holding `pattern` at generation 0, stepped by `engine`.
    pub fn new(pattern: &Pattern, engine: &'e mut dyn Engine) -> Result<Plane<'e>, AnalysisError> {
        let rule = *engine.rule();
        if rule.births().any(|n| n == 0) {
            return Err(AnalysisError::BirthOnZero(rule));
        }
        let reach = usize::from(rule.neighbourhood().range());
        let cells: Vec<Cell> = pattern.cells().to_vec();
        let (grid, origin) = window(&cells, reach)?;
        Ok(Plane {
            engine,
            reach,
            grid,
            origin,
            generation: 0,
        })
    }

    /// Moves the plane forward one generation.
    pub fn step(&mut self) -> Result<(), AnalysisError> {
        let loose = self.generation.is_multiple_of(TIGHTEN_EVERY) && self.is_loose();
        if loose || self.touches_border() {
            let cells: Vec<Cell> = self.cells().collect();
            (self.grid, self.origin) = window(&cells, self.reach)?;
        }
        self.engine.step(&mut self.grid);
        self.generation += 1;
        Ok(())
    }

    /// Moves the plane forward by `generations`.
    pub fn run(&mut self, generations: u64) -> Result<(), AnalysisError> {
        for _ in 0..generations {
            self.step()?;
        }
        Ok(())
    }

    /// The number of generations stepped so far.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The number of live (non-empty) cells.
    pub fn population(&self) -> usize {
        self.grid.population()
    }

    /// The live cells in plane coordinates, by row, then column.
    pub fn cells(&self) -> impl Iterator<Item = Cell> + '_ {
        let (top, left) = self.origin;
        self.grid.iter_rows().enumerate().flat_map(move |(r, row)| {
            row.iter()
                .enumerate()
                .filter(|(_, state)| !state.is_empty())
                .map(move |(c, &state)| Cell {
                    // The window's coordinates all fit an i32.
                    y: (top + r as i64) as i32,
                    x: (left + c as i64) as i32,
                    state,
                })
        })
    }

    /// The live cells as a pattern, in plane coordinates.
    pub fn pattern(&self) -> Pattern {
        Pattern::from_cells(self.cells())
    }

    /// Makes the cell at (`y`, `x`) empty (nothing happens if it already
    /// is). Removing, say, a glider that has escaped for good keeps the
    /// window small.
    pub fn clear(&mut self, y: i32, x: i32) {
        let r = i64::from(y) - self.origin.0;
        let c = i64::from(x) - self.origin.1;
        let (rows, cols) = (self.grid.rows() as i64, self.grid.cols() as i64);
        if (0..rows).contains(&r) && (0..cols).contains(&c) {
            self.grid.cells_mut()[(r * cols + c) as usize] = State::EMPTY;
        }
    }

    /// The window: the torus the engine steps, which holds every live cell.
    pub fn grid(&self) -> &Grid {
        &self.grid
    }

    /// The plane coordinates (row, column) of the window's top-left cell.
    pub fn origin(&self) -> (i32, i32) {
        // Checked when the window was built.
        (self.origin.0 as i32, self.origin.1 as i32)
    }

    /// Whether the window is more than [`MARGIN`] cells wider or taller
    /// than a fresh one around the live cells would be (cells have died, or
    /// gliders have been taken away).
    fn is_loose(&self) -> bool {
        let grid = &self.grid;
        let busy_rows: Vec<usize> = grid
            .iter_rows()
            .enumerate()
            .filter(|(_, row)| row.iter().any(|s| !s.is_empty()))
            .map(|(r, _)| r)
            .collect();
        let (Some(&top), Some(&bottom)) = (busy_rows.first(), busy_rows.last()) else {
            return false;
        };
        let (mut left, mut right) = (grid.cols(), 0);
        for r in top..=bottom {
            let row = grid.row(r);
            if let Some(first) = row.iter().position(|s| !s.is_empty()) {
                left = left.min(first);
            }
            if let Some(last) = row.iter().rposition(|s| !s.is_empty()) {
                right = right.max(last);
            }
        }
        let snug = |extent: usize| extent + 3 * margin(self.reach);
        grid.rows() > snug(bottom - top + 1) || grid.cols() > snug(right - left + 1)
    }

    /// Whether a non-empty cell lies within [`reach`](Plane) of the
    /// window's edge.
    fn touches_border(&self) -> bool {
        let grid = &self.grid;
        let (rows, cols) = (grid.rows(), grid.cols());
        let reach = self.reach;
        if rows <= 2 * reach || cols <= 2 * reach {
            return true;
        }
        let busy = |row: &[State]| row.iter().any(|s| !s.is_empty());
        (0..reach).any(|r| busy(grid.row(r)) || busy(grid.row(rows - 1 - r)))
            || grid.iter_rows().any(|row| {
                row[..reach].iter().any(|s| !s.is_empty())
                    || row[cols - reach..].iter().any(|s| !s.is_empty())
            })
    }
}

impl fmt::Debug for Plane<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Plane")
            .field("engine", &self.engine.name())
            .field("generation", &self.generation)
            .field("origin", &self.origin)
            .field("grid", &self.grid)
            .finish()
    }
}

/// The empty cells left around the live ones when a window is built for a
/// neighbourhood that reaches `reach` cells.
fn margin(reach: usize) -> usize {
    MARGIN.max(2 * reach)
}

/// A window holding `cells` with [`margin`] empty cells around their
/// bounding box, and the plane coordinates of its top-left cell.
fn window(cells: &[Cell], reach: usize) -> Result<(Grid, (i64, i64)), AnalysisError> {
    let margin = margin(reach) as i64;
    let (top, left, bottom, right) = cells.iter().fold(
        (i64::MAX, i64::MAX, i64::MIN, i64::MIN),
        |(t, l, b, r), c| {
            let (y, x) = (i64::from(c.y), i64::from(c.x));
            (t.min(y), l.min(x), b.max(y), r.max(x))
        },
    );
    let (top, left, bottom, right) = if cells.is_empty() {
        (0, 0, 0, 0)
    } else {
        (top, left, bottom, right)
    };
    let origin = (top - margin, left - margin);
    let far = (bottom + margin, right + margin);
    let fits = |v: i64| i32::try_from(v).is_ok();
    if !(fits(origin.0) && fits(origin.1) && fits(far.0) && fits(far.1)) {
        return Err(AnalysisError::TooFar);
    }
    let rows = (far.0 - origin.0 + 1) as usize;
    let cols = (far.1 - origin.1 + 1) as usize;
    let mut grid = Grid::new(rows, cols)?;
    let storage = grid.cells_mut();
    for cell in cells {
        let r = (i64::from(cell.y) - origin.0) as usize;
        let c = (i64::from(cell.x) - origin.1) as usize;
        storage[r * cols + c] = cell.state;
    }
    Ok((grid, origin))
}

/// What `pattern` does under `rule` within `generations` on the unbounded
/// plane, run by [`EngineKind::Auto`] (see [`classify_with`]).
pub fn classify(
    pattern: &Pattern,
    rule: Rule,
    generations: u64,
) -> Result<Behaviour, AnalysisError> {
    classify_with(pattern, rule, generations, EngineKind::Auto)
}

/// What `pattern` does under `rule` within `generations`, run by `engine`
/// on the unbounded plane (whatever topology the rule names).
///
/// Generation `t` (1 ≤ `t` ≤ `generations`) is compared with generation 0,
/// both normalised to their bounding boxes; the first match gives the period
/// and, from how far the bounding box moved, the displacement. A pattern
/// that is empty at the start is [`Behaviour::Empty`]; one that dies out, or
/// never matches within `generations`, is [`Behaviour::NoneWithin`].
///
/// ```
/// use corolife::analysis::{Behaviour, classify_with};
/// use corolife::{EngineKind, Rule, format};
///
/// let blinker = format::parse("x = 3, y = 1\n3o!", None)?;
/// let engine = EngineKind::Sequential;
/// assert_eq!(
///     classify_with(&blinker, Rule::LIFE, 10, engine)?,
///     Behaviour::Oscillator { period: 2 }
/// );
/// assert_eq!(
///     classify_with(&blinker, Rule::LIFE, 1, engine)?,
///     Behaviour::NoneWithin { generations: 1 }
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn classify_with(
    pattern: &Pattern,
    rule: Rule,
    generations: u64,
    engine: EngineKind,
) -> Result<Behaviour, AnalysisError> {
    let Some(start) = Shape::of(pattern.cells()) else {
        return Ok(Behaviour::Empty);
    };
    let rule = rule.with_topology(Topology::Plane);
    let mut simulation = Simulation::build(pattern, rule, engine, EngineOptions::default())
        .map_err(|error| match error {
            UniverseError::BirthFromNothing { rule } => AnalysisError::BirthOnZero(rule),
            other => AnalysisError::Universe(other.to_string()),
        })?;
    let population = pattern.population() as u64;
    for period in 1..=generations {
        simulation.step();
        if simulation.population() != population {
            if simulation.population() == 0 {
                break;
            }
            continue;
        }
        let cells = simulation.pattern();
        let Some(now) = Shape::of(cells.cells()) else {
            break;
        };
        if now.cells == start.cells {
            let dy = now.top - start.top;
            let dx = now.left - start.left;
            return Ok(match (period, dy, dx) {
                (1, 0, 0) => Behaviour::StillLife,
                (_, 0, 0) => Behaviour::Oscillator { period },
                _ => Behaviour::Spaceship { period, dy, dx },
            });
        }
    }
    Ok(Behaviour::NoneWithin { generations })
}

/// Cells normalised to their bounding box, and where that box was.
struct Shape {
    top: i64,
    left: i64,
    /// `(row, column, state)` relative to the box's top-left corner, by row
    /// then column.
    cells: Vec<(i64, i64, State)>,
}

impl Shape {
    /// The shape of `cells` (sorted by row, then column), or `None` if
    /// there are none.
    fn of(cells: &[Cell]) -> Option<Shape> {
        let top = i64::from(cells.first()?.y);
        let left = cells.iter().map(|c| i64::from(c.x)).min()?;
        Some(Shape {
            top,
            left,
            cells: cells
                .iter()
                .map(|c| (i64::from(c.y) - top, i64::from(c.x) - left, c.state))
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RowBands, Sequential, format};

    fn rle(text: &str) -> Pattern {
        format::parse(text, None).expect("valid RLE")
    }

    fn life() -> Sequential {
        Sequential::new(Rule::LIFE)
    }

    #[test]
    fn still_lifes_oscillators_and_spaceships_are_told_apart() {
        let cases = [
            ("x = 2, y = 2\n2o$2o!", Behaviour::StillLife),
            ("x = 3, y = 1\n3o!", Behaviour::Oscillator { period: 2 }),
            (
                "x = 10, y = 3\n2bo4bo2b$2ob4ob2o$2bo4bo!",
                Behaviour::Oscillator { period: 15 },
            ),
            (
                "x = 3, y = 3\nbo$2bo$3o!",
                Behaviour::Spaceship {
                    period: 4,
                    dy: 1,
                    dx: 1,
                },
            ),
            // The same glider flipped left to right travels down-left.
            (
                "x = 3, y = 3\nbo$o$3o!",
                Behaviour::Spaceship {
                    period: 4,
                    dy: 1,
                    dx: -1,
                },
            ),
        ];
        for (text, expected) in cases {
            let behaviour =
                classify_with(&rle(text), Rule::LIFE, 40, EngineKind::Sequential).expect("Life");
            assert_eq!(behaviour, expected, "{text}");
        }
    }

    #[test]
    fn the_period_found_is_the_smallest() {
        // A blinker recurs after 2, 4, 6 … generations: 2 is reported.
        let blinker = rle("x = 3, y = 1\n3o!");
        assert_eq!(
            classify_with(&blinker, Rule::LIFE, 1000, EngineKind::Sequential),
            Ok(Behaviour::Oscillator { period: 2 })
        );
    }

    #[test]
    fn patterns_that_never_recur_or_die_are_none_of_these() {
        // The R-pentomino is still busy after 50 generations.
        let r = rle("x = 3, y = 3\nb2o$2o$bo!");
        assert_eq!(
            classify_with(&r, Rule::LIFE, 50, EngineKind::Sequential),
            Ok(Behaviour::NoneWithin { generations: 50 })
        );
        // A domino dies at once.
        let domino = rle("x = 2, y = 1\n2o!");
        assert_eq!(
            classify_with(&domino, Rule::LIFE, 50, EngineKind::Sequential),
            Ok(Behaviour::NoneWithin { generations: 50 })
        );
        assert_eq!(
            classify_with(&Pattern::default(), Rule::LIFE, 50, EngineKind::Sequential),
            Ok(Behaviour::Empty)
        );
    }

    #[test]
    fn zero_generations_decide_nothing() {
        let block = rle("x = 2, y = 2\n2o$2o!");
        assert_eq!(
            classify_with(&block, Rule::LIFE, 0, EngineKind::Sequential),
            Ok(Behaviour::NoneWithin { generations: 0 })
        );
    }

    #[test]
    fn birth_on_zero_is_refused() {
        let rule: Rule = "B0/S8".parse().expect("valid rule");
        let block = rle("x = 2, y = 2\n2o$2o!");
        assert_eq!(
            classify(&block, rule, 10),
            Err(AnalysisError::BirthOnZero(rule))
        );
    }

    #[test]
    fn other_rules_are_honoured() {
        // Under B3/S3 a blinker's end cells die and nothing is born in
        // time to save it, while a block (three neighbours each) survives.
        let rule: Rule = "B3/S3".parse().expect("valid rule");
        let blinker = rle("x = 3, y = 1\n3o!");
        assert_eq!(
            classify(&blinker, rule, 10),
            Ok(Behaviour::NoneWithin { generations: 10 })
        );
        let block_rule: Rule = "B3/S3".parse().expect("valid rule");
        let block = rle("x = 2, y = 2\n2o$2o!");
        assert_eq!(classify(&block, block_rule, 10), Ok(Behaviour::StillLife));
    }

    #[test]
    fn behaviours_read_as_the_command_line_prints_them() {
        assert_eq!(Behaviour::StillLife.to_string(), "still life");
        assert_eq!(
            Behaviour::Oscillator { period: 15 }.to_string(),
            "oscillator, period 15"
        );
        assert_eq!(
            Behaviour::Spaceship {
                period: 4,
                dy: 1,
                dx: 1
            }
            .to_string(),
            "spaceship, period 4, moving (1, 1) (speed c/4)"
        );
        assert_eq!(
            Behaviour::Spaceship {
                period: 4,
                dy: 0,
                dx: -2
            }
            .to_string(),
            "spaceship, period 4, moving (0, -2) (speed c/2)"
        );
        assert_eq!(
            Behaviour::NoneWithin { generations: 100 }.to_string(),
            "none of these within 100 generations"
        );
        assert_eq!(Behaviour::Empty.to_string(), "empty");
    }

    #[test]
    fn speeds_are_fractions_of_c_in_lowest_terms() {
        assert_eq!(Speed::new(2, 4).to_string(), "c/2");
        assert_eq!(Speed::new(2, 5).to_string(), "2c/5");
        assert_eq!(Speed::new(1, 1).to_string(), "c");
        assert_eq!(Speed::new(3, 1).to_string(), "3c");
        assert_eq!(Speed::new(0, 7).to_string(), "0");
        assert_eq!(Speed::new(6, 12), Speed::new(1, 2));
    }

    #[test]
    fn the_plane_matches_a_torus_too_large_to_wrap() {
        // In 120 generations nothing travels more than 120 cells; a torus
        // 3 + 2 * 120 + 2 cells across cannot wrap, so it shows the plane.
        let r = rle("x = 3, y = 3\nb2o$2o$bo!");
        let generations = 120;
        let side = 3 + 2 * generations + 2;
        let mut torus = Grid::from_pattern(&r, side, side, crate::Placement::Centre).expect("fits");
        let mut engine = RowBands::new(Rule::LIFE);
        engine.run(&mut torus, generations as u64);

        let mut engine = life();
        let mut plane = Plane::new(&r, &mut engine).expect("Life");
        plane.run(generations as u64).expect("steps");
        assert_eq!(plane.generation(), generations as u64);
        assert_eq!(plane.population(), torus.population());

        // Compare the two as shapes.
        let on_torus = Pattern::from_cells((0..side).flat_map(|y| {
            let torus = &torus;
            (0..side).filter_map(move |x| {
                let state = torus.query(y as i32, x as i32);
                (!state.is_empty()).then_some(Cell {
                    y: y as i32,
                    x: x as i32,
                    state,
                })
            })
        }));
        assert_eq!(
            on_torus.normalized().cells(),
            plane.pattern().normalized().cells()
        );
        // The window grew with the pattern but stayed much smaller than the
        // torus.
        assert!(plane.grid().rows() < side && plane.grid().cols() < side);
    }

    #[test]
    fn the_window_follows_a_spaceship_without_growing() {
        let lwss = rle("x = 5, y = 4\nbo2bo$o4b$o3bo$4o!");
        let mut engine = life();
        let mut plane = Plane::new(&lwss, &mut engine).expect("Life");
        let size = (plane.grid().rows(), plane.grid().cols());
        plane.run(400).expect("steps");
        // It has moved 200 cells, but the window is no larger than a fresh
        // one around either of its phases.
        let (rows, cols) = (plane.grid().rows(), plane.grid().cols());
        assert!(rows <= size.0 + 2 && cols <= size.1 + 2, "{rows}x{cols}");
        let moved = plane.pattern();
        let bounds = moved.bounding_box().expect("alive");
        assert_eq!(bounds.left.abs() + bounds.top.abs(), 200);
        assert_eq!(moved.normalized().cells(), lwss.normalized().cells());
    }

    #[test]
    fn cleared_cells_are_gone_and_clearing_outside_is_harmless() {
        let block = rle("x = 2, y = 2\n2o$2o!");
        let mut engine = life();
        let mut plane = Plane::new(&block, &mut engine).expect("Life");
        plane.clear(0, 0);
        plane.clear(1_000_000, -1_000_000);
        assert_eq!(plane.population(), 3);
        plane.step().expect("steps");
        // Three cells of a block make a block again.
        assert_eq!(plane.population(), 4);
        assert_eq!(plane.origin(), (-(MARGIN as i32), -(MARGIN as i32)));
    }
}
