//! The running-sums kernel off the plain torus: a field that covers the
//! pattern on the plane, and the whole grid on one of Golly's bounded
//! grids.
//!
//! Along a finite side of the grid the field is the grid, and its margin
//! takes the states of the cells the topology joins to it
//! ([`Topology::fold`]) before each generation, as Golly joins a grid's
//! edges. Along an infinite side (the plane, a tube, a half-infinite plane)
//! the field covers the live cells with room to spare, and its margin
//! stays empty; since a live cell's influence spreads at most the reach a
//! generation, the field steps as many generations at a time as the room
//! left allows, and is laid out afresh around the cells when they come
//! within the reach of its edge (or take up much less of it than it
//! holds).

use super::Vectors;
use super::counted::CountTable;
use super::sums::{SumField, Sums};
use crate::engine::{EngineOptions, Threads};
use crate::rule::Topology;
use crate::universe::{Blocks, Universe, UniverseError};
use crate::{Cell, EngineKind, GridError, Rect, Rule, State};

/// The room left around the cells along an infinite side, at least.
const MIN_ROOM: i64 = 32;

/// A field laid out afresh over more cells than this, and more than
/// [`SPARSE_RATIO`] times the cells that are not empty, gives way to the
/// coroutine blocks, which keep only the cells near the pattern: spaceships
/// flying apart would otherwise make the field, and each generation's
/// work, grow as the square of the generations. (A field steps about 500
/// cells in the time the blocks step one live cell and its surroundings.)
/// The unit tests make it happen sooner.
const SPARSE_CELLS: u128 = if cfg!(test) { 1 << 14 } else { 1 << 20 };

/// See [`SPARSE_CELLS`].
const SPARSE_RATIO: u128 = if cfg!(test) { 16 } else { 512 };

/// A field of counting-rule cells on the plane or a bounded grid.
pub(crate) struct Window {
    /// The coroutine blocks the cells moved to when they spread too thin
    /// for a field, and why.
    sparse: Option<(Box<dyn Universe>, String)>,
    rule: Rule,
    field: SumField,
    topology: Topology,
    /// The coordinates of the field's first cell.
    top: i64,
    left: i64,
    threads: Threads,
    skip: bool,
}

/// The box of the cells `(top, left, bottom, right)` whose state is
/// `wanted`, in field coordinates.
type Bounds = (usize, usize, usize, usize);

impl Window {
    /// The field for `rule` (which must be a counting rule) holding
    /// `cells`; `Err` says why the rule or the cells do not fit it.
    pub(crate) fn new(
        cells: &[Cell],
        rule: Rule,
        topology: Topology,
        options: EngineOptions,
    ) -> Result<Window, String> {
        let table = CountTable::probe(&rule).map_err(|error| error.to_string())?;
        if let Some(cell) = cells
            .iter()
            .find(|c| u16::from(c.state.value()) >= table.states())
        {
            return Err(format!(
                "the pattern has a cell in state {} (at x = {}, y = {}), and the rule has {}",
                cell.state.value(),
                cell.x,
                cell.y,
                table.states()
            ));
        }
        let threads = match options.threads {
            Some(count) => Threads::exactly(count, "corolife-plane").map_err(|e| e.to_string())?,
            None => Threads::Global,
        };
        let bounds = cells.iter().fold(None, |bounds, c| {
            let (y, x) = (i64::from(c.y), i64::from(c.x));
            Some(match bounds {
                None => (y, x, y, x),
                Some((t, l, b, r)) => (y.min(t), x.min(l), y.max(b), x.max(r)),
            })
        });
        let sums = Sums::new(&table);
        let mut window =
            Window::laid_out(sums, rule, topology, bounds, threads, options.tile_skipping)
                .map_err(|error| error.to_string())?;
        for cell in cells {
            window.put(i64::from(cell.y), i64::from(cell.x), cell.state.value());
        }
        Ok(window)
    }

    /// An empty field for `sums` around `bounds` (in the grid's
    /// coordinates, `(top, left, bottom, right)`).
    fn laid_out(
        sums: Sums,
        rule: Rule,
        topology: Topology,
        bounds: Option<(i64, i64, i64, i64)>,
        threads: Threads,
        skip: bool,
    ) -> Result<Window, GridError> {
        let reach = sums.reach() as i64;
        let (t, l, b, r) = bounds.unwrap_or((0, 0, 0, 0));
        let side = |first: i64, last: i64, grid: Option<u32>, grid_first: i32| match grid {
            Some(n) => (i64::from(grid_first), i64::from(n)),
            None => {
                let extent = last - first + 1;
                let room = MIN_ROOM.max(8 * reach).max(extent / 4);
                (first - room, extent + 2 * room)
            }
        };
        let (top, rows) = side(t, b, topology.height(), topology.top());
        let (left, cols) = side(l, r, topology.width(), topology.left());
        let (rows, cols) = (rows as usize, cols as usize);
        // The margin cell at (row, col) of the field (the cells from
        // (0, 0)) takes the state of the cell the topology joins to it, if
        // that is in the field.
        let source = |row: i64, col: i64| {
            let (y, x) = (top + row, left + col);
            let (fy, fx) = topology.fold(clamp(y), clamp(x))?;
            let (fy, fx) = (i64::from(fy) - top, i64::from(fx) - left);
            ((0..rows as i64).contains(&fy) && (0..cols as i64).contains(&fx))
                .then_some((fy as usize, fx as usize))
        };
        let field = SumField::new(sums, rows, cols, source)?.with_skipping(skip);
        Ok(Window {
            sparse: None,
            rule,
            field,
            topology,
            top,
            left,
            threads,
            skip,
        })
    }

    /// The field position of (`y`, `x`), if the field holds it.
    fn locate(&self, y: i64, x: i64) -> Option<(usize, usize)> {
        let (row, col) = (y - self.top, x - self.left);
        ((0..self.field.rows() as i64).contains(&row)
            && (0..self.field.cols() as i64).contains(&col))
        .then_some((row as usize, col as usize))
    }

    /// Sets (`y`, `x`), laying the field out afresh to hold it if it lies
    /// beyond an infinite side; outside a bounded grid nothing changes.
    fn put(&mut self, y: i64, x: i64, state: u8) {
        if !self.topology.contains(clamp(y), clamp(x)) {
            return;
        }
        if self.locate(y, x).is_none() {
            if state == 0 {
                return;
            }
            let bounds = self.bounds(|s| s != 0).map(|(t, l, b, r)| {
                let (t, l) = (t as i64 + self.top, l as i64 + self.left);
                let (b, r) = (b as i64 + self.top, r as i64 + self.left);
                (t.min(y), l.min(x), b.max(y), r.max(x))
            });
            // A cell outside the budget stays unset rather than panic.
            if self.relay(bounds.or(Some((y, x, y, x)))).is_err() {
                return;
            }
        }
        if let Some((row, col)) = self.locate(y, x) {
            self.field.set(row, col, state);
        }
    }

    /// Lays the field out afresh around `bounds`, keeping its cells.
    fn relay(&mut self, bounds: Option<(i64, i64, i64, i64)>) -> Result<(), GridError> {
        let sums = self.field.sums().clone();
        let threads = std::mem::replace(&mut self.threads, Threads::Caller);
        let mut fresh =
            Window::laid_out(sums, self.rule, self.topology, bounds, threads, self.skip)?;
        for row in 0..self.field.rows() {
            let y = self.top + row as i64;
            for (col, &state) in self.field.row(row).iter().enumerate() {
                if state != 0 {
                    let x = self.left + col as i64;
                    if let Some((r, c)) = fresh.locate(y, x) {
                        fresh.field.set(r, c, state);
                    }
                }
            }
        }
        *self = fresh;
        Ok(())
    }

    /// Hands the cells to the coroutine blocks, for `why`.
    fn go_sparse(&mut self, why: String) {
        let whole = Rect {
            top: i32::MIN,
            left: i32::MIN,
            bottom: i32::MAX,
            right: i32::MAX,
        };
        let cells = self.cells_in(whole);
        let threads = std::mem::replace(&mut self.threads, Threads::Caller);
        let blocks = Blocks::new(
            &cells,
            self.rule,
            self.topology,
            EngineKind::RowBands,
            threads,
        );
        self.sparse = Some((Box::new(blocks), why));
    }

    /// The box of the field's cells whose state passes `wanted`.
    fn bounds(&self, wanted: impl Fn(u8) -> bool) -> Option<Bounds> {
        let mut bounds: Option<Bounds> = None;
        for row in 0..self.field.rows() {
            let cells = self.field.row(row);
            let Some(first) = cells.iter().position(|&s| wanted(s)) else {
                continue;
            };
            let last = cells.iter().rposition(|&s| wanted(s)).unwrap_or(first);
            bounds = Some(match bounds {
                None => (row, first, row, last),
                Some((t, l, _, r)) => (t, l.min(first), row, r.max(last)),
            });
        }
        bounds
    }

    /// How many generations may be stepped before a live cell could come
    /// within the reach of an infinite side (`None`: any number), or
    /// `Some(0)` when the field must first be laid out afresh.
    fn room(&self) -> Option<u64> {
        let reach = self.field.sums().reach().max(1);
        let (rows, cols) = (self.field.rows(), self.field.cols());
        let (t, l, b, r) = self.bounds(|s| s == 1)?;
        let mut room = usize::MAX;
        if self.topology.height().is_none() {
            room = room.min(t).min(rows - 1 - b);
        }
        if self.topology.width().is_none() {
            room = room.min(l).min(cols - 1 - r);
        }
        if room == usize::MAX {
            return None;
        }
        // Wasteful when the cells take up far less than the field.
        let used = (b - t + 1) * (r - l + 1);
        if rows * cols > 16 * used.max(1 << 14) {
            return Some(0);
        }
        Some((room / reach) as u64)
    }
}

/// `v` as an `i32`, saturating: the plane's coordinates are `i32`s.
fn clamp(v: i64) -> i32 {
    v.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

impl Universe for Window {
    fn engine(&self) -> &'static str {
        "compiled"
    }

    fn run(&mut self, generations: u64) -> Result<(), UniverseError> {
        let mut left = generations;
        while left > 0 {
            if let Some((blocks, _)) = &mut self.sparse {
                return blocks.run(left);
            }
            let steps = match self.room() {
                None => left,
                Some(0) => {
                    let bounds = self.bounds(|s| s != 0).map(|(t, l, b, r)| {
                        let (top, lft) = (self.top, self.left);
                        (
                            t as i64 + top,
                            l as i64 + lft,
                            b as i64 + top,
                            r as i64 + lft,
                        )
                    });
                    if let Some((t, l, b, r)) = bounds {
                        let area = (b - t + 1) as u128 * (r - l + 1) as u128;
                        let population = u128::from(self.population());
                        if area > SPARSE_CELLS && area > SPARSE_RATIO * population {
                            self.go_sparse(format!(
                                "its cells spread over {}x{} cells, too thinly for a field",
                                r - l + 1,
                                b - t + 1
                            ));
                            continue;
                        }
                    }
                    if let Err(error) = self.relay(bounds) {
                        self.go_sparse(error.to_string());
                        continue;
                    }
                    match self.room() {
                        Some(0) => 1,
                        room => room.unwrap_or(left).min(left),
                    }
                }
                Some(room) => room.min(left),
            };
            self.field.run(steps, &self.threads, Vectors::best());
            left -= steps;
        }
        Ok(())
    }

    fn fallback(&self) -> Option<String> {
        self.sparse.as_ref().map(|(_, why)| why.clone())
    }

    fn population(&self) -> u64 {
        if let Some((blocks, _)) = &self.sparse {
            return blocks.population();
        }
        (0..self.field.rows())
            .map(|row| self.field.row(row).iter().filter(|&&s| s != 0).count() as u64)
            .sum()
    }

    fn bounding_box(&self) -> Option<Rect> {
        if let Some((blocks, _)) = &self.sparse {
            return blocks.bounding_box();
        }
        self.bounds(|s| s != 0).map(|(t, l, b, r)| Rect {
            top: (self.top + t as i64) as i32,
            left: (self.left + l as i64) as i32,
            bottom: (self.top + b as i64) as i32,
            right: (self.left + r as i64) as i32,
        })
    }

    fn get(&self, y: i32, x: i32) -> State {
        if let Some((blocks, _)) = &self.sparse {
            return blocks.get(y, x);
        }
        self.locate(i64::from(y), i64::from(x))
            .map_or(State::EMPTY, |(row, col)| {
                State::new(self.field.row(row)[col])
            })
    }

    fn set(&mut self, y: i32, x: i32, state: State) {
        if let Some((blocks, _)) = &mut self.sparse {
            return blocks.set(y, x, state);
        }
        let state = if u16::from(state.value()) < self.field.sums().states() {
            state.value()
        } else {
            0
        };
        self.put(i64::from(y), i64::from(x), state);
    }

    fn cells_in(&self, rect: Rect) -> Vec<Cell> {
        if let Some((blocks, _)) = &self.sparse {
            return blocks.cells_in(rect);
        }
        let mut cells = Vec::new();
        let rows = self.field.rows() as i64;
        let cols = self.field.cols() as i64;
        let first_row = (i64::from(rect.top) - self.top).max(0);
        let last_row = (i64::from(rect.bottom) - self.top).min(rows - 1);
        let first_col = (i64::from(rect.left) - self.left).max(0);
        let last_col = (i64::from(rect.right) - self.left).min(cols - 1);
        if first_col > last_col {
            return cells;
        }
        for row in first_row..=last_row {
            let line = &self.field.row(row as usize)[first_col as usize..=last_col as usize];
            for (i, &state) in line.iter().enumerate() {
                if state != 0 {
                    cells.push(Cell {
                        y: (self.top + row) as i32,
                        x: (self.left + first_col + i as i64) as i32,
                        state: State::new(state),
                    });
                }
            }
        }
        cells
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EngineKind, Pattern, Simulation, soup};

    fn soup_cells(rule: &Rule, side: usize, seed: u64) -> Vec<Cell> {
        let grid = soup::soup(side, side, seed).expect("grid");
        let mut random = soup::SplitMix64::new(seed);
        let mut cells = Vec::new();
        for (y, row) in grid.iter_rows().enumerate() {
            for (x, &state) in row.iter().enumerate() {
                let dying = rule.states() > 2 && random.next_u64().is_multiple_of(3);
                let state = if dying && state.is_empty() {
                    State::new(2)
                } else {
                    state
                };
                if !state.is_empty() {
                    cells.push(Cell {
                        y: y as i32,
                        x: x as i32,
                        state,
                    });
                }
            }
        }
        cells
    }

    fn cells(simulation: &Simulation) -> Vec<Cell> {
        simulation.pattern().cells().to_vec()
    }

    /// `pattern` under `rule` on the compiled engine, which must run it
    /// itself, and on the sequential one, compared after each of `rounds`
    /// runs of `generations`; the compiled simulation at the end.
    fn agree(pattern: &Pattern, rule: Rule, rounds: usize, generations: u64) -> Simulation {
        let options = EngineOptions::default();
        let mut compiled =
            Simulation::build(pattern, rule, EngineKind::Compiled, options).expect("builds");
        assert_eq!(compiled.engine(), "compiled", "{rule}");
        assert_eq!(compiled.note(), None, "{rule}");
        let mut coroutines =
            Simulation::build(pattern, rule, EngineKind::Sequential, options).expect("builds");
        for _ in 0..rounds {
            compiled.run(generations).expect("runs");
            coroutines.run(generations).expect("runs");
            assert_eq!(cells(&compiled), cells(&coroutines), "{rule}");
            assert_eq!(compiled.population(), coroutines.population(), "{rule}");
            assert_eq!(compiled.bounding_box(), coroutines.bounding_box(), "{rule}");
        }
        compiled
    }

    #[test]
    fn a_spreading_pattern_is_followed_across_the_plane() {
        // Brian's Brain sends spaceships off in every direction: the field
        // is laid out afresh many times.
        let rule: Rule = "R2,C0,M1,S4..8,B4..5,NM".parse().expect("rule");
        agree(&Pattern::from_cells(soup_cells(&rule, 16, 3)), rule, 6, 40);
        let rule: Rule = "/2/3".parse().expect("rule");
        let far = agree(&Pattern::from_cells(soup_cells(&rule, 16, 3)), rule, 6, 40);
        let moved = far.bounding_box().expect("alive");
        assert!(moved.bottom - moved.top > 200, "spread over {moved:?}");
        // Spread that thin, the cells went to the coroutine blocks.
        let note = far.note().unwrap_or_default();
        assert!(note.contains("too thinly for a field"), "{note}");
    }

    #[test]
    fn cells_set_far_away_are_kept() {
        let rule: Rule = "/2/3".parse().expect("rule");
        let mut window =
            Window::new(&[], rule, Topology::Plane, EngineOptions::default()).expect("counts");
        window.set(-5000, 7000, State::ALIVE);
        window.set(-5000, 7001, State::ALIVE);
        window.set(3, 3, State::new(2));
        window.set(9, 9, State::new(7)); // no such state: nothing
        assert_eq!(window.population(), 3);
        assert_eq!(window.get(-5000, 7001), State::ALIVE);
        let rect = Rect {
            top: -6000,
            left: 0,
            bottom: 10,
            right: 8000,
        };
        assert_eq!(window.cells_in(rect).len(), 3);
        window.run(1).expect("runs");
        // Two live cells side by side each see one live neighbour: they die.
        assert_eq!(window.get(-5000, 7000), State::new(2));
        assert_eq!(window.get(3, 3), State::EMPTY);
    }

    #[test]
    fn births_from_nothing_run_on_bounded_grids() {
        // The tiles, kept where the pattern is, cannot run B0; the field,
        // the whole grid, can.
        for text in [
            "B0/S8/C3:P20,18",
            "B02/S1V:T17+2,15",
            "R2,C0,M0,S1..7,B0..2,NN:P16,16",
        ] {
            let rule: Rule = text.parse().expect("rule");
            let pattern = Pattern::from_cells(soup_cells(&rule, 8, 2).into_iter().map(|c| Cell {
                y: c.y - 4,
                x: c.x - 4,
                ..c
            }));
            agree(&pattern, rule, 4, 5);
        }
    }

    #[test]
    fn a_bounded_grid_joins_its_edges_for_every_reach() {
        let rule: Rule = "R3,C3,M1,S5..12,B6..9,NM:T20+3,18".parse().expect("rule");
        let pattern = Pattern::from_cells(soup_cells(&rule, 12, 5).into_iter().map(|c| Cell {
            y: c.y - 9,
            x: c.x - 10,
            ..c
        }));
        agree(&pattern, rule, 1, 30);
    }
}
