//! Plaintext patterns (`.cells`).
//!
//! Specification: LifeWiki, "Plaintext"
//! (<https://conwaylife.com/wiki/Plaintext>).
//!
//! ```text
//! !Name: Glider
//! !
//! .O.
//! ..O
//! OOO
//! ```
//!
//! * Lines starting with `!` are comments; `!Name:` gives the name and
//!   `!Author:` the author.
//! * Every other line is a row: `.` empty, `O` or `*` alive. Rows may be
//!   shorter than others; a blank line is an empty row. Trailing whitespace
//!   is ignored.

use crate::format::{CellSink, Found, ParseError, ParseErrorKind};
use crate::{Pattern, State};

/// Reads a plaintext pattern.
pub fn parse(text: &str) -> Result<Pattern, ParseError> {
    let mut pattern = Pattern::default();
    let mut sink = CellSink::new();
    let mut row = 0i64;
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let line = raw.trim_end();
        if let Some(comment) = line.strip_prefix('!') {
            if let Some(name) = comment.strip_prefix("Name:") {
                pattern.name.get_or_insert_with(|| name.trim().to_owned());
            } else if let Some(author) = comment.strip_prefix("Author:") {
                pattern
                    .author
                    .get_or_insert_with(|| author.trim().to_owned());
            } else {
                pattern
                    .comments
                    .push(comment.strip_prefix(' ').unwrap_or(comment).to_owned());
            }
            continue;
        }
        let mut run_start = 0;
        let mut run = 0;
        for (column, c) in line.chars().enumerate() {
            match c {
                'O' | '*' => {
                    if run == 0 {
                        run_start = column;
                    }
                    run += 1;
                    continue;
                }
                '.' => {}
                _ => {
                    return Err(ParseError::new(
                        number,
                        column + 1,
                        ParseErrorKind::Unexpected {
                            expected: "'.', 'O' or '*'",
                            found: Found::Char(c),
                        },
                    ));
                }
            }
            sink.run(row, run_start as i64, run, State::ALIVE)
                .map_err(|kind| ParseError::new(number, column + 1, kind))?;
            run = 0;
        }
        sink.run(row, run_start as i64, run, State::ALIVE)
            .map_err(|kind| ParseError::new(number, 1, kind))?;
        row += 1;
    }
    sink.finish(&mut pattern);
    Ok(pattern)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cell;

    #[test]
    fn reads_names_comments_and_short_rows() {
        let text =
            "!Name: Glider\n!Author: Richard K. Guy\n!\n! moves diagonally\n.O\n..O\r\nOOO   \n";
        let pattern = parse(text).expect("valid");
        assert_eq!(pattern.name.as_deref(), Some("Glider"));
        assert_eq!(pattern.author.as_deref(), Some("Richard K. Guy"));
        assert_eq!(pattern.comments, ["", "moves diagonally"]);
        let cells: Vec<(i32, i32)> = pattern.cells().iter().map(|c| (c.y, c.x)).collect();
        assert_eq!(cells, [(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)]);
    }

    #[test]
    fn blank_lines_are_empty_rows_and_stars_are_alive() {
        let pattern = parse("*\n\n.*").expect("valid");
        assert_eq!(
            pattern.cells(),
            [
                Cell {
                    y: 0,
                    x: 0,
                    state: State::ALIVE
                },
                Cell {
                    y: 2,
                    x: 1,
                    state: State::ALIVE
                }
            ]
        );
    }

    #[test]
    fn other_characters_are_errors_with_a_position() {
        let e = parse("!Name: x\n.O.\n.Ox\n").expect_err("x is not a cell");
        assert_eq!(
            e.to_string(),
            "line 3, column 3: expected '.', 'O' or '*', found 'x'"
        );
    }
}
