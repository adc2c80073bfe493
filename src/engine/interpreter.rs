//! The environment loop shared by the coroutine engines: it drives one
//! `simulate` coroutine over a band of rows, answering its queries from the
//! current grid and writing its transitions into the next one.

use std::ops::Range;

use genawaiter::GeneratorState;
use genawaiter::stack::let_gen_using;

use crate::cell::simulate;
use crate::grid::wrap;
use crate::protocol::{Op, PRIME};
use crate::rule::MAX_RANGE;
use crate::{Grid, GridError, Rule, State};

/// How far outside the grid the wrap table reaches: the largest
/// neighbourhood range, so that every cell of every neighbourhood is a
/// table lookup.
const REACH: i32 = MAX_RANGE as i32;

/// Wrapped row starts and column indices for every coordinate from
/// [`REACH`] before the grid to [`REACH`] past it: the coordinates the
/// cells' neighbourhoods ask about. A query is then two table lookups and an
/// addition instead of two remainders; anything further out falls back to
/// the remainder.
pub(crate) struct WrapTable {
    rows: usize,
    cols: usize,
    /// `row_start[y + REACH]` is the index of the first cell of row `y`
    /// wrapped, for `y` in `-REACH..rows + REACH`.
    row_start: Vec<usize>,
    /// `col[x + REACH]` is column `x` wrapped, for `x` in
    /// `-REACH..cols + REACH`.
    col: Vec<usize>,
}

impl WrapTable {
    fn new(rows: usize, cols: usize) -> WrapTable {
        // Sides are at most MAX_SIDE (2^30), so `n + REACH` fits an i32.
        let around = |n: usize| -REACH..n as i32 + REACH;
        WrapTable {
            rows,
            cols,
            row_start: around(rows).map(|y| wrap(y, rows) * cols).collect(),
            col: around(cols).map(|x| wrap(x, cols)).collect(),
        }
    }

    /// The index in the grid's cells of (`y`, `x`) wrapped.
    #[inline]
    fn index(&self, y: i32, x: i32) -> usize {
        let near = |v: i32| v.wrapping_add(REACH) as u32 as usize;
        match (self.row_start.get(near(y)), self.col.get(near(x))) {
            (Some(row), Some(col)) => row + col,
            _ => wrap(y, self.rows) * self.cols + wrap(x, self.cols),
        }
    }
}

/// What a coroutine engine keeps between generations: the buffer the next
/// generation is written into and the wrap table for the grid's size. Once
/// they match the grid, stepping allocates nothing.
pub(crate) struct Workspace {
    next: Grid,
    table: WrapTable,
}

impl Workspace {
    pub(crate) fn new() -> Workspace {
        Workspace {
            next: Grid::placeholder(),
            table: WrapTable {
                rows: 0,
                cols: 0,
                row_start: Vec::new(),
                col: Vec::new(),
            },
        }
    }

    /// Sizes the next-generation buffer and the wrap table for `grid`
    /// ahead of the first step, fallibly: the buffer is as large as the
    /// grid.
    pub(crate) fn reserve(&mut self, grid: &Grid) -> Result<(), GridError> {
        self.next.try_match_size(grid)?;
        if (self.table.rows, self.table.cols) != (grid.rows(), grid.cols()) {
            self.table = WrapTable::new(grid.rows(), grid.cols());
        }
        Ok(())
    }

    /// The next-generation buffer and wrap table, sized for `grid`.
    ///
    /// # Panics
    ///
    /// If the buffer is not [reserved](Workspace::reserve) for a grid of
    /// this size and there is no memory for it.
    pub(crate) fn prepare(&mut self, grid: &Grid) -> (&mut Grid, &WrapTable) {
        if let Err(error) = self.reserve(grid) {
            panic!("cannot step the grid: {error}");
        }
        (&mut self.next, &self.table)
    }

    /// Makes the buffer written by the last sweep the current grid.
    pub(crate) fn swap_into(&mut self, grid: &mut Grid) {
        std::mem::swap(grid, &mut self.next);
    }
}

/// Runs one `simulate` coroutine over `rows` of `current` until it yields
/// `TICK`: every `Query` is answered with the state found in `current`, every
/// `Transition` is written into `out`, which holds exactly those rows of the
/// next generation.
///
/// This is the book's `live_a_generation`, restricted to a band of rows so
/// that several can run at once.
pub(crate) fn sweep(
    current: &Grid,
    table: &WrapTable,
    rule: &Rule,
    rows: Range<usize>,
    out: &mut [State],
) {
    let cells = current.cells();
    let first = rows.start * current.cols();
    // Sides are at most MAX_SIDE (2^30), so these fit an i32.
    let band = rows.start as i32..rows.end as i32;
    let cols = current.cols() as i32;
    let_gen_using!(simulation, |co| simulate(co, band, cols, rule));
    let mut answer = PRIME;
    loop {
        let instruction = match simulation.resume_with(answer) {
            GeneratorState::Yielded(instruction) => instruction,
            GeneratorState::Complete(never) => match never {},
        };
        match instruction.op() {
            Op::Query(query) => answer = cells[table.index(query.y, query.x)],
            Op::Transition(transition) => {
                let index = table.index(transition.y, transition.x);
                out[index - first] = transition.state;
                answer = PRIME;
            }
            Op::Tick => return,
        }
    }
}

/// The band size that splits `rows` into at most `bands` bands.
pub(crate) fn rows_per_band(rows: usize, bands: usize) -> usize {
    rows.div_ceil(bands.clamp(1, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wrap_table_agrees_with_the_remainder() {
        for (rows, cols) in [(1, 1), (1, 7), (5, 1), (4, 9)] {
            let table = WrapTable::new(rows, cols);
            for y in -40..40 {
                for x in -40..40 {
                    assert_eq!(
                        table.index(y, x),
                        wrap(y, rows) * cols + wrap(x, cols),
                        "{rows}x{cols} at ({y}, {x})"
                    );
                }
            }
            for (y, x) in [(i32::MIN, i32::MAX), (i32::MAX, i32::MIN)] {
                assert_eq!(table.index(y, x), wrap(y, rows) * cols + wrap(x, cols));
            }
        }
    }

    #[test]
    fn bands_cover_every_row() {
        for rows in 1..40 {
            for bands in 0..50 {
                let size = rows_per_band(rows, bands);
                let count = rows.div_ceil(size);
                assert!(count <= bands.max(1), "{rows} rows into {bands} bands");
                assert!(size * count >= rows);
            }
        }
    }
}
