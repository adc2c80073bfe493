//! `@TABLE`: a rule table, Golly's list of transitions tried in order,
//! compiled into a lookup array or into bitmasks over the transitions.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;

use super::{RuleFileError, error_at};

/// The most transitions a table may expand to (after variables are bound
/// and symmetries applied), so that a hostile file cannot exhaust memory:
/// each costs some hundreds of bytes while the table is built. Golly's own
/// tables expand to a few thousand at most.
const MAX_EXPANDED: usize = 1 << 18;
/// The largest direct lookup array (one byte per neighbourhood) a table
/// is compiled into; larger tables are matched with bitmasks.
const MAX_LOOKUP: usize = 1 << 20;

/// The neighbourhoods a rule table can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TableNeighbourhood {
    /// `vonNeumann`: N, E, S, W.
    VonNeumann,
    /// `Moore`: all eight neighbours.
    Moore,
    /// `hexagonal`, as Golly draws it on the square grid: the eight
    /// neighbours but NE and SW.
    Hexagonal,
    /// `oneDimensional`: W and E.
    OneDimensional,
}

impl TableNeighbourhood {
    /// The keyword after `neighborhood:`.
    pub fn keyword(self) -> &'static str {
        match self {
            Self::VonNeumann => "vonNeumann",
            Self::Moore => "Moore",
            Self::Hexagonal => "hexagonal",
            Self::OneDimensional => "oneDimensional",
        }
    }

    fn from_keyword(word: &str) -> Option<Self> {
        [
            Self::VonNeumann,
            Self::Moore,
            Self::Hexagonal,
            Self::OneDimensional,
        ]
        .into_iter()
        .find(|n| n.keyword() == word)
    }

    /// The cells a transition lists after the centre, in the table's
    /// order, as indices into the eight neighbours N, NE, E, SE, S, SW, W,
    /// NW.
    pub fn cells(self) -> &'static [usize] {
        match self {
            Self::VonNeumann => &[0, 2, 4, 6],
            Self::Moore => &[0, 1, 2, 3, 4, 5, 6, 7],
            Self::Hexagonal => &[0, 2, 3, 4, 6, 7],
            Self::OneDimensional => &[6, 2],
        }
    }

    /// The symmetries Golly accepts for this neighbourhood.
    pub fn symmetries(self) -> &'static [&'static str] {
        match self {
            Self::VonNeumann => &[
                "none",
                "rotate4",
                "rotate4reflect",
                "reflect_horizontal",
                "permute",
            ],
            Self::Moore => &[
                "none",
                "rotate4",
                "rotate8",
                "rotate4reflect",
                "rotate8reflect",
                "reflect_horizontal",
                "permute",
            ],
            Self::Hexagonal => &[
                "none",
                "rotate2",
                "rotate3",
                "rotate6",
                "rotate6reflect",
                "permute",
            ],
            Self::OneDimensional => &["none", "reflect", "permute"],
        }
    }

    /// The rearrangements of the listed cells that a symmetry stands for,
    /// other than `permute` (which is every rearrangement). Each is a map
    /// from a cell's place to the place it takes its value from.
    fn remaps(self, symmetries: &str) -> Vec<Vec<usize>> {
        let n = self.cells().len();
        // (rotation step, number of rotations, reflection offset)
        let (step, count, reflect): (usize, usize, Option<usize>) = match (self, symmetries) {
            (_, "none") => (1, 1, None),
            (Self::VonNeumann, "rotate4") => (1, 4, None),
            (Self::Moore, "rotate8") => (1, 8, None),
            (Self::Moore, "rotate4") => (2, 4, None),
            (Self::VonNeumann, "rotate4reflect") => (1, 4, Some(0)),
            (Self::Moore, "rotate4reflect") => (2, 4, Some(0)),
            (Self::Moore, "rotate8reflect") => (1, 8, Some(0)),
            (Self::VonNeumann | Self::Moore, "reflect_horizontal") => (1, 1, Some(0)),
            (Self::Hexagonal, "rotate2") => (3, 2, None),
            (Self::Hexagonal, "rotate3") => (2, 3, None),
            (Self::Hexagonal, "rotate6") => (1, 6, None),
            (Self::Hexagonal, "rotate6reflect") => (1, 6, Some(0)),
            (Self::OneDimensional, "reflect") => (1, 1, Some(1)),
            _ => (1, 1, None),
        };
        let mut maps = Vec::new();
        for k in 0..count {
            maps.push((0..n).map(|i| (i + step * k) % n).collect());
            if let Some(offset) = reflect {
                maps.push((0..n).map(|i| (offset + step * k + n - i) % n).collect());
            }
        }
        maps
    }
}

/// A set of states, one bit each.
type StateSet = [u64; 4];

fn singleton(state: u8) -> StateSet {
    let mut set = [0; 4];
    set[usize::from(state >> 6)] |= 1 << (state & 63);
    set
}

fn contains(set: &StateSet, state: usize) -> bool {
    set[state >> 6] >> (state & 63) & 1 == 1
}

/// A rule table: Golly's transitions, tried in order, compiled for speed.
///
/// A transition lists the centre, then the neighbourhood's
/// [cells](TableNeighbourhood::cells), then the new state. The first
/// transition that matches (after the table's symmetries) gives the new
/// state; a cell that no transition matches keeps its state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    neighbourhood: TableNeighbourhood,
    states: u16,
    symmetries: &'static str,
    transitions: usize,
    compiled: Compiled,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Compiled {
    /// The new state of every neighbourhood: the centre is the most
    /// significant digit, then the cells in the table's order, in base
    /// `states`.
    Lookup(Vec<u8>),
    /// For each place (centre, then cells) and state, a bitmask over the
    /// expanded transitions of those that accept that state there:
    /// `masks[(place * states + state) * words + word]`.
    Masks {
        words: usize,
        masks: Vec<u64>,
        outputs: Vec<u8>,
    },
}

impl Table {
    /// The neighbourhood the table names.
    pub fn neighbourhood(&self) -> TableNeighbourhood {
        self.neighbourhood
    }

    /// The number of states.
    pub fn states(&self) -> u16 {
        self.states
    }

    /// The symmetries the table names (`none`, `rotate4`, `permute`, …).
    pub fn symmetries(&self) -> &'static str {
        self.symmetries
    }

    /// How many transitions the table expands to once variables are bound
    /// and symmetries applied, without repeats.
    pub fn expanded_transitions(&self) -> usize {
        self.transitions
    }

    /// The next state of a cell in `own` whose neighbours are `around`
    /// (N, NE, E, SE, S, SW, W, NW). A state out of range matches nothing.
    #[inline]
    pub fn next(&self, own: u8, around: &[u8; 8]) -> u8 {
        let n = usize::from(self.states);
        let cells = self.neighbourhood.cells();
        if usize::from(own) >= n || cells.iter().any(|&c| usize::from(around[c]) >= n) {
            return own;
        }
        match &self.compiled {
            Compiled::Lookup(lut) => {
                let mut index = usize::from(own);
                for &c in cells {
                    index = index * n + usize::from(around[c]);
                }
                lut.get(index).copied().unwrap_or(own)
            }
            Compiled::Masks {
                words,
                masks,
                outputs,
            } => {
                let words = *words;
                for word in 0..words {
                    let mut m = masks[usize::from(own) * words + word];
                    for (place, &c) in cells.iter().enumerate() {
                        if m == 0 {
                            break;
                        }
                        m &= masks[((place + 1) * n + usize::from(around[c])) * words + word];
                    }
                    if m != 0 {
                        let rule = word * 64 + m.trailing_zeros() as usize;
                        return outputs.get(rule).copied().unwrap_or(own);
                    }
                }
                own
            }
        }
    }
}

/// One line of the section, with its number (1-based, in the file).
pub(super) struct Line<'a> {
    pub number: usize,
    pub text: &'a str,
}

/// A token of a line and where it starts (a byte offset in the line).
struct Token<'a> {
    at: usize,
    text: &'a str,
}

fn tokens<'a>(line: &'a str, start: usize, end: usize, delimiters: &[char]) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    let mut begin: Option<usize> = None;
    for (i, ch) in line[start..end].char_indices() {
        let i = i + start;
        if delimiters.contains(&ch) {
            if let Some(b) = begin.take() {
                out.push(Token {
                    at: b,
                    text: &line[b..i],
                });
            }
        } else if begin.is_none() {
            begin = Some(i);
        }
    }
    if let Some(b) = begin {
        out.push(Token {
            at: b,
            text: &line[b..end],
        });
    }
    out
}

fn starts_with_ignore_case(text: &str, keyword: &str) -> bool {
    text.len() >= keyword.len()
        && text.is_char_boundary(keyword.len())
        && text[..keyword.len()].eq_ignore_ascii_case(keyword)
}

/// Reads a leading decimal integer as C's `%d` does (white space, a sign,
/// digits, anything after ignored). `None` if there are no digits.
pub(super) fn leading_int(text: &str) -> Option<i64> {
    let t = text.trim_start();
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let len = digits.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 {
        return None;
    }
    let value = digits[..len].bytes().fold(0i64, |v, d| {
        v.saturating_mul(10).saturating_add(i64::from(d - b'0'))
    });
    Some(if negative { -value } else { value })
}

/// A state written as a number: all digits, below `states`.
fn state_token(
    line: &Line<'_>,
    token: &Token<'_>,
    states: u16,
    what: &str,
) -> Result<u8, RuleFileError> {
    if token.text.is_empty() || !token.text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(error_at(
            line.number,
            line.text,
            token.at,
            format!(
                "{what} `{}` is neither a state nor a known variable",
                token.text
            ),
        ));
    }
    match token.text.parse::<u16>() {
        Ok(s) if s < states => u8::try_from(s)
            .map_err(|_| error_at(line.number, line.text, token.at, "state out of range")),
        _ => Err(error_at(
            line.number,
            line.text,
            token.at,
            format!(
                "state {} out of range (the table has {states} states, 0 to {})",
                token.text,
                states - 1
            ),
        )),
    }
}

/// An input of a transition before expansion.
enum Input {
    Set(StateSet),
    Bound(usize),
}

struct Builder {
    neighbourhood: TableNeighbourhood,
    states: u16,
    remaps: Vec<Vec<usize>>,
    permute: bool,
    seen: FxHashSet<Vec<StateSet>>,
    rules: Vec<(Vec<StateSet>, u8)>,
}

impl Builder {
    /// Adds one transition (variables already bound) and its symmetric
    /// variants, dropping any that an earlier one already covers exactly.
    fn add(&mut self, inputs: &[StateSet], output: u8) -> bool {
        let cells = &inputs[1..];
        let mut variant = inputs.to_vec();
        if self.permute {
            // Every distinct arrangement of the cells' sets.
            let mut distinct: Vec<StateSet> = cells.to_vec();
            distinct.sort_unstable();
            distinct.dedup();
            let mut ids: Vec<usize> = cells
                .iter()
                .map(|s| distinct.binary_search(s).unwrap_or(0))
                .collect();
            ids.sort_unstable();
            loop {
                for (place, &id) in ids.iter().enumerate() {
                    variant[place + 1] = distinct[id];
                }
                if !self.push(&variant, output) {
                    return false;
                }
                if !next_permutation(&mut ids) {
                    break;
                }
            }
        } else {
            for r in 0..self.remaps.len() {
                for place in 0..cells.len() {
                    variant[place + 1] = cells[self.remaps[r][place]];
                }
                if !self.push(&variant, output) {
                    return false;
                }
            }
        }
        true
    }

    fn push(&mut self, inputs: &[StateSet], output: u8) -> bool {
        if self.seen.insert(inputs.to_vec()) {
            self.rules.push((inputs.to_vec(), output));
        }
        self.rules.len() <= MAX_EXPANDED
    }

    fn finish(self, symmetries: &'static str) -> Table {
        let n = usize::from(self.states);
        let places = self.neighbourhood.cells().len() + 1;
        let words = self.rules.len().div_ceil(64);
        let mut masks = vec![0u64; places * n * words];
        let mut outputs = Vec::with_capacity(self.rules.len());
        for (i, (inputs, output)) in self.rules.iter().enumerate() {
            outputs.push(*output);
            for (place, set) in inputs.iter().enumerate() {
                for s in 0..n {
                    if contains(set, s) {
                        masks[(place * n + s) * words + i / 64] |= 1 << (i % 64);
                    }
                }
            }
        }
        let size = n.checked_pow(u32::try_from(places).unwrap_or(u32::MAX));
        let compiled = match size {
            Some(size) if size <= MAX_LOOKUP => {
                let mut lut = vec![0u8; size];
                let mut partial = vec![u64::MAX; (places + 1) * words];
                fill(
                    &mut lut,
                    &masks,
                    &outputs,
                    &mut partial,
                    words,
                    n,
                    places,
                    0,
                    0,
                    0,
                );
                Compiled::Lookup(lut)
            }
            _ => Compiled::Masks {
                words,
                masks,
                outputs,
            },
        };
        Table {
            neighbourhood: self.neighbourhood,
            states: self.states,
            symmetries,
            transitions: self.rules.len(),
            compiled,
        }
    }
}

/// Fills the lookup array depth first: `partial[level]` holds the
/// transitions that still match the first `level` places.
#[allow(clippy::too_many_arguments)]
fn fill(
    lut: &mut [u8],
    masks: &[u64],
    outputs: &[u8],
    partial: &mut [u64],
    words: usize,
    n: usize,
    places: usize,
    level: usize,
    index: usize,
    centre: u8,
) {
    if level == places {
        let found = (0..words).find_map(|w| {
            let m = partial[level * words + w];
            (m != 0).then(|| w * 64 + m.trailing_zeros() as usize)
        });
        lut[index] = found
            .and_then(|r| outputs.get(r).copied())
            .unwrap_or(centre);
        return;
    }
    let block = n.pow(u32::try_from(places - level - 1).unwrap_or(0));
    for s in 0..n {
        let mut any = false;
        for w in 0..words {
            let m = partial[level * words + w] & masks[(level * n + s) * words + w];
            partial[(level + 1) * words + w] = m;
            any |= m != 0;
        }
        let centre = if level == 0 {
            u8::try_from(s).unwrap_or(0)
        } else {
            centre
        };
        let start = (index * n + s) * block;
        if any {
            fill(
                lut,
                masks,
                outputs,
                partial,
                words,
                n,
                places,
                level + 1,
                index * n + s,
                centre,
            );
        } else {
            lut[start..start + block].fill(centre);
        }
    }
}

/// The next arrangement in lexicographic order, as C++'s
/// `std::next_permutation`; false (and sorted again) after the last.
fn next_permutation(v: &mut [usize]) -> bool {
    if v.len() < 2 {
        return false;
    }
    let mut i = v.len() - 1;
    while i > 0 && v[i - 1] >= v[i] {
        i -= 1;
    }
    if i == 0 {
        v.reverse();
        return false;
    }
    let mut j = v.len() - 1;
    while v[j] <= v[i - 1] {
        j -= 1;
    }
    v.swap(i - 1, j);
    v[i..].reverse();
    true
}

/// Parses the lines of an `@TABLE` section. `header` is the `@TABLE`
/// line, for errors about what the section lacks.
pub(super) fn parse(header: &Line<'_>, lines: &[Line<'_>]) -> Result<Table, RuleFileError> {
    let mut states: Option<u16> = None;
    let mut neighbourhood: Option<TableNeighbourhood> = None;
    let mut symmetries: Option<&'static str> = None;
    let mut variables: BTreeMap<&str, Vec<u8>> = BTreeMap::new();
    let mut builder: Option<Builder> = None;

    for line in lines {
        let text = line.text;
        let end = text.find('#').unwrap_or(text.len());
        let trimmed_end = text[..end].trim_end().len();
        let start = trimmed_end - text[..trimmed_end].trim_start().len();
        let body = &text[start..trimmed_end];
        if body.is_empty() {
            continue;
        }
        let descriptor = |keyword: &str| starts_with_ignore_case(body, keyword);
        if descriptor("n_states:") || descriptor("neighborhood:") || descriptor("symmetries:") {
            if builder.is_some() || !variables.is_empty() {
                return Err(error_at(
                    line.number,
                    text,
                    start,
                    "n_states, neighborhood and symmetries must come before the first variable or transition",
                ));
            }
            let colon = body.find(':').map_or(0, |c| c + 1);
            let value = body[colon..].trim();
            let value_at = start + colon + (body[colon..].len() - body[colon..].trim_start().len());
            if descriptor("n_states:") {
                let n = leading_int(value).ok_or_else(|| {
                    error_at(line.number, text, value_at, "n_states: expected a number")
                })?;
                if !(2..=256).contains(&n) {
                    return Err(error_at(
                        line.number,
                        text,
                        value_at,
                        format!("n_states {n} out of range (2 to 256)"),
                    ));
                }
                states = u16::try_from(n).ok();
            } else if descriptor("neighborhood:") {
                if symmetries.is_some() {
                    return Err(error_at(
                        line.number,
                        text,
                        start,
                        "the neighborhood must come before the symmetries",
                    ));
                }
                neighbourhood = Some(TableNeighbourhood::from_keyword(value).ok_or_else(|| {
                    error_at(
                        line.number,
                        text,
                        value_at,
                        format!(
                            "unsupported neighborhood `{value}` (vonNeumann, Moore, hexagonal or oneDimensional)"
                        ),
                    )
                })?);
            } else {
                let Some(nbhd) = neighbourhood else {
                    return Err(error_at(
                        line.number,
                        text,
                        start,
                        "the neighborhood must be declared before the symmetries",
                    ));
                };
                let known = nbhd.symmetries();
                symmetries =
                    Some(known.iter().copied().find(|&s| s == value).ok_or_else(|| {
                        error_at(
                            line.number,
                            text,
                            value_at,
                            format!(
                                "unsupported symmetries `{value}` for {} (one of: {})",
                                nbhd.keyword(),
                                known.join(", ")
                            ),
                        )
                    })?);
            }
            continue;
        }

        let (Some(n_states), Some(nbhd), Some(symm)) = (states, neighbourhood, symmetries) else {
            let missing: Vec<&str> = [
                (states.is_none(), "n_states"),
                (neighbourhood.is_none(), "neighborhood"),
                (symmetries.is_none(), "symmetries"),
            ]
            .into_iter()
            .filter_map(|(m, name)| m.then_some(name))
            .collect();
            return Err(error_at(
                line.number,
                text,
                start,
                format!(
                    "{} must be given before the first variable or transition",
                    missing.join(", ")
                ),
            ));
        };

        if starts_with_ignore_case(body, "var ") {
            let toks = tokens(text, start, trimmed_end, &['=', ' ', '{', ',', '}', '\t']);
            let Some(name) = toks.get(1) else {
                return Err(error_at(
                    line.number,
                    text,
                    start,
                    "variable without a name",
                ));
            };
            if toks.len() < 3 {
                return Err(error_at(
                    line.number,
                    text,
                    name.at,
                    format!("variable `{}` has no states", name.text),
                ));
            }
            let mut values = Vec::new();
            for token in &toks[2..] {
                if let Some(inner) = variables.get(token.text) {
                    values.extend_from_slice(inner);
                } else {
                    values.push(state_token(line, token, n_states, "variable value")?);
                }
            }
            variables.insert(name.text, values);
            continue;
        }

        // A transition.
        let b = builder.get_or_insert_with(|| Builder {
            neighbourhood: nbhd,
            states: n_states,
            remaps: nbhd.remaps(symm),
            permute: symm == "permute",
            seen: FxHashSet::default(),
            rules: Vec::new(),
        });
        let n_inputs = nbhd.cells().len() + 1;
        let toks: Vec<Token<'_>> = if n_states <= 10 && variables.is_empty() && !body.contains(',')
        {
            // Comma-free: one digit per state.
            if body.chars().count() < n_inputs + 1 {
                return Err(error_at(
                    line.number,
                    text,
                    trimmed_end,
                    format!(
                        "too few entries: a {} transition has {} (centre, {} neighbours, new state)",
                        nbhd.keyword(),
                        n_inputs + 1,
                        n_inputs - 1
                    ),
                ));
            }
            body.char_indices()
                .take(n_inputs + 1)
                .map(|(i, ch)| Token {
                    at: start + i,
                    text: &body[i..i + ch.len_utf8()],
                })
                .collect()
        } else {
            tokens(text, start, trimmed_end, &[',', ' ', '\t'])
        };
        if toks.len() < n_inputs + 1 {
            return Err(error_at(
                line.number,
                text,
                trimmed_end,
                format!(
                    "too few entries: {} where a {} transition has {} (centre, {} neighbours, new state)",
                    toks.len(),
                    nbhd.keyword(),
                    n_inputs + 1,
                    n_inputs - 1
                ),
            ));
        }
        let toks = &toks[..n_inputs + 1];
        // Variables named more than once are bound: the same state at each
        // place. Golly binds them in name order, the first changing fastest.
        let bound: Vec<&str> = variables
            .keys()
            .copied()
            .filter(|v| toks.iter().filter(|t| t.text == *v).count() > 1)
            .collect();
        let mut inputs = Vec::with_capacity(n_inputs);
        for token in &toks[..n_inputs] {
            if let Some(k) = bound.iter().position(|v| *v == token.text) {
                inputs.push(Input::Bound(k));
            } else if let Some(values) = variables.get(token.text) {
                let mut set = [0; 4];
                for &v in values {
                    let one = singleton(v);
                    for w in 0..4 {
                        set[w] |= one[w];
                    }
                }
                inputs.push(Input::Set(set));
            } else {
                inputs.push(Input::Set(singleton(state_token(
                    line, token, n_states, "entry",
                )?)));
            }
        }
        let out_token = &toks[n_inputs];
        let output: Result<u8, usize> = if let Some(k) =
            bound.iter().position(|v| *v == out_token.text)
        {
            Err(k)
        } else if let Some(values) = variables.get(out_token.text) {
            match values.as_slice() {
                [one] => Ok(*one),
                _ => {
                    return Err(error_at(
                        line.number,
                        text,
                        out_token.at,
                        format!(
                            "the new state `{}` is a variable of several states that appears only once: it must be a state, a single-state variable or a bound variable",
                            out_token.text
                        ),
                    ));
                }
            }
        } else {
            Ok(state_token(line, out_token, n_states, "new state")?)
        };
        let values: Vec<&Vec<u8>> = bound.iter().filter_map(|v| variables.get(v)).collect();
        let mut choice = vec![0usize; values.len()];
        let mut expanded = vec![[0u64; 4]; n_inputs];
        loop {
            for (place, input) in inputs.iter().enumerate() {
                expanded[place] = match input {
                    Input::Set(set) => *set,
                    Input::Bound(k) => singleton(values[*k][choice[*k]]),
                };
            }
            let out = match output {
                Ok(s) => s,
                Err(k) => values[k][choice[k]],
            };
            if !b.add(&expanded, out) {
                return Err(error_at(
                    line.number,
                    text,
                    start,
                    format!("the table expands to more than {MAX_EXPANDED} transitions"),
                ));
            }
            // The next combination of bound values, the first fastest.
            let mut k = 0;
            while k < choice.len() {
                if choice[k] + 1 < values[k].len() {
                    choice[k] += 1;
                    break;
                }
                choice[k] = 0;
                k += 1;
            }
            if k == choice.len() {
                break;
            }
        }
    }

    let (Some(n_states), Some(nbhd), Some(symm)) = (states, neighbourhood, symmetries) else {
        let missing: Vec<&str> = [
            (states.is_none(), "n_states"),
            (neighbourhood.is_none(), "neighborhood"),
            (symmetries.is_none(), "symmetries"),
        ]
        .into_iter()
        .filter_map(|(m, name)| m.then_some(name))
        .collect();
        return Err(error_at(
            header.number,
            header.text,
            0,
            format!("@TABLE lacks {}", missing.join(", ")),
        ));
    };
    let builder = builder.unwrap_or_else(|| Builder {
        neighbourhood: nbhd,
        states: n_states,
        remaps: nbhd.remaps(symm),
        permute: symm == "permute",
        seen: FxHashSet::default(),
        rules: Vec::new(),
    });
    Ok(builder.finish(symm))
}
