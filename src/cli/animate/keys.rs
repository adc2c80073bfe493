//! The animation's keys, and the help overlay that lists them.
//!
//! [`KEYS`] is the one list of what each key does: the key handler finds
//! keys in it and the help overlay prints it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks the animation to do.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Action {
    /// Give the terminal back and end.
    Quit,
    /// Pause or resume.
    Pause,
    /// One generation, pausing first.
    Step,
    /// The next speed up.
    Faster,
    /// The next speed down.
    Slower,
    /// Move the view by this many lines and columns of characters.
    Pan {
        /// Lines down (negative: up).
        lines: i64,
        /// Columns right (negative: left).
        columns: i64,
    },
    /// The next density.
    Density,
    /// Back one frame, pausing first.
    Back,
    /// Twice as many cells a dot (the plane and Golly's grids).
    ZoomOut,
    /// Half as many cells a dot.
    ZoomIn,
    /// Show the whole pattern, as large as it fits.
    Fit,
    /// Follow the pattern, or stop following it.
    Track,
    /// Show or hide the population graph.
    Graph,
    /// Back to generation 0 of the pattern.
    Restart,
    /// Empty the torus and pause.
    Clear,
    /// Fill the torus with a random soup.
    Soup,
    /// Show or hide the help overlay.
    Help,
    /// Give the terminal back and stop, as Ctrl-Z stops a program outside
    /// raw mode; `fg` takes it again.
    Suspend,
}

/// A key, as the table names it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Key {
    /// A character typed without Ctrl; other modifiers do not matter.
    Char(char),
    /// A character typed with Ctrl.
    Ctrl(char),
    /// A key that is not a character, with any modifiers.
    Code(KeyCode),
}

impl Key {
    /// Whether `event` is this key.
    fn matches(self, event: &KeyEvent) -> bool {
        let control = event.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Char(c) => event.code == KeyCode::Char(c) && !control,
            Key::Ctrl(c) => event.code == KeyCode::Char(c) && control,
            Key::Code(code) => event.code == code,
        }
    }
}

/// One line of the help overlay: the keys as it names them, what they do,
/// and the keys bound to actions behind it. The mouse's lines bind no keys.
pub struct Line {
    /// The keys, as the overlay names them.
    pub keys: &'static str,
    /// What they do.
    pub does: &'static str,
    /// Each key and its action.
    pub bindings: &'static [(Key, Action)],
}

/// Moves for the pan keys: a line or a column of characters.
const LEFT: Action = Action::Pan {
    lines: 0,
    columns: -1,
};
const RIGHT: Action = Action::Pan {
    lines: 0,
    columns: 1,
};
const UP: Action = Action::Pan {
    lines: -1,
    columns: 0,
};
const DOWN: Action = Action::Pan {
    lines: 1,
    columns: 0,
};

/// The animation's keys: what the key handler looks up, and what the help
/// overlay lists, so that the two cannot disagree. A few bindings are not
/// named on their line: `=` and `_`, the same keys as `+` and `-` without
/// or with Shift, and Ctrl-Q, as `q` quits whatever modifiers are held.
pub const KEYS: [Line; 18] = [
    Line {
        keys: "space",
        does: "pause or resume",
        bindings: &[(Key::Char(' '), Action::Pause)],
    },
    Line {
        keys: "n  .",
        does: "one generation (pauses)",
        bindings: &[
            (Key::Char('n'), Action::Step),
            (Key::Char('.'), Action::Step),
        ],
    },
    Line {
        keys: "b  Backspace",
        does: "back one frame or step (pauses)",
        bindings: &[
            (Key::Char('b'), Action::Back),
            (Key::Code(KeyCode::Backspace), Action::Back),
        ],
    },
    Line {
        keys: "+  -",
        does: "faster or slower (then steps of 2^k)",
        bindings: &[
            (Key::Char('+'), Action::Faster),
            (Key::Char('='), Action::Faster),
            (Key::Char('-'), Action::Slower),
            (Key::Char('_'), Action::Slower),
        ],
    },
    Line {
        keys: "arrows  hjkl",
        does: "pan (stops tracking)",
        bindings: &[
            (Key::Code(KeyCode::Left), LEFT),
            (Key::Char('h'), LEFT),
            (Key::Code(KeyCode::Right), RIGHT),
            (Key::Char('l'), RIGHT),
            (Key::Code(KeyCode::Up), UP),
            (Key::Char('k'), UP),
            (Key::Code(KeyCode::Down), DOWN),
            (Key::Char('j'), DOWN),
        ],
    },
    Line {
        keys: "z",
        does: "density: cell, half, braille",
        bindings: &[(Key::Char('z'), Action::Density)],
    },
    Line {
        keys: "[  ]",
        does: "zoom out or in (not on a torus)",
        bindings: &[
            (Key::Char('['), Action::ZoomOut),
            (Key::Char(']'), Action::ZoomIn),
        ],
    },
    Line {
        keys: "f",
        does: "fit the whole pattern on screen",
        bindings: &[(Key::Char('f'), Action::Fit)],
    },
    Line {
        keys: "t",
        does: "track: keep the pattern in the middle",
        bindings: &[(Key::Char('t'), Action::Track)],
    },
    Line {
        keys: "g",
        does: "population graph",
        bindings: &[(Key::Char('g'), Action::Graph)],
    },
    Line {
        keys: "r",
        does: "restart from generation 0",
        bindings: &[(Key::Char('r'), Action::Restart)],
    },
    Line {
        keys: "c",
        does: "clear (pauses)",
        bindings: &[(Key::Char('c'), Action::Clear)],
    },
    Line {
        keys: "R",
        does: "random soup",
        bindings: &[(Key::Char('R'), Action::Soup)],
    },
    Line {
        keys: "click",
        does: "toggle cells (paused)",
        bindings: &[],
    },
    Line {
        keys: "drag",
        does: "paint as the click did (paused)",
        bindings: &[],
    },
    Line {
        keys: "?",
        does: "show or hide these keys",
        bindings: &[(Key::Char('?'), Action::Help)],
    },
    Line {
        keys: "Ctrl-Z",
        does: "suspend (fg resumes)",
        bindings: &[(Key::Ctrl('z'), Action::Suspend)],
    },
    Line {
        keys: "q  Esc  Ctrl-C",
        does: "quit",
        bindings: &[
            (Key::Char('q'), Action::Quit),
            (Key::Ctrl('q'), Action::Quit),
            (Key::Code(KeyCode::Esc), Action::Quit),
            (Key::Ctrl('c'), Action::Quit),
        ],
    },
];

/// The action [`KEYS`] binds to `event`, if any.
pub fn action(event: &KeyEvent) -> Option<Action> {
    KEYS.iter()
        .flat_map(|line| line.bindings)
        .find(|(key, _)| key.matches(event))
        .map(|&(_, action)| action)
}

/// The help overlay: [`KEYS`] in a box drawn with line characters.
pub fn help() -> Vec<String> {
    let key_width = KEYS
        .iter()
        .map(|line| line.keys.chars().count())
        .max()
        .unwrap_or(0);
    let body: Vec<String> = KEYS
        .iter()
        .map(|line| format!("{:<key_width$}  {}", line.keys, line.does))
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
        lines.push(format!("│ {line:<inner$} │"));
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

    #[test]
    fn every_key_a_help_line_names_is_bound_on_that_line() {
        for line in &KEYS {
            let named: Vec<Key> = line
                .keys
                .split_whitespace()
                .flat_map(|word| match word {
                    "space" => vec![Key::Char(' ')],
                    "Esc" => vec![Key::Code(KeyCode::Esc)],
                    "Backspace" => vec![Key::Code(KeyCode::Backspace)],
                    "Ctrl-C" => vec![Key::Ctrl('c')],
                    "Ctrl-Z" => vec![Key::Ctrl('z')],
                    "arrows" => [KeyCode::Left, KeyCode::Right, KeyCode::Up, KeyCode::Down]
                        .map(Key::Code)
                        .to_vec(),
                    "click" | "drag" => Vec::new(),
                    letters => letters.chars().map(Key::Char).collect(),
                })
                .collect();
            for key in &named {
                assert!(
                    line.bindings.iter().any(|(bound, _)| bound == key),
                    "{:?} names {key:?}, which it does not bind",
                    line.keys
                );
            }
            let mouse = matches!(line.keys, "click" | "drag");
            assert_eq!(line.bindings.is_empty(), mouse, "{:?}", line.keys);
        }
    }

    #[test]
    fn no_key_is_bound_twice() {
        let keys: Vec<Key> = KEYS
            .iter()
            .flat_map(|line| line.bindings)
            .map(|&(key, _)| key)
            .collect();
        for (i, key) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(key), "{key:?} is bound twice");
        }
    }

    #[test]
    fn keys_are_told_apart_by_ctrl_but_not_by_other_modifiers() {
        let event = |c, modifiers| KeyEvent::new(KeyCode::Char(c), modifiers);
        assert_eq!(action(&event('c', KeyModifiers::NONE)), Some(Action::Clear));
        assert_eq!(
            action(&event('c', KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(action(&event('R', KeyModifiers::SHIFT)), Some(Action::Soup));
        assert_eq!(
            action(&event('z', KeyModifiers::CONTROL)),
            Some(Action::Suspend)
        );
        let left = KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL);
        assert_eq!(action(&left), Some(LEFT));
        assert_eq!(
            action(&KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE)),
            None
        );
    }
}
