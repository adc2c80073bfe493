//! Signals from outside, watched the same way by every command that has
//! something to undo before it ends: a temporary file to remove (`convert
//! -o`, `run -o`, `render`) or a terminal to give back (the animation).
//!
//! The signals that end a process by default and can be caught are
//! watched: SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1 and SIGUSR2. One
//! that the process was started with ignored (`nohup` ignores SIGHUP, a
//! shell's background job SIGINT and SIGQUIT) stays ignored.
//!
//! Once [`Signals::watch`] has started, the first of these is recorded.
//! The program looks at it between two steps, ends through its own path
//! (the render removes its temporary file, the animation gives the
//! terminal back) and then ends as the signal would have, with
//! [`end_as_signalled`]; or, with [`Watch::grace`], the watcher ends it
//! after that time. A second signal ends the process straight away. The
//! watcher runs [`Watch::before_ending`] before it ends the process.
//!
//! With [`Watch::suspend`], SIGTSTP (Ctrl-Z outside raw mode; the
//! animation raises it for the Ctrl-Z key) suspends the process with the
//! terminal given back, and SIGCONT asks for a full redraw.

use std::time::Duration;

/// What the watcher does besides recording the first signal.
#[derive(Clone, Copy, Debug)]
pub struct Watch {
    /// Whether to wake the terminal's event poll after a signal, so that a
    /// loop waiting for a key sees it.
    pub wake_terminal: bool,
    /// How long the program has, after the first signal, to end by itself
    /// before the watcher ends it (`None`: as long as it takes; zero: the
    /// watcher ends it at once).
    pub grace: Option<Duration>,
    /// Runs on the watcher's thread just before it ends the process.
    pub before_ending: fn(),
    /// Job control: on SIGTSTP, called with a function that stops the
    /// process and returns once it is continued; it gives the terminal
    /// back around that call. `None` leaves SIGTSTP and SIGCONT alone.
    pub suspend: Option<Suspend>,
}

/// Gives the terminal back, calls `stop`, which returns once the process is
/// continued, and takes the terminal again.
pub type Suspend = fn(stop: fn());

impl Default for Watch {
    /// Nothing woken, no time limit, nothing to do before ending, no job
    /// control.
    fn default() -> Watch {
        Watch {
            wake_terminal: false,
            grace: None,
            before_ending: || {},
            suspend: None,
        }
    }
}

/// Watches for the signals with nothing to do but remove the temporary
/// files of atomic writes: the first signal removes them and ends the
/// process at once. For a command that writes with `-o`.
pub fn remove_temporary_files_on_signal() -> std::io::Result<Signals> {
    Signals::watch(Watch {
        grace: Some(Duration::ZERO),
        before_ending: corolife::atomic::remove_temporary_files,
        ..Watch::default()
    })
}

#[cfg(unix)]
pub use self::unix::Signals;

#[cfg(unix)]
mod unix {
    use std::io;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
    use std::thread;

    use signal_hook::consts::{
        SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2, SIGWINCH,
    };
    use signal_hook::low_level;

    use super::{Watch, end_as_signalled};

    /// The signals that end the process by default and can be caught.
    const ENDING: [i32; 6] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2];

    /// Watches for the signals on a thread of its own.
    pub struct Signals {
        received: Arc<AtomicI32>,
        resumed: Arc<AtomicBool>,
    }

    impl Signals {
        /// Starts watching, as `watch` says. The watching is done on a
        /// thread rather than in a signal handler, so that
        /// [`Watch::before_ending`] may do anything (restoring a terminal
        /// or removing a file is not safe in a handler).
        pub fn watch(watch: Watch) -> io::Result<Signals> {
            let mut wanted: Vec<i32> = ENDING.to_vec();
            if watch.suspend.is_some() {
                wanted.extend([SIGTSTP, SIGCONT]);
            }
            // Checked before any handler is installed: a handler would
            // replace the inherited "ignore".
            wanted.retain(|&signal| !is_ignored(signal));
            let mut signals = signal_hook::iterator::Signals::new(&wanted)?;
            let received = Arc::new(AtomicI32::new(0));
            let resumed = Arc::new(AtomicBool::new(false));
            let (flag, resumed_flag) = (Arc::clone(&received), Arc::clone(&resumed));
            let end = move |signal| -> ! {
                (watch.before_ending)();
                end_as_signalled(signal)
            };
            let wake = move || {
                if watch.wake_terminal {
                    // The one signal crossterm's event poll already wakes
                    // for, as a resize.
                    let _ = low_level::raise(SIGWINCH);
                }
            };
            thread::Builder::new()
                .name("corolife-signals".to_owned())
                .spawn(move || {
                    for signal in signals.forever() {
                        if signal == SIGTSTP || signal == SIGCONT {
                            if let (SIGTSTP, Some(suspend)) = (signal, watch.suspend) {
                                suspend(|| {
                                    // SIGTSTP's default action: stop.
                                    let _ = low_level::emulate_default_handler(SIGTSTP);
                                });
                            }
                            resumed_flag.store(true, Ordering::SeqCst);
                            wake();
                            continue;
                        }
                        if flag.swap(signal, Ordering::SeqCst) != 0 {
                            end(signal);
                        }
                        match watch.grace {
                            Some(grace) if grace.is_zero() => end(signal),
                            Some(grace) => {
                                let _ = thread::Builder::new()
                                    .name("corolife-grace".to_owned())
                                    .spawn(move || {
                                        thread::sleep(grace);
                                        end(signal);
                                    });
                            }
                            None => {}
                        }
                        wake();
                    }
                })?;
            Ok(Signals { received, resumed })
        }

        /// The signal received, if any.
        pub fn received(&self) -> Option<i32> {
            match self.received.load(Ordering::SeqCst) {
                0 => None,
                signal => Some(signal),
            }
        }

        /// Whether the process was continued (after a stop) since the last
        /// call: the terminal may show anything now, and wants a full
        /// redraw.
        pub fn take_resumed(&self) -> bool {
            self.resumed.swap(false, Ordering::SeqCst)
        }
    }

    /// Whether `signal` is ignored, as a process started under `nohup` or
    /// in a shell's background finds SIGHUP or SIGINT. Linux says so in
    /// `/proc/self/status`; elsewhere no signal counts as ignored.
    fn is_ignored(signal: i32) -> bool {
        std::fs::read_to_string("/proc/self/status").is_ok_and(|status| ignored_in(&status, signal))
    }

    /// Whether the `SigIgn` mask of a `/proc/PID/status` text has bit
    /// `signal - 1` set.
    fn ignored_in(status: &str, signal: i32) -> bool {
        let mask = status
            .lines()
            .find_map(|line| line.strip_prefix("SigIgn:"))
            .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
            .unwrap_or(0);
        (1..=64).contains(&signal) && mask & (1 << (signal - 1)) != 0
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_ignored_mask_is_read_bit_by_signal() {
            // SIGHUP (1) and SIGPIPE (13) ignored, as under nohup.
            let status = "Name:\tcorolife\nSigBlk:\t0000000000000002\nSigIgn:\t0000000000001001\n";
            assert!(ignored_in(status, SIGHUP));
            assert!(ignored_in(status, 13));
            for signal in [SIGINT, SIGTERM, SIGUSR1, SIGTSTP, 0, -1, 65] {
                assert!(!ignored_in(status, signal), "{signal}");
            }
            assert!(!ignored_in("no mask here", SIGHUP));
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

    /// Never resumed.
    pub fn take_resumed(&self) -> bool {
        false
    }
}

/// Raises SIGTSTP, for the Ctrl-Z key of a program in raw mode: a watcher
/// with [`Watch::suspend`] suspends the process, and an ignored SIGTSTP
/// does nothing.
pub fn suspend_self() {
    #[cfg(unix)]
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
}

/// Ends the process as `signal`'s default action would, so that the parent
/// sees it was signalled (a shell reports 128 + the number).
pub fn end_as_signalled(signal: i32) -> ! {
    #[cfg(unix)]
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    std::process::exit(128 + signal)
}
