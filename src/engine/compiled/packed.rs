//! The bit-packed torus: 64 cells to a `u64`, least significant bit first,
//! each row padded to whole words and framed by a word on either side; and
//! the conversions from and to a [`Grid`].
//!
//! The frame lets the kernels treat every word alike. A row's *slot* is
//! `words + 2` words: the word before the row holds the row's last cell in
//! its top bit, and the word after it holds the row's first cell in its
//! bottom bit, so the west neighbour of the first cell and the east
//! neighbour of the last cell are where they would be if the row simply
//! continued. When the last word of a row is not full, the bit just past
//! its last cell holds the row's first cell too, for the same reason. A
//! slot above the first row holds a copy of the last row and a slot below
//! the last row a copy of the first, so the rows wrap the same way.

use crate::{Grid, State};

/// The geometry of a packed torus.
///
/// Row `y`'s cell `x` is bit `x % 64` of word `start(y) + x / 64`. The
/// last word of a row holds `tail` cells (1 to 64).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Packing {
    /// Rows of the torus.
    pub rows: usize,
    /// Columns of the torus.
    pub cols: usize,
    /// Words of cells per row.
    pub words: usize,
    /// Cells in the last word of a row, 1 to 64.
    pub tail: u32,
    /// Words per slot: the row and its frame.
    pub stride: usize,
}

impl Packing {
    /// The shape of a `rows` × `cols` torus (both at least 1).
    pub(crate) fn new(rows: usize, cols: usize) -> Packing {
        let words = cols.div_ceil(64);
        Packing {
            rows,
            cols,
            words,
            tail: ((cols - 1) % 64 + 1) as u32,
            stride: words + 2,
        }
    }

    /// Words in the whole torus, frame and copied rows included.
    pub(crate) fn len(&self) -> usize {
        (self.rows + 2) * self.stride
    }

    /// Where the slot of row `y` starts (row `y`'s words start one later).
    #[inline(always)]
    pub(crate) fn slot(&self, y: usize) -> usize {
        (y + 1) * self.stride
    }

    /// The bits of the last word of a row that hold cells.
    #[inline(always)]
    pub(crate) fn tail_mask(&self) -> u64 {
        mask(self.tail)
    }
}

/// The low `bits` bits set (`bits` from 0 to 64).
#[inline(always)]
pub(crate) fn mask(bits: u32) -> u64 {
    if bits == 0 {
        0
    } else {
        u64::MAX >> (64 - bits)
    }
}

/// Rewrites the frame of one slot (the row's `words + 2` words) from the
/// row's cells, and clears the padding of its last word but for the copy
/// of the first cell.
#[inline(always)]
pub(crate) fn frame_row(slot: &mut [u64], shape: &Packing) {
    let (words, tail) = (shape.words, shape.tail);
    let first = slot[1] & 1;
    let mut last = slot[words];
    if tail < 64 {
        last = last & mask(tail) | first << tail;
        slot[words] = last;
    }
    slot[0] = (last >> (tail - 1) & 1) << 63;
    slot[words + 1] = first;
}

/// Copies the last row into the slot above the first and the first row
/// into the slot below the last.
pub(crate) fn copy_wrapped_rows(bits: &mut [u64], shape: &Packing) {
    let rows = shape.rows;
    bits.copy_within(shape.slot(rows - 1)..shape.slot(rows), 0);
    bits.copy_within(shape.slot(0)..shape.slot(1), shape.slot(rows));
}

/// Bytes 0 and 1 only, eight to a `u64`.
const LOW_BITS: u64 = 0x0101_0101_0101_0101;

/// Multiplying eight bytes of 0 or 1 by this gathers them in the top byte,
/// byte `i` in bit `56 + i`: each byte meets one power of two that lands it
/// there, and no two products share a bit, so nothing carries.
const GATHER: u64 = 0x0102_0408_1020_4080;

/// Packs `shape.rows` rows of `grid` (which has `shape.cols` columns),
/// from row `first` on and around the torus past its last row, into `bits`
/// (of `shape.len()` words), frame included. Returns `false`, leaving
/// `bits` unspecified, if a cell holds a state other than empty or alive.
pub(crate) fn pack(grid: &Grid, first: usize, bits: &mut [u64], shape: &Packing) -> bool {
    let rows = grid.iter_rows().cycle().skip(first).take(shape.rows);
    let slots = bits[shape.slot(0)..shape.slot(shape.rows)].chunks_exact_mut(shape.stride);
    let seen = rows
        .zip(slots)
        .fold(0, |seen, (row, slot)| seen | pack_row(row, slot, shape));
    copy_wrapped_rows(bits, shape);
    seen & !LOW_BITS == 0
}

/// Packs one row into its slot, frame included. Returns the bitwise or of
/// its states, eight to a word.
#[inline]
fn pack_row(row: &[State], slot: &mut [u64], shape: &Packing) -> u64 {
    let mut seen = 0u64;
    for (chunk, word) in row.chunks(64).zip(slot[1..].iter_mut()) {
        let mut packed = 0;
        let mut eights = chunk.chunks_exact(8);
        for (k, eight) in (&mut eights).enumerate() {
            let eight: &[State; 8] = eight.try_into().expect("eight cells");
            let value = u64::from_le_bytes(eight.map(State::value));
            seen |= value;
            packed |= (value & LOW_BITS).wrapping_mul(GATHER) >> 56 << (8 * k);
        }
        let done = chunk.len() - eights.remainder().len();
        for (i, state) in eights.remainder().iter().enumerate() {
            seen |= u64::from(state.value());
            packed |= u64::from(state.value() & 1) << (done + i);
        }
        *word = packed;
    }
    frame_row(slot, shape);
    seen
}

/// Spreads the bits of a byte over the bytes of a `u64`: bit `i` becomes
/// byte `i`, 0 or 1.
const SPREAD: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut byte = 0;
    while byte < 256 {
        let mut i = 0;
        while i < 8 {
            table[byte] |= ((byte as u64 >> i) & 1) << (8 * i);
            i += 1;
        }
        byte += 1;
    }
    table
};

/// Writes the rows of the packed torus `bits` from row `from` on into
/// `rows`: whole rows of `shape.cols` cells, as many as it holds.
pub(crate) fn unpack(bits: &[u64], shape: &Packing, from: usize, rows: &mut [State]) {
    let slots = bits[shape.slot(from)..].chunks_exact(shape.stride);
    for (row, slot) in rows.chunks_exact_mut(shape.cols).zip(slots) {
        unpack_row(slot, row);
    }
}

/// Writes one row from its slot.
#[inline]
fn unpack_row(slot: &[u64], row: &mut [State]) {
    for (chunk, &word) in row.chunks_mut(64).zip(&slot[1..]) {
        let done = chunk.len() / 8 * 8;
        let mut eights = chunk.chunks_exact_mut(8);
        for (k, eight) in (&mut eights).enumerate() {
            let bytes = SPREAD[(word >> (8 * k) & 0xFF) as usize].to_le_bytes();
            let eight: &mut [State; 8] = eight.try_into().expect("eight cells");
            *eight = bytes.map(State::new);
        }
        for (i, state) in eights.into_remainder().iter_mut().enumerate() {
            *state = State::new((word >> (done + i) & 1) as u8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::soup;

    #[test]
    fn shapes_pad_rows_to_whole_words() {
        for (cols, words, tail) in [
            (1, 1, 1),
            (63, 1, 63),
            (64, 1, 64),
            (65, 2, 1),
            (127, 2, 63),
            (128, 2, 64),
            (129, 3, 1),
        ] {
            let shape = Packing::new(3, cols);
            assert_eq!((shape.words, shape.tail), (words, tail), "{cols} columns");
            assert_eq!(shape.tail_mask().count_ones(), tail);
        }
    }

    #[test]
    fn packing_round_trips_with_the_frame_in_place() {
        let sizes = [
            (1, 1),
            (3, 63),
            (2, 64),
            (5, 65),
            (4, 130),
            (7, 200),
            (300, 75),
        ];
        for (rows, cols) in sizes {
            let grid = soup::soup(rows, cols, 7).expect("grid");
            let shape = Packing::new(rows, cols);
            let mut bits = vec![0; shape.len()];
            assert!(pack(&grid, 0, &mut bits, &shape));
            // Slot -1 is the last row, slot `rows` the first.
            let cell = |y: usize, x: usize| grid.query(y as i32 - 1, x as i32).is_alive();
            for slot in 0..rows + 2 {
                let words = &bits[slot * shape.stride..(slot + 1) * shape.stride];
                for x in 0..cols {
                    assert_eq!(
                        words[1 + x / 64] >> (x % 64) & 1 == 1,
                        cell(slot, x),
                        "{rows}x{cols} slot {slot}, column {x}"
                    );
                }
                assert_eq!(
                    words[0],
                    u64::from(cell(slot, cols - 1)) << 63,
                    "{rows}x{cols} slot {slot}: before"
                );
                assert_eq!(
                    words[shape.words + 1],
                    u64::from(cell(slot, 0)),
                    "{rows}x{cols} slot {slot}: after"
                );
                let padding = words[shape.words] & !shape.tail_mask();
                let expected = if shape.tail < 64 {
                    u64::from(cell(slot, 0)) << shape.tail
                } else {
                    0
                };
                assert_eq!(padding, expected, "{rows}x{cols} slot {slot}: padding");
            }
            let mut back = Grid::new(rows, cols).expect("grid");
            unpack(&bits, &shape, 0, back.cells_mut());
            assert_eq!(back, grid, "{rows}x{cols}");
        }
    }

    #[test]
    fn a_stretch_of_rows_packs_around_the_torus_and_unpacks_in_place() {
        let grid = soup::soup(9, 70, 3).expect("grid");
        for (first, count) in [(0, 9), (4, 3), (7, 5), (8, 9), (2, 20)] {
            let shape = Packing::new(count, 70);
            let mut bits = vec![0; shape.len()];
            assert!(pack(&grid, first, &mut bits, &shape));
            let mut row = Grid::new(1, 70).expect("row");
            for y in 0..count {
                unpack(&bits, &shape, y, row.cells_mut());
                let expected = grid.iter_rows().nth((first + y) % 9).expect("row");
                assert_eq!(row.cells(), expected, "rows {first}.. ({count}): row {y}");
            }
            // Two rows from the second on, into the middle of a grid.
            let mut into = Grid::new(5, 70).expect("grid");
            let rows = 2.min(count - 1);
            unpack(&bits, &shape, 1, &mut into.cells_mut()[70..70 * (1 + rows)]);
            for (y, row) in into.iter_rows().enumerate() {
                let expected = if (1..=rows).contains(&y) {
                    grid.iter_rows().nth((first + y) % 9).expect("row").to_vec()
                } else {
                    vec![State::EMPTY; 70]
                };
                assert_eq!(row, expected, "rows {first}.. ({count}): grid row {y}");
            }
        }
    }

    #[test]
    fn other_states_do_not_pack() {
        for x in [0, 7, 8, 63, 64, 70] {
            let mut grid = Grid::new(200, 71).expect("grid");
            grid.assign(150, x, State::new(2));
            let shape = Packing::new(200, 71);
            let mut bits = vec![0; shape.len()];
            assert!(!pack(&grid, 0, &mut bits, &shape), "state 2 at column {x}");
            // Rows 100 to 199 and around to 49 hold it too.
            let shape = Packing::new(150, 71);
            let mut bits = vec![0; shape.len()];
            assert!(
                !pack(&grid, 100, &mut bits, &shape),
                "state 2 at column {x}"
            );
        }
    }
}
