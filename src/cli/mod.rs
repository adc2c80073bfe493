//! The command line: parsing with clap, then one function per subcommand.
//!
//! Every error ends up here as one `error: …` line on stderr and exit
//! status 2, output that cannot be written included (a full disk, a
//! closed stdout); a broken pipe (`corolife run … | head`) ends quietly.

mod animate;
mod args;
mod bench;
mod convert;
mod docs;
mod info;
mod input;
mod list;
mod output;
mod plot;
mod progress;
mod render;
mod run;
mod signals;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use corolife::escape::escape;

use args::{
    AnimateArgs, AtArg, Cli, Command, EngineArg, Output, PatternArg, RunArgs, TileSkippingArg,
};

/// The generations `corolife PATTERN` prints when stdout is not a terminal:
/// 0 to this, side by side.
pub const PIPE_GENERATIONS: u64 = 4;

/// Parses the command line, runs it, and turns the outcome into an exit
/// status.
pub fn main() -> ExitCode {
    output::check_closed();
    let cli = match parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    corolife::budget::set_max_memory(cli.limits.max_memory);
    input::set_rule_dirs(cli.limits.rules.clone());
    if let Some(bytes) = cli.limits.max_input {
        input::set_max_input(bytes);
    }
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // Errors quote files' text and paths: escaped, one line.
            let message = format!("{error:#}");
            let _ = writeln!(io::stderr(), "error: {}", escape(&message));
            ExitCode::from(2)
        }
    }
}

/// The command line, parsed. The animation's arguments (`corolife
/// [PATTERN]`) cannot be given with a subcommand; the limits, being
/// global, can be given before or after one. (clap's
/// `args_conflicts_with_subcommands` would count the global ones too.)
fn parse() -> Result<Cli, clap::Error> {
    use clap::parser::ValueSource;
    use clap::{CommandFactory, FromArgMatches};
    let mut command = Cli::command();
    let matches = command.try_get_matches_from_mut(std::env::args_os())?;
    if let Some((name, _)) = matches.subcommand() {
        // Only the animation's own arguments (not the groups clap makes
        // of them, nor the global limits) count.
        let given = command.get_arguments().find(|arg| {
            !arg.is_global_set()
                && matches.value_source(arg.get_id().as_str()) == Some(ValueSource::CommandLine)
        });
        if let Some(arg) = given {
            let shown = match (arg.get_long(), arg.get_value_names()) {
                (Some(long), _) => format!("--{long}"),
                (None, Some([value, ..])) => value.to_string(),
                (None, _) => arg.get_id().to_string(),
            };
            return Err(command.error(
                clap::error::ErrorKind::ArgumentConflict,
                format!("the argument '{shown}' cannot be used with the subcommand '{name}'"),
            ));
        }
    }
    Cli::from_arg_matches(&matches).map_err(|error| error.format(&mut command))
}

/// Help and version go to stdout as clap writes them; a usage error is
/// condensed to one `error: …` line with exit status 2.
fn usage_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        return match output::print_clap(error) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(error) => {
                let _ = writeln!(io::stderr(), "error: {error}");
                ExitCode::from(2)
            }
        };
    }
    // The first paragraph says what is wrong; the rest is usage advice.
    let rendered = error.render().to_string();
    let paragraph: Vec<&str> = rendered
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .map(str::trim)
        .collect();
    let message = paragraph.join(" ");
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    let _ = writeln!(
        io::stderr(),
        "error: {} (see corolife --help)",
        escape(message)
    );
    ExitCode::from(2)
}

fn dispatch(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::Run(args)) => run::run(&args),
        Some(Command::Bench(args)) => bench::bench(&args),
        Some(Command::Convert(args)) => convert::convert(&args),
        Some(Command::Info(args)) => info::info(&args),
        Some(Command::List) => list::list(),
        Some(Command::Render(args)) => render::render(&args),
        Some(Command::Plot(args)) => plot::plot(&args),
        Some(Command::Completions(args)) => docs::completions(&args),
        Some(Command::Man(args)) => docs::man(&args),
        Some(Command::Animate(args)) => animate::animate(&args),
        None => default(&cli.animate),
    }
}

/// `corolife [PATTERN]`: the animation in a terminal; otherwise text, the
/// Item 40 glider with no pattern, or the first generations of the
/// pattern side by side.
fn default(args: &AnimateArgs) -> anyhow::Result<()> {
    if io::stdout().is_terminal() {
        return animate::run_animation(args);
    }
    let Some(pattern) = &args.pattern else {
        return run::book_demo();
    };
    run::run(&RunArgs {
        pattern: PatternArg {
            value: pattern.clone(),
        },
        size: args.size.clone(),
        gens: PIPE_GENERATIONS,
        rule: args.rule.clone(),
        at: AtArg { value: None },
        engine: EngineArg {
            value: args.engine.unwrap_or_default(),
        },
        threads: args.threads.clone(),
        no_tile_skipping: TileSkippingArg { value: false },
        every: None,
        columns: true,
        output: Output::Text,
        file: None,
        verbose: false,
        force: false,
    })
}

/// Whether the error is stdout closing under us (`corolife … | head`).
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
