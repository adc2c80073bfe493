//! The pattern corpus: real pattern files whose exact output was produced by
//! two independent Life engines. Every engine must reproduce every case.

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

fn check_all(engine: EngineKind, threads: usize) {
    let mut checked = 0;
    for case in &cases() {
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
    assert!(checked >= 30, "only {checked} cases ran");
}

#[test]
fn the_sequential_engine_reproduces_every_case() {
    check_all(EngineKind::Sequential, 1);
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
