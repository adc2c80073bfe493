//! Golly's `.rule` files: rule tables and rule trees, with the names and
//! colours of their states.
//!
//! A `.rule` file is a list of sections, each begun by a line `@NAME`.
//! The first line is `@RULE name`. The logic comes from the first
//! `@TABLE` or `@TREE` section (see [`Table`] and [`Tree`]); `@NAMES` and
//! `@COLORS` name and colour states; anything else (`@ICONS`, unknown
//! sections, a second table or tree) is read past and listed in
//! [`RuleFile::notes`]. Lines may end in LF, CR LF or CR.
//!
//! One file is read at a time. Golly takes the names, colours and icons a
//! rule `Foo-bar` lacks from `Foo-shared.rule` (its `Worm-*` rules keep
//! theirs there); a caller that wants the same parses that file too and
//! fills the gaps itself.
//!
//! ```
//! use corolife::rule::file::parse;
//!
//! let text = "@RULE Wire\n@TABLE\nn_states:4\nneighborhood:Moore\n\
//!             symmetries:none\n1,0,0,0,0,0,0,0,0,2\n";
//! let rule = parse(text).expect("a valid file");
//! assert_eq!(rule.name, "Wire");
//! assert_eq!(rule.logic.next(1, &[0; 8]), 2);
//! assert_eq!(rule.logic.next(1, &[3; 8]), 1); // no transition: unchanged
//! ```

mod table;
mod tree;

#[cfg(test)]
mod tests;

pub use table::{Table, TableNeighbourhood};
pub use tree::Tree;

use table::Line;

/// What was wrong with a `.rule` file, and where: line and column count
/// from 1, the column in characters.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct RuleFileError {
    /// The line, from 1.
    pub line: usize,
    /// The column, in characters, from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// An error at byte `at` of a line.
fn error_at(line: usize, text: &str, at: usize, message: impl Into<String>) -> RuleFileError {
    let at = at.min(text.len());
    let column = text.char_indices().take_while(|&(i, _)| i < at).count() + 1;
    RuleFileError {
        line,
        column,
        message: message.into(),
    }
}

/// How a rule computes a cell's next state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Logic {
    /// An `@TABLE` section.
    Table(Table),
    /// An `@TREE` section.
    Tree(Tree),
}

impl Logic {
    /// The next state of a cell in `own` whose eight neighbours are
    /// `around`, in the order N, NE, E, SE, S, SW, W, NW (north, then
    /// clockwise). Neighbours outside the rule's neighbourhood are not
    /// looked at. A state the rule does not have leaves the cell as it is.
    #[inline]
    pub fn next(&self, own: u8, around: &[u8; 8]) -> u8 {
        match self {
            Logic::Table(t) => t.next(own, around),
            Logic::Tree(t) => t.next(own, around),
        }
    }

    /// The number of states, 2 to 256.
    pub fn states(&self) -> u16 {
        match self {
            Logic::Table(t) => t.states(),
            Logic::Tree(t) => t.states(),
        }
    }
}

/// A parsed `.rule` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleFile {
    /// The name after `@RULE`.
    pub name: String,
    /// The number of states, 2 to 256.
    pub states: u16,
    /// The table or tree.
    pub logic: Logic,
    /// The name of each state, one per state (`names[s]` for state `s`),
    /// empty where `@NAMES` gives none (all empty without `@NAMES`).
    pub names: Vec<String>,
    /// The colour of each state, one per state: Golly's defaults for its
    /// rule-loading algorithm (dark grey for 0, a gradient from red to
    /// yellow over the others), changed by `@COLORS` where it says so.
    pub colours: Vec<[u8; 3]>,
    /// What was read but not used: `@ICONS`, unknown sections, a second
    /// table or tree, `@NAMES` or `@COLORS` lines for states the rule
    /// lacks.
    pub notes: Vec<String>,
}

/// Splits text into lines the way Golly reads them: LF, CR LF and CR all
/// end a line.
fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'\r' => {
                lines.push(Line {
                    number: lines.len() + 1,
                    text: &text[start..i],
                });
                if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        lines.push(Line {
            number: lines.len() + 1,
            text: &text[start..],
        });
    }
    lines
}

/// Golly's default colours for `states` states under RuleLoader: state 0
/// dark grey, the live states a gradient from red to yellow.
pub fn default_colours(states: u16) -> Vec<[u8; 3]> {
    let mut colours = vec![[48, 48, 48]; usize::from(states)];
    gradient(&mut colours, [255, 0, 0], [255, 255, 0]);
    colours
}

/// Golly's colour gradient over states 1 and up, rounding as it does.
fn gradient(colours: &mut [[u8; 3]], from: [u8; 3], to: [u8; 3]) {
    let max = colours.len().saturating_sub(1);
    if max < 1 {
        return;
    }
    colours[1] = from;
    if max > 2 {
        let steps = (max - 1) as f64;
        for n in 1..max - 1 {
            let mut c = [0u8; 3];
            for k in 0..3 {
                let frac = (f64::from(to[k]) - f64::from(from[k])) / steps;
                c[k] = (f64::from(from[k]) + n as f64 * frac + 0.5) as u8;
            }
            colours[n + 1] = c;
        }
    }
    if max > 1 {
        colours[max] = to;
    }
}

/// Reads up to `count` integers as C's `%d%d…` does, stopping at the first
/// that is not one.
fn leading_ints(text: &str, count: usize) -> Vec<i64> {
    let mut out = Vec::new();
    let mut rest = text;
    while out.len() < count {
        let t = rest.trim_start();
        let Some(v) = table::leading_int(t) else {
            break;
        };
        out.push(v);
        let sign = usize::from(t.starts_with(['+', '-']));
        let digits = t[sign..].bytes().take_while(u8::is_ascii_digit).count();
        rest = &t[sign + digits..];
    }
    out
}

/// A colour component as Golly stores it (an `int` into an `unsigned
/// char`: modulo 256).
fn component(v: i64) -> u8 {
    v.rem_euclid(256) as u8
}

/// One note for the `@NAMES` or `@COLORS` lines (line number, state) that
/// name states the rule lacks, however many there are: some generated
/// files colour a hundred states for a rule of five.
fn lacking_note(section: &str, lacking: &[(usize, i64)]) -> Option<String> {
    match lacking {
        [] => None,
        [(line, state)] => Some(format!(
            "line {line}: {section} for state {state}, which the rule lacks, ignored"
        )),
        [(first, _), .., (last, _)] => {
            let mut states: Vec<String> =
                lacking.iter().take(3).map(|(_, s)| s.to_string()).collect();
            if lacking.len() > 3 {
                states.push("…".into());
            }
            Some(format!(
                "lines {first} to {last}: {section} for {} states the rule lacks ({}) ignored",
                lacking.len(),
                states.join(", ")
            ))
        }
    }
}

/// Parses a `.rule` file.
///
/// # Errors
///
/// A [`RuleFileError`] naming the line and column: no `@RULE` line first,
/// no `@TABLE` or `@TREE`, or anything wrong in the one used.
///
/// ```
/// use corolife::rule::file::parse;
///
/// let text = "@RULE Bad\n@TABLE\nn_states:2\nneighborhood:Moore\n\
///             symmetries:rotate6\n";
/// let e = parse(text).expect_err("rotate6 is for hexagonal tables");
/// assert_eq!((e.line, e.column), (5, 12));
/// assert!(e.message.contains("rotate6"));
/// ```
pub fn parse(text: &str) -> Result<RuleFile, RuleFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = split_lines(text);
    let Some(first) = lines.first() else {
        return Err(RuleFileError {
            line: 1,
            column: 1,
            message: "empty file: a .rule file begins with `@RULE name`".into(),
        });
    };
    let Some(rest) = first.text.strip_prefix("@RULE") else {
        return Err(error_at(
            1,
            first.text,
            0,
            "a .rule file must begin with `@RULE name`",
        ));
    };
    let name = rest.trim();
    if name.is_empty() || !rest.starts_with([' ', '\t']) {
        return Err(error_at(
            1,
            first.text,
            5,
            "`@RULE` must be followed by a space and the rule's name",
        ));
    }

    // The sections after the first line: header index and body range.
    let mut sections: Vec<(usize, usize, usize)> = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(1) {
        if line.text.starts_with('@') {
            if let Some(last) = sections.last_mut() {
                last.2 = i;
            }
            sections.push((i, i + 1, lines.len()));
        }
    }

    let mut notes = Vec::new();
    let mut logic: Option<Logic> = None;
    let mut names_section: Option<(usize, usize)> = None;
    let mut colours_section: Option<(usize, usize)> = None;
    for &(h, from, to) in &sections {
        let header = &lines[h];
        let keyword = header.text.trim_end();
        let body = &lines[from..to];
        match keyword {
            "@TABLE" | "@TREE" if logic.is_some() => notes.push(format!(
                "line {}: {keyword} ignored (the first table or tree is used)",
                header.number
            )),
            "@TABLE" => logic = Some(Logic::Table(table::parse(header, body)?)),
            "@TREE" => logic = Some(Logic::Tree(tree::parse(header, body)?)),
            "@NAMES" | "@COLORS" => {
                let slot = if keyword == "@NAMES" {
                    &mut names_section
                } else {
                    &mut colours_section
                };
                if slot.is_some() {
                    notes.push(format!("line {}: second {keyword} ignored", header.number));
                } else {
                    *slot = Some((from, to));
                }
            }
            "@ICONS" => notes.push(format!("line {}: @ICONS ignored", header.number)),
            other => notes.push(format!(
                "line {}: unknown section {other} ignored",
                header.number
            )),
        }
    }
    let Some(logic) = logic else {
        return Err(error_at(1, first.text, 0, "no @TABLE or @TREE section"));
    };
    let states = logic.states();
    let max = i64::from(states) - 1;

    let mut names = vec![String::new(); usize::from(states)];
    if let Some((from, to)) = names_section {
        let mut lacking = Vec::new();
        for line in &lines[from..to] {
            let t = line.text;
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let trimmed = t.trim_start();
            let Some(state) = table::leading_int(trimmed) else {
                continue;
            };
            let sign = usize::from(trimmed.starts_with(['+', '-']));
            let digits = trimmed[sign..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            let name = trimmed[sign + digits..].trim();
            if name.is_empty() {
                continue;
            }
            match usize::try_from(state) {
                Ok(s) if state <= max => names[s] = name.to_string(),
                _ => lacking.push((line.number, state)),
            }
        }
        notes.extend(lacking_note("@NAMES", &lacking));
    }

    let mut colours = default_colours(states);
    if let Some((from, to)) = colours_section {
        let mut lacking = Vec::new();
        for line in &lines[from..to] {
            let t = line.text;
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let v = leading_ints(t, 6);
            if v.len() == 6 {
                gradient(
                    &mut colours,
                    [component(v[0]), component(v[1]), component(v[2])],
                    [component(v[3]), component(v[4]), component(v[5])],
                );
            } else if v.len() >= 4 {
                match usize::try_from(v[0]) {
                    Ok(s) if v[0] <= max => {
                        colours[s] = [component(v[1]), component(v[2]), component(v[3])];
                    }
                    _ => lacking.push((line.number, v[0])),
                }
            }
        }
        notes.extend(lacking_note("@COLORS", &lacking));
    }

    Ok(RuleFile {
        name: name.to_string(),
        states,
        logic,
        names,
        colours,
        notes,
    })
}
