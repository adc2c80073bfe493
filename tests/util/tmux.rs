//! A terminal for tests: a private tmux server with one pane running an
//! interactive shell, typed into with `send-keys` and read with
//! `capture-pane`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The shell prompt in the pane (followed by a space, which
/// `capture-pane` trims when nothing is typed after it).
pub const PROMPT: &str = "corolife-test$";

/// How long any one wait for the screen may take before the test fails.
const DEADLINE: Duration = Duration::from_secs(30);

/// A tmux server of its own (its own socket), killed on drop.
pub struct Tmux {
    dir: PathBuf,
    socket: PathBuf,
}

/// Whether the tests must have tmux (CI says so).
fn required() -> bool {
    std::env::var_os("COROLIFE_REQUIRE_TMUX").is_some_and(|v| !v.is_empty())
}

impl Tmux {
    /// A `columns` × `rows` pane running `sh -i` with [`PROMPT`], in a
    /// fresh directory. `None`, after saying why on stderr, when tmux is
    /// not installed and `COROLIFE_REQUIRE_TMUX` is not set; when it is
    /// set, a missing tmux fails the test. (The tests that call this are
    /// ignored when build.rs found no tmux; this covers tmux missing only
    /// when they run, or a run with `--ignored`.)
    pub fn start(test: &str, columns: u16, rows: u16) -> Option<Tmux> {
        let found = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            assert!(
                !required(),
                "tmux is not installed, and COROLIFE_REQUIRE_TMUX says the terminal tests must run"
            );
            eprintln!(
                "skipping {test}: tmux is not installed \
                 (set COROLIFE_REQUIRE_TMUX=1 to make this a failure)"
            );
            return None;
        }
        static SERVERS: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "corolife-tmux-{}-{}",
            std::process::id(),
            SERVERS.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let tmux = Tmux {
            socket: dir.join("socket"),
            dir,
        };
        let shell = format!("env PS1='{PROMPT} ' sh -i");
        let (columns, rows) = (columns.to_string(), rows.to_string());
        tmux.run(&[
            "new-session",
            "-d",
            "-x",
            &columns,
            "-y",
            &rows,
            "-c",
            &tmux.dir.to_string_lossy(),
            &shell,
        ]);
        tmux.wait_for("the shell's prompt", |screen| screen.contains(PROMPT));
        Some(tmux)
    }

    /// The directory the shell starts in, for files the test reads.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Runs a tmux command against this server.
    fn run(&self, args: &[&str]) -> Output {
        let output = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("-f")
            .arg("/dev/null")
            .args(args)
            .env_remove("TMUX")
            .env_remove("TMUX_PANE")
            .output()
            .expect("tmux runs");
        assert!(
            output.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// Types `line` into the pane and presses Enter.
    pub fn type_line(&self, line: &str) {
        self.run(&["send-keys", "-l", line]);
        self.run(&["send-keys", "Enter"]);
    }

    /// Types `keys` literally (no key names).
    pub fn keys(&self, keys: &str) {
        self.run(&["send-keys", "-l", keys]);
    }

    /// Presses the key tmux names `name`, such as `C-z`.
    pub fn key(&self, name: &str) {
        self.run(&["send-keys", name]);
    }

    /// The pane's visible text, one string per line.
    pub fn capture(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p"]).stdout).into_owned()
    }

    /// A tmux format evaluated for the pane, such as `#{alternate_on}`.
    pub fn display(&self, format: &str) -> String {
        let output = self.run(&["display-message", "-p", format]);
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// Polls the screen until `ready` accepts it and returns it; fails the
    /// test, showing the last screen, after a generous deadline. No test
    /// relies on how long anything takes.
    pub fn wait_for(&self, what: &str, mut ready: impl FnMut(&str) -> bool) -> String {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let screen = self.capture();
            if ready(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited in vain for {what}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Ends the tmux server, closing the pane's terminal under whatever
    /// runs in it, as closing a terminal window does.
    pub fn hang_up(&self) {
        self.run(&["kill-server"]);
    }

    /// Asserts that the terminal is back to normal: the main screen, the
    /// cursor shown, no mouse reporting, lines wrapping.
    pub fn assert_restored(&self) {
        for (flag, expected) in [
            ("#{alternate_on}", "0"),
            ("#{cursor_flag}", "1"),
            ("#{mouse_any_flag}", "0"),
            ("#{mouse_button_flag}", "0"),
            ("#{mouse_sgr_flag}", "0"),
            ("#{wrap_flag}", "1"),
        ] {
            assert_eq!(self.display(flag), expected, "{flag}");
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
