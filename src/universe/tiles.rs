//! The compiled engine on the plane: sparse tiles of 64×64 cells.

use super::Universe;
use crate::engine::EngineOptions;
use crate::rule::Topology;
use crate::{Cell, Rect, Rule, State};

/// Tiles of 64×64 cells, one bit a cell, created where the pattern grows.
pub(crate) struct Tiles {}

impl Tiles {
    /// The tiles for `cells`, or why the rule or the topology does not
    /// compile.
    pub(crate) fn new(
        cells: &[Cell],
        rule: Rule,
        topology: Topology,
        options: EngineOptions,
    ) -> Result<Tiles, String> {
        let _ = (cells, rule, topology, options);
        Err("not yet".into())
    }
}

impl Universe for Tiles {
    fn engine(&self) -> &'static str {
        "compiled"
    }

    fn run(&mut self, generations: u64) {
        let _ = generations;
    }

    fn population(&self) -> u64 {
        0
    }

    fn bounding_box(&self) -> Option<Rect> {
        None
    }

    fn get(&self, y: i32, x: i32) -> State {
        let _ = (y, x);
        State::EMPTY
    }

    fn set(&mut self, y: i32, x: i32, state: State) {
        let _ = (y, x, state);
    }

    fn cells_in(&self, rect: Rect) -> Vec<Cell> {
        let _ = rect;
        Vec::new()
    }
}
