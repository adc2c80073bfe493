//! Text from files reaches the terminal escaped: a pattern's name, author
//! and comments in `info`, and the rule strings and paths quoted in error
//! messages. Files written keep the text as read.

use std::process::Output;

use crate::util::{TempDir, run, run_with_stdin};

/// A pattern whose every text field would retitle the terminal, colour it
/// or reorder what follows, were it printed raw.
const EVIL: &str = "#N Evil\u{1b}]2;PWNED\u{7}\n\
                    #O Mallory\u{1b}[31m\n\
                    #C clear\u{9b}2J\n\
                    #C \u{202e}reversed\n\
                    x = 3, y = 1, rule = B3/S23\n\
                    3o!\n";

/// Whether `bytes` holds a character a terminal acts on: C0 controls other
/// than the line feed, DEL, the C1 controls, the bidirectional override.
fn has_controls(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes)
        .chars()
        .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}')
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Exit status 2 and a single `error:` line with no control character.
fn assert_clean_error(output: &Output) -> String {
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(output.stdout.is_empty());
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!has_controls(&output.stderr), "{stderr:?}");
    stderr
}

#[test]
fn info_shows_a_names_author_and_comments_escaped() {
    let output = run_with_stdin(&["info", "-"], EVIL.as_bytes());
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(!has_controls(&output.stdout), "{:?}", text(&output.stdout));
    let report = text(&output.stdout);
    for line in [
        "name        Evil\\u{1b}]2;PWNED\\u{7}",
        "author      Mallory\\u{1b}[31m",
        "comments    clear\\u{9b}2J",
        "            \\u{202e}reversed",
    ] {
        assert!(report.lines().any(|l| l == line), "{line}:\n{report}");
    }
}

#[test]
fn files_written_keep_the_text_as_read() {
    let output = run_with_stdin(&["convert", "-", "--to", "rle"], EVIL.as_bytes());
    assert!(output.status.success(), "{}", text(&output.stderr));
    let written = text(&output.stdout);
    for line in EVIL.lines().take(4) {
        assert!(written.lines().any(|l| l == line), "{line:?}:\n{written}");
    }
}

#[test]
fn a_rule_with_control_characters_is_quoted_escaped() {
    // On the command line.
    let error = assert_clean_error(&run(&[
        "run",
        "glider",
        "--gens",
        "1",
        "--rule",
        "B3/S23:X\u{1b}]2;PWNED\u{7}",
    ]));
    assert!(
        error.contains("bad grid suffix \":X\\u{1b}]2;PWNED\\u{7}\""),
        "{error}"
    );
    // In a file.
    let file = "x = 3, y = 1, rule = B3/S23:T4\u{1b}]2;PWNED\u{7}\n3o!\n";
    let error = assert_clean_error(&run_with_stdin(
        &["run", "-", "--gens", "1"],
        file.as_bytes(),
    ));
    assert!(error.contains(":T4\\u{1b}]2;PWNED\\u{7}"), "{error}");
    let file = "x = 3, y = 1, rule = B3/S2\u{1b}3\n3o!\n";
    let error = assert_clean_error(&run_with_stdin(&["info", "-"], file.as_bytes()));
    assert!(error.contains("unexpected '\\u{1b}'"), "{error}");
}

#[test]
fn a_path_with_control_characters_is_quoted_escaped() {
    let error = assert_clean_error(&run(&["info", "no-such\u{1b}]2;PWNED\u{7}"]));
    assert!(error.contains("no-such\\u{1b}]2;PWNED\\u{7}"), "{error}");
    let dir = TempDir::new("escaping");
    let out = dir.join("dir\u{1b}[31m").join("out.rle");
    let out = out.to_string_lossy();
    assert_clean_error(&run(&["convert", "glider", "-o", &out]));
}

#[test]
fn a_parse_error_escapes_the_character_it_found() {
    let error = assert_clean_error(&run_with_stdin(&["info", "-"], b"x = 3, y = 1\n3\x1bo!\n"));
    assert!(error.contains("'\\u{1b}'"), "{error}");
}
