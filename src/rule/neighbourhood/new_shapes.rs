//! The triangular, Gaussian, weighted and custom shapes, against small
//! cases worked by hand from Golly's documentation of them.

use std::collections::HashSet;

use super::*;
use crate::Rule;

/// The cells a cell at (`y`, `x`) counts, drawn over the square its
/// neighbourhood reaches: `N` a cell counted, `C` the cell itself.
fn drawn_at(neighbourhood: Neighbourhood, y: i32, x: i32) -> String {
    let r = i32::from(neighbourhood.range());
    let rows = r.min(i32::from(neighbourhood.rule_range()));
    let cells: HashSet<_> = neighbourhood.offsets_at(y, x).iter().copied().collect();
    let mut out = String::new();
    for dy in -rows..=rows {
        let row: Vec<&str> = (-r..=r)
            .map(|dx| match (dy, dx) {
                (0, 0) => "C",
                _ if cells.contains(&(dy, dx)) => "N",
                _ => ".",
            })
            .collect();
        out += &row.join(" ");
        out += "\n";
    }
    out
}

fn lines(drawn: &str) -> String {
    drawn.lines().map(|l| l.trim().to_string() + "\n").collect()
}

/// The neighbourhood of a rule string.
fn of(rule: &str) -> Neighbourhood {
    rule.parse::<Rule>().expect("a valid rule").neighbourhood()
}

#[test]
fn triangular_cells_of_both_parities_at_ranges_one_and_two() {
    // Drawn by hand from Golly's triangular counting: rows reach r up and
    // down; an even cell's row dy < 0 holds |dx| <= 2r + 1 + dy, its row
    // dy >= 0 holds |dx| <= 2r - dy; an odd cell's is upside down.
    let one = Neighbourhood::Triangular { range: 1 };
    assert_eq!(
        drawn_at(one, 0, 0),
        lines(
            "N N N N N
             N N C N N
             . N N N ."
        )
    );
    assert_eq!(
        drawn_at(one, 3, 4),
        lines(
            ". N N N .
             N N C N N
             N N N N N"
        )
    );
    let two = Neighbourhood::Triangular { range: 2 };
    assert_eq!(
        drawn_at(two, 0, 0),
        lines(
            ". N N N N N N N .
             N N N N N N N N N
             N N N N C N N N N
             . N N N N N N N .
             . . N N N N N . ."
        )
    );
    assert_eq!(
        drawn_at(two, -1, 0),
        lines(
            ". . N N N N N . .
             . N N N N N N N .
             N N N N C N N N N
             N N N N N N N N N
             . N N N N N N N ."
        )
    );
    assert_eq!((one.size(), two.size()), (12, 36));
    assert_eq!((two.range(), two.rule_range()), (4, 2));
}

#[test]
fn triangular_sizes_follow_golly_s_formula_for_both_parities() {
    for range in (1..=24).chain([100, MAX_TRIANGULAR_RANGE]) {
        let shape = Neighbourhood::Triangular { range };
        let r = usize::from(range);
        let size = (4 * r + 1) * (2 * r + 1) - 2 * r * r - 1;
        assert_eq!(shape.size(), size, "range {range}");
        let even = shape.offsets_at(0, 0);
        let odd = shape.offsets_at(0, 1);
        assert_eq!((even.len(), odd.len()), (size, size), "range {range}");
        let distinct: HashSet<_> = even.iter().collect();
        assert_eq!(distinct.len(), size);
        assert!(even.iter().all(|&(dy, dx)| shape.contains(dy, dx)));
        // The odd cell asks for the same cells turned upside down, in the
        // same order.
        assert!(odd.iter().zip(even).all(|(o, e)| *o == (-e.0, e.1)));
        assert!(shape.depends_on_position());
    }
    // Rows reach 2r columns: twice the rule's range.
    let largest = Neighbourhood::Triangular {
        range: MAX_TRIANGULAR_RANGE,
    };
    assert_eq!(largest.range(), MAX_RANGE);
    let reach = largest.offsets().iter().map(|o| o.1.abs()).max();
    assert_eq!(reach, Some(i32::from(MAX_RANGE)));
}

#[test]
fn gaussian_weights_are_the_products_of_distances_from_the_edge() {
    let gauss = Neighbourhood::Gaussian { range: 2 };
    // (r + 1 - |dy|)(r + 1 - |dx|), worked out for r = 2.
    let square = [
        [1, 2, 3, 2, 1],
        [2, 4, 6, 4, 2],
        [3, 6, 9, 6, 3],
        [2, 4, 6, 4, 2],
        [1, 2, 3, 2, 1],
    ];
    let weights = gauss.weights().expect("weighted");
    assert_eq!(weights.len(), 24);
    for (&(dy, dx), &weight) in gauss.offsets().iter().zip(weights) {
        assert_eq!(weight, square[(dy + 2) as usize][(dx + 2) as usize]);
    }
    assert_eq!(gauss.centre_weight(), 9);
    // Golly's limit: (r + 1)^4, the whole square's weight.
    assert_eq!(gauss.max_key(), 81);
    // A live cell with its north neighbour (6) and a far corner (1).
    let alive = |dy, dx| State::from(matches!((dy, dx), (-1, 0) | (2, 2)));
    assert_eq!(gauss.key(0, 0, State::ALIVE, alive), 9 + 6 + 1);
    assert_eq!(gauss.key(0, 0, State::EMPTY, alive), 6 + 1);
    // Dying cells do not count.
    let dying = |dy, dx| State::new(if (dy, dx) == (-1, 0) { 2 } else { 0 });
    assert_eq!(gauss.key(0, 0, State::EMPTY, dying), 0);
}

#[test]
fn weighted_counts_worked_by_hand_from_golly_s_examples() {
    // Golly's single-digit example: 1 2 3 / 4 0 1 / 3 2 3.
    let single = of("R1,C0,S1,B1,NW123401323");
    let Neighbourhood::Weighted(drawn) = single else {
        panic!("weighted");
    };
    assert_eq!(drawn.square(), [1, 2, 3, 4, 0, 1, 3, 2, 3]);
    // North (2), west (4) and south-east (3) alive.
    let three = |dy, dx| State::from(matches!((dy, dx), (-1, 0) | (0, -1) | (1, 1)));
    assert_eq!(single.key(0, 0, State::ALIVE, three), 9);
    assert_eq!(single.size(), 8);
    assert_eq!(single.max_key(), 19);
    // Golly's two-digit example: 8 16 8 / 10 -5 10 / 8 16 8.
    let double = of("R1,C0,S1,B1,NW0810080a850a081008");
    let Neighbourhood::Weighted(drawn) = double else {
        panic!("weighted");
    };
    assert_eq!(drawn.square(), [8, 16, 8, 10, -5, 10, 8, 16, 8]);
    assert_eq!(drawn.digits(), "0810080A850A081008");
    let north_east = |dy, dx| State::from(matches!((dy, dx), (-1, 0) | (0, 1)));
    assert_eq!(double.key(0, 0, State::ALIVE, north_east), 16 + 10 - 5);
    assert_eq!(double.key(0, 0, State::EMPTY, north_east), 16 + 10);
    // A live cell alone sums to -5: no key a rule can hold.
    let none = |_, _| State::EMPTY;
    assert_eq!(double.key(0, 0, State::ALIVE, none), u32::MAX);
    // Digits 8 to F are 0 to -7.
    let negative = of("R1,C0,S0,B0,NW8F0000000");
    let Neighbourhood::Weighted(drawn) = negative else {
        panic!("weighted");
    };
    assert_eq!(drawn.square(), [0, -7, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(negative.size(), 1);
}

#[test]
fn state_weights_multiply_every_cell_empty_ones_included() {
    // 1 2 1 / 2 0 2 / 1 2 1, states weighing 1 (empty), 1 and 2.
    let shape = of("R1,C3,S1,B1,NW121202121,112");
    assert_eq!(shape.state_weights(), Some(&[1, 1, 2][..]));
    let none = |_, _| State::EMPTY;
    assert_eq!(shape.key(0, 0, State::EMPTY, none), 12);
    // A dying (state 2) north neighbour weighs 2 x 2 instead of 2 x 1.
    let dying = |dy, dx| State::new(if (dy, dx) == (-1, 0) { 2 } else { 0 });
    assert_eq!(shape.key(0, 0, State::EMPTY, dying), 14);
    // The largest count: every positive weight times the largest state
    // weight.
    assert_eq!(shape.max_key(), 24);
}

#[test]
fn the_l_suffix_turns_odd_cells_upside_down() {
    // 1 2 3 / 0 0 0 / 4 5 6: an odd cell takes 4 5 6 above it.
    let shape = of("R1,C0,S1,B1,NW123000456L");
    assert!(shape.depends_on_position());
    let north = |dy, dx| State::from((dy, dx) == (-1, 0));
    assert_eq!(shape.key(0, 0, State::EMPTY, north), 2);
    assert_eq!(shape.key(0, 1, State::EMPTY, north), 5);
    assert_eq!(shape.key(1, 1, State::EMPTY, north), 2);
    // H only draws the grid differently.
    let hex = of("R1,C0,S1,B1,NW123000456H");
    assert!(!hex.depends_on_position());
    assert_eq!(hex.key(0, 1, State::EMPTY, north), 2);
    assert_eq!(hex.offsets_at(0, 1), hex.offsets());
}

#[test]
fn custom_bits_draw_golly_s_example() {
    // Golly's example: 10001 / 00100 / 01c10 / 00100 / 10001 is 891891.
    let custom = of("R2,C0,S1,B1,N@891891");
    let mut picture = String::new();
    for dy in -2..=2 {
        for dx in -2..=2 {
            picture.push(match (dy, dx) {
                (0, 0) => 'c',
                _ if custom.contains(dy, dx) => '1',
                _ => '0',
            });
        }
        picture.push('\n');
    }
    assert_eq!(picture, "10001\n00100\n01c10\n00100\n10001\n");
    assert_eq!(custom.size(), 8);
    assert_eq!(custom.weights(), None);
    // Flipped for odd cells with L: the north-west corner is now the
    // south-west one.
    let flipped = of("R2,C0,S1,B1,N@800000L");
    assert_eq!(flipped.offsets_at(0, 0), [(-2, -2)]);
    assert_eq!(flipped.offsets_at(0, 1), [(2, -2)]);
}

#[test]
fn drawn_shapes_are_built_once_and_compare_by_their_digits() {
    let a = of("R1,C0,S1,B1,NW123401323");
    let b = of("r1,c0,s1,b1,nw123401323");
    assert_eq!(a, b);
    assert_ne!(a, of("R1,C0,S1,B1,NW123401323H"));
    assert_ne!(of("R1,C0,S1,B1,N@AA"), of("R1,C0,S1,B1,N@AAL"));
    let (Neighbourhood::Weighted(x), Neighbourhood::Weighted(y)) = (a, b) else {
        panic!("weighted");
    };
    assert!(std::ptr::eq(x.square(), y.square()));
}
