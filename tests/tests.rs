//! Integration tests, one binary with a module per area.

mod util;

mod book;
mod cli;
mod compiled;
mod convert;
mod corpus;
mod engines;
mod families;
mod formats;
mod info;
mod limits;
mod patterns;
mod plane;
mod render;
mod tui;
mod universes;
