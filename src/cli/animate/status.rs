//! The animation's status line.

use corolife::Rule;
use corolife::render::glyphs::Density;

/// What the status line reports.
#[derive(Clone, Debug)]
pub struct Status<'a> {
    /// The pattern's name.
    pub name: &'a str,
    /// The rule the cells follow.
    pub rule: &'a Rule,
    /// Where the cells live: the torus's size (`20x40`), `plane`, or a
    /// Golly grid's suffix.
    pub world: &'a str,
    /// Cells a dot along each side as a power of two, where the view
    /// zooms (not on a torus).
    pub zoom: Option<u32>,
    /// Whether the view follows the pattern.
    pub tracking: bool,
    /// A passing message, such as that the history is used up.
    pub notice: Option<&'a str>,
    /// Generations since the start.
    pub generation: u64,
    /// Live cells.
    pub population: u64,
    /// Whether the animation is paused.
    pub paused: bool,
    /// Frames per second asked for.
    pub fps: u32,
    /// Generations computed per frame.
    pub gens_per_frame: u32,
    /// Generations per second measured over the last moments, if running.
    pub measured: Option<f64>,
    /// The engine, as it should be shown (name and, for a parallel engine,
    /// how it splits the work).
    pub engine: &'a str,
    /// The density of the view.
    pub density: Density,
}

/// Separates the fields of the status line.
const SEPARATOR: &str = " · ";

impl Status<'_> {
    /// The status line, exactly `width` characters: the fields in a fixed
    /// order, separated by ` · `. When they do not all fit, the least
    /// important go first (the key hint, the torus size, the engine…), then
    /// the line is cut.
    pub fn line(&self, width: usize) -> String {
        let speed = if self.gens_per_frame > 64 {
            format!(
                "{} fps{SEPARATOR}step 2^{}",
                self.fps,
                self.gens_per_frame.trailing_zeros()
            )
        } else if self.gens_per_frame > 1 {
            format!("{} fps ×{}", self.fps, self.gens_per_frame)
        } else {
            format!("{} fps", self.fps)
        };
        let measured = match self.measured {
            Some(rate) => format!("{rate:.1} gen/s"),
            None => "– gen/s".to_owned(),
        };
        // (text, importance): the lowest importance is dropped first.
        let mut fields = vec![
            (self.name.to_owned(), 9),
            (self.rule.to_string(), 5),
            // A torus's size is known from the command line; the plane or
            // a Golly grid, seen zoomed, is worth keeping longer.
            (
                self.world.to_owned(),
                if self.zoom.is_some() { 6 } else { 2 },
            ),
            (format!("gen {}", self.generation), 11),
            (format!("pop {}", self.population), 8),
        ];
        if let Some(notice) = self.notice {
            fields.push((notice.to_owned(), 12));
        }
        if let Some(zoom) = self.zoom {
            fields.push((format!("1:{}", 1u64 << zoom.min(63)), 7));
        }
        if self.tracking {
            fields.push(("tracking".to_owned(), 2));
        }
        fields.extend([
            (
                (if self.paused { "paused" } else { "running" }).to_owned(),
                10,
            ),
            (speed, 7),
            (measured, 6),
            (self.engine.to_owned(), 3),
            (self.density.name().to_owned(), 4),
            ("? keys".to_owned(), 1),
        ]);
        let length = |fields: &[(String, u8)]| {
            fields.iter().map(|(t, _)| t.chars().count()).sum::<usize>()
                + SEPARATOR.chars().count() * fields.len().saturating_sub(1)
        };
        while length(&fields) > width && fields.len() > 1 {
            let least = fields
                .iter()
                .enumerate()
                .min_by_key(|(_, (_, importance))| *importance)
                .map_or(0, |(index, _)| index);
            fields.remove(least);
        }
        let text: Vec<&str> = fields.iter().map(|(t, _)| t.as_str()).collect();
        to_width(&text.join(SEPARATOR), width)
    }
}

/// The eighths of a block, lowest first, that the population graph is
/// drawn with.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The population graph, exactly `width` characters: the range of the
/// samples shown (`pop 12–104 `), then the newest samples that fit, one
/// bar each, scaled from the least to the most of them (all at the lowest
/// bar when they are equal).
pub fn sparkline(samples: &[u64], width: usize) -> String {
    let range = |samples: &[u64]| -> Option<(u64, u64)> {
        let least = samples.iter().min()?;
        let most = samples.iter().max()?;
        Some((*least, *most))
    };
    let label = |range: Option<(u64, u64)>| match range {
        Some((least, most)) => format!("pop {least}–{most} "),
        None => "pop ".to_owned(),
    };
    // The label of all the samples is at least as long as that of those
    // shown, so what it leaves is room enough.
    let room = width.saturating_sub(label(range(samples)).chars().count());
    let shown = &samples[samples.len().saturating_sub(room)..];
    let bounds = range(shown);
    let bars: String = shown
        .iter()
        .map(|&p| {
            let level = match bounds {
                Some((least, most)) if most > least => {
                    (u128::from(p - least) * 7 / u128::from(most - least)) as usize
                }
                _ => 0,
            };
            BARS[level.min(7)]
        })
        .collect();
    to_width(&format!("{}{bars}", label(bounds)), width)
}

/// `text` cut or padded with spaces to exactly `width` characters.
fn to_width(text: &str, width: usize) -> String {
    let mut line: String = text.chars().take(width).collect();
    let length = line.chars().count();
    line.extend(std::iter::repeat_n(' ', width - length));
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_line_drops_the_least_important_fields_first() {
        let status = Status {
            name: "Glider",
            rule: &Rule::LIFE,
            world: "20x40",
            zoom: None,
            tracking: false,
            notice: None,
            generation: 12,
            population: 5,
            paused: false,
            fps: 30,
            gens_per_frame: 1,
            measured: Some(29.96),
            engine: "sequential",
            density: Density::Half,
        };
        assert_eq!(
            status.line(120).trim_end(),
            "Glider · B3/S23 · 20x40 · gen 12 · pop 5 · running · 30 fps · 30.0 gen/s · sequential · half · ? keys",
        );
        assert_eq!(
            status.line(60).trim_end(),
            "Glider · gen 12 · pop 5 · running · 30 fps · 30.0 gen/s",
        );
    }

    #[test]
    fn the_plane_shows_its_zoom_step_and_notice() {
        let status = Status {
            name: "Acorn",
            rule: &Rule::LIFE,
            world: "plane",
            zoom: Some(3),
            tracking: true,
            notice: Some("history used up"),
            generation: 5000,
            population: 633,
            paused: false,
            fps: 60,
            gens_per_frame: 1 << 10,
            measured: None,
            engine: "hashlife",
            density: Density::Half,
        };
        assert_eq!(
            status.line(200).trim_end(),
            "Acorn · B3/S23 · plane · gen 5000 · pop 633 · history used up · 1:8 · tracking · \
             running · 60 fps · step 2^10 · – gen/s · hashlife · half · ? keys"
        );
    }

    #[test]
    fn the_graph_scales_the_newest_samples_that_fit() {
        assert_eq!(sparkline(&[0, 7, 14, 7], 20), "pop 0–14 ▁▄█▄       ");
        assert_eq!(sparkline(&[5, 5], 12), "pop 5–5 ▁▁  ");
        // Only the newest fit, and the range is theirs.
        assert_eq!(sparkline(&[100, 1, 2, 3], 13), "pop 1–3 ▁▄█  ");
        assert_eq!(sparkline(&[], 6), "pop   ");
        assert_eq!(sparkline(&[3], 2), "po");
    }

    #[test]
    fn status_line_golden() {
        let rule: Rule = "B36/S23".parse().expect("rule");
        let mut status = Status {
            name: "Gosper glider gun",
            rule: &rule,
            world: "236x400",
            zoom: None,
            tracking: false,
            notice: None,
            generation: 1234,
            population: 104,
            paused: true,
            fps: 60,
            gens_per_frame: 4,
            measured: None,
            engine: "bands (2 threads)",
            density: Density::Braille,
        };
        assert_eq!(
            status.line(200).trim_end(),
            "Gosper glider gun · B36/S23 · 236x400 · gen 1234 · pop 104 · paused · 60 fps ×4 · \
             – gen/s · bands (2 threads) · braille · ? keys"
        );
        status.paused = false;
        status.measured = Some(231.04);
        let narrow = status.line(80);
        assert_eq!(narrow.chars().count(), 80);
        assert_eq!(
            narrow.trim_end(),
            "Gosper glider gun · gen 1234 · pop 104 · running · 60 fps ×4 · 231.0 gen/s"
        );
        assert_eq!(status.line(3), "gen");
        assert_eq!(status.line(0), "");
    }
}
