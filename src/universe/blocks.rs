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
//!
//! [`simulate_in`]: crate::cell::simulate_in

mod geometry;
mod window;

use std::collections::hash_map::Entry;
use std::ops::RangeInclusive;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use self::geometry::{BlockSize, Cells, Key, Patch, Side};
use self::window::Current;
use super::{Universe, UniverseError};
use crate::engine::Threads;
use crate::rule::Topology;
use crate::{Cell, EngineKind, Rect, Rule, State};

/// Below this many queries (cells to step, times the queries each asks),
/// a generation is over before rayon could hand out the work: the bands
/// engine steps it on the calling thread.
const MIN_PARALLEL_QUERIES: usize = 1 << 14;

/// The cells of one block and how many of them are not empty.
struct Block {
    cells: Box<Cells>,
    live: u32,
}

/// A block that changed in the last generation, and the patch of its
/// cells that did.
#[derive(Clone, Copy, Debug)]
struct Change {
    key: Key,
    patch: Patch,
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

impl Universe for Blocks {
    fn engine(&self) -> &'static str {
        self.kind.name()
    }

    fn run(&mut self, generations: u64) -> Result<(), UniverseError> {
        for _ in 0..generations {
            if !self.step() {
                break;
            }
        }
        Ok(())
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
