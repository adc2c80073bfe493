//! Rules: what a cell becomes, given its own state and what it found in its
//! neighbourhood. Four families, each in the notations Golly reads, all
//! with Golly's optional bounded-grid suffix (`:T30,20` and the other
//! [topologies](topology)).
//!
//! | family | notations | examples |
//! |---|---|---|
//! | Life-like (outer totalistic) | B/S, S/B; suffix `V` for von Neumann, `H` for hexagonal | `B3/S23`, `b36/s23`, `B3S23`, `23/3`, `B2/S13V`, `B2/S34H` |
//! | isotropic non-totalistic (Hensel) | B/S or S/B with letters after the counts, `-` to invert them | `B2-a/S12`, `B3-cnqy/S23-a4ityz`, `12/2-a` |
//! | Generations | S/B/C, B/S/C (or `G` for `C`), Catagolue's `g3b2s` | `/2/3`, `B2/S/C3`, `345/2/4`, `B2-a/S12/C3`, `B2/S013/C3V` |
//! | Larger than Life | LtL, HROT, Kellie Evans' five numbers | `R5,C0,M1,S34..58,B34..45,NM`, `R2,C0,S2-3,5,B3,NN`, `5,34,45,34,58` |
//!
//! * **Life-like**: a cell is born when its count of live neighbours is one
//!   of the `B` digits, and survives when it is one of the `S` digits. The
//!   neighbourhood is Moore (8 cells), von Neumann (`V`, 4 cells, digits up
//!   to 4) or hexagonal (`H`, 6 cells, digits up to 6; see
//!   [`Neighbourhood`]).
//! * **Isotropic non-totalistic**: the same, but a count may be narrowed to
//!   some configurations of that many live neighbours, named by Hensel's
//!   letters (`2a`: an edge and a corner side by side; see
//!   [`configuration_class`]); `2-a` is every configuration of 2 but `2a`.
//!   Moore neighbourhood only.
//! * **Generations**: `C` states (2 to 256). State 1 is alive; a live cell
//!   that does not survive becomes 2, and states 2 … C−1 are *dying*: they
//!   age by one each generation, from C−1 to 0, and count as not alive, both
//!   as neighbours and for birth (only an empty cell is born). Brian's Brain
//!   is `/2/3`: birth on 2, no survival, one dying state.
//! * **Larger than Life**: a neighbourhood of range `R` (1 to
//!   [`MAX_RANGE`]): Moore (`NM`), von Neumann (`NN`) or hexagonal (`NH`),
//!   with birth and survival counts as intervals (`S34..58`, LtL) or lists
//!   (`S2-3,5`, HROT). LtL's `M1` counts the cell itself as well when it is
//!   alive, `M0` does not (HROT never does): as an empty cell never counts
//!   itself, `M1` only moves the survival counts up by one, and corolife
//!   keeps every rule without it (`M1,S34..58` is `S33-57`). `C` gives the
//!   states, as in Generations (`C0` and `C1` mean 2).
//!
//! Letters are accepted in either case, `_` for `/`. Rules with `B0` are
//! legal: on a torus they run exactly as written, every empty cell with no
//! live neighbour being born.
//!
//! [`Display`](fmt::Display) writes every rule one canonical way, which
//! reads back as the same rule: Life-like and Generations rules, isotropic
//! or not, in B/S form (`B3/S23`, `B2-a/S12`, `B2/S/C3`, `B2/S13V`), with
//! Golly's canonical letters (alphabetical, whichever of `2ak` and `2-ceni`
//! is shorter, the one without `-` on a tie); Larger than Life rules of
//! range 1 in the same B/S form (`R1,C0,S2-3,B3` and Kellie Evans'
//! `1,3,3,3,4` are `B3/S23`); the others in HROT notation, without `M`
//! (Bosco's rule, `R5,C0,M1,S34..58,B34..45,NM`, is
//! `R5,C0,S33-57,B34-45`), `,NM` left out as HROT allows.

pub mod algo;
pub mod embedded;
mod error;
pub mod file;
pub mod hensel;
mod map;
pub mod named;
pub mod neighbourhood;
mod parse;
pub mod search;
pub mod topology;

use std::fmt;

pub use error::RuleError;
pub use hensel::class as configuration_class;
use named::NamedRef;
pub use named::{Named, define};
pub use neighbourhood::{MAX_RANGE, Neighbourhood};
pub use topology::{Edges, Shift, Topology, TopologyError};

use crate::{Size, State};

/// Which of the rule families a rule belongs to, as its canonical
/// notation shows it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Family {
    /// Two states, range 1, outer totalistic: `B3/S23`, `B2/S13V`,
    /// `B2/S34H`.
    LifeLike,
    /// Two states, Moore range 1, with Hensel's letters: `B2-a/S12`.
    Isotropic,
    /// More than two states, range 1: `B2/S/C3`, `B2-a/S12/C3`.
    Generations,
    /// Range above 1: `R5,C0,S33-57,B34-45`.
    LargerThanLife,
    /// Two states, any rule of the 3×3 neighbourhood, isotropic or not:
    /// `MAP` and base64, Golly's notation (rules that are isotropic are
    /// [`Isotropic`](Family::Isotropic) or [`LifeLike`](Family::LifeLike)).
    Map,
    /// A rule table or tree of a Golly `.rule` file, or one of the rules
    /// corolife embeds: `WireWorld`, `Langtons-Ant`, `Codd`.
    Table,
    /// Golly's Super family, whose cells remember their history:
    /// `LifeHistory`, `LifeSuper`, `B36/S23History`, `Investigator`.
    Super,
    /// Von Neumann's 29-state automaton and its extensions: `JvN29`,
    /// `Nobili32`, `Hutton32`.
    VonNeumann,
}

impl Family {
    /// The family's name: `Life-like`, `isotropic non-totalistic`,
    /// `Generations`, `Larger than Life`.
    pub const fn name(self) -> &'static str {
        match self {
            Family::LifeLike => "Life-like",
            Family::Isotropic => "isotropic non-totalistic",
            Family::Generations => "Generations",
            Family::LargerThanLife => "Larger than Life",
            Family::Map => "MAP",
            Family::Table => "rule table",
            Family::Super => "Super",
            Family::VonNeumann => "von Neumann 29-state",
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A set of keys being built: neighbour counts, or (for isotropic rules)
/// configurations, as a bitmap as long as its largest key needs. A
/// [`Rule`] keeps its sets packed as [`Keys`].
#[derive(Clone, PartialEq, Eq, Hash, Default)]
struct KeySet(Vec<u64>);

impl KeySet {
    const NONE: KeySet = KeySet(Vec::new());

    fn contains(&self, key: u32) -> bool {
        let key = key as usize;
        self.0
            .get(key >> 6)
            .is_some_and(|word| word >> (key & 63) & 1 != 0)
    }

    fn insert(&mut self, key: usize) {
        let word = key >> 6;
        if word >= self.0.len() {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << (key & 63);
    }

    /// Every key from `first` to `last`.
    fn insert_run(&mut self, first: usize, last: usize) {
        for key in first..=last {
            self.insert(key);
        }
    }

    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &word)| {
            (0..64u32)
                .filter(move |bit| word >> bit & 1 != 0)
                .map(move |bit| i as u32 * 64 + bit)
        })
    }

    /// The keys as runs of consecutive keys, `(first, last)`.
    fn runs(&self) -> Vec<(u32, u32)> {
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for key in self.iter() {
            match runs.last_mut() {
                Some((_, last)) if *last + 1 == key => *last = key,
                _ => runs.push((key, key)),
            }
        }
        runs
    }
}

/// Runs a rule keeps of a set that has a key of 256 or more.
pub const MAX_RUNS: usize = 7;

/// A set of keys as a rule keeps it, small enough for a rule to be a
/// cheap value: a bitmap when every key is below 256 (every Life-like,
/// isotropic and Generations rule, and Larger than Life up to range 7),
/// otherwise up to [`MAX_RUNS`] runs of consecutive counts, each packed
/// in five bytes (20 bits for its first key, 20 for its last: counts go
/// up to 1,002,001).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Keys {
    /// [`BITMAP`] for a bitmap in the first 32 bytes (bit `k` is key `k`),
    /// or the number of runs.
    len: u8,
    /// The bitmap, or the runs in increasing order; unused bytes are zero.
    bytes: [u8; RUN_BYTES * MAX_RUNS],
}

/// [`Keys::len`] of a bitmap.
const BITMAP: u8 = u8::MAX;
/// Bytes a packed run takes.
const RUN_BYTES: usize = 5;
/// Bits of each end of a packed run.
const RUN_BITS: u32 = 20;

impl Keys {
    /// A bitmap of keys below 256 from its eight words.
    const fn low(words: [u32; 8]) -> Keys {
        let mut bytes = [0; RUN_BYTES * MAX_RUNS];
        let mut i = 0;
        while i < 32 {
            bytes[i] = (words[i / 4] >> (8 * (i % 4))) as u8;
            i += 1;
        }
        Keys { len: BITMAP, bytes }
    }

    #[inline]
    const fn contains(&self, key: u32) -> bool {
        if self.len == BITMAP {
            key < 256 && self.bytes[(key >> 3) as usize] >> (key & 7) & 1 != 0
        } else {
            runs_contain(self, key)
        }
    }

    /// Run `i`, `(first, last)`.
    const fn run(&self, i: usize) -> (u32, u32) {
        let mut packed: u64 = 0;
        let mut b = 0;
        while b < RUN_BYTES {
            packed |= (self.bytes[i * RUN_BYTES + b] as u64) << (8 * b);
            b += 1;
        }
        let mask = (1 << RUN_BITS) - 1;
        ((packed & mask) as u32, (packed >> RUN_BITS & mask) as u32)
    }

    /// `set` packed, or `None` if it needs more than [`MAX_RUNS`] runs.
    fn pack(set: &KeySet) -> Option<Keys> {
        if set.0.len() <= 4 {
            let mut words = [0; 8];
            for (i, word) in words.iter_mut().enumerate() {
                *word = (set.0.get(i / 2).copied().unwrap_or(0) >> (32 * (i % 2))) as u32;
            }
            return Some(Keys::low(words));
        }
        let found = set.runs();
        if found.len() > MAX_RUNS || found.iter().any(|&(_, last)| last >> RUN_BITS != 0) {
            return None;
        }
        let mut bytes = [0; RUN_BYTES * MAX_RUNS];
        for (chunk, &(first, last)) in bytes.chunks_mut(RUN_BYTES).zip(&found) {
            let packed = u64::from(first) | u64::from(last) << RUN_BITS;
            chunk.copy_from_slice(&packed.to_le_bytes()[..RUN_BYTES]);
        }
        Some(Keys {
            len: found.len() as u8,
            bytes,
        })
    }

    /// The keys as runs `(first, last)`, in increasing order.
    fn runs(&self) -> Vec<(u32, u32)> {
        if self.len == BITMAP {
            self.unpack().runs()
        } else {
            (0..usize::from(self.len).min(MAX_RUNS))
                .map(|i| self.run(i))
                .collect()
        }
    }

    /// Every key, in increasing order.
    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.runs()
            .into_iter()
            .flat_map(|(first, last)| first..=last)
    }

    fn unpack(&self) -> KeySet {
        let mut set = KeySet::NONE;
        if self.len == BITMAP {
            for key in (0..256).filter(|&key| self.contains(key)) {
                set.insert(key as usize);
            }
        } else {
            for (first, last) in self.runs() {
                set.insert_run(first as usize, last as usize);
            }
        }
        set
    }
}

/// Whether one of the runs of `keys` holds `key`. Out of line: only
/// rules of range 8 and more have runs, and their cells spend far longer
/// asking for their neighbours than this takes.
#[cold]
#[inline(never)]
const fn runs_contain(keys: &Keys, key: u32) -> bool {
    let mut i = 0;
    while i < keys.len as usize && i < MAX_RUNS {
        let (first, last) = keys.run(i);
        if first <= key && key <= last {
            return true;
        }
        i += 1;
    }
    false
}

/// A rule of any family, optionally carrying a torus size.
///
/// A rule decides a cell's next state from its own state and one number,
/// its *key*: for most rules the number of live cells in its
/// [`neighbourhood`](Rule::neighbourhood), for isotropic rules the
/// *configuration* of live cells among its eight neighbours (bit `i` set
/// when the `i`-th neighbour in [`MOORE`](crate::cell::MOORE) order is
/// alive). [`next_state`](Rule::next_state) is that decision;
/// [`step_cell`](crate::step_cell) gathers the key by asking for each
/// neighbour.
///
/// ```
/// use corolife::{Rule, State};
///
/// let highlife: Rule = "b36/s23".parse()?;
/// assert_eq!(highlife.to_string(), "B36/S23");
/// assert_eq!(highlife.next_state(State::EMPTY, 6), State::ALIVE);
/// assert_eq!(highlife.next_state(State::ALIVE, 4), State::EMPTY);
///
/// let bounded: Rule = "23/3:T80,40".parse()?;
/// assert_eq!(bounded.to_string(), "B3/S23:T80,40");
/// assert_eq!(bounded.torus().map(|t| (t.rows, t.cols)), Some((40, 80)));
///
/// // Brian's Brain: a live cell always dies, through one dying state.
/// let brain: Rule = "/2/3".parse()?;
/// assert_eq!(brain.to_string(), "B2/S/C3");
/// assert_eq!(brain.states(), 3);
/// assert_eq!(brain.next_state(State::ALIVE, 2), State::new(2));
/// assert_eq!(brain.next_state(State::new(2), 2), State::EMPTY);
///
/// // Bosco's rule: range 5, counting the cell itself (M1), which is the
/// // same as not counting it and surviving on one fewer.
/// let bosco: Rule = "R5,C0,M1,S34..58,B34..45,NM".parse()?;
/// assert_eq!(bosco.to_string(), "R5,C0,S33-57,B34-45");
/// assert_eq!(bosco.neighbourhood().size(), 120);
/// # Ok::<(), corolife::RuleError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rule {
    birth: Keys,
    survival: Keys,
    neighbourhood: Neighbourhood,
    /// Keys are configurations (Hensel's letters), not counts.
    isotropic: bool,
    /// The configurations are not the same under every rotation and
    /// reflection (a MAP rule).
    anisotropic: bool,
    /// 2 for two-state rules, up to 256.
    states: u16,
    topology: Topology,
    /// A rule known by name decides from its neighbours' states; the
    /// fields above are then unused.
    named: Option<NamedRef>,
}

/// How a cell gathers the key its rule decides on: the three walks of
/// [`step_cell`](crate::step_cell).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Walk {
    /// Count the live cells among the eight Moore neighbours
    /// ([`count_neighbors`](crate::count_neighbors)).
    Moore,
    /// Note which of the eight Moore neighbours are alive
    /// ([`live_neighbors`](crate::cell::live_neighbors)).
    Configuration,
    /// Count the live cells of this neighbourhood
    /// ([`count_neighbors_in`](crate::cell::count_neighbors_in)).
    Neighbourhood(Neighbourhood),
    /// Note the state of each of the eight Moore neighbours
    /// ([`neighbour_states`](crate::cell::neighbour_states)), for a rule
    /// known by name ([`Rule::named_rule`]).
    States,
}

impl Rule {
    /// Conway's Game of Life, `B3/S23`.
    pub const LIFE: Rule = Rule {
        birth: Keys::low([1 << 3, 0, 0, 0, 0, 0, 0, 0]),
        survival: Keys::low([1 << 2 | 1 << 3, 0, 0, 0, 0, 0, 0, 0]),
        neighbourhood: Neighbourhood::Moore { range: 1 },
        isotropic: false,
        anisotropic: false,
        states: 2,
        topology: Topology::Plane,
        named: None,
    };

    /// A Life-like rule (Moore neighbourhood, two states) from its birth
    /// and survival neighbour counts (each 0 to 8).
    ///
    /// ```
    /// use corolife::Rule;
    /// let seeds = Rule::new(&[2], &[])?;
    /// assert_eq!(seeds.to_string(), "B2/S");
    /// # Ok::<(), corolife::RuleError>(())
    /// ```
    pub fn new(birth: &[u8], survival: &[u8]) -> Result<Rule, RuleError> {
        let widen = |counts: &[u8]| counts.iter().map(|&c| u32::from(c)).collect::<Vec<_>>();
        Rule::totalistic(
            Neighbourhood::Moore { range: 1 },
            &widen(birth),
            &widen(survival),
            2,
        )
    }

    /// An outer totalistic rule of any neighbourhood and number of states:
    /// a Life-like rule at range 1 with two states, a Generations rule with
    /// more, a Larger than Life rule (without `M1`) beyond range 1.
    /// Counts run from 0 to the neighbourhood's [size](Neighbourhood::size)
    /// (its [largest key](Neighbourhood::max_key) for a weighted one);
    /// `states` from 2 to 256 (0 and 1 mean 2, as Larger than Life's `C`).
    ///
    /// ```
    /// use corolife::{Neighbourhood, Rule};
    ///
    /// let rule = Rule::totalistic(Neighbourhood::VonNeumann { range: 1 }, &[2], &[1, 3], 2)?;
    /// assert_eq!(rule.to_string(), "B2/S13V");
    /// let wide = Rule::totalistic(Neighbourhood::Moore { range: 2 }, &[3], &[2, 3, 5], 4)?;
    /// assert_eq!(wide.to_string(), "R2,C4,S2-3,5,B3");
    /// # Ok::<(), corolife::RuleError>(())
    /// ```
    pub fn totalistic(
        neighbourhood: Neighbourhood,
        birth: &[u32],
        survival: &[u32],
        states: u16,
    ) -> Result<Rule, RuleError> {
        error::check_range(neighbourhood.range(), 0)?;
        let size = neighbourhood.max_key();
        let keys = |counts: &[u32], set: char| {
            let mut keys = KeySet::NONE;
            for (index, &count) in counts.iter().enumerate() {
                let position = index + 1;
                if count > size {
                    return Err(error::out_of_range(count, size, position));
                }
                if keys.contains(count) {
                    return Err(error::repeated(count, set, position));
                }
                keys.insert(count as usize);
            }
            Ok(keys)
        };
        let states = match states {
            0 | 1 => 2,
            n if n > 256 => return Err(RuleError::States(u32::from(n))),
            n => n,
        };
        Rule::assemble(
            keys(birth, 'B')?,
            keys(survival, 'S')?,
            neighbourhood,
            false,
            states,
        )
    }

    /// The family the rule belongs to.
    pub fn family(&self) -> Family {
        if let Some(NamedRef(named)) = self.named {
            named.family()
        } else if self.is_larger_than_life() {
            Family::LargerThanLife
        } else if self.states > 2 {
            Family::Generations
        } else if self.anisotropic {
            Family::Map
        } else if self.isotropic {
            Family::Isotropic
        } else {
            Family::LifeLike
        }
    }

    /// Whether the rule is written in Larger than Life's notation: a range
    /// above 1, or a shape other than the Moore, von Neumann and
    /// hexagonal ones of range 1 (the B/S family's).
    fn is_larger_than_life(&self) -> bool {
        self.neighbourhood.range() > 1
            || !matches!(
                self.neighbourhood,
                Neighbourhood::Moore { .. }
                    | Neighbourhood::VonNeumann { .. }
                    | Neighbourhood::Hexagonal { .. }
            )
    }

    /// The neighbourhood the rule looks at.
    pub const fn neighbourhood(&self) -> Neighbourhood {
        self.neighbourhood
    }

    /// The number of states: 2 for two-state rules, `C` for Generations
    /// and Larger than Life rules with `C` above 2. States run from 0
    /// (empty) to `states() − 1`.
    pub fn states(&self) -> u16 {
        match self.named {
            Some(NamedRef(named)) => named.states(),
            None => self.states,
        }
    }

    /// The rule known by name that this is, if it is one: a rule file's,
    /// one of Golly's coded families or an embedded rule.
    ///
    /// ```
    /// use corolife::{Family, Rule};
    ///
    /// let wireworld: Rule = "WireWorld".parse()?;
    /// assert_eq!(wireworld.family(), Family::Table);
    /// let named = wireworld.named_rule().expect("known by name");
    /// assert_eq!(named.states(), 4);
    /// assert_eq!(named.state_names()[1], "electron head");
    /// # Ok::<(), corolife::RuleError>(())
    /// ```
    pub fn named_rule(&self) -> Option<&'static Named> {
        self.named.map(|NamedRef(named)| named)
    }

    /// The rule of a Golly `.rule` file (see [`define`]); its name then
    /// reads as this rule.
    ///
    /// ```
    /// use corolife::{Family, Rule, State};
    ///
    /// let text = "@RULE Flicker\n@TABLE\nn_states:2\nneighborhood:Moore\nsymmetries:none\n0,0,0,0,0,0,0,0,0,1\n1,0,0,0,0,0,0,0,0,0\n";
    /// let flicker = Rule::from_rule_file(text)?;
    /// assert_eq!(flicker.to_string(), "Flicker");
    /// assert_eq!("Flicker".parse::<Rule>(), Ok(flicker));
    /// assert_eq!(flicker.next_state_of(State::EMPTY, [State::EMPTY; 8]), State::ALIVE);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_rule_file(text: &str) -> Result<Rule, file::RuleFileError> {
        define(text)
    }

    /// The rule for a [`Named`] one.
    const fn named(named: &'static Named) -> Rule {
        Rule {
            named: Some(NamedRef(named)),
            ..Rule::LIFE
        }
    }

    /// The next state of a cell in `own` whose eight neighbours are
    /// `around`, in [`MOORE`](crate::cell::MOORE) order: what
    /// [`step_cell`](crate::step_cell) decides, for a rule of any family
    /// whose cells look no further than their eight neighbours.
    ///
    /// ```
    /// use corolife::{Rule, State};
    ///
    /// let mut around = [State::EMPTY; 8];
    /// around[..3].fill(State::ALIVE);
    /// assert_eq!(Rule::LIFE.next_state_of(State::EMPTY, around), State::ALIVE);
    /// ```
    pub fn next_state_of(&self, own: State, around: [State; 8]) -> State {
        let key = match self.walk() {
            Walk::States => {
                let states = around.map(State::value);
                return self.named.map_or(State::EMPTY, |NamedRef(named)| {
                    State::new(named.next(own.value(), &states))
                });
            }
            Walk::Moore => around.iter().filter(|s| s.is_alive()).count() as u32,
            Walk::Configuration => around
                .iter()
                .enumerate()
                .map(|(bit, s)| u32::from(s.is_alive()) << bit)
                .sum(),
            Walk::Neighbourhood(neighbourhood) => neighbourhood.key(0, 0, own, |dy, dx| {
                let index = crate::cell::MOORE.iter().position(|&o| o == (dy, dx));
                index.map_or(State::EMPTY, |i| around[i])
            }),
        };
        self.next_state(own, key)
    }

    /// Whether the keys are configurations (Hensel's letters) rather than
    /// counts.
    pub const fn is_isotropic(&self) -> bool {
        self.isotropic
    }

    /// How a cell gathers its key: the fast Moore count for two-state and
    /// Generations rules of the Moore neighbourhood of range 1, the
    /// configuration for isotropic rules, a walk over the neighbourhood for
    /// the others.
    #[inline]
    pub const fn walk(&self) -> Walk {
        if self.named.is_some() {
            Walk::States
        } else if self.isotropic {
            Walk::Configuration
        } else if let Neighbourhood::Moore { range: 1 } = self.neighbourhood {
            Walk::Moore
        } else {
            Walk::Neighbourhood(self.neighbourhood)
        }
    }

    /// The keys on which an empty cell is born, in increasing order: live
    /// neighbour counts, or configurations for an isotropic rule. Either
    /// way, key 0 means no live neighbour at all.
    pub fn births(&self) -> impl Iterator<Item = u32> + '_ {
        self.birth.iter()
    }

    /// The keys on which a live cell survives, in increasing order.
    pub fn survivals(&self) -> impl Iterator<Item = u32> + '_ {
        self.survival.iter()
    }

    /// The game logic: the next state of a cell in `state` whose
    /// neighbourhood gave `key` (the number of live neighbours, not
    /// counting the cell itself; for an isotropic rule, the configuration).
    ///
    /// An empty cell is born (becomes 1) on a birth key. A live cell (1)
    /// survives on a survival key; otherwise it dies, to 0 with two states
    /// and to the first dying state, 2, with more. A dying state `s` ages to
    /// `s + 1`, or to 0 from the last state. In a two-state rule any state
    /// other than 1 counts as empty; in a rule with more, a state past the
    /// last dies at once.
    ///
    /// A rule known by name ([`Walk::States`]) decides from its neighbours'
    /// states, not from a key: use [`next_state_of`](Rule::next_state_of);
    /// here it leaves every state as it is.
    #[inline]
    pub const fn next_state(&self, state: State, key: u32) -> State {
        if self.named.is_some() {
            return state;
        }
        match state.value() {
            1 => {
                if self.survival.contains(key) {
                    State::ALIVE
                } else if self.states > 2 {
                    State::new(2)
                } else {
                    State::EMPTY
                }
            }
            s if s == 0 || self.states == 2 => {
                if self.birth.contains(key) {
                    State::ALIVE
                } else {
                    State::EMPTY
                }
            }
            s => {
                if (s as u16) + 1 < self.states {
                    State::new(s + 1)
                } else {
                    State::EMPTY
                }
            }
        }
    }

    /// The size of a plain torus (`:Tw,h`, no shift, both sides finite),
    /// if the rule's suffix gives one. Golly writes the width first:
    /// `:T80,40` is 80 columns by 40 rows.
    pub const fn torus(&self) -> Option<Size> {
        self.topology.plain_torus()
    }

    /// The same rule on a plain torus of this size, or on the plane.
    pub const fn with_torus(self, torus: Option<Size>) -> Rule {
        let topology = match torus {
            Some(Size { rows, cols }) => Topology::Torus {
                width: cols as u32,
                height: rows as u32,
                shift: Shift::None,
            },
            None => Topology::Plane,
        };
        Rule { topology, ..self }
    }

    /// The grid the rule's suffix names: the plane when it has none.
    pub const fn topology(&self) -> Topology {
        self.topology
    }

    /// The same rule on `topology`.
    pub const fn with_topology(self, topology: Topology) -> Rule {
        Rule { topology, ..self }
    }

    /// Whether an empty cell with no live neighbour is born (`B0`), or for
    /// a rule known by name, whether an empty cell among empty ones
    /// becomes anything else.
    pub fn births_from_nothing(&self) -> bool {
        !self
            .next_state_of(State::EMPTY, [State::EMPTY; 8])
            .is_empty()
    }

    /// A rule from its sets, in its one representation: an isotropic rule
    /// whose sets take every configuration of a count or none becomes a
    /// totalistic one, and the sets are packed.
    fn assemble(
        mut birth: KeySet,
        mut survival: KeySet,
        neighbourhood: Neighbourhood,
        mut isotropic: bool,
        states: u16,
    ) -> Result<Rule, RuleError> {
        if isotropic {
            let whole = |keys: &KeySet| {
                (0..=8u32).all(|count| {
                    let mut with = (0..=255u32).filter(|&c| c.count_ones() == count);
                    let first = with.clone().next().is_some_and(|c| keys.contains(c));
                    with.all(|c| keys.contains(c) == first)
                })
            };
            if whole(&birth) && whole(&survival) {
                let counts = |keys: &KeySet| {
                    let mut out = KeySet::NONE;
                    for configuration in keys.iter() {
                        out.insert(configuration.count_ones() as usize);
                    }
                    out
                };
                birth = counts(&birth);
                survival = counts(&survival);
                isotropic = false;
            }
        }
        let pack = |set: &KeySet, name: char| {
            Keys::pack(set).ok_or(RuleError::TooManyRuns {
                set: name,
                runs: set.runs().len(),
            })
        };
        Ok(Rule {
            birth: pack(&birth, 'B')?,
            survival: pack(&survival, 'S')?,
            neighbourhood,
            isotropic,
            anisotropic: isotropic && !map::is_isotropic(&birth, &survival),
            states,
            topology: Topology::Plane,
            named: None,
        })
    }
}

impl Default for Rule {
    fn default() -> Rule {
        Rule::LIFE
    }
}

/// Writes one B/S set: digits, with Hensel's letters for isotropic rules.
fn write_set(f: &mut fmt::Formatter<'_>, keys: &Keys, rule: &Rule) -> fmt::Result {
    let keys = keys.unpack();
    if !rule.isotropic {
        for count in keys.iter() {
            write!(f, "{count}")?;
        }
        return Ok(());
    }
    for count in 0..=8u8 {
        let with: Vec<u8> = (0..=255u8)
            .filter(|c| c.count_ones() == u32::from(count))
            .collect();
        let present: Vec<u8> = with
            .iter()
            .copied()
            .filter(|&c| keys.contains(u32::from(c)))
            .collect();
        if present.is_empty() {
            continue;
        }
        write!(f, "{count}")?;
        if present.len() == with.len() {
            continue;
        }
        let letters = hensel::letters(count);
        let mut taken: Vec<char> = Vec::new();
        let mut missing: Vec<char> = Vec::new();
        for &(letter, _) in letters {
            let member = hensel::members(count, letter).next();
            if member.is_some_and(|c| keys.contains(u32::from(c))) {
                taken.push(letter);
            } else {
                missing.push(letter);
            }
        }
        taken.sort_unstable();
        missing.sort_unstable();
        if missing.len() + 1 < taken.len() {
            f.write_str("-")?;
            taken = missing;
        }
        for letter in taken {
            write!(f, "{letter}")?;
        }
    }
    Ok(())
}

/// Writes a Larger than Life count list in HROT's form: `2-3,5`.
fn write_runs(f: &mut fmt::Formatter<'_>, keys: &Keys) -> fmt::Result {
    for (index, (first, last)) in keys.runs().into_iter().enumerate() {
        if index > 0 {
            f.write_str(",")?;
        }
        if first == last {
            write!(f, "{first}")?;
        } else {
            write!(f, "{first}-{last}")?;
        }
    }
    Ok(())
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(NamedRef(named)) = self.named {
            return write!(f, "{}{}", named.name(), self.topology);
        }
        if self.anisotropic {
            return write!(f, "{}{}", map::write(self), self.topology);
        }
        let range = self.neighbourhood.rule_range();
        let c = if self.states > 2 { self.states } else { 0 };
        if !self.is_larger_than_life() {
            f.write_str("B")?;
            write_set(f, &self.birth, self)?;
            f.write_str("/S")?;
            write_set(f, &self.survival, self)?;
            if self.states > 2 {
                write!(f, "/C{}", self.states)?;
            }
            match self.neighbourhood {
                Neighbourhood::VonNeumann { .. } => f.write_str("V")?,
                Neighbourhood::Hexagonal { .. } => f.write_str("H")?,
                _ => {}
            }
        } else {
            write!(f, "R{range},C{c},S")?;
            write_runs(f, &self.survival)?;
            f.write_str(",B")?;
            write_runs(f, &self.birth)?;
            if !matches!(self.neighbourhood, Neighbourhood::Moore { .. }) {
                write!(f, ",N{}", self.neighbourhood.notation())?;
            }
        }
        write!(f, "{}", self.topology)
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rule({self})")
    }
}

#[cfg(test)]
mod tests;
