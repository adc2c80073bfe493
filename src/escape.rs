//! Text from files, made safe to show in a terminal or an error message.
//!
//! A pattern file's name, author, comments and rule, and a path given on
//! the command line, may hold characters that a terminal acts on instead
//! of showing: the C0 controls (escape, bell, backspace, line breaks…),
//! DEL, the C1 controls (U+0080 to U+009F, among them a one-character
//! CSI), and the bidirectional overrides and isolates, which reorder what
//! follows them. [`escape`] writes each of these as Rust writes it in a
//! string literal (`\u{1b}`, `\n`, `\t`), and leaves every other
//! character, backslashes included, as it is; escaped text therefore holds
//! none of them and escaping it again changes nothing. The parsers'
//! errors, `corolife info`, the animation's status line and every error
//! the command prints go through it. Files written keep the text as read.
//!
//! ```
//! use corolife::escape::escape;
//! assert_eq!(escape("Glider"), "Glider");
//! assert_eq!(escape("X\u{1b}]2;PWNED\u{7}"), "X\\u{1b}]2;PWNED\\u{7}");
//! assert_eq!(escape("a\nb\u{202e}c"), "a\\nb\\u{202e}c");
//! assert_eq!(escape(&escape("\u{9b}")), escape("\u{9b}"));
//! ```

use std::borrow::Cow;
use std::fmt::{self, Write as _};

/// Whether a terminal may act on `c` rather than show it: a C0 or C1
/// control, DEL, a bidirectional mark, embedding, override or isolate, or a
/// line or paragraph separator.
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `c` as [`escape`] writes it: as it is, or escaped.
pub fn char(c: char) -> EscapedChar {
    EscapedChar(c)
}

/// A character as [`escape`] writes it (see [`char()`]).
#[derive(Clone, Copy, Debug)]
pub struct EscapedChar(char);

impl fmt::Display for EscapedChar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            c if !needs_escape(c) => f.write_char(c),
            '\n' => f.write_str("\\n"),
            '\r' => f.write_str("\\r"),
            '\t' => f.write_str("\\t"),
            '\0' => f.write_str("\\0"),
            c => write!(f, "\\u{{{:x}}}", u32::from(c)),
        }
    }
}

/// `text` with every character a terminal may act on escaped (see the
/// [module documentation](self)); borrowed when there is none.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        let _ = write!(escaped, "{}", char(c));
    }
    Cow::Owned(escaped)
}

/// Displays a text escaped, without building a string first.
#[derive(Clone, Copy, Debug)]
pub struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.chars().try_for_each(|c| write!(f, "{}", char(c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_escaped_and_the_rest_kept() {
        for (text, expected) in [
            ("", ""),
            (
                "Gosper glider gun · 3×3 – ok",
                "Gosper glider gun · 3×3 – ok",
            ),
            (
                "back\\slash 'quotes' \"too\"",
                "back\\slash 'quotes' \"too\"",
            ),
            ("\u{1b}[31mred", "\\u{1b}[31mred"),
            ("bell\u{7}", "bell\\u{7}"),
            ("del\u{7f}", "del\\u{7f}"),
            ("csi\u{9b}2J", "csi\\u{9b}2J"),
            ("nul\0", "nul\\0"),
            ("tab\tcr\rlf\n", "tab\\tcr\\rlf\\n"),
            ("\u{202e}reversed\u{202c}", "\\u{202e}reversed\\u{202c}"),
            ("\u{2066}isolate\u{2069}", "\\u{2066}isolate\\u{2069}"),
            ("line\u{2028}sep", "line\\u{2028}sep"),
        ] {
            assert_eq!(escape(text), expected, "{text:?}");
            assert_eq!(Escaped(text).to_string(), expected, "{text:?}");
            assert_eq!(escape(expected), expected, "escaping twice: {text:?}");
        }
        assert!(matches!(escape("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn an_escaped_character_reads_as_rust_debug_writes_it() {
        for c in ['\u{1b}', '\u{7}', '\t', '\n', '\0', '\u{7f}', '\u{85}'] {
            assert_eq!(format!("'{}'", char(c)), format!("{c:?}"));
        }
    }
}
