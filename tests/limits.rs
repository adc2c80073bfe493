//! Limits on memory, work and output: hostile sizes end in one clean
//! `error:` line (or the right result), never in an abort, a hang or
//! gigabytes of text.
//!
//! Where memory is the point, the binary runs under an address-space limit
//! (`ulimit -v` in `sh`), so a buffer kept or allocated beyond the budget
//! would end the run with a signal instead of passing by luck on a large
//! machine. Without `sh` and `ulimit` those tests say so and pass.

use std::fs::File;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::util::{TempDir, assert_refused, corolife, run, run_with_stdin};

/// Runs corolife with `args` under an address-space limit of `kib` KiB,
/// stdout to `/dev/null` unless `keep` is set; `None` where the platform
/// cannot limit it.
fn limited(kib: u64, args: &[&str], keep: bool) -> Option<Output> {
    let probe = Command::new("sh").args(["-c", "ulimit -v 100000"]).status();
    if !probe.is_ok_and(|status| status.success()) {
        eprintln!("skipped: no sh with ulimit -v here");
        return None;
    }
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("ulimit -v {kib} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_corolife"))
        .args(args)
        .stderr(Stdio::piped());
    if keep {
        command.stdout(Stdio::piped());
    } else {
        command.stdout(File::create("/dev/null").expect("/dev/null"));
    }
    Some(command.output().expect("sh starts"))
}

/// Asserts a clean run or a clean refusal: exit status 0, or 2 with one
/// `error:` line; never a signal or a panic.
fn assert_clean(output: &Output, what: &str) {
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains("panicked"), "{what}: {err}");
    match output.status.code() {
        Some(0) => {}
        Some(2) => {
            assert!(err.starts_with("error: "), "{what}: {err}");
            assert_eq!(err.lines().count(), 1, "{what}: one line: {err}");
        }
        other => panic!("{what}: ended with {other:?} ({:?}): {err}", output.status),
    }
}

/// The file of the finding: two cells 45000 rows and columns apart.
fn far_apart(dir: &TempDir) -> String {
    let path = dir.join("far.lif");
    std::fs::write(&path, "#Life 1.06\n0 0\n45000 45000\n").expect("write");
    path.to_string_lossy().into_owned()
}

#[test]
fn two_cells_far_apart_run_or_are_refused_under_a_4_gb_limit() {
    let dir = TempDir::new("limits-far");
    let far = far_apart(&dir);
    let png = dir.join("far.png").to_string_lossy().into_owned();
    let cases: [&[&str]; 8] = [
        &["info", &far, "--gens", "1"],
        &["run", &far, "--gens", "1"],
        &["run", &far],
        &["run", &far, "--every", "1", "--gens", "2"],
        &["run", &far, "--columns", "--gens", "2"],
        &["run", &far, "--size", "45001x45001", "--engine", "bands"],
        &["convert", &far, "--to", "cells"],
        &["render", &far, "-o", &png],
    ];
    for args in cases {
        let Some(output) = limited(4_000_000, args, false) else {
            return;
        };
        assert_clean(&output, &args.join(" "));
    }
    // Generation 1 is empty; printing generation 0 would be 1.9 GiB.
    let output = limited(4_000_000, &["info", &far, "--gens", "1"], true).expect("ran above");
    assert_eq!(output.status.code(), Some(0));
    let output = limited(4_000_000, &["run", &far], true).expect("ran above");
    assert_refused(&output, &["45001x45001", "--force"]);
}

#[test]
fn every_generation_of_a_large_torus_streams_in_bounded_memory() {
    // 5000 generations of a 1000x1000 torus are 5 GB kept, far over 1 GB.
    let args = [
        "run",
        "glider",
        "--size",
        "1000x1000",
        "--gens",
        "5000",
        "--every",
        "1",
    ];
    let Some(output) = limited(1_000_000, &args, false) else {
        return;
    };
    assert_clean(&output, "--every 1");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
}

#[test]
fn every_prints_each_generation_as_before() {
    let torus = run(&[
        "run", "glider", "--size", "5x9", "--every", "2", "--gens", "3",
    ]);
    assert!(torus.status.success());
    let text = String::from_utf8_lossy(&torus.stdout);
    // Generations 0, 2 and 3, blank lines between.
    assert_eq!(text.split("\n\n").count(), 3, "{text}");
    assert!(
        text.split("\n\n")
            .all(|grid| grid.trim_end().lines().count() == 5)
    );
    // On the plane every generation covers the same rectangle.
    let plane = run(&["run", "glider", "--every", "4", "--gens", "8"]);
    let text = String::from_utf8_lossy(&plane.stdout);
    let grids: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(grids.len(), 3, "{text}");
    assert!(
        grids
            .iter()
            .all(|grid| grid.trim_end().lines().all(|line| line.len() == 5)),
        "{text}"
    );
    assert_eq!(grids[0].trim_end().lines().count(), 5);
}

#[test]
fn a_torus_over_the_address_space_limit_is_refused() {
    let args = [
        "run",
        "glider",
        "--size",
        "45000x45000",
        "--engine",
        "bands",
        "--gens",
        "1",
    ];
    let Some(output) = limited(2_000_000, &args, true) else {
        return;
    };
    assert_refused(&output, &["45000x45000", "3.8 GiB", "ulimit -v"]);
}

#[test]
fn max_memory_bounds_grids_and_kept_generations() {
    let small = |args: &[&str]| run(&[&["--max-memory", "64M"], args].concat());
    assert_refused(
        &small(&["run", "glider", "--size", "8000x8000"]),
        &["8000x8000", "--max-memory allows 64.0 MiB"],
    );
    // After the subcommand too.
    assert_refused(
        &run(&["run", "glider", "--size", "8000x8000", "--max-memory", "64"]),
        &["--max-memory allows 64.0 MiB"],
    );
    // --columns keeps every generation it shows.
    assert_refused(
        &small(&[
            "run",
            "glider",
            "--size",
            "1000x1000",
            "--gens",
            "100",
            "--columns",
        ]),
        &["101 generations", "--max-memory allows 64.0 MiB"],
    );
    let fits = small(&["run", "glider", "--size", "1000x1000", "--gens", "4"]);
    assert!(fits.status.success());
    assert_eq!(fits.stdout.len(), 1000 * 1001);
    for bad in ["lots", "0", "-1G", "99999999T"] {
        let option = format!("--max-memory={bad}");
        assert_refused(&run(&[&option, "list"]), &["--max-memory"]);
    }
}

#[test]
fn an_endless_standard_input_is_refused_at_the_input_limit() {
    let started = Instant::now();
    let output = corolife()
        .args(["info", "-"])
        .stdin(File::open("/dev/zero").expect("/dev/zero"))
        .output()
        .expect("corolife starts");
    assert_refused(&output, &["<stdin>", "256.0 MiB", "--max-input"]);
    assert!(started.elapsed() < Duration::from_secs(20));
    // A smaller limit, for stdin and for files.
    let dir = TempDir::new("limits-input");
    let file = dir.join("big.cells");
    std::fs::write(&file, ".O\n".repeat(1000)).expect("write");
    let file = file.to_string_lossy().into_owned();
    assert_refused(
        &run(&["info", &file, "--max-input", "1K"]),
        &["big.cells", "1.0 KiB", "--max-input"],
    );
    assert_refused(
        &run_with_stdin(
            &["--max-input", "1K", "info", "-"],
            ".O\n".repeat(1000).as_bytes(),
        ),
        &["<stdin>", "1.0 KiB"],
    );
    assert!(run(&["info", &file]).status.success());
}

#[test]
fn too_many_threads_fail_at_once_with_one_line() {
    let started = Instant::now();
    let output = run(&["run", "glider", "--threads", "100000", "--engine", "bands"]);
    assert_refused(&output, &["100000 threads", "at most", "cores"]);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_refused(
        &run(&["bench", "--threads", "1,100000"]),
        &["100000 threads", "at most"],
    );
    let max = corolife::engine::max_threads().to_string();
    let at_most = run(&[
        "run",
        "glider",
        "--size",
        "8x8",
        "--threads",
        &max,
        "--engine",
        "bands",
    ]);
    assert!(at_most.status.success(), "{at_most:?}");
}

#[test]
fn a_tiny_file_of_a_huge_box_is_not_printed_without_force() {
    let dir = TempDir::new("limits-wide");
    let wide = dir.join("wide.rle");
    std::fs::write(&wide, "o150000000$o!").expect("write");
    let wide = wide.to_string_lossy().into_owned();
    assert_refused(
        &run(&["run", &wide]),
        &["150000001x1 grid", "286.1 MiB", "128.0 MiB", "--force"],
    );
    assert_refused(
        &run(&["run", &wide, "--output", "cells"]),
        &["cells file", "--force"],
    );
    assert_refused(
        &run(&["convert", &wide, "--to", "cells"]),
        &["cells file", "--force"],
    );
    assert_refused(
        &run(&["run", &wide, "--columns", "--gens", "1"]),
        &["--force"],
    );
    // Compact formats are as small as the input.
    let rle = run(&["convert", &wide]);
    assert!(rle.status.success());
    assert!(rle.stdout.len() < 200);
    // Asked for, it is printed.
    let out = dir.join("wide.txt");
    let forced = run(&["run", &wide, "--force", "-o", &out.to_string_lossy()]);
    assert!(forced.status.success(), "{forced:?}");
    let written = std::fs::metadata(&out).expect("written").len();
    assert_eq!(written, 150_000_001 * 2);
}

#[test]
fn an_endless_gif_is_refused() {
    let dir = TempDir::new("limits-gif");
    let gif = dir.join("endless.gif").to_string_lossy().into_owned();
    let started = Instant::now();
    let output = run(&[
        "render",
        "glider",
        "-o",
        &gif,
        "--gens",
        "1000000000000000000",
    ]);
    assert_refused(&output, &["frames", "100000", "--every"]);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(dir.names().is_empty());
}

#[test]
fn a_huge_plane_pattern_is_refused_as_text_or_cells_but_written_as_mc() {
    // Gosper's puffer train at 2^30 has 3.4e9 cells in a box of 4e17:
    // listing them would exhaust memory, printing them any disk.
    let args = |output: &'static str| ["run", "puffer-train", "--gens", "2^30", "--output", output];
    for output in ["text", "rle", "life106"] {
        let Some(result) = limited(4 << 20, &args(output), true) else {
            return;
        };
        assert_refused(&result, &["--output mc"]);
    }
    let mc = run(&args("mc"));
    assert!(mc.status.success(), "{mc:?}");
    assert!(mc.stdout.starts_with(b"[M2]"));
}
