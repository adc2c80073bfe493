//! Views of grids as text.
//!
//! A single grid prints with its `Display`: one line per row, `*` alive and
//! `-` empty. [`columns`] sets several generations side by side, as
//! Effective Python's `ColumnPrinter` does.

use crate::Grid;

/// Centres `label` in `width` characters the way Python's `str.center`
/// does: the extra space of an odd margin goes to the left when `width` is
/// odd, to the right when it is even.
fn centre(label: &str, width: usize) -> String {
    let len = label.chars().count();
    if len >= width {
        return label.to_owned();
    }
    let margin = width - len;
    let left = margin / 2 + (margin & width & 1);
    format!("{:left$}{label}{:right$}", "", "", right = margin - left)
}

/// Generations side by side: a header line with each generation's number
/// centred over its column, then the grids' rows, columns joined by ` | `.
/// Every line ends in a newline; the header keeps its trailing padding.
///
/// ```
/// use corolife::{Engine, Grid, Rule, Sequential, render};
///
/// let mut grid: Grid = "-----\n-***-\n-----\n".parse()?;
/// let first = grid.clone();
/// Sequential::new(Rule::LIFE).step(&mut grid);
/// let text = render::columns(&[(0, &first), (1, &grid)]);
/// assert_eq!(text, "  0   |   1  \n----- | --*--\n-***- | --*--\n----- | --*--\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn columns(generations: &[(u64, &Grid)]) -> String {
    let labels: Vec<String> = generations.iter().map(|(g, _)| g.to_string()).collect();
    let widths: Vec<usize> = generations
        .iter()
        .zip(&labels)
        .map(|((_, grid), label)| grid.cols().max(label.len()))
        .collect();
    let rows = generations.iter().map(|(_, g)| g.rows()).max().unwrap_or(0);
    let mut out = String::new();
    let header: Vec<String> = labels
        .iter()
        .zip(&widths)
        .map(|(l, &w)| centre(l, w))
        .collect();
    out.push_str(&header.join(" | "));
    out.push('\n');
    for r in 0..rows {
        let cells: Vec<String> = generations
            .iter()
            .zip(&widths)
            .map(|((_, grid), &width)| {
                let line: String = if r < grid.rows() {
                    grid.row(r).iter().map(|s| s.symbol()).collect()
                } else {
                    String::new()
                };
                format!("{line:width$}")
            })
            .collect();
        out.push_str(cells.join(" | ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centring_matches_python() {
        // Values of Python's str.center.
        assert_eq!(centre("0", 9), "    0    ");
        assert_eq!(centre("10", 9), "    10   ");
        assert_eq!(centre("0", 10), "    0     ");
        assert_eq!(centre("10", 10), "    10    ");
        assert_eq!(centre("123", 2), "123");
    }

    #[test]
    fn narrow_grids_widen_their_column_for_the_label() {
        let grid: Grid = "*\n".parse().expect("grid");
        let text = columns(&[(9, &grid), (10, &grid)]);
        assert_eq!(text, "9 | 10\n* | *\n");
    }
}
