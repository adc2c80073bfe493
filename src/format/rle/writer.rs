//! The RLE writer.

use std::fmt::Write as _;

use super::{LINE_LENGTH, MAX_RUN, XRLE};
use crate::format::{Format, WriteError};
use crate::{Pattern, Rule, State};

/// Writes `pattern` as RLE.
pub fn write(pattern: &Pattern) -> Result<String, WriteError> {
    crate::format::require_single_lines(pattern, Format::Rle)?;
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
