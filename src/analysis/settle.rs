//! What a pattern becomes: the generation from which it repeats, up to the
//! gliders and spaceships flying away from it, and what it leaves.
//!
//! [`settle`] runs a pattern twice on the unbounded plane. The first run
//! goes to the last generation N and splits the cells there into islands
//! (cells within twice the rule's range of one another joined). An island
//! that is a spaceship on its own, and whose path never brings its cells
//! near any other island's (where their boxes come near, the cells are
//! followed generation by generation), is *escaping*. The second run follows the pattern again from
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
#[cfg(test)]
use crate::Simulation;
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
/// let pattern = format::parse("x = 8, y = 8\n3o$o$bo4$6b2o$6b2o!", None)?;
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
    let end = objects::cells_of(&simulation);
    // The spaceships leaving are told from where the pattern is a little
    // later, when the newest of a stream has left what sent it out.
    for _ in 0..LOOK_AHEAD {
        simulation.step().map_err(objects::universe_error)?;
    }
    let follow_all = |cells: &[Cell]| -> Result<Vec<(Vec<Cell>, Lone)>, AnalysisError> {
        objects::islands(cells, reach)
            .into_iter()
            .map(|island| {
                let lone = Lone::follow(
                    &island,
                    rule,
                    generations.min(LONE_GENERATIONS),
                    objects::engine_for(&island, engine),
                )?;
                Ok((island, lone))
            })
            .collect()
    };
    let later = follow_all(&objects::cells_of(&simulation))?;
    let escaping = escapers(&later, reach);
    let found_at = generations + LOOK_AHEAD;
    let remainders = follow(
        cells,
        rule,
        engine,
        &later,
        &escaping,
        generations,
        found_at,
        reach,
    )?;
    let Some((period, settled)) = cycle(&remainders, generations) else {
        return Ok(unsettled);
    };

    // The census of the last generation.
    let mut names = Vec::new();
    for (island, lone) in follow_all(&end)? {
        if matches!(lone.behaviour, Behaviour::Spaceship { .. }) {
            names.push(census::name(&lone, rule));
            continue;
        }
        let pieces = objects::split(&island, &lone, rule, objects::engine_for(&island, engine))?;
        if pieces.len() == 1 {
            names.push(census::name(&lone, rule));
            continue;
        }
        let limit = objects::period(lone.behaviour).unwrap_or(1);
        for piece in pieces {
            names.push(census::name(
                &Lone::follow(&piece, rule, limit, objects::engine_for(&piece, engine))?,
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
            .map(|&i| census::name(&later[i].1, rule))
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

/// The second run: the remainder at every generation from 0 to
/// `generations`, the islands `escaping` (found at generation `found_at`)
/// set aside where present.
#[allow(clippy::too_many_arguments)]
fn follow(
    cells: &[Cell],
    rule: Rule,
    engine: EngineKind,
    islands: &[(Vec<Cell>, Lone)],
    escaping: &[usize],
    generations: u64,
    found_at: u64,
    reach: i64,
) -> Result<Vec<Remainder>, AnalysisError> {
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
            found_at - t,
            reach,
        ));
    }
    Ok(remainders)
}

/// The period of the remainders, the smallest with which the last ones
/// repeat over a whole period, and the first generation from which they
/// repeat with it to the end; `None` if they do not.
fn cycle(remainders: &[Remainder], generations: u64) -> Option<(u64, u64)> {
    let same = |s: u64, p: u64| {
        let (a, b) = (&remainders[s as usize], &remainders[(s + p) as usize]);
        a.hash == b.hash && a.cells == b.cells
    };
    let period = (1..=generations / 2)
        .find(|&p| (generations - 2 * p..=generations - p).all(|s| same(s, p)))?;
    let mut settled = generations - 2 * period;
    while settled > 0 && same(settled - 1, period) {
        settled -= 1;
    }
    Some((period, settled))
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
    // Both lists are sorted: walk the set-aside cells alongside.
    let mut set_aside = removed.iter().peekable();
    for cell in now {
        while set_aside.next_if(|c| *c < cell).is_some() {}
        if set_aside.next_if(|c| *c == cell).is_none() {
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

    /// When, from now on, `self` comes within `reach` of `other`: the
    /// generations between the two ends, or `None` if never.
    fn near(&self, other: &Track, reach: f64) -> Option<(f64, f64)> {
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
        for (a1, a2, b1, b2, u) in axes {
            let (low, high) = (b1 - a2 - reach, b2 - a1 + reach);
            if u == 0.0 {
                if low > 0.0 || high < 0.0 {
                    return None;
                }
            } else {
                from = from.max((low / u).min(high / u));
                to = to.min((low / u).max(high / u));
            }
        }
        (from <= to).then_some((from, to))
    }
}

/// The most generations an island is followed alone to see whether it
/// repeats: common objects repeat within a few dozen, and an island that
/// never does (a puffer's exhaust) would otherwise cost a whole run each.
const LONE_GENERATIONS: u64 = 256;

/// Generations the first run goes on past the end before telling which
/// spaceships escape: a stream's newest spaceship may still be passing
/// close by what sent it out at the end (a Gosper gun's glider passes its
/// block), and is clear of it this much later.
const LOOK_AHEAD: u64 = 128;

/// The longest stretch of generations two objects' boxes may stay near
/// each other and still be told apart cell by cell: beyond it, they are
/// taken to meet.
const LONGEST_NEAR: f64 = 4096.0;

/// The cells of a lone object `t` generations on, from its phases: a
/// periodic object's phase moved as far as it travels, anything else as
/// it is.
fn cells_at(lone: &Lone, t: u64) -> Vec<(i64, i64)> {
    let (period, dy, dx) = match lone.behaviour {
        Behaviour::Spaceship { period, dy, dx } => (period, dy, dx),
        Behaviour::StillLife | Behaviour::Oscillator { .. } => (lone.phases.len() as u64, 0, 0),
        // Anything else is taken to stay as it is.
        Behaviour::Empty | Behaviour::NoneWithin { .. } => {
            let phase = lone.phases.get(t as usize).or(lone.phases.last());
            return phase
                .into_iter()
                .flatten()
                .map(|c| (i64::from(c.y), i64::from(c.x)))
                .collect();
        }
    };
    let period = period.max(1);
    let phase = lone
        .phases
        .get((t % period) as usize)
        .or(lone.phases.first());
    let periods = (t / period) as i64;
    phase
        .into_iter()
        .flatten()
        .map(|c| (i64::from(c.y) + dy * periods, i64::from(c.x) + dx * periods))
        .collect()
}

/// Whether two lone objects come within `reach` of each other at any
/// generation from `from` to `to` after the last.
fn touch(a: &Lone, b: &Lone, from: u64, to: u64, reach: i64) -> bool {
    (from..=to).any(|t| {
        let (a, b) = (cells_at(a, t), cells_at(b, t));
        a.iter().any(|p| {
            b.iter()
                .any(|q| (p.0 - q.0).abs() <= reach && (p.1 - q.1).abs() <= reach)
        })
    })
}

/// The islands that are spaceships flying clear of every other island:
/// where their boxes come near, cell by cell (an island that does not
/// repeat taken to stay as it is).
fn escapers(islands: &[(Vec<Cell>, Lone)], reach: i64) -> Vec<usize> {
    let tracks: Vec<Track> = islands.iter().map(|(_, lone)| Track::of(lone)).collect();
    let mut escaping = Vec::new();
    for (i, (_, lone)) in islands.iter().enumerate() {
        if !matches!(lone.behaviour, Behaviour::Spaceship { .. }) {
            continue;
        }
        let mut clear = true;
        for (j, (_, other)) in islands.iter().enumerate() {
            if i == j || other.velocity() == lone.velocity() {
                continue;
            }
            let Some((from, to)) = tracks[i].near(&tracks[j], reach as f64) else {
                continue;
            };
            if to > LONGEST_NEAR {
                clear = false;
                break;
            }
            let (from, to) = (from.floor() as u64, to.ceil() as u64);
            if touch(lone, other, from, to, reach) {
                clear = false;
                break;
            }
        }
        if clear {
            escaping.push(i);
        }
    }
    escaping
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{format, library};

    fn built_in(name: &str) -> Pattern {
        library::pattern(name).expect("built in")
    }

    fn rle(text: &str) -> Pattern {
        format::parse(text, None).expect("valid RLE")
    }

    fn settles(pattern: &Pattern, generations: u64) -> (u64, u64, u64, Census) {
        let settlement = settle(pattern, Rule::LIFE, generations).expect("Life");
        match settlement.outcome {
            Outcome::Settles {
                generation,
                period,
                population,
                stays: true,
            } => (
                generation,
                period,
                population,
                settlement.census.expect("a census"),
            ),
            other => panic!("{other:?}"),
        }
    }

    // The lifespans, final populations and escaping gliders of the
    // methuselahs are LifeWiki's.
    #[test]
    fn the_acorn_settles_at_5206_with_633_cells_and_13_gliders() {
        let (generation, period, population, census) = settles(&built_in("acorn"), 6000);
        assert_eq!((generation, period, population), (5206, 2, 633));
        assert_eq!(census.count("glider"), 13, "{census}");
        // The census accounts for every cell.
        let cells: u64 = [
            ("glider", 5),
            ("blinker", 3),
            ("block", 4),
            ("beehive", 6),
            ("boat", 5),
            ("loaf", 7),
            ("ship", 6),
            ("barge", 6),
            ("pond", 8),
            ("mango", 8),
        ]
        .iter()
        .map(|&(name, size)| census.count(name) * size)
        .sum();
        assert_eq!(cells, 633, "{census}");
    }

    #[test]
    fn the_r_pentomino_settles_at_1103_with_116_cells_and_6_gliders() {
        let (generation, period, population, census) = settles(&built_in("r-pentomino"), 2000);
        assert_eq!((generation, period, population), (1103, 2, 116));
        assert_eq!(census.count("glider"), 6, "{census}");
    }

    #[test]
    fn the_b_heptomino_settles_at_148() {
        let (generation, period, _, _) = settles(&built_in("b-heptomino"), 400);
        assert_eq!((generation, period), (148, 1));
    }

    #[test]
    fn the_diehard_dies_at_130() {
        let settlement = settle(&built_in("diehard"), Rule::LIFE, 200).expect("Life");
        assert_eq!(settlement.outcome, Outcome::Dies { generation: 130 });
        assert_eq!(settlement.census, None);
        // Not yet dead within 129 generations.
        let early = settle(&built_in("diehard"), Rule::LIFE, 129).expect("Life");
        assert_eq!(early.outcome, Outcome::Unsettled { generations: 129 });
    }

    #[test]
    fn whole_oscillators_stay_what_classify_says() {
        let settlement = settle(&built_in("queen-bee-shuttle"), Rule::LIFE, 100).expect("Life");
        assert_eq!(
            settlement.outcome,
            Outcome::Behaviour(Behaviour::Oscillator { period: 30 })
        );
        assert_eq!(settlement.outcome.to_string(), "oscillator, period 30");
    }

    #[test]
    fn a_gun_is_periodic_with_a_growing_stream() {
        let settlement = settle(&built_in("gosper-gun"), Rule::LIFE, 300).expect("Life");
        let Outcome::Stream {
            period, spaceship, ..
        } = &settlement.outcome
        else {
            panic!("{:?}", settlement.outcome);
        };
        assert_eq!((*period, spaceship.as_str()), (30, "glider"));
        assert_eq!(
            settlement.outcome.to_string(),
            "periodic with a growing glider stream, period 30"
        );
        // One glider every 30 generations, all of them flying away; the
        // newest may still be touching the gun.
        let gliders = settlement.census.expect("a census").count("glider");
        assert!((9..=10).contains(&gliders), "{gliders}");
    }

    /// Whatever phase the run ends in, even while the newest glider
    /// passes the gun's block, the stream is told.
    #[test]
    fn a_gun_is_a_stream_in_every_phase_it_ends_on() {
        let gun = built_in("gosper-gun");
        for generations in 300..330 {
            let outcome = settle(&gun, Rule::LIFE, generations).expect("Life").outcome;
            assert!(
                matches!(outcome, Outcome::Stream { period: 30, .. }),
                "{generations}: {outcome}"
            );
        }
    }

    #[test]
    fn a_glider_flying_away_from_a_block_is_set_aside() {
        // Glider to the upper left of the block, flying up and left.
        let away = rle("x = 8, y = 8\n3o$o$bo4$6b2o$6b2o!");
        let (generation, period, population, census) = settles(&away, 40);
        assert_eq!((generation, period, population), (0, 1, 9));
        assert_eq!(census.to_string(), "1 block, 1 glider");
    }

    #[test]
    fn a_glider_flying_at_a_block_is_not_set_aside() {
        // Gliders flying down and right into a block: whatever the wreck
        // becomes, the glider was not flying clear, so nothing settles
        // before the collision.
        for text in [
            "x = 6, y = 6\nbo$2bo$3o$4b2o$4b2o!",
            "x = 8, y = 5\nbo$2bo$3o2$5b2o$5b2o!",
        ] {
            let settlement = settle(&rle(text), Rule::LIFE, 100).expect("Life");
            match settlement.outcome {
                Outcome::Settles { generation, .. } => assert!(generation > 0, "{text}"),
                Outcome::Dies { generation } => assert!(generation > 0, "{text}"),
                Outcome::Unsettled { .. } => {}
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_t_tetromino_becomes_a_traffic_light() {
        let pattern = rle("x = 3, y = 2\n3o$bo!");
        let (generation, period, population, census) = settles(&pattern, 100);
        assert_eq!((period, population), (2, 12));
        assert_eq!(census.to_string(), "4 blinker");
        // The settling generation is the first of the final cycle: the
        // generation before it does not recur two later.
        let mut simulation = Simulation::new(&pattern, Rule::LIFE).expect("Life");
        let mut seen = Vec::new();
        for _ in 0..=generation + 2 {
            seen.push(simulation.pattern().cells().to_vec());
            simulation.step().expect("plane");
        }
        let g = generation as usize;
        assert_eq!(seen[g], seen[g + 2]);
        assert_ne!(seen[g - 1], seen[g + 1]);
    }

    #[test]
    fn pseudo_objects_are_split_and_true_ones_kept() {
        // Two blocks one column apart, a beacon, and a glider flying away.
        let pattern = rle("x = 20, y = 13\n2ob2o$2ob2o4$2o$2o$2b2o$2b2o4$18bo$19bo$17b3o!");
        let (_, period, _, census) = settles(&pattern, 40);
        assert_eq!(period, 2);
        assert_eq!(census.to_string(), "2 block, 1 beacon, 1 glider");
    }

    #[test]
    fn a_pattern_still_busy_at_the_end_has_not_settled() {
        let settlement = settle(&built_in("r-pentomino"), Rule::LIFE, 500).expect("Life");
        assert_eq!(settlement.outcome, Outcome::Unsettled { generations: 500 });
        assert_eq!(
            settlement.outcome.to_string(),
            "not settled within 500 generations"
        );
        assert_eq!(settlement.census, None);
    }

    #[test]
    fn other_rules_are_followed_without_life_s_names() {
        // HighLife: a glider flying away from a block, named generically.
        let highlife: Rule = "B36/S23".parse().expect("valid");
        let pattern = rle("x = 8, y = 8\n3o$o$bo4$6b2o$6b2o!");
        let settlement = settle(&pattern, highlife, 40).expect("HighLife");
        assert_eq!(
            settlement.census.map(|c| c.to_string()).as_deref(),
            Some("1 c/4 spaceship of 5 cells, 1 still life of 4 cells")
        );
    }
}
