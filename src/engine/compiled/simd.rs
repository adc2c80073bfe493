//! The one place that chooses instructions at run time, and the crate's
//! only `unsafe` code.
//!
//! The default build targets the baseline of its architecture (SSE2 on
//! x86-64), and the kernels are written so that the compiler vectorizes
//! them for it. Where the CPU has AVX2, the same band loop compiled with
//! AVX2 enabled does the work instead: twice as many words per instruction.
#![allow(unsafe_code)]

use super::kernel::Kernel;
use super::tiles::{Band, Frame, band as band_portable};

/// Steps one band (see [`tiles::band`](super::tiles::band)), with AVX2
/// when `wide` is set and the CPU has it.
pub(crate) fn band<K: Kernel>(wide: bool, kernel: &K, frame: &Frame<'_>, band: Band<'_>) {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    if wide && std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: `band_avx2` requires AVX2 and nothing else; the CPU was
        // just found to have it.
        unsafe { band_avx2(kernel, frame, band) };
        return;
    }
    let _ = wide;
    band_portable(kernel, frame, band);
}

/// Whether [`band`] uses AVX2 on this CPU when asked to.
pub(crate) fn has_avx2() -> bool {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(any(target_arch = "x86", target_arch = "x86_64")))]
    {
        false
    }
}

/// [`tiles::band`](super::tiles::band) compiled with AVX2: the whole loop is
/// inlined into it, kernel included.
///
/// # Safety
///
/// The CPU must support AVX2.
#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[target_feature(enable = "avx2")]
unsafe fn band_avx2<K: Kernel>(kernel: &K, frame: &Frame<'_>, band: Band<'_>) {
    band_portable(kernel, frame, band);
}
