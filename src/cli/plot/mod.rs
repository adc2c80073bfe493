//! `corolife plot`: a pattern's population, births and deaths per
//! generation, as a chart (SVG or PNG) or as CSV.
//!
//! The counts come from [`corolife::population::series`], the universe, rule
//! and placement from the same arguments as `corolife run`. The whole
//! series is counted before OUT is opened; OUT is then written atomically
//! ([`atomic::write_with`]), so an error leaves no partial file.

mod chart;
mod raster;
mod svg;

use std::io::Write;
use std::path::Path;

use anyhow::{Context, anyhow, bail};
use corolife::EngineOptions;
use corolife::atomic::{self, WriteError};
use corolife::budget;
use corolife::escape::escape;
use corolife::population::{self, Counts};

use super::args::PlotArgs;
use super::input;
use super::progress::Progress;
use super::signals;

/// What OUT's extension asks for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Svg,
    Png,
    Csv,
}

impl Kind {
    fn of(path: &Path) -> anyhow::Result<Kind> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("svg") => Ok(Kind::Svg),
            Some("png") => Ok(Kind::Png),
            Some("csv") => Ok(Kind::Csv),
            _ => bail!(
                "{}: cannot tell the output format from the name (expected .svg, .png or .csv)",
                escape(&path.display().to_string())
            ),
        }
    }
}

pub fn plot(args: &PlotArgs) -> anyhow::Result<()> {
    let path = args.output.as_path();
    let kind = Kind::of(path)?;
    signals::remove_temporary_files_on_signal().context("cannot watch for signals")?;
    // One generation's counts each, kept until the chart is drawn.
    let needed = args
        .gens
        .saturating_add(1)
        .saturating_mul(std::mem::size_of::<Counts>() as u64);
    budget::check(needed, || {
        format!(
            "the counts of {} generations need {}",
            args.gens,
            budget::human_bytes(needed)
        )
    })?;
    let start = input::start(&args.pattern.value, args.size.value, &args.rule)?;
    // Every generation is visited, so HashLife's long steps would not help:
    // no number of generations is given for auto to choose it by.
    let options = EngineOptions {
        threads: args.threads.value,
        ..EngineOptions::default()
    };
    let mut simulation = start.simulation(args.at.placement(), args.engine.value, options)?;
    let first = simulation.generation();
    let mut progress = Progress::new(
        args.gens,
        format!("plotting {}", escape(&path.display().to_string())),
    );
    let series = population::series(&mut simulation, args.gens, |counts| {
        if counts.generation > first {
            progress.advance(1);
        }
        true
    });
    progress.finish();
    let series = series.with_context(|| start.source.label.clone())?;
    let name = start
        .source
        .pattern
        .name
        .clone()
        .unwrap_or_else(|| start.source.label.clone());
    let title = format!("{name}, generations {first} to {}", simulation.generation());
    atomic::write_with(path, |out| match kind {
        Kind::Csv => write_csv(&series, out),
        Kind::Svg => Ok(svg::write(&chart::chart(&title, &series), out)?),
        Kind::Png => raster::write_png(&chart::chart(&title, &series), out),
    })
    .map_err(|error| match error {
        WriteError::Failed { path, error } => error.context(format!(
            "{}: cannot write",
            escape(&path.display().to_string())
        )),
        error => anyhow!("{error}"),
    })
}

/// `generation,population,births,deaths` and a row per generation.
fn write_csv(series: &[Counts], mut out: impl Write) -> anyhow::Result<()> {
    writeln!(out, "generation,population,births,deaths")?;
    for c in series {
        writeln!(
            out,
            "{},{},{},{}",
            c.generation, c.population, c.births, c.deaths
        )?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plot_formats_come_from_the_extension() {
        assert_eq!(Kind::of(Path::new("a/b.svg")).ok(), Some(Kind::Svg));
        assert_eq!(Kind::of(Path::new("b.PNG")).ok(), Some(Kind::Png));
        assert_eq!(Kind::of(Path::new("b.Csv")).ok(), Some(Kind::Csv));
        for bad in ["b.gif", "b", "csv"] {
            let error = Kind::of(Path::new(bad)).expect_err(bad).to_string();
            assert!(error.starts_with(&format!("{bad}: ")), "{error}");
        }
    }

    #[test]
    fn plot_csv_has_a_header_and_a_row_per_generation() -> anyhow::Result<()> {
        let series = [
            Counts {
                generation: 0,
                population: 3,
                births: 0,
                deaths: 0,
            },
            Counts {
                generation: 1,
                population: 4,
                births: 2,
                deaths: 1,
            },
        ];
        let mut out = Vec::new();
        write_csv(&series, &mut out)?;
        assert_eq!(
            String::from_utf8(out)?,
            "generation,population,births,deaths\n0,3,0,0\n1,4,2,1\n"
        );
        Ok(())
    }
}
