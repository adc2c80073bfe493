//! The Super family: Life-like rules whose cells remember their history.
//!
//! Golly's Super algorithm takes any two-state rule of range 1 (Life-like,
//! isotropic non-totalistic, von Neumann `V` or hexagonal `H`) and adds
//! states on top of it, named by a suffix:
//!
//! * **`History`** (7 states): odd states are on, even states are off, and
//!   a live cell that dies leaves a mark behind. `0` off, `1` on, `2` the
//!   *history* of a cell that was on, `3`/`4` a *marked* cell on and off
//!   (it stays marked), `5` a cell on from the start (it becomes `4` when
//!   it dies), `6` a *boundary*: it never turns on, and a live cell
//!   touching it turns off.
//! * **`Super`** (26 states): the seven above, plus two more colours of
//!   trail (`9`/`10`, `11`/`12`), on states that leave no trail (`13`,
//!   `15`, … `25`, whose births take their neighbours' colour when those
//!   agree), a no-trail boundary (`7`/`8`) and off *labels* that vanish,
//!   decay or cycle (`14` … `24`).
//! * **`Investigator`** (21 states): `0` and `1` follow the base rule, the
//!   other states are fixed or blink with period 2, and force their
//!   neighbours: *killers* turn live neighbours off, *eggs* turn empty ones
//!   on, and some count as alive only for births or only for survival.
//!
//! In `History` and `Super` a cell's next on-or-off follows the base rule
//! with every odd state counted as alive; only the boundary state 6 can
//! change how a pattern evolves. The states only colour it.
//!
//! The names are Golly's: `LifeHistory`, `LifeSuper`, `LifeInvestigator`
//! for Conway's Life, otherwise the base rule's canonical B/S form and the
//! suffix (`B36/S23History`, `B2-a/S12Super`, `B3/S23HHistory`), with
//! Golly's optional grid suffix after it (`LifeHistory:T20,20`). A base
//! with `B0` must also have every survival count (`Smax`); Golly then runs
//! the complementary rule, which has no `B0`, and so does [`Super::next`].
//! Golly's `MAP` bases are not read.

use std::fmt;
use std::hash::{Hash, Hasher};

use crate::rule::{Family, Neighbourhood, Topology, Walk};
use crate::{Rule, State};

mod tables;
#[cfg(test)]
mod tests;

/// Which member of the family: the suffix after the base rule.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Kind {
    /// `…History`: 7 states, trails of where cells have been.
    History,
    /// `…Super`: 26 states, several trails, no-trail states and labels.
    Super,
    /// `…Investigator`: 21 states that force or ignore their neighbours.
    Investigator,
}

impl Kind {
    /// The suffix as Golly writes it: `History`, `Super`, `Investigator`.
    pub const fn suffix(self) -> &'static str {
        match self {
            Kind::History => "History",
            Kind::Super => "Super",
            Kind::Investigator => "Investigator",
        }
    }

    /// How many states rules of this kind have: 7, 26 or 21.
    pub const fn states(self) -> u16 {
        match self {
            Kind::History => 7,
            Kind::Super => 26,
            Kind::Investigator => 21,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.suffix())
    }
}

/// A rule of the Super family: a two-state base rule and a [`Kind`].
///
/// Two spellings of one rule are equal (`B3/S32History` and `LifeHistory`)
/// even though Golly, and [`name`](Super::name), write them differently.
///
/// ```
/// use corolife::rule::algo::history::{Kind, Super};
///
/// let rule = Super::parse("lifehistory").expect("of the family").expect("good");
/// assert_eq!(rule.kind(), Kind::History);
/// assert_eq!(rule.name(), "LifeHistory");
/// assert_eq!(rule.states(), 7);
/// // A live cell with one live neighbour dies, leaving history behind.
/// assert_eq!(rule.next(1, &[1, 0, 0, 0, 0, 0, 0, 0]), 2);
/// // An empty cell with three on neighbours, of any odd state, is born.
/// assert_eq!(rule.next(0, &[1, 3, 5, 0, 0, 0, 0, 0]), 1);
/// // A marked cell stays marked.
/// assert_eq!(rule.next(4, &[1, 1, 1, 0, 0, 0, 0, 0]), 3);
///
/// let highlife = Super::parse("B36/S23Super").expect("of the family").expect("good");
/// assert_eq!(highlife.next(0, &[1, 1, 1, 1, 1, 1, 0, 0]), 1);
/// assert!(Super::parse("B3/S23").is_none());
/// assert!(Super::parse("B0/S1History").expect("of the family").is_err());
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Super {
    base: Rule,
    kind: Kind,
    /// Golly calls the base `Life`: it was written as `Life`, or as B3/S23
    /// in that order.
    life: bool,
    /// The base rule's decision, already complemented for `B0`: bit
    /// `own << 8 | config` is set when a cell alive or not (`own`) whose
    /// neighbours in [`MOORE`](crate::cell::MOORE) order are alive as the
    /// bits of `config` say is alive next.
    table: [u64; 8],
    /// Which of the eight neighbours are in the base rule's neighbourhood,
    /// bit `i` for the `i`-th.
    neighbours: u8,
}

impl PartialEq for Super {
    fn eq(&self, other: &Super) -> bool {
        self.base == other.base && self.kind == other.kind
    }
}

impl Eq for Super {}

impl Hash for Super {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.base.hash(state);
        self.kind.hash(state);
    }
}

/// The characters Golly's Super algorithm accepts in a B/S base rule.
const BASE_CHARACTERS: &str = "012345678ceaiknjqrytwz-bs/_hv ";
/// Hensel's letters and the minus: what makes a rule non-totalistic.
const LETTERS: &str = "ceaiknjqrytwz-";

/// The bit of a neighbour state in a set of states; none past 31.
#[inline]
const fn bit(state: u8) -> u32 {
    if state < 32 { 1 << state } else { 0 }
}

/// The odd states below 32, as a set: the on states of `History` and
/// `Super`.
const fn odd(from: u8, to: u8) -> u32 {
    let mut set = 0;
    let mut s = from;
    while s <= to {
        if s % 2 == 1 {
            set |= bit(s);
        }
        s += 1;
    }
    set
}

// Sets of neighbour states that `Super` births and labels look for.
const ON_1_3_5_7: u32 = bit(1) | bit(3) | bit(5) | bit(7);
const ON_9_TO_25: u32 = odd(9, 25);
const ON_13_TO_25: u32 = odd(13, 25);
const ON_9_11: u32 = bit(9) | bit(11);
const ON_1_5_7_9_11: u32 = bit(1) | bit(5) | bit(7) | bit(9) | bit(11);
const ON_1_3_5_9_11: u32 = bit(1) | bit(3) | bit(5) | bit(9) | bit(11);
const ON_1_3_5_13_TO_25: u32 = bit(1) | bit(3) | bit(5) | ON_13_TO_25;
const ON_7_13_TO_25: u32 = bit(7) | ON_13_TO_25;
/// What turns a removable label (16) into a vanishing one: an on state or
/// a vanishing label.
const TOUCH_16: u32 = odd(1, 25) | bit(14);
/// What uncovers a hidden label (24): the same, or a cycling label 18.
const TOUCH_24: u32 = TOUCH_16 | bit(18);

// Sets of neighbour states that `Investigator` cells react to.
/// Killers: a live cell next to one dies.
const KILLERS: u32 = bit(2) | bit(3) | bit(6) | bit(7) | bit(14) | bit(16);
/// Eggs: an empty cell next to one is born.
const EGGS: u32 = bit(8) | bit(9) | bit(12) | bit(13) | bit(14);
/// Catalysts: an empty cell next to one is born only with a state-1
/// neighbour too.
const CATALYSTS: u32 = bit(15) | bit(16);
/// The states that count as alive for an empty cell's birth.
const ALIVE_FOR_BIRTH: u32 = bit(1)
    | bit(2)
    | bit(4)
    | bit(6)
    | bit(8)
    | bit(10)
    | bit(12)
    | bit(15)
    | bit(16)
    | bit(17)
    | bit(19);
/// The states that count as alive for a live cell's survival.
const ALIVE_FOR_SURVIVAL: u32 = ALIVE_FOR_BIRTH ^ (bit(17) | bit(18) | bit(19) | bit(20));
/// What the `Investigator` states from 2 on become: the fixed ones stay,
/// the blinking ones swap with their partner.
const INVESTIGATOR_NEXT: [u8; 21] = [
    0, 1, 2, 3, 4, 5, 7, 6, 8, 9, 11, 10, 13, 12, 14, 15, 16, 17, 18, 20, 19,
];

/// The only state in `set` if it holds exactly one.
#[inline]
const fn single(set: u32) -> Option<u8> {
    if set != 0 && set & (set - 1) == 0 {
        Some(set.trailing_zeros() as u8)
    } else {
        None
    }
}

impl Super {
    /// Reads a rule of the family: a two-state base rule and one of the
    /// suffixes, in any case, then Golly's optional grid suffix
    /// (`B36/S23History`, `lifesuper`, `LifeHistory:T20,20`). `Life`
    /// stands for `B3/S23`, and `LifeH` and `LifeV` for its hexagonal and
    /// von Neumann forms.
    ///
    /// `None` if `name` does not end in a suffix of the family (so that
    /// another reader may try it); `Some(Err(why))` if it does but its base
    /// is not a rule Golly's Super algorithm runs: a Generations or Larger
    /// than Life rule, a `MAP` rule, `B0` without `Smax`, a malformed B/S
    /// rule.
    pub fn parse(name: &str) -> Option<Result<Super, String>> {
        let colon = name.find(':').unwrap_or(name.len());
        let (head, grid) = name.split_at(colon);
        let head = head.trim_end();
        let kind = [Kind::Super, Kind::History, Kind::Investigator]
            .into_iter()
            .find(|kind| ends_with_ignoring_case(head, kind.suffix()))?;
        // The suffix is ASCII, so cutting it off leaves whole characters.
        let base = &head[..head.len() - kind.suffix().len()];
        Some(Super::build(base, grid, kind))
    }

    /// A rule of the family from a base rule (any grid suffix it carries is
    /// kept) and a kind. Errors as [`parse`](Super::parse). A base of
    /// `B3/S23` is named `Life`.
    ///
    /// ```
    /// use corolife::Rule;
    /// use corolife::rule::algo::history::{Kind, Super};
    ///
    /// let rule = Super::new(Rule::LIFE, Kind::Investigator)?;
    /// assert_eq!(rule.name(), "LifeInvestigator");
    /// let seeds: Rule = "B2/S".parse().expect("a rule");
    /// assert_eq!(Super::new(seeds, Kind::Super)?.name(), "B2/SSuper");
    /// # Ok::<(), String>(())
    /// ```
    pub fn new(base: Rule, kind: Kind) -> Result<Super, String> {
        if !matches!(
            base.family(),
            Family::LifeLike | Family::Isotropic | Family::Map
        ) {
            return Err(format!(
                "the {} family needs a two-state rule of range 1, not a {} rule",
                kind.suffix(),
                base.family()
            ));
        }
        let (neighbours, full) = match base.walk() {
            Walk::Moore => (0xff, 8),
            Walk::Configuration => (0xff, 255),
            Walk::Neighbourhood(Neighbourhood::VonNeumann { range: 1 }) => (0b0101_0101, 4),
            Walk::Neighbourhood(Neighbourhood::Hexagonal { range: 1 }) => (0b1101_1101, 6),
            Walk::Neighbourhood(other) => {
                return Err(format!(
                    "the {} family needs a neighbourhood of range 1, not {other:?}",
                    kind.suffix()
                ));
            }
            Walk::States => {
                return Err(format!(
                    "the {} family needs a two-state rule, not {base}",
                    kind.suffix()
                ));
            }
        };
        let complement = base.births_from_nothing();
        if complement && !base.next_state(State::ALIVE, full).is_alive() {
            return Err(format!(
                "a {} rule with B0 must also survive on every count (S{})",
                kind.suffix(),
                if full == 255 { 8 } else { full }
            ));
        }
        let key = |config: u16| -> u16 {
            match base.walk() {
                Walk::Configuration => config,
                _ => (config & u16::from(neighbours)).count_ones() as u16,
            }
        };
        let alive = |index: u16| {
            let own = State::new((index >> 8) as u8 & 1);
            base.next_state(own, u32::from(key(index & 0xff)))
                .is_alive()
        };
        let mut table = [0u64; 8];
        for index in 0..512u16 {
            let next = if complement {
                !alive(index ^ 511)
            } else {
                alive(index)
            };
            if next {
                table[usize::from(index >> 6)] |= 1 << (index & 63);
            }
        }
        Ok(Super {
            base,
            kind,
            life: base.with_topology(Topology::Plane) == Rule::LIFE,
            table,
            neighbours,
        })
    }

    /// Reads `base` (before the family's suffix) with the grid suffix
    /// `grid` (empty, or from the colon on).
    fn build(base: &str, grid: &str, kind: Kind) -> Result<Super, String> {
        let suffix = kind.suffix();
        let trimmed = base.trim_start();
        let lower = trimmed.to_ascii_lowercase();
        let (text, life) = if let Some(rest) = lower.strip_prefix("life") {
            let written = match rest {
                "" => "B3/S23",
                "h" => "B3/S23H",
                "v" => "B3/S23V",
                _ => {
                    return Err(format!(
                        "\"{trimmed}{suffix}\": only H or V may follow Life"
                    ));
                }
            };
            (written.to_string(), rest.is_empty())
        } else {
            if lower.trim().is_empty() {
                return Err(format!("the rule before \"{suffix}\" is empty"));
            }
            if lower.starts_with("map") {
                return Err(format!("MAP rules are not supported with \"{suffix}\""));
            }
            if let Some((at, c)) = base
                .char_indices()
                .find(|&(_, c)| !BASE_CHARACTERS.contains(c.to_ascii_lowercase()))
            {
                return Err(format!(
                    "unexpected '{}' at position {} (a {suffix} rule's base is a two-state \
                     B/S rule of range 1)",
                    crate::escape::char(c),
                    at + 1
                ));
            }
            if lower.contains('_') && !lower.contains(|c| LETTERS.contains(c)) {
                return Err(format!(
                    "'_' at position {} is only for rules with Hensel's letters: write '/'",
                    base.find('_').map_or(0, |at| at + 1)
                ));
            }
            let text = if lower.contains(['b', 's', '/']) {
                base.to_string()
            } else {
                // Golly reads bare digits as the survival set.
                format!("B/S{}", base.trim())
            };
            let moore = !lower.contains(['h', 'v']);
            (
                text,
                moore && written_sets(&lower) == ("3".into(), "23".into()),
            )
        };
        let rule: Rule = format!("{text}{grid}")
            .parse()
            .map_err(|error| format!("in the rule before \"{suffix}\": {error}"))?;
        let mut rule = Super::new(rule, kind)?;
        rule.life = life;
        Ok(rule)
    }

    /// The base rule, with the grid suffix if the name had one.
    pub const fn base(&self) -> Rule {
        self.base
    }

    /// Which member of the family this is.
    pub const fn kind(&self) -> Kind {
        self.kind
    }

    /// The grid the name's suffix gives (the plane without one).
    pub const fn topology(&self) -> Topology {
        self.base.topology()
    }

    /// The number of states: 7, 26 or 21.
    pub const fn states(&self) -> u16 {
        self.kind.states()
    }

    /// The base rule's decision for a cell alive or not whose neighbours
    /// are alive as the bits of `config` say.
    #[inline]
    fn alive_next(&self, own: bool, config: u8) -> bool {
        let index = usize::from(own) << 8 | usize::from(config);
        self.table[index >> 6] >> (index & 63) & 1 != 0
    }

    /// The next state of a cell in state `own` whose neighbours are in the
    /// states `around`, in the order N, NE, E, SE, S, SW, W, NW (that of
    /// [`MOORE`](crate::cell::MOORE)). Neighbours outside the base rule's
    /// neighbourhood (NE and SW for a hexagonal rule, the corners for von
    /// Neumann) are ignored.
    ///
    /// A cell in a state the rule does not have becomes 0; such
    /// neighbours count as on in `History` and `Super` when odd, as off in
    /// `Investigator`.
    pub fn next(&self, own: u8, around: &[u8; 8]) -> u8 {
        if u16::from(own) >= self.states() {
            return 0;
        }
        let mut types = 0u32;
        let mut odd = 0u8;
        for (i, &state) in around.iter().enumerate() {
            if self.neighbours >> i & 1 != 0 {
                types |= bit(state);
            }
            odd |= (state & 1) << i;
        }
        match self.kind {
            Kind::History => self.history(own, types, odd),
            Kind::Super => self.super_next(own, types, odd),
            Kind::Investigator => self.investigator(own, types, around),
        }
    }

    /// `History`: the base rule on odd states, with marks.
    fn history(&self, own: u8, types: u32, odd: u8) -> u8 {
        if types & bit(6) != 0 {
            match own {
                1 => return 2,
                3 | 5 => return 4,
                _ => {}
            }
        }
        let on = own & 1 == 1;
        match (on, self.alive_next(on, odd)) {
            (false, true) => match own {
                4 => 3,
                6 => 6,
                _ => 1,
            },
            (true, false) => match own {
                5 => 4,
                s => s + 1,
            },
            _ => own,
        }
    }

    /// `Super`: `History`'s states and more trails, no-trail states and
    /// labels.
    fn super_next(&self, own: u8, types: u32, odd: u8) -> u8 {
        if types & bit(6) != 0 {
            match own {
                7 | 8 | 13.. => return 0,
                1 => return 2,
                3 | 5 => return 4,
                9 => return 10,
                11 => return 12,
                _ => {}
            }
        }
        let on = own & 1 == 1;
        match (on, self.alive_next(on, odd)) {
            (false, true) => match own {
                4 => 3,
                6 => 6,
                8 => 7,
                _ => Super::birth(types),
            },
            (true, false) => match own {
                5 => 4,
                s if s <= 11 => s + 1,
                _ => 0,
            },
            (false, false) => match own {
                14 => 0,
                16 if types & TOUCH_16 != 0 => 14,
                18 if types & bit(22) != 0 => 22,
                20 if types & bit(18) != 0 => 18,
                22 if types & bit(20) != 0 => 20,
                24 if types & TOUCH_24 != 0 => 18,
                s => s,
            },
            (true, true) => own,
        }
    }

    /// The state an ordinary off cell of `Super` is born in, from the
    /// states around it: the one colour its on neighbours share, else 13
    /// if they are all of the no-trail kind, else 1.
    fn birth(types: u32) -> u8 {
        // Only trail 2 or 3 or only one no-trail state.
        if types & ON_1_3_5_7 == 0
            && let Some(state) = single(types & ON_9_TO_25)
        {
            return state;
        }
        // One no-trail state, with marked on cells.
        if types & bit(3) != 0
            && types & ON_1_5_7_9_11 == 0
            && let Some(state) = single(types & ON_13_TO_25)
        {
            return state;
        }
        // One of trails 2 and 3, with no-trail boundary cells.
        if types & bit(7) != 0
            && types & ON_1_3_5_13_TO_25 == 0
            && let Some(state) = single(types & ON_9_11)
        {
            return state;
        }
        if types & ON_7_13_TO_25 != 0 && types & ON_1_3_5_9_11 == 0 {
            return 13;
        }
        1
    }

    /// `Investigator`: forcing and blinking states around the base rule.
    fn investigator(&self, own: u8, types: u32, around: &[u8; 8]) -> u8 {
        if own >= 2 {
            return INVESTIGATOR_NEXT
                .get(usize::from(own))
                .copied()
                .unwrap_or(0);
        }
        let on = own == 1;
        if !on && types == bit(0) {
            return 0;
        }
        if types & if on { KILLERS } else { EGGS } != 0 {
            return 1 - own;
        }
        if !on && types & CATALYSTS != 0 && types & bit(1) == 0 {
            return 0;
        }
        let counted = if on {
            ALIVE_FOR_SURVIVAL
        } else {
            ALIVE_FOR_BIRTH
        };
        let mut config = 0u8;
        for (i, &state) in around.iter().enumerate() {
            config |= u8::from(counted & bit(state) != 0) << i;
        }
        u8::from(self.alive_next(on, config))
    }

    /// The rule's canonical name, as Golly writes it: `LifeHistory`,
    /// `B36/S23History`, `B3/S23HSuper`, `LifeHistory:T20,20`.
    pub fn name(&self) -> String {
        let base = if self.life {
            "Life".to_string()
        } else {
            self.base.with_topology(Topology::Plane).to_string()
        };
        format!("{base}{}{}", self.kind.suffix(), self.base.topology())
    }

    /// Golly's default colour of each state, as red, green, blue.
    pub fn colours(&self) -> Vec<[u8; 3]> {
        tables::colours(self.kind).to_vec()
    }

    /// A few words on what each state is, after Golly's help.
    pub fn state_names(&self) -> &'static [&'static str] {
        tables::names(self.kind)
    }
}

impl fmt::Display for Super {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// Whether `text` ends with `suffix`, ASCII case ignored.
fn ends_with_ignoring_case(text: &str, suffix: &str) -> bool {
    let (text, suffix) = (text.as_bytes(), suffix.as_bytes());
    text.len() >= suffix.len() && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// The birth and survival parts of a lower-case B/S rule as written,
/// without their letters `b` and `s` and spaces, split as Golly splits
/// them: Golly calls a Moore base `Life` only when they are `3` and `23`.
fn written_sets(text: &str) -> (String, String) {
    let tidy: String = text.chars().filter(|&c| c != ' ').collect();
    let strip = |part: &str| part.chars().filter(|&c| c != 'b' && c != 's').collect();
    if let Some((left, right)) = tidy.split_once('/') {
        // Birth first when it says so; otherwise, lettered or not, survival.
        if left.contains('b') || right.contains('s') {
            return (strip(left), strip(right));
        }
        return (strip(right), strip(left));
    }
    match (tidy.find('b'), tidy.find('s')) {
        (Some(b), Some(s)) if b < s => (tidy[b + 1..s].to_string(), tidy[s + 1..].to_string()),
        (Some(b), Some(s)) => (tidy[b + 1..].to_string(), tidy[s + 1..b].to_string()),
        (Some(_), None) => (strip(&tidy), String::new()),
        _ => (String::new(), strip(&tidy)),
    }
}
