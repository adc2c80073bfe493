//! Objects on the plane: islands of nearby cells, how a lone object
//! evolves, how an island splits into objects that evolve on their own,
//! and canonical shapes that name an object whatever its phase, place and
//! orientation.

use rustc_hash::FxHashMap;

use super::{AnalysisError, Behaviour, classify_with};
use crate::universe::{Simulation, UniverseError};
use crate::{Cell, EngineKind, EngineOptions, Pattern, Rule, State};

/// Cells with no offset: `(row, column, state)`, sorted, the top row 0 and
/// the leftmost column 0.
pub(crate) type Shape = Vec<(i64, i64, State)>;

/// The islands of `cells`: cells within Chebyshev distance `reach` of one
/// another are joined, directly or through others. Each island is sorted by
/// row, then column; islands come in the order of their first cell.
pub(crate) fn islands(cells: &[Cell], reach: i64) -> Vec<Vec<Cell>> {
    let index: FxHashMap<(i64, i64), usize> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| ((i64::from(c.y), i64::from(c.x)), i))
        .collect();
    let mut parent: Vec<usize> = (0..cells.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, cell) in cells.iter().enumerate() {
        let (y, x) = (i64::from(cell.y), i64::from(cell.x));
        for dy in -reach..=reach {
            for dx in -reach..=reach {
                if let Some(&j) = index.get(&(y + dy, x + dx)) {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    if a != b {
                        parent[a.max(b)] = a.min(b);
                    }
                }
            }
        }
    }
    let mut slot: FxHashMap<usize, usize> = FxHashMap::default();
    let mut groups: Vec<Vec<Cell>> = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        let r = root(&mut parent, i);
        let next = groups.len();
        let g = *slot.entry(r).or_insert(next);
        if g == next {
            groups.push(Vec::new());
        }
        groups[g].push(*cell);
    }
    for group in &mut groups {
        group.sort_by_key(|c| (c.y, c.x));
    }
    groups
}

/// How far apart two cells may be and still affect each other's next
/// generation: twice the rule's range.
pub(crate) fn reach(rule: Rule) -> i64 {
    2 * i64::from(rule.neighbourhood().range())
}

/// Islands of at most this many cells run alone on the coroutine blocks
/// when the engine is left to choose: building the compiled engine costs
/// more than such an object's few generations.
const SMALL: usize = 64;

/// The engine to run `cells` alone: `engine`, but for a small object when
/// the choice is left open, the coroutine blocks.
pub(crate) fn engine_for(cells: &[Cell], engine: EngineKind) -> EngineKind {
    match engine {
        EngineKind::Auto if cells.len() <= SMALL => EngineKind::Sequential,
        other => other,
    }
}

/// `cells` in a simulation of their own on the plane.
pub(crate) fn simulation(
    cells: &[Cell],
    rule: Rule,
    engine: EngineKind,
) -> Result<Simulation, AnalysisError> {
    Simulation::build(
        &Pattern::from_cells(cells.iter().copied()),
        rule,
        engine,
        EngineOptions::default(),
    )
    .map_err(universe_error)
}

pub(crate) fn universe_error(error: UniverseError) -> AnalysisError {
    match error {
        UniverseError::BirthFromNothing { rule } => AnalysisError::BirthOnZero(rule),
        other => AnalysisError::Universe(other.to_string()),
    }
}

/// The live cells of a simulation, by row then column.
pub(crate) fn cells_of(simulation: &Simulation) -> Vec<Cell> {
    simulation
        .bounding_box()
        .map(|rect| simulation.cells_in(rect))
        .unwrap_or_default()
}

/// `cells` run alone for `generations`: generation 0 first, then one
/// entry for each generation after it.
pub(crate) fn evolve(
    cells: &[Cell],
    rule: Rule,
    generations: u64,
    engine: EngineKind,
) -> Result<Vec<Vec<Cell>>, AnalysisError> {
    let mut simulation = simulation(cells, rule, engine)?;
    let mut phases = vec![cells.to_vec()];
    for _ in 0..generations {
        simulation.step().map_err(universe_error)?;
        phases.push(cells_of(&simulation));
    }
    Ok(phases)
}

/// A lone object: what it does run on its own, and its phases (one for
/// each generation of its period, starting with its cells as given; just
/// those cells if it is not periodic).
#[derive(Clone, Debug)]
pub(crate) struct Lone {
    pub behaviour: Behaviour,
    pub phases: Vec<Vec<Cell>>,
}

impl Lone {
    /// Follows `cells` for up to `generations`.
    pub fn follow(
        cells: &[Cell],
        rule: Rule,
        generations: u64,
        engine: EngineKind,
    ) -> Result<Lone, AnalysisError> {
        let pattern = Pattern::from_cells(cells.iter().copied());
        let behaviour = classify_with(&pattern, rule, generations, engine)?;
        let mut phases = match period(behaviour) {
            Some(period) => evolve(cells, rule, period, engine)?,
            None => vec![cells.to_vec()],
        };
        phases.truncate(period(behaviour).map_or(1, |p| p as usize));
        Ok(Lone { behaviour, phases })
    }

    /// The object's displacement per generation, in rows and columns
    /// (zero for anything that does not move).
    pub fn velocity(&self) -> (f64, f64) {
        match self.behaviour {
            Behaviour::Spaceship { period, dy, dx } => {
                (dy as f64 / period as f64, dx as f64 / period as f64)
            }
            _ => (0.0, 0.0),
        }
    }
}

/// The period of a periodic behaviour.
pub(crate) fn period(behaviour: Behaviour) -> Option<u64> {
    match behaviour {
        Behaviour::StillLife => Some(1),
        Behaviour::Oscillator { period } | Behaviour::Spaceship { period, .. } => Some(period),
        Behaviour::Empty | Behaviour::NoneWithin { .. } => None,
    }
}

/// A map of (row, column).
type Symmetry = fn(i64, i64) -> (i64, i64);

/// The eight symmetries of the square.
const SYMMETRIES: [Symmetry; 8] = [
    |y, x| (y, x),
    |y, x| (y, -x),
    |y, x| (-y, x),
    |y, x| (-y, -x),
    |y, x| (x, y),
    |y, x| (x, -y),
    |y, x| (-x, y),
    |y, x| (-x, -y),
];

/// `cells` moved so that their top row and leftmost column are 0, sorted.
fn normalised(mut cells: Shape) -> Shape {
    let top = cells.iter().map(|c| c.0).min().unwrap_or(0);
    let left = cells.iter().map(|c| c.1).min().unwrap_or(0);
    for cell in &mut cells {
        cell.0 -= top;
        cell.1 -= left;
    }
    cells.sort_unstable();
    cells
}

/// The least of the shapes of every phase under every symmetry: the same
/// for an object in any phase, place and orientation.
pub(crate) fn canonical(phases: &[Vec<Cell>]) -> Shape {
    let mut best: Option<Shape> = None;
    for phase in phases {
        for symmetry in SYMMETRIES {
            let shape = normalised(
                phase
                    .iter()
                    .map(|c| {
                        let (y, x) = symmetry(i64::from(c.y), i64::from(c.x));
                        (y, x, c.state)
                    })
                    .collect(),
            );
            let better = best
                .as_ref()
                .is_none_or(|b| (shape.len(), &shape) < (b.len(), b));
            if better {
                best = Some(shape);
            }
        }
    }
    best.unwrap_or_default()
}

/// The most pieces an island is split into: beyond it, the island is kept
/// whole rather than spend many runs on it.
const MOST_PIECES: usize = 12;

/// Splits a periodic island into the objects it is made of: its pieces of
/// touching cells, grouped wherever running them apart differs from
/// running them together over the island's period. An island whose pieces
/// cannot be told apart this way comes back whole.
pub(crate) fn split(
    island: &[Cell],
    lone: &Lone,
    rule: Rule,
    engine: EngineKind,
) -> Result<Vec<Vec<Cell>>, AnalysisError> {
    let Some(period) = period(lone.behaviour) else {
        return Ok(vec![island.to_vec()]);
    };
    let range = i64::from(rule.neighbourhood().range());
    let mut groups = islands(island, range);
    if groups.len() == 1 || groups.len() > MOST_PIECES {
        return Ok(vec![island.to_vec()]);
    }
    let whole = evolve(island, rule, period, engine)?;
    let mut runs = groups
        .iter()
        .map(|g| evolve(g, rule, period, engine))
        .collect::<Result<Vec<_>, _>>()?;
    // The first generation at which running the groups apart differs from
    // running the island whole.
    let apart = |runs: &[Vec<Vec<Cell>>], t: usize| {
        let mut union: Vec<Cell> = runs.iter().flat_map(|r| r[t].iter().copied()).collect();
        union.sort_by_key(|c| (c.y, c.x));
        union
    };
    while let Some(t) = (0..whole.len()).find(|&t| apart(&runs, t) != whole[t]) {
        // The groups with a cell, a generation earlier, within range of a
        // cell where the two runs differ affect one another: join them.
        let differing: Vec<Cell> = symmetric_difference(&apart(&runs, t), &whole[t]);
        let near = |cells: &[Cell]| {
            cells.iter().any(|c| {
                differing.iter().any(|d| {
                    (i64::from(c.y) - i64::from(d.y)).abs() <= range
                        && (i64::from(c.x) - i64::from(d.x)).abs() <= range
                })
            })
        };
        let involved: Vec<usize> = (0..groups.len())
            .filter(|&g| t > 0 && near(&runs[g][t - 1]))
            .collect();
        if involved.len() < 2 {
            return Ok(vec![island.to_vec()]);
        }
        let mut merged = Vec::new();
        for &g in involved.iter().rev() {
            merged.extend(groups.remove(g));
            runs.remove(g);
        }
        merged.sort_by_key(|c| (c.y, c.x));
        runs.push(evolve(&merged, rule, period, engine)?);
        groups.push(merged);
        if groups.len() == 1 {
            return Ok(vec![island.to_vec()]);
        }
    }
    // Each group must come back to itself, or it is part of something
    // larger that only the whole island repeats.
    let periodic = runs.iter().all(|run| {
        let (first, last) = (&run[0], &run[run.len() - 1]);
        match lone.behaviour {
            Behaviour::Spaceship { .. } => {
                canonical(std::slice::from_ref(first)) == canonical(std::slice::from_ref(last))
            }
            _ => first == last,
        }
    });
    if !periodic {
        return Ok(vec![island.to_vec()]);
    }
    Ok(groups)
}

/// The cells in one sorted list and not the other.
fn symmetric_difference(a: &[Cell], b: &[Cell]) -> Vec<Cell> {
    let mut out: Vec<Cell> = a
        .iter()
        .filter(|c| {
            b.binary_search_by_key(&(c.y, c.x), |d| (d.y, d.x))
                .map_or(true, |i| b[i] != **c)
        })
        .copied()
        .collect();
    out.extend(
        b.iter()
            .filter(|c| {
                a.binary_search_by_key(&(c.y, c.x), |d| (d.y, d.x))
                    .map_or(true, |i| a[i] != **c)
            })
            .copied(),
    );
    out
}
