use super::{LINE_LENGTH, parse, write};
use crate::format::{Format, ParseError, ParseErrorKind, WriteError};
use crate::{Cell, Pattern, Rule, State};

fn glider() -> Vec<Cell> {
    vec![
        Cell::alive(0, 1),
        Cell::alive(1, 2),
        Cell::alive(2, 0),
        Cell::alive(2, 1),
        Cell::alive(2, 2),
    ]
}

#[test]
fn reads_a_glider_with_its_metadata() {
    let text = "#N Glider\n#O Richard K. Guy\n#C A spaceship.\n#c second\nx = 3, y = 3, rule = B3/S23\nbo$2bo$3o!\n";
    let pattern = parse(text).expect("valid RLE");
    assert_eq!(pattern.name.as_deref(), Some("Glider"));
    assert_eq!(pattern.author.as_deref(), Some("Richard K. Guy"));
    assert_eq!(pattern.comments, ["A spaceship.", "second"]);
    assert_eq!(pattern.rule, Some(Rule::LIFE));
    assert_eq!(pattern.cells(), glider());
}

#[test]
fn tolerates_the_quirks_found_in_the_wild() {
    for text in [
        "x=3,y=3\nbo$2bo$3o!",
        "x = 3, y = 3\r\nbo$2bo$\r\n3o!\r\n",
        "x = 3, y = 3\n b o $ 2b\no $\n\n3o ! trailing text $$$ zzz",
        "x = 3, y = 3\n.o$..o$AAA!",
        "\n\nx = 3, y = 3\nbo$2bo$3o3b$!",
        "bo$2bo$3o!",
    ] {
        let pattern = parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(pattern.cells(), glider(), "{text:?}");
    }
}

#[test]
fn run_counts_apply_to_rows_too() {
    let pattern = parse("x = 1, y = 4\no3$o!").expect("valid");
    assert_eq!(pattern.cells(), [Cell::alive(0, 0), Cell::alive(3, 0)]);
}

#[test]
fn rules_come_from_the_header_or_a_comment_line() {
    assert_eq!(
        parse("#r 23/36\nx = 1, y = 1\no!")
            .expect("valid")
            .rule
            .map(|r| r.to_string())
            .as_deref(),
        Some("B36/S23")
    );
    let bounded = parse("x = 1, y = 1, rule = B3/S23:T80,40\no!").expect("valid");
    assert_eq!(
        bounded.rule.map(|r| r.to_string()).as_deref(),
        Some("B3/S23:T80,40")
    );
    assert_eq!(parse("x = 1, y = 1\no!").expect("valid").rule, None);
}

#[test]
fn multi_state_letters_become_states() {
    let pattern = parse("x = 4, y = 1, rule = B3/S23\nABpAyO!").expect("valid");
    let states: Vec<u8> = pattern.cells().iter().map(|c| c.state.value()).collect();
    assert_eq!(states, [1, 2, 25, 255]);
}

#[test]
fn offsets_move_the_cells() {
    let pattern = parse("#P -2 5\nx = 1, y = 1\no!").expect("valid");
    assert_eq!(pattern.cells(), [Cell::alive(5, -2)]);
    let pattern = parse("#CXRLE Pos=-2,5\nx = 1, y = 1\no!").expect("valid");
    assert_eq!(pattern.cells(), [Cell::alive(5, -2)]);
}

fn error(text: &str) -> ParseError {
    parse(text).expect_err(text)
}

#[test]
fn an_unexpected_character_is_reported_where_it_stands() {
    let e = error("#N x\nx = 3, y = 3\nbo$2bz$3o!");
    assert_eq!((e.line, e.column), (3, 6));
    assert_eq!(
        e.to_string(),
        "line 3, column 6: expected a run count or one of b o $ !, found 'z'"
    );
}

#[test]
fn truncated_files_are_refused() {
    let e = error("x = 10, y = 10\n3o$b2o$o2b3");
    assert_eq!((e.line, e.column), (2, 12));
    assert!(
        e.to_string().contains("a tag right after the run count"),
        "{e}"
    );
    let e = error("x = 10, y = 8\n10o$bo$2bo$\n");
    assert!(e.to_string().contains("found the end of the file"), "{e}");
}

#[test]
fn a_run_count_and_its_tag_are_never_split() {
    // Whitespace or a line break inside an item would change what the
    // count applies to; the specification forbids it.
    let e = error("x = 9, y = 1\n2 3o!");
    assert_eq!((e.line, e.column), (2, 2));
    assert!(e.to_string().contains("found ' '"), "{e}");
    let e = error("x = 9, y = 2\nbo$12\no!");
    assert_eq!((e.line, e.column), (2, 6));
    assert!(e.to_string().contains("found the end of the line"), "{e}");
}

#[test]
fn huge_counts_are_errors_not_hangs() {
    let e = error("x = 1, y = 1\n99999999999999999999o!");
    assert_eq!(
        e.kind,
        ParseErrorKind::NumberTooLarge("99999999999999999999".into())
    );
    let e = error("x = 1, y = 1\n2147483647o!");
    assert_eq!(e.kind, ParseErrorKind::TooManyCells);
    let e = error("x = 1, y = 1\n2000000000b2000000000bo!");
    assert_eq!(e.kind, ParseErrorKind::OutOfRange);
}

#[test]
fn bad_rules_and_headers_are_reported() {
    let e = error("x = 3, y = 3, rule = B3/S23x\nbo$2bo$3o!");
    assert_eq!(e.line, 1);
    assert!(matches!(e.kind, ParseErrorKind::Rule(_)), "{e}");
    assert!(
        e.to_string().contains("unexpected 'x' at position 7"),
        "{e}"
    );
    let e = error("x = three, y = 3\no!");
    assert_eq!((e.line, e.column), (1, 4));
}

fn written(cells: impl IntoIterator<Item = Cell>) -> String {
    write(&Pattern::from_cells(cells)).expect("writable")
}

#[test]
fn writes_a_glider_with_its_metadata() {
    let mut pattern = Pattern::from_cells(glider());
    pattern.name = Some("Glider".into());
    pattern.author = Some("Richard K. Guy".into());
    pattern.comments = vec!["A spaceship.".into(), String::new(), "  indented".into()];
    assert_eq!(
        write(&pattern).expect("writable"),
        "#N Glider\n#O Richard K. Guy\n#C A spaceship.\n#C\n#C   indented\nx = 3, y = 3, rule = B3/S23\nbo$2bo$3o!\n"
    );
    let mut expected = pattern.clone();
    expected.rule = Some(Rule::LIFE);
    assert_eq!(parse(&write(&pattern).expect("writable")), Ok(expected));
}

#[test]
fn rows_are_trimmed_and_row_ends_counted() {
    // Two cells, two empty rows, then a cell five columns in.
    assert_eq!(
        written([Cell::alive(0, 0), Cell::alive(0, 1), Cell::alive(3, 5)]),
        "x = 6, y = 4, rule = B3/S23\n2o3$5bo!\n"
    );
}

#[test]
fn positions_other_than_the_origin_get_an_xrle_line() {
    let text = written([Cell::alive(-2, -3), Cell::alive(-2, -1)]);
    assert_eq!(
        text,
        "#CXRLE Pos=-3,-2\nx = 3, y = 1, rule = B3/S23\nobo!\n"
    );
    let read = parse(&text).expect("valid");
    assert_eq!(read.cells(), [Cell::alive(-2, -3), Cell::alive(-2, -1)]);
    assert!(read.positioned);
    assert_eq!(read.generation, 0);
}

#[test]
fn generations_are_written_after_the_position_before_the_metadata() {
    let mut pattern = Pattern::from_cells(glider());
    pattern.name = Some("Glider".into());
    pattern.generation = 5;
    let text = write(&pattern).expect("writable");
    assert_eq!(
        text,
        "#CXRLE Pos=0,0 Gen=5\n#N Glider\nx = 3, y = 3, rule = B3/S23\nbo$2bo$3o!\n"
    );
    let read = parse(&text).expect("valid");
    assert_eq!((read.generation, read.positioned), (5, true));
    assert_eq!(read.name.as_deref(), Some("Glider"));
    assert!(read.comments.is_empty(), "{:?}", read.comments);

    let mut moved =
        Pattern::from_cells(glider().into_iter().map(|c| Cell::alive(c.y - 7, c.x + 4)));
    moved.generation = u64::MAX;
    let text = write(&moved).expect("writable");
    assert!(
        text.starts_with("#CXRLE Pos=4,-7 Gen=18446744073709551615\nx = 3, y = 3"),
        "{text}"
    );
    let read = parse(&text).expect("valid");
    assert_eq!(read.cells(), moved.cells());
    assert_eq!(read.generation, u64::MAX);

    let mut empty = Pattern::default();
    empty.generation = 12;
    let text = write(&empty).expect("writable");
    assert_eq!(
        text,
        "#CXRLE Pos=0,0 Gen=12\nx = 0, y = 0, rule = B3/S23\n!\n"
    );
    assert_eq!(parse(&text).expect("valid").generation, 12);
}

#[test]
fn xrle_lines_give_the_position_and_the_generation() {
    let read = parse("#CXRLE Pos=-5,-7\nx = 2, y = 1\n2o!").expect("valid");
    assert_eq!(read.cells(), [Cell::alive(-7, -5), Cell::alive(-7, -4)]);
    assert_eq!((read.generation, read.positioned), (0, true));
    assert!(read.comments.is_empty(), "{:?}", read.comments);

    let read = parse("#CXRLE Gen=18446744073709551615\nx = 1, y = 1\no!").expect("valid");
    assert_eq!(read.cells(), [Cell::alive(0, 0)]);
    assert_eq!((read.generation, read.positioned), (u64::MAX, false));
}

#[test]
fn xrle_keys_come_in_either_order_and_unknown_ones_are_skipped() {
    for line in [
        "#CXRLE Pos=3,-2 Gen=40",
        "#CXRLE Gen=40 Pos=3,-2",
        "#CXRLE\tGen=40   Pos=3,-2\t",
        "#CXRLE Rule=B3/S23 Gen=40 Layers Pos=3,-2 Ω=ü",
    ] {
        let read =
            parse(&format!("{line}\nx = 1, y = 1\no!")).unwrap_or_else(|e| panic!("{line:?}: {e}"));
        assert_eq!(read.cells(), [Cell::alive(-2, 3)], "{line:?}");
        assert_eq!((read.generation, read.positioned), (40, true), "{line:?}");
        assert!(read.comments.is_empty(), "{line:?}: {:?}", read.comments);
    }
    // Several lines may come, after other `#` lines; the last key wins.
    let read = parse("#N x\n#CXRLE Pos=1,1\n#CXRLE Pos=2,2 Pos=9,8\no!").expect("valid");
    assert_eq!(read.cells(), [Cell::alive(8, 9)]);
}

#[test]
fn an_xrle_line_without_keys_changes_nothing() {
    for text in ["#CXRLE\nx = 1, y = 1\no!", "#CXRLE   \r\nx = 1, y = 1\no!"] {
        let read = parse(text).expect("valid");
        assert_eq!(read.cells(), [Cell::alive(0, 0)]);
        assert_eq!((read.generation, read.positioned), (0, false));
        assert!(read.comments.is_empty(), "{:?}", read.comments);
    }
    // Without a blank after the tag, the line is an ordinary comment.
    let read = parse("#CXRLEPos=1,2\nx = 1, y = 1\no!").expect("valid");
    assert_eq!(read.comments, ["XRLEPos=1,2"]);
    assert_eq!(read.cells(), [Cell::alive(0, 0)]);
    assert!(!read.positioned);
}

#[test]
fn malformed_xrle_values_are_reported_where_they_stand() {
    for (line, column, message) in [
        (
            "#CXRLE Pos=1",
            13,
            "expected a comma after the column (Pos=x,y), found the end of the line",
        ),
        (
            "#CXRLE Pos=1 Gen=2",
            13,
            "expected a comma after the column (Pos=x,y), found ' '",
        ),
        (
            "#CXRLE Pos=",
            12,
            "expected the column, an integer (Pos=x,y), found the end of the line",
        ),
        (
            "#CXRLE Pos=a,1",
            12,
            "expected the column, an integer (Pos=x,y), found 'a'",
        ),
        ("#CXRLE Pos=-,1", 13, "found ','"),
        (
            "#CXRLE Pos=1,",
            14,
            "expected the row, an integer (Pos=x,y), found the end of the line",
        ),
        ("#CXRLE Pos=1;2", 13, "found ';'"),
        (
            "#CXRLE Pos=1,2,3",
            15,
            "expected a blank or the end of the line after Pos=x,y, found ','",
        ),
        ("#CXRLE Pos=1,2x", 15, "found 'x'"),
        ("#CXRLE Pos=3000000000,0", 12, "beyond the coordinate range"),
        (
            "#CXRLE Pos=0,-2147483649",
            14,
            "beyond the coordinate range",
        ),
        (
            "#CXRLE Pos=99999999999999999999,0",
            12,
            "number 99999999999999999999 is too large",
        ),
        (
            "#CXRLE Gen=",
            12,
            "expected the generation, a non-negative integer (Gen=n), found the end of the line",
        ),
        ("#CXRLE Gen=-1", 12, "found '-'"),
        ("#CXRLE Gen=+1", 12, "found '+'"),
        (
            "#CXRLE Gen=1.5",
            13,
            "expected a blank or the end of the line after Gen=n, found '.'",
        ),
        (
            "#CXRLE Gen=18446744073709551616",
            12,
            "number 18446744073709551616 is too large",
        ),
        ("#CXRLE Ω=1 Gen=é", 16, "found 'é'"),
    ] {
        let text = format!("#N name\n{line}\nx = 1, y = 1\no!");
        let e = error(&text);
        assert_eq!((e.line, e.column), (2, column), "{line:?}: {e}");
        assert!(e.to_string().contains(message), "{line:?}: {e}");
    }
    // Between data lines too.
    let e = error("x = 1, y = 2\no$\r\n#CXRLE Gen=x\r\no!");
    assert_eq!((e.line, e.column), (3, 12), "{e}");
}

#[test]
fn p_and_r_lines_are_still_read_and_position_the_pattern() {
    for tag in ["P", "R"] {
        let read = parse(&format!("#{tag} 4 -1\nx = 1, y = 1\no!")).expect("valid");
        assert_eq!(read.cells(), [Cell::alive(-1, 4)]);
        assert!(read.positioned, "#{tag}");
    }
    let read = parse("x = 1, y = 1\no!").expect("valid");
    assert!(!read.positioned);
}

#[test]
fn other_states_use_letters_and_dots() {
    let cells = [(0, 1), (1, 2), (3, 25), (4, 255), (7, 3)].map(|(x, state)| Cell {
        y: 0,
        x,
        state: State::new(state),
    });
    let text = written(cells);
    assert_eq!(text, "x = 8, y = 1, rule = B3/S23\nAB.pAyO2.C!\n");
    assert_eq!(parse(&text).expect("valid").cells(), cells);
}

#[test]
fn the_rule_and_its_torus_go_in_the_header() {
    let mut pattern = Pattern::default();
    pattern.rule = Some("B36/S23:T80,40".parse().expect("valid rule"));
    assert_eq!(
        write(&pattern).expect("writable"),
        "x = 0, y = 0, rule = B36/S23:T80,40\n!\n"
    );
}

#[test]
fn data_lines_stay_within_70_characters_without_splitting_items() {
    // Runs of 12 live cells 10 apart: items "12o" and "10b", three
    // characters each, so 23 items (69 characters) fit on a line.
    let cells = (0..40).flat_map(|run| (0..12).map(move |i| Cell::alive(0, run * 22 + i)));
    let text = written(cells);
    let data: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(data.len(), 4, "{text}");
    for line in &data[..3] {
        assert_eq!(line.len(), 69, "{line}");
        assert!(
            line.starts_with("12o") && line.ends_with("12o") || line.starts_with("10b"),
            "{line}"
        );
    }
    assert!(data.iter().all(|line| line.len() <= LINE_LENGTH));
    let joined = data.concat();
    assert_eq!(joined, format!("{}12o!", "12o10b".repeat(39)));
    assert_eq!(parse(&text).expect("valid").population(), 40 * 12);
}

#[test]
fn counts_beyond_i32_are_split_so_that_they_read_back() {
    let cells = [Cell::alive(0, i32::MIN), Cell::alive(0, i32::MAX)];
    let text = written(cells);
    assert_eq!(
        text,
        "#CXRLE Pos=-2147483648,0\nx = 4294967296, y = 1, rule = B3/S23\no2147483647b2147483647bo!\n"
    );
    assert_eq!(parse(&text).expect("valid").cells(), cells);
    let rows = [Cell::alive(i32::MIN, 0), Cell::alive(i32::MAX, 0)];
    assert_eq!(parse(&written(rows)).expect("valid").cells(), rows);
}

#[test]
fn metadata_with_line_breaks_is_refused() {
    let mut pattern = Pattern::from_cells(glider());
    pattern.comments = vec!["one\ntwo".into()];
    assert_eq!(
        write(&pattern),
        Err(WriteError::LineBreak {
            format: Format::Rle,
            field: "comment"
        })
    );
}
