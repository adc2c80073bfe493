//! The animation's state and what each key and mouse action does to it.
//!
//! Nothing here touches the terminal: events come in, frames (lines of
//! text) go out, so that every control is unit-tested.

use std::collections::VecDeque;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::bail;
use corolife::render::glyphs::{self, Density, Styled, Viewport};
use corolife::soup::SplitMix64;
use corolife::{Engine, Grid, Rule, State};
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::keys::{self, Action};
use super::status::Status;

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

/// What the animation starts from.
pub struct Setup {
    /// The pattern's name, for the status line.
    pub name: String,
    /// Generation 0, already on its torus.
    pub start: Grid,
    /// The rule, for the status line (the engine has its own copy).
    pub rule: Rule,
    /// The engine that steps the grid.
    pub engine: Box<dyn Engine>,
    /// How the status line names the engine.
    pub engine_label: String,
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

/// The animation.
pub struct App {
    pattern_name: String,
    name: String,
    start: Grid,
    grid: Grid,
    generation: u64,
    stepped: u64,
    rule: Rule,
    engine: Box<dyn Engine>,
    engine_label: String,
    view: Viewport,
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
        let mut app = App {
            name: setup.name.clone(),
            pattern_name: setup.name,
            grid: setup.start.clone(),
            start: setup.start,
            generation: 0,
            stepped: 0,
            rule: setup.rule,
            engine: setup.engine,
            engine_label: setup.engine_label,
            view: Viewport::new(1, 1, setup.density),
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
        let (rows, cols) = (app.grid.rows(), app.grid.cols());
        app.view.centre(rows, cols);
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
        let (rows, cols) = (self.grid.rows(), self.grid.cols());
        match action {
            Action::Quit => return Ok(Flow::Quit),
            Action::Pause => self.set_paused(!self.paused),
            Action::Step => {
                self.set_paused(true);
                self.step();
            }
            Action::Faster => self.faster(),
            Action::Slower => self.slower(),
            Action::Pan { lines, columns } => self.view.pan(rows, cols, lines, columns),
            Action::Density => {
                let view = self.view;
                self.view
                    .reshape(rows, cols, view.lines, view.columns, view.density.next());
            }
            Action::Restart => {
                self.grid.clone_from(&self.start);
                self.name.clone_from(&self.pattern_name);
                self.restart_count();
            }
            Action::Clear => {
                self.grid.clear();
                "empty".clone_into(&mut self.name);
                self.restart_count();
                self.set_paused(true);
            }
            Action::Soup => {
                self.soup();
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

    fn set_paused(&mut self, paused: bool) {
        self.paused = paused;
        self.meter.reset();
        if !paused {
            self.meter.record(Instant::now(), self.stepped);
        }
        self.dirty = true;
    }

    fn restart_count(&mut self) {
        self.generation = 0;
        self.meter.reset();
        if !self.paused {
            self.meter.record(Instant::now(), self.stepped);
        }
    }

    fn faster(&mut self) {
        let rate = self.speed.0 * self.speed.1;
        if let Some(&next) = SPEEDS.iter().find(|(f, g)| f * g > rate) {
            self.speed = next;
        }
    }

    fn slower(&mut self) {
        let rate = self.speed.0 * self.speed.1;
        if let Some(&next) = SPEEDS.iter().rev().find(|(f, g)| f * g < rate) {
            self.speed = next;
        }
    }

    /// Fills the torus with a soup: every cell alive with probability ½.
    fn soup(&mut self) {
        for chunk in self.grid.cells_mut().chunks_mut(64) {
            let mut bits = self.random.next_u64();
            for cell in chunk {
                *cell = State::from(bits & 1 == 1);
                bits >>= 1;
            }
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

    fn cells_under(&self, (line, column): (usize, usize)) -> Vec<(usize, usize)> {
        self.view
            .cells_under(self.grid.rows(), self.grid.cols(), line, column)
    }

    fn cell(&self, y: usize, x: usize) -> State {
        self.grid.cells()[y * self.grid.cols() + x]
    }

    fn paint_cells(&mut self, cells: &[(usize, usize)], alive: bool) {
        let cols = self.grid.cols();
        for &(y, x) in cells {
            self.grid.cells_mut()[y * cols + x] = State::from(alive);
        }
        if !cells.is_empty() {
            self.dirty = true;
        }
    }

    /// Fits the view to a terminal of `size` (columns, rows), keeping the
    /// middle of what was shown in the middle: every line but the last
    /// shows the grid, the last is the status line. The grid is untouched.
    pub fn resize(&mut self, size: (u16, u16)) {
        self.size = size;
        let (columns, rows) = (usize::from(size.0), usize::from(size.1));
        let lines = if rows >= 2 { rows - 1 } else { rows };
        let density = self.view.density;
        self.view
            .reshape(self.grid.rows(), self.grid.cols(), lines, columns, density);
        self.dirty = true;
    }

    fn step(&mut self) {
        self.engine.step(&mut self.grid);
        self.generation += 1;
        self.stepped += 1;
        self.dirty = true;
    }

    /// Runs one frame's generations, stopping early once `deadline` has
    /// passed or `interrupted` says that input is waiting, so that the
    /// keys stay responsive however slow a generation is.
    pub fn advance(&mut self, deadline: Instant, mut interrupted: impl FnMut() -> bool) {
        for done in 0..self.speed.1 {
            if done > 0 && (Instant::now() >= deadline || interrupted()) {
                break;
            }
            self.step();
        }
        self.meter.record(Instant::now(), self.stepped);
    }

    /// The frame: the grid's lines, then the status line when the terminal
    /// has room for it, every line as wide as the terminal.
    pub fn frame(&mut self) -> Vec<String> {
        self.dirty = false;
        let mut lines = glyphs::frame(&self.grid, &self.view);
        if self.help {
            keys::overlay(&mut lines, &keys::help());
        }
        if self.has_status() {
            let status = Status {
                name: &self.name,
                rule: &self.rule,
                rows: self.grid.rows(),
                cols: self.grid.cols(),
                generation: self.generation,
                population: self.grid.population(),
                paused: self.paused,
                fps: self.speed.0,
                gens_per_frame: self.speed.1,
                measured: if self.paused { None } else { self.meter.rate() },
                engine: &self.engine_label,
                density: self.view.density,
            };
            lines.push(status.line(usize::from(self.size.0)));
        }
        lines
    }

    /// The frame as lines of spans: in colour for rules of more than two
    /// states (the grid's lines from [`glyphs::coloured_frame`], the help
    /// panel and status line plain), otherwise [`frame`](App::frame)'s
    /// lines as they are.
    pub fn styled_frame(&mut self) -> Vec<Vec<Styled>> {
        let lines = self.frame();
        let states = self.rule.states();
        if states <= 2 {
            return lines
                .into_iter()
                .map(|line| vec![Styled::plain(line)])
                .collect();
        }
        let plain = glyphs::frame(&self.grid, &self.view);
        let coloured = glyphs::coloured_frame(&self.grid, &self.view, states);
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| match (plain.get(i), coloured.get(i)) {
                // A grid line the help panel did not cover.
                (Some(grid_line), Some(spans)) if *grid_line == line => spans.clone(),
                _ => vec![Styled::plain(line)],
            })
            .collect()
    }

    /// Whether the last line of the frame is the status line.
    pub fn has_status(&self) -> bool {
        self.size.1 >= 2
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
