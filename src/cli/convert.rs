//! `corolife convert`: a pattern in, the same pattern out in another format.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use corolife::format::{self, Format};
use corolife::render::text;

use super::args::ConvertArgs;
use super::{input, signals};

pub fn convert(args: &ConvertArgs) -> anyhow::Result<()> {
    let output = args
        .output
        .as_deref()
        .filter(|path| *path != Path::new("-"));
    if output.is_some() {
        signals::remove_temporary_files_on_signal().context("cannot watch for signals")?;
    }
    let source = input::load(&args.input)?;
    let format = output_format(args.to, output);
    // A cells file is as large as the pattern's box, whatever the input.
    if format == Format::Plaintext
        && !args.force
        && let Some(bounds) = source.pattern.bounding_box()
    {
        let bytes = text::grid_bytes(bounds.height(), bounds.width());
        text::check_size(bytes, || {
            format!("the {}x{} cells file", bounds.height(), bounds.width())
        })?;
    }
    let text = format
        .write(&source.pattern)
        .with_context(|| source.label.clone())?;
    match output {
        Some(path) => Ok(format::write_file(path, text.as_bytes())?),
        None => {
            let mut out = super::output::stdout();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(())
        }
    }
}

/// `--to`, else the output file's extension (the one before `.gz` for a
/// compressed file), else RLE.
fn output_format(to: Option<Format>, output: Option<&Path>) -> Format {
    to.or_else(|| Format::from_path(output?))
        .unwrap_or(Format::Rle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_comes_from_the_flag_then_the_extension_then_rle() {
        let out = Some(Path::new("dir/out.cells"));
        assert_eq!(output_format(Some(Format::Life106), out), Format::Life106);
        assert_eq!(output_format(None, out), Format::Plaintext);
        assert_eq!(
            output_format(None, Some(Path::new("x.LIF"))),
            Format::Life106
        );
        assert_eq!(
            output_format(None, Some(Path::new("x.mc"))),
            Format::Macrocell
        );
        assert_eq!(
            output_format(None, Some(Path::new("x.rle.gz"))),
            Format::Rle
        );
        assert_eq!(
            output_format(None, Some(Path::new("x.mc.gz"))),
            Format::Macrocell
        );
        assert_eq!(output_format(None, Some(Path::new("x"))), Format::Rle);
        assert_eq!(output_format(None, None), Format::Rle);
    }
}
