//! Seeded random soups: the standard starting point for benchmarks.
//!
//! A soup of any size is filled from the bits of successive splitmix64
//! outputs, least significant bit first, row after row: each cell is alive
//! with probability one half. [`DEFAULT_SEED`] gives the soups corolife's
//! benchmarks use.
//!
//! ```
//! use corolife::soup;
//!
//! let grid = soup::soup(64, 64, soup::DEFAULT_SEED)?;
//! assert_eq!(grid.population(), soup::soup(64, 64, soup::DEFAULT_SEED)?.population());
//! # Ok::<(), corolife::GridError>(())
//! ```

use crate::{Grid, GridError, State};

/// The seed of corolife's benchmark soups.
pub const DEFAULT_SEED: u64 = 0x5EED_0040;

/// The splitmix64 generator (Steele, Lea and Flood, "Fast splittable
/// pseudorandom number generators", 2014): small, fast, and reproducible
/// everywhere. It is corolife's one seeded generator: the benchmark soups
/// and the terminal animation's soups both draw from it.
///
/// ```
/// use corolife::soup::SplitMix64;
///
/// let mut random = SplitMix64::new(7);
/// let first = random.next_u64();
/// assert_ne!(first, random.next_u64());
/// assert_eq!(SplitMix64::new(7).next_u64(), first);
/// ```
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub const fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Fills `grid` with a soup from `seed`, replacing what was there.
pub fn fill(grid: &mut Grid, seed: u64) {
    let mut random = SplitMix64::new(seed);
    for chunk in grid.cells_mut().chunks_mut(64) {
        let bits = random.next_u64();
        for (i, cell) in chunk.iter_mut().enumerate() {
            *cell = State::from(bits >> i & 1 == 1);
        }
    }
}

/// A new `rows` × `cols` grid holding the soup of `seed`.
pub fn soup(rows: usize, cols: usize, seed: u64) -> Result<Grid, GridError> {
    let mut grid = Grid::new(rows, cols)?;
    fill(&mut grid, seed);
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_its_reference_outputs() {
        // The first outputs for seed 0 given with the algorithm's reference
        // implementation.
        let mut random = SplitMix64::new(0);
        assert_eq!(random.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(random.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(random.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn soups_are_about_half_alive_and_differ_by_seed() {
        let a = soup(100, 100, 1).expect("grid");
        let b = soup(100, 100, 2).expect("grid");
        assert_ne!(a, b);
        assert!((4500..5500).contains(&a.population()), "{}", a.population());
    }
}
