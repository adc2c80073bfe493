//! One coroutine over the whole grid, on the calling thread.

use super::Engine;
use super::interpreter::{Workspace, sweep};
use crate::{Grid, GridError, Rule};

/// Drives a single `simulate` coroutine over every row of the grid: the
/// book's `live_a_generation`.
///
/// The reference every other engine is checked against.
pub struct Sequential {
    rule: Rule,
    workspace: Workspace,
}

impl Sequential {
    /// A sequential engine for `rule`.
    pub fn new(rule: Rule) -> Sequential {
        Sequential {
            rule,
            workspace: Workspace::new(),
        }
    }
}

impl Engine for Sequential {
    fn name(&self) -> &'static str {
        "sequential"
    }

    fn rule(&self) -> &Rule {
        &self.rule
    }

    fn reserve(&mut self, grid: &Grid) -> Result<(), GridError> {
        self.workspace.reserve(grid)
    }

    fn step(&mut self, grid: &mut Grid) {
        let (next, table) = self.workspace.prepare(grid);
        sweep(grid, table, &self.rule, 0..grid.rows(), next.cells_mut());
        self.workspace.swap_into(grid);
    }
}
