//! The cost of one yield/resume round trip through genawaiter, for the
//! choices behind corolife's protocol types, in round trips per second.
//!
//! ```sh
//! cargo bench --bench protocol
//! ```
//!
//! * `stack_flat_instruction` — what corolife's cells do: genawaiter's
//!   allocation-free stack flavour yielding [`corolife::Instruction`], a flat
//!   struct.
//! * `stack_enum_op` — the same information as the enum [`corolife::Op`].
//!   genawaiter keeps the value in flight in an enum of its own; with an enum
//!   inside it, the compiler folds both tags together and every yield and
//!   resume pays to unpick them.
//! * `rc_flat_instruction`, `sync_flat_instruction` — genawaiter's
//!   reference-counted and thread-safe flavours (the latter takes a lock
//!   around every exchange).

use corolife::genawaiter::{self, GeneratorState};
use corolife::{Instruction, Op, PRIME, Query, State};
use divan::Bencher;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

/// Round trips per benchmark iteration.
const TRIPS: i32 = 10_000;

/// Drives a generator to completion, answering every query with "alive" for
/// odd columns, and returns how many cells it was told were alive.
macro_rules! drive {
    ($generator:ident, $decode:expr) => {{
        let mut answer = PRIME;
        let mut alive = 0u32;
        loop {
            match $generator.resume_with(answer) {
                GeneratorState::Yielded(yielded) => {
                    answer = match $decode(yielded) {
                        Op::Query(q) => State::from(q.x & 1 == 1),
                        _ => PRIME,
                    };
                }
                GeneratorState::Complete(count) => {
                    alive = alive.wrapping_add(count);
                    break;
                }
            }
        }
        alive
    }};
}

#[divan::bench]
fn stack_flat_instruction(bencher: Bencher) {
    bencher
        .counter(ItemsCount::new(TRIPS as usize))
        .bench_local(|| {
            genawaiter::stack::let_gen_using!(queries, |co: genawaiter::stack::Co<
                '_,
                Instruction,
                State,
            >| async move {
                let mut alive = 0u32;
                for x in 0..TRIPS {
                    alive += u32::from(co.yield_(Query { y: 0, x }.into()).await.is_alive());
                }
                alive
            });
            drive!(queries, Instruction::op)
        });
}

#[divan::bench]
fn stack_enum_op(bencher: Bencher) {
    bencher
        .counter(ItemsCount::new(TRIPS as usize))
        .bench_local(|| {
            genawaiter::stack::let_gen_using!(queries, |co: genawaiter::stack::Co<
                '_,
                Op,
                State,
            >| async move {
                let mut alive = 0u32;
                for x in 0..TRIPS {
                    alive += u32::from(co.yield_(Op::Query(Query { y: 0, x })).await.is_alive());
                }
                alive
            });
            drive!(queries, std::convert::identity)
        });
}

#[divan::bench]
fn rc_flat_instruction(bencher: Bencher) {
    bencher
        .counter(ItemsCount::new(TRIPS as usize))
        .bench_local(|| {
            let mut queries =
                genawaiter::rc::Gen::new(|co: genawaiter::rc::Co<Instruction, State>| async move {
                    let mut alive = 0u32;
                    for x in 0..TRIPS {
                        alive += u32::from(co.yield_(Query { y: 0, x }.into()).await.is_alive());
                    }
                    alive
                });
            drive!(queries, Instruction::op)
        });
}

#[divan::bench]
fn sync_flat_instruction(bencher: Bencher) {
    bencher
        .counter(ItemsCount::new(TRIPS as usize))
        .bench_local(|| {
            let mut queries = genawaiter::sync::Gen::new(
                |co: genawaiter::sync::Co<Instruction, State>| async move {
                    let mut alive = 0u32;
                    for x in 0..TRIPS {
                        alive += u32::from(co.yield_(Query { y: 0, x }.into()).await.is_alive());
                    }
                    alive
                },
            );
            drive!(queries, Instruction::op)
        });
}
