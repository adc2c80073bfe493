//! Bit planes: a word of 64 cells, or words side by side for the
//! compiler to put in vector registers.

use std::ops::{BitAnd, BitOr, BitXor, Not, Shl, Shr};

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
    /// How many words.
    const LANES: usize;
    /// Every word `word`.
    fn splat(word: u64) -> Self;
    /// The words of `slice` from `at` on.
    fn load(slice: &[u64], at: usize) -> Self;
    /// Writes the words into `slice` from `at` on.
    fn store(self, slice: &mut [u64], at: usize);
    /// ORs the words into `slice` from `at` on.
    fn or_into(self, slice: &mut [u64], at: usize);
    /// The words moved one place on: each takes the one before it, and the
    /// first takes the last of `from`.
    fn shift_in(self, from: Self) -> Self;
}

impl Bits for u64 {
    const LANES: usize = 1;

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

    #[inline(always)]
    fn shift_in(self, from: u64) -> u64 {
        from
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
    const LANES: usize = N;

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

    #[inline(always)]
    fn shift_in(self, from: Lanes<N>) -> Lanes<N> {
        Lanes(std::array::from_fn(|i| {
            if i == 0 { from.0[N - 1] } else { self.0[i - 1] }
        }))
    }
}
