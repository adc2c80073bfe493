//! Universes: the state an engine owns and steps, on the unbounded plane or
//! on one of Golly's bounded grids.
//!
//! A [`Simulation`] is built from a [`Pattern`], a [`Rule`] and the rule's
//! [`Topology`]; it steps itself and answers what is alive where. Inside it
//! is a [`Universe`], chosen by the engine and the topology:
//!
//! | engine | plain torus (`--size`, `:Tw,h`) | the plane | other grids (`:P`, `:K`, `:C`, `:S`, shifted tori, tubes) |
//! |---|---|---|---|
//! | `sequential` | [`Sequential`] on a [`Grid`] | blocks of cells near activity, one coroutine a block | the same blocks, queries folded by the topology |
//! | `bands` | [`RowBands`] on a [`Grid`] | the same blocks, stepped in parallel | likewise, in parallel |
//! | `compiled` | [`Compiled`], kept packed between steps | sparse tiles of 64×64 cells, probed kernels | the same tiles, the grid's edges joined around each generation as Golly joins them |
//! | `compiled`, counting rules | [`Compiled`]'s running sums on a byte field | a field covering the pattern, laid out afresh as it spreads | the whole grid, its margin joined as Golly joins the edges |
//!
//! Every one of them runs the same cell coroutines: the coroutine engines
//! drive [`step_cell`](crate::step_cell) for each cell they step, answering
//! its queries; the compiled ones run the table the probe learnt from it,
//! or for Larger than Life and Generations the counts it learnt
//! ([`CountTable`](crate::engine::compiled::CountTable)). A rule neither
//! probe compiles (isotropic rules of more than two states) runs on the
//! coroutine blocks instead, as does an isotropic rule with birth from
//! nothing on a bounded grid.
//!
//! ```
//! use corolife::{format, Rule, Simulation};
//!
//! let glider = format::parse("x = 3, y = 3\nbo$2bo$3o!", None)?;
//! // On the plane: the glider travels one cell down and right every four
//! // generations, and nothing wraps.
//! let mut plane = Simulation::new(&glider, Rule::LIFE)?;
//! plane.run(400)?;
//! let moved = plane.bounding_box().expect("alive");
//! assert_eq!((moved.top, moved.left), (100, 100));
//! assert_eq!(plane.population(), 5);
//! // On a 10×10 torus it comes back where it started after 40.
//! let torus: Rule = "B3/S23:T10,10".parse()?;
//! let mut ring = Simulation::new(&glider, torus)?;
//! let start = ring.pattern();
//! ring.run(40)?;
//! assert_eq!(ring.pattern().cells(), start.cells());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod blocks;

pub(crate) use blocks::Blocks;
mod quadtree;
mod torus;

use crate::engine::compiled::plane as tiles;
use crate::engine::compiled::{RuleTable, window};
use crate::format::macrocell::Macrocell;

use thiserror::Error;

use crate::engine::hashlife::{self, Bounds, GenerationsLife, HashLife, HashLifeError, Stats};
use crate::engine::{
    AUTO_HASHLIFE_GENERATIONS, AUTO_HASHLIFE_GENERATIONS_PER_CELL, EngineError, EngineOptions,
    Threads,
};
use crate::rule::Topology;
use crate::{Cell, EngineKind, Grid, GridError, Pattern, PlaceError, Placement, Rect, Rule, State};

#[allow(unused_imports)]
use crate::{Compiled, RowBands, Sequential};

/// The state of a cellular automaton that steps itself: what an engine
/// owns, as Golly's `lifealgo` does.
///
/// Coordinates are (row, column), `y` down and `x` right, as `i32`s. On
/// the plane and on tubes they are unbounded in the infinite directions (a
/// pattern that travels past the `i32` range wraps around); on a bounded
/// grid they are those of [`Topology`] (top-left cell at
/// (−⌊h/2⌋, −⌊w/2⌋)), and on a plain torus built from a [`Grid`] they are
/// the grid's rows and columns, from 0.
pub trait Universe: Send {
    /// The name of the engine stepping it, as [`EngineKind`] spells it.
    fn engine(&self) -> &'static str;

    /// Moves every cell `generations` on; fails only where the universe
    /// runs out of its memory budget, leaving the cells as they were.
    fn run(&mut self, generations: u64) -> Result<(), UniverseError>;

    /// The number of cells that are not empty.
    fn population(&self) -> u64;

    /// The smallest rectangle holding every non-empty cell, or `None` if
    /// there is none.
    fn bounding_box(&self) -> Option<Rect>;

    /// The state of one cell (empty outside a bounded grid).
    fn get(&self, y: i32, x: i32) -> State;

    /// Sets one cell; outside a bounded grid nothing changes.
    fn set(&mut self, y: i32, x: i32, state: State);

    /// Every non-empty cell inside `rect`, by row, then column.
    fn cells_in(&self, rect: Rect) -> Vec<Cell>;

    /// The cells inside `rect` zoomed out: a grid whose every cell stands
    /// for a `cells_per_pixel` square of `rect`, in the most alive state
    /// inside it (see [`picture::binned`](crate::render::picture::binned)).
    fn binned(&self, rect: Rect, cells_per_pixel: u32) -> Result<Grid, GridError> {
        crate::render::picture::binned(&self.cells_in(rect), rect, cells_per_pixel)
    }

    /// Why the compiled engine runs the coroutines instead of kernels, if
    /// it was asked for and does.
    fn fallback(&self) -> Option<String> {
        None
    }

    /// A plain torus's grid, whole (`None` for other universes).
    fn grid(&self) -> Option<Grid> {
        None
    }

    /// The HashLife quadtree, if this universe is one.
    fn hashlife(&self) -> Option<&HashLife> {
        None
    }

    /// The multistate HashLife quadtree, if this universe is one.
    fn generations_life(&self) -> Option<&GenerationsLife> {
        None
    }
}

/// Why a simulation could not be built.
#[derive(Debug, Error)]
pub enum UniverseError {
    /// The pattern could not be put on the torus.
    #[error(transparent)]
    Place(#[from] PlaceError),
    /// The grid could not be made.
    #[error(transparent)]
    Grid(#[from] GridError),
    /// The engine could not be built.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// HashLife cannot run the rule, or ran out of memory.
    #[error(transparent)]
    HashLife(Box<HashLifeError>),
    /// A rule whose neighbourhood reaches further than the grid's joins.
    #[error(
        "rule {rule} has range {range}, but the grid {topology} joins its edges for range-1 rules only"
    )]
    Range {
        /// The rule.
        rule: Rule,
        /// Its neighbourhood's range.
        range: u32,
        /// The grid.
        topology: Topology,
    },
    /// A `B0` rule on a grid with infinitely many empty cells: every one
    /// of them would be born.
    #[error(
        "rule {rule} gives birth to cells with no live neighbour (B0), which on an unbounded grid is every cell; run it on a bounded grid such as :T100,100 or :P100,100"
    )]
    BirthFromNothing {
        /// The rule.
        rule: Rule,
    },
    /// A cell of the pattern lies outside the bounded grid.
    #[error(
        "the pattern has a cell at x = {x}, y = {y}, outside the grid {topology} (whose top-left cell is at x = {}, y = {})",
        topology.left(),
        topology.top()
    )]
    Outside {
        /// Row of the cell.
        y: i32,
        /// Column of the cell.
        x: i32,
        /// The grid.
        topology: Topology,
    },
}

impl From<HashLifeError> for UniverseError {
    fn from(error: HashLifeError) -> UniverseError {
        UniverseError::HashLife(Box::new(error))
    }
}

/// A pattern stepping itself on the plane or a bounded grid: see the
/// [module documentation](self).
pub struct Simulation {
    universe: Box<dyn Universe>,
    rule: Rule,
    generation: u64,
    note: Option<String>,
}

impl Simulation {
    /// `pattern` under `rule`, on the rule's topology (the plane without a
    /// suffix), run by [`EngineKind::Auto`] with every core.
    pub fn new(pattern: &Pattern, rule: Rule) -> Result<Simulation, UniverseError> {
        Simulation::build(pattern, rule, EngineKind::Auto, EngineOptions::default())
    }

    /// `pattern` under `rule`, on the rule's topology, run by `engine`.
    ///
    /// On the plane and on Golly's bounded grids the cells keep their
    /// coordinates. On a bounded grid other than a plain torus, a pattern
    /// whose file gave no position ([`Pattern::positioned`]) is centred
    /// as Golly centres it, its box's top-left corner at
    /// (−⌊h/2⌋, −⌊w/2⌋) for a box `w` wide and `h` high (at the grid's
    /// top-left corner if it is larger than the grid); a cell outside the
    /// grid is an error. On a plain torus (`:Tw,h`) the pattern is centred
    /// on a [`Grid`] as [`Placement::Centre`] says.
    pub fn build(
        pattern: &Pattern,
        rule: Rule,
        engine: EngineKind,
        options: EngineOptions,
    ) -> Result<Simulation, UniverseError> {
        let topology = rule.topology();
        if let Some(torus) = topology.plain_torus() {
            let grid = Grid::from_pattern(pattern, torus.rows, torus.cols, Placement::Centre)?;
            return Simulation::on_grid(grid, rule, engine, options)
                .map(|simulation| simulation.at_generation(pattern.generation));
        }
        if let Some(max) = topology.max_range() {
            let range = u32::from(rule.neighbourhood().range());
            if range > max {
                return Err(UniverseError::Range {
                    rule,
                    range,
                    topology,
                });
            }
        }
        let mut note = None;
        if topology.is_plane() {
            // Auto also takes HashLife for a macrocell tree, kept whole,
            // for B0 rules with Smax, which only it runs on the plane (as
            // Golly does, by the complement rule), and for rules known by
            // name, which the compiled engine does not compile and Golly
            // runs with HashLife.
            let wanted = match engine {
                EngineKind::HashLife => true,
                EngineKind::Auto => {
                    pattern.macrocell().is_some()
                        || rule.births_from_nothing()
                        || rule.named_rule().is_some()
                        || options.generations.is_some_and(|gens| {
                            gens >= AUTO_HASHLIFE_GENERATIONS
                                && gens / AUTO_HASHLIFE_GENERATIONS_PER_CELL
                                    >= pattern.population() as u64
                        })
                }
                _ => false,
            };
            // Rules of more than two states go to the multistate HashLife.
            match HashLife::supports_either(&rule) {
                Ok(multistate) if wanted => {
                    let budget = options
                        .max_memory
                        .unwrap_or_else(hashlife::default_max_memory);
                    let universe: Box<dyn Universe> = match (multistate, pattern.macrocell()) {
                        (true, Some(tree)) => {
                            Box::new(GenerationsLife::from_macrocell(rule, budget, tree)?)
                        }
                        (true, None) => {
                            Box::new(GenerationsLife::from_cells(rule, budget, pattern.cells())?)
                        }
                        (false, Some(tree)) => {
                            Box::new(HashLife::from_macrocell(rule, budget, tree)?)
                        }
                        (false, None) => {
                            Box::new(HashLife::from_cells(rule, budget, pattern.cells())?)
                        }
                    };
                    return Ok(Simulation {
                        universe,
                        rule,
                        generation: pattern.generation,
                        note: None,
                    });
                }
                Err(reason) if engine == EngineKind::HashLife => {
                    note = Some(reason.to_string());
                }
                _ => {}
            }
        } else if engine == EngineKind::HashLife {
            note = Some(format!(
                "hashlife runs on the unbounded plane; the compiled engine runs the grid {topology}"
            ));
        }
        if !topology.is_finite() && rule.births_from_nothing() {
            return Err(UniverseError::BirthFromNothing { rule });
        }
        pattern.try_cells().map_err(PlaceError::from)?;
        let cells = place(pattern, topology)?;
        let blocks = |kind: EngineKind| -> Result<Box<dyn Universe>, UniverseError> {
            let threads = match (kind, options.threads) {
                (EngineKind::Sequential, _) => Threads::Caller,
                (_, Some(count)) => Threads::exactly(count, "corolife-band")?,
                (_, None) => Threads::Global,
            };
            Ok(Box::new(blocks::Blocks::new(
                &cells, rule, topology, kind, threads,
            )))
        };
        let universe = match engine {
            EngineKind::Sequential | EngineKind::RowBands => blocks(engine)?,
            EngineKind::Compiled | EngineKind::Auto | EngineKind::HashLife => {
                // A note from HashLife says why it does not run the rule;
                // what runs it instead follows.
                match tiles::Tiles::new(&cells, rule, topology, options) {
                    Ok(tiles) => {
                        note = note.map(|n| format!("{n}; the compiled engine runs it"));
                        Box::new(tiles) as Box<dyn Universe>
                    }
                    Err(refused) => match window::Window::new(&cells, rule, topology, options) {
                        Ok(window) => {
                            note = note.map(|n| format!("{n}; the compiled engine runs it"));
                            Box::new(window) as Box<dyn Universe>
                        }
                        Err(uncounted) => {
                            // The tiles say why a rule of their kind does not
                            // run; the counting probe why any other does not.
                            let reason = if RuleTable::probe(&rule).is_ok() {
                                refused
                            } else {
                                uncounted
                            };
                            note = match note {
                                Some(n) => Some(format!("{n}; the coroutines run with bands")),
                                None if engine != EngineKind::Auto => Some(format!(
                                    "rule {rule} is not compiled ({reason}); the compiled engine runs the coroutines with bands"
                                )),
                                None => None,
                            };
                            blocks(EngineKind::RowBands)?
                        }
                    },
                }
            }
        };
        Ok(Simulation {
            universe,
            rule,
            generation: pattern.generation,
            note,
        })
    }

    /// A plain torus: `grid` under `rule` (whose topology becomes the
    /// grid's size), run by `engine`.
    pub fn on_grid(
        grid: Grid,
        rule: Rule,
        engine: EngineKind,
        options: EngineOptions,
    ) -> Result<Simulation, UniverseError> {
        let rule = rule.with_torus(Some(grid.size()));
        let universe = match engine.build_compiled(rule, options) {
            Some(compiled) => torus::GridTorus::compiled(grid, compiled?),
            None => torus::GridTorus::new(grid, engine.build_with(rule, options)?)?,
        };
        let note = (engine == EngineKind::HashLife).then(|| {
            "hashlife runs on the unbounded plane; the compiled engine runs the torus".to_owned()
        });
        Ok(Simulation {
            universe: Box::new(universe),
            rule,
            generation: 0,
            note,
        })
    }

    fn at_generation(mut self, generation: u64) -> Simulation {
        self.generation = generation;
        self
    }

    /// The rule, with its topology.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    /// The grid the cells live on.
    pub fn topology(&self) -> Topology {
        self.rule.topology()
    }

    /// The name of the engine stepping the cells, as [`EngineKind`] spells
    /// it.
    pub fn engine(&self) -> &'static str {
        self.universe.engine()
    }

    /// Why the engine asked for by name is not the one that runs, or
    /// runs the coroutines instead of kernels, if so: a sentence such as
    /// `rule /2/3 is not compiled (…); the compiled engine runs the
    /// coroutines with bands`.
    pub fn note(&self) -> Option<String> {
        let fallback = self.universe.fallback().map(|reason| {
            format!(
                "rule {} is not compiled ({reason}); the {} engine runs the coroutines with bands",
                self.rule,
                self.universe.engine()
            )
        });
        match (&self.note, fallback) {
            (Some(note), Some(fallback)) => Some(format!("{note}; {fallback}")),
            (note, fallback) => note.clone().or(fallback),
        }
    }

    /// The generation: the pattern file's own (`#CXRLE Gen=`) plus those
    /// stepped since.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// One generation on.
    pub fn step(&mut self) -> Result<(), UniverseError> {
        self.run(1)
    }

    /// `generations` on. Only HashLife can fail, when even collecting its
    /// unused nodes leaves too little of its memory budget; the cells are
    /// then as they were before the call.
    pub fn run(&mut self, generations: u64) -> Result<(), UniverseError> {
        self.universe.run(generations)?;
        self.generation = self.generation.saturating_add(generations);
        Ok(())
    }

    /// Up to `generations` on, in pieces of `stride` generations, asking
    /// `go_on` after each whether to continue; returns how many were run.
    pub fn run_while(
        &mut self,
        generations: u64,
        stride: u64,
        mut go_on: impl FnMut(&Simulation) -> bool,
    ) -> Result<u64, UniverseError> {
        let stride = stride.max(1);
        let mut done = 0;
        while done < generations {
            let piece = stride.min(generations - done);
            self.run(piece)?;
            done += piece;
            if !go_on(self) {
                break;
            }
        }
        Ok(done)
    }

    /// The number of non-empty cells.
    pub fn population(&self) -> u64 {
        self.universe.population()
    }

    /// The smallest rectangle holding every non-empty cell (clamped to the
    /// `i32` range; see [`bounds`](Simulation::bounds)).
    pub fn bounding_box(&self) -> Option<Rect> {
        self.universe.bounding_box()
    }

    /// The smallest rectangle holding every non-empty cell, in 64-bit
    /// coordinates, which HashLife's far-travelling patterns need.
    pub fn bounds(&self) -> Option<Bounds> {
        if let Some(life) = self.universe.hashlife() {
            return life.bounds();
        }
        if let Some(life) = self.universe.generations_life() {
            return life.bounds();
        }
        self.bounding_box().map(|rect| Bounds {
            top: i64::from(rect.top),
            left: i64::from(rect.left),
            bottom: i64::from(rect.bottom),
            right: i64::from(rect.right),
        })
    }

    /// The HashLife quadtree holding the cells, if HashLife runs them: for
    /// its [`stats`](HashLife::stats) and
    /// [`to_macrocell`](HashLife::to_macrocell).
    pub fn hashlife(&self) -> Option<&HashLife> {
        self.universe.hashlife()
    }

    /// The multistate HashLife quadtree holding the cells, if it runs
    /// them (a Generations rule under HashLife).
    pub fn generations_life(&self) -> Option<&GenerationsLife> {
        self.universe.generations_life()
    }

    /// What either HashLife's store holds, if one runs the cells.
    pub fn hashlife_stats(&self) -> Option<Stats> {
        self.hashlife()
            .map(HashLife::stats)
            .or_else(|| self.generations_life().map(GenerationsLife::stats))
    }

    /// The cells as a macrocell tree, if either HashLife runs them: the
    /// tree itself, never a list of its cells, with the rule and the
    /// generation.
    pub fn to_macrocell(&self) -> Option<Macrocell> {
        self.hashlife()
            .map(|life| life.to_macrocell(self.generation))
            .or_else(|| {
                self.generations_life()
                    .map(|life| life.to_macrocell(self.generation))
            })
    }

    /// The state of the cell at row `y`, column `x`.
    pub fn get(&self, y: i32, x: i32) -> State {
        self.universe.get(y, x)
    }

    /// Sets the cell at row `y`, column `x` (outside a bounded grid,
    /// nothing changes).
    pub fn set(&mut self, y: i32, x: i32, state: State) {
        self.universe.set(y, x, state);
    }

    /// The non-empty cells inside `rect`, by row, then column.
    pub fn cells_in(&self, rect: Rect) -> Vec<Cell> {
        self.universe.cells_in(rect)
    }

    /// The cells inside `rect` zoomed out to `cells_per_pixel` ×
    /// `cells_per_pixel` cells a grid cell, each in the most alive state
    /// among them (see [`picture::binned`](crate::render::picture::binned)).
    /// Under HashLife it looks no deeper into the tree than the squares, so
    /// a vast pattern costs about the squares, not its cells.
    ///
    /// ```
    /// use corolife::{Rect, Rule, Simulation, format};
    ///
    /// let acorn = format::parse("x = 7, y = 3\nbo$3bo$2o2b3o!", None)?;
    /// let simulation = Simulation::new(&acorn, Rule::LIFE)?;
    /// let rect = Rect { top: 0, left: 0, bottom: 3, right: 7 };
    /// let grid = simulation.binned(rect, 4)?;
    /// assert_eq!(grid.to_string(), "**\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn binned(&self, rect: Rect, cells_per_pixel: u32) -> Result<Grid, GridError> {
        self.universe.binned(rect, cells_per_pixel)
    }

    /// The cells inside `rect` as a grid of its size (a picture of the
    /// rectangle; the grid's own torus plays no part).
    pub fn window(&self, rect: Rect) -> Result<Grid, GridError> {
        if let Some(grid) = self.universe.grid()
            && Some(rect) == self.extent()
        {
            return Ok(grid);
        }
        let mut grid = Grid::new(rect.height() as usize, rect.width() as usize)?;
        for cell in self.cells_in(rect) {
            grid.assign(cell.y - rect.top, cell.x - rect.left, cell.state);
        }
        Ok(grid)
    }

    /// The rectangle a picture of the whole universe shows: a finite grid
    /// whole, otherwise the live cells' box (on a tube, across the finite
    /// side), or `None` when there is nothing to show.
    pub fn extent(&self) -> Option<Rect> {
        let topology = self.topology();
        let span = |first: i32, side: Option<u32>| {
            side.map(|n| (first, (i64::from(first) + i64::from(n) - 1) as i32))
        };
        if let Some(torus) = topology.plain_torus() {
            return Some(Rect {
                top: 0,
                left: 0,
                bottom: torus.rows as i32 - 1,
                right: torus.cols as i32 - 1,
            });
        }
        let rows = span(topology.top(), topology.height());
        let cols = span(topology.left(), topology.width());
        if let (Some((top, bottom)), Some((left, right))) = (rows, cols) {
            return Some(Rect {
                top,
                left,
                bottom,
                right,
            });
        }
        let live = self.bounding_box()?;
        let (top, bottom) = rows.unwrap_or((live.top, live.bottom));
        let (left, right) = cols.unwrap_or((live.left, live.right));
        Some(Rect {
            top,
            left,
            bottom,
            right,
        })
    }

    /// The cells as a pattern: the rule (with its topology) and the
    /// generation, the cells where they are.
    ///
    /// A HashLife universe of more than [`MAX_CELLS`](crate::format::MAX_CELLS)
    /// cells gives its tree instead of a list (see [`Pattern::macrocell`]),
    /// so that asking for the pattern costs no more than the tree does;
    /// [`Pattern::try_cells`] then says why its cells are not listed.
    pub fn pattern(&self) -> Pattern {
        if self.population() > crate::format::MAX_CELLS as u64
            && let Some(tree) = self.to_macrocell()
        {
            let mut pattern = Pattern::from_macrocell(tree);
            pattern.rule = Some(self.rule);
            return pattern;
        }
        let cells = match self.bounding_box() {
            Some(rect) => self.cells_in(rect),
            None => Vec::new(),
        };
        let mut pattern = Pattern::default();
        pattern.set_ordered_cells(cells);
        pattern.rule = Some(self.rule);
        pattern.generation = self.generation;
        pattern.positioned = true;
        pattern
    }
}

/// The pattern's cells where they go on a Golly grid other than a plain
/// torus (see [`Simulation::build`]).
fn place(pattern: &Pattern, topology: Topology) -> Result<Vec<Cell>, UniverseError> {
    let mut cells = pattern.cells().to_vec();
    if topology.is_plane() {
        return Ok(cells);
    }
    if !pattern.positioned
        && let Some(bounds) = pattern.bounding_box()
    {
        // Golly centres a pattern without a position on the grid's
        // origin when it fits, and puts it at the top-left corner when not.
        let fits = |length: u64, side: Option<u32>| side.is_none_or(|n| length <= u64::from(n));
        let (top, left) =
            if fits(bounds.height(), topology.height()) && fits(bounds.width(), topology.width()) {
                (
                    -((bounds.height() / 2) as i64),
                    -((bounds.width() / 2) as i64),
                )
            } else {
                (i64::from(topology.top()), i64::from(topology.left()))
            };
        let (dy, dx) = (top - i64::from(bounds.top), left - i64::from(bounds.left));
        for cell in &mut cells {
            cell.y = (i64::from(cell.y) + dy) as i32;
            cell.x = (i64::from(cell.x) + dx) as i32;
        }
    }
    if let Some(outside) = cells.iter().find(|c| !topology.contains(c.y, c.x)) {
        return Err(UniverseError::Outside {
            y: outside.y,
            x: outside.x,
            topology,
        });
    }
    Ok(cells)
}
