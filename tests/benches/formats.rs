//! Reading and writing pattern files: each format on the seeded 50% soup
//! of `corolife bench` at 512² and 2048² cells, reported by divan in bytes
//! of text per second (its byte throughput).
//!
//! ```sh
//! cargo bench --bench formats                    # everything, about half a minute
//! cargo bench --bench formats -- rle::parse      # one format, one way
//! ```
//!
//! A 2048² soup is the largest file `corolife run` reads in the README's
//! whole-process comparison; there, reading its RLE is most of what the
//! run costs besides stepping.

use corolife::format::{self, Format};
use corolife::{Cell, Pattern, soup};
use divan::Bencher;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

const SIZES: [usize; 2] = [512, 2048];

/// The soup's live cells, at the positions `corolife bench` gives them.
fn soup_pattern(size: usize) -> Pattern {
    let grid = soup::soup(size, size, soup::DEFAULT_SEED).expect("grid");
    let cells = grid.iter_rows().enumerate().flat_map(|(y, row)| {
        let alive = row.iter().enumerate().filter(|(_, s)| s.is_alive());
        alive.map(move |(x, _)| Cell::alive(y as i32, x as i32))
    });
    Pattern::from_cells(cells)
}

/// Reads the soup's text in `format`, once per iteration.
fn read_soup(bencher: Bencher, format: Format, size: usize) {
    let text = format.write(&soup_pattern(size)).expect("writable");
    bencher
        .counter(BytesCount::of_str(&text))
        .bench_local(|| format::parse(&text, None).expect("valid"));
}

/// Writes the soup in `format`, once per iteration.
fn write_soup(bencher: Bencher, format: Format, size: usize) {
    let pattern = soup_pattern(size);
    let length = format.write(&pattern).expect("writable").len();
    bencher
        .counter(BytesCount::new(length))
        .bench_local(|| format.write(&pattern).expect("writable"));
}

/// A module of benchmarks for one format: `parse` and `write`.
macro_rules! format_benches {
    ($name:ident, $format:expr) => {
        mod $name {
            use super::*;

            #[divan::bench(args = SIZES, max_time = 2)]
            fn parse(bencher: Bencher, size: usize) {
                read_soup(bencher, $format, size);
            }

            #[divan::bench(args = SIZES, max_time = 2)]
            fn write(bencher: Bencher, size: usize) {
                write_soup(bencher, $format, size);
            }
        }
    };
}

format_benches!(rle, Format::Rle);
format_benches!(plaintext, Format::Plaintext);
format_benches!(life106, Format::Life106);
