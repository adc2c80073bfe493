//! How the compiled engine runs on several threads: each thread steps a
//! stretch of rows of its own for many generations at a time, and the
//! threads meet only between those.
//!
//! A stretch holds its own rows and a *halo* of [`HALO`] rows above and
//! below them, copies of its neighbours' rows, as a torus of its own. A
//! cell's next state depends only on the cells next to it, so after one
//! generation only the halo rows at the torus's seam (where the top of the
//! halo meets the bottom) are wrong, after two the rows next to those, and
//! after `HALO` generations the wrong rows have reached the edges of the
//! stretch's own rows but not crossed them: its own rows are exactly what
//! stepping the whole torus would give. The threads then meet, each
//! stretch's halo is refreshed from its neighbours' own rows (marking the
//! tiles where that changed a cell, so that tile skipping steps them), and
//! the next `HALO` generations begin.
//!
//! Against stepping the whole torus in bands that meet at every generation,
//! the threads meet `HALO` times less often, and each keeps its own rows in
//! its own core's cache; the price is stepping the halo rows as well
//! (`2 × HALO` rows a stretch, a few percent of a large grid), which is why
//! a stretch has at least [`MIN_ROWS`] rows of its own and a grid too short
//! for two runs as one stretch on the calling thread.

use rayon::prelude::*;

use super::kernel::Kernel;
use super::tiles::{Exec, Packed, TILE_ROWS};
use crate::engine::Threads;
use crate::{Grid, State};

/// Rows a stretch holds of each neighbour, and so the generations stepped
/// between two meetings of the threads: one tile row.
const HALO: usize = TILE_ROWS;

/// Fewest rows of its own a stretch has: the halo adds at most a quarter
/// to its work.
const MIN_ROWS: usize = 8 * HALO;

/// When the last generation of all the stretches together stepped fewer
/// words than this (of a row each; some tens of microseconds of work), the
/// next generations run on the calling thread, one stretch after another:
/// handing them to other threads would cost more than it saves.
const PARALLEL_WORDS: usize = 1 << 14;

/// One stretch: its own rows of the grid and the torus it steps them in,
/// halo included.
struct Stretch {
    /// The grid row of its first own row.
    first: usize,
    /// How many rows it owns.
    rows: usize,
    packed: Packed,
}

/// A grid cut into stretches of rows, one per thread (or one in all).
pub(crate) struct Stretches {
    stretches: Vec<Stretch>,
    /// What [`HALO`] and [`MIN_ROWS`] are, but in tests.
    geometry: (usize, usize),
}

impl Stretches {
    /// No stretches yet: [`load`](Stretches::load) cuts them.
    pub(crate) fn new() -> Stretches {
        Stretches::with_geometry(HALO, MIN_ROWS)
    }

    /// Stretches of at least `min_rows` own rows (at least `halo`), with
    /// halos of `halo` rows.
    fn with_geometry(halo: usize, min_rows: usize) -> Stretches {
        debug_assert!(halo >= 1 && min_rows >= halo);
        Stretches {
            stretches: Vec::new(),
            geometry: (halo, min_rows),
        }
    }

    /// Rows of halo on either side of a stretch: none when there is one.
    fn halo(&self) -> usize {
        if self.stretches.len() == 1 {
            0
        } else {
            self.geometry.0
        }
    }

    /// How many stretches the last grid loaded was cut into.
    #[cfg(test)]
    fn count(&self) -> usize {
        self.stretches.len()
    }

    /// Cuts `grid` into as many stretches as there are `threads` (fewer if
    /// it is too short for them) and packs each, on those threads. Returns
    /// `false` if a cell holds a state other than empty or alive.
    pub(crate) fn load(&mut self, grid: &Grid, threads: &Threads) -> bool {
        let rows = grid.rows();
        let count = (rows / self.geometry.1).clamp(1, threads.count());
        self.stretches.truncate(count);
        self.stretches.reserve_exact(count - self.stretches.len());
        while self.stretches.len() < count {
            self.stretches.push(Stretch {
                first: 0,
                rows: 0,
                packed: Packed::new(),
            });
        }
        let (each, longer) = (rows / count, rows % count);
        let mut first = 0;
        for (i, stretch) in self.stretches.iter_mut().enumerate() {
            stretch.first = first;
            stretch.rows = each + usize::from(i < longer);
            first += stretch.rows;
        }
        let halo = self.halo();
        let load = |stretch: &mut Stretch| {
            let top = (stretch.first + rows - halo) % rows;
            stretch.packed.load(grid, top, stretch.rows + 2 * halo)
        };
        match self.stretches.as_mut_slice() {
            [stretch] => load(stretch),
            stretches => threads.install(|| stretches.par_iter_mut().map(load).all(|ok| ok)),
        }
    }

    /// Writes the current generation into `grid`, the grid last loaded, on
    /// `threads`.
    pub(crate) fn store(&self, grid: &mut Grid, threads: &Threads) {
        let halo = self.halo();
        match self.stretches.as_slice() {
            [stretch] => stretch.packed.store(0, grid.cells_mut()),
            stretches => {
                let cols = grid.cols();
                let mut rest = grid.cells_mut();
                let mut parts = Vec::with_capacity(stretches.len());
                for stretch in stretches {
                    let (part, after) = rest.split_at_mut(stretch.rows * cols);
                    parts.push(part);
                    rest = after;
                }
                threads.install(|| {
                    stretches.par_iter().zip(parts).for_each(
                        |(stretch, rows): (&Stretch, &mut [State])| {
                            stretch.packed.store(halo, rows);
                        },
                    );
                });
            }
        }
    }

    /// Steps `generations` generations with `kernel`: each stretch on a
    /// thread of `exec`, [`HALO`] generations at a time, refreshing the
    /// halos in between.
    pub(crate) fn run<K: Kernel>(&mut self, kernel: &K, exec: &Exec<'_>, generations: u64) {
        if let [stretch] = self.stretches.as_mut_slice() {
            return stretch.packed.run(kernel, exec, generations);
        }
        let mut left = generations;
        while left > 0 {
            let now = left.min(self.halo() as u64);
            let work: usize = self.stretches.iter().map(|s| s.packed.work()).sum();
            let stretches = self.stretches.as_mut_slice();
            let step = |stretch: &mut Stretch| stretch.packed.run(kernel, exec, now);
            if work >= PARALLEL_WORDS {
                exec.threads
                    .install(|| stretches.par_iter_mut().for_each(step));
            } else {
                stretches.iter_mut().for_each(step);
            }
            left -= now;
            if left > 0 {
                self.refresh_halos();
            }
        }
    }

    /// Copies into each stretch's halo its neighbours' own rows: the last
    /// of the stretch above (around the torus) and the first of the one
    /// below.
    fn refresh_halos(&mut self) {
        let (halo, count) = (self.halo(), self.stretches.len());
        for i in 0..count {
            let mut packed = std::mem::replace(&mut self.stretches[i].packed, Packed::new());
            let rows = self.stretches[i].rows;
            let above = &self.stretches[(i + count - 1) % count];
            let below = &self.stretches[(i + 1) % count];
            packed.refresh_rows(0, &above.packed, above.rows, halo);
            packed.refresh_rows(halo + rows, &below.packed, halo, halo);
            self.stretches[i].packed = packed;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::compiled::kernel::{Adder, Conway, Lookup};
    use crate::engine::compiled::{RuleTable, Vectors};
    use crate::{Engine, Rule, Sequential, soup};

    /// Runs `grid` for each of `runs` (generations) in stretches of the
    /// given geometry on `threads`, checking it against the sequential
    /// interpreter after each run.
    fn check(grid: &Grid, (halo, min_rows): (usize, usize), threads: usize, runs: &[u64]) {
        let pool = Threads::exactly(threads, "stretches-test").expect("pool");
        let table = RuleTable::probe(&Rule::LIFE).expect("Life compiles");
        let lookup = Lookup {
            table: *table.bits(),
        };
        for skip in [true, false] {
            let exec = Exec {
                threads: &pool,
                skip,
                vectors: Vectors::Avx512.at_most(),
            };
            let mut stretches = Stretches::with_geometry(halo, min_rows);
            let mut expected = grid.clone();
            let mut actual = grid.clone();
            for (k, &generations) in runs.iter().enumerate() {
                Sequential::new(Rule::LIFE).run(&mut expected, generations);
                assert!(stretches.load(&actual, &pool));
                let expected_count = (grid.rows() / min_rows).clamp(1, threads);
                assert_eq!(stretches.count(), expected_count);
                if k % 2 == 0 {
                    stretches.run(&Adder(Conway), &exec, generations);
                } else {
                    stretches.run(&lookup, &exec, generations);
                }
                stretches.store(&mut actual, &pool);
                assert_eq!(
                    actual,
                    expected,
                    "{}x{} in stretches of {min_rows}+ rows, halo {halo}, on {threads} \
                     threads (skip {skip}): run {k} of {generations} generations",
                    grid.rows(),
                    grid.cols()
                );
            }
        }
    }

    #[test]
    fn stretches_step_as_the_whole_torus_does() {
        // Halos of one row to more than a tile row; stretches of exactly a
        // halo's rows and of more; two, three and four of them, so that a
        // stretch's neighbours above and below are one stretch or two;
        // runs shorter and longer than a halo and not a multiple of it.
        for (rows, cols, halo, min_rows, threads) in [
            (12, 70, 1, 1, 2),
            (12, 70, 3, 3, 4),
            (13, 64, 2, 4, 3),
            (40, 130, 5, 20, 2),
            (100, 65, 7, 9, 4),
            (90, 200, 33, 40, 2),
            (70, 3, 35, 35, 2),
        ] {
            let grid = soup::soup(rows, cols, (rows * cols) as u64).expect("grid");
            check(
                &grid,
                (halo, min_rows),
                threads,
                &[1, halo as u64, 2 * halo as u64 + 1, 17],
            );
        }
    }

    #[test]
    fn a_glider_crosses_every_seam() {
        // A glider travels down and right across stretches and their halos
        // for longer than it takes to cross the torus.
        let mut grid = Grid::new(48, 48).expect("grid");
        for (y, x) in [(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)] {
            grid.assign(y, x, State::ALIVE);
        }
        check(&grid, (4, 12), 4, &[4, 50, 200]);
    }

    #[test]
    fn short_grids_are_one_stretch() {
        let grid = soup::soup(30, 100, 1).expect("grid");
        check(&grid, (4, 16), 4, &[5, 9]);
    }
}
