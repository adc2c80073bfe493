//! The rules corolife knows by name without a rule file, written from
//! their published definitions with the state numbers Golly's rule files
//! give them, so that Golly's patterns run unchanged.
//!
//! * **WireWorld** (Brian Silverman, 1987), 4 states: 0 empty, 1 electron
//!   head, 2 electron tail, 3 conductor. A head becomes a tail, a tail
//!   becomes conductor, and conductor becomes a head when one or two of
//!   its eight neighbours are heads.
//! * **Langtons-Ant** (Chris Langton, 1986), a turmite of 10 states on the
//!   von Neumann neighbourhood: 0 a white cell, 1 a black one; an ant on
//!   a white cell is 2 + its heading and on a black one 6 + its heading
//!   (north 0, east 1, south 2, west 3). Each generation an ant turns
//!   right on white and left on black, flips its cell's colour and moves
//!   one cell on; two ants moving into one cell both vanish.

/// One of the embedded rules.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Embedded {
    /// WireWorld.
    WireWorld,
    /// Langton's Ant.
    LangtonsAnt,
}

/// The states of Langton's Ant that hold an ant on a white cell (then
/// four more on a black one).
const ANT: u8 = 2;

impl Embedded {
    /// The embedded rule `name` names (as Golly's rule files do, any case:
    /// `WireWorld`, `Langtons-Ant`), or `None`.
    pub fn parse(name: &str) -> Option<Embedded> {
        if name.eq_ignore_ascii_case("WireWorld") {
            Some(Embedded::WireWorld)
        } else if name.eq_ignore_ascii_case("Langtons-Ant") {
            Some(Embedded::LangtonsAnt)
        } else {
            None
        }
    }

    /// The rule's name.
    pub const fn name(self) -> &'static str {
        match self {
            Embedded::WireWorld => "WireWorld",
            Embedded::LangtonsAnt => "Langtons-Ant",
        }
    }

    /// The number of states.
    pub const fn states(self) -> u16 {
        match self {
            Embedded::WireWorld => 4,
            Embedded::LangtonsAnt => 10,
        }
    }

    /// What each state is.
    pub const fn state_names(self) -> &'static [&'static str] {
        match self {
            Embedded::WireWorld => &["empty", "electron head", "electron tail", "conductor"],
            Embedded::LangtonsAnt => &[
                "white",
                "black",
                "ant north on white",
                "ant east on white",
                "ant south on white",
                "ant west on white",
                "ant north on black",
                "ant east on black",
                "ant south on black",
                "ant west on black",
            ],
        }
    }

    /// The colour of each state.
    pub fn colours(self) -> Vec<[u8; 3]> {
        match self {
            Embedded::WireWorld => {
                vec![[48, 48, 48], [0, 128, 255], [255, 255, 255], [255, 128, 0]]
            }
            Embedded::LangtonsAnt => {
                let mut colours = vec![[255, 255, 255], [0, 0, 0]];
                colours.extend([[220, 40, 40]; 4]);
                colours.extend([[160, 0, 0]; 4]);
                colours
            }
        }
    }

    /// The next state of a cell in `own` with neighbours `around`
    /// (north, then clockwise).
    #[inline]
    pub fn next(self, own: u8, around: &[u8; 8]) -> u8 {
        match self {
            Embedded::WireWorld => match own {
                1 => 2,
                2 => 3,
                3 => {
                    let heads = around.iter().filter(|&&s| s == 1).count();
                    if heads == 1 || heads == 2 { 1 } else { 3 }
                }
                other => other,
            },
            Embedded::LangtonsAnt => {
                // The colour the cell has once any ant on it has left.
                let colour = match own {
                    0 | 1 => own,
                    s if s < ANT + 4 => 1,
                    _ => 0,
                };
                // Each orthogonal neighbour, with the heading an ant there
                // must leave by to come here: from the north it moves
                // south, and so on.
                let from = [
                    (around[0], 2),
                    (around[2], 3),
                    (around[4], 0),
                    (around[6], 1),
                ];
                let mut arriving = from
                    .iter()
                    .filter(|&&(s, towards)| leaves(s) == Some(towards));
                match (arriving.next(), arriving.next()) {
                    (Some(&(_, heading)), None) => ANT + 4 * colour + heading,
                    _ => colour,
                }
            }
        }
    }
}

/// The heading an ant in state `state` leaves its cell by: turned right
/// from its heading on white, left on black. `None` without an ant.
const fn leaves(state: u8) -> Option<u8> {
    match state {
        s if s >= ANT && s < ANT + 4 => Some((s - ANT + 1) % 4),
        s if s >= ANT + 4 && s < ANT + 8 => Some((s - ANT + 3) % 4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// Steps a small grid (empty beyond its edges) one generation.
    fn step(rule: Embedded, grid: &[Vec<u8>]) -> Vec<Vec<u8>> {
        let (rows, cols) = (grid.len() as i32, grid[0].len() as i32);
        let at = |y: i32, x: i32| {
            if (0..rows).contains(&y) && (0..cols).contains(&x) {
                grid[y as usize][x as usize]
            } else {
                0
            }
        };
        (0..rows)
            .map(|y| {
                (0..cols)
                    .map(|x| {
                        let around = crate::cell::MOORE.map(|(dy, dx)| at(y + dy, x + dx));
                        rule.next(at(y, x), &around)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn wireworld_heads_become_tails_then_wire_and_wire_fires_on_one_or_two_heads() {
        let none = [0; 8];
        assert_eq!(Embedded::WireWorld.next(1, &none), 2);
        assert_eq!(Embedded::WireWorld.next(2, &none), 3);
        assert_eq!(Embedded::WireWorld.next(0, &[1; 8]), 0);
        for heads in 0..=8 {
            let mut around = [3; 8];
            around[..heads].fill(1);
            let fired = Embedded::WireWorld.next(3, &around) == 1;
            assert_eq!(fired, heads == 1 || heads == 2, "{heads} heads");
        }
    }

    #[test]
    fn a_wireworld_electron_runs_along_a_wire_one_cell_a_generation() {
        // tail, head, then wire: the electron moves east.
        let mut wire = vec![vec![2, 1, 3, 3, 3, 3, 3]];
        for generation in 1..=4 {
            wire = step(Embedded::WireWorld, &wire);
            let head = wire[0].iter().position(|&s| s == 1);
            assert_eq!(head, Some(1 + generation), "generation {generation}");
            assert_eq!(wire[0][generation], 2);
        }
    }

    #[test]
    fn a_wireworld_diode_passes_electrons_one_way_only() {
        // The classic diode: a wire that forks round a blocked cell so
        // that an electron from the west gets through and one from the
        // east is stopped.
        let diode = |west_to_east: bool| {
            let mut grid = vec![
                vec![0, 0, 0, 0, 3, 3, 0, 0, 0, 0],
                vec![3, 3, 3, 3, 3, 0, 3, 3, 3, 3],
                vec![0, 0, 0, 0, 3, 3, 0, 0, 0, 0],
            ];
            if west_to_east {
                grid[1][0] = 2;
                grid[1][1] = 1;
            } else {
                grid[1][9] = 2;
                grid[1][8] = 1;
            }
            let mut reached = false;
            for _ in 0..12 {
                grid = step(Embedded::WireWorld, &grid);
                let end = if west_to_east { grid[1][9] } else { grid[1][0] };
                reached |= end == 1;
            }
            reached
        };
        assert!(diode(true), "west to east passes");
        assert!(!diode(false), "east to west is stopped");
    }

    #[test]
    fn langtons_ant_turns_right_on_white_flips_its_cell_and_moves() {
        // An ant facing north on a white cell in the middle of a 5x5 grid.
        let mut grid = vec![vec![0; 5]; 5];
        grid[2][2] = ANT;
        let grid = step(Embedded::LangtonsAnt, &grid);
        assert_eq!(grid[2][2], 1, "the white cell it left is black");
        // It turned right, to the east, and moved there: heading east on
        // a white cell.
        assert_eq!(grid[2][3], ANT + 1);
        let ants = grid.iter().flatten().filter(|&&s| s >= ANT).count();
        assert_eq!(ants, 1);
        // On the black cell it left, an ant turns left instead.
        let mut grid = grid;
        grid[2][3] = ANT + 4 + 1;
        let grid = step(Embedded::LangtonsAnt, &grid);
        assert_eq!(grid[2][3], 0, "the black cell turns white");
        assert_eq!(grid[1][3], ANT, "turned left from east: north, on white");
    }

    /// Runs Langton's Ant from one ant on an all-white plane for `steps`
    /// generations, stepping only the cells around the ant (no others can
    /// change), and returns where the ant is after each.
    fn ant_path(steps: usize) -> Vec<(i32, i32)> {
        let mut cells: HashMap<(i32, i32), u8> = HashMap::from([((0, 0), ANT)]);
        let mut ant = (0, 0);
        let at = |cells: &HashMap<(i32, i32), u8>, y: i32, x: i32| {
            cells.get(&(y, x)).copied().unwrap_or(0)
        };
        let mut path = Vec::with_capacity(steps);
        for _ in 0..steps {
            let mut next = Vec::with_capacity(9);
            for dy in -1..=1 {
                for dx in -1..=1 {
                    let (y, x) = (ant.0 + dy, ant.1 + dx);
                    let around = crate::cell::MOORE.map(|(my, mx)| at(&cells, y + my, x + mx));
                    next.push((
                        (y, x),
                        Embedded::LangtonsAnt.next(at(&cells, y, x), &around),
                    ));
                }
            }
            for (place, state) in next {
                if state >= ANT {
                    ant = place;
                }
                cells.insert(place, state);
            }
            path.push(ant);
        }
        path
    }

    #[test]
    fn langtons_ant_builds_its_highway_after_about_ten_thousand_steps() {
        // From an all-white plane the ant wanders for about 10,000 steps,
        // then builds a diagonal highway, repeating every 104 steps and
        // moving 2 cells diagonally each time.
        let path = ant_path(11_200);
        let moved = |from: usize| {
            let ((y0, x0), (y1, x1)) = (path[from], path[from + 104]);
            ((y1 - y0).abs(), (x1 - x0).abs())
        };
        for from in 11_000..11_090 {
            assert_eq!(moved(from), (2, 2), "from step {from}");
        }
        assert!(
            (1000..1100).any(|from| moved(from) != (2, 2)),
            "no highway yet"
        );
    }
}
