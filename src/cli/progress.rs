//! The progress bar of `ipportal build`: pages rendered and written out of the total, on stderr.
//! Only on a terminal, never in CI, and only once a build has run for half a second (or
//! `IPPORTAL_PROGRESS_DELAY_MS`): a quick build shows no bar at all.

use std::io::IsTerminal;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use ipportal::Progress;

/// How long a build runs before its bar appears, unless `IPPORTAL_PROGRESS_DELAY_MS` says.
const DELAY: Duration = Duration::from_millis(500);

fn delay() -> Duration {
    std::env::var("IPPORTAL_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|ms| ms.trim().parse().ok())
        .map_or(DELAY, Duration::from_millis)
}

/// Whether a bar may be drawn: stderr is a terminal and the `CI` variable is not set (CI logs
/// are not terminals, but some CI runners pretend to be one).
pub fn wanted() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

/// A bar that stays hidden until the delay has passed.
pub struct BuildBar {
    bar: ProgressBar,
    /// Dropped when the build ends, which wakes the revealer early.
    stop: mpsc::Sender<()>,
    revealer: JoinHandle<()>,
}

impl BuildBar {
    /// Starts the clock; the bar is drawn on stderr once the delay has passed.
    pub fn start() -> Self {
        let delay = delay();
        let target = if delay.is_zero() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        let style = ProgressStyle::with_template("{msg:>8} [{bar:40}] {pos}/{len} pages")
            .expect("a valid template")
            .progress_chars("=> ");
        bar.set_style(style);
        let (stop, stopped) = mpsc::channel::<()>();
        let shown = bar.clone();
        let revealer = std::thread::spawn(move || {
            if !delay.is_zero() && stopped.recv_timeout(delay) == Err(RecvTimeoutError::Timeout) {
                shown.set_draw_target(ProgressDrawTarget::stderr());
            }
        });
        BuildBar {
            bar,
            stop,
            revealer,
        }
    }

    /// Shows one more page done; called from many threads at once.
    pub fn update(&self, progress: Progress) {
        // The first page of a stage starts the bar over (with parallel workers it may arrive
        // just after the second: the bar steps back one page for a moment, which is harmless).
        if progress.done == 1 {
            self.bar.set_message(progress.stage.name());
            self.bar.set_length(progress.total as u64);
        }
        self.bar.set_position(progress.done as u64);
    }

    /// Removes the bar, leaving the terminal as it was.
    pub fn finish(self) {
        drop(self.stop);
        let _ = self.revealer.join();
        self.bar.finish_and_clear();
    }
}
