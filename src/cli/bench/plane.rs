//! `corolife bench --plane`: the plane's engines on the same start, timed.

use std::io::{self, Write};
use std::time::Instant;

use anyhow::bail;
use corolife::engine::hashlife::{HashLife, Stats};
use corolife::load::{self, human_bytes};
use corolife::{Cell, EngineKind, EngineOptions, Pattern, Simulation, Size, soup};
use serde::Serialize;

use super::super::args::{BenchArgs, EngineChoice};
use super::super::input;

/// The soup's size when neither --pattern nor --size says.
const DEFAULT_SOUP: Size = Size {
    rows: 256,
    cols: 256,
};

/// Generations when --gens does not say.
const DEFAULT_GENERATIONS: u64 = 1000;

/// One line of the table.
#[derive(Serialize)]
struct Measurement {
    engine: &'static str,
    threads: Option<usize>,
    seconds: f64,
    generations_per_second: f64,
    ratio: f64,
    population: u64,
    /// HashLife's node store, in bytes, at the end of the run.
    memory: Option<u64>,
    nodes: Option<usize>,
    collections: Option<u32>,
}

/// The whole report, as `--json` prints it.
#[derive(Serialize)]
struct Report {
    workload: String,
    rule: String,
    generations: u64,
    repeat: u32,
    results: Vec<Measurement>,
    engines_agree: bool,
}

pub fn bench(args: &BenchArgs) -> anyhow::Result<()> {
    let (pattern, workload) = match &args.pattern {
        Some(name) => {
            let source = input::load(name)?;
            let label = source.label.clone();
            (source.pattern, label)
        }
        None => {
            let size = args.size.value.unwrap_or(DEFAULT_SOUP);
            let grid = soup::soup(size.rows, size.cols, args.seed)?;
            let cells = grid.iter_rows().enumerate().flat_map(|(y, row)| {
                row.iter()
                    .enumerate()
                    .filter(|(_, state)| !state.is_empty())
                    .map(move |(x, &state)| Cell {
                        y: y as i32,
                        x: x as i32,
                        state,
                    })
            });
            let workload = format!("{}x{} soup (seed {:#X})", size.rows, size.cols, args.seed);
            (Pattern::from_cells(cells), workload)
        }
    };
    let rule = load::rule(args.rule.get_beside(args.pattern.as_deref())?, &pattern)
        .with_topology(corolife::Topology::Plane);
    let generations = args.gens.unwrap_or(DEFAULT_GENERATIONS);
    let threads = args.threads.as_ref().and_then(|t| t.first().copied());
    let mut kinds = match args.engine {
        EngineChoice::All => vec![EngineKind::Compiled, EngineKind::HashLife],
        EngineChoice::One(kind) => vec![kind],
    };
    // HashLife hands a rule not its own to the compiled engine, which is
    // timed already.
    if kinds.len() > 1
        && let Err(reason) = HashLife::supports_either(&rule)
    {
        eprintln!("note: {reason}; the compiled engine runs it, and hashlife is not timed apart");
        kinds.retain(|&kind| kind != EngineKind::HashLife);
    }
    let mut timings = vec![f64::INFINITY; kinds.len()];
    let mut ends: Vec<Option<(u64, Option<corolife::engine::hashlife::Bounds>)>> =
        vec![None; kinds.len()];
    let mut stats: Vec<Option<Stats>> = vec![None; kinds.len()];
    let mut names = vec![""; kinds.len()];
    for _ in 0..args.repeat {
        for (i, &kind) in kinds.iter().enumerate() {
            let options = EngineOptions {
                threads,
                tile_skipping: !args.no_tile_skipping.value,
                generations: Some(generations),
                max_memory: None,
            };
            let mut simulation = Simulation::build(&pattern, rule, kind, options)?;
            let began = Instant::now();
            simulation.run(generations)?;
            timings[i] = timings[i].min(began.elapsed().as_secs_f64());
            ends[i] = Some((simulation.population(), simulation.bounds()));
            stats[i] = simulation.hashlife_stats();
            names[i] = simulation.engine();
        }
    }
    let agree = ends.windows(2).all(|pair| pair[0] == pair[1]);
    let reference = timings[0];
    let results = kinds
        .iter()
        .enumerate()
        .map(|(i, _)| Measurement {
            engine: names[i],
            threads: (names[i] != "hashlife").then_some(threads).flatten(),
            seconds: timings[i],
            generations_per_second: generations as f64 / timings[i],
            ratio: reference / timings[i],
            population: ends[i].map_or(0, |(population, _)| population),
            memory: stats[i].map(|s| s.bytes),
            nodes: stats[i].map(|s| s.nodes),
            collections: stats[i].map(|s| s.collections),
        })
        .collect();
    let report = Report {
        workload,
        rule: rule.to_string(),
        generations,
        repeat: args.repeat,
        results,
        engines_agree: agree,
    };
    let mut out = super::super::output::stdout();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        print_table(&mut out, &report)?;
    }
    out.flush()?;
    if !agree {
        bail!("the engines ended with different populations or bounding boxes");
    }
    Ok(())
}

fn print_table(out: &mut impl Write, report: &Report) -> io::Result<()> {
    writeln!(
        out,
        "{} on the plane, rule {}, {} generations, best of {}",
        report.workload, report.rule, report.generations, report.repeat
    )?;
    writeln!(
        out,
        "{:<10} {:>9} {:>13} {:>8} {:>12} {:>10}",
        "engine", "seconds", "generations/s", "ratio", "population", "memory"
    )?;
    for m in &report.results {
        let memory = m.memory.map_or_else(|| "-".to_owned(), human_bytes);
        writeln!(
            out,
            "{:<10} {:>9.3} {:>13.3e} {:>7.2}x {:>12} {:>10}",
            m.engine, m.seconds, m.generations_per_second, m.ratio, m.population, memory
        )?;
    }
    if let Some(first) = report.results.first() {
        writeln!(out, "Ratios are to {}.", first.engine)?;
    }
    if report.engines_agree {
        writeln!(
            out,
            "All engines end with the same population and bounding box."
        )?;
    } else {
        writeln!(out, "The engines DISAGREE.")?;
    }
    Ok(())
}
