//! HashLife: the unbounded plane as a quadtree of hash-consed squares, each
//! with its future memoised, stepping huge regular patterns by 2^k
//! generations at a time.
//!
//! Every square of side `2^level` (a *node*) is kept once: a node is its
//! four quadrants, and an 8×8 square of cells is a leaf of 64 bits. A
//! node's *result* is its centre, half its side, some generations on:
//! `2^(level − 2)` of them at most, since no cell outside the node can
//! reach the centre sooner. Results are memoised, so a square that recurs
//! (in space, or in time: a pattern that repeats) is worked out once, and
//! a pattern as regular as a puffer train runs to generation 2^40 in a
//! few thousand results.
//!
//! The base case, the centre of four leaves one to four generations on,
//! runs the table that the compiled engine's probe learns from the cell
//! coroutine ([`RuleTable`]), with the same bit-parallel logic; so any
//! two-state rule whose cells look at their 3×3 neighbourhood runs here
//! (Moore, von Neumann, hexagonal, Hensel's isotropic letters, one's own
//! coroutine). A `B0` rule that keeps cells with all eight neighbours alive
//! (`Smax`) runs as Golly runs it, as the rule that inverts its cells'
//! states before and after each generation; one without `Smax` is refused,
//! as Golly's HashLife refuses it. Generations rules, of more than two
//! states, run on [`GenerationsLife`], a quadtree of 2×2 leaves of states
//! built on the same store.
//!
//! Nodes live within a budget ([`HashLife::with_max_memory`]). When it is
//! used up mid-step, the nodes the pattern and the memoised results no
//! longer reach are collected and the step is tried again, with the
//! results forgotten and then in halves if need be; only when a single
//! generation does not fit is it an error.
//!
//! ```
//! use corolife::engine::hashlife::HashLife;
//! use corolife::Rule;
//!
//! let mut life = HashLife::new(Rule::LIFE)?;
//! for (y, x) in [(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)] {
//!     life.set(y, x, true);
//! }
//! // A glider moves one cell diagonally every four generations.
//! life.run(1 << 40)?;
//! let bounds = life.bounds().expect("alive");
//! assert_eq!((bounds.top, bounds.left), (1 << 38, 1 << 38));
//! assert_eq!(life.population(), 5);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod generations;
mod leaf;
mod store;
#[cfg(test)]
mod tests;

use rustc_hash::FxHashMap;
use thiserror::Error;

use self::store::{Full, Id, LEAF, NODE_BYTES, Store};
use crate::engine::compiled::{Program, RuleTable};
pub use crate::format::macrocell::Bounds;
use crate::format::macrocell::{Macrocell, Node as McNode};
use crate::{Cell, Rule, State};

pub use self::generations::GenerationsLife;

/// The most memory the node store takes when no budget is given: 1 GiB
/// (see [`default_max_memory`]).
pub const DEFAULT_MAX_MEMORY: u64 = 1 << 30;

/// The node budget when none is given: [`DEFAULT_MAX_MEMORY`], or half
/// the process's memory budget ([`budget::max_memory`](crate::budget::max_memory),
/// which `--max-memory` sets) if that is less.
pub fn default_max_memory() -> u64 {
    match crate::budget::given_max_memory() {
        Some(given) => given,
        None => DEFAULT_MAX_MEMORY.min(crate::budget::max_memory() / 2),
    }
}

/// The highest level a root may reach: squares of side 2^100, far more
/// than 2^63 generations need.
const MAX_LEVEL: u32 = 100;

/// Why HashLife cannot run a rule or a step.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
pub enum HashLifeError {
    /// The rule's coroutine does not compile to a 3×3 table.
    #[error(
        "hashlife runs rules whose cells look at their 3x3 neighbourhood; rule {rule} does not compile: {reason}"
    )]
    Rule {
        /// The rule (boxed, to keep the error small).
        rule: Box<Rule>,
        /// The probe's reason.
        reason: String,
    },
    /// A rule with more than two states.
    #[error("hashlife runs two-state rules; rule {rule} has {states} states")]
    States {
        /// The rule.
        rule: Rule,
        /// Its number of states.
        states: u16,
    },
    /// `B0` without `Smax`: every empty cell of the plane would flash on
    /// and off.
    #[error(
        "rule {rule} gives birth with no live neighbour (B0) and does not keep cells with eight (S8), so the empty plane would flash on and off; hashlife refuses it as Golly's does (run it on a bounded grid such as :T100,100)"
    )]
    Flashing {
        /// The rule.
        rule: Rule,
    },
    /// A rule that [`GenerationsLife`] does not run: not a Generations rule
    /// of the 3×3 neighbourhood.
    #[error(
        "hashlife runs multistate rules of the Generations family whose cells look at their 3x3 neighbourhood; rule {rule} {reason}"
    )]
    Generations {
        /// The rule (boxed, to keep the error small).
        rule: Box<Rule>,
        /// What it is instead.
        reason: String,
    },
    /// A Generations rule with `B0`: every empty cell of the plane would
    /// be born.
    #[error(
        "rule {rule} gives birth with no live neighbour (B0), so every empty cell of the plane would be born; hashlife refuses B0 Generations rules as Golly does (run it on a bounded grid such as :T100,100)"
    )]
    GenerationsB0 {
        /// The rule.
        rule: Rule,
    },
    /// The rule is for a bounded grid.
    #[error("hashlife runs on the unbounded plane, not on the grid {topology}")]
    Bounded {
        /// The grid.
        topology: crate::Topology,
    },
    /// Even one generation needs more nodes than the budget allows.
    #[error(
        "hashlife needs more than its memory budget of {} for one generation of this pattern (raise it with --max-memory)",
        crate::load::human_bytes(*budget)
    )]
    Memory {
        /// The budget, in bytes.
        budget: u64,
    },
    /// A cell in a state other than empty or alive.
    #[error(
        "the pattern has a cell in state {state} (at x = {x}, y = {y}), and hashlife here holds two"
    )]
    State {
        /// The state.
        state: u8,
        /// Row.
        y: i64,
        /// Column.
        x: i64,
    },
    /// A macrocell file that is not a two-state pattern this can hold.
    #[error("{0}")]
    Macrocell(String),
}

/// What HashLife holds and has done, for `--verbose` and `bench`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Stats {
    /// Nodes in the store.
    pub nodes: usize,
    /// Bytes the store holds.
    pub bytes: u64,
    /// The most bytes it may hold.
    pub budget: u64,
    /// Collections so far.
    pub collections: u32,
    /// The root's level: the plane held is a square of side 2^level.
    pub level: u32,
}

/// The unbounded plane stepped by HashLife: see the [module
/// documentation](self).
pub struct HashLife {
    rule: Rule,
    program: Program,
    store: Store,
    /// The whole pattern: a square of side `2^level` whose top-left cell is
    /// at [`corner`](HashLife::corner).
    root: Id,
    level: u32,
    /// The step the results are worked out for: `2^step` generations.
    step: u32,
    budget: u64,
    collections: u32,
}

impl HashLife {
    /// An empty plane under `rule`, with the default budget
    /// ([`DEFAULT_MAX_MEMORY`]).
    pub fn new(rule: Rule) -> Result<HashLife, HashLifeError> {
        HashLife::with_max_memory(rule, DEFAULT_MAX_MEMORY)
    }

    /// An empty plane under `rule` whose nodes may take at most `bytes`.
    pub fn with_max_memory(rule: Rule, bytes: u64) -> Result<HashLife, HashLifeError> {
        let program = program(&rule)?;
        let limit = (bytes / NODE_BYTES).min(u64::from(u32::MAX - 1)) as usize;
        let mut store = Store::new(limit);
        let level = LEAF + 1;
        let root = store
            .empty(level)
            .map_err(|Full| HashLifeError::Memory { budget: bytes })?;
        Ok(HashLife {
            rule,
            program,
            store,
            root,
            level,
            step: 0,
            budget: bytes,
            collections: 0,
        })
    }

    /// Whether HashLife runs `rule` (and if not, why).
    pub fn supports(rule: &Rule) -> Result<(), HashLifeError> {
        program(rule).map(|_| ())
    }

    /// Whether one of the two quadtrees runs `rule`: `Ok(false)` for
    /// HashLife's two-state rules, `Ok(true)` for a Generations rule
    /// [`GenerationsLife`] runs, otherwise why neither does.
    pub fn supports_either(rule: &Rule) -> Result<bool, HashLifeError> {
        match HashLife::supports(rule) {
            Err(HashLifeError::States { .. }) => GenerationsLife::supports(rule).map(|()| true),
            other => other.map(|()| false),
        }
    }

    /// The rule.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    /// What the store holds.
    pub fn stats(&self) -> Stats {
        Stats {
            nodes: self.store.len(),
            bytes: self.store.bytes(),
            budget: self.budget,
            collections: self.collections,
            level: self.level,
        }
    }

    /// The plane holding `cells` (every state but empty counts as alive
    /// only if it is [`State::ALIVE`]; others are an error).
    pub fn from_cells(rule: Rule, bytes: u64, cells: &[Cell]) -> Result<HashLife, HashLifeError> {
        let mut life = HashLife::with_max_memory(rule, bytes)?;
        if let Some(cell) = cells.iter().find(|c| c.state > State::ALIVE) {
            return Err(HashLifeError::State {
                state: cell.state.value(),
                y: cell.y.into(),
                x: cell.x.into(),
            });
        }
        let points: Vec<(i64, i64)> = cells
            .iter()
            .filter(|c| c.state.is_alive())
            .map(|c| (i64::from(c.y), i64::from(c.x)))
            .collect();
        life.put_all(&points)?;
        Ok(life)
    }

    /// Adds the live cells at `points` (row, column) to the plane, building
    /// the tree from the bottom up.
    fn put_all(&mut self, points: &[(i64, i64)]) -> Result<(), HashLifeError> {
        let Some(reach) = points
            .iter()
            .map(|&(y, x)| reach_row(y).max(reach(x)))
            .max()
        else {
            return Ok(());
        };
        while self.level < reach {
            self.expand()?;
        }
        let budget = self.budget;
        let memory = |Full| HashLifeError::Memory { budget };
        // Leaves by their row and column of leaves from the root's corner.
        let (top, left) = self.corner();
        let mut nodes: FxHashMap<(u64, u64), u64> = FxHashMap::default();
        for &(y, x) in points {
            let (y, x) = ((i128::from(y) - top) as u64, (i128::from(x) - left) as u64);
            *nodes.entry((y >> 3, x >> 3)).or_default() |= 1 << ((y & 7) * 8 + (x & 7));
        }
        let mut level_nodes: FxHashMap<(u64, u64), Id> = FxHashMap::default();
        for (key, cells) in nodes {
            level_nodes.insert(key, self.store.leaf(cells).map_err(memory)?);
        }
        let mut level = LEAF;
        while level < self.level {
            let empty = self.store.empty(level).map_err(memory)?;
            let mut parents: FxHashMap<(u64, u64), [Id; 4]> = FxHashMap::default();
            for ((y, x), id) in level_nodes {
                let quad = parents.entry((y >> 1, x >> 1)).or_insert([empty; 4]);
                quad[((y & 1) * 2 + (x & 1)) as usize] = id;
            }
            level += 1;
            level_nodes = FxHashMap::default();
            for (key, quad) in parents {
                level_nodes.insert(key, self.store.join(level, quad).map_err(memory)?);
            }
        }
        let added = level_nodes.get(&(0, 0)).copied();
        if let Some(added) = added {
            self.root = self.union(self.root, added, self.level).map_err(memory)?;
        }
        Ok(())
    }

    /// The union of the live cells of two nodes of `level`.
    fn union(&mut self, a: Id, b: Id, level: u32) -> Result<Id, Full> {
        if self.store.is_empty(a) || a == b {
            return Ok(b);
        }
        if self.store.is_empty(b) {
            return Ok(a);
        }
        if level == LEAF {
            let cells = self.store.cells(a) | self.store.cells(b);
            return self.store.leaf(cells);
        }
        let (qa, qb) = (self.store.quad(a), self.store.quad(b));
        let mut quad = [0; 4];
        for i in 0..4 {
            quad[i] = self.union(qa[i], qb[i], level - 1)?;
        }
        self.store.join(level, quad)
    }

    /// The plane a macrocell file describes, its root placed as Golly
    /// places it.
    pub fn from_macrocell(
        rule: Rule,
        bytes: u64,
        file: &Macrocell,
    ) -> Result<HashLife, HashLifeError> {
        let mut life = HashLife::with_max_memory(rule, bytes)?;
        let memory = |Full| HashLifeError::Memory { budget: bytes };
        let bad = |what: String| HashLifeError::Macrocell(what);
        // Node number n (from 1) as an id and level; multistate nodes below
        // the leaves as small squares of bits (side 2 or 4, row-major).
        #[derive(Clone, Copy)]
        enum Made {
            Node(Id, u32),
            Small(u64, u32),
        }
        let mut made: Vec<Made> = Vec::with_capacity(file.nodes.len());
        for (n, node) in file.nodes.iter().enumerate() {
            let entry = match *node {
                McNode::Leaf8(rows) => Made::Node(
                    life.store.leaf(u64::from_le_bytes(rows)).map_err(memory)?,
                    LEAF,
                ),
                McNode::Leaf2(states) => {
                    let mut bits = 0;
                    for (i, state) in states.iter().enumerate() {
                        if *state > State::ALIVE {
                            return Err(bad(format!(
                                "the macrocell file has cells in state {}, and hashlife here holds two",
                                state.value()
                            )));
                        }
                        bits |= u64::from(state.is_alive()) << i;
                    }
                    Made::Small(bits, 1)
                }
                McNode::Inner { level, children } => {
                    if level > MAX_LEVEL {
                        return Err(bad(format!(
                            "node {} has level {level}, above the {MAX_LEVEL} hashlife holds",
                            n + 1
                        )));
                    }
                    let child = |c: u32| -> Option<Made> {
                        if c == 0 {
                            None
                        } else {
                            made.get(c as usize - 1).copied()
                        }
                    };
                    if level <= LEAF {
                        // Squares of side 4 or 8 from four of half the side.
                        let side = 1u32 << (level - 1);
                        let mut bits = 0u64;
                        for (i, &c) in children.iter().enumerate() {
                            let quarter = match child(c) {
                                None => 0,
                                Some(Made::Small(b, l)) if l == level - 1 => b,
                                _ => {
                                    return Err(bad(format!(
                                        "node {} has a child of the wrong level",
                                        n + 1
                                    )));
                                }
                            };
                            let (dy, dx) = ((i as u32 / 2) * side, (i as u32 % 2) * side);
                            for r in 0..side {
                                let row = quarter >> (r * side) & ((1 << side) - 1);
                                let full = 2 * side;
                                bits |= row << ((r + dy) * full + dx);
                            }
                        }
                        if level == LEAF {
                            Made::Node(life.store.leaf(bits).map_err(memory)?, LEAF)
                        } else {
                            Made::Small(bits, level)
                        }
                    } else {
                        let mut quad = [0; 4];
                        for (i, &c) in children.iter().enumerate() {
                            quad[i] = match child(c) {
                                None => life.store.empty(level - 1).map_err(memory)?,
                                Some(Made::Node(id, l)) if l == level - 1 => id,
                                _ => {
                                    return Err(bad(format!(
                                        "node {} has a child of the wrong level",
                                        n + 1
                                    )));
                                }
                            };
                        }
                        Made::Node(life.store.join(level, quad).map_err(memory)?, level)
                    }
                }
            };
            made.push(entry);
        }
        let (root, level) = match made.last() {
            None => return Ok(life),
            Some(Made::Node(id, level)) => (*id, *level),
            Some(Made::Small(bits, level)) => {
                // A root smaller than a leaf: in a leaf's middle, where
                // the same rule places both.
                let side = 1u32 << level;
                let at = 4 - side / 2;
                let mut leaf = 0u64;
                for r in 0..side {
                    leaf |= (bits >> (r * side) & ((1 << side) - 1)) << ((r + at) * 8 + at);
                }
                (life.store.leaf(leaf).map_err(memory)?, LEAF)
            }
        };
        // A root is centred as ours is (see `corner`): a leaf root goes in
        // the middle of a root one level up.
        let (root, level) = if level == LEAF {
            // Our smallest root is a level up: the leaf, four cells in
            // from its corner, straddles its four quadrants.
            let cells = life.store.cells(root);
            let mut quad = [0; 4];
            for (i, slot) in quad.iter_mut().enumerate() {
                let (qy, qx) = (8 * (i as i32 / 2) - 4, 8 * (i as i32 % 2) - 4);
                let mut part = 0u64;
                for r in 0..8 {
                    for c in 0..8 {
                        let (sy, sx) = (r + qy, c + qx);
                        if (0..8).contains(&sy)
                            && (0..8).contains(&sx)
                            && cells >> (sy * 8 + sx) & 1 == 1
                        {
                            part |= 1 << (r * 8 + c);
                        }
                    }
                }
                *slot = life.store.leaf(part).map_err(memory)?;
            }
            (life.store.join(LEAF + 1, quad).map_err(memory)?, LEAF + 1)
        } else {
            (root, level)
        };
        life.root = root;
        life.level = level;
        Ok(life)
    }

    /// The plane as a macrocell file: its nodes, each once, children
    /// first; the rule and `generation` as given.
    pub fn to_macrocell(&self, generation: u64) -> Macrocell {
        let mut file = Macrocell {
            rule: Some(self.rule),
            generation,
            ..Macrocell::default()
        };
        let mut numbers: FxHashMap<Id, u32> = FxHashMap::default();
        if !self.store.is_empty(self.root) {
            self.write_node(self.root, &mut numbers, &mut file.nodes);
        }
        file
    }

    /// Writes `id` (not empty) and its children not yet written; returns
    /// its number.
    fn write_node(&self, id: Id, numbers: &mut FxHashMap<Id, u32>, nodes: &mut Vec<McNode>) -> u32 {
        if let Some(&n) = numbers.get(&id) {
            return n;
        }
        let node = *self.store.node(id);
        let entry = if node.level() == LEAF {
            McNode::Leaf8(node.cells().to_le_bytes())
        } else {
            let mut children = [0; 4];
            for (i, &q) in node.quad.iter().enumerate() {
                if !self.store.is_empty(q) {
                    children[i] = self.write_node(q, numbers, nodes);
                }
            }
            McNode::Inner {
                level: node.level(),
                children,
            }
        };
        nodes.push(entry);
        let n = nodes.len() as u32;
        numbers.insert(id, n);
        n
    }

    /// The number of live cells.
    pub fn population(&self) -> u64 {
        self.population_wide().min(u128::from(u64::MAX)) as u64
    }

    /// The number of live cells, up to 2^128 − 1.
    pub fn population_wide(&self) -> u128 {
        self.store
            .population(self.root, &mut FxHashMap::default(), u64::count_ones)
    }

    /// The state of the cell at row `y`, column `x`.
    pub fn get(&self, y: i64, x: i64) -> bool {
        let (top, left) = self.corner();
        let side = 1i128 << self.level;
        let (y, x) = (i128::from(y) - top, i128::from(x) - left);
        if y < 0 || x < 0 || y >= side || x >= side {
            return false;
        }
        let (y, x) = (y as u128, x as u128);
        let mut id = self.root;
        let mut level = self.level;
        while level > LEAF {
            level -= 1;
            let i = ((y >> level & 1) * 2 + (x >> level & 1)) as usize;
            id = self.store.quad(id)[i];
        }
        let (r, c) = (y & 7, x & 7);
        self.store.cells(id) >> (r * 8 + c) & 1 == 1
    }

    /// Sets the cell at row `y`, column `x`, alive or empty.
    pub fn set(&mut self, y: i64, x: i64, alive: bool) {
        if self.get(y, x) == alive {
            return;
        }
        // Setting a cell adds one node a level; collect first if that
        // would not fit.
        if self.store.len() + 2 * MAX_LEVEL as usize >= self.store.limit() {
            self.collect(false);
        }
        let _ = self.try_set(y, x, alive);
    }

    fn try_set(&mut self, y: i64, x: i64, alive: bool) -> Result<(), Full> {
        while self.level < reach_row(y).max(reach(x)) {
            self.expand().map_err(|_| Full)?;
        }
        let (top, left) = self.corner();
        let (y, x) = (
            (i128::from(y) - top) as u128,
            (i128::from(x) - left) as u128,
        );
        self.root = self.set_in(self.root, self.level, y, x, alive)?;
        Ok(())
    }

    fn set_in(&mut self, id: Id, level: u32, y: u128, x: u128, alive: bool) -> Result<Id, Full> {
        if level == LEAF {
            let bit = 1u64 << ((y & 7) * 8 + (x & 7));
            let cells = self.store.cells(id);
            return self
                .store
                .leaf(if alive { cells | bit } else { cells & !bit });
        }
        let i = ((y >> (level - 1) & 1) * 2 + (x >> (level - 1) & 1)) as usize;
        let mut quad = self.store.quad(id);
        quad[i] = self.set_in(quad[i], level - 1, y, x, alive)?;
        self.store.join(level, quad)
    }

    /// Doubles the root's side, keeping it centred.
    fn expand(&mut self) -> Result<(), HashLifeError> {
        let budget = self.budget;
        let memory = |Full| HashLifeError::Memory { budget };
        if self.level >= MAX_LEVEL {
            return Err(HashLifeError::Memory { budget });
        }
        let empty = self.store.empty(self.level - 1).map_err(memory)?;
        let [nw, ne, sw, se] = self.store.quad(self.root);
        let around = |a: [Id; 4]| a;
        let quads = [
            around([empty, empty, empty, nw]),
            around([empty, empty, ne, empty]),
            around([empty, sw, empty, empty]),
            around([se, empty, empty, empty]),
        ];
        let mut quad = [0; 4];
        for (i, q) in quads.into_iter().enumerate() {
            quad[i] = self.store.join(self.level, q).map_err(memory)?;
        }
        self.level += 1;
        self.root = self.store.join(self.level, quad).map_err(memory)?;
        Ok(())
    }

    /// Whether every live cell is in the centre square of side
    /// `2^(level − 2)`, so that a step of up to `2^(level − 3)` keeps
    /// them all.
    fn centred(&self) -> bool {
        if self.level < LEAF + 3 {
            return false;
        }
        let q = self.store.quad(self.root);
        // The quadrant of each quadrant, and of that, nearest the centre.
        let inner = [3usize, 2, 1, 0];
        q.iter().zip(inner).all(|(&quadrant, near)| {
            let parts = self.store.quad(quadrant);
            parts.iter().enumerate().all(|(i, &part)| {
                if i != near {
                    return self.store.is_empty(part);
                }
                let bits = self.store.quad(part);
                bits.iter()
                    .enumerate()
                    .all(|(k, &b)| k == near || self.store.is_empty(b))
            })
        })
    }

    /// Shrinks the root while the pattern fits in its centre half.
    fn shrink(&mut self) -> Result<(), Full> {
        while self.level > LEAF + 2 {
            let q = self.store.quad(self.root);
            let inner = [3usize, 2, 1, 0];
            let fits = q.iter().zip(inner).all(|(&quadrant, near)| {
                self.store
                    .quad(quadrant)
                    .iter()
                    .enumerate()
                    .all(|(i, &part)| i == near || self.store.is_empty(part))
            });
            if !fits {
                break;
            }
            let centre = self.centre(self.root, self.level)?;
            self.root = centre;
            self.level -= 1;
        }
        Ok(())
    }

    /// Moves the pattern `generations` on.
    pub fn run(&mut self, generations: u64) -> Result<(), HashLifeError> {
        let mut left = generations;
        while left != 0 {
            let step = left.trailing_zeros();
            self.run_power(step)?;
            left &= left - 1;
        }
        Ok(())
    }

    /// Moves the pattern `2^step` generations on.
    fn run_power(&mut self, step: u32) -> Result<(), HashLifeError> {
        if self.store.is_empty(self.root) {
            return Ok(());
        }
        for attempt in 0..3 {
            if attempt == 1 {
                self.collect(true);
            } else if attempt == 2 {
                self.collect(false);
            }
            match self.try_power(step) {
                Ok(()) => return Ok(()),
                Err(Retry::Full) => continue,
                Err(Retry::Error(error)) => return Err(*error),
            }
        }
        if step == 0 {
            return Err(HashLifeError::Memory {
                budget: self.budget,
            });
        }
        self.run_power(step - 1)?;
        self.run_power(step - 1)
    }

    fn try_power(&mut self, step: u32) -> Result<(), Retry> {
        // Keep at least half the budget free for the step.
        if self.store.len() * 2 > self.store.limit() {
            self.collect(true);
        }
        while self.level < step + 3 || !self.centred() {
            self.expand()
                .map_err(|error| Retry::Error(Box::new(error)))?;
        }
        self.step = step;
        let result = self
            .result(self.root, self.level)
            .map_err(|Full| Retry::Full)?;
        self.root = result;
        self.level -= 1;
        self.shrink().map_err(|Full| Retry::Full)?;
        Ok(())
    }

    /// Collects the nodes the root does not reach (nor, if `results`, the
    /// memoised results).
    fn collect(&mut self, results: bool) {
        let mut roots = [self.root];
        self.store.collect(&mut roots, results);
        self.root = roots[0];
        self.collections += 1;
    }

    /// The centre of node `id` of `level`, as a node of `level − 1`.
    fn centre(&mut self, id: Id, level: u32) -> Result<Id, Full> {
        let [nw, ne, sw, se] = self.store.quad(id);
        if level == LEAF + 1 {
            let quad = [nw, ne, sw, se].map(|q| self.store.cells(q));
            return self.store.leaf(leaf::middle(quad));
        }
        let quad = [
            self.store.quad(nw)[3],
            self.store.quad(ne)[2],
            self.store.quad(sw)[1],
            self.store.quad(se)[0],
        ];
        self.store.join(level - 1, quad)
    }

    /// The result of node `id` of `level`: its centre, `2^min(step,
    /// level − 2)` generations on.
    fn result(&mut self, id: Id, level: u32) -> Result<Id, Full> {
        let tag = self.step.min(level - 2);
        if let Some(known) = self.store.result(id, tag) {
            return Ok(known);
        }
        if self.store.is_empty(id) {
            return self.store.empty(level - 1);
        }
        let [nw, ne, sw, se] = self.store.quad(id);
        let result = if level == LEAF + 1 {
            let quad = [nw, ne, sw, se].map(|q| self.store.cells(q));
            self.store.leaf(leaf::step(&self.program, quad, 1 << tag))?
        } else {
            let sub = level - 1;
            let [a, b, c, d] = self.store.quad(nw);
            let [e, f, g, h] = self.store.quad(ne);
            let [i, j, k, l] = self.store.quad(sw);
            let [m, n, o, p] = self.store.quad(se);
            let mut r = [0; 9];
            if self.step >= level - 2 {
                // The nine overlapping squares of half the side, each
                // stepped: a full step of 2^(level − 3), twice.
                let n01 = self.store.join(sub, [b, e, d, g])?;
                let n10 = self.store.join(sub, [c, d, i, j])?;
                let n11 = self.store.join(sub, [d, g, j, m])?;
                let n12 = self.store.join(sub, [g, h, m, n])?;
                let n21 = self.store.join(sub, [j, m, l, o])?;
                let nine = [nw, n01, ne, n10, n11, n12, sw, n21, se];
                for (slot, &square) in r.iter_mut().zip(&nine) {
                    *slot = self.result(square, sub)?;
                }
            } else if level == LEAF + 2 {
                // The nine squares' centres, unstepped, from the leaves.
                let nine = [
                    [a, b, c, d],
                    [b, e, d, g],
                    [e, f, g, h],
                    [c, d, i, j],
                    [d, g, j, m],
                    [g, h, m, n],
                    [i, j, k, l],
                    [j, m, l, o],
                    [m, n, o, p],
                ];
                for (slot, quad) in r.iter_mut().zip(nine) {
                    let cells = quad.map(|q| self.store.cells(q));
                    *slot = self.store.leaf(leaf::middle(cells))?;
                }
            } else {
                // The nine squares' centres, unstepped, straight from the
                // grandchildren, without making the squares themselves.
                let g =
                    [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p].map(|q| self.store.quad(q));
                // Row by row, the 4×4 quadrants: [a b e f; c d g h; i j m n; k l o p].
                let at = |row: usize, col: usize| {
                    let index = [[0, 1, 4, 5], [2, 3, 6, 7], [8, 9, 12, 13], [10, 11, 14, 15]];
                    g[index[row][col]]
                };
                for (s, slot) in r.iter_mut().enumerate() {
                    let (row, col) = (s / 3, s % 3);
                    let quad = [
                        at(row, col)[3],
                        at(row, col + 1)[2],
                        at(row + 1, col)[1],
                        at(row + 1, col + 1)[0],
                    ];
                    *slot = self.store.join(sub - 1, quad)?;
                }
            }
            let quads = [
                [r[0], r[1], r[3], r[4]],
                [r[1], r[2], r[4], r[5]],
                [r[3], r[4], r[6], r[7]],
                [r[4], r[5], r[7], r[8]],
            ];
            let mut out = [0; 4];
            for (slot, quad) in out.iter_mut().zip(quads) {
                let joined = self.store.join(sub, quad)?;
                *slot = self.result(joined, sub)?;
            }
            self.store.join(sub, out)?
        };
        self.store.remember(id, tag, result);
        Ok(result)
    }

    /// The root's top-left cell (row, column). As in Golly, a root of
    /// side `2^L` spans columns −2^(L−1) to 2^(L−1) − 1 and rows
    /// −2^(L−1) + 1 to 2^(L−1), so that macrocell files put their cells
    /// where Golly puts them.
    fn corner(&self) -> (i128, i128) {
        let half = 1i128 << (self.level - 1);
        (1 - half, -half)
    }

    /// The smallest rectangle holding every live cell.
    pub fn bounds(&self) -> Option<Bounds> {
        if self.store.is_empty(self.root) {
            return None;
        }
        let (corner_y, corner_x) = self.corner();
        let mut memo = FxHashMap::default();
        let top = self.edge(self.root, self.level, Edge::Top, &mut memo)?;
        memo.clear();
        let bottom = self.edge(self.root, self.level, Edge::Bottom, &mut memo)?;
        memo.clear();
        let left = self.edge(self.root, self.level, Edge::Left, &mut memo)?;
        memo.clear();
        let right = self.edge(self.root, self.level, Edge::Right, &mut memo)?;
        let at = |corner: i128, offset: u128| {
            (corner + offset as i128).clamp(i64::MIN.into(), i64::MAX.into()) as i64
        };
        Some(Bounds {
            top: at(corner_y, top),
            left: at(corner_x, left),
            bottom: at(corner_y, bottom),
            right: at(corner_x, right),
        })
    }

    /// The first (or last) row (or column) of node `id` holding a live
    /// cell, from the node's top-left corner.
    fn edge(
        &self,
        id: Id,
        level: u32,
        edge: Edge,
        memo: &mut FxHashMap<Id, Option<u128>>,
    ) -> Option<u128> {
        if self.store.is_empty(id) {
            return None;
        }
        if level == LEAF {
            let cells = self.store.cells(id);
            let rows: Vec<u32> = (0..8).filter(|r| cells >> (r * 8) & 0xFF != 0).collect();
            let cols: Vec<u32> = (0..8)
                .filter(|c| (0..8).any(|r| cells >> (r * 8 + c) & 1 == 1))
                .collect();
            let pick = match edge {
                Edge::Top => rows.first(),
                Edge::Bottom => rows.last(),
                Edge::Left => cols.first(),
                Edge::Right => cols.last(),
            };
            return pick.map(|&v| u128::from(v));
        }
        if let Some(&known) = memo.get(&id) {
            return known;
        }
        let quad = self.store.quad(id);
        let half = 1u128 << (level - 1);
        // Quadrants nearest the edge first, each with its offset along the
        // edge's axis.
        let order: [(usize, u128); 4] = match edge {
            Edge::Top => [(0, 0), (1, 0), (2, half), (3, half)],
            Edge::Bottom => [(2, half), (3, half), (0, 0), (1, 0)],
            Edge::Left => [(0, 0), (2, 0), (1, half), (3, half)],
            Edge::Right => [(1, half), (3, half), (0, 0), (2, 0)],
        };
        let mut found: Option<u128> = None;
        for pair in order.chunks(2) {
            for &(i, offset) in pair {
                if let Some(v) = self.edge(quad[i], level - 1, edge, memo) {
                    let v = v + offset;
                    found = Some(match (found, edge) {
                        (None, _) => v,
                        (Some(f), Edge::Top | Edge::Left) => f.min(v),
                        (Some(f), _) => f.max(v),
                    });
                }
            }
            if found.is_some() {
                break;
            }
        }
        memo.insert(id, found);
        found
    }

    /// Every live cell inside the rectangle of rows `top..=bottom` and
    /// columns `left..=right`, by row, then column.
    pub fn cells_in(&self, top: i64, left: i64, bottom: i64, right: i64) -> Vec<(i64, i64)> {
        // Squares of one cell are the cells, counted from the corner.
        let mut out: Vec<(i64, i64)> = self
            .occupied([top, left, bottom, right], 1)
            .into_iter()
            .map(|(row, col)| {
                (
                    (i128::from(top) + i128::from(row)) as i64,
                    (i128::from(left) + i128::from(col)) as i64,
                )
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// The squares of `side` × `side` cells, tiling the window from
    /// (`top`, `left`) to (`bottom`, `right`) from its top-left corner,
    /// that hold a live cell inside the window: (row, column) of each
    /// square, counted in squares, in no particular order.
    ///
    /// A node that lies inside one square is not looked into, so a
    /// zoomed-out view of a vast pattern costs about the squares shown,
    /// not the cells.
    pub fn occupied(&self, [top, left, bottom, right]: [i64; 4], side: u64) -> Vec<(u64, u64)> {
        let mut out = Vec::new();
        let (y, x) = self.corner();
        let window = [top, left, bottom, right].map(i128::from);
        let side = i128::from(side.max(1));
        self.mark(self.root, self.level, (y, x), window, side, &mut out);
        out
    }

    fn mark(
        &self,
        id: Id,
        level: u32,
        (y, x): (i128, i128),
        window: [i128; 4],
        side: i128,
        out: &mut Vec<(u64, u64)>,
    ) {
        let size = 1i128 << level;
        let [top, left, bottom, right] = window;
        if self.store.is_empty(id) || y > bottom || x > right || y + size <= top || x + size <= left
        {
            return;
        }
        // Inside the window and inside one square: that square is occupied.
        let square = |v: i128, first: i128| (v - first).div_euclid(side);
        let inside = y >= top && x >= left && y + size - 1 <= bottom && x + size - 1 <= right;
        let (row, col) = (square(y, top), square(x, left));
        if inside && row == square(y + size - 1, top) && col == square(x + size - 1, left) {
            out.push((row as u64, col as u64));
            return;
        }
        if level == LEAF {
            let mut cells = self.store.cells(id);
            while cells != 0 {
                let bit = cells.trailing_zeros();
                cells &= cells - 1;
                let (cy, cx) = (y + i128::from(bit / 8), x + i128::from(bit % 8));
                if (top..=bottom).contains(&cy) && (left..=right).contains(&cx) {
                    out.push((square(cy, top) as u64, square(cx, left) as u64));
                }
            }
            return;
        }
        let half = size / 2;
        for (i, &q) in self.store.quad(id).iter().enumerate() {
            let (dy, dx) = (half * (i as i128 / 2), half * (i as i128 % 2));
            self.mark(q, level - 1, (y + dy, x + dx), window, side, out);
        }
    }
}

/// An edge of the bounding box.
#[derive(Clone, Copy)]
enum Edge {
    Top,
    Bottom,
    Left,
    Right,
}

/// Why a step stopped short.
enum Retry {
    Full,
    Error(Box<HashLifeError>),
}

/// The smallest root level whose square, centred as the root is, holds
/// coordinate `v`.
fn reach(v: i64) -> u32 {
    // Level L holds −2^(L−1) ≤ v < 2^(L−1).
    let magnitude = if v < 0 { !(v as u64) } else { v as u64 };
    (65 - magnitude.leading_zeros()).max(LEAF + 1)
}

/// The smallest root level that holds row `y`: rows are one further down
/// than columns (see [`HashLife::corner`]).
fn reach_row(y: i64) -> u32 {
    match y.checked_sub(1) {
        Some(above) => reach(above),
        None => 65,
    }
}

/// The program HashLife runs for `rule`.
fn program(rule: &Rule) -> Result<Program, HashLifeError> {
    let topology = rule.topology();
    if !topology.is_plane() {
        return Err(HashLifeError::Bounded { topology });
    }
    let states = rule.states();
    if states > 2 {
        return Err(HashLifeError::States {
            rule: *rule,
            states,
        });
    }
    let table = RuleTable::probe(rule).map_err(|error| HashLifeError::Rule {
        rule: Box::new(*rule),
        reason: error.to_string(),
    })?;
    if table.is_born(0) {
        if !table.is_born(0x1FF) {
            return Err(HashLifeError::Flashing { rule: *rule });
        }
        return Ok(Program::new(&table.complemented()));
    }
    Ok(Program::new(&table))
}
