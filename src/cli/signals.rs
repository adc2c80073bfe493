//! SIGINT, SIGTERM and SIGHUP from outside, watched the same way by
//! `corolife render` and the terminal animation.
//!
//! Once [`Signals::watch`] has started, these signals no longer end the
//! process at once. The first one is recorded; the program looks at it
//! between two steps, ends through its own path (the render removes its
//! temporary file, the animation gives the terminal back) and then ends
//! as the signal would have, with [`end_as_signalled`]. A second signal
//! ends the process straight away, after [`Watch::before_ending`].

use std::time::Duration;

/// What the watcher does besides recording the first signal.
#[derive(Clone, Copy, Debug)]
pub struct Watch {
    /// Whether to wake the terminal's event poll after the first signal, so
    /// that a loop waiting for a key sees the signal.
    pub wake_terminal: bool,
    /// How long the program has, after the first signal, to end by itself
    /// before the watcher ends it (`None`: as long as it takes).
    pub grace: Option<Duration>,
    /// Runs on the watcher's thread just before it ends the process.
    pub before_ending: fn(),
}

impl Default for Watch {
    /// Nothing woken, no time limit, nothing to do before ending.
    fn default() -> Watch {
        Watch {
            wake_terminal: false,
            grace: None,
            before_ending: || {},
        }
    }
}

#[cfg(unix)]
pub use self::unix::Signals;

#[cfg(unix)]
mod unix {
    use std::io;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI32, Ordering};
    use std::thread;

    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};
    use signal_hook::low_level;

    use super::{Watch, end_as_signalled};

    /// Watches for the signals on a thread of its own.
    pub struct Signals {
        received: Arc<AtomicI32>,
    }

    impl Signals {
        /// Starts watching, as `watch` says. The watching is done on a
        /// thread rather than in a signal handler, so that
        /// [`Watch::before_ending`] may do anything (restoring a terminal
        /// is not safe in a handler).
        pub fn watch(watch: Watch) -> io::Result<Signals> {
            let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
            let received = Arc::new(AtomicI32::new(0));
            let flag = Arc::clone(&received);
            let end = move |signal| -> ! {
                (watch.before_ending)();
                end_as_signalled(signal)
            };
            thread::Builder::new()
                .name("corolife-signals".to_owned())
                .spawn(move || {
                    for signal in signals.forever() {
                        if flag.swap(signal, Ordering::SeqCst) != 0 {
                            end(signal);
                        }
                        if watch.wake_terminal {
                            // The one signal crossterm's event poll already
                            // wakes for, as a resize.
                            let _ = low_level::raise(SIGWINCH);
                        }
                        if let Some(grace) = watch.grace {
                            let _ = thread::Builder::new()
                                .name("corolife-grace".to_owned())
                                .spawn(move || {
                                    thread::sleep(grace);
                                    end(signal);
                                });
                        }
                    }
                })?;
            Ok(Signals { received })
        }

        /// The signal received, if any.
        pub fn received(&self) -> Option<i32> {
            match self.received.load(Ordering::SeqCst) {
                0 => None,
                signal => Some(signal),
            }
        }
    }
}

/// Without Unix signals there is nothing to watch: Ctrl-C ends a render at
/// once, and reaches the animation (in raw mode) as a key.
#[cfg(not(unix))]
pub struct Signals;

#[cfg(not(unix))]
impl Signals {
    /// Watches nothing.
    pub fn watch(watch: Watch) -> std::io::Result<Signals> {
        let _ = watch;
        Ok(Signals)
    }

    /// Never a signal.
    pub fn received(&self) -> Option<i32> {
        None
    }
}

/// Ends the process as `signal`'s default action would, so that the parent
/// sees it was signalled (a shell reports 128 + the number).
pub fn end_as_signalled(signal: i32) -> ! {
    #[cfg(unix)]
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    std::process::exit(128 + signal)
}
