//! The command-line syntax, validated into typed values by clap.

use std::path::PathBuf;
use std::str::FromStr;

use clap::{Args, Parser, Subcommand};
use corolife::format::Format;
use corolife::render::glyphs::Density;
use corolife::render::picture::{Theme, Zoom};
use corolife::{EngineKind, Placement, Rule, Size};

/// Conway's Game of Life whose cells are generator coroutines.
///
/// Every cell is a coroutine that asks for its neighbours' states and
/// announces its next state; an engine owns the toroidal grid and answers.
///
/// With no subcommand, corolife animates PATTERN (the Gosper glider gun if
/// none is given) in the terminal, as `corolife animate` does. When stdout
/// is not a terminal it prints text instead: with no PATTERN, the glider of
/// Effective Python's Item 40 for five generations side by side; with one,
/// generations 0 to 4 of PATTERN side by side.
#[derive(Parser, Debug)]
#[command(name = "corolife", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub animate: AnimateArgs,

    #[command(flatten)]
    pub limits: LimitArgs,
}

// The limits every subcommand honours, given before or after it.
#[derive(Args, Debug)]
pub struct LimitArgs {
    /// The most memory to use for grids, generations kept, pictures,
    /// HashLife's nodes and the like: 512M, 4G, or a plain number of MiB
    /// (default: the memory available, within the address-space and cgroup
    /// limits, which it cannot raise; HashLife then takes at most half of
    /// it, and at most 1G).
    #[arg(
        long = "max-memory",
        value_name = "SIZE",
        global = true,
        value_parser = parse_mebibytes
    )]
    pub max_memory: Option<u64>,

    /// The largest pattern file or standard input to read: 64M, 1G, or a
    /// plain number of MiB (default 256M).
    #[arg(
        long = "max-input",
        value_name = "SIZE",
        global = true,
        value_parser = parse_mebibytes
    )]
    pub max_input: Option<u64>,

    /// A directory of Golly rule files (NAME.rule) for rules named by a
    /// pattern or --rule; may be given more than once. Looked in after the
    /// pattern's own directory and before COROLIFE_RULES and the user data
    /// directory.
    #[arg(long = "rules", value_name = "DIR", global = true)]
    pub rules: Vec<std::path::PathBuf>,
}

/// A size in bytes: `512M`, `4G`, or a plain number of MiB.
fn parse_mebibytes(text: &str) -> Result<u64, String> {
    match corolife::budget::parse_size(text, 1 << 20)? {
        0 => Err("a size of 0 leaves no room for anything".into()),
        bytes => Ok(bytes),
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run a pattern for some generations and print the result as text.
    ///
    /// Prints one line per row, `*` alive, `-` empty (higher states as
    /// letters). Without --size the pattern runs where its file puts it:
    /// on the unbounded plane, printing its live cells' bounding box, or
    /// on the bounded grid of the rule's suffix (:T torus, :P plane, :K
    /// Klein bottle, :C cross-surface, :S sphere), printed whole. With
    /// --size (or a plain :Tw,h suffix) its bounding box is centred on a
    /// torus, printed whole.
    Run(RunArgs),

    /// Time every engine on the same start and compare them.
    ///
    /// Runs each engine (and the parallel one at each thread count) on the
    /// same grid — a seeded random soup unless --pattern is given — and
    /// prints seconds, cell-updates per second and the ratio to the
    /// sequential engine, best of --repeat runs taken in turns. Checks that every engine
    /// ends in the same grid and fails if not.
    Bench(BenchArgs),

    /// Convert a pattern to another file format.
    ///
    /// The output format is --to, else OUT's extension (.rle, .cells or
    /// .txt, .lif or .life for Life 1.06, .mc for macrocell), else RLE.
    /// OUT.gz is written gzip-compressed, its format from the extension
    /// before .gz. Without -o the result goes to standard output; an
    /// existing OUT is replaced atomically.
    Convert(ConvertArgs),

    /// Describe a pattern: name, author, comments, rule, bounding box and
    /// population.
    ///
    /// With --gens N, also say what it does within N generations on the
    /// unbounded plane: still life, oscillator (with its period), spaceship
    /// (with its period and displacement); otherwise when it dies, or when
    /// it settles (escaping gliders and spaceships set aside) with its
    /// period, population and a census of the objects it leaves, or that
    /// it sends out a growing stream, or has not settled.
    Info(InfoArgs),

    /// List the built-in patterns, whose names work wherever a pattern
    /// file does.
    List,

    /// Draw a pattern's evolution: an animated GIF, or a PNG or SVG of one
    /// generation.
    ///
    /// The format is OUT's extension. A .gif shows generations 0, K, 2K, …
    /// and the last (--every K, --gens N), one frame each, and loops; a .png
    /// or .svg shows generation --gen G (or --gens N). The universe,
    /// placement and rule are those of `corolife run`: on the plane, the
    /// pictures show what the live cells cover at any generation drawn.
    /// Cells of 6 pixels or more are separated by grid lines; a border
    /// marks the picture's edge.
    /// OUT is replaced atomically: an error leaves no partial file.
    Render(RenderArgs),

    /// Chart a pattern's population, births and deaths per generation.
    ///
    /// Runs PATTERN from generation 0 to --gens N and writes, by OUT's
    /// extension, a chart (.svg or .png, 800x480 pixels) of the three
    /// series with axes, ticks, a legend and the pattern's name, or the
    /// numbers (.csv: generation,population,births,deaths). A birth is a
    /// cell that was empty one generation earlier, a death one that was
    /// not and now is. The universe, placement and rule are those of
    /// `corolife run`. A chart of more generations than it has pixel
    /// columns keeps, per column, the first, last, lowest and highest
    /// points, so its lines are within a pixel of the full series. OUT is
    /// replaced atomically: an error leaves no partial file.
    Plot(PlotArgs),

    /// Print a completion script for a shell (bash, zsh, fish, elvish,
    /// powershell).
    ///
    /// For example `corolife completions bash >
    /// ~/.local/share/bash-completion/completions/corolife`.
    Completions(CompletionsArgs),

    /// Print corolife's man page (or one subcommand's) as roff.
    ///
    /// For example `corolife man | man -l -`, or `corolife man run`.
    Man(ManArgs),

    /// Animate a pattern in the terminal.
    ///
    /// Keys: space pause, n step, b back a frame, +/- speed (past 64
    /// generations a frame, steps of 2^k up to 2^30), arrows/hjkl pan,
    /// [ and ] zoom out and in, f fit the pattern, t track it, g population
    /// graph, z density, r restart, c clear, R random soup, click to toggle
    /// cells while paused, ? all keys, q quit. Without --size the pattern
    /// runs on the unbounded plane, or on the Golly grid of the rule's
    /// suffix; on the plane the view tracks the pattern at first. With
    /// --size, or a plain :T suffix, it runs on a torus of that size.
    Animate(AnimateArgs),
}

#[derive(Args, Debug)]
#[command(
    mut_arg("pattern", |arg| arg.help(
        "A pattern file, `-` for standard input, or a built-in pattern name"
    )),
    mut_arg("rule", |arg| arg.help(
        "The rule to classify under (any notation: B3/S23, B2-a/S12, /2/3, \
         R5,C0,M1,S34..58,B34..45,NM …); overrides the file's"
    )),
)]
pub struct InfoArgs {
    #[command(flatten)]
    pub pattern: PatternArg,

    /// Run the pattern for up to N generations and say what it is or
    /// becomes: a still life, oscillator or spaceship, or when it dies or
    /// settles (setting escaping spaceships aside), with a census.
    #[arg(long, value_name = "N", value_parser = parse_generations)]
    pub gens: Option<u64>,

    #[command(flatten)]
    pub rule: RuleArg,
}

#[derive(Args, Debug)]
#[command(
    mut_arg("size", |arg| arg.help(
        "Run on a torus of this size, rows by columns (e.g. 40x80), instead of the plane \
         or the rule's grid"
    )),
    mut_arg("rule", |arg| arg.help(
        "The rule, in any notation (B3/S23, B2/S34H, B2-a/S12, /2/3, \
         R5,C0,M1,S34..58,B34..45,NM …); overrides the file's"
    )),
)]
pub struct AnimateArgs {
    /// A pattern file (RLE or plaintext), `-` for standard input, or a
    /// built-in name; the Gosper glider gun if none is given.
    pub pattern: Option<String>,

    #[command(flatten)]
    pub size: SizeArg,

    #[command(flatten)]
    pub rule: RuleArg,

    /// Frames per second, one generation each (+ and - change it).
    #[arg(
        long,
        value_name = "F",
        default_value_t = 30,
        value_parser = clap::value_parser!(u32).range(1..=240)
    )]
    pub fps: u32,

    /// The engine that runs the cells (default: on a torus, compiled when
    /// the rule compiles and the grid is large enough to gain from it,
    /// else bands when the grid is large enough to split, else
    /// sequential; on the plane as `corolife run` chooses, and HashLife
    /// for steps of 2^8 generations a frame and more).
    #[arg(long, value_name = "ENGINE")]
    pub engine: Option<EngineKind>,

    #[command(flatten)]
    pub threads: ThreadsArg,

    /// Cells per character: cell (1), half (2, stacked) or braille (2x4).
    #[arg(long, value_name = "DENSITY", default_value_t = Density::Half)]
    pub density: Density,

    /// Start paused.
    #[arg(long)]
    pub paused: bool,
}

#[derive(Args, Debug)]
#[command(
    mut_arg("size", |arg| arg.help(
        "Run on a torus of this size, rows by columns (e.g. 40x80), instead of the plane \
         or the rule's grid"
    )),
    mut_arg("rule", |arg| arg.help(
        "The rule, in any notation (B3/S23, 23/3, B2/S13V, B2-a/S12, /2/3, \
         R5,C0,M1,S34..58,B34..45,NM …), with Golly's grid suffix if any \
         (B36/S23:T80,40, B3/S23:P30,20, B3/S23:K30*,20 …); overrides the file's"
    )),
    mut_arg("threads", |arg| arg.help(
        "Threads for the parallel engines (default: one per core)"
    )),
)]
pub struct RunArgs {
    #[command(flatten)]
    pub pattern: PatternArg,

    #[command(flatten)]
    pub size: SizeArg,

    /// Generations to run: a number, a power of two (2^40) or of ten
    /// (1e12), up to 2^64 - 1.
    #[arg(long, value_name = "N", default_value = "0", value_parser = parse_generations)]
    pub gens: u64,

    #[command(flatten)]
    pub rule: RuleArg,

    #[command(flatten)]
    pub at: AtArg,

    #[command(flatten)]
    pub engine: EngineArg,

    #[command(flatten)]
    pub threads: ThreadsArg,

    #[command(flatten)]
    pub no_tile_skipping: TileSkippingArg,

    /// Print generations 0, K, 2K, … and the last, not just the last.
    #[arg(long, value_name = "K", value_parser = parse_stride)]
    pub every: Option<u64>,

    /// Print the generations side by side, numbered (every generation
    /// unless --every says otherwise).
    #[arg(long)]
    pub columns: bool,

    /// Print the last generation as text (`*` and `-`), or its live cells
    /// as a pattern file: rle, cells, life106 or mc. The pattern keeps the
    /// input's name, author and comments; RLE adds the rule with its grid
    /// suffix, and off a torus the position and generation (`#CXRLE Pos=
    /// Gen=`), so that running the file goes on where this run stopped.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub output: Output,

    /// Write the output to this file (replacing it atomically) instead of
    /// standard output.
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    pub file: Option<PathBuf>,

    /// Say on stderr which engine ran, how long it took, and for HashLife
    /// the memory its nodes took.
    #[arg(short, long)]
    pub verbose: bool,

    /// Print text however large: without it, a grid (or the side-by-side
    /// view) of more than 128 MiB of text, or a cells file as large, is
    /// refused.
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct ConvertArgs {
    /// A pattern file (RLE, plaintext, Life 1.05 or 1.06, macrocell; any
    /// of them gzip-compressed), `-` for standard input, or a built-in
    /// pattern name.
    pub input: String,

    /// Write to this file (replacing it atomically, gzip-compressed if its
    /// name ends in .gz) instead of standard output; `-` is standard
    /// output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// The output format: rle, cells, life106 or mc (default: from OUT's
    /// extension, else rle).
    #[arg(long, value_name = "FORMAT", value_parser = writable_format)]
    pub to: Option<Format>,

    /// Write a cells file however large: without it, one of more than
    /// 128 MiB is refused.
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug)]
#[command(
    mut_arg("at", |arg| arg.help(
        "Put the pattern's top-left corner at this row and column instead of centring it \
         (negative values count from the bottom and right)"
    )),
    mut_arg("engine", |arg| arg.help(
        "The engine that runs the cells: sequential, bands, compiled, or auto \
         (compiled when the rule compiles and the grid is large enough)"
    )),
)]
pub struct RenderArgs {
    #[command(flatten)]
    pub pattern: PatternArg,

    /// The picture to write: a .gif, .png or .svg file.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,

    #[command(flatten)]
    pub size: SizeArg,

    /// Generations to run: the last frame of a GIF (default 100), or the
    /// generation a PNG or SVG shows (default 0).
    #[arg(long, value_name = "N", value_parser = parse_generations)]
    pub gens: Option<u64>,

    /// The generation a PNG or SVG shows.
    #[arg(long = "gen", value_name = "G", conflicts_with = "gens", value_parser = parse_generations)]
    pub generation: Option<u64>,

    /// A GIF frame every K generations (default 1); the last generation is
    /// always a frame.
    #[arg(long, value_name = "K", value_parser = parse_stride)]
    pub every: Option<u64>,

    /// Pixels per cell, or 1/N to zoom out to N cells a pixel (N a power
    /// of two; a pixel shows whether any cell under it is alive). Default:
    /// the largest scale up to 16 that keeps the picture within 800 pixels
    /// a side, or the least zooming out that does.
    #[arg(long, value_name = "PX|1/N")]
    pub scale: Option<Zoom>,

    /// GIF frames per second, 1 to 50 (default 10).
    #[arg(long, value_name = "F", value_parser = clap::value_parser!(u32).range(1..=50))]
    pub fps: Option<u32>,

    #[command(flatten)]
    pub rule: RuleArg,

    #[command(flatten)]
    pub at: AtArg,

    /// The colours: light or dark.
    #[arg(long, value_name = "THEME", default_value_t = Theme::Light)]
    pub theme: Theme,

    #[command(flatten)]
    pub engine: EngineArg,

    #[command(flatten)]
    pub threads: ThreadsArg,
}

#[derive(Args, Debug)]
#[command(
    mut_arg("size", |arg| arg.help(
        "Run on a torus of this size, rows by columns (e.g. 40x80), instead of the plane \
         or the rule's grid"
    )),
    mut_arg("threads", |arg| arg.help(
        "Threads for the parallel engines (default: one per core)"
    )),
)]
pub struct PlotArgs {
    #[command(flatten)]
    pub pattern: PatternArg,

    /// The file to write: a .svg or .png chart, or .csv numbers.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,

    /// The last generation counted: a number, a power of two (2^12) or of
    /// ten (1e4).
    #[arg(long, value_name = "N", default_value = "100", value_parser = parse_generations)]
    pub gens: u64,

    #[command(flatten)]
    pub size: SizeArg,

    #[command(flatten)]
    pub rule: RuleArg,

    #[command(flatten)]
    pub at: AtArg,

    #[command(flatten)]
    pub engine: EngineArg,

    #[command(flatten)]
    pub threads: ThreadsArg,
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Args, Debug)]
pub struct ManArgs {
    /// A subcommand whose page to print (run, render, plot …) instead of
    /// corolife's own.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

// The arguments several subcommands share, each declared once and
// flattened where it is used. A subcommand that words an argument's help
// for itself says so with `mut_arg` on its own struct (without the final
// full stop, which clap drops from doc comments).

// PATTERN, the positional argument.
#[derive(Args, Debug)]
pub struct PatternArg {
    /// A pattern file (RLE, plaintext, Life 1.05 or 1.06), `-` for standard
    /// input, or a built-in pattern name.
    #[arg(id = "pattern", value_name = "PATTERN")]
    pub value: String,
}

// --size ROWSxCOLS.
#[derive(Args, Clone, Debug)]
pub struct SizeArg {
    /// The torus size, rows by columns (e.g. 40x80).
    #[arg(id = "size", long = "size", value_name = "ROWSxCOLS", value_parser = parse_size)]
    pub value: Option<Size>,
}

// --rule RULE.
#[derive(Args, Clone, Debug)]
pub struct RuleArg {
    /// The rule (B3/S23, 23/3, B36/S23:T80,40 …); overrides the file's.
    #[arg(id = "rule", long = "rule", value_name = "RULE", value_parser = parse_rule)]
    pub value: Option<RuleText>,
}

/// A `--rule` as given: a rule in some notation, or the name of one,
/// whose rule file is looked for once every option is known
/// ([`RuleArg::get_beside`]).
#[derive(Clone, Debug)]
pub struct RuleText(String);

impl RuleArg {
    /// The rule given, its rule file (if it names one) read and defined:
    /// looked for beside the pattern file `pattern` first (when it is a
    /// file), then where `--rules` and the environment say.
    pub fn get_beside(&self, pattern: Option<&str>) -> anyhow::Result<Option<Rule>> {
        self.value
            .as_ref()
            .map(|RuleText(text)| super::input::rule(text, pattern))
            .transpose()
    }
}

/// A rule string: refused now unless it is a rule or could name one.
fn parse_rule(text: &str) -> Result<RuleText, String> {
    match text.parse::<Rule>() {
        Ok(_) | Err(corolife::RuleError::UnknownName { .. }) => Ok(RuleText(text.to_owned())),
        Err(error) => Err(error.to_string()),
    }
}

// --at ROW,COL.
#[derive(Args, Debug)]
pub struct AtArg {
    /// Put the pattern's top-left corner at this row and column: on a
    /// torus instead of centring it (negative values count from the bottom
    /// and right), elsewhere instead of where the file puts it.
    #[arg(
        id = "at",
        long = "at",
        value_name = "ROW,COL",
        allow_hyphen_values = true,
        value_parser = parse_at
    )]
    pub value: Option<Placement>,
}

impl AtArg {
    /// `--at`, else centred.
    pub fn placement(&self) -> Placement {
        self.value.unwrap_or(Placement::Centre)
    }
}

// --engine ENGINE, auto unless given.
#[derive(Args, Debug)]
pub struct EngineArg {
    /// The engine that runs the cells: sequential, bands, compiled,
    /// hashlife, or auto (compiled when the rule compiles, on a torus when
    /// it has at least 4096 cells; else bands; hashlife on the plane for
    /// macrocell files, long runs and rules known by name).
    #[arg(
        id = "engine",
        long = "engine",
        value_name = "ENGINE",
        default_value = "auto"
    )]
    pub value: EngineKind,
}

// --threads N.
#[derive(Args, Clone, Debug)]
pub struct ThreadsArg {
    /// Threads for the parallel engine (default: one per core).
    #[arg(id = "threads", long = "threads", value_name = "N", value_parser = parse_threads)]
    pub value: Option<usize>,
}

// --no-tile-skipping.
#[derive(Args, Debug)]
pub struct TileSkippingArg {
    /// Step every tile of the compiled engine every generation, instead of
    /// skipping those that cannot change.
    #[arg(id = "no_tile_skipping", long = "no-tile-skipping")]
    pub value: bool,
}

/// What `run` prints: the grid as text, or a pattern file.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Output {
    Text,
    Pattern(Format),
}

impl FromStr for Output {
    type Err = String;

    fn from_str(text: &str) -> Result<Output, String> {
        if text.trim().eq_ignore_ascii_case("text") {
            return Ok(Output::Text);
        }
        writable_format(text)
            .map(Output::Pattern)
            .map_err(|_| format!("expected text, rle, cells, life106 or mc, found \"{text}\""))
    }
}

/// A format corolife can write: `rle`, `cells` or `life106`.
fn writable_format(text: &str) -> Result<Format, String> {
    match text.parse::<Format>() {
        Ok(format) if format.is_writable() => Ok(format),
        Ok(format) => Err(format!(
            "{} files are read but not written: expected rle, cells, life106 or mc",
            format.title()
        )),
        Err(_) => Err(format!(
            "expected rle, cells, life106 or mc, found \"{text}\""
        )),
    }
}

#[derive(Args, Debug)]
#[command(
    mut_arg("size", |arg| arg.help(
        "The torus size, rows by columns (default: the rule's :T torus, else 512x512, \
         grown to fit --pattern with a margin)"
    )),
    mut_arg("rule", |arg| arg.help("The rule; overrides the pattern's")),
)]
pub struct BenchArgs {
    #[command(flatten)]
    pub size: SizeArg,

    /// Generations per run (default: about twenty million cell-updates for
    /// a rule of eight neighbours, fewer in proportion for wider
    /// neighbourhoods, or four billion when only the compiled engine runs).
    #[arg(long, value_name = "N", value_parser = parse_generations)]
    pub gens: Option<u64>,

    /// The engine to measure, or `all`.
    #[arg(long, value_name = "ENGINE", default_value = "all")]
    pub engine: EngineChoice,

    /// Thread counts for the parallel engines, comma-separated (default: 1
    /// and one per core).
    #[arg(long, value_name = "N,…", value_delimiter = ',', value_parser = parse_threads)]
    pub threads: Option<Vec<usize>>,

    #[command(flatten)]
    pub no_tile_skipping: TileSkippingArg,

    /// Also time the compiled engine at each thread count stepping every
    /// tile: what skipping tiles saves, measured in the same run.
    #[arg(long, conflicts_with = "no_tile_skipping")]
    pub compare_tile_skipping: bool,

    /// Also time each parallel and compiled engine stepping one generation
    /// at a time, as the animation does (rows marked `(stepwise)`).
    #[arg(long)]
    pub stepwise: bool,

    /// Start from this pattern (file, `-` or built-in name), centred, instead
    /// of a random soup.
    #[arg(long, value_name = "PATTERN")]
    pub pattern: Option<String>,

    #[command(flatten)]
    pub rule: RuleArg,

    /// Seed of the random soup (decimal or 0x hexadecimal).
    #[arg(long, value_name = "SEED", default_value = "0x5EED0040", value_parser = parse_seed)]
    pub seed: u64,

    /// For each thread count above one, also time that many one-thread runs
    /// at once, each on its own copy of the start: what the cores do
    /// together when they share nothing, the ceiling for that many threads
    /// on this machine at this moment.
    #[arg(long)]
    pub side_by_side: bool,

    /// Runs of each engine, taken in turns; the fastest of each is reported.
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub repeat: u32,

    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,

    /// Run on the unbounded plane instead of a torus: the compiled engine's
    /// tiles and HashLife (or --engine's one) on --pattern, or on a soup of
    /// --size placed on the plane; reports seconds, generations per second
    /// and HashLife's memory.
    #[arg(long, conflicts_with_all = ["stepwise", "side_by_side", "compare_tile_skipping"])]
    pub plane: bool,
}

/// An engine name, or `all`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EngineChoice {
    All,
    One(EngineKind),
}

impl FromStr for EngineChoice {
    type Err = String;

    fn from_str(text: &str) -> Result<EngineChoice, String> {
        if text.eq_ignore_ascii_case("all") {
            return Ok(EngineChoice::All);
        }
        text.parse()
            .map(EngineChoice::One)
            .map_err(|e: corolife::EngineError| format!("{e}, or all"))
    }
}

/// A generation count: digits (with `_` between them if wished), `2^K`
/// or `MeK` (`1e12`, `5e6`), at most 2^64 − 1.
pub fn parse_generations(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let number = |digits: &str| -> Option<u64> {
        let digits = digits.replace('_', "");
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    };
    let value = if let Some((base, exponent)) = text.split_once('^') {
        let (base, exponent) = (number(base), number(exponent));
        base.zip(exponent)
            .and_then(|(b, e)| b.checked_pow(u32::try_from(e).ok()?))
    } else if let Some((mantissa, exponent)) = text.split_once(['e', 'E']) {
        let (mantissa, exponent) = (number(mantissa), number(exponent));
        mantissa
            .zip(exponent)
            .and_then(|(m, e)| m.checked_mul(10u64.checked_pow(u32::try_from(e).ok()?)?))
    } else {
        number(text)
    };
    value.ok_or_else(|| {
        format!(
            "expected a number of generations up to 2^64 - 1 (digits, 2^K or 1eK), got {text:?}"
        )
    })
}

/// A number of generations between outputs: at least 1.
fn parse_stride(text: &str) -> Result<u64, String> {
    match parse_generations(text)? {
        0 => Err("expected at least 1 generation".to_owned()),
        n => Ok(n),
    }
}

fn parse_seed(text: &str) -> Result<u64, String> {
    let parsed = match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(&hex.replace('_', ""), 16),
        None => text.replace('_', "").parse(),
    };
    parsed.map_err(|_| format!("expected a number such as 42 or 0x5EED0040, found \"{text}\""))
}

/// A thread count, refused beyond what the engines allow (see
/// [`corolife::engine::max_threads`]) before anything is loaded.
fn parse_threads(text: &str) -> Result<usize, String> {
    let threads: usize = text
        .trim()
        .parse()
        .map_err(|_| format!("expected a number of threads, found \"{text}\""))?;
    let max = corolife::engine::max_threads();
    if threads > max {
        let error = corolife::EngineError::TooManyThreads {
            threads,
            max,
            cores: corolife::engine::cores(),
        };
        return Err(error.to_string());
    }
    Ok(threads)
}

/// `ROWSxCOLS`.
fn parse_size(text: &str) -> Result<Size, String> {
    let bad = || format!("expected ROWSxCOLS such as 40x80, found \"{text}\"");
    let (rows, cols) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    let number = |s: &str| s.trim().parse::<usize>().map_err(|_| bad());
    let size = Size {
        rows: number(rows)?,
        cols: number(cols)?,
    };
    if size.rows == 0 || size.cols == 0 {
        return Err(format!(
            "a grid needs at least one row and one column, not {text}"
        ));
    }
    Ok(size)
}

/// `ROW,COL`: the pattern's top-left corner there.
fn parse_at(text: &str) -> Result<Placement, String> {
    let bad = || format!("expected ROW,COL such as 0,2, found \"{text}\"");
    let (row, col) = text.split_once(',').ok_or_else(bad)?;
    Ok(Placement::At {
        row: row.trim().parse().map_err(|_| bad())?,
        col: col.trim().parse().map_err(|_| bad())?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sizes_and_positions_parse() {
        assert_eq!(parse_size("5x9"), Ok(Size { rows: 5, cols: 9 }));
        assert_eq!(parse_size("40X80"), Ok(Size { rows: 40, cols: 80 }));
        assert!(parse_size("5x").is_err());
        assert!(parse_size("0x9").is_err());
        assert!(parse_size("5by9").is_err());
        assert_eq!(parse_at("0,2"), Ok(Placement::At { row: 0, col: 2 }));
        assert_eq!(parse_at("-1, -3"), Ok(Placement::At { row: -1, col: -3 }));
        assert!(parse_at("1").is_err());
        assert_eq!(parse_seed("0x5EED0040"), Ok(0x5EED_0040));
        assert_eq!(parse_seed("42"), Ok(42));
        assert!(parse_seed("x42").is_err());
        assert_eq!("all".parse(), Ok(EngineChoice::All));
        assert_eq!("bands".parse(), Ok(EngineChoice::One(EngineKind::RowBands)));
        assert_eq!(
            "compiled".parse(),
            Ok(EngineChoice::One(EngineKind::Compiled))
        );
        assert!("fast".parse::<EngineChoice>().is_err());
    }

    #[test]
    fn generation_counts_are_numbers_powers_of_two_or_of_ten() {
        assert_eq!(parse_generations("4096"), Ok(4096));
        assert_eq!(parse_generations("1_000_000"), Ok(1_000_000));
        assert_eq!(parse_generations("2^40"), Ok(1 << 40));
        assert_eq!(parse_generations("2^63"), Ok(1 << 63));
        assert_eq!(parse_generations("1e12"), Ok(1_000_000_000_000));
        assert_eq!(parse_generations("5E3"), Ok(5000));
        assert_eq!(parse_generations("18446744073709551615"), Ok(u64::MAX));
        for bad in ["", "2^64", "1e20", "-1", "2^", "e5", "1.5", "0x10", "2^-1"] {
            assert!(parse_generations(bad).is_err(), "{bad:?}");
        }
        assert!(parse_stride("0").is_err());
        assert_eq!(parse_stride("2^10"), Ok(1024));
    }

    #[test]
    fn outputs_are_text_or_a_writable_format() {
        assert_eq!("text".parse(), Ok(Output::Text));
        assert_eq!("RLE".parse(), Ok(Output::Pattern(Format::Rle)));
        assert_eq!("cells".parse(), Ok(Output::Pattern(Format::Plaintext)));
        assert_eq!("life106".parse(), Ok(Output::Pattern(Format::Life106)));
        assert!("life105".parse::<Output>().is_err());
        assert!("png".parse::<Output>().is_err());
        assert_eq!(writable_format("life106"), Ok(Format::Life106));
        assert!(
            writable_format("life105")
                .expect_err("read only")
                .contains("read but not written")
        );
    }
}
