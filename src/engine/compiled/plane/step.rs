//! Stepping one tile of the plane a generation: the rows next to a
//! difference from two generations ago, by the compiled rule's logic.

use super::{Rows, Tile};
use crate::engine::compiled::kernel::{Logic, Lookup, Sums};

/// The slots of the tiles around one being stepped, in the order of
/// [`Offset::bit`](crate::engine::compiled::probe::Offset::bit):
/// north-west, north, north-east, west, itself, east, south-west, south,
/// south-east; [`NONE`](super::NONE) where there is none.
pub(super) type Around = [u32; 9];

/// What stepping a tile changed: which rows and edge cells (as in
/// [`Tile`]); its new rows are written already.
pub(super) struct Update {
    pub(super) slot: u32,
    pub(super) changed: u64,
    pub(super) west: u64,
    pub(super) east: u64,
    /// The tile is empty and stays so: it can go.
    pub(super) vacant: bool,
}

/// How rows are stepped: what is kept of each row read, and a row's next
/// cells from what was kept of it and of the rows either side.
pub(super) trait RowLogic: Copy + Send + Sync {
    type Row: Copy;
    /// What is kept of a row, given its own word and the words of the
    /// same row in the tiles west and east of it.
    fn read(west: u64, own: u64, east: u64) -> Self::Row;
    /// The next cells of the row `at`.
    fn next(self, above: &Self::Row, at: &Self::Row, below: &Self::Row) -> u64;
}

/// Totalistic rules: the neighbour counts from the sums of each row.
#[derive(Clone, Copy)]
pub(super) struct ByCount<L>(pub(super) L);

impl<L: Logic + Send> RowLogic for ByCount<L> {
    type Row = Sums<u64>;

    #[inline(always)]
    fn read(west: u64, own: u64, east: u64) -> Sums<u64> {
        Sums::new(west, own, east)
    }

    #[inline(always)]
    fn next(self, above: &Sums<u64>, at: &Sums<u64>, below: &Sums<u64>) -> u64 {
        self.0.next(at.own, Sums::count(above, at, below))
    }
}

/// Other rules: the 512-entry table, from each row's three planes (the
/// cells' west neighbours, the cells, their east neighbours).
#[derive(Clone, Copy)]
pub(super) struct ByTable(pub(super) Lookup);

impl RowLogic for ByTable {
    type Row = [u64; 3];

    #[inline(always)]
    fn read(west: u64, own: u64, east: u64) -> [u64; 3] {
        [own << 1 | west >> 63, own, own >> 1 | east << 63]
    }

    #[inline(always)]
    fn next(self, [nw, n, ne]: &[u64; 3], [w, c, e]: &[u64; 3], [sw, s, se]: &[u64; 3]) -> u64 {
        self.0.word([*nw, *n, *ne, *w, *c, *e, *sw, *s, *se])
    }
}

/// Steps the tile in `slot` from its rows in `current`, only the rows that
/// can differ from the generation before, writing the new rows over that
/// generation's (`own`); `None` if nothing changed and nothing need be
/// done.
#[inline(always)]
pub(super) fn step_tile<R: RowLogic>(
    logic: R,
    slots: &[Tile],
    current: &[Rows],
    slot: u32,
    own: &mut Rows,
) -> Option<Update> {
    let tile = &slots[slot as usize];
    let links: Around = tile.links;
    let at = |i: usize| &slots[links[i] as usize];
    let spread = |m: u64| m | m << 1 | m >> 1;
    let mut dirty = spread(tile.changed) | spread(at(3).east) | spread(at(5).west);
    if at(1).changed >> 63 != 0 || at(0).east >> 63 != 0 || at(2).west >> 63 != 0 {
        dirty |= 1;
    }
    if at(7).changed & 1 != 0 || at(6).east & 1 != 0 || at(8).west & 1 != 0 {
        dirty |= 1 << 63;
    }
    let mut update = Update {
        slot,
        changed: 0,
        west: 0,
        east: 0,
        vacant: false,
    };
    if dirty != 0 {
        let rows = |i: usize| &current[links[i] as usize];
        let (w, c, e) = (rows(3), rows(4), rows(5));
        let edges = [
            R::read(rows(0)[63], rows(1)[63], rows(2)[63]),
            R::read(rows(6)[0], rows(7)[0], rows(8)[0]),
        ];
        // Row `r` read, for `r` from -1 (the tiles above) to 64 (below).
        let read = |r: u32| -> R::Row {
            if r < 64 {
                let r = r as usize;
                R::read(w[r], c[r], e[r])
            } else {
                edges[usize::from(r == 64)]
            }
        };
        // Runs of dirty rows, each walked down with the rows above, at
        // and below at hand.
        let mut runs = dirty;
        while runs != 0 {
            let first = runs.trailing_zeros();
            let length = (!(runs >> first)).trailing_zeros();
            let last = first + length - 1;
            runs &= !(u64::MAX >> (63 - last) & u64::MAX << first);
            let mut above = read(first.wrapping_sub(1));
            let mut middle = read(first);
            for r in first..last + 1 {
                let below = read(r + 1);
                let next = logic.next(&above, &middle, &below);
                let before = &mut own[r as usize];
                let diff = next ^ *before;
                *before = next;
                update.changed |= u64::from(diff != 0) << r;
                update.west |= (diff & 1) << r;
                update.east |= (diff >> 63) << r;
                (above, middle) = (middle, below);
            }
        }
        // A row set since the last step counts as changed once more.
        update.changed |= tile.set;
    }
    if update.changed != 0 {
        return Some(update);
    }
    // Unchanged: a tile whose two generations are empty can go. A tile
    // becomes empty by changing, and is stepped in the next generation,
    // so only a tile made for this one or that changed in the last one
    // need be looked at.
    let empty = |rows: &Rows| rows.iter().all(|&row| row == 0);
    update.vacant = tile.fresh || (!tile.quiet() && empty(own) && empty(&current[slot as usize]));
    update.vacant.then_some(update)
}
