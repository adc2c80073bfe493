//! Von Neumann's 29-state cellular automaton and its two extensions.
// PLACEHOLDER
#![allow(missing_docs, dead_code, unused)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Jvn {
    JvN29,
}
impl Jvn {
    pub fn parse(name: &str) -> Option<Jvn> {
        None
    }
    pub fn states(&self) -> u16 {
        29
    }
    pub fn next(&self, own: u8, around: &[u8; 8]) -> u8 {
        own
    }
    pub fn name(&self) -> &'static str {
        ""
    }
    pub fn colours(&self) -> Vec<[u8; 3]> {
        vec![]
    }
    pub fn state_names(&self) -> &'static [&'static str] {
        &[]
    }
}
