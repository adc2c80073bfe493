//! `corolife info` and `corolife list`.

use std::process::Output;

use corolife::library;

use crate::util::{corolife, corpus, run, run_with_stdin};

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `corolife args` and returns its standard output, which it must
/// produce successfully.
fn ok(args: &[&str]) -> String {
    let output = run(args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    assert!(output.stderr.is_empty(), "{args:?}: {}", stderr(&output));
    stdout(&output)
}

/// The `behaviour` line of `corolife info`.
fn behaviour(report: &str) -> &str {
    report
        .lines()
        .find_map(|line| line.strip_prefix("behaviour"))
        .map_or("", str::trim)
}

#[test]
fn info_describes_a_built_in_pattern() {
    let report = ok(&["info", "glider", "--gens", "8"]);
    assert_eq!(
        report,
        "name        Glider\n\
         author      Richard K. Guy\n\
         rule        B3/S23\n\
         box         3 × 3 (width × height)\n\
         population  5\n\
         behaviour   spaceship, period 4, moving (1, 1) (speed c/4)\n\
         comments    The smallest, most common and first discovered spaceship: it moves one\n\
         \x20           cell diagonally every 4 generations (speed c/4).\n\
         \x20           Source: LifeWiki, https://conwaylife.com/wiki/Glider\n"
    );
}

#[test]
fn without_gens_info_does_not_classify() {
    let report = ok(&["info", "gosper-gun"]);
    assert!(
        report.starts_with("name        Gosper glider gun\n"),
        "{report}"
    );
    assert!(
        report.contains("author      Bill Gosper, 1970\n"),
        "{report}"
    );
    assert!(
        report.contains("box         36 × 9 (width × height)\n"),
        "{report}"
    );
    assert!(report.contains("population  36\n"), "{report}");
    assert!(!report.contains("behaviour"), "{report}");
}

#[test]
fn info_tells_what_patterns_do() {
    let cases = [
        ("block", "5", "still life"),
        ("pentadecathlon", "30", "oscillator, period 15"),
        ("queen-bee-shuttle", "100", "oscillator, period 30"),
        (
            "lwss",
            "8",
            "spaceship, period 4, moving (0, -2) (speed c/2)",
        ),
        (
            "copperhead",
            "20",
            "spaceship, period 10, moving (-1, 0) (speed c/10)",
        ),
        ("pentadecathlon", "14", "not settled within 14 generations"),
        ("r-pentomino", "200", "not settled within 200 generations"),
        ("diehard", "200", "dies at generation 130"),
        ("diehard", "129", "not settled within 129 generations"),
    ];
    for (name, gens, expected) in cases {
        let report = ok(&["info", name, "--gens", gens]);
        assert_eq!(behaviour(&report), expected, "{name} --gens {gens}");
    }
}

/// The `census` line of `corolife info`.
fn census(report: &str) -> &str {
    report
        .lines()
        .find_map(|line| line.strip_prefix("census"))
        .map_or("", str::trim)
}

/// How many objects called `name` a census line counts.
fn count(census: &str, name: &str) -> u64 {
    census
        .split(", ")
        .find_map(|entry| {
            let (count, object) = entry.split_once(' ')?;
            (object == name).then(|| count.parse().ok())?
        })
        .unwrap_or(0)
}

// LifeWiki's lifespans, populations and glider counts.
#[test]
fn info_says_what_methuselahs_become() {
    let report = ok(&["info", "acorn", "--gens", "6000"]);
    assert_eq!(
        behaviour(&report),
        "settles at generation 5206 into period 2, 633 cells"
    );
    assert_eq!(count(census(&report), "glider"), 13, "{report}");

    let report = ok(&["info", "r-pentomino", "--gens", "2000"]);
    assert_eq!(
        behaviour(&report),
        "settles at generation 1103 into period 2, 116 cells"
    );
    assert_eq!(
        census(&report),
        "8 block, 6 glider, 4 beehive, 4 blinker, 1 boat, 1 loaf, 1 ship"
    );

    let report = ok(&["info", "b-heptomino", "--gens", "400"]);
    assert_eq!(
        behaviour(&report),
        "settles at generation 148 into still lifes, 28 cells"
    );
    assert_eq!(census(&report), "3 block, 2 glider, 1 ship");
}

#[test]
fn info_names_a_gun_s_stream() {
    let report = ok(&["info", "gosper-gun", "--gens", "300"]);
    assert_eq!(
        behaviour(&report),
        "periodic with a growing glider stream, period 30"
    );
    assert!(count(census(&report), "glider") >= 9, "{report}");
    // A lone oscillator has no census line: the behaviour says it all.
    let report = ok(&["info", "queen-bee-shuttle", "--gens", "100"]);
    assert_eq!(behaviour(&report), "oscillator, period 30");
    assert_eq!(census(&report), "");
}

#[test]
fn info_reads_files_and_standard_input() {
    let file = corpus("hand-glider-5x9.rle");
    let report = ok(&["info", &file, "--gens", "4"]);
    assert!(report.contains("population  5\n"), "{report}");
    assert_eq!(
        behaviour(&report),
        "spaceship, period 4, moving (1, 1) (speed c/4)"
    );

    let output = run_with_stdin(
        &["info", "-", "--gens", "3"],
        b"!Name: Blinker\n!A period 2 oscillator.\nOOO\n",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let report = stdout(&output);
    assert!(report.starts_with("name        Blinker\n"), "{report}");
    assert!(
        report.contains("rule        B3/S23 (none given)\n"),
        "{report}"
    );
    assert!(
        report.contains("box         3 × 1 (width × height)\n"),
        "{report}"
    );
    assert!(
        report.contains("comments    A period 2 oscillator.\n"),
        "{report}"
    );
    assert_eq!(behaviour(&report), "oscillator, period 2");
}

#[test]
fn info_refuses_what_it_cannot_read_in_one_line() {
    for args in [
        vec!["info", "no-such-pattern"],
        vec!["info", "glider", "--gens", "many"],
        vec!["info"],
    ] {
        let output = run(&args);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let err = stderr(&run(&["info", "no-such-pattern"]));
    assert!(err.contains("no-such-pattern"), "{err}");
}

#[test]
fn list_shows_every_built_in_pattern_in_aligned_columns() {
    let table = ok(&["list"]);
    let names: Vec<&str> = library::names().collect();
    assert_eq!(table.lines().count(), names.len(), "{table}");
    // The titles start in one column, two spaces after the longest name.
    let title_column = names.iter().map(|n| n.len()).max().unwrap_or(0) + 2;
    for (line, name) in table.lines().zip(&names) {
        let pattern = library::pattern(name).expect("built in");
        let title = pattern.name.expect("every built-in pattern has a name");
        assert!(line.starts_with(&format!("{name} ")), "{line}");
        assert_eq!(
            line.get(title_column..title_column + title.len()),
            Some(title.as_str()),
            "{line}"
        );
    }
    let glider = table
        .lines()
        .find(|line| line.starts_with("glider "))
        .expect("glider");
    assert!(
        glider.ends_with(
            "  The smallest, most common and first discovered spaceship: it moves one cell diagonally every 4 generations (speed c/4)."
        ),
        "{glider}"
    );
    let beehive = table
        .lines()
        .find(|line| line.starts_with("beehive "))
        .expect("beehive");
    assert!(beehive.ends_with("A 6-cell still life."), "{beehive}");
}

#[test]
fn built_in_names_work_from_any_directory() {
    let output = corolife()
        .args(["info", "acorn"])
        .current_dir(std::env::temp_dir())
        .output()
        .expect("corolife starts");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("name        Acorn\n"));
}
