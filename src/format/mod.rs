//! Pattern files: reading them into [`Pattern`]s and writing them back.
//!
//! One module per format, each following its LifeWiki specification:
//!
//! * [`rle`] — run-length encoded, the format Golly and LifeWiki use most;
//! * [`plaintext`] — `.cells`, one character per cell;
//! * [`life106`] — Life 1.06, one `x y` line per live cell;
//! * [`life105`] — Life 1.05, blocks of `.`/`*` rows at given positions
//!   (read only).
//!
//! [`Format::detect`] tells them apart from the content first and the file
//! extension second; [`parse`] and [`load`] do that and read.
//! [`Format::write`] writes a pattern back.
//!
//! # What each format keeps
//!
//! Writing a pattern and reading the text back gives the same pattern, as
//! far as the format can carry it:
//!
//! | format | cells | states | position | generation | name, author, comments | rule |
//! |---|---|---|---|---|---|---|
//! | [`Rle`](Format::Rle) | yes | all (letters `A`…`X`, `pA`…`yO`) | yes (Golly's `#CXRLE Pos=x,y` line; `#P` is read too) | yes (`#CXRLE Gen=n`) | yes | yes, with its grid suffix (`:T80,40`, `:K30*,20`, …); none is written as `B3/S23` |
//! | [`Plaintext`](Format::Plaintext) | yes | alive only | no: the box starts at 0, 0 | no | yes | no |
//! | [`Life106`](Format::Life106) | yes | alive only | yes | no | no | no |
//! | [`Life105`](Format::Life105) | read only | | | | | |
//!
//! A pattern read from a file that gives its own coordinates (RLE with a
//! position line, Life 1.05 with `#P`, any Life 1.06) is
//! [`positioned`](Pattern::positioned); in one read from another file, the
//! top-left corner of the file's box is at 0, 0.
//!
//! Metadata is line-oriented in every format: a name, author or comment
//! with a line break cannot be written, and whitespace at the end of one is
//! not kept (nor, in plaintext, at the start of a name or author).
//!
//! ```
//! use corolife::format::{self, Format};
//!
//! let glider = format::parse("#N Glider\nx = 3, y = 3\nbo$2bo$3o!", None)?;
//! assert_eq!(glider.name.as_deref(), Some("Glider"));
//! assert_eq!(glider.population(), 5);
//!
//! let cells = Format::Plaintext.write(&glider)?;
//! assert_eq!(cells, "!Name: Glider\n.O\n..O\nOOO\n");
//! assert_eq!(format::parse(&cells, None)?.cells(), glider.cells());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod life105;
pub mod life106;
pub mod plaintext;
pub mod rle;

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use thiserror::Error;

use crate::pattern::Raster;
use crate::{Pattern, RuleError};

/// The most non-empty cells a pattern file may describe. Beyond this a file
/// is refused rather than allowed to exhaust memory.
pub const MAX_CELLS: usize = 1 << 26;

/// The longest text a writer produces, in bytes. Only plaintext, which
/// spends a character on every dead cell inside the pattern's rows, can
/// reach it.
pub const MAX_TEXT: u64 = 1 << 30;

/// A pattern file format.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Format {
    /// Run-length encoded (`.rle`).
    Rle,
    /// Plaintext (`.cells`).
    Plaintext,
    /// Life 1.06 (`.lif`, `.life`): one `x y` line per live cell.
    Life106,
    /// Life 1.05 (`.lif`, `.life`): blocks of rows; read only.
    Life105,
}

impl Format {
    /// Every format, the writable ones first.
    pub const ALL: [Format; 4] = [
        Format::Rle,
        Format::Plaintext,
        Format::Life106,
        Format::Life105,
    ];

    /// The format's short name, as command lines spell it: `rle`, `cells`,
    /// `life106`, `life105`. [`FromStr`] reads these back.
    pub const fn name(self) -> &'static str {
        match self {
            Format::Rle => "rle",
            Format::Plaintext => "cells",
            Format::Life106 => "life106",
            Format::Life105 => "life105",
        }
    }

    /// The format's name in prose: `RLE`, `plaintext`, `Life 1.06`,
    /// `Life 1.05`.
    pub const fn title(self) -> &'static str {
        match self {
            Format::Rle => "RLE",
            Format::Plaintext => "plaintext",
            Format::Life106 => "Life 1.06",
            Format::Life105 => "Life 1.05",
        }
    }

    /// The usual file extension (without the dot): `rle`, `cells`, `lif`.
    pub const fn extension(self) -> &'static str {
        match self {
            Format::Rle => "rle",
            Format::Plaintext => "cells",
            Format::Life106 | Format::Life105 => "lif",
        }
    }

    /// Whether [`write`](Format::write) can write this format (all but
    /// Life 1.05).
    pub const fn is_writable(self) -> bool {
        !matches!(self, Format::Life105)
    }

    /// The format a file extension (without the dot, any case) stands for:
    /// `rle`; `cells` or `txt`; `lif` or `life`, which both Life formats use
    /// and which stands for Life 1.06, the one corolife writes.
    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension.to_ascii_lowercase().as_str() {
            "rle" => Some(Format::Rle),
            "cells" | "txt" => Some(Format::Plaintext),
            "lif" | "life" => Some(Format::Life106),
            _ => None,
        }
    }

    /// The format of `text`, judged by its content, or failing that by the
    /// file `extension` (without the dot).
    ///
    /// The first line that is not blank decides:
    ///
    /// * `#Life 1.05` or `#Life 1.06` (in any case): that Life format;
    /// * `!`: plaintext;
    /// * another `#` line: RLE, unless the first line after the `#` lines is
    ///   a row of `.` and `*` with a `*` (Life 1.05 without its header) or
    ///   two integers (Life 1.06 without its header);
    /// * an RLE header `x = …`: RLE;
    /// * only `.`, `O` and `*`: plaintext;
    /// * two integers: Life 1.06.
    ///
    /// Otherwise the extension decides, as [`from_extension`](Format::from_extension)
    /// says.
    ///
    /// ```
    /// use corolife::format::Format;
    ///
    /// assert_eq!(Format::detect("#Life 1.06\n0 0\n", Some("rle")), Some(Format::Life106));
    /// assert_eq!(Format::detect("#N Blinker\nx = 3, y = 1\n3o!", None), Some(Format::Rle));
    /// assert_eq!(Format::detect("3o!", Some("rle")), Some(Format::Rle));
    /// assert_eq!(Format::detect("3o!", None), None);
    /// ```
    pub fn detect(text: &str, extension: Option<&str>) -> Option<Format> {
        let by_extension = || extension.and_then(Format::from_extension);
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        let Some(first) = lines.next() else {
            return by_extension();
        };
        for (header, format) in [
            (life105::HEADER, Format::Life105),
            (life106::HEADER, Format::Life106),
        ] {
            if first
                .get(..header.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(header))
            {
                return Some(format);
            }
        }
        if first.starts_with('!') {
            return Some(Format::Plaintext);
        }
        if first.starts_with('#') {
            return match lines.find(|l| !l.starts_with('#')) {
                Some(body) if is_life105_row(body) => Some(Format::Life105),
                Some(body) if is_coordinates(body) => Some(Format::Life106),
                Some(_) => Some(Format::Rle),
                None => by_extension().or(Some(Format::Rle)),
            };
        }
        if rle::is_header(first) {
            return Some(Format::Rle);
        }
        if first.chars().all(|c| matches!(c, '.' | 'O' | '*')) {
            return Some(Format::Plaintext);
        }
        if is_coordinates(first) {
            return Some(Format::Life106);
        }
        by_extension()
    }

    /// Reads `text` in this format.
    pub fn parse(self, text: &str) -> Result<Pattern, ParseError> {
        match self {
            Format::Rle => rle::parse(text),
            Format::Plaintext => plaintext::parse(text),
            Format::Life106 => life106::parse(text),
            Format::Life105 => life105::parse(text),
        }
    }

    /// Writes `pattern` in this format.
    ///
    /// The module table says what each format keeps. A pattern that the
    /// format cannot hold is an error, never silently changed: a state other
    /// than alive in plaintext or Life 1.06, a line break in the metadata,
    /// a plaintext file longer than [`MAX_TEXT`], or any Life 1.05.
    ///
    /// ```
    /// use corolife::format::{self, Format, WriteError};
    ///
    /// let blinker = format::parse("!Name: Blinker\nOOO\n", None)?;
    /// assert_eq!(
    ///     Format::Rle.write(&blinker)?,
    ///     "#N Blinker\nx = 3, y = 1, rule = B3/S23\n3o!\n"
    /// );
    /// assert_eq!(Format::Life106.write(&blinker)?, "#Life 1.06\n0 0\n1 0\n2 0\n");
    /// assert_eq!(
    ///     Format::Life105.write(&blinker),
    ///     Err(WriteError::ReadOnly(Format::Life105))
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write(self, pattern: &Pattern) -> Result<String, WriteError> {
        match self {
            Format::Rle => rle::write(pattern),
            Format::Plaintext => plaintext::write(pattern),
            Format::Life106 => life106::write(pattern),
            Format::Life105 => Err(WriteError::ReadOnly(self)),
        }
    }
}

/// A row of a Life 1.05 block with at least one live cell.
fn is_life105_row(line: &str) -> bool {
    line.contains('*') && line.chars().all(|c| matches!(c, '.' | '*'))
}

/// Two integers separated by blanks: a Life 1.06 cell.
fn is_coordinates(line: &str) -> bool {
    let is_integer = |token: &str| {
        let digits = token.strip_prefix(['-', '+']).unwrap_or(token);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    let mut tokens = line.split_whitespace();
    matches!(
        (tokens.next(), tokens.next(), tokens.next()),
        (Some(x), Some(y), None) if is_integer(x) && is_integer(y)
    )
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = UnknownFormatName;

    /// Reads a format's [`name`](Format::name), in any case.
    fn from_str(name: &str) -> Result<Format, UnknownFormatName> {
        Format::ALL
            .into_iter()
            .find(|format| format.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| UnknownFormatName(name.to_owned()))
    }
}

/// A format name that [`Format::from_str`](FromStr::from_str) does not know.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
#[error("unknown format \"{0}\" (expected rle, cells, life106 or life105)")]
pub struct UnknownFormatName(pub String);

/// Why a pattern could not be written in a format.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
pub enum WriteError {
    /// The format is read but not written (Life 1.05).
    #[error("corolife reads {} files but does not write them (write life106 or rle instead)", .0.title())]
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
    /// The text would be longer than [`MAX_TEXT`].
    #[error("the {} file would take {bytes} bytes, more than the {MAX_TEXT} allowed", .format.title())]
    TooLarge {
        /// The format.
        format: Format,
        /// How long the text would be.
        bytes: u64,
    },
}

/// Refuses cells in states other than alive, for two-state formats.
pub(crate) fn require_two_states(pattern: &Pattern, format: Format) -> Result<(), WriteError> {
    match pattern.cells().iter().find(|c| !c.state.is_alive()) {
        Some(cell) => Err(WriteError::State {
            format,
            y: cell.y,
            x: cell.x,
            state: cell.state.value(),
        }),
        None => Ok(()),
    }
}

/// Refuses metadata with line breaks.
pub(crate) fn require_single_lines(pattern: &Pattern, format: Format) -> Result<(), WriteError> {
    let fields = [
        ("name", pattern.name.as_deref()),
        ("author", pattern.author.as_deref()),
    ]
    .into_iter()
    .chain(
        pattern
            .comments
            .iter()
            .map(|c| ("comment", Some(c.as_str()))),
    );
    for (field, value) in fields {
        if value.is_some_and(|v| v.contains(['\n', '\r'])) {
            return Err(WriteError::LineBreak { format, field });
        }
    }
    Ok(())
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
    #[error("cannot tell the pattern format (expected RLE, plaintext, Life 1.05 or Life 1.06)")]
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

/// Reads the pattern file at `path`.
pub fn load(path: &Path) -> Result<Pattern, LoadError> {
    let bytes = std::fs::read(path).map_err(|error| LoadError::Io {
        path: path.to_owned(),
        error,
    })?;
    let extension = path.extension().and_then(|e| e.to_str());
    parse_bytes(&bytes, extension).map_err(|error| LoadError::Parse {
        path: path.to_owned(),
        error,
    })
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

/// Collects cells for a reader, enforcing [`MAX_CELLS`].
pub(crate) struct CellSink {
    cells: Vec<crate::Cell>,
    /// Where the cells go instead of `cells` while they fall inside it.
    raster: Option<Raster>,
    /// The last cell written, while every run has come after the one before
    /// it (row-major order, no position twice), as in almost every file.
    last: Option<(i32, i32)>,
    /// Whether they all have: then the cells need no sorting.
    ordered: bool,
}

/// The most cells [`CellSink::with_extent`] gives a raster (16 MiB): a
/// raster never holds more than a pattern may.
const MAX_RASTER: u64 = 1 << 24;
const _: () = assert!(MAX_RASTER <= MAX_CELLS as u64);

impl CellSink {
    /// A sink that lists its cells.
    pub(crate) fn new() -> CellSink {
        CellSink {
            cells: Vec::new(),
            raster: None,
            last: None,
            ordered: true,
        }
    }

    /// A sink for a pattern said to be `height` × `width` cells from
    /// (`top`, `left`): a raster of that size, if it is not too large, which
    /// the sink leaves for a list if a cell falls outside it.
    pub(crate) fn with_extent(top: i64, left: i64, height: u64, width: u64) -> CellSink {
        CellSink {
            raster: Raster::new(top, left, height, width, MAX_RASTER),
            ..CellSink::new()
        }
    }

    /// Adds `count` cells of `state` from (`y`, `x`) rightwards.
    #[inline(always)]
    pub(crate) fn run(
        &mut self,
        y: i64,
        x: i64,
        count: i64,
        state: crate::State,
    ) -> Result<(), ParseErrorKind> {
        if self.ordered_run(y, x, count, state) {
            Ok(())
        } else {
            self.any_run(y, x, count, state)
        }
    }

    /// Adds the cells of [`run`](CellSink::run) if that is the usual simple
    /// case: cells, into a raster, inside it, after every cell before.
    /// Returns whether it was.
    #[inline(always)]
    fn ordered_run(&mut self, y: i64, x: i64, count: i64, state: crate::State) -> bool {
        let Some(raster) = &mut self.raster else {
            return false;
        };
        // A raster's positions fit `i32`; `run` refuses what does not.
        let (Ok(y), Ok(x), Ok(count)) =
            (i32::try_from(y), i32::try_from(x), usize::try_from(count))
        else {
            return false;
        };
        let after = self.last.is_none_or(|last| last < (y, x));
        let simple = self.ordered && after && count > 0 && !state.is_empty();
        if !(simple && raster.run(y, x, count, state, true)) {
            return false;
        }
        self.last = Some((y, x + (count as i32 - 1)));
        true
    }

    /// The raster, for a reader to [append](Raster::appender) runs to, from
    /// (`y`, `x`) on, in order: `Some` while the sink holds one and every
    /// cell set so far comes before (`y`, `x`). The reader then tells
    /// [`appended`](CellSink::appended) the last cell it set.
    pub(crate) fn in_order(&mut self, y: i64, x: i64) -> Option<&mut Raster> {
        let after = self
            .last
            .is_none_or(|last| (i64::from(last.0), i64::from(last.1)) < (y, x));
        self.raster.as_mut().filter(|_| self.ordered && after)
    }

    /// Notes that the cell at `row` and `col` of the raster (counted from
    /// its first cell) is the last one appended to it.
    pub(crate) fn appended(&mut self, row: usize, col: usize) {
        if let Some(raster) = &self.raster {
            self.last = Some(raster.position(row, col));
        }
    }

    /// Adds the cells of [`run`](CellSink::run) in any other case, out of
    /// the reader's loop.
    #[inline(never)]
    fn any_run(
        &mut self,
        y: i64,
        x: i64,
        count: i64,
        state: crate::State,
    ) -> Result<(), ParseErrorKind> {
        if state.is_empty() || count <= 0 {
            return Ok(());
        }
        let held = self
            .raster
            .as_ref()
            .map_or(self.cells.len(), Raster::population);
        if held as u64 + count as u64 > MAX_CELLS as u64 {
            return Err(ParseErrorKind::TooManyCells);
        }
        let (Ok(y), Ok(first), Ok(last)) = (
            i32::try_from(y),
            i32::try_from(x),
            i32::try_from(x + count - 1),
        ) else {
            return Err(ParseErrorKind::OutOfRange);
        };
        let fresh = self.ordered && self.last.is_none_or(|last| last < (y, first));
        self.ordered = fresh;
        self.last = Some((y, last));
        if let Some(raster) = &mut self.raster {
            if raster.run(y, first, count as usize, state, fresh) {
                return Ok(());
            }
            // Outside the raster: a list from here on, which starts in
            // order whatever overlaps the raster had.
            self.cells = raster.to_list();
            self.raster = None;
            self.ordered = self.cells.last().is_none_or(|c| (c.y, c.x) < (y, first));
        }
        self.cells
            .extend((first..=last).map(|x| crate::Cell { y, x, state }));
        Ok(())
    }

    /// Adds one row of text, one character per cell, whose first cell is at
    /// (`y`, `left`): bytes for which `alive` holds are live cells, `.` is
    /// empty, anything else is an error naming `expected`. `number` is the
    /// line's number, for errors.
    pub(crate) fn row(
        &mut self,
        line: &str,
        number: usize,
        (y, left): (i64, i64),
        alive: impl Fn(u8) -> bool,
        expected: &'static str,
    ) -> Result<(), ParseError> {
        let bytes = line.as_bytes();
        let mut at = 0;
        // Every byte before `at` is ASCII (anything else is refused), so a
        // byte offset is a column.
        while let Some(&byte) = bytes.get(at) {
            if byte == b'.' {
                at += 1;
                continue;
            }
            if !alive(byte) {
                return Err(unexpected(line, number, at + 1, expected));
            }
            let run = bytes[at..].iter().take_while(|&&b| alive(b)).count();
            self.run(y, left + at as i64, run as i64, crate::State::ALIVE)
                .map_err(|kind| ParseError::new(number, at + 1, kind))?;
            at += run;
        }
        Ok(())
    }

    pub(crate) fn finish(self, pattern: &mut Pattern) {
        if let Some(raster) = self.raster {
            pattern.set_raster(raster);
        } else if self.ordered {
            pattern.set_ordered_cells(self.cells);
        } else {
            pattern.set_cells(self.cells);
        }
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
    fn life_headers_decide_before_anything_else() {
        let detect = |text| Format::detect(text, Some("rle"));
        assert_eq!(detect("\n#Life 1.05\n#P\n*\n"), Some(Format::Life105));
        assert_eq!(detect("#Life 1.06\n0 0\n"), Some(Format::Life106));
        assert_eq!(detect("#LIFE 1.06\r\n"), Some(Format::Life106));
    }

    #[test]
    fn header_less_life_files_are_told_by_their_first_cell_line() {
        assert_eq!(
            Format::detect("#D acorn\n#P -3 -1\n.*\n", None),
            Some(Format::Life105)
        );
        assert_eq!(
            Format::detect("#D list\n1 -2\n", None),
            Some(Format::Life106)
        );
        assert_eq!(Format::detect("-1 4\n2 2\n", None), Some(Format::Life106));
        // A row of dead cells alone is valid RLE data.
        assert_eq!(Format::detect("#N x\n...\n3o!", None), Some(Format::Rle));
        assert_eq!(
            Format::detect("#D only comments", Some("lif")),
            Some(Format::Life106)
        );
        assert_eq!(Format::detect("#D only comments", None), Some(Format::Rle));
    }

    #[test]
    fn extensions_decide_what_the_content_does_not() {
        for (extension, format) in [
            ("rle", Some(Format::Rle)),
            ("cells", Some(Format::Plaintext)),
            ("TXT", Some(Format::Plaintext)),
            ("lif", Some(Format::Life106)),
            ("Life", Some(Format::Life106)),
            ("mc", None),
        ] {
            assert_eq!(
                Format::detect("o$o!", Some(extension)),
                format,
                "{extension}"
            );
        }
    }

    #[test]
    fn names_parse_back_and_unknown_names_are_refused() {
        for format in Format::ALL {
            assert_eq!(format.name().parse(), Ok(format));
            assert_eq!(format.to_string(), format.name());
            assert_eq!(format.is_writable(), format != Format::Life105);
        }
        assert_eq!("Cells".parse(), Ok(Format::Plaintext));
        let error = "mc".parse::<Format>().expect_err("not a format");
        assert_eq!(
            error.to_string(),
            "unknown format \"mc\" (expected rle, cells, life106 or life105)"
        );
    }

    #[test]
    fn life105_is_read_but_not_written() {
        assert_eq!(
            Format::Life105.write(&Pattern::default()),
            Err(WriteError::ReadOnly(Format::Life105))
        );
        assert_eq!(
            WriteError::ReadOnly(Format::Life105).to_string(),
            "corolife reads Life 1.05 files but does not write them (write life106 or rle instead)"
        );
    }

    #[test]
    fn an_unknown_format_error_lists_every_format() {
        let error = parse("hello", None).expect_err("not a pattern");
        assert_eq!(
            error.to_string(),
            "line 1, column 1: cannot tell the pattern format (expected RLE, plaintext, Life 1.05 or Life 1.06)"
        );
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
