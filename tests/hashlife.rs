//! `corolife run --engine hashlife`: the same cells as the compiled
//! engine, HashLife-sized generation counts, and what it refuses.

use crate::util::{TempDir, run};

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
    // A Larger than Life rule: not HashLife's, but the running sums'.
    let larger = |engine| {
        ok(&[
            "run",
            "glider",
            "--rule",
            "R2,C0,M0,S2..3,B3..3,NM",
            "--gens",
            "3",
            "--engine",
            engine,
        ])
    };
    let (cells, note) = larger("hashlife");
    assert!(note.contains("3x3 neighbourhood"), "{note}");
    assert!(note.contains("the compiled engine runs it"), "{note}");
    let (bands, _) = larger("bands");
    assert_eq!(cells, bands);
}

#[test]
fn generations_rules_run_on_hashlife_as_on_the_other_engines() {
    for rule in ["/2/3", "345/2/4", "B2/S/C3", "23/3/8"] {
        for gens in ["1", "30", "200"] {
            let run = |engine| {
                ok(&[
                    "run",
                    "brians-brain-p3",
                    "--rule",
                    rule,
                    "--gens",
                    gens,
                    "--engine",
                    engine,
                    "--output",
                    "rle",
                ])
            };
            let (hashlife, note) = run("hashlife");
            assert_eq!(note, "", "{rule}");
            assert_eq!(hashlife, run("sequential").0, "{rule} at {gens}");
        }
    }
}

/// A macrocell file from Golly's collection.
fn fixture(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hashlife")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// The value of `info`'s line `label`.
fn info_line(path: &str, label: &str) -> String {
    let (report, _) = ok(&["info", path]);
    report
        .lines()
        .find_map(|line| line.strip_prefix(label))
        .unwrap_or_else(|| panic!("no {label} in {report}"))
        .trim()
        .to_owned()
}

#[test]
fn macrocell_files_are_read_run_and_written_as_trees() {
    let dir = TempDir::new("hashlife-mc");
    let meta = fixture("metacatacryst.mc");
    // As Golly reads it: 52 cells in a box of 59739 by 14663.
    assert_eq!(info_line(&meta, "population"), "52");
    assert_eq!(info_line(&meta, "box"), "59739 × 14663 (width × height)");
    // Golly 5.0's population at generation 2^20.
    let out = dir.join("meta.mc");
    let out = out.to_str().expect("UTF-8");
    ok(&["run", &meta, "--gens", "2^20", "--output", "mc", "-o", out]);
    assert_eq!(info_line(out, "population"), "939594");
    assert_eq!(info_line(out, "generation"), "1048576");
    // Read back, it goes on from there: 2^20 more is 2^21 in one go.
    let (twice, _) = ok(&["run", out, "--gens", "2^20", "--output", "mc"]);
    let (once, _) = ok(&["run", &meta, "--gens", "2^21", "--output", "mc"]);
    assert_eq!(twice, once);
    // The compressed copy reads as the file itself.
    let copy = fixture("metacatacryst-copy.mc.gz");
    let (plain, _) = ok(&["run", &meta, "--gens", "100", "--output", "rle"]);
    assert_eq!(
        ok(&["run", &copy, "--gens", "100", "--output", "rle"]).0,
        plain
    );
}

#[test]
fn the_puffer_train_at_generation_2_to_the_40() {
    let dir = TempDir::new("hashlife-puffer");
    let out = dir.join("out.mc");
    let out = out.to_str().expect("UTF-8");
    ok(&[
        "run",
        "puffer-train",
        "--gens",
        "2^40",
        "--output",
        "mc",
        "-o",
        out,
    ]);
    // Golly 5.0's HashLife gives the same.
    assert_eq!(info_line(out, "population"), "3455607973901");
    assert_eq!(info_line(out, "name"), "Puffer train");
}

#[test]
fn convert_writes_macrocell_and_gzip_by_the_name() {
    let dir = TempDir::new("hashlife-convert");
    let gz = dir.join("gun.mc.gz");
    let gz = gz.to_str().expect("UTF-8");
    ok(&["convert", "gosper-gun", "-o", gz]);
    let bytes = std::fs::read(gz).expect("written");
    assert_eq!(bytes[..2], [0x1f, 0x8b], "gzip-compressed");
    assert_eq!(info_line(gz, "population"), "36");
    let back = ok(&["convert", gz, "--to", "rle"]).0;
    let original = ok(&["run", "gosper-gun", "--output", "rle"]).0;
    let body = |rle: &str| {
        rle.lines()
            .skip_while(|l| !l.starts_with("x ="))
            .collect::<String>()
    };
    assert_eq!(body(&back), body(&original));
    // A broken stream is an error naming the file, with nothing written.
    let broken = dir.join("broken.rle.gz");
    std::fs::write(&broken, &bytes[..bytes.len() / 2]).expect("written");
    let broken = broken.to_str().expect("UTF-8");
    let error = fails(&["convert", broken, "-o", "never.rle"]);
    assert!(
        error.contains("broken.rle.gz") && error.contains("gzip"),
        "{error}"
    );
}

#[test]
fn a_tree_too_big_for_cells_is_written_as_macrocell_only() {
    let dir = TempDir::new("hashlife-huge");
    let mut text = String::from("[M2]\n*$\n");
    for level in 4..=40 {
        let n = level - 3;
        text += &format!("{level} {n} {n} {n} {n}\n");
    }
    let huge = dir.join("huge.mc");
    std::fs::write(&huge, text).expect("written");
    let huge = huge.to_str().expect("UTF-8");
    assert_eq!(info_line(huge, "population"), (1u128 << 74).to_string());
    let error = fails(&["convert", huge, "--to", "rle"]);
    assert!(error.contains("--output mc"), "{error}");
    // HashLife runs it whole: every leaf's one cell dies.
    let (_, stderr) = ok(&["run", huge, "--gens", "1", "--output", "mc", "-v"]);
    assert!(stderr.contains("population 0"), "{stderr}");
}
