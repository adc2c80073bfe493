//! Cases worked by hand for each kind of state, and three of Golly's
//! example patterns run for 200 generations against Golly's result.

use super::{Jvn, KINDS};

/// Quiet ordinary transmission states pointing east, north, west, south.
const OE: u8 = 9;
const ON: u8 = 10;
const OS: u8 = 12;
/// Excited ordinary states.
const XE: u8 = 13;
const XS: u8 = 16;
/// Quiet and excited special states.
const SE: u8 = 17;
const SXE: u8 = 21;
const SXS: u8 = 24;
/// Confluent states.
const C: u8 = 25;

/// Neighbours given by side (N, E, S, W); the diagonals are ground.
fn sides(n: u8, e: u8, s: u8, w: u8) -> [u8; 8] {
    [n, 0, e, 0, s, 0, w, 0]
}

/// One generation of `rows`, with everything outside read as ground.
fn step(rule: Jvn, rows: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let height = rows.len();
    let width = rows.first().map_or(0, Vec::len);
    let at = |y: usize, dy: isize, x: usize, dx: isize| -> u8 {
        let (Some(y), Some(x)) = (y.checked_add_signed(dy), x.checked_add_signed(dx)) else {
            return 0;
        };
        rows.get(y).and_then(|row| row.get(x)).copied().unwrap_or(0)
    };
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| {
                    let around = [
                        at(y, -1, x, 0),
                        at(y, -1, x, 1),
                        at(y, 0, x, 1),
                        at(y, 1, x, 1),
                        at(y, 1, x, 0),
                        at(y, 1, x, -1),
                        at(y, 0, x, -1),
                        at(y, -1, x, -1),
                    ];
                    rule.next(rows[y][x], &around)
                })
                .collect()
        })
        .collect()
}

/// `rows` after `generations` generations.
fn run(rule: Jvn, rows: &[Vec<u8>], generations: usize) -> Vec<Vec<u8>> {
    let mut rows = rows.to_vec();
    for _ in 0..generations {
        rows = step(rule, &rows);
    }
    rows
}

#[test]
fn names_parse_as_golly_reads_them() {
    for rule in Jvn::ALL {
        assert_eq!(Jvn::parse(rule.name()), Some(rule));
        assert_eq!(Jvn::parse(&rule.name().to_uppercase()), Some(rule));
    }
    assert_eq!(Jvn::parse("jvn29"), Some(Jvn::JvN29));
    assert_eq!(Jvn::parse("JvN-29"), Some(Jvn::JvN29));
    assert_eq!(Jvn::parse("JvN-32"), Some(Jvn::Nobili32));
    assert_eq!(Jvn::parse("MODJVN-32"), Some(Jvn::Hutton32));
    for wrong in ["", "JvN", "JvN32", "Nobili29", "JvN29:T10,10", " JvN29"] {
        assert_eq!(Jvn::parse(wrong), None, "{wrong:?}");
    }
}

#[test]
fn state_counts_colours_and_names() {
    let counts: Vec<u16> = Jvn::ALL.iter().map(Jvn::states).collect();
    assert_eq!(counts, [29, 32, 32]);
    for rule in Jvn::ALL {
        let states = usize::from(rule.states());
        assert_eq!(rule.colours().len(), states);
        assert_eq!(rule.state_names().len(), states);
        let mut names = rule.state_names().to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), states, "names are distinct");
    }
    let colours = Jvn::Nobili32.colours();
    assert_eq!(colours[0], [48, 48, 48]);
    assert_eq!(colours[1], [255, 0, 0]);
    assert_eq!(colours[25], [0, 255, 128]);
    assert_eq!(colours[31], [21, 137, 137]);
    assert_eq!(Jvn::JvN29.state_names()[9], "ordinary east, quiet");
}

#[test]
fn state_kinds_number_back_to_themselves() {
    for (state, kind) in KINDS.iter().enumerate() {
        assert_eq!(usize::from(kind.state()), state, "{kind:?}");
    }
}

#[test]
fn diagonal_neighbours_do_not_count() {
    for rule in Jvn::ALL {
        for own in 0..32 {
            let plain = sides(XS, 0, 0, XE);
            let mut noisy = plain;
            for diagonal in [1, 3, 5, 7] {
                noisy[diagonal] = XE;
            }
            assert_eq!(rule.next(own, &plain), rule.next(own, &noisy));
        }
    }
}

#[test]
fn states_out_of_range_read_as_ground() {
    let around = sides(0, 0, 0, XE);
    for rule in Jvn::ALL {
        let ground = rule.next(0, &around);
        assert_eq!(ground, 1);
        assert_eq!(rule.next(32, &around), ground);
        assert_eq!(rule.next(255, &around), ground);
        // A neighbour out of range sends nothing.
        assert_eq!(rule.next(OE, &sides(0, 0, 0, 200)), OE);
    }
    // JvN29 has no crossing states.
    assert_eq!(Jvn::JvN29.next(29, &around), 1);
    assert_eq!(Jvn::Nobili32.next(29, &around), 26);
}

#[test]
fn a_signal_travels_along_an_ordinary_line() {
    for rule in Jvn::ALL {
        // A line pointing east with a signal at its west end, and ground
        // past its east end.
        let line = vec![vec![XE, OE, OE, OE, OE, 0]];
        assert_eq!(run(rule, &line, 1), [[OE, XE, OE, OE, OE, 0]]);
        assert_eq!(run(rule, &line, 3), [[OE, OE, OE, XE, OE, 0]]);
        assert_eq!(run(rule, &line, 4), [[OE, OE, OE, OE, XE, 0]]);
        // Leaving the line, under von Neumann's rules the signal
        // sensitizes the ground ahead (Hutton32's wire end marks itself
        // instead, as the test below shows).
        if rule != Jvn::Hutton32 {
            assert_eq!(run(rule, &line, 5), [[OE, OE, OE, OE, OE, 1]]);
        }
    }
    // Signals do not run backwards: a line pointing west ignores a signal
    // at its east end that points the other way.
    let backwards = vec![vec![11, 11, XE]];
    assert_eq!(run(Jvn::JvN29, &backwards, 1), [[11, 11, OE]]);
    // A line turns a corner: east, then south.
    let corner = vec![vec![XE, OS], vec![0, OS]];
    assert_eq!(run(Jvn::JvN29, &corner, 2), [[OE, OS], [0, XS]]);
}

#[test]
fn special_and_ordinary_states_destroy_each_other() {
    for rule in [Jvn::JvN29, Jvn::Nobili32] {
        // An excited special state turns the ordinary state it points at
        // to ground, whichever way that one points.
        for ordinary in 9..=16 {
            assert_eq!(rule.next(ordinary, &sides(0, 0, 0, SXE)), 0);
        }
        // And the other way round.
        for special in 17..=24 {
            assert_eq!(rule.next(special, &sides(0, 0, 0, XE)), 0);
        }
        // A quiet one does nothing.
        assert_eq!(rule.next(OE, &sides(0, 0, 0, SE)), OE);
        // On a line of ordinary states, the special signal clears one cell
        // per generation once it reaches it... here just the first.
        let line = vec![vec![SXE, OE, OE]];
        assert_eq!(run(rule, &line, 1), [[SE, 0, OE]]);
    }
    // A special signal travels along special states like an ordinary one.
    let line = vec![vec![SXE, SE, SE]];
    assert_eq!(run(Jvn::JvN29, &line, 2), [[SE, SE, SXE]]);
}

/// Feeds `bits` one per generation, through an ordinary line from the
/// west, into a ground cell, and gives the states it passes through.
fn construct(rule: Jvn, bits: &str) -> Vec<u8> {
    let mut own = 0;
    let mut seen = Vec::new();
    for bit in bits.chars() {
        let feeder = if bit == '1' { XE } else { OE };
        own = rule.next(own, &sides(0, 0, 0, feeder));
        seen.push(own);
    }
    seen
}

#[test]
fn sensitized_states_become_each_state_von_neumann_lists() {
    // Von Neumann's codes: 1 starts a construction, and the bits after it
    // choose the state built.
    let codes = [
        ("10000", OE),
        ("10001", ON),
        ("1001", 11),
        ("1010", OS),
        ("1011", SE),
        ("1100", 18),
        ("1101", 19),
        ("1110", 20),
        ("1111", C),
    ];
    for rule in [Jvn::JvN29, Jvn::Nobili32] {
        for (bits, built) in codes {
            let seen = construct(rule, bits);
            assert_eq!(seen.last(), Some(&built), "{bits}");
            // Every step before the last is a sensitized state.
            let (_, before) = seen.split_last().expect("at least one bit");
            assert!(
                before.iter().all(|s| (1..=8).contains(s)),
                "{bits}: {seen:?}"
            );
        }
        // The named sensitized states along the way.
        assert_eq!(construct(rule, "10000"), [1, 2, 4, 8, OE]);
        assert_eq!(construct(rule, "1111"), [1, 3, 7, C]);
        // A special signal sensitizes ground too; a confluent one does not.
        assert_eq!(rule.next(0, &sides(0, 0, 0, SXE)), 1);
        assert_eq!(rule.next(0, &sides(0, 0, 0, 27)), 0);
        // Once built, the state keeps still.
        assert_eq!(rule.next(OE, &sides(0, 0, 0, 0)), OE);
    }
}

#[test]
fn a_confluent_state_ands_its_inputs() {
    // Inputs from the west and the north, output to the east.
    for rule in Jvn::ALL {
        assert_eq!(rule.next(C, &sides(XS, OE, 0, XE)), 26, "both on");
        assert_eq!(rule.next(C, &sides(OS, OE, 0, XE)), C, "north off");
        assert_eq!(rule.next(C, &sides(XS, OE, 0, OE)), C, "west off");
        // An input pointing away is no input.
        assert_eq!(rule.next(C, &sides(ON, OE, 0, XE)), 26, "north away");
    }
}

#[test]
fn a_confluent_state_delays_by_one_generation_more() {
    // The time the signal reaches the last cell of a line, with a plain
    // transmission cell or a confluent one in the middle.
    fn arrival(rule: Jvn, middle: u8) -> Option<usize> {
        let mut rows = vec![vec![XE, OE, middle, OE, OE]];
        (1..10).find(|_| {
            rows = step(rule, &rows);
            rows[0][4] == XE
        })
    }
    for rule in Jvn::ALL {
        assert_eq!(arrival(rule, OE), Some(4));
        assert_eq!(arrival(rule, C), Some(5));
        // It passes through the states excited-next, then excited-now.
        let rows = vec![vec![XE, OE, C, OE]];
        let middle: Vec<u8> = (1..=4).map(|t| run(rule, &rows, t)[0][2]).collect();
        assert_eq!(middle, [C, 26, 27, C]);
    }
    // It sends to every transmission state beside it that points away.
    let fork = vec![vec![XE, C, OE], vec![0, OS, 0]];
    assert_eq!(run(Jvn::JvN29, &fork, 3), [[OE, C, XE], [0, XS, 0]]);
}

#[test]
fn nobili_crossing_passes_each_signal_straight_on() {
    // A horizontal line and a vertical line meet at a confluent cell.
    let cross = vec![
        vec![0, 0, OS, 0, 0],
        vec![0, 0, OS, 0, 0],
        vec![XE, OE, C, OE, OE],
        vec![0, 0, OS, 0, 0],
        vec![0, 0, OS, 0, 0],
    ];
    let nobili = run(Jvn::Nobili32, &cross, 2);
    assert_eq!(nobili[2][2], 29, "crossing with the horizontal excited");
    let nobili = run(Jvn::Nobili32, &cross, 3);
    assert_eq!(nobili[2][2], C);
    assert_eq!(nobili[2][3], XE, "no extra delay");
    assert_eq!(nobili[3][2], OS, "nothing goes south");
    // Von Neumann's confluent state ANDs the two inputs instead, so the
    // lone signal goes nowhere.
    for t in 1..=6 {
        let classic = run(Jvn::JvN29, &cross, t);
        assert_eq!(classic[2][2], C, "generation {t}");
        assert!(classic[2][3..].iter().all(|&s| s == OE), "generation {t}");
        assert!(
            classic[3..].iter().all(|row| row[2] == OS),
            "generation {t}"
        );
    }
    // Both axes at once.
    assert_eq!(Jvn::Nobili32.next(C, &sides(XS, OE, OS, XE)), 31);
    assert_eq!(Jvn::Nobili32.next(C, &sides(XS, OE, OS, OE)), 30);
    assert_eq!(Jvn::Nobili32.next(31, &sides(XS, OE, OS, XE)), 31);
    // A crossing state sends only along its excited axis.
    assert_eq!(Jvn::Nobili32.next(OE, &sides(0, 0, 0, 29)), XE);
    assert_eq!(Jvn::Nobili32.next(OE, &sides(0, 0, 0, 30)), OE);
}

#[test]
fn nobili_confluent_state_without_outputs_holds() {
    // Nothing beside it to send to: Nobili32 keeps it; JvN29 moves on.
    assert_eq!(Jvn::Nobili32.next(26, &sides(0, 0, 0, OE)), 26);
    assert_eq!(Jvn::JvN29.next(26, &sides(0, 0, 0, OE)), 27);
    // With an output it moves on in both.
    assert_eq!(Jvn::Nobili32.next(26, &sides(0, OE, 0, OE)), 27);
}

#[test]
fn hutton_builds_relative_to_the_wire() {
    // A special signal into ground: von Neumann sensitizes it; Hutton32
    // builds an ordinary state pointing the way the signal went.
    assert_eq!(Jvn::JvN29.next(0, &sides(0, 0, 0, SXE)), 1);
    assert_eq!(Jvn::Hutton32.next(0, &sides(0, 0, 0, SXE)), OE);
    assert_eq!(Jvn::Hutton32.next(0, &sides(SXS, 0, 0, 0)), OS);
    // S000 under a wire running south: von Neumann builds east (bit 0)
    // or north (bit 1) whatever the wire; Hutton32 builds forward (south;
    // a 0 bit is an excited special state) or turns left (east).
    assert_eq!(Jvn::JvN29.next(8, &sides(OS, 0, 0, 0)), OE);
    assert_eq!(Jvn::JvN29.next(8, &sides(XS, 0, 0, 0)), ON);
    assert_eq!(Jvn::Hutton32.next(8, &sides(SXS, 0, 0, 0)), OS);
    assert_eq!(Jvn::Hutton32.next(8, &sides(XS, 0, 0, 0)), OE);
    // The end of a wire marks a 0 bit by turning into an excited special
    // state, where von Neumann's just quiets.
    assert_eq!(Jvn::JvN29.next(XE, &sides(0, 0, 0, OE)), OE);
    assert_eq!(Jvn::Hutton32.next(XE, &sides(0, 0, 0, OE)), SXE);
    // Writing "1111" (a confluent state) and retracting: the wire's end
    // goes to ground as the written cell is finished.
    assert_eq!(Jvn::Hutton32.next(XE, &sides(0, 7, 0, OE)), 0);
}

#[test]
fn hutton_wire_writes_and_retracts() {
    // A wire of three cells pointing east, fed "1111" and then nothing:
    // it writes a confluent state just past its end and pulls back its
    // last cell.
    let mut rows = vec![vec![OE, OE, OE, 0, 0]];
    for bit in "1111000000".chars() {
        rows[0][0] = if bit == '1' { XE } else { OE };
        rows = step(Jvn::Hutton32, &rows);
    }
    assert_eq!(rows[0][3], C, "{rows:?}");
    assert_eq!(rows[0][2], 0, "{rows:?}");
}

/// The cells of an RLE file as (x, y, state), moved so the box's corner
/// is at (0, 0).
fn cells(text: &str) -> Vec<(i64, i64, u8)> {
    // The reader need not know these rules: drop the header's rule.
    let text: String = text
        .lines()
        .map(|line| {
            if line.starts_with('x') {
                line.split(", rule").next().unwrap_or(line)
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let pattern = crate::format::rle::parse(&text).expect("a readable fixture");
    let cells = pattern.try_cells().expect("plain cells");
    let left = cells.iter().map(|c| i64::from(c.x)).min().unwrap_or(0);
    let top = cells.iter().map(|c| i64::from(c.y)).min().unwrap_or(0);
    let mut out: Vec<_> = cells
        .iter()
        .map(|c| (i64::from(c.x) - left, i64::from(c.y) - top, c.state.value()))
        .collect();
    out.sort_unstable();
    out
}

/// Runs `start` for `generations` on a plane big enough that nothing
/// reaches its edge, and gives the cells as [`cells`] does.
fn evolve(rule: Jvn, start: &[(i64, i64, u8)], generations: usize) -> Vec<(i64, i64, u8)> {
    let width = start.iter().map(|c| c.0).max().unwrap_or(0) as usize + 1;
    let height = start.iter().map(|c| c.1).max().unwrap_or(0) as usize + 1;
    // A pattern grows by at most one cell a side each generation.
    let margin = generations + 1;
    let mut rows = vec![vec![0u8; width + 2 * margin]; height + 2 * margin];
    for &(x, y, state) in start {
        rows[y as usize + margin][x as usize + margin] = state;
    }
    let rows = run(rule, &rows, generations);
    let mut live = Vec::new();
    for (y, row) in rows.iter().enumerate() {
        for (x, &state) in row.iter().enumerate() {
            if state != 0 {
                live.push((x as i64, y as i64, state));
            }
        }
    }
    let left = live.iter().map(|c| c.0).min().unwrap_or(0);
    let top = live.iter().map(|c| c.1).min().unwrap_or(0);
    let mut out: Vec<_> = live
        .iter()
        .map(|&(x, y, s)| (x - left, y - top, s))
        .collect();
    out.sort_unstable();
    out
}

#[test]
fn golly_examples_match_golly_after_200_generations() {
    let fixtures = [
        (
            Jvn::JvN29,
            include_str!("../../../../tests/fixtures/jvn/counter-demo.rle"),
            include_str!("../../../../tests/fixtures/jvn/counter-demo-200.rle"),
        ),
        (
            Jvn::Nobili32,
            include_str!("../../../../tests/fixtures/jvn/read-arm-demo-nobili.rle"),
            include_str!("../../../../tests/fixtures/jvn/read-arm-demo-nobili-200.rle"),
        ),
        (
            Jvn::Hutton32,
            include_str!("../../../../tests/fixtures/jvn/golly-constructor.rle"),
            include_str!("../../../../tests/fixtures/jvn/golly-constructor-200.rle"),
        ),
    ];
    for (rule, start, golly) in fixtures {
        let start = cells(start);
        let golly = cells(golly);
        assert!(start != golly, "{rule:?}: the pattern changes");
        let mine = evolve(rule, &start, 200);
        let wrong = mine.iter().filter(|c| !golly.contains(c)).count();
        let missing = golly.iter().filter(|c| !mine.contains(c)).count();
        assert_eq!(
            (wrong, missing),
            (0, 0),
            "{rule:?}: cells differing from Golly's"
        );
        assert!(mine.len() > 50, "{rule:?}: a real pattern");
    }
}
