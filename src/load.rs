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
//!   generations would not fit the memory budget ([`check_memory`],
//!   [`budget`](crate::budget)).
//! * **Input.** A file or standard input is read up to a limit
//!   ([`MAX_INPUT`] unless given): beyond it the pattern is refused
//!   ([`LoadError::TooLarge`]) without reading the rest.
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

use std::io::Read;
use std::num::TryFromIntError;
use std::path::Path;

use thiserror::Error;

use crate::format::bundle::{Bundle, BundleError, Entry};
use crate::format::{self, ParseError, ParseErrorKind};
use crate::rule::RuleError;
use crate::rule::file::RuleFileError;
use crate::rule::search::{RuleSearch, RuleSearchError};
use crate::{
    EngineKind, EngineOptions, Grid, Pattern, PlaceError, Placement, Rule, Simulation, Size,
    Topology, UniverseError, library,
};

/// Cells of empty space around a pattern's bounding box: in pictures of
/// the plane, and on the torus made for a pattern when no size is given
/// ([`with_margin`]).
pub const MARGIN: usize = 8;

/// The most bytes a pattern file or standard input may hold unless a
/// limit is given ([`Source::open_limited`]): 256 MiB, many times the
/// largest pattern files shared (the command line's `--max-input` raises
/// it).
pub const MAX_INPUT: u64 = 256 << 20;

/// A pattern and the name to use for it in messages.
#[derive(Clone, Debug)]
pub struct Source {
    /// The pattern, with what its file says about itself.
    pub pattern: Pattern,
    /// What the pattern was called where it came from: the path or name
    /// given, or a label such as `<stdin>`.
    pub label: String,
    /// The zip bundle the pattern came out of, if it did.
    pub bundle: Option<Bundled>,
}

/// What a zip bundle held, for a pattern read from one: its rule files
/// were defined ([`define`](crate::rule::define)) and its first pattern
/// ([`Bundle::first_pattern`]) read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bundled {
    /// Every entry of the bundle, in archive order.
    pub entries: Vec<Entry>,
    /// The path, inside the bundle, of the pattern read.
    pub pattern: String,
    /// The names of the rules its rule files define.
    pub rules: Vec<String>,
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
    /// The file or stream holds more than the input limit; the rest was
    /// not read.
    #[error(
        "{label}: more than {} of input, the limit for a pattern (--max-input raises it)",
        human_bytes(*limit)
    )]
    TooLarge {
        /// Where the input came from.
        label: String,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The input could not be read.
    #[error("{label}: {error}")]
    Read {
        /// Where the input came from.
        label: String,
        /// Why. (Part of the message, so not also its `source`.)
        error: std::io::Error,
    },
    /// The pattern names a rule whose rule file could not be found or
    /// read.
    #[error("{label}, line {line}: {error}")]
    Rule {
        /// Where the pattern came from.
        label: String,
        /// The line naming the rule.
        line: usize,
        /// Why. (Part of the message, so not also its `source`.)
        error: RuleSearchError,
    },
    /// A zip bundle could not be read, or holds no pattern.
    #[error("{label}: {error}")]
    Bundle {
        /// Where the bundle came from.
        label: String,
        /// Why. (Part of the message, so not also its `source`.)
        error: BundleError,
    },
    /// A zip bundle holds no pattern file to run.
    #[error("{label}: the zip bundle holds no pattern file")]
    EmptyBundle {
        /// Where the bundle came from.
        label: String,
    },
    /// A rule file inside a zip bundle is not a valid rule file.
    #[error("{label}: {path}, {error}")]
    BundleRule {
        /// Where the bundle came from.
        label: String,
        /// The rule file's path inside the bundle.
        path: String,
        /// Where and why. (Part of the message, so not also its `source`.)
        error: RuleFileError,
    },
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
    /// A file is read up to [`MAX_INPUT`] bytes.
    pub fn open(argument: &str) -> Result<Source, LoadError> {
        Source::open_limited(argument, MAX_INPUT)
    }

    /// [`open`](Source::open), a file read up to `limit` bytes.
    pub fn open_limited(argument: &str, limit: u64) -> Result<Source, LoadError> {
        let path = Path::new(argument);
        if !path.exists() {
            return Source::built_in(argument).ok_or_else(|| LoadError::NotFound(argument.into()));
        }
        Source::path_limited(path, limit)
    }

    /// The pattern file at `path`, labelled with the path, read up to
    /// [`MAX_INPUT`] bytes.
    pub fn path(path: &Path) -> Result<Source, LoadError> {
        Source::path_limited(path, MAX_INPUT)
    }

    /// The pattern file at `path`, labelled with the path, read up to
    /// `limit` bytes: a larger file is refused before it is read, and a
    /// stream that goes on (a pipe, `/dev/zero`) once `limit` bytes are
    /// read.
    pub fn path_limited(path: &Path, limit: u64) -> Result<Source, LoadError> {
        Source::path_with(path, limit, &RuleSearch::standard(&[]))
    }

    /// [`path_limited`](Source::path_limited), looking for the rule files
    /// the pattern needs in `search`, after the directory of `path`
    /// ([`RuleSearch::beside`]).
    pub fn path_with(path: &Path, limit: u64, search: &RuleSearch) -> Result<Source, LoadError> {
        let label = path.display().to_string();
        let io = |error| {
            LoadError::File(format::LoadError::Io {
                path: path.to_owned(),
                error,
            })
        };
        let file = std::fs::File::open(path).map_err(io)?;
        if file
            .metadata()
            .is_ok_and(|m| m.is_file() && m.len() > limit)
        {
            return Err(LoadError::TooLarge { label, limit });
        }
        let bytes = read_limited(file, limit, &label)?;
        let extension = path.extension().and_then(|e| e.to_str());
        let search = search.beside(path);
        match with_rules(&search, &label, || format::parse_bytes(&bytes, extension))? {
            Ok(pattern) => Ok(Source {
                pattern,
                label,
                bundle: None,
            }),
            Err(error) if matches!(error.kind, ParseErrorKind::Zip) => {
                Source::bundle(&bytes, label, &search)
            }
            Err(error) => Err(LoadError::File(format::LoadError::Parse {
                path: path.to_owned(),
                error,
            })),
        }
    }

    /// The first pattern of the zip bundle in `bytes`, after defining the
    /// bundle's rule files; rules the bundle lacks are looked for with
    /// `search`. Errors are labelled `label` and, inside the bundle, with
    /// the entry's path.
    pub fn bundle(bytes: &[u8], label: String, search: &RuleSearch) -> Result<Source, LoadError> {
        let bundle = Bundle::read(bytes).map_err(|error| LoadError::Bundle {
            label: label.clone(),
            error,
        })?;
        let mut rules = Vec::new();
        for file in &bundle.rules {
            let rule = crate::rule::define(&file.text).map_err(|error| LoadError::BundleRule {
                label: label.clone(),
                path: file.path.clone(),
                error,
            })?;
            rules.push(rule.to_string());
        }
        let Some(file) = bundle.first_pattern() else {
            return Err(LoadError::EmptyBundle { label });
        };
        let inner = format!("{label}: {}", file.path);
        let pattern = with_rules(search, &inner, || {
            format::parse_bytes(&file.bytes, file.extension())
        })?
        .map_err(|error| LoadError::Parse {
            label: inner.clone(),
            error,
        })?;
        let pattern_path = file.path.clone();
        Ok(Source {
            pattern,
            label,
            bundle: Some(Bundled {
                entries: bundle.entries,
                pattern: pattern_path,
                rules,
            }),
        })
    }

    /// The pattern `reader` holds (such as standard input), read up to
    /// `limit` bytes and labelled `label`.
    pub fn read(
        reader: impl Read,
        label: impl Into<String>,
        limit: u64,
    ) -> Result<Source, LoadError> {
        Source::read_with(reader, label, limit, &RuleSearch::standard(&[]))
    }

    /// [`read`](Source::read), looking for the rule files the pattern
    /// needs in `search`.
    pub fn read_with(
        reader: impl Read,
        label: impl Into<String>,
        limit: u64,
        search: &RuleSearch,
    ) -> Result<Source, LoadError> {
        let label = label.into();
        let bytes = read_limited(reader, limit, &label)?;
        Source::bytes_with(&bytes, label, search)
    }

    /// The built-in pattern `name` (ignoring case), labelled with `name`.
    pub fn built_in(name: &str) -> Option<Source> {
        Some(Source {
            pattern: library::pattern(name)?,
            label: name.to_owned(),
            bundle: None,
        })
    }

    /// The pattern in `text`, in any format corolife reads.
    pub fn text(text: &str, label: impl Into<String>) -> Result<Source, LoadError> {
        Source::bytes(text.as_bytes(), label)
    }

    /// The pattern in `bytes` (such as standard input's), which must be
    /// text in a format corolife reads.
    pub fn bytes(bytes: &[u8], label: impl Into<String>) -> Result<Source, LoadError> {
        Source::bytes_with(bytes, label, &RuleSearch::standard(&[]))
    }

    /// [`bytes`](Source::bytes), looking for the rule files the pattern
    /// needs in `search`.
    pub fn bytes_with(
        bytes: &[u8],
        label: impl Into<String>,
        search: &RuleSearch,
    ) -> Result<Source, LoadError> {
        let label = label.into();
        match with_rules(search, &label, || format::parse_bytes(bytes, None))? {
            Ok(pattern) => Ok(Source {
                pattern,
                label,
                bundle: None,
            }),
            Err(error) if matches!(error.kind, ParseErrorKind::Zip) => {
                Source::bundle(bytes, label, search)
            }
            Err(error) => Err(LoadError::Parse { label, error }),
        }
    }
}

/// Runs `read` again after defining the rule file for each rule name it
/// stops at, found with `search`: the reader's answer once it names no
/// unknown rule, or why a rule file could not be had.
fn with_rules<T>(
    search: &RuleSearch,
    label: &str,
    read: impl Fn() -> Result<T, ParseError>,
) -> Result<Result<T, ParseError>, LoadError> {
    let mut tried: Vec<String> = Vec::new();
    loop {
        let result = read();
        let Err(ParseError {
            line,
            kind: ParseErrorKind::Rule(RuleError::UnknownName { name, .. }),
            ..
        }) = &result
        else {
            return Ok(result);
        };
        // A name already loaded that still reads as unknown would loop.
        if tried.contains(name) {
            return Ok(result);
        }
        search.load(name).map_err(|error| LoadError::Rule {
            label: label.to_owned(),
            line: *line,
            error,
        })?;
        tried.push(name.clone());
    }
}

/// Every byte of `reader`, refusing more than `limit` of them (and memory
/// the allocator refuses) without reading further.
fn read_limited(reader: impl Read, limit: u64, label: &str) -> Result<Vec<u8>, LoadError> {
    const CHUNK: usize = 64 << 10;
    let failed = |error| LoadError::Read {
        label: label.to_owned(),
        error,
    };
    // One byte past the limit tells a stream that goes on from one that
    // ends there.
    let mut reader = reader.take(limit.saturating_add(1));
    let mut chunk = vec![0; CHUNK];
    let mut bytes = Vec::new();
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => return Ok(bytes),
            Ok(n) => n,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(failed(error)),
        };
        if bytes.len() as u64 + n as u64 > limit {
            return Err(LoadError::TooLarge {
                label: label.to_owned(),
                limit,
            });
        }
        if bytes.capacity() - bytes.len() < n {
            // Doubling, as a vector grows, but fallibly and never past
            // the limit.
            let room = usize::try_from(limit - bytes.len() as u64).unwrap_or(usize::MAX);
            let more = bytes.capacity().max(n).min(room);
            bytes.try_reserve_exact(more).map_err(|_| {
                failed(std::io::Error::new(
                    std::io::ErrorKind::OutOfMemory,
                    format!(
                        "no memory to read more than {}",
                        human_bytes(bytes.len() as u64)
                    ),
                ))
            })?;
        }
        bytes.extend_from_slice(&chunk[..n]);
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

pub use crate::budget::{MemoryError, human_bytes};

/// Refuses a grid whose two generations (one byte per cell each) would not
/// fit the memory budget ([`budget`](crate::budget)), before allocating.
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

/// Refuses to go on when `needed` bytes are more than the memory budget
/// allows ([`Budget::current`](crate::budget::Budget::current): available
/// memory, the address-space and cgroup limits, or `--max-memory`);
/// `needs` says what needs them, for the message.
pub fn check_available(needed: u64, needs: impl FnOnce() -> String) -> Result<(), MemoryError> {
    crate::budget::check(needed, needs)
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
        let budget = crate::budget::Budget::current();
        if budget.limit() < u64::MAX {
            assert!(check_memory(absurd).is_err());
        }
        assert!(check_memory(Size { rows: 10, cols: 10 }).is_ok());
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
