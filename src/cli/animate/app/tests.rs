use super::*;
use corolife::Sequential;
use corolife::{EngineKind, EngineOptions, Simulation};
use crossterm::event::KeyEventState;

fn setup(picture: &str, size: (u16, u16)) -> Setup {
    let start: Grid = picture.parse().expect("grid");
    Setup {
        name: "test".to_owned(),
        start: Start::Torus {
            grid: start,
            engine: Box::new(Sequential::new(Rule::LIFE)),
            label: "sequential".to_owned(),
        },
        rule: Rule::LIFE,
        density: Density::Cell,
        fps: 30,
        paused: true,
        size,
        fault: None,
    }
}

const GLIDER: &str = "-*----\n--*---\n***---\n------\n------\n";

fn press(app: &mut App, code: KeyCode) -> Flow {
    let key = KeyEvent {
        code,
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    };
    app.handle(Event::Key(key)).expect("no fault")
}

fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) {
    let event = MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    app.handle(Event::Mouse(event)).expect("no fault");
}

fn status(app: &mut App) -> String {
    app.frame().pop().expect("a status line")
}

#[test]
fn the_frame_is_the_grid_then_the_status_line() {
    let mut app = App::new(setup(GLIDER, (8, 6)));
    let frame = app.frame();
    assert_eq!(frame.len(), 6);
    assert_eq!(&frame[..3], [" █      ", "  █     ", "███     "]);
    // The least important fields make way on a narrow terminal.
    assert_eq!(frame[5], "gen 0   ");
    assert!(!app.is_dirty());
}

#[test]
fn space_pauses_and_n_steps_one_generation() {
    let mut app = App::new(setup(GLIDER, (60, 8)));
    assert!(status(&mut app).contains("gen 0 · pop 5 · paused"));
    press(&mut app, KeyCode::Char(' '));
    assert!(!app.is_paused());
    press(&mut app, KeyCode::Char(' '));
    assert!(app.is_paused());
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char('.'));
    assert!(status(&mut app).contains("gen 2 · pop 5 · paused"));
    // n while running pauses first.
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char('n'));
    assert!(app.is_paused());
    assert!(status(&mut app).contains("gen 3 "));
}

#[test]
fn speed_climbs_to_several_generations_per_frame_and_back() {
    let mut app = App::new(setup(GLIDER, (100, 8)));
    press(&mut app, KeyCode::Char('+'));
    assert!(status(&mut app).contains("· 60 fps ·"));
    press(&mut app, KeyCode::Char('+'));
    assert!(status(&mut app).contains("· 60 fps ×2 ·"));
    for _ in 0..20 {
        press(&mut app, KeyCode::Char('+'));
    }
    assert!(status(&mut app).contains("· 60 fps ×64 ·"));
    for _ in 0..20 {
        press(&mut app, KeyCode::Char('-'));
    }
    assert!(status(&mut app).contains("· 1 fps ·"));
    assert_eq!(app.frame_period(), Duration::from_secs(1));
    // An --fps off the ladder moves to its neighbours.
    let mut odd = App::new(Setup {
        fps: 25,
        ..setup(GLIDER, (100, 8))
    });
    press(&mut odd, KeyCode::Char('-'));
    assert!(status(&mut odd).contains("· 20 fps ·"));
}

#[test]
fn a_frame_runs_its_generations_unless_input_arrives() {
    let mut app = App::new(setup(GLIDER, (60, 8)));
    for _ in 0..4 {
        press(&mut app, KeyCode::Char('+'));
    }
    let far = Instant::now() + Duration::from_secs(3600);
    app.advance(far, || false);
    assert!(status(&mut app).contains("gen 8 "), "{}", status(&mut app));
    app.advance(far, || true);
    assert!(status(&mut app).contains("gen 9 "), "{}", status(&mut app));
}

#[test]
fn z_cycles_the_density() {
    let mut app = App::new(setup(GLIDER, (100, 4)));
    press(&mut app, KeyCode::Char('z'));
    let frame = app.frame();
    assert_eq!(frame[0].trim_end(), " ▀▄");
    assert!(frame[3].contains("· half"));
    press(&mut app, KeyCode::Char('z'));
    assert_eq!(app.frame()[0].trim_end(), "⠬⠆");
    // Back to one cell per character, 3 lines show rows 1 to 3 of 5,
    // around the middle row.
    press(&mut app, KeyCode::Char('z'));
    assert_eq!(app.frame()[0].trim_end(), "  █");
}

#[test]
fn restart_clear_and_soup() {
    let mut app = App::new(setup(GLIDER, (120, 8)));
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char('c'));
    assert!(status(&mut app).starts_with("empty · B3/S23 · 5x6 · gen 0 · pop 0 · paused"));
    press(&mut app, KeyCode::Char('R'));
    let soup = status(&mut app);
    assert!(soup.starts_with("random soup · B3/S23 · 5x6 · gen 0 · pop "));
    press(&mut app, KeyCode::Char('r'));
    assert!(status(&mut app).starts_with("test · B3/S23 · 5x6 · gen 0 · pop 5 "));
    assert_eq!(app.frame()[0].trim_end(), " █");
}

#[test]
fn quitting_keys() {
    let mut app = App::new(setup(GLIDER, (60, 8)));
    assert_eq!(press(&mut app, KeyCode::Char('q')), Flow::Quit);
    assert_eq!(press(&mut app, KeyCode::Esc), Flow::Quit);
    let control_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(app.handle(Event::Key(control_c)).ok(), Some(Flow::Quit));
    assert_eq!(press(&mut app, KeyCode::Char('!')), Flow::Continue);
}

#[test]
fn the_test_fault_is_an_error_when_asked_for() {
    let mut app = App::new(Setup {
        fault: Some(Fault::Error),
        ..setup(GLIDER, (60, 8))
    });
    let key = KeyEvent::new(KeyCode::Char('!'), KeyModifiers::NONE);
    assert!(app.handle(Event::Key(key)).is_err());
}

#[test]
fn clicks_toggle_and_drags_paint_while_paused() {
    let mut app = App::new(setup(GLIDER, (60, 8)));
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 1, 0);
    mouse(&mut app, MouseEventKind::Up(MouseButton::Left), 1, 0);
    assert_eq!(app.frame()[0].trim_end(), "", "the click cleared (0, 1)");
    // A drag from an empty cell paints a line, gaps filled.
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 0, 4);
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), 5, 4);
    mouse(&mut app, MouseEventKind::Up(MouseButton::Left), 5, 4);
    assert_eq!(app.frame()[4].trim_end(), "██████");
    // The status line and the area beyond the torus are not cells.
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 10, 1);
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 0, 7);
    assert!(status(&mut app).contains("pop 10 "));
    // Running, clicks do nothing.
    press(&mut app, KeyCode::Char(' '));
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 0, 0);
    assert_eq!(app.frame()[0].trim_end(), "");
}

#[test]
fn arrows_pan_a_torus_larger_than_the_screen_and_resizing_keeps_the_grid() {
    let big = format!(
        "*{}\n{}",
        "-".repeat(19),
        format!("{}\n", "-".repeat(20)).repeat(9)
    );
    // 10×20 torus on a 6×3 terminal: 6 columns, 2 lines of cells.
    let mut app = App::new(setup(&big, (6, 3)));
    let centred = app.frame();
    assert_eq!(centred[..2], ["      ", "      "]);
    for _ in 0..4 {
        press(&mut app, KeyCode::Up);
    }
    for _ in 0..7 {
        press(&mut app, KeyCode::Char('h'));
    }
    assert_eq!(app.frame()[0], "█     ");
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::Left);
    assert_eq!(app.frame()[1], " █    ", "the view wraps");
    // Larger than the torus: shown whole from its corner.
    app.handle_all(vec![Event::Resize(30, 4), Event::Resize(40, 20)])
        .expect("resize");
    let whole = app.frame();
    assert_eq!(whole.len(), 20);
    assert_eq!(whole[0], format!("█{}", " ".repeat(39)));
    assert!(whole[19].contains("pop 1 "));
}

#[test]
fn bresenham_lines_have_no_gaps() {
    assert_eq!(line((0, 0), (2, 4)).len(), 5);
    assert_eq!(line((3, 3), (3, 3)), [(3, 3)]);
    assert_eq!(line((2, 0), (0, 0)), [(2, 0), (1, 0), (0, 0)]);
}

#[test]
fn two_state_rules_draw_plain_lines() {
    let mut app = App::new(setup(GLIDER, (8, 6)));
    let styled = app.styled_frame();
    let plain = app.frame();
    let lines: Vec<Vec<Styled>> = plain.into_iter().map(|l| vec![Styled::plain(l)]).collect();
    assert_eq!(styled, lines);
}

#[test]
fn generations_rules_draw_their_states_in_colour_and_the_status_plain() {
    let brain: Rule = "/2/3".parse().expect("Brian's Brain");
    let mut setup = setup("*B--\n----\n", (4, 3));
    setup.rule = brain;
    if let Start::Torus { engine, .. } = &mut setup.start {
        *engine = Box::new(Sequential::new(brain));
    }
    let mut app = App::new(setup);
    let styled = app.styled_frame();
    assert_eq!(styled.len(), 3);
    assert_eq!(
        styled[0],
        [
            Styled {
                text: "█".into(),
                fg: glyphs::shade(State::ALIVE, 3),
                bg: None
            },
            Styled {
                text: "█".into(),
                fg: glyphs::shade(State::new(2), 3),
                bg: None
            },
            Styled::plain("  "),
        ]
    );
    assert_eq!(styled[2].len(), 1, "the status line is plain");
    assert_eq!(styled[2][0].fg, None);
}

/// `rle` on the plane, paused, one cell a character.
fn on_plane(rle: &str, size: (u16, u16)) -> Setup {
    let pattern = corolife::format::parse(rle, None).expect("pattern");
    let options = EngineOptions::default();
    let simulation =
        Simulation::build(&pattern, Rule::LIFE, EngineKind::Auto, options).expect("simulation");
    Setup {
        name: "test".to_owned(),
        start: Start::Simulation {
            pattern: Box::new(pattern),
            simulation,
            engine: None,
            options,
        },
        rule: Rule::LIFE,
        density: Density::Cell,
        fps: 30,
        paused: true,
        size,
        fault: None,
    }
}

const PLANE_GLIDER: &str = "x = 3, y = 3\nbo$2bo$3o!";

/// Two blocks 1200 columns apart.
const TWO_BLOCKS: &str = "x = 1202, y = 2\n2o1198b2o$2o1198b2o!";

/// The characters of the frame's cells that are not blank.
fn drawn(frame: &[String]) -> usize {
    frame
        .iter()
        .map(|l| l.chars().filter(|&c| c != ' ').count())
        .sum()
}

/// The cells' lines of the frame: all but the status line.
fn cells(app: &mut App) -> Vec<String> {
    let mut frame = app.frame();
    frame.pop();
    frame
}

#[test]
fn tracking_keeps_a_glider_on_the_plane_in_the_middle() {
    let mut app = App::new(on_plane(PLANE_GLIDER, (160, 11)));
    let first = cells(&mut app);
    assert_eq!(drawn(&first), 5);
    assert!(status(&mut app).contains("test · B3/S23 · plane · gen 0 · pop 5 · 1:1 · tracking"));
    for _ in 0..400 {
        press(&mut app, KeyCode::Char('n'));
    }
    // 100 cells down and right, yet drawn just where it was.
    assert!(status(&mut app).contains("gen 400 · pop 5 "));
    assert_eq!(cells(&mut app), first);
    // Without tracking it flies off the screen.
    press(&mut app, KeyCode::Char('t'));
    assert!(!status(&mut app).contains("tracking"));
    for _ in 0..40 {
        press(&mut app, KeyCode::Char('n'));
    }
    assert_eq!(drawn(&cells(&mut app)), 0);
    // Tracking on again brings it back.
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(drawn(&cells(&mut app)), 5);
    // Panning stops tracking.
    press(&mut app, KeyCode::Char('h'));
    assert!(!status(&mut app).contains("tracking"));
}

#[test]
fn zooming_out_bins_the_cells_and_f_fits_the_whole_pattern() {
    // 200 columns by 5 lines: 1202 columns of blocks fit at 8 cells a
    // dot.
    let mut app = App::new(on_plane(TWO_BLOCKS, (200, 6)));
    let start = app.frame();
    assert!(start[5].contains("1:8"), "{}", start[5]);
    // Each block is 2×2 cells, under one dot or split over two by the
    // grid of dots; a dot never covers both.
    let dots = drawn(&start[..5]);
    assert!((2..=8).contains(&dots), "{start:?}");
    let row = start
        .iter()
        .position(|l| l.trim() != "")
        .expect("a row of cells");
    let chars: Vec<char> = start[row].chars().collect();
    let first = chars.iter().position(|&c| c == '█').expect("a dot");
    let last = chars.iter().rposition(|&c| c == '█').expect("a dot");
    // The blocks are 1200 cells apart: 150 dots of 8.
    assert!((149..=151).contains(&(last - first)), "{first}..{last}");
    // Out: 16 cells a dot; in twice: 4, and one block leaves the screen.
    press(&mut app, KeyCode::Char('['));
    assert!(status(&mut app).contains("1:16"));
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char(']'));
    assert!(status(&mut app).contains("1:4"));
    let zoomed = cells(&mut app);
    assert!(drawn(&zoomed) <= 4, "{zoomed:?}");
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char(']'));
    assert!(status(&mut app).contains("1:1"), "not below 1:1");
    press(&mut app, KeyCode::Char('f'));
    assert!(status(&mut app).contains("1:8"));
    assert_eq!(cells(&mut app), start[..5]);
}

#[test]
fn steps_of_2_to_the_k_run_on_hashlife_on_the_plane() {
    let mut app = App::new(on_plane(PLANE_GLIDER, (200, 8)));
    assert!(!status(&mut app).contains("hashlife"));
    // 60 fps, then ×2 … ×64, ×128 …: 11 presses reach 2^10 a frame.
    for _ in 0..11 {
        press(&mut app, KeyCode::Char('+'));
    }
    let line = status(&mut app);
    assert!(line.contains("60 fps · step 2^10"), "{line}");
    assert!(line.contains("hashlife"), "{line}");
    let far = Instant::now() + Duration::from_secs(3600);
    app.advance(far, || true);
    assert!(status(&mut app).contains("gen 1024 · pop 5 "));
    // Tracked, the glider is still on the screen 256 cells away.
    assert_eq!(drawn(&cells(&mut app)), 5);
    // The ladder ends at 2^30.
    for _ in 0..40 {
        press(&mut app, KeyCode::Char('+'));
    }
    assert!(status(&mut app).contains("step 2^30"));
    // Below 2^8 a frame the engine chosen at first comes back, at the
    // same generation.
    for _ in 0..24 {
        press(&mut app, KeyCode::Char('-'));
    }
    let line = status(&mut app);
    assert!(
        line.contains("60 fps ×64") && !line.contains("hashlife"),
        "{line}"
    );
    assert!(line.contains("gen 1024 · pop 5 "), "{line}");
    // Generations rules take the multistate HashLife: Brian's Brain's
    // period-3 oscillator, 2^10 = 1 (mod 3) generations on, is in its
    // second phase, drawn in colour.
    let brain: Rule = "/2/3".parse().expect("Brian's Brain");
    let oscillator = corolife::library::pattern("brians-brain-p3").expect("built in");
    let options = EngineOptions::default();
    let simulation =
        Simulation::build(&oscillator, brain, EngineKind::Auto, options).expect("simulation");
    let mut second =
        Simulation::build(&oscillator, brain, EngineKind::Auto, options).expect("simulation");
    second.step().expect("a step");
    let mut brains = App::new(Setup {
        start: Start::Simulation {
            pattern: Box::new(oscillator),
            simulation,
            engine: None,
            options,
        },
        rule: brain,
        ..on_plane(PLANE_GLIDER, (200, 12))
    });
    for _ in 0..11 {
        press(&mut brains, KeyCode::Char('+'));
    }
    assert!(status(&mut brains).contains("hashlife"));
    brains.advance(far, || true);
    assert!(status(&mut brains).contains("gen 1024 "));
    let World::Plane(plane) = &brains.world else {
        panic!("on the plane");
    };
    assert_eq!(plane.simulation.pattern().cells(), second.pattern().cells());
    let shown = brains.styled_frame();
    assert!(shown.iter().flatten().any(|run| run.fg.is_some()));
    // A torus stops at 64 generations a frame.
    let mut torus = App::new(setup(GLIDER, (100, 8)));
    for _ in 0..30 {
        press(&mut torus, KeyCode::Char('+'));
    }
    assert!(status(&mut torus).contains("· 60 fps ×64 ·"));
}

#[test]
fn b_goes_back_frame_by_frame_until_the_history_is_used_up() {
    for mut app in [
        App::new(setup(GLIDER, (120, 8))),
        App::new(on_plane(PLANE_GLIDER, (120, 8))),
    ] {
        press(&mut app, KeyCode::Char('t'));
        let first = app.frame();
        for _ in 0..5 {
            press(&mut app, KeyCode::Char('n'));
        }
        assert!(status(&mut app).contains("gen 5 "));
        press(&mut app, KeyCode::Char('b'));
        assert!(status(&mut app).contains("gen 4 "));
        for _ in 0..4 {
            press(&mut app, KeyCode::Backspace);
        }
        assert_eq!(app.frame()[..7], first[..7]);
        assert!(status(&mut app).contains("gen 0 · pop 5 "));
        press(&mut app, KeyCode::Char('b'));
        let line = status(&mut app);
        assert!(line.contains("gen 0 · pop 5 · no history left"), "{line}");
        // The notice goes with the next key.
        press(&mut app, KeyCode::Char('n'));
        assert!(!status(&mut app).contains("no history"));
    }
}

#[test]
fn a_running_frame_goes_into_the_history_and_b_pauses() {
    let mut app = App::new(setup(GLIDER, (120, 8)));
    press(&mut app, KeyCode::Char(' '));
    for _ in 0..4 {
        press(&mut app, KeyCode::Char('+'));
    }
    let far = Instant::now() + Duration::from_secs(3600);
    app.advance(far, || false);
    app.advance(far, || false);
    assert!(status(&mut app).contains("gen 16 "));
    press(&mut app, KeyCode::Char('b'));
    assert!(app.is_paused());
    assert!(status(&mut app).contains("gen 8 "));
    // Restarting forgets the history.
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Char('b'));
    assert!(status(&mut app).contains("no history left"));
}

#[test]
fn g_draws_the_population_graph_above_the_status_line() {
    let mut app = App::new(on_plane("x = 3, y = 1\n3o!", (60, 8)));
    press(&mut app, KeyCode::Char('g'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('n'));
    }
    let frame = app.frame();
    assert_eq!(frame.len(), 8);
    // A blinker: 3 cells, always.
    assert_eq!(frame[6].trim_end(), "pop 3–3 ▁▁▁▁");
    // The cells keep their place in the middle of the 6 lines left.
    assert_eq!(drawn(&frame[..6]), 3);
    press(&mut app, KeyCode::Char('g'));
    assert!(!app.frame()[6].starts_with("pop"));
}

#[test]
fn the_plane_is_edited_cleared_and_filled_with_soup_where_it_is_seen() {
    let mut app = App::new(on_plane(PLANE_GLIDER, (120, 11)));
    press(&mut app, KeyCode::Char('c'));
    assert!(status(&mut app).contains("empty · B3/S23 · plane · gen 0 · pop 0"));
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 3, 2);
    mouse(&mut app, MouseEventKind::Up(MouseButton::Left), 3, 2);
    assert_eq!(app.frame()[2].trim_end(), "   █");
    // Zoomed out, a click changes nothing and says why.
    press(&mut app, KeyCode::Char('['));
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 3, 2);
    assert!(status(&mut app).contains("pop 1 · zoom in to 1:1 to edit cells"));
    press(&mut app, KeyCode::Char(']'));
    // The soup fills the 120×10 cells on the screen and nothing else.
    press(&mut app, KeyCode::Char('R'));
    let frame = cells(&mut app);
    let population = drawn(&frame);
    assert!(population > 450 && population < 750, "{population}");
    assert!(status(&mut app).contains(&format!("pop {population} ")));
    press(&mut app, KeyCode::Char('['));
    let zoomed_out = cells(&mut app);
    let rows: Vec<usize> = (0..zoomed_out.len())
        .filter(|&i| zoomed_out[i].trim() != "")
        .collect();
    assert!(rows.len() <= 6, "{zoomed_out:?}");
}

#[test]
fn a_torus_says_that_it_does_not_zoom() {
    let mut app = App::new(setup(GLIDER, (120, 8)));
    press(&mut app, KeyCode::Char('['));
    assert!(status(&mut app).contains("no zoom on a torus"));
    press(&mut app, KeyCode::Char('f'));
    assert!(status(&mut app).contains("no fitting on a torus"));
    assert_eq!(app.frame()[0].trim_end(), " █");
}

#[test]
fn every_key_works_on_screens_down_to_nothing() {
    let keys = "[[[[f]t g b n R c r z [ h j k l + - ? b";
    for size in [(0, 0), (1, 1), (3, 2), (2, 3), (40, 12)] {
        for mut app in [
            App::new(on_plane(TWO_BLOCKS, size)),
            App::new(setup(GLIDER, size)),
        ] {
            for c in keys.chars() {
                press(&mut app, KeyCode::Char(c));
                press(&mut app, KeyCode::Backspace);
                let frame = app.frame();
                assert_eq!(frame.len(), usize::from(size.1), "{size:?} after {c:?}");
                assert!(
                    frame
                        .iter()
                        .all(|line| line.chars().count() == usize::from(size.0)),
                    "{size:?} after {c:?}: {frame:?}"
                );
            }
            for _ in 0..50 {
                press(&mut app, KeyCode::Char('['));
            }
            app.frame();
        }
    }
}
