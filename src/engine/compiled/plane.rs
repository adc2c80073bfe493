//! The compiled engine on the unbounded plane: tiles of 64×64 cells, one
//! bit a cell, kept only where the pattern is.
//!
//! A tile is 64 words, one a row, bit `i` of a word the cell `i` columns
//! right of the tile's left edge. Tiles are created where births reach
//! and dropped once they are empty and quiet, so memory follows the live
//! area.
//!
//! Each tile keeps the last two generations, and remembers which of its
//! rows differ between the newest and the one two generations before it,
//! and which of its westmost and eastmost cells do. A row whose
//! neighbourhood is the same as two generations ago will next be what it
//! was one generation ago, which the tile still holds; so only the rows
//! next to such a difference — in the tile or across an edge — are
//! stepped, and a region that is still or oscillates with period 2 (the
//! blinkers and still lifes most patterns leave behind) costs nothing, as
//! in Golly's QuickLife. The rows are stepped with the compiled rule's
//! logic: the bit-sliced neighbour count and the birth and survival masks
//! for totalistic rules, the 512-entry table otherwise.
//!
//! On one of Golly's bounded grids the same tiles hold the grid, and each
//! generation is stepped as Golly steps one: the ring of cells just outside
//! the grid first takes the states its topology joins to it
//! ([`Topology::fold`]), and after the step every cell outside the grid is
//! cleared.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::kernel::Conway;
use super::{Program, RuleTable};
use crate::engine::{EngineOptions, Threads};
use crate::rule::Topology;
use crate::universe::{Universe, UniverseError};
use crate::{Cell, Rect, Rule, State};

use step::{ByCount, ByTable, RowLogic, Update, step_tile};

mod step;

/// Cells on a side of a tile.
const SIDE: i32 = 64;

/// Below this many tiles to step, a generation runs on the calling thread:
/// handing the tiles out would cost more than it saves.
const PARALLEL_TILES: usize = 64;

/// A tile's position: its top row and left column divided by [`SIDE`].
type Key = (i32, i32);

/// No tile: a link to a neighbour that does not exist.
/// It is the slot of an empty tile that is never written, so that a
/// tile's neighbours can be read without asking whether they exist.
const NONE: u32 = 0;

/// What is known of one tile besides its cells: what differs between its
/// last two generations and the generations before them, and where its
/// neighbours are.
#[derive(Clone, Debug)]
struct Tile {
    /// Bit `r`: row `r` differs from two generations before.
    changed: u64,
    /// Bit `r`: the westmost cell of row `r` differs.
    west: u64,
    /// Bit `r`: the eastmost cell of row `r` differs.
    east: u64,
    /// Bit `r`: a cell of row `r` was set since the last step, so the
    /// older generation does not follow from the one before it there.
    set: u64,
    key: Key,
    /// The slots of the tiles around it, in the order of [`Around`](step::Around)
    /// (its own at 4), [`NONE`] where there is none.
    links: [u32; 9],
    /// The last generation it was listed to be stepped in.
    listed: u64,
    /// Made for this generation, next to a change: it goes if nothing is
    /// born in it.
    fresh: bool,
}

impl Tile {
    const EMPTY: Tile = Tile {
        changed: 0,
        west: 0,
        east: 0,
        set: 0,
        key: (0, 0),
        links: [NONE; 9],
        listed: 0,
        fresh: false,
    };

    fn quiet(&self) -> bool {
        self.changed == 0
    }
}

/// The 64 rows of a tile in one generation.
type Rows = [u64; 64];

/// The offset of neighbour `i` of [`Around`](step::Around): (rows, columns) of tiles.
const fn offset(i: usize) -> (i32, i32) {
    (i as i32 / 3 - 1, i as i32 % 3 - 1)
}

/// The tile `(dy, dx)` tiles from `key`.
fn moved((ty, tx): Key, (dy, dx): (i32, i32)) -> Key {
    (ty.wrapping_add(dy), tx.wrapping_add(dx))
}

/// The longest finite side of a bounded grid whose edges the tiles join:
/// the ring of cells around the grid is gathered whole every generation.
/// Longer grids run on the coroutine blocks, which follow only the
/// activity along their edges.
const MAX_JOINED_SIDE: u32 = 1 << 16;

/// The plane as tiles, stepped by the rule compiled from its coroutine.
pub(crate) struct Tiles {
    /// The slot of each tile.
    index: FxHashMap<Key, u32>,
    /// The tiles, each linked to its neighbours; free slots are reused.
    slots: Vec<Tile>,
    /// The cells of each slot's tile in the even generations, and in the
    /// odd ones.
    rows: [Vec<Rows>; 2],
    free: Vec<u32>,
    /// Slots of the tiles with something changed in the last generation
    /// (or set since).
    active: Vec<u32>,
    /// Generations stepped, for [`Tile::listed`].
    generation: u64,
    /// The slots of the tiles to step, kept to be reused each generation.
    targets: Vec<u32>,
    /// The places next to a change where there is no tile yet, likewise.
    new: Vec<Key>,
    /// What stepping the tiles changed, likewise.
    updates: Vec<Update>,
    program: Program,
    threads: Threads,
    /// The grid, whose edges are joined around each generation.
    topology: Topology,
}

impl Tiles {
    /// The tiles holding `cells` under `rule`, or why they cannot be: the
    /// rule does not compile (the probe's reason), a cell has a state
    /// other than empty or alive, or the grid is not the plane.
    pub(crate) fn new(
        cells: &[Cell],
        rule: Rule,
        topology: Topology,
        options: EngineOptions,
    ) -> Result<Tiles, String> {
        let longest = topology.width().max(topology.height()).unwrap_or(0);
        if longest > MAX_JOINED_SIDE {
            return Err(format!(
                "the compiled engine joins the edges of grids up to {MAX_JOINED_SIDE} cells a side, not {topology}"
            ));
        }
        if rule.births_from_nothing() {
            return Err(format!(
                "rule {rule} gives birth with no live neighbour (B0), which the tiles, kept only where the pattern is, cannot follow"
            ));
        }
        let table = RuleTable::probe(&rule).map_err(|error| error.to_string())?;
        if let Some(cell) = cells.iter().find(|c| c.state > State::ALIVE) {
            return Err(format!(
                "the pattern has a cell in state {} (at x = {}, y = {}), and the compiled engine holds two",
                cell.state.value(),
                cell.x,
                cell.y
            ));
        }
        let program = Program::new(&table);
        let threads = match options.threads {
            Some(count) => Threads::exactly(count, "corolife-plane").map_err(|e| e.to_string())?,
            None => Threads::Global,
        };
        let mut plane = Tiles {
            index: FxHashMap::default(),
            slots: vec![Tile::EMPTY],
            rows: [vec![[0; 64]], vec![[0; 64]]],
            free: Vec::new(),
            active: Vec::new(),
            generation: 0,
            targets: Vec::new(),
            new: Vec::new(),
            updates: Vec::new(),
            program,
            threads,
            topology,
        };
        for cell in cells {
            plane.put(cell.y, cell.x, true);
        }
        Ok(plane)
    }

    /// The slot of the tile at `key`, made (empty, linked to its
    /// neighbours) if there is none.
    fn make(&mut self, key: Key) -> u32 {
        if let Some(&slot) = self.index.get(&key) {
            return slot;
        }
        let mut tile = Tile { key, ..Tile::EMPTY };
        let slot = match self.free.pop() {
            Some(slot) => slot,
            None => {
                self.slots.push(Tile::EMPTY);
                for rows in &mut self.rows {
                    rows.push([0; 64]);
                }
                (self.slots.len() - 1) as u32
            }
        };
        for i in 0..9 {
            let link = if i == 4 {
                slot
            } else {
                self.index
                    .get(&moved(key, offset(i)))
                    .copied()
                    .unwrap_or(NONE)
            };
            tile.links[i] = link;
            if link != NONE && i != 4 {
                // The neighbour sees this tile from the opposite side.
                self.slots[link as usize].links[8 - i] = slot;
            }
        }
        self.slots[slot as usize] = tile;
        self.index.insert(key, slot);
        slot
    }

    /// Drops the tile in `slot`, unlinking its neighbours.
    fn drop_tile(&mut self, slot: u32) {
        let tile = &self.slots[slot as usize];
        let (key, links) = (tile.key, tile.links);
        for (i, &link) in links.iter().enumerate() {
            if link != NONE && i != 4 {
                self.slots[link as usize].links[8 - i] = NONE;
            }
        }
        self.index.remove(&key);
        self.slots[slot as usize] = Tile::EMPTY;
        for rows in &mut self.rows {
            rows[slot as usize] = [0; 64];
        }
        self.free.push(slot);
    }

    /// Which of a tile's two generations is the current one.
    fn now(&self) -> usize {
        (self.generation & 1) as usize
    }

    /// Sets or clears one cell, marking its row changed so that stepping
    /// looks at it.
    fn put(&mut self, y: i32, x: i32, alive: bool) {
        let (key, row, bit) = locate(y, x);
        if !alive && !self.index.contains_key(&key) {
            return;
        }
        let slot = self.make(key);
        let now = self.now();
        let word = &mut self.rows[now][slot as usize][row];
        if (*word >> bit & 1 == 1) == alive {
            return;
        }
        *word ^= 1 << bit;
        let tile = &mut self.slots[slot as usize];
        if tile.quiet() {
            self.active.push(slot);
        }
        tile.changed |= 1 << row;
        tile.set |= 1 << row;
        if bit == 0 {
            tile.west |= 1 << row;
        }
        if bit == 63 {
            tile.east |= 1 << row;
        }
    }

    /// The tiles to step next: every tile that changed, and each
    /// neighbour that a change at its edge reaches, each once (by the
    /// generation it was listed in). Where such a neighbour does not exist
    /// yet, it is made.
    fn candidates(&mut self, targets: &mut Vec<u32>) {
        targets.clear();
        let mut new = std::mem::take(&mut self.new);
        new.clear();
        let generation = self.generation + 1;
        for &slot in &self.active {
            let tile = &self.slots[slot as usize];
            let (top, bottom) = (1u64, 1u64 << 63);
            let reaches = [
                tile.west & top,
                tile.changed & top,
                tile.east & top,
                tile.west,
                tile.changed,
                tile.east,
                tile.west & bottom,
                tile.changed & bottom,
                tile.east & bottom,
            ];
            let (key, links) = (tile.key, tile.links);
            for (i, &reach) in reaches.iter().enumerate() {
                if reach == 0 {
                    continue;
                }
                match links[i] {
                    NONE => new.push(moved(key, offset(i))),
                    link => {
                        let listed = &mut self.slots[link as usize].listed;
                        if std::mem::replace(listed, generation) != generation {
                            targets.push(link);
                        }
                    }
                }
            }
        }
        new.sort_unstable();
        new.dedup();
        for &key in &new {
            let slot = self.make(key);
            let tile = &mut self.slots[slot as usize];
            tile.listed = generation;
            tile.fresh = true;
            targets.push(slot);
        }
        self.new = new;
    }

    /// Steps `targets` by the program, on the calling thread or, when
    /// there are many, on the thread pool; returns what changed.
    fn step_all(&mut self, targets: &[u32], updates: &mut Vec<Update>) {
        match self.program {
            Program::Conway => self.step_with(ByCount(Conway), targets, updates),
            Program::Masks(masks) => self.step_with(ByCount(masks), targets, updates),
            Program::Lookup(lookup) => self.step_with(ByTable(lookup), targets, updates),
        }
    }

    /// [`step_all`](Tiles::step_all) by `logic`.
    fn step_with<R: RowLogic>(&mut self, logic: R, targets: &[u32], updates: &mut Vec<Update>) {
        let now = self.now();
        let generation = self.generation + 1;
        let Tiles {
            slots,
            rows: [even, odd],
            threads,
            ..
        } = self;
        // The tiles' current rows are read; only a tile's own new rows
        // are written, in the other generation.
        let (current, next) = if now == 0 {
            (&*even, odd)
        } else {
            (&*odd, even)
        };
        let slots = &*slots;
        if targets.len() < PARALLEL_TILES {
            for &slot in targets {
                let own = &mut next[slot as usize];
                updates.extend(step_tile(logic, slots, current, slot, own));
            }
        } else {
            threads.install(|| {
                updates.par_extend(next.par_iter_mut().enumerate().filter_map(|(slot, own)| {
                    let listed = slot != NONE as usize && slots[slot].listed == generation;
                    listed.then(|| step_tile(logic, slots, current, slot as u32, own))?
                }));
            });
        }
    }

    /// One generation.
    fn generation(&mut self) {
        let mut targets = std::mem::take(&mut self.targets);
        let mut updates = std::mem::take(&mut self.updates);
        self.candidates(&mut targets);
        updates.clear();
        self.step_all(&targets, &mut updates);
        // Last generation's changes are spent; this one's replace them.
        for &slot in &self.active {
            let tile = &mut self.slots[slot as usize];
            tile.changed = 0;
            tile.west = 0;
            tile.east = 0;
            tile.set = 0;
        }
        self.active.clear();
        self.generation += 1;
        for update in &updates {
            if update.vacant {
                self.drop_tile(update.slot);
                continue;
            }
            let tile = &mut self.slots[update.slot as usize];
            tile.changed = update.changed;
            tile.west = update.west;
            tile.east = update.east;
            tile.fresh = false;
            self.active.push(update.slot);
        }
        self.targets = targets;
        self.updates = updates;
    }
}

impl Tiles {
    /// The cells `depth` cells outside a bounded grid, along its finite
    /// sides; along an infinite side, as far as the live cells reach and
    /// `depth` further.
    fn ring(&self, depth: i32) -> Vec<(i32, i32)> {
        let topology = self.topology;
        let live = self.bounding_box();
        let span = |first: i32, side: Option<u32>, live: Option<(i32, i32)>| match side {
            Some(n) => Some((first, (i64::from(first) + i64::from(n) - 1) as i32)),
            None => live,
        };
        let rows = span(
            topology.top(),
            topology.height(),
            live.map(|b| (b.top, b.bottom)),
        );
        let cols = span(
            topology.left(),
            topology.width(),
            live.map(|b| (b.left, b.right)),
        );
        let (Some((top, bottom)), Some((left, right))) = (rows, cols) else {
            return Vec::new();
        };
        let (top, bottom) = (top.saturating_sub(depth), bottom.saturating_add(depth));
        let (left, right) = (left.saturating_sub(depth), right.saturating_add(depth));
        let mut ring = Vec::new();
        if topology.height().is_some() {
            for x in left..=right {
                ring.extend([(top, x), (bottom, x)]);
            }
        }
        if topology.width().is_some() {
            for y in top + 1..bottom {
                ring.extend([(y, left), (y, right)]);
            }
        }
        ring
    }

    /// Copies into the ring of cells just outside a bounded grid the
    /// states its topology gives them, as Golly does before a generation.
    fn join_edges(&mut self) {
        if matches!(self.topology, Topology::Bounded { .. }) {
            return;
        }
        let ring = self.ring(1);
        let states: Vec<bool> = ring
            .iter()
            .map(|&(y, x)| {
                self.topology
                    .fold(y, x)
                    .is_some_and(|(y, x)| self.get(y, x).is_alive())
            })
            .collect();
        for (&(y, x), alive) in ring.iter().zip(states) {
            self.put(y, x, alive);
        }
    }

    /// Clears every cell outside a bounded grid: the ring the edges were
    /// copied into, and the ring around it that they may have given birth
    /// to.
    fn clear_outside(&mut self) {
        for depth in 1..=2 {
            for (y, x) in self.ring(depth) {
                self.put(y, x, false);
            }
        }
    }

    /// The current generation of every tile: its key and rows.
    fn tiles(&self) -> impl Iterator<Item = (Key, &Rows)> {
        let rows = &self.rows[self.now()];
        self.index
            .iter()
            .map(move |(&key, &slot)| (key, &rows[slot as usize]))
    }
}

/// Where cell (`y`, `x`) is: its tile, row in the tile and bit in the row.
fn locate(y: i32, x: i32) -> (Key, usize, u32) {
    (
        (y.div_euclid(SIDE), x.div_euclid(SIDE)),
        y.rem_euclid(SIDE) as usize,
        x.rem_euclid(SIDE) as u32,
    )
}

impl Universe for Tiles {
    fn engine(&self) -> &'static str {
        "compiled"
    }

    fn run(&mut self, generations: u64) -> Result<(), UniverseError> {
        for done in 0..generations {
            if self.active.is_empty() {
                // Nothing differs from two generations ago: the pattern
                // alternates between the two generations the tiles hold.
                self.generation += generations - done;
                break;
            }
            if self.topology.is_plane() {
                self.generation();
            } else {
                self.join_edges();
                self.generation();
                self.clear_outside();
            }
        }
        Ok(())
    }

    fn population(&self) -> u64 {
        self.tiles()
            .map(|(_, rows)| rows.iter().map(|r| u64::from(r.count_ones())).sum::<u64>())
            .sum()
    }

    fn bounding_box(&self) -> Option<Rect> {
        let mut bounds: Option<(i64, i64, i64, i64)> = None;
        for ((ty, tx), rows) in self.tiles() {
            let (top, left) = (i64::from(ty) * 64, i64::from(tx) * 64);
            let mut any = 0u64;
            let (mut first, mut last) = (None, 0);
            for (r, &row) in rows.iter().enumerate() {
                if row != 0 {
                    first.get_or_insert(r);
                    last = r;
                    any |= row;
                }
            }
            let Some(first) = first else { continue };
            let rect = (
                top + first as i64,
                left + i64::from(any.trailing_zeros()),
                top + last as i64,
                left + 63 - i64::from(any.leading_zeros()),
            );
            bounds = Some(match bounds {
                None => rect,
                Some((t, l, b, r)) => (t.min(rect.0), l.min(rect.1), b.max(rect.2), r.max(rect.3)),
            });
        }
        bounds.map(|(top, left, bottom, right)| Rect {
            top: top as i32,
            left: left as i32,
            bottom: bottom as i32,
            right: right as i32,
        })
    }

    fn get(&self, y: i32, x: i32) -> State {
        let (key, row, bit) = locate(y, x);
        let alive = self
            .index
            .get(&key)
            .is_some_and(|&slot| self.rows[self.now()][slot as usize][row] >> bit & 1 == 1);
        State::from(alive)
    }

    fn set(&mut self, y: i32, x: i32, state: State) {
        // A state above 1 is held as alive: the tiles hold two.
        self.put(y, x, !state.is_empty());
    }

    fn cells_in(&self, rect: Rect) -> Vec<Cell> {
        let (top, left) = (i64::from(rect.top), i64::from(rect.left));
        let (bottom, right) = (i64::from(rect.bottom), i64::from(rect.right));
        let mut cells = Vec::new();
        for ((ty, tx), rows) in self.tiles() {
            let (y0, x0) = (i64::from(ty) * 64, i64::from(tx) * 64);
            if y0 > bottom || y0 + 63 < top || x0 > right || x0 + 63 < left {
                continue;
            }
            for (r, &row) in rows.iter().enumerate() {
                let y = y0 + r as i64;
                if row == 0 || y < top || y > bottom {
                    continue;
                }
                let mut bits = row;
                while bits != 0 {
                    let b = bits.trailing_zeros();
                    bits &= bits - 1;
                    let x = x0 + i64::from(b);
                    if (left..=right).contains(&x) {
                        cells.push(Cell::alive(y as i32, x as i32));
                    }
                }
            }
        }
        cells.sort_unstable_by_key(|cell| (cell.y, cell.x));
        cells
    }
}

#[cfg(test)]
mod tests;
