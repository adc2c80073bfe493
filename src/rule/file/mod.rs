//! Golly's `.rule` files: rule tables and rule trees, with the names and
//! colours of their states.
// PLACEHOLDER
#![allow(missing_docs, dead_code, unused)]
#[derive(Debug, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct RuleFileError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}
#[derive(Debug)]
pub struct RuleFile {
    pub name: String,
    pub states: u16,
    pub logic: Logic,
    pub names: Vec<String>,
    pub colours: Vec<[u8; 3]>,
    pub notes: Vec<String>,
}
#[derive(Debug)]
pub enum Logic {
    Table,
}
impl Logic {
    pub fn next(&self, own: u8, around: &[u8; 8]) -> u8 {
        own
    }
}
pub fn parse(text: &str) -> Result<RuleFile, RuleFileError> {
    Err(RuleFileError {
        line: 1,
        column: 1,
        message: "placeholder".into(),
    })
}
