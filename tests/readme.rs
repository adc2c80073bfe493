//! Every command the README shows, run with the built binary.
//!
//! The README's commands are found three ways:
//!
//! * every line of a ```` ```sh ```` block (less a trailing `# comment`)
//!   is a command; it must start with `corolife`, or be one of the two
//!   cargo commands of "Two commands" ([`CARGO`]), which are not run;
//! * in a ```` ```console ```` block, a line `$ corolife …` is a command and
//!   the lines after it, up to the next `$` or the end of the block, are
//!   exactly what it prints on stdout (a last line `...` makes the lines
//!   before it a prefix of the output);
//! * in a table row, a code span that starts with `corolife ` is a command;
//! * a ```` ```text NAME ```` block is a file the reader is shown how to
//!   write: its lines are written to `NAME` at that point, for the
//!   commands after it.
//!
//! They run in the order they appear, in one fresh directory (so a file one
//! command writes is there for the next), with stdout a pipe; `< FILE`
//! feeds FILE to stdin. Each must exit with status 0 and print what the
//! README shows, where it shows output; a command that writes a file
//! (`-o`) must leave it there, not empty. The directory also holds
//! `soup_2048.rle`, written as the README's Rust example writes it (that
//! example cannot run as a doctest: it writes into the current directory).
//!
//! Commands that animate (`corolife [PATTERN]` and `corolife animate` in
//! an `sh` block) need a terminal: they run inside tmux, and pass when
//! their status line shows, with the engine and density they ask for, and
//! `q` ends them with status 0.
//!
//! Nothing here can pass without running: the extraction must find every
//! kind of command and at least [`MIN_COMMANDS`] of them, and an unknown
//! line in an `sh` block fails the test.

#[path = "util/tmux.rs"]
#[allow(dead_code)]
mod tmux;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use corolife::{EngineKind, EngineOptions, Rule, Simulation, format, soup};

/// The only lines of an `sh` block that are not `corolife` commands.
const CARGO: [&str; 2] = ["cargo run --release", "cargo test"];

/// Fewer commands than this means the extraction has broken.
const MIN_COMMANDS: usize = 30;

/// The subcommands; a first word that is none of these is a pattern to
/// animate.
const SUBCOMMANDS: [&str; 11] = [
    "run",
    "bench",
    "convert",
    "info",
    "list",
    "render",
    "plot",
    "completions",
    "man",
    "animate",
    "help",
];

/// Where a command was found.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Source {
    Sh,
    Console,
    Table,
    /// A ```` ```text NAME ```` block: a file to write, not a command.
    File,
}

/// One command of the README.
#[derive(Debug)]
struct Example {
    /// Its line in the README, from 1.
    line: usize,
    source: Source,
    /// The words after `corolife`.
    args: Vec<String>,
    /// The file after `<`, fed to stdin.
    stdin: Option<String>,
    /// What the README shows it printing, and whether that is only the
    /// beginning.
    expected: Option<(Vec<String>, bool)>,
    /// For a file block: the file's name and text.
    file: Option<(String, String)>,
}

impl Example {
    /// Whether this command animates in a terminal.
    fn animates(&self) -> bool {
        self.source == Source::Sh
            && self
                .args
                .first()
                .is_none_or(|first| first == "animate" || !SUBCOMMANDS.contains(&first.as_str()))
    }

    fn text(&self) -> String {
        let mut text = format!("corolife {}", self.args.join(" "));
        if let Some(file) = &self.stdin {
            text.push_str(&format!(" < {file}"));
        }
        format!("README line {}: `{}`", self.line, text.trim())
    }

    /// The value of the first of `flags` in the arguments.
    fn flag(&self, flags: &[&str]) -> Option<&str> {
        let at = self.args.iter().position(|a| flags.contains(&a.as_str()))?;
        self.args.get(at + 1).map(String::as_str)
    }

    /// The file this command writes, if any.
    fn output_file(&self) -> Option<&str> {
        match self.args.first().map(String::as_str) {
            Some("run") => self.flag(&["-o", "--out"]),
            Some("convert" | "render" | "plot") => self.flag(&["-o", "--output"]),
            _ => None,
        }
        .filter(|file| *file != "-")
    }
}

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("the README")
}

/// Splits a command line into words: blanks separate them, and single or
/// double quotes keep blanks and `*` inside one, as a shell does.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    assert!(quote.is_none(), "an unclosed quote in `{line}`");
    if in_word {
        words.push(word);
    }
    words
}

/// A command line of the README as an [`Example`].
fn example(line: usize, source: Source, command: &str) -> Example {
    let mut all = words(command);
    assert_eq!(
        all.first().map(String::as_str),
        Some("corolife"),
        "README line {line}: `{command}` is not a corolife command"
    );
    all.remove(0);
    let mut stdin = None;
    if let Some(at) = all.iter().position(|w| w == "<") {
        assert_eq!(
            at + 2,
            all.len(),
            "README line {line}: `<` ends the command"
        );
        stdin = all.pop();
        all.pop();
    }
    for word in &all {
        assert!(
            !["|", ">", ";", "&&"].contains(&word.as_str()),
            "README line {line}: `{command}` needs a shell; show one command"
        );
    }
    Example {
        line,
        source,
        args: all,
        stdin,
        expected: None,
        file: None,
    }
}

/// The code spans of a table row that are commands.
fn table_commands(row: &str) -> Vec<&str> {
    row.split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| span.starts_with("corolife "))
        .collect()
}

/// Every command of the README, in order.
fn examples(readme: &str) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let mut fence: Option<String> = None;
    for (index, line) in readme.lines().enumerate() {
        let number = index + 1;
        if let Some(info) = line.strip_prefix("```") {
            fence = match fence {
                None => {
                    if let Some(name) = info.trim().strip_prefix("text ") {
                        examples.push(Example {
                            line: number,
                            source: Source::File,
                            args: Vec::new(),
                            stdin: None,
                            expected: None,
                            file: Some((name.trim().to_owned(), String::new())),
                        });
                    }
                    Some(info.trim().to_owned())
                }
                Some(_) => None,
            };
            continue;
        }
        match fence.as_deref() {
            None => {
                if line.starts_with('|') {
                    for command in table_commands(line) {
                        examples.push(example(number, Source::Table, command));
                    }
                }
            }
            Some("sh") => {
                let command = line.split(" #").next().unwrap_or_default().trim();
                if command.is_empty() || CARGO.contains(&command) {
                    continue;
                }
                examples.push(example(number, Source::Sh, command));
            }
            Some("console") => {
                if let Some(command) = line.strip_prefix("$ ") {
                    let mut found = example(number, Source::Console, command);
                    found.expected = Some((Vec::new(), false));
                    examples.push(found);
                } else {
                    let last = examples
                        .last_mut()
                        .filter(|e| e.source == Source::Console)
                        .and_then(|e| e.expected.as_mut())
                        .unwrap_or_else(|| {
                            panic!("README line {number}: output before any `$ ` command")
                        });
                    assert!(!last.1, "README line {number}: output after `...`");
                    if line == "..." {
                        last.1 = true;
                    } else {
                        last.0.push(line.to_owned());
                    }
                }
            }
            Some(info) if info.starts_with("text ") => {
                let (_, text) = examples
                    .last_mut()
                    .and_then(|e| e.file.as_mut())
                    .expect("the file block's example");
                text.push_str(line);
                text.push('\n');
            }
            Some(_) => {}
        }
    }
    assert!(fence.is_none(), "the README ends inside a code block");
    examples
}

/// A fresh directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!("corolife-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("a temporary directory");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The lines of the README's Rust example that make `soup_2048.rle`, which
/// [`write_soup`] repeats.
const SOUP_EXAMPLE: [&str; 3] = [
    "let grid = soup::soup(2048, 2048, soup::DEFAULT_SEED)?;",
    "let torus = Simulation::on_grid(grid, Rule::LIFE, EngineKind::Auto, EngineOptions::default())?;",
    "std::fs::write(\"soup_2048.rle\", format::rle::write(&torus.pattern())?)?;",
];

/// Writes `bench`'s 2048×2048 soup as the README's example does.
fn write_soup(dir: &Path) {
    let grid = soup::soup(2048, 2048, soup::DEFAULT_SEED).expect("a grid");
    let torus = Simulation::on_grid(grid, Rule::LIFE, EngineKind::Auto, EngineOptions::default())
        .expect("a torus");
    let rle = format::rle::write(&torus.pattern()).expect("RLE");
    std::fs::write(dir.join("soup_2048.rle"), rle).expect("soup_2048.rle");
}

/// Runs one command in `dir` and checks it as the module docs say.
fn check(example: &Example, dir: &Path) {
    if let Some((name, text)) = &example.file {
        std::fs::write(dir.join(name), text).expect("a README file");
        return;
    }
    let what = example.text();
    if let Some(file) = example.output_file() {
        let parent = dir.join(file);
        if let Some(parent) = parent.parent() {
            std::fs::create_dir_all(parent).expect("the output's directory");
        }
    }
    let stdin = match &example.stdin {
        Some(file) => Stdio::from(
            std::fs::File::open(dir.join(file)).unwrap_or_else(|e| panic!("{what}: {file}: {e}")),
        ),
        None => Stdio::null(),
    };
    let output = Command::new(env!("CARGO_BIN_EXE_corolife"))
        .args(&example.args)
        .current_dir(dir)
        .stdin(stdin)
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{what} exited with {}:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    if let Some((lines, prefix)) = &example.expected {
        if *prefix {
            let shown: Vec<&str> = stdout.lines().take(lines.len()).collect();
            assert_eq!(shown, *lines, "{what}: the output begins otherwise");
        } else {
            let expected = format!("{}\n", lines.join("\n"));
            assert_eq!(stdout, expected, "{what}: the output differs");
        }
    }
    if let Some(file) = example.output_file() {
        let written = std::fs::metadata(dir.join(file))
            .unwrap_or_else(|e| panic!("{what} wrote no {file}: {e}"));
        assert!(written.len() > 0, "{what} wrote an empty {file}");
    }
}

#[test]
fn every_command_of_the_readme_runs_as_shown() {
    let readme = readme();
    let examples = examples(&readme);
    assert!(
        examples.len() >= MIN_COMMANDS,
        "only {} commands found in the README",
        examples.len()
    );
    for source in [Source::Sh, Source::Console, Source::Table, Source::File] {
        assert!(
            examples.iter().any(|e| e.source == source),
            "no {source:?} command found"
        );
    }
    assert!(
        examples
            .iter()
            .any(|e| e.expected.as_ref().is_some_and(|x| !x.0.is_empty())),
        "no output to compare"
    );
    for line in SOUP_EXAMPLE {
        assert!(
            readme.lines().any(|l| l == line),
            "the README no longer makes soup_2048.rle with `{line}`: change write_soup too"
        );
    }
    let dir = TempDir::new("readme");
    write_soup(&dir.0);
    for example in examples.iter().filter(|e| !e.animates()) {
        check(example, &dir.0);
    }
}

/// `corolife`'s status line, as the animation draws it: the last line
/// holding ` · gen `.
fn status_line(screen: &str) -> Option<&str> {
    screen.lines().rev().find(|line| line.contains(" · gen "))
}

#[test]
#[cfg_attr(no_tmux, ignore = "tmux is not installed")]
fn every_animation_of_the_readme_runs_in_a_terminal() {
    let readme = readme();
    let animations: Vec<Example> = examples(&readme)
        .into_iter()
        .filter(Example::animates)
        .collect();
    assert!(
        animations.len() >= 2,
        "only {} animations found",
        animations.len()
    );
    for (index, example) in animations.iter().enumerate() {
        let what = example.text();
        let Some(tmux) = tmux::Tmux::start("the README's animations", 100, 30) else {
            return;
        };
        let marker = format!("animation {index}");
        let quoted: Vec<String> = example.args.iter().map(|a| format!("'{a}'")).collect();
        tmux.type_line(&format!(
            "'{}' {}; echo \"{marker} exited with $?\"",
            env!("CARGO_BIN_EXE_corolife"),
            quoted.join(" ")
        ));
        let screen = tmux.wait_for(&format!("{what}: its status line"), |screen| {
            status_line(screen).is_some()
        });
        let status = status_line(&screen).unwrap_or_default().trim().to_owned();
        let fields: Vec<&str> = status.split(" · ").collect();
        for flag in ["--density", "--engine"] {
            if let Some(value) = example.flag(&[flag]) {
                // An engine may name its threads: `bands (2 threads)`.
                let shown = fields
                    .iter()
                    .any(|f| *f == value || f.starts_with(&format!("{value} (")));
                assert!(
                    shown,
                    "{what}: the status line `{status}` shows no {flag} {value}"
                );
            }
        }
        tmux.keys("q");
        // The status is the line the prompt follows: the command line
        // typed may wrap so that a line of it starts with the same words.
        let done = format!("{marker} exited with ");
        let code = |screen: &str| -> Option<String> {
            let lines: Vec<&str> = screen.lines().collect();
            lines.windows(2).find_map(|pair| {
                let code = pair[0].strip_prefix(&done)?;
                pair[1]
                    .starts_with(tmux::PROMPT)
                    .then(|| code.trim().to_owned())
            })
        };
        let screen = tmux.wait_for(&format!("{what}: its end"), |screen| code(screen).is_some());
        let code = code(&screen).unwrap_or_default();
        assert_eq!(code, "0", "{what} exited with {code}");
        tmux.assert_restored();
    }
}
