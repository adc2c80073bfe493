//! Integration tests, one binary with a module per area.

mod util;

mod book;
mod bundles;
mod cli;
mod compiled;
mod completions;
mod convert;
mod corpus;
mod engines;
mod escaping;
mod exit_status;
mod families;
mod formats;
mod fuzz;
mod hashlife;
mod info;
mod limits;
mod ltl_shapes;
mod macrocell;
mod patterns;
mod plane;
mod plot;
mod render;
mod rules;
mod signals;
mod tui;
mod universes;
