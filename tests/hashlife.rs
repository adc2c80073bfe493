//! `corolife run --engine hashlife`: the same cells as the compiled
//! engine, HashLife-sized generation counts, and what it refuses.

use crate::util::run;

/// Runs `corolife args`, which must succeed, and returns stdout and stderr.
fn ok(args: &[&str]) -> (String, String) {
    let output = run(args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{args:?}: {stderr}");
    (String::from_utf8(output.stdout).expect("UTF-8"), stderr)
}

/// Runs `corolife args`, which must fail, and returns its stderr.
fn fails(args: &[&str]) -> String {
    let output = run(args);
    assert!(!output.status.success(), "{args:?} succeeded");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn hashlife_prints_what_the_compiled_engine_prints() {
    for (pattern, gens) in [
        ("r-pentomino", "1103"),
        ("acorn", "5206"),
        ("gosper-gun", "1000"),
        ("puffer-train", "777"),
        ("glider", "2^20"),
    ] {
        let run = |engine| {
            ok(&[
                "run", pattern, "--gens", gens, "--engine", engine, "--output", "rle",
            ])
            .0
        };
        let hashlife = run("hashlife");
        assert!(hashlife.contains("#CXRLE Pos="), "{hashlife}");
        assert_eq!(hashlife, run("compiled"), "{pattern} after {gens}");
    }
}

#[test]
fn auto_runs_long_runs_on_hashlife() {
    let engine = |gens: &str| {
        let (_, stderr) = ok(&[
            "run",
            "puffer-train",
            "--gens",
            gens,
            "-v",
            "--output",
            "rle",
        ]);
        stderr
    };
    assert!(engine("100").contains(" by compiled "), "{}", engine("100"));
    assert!(
        engine("2^13").contains(" by hashlife "),
        "{}",
        engine("2^13")
    );
    let verbose = engine("2^13");
    assert!(
        verbose.contains("hashlife: ") && verbose.contains(" nodes in "),
        "{verbose}"
    );
}

#[test]
fn generation_counts_take_powers() {
    let plain = ok(&["run", "r-pentomino", "--gens", "1000"]).0;
    assert_eq!(ok(&["run", "r-pentomino", "--gens", "1e3"]).0, plain);
    let power = ok(&["run", "r-pentomino", "--gens", "1024"]).0;
    assert_eq!(ok(&["run", "r-pentomino", "--gens", "2^10"]).0, power);
    let error = fails(&["run", "glider", "--gens", "2^64"]);
    assert!(error.contains("up to 2^64 - 1"), "{error}");
}

#[test]
fn cells_beyond_32_bit_coordinates_point_to_macrocell_output() {
    let error = fails(&["run", "glider", "--gens", "2^40", "--output", "rle"]);
    assert!(error.contains("--output mc"), "{error}");
    assert!(error.contains("x = 274877906944"), "{error}");
}

#[test]
fn b0_with_smax_runs_on_hashlife_as_golly_runs_it() {
    // Golly runs B0/S8 as its complement rule, B12345678/S01234567.
    let b0 = ok(&[
        "run", "glider", "--rule", "B0/S8", "--gens", "9", "--output", "rle",
    ])
    .0;
    let complement = ok(&[
        "run",
        "glider",
        "--rule",
        "B12345678/S01234567",
        "--gens",
        "9",
        "--output",
        "rle",
    ])
    .0;
    let body = |rle: &str| {
        rle.lines()
            .filter(|l| !l.starts_with(['#', 'x']))
            .collect::<String>()
    };
    assert_eq!(body(&b0), body(&complement));
    let error = fails(&[
        "run", "glider", "--rule", "B0/S8", "--engine", "compiled", "--gens", "9",
    ]);
    assert!(error.contains("B0"), "{error}");
}

#[test]
fn hashlife_off_the_plane_says_the_compiled_engine_runs_instead() {
    let torus = |engine| {
        ok(&[
            "run", "glider", "--size", "10x10", "--gens", "30", "--engine", engine,
        ])
    };
    let (cells, note) = torus("hashlife");
    assert!(
        note.contains("hashlife runs on the unbounded plane"),
        "{note}"
    );
    assert_eq!(cells, torus("compiled").0);
    let (_, note) = ok(&[
        "run", "glider", "--rule", "/2/3", "--gens", "3", "--engine", "hashlife",
    ]);
    assert!(note.contains("has 3 states"), "{note}");
}
