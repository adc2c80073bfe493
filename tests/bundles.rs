//! Golly's zip bundles: the rule files inside are used, the first
//! pattern runs, `info` lists the contents, and a broken bundle is
//! refused with the entry and the problem named.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::util::{TempDir, assert_refused, run};

/// Golly's `factorize-84.zip`: `Factorizor.rule` and a pattern that
/// factorises 84.
fn factorizer() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bundle/factorize-84.zip")
}

fn stdout(args: &[&str]) -> String {
    let output = run(args);
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// A zip file of `entries` (path and text), written to `dir`.
fn zip(dir: &TempDir, name: &str, entries: &[(&str, &str)]) -> PathBuf {
    let path = dir.join(name);
    let file = std::fs::File::create(&path).expect("create the zip file");
    let mut zip = zip::ZipWriter::new(file);
    for (entry, text) in entries {
        zip.start_file(*entry, zip::write::SimpleFileOptions::default())
            .expect("start an entry");
        zip.write_all(text.as_bytes()).expect("write an entry");
    }
    zip.finish().expect("finish the zip file");
    path
}

#[test]
fn the_factorizer_marks_the_divisors_of_84() {
    let zip = factorizer();
    // The bundle's own comment: it ends with state 11 in the columns that
    // divide 84 and state 10 in the others, on its bottom row.
    let text = stdout(&["run", zip.to_str().expect("UTF-8 path"), "--gens", "400"]);
    let bottom = text.lines().last().expect("rows");
    let marked: Vec<usize> = bottom
        .char_indices()
        .filter(|&(_, c)| c == 'K')
        .map(|(i, _)| i)
        .collect();
    let divisors: Vec<usize> = (1..=84).filter(|d| 84 % d == 0).collect();
    assert_eq!(marked, divisors, "{bottom}");
    assert!(
        bottom.char_indices().all(|(i, c)| c
            == if 84 % i.max(1) == 0 && i > 0 {
                'K'
            } else {
                'J'
            }),
        "{bottom}"
    );
}

#[test]
fn info_lists_the_bundle_and_the_rule_it_defines() {
    let zip = factorizer();
    let report = stdout(&["info", zip.to_str().expect("UTF-8 path")]);
    assert!(
        report.contains("rule        Factorizor (rule table, 13 states)\n"),
        "{report}"
    );
    assert!(
        report.contains("bundle      2 entries; ran factorize 84.rle\n"),
        "{report}"
    );
    assert!(
        report.contains("            rule     Factorizor.rule (3418 bytes)\n"),
        "{report}"
    );
}

#[test]
fn a_bundle_pattern_uses_the_rule_file_inside() {
    let dir = TempDir::new("bundle-rule");
    // Seeds, spelled out as a table under a name nothing else defines.
    let table = "@RULE BundledSeeds\n@TABLE\nn_states:2\nneighborhood:Moore\n\
                 symmetries:permute\nvar a={0,1}\nvar b=a\nvar c=a\nvar d=a\n\
                 var e=a\nvar f=a\n0,1,1,0,0,0,0,0,0,1\n1,a,b,c,d,e,f,a,b,0\n";
    let soup = "x = 5, y = 4, rule = BundledSeeds\nobo2o$2bo$o3bo$b2o!\n";
    let path = zip(
        &dir,
        "seeds.zip",
        &[("rules/BundledSeeds.rule", table), ("soup.rle", soup)],
    );
    let path = path.to_str().expect("UTF-8 path");
    let plain = dir.join("soup.rle");
    std::fs::write(&plain, soup.replace("BundledSeeds", "B2/S")).expect("write");
    let plain = plain.to_str().expect("UTF-8 path");
    for gens in ["1", "5"] {
        assert_eq!(
            stdout(&["run", path, "--gens", gens]),
            stdout(&["run", plain, "--gens", gens]),
            "after {gens} generations"
        );
    }
}

#[test]
fn a_broken_bundle_is_refused_naming_the_problem() {
    let dir = TempDir::new("bundle-broken");
    let bad_rule = zip(
        &dir,
        "bad.zip",
        &[
            ("Bad.rule", "@RULE Bad\n@TABLE\nn_states:two\n"),
            ("bad.rle", "x = 1, y = 1, rule = Bad\no!\n"),
        ],
    );
    assert_refused(
        &run(&["run", bad_rule.to_str().expect("UTF-8 path")]),
        &["bad.zip", "Bad.rule", "line 3"],
    );
    let empty = zip(&dir, "empty.zip", &[("notes.txt", "nothing here\n")]);
    assert_refused(
        &run(&["info", empty.to_str().expect("UTF-8 path")]),
        &["empty.zip", "no pattern"],
    );
    let bytes = std::fs::read(factorizer()).expect("read the fixture");
    let cut = dir.join("cut.zip");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("write");
    assert_refused(
        &run(&["run", cut.to_str().expect("UTF-8 path")]),
        &["cut.zip", "zip"],
    );
}
