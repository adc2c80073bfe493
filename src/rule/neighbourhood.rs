//! Neighbourhoods: which cells around a cell its rule looks at, as a list
//! of offsets the cell coroutine walks.
//!
//! Three shapes, each of any range from 1 to [`MAX_RANGE`]:
//!
//! * **Moore**: the square of cells at most `r` rows and `r` columns away
//!   (`(2r+1)² − 1` cells; 8 at range 1).
//! * **von Neumann**: the diamond of cells at most `r` steps away along the
//!   rows and columns together (`2r(r+1)` cells; the 4 orthogonal ones at
//!   range 1).
//! * **Hexagonal**: a hexagonal grid drawn on the square one, as Golly draws
//!   it: each row is shifted half a cell from the one above, so that the
//!   north-east and south-west corners of the 3×3 square are *not*
//!   neighbours. At range `r`, the cells at most `r` rows and `r` columns
//!   away whose row and column offsets also differ by at most `r`
//!   (`3r(r+1)` cells; 6 at range 1).
//!
//! ```text
//!  Moore, r = 1      von Neumann, r = 2      hexagonal, r = 1
//!    N N N               . . N . .              N N .
//!    N C N               . N N N .              N C N
//!    N N N               N N C N N              . N N
//!                        . N N N .
//!                        . . N . .
//! ```
//!
//! # The walking order
//!
//! [`Neighbourhood::offsets`] lists the offsets ring by ring, nearest first
//! (rings measured in the neighbourhood's own distance), and each ring
//! clockwise from north. At range 1 of the Moore neighbourhood that is
//! [`MOORE`](crate::cell::MOORE): north, north-east, east, … north-west;
//! the von Neumann and hexagonal neighbourhoods of range 1 keep the same
//! order with the missing cells left out. Because rings come nearest first,
//! the neighbourhood of range `r` is a prefix of the one of range `r + 1`.

use std::fmt;

/// The largest range a neighbourhood may have.
///
/// At range 16 the Moore neighbourhood already has 1088 cells, and a cell
/// coroutine asks for each of them every generation.
pub const MAX_RANGE: u8 = 16;

/// A neighbourhood: a shape and a range.
///
/// ```
/// use corolife::Neighbourhood;
///
/// let moore = Neighbourhood::Moore { range: 1 };
/// assert_eq!(moore.size(), 8);
/// assert_eq!(moore.offsets()[0], (-1, 0)); // north first
/// assert_eq!(Neighbourhood::VonNeumann { range: 2 }.size(), 12);
/// assert_eq!(
///     Neighbourhood::Hexagonal { range: 1 }.offsets(),
///     [(-1, 0), (0, 1), (1, 1), (1, 0), (0, -1), (-1, -1)],
/// );
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Neighbourhood {
    /// Every cell within `range` rows and `range` columns.
    Moore {
        /// From 1 to [`MAX_RANGE`].
        range: u8,
    },
    /// Every cell within `range` orthogonal steps.
    VonNeumann {
        /// From 1 to [`MAX_RANGE`].
        range: u8,
    },
    /// The hexagon of radius `range` on Golly's skewed square grid.
    Hexagonal {
        /// From 1 to [`MAX_RANGE`].
        range: u8,
    },
}

/// Number of cells of each shape at [`MAX_RANGE`].
const R: usize = MAX_RANGE as usize;
const MOORE_CELLS: usize = (2 * R + 1) * (2 * R + 1) - 1;
const VON_NEUMANN_CELLS: usize = 2 * R * (R + 1);
const HEXAGONAL_CELLS: usize = 3 * R * (R + 1);

/// The walking order of each shape at [`MAX_RANGE`]; smaller ranges are
/// prefixes.
static MOORE_WALK: [(i32, i32); MOORE_CELLS] = walk(Metric::Moore);
static VON_NEUMANN_WALK: [(i32, i32); VON_NEUMANN_CELLS] = walk(Metric::VonNeumann);
static HEXAGONAL_WALK: [(i32, i32); HEXAGONAL_CELLS] = walk(Metric::Hexagonal);

/// The distance a neighbourhood is a ball of: Chebyshev for Moore,
/// Manhattan for von Neumann, and the hexagonal distance.
#[derive(Clone, Copy)]
enum Metric {
    Moore,
    VonNeumann,
    Hexagonal,
}

const fn abs(v: i32) -> i32 {
    if v < 0 { -v } else { v }
}

const fn max(a: i32, b: i32) -> i32 {
    if a > b { a } else { b }
}

/// How far (`dy`, `dx`) is from the centre in `metric`.
const fn distance(metric: Metric, dy: i32, dx: i32) -> i32 {
    match metric {
        Metric::Moore => max(abs(dy), abs(dx)),
        Metric::VonNeumann => abs(dy) + abs(dx),
        Metric::Hexagonal => max(max(abs(dy), abs(dx)), abs(dx - dy)),
    }
}

/// Whether an offset lies in the left half-plane, south included.
const fn left_half((dy, dx): (i32, i32)) -> bool {
    dx < 0 || (dx == 0 && dy > 0)
}

/// Whether offset `a` comes before `b` going clockwise from north: the
/// angle from north towards east, in [0, 2π), is smaller.
const fn before(a: (i32, i32), b: (i32, i32)) -> bool {
    // With `up` = −dy and `right` = dx, the right half-plane (north
    // included) comes first; within a half, the cross product orders them.
    let (ha, hb) = (left_half(a), left_half(b));
    if ha != hb {
        return !ha;
    }
    let (up_a, right_a, up_b, right_b) = (-a.0, a.1, -b.0, b.1);
    up_a * right_b - right_a * up_b > 0
}

/// Every offset up to [`MAX_RANGE`], ring by ring in the distance of
/// `metric`, each ring clockwise from north. Every metric's distance is at
/// least the square (Chebyshev) one, so the cells of ring `k` all lie
/// within `k` rows and columns.
const fn walk<const N: usize>(metric: Metric) -> [(i32, i32); N] {
    let mut out = [(0, 0); N];
    let mut n = 0;
    let mut ring = 1;
    while ring <= MAX_RANGE as i32 {
        let start = n;
        let mut dy = -ring;
        while dy <= ring {
            let mut dx = -ring;
            while dx <= ring {
                if distance(metric, dy, dx) == ring {
                    // Insertion into the ring, kept in clockwise order.
                    let mut at = n;
                    while at > start && before((dy, dx), out[at - 1]) {
                        out[at] = out[at - 1];
                        at -= 1;
                    }
                    out[at] = (dy, dx);
                    n += 1;
                }
                dx += 1;
            }
            dy += 1;
        }
        ring += 1;
    }
    assert!(n == N, "the walk visits every cell once");
    out
}

impl Neighbourhood {
    /// The range: how far the neighbourhood reaches in its own distance.
    pub const fn range(self) -> u8 {
        match self {
            Neighbourhood::Moore { range }
            | Neighbourhood::VonNeumann { range }
            | Neighbourhood::Hexagonal { range } => range,
        }
    }

    /// The number of cells in the neighbourhood, not counting the centre.
    pub const fn size(self) -> usize {
        let r = self.range() as usize;
        match self {
            Neighbourhood::Moore { .. } => (2 * r + 1) * (2 * r + 1) - 1,
            Neighbourhood::VonNeumann { .. } => 2 * r * (r + 1),
            Neighbourhood::Hexagonal { .. } => 3 * r * (r + 1),
        }
    }

    /// The (row, column) offsets of the neighbourhood's cells from the
    /// centre, in the order a cell asks for them (see the [module
    /// documentation](crate::rule::neighbourhood)). A range above [`MAX_RANGE`] is cut to it.
    pub fn offsets(self) -> &'static [(i32, i32)] {
        let clamped = match self {
            Neighbourhood::Moore { range } => Neighbourhood::Moore {
                range: range.min(MAX_RANGE),
            },
            Neighbourhood::VonNeumann { range } => Neighbourhood::VonNeumann {
                range: range.min(MAX_RANGE),
            },
            Neighbourhood::Hexagonal { range } => Neighbourhood::Hexagonal {
                range: range.min(MAX_RANGE),
            },
        };
        let walk: &'static [(i32, i32)] = match self {
            Neighbourhood::Moore { .. } => &MOORE_WALK,
            Neighbourhood::VonNeumann { .. } => &VON_NEUMANN_WALK,
            Neighbourhood::Hexagonal { .. } => &HEXAGONAL_WALK,
        };
        &walk[..clamped.size()]
    }

    /// Whether the cell `dy` rows and `dx` columns from the centre belongs
    /// to the neighbourhood (the centre itself does not).
    pub const fn contains(self, dy: i32, dx: i32) -> bool {
        let metric = match self {
            Neighbourhood::Moore { .. } => Metric::Moore,
            Neighbourhood::VonNeumann { .. } => Metric::VonNeumann,
            Neighbourhood::Hexagonal { .. } => Metric::Hexagonal,
        };
        let d = distance(metric, dy, dx);
        d >= 1 && d <= self.range() as i32
    }

    /// The letter of the neighbourhood in Larger than Life's `N` field:
    /// `M`, `N` or `H`.
    pub const fn letter(self) -> char {
        match self {
            Neighbourhood::Moore { .. } => 'M',
            Neighbourhood::VonNeumann { .. } => 'N',
            Neighbourhood::Hexagonal { .. } => 'H',
        }
    }

    /// The same shape with another range.
    pub const fn with_range(self, range: u8) -> Neighbourhood {
        match self {
            Neighbourhood::Moore { .. } => Neighbourhood::Moore { range },
            Neighbourhood::VonNeumann { .. } => Neighbourhood::VonNeumann { range },
            Neighbourhood::Hexagonal { .. } => Neighbourhood::Hexagonal { range },
        }
    }
}

impl fmt::Display for Neighbourhood {
    /// `Moore, range 1`, `von Neumann, range 2`, `hexagonal, range 1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Neighbourhood::Moore { .. } => "Moore",
            Neighbourhood::VonNeumann { .. } => "von Neumann",
            Neighbourhood::Hexagonal { .. } => "hexagonal",
        };
        write!(f, "{name}, range {}", self.range())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn shapes(range: u8) -> [Neighbourhood; 3] {
        [
            Neighbourhood::Moore { range },
            Neighbourhood::VonNeumann { range },
            Neighbourhood::Hexagonal { range },
        ]
    }

    #[test]
    fn range_one_walks_in_moore_order_leaving_out_what_is_missing() {
        assert_eq!(
            Neighbourhood::Moore { range: 1 }.offsets(),
            crate::cell::MOORE
        );
        assert_eq!(
            Neighbourhood::VonNeumann { range: 1 }.offsets(),
            [(-1, 0), (0, 1), (1, 0), (0, -1)]
        );
        // Golly's hexagonal neighbourhood: the Moore one without the
        // north-east and south-west corners.
        let hex: Vec<_> = crate::cell::MOORE
            .into_iter()
            .filter(|&d| d != (-1, 1) && d != (1, -1))
            .collect();
        assert_eq!(Neighbourhood::Hexagonal { range: 1 }.offsets(), hex);
    }

    #[test]
    fn every_offset_is_listed_once_and_nothing_else() {
        for range in 1..=MAX_RANGE {
            for neighbourhood in shapes(range) {
                let offsets = neighbourhood.offsets();
                assert_eq!(offsets.len(), neighbourhood.size(), "{neighbourhood}");
                let distinct: HashSet<_> = offsets.iter().copied().collect();
                assert_eq!(distinct.len(), offsets.len(), "{neighbourhood}");
                let r = i32::from(range);
                let mut expected = 0;
                for dy in -r..=r {
                    for dx in -r..=r {
                        if neighbourhood.contains(dy, dx) {
                            expected += 1;
                            assert!(distinct.contains(&(dy, dx)), "{neighbourhood}");
                        }
                    }
                }
                assert_eq!(expected, offsets.len(), "{neighbourhood}");
            }
        }
    }

    #[test]
    fn sizes_follow_the_formulas_golly_documents() {
        // Moore (2r+1)²−1, von Neumann 2r(r+1), hexagonal (2r+1)²−r(r+1)−1.
        for range in 1..=MAX_RANGE {
            let r = usize::from(range);
            let [moore, von_neumann, hexagonal] = shapes(range);
            assert_eq!(moore.size(), (2 * r + 1).pow(2) - 1);
            assert_eq!(von_neumann.size(), 2 * r * (r + 1));
            assert_eq!(hexagonal.size(), (2 * r + 1).pow(2) - r * (r + 1) - 1);
        }
    }

    #[test]
    fn a_smaller_range_is_a_prefix_and_rings_come_nearest_first() {
        for range in 2..=MAX_RANGE {
            for neighbourhood in shapes(range) {
                let smaller = neighbourhood.with_range(range - 1);
                assert!(neighbourhood.offsets().starts_with(smaller.offsets()));
            }
        }
        assert_eq!(
            Neighbourhood::VonNeumann { range: 2 }.offsets()[4..],
            [
                (-2, 0),
                (-1, 1),
                (0, 2),
                (1, 1),
                (2, 0),
                (1, -1),
                (0, -2),
                (-1, -1)
            ]
        );
    }

    #[test]
    fn a_range_past_the_limit_is_cut_to_it() {
        let far = Neighbourhood::Moore {
            range: MAX_RANGE + 1,
        };
        assert_eq!(far.offsets().len(), MOORE_CELLS);
    }
}
