//! `corolife run`: a pattern, some generations, text out.

use std::io::{self, BufWriter, Write};

use anyhow::{Context, bail};
use corolife::{Engine, EngineOptions, Grid, Pattern, Placement, Rule, Sequential, State, render};

use super::args::{At, Output, RunArgs, Size};
use super::{convert, input};

/// Cells of empty space around a pattern's bounding box when neither
/// `--size` nor the rule gives the torus size.
pub const MARGIN: usize = 8;

/// Bytes of output gathered before each write to stdout: a large grid is
/// millions of characters.
const OUTPUT_BUFFER: usize = 1 << 20;

pub fn run(args: &RunArgs) -> anyhow::Result<()> {
    if let Output::Pattern(format) = args.output
        && (args.every.is_some() || args.columns)
    {
        bail!(
            "--output {format} writes the last generation only; --every and --columns print text"
        );
    }
    let setup = Setup::load(&args.pattern, args.size, args.rule)?;
    let mut grid = setup.place(args.at)?;
    let (source, rule) = (&setup.source, setup.rule);
    let options = EngineOptions {
        threads: args.threads,
        tile_skipping: !args.no_tile_skipping,
    };
    let mut engine = args.engine.build_with(rule, options)?;

    let mut out = BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout().lock());
    let every = args.every.or(args.columns.then_some(1));
    match every {
        None => {
            engine.run(&mut grid, args.gens);
            match args.output {
                Output::Text => write!(out, "{grid}")?,
                Output::Pattern(format) => {
                    let pattern = convert::grid_pattern(&grid, &source.pattern, rule);
                    let text = format
                        .write(&pattern)
                        .with_context(|| source.label.clone())?;
                    out.write_all(text.as_bytes())?;
                }
            }
        }
        Some(every) => {
            let mut shown = vec![(0, grid.clone())];
            let mut generation = 0;
            while generation < args.gens {
                let stride = every.min(args.gens - generation);
                engine.run(&mut grid, stride);
                generation += stride;
                shown.push((generation, grid.clone()));
            }
            if args.columns {
                let views: Vec<(u64, &Grid)> = shown.iter().map(|(g, grid)| (*g, grid)).collect();
                out.write_all(render::columns(&views).as_bytes())?;
            } else {
                for (index, (_, grid)) in shown.iter().enumerate() {
                    if index > 0 {
                        writeln!(out)?;
                    }
                    write!(out, "{grid}")?;
                }
            }
        }
    }
    out.flush()?;
    if let Some(reason) = engine.fallback_reason() {
        eprintln!(
            "note: rule {rule} is not compiled ({reason}); the {} engine ran the coroutines with bands",
            engine.name()
        );
    }
    Ok(())
}

/// The size the user gave: `--size`, else the rule's `:T` torus.
pub fn given_size(size: Option<Size>, rule: &Rule) -> Option<Size> {
    size.or_else(|| {
        rule.torus().map(|torus| Size {
            rows: torus.rows as usize,
            cols: torus.cols as usize,
        })
    })
}

/// `--size`, else the rule's torus, else the bounding box with a margin.
fn grid_size(size: Option<Size>, rule: &Rule, pattern: &Pattern) -> Size {
    given_size(size, rule).unwrap_or_else(|| with_margin(pattern))
}

/// The pattern's bounding box (none if it is empty) with [`MARGIN`] cells
/// on every side.
pub fn with_margin(pattern: &Pattern) -> Size {
    let (height, width) = pattern
        .bounding_box()
        .map_or((0, 0), |b| (b.height() as usize, b.width() as usize));
    Size {
        rows: height.saturating_add(2 * MARGIN),
        cols: width.saturating_add(2 * MARGIN),
    }
}

/// A pattern with the rule and the torus size it runs on: what `run` and
/// `render` resolve the same way, before the grid is made.
pub struct Setup {
    pub source: input::Source,
    pub rule: Rule,
    pub size: Size,
}

impl Setup {
    /// Loads PATTERN (a file, `-` or a built-in name) and resolves the rule
    /// (`--rule`, else the file's, else Life) and the torus size (see
    /// [`grid_size`]).
    pub fn load(pattern: &str, size: Option<Size>, rule: Option<Rule>) -> anyhow::Result<Setup> {
        let source = input::load(pattern)?;
        let rule = rule.or(source.pattern.rule).unwrap_or(Rule::LIFE);
        let size = grid_size(size, &rule, &source.pattern);
        Ok(Setup { source, rule, size })
    }

    /// The torus with the pattern on it, centred or with its top-left
    /// corner at `at`, once the memory for it is known to be there.
    pub fn place(&self, at: Option<At>) -> anyhow::Result<Grid> {
        let Size { rows, cols } = self.size;
        check_memory(rows, cols)?;
        let placement = at.map_or(Placement::Centre, |at| Placement::At {
            row: at.row,
            col: at.col,
        });
        Grid::from_pattern(&self.source.pattern, rows, cols, placement)
            .with_context(|| self.source.label.clone())
    }
}

/// Refuses a grid whose two generations (one byte per cell each) would not
/// fit in the memory the system says is available, before allocating.
pub fn check_memory(rows: usize, cols: usize) -> anyhow::Result<()> {
    let needed = rows.saturating_mul(cols).saturating_mul(2);
    check_available(needed as u64, || {
        format!(
            "a {rows}x{cols} grid needs {} for two generations",
            bytes(needed as u64)
        )
    })
}

/// Refuses to go on when `needed` bytes are more than the memory the system
/// says is available; `needs` says what needs them, for the message.
pub fn check_available(needed: u64, needs: impl FnOnce() -> String) -> anyhow::Result<()> {
    let Some(available) = available_memory() else {
        return Ok(());
    };
    if needed > available {
        bail!("{}, but only {} is available", needs(), bytes(available));
    }
    Ok(())
}

/// `MemAvailable` from `/proc/meminfo`, where there is one.
fn available_memory() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// What `corolife` prints with no arguments: the glider of Effective
/// Python's Item 40 on its 5×9 torus, five generations side by side.
pub fn book_demo() -> anyhow::Result<()> {
    let mut grid = Grid::new(5, 9)?;
    for (y, x) in [(0, 3), (1, 4), (2, 2), (2, 3), (2, 4)] {
        grid.assign(y, x, State::ALIVE);
    }
    let mut engine = Sequential::new(Rule::LIFE);
    let mut shown = Vec::new();
    for generation in 0..5 {
        shown.push((generation, grid.clone()));
        engine.step(&mut grid);
    }
    let views: Vec<(u64, &Grid)> = shown.iter().map(|(g, grid)| (*g, grid)).collect();
    let mut out = io::stdout().lock();
    out.write_all(render::columns(&views).as_bytes())?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_come_from_the_flag_then_the_rule_then_the_pattern() {
        let pattern = corolife::format::parse("x = 3, y = 2\n3o$3o!", None).expect("valid");
        let bounded: Rule = "B3/S23:T80,40".parse().expect("valid");
        let flag = Some(Size { rows: 5, cols: 9 });
        assert_eq!(
            grid_size(flag, &bounded, &pattern),
            Size { rows: 5, cols: 9 }
        );
        assert_eq!(
            grid_size(None, &bounded, &pattern),
            Size { rows: 40, cols: 80 }
        );
        assert_eq!(
            grid_size(None, &Rule::LIFE, &pattern),
            Size {
                rows: 2 + 2 * MARGIN,
                cols: 3 + 2 * MARGIN
            }
        );
    }

    #[test]
    fn absurd_sizes_are_refused_before_allocating() {
        if available_memory().is_some() {
            assert!(check_memory(1 << 30, 1 << 30).is_err());
        }
        assert!(check_memory(10, 10).is_ok());
    }

    #[test]
    fn byte_counts_read_well() {
        assert_eq!(bytes(512), "512 bytes");
        assert_eq!(bytes(3 << 30), "3.0 GiB");
    }
}
