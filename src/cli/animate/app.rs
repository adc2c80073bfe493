//! The animation's state and what each key and mouse action does to it.
//!
//! Nothing here touches the terminal: events come in, frames (lines of
//! text) go out, so that every control is unit-tested.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::bail;
use corolife::engine::hashlife::GenerationsLife;
use corolife::render::glyphs::{self, Density, Styled, Viewport};
use corolife::soup::SplitMix64;
use corolife::{
    Cell, Engine, EngineKind, EngineOptions, Grid, HashLife, Pattern, Rule, Simulation, State,
};
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::history::{self, History, Snapshot};
use super::keys::{self, Action};
use super::plane::{Area, MAX_SOUP_SIDE, PlaneView};
use super::status::{self, Status};

/// Speeds `+` and `-` step through: frames per second and generations per
/// frame. Past 60 frames per second, a frame shows several generations.
const SPEEDS: [(u32, u32); 14] = [
    (1, 1),
    (2, 1),
    (5, 1),
    (10, 1),
    (15, 1),
    (20, 1),
    (30, 1),
    (60, 1),
    (60, 2),
    (60, 4),
    (60, 8),
    (60, 16),
    (60, 32),
    (60, 64),
];

/// Past 64 generations a frame, the plane's steps go on doubling up to
/// 2^`MAX_STEP_POWER` a frame (at 60 frames per second).
const MAX_STEP_POWER: u32 = 30;

/// From this many generations a frame on, the plane runs on HashLife
/// (unless an engine was asked for by name), which takes a step of 2^k
/// generations at once.
const HASHLIFE_STEP: u32 = 1 << 8;

/// The population samples kept for the graph: more than a terminal is
/// wide.
const MAX_SAMPLES: usize = 1024;

/// How far back the measured rate looks.
const METER_WINDOW: Duration = Duration::from_secs(2);

/// A deliberate failure for the integration tests, which check that the
/// terminal is restored on a panic and on an error; `!` sets it off. Set by
/// the environment variable `COROLIFE_TEST_FAULT` (`panic` or `error`) and
/// by nothing else.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Fault {
    /// `!` panics.
    Panic,
    /// `!` returns an error.
    Error,
}

/// Whether the loop goes on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Flow {
    /// Keep animating.
    Continue,
    /// Give the terminal back and end.
    Quit,
}

/// Where the cells live at the start.
pub enum Start {
    /// A plain torus (`--size` or a `:T` suffix), stepped by an engine.
    Torus {
        /// Generation 0, already on its torus.
        grid: Grid,
        /// The engine that steps the grid.
        engine: Box<dyn Engine>,
        /// How the status line names the engine.
        label: String,
    },
    /// The unbounded plane, or one of Golly's other grids.
    Simulation {
        /// The pattern restarted from (`r`).
        pattern: Box<Pattern>,
        /// The pattern built, at its first generation.
        simulation: Simulation,
        /// The engine asked for by name, if any; otherwise the plane runs
        /// on HashLife at large steps.
        engine: Option<EngineKind>,
        /// What the simulation was built with, for building it again.
        options: EngineOptions,
    },
}

/// What the animation starts from.
pub struct Setup {
    /// The pattern's name, for the status line.
    pub name: String,
    /// The cells, and what steps them.
    pub start: Start,
    /// The rule, with its grid suffix, for the status line.
    pub rule: Rule,
    /// Cells per character at first.
    pub density: Density,
    /// Frames per second at first.
    pub fps: u32,
    /// Whether to start paused.
    pub paused: bool,
    /// The terminal's size: columns, rows.
    pub size: (u16, u16),
    /// The test-only failure `!` sets off.
    pub fault: Option<Fault>,
}

/// A mouse drag in progress: what the first click did, and where the
/// pointer was last.
struct Paint {
    alive: bool,
    at: (usize, usize),
}

/// Generations per second, measured over the last [`METER_WINDOW`].
struct Meter {
    samples: VecDeque<(Instant, u64)>,
}

impl Meter {
    fn record(&mut self, now: Instant, stepped: u64) {
        self.samples.push_back((now, stepped));
        while self
            .samples
            .front()
            .is_some_and(|(t, _)| now.duration_since(*t) > METER_WINDOW)
            && self.samples.len() > 2
        {
            self.samples.pop_front();
        }
    }

    fn rate(&self) -> Option<f64> {
        let (t0, g0) = self.samples.front()?;
        let (t1, g1) = self.samples.back()?;
        let seconds = t1.duration_since(*t0).as_secs_f64();
        (seconds > 0.0).then(|| (g1 - g0) as f64 / seconds)
    }

    fn reset(&mut self) {
        self.samples.clear();
    }
}

/// A torus and its engine.
struct Torus {
    start: Grid,
    grid: Grid,
    generation: u64,
    engine: Box<dyn Engine>,
    label: String,
}

/// A simulation on the plane or a Golly grid, and where the view looks.
struct Plane {
    start: Pattern,
    simulation: Simulation,
    asked: Option<EngineKind>,
    options: EngineOptions,
    /// Whether the animation switched it to HashLife for large steps.
    switched: bool,
    view: PlaneView,
}

impl Plane {
    /// The engine a rebuilt simulation runs on.
    fn kind(&self) -> EngineKind {
        if self.switched {
            EngineKind::HashLife
        } else {
            self.asked.unwrap_or_default()
        }
    }

    /// `pattern` built afresh under the simulation's rule, replacing it.
    fn rebuild(&mut self, pattern: &Pattern, kind: EngineKind) -> anyhow::Result<()> {
        let rule = *self.simulation.rule();
        self.simulation = Simulation::build(pattern, rule, kind, self.options)?;
        Ok(())
    }

    /// The live cells' box, in 64-bit coordinates.
    fn bounds(&self) -> Option<Area> {
        self.simulation.bounds().map(|b| Area {
            top: b.top,
            left: b.left,
            bottom: b.bottom,
            right: b.right,
        })
    }
}

/// The cells and what steps them.
enum World {
    Torus(Torus),
    Plane(Box<Plane>),
}

/// The animation.
pub struct App {
    pattern_name: String,
    name: String,
    world: World,
    stepped: u64,
    rule: Rule,
    /// The screen: lines, columns and density (on a torus also where it
    /// looks).
    view: Viewport,
    /// Whether the view follows the pattern (the plane and Golly's grids).
    tracking: bool,
    history: History,
    /// The population after each frame, newest last.
    samples: VecDeque<u64>,
    graph: bool,
    /// A passing message for the status line, gone at the next key.
    notice: Option<String>,
    size: (u16, u16),
    paused: bool,
    speed: (u32, u32),
    help: bool,
    meter: Meter,
    paint: Option<Paint>,
    fault: Option<Fault>,
    /// Where the soups come from, seeded from the clock and process id.
    random: SplitMix64,
    dirty: bool,
}

impl App {
    /// The animation at generation 0, its view centred on the torus.
    pub fn new(setup: Setup) -> App {
        let seed = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64)
            ^ u64::from(std::process::id()).rotate_left(32);
        let (world, tracking) = match setup.start {
            Start::Torus {
                grid,
                engine,
                label,
            } => (
                World::Torus(Torus {
                    start: grid.clone(),
                    grid,
                    generation: 0,
                    engine,
                    label,
                }),
                false,
            ),
            Start::Simulation {
                pattern,
                simulation,
                engine,
                options,
            } => {
                // Following the pattern is what the unbounded plane needs
                // most; a bounded grid stays put.
                let tracking = simulation.topology().is_plane();
                let plane = Plane {
                    start: *pattern,
                    simulation,
                    asked: engine,
                    options,
                    switched: false,
                    view: PlaneView::default(),
                };
                (World::Plane(Box::new(plane)), tracking)
            }
        };
        let mut app = App {
            name: setup.name.clone(),
            pattern_name: setup.name,
            world,
            stepped: 0,
            rule: setup.rule,
            view: Viewport::new(1, 1, setup.density),
            tracking,
            history: History::new(history::MAX_FRAMES, history::MAX_BYTES),
            samples: VecDeque::new(),
            graph: false,
            notice: None,
            size: setup.size,
            paused: setup.paused,
            speed: (setup.fps, 1),
            help: false,
            meter: Meter {
                samples: VecDeque::new(),
            },
            paint: None,
            fault: setup.fault,
            random: SplitMix64::new(seed),
            dirty: true,
        };
        app.resize(setup.size);
        match &app.world {
            World::Torus(torus) => {
                let (rows, cols) = (torus.grid.rows(), torus.grid.cols());
                app.view.centre(rows, cols);
            }
            World::Plane(_) => app.fit(),
        }
        app.sample();
        app
    }

    /// Whether the animation is paused.
    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// The time between frames.
    pub fn frame_period(&self) -> Duration {
        Duration::from_secs(1) / self.speed.0.max(1)
    }

    /// Makes the next frame be drawn, as after a change.
    pub fn mark_dirty(&mut self) {
        self.dirty = true;
    }

    /// Whether something changed since the last [`frame`](App::frame).
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// The terminal's size the frame is made for: columns, rows.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Handles a batch of events, in order; of several resizes only the last
    /// counts (a window being dragged sends a burst of them).
    pub fn handle_all(&mut self, events: Vec<Event>) -> anyhow::Result<Flow> {
        let mut resized = None;
        for event in events {
            match event {
                Event::Resize(columns, rows) => resized = Some((columns, rows)),
                other => {
                    if self.handle(other)? == Flow::Quit {
                        return Ok(Flow::Quit);
                    }
                }
            }
        }
        if let Some(size) = resized {
            self.resize(size);
        }
        Ok(Flow::Continue)
    }

    /// Handles one event.
    pub fn handle(&mut self, event: Event) -> anyhow::Result<Flow> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.key(key),
            Event::Mouse(mouse) => {
                self.mouse(mouse);
                Ok(Flow::Continue)
            }
            Event::Resize(columns, rows) => {
                self.resize((columns, rows));
                Ok(Flow::Continue)
            }
            _ => Ok(Flow::Continue),
        }
    }

    fn key(&mut self, key: KeyEvent) -> anyhow::Result<Flow> {
        // The test-only fault key is not in the table, so that the help
        // overlay never shows it.
        if key.code == KeyCode::Char('!') && !key.modifiers.contains(KeyModifiers::CONTROL) {
            return match self.fault {
                Some(Fault::Panic) => panic!("a panic asked for by COROLIFE_TEST_FAULT"),
                Some(Fault::Error) => bail!("an error asked for by COROLIFE_TEST_FAULT"),
                None => Ok(Flow::Continue),
            };
        }
        let Some(action) = keys::action(&key) else {
            return Ok(Flow::Continue);
        };
        self.notice = None;
        match action {
            Action::Quit => return Ok(Flow::Quit),
            Action::Pause => self.set_paused(!self.paused),
            Action::Step => {
                self.set_paused(true);
                self.remember();
                self.run(1, None, &mut || false);
                self.after_frame();
            }
            Action::Back => {
                self.set_paused(true);
                self.back();
            }
            Action::Faster => self.faster(),
            Action::Slower => self.slower(),
            Action::Pan { lines, columns } => match &mut self.world {
                World::Torus(torus) => {
                    let (rows, cols) = (torus.grid.rows(), torus.grid.cols());
                    self.view.pan(rows, cols, lines, columns);
                }
                World::Plane(plane) => {
                    plane.view.pan(&self.view, lines, columns);
                    self.tracking = false;
                }
            },
            Action::Density => {
                let density = self.view.density.next();
                self.reshape(self.view.lines, self.view.columns, density);
            }
            Action::ZoomOut | Action::ZoomIn => match &mut self.world {
                World::Torus(_) => self.torus_only("zoom"),
                World::Plane(plane) => {
                    let zoom = if action == Action::ZoomOut {
                        plane.view.zoom + 1
                    } else {
                        plane.view.zoom.saturating_sub(1)
                    };
                    plane.view.zoom_to(&self.view, zoom);
                }
            },
            Action::Fit => match &self.world {
                World::Torus(_) => self.torus_only("fitting"),
                World::Plane(_) => self.fit(),
            },
            Action::Track => match &self.world {
                World::Torus(_) => self.torus_only("tracking"),
                World::Plane(_) => {
                    self.tracking = !self.tracking;
                    self.track();
                }
            },
            Action::Graph => {
                self.graph = !self.graph;
                self.resize(self.size);
            }
            Action::Restart => {
                if let Err(error) = self.restart() {
                    self.failed(&error);
                }
                self.name.clone_from(&self.pattern_name);
                self.restart_count();
            }
            Action::Clear => {
                if let Err(error) = self.clear() {
                    self.failed(&error);
                }
                "empty".clone_into(&mut self.name);
                self.restart_count();
                self.set_paused(true);
            }
            Action::Soup => {
                if let Err(error) = self.soup() {
                    self.failed(&error);
                }
                "random soup".clone_into(&mut self.name);
                self.restart_count();
            }
            Action::Help => self.help = !self.help,
            // In raw mode Ctrl-Z is a key, not SIGTSTP: raised here, it is
            // handled as the signal from outside would be (unless it is
            // ignored).
            Action::Suspend => crate::cli::signals::suspend_self(),
        }
        self.dirty = true;
        Ok(Flow::Continue)
    }

    /// Says on the status line that `what` needs the plane or a Golly grid.
    fn torus_only(&mut self, what: &str) {
        self.notice = Some(format!("no {what} on a torus (run without --size)"));
    }

    /// Pauses, with what went wrong on the status line.
    fn failed(&mut self, error: &anyhow::Error) {
        self.notice = Some(format!("{error:#}"));
        self.set_paused(true);
    }

    fn set_paused(&mut self, paused: bool) {
        self.paused = paused;
        self.meter.reset();
        if !paused {
            self.meter.record(Instant::now(), self.stepped);
        }
        self.dirty = true;
    }

    /// A fresh start: no history, no population samples but the one now,
    /// the rate measured anew.
    fn restart_count(&mut self) {
        if let World::Torus(torus) = &mut self.world {
            torus.generation = 0;
        }
        self.history.clear();
        self.samples.clear();
        self.sample();
        self.track();
        self.meter.reset();
        if !self.paused {
            self.meter.record(Instant::now(), self.stepped);
        }
    }

    /// The speeds `+` and `-` step through: on a torus up to 64
    /// generations a frame, elsewhere on to 2^[`MAX_STEP_POWER`].
    fn speeds(&self) -> Vec<(u32, u32)> {
        let mut speeds = SPEEDS.to_vec();
        if let World::Plane(_) = self.world {
            speeds.extend((7..=MAX_STEP_POWER).map(|k| (60, 1 << k)));
        }
        speeds
    }

    fn faster(&mut self) {
        let rate = u64::from(self.speed.0) * u64::from(self.speed.1);
        if let Some(&next) = self
            .speeds()
            .iter()
            .find(|(f, g)| u64::from(*f) * u64::from(*g) > rate)
        {
            self.speed = next;
        }
        self.retune();
    }

    fn slower(&mut self) {
        let rate = u64::from(self.speed.0) * u64::from(self.speed.1);
        if let Some(&next) = self
            .speeds()
            .iter()
            .rev()
            .find(|(f, g)| u64::from(*f) * u64::from(*g) < rate)
        {
            self.speed = next;
        }
        self.retune();
    }

    /// Switches the plane to HashLife for large steps, and back below
    /// them, unless an engine was asked for by name; the cells and the
    /// generation carry over.
    fn retune(&mut self) {
        let large = self.speed.1 >= HASHLIFE_STEP;
        let World::Plane(plane) = &mut self.world else {
            return;
        };
        let free = plane.asked.is_none_or(|kind| kind == EngineKind::Auto);
        // Two-state rules on HashLife, Generations rules on its multistate
        // form.
        let can = plane.simulation.topology().is_plane()
            && (HashLife::supports(&self.rule).is_ok()
                || GenerationsLife::supports(&self.rule).is_ok());
        let wanted = large && free && can;
        if wanted == plane.switched || (wanted && plane.simulation.engine() == "hashlife") {
            return;
        }
        let pattern = plane.simulation.pattern();
        let kind = if wanted {
            EngineKind::HashLife
        } else {
            plane.asked.unwrap_or_default()
        };
        match plane.rebuild(&pattern, kind) {
            Ok(()) => plane.switched = wanted,
            Err(error) => self.failed(&error),
        }
    }

    /// Back to the pattern at its first generation.
    fn restart(&mut self) -> anyhow::Result<()> {
        match &mut self.world {
            World::Torus(torus) => torus.grid.clone_from(&torus.start),
            World::Plane(plane) => {
                let start = plane.start.clone();
                plane.rebuild(&start, plane.kind())?;
            }
        }
        Ok(())
    }

    /// No live cells, at generation 0.
    fn clear(&mut self) -> anyhow::Result<()> {
        match &mut self.world {
            World::Torus(torus) => torus.grid.clear(),
            World::Plane(plane) => plane.rebuild(&Pattern::default(), plane.kind())?,
        }
        Ok(())
    }

    /// A soup: every cell alive with probability ½, over the whole torus,
    /// or over the visible area of the plane (at most [`MAX_SOUP_SIDE`]
    /// cells along each side, around the middle) and within a Golly grid.
    fn soup(&mut self) -> anyhow::Result<()> {
        let random = &mut self.random;
        match &mut self.world {
            World::Torus(torus) => {
                for chunk in torus.grid.cells_mut().chunks_mut(64) {
                    let mut bits = random.next_u64();
                    for cell in chunk {
                        *cell = State::from(bits & 1 == 1);
                        bits >>= 1;
                    }
                }
            }
            World::Plane(plane) => {
                let mut area = plane.view.visible(&self.view);
                let (y, x) = plane.view.middle(&self.view);
                let half = MAX_SOUP_SIDE / 2;
                area = area
                    .intersect(Area {
                        top: y.saturating_sub(half),
                        left: x.saturating_sub(half),
                        bottom: y.saturating_add(half - 1),
                        right: x.saturating_add(half - 1),
                    })
                    .unwrap_or(area);
                let finite = plane.simulation.topology().is_finite();
                if let Some(extent) = plane.simulation.extent().filter(|_| finite) {
                    area = area.intersect(Area::of(extent)).unwrap_or(Area {
                        top: 0,
                        left: 0,
                        bottom: -1,
                        right: -1,
                    });
                }
                let mut cells = Vec::new();
                if let Some(rect) = area.to_rect() {
                    for y in rect.top..=rect.bottom {
                        let mut bits = 0;
                        for (i, x) in (rect.left..=rect.right).enumerate() {
                            if i % 64 == 0 {
                                bits = random.next_u64();
                            }
                            if bits & 1 == 1 {
                                cells.push(Cell::alive(y, x));
                            }
                            bits >>= 1;
                        }
                    }
                }
                let mut pattern = Pattern::from_cells(cells);
                pattern.positioned = true;
                plane.rebuild(&pattern, plane.kind())?;
            }
        }
        Ok(())
    }

    /// Keeps the frame shown now in the history, if it fits under the
    /// cap; if not, the history is cleared, since `b` would skip it.
    fn remember(&mut self) {
        let snapshot = match &self.world {
            World::Torus(torus) => {
                if !self.history.fits(torus.grid.population() as u64) {
                    self.history.clear();
                    return;
                }
                let cols = torus.grid.cols();
                let cells = torus
                    .grid
                    .cells()
                    .iter()
                    .enumerate()
                    .filter(|(_, state)| !state.is_empty())
                    .map(|(i, &state)| Cell {
                        y: (i / cols) as i32,
                        x: (i % cols) as i32,
                        state,
                    })
                    .collect();
                Snapshot {
                    generation: torus.generation,
                    cells,
                }
            }
            World::Plane(plane) => {
                let simulation = &plane.simulation;
                let listed = plane
                    .bounds()
                    .is_none_or(|b| b.to_rect().map(Area::of) == Some(b));
                if !listed || !self.history.fits(simulation.population()) {
                    self.history.clear();
                    return;
                }
                let cells = match simulation.bounding_box() {
                    Some(rect) => simulation.cells_in(rect),
                    None => Vec::new(),
                };
                Snapshot {
                    generation: simulation.generation(),
                    cells,
                }
            }
        };
        self.history.push(snapshot);
    }

    /// Back to the newest frame in the history, or a notice that there is
    /// none.
    fn back(&mut self) {
        let Some(snapshot) = self.history.pop() else {
            self.notice = Some("no history left".to_owned());
            return;
        };
        match &mut self.world {
            World::Torus(torus) => {
                torus.grid.clear();
                for cell in &snapshot.cells {
                    torus.grid.assign(cell.y, cell.x, cell.state);
                }
                torus.generation = snapshot.generation;
            }
            World::Plane(plane) => {
                let mut pattern = Pattern::from_cells(snapshot.cells);
                pattern.positioned = true;
                pattern.generation = snapshot.generation;
                if let Err(error) = plane.rebuild(&pattern, plane.kind()) {
                    self.failed(&error);
                    return;
                }
            }
        }
        self.samples.pop_back();
        self.track();
        self.dirty = true;
    }

    /// The view showing the whole pattern (or a Golly grid's whole extent
    /// when it is empty), as large as it fits.
    fn fit(&mut self) {
        if let World::Plane(plane) = &mut self.world {
            let area = plane
                .bounds()
                .or_else(|| plane.simulation.extent().map(Area::of))
                .unwrap_or(Area {
                    top: 0,
                    left: 0,
                    bottom: 0,
                    right: 0,
                });
            plane.view = PlaneView::fitting(&self.view, area);
        }
    }

    /// With tracking on, centres the view on the live cells' box.
    fn track(&mut self) {
        if !self.tracking {
            return;
        }
        if let World::Plane(plane) = &mut self.world
            && let Some(bounds) = plane.bounds()
        {
            plane.view.centre_on(&self.view, bounds.middle());
        }
    }

    /// Records the population for the graph.
    fn sample(&mut self) {
        if self.samples.len() == MAX_SAMPLES {
            self.samples.pop_front();
        }
        self.samples.push_back(self.population());
    }

    fn population(&self) -> u64 {
        match &self.world {
            World::Torus(torus) => torus.grid.population() as u64,
            World::Plane(plane) => plane.simulation.population(),
        }
    }

    fn generation(&self) -> u64 {
        match &self.world {
            World::Torus(torus) => torus.generation,
            World::Plane(plane) => plane.simulation.generation(),
        }
    }

    fn mouse(&mut self, mouse: MouseEvent) {
        let at = (usize::from(mouse.row), usize::from(mouse.column));
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) if self.paused => {
                let cells = self.cells_under(at);
                if cells.is_empty() {
                    return;
                }
                let alive = cells.iter().all(|&(y, x)| self.cell(y, x).is_empty());
                self.paint_cells(&cells, alive);
                self.paint = Some(Paint { alive, at });
            }
            MouseEventKind::Drag(MouseButton::Left) if self.paused => {
                let Some(Paint { alive, at: from }) = self.paint.take() else {
                    return;
                };
                for point in line(from, at).into_iter().skip(1) {
                    let cells = self.cells_under(point);
                    self.paint_cells(&cells, alive);
                }
                self.paint = Some(Paint { alive, at });
            }
            MouseEventKind::Up(_) => self.paint = None,
            _ => {}
        }
    }

    /// The cells under the character at `line`, `column`: none past the
    /// grid, and none zoomed out, where a character is too many cells to
    /// edit.
    fn cells_under(&mut self, (line, column): (usize, usize)) -> Vec<(i32, i32)> {
        match &self.world {
            World::Torus(torus) => self
                .view
                .cells_under(torus.grid.rows(), torus.grid.cols(), line, column)
                .into_iter()
                .map(|(y, x)| (y as i32, x as i32))
                .collect(),
            World::Plane(plane) => {
                if line >= self.view.lines || column >= self.view.columns {
                    return Vec::new();
                }
                if plane.view.zoom > 0 {
                    self.notice = Some("zoom in to 1:1 to edit cells".to_owned());
                    self.dirty = true;
                    return Vec::new();
                }
                let density = self.view.density;
                let (rows, cols) = (density.rows_per_char(), density.cols_per_char());
                let mut cells = Vec::new();
                for dy in 0..rows {
                    for dx in 0..cols {
                        let (y, x) = plane.view.cell_at((line * rows + dy, column * cols + dx));
                        if let (Ok(y), Ok(x)) = (i32::try_from(y), i32::try_from(x)) {
                            cells.push((y, x));
                        }
                    }
                }
                cells
            }
        }
    }

    fn cell(&self, y: i32, x: i32) -> State {
        match &self.world {
            World::Torus(torus) => torus.grid.query(y, x),
            World::Plane(plane) => plane.simulation.get(y, x),
        }
    }

    fn paint_cells(&mut self, cells: &[(i32, i32)], alive: bool) {
        for &(y, x) in cells {
            match &mut self.world {
                World::Torus(torus) => torus.grid.assign(y, x, State::from(alive)),
                World::Plane(plane) => plane.simulation.set(y, x, State::from(alive)),
            }
        }
        if !cells.is_empty() {
            self.dirty = true;
        }
    }

    /// Fits the view to a terminal of `size` (columns, rows), keeping the
    /// middle of what was shown in the middle: the last line is the
    /// status line, the one above it the population graph when shown,
    /// every other line shows the cells. The cells are untouched.
    pub fn resize(&mut self, size: (u16, u16)) {
        self.size = size;
        let (columns, rows) = (usize::from(size.0), usize::from(size.1));
        let lines = if rows >= 2 { rows - 1 } else { rows };
        let lines = if self.has_graph() { lines - 1 } else { lines };
        self.reshape(lines, columns, self.view.density);
        self.dirty = true;
    }

    /// Changes the screen's lines, columns and density, keeping the middle
    /// of the view where it was.
    fn reshape(&mut self, lines: usize, columns: usize, density: Density) {
        match &mut self.world {
            World::Torus(torus) => {
                let (rows, cols) = (torus.grid.rows(), torus.grid.cols());
                self.view.reshape(rows, cols, lines, columns, density);
            }
            World::Plane(plane) => {
                let middle = plane.view.middle(&self.view);
                (self.view.lines, self.view.columns, self.view.density) = (lines, columns, density);
                plane.view.centre_on(&self.view, middle);
            }
        }
    }

    /// Runs up to `generations` generations: on HashLife at once, otherwise
    /// one at a time, stopping early once `deadline` has passed or
    /// `interrupted` says that input is waiting. A failure (HashLife out of
    /// memory) pauses, with the reason on the status line.
    fn run(
        &mut self,
        generations: u32,
        deadline: Option<Instant>,
        interrupted: &mut dyn FnMut() -> bool,
    ) {
        let stop = |done: u32, interrupted: &mut dyn FnMut() -> bool| {
            done > 0 && (deadline.is_some_and(|d| Instant::now() >= d) || interrupted())
        };
        let mut done = 0;
        match &mut self.world {
            World::Torus(torus) => {
                while done < generations && !stop(done, interrupted) {
                    torus.engine.step(&mut torus.grid);
                    torus.generation += 1;
                    done += 1;
                }
            }
            World::Plane(plane) => {
                let at_once = plane.simulation.engine() == "hashlife";
                let mut failure = None;
                while done < generations && !stop(done, interrupted) {
                    let piece = if at_once { generations } else { 1 };
                    if let Err(error) = plane.simulation.run(u64::from(piece)) {
                        failure = Some(anyhow::Error::from(error));
                        break;
                    }
                    done += piece;
                }
                if let Some(error) = failure {
                    self.failed(&error);
                }
            }
        }
        self.stepped += u64::from(done);
        self.dirty = true;
    }

    /// After the generations of a frame: the population sampled, the view
    /// following the pattern.
    fn after_frame(&mut self) {
        self.sample();
        self.track();
    }

    /// Runs one frame's generations, stopping early once `deadline` has
    /// passed or `interrupted` says that input is waiting, so that the
    /// keys stay responsive however slow a generation is. The frame shown
    /// before goes into the history.
    pub fn advance(&mut self, deadline: Instant, mut interrupted: impl FnMut() -> bool) {
        self.remember();
        self.run(self.speed.1, Some(deadline), &mut interrupted);
        self.after_frame();
        self.meter.record(Instant::now(), self.stepped);
    }

    /// What the cells part of the frame draws: a grid and the viewport
    /// onto it. On a torus its own grid; elsewhere the live cells the
    /// screen covers, binned into one cell a dot.
    fn picture(&self) -> Option<(Cow<'_, Grid>, Viewport)> {
        match &self.world {
            World::Torus(torus) => Some((Cow::Borrowed(&torus.grid), self.view)),
            World::Plane(plane) => {
                let dots = plane.view.draw(&self.view, &plane.simulation).ok()?;
                let screen = Viewport::new(self.view.lines, self.view.columns, self.view.density);
                Some((Cow::Owned(dots), screen))
            }
        }
    }

    /// The frame: the cells' lines, the population graph if shown, then
    /// the status line when the terminal has room for it, every line as
    /// wide as the terminal.
    pub fn frame(&mut self) -> Vec<String> {
        let picture = self.picture();
        let lines = picture
            .as_ref()
            .map(|(grid, view)| glyphs::frame(grid, view));
        drop(picture);
        self.compose(lines)
    }

    /// The frame around the cells' `lines` (blank if none).
    fn compose(&mut self, lines: Option<Vec<String>>) -> Vec<String> {
        self.dirty = false;
        let width = usize::from(self.size.0);
        let mut lines =
            lines.unwrap_or_else(|| vec![" ".repeat(self.view.columns); self.view.lines]);
        if self.help {
            keys::overlay(&mut lines, &keys::help());
        }
        if self.has_graph() {
            let samples: Vec<u64> = self.samples.iter().copied().collect();
            lines.push(status::sparkline(&samples, width));
        }
        if self.has_status() {
            let (world, zoom, engine) = match &self.world {
                World::Torus(torus) => (
                    format!("{}x{}", torus.grid.rows(), torus.grid.cols()),
                    None,
                    torus.label.as_str(),
                ),
                World::Plane(plane) => {
                    let topology = plane.simulation.topology();
                    let world = if topology.is_plane() {
                        "plane".to_owned()
                    } else {
                        format!("grid {}", topology.to_string().trim_start_matches(':'))
                    };
                    (world, Some(plane.view.zoom), plane.simulation.engine())
                }
            };
            let status = Status {
                name: &self.name,
                rule: &self.rule,
                world: &world,
                zoom,
                tracking: self.tracking,
                notice: self.notice.as_deref(),
                generation: self.generation(),
                population: self.population(),
                paused: self.paused,
                fps: self.speed.0,
                gens_per_frame: self.speed.1,
                measured: if self.paused { None } else { self.meter.rate() },
                engine,
                density: self.view.density,
            };
            lines.push(status.line(width));
        }
        lines
    }

    /// The frame as lines of spans: in colour for rules of more than two
    /// states (the cells' lines from [`glyphs::coloured_frame`], the help
    /// panel, graph and status line plain), otherwise [`frame`](App::frame)'s
    /// lines as they are.
    pub fn styled_frame(&mut self) -> Vec<Vec<Styled>> {
        let states = self.rule.states();
        if states <= 2 {
            return self
                .frame()
                .into_iter()
                .map(|line| vec![Styled::plain(line)])
                .collect();
        }
        let picture = self.picture();
        let drawn = picture.as_ref().map(|(grid, view)| {
            (
                glyphs::frame(grid, view),
                match self.rule.named_rule() {
                    Some(named) => glyphs::coloured_frame_in(grid, view, |state| {
                        let colour = named.colours().get(usize::from(state.value()));
                        colour.copied().filter(|_| !state.is_empty())
                    }),
                    None => glyphs::coloured_frame(grid, view, states),
                },
            )
        });
        drop(picture);
        let (plain, coloured) = drawn.unzip();
        let lines = self.compose(plain.clone());
        let plain = plain.unwrap_or_default();
        let coloured = coloured.unwrap_or_default();
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| match (plain.get(i), coloured.get(i)) {
                // A line of cells the help panel did not cover.
                (Some(cells_line), Some(spans)) if *cells_line == line => spans.clone(),
                _ => vec![Styled::plain(line)],
            })
            .collect()
    }

    /// Whether the last line of the frame is the status line.
    pub fn has_status(&self) -> bool {
        self.size.1 >= 2
    }

    /// Whether the line above the status line is the population graph.
    fn has_graph(&self) -> bool {
        self.graph && self.size.1 >= 3
    }
}

/// The character positions on the straight line from `from` to `to`, both
/// included (Bresenham's), so that a fast drag leaves no gaps.
fn line(from: (usize, usize), to: (usize, usize)) -> Vec<(usize, usize)> {
    let (mut y, mut x) = (from.0 as i64, from.1 as i64);
    let (y1, x1) = (to.0 as i64, to.1 as i64);
    let (dy, dx) = (-(y1 - y).abs(), (x1 - x).abs());
    let (sy, sx) = ((y1 - y).signum(), (x1 - x).signum());
    let mut error = dx + dy;
    let mut points = Vec::new();
    loop {
        points.push((y as usize, x as usize));
        if (y, x) == (y1, x1) {
            return points;
        }
        let twice = 2 * error;
        if twice >= dy {
            error += dy;
            x += sx;
        }
        if twice <= dx {
            error += dx;
            y += sy;
        }
    }
}

#[cfg(test)]
mod tests;
