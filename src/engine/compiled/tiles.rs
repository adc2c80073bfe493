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
use super::packed::{Packing, frame_row, mask};
use std::ops::Range;

/// Rows of a tile.
pub(crate) const TILE_ROWS: usize = 32;

/// The flags of a tile row, each a bitmap over its tiles: the tile changed…
pub(crate) const ANY: usize = 0;
/// …in its top row…
pub(crate) const TOP: usize = 1;
/// …in its bottom row…
pub(crate) const BOTTOM: usize = 2;
/// …in its leftmost column…
pub(crate) const LEFT: usize = 3;
/// …in its rightmost column.
pub(crate) const RIGHT: usize = 4;
/// How many flags a tile has.
pub(crate) const FLAGS: usize = 5;

/// Inactive tiles between two active ones that are stepped anyway, so that
/// the kernels run over longer stretches of words.
pub(crate) const GAP: usize = 3;

/// The tiles of a [`Packing`] and the bitmaps of their flags.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct TileShape {
    /// Tile rows.
    pub(crate) rows: usize,
    /// Tiles across.
    pub(crate) cols: usize,
    /// Words of one flag's bitmap over a tile row.
    pub(crate) words: usize,
    /// Tiles in the last word of a bitmap, 1 to 64.
    pub(crate) tail: u32,
}

impl TileShape {
    pub(crate) fn new(shape: &Packing) -> TileShape {
        let cols = shape.words;
        TileShape {
            rows: shape.rows.div_ceil(TILE_ROWS),
            cols,
            words: cols.div_ceil(64),
            tail: ((cols - 1) % 64 + 1) as u32,
        }
    }

    /// Words of flags per tile row.
    pub(crate) fn row_len(&self) -> usize {
        FLAGS * self.words
    }

    /// The tiles of bitmap word `m` that exist.
    #[inline(always)]
    pub(crate) fn valid(&self, m: usize) -> u64 {
        if m + 1 == self.words {
            mask(self.tail)
        } else {
            u64::MAX
        }
    }
}

/// What the step reads of the current generation: its tiles' flags.
pub(crate) struct Frame<'a> {
    pub shape: Packing,
    pub tiles: TileShape,
    pub flags: &'a [u64],
    /// Bit `r % 64` of word `r / 64`: tile row `r` may have tiles to
    /// step, because it or a tile row next to it changed.
    pub visit: &'a [u64],
    /// For each tile that changed, the rows (of its tile row) where.
    pub spans: &'a [Span],
    pub skip: bool,
    /// The rows to step; the others are left as they are.
    pub window: Range<usize>,
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
pub(crate) fn shifted_down(
    word: u64,
    next: u64,
    first: u64,
    m: usize,
    (words, tail): (usize, u32),
) -> u64 {
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
pub(crate) fn shifted_up(
    word: u64,
    previous: u64,
    last: u64,
    m: usize,
    (_, tail): (usize, u32),
) -> u64 {
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
pub(crate) fn scratch_len(shape: &Packing) -> usize {
    kernel::scratch_len(shape, TILE_ROWS.min(shape.rows)) + 2 * shape.stride
}
