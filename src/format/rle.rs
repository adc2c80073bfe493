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
//!   ([`Pattern::generation`], any `u64`). Other keys are skipped, as Golly
//!   skips them; a malformed `Pos` or `Gen` is an error. The line is not
//!   kept as a comment.
//! * A file with a `#P`, `#R` or `#CXRLE Pos=` line is
//!   [`positioned`](Pattern::positioned): its cells keep the coordinates it
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
//! The writer ([`write()`]) keeps everything a [`Pattern`] holds:
//!
//! * first, when the pattern's top-left corner is not at 0, 0 or its
//!   [`generation`](Pattern::generation) is not 0, Golly's line
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

use std::fmt::Write as _;

use crate::format::{CellSink, Format, Found, ParseError, ParseErrorKind, WriteError, unexpected};
use crate::{Pattern, Rule, State};

/// The longest data line [`write()`] produces, as the specification asks.
pub const LINE_LENGTH: usize = 70;

/// The largest run count: the writer puts no more in one item, and the
/// reader refuses more.
const MAX_RUN: u64 = i32::MAX as u64;

/// What the data section accepts, for error messages.
const EXPECTED_ITEM: &str = "a run count or one of b o $ !";

/// What must follow a state prefix.
const PREFIXED_STATE: &str = "a state letter A-X after the prefix";

/// What must follow a run count at once.
const AFTER_COUNT: &str = "a tag right after the run count";

/// Whether `line` is an RLE header (`x = …`).
pub(crate) fn is_header(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with(['x', 'X']) && line[1..].trim_start().starts_with('=')
}

/// Reads an RLE pattern.
pub fn parse(text: &str) -> Result<Pattern, ParseError> {
    let mut pattern = Pattern::default();
    let mut header_rule = None;
    let mut comment_rule = None;
    let mut origin = (0i64, 0i64);
    let mut data = Data::new();
    let mut in_data = false;
    // The line before, for errors at its end.
    let mut last_line = (1, "");

    let mut start = 0;
    for (index, raw) in text.split('\n').enumerate() {
        let number = index + 1;
        // The line and all the text after it.
        let rest = &text.as_bytes()[start..];
        start += raw.len() + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if data.count.is_some() {
            // A run count and its tag are one item: no line break between.
            let (line, text) = last_line;
            return Err(ParseError::new(
                line,
                text.chars().count() + 1,
                ParseErrorKind::Unexpected {
                    expected: AFTER_COUNT,
                    found: Found::EndOfLine,
                },
            ));
        }
        last_line = (number, line);
        if line.starts_with('#') {
            metadata(line, number, &mut pattern, &mut comment_rule, &mut origin)?;
            continue;
        }
        if !in_data {
            if line.trim().is_empty() {
                continue;
            }
            in_data = true;
            if is_header(line) {
                let Header {
                    width,
                    height,
                    rule,
                } = header(line, number)?;
                header_rule = rule;
                if let (Some(width), Some(height)) = (width, height) {
                    // Most files say their size truly: read straight into a
                    // raster of it.
                    data.sink = CellSink::with_extent(origin.0, origin.1, height, width);
                }
                continue;
            }
        }
        if data.line(line, rest, number, origin)? {
            data.sink.finish(&mut pattern);
            pattern.rule = header_rule.or(comment_rule);
            return Ok(pattern);
        }
    }
    let (line, column) = (last_line.0, last_line.1.chars().count() + 1);
    let expected = if data.count.is_some() {
        AFTER_COUNT
    } else {
        EXPECTED_ITEM
    };
    Err(ParseError::new(
        line,
        column,
        ParseErrorKind::Unexpected {
            expected,
            found: Found::EndOfFile,
        },
    ))
}

/// A `#` line.
fn metadata(
    line: &str,
    number: usize,
    pattern: &mut Pattern,
    rule: &mut Option<Rule>,
    origin: &mut (i64, i64),
) -> Result<(), ParseError> {
    if let Some(words) = line.strip_prefix(XRLE)
        && words.chars().next().is_none_or(|c| c == ' ' || c == '\t')
    {
        return xrle(line, number, pattern, origin);
    }
    let mut chars = line[1..].chars();
    let Some(tag) = chars.next() else {
        return Ok(());
    };
    let rest = chars.as_str();
    let value = rest.strip_prefix(' ').unwrap_or(rest).trim_end();
    let column = line.chars().count() - rest.chars().count() + 1;
    match tag {
        'N' if pattern.name.is_none() => pattern.name = Some(value.to_owned()),
        'O' if pattern.author.is_none() => pattern.author = Some(value.to_owned()),
        'N' | 'O' | 'C' | 'c' => pattern.comments.push(value.to_owned()),
        'r' => {
            *rule = Some(
                value
                    .parse()
                    .map_err(|e| ParseError::new(number, column, ParseErrorKind::Rule(e)))?,
            );
        }
        'P' | 'R' => {
            let mut numbers = value.split_whitespace().map(|n| n.parse::<i32>());
            match (numbers.next(), numbers.next(), numbers.next()) {
                (Some(Ok(x)), Some(Ok(y)), None) => {
                    *origin = (i64::from(y), i64::from(x));
                    pattern.positioned = true;
                }
                _ => {
                    return Err(ParseError::new(
                        number,
                        column,
                        ParseErrorKind::Unexpected {
                            expected: "two integers x y",
                            found: value.chars().next().map_or(Found::EndOfLine, Found::Char),
                        },
                    ));
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// The tag of Golly's extended RLE line, `#CXRLE Pos=x,y Gen=n`. It
/// starts like a comment so that programs that do not know it skip it.
const XRLE: &str = "#CXRLE";

/// A `#CXRLE` line: blank-separated `key=value` words after the tag. `Pos`
/// moves the origin as `#P` does, `Gen` gives the generation; other keys,
/// and words without `=`, are skipped, as Golly skips them.
fn xrle(
    line: &str,
    number: usize,
    pattern: &mut Pattern,
    origin: &mut (i64, i64),
) -> Result<(), ParseError> {
    let mut value = XrleValue {
        line,
        number,
        at: 0,
    };
    let mut at = XRLE.len();
    while at < line.len() {
        let rest = &line[at..];
        let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let start = at + blanks;
        let word = line[start..].split([' ', '\t']).next().unwrap_or_default();
        at = start + word.len();
        let Some((key, _)) = word.split_once('=') else {
            continue;
        };
        value.at = start + key.len() + 1;
        match key {
            "Pos" => {
                let x = value.integer("the column, an integer (Pos=x,y)")?;
                value.expect(',', "a comma after the column (Pos=x,y)")?;
                let y = value.integer("the row, an integer (Pos=x,y)")?;
                value.end("a blank or the end of the line after Pos=x,y")?;
                *origin = (i64::from(y), i64::from(x));
                pattern.positioned = true;
            }
            "Gen" => {
                pattern.generation = value.generation()?;
                value.end("a blank or the end of the line after Gen=n")?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// A cursor over the value of a `#CXRLE` key, which ends at a blank or at
/// the end of the line.
struct XrleValue<'a> {
    line: &'a str,
    number: usize,
    /// Byte offset of the cursor in `line`.
    at: usize,
}

impl<'a> XrleValue<'a> {
    fn error(&self, byte: usize, kind: ParseErrorKind) -> ParseError {
        ParseError::new(self.number, self.line[..byte].chars().count() + 1, kind)
    }

    /// The error of what stands at the cursor where `expected` should.
    fn unexpected(&self, expected: &'static str) -> ParseError {
        let found = self.line[self.at..]
            .chars()
            .next()
            .map_or(Found::EndOfLine, Found::Char);
        self.error(self.at, ParseErrorKind::Unexpected { expected, found })
    }

    /// The digits at the cursor, which it moves past.
    fn digits(&mut self) -> &'a str {
        let rest = &self.line[self.at..];
        let length = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        self.at += length;
        &rest[..length]
    }

    /// An optionally signed integer in the `i32` range.
    fn integer(&mut self, expected: &'static str) -> Result<i32, ParseError> {
        let start = self.at;
        if self.line[start..].starts_with(['-', '+']) {
            self.at += 1;
        }
        if self.digits().is_empty() {
            return Err(self.unexpected(expected));
        }
        let text = &self.line[start..self.at];
        let value = text
            .parse::<i64>()
            .map_err(|_| self.error(start, ParseErrorKind::NumberTooLarge(text.to_owned())))?;
        i32::try_from(value).map_err(|_| self.error(start, ParseErrorKind::OutOfRange))
    }

    /// A generation: a non-negative integer in the `u64` range.
    fn generation(&mut self) -> Result<u64, ParseError> {
        let start = self.at;
        let digits = self.digits();
        if digits.is_empty() {
            return Err(self.unexpected("the generation, a non-negative integer (Gen=n)"));
        }
        digits
            .parse()
            .map_err(|_| self.error(start, ParseErrorKind::NumberTooLarge(digits.to_owned())))
    }

    /// Moves past `c`, which must be at the cursor.
    fn expect(&mut self, c: char, expected: &'static str) -> Result<(), ParseError> {
        if !self.line[self.at..].starts_with(c) {
            return Err(self.unexpected(expected));
        }
        self.at += c.len_utf8();
        Ok(())
    }

    /// Requires that the value ends at the cursor.
    fn end(&self, expected: &'static str) -> Result<(), ParseError> {
        match self.line[self.at..].chars().next() {
            None | Some(' ' | '\t') => Ok(()),
            Some(_) => Err(self.unexpected(expected)),
        }
    }
}

/// What the header line says: the pattern's width and height, and its rule.
#[derive(Default)]
struct Header {
    width: Option<u64>,
    height: Option<u64>,
    rule: Option<Rule>,
}

/// The header line `x = m, y = n, rule = R`.
fn header(line: &str, number: usize) -> Result<Header, ParseError> {
    let mut rest = line;
    let mut header = Header::default();
    while !rest.trim().is_empty() {
        let column = line.len() - rest.len();
        let column = line[..column].chars().count() + 1;
        let Some((key, value)) = rest.split_once('=') else {
            return Err(ParseError::new(
                number,
                column,
                ParseErrorKind::Unexpected {
                    expected: "key = value",
                    found: Found::EndOfLine,
                },
            ));
        };
        let value_column = column + key.chars().count() + 1;
        let key = key
            .trim()
            .trim_start_matches(',')
            .trim()
            .to_ascii_lowercase();
        if key == "rule" {
            // The rule runs to the end of the line: a torus suffix such as
            // `:T80,40` has a comma of its own.
            header.rule = Some(
                value
                    .trim()
                    .parse()
                    .map_err(|e| ParseError::new(number, value_column, ParseErrorKind::Rule(e)))?,
            );
            break;
        }
        let (value, next) = value.split_once(',').map_or((value, ""), |(v, n)| (v, n));
        let size = match key.as_str() {
            "x" => Some(&mut header.width),
            "y" => Some(&mut header.height),
            _ => None,
        };
        if let Some(size) = size {
            *size = Some(value.trim().parse::<u64>().map_err(|_| {
                ParseError::new(
                    number,
                    value_column,
                    ParseErrorKind::Unexpected {
                        expected: "a number",
                        found: value
                            .trim()
                            .chars()
                            .next()
                            .map_or(Found::EndOfLine, Found::Char),
                    },
                )
            })?);
        }
        rest = next;
    }
    Ok(header)
}

/// The data section: runs of cells up to `!`.
struct Data {
    sink: CellSink,
    y: i64,
    x: i64,
    /// The run count read so far, with the column where it started.
    count: Option<(u64, usize)>,
    /// A state prefix letter `p`…`y` waiting for its `A`…`X`.
    prefix: Option<u8>,
}

impl Data {
    fn new() -> Data {
        Data {
            sink: CellSink::new(),
            y: 0,
            x: 0,
            count: None,
            prefix: None,
        }
    }

    /// Reads one line of data; returns whether it reached `!`.
    fn line(
        &mut self,
        line: &str,
        rest: &[u8],
        number: usize,
        origin: (i64, i64),
    ) -> Result<bool, ParseError> {
        let bytes = line.as_bytes();
        let mut at = 0;
        // Every byte before `at` is ASCII (anything else is refused), so a
        // byte offset is a column.
        if let Some(prefix) = self.prefix.take() {
            // A prefix at the end of the line before, with no count (one
            // would have been refused at the line break): its letter is
            // first.
            self.prefixed(prefix, line, number, 1, 1, origin)?;
            at = 1;
        }
        at = self.in_raster(bytes, rest, at, number, origin);
        while at < bytes.len() {
            let start = at + 1;
            let (count, digits) = run_count(bytes, at, number)?;
            at += digits;
            let Some(&tag) = bytes.get(at) else {
                // A count at the end of the line: its tag must come at once.
                self.count = Some((count, start));
                break;
            };
            at += 1;
            let column = at;
            let fail = |kind| ParseError::new(number, column, kind);
            let count = count as i64;
            match tag {
                b'b' | b'.' => {
                    self.x += count;
                    self.check_range().map_err(fail)?;
                }
                b'o' => self.cells(State::ALIVE, count, origin).map_err(fail)?,
                b'$' => {
                    self.y += count;
                    self.x = 0;
                    self.check_range().map_err(fail)?;
                }
                b'A'..=b'X' => self
                    .cells(State::new(tag - b'A' + 1), count, origin)
                    .map_err(fail)?,
                b'p'..=b'y' if at == bytes.len() => {
                    self.prefix = Some(tag);
                    if digits > 0 {
                        self.count = Some((count as u64, start));
                    }
                }
                b'p'..=b'y' => {
                    self.prefixed(tag, line, number, at + 1, count as u64, origin)?;
                    at += 1;
                }
                b' ' | b'\t' | b'\r' if digits > 0 => {
                    return Err(unexpected(line, number, column, AFTER_COUNT));
                }
                b' ' | b'\t' | b'\r' => {}
                b'!' => return Ok(true),
                _ => return Err(unexpected(line, number, column, EXPECTED_ITEM)),
            }
        }
        Ok(false)
    }

    /// Reads the usual items of a data line from byte `at` on — runs of
    /// `b`, `.`, `o` and `$` — straight into the sink's raster, while they
    /// stay inside it and come after every cell set before. Returns where it
    /// stopped: at the line's end, or at the first item it leaves to
    /// [`line`](Data::line), with the position moved past the items read.
    ///
    /// Almost every cell of a large file is read here. It keeps the
    /// position in registers, counts what it sets only when done, and skips
    /// the checks a raster makes needless: on the 2048² soup about 80
    /// instructions an item against 100, and a quarter less time
    /// (`cargo bench --bench formats -- rle::parse`).
    #[inline(always)]
    fn in_raster(
        &mut self,
        line: &[u8],
        rest: &[u8],
        mut at: usize,
        number: usize,
        origin: (i64, i64),
    ) -> usize {
        let (y, x) = (origin.0 + self.y, origin.1 + self.x);
        let Some(raster) = self.sink.in_order(y, x) else {
            return at;
        };
        // The data's origin in the raster: each row starts at its column
        // (`$` goes back to it).
        let Some((top, left)) = raster.offset(origin.0, origin.1) else {
            return at;
        };
        let (mut row, mut col) = (top + self.y as usize, left + self.x as usize);
        let (height, width) = raster.size();
        if row >= height || col > width {
            return at;
        }
        let mut cells = raster.appender();
        while at < line.len() {
            // Counts end where the line does, as neither `\r` nor `\n` is a
            // digit: reading the count from `rest`, the text after the line
            // as well, finds the same count, but eight bytes at a time
            // almost up to the end of the file.
            let Ok((count, digits)) = run_count(rest, at, number) else {
                break;
            };
            let Some(&tag) = line.get(at + digits) else {
                break;
            };
            // At most `MAX_RUN`.
            let count = count as usize;
            match tag {
                b'b' | b'.' if col + count <= width => col += count,
                b'o' if count > 0 && col + count <= width => {
                    cells.run(row, col, count, State::ALIVE);
                    col += count;
                }
                // `0$` goes back to the start of the row, before cells set.
                b'$' if count > 0 && row + count < height => {
                    row += count;
                    col = left;
                }
                _ => break,
            }
            at += digits + 1;
        }
        let last = cells.last();
        drop(cells);
        if let Some((row, col)) = last {
            self.sink.appended(row, col);
        }
        (self.y, self.x) = ((row - top) as i64, (col - left) as i64);
        at
    }

    /// The cells of a state written as prefix `prefix` and the letter at
    /// `column` of `line`.
    fn prefixed(
        &mut self,
        prefix: u8,
        line: &str,
        number: usize,
        column: usize,
        count: u64,
        origin: (i64, i64),
    ) -> Result<(), ParseError> {
        let letter = line.as_bytes().get(column - 1).copied().unwrap_or(0);
        if !(b'A'..=b'X').contains(&letter) {
            return Err(unexpected(line, number, column, PREFIXED_STATE));
        }
        let fail = |kind| ParseError::new(number, column, kind);
        let state = 24 * u32::from(prefix - b'p' + 1) + u32::from(letter - b'A' + 1);
        let state = u8::try_from(state)
            .map_err(|_| fail(ParseErrorKind::NumberTooLarge(format!("state {state}"))))?;
        self.cells(State::new(state), count as i64, origin)
            .map_err(fail)
    }

    #[inline(always)]
    fn cells(
        &mut self,
        state: State,
        count: i64,
        origin: (i64, i64),
    ) -> Result<(), ParseErrorKind> {
        self.sink
            .run(origin.0 + self.y, origin.1 + self.x, count, state)?;
        self.x += count;
        self.check_range()
    }

    fn check_range(&self) -> Result<(), ParseErrorKind> {
        // Positions may run one past the last cell; anything far beyond the
        // i32 range is refused before it can overflow.
        if self.x > 1 << 33 || self.y > 1 << 33 {
            Err(ParseErrorKind::OutOfRange)
        } else {
            Ok(())
        }
    }
}

/// The run count at byte `at` of a data line, 1 if there is none, and how
/// many digits it has.
///
/// Counts are as unpredictable as the pattern, so the usual one or two
/// digits are found without a branch that depends on them: the eight bytes
/// from `at` are tested as one word, where the line has them.
#[inline(always)]
fn run_count(line: &[u8], at: usize, number: usize) -> Result<(u64, usize), ParseError> {
    if let Some(bytes) = line.get(at..at + 8) {
        let word = u64::from_le_bytes(bytes.try_into().unwrap_or_default());
        // The top bit of each byte: set where the byte is at least b'0'
        // and not beyond b'9'. Adding to a byte carries into the next only
        // past a non-ASCII byte, which is not a digit itself, so the
        // bytes up to the first non-digit are tested right.
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let at_least_0 = word.wrapping_add(0x5050_5050_5050_5050);
        let beyond_9 = word.wrapping_add(0x4646_4646_4646_4646);
        let digit = at_least_0 & !beyond_9 & HIGH;
        let digits = (!digit & HIGH).trailing_zeros() as usize / 8;
        if digits <= 2 {
            let [first, second] = [0, 1].map(|i| u64::from(bytes[i].wrapping_sub(b'0')));
            let two = u64::from(digits == 2);
            let value = first.wrapping_mul(1 + 9 * two).wrapping_add(second * two);
            let count = std::hint::select_unpredictable(digits == 0, 1, value);
            return Ok((count, digits));
        }
    }
    let digits = line[at..].iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return Ok((1, 0));
    }
    let mut count = 0u64;
    for &digit in &line[at..at + digits] {
        count = count * 10 + u64::from(digit - b'0');
        if count > MAX_RUN {
            return Err(too_large(line, number, at + 1));
        }
    }
    Ok((count, digits))
}

/// The error of a run count from `column` of `line` beyond `i32`.
#[cold]
fn too_large(line: &[u8], number: usize, column: usize) -> ParseError {
    let digits = line[column - 1..].iter().take_while(|b| b.is_ascii_digit());
    let digits = digits.map(|&b| char::from(b)).collect();
    ParseError::new(number, column, ParseErrorKind::NumberTooLarge(digits))
}

/// Writes `pattern` as RLE.
pub fn write(pattern: &Pattern) -> Result<String, WriteError> {
    super::require_single_lines(pattern, Format::Rle)?;
    let bounds = pattern.bounding_box();
    let (left, top) = bounds.map_or((0, 0), |b| (b.left, b.top));
    let mut text = String::new();
    if (left, top) != (0, 0) || pattern.generation > 0 {
        let _ = write!(text, "{XRLE} Pos={left},{top}");
        if pattern.generation > 0 {
            let _ = write!(text, " Gen={}", pattern.generation);
        }
        text.push('\n');
    }
    let mut line = |tag: &str, value: &str| {
        let _ = writeln!(text, "{}", format!("#{tag} {value}").trim_end());
    };
    if let Some(name) = &pattern.name {
        line("N", name);
    }
    if let Some(author) = &pattern.author {
        line("O", author);
    }
    for comment in &pattern.comments {
        line("C", comment);
    }
    let rule = pattern.rule.unwrap_or(Rule::LIFE);
    let Some(bounds) = bounds else {
        let _ = write!(text, "x = 0, y = 0, rule = {rule}\n!\n");
        return Ok(text);
    };
    let _ = writeln!(
        text,
        "x = {}, y = {}, rule = {rule}",
        bounds.width(),
        bounds.height()
    );
    let multi_state = pattern.cells().iter().any(|c| c.state.value() > 1);
    let dead = if multi_state { "." } else { "b" };
    let mut data = Lines::new(text);
    let mut row_start = 0;
    let cells = pattern.cells();
    while row_start < cells.len() {
        let y = cells[row_start].y;
        let row_end = cells[row_start..]
            .iter()
            .position(|c| c.y != y)
            .map_or(cells.len(), |n| row_start + n);
        if row_start > 0 {
            data.item(row_gap(cells[row_start - 1].y, y), "$");
        }
        let mut x = i64::from(bounds.left);
        let mut run_start = row_start;
        while run_start < row_end {
            let first = cells[run_start];
            let run = cells[run_start..row_end]
                .iter()
                .zip(i64::from(first.x)..)
                .take_while(|(c, expected)| c.state == first.state && i64::from(c.x) == *expected)
                .count();
            data.item((i64::from(first.x) - x) as u64, dead);
            data.item(run as u64, tag(first.state, multi_state));
            x = i64::from(first.x) + run as i64;
            run_start += run;
        }
        row_start = row_end;
    }
    data.item(1, "!");
    Ok(data.finish())
}

/// The number of `$` between rows `from` and `to`.
fn row_gap(from: i32, to: i32) -> u64 {
    (i64::from(to) - i64::from(from)) as u64
}

/// The tag for a non-empty state.
fn tag(state: State, multi_state: bool) -> &'static str {
    let value = state.value();
    if value == 1 && !multi_state {
        return "o";
    }
    let (letters, length) = &TAGS[usize::from(value)];
    std::str::from_utf8(&letters[..*length]).unwrap_or_default()
}

/// The letters of each state's tag in a multi-state file, and how many
/// there are: `A`…`X` for states 1 to 24, then `pA`…`pX`, `qA`… (none for
/// the empty state).
const TAGS: [([u8; 2], usize); 256] = {
    let mut tags = [([0; 2], 0); 256];
    let mut value = 1;
    while value < 256 {
        let (prefix, letter) = ((value - 1) / 24, (value - 1) % 24);
        let letter = b'A' + letter as u8;
        tags[value] = if prefix == 0 {
            ([letter, 0], 1)
        } else {
            ([b'p' + prefix as u8 - 1, letter], 2)
        };
        value += 1;
    }
    tags
};

/// Data items laid out in lines of at most [`LINE_LENGTH`] characters.
struct Lines {
    text: String,
    line: usize,
}

impl Lines {
    fn new(text: String) -> Lines {
        Lines { text, line: 0 }
    }

    /// Appends `count` of `tag` (nothing for a count of 0), as one item or
    /// several when the count is too large for one.
    fn item(&mut self, mut count: u64, tag: &str) {
        while count > 0 {
            let n = count.min(MAX_RUN);
            // A count of one is left out.
            let digits = if n == 1 { 0 } else { n.ilog10() as usize + 1 };
            let length = digits + tag.len();
            if self.line > 0 && self.line + length > LINE_LENGTH {
                self.text.push('\n');
                self.line = 0;
            }
            if n > 1 {
                let _ = write!(self.text, "{n}");
            }
            self.text.push_str(tag);
            self.line += length;
            count -= n;
        }
    }

    fn finish(mut self) -> String {
        self.text.push('\n');
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cell;

    fn glider() -> Vec<Cell> {
        vec![
            Cell::alive(0, 1),
            Cell::alive(1, 2),
            Cell::alive(2, 0),
            Cell::alive(2, 1),
            Cell::alive(2, 2),
        ]
    }

    #[test]
    fn reads_a_glider_with_its_metadata() {
        let text = "#N Glider\n#O Richard K. Guy\n#C A spaceship.\n#c second\nx = 3, y = 3, rule = B3/S23\nbo$2bo$3o!\n";
        let pattern = parse(text).expect("valid RLE");
        assert_eq!(pattern.name.as_deref(), Some("Glider"));
        assert_eq!(pattern.author.as_deref(), Some("Richard K. Guy"));
        assert_eq!(pattern.comments, ["A spaceship.", "second"]);
        assert_eq!(pattern.rule, Some(Rule::LIFE));
        assert_eq!(pattern.cells(), glider());
    }

    #[test]
    fn tolerates_the_quirks_found_in_the_wild() {
        for text in [
            "x=3,y=3\nbo$2bo$3o!",
            "x = 3, y = 3\r\nbo$2bo$\r\n3o!\r\n",
            "x = 3, y = 3\n b o $ 2b\no $\n\n3o ! trailing text $$$ zzz",
            "x = 3, y = 3\n.o$..o$AAA!",
            "\n\nx = 3, y = 3\nbo$2bo$3o3b$!",
            "bo$2bo$3o!",
        ] {
            let pattern = parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(pattern.cells(), glider(), "{text:?}");
        }
    }

    #[test]
    fn run_counts_apply_to_rows_too() {
        let pattern = parse("x = 1, y = 4\no3$o!").expect("valid");
        assert_eq!(pattern.cells(), [Cell::alive(0, 0), Cell::alive(3, 0)]);
    }

    #[test]
    fn rules_come_from_the_header_or_a_comment_line() {
        assert_eq!(
            parse("#r 23/36\nx = 1, y = 1\no!")
                .expect("valid")
                .rule
                .map(|r| r.to_string())
                .as_deref(),
            Some("B36/S23")
        );
        let bounded = parse("x = 1, y = 1, rule = B3/S23:T80,40\no!").expect("valid");
        assert_eq!(
            bounded.rule.map(|r| r.to_string()).as_deref(),
            Some("B3/S23:T80,40")
        );
        assert_eq!(parse("x = 1, y = 1\no!").expect("valid").rule, None);
    }

    #[test]
    fn multi_state_letters_become_states() {
        let pattern = parse("x = 4, y = 1, rule = B3/S23\nABpAyO!").expect("valid");
        let states: Vec<u8> = pattern.cells().iter().map(|c| c.state.value()).collect();
        assert_eq!(states, [1, 2, 25, 255]);
    }

    #[test]
    fn offsets_move_the_cells() {
        let pattern = parse("#P -2 5\nx = 1, y = 1\no!").expect("valid");
        assert_eq!(pattern.cells(), [Cell::alive(5, -2)]);
        let pattern = parse("#CXRLE Pos=-2,5\nx = 1, y = 1\no!").expect("valid");
        assert_eq!(pattern.cells(), [Cell::alive(5, -2)]);
    }

    fn error(text: &str) -> ParseError {
        parse(text).expect_err(text)
    }

    #[test]
    fn an_unexpected_character_is_reported_where_it_stands() {
        let e = error("#N x\nx = 3, y = 3\nbo$2bz$3o!");
        assert_eq!((e.line, e.column), (3, 6));
        assert_eq!(
            e.to_string(),
            "line 3, column 6: expected a run count or one of b o $ !, found 'z'"
        );
    }

    #[test]
    fn truncated_files_are_refused() {
        let e = error("x = 10, y = 10\n3o$b2o$o2b3");
        assert_eq!((e.line, e.column), (2, 12));
        assert!(
            e.to_string().contains("a tag right after the run count"),
            "{e}"
        );
        let e = error("x = 10, y = 8\n10o$bo$2bo$\n");
        assert!(e.to_string().contains("found the end of the file"), "{e}");
    }

    #[test]
    fn a_run_count_and_its_tag_are_never_split() {
        // Whitespace or a line break inside an item would change what the
        // count applies to; the specification forbids it.
        let e = error("x = 9, y = 1\n2 3o!");
        assert_eq!((e.line, e.column), (2, 2));
        assert!(e.to_string().contains("found ' '"), "{e}");
        let e = error("x = 9, y = 2\nbo$12\no!");
        assert_eq!((e.line, e.column), (2, 6));
        assert!(e.to_string().contains("found the end of the line"), "{e}");
    }

    #[test]
    fn huge_counts_are_errors_not_hangs() {
        let e = error("x = 1, y = 1\n99999999999999999999o!");
        assert_eq!(
            e.kind,
            ParseErrorKind::NumberTooLarge("99999999999999999999".into())
        );
        let e = error("x = 1, y = 1\n2147483647o!");
        assert_eq!(e.kind, ParseErrorKind::TooManyCells);
        let e = error("x = 1, y = 1\n2000000000b2000000000bo!");
        assert_eq!(e.kind, ParseErrorKind::OutOfRange);
    }

    #[test]
    fn bad_rules_and_headers_are_reported() {
        let e = error("x = 3, y = 3, rule = B3/S23x\nbo$2bo$3o!");
        assert_eq!(e.line, 1);
        assert!(matches!(e.kind, ParseErrorKind::Rule(_)), "{e}");
        assert!(
            e.to_string().contains("unexpected 'x' at position 7"),
            "{e}"
        );
        let e = error("x = three, y = 3\no!");
        assert_eq!((e.line, e.column), (1, 4));
    }

    fn written(cells: impl IntoIterator<Item = Cell>) -> String {
        write(&Pattern::from_cells(cells)).expect("writable")
    }

    #[test]
    fn writes_a_glider_with_its_metadata() {
        let mut pattern = Pattern::from_cells(glider());
        pattern.name = Some("Glider".into());
        pattern.author = Some("Richard K. Guy".into());
        pattern.comments = vec!["A spaceship.".into(), String::new(), "  indented".into()];
        assert_eq!(
            write(&pattern).expect("writable"),
            "#N Glider\n#O Richard K. Guy\n#C A spaceship.\n#C\n#C   indented\nx = 3, y = 3, rule = B3/S23\nbo$2bo$3o!\n"
        );
        let mut expected = pattern.clone();
        expected.rule = Some(Rule::LIFE);
        assert_eq!(parse(&write(&pattern).expect("writable")), Ok(expected));
    }

    #[test]
    fn rows_are_trimmed_and_row_ends_counted() {
        // Two cells, two empty rows, then a cell five columns in.
        assert_eq!(
            written([Cell::alive(0, 0), Cell::alive(0, 1), Cell::alive(3, 5)]),
            "x = 6, y = 4, rule = B3/S23\n2o3$5bo!\n"
        );
    }

    #[test]
    fn positions_other_than_the_origin_get_an_xrle_line() {
        let text = written([Cell::alive(-2, -3), Cell::alive(-2, -1)]);
        assert_eq!(
            text,
            "#CXRLE Pos=-3,-2\nx = 3, y = 1, rule = B3/S23\nobo!\n"
        );
        let read = parse(&text).expect("valid");
        assert_eq!(read.cells(), [Cell::alive(-2, -3), Cell::alive(-2, -1)]);
        assert!(read.positioned);
        assert_eq!(read.generation, 0);
    }

    #[test]
    fn generations_are_written_after_the_position_before_the_metadata() {
        let mut pattern = Pattern::from_cells(glider());
        pattern.name = Some("Glider".into());
        pattern.generation = 5;
        let text = write(&pattern).expect("writable");
        assert_eq!(
            text,
            "#CXRLE Pos=0,0 Gen=5\n#N Glider\nx = 3, y = 3, rule = B3/S23\nbo$2bo$3o!\n"
        );
        let read = parse(&text).expect("valid");
        assert_eq!((read.generation, read.positioned), (5, true));
        assert_eq!(read.name.as_deref(), Some("Glider"));
        assert!(read.comments.is_empty(), "{:?}", read.comments);

        let mut moved =
            Pattern::from_cells(glider().into_iter().map(|c| Cell::alive(c.y - 7, c.x + 4)));
        moved.generation = u64::MAX;
        let text = write(&moved).expect("writable");
        assert!(
            text.starts_with("#CXRLE Pos=4,-7 Gen=18446744073709551615\nx = 3, y = 3"),
            "{text}"
        );
        let read = parse(&text).expect("valid");
        assert_eq!(read.cells(), moved.cells());
        assert_eq!(read.generation, u64::MAX);

        let mut empty = Pattern::default();
        empty.generation = 12;
        let text = write(&empty).expect("writable");
        assert_eq!(
            text,
            "#CXRLE Pos=0,0 Gen=12\nx = 0, y = 0, rule = B3/S23\n!\n"
        );
        assert_eq!(parse(&text).expect("valid").generation, 12);
    }

    #[test]
    fn xrle_lines_give_the_position_and_the_generation() {
        let read = parse("#CXRLE Pos=-5,-7\nx = 2, y = 1\n2o!").expect("valid");
        assert_eq!(read.cells(), [Cell::alive(-7, -5), Cell::alive(-7, -4)]);
        assert_eq!((read.generation, read.positioned), (0, true));
        assert!(read.comments.is_empty(), "{:?}", read.comments);

        let read = parse("#CXRLE Gen=18446744073709551615\nx = 1, y = 1\no!").expect("valid");
        assert_eq!(read.cells(), [Cell::alive(0, 0)]);
        assert_eq!((read.generation, read.positioned), (u64::MAX, false));
    }

    #[test]
    fn xrle_keys_come_in_either_order_and_unknown_ones_are_skipped() {
        for line in [
            "#CXRLE Pos=3,-2 Gen=40",
            "#CXRLE Gen=40 Pos=3,-2",
            "#CXRLE\tGen=40   Pos=3,-2\t",
            "#CXRLE Rule=B3/S23 Gen=40 Layers Pos=3,-2 Ω=ü",
        ] {
            let read = parse(&format!("{line}\nx = 1, y = 1\no!"))
                .unwrap_or_else(|e| panic!("{line:?}: {e}"));
            assert_eq!(read.cells(), [Cell::alive(-2, 3)], "{line:?}");
            assert_eq!((read.generation, read.positioned), (40, true), "{line:?}");
            assert!(read.comments.is_empty(), "{line:?}: {:?}", read.comments);
        }
        // Several lines may come, after other `#` lines; the last key wins.
        let read = parse("#N x\n#CXRLE Pos=1,1\n#CXRLE Pos=2,2 Pos=9,8\no!").expect("valid");
        assert_eq!(read.cells(), [Cell::alive(8, 9)]);
    }

    #[test]
    fn an_xrle_line_without_keys_changes_nothing() {
        for text in ["#CXRLE\nx = 1, y = 1\no!", "#CXRLE   \r\nx = 1, y = 1\no!"] {
            let read = parse(text).expect("valid");
            assert_eq!(read.cells(), [Cell::alive(0, 0)]);
            assert_eq!((read.generation, read.positioned), (0, false));
            assert!(read.comments.is_empty(), "{:?}", read.comments);
        }
        // Without a blank after the tag, the line is an ordinary comment.
        let read = parse("#CXRLEPos=1,2\nx = 1, y = 1\no!").expect("valid");
        assert_eq!(read.comments, ["XRLEPos=1,2"]);
        assert_eq!(read.cells(), [Cell::alive(0, 0)]);
        assert!(!read.positioned);
    }

    #[test]
    fn malformed_xrle_values_are_reported_where_they_stand() {
        for (line, column, message) in [
            (
                "#CXRLE Pos=1",
                13,
                "expected a comma after the column (Pos=x,y), found the end of the line",
            ),
            (
                "#CXRLE Pos=1 Gen=2",
                13,
                "expected a comma after the column (Pos=x,y), found ' '",
            ),
            (
                "#CXRLE Pos=",
                12,
                "expected the column, an integer (Pos=x,y), found the end of the line",
            ),
            (
                "#CXRLE Pos=a,1",
                12,
                "expected the column, an integer (Pos=x,y), found 'a'",
            ),
            ("#CXRLE Pos=-,1", 13, "found ','"),
            (
                "#CXRLE Pos=1,",
                14,
                "expected the row, an integer (Pos=x,y), found the end of the line",
            ),
            ("#CXRLE Pos=1;2", 13, "found ';'"),
            (
                "#CXRLE Pos=1,2,3",
                15,
                "expected a blank or the end of the line after Pos=x,y, found ','",
            ),
            ("#CXRLE Pos=1,2x", 15, "found 'x'"),
            ("#CXRLE Pos=3000000000,0", 12, "beyond the coordinate range"),
            (
                "#CXRLE Pos=0,-2147483649",
                14,
                "beyond the coordinate range",
            ),
            (
                "#CXRLE Pos=99999999999999999999,0",
                12,
                "number 99999999999999999999 is too large",
            ),
            (
                "#CXRLE Gen=",
                12,
                "expected the generation, a non-negative integer (Gen=n), found the end of the line",
            ),
            ("#CXRLE Gen=-1", 12, "found '-'"),
            ("#CXRLE Gen=+1", 12, "found '+'"),
            (
                "#CXRLE Gen=1.5",
                13,
                "expected a blank or the end of the line after Gen=n, found '.'",
            ),
            (
                "#CXRLE Gen=18446744073709551616",
                12,
                "number 18446744073709551616 is too large",
            ),
            ("#CXRLE Ω=1 Gen=é", 16, "found 'é'"),
        ] {
            let text = format!("#N name\n{line}\nx = 1, y = 1\no!");
            let e = error(&text);
            assert_eq!((e.line, e.column), (2, column), "{line:?}: {e}");
            assert!(e.to_string().contains(message), "{line:?}: {e}");
        }
        // Between data lines too.
        let e = error("x = 1, y = 2\no$\r\n#CXRLE Gen=x\r\no!");
        assert_eq!((e.line, e.column), (3, 12), "{e}");
    }

    #[test]
    fn p_and_r_lines_are_still_read_and_position_the_pattern() {
        for tag in ["P", "R"] {
            let read = parse(&format!("#{tag} 4 -1\nx = 1, y = 1\no!")).expect("valid");
            assert_eq!(read.cells(), [Cell::alive(-1, 4)]);
            assert!(read.positioned, "#{tag}");
        }
        let read = parse("x = 1, y = 1\no!").expect("valid");
        assert!(!read.positioned);
    }

    #[test]
    fn other_states_use_letters_and_dots() {
        let cells = [(0, 1), (1, 2), (3, 25), (4, 255), (7, 3)].map(|(x, state)| Cell {
            y: 0,
            x,
            state: State::new(state),
        });
        let text = written(cells);
        assert_eq!(text, "x = 8, y = 1, rule = B3/S23\nAB.pAyO2.C!\n");
        assert_eq!(parse(&text).expect("valid").cells(), cells);
    }

    #[test]
    fn the_rule_and_its_torus_go_in_the_header() {
        let mut pattern = Pattern::default();
        pattern.rule = Some("B36/S23:T80,40".parse().expect("valid rule"));
        assert_eq!(
            write(&pattern).expect("writable"),
            "x = 0, y = 0, rule = B36/S23:T80,40\n!\n"
        );
    }

    #[test]
    fn data_lines_stay_within_70_characters_without_splitting_items() {
        // Runs of 12 live cells 10 apart: items "12o" and "10b", three
        // characters each, so 23 items (69 characters) fit on a line.
        let cells = (0..40).flat_map(|run| (0..12).map(move |i| Cell::alive(0, run * 22 + i)));
        let text = written(cells);
        let data: Vec<&str> = text.lines().skip(1).collect();
        assert_eq!(data.len(), 4, "{text}");
        for line in &data[..3] {
            assert_eq!(line.len(), 69, "{line}");
            assert!(
                line.starts_with("12o") && line.ends_with("12o") || line.starts_with("10b"),
                "{line}"
            );
        }
        assert!(data.iter().all(|line| line.len() <= LINE_LENGTH));
        let joined = data.concat();
        assert_eq!(joined, format!("{}12o!", "12o10b".repeat(39)));
        assert_eq!(parse(&text).expect("valid").population(), 40 * 12);
    }

    #[test]
    fn counts_beyond_i32_are_split_so_that_they_read_back() {
        let cells = [Cell::alive(0, i32::MIN), Cell::alive(0, i32::MAX)];
        let text = written(cells);
        assert_eq!(
            text,
            "#CXRLE Pos=-2147483648,0\nx = 4294967296, y = 1, rule = B3/S23\no2147483647b2147483647bo!\n"
        );
        assert_eq!(parse(&text).expect("valid").cells(), cells);
        let rows = [Cell::alive(i32::MIN, 0), Cell::alive(i32::MAX, 0)];
        assert_eq!(parse(&written(rows)).expect("valid").cells(), rows);
    }

    #[test]
    fn metadata_with_line_breaks_is_refused() {
        let mut pattern = Pattern::from_cells(glider());
        pattern.comments = vec!["one\ntwo".into()];
        assert_eq!(
            write(&pattern),
            Err(WriteError::LineBreak {
                format: Format::Rle,
                field: "comment"
            })
        );
    }
}
