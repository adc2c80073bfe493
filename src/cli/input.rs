//! Where patterns come from: a file, a built-in name, or standard input.

use std::sync::atomic::{AtomicU64, Ordering};

use corolife::load::{MAX_INPUT, Source, Start};
use corolife::{Rule, Size};

/// The most bytes a pattern may hold (`--max-input`).
static MAX_INPUT_BYTES: AtomicU64 = AtomicU64::new(MAX_INPUT);

/// Sets the most bytes a pattern file or standard input may hold.
pub fn set_max_input(bytes: u64) {
    MAX_INPUT_BYTES.store(bytes, Ordering::Relaxed);
}

/// Reads the pattern named on the command line: `-` is standard input, an
/// existing file is read, and otherwise a built-in pattern of that name is
/// used. Either is read up to the `--max-input` limit.
pub fn load(argument: &str) -> anyhow::Result<Source> {
    let limit = MAX_INPUT_BYTES.load(Ordering::Relaxed);
    if argument == "-" {
        return Ok(Source::read(std::io::stdin().lock(), "<stdin>", limit)?);
    }
    Ok(Source::open_limited(argument, limit)?)
}

/// Loads PATTERN (a file, `-` or a built-in name) and resolves its rule and
/// universe as [`corolife::load`] says: `--rule` over the file's over Life,
/// `--size` over the rule's suffix over the plane.
pub fn start(argument: &str, size: Option<Size>, rule: Option<Rule>) -> anyhow::Result<Start> {
    Ok(Start::new(load(argument)?, size, rule))
}
