//! `corolife convert`: a pattern in, the same pattern out in another format;
//! and the writing of pattern files that `run --output` shares.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use corolife::format::Format;

use super::args::ConvertArgs;
use super::input;

pub fn convert(args: &ConvertArgs) -> anyhow::Result<()> {
    let source = input::load(&args.input)?;
    let output = args
        .output
        .as_deref()
        .filter(|path| *path != Path::new("-"));
    let format = output_format(args.to, output);
    let text = format
        .write(&source.pattern)
        .with_context(|| source.label.clone())?;
    match output {
        Some(path) => write_atomically(path, text.as_bytes()),
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

/// Writes `bytes` to `path` so that readers see the old file or the new
/// one, never a part (see [`write_atomically_with`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomically_with(path, |out| Ok(out.write_all(bytes)?))
}

/// Writes `path` with `write` so that readers see the old file or the new
/// one, never a part: `write` fills a temporary file in the same directory,
/// which is then renamed over `path`. If `write` or anything after it fails,
/// the temporary file is removed and an existing `path` is left as it was.
/// A symbolic link is followed, and the file it points to replaced; a
/// device or a pipe is written to directly. Errors name `path`.
pub fn write_atomically_with<F>(path: &Path, write: F) -> anyhow::Result<()>
where
    F: FnOnce(&mut BufWriter<File>) -> anyhow::Result<()>,
{
    let shown = path.display();
    let existing = fs::metadata(path).ok();
    if existing.as_ref().is_some_and(fs::Metadata::is_dir) {
        bail!("{shown}: is a directory");
    }
    if existing.as_ref().is_some_and(|meta| !meta.is_file()) {
        // A device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is
        // written to as it is: renaming a file over it would replace it.
        let written = OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(anyhow::Error::from)
            .and_then(|file| {
                let mut out = BufWriter::new(file);
                write(&mut out)?;
                out.flush()?;
                Ok(())
            });
        return written.with_context(|| format!("{shown}: cannot write"));
    }
    // A symbolic link stays one: the file it points to is replaced.
    let resolved = match &existing {
        Some(_) => fs::canonicalize(path).with_context(|| format!("{shown}: cannot write"))?,
        None => path.to_path_buf(),
    };
    let path = resolved.as_path();
    let Some(name) = path.file_name() else {
        bail!("{shown}: not a file name");
    };
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let (temp, file) = create_temp(dir, &name.to_string_lossy())
        .with_context(|| format!("{shown}: cannot write"))?;
    let written = finish(file, &temp, path, write, existing.as_ref());
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written.with_context(|| format!("{shown}: cannot write"))
}

/// Fills the temporary file, gives it the permissions of the file it
/// replaces, and renames it into place.
fn finish<F>(
    file: File,
    temp: &Path,
    path: &Path,
    write: F,
    existing: Option<&fs::Metadata>,
) -> anyhow::Result<()>
where
    F: FnOnce(&mut BufWriter<File>) -> anyhow::Result<()>,
{
    let mut out = BufWriter::new(file);
    write(&mut out)?;
    let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    if let Some(existing) = existing {
        file.set_permissions(existing.permissions())?;
    }
    file.sync_all()?;
    drop(file);
    fs::rename(temp, path)?;
    Ok(())
}

/// A new file `.NAME.PID-N.tmp` in `dir`, never one that already exists.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let mut attempt = 0;
    loop {
        let temp = dir.join(format!(".{name}.{}-{attempt}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
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
