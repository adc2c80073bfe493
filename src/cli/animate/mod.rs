//! `corolife animate`, and `corolife [PATTERN]` in a terminal: the
//! animation loop.
//!
//! The loop waits for input with `crossterm::event::poll` until the next
//! frame is due, and while paused blocks on input with no timeout at all,
//! so a paused animation uses no CPU. Frames are drawn by
//! [`terminal::Screen`], which rewrites only the lines that changed.
//!
//! Every catchable signal that ends the process (SIGINT, SIGTERM, SIGHUP,
//! SIGQUIT, SIGUSR1, SIGUSR2) ends the loop, and the terminal is given
//! back before the process ends as signalled. SIGTSTP, and the Ctrl-Z key
//! (a key in raw mode), suspend it with the terminal given back; once
//! continued, it takes the terminal again and redraws the whole frame.
//!
//! For the integration tests only, the environment variable
//! `COROLIFE_TEST_FAULT` (`panic` or `error`) makes the key `!` panic or
//! fail, to check that the terminal is given back either way.

mod app;
mod history;
mod keys;
mod plane;
mod status;
mod terminal;

use std::io::{self, IsTerminal};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use corolife::load::{self, Source};
use corolife::{EngineKind, EngineOptions, Grid, Placement, Simulation, Size};
use crossterm::event;

use self::app::{App, Fault, Flow, Setup, Start};
use self::terminal::{Screen, Terminal};
use super::args::AnimateArgs;
use super::input;
use super::signals::{self, Signals, Watch};

/// The pattern animated when none is named.
pub const DEFAULT_PATTERN: &str = "gosper-gun";

/// How long the loop has to end by itself after a signal before the signal
/// watcher restores the terminal and ends the process: the loop looks at
/// the signal between two generations, but it can be stuck where it never
/// looks, such as crossterm reading a terminal that has hung up.
const SIGNAL_GRACE: Duration = Duration::from_secs(2);

/// `corolife animate`: the animation, which needs a terminal.
pub fn animate(args: &AnimateArgs) -> anyhow::Result<()> {
    if !io::stdout().is_terminal() {
        bail!(
            "corolife animate needs a terminal, and stdout is not one \
             (corolife run prints generations as text)"
        );
    }
    run_animation(args)
}

/// The animation in this terminal.
pub fn run_animation(args: &AnimateArgs) -> anyhow::Result<()> {
    let source = match &args.pattern {
        Some(argument) => input::load(argument)?,
        None => Source::built_in(DEFAULT_PATTERN)
            .with_context(|| format!("the built-in pattern {DEFAULT_PATTERN} is missing"))?,
    };
    let Source { pattern, label, .. } = source;
    // The status line shows the name escaped: it is the file's text.
    let name = corolife::escape::escape(pattern.name.as_deref().unwrap_or(&label)).into_owned();
    let rule = load::rule(args.rule.get_beside(args.pattern.as_deref())?, &pattern);
    let size = crossterm::terminal::size().context("cannot read the terminal's size")?;
    let options = EngineOptions {
        threads: args.threads.value,
        ..EngineOptions::default()
    };
    // A torus when one is asked for (--size, or a plain :T suffix);
    // otherwise the plane, or the Golly grid of the rule's suffix.
    let start = match load::torus_size(args.size.value, &rule) {
        Some(torus) => {
            let Size { rows, cols } = torus;
            load::check_memory(Size { rows, cols })?;
            let grid = Grid::from_pattern(&pattern, rows, cols, Placement::Centre)
                .context(name.clone())?;
            let chosen =
                args.engine
                    .unwrap_or_default()
                    .choose(rule, options, Size { rows, cols })?;
            Start::Torus {
                grid,
                engine: chosen.engine,
                label: chosen.description.to_string(),
            }
        }
        None => {
            let kind = args.engine.unwrap_or(EngineKind::Auto);
            let simulation =
                Simulation::build(&pattern, rule, kind, options).context(name.clone())?;
            Start::Simulation {
                pattern: Box::new(pattern),
                simulation,
                engine: args.engine,
                options,
            }
        }
    };
    let fault = match std::env::var("COROLIFE_TEST_FAULT").as_deref() {
        Ok("panic") => Some(Fault::Panic),
        Ok("error") => Some(Fault::Error),
        _ => None,
    };
    let mut app = App::new(Setup {
        name,
        start,
        rule,
        density: args.density,
        fps: args.fps,
        paused: args.paused,
        size,
        fault,
    });

    terminal::install_panic_hook();
    // The event source exists before the signal watcher may wake it.
    event::poll(Duration::ZERO).context("cannot read the terminal's input")?;
    // A signal ends the loop through the same path as `q`: the loop is
    // woken to see it even while it waits for a key, and a second signal,
    // or the grace running out, restores the terminal from the watcher and
    // ends the process.
    let signals = Signals::watch(Watch {
        wake_terminal: true,
        grace: Some(SIGNAL_GRACE),
        before_ending: terminal::restore,
        suspend: Some(terminal::suspend),
    })
    .context("cannot watch for signals")?;
    let signalled = {
        let _terminal = Terminal::enter().context("cannot take over the terminal")?;
        animation_loop(&mut app, &signals)?
    };
    if let Some(signal) = signalled {
        signals::end_as_signalled(signal);
    }
    Ok(())
}

/// Draws frames and handles input until a quitting key (`None`) or a
/// signal (`Some(signal)`).
fn animation_loop(app: &mut App, signals: &Signals) -> anyhow::Result<Option<i32>> {
    let mut screen = Screen::new();
    let mut next_frame = Instant::now();
    loop {
        if let Some(signal) = signals.received() {
            return Ok(Some(signal));
        }
        if signals.take_resumed() {
            // Back from a stop: the screen may show anything.
            screen.invalidate();
            app.mark_dirty();
        }
        if app.is_dirty() {
            let status = app.has_status();
            let frame = app.styled_frame();
            screen.draw(&frame, app.size(), status)?;
        }
        // Wait for input: while paused for as long as it takes, otherwise
        // until the next frame is due.
        let input = if app.is_paused() {
            true
        } else {
            event::poll(next_frame.saturating_duration_since(Instant::now()))?
        };
        if input {
            let was_paused = app.is_paused();
            let mut events = vec![event::read()?];
            while event::poll(Duration::ZERO)? {
                events.push(event::read()?);
            }
            if app.handle_all(events)? == Flow::Quit {
                return Ok(None);
            }
            if was_paused && !app.is_paused() {
                next_frame = Instant::now();
            }
        }
        let now = Instant::now();
        if !app.is_paused() && now >= next_frame {
            let period = app.frame_period();
            app.advance(now + period, || {
                signals.received().is_some() || event::poll(Duration::ZERO).unwrap_or(true)
            });
            // The next frame is one period after this one was due, unless
            // the frame ran late: then one period from now, without trying
            // to catch up.
            next_frame += period;
            if next_frame < now {
                next_frame = now + period;
            }
        }
    }
}
