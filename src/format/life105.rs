//! Life 1.05 patterns (`.lif`, `.life`): blocks of rows at given positions.
//!
//! Specification: LifeWiki, "Life 1.05"
//! (<https://conwaylife.com/wiki/Life_1.05>).
//!
//! ```text
//! #Life 1.05
//! #D Acorn: a methuselah.
//! #N
//! #P -3 -1
//! .*
//! ...*
//! **..***
//! ```
//!
//! * The first line is the header `#Life 1.05`. corolife also reads a file
//!   without it (detection then relies on the content or the extension).
//! * `#D` lines describe the pattern; corolife keeps them, and `#C` lines,
//!   as comments.
//! * `#N` on its own says the pattern runs under the normal rules, Conway's
//!   `B3/S23`. Some files put a name after it (`#N Acorn`); corolife reads
//!   that as the name and leaves the rule alone.
//! * `#R` gives the rule, in the format's own survival/birth notation
//!   (`#R 23/36`) or as B/S (`#R B36/S23`); a grid suffix (`:T80,40`, `:P30,20`, …) is accepted.
//! * `#P x y` starts a block of rows whose top-left cell is at column `x`,
//!   row `y` (either may be negative); a bare `#P` means `0 0`. Rows before
//!   any `#P` start at `0 0`. A file with a `#P` line is
//!   [`positioned`](Pattern::positioned).
//! * A row is a line of `.` (dead) and `*` (alive); each row is one below
//!   the last, and trailing whitespace is ignored. Blank lines are skipped,
//!   not counted as rows, as in Golly; an empty row is written as a lone `.`.
//! * Other `#` lines are skipped; CRLF line ends are fine.
//!
//! corolife reads Life 1.05 but does not write it: Life 1.06 and RLE carry
//! the same cells (see [`Format::write`](super::Format::write)).

use crate::format::life106::Numbers;
use crate::format::{CellSink, ParseError, ParseErrorKind};
use crate::{Pattern, Rule};

/// The header line.
pub const HEADER: &str = "#Life 1.05";

/// Reads a Life 1.05 pattern.
pub fn parse(text: &str) -> Result<Pattern, ParseError> {
    let mut pattern = Pattern::default();
    let mut sink = CellSink::new();
    // The current block's left column, and the row the next line fills.
    let mut left = 0i64;
    let mut y = 0i64;
    for (index, raw) in text.split('\n').enumerate() {
        let number = index + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw).trim_end();
        if let Some(rest) = line.strip_prefix('#') {
            let mut chars = rest.chars();
            let tag = chars.next();
            let value = chars.as_str();
            let text = value.strip_prefix(' ').unwrap_or(value);
            match tag {
                Some('D' | 'C') => pattern.comments.push(text.to_owned()),
                Some('N') if text.trim().is_empty() => pattern.rule = Some(Rule::LIFE),
                Some('N') if pattern.name.is_none() => pattern.name = Some(text.to_owned()),
                Some('N') => pattern.comments.push(text.to_owned()),
                Some('R') => {
                    let column = line.chars().count() - value.trim_start().chars().count() + 1;
                    let rule = value
                        .parse()
                        .map_err(|e| ParseError::new(number, column, ParseErrorKind::Rule(e)))?;
                    pattern.rule = Some(rule);
                }
                Some('P') => {
                    let (x, top) = if value.trim().is_empty() {
                        (0, 0)
                    } else {
                        let mut numbers = Numbers::new(line, number, 2);
                        let x = numbers.integer("an integer (the x coordinate)")?;
                        let y = numbers.integer("an integer (the y coordinate)")?;
                        numbers.end()?;
                        (x, y)
                    };
                    left = i64::from(x);
                    y = i64::from(top);
                    pattern.positioned = true;
                }
                _ => {}
            }
            continue;
        }
        if line.is_empty() {
            continue;
        }
        sink.row(line, number, (y, left), |c| c == b'*', "'.' or '*'")?;
        y += 1;
    }
    sink.finish(&mut pattern);
    Ok(pattern)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cell;

    fn positions(pattern: &Pattern) -> Vec<(i32, i32)> {
        pattern.cells().iter().map(|c| (c.y, c.x)).collect()
    }

    #[test]
    fn reads_blocks_at_their_positions() {
        let text = "#Life 1.05\n#D two blocks\n#P -1 -1\n.*\n..*\n***\n#P 10 20\n*.*\n";
        let pattern = parse(text).expect("valid");
        assert_eq!(pattern.comments, ["two blocks"]);
        assert_eq!(
            positions(&pattern),
            [(-1, 0), (0, 1), (1, -1), (1, 0), (1, 1), (20, 10), (20, 12)]
        );
    }

    #[test]
    fn a_bare_p_is_the_origin_and_blank_lines_are_not_rows() {
        let text = "#Life 1.05\r\n#P\r\n*\r\n\r\n.*\r\n.\r\n*  \r\n";
        let pattern = parse(text).expect("valid");
        assert_eq!(positions(&pattern), [(0, 0), (1, 1), (3, 0)]);
    }

    #[test]
    fn a_p_line_positions_the_pattern() {
        for text in [
            "#Life 1.05\n#P -1 -1\n*\n",
            "#Life 1.05\n#P\n*\n",
            "*\n#P 3 4\n*\n",
        ] {
            let pattern = parse(text).expect("valid");
            assert!(pattern.positioned, "{text:?}");
            assert_eq!(pattern.generation, 0, "{text:?}");
        }
        let pattern = parse("#Life 1.05\n#D no position\n.*\n").expect("valid");
        assert!(!pattern.positioned);
    }

    #[test]
    fn rules_come_from_r_in_either_notation_and_n_means_conway() {
        let rule = |text: &str| parse(text).expect("valid").rule.map(|r| r.to_string());
        assert_eq!(
            rule("#Life 1.05\n#R 23/36\n*\n").as_deref(),
            Some("B36/S23")
        );
        assert_eq!(
            rule("#Life 1.05\n#R B36/S23\n*\n").as_deref(),
            Some("B36/S23")
        );
        assert_eq!(rule("#Life 1.05\n#N\n*\n").as_deref(), Some("B3/S23"));
        assert_eq!(rule("#Life 1.05\n*\n"), None);
        let named = parse("#Life 1.05\n#N Acorn\n*\n").expect("valid");
        assert_eq!((named.name.as_deref(), named.rule), (Some("Acorn"), None));
    }

    #[test]
    fn the_acorn_as_golly_ships_it() {
        let text = "#Life 1.05\n#D Acorn\n#D The most vigorously growing 7-cell methuselah pattern.\n#D Found by Charles Corderman.\n#P\n.*\n...*\n**..***\n";
        let pattern = parse(text).expect("valid");
        assert_eq!(pattern.population(), 7);
        assert_eq!(pattern.comments.len(), 3);
        assert_eq!(
            pattern.cells(),
            [
                Cell::alive(0, 1),
                Cell::alive(1, 3),
                Cell::alive(2, 0),
                Cell::alive(2, 1),
                Cell::alive(2, 4),
                Cell::alive(2, 5),
                Cell::alive(2, 6)
            ]
        );
    }

    #[test]
    fn errors_say_where_and_what() {
        let e = parse("#Life 1.05\n#P 0 0\n.*o\n").expect_err("o is not a cell");
        assert_eq!(
            e.to_string(),
            "line 3, column 3: expected '.' or '*', found 'o'"
        );
        let e = parse("#Life 1.05\n#P 4\n*\n").expect_err("one coordinate");
        assert_eq!(
            e.to_string(),
            "line 2, column 5: expected an integer (the y coordinate), found the end of the line"
        );
        let e = parse("#Life 1.05\n#R 23/9\n*\n").expect_err("bad rule");
        assert_eq!((e.line, e.column), (2, 4));
        assert!(matches!(e.kind, ParseErrorKind::Rule(_)), "{e}");
    }

    #[test]
    fn huge_offsets_are_errors() {
        let e = parse("#Life 1.05\n#P 2147483647 0\n**\n").expect_err("second cell beyond i32");
        assert_eq!((e.line, e.kind), (3, ParseErrorKind::OutOfRange));
        let e = parse("#Life 1.05\n#P 0 2147483647\n*\n*\n").expect_err("second row beyond i32");
        assert_eq!((e.line, e.kind), (4, ParseErrorKind::OutOfRange));
        let e = parse("#Life 1.05\n#P 0 3000000000\n*\n").expect_err("offset beyond i32");
        assert_eq!(
            (e.line, e.column, e.kind),
            (2, 6, ParseErrorKind::OutOfRange)
        );
        let e = parse("#P 99999999999999999999999 0\n*\n").expect_err("beyond i64");
        assert!(matches!(e.kind, ParseErrorKind::NumberTooLarge(_)), "{e}");
        let edge = parse("#P 2147483646 -2147483648\n**\n").expect("the last columns");
        assert_eq!(
            positions(&edge),
            [(i32::MIN, i32::MAX - 1), (i32::MIN, i32::MAX)]
        );
    }
}
