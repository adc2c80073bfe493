//! A progress bar on stderr for long runs, counting generations.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before its progress bar appears.
const PROGRESS_DELAY: Duration = Duration::from_millis(500);

/// A progress bar on stderr, counting generations. It appears only when
/// stderr is a terminal and the work has taken more than half a second,
/// so quick runs print nothing.
pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    shown: bool,
    terminal: bool,
}

impl Progress {
    /// A bar for `generations` generations, labelled `message`.
    pub fn new(generations: u64, message: String) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(generations), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{msg} [{bar:30}] generation {pos}/{len} ({eta} left)")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(message);
        Progress {
            bar,
            started: Instant::now(),
            shown: false,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// Whether the bar would ever be drawn: stderr is a terminal.
    pub fn visible(&self) -> bool {
        self.terminal
    }

    /// `generations` more done.
    pub fn advance(&mut self, generations: u64) {
        self.bar.inc(generations);
        if !self.shown && self.terminal && self.started.elapsed() >= PROGRESS_DELAY {
            self.shown = true;
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
