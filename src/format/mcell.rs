//! MCell patterns (`.mcl`), the format of Mirek Wojtowicz's MCell, read as
//! Golly reads them.
//!
//! Specification: MCell's "CA file formats" page, and Golly's reader
//! (`readmcell` in `readpattern.cpp`), whose behaviour this module follows.
//!
//! ```text
//! #MCell 4.20
//! #GAME Rules table
//! #GOLLY WireWorld
//! #BOARD 60x60
//! #WRAP 0
//! #D A wire with an electron.
//! #L BA3C
//! ```
//!
//! * The first line starts with `#MCell` ([`HEADER`]); that is how the
//!   format is told.
//! * `#GOLLY rule` and `#RULE rule` give the rule; the first of them wins,
//!   and only if it comes before the first `#L` line (a file whose first
//!   `#L` comes before any rule runs under Conway's `B3/S23`, as in Golly).
//!   The rule is the first word after the tag. Two of MCell's rule tables
//!   are translated as Golly does: HistoricalLife's becomes `LifeHistory`
//!   and Conway's (`1,0,0,0,0,0,1,0,0,0,0,0,0,0,0,1,1…`) `B3/S23`. A rule
//!   file's name is read as any rule name is ([`Rule`]'s `FromStr`): a
//!   rule not known yet is a [`ParseErrorKind::Rule`] error, which the
//!   [loader](crate::load) answers by finding the rule file.
//! * `#BOARD WxH` bounds the grid and `#WRAP 1` makes it a torus: the rule
//!   gets the suffix `:TW,H` (or `:PW,H` for a bounded plane), and the
//!   cells are centred on that grid as Golly centres them (the pattern is
//!   [`positioned`](Pattern::positioned)). Without a board the first cell
//!   line starts at 0, 0.
//! * `#D` lines are the description, kept as comments.
//! * `#L` lines hold the cells in MCell's run-length code: an optional
//!   count, then `.` (that many dead cells), `$` (that many new rows) or a
//!   state: `A` to `X` are states 1 to 24, and a prefix `a` to `j` adds
//!   24 times its rank (`bC` is 2 × 24 + 3 = 51). A state beyond 255 becomes
//!   1, as in Golly. Blanks are skipped; the rows run on from one `#L` line
//!   to the next.
//! * A Larger than Life file (`#GAME Larger than Life`) gets its board as
//!   a suffix in the same way. Every other line (`#GAME`, `#SPEED`,
//!   `#PALETTE`, `#N`, lines without `#`, …) is skipped, as Golly skips it.
//!
//! corolife reads MCell files but does not write them: RLE carries the
//! same cells, states and rule.
//!
//! ```
//! use corolife::format::{self, Format};
//!
//! let text = "#MCell 4.20\n#GOLLY WireWorld\n#D a wire\n#L BA3C\n";
//! assert_eq!(Format::detect(text, None), Some(Format::MCell));
//! let wire = format::parse(text, None)?;
//! assert_eq!(wire.rule.map(|r| r.to_string()).as_deref(), Some("WireWorld"));
//! assert_eq!(wire.comments, ["a wire"]);
//! let states: Vec<u8> = wire.cells().iter().map(|c| c.state.value()).collect();
//! assert_eq!(states, [2, 1, 3, 3, 3]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::format::{CellSink, ParseError, ParseErrorKind, unexpected};
use crate::{Cell, Pattern, Rule, State};

/// How an MCell file starts.
pub const HEADER: &str = "#MCell";

/// MCell's HistoricalLife table, which Golly reads as `LifeHistory`.
const HISTORICAL_LIFE: &str = "1,0,1,0,0,0,1,0,0,0,0,0,0,2,2,1,1,2,2,2,2,2,0,2,2,2,1,2,2,2,2,2";

/// MCell's table for Conway's Life.
const CONWAY: &str = "1,0,0,0,0,0,1,0,0,0,0,0,0,0,0,1,1";

/// Reads an MCell pattern.
pub fn parse(text: &str) -> Result<Pattern, ParseError> {
    let mut pattern = Pattern::default();
    let mut sink = CellSink::new();
    let mut rule: Option<String> = None;
    // Brice Due's extended HistoricalLife tables number some states
    // differently from LifeHistory.
    let mut extended_history = false;
    let (mut width, mut height) = (0i64, 0i64);
    let mut wrapped = false;
    let (mut x, mut y) = (0i64, 0i64);
    let mut rule_line = (0, 0);
    let mut in_header = true;
    for (index, raw) in text.split('\n').enumerate() {
        let number = index + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if !line.starts_with('#') {
            in_header = false;
            continue;
        }
        if let Some(cells) = line.strip_prefix("#L ") {
            in_header = false;
            if rule.is_none() {
                rule = Some("B3/S23".to_owned());
            }
            let row_start = -(width / 2);
            cell_line(
                line,
                cells,
                number,
                &mut sink,
                (&mut x, &mut y),
                row_start,
                extended_history,
            )?;
        } else if let Some(value) = line.strip_prefix("#BOARD ") {
            let (w, h) = board(value);
            (width, height) = (w, h);
            x = -(width / 2);
            y = -(height / 2);
        } else if let Some(value) = line.strip_prefix("#WRAP ") {
            wrapped = leading_integer(value).is_some_and(|n| n != 0);
        } else if rule.is_none() && (line.starts_with("#GOLLY") || line.starts_with("#RULE")) {
            let value = line
                .strip_prefix("#GOLLY")
                .or_else(|| line.strip_prefix("#RULE"))
                .unwrap_or_default();
            if value.trim_start().starts_with(HISTORICAL_LIFE) && line.starts_with("#RULE") {
                extended_history = value.trim_start()[HISTORICAL_LIFE.len()..].starts_with(',');
                rule = Some("LifeHistory".to_owned());
            } else if line.starts_with("#RULE") && value.trim_start().starts_with(CONWAY) {
                rule = Some("B3/S23".to_owned());
            } else {
                let word = value
                    .trim_start_matches(|c: char| c <= ' ')
                    .split(|c: char| c <= ' ')
                    .next()
                    .unwrap_or_default();
                rule = Some(word.to_owned());
            }
            let column = line.chars().count() - value.trim_start().chars().count() + 1;
            rule_line = (number, column);
        } else if in_header
            && let Some(rest) = line.strip_prefix("#D")
            && (rest.is_empty() || rest.starts_with([' ', '\t']))
        {
            let comment = rest.strip_prefix(' ').unwrap_or(rest).trim_end();
            pattern.comments.push(comment.to_owned());
        }
    }
    sink.finish(&mut pattern);
    let bounded = width > 0 || height > 0;
    if bounded {
        centre(&mut pattern, width, height).map_err(|kind| ParseError::new(1, 1, kind))?;
        pattern.positioned = true;
        if let Some(rule) = &mut rule {
            let kind = if wrapped { 'T' } else { 'P' };
            *rule = format!("{rule}:{kind}{width},{height}");
        }
    }
    if let Some(rule) = rule {
        if rule.is_empty() {
            let (number, column) = rule_line;
            return Err(ParseError::new(
                number,
                column,
                ParseErrorKind::Unexpected {
                    expected: "a rule",
                    found: crate::format::Found::EndOfLine,
                },
            ));
        }
        let (number, column) = rule_line;
        let parsed = rule
            .parse::<Rule>()
            .map_err(|e| ParseError::new(number, column, ParseErrorKind::Rule(e)))?;
        pattern.rule = Some(parsed);
    }
    Ok(pattern)
}

/// Reads the cells of one `#L` line (`cells` is the line after `#L `).
fn cell_line(
    line: &str,
    cells: &str,
    number: usize,
    sink: &mut CellSink,
    (x, y): (&mut i64, &mut i64),
    row_start: i64,
    extended_history: bool,
) -> Result<(), ParseError> {
    let start = line.len() - cells.len();
    let bytes = line.as_bytes();
    let mut count: i64 = 0;
    let mut at = start;
    let too_large = |from: usize, to: usize| {
        ParseError::new(
            number,
            from + 1,
            ParseErrorKind::NumberTooLarge(line[from..to].to_owned()),
        )
    };
    let mut digits_from = None;
    while at < bytes.len() {
        let c = bytes[at];
        if c.is_ascii_digit() {
            let from = *digits_from.get_or_insert(at);
            count = count
                .checked_mul(10)
                .and_then(|n| n.checked_add(i64::from(c - b'0')))
                .filter(|&n| n <= i64::from(u32::MAX))
                .ok_or_else(|| {
                    let to = line[at..]
                        .find(|c: char| !c.is_ascii_digit())
                        .map_or(line.len(), |i| at + i);
                    too_large(from, to)
                })?;
            at += 1;
            continue;
        }
        if c <= b' ' {
            at += 1;
            continue;
        }
        let n = if count == 0 { 1 } else { count };
        let state_at = at;
        match c {
            b'.' => *x += n,
            b'$' => {
                *x = row_start;
                *y += n;
            }
            _ => {
                let mut state: u32 = 0;
                let mut letter = c;
                if letter.is_ascii_lowercase() && letter <= b'j' {
                    state = 24 * u32::from(letter - b'a' + 1);
                    at += 1;
                    letter = bytes.get(at).copied().unwrap_or(b'\n');
                }
                if !(b'A'..=b'X').contains(&letter) {
                    let column = line[..at].chars().count() + 1;
                    return Err(if at >= line.len() {
                        ParseError::new(
                            number,
                            column,
                            ParseErrorKind::Unexpected {
                                expected: "a state ('A' to 'X', after 'a' to 'j' or alone), '.' or '$'",
                                found: crate::format::Found::EndOfLine,
                            },
                        )
                    } else {
                        unexpected_char(line, number, at)
                    });
                }
                state += u32::from(letter - b'A' + 1);
                if extended_history {
                    state = match state {
                        8 => 4,
                        3 => 5,
                        5 => 3,
                        other => other,
                    };
                }
                let state = u8::try_from(state).map_or(State::ALIVE, State::new);
                sink.run(*y, *x, n, state).map_err(|kind| {
                    ParseError::new(number, line[..state_at].chars().count() + 1, kind)
                })?;
                *x += n;
            }
        }
        count = 0;
        digits_from = None;
        at += 1;
    }
    Ok(())
}

/// The error of an unexpected character at byte `at` of `line`.
fn unexpected_char(line: &str, number: usize, at: usize) -> ParseError {
    let column = line[..at].chars().count() + 1;
    let expected = "a state ('A' to 'X', after 'a' to 'j' or alone), '.' or '$'";
    if line.is_char_boundary(at) && line[..at].is_ascii() {
        return unexpected(line, number, column, expected);
    }
    let found = line
        .get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(crate::format::Found::EndOfLine, crate::format::Found::Char);
    ParseError::new(
        number,
        column,
        ParseErrorKind::Unexpected { expected, found },
    )
}

/// The width and height of a `#BOARD` line's `WxH`, as C's `%dx%d`
/// reads them: what is missing or unreadable stays 0.
fn board(value: &str) -> (i64, i64) {
    let Some(width) = leading_integer(value) else {
        return (0, 0);
    };
    let rest = value.trim_start();
    let rest = rest.trim_start_matches(['-', '+']);
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let height = rest
        .strip_prefix('x')
        .and_then(leading_integer)
        .unwrap_or(0);
    (width, height)
}

/// The integer at the start of `value` (after blanks), as C's `%d` reads
/// it; `None` when there is none or it does not fit an `i32`.
fn leading_integer(value: &str) -> Option<i64> {
    let value = value.trim_start();
    let (sign, digits) = match value.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, value.strip_prefix('+').unwrap_or(value)),
    };
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    let n: i64 = digits[..end].parse().ok()?;
    i32::try_from(sign * n).ok().map(i64::from)
}

/// Moves the cells, written from the board's top-left corner, to the
/// middle of a `width` × `height` board, as Golly does (with one cell more
/// each way, to match MCell).
fn centre(pattern: &mut Pattern, width: i64, height: i64) -> Result<(), ParseErrorKind> {
    let Some(bounds) = pattern.bounding_box() else {
        return Ok(());
    };
    let shift_x = (width + 1 - i64::try_from(bounds.width()).unwrap_or(i64::MAX)) / 2;
    let shift_y = (height + 1 - i64::try_from(bounds.height()).unwrap_or(i64::MAX)) / 2;
    if shift_x <= 0 && shift_y <= 0 {
        return Ok(());
    }
    let moved = |v: i32, by: i64| i32::try_from(i64::from(v) + by).ok();
    let cells = pattern
        .cells()
        .iter()
        .map(|c| {
            Some(Cell {
                y: moved(c.y, shift_y)?,
                x: moved(c.x, shift_x)?,
                state: c.state,
            })
        })
        .collect::<Option<Vec<Cell>>>()
        .ok_or(ParseErrorKind::OutOfRange)?;
    pattern.set_ordered_cells(cells);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(pattern: &Pattern) -> Vec<(i32, i32, u8)> {
        pattern
            .cells()
            .iter()
            .map(|c| (c.x, c.y, c.state.value()))
            .collect()
    }

    #[test]
    fn runs_rows_and_multi_letter_states() {
        let p = parse("#MCell 4.20\n#L 2A.bC$\n#L 3.X\n#L jX\n").expect("valid");
        assert_eq!(
            cells(&p),
            [(0, 0, 1), (1, 0, 1), (3, 0, 51), (3, 1, 24), (4, 1, 1)]
        );
        // No rule before the first cells: Conway's Life, as in Golly.
        assert_eq!(p.rule, Some(Rule::LIFE));
        assert!(!p.positioned);
    }

    #[test]
    fn a_board_centres_the_cells_and_suffixes_the_rule() {
        // 10x6 board: cells start at (-5, -3); a 3x1 pattern moves by
        // ((11 - 3) / 2, (7 - 1) / 2) = (4, 3) to (-1, 0).
        let p = parse("#MCell\n#RULE B3/S23\n#BOARD 10x6\n#WRAP 1\n#L 3A\n").expect("valid");
        assert_eq!(cells(&p), [(-1, 0, 1), (0, 0, 1), (1, 0, 1)]);
        assert_eq!(
            p.rule.map(|r| r.to_string()).as_deref(),
            Some("B3/S23:T10,6")
        );
        assert!(p.positioned);
        let p = parse("#MCell\n#GOLLY WireWorld\n#BOARD 10x6\n#WRAP 0\n#L 3A\n").expect("valid");
        assert_eq!(
            p.rule.map(|r| r.to_string()).as_deref(),
            Some("WireWorld:P10,6")
        );
    }

    #[test]
    fn the_first_rule_wins_and_tables_are_translated() {
        let name = |text: &str| parse(text).expect("valid").rule.map(|r| r.to_string());
        assert_eq!(
            name("#MCell\n#GOLLY WireWorld\n#RULE 1,0,0\n#L A\n").as_deref(),
            Some("WireWorld")
        );
        assert_eq!(
            name("#MCell\n#RULE 1,0,1,0,0,0,1,0,0,0,0,0,0,2,2,1,1,2,2,2,2,2,0,2,2,2,1,2,2,2,2,2\n#L A\n")
                .as_deref(),
            Some("LifeHistory")
        );
        let conway =
            parse("#MCell\n#RULE 1,0,0,0,0,0,1,0,0,0,0,0,0,0,0,1,1,0\n#L A\n").expect("valid");
        assert_eq!(conway.rule, Some(Rule::LIFE));
        // A rule after the first cells comes too late.
        let late = parse("#MCell\n#L A\n#GOLLY WireWorld\n").expect("valid");
        assert_eq!(late.rule, Some(Rule::LIFE));
        // A rule file not defined yet is an error at the rule's line.
        let e = parse("#MCell\n#D x\n#GOLLY NoSuchRule\n#L A\n").expect_err("unknown");
        assert_eq!(e.line, 3, "{e}");
        assert!(
            matches!(
                e.kind,
                ParseErrorKind::Rule(crate::rule::RuleError::UnknownName { .. })
            ),
            "{e}"
        );
        // Extended HistoricalLife renumbers states 3, 5 and 8.
        let extended = parse(
            "#MCell\n#RULE 1,0,1,0,0,0,1,0,0,0,0,0,0,2,2,1,1,2,2,2,2,2,0,2,2,2,1,2,2,2,2,2,2\n#L CEHB\n",
        )
        .expect("valid");
        let states: Vec<u8> = cells(&extended).iter().map(|c| c.2).collect();
        assert_eq!(states, [5, 3, 4, 2]);
    }

    #[test]
    fn descriptions_are_comments_and_other_lines_are_skipped() {
        let p = parse("#MCell 4.00\n#GAME Rules table\n#D one\n#D\n#D \ttab\n#SPEED 20\n#N x\n#D two\n#L A\n#D late\n")
            .expect("valid");
        assert_eq!(p.comments, ["one", "", "\ttab", "two"]);
        assert_eq!(p.name, None);
    }

    #[test]
    fn states_beyond_255_become_1() {
        let p = parse("#MCell\n#L jP\n").expect("valid");
        // j is 10 × 24 = 240, P is 16: 256.
        assert_eq!(cells(&p), [(0, 0, 1)]);
        let p = parse("#MCell\n#L jO\n").expect("valid");
        assert_eq!(cells(&p), [(0, 0, 255)]);
    }

    #[test]
    fn errors_say_where_and_what() {
        let e = parse("#MCell\n#L 3A.Z\n").expect_err("Z is no state");
        assert_eq!(
            e.to_string(),
            "line 2, column 7: expected a state ('A' to 'X', after 'a' to 'j' or alone), '.' or '$', found 'Z'"
        );
        let e = parse("#MCell\n#L 3b\n").expect_err("a prefix alone");
        assert_eq!((e.line, e.column), (2, 6));
        let e = parse("#MCell\n#L 99999999999A\n").expect_err("count too large");
        assert_eq!(
            (e.line, e.column, e.kind),
            (
                2,
                4,
                ParseErrorKind::NumberTooLarge("99999999999".to_owned())
            )
        );
        let e = parse("#MCell\n#GOLLY \n#L A\n").expect_err("no rule");
        assert_eq!((e.line, e.column), (2, 8));
        let e = parse("#MCell\n#L 4000000000.A\n#L 4000000000.A\n").expect_err("beyond i32");
        assert_eq!((e.line, e.kind), (2, ParseErrorKind::OutOfRange));
    }
}
