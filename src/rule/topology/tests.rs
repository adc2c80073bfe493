use proptest::prelude::*;

use super::*;
use crate::rule::RuleError;

fn topology(suffix: &str) -> Topology {
    suffix.parse().unwrap_or_else(|e| panic!("{suffix}: {e}"))
}

fn problem(suffix: &str) -> TopologyError {
    match suffix.parse::<Topology>() {
        Err(RuleError::Topology {
            suffix: named,
            problem,
        }) => {
            assert_eq!(named, format!(":{suffix}"));
            problem
        }
        other => panic!("{suffix}: {other:?}"),
    }
}

const fn torus(width: u32, height: u32, shift: Shift) -> Topology {
    Topology::Torus {
        width,
        height,
        shift,
    }
}

const fn klein(width: u32, height: u32, twist: Edges, shifted: bool) -> Topology {
    Topology::Klein {
        width,
        height,
        twist,
        shifted,
    }
}

#[test]
fn the_examples_of_gollys_help_read_and_write_back() {
    use Edges::{Horizontal, Vertical};
    for (suffix, expected) in [
        (
            "P30,20",
            Topology::Bounded {
                width: 30,
                height: 20,
            },
        ),
        (
            "P30,0",
            Topology::Bounded {
                width: 30,
                height: 0,
            },
        ),
        ("T0,20", torus(0, 20, Shift::None)),
        ("T30,20", torus(30, 20, Shift::None)),
        ("T30+5,20", torus(30, 20, Shift::Horizontal(5))),
        ("T30,20-2", torus(30, 20, Shift::Vertical(-2))),
        ("K30*,20", klein(30, 20, Horizontal, false)),
        ("K30,20*", klein(30, 20, Vertical, false)),
        ("K30*+1,20", klein(30, 20, Horizontal, true)),
        (
            "C30,20",
            Topology::Cross {
                width: 30,
                height: 20,
            },
        ),
        ("S30", Topology::Sphere { side: 30 }),
        // The bounded grids among Golly's own patterns.
        ("T30+7,20", torus(30, 20, Shift::Horizontal(7))),
        ("T56,0", torus(56, 0, Shift::None)),
        ("T0,68", torus(0, 68, Shift::None)),
        ("K40*,20", klein(40, 20, Horizontal, false)),
        (
            "C40,20",
            Topology::Cross {
                width: 40,
                height: 20,
            },
        ),
    ] {
        assert_eq!(topology(suffix), expected, "{suffix}");
        // Every one is already canonical.
        assert_eq!(expected.to_string(), format!(":{suffix}"));
    }
}

#[test]
fn suffixes_read_as_golly_reads_them() {
    use Edges::{Horizontal, Vertical};
    for (suffix, expected, canonical) in [
        // The plane: nothing, a bare letter, or both sides infinite.
        ("", Topology::Plane, ""),
        ("T", Topology::Plane, ""),
        ("p", Topology::Plane, ""),
        ("K", Topology::Plane, ""),
        ("C", Topology::Plane, ""),
        ("S", Topology::Plane, ""),
        ("T0,0", Topology::Plane, ""),
        ("P0,0", Topology::Plane, ""),
        ("T0", Topology::Plane, ""),
        ("T,", Topology::Plane, ""),
        // Letters in either case; a missing height is the width.
        ("t30,20", torus(30, 20, Shift::None), ":T30,20"),
        ("T100", torus(100, 100, Shift::None), ":T100,100"),
        ("T100,", torus(100, 100, Shift::None), ":T100,100"),
        ("T,20", torus(0, 20, Shift::None), ":T0,20"),
        ("T030,020", torus(30, 20, Shift::None), ":T30,20"),
        (
            "p30",
            Topology::Bounded {
                width: 30,
                height: 30,
            },
            ":P30,30",
        ),
        (
            "P0,20",
            Topology::Bounded {
                width: 0,
                height: 20,
            },
            ":P0,20",
        ),
        ("s7", Topology::Sphere { side: 7 }, ":S7"),
        (
            "c5",
            Topology::Cross {
                width: 5,
                height: 5,
            },
            ":C5,5",
        ),
        // Shifts are reduced modulo their side, keeping their sign; one
        // that comes to 0 is none.
        (
            "T30-35,20",
            torus(30, 20, Shift::Horizontal(-5)),
            ":T30-5,20",
        ),
        ("T30,20+42", torus(30, 20, Shift::Vertical(2)), ":T30,20+2"),
        ("T30+30,20", torus(30, 20, Shift::None), ":T30,20"),
        ("T30-0,20", torus(30, 20, Shift::None), ":T30,20"),
        ("T30+", torus(30, 30, Shift::None), ":T30,30"),
        ("T5+1", torus(5, 5, Shift::Horizontal(1)), ":T5+1,5"),
        (
            "T7+99999999999999999999999,3",
            torus(7, 3, Shift::Horizontal(4)),
            ":T7+4,3",
        ),
        // Golly asks whether the first shift came to anything.
        ("T5+5,5+1", torus(5, 5, Shift::Vertical(1)), ":T5,5+1"),
        // A shift that comes to 0 is no shift, even on a tube.
        ("T5+5,0", torus(5, 0, Shift::None), ":T5,0"),
        // A Klein bottle without a star has its vertical edges twisted.
        ("K10,20", klein(10, 20, Vertical, false), ":K10,20*"),
        ("k10", klein(10, 10, Vertical, false), ":K10,10*"),
        ("K10*", klein(10, 10, Horizontal, false), ":K10*,10"),
        // Any shift of its twisted edges is a shift by one...
        ("K4*+3,3", klein(4, 3, Horizontal, true), ":K4*+1,3"),
        ("K4*-1,3", klein(4, 3, Horizontal, true), ":K4*+1,3"),
        ("K3,4*+2", klein(3, 4, Vertical, true), ":K3,4*+1"),
        // ... unless it comes to 0, or the side is odd.
        ("K4*+4,3", klein(4, 3, Horizontal, false), ":K4*,3"),
        ("K3*+1,4", klein(3, 4, Horizontal, false), ":K3*,4"),
        ("K4,3*+1", klein(4, 3, Vertical, false), ":K4,3*"),
        // The largest side.
        (
            "T2000000000,1",
            torus(MAX_SIDE, 1, Shift::None),
            ":T2000000000,1",
        ),
        (
            "S2000000000",
            Topology::Sphere { side: MAX_SIDE },
            ":S2000000000",
        ),
        (
            "T2000000000-1999999999",
            torus(MAX_SIDE, MAX_SIDE, Shift::Horizontal(-1_999_999_999)),
            ":T2000000000-1999999999,2000000000",
        ),
    ] {
        assert_eq!(topology(suffix), expected, "{suffix}");
        assert_eq!(expected.to_string(), canonical, "{suffix}");
    }
}

#[test]
fn suffixes_golly_refuses_are_refused_saying_why() {
    use TopologyError::*;
    let infinite = |topology, side| Infinite { topology, side };
    for (suffix, expected) in [
        ("X30,20", Unknown('X')),
        ("x", Unknown('x')),
        ("é", Unknown('é')),
        ("30,20", Unknown('3')),
        // A twist is a Klein bottle's only, on one pair of edges.
        ("T30*,20", TwistNotKlein),
        ("T30,20*", TwistNotKlein),
        ("P30*,20", TwistNotKlein),
        ("C30,20*", TwistNotKlein),
        ("S30*", TwistNotKlein),
        ("K30*,20*", BothTwists),
        // Shifts: a torus's or a Klein bottle's only.
        ("P30+1,20", CannotShift("plane")),
        ("P30,20-1", CannotShift("plane")),
        ("P0,20+1", CannotShift("plane")),
        ("S30+1", CannotShift("sphere")),
        ("C30+1,20", CannotShift("cross-surface")),
        ("C30,20-1", CannotShift("cross-surface")),
        // A Klein bottle's on its twisted edges.
        ("K30+1,20", ShiftNotTwisted),
        ("K30,20+1", ShiftNotTwisted),
        ("K30*,20+1", ShiftNotTwisted),
        ("K30+1,20*", ShiftNotTwisted),
        // Not both ways.
        ("T30+1,20+1", BothShifts),
        ("T30-29,20-1", BothShifts),
        // Not where a side is infinite.
        ("T0+1,20", InfiniteShift),
        ("T+1,20", InfiniteShift),
        ("T30,0+1", InfiniteShift),
        ("T30+1,0", InfiniteShift),
        ("T30-1,0", InfiniteShift),
        // Klein bottles, cross-surfaces and spheres are finite.
        ("K0*,20", infinite("Klein bottle", "width")),
        ("K,20", infinite("Klein bottle", "width")),
        ("C0,20", infinite("cross-surface", "width")),
        ("S0", infinite("sphere", "width")),
        ("K30,0", infinite("Klein bottle", "height")),
        ("K30*,0", infinite("Klein bottle", "height")),
        ("C30,0", infinite("cross-surface", "height")),
        // A sphere has one side.
        ("S30,30", SphereSides),
        ("S30,", SphereSides),
        // Anything else.
        ("T30x", AfterWidth('x')),
        ("T30 ,20", AfterWidth(' ')),
        ("Tx", AfterWidth('x')),
        ("T30é", AfterWidth('é')),
        ("T30+1x,20", AfterWidth('x')),
        ("K30**,20", AfterWidth('*')),
        ("T30,20x", AfterHeight('x')),
        ("T30,20,10", AfterHeight(',')),
        ("T30,20+1+1", AfterHeight('+')),
        ("T30, 20", AfterHeight(' ')),
        ("K30,20**", AfterHeight('*')),
        // Sides above 2,000,000,000, which Golly would clamp.
        ("T2000000001,5", TooLarge),
        ("T5,2000000001", TooLarge),
        ("T99999999999999999999999", TooLarge),
        ("S4294967296", TooLarge),
    ] {
        assert_eq!(problem(suffix), expected, "{suffix}");
    }
}

#[test]
fn error_messages_name_the_suffix_and_the_problem() {
    for (suffix, message) in [
        (
            "X30,20",
            "unknown grid topology 'X' (expected T, P, K, C or S)",
        ),
        ("P30+1,20", "a plane can't have a shift"),
        ("S30+1", "a sphere can't have a shift"),
        ("C30,20+1", "a cross-surface can't have a shift"),
        (
            "K30+1,20",
            "a Klein bottle's shift must be on its twisted edges",
        ),
        (
            "T30+1,0",
            "shifting is not allowed if either side is infinite",
        ),
        (
            "T30+1,20-1",
            "a torus can't have both horizontal and vertical shifts",
        ),
        ("T30*,20", "only a Klein bottle can have twisted edges (*)"),
        (
            "K30*,20*",
            "a Klein bottle can't have both horizontal and vertical twists",
        ),
        ("K0,20", "a Klein bottle can't have an infinite width"),
        ("C30,0", "a cross-surface can't have an infinite height"),
        (
            "S30,30",
            "a sphere is square: give its side alone, as in :S30",
        ),
        ("T30;20", "unexpected ';' after the grid's width"),
        ("T30,20;", "unexpected ';' after the grid's height"),
        ("T3000000000,20", "a side can be at most 2000000000 cells"),
    ] {
        let error = suffix.parse::<Topology>().unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("bad grid suffix \":{suffix}\": {message}")
        );
    }
}

/// Checks `fold` on the ring of cells around a grid against a diagram
/// of it: one string a row, the ring included, a letter a cell. The
/// grid's own cells are A, B, C, ... row by row; a letter in the ring
/// (in either case: lifealgo.cpp writes the copies in lower case)
/// names the cell of the grid whose state Golly copies there, and `0`
/// is a cell that is always dead.
#[track_caller]
fn check_ring(suffix: &str, diagram: &[&str]) {
    let topology = topology(suffix);
    let (w, h) = (
        topology.width().expect("finite") as i32,
        topology.height().expect("finite") as i32,
    );
    let (top, left) = (topology.top(), topology.left());
    assert_eq!(diagram.len() as i32, h + 2, "{suffix}: rows");
    for (row, line) in diagram.iter().enumerate() {
        let letters: Vec<char> = line.split_whitespace().flat_map(str::chars).collect();
        assert_eq!(letters.len() as i32, w + 2, "{suffix}: row {row}");
        for (column, &letter) in letters.iter().enumerate() {
            let (y, x) = (top - 1 + row as i32, left - 1 + column as i32);
            let expected = match letter {
                '0' => None,
                letter => {
                    let index = letter.to_ascii_uppercase() as i32 - 'A' as i32;
                    assert!((0..w * h).contains(&index), "{suffix}: {letter}");
                    Some((top + index / w, left + index % w))
                }
            };
            let inside = (1..=h as usize).contains(&row) && (1..=w as usize).contains(&column);
            if inside {
                // The grid itself: its cells in order.
                assert!(letter.is_ascii_uppercase());
                assert_eq!(expected, Some((y, x)), "{suffix}: the grid");
            }
            assert_eq!(
                topology.fold(y, x),
                expected,
                "{suffix}: '{letter}' at row {row}, column {column} of the diagram, (y, x) = ({y}, {x})"
            );
        }
    }
}

/// Every cell of a finite grid and of the ring around it.
fn grid_and_ring(t: Topology) -> impl Iterator<Item = (i32, i32)> {
    let (w, h) = (
        t.width().unwrap_or(1) as i32,
        t.height().unwrap_or(1) as i32,
    );
    let (top, left) = (t.top(), t.left());
    (top - 1..=top + h).flat_map(move |y| (left - 1..=left + w).map(move |x| (y, x)))
}

#[test]
fn the_grid_starts_where_golly_starts_it() {
    // Golly's top-left cell is at x = -int(w/2), y = -int(h/2).
    let t = topology("T4,3");
    assert_eq!((t.top(), t.left()), (-1, -2));
    assert!(t.contains(-1, -2) && t.contains(1, 1));
    assert!(!t.contains(-2, 0) && !t.contains(0, 2) && !t.contains(2, 0) && !t.contains(0, -3));
    let t = topology("T5,6");
    assert_eq!((t.top(), t.left()), (-3, -2));
    assert!(t.contains(2, 2) && !t.contains(3, 2) && !t.contains(2, 3));
    let t = topology("T2000000000,1");
    assert_eq!((t.top(), t.left()), (0, -1_000_000_000));
    assert!(t.contains(0, 999_999_999) && !t.contains(0, 1_000_000_000));
}

#[test]
fn fold_joins_the_edges_as_the_diagrams_of_gollys_help_show() {
    check_ring(
        "P4,3",
        &[
            "0 0 0 0 0 0",
            "0 A B C D 0",
            "0 E F G H 0",
            "0 I J K L 0",
            "0 0 0 0 0 0",
        ],
    );
    check_ring(
        "T4,3",
        &[
            "L I J K L I",
            "D A B C D A",
            "H E F G H E",
            "L I J K L I",
            "D A B C D A",
        ],
    );
    check_ring(
        "T4+1,3",
        &[
            "k l i j k l",
            "d A B C D a",
            "h E F G H e",
            "l I J K L i",
            "a b c d a b",
        ],
    );
    check_ring(
        "T4,3+1",
        &[
            "h i j k l a",
            "l A B C D e",
            "d E F G H i",
            "h I J K L a",
            "l a b c d e",
        ],
    );
    check_ring(
        "K4*,3",
        &[
            "i l k j i l",
            "d A B C D a",
            "h E F G H e",
            "l I J K L i",
            "a d c b a d",
        ],
    );
    check_ring(
        "K4,3*",
        &[
            "d i j k l a",
            "l A B C D i",
            "h E F G H e",
            "d I J K L a",
            "l a b c d i",
        ],
    );
    check_ring(
        "C4,3",
        &[
            "a l k j i d",
            "l A B C D i",
            "h E F G H e",
            "d I J K L a",
            "i d c b a l",
        ],
    );
    check_ring(
        "S3",
        &[
            "a a d g c", //
            "a A B C g",
            "b D E F h",
            "c G H I i",
            "g c f i i",
        ],
    );
}

/// The shifted Klein bottles are the one place where the diagrams (in
/// Help/bounded.html and in the comments of lifealgo.cpp's
/// `JoinTwistedAndShiftedEdges` alike) disagree with what Golly's code
/// does: they show each twisted edge meeting the other's mirror image
/// moved one cell one way, the code moves it one cell the other way
/// (`shiftedx = twistedx - 1`, wrapping to the last column). Both are
/// the same surface, one a translate of the other, but the cells meet
/// differently, and `fold` follows the code.
#[test]
fn fold_joins_shifted_klein_bottles_as_gollys_code_does() {
    // Help shows `j i l k j i` above the grid and `b a d c b a` below.
    check_ring(
        "K4*+1,3",
        &[
            "l k j i l k",
            "d A B C D a",
            "h E F G H e",
            "l I J K L i",
            "d c b a d c",
        ],
    );
    // Help shows `c l i f` left of the grid and `a j g d` right of it,
    // `f j k l d` above and `c a b c a` below.
    check_ring(
        "K3,4*+1",
        &[
            "l j k l j",
            "i A B C g",
            "f D E F d",
            "c G H I a",
            "l J K L j",
            "i a b c g",
        ],
    );
    // With an odd side Golly ignores the shift.
    assert_eq!(topology("K5*+1,4"), topology("K5*,4"));
    assert_eq!(topology("K4,5*+1"), topology("K4,5*"));
    for plain in [topology("K5*,4"), topology("K4,5*")] {
        let Topology::Klein {
            width,
            height,
            twist,
            ..
        } = plain
        else {
            unreachable!()
        };
        let shifted = klein(width, height, twist, true);
        assert_eq!(shifted.to_string(), plain.to_string());
        for (y, x) in grid_and_ring(plain) {
            assert_eq!(shifted.fold(y, x), plain.fold(y, x), "{plain} ({y}, {x})");
        }
    }
}

#[test]
fn fold_wraps_tubes_and_leaves_their_infinite_side_alone() {
    let tube = topology("T0,20");
    assert_eq!((tube.top(), tube.left()), (-10, 0));
    for x in [i32::MIN, -1_000_000, -1, 0, 7, i32::MAX] {
        for (y, folded) in [
            (-10, -10),
            (9, 9),
            (-11, 9),
            (10, -10),
            (10 + 20 * 1000, -10),
            (-3 - 20 * 5000, -3),
            (i32::MIN, -8),
            (i32::MAX, 7),
        ] {
            assert_eq!(tube.fold(y, x), Some((folded, x)), "({y}, {x})");
            // The other way round.
            let tube = topology("T20,0");
            assert_eq!(tube.fold(x, y), Some((x, folded)), "({x}, {y})");
        }
    }
}

#[test]
fn bounded_planes_are_dead_outside_even_with_an_infinite_side() {
    let plane = topology("P4,3");
    for (y, x) in grid_and_ring(plane) {
        assert_eq!(plane.fold(y, x).is_some(), plane.contains(y, x));
    }
    assert_eq!(plane.fold(1_000_000, 0), None);
    let strip = topology("P30,0");
    assert_eq!((strip.top(), strip.left()), (0, -15));
    for y in [i32::MIN, -1, 0, 1, i32::MAX] {
        assert_eq!(strip.fold(y, -15), Some((y, -15)));
        assert_eq!(strip.fold(y, 14), Some((y, 14)));
        assert_eq!(strip.fold(y, -16), None);
        assert_eq!(strip.fold(y, 15), None);
        assert_eq!(strip.fold(y, i32::MAX), None);
        assert_eq!(topology("P0,30").fold(15, y), None);
        assert_eq!(topology("P0,30").fold(-15, y), Some((-15, y)));
    }
    // And the plane is every cell.
    for (y, x) in [(0, 0), (i32::MIN, i32::MAX), (-7, 12)] {
        assert_eq!(Topology::Plane.fold(y, x), Some((y, x)));
    }
}

#[test]
fn fold_reaches_far_around_tori() {
    let t = topology("T4,3");
    assert_eq!(t.fold(-1 + 3 * 1000, -2 - 4 * 1000), Some((-1, -2)));
    assert_eq!(
        t.fold(i32::MIN, i32::MAX),
        t.fold(i32::MIN + 3 * 7, i32::MAX - 4 * 9)
    );
    // Going down through the bottom edge of `:T4+1,3` comes back one
    // column to the right, so three rows down is one column right.
    let t = topology("T4+1,3");
    assert_eq!(t.fold(2, 0), Some((-1, 1)));
    assert_eq!(t.fold(2 + 3, 0), Some((-1, -2)));
    assert_eq!(t.fold(-1 + 3 * 4, 0), Some((-1, 0)));
    assert_eq!(t.fold(-1 - 3, 0), Some((-1, -1)));
    // Going right through the right edge of `:T4,3-1` comes back one
    // row higher.
    let t = topology("T4,3-1");
    assert_eq!(t.fold(0, 2), Some((-1, -2)));
    assert_eq!(t.fold(0, 2 + 4), Some((1, -2)));
    assert_eq!(t.fold(0, -2 + 4 * 3), Some((0, -2)));
    // The largest shift on the widest torus, as far off as can be:
    // 2^30 times round the height moves 2^30 shifts along.
    let t = topology("T2000000000+1999999999,2");
    assert_eq!(t.fold(i32::MAX, 0), Some((-1, 926_258_176)));
    // A shift of 1999999999 is a shift of -1 there.
    let back = torus(MAX_SIDE, 2, Shift::Horizontal(-1));
    for (y, x) in [(i32::MAX, 0), (i32::MIN, i32::MAX), (-12345, 999_999_999)] {
        assert_eq!(t.fold(y, x), back.fold(y, x));
    }
}

/// Topologies as parsing gives them: shifts below their side, never 0,
/// a Klein bottle shifted only where its twisted side is even.
fn canonical() -> impl Strategy<Value = Topology> {
    let side = || prop_oneof![1u32..=12, 1u32..=MAX_SIDE];
    let side_or_infinite = || prop_oneof![Just(0u32), side()];
    let shift = |by: u32, negative: bool, side: u32| {
        let by = (by % side) as i32;
        if negative { -by } else { by }
    };
    let twist = || prop_oneof![Just(Edges::Horizontal), Just(Edges::Vertical)];
    prop_oneof![
        (side_or_infinite(), side_or_infinite())
            .prop_filter("not the plane", |&(w, h)| w > 0 || h > 0)
            .prop_map(|(width, height)| torus(width, height, Shift::None)),
        (side(), side(), any::<u32>(), any::<bool>(), any::<bool>()).prop_map(
            move |(width, height, by, negative, vertical)| {
                let by = if vertical {
                    shift(by, negative, height)
                } else {
                    shift(by, negative, width)
                };
                let shift = match (by, vertical) {
                    (0, _) => Shift::None,
                    (by, false) => Shift::Horizontal(by),
                    (by, true) => Shift::Vertical(by),
                };
                torus(width, height, shift)
            }
        ),
        (side_or_infinite(), side_or_infinite())
            .prop_filter("not the plane", |&(w, h)| w > 0 || h > 0)
            .prop_map(|(width, height)| Topology::Bounded { width, height }),
        (side(), side(), twist(), any::<bool>()).prop_map(|(width, height, twist, shifted)| {
            let along = match twist {
                Edges::Horizontal => width,
                Edges::Vertical => height,
            };
            klein(width, height, twist, shifted && along.is_multiple_of(2))
        }),
        (side(), side()).prop_map(|(width, height)| Topology::Cross { width, height }),
        side().prop_map(|side| Topology::Sphere { side }),
    ]
}

proptest! {
    #[test]
    fn every_topology_reads_back_from_its_suffix(t in canonical()) {
        let written = t.to_string();
        prop_assert!(written.starts_with(':'));
        prop_assert_eq!(written[1..].parse::<Topology>(), Ok(t), "{}", written);
        // Lower case reads the same.
        prop_assert_eq!(written[1..].to_ascii_lowercase().parse::<Topology>(), Ok(t));
    }

    #[test]
    fn what_parses_writes_back_as_itself(
        suffix in "[TtPpKkCcSs]?[0-9]{0,4}[*]?([+-][0-9]{0,4})?(,[0-9]{0,4}[*]?([+-][0-9]{0,4})?)?"
    ) {
        if let Ok(t) = suffix.parse::<Topology>() {
            let written = t.to_string();
            if t.is_plane() {
                prop_assert_eq!(written, "");
            } else {
                prop_assert_eq!(written[1..].parse::<Topology>(), Ok(t), "{} wrote {}", suffix, written);
            }
        }
    }

    #[test]
    fn fold_lands_on_the_grid_of_a_torus_from_anywhere(
        t in canonical().prop_filter("a torus", |t| matches!(t, Topology::Torus { .. })),
        y in any::<i32>(),
        x in any::<i32>(),
    ) {
        let (fy, fx) = t.fold(y, x).expect("a torus has no dead cells");
        prop_assert!(t.contains(fy, fx));
        // Folding twice changes nothing.
        prop_assert_eq!(t.fold(fy, fx), Some((fy, fx)));
        // Once round either side, with the shift.
        let (w, h) = (t.width(), t.height());
        let by = |s: Shift| match s {
            Shift::Horizontal(by) | Shift::Vertical(by) => by,
            Shift::None => 0,
        };
        let Topology::Torus { shift, .. } = t else { unreachable!() };
        if let Some(h) = h.and_then(|h| i32::try_from(h).ok()).filter(|&h| y.checked_add(h).is_some()) {
            let across = if matches!(shift, Shift::Horizontal(_)) { by(shift) } else { 0 };
            if let Some(x2) = x.checked_add(across) {
                prop_assert_eq!(t.fold(y + h, x), t.fold(y, x2));
            }
        }
        if let Some(w) = w.and_then(|w| i32::try_from(w).ok()).filter(|&w| x.checked_add(w).is_some()) {
            let down = if matches!(shift, Shift::Vertical(_)) { by(shift) } else { 0 };
            if let Some(y2) = y.checked_add(down) {
                prop_assert_eq!(t.fold(y, x + w), t.fold(y2, x));
            }
        }
    }
}
