//! What a kernel steps and where it reports: the torus in place, its
//! scratch, and the changes of the rows stepped.

use std::ops::Range;

use super::bits::{Bits, QUAD, Quad};
use crate::engine::compiled::packed::Packing;

/// The torus a kernel steps in place, and where it keeps words that must
/// wait.
pub(crate) struct Torus<'a> {
    /// Its shape.
    pub shape: Packing,
    /// Its words, frames and copied rows included.
    pub cells: &'a mut [u64],
    /// Where the kernel keeps words while it steps, of at least
    /// [`scratch_len`] words.
    pub scratch: &'a mut [u64],
    /// The slot of the row above the first row stepped as it was, if the
    /// cells no longer hold it (it has been stepped already).
    pub above: Option<&'a [u64]>,
}

/// The words of scratch the kernels need to step `rows` rows of a torus of
/// `shape`: a slot a row for the lookup kernel, which steps rows into
/// scratch; [`QUAD`] words a row and one more for the adder kernel, where a
/// column keeps its words for the next.
pub(crate) fn scratch_len(shape: &Packing, rows: usize) -> usize {
    (rows * shape.stride).max((rows + 1) * QUAD)
}

/// Copies `from` over `into`, as long, four words at a time: most copies
/// are a few words, which a call to `memmove` would cost more than.
#[inline(always)]
pub(crate) fn copy_words(into: &mut [u64], from: &[u64]) {
    let mut quads = into.chunks_exact_mut(QUAD);
    let mut from_quads = from.chunks_exact(QUAD);
    for (into, from) in (&mut quads).zip(&mut from_quads) {
        Quad::load(from, 0).store(into, 0);
    }
    for (into, from) in quads
        .into_remainder()
        .iter_mut()
        .zip(from_quads.remainder())
    {
        *into = *from;
    }
}

impl Torus<'_> {
    /// Copies words `words` of rows `rows`, stepped into the scratch
    /// slots, over the cells.
    #[inline(always)]
    pub(super) fn write_rows(&mut self, rows: Range<usize>, words: Range<usize>) {
        let stride = self.shape.stride;
        let words = 1 + words.start..1 + words.end;
        let from = self.scratch[..rows.len() * stride].chunks_exact(stride);
        let into =
            self.cells[(rows.start + 1) * stride..(rows.end + 1) * stride].chunks_exact_mut(stride);
        for (from, into) in from.zip(into) {
            copy_words(&mut into[words.clone()], &from[words.clone()]);
        }
    }
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
