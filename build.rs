//! Embeds the pattern files of `patterns/` in the crate, so that built-in
//! pattern names work from any directory, and tells the tests whether tmux
//! is installed.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    tmux();
    patterns();
}

/// Sets `cfg(no_tmux)` when no `tmux` is on the `PATH`, so that the tests
/// that drive the binary inside tmux are reported as ignored rather than
/// passing without running. When `COROLIFE_REQUIRE_TMUX` is set (as CI
/// sets it) they are never ignored: without tmux they fail.
fn tmux() {
    println!("cargo::rustc-check-cfg=cfg(no_tmux)");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=COROLIFE_REQUIRE_TMUX");
    let required = env::var_os("COROLIFE_REQUIRE_TMUX").is_some_and(|v| !v.is_empty());
    if !required && !on_path("tmux") {
        println!("cargo::rustc-cfg=no_tmux");
    }
}

/// Whether an executable file called `program` is in one of the `PATH`'s
/// directories.
fn on_path(program: &str) -> bool {
    let Some(path) = env::var_os("PATH") else {
        return false;
    };
    env::split_paths(&path).any(|dir| {
        [program.to_owned(), format!("{program}.exe")]
            .iter()
            .any(|name| is_executable(&dir.join(name)))
    })
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// Writes the table of the built-in patterns, sorted by name, to
/// `$OUT_DIR/library.rs`.
fn patterns() {
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
