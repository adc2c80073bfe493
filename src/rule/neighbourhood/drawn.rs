//! Neighbourhoods drawn cell by cell in the rule string: Golly's weighted
//! (`NW`) and custom (`N@`) ones, read from their hexadecimal digits and
//! kept, once built, for the life of the program.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use super::{Neighbourhood, ring_order};

/// The grid a drawn neighbourhood is meant for: Golly's `H` and `L`
/// suffixes of `NW` and `N@`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Grid {
    /// The square grid (no suffix).
    Square,
    /// `H`: the hexagonal grid. Golly only draws it differently; the
    /// cells counted are the same as on the square grid.
    Hexagonal,
    /// `L`: the triangular grid. The drawing is flipped upside down for
    /// a cell whose row and column add up to an odd number.
    Triangular,
}

/// A neighbourhood drawn in the rule string, as a [`Neighbourhood`]
/// holds it: a cheap handle on a shape built once.
///
/// ```
/// use corolife::{Neighbourhood, Rule};
///
/// let rule: Rule = "R1,C0,S2-3,B3,NW123401323".parse()?;
/// let Neighbourhood::Weighted(drawn) = rule.neighbourhood() else {
///     panic!("weighted");
/// };
/// // Rows of the square from the top, the centre included.
/// assert_eq!(drawn.square(), [1, 2, 3, 4, 0, 1, 3, 2, 3]);
/// assert_eq!(drawn.digits(), "123401323");
/// # Ok::<(), corolife::RuleError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Drawn(&'static Shape);

/// What a [`Drawn`] stands for.
struct Shape {
    /// Weighted (`NW`) or custom (`N@`).
    weighted: bool,
    range: u16,
    /// The digits after `NW` or `N@`, in upper case, state weights and
    /// grid suffix included: Golly's canonical form keeps them as given.
    digits: Box<str>,
    grid: Grid,
    /// The (2r+1)² weights, row by row from the top, the centre included
    /// (custom: 1 for a cell of the neighbourhood, the centre 0).
    square: Box<[i32]>,
    /// The weight of each state (`NW…,0123`), if given.
    state_weights: Option<Box<[u8]>>,
    /// The cells of non-zero weight but the centre, in walking order, for
    /// an even cell and an odd one (the same but on the triangular grid).
    walks: [Box<[(i32, i32)]>; 2],
    /// The weight of each cell of `walks[0]` (and of `walks[1]`).
    weights: Box<[i32]>,
    /// The largest key a cell can have.
    max_key: u32,
}

/// The shapes built so far.
static SHAPES: Mutex<Vec<&'static Shape>> = Mutex::new(Vec::new());

impl Drawn {
    /// The shape of these digits, built if it is new.
    fn intern(weighted: bool, range: u16, digits: &str, build: impl FnOnce() -> Shape) -> Drawn {
        let mut shapes = SHAPES
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let same = |s: &&&'static Shape| {
            s.weighted == weighted && s.range == range && &*s.digits == digits
        };
        if let Some(&shape) = shapes.iter().find(same) {
            return Drawn(shape);
        }
        let shape: &'static Shape = Box::leak(Box::new(build()));
        shapes.push(shape);
        Drawn(shape)
    }

    /// The range.
    pub const fn range(self) -> u16 {
        self.0.range
    }

    /// The digits as Golly's canonical rule writes them, after `NW` or
    /// `N@`: upper case, with the state weights and the grid suffix.
    pub fn digits(self) -> &'static str {
        &self.0.digits
    }

    /// The grid the shape is drawn for.
    pub fn grid(self) -> Grid {
        self.0.grid
    }

    /// The (2r+1)² weights, row by row from the top, the centre included;
    /// for a custom shape, 1 for each of its cells.
    pub fn square(self) -> &'static [i32] {
        &self.0.square
    }

    /// The weight of each state, if the rule gives them.
    pub fn state_weights(self) -> Option<&'static [u8]> {
        self.0.state_weights.as_deref()
    }

    /// Whether this is a weighted shape (`NW`) rather than a custom one.
    pub fn is_weighted(self) -> bool {
        self.0.weighted
    }

    pub(super) fn walk(self, odd: bool) -> &'static [(i32, i32)] {
        &self.0.walks[usize::from(odd)]
    }

    pub(super) fn weights(self) -> &'static [i32] {
        &self.0.weights
    }

    pub(super) fn size(self) -> usize {
        self.0.weights.len()
    }

    pub(super) fn max_key(self) -> u32 {
        self.0.max_key
    }

    /// The weight of the centre.
    pub(super) fn centre(self) -> i32 {
        let side = 2 * usize::from(self.0.range) + 1;
        self.0.square[side * side / 2]
    }

    /// Whether (`dy`, `dx`) has a non-zero weight, for an even cell.
    pub(super) fn contains(self, dy: i32, dx: i32) -> bool {
        let r = i32::from(self.0.range);
        if (dy, dx) == (0, 0) || dy.abs() > r || dx.abs() > r {
            return false;
        }
        let side = 2 * r + 1;
        self.0.square[((dy + r) * side + dx + r) as usize] != 0
    }
}

impl PartialEq for Drawn {
    fn eq(&self, other: &Drawn) -> bool {
        std::ptr::eq(self.0, other.0)
            || (self.0.weighted == other.0.weighted
                && self.0.range == other.0.range
                && self.0.digits == other.0.digits)
    }
}

impl Eq for Drawn {}

impl Hash for Drawn {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.0.weighted, self.0.range, &self.0.digits).hash(state);
    }
}

impl fmt::Debug for Drawn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let letter = if self.0.weighted { 'W' } else { '@' };
        write!(f, "R{},N{letter}{}", self.0.range, self.0.digits)
    }
}

/// Where reading the digits of a drawn neighbourhood stopped, and what
/// would have been accepted there.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct DrawnError {
    /// Byte offset in the text given.
    pub at: usize,
    /// What would have been accepted there.
    pub expected: &'static str,
}

fn hex(b: u8) -> Option<u32> {
    char::from(b).to_digit(16)
}

/// The number of hex digits at the start of `bytes`, looking at no more
/// than `limit`.
fn hex_run(bytes: &[u8], limit: usize) -> usize {
    bytes
        .iter()
        .take(limit)
        .take_while(|&&b| hex(b).is_some())
        .count()
}

/// An optional `H` or `L` at `bytes[at]`.
fn grid_suffix(bytes: &[u8], at: usize) -> (Grid, usize) {
    match bytes.get(at).map(u8::to_ascii_uppercase) {
        Some(b'H') => (Grid::Hexagonal, at + 1),
        Some(b'L') => (Grid::Triangular, at + 1),
        _ => (Grid::Square, at),
    }
}

/// Golly's `NW` digits for `range` and `states` (2 for `C0` and `C1`),
/// from the start of `text`: one hex digit a cell of the (2r+1)² square
/// (`8` to `F` are 0 to −7), or two (`80` to `FF` are 0 to −127); then
/// optionally `,` and one hex digit a state; then optionally `H` or `L`.
/// Returns the neighbourhood and the bytes read.
pub(crate) fn weighted(
    range: u16,
    states: u16,
    text: &str,
) -> Result<(Neighbourhood, usize), DrawnError> {
    let bytes = text.as_bytes();
    let cells = (2 * usize::from(range) + 1).pow(2);
    let run = hex_run(bytes, 2 * cells + 1);
    let wide = match run {
        n if n == cells => false,
        n if n == 2 * cells => true,
        n if n < cells => {
            return Err(DrawnError {
                at: n,
                expected: "a hex digit (NW takes one for each cell of its (2R+1)x(2R+1) square, or two)",
            });
        }
        n if n < 2 * cells => {
            return Err(DrawnError {
                at: n,
                expected: "a hex digit (NW takes one or two for each cell of its (2R+1)x(2R+1) square)",
            });
        }
        _ => {
            return Err(DrawnError {
                at: 2 * cells,
                expected: "',', 'H', 'L' or the end of the weights (two hex digits a cell at most)",
            });
        }
    };
    let mut square = Vec::with_capacity(cells);
    if wide {
        for pair in bytes[..run].chunks(2) {
            let v = pair.iter().fold(0, |v, &b| v << 4 | hex(b).unwrap_or(0));
            square.push(if v & 0x80 != 0 {
                -((v & 0x7f) as i32)
            } else {
                v as i32
            });
        }
    } else {
        for &b in &bytes[..run] {
            let v = hex(b).unwrap_or(0);
            square.push(if v & 8 != 0 {
                -((v & 7) as i32)
            } else {
                v as i32
            });
        }
    }
    let mut at = run;
    let mut state_weights = None;
    if bytes.get(at) == Some(&b',') {
        at += 1;
        let states = usize::from(states.max(2));
        let given = hex_run(&bytes[at..], states + 1);
        if given < states {
            return Err(DrawnError {
                at: at + given,
                expected: "a hex digit (NW's state weights take one for each state of the rule)",
            });
        }
        if given > states {
            return Err(DrawnError {
                at: at + states,
                expected: "'H', 'L' or the end of the state weights (one for each state)",
            });
        }
        let weights: Vec<u8> = bytes[at..at + states]
            .iter()
            .map(|&b| hex(b).unwrap_or(0) as u8)
            .collect();
        state_weights = Some(weights.into_boxed_slice());
        at += states;
    }
    let (grid, end) = grid_suffix(bytes, at);
    let digits = text[..end].to_ascii_uppercase();
    let drawn = Drawn::intern(true, range, &digits, || {
        build(true, range, square, state_weights, grid, digits.clone())
    });
    Ok((Neighbourhood::Weighted(drawn), end))
}

/// Golly's `N@` digits for `range`, from the start of `text`: the
/// (2r+1)² − 1 cells but the centre, row by row from the top, one bit a
/// cell (1 for a cell of the neighbourhood), four to a hex digit, the
/// first cell the highest bit; then optionally `H` or `L`. Returns the
/// neighbourhood and the bytes read.
pub(crate) fn custom(range: u16, text: &str) -> Result<(Neighbourhood, usize), DrawnError> {
    let bytes = text.as_bytes();
    let r = usize::from(range);
    let needed = r * (r + 1);
    let run = hex_run(bytes, needed);
    if run < needed {
        return Err(DrawnError {
            at: run,
            expected: "a hex digit (N@ takes R(R+1): one bit for each cell of its square but the centre)",
        });
    }
    let cells = (2 * r + 1).pow(2);
    let mut square = Vec::with_capacity(cells);
    for &b in &bytes[..needed] {
        let v = hex(b).unwrap_or(0);
        for bit in (0..4).rev() {
            if square.len() == cells / 2 {
                square.push(0);
            }
            square.push(i32::from(v >> bit & 1 == 1));
        }
    }
    let (grid, end) = grid_suffix(bytes, needed);
    let digits = text[..end].to_ascii_uppercase();
    let drawn = Drawn::intern(false, range, &digits, || {
        build(false, range, square, None, grid, digits.clone())
    });
    Ok((Neighbourhood::Custom(drawn), end))
}

/// A shape from its square of weights.
fn build(
    weighted: bool,
    range: u16,
    square: Vec<i32>,
    state_weights: Option<Box<[u8]>>,
    grid: Grid,
    digits: String,
) -> Shape {
    let r = i32::from(range);
    let side = 2 * r + 1;
    let mut cells = Vec::new();
    for dy in -r..=r {
        for dx in -r..=r {
            if (dy, dx) != (0, 0) && square[((dy + r) * side + dx + r) as usize] != 0 {
                cells.push((dy, dx));
            }
        }
    }
    let even = ring_order(cells);
    let weights: Box<[i32]> = even
        .iter()
        .map(|&(dy, dx)| square[((dy + r) * side + dx + r) as usize])
        .collect();
    let odd: Box<[(i32, i32)]> = if grid == Grid::Triangular {
        even.iter().map(|&(dy, dx)| (-dy, dx)).collect()
    } else {
        even.clone()
    };
    let max_state = state_weights
        .as_deref()
        .map_or(1, |w| w.iter().copied().max().unwrap_or(0));
    let max_key = if weighted {
        let positive: i64 = square
            .iter()
            .filter(|&&w| w > 0)
            .map(|&w| i64::from(w))
            .sum();
        u32::try_from(positive * i64::from(max_state)).unwrap_or(u32::MAX)
    } else {
        weights.len() as u32
    };
    Shape {
        weighted,
        range,
        digits: digits.into_boxed_str(),
        grid,
        square: square.into_boxed_slice(),
        state_weights,
        walks: [even, odd],
        weights,
        max_key,
    }
}
