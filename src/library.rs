//! The built-in patterns: the classics of `patterns/`, embedded in the
//! crate so that their names work from any directory.
//!
//! ```
//! use corolife::library;
//!
//! let glider = library::pattern("glider").expect("a built-in pattern");
//! assert_eq!(glider.population(), 5);
//! assert!(library::names().any(|name| name == "gosper-gun"));
//! ```

use crate::{Pattern, format};

/// `(name, RLE text)` of every built-in pattern, sorted by name. The name is
/// the file name without `.rle`.
static FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/library.rs"));

/// The names of the built-in patterns, in alphabetical order.
pub fn names() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(name, _)| *name)
}

/// The RLE text of the built-in pattern `name` (ignoring case).
pub fn text(name: &str) -> Option<&'static str> {
    FILES
        .iter()
        .find(|(candidate, _)| candidate.eq_ignore_ascii_case(name))
        .map(|(_, text)| *text)
}

/// The built-in pattern `name` (ignoring case), read.
pub fn pattern(name: &str) -> Option<Pattern> {
    // Every built-in file is read by a test, so this cannot fail unnoticed.
    format::rle::parse(text(name)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_pattern_reads_and_has_a_name() {
        assert!(names().count() >= 2);
        for name in names() {
            let text = text(name).expect("listed");
            let pattern = format::rle::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(pattern.name.is_some(), "{name} has no #N line");
            assert!(pattern.population() > 0, "{name} is empty");
        }
    }

    #[test]
    fn names_are_sorted_and_lookups_ignore_case() {
        let all: Vec<_> = names().collect();
        let mut sorted = all.clone();
        sorted.sort_unstable();
        assert_eq!(all, sorted);
        assert_eq!(text("GLIDER"), text("glider"));
        assert_eq!(text("no-such-pattern"), None);
    }
}
