//! Bounded fuzzing of every text parser: arbitrary input never panics,
//! and every refusal is a message with no character a terminal would act
//! on. Each property runs a fixed number of cases, so CI stays quick; the
//! pattern formats' own fuzzing, with line and column checks, is in
//! `formats.rs`.

use corolife::format::{self, Format};
use corolife::rule::Topology;
use corolife::{Grid, Rule};
use proptest::collection::vec;
use proptest::prelude::*;

/// Whether `text` holds a character `corolife::escape` would escape.
fn has_controls(text: &str) -> bool {
    text.chars().any(corolife::escape::needs_escape)
}

/// Text made of what rules and suffixes are written with, and of what an
/// attacker would slip in.
const RULE_ALPHABET: &str =
    "[BbSsCcRrMmNn0-9/,.:+*\\-TtPpKkHhVvxyz \u{1b}\u{7}\u{9b}\u{202e}\n]{0,40}";

/// Refusals that quote the input must escape it.
fn clean<E: std::fmt::Display>(error: &E) -> Result<(), TestCaseError> {
    let message = error.to_string();
    prop_assert!(!message.is_empty());
    prop_assert!(!has_controls(&message), "{:?}", message);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_rule_text_is_read_or_refused_cleanly(text in prop_oneof![any::<String>(), RULE_ALPHABET]) {
        match text.parse::<Rule>() {
            // What is read writes back as a rule that reads the same.
            Ok(rule) => prop_assert_eq!(rule.to_string().parse::<Rule>(), Ok(rule)),
            Err(error) => clean(&error)?,
        }
    }

    #[test]
    fn any_grid_suffix_is_read_or_refused_cleanly(text in prop_oneof![any::<String>(), RULE_ALPHABET]) {
        if let Err(error) = text.parse::<Topology>() {
            clean(&error)?;
        }
    }

    #[test]
    fn any_grid_text_is_read_or_refused_cleanly(
        text in prop_oneof![any::<String>(), "[*\\-.\n\u{1b}x]{0,60}"]
    ) {
        if let Err(error) = text.parse::<Grid>() {
            clean(&error)?;
        }
    }

    #[test]
    fn any_pattern_file_is_read_or_refused_cleanly(bytes in vec(any::<u8>(), 0..300)) {
        if let Err(error) = format::parse_bytes(&bytes, None) {
            clean(&error)?;
        }
        let text = String::from_utf8_lossy(&bytes);
        for format in Format::ALL {
            if let Err(error) = format.parse(&text) {
                clean(&error)?;
            }
        }
    }
}

/// Header lines whose text reaches messages: rules and names.
fn hostile_header() -> impl Strategy<Value = String> {
    let junk = "[\u{0}-\u{1f}\u{7f}-\u{9f}\u{202a}-\u{202e}a-z:T0-9,]{0,12}";
    (junk, junk)
        .prop_map(|(rule, name)| format!("#N {name}\nx = 3, y = 1, rule = B3/S23{rule}\n3o!\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn hostile_headers_are_refused_cleanly(text in hostile_header()) {
        for format in Format::ALL {
            if let Err(error) = format.parse(&text) {
                clean(&error)?;
            }
        }
    }
}

proptest! {
    // Each case starts the binary: few of them.
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// What the command does with any file: a report, or exit status 2
    /// and one clean `error:` line; never a panic.
    #[test]
    fn the_command_answers_any_file_with_a_report_or_one_clean_line(
        bytes in prop_oneof![
            vec(any::<u8>(), 0..200),
            hostile_header().prop_map(String::into_bytes),
        ]
    ) {
        let output = crate::util::run_with_stdin(&["info", "-"], &bytes);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        match output.status.code() {
            Some(0) => {
                prop_assert!(stderr.is_empty(), "{}", stderr);
                prop_assert!(!stdout.chars().any(|c| c != '\n' && corolife::escape::needs_escape(c)), "{:?}", stdout);
            }
            Some(2) => {
                prop_assert!(stdout.is_empty());
                prop_assert!(stderr.starts_with("error: "), "{}", stderr);
                prop_assert_eq!(stderr.lines().count(), 1, "{}", stderr);
                prop_assert!(!has_controls(stderr.trim_end_matches('\n')), "{:?}", stderr);
            }
            other => prop_assert!(false, "exit {:?}: {}", other, stderr),
        }
    }
}

/// MCell files made of its own lines, some of them broken.
fn mcell_file() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "#L [0-9.$A-Xa-j ]{0,16}",
        "#BOARD [0-9x ]{0,8}",
        "#WRAP [0-9]{0,2}",
        "#(GOLLY|RULE) [A-Za-z0-9/,:. -]{0,16}",
        "#GAME [A-Za-z ]{0,20}",
        "#D .{0,10}",
        ".{0,12}",
    ];
    vec(line, 0..8).prop_map(|lines| format!("#MCell 4.20\n{}\n", lines.join("\n")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_mcell_file_is_read_or_refused_cleanly(text in mcell_file()) {
        if let Err(error) = Format::MCell.parse(&text) {
            clean(&error)?;
            prop_assert!(error.line >= 1 && error.column >= 1, "{}", error);
        }
    }

    /// Bytes that start like a zip file, a real bundle cut or changed.
    #[test]
    fn any_zip_bundle_is_read_or_refused_cleanly(
        cut in 0usize..1600,
        flips in vec((0usize..1600, any::<u8>()), 0..4),
        tail in vec(any::<u8>(), 0..40),
    ) {
        let bundle = include_bytes!("fixtures/bundle/factorize-84.zip");
        let mut bytes = bundle[..cut.min(bundle.len())].to_vec();
        for (at, byte) in flips {
            if let Some(b) = bytes.get_mut(at) {
                *b = byte;
            }
        }
        bytes.extend(tail);
        if let Err(error) = format::bundle::Bundle::read(&bytes) {
            clean(&error)?;
        }
        if let Err(error) = corolife::load::Source::bytes(&bytes, "bundle.zip") {
            clean(&error)?;
        }
    }
}
