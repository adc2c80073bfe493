//! Reading rule strings: every notation of the [module
//! documentation](super), with errors that say what is wrong and where.

use std::str::FromStr;

use super::error::{RuleError, check_range, out_of_range, repeated};
use super::hensel;
use super::neighbourhood::{self, DrawnError, MAX_GAUSSIAN_RANGE, MAX_TRIANGULAR_RANGE};
use super::{KeySet, Neighbourhood, Rule, Topology};

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
        let rule = match notation(body, offset) {
            Ok(rule) => rule,
            Err(error) => match super::named::lookup(body) {
                Some(Ok(rule)) => rule,
                Some(Err(reason)) => {
                    return Err(RuleError::BadName {
                        name: body.to_owned(),
                        reason,
                    });
                }
                None if super::named::could_be_rule_file(body) => {
                    return Err(RuleError::UnknownName {
                        name: body.to_owned(),
                        notation: Box::new(error),
                    });
                }
                None => return Err(error),
            },
        };
        let topology = suffix.map(str::parse::<Topology>).transpose()?;
        Ok(rule.with_topology(topology.unwrap_or_default()))
    }
}

/// A rule in one of the notations (not a name).
fn notation(body: &str, offset: usize) -> Result<Rule, RuleError> {
    let upper = body.to_ascii_uppercase();
    {
        let rule = if upper.starts_with("MAP") {
            super::map::parse(body, offset)?
        } else if upper.starts_with('W') && upper[1..].starts_with(|c: char| c.is_ascii_digit()) {
            super::map::wolfram(body, offset)?
        } else if upper.starts_with('R') && upper[1..].starts_with(|c: char| c.is_ascii_digit()) {
            Cursor::new(body, offset).larger_than_life()?
        } else if is_kellie(body) {
            Cursor::new(body, offset).kellie()?
        } else {
            life_like(body, offset)?
        };
        Ok(rule)
    }
}

/// Kellie Evans' notation: five numbers separated by commas.
fn is_kellie(body: &str) -> bool {
    let parts: Vec<&str> = body.split(',').collect();
    parts.len() == 5
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// A position in the rule string, for the Larger than Life notations.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
    offset: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str, offset: usize) -> Cursor<'a> {
        Cursor {
            text,
            at: 0,
            offset,
        }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn position(&self) -> usize {
        self.offset + self.at + 1
    }

    fn unexpected(&self, expected: &'static str) -> RuleError {
        RuleError::Unexpected {
            found: self.peek().unwrap_or(' '),
            position: self.position(),
            expected,
        }
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek().is_some_and(|p| p.eq_ignore_ascii_case(&c)) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char, expected: &'static str) -> Result<(), RuleError> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.unexpected(expected))
        }
    }

    fn number(&mut self, expected: &'static str) -> Result<u32, RuleError> {
        let start = self.at;
        let position = self.position();
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        if start == self.at {
            return Err(self.unexpected(expected));
        }
        self.text[start..self.at]
            .parse()
            .map_err(|_| RuleError::TooLarge(position))
    }

    fn at_end(&self) -> bool {
        self.at == self.text.len()
    }

    /// `R5,C0,M1,S34..58,B34..45,NM` (LtL) or `R2,C0,S2-3,5,B3,NN` (HROT).
    fn larger_than_life(mut self) -> Result<Rule, RuleError> {
        self.expect('R', "'R'")?;
        let range_at = self.position();
        let range = self.number("the range")?;
        let range = u16::try_from(range).unwrap_or(u16::MAX);
        check_range(range, range_at)?;
        let mut states = 2;
        let mut middle = false;
        self.expect(',', "','")?;
        if self.eat('C') {
            states = self.number("the number of states")?;
            if states > 256 {
                return Err(RuleError::States(states));
            }
            self.expect(',', "','")?;
        }
        if self.eat('M') {
            let at = self.position();
            let value = self.number("0 or 1")?;
            middle = match value {
                0 => false,
                1 => true,
                value => {
                    return Err(RuleError::Middle {
                        value,
                        position: at,
                    });
                }
            };
            self.expect(',', "','")?;
        }
        self.expect('S', "'S'")?;
        let survival = self.list()?;
        self.expect('B', "'B'")?;
        let birth = self.list()?;
        let mut neighbourhood = Neighbourhood::Moore { range };
        if self.eat('N') {
            neighbourhood = self.shape(range, range_at, states.max(2) as u16)?;
        }
        if !self.at_end() {
            return Err(self.unexpected("the end of the rule"));
        }
        // A weighted shape drawn in the rule counts the cell itself with
        // its weight, and Golly reads its counts as written whatever `M`
        // says.
        let counts_middle = middle && !matches!(neighbourhood, Neighbourhood::Weighted(_));
        // Past 2^20 - 1 no rule can hold a count (see `Keys`).
        let neighbours = neighbourhood.max_key().saturating_add(u32::from(middle));
        let neighbours = neighbours.min((1 << 20) - 1);
        Rule::assemble(
            possible(interval_keys(&birth, neighbours)?, neighbourhood),
            without_middle(interval_keys(&survival, neighbours)?, counts_middle),
            neighbourhood,
            false,
            states.max(2) as u16,
        )
    }

    /// The shape after `N`, for the rule's `range` (read at `range_at`)
    /// and number of `states`: a letter, and for `W` and `@` their digits.
    fn shape(
        &mut self,
        range: u16,
        range_at: usize,
        states: u16,
    ) -> Result<Neighbourhood, RuleError> {
        let at = self.position();
        let Some(letter) = self.peek() else {
            return Err(self.unexpected("M, N, H, C, 2, B, D, +, X, *, #, A, 3, L, G, W or @"));
        };
        let letter = letter.to_ascii_uppercase();
        self.at += letter.len_utf8();
        let drawn = match letter {
            'W' => Some(neighbourhood::weighted(
                range,
                states,
                &self.text[self.at..],
            )),
            '@' => Some(neighbourhood::custom(range, &self.text[self.at..])),
            _ => None,
        };
        if let Some(drawn) = drawn {
            return match drawn {
                Ok((shape, read)) => {
                    self.at += read;
                    Ok(shape)
                }
                Err(DrawnError { at, expected }) => {
                    self.at += at;
                    Err(self.unexpected(expected))
                }
            };
        }
        let shape = Neighbourhood::from_letter(letter, range).ok_or(RuleError::Neighbourhood {
            letter,
            position: at,
        })?;
        let max = match shape {
            Neighbourhood::Triangular { .. } => MAX_TRIANGULAR_RANGE,
            Neighbourhood::Gaussian { .. } => MAX_GAUSSIAN_RANGE,
            _ => return Ok(shape),
        };
        if range > max {
            return Err(RuleError::ShapeRange {
                range: u32::from(range),
                position: range_at,
                letter,
                max,
            });
        }
        Ok(shape)
    }

    /// A list of counts and intervals (`34..58`, `2-3,5`), up to the next
    /// field's letter or the end; eats the comma before that letter. Items
    /// are `(first, last, position)`.
    fn list(&mut self) -> Result<Vec<(u32, u32, usize)>, RuleError> {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None => return Ok(items),
                Some(',') => {
                    self.at += 1;
                    if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                        return Ok(items);
                    }
                }
                Some(c) if c.is_ascii_digit() && items.is_empty() => {}
                Some(_) => return Err(self.unexpected("a count, an interval or ','")),
            }
            let position = self.position();
            let first = self.number("a count")?;
            let last = if self.text[self.at..].starts_with("..") {
                self.at += 2;
                self.number("the last count of the interval")?
            } else if self.eat('-') {
                self.number("the last count of the interval")?
            } else {
                first
            };
            if first > last {
                return Err(RuleError::Backwards {
                    first,
                    last,
                    position,
                });
            }
            items.push((first, last, position));
        }
    }

    /// Kellie Evans' `r,bmin,bmax,smin,smax`: Moore neighbourhood, the
    /// middle cell counted.
    fn kellie(mut self) -> Result<Rule, RuleError> {
        let mut numbers = [(0u32, 0usize); 5];
        for (index, slot) in numbers.iter_mut().enumerate() {
            if index > 0 {
                self.expect(',', "','")?;
            }
            let position = self.position();
            *slot = (self.number("a number")?, position);
        }
        let [(range, range_at), (b1, b_at), (b2, _), (s1, s_at), (s2, _)] = numbers;
        let range = u16::try_from(range).unwrap_or(u16::MAX);
        check_range(range, range_at)?;
        let neighbourhood = Neighbourhood::Moore { range };
        let neighbours = neighbourhood.size() as u32 + 1;
        for (first, last, position) in [(b1, b2, b_at), (s1, s2, s_at)] {
            if first > last {
                return Err(RuleError::Backwards {
                    first,
                    last,
                    position,
                });
            }
        }
        Rule::assemble(
            possible(interval_keys(&[(b1, b2, b_at)], neighbours)?, neighbourhood),
            without_middle(interval_keys(&[(s1, s2, s_at)], neighbours)?, true),
            neighbourhood,
            false,
            2,
        )
    }
}

/// The keys of a list of intervals `(first, last, position)`, each
/// checked against the neighbourhood's size.
fn interval_keys(items: &[(u32, u32, usize)], neighbours: u32) -> Result<KeySet, RuleError> {
    let mut keys = KeySet::NONE;
    for &(first, last, position) in items {
        if last > neighbours {
            return Err(RuleError::CountOutOfRange {
                count: last,
                position,
                neighbours,
            });
        }
        keys.insert_run(first as usize, last as usize);
    }
    Ok(keys)
}

/// Birth counts an empty cell can have: LtL's `M1` allows one more than
/// the neighbourhood holds, which can never happen.
fn possible(birth: KeySet, neighbourhood: Neighbourhood) -> KeySet {
    let mut kept = KeySet::NONE;
    for count in birth.iter().filter(|&c| c <= neighbourhood.max_key()) {
        kept.insert(count as usize);
    }
    kept
}

/// Survival counts that include the live cell itself (LtL's `M1`), as
/// counts of its neighbours alone: one fewer. A count of 0 including the
/// cell cannot happen to a live cell, and goes.
fn without_middle(survival: KeySet, middle: bool) -> KeySet {
    if !middle {
        return survival;
    }
    let mut shifted = KeySet::NONE;
    for count in survival.iter().filter(|&c| c > 0) {
        shifted.insert((count - 1) as usize);
    }
    shifted
}

/// One B or S set of the B/S family as written: for each count, either the
/// whole count or some letters.
#[derive(Clone, Default)]
struct Conditions {
    /// `whole[n]`: every configuration of `n` live neighbours.
    whole: [bool; 9],
    /// `letters[n]`: the letters (bits in Hensel's order) taken for `n`.
    letters: [u16; 9],
    /// Counts given at all (to catch repetitions).
    given: [bool; 9],
}

/// The B/S family: B/S, S/B, letters, Generations, `V` and `H`.
fn life_like(body: &str, offset: usize) -> Result<Rule, RuleError> {
    // The neighbourhood suffix comes last.
    let (body, neighbourhood) = match body.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('V') => (
            &body[..body.len() - 1],
            Neighbourhood::VonNeumann { range: 1 },
        ),
        Some('H') => (
            &body[..body.len() - 1],
            Neighbourhood::Hexagonal { range: 1 },
        ),
        _ => (body, Neighbourhood::Moore { range: 1 }),
    };
    let mut parser = BsParser {
        body,
        offset,
        neighbourhood,
        first_letter: None,
    };
    let (birth, survival, states) =
        if body.contains(['B', 'b', 'S', 's', 'G', 'g']) || body.starts_with(['C', 'c']) {
            parser.letters()?
        } else {
            parser.slashes()?
        };
    let states = match states {
        None => 2,
        Some((n, _)) if (2..=256).contains(&n) => n as u16,
        Some((n, _)) => return Err(RuleError::States(n)),
    };
    let isotropic = parser.first_letter.is_some();
    if let (Some(position), false) = (
        parser.first_letter,
        matches!(neighbourhood, Neighbourhood::Moore { .. }),
    ) {
        return Err(RuleError::LettersNeedMoore {
            position,
            neighbourhood: match neighbourhood {
                Neighbourhood::VonNeumann { .. } => "von Neumann neighbourhood",
                _ => "hexagonal neighbourhood",
            },
        });
    }
    let keys = |conditions: &Conditions| {
        let mut keys = KeySet::NONE;
        for count in 0..=8u8 {
            let n = usize::from(count);
            if !isotropic {
                if conditions.whole[n] {
                    keys.insert(n);
                }
                continue;
            }
            for configuration in 0..=255u8 {
                if configuration.count_ones() != u32::from(count) {
                    continue;
                }
                let (_, letter) = hensel::class(configuration);
                let taken = conditions.whole[n]
                    || letter.is_some_and(|l| {
                        let index = hensel::ORDER.find(l).unwrap_or(0);
                        conditions.letters[n] & 1 << index != 0
                    });
                if taken {
                    keys.insert(usize::from(configuration));
                }
            }
        }
        keys
    };
    Rule::assemble(
        keys(&birth),
        keys(&survival),
        neighbourhood,
        isotropic,
        states,
    )
}

struct BsParser<'a> {
    body: &'a str,
    offset: usize,
    neighbourhood: Neighbourhood,
    /// Position of the first Hensel letter, if any.
    first_letter: Option<usize>,
}

type Parts = (Conditions, Conditions, Option<(u32, usize)>);

impl BsParser<'_> {
    fn position(&self, at: usize) -> usize {
        self.offset + at + 1
    }

    fn unexpected(&self, at: usize, expected: &'static str) -> RuleError {
        RuleError::Unexpected {
            found: self.body[at..].chars().next().unwrap_or(' '),
            position: self.position(at),
            expected,
        }
    }

    /// Counts with optional letters from byte `at`; returns the set and
    /// where it ends.
    fn conditions(&mut self, mut at: usize, set: char) -> Result<(Conditions, usize), RuleError> {
        let max = self.neighbourhood.size() as u8;
        let mut conditions = Conditions::default();
        let bytes = self.body.as_bytes();
        while let Some(&b) = bytes.get(at) {
            if !b.is_ascii_digit() {
                break;
            }
            let count = b - b'0';
            let position = self.position(at);
            if count > max {
                return Err(out_of_range(u32::from(count), u32::from(max), position));
            }
            let n = usize::from(count);
            if conditions.given[n] {
                return Err(repeated(u32::from(count), set, position));
            }
            conditions.given[n] = true;
            at += 1;
            let negated = bytes.get(at) == Some(&b'-');
            if negated {
                at += 1;
            }
            let mut letters = 0u16;
            while let Some(&l) = bytes.get(at) {
                let letter = l as char;
                let Some(index) = hensel::ORDER.find(letter) else {
                    break;
                };
                let position = self.position(at);
                self.first_letter.get_or_insert(position);
                let allowed = hensel::letters(count);
                if !allowed.iter().any(|&(a, _)| a == letter) {
                    return Err(RuleError::NoSuchLetter {
                        letter,
                        count,
                        position,
                        allowed: allowed.iter().map(|(a, _)| *a).collect(),
                    });
                }
                if letters & 1 << index != 0 {
                    return Err(RuleError::RepeatedLetter {
                        letter,
                        count,
                        position,
                    });
                }
                letters |= 1 << index;
                at += 1;
            }
            // `2-` with no letter leaves out nothing: all of 2, as Golly
            // reads it.
            if letters == 0 {
                conditions.whole[n] = true;
            } else if negated {
                let all = hensel::letters(count).iter().fold(0u16, |mask, &(a, _)| {
                    mask | 1 << hensel::ORDER.find(a).unwrap_or(0)
                });
                conditions.letters[n] = all & !letters;
            } else {
                conditions.letters[n] = letters;
            }
        }
        Ok((conditions, at))
    }

    /// `B3/S23`, `B3S23`, `S23/B3`, `B2/S/C3`, `g3b2s`: each part
    /// introduced by its letter. A set left out is empty, as in Golly
    /// (`B234`, `S23`).
    fn letters(&mut self) -> Result<Parts, RuleError> {
        let mut birth = None;
        let mut survival = None;
        let mut states = None;
        // Whether a part just ended, so that a separator may follow.
        let mut after_part = false;
        let mut at = 0;
        while let Some(c) = self.body[at..].chars().next() {
            let all = birth.is_some() && survival.is_some() && states.is_some();
            let part = c.to_ascii_uppercase();
            match part {
                '/' | '_' if after_part && !all => {
                    at += 1;
                    after_part = false;
                    // Golly's `B3/2a34`: a bare set after the birth set is
                    // the survival set.
                    if birth.is_some()
                        && survival.is_none()
                        && self.body[at..].starts_with(|c: char| c.is_ascii_digit())
                    {
                        let (set, end) = self.conditions(at, 'S')?;
                        survival = Some(set);
                        at = end;
                        after_part = true;
                    }
                    continue;
                }
                'B' | 'S' => {
                    let slot = if part == 'B' {
                        &mut birth
                    } else {
                        &mut survival
                    };
                    if slot.is_some() {
                        return Err(RuleError::SetTwice {
                            set: part,
                            position: self.position(at),
                        });
                    }
                    let (set, end) = self.conditions(at + 1, part)?;
                    *slot = Some(set);
                    at = end;
                }
                // A `C` after a count is Hensel's letter, caught by
                // `conditions`; here it opens the states part.
                'C' | 'G' => {
                    if states.is_some() {
                        return Err(RuleError::SetTwice {
                            set: 'C',
                            position: self.position(at),
                        });
                    }
                    let mut cursor = Cursor::new(self.body, self.offset);
                    cursor.at = at + 1;
                    let position = cursor.position();
                    states = Some((cursor.number("the number of states")?, position));
                    at = cursor.at;
                }
                _ => {
                    let expected = match (after_part, all) {
                        (true, true) => "a count 0-8 or the end of the rule",
                        (true, false) => "a count, '/', 'B', 'S' or 'C'",
                        (false, _) => "'B', 'S' or 'C'",
                    };
                    return Err(self.unexpected(at, expected));
                }
            }
            after_part = true;
        }
        // Golly reads a set left out as empty: `B234` is `B234/S`.
        match (birth, survival) {
            (None, None) => Err(RuleError::MissingSet('B')),
            (birth, survival) => Ok((
                birth.unwrap_or_default(),
                survival.unwrap_or_default(),
                states,
            )),
        }
    }

    /// `23/3`, `/2/3`, `345/2/4`: survival, a slash, birth, and optionally
    /// a slash and the number of states.
    fn slashes(&mut self) -> Result<Parts, RuleError> {
        let (survival, end) = self.conditions(0, 'S')?;
        if end == self.body.len() {
            return Err(RuleError::Ambiguous(self.body.to_owned()));
        }
        let separator = |c: char| c == '/' || c == '_';
        if !self.body[end..].starts_with(separator) {
            return Err(self.unexpected(end, "a count 0-8 or '/'"));
        }
        let (birth, end) = self.conditions(end + 1, 'B')?;
        if end == self.body.len() {
            return Ok((birth, survival, None));
        }
        if !self.body[end..].starts_with(separator) {
            return Err(self.unexpected(end, "a count 0-8, '/' or the end of the rule"));
        }
        let mut cursor = Cursor::new(self.body, self.offset);
        cursor.at = end + 1;
        let position = cursor.position();
        let states = cursor.number("the number of states")?;
        if !cursor.at_end() {
            return Err(cursor.unexpected("the end of the rule"));
        }
        Ok((birth, survival, Some((states, position))))
    }
}
