//! The `corolife` command line: its output contract and its errors.

use std::io::Read;
use std::process::{Output, Stdio};

use crate::util::{
    TempDir, assert_refused, cases, corolife, corpus, first_difference, run, run_with_stdin,
};

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn small_corpus_cases_print_exactly_the_expected_text() {
    for case in cases().iter().filter(|c| c.file.starts_with("hand-")) {
        let size = format!("{}x{}", case.rows, case.cols);
        let gens = case.gens.to_string();
        let file = corpus(&case.file);
        let mut args = vec!["run", &file, "--size", &size, "--gens", &gens];
        if let Some(rule) = &case.rule {
            args.extend(["--rule", rule]);
        }
        for engine in ["sequential", "bands", "compiled", "auto"].map(|e| ["--engine", e]) {
            let mut args = args.clone();
            args.extend(engine);
            args.extend(["--threads", "2"]);
            let output = run(&args);
            assert!(
                output.status.success(),
                "{}: {}",
                case.file,
                stderr(&output)
            );
            let expected = case.expected();
            let actual = stdout(&output);
            assert!(
                actual == expected,
                "{} {engine:?}: {}",
                case.file,
                first_difference(&expected, &actual)
            );
        }
    }
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let output = run_with_stdin(
        &["run", "-", "--size", "4x5", "--gens", "1"],
        b"!Name: blinker\nOOO\n",
    );
    assert!(output.status.success());
    assert_eq!(stdout(&output), "--*--\n--*--\n--*--\n-----\n");
}

#[test]
fn every_prints_the_chosen_generations_separated_by_blank_lines() {
    let blinker = corpus("hand-blinker-odd.cells");
    let output = run(&[
        "run", &blinker, "--size", "5x5", "--gens", "3", "--every", "2",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    // Generations 0 and 2 (horizontal), then the last, 3 (vertical).
    let horizontal = "-----\n-----\n-***-\n-----\n-----\n";
    let vertical = "-----\n--*--\n--*--\n--*--\n-----\n";
    assert_eq!(
        stdout(&output),
        format!("{horizontal}\n{horizontal}\n{vertical}")
    );
}

#[test]
fn the_size_defaults_to_the_rules_torus_then_the_plane() {
    let glider = corpus("hand-glider-5x9.rle");
    let output = run(&["run", &glider, "--rule", "B3/S23:T12,6"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert_eq!(
        (text.lines().count(), text.lines().next().map(str::len)),
        (6, Some(12))
    );
    // On the plane: the glider's box, nothing around it.
    let output = run(&["run", &glider]);
    assert_eq!(stdout(&output), "-*-\n--*\n***\n");
}

#[test]
fn the_bad_corpus_inputs_are_refused_naming_the_file() {
    let table =
        std::fs::read_to_string(crate::util::corpus_dir().join("bad/bad.tsv")).expect("bad.tsv");
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let fields: Vec<&str> = line.split('\t').collect();
        let (file, size, gens, rule) = (fields[0], fields[1], fields[2], fields[3]);
        let path = corpus(&format!("bad/{file}"));
        let mut args = vec!["run", &path, "--size", size, "--gens", gens];
        if !rule.is_empty() {
            args.extend(["--rule", rule]);
        }
        assert_refused(&run(&args), &[file]);
    }
}

#[test]
fn parse_errors_name_the_file_line_and_column() {
    let dir = std::env::temp_dir().join(format!("corolife-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("typo.rle");
    std::fs::write(&file, "#N typo\nx = 3, y = 3\nbo$2bz$3o!\n").expect("write");
    let path = file.to_string_lossy();
    let output = run(&["run", &path, "--size", "9x9"]);
    assert_refused(&output, &["typo.rle", "line 3, column 6", "found 'z'"]);
    // Said once, not once more as the cause of itself.
    assert_eq!(stderr(&output).matches("found 'z'").count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_flags_are_refused() {
    let glider = corpus("hand-glider-5x9.rle");
    assert_refused(
        &run(&["run", &glider, "--rule", "B9/S"]),
        &["B9/S", "out of range"],
    );
    assert_refused(
        &run(&["run", &glider, "--rule", "B3/S23:P20+1,20"]),
        &[":P20+1,20", "a plane can't have a shift"],
    );
    // Golly's grids put their top-left cell at (-w/2, -h/2); a glider
    // placed at (10, 10) is outside a 6x6 one.
    let placed = "#CXRLE Pos=10,10\nx = 3, y = 3, rule = B3/S23:P6,6\nbo$2bo$3o!";
    assert_refused(
        &crate::util::run_with_stdin(&["run", "-"], placed.as_bytes()),
        &["outside the grid :P6,6"],
    );
    assert_refused(
        &run(&["run", &glider, "--rule", "B03/S23"]),
        &["B0", "bounded grid"],
    );
    assert_refused(&run(&["run", &glider, "--size", "0x9"]), &["0x9"]);
    assert_refused(&run(&["run", &glider, "--size", "nine"]), &["ROWSxCOLS"]);
    assert_refused(&run(&["run", &glider, "--size", "2x9"]), &["does not fit"]);
    assert_refused(&run(&["run", &glider, "--engine", "quantum"]), &["quantum"]);
    assert_refused(&run(&["run", &glider, "--threads", "0"]), &["threads"]);
    assert_refused(
        &run(&["run", &glider, "--size", "1000000000x1000000000"]),
        &["grid"],
    );
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let glider = corpus("hand-glider-5x9.rle");
    let mut child = corolife()
        .args(["run", &glider, "--size", "2000x2000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("corolife starts");
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // Dropping our end of the pipe closes it.
    let output = child.wait_with_output().expect("corolife finishes");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
}

#[test]
fn bench_runs_the_compiled_engine_at_each_thread_count() {
    let output = run(&[
        "bench",
        "--size",
        "64x64",
        "--gens",
        "5",
        "--repeat",
        "1",
        "--threads",
        "1,2",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let table = stdout(&output);
    for (engine, threads) in [
        ("sequential", 1),
        ("bands", 1),
        ("bands", 2),
        ("compiled", 1),
        ("compiled", 2),
    ] {
        let found = table.lines().any(|line| {
            let mut fields = line.split_whitespace();
            fields.next() == Some(engine) && fields.next() == Some(&*threads.to_string())
        });
        assert!(found, "no {engine} with {threads} threads in\n{table}");
    }
    assert!(
        table.contains("All engines end in the same grid"),
        "{table}"
    );
}

/// Runs `corolife bench` with `args` and `--json`, and returns its report
/// once it has succeeded.
fn bench_report(args: &[&str]) -> serde_json::Value {
    let output = run(&[args, &["--json"]].concat());
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).expect("JSON")
}

#[test]
fn bench_takes_the_patterns_torus_else_a_default_that_fits_it() {
    let size_of = |args: &[&str]| {
        let common = [
            "bench", "--gens", "2", "--repeat", "1", "--engine", "compiled",
        ];
        let report = bench_report(&[&common[..], args].concat());
        assert_eq!(report["engines_agree"], true);
        (report["rows"].as_u64(), report["cols"].as_u64())
    };
    let glider = corpus("hand-glider-5x9.rle");
    // The torus in the rule (Golly's :T gives columns first), whether the
    // file's or --rule's.
    let torus = size_of(&["--pattern", &glider, "--rule", "B3/S23:T24,40"]);
    assert_eq!(torus, (Some(40), Some(24)));
    // No torus: the default size...
    assert_eq!(size_of(&["--pattern", &glider]), (Some(512), Some(512)));
    // ...grown to leave a margin around a pattern wider than it.
    let dir = TempDir::new("bench-wide");
    let wide = dir.join("wide.rle");
    std::fs::write(&wide, "x = 600, y = 1\n600o!\n").expect("write");
    let grown = size_of(&["--pattern", wide.to_str().expect("UTF-8")]);
    assert_eq!(grown, (Some(512), Some(616)));
    // --size wins.
    let given = size_of(&["--pattern", &glider, "--size", "16x20"]);
    assert_eq!(given, (Some(16), Some(20)));
}

#[test]
fn bench_compares_skipping_tiles_with_stepping_every_tile() {
    let glider = corpus("hand-glider-5x9.rle");
    let args = [
        "bench",
        "--pattern",
        &glider,
        "--size",
        "128x192",
        "--gens",
        "40",
        "--repeat",
        "1",
        "--engine",
        "compiled",
        "--threads",
        "1,2",
        "--compare-tile-skipping",
    ];
    let report = bench_report(&args);
    let runs: Vec<_> = (report["results"].as_array().expect("results").iter())
        .map(|m| (m["threads"].as_u64(), m["tile_skipping"].as_bool()))
        .collect();
    assert_eq!(
        runs,
        [
            (Some(1), Some(true)),
            (Some(2), Some(true)),
            (Some(1), Some(false)),
            (Some(2), Some(false)),
        ]
    );
    assert_eq!(report["engines_agree"], true);
    let table = stdout(&run(&args));
    let every: Vec<_> = (table.lines())
        .filter(|line| line.starts_with("compiled (every tile)"))
        .collect();
    assert_eq!(every.len(), 2, "{table}");
    // Stepping every tile already, there is nothing to compare.
    let both = run(&[&args[..], &["--no-tile-skipping"]].concat());
    assert!(!both.status.success());
    assert!(
        stderr(&both).contains("cannot be used with"),
        "{}",
        stderr(&both)
    );
}

#[test]
fn bench_side_by_side_times_one_thread_runs_at_once() {
    let args = [
        "bench",
        "--size",
        "64x96",
        "--gens",
        "7",
        "--repeat",
        "2",
        "--threads",
        "1,2",
        "--engine",
        "compiled",
        "--side-by-side",
    ];
    let report = bench_report(&args);
    let results = report["results"].as_array().expect("results");
    let runs: Vec<_> = results
        .iter()
        .map(|m| (m["threads"].as_u64(), m["copies"].as_u64()))
        .collect();
    assert_eq!(
        runs,
        [(Some(1), Some(1)), (Some(2), Some(1)), (Some(1), Some(2))]
    );
    // The two copies' cell-updates both count.
    for (m, copies) in results.iter().zip([1.0, 1.0, 2.0]) {
        let seconds = m["seconds"].as_f64().expect("seconds");
        let expected = copies * (64 * 96 * 7) as f64 / seconds;
        let speed = m["cell_updates_per_second"].as_f64().expect("speed");
        assert!((speed - expected).abs() <= 1e-9 * expected, "{m}");
    }
    assert_eq!(report["engines_agree"], true);

    let table = stdout(&run(&args));
    let row = table
        .lines()
        .find(|line| line.starts_with("compiled") && line.contains("2×1"));
    assert!(row.is_some(), "no side-by-side row in\n{table}");
    assert!(table.contains("N×1: N one-thread runs at once"), "{table}");
    let plain = stdout(&run(&args[..args.len() - 1]));
    assert!(
        !plain.contains('×'),
        "side by side only when asked:\n{plain}"
    );
}

#[test]
fn skipping_tiles_or_not_prints_the_same_grid() {
    let glider = corpus("hand-glider-5x9.rle");
    let args = [
        "run", &glider, "--size", "100x300", "--gens", "700", "--engine", "compiled",
    ];
    let skipping = run(&args);
    let mut all_tiles = args.to_vec();
    all_tiles.push("--no-tile-skipping");
    let stepping_all = run(&all_tiles);
    assert!(skipping.status.success(), "{}", stderr(&skipping));
    assert!(stepping_all.status.success(), "{}", stderr(&stepping_all));
    assert_eq!(stdout(&skipping), stdout(&stepping_all));
    assert_eq!(stdout(&skipping).matches('*').count(), 5);
}
