//! Life 1.06 patterns (`.lif`, `.life`): one live cell per line.
//!
//! Specification: LifeWiki, "Life 1.06"
//! (<https://conwaylife.com/wiki/Life_1.06>).
//!
//! ```text
//! #Life 1.06
//! 1 0
//! 2 1
//! 0 2
//! 1 2
//! 2 2
//! ```
//!
//! * The first line is the header `#Life 1.06`. corolife also reads a file
//!   without it (detection then relies on the content or the extension).
//! * Every other line holds two integers `x y`, separated by spaces or tabs:
//!   the column and the row of one live cell. Either may be negative; each
//!   must fit in an `i32`. A position given twice counts once. The
//!   coordinates are absolute: the pattern is
//!   [`positioned`](Pattern::positioned).
//! * The format has no comments, names or rules. corolife keeps the text of
//!   `#D` and `#C` lines as comments and skips other `#` lines, as Golly
//!   does; blank lines are skipped; CRLF line ends are fine.
//!
//! The writer ([`write()`]) puts the header and then one line per cell, by
//! row and then column. It keeps the cells and their positions only: names,
//! comments and the rule are left out, and a pattern with a state other than
//! alive is refused.

use std::fmt::Write as _;

use crate::format::{CellSink, Format, Found, ParseError, ParseErrorKind, WriteError};
use crate::{Pattern, State};

/// The header line.
pub const HEADER: &str = "#Life 1.06";

/// Reads a Life 1.06 pattern.
pub fn parse(text: &str) -> Result<Pattern, ParseError> {
    let mut pattern = Pattern::default();
    // The coordinates are the cells' own.
    pattern.positioned = true;
    let mut sink = CellSink::new();
    for (index, raw) in text.split('\n').enumerate() {
        let number = index + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = line.strip_prefix('#') {
            if let Some(comment) = rest.strip_prefix(['D', 'C']) {
                let comment = comment.strip_prefix(' ').unwrap_or(comment).trim_end();
                pattern.comments.push(comment.to_owned());
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let mut numbers = Numbers::new(line, number, 0);
        let x = numbers.integer("an integer (the x coordinate)")?;
        let y = numbers.integer("an integer (the y coordinate)")?;
        numbers.end()?;
        sink.run(i64::from(y), i64::from(x), 1, State::ALIVE)
            .map_err(|kind| ParseError::new(number, 1, kind))?;
    }
    sink.finish(&mut pattern);
    Ok(pattern)
}

/// Writes `pattern` as Life 1.06: the header, then `x y` per cell.
pub fn write(pattern: &Pattern) -> Result<String, WriteError> {
    super::require_two_states(pattern, Format::Life106)?;
    let mut text = String::with_capacity(HEADER.len() + 1 + pattern.population() * 8);
    text.push_str(HEADER);
    text.push('\n');
    for cell in pattern.cells() {
        // Writing to a String cannot fail.
        let _ = writeln!(text, "{} {}", cell.x, cell.y);
    }
    Ok(text)
}

/// A cursor over the whitespace-separated integers of one line.
pub(crate) struct Numbers<'a> {
    line: &'a str,
    /// Byte offset of the cursor in `line`.
    at: usize,
    number: usize,
}

impl<'a> Numbers<'a> {
    /// A cursor at byte `at` of `line`, which is line `number` of its file.
    pub(crate) fn new(line: &'a str, number: usize, at: usize) -> Numbers<'a> {
        Numbers { line, at, number }
    }

    fn column(&self, byte: usize) -> usize {
        self.line[..byte].chars().count() + 1
    }

    fn skip_blanks(&mut self) {
        let rest = &self.line[self.at..];
        self.at += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }

    fn found(&self) -> Found {
        self.line[self.at..]
            .chars()
            .next()
            .map_or(Found::EndOfLine, Found::Char)
    }

    /// Reads an optionally signed integer after optional blanks; `expected`
    /// names it in errors. Integers beyond the `i32` range are refused.
    pub(crate) fn integer(&mut self, expected: &'static str) -> Result<i32, ParseError> {
        self.skip_blanks();
        let start = self.at;
        let rest = &self.line[start..];
        let sign = usize::from(rest.starts_with(['-', '+']));
        let unsigned = &rest[sign..];
        let digits = unsigned.len()
            - unsigned
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        if digits == 0 {
            self.at = start + sign;
            return Err(ParseError::new(
                self.number,
                self.column(self.at),
                ParseErrorKind::Unexpected {
                    expected,
                    found: self.found(),
                },
            ));
        }
        let text = &rest[..sign + digits];
        self.at = start + sign + digits;
        let fail = |kind| ParseError::new(self.number, self.column(start), kind);
        let value = text
            .parse::<i64>()
            .map_err(|_| fail(ParseErrorKind::NumberTooLarge(text.to_owned())))?;
        i32::try_from(value).map_err(|_| fail(ParseErrorKind::OutOfRange))
    }

    /// Requires that only blanks remain.
    pub(crate) fn end(&mut self) -> Result<(), ParseError> {
        self.skip_blanks();
        if self.at == self.line.len() {
            return Ok(());
        }
        Err(ParseError::new(
            self.number,
            self.column(self.at),
            ParseErrorKind::Unexpected {
                expected: "the end of the line",
                found: self.found(),
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cell;

    #[test]
    fn reads_a_glider_with_x_as_the_column() {
        let pattern = parse("#Life 1.06\n1 0\n2 1\n0 2\n1 2\n2 2\n").expect("valid");
        assert_eq!(
            pattern.cells(),
            [
                Cell::alive(0, 1),
                Cell::alive(1, 2),
                Cell::alive(2, 0),
                Cell::alive(2, 1),
                Cell::alive(2, 2)
            ]
        );
        assert_eq!(pattern.rule, None);
        assert_eq!(pattern.name, None);
    }

    #[test]
    fn negative_coordinates_blanks_tabs_and_crlf_are_fine() {
        let text = "#Life 1.06\r\n-3 -7\r\n\r\n\t+4\t 2 \r\n-3 -7\n";
        let pattern = parse(text).expect("valid");
        assert_eq!(pattern.cells(), [Cell::alive(-7, -3), Cell::alive(2, 4)]);
    }

    #[test]
    fn coordinates_are_absolute_so_the_pattern_is_positioned() {
        for text in ["#Life 1.06\n0 0\n", "#Life 1.06\n5 -9\n", "#Life 1.06\n"] {
            let pattern = parse(text).expect("valid");
            assert!(pattern.positioned, "{text:?}");
            assert_eq!(pattern.generation, 0, "{text:?}");
        }
    }

    #[test]
    fn comment_lines_are_kept_and_a_missing_header_is_tolerated() {
        let pattern = parse("#D first\n#C second  \n#X skipped\n0 0\n").expect("valid");
        assert_eq!(pattern.comments, ["first", "second"]);
        assert_eq!(pattern.population(), 1);
    }

    #[test]
    fn malformed_lines_are_reported_where_they_go_wrong() {
        let e = parse("#Life 1.06\n0 0\n1 two\n").expect_err("not an integer");
        assert_eq!(
            e.to_string(),
            "line 3, column 3: expected an integer (the y coordinate), found 't'"
        );
        let e = parse("#Life 1.06\n5\n").expect_err("one number");
        assert_eq!(
            e.to_string(),
            "line 2, column 2: expected an integer (the y coordinate), found the end of the line"
        );
        let e = parse("#Life 1.06\n1 2 3\n").expect_err("three numbers");
        assert_eq!((e.line, e.column), (2, 5));
        let e = parse("- 1\n").expect_err("a lone sign");
        assert_eq!((e.line, e.column), (1, 2));
        let e = parse("1,2\n").expect_err("a comma");
        assert_eq!(
            e.to_string(),
            "line 1, column 2: expected an integer (the y coordinate), found ','"
        );
    }

    #[test]
    fn coordinates_beyond_i32_are_refused() {
        let e = parse("#Life 1.06\n2147483648 0\n").expect_err("x too large");
        assert_eq!(
            (e.line, e.column, e.kind),
            (2, 1, ParseErrorKind::OutOfRange)
        );
        let e = parse("0  -2147483649\n").expect_err("y too small");
        assert_eq!((e.column, e.kind), (4, ParseErrorKind::OutOfRange));
        let e = parse("0 99999999999999999999\n").expect_err("beyond i64");
        assert_eq!(
            (e.column, e.kind),
            (
                3,
                ParseErrorKind::NumberTooLarge("99999999999999999999".into())
            )
        );
        let extremes = parse("2147483647 -2147483648\n").expect("the i32 range is fine");
        assert_eq!(extremes.cells(), [Cell::alive(i32::MIN, i32::MAX)]);
    }

    #[test]
    fn writes_the_header_then_x_y_by_row() {
        let pattern =
            Pattern::from_cells([Cell::alive(1, -2), Cell::alive(0, 5), Cell::alive(1, -3)]);
        assert_eq!(
            write(&pattern).expect("two states"),
            "#Life 1.06\n5 0\n-3 1\n-2 1\n"
        );
        assert_eq!(write(&Pattern::default()).expect("empty"), "#Life 1.06\n");
    }

    #[test]
    fn other_states_cannot_be_written() {
        let pattern = Pattern::from_cells([Cell {
            y: 4,
            x: 3,
            state: State::new(2),
        }]);
        assert_eq!(
            write(&pattern),
            Err(WriteError::State {
                format: Format::Life106,
                y: 4,
                x: 3,
                state: 2
            })
        );
    }
}
