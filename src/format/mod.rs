//! Pattern files: reading them into [`Pattern`]s and writing them back.
//!
//! One module per format, each following its LifeWiki specification:
//!
//! * [`rle`] — run-length encoded, the format Golly and LifeWiki use most;
//! * [`plaintext`] — `.cells`, one character per cell;
//! * [`life106`] — Life 1.06, one `x y` line per live cell;
//! * [`life105`] — Life 1.05, blocks of `.`/`*` rows at given positions
//!   (read only);
//! * [`macrocell`] — Golly's `.mc`, the quadtree HashLife keeps, each
//!   distinct square once: a huge pattern in a small file;
//! * [`mcell`] — MCell's `.mcl`, multistate cells on a board, read as
//!   Golly reads them (read only).
//!
//! [`bundle`] reads Golly's zip bundles: the rule files and patterns
//! inside one `.zip`.
//!
//! [`Format::detect`] tells them apart from the content first and the file
//! extension second; [`parse`] and [`load`] do that and read.
//! [`Format::write`] writes a pattern back.
//!
//! # gzip
//!
//! Any of them may be gzip-compressed (Golly's `.rle.gz`, `.mc.gz`):
//! [`parse_bytes`] and [`load`] tell gzip data by its first two bytes
//! (`1f 8b`), not by the name, decompress it (up to [`MAX_INPUT`] bytes)
//! and read the text inside, an inner extension (`.rle` of `.rle.gz`)
//! helping detection as an extension does. [`write_file`] compresses what
//! it writes when the name ends in `.gz`, and [`Format::from_path`] takes
//! the format from the extension before it. A zip bundle is not a pattern
//! file: [`parse_bytes`] refuses one with [`ParseErrorKind::Zip`], and
//! [`bundle::Bundle::read`] opens it.
//!
//! # Macrocell patterns
//!
//! A pattern read from a macrocell file keeps the tree
//! ([`Pattern::macrocell`]): its population and bounding box come from the
//! tree, and its cells are listed only when asked for. Listing is refused
//! for a tree of more than [`MAX_CELLS`] cells or with cells beyond the
//! `i32` range ([`Pattern::try_cells`]): such a pattern can be written as
//! macrocell, but not in the other formats nor put on a grid.
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
//! | [`Macrocell`](Format::Macrocell) | yes | all (two-state files with 8×8 leaves, others with 2×2 ones) | yes (a root of level `L` has its top-left corner at x = −2^(`L`−1), y = 1 − 2^(`L`−1), as in Golly) | yes (`#G`) | yes (`#N`, `#O`, `#C`) | yes (`#R`); none is written as `B3/S23` |
//! | [`Life105`](Format::Life105) | read only | | | | | |
//! | [`MCell`](Format::MCell) | read only | | | | | |
//!
//! A pattern read from a file that gives its own coordinates (RLE with a
//! position line, Life 1.05 with `#P`, any Life 1.06 or macrocell) is
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

pub mod bundle;
mod detect;
mod error;
mod gzip;
pub mod life105;
pub mod life106;
pub mod macrocell;
pub mod mcell;
pub mod plaintext;
pub(crate) mod raster;
pub mod rle;
mod sink;

use std::borrow::Cow;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::Pattern;

pub(crate) use self::error::unexpected;
pub use self::error::{
    Found, LoadError, ParseError, ParseErrorKind, UnknownFormatName, WriteError,
};
pub use self::gzip::{is_gzip_path, write_file, write_file_with};
pub(crate) use self::sink::CellSink;

/// The most non-empty cells a pattern file may describe. Beyond this a file
/// is refused rather than allowed to exhaust memory.
pub const MAX_CELLS: usize = 1 << 26;

/// The longest text a writer produces, in bytes. Only plaintext, which
/// spends a character on every dead cell inside the pattern's rows, can
/// reach it.
pub const MAX_TEXT: u64 = 1 << 30;

/// The most bytes a gzip-compressed file may decompress to (1 GiB).
pub const MAX_INPUT: u64 = 1 << 30;

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
    /// Golly's macrocell (`.mc`): the quadtree, each distinct square once.
    Macrocell,
    /// MCell (`.mcl`): multistate run-length cells on a board; read only.
    MCell,
}

impl Format {
    /// Every format, the writable ones first.
    pub const ALL: [Format; 6] = [
        Format::Rle,
        Format::Plaintext,
        Format::Life106,
        Format::Macrocell,
        Format::Life105,
        Format::MCell,
    ];

    /// The format's short name, as command lines spell it: `rle`, `cells`,
    /// `life106`, `life105`, `mc`, `mcell`. [`FromStr`] reads these back.
    pub const fn name(self) -> &'static str {
        match self {
            Format::Rle => "rle",
            Format::Plaintext => "cells",
            Format::Life106 => "life106",
            Format::Life105 => "life105",
            Format::Macrocell => "mc",
            Format::MCell => "mcell",
        }
    }

    /// The format's name in prose: `RLE`, `plaintext`, `Life 1.06`,
    /// `Life 1.05`, `macrocell`, `MCell`.
    pub const fn title(self) -> &'static str {
        match self {
            Format::Rle => "RLE",
            Format::Plaintext => "plaintext",
            Format::Life106 => "Life 1.06",
            Format::Life105 => "Life 1.05",
            Format::Macrocell => "macrocell",
            Format::MCell => "MCell",
        }
    }

    /// The usual file extension (without the dot): `rle`, `cells`, `lif`,
    /// `mc`, `mcl`.
    pub const fn extension(self) -> &'static str {
        match self {
            Format::Rle => "rle",
            Format::Plaintext => "cells",
            Format::Life106 | Format::Life105 => "lif",
            Format::Macrocell => "mc",
            Format::MCell => "mcl",
        }
    }

    /// Whether [`write`](Format::write) can write this format (all but
    /// Life 1.05 and MCell).
    pub const fn is_writable(self) -> bool {
        !matches!(self, Format::Life105 | Format::MCell)
    }

    /// Reads `text` in this format.
    pub fn parse(self, text: &str) -> Result<Pattern, ParseError> {
        match self {
            Format::Rle => rle::parse(text),
            Format::Plaintext => plaintext::parse(text),
            Format::Life106 => life106::parse(text),
            Format::Life105 => life105::parse(text),
            Format::Macrocell => macrocell::parse(text).map(Pattern::from),
            Format::MCell => mcell::parse(text),
        }
    }

    /// Writes `pattern` in this format.
    ///
    /// The module table says what each format keeps. A pattern that the
    /// format cannot hold is an error, never silently changed: a state other
    /// than alive in plaintext or Life 1.06, a line break in the metadata,
    /// a plaintext file longer than [`MAX_TEXT`], or any Life 1.05 or
    /// MCell (which corolife reads only). A
    /// macrocell tree too large to list ([`Pattern::try_cells`]) is
    /// written as macrocell only.
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
        if self != Format::Macrocell {
            pattern.try_cells()?;
        }
        match self {
            Format::Rle => rle::write(pattern),
            Format::Plaintext => plaintext::write(pattern),
            Format::Life106 => life106::write(pattern),
            Format::Life105 | Format::MCell => Err(WriteError::ReadOnly(self)),
            Format::Macrocell => macrocell::write(pattern),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = UnknownFormatName;

    /// Reads a format's [`name`](Format::name), in any case; `macrocell`
    /// is `mc` too.
    fn from_str(name: &str) -> Result<Format, UnknownFormatName> {
        let wanted = name.trim();
        if wanted.eq_ignore_ascii_case("macrocell") {
            return Ok(Format::Macrocell);
        }
        Format::ALL
            .into_iter()
            .find(|format| format.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownFormatName(name.to_owned()))
    }
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

/// Reads a pattern from raw bytes (a file's content): text, or text
/// gzip-compressed (told by its first bytes, and at most [`MAX_INPUT`]
/// bytes once decompressed). What is neither UTF-8 text nor gzip is
/// refused: a zip bundle with [`ParseErrorKind::Zip`] (open it with
/// [`bundle::Bundle::read`]), binary data whose first bytes say what it is
/// (an image, bzip2, xz, …) with [`ParseErrorKind::Binary`], anything else
/// with [`ParseErrorKind::NotText`] and where the text stops.
///
/// ```
/// use corolife::format::{self, ParseErrorKind};
///
/// let zip = format::parse_bytes(b"PK\x03\x04\x14\x00", None).expect_err("a bundle");
/// assert_eq!(zip.kind, ParseErrorKind::Zip);
/// let png = format::parse_bytes(b"\x89PNG\r\n\x1a\n", Some("rle")).expect_err("an image");
/// assert_eq!(png.to_string(), "not a text file: this looks like a PNG image");
/// ```
pub fn parse_bytes(bytes: &[u8], extension: Option<&str>) -> Result<Pattern, ParseError> {
    let whole = |kind| ParseError::new(1, 1, kind);
    let bytes = if gzip::is_gzip(bytes) {
        Cow::Owned(gzip::decompress(bytes).map_err(whole)?)
    } else {
        Cow::Borrowed(bytes)
    };
    let bytes = bytes.as_ref();
    if let Some(kind) = binary_kind(bytes) {
        return Err(whole(kind));
    }
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

/// What binary data `bytes` is, told by its first bytes, if it is of a
/// kind people hand a pattern reader by mistake.
fn binary_kind(bytes: &[u8]) -> Option<ParseErrorKind> {
    if gzip::is_zip(bytes) || bytes.starts_with(b"PK\x05\x06") {
        return Some(ParseErrorKind::Zip);
    }
    const KINDS: [(&[u8], &str); 9] = [
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"BZh", "bzip2-compressed data"),
        (b"\xfd7zXZ\x00", "xz-compressed data"),
        (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
        (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
        (b"%PDF-", "a PDF document"),
    ];
    let kind = KINDS
        .into_iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| kind)
        .or_else(|| {
            let start = &bytes[..bytes.len().min(4096)];
            if bytes.starts_with(b"\x7fELF") {
                Some("a program (ELF)")
            } else if bytes.len() > 262 && &bytes[257..262] == b"ustar" {
                Some("a tar archive")
            } else if start.contains(&0) {
                Some("binary data (it holds NUL bytes)")
            } else {
                None
            }
        })?;
    Some(ParseErrorKind::Binary(kind))
}

/// Reads the pattern file at `path`, gzip-compressed or not (see
/// [`parse_bytes`]); its extension helps detection, the one before a
/// final `.gz` for a compressed file.
pub fn load(path: &Path) -> Result<Pattern, LoadError> {
    let bytes = std::fs::read(path).map_err(|error| LoadError::Io {
        path: path.to_owned(),
        error,
    })?;
    let inner;
    let path_extension = if gzip::is_gzip_path(path) {
        inner = path.with_extension("");
        inner.extension()
    } else {
        path.extension()
    };
    let extension = path_extension.and_then(|e| e.to_str());
    parse_bytes(&bytes, extension).map_err(|error| LoadError::Parse {
        path: path.to_owned(),
        error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_and_unknown_names_are_refused() {
        for format in Format::ALL {
            assert_eq!(format.name().parse(), Ok(format));
            assert_eq!(format.to_string(), format.name());
            assert_eq!(
                format.is_writable(),
                !matches!(format, Format::Life105 | Format::MCell)
            );
        }
        assert_eq!("Cells".parse(), Ok(Format::Plaintext));
        assert_eq!("MC".parse(), Ok(Format::Macrocell));
        let error = "png".parse::<Format>().expect_err("not a format");
        assert_eq!(
            error.to_string(),
            "unknown format \"png\" (expected rle, cells, life106, mc, life105 or mcell)"
        );
    }

    #[test]
    fn mcell_is_read_but_not_written() {
        assert_eq!(
            WriteError::ReadOnly(Format::MCell).to_string(),
            "corolife reads MCell files but does not write them (write rle instead)"
        );
        assert_eq!("MCELL".parse(), Ok(Format::MCell));
        assert_eq!(Format::MCell.extension(), "mcl");
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
            "line 1, column 1: cannot tell the pattern format (expected RLE, plaintext, Life 1.05, Life 1.06, macrocell or MCell)"
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
    fn archives_and_other_binaries_say_what_they_look_like() {
        let message = |bytes: &[u8]| parse_bytes(bytes, Some("rle")).unwrap_err().to_string();
        assert_eq!(
            message(b"PK\x03\x04\x14\x00\x00\x00"),
            "a zip bundle, not a pattern file: open it as a bundle to reach the rule files and patterns inside"
        );
        assert_eq!(
            parse_bytes(b"PK\x05\x06", None).unwrap_err().kind,
            ParseErrorKind::Zip
        );
        assert_eq!(
            message(b"BZh91AY&SY"),
            "not a text file: this looks like bzip2-compressed data"
        );
        assert_eq!(
            message(b"GIF89a\x01\x00"),
            "not a text file: this looks like a GIF image"
        );
        assert_eq!(
            message(b"x = 1, y = 1\n\0o!"),
            "not a text file: this looks like binary data (it holds NUL bytes)"
        );
        // A zip that was gzip-compressed is still a zip.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"PK\x03\x04rest").expect("in memory");
        let gz = gz.finish().expect("in memory");
        assert_eq!(
            parse_bytes(&gz, None).unwrap_err().kind,
            ParseErrorKind::Zip
        );
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let pattern = parse_bytes("\u{feff}x = 1, y = 1\no!".as_bytes(), None).expect("valid");
        assert_eq!(pattern.population(), 1);
    }
}
