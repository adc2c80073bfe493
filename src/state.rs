//! The state of one cell.

use std::fmt;

/// The state of one cell: a small value type, one byte wide.
///
/// Two-state rules such as Conway's Life use only [`State::EMPTY`] and
/// [`State::ALIVE`]. Multi-state rules give meaning to larger values; pattern
/// files spell them with letters (`A` is 1, `B` is 2, …).
///
/// ```
/// use corolife::State;
///
/// assert!(State::ALIVE.is_alive());
/// assert!(State::EMPTY.is_empty());
/// assert_eq!(State::new(1), State::ALIVE);
/// assert_eq!(State::from(true), State::ALIVE);
/// assert_eq!(State::ALIVE.to_string(), "*");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[repr(transparent)]
pub struct State(u8);

impl State {
    /// An empty (dead) cell. Printed as `-`.
    pub const EMPTY: State = State(0);
    /// A live cell. Printed as `*`.
    pub const ALIVE: State = State(1);

    /// The state with this number.
    pub const fn new(value: u8) -> State {
        State(value)
    }

    /// This state's number: 0 for empty, 1 for alive.
    pub const fn value(self) -> u8 {
        self.0
    }

    /// Whether this is [`State::ALIVE`].
    pub const fn is_alive(self) -> bool {
        self.0 == State::ALIVE.0
    }

    /// Whether this is [`State::EMPTY`].
    pub const fn is_empty(self) -> bool {
        self.0 == State::EMPTY.0
    }

    /// The character the text format uses for this state: `-` for empty,
    /// `*` for alive, and `B`, `C`, … for the states of multi-state rules
    /// (the letters RLE uses), `?` beyond `X`.
    pub const fn symbol(self) -> char {
        match self.0 {
            0 => '-',
            1 => '*',
            n @ 2..=24 => (b'A' + n - 1) as char,
            _ => '?',
        }
    }
}

impl From<bool> for State {
    fn from(alive: bool) -> State {
        if alive { State::ALIVE } else { State::EMPTY }
    }
}

impl fmt::Debug for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            State::EMPTY => f.write_str("EMPTY"),
            State::ALIVE => f.write_str("ALIVE"),
            State(n) => write!(f, "State({n})"),
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        f.write_char(self.symbol())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_follow_the_text_format_and_rle_letters() {
        assert_eq!(State::EMPTY.symbol(), '-');
        assert_eq!(State::ALIVE.symbol(), '*');
        assert_eq!(State::new(2).symbol(), 'B');
        assert_eq!(State::new(24).symbol(), 'X');
        assert_eq!(State::new(25).symbol(), '?');
    }

    #[test]
    fn debug_names_the_two_common_states() {
        assert_eq!(format!("{:?}", State::ALIVE), "ALIVE");
        assert_eq!(format!("{:?}", State::new(7)), "State(7)");
    }

    #[test]
    fn a_state_is_one_byte() {
        assert_eq!(std::mem::size_of::<State>(), 1);
    }
}
