//! Embeds the pattern files of `patterns/` in the crate, so that built-in
//! pattern names work from any directory.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("patterns");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|e| e == "rle"))
                .collect()
        })
        .unwrap_or_default();
    // Sorted by name, as `library::names` promises (sorting whole paths
    // would put `blinker-puffer-1.rle` before `blinker.rle`).
    files.sort_by(|a, b| a.file_stem().cmp(&b.file_stem()));
    let mut table = String::from("&[\n");
    for path in &files {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        println!("cargo::rerun-if-changed={}", path.display());
        let _ = writeln!(
            table,
            "    ({stem:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    table.push(']');
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("library.rs");
    fs::write(out, table).unwrap_or_else(|e| panic!("cannot write the pattern table: {e}"));
}
