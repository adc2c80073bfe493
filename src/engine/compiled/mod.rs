//! The compiled engine: it asks the cell coroutine what it does, writes the
//! answer down as a transition table, and steps a bit-packed torus with
//! kernels made from the table.
//!
//! # Probing
//!
//! [`RuleTable::probe`] drives [`step_cell`](crate::step_cell) for one cell
//! against an environment that records where the cell looks and answers
//! every combination of empty and alive on those cells (see [`probe`]'s
//! checks). A cell coroutine is deterministic and sees nothing but its
//! answers, so that is a complete description of it: nothing in the
//! coroutine changes, and nothing about the rule is assumed — the probe
//! learns which cells matter and what the cell does with them.
//!
//! # Kernels
//!
//! The torus is packed 64 cells to a `u64`, each row padded to whole words
//! and framed by a word on either side holding the cells from the other
//! end of the row, with copies of the last and first rows above and below,
//! so that every word is computed alike and any size works, down to one
//! cell.
//!
//! * When the next state depends only on the cell's own state and how many
//!   of its eight neighbours are alive (every Life-like rule, `B0` ones
//!   included), the *adder* kernel counts the neighbours of 64 cells at once
//!   with full and half adders over bit planes, walking down columns of
//!   words with the sums of three rows at hand, and applies the birth and
//!   survival masks as boolean logic (`B3/S23` as three operations of its
//!   own).
//! * Any other table runs on the *lookup* kernel: each cell's nine
//!   neighbourhood bits index the 512-entry table.
//! * A rule the table cannot hold (more cells, more states) is probed
//!   again as a counting rule ([`CountTable`]: Larger than Life of every
//!   range and neighbourhood, Generations) and runs on the *running-sums*
//!   kernel, a byte a cell: box sums kept as the rows move for a Moore
//!   neighbourhood, whatever its range, differences of running sums along
//!   the rows for other shapes, and the count's next state by two
//!   comparisons or the table. On the plane and Golly's grids it steps a
//!   field covering the pattern (the grid, on a bounded one), its margin
//!   joined as the topology joins the grid's edges.
//!
//! The kernels are plain Rust the compiler vectorizes; where the CPU has
//! AVX2 or AVX-512 (detected at run time) a copy compiled for it runs
//! instead (see [`Vectors`]).
//!
//! # Tiles
//!
//! The torus is cut into tiles of 32 rows by 64 columns. A tile whose cells
//! and bordering cells did not change in the last generation cannot change
//! in this one and is skipped, and in the narrow runs of tiles of a sparse
//! pattern only the rows around those that changed are stepped, so a
//! glider gun on a large torus costs in proportion to its activity.
//! [`Compiled::with_tile_skipping`] turns this off.
//!
//! # Threads
//!
//! On several threads the torus is cut into one stretch of rows per
//! thread, each held with 32 rows of its neighbours' above and below (its
//! halo) as a torus of its own. A thread steps its stretch 16 generations
//! at a time without looking at the others: the wrong cells at the seam of
//! its little torus spread one row a generation, and would reach the edge
//! of its own rows only after 32 generations; only the halo rows its own
//! rows depend on by the end of the 16 are stepped. Then the threads meet,
//! the halos are copied afresh from the neighbours' rows, and the next 16
//! generations begin. The threads thus meet once every 16 generations
//! rather than at every one, each keeping its own rows in its own cache, at
//! the price of stepping some halo rows too. Between blocks the threads wait
//! for each other awake, spinning and then yielding, rather than going to
//! sleep and having to be woken; while the stretches change too little to
//! be worth sharing, they are stepped one after another on the calling
//! thread. A stretch has at least 256 rows; shorter grids run as one torus
//! on the calling thread, as one thread does.
//!
//! # Falling back
//!
//! A rule whose coroutine fails a check of both probes (its questions
//! depend on the answers or on its position; it is of more than two states
//! or nine cells and its next state depends on which cells are alive, not
//! only how many, as in isotropic Generations rules…) is not compiled: the
//! engine runs the coroutines with [`RowBands`] instead and says why in
//! [`fallback_reason`](Compiled::fallback_reason). A grid holding a state
//! its compiled rule does not have runs on [`RowBands`] too.

pub mod counted;
pub(crate) mod kernel;
mod packed;
mod packed_torus;
mod partner;
pub(crate) mod plane;
pub mod probe;
mod simd;
mod stretches;
mod sums;
mod team;
mod tiles;
pub(crate) mod window;

pub use counted::CountTable;
pub use probe::{MAX_CELLS, Offset, ProbeError, RuleTable};
pub use simd::Vectors;

use kernel::{Adder, Conway, Lookup, Masks};
use packed_torus::Exec;
use stretches::Stretches;
pub(crate) use sums::{SumField, Sums};

use super::{Engine, EngineError, EngineKind, RowBands, Threads};
use crate::{Grid, Rule, State};

/// The smallest grid, in cells, on which [`EngineKind::Auto`] compiles the
/// rule; smaller grids run on [`RowBands`] (which sweeps them as one band on
/// the calling thread, as [`Sequential`](crate::Sequential) does).
///
/// Probing a rule drives the cell coroutine a few thousand times, about as
/// long as the coroutines take to step a grid of this size once.
pub const AUTO_MIN_CELLS: usize = 4096;

/// The kernel a compiled rule runs on.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum KernelKind {
    /// Bit-sliced adders over the neighbour count: rules whose next state
    /// depends on the cell's state and its number of live neighbours.
    Adder,
    /// A 512-entry table indexed by each cell's neighbourhood: any other
    /// two-state rule of the 3×3 neighbourhood.
    Lookup,
    /// Running sums over a field of one byte a cell, and a table indexed
    /// by the cell's state and count: counting rules of any neighbourhood
    /// and any number of states (Larger than Life, Generations; see
    /// [`CountTable`]).
    RunningSums,
}

/// What a rule compiles to.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Program {
    Conway,
    Masks(Masks),
    Lookup(Lookup),
}

impl Program {
    pub(crate) fn new(table: &RuleTable) -> Program {
        match table.totalistic() {
            Some((0b1000, 0b1100)) => Program::Conway,
            Some((birth, survival)) => Program::Masks(Masks::new(birth, survival)),
            None => Program::Lookup(Lookup {
                table: *table.bits(),
            }),
        }
    }

    fn kernel(self) -> KernelKind {
        match self {
            Program::Conway | Program::Masks(_) => KernelKind::Adder,
            Program::Lookup(_) => KernelKind::Lookup,
        }
    }
}

/// Steps grids with kernels compiled from the cell coroutine: see the
/// [module documentation](self).
///
/// ```
/// use corolife::engine::compiled::{Compiled, KernelKind};
/// use corolife::{Engine, Grid, Rule, Sequential};
///
/// let start: Grid = "--*--\n---*-\n-***-\n-----\n-----\n".parse()?;
/// let mut engine = Compiled::new(Rule::LIFE).with_threads(1)?;
/// assert_eq!(engine.kernel(), Some(KernelKind::Adder));
/// let mut compiled = start.clone();
/// let mut interpreted = start;
/// engine.run(&mut compiled, 20);
/// Sequential::new(Rule::LIFE).run(&mut interpreted, 20);
/// assert_eq!(compiled, interpreted);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Compiled {
    /// [`EngineKind::Compiled`] or [`EngineKind::Auto`].
    kind: EngineKind,
    /// Runs the coroutines when the rule or the grid does not compile, and
    /// keeps the rule.
    fallback: RowBands,
    /// The probe's outcome; `None` until a grid large enough comes.
    compiled: Option<Result<(RuleTable, Program), ProbeError>>,
    /// The counting probe's outcome, for a rule the first probe refused
    /// for its size or its states.
    counted: Option<Result<Sums, ProbeError>>,
    /// The grid as the running-sums kernel holds it, while loaded.
    field: Option<SumField>,
    /// Grids smaller than this run on `fallback`.
    min_cells: usize,
    threads: Threads,
    skip: bool,
    vectors: Vectors,
    lookup_only: bool,
    stretches: Stretches,
}

impl Compiled {
    /// A compiled engine for `rule`, probing it now; on rayon's global pool
    /// (one thread per core).
    pub fn new(rule: Rule) -> Compiled {
        let mut engine = Compiled::lazy(EngineKind::Compiled, rule, 0);
        engine.compile();
        engine.counting();
        engine
    }

    /// The engine [`EngineKind::Auto`] names: compiled on grids of at least
    /// [`AUTO_MIN_CELLS`] cells when the rule compiles, [`RowBands`]
    /// otherwise. The rule is probed when the first such grid comes.
    pub fn auto(rule: Rule) -> Compiled {
        Compiled::lazy(EngineKind::Auto, rule, AUTO_MIN_CELLS)
    }

    fn lazy(kind: EngineKind, rule: Rule, min_cells: usize) -> Compiled {
        Compiled {
            kind,
            fallback: RowBands::new(rule),
            compiled: None,
            counted: None,
            field: None,
            min_cells,
            threads: Threads::Global,
            skip: true,
            vectors: Vectors::Avx512Vbmi2,
            lookup_only: false,
            stretches: Stretches::new(),
        }
    }

    /// Runs on exactly `threads` threads: a pool of its own, or for one
    /// thread the calling thread alone.
    pub fn with_threads(mut self, threads: usize) -> Result<Compiled, EngineError> {
        self.threads = Threads::exactly(threads, "corolife-compiled")?;
        // The fallback runs inside this engine's pool, or on the calling
        // thread as a single band.
        self.fallback = self.fallback.with_bands(usize::from(threads == 1));
        Ok(self)
    }

    /// Whether to skip tiles that cannot change (on by default). Off, every
    /// tile is stepped every generation: the same grids, more work.
    pub fn with_tile_skipping(mut self, skip: bool) -> Compiled {
        self.skip = skip;
        self
    }

    /// The most capable vector instructions the kernels may use (by
    /// default the best the CPU has, detected at run time); a level the
    /// CPU lacks gives the best below it. [`Vectors::Portable`] runs the
    /// build's own instructions everywhere. Every level gives the same
    /// grids.
    pub fn with_vectors(mut self, vectors: Vectors) -> Compiled {
        self.vectors = vectors;
        self
    }

    /// Whether to run every compiled rule on the lookup kernel, totalistic
    /// ones included (off by default): the same grids, slower; for
    /// comparing the kernels.
    pub fn with_lookup_only(mut self, lookup_only: bool) -> Compiled {
        self.lookup_only = lookup_only;
        self
    }

    /// The number of threads the stretches run on (see
    /// [Threads](self#threads)).
    pub fn threads(&self) -> usize {
        self.threads.count()
    }

    /// The vector instructions the kernels run with on this CPU.
    pub fn vectors(&self) -> Vectors {
        self.vectors.at_most()
    }

    /// Why this engine runs the cell coroutines instead of the kernels it
    /// would compile from them, if it tried and could not: the check of
    /// the probe that the rule's coroutine failed.
    pub fn fallback_reason(&self) -> Option<&ProbeError> {
        match (&self.compiled, &self.counted) {
            (_, Some(Ok(_))) => None,
            (_, Some(Err(error))) | (Some(Err(error)), None) => Some(error),
            _ => None,
        }
    }

    /// The rule's transition table, if it has been probed and compiled.
    pub fn table(&self) -> Option<&RuleTable> {
        match &self.compiled {
            Some(Ok((table, _))) => Some(table),
            _ => None,
        }
    }

    /// The kernel the rule runs on, if it has been probed and compiled.
    pub fn kernel(&self) -> Option<KernelKind> {
        match (&self.compiled, &self.counted) {
            (Some(Ok(_)), _) if self.lookup_only => Some(KernelKind::Lookup),
            (Some(Ok((_, program))), _) => Some(program.kernel()),
            (_, Some(Ok(_))) => Some(KernelKind::RunningSums),
            _ => None,
        }
    }

    /// The counting rule the running-sums kernel runs, probing for it if
    /// the rule does not compile to a [`RuleTable`] for its size or its
    /// states.
    fn counting(&mut self) -> Option<&Sums> {
        let refused = matches!(
            self.compiled,
            Some(Err(ProbeError::TooManyCells { .. }
                | ProbeError::OutOfReach { .. }
                | ProbeError::MultiState { .. }))
        );
        if !refused {
            return None;
        }
        let rule = self.fallback.rule();
        self.counted
            .get_or_insert_with(|| CountTable::probe(rule).map(|table| Sums::new(&table)))
            .as_ref()
            .ok()
    }

    /// Probes the rule if that has not been done yet, and returns what it
    /// compiled to.
    fn compile(&mut self) -> Option<Program> {
        let rule = self.fallback.rule();
        let compiled = self.compiled.get_or_insert_with(|| {
            RuleTable::probe(rule).map(|table| {
                let program = Program::new(&table);
                (table, program)
            })
        });
        let lookup_only = self.lookup_only;
        compiled.as_ref().ok().map(|(table, program)| {
            if lookup_only {
                Program::Lookup(Lookup {
                    table: *table.bits(),
                })
            } else {
                *program
            }
        })
    }

    /// Packs `grid` to be stepped by [`advance`](Compiled::advance), if
    /// the rule compiles and the grid is large enough and holds only empty
    /// and live cells; `false` otherwise.
    pub(crate) fn load(&mut self, grid: &Grid) -> bool {
        self.field = None;
        if grid.rows() * grid.cols() < self.min_cells {
            return false;
        }
        if self.compile().is_some() {
            return self.stretches.load(grid, &self.threads);
        }
        let skip = self.skip;
        let Some(sums) = self.counting() else {
            return false;
        };
        let states = sums.states();
        if grid.cells().iter().any(|s| u16::from(s.value()) >= states) {
            return false;
        }
        let (rows, cols) = (grid.rows() as i64, grid.cols() as i64);
        let torus =
            |y: i64, x: i64| Some((y.rem_euclid(rows) as usize, x.rem_euclid(cols) as usize));
        let Ok(mut field) = SumField::new(sums.clone(), grid.rows(), grid.cols(), torus) else {
            return false;
        };
        field = field.with_skipping(skip);
        for (y, row) in grid.cells().chunks(grid.cols()).enumerate() {
            for (x, &state) in row.iter().enumerate() {
                if state != State::EMPTY {
                    field.set(y, x, state.value());
                }
            }
        }
        self.field = Some(field);
        true
    }

    /// Steps the grid packed by the last successful [`load`](Compiled::load)
    /// `generations` on, without unpacking it.
    pub(crate) fn advance(&mut self, generations: u64) {
        if let Some(field) = &mut self.field {
            return field.run(generations, &self.threads, self.vectors.at_most());
        }
        let Some(program) = self.compile() else {
            return;
        };
        let exec = Exec {
            threads: &self.threads,
            skip: self.skip,
            vectors: self.vectors(),
        };
        let stretches = &mut self.stretches;
        match program {
            Program::Conway => stretches.run(&Adder(Conway), &exec, generations),
            Program::Masks(masks) => stretches.run(&Adder(masks), &exec, generations),
            Program::Lookup(lookup) => stretches.run(&lookup, &exec, generations),
        }
    }

    /// Unpacks the packed grid into `grid`, which must be the size it was
    /// loaded from.
    pub(crate) fn store(&self, grid: &mut Grid) {
        match &self.field {
            Some(field) => {
                let cols = grid.cols();
                for (y, row) in grid.cells_mut().chunks_mut(cols).enumerate() {
                    for (cell, &state) in row.iter_mut().zip(field.row(y)) {
                        *cell = State::new(state);
                    }
                }
            }
            None => self.stretches.store(grid, &self.threads),
        }
    }

    /// Runs `generations` of the coroutines on `grid` (as when the rule or
    /// the grid does not compile).
    pub(crate) fn run_fallback(&mut self, grid: &mut Grid, generations: u64) {
        let fallback = &mut self.fallback;
        self.threads.install(|| fallback.run(grid, generations));
    }
}

impl Engine for Compiled {
    fn name(&self) -> &'static str {
        self.kind.name()
    }

    fn rule(&self) -> &Rule {
        self.fallback.rule()
    }

    fn step(&mut self, grid: &mut Grid) {
        self.run(grid, 1);
    }

    /// Packs the grid once, runs every generation on the packed torus, and
    /// unpacks the result.
    fn run(&mut self, grid: &mut Grid, generations: u64) {
        if generations == 0 {
            return;
        }
        if !self.load(grid) {
            return self.run_fallback(grid, generations);
        }
        self.advance(generations);
        self.store(grid);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Sequential, soup};

    #[test]
    fn a_rule_that_does_not_compile_runs_on_the_coroutines_and_says_why() {
        let start = soup::soup(40, 70, 5).expect("grid");
        let mut expected = start.clone();
        Sequential::new(Rule::LIFE).run(&mut expected, 6);
        for threads in [1, 2] {
            let mut engine = Compiled::new(Rule::LIFE)
                .with_threads(threads)
                .expect("pool");
            // As if the probe had found the coroutine yielding TICK.
            engine.compiled = Some(Err(ProbeError::Tick));
            assert_eq!(engine.kernel(), None);
            assert_eq!(engine.fallback_reason(), Some(&ProbeError::Tick));
            let mut grid = start.clone();
            engine.run(&mut grid, 6);
            assert_eq!(grid, expected, "{threads} threads");
        }
    }

    #[test]
    fn auto_probes_only_when_a_large_enough_grid_comes() {
        let mut engine = Compiled::auto(Rule::LIFE).with_threads(1).expect("caller");
        let mut small = soup::soup(10, 10, 1).expect("grid");
        engine.run(&mut small, 2);
        assert!(engine.compiled.is_none(), "no probe for 100 cells");
        let mut large = soup::soup(64, 64, 1).expect("grid");
        engine.run(&mut large, 2);
        assert!(matches!(engine.compiled, Some(Ok(_))));
        assert_eq!(engine.name(), "auto");
        assert_eq!(Compiled::new(Rule::LIFE).name(), "compiled");
    }
}
