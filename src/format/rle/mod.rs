//! Run-length encoded patterns (`.rle`).
//!
//! Specification: LifeWiki, "Run Length Encoded"
//! (<https://conwaylife.com/wiki/Run_Length_Encoded>).
//!
//! ```text
//! #N Glider
//! #O Richard K. Guy
//! #C The smallest, most common spaceship.
//! x = 3, y = 3, rule = B3/S23
//! bo$2bo$3o!
//! ```
//!
//! * `#N` name, `#O` author, `#C`/`#c` comment, `#r` rule, `#P x y`/`#R x y`
//!   the column and row of the top-left corner; other `#` lines are skipped.
//! * Golly's extended RLE line `#CXRLE Pos=x,y Gen=n`: blank-separated
//!   `key=value` words, in any order, either key left out. `Pos` gives the
//!   top-left corner as `#P x y` does (`x` the column, `y` the row, each in
//!   the `i32` range); `Gen` the generation the cells are at
//!   ([`Pattern::generation`](crate::Pattern::generation), any `u64`).
//!   Other keys are skipped, as Golly skips them; a malformed `Pos` or
//!   `Gen` is an error. The line is not kept as a comment.
//! * A file with a `#P`, `#R` or `#CXRLE Pos=` line is
//!   [`positioned`](crate::Pattern::positioned): its cells keep the coordinates it
//!   gives. Like other `#` lines, these may stand between data lines too, and
//!   then move the data after them.
//! * The header `x = m, y = n[, rule = R]`, with or without spaces. The
//!   pattern's size is taken from its cells, not from `x` and `y`.
//! * Items: an optional run count, then a tag: `b` or `.` empty, `o` alive,
//!   `A`…`X` states 1–24, `pA`…`yO` states 25–255, `$` end of row. `!` ends
//!   the pattern; anything after it is ignored.
//! * Whitespace and line breaks may stand between items; CRLF line ends are
//!   fine.
//!
//! The writer ([`write()`]) keeps everything a [`Pattern`](crate::Pattern) holds:
//!
//! * first, when the pattern's top-left corner is not at 0, 0 or its
//!   [`generation`](crate::Pattern::generation) is not 0, Golly's line
//!   `#CXRLE Pos=x,y` with the corner's column and row, and ` Gen=n` after
//!   it when the generation is not 0 (`#CXRLE Pos=0,0 Gen=5` for a pattern
//!   at the origin). Positions and generations survive; readers that do not
//!   know the line take it for a comment and see the pattern moved to the
//!   origin;
//! * `#N` name, `#O` author and one `#C` line per comment;
//! * the header `x = w, y = h, rule = R` with the rule in canonical B/S form
//!   and its grid suffix (`:T80,40`, `:P30,20`, …); a pattern without a rule is written with `B3/S23`;
//! * data lines of at most [`LINE_LENGTH`] characters that never split a
//!   run count from its tag. Two-state patterns use `b` and `o`, others `.`
//!   and the state letters. Dead cells at the end of a row are left out,
//!   runs of row ends are counted (`3$`), and counts above 2³¹ − 1 are split
//!   in two items so that every reader's integers hold them.

mod reader;
#[cfg(test)]
mod tests;
mod writer;

pub(crate) use self::reader::is_header;
pub use self::reader::parse;
pub use self::writer::write;

/// The longest data line [`write()`] produces, as the specification asks.
pub const LINE_LENGTH: usize = 70;

/// The largest run count: the writer puts no more in one item, and the
/// reader refuses more.
const MAX_RUN: u64 = i32::MAX as u64;

/// The tag of Golly's extended RLE line, `#CXRLE Pos=x,y Gen=n`. It
/// starts like a comment so that programs that do not know it skip it.
const XRLE: &str = "#CXRLE";
