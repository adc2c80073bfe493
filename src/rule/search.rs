//! Finding the rule file a rule name stands for.
//!
//! A rule string that is not in any notation corolife reads, and is not
//! one of the names it knows ([`Family::Table`](super::Family::Table),
//! [`Super`](super::Family::Super), [`VonNeumann`](super::Family::VonNeumann)),
//! names a Golly rule file: `Codd` is defined by `Codd.rule`. A
//! [`RuleSearch`] lists the directories to look in, and [`RuleSearch::parse`]
//! reads a rule string, defining the rule files it needs on the way. The
//! standard search ([`RuleSearch::standard`]) looks, in order:
//!
//! 1. beside the pattern file, when there is one ([`RuleSearch::beside`]);
//! 2. in the directories given on the command line (`--rules DIR`);
//! 3. in the directories of the `COROLIFE_RULES` environment variable,
//!    separated as the platform separates `PATH` (`:` on Unix, `;` on
//!    Windows);
//! 4. in the user's data directory: `corolife/rules` under
//!    `$XDG_DATA_HOME` (or `~/.local/share`) on Linux,
//!    `~/Library/Application Support` on macOS, `%APPDATA%` on Windows.
//!
//! A file is `NAME.rule`, matched exactly, or failing that ignoring case.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::file::RuleFileError;
use super::named::define_sharing;
use super::{Rule, RuleError};

/// The environment variable listing directories of rule files.
pub const ENV: &str = "COROLIFE_RULES";

/// The extension of a rule file.
pub const EXTENSION: &str = "rule";

/// Where rule files are looked for, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleSearch {
    dirs: Vec<PathBuf>,
}

/// Why a rule string could not be read, rule files included.
#[derive(Debug, Error)]
pub enum RuleSearchError {
    /// The string is neither a rule nor a name of one.
    #[error(transparent)]
    Rule(RuleError),
    /// No directory holds the rule file.
    #[error("no rule file {name}.rule for rule \"{name}\" (looked in {})", looked_in(.looked))]
    NotFound {
        /// The rule's name.
        name: String,
        /// The directories looked in.
        looked: Vec<PathBuf>,
    },
    /// The rule file could not be read.
    #[error("{}: {error}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// The rule file is not a good one.
    #[error("{}: {error}", .path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// Where and why.
        error: RuleFileError,
    },
    /// The rule file defines another name than the one looked for.
    #[error("{}: defines rule \"{found}\", not \"{name}\"", .path.display())]
    OtherName {
        /// The file.
        path: PathBuf,
        /// The name looked for.
        name: String,
        /// The name its `@RULE` line gives.
        found: String,
    },
}

fn looked_in(dirs: &[PathBuf]) -> String {
    if dirs.is_empty() {
        return "no directory: give one with --rules DIR or COROLIFE_RULES".to_owned();
    }
    let dirs: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    dirs.join(", ")
}

impl RuleSearch {
    /// A search of these directories, in this order.
    pub fn new(dirs: impl IntoIterator<Item = PathBuf>) -> RuleSearch {
        RuleSearch {
            dirs: dirs.into_iter().collect(),
        }
    }

    /// The standard search without a pattern file: `given` (the command
    /// line's `--rules`), then `COROLIFE_RULES`, then the user data
    /// directory (see the [module documentation](self)).
    pub fn standard(given: &[PathBuf]) -> RuleSearch {
        let mut dirs = given.to_vec();
        if let Some(paths) = std::env::var_os(ENV) {
            dirs.extend(std::env::split_paths(&paths).filter(|d| !d.as_os_str().is_empty()));
        }
        dirs.extend(user_dir());
        RuleSearch { dirs }
    }

    /// The same search, first looking in the directory of the pattern
    /// file `path`.
    pub fn beside(&self, path: &Path) -> RuleSearch {
        let parent = match path.parent() {
            Some(parent) if parent.as_os_str().is_empty() => PathBuf::from("."),
            Some(parent) => parent.to_owned(),
            None => return self.clone(),
        };
        let others = self.dirs.iter().filter(|d| **d != parent).cloned();
        let dirs = std::iter::once(parent.clone()).chain(others).collect();
        RuleSearch { dirs }
    }

    /// The directories, in the order looked in.
    pub fn dirs(&self) -> &[PathBuf] {
        &self.dirs
    }

    /// The rule file for the rule `name`, if a directory holds one.
    pub fn find(&self, name: &str) -> Option<PathBuf> {
        let file = format!("{name}.{EXTENSION}");
        for dir in &self.dirs {
            let exact = dir.join(&file);
            if exact.is_file() {
                return Some(exact);
            }
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            let folded = entries.flatten().map(|e| e.path()).find(|p| {
                p.is_file()
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.eq_ignore_ascii_case(&file))
            });
            if folded.is_some() {
                return folded;
            }
        }
        None
    }

    /// The rule `text` names, in any notation or by name; a name no rule
    /// so far defines is looked up as a rule file, which is read and
    /// defined ([`define`](super::define)).$
    ///
    /// ```
    /// use corolife::rule::search::{RuleSearch, RuleSearchError};
    ///
    /// let search = RuleSearch::new([]);
    /// assert_eq!(search.parse("B36/S23")?.to_string(), "B36/S23");
    /// assert_eq!(search.parse("WireWorld:T40,20")?.to_string(), "WireWorld:T40,20");
    /// let missing = search.parse("NoSuchRule").unwrap_err();
    /// assert!(matches!(missing, RuleSearchError::NotFound { .. }));
    /// # Ok::<(), RuleSearchError>(())
    /// ```
    pub fn parse(&self, text: &str) -> Result<Rule, RuleSearchError> {
        match text.parse::<Rule>() {
            Err(RuleError::UnknownName { name, .. }) => {
                let rule = self.load(&name)?;
                // Read again, now that the name is defined, for the suffix.
                match text.parse::<Rule>() {
                    Ok(found) => Ok(found),
                    Err(RuleError::UnknownName { .. }) => Ok(rule),
                    Err(error) => Err(RuleSearchError::Rule(error)),
                }
            }
            other => other.map_err(RuleSearchError::Rule),
        }
    }

    /// The text of `PREFIX-shared.rule` for a rule named `PREFIX-…`, where
    /// Golly finds the names and colours such a rule file leaves out.
    fn shared(&self, name: &str) -> Option<String> {
        let (prefix, _) = name.rsplit_once('-')?;
        if prefix.is_empty() || name.ends_with("-shared") {
            return None;
        }
        std::fs::read_to_string(self.find(&format!("{prefix}-shared"))?).ok()
    }

    /// Reads and defines the rule file for `name`, with the names and
    /// colours it leaves out from `PREFIX-shared.rule` if the name is
    /// `PREFIX-…` and a directory holds one, as Golly does.
    pub fn load(&self, name: &str) -> Result<Rule, RuleSearchError> {
        let path = self.find(name).ok_or_else(|| RuleSearchError::NotFound {
            name: name.to_owned(),
            looked: self.dirs.clone(),
        })?;
        let text = std::fs::read_to_string(&path).map_err(|error| RuleSearchError::Read {
            path: path.clone(),
            error,
        })?;
        let rule = define_sharing(&text, self.shared(name).as_deref()).map_err(|error| {
            RuleSearchError::File {
                path: path.clone(),
                error,
            }
        })?;
        let found = rule.to_string();
        if !found.eq_ignore_ascii_case(name) {
            return Err(RuleSearchError::OtherName {
                path,
                name: name.to_owned(),
                found,
            });
        }
        Ok(rule)
    }
}

/// The user's own directory of rule files, if the platform has one.
pub fn user_dir() -> Option<PathBuf> {
    Some(dirs::data_dir()?.join("corolife").join("rules"))
}
