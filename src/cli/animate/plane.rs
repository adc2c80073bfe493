//! The view of a [`Simulation`](corolife::Simulation)'s universe: where on
//! the plane the screen looks and how far out it is zoomed.
//!
//! At zoom `z` every dot of the density (a character's cell, half or
//! braille dot) covers a square of 2^z × 2^z cells, shown alive when any
//! cell under it is. A frame asks the universe only for the live cells in
//! the visible rectangle and bins them into a grid of dots, so that a
//! zoomed-out frame costs the live cells shown, never the empty area.

use corolife::render::glyphs::Viewport;
use corolife::{Cell, Grid, GridError, Rect, Simulation};

/// The farthest zoom out: 2^40 cells a dot along each side, far beyond
/// the coordinates a universe's cells can reach.
pub const MAX_ZOOM: u32 = 40;

/// The farthest zoom a universe bins itself: 2^30 cells a dot, the most
/// [`Simulation::binned`] takes.
const MAX_BINNED_ZOOM: u32 = 30;

/// The most cells along each side a soup covers when the visible area is
/// larger.
pub const MAX_SOUP_SIDE: i64 = 1024;

/// A rectangle of cells in 64-bit coordinates, both ends included.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Area {
    /// First row.
    pub top: i64,
    /// First column.
    pub left: i64,
    /// Last row.
    pub bottom: i64,
    /// Last column.
    pub right: i64,
}

impl Area {
    /// The area of a [`Rect`].
    pub fn of(rect: Rect) -> Area {
        Area {
            top: i64::from(rect.top),
            left: i64::from(rect.left),
            bottom: i64::from(rect.bottom),
            right: i64::from(rect.right),
        }
    }

    /// The cell in the middle (of an even side, the one after it), so
    /// that an area as large as the screen, centred, fills it exactly.
    pub fn middle(self) -> (i64, i64) {
        // In i128, where no area's sides overflow.
        let middle = |first: i64, last: i64| {
            let (first, last) = (i128::from(first), i128::from(last));
            (first + (last - first + 1) / 2) as i64
        };
        (middle(self.top, self.bottom), middle(self.left, self.right))
    }

    /// The part of the area inside the `i32` coordinates of [`Rect`], if
    /// any.
    pub fn to_rect(self) -> Option<Rect> {
        let clamp = |v: i64| v.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32;
        let rect = Rect {
            top: clamp(self.top),
            left: clamp(self.left),
            bottom: clamp(self.bottom),
            right: clamp(self.right),
        };
        let empty = self.top > self.bottom
            || self.left > self.right
            || self.bottom < i64::from(i32::MIN)
            || self.top > i64::from(i32::MAX)
            || self.right < i64::from(i32::MIN)
            || self.left > i64::from(i32::MAX);
        (!empty).then_some(rect)
    }

    /// The area both hold, if any.
    pub fn intersect(self, other: Area) -> Option<Area> {
        let area = Area {
            top: self.top.max(other.top),
            left: self.left.max(other.left),
            bottom: self.bottom.min(other.bottom),
            right: self.right.min(other.right),
        };
        (area.top <= area.bottom && area.left <= area.right).then_some(area)
    }
}

/// Where the view is on the plane: the cell under the top-left dot, and
/// the zoom (2^zoom cells a dot along each side).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct PlaneView {
    /// The row of the cell at the top-left corner.
    pub top: i64,
    /// The column of the cell at the top-left corner.
    pub left: i64,
    /// Cells a dot along each side, as a power of two.
    pub zoom: u32,
}

/// The dots the screen shows: rows and columns of them.
fn dots(screen: &Viewport) -> (i64, i64) {
    let (rows, cols) = screen.span();
    (rows as i64, cols as i64)
}

impl PlaneView {
    /// Rows and columns of cells the screen covers at this zoom.
    pub fn cells(&self, screen: &Viewport) -> (i64, i64) {
        let (rows, cols) = dots(screen);
        (
            rows.saturating_mul(1 << self.zoom),
            cols.saturating_mul(1 << self.zoom),
        )
    }

    /// The cells the screen covers.
    pub fn visible(&self, screen: &Viewport) -> Area {
        let (rows, cols) = self.cells(screen);
        Area {
            top: self.top,
            left: self.left,
            bottom: self.top.saturating_add(rows - 1),
            right: self.left.saturating_add(cols - 1),
        }
    }

    /// The cell in the middle of the screen.
    pub fn middle(&self, screen: &Viewport) -> (i64, i64) {
        let (rows, cols) = self.cells(screen);
        (
            self.top.saturating_add(rows / 2),
            self.left.saturating_add(cols / 2),
        )
    }

    /// Moves the view so that `(y, x)` is in the middle of the screen.
    pub fn centre_on(&mut self, screen: &Viewport, (y, x): (i64, i64)) {
        let (rows, cols) = self.cells(screen);
        self.top = y.saturating_sub(rows / 2);
        self.left = x.saturating_sub(cols / 2);
    }

    /// Zooms to `zoom` (at most [`MAX_ZOOM`]), keeping the middle of the
    /// screen where it was.
    pub fn zoom_to(&mut self, screen: &Viewport, zoom: u32) {
        let middle = self.middle(screen);
        self.zoom = zoom.min(MAX_ZOOM);
        self.centre_on(screen, middle);
    }

    /// Moves the view by `lines` and `columns` characters.
    pub fn pan(&mut self, screen: &Viewport, lines: i64, columns: i64) {
        let density = screen.density;
        let step = |chars: i64, per_char: usize| {
            chars
                .saturating_mul(per_char as i64)
                .saturating_mul(1 << self.zoom)
        };
        self.top = self
            .top
            .saturating_add(step(lines, density.rows_per_char()));
        self.left = self
            .left
            .saturating_add(step(columns, density.cols_per_char()));
    }

    /// The view that shows all of `area` as large as it fits: the least
    /// zoom at which it fits the screen, centred.
    pub fn fitting(screen: &Viewport, area: Area) -> PlaneView {
        let (rows, cols) = dots(screen);
        let height = area.bottom.saturating_sub(area.top).saturating_add(1);
        let width = area.right.saturating_sub(area.left).saturating_add(1);
        let zoom = (0..MAX_ZOOM)
            .find(|&z| {
                rows.max(1).saturating_mul(1 << z) >= height
                    && cols.max(1).saturating_mul(1 << z) >= width
            })
            .unwrap_or(MAX_ZOOM);
        let mut view = PlaneView {
            zoom,
            ..PlaneView::default()
        };
        view.centre_on(screen, area.middle());
        view
    }

    /// The cell `(y, x)` under dot `(row, col)` of the screen's dots, at
    /// zoom 0.
    pub fn cell_at(&self, (row, col): (usize, usize)) -> (i64, i64) {
        (
            self.top.saturating_add(row as i64),
            self.left.saturating_add(col as i64),
        )
    }

    /// The screen's dots for `simulation`'s cells (see [`bin`](Self::bin)).
    /// When the screen lies inside the `i32` plane the universe bins them
    /// itself ([`Simulation::binned`]), which HashLife does without looking
    /// deeper into its tree than the dots; otherwise the visible cells are
    /// listed and binned here.
    pub fn draw(&self, screen: &Viewport, simulation: &Simulation) -> Result<Grid, GridError> {
        let visible = self.visible(screen);
        let (rows, cols) = screen.span();
        if let Some(rect) = visible.to_rect()
            && Area::of(rect) == visible
            && self.zoom <= MAX_BINNED_ZOOM
        {
            let dots = simulation.binned(rect, 1 << self.zoom)?;
            if (dots.rows(), dots.cols()) == (rows, cols) {
                return Ok(dots);
            }
        }
        let cells = visible
            .to_rect()
            .map(|rect| simulation.cells_in(rect))
            .unwrap_or_default();
        self.bin(screen, &cells)
    }

    /// `cells` (those the screen covers) binned into a grid of the
    /// screen's dots: each dot holds the most alive state of the cells
    /// under it (the lowest non-empty one: alive before the dying states).
    /// The work is one step per cell, however large the area.
    pub fn bin(&self, screen: &Viewport, cells: &[Cell]) -> Result<Grid, GridError> {
        let (rows, cols) = screen.span();
        let mut dots = Grid::new(rows.max(1), cols.max(1))?;
        let width = dots.cols();
        let slots = dots.cells_mut();
        for cell in cells {
            let dy = i64::from(cell.y).saturating_sub(self.top) >> self.zoom;
            let dx = i64::from(cell.x).saturating_sub(self.left) >> self.zoom;
            if dy < 0 || dx < 0 || dy >= rows as i64 || dx >= cols as i64 || cell.state.is_empty() {
                continue;
            }
            let slot = &mut slots[dy as usize * width + dx as usize];
            if slot.is_empty() || cell.state < *slot {
                *slot = cell.state;
            }
        }
        Ok(dots)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use corolife::State;
    use corolife::render::glyphs::{Density, frame};

    /// The universe's own binning draws the same dots as binning the
    /// listed cells, on HashLife and the compiled engine, wherever the
    /// screen starts.
    #[test]
    fn the_universe_bins_the_screen_as_the_listed_cells_do() {
        use corolife::{EngineKind, EngineOptions, Rule};
        let gun = corolife::library::pattern("gosper-gun").expect("built in");
        for engine in [EngineKind::HashLife, EngineKind::Compiled] {
            let mut simulation =
                Simulation::build(&gun, Rule::LIFE, engine, EngineOptions::default())
                    .expect("Life");
            simulation.run(600).expect("runs");
            for density in [Density::Cell, Density::Braille] {
                let screen = Viewport::new(7, 13, density);
                for (top, left, zoom) in [(0, 0, 0), (-5, 3, 1), (-37, -2, 3), (11, 17, 5)] {
                    let view = PlaneView { top, left, zoom };
                    let visible = view.visible(&screen).to_rect().expect("near");
                    let listed = view
                        .bin(&screen, &simulation.cells_in(visible))
                        .expect("dots");
                    assert!(listed.population() > 0, "{engine:?} {top} {left} {zoom}");
                    assert_eq!(
                        view.draw(&screen, &simulation).expect("dots"),
                        listed,
                        "{engine:?} {density:?} {top} {left} {zoom}"
                    );
                }
            }
        }
    }

    #[test]
    fn zoomed_out_every_dot_shows_whether_any_cell_under_it_lives() {
        let screen = Viewport::new(2, 4, Density::Cell);
        let view = PlaneView {
            top: 0,
            left: 0,
            zoom: 2,
        };
        assert_eq!(view.cells(&screen), (8, 16));
        // A cell in the first 4×4 square, one in the third square of the
        // second row of squares, and one beyond the screen.
        let cells = [Cell::alive(3, 3), Cell::alive(5, 9), Cell::alive(8, 0)];
        let dots = view.bin(&screen, &cells).expect("dots");
        assert_eq!(frame(&dots, &screen), ["█   ", "  █ "]);
        // Braille: each dot covers 4×4 cells too.
        let braille = Viewport::new(1, 2, Density::Braille);
        let dots = view.bin(&braille, &[Cell::alive(15, 7)]).expect("dots");
        assert_eq!(frame(&dots, &braille), ["⢀ "]);
    }

    #[test]
    fn a_dot_shows_the_most_alive_state_under_it() {
        let screen = Viewport::new(1, 1, Density::Cell);
        let view = PlaneView {
            top: -2,
            left: -2,
            zoom: 1,
        };
        let cells = [
            Cell {
                y: -2,
                x: -1,
                state: State::new(3),
            },
            Cell {
                y: -1,
                x: -2,
                state: State::ALIVE,
            },
        ];
        assert_eq!(
            view.bin(&screen, &cells).expect("dots").cells(),
            [State::ALIVE]
        );
    }

    #[test]
    fn fitting_takes_the_least_zoom_that_shows_the_area_and_centres_it() {
        let screen = Viewport::new(10, 20, Density::Cell);
        let small = Area {
            top: 0,
            left: 0,
            bottom: 9,
            right: 19,
        };
        let view = PlaneView::fitting(&screen, small);
        assert_eq!(view.zoom, 0);
        assert_eq!(view.visible(&screen), small);
        let wide = Area {
            top: 100,
            left: -1000,
            bottom: 105,
            right: 1000,
        };
        let view = PlaneView::fitting(&screen, wide);
        // 2001 columns need 2^7 = 128 cells a dot (20 × 64 = 1280 is too
        // few).
        assert_eq!(view.zoom, 7);
        let seen = view.visible(&screen);
        assert!(seen.left <= -1000 && seen.right >= 1000, "{seen:?}");
        assert!(seen.top <= 100 && seen.bottom >= 105, "{seen:?}");
    }

    #[test]
    fn zooming_and_panning_keep_to_the_middle_and_to_the_zoom() {
        let screen = Viewport::new(10, 10, Density::Half);
        let mut view = PlaneView::default();
        view.centre_on(&screen, (0, 0));
        assert_eq!((view.top, view.left), (-10, -5));
        view.zoom_to(&screen, 3);
        assert_eq!(view.middle(&screen), (0, 0));
        assert_eq!((view.top, view.left), (-80, -40));
        // One line is two rows of dots, 16 cells at 2^3 a dot.
        view.pan(&screen, 1, -1);
        assert_eq!((view.top, view.left), (-64, -48));
        view.zoom_to(&screen, 99);
        assert_eq!(view.zoom, MAX_ZOOM);
    }

    #[test]
    fn areas_beyond_the_i32_range_are_cut_to_it() {
        let far = Area {
            top: i64::from(i32::MAX) + 1,
            left: 0,
            bottom: i64::from(i32::MAX) + 10,
            right: 5,
        };
        assert_eq!(far.to_rect(), None);
        let huge = Area {
            top: -(1 << 40),
            left: -(1 << 40),
            bottom: 1 << 40,
            right: 1 << 40,
        };
        let rect = huge.to_rect().expect("overlaps");
        assert_eq!((rect.top, rect.right), (i32::MIN, i32::MAX));
    }
}
