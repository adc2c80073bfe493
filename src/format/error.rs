//! Why a pattern file could not be read, loaded or written.

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

use super::macrocell::{ExpandError, MAX_LEVEL};
use super::{Format, MAX_CELLS, MAX_INPUT, MAX_TEXT};
use crate::RuleError;

/// A format name that [`Format::from_str`](std::str::FromStr::from_str) does
/// not know.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
#[error("unknown format \"{0}\" (expected rle, cells, life106, mc, life105 or mcell)")]
pub struct UnknownFormatName(pub String);

/// Why a pattern could not be written in a format.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
pub enum WriteError {
    /// The format is read but not written (Life 1.05, MCell).
    #[error(
        "corolife reads {} files but does not write them (write {} instead)",
        .0.title(),
        if *.0 == Format::MCell { "rle" } else { "life106 or rle" }
    )]
    ReadOnly(Format),
    /// A cell whose state the format cannot hold.
    #[error(
        "a {} file holds only live cells, but the cell at row {y}, column {x} has state {state}",
        .format.title()
    )]
    State {
        /// The format.
        format: Format,
        /// The cell's row.
        y: i32,
        /// The cell's column.
        x: i32,
        /// The cell's state number.
        state: u8,
    },
    /// Metadata with a line break, which would end its line early.
    #[error("the {field} contains a line break, which a {} file cannot hold", .format.title())]
    LineBreak {
        /// The format.
        format: Format,
        /// `name`, `author` or `comment`.
        field: &'static str,
    },
    /// The pattern is a tree too large to list as cells, which every
    /// format but macrocell needs.
    #[error(transparent)]
    Expand(#[from] ExpandError),
    /// The text would be longer than [`MAX_TEXT`].
    #[error("the {} file would take {bytes} bytes, more than the {MAX_TEXT} allowed", .format.title())]
    TooLarge {
        /// The format.
        format: Format,
        /// How long the text would be.
        bytes: u64,
    },
}

/// A pattern file that could not be read, with where (except for what is
/// wrong with the file as a whole, such as a broken gzip stream: then the
/// message has no position, and the position is line 1, column 1).
#[derive(Clone, PartialEq, Eq, Debug)]
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
    #[error(
        "cannot tell the pattern format (expected RLE, plaintext, Life 1.05, Life 1.06, macrocell or MCell)"
    )]
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
    /// A macrocell node of a level outside 1 to [`MAX_LEVEL`].
    #[error("node level {0} is outside 1 to {MAX_LEVEL}")]
    Level(u64),
    /// A macrocell state beyond 255.
    #[error("state {0} is more than 255, the most a cell may have")]
    StateTooLarge(u64),
    /// A macrocell quadrant that is not an earlier node.
    #[error("there is no node {node} before this line (only {nodes})")]
    NoSuchNode {
        /// The number given.
        node: u64,
        /// How many nodes come before the line.
        nodes: u64,
    },
    /// A macrocell quadrant of the wrong level.
    #[error("node {node} is of level {level}, but a quadrant here must be of level {expected}")]
    ChildLevel {
        /// The number given.
        node: u64,
        /// Its level.
        level: u32,
        /// The level the quadrant must have.
        expected: u32,
    },
    /// A macrocell file whose last node, the root, is of a lower level
    /// than an earlier node: the file was cut short before its root.
    #[error(
        "the file ends before its root: the last node is of level {level}, below node {node} of level {highest}"
    )]
    NoRoot {
        /// The last node's level.
        level: u32,
        /// The first node of the highest level.
        node: u64,
        /// The highest level.
        highest: u32,
    },
    /// A gzip-compressed file whose stream is broken or cut short.
    #[error("the gzip-compressed data cannot be read: {0}")]
    Gzip(String),
    /// A gzip-compressed file that decompresses to more than
    /// [`MAX_INPUT`] bytes.
    #[error("the gzip-compressed file holds more than {MAX_INPUT} bytes, the most corolife reads")]
    InputTooLarge,
    /// A zip bundle (Golly's `.zip` pattern collections), which is opened
    /// as a bundle ([`Bundle::read`](super::bundle::Bundle::read)), not
    /// read as one pattern.
    #[error(
        "a zip bundle, not a pattern file: open it as a bundle to reach the rule files and patterns inside"
    )]
    Zip,
    /// Binary data of a kind told by its first bytes: an image, another
    /// compression or archive format, a program.
    #[error("not a text file: this looks like {0}")]
    Binary(&'static str),
}

impl ParseErrorKind {
    /// Whether this is about the file as a whole, which a position would
    /// not help with.
    fn is_whole_file(&self) -> bool {
        matches!(
            self,
            ParseErrorKind::Gzip(_)
                | ParseErrorKind::InputTooLarge
                | ParseErrorKind::Zip
                | ParseErrorKind::Binary(_)
        )
    }
}

impl std::error::Error for ParseError {}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.kind.is_whole_file() {
            return write!(f, "{}", self.kind);
        }
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.kind
        )
    }
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
            Found::Char(c) => write!(f, "'{}'", crate::escape::char(*c)),
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

/// A pattern file that could not be loaded.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why. (Part of the message, so not also its `source`.)
        error: std::io::Error,
    },
    /// The file was read but is not a valid pattern.
    #[error("{}: {error}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// Where and why. (Part of the message, so not also its `source`.)
        error: ParseError,
    },
}

/// The error of an unexpected character at `column` (of an ASCII prefix)
/// of `line`, where `expected` was.
#[cold]
pub(crate) fn unexpected(
    line: &str,
    number: usize,
    column: usize,
    expected: &'static str,
) -> ParseError {
    let found = line[column - 1..]
        .chars()
        .next()
        .map_or(Found::EndOfLine, Found::Char);
    ParseError::new(
        number,
        column,
        ParseErrorKind::Unexpected { expected, found },
    )
}
