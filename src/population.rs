//! A pattern's population, births and deaths, generation by generation.
//!
//! A birth is a cell empty in one generation and not in the next; a death
//! is a cell non-empty in one generation and empty in the next (a cell of a
//! Generations rule that only changes its state is neither). So, from one
//! generation to the next, births − deaths is the change in population.
//! They are counted by merging two generations' lists of cells, in time
//! proportional to the live cells, never to their bounding box.
//!
//! ```
//! use corolife::population;
//! use corolife::{Rule, Simulation, library};
//!
//! let blinker = library::pattern("blinker").expect("built in");
//! let mut simulation = Simulation::new(&blinker, Rule::LIFE)?;
//! let series = population::series(&mut simulation, 2, |_| true)?;
//! assert_eq!(series.len(), 3);
//! // A blinker turns: two cells die and two are born every generation.
//! assert_eq!((series[1].population, series[1].births, series[1].deaths), (3, 2, 2));
//! # Ok::<(), corolife::UniverseError>(())
//! ```

use std::cmp::Ordering;

use crate::pattern::Cell;
use crate::universe::{Simulation, UniverseError};

/// One generation's counts.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Counts {
    /// The generation ([`Simulation::generation`]).
    pub generation: u64,
    /// Its non-empty cells ([`Simulation::population`]).
    pub population: u64,
    /// Cells empty in the previous generation and not in this one (0 for
    /// the first generation counted).
    pub births: u64,
    /// Cells non-empty in the previous generation and empty in this one
    /// (0 for the first generation counted).
    pub deaths: u64,
}

/// The births and deaths between two generations' non-empty cells, each
/// list sorted by row, then column (as [`Simulation::cells_in`] gives
/// them): one merge of the two lists.
pub fn changes(before: &[Cell], after: &[Cell]) -> (u64, u64) {
    let (mut births, mut deaths) = (0, 0);
    let (mut i, mut j) = (0, 0);
    while i < before.len() && j < after.len() {
        match (before[i].y, before[i].x).cmp(&(after[j].y, after[j].x)) {
            Ordering::Less => {
                deaths += 1;
                i += 1;
            }
            Ordering::Greater => {
                births += 1;
                j += 1;
            }
            Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    deaths += (before.len() - i) as u64;
    births += (after.len() - j) as u64;
    (births, deaths)
}

/// The simulation's non-empty cells, by row, then column.
fn live_cells(simulation: &Simulation) -> Vec<Cell> {
    let mut cells = match simulation.bounding_box() {
        Some(rect) => simulation.cells_in(rect),
        None => Vec::new(),
    };
    // The universes give them in this order already; checking costs one
    // pass, and a merge of unsorted lists would miscount.
    if !cells.is_sorted_by_key(|cell| (cell.y, cell.x)) {
        cells.sort_unstable_by_key(|cell| (cell.y, cell.x));
    }
    cells
}

/// Runs `simulation` `generations` on, one generation at a time, and
/// returns the counts of every generation from the current one to the last
/// (`generations + 1` of them). `each` is called with each generation's counts as it
/// is taken; when it returns `false` the run stops there, and the series
/// so far is returned.
///
/// Memory grows with `generations` (a [`Counts`] each) and with the live
/// cells of two generations.
pub fn series(
    simulation: &mut Simulation,
    generations: u64,
    mut each: impl FnMut(&Counts) -> bool,
) -> Result<Vec<Counts>, UniverseError> {
    let mut cells = live_cells(simulation);
    let first = Counts {
        generation: simulation.generation(),
        population: simulation.population(),
        births: 0,
        deaths: 0,
    };
    let mut series = vec![first];
    if !each(&first) {
        return Ok(series);
    }
    for _ in 0..generations {
        simulation.step()?;
        let next = live_cells(simulation);
        let (births, deaths) = changes(&cells, &next);
        cells = next;
        let counts = Counts {
            generation: simulation.generation(),
            population: simulation.population(),
            births,
            deaths,
        };
        series.push(counts);
        if !each(&counts) {
            break;
        }
    }
    Ok(series)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::State;

    fn cells(list: &[(i32, i32)]) -> Vec<Cell> {
        list.iter()
            .map(|&(y, x)| Cell {
                y,
                x,
                state: State::ALIVE,
            })
            .collect()
    }

    #[test]
    fn changes_count_the_cells_in_one_list_only() {
        let before = cells(&[(0, 0), (0, 2), (1, 1), (3, 0)]);
        let after = cells(&[(0, 1), (0, 2), (1, 1), (2, 5), (4, 4)]);
        // Born: (0,1), (2,5), (4,4); died: (0,0), (3,0).
        assert_eq!(changes(&before, &after), (3, 2));
        assert_eq!(changes(&after, &before), (2, 3));
        assert_eq!(changes(&[], &after), (5, 0));
        assert_eq!(changes(&before, &[]), (0, 4));
        assert_eq!(changes(&before, &before), (0, 0));
    }

    #[test]
    fn births_minus_deaths_is_the_change_in_population() -> Result<(), UniverseError> {
        let pattern = crate::library::pattern("r-pentomino").expect("built in");
        let mut simulation = Simulation::new(&pattern, crate::Rule::LIFE)?;
        let mut seen = 0;
        let series = series(&mut simulation, 200, |_| {
            seen += 1;
            true
        })?;
        assert_eq!(series.len(), 201);
        assert_eq!(seen, 201);
        assert_eq!(series[0].population, 5);
        for (g, pair) in series.windows(2).enumerate() {
            let (a, b) = (pair[0], pair[1]);
            assert_eq!(b.generation, g as u64 + 1);
            assert_eq!(
                i128::from(b.births) - i128::from(b.deaths),
                i128::from(b.population) - i128::from(a.population),
                "generation {}",
                b.generation
            );
        }
        // Not a still life: something is born at every step.
        assert!(series[1..].iter().all(|c| c.births > 0));
        Ok(())
    }

    #[test]
    fn the_callback_stops_the_series() -> Result<(), UniverseError> {
        let pattern = crate::library::pattern("glider").expect("built in");
        let mut simulation = Simulation::new(&pattern, crate::Rule::LIFE)?;
        let series = series(&mut simulation, 100, |c| c.generation < 10)?;
        assert_eq!(series.len(), 11);
        assert_eq!(simulation.generation(), 10);
        Ok(())
    }
}
