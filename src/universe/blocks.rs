//! The coroutine engines off the plain torus: blocks of cells near
//! activity, each stepped by a coroutine of its own.

use super::Universe;
use crate::engine::Threads;
use crate::rule::Topology;
use crate::{Cell, EngineKind, Rect, Rule, State};

/// Cells in square blocks, stepped where something can change.
pub(crate) struct Blocks {
    kind: EngineKind,
}

impl Blocks {
    pub(crate) fn new(
        cells: &[Cell],
        rule: Rule,
        topology: Topology,
        kind: EngineKind,
        threads: Threads,
    ) -> Blocks {
        let _ = (cells, rule, topology, threads);
        Blocks { kind }
    }
}

impl Universe for Blocks {
    fn engine(&self) -> &'static str {
        self.kind.name()
    }

    fn run(&mut self, generations: u64) {
        let _ = generations;
        todo!()
    }

    fn population(&self) -> u64 {
        todo!()
    }

    fn bounding_box(&self) -> Option<Rect> {
        todo!()
    }

    fn get(&self, y: i32, x: i32) -> State {
        let _ = (y, x);
        todo!()
    }

    fn set(&mut self, y: i32, x: i32, state: State) {
        let _ = (y, x, state);
        todo!()
    }

    fn cells_in(&self, rect: Rect) -> Vec<Cell> {
        let _ = rect;
        todo!()
    }
}
