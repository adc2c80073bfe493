//! Golly's bounded grids, written as a rule's suffix: the unbounded plane
//! (no suffix), tori with shifted edges and tubes, bounded planes, Klein
//! bottles, the cross-surface and the sphere.
//!
//! | suffix | grid |
//! |---|---|
//! | none | the unbounded plane |
//! | `:T30,20` | torus 30 cells wide, 20 high |
//! | `:T30+5,20`, `:T30,20-2` | torus whose top and bottom (or left and right) edges are joined with a shift |
//! | `:T0,20`, `:T30,0` | tube: infinite width (or height), the other sides joined |
//! | `:P30,20`, `:P0,20` | bounded plane: cells outside are always dead; a side of 0 is infinite |
//! | `:K30*,20`, `:K30,20*` | Klein bottle: the starred edges joined with a half twist |
//! | `:K30*+1,20` | Klein bottle whose twisted edges are also shifted by one (an even side only) |
//! | `:C30,20` | cross-surface: both pairs of edges twisted |
//! | `:S30` | sphere: the top edge joined to the left, the bottom to the right (square) |
//!
//! As in Golly, the width comes first, a missing height is the width, and
//! a grid of width `w` and height `h` has its top-left cell at
//! (−⌊w/2⌋, −⌊h/2⌋). Coordinates here are (row, column), `y` before `x`,
//! as everywhere in corolife.
//!
//! [`Topology::fold`] says where a cell outside the grid takes its state
//! from, exactly as Golly copies the grid's edge cells into the ring of
//! cells around it before each generation.

use std::fmt;
use std::str::FromStr;

use super::RuleError;

/// The grid a rule runs on (see the [module documentation](self)).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Topology {
    /// The unbounded plane: no suffix.
    #[default]
    Plane,
    /// `:Tw,h`: opposite edges joined, perhaps with a shift; a side of 0 is
    /// infinite (a tube, which cannot be shifted).
    Torus {
        /// Columns (0: infinite).
        width: u32,
        /// Rows (0: infinite).
        height: u32,
        /// The shift on one pair of edges.
        shift: Shift,
    },
    /// `:Pw,h`: cells outside are always dead; a side of 0 is infinite.
    Bounded {
        /// Columns (0: infinite).
        width: u32,
        /// Rows (0: infinite).
        height: u32,
    },
    /// `:Kw*,h` or `:Kw,h*`: one pair of edges joined with a half twist.
    Klein {
        /// Columns.
        width: u32,
        /// Rows.
        height: u32,
        /// Which pair of edges is twisted.
        twist: Edges,
        /// Whether the twisted edges are also shifted by one cell (`*+1`);
        /// Golly honours it only when the twisted edges are an even number
        /// of cells long.
        shifted: bool,
    },
    /// `:Cw,h`: both pairs of edges joined with a half twist.
    Cross {
        /// Columns.
        width: u32,
        /// Rows.
        height: u32,
    },
    /// `:Sw`: a square whose top edge is joined to its left edge and whose
    /// bottom edge is joined to its right edge.
    Sphere {
        /// Columns and rows.
        side: u32,
    },
}

/// A pair of a grid's edges.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Edges {
    /// The top and bottom edges (Golly's `*` after the width).
    Horizontal,
    /// The left and right edges (Golly's `*` after the height).
    Vertical,
}

/// The shift of a torus's joined edges.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Shift {
    /// Opposite cells meet.
    #[default]
    None,
    /// `:T30+5,20`: a cell leaving through the bottom edge comes back
    /// through the top edge this many columns to the right (Golly's
    /// `hshift`, reduced modulo the width).
    Horizontal(i32),
    /// `:T30,20+5`: a cell leaving through the right edge comes back
    /// through the left edge this many rows lower (Golly's `vshift`).
    Vertical(i32),
}

impl Topology {
    /// The grid's width, or `None` where it is infinite.
    pub const fn width(&self) -> Option<u32> {
        let width = match *self {
            Topology::Plane => 0,
            Topology::Torus { width, .. }
            | Topology::Bounded { width, .. }
            | Topology::Klein { width, .. }
            | Topology::Cross { width, .. } => width,
            Topology::Sphere { side } => side,
        };
        if width == 0 { None } else { Some(width) }
    }

    /// The grid's height, or `None` where it is infinite.
    pub const fn height(&self) -> Option<u32> {
        let height = match *self {
            Topology::Plane => 0,
            Topology::Torus { height, .. }
            | Topology::Bounded { height, .. }
            | Topology::Klein { height, .. }
            | Topology::Cross { height, .. } => height,
            Topology::Sphere { side } => side,
        };
        if height == 0 { None } else { Some(height) }
    }

    /// Whether this is the unbounded plane (infinite both ways, nothing
    /// joined).
    pub const fn is_plane(&self) -> bool {
        self.width().is_none() && self.height().is_none()
    }

    /// Whether the grid is finite both ways.
    pub const fn is_finite(&self) -> bool {
        self.width().is_some() && self.height().is_some()
    }

    /// A plain torus — both sides finite, no shift — as the row and
    /// column counts of a [`Grid`](crate::Grid).
    pub const fn plain_torus(&self) -> Option<super::Torus> {
        match *self {
            Topology::Torus {
                width,
                height,
                shift: Shift::None,
            } if width > 0 && height > 0 => Some(super::Torus {
                rows: height,
                cols: width,
            }),
            _ => None,
        }
    }

    /// The first column of the grid: −⌊w/2⌋, or 0 where the width is
    /// infinite.
    pub const fn left(&self) -> i32 {
        match self.width() {
            Some(w) => -((w / 2) as i32),
            None => 0,
        }
    }

    /// The first row of the grid: −⌊h/2⌋, or 0 where the height is
    /// infinite.
    pub const fn top(&self) -> i32 {
        match self.height() {
            Some(h) => -((h / 2) as i32),
            None => 0,
        }
    }

    /// Whether (`y`, `x`) is a cell of the grid (every cell is, on the
    /// plane).
    pub fn contains(&self, y: i32, x: i32) -> bool {
        let inside = |v: i32, first: i32, side: Option<u32>| {
            side.is_none_or(|n| (i64::from(v) - i64::from(first)) < i64::from(n) && v >= first)
        };
        inside(y, self.top(), self.height()) && inside(x, self.left(), self.width())
    }

    /// The largest neighbourhood range this grid can run: Klein bottles,
    /// the cross-surface and the sphere join their edges one ring of cells
    /// deep, as Golly does, so only range-1 rules run on them; `None`: any
    /// range.
    pub const fn max_range(&self) -> Option<u32> {
        match self {
            Topology::Klein { .. } | Topology::Cross { .. } | Topology::Sphere { .. } => Some(1),
            _ => None,
        }
    }

    /// Where a query at (`y`, `x`) is answered from: the cell of the grid
    /// whose state the cell at (`y`, `x`) has, or `None` if it is always
    /// dead (outside a bounded plane). A cell of the grid is itself.
    ///
    /// The joins are Golly's: before each generation Golly copies the
    /// grid's edge cells into the ring of cells just outside it, and this
    /// is the cell each of those copies comes from, corners included. On
    /// Klein bottles, cross-surfaces and spheres `y` and `x` must be at
    /// most one cell outside the grid (see [`max_range`](Topology::max_range));
    /// tori and planes fold any coordinates.
    pub fn fold(&self, y: i32, x: i32) -> Option<(i32, i32)> {
        if self.contains(y, x) {
            return Some((y, x));
        }
        let (top, left) = (i64::from(self.top()), i64::from(self.left()));
        let (w, h) = (
            i64::from(self.width().unwrap_or(0)),
            i64::from(self.height().unwrap_or(0)),
        );
        let (bottom, right) = (top + h - 1, left + w - 1);
        let (mut y, mut x) = (i64::from(y), i64::from(x));
        // Onto the grid's rows or columns, from any distance.
        let wrap = |v: i64, first: i64, n: i64| first + (v - first).rem_euclid(n);
        let above_or_below = h > 0 && (y < top || y > bottom);
        let beside = w > 0 && (x < left || x > right);
        match *self {
            Topology::Plane => {}
            Topology::Bounded { .. } => return None,
            Topology::Torus { shift, .. } => {
                if above_or_below {
                    if let Shift::Horizontal(by) = shift {
                        // Each time round the height, the columns move by the shift.
                        let turns = (y - top).div_euclid(h);
                        x += turns * i64::from(by);
                    }
                    y = wrap(y, top, h);
                }
                if beside {
                    if let Shift::Vertical(by) = shift {
                        let turns = (x - left).div_euclid(w);
                        y += turns * i64::from(by);
                    }
                    x = wrap(x, left, w);
                    if h > 0 {
                        y = wrap(y, top, h);
                    }
                }
                if w > 0 {
                    x = wrap(x, left, w);
                }
            }
            Topology::Klein { twist, shifted, .. } => {
                // A shift on the twisted edges counts only where they are
                // an even number of cells long; it moves the mirror image
                // one cell.
                let mirror = |v: i64, first: i64, last: i64, n: i64| {
                    let even = n % 2 == 0;
                    let image = first + last - v - i64::from(shifted && even);
                    wrap(image, first, n)
                };
                match twist {
                    Edges::Horizontal => {
                        if above_or_below {
                            y = wrap(y, top, h);
                            x = mirror(x, left, right, w);
                        }
                        x = wrap(x, left, w);
                    }
                    Edges::Vertical => {
                        if beside {
                            x = wrap(x, left, w);
                            y = mirror(y, top, bottom, h);
                        }
                        y = wrap(y, top, h);
                    }
                }
            }
            Topology::Cross { .. } => {
                if above_or_below && beside {
                    // Golly gives each corner of the ring the state of the
                    // grid's own corner there.
                    return Some((y.clamp(top, bottom) as i32, x.clamp(left, right) as i32));
                }
                if above_or_below {
                    y = wrap(y, top, h);
                    x = left + right - x;
                }
                if beside {
                    x = wrap(x, left, w);
                    y = top + bottom - y;
                }
            }
            Topology::Sphere { .. } => {
                let (above, below) = (y < top, y > bottom);
                let (before, after) = (x < left, x > right);
                if (above || below) && (before || after) {
                    return Some((y.clamp(top, bottom) as i32, x.clamp(left, right) as i32));
                }
                // The top edge meets the left edge and the bottom edge the
                // right edge, each cell of one across from the cell of the
                // other as far along.
                (y, x) = if before {
                    (top, left + (y - top))
                } else if above {
                    (top + (x - left), left)
                } else if after {
                    (bottom, left + (y - top))
                } else {
                    (top + (x - left), right)
                };
            }
        }
        Some((y as i32, x as i32))
    }
}

impl FromStr for Topology {
    type Err = RuleError;

    /// Reads a suffix without its colon: `T30,20`, `P0,20`, `K30*+1,20`,
    /// `C30,20`, `S30`; letters in either case. An empty suffix, or `T0,0`,
    /// is the plane.
    fn from_str(suffix: &str) -> Result<Topology, RuleError> {
        let _ = suffix;
        todo!()
    }
}

impl fmt::Display for Topology {
    /// The canonical suffix, colon included, as Golly writes it (nothing
    /// for the plane).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Topology::Plane => Ok(()),
            Topology::Torus {
                width,
                height,
                shift,
            } => match shift {
                Shift::None => write!(f, ":T{width},{height}"),
                Shift::Horizontal(by) => write!(f, ":T{width}{by:+},{height}"),
                Shift::Vertical(by) => write!(f, ":T{width},{height}{by:+}"),
            },
            Topology::Bounded { width, height } => write!(f, ":P{width},{height}"),
            Topology::Klein {
                width,
                height,
                twist,
                shifted,
            } => {
                let shift = |n: u32| {
                    if shifted && n.is_multiple_of(2) {
                        "+1"
                    } else {
                        ""
                    }
                };
                match twist {
                    Edges::Horizontal => write!(f, ":K{width}*{},{height}", shift(width)),
                    Edges::Vertical => write!(f, ":K{width},{height}*{}", shift(height)),
                }
            }
            Topology::Cross { width, height } => write!(f, ":C{width},{height}"),
            Topology::Sphere { side } => write!(f, ":S{side}"),
        }
    }
}
