//! Signals and the files written with `-o`: a signal during a write
//! removes the temporary file and leaves the old file as it was, an
//! ignored signal stays ignored, a failed write leaves nothing behind, and
//! a dangling symbolic link stays a link to the file it names.

#![cfg(unix)]

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::util::{TempDir, corolife};

/// How long a test waits for anything before it fails.
const DEADLINE: Duration = Duration::from_secs(60);

/// A Life 1.06 file of a 1000 × 1000 random soup: a few megabytes, so that
/// writing it out again takes a while.
fn soup_file(path: &Path) {
    let mut text = String::from("#Life 1.06\n");
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for y in 0..1000 {
        for x in 0..1000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            if state & 1 == 1 {
                text.push_str(&format!("{x} {y}\n"));
            }
        }
    }
    std::fs::write(path, text).expect("the soup file");
}

/// Whether `dir` holds a temporary file.
fn has_temporary(dir: &TempDir) -> bool {
    dir.names().iter().any(|name| name.ends_with(".tmp"))
}

/// Sends `signal` to `child` at once, from this process.
fn send_now(child: &Child, signal: nix::sys::signal::Signal) {
    let pid = nix::unistd::Pid::from_raw(i32::try_from(child.id()).expect("a pid"));
    nix::sys::signal::kill(pid, signal).expect("the signal is sent");
}

/// Sends `signal` (a name such as `TERM`) to `child`.
fn send(child: &Child, signal: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success(), "kill -{signal}");
}

/// Waits for `child` to end, killing it and failing after [`DEADLINE`].
fn wait(child: &mut Child, what: &str) -> ExitStatus {
    let deadline = Instant::now() + DEADLINE;
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("corolife went on: {what}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_signal_during_convert_o_removes_the_temporary_file() {
    let dir = TempDir::new("signal-convert");
    let input = dir.join("soup.lif");
    soup_file(&input);
    // Life 1.06 out: several megabytes to write.
    let out = dir.join("out.lif");
    use nix::sys::signal::Signal;
    for (signal, number) in [
        (Signal::SIGTERM, 15),
        (Signal::SIGINT, 2),
        (Signal::SIGHUP, 1),
    ] {
        // The temporary file lives only while the output is written: a
        // few tries make sure the signal lands while it is there.
        let mut caught = false;
        for _ in 0..50 {
            std::fs::write(&out, "the old file\n").expect("write");
            let mut child = corolife()
                .args(["convert", &input.to_string_lossy(), "-o"])
                .arg(&out)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("corolife starts");
            let deadline = Instant::now() + DEADLINE;
            let mut seen = false;
            while child.try_wait().expect("wait").is_none() && Instant::now() < deadline {
                if has_temporary(&dir) {
                    send_now(&child, signal);
                    seen = true;
                    break;
                }
            }
            let status = wait(&mut child, &format!("after {signal}"));
            let contents = std::fs::read_to_string(&out).expect("read");
            assert!(!has_temporary(&dir), "{signal}: {:?}", dir.names());
            let signalled = status.signal() == Some(number);
            assert!(signalled || status.success(), "{signal}: {status:?}");
            if signalled && contents == "the old file\n" {
                assert!(seen);
                caught = true;
                break;
            }
            // The rename came first: the new file is there, whole.
            assert!(
                contents.starts_with("#Life 1.06\n"),
                "{signal}: {contents:.40}"
            );
            assert!(contents.ends_with("999\n"), "whole");
        }
        assert!(caught, "{signal} never arrived during the write");
        assert_eq!(dir.names(), ["out.lif", "soup.lif"]);
    }
}

/// A long render into `out`, started by `sh` with `prefix` before it
/// (such as `trap '' HUP`, or nothing).
fn long_render(prefix: &str, out: &Path, gens: u64) -> Child {
    Command::new("sh")
        .arg("-c")
        .arg(format!(r#"{prefix} exec "$0" "$@""#))
        .arg(env!("CARGO_BIN_EXE_corolife"))
        .args(["render", "r-pentomino", "--size", "64x64", "--gens"])
        .arg(gens.to_string())
        .args(["--every", &(gens / 1000).max(1).to_string()])
        .arg("-o")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh starts")
}

/// Waits for the temporary file a render writes its frames into.
fn wait_for_temporary(dir: &TempDir) {
    let deadline = Instant::now() + DEADLINE;
    while !has_temporary(dir) {
        assert!(Instant::now() < deadline, "no temporary file appeared");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn sigterm_and_sighup_during_a_render_remove_the_temporary_file() {
    let dir = TempDir::new("signal-render");
    let out = dir.join("long.gif");
    for (signal, number) in [("TERM", 15), ("HUP", 1), ("QUIT", 3)] {
        std::fs::write(&out, "an old animation\n").expect("write");
        // Far more generations than it can run before the signal, in
        // frames few enough for the GIF frame limit.
        let mut child = long_render("ulimit -c 0;", &out, 1_000_000_000);
        wait_for_temporary(&dir);
        send(&child, signal);
        let status = wait(&mut child, &format!("after SIG{signal}"));
        assert_eq!(status.signal(), Some(number), "SIG{signal}: {status:?}");
        assert_eq!(dir.names(), ["long.gif"], "SIG{signal}");
        assert_eq!(
            std::fs::read_to_string(&out).expect("read"),
            "an old animation\n"
        );
    }
}

#[test]
fn a_render_started_with_sighup_ignored_survives_a_hang_up() {
    let dir = TempDir::new("signal-nohup");
    let out = dir.join("gun.gif");
    // As `nohup` starts it: SIGHUP ignored.
    let mut child = long_render("trap '' HUP;", &out, 1500);
    wait_for_temporary(&dir);
    send(&child, "HUP");
    let status = wait(&mut child, "the render");
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        std::io::Read::read_to_string(&mut pipe, &mut stderr).expect("stderr");
    }
    assert!(status.success(), "{status:?}: {stderr}");
    let gif = std::fs::read(&out).expect("the animation");
    assert!(
        gif.starts_with(b"GIF89a") && gif.ends_with(b";"),
        "a whole GIF"
    );
    assert_eq!(dir.names(), ["gun.gif"]);
}

#[test]
fn a_write_that_fails_leaves_no_temporary_file() {
    let dir = TempDir::new("signal-fsize");
    let input = dir.join("soup.lif");
    soup_file(&input);
    let out = dir.join("out.rle");
    std::fs::write(&out, "the old file\n").expect("write");
    // A file-size limit, with its signal ignored: the write fails.
    for command in [
        vec!["convert", "soup.lif", "-o", "out.rle"],
        vec!["run", "soup.lif", "--gens", "1", "-o", "out.rle"],
    ] {
        let output = Command::new("sh")
            .arg("-c")
            .arg(r#"trap '' XFSZ; ulimit -f 64; exec "$0" "$@""#)
            .arg(env!("CARGO_BIN_EXE_corolife"))
            .args(&command)
            .current_dir(input.parent().expect("a directory"))
            .output()
            .expect("sh runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{command:?}: {stderr}");
        assert!(
            stderr.starts_with("error: out.rle: cannot write") && stderr.lines().count() == 1,
            "{command:?}: {stderr}"
        );
        assert_eq!(dir.names(), ["out.rle", "soup.lif"], "{command:?}");
        assert_eq!(
            std::fs::read_to_string(&out).expect("read"),
            "the old file\n"
        );
    }
}

#[test]
fn o_onto_a_dangling_link_creates_its_target_and_keeps_the_link() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new("signal-links");
    std::fs::create_dir(dir.join("saved")).expect("mkdir");
    // A relative link, and a chain of two links ending in an absolute one.
    symlink("saved/glider.rle", dir.join("link.rle")).expect("link");
    symlink(dir.join("saved/far.rle"), dir.join("far.rle")).expect("link");
    symlink("far.rle", dir.join("chain.rle")).expect("link");
    for (link, target) in [
        ("link.rle", "saved/glider.rle"),
        ("chain.rle", "saved/far.rle"),
    ] {
        let output = corolife()
            .args(["convert", "glider", "-o"])
            .arg(dir.join(link))
            .output()
            .expect("corolife starts");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let meta = std::fs::symlink_metadata(dir.join(link)).expect("the link");
        assert!(meta.file_type().is_symlink(), "{link} is still a link");
        let written = std::fs::read_to_string(dir.join(target)).expect("the target");
        assert!(written.ends_with("3o!\n"), "{written}");
    }
    assert!(std::fs::symlink_metadata(dir.join("far.rle")).is_ok_and(|m| m.is_symlink()));
    assert_eq!(
        std::fs::read_dir(dir.join("saved")).expect("ls").count(),
        2,
        "no temporary file"
    );
    // A link into a missing directory: an error, and nothing made.
    symlink("missing/x.rle", dir.join("nowhere.rle")).expect("link");
    let output = corolife()
        .args(["convert", "glider", "-o"])
        .arg(dir.join("nowhere.rle"))
        .output()
        .expect("corolife starts");
    assert_eq!(output.status.code(), Some(2));
    assert!(!dir.join("missing").exists());
}
