//! Golly's macrocell format (`.mc`): a pattern as the quadtree HashLife
//! keeps it, each distinct square written once.
//!
//! Specification: Golly's help, "File formats: Macrocell", and the reader
//! and writer of Golly's `hlifealgo.cpp` (two states) and `ghashbase.cpp`
//! (multistate), whose behaviour this module follows.
//!
//! ```text
//! [M2] (golly 4.3)
//! #R B3/S23
//! #G 120
//! .*$..*$***$
//! 4 0 1 0 0
//! ```
//!
//! # The file
//!
//! * The first line starts with `[M2]`; anything after it (Golly writes
//!   the program and its version) is ignored.
//! * `#R rule` is the rule, read with the crate's [`Rule`] parser (an
//!   unknown rule is an error naming its line); `#G n` the generation, any
//!   `u64`; `#N` the name, `#O` the author, `#C` and `#D` comment lines.
//!   Golly's timeline lines (`#FRAMES`, `#FRAME`) and other `#` lines are
//!   skipped, and so are blank lines.
//! * Every other line is a node, numbered from 1 in file order. A node
//!   refers to its four quadrants — north-west, north-east, south-west,
//!   south-east — by number: an earlier node one level down, or 0 for an
//!   empty square. The last node is the root.
//! * A node of level `L` is a square of side 2^`L`. Two-state files (all
//!   of Golly's HashLife patterns) have 8×8 leaves of level 3, written as
//!   up to 8 rows of `.` (dead) and `*` (alive), each ended by `$`, top row
//!   first (dead cells at the end of a row and empty rows at the end are
//!   left out: `$$*$` is a cell in the third row), and nodes of level 4
//!   and up as `LEVEL NW NE SW SE`.
//! * Multistate files have 2×2 leaves of level 1, `1 NW NE SW SE` with the
//!   four cells' states (0 to 255, [`State`]'s range), and nodes of level 2
//!   and up as above. Golly's two-state reader takes this form too, so
//!   one file may mix both.
//!
//! The reader ([`parse`]) checks everything Golly relies on: a child must
//! be an earlier node of the level below (or 0), levels run from 1 to
//! [`MAX_LEVEL`], 8×8 leaves hold at most 8 rows of 8 cells, and the last
//! node (the root) is of the highest level, as it is in every file Golly
//! writes (a file whose last node is lower was cut short; a file with a
//! timeline, `#FRAME` lines, is not checked for this). A file with the
//! header but no node is an empty pattern, as Golly writes one.
//!
//! # Where the root sits
//!
//! A root of level `L` covers the columns −2^(`L`−1) … 2^(`L`−1) − 1 and
//! the rows −2^(`L`−1) + 1 … 2^(`L`−1) (rows grow downwards, as
//! everywhere in corolife): its top-left cell is at
//! x = −2^(`L`−1), y = 1 − 2^(`L`−1) ([`corner`]). This is where Golly puts
//! it: Golly's HashLife keeps its root centred on the origin with y growing
//! *upwards* (its `setcell` and `getcell` negate y), so the root's
//! upper half is rows 0 … −(2^(`L`−1) − 1) of Golly's screen and its lower
//! half rows 1 … 2^(`L`−1). A file written by corolife and read by Golly,
//! or the other way round, keeps every cell at the coordinates that an RLE
//! file with `#CXRLE Pos=x,y` gives it.
//!
//! # Node numbers
//!
//! [`Macrocell::nodes`] holds the nodes in file order: node number `n` is
//! `nodes[n − 1]`, and 0 stands for an empty square of whatever size its
//! place calls for. The writer ([`Macrocell::write`], and [`write()`] for a
//! [`Pattern`](crate::Pattern)) numbers nodes as Golly does: depth first from the root,
//! quadrants in the order NW, NE, SW, SE, each node after its quadrants
//! and each distinct square once ([`Macrocell::canonical`]), so that
//! corolife and Golly write the same tree the same way.
//!
//! Building a tree from cells ([`Macrocell::from_cells`]) shares identical
//! squares and chooses 8×8 leaves when every state is 0 or 1, 2×2 leaves
//! otherwise. The population ([`Macrocell::population`]) and bounding box
//! ([`Macrocell::bounds`]) come from the tree, one pass over its nodes;
//! only [`Macrocell::cells`] lists cells, and it refuses more than
//! [`MAX_CELLS`] of them or any beyond the `i32`
//! range.
//!
//! ```
//! use corolife::format::{self, macrocell::Macrocell};
//! use corolife::Cell;
//!
//! // A glider in rows 1 to 3: the top-left of a level-4 root's south-east
//! // quadrant is row 1, column 0.
//! let glider = [(1, 1), (2, 2), (3, 0), (3, 1), (3, 2)].map(|(y, x)| Cell::alive(y, x));
//! let tree = Macrocell::from_cells(&glider);
//! assert_eq!(tree.write(), "[M2] (corolife 0.1.0)\n#R B3/S23\n.*$..*$***$\n4 0 0 0 1\n");
//! assert_eq!((tree.population(), tree.level()), (5, 4));
//!
//! let pattern = format::parse(&tree.write(), None)?;
//! assert_eq!(pattern.cells(), glider);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod build;
mod reader;
#[cfg(test)]
mod tests;
mod writer;

use std::fmt;

use thiserror::Error;

use crate::format::MAX_CELLS;
use crate::{Cell, Rule, State};

pub(crate) use self::reader::is_header;
pub use self::reader::parse;
pub use self::writer::write;

/// The highest level a node may have: a root of this level spans 2^63
/// cells a side, the most whose coordinates fit `i64`.
pub const MAX_LEVEL: u32 = 63;

/// One node of a macrocell file.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Node {
    /// A two-state 8×8 leaf (level 3): bit `c` of byte `r` is the cell in
    /// row `r`, column `c` (row 0 at the top, column 0 at the left).
    Leaf8([u8; 8]),
    /// A multistate level-1 node: the states of its four cells, north-west,
    /// north-east, south-west, south-east.
    Leaf2([State; 4]),
    /// A node of `level` (4 and up in two-state files, 2 and up in
    /// multistate ones): its quadrants north-west, north-east, south-west,
    /// south-east, each a node number (1 for the first node) or 0 for an
    /// empty square.
    Inner {
        /// The node's level: it is a square of side `2^level`.
        level: u32,
        /// The quadrants' node numbers.
        children: [u32; 4],
    },
}

impl Node {
    /// The node's level: 3 for an 8×8 leaf, 1 for a 2×2 one.
    pub const fn level(&self) -> u32 {
        match self {
            Node::Leaf8(_) => 3,
            Node::Leaf2(_) => 1,
            Node::Inner { level, .. } => *level,
        }
    }

    /// Whether every cell of the node itself is empty (for an inner node:
    /// every quadrant is 0).
    pub fn is_empty(&self) -> bool {
        match self {
            Node::Leaf8(rows) => rows.iter().all(|&row| row == 0),
            Node::Leaf2(states) => states.iter().all(|s| s.is_empty()),
            Node::Inner { children, .. } => children.iter().all(|&c| c == 0),
        }
    }
}

/// A macrocell file: its nodes, the last being the root, and what its `#`
/// lines say.
///
/// The methods assume a tree as [`parse`] reads and
/// [`from_cells`](Macrocell::from_cells) builds one: every child an earlier
/// node of the level below, levels from 1 to [`MAX_LEVEL`]. In any other
/// they do not panic: a child that breaks these rules, or a node of a
/// level outside them, counts as empty.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Macrocell {
    /// The nodes in file order: node number `n` is `nodes[n - 1]`.
    pub nodes: Vec<Node>,
    /// The rule (`#R`), if given.
    pub rule: Option<Rule>,
    /// The generation (`#G`; 0 if not given).
    pub generation: u64,
    /// The pattern's name (`#N`), if given.
    pub name: Option<String>,
    /// Who wrote it (`#O`), if given.
    pub author: Option<String>,
    /// Comment lines (`#C`, `#D`), in order.
    pub comments: Vec<String>,
}

/// The smallest rectangle holding every cell of a [`Macrocell`] (inclusive
/// bounds), in `i64`: a tree may reach far beyond a
/// [`Rect`](crate::Rect)'s `i32`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Bounds {
    /// First row.
    pub top: i64,
    /// First column.
    pub left: i64,
    /// Last row.
    pub bottom: i64,
    /// Last column.
    pub right: i64,
}

impl Bounds {
    /// Number of rows.
    pub fn height(&self) -> u64 {
        (i128::from(self.bottom) - i128::from(self.top) + 1) as u64
    }

    /// Number of columns.
    pub fn width(&self) -> u64 {
        (i128::from(self.right) - i128::from(self.left) + 1) as u64
    }

    /// Whether every cell inside has coordinates in the `i32` range.
    pub fn fits_i32(&self) -> bool {
        [self.top, self.left, self.bottom, self.right]
            .iter()
            .all(|&v| i32::try_from(v).is_ok())
    }
}

impl fmt::Display for Bounds {
    /// `WxH at x = X, y = Y`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}x{} at x = {}, y = {}",
            self.width(),
            self.height(),
            self.left,
            self.top
        )
    }
}

/// Why a [`Macrocell`] could not be listed as cells.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Error)]
pub enum ExpandError {
    /// More than [`MAX_CELLS`] non-empty cells.
    #[error(
        "the pattern has {population} cells, more than the {MAX_CELLS} corolife lists one by one; HashLife runs it whole (--engine hashlife) and writes it as a macrocell file (--output mc)"
    )]
    TooManyCells {
        /// How many it has.
        population: u128,
    },
    /// Cells beyond the `i32` coordinate range.
    #[error(
        "the pattern spans columns {} to {} and rows {} to {}, beyond the coordinate range (±2³¹) of a list of cells; HashLife runs it whole (--engine hashlife) and writes it as a macrocell file (--output mc)",
        .bounds.left, .bounds.right, .bounds.top, .bounds.bottom
    )]
    OutOfRange {
        /// Where its cells are.
        bounds: Bounds,
    },
}

/// The top-left cell (`y`, `x`) of a root of `level` (1 to 64), as the
/// [module documentation](self) says: x = −2^(`level`−1),
/// y = 1 − 2^(`level`−1).
///
/// ```
/// use corolife::format::macrocell::corner;
///
/// assert_eq!(corner(4), Some((-7, -8)));
/// assert_eq!(corner(1), Some((0, -1)));
/// assert_eq!(corner(0), None);
/// ```
pub fn corner(level: u32) -> Option<(i64, i64)> {
    let (top, left) = origin(level)?;
    Some((i64::try_from(top).ok()?, i64::try_from(left).ok()?))
}

/// [`corner`] in `i128`, for levels 1 to 127.
fn origin(level: u32) -> Option<(i128, i128)> {
    let half = 1i128.checked_shl(level.checked_sub(1)?)?;
    (level <= 127).then_some((1 - half, -half))
}

/// The side of half a node of `level` (1 to [`MAX_LEVEL`]).
fn half(level: u32) -> u128 {
    1u128 << (level - 1)
}

/// The offset (rows, columns) of quadrant `q` (NW, NE, SW, SE) in a node
/// whose quadrants are `half` a side.
fn quadrant(q: usize, half: u128) -> (u128, u128) {
    ((q as u128 >> 1) * half, (q as u128 & 1) * half)
}

/// Whether a node may stand in a tree: a level from 1 to [`MAX_LEVEL`],
/// 2 and up for an inner node.
fn is_valid(node: &Node) -> bool {
    match node {
        Node::Leaf8(_) | Node::Leaf2(_) => true,
        Node::Inner { level, .. } => (2..=MAX_LEVEL).contains(level),
    }
}

impl Macrocell {
    /// The root: the last node (`None` for an empty tree).
    pub fn root(&self) -> Option<&Node> {
        self.nodes.last().filter(|node| is_valid(node))
    }

    /// The root's level: it is a square of side 2^level whose top-left cell
    /// is at [`corner`]`(level)`; 0 for an empty tree.
    pub fn level(&self) -> u32 {
        self.root().map_or(0, Node::level)
    }

    /// Whether every state in the tree is 0 or 1.
    pub fn is_two_state(&self) -> bool {
        self.nodes.iter().all(|node| match node {
            Node::Leaf2(states) => states.iter().all(|s| s.value() <= 1),
            _ => true,
        })
    }

    /// The index in [`nodes`](Macrocell::nodes) of quadrant `number` of the
    /// node at `index`, whose level is `level`: `None` for 0, and for a
    /// number that is not an earlier node one level down.
    fn child(&self, index: usize, level: u32, number: u32) -> Option<usize> {
        let child = (number as usize).checked_sub(1)?;
        let node = self.nodes.get(child)?;
        (child < index && is_valid(node) && node.level() + 1 == level).then_some(child)
    }

    /// A value for every node, computed from its quadrants' values (earlier
    /// ones): `leaf` for a leaf, `inner` for an inner node given its level
    /// and its quadrants' values (`None` for an empty one).
    fn fold<T: Clone>(
        &self,
        leaf: impl Fn(&Node) -> T,
        inner: impl Fn(u32, [Option<&T>; 4]) -> T,
        invalid: T,
    ) -> Vec<T> {
        let mut values: Vec<T> = Vec::with_capacity(self.nodes.len());
        for (index, node) in self.nodes.iter().enumerate() {
            let value = match node {
                _ if !is_valid(node) => invalid.clone(),
                Node::Leaf8(_) | Node::Leaf2(_) => leaf(node),
                Node::Inner { level, children } => {
                    let quadrants = children.map(|number| {
                        self.child(index, *level, number)
                            .and_then(|child| values.get(child))
                    });
                    inner(*level, quadrants)
                }
            };
            values.push(value);
        }
        values
    }

    /// The number of non-empty cells of every node.
    fn populations(&self) -> Vec<u128> {
        self.fold(
            |node| match node {
                Node::Leaf8(rows) => rows.iter().map(|r| u128::from(r.count_ones())).sum(),
                Node::Leaf2(states) => states.iter().filter(|s| !s.is_empty()).count() as u128,
                Node::Inner { .. } => 0,
            },
            |_, quadrants| {
                quadrants
                    .iter()
                    .flatten()
                    .fold(0u128, |sum, &&p| sum.saturating_add(p))
            },
            0,
        )
    }

    /// The number of non-empty cells, counted on the tree (each distinct
    /// node once), without listing them.
    pub fn population(&self) -> u128 {
        match self.root() {
            Some(_) => self.populations().last().copied().unwrap_or(0),
            None => 0,
        }
    }

    /// The smallest rectangle holding every non-empty cell, or `None` for
    /// an empty tree; found on the tree, without listing cells.
    pub fn bounds(&self) -> Option<Bounds> {
        let root = self.root()?;
        // Each node's box relative to its own top-left corner: top, left,
        // bottom, right.
        let boxes = self.fold(
            |node| {
                let mut found: Option<[u128; 4]> = None;
                let mut add = |y: u128, x: u128| {
                    let b = found.get_or_insert([y, x, y, x]);
                    *b = [b[0].min(y), b[1].min(x), b[2].max(y), b[3].max(x)];
                };
                match node {
                    Node::Leaf8(rows) => {
                        for (r, &row) in rows.iter().enumerate().filter(|(_, row)| **row != 0) {
                            add(r as u128, u128::from(row.trailing_zeros()));
                            add(r as u128, u128::from(7 - row.leading_zeros()));
                        }
                    }
                    Node::Leaf2(states) => {
                        for (q, state) in states.iter().enumerate() {
                            if !state.is_empty() {
                                let (y, x) = quadrant(q, 1);
                                add(y, x);
                            }
                        }
                    }
                    Node::Inner { .. } => {}
                }
                found
            },
            |level, quadrants| {
                let half = half(level);
                let mut found: Option<[u128; 4]> = None;
                for (q, b) in quadrants.iter().enumerate() {
                    let Some(Some(b)) = b else { continue };
                    let (dy, dx) = quadrant(q, half);
                    let moved = [b[0] + dy, b[1] + dx, b[2] + dy, b[3] + dx];
                    found = Some(match found {
                        None => moved,
                        Some(f) => [
                            f[0].min(moved[0]),
                            f[1].min(moved[1]),
                            f[2].max(moved[2]),
                            f[3].max(moved[3]),
                        ],
                    });
                }
                found
            },
            None,
        );
        let b = boxes.last().copied().flatten()?;
        let (top, left) = origin(root.level())?;
        // Within 2^63 of the corner, which is within 2^62 of the origin.
        let at = |corner: i128, offset: u128| {
            let v = corner + offset as i128;
            i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
        };
        Some(Bounds {
            top: at(top, b[0]),
            left: at(left, b[1]),
            bottom: at(top, b[2]),
            right: at(left, b[3]),
        })
    }

    /// The non-empty cells, by row, then column; refused when there are
    /// more than [`MAX_CELLS`] or any lies beyond the `i32` range (both
    /// known from the tree before anything is listed).
    pub fn cells(&self) -> Result<Vec<Cell>, ExpandError> {
        let Some(root) = self.root() else {
            return Ok(Vec::new());
        };
        let population = self.population();
        if population > MAX_CELLS as u128 {
            return Err(ExpandError::TooManyCells { population });
        }
        let Some(bounds) = self.bounds() else {
            return Ok(Vec::new());
        };
        if !bounds.fits_i32() {
            return Err(ExpandError::OutOfRange { bounds });
        }
        let mut cells = Vec::with_capacity(population as usize);
        let (top, left) = origin(root.level()).unwrap_or_default();
        let mut push = |y: i128, x: i128, state: State| {
            // Inside the bounds, which fit `i32`.
            if let (Ok(y), Ok(x)) = (i32::try_from(y), i32::try_from(x)) {
                cells.push(Cell { y, x, state });
            }
        };
        self.visit(self.nodes.len() - 1, top, left, &mut push);
        cells.sort_unstable_by_key(|cell| (cell.y, cell.x));
        Ok(cells)
    }

    /// Calls `cell` with every non-empty cell of the node at `index`, whose
    /// top-left corner is at (`top`, `left`).
    fn visit(&self, index: usize, top: i128, left: i128, cell: &mut impl FnMut(i128, i128, State)) {
        match self.nodes[index] {
            Node::Leaf8(rows) => {
                for (r, &row) in rows.iter().enumerate() {
                    let mut bits = row;
                    while bits != 0 {
                        let c = bits.trailing_zeros();
                        bits &= bits - 1;
                        cell(top + r as i128, left + i128::from(c), State::ALIVE);
                    }
                }
            }
            Node::Leaf2(states) => {
                for (q, &state) in states.iter().enumerate() {
                    if !state.is_empty() {
                        let (dy, dx) = quadrant(q, 1);
                        cell(top + dy as i128, left + dx as i128, state);
                    }
                }
            }
            Node::Inner { level, children } => {
                let half = half(level);
                for (q, &number) in children.iter().enumerate() {
                    if let Some(child) = self.child(index, level, number) {
                        let (dy, dx) = quadrant(q, half);
                        self.visit(child, top + dy as i128, left + dx as i128, cell);
                    }
                }
            }
        }
    }

    /// The tree's metadata with `nodes`.
    fn with_nodes(&self, nodes: Vec<Node>) -> Macrocell {
        Macrocell {
            nodes,
            rule: self.rule,
            generation: self.generation,
            name: self.name.clone(),
            author: self.author.clone(),
            comments: self.comments.clone(),
        }
    }
}
