//! Unit tests of the macrocell reader, writer and tree.
//!
//! The positions expected here were read from Golly 5.0 itself (`bgolly
//! --exec` with `load FILE` and `get X Y`): they pin corolife's placement
//! of a root to Golly's, small roots included.

use super::*;
use crate::Pattern;
use crate::format::{self, Format, Found, ParseErrorKind};

fn cells(text: &str) -> Vec<Cell> {
    parse(text)
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
        .cells()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn error(text: &str) -> (usize, usize, ParseErrorKind) {
    let error = parse(text).expect_err(text);
    (error.line, error.column, error.kind)
}

#[test]
fn a_leaf_row_is_a_byte_whose_bit_c_is_column_c() {
    let tree = parse("[M2]\n.*$..**$\n").expect("valid");
    assert_eq!(tree.nodes, [Node::Leaf8([0b10, 0b1100, 0, 0, 0, 0, 0, 0])]);
    let leaf = [0b1000_0001, 0, 0, 0, 0, 0, 0, 0b0100_0000];
    let text = Macrocell {
        nodes: vec![Node::Leaf8(leaf)],
        ..Macrocell::default()
    }
    .write();
    assert!(text.ends_with("\n*......*$$$$$$$......*$\n"), "{text}");
}

#[test]
fn roots_sit_where_golly_puts_them() {
    // Golly: a cell in the top-left of a level-4 root's south-east
    // quadrant is at x = 0, y = 1.
    assert_eq!(cells("[M2]\n*$\n4 0 0 0 1\n"), [Cell::alive(1, 0)]);
    // A lone 8x8 leaf: x = -4 .. 3, y = -3 .. 4.
    assert_eq!(
        cells("[M2]\n.......*$$$$$$$*$\n"),
        [Cell::alive(-3, 3), Cell::alive(4, -4)]
    );
    // Level-1 and level-2 roots, and a level-3 one built of them.
    assert_eq!(cells("[M2]\n1 1 0 0 0\n"), [Cell::alive(0, -1)]);
    assert_eq!(cells("[M2]\n1 0 0 0 1\n"), [Cell::alive(1, 0)]);
    assert_eq!(cells("[M2]\n1 1 0 0 0\n2 1 0 0 0\n"), [Cell::alive(-1, -2)]);
    assert_eq!(
        cells("[M2]\n1 0 0 0 1\n2 0 0 0 1\n3 0 0 0 2\n"),
        [Cell::alive(4, 3)]
    );
    for level in 1..=MAX_LEVEL {
        let half = 1i64 << (level - 1);
        assert_eq!(corner(level), Some((1 - half, -half)), "level {level}");
    }
    assert_eq!(corner(65), None);
}

#[test]
fn a_tree_from_cells_keeps_them_where_they_are() {
    for cells in [
        vec![Cell::alive(0, 0)],
        vec![Cell::alive(1, 0), Cell::alive(-7, -8), Cell::alive(8, 7)],
        vec![Cell::alive(9, 0)],
        vec![
            Cell::alive(i32::MIN, i32::MAX),
            Cell::alive(i32::MAX, i32::MIN),
        ],
        vec![
            Cell::alive(-3, 5),
            Cell {
                y: 2,
                x: -1,
                state: State::new(200),
            },
        ],
    ] {
        let tree = Macrocell::from_cells(&cells);
        let mut sorted = cells.clone();
        sorted.sort_by_key(|c| (c.y, c.x));
        assert_eq!(tree.cells(), Ok(sorted.clone()), "{cells:?}");
        assert_eq!(self::cells(&tree.write()), sorted, "{}", tree.write());
        assert_eq!(tree.population(), cells.len() as u128);
    }
    // Golly's smallest roots: level 4 with 8x8 leaves, 2 with 2x2 ones.
    assert_eq!(Macrocell::from_cells(&[Cell::alive(0, 0)]).level(), 4);
    let two = Cell {
        y: 0,
        x: 0,
        state: State::new(2),
    };
    let tree = Macrocell::from_cells(&[two]);
    assert_eq!(
        (tree.level(), tree.write().lines().last()),
        (2, Some("2 0 1 0 0"))
    );
    assert_eq!(
        Macrocell::from_cells(&[]).write(),
        "[M2] (corolife 0.1.0)\n#R B3/S23\n"
    );
}

#[test]
fn the_writer_numbers_nodes_as_golly_does() {
    // Golly's own file of two gliders sharing a leaf, read and written
    // back unchanged apart from the header.
    let golly = "[M2] (golly 4.3)\n#R B3/S23\n#G 4\n.*$..*$***$\n4 1 0 0 1\n5 0 2 2 0\n";
    let tree = parse(golly).expect("valid");
    let written = tree.write();
    assert_eq!(
        written.strip_prefix("[M2] (corolife 0.1.0)"),
        golly.strip_prefix("[M2] (golly 4.3)")
    );
    // Unreachable and repeated nodes are dropped.
    let messy = parse("[M2]\n*$\n**$\n*$\n4 0 3 0 1\n").expect("valid");
    assert_eq!(
        messy.write().lines().skip(2).collect::<Vec<_>>(),
        ["*$", "4 0 1 0 1"]
    );
}

#[test]
fn metadata_lines_are_read_as_the_other_readers_do() {
    let tree = parse(
        "[M2] (golly 4.3)\r\n#R b36/s23\r\n#G 18446744073709551615\n#N Name\n#O Someone\n#C one\n#D two\n#C\n#N Again\n#FRAMES 1 0 1\n\n*$\n",
    )
    .expect("valid");
    assert_eq!(tree.rule, Some("B36/S23".parse().expect("rule")));
    assert_eq!(tree.generation, u64::MAX);
    assert_eq!(tree.name.as_deref(), Some("Name"));
    assert_eq!(tree.author.as_deref(), Some("Someone"));
    assert_eq!(tree.comments, ["one", "two", "", "Again"]);
    let pattern = Pattern::from(tree);
    assert!(pattern.positioned);
    let text = Format::Macrocell.write(&pattern).expect("writable");
    assert!(
        text.starts_with("[M2] (corolife 0.1.0)\n#R B36/S23\n#G 18446744073709551615\n#N Name\n#O Someone\n#C one\n#C two\n#C\n#C Again\n"),
        "{text}"
    );
}

#[test]
fn an_empty_file_is_an_empty_pattern_and_no_header_is_an_error() {
    let empty = parse("[M2] (golly 4.3)\n#R B3/S23\n").expect("Golly writes this");
    assert_eq!(
        (empty.population(), empty.bounds(), empty.level()),
        (0, None, 0)
    );
    assert_eq!(empty.cells(), Ok(Vec::new()));
    assert_eq!(error(""), (1, 1, ParseErrorKind::Empty));
    assert!(matches!(
        error("\n[M3]\n"),
        (
            2,
            3,
            ParseErrorKind::Unexpected {
                found: Found::Char('3'),
                ..
            }
        )
    ));
}

#[test]
fn bad_nodes_are_refused_naming_line_and_column() {
    // A child that is not an earlier node.
    assert_eq!(
        error("[M2]\n*$\n4 0 1 0 2\n"),
        (3, 9, ParseErrorKind::NoSuchNode { node: 2, nodes: 1 })
    );
    assert_eq!(
        error("[M2]\n*$\n4 99999999999 0 0 0\n").2,
        ParseErrorKind::NoSuchNode {
            node: 99_999_999_999,
            nodes: 1
        }
    );
    // A child of the wrong level: levels out of order.
    assert_eq!(
        error("[M2]\n*$\n5 1 0 0 0\n"),
        (
            3,
            3,
            ParseErrorKind::ChildLevel {
                node: 1,
                level: 3,
                expected: 4
            }
        )
    );
    assert_eq!(
        error("[M2]\n1 1 0 0 0\n3 0 1 0 0\n").2,
        ParseErrorKind::ChildLevel {
            node: 1,
            level: 1,
            expected: 2
        }
    );
    // Levels 0 and beyond 63, and beyond any integer.
    assert_eq!(error("[M2]\n0 0 0 0 0\n"), (2, 1, ParseErrorKind::Level(0)));
    assert_eq!(
        error("[M2]\n  64 0 0 0 0\n"),
        (2, 3, ParseErrorKind::Level(64))
    );
    assert_eq!(
        error("[M2]\n99999999999999999999 0 0 0 0\n").2,
        ParseErrorKind::NumberTooLarge("99999999999999999999".into())
    );
    // A state beyond 255.
    assert_eq!(
        error("[M2]\n1 0 256 0 0\n"),
        (2, 5, ParseErrorKind::StateTooLarge(256))
    );
    // Too few or too many numbers, and other characters.
    for (text, column) in [
        ("[M2]\n4 0 0 0\n", 8),
        ("[M2]\n4 0 0 0 0 0\n", 11),
        ("[M2]\n4 0 0x 0 0\n", 6),
        ("[M2]\nx\n", 1),
        ("[M2]\n*$*o$\n", 4),
        ("[M2]\n.........$\n", 9),
        ("[M2]\n$$$$$$$$*$\n", 9),
    ] {
        let (line, at, kind) = error(text);
        assert_eq!((line, at), (2, column), "{text:?}: {kind}");
        assert!(
            matches!(kind, ParseErrorKind::Unexpected { .. }),
            "{text:?}"
        );
    }
}

#[test]
fn a_file_cut_short_before_its_root_is_refused() {
    let whole = "[M2]\n*$\n4 1 0 0 0\n5 2 0 0 2\n*$*$\n4 0 0 0 4\n5 0 0 0 5\n6 3 6 0 0\n";
    assert_eq!(parse(whole).map(|tree| tree.population()), Ok(4));
    let cut = whole
        .strip_suffix("5 0 0 0 5\n6 3 6 0 0\n")
        .expect("suffix");
    let message = parse(cut).expect_err("no root").to_string();
    assert_eq!(
        (error(cut).0, message.as_str()),
        (
            6,
            "line 6, column 1: the file ends before its root: the last node is of level 4, below node 3 of level 5"
        )
    );
    // Golly's timelines have a root per frame.
    assert!(parse(&format!("{cut}#FRAME 0 3\n")).is_ok());
}

#[test]
fn bad_metadata_is_refused() {
    assert!(matches!(
        error("[M2]\n#R B9/S23\n"),
        (2, 4, ParseErrorKind::Rule(_))
    ));
    assert!(matches!(
        error("[M2]\n#G 12x\n"),
        (
            2,
            6,
            ParseErrorKind::Unexpected {
                found: Found::Char('x'),
                ..
            }
        )
    ));
    assert!(matches!(
        error("[M2]\n#G\n"),
        (
            2,
            3,
            ParseErrorKind::Unexpected {
                found: Found::EndOfLine,
                ..
            }
        )
    ));
    assert_eq!(
        error("[M2]\n#G 18446744073709551616\n").2,
        ParseErrorKind::NumberTooLarge("18446744073709551616".into())
    );
}

#[test]
fn huge_trees_are_counted_and_measured_without_listing_them() {
    // A level-63 square full of copies of one 8x8 leaf of one cell.
    let mut text = String::from("[M2]\n*$\n");
    for level in 4..=MAX_LEVEL {
        let n = level - 3;
        text += &format!("{level} {n} {n} {n} {n}\n");
    }
    let tree = parse(&text).expect("valid");
    assert_eq!(tree.population(), 1 << 120);
    let half = 1i64 << 62;
    assert_eq!(
        tree.bounds(),
        Some(Bounds {
            top: 1 - half,
            left: -half,
            bottom: half - 7,
            right: half - 8,
        })
    );
    assert!(matches!(
        tree.cells(),
        Err(ExpandError::TooManyCells { .. })
    ));
    // Few cells, far out.
    // Two cells: one near the origin, one 2^34 away.
    let mut far = String::from("[M2]\n*$\n");
    for level in 4..=34 {
        far += &format!("{level} 0 0 0 {}\n", level - 3);
    }
    far += "35 32 0 0 32\n";
    let far = far.as_str();
    let tree = parse(far).expect("valid");
    assert_eq!(tree.population(), 2);
    let error = tree.cells().expect_err("beyond i32");
    assert!(matches!(error, ExpandError::OutOfRange { .. }));
    assert!(error.to_string().contains("--output mc"), "{error}");
    // The pattern says so too, and writes it back as macrocell only.
    let pattern = format::parse(far, None).expect("valid");
    assert_eq!(pattern.try_cells(), Err(error));
    assert_eq!(pattern.cells(), []);
    assert!(Format::Rle.write(&pattern).is_err());
    let again = format::parse(&Format::Macrocell.write(&pattern).expect("mc"), None).expect("mc");
    assert_eq!(again.macrocell().map(|t| t.bounds()), Some(tree.bounds()));
}

#[test]
fn a_two_state_file_may_use_2x2_leaves_and_is_written_with_8x8_ones() {
    let tree = parse("[M2]\n1 1 0 0 1\n2 1 0 0 1\n3 2 0 0 2\n4 0 0 0 3\n").expect("valid");
    assert!(tree.is_two_state());
    let cells = tree.cells().expect("small");
    let written = tree.write();
    assert_eq!(
        written.lines().skip(2).collect::<Vec<_>>(),
        ["*$.*$..*$...*$....*$.....*$......*$.......*$", "4 0 0 0 1"]
    );
    assert_eq!(parse(&written).map(|t| t.cells()), Ok(Ok(cells)));
}
