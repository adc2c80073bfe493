//! Life-like rules: which neighbour counts give birth and which let a cell
//! survive, with Golly's optional bounded-grid suffix.
//!
//! Accepted notations (letters in either case):
//!
//! | notation | example | meaning |
//! |---|---|---|
//! | B/S | `B3/S23`, `b36/s23`, `B3S23`, `S23/B3` | birth on 3; survival on 2 or 3 |
//! | S/B | `23/3`, `/2`, `34/34` | survival digits, a slash, birth digits |
//! | empty sets | `B2/S`, `B/S34`, `/01` | no survival (or no birth) at all |
//! | torus suffix | `B3/S23:T80,40`, `B3/S23:T64` | a torus 80 columns wide and 40 rows high; one number makes it square |
//!
//! Rules with `B0` are legal: on a torus they run exactly as written, every
//! empty cell with no live neighbour being born.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use crate::State;

/// The size of a torus given by a rule's `:T` suffix.
///
/// Golly writes the width first: `:T80,40` is 80 columns by 40 rows.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Torus {
    /// Number of rows (the second number of the suffix).
    pub rows: u32,
    /// Number of columns (the first number of the suffix).
    pub cols: u32,
}

/// A two-state Life-like rule, optionally carrying a torus size.
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
/// # Ok::<(), corolife::RuleError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rule {
    birth: u16,
    survival: u16,
    torus: Option<Torus>,
}

/// Why a rule string was refused.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
pub enum RuleError {
    /// The string is empty or only whitespace.
    #[error("the rule is empty")]
    Empty,
    /// A character that does not belong where it stands.
    #[error("unexpected '{found}' at position {position} (expected {expected})")]
    Unexpected {
        /// The character found.
        found: char,
        /// Its 1-based position in the rule string.
        position: usize,
        /// What would have been accepted there.
        expected: &'static str,
    },
    /// A neighbour count above 8.
    #[error(
        "neighbour count {digit} at position {position} is out of range (a cell has 8 neighbours)"
    )]
    CountOutOfRange {
        /// The digit found.
        digit: u8,
        /// Its 1-based position in the rule string.
        position: usize,
    },
    /// The same count twice in one set.
    #[error("neighbour count {digit} is repeated in the {set} set at position {position}")]
    Repeated {
        /// The repeated digit.
        digit: u8,
        /// `'B'` or `'S'`.
        set: char,
        /// 1-based position of the repetition.
        position: usize,
    },
    /// `B` or `S` given twice.
    #[error("the {set} set is given twice (position {position})")]
    SetTwice {
        /// `'B'` or `'S'`.
        set: char,
        /// 1-based position of the second occurrence.
        position: usize,
    },
    /// A B/S rule without one of its two sets, such as `B3`.
    #[error("the rule has no {0} set (an empty set is written as the bare letter, as in B3/S)")]
    MissingSet(char),
    /// Digits with neither letters nor a slash, such as `23`.
    #[error("cannot tell birth from survival in \"{0}\": write B3/S23 or 23/3")]
    Ambiguous(String),
    /// A bounded-grid suffix for a topology other than a torus.
    #[error("unsupported grid topology ':{0}': corolife runs on a torus (:T)")]
    Topology(char),
    /// A `:T` suffix with a zero (infinite) dimension.
    #[error("a torus needs a finite width and height, not {0} (0 means infinite in Golly)")]
    InfiniteTorus(String),
    /// A `:T` suffix with shifted edges (`:T30+5,20`).
    #[error("shifted torus edges (\"{0}\") are not supported")]
    ShiftedTorus(String),
    /// A `:T` suffix that is not `:Tw,h` or `:Tw` with numbers that fit.
    #[error("bad torus size \"{0}\": expected :Tcols,rows such as :T80,40")]
    TorusSize(String),
}

impl Rule {
    /// Conway's Game of Life, `B3/S23`.
    pub const LIFE: Rule = Rule {
        birth: 1 << 3,
        survival: 1 << 2 | 1 << 3,
        torus: None,
    };

    /// A rule from its birth and survival neighbour counts (each 0 to 8).
    ///
    /// ```
    /// use corolife::Rule;
    /// let seeds = Rule::new(&[2], &[])?;
    /// assert_eq!(seeds.to_string(), "B2/S");
    /// # Ok::<(), corolife::RuleError>(())
    /// ```
    pub fn new(birth: &[u8], survival: &[u8]) -> Result<Rule, RuleError> {
        fn mask(counts: &[u8], set: char) -> Result<u16, RuleError> {
            let mut mask = 0u16;
            for (index, &digit) in counts.iter().enumerate() {
                if digit > 8 {
                    return Err(RuleError::CountOutOfRange {
                        digit,
                        position: index + 1,
                    });
                }
                if mask & 1 << digit != 0 {
                    return Err(RuleError::Repeated {
                        digit,
                        set,
                        position: index + 1,
                    });
                }
                mask |= 1 << digit;
            }
            Ok(mask)
        }
        Ok(Rule {
            birth: mask(birth, 'B')?,
            survival: mask(survival, 'S')?,
            torus: None,
        })
    }

    /// The neighbour counts on which an empty cell is born, in increasing order.
    pub fn births(&self) -> impl Iterator<Item = u8> + '_ {
        (0..=8).filter(|&n| self.birth & 1 << n != 0)
    }

    /// The neighbour counts on which a live cell survives, in increasing order.
    pub fn survivals(&self) -> impl Iterator<Item = u8> + '_ {
        (0..=8).filter(|&n| self.survival & 1 << n != 0)
    }

    /// The game logic: the next state of a cell in `state` with
    /// `live_neighbors` live neighbours. Any state other than alive counts as
    /// empty.
    #[inline]
    pub const fn next_state(&self, state: State, live_neighbors: u8) -> State {
        let set = if state.is_alive() {
            self.survival
        } else {
            self.birth
        };
        if live_neighbors < 16 && set >> live_neighbors & 1 != 0 {
            State::ALIVE
        } else {
            State::EMPTY
        }
    }

    /// The torus size from a `:T` suffix, if the rule has one.
    pub const fn torus(&self) -> Option<Torus> {
        self.torus
    }

    /// The same rule with this torus size (or none).
    pub const fn with_torus(self, torus: Option<Torus>) -> Rule {
        Rule { torus, ..self }
    }
}

impl Default for Rule {
    fn default() -> Rule {
        Rule::LIFE
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("B")?;
        for n in self.births() {
            write!(f, "{n}")?;
        }
        f.write_str("/S")?;
        for n in self.survivals() {
            write!(f, "{n}")?;
        }
        if let Some(Torus { rows, cols }) = self.torus {
            write!(f, ":T{cols},{rows}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rule({self})")
    }
}

impl FromStr for Rule {
    type Err = RuleError;

    fn from_str(text: &str) -> Result<Rule, RuleError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(RuleError::Empty);
        }
        // Positions in errors are 1-based columns of the original string.
        let offset = text.len() - text.trim_start().len();
        let (body, suffix) = match trimmed.find(':') {
            Some(colon) => (&trimmed[..colon], Some(&trimmed[colon + 1..])),
            None => (trimmed, None),
        };
        let (birth, survival) = if body.contains(['B', 'b', 'S', 's']) {
            parse_letters(body, offset)?
        } else {
            parse_slash(body, offset)?
        };
        let torus = suffix.map(parse_suffix).transpose()?;
        Ok(Rule {
            birth,
            survival,
            torus,
        })
    }
}

/// One set of digits, starting at byte `start` of `body`; returns the mask
/// and where the digits end.
fn digits(body: &str, start: usize, set: char, offset: usize) -> Result<(u16, usize), RuleError> {
    let mut mask = 0u16;
    let mut end = start;
    for (i, c) in body[start..].char_indices() {
        let Some(digit) = c.to_digit(10) else { break };
        let position = offset + start + i + 1;
        let digit = digit as u8;
        if digit > 8 {
            return Err(RuleError::CountOutOfRange { digit, position });
        }
        if mask & 1 << digit != 0 {
            return Err(RuleError::Repeated {
                digit,
                set,
                position,
            });
        }
        mask |= 1 << digit;
        end = start + i + 1;
    }
    Ok((mask, end))
}

/// `B3/S23`, `B3S23`, `S23/B3`: each set introduced by its letter.
fn parse_letters(body: &str, offset: usize) -> Result<(u16, u16), RuleError> {
    let mut birth = None;
    let mut survival = None;
    // Whether the digits of a set just ended, so that a '/' may follow.
    let mut after_set = false;
    let mut at = 0;
    while let Some(c) = body[at..].chars().next() {
        let both = birth.is_some() && survival.is_some();
        let position = offset + at + 1;
        let set = c.to_ascii_uppercase();
        let slot = match set {
            '/' if after_set && !both => {
                at += 1;
                after_set = false;
                continue;
            }
            'B' => &mut birth,
            'S' => &mut survival,
            _ => {
                let expected = match (after_set, both) {
                    (true, true) => "a digit 0-8 or the end of the rule",
                    (true, false) => "a digit 0-8, '/', 'B' or 'S'",
                    (false, _) => "'B' or 'S'",
                };
                return Err(RuleError::Unexpected {
                    found: c,
                    position,
                    expected,
                });
            }
        };
        if slot.is_some() {
            return Err(RuleError::SetTwice { set, position });
        }
        let (mask, end) = digits(body, at + 1, set, offset)?;
        *slot = Some(mask);
        at = end;
        after_set = true;
    }
    match (birth, survival) {
        (Some(birth), Some(survival)) => Ok((birth, survival)),
        (None, _) => Err(RuleError::MissingSet('B')),
        (_, None) => Err(RuleError::MissingSet('S')),
    }
}

/// `23/3`: survival digits, a slash, birth digits.
fn parse_slash(body: &str, offset: usize) -> Result<(u16, u16), RuleError> {
    let (survival, end) = digits(body, 0, 'S', offset)?;
    if end == body.len() {
        return Err(RuleError::Ambiguous(body.to_owned()));
    }
    let after = |at: usize, expected| {
        let found = body[at..].chars().next().unwrap_or(' ');
        RuleError::Unexpected {
            found,
            position: offset + at + 1,
            expected,
        }
    };
    if !body[end..].starts_with('/') {
        return Err(after(end, "a digit 0-8 or '/'"));
    }
    let (birth, end) = digits(body, end + 1, 'B', offset)?;
    if end != body.len() {
        return Err(after(end, "a digit 0-8 or the end of the rule"));
    }
    Ok((birth, survival))
}

/// The part after `:`: `T80,40` or `T64`.
fn parse_suffix(suffix: &str) -> Result<Torus, RuleError> {
    let mut chars = suffix.chars();
    let letter = chars.next().map(|c| c.to_ascii_uppercase());
    let size = chars.as_str();
    match letter {
        Some('T') => {}
        Some(other @ ('P' | 'K' | 'C' | 'S')) => return Err(RuleError::Topology(other)),
        _ => return Err(RuleError::TorusSize(format!(":{suffix}"))),
    }
    if size.contains(['+', '-', '*']) {
        return Err(RuleError::ShiftedTorus(format!(":{suffix}")));
    }
    let number = |s: &str| {
        s.parse::<u32>()
            .map_err(|_| RuleError::TorusSize(format!(":{suffix}")))
    };
    let (cols, rows) = match size.split_once(',') {
        Some((cols, rows)) => (number(cols)?, number(rows)?),
        None => {
            let side = number(size)?;
            (side, side)
        }
    };
    if cols == 0 || rows == 0 {
        return Err(RuleError::InfiniteTorus(format!(":{suffix}")));
    }
    Ok(Torus { rows, cols })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Rule, RuleError> {
        text.parse()
    }

    #[test]
    fn every_notation_of_life_is_life() {
        for text in ["B3/S23", "b3/s23", "B3S23", "S23/B3", "23/3", " B3/S23 "] {
            assert_eq!(parse(text), Ok(Rule::LIFE), "{text}");
        }
    }

    #[test]
    fn canonical_display() {
        for (text, canonical) in [
            ("b36/s23", "B36/S23"),
            ("34/34", "B34/S34"),
            ("/2", "B2/S"),
            ("B2/S", "B2/S"),
            ("B/S34", "B/S34"),
            ("/01", "B01/S"),
            ("012345678/3", "B3/S012345678"),
            ("B0/S8", "B0/S8"),
            ("B3/S23:T80,40", "B3/S23:T80,40"),
            ("B3/S23:t64", "B3/S23:T64,64"),
        ] {
            let rule = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(rule.to_string(), canonical, "{text}");
            assert_eq!(parse(canonical), Ok(rule), "{canonical} reparses");
        }
    }

    #[test]
    fn the_game_logic_follows_the_sets() {
        let life = Rule::LIFE;
        let next = |state, n| life.next_state(state, n);
        assert_eq!(next(State::ALIVE, 1), State::EMPTY, "too few");
        assert_eq!(next(State::ALIVE, 2), State::ALIVE);
        assert_eq!(next(State::ALIVE, 3), State::ALIVE);
        assert_eq!(next(State::ALIVE, 4), State::EMPTY, "too many");
        assert_eq!(next(State::EMPTY, 3), State::ALIVE, "birth");
        assert_eq!(next(State::EMPTY, 2), State::EMPTY);
        let b0: Rule = "B0/S".parse().expect("B0/S is a rule");
        assert_eq!(b0.next_state(State::EMPTY, 0), State::ALIVE);
        assert_eq!(b0.next_state(State::ALIVE, 0), State::EMPTY);
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(parse(""), Err(RuleError::Empty));
        assert_eq!(parse("   "), Err(RuleError::Empty));
        assert_eq!(
            parse("B9/S"),
            Err(RuleError::CountOutOfRange {
                digit: 9,
                position: 2
            })
        );
        assert_eq!(
            parse("B3/S23x"),
            Err(RuleError::Unexpected {
                found: 'x',
                position: 7,
                expected: "a digit 0-8 or the end of the rule"
            })
        );
        assert_eq!(
            parse("B33/S"),
            Err(RuleError::Repeated {
                digit: 3,
                set: 'B',
                position: 3
            })
        );
        assert_eq!(
            parse("23/3x"),
            Err(RuleError::Unexpected {
                found: 'x',
                position: 5,
                expected: "a digit 0-8 or the end of the rule"
            })
        );
        assert_eq!(parse("23"), Err(RuleError::Ambiguous("23".into())));
        assert_eq!(parse("B3"), Err(RuleError::MissingSet('S')));
        assert!(matches!(
            parse("B3/B3"),
            Err(RuleError::SetTwice { set: 'B', .. })
        ));
        assert_eq!(parse("B3/S23:P30,20"), Err(RuleError::Topology('P')));
        assert!(matches!(
            parse("B3/S23:T0,20"),
            Err(RuleError::InfiniteTorus(_))
        ));
        assert!(matches!(
            parse("B3/S23:T30+5,20"),
            Err(RuleError::ShiftedTorus(_))
        ));
        assert!(matches!(
            parse("B3/S23:T30,x"),
            Err(RuleError::TorusSize(_))
        ));
        assert!(matches!(parse("B3/S23:"), Err(RuleError::TorusSize(_))));
    }

    #[test]
    fn error_messages_read_well() {
        assert_eq!(
            parse("B3/S23x").unwrap_err().to_string(),
            "unexpected 'x' at position 7 (expected a digit 0-8 or the end of the rule)"
        );
        assert_eq!(
            parse("B9/S").unwrap_err().to_string(),
            "neighbour count 9 at position 2 is out of range (a cell has 8 neighbours)"
        );
    }

    #[test]
    fn new_checks_its_counts() {
        assert_eq!(Rule::new(&[3], &[2, 3]), Ok(Rule::LIFE));
        assert!(Rule::new(&[9], &[]).is_err());
        assert!(Rule::new(&[3, 3], &[]).is_err());
    }
}
