//! The bit-sliced adder kernel and the logic it applies to the counts it
//! adds up.

use std::ops::Range;

use super::Kernel;
use super::bits::{Bits, QUAD, Quad};
use super::torus::{Changes, Span, Torus};

/// `a + b + c` of three bit planes: (sum, carry).
#[inline(always)]
pub(super) fn full_add<B: Bits>(a: B, b: B, c: B) -> (B, B) {
    let partial = a ^ b;
    (partial ^ c, a & b | partial & c)
}

/// `a + b` of two bit planes: (sum, carry).
#[inline(always)]
pub(super) fn half_add<B: Bits>(a: B, b: B) -> (B, B) {
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
pub(crate) struct Sums<B> {
    three: [B; 2],
    two: [B; 2],
    pub(crate) own: B,
}

impl<B: Bits> Sums<B> {
    /// The sums of the words of a row from word `k` on, given the row's
    /// slot (so word `k` is `slot[k + 1]`).
    #[inline(always)]
    fn of(slot: &[u64], k: usize) -> Sums<B> {
        Sums::new(B::load(slot, k), B::load(slot, k + 1), B::load(slot, k + 2))
    }

    /// The sums of a column's words of a row, given the words the column
    /// reads of it (`window`: its own and one either side) and `kept`, of
    /// [`QUAD`] words: with `FOLLOWS`, the last of them is the word before the
    /// column's first as it was, to be read instead of the window's; with
    /// `KEEPS`, the column's words are kept there in turn, ending with the
    /// last.
    #[inline(always)]
    fn kept<const FOLLOWS: bool, const KEEPS: bool>(
        window: &[u64],
        kept: &mut [u64; QUAD],
    ) -> Sums<B> {
        let at = QUAD - B::LANES;
        let own = B::load(window, 1);
        let before = if FOLLOWS {
            own.shift_in(B::load(kept, at))
        } else {
            B::load(window, 0)
        };
        if KEEPS {
            own.store(kept, at);
        }
        Sums::new(before, own, B::load(window, 2))
    }

    /// The sums of words `own`, given the word before each and after each.
    #[inline(always)]
    pub(crate) fn new(before: B, own: B, after: B) -> Sums<B> {
        let (west, east) = (own << 1 | before >> 63, own >> 1 | after << 63);
        let (sum, carry) = half_add(west, east);
        Sums {
            three: [sum ^ own, carry | sum & own],
            two: [sum, carry],
            own,
        }
    }

    /// The numbers of live neighbours of the cells of the middle row, as
    /// bit planes of the count's bits 1, 2, 4 and 8, from the sums of the
    /// rows above, at and below.
    #[inline(always)]
    pub(crate) fn count(above: &Sums<B>, middle: &Sums<B>, below: &Sums<B>) -> [B; 4] {
        let (ones, carry) = full_add(above.three[0], middle.two[0], below.three[0]);
        let (twos, fours) = full_add(above.three[1], middle.two[1], below.three[1]);
        let (twos, more_fours) = half_add(twos, carry);
        let (fours, eights) = half_add(fours, more_fours);
        [ones, twos, fours, eights]
    }
}

/// What a column has seen change: in its first row, its last row and any
/// row, and the first and last rows where anything did.
struct Seen<B> {
    top: B,
    bottom: B,
    all: B,
    first: usize,
    last: usize,
}

impl<B: Bits> Seen<B> {
    /// Nothing yet, in a column of `count` rows.
    #[inline(always)]
    fn new(count: usize) -> Seen<B> {
        let zero = B::splat(0);
        Seen {
            top: zero,
            bottom: zero,
            all: zero,
            first: count,
            last: 0,
        }
    }
}

impl<L: Logic> Adder<L> {
    /// Words `k` onwards (as many as `B` has, `width`) of rows `rows`,
    /// walking down the column with the sums of three rows at hand, and
    /// writing each row over the cells as soon as the column has read the
    /// row below it.
    ///
    /// The column after this one reads the word before its first of each
    /// row as it was, which this one writes over. So with `KEEPS` (a column
    /// comes after), this one keeps its words of each row as they were in
    /// the torus's scratch, [`QUAD`] words a row, ending with its last;
    /// and with `FOLLOWS` (it comes after a column), it takes the word
    /// before its first from there.
    ///
    /// With `SPANS`, finds the rows where each word changed (for the narrow
    /// runs of tiles of sparse patterns, where it pays); otherwise reports
    /// them all.
    #[inline(always)]
    fn column<B: Bits, const SPANS: bool, const FOLLOWS: bool, const KEEPS: bool>(
        &self,
        torus: &mut Torus<'_>,
        rows: Range<usize>,
        (k, width): (usize, usize),
        changes: &mut Changes<'_>,
    ) {
        let (stride, count) = (torus.shape.stride, rows.len());
        let Torus {
            cells,
            scratch,
            above,
            ..
        } = torus;
        // The words of a row the column reads: its own and one either side.
        let reads = B::LANES + 2;
        // Every word read is within its slot, every word written within
        // its row: checked once here rather than at each access.
        assert!(width == B::LANES && B::LANES <= QUAD && k + reads <= stride);
        assert!(above.is_none_or(|above| above.len() == stride));
        if count == 0 {
            return;
        }
        // Slot y + 1 holds row y: from the row above the first to the row
        // below the last. The scratch holds words as they were of the rows
        // stepped and the one below.
        let (head, belows) =
            cells[rows.start * stride..(rows.end + 2) * stride].split_at_mut(3 * stride);
        let (first, rest) = head.split_at_mut(stride);
        let (second, third) = rest.split_at_mut(stride);
        let Some(([kept_first, kept_second], kept_belows)) =
            scratch.as_chunks_mut::<QUAD>().0[..count + 1].split_first_chunk_mut()
        else {
            unreachable!("at least one row");
        };
        let first = match above {
            Some(above) => &above[k..k + reads],
            None => &first[k..k + reads],
        };
        // Of each row, the words the column reads.
        let (second, third) = (&mut second[k..k + reads], &mut third[k..k + reads]);
        let above = Sums::<B>::of(first, 0);
        let middle = Sums::<B>::kept::<FOLLOWS, KEEPS>(second, kept_first);
        let below = Sums::<B>::kept::<FOLLOWS, KEEPS>(third, kept_second);
        // The first row apart, for what changed in it.
        let mut seen = Seen::new(count);
        let changed = self.row::<B, SPANS>(0, [&above, &middle, &below], second, &mut seen);
        seen.top = changed;
        let (mut above, mut middle, mut window) = (middle, below, third);
        // Three rows a turn, the sums of the rows above, at and below
        // changing places as they go, so that none are copied from one
        // register to another.
        let mut below = belows.chunks_exact_mut(stride).zip(kept_belows);
        let mut i = 1;
        while let Some((one, kept_one)) = below.next() {
            let one = &mut one[k..k + reads];
            let first = Sums::<B>::kept::<FOLLOWS, KEEPS>(one, kept_one);
            self.row::<B, SPANS>(i, [&above, &middle, &first], window, &mut seen);
            let Some((two, kept_two)) = below.next() else {
                break;
            };
            let two = &mut two[k..k + reads];
            let second = Sums::<B>::kept::<FOLLOWS, KEEPS>(two, kept_two);
            self.row::<B, SPANS>(i + 1, [&middle, &first, &second], one, &mut seen);
            let Some((three, kept_three)) = below.next() else {
                break;
            };
            let three = &mut three[k..k + reads];
            let third = Sums::<B>::kept::<FOLLOWS, KEEPS>(three, kept_three);
            self.row::<B, SPANS>(i + 2, [&first, &second, &third], two, &mut seen);
            (above, middle, window, i) = (second, third, three, i + 3);
        }
        seen.top.or_into(changes.first, k);
        seen.all.or_into(changes.all, k);
        seen.bottom.or_into(changes.last, k);
        let span = if SPANS {
            Span::new(seen.first.min(seen.last), seen.last)
        } else {
            Span::new(0, count - 1)
        };
        changes.spans[k..k + width].fill(span);
    }

    /// Row `i` of a column, from the sums of the rows above, at and below
    /// it: written over the row's `window` (the row below has been read),
    /// and what changed added to `seen` and returned.
    #[inline(always)]
    fn row<B: Bits, const SPANS: bool>(
        &self,
        i: usize,
        [above, middle, below]: [&Sums<B>; 3],
        window: &mut [u64],
        seen: &mut Seen<B>,
    ) -> B {
        let next = self.0.next(middle.own, Sums::count(above, middle, below));
        // The row is read no more by this column; the next one reads its
        // words as they were from the scratch.
        next.store(window, 1);
        let changed = next ^ middle.own;
        seen.bottom = changed;
        seen.all = seen.all | changed;
        if SPANS && changed != B::splat(0) {
            seen.first = seen.first.min(i);
            seen.last = i;
        }
        changed
    }

    /// One column of a run of them, [`column`](Adder::column) with `FOLLOWS`
    /// and `KEEPS` as `link` says: whether a column comes before it and
    /// after it.
    #[inline(always)]
    fn linked<B: Bits, const SPANS: bool>(
        &self,
        torus: &mut Torus<'_>,
        rows: Range<usize>,
        at: (usize, usize),
        link: (bool, bool),
        changes: &mut Changes<'_>,
    ) {
        match link {
            (false, false) => self.column::<B, SPANS, false, false>(torus, rows, at, changes),
            (false, true) => self.column::<B, SPANS, false, true>(torus, rows, at, changes),
            (true, false) => self.column::<B, SPANS, true, false>(torus, rows, at, changes),
            (true, true) => self.column::<B, SPANS, true, true>(torus, rows, at, changes),
        }
    }
}

impl<L: Logic> Kernel for Adder<L> {
    #[inline(always)]
    fn rows(
        &self,
        torus: &mut Torus<'_>,
        rows: Range<usize>,
        words: Range<usize>,
        changes: &mut Changes<'_>,
    ) -> Range<usize> {
        let Range { start, end } = words;
        if end - start < QUAD {
            // A narrow run: a sparse pattern, whose changes are worth
            // pinning down to rows. Four words at once even so, if the row
            // has them from the run's first on: the words after the run
            // cost nothing more.
            if start + QUAD <= torus.shape.words {
                let link = (false, false);
                self.linked::<Quad, true>(torus, rows, (start, QUAD), link, changes);
                return start..start + QUAD;
            }
            for k in start..end {
                let link = (k > start, k + 1 < end);
                self.linked::<u64, true>(torus, rows.clone(), (k, 1), link, changes);
            }
            return words;
        }
        let quads = start + (end - start) / QUAD * QUAD;
        for k in (start..quads).step_by(QUAD) {
            let link = (k > start, k + QUAD < end);
            self.linked::<Quad, false>(torus, rows.clone(), (k, QUAD), link, changes);
        }
        for k in quads..end {
            let link = (k > start, k + 1 < end);
            self.linked::<u64, false>(torus, rows.clone(), (k, 1), link, changes);
        }
        words
    }
}
