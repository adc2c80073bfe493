//! The terminal animation, run for real inside tmux: keys, frames, and the
//! terminal given back on every way out. Without a terminal: text, or a
//! refusal.

use std::collections::BTreeSet;
use std::process::{Command, Stdio};

use corolife::{Engine, Grid, Placement, Rule, Sequential, library};

use crate::util::run;
use crate::util::tmux::{PROMPT, Tmux};

/// With `COROLIFE_REQUIRE_TMUX` set, the tests in tmux must run. build.rs
/// never ignores them when the variable is set as they are built; this
/// catches a test binary built without it (and without tmux) being run
/// with it.
#[test]
fn the_terminal_tests_are_not_ignored_when_tmux_is_required() {
    let required = std::env::var_os("COROLIFE_REQUIRE_TMUX").is_some_and(|v| !v.is_empty());
    assert!(
        !(required && cfg!(no_tmux)),
        "COROLIFE_REQUIRE_TMUX is set, but this build found no tmux and ignores the terminal tests"
    );
}

/// The binary, quoted for the shell.
fn binary() -> String {
    format!("'{}'", env!("CARGO_BIN_EXE_corolife"))
}

/// Live cells decoded from the screen's characters, as torus coordinates
/// (the torus is smaller than the pane, so the view shows it from (0, 0)).
fn decode(lines: &[&str], density: &str) -> BTreeSet<(usize, usize)> {
    let mut cells = BTreeSet::new();
    for (line, text) in lines.iter().enumerate() {
        for (column, c) in text.chars().enumerate() {
            match (density, c) {
                ("cell", '█') => {
                    cells.insert((line, column));
                }
                ("half", '▀' | '▄' | '█') => {
                    if c != '▄' {
                        cells.insert((2 * line, column));
                    }
                    if c != '▀' {
                        cells.insert((2 * line + 1, column));
                    }
                }
                ("braille", '\u{2801}'..='\u{28FF}') => {
                    let dots = c as u32 - 0x2800;
                    let places = [
                        (0, 0),
                        (1, 0),
                        (2, 0),
                        (0, 1),
                        (1, 1),
                        (2, 1),
                        (3, 0),
                        (3, 1),
                    ];
                    for (bit, (dy, dx)) in places.into_iter().enumerate() {
                        if dots & (1 << bit) != 0 {
                            cells.insert((4 * line + dy, 2 * column + dx));
                        }
                    }
                }
                (_, ' ') => {}
                _ => panic!("unexpected {c:?} at {line}, {column} in {density} density"),
            }
        }
    }
    cells
}

/// What a frame shows: the status line's fields and the live cells.
struct Frame {
    status: String,
    generation: u64,
    density: String,
    cells: BTreeSet<(usize, usize)>,
}

/// Reads a frame of `corolife animate glider` from the screen, or `None`
/// if the screen holds none (yet).
fn frame(screen: &str) -> Option<Frame> {
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines.iter().rposition(|l| l.starts_with("Glider · "))?;
    let status = lines[at].trim_end().to_owned();
    let fields: Vec<&str> = status.split(" · ").collect();
    let generation = fields
        .iter()
        .find_map(|f| f.strip_prefix("gen "))?
        .parse()
        .ok()?;
    let density = ["cell", "half", "braille"]
        .into_iter()
        .find(|d| fields.contains(d))?
        .to_owned();
    let cells = decode(&lines[..at], &density);
    Some(Frame {
        status,
        generation,
        density,
        cells,
    })
}

/// The live cells of the glider on a 20×40 torus after `generations`.
fn glider_after(generations: u64) -> BTreeSet<(usize, usize)> {
    let pattern = library::pattern("glider").expect("built in");
    let mut grid = Grid::from_pattern(&pattern, 20, 40, Placement::Centre).expect("fits");
    Sequential::new(Rule::LIFE).run(&mut grid, generations);
    let mut cells = BTreeSet::new();
    for (y, row) in grid.iter_rows().enumerate() {
        for (x, state) in row.iter().enumerate() {
            if !state.is_empty() {
                cells.insert((y, x));
            }
        }
    }
    cells
}

/// Waits for a frame that `accept` takes and whose cells are exactly the
/// glider's at the generation its status line gives (a capture taken in
/// the middle of drawing is simply read again).
fn wait_for_frame(tmux: &Tmux, what: &str, mut accept: impl FnMut(&Frame) -> bool) -> Frame {
    let mut found = None;
    tmux.wait_for(what, |screen| {
        found = frame(screen).filter(|f| accept(f) && f.cells == glider_after(f.generation));
        found.is_some()
    });
    found.expect("the frame waited for")
}

/// Waits for the shell to report how `marker`'s command ended, with the
/// prompt after it, and returns the exit status.
fn wait_for_exit(tmux: &Tmux, marker: &str) -> String {
    let prefix = format!("{marker} exited with ");
    // The status line is the one the prompt follows: the command line typed
    // may wrap so that a line of it starts with the same words.
    let status = |screen: &str| -> Option<String> {
        let lines: Vec<&str> = screen.lines().collect();
        lines.windows(2).find_map(|pair| {
            let status = pair[0].strip_prefix(&prefix)?;
            pair[1]
                .starts_with(PROMPT)
                .then(|| status.trim().to_owned())
        })
    };
    let screen = tmux.wait_for("the command to end and the prompt to return", |screen| {
        status(screen).is_some()
    });
    status(&screen).unwrap_or_default()
}

/// The terminal's line settings as `stty -a` wrote them to `file` once the
/// animation had ended: canonical input and echo are back (raw mode off).
fn assert_cooked(tmux: &Tmux, file: &str) {
    let settings = std::fs::read_to_string(tmux.dir().join(file)).expect("stty output");
    let words: Vec<&str> = settings.split_whitespace().collect();
    for flag in ["icanon", "echo", "isig", "icrnl", "opost"] {
        assert!(words.contains(&flag), "{flag} is off:\n{settings}");
    }
}

#[test]
#[cfg_attr(no_tmux, ignore = "tmux is not installed")]
fn animate_answers_its_keys_and_gives_the_terminal_back_on_q() {
    let Some(tmux) = Tmux::start("the animation test", 100, 30) else {
        return;
    };
    tmux.type_line(&format!(
        "{} animate glider --size 20x40; echo \"keys exited with $?\"; stty -a > stty.txt",
        binary()
    ));
    let running = wait_for_frame(&tmux, "the running glider", |f| {
        f.status.contains(" · running · ") && f.density == "half"
    });
    assert!(
        running.status.starts_with("Glider · B3/S23 · 20x40 · gen ")
            && running.status.contains(" · pop 5 · ")
            && running.status.contains(" · 30 fps · ")
            && running.status.contains(" · sequential · half"),
        "{}",
        running.status
    );
    assert_eq!(tmux.display("#{alternate_on}"), "1");
    assert_eq!(tmux.display("#{cursor_flag}"), "0");

    // Space pauses; the generation stops moving.
    tmux.keys(" ");
    let paused = wait_for_frame(&tmux, "the paused glider", |f| {
        f.status.contains(" · paused · ") && f.status.contains(" · – gen/s")
    });

    // n steps exactly one generation, still paused.
    tmux.keys("n");
    let stepped = wait_for_frame(&tmux, "one more generation", |f| {
        f.generation == paused.generation + 1
    });
    assert!(
        stepped.status.contains(" · paused · "),
        "{}",
        stepped.status
    );

    // z: half-blocks become braille, showing the same cells.
    tmux.keys("z");
    let braille = wait_for_frame(&tmux, "braille", |f| f.density == "braille");
    assert_eq!(braille.generation, stepped.generation);

    // +: 30 frames per second become 60.
    tmux.keys("+");
    wait_for_frame(&tmux, "a faster speed", |f| {
        f.status.contains(" · 60 fps · ")
    });

    tmux.keys("q");
    assert_eq!(wait_for_exit(&tmux, "keys"), "0");
    tmux.assert_restored();
    assert_cooked(&tmux, "stty.txt");
}

#[test]
#[cfg_attr(no_tmux, ignore = "tmux is not installed")]
fn signals_from_outside_end_it_cleanly() {
    let Some(tmux) = Tmux::start("the signal test", 100, 30) else {
        return;
    };
    // SIGTERM while paused (waiting on input with no timeout), SIGHUP
    // while running, SIGINT while running fast; and the other signals that
    // end a process by default.
    for (signal, number, flags) in [
        ("TERM", 15, "--paused"),
        ("HUP", 1, ""),
        ("INT", 2, "--fps 240"),
        ("QUIT", 3, ""),
        ("USR1", 10, "--paused"),
        ("USR2", 12, ""),
    ] {
        // A script, not the interactive shell, waits for the animation: an
        // interactive shell drops the rest of a command line whose command
        // was ended by SIGINT.
        // No core file for SIGQUIT.
        let script = format!(
            "ulimit -c 0\n\
             sh -c 'echo $$ > {signal}.pid; exec \"$0\" \"$@\"' {} animate glider --size 20x40 {flags}\n\
             echo \"{signal} exited with $?\"\n\
             stty -a > {signal}.stty\n",
            binary()
        );
        std::fs::write(tmux.dir().join(format!("{signal}.sh")), script).expect("a script");
        tmux.type_line(&format!("sh {signal}.sh"));
        wait_for_frame(&tmux, "the glider", |_| true);
        let pid = std::fs::read_to_string(tmux.dir().join(format!("{signal}.pid")))
            .expect("the pid file");
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), pid.trim()])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        // The shell reports a process ended by signal N as 128 + N.
        assert_eq!(
            wait_for_exit(&tmux, signal),
            (128 + number).to_string(),
            "SIG{signal}"
        );
        tmux.assert_restored();
        assert_cooked(&tmux, &format!("{signal}.stty"));
        tmux.type_line("clear");
        tmux.wait_for("a cleared screen", |screen| {
            screen.trim_start().starts_with(PROMPT)
        });
    }
}

/// Waits for `file` in the pane's directory to be written whole (the shell
/// writes it after the command before it ends) and returns it.
fn wait_for_file(tmux: &Tmux, file: &str, complete: impl Fn(&str) -> bool) -> String {
    let path = tmux.dir().join(file);
    tmux.wait_for(&format!("{file} to be written"), |_| {
        std::fs::read_to_string(&path).is_ok_and(|text| complete(&text))
    });
    std::fs::read_to_string(&path).expect("the file waited for")
}

#[test]
#[cfg_attr(no_tmux, ignore = "tmux is not installed")]
fn ctrl_z_suspends_with_the_terminal_given_back_and_fg_redraws_it() {
    let Some(tmux) = Tmux::start("the suspend test", 100, 30) else {
        return;
    };
    // Paused, nothing on the screen changes by itself: the frame seen
    // after `fg` is the full redraw, or nothing. (Alone on its line: the
    // shell goes on with the rest of a line once its job stops.)
    tmux.type_line(&format!(
        "sh -c 'echo $$ > tstp.pid; exec \"$0\" \"$@\"' {} animate glider --size 20x40 --paused",
        binary()
    ));
    let paused = wait_for_frame(&tmux, "the paused glider", |_| true);
    let pid = wait_for_file(&tmux, "tstp.pid", |text| text.ends_with('\n'));
    // Ctrl-Z is a key in raw mode; SIGTSTP from outside is the same stop.
    for (round, how) in ["Ctrl-Z", "SIGTSTP"].into_iter().enumerate() {
        if how == "Ctrl-Z" {
            tmux.key("C-z");
        } else {
            let sent = Command::new("kill")
                .args(["-TSTP", pid.trim()])
                .status()
                .expect("kill runs");
            assert!(sent.success());
        }
        tmux.wait_for(
            &format!("the shell to report the stop after {how}"),
            |screen| {
                screen.matches("Stopped").count() > round && screen.trim_end().ends_with(PROMPT)
            },
        );
        tmux.assert_restored();
        let stty = format!("stopped-{round}.stty");
        tmux.type_line(&format!("stty -a > {stty}.part && mv {stty}.part {stty}"));
        wait_for_file(&tmux, &stty, |text| !text.is_empty());
        assert_cooked(&tmux, &stty);

        tmux.type_line("fg");
        let redrawn = wait_for_frame(&tmux, &format!("the glider redrawn after {how}"), |f| {
            f.generation == paused.generation
        });
        assert!(
            redrawn.status.contains(" · paused · "),
            "{}",
            redrawn.status
        );
        assert_eq!(tmux.display("#{alternate_on}"), "1");
        assert_eq!(tmux.display("#{cursor_flag}"), "0");
        assert_eq!(tmux.display("#{mouse_any_flag}"), "1");
    }
    // Still answering keys after the stops.
    tmux.keys("n");
    wait_for_frame(&tmux, "one more generation", |f| {
        f.generation == paused.generation + 1
    });
    tmux.keys("q");
    tmux.wait_for("the prompt after the animation", |screen| {
        screen.trim_end().ends_with(PROMPT)
    });
    // `$?` after `fg` is how the job ended.
    tmux.type_line("echo \"suspend exited with $?\"");
    assert_eq!(wait_for_exit(&tmux, "suspend"), "0");
    tmux.assert_restored();
}

#[test]
#[cfg_attr(no_tmux, ignore = "tmux is not installed")]
fn the_status_line_shows_a_crafted_name_escaped() {
    let Some(tmux) = Tmux::start("the escaping test", 100, 30) else {
        return;
    };
    std::fs::write(
        tmux.dir().join("evil.rle"),
        "#N Evil\u{1b}]2;PWNED\u{7}\u{1b}[2J\nx = 3, y = 1, rule = B3/S23\n3o!\n",
    )
    .expect("a pattern file");
    tmux.type_line(&format!("{} animate evil.rle --size 20x40", binary()));
    tmux.wait_for("the escaped name on the status line", |screen| {
        screen.contains("Evil\\u{1b}]2;PWNED\\u{7}\\u{1b}[2J · B3/S23 · ")
    });
    assert_ne!(tmux.display("#{pane_title}"), "PWNED", "the title was set");
    tmux.keys("q");
    tmux.wait_for("the prompt", |screen| screen.trim_end().ends_with(PROMPT));
    tmux.assert_restored();
}

/// Whether a process `pid` exists.
fn exists(pid: &str) -> bool {
    Command::new("kill")
        .args(["-0", pid])
        .stderr(Stdio::null())
        .status()
        .expect("kill runs")
        .success()
}

#[test]
#[cfg_attr(no_tmux, ignore = "tmux is not installed")]
fn a_terminal_that_hangs_up_ends_the_animation() {
    let Some(tmux) = Tmux::start("the hang-up test", 100, 30) else {
        return;
    };
    // Paused, the loop waits on the terminal: once it is gone, that wait
    // never ends by itself.
    tmux.type_line(&format!(
        "sh -c 'echo $$ > gone.pid; exec \"$0\" \"$@\"' {} animate glider --size 20x40 --paused",
        binary()
    ));
    wait_for_frame(&tmux, "the glider", |_| true);
    let pid = std::fs::read_to_string(tmux.dir().join("gone.pid")).expect("the pid file");
    let pid = pid.trim();
    tmux.hang_up();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while exists(pid) {
        if std::time::Instant::now() > deadline {
            let _ = Command::new("kill").args(["-KILL", pid]).status();
            panic!("corolife {pid} lived on after its terminal hung up");
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
}

#[test]
#[cfg_attr(no_tmux, ignore = "tmux is not installed")]
fn a_panic_is_reported_on_the_restored_screen() {
    let Some(tmux) = Tmux::start("the panic test", 100, 30) else {
        return;
    };
    tmux.type_line(&format!(
        "COROLIFE_TEST_FAULT=panic RUST_BACKTRACE=0 {} animate glider --size 20x40; \
         echo \"panic exited with $?\"; stty -a > stty.txt",
        binary()
    ));
    wait_for_frame(&tmux, "the glider", |_| true);
    tmux.keys("!");
    assert_eq!(wait_for_exit(&tmux, "panic"), "101");
    tmux.assert_restored();
    assert_cooked(&tmux, "stty.txt");
    // Printed on the alternate screen, the message would have vanished
    // with it: it is on the main screen, so it came after the restore.
    let screen = tmux.capture();
    assert!(
        screen.contains("panicked at")
            && screen.contains("a panic asked for by COROLIFE_TEST_FAULT"),
        "{screen}"
    );
}

#[test]
#[cfg_attr(no_tmux, ignore = "tmux is not installed")]
fn an_error_is_reported_on_the_restored_screen() {
    let Some(tmux) = Tmux::start("the error test", 100, 30) else {
        return;
    };
    tmux.type_line(&format!(
        "COROLIFE_TEST_FAULT=error {} glider --size 20x40; echo \"error exited with $?\"",
        binary()
    ));
    wait_for_frame(&tmux, "the glider", |_| true);
    tmux.keys("!");
    assert_eq!(wait_for_exit(&tmux, "error"), "2");
    tmux.assert_restored();
    let screen = tmux.capture();
    assert!(
        screen.contains("error: an error asked for by COROLIFE_TEST_FAULT"),
        "{screen}"
    );
}

#[test]
fn without_a_terminal_a_pattern_prints_its_first_generations_side_by_side() {
    let piped = run(&["glider", "--size", "6x6"]);
    assert!(piped.status.success());
    let columns = run(&["run", "glider", "--size", "6x6", "--gens", "4", "--columns"]);
    assert_eq!(
        String::from_utf8_lossy(&piped.stdout),
        String::from_utf8_lossy(&columns.stdout)
    );
    assert!(String::from_utf8_lossy(&piped.stdout).starts_with("  0    |   1    |"));
}

#[test]
fn without_a_terminal_animate_refuses() {
    let output = crate::util::corolife()
        .args(["animate", "glider"])
        .stdin(Stdio::null())
        .output()
        .expect("corolife starts");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: corolife animate needs a terminal"),
        "{stderr}"
    );
}

/// What a frame on the plane shows: the status line's fields and the
/// live cells drawn in half-blocks (cells, not their places: the view
/// moves).
struct PlaneFrame {
    status: String,
    generation: u64,
    population: u64,
    /// Cells a dot along each side, from the status line's `1:N`.
    zoom: u64,
    cells: usize,
}

/// Reads a frame whose status line starts with `name · ` and says it is
/// on the plane, or `None` if the screen holds none (yet).
fn plane_frame(screen: &str, name: &str) -> Option<PlaneFrame> {
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .rposition(|l| l.starts_with(&format!("{name} · ")))?;
    let status = lines[at].trim_end().to_owned();
    let fields: Vec<&str> = status.split(" · ").collect();
    if !fields.contains(&"plane") {
        return None;
    }
    let number = |prefix: &str| -> Option<u64> {
        fields
            .iter()
            .find_map(|f| f.strip_prefix(prefix))?
            .parse()
            .ok()
    };
    let cells = lines[..at]
        .iter()
        .flat_map(|l| l.chars())
        .map(|c| match c {
            '▀' | '▄' => 1,
            '█' => 2,
            _ => 0,
        })
        .sum();
    Some(PlaneFrame {
        generation: number("gen ")?,
        population: number("pop ")?,
        zoom: number("1:")?,
        cells,
        status,
    })
}

/// Waits for a frame of `name` on the plane that `accept` takes.
fn wait_for_plane(
    tmux: &Tmux,
    name: &str,
    what: &str,
    mut accept: impl FnMut(&PlaneFrame) -> bool,
) -> PlaneFrame {
    let mut found = None;
    tmux.wait_for(what, |screen| {
        found = plane_frame(screen, name).filter(|f| accept(f));
        found.is_some()
    });
    found.expect("the frame waited for")
}

#[test]
#[cfg_attr(no_tmux, ignore = "tmux is not installed")]
fn a_glider_on_the_plane_stays_on_the_screen_for_a_thousand_generations() {
    let Some(tmux) = Tmux::start("the following test", 160, 30) else {
        return;
    };
    tmux.type_line(&format!(
        "{} animate glider; echo \"follow exited with $?\"; stty -a > stty.txt",
        binary()
    ));
    let first = wait_for_plane(&tmux, "Glider", "the glider on the plane", |f| f.cells == 5);
    assert!(
        first.status.contains(" · 1:1 · tracking · running · "),
        "{}",
        first.status
    );
    // 30 fps, 60, then ×2 … ×64, then steps of 2^7 and 2^8 a frame.
    tmux.keys("+++++++++");
    wait_for_plane(&tmux, "Glider", "a thousand generations", |f| {
        f.generation >= 1000
    });
    tmux.keys(" ");
    let paused = wait_for_plane(&tmux, "Glider", "the paused glider", |f| {
        f.status.contains(" · paused · ")
    });
    assert!(paused.generation >= 1000, "{}", paused.status);
    assert!(
        paused.status.contains(" · step 2^8 · "),
        "{}",
        paused.status
    );
    // Tracked, all five cells are drawn, 250 cells or more from where
    // the glider started.
    assert_eq!(
        (paused.population, paused.cells),
        (5, 5),
        "{}",
        paused.status
    );
    tmux.keys("q");
    assert_eq!(wait_for_exit(&tmux, "follow"), "0");
    tmux.assert_restored();
    assert_cooked(&tmux, "stty.txt");
}

#[test]
#[cfg_attr(no_tmux, ignore = "tmux is not installed")]
fn zooming_out_shows_a_whole_acorn() {
    let Some(tmux) = Tmux::start("the zoom test", 120, 30) else {
        return;
    };
    tmux.type_line(&format!(
        "{} animate acorn; echo \"zoom exited with $?\"",
        binary()
    ));
    wait_for_plane(&tmux, "Acorn", "the acorn", |f| f.cells > 0);
    // Steps of 2^8 a frame, to a few thousand generations.
    tmux.keys("+++++++++");
    wait_for_plane(&tmux, "Acorn", "generation 2000", |f| f.generation >= 2000);
    tmux.keys(" ");
    let paused = wait_for_plane(&tmux, "Acorn", "the paused acorn", |f| {
        f.status.contains(" · paused · ")
    });
    // f: the least zoom that shows the acorn's whole box, its gliders
    // too, on the 29 lines of 120 half-blocks.
    tmux.keys("f");
    let fitted = wait_for_plane(&tmux, "Acorn", "the fitted acorn", |f| {
        f.generation == paused.generation && f.zoom > 1 && f.cells > 0
    });
    let pattern = library::pattern("acorn").expect("built in");
    let mut acorn = corolife::Simulation::new(&pattern, Rule::LIFE).expect("a simulation");
    acorn.run(fitted.generation).expect("runs");
    let bounds = acorn.bounding_box().expect("alive");
    let (height, width) = (bounds.height(), bounds.width());
    let zoom = fitted.zoom;
    assert!(
        58 * zoom >= height && 120 * zoom >= width,
        "{height}x{width} cells do not fit at 1:{zoom}"
    );
    assert!(
        58 * zoom / 2 < height || 120 * zoom / 2 < width,
        "{height}x{width} cells would fit at 1:{}",
        zoom / 2
    );
    assert_eq!(fitted.population, acorn.population());
    // [ zooms out further, keeping the middle: on an even number of rows
    // and columns of dots every new dot covers two old ones whole, so
    // there are fewer, or as many.
    tmux.keys("[");
    let out = wait_for_plane(&tmux, "Acorn", "the acorn zoomed out", |f| {
        f.zoom == 2 * zoom
    });
    assert!(out.cells > 0 && out.cells <= fitted.cells, "{}", out.status);
    tmux.keys("q");
    assert_eq!(wait_for_exit(&tmux, "zoom"), "0");
    tmux.assert_restored();
}

#[test]
#[cfg_attr(no_tmux, ignore = "tmux is not installed")]
fn b_after_five_steps_is_back_at_generation_0() {
    let Some(tmux) = Tmux::start("the back test", 160, 30) else {
        return;
    };
    tmux.type_line(&format!(
        "{} animate glider --paused; echo \"back exited with $?\"",
        binary()
    ));
    let start = wait_for_plane(&tmux, "Glider", "the paused glider", |f| f.cells == 5);
    assert_eq!(start.generation, 0);
    tmux.keys("nnnnn");
    wait_for_plane(&tmux, "Glider", "generation 5", |f| f.generation == 5);
    tmux.keys("bbbb");
    wait_for_plane(&tmux, "Glider", "generation 1", |f| f.generation == 1);
    tmux.key("BSpace");
    let back = wait_for_plane(&tmux, "Glider", "generation 0", |f| f.generation == 0);
    assert_eq!((back.population, back.cells), (5, 5), "{}", back.status);
    tmux.keys("b");
    wait_for_plane(&tmux, "Glider", "the history used up", |f| {
        f.status.contains(" · no history left")
    });
    tmux.keys("q");
    assert_eq!(wait_for_exit(&tmux, "back"), "0");
    tmux.assert_restored();
}
