//! Von Neumann's 29-state cellular automaton and its two extensions.
//!
//! Von Neumann built his self-reproducing machine from 29 states: the
//! ground state, eight sensitized states that a run of signals walks
//! through while a new cell is being built, ordinary and special
//! transmission states pointing in each of four directions (each quiet or
//! excited), and four confluent states that join and delay signals.
//! Nobili32 adds three confluent states through which two signals cross;
//! Hutton32 keeps those 32 states and changes how a wire writes cells, so
//! that a single wire can build and then retract.
//!
//! States are numbered as Golly numbers them:
//!
//! | state | meaning |
//! |------:|---------|
//! | 0 | ground |
//! | 1–8 | sensitized: S, S0, S1, S00, S01, S10, S11, S000 |
//! | 9–12 | ordinary transmission, quiet, pointing E, N, W, S |
//! | 13–16 | ordinary transmission, excited, pointing E, N, W, S |
//! | 17–20 | special transmission, quiet, pointing E, N, W, S |
//! | 21–24 | special transmission, excited, pointing E, N, W, S |
//! | 25 | confluent, quiet |
//! | 26 | confluent, excited on the next step |
//! | 27 | confluent, excited now |
//! | 28 | confluent, excited now and on the next step |
//! | 29–31 | crossing (Nobili32, Hutton32): horizontal, vertical, both |
//!
//! Each rule reads only the four orthogonal neighbours.

mod hutton;
#[cfg(test)]
mod tests;

/// A member of von Neumann's family of rules.
///
/// ```
/// use corolife::rule::algo::jvn::Jvn;
///
/// let rule = Jvn::parse("JvN29").expect("a family member");
/// // An excited ordinary transmission state pointing east (13), west of a
/// // quiet one pointing east (9), passes its signal on.
/// let around = [0, 0, 0, 0, 0, 0, 13, 0];
/// assert_eq!(rule.next(9, &around), 13);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Jvn {
    /// Von Neumann's own 29 states.
    JvN29,
    /// Renato Nobili's 32 states, with confluent states that cross signals.
    Nobili32,
    /// Tim Hutton's 32 states: Nobili32's states with a wire that writes
    /// and retracts.
    Hutton32,
}

/// Golly's default colour of each state.
const COLOURS: [[u8; 3]; 32] = [
    [48, 48, 48],
    [255, 0, 0],
    [255, 125, 0],
    [255, 150, 25],
    [255, 175, 50],
    [255, 200, 75],
    [255, 225, 100],
    [255, 250, 125],
    [251, 255, 0],
    [89, 89, 255],
    [106, 106, 255],
    [122, 122, 255],
    [139, 139, 255],
    [27, 176, 27],
    [36, 200, 36],
    [73, 255, 73],
    [106, 255, 106],
    [235, 36, 36],
    [255, 56, 56],
    [255, 73, 73],
    [255, 89, 89],
    [185, 56, 255],
    [191, 73, 255],
    [197, 89, 255],
    [203, 106, 255],
    [0, 255, 128],
    [255, 128, 64],
    [255, 255, 128],
    [33, 215, 215],
    [27, 176, 176],
    [24, 156, 156],
    [21, 137, 137],
];

/// A short description of each state.
const NAMES: [&str; 32] = [
    "ground",
    "sensitized S",
    "sensitized S0",
    "sensitized S1",
    "sensitized S00",
    "sensitized S01",
    "sensitized S10",
    "sensitized S11",
    "sensitized S000",
    "ordinary east, quiet",
    "ordinary north, quiet",
    "ordinary west, quiet",
    "ordinary south, quiet",
    "ordinary east, excited",
    "ordinary north, excited",
    "ordinary west, excited",
    "ordinary south, excited",
    "special east, quiet",
    "special north, quiet",
    "special west, quiet",
    "special south, quiet",
    "special east, excited",
    "special north, excited",
    "special west, excited",
    "special south, excited",
    "confluent, quiet",
    "confluent, excited next",
    "confluent, excited now",
    "confluent, excited now and next",
    "crossing, horizontal excited",
    "crossing, vertical excited",
    "crossing, both excited",
];

impl Jvn {
    /// Every member, in Golly's order.
    pub const ALL: [Jvn; 3] = [Jvn::JvN29, Jvn::Nobili32, Jvn::Hutton32];

    /// The family member `name` names, or `None`.
    ///
    /// Like Golly, this ignores case and also takes the older names
    /// `JvN-29`, `JvN-32` (Nobili32) and `modJvN-32` (Hutton32). It takes
    /// the bare name only: a bounded-grid suffix such as `:T100,100` is
    /// the caller's to split off.
    ///
    /// ```
    /// use corolife::rule::algo::jvn::Jvn;
    ///
    /// assert_eq!(Jvn::parse("nobili32"), Some(Jvn::Nobili32));
    /// assert_eq!(Jvn::parse("modJvN-32"), Some(Jvn::Hutton32));
    /// assert_eq!(Jvn::parse("JvN30"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Jvn> {
        const NAMES: [(&str, Jvn); 6] = [
            ("JvN29", Jvn::JvN29),
            ("JvN-29", Jvn::JvN29),
            ("Nobili32", Jvn::Nobili32),
            ("JvN-32", Jvn::Nobili32),
            ("Hutton32", Jvn::Hutton32),
            ("modJvN-32", Jvn::Hutton32),
        ];
        NAMES
            .iter()
            .find(|(spelling, _)| spelling.eq_ignore_ascii_case(name))
            .map(|&(_, rule)| rule)
    }

    /// The member's name as Golly writes it.
    pub fn name(&self) -> &'static str {
        match self {
            Jvn::JvN29 => "JvN29",
            Jvn::Nobili32 => "Nobili32",
            Jvn::Hutton32 => "Hutton32",
        }
    }

    /// How many states a cell may be in: 29, or 32 with the crossing
    /// states.
    pub fn states(&self) -> u16 {
        match self {
            Jvn::JvN29 => 29,
            Jvn::Nobili32 | Jvn::Hutton32 => 32,
        }
    }

    /// Golly's default colour for each state, in state order.
    pub fn colours(&self) -> Vec<[u8; 3]> {
        COLOURS[..usize::from(self.states())].to_vec()
    }

    /// A short description of each state, in state order.
    pub fn state_names(&self) -> &'static [&'static str] {
        &NAMES[..usize::from(self.states())]
    }

    /// The next state of a cell in state `own` whose neighbours are
    /// `around`, in the order N, NE, E, SE, S, SW, W, NW. Only the
    /// orthogonal neighbours count. A state at or above
    /// [`states`](Jvn::states) is read as ground.
    ///
    /// ```
    /// use corolife::rule::algo::jvn::Jvn;
    ///
    /// // A ground cell east of an excited ordinary state pointing at it
    /// // becomes sensitized.
    /// let around = [0, 0, 0, 0, 0, 0, 13, 0];
    /// assert_eq!(Jvn::JvN29.next(0, &around), 1);
    /// ```
    pub fn next(&self, own: u8, around: &[u8; 8]) -> u8 {
        let limit = self.states();
        let read = |state: u8| if u16::from(state) < limit { state } else { 0 };
        // N, E, S, W, indexed by the direction code of the side (see `Dir`).
        let sides = [
            read(around[2]),
            read(around[0]),
            read(around[6]),
            read(around[4]),
        ];
        let own = read(own);
        match self {
            Jvn::JvN29 => classic(false, own, &sides),
            Jvn::Nobili32 => classic(true, own, &sides),
            Jvn::Hutton32 => hutton::next(own, &sides),
        }
    }
}

/// A direction, coded as Golly codes a transmission state's: east 0,
/// north 1, west 2, south 3. The neighbours are held in this order too,
/// so `sides[d]` is the neighbour in direction `d`.
type Dir = usize;

/// The direction opposite `dir`.
const fn opposite(dir: Dir) -> Dir {
    dir ^ 2
}

/// Whether `dir` is north or south.
const fn vertical(dir: Dir) -> bool {
    dir & 1 == 1
}

/// What a state is, for JvN29 and Nobili32.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// The ground state.
    Ground,
    /// One of the sensitized states, 1 to 8.
    Sensitized(u8),
    /// A transmission state.
    Transmission {
        /// Special (rather than ordinary).
        special: bool,
        /// The direction it sends in.
        dir: Dir,
        /// Whether it is sending now.
        excited: bool,
    },
    /// A confluent state.
    Confluent {
        /// Whether it sends now.
        now: bool,
        /// Whether it will send on the next step.
        next: bool,
    },
    /// A crossing state (Nobili32): which of its two axes carry a signal.
    Crossing {
        /// Sending east and west.
        horizontal: bool,
        /// Sending north and south.
        vertical: bool,
    },
}

impl Kind {
    /// The kind of state `state` (below 32).
    const fn of(state: u8) -> Kind {
        match state {
            0 => Kind::Ground,
            1..=8 => Kind::Sensitized(state),
            9..=24 => {
                let offset = state - 9;
                Kind::Transmission {
                    special: offset >= 8,
                    dir: (offset % 4) as Dir,
                    excited: offset % 8 >= 4,
                }
            }
            25..=28 => {
                let offset = state - 25;
                Kind::Confluent {
                    now: offset >= 2,
                    next: offset % 2 == 1,
                }
            }
            29 => Kind::Crossing {
                horizontal: true,
                vertical: false,
            },
            30 => Kind::Crossing {
                horizontal: false,
                vertical: true,
            },
            _ => Kind::Crossing {
                horizontal: true,
                vertical: true,
            },
        }
    }

    /// The state number of this kind.
    const fn state(self) -> u8 {
        match self {
            Kind::Ground => 0,
            Kind::Sensitized(state) => state,
            Kind::Transmission {
                special,
                dir,
                excited,
            } => 9 + 8 * special as u8 + 4 * excited as u8 + dir as u8,
            Kind::Confluent { now, next } => 25 + 2 * now as u8 + next as u8,
            Kind::Crossing {
                horizontal,
                vertical,
            } => 28 + horizontal as u8 + 2 * vertical as u8,
        }
    }

    /// Whether this state, sitting in direction `side` from a cell, sends
    /// a signal into that cell through a confluent or crossing output.
    const fn feeds_from(self, side: Dir) -> bool {
        match self {
            Kind::Confluent { now, .. } => now,
            Kind::Crossing {
                horizontal,
                vertical: up_down,
            } => {
                if vertical(side) {
                    up_down
                } else {
                    horizontal
                }
            }
            _ => false,
        }
    }
}

/// The kind of every state below 32.
const KINDS: [Kind; 32] = {
    let mut kinds = [Kind::Ground; 32];
    let mut state = 0;
    while state < 32 {
        kinds[state] = Kind::of(state as u8);
        state += 1;
    }
    kinds
};

/// What one sensitized state becomes: with no signal arriving, and with
/// one. Index 0 is the ground state, which a signal sensitizes.
const SENSITIZED: [[u8; 2]; 9] = [
    [0, 1],   // ground: a signal starts a construction
    [2, 3],   // S: S0, S1
    [4, 5],   // S0: S00, S01
    [6, 7],   // S1: S10, S11
    [8, 11],  // S00: S000, ordinary west
    [12, 17], // S01: ordinary south, special east
    [18, 19], // S10: special north, special west
    [20, 25], // S11: special south, confluent
    [9, 10],  // S000: ordinary east, ordinary north
];

/// The signals a cell sees from its four neighbours, under JvN29 and
/// Nobili32.
#[derive(Clone, Copy, Default, Debug)]
struct Arriving {
    /// An excited ordinary state points at the cell from the north or the
    /// south.
    ordinary_vertical: bool,
    /// An excited ordinary state points at the cell from the east or the
    /// west.
    ordinary_horizontal: bool,
    /// A quiet ordinary state points at the cell.
    ordinary_quiet: bool,
    /// An excited special state points at the cell.
    special: bool,
    /// An ordinary state points at the cell from the north or south (and
    /// the same for east or west): a crossing's two inputs.
    inputs: [bool; 2],
    /// A transmission state beside the cell on the north or south side
    /// that does not point at it (and the same east or west): a crossing's
    /// two outputs, and a confluent state's outputs.
    outputs: [bool; 2],
}

impl Arriving {
    /// Whether an excited ordinary state points at the cell.
    fn ordinary(&self) -> bool {
        self.ordinary_vertical || self.ordinary_horizontal
    }
}

/// Gathers the signals arriving at a cell from `sides`.
fn arriving(sides: &[u8; 4]) -> Arriving {
    let mut seen = Arriving::default();
    for (side, &state) in sides.iter().enumerate() {
        let axis = usize::from(vertical(side));
        if let Kind::Transmission {
            special,
            dir,
            excited,
        } = KINDS[usize::from(state)]
        {
            if dir != opposite(side) {
                seen.outputs[axis] = true;
            } else if special {
                seen.special |= excited;
            } else {
                seen.inputs[axis] = true;
                match (excited, vertical(side)) {
                    (false, _) => seen.ordinary_quiet = true,
                    (true, true) => seen.ordinary_vertical = true,
                    (true, false) => seen.ordinary_horizontal = true,
                }
            }
        }
    }
    seen
}

/// The next state under JvN29 (`nobili` false) or Nobili32 (`nobili`
/// true), with the neighbours given by direction.
fn classic(nobili: bool, own: u8, sides: &[u8; 4]) -> u8 {
    let seen = arriving(sides);
    match KINDS[usize::from(own)] {
        Kind::Ground | Kind::Sensitized(_) => {
            let signal = seen.ordinary() || seen.special;
            SENSITIZED[usize::from(own)][usize::from(signal)]
        }
        Kind::Transmission {
            special,
            dir,
            excited: _,
        } => {
            // The other kind of transmission state destroys it.
            let killed = if special {
                seen.ordinary()
            } else {
                seen.special
            };
            if killed {
                return 0;
            }
            // A signal passes on from any side but the one it points to:
            // from its own kind of transmission state pointing at it, or
            // from a confluent state sending.
            let excited = (0..4).filter(|&side| side != dir).any(|side| {
                let kind = KINDS[usize::from(sides[side])];
                match kind {
                    Kind::Transmission {
                        special: other,
                        dir: towards,
                        excited: true,
                    } => other == special && towards == opposite(side),
                    _ => kind.feeds_from(side),
                }
            });
            Kind::Transmission {
                special,
                dir,
                excited,
            }
            .state()
        }
        Kind::Confluent { .. } | Kind::Crossing { .. } => confluent(nobili, own, &seen),
    }
}

/// The next state of a confluent or crossing cell under JvN29 or Nobili32.
fn confluent(nobili: bool, own: u8, seen: &Arriving) -> u8 {
    if seen.special {
        return 0;
    }
    if nobili && seen.inputs == [true; 2] && seen.outputs == [true; 2] {
        // Two ordinary lines cross here: each axis passes its own signal.
        return if seen.ordinary() {
            Kind::Crossing {
                horizontal: seen.ordinary_horizontal,
                vertical: seen.ordinary_vertical,
            }
            .state()
        } else {
            Kind::Confluent {
                now: false,
                next: false,
            }
            .state()
        };
    }
    // A crossing that no longer crosses is a quiet confluent state.
    let (now, next) = match KINDS[usize::from(own)] {
        Kind::Confluent { now, next } => (now, next),
        _ => (false, false),
    };
    // The signal taken in one step is sent the step after: what was to be
    // sent next is sent now.
    let gated = seen.ordinary() && !seen.ordinary_quiet;
    if gated || !nobili || seen.outputs != [false; 2] {
        Kind::Confluent {
            now: next,
            next: gated,
        }
        .state()
    } else {
        // Nobili32: with nothing to send to, it holds its state.
        Kind::Confluent { now, next }.state()
    }
}
