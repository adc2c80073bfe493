//! The `corolife` command: runs Life patterns through cell coroutines.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
