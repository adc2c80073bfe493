//! Stepping one block: the cells its patch's neighbourhoods read gathered
//! into a window, those outside the grid folded, and a coroutine driven
//! over the patch.

use std::ops::Range;

use genawaiter::GeneratorState;
use genawaiter::stack::let_gen_using;
use rustc_hash::FxHashMap;

use super::geometry::{BlockSize, Cells, Key, MAX_SIDE, Patch};
use super::{Block, Stepped};
use crate::cell::simulate_in;
use crate::protocol::{Op, PRIME, Query};
use crate::rule::Topology;
use crate::{Rule, State};

/// The blocks of one generation, as every task reads them.
pub(super) struct Current<'a> {
    pub(super) blocks: &'a FxHashMap<Key, Block>,
    pub(super) rule: &'a Rule,
    pub(super) topology: Topology,
    pub(super) shape: BlockSize,
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
    pub(super) fn step(
        &self,
        key: Key,
        patch: Patch,
        window: &mut [State],
        mut out: Box<Cells>,
    ) -> Stepped {
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
