//! `corolife run`: a pattern, some generations, text out.

use std::io::{self, BufWriter, Write};

use anyhow::{Context, bail};
use corolife::{
    Cell, Engine, EngineKind, EngineOptions, Grid, Pattern, Placement, Rect, Rule, Sequential,
    Simulation, Size, State, Topology, render,
};

use super::args::{At, Output, RunArgs};
use super::{convert, input};

/// Cells of empty space around a pattern's bounding box: in pictures of
/// the plane, and on the torus `bench` and the tests make for a pattern.
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
    let options = EngineOptions {
        threads: args.threads,
        tile_skipping: !args.no_tile_skipping,
    };
    let mut simulation = setup.simulation(args.at, args.engine, options)?;
    let source = &setup.source;

    let mut out = Vec::new();
    let every = args.every.or(args.columns.then_some(1));
    match every {
        None => {
            simulation.run(args.gens);
            match args.output {
                Output::Text => {
                    if let Some(extent) = simulation.extent() {
                        write!(out, "{}", simulation.window(extent)?)?;
                    }
                }
                Output::Pattern(format) => {
                    let pattern = with_metadata(simulation.pattern(), &source.pattern);
                    let text = format
                        .write(&pattern)
                        .with_context(|| source.label.clone())?;
                    out.extend_from_slice(text.as_bytes());
                }
            }
        }
        Some(every) => {
            let mut shown = vec![(simulation.generation(), snapshot(&simulation))];
            let mut done = 0;
            while done < args.gens {
                let stride = every.min(args.gens - done);
                simulation.run(stride);
                done += stride;
                shown.push((simulation.generation(), snapshot(&simulation)));
            }
            // Every generation is shown over the same rectangle: the
            // grid, or what the live cells covered at any of them.
            let extent = shown
                .iter()
                .filter_map(|(_, (extent, _))| *extent)
                .reduce(union);
            let grids = match extent {
                Some(extent) => shown
                    .iter()
                    .map(|(generation, (_, cells))| Ok((*generation, picture(extent, cells)?)))
                    .collect::<anyhow::Result<Vec<_>>>()?,
                None => Vec::new(),
            };
            if args.columns {
                let views: Vec<(u64, &Grid)> = grids.iter().map(|(g, grid)| (*g, grid)).collect();
                if !views.is_empty() {
                    out.extend_from_slice(render::columns(&views).as_bytes());
                }
            } else {
                for (index, (_, grid)) in grids.iter().enumerate() {
                    if index > 0 {
                        writeln!(out)?;
                    }
                    write!(out, "{grid}")?;
                }
            }
        }
    }
    match &args.file {
        Some(path) => convert::write_atomically(path, &out)?,
        None => {
            let mut stdout = BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout().lock());
            stdout.write_all(&out)?;
            stdout.flush()?;
        }
    }
    if let Some(reason) = simulation.note() {
        eprintln!(
            "note: rule {} is not compiled ({reason}); the {} engine ran the coroutines with bands",
            setup.rule,
            simulation.engine()
        );
    }
    Ok(())
}

/// A generation to show: the rectangle it covers and its cells.
fn snapshot(simulation: &Simulation) -> (Option<Rect>, Vec<Cell>) {
    let extent = simulation.extent();
    let cells = extent.map_or_else(Vec::new, |rect| simulation.cells_in(rect));
    (extent, cells)
}

/// The smallest rectangle holding both.
pub fn union(a: Rect, b: Rect) -> Rect {
    Rect {
        top: a.top.min(b.top),
        left: a.left.min(b.left),
        bottom: a.bottom.max(b.bottom),
        right: a.right.max(b.right),
    }
}

/// `cells` drawn over `extent`.
fn picture(extent: Rect, cells: &[Cell]) -> anyhow::Result<Grid> {
    let mut grid = Grid::new(extent.height() as usize, extent.width() as usize)?;
    for cell in cells {
        grid.assign(cell.y - extent.top, cell.x - extent.left, cell.state);
    }
    Ok(grid)
}

/// `pattern` with `source`'s name, author and comments.
pub fn with_metadata(mut pattern: Pattern, source: &Pattern) -> Pattern {
    pattern.name.clone_from(&source.name);
    pattern.author.clone_from(&source.author);
    pattern.comments.clone_from(&source.comments);
    pattern
}

/// The size the user gave: `--size`, else the rule's `:T` torus.
pub fn given_size(size: Option<Size>, rule: &Rule) -> Option<Size> {
    size.or_else(|| rule.torus())
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

/// A pattern with the rule and the universe it runs in: what `run`,
/// `bench` and `render` resolve the same way.
pub struct Setup {
    pub source: input::Source,
    pub rule: Rule,
    /// The torus size (`--size`, else the rule's plain `:T` torus), or
    /// `None` for the rule's own topology: the plane without a suffix.
    pub torus: Option<Size>,
}

impl Setup {
    /// Loads PATTERN (a file, `-` or a built-in name) and resolves the rule
    /// (`--rule`, else the file's, else Life) and the universe: `--size`,
    /// else the rule's suffix, else the plane.
    pub fn load(pattern: &str, size: Option<Size>, rule: Option<Rule>) -> anyhow::Result<Setup> {
        let source = input::load(pattern)?;
        let rule = rule.or(source.pattern.rule).unwrap_or(Rule::LIFE);
        let torus = given_size(size, &rule);
        let rule = if size.is_some() {
            rule.with_topology(Topology::Plane)
        } else {
            rule
        };
        Ok(Setup {
            source,
            rule,
            torus,
        })
    }

    /// The simulation: on a torus, the pattern centred (or with its
    /// top-left corner at `at`); elsewhere, where the file puts it (moved
    /// so that its top-left corner is at `at`, if given).
    pub fn simulation(
        &self,
        at: Option<At>,
        engine: EngineKind,
        options: EngineOptions,
    ) -> anyhow::Result<Simulation> {
        let label = || self.source.label.clone();
        if self.torus.is_some() {
            let grid = self.place(at)?;
            return Simulation::on_grid(grid, self.rule, engine, options).with_context(label);
        }
        let moved;
        let mut pattern = &self.source.pattern;
        if let (Some(at), Some(bounds)) = (at, pattern.bounding_box()) {
            let (dy, dx) = (
                i64::from(at.row) - i64::from(bounds.top),
                i64::from(at.col) - i64::from(bounds.left),
            );
            let mut cells = pattern.cells().to_vec();
            for cell in &mut cells {
                cell.y =
                    i32::try_from(i64::from(cell.y) + dy).context("--at moves cells too far")?;
                cell.x =
                    i32::try_from(i64::from(cell.x) + dx).context("--at moves cells too far")?;
            }
            let mut copy = Pattern::from_cells(cells);
            copy.generation = pattern.generation;
            copy.positioned = true;
            moved = copy;
            pattern = &moved;
        }
        Simulation::build(pattern, self.rule, engine, options).with_context(label)
    }

    /// The torus with the pattern on it, centred or with its top-left
    /// corner at `at`, once the memory for it is known to be there; the
    /// pattern's bounding box with a margin when neither `--size` nor the
    /// rule gives a torus.
    pub fn place(&self, at: Option<At>) -> anyhow::Result<Grid> {
        let Size { rows, cols } = self
            .torus
            .unwrap_or_else(|| with_margin(&self.source.pattern));
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
    fn a_torus_becomes_its_live_cells_with_its_size_in_the_rule() {
        let mut grid = Grid::new(4, 6).expect("grid");
        grid.assign(1, 2, State::ALIVE);
        grid.assign(3, 5, State::new(2));
        let mut source = Pattern::default();
        source.name = Some("two".into());
        source.comments = vec!["kept".into()];
        let simulation = Simulation::on_grid(
            grid,
            Rule::LIFE,
            EngineKind::Sequential,
            EngineOptions::default(),
        )
        .expect("engine");
        let pattern = with_metadata(simulation.pattern(), &source);
        assert_eq!(
            pattern.cells(),
            [
                Cell {
                    y: 1,
                    x: 2,
                    state: State::ALIVE
                },
                Cell {
                    y: 3,
                    x: 5,
                    state: State::new(2)
                }
            ]
        );
        assert_eq!(pattern.name.as_deref(), Some("two"));
        assert_eq!(pattern.comments, ["kept"]);
        assert_eq!(
            pattern.rule.map(|r| r.to_string()).as_deref(),
            Some("B3/S23:T6,4")
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
