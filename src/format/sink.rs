//! The cells a reader finds, collected into a pattern.

use super::raster::Raster;
use super::{MAX_CELLS, ParseError, ParseErrorKind, unexpected};
use crate::Pattern;

/// Collects cells for a reader, enforcing [`MAX_CELLS`].
pub(crate) struct CellSink {
    cells: Vec<crate::Cell>,
    /// Where the cells go instead of `cells` while they fall inside it.
    raster: Option<Raster>,
    /// The last cell written, while every run has come after the one before
    /// it (row-major order, no position twice), as in almost every file.
    last: Option<(i32, i32)>,
    /// Whether they all have: then the cells need no sorting.
    ordered: bool,
}

/// The most cells [`CellSink::with_extent`] gives a raster (16 MiB): a
/// raster never holds more than a pattern may.
const MAX_RASTER: u64 = 1 << 24;
const _: () = assert!(MAX_RASTER <= MAX_CELLS as u64);

impl CellSink {
    /// A sink that lists its cells.
    pub(crate) fn new() -> CellSink {
        CellSink {
            cells: Vec::new(),
            raster: None,
            last: None,
            ordered: true,
        }
    }

    /// A sink for a pattern said to be `height` × `width` cells from
    /// (`top`, `left`): a raster of that size, if it is not too large, which
    /// the sink leaves for a list if a cell falls outside it.
    pub(crate) fn with_extent(top: i64, left: i64, height: u64, width: u64) -> CellSink {
        CellSink {
            raster: Raster::new(top, left, height, width, MAX_RASTER),
            ..CellSink::new()
        }
    }

    /// Adds `count` cells of `state` from (`y`, `x`) rightwards.
    #[inline(always)]
    pub(crate) fn run(
        &mut self,
        y: i64,
        x: i64,
        count: i64,
        state: crate::State,
    ) -> Result<(), ParseErrorKind> {
        if self.ordered_run(y, x, count, state) {
            Ok(())
        } else {
            self.any_run(y, x, count, state)
        }
    }

    /// Adds the cells of [`run`](CellSink::run) if that is the usual simple
    /// case: cells, into a raster, inside it, after every cell before.
    /// Returns whether it was.
    #[inline(always)]
    fn ordered_run(&mut self, y: i64, x: i64, count: i64, state: crate::State) -> bool {
        let Some(raster) = &mut self.raster else {
            return false;
        };
        // A raster's positions fit `i32`; `run` refuses what does not.
        let (Ok(y), Ok(x), Ok(count)) =
            (i32::try_from(y), i32::try_from(x), usize::try_from(count))
        else {
            return false;
        };
        let after = self.last.is_none_or(|last| last < (y, x));
        let simple = self.ordered && after && count > 0 && !state.is_empty();
        if !(simple && raster.run(y, x, count, state, true)) {
            return false;
        }
        self.last = Some((y, x + (count as i32 - 1)));
        true
    }

    /// The raster, for a reader to [append](Raster::appender) runs to, from
    /// (`y`, `x`) on, in order: `Some` while the sink holds one and every
    /// cell set so far comes before (`y`, `x`). The reader then tells
    /// [`appended`](CellSink::appended) the last cell it set.
    pub(crate) fn in_order(&mut self, y: i64, x: i64) -> Option<&mut Raster> {
        let after = self
            .last
            .is_none_or(|last| (i64::from(last.0), i64::from(last.1)) < (y, x));
        self.raster.as_mut().filter(|_| self.ordered && after)
    }

    /// Notes that the cell at `row` and `col` of the raster (counted from
    /// its first cell) is the last one appended to it.
    pub(crate) fn appended(&mut self, row: usize, col: usize) {
        if let Some(raster) = &self.raster {
            self.last = Some(raster.position(row, col));
        }
    }

    /// Adds the cells of [`run`](CellSink::run) in any other case, out of
    /// the reader's loop.
    #[inline(never)]
    fn any_run(
        &mut self,
        y: i64,
        x: i64,
        count: i64,
        state: crate::State,
    ) -> Result<(), ParseErrorKind> {
        if state.is_empty() || count <= 0 {
            return Ok(());
        }
        let held = self
            .raster
            .as_ref()
            .map_or(self.cells.len(), Raster::population);
        if held as u64 + count as u64 > MAX_CELLS as u64 {
            return Err(ParseErrorKind::TooManyCells);
        }
        let (Ok(y), Ok(first), Ok(last)) = (
            i32::try_from(y),
            i32::try_from(x),
            i32::try_from(x + count - 1),
        ) else {
            return Err(ParseErrorKind::OutOfRange);
        };
        let fresh = self.ordered && self.last.is_none_or(|last| last < (y, first));
        self.ordered = fresh;
        self.last = Some((y, last));
        if let Some(raster) = &mut self.raster {
            if raster.run(y, first, count as usize, state, fresh) {
                return Ok(());
            }
            // Outside the raster: a list from here on, which starts in
            // order whatever overlaps the raster had.
            self.cells = raster.to_list();
            self.raster = None;
            self.ordered = self.cells.last().is_none_or(|c| (c.y, c.x) < (y, first));
        }
        self.cells
            .extend((first..=last).map(|x| crate::Cell { y, x, state }));
        Ok(())
    }

    /// Adds one row of text, one character per cell, whose first cell is at
    /// (`y`, `left`): bytes for which `alive` holds are live cells, `.` is
    /// empty, anything else is an error naming `expected`. `number` is the
    /// line's number, for errors.
    pub(crate) fn row(
        &mut self,
        line: &str,
        number: usize,
        (y, left): (i64, i64),
        alive: impl Fn(u8) -> bool,
        expected: &'static str,
    ) -> Result<(), ParseError> {
        let bytes = line.as_bytes();
        let mut at = 0;
        // Every byte before `at` is ASCII (anything else is refused), so a
        // byte offset is a column.
        while let Some(&byte) = bytes.get(at) {
            if byte == b'.' {
                at += 1;
                continue;
            }
            if !alive(byte) {
                return Err(unexpected(line, number, at + 1, expected));
            }
            let run = bytes[at..].iter().take_while(|&&b| alive(b)).count();
            self.run(y, left + at as i64, run as i64, crate::State::ALIVE)
                .map_err(|kind| ParseError::new(number, at + 1, kind))?;
            at += run;
        }
        Ok(())
    }

    pub(crate) fn finish(self, pattern: &mut Pattern) {
        if let Some(raster) = self.raster {
            pattern.set_raster(raster);
        } else if self.ordered {
            pattern.set_ordered_cells(self.cells);
        } else {
            pattern.set_cells(self.cells);
        }
    }
}
