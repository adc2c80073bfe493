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
//! stepping the whole torus would give. The rows gone wrong need not be
//! stepped at all, nor those that cannot reach the own rows before the
//! block ends: a block of [`BLOCK`] generations steps only `BLOCK - 1`
//! halo rows at either end in its first generation, and one fewer in each
//! generation after ([`Packed::run_trimmed`]). The threads then meet, each
//! stretch's halo is refreshed from its neighbours' own rows (marking its
//! tiles changed, so that tile skipping steps them), and the next block
//! begins. The threads stay together for the whole run as a [`Team`],
//! waiting for each other awake, so that no block starts with a core to
//! wake.
//!
//! A run too short to be worth waking a team for (a generation at a time,
//! as the animation steps) steps the first stretch on the calling thread
//! and the others on [`Partner`] threads, and a block may span several such
//! runs: the halos are refreshed only once a block's generations are done.
//!
//! Against stepping the whole torus in bands that meet at every generation,
//! the threads meet `BLOCK` times less often, and each keeps its own rows
//! in its own core's cache; the price is stepping halo rows as well (on
//! average `BLOCK - 1` rows a generation a stretch, one or two percent of
//! a large grid), which is why a stretch has at least [`MIN_ROWS`] rows of
//! its own and a grid too short for two runs as one stretch on the calling
//! thread. Blocks shorter than the halo meet more often for fewer halo
//! rows; half a halo measured as fast as a quarter, and faster than a
//! whole one.
//!
//! A block ends when its slowest thread ends, and cores are not equally
//! fast: on a shared machine, the host runs one less than another for
//! stretches of time. Stretch `i` is stepped on thread `i`, which measures
//! its *pace* (time a row a generation); at each meeting the boundaries
//! between stretches move, by whole tile rows, towards where the threads
//! at their paces would end the next block together (see
//! [`Meeting::balance`]). A stretch that grows copies the rows it takes
//! from its neighbour; both keep the rest of their rows and the flags of
//! their tiles, so that skipping goes on undisturbed.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use rayon::prelude::*;

use super::kernel::Kernel;
use super::packed_torus::{Exec, Packed};
use super::partner::Partner;
use super::team::Team;
use super::tiles::TILE_ROWS;
use crate::engine::Threads;
use crate::{Grid, State};

/// Rows a stretch holds of each neighbour, and so the most generations
/// that can be stepped between two meetings of the threads: one tile row.
const HALO: usize = TILE_ROWS;

/// Generations stepped between two meetings: half a halo, so that each
/// generation steps on average a quarter of the halo's rows more than the
/// stretch's own at either end, not half.
const BLOCK: usize = HALO / 2;

/// Fewest rows of its own a stretch has: the halo adds at most a quarter
/// to its work.
const MIN_ROWS: usize = 8 * HALO;

/// When the last generation of all the stretches together stepped fewer
/// words than this (of a row each; about half a microsecond of work on
/// one thread), the next generations run on the calling thread, one
/// stretch after another: handing them to other threads would cost more
/// than it saves. 2¹⁰ ran soups of 512² and 1024² cells and the Gosper gun
/// on a 4096² torus fastest on two threads.
const PARALLEL_WORDS: usize = 1 << 10;

/// A team of threads is started for a run only if it has at least this
/// many generations of [`PARALLEL_WORDS`] to step (2²⁰ words). A team
/// balances the stretches by their threads' paces, which pays on long
/// runs, but waking the pool's threads for it takes tens of microseconds;
/// a shorter run (a generation at a time, as the animation's) hands the
/// stretches but the first to [`Partner`]s instead.
const TEAM_GENERATIONS: u64 = 1024;

/// Tile rows a boundary between stretches moves at most, at a meeting.
const MAX_MOVE: isize = 4;

/// One stretch: its own rows of the grid and the torus it steps them in,
/// halo included.
struct Stretch {
    /// The grid row of its first own row.
    first: usize,
    /// How many rows it owns.
    rows: usize,
    packed: Packed,
    /// How long its thread takes to step a row a generation, in
    /// nanoseconds, averaged over the last blocks of generations; 0
    /// before the first.
    pace: f64,
}

impl Stretch {
    /// Steps `generations` generations, at most `halo`, leaving out the
    /// rows of its `halo` that do not matter to its own rows, and measures
    /// the pace of it.
    fn step<K: Kernel>(&mut self, kernel: &K, exec: &Exec<'_>, generations: u64, halo: usize) {
        let start = Instant::now();
        let margin = halo - generations as usize;
        let rows = self.packed.run_trimmed(kernel, exec, generations, margin);
        let pace = start.elapsed().as_nanos() as f64 / rows.max(1) as f64;
        // A quarter of the way from the last pace to this one: a core
        // that slows down for a block or two (a shared machine's host
        // busy elsewhere) moves no boundary, one that stays slower does.
        self.pace = if self.pace > 0.0 {
            self.pace + (pace - self.pace) / 4.0
        } else {
            pace
        };
    }
}

/// A grid cut into stretches of rows, one per thread (or one in all).
pub(crate) struct Stretches {
    stretches: Vec<Stretch>,
    /// What [`HALO`], [`MIN_ROWS`] and [`BLOCK`] are, but in tests.
    geometry: (usize, usize, usize),
    /// What [`PARALLEL_WORDS`] is, but in tests.
    parallel_words: usize,
    /// The work a run must have for a team: [`PARALLEL_WORDS`] times
    /// [`TEAM_GENERATIONS`], but in tests.
    team_words: u64,
    /// Generations stepped since the halos were last refreshed, up to a
    /// block's: runs of a generation or a few (as the animation's) go on
    /// with the block that an earlier run began, and refresh the halos
    /// only once it is done.
    age: usize,
    /// Threads for the stretches but the first in runs too short for a
    /// team, started when first needed.
    partners: Vec<Partner<Stretch>>,
}

impl Stretches {
    /// No stretches yet: [`load`](Stretches::load) cuts them.
    pub(crate) fn new() -> Stretches {
        Stretches::with_geometry(HALO, MIN_ROWS, BLOCK)
    }

    /// Stretches of at least `min_rows` own rows (at least `halo`), with
    /// halos of `halo` rows, stepped `block` generations (at most `halo`)
    /// between meetings.
    fn with_geometry(halo: usize, min_rows: usize, block: usize) -> Stretches {
        debug_assert!(halo >= 1 && min_rows >= halo && (1..=halo).contains(&block));
        Stretches {
            stretches: Vec::new(),
            geometry: (halo, min_rows, block),
            parallel_words: PARALLEL_WORDS,
            team_words: PARALLEL_WORDS as u64 * TEAM_GENERATIONS,
            age: 0,
            partners: Vec::new(),
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
        self.age = 0;
        let rows = grid.rows();
        let count = (rows / self.geometry.1).clamp(1, threads.count());
        self.stretches.truncate(count);
        self.stretches.reserve_exact(count - self.stretches.len());
        while self.stretches.len() < count {
            self.stretches.push(Stretch {
                first: 0,
                rows: 0,
                packed: Packed::new(),
                pace: 0.0,
            });
        }
        // Equal stretches, but for the last, of whole tile rows when the
        // halo is, so that a boundary can move by whole tile rows.
        let halo = self.halo();
        let mut each = rows / count;
        if halo.is_multiple_of(TILE_ROWS) && each >= TILE_ROWS {
            each -= each % TILE_ROWS;
        }
        for (i, stretch) in self.stretches.iter_mut().enumerate() {
            stretch.first = i * each;
            stretch.rows = if i + 1 == count {
                rows - i * each
            } else {
                each
            };
            stretch.pace = 0.0;
        }
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
    /// thread of `exec`, [`BLOCK`] generations at a time, refreshing the
    /// halos in between; or, while they step few words, one after another
    /// on the calling thread.
    pub(crate) fn run<K: Kernel + Copy + Send + 'static>(
        &mut self,
        kernel: &K,
        exec: &Exec<'_>,
        generations: u64,
    ) {
        if let [stretch] = self.stretches.as_mut_slice() {
            return stretch.packed.run(kernel, exec, generations);
        }
        let (halo, block) = (self.halo(), self.geometry.2);
        let mut left = generations;
        while left > 0 {
            let work = self.work();
            let worth = (work as u64).saturating_mul(left) >= self.team_words;
            if work >= self.parallel_words && worth {
                if self.age > 0 {
                    self.meeting().refresh_halos();
                }
                left = self.run_together(kernel, exec, left);
                // A team that stops with generations left has refreshed the
                // halos at its last meeting; one that ends the run has not.
                self.age = if left > 0 { 0 } else { block };
                continue;
            }
            if self.age == block {
                self.meeting().refresh_halos();
                self.age = 0;
            }
            // The rest of the block under way, which may have begun in an
            // earlier run: its generation `g` steps the rows from
            // `halo - block + g` on, as the team's blocks do.
            let now = left.min((block - self.age) as u64);
            let margin = halo - block + self.age;
            if work < self.parallel_words || !self.with_partners(kernel, exec, now, margin) {
                for stretch in &mut self.stretches {
                    stretch.packed.run_trimmed(kernel, exec, now, margin);
                }
            }
            self.age += now as usize;
            left -= now;
        }
    }

    /// Steps `generations` generations of every stretch as
    /// [`Packed::run_trimmed`] does with `margin`: the first on the calling
    /// thread, each other one on a [`Partner`]. `false`, with nothing
    /// stepped, if the partners cannot be started.
    fn with_partners<K: Kernel + Copy + Send + 'static>(
        &mut self,
        kernel: &K,
        exec: &Exec<'_>,
        generations: u64,
        margin: usize,
    ) -> bool {
        let others = self.stretches.len() - 1;
        while self.partners.len() < others {
            match Partner::new() {
                Ok(partner) => self.partners.push(partner),
                Err(_) => return false,
            }
        }
        let (kernel, skip, vectors) = (*kernel, exec.skip, exec.vectors);
        for (partner, mut stretch) in self.partners.iter().zip(self.stretches.drain(1..)) {
            partner.start(move || {
                let exec = Exec {
                    threads: &Threads::Caller,
                    skip,
                    vectors,
                };
                stretch
                    .packed
                    .run_trimmed(&kernel, &exec, generations, margin);
                stretch
            });
        }
        self.stretches[0]
            .packed
            .run_trimmed(&kernel, exec, generations, margin);
        for partner in &self.partners[..others] {
            self.stretches.push(partner.finish());
        }
        true
    }

    /// The words the stretches' last generation stepped.
    fn work(&self) -> usize {
        self.stretches.iter().map(|s| s.packed.work()).sum()
    }

    /// Steps blocks of [`BLOCK`] generations (fewer for the last) with every
    /// stretch on a thread of its own, stretch `i` on thread `i` so that
    /// its pace is its thread's, until `left` generations are done or the
    /// stretches step too few words to share. The threads stay together
    /// for the whole run, as a [`Team`]; the last to end a block balances
    /// the stretches and refreshes their halos. Returns the generations
    /// still left.
    fn run_together<K: Kernel>(&mut self, kernel: &K, exec: &Exec<'_>, left: u64) -> u64 {
        let (halo, min_rows, block) = (self.halo(), self.geometry.1, self.geometry.2);
        let (count, parallel_words) = (self.stretches.len(), self.parallel_words);
        let stretches: Vec<Mutex<&mut Stretch>> =
            self.stretches.iter_mut().map(Mutex::new).collect();
        let left = AtomicU64::new(left);
        // The generations of the block under way; none once the team stops.
        let now = AtomicU64::new(left.load(Ordering::Relaxed).min(block as u64));
        // What the last member to end a block does while the others wait.
        let meet = || {
            let mut held: Vec<_> = stretches.iter().map(lock).collect();
            let mut meeting = Meeting {
                stretches: held.iter_mut().map(|s| &mut ***s).collect(),
                halo,
                min_rows,
                block,
            };
            let done = now.load(Ordering::Relaxed);
            let left = left.fetch_sub(done, Ordering::Relaxed) - done;
            if left > 0 {
                meeting.balance();
                meeting.refresh_halos();
            }
            let work: usize = meeting.stretches.iter().map(|s| s.packed.work()).sum();
            let next = if work >= parallel_words { left } else { 0 };
            now.store(next.min(block as u64), Ordering::Relaxed);
        };
        exec.threads.install(|| {
            // As many members as threads, each stepping every so-many-th
            // stretch: one each, unless the engine's threads are a pool it
            // is called from inside that has fewer than when it loaded.
            let members = rayon::current_num_threads().min(count);
            let team = Team::new(members);
            rayon::broadcast(|thread| {
                let first = thread.index();
                if first >= members {
                    return;
                }
                let _member = team.join();
                loop {
                    let generations = now.load(Ordering::Relaxed);
                    for stretch in stretches[first..].iter().step_by(members) {
                        lock(stretch).step(kernel, exec, generations, halo);
                    }
                    if !team.meet(meet) || now.load(Ordering::Relaxed) == 0 {
                        break;
                    }
                }
            });
        });
        left.into_inner()
    }

    /// The stretches as they stand between blocks.
    fn meeting(&mut self) -> Meeting<'_> {
        Meeting {
            halo: self.halo(),
            min_rows: self.geometry.1,
            block: self.geometry.2,
            stretches: self.stretches.iter_mut().collect(),
        }
    }
}

/// Locks a stretch for its thread, or for its team's last member at a
/// meeting, whatever a panicking member left it as (the run then panics
/// anyway).
fn lock<'m, 's>(stretch: &'m Mutex<&'s mut Stretch>) -> MutexGuard<'m, &'s mut Stretch> {
    stretch.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The stretches between blocks of generations, when their boundaries
/// move and their halos are refreshed.
struct Meeting<'s> {
    stretches: Vec<&'s mut Stretch>,
    halo: usize,
    /// What [`MIN_ROWS`] is, but in tests.
    min_rows: usize,
    /// What [`BLOCK`] is, but in tests.
    block: usize,
}

impl Meeting<'_> {
    /// Moves the boundaries between the stretches towards where their
    /// threads, at the paces measured, would end a block together: by
    /// whole tile rows, at most [`MAX_MOVE`] of them a meeting, and only
    /// when a boundary is a whole tile row or more from there.
    fn balance(&mut self) {
        let (halo, count) = (self.halo, self.stretches.len());
        let movable = halo.is_multiple_of(TILE_ROWS)
            && self.stretches[..count - 1]
                .iter()
                .all(|s| s.rows.is_multiple_of(TILE_ROWS));
        if !movable || self.stretches.iter().any(|s| s.pace <= 0.0) {
            return;
        }
        // A generation of a block of `b` steps a stretch's own rows and,
        // on average, (b - 1) / 2 of its halo's rows at either end: a
        // block takes its pace times its rows and `b - 1` more, the same
        // for every stretch when those are in proportion to its speed.
        let extra = self.block - 1;
        let rows: usize = self.stretches.iter().map(|s| s.rows).sum();
        let speed: f64 = self.stretches.iter().map(|s| 1.0 / s.pace).sum();
        let share = (rows + count * extra) as f64 / speed;
        let fewest = (self.min_rows / 2).max(halo);
        let mut boundary = 0.0;
        for i in 1..count {
            boundary += share / self.stretches[i - 1].pace - extra as f64;
            let off = (boundary - self.stretches[i].first as f64) / TILE_ROWS as f64;
            let tiles = (off.trunc() as isize).clamp(-MAX_MOVE, MAX_MOVE);
            let by = tiles * TILE_ROWS as isize;
            let (above, below) = (&self.stretches[i - 1], &self.stretches[i]);
            if by != 0
                && above
                    .rows
                    .checked_add_signed(by)
                    .is_some_and(|r| r >= fewest)
                && below
                    .rows
                    .checked_add_signed(-by)
                    .is_some_and(|r| r >= fewest)
            {
                self.move_boundary(i, by);
            }
        }
    }

    /// Moves the first row of stretch `i`, and so the end of stretch
    /// `i - 1`, down by `by` rows (up if negative), whole tile rows: the
    /// stretch that grows copies them from the other's own rows, and the
    /// other gives them up. Both keep the rest of their rows as they were,
    /// tile flags included; the halos are left to refresh.
    fn move_boundary(&mut self, i: usize, by: isize) {
        let halo = self.halo;
        let (before, after) = self.stretches.split_at_mut(i);
        let (above, below) = (&mut *before[i - 1], &mut *after[0]);
        let count = by.unsigned_abs();
        debug_assert!(count.is_multiple_of(TILE_ROWS));
        debug_assert!(if by > 0 { below.rows } else { above.rows } >= count + halo);
        if by > 0 {
            let at = halo + above.rows;
            above.packed.insert_rows(at, count);
            copy_rows(&mut above.packed, at, &below.packed, halo, count);
            below.packed.remove_rows(halo, count);
            above.rows += count;
            below.rows -= count;
            below.first += count;
        } else {
            let from = halo + above.rows - count;
            below.packed.insert_rows(halo, count);
            copy_rows(&mut below.packed, halo, &above.packed, from, count);
            above.packed.remove_rows(from, count);
            above.rows -= count;
            below.rows += count;
            below.first -= count;
        }
    }

    /// Copies into each stretch's halo its neighbours' own rows: the last
    /// of the stretch above (around the torus) and the first of the one
    /// below.
    fn refresh_halos(&mut self) {
        let (halo, count) = (self.halo, self.stretches.len());
        for i in 0..count {
            let mut packed = std::mem::replace(&mut self.stretches[i].packed, Packed::new());
            let rows = self.stretches[i].rows;
            let above = &*self.stretches[(i + count - 1) % count];
            let below = &*self.stretches[(i + 1) % count];
            copy_rows(&mut packed, 0, &above.packed, above.rows, halo);
            copy_rows(&mut packed, halo + rows, &below.packed, halo, halo);
            self.stretches[i].packed = packed;
        }
    }
}

/// Overwrites rows `at..at + count` of `packed` with rows `from..from +
/// count` of `source`'s own rows: whole tile rows with their flags where
/// both are, so that skipping tiles goes on as before; otherwise the cells,
/// their tiles marked changed.
fn copy_rows(packed: &mut Packed, at: usize, source: &Packed, from: usize, count: usize) {
    if packed.aligned(at, count) && source.aligned(from, count) {
        packed.copy_tile_rows(at, source, from, count);
    } else {
        packed.refresh_rows(at, source, from, count);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::compiled::kernel::{Adder, Conway, Lookup};
    use crate::engine::compiled::{RuleTable, Vectors};
    use crate::{Engine, Rule, Sequential, soup};

    /// How the stretches are stepped, whatever the work: on their threads
    /// together, on the calling thread and partners, or one after another
    /// on the calling thread.
    #[derive(Clone, Copy, PartialEq, Debug)]
    enum Way {
        Team,
        Partners,
        Caller,
    }

    /// Whether to skip tiles, and how to step: every way of running them.
    const WAYS: [(bool, Way); 6] = [
        (true, Way::Team),
        (true, Way::Partners),
        (true, Way::Caller),
        (false, Way::Team),
        (false, Way::Partners),
        (false, Way::Caller),
    ];

    /// Stretches of the given geometry, stepped the `way` given.
    fn stretches((halo, min_rows, block): (usize, usize, usize), way: Way) -> Stretches {
        let mut stretches = Stretches::with_geometry(halo, min_rows, block);
        (stretches.parallel_words, stretches.team_words) = match way {
            Way::Team => (0, 0),
            Way::Partners => (0, u64::MAX),
            Way::Caller => (usize::MAX, u64::MAX),
        };
        stretches
    }

    /// Runs `grid` for each of `runs` (generations) in stretches of the
    /// given geometry on `threads`, checking it against the sequential
    /// interpreter after each run.
    fn check(grid: &Grid, geometry: (usize, usize, usize), threads: usize, runs: &[u64]) {
        let (halo, min_rows, block) = geometry;
        let pool = Threads::exactly(threads, "stretches-test").expect("pool");
        let table = RuleTable::probe(&Rule::LIFE).expect("Life compiles");
        let lookup = Lookup {
            table: *table.bits(),
        };
        for (skip, way) in WAYS {
            let exec = Exec {
                threads: &pool,
                skip,
                vectors: Vectors::best(),
            };
            let mut stretches = stretches(geometry, way);
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
                    "{}x{} in stretches of {min_rows}+ rows, halo {halo}, blocks of {block}, \
                     on {threads} threads (skip {skip}, {way:?}): run {k} of \
                     {generations} generations",
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
        // blocks of a whole halo's generations and of fewer, down to one;
        // runs shorter and longer than a block and not a multiple of it.
        for (rows, cols, halo, min_rows, block, threads) in [
            (12, 70, 1, 1, 1, 2),
            (12, 70, 3, 3, 3, 4),
            (12, 70, 3, 3, 1, 4),
            (13, 64, 2, 4, 2, 3),
            (40, 130, 5, 20, 5, 2),
            (40, 130, 5, 20, 2, 2),
            (100, 65, 7, 9, 7, 4),
            (100, 65, 7, 9, 4, 4),
            (90, 200, 33, 40, 33, 2),
            (90, 200, 33, 40, 16, 2),
            (70, 3, 35, 35, 35, 2),
            (70, 3, 35, 35, 17, 2),
        ] {
            let grid = soup::soup(rows, cols, (rows * cols) as u64).expect("grid");
            check(
                &grid,
                (halo, min_rows, block),
                threads,
                &[1, block as u64, 2 * block as u64 + 1, halo as u64 + 1, 17],
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
        check(&grid, (4, 12, 4), 4, &[4, 50, 200]);
        check(&grid, (4, 12, 2), 4, &[4, 50, 200]);
    }

    #[test]
    fn runs_of_a_generation_or_a_few_go_on_with_the_block_under_way() {
        // Loaded once and run in pieces, some shorter than a block and some
        // across one, switching between the ways of stepping as the
        // animation's steps and a long run would.
        let grid = soup::soup(90, 130, 90).expect("grid");
        let pool = Threads::exactly(3, "stretches-test").expect("pool");
        let exec = Exec {
            threads: &pool,
            skip: true,
            vectors: Vectors::best(),
        };
        let mut stretches = stretches((8, 16, 4), Way::Caller);
        assert!(stretches.load(&grid, &pool));
        assert_eq!(stretches.count(), 3);
        let mut expected = grid.clone();
        let mut done = 0;
        for (k, &(generations, way)) in [
            (1, Way::Partners),
            (1, Way::Partners),
            (1, Way::Caller),
            (3, Way::Partners),
            (2, Way::Team),
            (1, Way::Partners),
            (7, Way::Caller),
            (1, Way::Team),
            (1, Way::Partners),
            (9, Way::Partners),
        ]
        .iter()
        .enumerate()
        {
            let ways = super::tests::stretches((8, 16, 4), way);
            (stretches.parallel_words, stretches.team_words) =
                (ways.parallel_words, ways.team_words);
            stretches.run(&Adder(Conway), &exec, generations);
            Sequential::new(Rule::LIFE).run(&mut expected, generations);
            done += generations;
            let mut actual = grid.clone();
            stretches.store(&mut actual, &pool);
            assert_eq!(
                actual, expected,
                "run {k} ({way:?}), {done} generations in all"
            );
        }
    }

    #[test]
    fn teams_started_inside_a_busy_pool_all_finish() {
        // Six runs at once on a pool of two threads, each run's stretches
        // on the pool it is called from: every team must form, whatever
        // the other runs' teams are doing, and each run end in its grid.
        let pool = Threads::exactly(2, "stretches-test").expect("pool");
        pool.install(|| {
            (0..6u64).into_par_iter().for_each(|seed| {
                let grid = soup::soup(96, 70, seed).expect("grid");
                let exec = Exec {
                    threads: &Threads::Global,
                    skip: true,
                    vectors: Vectors::best(),
                };
                let mut stretches = stretches((8, 16, 4), Way::Team);
                assert!(stretches.load(&grid, &Threads::Global));
                assert_eq!(stretches.count(), 2);
                stretches.run(&Adder(Conway), &exec, 100);
                let mut actual = grid.clone();
                stretches.store(&mut actual, &Threads::Global);
                let mut expected = grid;
                Sequential::new(Rule::LIFE).run(&mut expected, 100);
                assert_eq!(actual, expected, "soup {seed}");
            });
        });
    }

    #[test]
    fn short_grids_are_one_stretch() {
        let grid = soup::soup(30, 100, 1).expect("grid");
        check(&grid, (4, 16, 2), 4, &[5, 9]);
    }

    /// Runs `grid` in stretches of whole tile rows on `threads`, with a
    /// tile row of halo, for each of `runs` (generations), checking it
    /// against the sequential interpreter after each; then moves the
    /// boundaries as that run says (the stretch whose first row moves, and
    /// by how many rows) and refreshes the halos, as a meeting does. When
    /// the stretches run together, their threads have balanced them as
    /// well, by how fast each went: a move that would leave the stretch
    /// giving rows with less than a halo of its own is then left out.
    fn check_moves(grid: &Grid, threads: usize, runs: &[(u64, &[(usize, isize)])]) {
        let pool = Threads::exactly(threads, "stretches-test").expect("pool");
        for (skip, way) in WAYS {
            let exec = Exec {
                threads: &pool,
                skip,
                vectors: Vectors::best(),
            };
            let mut stretches = stretches((TILE_ROWS, 2 * TILE_ROWS, BLOCK), way);
            assert!(stretches.load(grid, &pool));
            assert_eq!(stretches.count(), threads);
            let mut expected = grid.clone();
            let mut actual = grid.clone();
            for (k, &(generations, moves)) in runs.iter().enumerate() {
                Sequential::new(Rule::LIFE).run(&mut expected, generations);
                stretches.run(&Adder(Conway), &exec, generations);
                stretches.store(&mut actual, &pool);
                assert_eq!(
                    actual,
                    expected,
                    "{}x{} on {threads} threads (skip {skip}, {way:?}): run {k} of \
                     {generations} generations",
                    grid.rows(),
                    grid.cols()
                );
                for &(i, by) in moves {
                    let giver = if by > 0 { i } else { i - 1 };
                    let rows = stretches.stretches[giver].rows;
                    if rows >= by.unsigned_abs() + TILE_ROWS {
                        stretches.meeting().move_boundary(i, by);
                    } else {
                        assert_eq!(way, Way::Team, "run {k} moves {by} rows from {rows}");
                    }
                }
                stretches.meeting().refresh_halos();
                let mut first = 0;
                for stretch in &stretches.stretches {
                    assert_eq!(stretch.first, first);
                    assert_eq!(stretch.packed.rows(), stretch.rows + 2 * TILE_ROWS);
                    first += stretch.rows;
                }
                assert_eq!(first, grid.rows());
            }
        }
    }

    #[test]
    fn boundaries_move_between_runs() {
        // Three stretches of 96, 96 and 108 rows; boundaries moving up and
        // down by one tile row and by several, one or both at a meeting,
        // down to stretches of a halo's rows.
        let grid = soup::soup(300, 70, 300).expect("grid");
        check_moves(
            &grid,
            3,
            &[
                (5, &[(1, 32)]),
                (40, &[(2, -32)]),
                (33, &[(1, -96), (2, 32)]),
                (1, &[(1, 64), (2, 64)]),
                (70, &[]),
                (32, &[(2, -96), (1, -32)]),
                (9, &[]),
            ],
        );
    }

    #[test]
    fn a_glider_crosses_moving_boundaries() {
        // A glider goes down across the boundaries while they move towards
        // it and away, so that skipping tiles meets rows moved with their
        // flags and rows copied.
        let mut grid = Grid::new(128, 64).expect("grid");
        for (y, x) in [(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)] {
            grid.assign(y + 40, x + 20, State::ALIVE);
        }
        let mut runs: Vec<(u64, &[(usize, isize)])> = Vec::new();
        for k in 0..24 {
            let moves: &[(usize, isize)] = match k % 4 {
                0 => &[(1, -32)],
                1 => &[(1, 64)],
                2 => &[(1, -64)],
                _ => &[(1, 32)],
            };
            runs.push((11 + k % 3, moves));
        }
        check_moves(&grid, 2, &runs);
    }

    #[test]
    fn balancing_gives_the_slower_thread_fewer_rows() {
        let pool = Threads::exactly(2, "stretches-test").expect("pool");
        let exec = Exec {
            threads: &pool,
            skip: true,
            vectors: Vectors::best(),
        };
        let grid = soup::soup(512, 100, 512).expect("grid");
        let mut stretches = Stretches::with_geometry(TILE_ROWS, 2 * TILE_ROWS, BLOCK);
        assert!(stretches.load(&grid, &pool));
        let firsts = |stretches: &Stretches| -> Vec<usize> {
            stretches.stretches.iter().map(|s| s.first).collect()
        };
        assert_eq!(firsts(&stretches), [0, 256]);
        // Nothing measured yet, or equal paces, or paces a little apart:
        // the boundary stays.
        for paces in [[0.0, 0.0], [1.0, 1.0], [1.0, 1.05]] {
            stretches.stretches[0].pace = paces[0];
            stretches.stretches[1].pace = paces[1];
            stretches.meeting().balance();
            assert_eq!(firsts(&stretches), [0, 256], "paces {paces:?}");
        }
        // The first stretch's thread takes twice as long a row: at balance
        // it has 165⅔ rows and the second 346⅓ (each with a block less a
        // row more, 180⅔ and 361⅓). The boundary goes the whole tile rows
        // towards there (two up), then stays.
        assert_eq!((MAX_MOVE, BLOCK), (4, 16));
        stretches.stretches[0].pace = 2.0;
        stretches.stretches[1].pace = 1.0;
        for first in [192, 192] {
            stretches.meeting().balance();
            assert_eq!(firsts(&stretches), [0, first]);
        }
        stretches.meeting().refresh_halos();
        let mut actual = Grid::new(512, 100).expect("grid");
        stretches.store(&mut actual, &pool);
        assert_eq!(actual, grid);
        // And back when the other thread goes four times slower, towards
        // 418.6: seven tile rows down, four at the first meeting (the most
        // a boundary moves at one), three at the next, then it stays.
        stretches.stretches[0].pace = 1.0;
        stretches.stretches[1].pace = 4.0;
        for first in [320, 416, 416] {
            stretches.meeting().balance();
            assert_eq!(firsts(&stretches), [0, first]);
        }
        stretches.meeting().refresh_halos();
        let mut expected = grid.clone();
        Sequential::new(Rule::LIFE).run(&mut expected, 45);
        stretches.run(&Adder(Conway), &exec, 45);
        stretches.store(&mut actual, &pool);
        assert_eq!(actual, expected);
    }
}
