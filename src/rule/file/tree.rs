//! `@TREE`: a rule tree, the complete transition function as a tree of
//! lookups, one level per neighbour.

use super::table::{Line, leading_int};
use super::{RuleFileError, error_at};

/// The order a tree of 8 neighbours looks them up in (NW, NE, SW, SE, N,
/// W, E, S, then the centre), as indices into N, NE, E, SE, S, SW, W, NW.
const ORDER_8: [usize; 8] = [7, 1, 5, 3, 0, 6, 2, 4];
/// The same for 4 neighbours: N, W, E, S, then the centre.
const ORDER_4: [usize; 4] = [0, 6, 2, 4];

/// A rule tree: from the root, each neighbour's state picks a child, and
/// the centre's state picks the new state in the last node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tree {
    states: u16,
    neighbours: u8,
    /// Where the root's children start in `inner`.
    base: usize,
    /// The children of the nodes above the bottom level: each is where the
    /// child's own children start (in `inner`, or in `leaves` for a child
    /// at the bottom level).
    inner: Vec<u32>,
    /// The new states held by the bottom-level nodes.
    leaves: Vec<u8>,
}

impl Tree {
    /// The number of states.
    pub fn states(&self) -> u16 {
        self.states
    }

    /// The number of neighbours the tree looks at: 4 (N, W, E, S) or 8.
    pub fn neighbours(&self) -> u8 {
        self.neighbours
    }

    /// The next state of a cell in `own` whose neighbours are `around`
    /// (N, NE, E, SE, S, SW, W, NW). A state out of range leaves the cell
    /// unchanged.
    #[inline]
    pub fn next(&self, own: u8, around: &[u8; 8]) -> u8 {
        let n = usize::from(self.states);
        let order: &[usize] = if self.neighbours == 4 {
            &ORDER_4
        } else {
            &ORDER_8
        };
        let mut at = self.base;
        for &c in order {
            let s = usize::from(around[c]);
            if s >= n {
                return own;
            }
            match self.inner.get(at + s) {
                Some(&next) => at = next as usize,
                None => return own,
            }
        }
        if usize::from(own) >= n {
            return own;
        }
        self.leaves
            .get(at + usize::from(own))
            .copied()
            .unwrap_or(own)
    }
}

/// Parses the lines of an `@TREE` section; `header` is the `@TREE` line.
pub(super) fn parse(header: &Line<'_>, lines: &[Line<'_>]) -> Result<Tree, RuleFileError> {
    let mut states: Option<(i64, usize, usize)> = None;
    let mut neighbours: Option<(i64, usize, usize)> = None;
    let mut nodes: Option<(i64, usize, usize)> = None;
    let mut checked: Option<(u16, u8)> = None;
    let mut inner: Vec<u32> = Vec::new();
    let mut leaves: Vec<u8> = Vec::new();
    // For each node so far: its level and where its children start.
    let mut node_list: Vec<(u8, usize)> = Vec::new();

    for line in lines {
        let text = line.text;
        let body = text.trim();
        let start = text.len() - text.trim_start().len();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let mut header_value = false;
        for (key, slot) in [
            ("num_states", &mut states),
            ("num_neighbors", &mut neighbours),
            ("num_nodes", &mut nodes),
        ] {
            if let Some(rest) = body.strip_prefix(key) {
                let rest_trim = rest.trim_start();
                let Some(value) = rest_trim.strip_prefix('=') else {
                    continue;
                };
                let at = start + key.len() + (rest.len() - rest_trim.len()) + 1;
                let Some(v) = leading_int(value) else {
                    return Err(error_at(
                        line.number,
                        text,
                        at,
                        format!("{key}: expected a number"),
                    ));
                };
                if checked.is_some() {
                    return Err(error_at(
                        line.number,
                        text,
                        start,
                        format!("{key} must come before the first node"),
                    ));
                }
                *slot = Some((v, line.number, at));
                header_value = true;
            }
        }
        if header_value {
            continue;
        }
        // A node line.
        let (n, k) = match checked {
            Some(c) => c,
            None => {
                let c = check_header(line, states, neighbours, nodes)?;
                checked = Some(c);
                c
            }
        };
        let mut fields = text
            .char_indices()
            .filter(|&(i, ch)| {
                !ch.is_whitespace()
                    && (i == 0
                        || text[..i]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_whitespace))
            })
            .map(|(i, _)| {
                let len = text[i..]
                    .find(char::is_whitespace)
                    .unwrap_or(text.len() - i);
                (i, &text[i..i + len])
            });
        let Some((level_at, level_text)) = fields.next() else {
            continue;
        };
        let number = |at: usize, s: &str, what: &str| -> Result<usize, RuleFileError> {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(error_at(
                    line.number,
                    text,
                    at,
                    format!("{what} `{s}` is not a number"),
                ));
            }
            s.parse::<usize>()
                .map_err(|_| error_at(line.number, text, at, format!("{what} `{s}` is too large")))
        };
        let level = number(level_at, level_text, "node level")?;
        if level < 1 || level > usize::from(k) + 1 {
            return Err(error_at(
                line.number,
                text,
                level_at,
                format!(
                    "node level {level} out of range (1 to {})",
                    usize::from(k) + 1
                ),
            ));
        }
        let offset = if level == 1 {
            leaves.len()
        } else {
            inner.len()
        };
        let mut count = 0usize;
        for (at, field) in fields {
            count += 1;
            if count > usize::from(n) {
                return Err(error_at(
                    line.number,
                    text,
                    at,
                    format!("too many values: a node has {n}, one per state"),
                ));
            }
            let v = number(at, field, "value")?;
            if level == 1 {
                match u8::try_from(v) {
                    Ok(s) if v < usize::from(n) => leaves.push(s),
                    _ => {
                        return Err(error_at(
                            line.number,
                            text,
                            at,
                            format!("state {v} out of range (0 to {})", n - 1),
                        ));
                    }
                }
            } else {
                match node_list.get(v) {
                    None => {
                        return Err(error_at(
                            line.number,
                            text,
                            at,
                            format!(
                                "node {v} is not defined yet (nodes are numbered from 0 in order, {} so far)",
                                node_list.len()
                            ),
                        ));
                    }
                    Some(&(l, child)) if usize::from(l) + 1 == level => {
                        inner.push(u32::try_from(child).map_err(|_| {
                            error_at(line.number, text, at, "the tree is too large")
                        })?);
                    }
                    Some(&(l, _)) => {
                        return Err(error_at(
                            line.number,
                            text,
                            at,
                            format!(
                                "node {v} is at level {l}, but a node at level {level} must point to level {}",
                                level - 1
                            ),
                        ));
                    }
                }
            }
        }
        if count < usize::from(n) {
            return Err(error_at(
                line.number,
                text,
                text.trim_end().len(),
                format!("too few values: {count} where a node has {n}, one per state"),
            ));
        }
        node_list.push((u8::try_from(level).unwrap_or(0), offset));
    }

    let (n, k) = match checked {
        Some(c) => c,
        None => {
            check_header(header, states, neighbours, nodes)?;
            return Err(error_at(
                header.number,
                header.text,
                0,
                "@TREE has no nodes",
            ));
        }
    };
    let (declared, nodes_line, nodes_at) = nodes.unwrap_or((0, header.number, 0));
    if usize::try_from(declared).ok() != Some(node_list.len()) {
        let line_text = lines
            .iter()
            .find(|l| l.number == nodes_line)
            .map_or(header.text, |l| l.text);
        return Err(error_at(
            nodes_line,
            line_text,
            nodes_at,
            format!(
                "num_nodes is {declared} but {} nodes follow",
                node_list.len()
            ),
        ));
    }
    let Some(&(root_level, base)) = node_list.last() else {
        return Err(error_at(
            header.number,
            header.text,
            0,
            "@TREE has no nodes",
        ));
    };
    if usize::from(root_level) != usize::from(k) + 1 {
        let last = lines
            .iter()
            .rev()
            .find(|l| {
                let t = l.text.trim();
                !t.is_empty() && !t.starts_with('#')
            })
            .unwrap_or(header);
        return Err(error_at(
            last.number,
            last.text,
            last.text.len() - last.text.trim_start().len(),
            format!(
                "the last node is the root and must be at level {}, not {root_level}",
                usize::from(k) + 1
            ),
        ));
    }
    Ok(Tree {
        states: n,
        neighbours: k,
        base,
        inner,
        leaves,
    })
}

/// Checks the three header values once the first node arrives.
fn check_header(
    line: &Line<'_>,
    states: Option<(i64, usize, usize)>,
    neighbours: Option<(i64, usize, usize)>,
    nodes: Option<(i64, usize, usize)>,
) -> Result<(u16, u8), RuleFileError> {
    let start = line.text.len() - line.text.trim_start().len();
    let missing: Vec<&str> = [
        (states.is_none(), "num_states"),
        (neighbours.is_none(), "num_neighbors"),
        (nodes.is_none(), "num_nodes"),
    ]
    .into_iter()
    .filter_map(|(m, name)| m.then_some(name))
    .collect();
    if !missing.is_empty() {
        return Err(error_at(
            line.number,
            line.text,
            start,
            format!("{} must be given before the first node", missing.join(", ")),
        ));
    }
    let (s, _, _) = states.unwrap_or_default();
    let (k, _, _) = neighbours.unwrap_or_default();
    let (m, _, _) = nodes.unwrap_or_default();
    if !(2..=256).contains(&s) {
        return Err(error_at(
            line.number,
            line.text,
            start,
            format!("num_states {s} out of range (2 to 256)"),
        ));
    }
    if k != 4 && k != 8 {
        return Err(error_at(
            line.number,
            line.text,
            start,
            format!("num_neighbors is {k}, not 4 or 8"),
        ));
    }
    if m < 1 {
        return Err(error_at(
            line.number,
            line.text,
            start,
            format!("num_nodes {m} must be at least 1"),
        ));
    }
    Ok((u16::try_from(s).unwrap_or(2), u8::try_from(k).unwrap_or(8)))
}
