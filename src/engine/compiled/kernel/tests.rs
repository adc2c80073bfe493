use super::adder::{full_add, half_add};
use super::bits::Lanes;
use super::lookup::Planes;
use super::*;

/// The number of live cells among the eight neighbours, bit-sliced, the
/// plain way: a reference for the logic's tests.: bit `i`
/// of `count[k]` is bit `k` of cell `i`'s count (0 to 8).
fn count(planes: Planes) -> [u64; 4] {
    let [nw, n, ne, w, _, e, sw, s, se] = planes;
    let (north0, north1) = full_add(nw, n, ne);
    let (middle0, middle1) = half_add(w, e);
    let (south0, south1) = full_add(sw, s, se);
    let (ones, carry) = full_add(north0, middle0, south0);
    let (twos, fours) = full_add(north1, middle1, south1);
    let (twos, more_fours) = half_add(twos, carry);
    let (fours, eights) = half_add(fours, more_fours);
    [ones, twos, fours, eights]
}

/// The planes of 64 independent cells, cell `i` with neighbourhood
/// `index(i)`.
fn planes_of(index: impl Fn(usize) -> u16) -> Planes {
    std::array::from_fn(|bit| {
        (0..64).fold(0u64, |plane, i| plane | u64::from(index(i) >> bit & 1) << i)
    })
}

#[test]
fn the_reference_count_counts_every_neighbourhood() {
    for start in (0..512).step_by(64) {
        let [ones, twos, fours, eights] = count(planes_of(|i| (start + i) as u16));
        for i in 0..64 {
            let index = (start + i) as u16;
            let expected = (index & !(1 << 4)).count_ones() as u64;
            let counted = (ones >> i & 1)
                | (twos >> i & 1) << 1
                | (fours >> i & 1) << 2
                | (eights >> i & 1) << 3;
            assert_eq!(counted, expected, "neighbourhood {index:#011b}");
        }
    }
}

#[test]
fn masks_agree_with_conway_and_with_the_definition() {
    let life = Masks::new(1 << 3, 1 << 2 | 1 << 3);
    for start in (0..512).step_by(64) {
        let planes = planes_of(|i| (start + i) as u16);
        let count = count(planes);
        assert_eq!(
            life.next(planes[4], count),
            Conway.next::<u64>(planes[4], count)
        );
    }
    for (birth, survival) in [
        (0x1FF, 0),
        (0, 0x1FF),
        (0b1_0000_0001, 0b1_0101_0101),
        (0x0A5, 0x15A),
    ] {
        let masks = Masks::new(birth, survival);
        for start in (0..512).step_by(64) {
            let planes = planes_of(|i| (start + i) as u16);
            let next: u64 = masks.next(planes[4], count(planes));
            for i in 0..64 {
                let index = start + i;
                let n = (index & !(1 << 4)).count_ones();
                let set = if index >> 4 & 1 == 1 { survival } else { birth };
                assert_eq!(
                    next >> i & 1,
                    u64::from(set >> n & 1),
                    "B{birth:b}/S{survival:b} at {index:#011b}"
                );
            }
        }
    }
}

#[test]
fn the_lookup_kernel_indexes_the_table() {
    // An irregular table.
    let mut table = [0u64; 8];
    for index in 0..512 {
        if index % 3 == 1 || index % 7 == 0 {
            table[index / 64] |= 1 << (index % 64);
        }
    }
    let lookup = Lookup { table };
    let mut random = crate::soup::SplitMix64::new(3);
    {
        let cells = 64;
        for _ in 0..50 {
            // Three rows with their neighbours' bits shifted in, as
            // `sweep_row` makes them.
            let mut planes = [0; 9];
            for r in 0..3 {
                let own = random.next_u64();
                let (west, east) = (random.next_u64() & 1, random.next_u64() & 1);
                planes[3 * r] = own << 1 | west;
                planes[3 * r + 1] = own;
                planes[3 * r + 2] = own >> 1 | east << 63;
            }
            let next = lookup.word(planes);
            for i in 0..cells {
                let index = (0..9).fold(0, |index, k| index | (planes[k] >> i & 1) << k) as usize;
                assert_eq!(
                    next >> i & 1,
                    table[index / 64] >> (index % 64) & 1,
                    "cell {i}"
                );
            }
        }
    }
}

/// Every way the adder kernel steps words — four columns at once or
/// one, in runs of one column or more, the row above read from the
/// cells or given apart — gives what the lookup kernel gives with
/// Conway's table, and the same changes; and neither changes any other
/// cell.
#[test]
fn the_adder_kernel_agrees_with_the_lookup_kernel() {
    use crate::engine::compiled::packed::{Packing, pack};
    let table =
        crate::engine::compiled::RuleTable::probe(&crate::Rule::LIFE).expect("Life compiles");
    let lookup = Lookup {
        table: *table.bits(),
    };
    let adder = Adder(Conway);
    for (rows, cols) in [(20, 700), (16, 64), (17, 130), (40, 1000), (3, 1), (1, 300)] {
        let grid = crate::soup::soup(rows, cols, 99).expect("grid");
        let shape = Packing::new(rows, cols);
        let mut cells = vec![0; shape.len()];
        assert!(pack(&grid, 0, &mut cells, &shape));
        let words = shape.words;
        let valid = |k: usize| {
            if k + 1 == words {
                shape.tail_mask()
            } else {
                u64::MAX
            }
        };
        // Rows `tile`, words `range`, by `kernel`. With `moved`, the row
        // above the first stepped is given apart, and its slot in the
        // cells holds other words.
        let step = |kernel: &dyn Kernel, tile: Range<usize>, range: Range<usize>, moved: bool| {
            let mut start = cells.clone();
            let above = tile.start * shape.stride..(tile.start + 1) * shape.stride;
            if moved {
                start[above.clone()]
                    .iter_mut()
                    .for_each(|word| *word = !*word);
            }
            let mut stepped_cells = start.clone();
            let mut scratch = vec![0; scratch_len(&shape, tile.len())];
            let mut gathered = vec![0; 3 * words];
            let mut spans = vec![Span::default(); words];
            let mut torus = Torus {
                shape,
                cells: &mut stepped_cells,
                scratch: &mut scratch,
                above: moved.then_some(&cells[above]),
            };
            let stepped = kernel.rows(
                &mut torus,
                tile.clone(),
                range.clone(),
                &mut Changes::new(&mut gathered, &mut spans),
            );
            assert!(stepped.start == range.start && range.end <= stepped.end);
            let next: Vec<&[u64]> = tile
                .clone()
                .map(|y| &stepped_cells[shape.slot(y)..shape.slot(y + 1)])
                .collect();
            // No other word changed.
            for (i, (&after, &before)) in stepped_cells.iter().zip(&start).enumerate() {
                let (y, k) = (i / shape.stride, i % shape.stride);
                // Slot y + 1 holds row y, word k + 1 of it word k.
                let steps = (1 + stepped.start..1 + stepped.end).contains(&k)
                    && (1 + tile.start..1 + tile.end).contains(&y);
                assert!(steps || after == before, "word {k} of slot {y} changed");
            }
            // Only the words asked for, and only their cells, count.
            let mut result = Vec::new();
            for row in &next {
                result.extend(range.clone().map(|k| row[1 + k] & valid(k)));
            }
            // The first row's changes, the last row's, and all of them.
            let (first, rest) = gathered.split_at(words);
            let (all, last) = rest.split_at(words);
            for k in range.clone() {
                result.extend([first[k], last[k], all[k]].map(|c| c & valid(k)));
            }
            // Every row where a word changed lies within its span.
            for (i, (row, y)) in next.iter().zip(tile.clone()).enumerate() {
                for k in range.clone() {
                    let changed = (row[1 + k] ^ cells[shape.slot(y) + 1 + k]) & valid(k);
                    let span = spans[k];
                    assert!(
                        changed == 0 || (span.first()..=span.last()).contains(&i),
                        "row {i} of word {k} changed outside {span:?}"
                    );
                }
            }
            result
        };
        for tile in [
            0..rows.min(16),
            rows - 1..rows,
            rows.saturating_sub(5)..rows,
        ] {
            for range in [
                0..words,
                0..1,
                words - 1..words,
                1.min(words - 1)..words,
                0..words.min(6),
                0..words.min(5),
            ] {
                let by =
                    |kernel: &dyn Kernel, moved| step(kernel, tile.clone(), range.clone(), moved);
                let expected = by(&lookup, false);
                for moved in [false, true] {
                    let context = format!(
                        "{rows}x{cols}, rows {tile:?}, words {range:?}, row above given apart: {moved}"
                    );
                    assert_eq!(by(&adder, moved), expected, "adder, {context}");
                    assert_eq!(by(&lookup, moved), expected, "lookup, {context}");
                }
            }
        }
    }
}

#[test]
fn a_quad_computes_what_its_words_compute_alone() {
    let mut random = crate::soup::SplitMix64::new(11);
    let masks = Masks::new(0b1_0100_1001, 0b0_1011_0110);
    for _ in 0..100 {
        let lanes: Vec<[u64; 5]> = (0..QUAD)
            .map(|_| std::array::from_fn(|_| random.next_u64()))
            .collect();
        let quad = |k: usize| Lanes([lanes[0][k], lanes[1][k], lanes[2][k], lanes[3][k]]);
        let count = [quad(1), quad(2), quad(3), quad(4)];
        let (conway, any) = (Conway.next(quad(0), count), masks.next(quad(0), count));
        for (j, lane) in lanes.iter().enumerate() {
            let count = [lane[1], lane[2], lane[3], lane[4]];
            assert_eq!(conway.0[j], Conway.next(lane[0], count));
            assert_eq!(any.0[j], masks.next(lane[0], count));
        }
    }
}
