//! The frames `b` steps back through: each kept as its generation and its
//! live cells, the oldest dropped first once the count or the memory cap
//! is reached.

use std::collections::VecDeque;

use corolife::Cell;

/// The most memory the cells of the kept frames take.
pub const MAX_BYTES: usize = 64 << 20;

/// The most frames kept.
pub const MAX_FRAMES: usize = 1000;

/// One frame as it was: its generation and its live cells.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Snapshot {
    /// The generation shown.
    pub generation: u64,
    /// Every live cell, by row, then column.
    pub cells: Vec<Cell>,
}

impl Snapshot {
    /// The memory its cells take.
    fn bytes(&self) -> usize {
        self.cells.len().saturating_mul(size_of::<Cell>())
    }
}

/// The recent frames, newest last.
#[derive(Debug)]
pub struct History {
    frames: VecDeque<Snapshot>,
    bytes: usize,
    max_bytes: usize,
    max_frames: usize,
}

impl History {
    /// An empty history keeping at most `max_frames` frames whose cells
    /// take at most `max_bytes`.
    pub fn new(max_frames: usize, max_bytes: usize) -> History {
        History {
            frames: VecDeque::new(),
            bytes: 0,
            max_bytes,
            max_frames,
        }
    }

    /// Whether a frame of `population` cells fits under the memory cap at
    /// all: a larger one is not listed, and the history is cleared
    /// instead, since stepping back would skip it.
    pub fn fits(&self, population: u64) -> bool {
        population.saturating_mul(size_of::<Cell>() as u64) <= self.max_bytes as u64
    }

    /// Keeps `snapshot` as the newest frame, dropping the oldest until
    /// both caps hold; one too large for the memory cap clears the
    /// history.
    pub fn push(&mut self, snapshot: Snapshot) {
        if snapshot.bytes() > self.max_bytes || self.max_frames == 0 {
            self.clear();
            return;
        }
        self.bytes += snapshot.bytes();
        self.frames.push_back(snapshot);
        while self.frames.len() > self.max_frames || self.bytes > self.max_bytes {
            if let Some(old) = self.frames.pop_front() {
                self.bytes -= old.bytes();
            }
        }
    }

    /// The newest frame, taken out.
    pub fn pop(&mut self) -> Option<Snapshot> {
        let snapshot = self.frames.pop_back()?;
        self.bytes -= snapshot.bytes();
        Some(snapshot)
    }

    /// Forgets every frame.
    pub fn clear(&mut self) {
        self.frames.clear();
        self.bytes = 0;
    }

    /// The frames kept.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.frames.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(generation: u64, cells: usize) -> Snapshot {
        Snapshot {
            generation,
            cells: (0..cells as i32).map(|x| Cell::alive(0, x)).collect(),
        }
    }

    #[test]
    fn the_oldest_frames_go_first_past_either_cap() {
        let cell = size_of::<Cell>();
        let mut history = History::new(3, 10 * cell);
        for generation in 0..5 {
            history.push(snapshot(generation, 1));
        }
        assert_eq!(history.len(), 3);
        assert_eq!(history.pop().map(|s| s.generation), Some(4));
        // Two cells kept; 9 more are over 10: the oldest goes.
        history.push(snapshot(9, 9));
        assert_eq!(history.len(), 2);
        assert_eq!(history.pop().map(|s| s.generation), Some(9));
        assert_eq!(history.pop().map(|s| s.generation), Some(3));
        assert_eq!(history.pop(), None);
        // One frame larger than the cap clears everything.
        history.push(snapshot(1, 2));
        assert!(history.fits(10) && !history.fits(11));
        history.push(snapshot(2, 11));
        assert_eq!(history.len(), 0);
    }
}
