//! `corolife bench`: every engine on the same start, timed, compared.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Write};
use std::time::Instant;

use anyhow::{Context, bail};
use corolife::{EngineKind, EngineOptions, Grid, Placement, Rule, soup};
use serde::Serialize;

use super::args::{BenchArgs, EngineChoice, Size};
use super::input;
use super::run::check_memory;

/// Cell-updates a default run aims at: long enough to time, short enough
/// to wait for.
const DEFAULT_UPDATES: u64 = 20_000_000;

/// Cell-updates a default run aims at when only the compiled engine runs,
/// a thousand times faster: a thousand generations of a 2048x2048 soup.
const COMPILED_DEFAULT_UPDATES: u64 = 4_194_304_000;

/// The start every engine runs from, rebuilt for each run so that only the
/// grid being stepped (and the engine's next-generation buffer) is in
/// memory.
enum Start {
    Soup { seed: u64 },
    Pattern { pattern: corolife::Pattern },
}

impl Start {
    fn grid(&self, size: Size) -> anyhow::Result<Grid> {
        Ok(match self {
            Start::Soup { seed } => soup::soup(size.rows, size.cols, *seed)?,
            Start::Pattern { pattern } => {
                Grid::from_pattern(pattern, size.rows, size.cols, Placement::Centre)?
            }
        })
    }
}

/// One line of the table.
#[derive(Serialize)]
struct Measurement {
    engine: &'static str,
    threads: usize,
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

pub fn bench(args: &BenchArgs) -> anyhow::Result<()> {
    let size = args.size;
    check_memory(size.rows, size.cols)?;
    let (start, workload, file_rule) = match &args.pattern {
        Some(name) => {
            let source = input::load(name)?;
            let rule = source.pattern.rule;
            (
                Start::Pattern {
                    pattern: source.pattern,
                },
                source.label,
                rule,
            )
        }
        None => (
            Start::Soup { seed: args.seed },
            format!("soup (seed {:#X})", args.seed),
            None,
        ),
    };
    let rule = args.rule.or(file_rule).unwrap_or(Rule::LIFE);
    let cells = (size.rows * size.cols) as u64;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);

    let mut runs: Vec<(EngineKind, usize)> = Vec::new();
    let kinds = match args.engine {
        // `auto` is one of the others, whichever it picks.
        EngineChoice::All => EngineKind::ALL
            .into_iter()
            .filter(|&kind| kind != EngineKind::Auto)
            .collect(),
        EngineChoice::One(kind) => vec![kind],
    };
    for kind in kinds {
        match kind {
            EngineKind::Sequential => runs.push((kind, 1)),
            EngineKind::RowBands | EngineKind::Compiled | EngineKind::Auto => {
                let mut threads = args.threads.clone().unwrap_or_else(|| vec![1, cores]);
                threads.dedup();
                runs.extend(threads.into_iter().map(|t| (kind, t)));
            }
        }
    }

    let only_compiled = runs
        .iter()
        .all(|(kind, _)| matches!(kind, EngineKind::Compiled | EngineKind::Auto));
    let updates = if only_compiled {
        COMPILED_DEFAULT_UPDATES
    } else {
        DEFAULT_UPDATES
    };
    let generations = args.gens.unwrap_or_else(|| (updates / cells).max(1));

    // The runs take turns, round after round, so that on a machine whose
    // speed drifts every engine meets the same quiet and busy moments and
    // the ratios measured in one bench stay fair.
    let mut timings = vec![f64::INFINITY; runs.len()];
    let mut finals: Vec<(usize, u64)> = Vec::new();
    for round in 0..args.repeat {
        for (&(kind, threads), best) in runs.iter().zip(&mut timings) {
            let mut grid = start.grid(size).with_context(|| workload.clone())?;
            let options = EngineOptions {
                threads: Some(threads),
                tile_skipping: !args.no_tile_skipping,
            };
            let mut engine = kind.build_with(rule, options)?;
            if let (0, Some(reason)) = (round, engine.fallback_reason()) {
                eprintln!("note: rule {rule} is not compiled ({reason}); {kind} runs bands");
            }
            let began = Instant::now();
            engine.run(&mut grid, generations);
            *best = best.min(began.elapsed().as_secs_f64());
            let mut digest = DefaultHasher::new();
            grid.hash(&mut digest);
            finals.push((grid.population(), digest.finish()));
        }
    }
    let agree = finals.windows(2).all(|pair| pair[0] == pair[1]);
    let population = finals.first().map_or(0, |f| f.0);

    let reference = runs
        .iter()
        .position(|(kind, _)| *kind == EngineKind::Sequential)
        .unwrap_or(0);
    let baseline = timings[reference];
    let results: Vec<Measurement> = runs
        .iter()
        .zip(&timings)
        .map(|(&(kind, threads), &seconds)| Measurement {
            engine: kind.name(),
            threads,
            seconds,
            cell_updates_per_second: (cells * generations) as f64 / seconds,
            ratio: baseline / seconds,
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
        baseline: format!("{} ({} threads)", runs[reference].0, runs[reference].1)
            .replace("(1 threads)", "(1 thread)"),
        engines_agree: agree,
        population,
    };

    let mut out = io::stdout().lock();
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
    writeln!(
        out,
        "{:<12} {:>7} {:>9} {:>15} {:>9}",
        "engine", "threads", "seconds", "cell-updates/s", "ratio"
    )?;
    for m in &report.results {
        writeln!(
            out,
            "{:<12} {:>7} {:>9.3} {:>15.3e} {:>8.2}x",
            m.engine, m.threads, m.seconds, m.cell_updates_per_second, m.ratio
        )?;
    }
    writeln!(out, "Ratios are to {}.", report.baseline)?;
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
