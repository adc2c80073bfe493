//! Output that cannot be written is an error: a full device or a closed
//! standard output gives exit status 2 and one `error:` line, while a
//! reader that stops reading (a broken pipe) ends corolife quietly.

#![cfg(unix)]

use std::io::Read;
use std::process::{Command, Output, Stdio};

use crate::util::{TempDir, corolife};

/// The commands tried: help, and one of each kind that prints.
const PRINTING: [&[&str]; 9] = [
    &["--help"],
    &["--version"],
    &["run", "glider"],
    &["info", "glider"],
    &["list"],
    &["convert", "glider"],
    &["glider"],
    &["completions", "bash"],
    &["man"],
];

/// Exit status 2, one `error:` line naming standard output, nothing else.
fn assert_lost(output: &Output, args: &[&str], why: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(
        stderr.trim_end(),
        format!("error: cannot write to standard output: {why}"),
        "{args:?}"
    );
}

#[test]
fn writing_to_a_full_device_is_an_error() {
    for args in PRINTING {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let output = corolife()
            .args(args)
            .stdout(full)
            .output()
            .expect("corolife starts");
        assert_lost(&output, args, "No space left on device (os error 28)");
    }
}

/// Runs `corolife args` from `sh` with standard output closed.
fn with_stdout_closed(args: &[&str], dir: &TempDir) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(r#"exec "$0" "$@" >&-"#)
        .arg(env!("CARGO_BIN_EXE_corolife"))
        .args(args)
        .current_dir(dir.join(""))
        .output()
        .expect("sh runs")
}

#[test]
fn output_lost_to_a_closed_stdout_is_an_error() {
    let dir = TempDir::new("closed-stdout");
    for args in PRINTING {
        assert_lost(&with_stdout_closed(args, &dir), args, "it is closed");
    }
    // With nothing for standard output, a closed one does no harm.
    for args in [
        &["convert", "glider", "-o", "glider.rle"][..],
        &["run", "glider", "--gens", "1", "-o", "glider.txt"],
    ] {
        let output = with_stdout_closed(args, &dir);
        assert!(
            output.status.success() && output.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert_eq!(dir.names(), ["glider.rle", "glider.txt"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("glider.txt")).expect("read"),
        "*-*\n-**\n-*-\n"
    );
    // Discarded on purpose is not lost.
    let output = corolife()
        .args(["run", "glider"])
        .stdout(Stdio::null())
        .output()
        .expect("corolife starts");
    assert!(output.status.success() && output.stderr.is_empty());
}

#[test]
fn a_reader_that_stops_reading_ends_it_quietly() {
    for args in [&["--help"][..], &["run", "glider", "--size", "2000x2000"]] {
        let mut child = corolife()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("corolife starts");
        let mut first = [0u8; 16];
        child
            .stdout
            .take()
            .expect("stdout")
            .read_exact(&mut first)
            .expect("some output");
        // Our end of the pipe is closed: corolife's next write breaks it.
        let output = child.wait_with_output().expect("corolife finishes");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}
