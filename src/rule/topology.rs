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
//! Suffixes are read as Golly reads them, and [`Display`](fmt::Display)
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

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use super::RuleError;
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
                // Golly shifts only a grid finite both ways.
                let shift = if self.is_finite() { shift } else { Shift::None };
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

    /// Reads a suffix without its colon, as Golly's `setgridsize` does:
    /// `T30,20`, `T30+5,20`, `T0,20`, `P30,0`, `K30*+1,20`, `C30,20`,
    /// `S30`, letters in either case. The plane is an empty suffix, a bare
    /// letter, `T0,0` or `P0,0`; a missing height is the width (`T100` is
    /// `T100,100`); a shift is reduced modulo its side, keeping its sign,
    /// and one that comes to 0 is no shift; a Klein bottle without `*` has
    /// its vertical edges twisted, and any shift of its twisted edges is a
    /// shift by one, kept only where they are an even number of cells
    /// long. Sides above [`MAX_SIDE`] are refused (Golly clamps them).
    fn from_str(suffix: &str) -> Result<Topology, RuleError> {
        read(suffix).map_err(|problem| RuleError::Topology {
            suffix: format!(":{suffix}"),
            problem,
        })
    }
}

/// The largest side a grid can have: Golly's limit, which also keeps every
/// cell's coordinates within `i32`.
pub const MAX_SIDE: u32 = 2_000_000_000;

/// What is wrong with a grid suffix (see [`RuleError::Topology`], which
/// names the suffix). The checks and their order are Golly's.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Error)]
pub enum TopologyError {
    /// A letter other than `T`, `P`, `K`, `C` or `S` after the colon.
    #[error("unknown grid topology '{0}' (expected T, P, K, C or S)")]
    Unknown(char),
    /// A side above [`MAX_SIDE`] (Golly would clamp it to that).
    #[error("a side can be at most 2000000000 cells")]
    TooLarge,
    /// `*` for a grid other than a Klein bottle.
    #[error("only a Klein bottle can have twisted edges (*)")]
    TwistNotKlein,
    /// `*` after both the width and the height of a Klein bottle.
    #[error("a Klein bottle can't have both horizontal and vertical twists")]
    BothTwists,
    /// A shift on a grid that cannot have one.
    #[error("a {0} can't have a shift")]
    CannotShift(&'static str),
    /// A Klein bottle's shift on the edges that are not twisted.
    #[error("a Klein bottle's shift must be on its twisted edges")]
    ShiftNotTwisted,
    /// A shift after both the width and the height.
    #[error("a torus can't have both horizontal and vertical shifts")]
    BothShifts,
    /// A shift where a side is infinite (0).
    #[error("shifting is not allowed if either side is infinite")]
    InfiniteShift,
    /// A side of 0 for a Klein bottle, cross-surface or sphere.
    #[error("a {topology} can't have an infinite {side}")]
    Infinite {
        /// `"Klein bottle"`, `"cross-surface"` or `"sphere"`.
        topology: &'static str,
        /// `"width"` or `"height"`.
        side: &'static str,
    },
    /// A comma after a sphere's side.
    #[error("a sphere is square: give its side alone, as in :S30")]
    SphereSides,
    /// Something other than a shift or a comma after the width.
    #[error("unexpected '{0}' after the grid's width")]
    AfterWidth(char),
    /// Something other than a shift or the end after the height.
    #[error("unexpected '{0}' after the grid's height")]
    AfterHeight(char),
}

/// The suffix's letter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Torus,
    Bounded,
    Klein,
    Cross,
    Sphere,
}

impl Kind {
    const fn name(self) -> &'static str {
        match self {
            Kind::Torus => "torus",
            Kind::Bounded => "plane",
            Kind::Klein => "Klein bottle",
            Kind::Cross => "cross-surface",
            Kind::Sphere => "sphere",
        }
    }
}

/// A place in a suffix, read byte by byte as Golly does.
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// The character here (the reader only ever steps over ASCII, so it is
    /// on a character boundary).
    fn char(&self) -> char {
        self.text[self.at..].chars().next().unwrap_or(' ')
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    /// A side: digits, none meaning 0 (infinite), as in Golly.
    fn side(&mut self) -> Result<u32, TopologyError> {
        let mut side = 0u64;
        while let Some(digit @ b'0'..=b'9') = self.peek() {
            // Saturates above the limit, however many digits follow.
            side = (side * 10 + u64::from(digit - b'0')).min(u64::from(MAX_SIDE) + 1);
            self.at += 1;
        }
        u32::try_from(side)
            .ok()
            .filter(|&side| side <= MAX_SIDE)
            .ok_or(TopologyError::TooLarge)
    }

    /// The digits of a shift after its sign, reduced modulo the (finite)
    /// side it runs along as Golly reduces it; the sign is kept.
    fn shift(&mut self, negative: bool, side: u32) -> i32 {
        let mut shift = 0u64;
        while let Some(digit @ b'0'..=b'9') = self.peek() {
            shift = (shift * 10 + u64::from(digit - b'0')) % u64::from(side);
            self.at += 1;
        }
        // Below the side, itself at most MAX_SIDE, so it fits.
        let shift = shift as i32;
        if negative { -shift } else { shift }
    }

    /// A sign (`+` or `-`) here, stepped over: whether it is `-`.
    fn sign(&mut self) -> Option<bool> {
        match self.peek() {
            Some(b'+') => {
                self.at += 1;
                Some(false)
            }
            Some(b'-') => {
                self.at += 1;
                Some(true)
            }
            _ => None,
        }
    }
}

/// Golly's `setgridsize`, refusing sides above [`MAX_SIDE`] where Golly
/// clamps them.
fn read(suffix: &str) -> Result<Topology, TopologyError> {
    let mut reader = Reader {
        text: suffix,
        at: 0,
    };
    let Some(letter) = suffix.chars().next() else {
        // Golly reads ":" as ":T0,0".
        return Ok(Topology::Plane);
    };
    let kind = match letter.to_ascii_uppercase() {
        'T' => Kind::Torus,
        'P' => Kind::Bounded,
        'K' => Kind::Klein,
        'C' => Kind::Cross,
        'S' => Kind::Sphere,
        _ => return Err(TopologyError::Unknown(letter)),
    };
    reader.at = 1;
    if reader.peek().is_none() {
        // And a bare letter as ":T0,0" too.
        return Ok(Topology::Plane);
    }

    let width = reader.side()?;
    let mut twist = None;
    if reader.eat(b'*') {
        if kind != Kind::Klein {
            return Err(TopologyError::TwistNotKlein);
        }
        twist = Some(Edges::Horizontal);
    }
    let (mut hshift, mut vshift) = (0, 0);
    if let Some(negative) = reader.sign() {
        match kind {
            Kind::Bounded | Kind::Sphere | Kind::Cross => {
                return Err(TopologyError::CannotShift(kind.name()));
            }
            Kind::Klein if twist.is_none() => return Err(TopologyError::ShiftNotTwisted),
            _ if width == 0 => return Err(TopologyError::InfiniteShift),
            _ => hshift = reader.shift(negative, width),
        }
    }
    let comma = kind != Kind::Sphere && reader.eat(b',');
    if !comma && reader.peek().is_some() {
        return Err(if kind == Kind::Sphere && reader.peek() == Some(b',') {
            TopologyError::SphereSides
        } else {
            TopologyError::AfterWidth(reader.char())
        });
    }
    if matches!(kind, Kind::Klein | Kind::Cross | Kind::Sphere) && width == 0 {
        return Err(TopologyError::Infinite {
            topology: kind.name(),
            side: "width",
        });
    }

    let height = if reader.peek().is_none() {
        // ":T100" is ":T100,100" (and ":S100" the only way to write a sphere).
        width
    } else {
        let height = reader.side()?;
        if reader.eat(b'*') {
            if kind != Kind::Klein {
                return Err(TopologyError::TwistNotKlein);
            }
            if twist.is_some() {
                return Err(TopologyError::BothTwists);
            }
            twist = Some(Edges::Vertical);
        }
        if let Some(negative) = reader.sign() {
            match kind {
                Kind::Bounded | Kind::Cross | Kind::Sphere => {
                    return Err(TopologyError::CannotShift(kind.name()));
                }
                Kind::Klein if twist != Some(Edges::Vertical) => {
                    return Err(TopologyError::ShiftNotTwisted);
                }
                // Golly asks whether the first shift came to anything once
                // reduced: `:T5+5,5+1` is `:T5,5+1`.
                _ if hshift != 0 => return Err(TopologyError::BothShifts),
                _ if height == 0 => return Err(TopologyError::InfiniteShift),
                _ => vshift = reader.shift(negative, height),
            }
        }
        if reader.peek().is_some() {
            return Err(TopologyError::AfterHeight(reader.char()));
        }
        height
    };
    if matches!(kind, Kind::Klein | Kind::Cross) && height == 0 {
        return Err(TopologyError::Infinite {
            topology: kind.name(),
            side: "height",
        });
    }
    if (hshift != 0 || vshift != 0) && (width == 0 || height == 0) {
        return Err(TopologyError::InfiniteShift);
    }

    if width == 0 && height == 0 {
        // `:T0,0` and `:P0,0`: Golly's unbounded universe.
        return Ok(Topology::Plane);
    }
    Ok(match kind {
        Kind::Torus => Topology::Torus {
            width,
            height,
            shift: if hshift != 0 {
                Shift::Horizontal(hshift)
            } else if vshift != 0 {
                Shift::Vertical(vshift)
            } else {
                Shift::None
            },
        },
        Kind::Bounded => Topology::Bounded { width, height },
        Kind::Klein => {
            // `:K10,20` is `:K10,20*`.
            let twist = twist.unwrap_or(Edges::Vertical);
            // Any shift is a shift by one, and only along an even side.
            let (shift, along) = match twist {
                Edges::Horizontal => (hshift, width),
                Edges::Vertical => (vshift, height),
            };
            Topology::Klein {
                width,
                height,
                twist,
                shifted: shift != 0 && along.is_multiple_of(2),
            }
        }
        Kind::Cross => Topology::Cross { width, height },
        Kind::Sphere => Topology::Sphere { side: width },
    })
}

impl fmt::Display for Topology {
    /// The canonical suffix, colon included, as Golly's `canonicalsuffix`
    /// writes it: nothing for the plane (nor for `:T0,0` and `:P0,0`); the
    /// letter in upper case; the height always; a torus's shift with its
    /// sign, reduced modulo its side and left out if that is 0 or a side is
    /// infinite; a Klein bottle's star on its twisted side, with `+1` only
    /// if it is shifted and that side is even.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_plane() {
            return Ok(());
        }
        // A shift along `side` as Golly keeps it (C's `%`: the sign kept).
        let finite = self.is_finite();
        let reduced = |by: i32, side: u32| {
            if finite {
                i64::from(by) % i64::from(side)
            } else {
                0
            }
        };
        match *self {
            Topology::Plane => Ok(()),
            Topology::Torus {
                width,
                height,
                shift,
            } => match shift {
                Shift::Horizontal(by) if reduced(by, width) != 0 => {
                    write!(f, ":T{width}{:+},{height}", reduced(by, width))
                }
                Shift::Vertical(by) if reduced(by, height) != 0 => {
                    write!(f, ":T{width},{height}{:+}", reduced(by, height))
                }
                _ => write!(f, ":T{width},{height}"),
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

#[cfg(test)]
mod tests;
