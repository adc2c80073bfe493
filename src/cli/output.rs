//! Standard output for a command's results, such that output lost is an
//! error.
//!
//! A write to a full device fails as usual, and says where it went. A
//! closed standard output (`corolife … >&-`) is worse: Rust's runtime
//! opens `/dev/null` on a standard descriptor it finds closed, so writes
//! to it vanish without a word. It is recognized at the start
//! ([`check_closed`]) and every write then fails. A broken pipe keeps its
//! kind, so that `corolife run … | head` still ends quietly.

use std::io::{self, StdoutLock, Write};
use std::sync::OnceLock;

/// Whether standard output was closed when corolife started; set by
/// [`check_closed`].
static CLOSED: OnceLock<bool> = OnceLock::new();

/// Finds out whether standard output was closed when corolife started.
pub fn check_closed() {
    CLOSED.get_or_init(stands_in_for_closed);
}

/// Whether descriptor 1 is what the runtime puts in place of a closed one:
/// `/dev/null` opened for reading and writing. A shell's `> /dev/null`
/// opens it write-only, as does `Stdio::null()`; a parent that passes
/// `/dev/null` opened read-write (Python's `subprocess.DEVNULL`) cannot be
/// told apart. Linux says so in `/proc/self/fd` and `/proc/self/fdinfo`;
/// elsewhere standard output never counts as closed.
fn stands_in_for_closed() -> bool {
    let null = std::fs::read_link("/proc/self/fd/1")
        .is_ok_and(|target| target == std::path::Path::new("/dev/null"));
    null && std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| read_write(&info))
}

/// Whether the `flags` of a `/proc/PID/fdinfo/FD` text (octal) give the
/// access mode `O_RDWR`.
fn read_write(fdinfo: &str) -> bool {
    /// `O_ACCMODE` and `O_RDWR`, the same on every Linux architecture.
    const ACCESS_MODE: u32 = 0o3;
    const READ_WRITE: u32 = 0o2;
    fdinfo
        .lines()
        .find_map(|line| line.strip_prefix("flags:"))
        .and_then(|flags| u32::from_str_radix(flags.trim(), 8).ok())
        .is_some_and(|flags| flags & ACCESS_MODE == READ_WRITE)
}

/// Whether standard output was closed at the start.
fn is_closed() -> bool {
    CLOSED.get().copied().unwrap_or(false)
}

/// Standard output, locked (see the [module documentation](self)).
pub fn stdout() -> Stdout {
    Stdout {
        inner: io::stdout().lock(),
    }
}

/// Standard output whose errors say so.
pub struct Stdout {
    inner: StdoutLock<'static>,
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if is_closed() && !buf.is_empty() {
            return Err(closed());
        }
        self.inner.write(buf).map_err(described)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(described)
    }
}

/// The error of a write to a standard output that is closed.
fn closed() -> io::Error {
    io::Error::other("cannot write to standard output: it is closed")
}

/// `error`, saying that it happened on standard output; a broken pipe is
/// left as it is, to end quietly.
fn described(error: io::Error) -> io::Error {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return error;
    }
    io::Error::new(
        error.kind(),
        format!("cannot write to standard output: {error}"),
    )
}

/// Prints clap's help or version text, as `error.print()` does (in colour
/// on a terminal), failing as [`Stdout`] does.
pub fn print_clap(error: &clap::Error) -> io::Result<()> {
    if is_closed() {
        return Err(closed());
    }
    error.print().map_err(described)?;
    io::stdout().flush().map_err(described)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_access_mode_is_read_from_the_octal_flags() {
        let info = |flags| format!("pos:\t0\nflags:\t{flags}\nmnt_id:\t25\nino:\t5\n");
        assert!(read_write(&info("0100002")));
        assert!(!read_write(&info("0100001")), "write-only, as `>` opens");
        assert!(!read_write(&info("02100000")), "read-only");
        assert!(!read_write("no flags"));
    }
}
