//! Tiles, and the loop that steps a packed torus one generation.
//!
//! The torus is cut into tiles of [`TILE_ROWS`] rows by one word (64
//! columns). Stepping a tile records whether it changed, and whether its top
//! row, bottom row, leftmost column or rightmost column did. A tile whose
//! own cells and bordering cells all stayed the same in the last generation
//! has the same neighbourhood as one generation ago, so its next state is
//! its current state: it is skipped, and its words are left as they are.
//!
//! A tile also records the rows between which it changed, when a narrow run
//! of tiles was stepped (a sparse pattern); the next generation then steps
//! only the rows around those, and around what its neighbours pass to it,
//! instead of all of them.
//!
//! The torus holds one generation, and is stepped in place, a tile row at a
//! time from the top (see [`kernel`] for how a kernel writes
//! over the words it reads). The tile row below a stepped one needs that
//! one's last row as it was, so each tile row's last row is saved before it
//! is stepped, in one of two slots of scratch, and the next tile row reads
//! its row above from there. The first and last rows are read, across the
//! seam, from their copies, which are renewed after the generation. So the
//! memory is a bit a cell, a tile row of scratch and two rows, not a second
//! generation.
//!
//! The first generation after loading a grid steps every tile.

use super::kernel::{self, Changes, Kernel, QUAD, Span, Torus};
use super::packed::{Shape, copy_wrapped_rows, frame_row, mask, pack, unpack};
use super::simd::{self, Vectors};
use crate::engine::Threads;
use crate::{Grid, State};
use std::ops::Range;

/// Rows of a tile.
pub(crate) const TILE_ROWS: usize = 32;

/// The flags of a tile row, each a bitmap over its tiles: the tile changed…
const ANY: usize = 0;
/// …in its top row…
const TOP: usize = 1;
/// …in its bottom row…
const BOTTOM: usize = 2;
/// …in its leftmost column…
const LEFT: usize = 3;
/// …in its rightmost column.
const RIGHT: usize = 4;
/// How many flags a tile has.
const FLAGS: usize = 5;

/// Inactive tiles between two active ones that are stepped anyway, so that
/// the kernels run over longer stretches of words.
const GAP: usize = 3;

/// The tiles of a [`Shape`] and the bitmaps of their flags.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct TileShape {
    /// Tile rows.
    rows: usize,
    /// Tiles across.
    cols: usize,
    /// Words of one flag's bitmap over a tile row.
    words: usize,
    /// Tiles in the last word of a bitmap, 1 to 64.
    tail: u32,
}

impl TileShape {
    fn new(shape: &Shape) -> TileShape {
        let cols = shape.words;
        TileShape {
            rows: shape.rows.div_ceil(TILE_ROWS),
            cols,
            words: cols.div_ceil(64),
            tail: ((cols - 1) % 64 + 1) as u32,
        }
    }

    /// Words of flags per tile row.
    fn row_len(&self) -> usize {
        FLAGS * self.words
    }

    /// The tiles of bitmap word `m` that exist.
    #[inline(always)]
    fn valid(&self, m: usize) -> u64 {
        if m + 1 == self.words {
            mask(self.tail)
        } else {
            u64::MAX
        }
    }
}

/// What the step reads of the current generation: its tiles' flags.
pub(crate) struct Frame<'a> {
    shape: Shape,
    tiles: TileShape,
    flags: &'a [u64],
    /// Bit `r % 64` of word `r / 64`: tile row `r` may have tiles to
    /// step, because it or a tile row next to it changed.
    visit: &'a [u64],
    /// For each tile that changed, the rows (of its tile row) where.
    spans: &'a [Span],
    skip: bool,
    /// The rows to step; the others are left as they are.
    window: Range<usize>,
}

/// What a generation writes: the cells, stepped in place, the flags of its
/// tile rows, the spans of its tiles, and scratch.
pub(crate) struct Next<'a> {
    /// The whole torus: its slots, frames and copied rows included.
    pub cells: &'a mut [u64],
    /// The kernels' scratch for a tile row (see
    /// [`kernel::scratch_len`]); then two slots, where the last rows of two
    /// tile rows are kept as they were before the step.
    pub scratch: &'a mut [u64],
    /// The flags of the tile rows.
    pub flags: &'a mut [u64],
    /// The spans of the rows where the tiles changed.
    pub spans: &'a mut [Span],
    /// Where the kernels gather changes, zeroed.
    pub changes: Changes<'a>,
    /// A tile row's bitmap of tiles to step.
    pub active: &'a mut [u64],
    /// Where to count the words stepped.
    pub work: &'a mut usize,
}

/// One tile row being stepped: its rows and the cells, the scratch slots
/// of the kernels, the row above it as it was (if it has been stepped),
/// its flags and its spans.
struct TileRow<'a> {
    rows: std::ops::Range<usize>,
    /// Whether the frames of its rows need renewing: a step of a row's
    /// first or last word may change them.
    reframe: bool,
    cells: &'a mut [u64],
    slots: &'a mut [u64],
    above: Option<&'a [u64]>,
    flags: &'a mut [u64],
    spans: &'a mut [Span],
}

impl Frame<'_> {
    /// Word `m` of flag `flag`'s bitmap in tile row `r`.
    #[inline(always)]
    fn flag(&self, r: usize, flag: usize, m: usize) -> u64 {
        self.flags[(r * FLAGS + flag) * self.tiles.words + m]
    }

    /// Word `m` of the bitmap of tiles of tile row `r` to step this
    /// generation: those that changed, and those next to a changed edge or
    /// corner of another (a corner counts as changed where both its edges
    /// did), around the torus.
    #[inline(always)]
    fn active(&self, r: usize, m: usize) -> u64 {
        let tiles = &self.tiles;
        if !self.skip {
            return tiles.valid(m);
        }
        let up = if r == 0 { tiles.rows - 1 } else { r - 1 };
        let down = if r + 1 == tiles.rows { 0 } else { r + 1 };
        let vertical = self.flag(r, ANY, m) | self.flag(up, BOTTOM, m) | self.flag(down, TOP, m);
        let from_right = shifted_down(
            self.passed(r, LEFT, m),
            self.passed(r, LEFT, m + 1),
            self.passed(r, LEFT, 0),
            m,
            (tiles.words, tiles.tail),
        );
        let from_left = shifted_up(
            self.passed(r, RIGHT, m),
            self.passed(r, RIGHT, m.wrapping_sub(1)),
            self.passed(r, RIGHT, tiles.words - 1),
            m,
            (tiles.words, tiles.tail),
        );
        (vertical | from_right | from_left) & tiles.valid(m)
    }

    /// Whether tile `t` of tile row `r` has flag `flag`.
    #[inline(always)]
    fn has(&self, r: usize, flag: usize, t: usize) -> bool {
        self.flag(r, flag, t / 64) >> (t % 64) & 1 == 1
    }

    /// The rows (of its `count`) of tile `t` of tile row `r` that may
    /// change this generation: around those where it changed, and where
    /// the tiles beside it changed next to it; the first row if the tile
    /// row above changed next to it, the last if the one below did.
    #[inline(always)]
    fn needed_rows(&self, r: usize, t: usize, count: usize) -> Option<Span> {
        let (rows, cols) = (self.tiles.rows, self.tiles.cols);
        let up = if r == 0 { rows - 1 } else { r - 1 };
        let down = if r + 1 == rows { 0 } else { r + 1 };
        let left = if t == 0 { cols - 1 } else { t - 1 };
        let right = if t + 1 == cols { 0 } else { t + 1 };
        let mut needed: Option<(usize, usize)> = None;
        let mut need = |first: usize, last: usize| {
            needed = Some(needed.map_or((first, last), |(a, b)| (a.min(first), b.max(last))));
        };
        let around = |t: usize| {
            let span = self.spans[r * cols + t];
            (span.first().saturating_sub(1), span.last() + 1)
        };
        for (changed, t) in [
            (self.has(r, ANY, t), t),
            (self.has(r, RIGHT, left), left),
            (self.has(r, LEFT, right), right),
        ] {
            if changed {
                let (first, last) = around(t);
                need(first, last);
            }
        }
        let corner = |r: usize, edge: usize| {
            self.has(r, edge, t)
                || self.has(r, edge, left) && self.has(r, RIGHT, left)
                || self.has(r, edge, right) && self.has(r, LEFT, right)
        };
        if corner(up, BOTTOM) {
            need(0, 0);
        }
        if corner(down, TOP) {
            need(count - 1, count - 1);
        }
        needed.map(|(first, last)| Span::new(first.min(count - 1), last.min(count - 1)))
    }

    /// Word `m` (0 if out of range) of what the tiles of tile row `r` pass
    /// to their neighbours on the `side` (`LEFT` or `RIGHT`): a change of
    /// their cells on that side, or of the corner cells on that side of the
    /// tile rows above and below (a corner counts as changed where both of
    /// its edges did).
    #[inline(always)]
    fn passed(&self, r: usize, side: usize, m: usize) -> u64 {
        let tiles = &self.tiles;
        if m >= tiles.words {
            return 0;
        }
        let up = if r == 0 { tiles.rows - 1 } else { r - 1 };
        let down = if r + 1 == tiles.rows { 0 } else { r + 1 };
        self.flag(r, side, m)
            | self.flag(up, BOTTOM, m) & self.flag(up, side, m)
            | self.flag(down, TOP, m) & self.flag(down, side, m)
    }
}

/// Word `m` of a bitmap of `words` words, `tail` bits in the last, whose
/// bit `t` is bit `t + 1` of another, around the torus, given that one's
/// words `m`, `m + 1` and 0.
#[inline(always)]
fn shifted_down(word: u64, next: u64, first: u64, m: usize, (words, tail): (usize, u32)) -> u64 {
    let carry = if m + 1 == words {
        (first & 1) << (tail - 1)
    } else {
        next << 63
    };
    word >> 1 | carry
}

/// Word `m` of a bitmap of `words` words, `tail` bits in the last, whose
/// bit `t` is bit `t - 1` of another, around the torus, given that one's
/// words `m`, `m - 1` and the last. Bits past the last are not meaningful.
#[inline(always)]
fn shifted_up(word: u64, previous: u64, last: u64, m: usize, (_, tail): (usize, u32)) -> u64 {
    let carry = if m == 0 {
        last >> (tail - 1) & 1
    } else {
        previous >> 63
    };
    word << 1 | carry
}

/// Steps the tile rows of `frame` to visit, in place in `next`'s cells,
/// and leaves its changes zeroed. The copies of the first and last rows
/// are left as they were, for the caller to renew.
#[inline(always)]
pub(crate) fn generation<K: Kernel>(kernel: &K, frame: &Frame<'_>, next: Next<'_>) {
    let (shape, tiles) = (&frame.shape, &frame.tiles);
    let Next {
        cells,
        scratch,
        flags,
        spans,
        mut changes,
        active,
        work,
    } = next;
    *work = 0;
    flags.fill(0);
    let (first_row, end_row) = (
        frame.window.start / TILE_ROWS,
        frame.window.end.div_ceil(TILE_ROWS),
    );
    let stride = shape.stride;
    let (slots, saved) = scratch.split_at_mut(scratch.len() - 2 * stride);
    let (even, odd) = saved.split_at_mut(stride);
    // The tile row stepped last: the last row of it as it was is in its
    // saved slot.
    let mut stepped: Option<usize> = None;
    let mut from = first_row;
    while let Some(r) = next_set(frame.visit, from, end_row) {
        from = r + 1;
        let rows = r * TILE_ROWS..((r + 1) * TILE_ROWS).min(shape.rows);
        let flags = &mut flags[r * tiles.row_len()..(r + 1) * tiles.row_len()];
        let spans = &mut spans[r * tiles.cols..(r + 1) * tiles.cols];
        let mut active_tiles = 0;
        for (m, active) in active.iter_mut().enumerate() {
            *active = frame.active(r, m);
            active_tiles += active.count_ones() as usize;
        }
        if active_tiles == 0 {
            continue;
        }
        // The tile row below reads this one's last row as it was.
        let (save, above) = if r % 2 == 0 {
            (&mut *even, &*odd)
        } else {
            (&mut *odd, &*even)
        };
        let last = shape.slot(rows.end - 1);
        save.copy_from_slice(&cells[last..last + stride]);
        let mut tile = TileRow {
            rows: rows.clone(),
            reframe: false,
            cells,
            slots,
            above: (r > 0 && stepped == Some(r - 1)).then_some(above),
            flags,
            spans,
        };
        let mut pending: Option<(usize, usize)> = None;
        for (m, &active) in active.iter().enumerate() {
            let mut active = active;
            while active != 0 {
                let start = active.trailing_zeros();
                let len = (!(active >> start)).trailing_zeros();
                active &= !(mask(len) << start);
                let run = (m * 64 + start as usize, m * 64 + (start + len) as usize);
                pending = match pending {
                    Some((from, to)) if run.0 - to <= GAP => Some((from, run.1)),
                    Some(done) => {
                        *work += step_tiles(kernel, frame, r, &mut tile, &mut changes, done);
                        Some(run)
                    }
                    None => Some(run),
                };
            }
        }
        if let Some(done) = pending {
            *work += step_tiles(kernel, frame, r, &mut tile, &mut changes, done);
        }
        if tile.reframe {
            let slots = &mut cells[shape.slot(rows.start)..shape.slot(rows.end)];
            for slot in slots.chunks_exact_mut(stride) {
                frame_row(slot, shape);
            }
        }
        stepped = Some(r);
    }
}

/// The first set bit of `bitmap` from `from` on, below `end`.
#[inline(always)]
fn next_set(bitmap: &[u64], from: usize, end: usize) -> Option<usize> {
    let mut at = from;
    while at < end {
        let word = bitmap[at / 64] >> (at % 64);
        if word != 0 {
            let found = at + word.trailing_zeros() as usize;
            return (found < end).then_some(found);
        }
        at = (at / 64 + 1) * 64;
    }
    None
}

/// Steps tiles `from..to` of `tile`, tile row `r`, and sets their flags:
/// the rows that may change, if the run is narrow; otherwise all. Returns
/// the number of words stepped (a word of a row counting once).
#[inline(always)]
fn step_tiles<K: Kernel>(
    kernel: &K,
    frame: &Frame<'_>,
    r: usize,
    tile: &mut TileRow<'_>,
    changes: &mut Changes<'_>,
    (from, to): (usize, usize),
) -> usize {
    let count = tile.rows.len();
    let mut walk = Span::new(0, count - 1);
    if frame.skip && to - from < QUAD {
        let mut needed: Option<Span> = None;
        for t in from..to {
            if let Some(span) = frame.needed_rows(r, t, count) {
                let joined = needed.map_or(span, |n| {
                    Span::new(n.first().min(span.first()), n.last().max(span.last()))
                });
                needed = Some(joined);
            }
        }
        if let Some(needed) = needed {
            walk = needed;
        }
    }
    // Only the rows of the window.
    let (start, end) = (tile.rows.start, tile.rows.end);
    let window = &frame.window;
    if window.start > start || window.end < end {
        let first = walk.first().max(window.start.saturating_sub(start));
        let last = walk.last().min(window.end.min(end) - 1 - start);
        if first > last {
            return 0;
        }
        walk = Span::new(first, last);
    }
    let rows = tile.rows.start + walk.first()..tile.rows.start + walk.last() + 1;
    let mut torus = Torus {
        shape: frame.shape,
        cells: tile.cells,
        scratch: tile.slots,
        above: tile.above.filter(|_| walk.first() == 0),
    };
    let stepped = kernel.rows(&mut torus, rows, from..to, changes);
    tile.reframe |= stepped.start == 0 || stepped.end == frame.shape.words;
    record(frame, tile, changes, (walk, count), (from, to));
    // Clear the changes, of the words stepped beside the run too.
    let Changes {
        first, all, last, ..
    } = changes;
    for changed in [first, all, last] {
        changed[stepped.clone()].fill(0);
    }
    stepped.len() * (walk.last() + 1 - walk.first())
}

/// Sets the flags and spans of tiles `from..to` from what changed in the
/// rows `walk` of the `count` of their tile row.
#[inline(always)]
fn record(
    frame: &Frame<'_>,
    tile: &mut TileRow<'_>,
    changes: &mut Changes<'_>,
    (walk, count): (Span, usize),
    (from, to): (usize, usize),
) {
    let (shape, tiles) = (&frame.shape, &frame.tiles);
    let words = shape.words;
    let Changes {
        first,
        all,
        last,
        spans,
    } = changes;
    // The first and last rows stepped are the tile row's top and bottom
    // rows only if the walk reached them; rows not stepped did not change.
    let (reaches_top, reaches_bottom) = (walk.first() == 0, walk.last() + 1 == count);
    // The flags of tiles from..to, a bitmap word at a time.
    let mut k = from;
    while k < to {
        let m = k / 64;
        let end = to.min((m + 1) * 64);
        // The last word of a row is done apart: only its cells count, and
        // its rightmost cell is its last.
        let full_end = if end == words { end - 1 } else { end };
        let mut bits = [0u64; FLAGS];
        for j in k..full_end {
            let changed = [first[j], all[j], last[j]];
            tile_flags(
                &mut bits,
                j % 64,
                changed,
                (reaches_top, reaches_bottom),
                63,
            );
        }
        if full_end < end {
            let (j, valid) = (end - 1, shape.tail_mask());
            let changed = [first[j] & valid, all[j] & valid, last[j] & valid];
            let right = shape.tail - 1;
            tile_flags(
                &mut bits,
                j % 64,
                changed,
                (reaches_top, reaches_bottom),
                right,
            );
        }
        for (flag, bits) in bits.into_iter().enumerate() {
            tile.flags[flag * tiles.words + m] |= bits;
        }
        k = end;
    }
    for (into, span) in tile.spans[from..to].iter_mut().zip(&spans[from..to]) {
        *into = Span::new(walk.first() + span.first(), walk.first() + span.last());
    }
}

/// Sets bit `bit` of each of a tile's `flags` from the changes of the first
/// row stepped, of all of them and of the last (which are its top and
/// bottom rows as `reaches` says), its rightmost cell being bit `right` of
/// its word.
#[inline(always)]
fn tile_flags(
    flags: &mut [u64; FLAGS],
    bit: usize,
    [first, all, last]: [u64; 3],
    reaches: (bool, bool),
    right: u32,
) {
    flags[ANY] |= u64::from(all != 0) << bit;
    flags[TOP] |= u64::from(reaches.0 && first != 0) << bit;
    flags[BOTTOM] |= u64::from(reaches.1 && last != 0) << bit;
    flags[LEFT] |= (all & 1) << bit;
    flags[RIGHT] |= (all >> right & 1) << bit;
}

/// The words of the scratch of a torus of `shape` (which may be shorter
/// than a tile row): what the kernels need for a tile row, and two slots.
fn scratch_len(shape: &Shape) -> usize {
    kernel::scratch_len(shape, TILE_ROWS.min(shape.rows)) + 2 * shape.stride
}

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
    shape: Shape,
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
        let shape = Shape::new(1, 1);
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
        let shape = Shape::new(rows, grid.cols());
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
        let shape = Shape::new(self.shape.rows + count, self.shape.cols);
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
        let shape = Shape::new(self.shape.rows - count, self.shape.cols);
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
    fn reshape(&mut self, shape: Shape) {
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
    /// only the rows that the torus's middle rows, all but the first and
    /// last `margin + generations`, depend on: the `g`th steps rows
    /// `margin + g..rows - margin - g` and leaves the others as they are.
    /// Had the torus's seam (where its last row meets its first) not been
    /// where it is, the rows left would have gone wrong anyway, or would
    /// not have mattered to the middle ones; on a stretch's torus, they are
    /// its halo's rows that do not matter to its own rows. Their tiles are
    /// left unfit for skipping: until each is overwritten
    /// with rows to be trusted ([`copy_tile_rows`](Packed::copy_tile_rows))
    /// or marked changed ([`refresh_rows`](Packed::refresh_rows)), none of
    /// the torus's rows but the last window's is to be trusted. Returns the
    /// rows of all the windows.
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
