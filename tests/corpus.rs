//! The pattern corpus: real pattern files whose exact output was produced by
//! two independent Life engines. Every engine must reproduce every case,
//! except the sequential engine, which steps every cell on one thread and
//! runs a fixed sample of them (see [`sample`]).

use corolife::{EngineKind, Grid, Placement, Rule, format};

use crate::util::{Case, cases, corpus_dir, first_difference};

/// Runs `case` through the library with `engine` and returns the text.
fn output(case: &Case, engine: EngineKind, threads: usize) -> String {
    let pattern = format::load(&corpus_dir().join(&case.file)).expect("corpus files load");
    let rule = match &case.rule {
        Some(rule) => rule.parse().expect("corpus rules parse"),
        None => pattern.rule.unwrap_or(Rule::LIFE),
    };
    let mut grid =
        Grid::from_pattern(&pattern, case.rows, case.cols, Placement::Centre).expect("fits");
    let mut engine = engine.build(rule, Some(threads)).expect("engine");
    engine.run(&mut grid, case.gens);
    assert_eq!(
        grid.population(),
        case.population,
        "{}: population",
        case.file
    );
    grid.to_string()
}

/// Cases of at most this many cell-generations (rows × columns ×
/// generations) cost next to nothing, and the sample always holds them.
const SMALL: u64 = 100_000;

/// The cell-generations a case steps.
fn work(case: &Case) -> u64 {
    (case.rows * case.cols) as u64 * case.gens
}

/// The cases the sequential engine runs: every small case (see [`SMALL`]),
/// every hand-made one (`hand-*`), and every fourth of the others in the
/// order of `cases.tsv`, from the first. Always the same cases, so a
/// failure can be reproduced.
fn sample(cases: Vec<Case>) -> Vec<Case> {
    let (always, others): (Vec<Case>, Vec<Case>) = cases
        .into_iter()
        .partition(|case| work(case) <= SMALL || case.file.starts_with("hand-"));
    always
        .into_iter()
        .chain(others.into_iter().step_by(4))
        .collect()
}

/// Checks that `engine` reproduces every one of `cases`.
fn check(cases: &[Case], engine: EngineKind, threads: usize) -> usize {
    let mut checked = 0;
    for case in cases {
        let actual = output(case, engine, threads);
        let expected = case.expected();
        assert!(
            actual == expected,
            "{} with {engine} ({threads} threads): {}",
            case.file,
            first_difference(&expected, &actual)
        );
        checked += 1;
    }
    checked
}

fn check_all(engine: EngineKind, threads: usize) {
    let checked = check(&cases(), engine, threads);
    assert!(checked >= 30, "only {checked} cases ran");
}

/// The sequential engine on a fixed sample of the cases ([`sample`]), which
/// keeps the corpus pass quick: it runs the same interpreter as the bands
/// engine, which runs every case, on a single thread.
#[test]
fn the_sequential_engine_reproduces_a_sample_of_the_cases() {
    let all = cases();
    let total = all.len();
    let sample = sample(all);
    assert!(
        sample.iter().any(|case| work(case) > 10 * SMALL),
        "the sample holds large cases too"
    );
    let checked = check(&sample, EngineKind::Sequential, 1);
    assert!(
        (15..total).contains(&checked),
        "{checked} of {total} cases ran"
    );
}

#[test]
fn the_bands_engine_reproduces_every_case() {
    check_all(EngineKind::RowBands, 2);
}

#[test]
fn the_compiled_engine_reproduces_every_case() {
    check_all(EngineKind::Compiled, 1);
    check_all(EngineKind::Compiled, 2);
}

#[test]
fn the_auto_engine_reproduces_every_case() {
    check_all(EngineKind::Auto, 2);
}
