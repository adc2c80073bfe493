//! `corolife run` on the unbounded plane and on Golly's bounded grids:
//! against Golly 5.0's results for files of its own collection, against
//! known facts, and engine against engine.

use std::collections::BTreeSet;
use std::path::PathBuf;

use corolife::{Pattern, format};

use crate::util::{TempDir, run};

/// A fixture copied from Golly's collection, with Golly 5.0's result.
fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/plane")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Runs `corolife args`, which must succeed quietly, and returns stdout.
fn ok(args: &[&str]) -> String {
    let output = run(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{args:?}: {stderr}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The cells of an RLE text, states included, moved so that their box
/// starts at (0, 0).
fn shape(rle: &str) -> BTreeSet<(i64, i64, u8)> {
    let pattern: Pattern = format::parse(rle, None).expect("RLE");
    let Some(bounds) = pattern.bounding_box() else {
        return BTreeSet::new();
    };
    pattern
        .cells()
        .iter()
        .map(|c| {
            (
                i64::from(c.y) - i64::from(bounds.top),
                i64::from(c.x) - i64::from(bounds.left),
                c.state.value(),
            )
        })
        .collect()
}

/// Files of Golly's collection run on the plane give Golly's cells (up to
/// where the box is), with every engine.
#[test]
fn golly_files_run_as_golly_runs_them() {
    let cases = [
        ("Life-Methuselahs-blom.rle", 100),
        ("Life-Like-b3578s23-failed-2d-replicator.rle", 100),
        ("Non-Totalistic-Oscillators-two-cell-p195.rle", 100),
        ("Non-Totalistic-Replicators-triangular-replicator.rle", 100),
        ("Generations-burst.rle", 500),
    ];
    for (name, gens) in cases {
        let expected = std::fs::read_to_string(fixture(&format!("{name}.{gens}.expect.rle")))
            .expect("fixture");
        let expected = shape(&expected);
        assert!(!expected.is_empty());
        for engine in ["auto", "sequential", "bands", "compiled"] {
            let got = ok(&[
                "run",
                &fixture(name),
                "--gens",
                &gens.to_string(),
                "--output",
                "rle",
                "--engine",
                engine,
            ]);
            assert!(
                shape(&got) == expected,
                "{name} --gens {gens} --engine {engine}"
            );
        }
    }
}

/// Acorn settles with 633 cells (LifeWiki), which it cannot do on a torus
/// of its box and a margin.
#[test]
fn acorn_settles_with_633_cells() {
    let rle = ok(&["run", "acorn", "--gens", "5206", "--output", "rle"]);
    let pattern = format::parse(&rle, None).expect("RLE");
    assert_eq!(pattern.population(), 633);
    assert_eq!(pattern.generation, 5206);
    assert!(pattern.positioned);
}

/// A glider a million generations on is a glider a quarter of a million
/// cells down and right, and the text output is its box alone.
#[test]
fn a_glider_travels_a_quarter_million_cells() {
    let rle = ok(&["run", "glider", "--gens", "1000000", "--output", "rle"]);
    let pattern = format::parse(&rle, None).expect("RLE");
    let start = format::parse(&ok(&["run", "glider", "--output", "rle"]), None).expect("RLE");
    let moved: Vec<_> = pattern
        .cells()
        .iter()
        .map(|c| (c.y - 250_000, c.x - 250_000))
        .collect();
    let at_start: Vec<_> = start.cells().iter().map(|c| (c.y, c.x)).collect();
    assert_eq!(moved, at_start);
    assert_eq!(
        ok(&["run", "glider", "--gens", "1000000"]),
        ok(&["run", "glider"])
    );
}

/// A file written on the plane carries its position and generation, and
/// running it on goes on from there: 60 and then 40 generations are 100.
#[test]
fn output_continues_where_it_stopped() {
    let dir = TempDir::new("plane-continue");
    let half = dir.join("half.rle");
    let half = half.to_str().expect("UTF-8");
    ok(&[
        "run",
        "r-pentomino",
        "--gens",
        "60",
        "--output",
        "rle",
        "-o",
        half,
    ]);
    let written = std::fs::read_to_string(half).expect("written");
    assert!(written.starts_with("#CXRLE Pos="), "{written}");
    assert!(
        written
            .lines()
            .next()
            .is_some_and(|l| l.ends_with(" Gen=60"))
    );
    let on = ok(&["run", half, "--gens", "40", "--output", "rle"]);
    let whole = ok(&["run", "r-pentomino", "--gens", "100", "--output", "rle"]);
    let cells = |text: &str| format::parse(text, None).expect("RLE").cells().to_vec();
    assert_eq!(cells(&on), cells(&whole));
    assert!(on.starts_with(whole.lines().next().expect("a first line")));
}

/// Text on the plane is the live cells' box; a pattern that dies prints
/// nothing; `--size` keeps the torus and its text.
#[test]
fn text_on_the_plane_is_the_live_box() {
    assert_eq!(ok(&["run", "blinker", "--gens", "1"]), "*\n*\n*\n");
    let dying = "x = 2, y = 1\n2o!";
    let output = crate::util::run_with_stdin(&["run", "-", "--gens", "1"], dying.as_bytes());
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    assert_eq!(
        ok(&["run", "blinker", "--gens", "1", "--size", "3x5"]),
        "--*--\n--*--\n--*--\n"
    );
}

/// Every engine agrees with every other on soups of every rule family.
#[test]
fn engines_agree_on_the_plane() {
    let soup = "x = 12, y = 10\n\
                obo2b3obo$3o2bob2obo$b2ob2o2b2o$o3bobo2b2o$2obob3obo$\
                bob2ob2obo$3o3bo2bo$ob4ob2obo$2b3o2b3o$obo2bob2o!";
    for rule in [
        "B3/S23",
        "B36/S23",
        "B2-a/S12",
        "/2/3",
        "B2/S13V",
        "R2,C0,S2-3,B3,NN",
    ] {
        let outputs: Vec<String> = ["sequential", "bands", "compiled"]
            .iter()
            .map(|engine| {
                let args = [
                    "run", "-", "--gens", "30", "--rule", rule, "--engine", engine, "--output",
                    "rle",
                ];
                let output = crate::util::run_with_stdin(&args, soup.as_bytes());
                assert!(output.status.success(), "{rule} {engine}");
                String::from_utf8(output.stdout).expect("UTF-8")
            })
            .collect();
        assert_eq!(outputs[0], outputs[1], "{rule}: sequential and bands");
        assert_eq!(outputs[0], outputs[2], "{rule}: sequential and compiled");
    }
}

/// `info` classifies on the plane, where a methuselah has room.
#[test]
fn info_follows_a_methuselah_on_the_plane() {
    let report = ok(&["info", "r-pentomino", "--gens", "1200"]);
    assert!(
        report.contains("behaviour   settles at generation 1103 into period 2, 116 cells"),
        "{report}"
    );
}
