//! A small pool of worker threads that is polite to every host: at most `per_host` requests in
//! flight to one host, and their starts at least `interval` apart, whatever the pool's size; and
//! that starts nothing after its deadline.

use std::collections::{HashMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// How much work runs at once.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Worker threads.
    pub workers: usize,
    /// Jobs in flight for one host.
    pub per_host: usize,
    /// Time between the starts of two jobs for one host.
    pub interval: Duration,
    /// No job starts at or after this instant (`None`: no deadline). Jobs already running
    /// finish: they bound their own time.
    pub deadline: Option<Instant>,
}

/// Runs `work` on every job (each with its host) and returns the results in the jobs' order:
/// `None` for the jobs not started before the deadline, and for a job whose `work` panicked (a
/// bug: it is caught, so that its host's slot is given back and the other jobs still run).
pub fn run<J: Sync, R: Send>(
    jobs: &[(String, J)],
    limits: Limits,
    work: impl Fn(&J) -> R + Sync,
) -> Vec<Option<R>> {
    let gate = Gate {
        state: Mutex::new(Queue {
            pending: (0..jobs.len()).collect(),
            hosts: HashMap::new(),
        }),
        changed: Condvar::new(),
        limits,
    };
    let results = Mutex::new(jobs.iter().map(|_| None).collect::<Vec<_>>());
    std::thread::scope(|scope| {
        for _ in 0..limits.workers.clamp(1, jobs.len().max(1)) {
            scope.spawn(|| {
                while let Some(index) = gate.next(jobs) {
                    let (host, job) = &jobs[index];
                    let result = catch_unwind(AssertUnwindSafe(|| work(job))).ok();
                    results.lock().expect("no worker panics")[index] = result;
                    gate.done(host);
                }
            });
        }
    });
    results.into_inner().expect("no worker panics")
}

struct Gate {
    state: Mutex<Queue>,
    changed: Condvar,
    limits: Limits,
}

/// The jobs not started yet, and what is going on with each host.
struct Queue {
    pending: VecDeque<usize>,
    hosts: HashMap<String, Host>,
}

#[derive(Debug, Clone, Copy)]
struct Host {
    in_flight: usize,
    next_start: Instant,
}

/// What a worker should do next.
#[derive(Debug, PartialEq)]
enum Pick {
    /// Start the job at this position of the queue.
    Start(usize),
    /// Every queued job's host is busy: wait until this instant (or until a job ends).
    WaitUntil(Option<Instant>),
    /// Nothing left.
    Finished,
}

impl Gate {
    /// Blocks until a job may start; `None` when none is left or the deadline has passed.
    fn next<J>(&self, jobs: &[(String, J)]) -> Option<usize> {
        let deadline = self.limits.deadline;
        let mut queue = self.state.lock().expect("no worker panics");
        loop {
            let now = Instant::now();
            if deadline.is_some_and(|deadline| now >= deadline) {
                return None;
            }
            match pick(&queue, jobs, self.limits.per_host, now) {
                Pick::Finished => return None,
                Pick::Start(position) => {
                    let index = queue.pending.remove(position).expect("position from pick");
                    let host = queue.hosts.entry(jobs[index].0.clone()).or_insert(Host {
                        in_flight: 0,
                        next_start: now,
                    });
                    host.in_flight += 1;
                    host.next_start = now + self.limits.interval;
                    return Some(index);
                }
                Pick::WaitUntil(until) => {
                    // Waiting ends at the deadline too, so no worker sleeps past it.
                    queue = match until.into_iter().chain(deadline).min() {
                        Some(until) => {
                            let wait = until.saturating_duration_since(now);
                            self.changed
                                .wait_timeout(queue, wait)
                                .expect("no worker panics")
                                .0
                        }
                        None => self.changed.wait(queue).expect("no worker panics"),
                    };
                }
            }
        }
    }

    fn done(&self, host: &str) {
        let mut queue = self.state.lock().expect("no worker panics");
        if let Some(host) = queue.hosts.get_mut(host) {
            host.in_flight -= 1;
        }
        self.changed.notify_all();
    }
}

/// The first queued job whose host has a free slot and whose interval has passed.
fn pick<J>(queue: &Queue, jobs: &[(String, J)], per_host: usize, now: Instant) -> Pick {
    if queue.pending.is_empty() {
        return Pick::Finished;
    }
    let mut earliest: Option<Instant> = None;
    for (position, &index) in queue.pending.iter().enumerate() {
        match queue.hosts.get(&jobs[index].0) {
            None => return Pick::Start(position),
            Some(host) if host.in_flight >= per_host => {}
            Some(host) if host.next_start <= now => return Pick::Start(position),
            Some(host) => {
                earliest = Some(earliest.map_or(host.next_start, |e| e.min(host.next_start)))
            }
        }
    }
    Pick::WaitUntil(earliest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(host: &str) -> (String, ()) {
        (host.to_string(), ())
    }

    #[test]
    fn a_busy_host_waits_for_its_interval_and_its_slots() {
        let jobs = [job("a"), job("a"), job("b")];
        let now = Instant::now();
        let later = now + Duration::from_secs(1);
        let mut queue = Queue {
            pending: VecDeque::from([1, 2]),
            hosts: HashMap::from([(
                "a".to_string(),
                Host {
                    in_flight: 1,
                    next_start: later,
                },
            )]),
        };
        // Host `a` started a job a moment ago: `b` goes first.
        assert_eq!(pick(&queue, &jobs, 2, now), Pick::Start(1));
        queue.pending.remove(1);
        // Only `a` is left: wait for its interval, or for its slot when both are taken.
        assert_eq!(pick(&queue, &jobs, 2, now), Pick::WaitUntil(Some(later)));
        assert_eq!(pick(&queue, &jobs, 1, now), Pick::WaitUntil(None));
        assert_eq!(pick(&queue, &jobs, 2, later), Pick::Start(0));
        queue.pending.clear();
        assert_eq!(pick(&queue, &jobs, 2, later), Pick::Finished);
    }

    #[test]
    fn every_job_runs_once_and_results_keep_their_order() {
        let jobs: Vec<(String, usize)> = (0..20).map(|i| (format!("h{}", i % 3), i)).collect();
        let limits = Limits {
            workers: 4,
            per_host: 2,
            interval: Duration::ZERO,
            deadline: None,
        };
        let results = run(&jobs, limits, |i| i * 10);
        assert_eq!(results, (0..20).map(|i| Some(i * 10)).collect::<Vec<_>>());
    }

    #[test]
    fn a_job_that_panics_gives_its_slot_back_and_the_others_run() {
        // One host, one slot: a lost slot would leave the other workers waiting for ever.
        let jobs: Vec<(String, usize)> = (0..6).map(|i| ("h".to_string(), i)).collect();
        let limits = Limits {
            workers: 3,
            per_host: 1,
            interval: Duration::ZERO,
            deadline: None,
        };
        let results = run(&jobs, limits, |&i| {
            assert_ne!(i, 2, "a bug in one check");
            i
        });
        assert_eq!(results, [Some(0), Some(1), None, Some(3), Some(4), Some(5)]);
    }

    #[test]
    fn nothing_starts_after_the_deadline() {
        // One host, one slot, 300 ms between starts: within 700 ms three jobs can start.
        let jobs: Vec<(String, usize)> = (0..10).map(|i| ("h".to_string(), i)).collect();
        let start = Instant::now();
        let limits = Limits {
            workers: 4,
            per_host: 1,
            interval: Duration::from_millis(300),
            deadline: Some(start + Duration::from_millis(700)),
        };
        let results = run(&jobs, limits, |&i| i);
        assert_eq!(
            results,
            [
                Some(0),
                Some(1),
                Some(2),
                None,
                None,
                None,
                None,
                None,
                None,
                None
            ]
        );
        // The waiting workers stopped at the deadline, not at the host's next start (900 ms).
        assert!(start.elapsed() < Duration::from_millis(850));
    }
}
