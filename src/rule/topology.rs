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
//! As in Golly, the width comes first, a missing height is the width, a
//! side of 0 is infinite, a side is at most [`MAX_SIDE`] cells, and a grid
//! of width `w` and height `h` has its top-left cell in column −⌊w/2⌋ and
//! row −⌊h/2⌋. Coordinates here are (row, column), `y` before `x`, as
//! everywhere in corolife: that cell is (−⌊h/2⌋, −⌊w/2⌋).
//!
//! Suffixes are read as Golly reads them, and [`Display`](std::fmt::Display)
//! writes Golly's canonical form, which reads back as the same topology:
//!
//! ```
//! use corolife::rule::{Edges, Shift, Topology};
//! let klein: Topology = "k30,20".parse()?;
//! assert_eq!(klein, Topology::Klein { width: 30, height: 20, twist: Edges::Vertical, shifted: false });
//! assert_eq!(klein.to_string(), ":K30,20*");
//! let torus: Topology = "T30-32,20".parse()?;
//! assert_eq!(torus, Topology::Torus { width: 30, height: 20, shift: Shift::Horizontal(-2) });
//! assert_eq!("T0,0".parse(), Ok(Topology::Plane));
//! assert_eq!(
//!     "P30+1,20".parse::<Topology>().unwrap_err().to_string(),
//!     "bad grid suffix \":P30+1,20\": a plane can't have a shift"
//! );
//! # Ok::<(), corolife::RuleError>(())
//! ```
//!
//! [`Topology::fold`] says where a cell outside the grid takes its state
//! from, exactly as Golly copies the grid's edge cells into the ring of
//! cells around it before each generation.

mod fold;
mod suffix;

pub use self::suffix::TopologyError;

use crate::Size;

/// The grid a rule runs on (see the [module documentation](self)).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Topology {
    /// The unbounded plane: no suffix.
    #[default]
    Plane,
    /// `:Tw,h`: opposite edges joined, perhaps with a shift; a side of 0 is
    /// infinite (a tube, which cannot be shifted: a shift given one is
    /// ignored). Parsing gives shifts below the side they run along, never
    /// 0 (that is [`Shift::None`]).
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
        /// of cells long, and parsing sets it only then.
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

/// The largest side a grid can have: Golly's limit, which also keeps every
/// cell's coordinates within `i32`.
pub const MAX_SIDE: u32 = 2_000_000_000;

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
    pub const fn plain_torus(&self) -> Option<Size> {
        match *self {
            Topology::Torus {
                width,
                height,
                shift: Shift::None,
            } if width > 0 && height > 0 => Some(Size {
                rows: height as usize,
                cols: width as usize,
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
}

#[cfg(test)]
mod tests;
