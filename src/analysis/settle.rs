//! What a pattern becomes: the generation from which it repeats, up to the
//! gliders and spaceships flying away from it, and what it leaves.
//!
//! [`settle`] runs a pattern twice on the unbounded plane. The first run
//! goes to the last generation N and splits the cells there into islands
//! (cells within twice the rule's range of one another joined). An island
//! that is a spaceship on its own, and whose path never brings it near any
//! other island (or that is already moving away from every island near
//! it), is *escaping*. The second run follows the pattern again from
//! generation 0, and at each generation sets aside the escaping objects
//! where they are then, wherever each is there as an island of its own;
//! what remains is hashed, position and all. The period is the smallest `p`
//! with which the last `p + 1` remainders repeat, and the pattern settles
//! at the first generation from which every remainder equals the one `p`
//! later, to the end.
//!
//! ```
//! use corolife::analysis::{Outcome, settle};
//! use corolife::{Rule, library};
//!
//! let diehard = library::pattern("diehard").expect("built in");
//! let settlement = settle(&diehard, Rule::LIFE, 200)?;
//! assert_eq!(settlement.outcome, Outcome::Dies { generation: 130 });
//! assert_eq!(settlement.outcome.to_string(), "dies at generation 130");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::hash::Hasher;

use rustc_hash::FxHasher;

use super::census::{self, Census};
use super::objects::{self, Lone};
use super::{AnalysisError, Behaviour, classify_with};
use crate::{Cell, EngineKind, Pattern, Rule, Topology};

/// What a pattern becomes within a number of generations, and what it
/// leaves: see the [module documentation](self).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Settlement {
    /// What the pattern becomes.
    pub outcome: Outcome,
    /// The objects the pattern has become at the last generation, the
    /// escaping ones among them, when it has settled into something other
    /// than one still life, oscillator or spaceship.
    pub census: Option<Census>,
}

/// What a pattern becomes, as [`settle`] finds it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Outcome {
    /// The whole pattern is a still life, an oscillator or a spaceship (or
    /// empty), as [`classify`](super::classify) finds it.
    Behaviour(Behaviour),
    /// The pattern dies out: `generation` is the first with no live cell.
    Dies {
        /// The first generation with no live cell.
        generation: u64,
    },
    /// From `generation` on, the pattern repeats every `period`
    /// generations, but for the spaceships escaping from it.
    Settles {
        /// The first generation from which it repeats.
        generation: u64,
        /// The period of what stays (1: still lifes only).
        period: u64,
        /// Live cells at `generation`, escaping spaceships included.
        population: u64,
        /// Whether anything stays: `false` when all that is left flies
        /// away.
        stays: bool,
    },
    /// From `generation` on, what stays repeats every `period`
    /// generations while sending out more and more spaceships: a gun.
    Stream {
        /// The first generation from which what stays repeats.
        generation: u64,
        /// The period of what stays.
        period: u64,
        /// What it sends out, as the census names it (`glider`, `LWSS`, …).
        spaceship: String,
    },
    /// No period was found within this many generations.
    Unsettled {
        /// The generations examined.
        generations: u64,
    },
}

impl fmt::Display for Outcome {
    /// `settles at generation 5206 into period 2, 633 cells`, `dies at
    /// generation 130`, `periodic with a growing glider stream, period
    /// 30`, `not settled within 100 generations`, or the behaviour.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Behaviour(behaviour) => behaviour.fmt(f),
            Outcome::Dies { generation } => write!(f, "dies at generation {generation}"),
            Outcome::Settles {
                generation,
                period,
                population,
                stays,
            } => {
                write!(f, "settles at generation {generation} into ")?;
                match (stays, period) {
                    (false, _) => f.write_str("escaping spaceships only")?,
                    (true, 1) => f.write_str("still lifes")?,
                    (true, p) => write!(f, "period {p}")?,
                }
                write!(f, ", {population} cell{}", plural(*population))
            }
            Outcome::Stream {
                generation,
                period,
                spaceship,
            } => {
                let stream = if spaceship == "glider" {
                    "glider stream".to_owned()
                } else {
                    format!("stream of {spaceship}")
                };
                match generation {
                    0 => write!(f, "periodic with a growing {stream}, period {period}"),
                    g => write!(
                        f,
                        "periodic from generation {g} with a growing {stream}, period {period}"
                    ),
                }
            }
            Outcome::Unsettled { generations } => write!(
                f,
                "not settled within {generations} generation{}",
                plural(*generations)
            ),
        }
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// What `pattern` becomes under `rule` within `generations` on the
/// unbounded plane, run by [`EngineKind::Auto`] (see [`settle_with`]).
pub fn settle(
    pattern: &Pattern,
    rule: Rule,
    generations: u64,
) -> Result<Settlement, AnalysisError> {
    settle_with(pattern, rule, generations, EngineKind::Auto)
}

/// What `pattern` becomes under `rule` within `generations`, run by
/// `engine` on the unbounded plane.
///
/// A pattern that [`classify_with`] finds to be a still life, an
/// oscillator or a spaceship (or empty) is that; otherwise it dies, settles
/// (perhaps while escaping spaceships fly off, perhaps sending out a
/// growing stream of them), or has not settled within `generations`.
///
/// ```
/// use corolife::analysis::{Outcome, settle_with};
/// use corolife::{EngineKind, Rule, format};
///
/// // A glider flying away from a block.
/// let pattern = format::parse("x = 8, y = 5\nbo$2bo$3o2$5b2o$5b2o!", None)?;
/// let settlement = settle_with(&pattern, Rule::LIFE, 20, EngineKind::Sequential)?;
/// assert_eq!(settlement.outcome.to_string(), "settles at generation 0 into still lifes, 9 cells");
/// let census = settlement.census.expect("settled");
/// assert_eq!(census.to_string(), "1 block, 1 glider");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn settle_with(
    pattern: &Pattern,
    rule: Rule,
    generations: u64,
    engine: EngineKind,
) -> Result<Settlement, AnalysisError> {
    let behaviour = classify_with(pattern, rule, generations, engine)?;
    if !matches!(behaviour, Behaviour::NoneWithin { .. }) {
        return Ok(Settlement {
            outcome: Outcome::Behaviour(behaviour),
            census: None,
        });
    }
    let rule = rule.with_topology(Topology::Plane);
    let reach = objects::reach(rule);
    let unsettled = Settlement {
        outcome: Outcome::Unsettled { generations },
        census: None,
    };

    // The first run: to the end, or to the first empty generation.
    let cells = pattern.try_cells()?;
    let mut simulation = objects::simulation(cells, rule, engine)?;
    for generation in 1..=generations {
        simulation.step().map_err(objects::universe_error)?;
        if simulation.population() == 0 {
            return Ok(Settlement {
                outcome: Outcome::Dies { generation },
                census: None,
            });
        }
    }
    let islands: Vec<(Vec<Cell>, Lone)> = objects::islands(&objects::cells_of(&simulation), reach)
        .into_iter()
        .map(|island| {
            let lone = Lone::follow(&island, rule, generations, engine)?;
            Ok((island, lone))
        })
        .collect::<Result<_, AnalysisError>>()?;
    let escaping = escapers(&islands, reach);

    // The second run: the remainder at every generation.
    let mut simulation = objects::simulation(cells, rule, engine)?;
    let mut remainders: Vec<Remainder> = Vec::new();
    for t in 0..=generations {
        if t > 0 {
            simulation.step().map_err(objects::universe_error)?;
        }
        let now = objects::cells_of(&simulation);
        remainders.push(remainder(
            &now,
            escaping.iter().map(|&i| &islands[i].1),
            generations - t,
            reach,
        ));
    }

    let same = |s: u64, p: u64| {
        let (a, b) = (&remainders[s as usize], &remainders[(s + p) as usize]);
        a.hash == b.hash && a.cells == b.cells
    };
    let Some(period) = (1..=generations / 2)
        .find(|&p| (generations - 2 * p..=generations - p).all(|s| same(s, p)))
    else {
        return Ok(unsettled);
    };
    let mut settled = generations - 2 * period;
    while settled > 0 && same(settled - 1, period) {
        settled -= 1;
    }

    // The census of the last generation.
    let mut names = Vec::new();
    for (i, (island, lone)) in islands.iter().enumerate() {
        if escaping.contains(&i) {
            names.push(census::name(lone, rule));
            continue;
        }
        let pieces = objects::split(island, lone, rule, engine)?;
        if pieces.len() == 1 {
            names.push(census::name(lone, rule));
            continue;
        }
        let limit = objects::period(lone.behaviour).unwrap_or(1);
        for piece in pieces {
            names.push(census::name(
                &Lone::follow(&piece, rule, limit, engine)?,
                rule,
            ));
        }
    }
    let census = Census::from_names(names);

    let last = &remainders[generations as usize];
    let before = &remainders[(generations - period) as usize];
    let outcome = if last.escaped > before.escaped {
        let mut kinds: Vec<String> = escaping
            .iter()
            .map(|&i| census::name(&islands[i].1, rule))
            .collect();
        kinds.sort();
        kinds.dedup();
        Outcome::Stream {
            generation: settled,
            period,
            spaceship: kinds.join(" and "),
        }
    } else {
        let at = &remainders[settled as usize];
        Outcome::Settles {
            generation: settled,
            period,
            population: at.population,
            stays: at.cells > 0,
        }
    };
    Ok(Settlement {
        outcome,
        census: Some(census),
    })
}

/// What is left at one generation once the escaping objects present are
/// set aside.
struct Remainder {
    /// A hash of the cells left, with their positions.
    hash: u64,
    /// How many cells are left.
    cells: u64,
    /// How many escaping objects were set aside.
    escaped: u64,
    /// Live cells, escaping or not.
    population: u64,
}

/// The remainder of `now` (sorted by row, then column), `before`
/// generations before the escaping objects `escaping` were found.
fn remainder<'a>(
    now: &[Cell],
    escaping: impl Iterator<Item = &'a Lone>,
    before: u64,
    reach: i64,
) -> Remainder {
    let mut removed: Vec<Cell> = Vec::new();
    let mut escaped = 0;
    for lone in escaping {
        if let Some(cells) = earlier(lone, before)
            && alone(now, &cells, reach)
        {
            removed.extend(cells);
            escaped += 1;
        }
    }
    removed.sort_unstable();
    let mut hasher = FxHasher::default();
    let mut cells = 0;
    for cell in now {
        if removed.binary_search(cell).is_err() {
            hasher.write_i32(cell.y);
            hasher.write_i32(cell.x);
            hasher.write_u8(cell.state.value());
            cells += 1;
        }
    }
    Remainder {
        hash: hasher.finish(),
        cells,
        escaped,
        population: now.len() as u64,
    }
}

/// Where a spaceship whose phases start at the last generation was
/// `before` generations earlier: the phase it was in, moved back.
fn earlier(lone: &Lone, before: u64) -> Option<Vec<Cell>> {
    let Behaviour::Spaceship { period, dy, dx } = lone.behaviour else {
        return None;
    };
    let phase = (period - before % period) % period;
    let periods = i64::try_from((before + phase) / period).ok()?;
    let (dy, dx) = (dy.checked_mul(periods)?, dx.checked_mul(periods)?);
    let mut cells = Vec::new();
    for cell in lone.phases.get(phase as usize)? {
        cells.push(Cell {
            y: i32::try_from(i64::from(cell.y) - dy).ok()?,
            x: i32::try_from(i64::from(cell.x) - dx).ok()?,
            state: cell.state,
        });
    }
    cells.sort_unstable();
    Some(cells)
}

/// Whether `cells` (sorted) are all in `now` (sorted by row, then
/// column), an island of their own there.
fn alone(now: &[Cell], cells: &[Cell], reach: i64) -> bool {
    let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
        return false;
    };
    let left = cells.iter().map(|c| i64::from(c.x)).min().unwrap_or(0) - reach;
    let right = cells.iter().map(|c| i64::from(c.x)).max().unwrap_or(0) + reach;
    let mut found = 0;
    for y in i64::from(first.y) - reach..=i64::from(last.y) + reach {
        let start = now.partition_point(|c| (i64::from(c.y), i64::from(c.x)) < (y, left));
        for cell in now[start..]
            .iter()
            .take_while(|c| i64::from(c.y) == y && i64::from(c.x) <= right)
        {
            if cells.binary_search(cell).is_ok() {
                found += 1;
            } else if cells.iter().any(|c| {
                (i64::from(c.y) - y).abs() <= reach
                    && (i64::from(c.x) - i64::from(cell.x)).abs() <= reach
            }) {
                return false;
            }
        }
    }
    found == cells.len()
}

/// A box that moves: rows `top..=bottom` and columns `left..=right` at
/// the last generation, moving `velocity` (rows, columns) a generation.
#[derive(Clone, Copy)]
struct Track {
    top: f64,
    left: f64,
    bottom: f64,
    right: f64,
    velocity: (f64, f64),
}

impl Track {
    /// The box holding every phase of a lone object as it moves.
    fn of(lone: &Lone) -> Track {
        let (vy, vx) = lone.velocity();
        let mut track = Track {
            top: f64::INFINITY,
            left: f64::INFINITY,
            bottom: f64::NEG_INFINITY,
            right: f64::NEG_INFINITY,
            velocity: (vy, vx),
        };
        for (k, phase) in lone.phases.iter().enumerate() {
            for cell in phase {
                let (y, x) = (
                    f64::from(cell.y) - vy * k as f64,
                    f64::from(cell.x) - vx * k as f64,
                );
                track.top = track.top.min(y);
                track.bottom = track.bottom.max(y);
                track.left = track.left.min(x);
                track.right = track.right.max(x);
            }
        }
        track
    }

    /// A cell that does not move.
    fn at(cell: &Cell) -> Track {
        let (y, x) = (f64::from(cell.y), f64::from(cell.x));
        Track {
            top: y,
            left: x,
            bottom: y,
            right: x,
            velocity: (0.0, 0.0),
        }
    }

    /// Whether `self` ever comes within `reach` of `other` from now on,
    /// unless it is already near and only moving away.
    fn meets(&self, other: &Track, reach: f64) -> bool {
        let u = (
            self.velocity.0 - other.velocity.0,
            self.velocity.1 - other.velocity.1,
        );
        // Along each axis, the gap between the boxes is within reach while
        // `low <= u t <= high`.
        let axes = [
            (self.top, self.bottom, other.top, other.bottom, u.0),
            (self.left, self.right, other.left, other.right, u.1),
        ];
        let (mut from, mut to) = (0.0f64, f64::INFINITY);
        for &(a1, a2, b1, b2, u) in &axes {
            let (low, high) = (b1 - a2 - reach, b2 - a1 + reach);
            if u == 0.0 {
                if low > 0.0 || high < 0.0 {
                    return false;
                }
            } else {
                let (t1, t2) = ((low / u).min(high / u), (low / u).max(high / u));
                from = from.max(t1);
                to = to.min(t2);
            }
        }
        if from > to {
            return false;
        }
        if from > 0.0 || u == (0.0, 0.0) {
            return true;
        }
        // Near now: the distance between the boxes is convex in time, so
        // it never shrinks if it does not shrink at first.
        let mut pieces = Vec::new();
        for &(a1, a2, b1, b2, u) in &axes {
            pieces.push((b1 - a2, -u));
            pieces.push((a1 - b2, u));
        }
        let distance = pieces.iter().map(|p| p.0).fold(0.0, f64::max);
        if distance <= 0.0 {
            return true;
        }
        let slope = pieces
            .iter()
            .filter(|p| p.0 == distance)
            .map(|p| p.1)
            .fold(f64::NEG_INFINITY, f64::max);
        slope < 0.0
    }
}

/// The islands that are spaceships flying clear of every other island.
fn escapers(islands: &[(Vec<Cell>, Lone)], reach: i64) -> Vec<usize> {
    let tracks: Vec<Track> = islands.iter().map(|(_, lone)| Track::of(lone)).collect();
    let reach = reach as f64;
    (0..islands.len())
        .filter(|&i| {
            let (_, lone) = &islands[i];
            if !matches!(lone.behaviour, Behaviour::Spaceship { .. }) {
                return false;
            }
            islands.iter().enumerate().all(|(j, (cells, other))| {
                if i == j || other.velocity() == lone.velocity() {
                    return true;
                }
                match other.behaviour {
                    Behaviour::Spaceship { .. } => !tracks[i].meets(&tracks[j], reach),
                    // A still object: its cells in every phase (or now).
                    _ => other
                        .phases
                        .iter()
                        .flatten()
                        .chain(cells)
                        .all(|cell| !tracks[i].meets(&Track::at(cell), reach)),
                }
            })
        })
        .collect()
}
