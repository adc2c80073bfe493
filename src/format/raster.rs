//! A rectangle of states, one byte a cell: what the readers put a dense
//! pattern file into, and how a [`Pattern`](crate::Pattern) keeps it.

use std::fmt;
use std::sync::OnceLock;

use crate::{Cell, Rect, State};

/// A rectangle of states, one byte a cell, row after row; what a dense
/// pattern file is read into.
#[derive(Clone)]
pub(crate) struct Raster {
    /// The position of its first cell.
    top: i32,
    left: i32,
    width: usize,
    /// The states' values, `width` a row.
    states: Vec<u8>,
    /// The bounding box of its non-empty cells (meaningless while it has
    /// none).
    bounds: Rect,
    /// How many of its cells are not empty.
    population: usize,
    /// Its non-empty cells listed, made when first asked for.
    list: OnceLock<Vec<Cell>>,
}

impl fmt::Debug for Raster {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Raster")
            .field("top", &self.top)
            .field("left", &self.left)
            .field("width", &self.width)
            .field("height", &self.height())
            .field("population", &self.population)
            .finish_non_exhaustive()
    }
}

impl Raster {
    /// An empty raster of `height` × `width` cells from (`top`, `left`), if
    /// its cells' positions fit `i32` and it has at most `max_cells` cells.
    /// Its memory is only touched where cells are written.
    pub(crate) fn new(
        top: i64,
        left: i64,
        height: u64,
        width: u64,
        max_cells: u64,
    ) -> Option<Raster> {
        let fits = |start: i64, len: u64| {
            i32::try_from(start).is_ok()
                && i64::try_from(len).is_ok_and(|len| i32::try_from(start + len).is_ok())
        };
        let area = height.checked_mul(width)?;
        if width == 0 || area > max_cells || !fits(top, height) || !fits(left, width) {
            return None;
        }
        Some(Raster {
            top: top as i32,
            left: left as i32,
            width: width as usize,
            // Zeroed memory the system hands out lazily, page by page.
            states: vec![0; area as usize],
            bounds: Rect {
                top: i32::MAX,
                left: i32::MAX,
                bottom: i32::MIN,
                right: i32::MIN,
            },
            population: 0,
            list: OnceLock::new(),
        })
    }

    fn height(&self) -> usize {
        self.states.len() / self.width
    }

    /// How many of its cells are not empty.
    pub(crate) fn population(&self) -> usize {
        self.population
    }

    /// Sets `count` (at least one) cells of row `y` from column `x` on to
    /// `state` (not empty), if they are inside; returns whether they were.
    /// `fresh` says that every cell set before comes before these, row by
    /// row: none of these, nor any after them, was set.
    #[inline(always)]
    pub(crate) fn run(&mut self, y: i32, x: i32, count: usize, state: State, fresh: bool) -> bool {
        debug_assert!(count > 0 && !state.is_empty());
        let (row, col) = (
            i64::from(y) - i64::from(self.top),
            i64::from(x) - i64::from(self.left),
        );
        if row < 0 || col < 0 || col as u64 + count as u64 > self.width as u64 {
            return false;
        }
        let (row, col) = (row as usize, col as usize);
        let at = row * self.width + col;
        // Past the last row exactly when past the end.
        if at + count > self.states.len() {
            return false;
        }
        if fresh {
            self.appender().run(row, col, count, state);
            return true;
        }
        let cells = &mut self.states[at..at + count];
        let overwritten = cells.iter().filter(|&&s| s != 0).count();
        self.population += count - overwritten;
        cells.fill(state.value());
        self.grow_bounds(y, x, count);
        true
    }

    /// Its size, rows by columns.
    pub(crate) fn size(&self) -> (usize, usize) {
        (self.height(), self.width)
    }

    /// Where (`y`, `x`) is from its first cell, rows and columns, if it is
    /// not above or left of it.
    pub(crate) fn offset(&self, y: i64, x: i64) -> Option<(usize, usize)> {
        let row = usize::try_from(y - i64::from(self.top)).ok()?;
        let col = usize::try_from(x - i64::from(self.left)).ok()?;
        Some((row, col))
    }

    /// An [`Appender`] onto its cells, which counts what it appended into
    /// the raster's population and bounds when dropped.
    #[inline(always)]
    pub(crate) fn appender(&mut self) -> Appender<'_> {
        Appender {
            states: &mut self.states,
            width: self.width,
            corner: (self.top, self.left),
            population: 0,
            rows: (usize::MAX, 0),
            cols: (usize::MAX, 0),
            last: (0, 0),
            raster_population: &mut self.population,
            raster_bounds: &mut self.bounds,
        }
    }

    /// The position of the cell at `row` and `col` (counted from its first
    /// cell; inside it, so the position fits `i32`).
    pub(crate) fn position(&self, row: usize, col: usize) -> (i32, i32) {
        (self.top + row as i32, self.left + col as i32)
    }

    /// Makes the bounds hold `count` cells from (`y`, `x`) on.
    #[inline(always)]
    fn grow_bounds(&mut self, y: i32, x: i32, count: usize) {
        let bounds = &mut self.bounds;
        bounds.top = bounds.top.min(y);
        bounds.bottom = bounds.bottom.max(y);
        bounds.left = bounds.left.min(x);
        bounds.right = bounds.right.max(x + (count as i32 - 1));
    }

    /// The bounding box of its non-empty cells, `None` for none.
    pub(crate) fn bounds(&self) -> Option<Rect> {
        (self.population > 0).then_some(self.bounds)
    }

    /// Its rows from `bounds.top` to `bounds.bottom`, each cut to the
    /// columns `bounds.left` to `bounds.right`, with their positions.
    pub(crate) fn rows(&self, bounds: Rect) -> impl Iterator<Item = (i32, &[u8])> {
        let from = (bounds.left - self.left) as usize;
        let to = (bounds.right - self.left) as usize + 1;
        (bounds.top..=bounds.bottom).map(move |y| {
            let at = (y - self.top) as usize * self.width;
            (y, &self.states[at + from..at + to])
        })
    }

    /// Its non-empty cells, in order, listed when first asked for.
    pub(crate) fn cells(&self) -> &[Cell] {
        self.list.get_or_init(|| self.to_list())
    }

    /// Its non-empty cells, in order.
    pub(crate) fn to_list(&self) -> Vec<Cell> {
        let mut cells = Vec::with_capacity(self.population);
        if let Some(bounds) = self.bounds() {
            for (y, row) in self.rows(bounds) {
                cells.extend(row.iter().zip(bounds.left..).filter_map(|(&s, x)| {
                    (s != 0).then_some(Cell {
                        y,
                        x,
                        state: State::new(s),
                    })
                }));
            }
        }
        cells
    }
}

/// Writes runs of cells into a [`Raster`] in order, row by row, keeping its
/// count of them and their extent in registers until it is dropped.
pub(crate) struct Appender<'a> {
    states: &'a mut [u8],
    width: usize,
    /// The position of the raster's first cell.
    corner: (i32, i32),
    /// Cells set.
    population: usize,
    /// The first and last row, and the leftmost and rightmost column, of
    /// the cells set (`usize::MAX` and 0 while there are none).
    rows: (usize, usize),
    cols: (usize, usize),
    /// The row and column of the last cell set.
    last: (usize, usize),
    raster_population: &'a mut usize,
    raster_bounds: &'a mut Rect,
}

impl Drop for Appender<'_> {
    fn drop(&mut self) {
        if self.population == 0 {
            return;
        }
        *self.raster_population += self.population;
        // Inside the raster, so the positions fit `i32`.
        let (top, left) = self.corner;
        let bounds = &mut *self.raster_bounds;
        bounds.top = bounds.top.min(top + self.rows.0 as i32);
        bounds.bottom = bounds.bottom.max(top + self.rows.1 as i32);
        bounds.left = bounds.left.min(left + self.cols.0 as i32);
        bounds.right = bounds.right.max(left + self.cols.1 as i32);
    }
}

impl Appender<'_> {
    /// Sets `count` (at least one) cells from `row` and `col` (counted from
    /// the raster's first cell; inside it) on to `state` (not empty), where
    /// every cell set before comes before these, row by row: none of these,
    /// nor any after them, was set.
    #[inline(always)]
    pub(crate) fn run(&mut self, row: usize, col: usize, count: usize, state: State) {
        debug_assert!(count > 0 && !state.is_empty());
        debug_assert!(col + count <= self.width);
        debug_assert!(self.population == 0 || (row, col) > self.last);
        let at = row * self.width + col;
        if count < 8
            && let Some(word) = self.states.get_mut(at..at + 8)
        {
            // The usual short run as one store of eight bytes, the cells
            // past it staying empty: no run has come after this one yet.
            let states = u64::from(state.value()) * 0x0101_0101_0101_0101;
            word.copy_from_slice(&(states >> (64 - 8 * count)).to_le_bytes());
        } else {
            self.states[at..at + count].fill(state.value());
        }
        self.population += count;
        self.rows = (self.rows.0.min(row), row);
        self.cols = (self.cols.0.min(col), self.cols.1.max(col + count - 1));
        self.last = (row, col + count - 1);
    }

    /// The row and column of the last cell set, if any.
    pub(crate) fn last(&self) -> Option<(usize, usize)> {
        (self.population > 0).then_some(self.last)
    }
}
