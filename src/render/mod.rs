//! Drawing grids, three ways.
//!
//! * As the seed's text: a grid's `Display` prints one line per row, `*`
//!   alive and `-` empty, and [`columns`] sets several generations side by
//!   side, as Effective Python's `ColumnPrinter` does.
//! * As terminal frames ([`glyphs`]): block and braille characters, one,
//!   two or eight cells to a character, plain or coloured by state.
//! * As pictures ([`picture`]): pixels for image encoders, and SVG.
//!
//! Every renderer is a pure function of a grid; none writes to a terminal
//! or a file.

pub mod glyphs;
pub mod picture;
mod rgb;
pub mod text;

pub use self::rgb::Rgb;
pub use self::text::columns;
