//! Frames of a grid for a terminal, drawn with block and braille
//! characters.
//!
//! Everything here is a pure function from a [`Grid`] and a [`Viewport`] to
//! lines of text, so that the animation's look is tested without a
//! terminal. Drawing those lines, the status line, reading keys and pacing
//! frames belong to the `corolife` binary.
//!
//! A character shows a block of cells whose shape depends on the
//! [`Density`]: one cell (`█`), two cells stacked (`▀`, `▄`, `█`), or
//! two columns of four cells as the dots of a braille pattern (U+2800 to
//! U+28FF). An empty block is a space.
//!
//! ```
//! use corolife::Grid;
//! use corolife::render::glyphs::{Density, Viewport, frame};
//!
//! let grid: Grid = "-*--\n--*-\n***-\n----\n".parse()?;
//! let half = Viewport::new(2, 4, Density::Half);
//! assert_eq!(frame(&grid, &half), [" ▀▄ ", "▀▀▀ "]);
//! let braille = Viewport::new(1, 2, Density::Braille);
//! assert_eq!(frame(&grid, &braille), ["⠬⠆"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use crate::render::Rgb;
use crate::{Grid, State};

/// How many cells one character shows.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Density {
    /// One cell per character: `█` alive, a space empty.
    Cell,
    /// Two cells per character, one above the other: `▀`, `▄`, `█`. Terminal
    /// characters are about twice as tall as wide, so cells look square.
    #[default]
    Half,
    /// Eight cells per character, two columns of four, drawn as the dots of
    /// a braille pattern.
    Braille,
}

/// A density name that is not `cell`, `half` or `braille`.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
#[error("unknown density \"{0}\" (expected cell, half or braille)")]
pub struct DensityError(pub String);

impl Density {
    /// Every density, in the order [`next`](Density::next) cycles through.
    pub const ALL: [Density; 3] = [Density::Cell, Density::Half, Density::Braille];

    /// The name used on command lines and in the status line.
    pub const fn name(self) -> &'static str {
        match self {
            Density::Cell => "cell",
            Density::Half => "half",
            Density::Braille => "braille",
        }
    }

    /// Rows of cells one character shows.
    pub const fn rows_per_char(self) -> usize {
        match self {
            Density::Cell => 1,
            Density::Half => 2,
            Density::Braille => 4,
        }
    }

    /// Columns of cells one character shows.
    pub const fn cols_per_char(self) -> usize {
        match self {
            Density::Cell | Density::Half => 1,
            Density::Braille => 2,
        }
    }

    /// The next density: cell, half, braille, then cell again.
    pub const fn next(self) -> Density {
        match self {
            Density::Cell => Density::Half,
            Density::Half => Density::Braille,
            Density::Braille => Density::Cell,
        }
    }

    /// The character for one block. `alive(dy, dx)` tells whether the cell
    /// `dy` rows and `dx` columns from the block's top-left corner is shown
    /// alive (`dy` below [`rows_per_char`](Density::rows_per_char), `dx`
    /// below [`cols_per_char`](Density::cols_per_char)).
    pub fn glyph(self, mut alive: impl FnMut(usize, usize) -> bool) -> char {
        match self {
            Density::Cell => {
                if alive(0, 0) {
                    '█'
                } else {
                    ' '
                }
            }
            Density::Half => match (alive(0, 0), alive(1, 0)) {
                (false, false) => ' ',
                (true, false) => '▀',
                (false, true) => '▄',
                (true, true) => '█',
            },
            Density::Braille => {
                let mut dots = 0u32;
                for (dy, dx, bit) in BRAILLE_DOTS {
                    if alive(dy, dx) {
                        dots |= bit;
                    }
                }
                if dots == 0 {
                    ' '
                } else {
                    char::from_u32(0x2800 + dots).unwrap_or(' ')
                }
            }
        }
    }
}

/// Where each cell of a 4×2 block sits in a braille character: dots 1–3
/// run down the left column, 4–6 down the right, then 7 and 8 below them.
const BRAILLE_DOTS: [(usize, usize, u32); 8] = [
    (0, 0, 0x01),
    (1, 0, 0x02),
    (2, 0, 0x04),
    (0, 1, 0x08),
    (1, 1, 0x10),
    (2, 1, 0x20),
    (3, 0, 0x40),
    (3, 1, 0x80),
];

impl fmt::Display for Density {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Density {
    type Err = DensityError;

    fn from_str(name: &str) -> Result<Density, DensityError> {
        Density::ALL
            .into_iter()
            .find(|d| d.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| DensityError(name.to_owned()))
    }
}

/// The part of a torus shown on the screen, and how densely.
///
/// `top` and `left` are the torus cell drawn at the first character of the
/// first line. Where the torus is larger than the viewport's
/// [`span`](Viewport::span), the view wraps around it like the torus itself;
/// where it is smaller, the torus is shown once, from its first row or
/// column, and the rest of the viewport is blank.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Viewport {
    /// The torus row shown at the top.
    pub top: usize,
    /// The torus column shown at the left.
    pub left: usize,
    /// Lines of text.
    pub lines: usize,
    /// Characters per line.
    pub columns: usize,
    /// Cells per character.
    pub density: Density,
}

impl Viewport {
    /// A viewport of `lines` × `columns` characters starting at the torus's
    /// top-left cell.
    pub const fn new(lines: usize, columns: usize, density: Density) -> Viewport {
        Viewport {
            top: 0,
            left: 0,
            lines,
            columns,
            density,
        }
    }

    /// The rows and columns of cells the viewport's characters span.
    pub const fn span(&self) -> (usize, usize) {
        (
            self.lines.saturating_mul(self.density.rows_per_char()),
            self.columns.saturating_mul(self.density.cols_per_char()),
        )
    }

    /// The rows and columns of a `rows` × `cols` torus that are shown: the
    /// span, or the whole torus where it is smaller.
    pub const fn shown(&self, rows: usize, cols: usize) -> (usize, usize) {
        let (span_rows, span_cols) = self.span();
        (min(span_rows, rows), min(span_cols, cols))
    }

    /// Whether the viewport shows only part of a `rows` × `cols` torus, so
    /// that panning has something to reveal.
    pub const fn can_pan(&self, rows: usize, cols: usize) -> (bool, bool) {
        let (span_rows, span_cols) = self.span();
        (rows > span_rows, cols > span_cols)
    }

    /// Keeps the viewport valid for a `rows` × `cols` torus: offsets wrap
    /// onto the torus, and drop to 0 along a side that is shown whole.
    pub fn fit(&mut self, rows: usize, cols: usize) {
        let (pan_rows, pan_cols) = self.can_pan(rows, cols);
        self.top = if pan_rows { self.top % rows } else { 0 };
        self.left = if pan_cols { self.left % cols } else { 0 };
    }

    /// Moves the view by `lines` and `columns` characters (negative: up or
    /// left), wrapping around a `rows` × `cols` torus. A side shown whole
    /// does not move.
    pub fn pan(&mut self, rows: usize, cols: usize, lines: i64, columns: i64) {
        let (pan_rows, pan_cols) = self.can_pan(rows, cols);
        let shift = |offset: usize, by: i64, step: usize, side: usize| {
            let side = side as i128;
            let moved = offset as i128 + i128::from(by) * step as i128;
            moved.rem_euclid(side) as usize
        };
        if pan_rows {
            self.top = shift(self.top, lines, self.density.rows_per_char(), rows);
        }
        if pan_cols {
            self.left = shift(self.left, columns, self.density.cols_per_char(), cols);
        }
        self.fit(rows, cols);
    }

    /// Centres the view on a `rows` × `cols` torus along each side that is
    /// larger than the span (and puts it at 0 along the others).
    pub fn centre(&mut self, rows: usize, cols: usize) {
        let (span_rows, span_cols) = self.span();
        self.top = rows.saturating_sub(span_rows) / 2;
        self.left = cols.saturating_sub(span_cols) / 2;
        self.fit(rows, cols);
    }

    /// Changes the viewport's size and density, keeping the torus cell at
    /// the middle of the view in the middle, so that resizing a terminal or
    /// changing the density does not lose sight of what was shown. A side
    /// that the new span shows whole starts at 0.
    ///
    /// ```
    /// use corolife::render::glyphs::{Density, Viewport};
    ///
    /// // A 100×100 torus seen 10 lines by 10 columns from (40, 40): the
    /// // middle is cell (45, 45). Half-blocks span 20 rows.
    /// let mut view = Viewport { top: 40, left: 40, ..Viewport::new(10, 10, Density::Cell) };
    /// view.reshape(100, 100, 10, 10, Density::Half);
    /// assert_eq!((view.top, view.left), (35, 40));
    /// ```
    pub fn reshape(
        &mut self,
        rows: usize,
        cols: usize,
        lines: usize,
        columns: usize,
        density: Density,
    ) {
        if rows == 0 || cols == 0 {
            return;
        }
        let (shown_rows, shown_cols) = self.shown(rows, cols);
        let middle = (
            (self.top + shown_rows / 2) % rows,
            (self.left + shown_cols / 2) % cols,
        );
        (self.lines, self.columns, self.density) = (lines, columns, density);
        let (shown_rows, shown_cols) = self.shown(rows, cols);
        self.top = (middle.0 + rows - shown_rows / 2) % rows;
        self.left = (middle.1 + cols - shown_cols / 2) % cols;
        self.fit(rows, cols);
    }

    /// The torus cells `(row, col)` that the character at `line`, `column`
    /// shows on a `rows` × `cols` torus; none for a character beyond the
    /// torus or the viewport.
    pub fn cells_under(
        &self,
        rows: usize,
        cols: usize,
        line: usize,
        column: usize,
    ) -> Vec<(usize, usize)> {
        let mut cells = Vec::new();
        if line >= self.lines || column >= self.columns || rows == 0 || cols == 0 {
            return cells;
        }
        let (shown_rows, shown_cols) = self.shown(rows, cols);
        let (block_rows, block_cols) = (self.density.rows_per_char(), self.density.cols_per_char());
        for dy in 0..block_rows {
            let y = line * block_rows + dy;
            if y >= shown_rows {
                break;
            }
            for dx in 0..block_cols {
                let x = column * block_cols + dx;
                if x >= shown_cols {
                    break;
                }
                cells.push(((self.top + y) % rows, (self.left + x) % cols));
            }
        }
        cells
    }
}

const fn min(a: usize, b: usize) -> usize {
    if a < b { a } else { b }
}

/// The grid as the viewport shows it: [`lines`](Viewport::lines) lines of
/// exactly [`columns`](Viewport::columns) characters each.
///
/// Any non-empty state is drawn as alive.
///
/// ```
/// use corolife::Grid;
/// use corolife::render::glyphs::{Density, Viewport, frame};
///
/// // A 3×5 torus seen from row 2, column 4: the view wraps around it.
/// let grid: Grid = "*----\n-----\n----*\n".parse()?;
/// let mut view = Viewport::new(2, 2, Density::Cell);
/// (view.top, view.left) = (2, 4);
/// assert_eq!(frame(&grid, &view), ["█ ", " █"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn frame(grid: &Grid, viewport: &Viewport) -> Vec<String> {
    let under = Under::new(grid, viewport);
    (0..viewport.lines)
        .map(|line| {
            let rows = under.rows(line);
            (0..viewport.columns)
                .map(|column| {
                    viewport
                        .density
                        .glyph(|dy, dx| !under.state(&rows, column, dy, dx).is_empty())
                })
                .collect()
        })
        .collect()
}

/// The torus under a viewport: the torus column under each column of cells
/// it shows, and the torus rows under each of its lines.
struct Under<'g> {
    grid: &'g Grid,
    viewport: &'g Viewport,
    /// Rows and columns of cells shown: the torus's, or the viewport's if
    /// fewer.
    shown: (usize, usize),
    columns: Vec<usize>,
}

impl<'g> Under<'g> {
    fn new(grid: &'g Grid, viewport: &'g Viewport) -> Under<'g> {
        let shown = viewport.shown(grid.rows(), grid.cols());
        let columns = (0..shown.1)
            .map(|x| (viewport.left + x) % grid.cols())
            .collect();
        Under {
            grid,
            viewport,
            shown,
            columns,
        }
    }

    /// The torus rows line `line` shows: a character's block of them, fewer
    /// at the torus's edge, none past it.
    fn rows(&self, line: usize) -> Vec<&'g [State]> {
        let block_rows = self.viewport.density.rows_per_char();
        let first = line * block_rows;
        (first..first + block_rows)
            .take_while(|&y| y < self.shown.0)
            .map(|y| self.grid.row((self.viewport.top + y) % self.grid.rows()))
            .collect()
    }

    /// The state `dy` rows and `dx` columns into the block of character
    /// `column` of a line showing `rows`: empty past the torus's edge.
    fn state(&self, rows: &[&[State]], column: usize, dy: usize, dx: usize) -> State {
        let x = column * self.viewport.density.cols_per_char() + dx;
        match rows.get(dy) {
            Some(row) if x < self.shown.1 => row[self.columns[x]],
            _ => State::EMPTY,
        }
    }
}

/// The colour of a live cell (state 1) in a multi-state rule: bright
/// yellow.
pub const ALIVE_COLOUR: Rgb = Rgb {
    r: 255,
    g: 230,
    b: 80,
};

/// The colour of `state` in a rule of `states` states: none for an empty
/// cell, [`ALIVE_COLOUR`] for a live one, and for the dying states 2 …
/// `states − 1` a red that grows dimmer as the cell ages towards empty.
///
/// ```
/// use corolife::State;
/// use corolife::render::glyphs::{ALIVE_COLOUR, shade};
///
/// assert_eq!(shade(State::EMPTY, 3), None);
/// assert_eq!(shade(State::ALIVE, 3), Some(ALIVE_COLOUR));
/// let dying = shade(State::new(2), 3).expect("a colour");
/// assert!(dying.brightness() < ALIVE_COLOUR.brightness());
/// ```
pub fn shade(state: State, states: u16) -> Option<Rgb> {
    match state.value() {
        0 => None,
        1 => Some(ALIVE_COLOUR),
        s => {
            // The dying states are 2 … states − 1: ages 1 to `dying`. A
            // state past the last looks like the last.
            let dying = u32::from(states.saturating_sub(2)).max(1);
            let age = u32::from(s - 1).min(dying);
            // From 90% of full red for the youngest down to 25% for the
            // oldest; 60% when there is only one.
            let percent = if dying == 1 {
                60
            } else {
                90 - (age - 1) * 65 / (dying - 1)
            };
            let scale = |full: u32| (full * percent / 100) as u8;
            Some(Rgb {
                r: scale(255),
                g: scale(90),
                b: scale(40),
            })
        }
    }
}

/// A run of characters drawn in one style: `text` in foreground `fg` on
/// background `bg` (`None`: the terminal's own colour).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Styled {
    /// The characters.
    pub text: String,
    /// Their colour.
    pub fg: Option<Rgb>,
    /// The colour behind them.
    pub bg: Option<Rgb>,
}

impl Styled {
    /// `text` in the terminal's own colours.
    pub fn plain(text: impl Into<String>) -> Styled {
        Styled {
            text: text.into(),
            fg: None,
            bg: None,
        }
    }
}

/// The characters of a line of [`Styled`] runs, without their colours.
pub fn unstyled(line: &[Styled]) -> String {
    line.iter().map(|run| run.text.as_str()).collect()
}

/// The grid as the viewport shows it, in colour: the characters of
/// [`frame`], each coloured by the states it shows (see [`shade`]).
///
/// * [`Density::Cell`]: `█` in the colour of its cell.
/// * [`Density::Half`]: `▀` in the colour of the upper cell on the colour
///   of the lower one (`▄` or `█` where only one colour is needed).
/// * [`Density::Braille`]: one colour per character, that of the most alive
///   state under it (alive first, then the youngest dying state).
///
/// Neighbouring characters of the same colours share a [`Styled`] run.
///
/// ```
/// use corolife::Grid;
/// use corolife::render::glyphs::{ALIVE_COLOUR, Density, Styled, Viewport, coloured_frame, shade};
///
/// // A firing cell and a dying one of Brian's Brain (3 states).
/// let grid: Grid = "*B-\n".parse()?;
/// let view = Viewport::new(1, 3, Density::Cell);
/// let dying = shade(corolife::State::new(2), 3);
/// assert_eq!(
///     coloured_frame(&grid, &view, 3),
///     [vec![
///         Styled { text: "█".into(), fg: Some(ALIVE_COLOUR), bg: None },
///         Styled { text: "█".into(), fg: dying, bg: None },
///         Styled::plain(" "),
///     ]],
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn coloured_frame(grid: &Grid, viewport: &Viewport, states: u16) -> Vec<Vec<Styled>> {
    coloured_frame_in(grid, viewport, |state| shade(state, states))
}

/// [`coloured_frame`] with the colours of `shade` (`None` for the
/// terminal's own), such as a rule's own colours
/// ([`Named::colours`](crate::rule::Named::colours)).
pub fn coloured_frame_in(
    grid: &Grid,
    viewport: &Viewport,
    shade: impl Fn(State) -> Option<Rgb>,
) -> Vec<Vec<Styled>> {
    let density = viewport.density;
    let under = Under::new(grid, viewport);
    let mut lines = Vec::with_capacity(viewport.lines);
    for line in 0..viewport.lines {
        let rows = under.rows(line);
        let state_at = |dy: usize, dx: usize, column: usize| under.state(&rows, column, dy, dx);
        let mut runs: Vec<Styled> = Vec::new();
        for column in 0..viewport.columns {
            let glyph = density.glyph(|dy, dx| !state_at(dy, dx, column).is_empty());
            let (fg, bg) = match density {
                Density::Cell => (shade(state_at(0, 0, column)), None),
                Density::Half => {
                    let upper = shade(state_at(0, 0, column));
                    let lower = shade(state_at(1, 0, column));
                    match glyph {
                        '▀' => (upper, None),
                        '▄' => (lower, None),
                        '█' if upper == lower => (upper, None),
                        '█' => {
                            // Both halves, in different colours: the upper
                            // half's block on the lower half's colour.
                            (upper, lower)
                        }
                        _ => (None, None),
                    }
                }
                Density::Braille => {
                    let most_alive = BRAILLE_DOTS
                        .iter()
                        .map(|&(dy, dx, _)| state_at(dy, dx, column))
                        .filter(|s| !s.is_empty())
                        .min();
                    (most_alive.and_then(&shade), None)
                }
            };
            // Two colours in one character: draw it as the upper half.
            let glyph = if density == Density::Half && glyph == '█' && bg.is_some() {
                '▀'
            } else {
                glyph
            };
            match runs.last_mut() {
                Some(last) if last.fg == fg && last.bg == bg => last.text.push(glyph),
                _ => runs.push(Styled {
                    text: glyph.to_string(),
                    fg,
                    bg,
                }),
            }
        }
        lines.push(runs);
    }
    lines
}

#[cfg(test)]
mod tests;
