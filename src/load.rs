//! Getting a pattern ready to run, as every front end does before the
//! first generation: reading it (a file, a built-in name or text), choosing
//! its rule and its universe, and building the [`Simulation`].
//!
//! The policy is the command line's, in one place:
//!
//! * **Rule.** The rule asked for beats the file's (`#R` or `rule =`),
//!   which beats `B3/S23` ([`rule`]).
//! * **Universe.** A size asked for is a torus of that size, the pattern
//!   centred on it (or at [`Placement::At`]), whatever the rule's suffix
//!   says; otherwise a plain `:Tw,h` suffix is that torus; otherwise the
//!   rule's own topology (`:P`, `:K`, `:C`, `:S`, shifted tori), and
//!   without a suffix the unbounded plane, where the file puts the cells
//!   ([`Start`]).
//! * **Memory.** A grid is refused before it is allocated when its two
//!   generations would not fit the memory the system says is available
//!   ([`check_memory`]).
//!
//! ```
//! use corolife::load::{Source, Start};
//! use corolife::{EngineKind, EngineOptions, Placement, Size};
//!
//! let glider = Source::text("x = 3, y = 3\nbo$2bo$3o!", "glider")?;
//! // On the plane, where the file puts it.
//! let plane = Start::new(glider, None, None);
//! let mut simulation =
//!     plane.simulation(Placement::Centre, EngineKind::Auto, EngineOptions::default())?;
//! simulation.run(4)?;
//! let moved = simulation.bounding_box().expect("alive");
//! assert_eq!((moved.top, moved.left), (1, 1));
//!
//! // On an 8×8 torus, centred, with HighLife's rule instead of the file's.
//! let glider = Source::open("glider")?;
//! let torus = Start::new(glider, Some(Size { rows: 8, cols: 8 }), Some("B36/S23".parse()?));
//! let simulation =
//!     torus.simulation(Placement::Centre, EngineKind::Sequential, EngineOptions::default())?;
//! assert_eq!(simulation.rule().to_string(), "B36/S23:T8,8");
//! assert_eq!(simulation.population(), 5);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::num::TryFromIntError;
use std::path::Path;

use thiserror::Error;

use crate::format::{self, ParseError};
use crate::{
    EngineKind, EngineOptions, Grid, Pattern, PlaceError, Placement, Rule, Simulation, Size,
    Topology, UniverseError, library,
};

/// Cells of empty space around a pattern's bounding box: in pictures of
/// the plane, and on the torus made for a pattern when no size is given
/// ([`with_margin`]).
pub const MARGIN: usize = 8;

/// A pattern and the name to use for it in messages.
#[derive(Clone, Debug)]
pub struct Source {
    /// The pattern, with what its file says about itself.
    pub pattern: Pattern,
    /// What the pattern was called where it came from: the path or name
    /// given, or a label such as `<stdin>`.
    pub label: String,
}

/// Why a pattern could not be loaded.
#[derive(Debug, Error)]
pub enum LoadError {
    /// Neither a file nor a built-in pattern has this name.
    #[error("{0}: no such file, and no built-in pattern of that name")]
    NotFound(String),
    /// The file could not be read, or is not a pattern.
    #[error(transparent)]
    File(#[from] format::LoadError),
    /// The text is not a pattern.
    #[error("{label}: {error}")]
    Parse {
        /// Where the text came from.
        label: String,
        /// Where and why. (Part of the message, so not also its `source`.)
        error: ParseError,
    },
}

impl Source {
    /// The pattern `argument` names: an existing file, read (its format
    /// detected from its content, then its extension), or else the
    /// built-in pattern of that name ([`library`]).
    pub fn open(argument: &str) -> Result<Source, LoadError> {
        let path = Path::new(argument);
        if !path.exists() {
            return Source::built_in(argument).ok_or_else(|| LoadError::NotFound(argument.into()));
        }
        Source::path(path)
    }

    /// The pattern file at `path`, labelled with the path.
    pub fn path(path: &Path) -> Result<Source, LoadError> {
        Ok(Source {
            pattern: format::load(path)?,
            label: path.display().to_string(),
        })
    }

    /// The built-in pattern `name` (ignoring case), labelled with `name`.
    pub fn built_in(name: &str) -> Option<Source> {
        Some(Source {
            pattern: library::pattern(name)?,
            label: name.to_owned(),
        })
    }

    /// The pattern in `text`, in any format corolife reads.
    pub fn text(text: &str, label: impl Into<String>) -> Result<Source, LoadError> {
        Source::bytes(text.as_bytes(), label)
    }

    /// The pattern in `bytes` (such as standard input's), which must be
    /// text in a format corolife reads.
    pub fn bytes(bytes: &[u8], label: impl Into<String>) -> Result<Source, LoadError> {
        let label = label.into();
        match format::parse_bytes(bytes, None) {
            Ok(pattern) => Ok(Source { pattern, label }),
            Err(error) => Err(LoadError::Parse { label, error }),
        }
    }
}

/// The rule a pattern runs under: `given` (a command line's `--rule`),
/// else the pattern's own, else Life.
///
/// ```
/// use corolife::{Pattern, Rule, load};
///
/// let mut pattern = Pattern::default();
/// assert_eq!(load::rule(None, &pattern), Rule::LIFE);
/// pattern.rule = Some("B36/S23".parse()?);
/// assert_eq!(load::rule(None, &pattern).to_string(), "B36/S23");
/// assert_eq!(load::rule(Some("B2/S".parse()?), &pattern).to_string(), "B2/S");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn rule(given: Option<Rule>, pattern: &Pattern) -> Rule {
    given.or(pattern.rule).unwrap_or(Rule::LIFE)
}

/// The torus a size asked for gives, else the rule's plain `:Tw,h` torus;
/// `None` for the rule's own topology.
pub fn torus_size(size: Option<Size>, rule: &Rule) -> Option<Size> {
    size.or_else(|| rule.torus())
}

/// The pattern's bounding box (none if it is empty) with [`MARGIN`] cells
/// on every side.
pub fn with_margin(pattern: &Pattern) -> Size {
    let (height, width) = pattern
        .bounding_box()
        .map_or((0, 0), |b| (b.height() as usize, b.width() as usize));
    Size {
        rows: height.saturating_add(2 * MARGIN),
        cols: width.saturating_add(2 * MARGIN),
    }
}

/// A pattern with the rule it runs under and the universe it runs in,
/// resolved as the [module documentation](self) says.
#[derive(Clone, Debug)]
pub struct Start {
    /// The pattern and its label.
    pub source: Source,
    /// The rule: asked for, else the file's, else Life. With a size asked
    /// for, its topology is the plane: the torus is [`torus`](Start::torus).
    pub rule: Rule,
    /// The torus size (asked for, else the rule's plain `:T` torus), or
    /// `None` for the rule's own topology: the plane without a suffix.
    pub torus: Option<Size>,
}

/// Why a pattern could not be started.
#[derive(Debug, Error)]
pub enum StartError {
    /// The grid would not fit in memory.
    #[error(transparent)]
    Memory(#[from] MemoryError),
    /// [`Placement::At`] (the command line's `--at`) moves a cell beyond
    /// the `i32` range.
    #[error("--at moves cells too far: {0}")]
    TooFar(TryFromIntError),
    /// The pattern does not fit the torus.
    #[error("{label}: {error}")]
    Place {
        /// The pattern's label.
        label: String,
        /// Why. (Part of the message, so not also its `source`.)
        error: PlaceError,
    },
    /// The simulation could not be built.
    #[error("{label}: {error}")]
    Universe {
        /// The pattern's label.
        label: String,
        /// Why. (Part of the message, so not also its `source`.)
        error: Box<UniverseError>,
    },
}

impl Start {
    /// `source` under `rule` (else its own rule, else Life), on a torus of
    /// `size` if given, else on the rule's universe.
    pub fn new(source: Source, size: Option<Size>, rule: Option<Rule>) -> Start {
        let rule = self::rule(rule, &source.pattern);
        let torus = torus_size(size, &rule);
        let rule = if size.is_some() {
            rule.with_topology(Topology::Plane)
        } else {
            rule
        };
        Start {
            source,
            rule,
            torus,
        }
    }

    /// The simulation: on a torus, the pattern centred (or with its
    /// top-left corner at [`Placement::At`]); elsewhere, where the file
    /// puts it (moved so that its top-left corner is at
    /// [`Placement::At`], if given).
    pub fn simulation(
        &self,
        placement: Placement,
        engine: EngineKind,
        options: EngineOptions,
    ) -> Result<Simulation, StartError> {
        let failed = |error| StartError::Universe {
            label: self.source.label.clone(),
            error: Box::new(error),
        };
        if self.torus.is_some() {
            let grid = self.place(placement)?;
            return Simulation::on_grid(grid, self.rule, engine, options).map_err(failed);
        }
        let moved;
        let mut pattern = &self.source.pattern;
        if let (Placement::At { row, col }, Some(bounds)) = (placement, pattern.bounding_box()) {
            let (dy, dx) = (
                i64::from(row) - i64::from(bounds.top),
                i64::from(col) - i64::from(bounds.left),
            );
            let mut cells = pattern.cells().to_vec();
            for cell in &mut cells {
                cell.y = i32::try_from(i64::from(cell.y) + dy).map_err(StartError::TooFar)?;
                cell.x = i32::try_from(i64::from(cell.x) + dx).map_err(StartError::TooFar)?;
            }
            let mut copy = Pattern::from_cells(cells);
            copy.generation = pattern.generation;
            copy.positioned = true;
            moved = copy;
            pattern = &moved;
        }
        Simulation::build(pattern, self.rule, engine, options).map_err(failed)
    }

    /// The torus with the pattern on it, centred or with its top-left
    /// corner at [`Placement::At`], once the memory for it is known to be
    /// there; the pattern's bounding box [`with_margin`] when neither a
    /// size nor the rule gives a torus.
    pub fn place(&self, placement: Placement) -> Result<Grid, StartError> {
        let Size { rows, cols } = self
            .torus
            .unwrap_or_else(|| with_margin(&self.source.pattern));
        check_memory(Size { rows, cols })?;
        Grid::from_pattern(&self.source.pattern, rows, cols, placement).map_err(|error| {
            StartError::Place {
                label: self.source.label.clone(),
                error,
            }
        })
    }

    /// The simulation's cells as a pattern (see [`Simulation::pattern`])
    /// with the source's name, author and comments: what a pattern file
    /// written from the run holds.
    pub fn pattern(&self, simulation: &Simulation) -> Pattern {
        with_metadata(simulation.pattern(), &self.source.pattern)
    }
}

/// `pattern` with `source`'s name, author and comments.
fn with_metadata(mut pattern: Pattern, source: &Pattern) -> Pattern {
    pattern.name.clone_from(&source.name);
    pattern.author.clone_from(&source.author);
    pattern.comments.clone_from(&source.comments);
    pattern
}

/// More memory asked for than the system says is available.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
#[error("{needs}, but only {} is available", human_bytes(*.available))]
pub struct MemoryError {
    /// What needs the memory, and how much.
    pub needs: String,
    /// Bytes available.
    pub available: u64,
}

/// Refuses a grid whose two generations (one byte per cell each) would not
/// fit in the memory the system says is available, before allocating.
pub fn check_memory(size: Size) -> Result<(), MemoryError> {
    let Size { rows, cols } = size;
    let needed = rows.saturating_mul(cols).saturating_mul(2);
    check_available(needed as u64, || {
        format!(
            "a {rows}x{cols} grid needs {} for two generations",
            human_bytes(needed as u64)
        )
    })
}

/// Refuses to go on when `needed` bytes are more than the memory the system
/// says is available (`MemAvailable` in `/proc/meminfo`; where there is
/// none, nothing is refused); `needs` says what needs them, for the
/// message.
pub fn check_available(needed: u64, needs: impl FnOnce() -> String) -> Result<(), MemoryError> {
    let Some(available) = available_memory() else {
        return Ok(());
    };
    if needed > available {
        return Err(MemoryError {
            needs: needs(),
            available,
        });
    }
    Ok(())
}

/// `MemAvailable` from `/proc/meminfo`, where there is one.
fn available_memory() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// A byte count for people: `512 bytes`, `3.0 GiB`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cell, State};

    #[test]
    fn a_torus_becomes_its_live_cells_with_its_size_in_the_rule() {
        let mut grid = Grid::new(4, 6).expect("grid");
        grid.assign(1, 2, State::ALIVE);
        grid.assign(3, 5, State::new(2));
        let mut source = Pattern::default();
        source.name = Some("two".into());
        source.comments = vec!["kept".into()];
        let simulation = Simulation::on_grid(
            grid,
            Rule::LIFE,
            EngineKind::Sequential,
            EngineOptions::default(),
        )
        .expect("engine");
        let pattern = with_metadata(simulation.pattern(), &source);
        assert_eq!(
            pattern.cells(),
            [
                Cell {
                    y: 1,
                    x: 2,
                    state: State::ALIVE
                },
                Cell {
                    y: 3,
                    x: 5,
                    state: State::new(2)
                }
            ]
        );
        assert_eq!(pattern.name.as_deref(), Some("two"));
        assert_eq!(pattern.comments, ["kept"]);
        assert_eq!(
            pattern.rule.map(|r| r.to_string()).as_deref(),
            Some("B3/S23:T6,4")
        );
    }

    #[test]
    fn absurd_sizes_are_refused_before_allocating() {
        let absurd = Size {
            rows: 1 << 30,
            cols: 1 << 30,
        };
        if available_memory().is_some() {
            assert!(check_memory(absurd).is_err());
        }
        assert!(check_memory(Size { rows: 10, cols: 10 }).is_ok());
    }

    #[test]
    fn byte_counts_read_well() {
        assert_eq!(human_bytes(512), "512 bytes");
        assert_eq!(human_bytes(3 << 30), "3.0 GiB");
    }

    #[test]
    fn a_size_asked_for_beats_the_rule_suffix_and_flattens_the_rule() {
        let source = Source::text("x = 1, y = 1, rule = B3/S23:T10,12\no!", "dot").expect("rle");
        let own = Start::new(source.clone(), None, None);
        assert_eq!(own.torus, Some(Size { rows: 12, cols: 10 }));
        assert_eq!(own.rule.to_string(), "B3/S23:T10,12");
        let asked = Start::new(source, Some(Size { rows: 5, cols: 9 }), None);
        assert_eq!(asked.torus, Some(Size { rows: 5, cols: 9 }));
        assert_eq!(asked.rule, Rule::LIFE);
    }
}
