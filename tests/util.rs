//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod tmux;

/// The `corolife` binary built for these tests.
pub fn corolife() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corolife"))
}

/// Runs `corolife` with `args` and returns what it did.
pub fn run(args: &[&str]) -> Output {
    corolife().args(args).output().expect("corolife starts")
}

/// The directory of the pattern corpus: real pattern files with the exact
/// output `corolife run` must print.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// A path inside the corpus, as a string for command lines.
pub fn corpus(file: &str) -> String {
    corpus_dir().join(file).to_string_lossy().into_owned()
}

/// One line of `cases.tsv`.
#[derive(Debug, Clone)]
pub struct Case {
    pub file: String,
    pub rows: usize,
    pub cols: usize,
    pub gens: u64,
    pub rule: Option<String>,
    pub population: usize,
}

impl Case {
    /// The exact expected output.
    pub fn expected(&self) -> String {
        let stem = self
            .file
            .rsplit_once('.')
            .map_or(&*self.file, |(stem, _)| stem);
        std::fs::read_to_string(corpus_dir().join(format!("{stem}.expect")))
            .expect("expected output")
    }
}

/// Every case of the corpus.
pub fn cases() -> Vec<Case> {
    let table = std::fs::read_to_string(corpus_dir().join("cases.tsv")).expect("cases.tsv");
    table
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 6, "cases.tsv line {line:?}");
            Case {
                file: fields[0].to_owned(),
                rows: fields[1].parse().expect("rows"),
                cols: fields[2].parse().expect("cols"),
                gens: fields[3].parse().expect("gens"),
                rule: Some(fields[4]).filter(|r| !r.is_empty()).map(str::to_owned),
                population: fields[5].parse().expect("population"),
            }
        })
        .collect()
}

/// Where two texts first differ, for failure messages.
pub fn first_difference(expected: &str, actual: &str) -> String {
    let mismatch = expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a);
    match mismatch {
        Some(i) => format!(
            "first difference on line {}:\n  expected {:?}\n  actual   {:?}",
            i + 1,
            expected.lines().nth(i).unwrap_or(""),
            actual.lines().nth(i).unwrap_or("")
        ),
        None => format!(
            "expected {} lines, got {}",
            expected.lines().count(),
            actual.lines().count()
        ),
    }
}
