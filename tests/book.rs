//! Effective Python, Item 40: the book's 5×9 glider, generation by
//! generation, side by side, character for character.

use corolife::{EngineKind, Grid, Rule, State, render};

use crate::util::run;

/// The table printed in Item 40. The header keeps its trailing padding.
const BOOK_TABLE: &str = "    0     |     1     |     2     |     3     |     4    
---*----- | --------- | --------- | --------- | ---------
----*---- | --*-*---- | ----*---- | ---*----- | ----*----
--***---- | ---**---- | --*-*---- | ----**--- | -----*---
--------- | ---*----- | ---**---- | ---**---- | ---***---
--------- | --------- | --------- | --------- | ---------
";

fn book_grid() -> Grid {
    let mut grid = Grid::new(5, 9).expect("5x9 grid");
    for (y, x) in [(0, 3), (1, 4), (2, 2), (2, 3), (2, 4)] {
        grid.assign(y, x, State::ALIVE);
    }
    grid
}

#[test]
fn every_engine_reproduces_the_books_table() {
    for kind in EngineKind::ALL {
        for threads in [1, 2, 3] {
            let mut engine = kind.build(Rule::LIFE, Some(threads)).expect("engine");
            let mut grid = book_grid();
            let mut generations = Vec::new();
            for generation in 0..5 {
                generations.push((generation, grid.clone()));
                engine.step(&mut grid);
            }
            let views: Vec<(u64, &Grid)> = generations.iter().map(|(g, grid)| (*g, grid)).collect();
            assert_eq!(
                render::columns(&views),
                BOOK_TABLE,
                "{kind} with {threads} threads"
            );
        }
    }
}

#[test]
fn corolife_with_no_arguments_prints_the_books_table() {
    let output = run(&[]);
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout), BOOK_TABLE);
}

#[test]
fn run_columns_prints_the_books_table_from_a_file() {
    let glider = crate::util::corpus("hand-glider-5x9.rle");
    for engine in ["sequential", "bands"] {
        let output = run(&[
            "run",
            &glider,
            "--size",
            "5x9",
            "--at",
            "0,2",
            "--gens",
            "4",
            "--columns",
            "--engine",
            engine,
        ]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            BOOK_TABLE,
            "{engine}"
        );
    }
}
