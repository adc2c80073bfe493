use super::*;
use crate::render::Rgb;

fn grid(text: &str) -> Grid {
    text.parse().expect("grid text")
}

fn frame(picture: &Picture, grid: &Grid) -> Vec<u8> {
    let mut pixels = vec![0; picture.layout().pixels() as usize];
    picture.frame(grid, &mut pixels);
    pixels
}

fn style(scale: u32) -> Style {
    Style {
        scale,
        ..Style::default()
    }
}

#[test]
fn grid_lines_start_at_the_documented_scale_and_the_border_grows_slowly() {
    for (scale, line, border) in [
        (1, 0, 1),
        (5, 0, 1),
        (6, 1, 1),
        (7, 1, 1),
        (8, 1, 2),
        (16, 1, 3),
    ] {
        let layout = Layout::new(3, 4, scale).expect("layout");
        assert_eq!((layout.line(), layout.border()), (line, border), "{scale}");
        assert_eq!(layout.has_grid_lines(), scale >= GRID_LINE_MIN_SCALE);
        assert_eq!(layout.width(), 2 * border + 4 * scale + 3 * line);
        assert_eq!(layout.height(), 2 * border + 3 * scale + 2 * line);
    }
}

#[test]
fn zero_scales_empty_grids_and_huge_pictures_are_refused() {
    assert_eq!(Layout::new(3, 3, 0), Err(PictureError::ZeroScale));
    assert_eq!(
        Layout::new(0, 3, 1),
        Err(PictureError::Empty { rows: 0, cols: 3 })
    );
    assert!(matches!(
        Layout::new(1, 1 << 30, 4),
        Err(PictureError::TooLarge { .. })
    ));
    assert!(matches!(
        Layout::new(usize::MAX, usize::MAX, u32::MAX),
        Err(PictureError::TooLarge { .. })
    ));
    let message = Layout::new(2, 1 << 30, 8)
        .expect_err("too wide")
        .to_string();
    assert!(
        message.contains("2x1073741824 grid at 8 pixels"),
        "{message}"
    );
}

/// Every pixel of a small picture with grid lines, by hand: `B` border,
/// `+` grid line, `.` empty, `#` alive.
#[test]
fn a_frame_has_border_lines_and_cells_where_the_layout_says() {
    let grid = grid("*-\n-*\n");
    let picture = Picture::new(2, 2, &style(6)).expect("picture");
    assert_eq!((picture.width(), picture.height()), (15, 15));
    let symbols = |index: u8| match index {
        0 => '.',
        1 => '#',
        2 => '+',
        3 => 'B',
        _ => '?',
    };
    let text: Vec<String> = frame(&picture, &grid)
        .chunks(15)
        .map(|row| row.iter().map(|&i| symbols(i)).collect())
        .collect();
    let cell_row = |a: &str, b: &str| format!("B{a}+{b}B");
    let mut expected = vec!["B".repeat(15)];
    expected.extend((0..6).map(|_| cell_row("######", "......")));
    expected.push(format!("B{}B", "+".repeat(13)));
    expected.extend((0..6).map(|_| cell_row("......", "######")));
    expected.push("B".repeat(15));
    assert_eq!(text, expected);
}

#[test]
fn small_cells_touch_and_keep_a_border() {
    let grid = grid("**-\n");
    let picture = Picture::new(1, 3, &style(2)).expect("picture");
    assert_eq!((picture.width(), picture.height()), (8, 4));
    let pixels = frame(&picture, &grid);
    assert_eq!(pixels[..8], [3; 8]);
    assert_eq!(pixels[8..16], [3, 1, 1, 1, 1, 0, 0, 3]);
    assert_eq!(pixels[16..24], pixels[8..16]);
    assert_eq!(pixels[24..], [3; 8]);
}

#[test]
fn the_torus_border_has_its_own_colour_in_both_themes() {
    for theme in Theme::ALL {
        let palette = Palette::new(theme, 2);
        let colours = palette.colours();
        for (i, a) in colours.iter().enumerate() {
            for b in &colours[i + 1..] {
                assert_ne!(a, b, "{theme}: two indices share a colour");
            }
        }
        assert_eq!(colours.len(), 4);
    }
}

fn distance(a: Rgb, b: Rgb) -> i32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).abs();
    d(a.r, b.r) + d(a.g, b.g) + d(a.b, b.b)
}

/// A four-state rule: states 2 and 3 are dying, and fade from the live
/// colour towards the background in order.
#[test]
fn dying_states_fade_from_alive_towards_the_background() {
    let mut grid = Grid::new(1, 4).expect("grid");
    for (x, state) in [(0, 1), (1, 2), (2, 3)] {
        grid.assign(0, x, State::new(state));
    }
    for theme in Theme::ALL {
        let style = Style {
            scale: 1,
            theme,
            states: 4,
            colours: None,
        };
        let picture = Picture::new(1, 4, &style).expect("picture");
        let palette = picture.palette();
        assert_eq!(palette.colours().len(), 6);
        assert_eq!((palette.grid_line(), palette.border()), (4, 5));
        let pixels = frame(&picture, &grid);
        // Row 1, between the one-pixel borders.
        assert_eq!(pixels[7..11], [1, 2, 3, 0]);
        let colour = |i: u8| palette.colours()[usize::from(i)];
        let (alive, background) = (colour(1), colour(0));
        let (two, three) = (colour(2), colour(3));
        let whole = distance(alive, background);
        assert!(
            0 < distance(alive, two)
                && distance(alive, two) < distance(alive, three)
                && distance(alive, three) < whole,
            "{theme}: {alive} {two} {three} {background}"
        );
        // A third and two thirds of the way, within rounding.
        assert!((distance(alive, two) - whole / 3).abs() <= 3, "{theme}");
        assert!(
            (distance(alive, three) - 2 * whole / 3).abs() <= 3,
            "{theme}"
        );
    }
}

#[test]
fn states_beyond_the_palette_take_the_last_states_colour() {
    let two = Palette::new(Theme::Light, 2);
    assert_eq!(two.index(State::new(2)), 1);
    assert_eq!(two.index(State::new(255)), 1);
    let many = Palette::new(Theme::Dark, 1000);
    assert_eq!(many.states(), MAX_STATES);
    assert_eq!(many.colours().len(), MAX_STATES + 2);
    assert_eq!(usize::from(many.border()), MAX_STATES + 1);
    assert_eq!(many.index(State::new(255)) as usize, MAX_STATES - 1);
    assert_eq!(Palette::new(Theme::Light, 0).states(), 2);
}

#[test]
fn colours_mix_and_print_as_hex() {
    let black = Rgb::new(0, 0, 0);
    let white = Rgb::new(255, 255, 255);
    assert_eq!(black.mix(white, 0.5), Rgb::new(128, 128, 128));
    assert_eq!(black.mix(white, 2.0), white);
    assert_eq!(Rgb::new(0x1d, 0x2b, 0x53).to_string(), "#1d2b53");
    assert_eq!(
        Palette::new(Theme::Light, 2).to_rgb_bytes()[..6],
        [0xff, 0xff, 0xff, 0x1d, 0x2b, 0x53]
    );
}

#[test]
fn themes_parse_by_name() {
    for theme in Theme::ALL {
        assert_eq!(theme.name().parse(), Ok(theme));
    }
    assert_eq!(" DARK ".parse(), Ok(Theme::Dark));
    assert_eq!("sepia".parse::<Theme>(), Err(UnknownTheme("sepia".into())));
}

#[test]
fn the_automatic_scale_is_the_largest_that_fits() {
    assert_eq!(auto_scale(1, 1, 1000), MAX_AUTO_SCALE);
    // 50 cells at 15 pixels: 2·2 + 750 + 49 = 803; at 14: 2·2 + 700 + 49.
    assert_eq!(auto_scale(50, 50, 800), 14);
    assert_eq!(auto_scale(10_000, 1, 800), 1);
}

fn svg(picture: &Picture, grid: &Grid) -> String {
    let mut out = Vec::new();
    picture.write_svg(grid, &mut out).expect("write to memory");
    String::from_utf8(out).expect("UTF-8")
}

/// The rectangles of one state's group, as (x, y, width, height).
fn rects(document: &roxmltree::Document, class: &str) -> Vec<[u32; 4]> {
    document
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some(class))
        .flat_map(|g| g.children().filter(|n| n.has_tag_name("rect")))
        .map(|rect| {
            ["x", "y", "width", "height"].map(|name| {
                rect.attribute(name)
                    .and_then(|v| v.parse().ok())
                    .expect("a numeric attribute")
            })
        })
        .collect()
}

#[test]
fn svg_runs_of_cells_are_one_rectangle_each() {
    let grid = grid("-***-**\n*------\n");
    let picture = Picture::new(2, 7, &style(8)).expect("picture");
    let text = svg(&picture, &grid);
    let document = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("66"));
    assert_eq!(root.attribute("height"), Some("21"));
    // Border 2, pitch 9: runs of 3, 2 and 1 cells.
    assert_eq!(
        rects(&document, "state-1"),
        [[11, 2, 26, 8], [47, 2, 17, 8], [2, 11, 8, 8]]
    );
    let grid_path = document
        .descendants()
        .find(|n| n.attribute("class") == Some("grid"))
        .and_then(|n| n.attribute("d"))
        .expect("grid lines");
    assert_eq!(grid_path.matches('M').count(), 6 + 1);
    assert!(grid_path.starts_with("M10.5 2V19"), "{grid_path}");
    assert!(grid_path.ends_with("M2 10.5H64"), "{grid_path}");
}

#[test]
fn svg_groups_each_state_and_skips_lines_for_small_cells() {
    let mut grid = Grid::new(1, 5).expect("grid");
    for (x, state) in [(0, 2), (1, 2), (2, 1), (3, 3)] {
        grid.assign(0, x, State::new(state));
    }
    let style = Style {
        scale: 3,
        theme: Theme::Dark,
        states: 4,
        colours: None,
    };
    let picture = Picture::new(1, 5, &style).expect("picture");
    let text = svg(&picture, &grid);
    let document = roxmltree::Document::parse(&text).expect("well-formed XML");
    assert_eq!(rects(&document, "state-1"), [[7, 1, 3, 3]]);
    assert_eq!(rects(&document, "state-2"), [[1, 1, 6, 3]]);
    assert_eq!(rects(&document, "state-3"), [[10, 1, 3, 3]]);
    let fill = |class: &str| {
        document
            .descendants()
            .find(|n| n.attribute("class") == Some(class))
            .and_then(|n| n.attribute("fill"))
            .map(str::to_owned)
    };
    let palette = picture.palette();
    assert_eq!(fill("state-2"), Some(palette.colours()[2].to_string()));
    assert_eq!(
        fill("background"),
        Some(palette.colour(State::EMPTY).to_string())
    );
    assert!(!text.contains("class=\"grid\""));
}

#[test]
#[should_panic(expected = "a 2x2 grid in a picture of a 3x3 grid")]
fn a_grid_of_another_size_is_a_bug() {
    let picture = Picture::new(3, 3, &style(1)).expect("picture");
    let mut out = vec![0; picture.layout().pixels() as usize];
    picture.frame(&Grid::new(2, 2).expect("grid"), &mut out);
}
