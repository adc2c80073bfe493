//! Views of grids as text.
//!
//! A single grid prints with its `Display`: one line per row, `*` alive and
//! `-` empty. [`columns`] sets several generations side by side, as
//! Effective Python's `ColumnPrinter` does.
//!
//! Text grows with the area shown, not with the cells alive: a 13-byte
//! RLE can describe a box of hundreds of millions of cells. Front ends
//! ask [`check_size`] before printing one view (a grid, or generations
//! side by side) and refuse more than [`MAX_TEXT`] unless told to go on.
//!
//! ```
//! use corolife::render::text::{self, MAX_TEXT};
//!
//! assert_eq!(text::grid_bytes(3, 4), 15);
//! assert!(text::check_size(text::grid_bytes(1000, 1000), || "the grid".into()).is_ok());
//! let error = text::check_size(text::grid_bytes(150_000_001, 1), || "the grid".into())
//!     .expect_err("too large");
//! assert_eq!(error.limit, MAX_TEXT);
//! assert!(error.to_string().contains("--force"));
//! ```

use thiserror::Error;

use crate::Grid;
use crate::budget::human_bytes;

/// The most bytes of text one view may take unless the front end is told
/// to go on (`--force`): 128 MiB, an 8192×8192 grid with room to spare.
pub const MAX_TEXT: u64 = 128 << 20;

/// A view of text larger than [`MAX_TEXT`].
#[derive(Clone, PartialEq, Eq, Debug, Error)]
#[error(
    "{what} would be {} of text, more than the {} limit for text output; --force prints it anyway",
    human_bytes(*.bytes),
    human_bytes(*.limit)
)]
pub struct TooMuchText {
    /// What would be printed.
    pub what: String,
    /// Its size, in bytes.
    pub bytes: u64,
    /// The limit, in bytes.
    pub limit: u64,
}

/// The bytes of a `rows` × `cols` grid as text: a character per cell and
/// a newline per row.
pub const fn grid_bytes(rows: u64, cols: u64) -> u64 {
    rows.saturating_mul(cols.saturating_add(1))
}

/// The bytes, at most, of [`columns`] for `count` grids of `rows` ×
/// `cols` whose generations are at most `last`: a header line and the
/// rows, columns joined by ` | `.
pub fn columns_bytes(count: u64, rows: u64, cols: u64, last: u64) -> u64 {
    let label = last.checked_ilog10().map_or(1, |digits| digits as u64 + 1);
    let width = if cols < label { label } else { cols };
    let line = count
        .saturating_mul(width.saturating_add(3))
        .saturating_add(1);
    line.saturating_mul(rows.saturating_add(1))
}

/// Refuses `bytes` of text beyond [`MAX_TEXT`]; `what` names what would
/// be printed, for the message, and is only called on refusal.
pub fn check_size(bytes: u64, what: impl FnOnce() -> String) -> Result<(), TooMuchText> {
    if bytes > MAX_TEXT {
        return Err(TooMuchText {
            what: what(),
            bytes,
            limit: MAX_TEXT,
        });
    }
    Ok(())
}

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
    fn sizes_of_text_are_known_before_it_is_made() {
        let grid = Grid::new(7, 3).expect("grid");
        assert_eq!(grid.to_string().len() as u64, grid_bytes(7, 3));
        let wide = Grid::new(2, 30).expect("grid");
        for (grid, count, last) in [(&grid, 12, 1234), (&wide, 3, 2), (&grid, 1, 0)] {
            let views: Vec<(u64, &Grid)> =
                (0..count).map(|g| (last + 1 - count + g, grid)).collect();
            let bound = columns_bytes(count, grid.rows() as u64, grid.cols() as u64, last);
            assert!(
                columns(&views).len() as u64 <= bound,
                "{count} up to {last}"
            );
        }
        assert!(check_size(MAX_TEXT, String::new).is_ok());
        let error = check_size(MAX_TEXT + 1, || "the grid".into()).expect_err("over");
        assert_eq!(
            error.to_string(),
            "the grid would be 128.0 MiB of text, more than the 128.0 MiB limit for text output; --force prints it anyway"
        );
    }

    #[test]
    fn narrow_grids_widen_their_column_for_the_label() {
        let grid: Grid = "*\n".parse().expect("grid");
        let text = columns(&[(9, &grid), (10, &grid)]);
        assert_eq!(text, "9 | 10\n* | *\n");
    }
}
