//! The command-line syntax, validated into typed values by clap.

use std::str::FromStr;

use clap::{Args, Parser, Subcommand};
use corolife::{EngineKind, Rule};

/// Conway's Game of Life whose cells are generator coroutines.
///
/// Every cell is a coroutine that asks for its neighbours' states and
/// announces its next state; an engine owns the toroidal grid and answers.
/// With no subcommand, corolife prints the glider of Effective Python's
/// Item 40 for five generations, side by side.
#[derive(Parser, Debug)]
#[command(name = "corolife", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run a pattern for some generations and print the grid as text.
    ///
    /// Prints one line per row, `*` alive and `-` empty. The pattern's
    /// bounding box is centred on a torus of --size (or the rule's :T
    /// suffix, or the box with a margin of 8 cells on every side).
    Run(RunArgs),

    /// Describe a pattern: name, author, comments, rule, bounding box and
    /// population.
    ///
    /// With --gens N, also say what it does within N generations on the
    /// unbounded plane: still life, oscillator (with its period), spaceship
    /// (with its period and displacement), or none of these.
    Info(InfoArgs),

    /// List the built-in patterns, whose names work wherever a pattern
    /// file does.
    List,
}

#[derive(Args, Debug)]
pub struct InfoArgs {
    /// A pattern file, `-` for standard input, or a built-in pattern name.
    pub pattern: String,

    /// Classify the pattern by running it for up to N generations.
    #[arg(long, value_name = "N")]
    pub gens: Option<u64>,
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
