//! Rules known by a name rather than by their notation: the rules of
//! Golly's `.rule` files (tables and trees), the families Golly codes
//! ([Super](super::algo::history), [von Neumann's](super::algo::jvn)), and
//! the few corolife embeds ([WireWorld and Langton's Ant](super::embedded)).
//!
//! Each decides a cell's next state from its own state and the states of
//! its eight neighbours, so their cells ask for all nine (see
//! [`Walk::States`](super::Walk::States)). A [`Rule`] keeps a named rule
//! as a reference to a [`Named`] defined once for the whole process:
//! defining the same rule file twice gives the same rule, and a rule file
//! defined under a name makes that name readable as a rule string
//! ([`define`], [`Rule::from_rule_file`]).

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{OnceLock, PoisonError, RwLock};

use super::algo::history::Super;
use super::algo::jvn::Jvn;
use super::embedded::Embedded;
use super::file::{self, RuleFile, RuleFileError};
use super::{Family, Rule};
use crate::render::Rgb;

/// A rule known by its name, with its states' names and colours.
#[derive(Debug)]
pub struct Named {
    name: String,
    states: u16,
    logic: Logic,
    colours: Vec<Rgb>,
    state_names: Vec<String>,
    notes: Vec<String>,
}

/// How a named rule decides.
#[derive(Debug)]
enum Logic {
    File(file::Logic),
    Super(Super),
    Jvn(Jvn),
    Embedded(Embedded),
}

impl Named {
    /// The rule's name, as rule strings spell it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The number of states, from 2 to 256.
    pub fn states(&self) -> u16 {
        self.states
    }

    /// The family: a rule table or tree for rule files and the embedded
    /// rules, or one of Golly's coded families.
    pub fn family(&self) -> Family {
        match self.logic {
            Logic::File(_) | Logic::Embedded(_) => Family::Table,
            Logic::Super(_) => Family::Super,
            Logic::Jvn(_) => Family::VonNeumann,
        }
    }

    /// The colour of each state, state 0 first.
    pub fn colours(&self) -> &[Rgb] {
        &self.colours
    }

    /// What each state stands for, state 0 first, where the rule says
    /// (empty otherwise).
    pub fn state_names(&self) -> &[String] {
        &self.state_names
    }

    /// What of the rule file was read but is not used, such as `@ICONS`
    /// (empty for the coded rules).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The next state of a cell in state `own` whose eight neighbours are
    /// `around`, in [`MOORE`](crate::cell::MOORE) order (north, then
    /// clockwise). A state past the rule's last becomes empty.
    #[inline]
    pub fn next(&self, own: u8, around: &[u8; 8]) -> u8 {
        if u16::from(own) >= self.states {
            return 0;
        }
        let next = match &self.logic {
            Logic::File(logic) => logic.next(own, around),
            Logic::Super(rule) => rule.next(own, around),
            Logic::Jvn(rule) => rule.next(own, around),
            Logic::Embedded(rule) => rule.next(own, around),
        };
        if u16::from(next) < self.states {
            next
        } else {
            0
        }
    }
}

/// A [`Named`] rule as a [`Rule`] holds it: compared and hashed by
/// identity, which [`define`] makes the same as by content.
#[derive(Clone, Copy)]
pub(super) struct NamedRef(pub(super) &'static Named);

impl PartialEq for NamedRef {
    fn eq(&self, other: &NamedRef) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for NamedRef {}

impl Hash for NamedRef {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::ptr::hash(self.0, state);
    }
}

impl fmt::Debug for NamedRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.name)
    }
}

/// Every named rule defined so far: by rule-file text (so that the same
/// file defined twice is one rule) and by name (the latest definition of
/// each name wins).
#[derive(Default)]
struct Registry {
    by_text: HashMap<String, &'static Named>,
    by_name: HashMap<String, &'static Named>,
}

fn registry() -> &'static RwLock<Registry> {
    static REGISTRY: OnceLock<RwLock<Registry>> = OnceLock::new();
    REGISTRY.get_or_init(RwLock::default)
}

/// Defines the rule of a `.rule` file's text and returns it; from then on
/// its name (the file's `@RULE`) reads as that rule. Defining the same
/// text again returns the same rule; another text under the same name
/// replaces the name's rule for later rule strings (rules already made
/// keep theirs).
///
/// Rule files are kept for the life of the process, as a program keeps
/// the few it loads.
pub fn define(text: &str) -> Result<Rule, RuleFileError> {
    define_sharing(text, None)
}

/// [`define`], the states' names and colours `text` does not give (no
/// `@NAMES` or no `@COLORS`) taken from `shared`, the text of another
/// rule file: Golly takes them from `PREFIX-shared.rule` for a rule named
/// `PREFIX-…`, so that a family of rules shares one look. A `shared`
/// text that is not a valid rule file is passed over with a note.
///
/// ```
/// use corolife::rule::named::define_sharing;
///
/// let shared = "@RULE Worm-shared\n@TABLE\nn_states:3\nneighborhood:Moore\n\
///               symmetries:none\n@COLORS\n1 255 0 0\n2 0 0 255\n";
/// let worm = "@RULE Worm-7\n@TABLE\nn_states:3\nneighborhood:Moore\nsymmetries:none\n";
/// let rule = define_sharing(worm, Some(shared))?;
/// let named = rule.named_rule().expect("a named rule");
/// assert_eq!(named.colours()[2], corolife::render::Rgb::new(0, 0, 255));
/// # Ok::<(), corolife::rule::file::RuleFileError>(())
/// ```
pub fn define_sharing(text: &str, shared: Option<&str>) -> Result<Rule, RuleFileError> {
    let key = match shared {
        Some(shared) => format!("{text}\0{shared}"),
        None => text.to_owned(),
    };
    let known = registry()
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .by_text
        .get(&key)
        .copied();
    let named = match known {
        Some(named) => named,
        None => {
            let mut file = file::parse(text)?;
            if let Some(shared) = shared {
                share(&mut file, text, shared);
            }
            let named = from_file(file);
            let mut registry = registry().write().unwrap_or_else(PoisonError::into_inner);
            let named = *registry
                .by_text
                .entry(key)
                .or_insert_with(|| Box::leak(Box::new(named)));
            registry.by_name.insert(named.name.clone(), named);
            named
        }
    };
    Ok(Rule::named(named))
}

/// The rule a name stands for: a rule file defined under it, else one of
/// Golly's coded families or the embedded rules, else `None`.
pub(super) fn lookup(name: &str) -> Option<Result<Rule, String>> {
    if let Some(&named) = registry()
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .by_name
        .get(name)
    {
        return Some(Ok(Rule::named(named)));
    }
    let named = if let Some(rule) = Embedded::parse(name) {
        coded(
            rule.name(),
            Logic::Embedded(rule),
            rule.states(),
            rule.colours(),
            rule.state_names(),
        )
    } else if let Some(rule) = Jvn::parse(name) {
        coded(
            rule.name(),
            Logic::Jvn(rule),
            rule.states(),
            rule.colours(),
            rule.state_names(),
        )
    } else {
        let rule = match Super::parse(name)? {
            Ok(rule) => rule,
            Err(reason) => return Some(Err(reason)),
        };
        coded(
            &rule.name(),
            Logic::Super(rule),
            rule.states(),
            rule.colours(),
            rule.state_names(),
        )
    };
    Some(Ok(Rule::named(named)))
}

/// The one [`Named`] for a coded rule, made on first use.
fn coded(
    name: &str,
    logic: Logic,
    states: u16,
    colours: Vec<[u8; 3]>,
    state_names: &[&str],
) -> &'static Named {
    let key = format!("\0{name}");
    let mut registry = registry().write().unwrap_or_else(PoisonError::into_inner);
    registry.by_text.entry(key).or_insert_with(|| {
        Box::leak(Box::new(Named {
            name: name.to_owned(),
            states,
            logic,
            colours: colours
                .into_iter()
                .map(|[r, g, b]| Rgb::new(r, g, b))
                .collect(),
            state_names: state_names.iter().map(|&s| s.to_owned()).collect(),
            notes: Vec::new(),
        }))
    })
}

/// Whether `text` has a section `@SECTION`.
fn has_section(text: &str, section: &str) -> bool {
    text.lines().any(|line| {
        line.trim_end()
            .strip_prefix(section)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
    })
}

/// Gives `file` (read from `text`) the names and colours it lacks from
/// the rule file `shared`.
fn share(file: &mut RuleFile, text: &str, shared: &str) {
    let other = match file::parse(shared) {
        Ok(other) => other,
        Err(error) => {
            file.notes
                .push(format!("the shared rule file is passed over: {error}"));
            return;
        }
    };
    if !has_section(text, "@COLORS") {
        // Only the colours the shared file sets; the rest stay this rule's
        // defaults.
        let defaults = file::default_colours(other.states);
        for ((mine, theirs), default) in file.colours.iter_mut().zip(&other.colours).zip(defaults) {
            if *theirs != default {
                *mine = *theirs;
            }
        }
    }
    if !has_section(text, "@NAMES") {
        for (mine, theirs) in file.names.iter_mut().zip(&other.names) {
            mine.clone_from(theirs);
        }
    }
}

fn from_file(file: RuleFile) -> Named {
    Named {
        name: file.name,
        states: file.states,
        logic: Logic::File(file.logic),
        colours: file
            .colours
            .into_iter()
            .map(|[r, g, b]| Rgb::new(r, g, b))
            .collect(),
        state_names: file.names,
        notes: file.notes,
    }
}

/// Whether `name` can be the name of a rule file: letters, digits and
/// `-_.+`, starting with a letter or digit — what Golly's rule names use.
pub fn is_rule_name(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.+".contains(c))
}

/// Whether a rule string that is not in any notation is taken for the
/// name of a rule file: a rule name that does not begin as one of the
/// notations do (`B3`, `S23`, `g3`, `MAP`, `W30`, `R2`, digits), whose
/// mistakes are better told as a notation's.
pub(super) fn could_be_rule_file(name: &str) -> bool {
    let mut chars = name.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase());
    let second = chars.next();
    let notation = match first {
        Some('B' | 'S' | 'G' | 'W' | 'R') => second.is_none_or(|c| c.is_ascii_digit()),
        Some(c) => c.is_ascii_digit() || name.to_ascii_uppercase().starts_with("MAP"),
        None => true,
    };
    is_rule_name(name) && !notation
}
