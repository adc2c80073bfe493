//! Where patterns come from: a file, a built-in name, or standard input.

use std::io::Read;

use anyhow::Context;
use corolife::load::{Source, Start};
use corolife::{Rule, Size};

/// Reads the pattern named on the command line: `-` is standard input, an
/// existing file is read, and otherwise a built-in pattern of that name is
/// used.
pub fn load(argument: &str) -> anyhow::Result<Source> {
    if argument == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        return Ok(Source::bytes(&bytes, "<stdin>")?);
    }
    Ok(Source::open(argument)?)
}

/// Loads PATTERN (a file, `-` or a built-in name) and resolves its rule and
/// universe as [`corolife::load`] says: `--rule` over the file's over Life,
/// `--size` over the rule's suffix over the plane.
pub fn start(argument: &str, size: Option<Size>, rule: Option<Rule>) -> anyhow::Result<Start> {
    Ok(Start::new(load(argument)?, size, rule))
}
