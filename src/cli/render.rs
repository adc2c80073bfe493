//! `corolife render`: pictures of a pattern's evolution — an animated GIF,
//! or a PNG or an SVG of one generation.
//!
//! The library draws (`corolife::render::picture`); this module encodes,
//! with the `gif` and `png` crates. Everything is streamed into the output
//! file as it is made: a GIF frame is encoded as soon as its generation is
//! reached, a PNG row by row, an SVG element by element, so memory does not
//! grow with the number of generations. The file is written atomically
//! ([`atomic::write_with`]).

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, anyhow, bail};
use corolife::atomic::{self, WriteError};
use corolife::budget;
use corolife::load::{MARGIN, Start};
use corolife::render::picture::{self, Picture, Style, Zoom};
use corolife::{EngineOptions, Grid, Rect, Simulation, State};

use super::args::RenderArgs;
use super::input;
use super::progress::Progress;
use super::signals::{self, Signals, Watch};

/// Generations a GIF shows when `--gens` is not given.
pub const DEFAULT_GIF_GENS: u64 = 100;

/// GIF frames per second when `--fps` is not given.
pub const DEFAULT_FPS: u32 = 10;

/// The longest side the automatic scale aims for, in pixels.
pub const AUTO_MAX_SIDE: u32 = 800;

/// The most pixels a GIF or PNG may have: 16384 × 16384, the largest
/// picture common viewers and browsers open.
pub const MAX_PIXELS: u64 = 1 << 28;

/// The most frames a GIF may have: at the default 10 a second, close to
/// three hours of animation, and a file that already takes long to make
/// and to open.
pub const MAX_GIF_FRAMES: u64 = 100_000;

/// The longest side of a GIF, whose sizes are 16-bit numbers.
const GIF_MAX_SIDE: u32 = u16::MAX as u32;

/// The picture formats, by OUT's extension.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Gif,
    Png,
    Svg,
}

impl Kind {
    fn of(path: &Path) -> anyhow::Result<Kind> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("gif") => Ok(Kind::Gif),
            Some("png") => Ok(Kind::Png),
            Some("svg") => Ok(Kind::Svg),
            _ => bail!(
                "{}: cannot tell the picture format from the name (expected .gif, .png or .svg)",
                path.display()
            ),
        }
    }

    /// Refuses pictures the format cannot hold or that are too large to be
    /// worth making, before anything is computed or written.
    fn check(self, picture: &Picture, path: &Path, zoom: Zoom) -> anyhow::Result<()> {
        let (width, height) = (picture.width(), picture.height());
        let layout = picture.layout();
        let shrink = zoom.cells_per_pixel() as usize;
        let what = || {
            format!(
                "{}: a {}x{} grid at scale {zoom} is {width}x{height} pixels",
                path.display(),
                layout.rows() * shrink,
                layout.cols() * shrink,
            )
        };
        if self == Kind::Gif && (width > GIF_MAX_SIDE || height > GIF_MAX_SIDE) {
            bail!(
                "{}, and a GIF is at most {GIF_MAX_SIDE} pixels wide and high (use a smaller --scale or --size)",
                what()
            );
        }
        if self != Kind::Svg && layout.pixels() > MAX_PIXELS {
            bail!(
                "{}, more than the {MAX_PIXELS} pixels (16384x16384) a picture may have (use a smaller --scale or --size)",
                what()
            );
        }
        if self == Kind::Gif {
            // The frame being drawn, the one shown, and the changed part.
            let needed = layout.pixels().saturating_mul(3);
            budget::check(needed, || {
                format!(
                    "{}, whose frames need {}",
                    what(),
                    budget::human_bytes(needed)
                )
            })?;
        }
        Ok(())
    }
}

/// What to draw: the generations shown, after the flags are checked
/// against the format.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Plan {
    /// The last generation drawn.
    last: u64,
    /// Generations between two GIF frames (for a PNG or an SVG, `last`).
    every: u64,
}

impl Plan {
    fn new(args: &RenderArgs, kind: Kind) -> anyhow::Result<Plan> {
        if kind == Kind::Gif {
            if args.generation.is_some() {
                bail!(
                    "--gen picks the generation of a PNG or SVG; a GIF shows generations 0 to --gens"
                );
            }
            let plan = Plan {
                last: args.gens.unwrap_or(DEFAULT_GIF_GENS),
                every: args.every.unwrap_or(1),
            };
            let frames = plan.frames();
            if frames > MAX_GIF_FRAMES {
                bail!(
                    "--gens {} --every {} makes a GIF of {frames} frames, more than the {MAX_GIF_FRAMES} a GIF may have (use a larger --every or fewer --gens)",
                    plan.last,
                    plan.every
                );
            }
            return Ok(plan);
        }
        if args.every.is_some() || args.fps.is_some() {
            bail!("--every and --fps are for GIF animations; a PNG or SVG shows one generation");
        }
        let last = args.generation.or(args.gens).unwrap_or(0);
        Ok(Plan {
            last,
            every: last.max(1),
        })
    }

    /// How many generations are shown.
    fn frames(self) -> u64 {
        let every = self.every.max(1);
        (self.last / every)
            .saturating_add(1)
            .saturating_add(u64::from(!self.last.is_multiple_of(every)))
    }

    /// The generations shown: 0, every, 2·every, … and the last.
    fn shown(self) -> impl Iterator<Item = u64> {
        let (every, last) = (self.every.max(1), self.last);
        (0..=last / every)
            .map(move |i| i * every)
            .chain((last % every != 0).then_some(last))
    }
}

pub fn render(args: &RenderArgs) -> anyhow::Result<()> {
    let path = args.output.as_path();
    let kind = Kind::of(path)?;
    let plan = Plan::new(args, kind)?;
    let start = input::start(&args.pattern.value, args.size.value, &args.rule)?;
    let options = EngineOptions {
        threads: args.threads.value,
        generations: Some(plan.last),
        ..EngineOptions::default()
    };
    let build = || start.simulation(args.at.placement(), args.engine.value, options);
    let extent = extent(build()?, &start, plan)?;
    let (rows, cols) = (extent.height() as usize, extent.width() as usize);
    let zoom = args
        .scale
        .unwrap_or_else(|| picture::auto_zoom(rows, cols, AUTO_MAX_SIDE));
    let shrink = zoom.cells_per_pixel() as usize;
    let style = Style {
        scale: zoom.pixels_per_cell(),
        theme: args.theme,
        states: usize::from(start.rule.states()),
        colours: start.rule.named_rule().map(|named| named.colours()),
    };
    let picture = Picture::new(rows.div_ceil(shrink), cols.div_ceil(shrink), &style)
        .map_err(|e| anyhow!("{}: {e}", path.display()))?;
    kind.check(&picture, path, zoom)?;
    // A signal that ends the process (SIGINT, SIGTERM, SIGHUP…): the first
    // stops the render between two generations, the temporary file is
    // removed, and corolife then ends as the signal would have ended it.
    // A second ends it at once, and removes the file too.
    let interrupt = Signals::watch(Watch {
        before_ending: atomic::remove_temporary_files,
        ..Watch::default()
    })
    .context("cannot watch for signals")?;
    let mut job = Job {
        simulation: build()?,
        done: 0,
        extent,
        zoom,
        progress: Progress::new(
            plan.last,
            format!(
                "rendering {}",
                corolife::escape::escape(&path.display().to_string())
            ),
        ),
        interrupt: &interrupt,
    };
    let written = atomic::write_with(path, |out| match kind {
        Kind::Gif => {
            let delay = gif_delay(args.fps.unwrap_or(DEFAULT_FPS));
            write_gif(out, &picture, &mut job, plan, delay)
        }
        Kind::Png => {
            job.advance_to(plan.last)?;
            write_png(out, &picture, &job.grid()?)
        }
        Kind::Svg => {
            job.advance_to(plan.last)?;
            Ok(picture.write_svg(&job.grid()?, out)?)
        }
    })
    .map_err(|error| match error {
        // The encoders' errors keep their causes.
        WriteError::Failed { path, error } => {
            error.context(format!("{}: cannot write", path.display()))
        }
        error => anyhow!("{error}"),
    });
    job.progress.finish();
    if let Some(signal) = interrupt.received() {
        // The temporary file is gone; end as the signal would have.
        signals::end_as_signalled(signal);
    }
    written
}

/// The rectangle every picture shows: a torus or a finite grid whole;
/// on the plane, what the live cells cover at any generation shown (found
/// by running `simulation` through them) with [`MARGIN`] empty cells
/// around, or a single cell if none live.
fn extent(mut simulation: Simulation, start: &Start, plan: Plan) -> anyhow::Result<Rect> {
    let fixed = start.torus.is_some() || start.rule.topology().is_finite();
    let mut extent = simulation.extent();
    if !fixed {
        let mut done = 0;
        for generation in plan.shown() {
            simulation.run(generation - done)?;
            done = generation;
            extent = match (extent, simulation.extent()) {
                (Some(a), Some(b)) => Some(a.union(b)),
                (a, b) => a.or(b),
            };
        }
    }
    let Some(extent) = extent else {
        return Ok(Rect {
            top: 0,
            left: 0,
            bottom: 0,
            right: 0,
        });
    };
    if fixed {
        return Ok(extent);
    }
    let margin = MARGIN as i32;
    Ok(Rect {
        top: extent.top.saturating_sub(margin),
        left: extent.left.saturating_sub(margin),
        bottom: extent.bottom.saturating_add(margin),
        right: extent.right.saturating_add(margin),
    })
}

/// The simulation on its way through the generations, and the rectangle
/// the pictures show.
struct Job<'a> {
    simulation: Simulation,
    /// Generations stepped.
    done: u64,
    extent: Rect,
    zoom: Zoom,
    progress: Progress,
    interrupt: &'a Signals,
}

impl Job<'_> {
    /// Runs forward to `generation` (counted from the start), a step at a
    /// time so that the progress bar moves and a signal is noticed between
    /// two steps; HashLife's steps are the largest powers of two that fit.
    fn advance_to(&mut self, generation: u64) -> anyhow::Result<()> {
        while self.done < generation {
            if self.interrupt.received().is_some() {
                bail!("interrupted");
            }
            let left = generation - self.done;
            let step = match self.simulation.hashlife_stats() {
                Some(_) => 1 << left.ilog2(),
                None => 1,
            };
            self.simulation.run(step)?;
            self.done += step;
            self.progress.advance(step);
        }
        Ok(())
    }

    /// The current generation over the rectangle shown, binned when
    /// zoomed out.
    fn grid(&self) -> anyhow::Result<Grid> {
        Ok(match self.zoom {
            Zoom::In(_) => self.simulation.window(self.extent)?,
            Zoom::Out(cells) => self.simulation.binned(self.extent, cells)?,
        })
    }
}

/// A GIF frame's delay in hundredths of a second, the unit GIF counts in.
fn gif_delay(fps: u32) -> u16 {
    (100.0 / f64::from(fps.max(1))).round().clamp(1.0, 100.0) as u16
}

/// Encodes the animation frame by frame as the generations are reached.
fn write_gif(
    out: impl Write,
    picture: &Picture,
    job: &mut Job<'_>,
    plan: Plan,
    delay: u16,
) -> anyhow::Result<()> {
    let mut frames = GifFrames::new(out, picture, delay)?;
    for generation in plan.shown() {
        job.advance_to(generation)?;
        frames.push(&job.grid()?)?;
    }
    frames.finish()
}

/// A GIF being written: each frame after the first holds only the rectangle
/// that changed, with the pixels that did not change inside it transparent
/// (a GIF viewer keeps what the previous frames drew). An unchanged
/// generation is a one-pixel transparent frame, so every generation shown
/// is one frame.
struct GifFrames<'p, W: Write> {
    encoder: gif::Encoder<W>,
    picture: &'p Picture,
    delay: u16,
    /// The palette index no picture uses, for unchanged pixels.
    transparent: u8,
    /// What the viewer shows after the frames written so far.
    shown: Vec<u8>,
    /// The frame being drawn.
    next: Vec<u8>,
    /// The changed rectangle of `next`.
    patch: Vec<u8>,
    first: bool,
}

impl<'p, W: Write> GifFrames<'p, W> {
    fn new(out: W, picture: &'p Picture, delay: u16) -> anyhow::Result<Self> {
        let (width, height) = gif_size(picture)?;
        let palette = picture.palette();
        // At most MAX_STATES + 2 colours: the next index fits a byte.
        let transparent = palette.colours().len() as u8;
        let mut colours = palette.to_rgb_bytes();
        let background = palette.colour(State::EMPTY);
        colours.extend([background.r, background.g, background.b]);
        let mut encoder = gif::Encoder::new(out, width, height, &colours).map_err(gif_error)?;
        encoder
            .set_repeat(gif::Repeat::Infinite)
            .map_err(gif_error)?;
        let pixels = picture.layout().pixels() as usize;
        let frame = || "a GIF frame".to_owned();
        let mut patch = Vec::new();
        patch.try_reserve_exact(pixels)?;
        Ok(GifFrames {
            encoder,
            picture,
            delay,
            transparent,
            shown: budget::filled(pixels, 0, frame)?,
            next: budget::filled(pixels, 0, frame)?,
            patch,
            first: true,
        })
    }

    fn push(&mut self, grid: &Grid) -> anyhow::Result<()> {
        let (width, height) = gif_size(self.picture)?;
        self.picture.frame(grid, &mut self.next);
        let mut frame = gif::Frame {
            delay: self.delay,
            ..gif::Frame::default()
        };
        if self.first {
            self.first = false;
            frame.width = width;
            frame.height = height;
            frame.buffer = Cow::Borrowed(&self.next);
            self.encoder.write_frame(&frame).map_err(gif_error)?;
        } else {
            frame.transparent = Some(self.transparent);
            self.patch.clear();
            match changed(&self.shown, &self.next, usize::from(width)) {
                None => {
                    frame.width = 1;
                    frame.height = 1;
                    self.patch.push(self.transparent);
                }
                Some(rect) => {
                    let width = usize::from(width);
                    for y in rect.top..rect.bottom {
                        let row = y * width + rect.left..y * width + rect.right;
                        let pairs = self.shown[row.clone()].iter().zip(&self.next[row]);
                        self.patch.extend(pairs.map(|(&before, &after)| {
                            if before == after {
                                self.transparent
                            } else {
                                after
                            }
                        }));
                    }
                    // Inside the picture, whose sides fit a u16.
                    frame.left = rect.left as u16;
                    frame.top = rect.top as u16;
                    frame.width = (rect.right - rect.left) as u16;
                    frame.height = (rect.bottom - rect.top) as u16;
                }
            }
            frame.buffer = Cow::Borrowed(&self.patch);
            self.encoder.write_frame(&frame).map_err(gif_error)?;
        }
        std::mem::swap(&mut self.shown, &mut self.next);
        Ok(())
    }

    fn finish(self) -> anyhow::Result<()> {
        let mut out = self.encoder.into_inner().map_err(gif_error)?;
        out.flush()?;
        Ok(())
    }
}

/// The encoder's error as one message: an I/O error as itself (the
/// encoder's own wrapper would repeat it as its cause).
fn gif_error(error: gif::EncodingError) -> anyhow::Error {
    match error {
        gif::EncodingError::Io(error) => error.into(),
        other => anyhow!("{other}"),
    }
}

/// The picture's size as GIF's 16-bit numbers ([`Kind::check`] has made
/// sure they fit).
fn gif_size(picture: &Picture) -> anyhow::Result<(u16, u16)> {
    let side = |n: u32| u16::try_from(n).map_err(|_| anyhow!("{n} pixels is too large for a GIF"));
    Ok((side(picture.width())?, side(picture.height())?))
}

/// A rectangle of pixels: columns `left..right`, rows `top..bottom`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Pixels {
    left: usize,
    top: usize,
    right: usize,
    bottom: usize,
}

/// The smallest rectangle holding every pixel that differs between `before`
/// and `after` (rows of `width` pixels), or `None` if none does.
fn changed(before: &[u8], after: &[u8], width: usize) -> Option<Pixels> {
    let rows = || before.chunks_exact(width).zip(after.chunks_exact(width));
    let top = rows().position(|(a, b)| a != b)?;
    let bottom = rows().rposition(|(a, b)| a != b)? + 1;
    let mut left = width;
    let mut right = 0;
    for (a, b) in rows().take(bottom).skip(top) {
        if let Some(first) = a.iter().zip(b).position(|(x, y)| x != y) {
            left = left.min(first);
        }
        if let Some(last) = a.iter().zip(b).rposition(|(x, y)| x != y) {
            right = right.max(last + 1);
        }
    }
    Some(Pixels {
        left,
        top,
        right,
        bottom,
    })
}

/// Encodes one generation as an indexed PNG, row by row.
fn write_png(out: impl Write, picture: &Picture, grid: &Grid) -> anyhow::Result<()> {
    let (width, height) = (picture.width(), picture.height());
    let mut encoder = png::Encoder::new(out, width, height);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_palette(picture.palette().to_rgb_bytes());
    encoder.set_compression(png::Compression::High);
    // Palette indices are not magnitudes: filtering them does not help.
    encoder.set_filter(png::Filter::NoFilter);
    let mut writer = encoder.write_header()?;
    let mut stream = writer.stream_writer()?;
    let mut row = vec![0; width as usize];
    for y in 0..height {
        picture.row(grid, y, &mut row);
        stream.write_all(&row)?;
    }
    stream.finish()?;
    writer.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(last: u64, every: u64) -> Vec<u64> {
        Plan { last, every }.shown().collect()
    }

    #[test]
    fn the_generations_shown_end_with_the_last() {
        assert_eq!(plan(4, 1), [0, 1, 2, 3, 4]);
        assert_eq!(plan(10, 4), [0, 4, 8, 10]);
        assert_eq!(plan(8, 4), [0, 4, 8]);
        assert_eq!(plan(0, 1), [0]);
        assert_eq!(plan(3, 10), [0, 3]);
        for (last, every) in [(4, 1), (10, 4), (8, 4), (0, 1), (3, 10)] {
            let count = Plan { last, every }.frames();
            assert_eq!(count, plan(last, every).len() as u64, "{last} by {every}");
        }
        let endless = Plan {
            last: u64::MAX,
            every: 1,
        };
        assert_eq!(endless.frames(), u64::MAX);
    }

    #[test]
    fn formats_come_from_the_extension() {
        assert_eq!(Kind::of(Path::new("a/b.gif")).ok(), Some(Kind::Gif));
        assert_eq!(Kind::of(Path::new("b.PNG")).ok(), Some(Kind::Png));
        assert_eq!(Kind::of(Path::new("b.Svg")).ok(), Some(Kind::Svg));
        for bad in ["b.bmp", "b", "-", "gif"] {
            let error = Kind::of(Path::new(bad)).expect_err(bad).to_string();
            assert!(error.starts_with(&format!("{bad}: ")), "{error}");
        }
    }

    #[test]
    fn delays_are_hundredths_of_a_second() {
        assert_eq!(gif_delay(10), 10);
        assert_eq!(gif_delay(1), 100);
        assert_eq!(gif_delay(30), 3);
        assert_eq!(gif_delay(50), 2);
    }

    #[test]
    fn the_changed_rectangle_is_the_smallest_around_every_change() {
        let before = [0u8; 20];
        assert_eq!(changed(&before, &before, 5), None);
        let mut after = before;
        after[5 + 3] = 1; // row 1, column 3
        after[10 + 1] = 2; // row 2, column 1
        assert_eq!(
            changed(&before, &after, 5),
            Some(Pixels {
                left: 1,
                top: 1,
                right: 4,
                bottom: 3
            })
        );
        let mut corner = before;
        corner[19] = 1;
        assert_eq!(
            changed(&before, &corner, 5),
            Some(Pixels {
                left: 4,
                top: 3,
                right: 5,
                bottom: 4
            })
        );
    }
}
