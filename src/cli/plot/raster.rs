//! The chart as a PNG: the marks drawn with embedded-graphics (its lines
//! and its bitmap fonts, so no system fonts are needed) into an RGB buffer,
//! encoded with the `png` crate.

use std::convert::Infallible;
use std::io::Write;

use embedded_graphics::mono_font::MonoTextStyle;
use embedded_graphics::mono_font::iso_8859_1::{FONT_7X13, FONT_9X15_BOLD};
use embedded_graphics::pixelcolor::Rgb888;
use embedded_graphics::prelude::{
    DrawTarget, OriginDimensions, Pixel, Point, Primitive, Size as Extent,
};
use embedded_graphics::primitives::{Line, Polyline, PrimitiveStyle, PrimitiveStyleBuilder};
use embedded_graphics::text::{Alignment, Baseline, Text, TextStyleBuilder};
use embedded_graphics::{Drawable, primitives::Rectangle};

use super::chart::{Anchor, Colour, HEIGHT, Mark, TextSize, WIDTH};

/// Pixels, three bytes each, row by row.
struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32) -> Canvas {
        Canvas {
            width,
            height,
            pixels: vec![0; width as usize * height as usize * 3],
        }
    }
}

impl OriginDimensions for Canvas {
    fn size(&self) -> Extent {
        Extent::new(self.width, self.height)
    }
}

impl DrawTarget for Canvas {
    type Color = Rgb888;
    type Error = Infallible;

    fn draw_iter<I>(&mut self, pixels: I) -> Result<(), Infallible>
    where
        I: IntoIterator<Item = Pixel<Rgb888>>,
    {
        use embedded_graphics::pixelcolor::RgbColor;
        for Pixel(point, colour) in pixels {
            let (Ok(x), Ok(y)) = (u32::try_from(point.x), u32::try_from(point.y)) else {
                continue;
            };
            if x < self.width && y < self.height {
                let at = (y as usize * self.width as usize + x as usize) * 3;
                self.pixels[at..at + 3].copy_from_slice(&[colour.r(), colour.g(), colour.b()]);
            }
        }
        Ok(())
    }
}

fn rgb(colour: Colour) -> Rgb888 {
    Rgb888::new(colour.0, colour.1, colour.2)
}

fn point((x, y): (f64, f64)) -> Point {
    Point::new(x.round() as i32, y.round() as i32)
}

/// A stroke width in whole pixels, at least one.
fn stroke(width: f64) -> u32 {
    (width.round() as u32).max(1)
}

fn draw(mark: &Mark, canvas: &mut Canvas) {
    // Drawing into the canvas cannot fail (its error is `Infallible`).
    let _: Result<(), Infallible> = match mark {
        Mark::Group { marks, .. } => {
            for mark in marks {
                draw(mark, canvas);
            }
            Ok(())
        }
        Mark::Rect {
            x,
            y,
            width,
            height,
            fill,
            stroke: outline,
        } => {
            let mut style = PrimitiveStyleBuilder::new();
            if let Some(fill) = fill {
                style = style.fill_color(rgb(*fill));
            }
            if let Some(outline) = outline {
                style = style.stroke_color(rgb(*outline)).stroke_width(1);
            }
            let size = Extent::new(width.round() as u32, height.round() as u32);
            Rectangle::new(point((*x, *y)), size)
                .into_styled(style.build())
                .draw(canvas)
        }
        Mark::Line {
            from,
            to,
            colour,
            width,
        } => Line::new(point(*from), point(*to))
            .into_styled(PrimitiveStyle::with_stroke(rgb(*colour), stroke(*width)))
            .draw(canvas),
        Mark::Polyline {
            points,
            colour,
            width,
            ..
        } => {
            let points: Vec<Point> = points.iter().copied().map(point).collect();
            Polyline::new(&points)
                .into_styled(PrimitiveStyle::with_stroke(rgb(*colour), stroke(*width)))
                .draw(canvas)
        }
        Mark::Text {
            at,
            text,
            anchor,
            size,
            colour,
        } => {
            let font = match size {
                TextSize::Title => &FONT_9X15_BOLD,
                TextSize::Normal => &FONT_7X13,
            };
            let alignment = match anchor {
                Anchor::Start => Alignment::Left,
                Anchor::Middle => Alignment::Center,
                Anchor::End => Alignment::Right,
            };
            let layout = TextStyleBuilder::new()
                .alignment(alignment)
                .baseline(Baseline::Alphabetic)
                .build();
            Text::with_text_style(
                text,
                point(*at),
                MonoTextStyle::new(font, rgb(*colour)),
                layout,
            )
            .draw(canvas)
            .map(|_| ())
        }
    };
}

/// Draws `marks` and writes them as an RGB PNG of the chart's size.
pub fn write_png(marks: &[Mark], out: impl Write) -> anyhow::Result<()> {
    let mut canvas = Canvas::new(WIDTH, HEIGHT);
    for mark in marks {
        draw(mark, &mut canvas);
    }
    let mut encoder = png::Encoder::new(out, WIDTH, HEIGHT);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&canvas.pixels)?;
    writer.finish()?;
    Ok(())
}
