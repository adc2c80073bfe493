//! Where patterns come from: a file or standard input.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, bail};
use corolife::{Pattern, format, library};

/// A pattern and the name to use for it in messages.
pub struct Source {
    pub pattern: Pattern,
    pub label: String,
}

/// Reads the pattern named on the command line: `-` is standard input, an
/// existing file is read, and otherwise a built-in pattern of that name is
/// used.
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
    if !path.exists() {
        if let Some(pattern) = library::pattern(argument) {
            return Ok(Source {
                pattern,
                label: argument.to_owned(),
            });
        }
        bail!("{argument}: no such file, and no built-in pattern of that name");
    }
    let pattern = format::load(path)?;
    Ok(Source {
        pattern,
        label: argument.to_owned(),
    })
}
