//! A plain torus: a [`Grid`] and the engine that steps it, the compiled
//! engine keeping the grid packed between steps.

use std::cell::RefCell;

use super::{Universe, UniverseError};
use crate::{Cell, Compiled, Engine, Grid, GridError, Rect, State};

/// What steps the grid.
enum Stepper {
    /// A coroutine engine, or the compiled one when the grid does not
    /// pack (too small for `auto`, a state above 1, a rule that does not
    /// compile).
    Engine(Box<dyn Engine>),
    /// The compiled engine, which holds the grid packed while `packed` is
    /// set: then the packed cells are the current ones, and the grid is
    /// brought up to date when it is read.
    Compiled { engine: Box<Compiled>, packed: bool },
}

/// A torus of a [`Grid`]'s size, stepped by an [`Engine`].
pub(crate) struct GridTorus {
    grid: RefCell<Grid>,
    /// Whether the grid is behind the packed cells.
    stale: RefCell<bool>,
    stepper: Stepper,
}

impl GridTorus {
    /// `grid` stepped by `engine`, which allocates what it needs for the
    /// grid's size now, fallibly.
    pub(crate) fn new(grid: Grid, mut engine: Box<dyn Engine>) -> Result<GridTorus, GridError> {
        engine.reserve(&grid)?;
        Ok(GridTorus {
            grid: RefCell::new(grid),
            stale: RefCell::new(false),
            stepper: Stepper::Engine(engine),
        })
    }

    pub(crate) fn compiled(grid: Grid, engine: Compiled) -> GridTorus {
        GridTorus {
            grid: RefCell::new(grid),
            stale: RefCell::new(false),
            stepper: Stepper::Compiled {
                engine: Box::new(engine),
                packed: false,
            },
        }
    }

    /// Brings the grid up to date with the packed cells.
    fn sync(&self) {
        if let Stepper::Compiled { engine, .. } = &self.stepper
            && self.stale.replace(false)
        {
            engine.store(&mut self.grid.borrow_mut());
        }
    }
}

impl Universe for GridTorus {
    fn engine(&self) -> &'static str {
        match &self.stepper {
            Stepper::Engine(engine) => engine.name(),
            Stepper::Compiled { engine, .. } => engine.name(),
        }
    }

    fn run(&mut self, generations: u64) -> Result<(), UniverseError> {
        if generations == 0 {
            return Ok(());
        }
        match &mut self.stepper {
            Stepper::Engine(engine) => engine.run(self.grid.get_mut(), generations),
            Stepper::Compiled { engine, packed } => {
                if !*packed {
                    *packed = engine.load(self.grid.get_mut());
                }
                if *packed {
                    engine.advance(generations);
                    *self.stale.get_mut() = true;
                } else {
                    engine.run_fallback(self.grid.get_mut(), generations);
                }
            }
        }
        Ok(())
    }

    fn population(&self) -> u64 {
        self.sync();
        self.grid.borrow().population() as u64
    }

    fn bounding_box(&self) -> Option<Rect> {
        self.sync();
        let grid = self.grid.borrow();
        let mut rows = grid
            .iter_rows()
            .enumerate()
            .filter(|(_, row)| row.iter().any(|s| !s.is_empty()));
        let (top, _) = rows.next()?;
        let bottom = rows.next_back().map_or(top, |(y, _)| y);
        let (mut left, mut right) = (usize::MAX, 0);
        for row in grid.iter_rows().take(bottom + 1).skip(top) {
            if let Some(first) = row.iter().position(|s| !s.is_empty()) {
                left = left.min(first);
            }
            if let Some(last) = row.iter().rposition(|s| !s.is_empty()) {
                right = right.max(last);
            }
        }
        // A grid's sides are at most 2^30.
        Some(Rect {
            top: top as i32,
            left: left as i32,
            bottom: bottom as i32,
            right: right as i32,
        })
    }

    fn get(&self, y: i32, x: i32) -> State {
        self.sync();
        self.grid.borrow().query(y, x)
    }

    fn set(&mut self, y: i32, x: i32, state: State) {
        self.sync();
        self.grid.get_mut().assign(y, x, state);
        if let Stepper::Compiled { packed, .. } = &mut self.stepper {
            // The packed cells are behind the grid now.
            *packed = false;
        }
    }

    fn cells_in(&self, rect: Rect) -> Vec<Cell> {
        self.sync();
        let grid = self.grid.borrow();
        let (rows, cols) = (grid.rows() as i64, grid.cols() as i64);
        // Only the grid's own cells, each once.
        let top = i64::from(rect.top).max(0);
        let left = i64::from(rect.left).max(0);
        let bottom = i64::from(rect.bottom).min(rows - 1);
        let right = i64::from(rect.right).min(cols - 1);
        let mut cells = Vec::new();
        for y in top..=bottom {
            let row = grid.row(y as usize);
            for x in left..=right {
                let state = row[x as usize];
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

    fn fallback(&self) -> Option<String> {
        match &self.stepper {
            Stepper::Engine(_) => None,
            Stepper::Compiled { engine, .. } => engine.fallback_reason(),
        }
        .map(ToString::to_string)
    }

    fn grid(&self) -> Option<Grid> {
        self.sync();
        Some(self.grid.borrow().clone())
    }
}

#[cfg(test)]
mod tests {
    use crate::{Engine, Rect};
    use crate::{EngineKind, EngineOptions, Rule, Sequential, Simulation, soup};

    /// The compiled engine keeps the grid packed between steps, on one
    /// thread and on stretches whose halos go stale between runs; each
    /// step, and reading the grid between steps, gives what one run gives.
    #[test]
    fn stepping_one_generation_at_a_time_is_running_them_at_once() {
        let start = soup::soup(600, 96, 11).expect("soup");
        let mut expected = start.clone();
        Sequential::new(Rule::LIFE).run(&mut expected, 45);
        for threads in [1, 2] {
            let options = EngineOptions {
                threads: Some(threads),
                ..EngineOptions::default()
            };
            let mut simulation =
                Simulation::on_grid(start.clone(), Rule::LIFE, EngineKind::Compiled, options)
                    .expect("engine");
            for generation in 0..45 {
                simulation.step().expect("runs");
                if generation % 10 == 3 {
                    // Reading unpacks; the next step goes on from there.
                    assert!(simulation.population() > 0);
                }
            }
            let whole = Rect {
                top: 0,
                left: 0,
                bottom: 599,
                right: 95,
            };
            assert_eq!(
                simulation.window(whole).expect("grid"),
                expected,
                "{threads} threads"
            );
        }
    }
}
