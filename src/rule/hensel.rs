//! Hensel's letters: the configurations of live cells among a cell's eight
//! neighbours, up to rotation and reflection.
//!
//! A *configuration* is a byte whose bit `i` says whether the `i`-th cell
//! of [`MOORE`](crate::cell::MOORE) is alive: bit 0 north, bit 1
//! north-east, and so on clockwise to bit 7, north-west. Turning the square
//! a quarter clockwise moves every bit two places up (a rotation of the
//! byte); mirroring it left to right swaps bit `i` with bit `8 − i`.
//!
//! Two configurations are the same *class* when one turns or mirrors into
//! the other. Alan Hensel named the classes with a count and a letter: for
//! two live neighbours `2c` (two corners of one side), `2e` (two edges at a
//! right angle), `2k` (an edge and a corner a knight's move apart), `2a`
//! (an edge and a corner next to each other), `2i` (two opposite edges) and
//! `2n` (two opposite corners); 51 classes in all, counts 0 and 8 having
//! one each with no letter. The letters of 5 to 8 live neighbours are those
//! of the complementary configuration: `5c` is `3c` with live and empty
//! swapped.

/// Bits of the eight neighbours in a configuration.
const N: u8 = 1 << 0;
const NE: u8 = 1 << 1;
const E: u8 = 1 << 2;
const SE: u8 = 1 << 3;
const S: u8 = 1 << 4;
const SW: u8 = 1 << 5;
const W: u8 = 1 << 6;
const NW: u8 = 1 << 7;

/// Hensel's letters in his order, the order in which [`LETTER`] indexes
/// them.
pub(super) const ORDER: &str = "cekainyqjrtwz";

/// For each count of live neighbours from 0 to 4: each letter, with one
/// configuration of its class. Counts 5 to 8 are the complements.
const REPRESENTATIVES: [&[(char, u8)]; 5] = [
    &[],
    &[('c', NE), ('e', N)],
    &[
        ('c', NW | NE),
        ('e', N | E),
        ('k', N | SE),
        ('a', N | NE),
        ('i', N | S),
        ('n', NE | SW),
    ],
    &[
        ('c', NE | SE | SW),
        ('e', N | E | S),
        ('k', NE | W | S),
        ('a', E | SE | S),
        ('i', SE | S | SW),
        ('n', E | SE | SW),
        ('y', NE | SE | W),
        ('q', NE | S | SW),
        ('j', E | S | SW),
        ('r', E | SE | W),
    ],
    &[
        ('c', NE | SE | SW | NW),
        ('e', N | E | S | W),
        ('k', SW | S | E | NW),
        ('a', SW | S | SE | W),
        ('i', SW | SE | W | E),
        ('n', SW | S | SE | NW),
        ('y', SW | SE | E | NW),
        ('q', S | SE | E | NW),
        ('j', S | W | E | NW),
        ('r', SW | S | W | E),
        ('t', SW | W | E | NW),
        ('w', S | SE | W | NW),
        ('z', SE | W | E | NW),
    ],
];

/// The letters that exist for `count` live neighbours, in Hensel's order
/// (none for 0 and 8).
pub(super) fn letters(count: u8) -> &'static [(char, u8)] {
    match count {
        0..=4 => REPRESENTATIVES[usize::from(count)],
        5..=8 => REPRESENTATIVES[usize::from(8 - count)],
        _ => &[],
    }
}

/// The configuration turned a quarter clockwise.
const fn rotate(configuration: u8) -> u8 {
    configuration.rotate_left(2)
}

/// The configuration mirrored left to right: bit `i` goes to `8 − i`.
const fn mirror(configuration: u8) -> u8 {
    let mut out = 0;
    let mut i = 0;
    while i < 8 {
        if configuration & 1 << i != 0 {
            out |= 1 << ((8 - i) % 8);
        }
        i += 1;
    }
    out
}

/// The eight images of a configuration under the symmetries of the square
/// (some may coincide).
pub(super) const fn images(configuration: u8) -> [u8; 8] {
    let mut out = [0; 8];
    let mut turned = configuration;
    let mut i = 0;
    while i < 4 {
        out[i] = turned;
        out[i + 4] = mirror(turned);
        turned = rotate(turned);
        i += 1;
    }
    out
}

/// For each configuration, the index in [`ORDER`] of its letter (0 for
/// counts 0 and 8, which have none).
pub(super) static LETTER: [u8; 256] = letter_table();

const fn letter_table() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut count = 1;
    while count <= 4 {
        let letters = REPRESENTATIVES[count];
        let mut l = 0;
        while l < letters.len() {
            let (letter, representative) = letters[l];
            let index = order_index(letter);
            let images = images(representative);
            let mut i = 0;
            while i < 8 {
                table[images[i] as usize] = index;
                // The complement, with 8 − count live neighbours (four
                // live neighbours complement to four: 4c to 4e, so those
                // have letters of their own).
                if count < 4 {
                    table[!images[i] as usize] = index;
                }
                i += 1;
            }
            l += 1;
        }
        count += 1;
    }
    table
}

const fn order_index(letter: char) -> u8 {
    let bytes = ORDER.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] as char == letter {
            return i as u8;
        }
        i += 1;
    }
    panic!("not one of Hensel's letters")
}

/// The class of a configuration: its count of live neighbours and its
/// letter (`None` for counts 0 and 8).
pub fn class(configuration: u8) -> (u8, Option<char>) {
    let count = configuration.count_ones() as u8;
    let letter = match count {
        0 | 8 => None,
        _ => ORDER
            .as_bytes()
            .get(usize::from(LETTER[usize::from(configuration)]))
            .map(|&b| b as char),
    };
    (count, letter)
}

/// Every configuration of the class `count` + `letter`.
pub(super) fn members(count: u8, letter: char) -> impl Iterator<Item = u8> {
    (0..=255u8).filter(move |&c| class(c) == (count, Some(letter)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_letters_per_count_are_hensels() {
        let names = |count| letters(count).iter().map(|(l, _)| *l).collect::<String>();
        assert_eq!(names(1), "ce");
        assert_eq!(names(2), "cekain");
        assert_eq!(names(3), "cekainyqjr");
        assert_eq!(names(4), "cekainyqjrtwz");
        assert_eq!(names(5), names(3));
        assert_eq!(names(7), names(1));
        let total: usize = (0..=8).map(|c| letters(c).len().max(1)).sum();
        assert_eq!(total, 51);
    }

    #[test]
    fn every_representative_has_its_count() {
        for count in 0..=4 {
            for &(letter, representative) in letters(count) {
                assert_eq!(
                    representative.count_ones(),
                    u32::from(count),
                    "{count}{letter}"
                );
            }
        }
    }

    /// The classes are exactly the orbits under the eight symmetries: every
    /// configuration has one class, its images share it, and two
    /// configurations that no symmetry relates have different classes.
    #[test]
    fn classes_are_the_orbits_of_the_square() {
        let mut orbits: HashSet<Vec<u8>> = HashSet::new();
        for configuration in 0..=255u8 {
            let mut orbit: Vec<u8> = images(configuration).to_vec();
            orbit.sort_unstable();
            orbit.dedup();
            for &image in &orbit {
                assert_eq!(class(image), class(configuration));
            }
            orbits.insert(orbit);
        }
        assert_eq!(orbits.len(), 51);
        let classes: HashSet<_> = (0..=255u8).map(class).collect();
        assert_eq!(classes.len(), 51, "one class per orbit");
    }

    #[test]
    fn classes_have_the_sizes_of_their_orbits() {
        // How many configurations each letter stands for, from its shape:
        // a shape with no symmetry of its own turns and mirrors into 8,
        // a shape with one mirror line into 4, and so on.
        let sizes = [
            (1, "c4 e4"),
            (2, "c4 e4 k8 a8 i2 n2"),
            (3, "c4 e4 k4 a4 i4 n8 y4 q8 j8 r8"),
            (4, "c1 e1 k8 a8 i4 n8 y8 q4 j8 r8 t4 w4 z4"),
        ];
        for (count, expected) in sizes {
            for item in expected.split(' ') {
                let letter = item.chars().next().unwrap_or('?');
                let size: usize = item[1..].parse().unwrap_or(0);
                assert_eq!(members(count, letter).count(), size, "{count}{letter}");
                assert_eq!(
                    members(8 - count, letter).count(),
                    size,
                    "{}{letter}",
                    8 - count
                );
            }
        }
    }

    #[test]
    fn the_shapes_golly_describes() {
        // "2a": a corner and an edge next to each other.
        assert_eq!(class(N | NE), (2, Some('a')));
        assert_eq!(class(W | SW), (2, Some('a')));
        // Two opposite edges, two opposite corners.
        assert_eq!(class(E | W), (2, Some('i')));
        assert_eq!(class(NW | SE), (2, Some('n')));
        // A whole side is 3i; its complement, 5i.
        assert_eq!(class(NW | N | NE), (3, Some('i')));
        assert_eq!(class(!(NW | N | NE)), (5, Some('i')));
        assert_eq!(class(0), (0, None));
        assert_eq!(class(0xFF), (8, None));
    }
}
