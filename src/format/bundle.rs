//! Golly's zip bundles: rule files and patterns shipped together in one
//! `.zip`.
//!
//! Golly opens a zip file this way (its help, "Zip files", and
//! `OpenZipFile` in its GUI): every `.rule` file inside is installed in the
//! user's rules folder, under its own file name whatever folder it sits in;
//! then, if the bundle holds at most one pattern and at most one script,
//! both at the top level, the pattern is opened (and the script run).
//! Otherwise Golly only shows the bundle's listing. Mac metadata
//! (`__MACOSX/…`, `.DS_Store`) is skipped, and so are the rule formats
//! Golly no longer reads (`.table`, `.tree`, `.colors`, `.icons`).
//!
//! [`Bundle::read`] reads the whole bundle in memory: the listing of every
//! entry ([`Bundle::entries`]), the text of each rule file
//! ([`Bundle::rules`]) and the bytes of each pattern file
//! ([`Bundle::patterns`], which [`parse_bytes`](super::parse_bytes)
//! reads). [`Bundle::opened`] is the pattern Golly opens by itself, and
//! [`Bundle::first_pattern`] the one to open when Golly would open none.
//!
//! ```
//! use std::io::Write;
//! use corolife::format::{self, bundle::{Bundle, EntryKind}};
//!
//! // A bundle as Golly ships them: a rule file and a pattern using it.
//! let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
//! let options = zip::write::SimpleFileOptions::default();
//! zip.start_file("Wire.rule", options)?;
//! zip.write_all(b"@RULE Wire\n")?;
//! zip.start_file("demo.rle", options)?;
//! zip.write_all(b"x = 3, y = 1, rule = Wire\n3A!\n")?;
//! let bytes = zip.finish()?.into_inner();
//!
//! let bundle = Bundle::read(&bytes)?;
//! assert_eq!(bundle.rules[0].name, "Wire");
//! assert_eq!(bundle.entries[1].kind, EntryKind::Pattern);
//! let pattern = bundle.opened().expect("one pattern at the top level");
//! assert_eq!(pattern.path, "demo.rle");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::io::{Cursor, Read};

use thiserror::Error;
use zip::ZipArchive;
use zip::result::ZipError;

use super::MAX_INPUT;

/// A zip bundle, read whole.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Bundle {
    /// Every entry, in the order the archive lists them.
    pub entries: Vec<Entry>,
    /// The rule files (`.rule`), in archive order, as Golly installs them.
    pub rules: Vec<RuleFile>,
    /// The pattern files, those at the top level first, then the others,
    /// each group in archive order.
    pub patterns: Vec<PatternFile>,
    /// Whether Golly opens a pattern by itself (see [`Bundle::opened`]).
    golly_opens: bool,
}

/// One entry of a bundle, for a listing.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Entry {
    /// Its path inside the bundle, with `/` between folders.
    pub path: String,
    /// Its size once decompressed, as the archive says, in bytes.
    pub size: u64,
    /// What it is.
    pub kind: EntryKind,
}

/// What a bundle entry is, told by its name as Golly tells it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum EntryKind {
    /// A rule file (`.rule`).
    Rule,
    /// A pattern file of a format corolife reads (`.rle`, `.mc`, `.lif`,
    /// `.life`, `.cells`, `.mcl`, each perhaps with `.gz`).
    Pattern,
    /// A Lua or Python script (`.lua`, `.py`), which corolife does not run.
    Script,
    /// Text or HTML for people (`.txt`, `.doc`, `.htm`, `.html`, or a name
    /// with `readme` in it).
    Text,
    /// A folder.
    Folder,
    /// Skipped as Golly skips it: Mac metadata, or a rule format Golly no
    /// longer reads (`.table`, `.tree`, `.colors`, `.icons`).
    Ignored,
    /// Anything else. (Golly would try to open it as a pattern.)
    Other,
}

impl EntryKind {
    /// A word for listings: `rule`, `pattern`, `script`, `text`, `folder`,
    /// `ignored`, `other`.
    pub const fn name(self) -> &'static str {
        match self {
            EntryKind::Rule => "rule",
            EntryKind::Pattern => "pattern",
            EntryKind::Script => "script",
            EntryKind::Text => "text",
            EntryKind::Folder => "folder",
            EntryKind::Ignored => "ignored",
            EntryKind::Other => "other",
        }
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// A rule file inside a bundle.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RuleFile {
    /// The rule's name: the file name without its folder and `.rule`
    /// (`Flow6/Flow6.rule` is `Flow6`), as Golly installs it.
    pub name: String,
    /// Its path inside the bundle.
    pub path: String,
    /// Its text.
    pub text: String,
}

/// A pattern file inside a bundle.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PatternFile {
    /// Its path inside the bundle.
    pub path: String,
    /// Its bytes (gzip-compressed if its name says `.gz`).
    pub bytes: Vec<u8>,
}

impl PatternFile {
    /// The extension that tells its format: `rle` for `demo.rle` and for
    /// `demo.rle.gz`.
    pub fn extension(&self) -> Option<&str> {
        let name = file_name(&self.path);
        let name = strip_suffix_ignore_case(name, ".gz").unwrap_or(name);
        name.rsplit_once('.').map(|(_, extension)| extension)
    }
}

/// Why a bundle could not be read.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
pub enum BundleError {
    /// The bytes are not a zip archive at all.
    #[error("not a zip bundle (a zip file starts with \"PK\")")]
    NotZip,
    /// The archive's directory is broken or cut short.
    #[error("the zip bundle is corrupt: {0}")]
    Corrupt(String),
    /// One entry that cannot be read: broken data, a compression method
    /// other than deflate, or a password.
    #[error("the zip bundle's entry \"{path}\" cannot be read: {reason}")]
    Entry {
        /// The entry's path.
        path: String,
        /// Why.
        reason: String,
    },
    /// The rule and pattern files hold more than [`MAX_INPUT`] bytes
    /// together once decompressed.
    #[error(
        "the zip bundle's entry \"{path}\" takes the rule and pattern files beyond {MAX_INPUT} bytes, the most corolife reads"
    )]
    TooLarge {
        /// The entry that went beyond.
        path: String,
    },
    /// A rule file that is not UTF-8 text.
    #[error("the zip bundle's rule file \"{path}\" is not text (invalid UTF-8)")]
    NotText {
        /// The entry's path.
        path: String,
    },
}

impl Bundle {
    /// Reads a zip bundle from its bytes.
    ///
    /// Only rule and pattern files are decompressed; together they may
    /// hold at most [`MAX_INPUT`] bytes. Every entry is listed.
    pub fn read(bytes: &[u8]) -> Result<Bundle, BundleError> {
        if !bytes.starts_with(b"PK") {
            return Err(BundleError::NotZip);
        }
        let mut archive =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| BundleError::Corrupt(reason(&e)))?;
        let mut bundle = Bundle::default();
        let mut nested = Vec::new();
        let mut budget = MAX_INPUT;
        // What Golly counts: patterns (anything not otherwise told) and
        // scripts, and whether any is in a folder.
        let (mut golly_patterns, mut scripts, mut in_folder) = (0usize, 0usize, false);
        for index in 0..archive.len() {
            let file = archive
                .by_index_raw(index)
                .map_err(|e| BundleError::Corrupt(reason(&e)))?;
            let path = match file.name() {
                Ok(name) => name.into_owned(),
                Err(_) => String::from_utf8_lossy(file.name_raw()).into_owned(),
            };
            let kind = kind_of(&path, file.is_dir());
            let size = file.size();
            bundle.entries.push(Entry {
                path: path.clone(),
                size,
                kind,
            });
            let top_level = !path.trim_end_matches('/').contains(['/', '\\']);
            match kind {
                EntryKind::Pattern | EntryKind::Other => {
                    golly_patterns += 1;
                    in_folder |= !top_level;
                }
                EntryKind::Script => {
                    scripts += 1;
                    in_folder |= !top_level;
                }
                _ => {}
            }
            if !matches!(kind, EntryKind::Rule | EntryKind::Pattern) {
                continue;
            }
            drop(file);
            let file = archive.by_index(index).map_err(|e| BundleError::Entry {
                path: path.clone(),
                reason: reason(&e),
            })?;
            let mut content = Vec::new();
            let read = file
                .take(budget.saturating_add(1))
                .read_to_end(&mut content)
                .map_err(|e| BundleError::Entry {
                    path: path.clone(),
                    reason: e.to_string(),
                })?;
            if read as u64 > budget {
                return Err(BundleError::TooLarge { path });
            }
            budget -= read as u64;
            if kind == EntryKind::Rule {
                let text = String::from_utf8(content)
                    .map_err(|_| BundleError::NotText { path: path.clone() })?;
                let name = file_name(&path);
                let name = strip_suffix_ignore_case(name, ".rule").unwrap_or(name);
                bundle.rules.push(RuleFile {
                    name: name.to_owned(),
                    path,
                    text,
                });
            } else if top_level {
                bundle.patterns.push(PatternFile {
                    path,
                    bytes: content,
                });
            } else {
                nested.push(PatternFile {
                    path,
                    bytes: content,
                });
            }
        }
        bundle.golly_opens = golly_patterns == 1 && scripts <= 1 && !in_folder;
        bundle.patterns.extend(nested);
        Ok(bundle)
    }

    /// The pattern Golly opens by itself: the bundle's only pattern, when
    /// it has one at the top level and at most one script, also at the
    /// top level (an entry Golly would take for a pattern but corolife
    /// does not read, [`EntryKind::Other`], counts as a pattern here, and
    /// then nothing is opened). `None` when Golly only shows the listing.
    pub fn opened(&self) -> Option<&PatternFile> {
        self.patterns.first().filter(|_| self.golly_opens)
    }

    /// The pattern to open: [`opened`](Bundle::opened) if Golly opens
    /// one, else the first pattern at the top level, else the first in a
    /// folder.
    pub fn first_pattern(&self) -> Option<&PatternFile> {
        self.patterns.first()
    }
}

/// A zip error in words.
fn reason(error: &ZipError) -> String {
    match error {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => {
            "it is encrypted (a password is needed)".to_owned()
        }
        ZipError::CompressionMethodNotSupported(method) => {
            format!("compression method {method} is not supported (only stored and deflate are)")
        }
        other => other.to_string(),
    }
}

/// What an entry is, by its path, as Golly tells it.
fn kind_of(path: &str, is_folder: bool) -> EntryKind {
    let name = file_name(path);
    if path.starts_with("__MACOSX") || name.ends_with(".DS_Store") {
        return EntryKind::Ignored;
    }
    if is_folder {
        return EntryKind::Folder;
    }
    let has = |extensions: &[&str]| {
        extensions
            .iter()
            .any(|e| strip_suffix_ignore_case(name, e).is_some_and(|stem| !stem.is_empty()))
    };
    if has(&[".table", ".tree", ".colors", ".icons"]) {
        EntryKind::Ignored
    } else if has(&[".rule"]) {
        EntryKind::Rule
    } else if has(&[".htm", ".html", ".txt", ".doc"]) || name.to_lowercase().contains("readme") {
        EntryKind::Text
    } else if has(&[".lua", ".py"]) {
        EntryKind::Script
    } else if has(&[
        ".rle",
        ".mc",
        ".lif",
        ".life",
        ".cells",
        ".mcl",
        ".rle.gz",
        ".mc.gz",
        ".lif.gz",
        ".life.gz",
        ".cells.gz",
        ".mcl.gz",
    ]) {
        EntryKind::Pattern
    } else {
        EntryKind::Other
    }
}

/// The last part of a path inside a zip (either slash separates).
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// `text` without `suffix` at its end, in any ASCII case.
fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let split = text.len().checked_sub(suffix.len())?;
    let (stem, tail) = (text.get(..split)?, text.get(split..)?);
    tail.eq_ignore_ascii_case(suffix).then_some(stem)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use proptest::prelude::*;
    use zip::write::SimpleFileOptions;

    use super::*;

    /// A zip of these entries (a name ending in `/` is a folder).
    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in entries {
            if let Some(folder) = name.strip_suffix('/') {
                zip.add_directory(folder, options).expect("in memory");
            } else {
                zip.start_file(*name, options).expect("in memory");
                zip.write_all(content).expect("in memory");
            }
        }
        zip.finish().expect("in memory").into_inner()
    }

    #[test]
    fn lists_every_entry_and_reads_rules_and_patterns() {
        let bytes = zip_of(&[
            ("init.lua", b"-- script"),
            ("__MACOSX/", b""),
            ("__MACOSX/._init.lua", b"junk"),
            ("Ant.RULE", b"@RULE Ant\n"),
            ("Ant.mc", b"[M2]\n"),
            ("Readme", b"hello"),
            ("old.table", b"n_states:2"),
        ]);
        let bundle = Bundle::read(&bytes).expect("valid");
        let listing: Vec<(&str, u64, EntryKind)> = bundle
            .entries
            .iter()
            .map(|e| (e.path.as_str(), e.size, e.kind))
            .collect();
        assert_eq!(
            listing,
            [
                ("init.lua", 9, EntryKind::Script),
                ("__MACOSX/", 0, EntryKind::Ignored),
                ("__MACOSX/._init.lua", 4, EntryKind::Ignored),
                ("Ant.RULE", 10, EntryKind::Rule),
                ("Ant.mc", 5, EntryKind::Pattern),
                ("Readme", 5, EntryKind::Text),
                ("old.table", 10, EntryKind::Ignored),
            ]
        );
        assert_eq!(
            bundle.rules,
            [RuleFile {
                name: "Ant".to_owned(),
                path: "Ant.RULE".to_owned(),
                text: "@RULE Ant\n".to_owned()
            }]
        );
        assert_eq!(
            bundle.opened().map(|p| p.bytes.as_slice()),
            Some(&b"[M2]\n"[..])
        );
        assert_eq!(bundle.patterns[0].extension(), Some("mc"));
    }

    #[test]
    fn golly_opens_nothing_in_a_complex_bundle() {
        // Two patterns: Golly shows the listing; the first is still there.
        let two = Bundle::read(&zip_of(&[("b.rle", b"o!"), ("a.rle", b"2o!")])).expect("valid");
        assert_eq!(two.opened(), None);
        assert_eq!(two.first_pattern().map(|p| p.path.as_str()), Some("b.rle"));
        // A pattern in a folder: top-level ones come first.
        let nested = Bundle::read(&zip_of(&[
            ("set/", b""),
            ("set/inner.mc", b"[M2]\n"),
            ("set/R.rule", b"@RULE R\n"),
            ("top.rle.gz", b"\x1f\x8b"),
        ]))
        .expect("valid");
        assert_eq!(nested.opened(), None);
        let paths: Vec<&str> = nested.patterns.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["top.rle.gz", "set/inner.mc"]);
        assert_eq!(nested.patterns[0].extension(), Some("rle"));
        assert_eq!(nested.rules[0].name, "R");
        assert_eq!(nested.entries[0].kind, EntryKind::Folder);
        // A file Golly would take for a pattern counts against opening.
        let odd = Bundle::read(&zip_of(&[("x.ruel", b"?"), ("x.rle", b"o!")])).expect("valid");
        assert_eq!(odd.entries[0].kind, EntryKind::Other);
        assert_eq!(odd.opened(), None);
        assert_eq!(odd.patterns.len(), 1);
    }

    #[test]
    fn broken_bundles_are_refused_clearly() {
        assert_eq!(Bundle::read(b"x = 1, y = 1\no!"), Err(BundleError::NotZip));
        let whole = zip_of(&[("a.rle", b"x = 1, y = 1\no!\n"), ("b.rule", b"@RULE b\n")]);
        let cut = Bundle::read(&whole[..whole.len() - 10]).expect_err("cut short");
        assert!(
            cut.to_string().starts_with("the zip bundle is corrupt: "),
            "{cut}"
        );
        // Garble the first entry's compressed data: its name is in the error.
        let mut garbled = whole.clone();
        let data = 30 + "a.rle".len();
        for byte in &mut garbled[data..data + 4] {
            *byte ^= 0x55;
        }
        let error = Bundle::read(&garbled).expect_err("bad data");
        assert!(
            matches!(&error, BundleError::Entry { path, .. } if path == "a.rle"),
            "{error}"
        );
        assert!(
            error
                .to_string()
                .starts_with("the zip bundle's entry \"a.rle\" cannot be read: "),
            "{error}"
        );
        let binary_rule = zip_of(&[("bad.rule", b"\xff\xfe")]);
        assert_eq!(
            Bundle::read(&binary_rule)
                .expect_err("not text")
                .to_string(),
            "the zip bundle's rule file \"bad.rule\" is not text (invalid UTF-8)"
        );
    }

    proptest! {
        #[test]
        fn no_bytes_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let mut zipped = b"PK\x03\x04".to_vec();
            zipped.extend(&bytes);
            let _ = Bundle::read(&bytes);
            let _ = Bundle::read(&zipped);
        }

        #[test]
        fn no_damage_to_a_real_zip_panics(
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
            cut in any::<prop::sample::Index>(),
        ) {
            let mut bytes = zip_of(&[
                ("p.rle", b"x = 3, y = 1\n3o!\n"),
                ("dir/", b""),
                ("dir/R.rule", b"@RULE R\n@TABLE\nn_states:2\n"),
            ]);
            for (at, value) in flips {
                let at = at.index(bytes.len());
                bytes[at] ^= value;
            }
            let keep = cut.index(bytes.len() + 1);
            let _ = Bundle::read(&bytes);
            let _ = Bundle::read(&bytes[..keep]);
        }
    }
}
