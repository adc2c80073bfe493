//! The macrocell reader.

use super::{MAX_LEVEL, Macrocell, Node};
use crate::State;
use crate::format::{Found, ParseError, ParseErrorKind, unexpected};

/// The header every macrocell file starts with.
pub(crate) const HEADER: &str = "[M2]";

/// What a node line holds, for errors.
const NODE: &str = "a node: a leaf row of . * $, or LEVEL NW NE SW SE";

/// Whether `line` (the first line of a file) is a macrocell header.
pub(crate) fn is_header(line: &str) -> bool {
    line.starts_with(HEADER)
}

/// Reads a macrocell file, keeping its tree (see the [module
/// documentation](super) for what is read and checked).
///
/// ```
/// use corolife::format::macrocell::{self, Node};
/// use corolife::format::ParseErrorKind;
///
/// let tree = macrocell::parse("[M2] (golly 4.3)\n#R B3/S23\n#G 7\n.**$**$.*$\n4 0 1 0 0\n")?;
/// assert_eq!(tree.nodes.len(), 2);
/// assert_eq!(tree.nodes[1], Node::Inner { level: 4, children: [0, 1, 0, 0] });
/// assert_eq!((tree.generation, tree.population()), (7, 5));
///
/// let error = macrocell::parse("[M2]\n.*$\n4 0 2 0 0\n").expect_err("no node 2 yet");
/// assert_eq!((error.line, error.column), (3, 5));
/// assert!(matches!(error.kind, ParseErrorKind::NoSuchNode { node: 2, nodes: 1 }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse(text: &str) -> Result<Macrocell, ParseError> {
    let mut tree = Macrocell::default();
    let mut lines = text.split('\n').enumerate();
    // Blank lines before the header are let by, as detection lets them.
    let (index, first) = lines
        .find(|(_, line)| !line.trim().is_empty())
        .ok_or(ParseError::new(1, 1, ParseErrorKind::Empty))?;
    let first = first.trim_end();
    if !is_header(first) {
        let at = first
            .char_indices()
            .zip(HEADER.chars())
            .find(|((_, found), expected)| found != expected)
            .map_or(first.len(), |((at, _), _)| at);
        return Err(unexpected(
            first,
            index + 1,
            first[..at].chars().count() + 1,
            "the macrocell header [M2]",
        ));
    }
    // The highest level so far and its node, the last node's line, and
    // whether the file has a timeline (whose frames are roots of their own).
    let mut highest = (0, 0);
    let mut last_line = 0;
    let mut timeline = false;
    for (index, raw) in lines {
        let number = index + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = line.strip_prefix('#') {
            timeline |= rest.starts_with("FRAME");
            metadata(line, rest, number, &mut tree)?;
            continue;
        }
        let body = line.trim_end();
        if body.trim_start().is_empty() {
            continue;
        }
        let node = if body.starts_with(['.', '*', '$']) {
            leaf(body, number)?
        } else {
            inner(line, number, &tree.nodes)?
        };
        if u32::try_from(tree.nodes.len() + 1).is_err() {
            return Err(ParseError::new(number, 1, ParseErrorKind::TooManyCells));
        }
        if node.level() > highest.0 {
            highest = (node.level(), tree.nodes.len() + 1);
        }
        last_line = number;
        tree.nodes.push(node);
    }
    // Golly writes every node after its quadrants, so the root, last, is
    // of the highest level; a file whose last node is lower was cut short.
    if let Some(last) = tree.nodes.last()
        && last.level() < highest.0
        && !timeline
    {
        return Err(ParseError::new(
            last_line,
            1,
            ParseErrorKind::NoRoot {
                level: last.level(),
                node: highest.1 as u64,
                highest: highest.0,
            },
        ));
    }
    Ok(tree)
}

/// A `#` line (`rest` is what follows the `#`).
fn metadata(line: &str, rest: &str, number: usize, tree: &mut Macrocell) -> Result<(), ParseError> {
    let mut chars = rest.chars();
    let Some(tag) = chars.next() else {
        return Ok(());
    };
    let after = chars.as_str();
    let value = after.strip_prefix(' ').unwrap_or(after).trim_end();
    // The column of the first character of `part`, a slice of `line`.
    let column = |part: &str| {
        let offset = (part.as_ptr() as usize).saturating_sub(line.as_ptr() as usize);
        line.get(..offset)
            .map_or(1, |before| before.chars().count() + 1)
    };
    match tag {
        'R' => {
            let rule = value.trim_start();
            let found = rule.trim_end();
            tree.rule = Some(found.parse().map_err(|error| {
                ParseError::new(number, column(rule), ParseErrorKind::Rule(error))
            })?);
        }
        'G' => {
            let digits = value.trim();
            let at = column(value.trim_start());
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                let found = digits
                    .chars()
                    .find(|c| !c.is_ascii_digit())
                    .map_or(Found::EndOfLine, Found::Char);
                let bad = digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
                return Err(ParseError::new(
                    number,
                    at + digits[..bad].chars().count(),
                    ParseErrorKind::Unexpected {
                        expected: "the generation, a non-negative integer",
                        found,
                    },
                ));
            }
            tree.generation = digits.parse().map_err(|_| {
                ParseError::new(
                    number,
                    at,
                    ParseErrorKind::NumberTooLarge(digits.to_owned()),
                )
            })?;
        }
        'N' if tree.name.is_none() => tree.name = Some(value.to_owned()),
        'O' if tree.author.is_none() => tree.author = Some(value.to_owned()),
        'N' | 'O' | 'C' | 'D' => tree.comments.push(value.to_owned()),
        // `#FRAMES`, `#FRAME` (Golly's timeline) and anything else.
        _ => {}
    }
    Ok(())
}

/// An 8×8 leaf: rows of `.` and `*`, each ended by `$`.
fn leaf(line: &str, number: usize) -> Result<Node, ParseError> {
    let mut rows = [0u8; 8];
    let (mut row, mut col) = (0usize, 0usize);
    for (at, byte) in line.bytes().enumerate() {
        let column = at + 1;
        match byte {
            b'.' | b'*' if row == 8 => {
                return Err(unexpected(
                    line,
                    number,
                    column,
                    "the end of the leaf after its 8 rows",
                ));
            }
            b'.' | b'*' if col == 8 => {
                return Err(unexpected(line, number, column, "$ after a row's 8 cells"));
            }
            b'.' => col += 1,
            b'*' => {
                rows[row] |= 1 << col;
                col += 1;
            }
            b'$' if row == 8 => {
                return Err(unexpected(
                    line,
                    number,
                    column,
                    "the end of the leaf after its 8 rows",
                ));
            }
            b'$' => {
                row += 1;
                col = 0;
            }
            _ => return Err(unexpected(line, number, column, "., * or $ in a leaf")),
        }
    }
    Ok(Node::Leaf8(rows))
}

/// A node line `LEVEL NW NE SW SE`: a 2×2 leaf of four states at level 1,
/// else an inner node whose quadrants are earlier nodes of the level below.
fn inner(line: &str, number: usize, nodes: &[Node]) -> Result<Node, ParseError> {
    let mut fields = [(0u64, 0usize); 5];
    let mut words = Words { line, at: 0 };
    for (i, field) in fields.iter_mut().enumerate() {
        let expected = if i == 0 {
            NODE
        } else {
            "four quadrants: LEVEL NW NE SW SE"
        };
        *field = words.number(number, expected)?;
    }
    words.end(number)?;
    let (level, level_column) = fields[0];
    let quadrants = &fields[1..];
    if level == 0 || level > u64::from(MAX_LEVEL) {
        return Err(ParseError::new(
            number,
            level_column,
            ParseErrorKind::Level(level),
        ));
    }
    let level = level as u32;
    if level == 1 {
        let mut states = [State::EMPTY; 4];
        for (state, &(value, column)) in states.iter_mut().zip(quadrants) {
            *state = u8::try_from(value).map(State::new).map_err(|_| {
                ParseError::new(number, column, ParseErrorKind::StateTooLarge(value))
            })?;
        }
        return Ok(Node::Leaf2(states));
    }
    let mut children = [0u32; 4];
    for (child, &(value, column)) in children.iter_mut().zip(quadrants) {
        if value == 0 {
            continue;
        }
        let error = |kind| ParseError::new(number, column, kind);
        let node = usize::try_from(value - 1)
            .ok()
            .and_then(|i| nodes.get(i))
            .ok_or_else(|| {
                error(ParseErrorKind::NoSuchNode {
                    node: value,
                    nodes: nodes.len() as u64,
                })
            })?;
        if node.level() + 1 != level {
            return Err(error(ParseErrorKind::ChildLevel {
                node: value,
                level: node.level(),
                expected: level - 1,
            }));
        }
        // Below the node count, which fits `u32`.
        *child = value as u32;
    }
    Ok(Node::Inner { level, children })
}

/// A cursor over the blank-separated numbers of a node line.
struct Words<'a> {
    line: &'a str,
    /// Byte offset of the cursor; the line before it is ASCII.
    at: usize,
}

impl Words<'_> {
    fn skip_blanks(&mut self) {
        let rest = &self.line[self.at..];
        self.at += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }

    /// The next number and its column.
    fn number(&mut self, line: usize, expected: &'static str) -> Result<(u64, usize), ParseError> {
        self.skip_blanks();
        let rest = &self.line[self.at..];
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let column = self.at + 1;
        if digits == 0 {
            return Err(unexpected(self.line, line, column, expected));
        }
        let text = &rest[..digits];
        self.at += digits;
        if !self.line[self.at..].is_empty() && !self.line[self.at..].starts_with([' ', '\t']) {
            return Err(unexpected(
                self.line,
                line,
                self.at + 1,
                "a blank or the end of the line after a number",
            ));
        }
        let value = text.parse().map_err(|_| {
            ParseError::new(
                line,
                column,
                ParseErrorKind::NumberTooLarge(text.to_owned()),
            )
        })?;
        Ok((value, column))
    }

    /// The end of the line, after blanks.
    fn end(&mut self, line: usize) -> Result<(), ParseError> {
        self.skip_blanks();
        if self.line[self.at..].trim_end().is_empty() {
            return Ok(());
        }
        Err(unexpected(
            self.line,
            line,
            self.at + 1,
            "the end of the line after a node's four quadrants",
        ))
    }
}
