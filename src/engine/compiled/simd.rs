//! The one place that chooses instructions at run time, and the crate's
//! only `unsafe` code.
//!
//! The default build targets the baseline of its architecture (SSE2 on
//! x86-64), and the kernels are written so that the compiler vectorizes
//! them for it. Where the CPU has more, the same loop over a generation compiled for it
//! does the work instead: with AVX2, twice as many words per instruction;
//! with AVX-512 (its `F` and `VL` parts), the same 256-bit vectors, but
//! every three-input boolean function (the adders' sums and carries, a
//! multiplexer) becomes one `vpternlog` instruction instead of two or
//! three; and where it also has AVX-512 `VBMI2`, each word shifted by a
//! cell with the cell from the word beside it brought in (a row's western
//! and eastern neighbours) becomes one funnel shift (`vpshldq`) instead of
//! three instructions. Wider 512-bit vectors were measured no faster.
#![allow(unsafe_code)]

use std::fmt;

use super::kernel::Kernel;
use super::sums::{Field, Rows, Sums};
use super::tiles::{Frame, Next, generation as generation_portable};

/// The vector instructions the compiled kernels run with, from the least to
/// the most capable; see [`Compiled::with_vectors`](super::Compiled::with_vectors).
///
/// Every level computes the same grids.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[non_exhaustive]
pub enum Vectors {
    /// What every CPU of the architecture has (SSE2 on x86-64): the build's
    /// own instructions.
    Portable,
    /// AVX2: 256-bit vectors.
    Avx2,
    /// AVX-512 `F` and `VL`: 256-bit vectors with three-input logic.
    Avx512,
    /// AVX-512 `F`, `VL` and `VBMI2`: as [`Avx512`](Vectors::Avx512), with
    /// funnel shifts.
    Avx512Vbmi2,
}

impl Vectors {
    /// Every level, from the least capable.
    pub const ALL: [Vectors; 4] = [
        Vectors::Portable,
        Vectors::Avx2,
        Vectors::Avx512,
        Vectors::Avx512Vbmi2,
    ];

    /// The most capable level this CPU has.
    pub fn best() -> Vectors {
        Vectors::Avx512Vbmi2.at_most()
    }

    /// Whether this CPU has the level's instructions.
    pub fn is_available(self) -> bool {
        match self {
            Vectors::Portable => true,
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Vectors::Avx2 => std::arch::is_x86_feature_detected!("avx2"),
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Vectors::Avx512 => {
                std::arch::is_x86_feature_detected!("avx2")
                    && std::arch::is_x86_feature_detected!("avx512f")
                    && std::arch::is_x86_feature_detected!("avx512vl")
            }
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            Vectors::Avx512Vbmi2 => {
                Vectors::Avx512.is_available() && std::arch::is_x86_feature_detected!("avx512vbmi2")
            }
            #[cfg(not(any(target_arch = "x86", target_arch = "x86_64")))]
            _ => false,
        }
    }

    /// The most capable level this CPU has, up to `self`.
    pub fn at_most(self) -> Vectors {
        Vectors::ALL
            .into_iter()
            .rev()
            .find(|level| *level <= self && level.is_available())
            .unwrap_or(Vectors::Portable)
    }
}

impl fmt::Display for Vectors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Vectors::Portable => "portable",
            Vectors::Avx2 => "AVX2",
            Vectors::Avx512 => "AVX-512",
            Vectors::Avx512Vbmi2 => "AVX-512 with VBMI2",
        })
    }
}

/// Steps one generation (see [`tiles::generation`](super::tiles::generation)) with the
/// instructions of `vectors`, which the CPU must have (see
/// [`Vectors::is_available`]; a level it lacks runs portable code).
pub(crate) fn generation<K: Kernel>(
    vectors: Vectors,
    kernel: &K,
    frame: &Frame<'_>,
    next: Next<'_>,
) {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    match vectors {
        Vectors::Avx512Vbmi2 if vectors.is_available() => {
            // SAFETY: `generation_avx512_vbmi2` requires the features
            // `is_available` just found.
            unsafe { generation_avx512_vbmi2(kernel, frame, next) };
            return;
        }
        Vectors::Avx512 if vectors.is_available() => {
            // SAFETY: `generation_avx512` requires the features `is_available`
            // just found.
            unsafe { generation_avx512(kernel, frame, next) };
            return;
        }
        Vectors::Avx2 if vectors.is_available() => {
            // SAFETY: `generation_avx2` requires AVX2, just found.
            unsafe { generation_avx2(kernel, frame, next) };
            return;
        }
        _ => {}
    }
    let _ = vectors;
    generation_portable(kernel, frame, next);
}

/// [`tiles::generation`](super::tiles::generation) compiled with AVX2: the whole loop is
/// inlined into it, kernel included.
///
/// # Safety
///
/// The CPU must support AVX2.
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[target_feature(enable = "avx2")]
unsafe fn generation_avx2<K: Kernel>(kernel: &K, frame: &Frame<'_>, next: Next<'_>) {
    generation_portable(kernel, frame, next);
}

/// [`tiles::generation`](super::tiles::generation) compiled with AVX2 and AVX-512 `F`
/// and `VL`.
///
/// # Safety
///
/// The CPU must support AVX2, AVX-512F and AVX-512VL.
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[target_feature(enable = "avx2,avx512f,avx512vl")]
unsafe fn generation_avx512<K: Kernel>(kernel: &K, frame: &Frame<'_>, next: Next<'_>) {
    generation_portable(kernel, frame, next);
}

/// [`tiles::generation`](super::tiles::generation) compiled with AVX2 and AVX-512 `F`,
/// `VL` and `VBMI2`.
///
/// # Safety
///
/// The CPU must support AVX2, AVX-512F, AVX-512VL and AVX-512VBMI2.
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[target_feature(enable = "avx2,avx512f,avx512vl,avx512vbmi2")]
unsafe fn generation_avx512_vbmi2<K: Kernel>(kernel: &K, frame: &Frame<'_>, next: Next<'_>) {
    generation_portable(kernel, frame, next);
}

/// Steps one band of the running-sums kernel ([`Sums::band`]) with the
/// instructions of `vectors`: from [`Vectors::Avx2`] up, with AVX2 (the
/// kernel has no use for AVX-512's three-input logic or funnel shifts).
pub(crate) fn sums_band(
    vectors: Vectors,
    sums: &Sums,
    src: &Field,
    y0: usize,
    out: &mut [u8],
    rows: &mut Rows,
) -> bool {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    if vectors >= Vectors::Avx2 && Vectors::Avx2.is_available() {
        // SAFETY: `sums_band_avx2` requires AVX2, just found.
        return unsafe { sums_band_avx2(sums, src, y0, out, rows) };
    }
    let _ = vectors;
    sums.band(src, y0, out, rows)
}

/// [`Sums::band`] compiled with AVX2: the whole band is inlined into it.
///
/// # Safety
///
/// The CPU must support AVX2.
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[target_feature(enable = "avx2")]
unsafe fn sums_band_avx2(
    sums: &Sums,
    src: &Field,
    y0: usize,
    out: &mut [u8],
    rows: &mut Rows,
) -> bool {
    sums.band(src, y0, out, rows)
}
