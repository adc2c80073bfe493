//! The plane as a HashLife quadtree, two-state or multistate, seen
//! through the [`Universe`] interface's 32-bit coordinates.

use super::{Universe, UniverseError};
use crate::engine::hashlife::{Bounds, GenerationsLife, HashLife};
use crate::{Cell, Grid, GridError, Rect, State};

/// Clamps a 64-bit coordinate to the `i32` range the interface speaks.
fn narrow(value: i64) -> i32 {
    value.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

/// A quadtree's bounding box, clamped to the interface's `i32` range.
fn narrow_rect(b: Bounds) -> Rect {
    Rect {
        top: narrow(b.top),
        left: narrow(b.left),
        bottom: narrow(b.bottom),
        right: narrow(b.right),
    }
}

impl Universe for HashLife {
    fn engine(&self) -> &'static str {
        "hashlife"
    }

    fn run(&mut self, generations: u64) -> Result<(), UniverseError> {
        HashLife::run(self, generations).map_err(UniverseError::from)
    }

    fn population(&self) -> u64 {
        HashLife::population(self)
    }

    fn bounding_box(&self) -> Option<Rect> {
        self.bounds().map(narrow_rect)
    }

    fn get(&self, y: i32, x: i32) -> State {
        if HashLife::get(self, i64::from(y), i64::from(x)) {
            State::ALIVE
        } else {
            State::EMPTY
        }
    }

    fn set(&mut self, y: i32, x: i32, state: State) {
        HashLife::set(self, i64::from(y), i64::from(x), !state.is_empty());
    }

    fn cells_in(&self, rect: Rect) -> Vec<Cell> {
        HashLife::cells_in(
            self,
            i64::from(rect.top),
            i64::from(rect.left),
            i64::from(rect.bottom),
            i64::from(rect.right),
        )
        .into_iter()
        .map(|(y, x)| Cell::alive(y as i32, x as i32))
        .collect()
    }

    fn binned(&self, rect: Rect, cells_per_pixel: u32) -> Result<Grid, GridError> {
        let n = u64::from(cells_per_pixel.max(1));
        let mut grid = Grid::new(
            rect.height().div_ceil(n) as usize,
            rect.width().div_ceil(n) as usize,
        )?;
        let window = [rect.top, rect.left, rect.bottom, rect.right].map(i64::from);
        for (row, col) in self.occupied(window, n) {
            grid.assign(row as i32, col as i32, State::ALIVE);
        }
        Ok(grid)
    }

    fn hashlife(&self) -> Option<&HashLife> {
        Some(self)
    }
}

impl Universe for GenerationsLife {
    fn engine(&self) -> &'static str {
        "hashlife"
    }

    fn run(&mut self, generations: u64) -> Result<(), UniverseError> {
        GenerationsLife::run(self, generations).map_err(UniverseError::from)
    }

    fn population(&self) -> u64 {
        GenerationsLife::population(self)
    }

    fn bounding_box(&self) -> Option<Rect> {
        self.bounds().map(narrow_rect)
    }

    fn get(&self, y: i32, x: i32) -> State {
        GenerationsLife::get(self, i64::from(y), i64::from(x))
    }

    fn set(&mut self, y: i32, x: i32, state: State) {
        GenerationsLife::set(self, i64::from(y), i64::from(x), state);
    }

    fn cells_in(&self, rect: Rect) -> Vec<Cell> {
        GenerationsLife::cells_in(
            self,
            i64::from(rect.top),
            i64::from(rect.left),
            i64::from(rect.bottom),
            i64::from(rect.right),
        )
        .into_iter()
        .map(|(y, x, state)| Cell {
            y: y as i32,
            x: x as i32,
            state,
        })
        .collect()
    }

    fn generations_life(&self) -> Option<&GenerationsLife> {
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use crate::{EngineKind, EngineOptions, Rect, Rule, Simulation};

    /// HashLife's zoomed-out view, which stops at nodes inside one square,
    /// is the one binned from the listed cells, for squares aligned with
    /// the tree's nodes or not.
    #[test]
    fn the_quadtree_bins_as_the_listed_cells_do() {
        let acorn = crate::library::pattern("acorn").expect("built in");
        let build = |engine| {
            let mut simulation =
                Simulation::build(&acorn, Rule::LIFE, engine, EngineOptions::default())
                    .expect("Life on the plane");
            simulation.run(1000).expect("runs");
            simulation
        };
        let (tree, tiles) = (build(EngineKind::HashLife), build(EngineKind::Compiled));
        assert_eq!(tree.engine(), "hashlife");
        assert_ne!(tiles.engine(), "hashlife");
        let live = tree.bounding_box().expect("alive");
        for (dy, dx) in [(0, 0), (-3, 5), (17, -1), (100, 100)] {
            let rect = Rect {
                top: live.top + dy,
                left: live.left + dx,
                bottom: live.bottom - dx,
                right: live.right + dy,
            };
            for n in [1, 2, 4, 8, 16, 64, 1024] {
                let expected =
                    crate::render::picture::binned(&tiles.cells_in(rect), rect, n).expect("small");
                let got = tree.binned(rect, n).expect("small");
                assert_eq!(got, expected, "{rect:?} at 1/{n}");
                assert!(got.population() > 0 || dy == 100);
            }
        }
    }
}
