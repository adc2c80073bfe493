//! Where cells are: which of them belong to the grid, and which cell of
//! the grid each cell outside it takes its state from.

use super::{Edges, Shift, Topology};

impl Topology {
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
