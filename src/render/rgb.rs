//! Colours, shared by the terminal frames and the pictures.

use std::fmt;

/// A colour: red, green and blue, one byte each.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Rgb {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Rgb {
    /// The colour with these components.
    pub const fn new(r: u8, g: u8, b: u8) -> Rgb {
        Rgb { r, g, b }
    }

    /// The sum of the three components: how bright the colour is.
    pub const fn brightness(self) -> u16 {
        self.r as u16 + self.g as u16 + self.b as u16
    }

    /// The colour `fraction` of the way from `self` to `other` (0 is `self`,
    /// 1 is `other`), rounding each component.
    pub fn mix(self, other: Rgb, fraction: f64) -> Rgb {
        let t = fraction.clamp(0.0, 1.0);
        let channel = |a: u8, b: u8| {
            let value = f64::from(a) + (f64::from(b) - f64::from(a)) * t;
            value.round().clamp(0.0, 255.0) as u8
        };
        Rgb {
            r: channel(self.r, other.r),
            g: channel(self.g, other.g),
            b: channel(self.b, other.b),
        }
    }
}

impl fmt::Display for Rgb {
    /// `#rrggbb`, as HTML and SVG write colours.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}
