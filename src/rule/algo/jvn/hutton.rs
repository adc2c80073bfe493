//! Hutton32: Nobili32's states, with a wire whose end writes a cell and
//! can then retract.
//!
//! The end of an ordinary wire that is building marks itself by turning
//! into an excited special state (a 0 bit; an excited ordinary state is a
//! 1). A sensitized cell turns into a state whose direction is taken from
//! the wire feeding it, so that "forward", "left", "right" and "reverse"
//! mean the same in every orientation. A wire whose output cell is about
//! to be finished either retracts (back to ground) or quiets, depending on
//! the next bit. Ordinary states no longer destroy special ones.
//!
//! The arithmetic on state numbers below follows Golly's exactly, including
//! what it does with a sensitized cell that has no wire feeding it.

use super::Dir;

/// Whether `state` is an ordinary transmission state.
fn ordinary(state: u8) -> bool {
    (9..=16).contains(&state)
}

/// Whether `state` is a special transmission state.
fn special(state: u8) -> bool {
    (17..=24).contains(&state)
}

/// Whether `state` is a transmission state.
fn transmission(state: u8) -> bool {
    (9..=24).contains(&state)
}

/// Whether `state` is a sensitized state.
fn sensitized(state: u8) -> bool {
    (1..=8).contains(&state)
}

/// Whether `state` is an excited transmission state.
fn excited(state: u8) -> bool {
    (13..=16).contains(&state) || (21..=24).contains(&state)
}

/// The direction a transmission state points in.
fn pointing(state: u8) -> Option<Dir> {
    transmission(state).then(|| usize::from((state - 9) % 4))
}

/// Whether `state`, in direction `side` from a cell, is a transmission
/// state pointing at that cell.
fn points_in(state: u8, side: Dir) -> bool {
    pointing(state) == Some(super::opposite(side))
}

/// The quiet form of a state: an excited transmission state's quiet
/// twin, a quiet confluent state for any confluent or crossing one.
fn quiet(state: u8) -> u8 {
    if excited(state) {
        state - 4
    } else if (26..=31).contains(&state) {
        25
    } else {
        state
    }
}

/// The neighbour a transmission state `own` points at (ground for any
/// other state).
fn target(own: u8, sides: &[u8; 4]) -> u8 {
    pointing(own).map_or(0, |dir| sides[dir])
}

/// Whether `own` is of kind `is` and points towards `side`, so that a
/// signal of that kind from `side` does not reach it.
fn facing(own: u8, is: fn(u8) -> bool, side: Dir) -> bool {
    is(own) && pointing(own) == Some(side)
}

/// Whether a confluent or crossing state in direction `side` sends a
/// signal towards the cell.
fn confluent_sends(state: u8, side: Dir) -> bool {
    match state {
        27 | 28 | 31 => true,
        29 => !super::vertical(side),
        30 => super::vertical(side),
        _ => false,
    }
}

/// Whether an excited transmission state of kind `is` points at the
/// cell `own` from some side `own` does not point to itself (when `own`
/// is of the same kind).
fn arrow_in(own: u8, sides: &[u8; 4], is: fn(u8) -> bool) -> bool {
    (0..4).any(|side| {
        let state = sides[side];
        is(state) && excited(state) && points_in(state, side) && !facing(own, is, side)
    })
}

/// Like [`arrow_in`], but a confluent or crossing state sending towards
/// `own` counts too.
fn signal_in(own: u8, sides: &[u8; 4], is: fn(u8) -> bool) -> bool {
    (0..4).any(|side| {
        let state = sides[side];
        let arrow = is(state) && excited(state) && points_in(state, side);
        (arrow || confluent_sends(state, side)) && !facing(own, is, side)
    })
}

/// The excited transmission state feeding the cell, looking west, south,
/// east, then north; ground if there is none.
fn feeder(sides: &[u8; 4]) -> u8 {
    const ORDER: [Dir; 4] = [2, 3, 0, 1];
    ORDER
        .iter()
        .map(|&side| sides[side])
        .zip(ORDER)
        .find(|&(state, side)| excited(state) && points_in(state, side))
        .map_or(0, |(state, _)| state)
}

/// A transmission state based at `base` turned `quarter` quarter turns
/// anticlockwise from the direction of the quiet state `from`, computed as
/// Golly does (so a ground `from` gives Golly's result too).
fn turned(from: u8, quarter: i32, base: i32) -> u8 {
    // Truncating remainder and wrapping to a byte, as C computes it.
    ((i32::from(from) - 9 + quarter) % 4 + base) as u8
}

/// Whether every ordinary state pointing at the cell is excited, and at
/// least one is.
fn all_ordinary_in_excited(sides: &[u8; 4]) -> bool {
    let mut any = false;
    for (side, &state) in sides.iter().enumerate() {
        if ordinary(state) && points_in(state, side) {
            if !excited(state) {
                return false;
            }
            any = true;
        }
    }
    any
}

/// Excited ordinary states pointing at the cell: from the north or
/// south, and from the east or west.
fn ordinary_axes(sides: &[u8; 4]) -> (bool, bool) {
    let hit = |side: Dir| {
        let state = sides[side];
        ordinary(state) && excited(state) && points_in(state, side)
    };
    (hit(1) || hit(3), hit(0) || hit(2))
}

/// Whether two transmission lines cross at the cell: two point in and
/// two others do not.
fn crossing(sides: &[u8; 4]) -> bool {
    let inputs = (0..4).filter(|&side| points_in(sides[side], side)).count();
    let outputs = (0..4)
        .filter(|&side| transmission(sides[side]) && !points_in(sides[side], side))
        .count();
    inputs == 2 && outputs == 2
}

/// The crossing state for the signals now arriving on each axis, or a
/// quiet confluent state when neither carries one.
fn crossing_state(vertical: bool, horizontal: bool) -> u8 {
    match (vertical, horizontal) {
        (true, true) => 31,
        (true, false) => 30,
        (false, true) => 29,
        (false, false) => 25,
    }
}

/// The next state under Hutton32, with the neighbours given by direction.
pub(super) fn next(own: u8, sides: &[u8; 4]) -> u8 {
    let out = target(own, sides);
    let ordinary_arrow = arrow_in(own, sides, ordinary);
    let special_arrow = arrow_in(own, sides, special);
    // What the cell `own` points at is about to become.
    let out_becomes_ordinary =
        out == 8 || (out == 4 && excited(own)) || (out == 5 && !excited(own));
    let out_becomes_confluent = out == 7 && excited(own);
    let out_stays_sensitized =
        (out == 0 && excited(own)) || (1..=3).contains(&out) || (out == 4 && !ordinary(own));
    match own {
        9..=16 => {
            if special_arrow {
                0
            } else if signal_in(own, sides, ordinary) {
                if out_becomes_ordinary || (special(out) && !excited(out)) {
                    // Retract after writing.
                    0
                } else if out_becomes_confluent {
                    1
                } else {
                    quiet(own) + 4
                }
            } else if out_becomes_confluent {
                0
            } else if excited(own) && out_stays_sensitized {
                // The wire's end marks a 0 bit as an excited special state.
                quiet(own) + 12
            } else {
                quiet(own)
            }
        }
        17..=24 => {
            let wire_end = (0..4).any(|side| {
                let state = sides[side];
                ordinary(state) && points_in(state, side)
            });
            if excited(own) && sensitized(out) && wire_end {
                match (out_stays_sensitized, ordinary_arrow) {
                    (true, true) => own - 8,
                    (true, false) => own,
                    (false, true) => 0,
                    (false, false) => quiet(own) - 8,
                }
            } else if excited(own) && out == 0 {
                if special_arrow { own } else { quiet(own) }
            } else if ordinary_arrow {
                0
            } else if signal_in(own, sides, special) {
                quiet(own) + 4
            } else {
                quiet(own)
            }
        }
        0 => {
            if ordinary_arrow {
                1
            } else if special_arrow {
                quiet(feeder(sides)).wrapping_sub(8)
            } else {
                0
            }
        }
        1..=8 => {
            let bit = usize::from(ordinary_arrow);
            let from = quiet(feeder(sides));
            match own {
                1 => [2, 3][bit],
                2 => [4, 5][bit],
                3 => [6, 7][bit],
                4 => [8, turned(from, 2, 9)][bit],
                5 => [turned(from, 3, 9), from.wrapping_add(8)][bit],
                6 => [turned(from, 1, 17), turned(from, 2, 17)][bit],
                7 => [turned(from, 3, 17), 25][bit],
                _ => {
                    // S000: forward, or turn left. Golly turns the feeding
                    // state's number before taking its direction, and
                    // takes the direction of a missing feeder as -1.
                    let feeding = feeder(sides);
                    let turn = if ordinary_arrow { 1 } else { 0 };
                    let dir = ((i32::from(feeding) + turn - 9) % 4) as u8;
                    9u8.wrapping_add(dir)
                }
            }
        }
        _ => {
            if special_arrow {
                return 0;
            }
            let (vertical, horizontal) = ordinary_axes(sides);
            let gated = all_ordinary_in_excited(sides);
            match own {
                25 if crossing(sides) => crossing_state(vertical, horizontal),
                25 | 27 => {
                    if gated {
                        26
                    } else {
                        25
                    }
                }
                26 | 28 => {
                    if gated {
                        28
                    } else {
                        27
                    }
                }
                _ => crossing_state(vertical, horizontal),
            }
        }
    }
}
