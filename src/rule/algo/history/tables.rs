//! Golly's default colours for the Super family's states, and short names
//! for what each state does.

use super::Kind;

/// `History`'s colours: black-grey background, green on, dark blue
/// history, pale green marked on, red marked off, yellow start, grey
/// boundary.
const HISTORY_COLOURS: [[u8; 3]; 7] = [
    [48, 48, 48],
    [0, 255, 0],
    [0, 0, 128],
    [216, 255, 216],
    [255, 0, 0],
    [255, 255, 0],
    [96, 96, 96],
];

/// `Super`'s colours: states 2 and 3 differ from `History`'s (a brighter
/// blue, and pink rather than pale green).
const SUPER_COLOURS: [[u8; 3]; 26] = [
    [48, 48, 48],
    [0, 255, 0],
    [0, 0, 160],
    [255, 216, 255],
    [255, 0, 0],
    [255, 255, 0],
    [96, 96, 96],
    [255, 105, 180],
    [128, 0, 128],
    [0, 191, 255],
    [0, 64, 128],
    [64, 224, 208],
    [0, 128, 64],
    [255, 255, 255],
    [255, 99, 71],
    [250, 128, 114],
    [219, 112, 147],
    [255, 165, 0],
    [245, 222, 179],
    [0, 255, 255],
    [192, 192, 192],
    [192, 255, 128],
    [255, 182, 193],
    [0, 255, 127],
    [1, 1, 1],
    [255, 0, 127],
];

/// `Investigator`'s colours.
const INVESTIGATOR_COLOURS: [[u8; 3]; 21] = [
    [0, 0, 0],
    [0, 236, 91],
    [0, 192, 254],
    [254, 0, 0],
    [254, 254, 254],
    [75, 75, 75],
    [239, 41, 254],
    [64, 0, 128],
    [254, 230, 0],
    [150, 128, 0],
    [130, 200, 0],
    [0, 120, 40],
    [254, 140, 0],
    [140, 70, 0],
    [0, 0, 254],
    [192, 192, 192],
    [128, 128, 128],
    [254, 112, 140],
    [174, 0, 168],
    [0, 152, 127],
    [0, 73, 59],
];

const HISTORY_NAMES: [&str; 7] = [
    "off",
    "on",
    "history",
    "marked on",
    "marked off",
    "start on",
    "boundary",
];

const SUPER_NAMES: [&str; 26] = [
    "off",
    "on, trail 1",
    "trail 1",
    "marked on",
    "marked off",
    "start on",
    "boundary",
    "marked on, trail stop",
    "marked off, trail stop",
    "on, trail 2",
    "trail 2",
    "on, trail 3",
    "trail 3",
    "on, no trail 1",
    "vanishing label",
    "on, no trail 2",
    "removable label",
    "on, no trail 3",
    "cycling label 1",
    "on, no trail 4",
    "cycling label 2",
    "on, no trail 5",
    "cycling label 3",
    "on, no trail 6",
    "hidden label",
    "on, no trail 7",
];

const INVESTIGATOR_NAMES: [&str; 21] = [
    "off",
    "on",
    "killer on",
    "killer off",
    "eternal on",
    "eternal off",
    "blinking killer on",
    "blinking killer off",
    "egg on",
    "egg off",
    "blinking on",
    "blinking off",
    "blinking egg on",
    "blinking egg off",
    "inverter",
    "catalyst",
    "catalyst killer",
    "on for births",
    "off for births",
    "blinking on for births",
    "blinking off for births",
];

/// The colours of `kind`'s states, state 0 first.
pub(super) fn colours(kind: Kind) -> &'static [[u8; 3]] {
    match kind {
        Kind::History => &HISTORY_COLOURS,
        Kind::Super => &SUPER_COLOURS,
        Kind::Investigator => &INVESTIGATOR_COLOURS,
    }
}

/// The names of `kind`'s states, state 0 first.
pub(super) fn names(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::History => &HISTORY_NAMES,
        Kind::Super => &SUPER_NAMES,
        Kind::Investigator => &INVESTIGATOR_NAMES,
    }
}
