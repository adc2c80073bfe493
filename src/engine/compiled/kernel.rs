//! The kernels: rows of the next generation from the rows around them,
//! 64 cells to a word.
//!
//! The loops over a row's words are written so that the compiler vectorizes
//! them: no branches, no bounds checks, every word computed alike from the
//! words before, at and after it, which the frame of the packed torus makes
//! possible (see [`packed`](super::packed)). Bits past a row's last cell
//! come out as they may; the caller clears them. Every function here is
//! `#[inline(always)]`, so that the copy of the generation loop compiled
//! for wider vector units (see `simd`) gets its own copy of all of it.

use std::ops::Range;

use super::packed::Shape;

/// A word's 3×3 neighbourhood as nine bit planes, in the order of
/// [`Offset::bit`](super::Offset::bit): north-west, north, north-east,
/// west, the cells themselves, east, south-west, south, south-east.
pub(crate) type Planes = [u64; 9];

/// The current generation as the kernels read it: a framed packed torus.
#[derive(Clone, Copy)]
pub(crate) struct Source<'a> {
    /// Its shape.
    pub shape: Shape,
    /// Its words, frames and copied rows included.
    pub cells: &'a [u64],
}

/// Where the kernels gather what changed in a tile row, indexed like a
/// row's words: the changes of its top row, of the rows in between, and of
/// its bottom row (of the top row alone in a tile row of one row).
pub(crate) struct Changes<'a> {
    /// Changes of the top row.
    pub top: &'a mut [u64],
    /// Changes of the rows in between.
    pub middle: &'a mut [u64],
    /// Changes of the bottom row.
    pub bottom: &'a mut [u64],
}

impl<'a> Changes<'a> {
    /// Splits `scratch` (three rows' words) into the three.
    pub(crate) fn new(scratch: &'a mut [u64]) -> Changes<'a> {
        let words = scratch.len() / 3;
        let (top, rest) = scratch.split_at_mut(words);
        let (middle, bottom) = rest.split_at_mut(words);
        Changes {
            top,
            middle,
            bottom,
        }
    }

    /// Where row `i` of `count` rows gathers its changes.
    #[inline(always)]
    fn row(&mut self, i: usize, count: usize) -> &mut [u64] {
        if i == 0 {
            self.top
        } else if i + 1 == count {
            self.bottom
        } else {
            self.middle
        }
    }
}

/// The widest slot (in words) for which [`Kernel::dense`] steps a tile
/// row in one piece; wider rows are long enough to step one at a time.
const DENSE_STRIDE: usize = 1024;

/// Words of scratch a kernel needs for a torus of `shape` and tile rows of
/// `rows` rows.
pub(crate) fn scratch_len(shape: &Shape, rows: usize) -> usize {
    let dense = if shape.stride <= DENSE_STRIDE {
        (4 * (rows + 2) + rows) * shape.stride
    } else {
        0
    };
    dense.max(12 * shape.words)
}

/// Steps words of rows of the next generation.
pub(crate) trait Kernel: Sync {
    /// Words `words` of rows `rows` of the next generation, from `source`:
    /// written to `out` (the rows' slots, one after another), and each
    /// word's changes (`new ^ old`) ORed into `changes`. `scratch` is
    /// [`scratch_len`] words the kernel may use.
    fn rows(
        &self,
        source: Source<'_>,
        rows: Range<usize>,
        words: Range<usize>,
        out: &mut [u64],
        changes: &mut Changes<'_>,
        scratch: &mut [u64],
    );

    /// Steps every word of the `ROWS` rows from `top` on in one piece, if
    /// the kernel can: written to `out` (the rows' slots, frames included,
    /// which come out as they may). Returns the changes (`new ^ old`) laid
    /// out like `out`, in `scratch`; or `None`, having done nothing, if it
    /// cannot.
    fn dense<'s, const ROWS: usize>(
        &self,
        _source: Source<'_>,
        _top: usize,
        _out: &mut [u64],
        _scratch: &'s mut [u64],
    ) -> Option<&'s [u64]> {
        None
    }
}

/// The slot of row `y - 1` (`y` from 0, the copy of the last row, to
/// `rows + 1`, the copy of the first).
#[inline(always)]
fn slot<'a>(shape: &Shape, cells: &'a [u64], y: usize) -> &'a [u64] {
    &cells[y * shape.stride..(y + 1) * shape.stride]
}

/// `a + b + c` of three bit planes: (sum, carry).
#[inline(always)]
fn full_add(a: u64, b: u64, c: u64) -> (u64, u64) {
    let partial = a ^ b;
    (partial ^ c, a & b | partial & c)
}

/// `a + b` of two bit planes: (sum, carry).
#[inline(always)]
fn half_add(a: u64, b: u64) -> (u64, u64) {
    (a ^ b, a & b)
}

/// The rule of a totalistic kernel: the next state from the cell's own
/// state and its bit-sliced neighbour count.
pub(crate) trait Logic: Copy + Sync {
    /// The next state of 64 cells in `own` whose numbers of live
    /// neighbours have bits `count` (bit `i` of `count[k]` is bit `k` of
    /// cell `i`'s count, 0 to 8).
    fn next(self, own: u64, count: [u64; 4]) -> u64;
}

/// `B3/S23`: alive with three neighbours, or with two and alive already.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Conway;

impl Logic for Conway {
    #[inline(always)]
    fn next(self, own: u64, [ones, twos, fours, _]: [u64; 4]) -> u64 {
        // Counts 2 and 3 are the ones with the twos bit and neither fours
        // nor eights; 8 has no twos bit.
        twos & !fours & (ones | own)
    }
}

/// Any birth and survival masks, as a multiplexer tree over the count's
/// bits whose leaves are the masks' bits as all-zero or all-one words.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Masks {
    /// For each count 0 to 8: the birth leaf…
    birth: [u64; 9],
    /// …and the birth leaf XOR the survival leaf.
    differ: [u64; 9],
}

impl Masks {
    /// The logic of birth mask `birth` and survival mask `survival` (bit
    /// `n`: with `n` live neighbours).
    pub(crate) fn new(birth: u16, survival: u16) -> Masks {
        let leaf = |mask: u16, n: usize| 0u64.wrapping_sub(u64::from(mask >> n & 1));
        Masks {
            birth: std::array::from_fn(|n| leaf(birth, n)),
            differ: std::array::from_fn(|n| leaf(birth, n) ^ leaf(survival, n)),
        }
    }
}

/// `if select { b } else { a }`, bitwise.
#[inline(always)]
fn choose(select: u64, a: u64, b: u64) -> u64 {
    a ^ (select & (a ^ b))
}

impl Logic for Masks {
    #[inline(always)]
    fn next(self, own: u64, [ones, twos, fours, eights]: [u64; 4]) -> u64 {
        let mut leaf = [0; 9];
        for ((leaf, birth), differ) in leaf.iter_mut().zip(self.birth).zip(self.differ) {
            *leaf = birth ^ (own & differ);
        }
        let mut by_ones = [0; 4];
        for (by, pair) in by_ones.iter_mut().zip(leaf.chunks_exact(2)) {
            *by = choose(ones, pair[0], pair[1]);
        }
        let by_twos = [
            choose(twos, by_ones[0], by_ones[1]),
            choose(twos, by_ones[2], by_ones[3]),
        ];
        let below_eight = choose(fours, by_twos[0], by_twos[1]);
        choose(eights, below_eight, leaf[8])
    }
}

/// The bit-sliced adder kernel, for totalistic rules.
///
/// For each row it adds, with a full adder, the west, own and east bits of
/// each cell (two bit planes, 0 to 3) and, with a half adder, the west and
/// east bits (0 to 2). A cell's live neighbours are then the row above's
/// three, its own row's two and the row below's three: three two-bit
/// numbers, added with two full adders and two half adders. Each row's sums
/// serve the three rows around it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Adder<L>(pub L);

/// A row's sums, each indexed like the row's words: of three cells (bits 0
/// and 1) and of the two beside the middle one (bits 0 and 1).
struct Sums<'a> {
    three: [&'a mut [u64]; 2],
    two: [&'a mut [u64]; 2],
}

impl<'a> Sums<'a> {
    /// Four planes of `words` words from `scratch`.
    fn new(scratch: &'a mut [u64], words: usize) -> Sums<'a> {
        let (three0, rest) = scratch.split_at_mut(words);
        let (three1, rest) = rest.split_at_mut(words);
        let (two0, rest) = rest.split_at_mut(words);
        Sums {
            three: [three0, three1],
            two: [two0, &mut rest[..words]],
        }
    }

    /// Fills words `words` with the sums of the row whose slot is `slot`.
    #[inline(always)]
    fn add(&mut self, slot: &[u64], words: Range<usize>) {
        let Range { start, end } = words;
        // Word k of the row is slot[k + 1]; the words before and after it
        // are slot[k] and slot[k + 2]: three streams, one word apart.
        let (before, own, after) = (
            &slot[start..end],
            &slot[start + 1..end + 1],
            &slot[start + 2..end + 2],
        );
        let [three0, three1] = &mut self.three;
        let [two0, two1] = &mut self.two;
        add_row(
            [before, own, after],
            [&mut three0[start..end], &mut three1[start..end]],
            [&mut two0[start..end], &mut two1[start..end]],
        );
    }
}

/// The loop of [`Sums::add`]; a function of its own, so that the compiler
/// knows its slices do not overlap.
#[inline(always)]
fn add_row(
    [before, own, after]: [&[u64]; 3],
    [three0, three1]: [&mut [u64]; 2],
    [two0, two1]: [&mut [u64]; 2],
) {
    let sums = three0
        .iter_mut()
        .zip(three1.iter_mut())
        .zip(two0.iter_mut().zip(two1.iter_mut()));
    let words = before.iter().zip(own).zip(after);
    for (((three0, three1), (two0, two1)), ((&before, &own), &after)) in sums.zip(words) {
        let (west, east) = (own << 1 | before >> 63, own >> 1 | after << 63);
        let (sum, carry) = half_add(west, east);
        *two0 = sum;
        *two1 = carry;
        *three0 = sum ^ own;
        *three1 = carry | sum & own;
    }
}

/// The loop of the adder kernel over one row: the row above's sums of
/// three, its own row's sums of two and the row below's sums of three give
/// each cell's neighbour count, and `logic` its next state.
#[inline(always)]
fn next_row<L: Logic, const ACCUMULATE: bool>(
    logic: L,
    [a0, a1]: [&[u64]; 2],
    [b0, b1]: [&[u64]; 2],
    [c0, c1]: [&[u64]; 2],
    own: &[u64],
    out: &mut [u64],
    changes: &mut [u64],
) {
    let sums = a0
        .iter()
        .zip(a1)
        .zip(b0.iter().zip(b1))
        .zip(c0.iter().zip(c1));
    let cells = own.iter().zip(out.iter_mut()).zip(changes.iter_mut());
    for ((((&a0, &a1), (&b0, &b1)), (&c0, &c1)), ((&own, out), changes)) in sums.zip(cells) {
        let (ones, carry) = full_add(a0, b0, c0);
        let (twos, fours) = full_add(a1, b1, c1);
        let (twos, more_fours) = half_add(twos, carry);
        let (fours, eights) = half_add(fours, more_fours);
        let next = logic.next(own, [ones, twos, fours, eights]);
        *out = next;
        *changes = if ACCUMULATE {
            *changes | next ^ own
        } else {
            next ^ own
        };
    }
}

/// Runs of at most this many words are stepped a word column at a time
/// ([`Adder::column`]); wider ones a row at a time, vectorized.
const NARROW: usize = 4;

/// The sums of one word of a row: of three cells (bits 0 and 1), of the two
/// beside the middle one (bits 0 and 1), and the word itself.
#[derive(Clone, Copy)]
struct WordSums {
    three: [u64; 2],
    two: [u64; 2],
    own: u64,
}

impl WordSums {
    /// The sums of word `k` of the row in slot `y`.
    #[inline(always)]
    fn of(shape: &Shape, cells: &[u64], y: usize, k: usize) -> WordSums {
        let at = y * shape.stride + k;
        let (before, own, after) = (cells[at], cells[at + 1], cells[at + 2]);
        let (west, east) = (own << 1 | before >> 63, own >> 1 | after << 63);
        let (sum, carry) = half_add(west, east);
        WordSums {
            three: [sum ^ own, carry | sum & own],
            two: [sum, carry],
            own,
        }
    }
}

impl<L: Logic> Adder<L> {
    /// Word `k` of rows `rows`, walking down the column with the sums of
    /// three rows at hand: for narrow runs of tiles, where setting up a
    /// vectorized loop for every row would cost more than the words.
    #[inline(always)]
    fn column(
        &self,
        shape: &Shape,
        cells: &[u64],
        rows: Range<usize>,
        k: usize,
        out: &mut [u64],
        changes: &mut Changes<'_>,
    ) {
        let count = rows.len();
        // Slot y + 1 holds row y.
        let mut above = WordSums::of(shape, cells, rows.start, k);
        let mut middle = WordSums::of(shape, cells, rows.start + 1, k);
        for (i, y) in rows.enumerate() {
            let below = WordSums::of(shape, cells, y + 2, k);
            let (ones, carry) = full_add(above.three[0], middle.two[0], below.three[0]);
            let (twos, fours) = full_add(above.three[1], middle.two[1], below.three[1]);
            let (twos, more_fours) = half_add(twos, carry);
            let (fours, eights) = half_add(fours, more_fours);
            let next = self.0.next(middle.own, [ones, twos, fours, eights]);
            out[i * shape.stride + 1 + k] = next;
            changes.row(i, count)[k] |= next ^ middle.own;
            above = middle;
            middle = below;
        }
    }
}

impl<L: Logic> Kernel for Adder<L> {
    #[inline(always)]
    fn rows(
        &self,
        Source { shape, cells }: Source<'_>,
        rows: Range<usize>,
        words: Range<usize>,
        out: &mut [u64],
        changes: &mut Changes<'_>,
        scratch: &mut [u64],
    ) {
        let shape = &shape;
        let (w, count) = (shape.words, rows.len());
        if words.len() <= NARROW {
            for k in words {
                self.column(shape, cells, rows.clone(), k, out, changes);
            }
            return;
        }
        let [a, b, c] = {
            let (a, rest) = scratch.split_at_mut(4 * w);
            let (b, c) = rest.split_at_mut(4 * w);
            [a, b, c]
        };
        let mut ring = [Sums::new(a, w), Sums::new(b, w), Sums::new(c, w)];
        // Slot y + 1 holds row y: the rows above and at the first.
        ring[0].add(slot(shape, cells, rows.start), words.clone());
        ring[1].add(slot(shape, cells, rows.start + 1), words.clone());
        let Range { start, end } = words;
        for (i, y) in rows.enumerate() {
            ring[(i + 2) % 3].add(slot(shape, cells, y + 2), start..end);
            let (above, middle, below) = (&ring[i % 3], &ring[(i + 1) % 3], &ring[(i + 2) % 3]);
            let own = &slot(shape, cells, y + 1)[start + 1..end + 1];
            let out = &mut out[i * shape.stride + 1 + start..i * shape.stride + 1 + end];
            let changes = &mut changes.row(i, count)[start..end];
            next_row::<L, true>(
                self.0,
                [&above.three[0][start..end], &above.three[1][start..end]],
                [&middle.two[0][start..end], &middle.two[1][start..end]],
                [&below.three[0][start..end], &below.three[1][start..end]],
                own,
                out,
                changes,
            );
        }
    }

    /// Adds up every word of the rows' slots and those above and below in
    /// one stretch, then steps the rows' slots in another, frames and all:
    /// a word's neighbours in the row above or below are a stride away.
    #[inline(always)]
    fn dense<'s, const ROWS: usize>(
        &self,
        Source { shape, cells }: Source<'_>,
        top: usize,
        out: &mut [u64],
        scratch: &'s mut [u64],
    ) -> Option<&'s [u64]> {
        let stride = shape.stride;
        if stride > DENSE_STRIDE {
            return None;
        }
        // Slot y holds row y - 1: from the row above the top to the row
        // below the bottom.
        let len = (ROWS + 2) * stride;
        let rows = &cells[top * stride..top * stride + len];
        let (three0, rest) = scratch.split_at_mut(len);
        let (three1, rest) = rest.split_at_mut(len);
        let (two0, rest) = rest.split_at_mut(len);
        let (two1, rest) = rest.split_at_mut(len);
        let n = ROWS * stride;
        let diff = &mut rest[..n];
        add_row(
            [&rows[..len - 2], &rows[1..len - 1], &rows[2..]],
            [&mut three0[1..len - 1], &mut three1[1..len - 1]],
            [&mut two0[1..len - 1], &mut two1[1..len - 1]],
        );
        next_row::<L, false>(
            self.0,
            [&three0[..n], &three1[..n]],
            [&two0[stride..stride + n], &two1[stride..stride + n]],
            [&three0[2 * stride..], &three1[2 * stride..]],
            &rows[stride..stride + n],
            &mut out[..n],
            diff,
        );
        Some(diff)
    }
}

/// The table kernel: each cell's nine neighbourhood bits index a 512-entry
/// table, a sliding window over the three rows.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lookup {
    /// Bit `i % 64` of word `i / 64`: the next state of neighbourhood `i`.
    pub table: [u64; 8],
}

impl Lookup {
    /// The next state of the 64 cells whose neighbourhoods are `planes`.
    ///
    /// The planes are three rows and their shifts: for each row, bits 1 to
    /// 63 of the west plane are bits 0 to 62 of the row's own plane, and
    /// bits 0 to 62 of the east plane are bits 1 to 63 of it.
    #[inline(always)]
    pub(crate) fn word(&self, planes: Planes) -> u64 {
        let (mut north, mut middle, mut south) = (
            window(planes[0], planes[1], planes[2]),
            window(planes[3], planes[4], planes[5]),
            window(planes[6], planes[7], planes[8]),
        );
        let mut next = 0;
        for i in 0..64 {
            let index =
                (north & 7) as usize | ((middle & 7) as usize) << 3 | ((south & 7) as usize) << 6;
            next |= (self.table[index / 64] >> (index % 64) & 1) << i;
            north >>= 1;
            middle >>= 1;
            south >>= 1;
        }
        next
    }
}

/// A row's window for the lookup kernel: bits i, i + 1 and i + 2 are the
/// west, own and east cells of cell i.
#[inline(always)]
fn window(west: u64, own: u64, east: u64) -> u128 {
    u128::from(west & 1) | u128::from(own) << 1 | u128::from(east >> 63) << 65
}

impl Kernel for Lookup {
    #[inline(always)]
    fn rows(
        &self,
        Source { shape, cells }: Source<'_>,
        rows: Range<usize>,
        words: Range<usize>,
        out: &mut [u64],
        changes: &mut Changes<'_>,
        _scratch: &mut [u64],
    ) {
        let shape = &shape;
        let count = rows.len();
        let Range { start, end } = words;
        for (i, y) in rows.enumerate() {
            let three = [y, y + 1, y + 2].map(|y| &slot(shape, cells, y)[start..end + 2]);
            let out = &mut out[i * shape.stride + 1 + start..i * shape.stride + 1 + end];
            let changes = &mut changes.row(i, count)[start..end];
            for k in 0..end - start {
                let mut planes = [0; 9];
                for (r, row) in three.iter().enumerate() {
                    let (before, own, after) = (row[k], row[k + 1], row[k + 2]);
                    planes[3 * r] = own << 1 | before >> 63;
                    planes[3 * r + 1] = own;
                    planes[3 * r + 2] = own >> 1 | after << 63;
                }
                let next = self.word(planes);
                out[k] = next;
                changes[k] |= next ^ planes[4];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The number of live cells among the eight neighbours, bit-sliced, the
    /// plain way: a reference for the logic's tests.: bit `i`
    /// of `count[k]` is bit `k` of cell `i`'s count (0 to 8).
    fn count(planes: Planes) -> [u64; 4] {
        let [nw, n, ne, w, _, e, sw, s, se] = planes;
        let (north0, north1) = full_add(nw, n, ne);
        let (middle0, middle1) = half_add(w, e);
        let (south0, south1) = full_add(sw, s, se);
        let (ones, carry) = full_add(north0, middle0, south0);
        let (twos, fours) = full_add(north1, middle1, south1);
        let (twos, more_fours) = half_add(twos, carry);
        let (fours, eights) = half_add(fours, more_fours);
        [ones, twos, fours, eights]
    }

    /// The planes of 64 independent cells, cell `i` with neighbourhood
    /// `index(i)`.
    fn planes_of(index: impl Fn(usize) -> u16) -> Planes {
        std::array::from_fn(|bit| {
            (0..64).fold(0u64, |plane, i| plane | u64::from(index(i) >> bit & 1) << i)
        })
    }

    #[test]
    fn the_reference_count_counts_every_neighbourhood() {
        for start in (0..512).step_by(64) {
            let [ones, twos, fours, eights] = count(planes_of(|i| (start + i) as u16));
            for i in 0..64 {
                let index = (start + i) as u16;
                let expected = (index & !(1 << 4)).count_ones() as u64;
                let counted = (ones >> i & 1)
                    | (twos >> i & 1) << 1
                    | (fours >> i & 1) << 2
                    | (eights >> i & 1) << 3;
                assert_eq!(counted, expected, "neighbourhood {index:#011b}");
            }
        }
    }

    #[test]
    fn masks_agree_with_conway_and_with_the_definition() {
        let life = Masks::new(1 << 3, 1 << 2 | 1 << 3);
        for start in (0..512).step_by(64) {
            let planes = planes_of(|i| (start + i) as u16);
            let count = count(planes);
            assert_eq!(life.next(planes[4], count), Conway.next(planes[4], count));
        }
        for (birth, survival) in [
            (0x1FF, 0),
            (0, 0x1FF),
            (0b1_0000_0001, 0b1_0101_0101),
            (0x0A5, 0x15A),
        ] {
            let masks = Masks::new(birth, survival);
            for start in (0..512).step_by(64) {
                let planes = planes_of(|i| (start + i) as u16);
                let next = masks.next(planes[4], count(planes));
                for i in 0..64 {
                    let index = start + i;
                    let n = (index & !(1 << 4)).count_ones();
                    let set = if index >> 4 & 1 == 1 { survival } else { birth };
                    assert_eq!(
                        next >> i & 1,
                        u64::from(set >> n & 1),
                        "B{birth:b}/S{survival:b} at {index:#011b}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_lookup_kernel_indexes_the_table() {
        // An irregular table.
        let mut table = [0u64; 8];
        for index in 0..512 {
            if index % 3 == 1 || index % 7 == 0 {
                table[index / 64] |= 1 << (index % 64);
            }
        }
        let lookup = Lookup { table };
        let mut random = crate::soup::SplitMix64::new(3);
        {
            let cells = 64;
            for _ in 0..50 {
                // Three rows with their neighbours' bits shifted in, as
                // `sweep_row` makes them.
                let mut planes = [0; 9];
                for r in 0..3 {
                    let own = random.next_u64();
                    let (west, east) = (random.next_u64() & 1, random.next_u64() & 1);
                    planes[3 * r] = own << 1 | west;
                    planes[3 * r + 1] = own;
                    planes[3 * r + 2] = own >> 1 | east << 63;
                }
                let next = lookup.word(planes);
                for i in 0..cells {
                    let index =
                        (0..9).fold(0, |index, k| index | (planes[k] >> i & 1) << k) as usize;
                    assert_eq!(
                        next >> i & 1,
                        table[index / 64] >> (index % 64) & 1,
                        "cell {i}"
                    );
                }
            }
        }
    }

    /// Steps rows into its `out`, `changes` and `scratch`.
    type Stepper<'a> = &'a dyn Fn(&mut [u64], &mut Changes<'_>, &mut [u64]);

    /// Every way the adder kernel steps words — a column at a time, a row
    /// at a time, a whole tile row at once — gives what the lookup kernel
    /// gives with Conway's table.
    #[test]
    fn the_adder_paths_agree_with_the_lookup_kernel() {
        use crate::engine::compiled::packed::{Shape, pack};
        let table =
            crate::engine::compiled::RuleTable::probe(&crate::Rule::LIFE).expect("Life compiles");
        let lookup = Lookup {
            table: *table.bits(),
        };
        let adder = Adder(Conway);
        const ROWS: usize = 16;
        for (rows, cols) in [(20, 700), (16, 64), (17, 130), (40, 1000)] {
            let grid = crate::soup::soup(rows, cols, 99).expect("grid");
            let shape = Shape::new(rows, cols);
            let mut cells = vec![0; shape.len()];
            assert!(pack(&grid, &mut cells));
            let source = Source {
                shape,
                cells: &cells,
            };
            let words = shape.words;
            let mut scratch = vec![0; scratch_len(&shape, ROWS)];
            let step = |kernel: Stepper<'_>, range: Range<usize>| {
                let mut out = vec![0; ROWS.min(rows) * shape.stride];
                let mut gathered = vec![0; 3 * words];
                let mut scratch = vec![0; scratch_len(&shape, ROWS)];
                kernel(&mut out, &mut Changes::new(&mut gathered), &mut scratch);
                // Only the words stepped, and only their cells, count.
                let mut stepped = Vec::new();
                for row in out.chunks_exact(shape.stride) {
                    for k in range.clone() {
                        let valid = if k + 1 == words {
                            shape.tail_mask()
                        } else {
                            u64::MAX
                        };
                        stepped.push(row[1 + k] & valid);
                    }
                }
                stepped
            };
            let top = 1.min(rows - ROWS.min(rows));
            let tile = top..top + ROWS.min(rows);
            for range in [
                0..words,
                0..1.min(words),
                words - 1..words,
                1.min(words - 1)..words,
                0..words.min(6),
            ] {
                let expected = step(
                    &|out, changes, scratch| {
                        lookup.rows(source, tile.clone(), range.clone(), out, changes, scratch)
                    },
                    range.clone(),
                );
                let actual = step(
                    &|out, changes, scratch| {
                        adder.rows(source, tile.clone(), range.clone(), out, changes, scratch)
                    },
                    range.clone(),
                );
                assert_eq!(actual, expected, "{rows}x{cols}, words {range:?}");
            }
            if tile.len() == ROWS {
                let expected = step(
                    &|out, changes, scratch| {
                        lookup.rows(source, tile.clone(), 0..words, out, changes, scratch)
                    },
                    0..words,
                );
                let mut out = vec![0; ROWS * shape.stride];
                if adder
                    .dense::<ROWS>(source, tile.start, &mut out, &mut scratch)
                    .is_some()
                {
                    let mut actual = Vec::new();
                    for row in out.chunks_exact(shape.stride) {
                        for k in 0..words {
                            let valid = if k + 1 == words {
                                shape.tail_mask()
                            } else {
                                u64::MAX
                            };
                            actual.push(row[1 + k] & valid);
                        }
                    }
                    assert_eq!(actual, expected, "{rows}x{cols}, dense");
                }
            }
        }
    }
}
