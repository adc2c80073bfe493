//! The blocks' geometry: their size, which block holds a cell, the
//! rectangles of their cells, and how far a change reaches across them and
//! across the grid's finite sides.

use std::ops::Range;

use crate::State;
use crate::rule::MAX_RANGE;

/// The base-2 logarithm of the smallest block side: 8 cells.
const MIN_SHIFT: u32 = 3;

/// The widest rows of blocks there are: those of the largest range.
pub(super) const MAX_SIDE: usize = (MAX_RANGE as usize).next_power_of_two();

const _: () = assert!(MAX_SIDE >= 1 << MIN_SHIFT);

/// A block's cells, row by row.
pub(super) type Cells = [State];

/// A block's coordinates: its row and column of blocks (a cell's
/// coordinates divided by the blocks' side, rounded down).
pub(super) type Key = (i32, i32);

/// The blocks' size: a power of two, at least 8 and at least the rule's
/// range, so that a cell's neighbourhood never reaches past the next
/// block. Small blocks follow activity closely; the window around each
/// adds little, as a cell of a larger range asks about more cells.
#[derive(Clone, Copy, Debug)]
pub(super) struct BlockSize {
    /// The base-2 logarithm of the side.
    pub(super) shift: u32,
    /// The side, in cells.
    pub(super) side: i32,
    /// The rule's neighbourhood range: a window's margin.
    pub(super) range: i32,
}

impl BlockSize {
    /// The blocks for a rule of `range`.
    pub(super) fn new(range: u16) -> BlockSize {
        let shift = u32::from(range)
            .next_power_of_two()
            .trailing_zeros()
            .max(MIN_SHIFT);
        BlockSize {
            shift,
            side: 1 << shift,
            range: i32::from(range),
        }
    }

    /// Cells in a block.
    pub(super) fn area(self) -> usize {
        (self.side * self.side) as usize
    }

    /// The side of a block's window: the block and its margin.
    pub(super) fn window_side(self) -> usize {
        (self.side + 2 * self.range) as usize
    }

    /// The block holding (`y`, `x`).
    pub(super) fn key_of(self, y: i32, x: i32) -> Key {
        (y >> self.shift, x >> self.shift)
    }

    /// Where (`y`, `x`) is in its block's cells.
    pub(super) fn index_of(self, y: i32, x: i32) -> usize {
        let mask = self.side - 1;
        ((y & mask) * self.side + (x & mask)) as usize
    }

    /// The cell at `index` of the block at `key`.
    pub(super) fn cell_at(self, (by, bx): Key, index: usize) -> (i32, i32) {
        let side = self.side as usize;
        (
            (by << self.shift) + (index / side) as i32,
            (bx << self.shift) + (index % side) as i32,
        )
    }

    /// The row (or column) of blocks `by` away from `block`, wrapping
    /// round the `i32` coordinates as the plane does.
    pub(super) fn beside(self, block: i32, by: i32) -> i32 {
        block.wrapping_add(by).wrapping_shl(self.shift) >> self.shift
    }

    /// Every cell of a block.
    pub(super) fn whole(self) -> Patch {
        Patch {
            rows: (0, self.side - 1),
            cols: (0, self.side - 1),
        }
    }

    /// A finite side of `length` cells from `first`, as the blocks see it;
    /// `None` for an infinite side.
    pub(super) fn side(self, first: i32, length: Option<u32>) -> Option<Side> {
        let length = length?;
        let first = i64::from(first);
        let last = first + i64::from(length) - 1;
        let range = i64::from(self.range);
        let side = i64::from(self.side);
        let mut edges = Vec::new();
        for (from, to) in [
            (first, (first + range - 1).min(last)),
            ((last - range + 1).max(first), last),
        ] {
            let mut at = from;
            while at <= to {
                let block = at >> self.shift;
                let block_first = block << self.shift;
                let end = (block_first + side - 1).min(to);
                edges.push((
                    block as i32,
                    ((at - block_first) as i32, (end - block_first) as i32),
                ));
                at = end + 1;
            }
        }
        Some(Side {
            first,
            last,
            blocks: (first >> self.shift) as i32..((last >> self.shift) + 1) as i32,
            edges,
        })
    }

    /// The rows (or columns) of blocks, each with its rows (or columns)
    /// of cells, within the range of the cells `first..=last` of the row
    /// (or column) of blocks `block`: the block's own and perhaps the next
    /// ones, those across a finite `side` only.
    pub(super) fn reach(
        self,
        side: Option<&Side>,
        block: i32,
        (first, last): (i32, i32),
        into: &mut Vec<(i32, (i32, i32))>,
    ) {
        into.clear();
        for by in -1..=1 {
            let from = (first - self.range - by * self.side).max(0);
            let to = (last + self.range - by * self.side).min(self.side - 1);
            let next = self.beside(block, by);
            if from <= to && side.is_none_or(|side| side.blocks.contains(&next)) {
                into.push((next, (from, to)));
            }
        }
    }

    /// Whether the cells `first..=last` of the row (or column) of blocks
    /// whose first cell is `first_cell` lie within the range of an edge of
    /// a finite `side`: where the grid's joins can carry a change to its
    /// other edges.
    pub(super) fn near_edge(
        self,
        side: Option<&Side>,
        first_cell: i32,
        (first, last): (i32, i32),
    ) -> bool {
        let range = i64::from(self.range);
        side.is_some_and(|side| {
            i64::from(first_cell) + i64::from(first) - range < side.first
                || i64::from(first_cell) + i64::from(last) + range > side.last
        })
    }

    /// The rows (or columns) of a block starting at `first_cell` that lie
    /// inside the grid's side of `side` cells from `first` (all of them on
    /// an infinite side), counted from the block's first.
    pub(super) fn inside(self, first_cell: i32, first: i32, side: Option<u32>) -> Range<i32> {
        match side {
            None => 0..self.side,
            Some(side) => {
                let start = i64::from(first) - i64::from(first_cell);
                let end = start + i64::from(side);
                let clamp = |v: i64| v.clamp(0, i64::from(self.side)) as i32;
                clamp(start)..clamp(end)
            }
        }
    }

    /// A block of empty cells.
    pub(super) fn empty_block(self) -> Box<Cells> {
        vec![State::EMPTY; self.area()].into_boxed_slice()
    }
}

/// A rectangle of a block's cells, in rows and columns counted from the
/// block's top-left cell, both ends included.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Patch {
    pub(super) rows: (i32, i32),
    pub(super) cols: (i32, i32),
}

impl Patch {
    /// The number of cells in the patch.
    pub(super) fn area(self) -> usize {
        let length = |(first, last): (i32, i32)| (last - first + 1) as usize;
        length(self.rows) * length(self.cols)
    }

    /// The smallest patch holding both.
    pub(super) fn union(self, other: Patch) -> Patch {
        let hull = |(a, b): (i32, i32), (c, d): (i32, i32)| (a.min(c), b.max(d));
        Patch {
            rows: hull(self.rows, other.rows),
            cols: hull(self.cols, other.cols),
        }
    }
}

/// A finite side of the grid, as the blocks see it.
#[derive(Clone, Debug)]
pub(super) struct Side {
    /// The first cell across it.
    pub(super) first: i64,
    /// The last cell across it.
    pub(super) last: i64,
    /// The rows (or columns) of blocks across it.
    pub(super) blocks: Range<i32>,
    /// The rows (or columns) of blocks holding cells within the range of
    /// either edge, each with those cells (counted from its first).
    pub(super) edges: Vec<(i32, (i32, i32))>,
}
