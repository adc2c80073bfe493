//! Where patterns come from: a file, a built-in name, or standard input.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use corolife::load::{MAX_INPUT, Source, Start};
use corolife::rule::search::RuleSearch;
use corolife::{Rule, Size};

use super::args::RuleArg;

/// The most bytes a pattern may hold (`--max-input`).
static MAX_INPUT_BYTES: AtomicU64 = AtomicU64::new(MAX_INPUT);

/// The directories of `--rules`.
static RULE_DIRS: OnceLock<Vec<PathBuf>> = OnceLock::new();

/// Sets the directories of `--rules` (once, before any pattern is read).
pub fn set_rule_dirs(dirs: Vec<PathBuf>) {
    // Set once at start-up; a second call changes nothing.
    let _ = RULE_DIRS.set(dirs);
}

/// Where rule files are looked for: `--rules`, `COROLIFE_RULES`, the
/// user data directory.
pub fn rule_search() -> RuleSearch {
    RuleSearch::standard(RULE_DIRS.get().map_or(&[], Vec::as_slice))
}

/// The rule `text` gives (`--rule`), reading the rule file it names,
/// looked for beside the pattern file `pattern` first.
pub fn rule(text: &str, pattern: Option<&str>) -> anyhow::Result<Rule> {
    let search = match pattern.map(Path::new) {
        Some(path) if path.is_file() => rule_search().beside(path),
        _ => rule_search(),
    };
    Ok(search.parse(text)?)
}

/// Sets the most bytes a pattern file or standard input may hold.
pub fn set_max_input(bytes: u64) {
    MAX_INPUT_BYTES.store(bytes, Ordering::Relaxed);
}

/// Reads the pattern named on the command line: `-` is standard input, an
/// existing file is read, and otherwise a built-in pattern of that name is
/// used. Either is read up to the `--max-input` limit.
pub fn load(argument: &str) -> anyhow::Result<Source> {
    let limit = MAX_INPUT_BYTES.load(Ordering::Relaxed);
    let search = rule_search();
    if argument == "-" {
        return Ok(Source::read_with(
            std::io::stdin().lock(),
            "<stdin>",
            limit,
            &search,
        )?);
    }
    let path = Path::new(argument);
    if path.exists() {
        return Ok(Source::path_with(path, limit, &search)?);
    }
    Ok(Source::open_limited(argument, limit)?)
}

/// Loads PATTERN (a file, `-` or a built-in name) and resolves its rule and
/// universe as [`corolife::load`] says: `--rule` over the file's over Life,
/// `--size` over the rule's suffix over the plane.
pub fn start(argument: &str, size: Option<Size>, rule: &RuleArg) -> anyhow::Result<Start> {
    let source = load(argument)?;
    Ok(Start::new(source, size, rule.get_beside(Some(argument))?))
}
