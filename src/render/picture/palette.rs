//! A picture's colours: the themes, and a palette of one colour per state.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use super::MAX_STATES;
use crate::State;
use crate::render::Rgb;

/// A colour scheme.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Theme {
    /// Dark cells on white: `light`.
    #[default]
    Light,
    /// Amber cells on near-black: `dark`.
    Dark,
}

/// A theme's colours other than the dying states'.
struct Colours {
    background: Rgb,
    alive: Rgb,
    line: Rgb,
    border: Rgb,
}

impl Theme {
    /// Every theme.
    pub const ALL: [Theme; 2] = [Theme::Light, Theme::Dark];

    /// The name used on command lines.
    pub const fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    const fn colours(self) -> Colours {
        match self {
            Theme::Light => Colours {
                background: Rgb::new(0xff, 0xff, 0xff),
                alive: Rgb::new(0x1d, 0x2b, 0x53),
                line: Rgb::new(0xe3, 0xe6, 0xeb),
                border: Rgb::new(0x7b, 0x86, 0x99),
            },
            Theme::Dark => Colours {
                background: Rgb::new(0x10, 0x14, 0x1a),
                alive: Rgb::new(0xff, 0xc8, 0x3d),
                line: Rgb::new(0x22, 0x29, 0x33),
                border: Rgb::new(0x5c, 0x67, 0x78),
            },
        }
    }
}

impl fmt::Display for Theme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A theme name that is not known.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
#[error("unknown theme \"{0}\" (expected light or dark)")]
pub struct UnknownTheme(pub String);

impl FromStr for Theme {
    type Err = UnknownTheme;

    fn from_str(name: &str) -> Result<Theme, UnknownTheme> {
        Theme::ALL
            .into_iter()
            .find(|theme| theme.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| UnknownTheme(name.to_owned()))
    }
}

/// The colours of a picture, by palette index: one per state, then the grid
/// line, then the border (see the [module documentation](super)).
///
/// ```
/// use corolife::State;
/// use corolife::render::picture::{Palette, Theme};
///
/// let palette = Palette::new(Theme::Light, 2);
/// assert_eq!(palette.colours().len(), 4);
/// assert_eq!(palette.index(State::ALIVE), 1);
/// assert_eq!((palette.grid_line(), palette.border()), (2, 3));
/// assert_eq!(palette.colour(State::EMPTY).to_string(), "#ffffff");
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Palette {
    colours: Vec<Rgb>,
    states: usize,
    /// The palette index of each state value.
    lookup: [u8; 256],
}

impl Palette {
    /// The palette of `theme` for a rule with `states` states (2 for
    /// Life-like rules; at least 2 and at most [`MAX_STATES`] are used).
    pub fn new(theme: Theme, states: usize) -> Palette {
        let states = states.clamp(2, MAX_STATES);
        let colours = theme.colours();
        let mut palette = Vec::with_capacity(states + 2);
        palette.push(colours.background);
        palette.push(colours.alive);
        for state in 2..states {
            let fraction = (state - 1) as f64 / (states - 1) as f64;
            palette.push(colours.alive.mix(colours.background, fraction));
        }
        palette.push(colours.line);
        palette.push(colours.border);
        let mut lookup = [0; 256];
        for (value, index) in lookup.iter_mut().enumerate() {
            // At most MAX_STATES - 1, which fits a byte.
            *index = value.min(states - 1) as u8;
        }
        Palette {
            colours: palette,
            states,
            lookup,
        }
    }

    /// The palette of a rule with colours of its own, one per state from
    /// state 0 (at least 2 and at most [`MAX_STATES`] are used); the grid
    /// line and border are `theme`'s.
    ///
    /// ```
    /// use corolife::State;
    /// use corolife::render::Rgb;
    /// use corolife::render::picture::{Palette, Theme};
    ///
    /// let wireworld = [Rgb::new(48, 48, 48), Rgb::new(0, 128, 255), Rgb::new(255, 255, 255), Rgb::new(255, 128, 0)];
    /// let palette = Palette::with_colours(Theme::Dark, &wireworld);
    /// assert_eq!(palette.states(), 4);
    /// assert_eq!(palette.colour(State::new(3)).to_string(), "#ff8000");
    /// ```
    pub fn with_colours(theme: Theme, colours: &[Rgb]) -> Palette {
        let mut palette = Palette::new(theme, colours.len());
        for (slot, &colour) in palette
            .colours
            .iter_mut()
            .zip(colours.iter().take(palette.states))
        {
            *slot = colour;
        }
        palette
    }

    /// The number of states the palette has colours for.
    pub fn states(&self) -> usize {
        self.states
    }

    /// Every colour, by index.
    pub fn colours(&self) -> &[Rgb] {
        &self.colours
    }

    /// The index of `state`'s colour: the state's number, or the last
    /// state's for a state beyond the palette.
    #[inline]
    pub fn index(&self, state: State) -> u8 {
        self.lookup[usize::from(state.value())]
    }

    /// The colour of `state`.
    pub fn colour(&self, state: State) -> Rgb {
        self.colours[usize::from(self.index(state))]
    }

    /// The index of the grid lines' colour.
    pub fn grid_line(&self) -> u8 {
        // states <= MAX_STATES, so this fits a byte.
        self.states as u8
    }

    /// The index of the border's colour.
    pub fn border(&self) -> u8 {
        self.states as u8 + 1
    }

    /// The colours as bytes, `r g b r g b …`: the colour table GIF and PNG
    /// encoders take.
    pub fn to_rgb_bytes(&self) -> Vec<u8> {
        self.colours.iter().flat_map(|c| [c.r, c.g, c.b]).collect()
    }
}
