//! The chart's layout: scales, ticks, labels, legend and lines, as a list
//! of marks in pixels that the SVG and PNG back ends both draw, so the two
//! pictures are the same chart.
//!
//! A series of more generations than the plot has pixel columns is
//! simplified: in each pixel column the line keeps the first and the last
//! point and the lowest and the highest, in their order. Every point left
//! out then lies, in its column, between the lowest and the highest point
//! the line passes through there: the line drawn is within one pixel
//! (horizontally) of every point of the full series, and its points are
//! points of the series.

use corolife::population::Counts;

/// The chart's width in pixels (also the SVG's width).
pub const WIDTH: u32 = 800;

/// The chart's height in pixels.
pub const HEIGHT: u32 = 480;

/// The plot area: the axes meet at its bottom-left corner.
const LEFT: f64 = 80.0;
const RIGHT: f64 = 780.0;
const TOP: f64 = 56.0;
const BOTTOM: f64 = 420.0;

/// About how many ticks an axis has.
const TICKS: u64 = 6;

/// The longest title shown, in characters.
const MAX_TITLE: usize = 70;

/// A colour, red, green, blue.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Colour(pub u8, pub u8, pub u8);

impl Colour {
    const WHITE: Colour = Colour(0xff, 0xff, 0xff);
    const BLACK: Colour = Colour(0x20, 0x20, 0x20);
    const GRID: Colour = Colour(0xe0, 0xe0, 0xe0);
    const FRAME: Colour = Colour(0xa0, 0xa0, 0xa0);

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Which point of a text its position gives, horizontally; vertically it
/// is always the baseline.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// A text's size: the title's, or every other text's.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TextSize {
    Title,
    Normal,
}

impl TextSize {
    /// The size in pixels, for SVG.
    pub fn pixels(self) -> u32 {
        match self {
            TextSize::Title => 16,
            TextSize::Normal => 12,
        }
    }
}

/// One thing drawn, in pixels from the top-left corner.
#[derive(Clone, PartialEq, Debug)]
pub enum Mark {
    /// Marks drawn together; `class` names them in the SVG.
    Group { class: String, marks: Vec<Mark> },
    /// A rectangle, filled, outlined, or both.
    Rect {
        x: f64,
        y: f64,
        width: f64,
        height: f64,
        fill: Option<Colour>,
        stroke: Option<Colour>,
    },
    /// A straight line.
    Line {
        from: (f64, f64),
        to: (f64, f64),
        colour: Colour,
        width: f64,
    },
    /// A series' line through its points.
    Polyline {
        name: &'static str,
        points: Vec<(f64, f64)>,
        colour: Colour,
        width: f64,
    },
    /// Text, `at` its anchor on the baseline.
    Text {
        at: (f64, f64),
        text: String,
        anchor: Anchor,
        size: TextSize,
        colour: Colour,
    },
}

/// A series: its name, its colour, and its value in a counts.
type Series = (&'static str, Colour, fn(&Counts) -> u64);

/// The three series.
const SERIES: [Series; 3] = [
    ("population", Colour(0x1f, 0x5f, 0xb4), |c| c.population),
    ("births", Colour(0x2c, 0xa0, 0x2c), |c| c.births),
    ("deaths", Colour(0xd6, 0x27, 0x28), |c| c.deaths),
];

/// The chart of `series` (generations in order), titled `title`.
pub fn chart(title: &str, series: &[Counts]) -> Vec<Mark> {
    let first = series.first().map_or(0, |c| c.generation);
    let last = series.last().map_or(0, |c| c.generation);
    let span = (last - first).max(1);
    let highest = series
        .iter()
        .flat_map(|c| SERIES.map(|(_, _, value)| value(c)))
        .max()
        .unwrap_or(0)
        .max(1);
    let x_step = nice_step(span, TICKS);
    let y_step = nice_step(highest, TICKS);
    // The vertical axis ends on a tick at or above the highest value.
    let top = highest.div_ceil(y_step).saturating_mul(y_step);
    let x_of = |generation: u64| LEFT + (generation - first) as f64 / span as f64 * (RIGHT - LEFT);
    let y_of = |value: u64| BOTTOM - value as f64 / top as f64 * (BOTTOM - TOP);

    let mut marks = vec![Mark::Rect {
        x: 0.0,
        y: 0.0,
        width: f64::from(WIDTH),
        height: f64::from(HEIGHT),
        fill: Some(Colour::WHITE),
        stroke: None,
    }];

    // Grid lines and ticks, with their labels.
    let mut x_ticks = Vec::new();
    for offset in multiples(x_step, span) {
        let x = x_of(first + offset);
        x_ticks.push(Mark::Group {
            class: "tick x".into(),
            marks: vec![
                line((x, TOP), (x, BOTTOM), Colour::GRID),
                line((x, BOTTOM), (x, BOTTOM + 5.0), Colour::BLACK),
                text((x, BOTTOM + 19.0), number(first + offset), Anchor::Middle),
            ],
        });
    }
    let mut y_ticks = Vec::new();
    for value in multiples(y_step, top) {
        let y = y_of(value);
        y_ticks.push(Mark::Group {
            class: "tick y".into(),
            marks: vec![
                line((LEFT, y), (RIGHT, y), Colour::GRID),
                line((LEFT - 5.0, y), (LEFT, y), Colour::BLACK),
                text((LEFT - 8.0, y + 4.0), number(value), Anchor::End),
            ],
        });
    }
    marks.push(group("ticks", [x_ticks, y_ticks].concat()));

    // The series, the population last so that it is drawn on top.
    let mut lines = Vec::new();
    for (name, colour, value) in SERIES.iter().rev() {
        let points: Vec<(f64, f64)> = series
            .iter()
            .map(|c| (x_of(c.generation), y_of(value(c))))
            .collect();
        lines.push(Mark::Polyline {
            name,
            points: simplify(&points, LEFT),
            colour: *colour,
            width: 1.5,
        });
    }
    marks.push(group("series", lines));

    marks.push(group(
        "axes",
        vec![
            line((LEFT, BOTTOM), (RIGHT, BOTTOM), Colour::BLACK),
            line((LEFT, TOP), (LEFT, BOTTOM), Colour::BLACK),
        ],
    ));
    marks.push(group(
        "labels",
        vec![
            text(
                ((LEFT + RIGHT) / 2.0, BOTTOM + 42.0),
                "generation".into(),
                Anchor::Middle,
            ),
            text((LEFT, TOP - 10.0), "cells".into(), Anchor::Middle),
        ],
    ));
    marks.push(group(
        "title",
        vec![Mark::Text {
            at: (f64::from(WIDTH) / 2.0, 28.0),
            text: shorten(title, MAX_TITLE),
            anchor: Anchor::Middle,
            size: TextSize::Title,
            colour: Colour::BLACK,
        }],
    ));
    marks.push(group("legend", legend()));
    marks
}

/// The legend, in the plot's top-right corner: a stroke of each series'
/// colour and its name.
fn legend() -> Vec<Mark> {
    let (width, row) = (120.0, 18.0);
    let (x, y) = (RIGHT - width - 8.0, TOP + 8.0);
    let mut marks = vec![Mark::Rect {
        x,
        y,
        width,
        height: row * SERIES.len() as f64 + 8.0,
        fill: Some(Colour::WHITE),
        stroke: Some(Colour::FRAME),
    }];
    for (i, (name, colour, _)) in SERIES.iter().enumerate() {
        let middle = y + 4.0 + row * (i as f64 + 0.5);
        marks.push(Mark::Line {
            from: (x + 8.0, middle),
            to: (x + 32.0, middle),
            colour: *colour,
            width: 2.0,
        });
        marks.push(text(
            (x + 40.0, middle + 4.0),
            (*name).into(),
            Anchor::Start,
        ));
    }
    marks
}

fn group(class: &str, marks: Vec<Mark>) -> Mark {
    Mark::Group {
        class: class.into(),
        marks,
    }
}

fn line(from: (f64, f64), to: (f64, f64), colour: Colour) -> Mark {
    Mark::Line {
        from,
        to,
        colour,
        width: 1.0,
    }
}

fn text(at: (f64, f64), text: String, anchor: Anchor) -> Mark {
    Mark::Text {
        at,
        text,
        anchor,
        size: TextSize::Normal,
        colour: Colour::BLACK,
    }
}

/// The smallest of 1, 2 and 5 times a power of ten that cuts `0..=max`
/// into at most about `ticks` pieces.
pub fn nice_step(max: u64, ticks: u64) -> u64 {
    let raw = max.div_ceil(ticks.max(1)).max(1);
    let mut power: u64 = 1;
    loop {
        for factor in [1, 2, 5] {
            match power.checked_mul(factor) {
                Some(step) if step >= raw => return step,
                Some(_) => {}
                None => return raw,
            }
        }
        match power.checked_mul(10) {
            Some(next) => power = next,
            None => return raw,
        }
    }
}

/// 0, step, 2·step, … up to `max`.
fn multiples(step: u64, max: u64) -> impl Iterator<Item = u64> {
    (0..=max / step).map(move |i| i * step)
}

/// A tick's number: digits, or with k, M, G … for round large ones, so
/// that a label stays short.
pub fn number(value: u64) -> String {
    const UNITS: [(u64, &str); 5] = [
        (1_000_000_000_000_000, "P"),
        (1_000_000_000_000, "T"),
        (1_000_000_000, "G"),
        (1_000_000, "M"),
        (1_000, "k"),
    ];
    if value >= 100_000 {
        for (unit, suffix) in UNITS {
            if value >= unit && value.is_multiple_of(unit / 100) {
                let whole = value / unit;
                let hundredths = value % unit / (unit / 100);
                return match hundredths {
                    0 => format!("{whole}{suffix}"),
                    h if h % 10 == 0 => format!("{whole}.{}{suffix}", h / 10),
                    h => format!("{whole}.{h:02}{suffix}"),
                };
            }
        }
    }
    value.to_string()
}

/// `text`, cut to `max` characters with `...` if longer.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max.saturating_sub(3)).collect();
    format!("{kept}...")
}

/// The points a line needs to look as the full series does (see the
/// [module documentation](self)): in each pixel column from `left`, the
/// first, lowest, highest and last, in order.
pub fn simplify(points: &[(f64, f64)], left: f64) -> Vec<(f64, f64)> {
    let column = |x: f64| (x - left).floor() as i64;
    let mut kept = Vec::new();
    let mut start = 0;
    while start < points.len() {
        let here = column(points[start].0);
        let end = points[start..]
            .iter()
            .position(|p| column(p.0) != here)
            .map_or(points.len(), |n| start + n);
        let run = &points[start..end];
        let (mut low, mut high) = (0, 0);
        for (i, p) in run.iter().enumerate() {
            if p.1 > run[low].1 {
                low = i;
            }
            if p.1 < run[high].1 {
                high = i;
            }
        }
        let mut picked = [0, low, high, run.len() - 1];
        picked.sort_unstable();
        let mut previous = None;
        for i in picked {
            if previous != Some(i) {
                kept.push(run[i]);
                previous = Some(i);
            }
        }
        start = end;
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(6000, 6), 1000);
        assert_eq!(nice_step(6001, 6), 2000);
        assert_eq!(nice_step(1100, 6), 200);
        assert_eq!(nice_step(10, 6), 2);
        assert_eq!(nice_step(1, 6), 1);
        assert_eq!(nice_step(0, 6), 1);
        assert_eq!(nice_step(27, 6), 5);
        let huge = nice_step(u64::MAX, 6);
        assert!(huge >= u64::MAX / 6, "{huge}");
    }

    #[test]
    fn large_round_numbers_are_short() {
        assert_eq!(number(0), "0");
        assert_eq!(number(6000), "6000");
        assert_eq!(number(50_000), "50000");
        assert_eq!(number(200_000), "200k");
        assert_eq!(number(2_500_000), "2.5M");
        assert_eq!(number(1_250_000_000), "1.25G");
        assert_eq!(number(123_456), "123456");
    }

    #[test]
    fn the_axes_end_on_ticks_and_every_series_is_drawn() {
        let series: Vec<Counts> = (0..=10)
            .map(|g| Counts {
                generation: g,
                population: 3 * g,
                births: g,
                deaths: 0,
            })
            .collect();
        let marks = chart("a title", &series);
        let mut names = Vec::new();
        let mut texts = Vec::new();
        fn walk<'a>(marks: &'a [Mark], names: &mut Vec<&'a str>, texts: &mut Vec<&'a str>) {
            for mark in marks {
                match mark {
                    Mark::Group { marks, .. } => walk(marks, names, texts),
                    Mark::Polyline { name, points, .. } => {
                        assert_eq!(points.len(), 11, "{name}: as many points as generations");
                        names.push(name);
                    }
                    Mark::Text { text, .. } => texts.push(text),
                    _ => {}
                }
            }
        }
        walk(&marks, &mut names, &mut texts);
        names.sort_unstable();
        assert_eq!(names, ["births", "deaths", "population"]);
        for wanted in [
            "a title",
            "generation",
            "cells",
            "0",
            "10",
            "30",
            "population",
        ] {
            assert!(texts.contains(&wanted), "{wanted} in {texts:?}");
        }
    }

    #[test]
    fn simplifying_keeps_each_columns_extremes_in_order() {
        // Five points in column 0, of which (0.3, 6.0) is neither first,
        // last, lowest nor highest; two in column 1, one in column 3.
        let points = [
            (0.1, 5.0),
            (0.3, 6.0),
            (0.5, 9.0),
            (0.7, 1.0),
            (0.9, 4.0),
            (1.2, 2.0),
            (1.8, 2.0),
            (3.0, 7.0),
        ];
        assert_eq!(
            simplify(&points, 0.0),
            [
                (0.1, 5.0),
                (0.5, 9.0),
                (0.7, 1.0),
                (0.9, 4.0),
                (1.2, 2.0),
                (1.8, 2.0),
                (3.0, 7.0)
            ]
        );
        let dense: Vec<(f64, f64)> = (0..1000)
            .map(|i| (f64::from(i) / 100.0, f64::from(i % 7)))
            .collect();
        let kept = simplify(&dense, 0.0);
        assert!(kept.len() <= 40, "{} points", kept.len());
        for column in 0..10 {
            let ys: Vec<f64> = kept
                .iter()
                .filter(|p| p.0.floor() as i32 == column)
                .map(|p| p.1)
                .collect();
            assert!(
                ys.contains(&0.0) && ys.contains(&6.0),
                "column {column}: {ys:?}"
            );
        }
    }
}
