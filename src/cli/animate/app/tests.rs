use super::*;
use corolife::Sequential;
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
