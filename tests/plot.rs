//! `corolife plot`: the CSV checked against the library's own simulation,
//! the SVG parsed and its lines checked against the CSV within the error
//! the chart states, the PNG decoded, and refusals that leave nothing
//! behind.

use std::collections::HashSet;
use std::path::Path;
use std::process::Output;

use corolife::{Rule, Simulation, library};

use crate::util::{TempDir, assert_refused, decode_png, run};

/// The chart's stated size (`corolife help plot`).
const WIDTH: usize = 800;
const HEIGHT: usize = 480;

/// SVG coordinates are written with two decimals.
const ROUNDING: f64 = 0.01;

/// Asserts success and silence (stderr is not a terminal: no progress bar).
fn success(output: &Output) {
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "stderr: {err}");
    assert_eq!(err, "", "stderr");
    assert!(output.stdout.is_empty(), "stdout");
}

/// `corolife plot PATTERN --gens GENS -o OUT`.
fn plot(pattern: &str, gens: u64, out: &Path) -> Output {
    let gens = gens.to_string();
    let out = out.to_string_lossy();
    run(&["plot", pattern, "--gens", &gens, "-o", &out])
}

/// One CSV row.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Row {
    generation: u64,
    population: u64,
    births: u64,
    deaths: u64,
}

impl Row {
    fn value(&self, series: &str) -> u64 {
        match series {
            "population" => self.population,
            "births" => self.births,
            "deaths" => self.deaths,
            other => panic!("no series {other}"),
        }
    }
}

fn read_csv(path: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(path).expect("the CSV");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("generation,population,births,deaths"));
    lines
        .map(|line| {
            let fields: Vec<u64> = line
                .split(',')
                .map(|f| f.parse().expect("a number"))
                .collect();
            assert_eq!(fields.len(), 4, "{line}");
            Row {
                generation: fields[0],
                population: fields[1],
                births: fields[2],
                deaths: fields[3],
            }
        })
        .collect()
}

/// The live cells of the simulation, as a set.
fn cells(simulation: &Simulation) -> HashSet<(i32, i32)> {
    match simulation.bounding_box() {
        Some(rect) => simulation
            .cells_in(rect)
            .into_iter()
            .map(|c| (c.y, c.x))
            .collect(),
        None => HashSet::new(),
    }
}

#[test]
fn plot_csv_counts_what_the_library_simulates() {
    let dir = TempDir::new("plot-csv");
    let out = dir.join("acorn.csv");
    success(&plot("acorn", 6000, &out));
    let rows = read_csv(&out);
    assert_eq!(rows.len(), 6001);
    for (g, row) in rows.iter().enumerate() {
        assert_eq!(row.generation, g as u64);
    }
    assert_eq!((rows[0].births, rows[0].deaths), (0, 0));
    for pair in rows.windows(2) {
        let change = i128::from(pair[1].population) - i128::from(pair[0].population);
        assert_eq!(
            i128::from(pair[1].births) - i128::from(pair[1].deaths),
            change,
            "generation {}",
            pair[1].generation
        );
    }
    // The same generations counted here, births and deaths from sets of
    // cells rather than the merge the command uses.
    let acorn = library::pattern("acorn").expect("built in");
    let mut simulation = Simulation::new(&acorn, Rule::LIFE).expect("a simulation");
    let mut before = cells(&simulation);
    assert_eq!(rows[0].population, simulation.population());
    for g in [1, 2, 100, 1000, 5206, 6000] {
        let behind = g - 1 - simulation.generation();
        simulation.run(behind).expect("runs");
        before = if behind == 0 {
            before
        } else {
            cells(&simulation)
        };
        simulation.step().expect("steps");
        let after = cells(&simulation);
        let row = rows[g as usize];
        assert_eq!(row.population, simulation.population(), "generation {g}");
        assert_eq!(row.population, after.len() as u64, "generation {g}");
        assert_eq!(
            row.births,
            after.difference(&before).count() as u64,
            "births {g}"
        );
        assert_eq!(
            row.deaths,
            before.difference(&after).count() as u64,
            "deaths {g}"
        );
        before = after;
    }
    // The acorn settles at generation 5206 into 633 cells.
    assert_eq!(rows[5206].population, 633);
    assert_ne!(rows[5205].population, 633);
}

/// An element's attribute as a number.
fn number(node: roxmltree::Node<'_, '_>, name: &str) -> f64 {
    node.attribute(name)
        .unwrap_or_else(|| panic!("{name} on <{}>", node.tag_name().name()))
        .parse()
        .expect("a number")
}

/// The elements of class `class` (among several classes).
fn of_class<'a, 'input>(
    doc: &'a roxmltree::Document<'input>,
    class: &str,
) -> Vec<roxmltree::Node<'a, 'input>> {
    doc.descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == class))
        })
        .collect()
}

/// A tick: its position along its axis, in pixels, and its number.
fn ticks(doc: &roxmltree::Document<'_>, axis: &str) -> Vec<(f64, u64)> {
    of_class(doc, "tick")
        .into_iter()
        .filter(|g| g.attribute("class").is_some_and(|c| c.ends_with(axis)))
        .map(|g| {
            // The tick mark: the second line (the first is the grid line).
            let mark = g
                .children()
                .filter(|n| n.has_tag_name("line"))
                .nth(1)
                .expect("a tick mark");
            let at = if axis == "x" {
                number(mark, "x1")
            } else {
                number(mark, "y1")
            };
            let label = g
                .children()
                .find(|n| n.has_tag_name("text"))
                .and_then(|t| t.text())
                .expect("a tick label");
            (at, label.parse().expect("a plain number at this scale"))
        })
        .collect()
}

/// Asserts the ticks are 0, s, 2s, … for a round s (1, 2 or 5 times a
/// power of ten), evenly spaced, and returns the map from a value to pixels.
fn scale(ticks: &[(f64, u64)]) -> impl Fn(f64) -> f64 {
    assert!(ticks.len() >= 3, "{ticks:?}");
    let step = ticks[1].1;
    let mut power = step;
    while power.is_multiple_of(10) {
        power /= 10;
    }
    assert!([1, 2, 5].contains(&power), "step {step}");
    for (i, (_, value)) in ticks.iter().enumerate() {
        assert_eq!(*value, i as u64 * step, "{ticks:?}");
    }
    let (first, last) = (ticks[0], ticks[ticks.len() - 1]);
    let per_unit = (last.0 - first.0) / last.1 as f64;
    for (at, value) in ticks {
        assert!(
            (first.0 + *value as f64 * per_unit - at).abs() < 2.0 * ROUNDING,
            "evenly spaced: {ticks:?}"
        );
    }
    move |value| first.0 + value * per_unit
}

fn points(polyline: roxmltree::Node<'_, '_>) -> Vec<(f64, f64)> {
    polyline
        .attribute("points")
        .expect("points")
        .split(' ')
        .map(|pair| {
            let (x, y) = pair.split_once(',').expect("x,y");
            (x.parse().expect("x"), y.parse().expect("y"))
        })
        .collect()
}

#[test]
fn plot_svg_draws_the_csv_within_a_pixel() {
    let dir = TempDir::new("plot-svg");
    let (svg, csv) = (dir.join("acorn.svg"), dir.join("acorn.csv"));
    success(&plot("acorn", 6000, &svg));
    success(&plot("acorn", 6000, &csv));
    let rows = read_csv(&csv);
    let text = std::fs::read_to_string(&svg).expect("the SVG");
    let doc = roxmltree::Document::parse(&text).expect("well-formed SVG");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(number(root, "width") as usize, WIDTH);
    assert_eq!(number(root, "height") as usize, HEIGHT);

    // Two axes meeting at the bottom-left corner of the plot.
    let axes: Vec<_> = of_class(&doc, "axes")[0]
        .children()
        .filter(|n| n.has_tag_name("line"))
        .collect();
    assert_eq!(axes.len(), 2);
    let (x_axis, y_axis) = (axes[0], axes[1]);
    assert_eq!(number(x_axis, "y1"), number(x_axis, "y2"), "horizontal");
    assert_eq!(number(y_axis, "x1"), number(y_axis, "x2"), "vertical");
    let (left, bottom) = (number(x_axis, "x1"), number(x_axis, "y1"));
    assert_eq!((number(y_axis, "x1"), number(y_axis, "y2")), (left, bottom));

    let texts = |class: &str| -> Vec<String> {
        of_class(&doc, class)
            .iter()
            .flat_map(|g| g.descendants())
            .filter_map(|n| n.has_tag_name("text").then(|| n.text()).flatten())
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(texts("title"), ["Acorn, generations 0 to 6000"]);
    assert_eq!(texts("labels"), ["generation", "cells"]);
    assert_eq!(texts("legend"), ["population", "births", "deaths"]);

    // Ticks of round numbers; the axes' scales come from them.
    let x_ticks = ticks(&doc, "x");
    let y_ticks = ticks(&doc, "y");
    assert_eq!(x_ticks.last().map(|t| t.1), Some(6000));
    let highest = rows.iter().map(|r| r.population).max().expect("rows");
    let top = y_ticks.last().map_or(0, |t| t.1);
    assert!(top >= highest && top < highest + y_ticks[1].1, "{top}");
    let x_of = scale(&x_ticks);
    let y_of = scale(&y_ticks);
    assert!((x_of(0.0) - left).abs() < ROUNDING && (y_of(0.0) - bottom).abs() < ROUNDING);

    // Each series: the legend's stroke has the polyline's colour.
    let legend_colours: Vec<&str> = of_class(&doc, "legend")[0]
        .children()
        .filter(|n| n.has_tag_name("line"))
        .map(|n| n.attribute("stroke").expect("a colour"))
        .collect();
    let lines: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .collect();
    assert_eq!(lines.len(), 3);
    for (i, name) in ["population", "births", "deaths"].into_iter().enumerate() {
        let line = lines
            .iter()
            .find(|n| n.attribute("data-series") == Some(name))
            .unwrap_or_else(|| panic!("a polyline for {name}"));
        assert_eq!(line.attribute("stroke"), Some(legend_colours[i]), "{name}");
        let points = points(*line);
        // Simplified: fewer points than generations, a few per column.
        assert!(points.len() < rows.len(), "{name}: {} points", points.len());
        assert!(points.len() <= 4 * WIDTH, "{name}: {} points", points.len());
        // Every point drawn is a point of the series.
        let per_generation = x_of(1.0) - x_of(0.0);
        let mut generations = Vec::new();
        for &(x, y) in &points {
            let g = ((x - left) / per_generation).round();
            assert!(
                (x_of(g) - x).abs() < ROUNDING,
                "{name}: x {x} is generation {g}"
            );
            let row = rows[g as usize];
            let expected = y_of(row.value(name) as f64);
            assert!(
                (expected - y).abs() < ROUNDING,
                "{name} at {g}: {y}, not {expected}"
            );
            generations.push(g as u64);
        }
        assert!(generations.is_sorted(), "{name}: in order");
        assert_eq!(generations.first(), Some(&0));
        assert_eq!(generations.last(), Some(&6000));
        // Every point of the series has, within a pixel to either side, a
        // point drawn at or above it and one at or below it: the line
        // passes within a pixel of it.
        for row in &rows {
            let (x, y) = (x_of(row.generation as f64), y_of(row.value(name) as f64));
            let near = points.iter().filter(|p| (p.0 - x).abs() <= 1.0 + ROUNDING);
            let (lowest, highest) = near.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), p| {
                (l.min(p.1), h.max(p.1))
            });
            assert!(
                lowest - ROUNDING <= y && y <= highest + ROUNDING,
                "{name} at {}: {y} not within {lowest}..{highest}",
                row.generation
            );
        }
    }
}

#[test]
fn plot_of_few_generations_keeps_every_point() {
    let dir = TempDir::new("plot-short");
    let out = dir.join("glider.svg");
    success(&plot("glider", 8, &out));
    let text = std::fs::read_to_string(&out).expect("the SVG");
    let doc = roxmltree::Document::parse(&text).expect("well-formed SVG");
    for line in doc.descendants().filter(|n| n.has_tag_name("polyline")) {
        assert_eq!(points(line).len(), 9, "{:?}", line.attribute("data-series"));
    }
}

#[test]
fn plot_png_is_the_stated_size_with_every_series_colour() {
    let dir = TempDir::new("plot-png");
    let (png, svg) = (dir.join("acorn.png"), dir.join("acorn.svg"));
    success(&plot("acorn", 1000, &png));
    success(&plot("acorn", 1000, &svg));
    let picture = decode_png(&png);
    assert_eq!((picture.width, picture.height), (WIDTH, HEIGHT));
    assert_eq!(picture.pixel(0, 0, 0), [0xff; 3], "a white background");
    // The series' colours, as the SVG gives them, are drawn.
    let text = std::fs::read_to_string(&svg).expect("the SVG");
    let doc = roxmltree::Document::parse(&text).expect("well-formed SVG");
    for line in doc.descendants().filter(|n| n.has_tag_name("polyline")) {
        let hex = line.attribute("stroke").expect("a colour");
        let value = u32::from_str_radix(hex.trim_start_matches('#'), 16).expect("hex");
        let rgb = [(value >> 16) as u8, (value >> 8) as u8, value as u8];
        let drawn = picture.frames[0].iter().filter(|&&p| p == rgb).count();
        assert!(drawn > 100, "{hex}: {drawn} pixels");
    }
}

#[test]
fn plot_refusals_name_the_problem_and_leave_nothing_behind() {
    let dir = TempDir::new("plot-refused");
    let old = dir.join("old.csv");
    std::fs::write(&old, "old\n").expect("write");
    std::fs::write(dir.join("file"), "").expect("write");
    std::fs::create_dir(dir.join("taken.svg")).expect("mkdir");
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let cases: [(Vec<String>, Vec<&str>); 6] = [
        (
            vec!["glider".into(), "-o".into(), path("out.gif")],
            vec!["out.gif", ".svg, .png or .csv"],
        ),
        (
            vec!["glider".into(), "-o".into(), path("no/such/dir/out.svg")],
            vec!["out.svg", "cannot write"],
        ),
        (
            vec!["glider".into(), "-o".into(), path("file/out.png")],
            vec!["file/out.png", "cannot write"],
        ),
        (
            vec!["glider".into(), "-o".into(), path("taken.svg")],
            vec!["taken.svg", "is a directory"],
        ),
        (
            vec!["no-such-pattern".into(), "-o".into(), path("old.csv")],
            vec!["no-such-pattern"],
        ),
        (
            vec![
                "glider".into(),
                "--gens".into(),
                "lots".into(),
                "-o".into(),
                path("old.csv"),
            ],
            vec!["--gens", "lots"],
        ),
    ];
    for (args, needles) in cases {
        let mut all = vec!["plot"];
        all.extend(args.iter().map(String::as_str));
        assert_refused(&run(&all), &needles);
        assert_eq!(dir.names(), ["file", "old.csv", "taken.svg"], "{args:?}");
        assert_eq!(std::fs::read_to_string(&old).expect("read"), "old\n");
    }
    // A plot that succeeds replaces the old file.
    success(&plot("blinker", 2, &old));
    assert_eq!(
        std::fs::read_to_string(&old).expect("read"),
        "generation,population,births,deaths\n0,3,0,0\n1,3,2,2\n2,3,2,2\n"
    );
}

/// The README's plot pictures (`corolife plot … -o tests/plots/NAME` in its
/// "Plotting" section) are what their commands make today, pixel by pixel,
/// and every file in `tests/plots/` is one of them.
#[test]
fn plot_readme_pictures_are_what_their_commands_make() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("the README");
    let section = readme
        .split("\n## Plotting a pattern's population\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("a Plotting section");
    let dir = TempDir::new("plot-readme");
    let mut made = Vec::new();
    for line in section.lines() {
        let Some(command) = line.strip_prefix("corolife plot ") else {
            continue;
        };
        let mut args: Vec<String> = command.split_whitespace().map(String::from).collect();
        let at = args.iter().position(|a| a == "-o").expect("-o OUT") + 1;
        let Some(name) = args[at].strip_prefix("tests/plots/").map(str::to_owned) else {
            continue;
        };
        assert!(
            readme.contains(&format!("](tests/plots/{name})")),
            "{name} shown"
        );
        args[at] = dir.join(&name).to_string_lossy().into_owned();
        let mut all = vec!["plot"];
        all.extend(args.iter().map(String::as_str));
        success(&run(&all));
        let (old, new) = (
            decode_png(&root.join("tests/plots").join(&name)),
            decode_png(&dir.join(&name)),
        );
        assert_eq!((old.width, old.height), (new.width, new.height), "{name}");
        assert!(
            old.frames == new.frames,
            "tests/plots/{name} is stale: run `corolife plot {command}`"
        );
        made.push(name);
    }
    assert!(!made.is_empty(), "the README shows a plot");
    let mut files: Vec<String> = std::fs::read_dir(root.join("tests/plots"))
        .expect("tests/plots")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    made.sort();
    assert_eq!(files, made, "every picture in tests/plots has its command");
}
