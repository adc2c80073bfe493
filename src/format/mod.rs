//! Pattern files: reading them into [`Pattern`]s.
//!
//! One module per format, each following its LifeWiki specification:
//!
//! * [`rle`] — run-length encoded, the format Golly and LifeWiki use most;
//! * [`plaintext`] — `.cells`, one character per cell.
//!
//! [`Format::detect`] tells them apart from the content first and the file
//! extension second; [`parse`] and [`load`] do that and read.
//!
//! ```
//! use corolife::format;
//!
//! let glider = format::parse("#N Glider\nx = 3, y = 3\nbo$2bo$3o!", None)?;
//! assert_eq!(glider.name.as_deref(), Some("Glider"));
//! assert_eq!(glider.population(), 5);
//! # Ok::<(), corolife::format::ParseError>(())
//! ```

pub mod plaintext;
pub mod rle;

use std::fmt;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::{Pattern, RuleError};

/// The most non-empty cells a pattern file may describe. Beyond this a file
/// is refused rather than allowed to exhaust memory.
pub const MAX_CELLS: usize = 1 << 26;

/// A pattern file format.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Format {
    /// Run-length encoded (`.rle`).
    Rle,
    /// Plaintext (`.cells`).
    Plaintext,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 2] = [Format::Rle, Format::Plaintext];

    /// The format's short name: `rle`, `cells`.
    pub const fn name(self) -> &'static str {
        match self {
            Format::Rle => "rle",
            Format::Plaintext => "cells",
        }
    }

    /// The format of `text`, judged by its content, or failing that by the
    /// file `extension` (without the dot).
    pub fn detect(text: &str, extension: Option<&str>) -> Option<Format> {
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        if let Some(first) = lines.next() {
            if first.starts_with('!') {
                return Some(Format::Plaintext);
            }
            if first.starts_with('#') || rle::is_header(first) {
                return Some(Format::Rle);
            }
            if first.chars().all(|c| matches!(c, '.' | 'O' | '*')) {
                return Some(Format::Plaintext);
            }
        }
        match extension?.to_ascii_lowercase().as_str() {
            "rle" => Some(Format::Rle),
            "cells" | "txt" => Some(Format::Plaintext),
            _ => None,
        }
    }

    /// Reads `text` in this format.
    pub fn parse(self, text: &str) -> Result<Pattern, ParseError> {
        match self {
            Format::Rle => rle::parse(text),
            Format::Plaintext => plaintext::parse(text),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A pattern file that could not be read, with where.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
#[error("line {line}, column {column}: {kind}")]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column number (in characters).
    pub column: usize,
    /// What went wrong.
    pub kind: ParseErrorKind,
}

/// What went wrong reading a pattern file.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
pub enum ParseErrorKind {
    /// Something other than what the format allows there.
    #[error("expected {expected}, found {found}")]
    Unexpected {
        /// What would have been accepted.
        expected: &'static str,
        /// What was there.
        found: Found,
    },
    /// The file has no content at all.
    #[error("the file is empty")]
    Empty,
    /// The bytes are not UTF-8 text.
    #[error("not a text file (invalid UTF-8)")]
    NotText,
    /// The format could not be told from the content or the name.
    #[error("cannot tell the pattern format (expected RLE or plaintext)")]
    UnknownFormat,
    /// A rule that does not parse.
    #[error("bad rule: {0}")]
    Rule(RuleError),
    /// A number too large for what it counts.
    #[error("number {0} is too large")]
    NumberTooLarge(String),
    /// Cells beyond the coordinate range (±2³¹).
    #[error("the pattern reaches beyond the coordinate range")]
    OutOfRange,
    /// More than [`MAX_CELLS`] non-empty cells.
    #[error("the pattern has more than {MAX_CELLS} cells")]
    TooManyCells,
}

/// What a parser found where it expected something else.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Found {
    /// A character.
    Char(char),
    /// A line break.
    EndOfLine,
    /// The end of the file.
    EndOfFile,
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Char(c) if c.is_control() => write!(f, "{c:?}"),
            Found::Char(c) => write!(f, "'{c}'"),
            Found::EndOfLine => f.write_str("the end of the line"),
            Found::EndOfFile => f.write_str("the end of the file"),
        }
    }
}

impl ParseError {
    pub(crate) fn new(line: usize, column: usize, kind: ParseErrorKind) -> ParseError {
        ParseError { line, column, kind }
    }
}

/// Reads a pattern from `text`, detecting its format from the content and
/// then from `extension`.
pub fn parse(text: &str, extension: Option<&str>) -> Result<Pattern, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::new(1, 1, ParseErrorKind::Empty));
    }
    let format = Format::detect(text, extension).ok_or(ParseError::new(
        1,
        1,
        ParseErrorKind::UnknownFormat,
    ))?;
    format.parse(text)
}

/// Reads a pattern from raw bytes (a file's content), refusing what is not
/// UTF-8 text.
pub fn parse_bytes(bytes: &[u8], extension: Option<&str>) -> Result<Pattern, ParseError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text.strip_prefix('\u{feff}').unwrap_or(text), extension),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            Err(ParseError::new(line, column, ParseErrorKind::NotText))
        }
    }
}

/// A pattern file that could not be loaded.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file was read but is not a valid pattern.
    #[error("{}: {source}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// Where and why.
        source: ParseError,
    },
}

/// Reads the pattern file at `path`.
pub fn load(path: &Path) -> Result<Pattern, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    let extension = path.extension().and_then(|e| e.to_str());
    parse_bytes(&bytes, extension).map_err(|source| LoadError::Parse {
        path: path.to_owned(),
        source,
    })
}

/// Collects cells for a reader, enforcing [`MAX_CELLS`].
pub(crate) struct CellSink {
    cells: Vec<crate::Cell>,
}

impl CellSink {
    pub(crate) fn new() -> CellSink {
        CellSink { cells: Vec::new() }
    }

    /// Adds `count` cells of `state` from (`y`, `x`) rightwards.
    pub(crate) fn run(
        &mut self,
        y: i64,
        x: i64,
        count: i64,
        state: crate::State,
    ) -> Result<(), ParseErrorKind> {
        if state.is_empty() || count <= 0 {
            return Ok(());
        }
        if self.cells.len() as u64 + count as u64 > MAX_CELLS as u64 {
            return Err(ParseErrorKind::TooManyCells);
        }
        let y = i32::try_from(y).map_err(|_| ParseErrorKind::OutOfRange)?;
        let first = i32::try_from(x).map_err(|_| ParseErrorKind::OutOfRange)?;
        let last = i32::try_from(x + count - 1).map_err(|_| ParseErrorKind::OutOfRange)?;
        self.cells
            .extend((first..=last).map(|x| crate::Cell { y, x, state }));
        Ok(())
    }

    pub(crate) fn finish(self, pattern: &mut Pattern) {
        pattern.set_cells(self.cells);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_prefers_content_over_extension() {
        assert_eq!(
            Format::detect("!Name: x\n.O.\n", Some("rle")),
            Some(Format::Plaintext)
        );
        assert_eq!(
            Format::detect("x = 3, y = 1\n3o!", Some("cells")),
            Some(Format::Rle)
        );
        assert_eq!(
            Format::detect("#N glider\nbo$2bo$3o!", None),
            Some(Format::Rle)
        );
        assert_eq!(Format::detect("OO\nOO\n", None), Some(Format::Plaintext));
        assert_eq!(Format::detect("3o!", Some("RLE")), Some(Format::Rle));
        assert_eq!(Format::detect("3o!", None), None);
    }

    #[test]
    fn empty_and_binary_input_is_refused_with_a_position() {
        assert_eq!(
            parse(" \n\n", None).unwrap_err().kind,
            ParseErrorKind::Empty
        );
        let error = parse_bytes(b"x = 1\n\xff\xfe", None).unwrap_err();
        assert_eq!(
            (error.line, error.column, error.kind),
            (2, 1, ParseErrorKind::NotText)
        );
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let pattern = parse_bytes("\u{feff}x = 1, y = 1\no!".as_bytes(), None).expect("valid");
        assert_eq!(pattern.population(), 1);
    }
}
