//! The base case: the centre 8×8 of four leaves, one to four generations
//! on, by the compiled rule's bit-parallel logic.
//!
//! The 16×16 square is held as four words of four rows each, 16 bits a
//! row (bit `16i + c` of word `k` is row `4k + i`, column `c`). A row's
//! neighbours east and west are its word shifted by one bit, so column 0
//! of a row sees column 15 of the row above as its west neighbour; that
//! edge is wrong after one generation anyway, and the wrong cells move
//! inward one column a generation, no faster than the square's valid
//! centre shrinks.

use crate::engine::compiled::Program;
use crate::engine::compiled::kernel::{Logic, Lookup, Sums};

/// A 16×16 square: four words of four rows.
type Square = [u64; 4];

/// The four leaves' cells as one square.
#[inline(always)]
fn square(nw: u64, ne: u64, sw: u64, se: u64) -> Square {
    let rows = |west: u64, east: u64, half: u32| -> u64 {
        let mut word = 0;
        for i in 0..4 {
            let r = 8 * (4 * half + i);
            let row = (west >> r & 0xFF) | (east >> r & 0xFF) << 8;
            word |= row << (16 * i);
        }
        word
    };
    [
        rows(nw, ne, 0),
        rows(nw, ne, 1),
        rows(sw, se, 0),
        rows(sw, se, 1),
    ]
}

/// The square's centre 8×8 (rows and columns 4 to 11) as a leaf.
#[inline(always)]
fn centre(square: &Square) -> u64 {
    let mut leaf = 0;
    for r in 0..8 {
        let row = 4 + r;
        let word = square[row / 4] >> (16 * (row % 4));
        leaf |= (word >> 4 & 0xFF) << (8 * r);
    }
    leaf
}

/// The rows above and below each word's.
#[inline(always)]
fn around(square: &Square, k: usize) -> (u64, u64) {
    let before = if k > 0 { square[k - 1] >> 48 } else { 0 };
    let after = if k < 3 { square[k + 1] << 48 } else { 0 };
    (square[k] << 16 | before, square[k] >> 16 | after)
}

/// One generation of a totalistic rule.
#[inline(always)]
fn count_step<L: Logic>(logic: L, square: &Square) -> Square {
    std::array::from_fn(|k| {
        let (above, below) = around(square, k);
        let own = square[k];
        let count = Sums::count(
            &Sums::new(0, above, 0),
            &Sums::new(0, own, 0),
            &Sums::new(0, below, 0),
        );
        logic.next(own, count)
    })
}

/// One generation of any rule, by its table.
#[inline(always)]
fn table_step(lookup: &Lookup, square: &Square) -> Square {
    std::array::from_fn(|k| {
        let (above, below) = around(square, k);
        let own = square[k];
        let planes = |row: u64| [row << 1, row, row >> 1];
        let [nw, n, ne] = planes(above);
        let [w, c, e] = planes(own);
        let [sw, s, se] = planes(below);
        lookup.word([nw, n, ne, w, c, e, sw, s, se])
    })
}

/// The centre of the 16×16 square of leaves `quad` (north-west,
/// north-east, south-west, south-east), `generations` (1 to 4) on.
pub(crate) fn step(program: &Program, quad: [u64; 4], generations: u32) -> u64 {
    let mut at = square(quad[0], quad[1], quad[2], quad[3]);
    for _ in 0..generations {
        at = match program {
            Program::Conway => count_step(crate::engine::compiled::kernel::Conway, &at),
            Program::Masks(masks) => count_step(*masks, &at),
            Program::Lookup(lookup) => table_step(lookup, &at),
        };
    }
    centre(&at)
}

/// The centre 8×8 of the 16×16 square of leaves `quad`, as a leaf.
pub(crate) fn middle(quad: [u64; 4]) -> u64 {
    centre(&square(quad[0], quad[1], quad[2], quad[3]))
}
