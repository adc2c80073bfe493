//! Where patterns come from: a file or standard input.

use std::io::Read;
use std::path::Path;

use anyhow::Context;
use corolife::{Pattern, format};

/// A pattern and the name to use for it in messages.
pub struct Source {
    pub pattern: Pattern,
    pub label: String,
}

/// Reads the pattern named on the command line: `-` is standard input,
/// anything else a path.
pub fn load(argument: &str) -> anyhow::Result<Source> {
    if argument == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        let pattern = format::parse_bytes(&bytes, None).context("<stdin>")?;
        return Ok(Source {
            pattern,
            label: "<stdin>".to_owned(),
        });
    }
    let path = Path::new(argument);
    let pattern = format::load(path)?;
    Ok(Source {
        pattern,
        label: argument.to_owned(),
    })
}
