//! Pictures of grids: the geometry and colours every picture format shares,
//! rows of palette indices for raster encoders, and SVG text.
//!
//! This module draws but does not encode, and depends on no image crate.
//! [`Picture::row`] and [`Picture::frame`] fill rows of palette indices —
//! what a GIF or an indexed PNG encoder takes as it is — and
//! [`Picture::write_svg`] writes an SVG document. `corolife render` adds the
//! encoders.
//!
//! # Geometry
//!
//! A [`Layout`] places a `rows` × `cols` grid on a picture:
//!
//! * every cell is a `scale` × `scale` square of pixels;
//! * when `scale` is at least [`GRID_LINE_MIN_SCALE`], neighbouring cells are
//!   separated by a grid line one pixel wide; smaller cells touch;
//! * the torus's edge is a border of `1 + scale / 8` pixels all around.
//!
//! So a picture is `2·border + cols·scale + (cols − 1)·line` pixels wide
//! (`line` being 1 with grid lines and 0 without), and the cell in row `r`,
//! column `c` has its top-left pixel at
//! `(border + c·(scale + line), border + r·(scale + line))`.
//!
//! # Colours
//!
//! A [`Palette`] has one colour per state of the rule, then the grid line's,
//! then the border's, in that order; a picture's pixels are indices into it.
//! State 0 (empty) is the background and state 1 (alive) the live colour.
//! The dying states of multi-state rules, 2 to `states − 1`, fade from the
//! live colour towards the background: state `s` is `(s − 1) / (states − 1)`
//! of the way, so older cells are paler and no dying cell looks empty.
//!
//! ```
//! use corolife::picture::{Picture, Style, Theme};
//! use corolife::{Grid, State};
//!
//! let mut grid = Grid::new(2, 3)?;
//! grid.assign(1, 2, State::ALIVE);
//! let style = Style { scale: 2, theme: Theme::Light, states: 2 };
//! let picture = Picture::new(grid.rows(), grid.cols(), &style)?;
//! // 2-pixel cells, no grid lines, a 1-pixel border: 8 × 6 pixels.
//! assert_eq!((picture.width(), picture.height()), (8, 6));
//! let mut pixels = vec![0; 8 * 6];
//! picture.frame(&grid, &mut pixels);
//! let (border, empty, alive) = (picture.palette().border(), 0, 1);
//! assert_eq!(pixels[..8], [border; 8]);
//! // Pixel rows 3 and 4 show the grid's row 1.
//! assert_eq!(pixels[24..32], [border, empty, empty, empty, empty, alive, alive, border]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use thiserror::Error;

use crate::{Grid, State};

/// The smallest cell, in pixels, that gets grid lines around it.
///
/// Smaller cells touch: a one-pixel line would take a fifth of a 4-pixel
/// cell or more and make the picture look like a net.
pub const GRID_LINE_MIN_SCALE: u32 = 6;

/// The most states a palette has colours for.
///
/// With the grid line and the border, every index then fits a byte with one
/// index to spare, which GIF encoders use as the transparent colour. States
/// beyond the last take the last state's colour.
pub const MAX_STATES: usize = 253;

/// The largest scale [`auto_scale`] chooses.
pub const MAX_AUTO_SCALE: u32 = 16;

/// A colour: red, green and blue, one byte each.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Rgb {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Rgb {
    /// The colour with these components.
    pub const fn new(r: u8, g: u8, b: u8) -> Rgb {
        Rgb { r, g, b }
    }

    /// The sum of the three components: how bright the colour is.
    pub const fn brightness(self) -> u16 {
        self.r as u16 + self.g as u16 + self.b as u16
    }

    /// The colour `fraction` of the way from `self` to `other` (0 is `self`,
    /// 1 is `other`), rounding each component.
    pub fn mix(self, other: Rgb, fraction: f64) -> Rgb {
        let t = fraction.clamp(0.0, 1.0);
        let channel = |a: u8, b: u8| {
            let value = f64::from(a) + (f64::from(b) - f64::from(a)) * t;
            value.round().clamp(0.0, 255.0) as u8
        };
        Rgb {
            r: channel(self.r, other.r),
            g: channel(self.g, other.g),
            b: channel(self.b, other.b),
        }
    }
}

impl fmt::Display for Rgb {
    /// `#rrggbb`, as HTML and SVG write colours.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// A colour scheme.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Theme {
    /// Dark cells on white: `light`.
    #[default]
    Light,
    /// Amber cells on near-black: `dark`.
    Dark,
}

/// A theme's colours other than the dying states'.
struct Colours {
    background: Rgb,
    alive: Rgb,
    line: Rgb,
    border: Rgb,
}

impl Theme {
    /// Every theme.
    pub const ALL: [Theme; 2] = [Theme::Light, Theme::Dark];

    /// The name used on command lines.
    pub const fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    const fn colours(self) -> Colours {
        match self {
            Theme::Light => Colours {
                background: Rgb::new(0xff, 0xff, 0xff),
                alive: Rgb::new(0x1d, 0x2b, 0x53),
                line: Rgb::new(0xe3, 0xe6, 0xeb),
                border: Rgb::new(0x7b, 0x86, 0x99),
            },
            Theme::Dark => Colours {
                background: Rgb::new(0x10, 0x14, 0x1a),
                alive: Rgb::new(0xff, 0xc8, 0x3d),
                line: Rgb::new(0x22, 0x29, 0x33),
                border: Rgb::new(0x5c, 0x67, 0x78),
            },
        }
    }
}

impl fmt::Display for Theme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A theme name that is not known.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
#[error("unknown theme \"{0}\" (expected light or dark)")]
pub struct UnknownTheme(pub String);

impl FromStr for Theme {
    type Err = UnknownTheme;

    fn from_str(name: &str) -> Result<Theme, UnknownTheme> {
        Theme::ALL
            .into_iter()
            .find(|theme| theme.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| UnknownTheme(name.to_owned()))
    }
}

/// The colours of a picture, by palette index: one per state, then the grid
/// line, then the border (see the [module documentation](self)).
///
/// ```
/// use corolife::State;
/// use corolife::picture::{Palette, Theme};
///
/// let palette = Palette::new(Theme::Light, 2);
/// assert_eq!(palette.colours().len(), 4);
/// assert_eq!(palette.index(State::ALIVE), 1);
/// assert_eq!((palette.grid_line(), palette.border()), (2, 3));
/// assert_eq!(palette.colour(State::EMPTY).to_string(), "#ffffff");
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Palette {
    colours: Vec<Rgb>,
    states: usize,
    /// The palette index of each state value.
    lookup: [u8; 256],
}

impl Palette {
    /// The palette of `theme` for a rule with `states` states (2 for
    /// Life-like rules; at least 2 and at most [`MAX_STATES`] are used).
    pub fn new(theme: Theme, states: usize) -> Palette {
        let states = states.clamp(2, MAX_STATES);
        let colours = theme.colours();
        let mut palette = Vec::with_capacity(states + 2);
        palette.push(colours.background);
        palette.push(colours.alive);
        for state in 2..states {
            let fraction = (state - 1) as f64 / (states - 1) as f64;
            palette.push(colours.alive.mix(colours.background, fraction));
        }
        palette.push(colours.line);
        palette.push(colours.border);
        let mut lookup = [0; 256];
        for (value, index) in lookup.iter_mut().enumerate() {
            // At most MAX_STATES - 1, which fits a byte.
            *index = value.min(states - 1) as u8;
        }
        Palette {
            colours: palette,
            states,
            lookup,
        }
    }

    /// The number of states the palette has colours for.
    pub fn states(&self) -> usize {
        self.states
    }

    /// Every colour, by index.
    pub fn colours(&self) -> &[Rgb] {
        &self.colours
    }

    /// The index of `state`'s colour: the state's number, or the last
    /// state's for a state beyond the palette.
    #[inline]
    pub fn index(&self, state: State) -> u8 {
        self.lookup[usize::from(state.value())]
    }

    /// The colour of `state`.
    pub fn colour(&self, state: State) -> Rgb {
        self.colours[usize::from(self.index(state))]
    }

    /// The index of the grid lines' colour.
    pub fn grid_line(&self) -> u8 {
        // states <= MAX_STATES, so this fits a byte.
        self.states as u8
    }

    /// The index of the border's colour.
    pub fn border(&self) -> u8 {
        self.states as u8 + 1
    }

    /// The colours as bytes, `r g b r g b …`: the colour table GIF and PNG
    /// encoders take.
    pub fn to_rgb_bytes(&self) -> Vec<u8> {
        self.colours.iter().flat_map(|c| [c.r, c.g, c.b]).collect()
    }
}

/// How a grid is drawn: pixels per cell, colours, and the number of states
/// of the rule.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Style {
    /// The side of a cell in pixels, at least 1.
    pub scale: u32,
    /// The colour scheme.
    pub theme: Theme,
    /// The states of the rule (2 for Life-like rules).
    pub states: usize,
}

impl Default for Style {
    /// 8-pixel cells, the light theme, two states.
    fn default() -> Style {
        Style {
            scale: 8,
            theme: Theme::Light,
            states: 2,
        }
    }
}

/// Why a picture could not be laid out.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
pub enum PictureError {
    /// A scale of zero pixels per cell.
    #[error("the scale must be at least 1 pixel per cell")]
    ZeroScale,
    /// A grid with no rows or no columns.
    #[error("a picture needs a grid of at least one row and one column, not {rows}x{cols}")]
    Empty {
        /// Rows of the grid.
        rows: usize,
        /// Columns of the grid.
        cols: usize,
    },
    /// A side longer than `u32::MAX` pixels.
    #[error(
        "a {rows}x{cols} grid at {scale} pixels per cell would be {width}x{height} pixels, \
         more than {} on a side",
        u32::MAX
    )]
    TooLarge {
        /// Rows of the grid.
        rows: usize,
        /// Columns of the grid.
        cols: usize,
        /// Pixels per cell.
        scale: u32,
        /// The picture's width in pixels.
        width: u128,
        /// The picture's height in pixels.
        height: u128,
    },
}

/// Where every cell, grid line and border pixel of a picture goes (see the
/// [module documentation](self) for the geometry).
///
/// ```
/// use corolife::picture::Layout;
///
/// let layout = Layout::new(10, 20, 8)?;
/// assert_eq!((layout.border(), layout.line()), (2, 1));
/// assert_eq!((layout.width(), layout.height()), (2 * 2 + 20 * 8 + 19, 2 * 2 + 10 * 8 + 9));
/// assert_eq!(layout.cell_origin(1, 2), (2 + 2 * 9, 2 + 9));
/// # Ok::<(), corolife::picture::PictureError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Layout {
    rows: usize,
    cols: usize,
    scale: u32,
    line: u32,
    border: u32,
    width: u32,
    height: u32,
}

impl Layout {
    /// The layout of a `rows` × `cols` grid at `scale` pixels per cell.
    ///
    /// Refuses a zero scale, an empty grid and sides longer than `u32::MAX`
    /// pixels; encoders have limits of their own, far lower.
    pub fn new(rows: usize, cols: usize, scale: u32) -> Result<Layout, PictureError> {
        if scale == 0 {
            return Err(PictureError::ZeroScale);
        }
        if rows == 0 || cols == 0 {
            return Err(PictureError::Empty { rows, cols });
        }
        let line = u32::from(scale >= GRID_LINE_MIN_SCALE);
        let border = 1 + scale / 8;
        let side = |cells: usize| {
            // usize is at most 64 bits, so none of this overflows a u128.
            let cells = cells as u128;
            2 * u128::from(border) + cells * u128::from(scale) + (cells - 1) * u128::from(line)
        };
        let (width, height) = (side(cols), side(rows));
        match (u32::try_from(width), u32::try_from(height)) {
            (Ok(w), Ok(h)) => Ok(Layout {
                rows,
                cols,
                scale,
                line,
                border,
                width: w,
                height: h,
            }),
            _ => Err(PictureError::TooLarge {
                rows,
                cols,
                scale,
                width,
                height,
            }),
        }
    }

    /// Rows of the grid.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Columns of the grid.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The side of a cell, in pixels.
    pub fn scale(&self) -> u32 {
        self.scale
    }

    /// The width of the grid lines: 1 pixel, or 0 for cells smaller than
    /// [`GRID_LINE_MIN_SCALE`].
    pub fn line(&self) -> u32 {
        self.line
    }

    /// Whether cells are separated by grid lines.
    pub fn has_grid_lines(&self) -> bool {
        self.line > 0
    }

    /// The width of the border around the torus, in pixels.
    pub fn border(&self) -> u32 {
        self.border
    }

    /// The picture's width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// The picture's height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The number of pixels.
    pub fn pixels(&self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }

    /// The distance from one cell to the next, in pixels.
    fn pitch(&self) -> u32 {
        self.scale + self.line
    }

    /// The top-left pixel `(x, y)` of the cell in row `row`, column `col`.
    pub fn cell_origin(&self, row: usize, col: usize) -> (u32, u32) {
        // Within the picture, whose sides fit a u32.
        let at = |i: usize| self.border + i as u32 * self.pitch();
        (at(col), at(row))
    }

    /// The width in pixels of `cells` neighbouring cells of a row, with
    /// the grid lines between them.
    fn span(&self, cells: usize) -> u32 {
        cells as u32 * self.scale + (cells as u32).saturating_sub(1) * self.line
    }
}

/// The largest scale from 1 to [`MAX_AUTO_SCALE`] at which a `rows` ×
/// `cols` grid's picture is at most `max_side` pixels wide and high; 1 if
/// even that is larger.
///
/// ```
/// use corolife::picture::auto_scale;
///
/// assert_eq!(auto_scale(10, 10, 800), 16);
/// assert_eq!(auto_scale(100, 200, 800), 3);
/// assert_eq!(auto_scale(5000, 5000, 800), 1);
/// ```
pub fn auto_scale(rows: usize, cols: usize, max_side: u32) -> u32 {
    (1..=MAX_AUTO_SCALE)
        .rev()
        .find(|&scale| {
            Layout::new(rows, cols, scale)
                .is_ok_and(|l| l.width() <= max_side && l.height() <= max_side)
        })
        .unwrap_or(1)
}

/// How grids of one size are drawn: a [`Layout`] and a [`Palette`].
///
/// One `Picture` draws every generation of an animation.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Picture {
    layout: Layout,
    palette: Palette,
}

impl Picture {
    /// The picture of a `rows` × `cols` grid in `style`.
    pub fn new(rows: usize, cols: usize, style: &Style) -> Result<Picture, PictureError> {
        Ok(Picture {
            layout: Layout::new(rows, cols, style.scale)?,
            palette: Palette::new(style.theme, style.states),
        })
    }

    /// Where everything goes.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The colours.
    pub fn palette(&self) -> &Palette {
        &self.palette
    }

    /// The width in pixels.
    pub fn width(&self) -> u32 {
        self.layout.width
    }

    /// The height in pixels.
    pub fn height(&self) -> u32 {
        self.layout.height
    }

    /// Fills `out` with the palette indices of pixel row `y` of `grid`'s
    /// picture, left to right.
    ///
    /// # Panics
    ///
    /// If `grid` is not the picture's size, `y` is not below
    /// [`height`](Picture::height) or `out` is not
    /// [`width`](Picture::width) long.
    pub fn row(&self, grid: &Grid, y: u32, out: &mut [u8]) {
        let layout = &self.layout;
        self.check(grid);
        assert!(y < layout.height, "pixel row {y} of {}", layout.height);
        assert_eq!(out.len(), layout.width as usize, "a row's length");
        let border = layout.border as usize;
        let border_colour = self.palette.border();
        if y < layout.border || y >= layout.height - layout.border {
            out.fill(border_colour);
            return;
        }
        out[..border].fill(border_colour);
        let inner_end = out.len() - border;
        out[inner_end..].fill(border_colour);
        let y = y - layout.border;
        if y % layout.pitch() >= layout.scale {
            out[border..inner_end].fill(self.palette.grid_line());
            return;
        }
        let cells = grid.row((y / layout.pitch()) as usize);
        let (scale, line) = (layout.scale as usize, layout.line as usize);
        let mut x = border;
        for (c, &state) in cells.iter().enumerate() {
            out[x..x + scale].fill(self.palette.index(state));
            x += scale;
            if line > 0 && c + 1 < cells.len() {
                out[x..x + line].fill(self.palette.grid_line());
                x += line;
            }
        }
    }

    /// Fills `out` with the palette indices of `grid`'s whole picture, row
    /// after row.
    ///
    /// # Panics
    ///
    /// If `grid` is not the picture's size or `out` is not
    /// [`width`](Picture::width) × [`height`](Picture::height) long.
    pub fn frame(&self, grid: &Grid, out: &mut [u8]) {
        let width = self.layout.width as usize;
        assert_eq!(
            out.len() as u64,
            self.layout.pixels(),
            "a frame's length for {width}x{}",
            self.layout.height
        );
        for (y, row) in out.chunks_exact_mut(width).enumerate() {
            // Fewer rows than the height, which is a u32.
            self.row(grid, y as u32, row);
        }
    }

    /// Writes `grid`'s picture as an SVG document, pixel for pixel the
    /// picture [`frame`](Picture::frame) draws.
    ///
    /// The document holds, in drawing order: a rectangle in the border's
    /// colour over the whole picture; a rectangle in the background's colour
    /// inside the border; for each state other than empty, a group
    /// `<g class="state-N" fill="…">` of rectangles, one for each run of
    /// neighbouring cells of that state in a row (a run of `n` cells is one
    /// rectangle `n` cells wide, with the grid lines between them); then
    /// the grid lines, one `<path>` drawn over the cells.
    ///
    /// # Panics
    ///
    /// If `grid` is not the picture's size.
    pub fn write_svg<W: Write>(&self, grid: &Grid, out: W) -> io::Result<()> {
        self.check(grid);
        let mut out = io::BufWriter::new(out);
        let layout = &self.layout;
        let palette = &self.palette;
        let (width, height, border) = (layout.width, layout.height, layout.border);
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" shape-rendering="crispEdges">"#
        )?;
        writeln!(
            out,
            r#"<rect class="border" width="{width}" height="{height}" fill="{}"/>"#,
            palette.colours()[usize::from(palette.border())]
        )?;
        writeln!(
            out,
            r#"<rect class="background" x="{border}" y="{border}" width="{}" height="{}" fill="{}"/>"#,
            width - 2 * border,
            height - 2 * border,
            palette.colour(State::EMPTY)
        )?;
        let mut present = [false; 256];
        for &state in grid.cells() {
            present[usize::from(palette.index(state))] = true;
        }
        let shown = present.iter().enumerate().take(palette.states()).skip(1);
        for (index, _) in shown.filter(|&(_, &present)| present) {
            writeln!(
                out,
                r#"<g class="state-{index}" fill="{}">"#,
                palette.colours()[index]
            )?;
            for (r, row) in grid.iter_rows().enumerate() {
                let mut c = 0;
                while c < row.len() {
                    if usize::from(palette.index(row[c])) != index {
                        c += 1;
                        continue;
                    }
                    let start = c;
                    while c < row.len() && usize::from(palette.index(row[c])) == index {
                        c += 1;
                    }
                    let (x, y) = layout.cell_origin(r, start);
                    writeln!(
                        out,
                        r#"<rect x="{x}" y="{y}" width="{}" height="{}"/>"#,
                        layout.span(c - start),
                        layout.scale
                    )?;
                }
            }
            writeln!(out, "</g>")?;
        }
        if layout.has_grid_lines() {
            self.write_svg_grid_lines(&mut out)?;
        }
        writeln!(out, "</svg>")?;
        out.flush()
    }

    /// The grid lines as one stroked path: a vertical line left of every
    /// column but the first, a horizontal one above every row but the first.
    fn write_svg_grid_lines(&self, out: &mut impl Write) -> io::Result<()> {
        let layout = &self.layout;
        let (border, pitch, scale) = (layout.border, layout.pitch(), layout.scale);
        let (right, bottom) = (layout.width - border, layout.height - border);
        write!(
            out,
            r#"<path class="grid" stroke="{}" stroke-width="1" d=""#,
            self.palette.colours()[usize::from(self.palette.grid_line())]
        )?;
        // A line one pixel wide at pixel column x is stroked along x + 0.5.
        for c in 1..layout.cols {
            let x = border + (c as u32 - 1) * pitch + scale;
            write!(out, "M{x}.5 {border}V{bottom}")?;
        }
        for r in 1..layout.rows {
            let y = border + (r as u32 - 1) * pitch + scale;
            write!(out, "M{border} {y}.5H{right}")?;
        }
        writeln!(out, r#""/>"#)
    }

    fn check(&self, grid: &Grid) {
        assert!(
            grid.rows() == self.layout.rows && grid.cols() == self.layout.cols,
            "a {}x{} grid in a picture of a {}x{} grid",
            grid.rows(),
            grid.cols(),
            self.layout.rows,
            self.layout.cols
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(text: &str) -> Grid {
        text.parse().expect("grid text")
    }

    fn frame(picture: &Picture, grid: &Grid) -> Vec<u8> {
        let mut pixels = vec![0; picture.layout().pixels() as usize];
        picture.frame(grid, &mut pixels);
        pixels
    }

    fn style(scale: u32) -> Style {
        Style {
            scale,
            ..Style::default()
        }
    }

    #[test]
    fn grid_lines_start_at_the_documented_scale_and_the_border_grows_slowly() {
        for (scale, line, border) in [
            (1, 0, 1),
            (5, 0, 1),
            (6, 1, 1),
            (7, 1, 1),
            (8, 1, 2),
            (16, 1, 3),
        ] {
            let layout = Layout::new(3, 4, scale).expect("layout");
            assert_eq!((layout.line(), layout.border()), (line, border), "{scale}");
            assert_eq!(layout.has_grid_lines(), scale >= GRID_LINE_MIN_SCALE);
            assert_eq!(layout.width(), 2 * border + 4 * scale + 3 * line);
            assert_eq!(layout.height(), 2 * border + 3 * scale + 2 * line);
        }
    }

    #[test]
    fn zero_scales_empty_grids_and_huge_pictures_are_refused() {
        assert_eq!(Layout::new(3, 3, 0), Err(PictureError::ZeroScale));
        assert_eq!(
            Layout::new(0, 3, 1),
            Err(PictureError::Empty { rows: 0, cols: 3 })
        );
        assert!(matches!(
            Layout::new(1, 1 << 30, 4),
            Err(PictureError::TooLarge { .. })
        ));
        assert!(matches!(
            Layout::new(usize::MAX, usize::MAX, u32::MAX),
            Err(PictureError::TooLarge { .. })
        ));
        let message = Layout::new(2, 1 << 30, 8)
            .expect_err("too wide")
            .to_string();
        assert!(
            message.contains("2x1073741824 grid at 8 pixels"),
            "{message}"
        );
    }

    /// Every pixel of a small picture with grid lines, by hand: `B` border,
    /// `+` grid line, `.` empty, `#` alive.
    #[test]
    fn a_frame_has_border_lines_and_cells_where_the_layout_says() {
        let grid = grid("*-\n-*\n");
        let picture = Picture::new(2, 2, &style(6)).expect("picture");
        assert_eq!((picture.width(), picture.height()), (15, 15));
        let symbols = |index: u8| match index {
            0 => '.',
            1 => '#',
            2 => '+',
            3 => 'B',
            _ => '?',
        };
        let text: Vec<String> = frame(&picture, &grid)
            .chunks(15)
            .map(|row| row.iter().map(|&i| symbols(i)).collect())
            .collect();
        let cell_row = |a: &str, b: &str| format!("B{a}+{b}B");
        let mut expected = vec!["B".repeat(15)];
        expected.extend((0..6).map(|_| cell_row("######", "......")));
        expected.push(format!("B{}B", "+".repeat(13)));
        expected.extend((0..6).map(|_| cell_row("......", "######")));
        expected.push("B".repeat(15));
        assert_eq!(text, expected);
    }

    #[test]
    fn small_cells_touch_and_keep_a_border() {
        let grid = grid("**-\n");
        let picture = Picture::new(1, 3, &style(2)).expect("picture");
        assert_eq!((picture.width(), picture.height()), (8, 4));
        let pixels = frame(&picture, &grid);
        assert_eq!(pixels[..8], [3; 8]);
        assert_eq!(pixels[8..16], [3, 1, 1, 1, 1, 0, 0, 3]);
        assert_eq!(pixels[16..24], pixels[8..16]);
        assert_eq!(pixels[24..], [3; 8]);
    }

    #[test]
    fn the_torus_border_has_its_own_colour_in_both_themes() {
        for theme in Theme::ALL {
            let palette = Palette::new(theme, 2);
            let colours = palette.colours();
            for (i, a) in colours.iter().enumerate() {
                for b in &colours[i + 1..] {
                    assert_ne!(a, b, "{theme}: two indices share a colour");
                }
            }
            assert_eq!(colours.len(), 4);
        }
    }

    fn distance(a: Rgb, b: Rgb) -> i32 {
        let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).abs();
        d(a.r, b.r) + d(a.g, b.g) + d(a.b, b.b)
    }

    /// A four-state rule: states 2 and 3 are dying, and fade from the live
    /// colour towards the background in order.
    #[test]
    fn dying_states_fade_from_alive_towards_the_background() {
        let mut grid = Grid::new(1, 4).expect("grid");
        for (x, state) in [(0, 1), (1, 2), (2, 3)] {
            grid.assign(0, x, State::new(state));
        }
        for theme in Theme::ALL {
            let style = Style {
                scale: 1,
                theme,
                states: 4,
            };
            let picture = Picture::new(1, 4, &style).expect("picture");
            let palette = picture.palette();
            assert_eq!(palette.colours().len(), 6);
            assert_eq!((palette.grid_line(), palette.border()), (4, 5));
            let pixels = frame(&picture, &grid);
            // Row 1, between the one-pixel borders.
            assert_eq!(pixels[7..11], [1, 2, 3, 0]);
            let colour = |i: u8| palette.colours()[usize::from(i)];
            let (alive, background) = (colour(1), colour(0));
            let (two, three) = (colour(2), colour(3));
            let whole = distance(alive, background);
            assert!(
                0 < distance(alive, two)
                    && distance(alive, two) < distance(alive, three)
                    && distance(alive, three) < whole,
                "{theme}: {alive} {two} {three} {background}"
            );
            // A third and two thirds of the way, within rounding.
            assert!((distance(alive, two) - whole / 3).abs() <= 3, "{theme}");
            assert!(
                (distance(alive, three) - 2 * whole / 3).abs() <= 3,
                "{theme}"
            );
        }
    }

    #[test]
    fn states_beyond_the_palette_take_the_last_states_colour() {
        let two = Palette::new(Theme::Light, 2);
        assert_eq!(two.index(State::new(2)), 1);
        assert_eq!(two.index(State::new(255)), 1);
        let many = Palette::new(Theme::Dark, 1000);
        assert_eq!(many.states(), MAX_STATES);
        assert_eq!(many.colours().len(), MAX_STATES + 2);
        assert_eq!(usize::from(many.border()), MAX_STATES + 1);
        assert_eq!(many.index(State::new(255)) as usize, MAX_STATES - 1);
        assert_eq!(Palette::new(Theme::Light, 0).states(), 2);
    }

    #[test]
    fn colours_mix_and_print_as_hex() {
        let black = Rgb::new(0, 0, 0);
        let white = Rgb::new(255, 255, 255);
        assert_eq!(black.mix(white, 0.5), Rgb::new(128, 128, 128));
        assert_eq!(black.mix(white, 2.0), white);
        assert_eq!(Rgb::new(0x1d, 0x2b, 0x53).to_string(), "#1d2b53");
        assert_eq!(
            Palette::new(Theme::Light, 2).to_rgb_bytes()[..6],
            [0xff, 0xff, 0xff, 0x1d, 0x2b, 0x53]
        );
    }

    #[test]
    fn themes_parse_by_name() {
        for theme in Theme::ALL {
            assert_eq!(theme.name().parse(), Ok(theme));
        }
        assert_eq!(" DARK ".parse(), Ok(Theme::Dark));
        assert_eq!("sepia".parse::<Theme>(), Err(UnknownTheme("sepia".into())));
    }

    #[test]
    fn the_automatic_scale_is_the_largest_that_fits() {
        assert_eq!(auto_scale(1, 1, 1000), MAX_AUTO_SCALE);
        // 50 cells at 15 pixels: 2·2 + 750 + 49 = 803; at 14: 2·2 + 700 + 49.
        assert_eq!(auto_scale(50, 50, 800), 14);
        assert_eq!(auto_scale(10_000, 1, 800), 1);
    }

    fn svg(picture: &Picture, grid: &Grid) -> String {
        let mut out = Vec::new();
        picture.write_svg(grid, &mut out).expect("write to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    /// The rectangles of one state's group, as (x, y, width, height).
    fn rects(document: &roxmltree::Document, class: &str) -> Vec<[u32; 4]> {
        document
            .descendants()
            .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some(class))
            .flat_map(|g| g.children().filter(|n| n.has_tag_name("rect")))
            .map(|rect| {
                ["x", "y", "width", "height"].map(|name| {
                    rect.attribute(name)
                        .and_then(|v| v.parse().ok())
                        .expect("a numeric attribute")
                })
            })
            .collect()
    }

    #[test]
    fn svg_runs_of_cells_are_one_rectangle_each() {
        let grid = grid("-***-**\n*------\n");
        let picture = Picture::new(2, 7, &style(8)).expect("picture");
        let text = svg(&picture, &grid);
        let document = roxmltree::Document::parse(&text).expect("well-formed XML");
        let root = document.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("width"), Some("66"));
        assert_eq!(root.attribute("height"), Some("21"));
        // Border 2, pitch 9: runs of 3, 2 and 1 cells.
        assert_eq!(
            rects(&document, "state-1"),
            [[11, 2, 26, 8], [47, 2, 17, 8], [2, 11, 8, 8]]
        );
        let grid_path = document
            .descendants()
            .find(|n| n.attribute("class") == Some("grid"))
            .and_then(|n| n.attribute("d"))
            .expect("grid lines");
        assert_eq!(grid_path.matches('M').count(), 6 + 1);
        assert!(grid_path.starts_with("M10.5 2V19"), "{grid_path}");
        assert!(grid_path.ends_with("M2 10.5H64"), "{grid_path}");
    }

    #[test]
    fn svg_groups_each_state_and_skips_lines_for_small_cells() {
        let mut grid = Grid::new(1, 5).expect("grid");
        for (x, state) in [(0, 2), (1, 2), (2, 1), (3, 3)] {
            grid.assign(0, x, State::new(state));
        }
        let style = Style {
            scale: 3,
            theme: Theme::Dark,
            states: 4,
        };
        let picture = Picture::new(1, 5, &style).expect("picture");
        let text = svg(&picture, &grid);
        let document = roxmltree::Document::parse(&text).expect("well-formed XML");
        assert_eq!(rects(&document, "state-1"), [[7, 1, 3, 3]]);
        assert_eq!(rects(&document, "state-2"), [[1, 1, 6, 3]]);
        assert_eq!(rects(&document, "state-3"), [[10, 1, 3, 3]]);
        let fill = |class: &str| {
            document
                .descendants()
                .find(|n| n.attribute("class") == Some(class))
                .and_then(|n| n.attribute("fill"))
                .map(str::to_owned)
        };
        let palette = picture.palette();
        assert_eq!(fill("state-2"), Some(palette.colours()[2].to_string()));
        assert_eq!(
            fill("background"),
            Some(palette.colour(State::EMPTY).to_string())
        );
        assert!(!text.contains("class=\"grid\""));
    }

    #[test]
    #[should_panic(expected = "a 2x2 grid in a picture of a 3x3 grid")]
    fn a_grid_of_another_size_is_a_bug() {
        let picture = Picture::new(3, 3, &style(1)).expect("picture");
        let mut out = vec![0; picture.layout().pixels() as usize];
        picture.frame(&Grid::new(2, 2).expect("grid"), &mut out);
    }
}
