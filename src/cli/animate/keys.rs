//! The animation's keys, and the help overlay that lists them.

use super::status::fit;

/// The keys of the animation and what they do, for the help overlay.
pub const KEYS: [(&str, &str); 12] = [
    ("space", "pause or resume"),
    ("n  .", "one generation (pauses)"),
    ("+  -", "faster or slower"),
    ("arrows  hjkl", "pan a torus larger than the screen"),
    ("z", "density: cell, half, braille"),
    ("r", "restart from generation 0"),
    ("c", "clear (pauses)"),
    ("R", "random soup"),
    ("click", "toggle cells (paused)"),
    ("drag", "paint as the click did (paused)"),
    ("?", "show or hide these keys"),
    ("q  Esc  Ctrl-C", "quit"),
];

/// The help overlay: [`KEYS`] in a box drawn with line characters.
pub fn help() -> Vec<String> {
    let key_width = KEYS
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let body: Vec<String> = KEYS
        .iter()
        .map(|(key, action)| format!("{key:<key_width$}  {action}"))
        .collect();
    let title = " keys ";
    let inner = body
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        .max(title.len());
    let mut lines = Vec::with_capacity(body.len() + 2);
    let rule = "─".repeat(inner + 2 - title.len());
    lines.push(format!("┌{title}{rule}┐"));
    for line in &body {
        lines.push(format!("│ {} │", fit(line, inner)));
    }
    lines.push(format!("└{}┘", "─".repeat(inner + 2)));
    lines
}

/// Draws `panel` over the middle of `lines`, character by character; the
/// parts of the panel that do not fit are cut.
pub fn overlay(lines: &mut [String], panel: &[String]) {
    let height = lines.len();
    let top = height.saturating_sub(panel.len()) / 2;
    for (line, row) in lines.iter_mut().skip(top).zip(panel) {
        let mut chars: Vec<char> = line.chars().collect();
        let width = row.chars().count();
        let left = chars.len().saturating_sub(width) / 2;
        for (slot, c) in chars.iter_mut().skip(left).zip(row.chars()) {
            *slot = c;
        }
        *line = chars.into_iter().collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_overlays_the_middle_of_the_frame() {
        let panel = help();
        assert!(panel.len() == KEYS.len() + 2);
        let width = panel[0].chars().count();
        assert!(panel.iter().all(|l| l.chars().count() == width));
        let mut lines = vec![".".repeat(60); 20];
        overlay(&mut lines, &panel);
        let top = (20 - panel.len()) / 2;
        assert_eq!(lines[top].chars().nth((60 - width) / 2), Some('┌'));
        assert!(lines[top + 1].contains("space  "));
        assert!(lines.iter().all(|l| l.chars().count() == 60));
        // A panel larger than the frame is cut, never widening it.
        let mut small = vec!["....".to_owned(); 2];
        overlay(&mut small, &panel);
        assert_eq!(small.len(), 2);
        assert!(small.iter().all(|l| l.chars().count() == 4));
    }
}
