//! `corolife convert` and `corolife run --output`: pattern files out.

use std::process::Output;

use corolife::format::{self, Format};

use crate::util::{
    TempDir, assert_refused, corpus, pattern_files, patterns_dir, run, run_with_stdin,
};

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts success and returns stdout.
fn success(output: &Output) -> String {
    assert!(output.status.success(), "stderr: {}", stderr(output));
    assert_eq!(stderr(output), "");
    stdout(output)
}

/// `corolife convert` with `input` piped to standard input.
fn convert_stdin(args: &[&str], input: &str) -> Output {
    let args: Vec<&str> = std::iter::once("convert")
        .chain(args.iter().copied())
        .collect();
    run_with_stdin(&args, input.as_bytes())
}

const BLINKER_RLE: &str = "#N Blinker\nx = 3, y = 1, rule = B3/S23\n3o!\n";

#[test]
fn convert_writes_rle_to_standard_output_by_default() {
    let blinker = corpus("hand-blinker-odd.cells");
    assert_eq!(success(&run(&["convert", &blinker])), BLINKER_RLE);
    assert_eq!(
        success(&run(&["convert", &blinker, "-o", "-"])),
        BLINKER_RLE
    );
    assert_eq!(
        success(&run(&["convert", &blinker, "--to", "life106"])),
        "#Life 1.06\n0 0\n1 0\n2 0\n"
    );
}

#[test]
fn the_format_comes_from_to_then_the_extension_then_rle() {
    let dir = TempDir::new("convert-format");
    let blinker = corpus("hand-blinker-odd.cells");
    for (name, to, expected) in [
        ("a.cells", None, "!Name: Blinker\nOOO\n"),
        ("b.lif", None, "#Life 1.06\n0 0\n1 0\n2 0\n"),
        ("c.LIFE", None, "#Life 1.06\n0 0\n1 0\n2 0\n"),
        ("d.txt", None, "!Name: Blinker\nOOO\n"),
        ("e.pattern", None, BLINKER_RLE),
        ("f.cells", Some("rle"), BLINKER_RLE),
        ("g", Some("cells"), "!Name: Blinker\nOOO\n"),
    ] {
        let out = dir.join(name);
        let out = out.to_string_lossy();
        let mut args = vec!["convert", &blinker, "-o", &out];
        args.extend(to.iter().flat_map(|to| ["--to", to]));
        assert_eq!(success(&run(&args)), "", "nothing on stdout");
        let written = std::fs::read_to_string(&*out).expect("written");
        assert_eq!(written, expected, "{name}");
    }
}

#[test]
fn standard_input_and_built_in_names_are_converted() {
    let output = convert_stdin(&["-", "--to", "life106"], "!Name: b\nOOO\n");
    assert_eq!(success(&output), "#Life 1.06\n0 0\n1 0\n2 0\n");
    let glider = success(&run(&["convert", "glider", "--to", "cells"]));
    assert!(glider.starts_with("!Name: Glider\n"), "{glider}");
    assert!(glider.ends_with("\n.O\n..O\nOOO\n"), "{glider}");
}

/// Every built-in pattern goes through `convert` to each writable format
/// and back to RLE with the same cells.
#[test]
fn every_built_in_pattern_survives_convert_to_each_format_and_back() {
    let dir = TempDir::new("convert-patterns");
    let files = pattern_files(&patterns_dir());
    assert!(!files.is_empty());
    for file in &files {
        let original = format::load(file).expect("built-in patterns read");
        let input = file.to_string_lossy();
        // Dying states of Generations rules: only RLE holds them.
        let multi_state = original.cells().iter().any(|c| c.state.value() > 1);
        for format in [Format::Rle, Format::Plaintext, Format::Life106] {
            let there = dir.join(&format!("there.{}", format.extension()));
            let back = dir.join("back.rle");
            let (there_arg, back_arg) = (there.to_string_lossy(), back.to_string_lossy());
            if multi_state && format != Format::Rle {
                assert_refused(&run(&["convert", &input, "-o", &there_arg]), &["state"]);
                continue;
            }
            success(&run(&["convert", &input, "-o", &there_arg]));
            success(&run(&["convert", &there_arg, "-o", &back_arg]));
            let there = format::load(&there).expect("converted file reads");
            let back = format::load(&back).expect("converted back");
            let expected = match format {
                Format::Plaintext => original.normalized(),
                _ => original.clone(),
            };
            assert_eq!(there.cells(), expected.cells(), "{input} as {format}");
            assert_eq!(back.cells(), expected.cells(), "{input} via {format}");
            if format != Format::Life106 {
                assert_eq!(back.name, original.name, "{input} via {format}");
                assert_eq!(back.comments, original.comments, "{input} via {format}");
            }
        }
    }
}

#[test]
fn an_existing_file_is_replaced_whole_or_left_intact() {
    let dir = TempDir::new("convert-atomic");
    let out = dir.join("out.cells");
    let out_arg = out.to_string_lossy().into_owned();
    std::fs::write(&out, "old content\n").expect("write");

    // A pattern with a state plaintext cannot hold: refused, old file kept.
    let multi = dir.join("multi.rle");
    std::fs::write(&multi, "x = 2, y = 1\nAB!\n").expect("write");
    let multi_arg = multi.to_string_lossy().into_owned();
    assert_refused(
        &run(&["convert", &multi_arg, "-o", &out_arg]),
        &["multi.rle", "state 2"],
    );
    // A parse error: refused, old file kept.
    let typo = dir.join("typo.rle");
    std::fs::write(&typo, "#N typo\nx = 3, y = 3\nbo$2bz$3o!\n").expect("write");
    let typo_arg = typo.to_string_lossy().into_owned();
    assert_refused(
        &run(&["convert", &typo_arg, "-o", &out_arg]),
        &["typo.rle", "line 3, column 6", "found 'z'"],
    );
    assert_eq!(
        std::fs::read_to_string(&out).expect("read"),
        "old content\n"
    );
    assert_eq!(dir.names(), ["multi.rle", "out.cells", "typo.rle"]);

    // A good conversion replaces it, leaving no temporary file behind.
    let blinker = corpus("hand-blinker-odd.cells");
    success(&run(&["convert", &blinker, "-o", &out_arg]));
    assert_eq!(
        std::fs::read_to_string(&out).expect("read"),
        "!Name: Blinker\nOOO\n"
    );
    assert_eq!(dir.names(), ["multi.rle", "out.cells", "typo.rle"]);
}

#[test]
#[cfg(unix)]
fn a_replaced_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("convert-mode");
    let out = dir.join("out.rle");
    std::fs::write(&out, "old\n").expect("write");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let blinker = corpus("hand-blinker-odd.cells");
    success(&run(&["convert", &blinker, "-o", &out.to_string_lossy()]));
    assert_eq!(std::fs::read_to_string(&out).expect("read"), BLINKER_RLE);
    let mode = std::fs::metadata(&out).expect("stat").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[test]
fn unwritable_destinations_leave_nothing_behind() {
    let dir = TempDir::new("convert-nowhere");
    let blinker = corpus("hand-blinker-odd.cells");
    let missing = dir.join("no/such/dir/out.rle");
    assert_refused(
        &run(&["convert", &blinker, "-o", &missing.to_string_lossy()]),
        &["out.rle", "cannot write"],
    );
    std::fs::create_dir(dir.join("taken.rle")).expect("mkdir");
    assert_refused(
        &run(&[
            "convert",
            &blinker,
            "-o",
            &dir.join("taken.rle").to_string_lossy(),
        ]),
        &["taken.rle", "is a directory"],
    );
    assert_eq!(dir.names(), ["taken.rle"]);
}

#[test]
fn bad_inputs_and_formats_are_refused() {
    let blinker = corpus("hand-blinker-odd.cells");
    assert_refused(
        &run(&["convert", &blinker, "--to", "life105"]),
        &["life105", "read but not written"],
    );
    assert_refused(&run(&["convert", &blinker, "--to", "png"]), &["png"]);
    assert_refused(
        &run(&["convert", "no-such-file.rle"]),
        &["no-such-file.rle", "no such file"],
    );
    assert_refused(
        &run(&["convert", &corpus("bad/bad-coordinate.lif")]),
        &["bad-coordinate.lif", "line 3, column 3", "found 't'"],
    );
    assert_refused(
        &convert_stdin(&["-"], "#Life 1.06\n1 2 3\n"),
        &["<stdin>", "line 2, column 5"],
    );
}

/// A blinker on a 5×5 torus after one generation: vertical, in column 2,
/// rows 1 to 3.
#[test]
fn run_writes_the_last_generation_as_a_pattern_file() {
    let blinker = corpus("hand-blinker-odd.cells");
    let base = ["run", &blinker, "--size", "5x5", "--gens", "1"];
    let with = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend(extra);
        success(&run(&args))
    };
    assert_eq!(
        with(&["--output", "rle"]),
        "#CXRLE Pos=2,1 Gen=1\n#N Blinker\nx = 1, y = 3, rule = B3/S23:T5,5\no$o$o!\n"
    );
    assert_eq!(
        with(&["--output", "rle", "--rule", "23/36"]),
        "#CXRLE Pos=2,1 Gen=1\n#N Blinker\nx = 1, y = 3, rule = B36/S23:T5,5\no$o$o!\n"
    );
    assert_eq!(with(&["--output", "cells"]), "!Name: Blinker\nO\nO\nO\n");
    assert_eq!(
        with(&["--output", "life106"]),
        "#Life 1.06\n2 1\n2 2\n2 3\n"
    );
    assert_eq!(
        with(&["--output", "text"]),
        "-----\n--*--\n--*--\n--*--\n-----\n"
    );
}

#[test]
fn run_output_is_refused_with_every_or_columns_or_an_unknown_format() {
    let blinker = corpus("hand-blinker-odd.cells");
    assert_refused(
        &run(&[
            "run", &blinker, "--gens", "2", "--every", "1", "--output", "rle",
        ]),
        &["--output rle", "--every"],
    );
    assert_refused(
        &run(&["run", &blinker, "--columns", "--output", "cells"]),
        &["--output cells"],
    );
    assert_refused(
        &run(&["run", &blinker, "--output", "life105"]),
        &["life105"],
    );
}

/// The RLE that `run --output rle` writes holds the torus in its rule, so
/// running it on without `--size` continues on the same torus.
#[test]
fn run_output_can_be_run_on() {
    let dir = TempDir::new("run-on");
    let glider = corpus("hand-glider-5x9.rle");
    let halfway = success(&run(&[
        "run", &glider, "--size", "5x9", "--gens", "2", "--output", "rle",
    ]));
    assert!(halfway.contains("rule = B3/S23:T9,5\n"), "{halfway}");
    let file = dir.join("halfway.rle");
    std::fs::write(&file, &halfway).expect("write");
    let resumed = success(&run(&["run", &file.to_string_lossy(), "--gens", "2"]));
    let resumed_size = (
        resumed.lines().count(),
        resumed.lines().next().map(str::len),
    );
    assert_eq!(resumed_size, (5, Some(9)));
    let population = |text: &str| text.matches('*').count();
    assert_eq!(population(&resumed), 5);
}

#[test]
fn a_symbolic_link_stays_a_link_to_the_file_written() {
    let dir = TempDir::new("convert-link");
    let target = dir.join("real.rle");
    let link = dir.join("link.rle");
    std::fs::write(&target, "old").expect("write");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let blinker = corpus("hand-blinker-odd.cells");
    success(&run(&["convert", &blinker, "-o", &link.to_string_lossy()]));
    let meta = std::fs::symlink_metadata(&link).expect("link");
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    assert_eq!(std::fs::read_to_string(&target).expect("read"), BLINKER_RLE);
    assert_eq!(dir.names(), ["link.rle", "real.rle"]);
}

#[test]
fn a_pipe_is_written_to_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = TempDir::new("convert-fifo");
    let fifo = dir.join("pipe.rle");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read the pipe"))
    };
    let blinker = corpus("hand-blinker-odd.cells");
    success(&run(&["convert", &blinker, "-o", &fifo.to_string_lossy()]));
    // Checked before waiting for the reader, which a replaced pipe would
    // leave waiting for ever.
    let meta = std::fs::symlink_metadata(&fifo).expect("pipe");
    assert!(meta.file_type().is_fifo(), "the pipe was replaced");
    assert_eq!(reader.join().expect("reader"), BLINKER_RLE);
    assert_eq!(dir.names(), ["pipe.rle"]);
}
