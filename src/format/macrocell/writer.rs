//! The macrocell writer.

use std::fmt::Write as _;

use super::{Macrocell, Node};
use crate::format::{Format, WriteError};
use crate::{Pattern, Rule};

/// The header corolife writes: Golly's `[M2]` and the writing program.
const HEADER: &str = concat!("[M2] (corolife ", env!("CARGO_PKG_VERSION"), ")");

/// Writes `pattern` as a macrocell file: its tree if it was read as one,
/// else the tree of its cells, as [`Macrocell::from_pattern`] makes it,
/// with the pattern's metadata. A pattern with a line break in its name,
/// author or a comment is refused.
///
/// ```
/// use corolife::format::{self, Format};
///
/// let blinker = format::parse("x = 3, y = 1\n3o!", None)?;
/// let text = Format::Macrocell.write(&blinker)?;
/// assert_eq!(text, "[M2] (corolife 0.1.0)\n#R B3/S23\n$$$$$$$***$\n4 0 1 0 0\n");
/// assert_eq!(format::parse(&text, None)?.cells(), blinker.cells());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(pattern: &Pattern) -> Result<String, WriteError> {
    crate::format::require_single_lines(pattern, Format::Macrocell)?;
    Ok(Macrocell::from_pattern(pattern).write())
}

impl Macrocell {
    /// The text of a macrocell file of this tree, in
    /// [canonical](Macrocell::canonical) form: the header
    /// `[M2] (corolife VERSION)`, `#R` with the rule (B3/S23 if none),
    /// `#G` when the generation is not 0, `#N`, `#O` and one `#C` line per
    /// comment, then the nodes, as Golly writes them. Line breaks in the
    /// metadata end their line (a [`Pattern`] with any is refused by
    /// [`write()`]).
    pub fn write(&self) -> String {
        let tree = self.canonical();
        let mut text = String::with_capacity(64 + 16 * tree.nodes.len());
        let _ = writeln!(text, "{HEADER}");
        let _ = writeln!(text, "#R {}", tree.rule.unwrap_or(Rule::LIFE));
        if tree.generation > 0 {
            let _ = writeln!(text, "#G {}", tree.generation);
        }
        let mut line = |tag: &str, value: &str| {
            let _ = writeln!(text, "{}", format!("#{tag} {value}").trim_end());
        };
        if let Some(name) = &tree.name {
            line("N", name);
        }
        if let Some(author) = &tree.author {
            line("O", author);
        }
        for comment in &tree.comments {
            line("C", comment);
        }
        for node in &tree.nodes {
            match node {
                Node::Leaf8(rows) => {
                    let used = rows.iter().rposition(|&row| row != 0).map_or(0, |r| r + 1);
                    for &row in &rows[..used] {
                        let width = 8 - row.leading_zeros() as usize;
                        text.extend((0..width).map(|c| if row >> c & 1 != 0 { '*' } else { '.' }));
                        text.push('$');
                    }
                    text.push('\n');
                }
                Node::Leaf2(states) => {
                    let [nw, ne, sw, se] = states.map(|s| s.value());
                    let _ = writeln!(text, "1 {nw} {ne} {sw} {se}");
                }
                Node::Inner { level, children } => {
                    let [nw, ne, sw, se] = children;
                    let _ = writeln!(text, "{level} {nw} {ne} {sw} {se}");
                }
            }
        }
        text
    }
}
