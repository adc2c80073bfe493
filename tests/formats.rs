//! Pattern files: write → read round trips for every writable format, the
//! corpus and the built-in patterns through every format, and readers that
//! never panic whatever they are fed.

use std::io::Write;

use corolife::format::{self, Format, MAX_CELLS, ParseError, WriteError};
use corolife::rule::topology::MAX_SIDE;
use corolife::{Cell, Grid, Pattern, Placement, Rule, Size, State};
use flate2::Compression;
use flate2::write::GzEncoder;
use proptest::collection::vec;
use proptest::prelude::*;

use crate::util::{corpus_dir, pattern_files, patterns_dir};

/// A coordinate: mostly near the origin, sometimes anywhere in `i32`.
fn coordinate() -> impl Strategy<Value = i32> + Clone {
    prop_oneof![
        8 => -40i32..40,
        1 => any::<i32>(),
        1 => prop_oneof![Just(i32::MIN), Just(i32::MAX), Just(i32::MIN + 1), Just(i32::MAX - 1)],
    ]
}

/// A non-empty state: alive, or any of the 255 when `multi_state`.
fn state(multi_state: bool) -> BoxedStrategy<State> {
    if multi_state {
        prop_oneof![3 => Just(1u8), 2 => 2u8..=24, 2 => 25u8..=255]
            .prop_map(State::new)
            .boxed()
    } else {
        Just(State::ALIVE).boxed()
    }
}

fn cells(
    coordinate: impl Strategy<Value = i32> + Clone,
    multi_state: bool,
) -> impl Strategy<Value = Vec<Cell>> {
    vec(
        (coordinate.clone(), coordinate, state(multi_state)).prop_map(|(y, x, state)| Cell {
            y,
            x,
            state,
        }),
        0..60,
    )
}

/// Metadata text: one line, no surrounding whitespace (which line-oriented
/// formats do not keep).
fn text() -> impl Strategy<Value = String> {
    "\\PC{0,30}".prop_map(|s| s.trim().to_owned())
}

fn rule() -> impl Strategy<Value = Rule> {
    let counts = |mask: u16| (0..=8).filter(|n| mask & 1 << n != 0).collect::<Vec<u8>>();
    // A side is at most MAX_SIDE cells, as in Golly.
    let side = || 1..=MAX_SIDE;
    (0u16..512, 0u16..512, proptest::option::of((side(), side()))).prop_map(
        move |(birth, survival, torus)| {
            Rule::new(&counts(birth), &counts(survival))
                .expect("counts 0-8, each once")
                .with_torus(torus.map(|(rows, cols)| Size {
                    rows: rows as usize,
                    cols: cols as usize,
                }))
        },
    )
}

/// A generation: mostly 0, as most files say none, sometimes anything.
fn generation() -> impl Strategy<Value = u64> {
    prop_oneof![
        4 => Just(0u64),
        2 => 1u64..1000,
        1 => any::<u64>(),
        1 => Just(u64::MAX),
    ]
}

fn pattern(cells: impl Strategy<Value = Vec<Cell>>) -> impl Strategy<Value = Pattern> {
    (
        cells,
        proptest::option::of(text()),
        proptest::option::of(text()),
        vec(text(), 0..4),
        proptest::option::of(rule()),
        generation(),
    )
        .prop_map(|(cells, name, author, comments, rule, generation)| {
            let mut pattern = Pattern::from_cells(cells);
            pattern.name = name;
            pattern.author = author;
            pattern.comments = comments;
            pattern.rule = rule;
            pattern.generation = generation;
            pattern
        })
}

/// Writes `pattern` in `format` and reads it back, detecting the format
/// from the text alone.
fn round_trip(pattern: &Pattern, format: Format) -> Pattern {
    let text = format
        .write(pattern)
        .unwrap_or_else(|e| panic!("{format}: {e}"));
    assert_eq!(
        Format::detect(&text, None),
        Some(format),
        "{format} detected from:\n{text}"
    );
    format::parse(&text, None).unwrap_or_else(|e| panic!("{format}: {e}\n{text}"))
}

/// What reading a written file gives back: the parts the format keeps.
/// Metadata loses trailing whitespace in every format, and plaintext names
/// and authors leading whitespace too.
fn kept(pattern: &Pattern, format: Format) -> Pattern {
    let trim_end = |text: &String| text.trim_end().to_owned();
    let comments = pattern.comments.iter().map(trim_end).collect();
    match format {
        Format::Rle | Format::Macrocell => {
            let mut kept = pattern.clone();
            kept.name = pattern.name.as_ref().map(trim_end);
            kept.author = pattern.author.as_ref().map(trim_end);
            kept.comments = comments;
            kept.rule = Some(pattern.rule.unwrap_or(Rule::LIFE));
            kept
        }
        Format::Plaintext => {
            let trim = |text: &String| text.trim().to_owned();
            let mut kept = Pattern::from_cells(pattern.normalized().cells().iter().copied());
            kept.name = pattern.name.as_ref().map(trim);
            kept.author = pattern.author.as_ref().map(trim);
            kept.comments = comments;
            kept
        }
        Format::Life106 => Pattern::from_cells(pattern.cells().iter().copied()),
        Format::Life105 | Format::MCell => unreachable!("read-only formats are not written"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn rle_keeps_cells_states_positions_metadata_and_rule(
        pattern in pattern(cells(coordinate(), true))
    ) {
        let text = Format::Rle.write(&pattern).expect("RLE holds every pattern");
        let data = text.lines().skip_while(|l| !l.starts_with("x = ")).skip(1);
        for line in data {
            prop_assert!(line.len() <= 70, "{} characters: {}", line.len(), line);
        }
        prop_assert_eq!(round_trip(&pattern, Format::Rle), kept(&pattern, Format::Rle));
    }

    #[test]
    fn plaintext_keeps_the_shape_and_metadata(
        pattern in pattern(cells(-30i32..30, false))
    ) {
        let read = round_trip(&pattern, Format::Plaintext);
        prop_assert_eq!(read, kept(&pattern, Format::Plaintext));
    }

    #[test]
    fn macrocell_keeps_cells_states_positions_metadata_and_rule(
        pattern in pattern(cells(coordinate(), true))
    ) {
        let read = round_trip(&pattern, Format::Macrocell);
        prop_assert!(read.positioned);
        prop_assert_eq!(&read, &kept(&pattern, Format::Macrocell));
        // Written again from the tree read, the file is the same.
        prop_assert_eq!(
            Format::Macrocell.write(&read).expect("a tree"),
            Format::Macrocell.write(&pattern).expect("cells")
        );
    }

    #[test]
    fn every_format_round_trips_through_gzip(
        pattern in pattern(cells(-30i32..30, false)),
        format in proptest::sample::select(vec![Format::Rle, Format::Plaintext, Format::Life106, Format::Macrocell]),
    ) {
        let text = format.write(&pattern).expect("two states, small");
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(text.as_bytes()).expect("in memory");
        let compressed = encoder.finish().expect("in memory");
        let read = format::parse_bytes(&compressed, None).unwrap_or_else(|e| panic!("{format}: {e}"));
        prop_assert_eq!(read, format.parse(&text).expect("valid"));
        // Cut short, it is a clear error, not a pattern.
        let error = format::parse_bytes(&compressed[..compressed.len() / 2], None)
            .expect_err("truncated");
        prop_assert!(error.to_string().contains("gzip"), "{}", error);
    }

    #[test]
    fn life106_keeps_cells_and_positions(pattern in pattern(cells(coordinate(), false))) {
        prop_assert_eq!(round_trip(&pattern, Format::Life106), kept(&pattern, Format::Life106));
    }

    #[test]
    fn two_state_formats_refuse_other_states(pattern in pattern(cells(-30i32..30, true))) {
        let other = pattern.cells().iter().find(|c| !c.state.is_alive());
        for format in [Format::Plaintext, Format::Life106] {
            match other {
                Some(cell) => prop_assert_eq!(
                    format.write(&pattern),
                    Err(WriteError::State { format, y: cell.y, x: cell.x, state: cell.state.value() })
                ),
                None => prop_assert_eq!(round_trip(&pattern, format), kept(&pattern, format)),
            }
        }
    }
}

/// An offset to move a pattern by: small, negative too, or far out
/// (leaving room for cells within 40 of it).
fn offset() -> impl Strategy<Value = i32> {
    prop_oneof![
        4 => -100i32..100,
        1 => i32::MIN + 40..=i32::MAX - 40,
        1 => prop_oneof![Just(i32::MIN + 40), Just(i32::MAX - 40)],
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Golly's `#CXRLE Pos=x,y Gen=n` line, written first when the
    /// pattern is away from the origin or past generation 0, brings back
    /// the cells at the same coordinates and the same generation; without
    /// it the same cells read back moved to the origin.
    #[test]
    fn rle_keeps_positions_and_generations(
        cells in cells(-40i32..40, true),
        offset in (offset(), offset()),
        generation in generation(),
        name in proptest::option::of(text()),
    ) {
        let (dy, dx) = offset;
        let moved = cells.into_iter().map(|c| Cell { y: c.y + dy, x: c.x + dx, ..c });
        let mut pattern = Pattern::from_cells(moved);
        pattern.generation = generation;
        pattern.name = name;
        let text = Format::Rle.write(&pattern).expect("RLE holds every pattern");
        let (left, top) = pattern.bounding_box().map_or((0, 0), |b| (b.left, b.top));
        let first = text.lines().next().unwrap_or_default();
        let line = match generation {
            0 => format!("#CXRLE Pos={left},{top}"),
            n => format!("#CXRLE Pos={left},{top} Gen={n}"),
        };
        let positioned = (left, top) != (0, 0) || generation > 0;
        if positioned {
            prop_assert_eq!(first, line.as_str());
        } else {
            prop_assert!(!text.contains("#CXRLE"), "{}", text);
        }

        let read = round_trip(&pattern, Format::Rle);
        prop_assert_eq!(read.cells(), pattern.cells());
        prop_assert_eq!(read.generation, generation);
        prop_assert_eq!(read.positioned, positioned);
        prop_assert_eq!(&read, &kept(&pattern, Format::Rle));

        let unplaced = text.strip_prefix(&format!("{line}\n")).unwrap_or(&text);
        let read = format::rle::parse(unplaced).expect("valid without the line");
        let normalized = pattern.normalized();
        prop_assert_eq!(read.cells(), normalized.cells());
        prop_assert_eq!((read.generation, read.positioned), (0, false));
    }

    /// `#CXRLE` lines of random words, valid or not, before or among the
    /// data: a pattern or an error inside the text, never a panic.
    #[test]
    fn arbitrary_xrle_lines_never_panic(
        words in vec("(Pos|Gen|Pos=|Gen=|X=)?[-+0-9,=xé ]{0,12}", 0..4),
        before in any::<bool>(),
    ) {
        let line = format!("#CXRLE {}", words.join(" "));
        let text = if before {
            format!("{line}\nx = 2, y = 2\no$bo!\n")
        } else {
            format!("x = 2, y = 2\no$\n{line}\nbo!\n")
        };
        feed_everything(text.as_bytes())?;
        check_answer(format::rle::parse(&text), &text)?;
    }
}

#[test]
fn metadata_keeps_leading_spaces_in_rle_comments() {
    let mut pattern = Pattern::default();
    pattern.comments = vec!["  two spaces".into(), String::new(), "#C nested".into()];
    assert_eq!(round_trip(&pattern, Format::Rle).comments, pattern.comments);
    assert_eq!(
        round_trip(&pattern, Format::Plaintext).comments,
        pattern.comments
    );
}

/// Every pattern file of the corpus and of `patterns/`, read, written in
/// each writable format and read back, has the same cells (moved to the
/// origin by plaintext, which has no position).
#[test]
fn every_corpus_and_built_in_pattern_survives_every_format() {
    let mut checked = 0;
    for path in pattern_files(&corpus_dir())
        .into_iter()
        .chain(pattern_files(&patterns_dir()))
    {
        let original = format::load(&path).unwrap_or_else(|e| panic!("{e}"));
        for format in Format::ALL.into_iter().filter(|f| f.is_writable()) {
            let two_state = original.cells().iter().all(|c| c.state.is_alive());
            if !two_state && !matches!(format, Format::Rle | Format::Macrocell) {
                assert!(format.write(&original).is_err(), "{}", path.display());
                continue;
            }
            let read = round_trip(&original, format);
            let expected = kept(&original, format);
            assert!(
                read.cells() == expected.cells(),
                "{} through {format}: {} cells back, {} expected",
                path.display(),
                read.population(),
                expected.population()
            );
            assert_eq!(read, expected, "{} through {format}", path.display());
        }
        checked += 1;
    }
    assert!(
        checked >= crate::util::cases().len() + 2,
        "only {checked} files"
    );
}

/// Asserts that a reader's answer is sane: a pattern within the cell limit,
/// or an error whose line and column lie inside `text` (or just past the
/// end of a line).
fn check_answer(answer: Result<Pattern, ParseError>, text: &str) -> Result<(), TestCaseError> {
    match answer {
        Ok(pattern) => prop_assert!(pattern.population() <= MAX_CELLS),
        Err(error) => {
            let lines: Vec<&str> = text.split('\n').collect();
            prop_assert!(
                (1..=lines.len()).contains(&error.line),
                "line {} of {}: {}",
                error.line,
                lines.len(),
                error
            );
            let width = lines[error.line - 1].chars().count();
            prop_assert!(
                (1..=width + 1).contains(&error.column),
                "column {} of {}: {}",
                error.column,
                width,
                error
            );
            prop_assert!(!error.to_string().is_empty());
        }
    }
    Ok(())
}

const HINTS: [Option<&str>; 7] = [
    None,
    Some("rle"),
    Some("cells"),
    Some("lif"),
    Some("life"),
    Some("txt"),
    Some("mc"),
];

fn feed_everything(bytes: &[u8]) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    for hint in HINTS {
        check_answer(format::parse_bytes(bytes, hint), text)?;
    }
    for format in Format::ALL {
        check_answer(format.parse(text), text)?;
    }
    Ok(())
}

/// The characters that mean something in some format.
const ALPHABET: &str = "[#!xXyY=, ob$.*OABpqyz0-9\n\r\t+LifeDNPRCrule/S:T-]{0,200}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..300)) {
        feed_everything(&bytes)?;
    }

    #[test]
    fn arbitrary_pattern_like_text_never_panics(text in ALPHABET) {
        feed_everything(text.as_bytes())?;
    }

    #[test]
    fn life_files_with_arbitrary_lines_never_panic(
        header in prop_oneof![Just("#Life 1.05\n"), Just("#Life 1.06\n"), Just("")],
        body in "[#DNPRC .*0-9+-]{0,12}(\n[#DNPRC .*0-9+-]{0,12}){0,12}"
    ) {
        feed_everything(format!("{header}{body}").as_bytes())?;
    }
}

/// One change to a text.
#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize),
    Insert(usize, char),
    Duplicate(usize, usize),
    /// A count far beyond what any pattern holds.
    HugeCount(usize, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let any_char = prop_oneof![
        4 => proptest::sample::select("0123456789bo$!.ABpyz \n#x=,".chars().collect::<Vec<_>>()),
        1 => any::<char>(),
    ];
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), any_char).prop_map(|(at, c)| Mutation::Insert(at, c)),
        (any::<usize>(), 1usize..12).prop_map(|(at, len)| Mutation::Duplicate(at, len)),
        (
            any::<usize>(),
            proptest::sample::select(vec![
                "2147483647",
                "2147483648",
                "4294967296",
                "67108865",
                "99999999999999999999",
                "18446744073709551616",
            ])
        )
            .prop_map(|(at, count)| Mutation::HugeCount(at, count)),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for mutation in mutations {
        let at = |i: usize| i % (chars.len() + 1);
        match *mutation {
            Mutation::Delete(i) if !chars.is_empty() => {
                chars.remove(i % chars.len());
            }
            Mutation::Delete(_) => {}
            Mutation::Insert(i, c) => chars.insert(at(i), c),
            Mutation::Duplicate(i, len) => {
                let start = at(i);
                let end = (start + len).min(chars.len());
                let copy: Vec<char> = chars[start..end].to_vec();
                chars.splice(start..start, copy);
            }
            Mutation::HugeCount(i, count) => {
                let start = at(i);
                chars.splice(start..start, count.chars());
            }
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn near_valid_rle_never_panics_or_hangs(
        pattern in pattern(cells(-20i32..20, true)),
        mutations in vec(mutation(), 1..5)
    ) {
        let valid = Format::Rle.write(&pattern).expect("RLE holds every pattern");
        let text = mutate(&valid, &mutations);
        check_answer(format::rle::parse(&text), &text)?;
        for hint in HINTS {
            check_answer(format::parse(&text, hint), &text)?;
        }
    }

    #[test]
    fn near_valid_macrocell_never_panics(
        pattern in pattern(cells(-20i32..20, true)),
        mutations in vec(mutation(), 1..5)
    ) {
        let valid = Format::Macrocell.write(&pattern).expect("macrocell holds every pattern");
        let text = mutate(&valid, &mutations);
        check_answer(format::parse(&text, Some("mc")), &text)?;
        if let Ok(tree) = format::macrocell::parse(&text) {
            // Whatever the tree, these answer without panicking.
            let listed = tree.cells();
            prop_assert!(listed.is_err() || tree.population() <= MAX_CELLS as u128);
            let again = format::macrocell::parse(&tree.write()).expect("written trees read back");
            prop_assert_eq!(again.population(), tree.population());
            prop_assert_eq!(again.bounds(), tree.bounds());
        }
    }

    #[test]
    fn near_valid_life_files_never_panic(
        pattern in pattern(cells(coordinate(), false)),
        mutations in vec(mutation(), 1..5)
    ) {
        let valid = Format::Life106.write(&pattern).expect("two states");
        let text = mutate(&valid, &mutations);
        check_answer(format::life106::parse(&text), &text)?;
        check_answer(format::life105::parse(&text), &text)?;
        // Plaintext spends a character on every cell of the box: only
        // patterns with a small box are mutated as plaintext.
        let small = pattern
            .bounding_box()
            .is_none_or(|b| b.width().saturating_mul(b.height()) <= 10_000);
        if small {
            let valid = Format::Plaintext.write(&pattern).expect("two states, small");
            let text = mutate(&valid, &mutations);
            check_answer(format::plaintext::parse(&text), &text)?;
            check_answer(format::life105::parse(&text), &text)?;
        }
    }
}

#[test]
fn huge_run_counts_are_refused_quickly() {
    for (text, expected) in [
        ("x = 1, y = 1\n67108865o!", "more than 67108864 cells"),
        (
            "x = 1, y = 1\n2147483648o!",
            "number 2147483648 is too large",
        ),
        (
            "x = 1, y = 1\n2147483647$2147483647$2147483647$o!",
            "beyond the coordinate range",
        ),
    ] {
        let error = format::parse(text, None).expect_err(text);
        assert!(error.to_string().contains(expected), "{text}: {error}");
    }
}

#[test]
fn a_life106_file_of_millions_of_lines_reads_in_one_pass() {
    let lines = 2_000_000;
    let mut text = String::with_capacity(lines * 12 + 12);
    text.push_str("#Life 1.06\n");
    for i in 0..lines {
        // Written in reverse row order, so that the reader has to sort.
        let (y, x) = (-((i / 2000) as i64), (i % 2000) as i64 - 1000);
        text.push_str(&format!("{x} {y}\n"));
    }
    let pattern = format::parse(&text, None).expect("valid");
    assert_eq!(pattern.population(), lines);
    let bounds = pattern.bounding_box().expect("not empty");
    assert_eq!(
        (bounds.top, bounds.left, bounds.bottom, bounds.right),
        (-999, -1000, 0, 999)
    );
    let repeated = "#Life 1.06\n".to_owned() + &"7 -7\n".repeat(lines);
    assert_eq!(
        format::parse(&repeated, None).expect("valid").population(),
        1
    );
}

#[test]
fn life105_offsets_and_life106_coordinates_beyond_i32_are_errors() {
    for text in [
        "#Life 1.05\n#P 2147483647 0\n.*\n",
        "#Life 1.05\n#P -2147483649 0\n*\n",
        "#Life 1.05\n#P 0 2147483647\n.\n*\n",
        "#Life 1.06\n0 2147483648\n",
        "#Life 1.06\n-2147483649 0\n",
    ] {
        let error = format::parse(text, None).expect_err(text);
        assert!(
            error.to_string().contains("beyond the coordinate range"),
            "{text}: {error}"
        );
    }
}

/// RLE data of random items: counts (0 included, which rewinds a row and
/// overwrites cells), dead and live runs, other states, row ends; lines
/// end in `\n` or `\r\n`, and some are followed by a comment or by a `#P`
/// or `#CXRLE Pos=` line that moves the rest of the data.
fn rle_items() -> impl Strategy<Value = String> {
    let item = (
        proptest::option::of(0u32..6),
        proptest::sample::select(vec!["b", "o", "o", "$", "A", "C", "pB", "."]),
    );
    let line_end = proptest::sample::select(vec![
        "\n",
        "\r\n",
        "\n#C x\n",
        "\n#P -2 1\n",
        "\n#CXRLE Gen=3 Pos=1,-2\n",
    ]);
    (vec(item, 0..60), vec(line_end, 7)).prop_map(|(items, line_ends)| {
        let mut data = String::new();
        for (index, (count, tag)) in items.into_iter().enumerate() {
            if let Some(count) = count {
                data.push_str(&count.to_string());
            }
            data.push_str(tag);
            if index % 9 == 8 {
                data.push_str(line_ends[index / 9]);
            }
        }
        data + "!\n"
    })
}

/// The text of an RLE file whose header says `size` and whose `#P` line,
/// if any, says `offset`.
fn rle_file(size: (u64, u64), offset: Option<(i32, i32)>, data: &str) -> String {
    let place = offset.map_or(String::new(), |(x, y)| format!("#P {x} {y}\n"));
    format!(
        "{place}x = {}, y = {}, rule = B3/S23\n{data}",
        size.0, size.1
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// A file is read straight into a raster of the size its header says
    /// while its cells fall inside it, and into a list otherwise: whatever
    /// the header says (right, too small, too large, nothing at all), the
    /// pattern is the same, and so is the grid it makes.
    #[test]
    fn rle_reads_the_same_whatever_size_its_header_says(
        data in rle_items(),
        size in (0u64..14, 0u64..14),
        offset in proptest::option::of((-3i32..3, -3i32..3)),
        at in (-20i32..20, -20i32..20),
    ) {
        let read = format::rle::parse(&rle_file(size, offset, &data));
        // A header of no size gives no raster: the cells are listed.
        let listed = format::rle::parse(&rle_file((0, 0), offset, &data));
        let (read, listed) = match (read, listed) {
            (Ok(read), Ok(listed)) => (read, listed),
            (read, listed) => {
                prop_assert_eq!(read.err(), listed.err());
                return Ok(());
            }
        };
        prop_assert_eq!(read.cells(), listed.cells());
        prop_assert_eq!(read.population(), listed.population());
        prop_assert_eq!(read.bounding_box(), listed.bounding_box());
        prop_assert_eq!(read.normalized(), listed.normalized());
        let (row, col) = at;
        for placement in [Placement::Centre, Placement::At { row, col }] {
            let on = |pattern: &Pattern| Grid::from_pattern(pattern, 40, 40, placement);
            prop_assert_eq!(on(&read), on(&listed));
        }
    }
}

#[test]
fn a_large_soup_reads_the_same_into_a_raster_and_a_list() {
    let soup = corolife::soup::soup(300, 500, 7).expect("small");
    let cells = soup.iter_rows().enumerate().flat_map(|(y, row)| {
        let alive = row.iter().enumerate().filter(|(_, s)| s.is_alive());
        alive.map(move |(x, _)| Cell::alive(y as i32 - 150, x as i32 + 1000))
    });
    let text = Format::Rle.write(&Pattern::from_cells(cells)).expect("RLE");
    let header = text.lines().find(|l| l.starts_with('x')).expect("a header");
    assert!(header.starts_with("x = 500, y = 300"), "{header}");
    let listed = text.replacen(header, "x = 0, y = 0, rule = B3/S23", 1);
    let (read, listed) = (
        format::rle::parse(&text).expect("valid"),
        format::rle::parse(&listed).expect("valid"),
    );
    assert_eq!(read.population(), soup.population());
    assert_eq!(read.cells(), listed.cells());
    assert_eq!(read.bounding_box(), listed.bounding_box());
    let on = |pattern: &Pattern| Grid::from_pattern(pattern, 300, 500, Placement::Centre);
    assert_eq!(on(&read).expect("fits"), soup);
}

/// Items of RLE data: a run count of any number of digits, or none, and a
/// tag (dead, alive, states 1 to 3, end of row).
fn counted_items() -> impl Strategy<Value = Vec<(Option<u32>, char)>> {
    let count = proptest::option::of(prop_oneof![0u32..10, 10u32..100, 100u32..2000]);
    vec(
        (
            count,
            proptest::sample::select(vec!['b', 'o', '$', 'A', 'C', '.']),
        ),
        0..80,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Run counts of one to four digits, anywhere on a line (near its end
    /// too), read as the cells a plain walk over the items puts down.
    #[test]
    fn run_counts_of_every_length_read_right(
        items in counted_items(),
        breaks in vec(any::<bool>(), 80),
        sized in any::<bool>(),
    ) {
        let mut expected = std::collections::BTreeMap::new();
        let (mut y, mut x) = (0i32, 0i32);
        let mut data = String::new();
        for (index, &(count, tag)) in items.iter().enumerate() {
            let n = count.map_or(1, |n| n as i32);
            match tag {
                'b' | '.' => x += n,
                '$' => (y, x) = (y + n, 0),
                _ => {
                    let state = if tag == 'o' { 1 } else { tag as u8 - b'A' + 1 };
                    for i in 0..n {
                        expected.insert((y, x + i), state);
                    }
                    x += n;
                }
            }
            if let Some(count) = count {
                data.push_str(&count.to_string());
            }
            data.push(tag);
            if breaks[index] {
                data.push('\n');
            }
        }
        let (height, width) = (y + 1, expected.keys().map(|&(_, x)| x + 1).max().unwrap_or(0));
        let size = if sized { (width, height) } else { (0, 0) };
        let text = format!("x = {}, y = {}\n{data}!\n", size.0, size.1);
        let pattern = format::rle::parse(&text).expect("valid");
        let cells: Vec<(i32, i32, u8)> = pattern
            .cells()
            .iter()
            .map(|c| (c.y, c.x, c.state.value()))
            .collect();
        let expected: Vec<(i32, i32, u8)> =
            expected.into_iter().map(|((y, x), s)| (y, x, s)).collect();
        prop_assert_eq!(cells, expected, "{}", text);
    }
}
