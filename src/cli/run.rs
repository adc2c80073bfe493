//! `corolife run`: a pattern, some generations, text out.

use std::io::{BufWriter, Write};

use anyhow::{Context, bail};
use corolife::{
    Cell, Engine, EngineOptions, Grid, Rect, Rule, Sequential, Simulation, State, atomic, render,
};

use super::args::{Output, RunArgs};
use super::{input, signals};

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
    if args.file.is_some() {
        signals::remove_temporary_files_on_signal().context("cannot watch for signals")?;
    }
    let start = input::start(&args.pattern.value, args.size.value, args.rule.value)?;
    let options = EngineOptions {
        threads: args.threads.value,
        tile_skipping: !args.no_tile_skipping.value,
    };
    let mut simulation = start.simulation(args.at.placement(), args.engine.value, options)?;
    let source = &start.source;

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
                    let pattern = start.pattern(&simulation);
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
                .reduce(Rect::union);
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
        Some(path) => atomic::write(path, &out)?,
        None => {
            let mut stdout = BufWriter::with_capacity(OUTPUT_BUFFER, super::output::stdout());
            stdout.write_all(&out)?;
            stdout.flush()?;
        }
    }
    if let Some(reason) = simulation.note() {
        eprintln!(
            "note: rule {} is not compiled ({reason}); the {} engine ran the coroutines with bands",
            start.rule,
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

/// `cells` drawn over `extent`.
fn picture(extent: Rect, cells: &[Cell]) -> anyhow::Result<Grid> {
    let mut grid = Grid::new(extent.height() as usize, extent.width() as usize)?;
    for cell in cells {
        grid.assign(cell.y - extent.top, cell.x - extent.left, cell.state);
    }
    Ok(grid)
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
    let mut out = super::output::stdout();
    out.write_all(render::columns(&views).as_bytes())?;
    out.flush()?;
    Ok(())
}
