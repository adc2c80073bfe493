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
    /// Rows of the torus.
    pub rows: usize,
    /// Columns of the torus.
    pub cols: usize,
    /// Generations since the start.
    pub generation: u64,
    /// Live cells.
    pub population: usize,
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
        let speed = if self.gens_per_frame > 1 {
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
            (format!("{}x{}", self.rows, self.cols), 2),
            (format!("gen {}", self.generation), 11),
            (format!("pop {}", self.population), 8),
            (
                (if self.paused { "paused" } else { "running" }).to_owned(),
                10,
            ),
            (speed, 7),
            (measured, 6),
            (self.engine.to_owned(), 3),
            (self.density.name().to_owned(), 4),
            ("? keys".to_owned(), 1),
        ];
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
            rows: 20,
            cols: 40,
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
    fn status_line_golden() {
        let rule: Rule = "B36/S23".parse().expect("rule");
        let mut status = Status {
            name: "Gosper glider gun",
            rule: &rule,
            rows: 236,
            cols: 400,
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
