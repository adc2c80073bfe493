//! Writing a file atomically: readers see the old file or the new one,
//! never a part, and a failed write leaves no partial file behind.
//!
//! The new contents go to a temporary file in the same directory, which is
//! then renamed over the old one (a rename within one file system replaces
//! a file in one step). A symbolic link stays one: the file it points to
//! is replaced, or created when the link dangles. A device or a pipe
//! (`/dev/null`, `/dev/stdout`, a FIFO) is written to as it is, since
//! renaming a file over it would replace it.
//!
//! The temporary file is removed whatever happens before the rename: an
//! error, a panic, or — when the program calls
//! [`remove_temporary_files`] on its way out, as the `corolife` command
//! does on SIGINT, SIGTERM, SIGHUP and the other signals that end it — a
//! signal.
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
use std::sync::{Mutex, MutexGuard, PoisonError};

use thiserror::Error;

/// Why a file could not be written. `E` is the error of what filled it
/// (an [`io::Error`] for [`write()`]).
#[derive(Debug, Error)]
pub enum WriteError<E: fmt::Display> {
    /// The path is a directory.
    #[error("{}: is a directory", shown(.0))]
    IsDirectory(PathBuf),
    /// The path does not end in a file name.
    #[error("{}: not a file name", shown(.0))]
    NotAFileName(PathBuf),
    /// Creating, filling or renaming the file failed; an existing file was
    /// left as it was.
    #[error("{}: cannot write: {error}", shown(.path))]
    Failed {
        /// The path, as given.
        path: PathBuf,
        /// Why. (Part of the message, so not also its `source`.)
        error: E,
    },
}

/// A path as errors show it: escaped (see [`escape`](crate::escape)).
fn shown(path: &Path) -> String {
    crate::escape::escape(&path.display().to_string()).into_owned()
}

/// Writes `bytes` to `path` atomically (see the [module documentation](self)).
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError<io::Error>> {
    write_with(path, |out| out.write_all(bytes))
}

/// Writes `path` with `write` atomically: `write` fills a temporary file in
/// the same directory, which is then renamed over `path`. If `write` or
/// anything after it fails (or panics), the temporary file is removed and
/// an existing `path` is left as it was. A symbolic link is followed, and
/// the file it points to replaced, or created if the link dangles; a device
/// or a pipe is written to directly. Errors name `path`.
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
    // A symbolic link stays one: the file it points to is replaced, or
    // created where a dangling link points.
    let resolved = match &existing {
        Some(_) => fs::canonicalize(path),
        None => dangling_target(path),
    }
    .map_err(|error| failed(error.into()))?;
    let target = resolved.as_path();
    let Some(name) = target.file_name() else {
        return Err(WriteError::NotAFileName(path.to_path_buf()));
    };
    let dir = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let (temp, file) =
        Temp::create(dir, &name.to_string_lossy()).map_err(|error| failed(error.into()))?;
    // On an error or a panic, dropping `temp` removes the file.
    finish(file, temp, target, write, existing.as_ref()).map_err(failed)
}

/// Where a path that names no existing file leads: the path itself, or,
/// when it is a symbolic link that dangles, the missing file at the end of
/// its chain of links.
fn dangling_target(path: &Path) -> io::Result<PathBuf> {
    /// As many links as Linux follows in one path.
    const MAX_LINKS: usize = 40;
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            Ok(_) => return Ok(current),
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(error) => return Err(error),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Fills the temporary file, gives it the permissions of the file it
/// replaces, and renames it into place.
fn finish<F, E>(
    file: File,
    temp: Temp,
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
    temp.rename_to(path)?;
    Ok(())
}

/// The temporary files that exist now, and whether new ones may be made.
struct Live {
    paths: Vec<PathBuf>,
    closed: bool,
}

static LIVE: Mutex<Live> = Mutex::new(Live {
    paths: Vec::new(),
    closed: false,
});

/// The registry of live temporary files. (A panic while it was held
/// leaves it as consistent as ever: every change is one push or remove.)
fn live() -> MutexGuard<'static, Live> {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes every temporary file [`write_with`] has made and not yet renamed
/// into place, in every thread, and makes any write still under way fail
/// instead of creating or renaming one: for a program about to end on a
/// signal (call it from an ordinary thread, not a signal handler). A
/// rename already done stands; one not yet done never happens, so each
/// destination holds its old contents or its complete new ones.
///
/// ```
/// use std::io::Write;
/// use corolife::atomic;
///
/// let dir = std::env::temp_dir().join(format!("corolife-ending-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let path = dir.join("out.txt");
/// std::fs::write(&path, "old")?;
/// let written = atomic::write_with(&path, |out| {
///     // A signal arrives half-way, and the program ends.
///     atomic::remove_temporary_files();
///     out.write_all(b"new")
/// });
/// assert!(written.is_err());
/// assert_eq!(std::fs::read_to_string(&path)?, "old");
/// assert_eq!(std::fs::read_dir(&dir)?.count(), 1, "no temporary file");
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn remove_temporary_files() {
    let mut live = live();
    live.closed = true;
    for path in live.paths.drain(..) {
        let _ = fs::remove_file(path);
    }
}

/// The refusal of a write after [`remove_temporary_files`].
fn closed() -> io::Error {
    io::Error::new(
        io::ErrorKind::Interrupted,
        "interrupted: the program is ending",
    )
}

/// A temporary file, removed when dropped unless renamed into place.
struct Temp {
    path: PathBuf,
}

impl Temp {
    /// A new file `.NAME.PID-N.tmp` in `dir`, never one that already
    /// exists, recorded as live.
    fn create(dir: &Path, name: &str) -> io::Result<(Temp, File)> {
        let mut live = live();
        if live.closed {
            return Err(closed());
        }
        let mut attempt = 0;
        loop {
            let path = dir.join(format!(".{name}.{}-{attempt}.tmp", std::process::id()));
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    live.paths.push(path.clone());
                    return Ok((Temp { path }, file));
                }
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(error) => return Err(error),
            }
        }
    }

    /// Renames the file to `target`; no longer live either way.
    fn rename_to(self, target: &Path) -> io::Result<()> {
        let mut live = live();
        if live.closed {
            return Err(closed());
        }
        fs::rename(&self.path, target)?;
        live.paths.retain(|path| *path != self.path);
        // Renamed: nothing left to remove.
        std::mem::forget(self);
        Ok(())
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let mut live = live();
        let _ = fs::remove_file(&self.path);
        live.paths.retain(|path| *path != self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh directory for one test.
    fn dir(label: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("corolife-atomic-{label}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("a directory");
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("ls")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_error_or_a_panic_while_writing_leaves_the_old_file_alone() {
        let dir = dir("failing");
        let path = dir.join("out.txt");
        fs::write(&path, "old").expect("write");
        let failed = write_with(&path, |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("refused"))
        });
        assert!(matches!(failed, Err(WriteError::Failed { .. })));
        let panicked = std::panic::catch_unwind(|| {
            let _ = write_with(&path, |out| -> io::Result<()> {
                out.write_all(b"half")?;
                panic!("in the middle of a write");
            });
        });
        assert!(panicked.is_err());
        assert_eq!(names(&dir), ["out.txt"]);
        assert_eq!(fs::read_to_string(&path).expect("read"), "old");
        let _ = fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_is_followed_to_the_file_it_names() {
        use std::os::unix::fs::symlink;
        let dir = dir("dangling");
        fs::create_dir(dir.join("sub")).expect("mkdir");
        symlink("sub/target.txt", dir.join("first")).expect("link");
        symlink("first", dir.join("second")).expect("link");
        assert_eq!(
            dangling_target(&dir.join("second")).expect("followed"),
            dir.join("sub/target.txt")
        );
        write(&dir.join("second"), b"new").expect("written");
        assert!(fs::symlink_metadata(dir.join("second")).is_ok_and(|m| m.is_symlink()));
        assert_eq!(
            fs::read_to_string(dir.join("sub/target.txt")).expect("read"),
            "new"
        );
        symlink("loop", dir.join("loop")).expect("link");
        assert!(dangling_target(&dir.join("loop")).is_err());
        let _ = fs::remove_dir_all(&dir);
    }
}
