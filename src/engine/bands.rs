//! Bands of rows, each driven by its own coroutine, in parallel on rayon.

use std::num::NonZeroUsize;

use rayon::prelude::*;

use super::interpreter::{Workspace, rows_per_band, sweep};
use super::{Engine, EngineError, Threads};
use crate::{Grid, GridError, Rule};

/// Below this many cells a generation is over before rayon could hand out
/// the work, so the grid is swept as a single band on the calling thread.
const MIN_PARALLEL_CELLS: usize = 4096;

/// Bands per thread when the band count is chosen automatically: a few
/// bands per thread let rayon even out bands that run slower than others.
const BANDS_PER_THREAD: usize = 4;

/// Splits the next grid into disjoint bands of rows and steps them in
/// parallel, one `simulate` coroutine per band, each created and driven
/// inside the rayon task that owns its band. All of them read the current
/// grid, which nobody writes during the step.
///
/// ```
/// use corolife::{Engine, Grid, RowBands, Rule, Sequential};
///
/// let start: Grid = "--*--\n---*-\n-***-\n-----\n-----\n".parse()?;
/// let mut parallel = start.clone();
/// let mut sequential = start;
/// RowBands::new(Rule::LIFE).with_threads(2)?.with_bands(3).run(&mut parallel, 8);
/// Sequential::new(Rule::LIFE).run(&mut sequential, 8);
/// assert_eq!(parallel, sequential);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct RowBands {
    rule: Rule,
    /// Where the bands run: rayon's global pool, a pool of our own, or —
    /// for one thread — the calling thread alone.
    threads: Threads,
    bands: Option<NonZeroUsize>,
    workspace: Workspace,
}

impl RowBands {
    /// A row-band engine for `rule` on rayon's global pool (one thread per
    /// core), choosing the number of bands from the grid's size.
    pub fn new(rule: Rule) -> RowBands {
        RowBands {
            rule,
            threads: Threads::Global,
            bands: None,
            workspace: Workspace::new(),
        }
    }

    /// Runs on exactly `threads` threads: a pool of its own, or for one
    /// thread the calling thread, band after band.
    pub fn with_threads(mut self, threads: usize) -> Result<RowBands, EngineError> {
        self.threads = Threads::exactly(threads, "corolife-band")?;
        Ok(self)
    }

    /// Splits every grid into `bands` bands (at most one per row); `0`
    /// returns to choosing from the grid's size.
    pub fn with_bands(mut self, bands: usize) -> RowBands {
        self.bands = NonZeroUsize::new(bands);
        self
    }

    /// The number of threads the bands run on.
    pub fn threads(&self) -> usize {
        self.threads.count()
    }

    /// How many bands a `rows` × `cols` grid is split into.
    pub fn bands_for(&self, rows: usize, cols: usize) -> usize {
        let bands = match self.bands {
            Some(bands) => bands.get(),
            None => {
                let threads = self.threads();
                if threads == 1 || rows * cols < MIN_PARALLEL_CELLS {
                    1
                } else {
                    threads * BANDS_PER_THREAD
                }
            }
        };
        bands.clamp(1, rows)
    }
}

impl Engine for RowBands {
    fn name(&self) -> &'static str {
        "bands"
    }

    fn rule(&self) -> &Rule {
        &self.rule
    }

    fn reserve(&mut self, grid: &Grid) -> Result<(), GridError> {
        self.workspace.reserve(grid)
    }

    fn step(&mut self, grid: &mut Grid) {
        let (rows, cols) = (grid.rows(), grid.cols());
        let bands = self.bands_for(rows, cols);
        let band_rows = rows_per_band(rows, bands);
        let rule = &self.rule;
        let (next, table) = self.workspace.prepare(grid);
        let current: &Grid = grid;
        let band = |(index, out): (usize, &mut [crate::State])| {
            let first = index * band_rows;
            let last = (first + band_rows).min(rows);
            sweep(current, table, rule, first..last, out);
        };
        let out = next.cells_mut();
        let band_cells = band_rows * cols;
        if bands == 1 || matches!(self.threads, Threads::Caller) {
            out.chunks_mut(band_cells).enumerate().for_each(band);
        } else {
            let threads = &self.threads;
            threads.install(|| out.par_chunks_mut(band_cells).enumerate().for_each(band));
        }
        self.workspace.swap_into(grid);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_grids_and_single_threads_use_one_band() {
        let one = RowBands::new(Rule::LIFE).with_threads(1).expect("pool");
        assert_eq!(one.bands_for(2048, 2048), 1);
        let two = RowBands::new(Rule::LIFE).with_threads(2).expect("pool");
        assert_eq!(two.bands_for(8, 8), 1);
        assert_eq!(two.bands_for(512, 512), 2 * BANDS_PER_THREAD);
        assert_eq!(
            two.with_bands(1000).bands_for(3, 4096),
            3,
            "at most one band per row"
        );
    }

    #[test]
    fn the_thread_count_is_what_was_asked() {
        for threads in 1..=3 {
            let engine = RowBands::new(Rule::LIFE)
                .with_threads(threads)
                .expect("pool");
            assert_eq!(engine.threads(), threads);
        }
        assert_eq!(
            RowBands::new(Rule::LIFE).threads(),
            rayon::current_num_threads()
        );
    }

    #[test]
    fn zero_threads_is_an_error() {
        assert!(matches!(
            RowBands::new(Rule::LIFE).with_threads(0),
            Err(EngineError::NoThreads)
        ));
    }

    #[test]
    fn threads_beyond_the_cap_are_refused_before_any_starts() {
        let max = crate::engine::max_threads();
        assert_eq!(
            max,
            crate::engine::THREADS_PER_CORE * crate::engine::cores()
        );
        let error = RowBands::new(Rule::LIFE)
            .with_threads(max + 1)
            .err()
            .expect("refused");
        assert!(
            matches!(error, EngineError::TooManyThreads { threads, .. } if threads == max + 1),
            "{error}"
        );
        assert!(error.to_string().contains(&format!("at most {max}")));
    }
}
