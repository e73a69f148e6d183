//! The stages of a build, how long each took, and the progress of the long ones: plain data for
//! the summary `ipportal build` prints and for its progress bar. The library reports; it never
//! draws.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A stage of a build, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// `site.toml`, `content/`, taxonomies, course sessions, the theme and its templates.
    Load,
    /// Every Markdown body to HTML.
    Markdown,
    /// Template contexts, every page, list, feed and static file rendered and written.
    Write,
    /// The search index, built and written while [`Stage::Write`] runs.
    Search,
    /// The new output swapped in for the old.
    Commit,
}

impl Stage {
    /// The stage's name as the summary shows it.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Load => "load",
            Stage::Markdown => "markdown",
            Stage::Write => "write",
            Stage::Search => "search",
            Stage::Commit => "commit",
        }
    }
}

/// How long one stage took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageTime {
    /// The stage.
    pub stage: Stage,
    /// Its wall time.
    pub elapsed: Duration,
}

/// Adds `elapsed` to `stage` in `times`, appending the stage if it is not there yet.
pub fn record(times: &mut Vec<StageTime>, stage: Stage, elapsed: Duration) {
    match times.iter_mut().find(|t| t.stage == stage) {
        Some(time) => time.elapsed += elapsed,
        None => times.push(StageTime { stage, elapsed }),
    }
}

/// Runs `f` and says how long it took: for stages that run side by side.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

/// Times stages that run one after the other: each [`Stopwatch::lap`] closes a stage.
pub struct Stopwatch {
    last: Instant,
    times: Vec<StageTime>,
}

impl Stopwatch {
    /// Starts timing the first stage.
    pub fn start() -> Self {
        Stopwatch {
            last: Instant::now(),
            times: Vec::new(),
        }
    }

    /// Records the time since the previous lap (or the start) as `stage`.
    pub fn lap(&mut self, stage: Stage) {
        let now = Instant::now();
        record(&mut self.times, stage, now - self.last);
        self.last = now;
    }

    /// The stages timed so far.
    pub fn into_times(self) -> Vec<StageTime> {
        self.times
    }
}

/// One more page done in a stage that goes page by page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// [`Stage::Markdown`] or [`Stage::Write`].
    pub stage: Stage,
    /// Pages done so far in this stage, this one included.
    pub done: usize,
    /// Pages the stage has in all.
    pub total: usize,
}

/// Receives [`Progress`], from many threads at once.
pub type ProgressFn<'a> = &'a (dyn Fn(Progress) + Sync);

/// Ignores progress.
pub const NO_PROGRESS: ProgressFn<'static> = &|_| {};

/// Counts the pages of one stage as parallel workers finish them and tells a [`ProgressFn`].
/// An atomic increment per page, no lock: it costs nothing next to rendering the page.
pub struct PageCounter<'a> {
    stage: Stage,
    total: usize,
    done: AtomicUsize,
    report: ProgressFn<'a>,
}

impl<'a> PageCounter<'a> {
    /// A counter for `total` pages of `stage`.
    pub fn new(stage: Stage, total: usize, report: ProgressFn<'a>) -> Self {
        PageCounter {
            stage,
            total,
            done: AtomicUsize::new(0),
            report,
        }
    }

    /// Counts one page done.
    pub fn page_done(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        (self.report)(Progress {
            stage: self.stage,
            done,
            total: self.total,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;
    use std::sync::Mutex;

    #[test]
    fn recording_a_stage_twice_adds_up() {
        let mut times = Vec::new();
        record(&mut times, Stage::Write, Duration::from_millis(3));
        record(&mut times, Stage::Search, Duration::from_millis(1));
        record(&mut times, Stage::Write, Duration::from_millis(4));
        let stages: Vec<_> = times.iter().map(|t| (t.stage, t.elapsed)).collect();
        assert_eq!(
            stages,
            [
                (Stage::Write, Duration::from_millis(7)),
                (Stage::Search, Duration::from_millis(1))
            ]
        );
    }

    #[test]
    fn laps_are_recorded_in_order() {
        let mut clock = Stopwatch::start();
        clock.lap(Stage::Load);
        clock.lap(Stage::Markdown);
        let stages: Vec<_> = clock.into_times().iter().map(|t| t.stage).collect();
        assert_eq!(stages, [Stage::Load, Stage::Markdown]);
    }

    #[test]
    fn parallel_pages_are_each_counted_once() {
        let seen = Mutex::new(Vec::new());
        let report = |p: Progress| seen.lock().unwrap().push(p.done);
        let counter = PageCounter::new(Stage::Markdown, 500, &report);
        (0..500).into_par_iter().for_each(|_| counter.page_done());
        let mut seen = seen.into_inner().unwrap();
        seen.sort_unstable();
        assert_eq!(seen, (1..=500).collect::<Vec<_>>());
    }
}
