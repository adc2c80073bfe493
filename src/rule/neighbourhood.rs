//! Neighbourhoods: which cells around a cell its rule looks at, as a list
//! of offsets the cell coroutine walks.
//!
//! Golly's thirteen fixed shapes of Larger than Life, each of any range
//! from 1 to [`MAX_RANGE`], with the letter of the rule's `N` field. On
//! the square grid, with `dy`, `dx` the offsets from the cell:
//!
//! | letter | shape | cells | at range `r` |
//! |---|---|---|---|
//! | `M` | Moore | `(2r+1)² − 1` | `\|dy\|, \|dx\| ≤ r` |
//! | `N` | von Neumann | `2r(r+1)` | `\|dy\| + \|dx\| ≤ r` |
//! | `C` | circular | varies | `dx² + dy² ≤ r² + r` |
//! | `2` | L2 (Euclidean) | varies | `dx² + dy² ≤ r²` |
//! | `B` | checkerboard | `((2r+1)² − 1) / 2` | Moore, with `dy + dx` odd |
//! | `D` | aligned checkerboard | `((2r+1)² − 1) / 2` | Moore, with `dy + dx` even |
//! | `+` | cross | `4r` | the row and the column of the cell |
//! | `X` | saltire | `4r` | the two diagonals |
//! | `*` | star | `8r` | cross and saltire |
//! | `#` | hash | `8r` | the rows `dy = ±1` and the columns `dx = ±1` |
//!
//! and on the hexagonal grid Golly draws on the square one (each row
//! shifted half a cell from the one above, so that the north-east and
//! south-west corners of the 3×3 square are *not* neighbours):
//!
//! | letter | shape | cells | at range `r` |
//! |---|---|---|---|
//! | `H` | hexagonal | `3r(r+1)` | `\|dy\|, \|dx\|, \|dx − dy\| ≤ r` |
//! | `A` | asterisk | `6r` | the row, the column and the diagonal `dx = dy` |
//! | `3` | tripod | `3r` | north (`dx = 0, dy < 0`), west (`dy = 0, dx < 0`), south-east (`dx = dy > 0`) |
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
//! and on the triangular grid, whose cells alternate between triangles
//! pointing up and down (a cell is *even* when its row and column add up
//! to an even number, *odd* otherwise):
//!
//! | letter | shape | cells | at range `r` |
//! |---|---|---|---|
//! | `L` | triangular | `(4r+1)(2r+1) − 2r² − 1` | rows `\|dy\| ≤ r`; an even cell's row `dy` holds `\|dx\| ≤ 2r + 1 − \|dy\|` above the cell and `\|dx\| ≤ 2r − dy` from its row down; an odd cell's is the same upside down |
//!
//! ```text
//!  triangular, r = 1, even     odd
//!      N N N N N            . N N N .
//!      N N C N N            N N C N N
//!      . N N N .            N N N N N
//! ```
//!
//! It reaches `2r` columns each way: its [`range`](Neighbourhood::range)
//! is `2r`, as Golly counts it, and [`rule_range`](Neighbourhood::rule_range)
//! the `r` of the rule (1 to [`MAX_TRIANGULAR_RANGE`]). Which cells an odd
//! cell counts is the only thing in corolife that depends on where a cell
//! is: see [`Neighbourhood::offsets_at`].
//!
//! Three more are not plain sets of cells:
//!
//! * `G`, **Gaussian** (range 1 to [`MAX_GAUSSIAN_RANGE`]): the Moore
//!   square, each live cell counting `(r + 1 − |dy|)(r + 1 − |dx|)`, the
//!   cell itself `(r + 1)²` when it is alive.
//! * `W`, **weighted**: a weight from −127 to 127 for each cell of the
//!   `(2r+1)²` square, the cell itself included, given in hex digits after
//!   `NW`; optionally `,` and a weight from 0 to 15 for each state (the
//!   count is then the sum of each cell's weight times its state's weight,
//!   empty cells included); optionally `H` (drawn on the hexagonal grid,
//!   counted the same) or `L` (on the triangular grid: flipped upside down
//!   for odd cells). See [`Drawn`].
//! * `@`, **custom**: a set of cells of the square drawn as bits in hex
//!   digits after `N@`, optionally followed by `H` or `L` as for `W`.
//!
//! For those the key a cell's rule decides on is the *weighted* count,
//! the cell's own weight included ([`Neighbourhood::centre_weight`]); a
//! negative sum is a key no rule holds.
//!
//! # The walking order
//!
//! [`Neighbourhood::offsets`] lists the offsets ring by ring, nearest first,
//! and each ring clockwise from north. Rings are measured in the shape's
//! own distance: the Manhattan one for von Neumann, the hexagonal one for
//! the shapes of the hexagonal grid, the square (Chebyshev) one for the
//! others. At range 1 of the Moore neighbourhood that is
//! [`MOORE`](crate::cell::MOORE): north, north-east, east, … north-west;
//! the other shapes of range 1 keep the same order with the missing cells
//! left out. Because rings come nearest first, the neighbourhood of range
//! `r` is a prefix of the one of range `r + 1` (but for the triangular
//! shape, whose rings are square ones too). The Gaussian shape walks the
//! Moore square; the drawn ones their cells of non-zero weight, ring by
//! ring in the same way; an odd triangular cell (of `NL`, or of `NW` and
//! `N@` drawn with `L`) the even cell's offsets upside down, in the same
//! order.
//!
//! Offsets are built the first time a shape and range is asked for, and
//! kept for the life of the program.

use std::cmp::Ordering;
use std::fmt;
use std::sync::OnceLock;

mod drawn;

pub use drawn::{Drawn, Grid};
pub(crate) use drawn::{DrawnError, custom, weighted};

use crate::State;

/// The largest range a neighbourhood may have, as in Golly.
///
/// At range 500 the Moore neighbourhood has 1,002,000 cells, and a cell
/// coroutine asks for each of them every generation.
pub const MAX_RANGE: u16 = 500;

/// The largest range of the triangular neighbourhood (`NL`), as in Golly:
/// its rows reach twice as far, to [`MAX_RANGE`].
pub const MAX_TRIANGULAR_RANGE: u16 = MAX_RANGE / 2;

/// The largest range of the Gaussian neighbourhood (`NG`), as in Golly.
pub const MAX_GAUSSIAN_RANGE: u16 = 50;

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
/// // Golly's largest: a million cells, built when first asked for.
/// assert_eq!(Neighbourhood::Moore { range: 500 }.offsets().len(), 1_002_000);
/// assert_eq!(Neighbourhood::Cross { range: 3 }.size(), 12);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Neighbourhood {
    /// Every cell within `range` rows and `range` columns (`NM`).
    Moore {
        /// From 1 to [`MAX_RANGE`].
        range: u16,
    },
    /// Every cell within `range` orthogonal steps (`NN`).
    VonNeumann {
        /// From 1 to [`MAX_RANGE`].
        range: u16,
    },
    /// The hexagon of radius `range` on Golly's skewed square grid (`NH`).
    Hexagonal {
        /// From 1 to [`MAX_RANGE`].
        range: u16,
    },
    /// The disc `dx² + dy² ≤ range² + range` (`NC`).
    Circular {
        /// From 1 to [`MAX_RANGE`].
        range: u16,
    },
    /// The disc `dx² + dy² ≤ range²` (`N2`, L2 or Euclidean).
    Euclidean {
        /// From 1 to [`MAX_RANGE`].
        range: u16,
    },
    /// The Moore square's cells an odd number of steps away (`NB`).
    Checkerboard {
        /// From 1 to [`MAX_RANGE`].
        range: u16,
    },
    /// The Moore square's cells an even number of steps away (`ND`).
    AlignedCheckerboard {
        /// From 1 to [`MAX_RANGE`].
        range: u16,
    },
    /// The cell's row and column, `range` cells each way (`N+`).
    Cross {
        /// From 1 to [`MAX_RANGE`].
        range: u16,
    },
    /// The two diagonals through the cell, `range` cells each way (`NX`).
    Saltire {
        /// From 1 to [`MAX_RANGE`].
        range: u16,
    },
    /// Cross and saltire together (`N*`).
    Star {
        /// From 1 to [`MAX_RANGE`].
        range: u16,
    },
    /// The two rows next to the cell's and the two columns next to its,
    /// `range` cells each way (`N#`).
    Hash {
        /// From 1 to [`MAX_RANGE`].
        range: u16,
    },
    /// The three lines of the hexagonal grid through the cell: its row,
    /// its column and the diagonal `dx = dy` (`NA`).
    Asterisk {
        /// From 1 to [`MAX_RANGE`].
        range: u16,
    },
    /// Every other half of the asterisk's lines: north, west and
    /// south-east (`N3`).
    Tripod {
        /// From 1 to [`MAX_RANGE`].
        range: u16,
    },
    /// The triangle of the triangular grid (`NL`), pointing one way for an
    /// even cell and the other for an odd one.
    Triangular {
        /// The range written in the rule, from 1 to
        /// [`MAX_TRIANGULAR_RANGE`]; the shape reaches twice as far
        /// across.
        range: u16,
    },
    /// The Moore square, weighted highest at the centre (`NG`).
    Gaussian {
        /// From 1 to [`MAX_GAUSSIAN_RANGE`].
        range: u16,
    },
    /// Weights drawn in the rule (`NW`), of range 1 to [`MAX_RANGE`].
    Weighted(Drawn),
    /// Cells drawn in the rule (`N@`), of range 1 to [`MAX_RANGE`].
    Custom(Drawn),
}

/// The shapes whose walks are cached by range, in the order of
/// [`Neighbourhood::index`].
const SHAPES: usize = 14;

/// The distance a shape's rings are measured in.
#[derive(Clone, Copy)]
enum Metric {
    Chebyshev,
    Manhattan,
    Hexagonal,
}

/// How far (`dy`, `dx`) is from the centre in `metric`.
const fn distance(metric: Metric, dy: i32, dx: i32) -> i32 {
    let (ay, ax) = (dy.abs(), dx.abs());
    match metric {
        Metric::Chebyshev => max(ay, ax),
        Metric::Manhattan => ay + ax,
        Metric::Hexagonal => max(max(ay, ax), (dx - dy).abs()),
    }
}

const fn max(a: i32, b: i32) -> i32 {
    if a > b { a } else { b }
}

/// Whether an offset lies in the left half-plane, south included.
const fn left_half((dy, dx): (i32, i32)) -> bool {
    dx < 0 || (dx == 0 && dy > 0)
}

/// The order of two offsets going clockwise from north: by the angle from
/// north towards east, in [0, 2π).
fn clockwise(a: (i32, i32), b: (i32, i32)) -> Ordering {
    // With `up` = −dy and `right` = dx, the right half-plane (north
    // included) comes first; within a half, the cross product orders them.
    let (ha, hb) = (left_half(a), left_half(b));
    if ha != hb {
        return if ha {
            Ordering::Greater
        } else {
            Ordering::Less
        };
    }
    let cross = i64::from(-a.0) * i64::from(b.1) - i64::from(a.1) * i64::from(-b.0);
    0.cmp(&cross)
}

/// The offsets of one shape at one range, built on first use.
type Offsets = OnceLock<Box<[(i32, i32)]>>;

/// The offsets built so far, by shape and range.
static WALKS: [[Offsets; MAX_RANGE as usize]; SHAPES] = {
    #[allow(clippy::declare_interior_mutable_const)]
    const UNBUILT: Offsets = OnceLock::new();
    #[allow(clippy::declare_interior_mutable_const)]
    const SHAPE: [Offsets; MAX_RANGE as usize] = [UNBUILT; MAX_RANGE as usize];
    [SHAPE; SHAPES]
};

/// The walks of odd triangular cells, by range.
static ODD_WALKS: [Offsets; MAX_TRIANGULAR_RANGE as usize] = {
    #[allow(clippy::declare_interior_mutable_const)]
    const UNBUILT: Offsets = OnceLock::new();
    [UNBUILT; MAX_TRIANGULAR_RANGE as usize]
};

/// The weights of the Gaussian walks (the Moore walks), by range.
static GAUSSIAN: [OnceLock<Box<[i32]>>; MAX_GAUSSIAN_RANGE as usize] = {
    #[allow(clippy::declare_interior_mutable_const)]
    const UNBUILT: OnceLock<Box<[i32]>> = OnceLock::new();
    [UNBUILT; MAX_GAUSSIAN_RANGE as usize]
};

/// `cells` in walking order: ring by ring (the square distance), each
/// clockwise from north.
fn ring_order(mut cells: Vec<(i32, i32)>) -> Box<[(i32, i32)]> {
    let ring = |(dy, dx): (i32, i32)| dy.abs().max(dx.abs());
    cells.sort_unstable_by(|&a, &b| ring(a).cmp(&ring(b)).then_with(|| clockwise(a, b)));
    cells.into_boxed_slice()
}

impl Neighbourhood {
    /// The range: how far the neighbourhood reaches in its own distance,
    /// and so in rows and columns. For the triangular shape that is twice
    /// the range of the rule (see [`rule_range`](Neighbourhood::rule_range)).
    pub fn range(self) -> u16 {
        match self {
            Neighbourhood::Triangular { range } => range.saturating_mul(2),
            Neighbourhood::Weighted(drawn) | Neighbourhood::Custom(drawn) => drawn.range(),
            Neighbourhood::Gaussian { range } => range,
            Neighbourhood::Moore { range }
            | Neighbourhood::VonNeumann { range }
            | Neighbourhood::Hexagonal { range }
            | Neighbourhood::Circular { range }
            | Neighbourhood::Euclidean { range }
            | Neighbourhood::Checkerboard { range }
            | Neighbourhood::AlignedCheckerboard { range }
            | Neighbourhood::Cross { range }
            | Neighbourhood::Saltire { range }
            | Neighbourhood::Star { range }
            | Neighbourhood::Hash { range }
            | Neighbourhood::Asterisk { range }
            | Neighbourhood::Tripod { range } => range,
        }
    }

    /// The range as the rule writes it (`R…`): the [`range`](Neighbourhood::range)
    /// but for the triangular shape, whose rule range is half its reach.
    ///
    /// ```
    /// use corolife::Neighbourhood;
    ///
    /// let triangle = Neighbourhood::Triangular { range: 3 };
    /// assert_eq!((triangle.rule_range(), triangle.range()), (3, 6));
    /// ```
    pub fn rule_range(self) -> u16 {
        match self {
            Neighbourhood::Triangular { range } => range,
            other => other.range(),
        }
    }

    /// The shape's place in [`SHAPES`] and its letter.
    const fn index(self) -> (usize, char) {
        match self {
            Neighbourhood::Moore { .. } => (0, 'M'),
            Neighbourhood::VonNeumann { .. } => (1, 'N'),
            Neighbourhood::Hexagonal { .. } => (2, 'H'),
            Neighbourhood::Circular { .. } => (3, 'C'),
            Neighbourhood::Euclidean { .. } => (4, '2'),
            Neighbourhood::Checkerboard { .. } => (5, 'B'),
            Neighbourhood::AlignedCheckerboard { .. } => (6, 'D'),
            Neighbourhood::Cross { .. } => (7, '+'),
            Neighbourhood::Saltire { .. } => (8, 'X'),
            Neighbourhood::Star { .. } => (9, '*'),
            Neighbourhood::Hash { .. } => (10, '#'),
            Neighbourhood::Asterisk { .. } => (11, 'A'),
            Neighbourhood::Tripod { .. } => (12, '3'),
            Neighbourhood::Triangular { .. } => (13, 'L'),
            // Not cached in `WALKS`: the Gaussian walk is Moore's.
            Neighbourhood::Gaussian { .. } => (0, 'G'),
            Neighbourhood::Weighted(_) => (0, 'W'),
            Neighbourhood::Custom(_) => (0, '@'),
        }
    }

    /// The shape of letter `letter` (in either case) and range `range`, if
    /// Golly has one of that letter among the shapes here: all but `W`
    /// and `@`, whose cells the rule draws. `range` is the rule's (see
    /// [`rule_range`](Neighbourhood::rule_range)).
    pub fn from_letter(letter: char, range: u16) -> Option<Neighbourhood> {
        let all = [
            Neighbourhood::Moore { range },
            Neighbourhood::VonNeumann { range },
            Neighbourhood::Hexagonal { range },
            Neighbourhood::Circular { range },
            Neighbourhood::Euclidean { range },
            Neighbourhood::Checkerboard { range },
            Neighbourhood::AlignedCheckerboard { range },
            Neighbourhood::Cross { range },
            Neighbourhood::Saltire { range },
            Neighbourhood::Star { range },
            Neighbourhood::Hash { range },
            Neighbourhood::Asterisk { range },
            Neighbourhood::Tripod { range },
            Neighbourhood::Triangular { range },
            Neighbourhood::Gaussian { range },
        ];
        all.into_iter()
            .find(|n| n.letter() == letter.to_ascii_uppercase())
    }

    /// The distance the shape's rings are measured in.
    const fn metric(self) -> Metric {
        match self {
            Neighbourhood::VonNeumann { .. } => Metric::Manhattan,
            Neighbourhood::Hexagonal { .. }
            | Neighbourhood::Asterisk { .. }
            | Neighbourhood::Tripod { .. } => Metric::Hexagonal,
            _ => Metric::Chebyshev,
        }
    }

    /// The number of cells in the neighbourhood, not counting the centre
    /// (for the weighted shapes, the cells of non-zero weight).
    pub fn size(self) -> usize {
        let r = self.range() as usize;
        match self {
            Neighbourhood::Triangular { range } => {
                let r = range as usize;
                (4 * r + 1) * (2 * r + 1) - 2 * r * r - 1
            }
            Neighbourhood::Gaussian { .. } => (2 * r + 1) * (2 * r + 1) - 1,
            Neighbourhood::Weighted(drawn) | Neighbourhood::Custom(drawn) => drawn.size(),
            Neighbourhood::Moore { .. } => (2 * r + 1) * (2 * r + 1) - 1,
            Neighbourhood::VonNeumann { .. } => 2 * r * (r + 1),
            Neighbourhood::Hexagonal { .. } => 3 * r * (r + 1),
            Neighbourhood::Circular { .. } => disc(r * r + r, r),
            Neighbourhood::Euclidean { .. } => disc(r * r, r),
            Neighbourhood::Checkerboard { .. } | Neighbourhood::AlignedCheckerboard { .. } => {
                ((2 * r + 1) * (2 * r + 1) - 1) / 2
            }
            Neighbourhood::Cross { .. } | Neighbourhood::Saltire { .. } => 4 * r,
            Neighbourhood::Star { .. } | Neighbourhood::Hash { .. } => 8 * r,
            Neighbourhood::Asterisk { .. } => 6 * r,
            Neighbourhood::Tripod { .. } => 3 * r,
        }
    }

    /// The (row, column) offsets of the neighbourhood's cells from the
    /// centre, in the order a cell asks for them (see the [module
    /// documentation](crate::rule::neighbourhood)). A range above
    /// [`MAX_RANGE`] is cut to it, and a range of 0 has no cells.
    ///
    /// For the triangular shapes these are an even cell's; see
    /// [`offsets_at`](Neighbourhood::offsets_at).
    pub fn offsets(self) -> &'static [(i32, i32)] {
        match self {
            Neighbourhood::Weighted(drawn) | Neighbourhood::Custom(drawn) => {
                return drawn.walk(false);
            }
            Neighbourhood::Gaussian { range } => {
                return Neighbourhood::Moore {
                    range: range.min(MAX_GAUSSIAN_RANGE),
                }
                .offsets();
            }
            Neighbourhood::Triangular { range } if range > MAX_TRIANGULAR_RANGE => {
                return Neighbourhood::Triangular {
                    range: MAX_TRIANGULAR_RANGE,
                }
                .offsets();
            }
            _ => {}
        }
        let range = self.rule_range().min(MAX_RANGE);
        if range == 0 {
            return &[];
        }
        let shape = self.with_range(range);
        WALKS[shape.index().0][usize::from(range) - 1].get_or_init(|| shape.walk())
    }

    /// The offsets a cell at (`y`, `x`) asks for, in order: those of
    /// [`offsets`](Neighbourhood::offsets), but for an odd cell (`y + x`
    /// odd) of a triangular shape (`NL`, or `NW` and `N@` drawn with `L`),
    /// each turned upside down (`dy` negated), in the same order.
    ///
    /// ```
    /// use corolife::Neighbourhood;
    ///
    /// let triangle = Neighbourhood::Triangular { range: 1 };
    /// assert_eq!(triangle.offsets_at(0, 0), triangle.offsets());
    /// let odd = triangle.offsets_at(0, 1);
    /// assert!(triangle.offsets().contains(&(-1, -2)));
    /// assert!(odd.contains(&(1, -2)) && !odd.contains(&(-1, -2)));
    /// ```
    pub fn offsets_at(self, y: i32, x: i32) -> &'static [(i32, i32)] {
        let odd = (y ^ x) & 1 == 1;
        match self {
            Neighbourhood::Triangular { range } if odd => {
                let range = range.clamp(1, MAX_TRIANGULAR_RANGE);
                ODD_WALKS[usize::from(range) - 1].get_or_init(|| {
                    Neighbourhood::Triangular { range }
                        .offsets()
                        .iter()
                        .map(|&(dy, dx)| (-dy, dx))
                        .collect()
                })
            }
            Neighbourhood::Weighted(drawn) | Neighbourhood::Custom(drawn) => drawn.walk(odd),
            _ => self.offsets(),
        }
    }

    /// Whether the cells a cell counts depend on where it is: the
    /// triangular shapes.
    pub fn depends_on_position(self) -> bool {
        match self {
            Neighbourhood::Triangular { .. } => true,
            Neighbourhood::Weighted(drawn) | Neighbourhood::Custom(drawn) => {
                drawn.grid() == Grid::Triangular
            }
            _ => false,
        }
    }

    /// The weight of each cell of [`offsets`](Neighbourhood::offsets) (and
    /// of [`offsets_at`](Neighbourhood::offsets_at), in the same order), for
    /// the weighted shapes (`NW`, `NG`); `None` for the others, each of
    /// whose live cells counts 1.
    ///
    /// ```
    /// use corolife::Neighbourhood;
    ///
    /// let gauss = Neighbourhood::Gaussian { range: 1 };
    /// let weights = gauss.weights().expect("weighted");
    /// // North first (an edge, 2 × 1), then north-east (a corner, 1 × 1).
    /// assert_eq!(weights[..2], [2, 1]);
    /// assert_eq!(gauss.centre_weight(), 4);
    /// ```
    pub fn weights(self) -> Option<&'static [i32]> {
        match self {
            Neighbourhood::Weighted(drawn) => Some(drawn.weights()),
            Neighbourhood::Gaussian { range } => {
                let range = range.clamp(1, MAX_GAUSSIAN_RANGE);
                Some(GAUSSIAN[usize::from(range) - 1].get_or_init(|| {
                    let r = i32::from(range);
                    self.offsets()
                        .iter()
                        .map(|&(dy, dx)| (r + 1 - dy.abs()) * (r + 1 - dx.abs()))
                        .collect()
                }))
            }
            _ => None,
        }
    }

    /// What a live cell adds to its own key: its weight in a weighted
    /// shape (`(r + 1)²` for `NG`, the centre's digits for `NW`), 0 for
    /// the others (a rule of them keeps survival counts of the cells
    /// around).
    pub fn centre_weight(self) -> i32 {
        match self {
            Neighbourhood::Weighted(drawn) => drawn.centre(),
            Neighbourhood::Gaussian { range } => {
                let side = i32::from(range.min(MAX_GAUSSIAN_RANGE)) + 1;
                side * side
            }
            _ => 0,
        }
    }

    /// The weight of each state for a weighted shape that gives them
    /// (`NW…,0123`).
    pub fn state_weights(self) -> Option<&'static [u8]> {
        match self {
            Neighbourhood::Weighted(drawn) => drawn.state_weights(),
            _ => None,
        }
    }

    /// The largest key a cell of this neighbourhood can have: its
    /// [`size`](Neighbourhood::size), or for the weighted shapes the sum
    /// of their positive weights (times the largest state weight), the
    /// cell's own included.
    pub fn max_key(self) -> u32 {
        match self {
            Neighbourhood::Weighted(drawn) => drawn.max_key(),
            Neighbourhood::Gaussian { range } => {
                let side = u32::from(range.min(MAX_GAUSSIAN_RANGE)) + 1;
                side.pow(4)
            }
            other => other.size() as u32,
        }
    }

    /// The key of a cell at (`y`, `x`) in state `own`, whose neighbours'
    /// states `state_at` gives by offset: the number of live cells
    /// among [`offsets_at`](Neighbourhood::offsets_at), or for the
    /// weighted shapes their weighted sum with the cell's own weight (a
    /// negative sum gives `u32::MAX`, a key no rule holds). What the cell
    /// coroutine computes from its answers.
    ///
    /// ```
    /// use corolife::{Neighbourhood, State};
    ///
    /// let gauss = Neighbourhood::Gaussian { range: 1 };
    /// // A live cell with a live north-west corner: 4 + 1.
    /// let around = |dy, dx| State::from((dy, dx) == (-1, -1));
    /// assert_eq!(gauss.key(0, 0, State::ALIVE, around), 5);
    /// ```
    pub fn key(
        self,
        y: i32,
        x: i32,
        own: State,
        mut state_at: impl FnMut(i32, i32) -> State,
    ) -> u32 {
        let offsets = self.offsets_at(y, x);
        let Some(weights) = self.weights() else {
            let alive = offsets
                .iter()
                .filter(|&&(dy, dx)| state_at(dy, dx).is_alive());
            return alive.count() as u32;
        };
        let mut sum = self.weigh(own, self.centre_weight());
        for (&(dy, dx), &weight) in offsets.iter().zip(weights) {
            sum += self.weigh(state_at(dy, dx), weight);
        }
        weighted_key(sum)
    }

    /// What a cell in `state` of weight `weight` adds to a weighted sum:
    /// the weight if it is alive, or with state weights, the weight times
    /// its state's weight.
    #[inline]
    pub fn weigh(self, state: State, weight: i32) -> i64 {
        weigh(self.state_weights(), state, weight)
    }

    /// Every offset of the neighbourhood in walking order.
    fn walk(self) -> Box<[(i32, i32)]> {
        if let Neighbourhood::Triangular { .. } = self {
            let r = i32::from(self.range());
            let cells = (-r..=r)
                .flat_map(|dy| (-r..=r).map(move |dx| (dy, dx)))
                .filter(|&(dy, dx)| self.contains(dy, dx))
                .collect();
            return ring_order(cells);
        }
        let r = i32::from(self.range());
        let mut cells: Vec<(i32, (i32, i32))> = Vec::with_capacity(self.size());
        for dy in -r..=r {
            for dx in -r..=r {
                if self.contains(dy, dx) {
                    cells.push((self.ring(dy, dx), (dy, dx)));
                }
            }
        }
        cells.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| clockwise(a.1, b.1)));
        cells.into_iter().map(|(_, offset)| offset).collect()
    }

    /// The ring of a cell of the shape: the smallest range whose shape
    /// holds it. For most shapes that is its distance in the shape's
    /// metric; the discs grow by rows of unequal widths.
    fn ring(self, dy: i32, dx: i32) -> i32 {
        let d2 = i64::from(dy) * i64::from(dy) + i64::from(dx) * i64::from(dx);
        let smallest = |fits: &dyn Fn(i64) -> bool| {
            let mut r = i64::from(dy.abs().max(dx.abs()));
            while !fits(r) {
                r += 1;
            }
            r as i32
        };
        match self {
            Neighbourhood::Circular { .. } => smallest(&|r| d2 <= r * r + r),
            Neighbourhood::Euclidean { .. } => smallest(&|r| d2 <= r * r),
            _ => distance(self.metric(), dy, dx),
        }
    }

    /// Whether the cell `dy` rows and `dx` columns from the centre belongs
    /// to the neighbourhood (the centre itself does not): for an even
    /// cell of a triangular shape, and for the weighted shapes the cells
    /// of non-zero weight.
    pub fn contains(self, dy: i32, dx: i32) -> bool {
        if let Neighbourhood::Weighted(drawn) | Neighbourhood::Custom(drawn) = self {
            return drawn.contains(dy, dx);
        }
        let r = self.range() as i64;
        let (y, x) = (dy as i64, dx as i64);
        let (ay, ax) = (y.abs(), x.abs());
        if (y == 0 && x == 0) || ay > r || ax > r {
            return false;
        }
        match self {
            Neighbourhood::Moore { .. } => true,
            Neighbourhood::VonNeumann { .. } => ay + ax <= r,
            Neighbourhood::Hexagonal { .. } => (x - y).abs() <= r,
            Neighbourhood::Circular { .. } => x * x + y * y <= r * r + r,
            Neighbourhood::Euclidean { .. } => x * x + y * y <= r * r,
            Neighbourhood::Checkerboard { .. } => (ay + ax) % 2 == 1,
            Neighbourhood::AlignedCheckerboard { .. } => (ay + ax) % 2 == 0,
            Neighbourhood::Cross { .. } => y == 0 || x == 0,
            Neighbourhood::Saltire { .. } => ay == ax,
            Neighbourhood::Star { .. } => y == 0 || x == 0 || ay == ax,
            Neighbourhood::Hash { .. } => ay == 1 || ax == 1,
            Neighbourhood::Asterisk { .. } => y == 0 || x == 0 || y == x,
            Neighbourhood::Tripod { .. } => {
                (x == 0 && y < 0) || (y == 0 && x < 0) || (y == x && y > 0)
            }
            Neighbourhood::Triangular { range } => {
                let r = range as i64;
                let width = if y < 0 { 2 * r + 1 + y } else { 2 * r - y };
                ay <= r && ax <= width
            }
            Neighbourhood::Gaussian { .. } => true,
            Neighbourhood::Weighted(_) | Neighbourhood::Custom(_) => false,
        }
    }

    /// The letter of the neighbourhood in Larger than Life's `N` field:
    /// `M`, `N`, `H`, `C`, `2`, `B`, `D`, `+`, `X`, `*`, `#`, `A`, `3`,
    /// `L`, `G`, `W` or `@`.
    pub const fn letter(self) -> char {
        self.index().1
    }

    /// The `N` field as Golly's canonical rule writes it, without the
    /// `N`: the letter, and for `W` and `@` their digits.
    ///
    /// ```
    /// use corolife::{Neighbourhood, Rule};
    ///
    /// assert_eq!(Neighbourhood::Triangular { range: 2 }.notation(), "L");
    /// let rule: Rule = "R2,C0,S2-3,B3,n@891891l".parse()?;
    /// assert_eq!(rule.neighbourhood().notation(), "@891891L");
    /// # Ok::<(), corolife::RuleError>(())
    /// ```
    pub fn notation(self) -> String {
        match self {
            Neighbourhood::Weighted(drawn) | Neighbourhood::Custom(drawn) => {
                format!("{}{}", self.letter(), drawn.digits())
            }
            _ => self.letter().to_string(),
        }
    }

    /// The same shape with another range (the rule's range, see
    /// [`rule_range`](Neighbourhood::rule_range)); a shape the rule draws
    /// (`W`, `@`) has only its own, and stays as it is.
    pub const fn with_range(self, range: u16) -> Neighbourhood {
        match self {
            Neighbourhood::Triangular { .. } => Neighbourhood::Triangular { range },
            Neighbourhood::Gaussian { .. } => Neighbourhood::Gaussian { range },
            Neighbourhood::Weighted(_) | Neighbourhood::Custom(_) => self,
            Neighbourhood::Moore { .. } => Neighbourhood::Moore { range },
            Neighbourhood::VonNeumann { .. } => Neighbourhood::VonNeumann { range },
            Neighbourhood::Hexagonal { .. } => Neighbourhood::Hexagonal { range },
            Neighbourhood::Circular { .. } => Neighbourhood::Circular { range },
            Neighbourhood::Euclidean { .. } => Neighbourhood::Euclidean { range },
            Neighbourhood::Checkerboard { .. } => Neighbourhood::Checkerboard { range },
            Neighbourhood::AlignedCheckerboard { .. } => {
                Neighbourhood::AlignedCheckerboard { range }
            }
            Neighbourhood::Cross { .. } => Neighbourhood::Cross { range },
            Neighbourhood::Saltire { .. } => Neighbourhood::Saltire { range },
            Neighbourhood::Star { .. } => Neighbourhood::Star { range },
            Neighbourhood::Hash { .. } => Neighbourhood::Hash { range },
            Neighbourhood::Asterisk { .. } => Neighbourhood::Asterisk { range },
            Neighbourhood::Tripod { .. } => Neighbourhood::Tripod { range },
        }
    }

    /// Whether the shape is drawn on the hexagonal grid (`H`, `A`, `3`).
    pub const fn is_hexagonal(self) -> bool {
        matches!(self.metric(), Metric::Hexagonal)
    }
}

/// What a cell in `state` of weight `weight` adds to a weighted sum,
/// given the state weights if any: [`Neighbourhood::weigh`], with the
/// state weights looked up once.
#[inline]
pub(crate) fn weigh(states: Option<&[u8]>, state: State, weight: i32) -> i64 {
    match states {
        None => {
            if state.is_alive() {
                i64::from(weight)
            } else {
                0
            }
        }
        Some(states) => {
            let factor = states.get(usize::from(state.value())).copied().unwrap_or(0);
            i64::from(weight) * i64::from(factor)
        }
    }
}

/// The key of a weighted sum: the sum, or for a negative one `u32::MAX`,
/// which no rule's sets hold (Golly neither gives birth nor survives on
/// a negative count).
#[inline]
pub fn weighted_key(sum: i64) -> u32 {
    u32::try_from(sum).unwrap_or(u32::MAX)
}

/// Cells of the disc `dx² + dy² ≤ limit` within `r` rows, less the
/// centre: each row as wide as the limit allows, as Golly counts it.
const fn disc(limit: usize, r: usize) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i <= 2 * r {
        let dy = r.abs_diff(i);
        let mut width = 0;
        while (width + 1) * (width + 1) + dy * dy <= limit {
            width += 1;
        }
        count += 2 * width + 1;
        i += 1;
    }
    count - 1
}

impl fmt::Display for Neighbourhood {
    /// `Moore, range 1`, `von Neumann, range 2`, `hexagonal, range 1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Neighbourhood::Moore { .. } => "Moore",
            Neighbourhood::VonNeumann { .. } => "von Neumann",
            Neighbourhood::Hexagonal { .. } => "hexagonal",
            Neighbourhood::Circular { .. } => "circular",
            Neighbourhood::Euclidean { .. } => "L2",
            Neighbourhood::Checkerboard { .. } => "checkerboard",
            Neighbourhood::AlignedCheckerboard { .. } => "aligned checkerboard",
            Neighbourhood::Cross { .. } => "cross",
            Neighbourhood::Saltire { .. } => "saltire",
            Neighbourhood::Star { .. } => "star",
            Neighbourhood::Hash { .. } => "hash",
            Neighbourhood::Asterisk { .. } => "asterisk",
            Neighbourhood::Tripod { .. } => "tripod",
            Neighbourhood::Triangular { .. } => "triangular",
            Neighbourhood::Gaussian { .. } => "Gaussian",
            Neighbourhood::Weighted(_) => "weighted",
            Neighbourhood::Custom(_) => "custom",
        };
        write!(f, "{name}, range {}", self.rule_range())
    }
}

#[cfg(test)]
mod new_shapes;
#[cfg(test)]
mod rules;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The shapes of the square and hexagonal grids.
    fn shapes(range: u16) -> [Neighbourhood; 13] {
        let mut all = [Neighbourhood::Moore { range }; 13];
        for letter in "MNHC2BD+X*#A3".chars() {
            let shape = Neighbourhood::from_letter(letter, range).expect("a letter of Golly's");
            all[shape.index().0] = shape;
        }
        all
    }

    /// The shape drawn at its range: `N` a neighbour, `C` the centre.
    fn picture(neighbourhood: Neighbourhood) -> String {
        let r = i32::from(neighbourhood.range());
        let mut out = String::new();
        for dy in -r..=r {
            let row: Vec<&str> = (-r..=r)
                .map(|dx| match (dy, dx) {
                    (0, 0) => "C",
                    _ if neighbourhood.contains(dy, dx) => "N",
                    _ => ".",
                })
                .collect();
            out += &row.join(" ");
            out += "\n";
        }
        out
    }

    #[test]
    fn shapes_at_range_two_are_golly_s() {
        // Drawn by hand from the shapes Golly's Larger than Life counts.
        let expect = |neighbourhood: Neighbourhood, drawn: &str| {
            let drawn: String = drawn.lines().map(|l| l.trim().to_string() + "\n").collect();
            assert_eq!(picture(neighbourhood), drawn, "{neighbourhood}");
        };
        expect(
            Neighbourhood::Circular { range: 2 },
            ". N N N .
             N N N N N
             N N C N N
             N N N N N
             . N N N .",
        );
        expect(
            Neighbourhood::Euclidean { range: 2 },
            ". . N . .
             . N N N .
             N N C N N
             . N N N .
             . . N . .",
        );
        expect(
            Neighbourhood::Checkerboard { range: 2 },
            ". N . N .
             N . N . N
             . N C N .
             N . N . N
             . N . N .",
        );
        expect(
            Neighbourhood::AlignedCheckerboard { range: 2 },
            "N . N . N
             . N . N .
             N . C . N
             . N . N .
             N . N . N",
        );
        expect(
            Neighbourhood::Star { range: 2 },
            "N . N . N
             . N N N .
             N N C N N
             . N N N .
             N . N . N",
        );
        expect(
            Neighbourhood::Hash { range: 2 },
            ". N . N .
             N N N N N
             . N C N .
             N N N N N
             . N . N .",
        );
        expect(
            Neighbourhood::Asterisk { range: 2 },
            "N . N . .
             . N N . .
             N N C N N
             . . N N .
             . . N . N",
        );
        expect(
            Neighbourhood::Tripod { range: 2 },
            ". . N . .
             . . N . .
             N N C . .
             . . . N .
             . . . . N",
        );
        expect(
            Neighbourhood::Hexagonal { range: 2 },
            "N N N . .
             N N N N .
             N N C N N
             . N N N N
             . . N N N",
        );
    }

    #[test]
    fn circular_range_three_is_golly_s_and_the_l2_disc_is_smaller() {
        // Golly's circular shape keeps, in each row dy, the columns with
        // dx² + dy² ≤ r² + r: at r = 3 widths 1, 2, 3, 3, 3, 2, 1.
        assert_eq!(
            picture(Neighbourhood::Circular { range: 3 }),
            ". . N N N . .\n\
             . N N N N N .\n\
             N N N N N N N\n\
             N N N C N N N\n\
             N N N N N N N\n\
             . N N N N N .\n\
             . . N N N . .\n"
        );
        assert_eq!(Neighbourhood::Circular { range: 3 }.size(), 36);
        assert_eq!(Neighbourhood::Euclidean { range: 3 }.size(), 28);
    }

    #[test]
    fn range_one_walks_in_moore_order_leaving_out_what_is_missing() {
        for neighbourhood in shapes(1) {
            let kept: Vec<_> = crate::cell::MOORE
                .into_iter()
                .filter(|&(dy, dx)| neighbourhood.contains(dy, dx))
                .collect();
            assert_eq!(neighbourhood.offsets(), kept, "{neighbourhood}");
        }
        assert_eq!(
            Neighbourhood::VonNeumann { range: 1 }.offsets(),
            [(-1, 0), (0, 1), (1, 0), (0, -1)]
        );
        let hex: Vec<_> = crate::cell::MOORE
            .into_iter()
            .filter(|&d| d != (-1, 1) && d != (1, -1))
            .collect();
        assert_eq!(Neighbourhood::Hexagonal { range: 1 }.offsets(), hex);
    }

    #[test]
    fn every_offset_is_listed_once_and_nothing_else() {
        for range in (1..=12).chain([31, 64]) {
            for neighbourhood in shapes(range) {
                let offsets = neighbourhood.offsets();
                assert_eq!(offsets.len(), neighbourhood.size(), "{neighbourhood}");
                let distinct: HashSet<_> = offsets.iter().copied().collect();
                assert_eq!(distinct.len(), offsets.len(), "{neighbourhood}");
                assert!(
                    offsets
                        .iter()
                        .all(|&(dy, dx)| neighbourhood.contains(dy, dx)),
                    "{neighbourhood}"
                );
            }
        }
    }

    #[test]
    fn sizes_follow_the_formulas_golly_documents() {
        for range in 1..=40u16 {
            let r = usize::from(range);
            let count = |n: Neighbourhood| {
                let r = i32::from(range);
                (-r..=r)
                    .flat_map(|dy| (-r..=r).map(move |dx| (dy, dx)))
                    .filter(|&(dy, dx)| n.contains(dy, dx))
                    .count()
            };
            for neighbourhood in shapes(range) {
                assert_eq!(
                    neighbourhood.size(),
                    count(neighbourhood),
                    "{neighbourhood}"
                );
            }
            let [moore, von_neumann, hexagonal, ..] = shapes(range);
            assert_eq!(moore.size(), (2 * r + 1).pow(2) - 1);
            assert_eq!(von_neumann.size(), 2 * r * (r + 1));
            assert_eq!(hexagonal.size(), (2 * r + 1).pow(2) - r * (r + 1) - 1);
        }
        // Golly's counts for the largest range.
        assert_eq!(Neighbourhood::Moore { range: 500 }.size(), 1_002_000);
        assert_eq!(Neighbourhood::VonNeumann { range: 500 }.size(), 501_000);
        assert_eq!(Neighbourhood::Checkerboard { range: 500 }.size(), 501_000);
    }

    #[test]
    fn a_smaller_range_is_a_prefix_and_rings_come_nearest_first() {
        for range in 2..=9 {
            for neighbourhood in shapes(range) {
                let smaller = neighbourhood.with_range(range - 1);
                assert!(
                    neighbourhood.offsets().starts_with(smaller.offsets()),
                    "{neighbourhood}"
                );
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
    fn the_largest_range_is_built_and_a_range_past_it_is_cut_to_it() {
        let largest = Neighbourhood::Moore { range: MAX_RANGE };
        assert_eq!(largest.offsets().len(), 1_002_000);
        let far = Neighbourhood::Moore {
            range: MAX_RANGE + 1,
        };
        assert_eq!(far.offsets().len(), largest.size());
        assert!(Neighbourhood::Moore { range: 0 }.offsets().is_empty());
    }

    #[test]
    fn letters_name_the_shapes_both_ways() {
        for neighbourhood in shapes(3) {
            assert_eq!(
                Neighbourhood::from_letter(neighbourhood.letter(), 3),
                Some(neighbourhood)
            );
        }
        assert_eq!(
            Neighbourhood::from_letter('c', 2),
            Some(Neighbourhood::Circular { range: 2 })
        );
        assert_eq!(
            Neighbourhood::from_letter('l', 2),
            Some(Neighbourhood::Triangular { range: 2 })
        );
        // The drawn shapes need their digits.
        assert_eq!(Neighbourhood::from_letter('W', 2), None);
        assert_eq!(Neighbourhood::from_letter('@', 2), None);
        assert_eq!(Neighbourhood::from_letter('Q', 2), None);
    }
}
