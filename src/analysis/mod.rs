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
//! # What a pattern becomes
//!
//! A pattern that is none of these may still settle: [`settle()`] finds the
//! generation from which it repeats, setting aside the gliders and
//! spaceships flying away from it, with its period and population, and a
//! [`Census`] of the objects it leaves (see [`settle`](mod@settle)).
//!
//! ```
//! use corolife::analysis::{Outcome, settle};
//! use corolife::{Rule, library};
//!
//! let r = library::pattern("r-pentomino").expect("built in");
//! let settlement = settle(&r, Rule::LIFE, 2000)?;
//! assert_eq!(
//!     settlement.outcome.to_string(),
//!     "settles at generation 1103 into period 2, 116 cells"
//! );
//! assert_eq!(settlement.census.map(|c| c.count("glider")), Some(6));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # On the unbounded plane
//!
//! Classification runs on the unbounded plane, through a [`Simulation`],
//! whatever topology the rule names: on a torus a spaceship would come
//! back round to where it started and look like an oscillator, and the
//! sparks of a growing pattern would interfere with themselves. Nothing
//! wraps on the plane, so every generation compared is the pattern's own.
//!
//! This holds for every family of rules, and multi-state patterns are
//! compared state by state. The one kind of rule that cannot run on the
//! plane is one with birth on zero neighbours (`B0`): there, empty space
//! itself comes alive, and such a rule is refused
//! ([`AnalysisError::BirthOnZero`]).

mod census;
mod objects;
pub mod settle;

pub use census::Census;
pub use settle::{Outcome, Settlement, settle, settle_with};

use std::fmt;

use thiserror::Error;

use crate::universe::{Simulation, UniverseError};
use crate::{Cell, EngineKind, EngineOptions, Pattern, Rule, State, Topology};

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
    /// space does not stay empty and the unbounded plane cannot be run.
    #[error(
        "the rule {0} has birth on 0 neighbours (B0): empty space comes alive, so a pattern cannot be followed on the unbounded plane"
    )]
    BirthOnZero(Rule),
    /// The pattern is a macrocell tree too large to follow cell by cell.
    #[error("{0}")]
    TooLarge(#[from] crate::format::macrocell::ExpandError),
    /// The simulation could not be built.
    #[error("{0}")]
    Universe(String),
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
    let Some(start) = Shape::of(pattern.try_cells()?) else {
        return Ok(Behaviour::Empty);
    };
    let rule = rule.with_topology(Topology::Plane);
    // Only HashLife runs B0 rules on the plane, and then as Golly does, by
    // the complement rule: what it shows is not the pattern's own motion.
    if rule.births_from_nothing() {
        return Err(AnalysisError::BirthOnZero(rule));
    }
    let mut simulation = Simulation::build(pattern, rule, engine, EngineOptions::default())
        .map_err(|error| match error {
            UniverseError::BirthFromNothing { rule } => AnalysisError::BirthOnZero(rule),
            other => AnalysisError::Universe(other.to_string()),
        })?;
    let population = pattern.population() as u64;
    for period in 1..=generations {
        simulation
            .step()
            .map_err(|error| AnalysisError::Universe(error.to_string()))?;
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
    use crate::format;

    fn rle(text: &str) -> Pattern {
        format::parse(text, None).expect("valid RLE")
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
}
