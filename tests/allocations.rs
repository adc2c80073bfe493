//! Stepping a grid allocates nothing once the engine has sized its buffers:
//! the next generation is written into a buffer kept between steps, and the
//! coroutines live on the stack.
//!
//! The compiled engine's memory is bounded too: a bit a cell and its
//! frames, scratch, tiles and tables.
//!
//! A test binary of its own, because it counts allocations with a global
//! allocator.

use corolife::{Compiled, Engine, RowBands, Rule, Sequential, soup};

#[global_allocator]
static ALLOCATOR: dhat::Alloc = dhat::Alloc;

/// Heap blocks allocated by `f`.
fn blocks_allocated_by(f: impl FnOnce()) -> u64 {
    let before = dhat::HeapStats::get().total_blocks;
    f();
    dhat::HeapStats::get().total_blocks - before
}

#[test]
fn stepping_allocates_nothing_per_generation() {
    let _profiler = dhat::Profiler::builder().testing().build();

    let mut grid = soup::soup(96, 80, soup::DEFAULT_SEED).expect("grid");
    let mut sequential = Sequential::new(Rule::LIFE);
    sequential.step(&mut grid); // sizes the engine's buffers
    let blocks = blocks_allocated_by(|| sequential.run(&mut grid, 50));
    assert_eq!(
        blocks, 0,
        "the sequential engine allocated {blocks} blocks in 50 generations"
    );

    // One thread: the bands run on the calling thread.
    let mut bands = RowBands::new(Rule::LIFE).with_threads(1).expect("pool");
    bands.step(&mut grid);
    let blocks = blocks_allocated_by(|| bands.run(&mut grid, 50));
    assert_eq!(
        blocks, 0,
        "one-thread bands allocated {blocks} blocks in 50 generations"
    );

    // Several threads: rayon hands the bands to its workers; whatever its
    // queues need is a few blocks, not a buffer per generation or per band.
    let mut bands = RowBands::new(Rule::LIFE)
        .with_threads(2)
        .expect("pool")
        .with_bands(8);
    bands.step(&mut grid);
    let blocks = blocks_allocated_by(|| bands.run(&mut grid, 50));
    assert!(
        blocks < 50,
        "two-thread bands allocated {blocks} blocks in 50 generations"
    );

    // The compiled engine keeps its packed torus and scratch between runs:
    // stepping one generation at a time, or many in one run, allocates
    // nothing once sized.
    let mut compiled = Compiled::new(Rule::LIFE).with_threads(1).expect("caller");
    compiled.step(&mut grid);
    let blocks = blocks_allocated_by(|| {
        for _ in 0..20 {
            compiled.step(&mut grid);
        }
        compiled.run(&mut grid, 30);
    });
    assert_eq!(
        blocks, 0,
        "the compiled engine allocated {blocks} blocks in 50 generations"
    );
    drop(compiled);

    // What the compiled engine keeps is one bit a cell, in rows of whole
    // 64-bit words, each framed by a word on either side and with a copy of
    // a row above and below; scratch for a tile row (32 rows), where the
    // lookup kernel steps rows before it copies them over the cells, and
    // two rows; a few bytes for each tile of 32 rows by one word and for
    // each word of a row; and its tables.
    for (rows, cols) in [(1024, 1024), (2048, 2048), (300, 70), (3, 1000)] {
        let mut grid = soup::soup(rows, cols, soup::DEFAULT_SEED).expect("grid");
        let before = dhat::HeapStats::get().curr_bytes;
        let mut compiled = Compiled::new(Rule::LIFE).with_threads(1).expect("caller");
        compiled.run(&mut grid, 10);
        let held = dhat::HeapStats::get().curr_bytes - before;
        let words = cols.div_ceil(64);
        let planes = (rows + 2) * (words + 2) * 8;
        let scratch = (rows.min(32) + 2) * (words + 2) * 8;
        let tiles = rows.div_ceil(32) * words * 8;
        let per_word = 64 * words;
        let tables = 8 * 1024;
        let most = planes + scratch + tiles + per_word + tables;
        assert!(
            held <= most,
            "{rows}x{cols}: the compiled engine holds {held} bytes, over {planes} + {scratch} + {tiles} + {per_word} + {tables}"
        );
        // The packed cells are the bulk of it: on a large grid, well under
        // two bits a cell (an eighth of the byte-a-cell grid, and a bit
        // more for the frames and the scratch).
        if cols % 64 == 0 && rows >= 1024 {
            assert!(
                held * 8 < rows * cols * 13 / 10,
                "{rows}x{cols}: {held} bytes is more than 1.3 bits a cell"
            );
        }
    }

    // On two threads each of the two stretches of rows is a packed torus
    // of its own, holding 32 rows of its neighbours above and below as
    // well: 64 rows more a stretch. A stretch that gave rows to the other
    // at a meeting may keep room for them (at most four tile rows).
    let (rows, cols) = (2048, 2048);
    let mut grid = soup::soup(rows, cols, soup::DEFAULT_SEED).expect("grid");
    // The rule's table comes first.
    let mut compiled = Compiled::new(Rule::LIFE).with_threads(2).expect("pool");
    let before = dhat::HeapStats::get().curr_bytes;
    compiled.run(&mut grid, 40);
    let held = dhat::HeapStats::get().curr_bytes - before;
    let words = cols / 64;
    let stretch = rows / 2 + 64;
    let planes = 2 * (stretch + 2) * (words + 2) * 8;
    let scratch = 2 * 2 * 32 * (words + 2) * 8;
    let tiles = 2 * stretch.div_ceil(32) * words * 8;
    let room = 4 * 32 * (words + 2) * 8 + 4 * words * 8;
    // The pool's queues, which rayon fills as the stretches are handed
    // out, and what each stretch keeps a word of a row: a few kilobytes,
    // less than the halos' 4 × 32 rows (35 kB).
    let pool = 16 * 1024;
    assert!(
        held <= planes + scratch + tiles + pool + room,
        "{rows}x{cols} on two threads: the compiled engine holds {held} bytes, over {planes} + {scratch} + {tiles} + {pool} + {room}"
    );
    assert!(
        held * 8 < rows * cols * 13 / 10,
        "{rows}x{cols} on two threads: {held} bytes is more than 1.3 bits a cell"
    );
}
