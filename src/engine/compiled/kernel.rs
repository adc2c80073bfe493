//! The kernels: rows of the next generation from the rows around them,
//! 64 cells to a word.
//!
//! The adder kernel walks down columns of words: [`QUAD`] words side by side
//! (which the compiler turns into vector instructions: two SSE2 registers,
//! or one AVX2 register), with the sums of the rows above, at and below the
//! row being stepped at hand, so that each row's words are read once and
//! each next word written once.
//!
//! The kernels step the torus in place. A column writes each row's next
//! words over its words as soon as it has read the row below, which is
//! safe for the column itself, since it keeps the sums of the rows it has
//! read; but the column to its right reads the last word of each row as it
//! was, so a column keeps its words of each row in a few words of scratch
//! (one vector store), and the column to its right takes the word before
//! its first from there. The lookup kernel steps rows into scratch and
//! copies them back. Thanks to the frame of the packed torus
//! (see [`packed`](super::packed)) every word is computed alike from the
//! words before, at and after it. Bits past a row's last cell come out as
//! they may; the caller clears them. Every function here is
//! `#[inline(always)]`, so that the copy of the generation loop compiled
//! for wider vector units (see `simd`) gets its own copy of all of it.

mod adder;
mod bits;
mod lookup;
mod torus;

use std::ops::Range;

pub(crate) use self::adder::{Adder, Conway, Logic, Masks, Sums};
pub(crate) use self::bits::QUAD;
pub(crate) use self::lookup::Lookup;
pub(crate) use self::torus::{Changes, Span, Torus, scratch_len};

/// Steps words of rows of the next generation, in place.
pub(crate) trait Kernel: Sync {
    /// Steps words `words` of rows `rows` of `torus`, reading only those
    /// rows and the rows above (from `torus.above`, if given) and below
    /// them, and only those words and the words beside them, each before
    /// writing over it: afterwards the torus holds their next states, and
    /// what changed (`new ^ old`) is reported in `changes`. A kernel may step more words of those rows than asked,
    /// after them but not before them (any word's next state is right, but
    /// the words before may have been stepped already); it returns the
    /// words it stepped and reported. No other cells change.
    fn rows(
        &self,
        torus: &mut Torus<'_>,
        rows: Range<usize>,
        words: Range<usize>,
        changes: &mut Changes<'_>,
    ) -> Range<usize>;
}

#[cfg(test)]
mod tests;
