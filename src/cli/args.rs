//! The command-line syntax, validated into typed values by clap.

use std::str::FromStr;

use clap::{Args, Parser, Subcommand};
use corolife::view::Density;
use corolife::{EngineKind, Rule};

/// Conway's Game of Life whose cells are generator coroutines.
///
/// Every cell is a coroutine that asks for its neighbours' states and
/// announces its next state; an engine owns the toroidal grid and answers.
///
/// With no subcommand, corolife animates PATTERN (the Gosper glider gun if
/// none is given) in the terminal, as `corolife animate` does. When stdout
/// is not a terminal it prints text instead: with no PATTERN, the glider of
/// Effective Python's Item 40 for five generations side by side; with one,
/// generations 0 to 4 of PATTERN side by side.
#[derive(Parser, Debug)]
#[command(
    name = "corolife",
    version,
    max_term_width = 100,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub animate: AnimateArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run a pattern for some generations and print the grid as text.
    ///
    /// Prints one line per row, `*` alive and `-` empty. The pattern's
    /// bounding box is centred on a torus of --size (or the rule's :T
    /// suffix, or the box with a margin of 8 cells on every side).
    Run(RunArgs),

    /// Animate a pattern in the terminal.
    ///
    /// Keys: space pause, n step, +/- speed, arrows/hjkl pan, z density,
    /// r restart, c clear, R random soup, click to toggle cells while
    /// paused, ? all keys, q quit. Without --size the torus fits the
    /// terminal at the chosen density (or the rule's :T suffix, and never
    /// smaller than the pattern).
    Animate(AnimateArgs),
}

#[derive(Args, Debug)]
pub struct AnimateArgs {
    /// A pattern file (RLE or plaintext), `-` for standard input, or a
    /// built-in name; the Gosper glider gun if none is given.
    pub pattern: Option<String>,

    /// The torus size, rows by columns (e.g. 40x80); otherwise the rule's
    /// :T suffix, otherwise the terminal's size at the chosen density.
    #[arg(long, value_name = "ROWSxCOLS")]
    pub size: Option<Size>,

    /// The rule (B3/S23, 23/3 …); overrides the file's.
    #[arg(long, value_name = "RULE")]
    pub rule: Option<Rule>,

    /// Frames per second, one generation each (+ and - change it).
    #[arg(
        long,
        value_name = "F",
        default_value_t = 30,
        value_parser = clap::value_parser!(u32).range(1..=240)
    )]
    pub fps: u32,

    /// The engine that runs the cells (default: bands when the grid is
    /// large enough to split, sequential otherwise).
    #[arg(long, value_name = "ENGINE")]
    pub engine: Option<EngineKind>,

    /// Threads for the parallel engine (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Cells per character: cell (1), half (2, stacked) or braille (2x4).
    #[arg(long, value_name = "DENSITY", default_value_t = Density::Half)]
    pub density: Density,

    /// Start paused.
    #[arg(long)]
    pub paused: bool,
}

#[derive(Args, Debug)]
pub struct RunArgs {
    /// A pattern file (RLE or plaintext), or `-` for standard input.
    pub pattern: String,

    /// The torus size, rows by columns (e.g. 40x80).
    #[arg(long, value_name = "ROWSxCOLS")]
    pub size: Option<Size>,

    /// Generations to run.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub gens: u64,

    /// The rule (B3/S23, 23/3, B36/S23:T80,40 …); overrides the file's.
    #[arg(long, value_name = "RULE")]
    pub rule: Option<Rule>,

    /// Put the pattern's top-left corner at this row and column instead of
    /// centring it (negative values count from the bottom and right).
    #[arg(long, value_name = "ROW,COL", allow_hyphen_values = true)]
    pub at: Option<At>,

    /// The engine that runs the cells.
    #[arg(long, value_name = "ENGINE", default_value = "bands")]
    pub engine: EngineKind,

    /// Threads for the parallel engine (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Print generations 0, K, 2K, … and the last, not just the last.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(1..))]
    pub every: Option<u64>,

    /// Print the generations side by side, numbered (every generation
    /// unless --every says otherwise).
    #[arg(long)]
    pub columns: bool,
}

/// `ROWSxCOLS`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Size {
    pub rows: usize,
    pub cols: usize,
}

impl FromStr for Size {
    type Err = String;

    fn from_str(text: &str) -> Result<Size, String> {
        let bad = || format!("expected ROWSxCOLS such as 40x80, found \"{text}\"");
        let (rows, cols) = text.split_once(['x', 'X']).ok_or_else(bad)?;
        let number = |s: &str| s.trim().parse::<usize>().map_err(|_| bad());
        let size = Size {
            rows: number(rows)?,
            cols: number(cols)?,
        };
        if size.rows == 0 || size.cols == 0 {
            return Err(format!(
                "a grid needs at least one row and one column, not {text}"
            ));
        }
        Ok(size)
    }
}

/// `ROW,COL`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct At {
    pub row: i32,
    pub col: i32,
}

impl FromStr for At {
    type Err = String;

    fn from_str(text: &str) -> Result<At, String> {
        let bad = || format!("expected ROW,COL such as 0,2, found \"{text}\"");
        let (row, col) = text.split_once(',').ok_or_else(bad)?;
        Ok(At {
            row: row.trim().parse().map_err(|_| bad())?,
            col: col.trim().parse().map_err(|_| bad())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sizes_and_positions_parse() {
        assert_eq!("5x9".parse(), Ok(Size { rows: 5, cols: 9 }));
        assert_eq!("40X80".parse(), Ok(Size { rows: 40, cols: 80 }));
        assert!("5x".parse::<Size>().is_err());
        assert!("0x9".parse::<Size>().is_err());
        assert!("5by9".parse::<Size>().is_err());
        assert_eq!("0,2".parse(), Ok(At { row: 0, col: 2 }));
        assert_eq!("-1, -3".parse(), Ok(At { row: -1, col: -3 }));
        assert!("1".parse::<At>().is_err());
    }
}
