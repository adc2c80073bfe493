//! `corolife render`: GIFs, PNGs and SVGs decoded and checked cell by cell
//! against `corolife run`; refusals that leave nothing behind; and the
//! README's pictures, made again and compared.

use std::path::Path;
use std::process::{Command, Output};

use corolife::render::picture::{Palette, Theme};
use corolife::{Grid, State};

use crate::util::{Decoded, Rgb, TempDir, assert_refused, corolife, decode_gif, decode_png, run};

/// Asserts success and silence: nothing on stdout or stderr (stderr is not
/// a terminal here, so no progress bar either).
fn success(output: &Output) {
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "stderr: {err}");
    assert_eq!(err, "", "stderr");
    assert!(output.stdout.is_empty(), "stdout");
}

/// `corolife render` with `args`, then `-o out`.
fn render(args: &[&str], out: &Path) -> Output {
    let mut all = vec!["render"];
    all.extend(args);
    let out = out.to_string_lossy();
    all.extend(["-o", &out]);
    run(&all)
}

/// The grid `corolife run PATTERN ARGS` prints.
fn run_grid(pattern: &str, args: &[&str]) -> Grid {
    let mut all = vec!["run", pattern];
    all.extend(args);
    let output = run(&all);
    assert!(output.status.success(), "corolife run {all:?}");
    String::from_utf8_lossy(&output.stdout)
        .parse()
        .expect("run prints a grid")
}

fn rgb(colour: corolife::render::Rgb) -> Rgb {
    [colour.r, colour.g, colour.b]
}

/// The documented geometry, worked out here independently: a border of
/// `1 + scale / 8` pixels, and one-pixel grid lines for cells of 6 pixels
/// or more.
struct Geometry {
    scale: usize,
}

impl Geometry {
    fn border(&self) -> usize {
        1 + self.scale / 8
    }

    fn pitch(&self) -> usize {
        self.scale + usize::from(self.scale >= 6)
    }

    /// Width (or height) of the picture of `cells` columns (or rows).
    fn side(&self, cells: usize) -> usize {
        2 * self.border() + cells * self.pitch() - (self.pitch() - self.scale)
    }

    /// The pixel at the centre of cell (`row`, `col`).
    fn centre(&self, row: usize, col: usize) -> (usize, usize) {
        let at = |i: usize| self.border() + i * self.pitch() + self.scale / 2;
        (at(col), at(row))
    }
}

/// Asserts that frame `frame` of `picture` shows `grid` of a two-state rule.
fn assert_shows(picture: &Decoded, frame: usize, grid: &Grid, scale: usize, theme: Theme) {
    assert_shows_states(picture, frame, grid, scale, theme, 2);
}

/// Asserts that frame `frame` of `picture` shows `grid`, whose rule has
/// `states` states: the centre pixel of every cell in its state's colour
/// (live, background, or a dying shade between); the corner in the border's
/// colour.
fn assert_shows_states(
    picture: &Decoded,
    frame: usize,
    grid: &Grid,
    scale: usize,
    theme: Theme,
    states: usize,
) {
    let geometry = Geometry { scale };
    assert_eq!(
        (picture.width, picture.height),
        (geometry.side(grid.cols()), geometry.side(grid.rows())),
        "the picture's size"
    );
    let palette = Palette::new(theme, states);
    assert_ne!(palette.colour(State::ALIVE), palette.colour(State::EMPTY));
    for (r, row) in grid.iter_rows().enumerate() {
        for (c, state) in row.iter().enumerate() {
            let (x, y) = geometry.centre(r, c);
            let expected = rgb(palette.colour(*state));
            assert_eq!(
                picture.pixel(frame, x, y),
                expected,
                "frame {frame}, cell ({r}, {c}) {state:?}, pixel ({x}, {y})"
            );
        }
    }
    let border = rgb(palette.colours()[usize::from(palette.border())]);
    assert_eq!(picture.pixel(frame, 0, 0), border);
    let last = (picture.width - 1, picture.height - 1);
    assert_eq!(picture.pixel(frame, last.0, last.1), border);
}

#[test]
fn a_glider_gif_has_a_frame_per_generation_with_each_live_cell_in_the_live_colour() {
    let dir = TempDir::new("render-glider-gif");
    let out = dir.join("glider.gif");
    success(&render(
        &["glider", "--size", "8x8", "--gens", "4", "--scale", "10"],
        &out,
    ));
    let gif = decode_gif(&out);
    assert_eq!(gif.frames.len(), 5, "generations 0 to 4");
    assert_eq!((gif.width, gif.height), (91, 91));
    assert_eq!(gif.delays, [10; 5], "10 frames per second");
    for generation in 0..5 {
        let grid = run_grid(
            "glider",
            &["--size", "8x8", "--gens", &generation.to_string()],
        );
        assert_eq!(grid.population(), 5);
        assert_shows(&gif, generation, &grid, 10, Theme::Light);
    }
    // A grid line between the first two cells of the top row.
    let palette = Palette::new(Theme::Light, 2);
    let line = rgb(palette.colours()[usize::from(palette.grid_line())]);
    assert_eq!(gif.pixel(0, 2 + 10, 5), line);
}

/// Frames every 7 generations up to 40, on a torus the glider crosses:
/// the changed part of each frame wraps round the edges.
#[test]
fn gif_frames_come_every_k_generations_and_end_with_the_last() {
    let dir = TempDir::new("render-every");
    let out = dir.join("every.gif");
    let args = [
        "--size", "8x8", "--gens", "40", "--every", "7", "--scale", "3", "--fps", "25",
    ];
    let mut with_pattern = vec!["glider"];
    with_pattern.extend(args);
    success(&render(&with_pattern, &out));
    let gif = decode_gif(&out);
    let shown = [0, 7, 14, 21, 28, 35, 40];
    assert_eq!(gif.frames.len(), shown.len());
    assert_eq!(gif.delays, [4; 7], "25 frames per second");
    for (frame, generation) in shown.into_iter().enumerate() {
        let generation = generation.to_string();
        let grid = run_grid("glider", &["--size", "8x8", "--gens", &generation]);
        assert_shows(&gif, frame, &grid, 3, Theme::Light);
        // Every pixel, against the PNG of the same generation: the GIF's
        // frames after the first hold only what changed.
        let png = dir.join(&format!("{generation}.png"));
        success(&render(
            &[
                "glider",
                "--size",
                "8x8",
                "--gen",
                &generation,
                "--scale",
                "3",
            ],
            &png,
        ));
        let png = decode_png(&png);
        assert!(gif.frames[frame] == png.frames[0], "frame {frame}");
    }
}

/// A still life changes nothing, yet every generation is still a frame.
#[test]
fn a_still_life_still_has_a_frame_per_generation() {
    let dir = TempDir::new("render-still");
    let out = dir.join("block.gif");
    success(&render(
        &["block", "--gens", "3", "--theme", "dark", "--scale", "6"],
        &out,
    ));
    let gif = decode_gif(&out);
    assert_eq!(gif.frames.len(), 4);
    // On the plane the picture is the block's box with 8 cells around.
    let grid = run_grid("block", &["--size", "18x18"]);
    for frame in 0..4 {
        assert_shows(&gif, frame, &grid, 6, Theme::Dark);
    }
}

#[test]
fn a_png_shows_the_last_generation_or_the_one_asked_for() {
    let dir = TempDir::new("render-png");
    let last = dir.join("last.png");
    success(&render(
        &[
            "r-pentomino",
            "--size",
            "20x20",
            "--gens",
            "12",
            "--scale",
            "4",
        ],
        &last,
    ));
    let png = decode_png(&last);
    let twelve = run_grid("r-pentomino", &["--size", "20x20", "--gens", "12"]);
    assert_shows(&png, 0, &twelve, 4, Theme::Light);

    let fifth = dir.join("fifth.png");
    success(&render(
        &[
            "r-pentomino",
            "--size",
            "20x20",
            "--gen",
            "5",
            "--scale",
            "7",
            "--theme",
            "dark",
        ],
        &fifth,
    ));
    let five = run_grid("r-pentomino", &["--size", "20x20", "--gens", "5"]);
    assert_shows(&decode_png(&fifth), 0, &five, 7, Theme::Dark);
    assert_ne!(five, twelve);
}

#[test]
fn generations_states_are_drawn_in_graded_colours() {
    // Brian's Brain (/2/3): firing cells are state 1, refractory ones 2.
    let dir = TempDir::new("render-generations");
    let out = dir.join("brain.png");
    let args = ["--size", "12x12", "--gens", "1"];
    success(&render(
        &[
            "brians-brain-p3",
            "--size",
            "12x12",
            "--gen",
            "1",
            "--scale",
            "5",
        ],
        &out,
    ));
    let grid = run_grid("brians-brain-p3", &args);
    let dying = grid.cells().iter().filter(|s| s.value() == 2).count();
    assert!(dying > 0, "generation 1 has refractory cells:\n{grid}");
    assert_shows_states(&decode_png(&out), 0, &grid, 5, Theme::Light, 3);
    let palette = Palette::new(Theme::Light, 3);
    let shade = palette.colour(State::new(2));
    assert_ne!(shade, palette.colour(State::ALIVE));
    assert_ne!(shade, palette.colour(State::EMPTY));
}

/// Without --scale, the largest scale up to 16 whose picture is at most
/// 800 pixels a side; without --size, the pattern's box and a margin of 8.
#[test]
fn the_scale_and_size_default_to_a_picture_that_fits() {
    let dir = TempDir::new("render-defaults");
    let small = dir.join("small.png");
    success(&render(&["glider"], &small));
    // A 3x3 glider with a margin of 8: 19 cells at 16 pixels.
    assert_shows(
        &decode_png(&small),
        0,
        &run_grid("glider", &["--size", "19x19"]),
        16,
        Theme::Light,
    );
    let large = dir.join("large.png");
    success(&render(&["glider", "--size", "200x100"], &large));
    // 200 rows at 3 pixels: 2 + 600; at 4 they would be 802.
    let png = decode_png(&large);
    assert_eq!((png.width, png.height), (302, 602));
}

/// Zoomed out to N cells a pixel, a pixel is alive when any cell of its
/// N × N square is; without --scale a picture too large at one pixel a
/// cell zooms out by the least power of two that fits 800 pixels.
#[test]
fn zoomed_out_a_pixel_shows_whether_any_cell_under_it_is_alive() {
    let dir = TempDir::new("render-zoom");
    let out = dir.join("zoom.png");
    let zoomed = [
        "r-pentomino",
        "--size",
        "64x96",
        "--gen",
        "300",
        "--scale",
        "1/4",
    ];
    success(&render(&zoomed, &out));
    let full = run_grid("r-pentomino", &["--size", "64x96", "--gens", "300"]);
    let mut expected = Grid::new(16, 24).expect("small");
    for r in 0..64 {
        for c in 0..96 {
            if full.query(r, c).is_alive() {
                expected.assign(r / 4, c / 4, State::ALIVE);
            }
        }
    }
    assert!(expected.population() > 10, "{expected}");
    assert!(
        expected.population() < 16 * 24,
        "some squares are empty:\n{expected}"
    );
    assert_shows(&decode_png(&out), 0, &expected, 1, Theme::Light);

    let large = dir.join("large.png");
    success(&render(&["glider", "--size", "2000x1000"], &large));
    // 2000 rows at 1 pixel would be 2002 high; at 1/4, 500 rows: 502.
    let png = decode_png(&large);
    assert_eq!((png.width, png.height), (252, 502));
}

/// The rectangles inside the SVG's live-cell group, as (x, y, width,
/// height).
fn live_rectangles(svg: &str) -> Vec<[usize; 4]> {
    let document = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    document
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("state-1"))
        .flat_map(|g| g.children().filter(|n| n.has_tag_name("rect")))
        .map(|rect| {
            ["x", "y", "width", "height"].map(|name| {
                rect.attribute(name)
                    .and_then(|v| v.parse().ok())
                    .expect("a numeric attribute")
            })
        })
        .collect()
}

/// Runs of live cells in each row of `grid`.
fn runs(grid: &Grid) -> usize {
    grid.to_string()
        .lines()
        .map(|line| line.split('-').filter(|run| !run.is_empty()).count())
        .sum()
}

#[test]
fn an_svg_has_one_rectangle_per_run_of_live_cells() {
    let dir = TempDir::new("render-svg");
    let glider = dir.join("glider.svg");
    success(&render(
        &["glider", "--size", "5x5", "--scale", "10"],
        &glider,
    ));
    let text = std::fs::read_to_string(&glider).expect("written");
    // The glider's box at (1, 1), its rows one cell, one cell and three
    // cells; a border of 2, a pitch of 11.
    assert_eq!(
        live_rectangles(&text),
        [[24, 13, 10, 10], [35, 24, 10, 10], [13, 35, 32, 10]]
    );

    let gun = dir.join("gun.svg");
    let args = ["--size", "30x50", "--gens", "40"];
    success(&render(
        &[
            "gosper-gun",
            "--size",
            "30x50",
            "--gens",
            "40",
            "--scale",
            "8",
        ],
        &gun,
    ));
    let grid = run_grid("gosper-gun", &args);
    let rectangles = live_rectangles(&std::fs::read_to_string(&gun).expect("written"));
    assert_eq!(rectangles.len(), runs(&grid));
    let pitch = 9;
    let cells: usize = rectangles.iter().map(|r| (r[2] + 1) / pitch).sum();
    assert_eq!(cells, grid.population());
    let geometry = Geometry { scale: 8 };
    for [x, y, _, height] in rectangles {
        let (row, col) = ((y - 2) / pitch, (x - 2) / pitch);
        assert_eq!(geometry.centre(row, col), (x + 4, y + 4));
        assert_eq!(grid.query(row as i32, col as i32), State::ALIVE);
        assert_eq!(height, 8);
    }
}

/// The names in `dir` after each refusal: only what the test put there.
#[test]
fn refusals_name_the_path_and_leave_nothing_behind() {
    let dir = TempDir::new("render-refused");
    let old = dir.join("old.png");
    std::fs::write(&old, "an old picture\n").expect("write");
    std::fs::write(dir.join("file"), "").expect("write");
    std::fs::create_dir(dir.join("taken.svg")).expect("mkdir");
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let cases: [(Vec<String>, Vec<&str>); 11] = [
        (
            vec!["glider".into(), "-o".into(), path("out.bmp")],
            vec!["out.bmp", ".gif, .png or .svg"],
        ),
        (
            vec!["glider".into(), "-o".into(), path("no/such/dir/out.gif")],
            vec!["out.gif", "cannot write"],
        ),
        (
            vec!["glider".into(), "-o".into(), path("file/out.png")],
            vec!["file/out.png", "cannot write"],
        ),
        (
            vec!["glider".into(), "-o".into(), path("taken.svg")],
            vec!["taken.svg", "is a directory"],
        ),
        (
            ["glider", "--size", "10x70000", "--scale", "1", "-o"]
                .map(String::from)
                .into_iter()
                .chain([path("wide.gif")])
                .collect(),
            vec!["wide.gif", "70002x12 pixels", "at most 65535"],
        ),
        (
            ["glider", "--size", "20000x20000", "--scale", "2", "-o"]
                .map(String::from)
                .into_iter()
                .chain([path("old.png")])
                .collect(),
            vec!["old.png", "40002x40002 pixels", "268435456"],
        ),
        (
            ["glider", "--scale", "4000000000", "-o"]
                .map(String::from)
                .into_iter()
                .chain([path("huge.svg")])
                .collect(),
            vec!["huge.svg", "more than 4294967295"],
        ),
        (
            ["glider", "--gen", "3", "-o"]
                .map(String::from)
                .into_iter()
                .chain([path("one.gif")])
                .collect(),
            vec!["--gen", "GIF"],
        ),
        (
            ["glider", "--every", "3", "-o"]
                .map(String::from)
                .into_iter()
                .chain([path("old.png")])
                .collect(),
            vec!["--every", "PNG"],
        ),
        (
            ["glider", "--gen", "3", "--gens", "4", "-o"]
                .map(String::from)
                .into_iter()
                .chain([path("old.png")])
                .collect(),
            vec!["--gen", "--gens"],
        ),
        (
            ["no-such-pattern", "-o"]
                .map(String::from)
                .into_iter()
                .chain([path("old.png")])
                .collect(),
            vec!["no-such-pattern"],
        ),
    ];
    for (args, needles) in cases {
        let mut all = vec!["render"];
        all.extend(args.iter().map(String::as_str));
        assert_refused(&run(&all), &needles);
        assert_eq!(dir.names(), ["file", "old.png", "taken.svg"], "{args:?}");
        assert_eq!(
            std::fs::read_to_string(&old).expect("read"),
            "an old picture\n"
        );
    }
}

#[test]
#[cfg(unix)]
fn an_unwritable_directory_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("render-locked");
    let locked = dir.join("locked");
    std::fs::create_dir(&locked).expect("mkdir");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root writes anywhere; /proc refuses new files to everyone.
    let writable = std::fs::write(locked.join("probe"), "").is_ok();
    let out = if writable {
        Path::new("/proc/corolife-render-test.png").to_path_buf()
    } else {
        locked.join("out.png")
    };
    let name = out.file_name().expect("a name").to_string_lossy();
    assert_refused(&render(&["glider"], &out), &[&name, "cannot write"]);
    let _ = std::fs::remove_file(locked.join("probe"));
    assert_eq!(std::fs::read_dir(&locked).expect("ls").count(), 0);
    assert!(!out.exists());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// The file system refuses the write halfway (a file-size limit, with the
/// signal it sends ignored so that the write fails instead): the old file
/// stays, the temporary one goes.
#[test]
#[cfg(unix)]
fn a_write_that_fails_halfway_leaves_the_old_file_and_no_temporary_one() {
    let dir = TempDir::new("render-full");
    let out = dir.join("gun.gif");
    std::fs::write(&out, "an old animation\n").expect("write");
    let output = Command::new("sh")
        .arg("-c")
        .arg(r#"trap '' XFSZ; ulimit -f 8; exec "$0" "$@""#)
        .arg(env!("CARGO_BIN_EXE_corolife"))
        .args([
            "render",
            "gosper-gun",
            "--gens",
            "200",
            "--scale",
            "8",
            "-o",
        ])
        .arg(&out)
        .output()
        .expect("sh runs");
    assert_refused(&output, &["gun.gif", "cannot write"]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(err.matches("os error").count(), 1, "the cause once: {err}");
    assert_eq!(dir.names(), ["gun.gif"]);
    assert_eq!(
        std::fs::read_to_string(&out).expect("read"),
        "an old animation\n"
    );
}

/// SIGINT in the middle of a long animation: corolife removes the
/// temporary file, keeps the old one, and ends as interrupted.
#[test]
#[cfg(unix)]
fn an_interrupted_render_leaves_the_old_file_and_no_temporary_one() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let dir = TempDir::new("render-interrupted");
    let out = dir.join("long.gif");
    std::fs::write(&out, "an old animation\n").expect("write");
    let mut child = corolife()
        // A billion generations, within the GIF's frame limit.
        .args([
            "render",
            "r-pentomino",
            "--size",
            "64x64",
            "--every",
            "100000",
        ])
        .args(["--gens", "1000000000"])
        .arg("-o")
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("corolife starts");
    // Once the temporary file is there, frames are being written into it.
    let deadline = Instant::now() + Duration::from_secs(60);
    while dir.names().len() < 2 {
        assert!(Instant::now() < deadline, "no temporary file appeared");
        std::thread::sleep(Duration::from_millis(10));
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("corolife went on after SIGINT");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(status.signal(), Some(2), "ended by SIGINT: {status:?}");
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        std::io::Read::read_to_string(&mut pipe, &mut stderr).expect("stderr");
    }
    assert_eq!(stderr, "", "no message: the signal ends it");
    assert_eq!(dir.names(), ["long.gif"]);
    assert_eq!(
        std::fs::read_to_string(&out).expect("read"),
        "an old animation\n"
    );
}

/// In a terminal, a long render shows its progress bar on stderr; Ctrl-C
/// ends it, leaving the old file and no temporary one.
#[test]
#[cfg(unix)]
#[cfg_attr(no_tmux, ignore = "tmux is not installed")]
fn a_long_render_shows_its_progress_in_a_terminal_and_ctrl_c_leaves_nothing() {
    use crate::util::tmux::{PROMPT, Tmux};

    let Some(tmux) = Tmux::start("the render progress test", 100, 10) else {
        return;
    };
    let out = tmux.dir().join("long.gif");
    std::fs::write(&out, "an old animation\n").expect("write");
    tmux.type_line(&format!(
        "'{}' render r-pentomino --size 64x64 --gens 1000000000 --every 100000 -o long.gif",
        env!("CARGO_BIN_EXE_corolife")
    ));
    let screen = tmux.wait_for("the progress bar", |screen| {
        screen.contains("rendering long.gif [") && screen.contains("/1000000000 (")
    });
    assert!(screen.contains("] generation "), "{screen}");
    tmux.keys("\u{3}");
    tmux.wait_for("the prompt after the render", |screen| {
        screen.matches(PROMPT).count() == 2
    });
    tmux.type_line("echo \"render exited with $?\"");
    tmux.wait_for("the exit status", |screen| {
        screen.contains("render exited with 130")
    });
    let mut names: Vec<String> = std::fs::read_dir(tmux.dir())
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != "socket")
        .collect();
    names.sort();
    assert_eq!(names, ["long.gif"]);
    assert_eq!(
        std::fs::read_to_string(&out).expect("read"),
        "an old animation\n"
    );
}

/// Every `corolife render … -o tests/pictures/NAME` command in the README's
/// "Pictures" section.
fn readme_commands() -> Vec<(String, Vec<String>)> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("the README");
    let section = readme
        .split("\n## Pictures\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("a Pictures section");
    section
        .lines()
        .filter_map(|line| line.strip_prefix("corolife render "))
        .map(|command| {
            let args: Vec<String> = command.split_whitespace().map(String::from).collect();
            let output = args
                .iter()
                .position(|a| a == "-o")
                .and_then(|i| args.get(i + 1))
                .expect("-o OUT");
            let name = output
                .strip_prefix("tests/pictures/")
                .expect("the picture goes to tests/pictures/");
            (name.to_owned(), args)
        })
        .collect()
}

/// An SVG's elements with their attributes, for comparing two documents
/// whatever their layout as text.
fn svg_elements(path: &Path) -> Vec<(String, Vec<(String, String)>)> {
    let text = std::fs::read_to_string(path).expect("an SVG");
    let document = roxmltree::Document::parse(&text).expect("well-formed XML");
    document
        .descendants()
        .filter(roxmltree::Node::is_element)
        .map(|n| {
            let mut attributes: Vec<(String, String)> = n
                .attributes()
                .map(|a| (a.name().to_owned(), a.value().to_owned()))
                .collect();
            attributes.sort();
            (n.tag_name().name().to_owned(), attributes)
        })
        .collect()
}

/// The README's pictures are exactly what their commands make today:
/// each command is run again and the result compared with the file, by
/// decoded pixels and frames (SVG by elements), not by bytes.
#[test]
fn the_readme_pictures_are_what_their_commands_make() {
    let pictures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pictures");
    let commands = readme_commands();
    assert!(commands.len() >= 2, "at least two pictures");
    let mut made: Vec<String> = commands.iter().map(|(name, _)| name.clone()).collect();
    made.sort();
    let mut files: Vec<String> = std::fs::read_dir(&pictures)
        .expect("tests/pictures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, made, "every picture has its command in the README");
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("the README");

    let dir = TempDir::new("render-readme");
    for (name, args) in commands {
        assert!(
            readme.contains(&format!("](tests/pictures/{name})")),
            "the README shows {name}"
        );
        let fresh = dir.join(&name);
        let fresh_arg = fresh.to_string_lossy().into_owned();
        let mut command: Vec<&str> = vec!["render"];
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            command.push(arg);
            if arg == "-o" {
                iter.next();
                command.push(&fresh_arg);
            }
        }
        success(&run(&command));
        let stored = pictures.join(&name);
        let hint = format!("{name} is stale: run `corolife render {}`", args.join(" "));
        match Path::new(&name).extension().and_then(|e| e.to_str()) {
            Some("gif") | Some("png") => {
                let decode = if name.ends_with(".gif") {
                    decode_gif
                } else {
                    decode_png
                };
                let (old, new) = (decode(&stored), decode(&fresh));
                assert_eq!((old.width, old.height), (new.width, new.height), "{hint}");
                assert_eq!(old.frames.len(), new.frames.len(), "{hint}");
                assert_eq!(old.delays, new.delays, "{hint}");
                assert!(old.frames == new.frames, "{hint}");
            }
            Some("svg") => assert_eq!(svg_elements(&stored), svg_elements(&fresh), "{hint}"),
            _ => panic!("{name}: not a picture"),
        }
        let size = std::fs::metadata(&stored).expect("stat").len();
        assert!(size < 100_000, "{name} is {size} bytes: keep it small");
    }
}
