//! `corolife convert`: a pattern in, the same pattern out in another format.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Context;
use corolife::atomic;
use corolife::format::Format;
use corolife::render::text;

use super::args::ConvertArgs;
use super::input;

pub fn convert(args: &ConvertArgs) -> anyhow::Result<()> {
    let source = input::load(&args.input)?;
    let output = args
        .output
        .as_deref()
        .filter(|path| *path != Path::new("-"));
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
        Some(path) => Ok(atomic::write(path, text.as_bytes())?),
        None => {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(())
        }
    }
}

/// `--to`, else the output file's extension, else RLE.
fn output_format(to: Option<Format>, output: Option<&Path>) -> Format {
    to.or_else(|| {
        let extension = output?.extension()?.to_str()?;
        Format::from_extension(extension)
    })
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
        assert_eq!(output_format(None, Some(Path::new("x.mc"))), Format::Rle);
        assert_eq!(output_format(None, Some(Path::new("x"))), Format::Rle);
        assert_eq!(output_format(None, None), Format::Rle);
    }
}
