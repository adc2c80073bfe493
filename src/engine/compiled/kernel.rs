//! The kernels: rows of the next generation from the rows around them,
//! 64 cells to a word.
//!
//! The adder kernel walks down columns of words: [`QUAD`] words side by side
//! (which the compiler turns into vector instructions: two SSE2 registers,
//! or one AVX2 register), with the sums of the rows above, at and below the
//! row being stepped at hand, so that each row's words are read once and
//! each next word written once. Thanks to the frame of the packed torus
//! (see [`packed`](super::packed)) every word is computed alike from the
//! words before, at and after it. Bits past a row's last cell come out as
//! they may; the caller clears them. Every function here is
//! `#[inline(always)]`, so that the copy of the generation loop compiled
//! for wider vector units (see `simd`) gets its own copy of all of it.

use std::ops::{BitAnd, BitOr, BitXor, Not, Range, Shl, Shr};

use super::packed::Shape;

/// Words a column walk takes side by side.
pub(crate) const QUAD: usize = 4;

/// Bit planes: one word of 64 cells, or [`QUAD`] of them side by side.
pub(crate) trait Bits:
    Copy
    + PartialEq
    + BitAnd<Output = Self>
    + BitOr<Output = Self>
    + BitXor<Output = Self>
    + Not<Output = Self>
    + Shl<u32, Output = Self>
    + Shr<u32, Output = Self>
{
    /// Every word `word`.
    fn splat(word: u64) -> Self;
    /// The words of `slice` from `at` on.
    fn load(slice: &[u64], at: usize) -> Self;
    /// Writes the words into `slice` from `at` on.
    fn store(self, slice: &mut [u64], at: usize);
    /// ORs the words into `slice` from `at` on.
    fn or_into(self, slice: &mut [u64], at: usize);
}

impl Bits for u64 {
    #[inline(always)]
    fn splat(word: u64) -> u64 {
        word
    }

    #[inline(always)]
    fn load(slice: &[u64], at: usize) -> u64 {
        slice[at]
    }

    #[inline(always)]
    fn store(self, slice: &mut [u64], at: usize) {
        slice[at] = self;
    }

    #[inline(always)]
    fn or_into(self, slice: &mut [u64], at: usize) {
        slice[at] |= self;
    }
}

/// `N` words side by side, each operation applied to each lane, so that
/// the compiler sees `N` alike operations to put in vector registers.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Lanes<const N: usize>(pub [u64; N]);

/// [`QUAD`] words side by side.
pub(crate) type Quad = Lanes<QUAD>;

macro_rules! lane_by_lane {
    ($trait:ident, $method:ident, $op:tt) => {
        impl<const N: usize> $trait for Lanes<N> {
            type Output = Lanes<N>;

            #[inline(always)]
            fn $method(self, other: Lanes<N>) -> Lanes<N> {
                Lanes(std::array::from_fn(|i| self.0[i] $op other.0[i]))
            }
        }
    };
}

lane_by_lane!(BitAnd, bitand, &);
lane_by_lane!(BitOr, bitor, |);
lane_by_lane!(BitXor, bitxor, ^);

impl<const N: usize> Not for Lanes<N> {
    type Output = Lanes<N>;

    #[inline(always)]
    fn not(self) -> Lanes<N> {
        Lanes(self.0.map(|word| !word))
    }
}

impl<const N: usize> Shl<u32> for Lanes<N> {
    type Output = Lanes<N>;

    #[inline(always)]
    fn shl(self, by: u32) -> Lanes<N> {
        Lanes(self.0.map(|word| word << by))
    }
}

impl<const N: usize> Shr<u32> for Lanes<N> {
    type Output = Lanes<N>;

    #[inline(always)]
    fn shr(self, by: u32) -> Lanes<N> {
        Lanes(self.0.map(|word| word >> by))
    }
}

impl<const N: usize> Bits for Lanes<N> {
    #[inline(always)]
    fn splat(word: u64) -> Lanes<N> {
        Lanes([word; N])
    }

    #[inline(always)]
    fn load(slice: &[u64], at: usize) -> Lanes<N> {
        let mut words = [0; N];
        words.copy_from_slice(&slice[at..at + N]);
        Lanes(words)
    }

    #[inline(always)]
    fn store(self, slice: &mut [u64], at: usize) {
        slice[at..at + N].copy_from_slice(&self.0);
    }

    #[inline(always)]
    fn or_into(self, slice: &mut [u64], at: usize) {
        for (word, lane) in slice[at..at + N].iter_mut().zip(self.0) {
            *word |= lane;
        }
    }
}

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

/// Where a kernel reports what changed in the rows it stepped, indexed
/// like a row's words: the changes of the first row, of every row, and of
/// the last row (ORed in; the three are zeroed when handed over), and the
/// rows, counted from the first, between which each word changed.
pub(crate) struct Changes<'a> {
    /// Changes of the first row stepped.
    pub first: &'a mut [u64],
    /// Changes of every row stepped.
    pub all: &'a mut [u64],
    /// Changes of the last row stepped.
    pub last: &'a mut [u64],
    /// For each word that changed, a [`Span`] of the rows where it did (a
    /// kernel may give a wider one, up to all the rows it stepped).
    pub spans: &'a mut [Span],
}

impl<'a> Changes<'a> {
    /// Splits `scratch` (three rows' words) and `spans` (a row's).
    pub(crate) fn new(scratch: &'a mut [u64], spans: &'a mut [Span]) -> Changes<'a> {
        let words = scratch.len() / 3;
        let (first, rest) = scratch.split_at_mut(words);
        let (all, last) = rest.split_at_mut(words);
        Changes {
            first,
            all,
            last,
            spans,
        }
    }
}

/// Rows `first` to `last` (both included) of some range of rows, packed in
/// a `u16`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub(crate) struct Span(u16);

impl Span {
    /// Rows `first` to `last`, both below 256.
    #[inline(always)]
    pub(crate) fn new(first: usize, last: usize) -> Span {
        Span(first as u16 | (last as u16) << 8)
    }

    /// The first row.
    #[inline(always)]
    pub(crate) fn first(self) -> usize {
        usize::from(self.0 & 0xFF)
    }

    /// The last row.
    #[inline(always)]
    pub(crate) fn last(self) -> usize {
        usize::from(self.0 >> 8)
    }
}

/// Steps words of rows of the next generation.
pub(crate) trait Kernel: Sync {
    /// Words `words` of rows `rows` of the next generation, from `source`:
    /// written to `out` (the rows' slots, one after another), and what
    /// changed (`new ^ old`) reported in `changes`. A kernel may step more
    /// words of those rows than asked (any word's next state is right);
    /// it returns the words it stepped and reported.
    fn rows(
        &self,
        source: Source<'_>,
        rows: Range<usize>,
        words: Range<usize>,
        out: &mut [u64],
        changes: &mut Changes<'_>,
    ) -> Range<usize>;
}

/// `a + b + c` of three bit planes: (sum, carry).
#[inline(always)]
fn full_add<B: Bits>(a: B, b: B, c: B) -> (B, B) {
    let partial = a ^ b;
    (partial ^ c, a & b | partial & c)
}

/// `a + b` of two bit planes: (sum, carry).
#[inline(always)]
fn half_add<B: Bits>(a: B, b: B) -> (B, B) {
    (a ^ b, a & b)
}

/// The rule of a totalistic kernel: the next state from the cell's own
/// state and its bit-sliced neighbour count.
pub(crate) trait Logic: Copy + Sync {
    /// The next state of cells in `own` whose numbers of live neighbours
    /// have bits `count` (bit `i` of `count[k]` is bit `k` of cell `i`'s
    /// count, 0 to 8).
    fn next<B: Bits>(self, own: B, count: [B; 4]) -> B;
}

/// `B3/S23`: alive with three neighbours, or with two and alive already.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Conway;

impl Logic for Conway {
    #[inline(always)]
    fn next<B: Bits>(self, own: B, [ones, twos, fours, _]: [B; 4]) -> B {
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
fn choose<B: Bits>(select: B, a: B, b: B) -> B {
    a ^ (select & (a ^ b))
}

impl Logic for Masks {
    #[inline(always)]
    fn next<B: Bits>(self, own: B, [ones, twos, fours, eights]: [B; 4]) -> B {
        let leaf = |n: usize| B::splat(self.birth[n]) ^ (own & B::splat(self.differ[n]));
        let (l0, l1, l2, l3) = (leaf(0), leaf(1), leaf(2), leaf(3));
        let (l4, l5, l6, l7) = (leaf(4), leaf(5), leaf(6), leaf(7));
        let by_twos = [
            choose(twos, choose(ones, l0, l1), choose(ones, l2, l3)),
            choose(twos, choose(ones, l4, l5), choose(ones, l6, l7)),
        ];
        let below_eight = choose(fours, by_twos[0], by_twos[1]);
        choose(eights, below_eight, leaf(8))
    }
}

/// The bit-sliced adder kernel, for totalistic rules.
///
/// For each row it adds, with a full adder, the west, own and east bits of
/// each cell (two bit planes, 0 to 3) and, with a half adder, the west and
/// east bits (0 to 2). A cell's live neighbours are then the row above's
/// three, its own row's two and the row below's three: three two-bit
/// numbers, added with two full adders and two half adders. Walking down a
/// column, each row's sums serve the three rows around it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Adder<L>(pub L);

/// The sums of words of a row: of three cells (bits 0 and 1), of the two
/// beside the middle one (bits 0 and 1), and the words themselves.
#[derive(Clone, Copy)]
struct Sums<B> {
    three: [B; 2],
    two: [B; 2],
    own: B,
}

impl<B: Bits> Sums<B> {
    /// The sums of the words of a row from word `k` on, given the row's
    /// slot (so word `k` is `slot[k + 1]`).
    #[inline(always)]
    fn of(slot: &[u64], k: usize) -> Sums<B> {
        let (before, own, after) = (B::load(slot, k), B::load(slot, k + 1), B::load(slot, k + 2));
        let (west, east) = (own << 1 | before >> 63, own >> 1 | after << 63);
        let (sum, carry) = half_add(west, east);
        Sums {
            three: [sum ^ own, carry | sum & own],
            two: [sum, carry],
            own,
        }
    }
}

impl<L: Logic> Adder<L> {
    /// Words `k` onwards (as many as `B` has, `width`) of rows `rows`,
    /// walking down the column with the sums of three rows at hand. With
    /// `SPANS`, finds the rows where each word changed (for the narrow runs
    /// of tiles of sparse patterns, where it pays); otherwise reports them
    /// all.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn column<B: Bits, const SPANS: bool>(
        &self,
        shape: &Shape,
        cells: &[u64],
        rows: Range<usize>,
        (k, width): (usize, usize),
        out: &mut [u64],
        changes: &mut Changes<'_>,
    ) {
        let (stride, count) = (shape.stride, rows.len());
        // Every word read is within its slot, every word written within
        // its row: checked once here rather than at each access.
        assert!(k + width + 2 <= stride);
        // Slot y + 1 holds row y: from the row above the first to the row
        // below the last.
        let mut slots = cells[rows.start * stride..(rows.end + 2) * stride].chunks_exact(stride);
        let (Some(first), Some(second)) = (slots.next(), slots.next()) else {
            return;
        };
        let mut above = Sums::<B>::of(first, k);
        let mut middle = Sums::<B>::of(second, k);
        let zero = B::splat(0);
        let (mut top, mut all, mut bottom) = (zero, zero, zero);
        let (mut changed_first, mut changed_last) = (count, 0);
        let out = out[..count * stride].chunks_exact_mut(stride);
        for (i, (slot, out)) in slots.zip(out).enumerate() {
            let below = Sums::<B>::of(slot, k);
            let (ones, carry) = full_add(above.three[0], middle.two[0], below.three[0]);
            let (twos, fours) = full_add(above.three[1], middle.two[1], below.three[1]);
            let (twos, more_fours) = half_add(twos, carry);
            let (fours, eights) = half_add(fours, more_fours);
            let next = self.0.next(middle.own, [ones, twos, fours, eights]);
            next.store(out, k + 1);
            let changed = next ^ middle.own;
            if i == 0 {
                top = changed;
            }
            bottom = changed;
            all = all | changed;
            if SPANS && changed != zero {
                changed_first = changed_first.min(i);
                changed_last = i;
            }
            above = middle;
            middle = below;
        }
        top.or_into(changes.first, k);
        all.or_into(changes.all, k);
        bottom.or_into(changes.last, k);
        let span = if SPANS {
            Span::new(changed_first.min(changed_last), changed_last)
        } else {
            Span::new(0, count - 1)
        };
        changes.spans[k..k + width].fill(span);
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
    ) -> Range<usize> {
        let Range { start, end } = words;
        if end - start < QUAD {
            // A narrow run: a sparse pattern, whose changes are worth
            // pinning down to rows. Four words at once even so, if the
            // row has them: the words beside the run cost nothing more.
            if shape.words >= QUAD {
                let k = start.min(shape.words - QUAD);
                self.column::<Quad, true>(&shape, cells, rows, (k, QUAD), out, changes);
                return k..k + QUAD;
            }
            for k in start..end {
                self.column::<u64, true>(&shape, cells, rows.clone(), (k, 1), out, changes);
            }
            return words;
        }
        let quads = start + (end - start) / QUAD * QUAD;
        for k in (start..quads).step_by(QUAD) {
            self.column::<Quad, false>(&shape, cells, rows.clone(), (k, QUAD), out, changes);
        }
        for k in quads..end {
            self.column::<u64, false>(&shape, cells, rows.clone(), (k, 1), out, changes);
        }
        words
    }
}

/// The slot of row `y - 1` (`y` from 0, the copy of the last row, to
/// `rows + 1`, the copy of the first).
#[inline(always)]
fn slot<'a>(shape: &Shape, cells: &'a [u64], y: usize) -> &'a [u64] {
    &cells[y * shape.stride..(y + 1) * shape.stride]
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
    ) -> Range<usize> {
        let shape = &shape;
        let count = rows.len();
        let Range { start, end } = words;
        for (i, y) in rows.enumerate() {
            let three = [y, y + 1, y + 2].map(|y| &slot(shape, cells, y)[start..end + 2]);
            let out = &mut out[i * shape.stride + 1 + start..i * shape.stride + 1 + end];
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
                let changed = next ^ planes[4];
                changes.all[start + k] |= changed;
                if i == 0 {
                    changes.first[start + k] |= changed;
                }
                if i + 1 == count {
                    changes.last[start + k] |= changed;
                }
            }
        }
        changes.spans[start..end].fill(Span::new(0, count - 1));
        start..end
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
            assert_eq!(
                life.next(planes[4], count),
                Conway.next::<u64>(planes[4], count)
            );
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
                let next: u64 = masks.next(planes[4], count(planes));
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

    /// Steps rows into its `out` and `changes`.
    type Stepper<'a> = &'a dyn Fn(&mut [u64], &mut Changes<'_>) -> Range<usize>;

    /// Every way the adder kernel steps words — four columns at once or
    /// one — gives what the lookup kernel gives with Conway's table, and
    /// the same changes.
    #[test]
    fn the_adder_kernel_agrees_with_the_lookup_kernel() {
        use crate::engine::compiled::packed::{Shape, pack};
        let table =
            crate::engine::compiled::RuleTable::probe(&crate::Rule::LIFE).expect("Life compiles");
        let lookup = Lookup {
            table: *table.bits(),
        };
        let adder = Adder(Conway);
        for (rows, cols) in [(20, 700), (16, 64), (17, 130), (40, 1000), (3, 1), (1, 300)] {
            let grid = crate::soup::soup(rows, cols, 99).expect("grid");
            let shape = Shape::new(rows, cols);
            let mut cells = vec![0; shape.len()];
            assert!(pack(&grid, 0, &mut cells, &shape));
            let source = Source {
                shape,
                cells: &cells,
            };
            let words = shape.words;
            let step = |kernel: Stepper<'_>, tile: Range<usize>, range: Range<usize>| {
                let mut out = vec![0; tile.len() * shape.stride];
                let mut gathered = vec![0; 3 * words];
                let mut spans = vec![Span::default(); words];
                let stepped = kernel(&mut out, &mut Changes::new(&mut gathered, &mut spans));
                assert!(stepped.start <= range.start && range.end <= stepped.end);
                // Only the words stepped, and only their cells, count.
                let valid = |k: usize| {
                    if k + 1 == words {
                        shape.tail_mask()
                    } else {
                        u64::MAX
                    }
                };
                let mut stepped = Vec::new();
                for row in out.chunks_exact(shape.stride) {
                    stepped.extend(range.clone().map(|k| row[1 + k] & valid(k)));
                }
                // The first row's changes, the last row's, and all of them.
                let (first, rest) = gathered.split_at(words);
                let (all, last) = rest.split_at(words);
                for k in range.clone() {
                    stepped.extend([first[k], last[k], all[k]].map(|c| c & valid(k)));
                }
                // Every row where a word changed lies within its span.
                for (i, (row, y)) in out.chunks_exact(shape.stride).zip(tile.clone()).enumerate() {
                    for k in range.clone() {
                        let changed = (row[1 + k] ^ cells[shape.slot(y) + 1 + k]) & valid(k);
                        let span = spans[k];
                        assert!(
                            changed == 0 || (span.first()..=span.last()).contains(&i),
                            "row {i} of word {k} changed outside {span:?}"
                        );
                    }
                }
                stepped
            };
            for tile in [
                0..rows.min(16),
                rows - 1..rows,
                rows.saturating_sub(5)..rows,
            ] {
                for range in [
                    0..words,
                    0..1,
                    words - 1..words,
                    1.min(words - 1)..words,
                    0..words.min(6),
                ] {
                    let expected = step(
                        &|out, changes| {
                            lookup.rows(source, tile.clone(), range.clone(), out, changes)
                        },
                        tile.clone(),
                        range.clone(),
                    );
                    let actual = step(
                        &|out, changes| {
                            adder.rows(source, tile.clone(), range.clone(), out, changes)
                        },
                        tile.clone(),
                        range.clone(),
                    );
                    assert_eq!(
                        actual, expected,
                        "{rows}x{cols}, rows {tile:?}, words {range:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_quad_computes_what_its_words_compute_alone() {
        let mut random = crate::soup::SplitMix64::new(11);
        let masks = Masks::new(0b1_0100_1001, 0b0_1011_0110);
        for _ in 0..100 {
            let lanes: Vec<[u64; 5]> = (0..QUAD)
                .map(|_| std::array::from_fn(|_| random.next_u64()))
                .collect();
            let quad = |k: usize| Lanes([lanes[0][k], lanes[1][k], lanes[2][k], lanes[3][k]]);
            let count = [quad(1), quad(2), quad(3), quad(4)];
            let (conway, any) = (Conway.next(quad(0), count), masks.next(quad(0), count));
            for (j, lane) in lanes.iter().enumerate() {
                let count = [lane[1], lane[2], lane[3], lane[4]];
                assert_eq!(conway.0[j], Conway.next(lane[0], count));
                assert_eq!(any.0[j], masks.next(lane[0], count));
            }
        }
    }
}
