//! The running-sums kernel: counting rules ([`CountTable`]) on a field of
//! one byte a cell, whatever the neighbourhood's size.
//!
//! A cell's count is a sum over the cells of its neighbourhood, and sums
//! over runs of cells are differences of running sums:
//!
//! * A box of cells (the Moore neighbourhood of any range, less the cell
//!   itself) is counted with column sums of its height, kept as the row
//!   moves down (one cell enters at the bottom and one leaves at the top),
//!   and a running sum along the row of those: two subtractions a cell,
//!   whatever the range.
//! * Any other shape (von Neumann, hexagonal) is cut into runs along the
//!   rows, each counted as the difference of two running sums of its row:
//!   two operations a run, which the compiler vectorizes along the row.
//!
//! The count then indexes the table of the cell's next state; a dying
//! state ages without looking.
//!
//! The field keeps a margin as wide as the neighbourhood's reach around
//! the cells, filled before each generation from the cells it stands for
//! ([`Joins`]: the other side of a torus, the joined edge of one of Golly's
//! bounded grids) or left empty (the plane beyond the pattern). The rows
//! are stepped in bands, in parallel, and a band whose cells, and the
//! cells they read, did not change in the last generation is not stepped:
//! it already holds what it would become.

use rayon::prelude::*;

use super::CountTable;
use super::simd::{self, Vectors};
use crate::budget::{self, MemoryError};
use crate::engine::Threads;

/// Rows of a band, at least; a band is also at least as tall as the reach.
const BAND_ROWS: usize = 32;

/// Below this many cells a generation runs on the calling thread: handing
/// the bands out would cost more than it saves.
const PARALLEL_CELLS: usize = 1 << 18;

/// The widest reach along a row whose box sums add the column sums
/// beside each cell rather than take differences of running sums.
const DIRECT: usize = 2;

/// How the counted cells are summed.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Shape {
    /// Every cell within `ry` rows and `rx` columns, less the cell itself.
    Box { ry: usize, rx: usize },
    /// Runs of cells along rows: `(dy, first dx, last dx)`.
    Runs(Vec<(i32, i32, i32)>),
}

/// A counting rule as the kernel runs it.
#[derive(Clone, Debug)]
pub(crate) struct Sums {
    shape: Shape,
    reach: usize,
    /// The next state of a cell in state `s` with `c` cells alive at
    /// `s * (counted + 1) + c`: the table, with the dying states' ageing.
    next: Vec<u8>,
    states: u16,
    logic: Logic,
    /// The integer every sum fits (see [`Lane`]).
    width: Width,
}

/// How the next state is found from the count.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Logic {
    /// An empty cell is born on the run of counts `birth`, a live one
    /// stays on the run `survival` and becomes `dies` otherwise, and a
    /// dying state ages to the next, `last` to empty: comparisons the
    /// compiler vectorizes. Runs are `(first count, last - first)`.
    Runs {
        birth: (u32, u32),
        survival: (u32, u32),
        dies: u8,
        last: u8,
    },
    /// Any other table, looked up.
    Table,
}

/// The run of counts (`(first, last - first)`) at which `next` is `value`,
/// if it is `value` or `other` at every count and `value` on one run at
/// most (none is `(u32::MAX, 0)`, a count never reached).
fn run_of(next: &[u8], value: u8, other: u8) -> Option<(u32, u32)> {
    if next.iter().any(|&v| v != value && v != other) {
        return None;
    }
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for (count, _) in next.iter().enumerate().filter(|&(_, &v)| v == value) {
        let count = count as u32;
        match runs.last_mut() {
            Some((first, width)) if *first + *width + 1 == count => *width += 1,
            _ => runs.push((count, 0)),
        }
    }
    match runs[..] {
        [] => Some((u32::MAX, 0)),
        [run] => Some(run),
        _ => None,
    }
}

impl Sums {
    pub(crate) fn new(table: &CountTable) -> Sums {
        let reach = table.reach() as usize;
        let mut offsets: Vec<(i32, i32)> = table.counted().iter().map(|o| (o.dy, o.dx)).collect();
        offsets.sort_unstable();
        let r = reach as i32;
        let ry = offsets
            .iter()
            .map(|o| o.0.unsigned_abs())
            .max()
            .unwrap_or(0) as i32;
        let rx = offsets
            .iter()
            .map(|o| o.1.unsigned_abs())
            .max()
            .unwrap_or(0) as i32;
        let full_box = offsets.len() as i64 == i64::from(2 * ry + 1) * i64::from(2 * rx + 1) - 1;
        let shape = if full_box && r > 0 {
            Shape::Box {
                ry: ry as usize,
                rx: rx as usize,
            }
        } else {
            // Consecutive columns of a row make a run.
            let mut runs: Vec<(i32, i32, i32)> = Vec::new();
            for &(dy, dx) in &offsets {
                match runs.last_mut() {
                    Some((y, _, last)) if *y == dy && *last + 1 == dx => *last = dx,
                    _ => runs.push((dy, dx, dx)),
                }
            }
            Shape::Runs(runs)
        };
        let states = table.states();
        let counts = table.counted().len() + 1;
        let mut next = table.table().to_vec();
        next.extend((2..states).flat_map(|state| {
            let aged = ((state + 1) % states) as u8;
            std::iter::repeat_n(aged, counts)
        }));
        let dies = if states > 2 { 2 } else { 0 };
        let (empty, live) = next.split_at(counts);
        let logic = match (run_of(empty, 1, 0), run_of(&live[..counts], 1, dies)) {
            (Some(birth), Some(survival)) => Logic::Runs {
                birth,
                survival,
                dies,
                last: (states - 1) as u8,
            },
            _ => Logic::Table,
        };
        // The largest sum taken: a box's, the cell included, or the count.
        let largest = match &shape {
            Shape::Box { ry, rx } => (2 * ry + 1) * (2 * rx + 1),
            Shape::Runs(_) => counts - 1,
        };
        let width = if largest < usize::from(u8::MAX) {
            Width::Byte
        } else if largest < usize::from(u16::MAX) {
            Width::Short
        } else {
            Width::Long
        };
        Sums {
            shape,
            reach,
            next,
            states,
            logic,
            width,
        }
    }

    /// The margin the field needs.
    pub(crate) const fn reach(&self) -> usize {
        self.reach
    }

    /// How many states the rule has.
    pub(crate) const fn states(&self) -> u16 {
        self.states
    }

    /// Writes the next states of the cells `own` of a row to `next`, their
    /// counts being `ahead - behind` (wrapping), less the cell itself if
    /// `less_own`; says whether any differs.
    #[inline(always)]
    fn apply<T: Lane>(
        &self,
        own: &[u8],
        ahead: &[T],
        behind: &[T],
        less_own: bool,
        next: &mut [u8],
    ) -> bool {
        let mut diff = 0;
        let less_own = T::of(less_own);
        match self.logic {
            Logic::Runs {
                birth: (bf, bw),
                survival: (sf, sw),
                dies,
                last,
            } => {
                let (bf, bw, sf, sw) = (
                    T::of_count(bf),
                    T::of_count(bw),
                    T::of_count(sf),
                    T::of_count(sw),
                );
                let cells = own
                    .iter()
                    .zip(ahead.iter().zip(behind))
                    .zip(next.iter_mut());
                for ((&state, (&hi, &lo)), next) in cells {
                    let alive = T::of(state == 1);
                    let count = hi.wrapping_sub(lo).wrapping_sub(less_own & alive);
                    let born = u8::from(count.wrapping_sub(bf) <= bw);
                    let lived = if count.wrapping_sub(sf) <= sw {
                        1
                    } else {
                        dies
                    };
                    let aged = if state == last {
                        0
                    } else {
                        state.wrapping_add(1)
                    };
                    let older = if state == 1 { lived } else { aged };
                    let new = if state == 0 { born } else { older };
                    diff |= new ^ state;
                    *next = new;
                }
            }
            Logic::Table => {
                let width = self.next.len() / usize::from(self.states);
                let table = &self.next[..];
                let cells = own
                    .iter()
                    .zip(ahead.iter().zip(behind))
                    .zip(next.iter_mut());
                for ((&state, (&hi, &lo)), next) in cells {
                    let alive = T::of(state == 1);
                    let count = hi.wrapping_sub(lo).wrapping_sub(less_own & alive);
                    let new = table[usize::from(state) * width + count.index()];
                    diff |= new ^ state;
                    *next = new;
                }
            }
        }
        diff != 0
    }

    /// Steps rows `y0..y0 + out.len() / stride` of `src` into `out` (those
    /// rows of the next field, margins included but not written), and
    /// says whether any cell changed.
    #[inline(always)]
    pub(crate) fn band(&self, src: &Field, y0: usize, out: &mut [u8], scratch: &mut Rows) -> bool {
        match (&self.shape, self.width) {
            (Shape::Box { ry, rx }, Width::Byte) => {
                self.band_box(src, y0, out, *ry, *rx, &mut scratch.narrow)
            }
            (Shape::Box { ry, rx }, Width::Short) => {
                self.band_box(src, y0, out, *ry, *rx, &mut scratch.wide)
            }
            (Shape::Box { ry, rx }, Width::Long) => {
                self.band_box(src, y0, out, *ry, *rx, &mut scratch.widest)
            }
            (Shape::Runs(runs), Width::Byte) => {
                self.band_runs(src, y0, out, runs, &mut scratch.narrow)
            }
            (Shape::Runs(runs), Width::Short) => {
                self.band_runs(src, y0, out, runs, &mut scratch.wide)
            }
            (Shape::Runs(runs), Width::Long) => {
                self.band_runs(src, y0, out, runs, &mut scratch.widest)
            }
        }
    }

    #[inline(always)]
    fn band_box<T: Lane>(
        &self,
        src: &Field,
        y0: usize,
        out: &mut [u8],
        ry: usize,
        rx: usize,
        scratch: &mut Counts<T>,
    ) -> bool {
        let (p, stride, cols) = (src.reach, src.stride, src.cols);
        let rows = out.len() / stride;
        // Columns p - rx .. p + cols + rx of the padded rows are read.
        let first = p - rx;
        let width = cols + 2 * rx;
        let mut sums = std::mem::take(&mut scratch.sums);
        sums.clear();
        sums.resize(width, T::default());
        let alive = |row: usize| &src.cells[row * stride + first..][..width];
        for row in y0 + p - ry..=y0 + p + ry {
            for (sum, &cell) in sums.iter_mut().zip(alive(row)) {
                *sum = sum.wrapping_add(T::of(cell == 1));
            }
        }
        let mut running = std::mem::take(&mut scratch.running);
        running.clear();
        running.resize(width + 1, T::default());
        let zeros = vec![T::default(); cols];
        let mut changed = false;
        for y in 0..rows {
            let row = y0 + y + p;
            let own = &src.cells[row * stride + p..][..cols];
            let next = &mut out[y * stride + p..][..cols];
            if rx <= DIRECT {
                // A narrow box: the column sums beside each cell added up,
                // a whole row at a time.
                running.clear();
                running.extend_from_slice(&sums[..cols]);
                for k in 1..=2 * rx {
                    for (count, &sum) in running.iter_mut().zip(&sums[k..][..cols]) {
                        *count = count.wrapping_add(sum);
                    }
                }
                changed |= self.apply(own, &running[..cols], &zeros[..cols], true, next);
            } else {
                // A wide box: sums of 1, 2, 4… column sums side by side,
                // each from two of the last, and those of the box's width
                // in binary added up, a whole row at a time.
                let box_width = 2 * rx + 1;
                running.clear();
                running.resize(cols, T::default());
                let (mut power, mut spare) = (
                    std::mem::take(&mut scratch.power),
                    std::mem::take(&mut scratch.spare),
                );
                power.clear();
                power.extend_from_slice(&sums);
                let (mut span, mut offset) = (1, 0);
                loop {
                    if box_width & span != 0 {
                        for (count, &sum) in running.iter_mut().zip(&power[offset..][..cols]) {
                            *count = count.wrapping_add(sum);
                        }
                        offset += span;
                    }
                    if 2 * span > box_width {
                        break;
                    }
                    let len = power.len() - span;
                    spare.clear();
                    spare.extend(
                        power[..len]
                            .iter()
                            .zip(&power[span..])
                            .map(|(&a, &b)| a.wrapping_add(b)),
                    );
                    std::mem::swap(&mut power, &mut spare);
                    span *= 2;
                }
                scratch.power = power;
                scratch.spare = spare;
                changed |= self.apply(own, &running[..cols], &zeros[..cols], true, next);
            }
            if y + 1 < rows {
                let (enter, leave) = (alive(row + ry + 1), alive(row - ry));
                for ((sum, &e), &l) in sums.iter_mut().zip(enter).zip(leave) {
                    *sum = sum.wrapping_add(T::of(e == 1)).wrapping_sub(T::of(l == 1));
                }
            }
        }
        scratch.sums = sums;
        scratch.running = running;
        changed
    }

    #[inline(always)]
    fn band_runs<T: Lane>(
        &self,
        src: &Field,
        y0: usize,
        out: &mut [u8],
        runs: &[(i32, i32, i32)],
        scratch: &mut Counts<T>,
    ) -> bool {
        let (p, stride, cols) = (src.reach, src.stride, src.cols);
        let rows = out.len() / stride;
        // A ring of the running sums of the 2p + 1 padded rows around the
        // row being stepped: sum `k` of a row is the live cells before
        // padded column `k`, wrapping.
        let span = 2 * p + 1;
        let mut ring = std::mem::take(&mut scratch.running);
        ring.clear();
        ring.resize(span * (stride + 1), T::default());
        let fill = |ring: &mut [T], row: usize| {
            let slot = &mut ring[(row % span) * (stride + 1)..][..stride + 1];
            let mut total = T::default();
            slot[0] = T::default();
            for (sum, &cell) in slot[1..]
                .iter_mut()
                .zip(&src.cells[row * stride..][..stride])
            {
                total = total.wrapping_add(T::of(cell == 1));
                *sum = total;
            }
        };
        for row in y0..y0 + 2 * p {
            fill(&mut ring, row);
        }
        let mut counts = std::mem::take(&mut scratch.sums);
        let none = vec![T::default(); cols];
        let mut changed = false;
        for y in 0..rows {
            let row = y0 + y + p;
            fill(&mut ring, row + p);
            counts.clear();
            counts.resize(cols, T::default());
            for &(dy, a, b) in runs {
                let r = row.wrapping_add_signed(dy as isize) % span;
                let sums = &ring[r * (stride + 1)..][..stride + 1];
                let from = p.wrapping_add_signed(a as isize);
                let to = p.wrapping_add_signed(b as isize) + 1;
                let (ahead, behind) = (&sums[to..][..cols], &sums[from..][..cols]);
                for ((count, &hi), &lo) in counts.iter_mut().zip(ahead).zip(behind) {
                    *count = count.wrapping_add(hi.wrapping_sub(lo));
                }
            }
            let own = &src.cells[row * stride + p..][..cols];
            let next = &mut out[y * stride + p..][..cols];
            changed |= self.apply(own, &counts, &none, false, next);
        }
        scratch.sums = counts;
        scratch.running = ring;
        changed
    }
}

/// A band's working rows, of bytes, of 16-bit and of 32-bit counts.
#[derive(Default)]
pub(crate) struct Rows {
    narrow: Counts<u8>,
    wide: Counts<u16>,
    widest: Counts<u32>,
}

/// The integer a kernel keeps its sums in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Width {
    /// `u8`: every sum below 255.
    Byte,
    /// `u16`: every sum below 65,535.
    Short,
    /// `u32`.
    Long,
}

/// Working rows of counts.
#[derive(Default)]
struct Counts<T> {
    sums: Vec<T>,
    running: Vec<T>,
    power: Vec<T>,
    spare: Vec<T>,
}

/// The integer the counts are kept in: a byte when every sum the kernel
/// takes fits one (twice as many cells to a vector instruction), 16 bits
/// up to 65,535, 32 bits past that (Larger than Life from range 128).
/// Sums wrap; the differences the kernel takes of them do not.
trait Lane: Copy + Default + Send + PartialOrd + std::ops::BitAnd<Output = Self> {
    /// 1 for `true`, 0 for `false`.
    fn of(flag: bool) -> Self;
    /// A count; one too large for the lane is its largest value, which no
    /// count reaches.
    fn of_count(count: u32) -> Self;
    fn wrapping_add(self, other: Self) -> Self;
    fn wrapping_sub(self, other: Self) -> Self;
    fn index(self) -> usize;
}

/// Implements [`Lane`] for unsigned integer types.
macro_rules! lane {
    ($($t:ty),*) => {$(
        impl Lane for $t {
            #[inline(always)]
            fn of(flag: bool) -> $t {
                <$t>::from(flag)
            }
            #[inline(always)]
            fn of_count(count: u32) -> $t {
                <$t>::try_from(count).unwrap_or(<$t>::MAX)
            }
            #[inline(always)]
            fn wrapping_add(self, other: $t) -> $t {
                <$t>::wrapping_add(self, other)
            }
            #[inline(always)]
            fn wrapping_sub(self, other: $t) -> $t {
                <$t>::wrapping_sub(self, other)
            }
            #[inline(always)]
            fn index(self) -> usize {
                usize::try_from(self).unwrap_or(usize::MAX)
            }
        }
    )*};
}

lane!(u8, u16, u32);

/// Cells of one byte, in rows, with a margin of `reach` cells all round.
#[derive(Clone)]
pub(crate) struct Field {
    rows: usize,
    cols: usize,
    reach: usize,
    stride: usize,
    cells: Vec<u8>,
}

impl Field {
    fn new(rows: usize, cols: usize, reach: usize) -> Result<Field, MemoryError> {
        let stride = cols + 2 * reach;
        let len = (rows + 2 * reach).saturating_mul(stride);
        let cells = budget::filled(len, 0u8, || format!("a {cols}x{rows} field of cells"))?;
        Ok(Field {
            rows,
            cols,
            reach,
            stride,
            cells,
        })
    }

    /// The index of interior cell (`y`, `x`).
    const fn at(&self, y: usize, x: usize) -> usize {
        (y + self.reach) * self.stride + x + self.reach
    }
}

/// Which interior cells the margin cells take their states from: runs of
/// `(first margin cell, first interior cell, length)`, as indices of the
/// field. Margin cells not in a run stay empty.
pub(crate) type Joins = Vec<(usize, usize, usize)>;

/// Counting-rule cells on a field, stepped by the running-sums kernel:
/// two fields (this generation and the last), the joins of the margin,
/// and which bands changed.
pub(crate) struct SumField {
    sums: Sums,
    fields: [Field; 2],
    joins: Joins,
    band: usize,
    /// For each band, the other bands its margin cells are joined to.
    joined: Vec<Vec<usize>>,
    /// For each band, whether it changed in the last generation.
    changed: Vec<bool>,
    skip: bool,
}

impl SumField {
    /// An empty field of `rows` × `cols` cells for `sums`, whose margin
    /// cell at padded (`row`, `col`) (the interior from `reach`) takes its
    /// state from interior cell `source(row, col)`, or stays empty.
    pub(crate) fn new(
        sums: Sums,
        rows: usize,
        cols: usize,
        source: impl Fn(i64, i64) -> Option<(usize, usize)>,
    ) -> Result<SumField, MemoryError> {
        let reach = sums.reach();
        let first = Field::new(rows, cols, reach)?;
        let second = first.clone();
        let band = BAND_ROWS.max(reach);
        let bands = rows.div_ceil(band);
        let mut joins = Joins::new();
        let mut joined = vec![Vec::new(); bands];
        let padded_rows = rows + 2 * reach;
        let r = reach as i64;
        for row in 0..padded_rows {
            let inside_rows = (reach..reach + rows).contains(&row);
            for col in 0..first.stride {
                if inside_rows && (reach..reach + cols).contains(&col) {
                    continue;
                }
                let Some((y, x)) = source(row as i64 - r, col as i64 - r) else {
                    continue;
                };
                let (to, from) = (row * first.stride + col, first.at(y, x));
                match joins.last_mut() {
                    Some((t, f, len)) if *t + *len == to && *f + *len == from => *len += 1,
                    _ => joins.push((to, from, 1)),
                }
                // The bands that read this margin row depend on the band of
                // the cell it comes from.
                let from = y / band;
                let lo = row.saturating_sub(2 * reach) / band;
                let hi = row.min(rows - 1) / band;
                for reader in &mut joined[lo..=hi] {
                    if !reader.contains(&from) {
                        reader.push(from);
                    }
                }
            }
        }
        Ok(SumField {
            sums,
            fields: [first, second],
            joins,
            band,
            joined,
            changed: vec![true; bands],
            skip: true,
        })
    }

    pub(crate) fn with_skipping(mut self, skip: bool) -> SumField {
        self.skip = skip;
        self
    }

    pub(crate) const fn rows(&self) -> usize {
        self.fields[0].rows
    }

    pub(crate) const fn cols(&self) -> usize {
        self.fields[0].cols
    }

    pub(crate) fn sums(&self) -> &Sums {
        &self.sums
    }

    /// Sets interior cell (`y`, `x`). Its band counts as changed, so it
    /// and every band that reads it are stepped next time.
    pub(crate) fn set(&mut self, y: usize, x: usize, state: u8) {
        let field = &mut self.fields[0];
        let at = field.at(y, x);
        field.cells[at] = state;
        self.changed[y / self.band] = true;
    }

    /// Row `y` of the interior.
    pub(crate) fn row(&self, y: usize) -> &[u8] {
        let field = &self.fields[0];
        let at = field.at(y, 0);
        &field.cells[at..at + field.cols]
    }

    /// Moves every cell `generations` on, with the instructions of
    /// `vectors` (which the CPU must have).
    pub(crate) fn run(&mut self, generations: u64, threads: &Threads, vectors: Vectors) {
        for _ in 0..generations {
            self.step(threads, vectors);
        }
    }

    fn step(&mut self, threads: &Threads, vectors: Vectors) {
        let [current, last] = &mut self.fields;
        for &(to, from, len) in &self.joins {
            current.cells.copy_within(from..from + len, to);
        }
        let bands = self.changed.len();
        let (band, reach) = (self.band, self.sums.reach);
        let stride = current.stride;
        // A band is stepped if it, a band within reach, or a band its
        // margin is joined to changed.
        let wanted: Vec<bool> = (0..bands)
            .map(|b| {
                !self.skip || {
                    let near = b.saturating_sub(reach.div_ceil(band))
                        ..=(b + reach.div_ceil(band)).min(bands - 1);
                    near.into_iter().any(|n| self.changed[n])
                        || self.joined[b].iter().any(|&n| self.changed[n])
                }
            })
            .collect();
        let start = reach * stride;
        let interior = &mut last.cells[start..start + current.rows * stride];
        let sums = &self.sums;
        let src = &*current;
        let step = |scratch: &mut Rows, (b, out): (usize, &mut [u8])| {
            wanted[b] && simd::sums_band(vectors, sums, src, b * band, out, scratch)
        };
        let parallel = current.rows * current.cols >= PARALLEL_CELLS;
        let changed: Vec<bool> = if parallel && threads.count() > 1 && bands > 1 {
            threads.install(|| {
                interior
                    .par_chunks_mut(band * stride)
                    .enumerate()
                    .map_init(Rows::default, step)
                    .collect()
            })
        } else {
            let mut scratch = Rows::default();
            interior
                .chunks_mut(band * stride)
                .enumerate()
                .map(|item| step(&mut scratch, item))
                .collect()
        };
        self.changed = changed;
        self.fields.swap(0, 1);
    }
}

#[cfg(test)]
mod tests;
