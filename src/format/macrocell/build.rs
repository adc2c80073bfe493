//! Building trees: from cells, and a tree's canonical form (each distinct
//! square once, in Golly's order).

use rustc_hash::FxHashMap;

use super::{Macrocell, Node, corner, half, is_valid, quadrant};
use crate::{Cell, Pattern, State};

/// The smallest root level [`Macrocell::from_cells`] gives two-state
/// cells, and cells of more states: Golly's.
const MIN_LEVEL_TWO_STATE: u32 = 4;
const MIN_LEVEL_MULTISTATE: u32 = 2;

/// A square of some level in a tree being built: its position, in squares
/// of that size from the root's corner (row, column), and its node number.
type Square = ((u64, u64), u32);

/// Nodes under construction, each distinct one once.
#[derive(Default)]
struct Builder {
    nodes: Vec<Node>,
    numbers: FxHashMap<Node, u32>,
}

impl Builder {
    /// The number of `node`, added if it is new; 0 for an empty one.
    fn intern(&mut self, node: Node) -> u32 {
        if node.is_empty() {
            return 0;
        }
        if let Some(&number) = self.numbers.get(&node) {
            return number;
        }
        self.nodes.push(node);
        // A tree of 2^32 nodes would take 100 GiB: the count fits.
        let number = u32::try_from(self.nodes.len()).unwrap_or(u32::MAX);
        self.numbers.insert(node, number);
        number
    }

    /// A two-state level-2 or level-3 square, given as 8×8 bits, in 2×2
    /// leaves: the level-2 node at (`y`, `x`) of `rows` or the level-3 one
    /// they make.
    fn split(&mut self, rows: &[u8; 8], level: u32, y: usize, x: usize) -> u32 {
        if level == 1 {
            let state = |dy: usize, dx: usize| State::from(rows[y + dy] >> (x + dx) & 1 != 0);
            return self.intern(Node::Leaf2([
                state(0, 0),
                state(0, 1),
                state(1, 0),
                state(1, 1),
            ]));
        }
        let half = 1 << (level - 1);
        let children = [(0, 0), (0, half), (half, 0), (half, half)]
            .map(|(dy, dx)| self.split(rows, level - 1, y + dy, x + dx));
        self.intern(Node::Inner { level, children })
    }
}

impl Macrocell {
    /// The tree of `cells`, with no metadata: identical squares shared,
    /// 8×8 leaves when every state is 0 or 1 and 2×2 leaves otherwise, the
    /// root of the smallest level (at least 4 with 8×8 leaves, 2 with 2×2
    /// ones, as Golly writes) that holds every cell where it is (see the
    /// [module documentation](super) for where a root sits). Empty cells
    /// are left out; where a position is given twice, the last state wins.
    pub fn from_cells(cells: &[Cell]) -> Macrocell {
        let mut cells = cells.to_vec();
        cells.sort_by_key(|cell| (cell.y, cell.x));
        // The stable sort keeps repeated positions in order: keep the last.
        cells.reverse();
        cells.dedup_by_key(|cell| (cell.y, cell.x));
        cells.retain(|cell| !cell.state.is_empty());
        let Some(first) = cells.first() else {
            return Macrocell::default();
        };
        let two_state = cells.iter().all(|cell| cell.state.is_alive());
        let (mut top, mut left, mut bottom, mut right) = (first.y, first.x, first.y, first.x);
        for cell in &cells {
            (top, bottom) = (top.min(cell.y), bottom.max(cell.y));
            (left, right) = (left.min(cell.x), right.max(cell.x));
        }
        let mut level = if two_state {
            MIN_LEVEL_TWO_STATE
        } else {
            MIN_LEVEL_MULTISTATE
        };
        // A level-33 root holds every `i32` position.
        while let Some((y, x)) = corner(level) {
            let side = 1i64 << level;
            let holds = |first: i32, last: i32, from: i64| {
                i64::from(first) >= from && i64::from(last) < from + side
            };
            if holds(top, bottom, y) && holds(left, right, x) {
                break;
            }
            level += 1;
        }
        let (y0, x0) = corner(level).unwrap_or_default();
        let offset = |v: i32, from: i64| (i64::from(v) - from) as u64;

        let mut builder = Builder::default();
        // The squares of the current level: their position in squares of
        // that size from the root's corner, and their node.
        let (mut squares, mut at): (Vec<Square>, u32) = if two_state {
            let mut leaves: FxHashMap<(u64, u64), [u8; 8]> = FxHashMap::default();
            for cell in &cells {
                let (y, x) = (offset(cell.y, y0), offset(cell.x, x0));
                let rows = leaves.entry((y >> 3, x >> 3)).or_default();
                rows[(y & 7) as usize] |= 1 << (x & 7);
            }
            let mut leaves: Vec<_> = leaves.into_iter().collect();
            leaves.sort_unstable_by_key(|(key, _)| *key);
            let squares = leaves
                .into_iter()
                .map(|(key, rows)| (key, builder.intern(Node::Leaf8(rows))))
                .collect();
            (squares, 3)
        } else {
            let mut leaves: FxHashMap<(u64, u64), [State; 4]> = FxHashMap::default();
            for cell in &cells {
                let (y, x) = (offset(cell.y, y0), offset(cell.x, x0));
                let states = leaves.entry((y >> 1, x >> 1)).or_default();
                states[((y & 1) * 2 + (x & 1)) as usize] = cell.state;
            }
            let mut leaves: Vec<_> = leaves.into_iter().collect();
            leaves.sort_unstable_by_key(|(key, _)| *key);
            let squares = leaves
                .into_iter()
                .map(|(key, states)| (key, builder.intern(Node::Leaf2(states))))
                .collect();
            (squares, 1)
        };
        while at < level {
            at += 1;
            let mut parents: FxHashMap<(u64, u64), [u32; 4]> = FxHashMap::default();
            for ((y, x), number) in squares {
                parents.entry((y >> 1, x >> 1)).or_default()[((y & 1) * 2 + (x & 1)) as usize] =
                    number;
            }
            let mut parents: Vec<_> = parents.into_iter().collect();
            parents.sort_unstable_by_key(|(key, _)| *key);
            squares = parents
                .into_iter()
                .map(|(key, children)| {
                    (
                        key,
                        builder.intern(Node::Inner {
                            level: at,
                            children,
                        }),
                    )
                })
                .collect();
        }
        // The builder's order is level by level: number the nodes as Golly
        // does.
        Macrocell {
            nodes: builder.nodes,
            ..Macrocell::default()
        }
        .canonical()
    }

    /// The tree of `pattern`: its own tree if it was read as one
    /// ([`Pattern::macrocell`]), in [canonical](Macrocell::canonical)
    /// form, else the tree of its cells ([`from_cells`](Macrocell::from_cells));
    /// with the pattern's rule, generation, name, author and comments.
    pub fn from_pattern(pattern: &Pattern) -> Macrocell {
        let tree = match pattern.macrocell() {
            Some(tree) => tree.canonical(),
            None => Macrocell::from_cells(pattern.cells()),
        };
        Macrocell {
            nodes: tree.nodes,
            rule: pattern.rule,
            generation: pattern.generation,
            name: pattern.name.clone(),
            author: pattern.author.clone(),
            comments: pattern.comments.clone(),
        }
    }

    /// The same tree as Golly writes it: the nodes reachable from the root,
    /// each distinct square once, empty squares as 0, numbered depth first
    /// (quadrants NW, NE, SW, SE, each node after its quadrants); 8×8
    /// leaves when every state is 0 or 1 (a root below level 3 grows to
    /// one), 2×2 leaves otherwise. The root keeps its level, so the cells
    /// keep their places.
    pub fn canonical(&self) -> Macrocell {
        let Some(root) = self.root() else {
            return self.with_nodes(Vec::new());
        };
        let mut canon = Canon {
            tree: self,
            two_state: self.is_two_state(),
            done: vec![u32::MAX; self.nodes.len()],
            builder: Builder::default(),
        };
        let index = self.nodes.len() - 1;
        if canon.two_state && root.level() < 3 {
            // Centred on a level-3 square, as Golly grows a small root.
            let mut rows = [0; 8];
            let at = 4 - (1 << (root.level() - 1));
            canon.paint(index, at, at, &mut rows);
            canon.builder.intern(Node::Leaf8(rows));
        } else {
            canon.convert(index);
        }
        self.with_nodes(canon.builder.nodes)
    }
}

/// The state of [`Macrocell::canonical`].
struct Canon<'a> {
    tree: &'a Macrocell,
    /// Whether the result has 8×8 leaves.
    two_state: bool,
    /// The new number of each node converted so far (`u32::MAX` for one
    /// not yet converted).
    done: Vec<u32>,
    builder: Builder,
}

impl Canon<'_> {
    /// The new number of the node at `index`, converted with its quadrants.
    fn convert(&mut self, index: usize) -> u32 {
        if self.done[index] != u32::MAX {
            return self.done[index];
        }
        let node = self.tree.nodes[index];
        let number = match node {
            _ if self.two_state && node.level() == 3 => {
                let mut rows = [0; 8];
                self.paint(index, 0, 0, &mut rows);
                self.builder.intern(Node::Leaf8(rows))
            }
            Node::Leaf8(rows) => self.builder.split(&rows, 3, 0, 0),
            Node::Leaf2(states) => self.builder.intern(Node::Leaf2(states)),
            Node::Inner { level, children } => {
                let children = children.map(|number| match self.tree.child(index, level, number) {
                    Some(child) => self.convert(child),
                    None => 0,
                });
                self.builder.intern(Node::Inner { level, children })
            }
        };
        self.done[index] = number;
        number
    }

    /// Sets in `rows` the live cells of the node at `index` (of level 3 or
    /// less, two states), its top-left corner at row `y`, column `x`.
    fn paint(&self, index: usize, y: usize, x: usize, rows: &mut [u8; 8]) {
        match self.tree.nodes[index] {
            Node::Leaf8(leaf) => *rows = leaf,
            Node::Leaf2(states) => {
                for (q, state) in states.iter().enumerate() {
                    if !state.is_empty() {
                        let (dy, dx) = quadrant(q, 1);
                        rows[y + dy as usize] |= 1 << (x + dx as usize);
                    }
                }
            }
            Node::Inner { level, children } if is_valid(&self.tree.nodes[index]) => {
                let half = half(level);
                for (q, &number) in children.iter().enumerate() {
                    if let Some(child) = self.tree.child(index, level, number) {
                        let (dy, dx) = quadrant(q, half);
                        self.paint(child, y + dy as usize, x + dx as usize, rows);
                    }
                }
            }
            Node::Inner { .. } => {}
        }
    }
}
