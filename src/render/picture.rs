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
//! use corolife::render::picture::{Picture, Style, Theme};
//! use corolife::{Grid, State};
//!
//! let mut grid = Grid::new(2, 3)?;
//! grid.assign(1, 2, State::ALIVE);
//! let style = Style { scale: 2, theme: Theme::Light, states: 2, colours: None };
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

use crate::render::Rgb;
use crate::{Cell, Grid, GridError, Rect, State};

mod palette;

pub use self::palette::{Palette, Theme, UnknownTheme};

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

/// The most cells a pixel may stand for, a side: 2^30, which covers the
/// whole `i32` plane in four pixels.
pub const MAX_CELLS_PER_PIXEL: u32 = 1 << 30;

/// How large a cell is drawn: pixels per cell, or, zoomed out, cells per
/// pixel.
///
/// Zoomed out, every pixel stands for a square of `n` × `n` cells (`n` a
/// power of two) and shows the most alive state among them: alive if any
/// is alive, else the youngest dying state, else empty. [`binned`] makes
/// the grid of such squares, which is then drawn at one pixel per cell.
///
/// Written as `8` (pixels per cell) or `1/4` (cells per pixel):
///
/// ```
/// use corolife::render::picture::Zoom;
///
/// assert_eq!("8".parse::<Zoom>()?, Zoom::In(8));
/// assert_eq!("1/4".parse::<Zoom>()?, Zoom::Out(4));
/// assert_eq!(Zoom::Out(4).to_string(), "1/4");
/// assert!("1/3".parse::<Zoom>().is_err());
/// # Ok::<(), String>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Zoom {
    /// Every cell is a square of this many pixels a side (at least 1).
    In(u32),
    /// Every pixel stands for a square of this many cells a side (a power
    /// of two from 2 to [`MAX_CELLS_PER_PIXEL`]).
    Out(u32),
}

impl Zoom {
    /// The pixels per cell of the grid drawn: 1 when zoomed out, where the
    /// grid drawn is that of [`binned`].
    pub fn pixels_per_cell(self) -> u32 {
        match self {
            Zoom::In(scale) => scale,
            Zoom::Out(_) => 1,
        }
    }

    /// The cells a pixel stands for, a side: 1 when zoomed in.
    pub fn cells_per_pixel(self) -> u32 {
        match self {
            Zoom::In(_) => 1,
            Zoom::Out(cells) => cells,
        }
    }
}

impl fmt::Display for Zoom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Zoom::In(scale) => write!(f, "{scale}"),
            Zoom::Out(cells) => write!(f, "1/{cells}"),
        }
    }
}

impl FromStr for Zoom {
    type Err = String;

    fn from_str(text: &str) -> Result<Zoom, String> {
        let expected = || {
            format!(
                "expected pixels per cell (8) or cells per pixel as 1/N with N a power of two \
                 up to 2^30 (1/4), found \"{text}\""
            )
        };
        match text.trim().split_once('/') {
            None => match text.trim().parse::<u32>() {
                Ok(scale) if scale >= 1 => Ok(Zoom::In(scale)),
                _ => Err(expected()),
            },
            Some((one, cells)) => match (one.trim(), cells.trim().parse::<u32>()) {
                ("1", Ok(1)) => Ok(Zoom::In(1)),
                ("1", Ok(cells)) if cells.is_power_of_two() && cells <= MAX_CELLS_PER_PIXEL => {
                    Ok(Zoom::Out(cells))
                }
                _ => Err(expected()),
            },
        }
    }
}

/// The zoom [`auto_scale`] would choose for a `rows` × `cols` grid, or,
/// when even one pixel per cell is larger than `max_side`, the fewest cells
/// per pixel (a power of two) that bring the picture within it.
///
/// ```
/// use corolife::render::picture::{Zoom, auto_zoom};
///
/// assert_eq!(auto_zoom(100, 200, 800), Zoom::In(3));
/// assert_eq!(auto_zoom(798, 798, 800), Zoom::In(1));
/// assert_eq!(auto_zoom(3000, 1000, 800), Zoom::Out(4));
/// ```
pub fn auto_zoom(rows: usize, cols: usize, max_side: u32) -> Zoom {
    let fits = |rows: usize, cols: usize, scale: u32| {
        Layout::new(rows, cols, scale)
            .is_ok_and(|l| l.width() <= max_side && l.height() <= max_side)
    };
    if fits(rows, cols, 1) {
        return Zoom::In(auto_scale(rows, cols, max_side));
    }
    let mut cells = 2;
    while cells < MAX_CELLS_PER_PIXEL {
        let n = cells as usize;
        if fits(rows.div_ceil(n), cols.div_ceil(n), 1) {
            break;
        }
        cells *= 2;
    }
    Zoom::Out(cells)
}

/// The grid a zoomed-out picture draws: every cell of it stands for a
/// `cells_per_pixel` square of `rect` (the last row and column of squares
/// may reach past it), in the most alive state of `cells` inside the
/// square (see [`Zoom`]). Cells outside `rect` are left out. It costs time
/// in proportion to the cells given and the grid made, never to `rect`'s
/// area.
///
/// ```
/// use corolife::render::picture::binned;
/// use corolife::{Cell, Rect, State};
///
/// let rect = Rect { top: 0, left: 0, bottom: 7, right: 5 };
/// let cell = |y, x, state| Cell { y, x, state: State::new(state) };
/// let cells = [cell(0, 0, 2), cell(1, 1, 1), cell(7, 5, 3), cell(8, 0, 1)];
/// let grid = binned(&cells, rect, 4)?;
/// assert_eq!((grid.rows(), grid.cols()), (2, 2));
/// assert_eq!(grid.query(0, 0), State::ALIVE);
/// assert_eq!(grid.query(1, 1), State::new(3));
/// assert_eq!(grid.population(), 2);
/// # Ok::<(), corolife::GridError>(())
/// ```
pub fn binned(cells: &[Cell], rect: Rect, cells_per_pixel: u32) -> Result<Grid, GridError> {
    let n = i64::from(cells_per_pixel.max(1));
    let side = |cells: u64| (cells as i64 + n - 1) / n;
    let rows = side(rect.height());
    let cols = side(rect.width());
    let mut grid = Grid::new(rows as usize, cols as usize)?;
    for cell in cells {
        let inside = (rect.top..=rect.bottom).contains(&cell.y)
            && (rect.left..=rect.right).contains(&cell.x);
        if cell.state.is_empty() || !inside {
            continue;
        }
        let y = ((i64::from(cell.y) - i64::from(rect.top)) / n) as i32;
        let x = ((i64::from(cell.x) - i64::from(rect.left)) / n) as i32;
        let shown = grid.query(y, x);
        if shown.is_empty() || cell.state.value() < shown.value() {
            grid.assign(y, x, cell.state);
        }
    }
    Ok(grid)
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
    /// The rule's own colours, one per state from state 0, which replace
    /// the theme's for the cells (a rule file's `@COLORS`; see
    /// [`Named::colours`](crate::rule::Named::colours)).
    pub colours: Option<&'static [Rgb]>,
}

impl Default for Style {
    /// 8-pixel cells, the light theme, two states.
    fn default() -> Style {
        Style {
            scale: 8,
            theme: Theme::Light,
            states: 2,
            colours: None,
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
/// use corolife::render::picture::Layout;
///
/// let layout = Layout::new(10, 20, 8)?;
/// assert_eq!((layout.border(), layout.line()), (2, 1));
/// assert_eq!((layout.width(), layout.height()), (2 * 2 + 20 * 8 + 19, 2 * 2 + 10 * 8 + 9));
/// assert_eq!(layout.cell_origin(1, 2), (2 + 2 * 9, 2 + 9));
/// # Ok::<(), corolife::render::picture::PictureError>(())
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
/// use corolife::render::picture::auto_scale;
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
            palette: match style.colours {
                Some(colours) => Palette::with_colours(style.theme, colours),
                None => Palette::new(style.theme, style.states),
            },
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
mod tests;
