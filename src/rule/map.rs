//! MAP rules: any two-state rule of the 3×3 neighbourhood, written as the
//! next state of the cell for each of the 512 patterns of the nine cells,
//! base64-encoded (`MAP` and 86 characters), as Golly's Help defines them.
//!
//! The nine cells are numbered in reading order, north-west first:
//!
//! ```text
//! 0 1 2
//! 3 4 5   the cell itself is 4
//! 6 7 8
//! ```
//!
//! and a pattern is the 9-bit number with cell 0 as its highest bit and
//! cell 8 as its lowest. Bit `p` of the 512-bit string (the first bit
//! being pattern 0) is the next state of the middle cell in pattern `p`;
//! each base64 character holds six bits, highest first. The hexagonal
//! form leaves out cells 2 and 6 (7 cells, 128 bits, 22 characters; in
//! reading order for Generations rules, but in the order 7 8 3 4 5 0 1
//! for two-state ones, as Golly reads them) and
//! the von Neumann form keeps only cells 1, 3, 4, 5 and 7 (32 bits, 6
//! characters); `==` padding may follow. A `/N` suffix makes it a
//! Generations rule of `N` states.
//!
//! corolife keeps a MAP rule as the sets of configurations (which of the
//! eight neighbours are alive, as for [isotropic rules](super::hensel)) on
//! which an empty cell is born and a live cell survives. A MAP rule that
//! happens to be isotropic or totalistic is that rule, and is written in
//! B/S form; the others are written back as MAP strings of the smallest
//! neighbourhood they depend on.

use super::error::RuleError;
use super::{KeySet, Neighbourhood, Rule};
use crate::cell::MOORE;

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The reading-order cell (0 to 8) of each neighbour in [`MOORE`] order.
const CELL_OF: [u8; 8] = [1, 2, 5, 8, 7, 6, 3, 0];

/// The cells each neighbourhood's MAP strings list, in reading order.
const MOORE_CELLS: &[u8] = &[0, 1, 2, 3, 4, 5, 6, 7, 8];
const HEXAGONAL_CELLS: &[u8] = &[0, 1, 3, 4, 5, 7, 8];
/// Golly reads the hexagonal MAP strings of two-state rules in another
/// order: south, south-east, west, the cell, east, north-west, north.
const HEXAGONAL_TWO_STATE_CELLS: &[u8] = &[7, 8, 3, 4, 5, 0, 1];

/// The hexagonal cells as MAP strings of rules of `states` list them.
fn hexagonal(states: u16) -> &'static [u8] {
    if states > 2 {
        HEXAGONAL_CELLS
    } else {
        HEXAGONAL_TWO_STATE_CELLS
    }
}
const VON_NEUMANN_CELLS: &[u8] = &[1, 3, 4, 5, 7];

/// The 3×3 pattern (cell 0 the highest of nine bits) of a cell in
/// `alive` (0 or 1) whose neighbours form `configuration` (bit `i` set
/// when the `i`-th neighbour in [`MOORE`] order is alive).
fn pattern(configuration: u8, alive: bool) -> u16 {
    let mut pattern = u16::from(alive) << (8 - 4);
    for (bit, &cell) in CELL_OF.iter().enumerate() {
        if configuration >> bit & 1 != 0 {
            pattern |= 1 << (8 - cell);
        }
    }
    pattern
}

/// The index into a MAP string of `cells` of the 3×3 `pattern`: the
/// listed cells' bits, in order, the first the highest.
fn index(pattern: u16, cells: &[u8]) -> usize {
    cells.iter().fold(0, |index, &cell| {
        index << 1 | usize::from(pattern >> (8 - cell) & 1)
    })
}

/// Reads `MAP…` (the body of a rule string, without any grid suffix);
/// `offset` is where it starts in the whole string, for error positions.
/// Golly's `W` rules, Wolfram's elementary automata on the plane (`W110`):
/// a cell is born when the three cells above it, read left to right as a
/// number from 0 to 7, name a bit set in the rule's number, and no cell
/// dies, so that each generation adds a row. The number is even (an odd
/// one would give birth from nothing) and at most 254. The rule is the
/// MAP rule of that table.
pub(super) fn wolfram(body: &str, offset: usize) -> Result<Rule, RuleError> {
    let digits = &body[1..];
    let at = offset + 2;
    let number: u32 =
        digits
            .parse()
            .map_err(|_| match digits.chars().find(|c| !c.is_ascii_digit()) {
                Some(found) => RuleError::Unexpected {
                    found,
                    position: offset + 2 + digits.find(found).unwrap_or(0),
                    expected: "a digit of the Wolfram rule's number",
                },
                None => RuleError::TooLarge(at),
            })?;
    if number > 254 {
        return Err(RuleError::TooLarge(at));
    }
    if number % 2 == 1 {
        return Err(RuleError::Unsupported(
            "odd Wolfram rules (they give birth from nothing)",
        ));
    }
    // Bit i of the map is the configuration i: NW N NE W C E SW S SE from
    // the most significant bit, so `i >> 6` is the row above.
    let bits: Vec<bool> = (0..512)
        .map(|i: usize| number >> (i >> 6) & 1 == 1 || i & 16 != 0)
        .collect();
    parse(&encode(&bits), offset)
}

/// `MAP` and the base64 of `bits`, six to a digit, the first bit the
/// most significant (the last digit padded with zeros).
fn encode(bits: &[bool]) -> String {
    let mut text = String::from("MAP");
    for chunk in bits.chunks(6) {
        let value = chunk
            .iter()
            .enumerate()
            .fold(0, |v, (i, &bit)| v | usize::from(bit) << (5 - i));
        text.push(char::from(BASE64[value]));
    }
    text
}

pub(super) fn parse(body: &str, offset: usize) -> Result<Rule, RuleError> {
    // Base64 has `/` among its digits: the states' `/` is the one after a
    // map of one of the three lengths (and its padding, if any).
    let after = body.get(3..).unwrap_or_default();
    let split = [86, 22, 6].into_iter().find_map(|len| {
        let rest = after.get(len..)?;
        let rest = rest.strip_prefix("==").unwrap_or(rest);
        match rest.strip_prefix('/') {
            Some(states) => Some((&after[..len], Some(states))),
            None => rest.is_empty().then_some((&after[..len], None)),
        }
    });
    let (digits, states) = split.unwrap_or_else(|| match after.rfind('/') {
        Some(slash) => (&after[..slash], Some(&after[slash + 1..])),
        None => (after.strip_suffix("==").unwrap_or(after), None),
    });
    let position = |i: usize| offset + 4 + i;
    let mut bits = Vec::with_capacity(digits.len() * 6);
    for (i, c) in digits.char_indices() {
        let value =
            BASE64
                .iter()
                .position(|&b| char::from(b) == c)
                .ok_or(RuleError::Unexpected {
                    found: c,
                    position: position(i),
                    expected: "a base64 character (A-Z, a-z, 0-9, + or /)",
                })?;
        bits.extend((0..6).rev().map(|shift| value >> shift & 1 != 0));
    }
    let states = match states {
        None => 2,
        Some(text) => {
            let at = offset + body.len() - text.len() + 1;
            let n: u32 = text.parse().map_err(|_| match text.chars().next() {
                Some(found) if !found.is_ascii_digit() => RuleError::Unexpected {
                    found,
                    position: at,
                    expected: "the number of states after /",
                },
                _ => RuleError::TooLarge(at),
            })?;
            match n {
                0 | 1 => 2,
                2..=256 => n as u16,
                n => return Err(RuleError::States(n)),
            }
        }
    };
    let cells = match digits.len() {
        86 => MOORE_CELLS,
        22 => hexagonal(states),
        6 => VON_NEUMANN_CELLS,
        n => return Err(RuleError::MapLength(n)),
    };
    let mut birth = KeySet::NONE;
    let mut survival = KeySet::NONE;
    for configuration in 0..=255u8 {
        if bits[index(pattern(configuration, false), cells)] {
            birth.insert(usize::from(configuration));
        }
        if bits[index(pattern(configuration, true), cells)] {
            survival.insert(usize::from(configuration));
        }
    }
    Rule::assemble(
        birth,
        survival,
        Neighbourhood::Moore { range: 1 },
        true,
        states,
    )
}

/// Whether the configuration sets look at the neighbours of `cells` only.
fn depends_only_on(rule: &Rule, cells: &[u8]) -> bool {
    let ignored: u8 = CELL_OF
        .iter()
        .enumerate()
        .filter(|(_, cell)| !cells.contains(cell))
        .map(|(bit, _)| 1 << bit)
        .sum();
    (0..=255u8).all(|c| {
        let plain = c & !ignored;
        rule.birth.contains(u32::from(c)) == rule.birth.contains(u32::from(plain))
            && rule.survival.contains(u32::from(c)) == rule.survival.contains(u32::from(plain))
    })
}

/// Whether the rule's configuration sets are unchanged by the eight
/// rotations and reflections of the square: whether it is isotropic.
pub(super) fn is_isotropic(birth: &KeySet, survival: &KeySet) -> bool {
    // Where each MOORE neighbour goes under a quarter turn clockwise and
    // under a mirror across the north-south axis.
    let turn = |c: u8| c.rotate_left(2);
    let mirror = |c: u8| {
        let mut out: u8 = 0;
        for (bit, &(dy, dx)) in MOORE.iter().enumerate() {
            if c >> bit & 1 != 0 {
                let to = MOORE.iter().position(|&o| o == (dy, -dx)).unwrap_or(bit);
                out |= 1 << to;
            }
        }
        out
    };
    [birth, survival].iter().all(|set| {
        (0..=255u8).all(|c| {
            let here = set.contains(u32::from(c));
            set.contains(u32::from(turn(c))) == here && set.contains(u32::from(mirror(c))) == here
        })
    })
}

/// The MAP string of a rule of configurations: `MAP` and the base64 of
/// the smallest neighbourhood the rule depends on, then `/N` for a
/// Generations rule.
pub(super) fn write(rule: &Rule) -> String {
    let cells = [VON_NEUMANN_CELLS, hexagonal(rule.states)]
        .into_iter()
        .find(|cells| depends_only_on(rule, cells))
        .unwrap_or(MOORE_CELLS);
    let mut bits = vec![false; 1 << cells.len()];
    for configuration in 0..=255u8 {
        for alive in [false, true] {
            let keys = if alive { &rule.survival } else { &rule.birth };
            if keys.contains(u32::from(configuration)) {
                bits[index(pattern(configuration, alive), cells)] = true;
            }
        }
    }
    let mut text = encode(&bits);
    if rule.states > 2 {
        text.push_str(&format!("/{}", rule.states));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::State;

    /// Life as Golly's Help writes it as a MAP rule.
    const LIFE: &str =
        "MAPARYXfhZofugWaH7oaIDogBZofuhogOiAaIDogIAAgAAWaH7oaIDogGiA6ICAAIAAaIDogIAAgACAAIAAAAAAAA";

    fn next(rule: &Rule, own: u8, alive: &[(i32, i32)]) -> u8 {
        let around = MOORE.map(|offset| State::from(alive.contains(&offset)));
        rule.next_state_of(State::new(own), around).value()
    }

    #[test]
    fn the_help_s_map_of_life_is_life() {
        let rule: Rule = LIFE.parse().expect("MAP rule");
        assert_eq!(rule, Rule::LIFE);
        assert_eq!(rule.to_string(), "B3/S23");
        let padded: Rule = format!("{LIFE}==").parse().expect("padded");
        assert_eq!(padded, Rule::LIFE);
        let generations: Rule = format!("{LIFE}/3").parse().expect("Generations");
        assert_eq!(generations.to_string(), "B3/S23/C3");
    }

    #[test]
    fn an_anisotropic_map_rule_tells_north_from_south() {
        // Born when the only live neighbour is the northern one (cell 1):
        // pattern 0b010_000_000 = 128. Nothing survives.
        let mut bits = vec![false; 512];
        bits[128] = true;
        let text = encode(&bits);
        let rule: Rule = text.parse().expect("MAP rule");
        assert_eq!(next(&rule, 0, &[(-1, 0)]), 1, "north alone");
        assert_eq!(next(&rule, 0, &[(1, 0)]), 0, "south alone");
        assert_eq!(next(&rule, 0, &[(0, -1)]), 0, "west alone");
        assert_eq!(next(&rule, 1, &[(-1, 0)]), 0, "no survival");
        // Written back as the same MAP string.
        assert_eq!(rule.to_string(), text);
        assert_eq!(rule.family().name(), "MAP");
    }

    #[test]
    fn the_corners_are_read_in_golly_s_order() {
        // One pattern per corner: born when only that corner is alive.
        for (cell, offset) in [(0, (-1, -1)), (2, (-1, 1)), (6, (1, -1)), (8, (1, 1))] {
            let mut bits = vec![false; 512];
            bits[1 << (8 - cell)] = true;
            let rule: Rule = encode(&bits).parse().expect("MAP rule");
            for other in [(-1, -1), (-1, 1), (1, -1), (1, 1)] {
                assert_eq!(
                    next(&rule, 0, &[other]),
                    u8::from(other == offset),
                    "cell {cell}"
                );
            }
            // Survival: the middle is bit 4 of the pattern.
            let mut bits = vec![false; 512];
            bits[1 << 4 | 1 << (8 - cell)] = true;
            let rule: Rule = encode(&bits).parse().expect("MAP rule");
            assert_eq!(next(&rule, 1, &[offset]), 1);
            assert_eq!(next(&rule, 0, &[offset]), 0);
        }
    }

    #[test]
    fn hexagonal_and_von_neumann_maps_leave_out_their_cells() {
        // Hexagonal, Generations: 7 cells NW N W C E S SE; born on SE
        // alone is the last bit. Two-state: S SE W C E NW N, so the last
        // bit is N.
        let mut bits = vec![false; 128];
        bits[1] = true;
        let generations: Rule = format!("{}/3", encode(&bits)).parse().expect("hex MAP");
        assert_eq!(next(&generations, 0, &[(1, 1)]), 1);
        assert_eq!(
            next(&generations, 0, &[(1, 1), (-1, 1)]),
            1,
            "NE is not looked at"
        );
        assert_eq!(next(&generations, 0, &[(1, -1)]), 0);
        let two: Rule = encode(&bits).parse().expect("hex MAP");
        assert_eq!(next(&two, 0, &[(-1, 0)]), 1);
        assert_eq!(next(&two, 0, &[(-1, 0), (1, -1)]), 1, "SW is not looked at");
        assert_eq!(next(&two, 0, &[(1, 1)]), 0);
        for rule in [generations, two] {
            assert_eq!(rule.to_string().parse::<Rule>(), Ok(rule));
            assert_eq!(
                rule.to_string().len(),
                3 + 22 + if rule.states() > 2 { 2 } else { 0 }
            );
        }
        // Von Neumann: N W C E S; born on W alone is 0b01000.
        let mut bits = vec![false; 32];
        bits[0b01000] = true;
        let rule: Rule = encode(&bits).parse().expect("von Neumann MAP");
        assert_eq!(next(&rule, 0, &[(0, -1)]), 1);
        assert_eq!(
            next(&rule, 0, &[(0, -1), (1, 1)]),
            1,
            "corners are not looked at"
        );
        assert_eq!(next(&rule, 0, &[(0, 1)]), 0);
        // Written back in the shortest form that holds it.
        assert_eq!(rule.to_string(), encode(&bits));
        assert_eq!(rule.to_string().parse::<Rule>(), Ok(rule));
    }

    #[test]
    fn bad_map_rules_say_what_is_wrong() {
        assert_eq!("MAPABC".parse::<Rule>(), Err(RuleError::MapLength(3)));
        let bad = format!("{}!A", &LIFE[..80]);
        assert!(matches!(
            bad.parse::<Rule>(),
            Err(RuleError::Unexpected {
                found: '!',
                position: 81,
                ..
            })
        ));
        assert!(matches!(
            format!("{LIFE}/x").parse::<Rule>(),
            Err(RuleError::Unexpected { .. })
        ));
        assert_eq!(
            format!("{LIFE}/300").parse::<Rule>(),
            Err(RuleError::States(300))
        );
    }
}
