//! Integration tests, one binary with a module per area.

mod util;

mod book;
mod cli;
mod corpus;
mod engines;
mod tui;
