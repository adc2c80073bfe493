//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod tmux;

/// The `corolife` binary built for these tests.
pub fn corolife() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corolife"))
}

/// Runs `corolife` with `args` and returns what it did.
pub fn run(args: &[&str]) -> Output {
    corolife().args(args).output().expect("corolife starts")
}

/// Runs `corolife` with `args`, `input` on its standard input.
pub fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = corolife()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("corolife starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("corolife finishes")
}

/// The directory of the pattern corpus: real pattern files with the exact
/// output `corolife run` must print.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// The built-in patterns' directory.
pub fn patterns_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("patterns")
}

/// The pattern files (`.rle`, `.cells`, `.lif`, `.life`) directly in `dir`,
/// sorted.
pub fn pattern_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("pattern directory")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| {
            path.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "rle" | "cells" | "lif" | "life"))
        })
        .collect();
    files.sort();
    files
}

/// A fresh directory for one test, removed with everything in it when
/// dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    /// A new empty directory whose name includes `label`.
    pub fn new(label: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!("corolife-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temp dir");
        TempDir(path)
    }

    /// A path inside the directory.
    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// The names of the files in the directory, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .expect("temp dir")
            .map(|entry| {
                entry
                    .expect("directory entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A path inside the corpus, as a string for command lines.
pub fn corpus(file: &str) -> String {
    corpus_dir().join(file).to_string_lossy().into_owned()
}

/// One line of `cases.tsv`.
#[derive(Debug, Clone)]
pub struct Case {
    pub file: String,
    pub rows: usize,
    pub cols: usize,
    pub gens: u64,
    pub rule: Option<String>,
    pub population: usize,
}

impl Case {
    /// The exact expected output.
    pub fn expected(&self) -> String {
        let stem = self
            .file
            .rsplit_once('.')
            .map_or(&*self.file, |(stem, _)| stem);
        std::fs::read_to_string(corpus_dir().join(format!("{stem}.expect")))
            .expect("expected output")
    }
}

/// Every case of the corpus.
pub fn cases() -> Vec<Case> {
    let table = std::fs::read_to_string(corpus_dir().join("cases.tsv")).expect("cases.tsv");
    table
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 6, "cases.tsv line {line:?}");
            Case {
                file: fields[0].to_owned(),
                rows: fields[1].parse().expect("rows"),
                cols: fields[2].parse().expect("cols"),
                gens: fields[3].parse().expect("gens"),
                rule: Some(fields[4]).filter(|r| !r.is_empty()).map(str::to_owned),
                population: fields[5].parse().expect("population"),
            }
        })
        .collect()
}

/// Where two texts first differ, for failure messages.
pub fn first_difference(expected: &str, actual: &str) -> String {
    let mismatch = expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a);
    match mismatch {
        Some(i) => format!(
            "first difference on line {}:\n  expected {:?}\n  actual   {:?}",
            i + 1,
            expected.lines().nth(i).unwrap_or(""),
            actual.lines().nth(i).unwrap_or("")
        ),
        None => format!(
            "expected {} lines, got {}",
            expected.lines().count(),
            actual.lines().count()
        ),
    }
}

/// Asserts a clean refusal: exit status 2, nothing on stdout, one
/// `error: …` line on stderr containing each of `needles`, no panic.
pub fn assert_refused(output: &Output, needles: &[&str]) {
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr: {err}");
    assert!(
        output.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.starts_with("error: "), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    for needle in needles {
        assert!(err.contains(needle), "{needle:?} not in {err:?}");
    }
}

/// An RGB colour of a decoded picture.
pub type Rgb = [u8; 3];

/// A decoded picture or animation: its size, and every frame as a viewer
/// shows it, in RGB, row after row.
pub struct Decoded {
    pub width: usize,
    pub height: usize,
    pub frames: Vec<Vec<Rgb>>,
    /// Each GIF frame's delay, in hundredths of a second.
    pub delays: Vec<u16>,
}

impl Decoded {
    /// The colour of pixel (`x`, `y`) in frame `frame`.
    pub fn pixel(&self, frame: usize, x: usize, y: usize) -> Rgb {
        assert!(x < self.width && y < self.height, "({x}, {y}) is outside");
        self.frames[frame][y * self.width + x]
    }
}

/// Decodes a GIF with the `gif` crate and composes its frames the way a
/// viewer shows them: each frame drawn at its place over what the previous
/// ones left, its transparent pixels leaving what was there.
pub fn decode_gif(path: &Path) -> Decoded {
    let file = std::fs::File::open(path).expect("the GIF opens");
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::Indexed);
    let mut decoder = options.read_info(file).expect("a GIF header");
    let (width, height) = (usize::from(decoder.width()), usize::from(decoder.height()));
    let global = decoder.global_palette().map(<[u8]>::to_vec);
    let mut canvas = vec![[0; 3]; width * height];
    let (mut frames, mut delays) = (Vec::new(), Vec::new());
    while let Some(frame) = decoder.read_next_frame().expect("a GIF frame") {
        assert!(
            matches!(
                frame.dispose,
                gif::DisposalMethod::Keep | gif::DisposalMethod::Any
            ),
            "frames keep what they draw"
        );
        let palette = frame
            .palette
            .clone()
            .or_else(|| global.clone())
            .expect("a palette");
        let (left, top) = (usize::from(frame.left), usize::from(frame.top));
        let frame_width = usize::from(frame.width);
        for (i, &index) in frame.buffer.iter().enumerate() {
            if Some(index) == frame.transparent {
                continue;
            }
            let (x, y) = (left + i % frame_width, top + i / frame_width);
            let at = 3 * usize::from(index);
            canvas[y * width + x] = [palette[at], palette[at + 1], palette[at + 2]];
        }
        frames.push(canvas.clone());
        delays.push(frame.delay);
    }
    Decoded {
        width,
        height,
        frames,
        delays,
    }
}

/// Decodes a PNG with the `png` crate into RGB: one frame, no delays.
pub fn decode_png(path: &Path) -> Decoded {
    let file = std::fs::File::open(path).expect("the PNG opens");
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buffer).expect("the PNG's pixels");
    assert_eq!(
        (info.color_type, info.bit_depth),
        (png::ColorType::Rgb, png::BitDepth::Eight),
        "an indexed PNG expands to 8-bit RGB"
    );
    let pixels = buffer[..info.buffer_size()]
        .chunks_exact(3)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    Decoded {
        width: info.width as usize,
        height: info.height as usize,
        frames: vec![pixels],
        delays: Vec::new(),
    }
}
