//! Taking the terminal over, and always giving it back.
//!
//! [`Terminal::enter`] switches to raw mode, the alternate screen, a hidden
//! cursor and mouse reporting; [`restore`] undoes all of it. `restore` runs
//! from every exit path: the guard's `Drop` (a normal return, or an error
//! returned with `?`), the panic hook (installed by [`install_panic_hook`]
//! before raw mode, so the panic message lands on the restored screen), and
//! the signal watcher when the loop did not end by itself in time. It does
//! its work once, however many of them run, and never panics. [`suspend`]
//! gives the terminal back while the process is stopped (Ctrl-Z) and takes
//! it again when it is continued.

use std::io::{self, Write};
use std::panic;
use std::sync::{Mutex, MutexGuard, PoisonError};

use corolife::render::Rgb;
use corolife::render::glyphs::{self, Styled};
use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::style::{
    Attribute, Color, Print, ResetColor, SetAttribute, SetBackgroundColor, SetForegroundColor,
};
use crossterm::terminal::{
    self, BeginSynchronizedUpdate, Clear, ClearType, DisableLineWrap, EnableLineWrap,
    EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{execute, queue};

/// Whether the terminal is ours and needs restoring. Every change of the
/// terminal's modes happens with this held, so that a restore from one
/// thread never interleaves with a suspension on another.
static TAKEN: Mutex<bool> = Mutex::new(false);

/// [`TAKEN`], locked. (Nothing panics while it is held; if something did,
/// the flag would still say what was last done.)
fn taken() -> MutexGuard<'static, bool> {
    TAKEN.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The terminal in raw mode on the alternate screen; dropping it restores
/// the terminal.
pub struct Terminal(());

impl Terminal {
    /// Takes the terminal over. Whatever part of that fails, what was done
    /// is undone when the error is returned.
    pub fn enter() -> io::Result<Terminal> {
        {
            let mut taken = taken();
            terminal::enable_raw_mode()?;
            // From here on there is something to restore: the guard exists
            // before the next change, so that a failure half-way is undone
            // by its drop.
            *taken = true;
        }
        let guard = Terminal(());
        take(&mut io::stdout())?;
        Ok(guard)
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        restore();
    }
}

/// The alternate screen, cleared, with the cursor hidden, no line wrapping
/// and mouse reporting on (raw mode is set apart).
fn take(out: &mut impl Write) -> io::Result<()> {
    execute!(
        out,
        EnterAlternateScreen,
        Hide,
        DisableLineWrap,
        EnableMouseCapture,
        Clear(ClearType::All)
    )
}

/// Mouse reporting off, line wrapping on, the main screen, the cursor
/// shown, then raw mode off; errors are ignored (there is nowhere left to
/// report them, and the terminal may be gone).
fn give_back(out: &mut impl Write) {
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        SetAttribute(Attribute::Reset),
        DisableMouseCapture,
        EnableLineWrap,
        LeaveAlternateScreen,
        Show
    );
    let _ = terminal::disable_raw_mode();
}

/// Gives the terminal back (see [`give_back`]). Only the first call after
/// [`Terminal::enter`] does anything.
pub fn restore() {
    let mut taken = taken();
    if std::mem::replace(&mut *taken, false) {
        give_back(&mut io::stdout());
    }
}

/// Gives the terminal back, calls `stop` (which returns once the process
/// is continued), and takes the terminal again; the next frame must then
/// be drawn whole. Standard output stays locked throughout, so that no
/// frame is drawn on the main screen in between. Without the terminal
/// taken, only stops.
pub fn suspend(stop: fn()) {
    let mut taken = taken();
    if !*taken {
        drop(taken);
        stop();
        return;
    }
    let mut out = io::stdout().lock();
    give_back(&mut out);
    stop();
    // Taken back as far as it goes; what is not is no worse than the
    // shell left it.
    *taken = terminal::enable_raw_mode().is_ok();
    if *taken {
        let _ = take(&mut out);
    }
}

/// Restores the terminal before the panic message is printed, so that the
/// message is readable on the main screen instead of lost with the
/// alternate one. Must be called before [`Terminal::enter`].
pub fn install_panic_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// The lines on the screen, so that a frame rewrites only the lines that
/// changed.
pub struct Screen {
    shown: Vec<Vec<Styled>>,
    size: (u16, u16),
    buffer: Vec<u8>,
}

fn colour(rgb: Rgb) -> Color {
    Color::Rgb {
        r: rgb.r,
        g: rgb.g,
        b: rgb.b,
    }
}

impl Screen {
    /// Forgets what is shown, so that the next frame is drawn whole (after
    /// the terminal was someone else's for a while).
    pub fn invalidate(&mut self) {
        self.shown.clear();
        self.size = (0, 0);
    }

    /// A screen that knows nothing of what is shown: the first frame is
    /// drawn whole.
    pub fn new() -> Screen {
        Screen {
            shown: Vec::new(),
            size: (0, 0),
            buffer: Vec::new(),
        }
    }

    /// Draws `lines` of coloured spans on a terminal of `size` (columns,
    /// rows), the last line in reverse video when `status` is set. The
    /// frame is queued into one buffer, wrapped in a synchronized update,
    /// and written and flushed once; lines that did not change since the
    /// last frame are skipped, unless the terminal's size changed. Spans
    /// without colours are printed as they are, with no colour codes.
    pub fn draw(
        &mut self,
        lines: &[Vec<Styled>],
        size: (u16, u16),
        status: bool,
    ) -> io::Result<()> {
        self.buffer.clear();
        let out = &mut self.buffer;
        queue!(out, BeginSynchronizedUpdate)?;
        if size != self.size || lines.len() != self.shown.len() {
            queue!(out, Clear(ClearType::All))?;
            self.shown.clear();
            self.size = size;
        }
        let mut changed = false;
        for (row, line) in lines.iter().enumerate() {
            if self.shown.get(row) == Some(line) {
                continue;
            }
            changed = true;
            let row = u16::try_from(row).unwrap_or(u16::MAX);
            queue!(out, MoveTo(0, row))?;
            if status && usize::from(row) + 1 == lines.len() {
                queue!(
                    out,
                    SetAttribute(Attribute::Reverse),
                    Print(glyphs::unstyled(line)),
                    SetAttribute(Attribute::Reset)
                )?;
                continue;
            }
            for span in line {
                if span.fg.is_none() && span.bg.is_none() {
                    queue!(out, Print(&span.text))?;
                    continue;
                }
                if let Some(fg) = span.fg {
                    queue!(out, SetForegroundColor(colour(fg)))?;
                }
                if let Some(bg) = span.bg {
                    queue!(out, SetBackgroundColor(colour(bg)))?;
                }
                queue!(out, Print(&span.text), ResetColor)?;
            }
        }
        if !changed {
            return Ok(());
        }
        queue!(out, EndSynchronizedUpdate)?;
        let mut stdout = io::stdout().lock();
        stdout.write_all(&self.buffer)?;
        stdout.flush()?;
        self.shown.clear();
        self.shown.extend_from_slice(lines);
        Ok(())
    }
}
