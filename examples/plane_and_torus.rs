//! corolife as a library, without its command-line dependencies: read an
//! RLE, run it on the unbounded plane and on a torus, and write the results
//! as RLE. Only library items are used; CI runs it with
//!
//! ```text
//! cargo run --example plane_and_torus --no-default-features
//! ```
//!
//! which is what a crate depending on corolife with
//! `default-features = false` gets.

use corolife::format::Format;
use corolife::load::{Source, Start};
use corolife::{EngineKind, EngineOptions, Placement, Size, atomic};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let glider = Source::text(
        "#N Glider\nx = 3, y = 3, rule = B3/S23\nbo$2bo$3o!\n",
        "glider",
    )?;
    let options = EngineOptions::default();

    // On the plane the glider starts where its file puts it and travels
    // one cell down and right every four generations.
    let plane = Start::new(glider.clone(), None, None);
    let mut simulation = plane.simulation(Placement::Centre, EngineKind::Auto, options)?;
    simulation.run(40)?;
    let moved = simulation.bounding_box().ok_or("the glider died")?;
    assert_eq!(
        (moved.top, moved.left, simulation.population()),
        (10, 10, 5)
    );
    let on_plane = Format::Rle.write(&plane.pattern(&simulation))?;

    // On a 10×10 torus, centred, it comes back to where it started.
    let torus = Start::new(glider, Some(Size { rows: 10, cols: 10 }), None);
    let mut simulation = torus.simulation(Placement::Centre, EngineKind::Auto, options)?;
    let start = simulation.pattern();
    simulation.run(40)?;
    assert_eq!(simulation.pattern().cells(), start.cells());
    let on_torus = Format::Rle.write(&torus.pattern(&simulation))?;

    let path = std::env::temp_dir().join(format!("corolife-torus-{}.rle", std::process::id()));
    atomic::write(&path, on_torus.as_bytes())?;
    assert_eq!(std::fs::read_to_string(&path)?, on_torus);
    std::fs::remove_file(&path)?;

    print!("{on_plane}{on_torus}");
    Ok(())
}
