//! Writing a file atomically: readers see the old file or the new one,
//! never a part, and a failed write leaves no partial file behind.
//!
//! The new contents go to a temporary file in the same directory, which is
//! then renamed over the old one (a rename within one file system replaces
//! a file in one step). A symbolic link stays one: the file it points to
//! is replaced. A device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is
//! written to as it is, since renaming a file over it would replace it.
//!
//! ```
//! use corolife::{atomic, format::Format, library};
//!
//! let dir = std::env::temp_dir().join(format!("corolife-atomic-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let path = dir.join("glider.rle");
//! let glider = library::pattern("glider").expect("built in");
//! atomic::write(&path, Format::Rle.write(&glider)?.as_bytes())?;
//! assert!(std::fs::read_to_string(&path)?.ends_with("3o!\n"));
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Why a file could not be written. `E` is the error of what filled it
/// (an [`io::Error`] for [`write()`]).
#[derive(Debug, Error)]
pub enum WriteError<E: fmt::Display> {
    /// The path is a directory.
    #[error("{}: is a directory", .0.display())]
    IsDirectory(PathBuf),
    /// The path does not end in a file name.
    #[error("{}: not a file name", .0.display())]
    NotAFileName(PathBuf),
    /// Creating, filling or renaming the file failed; an existing file was
    /// left as it was.
    #[error("{}: cannot write: {error}", path.display())]
    Failed {
        /// The path, as given.
        path: PathBuf,
        /// Why. (Part of the message, so not also its `source`.)
        error: E,
    },
}

/// Writes `bytes` to `path` atomically (see the [module documentation](self)).
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError<io::Error>> {
    write_with(path, |out| out.write_all(bytes))
}

/// Writes `path` with `write` atomically: `write` fills a temporary file in
/// the same directory, which is then renamed over `path`. If `write` or
/// anything after it fails, the temporary file is removed and an existing
/// `path` is left as it was. A symbolic link is followed, and the file it
/// points to replaced; a device or a pipe is written to directly. Errors
/// name `path`.
pub fn write_with<F, E>(path: &Path, write: F) -> Result<(), WriteError<E>>
where
    F: FnOnce(&mut BufWriter<File>) -> Result<(), E>,
    E: From<io::Error> + fmt::Display,
{
    let failed = |error| WriteError::Failed {
        path: path.to_path_buf(),
        error,
    };
    let existing = fs::metadata(path).ok();
    if existing.as_ref().is_some_and(fs::Metadata::is_dir) {
        return Err(WriteError::IsDirectory(path.to_path_buf()));
    }
    if existing.as_ref().is_some_and(|meta| !meta.is_file()) {
        // A device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is
        // written to as it is: renaming a file over it would replace it.
        let written = OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(E::from)
            .and_then(|file| {
                let mut out = BufWriter::new(file);
                write(&mut out)?;
                out.flush()?;
                Ok(())
            });
        return written.map_err(failed);
    }
    // A symbolic link stays one: the file it points to is replaced.
    let resolved = match &existing {
        Some(_) => fs::canonicalize(path).map_err(|error| failed(error.into()))?,
        None => path.to_path_buf(),
    };
    let target = resolved.as_path();
    let Some(name) = target.file_name() else {
        return Err(WriteError::NotAFileName(path.to_path_buf()));
    };
    let dir = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let (temp, file) =
        create_temp(dir, &name.to_string_lossy()).map_err(|error| failed(error.into()))?;
    let written = finish(file, &temp, target, write, existing.as_ref());
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written.map_err(failed)
}

/// Fills the temporary file, gives it the permissions of the file it
/// replaces, and renames it into place.
fn finish<F, E>(
    file: File,
    temp: &Path,
    path: &Path,
    write: F,
    existing: Option<&fs::Metadata>,
) -> Result<(), E>
where
    F: FnOnce(&mut BufWriter<File>) -> Result<(), E>,
    E: From<io::Error>,
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
