//! Patterns: cells and what is known about them, independent of any grid.

use std::sync::{Arc, OnceLock};

use thiserror::Error;

use crate::format::macrocell::{Bounds, ExpandError, Macrocell};
use crate::format::raster::Raster;
use crate::{Grid, GridError, Rule, State};

/// One non-empty cell of a [`Pattern`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Cell {
    /// Row (grows downwards).
    pub y: i32,
    /// Column (grows to the right).
    pub x: i32,
    /// The cell's state (never empty).
    pub state: State,
}

impl Cell {
    /// A live cell at row `y`, column `x`.
    pub const fn alive(y: i32, x: i32) -> Cell {
        Cell {
            y,
            x,
            state: State::ALIVE,
        }
    }
}

/// The smallest rectangle holding every cell of a pattern (inclusive bounds).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Rect {
    /// First row.
    pub top: i32,
    /// First column.
    pub left: i32,
    /// Last row.
    pub bottom: i32,
    /// Last column.
    pub right: i32,
}

impl Rect {
    /// Number of rows.
    pub fn height(&self) -> u64 {
        (i64::from(self.bottom) - i64::from(self.top) + 1) as u64
    }

    /// Number of columns.
    pub fn width(&self) -> u64 {
        (i64::from(self.right) - i64::from(self.left) + 1) as u64
    }

    /// The smallest rectangle holding both.
    pub fn union(self, other: Rect) -> Rect {
        Rect {
            top: self.top.min(other.top),
            left: self.left.min(other.left),
            bottom: self.bottom.max(other.bottom),
            right: self.right.max(other.right),
        }
    }
}

/// A pattern as pattern files describe it: its non-empty cells, and
/// optionally a name, an author, comments and a rule (whose `:T` suffix, if
/// any, gives the torus it was meant for).
///
/// Cells are kept sorted by row, then column, one entry per position; a
/// pattern never holds an empty cell. (A large dense pattern read from a
/// file is kept as a raster of states, one byte a cell, and listed only
/// when [`cells`](Pattern::cells) is first asked for: putting it on a grid
/// copies rows. A pattern read from a macrocell file keeps its tree
/// ([`macrocell`](Pattern::macrocell)), whose cells are listed only when
/// asked for, and only if they are few enough: see
/// [`try_cells`](Pattern::try_cells).)
///
/// ```
/// use corolife::{Grid, Pattern, Placement, State};
///
/// let glider = Pattern::from_cells([(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)]
///     .map(|(y, x)| corolife::Cell { y, x, state: State::ALIVE }));
/// let grid = Grid::from_pattern(&glider, 5, 9, Placement::At { row: 0, col: 2 })?;
/// assert_eq!(grid.to_string(), "---*-----\n----*----\n--***----\n---------\n---------\n");
/// # Ok::<(), corolife::PlaceError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Pattern {
    /// The pattern's name (`#N` in RLE, `!Name:` in plaintext).
    pub name: Option<String>,
    /// Who found or wrote it (`#O` in RLE).
    pub author: Option<String>,
    /// Free-text comment lines, in file order.
    pub comments: Vec<String>,
    /// The rule it runs under, if the file says.
    pub rule: Option<Rule>,
    /// The generation the cells are at (`#CXRLE Gen=` in RLE; 0 unless
    /// the file says).
    pub generation: u64,
    /// Whether the file put the cells at coordinates of its own (`#CXRLE
    /// Pos=` or `#P` in RLE, `#P` in Life 1.05, Life 1.06's absolute
    /// cells) rather than with its box's top-left corner at (0, 0).
    pub positioned: bool,
    cells: Cells,
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        (
            &self.name,
            &self.author,
            &self.comments,
            self.rule,
            self.generation,
        ) == (
            &other.name,
            &other.author,
            &other.comments,
            other.rule,
            other.generation,
        ) && self.same_cells(other)
    }
}

impl Pattern {
    /// Whether both have the same cells. Trees too large to list are
    /// compared node by node in canonical form, which tells apart the same
    /// cells under roots of different levels: such patterns compare unequal.
    fn same_cells(&self, other: &Pattern) -> bool {
        match (self.try_cells(), other.try_cells()) {
            (Ok(mine), Ok(theirs)) => mine == theirs,
            (Err(_), Err(_)) => match (self.macrocell(), other.macrocell()) {
                (Some(mine), Some(theirs)) => {
                    Arc::ptr_eq(mine, theirs) || mine.canonical().nodes == theirs.canonical().nodes
                }
                _ => false,
            },
            _ => false,
        }
    }
}

impl Eq for Pattern {}

/// A pattern's cells, listed, as a raster or as a macrocell tree.
#[derive(Clone, Debug)]
enum Cells {
    /// Sorted by row, then column, one entry per position, none empty.
    List(Vec<Cell>),
    Raster(Box<Raster>),
    Tree(Box<Tree>),
}

/// A macrocell tree, what it says of its cells, and its cells once listed.
#[derive(Clone, Debug)]
struct Tree {
    macrocell: Arc<Macrocell>,
    population: u128,
    bounds: Option<Bounds>,
    list: OnceLock<Result<Vec<Cell>, ExpandError>>,
}

impl Default for Cells {
    fn default() -> Cells {
        Cells::List(Vec::new())
    }
}

/// Where [`Grid::from_pattern`] puts a pattern.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Placement {
    /// The bounding box's top-left corner at row `(rows - h) / 2`, column
    /// `(cols - w) / 2` (integer division).
    #[default]
    Centre,
    /// The bounding box's top-left corner at (`row`, `col`), wrapped onto the
    /// torus.
    At {
        /// Row of the top-left corner.
        row: i32,
        /// Column of the top-left corner.
        col: i32,
    },
}

/// Why a pattern could not be put on a grid.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
pub enum PlaceError {
    /// The bounding box is taller or wider than the torus.
    #[error(
        "the pattern is {height}x{width} (rows x columns) and does not fit a {rows}x{cols} grid"
    )]
    DoesNotFit {
        /// Rows of the pattern's bounding box.
        height: u64,
        /// Columns of the pattern's bounding box.
        width: u64,
        /// Rows of the grid.
        rows: usize,
        /// Columns of the grid.
        cols: usize,
    },
    /// The grid could not be made.
    #[error(transparent)]
    Grid(#[from] GridError),
    /// The pattern is a macrocell tree too large to list as cells.
    #[error(transparent)]
    Expand(#[from] ExpandError),
}

impl Pattern {
    /// A pattern with these cells and no metadata. Empty cells are dropped;
    /// where a position is given twice, the last state wins.
    pub fn from_cells(cells: impl IntoIterator<Item = Cell>) -> Pattern {
        let mut pattern = Pattern::default();
        pattern.set_cells(cells.into_iter().collect());
        pattern
    }

    /// Replaces the cells (with the same clean-up as
    /// [`from_cells`](Pattern::from_cells)).
    pub fn set_cells(&mut self, mut cells: Vec<Cell>) {
        let ordered = cells
            .windows(2)
            .all(|pair| (pair[0].y, pair[0].x) < (pair[1].y, pair[1].x));
        if !ordered {
            // A stable sort keeps the file order of repeated positions, so
            // keeping the last of each run keeps the last one written.
            cells.sort_by_key(|cell| (cell.y, cell.x));
            cells.reverse();
            cells.dedup_by_key(|cell| (cell.y, cell.x));
            cells.reverse();
        }
        cells.retain(|cell| !cell.state.is_empty());
        self.cells = Cells::List(cells);
    }

    /// Replaces the cells with `cells`, already non-empty, ordered by row,
    /// then column, and with no position twice.
    pub(crate) fn set_ordered_cells(&mut self, cells: Vec<Cell>) {
        debug_assert!(
            cells
                .windows(2)
                .all(|pair| (pair[0].y, pair[0].x) < (pair[1].y, pair[1].x))
                && cells.iter().all(|cell| !cell.state.is_empty())
        );
        self.cells = Cells::List(cells);
    }

    /// Replaces the cells with those of `raster`.
    pub(crate) fn set_raster(&mut self, raster: Raster) {
        self.cells = Cells::Raster(Box::new(raster));
    }

    /// The pattern of a macrocell tree, with its metadata; positioned,
    /// as a macrocell file puts its cells at coordinates of its own. The
    /// tree is kept ([`macrocell`](Pattern::macrocell)) and its cells
    /// listed only when asked for.
    pub fn from_macrocell(tree: impl Into<Arc<Macrocell>>) -> Pattern {
        let macrocell: Arc<Macrocell> = tree.into();
        Pattern {
            name: macrocell.name.clone(),
            author: macrocell.author.clone(),
            comments: macrocell.comments.clone(),
            rule: macrocell.rule,
            generation: macrocell.generation,
            positioned: true,
            cells: Cells::Tree(Box::new(Tree {
                population: macrocell.population(),
                bounds: macrocell.bounds(),
                macrocell,
                list: OnceLock::new(),
            })),
        }
    }

    /// The macrocell tree the pattern was read as, for engines that take
    /// a tree whole; `None` for a pattern of listed cells. Its nodes are
    /// the pattern's cells; the pattern's own fields (rule, generation,
    /// name, …) are the ones to use, as they may have been changed since.
    pub fn macrocell(&self) -> Option<&Arc<Macrocell>> {
        match &self.cells {
            Cells::Tree(tree) => Some(&tree.macrocell),
            _ => None,
        }
    }

    /// The non-empty cells, by row, then column.
    ///
    /// A macrocell tree is listed the first time (see
    /// [`try_cells`](Pattern::try_cells)); one too large to list gives no
    /// cells here, so code that puts cells on a grid or writes them calls
    /// [`try_cells`](Pattern::try_cells) instead.
    pub fn cells(&self) -> &[Cell] {
        match &self.cells {
            Cells::List(cells) => cells,
            Cells::Raster(raster) => raster.cells(),
            Cells::Tree(_) => self.try_cells().unwrap_or_default(),
        }
    }

    /// The non-empty cells, by row, then column, or why a macrocell tree
    /// cannot be listed: more than [`MAX_CELLS`](crate::format::MAX_CELLS)
    /// cells, or cells beyond the `i32` range. Only a tree can fail.
    ///
    /// ```
    /// use corolife::format::{self, macrocell::ExpandError};
    ///
    /// // A level-63 square full of copies of one 8x8 leaf.
    /// let mut text = String::from("[M2]\n********$\n");
    /// for level in 4..=63 {
    ///     let n = level - 3;
    ///     text += &format!("{level} {n} {n} {n} {n}\n");
    /// }
    /// let huge = format::parse(&text, None)?;
    /// assert_eq!(huge.population(), usize::MAX);
    /// assert_eq!(huge.macrocell().map(|tree| tree.population()), Some(1 << 123));
    /// assert!(matches!(huge.try_cells(), Err(ExpandError::TooManyCells { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_cells(&self) -> Result<&[Cell], ExpandError> {
        match &self.cells {
            Cells::Tree(tree) => match tree.list.get_or_init(|| tree.macrocell.cells()) {
                Ok(cells) => Ok(cells),
                Err(error) => Err(*error),
            },
            _ => Ok(self.cells()),
        }
    }

    /// The number of non-empty cells (for a macrocell tree, counted on the
    /// tree, at most `usize::MAX`).
    pub fn population(&self) -> usize {
        match &self.cells {
            Cells::List(cells) => cells.len(),
            Cells::Raster(raster) => raster.population(),
            Cells::Tree(tree) => usize::try_from(tree.population).unwrap_or(usize::MAX),
        }
    }

    /// The smallest rectangle holding every cell, or `None` for an empty
    /// pattern. (For a macrocell tree, found on the tree and clamped to the
    /// `i32` range; [`Macrocell::bounds`] gives it in `i64`.)
    pub fn bounding_box(&self) -> Option<Rect> {
        let cells = match &self.cells {
            Cells::List(cells) => cells,
            Cells::Raster(raster) => return raster.bounds(),
            Cells::Tree(tree) => {
                let clamp = |v: i64| v.clamp(i32::MIN.into(), i32::MAX.into()) as i32;
                return tree.bounds.map(|b| Rect {
                    top: clamp(b.top),
                    left: clamp(b.left),
                    bottom: clamp(b.bottom),
                    right: clamp(b.right),
                });
            }
        };
        let first = cells.first()?;
        let last = cells.last()?;
        let (left, right) = cells.iter().fold((i32::MAX, i32::MIN), |(lo, hi), c| {
            (lo.min(c.x), hi.max(c.x))
        });
        Some(Rect {
            top: first.y,
            left,
            bottom: last.y,
            right,
        })
    }

    /// The same pattern moved so that its bounding box starts at (0, 0).
    ///
    /// A pattern more than 2³¹ cells tall or wide (wider than any grid) has
    /// offsets beyond `i32`; they wrap around.
    pub fn normalized(&self) -> Pattern {
        let Some(bounds) = self.bounding_box() else {
            return self.clone();
        };
        Pattern::from_cells(self.cells().iter().map(|c| Cell {
            y: c.y.wrapping_sub(bounds.top),
            x: c.x.wrapping_sub(bounds.left),
            state: c.state,
        }))
        .with_metadata_of(self)
    }

    /// This pattern's cells with the name, author, comments and rule of
    /// `other`.
    fn with_metadata_of(mut self, other: &Pattern) -> Pattern {
        self.name.clone_from(&other.name);
        self.author.clone_from(&other.author);
        self.comments.clone_from(&other.comments);
        self.rule = other.rule;
        self.generation = other.generation;
        self
    }
}

impl From<Macrocell> for Pattern {
    fn from(tree: Macrocell) -> Pattern {
        Pattern::from_macrocell(tree)
    }
}

impl Grid {
    /// A `rows` × `cols` torus holding `pattern`, placed by `placement`.
    ///
    /// A pattern whose bounding box is taller or wider than the torus is an
    /// error, never silently cropped, and so is a macrocell tree too large
    /// to list ([`Pattern::try_cells`]).
    pub fn from_pattern(
        pattern: &Pattern,
        rows: usize,
        cols: usize,
        placement: Placement,
    ) -> Result<Grid, PlaceError> {
        pattern.try_cells()?;
        let mut grid = Grid::new(rows, cols)?;
        let Some(bounds) = pattern.bounding_box() else {
            return Ok(grid);
        };
        let (height, width) = (bounds.height(), bounds.width());
        if height > rows as u64 || width > cols as u64 {
            return Err(PlaceError::DoesNotFit {
                height,
                width,
                rows,
                cols,
            });
        }
        // Both fit the grid, whose sides are at most 2^30.
        let (top, left) = match placement {
            Placement::Centre => (
                ((rows as u64 - height) / 2) as i64,
                ((cols as u64 - width) / 2) as i64,
            ),
            Placement::At { row, col } => (i64::from(row), i64::from(col)),
        };
        let (dy, dx) = (top - i64::from(bounds.top), left - i64::from(bounds.left));
        let cells = grid.cells_mut();
        if let Cells::Raster(raster) = &pattern.cells {
            // Row by row, each in at most two pieces around the torus.
            let x = left.rem_euclid(cols as i64) as usize;
            for (y, row) in raster.rows(bounds) {
                let y = (i64::from(y) + dy).rem_euclid(rows as i64) as usize;
                let (wrapped_to, to) = cells[y * cols..(y + 1) * cols].split_at_mut(x);
                let (first, wrapped) = row.split_at(row.len().min(cols - x));
                for (to, from) in [(to, first), (wrapped_to, wrapped)] {
                    for (cell, &state) in to.iter_mut().zip(from) {
                        *cell = State::new(state);
                    }
                }
            }
            return Ok(grid);
        }
        let fits = top >= 0
            && left >= 0
            && top + height as i64 <= rows as i64
            && left + width as i64 <= cols as i64;
        if fits {
            // The usual case, and a large pattern's: no cell wraps.
            for cell in pattern.cells() {
                let y = (i64::from(cell.y) + dy) as usize;
                let x = (i64::from(cell.x) + dx) as usize;
                cells[y * cols + x] = cell.state;
            }
        } else {
            for cell in pattern.cells() {
                let y = (i64::from(cell.y) + dy).rem_euclid(rows as i64) as usize;
                let x = (i64::from(cell.x) + dx).rem_euclid(cols as i64) as usize;
                cells[y * cols + x] = cell.state;
            }
        }
        Ok(grid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_sorted_deduplicated_and_never_empty() {
        let pattern = Pattern::from_cells([
            Cell::alive(2, 0),
            Cell::alive(0, 5),
            Cell {
                y: 0,
                x: 5,
                state: State::new(2),
            },
            Cell {
                y: 1,
                x: 1,
                state: State::EMPTY,
            },
        ]);
        assert_eq!(
            pattern.cells(),
            [
                Cell {
                    y: 0,
                    x: 5,
                    state: State::new(2)
                },
                Cell::alive(2, 0)
            ]
        );
    }

    #[test]
    fn bounding_box_ignores_position_of_origin() {
        let pattern =
            Pattern::from_cells([Cell::alive(-3, 4), Cell::alive(2, -1), Cell::alive(0, 7)]);
        let bounds = pattern.bounding_box().expect("not empty");
        assert_eq!(
            bounds,
            Rect {
                top: -3,
                left: -1,
                bottom: 2,
                right: 7
            }
        );
        assert_eq!((bounds.height(), bounds.width()), (6, 9));
        assert_eq!(Pattern::default().bounding_box(), None);
    }

    #[test]
    fn normalizing_moves_the_box_to_the_origin_even_for_huge_spans() {
        let pattern = Pattern::from_cells([Cell::alive(-3, 4), Cell::alive(2, -1)]);
        let moved = pattern.normalized();
        assert_eq!(moved.cells(), [Cell::alive(0, 5), Cell::alive(5, 0)]);
        // Spanning the whole i32 range: no overflow panic.
        let wide = Pattern::from_cells([Cell::alive(0, i32::MIN), Cell::alive(0, i32::MAX)]);
        assert_eq!(wide.normalized().population(), 2);
    }

    #[test]
    fn centring_uses_integer_division() {
        // A 1x3 blinker in a 5x6 grid: top (5-1)/2 = 2, left (6-3)/2 = 1.
        let blinker =
            Pattern::from_cells([Cell::alive(7, 7), Cell::alive(7, 8), Cell::alive(7, 9)]);
        let grid = Grid::from_pattern(&blinker, 5, 6, Placement::Centre).expect("fits");
        assert_eq!(grid.to_string(), "------\n------\n-***--\n------\n------\n");
    }

    #[test]
    fn placement_at_wraps_and_exact_fits_are_allowed() {
        let blinker =
            Pattern::from_cells([Cell::alive(0, 0), Cell::alive(0, 1), Cell::alive(0, 2)]);
        // Row -1 is the last row; columns 2, 3 and then 0 after wrapping.
        let grid =
            Grid::from_pattern(&blinker, 2, 4, Placement::At { row: -1, col: 2 }).expect("fits");
        assert_eq!(grid.to_string(), "----\n*-**\n");
        let exact = Grid::from_pattern(&blinker, 1, 3, Placement::Centre).expect("fits exactly");
        assert_eq!(exact.to_string(), "***\n");
    }

    #[test]
    fn too_large_patterns_are_refused() {
        let bar = Pattern::from_cells((0..4).map(|x| Cell::alive(0, x)));
        assert_eq!(
            Grid::from_pattern(&bar, 3, 3, Placement::Centre),
            Err(PlaceError::DoesNotFit {
                height: 1,
                width: 4,
                rows: 3,
                cols: 3
            })
        );
    }
}
