//! The lookup kernel: each cell's neighbourhood indexes a table.

use std::ops::Range;

use super::Kernel;
use super::torus::{Changes, Span, Torus};

/// A word's 3×3 neighbourhood as nine bit planes, in the order of
/// [`Offset::bit`](crate::engine::compiled::Offset::bit): north-west,
/// north, north-east, west, the cells themselves, east, south-west, south,
/// south-east.
pub(crate) type Planes = [u64; 9];

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
    /// Steps a row at a time into the scratch slots, then copies the rows
    /// over the cells.
    #[inline(always)]
    fn rows(
        &self,
        torus: &mut Torus<'_>,
        rows: Range<usize>,
        words: Range<usize>,
        changes: &mut Changes<'_>,
    ) -> Range<usize> {
        let stride = torus.shape.stride;
        let count = rows.len();
        let Range { start, end } = words;
        // Slot y + 1 holds row y: slot 0 the row above the first.
        let slot = |s: usize| s * stride..(s + 1) * stride;
        let cells = &*torus.cells;
        for (i, y) in rows.clone().enumerate() {
            let three = [y, y + 1, y + 2].map(|s| match torus.above {
                Some(above) if s == rows.start => &above[start..end + 2],
                _ => &cells[slot(s)][start..end + 2],
            });
            let out = &mut torus.scratch[i * stride + 1 + start..i * stride + 1 + end];
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
        torus.write_rows(rows, start..end);
        changes.spans[start..end].fill(Span::new(0, count - 1));
        start..end
    }
}
