//! Neighbourhoods drawn cell by cell in the rule string: Golly's weighted
//! (`NW`) and custom (`N@`) ones, read from their hexadecimal digits and
//! kept, once built, for the life of the program.

use std::fmt;
use std::sync::{Mutex, OnceLock};

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
/// holds it: the number of a shape built once and kept for the life of
/// the program, so that a rule stays a small value. Two are equal when
/// their digits are. A program may draw 65,536 different ones; a rule
/// drawing one more is refused.
///
/// ```
/// use corolife::{Neighbourhood, Rule};
///
/// let rule: Rule = "R1,C0,S2-3,B3,NW123401323".parse()?;
/// let Neighbourhood::Weighted(shape) = rule.neighbourhood() else {
///     panic!("weighted");
/// };
/// // Rows of the square from the top, the centre included.
/// assert_eq!(shape.square(), [1, 2, 3, 4, 0, 1, 3, 2, 3]);
/// assert_eq!(shape.digits(), "123401323");
/// # Ok::<(), corolife::RuleError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Drawn(u16);

/// What a [`Drawn`] stands for.
struct Shape {
    /// Weighted (`NW`) or custom (`N@`).
    weighted: bool,
    range: u16,
    /// The digits after `NW` or `N@`, in upper case, state weights and
    /// grid suffix included: Golly's canonical form keeps them as given.
    digits: String,
    grid: Grid,
    /// The (2r+1)² weights, row by row from the top, the centre included
    /// (custom: 1 for a cell of the neighbourhood, the centre 0).
    square: Vec<i32>,
    /// The weight of each state (`NW…,0123`), if given.
    state_weights: Option<Vec<u8>>,
    /// The cells of non-zero weight but the centre, in walking order, for
    /// an even cell and an odd one (the same but on the triangular grid).
    walks: [Vec<(i32, i32)>; 2],
    /// The weight of each cell of `walks[0]` (and of `walks[1]`).
    weights: Vec<i32>,
    /// The largest key a cell can have.
    max_key: u32,
}

/// What a number no shape has stands for (none does: see
/// [`Drawn::shape`]).
static EMPTY: Shape = Shape {
    weighted: false,
    range: 0,
    digits: String::new(),
    grid: Grid::Square,
    square: Vec::new(),
    state_weights: None,
    walks: [Vec::new(), Vec::new()],
    weights: Vec::new(),
    max_key: 0,
};

/// Shapes a chunk of [`TABLE`] holds, and chunks it holds.
const CHUNK: usize = 1 << 8;

/// A chunk of [`TABLE`].
type Chunk = [OnceLock<&'static Shape>; CHUNK];

/// The shapes built so far, by number, read without a lock: every cell
/// looks its shape up every generation.
static TABLE: [OnceLock<Box<Chunk>>; CHUNK] = {
    #[allow(clippy::declare_interior_mutable_const)]
    const NONE: OnceLock<Box<Chunk>> = OnceLock::new();
    [NONE; CHUNK]
};

/// The shapes built so far, in the order of their numbers, to find one
/// by its digits.
static BUILT: Mutex<Vec<&'static Shape>> = Mutex::new(Vec::new());

/// No number is left for a new shape: 65,536 were built.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Full;

impl Drawn {
    /// The shape of these digits, built if it is new.
    fn intern(
        weighted: bool,
        range: u16,
        digits: &str,
        build: impl FnOnce() -> Shape,
    ) -> Result<Drawn, Full> {
        let mut built = BUILT
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let same =
            |s: &&'static Shape| s.weighted == weighted && s.range == range && s.digits == digits;
        if let Some(index) = built.iter().position(same) {
            return Ok(Drawn(index as u16));
        }
        let index = built.len();
        if index >= CHUNK * CHUNK {
            return Err(Full);
        }
        let shape: &'static Shape = Box::leak(Box::new(build()));
        let chunk = TABLE[index / CHUNK].get_or_init(|| {
            #[allow(clippy::declare_interior_mutable_const)]
            const NONE: OnceLock<&'static Shape> = OnceLock::new();
            Box::new([NONE; CHUNK])
        });
        let _ = chunk[index % CHUNK].set(shape);
        built.push(shape);
        Ok(Drawn(index as u16))
    }

    /// The shape of this number. Only [`intern`](Drawn::intern) makes a
    /// `Drawn`, and it fills the number's slot first.
    fn shape(self) -> &'static Shape {
        let index = self.0 as usize;
        TABLE
            .get(index / CHUNK)
            .and_then(OnceLock::get)
            .and_then(|chunk| chunk[index % CHUNK].get())
            .copied()
            .unwrap_or(&EMPTY)
    }

    /// The range.
    pub fn range(self) -> u16 {
        self.shape().range
    }

    /// The digits as Golly's canonical rule writes them, after `NW` or
    /// `N@`: upper case, with the state weights and the grid suffix.
    pub fn digits(self) -> &'static str {
        &self.shape().digits
    }

    /// The grid the shape is drawn for.
    pub fn grid(self) -> Grid {
        self.shape().grid
    }

    /// The (2r+1)² weights, row by row from the top, the centre included;
    /// for a custom shape, 1 for each of its cells.
    pub fn square(self) -> &'static [i32] {
        &self.shape().square
    }

    /// The weight of each state, if the rule gives them.
    pub fn state_weights(self) -> Option<&'static [u8]> {
        self.shape().state_weights.as_deref()
    }

    /// Whether this is a weighted shape (`NW`) rather than a custom one.
    pub fn is_weighted(self) -> bool {
        self.shape().weighted
    }

    pub(super) fn walk(self, odd: bool) -> &'static [(i32, i32)] {
        &self.shape().walks[usize::from(odd)]
    }

    pub(super) fn weights(self) -> &'static [i32] {
        &self.shape().weights
    }

    pub(super) fn size(self) -> usize {
        self.shape().weights.len()
    }

    pub(super) fn max_key(self) -> u32 {
        self.shape().max_key
    }

    /// The weight of the centre.
    pub(super) fn centre(self) -> i32 {
        let shape = self.shape();
        let side = 2 * usize::from(shape.range) + 1;
        shape.square.get(side * side / 2).copied().unwrap_or(0)
    }

    /// Whether (`dy`, `dx`) has a non-zero weight, for an even cell.
    pub(super) fn contains(self, dy: i32, dx: i32) -> bool {
        let shape = self.shape();
        let r = i32::from(shape.range);
        if (dy, dx) == (0, 0) || dy.abs() > r || dx.abs() > r {
            return false;
        }
        let side = 2 * r + 1;
        shape
            .square
            .get(((dy + r) * side + dx + r) as usize)
            .is_some_and(|&w| w != 0)
    }
}

impl fmt::Debug for Drawn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let letter = if self.is_weighted() { 'W' } else { '@' };
        write!(f, "R{},N{letter}{}", self.range(), self.digits())
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
        state_weights = Some(weights);
        at += states;
    }
    let (grid, end) = grid_suffix(bytes, at);
    let digits = text[..end].to_ascii_uppercase();
    let shape = Drawn::intern(true, range, &digits, || {
        build(true, range, square, state_weights, grid, digits.clone())
    })
    .map_err(|Full| DrawnError {
        at: 0,
        expected: "a neighbourhood drawn before (too many different ones were drawn)",
    })?;
    Ok((Neighbourhood::Weighted(shape), end))
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
    let shape = Drawn::intern(false, range, &digits, || {
        build(false, range, square, None, grid, digits.clone())
    })
    .map_err(|Full| DrawnError {
        at: 0,
        expected: "a neighbourhood drawn before (too many different ones were drawn)",
    })?;
    Ok((Neighbourhood::Custom(shape), end))
}

/// A shape from its square of weights.
fn build(
    weighted: bool,
    range: u16,
    square: Vec<i32>,
    state_weights: Option<Vec<u8>>,
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
    let even = ring_order(cells).into_vec();
    let weights: Vec<i32> = even
        .iter()
        .map(|&(dy, dx)| square[((dy + r) * side + dx + r) as usize])
        .collect();
    let odd: Vec<(i32, i32)> = if grid == Grid::Triangular {
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
        digits,
        grid,
        square,
        state_weights,
        walks: [even, odd],
        weights,
        max_key,
    }
}
