//! `corolife run`: a pattern, some generations, text out.
//!
//! Text is written as it is made: `--every` prints each generation as it
//! is reached, keeping none (on the plane a first run finds the rectangle
//! every generation is shown over). Only `--columns`, whose every line
//! holds every generation, keeps them all, within the memory budget.

use std::io::{BufWriter, Write};
use std::time::Instant;

use anyhow::{Context, bail};
use corolife::format::{self, Format};
use corolife::load::human_bytes;
use corolife::render::text;
use corolife::{
    Engine, EngineKind, EngineOptions, Grid, HashLife, Rect, Rule, Sequential, Simulation, State,
    budget, render,
};

use super::args::{Output, RunArgs};
use super::progress::Progress;
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
    let start = input::start(&args.pattern.value, args.size.value, &args.rule)?;
    // A macrocell file of the plane is HashLife's own tree: auto writes it
    // from HashLife when it can.
    let macrocell = args.output == Output::Pattern(Format::Macrocell);
    let engine = match args.engine.value {
        EngineKind::Auto
            if macrocell
                && start.torus.is_none()
                && start.rule.topology().is_plane()
                && HashLife::supports(&start.rule).is_ok() =>
        {
            EngineKind::HashLife
        }
        engine => engine,
    };
    let build = || -> anyhow::Result<Simulation> {
        let options = EngineOptions {
            threads: args.threads.value,
            tile_skipping: !args.no_tile_skipping.value,
            generations: Some(args.gens),
            max_memory: None,
        };
        Ok(start.simulation(args.at.placement(), engine, options)?)
    };
    let mut simulation = build()?;
    let every = args.every.or(args.columns.then_some(1));
    let note = simulation.note();
    let began = Instant::now();
    let unbounded = !simulation.topology().is_finite();
    let text_limit = |bytes: u64, what: &dyn Fn() -> String| -> anyhow::Result<()> {
        if args.force {
            return Ok(());
        }
        text::check_size(bytes, what).map_err(|error| {
            if unbounded {
                anyhow::anyhow!("{error}, or --output mc writes it as a macrocell file")
            } else {
                error.into()
            }
        })
    };

    // Everything that can be refused is refused before the output is
    // opened, so that a refusal leaves no partial file and no partial
    // text; what is left to fail is writing.
    let writer: Writer<'_> = match every {
        None => {
            advance(&mut simulation, args.gens, &start.source.label)?;
            if args.verbose {
                report(&simulation, args.gens, began.elapsed().as_secs_f64());
            }
            if !macrocell {
                fits_in_i32(&simulation)?;
            }
            match args.output {
                Output::Text => {
                    let picture = match simulation.extent() {
                        Some(extent) => {
                            text_limit(text_bytes(extent), &|| describe(extent))?;
                            Some(simulation.window(extent)?)
                        }
                        None => None,
                    };
                    Box::new(move |out| {
                        if let Some(grid) = picture {
                            write!(out, "{grid}")?;
                        }
                        Ok(())
                    })
                }
                Output::Pattern(Format::Macrocell) if simulation.hashlife_stats().is_some() => {
                    let mut tree = simulation.to_macrocell().unwrap_or_default();
                    let from = &start.source.pattern;
                    tree.name.clone_from(&from.name);
                    tree.author.clone_from(&from.author);
                    tree.comments.clone_from(&from.comments);
                    let written = tree.write();
                    Box::new(move |out| Ok(out.write_all(written.as_bytes())?))
                }
                Output::Pattern(format) => {
                    let pattern = start.pattern(&simulation);
                    if format == Format::Plaintext
                        && let Some(bounds) = pattern.bounding_box()
                    {
                        let bytes = text::grid_bytes(bounds.height(), bounds.width());
                        text_limit(bytes, &|| {
                            format!("the {}x{} cells file", bounds.height(), bounds.width())
                        })?;
                    }
                    let written = format
                        .write(&pattern)
                        .with_context(|| start.source.label.clone())?;
                    Box::new(move |out| Ok(out.write_all(written.as_bytes())?))
                }
            }
        }
        Some(every) => {
            let steps = Steps {
                gens: args.gens,
                every,
            };
            // On a finite grid every generation covers the grid; elsewhere
            // a first run finds what the live cells cover at any of them.
            let extent = if simulation.topology().is_finite() {
                simulation.extent()
            } else {
                let mut extent = None;
                steps.visit(&mut simulation, |simulation| {
                    extent = union(extent, simulation.extent());
                    Ok(())
                })?;
                simulation = build()?;
                extent
            };
            let Some(extent) = extent else {
                return write_out(args, |_| Ok(()));
            };
            if args.columns {
                let shown = steps.count();
                let last = simulation.generation().saturating_add(args.gens);
                let bytes = text::columns_bytes(shown, extent.height(), extent.width(), last);
                text_limit(bytes, &|| {
                    format!("{shown} generations of {} side by side", describe(extent))
                })?;
                // The generations shown, and the text made of them.
                let area = extent.height().saturating_mul(extent.width());
                let kept = shown.saturating_mul(area).saturating_add(bytes);
                budget::check(kept, || {
                    format!(
                        "{shown} generations of {} side by side need {}",
                        describe(extent),
                        budget::human_bytes(kept)
                    )
                })?;
                let mut grids = Vec::new();
                steps.visit(&mut simulation, |simulation| {
                    grids.try_reserve(1)?;
                    grids.push((simulation.generation(), simulation.window(extent)?));
                    Ok(())
                })?;
                let views: Vec<(u64, &Grid)> = grids.iter().map(|(g, grid)| (*g, grid)).collect();
                let view = render::columns(&views);
                Box::new(move |out| Ok(out.write_all(view.as_bytes())?))
            } else {
                text_limit(text_bytes(extent), &|| describe(extent))?;
                // One picture at a time, made before the output is opened
                // so that the memory for it is known to be there.
                let first = simulation.window(extent)?;
                Box::new(move |out| {
                    let mut first = Some(first);
                    steps.visit(&mut simulation, |simulation| {
                        let grid = match first.take() {
                            Some(grid) => grid,
                            None => {
                                writeln!(out)?;
                                simulation.window(extent)?
                            }
                        };
                        write!(out, "{grid}")?;
                        Ok(())
                    })
                })
            }
        }
    };
    write_out(args, writer)?;
    if let Some(note) = note {
        eprintln!("note: {note}");
    }
    Ok(())
}

/// What writes the output, once everything that can be refused has been.
type Writer<'a> = Box<dyn FnOnce(&mut dyn Write) -> anyhow::Result<()> + 'a>;

/// Writes the output to `-o`'s file, atomically, or to stdout.
fn write_out(
    args: &RunArgs,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    match &args.file {
        Some(path) => Ok(format::write_file_with(path, |out| write(out))?),
        None => {
            let mut stdout = BufWriter::with_capacity(OUTPUT_BUFFER, super::output::stdout());
            write(&mut stdout)?;
            stdout.flush()?;
            Ok(())
        }
    }
}

/// The generations `--every` shows: 0, K, 2K, … and the last.
#[derive(Clone, Copy)]
struct Steps {
    gens: u64,
    every: u64,
}

impl Steps {
    /// How many generations are shown.
    fn count(self) -> u64 {
        1 + self.gens / self.every + u64::from(!self.gens.is_multiple_of(self.every))
    }

    /// Calls `visit` at every generation shown, running `simulation` on
    /// between them.
    fn visit(
        self,
        simulation: &mut Simulation,
        mut visit: impl FnMut(&Simulation) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        fits_in_i32(simulation)?;
        visit(simulation)?;
        let mut done = 0;
        while done < self.gens {
            let stride = self.every.min(self.gens - done);
            simulation.run(stride)?;
            fits_in_i32(simulation)?;
            done += stride;
            visit(simulation)?;
        }
        Ok(())
    }
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

/// The smaller rectangle holding both.
fn union(a: Option<Rect>, b: Option<Rect>) -> Option<Rect> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.union(b)),
        (a, b) => a.or(b),
    }
}

/// The bytes of `extent` as text.
fn text_bytes(extent: Rect) -> u64 {
    text::grid_bytes(extent.height(), extent.width())
}

/// `the 40x80 grid`, for messages.
fn describe(extent: Rect) -> String {
    format!("the {}x{} grid", extent.height(), extent.width())
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
