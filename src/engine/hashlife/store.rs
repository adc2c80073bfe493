//! The node store: every distinct square once (hash-consed), each with its
//! memoised result, within a budget of nodes, and collected when full.

use rustc_hash::FxHashMap;

/// A node's number in the store. 0 is no node.
pub(crate) type Id = u32;

/// The level of two-state leaves: 8×8 squares of cells, 64 bits.
pub(crate) const LEAF: u32 = 3;

/// What one node costs: itself, and two slots of the hash table.
pub(crate) const NODE_BYTES: u64 = (size_of::<Node>() + 2 * size_of::<Slot>()) as u64;

/// A hash table slot: a node number in the low half and the high half of
/// its hash in the high half, so that a probe reads a node only when the
/// hashes agree; 0 is a free slot.
type Slot = u64;

/// The slot for node `id` whose hash is `hash`.
#[inline(always)]
fn slot_of(id: Id, hash: u64) -> Slot {
    u64::from(id) | hash & !0xFFFF_FFFF
}

/// No result memoised.
const NO_TAG: u32 = 0xFF;

/// A square of side `2^level`: four quadrants, or for a leaf its cells (up
/// to 64 bits).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node {
    /// North-west, north-east, south-west and south-east quadrants; for a
    /// leaf, its cells as a `u64` split in two (bit `8r + c` is row `r`,
    /// column `c`), then two zeros.
    pub(crate) quad: [Id; 4],
    /// The memoised result, if `meta`'s tag says there is one.
    result: Id,
    /// Bits 0–7: the level; 8–15: the step the result was computed for
    /// (see [`Store::result`]), or [`NO_TAG`]; bit 31: marked, in a
    /// collection.
    meta: u32,
}

impl Node {
    pub(crate) fn level(&self) -> u32 {
        self.meta & 0xFF
    }

    pub(crate) fn cells(&self) -> u64 {
        u64::from(self.quad[0]) | u64::from(self.quad[1]) << 32
    }
}

/// The store was full: the node budget is used up.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Full;

/// Every node, hash-consed. Leaves are the nodes of level `L` ([`LEAF`]
/// for two-state HashLife): a constant, so that each engine's store is
/// compiled for its own leaves.
pub(crate) struct Store<const L: u32 = LEAF> {
    /// Node `id` is `nodes[id]`; `nodes[0]` is unused.
    nodes: Vec<Node>,
    /// Open addressing, linear probing.
    table: Vec<Slot>,
    /// The empty square of each level, made when first asked for.
    empty: Vec<Id>,
    /// The most nodes there may be.
    limit: usize,
}

/// Mixes a node's level and quadrants into a hash.
#[inline(always)]
fn hash(level: u32, quad: [Id; 4]) -> u64 {
    let a = u64::from(quad[0]) | u64::from(quad[1]) << 32;
    let b = u64::from(quad[2]) | u64::from(quad[3]) << 32;
    let h = (a ^ u64::from(level) << 59).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let h = (h.rotate_left(29) ^ b).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^ h >> 32
}

impl<const L: u32> Store<L> {
    /// An empty store holding at most `limit` nodes.
    pub(crate) fn new(limit: usize) -> Store<L> {
        let unused = Node {
            quad: [0; 4],
            result: 0,
            meta: 0,
        };
        let mut store = Store {
            nodes: vec![unused],
            table: vec![0; 1 << 10],
            empty: Vec::new(),
            limit: limit.max(1 << 10),
        };
        // The empty leaf always exists, so that `empty` cannot fail.
        let leaf = store.leaf(0).unwrap_or(0);
        store.empty = vec![0; L as usize];
        store.empty.push(leaf);
        store
    }

    /// How many nodes there are.
    pub(crate) fn len(&self) -> usize {
        self.nodes.len() - 1
    }

    /// The most nodes there may be.
    pub(crate) fn limit(&self) -> usize {
        self.limit
    }

    /// Bytes the store holds.
    pub(crate) fn bytes(&self) -> u64 {
        (self.nodes.capacity() * size_of::<Node>() + self.table.len() * size_of::<Slot>()) as u64
    }

    #[inline(always)]
    pub(crate) fn node(&self, id: Id) -> &Node {
        &self.nodes[id as usize]
    }

    #[inline(always)]
    pub(crate) fn quad(&self, id: Id) -> [Id; 4] {
        self.nodes[id as usize].quad
    }

    #[inline(always)]
    pub(crate) fn cells(&self, id: Id) -> u64 {
        self.nodes[id as usize].cells()
    }

    /// The leaf with `cells`.
    #[inline]
    pub(crate) fn leaf(&mut self, cells: u64) -> Result<Id, Full> {
        self.find_or_add(L, [cells as u32, (cells >> 32) as u32, 0, 0])
    }

    /// The node of `level` (above the leaves) with quadrants `quad`.
    #[inline]
    pub(crate) fn join(&mut self, level: u32, quad: [Id; 4]) -> Result<Id, Full> {
        debug_assert!(level > L);
        self.find_or_add(level, quad)
    }

    /// The empty square of `level` (at least the leaves').
    pub(crate) fn empty(&mut self, level: u32) -> Result<Id, Full> {
        while self.empty.len() <= level as usize {
            let below = self.empty[self.empty.len() - 1];
            let id = self.join(self.empty.len() as u32, [below; 4])?;
            self.empty.push(id);
        }
        Ok(self.empty[level as usize])
    }

    /// Whether `id` is the empty square of its level.
    #[inline(always)]
    pub(crate) fn is_empty(&self, id: Id) -> bool {
        let level = self.nodes[id as usize].level() as usize;
        self.empty.get(level) == Some(&id)
    }

    fn find_or_add(&mut self, level: u32, quad: [Id; 4]) -> Result<Id, Full> {
        let mask = self.table.len() - 1;
        let hash = hash(level, quad);
        let mut slot = hash as usize & mask;
        loop {
            let entry = self.table[slot];
            if entry == 0 {
                break;
            }
            if (entry ^ hash) >> 32 == 0 {
                let id = entry as Id;
                let node = &self.nodes[id as usize];
                if node.quad == quad && node.level() == level {
                    return Ok(id);
                }
            }
            slot = (slot + 1) & mask;
        }
        if self.len() >= self.limit || self.nodes.try_reserve(1).is_err() {
            return Err(Full);
        }
        let id = self.nodes.len() as Id;
        self.nodes.push(Node {
            quad,
            result: 0,
            meta: level | NO_TAG << 8,
        });
        self.table[slot] = slot_of(id, hash);
        if self.len() * 2 > self.table.len() && self.grow_table().is_err() {
            return Err(Full);
        }
        Ok(id)
    }

    /// Doubles the hash table.
    fn grow_table(&mut self) -> Result<(), Full> {
        let size = self.table.len() * 2;
        self.rehash(size)
    }

    /// Puts every node into a fresh table of `size` slots.
    fn rehash(&mut self, size: usize) -> Result<(), Full> {
        let mut table = Vec::new();
        table.try_reserve_exact(size).map_err(|_| Full)?;
        table.resize(size, 0);
        self.table = table;
        self.reinsert();
        Ok(())
    }

    /// Fills the hash table afresh with every node.
    fn reinsert(&mut self) {
        self.table.fill(0);
        let mask = self.table.len() - 1;
        for (id, node) in self.nodes.iter().enumerate().skip(1) {
            let hash = hash(node.level(), node.quad);
            let mut slot = hash as usize & mask;
            while self.table[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.table[slot] = slot_of(id as Id, hash);
        }
    }

    /// The result memoised for `id` when stepping with tag `tag`.
    #[inline(always)]
    pub(crate) fn result(&self, id: Id, tag: u32) -> Option<Id> {
        let node = &self.nodes[id as usize];
        (node.meta >> 8 & 0xFF == tag).then_some(node.result)
    }

    /// Memoises `result` for `id` with tag `tag`.
    #[inline(always)]
    pub(crate) fn remember(&mut self, id: Id, tag: u32, result: Id) {
        let node = &mut self.nodes[id as usize];
        node.result = result;
        node.meta = node.meta & !0xFF00 | tag << 8;
    }

    /// Keeps only the nodes that `roots` reach (through their quadrants,
    /// and through memoised results if `results`), renumbering them; the
    /// roots are renumbered in place.
    pub(crate) fn collect(&mut self, roots: &mut [Id], results: bool) {
        const MARK: u32 = 1 << 31;
        let mut stack: Vec<Id> = roots.to_vec();
        stack.extend(self.empty.iter().copied().filter(|&id| id != 0));
        while let Some(id) = stack.pop() {
            let node = &mut self.nodes[id as usize];
            if id == 0 || node.meta & MARK != 0 {
                continue;
            }
            node.meta |= MARK;
            let node = *node;
            if node.level() > L {
                stack.extend(node.quad);
            }
            if results && node.meta >> 8 & 0xFF != NO_TAG {
                stack.push(node.result);
            }
        }
        // New numbers, in the old order.
        let mut renumber = vec![0 as Id; self.nodes.len()];
        let mut next = 1;
        for (id, node) in self.nodes.iter().enumerate().skip(1) {
            if node.meta & MARK != 0 {
                renumber[id] = next;
                next += 1;
            }
        }
        let mut kept = 1;
        for id in 1..self.nodes.len() {
            let mut node = self.nodes[id];
            if node.meta & MARK == 0 {
                continue;
            }
            node.meta &= !MARK;
            if node.level() > L {
                node.quad = node.quad.map(|q| renumber[q as usize]);
            }
            let tag = node.meta >> 8 & 0xFF;
            if tag != NO_TAG {
                let result = renumber[node.result as usize];
                if results && result != 0 {
                    node.result = result;
                } else {
                    node.meta |= NO_TAG << 8;
                    node.result = 0;
                }
            }
            self.nodes[kept] = node;
            kept += 1;
        }
        self.nodes.truncate(kept);
        self.nodes.shrink_to(kept * 2);
        for root in roots {
            *root = renumber[*root as usize];
        }
        for id in &mut self.empty {
            *id = renumber[*id as usize];
        }
        // Fewer nodes than before: the table is large enough as it is.
        self.reinsert();
    }

    /// The population of every node reached from `id`, memoised in `memo`:
    /// a leaf's is `count` of its cells.
    pub(crate) fn population(
        &self,
        id: Id,
        memo: &mut FxHashMap<Id, u128>,
        count: fn(u64) -> u32,
    ) -> u128 {
        let node = self.node(id);
        if node.level() == L {
            return u128::from(count(node.cells()));
        }
        if self.is_empty(id) {
            return 0;
        }
        if let Some(&known) = memo.get(&id) {
            return known;
        }
        let total = node
            .quad
            .iter()
            .map(|&q| self.population(q, memo, count))
            .fold(0u128, u128::saturating_add);
        memo.insert(id, total);
        total
    }
}
