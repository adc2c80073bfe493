//! How the threads stepping stretches wait for each other between blocks
//! of generations: by staying awake.
//!
//! A block takes a millisecond or less, and a thread that sleeps between
//! blocks can take as long to wake (on a virtual machine, an idle core may
//! be handed to another guest). A [`Team`]'s members wait by spinning,
//! then by yielding: to the pool's other jobs first, as rayon's own waits
//! do, then to the operating system. The core stays theirs, and the next
//! block starts at once.
//!
//! Teams of runs that share a pool do not wait on each other crosswise:
//! rayon hands broadcasts to every thread of a pool in the same order, so
//! each thread joins the earlier run's team before the later one's.

use std::hint;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Times a waiting member spins before it starts yielding: some tens of
/// microseconds.
const SPINS: u32 = 1 << 10;

/// A barrier for a fixed number of threads that meet often and briefly,
/// whose last member to arrive at a meeting does what needs doing with
/// the others waiting.
pub(crate) struct Team {
    size: usize,
    /// Members arrived at the current meeting.
    arrived: AtomicUsize,
    /// Meetings ended: members wait for it to move on.
    meetings: AtomicUsize,
    /// A member left by panicking: nobody waits any more.
    broken: AtomicBool,
}

impl Team {
    /// A team of `size` members.
    pub(crate) fn new(size: usize) -> Team {
        debug_assert!(size >= 1);
        Team {
            size,
            arrived: AtomicUsize::new(0),
            meetings: AtomicUsize::new(0),
            broken: AtomicBool::new(false),
        }
    }

    /// Joins the team for as long as the returned guard lives: if the
    /// thread panics holding it, the meeting it is missing ends, and every
    /// later one at once, so that the other members stop waiting for it.
    pub(crate) fn join(&self) -> Member<'_> {
        Member(self)
    }

    /// Waits until every member has arrived; the last to arrive runs
    /// `last` before any of them leaves. Returns `false` if a member
    /// panicked, when the members should stop.
    pub(crate) fn meet(&self, last: impl FnOnce()) -> bool {
        let meeting = self.meetings.load(Ordering::Acquire);
        if self.arrived.fetch_add(1, Ordering::AcqRel) + 1 == self.size {
            last();
            self.arrived.store(0, Ordering::Relaxed);
            self.meetings
                .store(meeting.wrapping_add(1), Ordering::Release);
        } else {
            let mut spins = 0;
            while self.meetings.load(Ordering::Acquire) == meeting
                && !self.broken.load(Ordering::Relaxed)
            {
                if spins < SPINS {
                    spins += 1;
                    hint::spin_loop();
                } else if rayon::yield_now() != Some(rayon::Yield::Executed) {
                    std::thread::yield_now();
                }
            }
        }
        !self.broken.load(Ordering::Acquire)
    }
}

/// A thread's place in a [`Team`] (see [`Team::join`]).
pub(crate) struct Member<'t>(&'t Team);

impl Drop for Member<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let team = self.0;
            team.broken.store(true, Ordering::Release);
            team.meetings.fetch_add(1, Ordering::AcqRel);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::{self, AssertUnwindSafe};
    use std::sync::Mutex;

    #[test]
    fn nobody_leaves_a_meeting_before_everyone_has_come() {
        // Each member adds its number to a round's total, then meets; the
        // last to come writes the total down. Had anyone left early and
        // added to the next round's total, a written total would be off.
        const MEMBERS: usize = 4;
        const ROUNDS: usize = 500;
        let team = Team::new(MEMBERS);
        let total = AtomicUsize::new(0);
        let written = Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for member in 1..=MEMBERS {
                let (team, total, written) = (&team, &total, &written);
                scope.spawn(move || {
                    let _member = team.join();
                    for _ in 0..ROUNDS {
                        total.fetch_add(member, Ordering::Relaxed);
                        assert!(team.meet(|| {
                            let sum = total.swap(0, Ordering::Relaxed);
                            written.lock().expect("lock").push(sum);
                        }));
                    }
                });
            }
        });
        let written = written.into_inner().expect("lock");
        assert_eq!(written, vec![MEMBERS * (MEMBERS + 1) / 2; ROUNDS]);
    }

    #[test]
    fn a_member_that_panics_ends_the_waiting() {
        let team = Team::new(3);
        let stopped = std::thread::scope(|scope| {
            let waiting: Vec<_> = (0..2)
                .map(|_| {
                    scope.spawn(|| {
                        let _member = team.join();
                        team.meet(|| {})
                    })
                })
                .collect();
            let panicked = panic::catch_unwind(AssertUnwindSafe(|| {
                let _member = team.join();
                panic!("a member fails before it meets the others");
            }));
            assert!(panicked.is_err());
            waiting
                .into_iter()
                .map(|member| member.join().expect("no panic"))
                .collect::<Vec<bool>>()
        });
        assert_eq!(stopped, [false, false]);
        assert!(!team.meet(|| {}), "and any later meeting ends at once");
    }
}
