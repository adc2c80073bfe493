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
//!
//! The writer ([`write()`]) puts `!Name:` and `!Author:` lines when the
//! pattern has them, then `! ` and each comment, then the rows of the
//! pattern's bounding box with `.` and `O`. Dead cells at the end of a row
//! are left out and an empty row is a lone `.`. Plaintext has no rule and
//! no position (rows start at column 0 of the box) and no states but alive:
//! another state is an error.

use crate::Pattern;
use crate::format::{CellSink, Format, MAX_TEXT, ParseError, WriteError};

/// Reads a plaintext pattern.
pub fn parse(text: &str) -> Result<Pattern, ParseError> {
    let mut pattern = Pattern::default();
    // Read straight into a raster as large as the rows are, as RLE is when
    // its header gives the size.
    let (rows, width) = text
        .lines()
        .map(str::trim_end)
        .filter(|line| !line.starts_with('!'))
        .fold((0, 0), |(rows, width), line| {
            (rows + 1, width.max(line.len() as u64))
        });
    let mut sink = CellSink::with_extent(0, 0, rows, width);
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
        sink.row(
            line,
            number,
            (row, 0),
            |c| matches!(c, b'O' | b'*'),
            "'.', 'O' or '*'",
        )?;
        row += 1;
    }
    sink.finish(&mut pattern);
    Ok(pattern)
}

/// Writes `pattern` as plaintext.
pub fn write(pattern: &Pattern) -> Result<String, WriteError> {
    super::require_single_lines(pattern, Format::Plaintext)?;
    super::require_two_states(pattern, Format::Plaintext)?;
    let mut text = String::new();
    let mut line = |line: String| {
        text.push_str(line.trim_end());
        text.push('\n');
    };
    if let Some(name) = &pattern.name {
        line(format!("!Name: {name}"));
    }
    if let Some(author) = &pattern.author {
        line(format!("!Author: {author}"));
    }
    for comment in &pattern.comments {
        line(format!("! {comment}"));
    }
    let Some(bounds) = pattern.bounding_box() else {
        text.push_str(".\n");
        return Ok(text);
    };
    let rows = rows(pattern.cells());
    // Every row of the box is a line: its cells up to the last live one, or
    // a lone '.', and a line break.
    let length = text.len() as u64
        + 2 * bounds.height()
        + rows
            .iter()
            .map(|row| (i64::from(row[row.len() - 1].x) - i64::from(bounds.left)) as u64)
            .sum::<u64>();
    if length > MAX_TEXT {
        return Err(WriteError::TooLarge {
            format: Format::Plaintext,
            bytes: length,
        });
    }
    text.reserve(length as usize - text.len());
    // In i64: a row or column after the last may be 2^31.
    let mut y = i64::from(bounds.top);
    for row in rows {
        for _ in y..i64::from(row[0].y) {
            text.push_str(".\n");
        }
        let mut x = i64::from(bounds.left);
        for cell in row {
            text.extend(std::iter::repeat_n('.', (i64::from(cell.x) - x) as usize));
            text.push('O');
            x = i64::from(cell.x) + 1;
        }
        text.push('\n');
        y = i64::from(row[0].y) + 1;
    }
    Ok(text)
}

/// `cells` (sorted by row) split into rows.
fn rows(cells: &[crate::Cell]) -> Vec<&[crate::Cell]> {
    cells.chunk_by(|a, b| a.y == b.y).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cell, State};

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
        // Plaintext has no position or generation.
        assert!(!pattern.positioned);
        assert_eq!(pattern.generation, 0);
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
        // The whole character is named, in the column it starts.
        let e = parse("OO\n.Ö\n").expect_err("Ö is not a cell");
        assert_eq!(
            e.to_string(),
            "line 2, column 2: expected '.', 'O' or '*', found 'Ö'"
        );
    }

    #[test]
    fn writes_metadata_then_trimmed_rows() {
        let mut pattern = Pattern::from_cells([
            Cell::alive(5, 6),
            Cell::alive(6, 7),
            Cell::alive(7, 5),
            Cell::alive(7, 6),
            Cell::alive(7, 7),
        ]);
        pattern.name = Some("Glider".into());
        pattern.author = Some("Richard K. Guy".into());
        pattern.comments = vec!["Name: not the name".into(), String::new()];
        pattern.rule = Some(crate::Rule::LIFE);
        let text = write(&pattern).expect("writable");
        assert_eq!(
            text,
            "!Name: Glider\n!Author: Richard K. Guy\n! Name: not the name\n!\n.O\n..O\nOOO\n"
        );
        let read = parse(&text).expect("valid");
        assert_eq!(read.name, pattern.name);
        assert_eq!(read.author, pattern.author);
        assert_eq!(read.comments, pattern.comments);
        assert_eq!(read.cells(), pattern.normalized().cells());
        assert_eq!(read.rule, None);
    }

    #[test]
    fn empty_rows_and_empty_patterns_are_a_lone_dot() {
        assert_eq!(
            write(&Pattern::from_cells([Cell::alive(0, 0), Cell::alive(2, 1)])).expect("writable"),
            "O\n.\n.O\n"
        );
        assert_eq!(write(&Pattern::default()).expect("writable"), ".\n");
        assert_eq!(parse(".\n").expect("valid").population(), 0);
    }

    #[test]
    fn what_plaintext_cannot_hold_is_refused() {
        let multi = Pattern::from_cells([Cell {
            y: 1,
            x: 2,
            state: State::new(3),
        }]);
        assert_eq!(
            write(&multi).expect_err("state 3").to_string(),
            "a plaintext file holds only live cells, but the cell at row 1, column 2 has state 3"
        );
        let wide = Pattern::from_cells([Cell::alive(0, 0), Cell::alive(0, i32::MAX)]);
        assert!(matches!(write(&wide), Err(WriteError::TooLarge { .. })));
        let tall = Pattern::from_cells([Cell::alive(i32::MIN, 0), Cell::alive(i32::MAX, 0)]);
        assert!(matches!(write(&tall), Err(WriteError::TooLarge { .. })));
        let mut named = Pattern::default();
        named.name = Some("two\rlines".into());
        assert!(matches!(
            write(&named),
            Err(WriteError::LineBreak { field: "name", .. })
        ));
    }
}
