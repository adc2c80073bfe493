//! A packed torus with its tiles' flags: all the state of one stretch of
//! the compiled engine, loaded from a grid, stepped generation by
//! generation with the tile loop of [`tiles`](super::tiles) (through the
//! vector-unit dispatch of [`simd`]), and stored back.

use std::ops::Range;

use super::kernel::{Changes, Kernel, Span};
use super::packed::{Packing, copy_wrapped_rows, mask, pack, unpack};
use super::simd::{self, Vectors};
use super::tiles::{ANY, Frame, Next, TILE_ROWS, TileShape, scratch_len, shifted_down, shifted_up};
use crate::engine::Threads;
use crate::{Grid, State};

/// Opens a gap of `by` items (their values unspecified) before item `at`
/// of `items`, taking no more memory than that.
fn open_gap<T: Copy + Default>(items: &mut Vec<T>, at: usize, by: usize) {
    let len = items.len();
    items.reserve_exact(by);
    items.resize(len + by, T::default());
    items.copy_within(at..len, at + by);
}

/// Removes items `at..at + by` of `items`, keeping room for as many
/// again and giving back any more than that. Balancing the stretches
/// often moves a boundary by a tile row and back: the rows come back
/// without a new allocation (and its copy of the whole torus), and a
/// stretch holds at most one move's rows more than it needs.
fn close_gap<T: Copy>(items: &mut Vec<T>, at: usize, by: usize) {
    items.copy_within(at + by.., at);
    items.truncate(items.len() - by);
    items.shrink_to(items.len() + by);
}

/// How generations are stepped.
pub(crate) struct Exec<'a> {
    /// Where the stretches run.
    pub threads: &'a Threads,
    /// Whether unchanged tiles are skipped.
    pub skip: bool,
    /// The vector instructions, which the CPU has.
    pub vectors: Vectors,
}

/// A packed torus, stepped in place, with its tiles' flags: all the state of
/// one stretch of the compiled engine, a bit a cell, a tile row of scratch
/// and a few bits a tile. It is stepped on the thread that holds it.
pub(crate) struct Packed {
    shape: Packing,
    tiles: TileShape,
    cells: Vec<u64>,
    /// The kernels' scratch for a tile row, and two slots for the last
    /// rows of tile rows as they were.
    scratch: Vec<u64>,
    flags: Vec<u64>,
    next_flags: Vec<u64>,
    /// For each tile, the rows where it changed.
    spans: Vec<Span>,
    next_spans: Vec<Span>,
    /// Three rows of zeroed words where the kernels gather changes, and a
    /// tile row's bitmap of tiles to step…
    changes: Vec<u64>,
    /// …and a row of spans for the kernels to report in.
    change_spans: Vec<Span>,
    /// The words the last generation stepped (a word of a row counting
    /// once).
    work: usize,
    /// Which tile rows changed in the last generation, a bit each…
    changed_rows: Vec<u64>,
    /// …and which to visit in this one.
    visit: Vec<u64>,
}

impl Packed {
    /// An empty torus, sized by the first [`load`](Packed::load).
    pub(crate) fn new() -> Packed {
        let shape = Packing::new(1, 1);
        Packed {
            shape,
            tiles: TileShape::new(&shape),
            cells: Vec::new(),
            scratch: Vec::new(),
            flags: Vec::new(),
            next_flags: Vec::new(),
            spans: Vec::new(),
            next_spans: Vec::new(),
            changes: Vec::new(),
            change_spans: Vec::new(),
            work: 0,
            changed_rows: Vec::new(),
            visit: Vec::new(),
        }
    }

    /// Packs `rows` rows of `grid`, from row `first` on and around past
    /// its last row, as a torus of their own, marking every tile changed so
    /// that the first generation steps them all. Returns `false` if a cell
    /// holds a state other than empty or alive, which no compiled rule
    /// knows.
    pub(crate) fn load(&mut self, grid: &Grid, first: usize, rows: usize) -> bool {
        let shape = Packing::new(rows, grid.cols());
        if shape != self.shape || self.cells.len() != shape.len() {
            let tiles = TileShape::new(&shape);
            self.shape = shape;
            self.tiles = tiles;
            self.cells = vec![0; shape.len()];
            self.scratch = vec![0; scratch_len(&shape)];
            self.flags = vec![0; tiles.rows * tiles.row_len()];
            self.next_flags = vec![0; tiles.rows * tiles.row_len()];
            self.spans = vec![Span::default(); tiles.rows * tiles.cols];
            self.next_spans = vec![Span::default(); tiles.rows * tiles.cols];
            self.changes = vec![0; 3 * shape.words + tiles.words];
            self.change_spans = vec![Span::default(); shape.words];
        }
        self.mark_changed(0..self.tiles.rows);
        self.work = shape.len();
        pack(grid, first, &mut self.cells, &shape)
    }

    /// Writes the current generation's rows from row `from` on into
    /// `rows`, whole rows of the grid loaded, as many as it holds.
    pub(crate) fn store(&self, from: usize, rows: &mut [State]) {
        unpack(&self.cells, &self.shape, from, rows);
    }

    /// The words the last generation stepped, a word of a row counting
    /// once: what the next is likely to step.
    pub(crate) fn work(&self) -> usize {
        self.work
    }

    /// Overwrites rows `at..at + count` of the current generation with rows
    /// `from..from + count` of `source`'s, a torus as wide, and marks the
    /// tiles of those rows as changed in every way, so that the next
    /// generation steps them and the tiles around them whatever they held
    /// (after [`run_trimmed`](Packed::run_trimmed), their flags are not to
    /// be trusted).
    pub(crate) fn refresh_rows(&mut self, at: usize, source: &Packed, from: usize, count: usize) {
        self.copy_cells(at, source, from, count);
        self.mark_changed(at / TILE_ROWS..(at + count).div_ceil(TILE_ROWS));
    }

    /// Overwrites rows `at..at + count` with rows `from..from + count` of
    /// `source`, a torus as wide, whole tile rows of both, as they stand:
    /// their cells and their tiles' flags and spans. Where the
    /// source's rows are stepped exactly as the whole torus's would be,
    /// skipping tiles goes on for the copies as it would for them, with
    /// nothing marked.
    pub(crate) fn copy_tile_rows(&mut self, at: usize, source: &Packed, from: usize, count: usize) {
        debug_assert!(self.aligned(at, count) && source.aligned(from, count));
        self.copy_cells(at, source, from, count);
        let (mine, theirs, tile_rows) = (at / TILE_ROWS, from / TILE_ROWS, count / TILE_ROWS);
        let row_len = self.tiles.row_len();
        self.flags[mine * row_len..(mine + tile_rows) * row_len]
            .copy_from_slice(&source.flags[theirs * row_len..(theirs + tile_rows) * row_len]);
        let cols = self.tiles.cols;
        self.spans[mine * cols..(mine + tile_rows) * cols]
            .copy_from_slice(&source.spans[theirs * cols..(theirs + tile_rows) * cols]);
    }

    /// Overwrites rows `at..at + count` with rows `from..from + count` of
    /// `source`, a torus as wide, and renews the copies of the first and
    /// last rows if those are among them.
    fn copy_cells(&mut self, at: usize, source: &Packed, from: usize, count: usize) {
        debug_assert_eq!(self.shape.words, source.shape.words);
        let (mine, theirs, len) = (
            self.shape.slot(at),
            source.shape.slot(from),
            count * self.shape.stride,
        );
        self.cells[mine..mine + len].copy_from_slice(&source.cells[theirs..theirs + len]);
        if at == 0 || at + count == self.shape.rows {
            copy_wrapped_rows(&mut self.cells, &self.shape);
        }
    }

    /// Whether rows `at..at + count` are whole tile rows of the torus.
    pub(crate) fn aligned(&self, at: usize, count: usize) -> bool {
        at.is_multiple_of(TILE_ROWS)
            && count.is_multiple_of(TILE_ROWS)
            && at + count <= self.shape.rows
    }

    /// The rows of the torus.
    #[cfg(test)]
    pub(crate) fn rows(&self) -> usize {
        self.shape.rows
    }

    /// Inserts `count` rows before row `at`, both whole tile rows, and
    /// marks their tiles changed; their cells are for the caller to write.
    /// The other rows keep their cells and their tiles' flags, so that
    /// skipping tiles goes on as before.
    pub(crate) fn insert_rows(&mut self, at: usize, count: usize) {
        debug_assert!(
            at.is_multiple_of(TILE_ROWS)
                && count.is_multiple_of(TILE_ROWS)
                && at <= self.shape.rows
        );
        let shape = Packing::new(self.shape.rows + count, self.shape.cols);
        let (slot, stride) = (self.shape.slot(at), shape.stride);
        let (r, tile_rows) = (at / TILE_ROWS, count / TILE_ROWS);
        let (row_len, cols) = (self.tiles.row_len(), self.tiles.cols);
        open_gap(&mut self.cells, slot, count * stride);
        for flags in [&mut self.flags, &mut self.next_flags] {
            open_gap(flags, r * row_len, tile_rows * row_len);
        }
        for spans in [&mut self.spans, &mut self.next_spans] {
            open_gap(spans, r * cols, tile_rows * cols);
        }
        self.reshape(shape);
        self.mark_changed(r..r + tile_rows);
    }

    /// Removes rows `at..at + count`, whole tile rows, and marks the tiles
    /// of the row that comes after them changed: the rows on either side
    /// meet. The other rows keep their cells and their tiles' flags.
    pub(crate) fn remove_rows(&mut self, at: usize, count: usize) {
        debug_assert!(at.is_multiple_of(TILE_ROWS) && count.is_multiple_of(TILE_ROWS));
        debug_assert!(at + count < self.shape.rows);
        let shape = Packing::new(self.shape.rows - count, self.shape.cols);
        let (slot, stride) = (self.shape.slot(at), shape.stride);
        let (r, tile_rows) = (at / TILE_ROWS, count / TILE_ROWS);
        let (row_len, cols) = (self.tiles.row_len(), self.tiles.cols);
        close_gap(&mut self.cells, slot, count * stride);
        for flags in [&mut self.flags, &mut self.next_flags] {
            close_gap(flags, r * row_len, tile_rows * row_len);
        }
        for spans in [&mut self.spans, &mut self.next_spans] {
            close_gap(spans, r * cols, tile_rows * cols);
        }
        self.reshape(shape);
        self.mark_changed(r..r + 1);
    }

    /// Takes `shape`, of as many columns, for the torus's own.
    fn reshape(&mut self, shape: Packing) {
        self.shape = shape;
        self.tiles = TileShape::new(&shape);
        if self.scratch.len() != scratch_len(&shape) {
            self.scratch = vec![0; scratch_len(&shape)];
        }
        debug_assert_eq!(self.cells.len(), shape.len());
        debug_assert_eq!(self.flags.len(), self.tiles.rows * self.tiles.row_len());
    }

    /// Marks every tile of the tile rows `rows` as changed in every way, in
    /// all of its rows.
    fn mark_changed(&mut self, rows: Range<usize>) {
        let tiles = self.tiles;
        let flags = &mut self.flags[rows.start * tiles.row_len()..rows.end * tiles.row_len()];
        for (i, word) in flags.iter_mut().enumerate() {
            *word = tiles.valid(i % tiles.words);
        }
        self.spans[rows.start * tiles.cols..rows.end * tiles.cols]
            .fill(Span::new(0, TILE_ROWS - 1));
    }

    /// Steps `generations` generations with `kernel`, skipping tiles and
    /// using vectors as `exec` says, on the calling thread.
    pub(crate) fn run<K: Kernel>(&mut self, kernel: &K, exec: &Exec<'_>, generations: u64) {
        for _ in 0..generations {
            self.step(kernel, exec, 0..self.shape.rows);
        }
    }

    /// Steps `generations` generations as [`run`](Packed::run) does, but
    /// only the rows that the middle rows (all but the first and last
    /// `margin + generations`) depend on: the `g`th steps rows
    /// `margin + g..rows - margin - g`. On a stretch's torus the rows left
    /// out are halo rows that its own rows do not need. Their tiles are
    /// unfit for skipping until they are overwritten
    /// ([`copy_tile_rows`](Packed::copy_tile_rows)) or marked changed
    /// ([`refresh_rows`](Packed::refresh_rows)). Returns the rows of all
    /// the windows.
    pub(crate) fn run_trimmed<K: Kernel>(
        &mut self,
        kernel: &K,
        exec: &Exec<'_>,
        generations: u64,
        margin: usize,
    ) -> usize {
        let rows = self.shape.rows;
        debug_assert!(2 * (generations as usize + margin) < rows);
        let mut stepped = 0;
        for g in margin + 1..=margin + generations as usize {
            self.step(kernel, exec, g..rows - g);
            stepped += rows - 2 * g;
        }
        stepped
    }

    /// Steps one generation of the rows `window` with `kernel`.
    fn step<K: Kernel>(&mut self, kernel: &K, exec: &Exec<'_>, window: Range<usize>) {
        let shape = self.shape;
        self.find_rows_to_visit(exec.skip);
        let frame = Frame {
            shape,
            tiles: self.tiles,
            flags: &self.flags,
            visit: &self.visit,
            spans: &self.spans,
            skip: exec.skip,
            window,
        };
        let (changes, active) = self.changes.split_at_mut(3 * shape.words);
        let next = Next {
            cells: &mut self.cells,
            scratch: &mut self.scratch,
            flags: &mut self.next_flags,
            spans: &mut self.next_spans,
            changes: Changes::new(changes, &mut self.change_spans),
            active,
            work: &mut self.work,
        };
        simd::generation(exec.vectors, kernel, &frame, next);
        copy_wrapped_rows(&mut self.cells, &shape);
        std::mem::swap(&mut self.flags, &mut self.next_flags);
        std::mem::swap(&mut self.spans, &mut self.next_spans);
    }

    /// Marks the tile rows to visit this generation: with skipping, those
    /// next to or holding a tile that changed; otherwise all.
    fn find_rows_to_visit(&mut self, skip: bool) {
        let rows = self.tiles.rows;
        let (words, tail) = (rows.div_ceil(64), ((rows - 1) % 64 + 1) as u32);
        let valid = |m: usize| if m + 1 == words { mask(tail) } else { u64::MAX };
        self.visit.clear();
        if !skip {
            self.visit.extend((0..words).map(valid));
            return;
        }
        self.changed_rows.clear();
        self.changed_rows.resize(words, 0);
        let row_len = self.tiles.row_len();
        let any = ANY * self.tiles.words..(ANY + 1) * self.tiles.words;
        for (r, flags) in self.flags.chunks_exact(row_len).enumerate() {
            if flags[any.clone()].iter().any(|&w| w != 0) {
                self.changed_rows[r / 64] |= 1 << (r % 64);
            }
        }
        let changed = &self.changed_rows;
        let word = |m: usize| if m < words { changed[m] } else { 0 };
        for m in 0..words {
            let below = shifted_down(word(m), word(m + 1), word(0), m, (words, tail));
            let above = shifted_up(
                word(m),
                word(m.wrapping_sub(1)),
                word(words - 1),
                m,
                (words, tail),
            );
            self.visit.push((word(m) | below | above) & valid(m));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::compiled::kernel::{Adder, Conway};
    use crate::{Engine, Rule, Sequential};

    /// A grid with a block (a still life) whose top left cell is at each
    /// of `corners`.
    fn blocks(rows: usize, cols: usize, corners: &[(i32, i32)]) -> Grid {
        let mut grid = Grid::new(rows, cols).expect("grid");
        for &(y, x) in corners {
            for (dy, dx) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                grid.assign(y + dy, x + dx, State::ALIVE);
            }
        }
        grid
    }

    #[test]
    fn removing_rows_wakes_the_tiles_where_they_meet() {
        // Two blocks, in the last rows of the first tile row and the first
        // of the third, settle; without the second tile row they touch,
        // and four rows of two cells are not still.
        let exec = Exec {
            threads: &Threads::Caller,
            skip: true,
            vectors: Vectors::best(),
        };
        let grid = blocks(96, 64, &[(30, 10), (64, 10)]);
        let mut packed = Packed::new();
        assert!(packed.load(&grid, 0, 96));
        packed.run(&Adder(Conway), &exec, 2);
        packed.remove_rows(32, 32);
        assert_eq!(packed.rows(), 64);
        packed.run(&Adder(Conway), &exec, 3);
        let mut expected = blocks(64, 64, &[(30, 10), (32, 10)]);
        Sequential::new(Rule::LIFE).run(&mut expected, 3);
        let mut actual = Grid::new(64, 64).expect("grid");
        packed.store(0, actual.cells_mut());
        assert_eq!(actual, expected);
    }
}
