//! HashLife for Generations rules: the same quadtree as [`HashLife`]'s,
//! with cells of up to 256 states.
//!
//! State 0 is empty, 1 alive, and 2 … C−1 dying, as in Golly's
//! Generations family (`/2/3`, Brian's Brain; `345/2/4`, Star Wars;
//! `B2/S/C3`). A leaf is a 2×2 square of states, one byte each, as in
//! Golly's multistate HashLife, so a leaf is also a level-1 node of a
//! multistate macrocell file.
//!
//! The base case is the smallest node with a result, a 4×4 square: its
//! centre 2×2 one generation on comes from the cell coroutine itself, by
//! driving [`simulate_in`] over those four cells and answering each query
//! from the square. Like every result it is memoised in the node, so each
//! distinct 4×4 square is driven once (until a collection forgets it).
//! Above that the recursion, the memory budget, the collections and the
//! placement of the root are [`HashLife`]'s.
//!
//! Rules whose cells look beyond their 3×3 neighbourhood (Larger than
//! Life), rules of two states (which [`HashLife`] runs), bounded grids and
//! `B0` Generations rules (which Golly refuses too) are not run.
//!
//! ```
//! use corolife::engine::hashlife::GenerationsLife;
//! use corolife::{Rule, State};
//!
//! // Brian's Brain: a live cell always dies (to state 2, then empty), an
//! // empty one fires on exactly two live neighbours.
//! let brain: Rule = "/2/3".parse()?;
//! let mut life = GenerationsLife::new(brain)?;
//! // The period-3 oscillator of patterns/brians-brain-p3.rle.
//! let cells = [(0, 2, 1), (1, 0, 1), (1, 1, 2), (1, 2, 2), (2, 1, 2), (2, 2, 2), (2, 3, 1), (3, 1, 1)];
//! for (y, x, state) in cells {
//!     life.set(y, x, State::new(state));
//! }
//! let start = life.cells_in(0, 0, 3, 3);
//! life.run(3 << 40)?;
//! assert_eq!(life.cells_in(0, 0, 3, 3), start);
//! assert_eq!(life.population(), 8);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`HashLife`]: super::HashLife

use genawaiter::GeneratorState;
use genawaiter::stack::let_gen_using;
use rustc_hash::FxHashMap;

use super::store::{Full, Id, NODE_BYTES, Store};
use super::{
    Bounds, DEFAULT_MAX_MEMORY, Edge, HashLifeError, MAX_LEVEL, Retry, Stats, reach, reach_row,
};
use crate::cell::{simulate_in, step_cell};
use crate::format::macrocell::{Macrocell, Node as McNode};
use crate::protocol::{Op, PRIME, Query};
use crate::{Cell, Family, Rule, State};

/// The level of the leaves: 2×2 squares of states.
const LEAF: u32 = 1;

/// A leaf's four states, north-west, north-east, south-west, south-east,
/// as the low four bytes of its cells.
fn pack(states: [u8; 4]) -> u64 {
    u64::from(u32::from_le_bytes(states))
}

fn unpack(cells: u64) -> [u8; 4] {
    (cells as u32).to_le_bytes()
}

/// A leaf's cells that are not empty.
fn count(cells: u64) -> u32 {
    unpack(cells).iter().filter(|&&s| s != 0).count() as u32
}

/// The centre 2×2 of the 4×4 square of leaves `quad`.
fn middle(quad: [u64; 4]) -> u64 {
    let [nw, ne, sw, se] = quad.map(unpack);
    pack([nw[3], ne[2], sw[1], se[0]])
}

/// The unbounded plane of a Generations rule stepped by HashLife: see the
/// [module documentation](self).
pub struct GenerationsLife {
    rule: Rule,
    store: Store<LEAF>,
    /// The whole pattern: a square of side `2^level` whose top-left cell is
    /// at [`corner`](GenerationsLife::corner).
    root: Id,
    level: u32,
    /// The step the results are worked out for: `2^step` generations.
    step: u32,
    budget: u64,
    collections: u32,
}

impl GenerationsLife {
    /// An empty plane under `rule`, with the default budget
    /// ([`DEFAULT_MAX_MEMORY`]).
    pub fn new(rule: Rule) -> Result<GenerationsLife, HashLifeError> {
        GenerationsLife::with_max_memory(rule, DEFAULT_MAX_MEMORY)
    }

    /// An empty plane under `rule` whose nodes may take at most `bytes`.
    pub fn with_max_memory(rule: Rule, bytes: u64) -> Result<GenerationsLife, HashLifeError> {
        GenerationsLife::supports(&rule)?;
        let limit = (bytes / NODE_BYTES).min(u64::from(u32::MAX - 1)) as usize;
        let mut store = Store::new(limit);
        let level = LEAF + 1;
        let root = store
            .empty(level)
            .map_err(|Full| HashLifeError::Memory { budget: bytes })?;
        Ok(GenerationsLife {
            rule,
            store,
            root,
            level,
            step: 0,
            budget: bytes,
            collections: 0,
        })
    }

    /// Whether this runs `rule` (and if not, why): a Generations rule on
    /// the plane, whose cells look at their 3×3 neighbourhood only and
    /// are not born from nothing.
    pub fn supports(rule: &Rule) -> Result<(), HashLifeError> {
        let topology = rule.topology();
        if !topology.is_plane() {
            return Err(HashLifeError::Bounded { topology });
        }
        let refuse = |reason: String| HashLifeError::Generations {
            rule: Box::new(*rule),
            reason,
        };
        match rule.family() {
            Family::Generations | Family::Table | Family::Super | Family::VonNeumann => {}
            Family::LargerThanLife => {
                return Err(refuse(format!(
                    "is Larger than Life, whose neighbourhood of range {} reaches beyond 3x3",
                    rule.neighbourhood().range()
                )));
            }
            family => {
                return Err(refuse(format!(
                    "is a two-state {family} rule, which two-state hashlife runs"
                )));
            }
        }
        if let Some((dy, dx)) = far_query(rule) {
            return Err(refuse(format!(
                "asks about the cell {dy} rows down and {dx} columns right, outside its 3x3 neighbourhood"
            )));
        }
        if rule.births_from_nothing() {
            return Err(HashLifeError::GenerationsB0 { rule: *rule });
        }
        Ok(())
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

    /// The plane holding `cells`, in whatever states they are (a state
    /// past the rule's last dies at once, as [`Rule::next_state`] says).
    pub fn from_cells(
        rule: Rule,
        bytes: u64,
        cells: &[Cell],
    ) -> Result<GenerationsLife, HashLifeError> {
        let mut life = GenerationsLife::with_max_memory(rule, bytes)?;
        let points: Vec<(i64, i64, u8)> = cells
            .iter()
            .filter(|c| !c.state.is_empty())
            .map(|c| (i64::from(c.y), i64::from(c.x), c.state.value()))
            .collect();
        life.put_all(&points)?;
        Ok(life)
    }

    /// Adds the cells at `points` (row, column, state) to the plane,
    /// building the tree from the bottom up.
    fn put_all(&mut self, points: &[(i64, i64, u8)]) -> Result<(), HashLifeError> {
        let Some(reach) = points
            .iter()
            .map(|&(y, x, _)| reach_row(y).max(reach(x)))
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
        let mut leaves: FxHashMap<(u64, u64), [u8; 4]> = FxHashMap::default();
        for &(y, x, state) in points {
            let (y, x) = ((i128::from(y) - top) as u64, (i128::from(x) - left) as u64);
            leaves.entry((y >> 1, x >> 1)).or_default()[((y & 1) * 2 + (x & 1)) as usize] = state;
        }
        let mut level_nodes: FxHashMap<(u64, u64), Id> = FxHashMap::default();
        for (key, states) in leaves {
            level_nodes.insert(key, self.store.leaf(pack(states)).map_err(memory)?);
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
        if let Some(&added) = level_nodes.get(&(0, 0)) {
            self.root = self.overlay(self.root, added, self.level).map_err(memory)?;
        }
        Ok(())
    }

    /// Node `below` of `level` with the non-empty cells of `above` put
    /// over it.
    fn overlay(&mut self, below: Id, above: Id, level: u32) -> Result<Id, Full> {
        if self.store.is_empty(below) || below == above {
            return Ok(above);
        }
        if self.store.is_empty(above) {
            return Ok(below);
        }
        if level == LEAF {
            let (b, a) = (
                unpack(self.store.cells(below)),
                unpack(self.store.cells(above)),
            );
            let states = std::array::from_fn(|i| if a[i] != 0 { a[i] } else { b[i] });
            return self.store.leaf(pack(states));
        }
        let (qb, qa) = (self.store.quad(below), self.store.quad(above));
        let mut quad = [0; 4];
        for i in 0..4 {
            quad[i] = self.overlay(qb[i], qa[i], level - 1)?;
        }
        self.store.join(level, quad)
    }

    /// The plane a macrocell file describes, its root placed as Golly
    /// places it. Multistate files' level-1 nodes are the leaves; a
    /// two-state file's 8×8 leaves are read as squares of states 0 and 1.
    pub fn from_macrocell(
        rule: Rule,
        bytes: u64,
        file: &Macrocell,
    ) -> Result<GenerationsLife, HashLifeError> {
        let mut life = GenerationsLife::with_max_memory(rule, bytes)?;
        let memory = |Full| HashLifeError::Memory { budget: bytes };
        let bad = |what: String| HashLifeError::Macrocell(what);
        // Node number n (from 1) as an id and its level.
        let mut made: Vec<(Id, u32)> = Vec::with_capacity(file.nodes.len());
        for (n, node) in file.nodes.iter().enumerate() {
            let entry = match *node {
                McNode::Leaf2(states) => (
                    life.store
                        .leaf(pack(states.map(State::value)))
                        .map_err(memory)?,
                    LEAF,
                ),
                McNode::Leaf8(rows) => (life.leaf8(rows).map_err(memory)?, 3),
                McNode::Inner { level, children } => {
                    if level > MAX_LEVEL {
                        return Err(bad(format!(
                            "node {} has level {level}, above the {MAX_LEVEL} hashlife holds",
                            n + 1
                        )));
                    }
                    if level <= LEAF {
                        return Err(bad(format!(
                            "node {} has level {level}, but a multistate file's level-1 nodes are its cells",
                            n + 1
                        )));
                    }
                    let mut quad = [0; 4];
                    for (i, &c) in children.iter().enumerate() {
                        quad[i] = match c {
                            0 => life.store.empty(level - 1).map_err(memory)?,
                            c => match made.get(c as usize - 1) {
                                Some(&(id, l)) if l == level - 1 => id,
                                _ => {
                                    return Err(bad(format!(
                                        "node {} has a child of the wrong level",
                                        n + 1
                                    )));
                                }
                            },
                        };
                    }
                    (life.store.join(level, quad).map_err(memory)?, level)
                }
            };
            made.push(entry);
        }
        let Some(&(root, level)) = made.last() else {
            return Ok(life);
        };
        // Our smallest root is a level up from a leaf: a leaf root goes in
        // its middle, where the same placement puts it.
        let (root, level) = if level == LEAF {
            let [nw, ne, sw, se] = unpack(life.store.cells(root));
            let mut quad = [0; 4];
            let corners = [[0, 0, 0, nw], [0, 0, ne, 0], [0, sw, 0, 0], [se, 0, 0, 0]];
            for (slot, states) in quad.iter_mut().zip(corners) {
                *slot = life.store.leaf(pack(states)).map_err(memory)?;
            }
            (life.store.join(LEAF + 1, quad).map_err(memory)?, LEAF + 1)
        } else {
            (root, level)
        };
        life.root = root;
        life.level = level;
        Ok(life)
    }

    /// A two-state file's 8×8 leaf (bit `c` of byte `r`: row `r`,
    /// column `c`) as a node of level 3.
    fn leaf8(&mut self, rows: [u8; 8]) -> Result<Id, Full> {
        let cell = |r: usize, c: usize| rows[r] >> c & 1;
        let mut fours = [0; 4];
        for (q, four) in fours.iter_mut().enumerate() {
            let (qy, qx) = (4 * (q / 2), 4 * (q % 2));
            let mut twos = [0; 4];
            for (t, two) in twos.iter_mut().enumerate() {
                let (ty, tx) = (qy + 2 * (t / 2), qx + 2 * (t % 2));
                let states = [
                    cell(ty, tx),
                    cell(ty, tx + 1),
                    cell(ty + 1, tx),
                    cell(ty + 1, tx + 1),
                ];
                *two = self.store.leaf(pack(states))?;
            }
            *four = self.store.join(LEAF + 1, twos)?;
        }
        self.store.join(LEAF + 2, fours)
    }

    /// The plane as a multistate macrocell file: level-1 nodes
    /// ([`McNode::Leaf2`]) for the leaves, nodes above them, each once,
    /// children first; the rule and `generation` as given.
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
            McNode::Leaf2(unpack(node.cells()).map(State::new))
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

    /// The number of cells that are not empty (dying ones included, as
    /// Golly counts them).
    pub fn population(&self) -> u64 {
        self.population_wide().min(u128::from(u64::MAX)) as u64
    }

    /// The number of cells that are not empty, up to 2^128 − 1.
    pub fn population_wide(&self) -> u128 {
        self.store
            .population(self.root, &mut FxHashMap::default(), count)
    }

    /// The state of the cell at row `y`, column `x`.
    pub fn get(&self, y: i64, x: i64) -> State {
        let (top, left) = self.corner();
        let side = 1i128 << self.level;
        let (y, x) = (i128::from(y) - top, i128::from(x) - left);
        if y < 0 || x < 0 || y >= side || x >= side {
            return State::EMPTY;
        }
        let (y, x) = (y as u128, x as u128);
        let mut id = self.root;
        let mut level = self.level;
        while level > LEAF {
            level -= 1;
            let i = ((y >> level & 1) * 2 + (x >> level & 1)) as usize;
            id = self.store.quad(id)[i];
        }
        State::new(unpack(self.store.cells(id))[((y & 1) * 2 + (x & 1)) as usize])
    }

    /// Sets the cell at row `y`, column `x` to `state`.
    pub fn set(&mut self, y: i64, x: i64, state: State) {
        if self.get(y, x) == state {
            return;
        }
        // Setting a cell adds one node a level; collect first if that
        // would not fit.
        if self.store.len() + 2 * MAX_LEVEL as usize >= self.store.limit() {
            self.collect(false);
        }
        let _ = self.try_set(y, x, state.value());
    }

    fn try_set(&mut self, y: i64, x: i64, state: u8) -> Result<(), Full> {
        while self.level < reach_row(y).max(reach(x)) {
            self.expand().map_err(|_| Full)?;
        }
        let (top, left) = self.corner();
        let (y, x) = (
            (i128::from(y) - top) as u128,
            (i128::from(x) - left) as u128,
        );
        self.root = self.set_in(self.root, self.level, y, x, state)?;
        Ok(())
    }

    fn set_in(&mut self, id: Id, level: u32, y: u128, x: u128, state: u8) -> Result<Id, Full> {
        if level == LEAF {
            let mut states = unpack(self.store.cells(id));
            states[((y & 1) * 2 + (x & 1)) as usize] = state;
            return self.store.leaf(pack(states));
        }
        let i = ((y >> (level - 1) & 1) * 2 + (x >> (level - 1) & 1)) as usize;
        let mut quad = self.store.quad(id);
        quad[i] = self.set_in(quad[i], level - 1, y, x, state)?;
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
        let quads = [
            [empty, empty, empty, nw],
            [empty, empty, ne, empty],
            [empty, sw, empty, empty],
            [se, empty, empty, empty],
        ];
        let mut quad = [0; 4];
        for (i, q) in quads.into_iter().enumerate() {
            quad[i] = self.store.join(self.level, q).map_err(memory)?;
        }
        self.level += 1;
        self.root = self.store.join(self.level, quad).map_err(memory)?;
        Ok(())
    }

    /// Whether every cell is in the centre square of side `2^(level − 2)`,
    /// so that a step of up to `2^(level − 3)` keeps them all.
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
            self.root = self.centre(self.root, self.level)?;
            self.level -= 1;
        }
        Ok(())
    }

    /// Moves the pattern `generations` on.
    pub fn run(&mut self, generations: u64) -> Result<(), HashLifeError> {
        let mut left = generations;
        while left != 0 {
            self.run_power(left.trailing_zeros())?;
            left &= left - 1;
        }
        Ok(())
    }

    /// Moves the pattern `2^step` generations on: collecting and trying
    /// again when the budget runs out, then in halves.
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
            return self.store.leaf(middle(quad));
        }
        let quad = [
            self.store.quad(nw)[3],
            self.store.quad(ne)[2],
            self.store.quad(sw)[1],
            self.store.quad(se)[0],
        ];
        self.store.join(level - 1, quad)
    }

    /// The base case: the centre 2×2 of the 4×4 square of leaves `quad`,
    /// one generation on, from the cell coroutine.
    fn base(&self, quad: [Id; 4]) -> u64 {
        let mut square = [State::EMPTY; 16];
        for (i, &q) in quad.iter().enumerate() {
            let (qy, qx) = (2 * (i / 2), 2 * (i % 2));
            for (k, &state) in unpack(self.store.cells(q)).iter().enumerate() {
                square[(qy + k / 2) * 4 + qx + k % 2] = State::new(state);
            }
        }
        let rule = &self.rule;
        let mut next = [0u8; 4];
        let_gen_using!(cells, |co| simulate_in(co, 1..3, 1..3, rule));
        let mut answer = PRIME;
        loop {
            let instruction = match cells.resume_with(answer) {
                GeneratorState::Yielded(instruction) => instruction,
                GeneratorState::Complete(never) => match never {},
            };
            match instruction.op() {
                Op::Query(Query { y, x }) => {
                    // `supports` has checked that no cell looks further.
                    answer = if (0..4).contains(&y) && (0..4).contains(&x) {
                        square[(y * 4 + x) as usize]
                    } else {
                        State::EMPTY
                    };
                }
                Op::Transition(t) => {
                    next[((t.y - 1) * 2 + (t.x - 1)) as usize] = t.state.value();
                    answer = PRIME;
                }
                Op::Tick => return pack(next),
            }
        }
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
            let next = self.base([nw, ne, sw, se]);
            self.store.leaf(next)?
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
                    *slot = self.store.leaf(middle(cells))?;
                }
            } else {
                // The nine squares' centres, unstepped, straight from the
                // grandchildren.
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

    /// The root's top-left cell (row, column), placed as
    /// [`HashLife`](super::HashLife) places its root.
    fn corner(&self) -> (i128, i128) {
        let half = 1i128 << (self.level - 1);
        (1 - half, -half)
    }

    /// The smallest rectangle holding every cell that is not empty.
    pub fn bounds(&self) -> Option<Bounds> {
        if self.store.is_empty(self.root) {
            return None;
        }
        let (corner_y, corner_x) = self.corner();
        let [top, left, bottom, right] = [Edge::Top, Edge::Left, Edge::Bottom, Edge::Right]
            .map(|edge| self.edge(self.root, self.level, edge, &mut FxHashMap::default()));
        // Every edge is found: the root is not empty.
        let at = |corner: i128, offset: Option<u128>| {
            (corner + offset.unwrap_or(0) as i128).clamp(i64::MIN.into(), i64::MAX.into()) as i64
        };
        Some(Bounds {
            top: at(corner_y, top),
            left: at(corner_x, left),
            bottom: at(corner_y, bottom),
            right: at(corner_x, right),
        })
    }

    /// The first (or last) row (or column) of node `id` holding a cell
    /// that is not empty, from the node's top-left corner.
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
            let s = unpack(self.store.cells(id)).map(|state| state != 0);
            let (first, second) = match edge {
                Edge::Top | Edge::Bottom => (s[0] || s[1], s[2] || s[3]),
                Edge::Left | Edge::Right => (s[0] || s[2], s[1] || s[3]),
            };
            return Some(match edge {
                Edge::Top | Edge::Left => u128::from(!first),
                Edge::Bottom | Edge::Right => u128::from(second),
            });
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

    /// Every cell that is not empty inside the rectangle of rows
    /// `top..=bottom` and columns `left..=right`, as (row, column, state),
    /// by row, then column.
    pub fn cells_in(&self, top: i64, left: i64, bottom: i64, right: i64) -> Vec<(i64, i64, State)> {
        let mut out = Vec::new();
        let (y, x) = self.corner();
        let window = [top, left, bottom, right].map(i128::from);
        self.gather(self.root, self.level, y, x, window, &mut out);
        out.sort_unstable_by_key(|&(y, x, _)| (y, x));
        out
    }

    fn gather(
        &self,
        id: Id,
        level: u32,
        y: i128,
        x: i128,
        window: [i128; 4],
        out: &mut Vec<(i64, i64, State)>,
    ) {
        let side = 1i128 << level;
        let [top, left, bottom, right] = window;
        if self.store.is_empty(id) || y > bottom || x > right || y + side <= top || x + side <= left
        {
            return;
        }
        if level == LEAF {
            for (k, &state) in unpack(self.store.cells(id)).iter().enumerate() {
                let (cy, cx) = (y + (k / 2) as i128, x + (k % 2) as i128);
                if state != 0 && (top..=bottom).contains(&cy) && (left..=right).contains(&cx) {
                    out.push((cy as i64, cx as i64, State::new(state)));
                }
            }
            return;
        }
        let half = side / 2;
        let quad = self.store.quad(id);
        for (i, &q) in quad.iter().enumerate() {
            let (dy, dx) = (half * (i as i128 / 2), half * (i as i128 % 2));
            self.gather(q, level - 1, y + dy, x + dx, window, out);
        }
    }
}

/// The first cell outside its 3×3 neighbourhood that a cell of `rule`
/// asks about, if any, as (rows down, columns right): one cell driven,
/// every answer empty (a cell asks the same questions whatever the
/// answers; see [`crate::cell`]).
fn far_query(rule: &Rule) -> Option<(i32, i32)> {
    let_gen_using!(cell, |co| async move { step_cell(&co, 0, 0, rule).await });
    let mut far = None;
    while let GeneratorState::Yielded(instruction) = cell.resume_with(State::EMPTY) {
        if let Op::Query(Query { y, x }) = instruction.op()
            && (y.abs() > 1 || x.abs() > 1)
            && far.is_none()
        {
            far = Some((y, x));
        }
    }
    far
}

#[cfg(test)]
mod tests;
