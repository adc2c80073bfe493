//! The coroutine engines off the plain torus: blocks of cells near
//! activity, each stepped by a coroutine of its own.
//!
//! The cells live in square blocks (8×8 cells, or larger for rules of a
//! larger range: see [`BlockSize`]), one byte a cell, kept in a hash map by
//! block coordinates; a block that is empty and did not change is
//! dropped, so memory follows the live area.
//!
//! A cell's next state depends only on the cells within the rule's range
//! of it: if none of them changed in the last generation, it cannot change
//! now. So each block that changed notes the rectangle of its cells that
//! did, and the next generation steps, in each block, only the rectangle
//! of cells within the range of a change (a block is at least as wide as
//! the range, so a change reaches no further than the next blocks). On a
//! grid that joins its edges, a change within the range of an edge also
//! reaches the cells within the range of the edges it is joined to: on a
//! tube those of both edges of its finite side, as far along as the
//! change reaches; on a finite grid (where a join may turn rows into
//! columns) those of every edge. A rule with births from nothing (`B0`,
//! which only finite grids run) steps every block in the first
//! generation, since there the cells with nothing around them change too.
//!
//! Stepping a block copies the cells its rectangle's neighbourhoods need
//! into a window of the block and a margin of `range` cells around it
//! (from the neighbouring blocks, or, outside the grid, from where the
//! topology folds them), then drives one [`simulate_in`] coroutine over
//! the rectangle, answering its queries from the window and writing its
//! transitions into the block's next cells; the cells outside the
//! rectangle keep their state. The coroutine is told its cells' places in
//! the window, so that its arithmetic never overflows, even where the
//! plane's `i32` coordinates wrap round.
//!
//! The blocks of a generation read only the current blocks, so the bands
//! engine steps them in parallel on rayon, each task building its own
//! window and generator (stack generators are not `Send`); the sequential
//! engine steps them one after another on the calling thread.

use std::collections::hash_map::Entry;
use std::ops::{Range, RangeInclusive};

use genawaiter::GeneratorState;
use genawaiter::stack::let_gen_using;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::Universe;
use crate::cell::simulate_in;
use crate::engine::Threads;
use crate::protocol::{Op, PRIME, Query};
use crate::rule::{MAX_RANGE, Topology};
use crate::{Cell, EngineKind, Rect, Rule, State};

/// The base-2 logarithm of the smallest block side: 8 cells.
const MIN_SHIFT: u32 = 3;

/// The widest rows of blocks there are: those of the largest range.
const MAX_SIDE: usize = (MAX_RANGE as usize).next_power_of_two();

const _: () = assert!(MAX_SIDE >= 1 << MIN_SHIFT);

/// Below this many queries (cells to step, times the queries each asks),
/// a generation is over before rayon could hand out the work: the bands
/// engine steps it on the calling thread.
const MIN_PARALLEL_QUERIES: usize = 1 << 14;

/// A block's cells, row by row.
type Cells = [State];

/// A block's coordinates: its row and column of blocks (a cell's
/// coordinates divided by the blocks' side, rounded down).
type Key = (i32, i32);

/// The blocks' size: a power of two, at least 8 and at least the rule's
/// range, so that a cell's neighbourhood never reaches past the next
/// block. Small blocks follow activity closely; the window around each
/// adds little, as a cell of a larger range asks about more cells.
#[derive(Clone, Copy, Debug)]
struct BlockSize {
    /// The base-2 logarithm of the side.
    shift: u32,
    /// The side, in cells.
    side: i32,
    /// The rule's neighbourhood range: a window's margin.
    range: i32,
}

impl BlockSize {
    /// The blocks for a rule of `range`.
    fn new(range: u8) -> BlockSize {
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
    fn area(self) -> usize {
        (self.side * self.side) as usize
    }

    /// The side of a block's window: the block and its margin.
    fn window_side(self) -> usize {
        (self.side + 2 * self.range) as usize
    }

    /// The block holding (`y`, `x`).
    fn key_of(self, y: i32, x: i32) -> Key {
        (y >> self.shift, x >> self.shift)
    }

    /// Where (`y`, `x`) is in its block's cells.
    fn index_of(self, y: i32, x: i32) -> usize {
        let mask = self.side - 1;
        ((y & mask) * self.side + (x & mask)) as usize
    }

    /// The cell at `index` of the block at `key`.
    fn cell_at(self, (by, bx): Key, index: usize) -> (i32, i32) {
        let side = self.side as usize;
        (
            (by << self.shift) + (index / side) as i32,
            (bx << self.shift) + (index % side) as i32,
        )
    }

    /// The row (or column) of blocks `by` away from `block`, wrapping
    /// round the `i32` coordinates as the plane does.
    fn beside(self, block: i32, by: i32) -> i32 {
        block.wrapping_add(by).wrapping_shl(self.shift) >> self.shift
    }

    /// Every cell of a block.
    fn whole(self) -> Patch {
        Patch {
            rows: (0, self.side - 1),
            cols: (0, self.side - 1),
        }
    }

    /// A finite side of `length` cells from `first`, as the blocks see it;
    /// `None` for an infinite side.
    fn side(self, first: i32, length: Option<u32>) -> Option<Side> {
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
    fn reach(
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
    fn near_edge(self, side: Option<&Side>, first_cell: i32, (first, last): (i32, i32)) -> bool {
        let range = i64::from(self.range);
        side.is_some_and(|side| {
            i64::from(first_cell) + i64::from(first) - range < side.first
                || i64::from(first_cell) + i64::from(last) + range > side.last
        })
    }

    /// The rows (or columns) of a block starting at `first_cell` that lie
    /// inside the grid's side of `side` cells from `first` (all of them on
    /// an infinite side), counted from the block's first.
    fn inside(self, first_cell: i32, first: i32, side: Option<u32>) -> Range<i32> {
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
    fn empty_block(self) -> Box<Cells> {
        vec![State::EMPTY; self.area()].into_boxed_slice()
    }
}

/// The cells of one block and how many of them are not empty.
struct Block {
    cells: Box<Cells>,
    live: u32,
}

/// A rectangle of a block's cells, in rows and columns counted from the
/// block's top-left cell, both ends included.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Patch {
    rows: (i32, i32),
    cols: (i32, i32),
}

impl Patch {
    /// The number of cells in the patch.
    fn area(self) -> usize {
        let length = |(first, last): (i32, i32)| (last - first + 1) as usize;
        length(self.rows) * length(self.cols)
    }

    /// The smallest patch holding both.
    fn union(self, other: Patch) -> Patch {
        let hull = |(a, b): (i32, i32), (c, d): (i32, i32)| (a.min(c), b.max(d));
        Patch {
            rows: hull(self.rows, other.rows),
            cols: hull(self.cols, other.cols),
        }
    }
}

/// A block that changed in the last generation, and the patch of its
/// cells that did.
#[derive(Clone, Copy, Debug)]
struct Change {
    key: Key,
    patch: Patch,
}

/// A finite side of the grid, as the blocks see it.
#[derive(Clone, Debug)]
struct Side {
    /// The first cell across it.
    first: i64,
    /// The last cell across it.
    last: i64,
    /// The rows (or columns) of blocks across it.
    blocks: Range<i32>,
    /// The rows (or columns) of blocks holding cells within the range of
    /// either edge, each with those cells (counted from its first).
    edges: Vec<(i32, (i32, i32))>,
}

/// A block's next cells, as one task of a generation computed them.
struct Stepped {
    key: Key,
    cells: Box<Cells>,
    live: u32,
    /// The patch of cells that changed, if any did.
    change: Option<Patch>,
}

/// Cells in square blocks, stepped where something can change (see the
/// [module documentation](self)).
pub(crate) struct Blocks {
    kind: EngineKind,
    rule: Rule,
    topology: Topology,
    threads: Threads,
    /// The blocks' size.
    shape: BlockSize,
    /// The blocks holding a cell that is not empty (and, until the next
    /// step, blocks that [`set`](Universe::set) emptied).
    blocks: FxHashMap<Key, Block>,
    /// The blocks that changed in the last generation, or since by
    /// [`set`](Universe::set).
    changed: Vec<Change>,
    /// The grid's height, if it is finite.
    rows: Option<Side>,
    /// The grid's width, if it is finite.
    cols: Option<Side>,
    /// Whether the grid joins its edges (every grid with a finite side but
    /// the bounded plane).
    joined: bool,
    /// Whether a generation has been stepped.
    started: bool,
    /// Whether the last generation changed nothing, so that no later one
    /// will (until a cell is set).
    settled: bool,
    /// Cell buffers of blocks dropped or replaced, for the next generation
    /// to write into.
    spare: Vec<Box<Cells>>,
}

impl Blocks {
    /// `cells` (those inside the grid) under `rule` on `topology`, stepped
    /// by `kind` (the bands on `threads`).
    ///
    /// The caller has refused what the blocks cannot run: a rule with
    /// births from nothing (`B0`) on a grid with an infinite side, and a
    /// range beyond the topology's [`max_range`](Topology::max_range).
    pub(crate) fn new(
        cells: &[Cell],
        rule: Rule,
        topology: Topology,
        kind: EngineKind,
        threads: Threads,
    ) -> Blocks {
        debug_assert!(topology.is_finite() || !rule.births_from_nothing());
        let shape = BlockSize::new(rule.neighbourhood().range());
        let mut universe = Blocks {
            kind,
            rule,
            topology,
            threads,
            shape,
            blocks: FxHashMap::default(),
            changed: Vec::new(),
            rows: shape.side(topology.top(), topology.height()),
            cols: shape.side(topology.left(), topology.width()),
            joined: !matches!(topology, Topology::Bounded { .. }),
            started: false,
            settled: false,
            spare: Vec::new(),
        };
        for cell in cells {
            if topology.contains(cell.y, cell.x) {
                universe.write(cell.y, cell.x, cell.state);
            }
        }
        // At the start every block counts as changed, as if from nothing.
        universe.changed = universe
            .blocks
            .keys()
            .map(|&key| Change {
                key,
                patch: shape.whole(),
            })
            .collect();
        universe
    }

    /// Writes one cell, creating its block if need be; returns the state
    /// it had.
    fn write(&mut self, y: i32, x: i32, state: State) -> State {
        let shape = self.shape;
        let block = match self.blocks.entry(shape.key_of(y, x)) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(_) if state.is_empty() => return State::EMPTY,
            Entry::Vacant(entry) => entry.insert(Block {
                cells: shape.empty_block(),
                live: 0,
            }),
        };
        let old = std::mem::replace(&mut block.cells[shape.index_of(y, x)], state);
        block.live = block.live + u32::from(!state.is_empty()) - u32::from(!old.is_empty());
        old
    }

    /// The blocks to step this generation, in order, each once, with the
    /// patch of each that can change.
    fn to_step(&self) -> Vec<(Key, Patch)> {
        if self.settled {
            return Vec::new();
        }
        let shape = self.shape;
        let whole = |side: &Side| -> Vec<(i32, (i32, i32))> {
            side.blocks
                .clone()
                .map(|block| (block, (0, shape.side - 1)))
                .collect()
        };
        let mut patches: FxHashMap<Key, Patch> = FxHashMap::default();
        patches.reserve(self.changed.len() * 4);
        if let (Some(rows), Some(cols), false) = (&self.rows, &self.cols, self.started)
            && self.rule.births_from_nothing()
        {
            // Cells with nothing around them are born: every block changes.
            add(&mut patches, &whole(rows), &whole(cols));
        }
        let (mut rows, mut cols) = (Vec::new(), Vec::new());
        let mut near_edge = false;
        for change in &self.changed {
            let (by, bx) = change.key;
            let (top, left) = shape.cell_at(change.key, 0);
            shape.reach(self.rows.as_ref(), by, change.patch.rows, &mut rows);
            shape.reach(self.cols.as_ref(), bx, change.patch.cols, &mut cols);
            add(&mut patches, &rows, &cols);
            if !self.joined {
                continue;
            }
            // Near an edge, the joins carry the change to the cells near
            // the edges: on a finite grid perhaps any of them, so all, once
            // after the loop; on a tube, across the finite side only.
            let rows_near = shape.near_edge(self.rows.as_ref(), top, change.patch.rows);
            let cols_near = shape.near_edge(self.cols.as_ref(), left, change.patch.cols);
            match (&self.rows, &self.cols) {
                (Some(_), Some(_)) => near_edge |= rows_near || cols_near,
                (Some(side), None) if rows_near => add(&mut patches, &side.edges, &cols),
                (None, Some(side)) if cols_near => add(&mut patches, &rows, &side.edges),
                _ => {}
            }
        }
        if let (Some(rows), Some(cols), true) = (&self.rows, &self.cols, near_edge) {
            add(&mut patches, &rows.edges, &whole(cols));
            add(&mut patches, &whole(rows), &cols.edges);
        }
        let mut keys: Vec<(Key, Patch)> = patches.into_iter().collect();
        keys.sort_unstable_by_key(|&(key, _)| key);
        keys
    }

    /// Steps one generation; returns `false`, having changed nothing, if
    /// nothing can change any more.
    fn step(&mut self) -> bool {
        let keys = self.to_step();
        self.started = true;
        if keys.is_empty() {
            self.changed.clear();
            self.settled = true;
            return false;
        }
        let outs: Vec<Box<Cells>> = keys
            .iter()
            .map(|_| self.spare.pop().unwrap_or_else(|| self.shape.empty_block()))
            .collect();
        let current = Current {
            blocks: &self.blocks,
            rule: &self.rule,
            topology: self.topology,
            shape: self.shape,
        };
        let side = self.shape.window_side();
        let window = || vec![State::EMPTY; side * side];
        let queries = || {
            let cells: usize = keys.iter().map(|(_, patch)| patch.area()).sum();
            cells * (self.rule.neighbourhood().size() + 2)
        };
        let parallel = self.kind == EngineKind::RowBands
            && !matches!(self.threads, Threads::Caller)
            && queries() >= MIN_PARALLEL_QUERIES;
        let stepped: Vec<Stepped> = if parallel {
            self.threads.install(|| {
                keys.par_iter()
                    .zip(outs)
                    .map_init(window, |window, (&(key, patch), out)| {
                        current.step(key, patch, window, out)
                    })
                    .collect()
            })
        } else {
            let mut window = window();
            keys.iter()
                .zip(outs)
                .map(|(&(key, patch), out)| current.step(key, patch, &mut window, out))
                .collect()
        };
        self.commit(stepped);
        true
    }

    /// Makes the stepped blocks' next cells the current ones and notes
    /// which changed.
    fn commit(&mut self, stepped: Vec<Stepped>) {
        let count = stepped.len();
        self.changed.clear();
        for Stepped {
            key,
            cells,
            live,
            change,
        } in stepped
        {
            if let Some(patch) = change {
                self.changed.push(Change { key, patch });
            }
            if live == 0 {
                // Empty now: whether it changed or not, nothing to keep.
                self.spare.push(cells);
                if let Some(old) = self.blocks.remove(&key) {
                    self.spare.push(old.cells);
                }
            } else if change.is_none() {
                self.spare.push(cells);
            } else {
                match self.blocks.entry(key) {
                    Entry::Occupied(mut entry) => {
                        let old = std::mem::replace(entry.get_mut(), Block { cells, live });
                        self.spare.push(old.cells);
                    }
                    Entry::Vacant(entry) => {
                        entry.insert(Block { cells, live });
                    }
                }
            }
        }
        self.settled = self.changed.is_empty();
        // Enough buffers for a generation like this one, no more.
        self.spare.truncate(count);
    }
}

/// Adds to `patches` every block of `rows` × `cols` (rows and columns of
/// blocks, each with its cells), merging patches of the same block.
fn add(
    patches: &mut FxHashMap<Key, Patch>,
    rows: &[(i32, (i32, i32))],
    cols: &[(i32, (i32, i32))],
) {
    for &(by, rows) in rows {
        for &(bx, cols) in cols {
            let patch = Patch { rows, cols };
            patches
                .entry((by, bx))
                .and_modify(|seen| *seen = seen.union(patch))
                .or_insert(patch);
        }
    }
}

/// The blocks of one generation, as every task reads them.
struct Current<'a> {
    blocks: &'a FxHashMap<Key, Block>,
    rule: &'a Rule,
    topology: Topology,
    shape: BlockSize,
}

/// The part of a block's window that a patch's neighbourhoods read: rows
/// and columns of the window.
#[derive(Clone, Debug)]
struct Needed {
    rows: Range<usize>,
    cols: Range<usize>,
}

impl Current<'_> {
    /// The current state of one cell.
    fn get(&self, y: i32, x: i32) -> State {
        let shape = self.shape;
        self.blocks
            .get(&shape.key_of(y, x))
            .map_or(State::EMPTY, |block| block.cells[shape.index_of(y, x)])
    }

    /// The state a query at (`y`, `x`) is answered with: the cell it folds
    /// to, or empty.
    fn folded(&self, y: i32, x: i32) -> State {
        self.topology
            .fold(y, x)
            .map_or(State::EMPTY, |(y, x)| self.get(y, x))
    }

    /// The block at `key` one generation on, its `patch` stepped and its
    /// other cells as they are, written into `out`; `window` is scratch of
    /// [`window_side`](BlockSize::window_side)² cells.
    fn step(&self, key: Key, patch: Patch, window: &mut [State], mut out: Box<Cells>) -> Stepped {
        let current = self.blocks.get(&key).map(|block| &*block.cells);
        match current {
            Some(cells) => out.copy_from_slice(cells),
            None => out.fill(State::EMPTY),
        }
        // Only the block's cells inside the grid are stepped; the others
        // stay empty.
        let shape = self.shape;
        let (top, left) = shape.cell_at(key, 0);
        let clip = |(first, last): (i32, i32), inside: Range<i32>| {
            first.max(inside.start)..(last + 1).min(inside.end)
        };
        let rows = clip(
            patch.rows,
            shape.inside(top, self.topology.top(), self.topology.height()),
        );
        let cols = clip(
            patch.cols,
            shape.inside(left, self.topology.left(), self.topology.width()),
        );
        if rows.is_empty() || cols.is_empty() {
            return Stepped {
                key,
                live: count_live(&out),
                cells: out,
                change: None,
            };
        }
        let range = shape.range as usize;
        let needed = Needed {
            rows: rows.start as usize..rows.end as usize + 2 * range,
            cols: cols.start as usize..cols.end as usize + 2 * range,
        };
        let origin = self.gather(key, &needed, window);
        self.drive(window, &needed, origin, rows.clone(), cols, &mut out);
        let change = difference(shape, current, &out, rows);
        Stepped {
            key,
            live: count_live(&out),
            cells: out,
            change,
        }
    }

    /// Copies the `needed` part of the window of the block at `key` (the
    /// block and a margin of `range` cells around it) into `window`;
    /// returns the window's top-left cell.
    fn gather(&self, key: Key, needed: &Needed, window: &mut [State]) -> (i32, i32) {
        let shape = self.shape;
        let (side, range) = (shape.side as usize, shape.range as usize);
        let width = shape.window_side();
        // For the blocks before, at and after: the rows (or columns) of the
        // window they fill, and their first row (or column) there.
        let parts = [
            (-1, 0..range, side - range),
            (0, range..range + side, 0),
            (1, range + side..width, 0),
        ];
        let overlap = |a: &Range<usize>, b: &Range<usize>| a.start.max(b.start)..a.end.min(b.end);
        for (dy, window_rows, first_row) in parts.clone() {
            let rows = overlap(&window_rows, &needed.rows);
            if rows.is_empty() {
                continue;
            }
            for (dx, window_cols, first_col) in parts.clone() {
                let cols = overlap(&window_cols, &needed.cols);
                if cols.is_empty() {
                    continue;
                }
                let source = self
                    .blocks
                    .get(&(shape.beside(key.0, dy), shape.beside(key.1, dx)))
                    .map(|block| &*block.cells);
                for row in rows.clone() {
                    let to = &mut window[row * width..][cols.clone()];
                    match source {
                        Some(cells) => {
                            let from = (first_row + row - window_rows.start) * side
                                + first_col
                                + (cols.start - window_cols.start);
                            to.copy_from_slice(&cells[from..from + cols.len()]);
                        }
                        None => to.fill(State::EMPTY),
                    }
                }
            }
        }
        let (top, left) = shape.cell_at(key, 0);
        let origin = (
            top.wrapping_sub(shape.range),
            left.wrapping_sub(shape.range),
        );
        if !self.topology.is_plane() {
            self.fold_margin(origin, needed, window);
        }
        origin
    }

    /// Gives the `needed` cells of the window that lie outside the grid
    /// the states the topology folds them to.
    fn fold_margin(&self, (top, left): (i32, i32), needed: &Needed, window: &mut [State]) {
        let width = self.shape.window_side();
        let at =
            |row: usize, col: usize| (top.wrapping_add(row as i32), left.wrapping_add(col as i32));
        let (first, last) = (
            at(needed.rows.start, needed.cols.start),
            at(needed.rows.end - 1, needed.cols.end - 1),
        );
        // The grid is a rectangle: if two opposite corners are in it, all
        // the cells between are.
        if self.topology.contains(first.0, first.1) && self.topology.contains(last.0, last.1) {
            return;
        }
        for row in needed.rows.clone() {
            for col in needed.cols.clone() {
                let (y, x) = at(row, col);
                if !self.topology.contains(y, x) {
                    window[row * width + col] = self.folded(y, x);
                }
            }
        }
    }

    /// Drives one `simulate_in` over `rows` × `cols` of the block (counted
    /// from its top-left cell) until it ticks, answering from the `needed`
    /// part of `window` (whose top-left cell is `origin`) and writing into
    /// `out`.
    fn drive(
        &self,
        window: &[State],
        needed: &Needed,
        origin: (i32, i32),
        rows: Range<i32>,
        cols: Range<i32>,
        out: &mut Cells,
    ) {
        let BlockSize { side, range, .. } = self.shape;
        let width = self.shape.window_side();
        let (first_row, row_count) = (needed.rows.start, needed.rows.len());
        let (first_col, col_count) = (needed.cols.start, needed.cols.len());
        // The coroutine's cells are at their places in the window.
        let shift = |span: Range<i32>| span.start + range..span.end + range;
        let rule = self.rule;
        let_gen_using!(block, |co| simulate_in(co, shift(rows), shift(cols), rule));
        let mut answer = PRIME;
        loop {
            let instruction = match block.resume_with(answer) {
                GeneratorState::Yielded(instruction) => instruction,
                GeneratorState::Complete(never) => match never {},
            };
            match instruction.op() {
                Op::Query(Query { y, x }) => {
                    let (row, col) = (y as u32 as usize, x as u32 as usize);
                    answer = if row.wrapping_sub(first_row) < row_count
                        && col.wrapping_sub(first_col) < col_count
                    {
                        window[row * width + col]
                    } else {
                        // Beyond what was gathered: no neighbourhood
                        // reaches here, but the answer is still the grid's.
                        self.folded(origin.0.wrapping_add(y), origin.1.wrapping_add(x))
                    };
                }
                Op::Transition(transition) => {
                    let (row, col) = (transition.y - range, transition.x - range);
                    out[(row * side + col) as usize] = transition.state;
                    answer = PRIME;
                }
                Op::Tick => return,
            }
        }
    }
}

/// The cells that are not empty.
fn count_live(cells: &Cells) -> u32 {
    cells.iter().filter(|state| !state.is_empty()).count() as u32
}

/// The patch of cells where `next` differs from `current` (`None`: empty),
/// looking at `rows` only (the others were copied), or `None` if they are
/// the same.
fn difference(
    shape: BlockSize,
    current: Option<&Cells>,
    next: &Cells,
    rows: Range<i32>,
) -> Option<Patch> {
    const EMPTY: [State; MAX_SIDE] = [State::EMPTY; MAX_SIDE];
    let side = shape.side as usize;
    let mut patch: Option<Patch> = None;
    for row in rows {
        let at = row as usize * side;
        let new = &next[at..at + side];
        let old = current.map_or(&EMPTY[..side], |cells| &cells[at..at + side]);
        if new == old {
            continue;
        }
        let differs = |(a, b): (&State, &State)| a != b;
        let first = new.iter().zip(old).position(differs).unwrap_or(0) as i32;
        let last = new.iter().zip(old).rposition(differs).unwrap_or(side - 1) as i32;
        let here = Patch {
            rows: (row, row),
            cols: (first, last),
        };
        patch = Some(patch.map_or(here, |seen| seen.union(here)));
    }
    patch
}

impl Universe for Blocks {
    fn engine(&self) -> &'static str {
        self.kind.name()
    }

    fn run(&mut self, generations: u64) {
        for _ in 0..generations {
            if !self.step() {
                break;
            }
        }
    }

    fn population(&self) -> u64 {
        self.blocks
            .values()
            .map(|block| u64::from(block.live))
            .sum()
    }

    fn bounding_box(&self) -> Option<Rect> {
        let mut bounds: Option<Rect> = None;
        for (&key, block) in &self.blocks {
            if block.live == 0 {
                continue;
            }
            for (index, state) in block.cells.iter().enumerate() {
                if state.is_empty() {
                    continue;
                }
                let (y, x) = self.shape.cell_at(key, index);
                bounds = Some(match bounds {
                    None => Rect {
                        top: y,
                        left: x,
                        bottom: y,
                        right: x,
                    },
                    Some(rect) => Rect {
                        top: rect.top.min(y),
                        left: rect.left.min(x),
                        bottom: rect.bottom.max(y),
                        right: rect.right.max(x),
                    },
                });
            }
        }
        bounds
    }

    fn get(&self, y: i32, x: i32) -> State {
        let shape = self.shape;
        self.blocks
            .get(&shape.key_of(y, x))
            .map_or(State::EMPTY, |block| block.cells[shape.index_of(y, x)])
    }

    fn set(&mut self, y: i32, x: i32, state: State) {
        if !self.topology.contains(y, x) {
            return;
        }
        if self.write(y, x, state) == state {
            return;
        }
        // Stepping resumes around the cell.
        let mask = self.shape.side - 1;
        let (row, col) = (y & mask, x & mask);
        self.changed.push(Change {
            key: self.shape.key_of(y, x),
            patch: Patch {
                rows: (row, row),
                cols: (col, col),
            },
        });
        self.settled = false;
    }

    fn cells_in(&self, rect: Rect) -> Vec<Cell> {
        if rect.top > rect.bottom || rect.left > rect.right {
            return Vec::new();
        }
        let shift = self.shape.shift;
        let (rows, cols) = (
            (rect.top >> shift)..=(rect.bottom >> shift),
            (rect.left >> shift)..=(rect.right >> shift),
        );
        let length = |span: &RangeInclusive<i32>| {
            (i64::from(*span.end()) - i64::from(*span.start()) + 1) as u64
        };
        let covering = length(&rows).saturating_mul(length(&cols));
        // A small rectangle looks up the blocks over it; a large one goes
        // through the blocks there are.
        let blocks: Vec<(Key, &Block)> = if covering <= self.blocks.len() as u64 {
            rows.flat_map(|by| cols.clone().map(move |bx| (by, bx)))
                .filter_map(|key| self.blocks.get(&key).map(|block| (key, block)))
                .collect()
        } else {
            self.blocks
                .iter()
                .filter(|&(&(by, bx), _)| rows.contains(&by) && cols.contains(&bx))
                .map(|(&key, block)| (key, block))
                .collect()
        };
        let mut cells = Vec::new();
        for (key, block) in blocks {
            if block.live == 0 {
                continue;
            }
            for (index, &state) in block.cells.iter().enumerate() {
                let (y, x) = self.shape.cell_at(key, index);
                if !state.is_empty()
                    && (rect.top..=rect.bottom).contains(&y)
                    && (rect.left..=rect.right).contains(&x)
                {
                    cells.push(Cell { y, x, state });
                }
            }
        }
        cells.sort_unstable_by_key(|cell| (cell.y, cell.x));
        cells
    }
}

#[cfg(test)]
mod tests;
