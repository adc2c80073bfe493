//! The toroidal grid the environment owns.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use crate::State;
use crate::budget::{self, MemoryError};

/// The largest number of rows or columns a grid may have.
///
/// Cells query neighbours at small offsets from their own `i32` coordinates;
/// keeping each side at most 2³⁰ leaves room for those offsets.
pub const MAX_SIDE: usize = 1 << 30;

/// The size of a grid or of a torus: rows and columns, named.
///
/// Wherever the crate takes the two numbers positionally it takes rows
/// first, as `--size ROWSxCOLS` writes them: [`Grid::new(rows, cols)`](Grid::new),
/// [`Grid::from_pattern(pattern, rows, cols, …)`](Grid::from_pattern),
/// [`soup(rows, cols, seed)`](crate::soup::soup). Only text written for
/// Golly puts the width first: a rule's `:Tw,h` suffix (`:T80,40` is 80
/// columns by 40 rows).
///
/// ```
/// use corolife::{Grid, Rule, Size};
///
/// let rule: Rule = "B3/S23:T80,40".parse()?;
/// assert_eq!(rule.torus(), Some(Size { rows: 40, cols: 80 }));
/// assert_eq!(Grid::new(40, 80)?.size(), Size { rows: 40, cols: 80 });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Size {
    /// Number of rows: the height.
    pub rows: usize,
    /// Number of columns: the width.
    pub cols: usize,
}

/// A `rows` × `cols` torus of cells, stored row by row, one byte per cell.
///
/// [`query`](Grid::query) and [`assign`](Grid::assign) wrap their
/// coordinates, so the grid behaves like an endless looping space: row `-1`
/// is the last row, column `cols` is the first column.
///
/// ```
/// use corolife::{Grid, State};
///
/// let mut grid = Grid::new(3, 4)?;
/// grid.assign(-1, 5, State::ALIVE); // row 2, column 1
/// assert_eq!(grid.query(2, 1), State::ALIVE);
/// assert_eq!(grid.population(), 1);
/// assert_eq!(grid.to_string(), "----\n----\n-*--\n");
/// # Ok::<(), corolife::GridError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Grid {
    rows: usize,
    cols: usize,
    cells: Vec<State>,
}

/// Why a grid could not be made.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
pub enum GridError {
    /// A dimension is zero.
    #[error("a grid needs at least one row and one column, not {rows}x{cols}")]
    Empty {
        /// Rows asked for.
        rows: usize,
        /// Columns asked for.
        cols: usize,
    },
    /// A side is longer than [`MAX_SIDE`], or the cell count overflows.
    #[error("a {rows}x{cols} grid is too large (at most {MAX_SIDE} rows and {MAX_SIDE} columns)")]
    TooLarge {
        /// Rows asked for.
        rows: usize,
        /// Columns asked for.
        cols: usize,
    },
    /// The grid is over the memory budget, or the allocator refused it.
    #[error(transparent)]
    Memory(#[from] MemoryError),
}

/// Why a grid could not be read from text.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
pub enum GridParseError {
    /// No rows at all.
    #[error("no rows")]
    Empty,
    /// A row longer or shorter than the first.
    #[error("line {line}: expected {expected} cells, found {found}")]
    Ragged {
        /// 1-based line number.
        line: usize,
        /// Width of the first row.
        expected: usize,
        /// Width of this row.
        found: usize,
    },
    /// A character that is not a state symbol.
    #[error("line {line}, column {column}: expected '*' or '-', found '{}'", crate::escape::char(*.found))]
    Symbol {
        /// 1-based line number.
        line: usize,
        /// 1-based column number.
        column: usize,
        /// The character found.
        found: char,
    },
    /// The grid could not be made.
    #[error(transparent)]
    Grid(#[from] GridError),
}

/// Wraps `v` onto `0..n` (Euclidean remainder, so `-1` becomes `n - 1`).
#[inline]
pub(crate) fn wrap(v: i32, n: usize) -> usize {
    // `n` is at most MAX_SIDE, so it fits an i32.
    if (v as u32 as usize) < n {
        v as usize
    } else {
        v.rem_euclid(n as i32) as usize
    }
}

impl Grid {
    /// An empty grid of `rows` × `cols` cells.
    ///
    /// Refuses a zero dimension, a side over [`MAX_SIDE`], and a size over
    /// the memory [`budget`] or that the allocator cannot
    /// provide, before touching the memory.
    pub fn new(rows: usize, cols: usize) -> Result<Grid, GridError> {
        if rows == 0 || cols == 0 {
            return Err(GridError::Empty { rows, cols });
        }
        let cells = rows
            .checked_mul(cols)
            .filter(|&n| rows <= MAX_SIDE && cols <= MAX_SIDE && n <= isize::MAX as usize)
            .ok_or(GridError::TooLarge { rows, cols })?;
        let storage = budget::filled(cells, State::EMPTY, || format!("a {rows}x{cols} grid"))?;
        Ok(Grid {
            rows,
            cols,
            cells: storage,
        })
    }

    /// Number of rows (the torus's height).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns (the torus's width).
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Rows and columns.
    pub fn size(&self) -> Size {
        Size {
            rows: self.rows,
            cols: self.cols,
        }
    }

    /// The state at row `y`, column `x`, wrapping both onto the torus.
    #[inline]
    pub fn query(&self, y: i32, x: i32) -> State {
        self.cells[wrap(y, self.rows) * self.cols + wrap(x, self.cols)]
    }

    /// Sets the state at row `y`, column `x`, wrapping both onto the torus.
    #[inline]
    pub fn assign(&mut self, y: i32, x: i32, state: State) {
        let index = wrap(y, self.rows) * self.cols + wrap(x, self.cols);
        self.cells[index] = state;
    }

    /// The number of cells that are not empty.
    pub fn population(&self) -> usize {
        self.cells.iter().filter(|s| !s.is_empty()).count()
    }

    /// Every cell, row after row.
    pub fn cells(&self) -> &[State] {
        &self.cells
    }

    /// Every cell, row after row, for writing.
    pub fn cells_mut(&mut self) -> &mut [State] {
        &mut self.cells
    }

    /// Row `r` (not wrapped).
    ///
    /// # Panics
    ///
    /// If `r` is not below [`rows`](Grid::rows).
    pub fn row(&self, r: usize) -> &[State] {
        &self.cells[r * self.cols..(r + 1) * self.cols]
    }

    /// The rows, top to bottom.
    pub fn iter_rows(&self) -> std::slice::ChunksExact<'_, State> {
        self.cells.chunks_exact(self.cols)
    }

    /// Makes every cell empty.
    pub fn clear(&mut self) {
        self.cells.fill(State::EMPTY);
    }

    /// A 0×0 stand-in for a buffer not sized yet; only
    /// [`try_match_size`](Grid::try_match_size) may follow.
    pub(crate) const fn placeholder() -> Grid {
        Grid {
            rows: 0,
            cols: 0,
            cells: Vec::new(),
        }
    }

    /// Makes this grid the same size as `other` (keeping its allocation when
    /// the size already matches), fallibly: on refusal it is left empty, a
    /// placeholder. The contents are unspecified afterwards.
    pub(crate) fn try_match_size(&mut self, other: &Grid) -> Result<(), GridError> {
        if self.rows != other.rows || self.cols != other.cols {
            *self = Grid::placeholder();
            *self = Grid::new(other.rows, other.cols)?;
        }
        Ok(())
    }
}

/// The text format's character for each state, as a byte: every symbol is
/// ASCII.
const SYMBOLS: [u8; 256] = {
    let mut symbols = [0u8; 256];
    let mut value = 0;
    while value < 256 {
        symbols[value] = State::new(value as u8).symbol() as u8;
        value += 1;
    }
    symbols
};

impl fmt::Display for Grid {
    /// The text format: one line per row, `*` alive and `-` empty, each line
    /// ending in a newline.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Whole lines of bytes at a time: a large grid is millions of
        // characters.
        let mut lines = Vec::with_capacity((self.cols + 1) * self.rows.min(64));
        for rows in self.cells.chunks(self.cols * 64) {
            lines.clear();
            for row in rows.chunks_exact(self.cols) {
                lines.extend(row.iter().map(|s| SYMBOLS[usize::from(s.value())]));
                lines.push(b'\n');
            }
            f.write_str(std::str::from_utf8(&lines).map_err(|_| fmt::Error)?)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Grid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Grid {}x{}\n{self}", self.rows, self.cols)
    }
}

impl FromStr for Grid {
    type Err = GridParseError;

    /// Reads the text format written by `Display`: rows of `*` and `-` (and
    /// the letters `B`…`X` of multi-state rules), all of the same width.
    fn from_str(text: &str) -> Result<Grid, GridParseError> {
        let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
        let cols = lines.first().map_or(0, |l| l.chars().count());
        if lines.is_empty() || cols == 0 {
            return Err(GridParseError::Empty);
        }
        let mut grid = Grid::new(lines.len(), cols)?;
        for (r, line) in lines.iter().enumerate() {
            let found = line.chars().count();
            if found != cols {
                return Err(GridParseError::Ragged {
                    line: r + 1,
                    expected: cols,
                    found,
                });
            }
            for (c, ch) in line.chars().enumerate() {
                let state = match ch {
                    '-' => State::EMPTY,
                    '*' => State::ALIVE,
                    'B'..='X' => State::new(ch as u8 - b'A' + 1),
                    _ => {
                        return Err(GridParseError::Symbol {
                            line: r + 1,
                            column: c + 1,
                            found: ch,
                        });
                    }
                };
                grid.cells[r * cols + c] = state;
            }
        }
        Ok(grid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_wrap_both_ways() {
        let mut grid = Grid::new(3, 5).expect("small grid");
        grid.assign(0, 0, State::ALIVE);
        for (y, x) in [(0, 0), (3, 5), (-3, -5), (6, 10), (-300, 500)] {
            assert_eq!(grid.query(y, x), State::ALIVE, "({y}, {x})");
        }
        assert_eq!(grid.query(-1, -1), State::EMPTY);
        grid.assign(-1, -1, State::ALIVE);
        assert_eq!(grid.query(2, 4), State::ALIVE);
        assert_eq!(
            grid.query(i32::MIN, i32::MAX),
            grid.query(i32::MIN.rem_euclid(3), i32::MAX.rem_euclid(5))
        );
    }

    #[test]
    fn zero_and_absurd_sizes_are_refused_before_allocating() {
        assert_eq!(Grid::new(0, 5), Err(GridError::Empty { rows: 0, cols: 5 }));
        assert_eq!(Grid::new(5, 0), Err(GridError::Empty { rows: 5, cols: 0 }));
        assert!(matches!(
            Grid::new(MAX_SIDE + 1, 1),
            Err(GridError::TooLarge { .. })
        ));
        assert!(matches!(
            Grid::new(usize::MAX, 2),
            Err(GridError::TooLarge { .. })
        ));
        // 2^60 bytes: no allocator will give that.
        assert!(matches!(
            Grid::new(MAX_SIDE, MAX_SIDE),
            Err(GridError::Memory(_) | GridError::TooLarge { .. })
        ));
    }

    #[test]
    fn text_round_trips() {
        let text = "---*-\n-*---\n";
        let grid: Grid = text.parse().expect("valid grid text");
        assert_eq!((grid.rows(), grid.cols()), (2, 5));
        assert_eq!(grid.population(), 2);
        assert_eq!(grid.to_string(), text);
    }

    #[test]
    fn bad_text_says_where() {
        assert_eq!("".parse::<Grid>(), Err(GridParseError::Empty));
        assert_eq!(
            "--\n---\n".parse::<Grid>(),
            Err(GridParseError::Ragged {
                line: 2,
                expected: 2,
                found: 3
            })
        );
        assert_eq!(
            "--\n-o\n".parse::<Grid>(),
            Err(GridParseError::Symbol {
                line: 2,
                column: 2,
                found: 'o'
            })
        );
    }

    #[test]
    fn every_state_prints_as_its_symbol() {
        let mut grid = Grid::new(3, 30).expect("grid");
        for (i, cell) in grid.cells_mut().iter_mut().enumerate() {
            *cell = State::new((i * 7 % 256) as u8);
        }
        let expected: String = grid
            .iter_rows()
            .flat_map(|row| row.iter().map(|s| s.symbol()).chain(['\n']))
            .collect();
        assert_eq!(grid.to_string(), expected);
    }

    #[test]
    fn equality_compares_size_and_cells() {
        let a = Grid::new(2, 3).expect("grid");
        let b = Grid::new(3, 2).expect("grid");
        assert_ne!(a, b);
        let mut c = a.clone();
        assert_eq!(a, c);
        c.assign(1, 1, State::ALIVE);
        assert_ne!(a, c);
    }
}
