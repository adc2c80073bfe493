//! Naming what a pattern leaves: each object by its canonical shape, from
//! a table of common Life objects, or generically by what it does.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use super::objects::{Lone, Shape, canonical};
use super::{Behaviour, Speed};
use crate::{EngineKind, Rule, Topology, format, library};

/// How many of each kind of object a pattern leaves, the most common
/// first.
///
/// ```
/// use corolife::analysis::Census;
///
/// let census = Census::from_names(["block", "glider", "block"]);
/// assert_eq!(census.to_string(), "2 block, 1 glider");
/// assert_eq!(census.count("block"), 2);
/// assert_eq!(census.total(), 3);
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Census {
    entries: Vec<(String, u64)>,
}

impl Census {
    /// A census of these object names, one for each object.
    pub fn from_names<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Census {
        let mut counts: HashMap<String, u64> = HashMap::new();
        for name in names {
            *counts.entry(name.into()).or_default() += 1;
        }
        let mut entries: Vec<(String, u64)> = counts.into_iter().collect();
        entries.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Census { entries }
    }

    /// Each kind of object with its count, the most common first (ties in
    /// the order of their names).
    pub fn entries(&self) -> &[(String, u64)] {
        &self.entries
    }

    /// How many objects named `name` there are.
    pub fn count(&self, name: &str) -> u64 {
        self.entries
            .iter()
            .find(|(n, _)| n == name)
            .map_or(0, |&(_, count)| count)
    }

    /// How many objects there are in all.
    pub fn total(&self) -> u64 {
        self.entries.iter().map(|(_, count)| count).sum()
    }
}

impl fmt::Display for Census {
    /// `13 glider, 41 block`, or `nothing` for no objects.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.entries.is_empty() {
            return f.write_str("nothing");
        }
        for (i, (name, count)) in self.entries.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{count} {name}")?;
        }
        Ok(())
    }
}

/// The common objects of Life the census names, as RLE or the name of a
/// built-in pattern.
const COMMON: &[(&str, &str)] = &[
    ("block", "@block"),
    ("beehive", "@beehive"),
    ("loaf", "@loaf"),
    ("boat", "@boat"),
    ("ship", "@ship"),
    ("tub", "@tub"),
    ("pond", "b2o$o2bo$o2bo$b2o!"),
    ("long boat", "2o$obo$bobo$2bo!"),
    ("barge", "bo$obo$bobo$2bo!"),
    ("long barge", "bo$obo$bobo$2bobo$3bo!"),
    ("long ship", "2o$obo$bobo$2b2o!"),
    ("mango", "b2o$o2bo$bo2bo$2b2o!"),
    ("eater", "2o$obo$2bo$2b2o!"),
    ("snake", "2obo$ob2o!"),
    ("aircraft carrier", "2o$o2bo$2b2o!"),
    ("integral", "2o$obo$2bo$bo$b2o!"),
    ("blinker", "@blinker"),
    ("toad", "@toad"),
    ("beacon", "@beacon"),
    ("clock", "@clock"),
    ("pulsar", "@pulsar"),
    ("pentadecathlon", "@pentadecathlon"),
    ("glider", "@glider"),
    ("LWSS", "@lwss"),
    ("MWSS", "@mwss"),
    ("HWSS", "@hwss"),
];

/// The canonical shapes of [`COMMON`], each worked out by running its RLE
/// through its period once.
fn table() -> &'static HashMap<Shape, &'static str> {
    static TABLE: OnceLock<HashMap<Shape, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for &(name, source) in COMMON {
            let pattern = match source.strip_prefix('@') {
                Some(builtin) => library::pattern(builtin),
                None => format::rle::parse(source).ok(),
            };
            let Some(pattern) = pattern else { continue };
            let Ok(lone) = Lone::follow(pattern.cells(), Rule::LIFE, 100, EngineKind::Sequential)
            else {
                continue;
            };
            table.insert(canonical(&lone.phases), name);
        }
        table
    })
}

/// The name of a lone object: its common name in Life if it has one, else
/// what it does and how many cells it has in its smallest phase.
pub(crate) fn name(lone: &Lone, rule: Rule) -> String {
    let shape = canonical(&lone.phases);
    if rule.with_topology(Topology::Plane) == Rule::LIFE
        && let Some(name) = table().get(&shape)
    {
        return (*name).to_owned();
    }
    let cells = shape.len();
    match lone.behaviour {
        Behaviour::StillLife => format!("still life of {cells} cells"),
        Behaviour::Oscillator { period } => format!("period-{period} oscillator of {cells} cells"),
        Behaviour::Spaceship { .. } => {
            let speed = lone.behaviour.speed().unwrap_or(Speed::new(0, 1));
            format!("{speed} spaceship of {cells} cells")
        }
        Behaviour::Empty | Behaviour::NoneWithin { .. } => {
            let cells = lone.phases.first().map_or(0, Vec::len);
            format!("other object of {cells} cells")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_common_object_is_in_the_table_once() {
        let names: Vec<&str> = table().values().copied().collect();
        assert_eq!(names.len(), COMMON.len(), "{names:?}");
    }

    #[test]
    fn an_object_is_named_in_any_phase_and_orientation() {
        // A glider reflected and in another phase; a vertical blinker.
        for (text, expected) in [
            ("x = 3, y = 3\nobo$b2o$bo!", "glider"),
            ("x = 1, y = 3\no$o$o!", "blinker"),
            ("x = 4, y = 3\nb2o$o2bo$b2o!", "beehive"),
            ("x = 4, y = 4\n2b2o$bobo$obo$bo!", "long boat"),
        ] {
            let pattern = format::parse(text, None).expect("valid RLE");
            let lone = Lone::follow(pattern.cells(), Rule::LIFE, 10, EngineKind::Sequential)
                .expect("Life");
            assert_eq!(name(&lone, Rule::LIFE), expected, "{text}");
        }
    }

    #[test]
    fn other_objects_are_named_by_what_they_do() {
        let pattern = format::parse("x = 4, y = 3\nb3o$3o!", None).expect("valid");
        let lone =
            Lone::follow(pattern.cells(), Rule::LIFE, 10, EngineKind::Sequential).expect("Life");
        assert_eq!(name(&lone, Rule::LIFE), "toad");
        // Under HighLife the same names are not assumed.
        let highlife: Rule = "B36/S23".parse().expect("valid");
        let lone =
            Lone::follow(pattern.cells(), highlife, 10, EngineKind::Sequential).expect("HighLife");
        assert_eq!(name(&lone, highlife), "period-2 oscillator of 6 cells");
        let block = format::parse("x = 2, y = 2\n2o$2o!", None).expect("valid");
        let lone = Lone::follow(block.cells(), highlife, 10, EngineKind::Sequential).expect("ok");
        assert_eq!(name(&lone, highlife), "still life of 4 cells");
    }
}
