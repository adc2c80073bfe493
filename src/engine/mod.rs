//! Engines: environments that run the cell coroutines over a grid.
//!
//! Every engine implements [`Engine`] and gives bit-identical results; they
//! differ only in how they carry out the cells' instructions:
//!
//! * [`Sequential`] drives one `simulate` coroutine over the whole grid on
//!   the calling thread — the book's `live_a_generation`.
//! * [`RowBands`] splits the next grid into disjoint bands of rows and drives
//!   one `simulate` per band in parallel on rayon's thread pool, all reading
//!   the current grid.
//! * [`Compiled`] probes the cell coroutine once, compiles what it learns
//!   into a transition table, and steps a bit-packed torus with bit-parallel
//!   kernels, skipping regions that cannot change (see [`compiled`]).
//!
//! On the unbounded plane a fourth engine owns its universe outright:
//! [`hashlife`] keeps it as a hash-consed quadtree and steps it 2^k
//! generations at a time, its leaves stepped by the probe's table (or, for
//! Generations rules, by the coroutine itself). It is not an [`Engine`] of
//! grids; [`Simulation`](crate::Simulation) builds it for
//! [`EngineKind::HashLife`], and for [`EngineKind::Auto`] where it pays.
//!
//! [`EngineKind`] names them for command lines and configuration, and is
//! the one place that builds them: [`EngineKind::build_with`] builds the
//! engine a kind names, [`EngineKind::choose`] picks one for a grid as the
//! terminal animation does, and both can say what they built with a
//! [`Description`]. [`EngineKind::Auto`] picks the compiled engine where it
//! pays.
//!
//! ```
//! use corolife::{EngineKind, EngineOptions, Rule, Size};
//!
//! let options = EngineOptions { threads: Some(2), ..EngineOptions::default() };
//! let small = EngineKind::Auto.choose(Rule::LIFE, options, Size { rows: 20, cols: 40 })?;
//! assert_eq!(small.description.to_string(), "sequential");
//! let large = EngineKind::Auto.choose(Rule::LIFE, options, Size { rows: 236, cols: 400 })?;
//! assert_eq!(large.description.to_string(), "compiled (2 threads)");
//! # Ok::<(), corolife::EngineError>(())
//! ```

mod bands;
pub mod compiled;
pub mod hashlife;
mod interpreter;
mod sequential;

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

pub use bands::RowBands;
pub use compiled::{Compiled, ProbeError, Vectors};
pub use hashlife::HashLife;
pub use sequential::Sequential;

use crate::{Grid, GridError, Rule, Size};

/// The most threads a parallel engine may be given for each core the
/// process may use: more only take turns on the same cores, each with a
/// band too small to pay for the switching.
pub const THREADS_PER_CORE: usize = 4;

/// The cores the process may use (1 where that is not known).
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// The most threads a parallel engine may be given:
/// [`THREADS_PER_CORE`] for each of the [`cores`].
pub fn max_threads() -> usize {
    THREADS_PER_CORE.saturating_mul(cores())
}

/// Where a parallel engine runs its bands.
pub(crate) enum Threads {
    /// On the calling thread, one band after another.
    Caller,
    /// On rayon's global pool.
    Global,
    /// On a pool of the engine's own.
    Pool(rayon::ThreadPool),
}

impl Threads {
    /// Exactly `threads` threads: a pool of its own whose threads are
    /// named `{name}-{i}`, or for one thread the calling thread.
    /// More than [`max_threads`] is refused before any is started.
    pub(crate) fn exactly(threads: usize, name: &'static str) -> Result<Threads, EngineError> {
        let max = max_threads();
        if threads > max {
            return Err(EngineError::TooManyThreads {
                threads,
                max,
                cores: cores(),
            });
        }
        Ok(match threads {
            0 => return Err(EngineError::NoThreads),
            1 => Threads::Caller,
            _ => Threads::Pool(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .thread_name(move |i| format!("{name}-{i}"))
                    .build()
                    .map_err(|error| EngineError::ThreadPool { threads, error })?,
            ),
        })
    }

    /// Runs `job` where these threads are: inside the pool, if they are
    /// a pool of their own, so that its parallel iterators use them.
    pub(crate) fn install<R: Send>(&self, job: impl FnOnce() -> R + Send) -> R {
        match self {
            Threads::Pool(pool) => pool.install(job),
            _ => job(),
        }
    }

    /// How many threads this is.
    pub(crate) fn count(&self) -> usize {
        match self {
            Threads::Caller => 1,
            Threads::Global => rayon::current_num_threads(),
            Threads::Pool(pool) => pool.current_num_threads(),
        }
    }
}

/// An environment that moves a grid forward one generation at a time.
///
/// ```
/// use corolife::{Engine, Grid, Rule, Sequential};
///
/// let mut grid: Grid = "-----\n--*--\n--*--\n--*--\n-----\n".parse()?;
/// let mut engine = Sequential::new(Rule::LIFE);
/// engine.step(&mut grid);
/// assert_eq!(grid.to_string(), "-----\n-----\n-***-\n-----\n-----\n");
/// engine.run(&mut grid, 3);
/// assert_eq!(grid.to_string(), "-----\n--*--\n--*--\n--*--\n-----\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Engine: Send {
    /// The engine's name, as [`EngineKind`] spells it.
    fn name(&self) -> &'static str;

    /// The rule the cells follow.
    fn rule(&self) -> &Rule;

    /// Replaces `grid` with its next generation.
    fn step(&mut self, grid: &mut Grid);

    /// Allocates, fallibly, what stepping grids of `grid`'s size needs
    /// (the coroutine engines' next-generation buffer), so that a refusal
    /// is an error here rather than an abort in [`step`](Engine::step).
    /// Engines that need nothing of that size do nothing.
    fn reserve(&mut self, grid: &Grid) -> Result<(), GridError> {
        let _ = grid;
        Ok(())
    }

    /// Moves `grid` forward by `generations`.
    fn run(&mut self, grid: &mut Grid, generations: u64) {
        for _ in 0..generations {
            self.step(grid);
        }
    }
}

/// The engines, by name.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum EngineKind {
    /// [`Sequential`]: `sequential`.
    Sequential,
    /// [`RowBands`]: `bands`.
    RowBands,
    /// [`Compiled`]: `compiled`. Falls back to [`RowBands`] when the rule
    /// does not compile.
    Compiled,
    /// `auto`: [`Compiled`] when the rule compiles and the grid has at
    /// least [`AUTO_MIN_CELLS`](compiled::AUTO_MIN_CELLS) cells, otherwise
    /// [`RowBands`] (see [`Compiled::auto`]); on the plane, [`HashLife`]
    /// when the run is long enough for it to pay (see
    /// [`AUTO_HASHLIFE_GENERATIONS_PER_CELL`]), the rule is `B0` with
    /// `Smax`, or the rule is known by name (a rule table or tree, Super,
    /// von Neumann's), as Golly runs those.
    #[default]
    Auto,
    /// [`HashLife`]: `hashlife`, on the unbounded plane. On a torus or a
    /// bounded grid, and for rules it cannot run, the compiled engine
    /// runs instead, with a note saying why.
    HashLife,
}

/// The generation count from which [`EngineKind::Auto`] may run a pattern
/// on the plane with [`HashLife`]: below it, the compiled tiles are faster
/// on all but the most regular patterns.
pub const AUTO_HASHLIFE_GENERATIONS: u64 = 1 << 12;

/// [`EngineKind::Auto`] runs a pattern on the plane with [`HashLife`]
/// when it is to run at least this many generations for each of its
/// cells (and at least [`AUTO_HASHLIFE_GENERATIONS`]): a large chaotic
/// start, such as a soup, runs faster on the compiled tiles until its
/// debris has spread far apart.
pub const AUTO_HASHLIFE_GENERATIONS_PER_CELL: u64 = 64;

/// How to build an engine, besides its rule.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct EngineOptions {
    /// Bounds the threads a parallel engine uses (`None`: all cores); one
    /// thread is the calling thread.
    pub threads: Option<usize>,
    /// Whether the compiled engine skips tiles that cannot change (see
    /// [`Compiled::with_tile_skipping`]).
    pub tile_skipping: bool,
    /// How many generations the caller means to run, if it knows: on the
    /// plane, [`EngineKind::Auto`] runs [`HashLife`] for long runs (see
    /// [`AUTO_HASHLIFE_GENERATIONS_PER_CELL`]).
    pub generations: Option<u64>,
    /// The most memory [`HashLife`] may hold, in bytes (`None`:
    /// [`hashlife::default_max_memory`]).
    pub max_memory: Option<u64>,
}

impl Default for EngineOptions {
    fn default() -> EngineOptions {
        EngineOptions {
            threads: None,
            tile_skipping: true,
            generations: None,
            max_memory: None,
        }
    }
}

/// Why an engine could not be built.
#[derive(Debug, Error)]
pub enum EngineError {
    /// Zero threads asked for.
    #[error("the number of threads must be at least 1")]
    NoThreads,
    /// More threads asked for than [`max_threads`].
    #[error(
        "{threads} threads asked for, but at most {max} are allowed ({THREADS_PER_CORE} for each of {cores} cores)"
    )]
    TooManyThreads {
        /// Threads asked for.
        threads: usize,
        /// The most allowed.
        max: usize,
        /// The cores the process may use.
        cores: usize,
    },
    /// rayon could not start its threads.
    #[error("cannot start {threads} threads: {error}")]
    ThreadPool {
        /// Threads asked for.
        threads: usize,
        /// rayon's reason. (Part of the message, so not also its `source`.)
        error: rayon::ThreadPoolBuildError,
    },
    /// An engine name that is not known.
    #[error("unknown engine \"{0}\" (expected sequential, bands, compiled, hashlife or auto)")]
    Unknown(String),
}

impl EngineKind {
    /// Every engine, in the order `corolife bench` runs them (`auto`, being
    /// one of the others, only when asked for by name).
    pub const ALL: [EngineKind; 5] = [
        EngineKind::Sequential,
        EngineKind::RowBands,
        EngineKind::Compiled,
        EngineKind::HashLife,
        EngineKind::Auto,
    ];

    /// The name used on command lines.
    pub const fn name(self) -> &'static str {
        match self {
            EngineKind::Sequential => "sequential",
            EngineKind::RowBands => "bands",
            EngineKind::Compiled => "compiled",
            EngineKind::Auto => "auto",
            EngineKind::HashLife => "hashlife",
        }
    }

    /// Builds this engine for `rule`. `threads` bounds the threads a parallel
    /// engine uses (`None`: all cores); the sequential engine ignores it.
    pub fn build(self, rule: Rule, threads: Option<usize>) -> Result<Box<dyn Engine>, EngineError> {
        self.build_with(
            rule,
            EngineOptions {
                threads,
                ..EngineOptions::default()
            },
        )
    }

    /// Builds this engine for `rule` with `options`; each engine ignores
    /// the options that do not concern it.
    pub fn build_with(
        self,
        rule: Rule,
        options: EngineOptions,
    ) -> Result<Box<dyn Engine>, EngineError> {
        Ok(self.build_described(rule, options)?.engine)
    }

    /// [`build_with`](EngineKind::build_with), and what was built.
    pub fn build_described(
        self,
        rule: Rule,
        options: EngineOptions,
    ) -> Result<Chosen, EngineError> {
        Ok(match self {
            EngineKind::Sequential => Chosen::sequential(rule),
            EngineKind::RowBands => Chosen::bands(row_bands(rule, options)?, false),
            EngineKind::Compiled | EngineKind::Auto => {
                let auto = self == EngineKind::Auto;
                Chosen::compiled(compiled_engine(auto, rule, options)?, self)
            }
            // A grid is a torus: HashLife's plane does not wrap.
            EngineKind::HashLife => {
                Chosen::compiled(compiled_engine(false, rule, options)?, EngineKind::Compiled)
            }
        })
    }

    /// The engine this kind picks for a grid of `size`, as the terminal
    /// animation picks it. [`Auto`](EngineKind::Auto) runs the compiled
    /// engine when the rule compiles and the grid has at least
    /// [`AUTO_MIN_CELLS`](compiled::AUTO_MIN_CELLS) cells; otherwise the
    /// row bands where they split the grid (it is large enough and there
    /// is more than one thread), and elsewhere the sequential engine, which
    /// does the same work without the parallel machinery.
    /// [`RowBands`](EngineKind::RowBands) are row bands even as one band;
    /// the other kinds are the engines they name.
    pub fn choose(
        self,
        rule: Rule,
        options: EngineOptions,
        size: Size,
    ) -> Result<Chosen, EngineError> {
        let compiled = |engine: Compiled| -> Result<Chosen, EngineError> {
            let engine = match options.threads {
                Some(threads) => engine.with_threads(threads)?,
                None => engine,
            };
            let engine = engine.with_tile_skipping(options.tile_skipping);
            Ok(Chosen::compiled(engine, EngineKind::Compiled))
        };
        let bands = || -> Result<Chosen, EngineError> {
            let bands = row_bands(rule, options)?;
            let one_band = bands.bands_for(size.rows, size.cols) == 1;
            if one_band && self != EngineKind::RowBands {
                return Ok(Chosen::sequential(rule));
            }
            Ok(Chosen::bands(bands, one_band))
        };
        match self {
            EngineKind::Auto => {
                let engine = Compiled::new(rule);
                let cells = size.rows.saturating_mul(size.cols);
                if engine.kernel().is_some() && cells >= compiled::AUTO_MIN_CELLS {
                    return compiled(engine);
                }
                bands()
            }
            EngineKind::RowBands => bands(),
            EngineKind::Compiled | EngineKind::HashLife => compiled(Compiled::new(rule)),
            EngineKind::Sequential => Ok(Chosen::sequential(rule)),
        }
    }

    /// Whether this kind runs the compiled engine on a grid ([`Compiled`],
    /// [`Auto`](EngineKind::Auto), or [`HashLife`](EngineKind::HashLife)
    /// off the plane), whose tiles may be skipped.
    pub const fn is_compiled(self) -> bool {
        matches!(
            self,
            EngineKind::Compiled | EngineKind::Auto | EngineKind::HashLife
        )
    }

    /// The [`Compiled`] engine this kind names ([`Compiled`] or [`Auto`](EngineKind::Auto)),
    /// with `options`; `None` for the coroutine engines.
    pub(crate) fn build_compiled(
        self,
        rule: Rule,
        options: EngineOptions,
    ) -> Option<Result<Compiled, EngineError>> {
        match self {
            EngineKind::Compiled | EngineKind::HashLife => {
                Some(compiled_engine(false, rule, options))
            }
            EngineKind::Auto => Some(compiled_engine(true, rule, options)),
            EngineKind::Sequential | EngineKind::RowBands => None,
        }
    }
}

/// The row bands with `options`.
fn row_bands(rule: Rule, options: EngineOptions) -> Result<RowBands, EngineError> {
    let engine = RowBands::new(rule);
    match options.threads {
        Some(threads) => engine.with_threads(threads),
        None => Ok(engine),
    }
}

/// An engine that was built, and what it is.
pub struct Chosen {
    /// The engine.
    pub engine: Box<dyn Engine>,
    /// What it is, for a status line or a note.
    pub description: Description,
}

impl Chosen {
    fn sequential(rule: Rule) -> Chosen {
        Chosen {
            engine: Box::new(Sequential::new(rule)),
            description: Description {
                kind: EngineKind::Sequential,
                threads: 1,
                one_band: false,
                fallback: None,
            },
        }
    }

    fn bands(engine: RowBands, one_band: bool) -> Chosen {
        Chosen {
            description: Description {
                kind: EngineKind::RowBands,
                threads: engine.threads(),
                one_band,
                fallback: None,
            },
            engine: Box::new(engine),
        }
    }

    fn compiled(engine: Compiled, kind: EngineKind) -> Chosen {
        Chosen {
            description: Description {
                kind,
                threads: engine.threads(),
                one_band: false,
                fallback: engine.fallback_reason().cloned(),
            },
            engine: Box::new(engine),
        }
    }
}

/// What an engine is: its kind, its threads, and whether it runs the cell
/// coroutines where it was asked to compile them.
///
/// It displays as the terminal animation's status line names the engine:
/// `sequential`, `bands (4 threads)`, `bands (one band)`,
/// `compiled (4 threads)`, `compiled (fell back to bands)`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Description {
    /// The engine's kind.
    pub kind: EngineKind,
    /// The threads it runs on.
    pub threads: usize,
    /// Whether the row bands sweep the grid as one band.
    pub one_band: bool,
    /// Why the compiled engine runs the coroutines with [`RowBands`]
    /// instead of kernels, if it does: the check of the probe that the
    /// rule's coroutine failed.
    pub fallback: Option<ProbeError>,
}

impl fmt::Display for Description {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.kind.name();
        match self.kind {
            EngineKind::Sequential => f.write_str(name),
            EngineKind::RowBands if self.one_band => write!(f, "{name} (one band)"),
            _ if self.fallback.is_some() => write!(f, "{name} (fell back to bands)"),
            _ => write!(f, "{name} ({} threads)", self.threads),
        }
    }
}

/// The compiled engine ([`Compiled::auto`] if `auto`) with `options`.
fn compiled_engine(
    auto: bool,
    rule: Rule,
    options: EngineOptions,
) -> Result<Compiled, EngineError> {
    let engine = if auto {
        Compiled::auto(rule)
    } else {
        Compiled::new(rule)
    }
    .with_tile_skipping(options.tile_skipping);
    match options.threads {
        Some(threads) => engine.with_threads(threads),
        None => Ok(engine),
    }
}

impl fmt::Display for EngineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for EngineKind {
    type Err = EngineError;

    fn from_str(name: &str) -> Result<EngineKind, EngineError> {
        EngineKind::ALL
            .into_iter()
            .find(|kind| kind.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| EngineError::Unknown(name.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for kind in EngineKind::ALL {
            assert_eq!(kind.name().parse::<EngineKind>().ok(), Some(kind));
            let engine = kind.build(Rule::LIFE, Some(1)).expect("engine builds");
            // On a grid, HashLife's place is taken by the compiled engine.
            let expected = match kind {
                EngineKind::HashLife => "compiled",
                _ => kind.name(),
            };
            assert_eq!(engine.name(), expected);
        }
        assert!(matches!(
            "quantum".parse::<EngineKind>(),
            Err(EngineError::Unknown(_))
        ));
    }

    #[test]
    fn compiled_where_it_pays_row_bands_only_where_they_split_the_grid() {
        let chosen = |kind: EngineKind, rule, threads, rows, cols| {
            let options = EngineOptions {
                threads,
                ..EngineOptions::default()
            };
            let chosen = kind
                .choose(rule, options, Size { rows, cols })
                .expect("engine");
            assert_eq!(chosen.engine.name(), chosen.description.kind.name());
            chosen.description.to_string()
        };
        let auto = EngineKind::Auto;
        assert_eq!(chosen(auto, Rule::LIFE, Some(2), 20, 40), "sequential");
        assert_eq!(
            chosen(auto, Rule::LIFE, Some(2), 236, 400),
            "compiled (2 threads)"
        );
        let brain: Rule = "/2/3".parse().expect("rule");
        assert_eq!(
            chosen(auto, brain, Some(2), 236, 400),
            "compiled (2 threads)"
        );
        assert_eq!(chosen(auto, brain, Some(2), 20, 40), "sequential");
        // Isotropic rules of more states compile to neither kernel.
        let isotropic: Rule = "B2-a/S12/C3".parse().expect("rule");
        assert_eq!(
            chosen(auto, isotropic, Some(2), 236, 400),
            "bands (2 threads)"
        );
        assert_eq!(chosen(auto, isotropic, Some(1), 236, 400), "sequential");
        assert_eq!(
            chosen(EngineKind::Compiled, isotropic, Some(1), 20, 40),
            "compiled (fell back to bands)"
        );
        assert_eq!(
            chosen(EngineKind::RowBands, Rule::LIFE, Some(2), 20, 40),
            "bands (one band)"
        );
        assert_eq!(
            chosen(EngineKind::Sequential, Rule::LIFE, None, 236, 400),
            "sequential"
        );
    }
}
