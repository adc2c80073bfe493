//! Macrocell and gzip files through the binary, on files of Golly's
//! collection (`tests/fixtures/macrocell/`, copied unchanged):
//!
//! * `roth.mc` (HashLife/Eventful), whose cells lie away from the origin;
//!   `roth.golly.rle` is what bgolly 5.0 writes for it
//!   (`bgolly -a HashLife -m 0 -o roth.golly.rle roth.mc`), without a
//!   position, and the positions below are what bgolly's `edges` and
//!   `get X Y` commands report after `load roth.mc`;
//! * `fangtian-p72-lepagun.mc.gz` (HashLife/Metacell), 16 KB compressed
//!   and 283,094,972 cells: more than corolife lists one by one, so what
//!   it says of it comes from the tree. Its population and box are
//!   bgolly's.

use std::path::PathBuf;
use std::process::Output;

use corolife::format::{self, Format};
use corolife::{Cell, Pattern};

use crate::util::{TempDir, run};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/macrocell")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Asserts success with nothing on stderr and returns stdout.
fn ok(args: &[&str]) -> String {
    let output = run(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{args:?}: {stderr}");
    assert_eq!(stderr, "", "{args:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Asserts a refusal (status 2, one `error:` line naming `needles`, no
/// stdout) and returns the message.
fn refused(output: &Output, needles: &[&str]) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(output.stdout.is_empty());
    assert!(stderr.starts_with("error: "), "{stderr}");
    for needle in needles {
        assert!(stderr.contains(needle), "{needle:?} not in {stderr}");
    }
    stderr
}

/// Golly's top-left corner of roth.mc's box (x, y), from `edges`.
const ROTH_CORNER: (i32, i32) = (-21, -25);

#[test]
fn a_golly_file_is_read_where_golly_puts_its_cells() {
    let roth = format::load(fixture("roth.mc").as_ref()).expect("valid");
    assert!(roth.macrocell().is_some() && roth.positioned);
    let golly = format::load(fixture("roth.golly.rle").as_ref()).expect("valid");
    // Golly's RLE has no position: its box starts at (0, 0).
    let (x0, y0) = ROTH_CORNER;
    let moved: Vec<Cell> = golly
        .cells()
        .iter()
        .map(|c| Cell {
            y: c.y + y0,
            x: c.x + x0,
            ..*c
        })
        .collect();
    assert_eq!(roth.cells(), moved);
    assert_eq!(roth.population(), 216);
    let bounds = roth.bounding_box().expect("alive");
    assert_eq!(
        (bounds.left, bounds.top, bounds.right, bounds.bottom),
        (-21, -25, 28, 24)
    );
    // `get X Y` in bgolly: alive at (0, 0), (3, -6), (-13, -25), (-13, -24);
    // empty at (-21, -25) and (28, 24).
    for ((x, y), alive) in [
        ((0, 0), true),
        ((3, -6), true),
        ((-13, -25), true),
        ((-13, -24), true),
        ((-21, -25), false),
        ((28, 24), false),
    ] {
        let found = roth.cells().iter().any(|c| (c.x, c.y) == (x, y));
        assert_eq!(found, alive, "x = {x}, y = {y}");
    }
    assert!(roth.comments[0].starts_with("Roth generator"));
}

#[test]
fn convert_writes_a_small_macrocell_file_as_rle_and_back() {
    let dir = TempDir::new("mc-convert");
    let rle = dir.join("roth.rle");
    ok(&[
        "convert",
        &fixture("roth.mc"),
        "-o",
        rle.to_str().expect("UTF-8"),
    ]);
    let text = std::fs::read_to_string(&rle).expect("written");
    assert!(
        text.starts_with("#CXRLE Pos=-21,-25\n#C Roth generator\n"),
        "{text}"
    );
    let roth = format::load(fixture("roth.mc").as_ref()).expect("valid");
    assert_eq!(format::load(&rle).expect("valid").cells(), roth.cells());

    // Back to macrocell, by extension and by --to, plain and compressed.
    for (name, to) in [("a.mc", None), ("b.mc.gz", None), ("c.out", Some("mc"))] {
        let out = dir.join(name);
        let mut args = vec!["convert", rle.to_str().expect("UTF-8"), "-o"];
        args.push(out.to_str().expect("UTF-8"));
        if let Some(to) = to {
            args.extend(["--to", to]);
        }
        ok(&args);
        let bytes = std::fs::read(&out).expect("written");
        assert_eq!(
            bytes.starts_with(&[0x1f, 0x8b]),
            name.ends_with(".gz"),
            "{name}"
        );
        let read = format::load(&out).expect("valid");
        assert!(read.macrocell().is_some(), "{name}");
        assert_eq!(read.cells(), roth.cells(), "{name}");
        assert_eq!(read.comments, roth.comments, "{name}");
    }
    // Golly's own file comes back node for node, but for the header.
    let golly = std::fs::read_to_string(fixture("roth.mc")).expect("fixture");
    let ours = ok(&["convert", &fixture("roth.mc"), "--to", "mc"]);
    let nodes = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with('['))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(nodes(&ours), nodes(&golly));
    assert!(ours.starts_with("[M2] (corolife "), "{ours}");
}

#[test]
fn info_measures_a_huge_compressed_file_on_its_tree() {
    let report = ok(&["info", &fixture("fangtian-p72-lepagun.mc.gz")]);
    assert!(
        report.contains(
            "rule        B3-jknr4ity5ijk6i8/S23-a4city6c7c\n\
             box         655360 × 983040 (width × height)\n\
             population  283094972\n\
             comments    fangtian-p72-lepagun.mc.gz\n"
        ),
        "{report}"
    );
}

#[test]
fn info_gives_the_generation_a_file_is_at() {
    let dir = TempDir::new("mc-info");
    let path = dir.join("later.mc");
    std::fs::write(
        &path,
        "[M2]\n#R B3/S23\n#G 1099511627776\n.*$..*$***$\n4 0 0 0 1\n",
    )
    .expect("written");
    let report = ok(&["info", path.to_str().expect("UTF-8")]);
    assert!(
        report.contains(
            "box         3 × 3 (width × height)\n\
             population  5\n\
             generation  1099511627776\n"
        ),
        "{report}"
    );
    // Without a generation, no line, as for every other file.
    assert!(!ok(&["info", &fixture("roth.mc")]).contains("generation"));
}

#[test]
fn a_file_too_large_to_list_is_written_as_macrocell_only() {
    let huge = fixture("fangtian-p72-lepagun.mc.gz");
    let message = refused(
        &run(&["convert", &huge, "--to", "rle"]),
        &[
            "fangtian-p72-lepagun.mc.gz",
            "283094972 cells",
            "--output mc",
        ],
    );
    assert_eq!(message.lines().count(), 1, "{message}");
    let dir = TempDir::new("mc-huge");
    let out = dir.join("copy.mc.gz");
    ok(&["convert", &huge, "-o", out.to_str().expect("UTF-8")]);
    let report = ok(&["info", out.to_str().expect("UTF-8")]);
    assert!(report.contains("population  283094972\n"), "{report}");
    assert!(
        report.contains("box         655360 × 983040 (width × height)\n"),
        "{report}"
    );
    // Running it needs an engine that takes the tree whole.
    refused(
        &run(&[
            "run",
            &huge,
            "--gens",
            "1",
            "--engine",
            "sequential",
            "--size",
            "8x8",
        ]),
        &["283094972 cells"],
    );
}

#[test]
fn broken_files_are_refused_with_line_and_reason() {
    let dir = TempDir::new("mc-bad");
    for (name, bytes, needles) in [
        (
            "child.mc",
            &b"[M2]\n*$\n4 0 2 0 0\n"[..],
            &["child.mc", "line 3, column 5", "there is no node 2"][..],
        ),
        (
            "level.mc",
            b"[M2]\n*$\n5 1 0 0 0\n",
            &["line 3, column 3", "node 1 is of level 3"],
        ),
        (
            "huge.mc",
            b"[M2]\n64 0 0 0 0\n",
            &["line 2, column 1", "level 64 is outside 1 to 63"],
        ),
        (
            "cut.mc",
            b"[M2]\n*$\n4 1 0 0 0\n5 2 0 0 2\n*$\n",
            &["line 5", "ends before its root"],
        ),
        (
            "cut.mc.gz",
            &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x8b],
            &["cut.mc.gz", "gzip-compressed data cannot be read"],
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("written");
        let message = refused(&run(&["info", path.to_str().expect("UTF-8")]), needles);
        assert!(!message.contains("UTF-8"), "{message}");
    }
}

#[test]
fn compressed_files_of_every_format_are_read_by_content() {
    let dir = TempDir::new("mc-gzip");
    let glider = corolife::library::pattern("glider").expect("built in");
    for format in Format::ALL.into_iter().filter(|f| f.is_writable()) {
        // A misleading name: the content decides.
        let path = dir.join(&format!("glider-{format}.data"));
        let text = format.write(&glider).expect("two states");
        format::write_file(&dir.join("x.gz"), text.as_bytes()).expect("written");
        std::fs::rename(dir.join("x.gz"), &path).expect("renamed");
        let report = ok(&["info", path.to_str().expect("UTF-8")]);
        assert!(report.contains("population  5\n"), "{format}: {report}");
        let read: Pattern = format::load(&path).expect("valid");
        assert_eq!(read.population(), 5, "{format}");
    }
}
