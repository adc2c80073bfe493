//! `corolife run`: a pattern, some generations, text out.

use std::io::{self, BufWriter, Write};
use std::time::Instant;

use anyhow::{Context, bail};
use corolife::load::human_bytes;
use corolife::{
    Cell, Engine, EngineOptions, Grid, Rect, Rule, Sequential, Simulation, State, atomic, render,
};

use super::args::{Output, RunArgs};
use super::input;
use super::progress::Progress;

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
    let start = input::start(&args.pattern.value, args.size.value, args.rule.value)?;
    let options = EngineOptions {
        threads: args.threads.value,
        tile_skipping: !args.no_tile_skipping.value,
        generations: Some(args.gens),
        max_memory: None,
    };
    let mut simulation = start.simulation(args.at.placement(), args.engine.value, options)?;
    let began = Instant::now();
    let source = &start.source;

    let mut out = Vec::new();
    let every = args.every.or(args.columns.then_some(1));
    if every.is_some() {
        fits_in_i32(&simulation)?;
    }
    match every {
        None => {
            advance(&mut simulation, args.gens, &source.label)?;
            fits_in_i32(&simulation)?;
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
                simulation.run(stride)?;
                fits_in_i32(&simulation)?;
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
            let mut stdout = BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout().lock());
            stdout.write_all(&out)?;
            stdout.flush()?;
        }
    }
    if let Some(note) = simulation.note() {
        eprintln!("note: {note}");
    }
    if args.verbose {
        report(&simulation, args.gens, began.elapsed().as_secs_f64());
    }
    Ok(())
}

/// What `--verbose` says: the engine, the time, the population, and
/// HashLife's memory.
fn report(simulation: &Simulation, generations: u64, seconds: f64) {
    eprintln!(
        "{} generations by {} in {seconds:.3} s; generation {}, population {}",
        generations,
        simulation.engine(),
        simulation.generation(),
        simulation.population()
    );
    if let Some(stats) = simulation.hashlife_stats() {
        eprintln!(
            "hashlife: {} nodes in {} of its {} budget, {} collections, root of level {}",
            stats.nodes,
            human_bytes(stats.bytes),
            human_bytes(stats.budget),
            stats.collections,
            stats.level
        );
    }
}

/// Runs `simulation` `generations` on, with a progress bar on a terminal:
/// in a hundred or so pieces, powers of two for HashLife so that each
/// piece is one of its big steps.
fn advance(simulation: &mut Simulation, generations: u64, label: &str) -> anyhow::Result<()> {
    let mut progress = Progress::new(generations, format!("running {label}"));
    if !progress.visible() || generations < 2 {
        simulation.run(generations)?;
        return Ok(());
    }
    let piece = (generations / 100).max(1);
    let piece = match simulation.hashlife_stats() {
        Some(_) => 1 << piece.ilog2(),
        None => piece,
    };
    let mut done = 0;
    while done < generations {
        let step = piece.min(generations - done);
        let step = match simulation.hashlife_stats() {
            Some(_) => 1 << step.ilog2(),
            None => step,
        };
        simulation.run(step)?;
        done += step;
        progress.advance(step);
    }
    progress.finish();
    Ok(())
}

/// Refuses a pattern that has travelled beyond the 32-bit coordinates
/// text and the cell-list formats hold, as HashLife's patterns can.
fn fits_in_i32(simulation: &Simulation) -> anyhow::Result<()> {
    let Some(bounds) = simulation.bounds() else {
        return Ok(());
    };
    let fits = |v: i64| i32::try_from(v).is_ok();
    if [bounds.top, bounds.left, bounds.bottom, bounds.right]
        .into_iter()
        .all(fits)
    {
        return Ok(());
    }
    bail!(
        "at generation {} the pattern ({bounds}) reaches beyond the 32-bit coordinates that text and cell-list output hold; write it as a macrocell file with --output mc",
        simulation.generation()
    )
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
    let mut out = io::stdout().lock();
    out.write_all(render::columns(&views).as_bytes())?;
    out.flush()?;
    Ok(())
}
