//! Golly's macrocell format (`.mc`): a pattern as the quadtree HashLife
//! keeps it, each distinct square written once.
//!
//! A file is the line `[M2]` (with anything after it), `#` lines (`#R`
//! rule, `#G` generation, `#C`/`#N`/`#O` comments), then one node a line,
//! numbered from 1 in file order; a node refers to earlier ones by number,
//! 0 being an empty square of the right size.
//!
//! * Two-state files have 8×8 leaves written as rows of `.` and `*`, each
//!   row ended by `$` (trailing dead cells and empty trailing rows left
//!   out), and nodes of level 4 and up as `LEVEL NW NE SW SE`.
//! * Multistate files have no 8×8 leaves: level-1 nodes are
//!   `1 NW NE SW SE` with the four cells' states, and nodes of level 2 and
//!   up refer to nodes as above.
//!
//! The last node is the root. A root of level `L` is a square of side
//! `2^L` whose top-left cell is at (−2^(L−1), −2^(L−1)), as Golly puts it.

use crate::{Rule, State};

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

/// A macrocell file: its nodes, the last being the root, and what its `#`
/// lines say.
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
