//! Why a rule was refused: the errors of reading a rule string, of
//! building a rule from its sets, and of its grid suffix.

use thiserror::Error;

use super::{MAX_RANGE, MAX_RUNS, TopologyError};

/// Why a rule string was refused. Positions are 1-based columns of the
/// rule string.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
pub enum RuleError {
    /// The string is empty or only whitespace.
    #[error("the rule is empty")]
    Empty,
    /// A character that does not belong where it stands.
    #[error("unexpected '{}' at position {position} (expected {expected})", crate::escape::char(*.found))]
    Unexpected {
        /// The character found (a space for the end of the rule).
        found: char,
        /// Its position.
        position: usize,
        /// What would have been accepted there.
        expected: &'static str,
    },
    /// A neighbour count larger than the neighbourhood.
    #[error(
        "neighbour count {count} at position {position} is out of range (a cell has {neighbours} neighbours)"
    )]
    CountOutOfRange {
        /// The count found.
        count: u32,
        /// Its position.
        position: usize,
        /// How many neighbours the neighbourhood has (with the cell
        /// itself for Larger than Life's `M1`).
        neighbours: u32,
    },
    /// The same count twice in one set.
    #[error("neighbour count {count} is repeated in the {set} set at position {position}")]
    Repeated {
        /// The repeated count.
        count: u32,
        /// `'B'` or `'S'`.
        set: char,
        /// Position of the repetition.
        position: usize,
    },
    /// `B`, `S` or `C` given twice.
    #[error("the {set} part is given twice (position {position})")]
    SetTwice {
        /// `'B'`, `'S'` or `'C'`.
        set: char,
        /// Position of the second occurrence.
        position: usize,
    },
    /// A rule in letters with neither a birth nor a survival set, such as
    /// `C3`. (One set left out is empty: `B3` is `B3/S`.)
    #[error("the rule has no {0} set (an empty set is written as the bare letter, as in B3/S)")]
    MissingSet(char),
    /// Digits with neither letters nor a slash, such as `23`.
    #[error("cannot tell birth from survival in \"{}\": write B3/S23 or 23/3", crate::escape::Escaped(.0))]
    Ambiguous(String),
    /// A Hensel letter that does not exist for its count.
    #[error(
        "there is no configuration {count}{letter} (position {position}): the letters for {count} are \"{allowed}\""
    )]
    NoSuchLetter {
        /// The letter found.
        letter: char,
        /// The count it follows.
        count: u8,
        /// Its position.
        position: usize,
        /// The letters that exist for that count (none for 0 and 8).
        allowed: String,
    },
    /// The same Hensel letter twice after one count.
    #[error("letter '{letter}' is repeated after {count} at position {position}")]
    RepeatedLetter {
        /// The letter.
        letter: char,
        /// The count it follows.
        count: u8,
        /// Position of the repetition.
        position: usize,
    },
    /// Hensel's letters in a rule whose neighbourhood is not Moore's.
    #[error(
        "Hensel's letters (position {position}) need the Moore neighbourhood: corolife has no letters for the {neighbourhood}"
    )]
    LettersNeedMoore {
        /// Position of the first letter.
        position: usize,
        /// The rule's neighbourhood.
        neighbourhood: &'static str,
    },
    /// A number of states outside 2 to 256.
    #[error("{0} states: a rule has from 2 to 256 (Larger than Life also reads C0 and C1 as 2)")]
    States(u32),
    /// A range outside 1 to [`MAX_RANGE`].
    #[error("range {range} at position {position} is out of range (1 to {MAX_RANGE})")]
    Range {
        /// The range found.
        range: u32,
        /// Its position.
        position: usize,
    },
    /// `M` other than 0 or 1.
    #[error("M{value} at position {position}: the middle cell is counted (M1) or not (M0)")]
    Middle {
        /// The value found.
        value: u32,
        /// Its position.
        position: usize,
    },
    /// A Larger than Life neighbourhood letter corolife does not run.
    #[error(
        "neighbourhood N{letter} at position {position} is not supported (NM, NN, NH, NC, N2, NB, ND, N+, NX, N*, N#, NA, N3, NL, NG, NW, N@)"
    )]
    Neighbourhood {
        /// The letter after `N`.
        letter: char,
        /// Its position.
        position: usize,
    },
    /// A range above what a neighbourhood allows: 250 for the triangular
    /// one (`NL`), 50 for the Gaussian one (`NG`).
    #[error("range {range} at position {position} is out of range for N{letter} (1 to {max})")]
    ShapeRange {
        /// The range found.
        range: u32,
        /// Its position.
        position: usize,
        /// The neighbourhood's letter.
        letter: char,
        /// The largest range it allows.
        max: u16,
    },
    /// An interval whose first count is above its last, such as `S5..3`.
    #[error("the interval {first}..{last} at position {position} runs backwards")]
    Backwards {
        /// The first count.
        first: u32,
        /// The last count.
        last: u32,
        /// Position of the interval.
        position: usize,
    },
    /// A set with counts of 256 or more that falls into too many separate
    /// intervals for a rule to hold.
    #[error(
        "the {set} set has {runs} separate intervals of counts, some above 255: corolife holds at most {MAX_RUNS} for such a set"
    )]
    TooManyRuns {
        /// `'B'` or `'S'`.
        set: char,
        /// Intervals in the set.
        runs: usize,
    },
    /// A number too large to be a count, range or number of states.
    #[error("the number at position {0} is too large")]
    TooLarge(usize),
    /// A notation Golly reads that corolife does not run.
    #[error("{0} are not supported")]
    Unsupported(&'static str),
    /// A name no rule file defined so far, no coded family and no
    /// embedded rule has (the loader then looks for its rule file).
    #[error(
        "no rule is named \"{}\" (a rule file {}.rule would define it; read as a rule string: {notation})",
        crate::escape::Escaped(.name),
        crate::escape::Escaped(.name)
    )]
    UnknownName {
        /// The name.
        name: String,
        /// Why it is not a rule string either.
        notation: Box<RuleError>,
    },
    /// A name of one of Golly's coded families that is wrong, such as a
    /// `History` rule on a base it cannot take.
    #[error("bad rule \"{}\": {reason}", crate::escape::Escaped(.name))]
    BadName {
        /// The name.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A MAP rule whose base64 part has the wrong length.
    #[error(
        "a MAP rule has 86 base64 characters (Moore), 22 (hexagonal) or 6 (von Neumann), not {0}"
    )]
    MapLength(usize),
    /// A bounded-grid suffix (the part from `:` on) that Golly refuses,
    /// or with a side above [`MAX_SIDE`](super::topology::MAX_SIDE).
    #[error("bad grid suffix \"{}\": {problem}", crate::escape::Escaped(.suffix))]
    Topology {
        /// The suffix, colon included.
        suffix: String,
        /// What is wrong with it.
        problem: TopologyError,
    },
}

pub(super) fn out_of_range(count: u32, neighbours: u32, position: usize) -> RuleError {
    RuleError::CountOutOfRange {
        count,
        position,
        neighbours,
    }
}

pub(super) fn repeated(count: u32, set: char, position: usize) -> RuleError {
    RuleError::Repeated {
        count,
        set,
        position,
    }
}

pub(super) fn check_range(range: u16, position: usize) -> Result<(), RuleError> {
    if (1..=MAX_RANGE).contains(&range) {
        Ok(())
    } else {
        Err(RuleError::Range {
            range: u32::from(range),
            position,
        })
    }
}
