//! Stepping a grid allocates nothing once the engine has sized its buffers:
//! the next generation is written into a buffer kept between steps, and the
//! coroutines live on the stack.
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
}
