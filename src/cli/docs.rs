//! `corolife completions` and `corolife man`: shell completion scripts and
//! roff man pages, made from the clap definitions of the command line, so
//! they cannot drift from it.

use std::io::Write;

use anyhow::bail;
use clap::CommandFactory;

use super::args::{Cli, CompletionsArgs, ManArgs};
use super::output;

/// Prints the completion script for `args.shell`.
pub fn completions(args: &CompletionsArgs) -> anyhow::Result<()> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "corolife", &mut script);
    let mut out = output::stdout();
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}

/// Prints the man page of corolife, or of the subcommand `args.command`
/// (titled `corolife-NAME`, as `man corolife-run` finds it).
pub fn man(args: &ManArgs) -> anyhow::Result<()> {
    let mut command = Cli::command();
    // Building gives the subcommands their full names (`corolife-run`,
    // `corolife run`) for their pages' titles and synopses.
    command.build();
    let page = match &args.command {
        None => clap_mangen::Man::new(command),
        Some(name) => {
            let Some(sub) = command.find_subcommand(name) else {
                let names: Vec<&str> = command
                    .get_subcommands()
                    .map(clap::Command::get_name)
                    .filter(|n| *n != "help")
                    .collect();
                bail!(
                    "no subcommand is called {:?} (expected one of {})",
                    corolife::escape::escape(name),
                    names.join(", ")
                );
            };
            clap_mangen::Man::new(sub.clone())
        }
    }
    // Every page says it is corolife's, of this version.
    .source(concat!("corolife ", env!("CARGO_PKG_VERSION")));
    let mut roff = Vec::new();
    page.render(&mut roff)?;
    // Trailing spaces mean nothing to roff; without them the page
    // compares line by line (the README shows its first lines).
    let roff = String::from_utf8_lossy(&roff);
    let mut trimmed = String::with_capacity(roff.len());
    for line in roff.lines() {
        trimmed.push_str(line.trim_end());
        trimmed.push('\n');
    }
    let mut out = output::stdout();
    out.write_all(trimmed.as_bytes())?;
    out.flush()?;
    Ok(())
}
