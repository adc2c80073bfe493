//! The plane as a HashLife quadtree, two-state or multistate, seen
//! through the [`Universe`] interface's 32-bit coordinates.

use super::{Universe, UniverseError};
use crate::engine::hashlife::{Bounds, GenerationsLife, HashLife};
use crate::{Cell, Rect, State};

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
