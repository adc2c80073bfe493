use super::*;
use crate::format::{self, Format, ParseErrorKind};

/// The error `text` gives, as `(line, column, message)`.
fn error(text: &str) -> (usize, usize, String) {
    let error = parse(text).expect_err("refused");
    (error.line, error.column, error.kind.to_string())
}

#[test]
fn reads_a_golly_file_with_its_metadata() {
    let text = "[M2] (golly 4.3)\n#R B36/S23\n#G 120\n#N Glider\n#O Richard K. Guy\n#C c/4\n.*$..*$***$\n4 0 1 0 0\n";
    let tree = parse(text).expect("reads");
    assert_eq!(tree.rule, Some("B36/S23".parse().expect("rule")));
    assert_eq!(tree.generation, 120);
    assert_eq!(tree.name.as_deref(), Some("Glider"));
    assert_eq!(tree.author.as_deref(), Some("Richard K. Guy"));
    assert_eq!(tree.comments, ["c/4"]);
    assert_eq!(tree.level(), 4);
    assert_eq!(tree.population(), 5);
    // The north-east leaf of a 16×16 root: x from 0, y from −7.
    let cells: Vec<(i32, i32)> = tree
        .cells()
        .expect("few")
        .iter()
        .map(|c| (c.y, c.x))
        .collect();
    assert_eq!(cells, [(-7, 1), (-6, 2), (-5, 0), (-5, 1), (-5, 2)]);
    let bounds = tree.bounds().expect("alive");
    assert_eq!(
        (bounds.top, bounds.left, bounds.width(), bounds.height()),
        (-7, 0, 3, 3)
    );
}

#[test]
fn reads_multistate_two_by_two_leaves() {
    let text = "[M2]\n#R /2/3\n1 1 2 0 0\n1 0 0 0 1\n2 1 0 0 2\n";
    let tree = parse(text).expect("reads");
    let cells: Vec<(i32, i32, u8)> = tree
        .cells()
        .expect("few")
        .iter()
        .map(|c| (c.y, c.x, c.state.value()))
        .collect();
    // A level-2 root: columns −2 to 1, rows −1 to 2.
    assert_eq!(cells, [(-1, -2, 1), (-1, -1, 2), (2, 1, 1)]);
    assert!(!tree.is_two_state());
}

#[test]
fn refusals_name_the_line_column_and_problem() {
    let bad = |body: &str| error(&format!("[M2]\n{body}"));
    assert_eq!(error("[M3]\n").0, 1);
    assert_eq!(
        bad("4 0 1 0 0\n"),
        (2, 5, "there is no node 1 before this line (only 0)".into())
    );
    let (line, column, message) = bad("*$\n*$\n5 1 2 0 0\n");
    assert_eq!((line, column), (4, 3));
    assert!(message.contains("node 1 is of level 3"), "{message}");
    assert_eq!(bad("0 0 0 0 0\n").2, "node level 0 is outside 1 to 63");
    assert_eq!(bad("64 0 0 0 0\n").2, "node level 64 is outside 1 to 63");
    assert_eq!(
        bad("1 0 256 0 0\n"),
        (
            2,
            5,
            "state 256 is more than 255, the most a cell may have".into()
        )
    );
    let (line, column, _) = bad("*********$\n");
    assert_eq!((line, column), (2, 9));
    let (_, column, _) = bad("$$$$$$$$*$\n");
    assert_eq!(column, 9);
    let (line, _, message) = bad("4 1 1\n");
    assert_eq!(line, 2);
    assert!(message.contains("LEVEL NW NE SW SE"), "{message}");
    assert!(bad("#G 12x\n").2.contains("generation"));
    assert!(matches!(
        parse("[M2]\n#R B3/S23:Q\n").map_err(|e| e.kind),
        Err(ParseErrorKind::Rule(_))
    ));
}

#[test]
fn huge_trees_are_counted_without_listing_them() {
    // A square of side 2^63 full of one leaf's copies.
    let mut text = String::from("[M2]\n*$\n");
    for level in 4..=63 {
        let n = level - 3;
        text += &format!("{level} {n} {n} {n} {n}\n");
    }
    let tree = parse(&text).expect("reads");
    assert_eq!(tree.population(), 1 << 120);
    let bounds = tree.bounds().expect("alive");
    assert_eq!(bounds.left, -(1 << 62));
    assert!(!bounds.fits_i32());
    assert!(matches!(
        tree.cells(),
        Err(ExpandError::TooManyCells { .. })
    ));
    // Written again, it stays a tree of 61 nodes.
    let pattern = format::parse(&text, None).expect("reads");
    let written = Format::Macrocell.write(&pattern).expect("a tree");
    assert_eq!(written.lines().count(), 2 + 61);
}

#[test]
fn trees_from_cells_are_canonical() {
    let cells: Vec<Cell> = [(0, 0), (100, -100), (-5, 7)]
        .into_iter()
        .map(|(y, x)| Cell::alive(y, x))
        .collect();
    let tree = Macrocell::from_cells(&cells);
    assert_eq!(tree.cells().expect("few"), {
        let mut sorted = cells.clone();
        sorted.sort_by_key(|c| (c.y, c.x));
        sorted
    });
    assert_eq!(tree.canonical(), tree);
    // Every distinct square once: two equal halves share their node.
    let twins = Macrocell::from_cells(&[Cell::alive(-8, -8), Cell::alive(-8, 0)]);
    let leaves = twins
        .nodes
        .iter()
        .filter(|n| matches!(n, Node::Leaf8(_)))
        .count();
    assert_eq!(leaves, 1);
}
