//! A thread kept beside the caller for runs too short to start a team:
//! a generation of a small grid, as when the animation steps one at a
//! time.
//!
//! Starting a [`Team`](super::team::Team) on the thread pool costs about
//! as much as stepping 2¹⁵ words, because the pool's sleeping threads must
//! be woken, and so must a caller blocked waiting for them. A [`Partner`]
//! is a thread of its own that takes jobs by value and hands their results
//! back by value, so it borrows nothing from the caller. Between jobs both
//! sides spin a while, then yield, then block: jobs that follow each other
//! closely start and end at once, and an idle partner costs nothing.

use std::hint;
use std::io;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::{self, JoinHandle};

/// Times a waiting side looks for a message between spins before it
/// yields its core.
const SPINS: u32 = 1 << 8;

/// Times it yields before it blocks: some hundreds of microseconds.
const YIELDS: u32 = 1 << 10;

/// A job for a partner: its input moved in, its output moved out.
type Job<T> = Box<dyn FnOnce() -> T + Send>;

/// A thread that runs one job at a time for its owner.
pub(crate) struct Partner<T> {
    jobs: Option<Sender<Job<T>>>,
    results: Receiver<T>,
    thread: Option<JoinHandle<()>>,
}

impl<T: Send + 'static> Partner<T> {
    /// A new partner thread, or why the system would not start one.
    pub(crate) fn new() -> io::Result<Partner<T>> {
        let (jobs, inbox) = mpsc::channel::<Job<T>>();
        let (outbox, results) = mpsc::channel();
        let thread = thread::Builder::new()
            .name("corolife-partner".into())
            .spawn(move || {
                while let Some(job) = receive(&inbox) {
                    if outbox.send(job()).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Partner {
            jobs: Some(jobs),
            results,
            thread: Some(thread),
        })
    }

    /// Hands `job` to the partner; [`finish`](Partner::finish) returns what
    /// it makes.
    pub(crate) fn start(&self, job: impl FnOnce() -> T + Send + 'static) {
        if let Some(jobs) = &self.jobs {
            // A partner that has stopped is reported by `finish`.
            let _ = jobs.send(Box::new(job));
        }
    }

    /// Waits for the result of the job last started.
    ///
    /// # Panics
    ///
    /// If the job panicked, which ends the partner.
    pub(crate) fn finish(&self) -> T {
        receive(&self.results).expect("a partner thread panicked in its job")
    }
}

impl<T> Drop for Partner<T> {
    fn drop(&mut self) {
        // Closing the channel of jobs ends the thread's loop.
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The next message of `channel`: looked for [`SPINS`] times, then between
/// [`YIELDS`] yields of the core, then waited for; `None` once the other
/// side has gone.
fn receive<M>(channel: &Receiver<M>) -> Option<M> {
    for round in 0..SPINS + YIELDS {
        match channel.try_recv() {
            Ok(message) => return Some(message),
            Err(TryRecvError::Disconnected) => return None,
            Err(TryRecvError::Empty) if round < SPINS => hint::spin_loop(),
            Err(TryRecvError::Empty) => thread::yield_now(),
        }
    }
    channel.recv().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::{self, AssertUnwindSafe};
    use std::time::Duration;

    #[test]
    fn jobs_come_back_in_turn_with_what_they_were_given() {
        let partner = Partner::new().expect("thread");
        for round in 0..100u64 {
            let input = [round; 3];
            partner.start(move || input.iter().sum::<u64>());
            assert_eq!(partner.finish(), 3 * round);
        }
        // After a pause long enough for it to block, it still answers.
        thread::sleep(Duration::from_millis(50));
        partner.start(|| 7);
        assert_eq!(partner.finish(), 7);
    }

    #[test]
    fn a_panicking_job_is_reported_to_the_owner() {
        let partner = Partner::<u8>::new().expect("thread");
        partner.start(|| panic!("in the job"));
        let finished = panic::catch_unwind(AssertUnwindSafe(|| partner.finish()));
        assert!(finished.is_err());
    }
}
