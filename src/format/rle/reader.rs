//! The RLE reader.

use super::{MAX_RUN, XRLE};
use crate::format::{CellSink, Found, ParseError, ParseErrorKind, unexpected};
use crate::{Pattern, Rule, State};

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
    /// Almost every cell of a large file is read here, so it keeps the
    /// position in registers, counts what it sets only when done, and skips
    /// the checks that a raster makes needless
    /// (`cargo bench --bench formats -- rle::parse` measures it).
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
