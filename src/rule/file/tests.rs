//! Tests for the `.rule` reader: small tables and trees worked by hand,
//! published facts about WireWorld, Brian's Brain and Life, errors with
//! their line and column, and inputs that must not panic.

use proptest::prelude::*;

use super::*;
use crate::{Rule, State};

const WIREWORLD: &str = include_str!("../../../tests/fixtures/rules/WireWorld.rule");
const BRIANS_BRAIN: &str = include_str!("../../../tests/fixtures/rules/BriansBrain.rule");
const LIFE: &str = include_str!("../../../tests/fixtures/rules/Life.rule");
const BYL_LOOP: &str = include_str!("../../../tests/fixtures/rules/Byl-Loop.rule");
const BANKS_I: &str = include_str!("../../../tests/fixtures/rules/Banks-I.rule");

/// The places of `Logic::next`'s neighbours.
const N: usize = 0;
const NE: usize = 1;
const E: usize = 2;
const SE: usize = 3;
const S: usize = 4;
const SW: usize = 5;
const W: usize = 6;
const NW: usize = 7;

/// Neighbours all 0 but those given.
fn around(set: &[(usize, u8)]) -> [u8; 8] {
    let mut a = [0; 8];
    for &(place, state) in set {
        a[place] = state;
    }
    a
}

/// A file holding one table.
fn table(states: u16, neighbourhood: &str, symmetries: &str, body: &str) -> RuleFile {
    let text = format!(
        "@RULE Test\n@TABLE\nn_states:{states}\nneighborhood:{neighbourhood}\n\
         symmetries:{symmetries}\n{body}"
    );
    parse(&text).expect("a valid table")
}

/// The error a file gives.
fn error(text: &str) -> RuleFileError {
    match parse(text) {
        Ok(_) => panic!("{text:?} should not parse"),
        Err(e) => e,
    }
}

/// Checks an error's line and column and that its message says `what`.
fn assert_error(text: &str, line: usize, column: usize, what: &str) {
    let e = error(text);
    assert_eq!((e.line, e.column), (line, column), "{e}");
    assert!(e.message.contains(what), "{e} should mention {what:?}");
}

/// The first lines of a valid table file, up to its symmetries.
fn head(states: u16, neighbourhood: &str, symmetries: &str) -> String {
    format!(
        "@RULE T\n@TABLE\nn_states:{states}\nneighborhood:{neighbourhood}\nsymmetries:{symmetries}\n"
    )
}

// Tables: neighbourhoods and symmetries.

#[test]
fn moore_none_matches_only_the_cells_listed() {
    // C,N,NE,E,SE,S,SW,W,NW,C': a cell in 1 with a 1 to its north.
    let t = table(3, "Moore", "none", "1,1,0,0,0,0,0,0,0,2\n");
    assert_eq!(t.logic.next(1, &around(&[(N, 1)])), 2);
    for place in [NE, E, SE, S, SW, W, NW] {
        assert_eq!(t.logic.next(1, &around(&[(place, 1)])), 1, "place {place}");
    }
    assert_eq!(t.logic.next(0, &around(&[(N, 1)])), 0, "centre must match");
}

#[test]
fn a_transition_not_listed_leaves_the_state_unchanged() {
    let t = table(4, "Moore", "none", "0,1,1,1,0,0,0,0,0,3\n");
    for own in 0..4 {
        assert_eq!(t.logic.next(own, &[2; 8]), own);
    }
    // A state the rule does not have is left as it is too.
    assert_eq!(t.logic.next(9, &around(&[(N, 1), (NE, 1), (E, 1)])), 9);
    assert_eq!(t.logic.next(0, &[7; 8]), 0);
}

#[test]
fn the_first_matching_transition_wins() {
    let t = table(
        3,
        "Moore",
        "none",
        "0,1,0,0,0,0,0,0,0,2\n0,1,0,0,0,0,0,0,0,1\n0,2,0,0,0,0,0,0,0,1\n",
    );
    assert_eq!(t.logic.next(0, &around(&[(N, 1)])), 2);
    assert_eq!(t.logic.next(0, &around(&[(N, 2)])), 1);
}

#[test]
fn moore_rotate4_turns_by_quarter_turns() {
    let t = table(
        2,
        "Moore",
        "rotate4",
        "0,1,0,0,0,0,0,0,0,1\n0,0,1,0,0,0,0,0,0,1\n",
    );
    // An orthogonal neighbour turns onto the other orthogonal ones, a
    // diagonal onto the other diagonals.
    for place in 0..8 {
        assert_eq!(t.logic.next(0, &around(&[(place, 1)])), 1, "place {place}");
    }
    let orthogonal = table(2, "Moore", "rotate4", "0,1,0,0,0,0,0,0,0,1\n");
    for place in [N, E, S, W] {
        assert_eq!(orthogonal.logic.next(0, &around(&[(place, 1)])), 1);
    }
    for place in [NE, SE, SW, NW] {
        assert_eq!(orthogonal.logic.next(0, &around(&[(place, 1)])), 0);
    }
    // N and NE together turn to E and SE, S and SW, W and NW, never to
    // their mirror image N and NW.
    let pair = table(2, "Moore", "rotate4", "0,1,1,0,0,0,0,0,0,1\n");
    for cells in [[N, NE], [E, SE], [S, SW], [W, NW]] {
        assert_eq!(
            pair.logic.next(0, &around(&[(cells[0], 1), (cells[1], 1)])),
            1
        );
    }
    assert_eq!(pair.logic.next(0, &around(&[(N, 1), (NW, 1)])), 0);
    assert_eq!(pair.logic.next(0, &around(&[(NE, 1), (E, 1)])), 0);
}

#[test]
fn moore_rotate4reflect_adds_the_mirror_images() {
    let pair = table(2, "Moore", "rotate4reflect", "0,1,1,0,0,0,0,0,0,1\n");
    // The four turns of N+NE and of its mirror image N+NW.
    for cells in [
        [N, NE],
        [E, SE],
        [S, SW],
        [W, NW],
        [N, NW],
        [E, NE],
        [S, SE],
        [W, SW],
    ] {
        assert_eq!(
            pair.logic.next(0, &around(&[(cells[0], 1), (cells[1], 1)])),
            1,
            "{cells:?}"
        );
    }
    assert_eq!(pair.logic.next(0, &around(&[(N, 1), (E, 1)])), 0);
    assert_eq!(pair.logic.next(0, &around(&[(N, 1), (SE, 1)])), 0);
}

#[test]
fn moore_rotate8_turns_by_eighth_turns_without_mirrors() {
    let one = table(2, "Moore", "rotate8", "0,1,0,0,0,0,0,0,0,1\n");
    for place in 0..8 {
        assert_eq!(
            one.logic.next(0, &around(&[(place, 1)])),
            1,
            "place {place}"
        );
    }
    // N=1 with NE=2 turns to NE=1 with E=2 and so on round, but N=1 with
    // NW=2 is its mirror image.
    let chiral = table(3, "Moore", "rotate8", "0,1,2,0,0,0,0,0,0,1\n");
    for k in 0..8 {
        let cells = around(&[(k, 1), ((k + 1) % 8, 2)]);
        assert_eq!(chiral.logic.next(0, &cells), 1, "turn {k}");
        let mirrored = around(&[(k, 1), ((k + 7) % 8, 2)]);
        assert_eq!(chiral.logic.next(0, &mirrored), 0, "mirror {k}");
    }
    let mirrors = table(3, "Moore", "rotate8reflect", "0,1,2,0,0,0,0,0,0,1\n");
    for k in 0..8 {
        assert_eq!(
            mirrors.logic.next(0, &around(&[(k, 1), ((k + 1) % 8, 2)])),
            1
        );
        assert_eq!(
            mirrors.logic.next(0, &around(&[(k, 1), ((k + 7) % 8, 2)])),
            1
        );
        assert_eq!(
            mirrors.logic.next(0, &around(&[(k, 1), ((k + 2) % 8, 2)])),
            0
        );
    }
}

#[test]
fn reflect_horizontal_swaps_east_and_west() {
    let t = table(2, "Moore", "reflect_horizontal", "0,0,1,1,0,0,0,0,0,1\n");
    // NE and E, or their mirror image NW and W.
    assert_eq!(t.logic.next(0, &around(&[(NE, 1), (E, 1)])), 1);
    assert_eq!(t.logic.next(0, &around(&[(NW, 1), (W, 1)])), 1);
    assert_eq!(
        t.logic.next(0, &around(&[(SE, 1), (E, 1)])),
        0,
        "no upside down"
    );
    assert_eq!(t.logic.next(0, &around(&[(SW, 1), (W, 1)])), 0);
    let vn = table(3, "vonNeumann", "reflect_horizontal", "0,1,2,0,0,1\n");
    assert_eq!(vn.logic.next(0, &around(&[(N, 1), (E, 2)])), 1);
    assert_eq!(vn.logic.next(0, &around(&[(N, 1), (W, 2)])), 1);
    assert_eq!(vn.logic.next(0, &around(&[(S, 1), (E, 2)])), 0);
    assert_eq!(vn.logic.next(0, &around(&[(E, 1), (S, 2)])), 0);
}

#[test]
fn permute_counts_states_wherever_they_are() {
    // Birth on exactly three 1s, as in Life.
    let t = table(2, "Moore", "permute", "0,1,1,1,0,0,0,0,0,1\n");
    let mut births = 0;
    for bits in 0u16..256 {
        let cells: [u8; 8] = std::array::from_fn(|i| u8::from(bits >> i & 1 == 1));
        let expected = u8::from(bits.count_ones() == 3);
        assert_eq!(t.logic.next(0, &cells), expected, "{cells:?}");
        births += usize::from(expected);
    }
    assert_eq!(births, 56, "8 choose 3");
    let vn = table(3, "vonNeumann", "permute", "0,1,2,0,0,1\n");
    assert_eq!(vn.logic.next(0, &around(&[(W, 1), (S, 2)])), 1);
    assert_eq!(vn.logic.next(0, &around(&[(S, 1), (N, 2)])), 1);
    assert_eq!(vn.logic.next(0, &around(&[(S, 1), (N, 1)])), 0);
}

#[test]
fn von_neumann_reads_north_east_south_west_and_ignores_corners() {
    // C,N,E,S,W,C'.
    let t = table(5, "vonNeumann", "none", "0,1,2,3,4,1\n");
    let cells = around(&[(N, 1), (E, 2), (S, 3), (W, 4)]);
    assert_eq!(t.logic.next(0, &cells), 1);
    let mut corners = cells;
    for c in [NE, SE, SW, NW] {
        corners[c] = 4;
    }
    assert_eq!(t.logic.next(0, &corners), 1, "corners are not read");
    assert_eq!(
        t.logic.next(0, &around(&[(N, 2), (E, 3), (S, 4), (W, 1)])),
        0,
        "no symmetry"
    );
    let turned = table(5, "vonNeumann", "rotate4", "0,1,2,3,4,1\n");
    assert_eq!(
        turned
            .logic
            .next(0, &around(&[(N, 4), (E, 1), (S, 2), (W, 3)])),
        1
    );
    assert_eq!(
        turned
            .logic
            .next(0, &around(&[(N, 1), (E, 4), (S, 3), (W, 2)])),
        0
    );
    let mirrors = table(5, "vonNeumann", "rotate4reflect", "0,1,2,3,4,1\n");
    assert_eq!(
        mirrors
            .logic
            .next(0, &around(&[(N, 1), (E, 4), (S, 3), (W, 2)])),
        1
    );
    assert_eq!(
        mirrors
            .logic
            .next(0, &around(&[(N, 3), (E, 2), (S, 1), (W, 4)])),
        1
    );
    assert_eq!(
        mirrors
            .logic
            .next(0, &around(&[(N, 1), (E, 3), (S, 2), (W, 4)])),
        0
    );
}

#[test]
fn hexagonal_reads_six_cells_and_turns_by_sixths() {
    // C,N,E,SE,S,W,NW,C': NE and SW are not neighbours on the hexagonal grid.
    let t = table(7, "hexagonal", "none", "0,1,2,3,4,5,6,1\n");
    let cells = around(&[(N, 1), (E, 2), (SE, 3), (S, 4), (W, 5), (NW, 6)]);
    assert_eq!(t.logic.next(0, &cells), 1);
    let mut others = cells;
    others[NE] = 6;
    others[SW] = 3;
    assert_eq!(t.logic.next(0, &others), 1, "NE and SW are not read");
    let Logic::Table(hex) = &t.logic else {
        panic!("a table");
    };
    assert_eq!(hex.neighbourhood(), TableNeighbourhood::Hexagonal);
    assert_eq!(hex.neighbourhood().cells(), [N, E, SE, S, W, NW]);

    // Round the hexagon: N, E, SE, S, W, NW.
    let ring = [N, E, SE, S, W, NW];
    let single = |symmetries| table(2, "hexagonal", symmetries, "0,1,0,0,0,0,0,1\n");
    let matches = |r: &RuleFile| -> Vec<usize> {
        ring.iter()
            .copied()
            .filter(|&p| r.logic.next(0, &around(&[(p, 1)])) == 1)
            .collect()
    };
    assert_eq!(matches(&single("none")), [N]);
    assert_eq!(matches(&single("rotate2")), [N, S], "half turns");
    assert_eq!(matches(&single("rotate3")), [N, SE, W], "third turns");
    assert_eq!(matches(&single("rotate6")), ring);
    assert_eq!(matches(&single("permute")), ring);

    // N=1 with E=2 (neighbours on the ring) and its mirror image N=1, NW=2.
    let chiral = |symmetries| table(3, "hexagonal", symmetries, "0,1,2,0,0,0,0,1\n");
    let turn = around(&[(SE, 1), (S, 2)]);
    let mirror = around(&[(N, 1), (NW, 2)]);
    assert_eq!(chiral("rotate6").logic.next(0, &turn), 1);
    assert_eq!(chiral("rotate6").logic.next(0, &mirror), 0);
    assert_eq!(chiral("rotate6reflect").logic.next(0, &turn), 1);
    assert_eq!(chiral("rotate6reflect").logic.next(0, &mirror), 1);
}

#[test]
fn one_dimensional_reads_west_then_east() {
    // C,W,E,C'.
    let t = table(3, "oneDimensional", "none", "0,1,2,1\n");
    assert_eq!(t.logic.next(0, &around(&[(W, 1), (E, 2)])), 1);
    assert_eq!(t.logic.next(0, &around(&[(W, 2), (E, 1)])), 0);
    let mut rest = around(&[(W, 1), (E, 2)]);
    for c in [N, NE, SE, S, SW, NW] {
        rest[c] = 2;
    }
    assert_eq!(t.logic.next(0, &rest), 1, "only W and E are read");
    let reflect = table(3, "oneDimensional", "reflect", "0,1,2,1\n");
    assert_eq!(reflect.logic.next(0, &around(&[(W, 2), (E, 1)])), 1);
    assert_eq!(reflect.logic.next(0, &around(&[(W, 1), (E, 1)])), 0);
}

// Tables: variables and forms.

#[test]
fn a_variable_named_twice_is_bound_to_one_state() {
    let t = table(4, "Moore", "none", "var a={1,2}\n0,a,a,0,0,0,0,0,0,3\n");
    assert_eq!(t.logic.next(0, &around(&[(N, 1), (NE, 1)])), 3);
    assert_eq!(t.logic.next(0, &around(&[(N, 2), (NE, 2)])), 3);
    assert_eq!(t.logic.next(0, &around(&[(N, 1), (NE, 2)])), 0);
    assert_eq!(t.logic.next(0, &around(&[(N, 2), (NE, 1)])), 0);
}

#[test]
fn variables_named_once_each_take_any_of_their_states() {
    let t = table(
        4,
        "Moore",
        "none",
        "var a={1,2}\nvar b={1,2}\n0,a,b,0,0,0,0,0,0,3\n",
    );
    for (n, ne) in [(1, 1), (1, 2), (2, 1), (2, 2)] {
        assert_eq!(t.logic.next(0, &around(&[(N, n), (NE, ne)])), 3);
    }
    assert_eq!(t.logic.next(0, &around(&[(N, 3), (NE, 1)])), 0);
}

#[test]
fn a_bound_variable_carries_its_state_to_the_output() {
    // a appears once among the inputs and once as the new state: bound.
    let t = table(4, "vonNeumann", "none", "var a={1,2,3}\n0,a,0,0,0,a\n");
    for s in 1..4 {
        assert_eq!(t.logic.next(0, &around(&[(N, s)])), s);
    }
    // A single-state variable may be the new state though named once.
    let single = table(
        4,
        "vonNeumann",
        "none",
        "var a={1,2}\nvar z={3}\n0,a,0,0,0,z\n",
    );
    assert_eq!(single.logic.next(0, &around(&[(N, 2)])), 3);
}

#[test]
fn variables_may_be_built_from_earlier_variables() {
    let t = table(
        5,
        "vonNeumann",
        "none",
        "var a={1,2}\nvar b={a,4}\n0,b,0,0,0,1\n",
    );
    for s in [1, 2, 4] {
        assert_eq!(t.logic.next(0, &around(&[(N, s)])), 1, "state {s}");
    }
    assert_eq!(t.logic.next(0, &around(&[(N, 3)])), 0);
}

#[test]
fn bound_variables_and_symmetry_combine() {
    // Three of the same live state anywhere, among two kinds: a cell is
    // born in that state (a two-colour Life birth).
    let t = table(3, "Moore", "permute", "var a={1,2}\n0,a,a,a,0,0,0,0,0,a\n");
    assert_eq!(t.logic.next(0, &around(&[(N, 1), (S, 1), (W, 1)])), 1);
    assert_eq!(t.logic.next(0, &around(&[(NE, 2), (SE, 2), (SW, 2)])), 2);
    assert_eq!(t.logic.next(0, &around(&[(NE, 2), (SE, 1), (SW, 2)])), 0);
}

#[test]
fn comma_free_lines_take_one_digit_per_entry() {
    let t = table(3, "vonNeumann", "none", "012002   # trailing words\n");
    assert_eq!(t.logic.next(0, &around(&[(N, 1), (E, 2)])), 2);
    assert_eq!(t.logic.next(0, &around(&[(N, 1)])), 0);
}

#[test]
fn tabs_spaces_and_comments_are_read_past() {
    let t = table(
        3,
        "vonNeumann",
        "none",
        "# a comment\n\n  var a = {1, 2}  # spaced\n0 a\t0,0,0 , 2 # spaces, a tab\n",
    );
    assert_eq!(t.logic.next(0, &around(&[(N, 2)])), 2);
    let Logic::Table(table) = &t.logic else {
        panic!("a table");
    };
    assert_eq!(table.states(), 3);
    assert_eq!(table.symmetries(), "none");
    assert_eq!(
        table.expanded_transitions(),
        1,
        "an unbound variable does not expand"
    );
}

#[test]
fn keywords_ignore_case_and_space_after_the_colon() {
    let text = "@RULE T\n@TABLE\nN_STATES: 3\nNeighborhood: Moore\nSymmetries: rotate8\n\
                0,1,0,0,0,0,0,0,0,2\n";
    let t = parse(text).expect("keywords in any case");
    assert_eq!(t.states, 3);
    assert_eq!(t.logic.next(0, &around(&[(SW, 1)])), 2);
}

#[test]
fn an_empty_table_changes_nothing() {
    let t = table(256, "Moore", "none", "");
    assert_eq!(t.states, 256);
    assert_eq!(t.logic.next(255, &[255; 8]), 255);
}

#[test]
fn banks_i_fills_hollows_and_wears_corners() {
    // Banks-I, from its three lines: a 1 whose orthogonal 1s are two
    // side by side dies, a 0 with three or four orthogonal 1s becomes 1,
    // each in any rotation or reflection.
    let banks = parse(BANKS_I).expect("Banks-I parses");
    assert_eq!(banks.states, 2);
    assert_eq!(banks.logic.next(0, &around(&[(N, 1), (E, 1), (S, 1)])), 1);
    assert_eq!(banks.logic.next(0, &around(&[(E, 1), (S, 1), (W, 1)])), 1);
    assert_eq!(banks.logic.next(1, &around(&[(N, 1), (E, 1)])), 0);
    assert_eq!(banks.logic.next(1, &around(&[(S, 1), (W, 1)])), 0);
    assert_eq!(banks.logic.next(1, &around(&[])), 1, "not listed");
}

// Trees.

/// A four-neighbour tree worked by hand: a cell becomes 1 if it is 1 or
/// its west neighbour is, else stays 0. Levels from the root: N, W, E, S,
/// then the centre.
const OR_WEST: &str = "@RULE OrWest\n@TREE\nnum_states=2\nnum_neighbors=4\nnum_nodes=8\n\
1 0 1\n\
1 1 1\n\
2 0 0\n\
2 1 1\n\
3 2 2\n\
3 3 3\n\
4 4 5\n\
5 6 6\n";

#[test]
fn a_small_tree_worked_by_hand() {
    let t = parse(OR_WEST).expect("a valid tree");
    let Logic::Tree(tree) = &t.logic else {
        panic!("a tree");
    };
    assert_eq!((tree.states(), tree.neighbours()), (2, 4));
    assert_eq!(t.logic.next(0, &around(&[(W, 1)])), 1);
    assert_eq!(t.logic.next(1, &around(&[])), 1);
    assert_eq!(t.logic.next(0, &around(&[])), 0);
    for place in [N, NE, E, SE, S, SW, NW] {
        assert_eq!(t.logic.next(0, &around(&[(place, 1)])), 0, "place {place}");
    }
    assert_eq!(t.logic.next(5, &around(&[])), 5, "out of range: unchanged");
    assert_eq!(t.logic.next(0, &around(&[(W, 1), (N, 3)])), 0);
}

#[test]
fn life_from_its_tree_is_b3_s23() {
    let life = parse(LIFE).expect("Life.rule parses");
    assert_eq!(life.name, "Life");
    for own in 0..2u8 {
        for bits in 0u16..256 {
            let cells: [u8; 8] = std::array::from_fn(|i| u8::from(bits >> i & 1 == 1));
            let count = u16::try_from(bits.count_ones()).expect("at most 8");
            let expected = Rule::LIFE
                .next_state(State::new(own), u32::from(count))
                .value();
            assert_eq!(life.logic.next(own, &cells), expected, "{own} {cells:?}");
        }
    }
}

#[test]
fn brians_brain_from_its_tree_is_generations_2_3() {
    let brain = parse(BRIANS_BRAIN).expect("BriansBrain.rule parses");
    assert_eq!(brain.states, 3);
    let generations: Rule = "/2/3".parse().expect("Brian's Brain as Generations");
    // Every centre and every neighbourhood: 3^9 cases.
    for code in 0..3u32.pow(9) {
        let digit = |k: u32| u8::try_from(code / 3u32.pow(k) % 3).expect("a digit");
        let own = digit(8);
        let cells: [u8; 8] = std::array::from_fn(|i| digit(u32::try_from(i).expect("small")));
        let alive = cells.iter().filter(|&&c| c == 1).count();
        let expected = generations
            .next_state(State::new(own), u32::try_from(alive).expect("at most 8"))
            .value();
        assert_eq!(brain.logic.next(own, &cells), expected, "{own} {cells:?}");
    }
}

// WireWorld.

#[test]
fn wireworld_follows_its_published_rules() {
    let ww = parse(WIREWORLD).expect("WireWorld.rule parses");
    assert_eq!(ww.name, "WireWorld");
    assert_eq!(ww.states, 4);
    let (empty, head, tail, wire) = (0, 1, 2, 3);
    // Empty stays empty whatever is around.
    assert_eq!(ww.logic.next(empty, &[head; 8]), empty);
    // A head becomes a tail, a tail becomes wire, whatever is around.
    for fill in 0..4 {
        assert_eq!(ww.logic.next(head, &[fill; 8]), tail);
        assert_eq!(ww.logic.next(tail, &[fill; 8]), wire);
    }
    // Wire becomes a head next to exactly one or two heads, wherever they
    // are, and stays wire next to none or three or more.
    for bits in 0u16..256 {
        let cells: [u8; 8] = std::array::from_fn(|i| if bits >> i & 1 == 1 { head } else { wire });
        let heads = bits.count_ones();
        let expected = if heads == 1 || heads == 2 { head } else { wire };
        assert_eq!(ww.logic.next(wire, &cells), expected, "{cells:?}");
    }
    // Tails do not count as heads.
    assert_eq!(ww.logic.next(wire, &around(&[(N, tail), (S, tail)])), wire);
}

#[test]
fn wireworld_names_colours_and_icons() {
    let ww = parse(WIREWORLD).expect("WireWorld.rule parses");
    assert_eq!(
        ww.names,
        ["empty", "electron head", "electron tail", "copper wire"]
    );
    assert_eq!(
        ww.colours,
        [[48, 48, 48], [0, 128, 255], [255, 255, 255], [255, 128, 0]]
    );
    assert!(
        ww.notes.iter().any(|n| n.contains("@ICONS")),
        "{:?}",
        ww.notes
    );
    assert_eq!(ww.notes.len(), 1, "{:?}", ww.notes);
}

#[test]
fn byl_loop_uses_its_table_and_notes_the_tree() {
    // The file holds a table and then a tree of the same rule; the first
    // is used.
    let byl = parse(BYL_LOOP).expect("Byl-Loop.rule parses");
    assert_eq!(byl.states, 6);
    assert!(matches!(byl.logic, Logic::Table(_)));
    assert!(
        byl.notes.iter().any(|n| n.contains("@TREE ignored")),
        "{:?}",
        byl.notes
    );
}

// Names and colours.

#[test]
fn names_colours_and_other_sections() {
    let text = "@RULE Colours\n\
                some description\n\
                @TABLE\nn_states:4\nneighborhood:vonNeumann\nsymmetries:none\n\
                @NAMES\n\
                # a comment\n\
                \n\
                1   first state  \n\
                2\n\
                7 no such state\n\
                @COLORS\n\
                0 0 255  255 0 0   blue to red\n\
                2 10 20 30 named\n\
                9 1 2 3\n\
                1 2 3 is not enough\n\
                @NAMES\n\
                3 late\n\
                @ICONS\n\
                XPM\n\
                @FUTURE\n\
                anything\n";
    let r = parse(text).expect("a valid file");
    assert_eq!(r.names, ["", "first state", "", ""]);
    // The gradient from blue to red over states 1 to 3, then state 2 set
    // by itself; state 0 keeps its default.
    assert_eq!(
        r.colours,
        [[48, 48, 48], [0, 0, 255], [10, 20, 30], [255, 0, 0]]
    );
    let notes = r.notes.join("\n");
    for expected in [
        "line 12: @NAMES for state 7",
        "line 16: @COLORS for state 9",
        "line 18: second @NAMES ignored",
        "line 20: @ICONS ignored",
        "line 22: unknown section @FUTURE ignored",
    ] {
        assert!(notes.contains(expected), "{expected:?} in {notes}");
    }
    assert_eq!(r.notes.len(), 5, "{notes}");
}

#[test]
fn default_colours_are_grey_then_red_to_yellow() {
    assert_eq!(default_colours(2), [[48, 48, 48], [255, 0, 0]]);
    // 4 states: a gradient over three, the middle rounded up from 127.5.
    assert_eq!(
        default_colours(4),
        [[48, 48, 48], [255, 0, 0], [255, 128, 0], [255, 255, 0]]
    );
    let wide = default_colours(256);
    assert_eq!(wide.len(), 256);
    assert_eq!(wide[255], [255, 255, 0]);
    assert!(wide.windows(2).skip(1).all(|w| w[0][1] <= w[1][1]));
}

#[test]
fn colour_components_wrap_as_golly_stores_them() {
    let text = "@RULE C\n@TREE\nnum_states=2\nnum_neighbors=4\nnum_nodes=5\n\
                1 0 1\n2 0 0\n3 1 1\n4 2 2\n5 3 3\n@COLORS\n1 256 -1 300\n";
    let r = parse(text).expect("a valid file");
    assert_eq!(r.colours[1], [0, 255, 44]);
}

#[test]
fn many_colours_for_missing_states_make_one_note() {
    let mut text =
        String::from("@RULE M\n@TABLE\nn_states:2\nneighborhood:Moore\nsymmetries:none\n@COLORS\n");
    for s in 0..10 {
        text.push_str(&format!("{s} 1 2 3\n"));
    }
    let r = parse(&text).expect("a valid file");
    assert_eq!(r.colours, [[1, 2, 3], [1, 2, 3]]);
    assert_eq!(r.notes.len(), 1, "{:?}", r.notes);
    assert!(
        r.notes[0].contains("lines 9 to 16") && r.notes[0].contains("8 states"),
        "{:?}",
        r.notes
    );
}

#[test]
fn any_line_ending_will_do() {
    let lf = "@RULE E\n@TABLE\nn_states:2\nneighborhood:vonNeumann\nsymmetries:none\n\
              0,1,0,0,0,1\n@NAMES\n1 on\n";
    for ending in ["\r\n", "\r"] {
        let text = lf.replace('\n', ending);
        let r = parse(&text).expect("the same file");
        assert_eq!(r.names[1], "on");
        assert_eq!(r.logic.next(0, &around(&[(N, 1)])), 1);
    }
    // A byte-order mark is read past.
    let r = parse(&format!("\u{feff}{lf}")).expect("with a BOM");
    assert_eq!(r.name, "E");
}

// Errors: line, column and what is wrong.

#[test]
fn errors_in_the_header() {
    assert_error("", 1, 1, "empty");
    assert_error("@TABLE\nn_states:2\n", 1, 1, "@RULE");
    assert_error("@RULE\n@TABLE\n", 1, 6, "name");
    assert_error("@RULEname\n", 1, 6, "name");
    assert_error("@RULE x\nno sections\n", 1, 1, "no @TABLE or @TREE");
    assert_error("@RULE x\n@NAMES\n0 empty\n", 1, 1, "no @TABLE or @TREE");
}

#[test]
fn errors_in_table_descriptors() {
    assert_error(
        "@RULE x\n@TABLE\nn_states:300\n",
        3,
        10,
        "n_states 300 out of range",
    );
    assert_error(
        "@RULE x\n@TABLE\nn_states:many\n",
        3,
        10,
        "expected a number",
    );
    assert_error(
        "@RULE x\n@TABLE\nn_states:2\nneighborhood:Hex\n",
        4,
        14,
        "unsupported neighborhood `Hex`",
    );
    assert_error(
        "@RULE x\n@TABLE\nn_states:2\nneighborhood:vonNeumann\nsymmetries:rotate8\n",
        5,
        12,
        "unsupported symmetries `rotate8`",
    );
    assert_error(
        "@RULE x\n@TABLE\nn_states:2\nneighborhood:hexagonal\nsymmetries:rotate4\n",
        5,
        12,
        "rotate6reflect",
    );
    assert_error(
        "@RULE x\n@TABLE\nn_states:2\nsymmetries:none\n",
        4,
        1,
        "neighborhood must be declared before the symmetries",
    );
    assert_error(
        "@RULE x\n@TABLE\nn_states:2\nneighborhood:Moore\n0,0,0,0,0,0,0,0,0,1\n",
        5,
        1,
        "symmetries must be given",
    );
    assert_error(
        "@RULE x\n@TABLE\n# nothing\n",
        2,
        1,
        "@TABLE lacks n_states",
    );
    assert_error(
        "@RULE x\n@TABLE\nn_states:2\nneighborhood:Moore\nsymmetries:none\nvar a={0}\n  n_states:3\n",
        7,
        3,
        "must come before",
    );
}

#[test]
fn errors_in_transitions_and_variables() {
    let vn = head(2, "vonNeumann", "none");
    // Line 6 is the first after the head.
    assert_error(&format!("{vn}0,1,0,0,3,1\n"), 6, 9, "state 3 out of range");
    assert_error(&format!("{vn}0,1,x,0,0,1\n"), 6, 5, "`x`");
    assert_error(&format!("{vn}0,1,0\n"), 6, 6, "too few entries");
    assert_error(&format!("{vn}0100\n"), 6, 5, "too few entries");
    assert_error(&format!("{vn}01a001\n"), 6, 3, "`a`");
    assert_error(&format!("{vn}0,1,0,0,0,1x\n"), 6, 11, "`1x`");
    assert_error(
        &format!("{vn}var a={{0,5}}\n"),
        6,
        10,
        "state 5 out of range",
    );
    assert_error(&format!("{vn}var a\n"), 6, 5, "no states");
    assert_error(
        &format!("{vn}var a={{0,1}}\n0,0,0,0,0,a\n"),
        7,
        11,
        "new state `a`",
    );
    assert_error(&format!("{vn}var a={{0,1}}\n0,0,0,0,0,b\n"), 7, 11, "`b`");
}

#[test]
fn errors_in_trees() {
    let tree = |nodes: usize, body: &str| {
        format!("@RULE t\n@TREE\nnum_states=2\nnum_neighbors=4\nnum_nodes={nodes}\n{body}")
    };
    // Line 6 holds the first node.
    assert_error(&tree(1, "1 0 2\n"), 6, 5, "state 2 out of range");
    assert_error(&tree(2, "1 0 1\n2 0 1\n"), 7, 5, "node 1 is not defined");
    assert_error(
        &tree(3, "1 0 1\n1 0 0\n3 0 1\n"),
        8,
        3,
        "node 0 is at level 1",
    );
    assert_error(&tree(1, "1 0\n"), 6, 4, "too few values");
    assert_error(&tree(1, "1 0 1 1\n"), 6, 7, "too many values");
    assert_error(&tree(1, "1 0 one\n"), 6, 5, "`one` is not a number");
    assert_error(&tree(1, "7 0 1\n"), 6, 1, "node level 7 out of range");
    assert_error(
        &tree(3, "1 0 1\n2 0 0\n"),
        5,
        11,
        "num_nodes is 3 but 2 nodes follow",
    );
    assert_error(
        &tree(2, "1 0 1\n2 0 0\n"),
        7,
        1,
        "the last node is the root and must be at level 5",
    );
    assert_error(
        "@RULE t\n@TREE\nnum_states=2\nnum_neighbors=6\nnum_nodes=1\n1 0 1\n",
        6,
        1,
        "num_neighbors is 6",
    );
    assert_error(
        "@RULE t\n@TREE\nnum_states=2\nnum_nodes=1\n1 0 1\n",
        5,
        1,
        "num_neighbors must be given",
    );
    assert_error(
        "@RULE t\n@TREE\nnum_states=2\nnum_neighbors=4\nnum_nodes=x\n",
        5,
        11,
        "num_nodes: expected a number",
    );
    assert_error(
        "@RULE t\n@TREE\nnum_states=2\nnum_neighbors=4\nnum_nodes=1\n",
        2,
        1,
        "no nodes",
    );
}

#[test]
fn a_table_too_large_to_build_is_an_error() {
    // Eight different neighbours under permute: 8! = 40320 arrangements a
    // line, and the seventh line passes 2^18.
    let mut text = head(9, "Moore", "permute");
    for centre in 0..7 {
        text.push_str(&format!("{centre},1,2,3,4,5,6,7,8,0\n"));
    }
    assert_error(&text, 12, 1, "expands to more than 262144 transitions");
    // Six lines are fine.
    let six: String = text.lines().take(11).map(|l| format!("{l}\n")).collect();
    let t = parse(&six).expect("six lines build");
    assert_eq!(t.logic.next(3, &[8, 7, 6, 5, 4, 3, 2, 1]), 0);
    assert_eq!(t.logic.next(3, &[8, 7, 6, 5, 4, 3, 2, 2]), 3);
}

#[test]
fn an_error_displays_its_place() {
    let e = error("@RULE x\n@TABLE\nn_states:1\n");
    assert_eq!(
        e.to_string(),
        "line 3, column 10: n_states 1 out of range (2 to 256)"
    );
}

// Nothing panics.

/// Valid files to mutate.
const VALID: [&str; 5] = [WIREWORLD, BRIANS_BRAIN, BYL_LOOP, BANKS_I, OR_WEST];

/// A change to a file: delete, insert or replace some characters.
#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, String),
    Replace(usize, char),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let bits = "[-0-9@#,={} \\n\\raxvnRTEL:]{1,6}";
    prop_oneof![
        (any::<usize>(), 1usize..8).prop_map(|(at, len)| Mutation::Delete(at, len)),
        (any::<usize>(), bits).prop_map(|(at, s)| Mutation::Insert(at, s)),
        (any::<usize>(), any::<char>()).prop_map(|(at, c)| Mutation::Replace(at, c)),
    ]
}

/// Applies a mutation at a character position taken modulo the length.
fn mutate(text: &str, m: &Mutation) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let len = chars.len().max(1);
    match m {
        Mutation::Delete(at, n) => {
            let at = at % len;
            let end = (at + n).min(chars.len());
            chars.drain(at.min(chars.len())..end);
        }
        Mutation::Insert(at, s) => {
            let at = (at % len).min(chars.len());
            chars.splice(at..at, s.chars());
        }
        Mutation::Replace(at, c) => {
            if let Some(slot) = chars.get_mut(at % len) {
                *slot = *c;
            }
        }
    }
    chars.into_iter().collect()
}

/// Whatever `parse` gives, errors name a real place.
fn check(text: &str) {
    if let Err(e) = parse(text) {
        let lines = text.split(['\n', '\r']).count().max(1);
        assert!(e.line >= 1 && e.line <= lines, "{e} in {lines} lines");
        assert!(e.column >= 1, "{e}");
        assert!(!e.message.is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        check(&text);
        check(&format!("@RULE x\n@TABLE\n{text}"));
        check(&format!("@RULE x\n@TREE\n{text}"));
    }

    #[test]
    fn rule_like_text_never_panics(
        text in "(@RULE x\n|@TABLE\n|@TREE\n|n_states:[0-9]{1,3}\n|neighborhood:(Moore|vonNeumann|hexagonal|oneDimensional)\n|symmetries:(none|rotate4|rotate8|reflect|permute|rotate6reflect)\n|var [ab]=\\{[0-9,ab]{0,6}\\}\n|[0-9ab, ]{0,24}\n|num_(states|neighbors|nodes)=[0-9]{1,2}\n|[1-9]( [0-9]{1,2}){0,4}\n|@COLORS\n|[0-9 -]{0,20}\n){0,30}"
    ) {
        check(&text);
    }

    #[test]
    fn mutated_files_never_panic(
        which in 0..VALID.len(),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let mut text = VALID[which].to_string();
        for m in &mutations {
            text = mutate(&text, m);
        }
        check(&text);
    }
}
