//! `corolife bench`: every engine on the same start, timed, compared.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Write};
use std::sync::Barrier;
use std::time::Instant;

use anyhow::{Context, bail};
use corolife::load::{self, check_memory, torus_size, with_margin};
use corolife::{
    Engine, EngineKind, EngineOptions, Grid, Pattern, Placement, Rule, Simulation, Size, soup,
};
use serde::Serialize;

use super::args::{BenchArgs, EngineChoice};
use super::input;

mod plane;

/// Cell-updates a default run aims at: long enough to time, short enough
/// to wait for.
const DEFAULT_UPDATES: u64 = 20_000_000;

/// Cell-updates a default run aims at when only the compiled engine runs,
/// a thousand times faster: a thousand generations of a 2048x2048 soup.
const COMPILED_DEFAULT_UPDATES: u64 = 4_194_304_000;

/// The start every engine runs from, rebuilt for each run so that only the
/// grid being stepped (and the engine's next-generation buffer) is in
/// memory.
enum Workload {
    Soup { seed: u64 },
    Pattern { pattern: Box<Pattern> },
}

impl Workload {
    fn grid(&self, size: Size) -> anyhow::Result<Grid> {
        Ok(match self {
            Workload::Soup { seed } => soup::soup(size.rows, size.cols, *seed)?,
            Workload::Pattern { pattern } => {
                Grid::from_pattern(pattern, size.rows, size.cols, Placement::Centre)?
            }
        })
    }

    /// The pattern, if the start is one (its rule is the file's).
    fn pattern(&self) -> Option<&Pattern> {
        match self {
            Workload::Soup { .. } => None,
            Workload::Pattern { pattern } => Some(pattern),
        }
    }
}

/// What one line of the table times: an engine on `threads` threads, or
/// `copies` one-thread runs of it at once, skipping tiles or not.
#[derive(Clone, Copy)]
struct Run {
    kind: EngineKind,
    threads: usize,
    copies: usize,
    skip: bool,
    /// Stepped one generation at a time through a [`Simulation`], as the
    /// animation steps, rather than run all at once.
    stepwise: bool,
}

impl Run {
    /// The engine's name, and whether it steps every tile when it could
    /// skip some.
    fn label(&self) -> String {
        let mut label = self.kind.name().to_string();
        if self.kind.is_compiled() && !self.skip {
            label.push_str(" (every tile)");
        }
        if self.stepwise {
            label.push_str(" (stepwise)");
        }
        label
    }
}

/// One line of the table.
#[derive(Serialize)]
struct Measurement {
    engine: &'static str,
    /// Whether the compiled engine skipped the tiles that could not change
    /// (false for the engines that have no tiles).
    tile_skipping: bool,
    /// Whether the engine was stepped one generation at a time.
    stepwise: bool,
    /// The engine's name in the table.
    #[serde(skip)]
    label: String,
    threads: usize,
    /// How many runs went side by side, each on its own copy of the start
    /// (1 for an ordinary run); `cell_updates_per_second` counts them all.
    copies: usize,
    seconds: f64,
    cell_updates_per_second: f64,
    ratio: f64,
}

/// The whole report, as `--json` prints it.
#[derive(Serialize)]
struct Report {
    rows: usize,
    cols: usize,
    workload: String,
    rule: String,
    generations: u64,
    repeat: u32,
    cores: usize,
    /// The vector instructions of the compiled kernels on this CPU.
    vectors: String,
    results: Vec<Measurement>,
    /// The engine the ratios are relative to.
    baseline: String,
    engines_agree: bool,
    population: usize,
}

/// The torus a bench runs on when `--size` does not say.
const DEFAULT_SIZE: Size = Size {
    rows: 512,
    cols: 512,
};

/// `--size`, else the rule's `:T` torus, else [`DEFAULT_SIZE`] grown to fit
/// the pattern (if any) with a margin, as `run` leaves around it.
fn bench_size(size: Option<Size>, rule: &Rule, start: &Workload) -> Size {
    torus_size(size, rule).unwrap_or_else(|| match start {
        Workload::Pattern { pattern } => {
            let fits = with_margin(pattern);
            Size {
                rows: DEFAULT_SIZE.rows.max(fits.rows),
                cols: DEFAULT_SIZE.cols.max(fits.cols),
            }
        }
        Workload::Soup { .. } => DEFAULT_SIZE,
    })
}

pub fn bench(args: &BenchArgs) -> anyhow::Result<()> {
    if args.plane {
        return plane::bench(args);
    }
    let (start, workload) = match &args.pattern {
        Some(name) => {
            let source = input::load(name)?;
            (
                Workload::Pattern {
                    pattern: Box::new(source.pattern),
                },
                source.label,
            )
        }
        None => (
            Workload::Soup { seed: args.seed },
            format!("soup (seed {:#X})", args.seed),
        ),
    };
    let rule = load::rule(
        args.rule.get_beside(args.pattern.as_deref())?,
        start.pattern().unwrap_or(&Pattern::default()),
    );
    let size = bench_size(args.size.value, &rule, &start);
    check_memory(size)?;
    let cells = (size.rows * size.cols) as u64;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);

    let mut runs: Vec<Run> = Vec::new();
    let kinds = match args.engine {
        // `auto` is one of the others, whichever it picks.
        EngineChoice::All => EngineKind::ALL
            .into_iter()
            .filter(|&kind| !matches!(kind, EngineKind::Auto | EngineKind::HashLife))
            .collect(),
        EngineChoice::One(kind) => vec![kind],
    };
    for kind in kinds {
        let skip = kind.is_compiled() && !args.no_tile_skipping.value;
        let run = |threads, copies| Run {
            kind,
            threads,
            copies,
            skip,
            stepwise: false,
        };
        match kind {
            EngineKind::Sequential => runs.push(run(1, 1)),
            EngineKind::RowBands
            | EngineKind::Compiled
            | EngineKind::Auto
            | EngineKind::HashLife => {
                let mut threads = args.threads.clone().unwrap_or_else(|| vec![1, cores]);
                threads.dedup();
                runs.extend(threads.iter().map(|&t| run(t, 1)));
                if args.compare_tile_skipping && kind.is_compiled() {
                    let every = |t| Run {
                        skip: false,
                        ..run(t, 1)
                    };
                    runs.extend(threads.iter().map(|&t| every(t)));
                }
                if args.stepwise {
                    let stepwise = |t| Run {
                        stepwise: true,
                        ..run(t, 1)
                    };
                    runs.extend(threads.iter().map(|&t| stepwise(t)));
                }
                if args.side_by_side {
                    let several = threads.into_iter().filter(|&t| t > 1);
                    runs.extend(several.map(|t| run(1, t)));
                }
            }
        }
    }
    let copies = runs.iter().map(|run| run.copies).max().unwrap_or(1);
    check_memory(Size {
        rows: size.rows.saturating_mul(copies),
        cols: size.cols,
    })?;

    let only_compiled = runs.iter().all(|run| run.kind.is_compiled());
    let updates = if only_compiled {
        COMPILED_DEFAULT_UPDATES
    } else {
        // A coroutine asks a query for each cell it looks at.
        let asked = rule.neighbourhood().size() as u64 + 1;
        DEFAULT_UPDATES * 9 / asked
    };
    let generations = args.gens.unwrap_or_else(|| (updates / cells).max(1));

    // The runs take turns, round after round, so that on a machine whose
    // speed drifts every engine meets the same quiet and busy moments and
    // the ratios measured in one bench stay fair.
    let mut timings = vec![f64::INFINITY; runs.len()];
    let mut finals: Vec<(usize, u64)> = Vec::new();
    for round in 0..args.repeat {
        for (run, best) in runs.iter().zip(&mut timings) {
            let options = EngineOptions {
                threads: Some(run.threads),
                tile_skipping: run.skip,
                ..EngineOptions::default()
            };
            if run.stepwise {
                let grid = start.grid(size).with_context(|| workload.clone())?;
                let (seconds, grid) = time_stepwise(grid, rule, run.kind, options, generations)?;
                *best = best.min(seconds);
                let mut digest = DefaultHasher::new();
                grid.hash(&mut digest);
                finals.push((grid.population(), digest.finish()));
                continue;
            }
            let mut copies = Vec::with_capacity(run.copies);
            let mut fallback = None;
            for _ in 0..run.copies {
                let grid = start.grid(size).with_context(|| workload.clone())?;
                let chosen = run.kind.build_described(rule, options)?;
                fallback = chosen.description.fallback;
                copies.push((grid, chosen.engine));
            }
            if let (0, 1, Some(reason)) = (round, run.copies, fallback) {
                let kind = run.kind;
                eprintln!("note: rule {rule} is not compiled ({reason}); {kind} runs bands");
            }
            *best = best.min(time_side_by_side(&mut copies, generations));
            for (grid, _) in &copies {
                let mut digest = DefaultHasher::new();
                grid.hash(&mut digest);
                finals.push((grid.population(), digest.finish()));
            }
        }
    }
    let agree = finals.windows(2).all(|pair| pair[0] == pair[1]);
    let population = finals.first().map_or(0, |f| f.0);

    let reference = runs
        .iter()
        .position(|run| run.kind == EngineKind::Sequential)
        .unwrap_or(0);
    let speed =
        |run: &Run, seconds: f64| (run.copies as u64 * cells * generations) as f64 / seconds;
    let baseline = speed(&runs[reference], timings[reference]);
    let results: Vec<Measurement> = runs
        .iter()
        .zip(&timings)
        .map(|(run, &seconds)| Measurement {
            engine: run.kind.name(),
            tile_skipping: run.skip,
            stepwise: run.stepwise,
            label: run.label(),
            threads: run.threads,
            copies: run.copies,
            seconds,
            cell_updates_per_second: speed(run, seconds),
            ratio: speed(run, seconds) / baseline,
        })
        .collect();
    let report = Report {
        rows: size.rows,
        cols: size.cols,
        workload,
        rule: rule.to_string(),
        generations,
        repeat: args.repeat,
        cores,
        vectors: corolife::Vectors::best().to_string(),
        results,
        baseline: format!(
            "{} ({} threads)",
            runs[reference].kind, runs[reference].threads
        )
        .replace("(1 threads)", "(1 thread)"),
        engines_agree: agree,
        population,
    };

    let mut out = super::output::stdout();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        print_table(&mut out, &report)?;
    }
    out.flush()?;
    if !agree {
        bail!("the engines ended in different grids");
    }
    Ok(())
}

fn print_table(out: &mut impl Write, report: &Report) -> io::Result<()> {
    writeln!(
        out,
        "{}x{} {}, rule {}, {} generations, best of {}, {} cores, {} vectors",
        report.rows,
        report.cols,
        report.workload,
        report.rule,
        report.generations,
        report.repeat,
        report.cores,
        report.vectors
    )?;
    let width = (report.results.iter())
        .map(|m| m.label.chars().count())
        .fold(12, usize::max);
    writeln!(
        out,
        "{:<width$} {:>7} {:>9} {:>15} {:>9}",
        "engine", "threads", "seconds", "cell-updates/s", "ratio"
    )?;
    for m in &report.results {
        let threads = if m.copies > 1 {
            format!("{}×{}", m.copies, m.threads)
        } else {
            m.threads.to_string()
        };
        writeln!(
            out,
            "{:<width$} {:>7} {:>9.3} {:>15.3e} {:>8.2}x",
            m.label, threads, m.seconds, m.cell_updates_per_second, m.ratio
        )?;
    }
    writeln!(out, "Ratios are to {}.", report.baseline)?;
    if report.results.iter().any(|m| m.copies > 1) {
        writeln!(
            out,
            "N×1: N one-thread runs at once, each on its own copy of the start (the cores sharing nothing)."
        )?;
    }
    if report.engines_agree {
        writeln!(
            out,
            "All engines end in the same grid (population {}).",
            report.population
        )?;
    } else {
        writeln!(out, "The engines DISAGREE.")?;
    }
    Ok(())
}

/// Steps `grid` one generation at a time, `generations` times, through a
/// [`Simulation`] of `kind`; returns the seconds taken and the last grid.
fn time_stepwise(
    grid: Grid,
    rule: Rule,
    kind: EngineKind,
    options: EngineOptions,
    generations: u64,
) -> anyhow::Result<(f64, Grid)> {
    let mut simulation = Simulation::on_grid(grid, rule, kind, options)?;
    let began = Instant::now();
    for _ in 0..generations {
        simulation.step()?;
    }
    let seconds = began.elapsed().as_secs_f64();
    let whole = simulation.extent().context("a torus has an extent")?;
    Ok((seconds, simulation.window(whole)?))
}

/// Runs every engine of `copies` on its grid for `generations`
/// generations, each on a thread of its own, all at once (on the calling
/// thread if there is only one), and returns the seconds from the first
/// one's start to the last one's end.
fn time_side_by_side(copies: &mut [(Grid, Box<dyn Engine>)], generations: u64) -> f64 {
    if let [(grid, engine)] = copies {
        let began = Instant::now();
        engine.run(grid, generations);
        return began.elapsed().as_secs_f64();
    }
    let start = Barrier::new(copies.len());
    let spans: Vec<(Instant, Instant)> = std::thread::scope(|scope| {
        let runs: Vec<_> = copies
            .iter_mut()
            .map(|(grid, engine)| {
                let start = &start;
                scope.spawn(move || {
                    start.wait();
                    let began = Instant::now();
                    engine.run(grid, generations);
                    (began, Instant::now())
                })
            })
            .collect();
        runs.into_iter()
            .map(|run| {
                run.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let first = spans.iter().map(|span| span.0).min();
    let last = spans.iter().map(|span| span.1).max();
    first
        .zip(last)
        .map_or(0.0, |(first, last)| (last - first).as_secs_f64())
}
