//! The grid suffixes, read as Golly's `setgridsize` reads them and
//! written in Golly's canonical form.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use super::{Edges, MAX_SIDE, Shift, Topology};
use crate::rule::RuleError;

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

/// What is wrong with a grid suffix (see [`RuleError::Topology`], which
/// names the suffix). The checks and their order are Golly's.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Error)]
pub enum TopologyError {
    /// A letter other than `T`, `P`, `K`, `C` or `S` after the colon.
    #[error("unknown grid topology '{}' (expected T, P, K, C or S)", crate::escape::char(*.0))]
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
    #[error("unexpected '{}' after the grid's width", crate::escape::char(*.0))]
    AfterWidth(char),
    /// Something other than a shift or the end after the height.
    #[error("unexpected '{}' after the grid's height", crate::escape::char(*.0))]
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
