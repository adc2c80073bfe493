use super::*;

/// A grid from rows of `#` (alive) and `.` (empty).
fn grid(picture: &str) -> Grid {
    picture
        .replace('#', "*")
        .replace('.', "-")
        .parse()
        .expect("grid picture")
}

fn view(lines: usize, columns: usize, density: Density) -> Viewport {
    Viewport::new(lines, columns, density)
}

/// A 5×7 torus: odd rows and odd columns, with live cells in its last
/// row and last column so that the edge blocks are partly outside it.
const ODD: &str = "\
#.....#
.#.....
..#....
.......
#.#.#.#
";

#[test]
fn cell_density_golden() {
    let lines = frame(&grid(ODD), &view(6, 9, Density::Cell));
    assert_eq!(
        lines,
        [
            "█     █  ",
            " █       ",
            "  █      ",
            "         ",
            "█ █ █ █  ",
            "         ",
        ]
    );
}

#[test]
fn half_density_golden_with_an_odd_last_row() {
    // Row 4 has no row below it on the torus: its block is half empty.
    let lines = frame(&grid(ODD), &view(4, 8, Density::Half));
    assert_eq!(lines, ["▀▄    ▀ ", "  ▀     ", "▀ ▀ ▀ ▀ ", "        "]);
}

#[test]
fn braille_density_golden_with_odd_edges() {
    // 5 rows need two lines of 4; 7 columns need four characters of 2,
    // the last one half outside the torus.
    let lines = frame(&grid(ODD), &view(3, 5, Density::Braille));
    assert_eq!(lines, ["⠑⠄ ⠁ ", "⠁⠁⠁⠁ ", "     "]);
}

#[test]
fn braille_dots_follow_the_unicode_numbering() {
    let full = grid("##\n##\n##\n##\n");
    assert_eq!(frame(&full, &view(1, 1, Density::Braille)), ["⣿"]);
    let left = grid("#.\n#.\n#.\n#.\n");
    assert_eq!(frame(&left, &view(1, 1, Density::Braille)), ["⡇"]);
    let right = grid(".#\n.#\n.#\n.#\n");
    assert_eq!(frame(&right, &view(1, 1, Density::Braille)), ["⢸"]);
    let bottom = grid("..\n..\n..\n##\n");
    assert_eq!(frame(&bottom, &view(1, 1, Density::Braille)), ["⣀"]);
}

#[test]
fn the_viewport_wraps_around_a_larger_torus() {
    let torus = grid(ODD);
    // A 3×4 window whose top-left is the torus's last row and column.
    let mut window = view(3, 4, Density::Cell);
    (window.top, window.left) = (4, 6);
    assert_eq!(frame(&torus, &window), ["██ █", "██  ", "  █ "]);
    // The same corner in half-blocks: rows 4 and 0, then 1 and 2.
    let mut window = view(2, 3, Density::Half);
    (window.top, window.left) = (4, 6);
    assert_eq!(frame(&torus, &window), ["██ ", "  ▀"]);
    // And in braille: rows 4, 0, 1, 2 and columns 6, 0.
    let mut window = view(1, 1, Density::Braille);
    (window.top, window.left) = (4, 6);
    assert_eq!(frame(&torus, &window), ["⠛"]);
}

#[test]
fn panning_wraps_and_only_moves_along_sides_larger_than_the_view() {
    let mut window = view(2, 10, Density::Half);
    // 9 rows against a span of 4: rows pan. 7 columns: the span holds them.
    window.pan(9, 7, -1, 3);
    assert_eq!((window.top, window.left), (7, 0));
    window.pan(9, 7, 2, 0);
    assert_eq!((window.top, window.left), (2, 0));
    window.centre(9, 7);
    assert_eq!((window.top, window.left), (2, 0));
    window.lines = 4;
    window.fit(9, 7);
    assert_eq!((window.top, window.left), (2, 0), "8 rows show part of 9");
    window.lines = 5;
    window.fit(9, 7);
    assert_eq!((window.top, window.left), (0, 0), "10 rows show all 9");
}

#[test]
fn reshaping_keeps_the_middle_of_the_view() {
    let mut window = view(10, 20, Density::Cell);
    // A 30×50 torus: the middle of the view is (5, 10).
    window.reshape(30, 50, 4, 6, Density::Cell);
    assert_eq!((window.top, window.left), (3, 7));
    // Braille spans 16×12: the middle (5, 10) is kept, wrapping above.
    window.reshape(30, 50, 4, 6, Density::Braille);
    assert_eq!((window.top, window.left), (27, 4));
    // A span holding the whole torus shows it from its corner.
    window.reshape(30, 50, 8, 25, Density::Braille);
    assert_eq!((window.top, window.left), (0, 0));
}

#[test]
fn characters_map_back_to_their_cells() {
    let mut window = view(2, 3, Density::Braille);
    (window.top, window.left) = (1, 5);
    // Line 0, column 1 shows rows 1..5 and columns 7, 8 of a 9×9 torus.
    let cells = window.cells_under(9, 9, 0, 1);
    assert_eq!(cells.len(), 8);
    assert!(cells.contains(&(1, 7)) && cells.contains(&(4, 8)));
    // On a 5×7 torus shown whole, the blocks at the edge are partial.
    let whole = view(3, 5, Density::Braille);
    assert_eq!(whole.cells_under(5, 7, 1, 3), [(4, 6)]);
    assert!(whole.cells_under(5, 7, 2, 0).is_empty());
    assert!(whole.cells_under(5, 7, 0, 5).is_empty());
}

#[test]
fn densities_cycle_and_parse() {
    let mut density = Density::Cell;
    let mut seen = Vec::new();
    for _ in 0..3 {
        seen.push(density);
        density = density.next();
    }
    assert_eq!(seen, Density::ALL);
    assert_eq!(density, Density::Cell);
    assert_eq!("Braille".parse(), Ok(Density::Braille));
    assert_eq!(
        "dots".parse::<Density>(),
        Err(DensityError("dots".to_owned()))
    );
}

/// The colours of Star Wars (345/2/4): alive, then two dying states.
fn star_wars(state: u8) -> Option<Rgb> {
    shade(State::new(state), 4)
}

#[test]
fn shades_grow_dimmer_with_age() {
    assert_eq!(shade(State::EMPTY, 4), None);
    assert_eq!(shade(State::ALIVE, 2), Some(ALIVE_COLOUR));
    for states in [3u16, 4, 8, 25, 256] {
        let brightness = |state: u16| {
            shade(State::new(state as u8), states)
                .expect("a colour")
                .brightness()
        };
        assert!(brightness(2) < ALIVE_COLOUR.brightness());
        for state in 3..states {
            // Strictly dimmer while the steps are large enough to show.
            if states <= 25 {
                assert!(
                    brightness(state) < brightness(state - 1),
                    "{state} of {states}"
                );
            } else {
                assert!(
                    brightness(state) <= brightness(state - 1),
                    "{state} of {states}"
                );
            }
        }
        if states > 3 {
            assert!(brightness(states - 1) < brightness(2), "{states}");
        }
    }
    // Brian's Brain's one dying state, and a state past the last.
    assert_eq!(
        shade(State::new(2), 3),
        Some(Rgb {
            r: 153,
            g: 54,
            b: 24
        })
    );
    assert_eq!(shade(State::new(9), 4), shade(State::new(3), 4));
}

#[test]
fn coloured_cells_one_per_character() {
    let grid: Grid = "*BC-\n-**C\n".parse().expect("grid");
    let view = Viewport::new(2, 4, Density::Cell);
    let span = |text: &str, fg| Styled {
        text: text.into(),
        fg,
        bg: None,
    };
    assert_eq!(
        coloured_frame(&grid, &view, 4),
        [
            vec![
                span("█", star_wars(1)),
                span("█", star_wars(2)),
                span("█", star_wars(3)),
                Styled::plain(" "),
            ],
            vec![
                Styled::plain(" "),
                span("██", star_wars(1)),
                span("█", star_wars(3)),
            ],
        ]
    );
}

#[test]
fn coloured_half_blocks_colour_each_half() {
    // Columns: alive over empty, empty over dying, alive over alive,
    // alive over dying, dying over dying.
    let grid: Grid = "*-**B\n-B*BB\n".parse().expect("grid");
    let view = Viewport::new(1, 5, Density::Half);
    assert_eq!(
        coloured_frame(&grid, &view, 4),
        [vec![
            Styled {
                text: "▀".into(),
                fg: star_wars(1),
                bg: None
            },
            Styled {
                text: "▄".into(),
                fg: star_wars(2),
                bg: None
            },
            Styled {
                text: "█".into(),
                fg: star_wars(1),
                bg: None
            },
            Styled {
                text: "▀".into(),
                fg: star_wars(1),
                bg: star_wars(2)
            },
            Styled {
                text: "█".into(),
                fg: star_wars(2),
                bg: None
            },
        ]]
    );
}

#[test]
fn coloured_braille_takes_the_most_alive_state() {
    // Left character: dying cells only, the younger (B) wins; right:
    // one live cell among dying ones, alive wins.
    let grid: Grid = "C-B-\n--C*\n----\nB---\n".parse().expect("grid");
    let view = Viewport::new(1, 2, Density::Braille);
    let frame = coloured_frame(&grid, &view, 4);
    assert_eq!(
        frame,
        [vec![
            Styled {
                text: "⡁".into(),
                fg: star_wars(2),
                bg: None
            },
            Styled {
                text: "⠓".into(),
                fg: star_wars(1),
                bg: None
            },
        ]]
    );
}

#[test]
fn coloured_frames_have_the_characters_of_plain_ones() {
    let grid: Grid = "*B-C\n-C**\nB--*\n**BB\n".parse().expect("grid");
    for density in Density::ALL {
        let view = Viewport::new(3, 5, density);
        let plain = frame(&grid, &view);
        let coloured: Vec<String> = coloured_frame(&grid, &view, 4)
            .iter()
            .map(|spans| unstyled(spans))
            .collect();
        // Half blocks in two colours are drawn as upper halves on the
        // lower colour; everything else is the same character.
        let same = |a: &str, b: &str| {
            a.chars()
                .zip(b.chars())
                .all(|(p, c)| p == c || (p == '█' && c == '▀'))
                && a.chars().count() == b.chars().count()
        };
        for (p, c) in plain.iter().zip(&coloured) {
            assert!(same(p, c), "{density}: {p:?} against {c:?}");
        }
    }
}
