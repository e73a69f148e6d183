//! `ipportal serve`: builds the portal into memory (drafts included, base URL pointing at the
//! local server), serves it, watches the portal's files and rebuilds on change — one page when
//! only its body changed, everything otherwise — then tells every open tab to reload, or shows the
//! build error over the page while the last good version stays served.

pub mod server;
pub mod watch;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::BuildOptions;
use crate::diagnostics::{Code, Diagnostic};
use crate::output::{MemoryFiles, Output};
use crate::site::{PageUpdate, Site};
use server::{Event, Shared};
use watch::Change;

/// Saves closer together than this are one change (an editor's burst, a `git checkout`).
const DEBOUNCE: Duration = Duration::from_millis(30);
/// Threads answering HTTP requests.
const HTTP_THREADS: usize = 4;
/// How many ports after the requested one to try when it is taken.
const PORT_ATTEMPTS: u16 = 50;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The portal root.
    pub root: PathBuf,
    /// Address to listen on (`127.0.0.1`).
    pub interface: String,
    /// Port to try first; `0` lets the system choose.
    pub port: u16,
}

/// A running preview server.
pub struct Preview {
    address: SocketAddr,
    http: Arc<tiny_http::Server>,
    threads: Vec<JoinHandle<()>>,
    _watcher: RecommendedWatcher,
}

impl Preview {
    /// The address it listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Blocks until the server stops (Ctrl-C ends the process).
    pub fn wait(self) {
        for thread in self.threads {
            let _ = thread.join();
        }
    }

    /// Stops serving and watching.
    pub fn stop(self) {
        // Each call releases one thread waiting for a request.
        for _ in 0..HTTP_THREADS {
            self.http.unblock();
        }
        drop(self._watcher);
        for thread in self.threads {
            let _ = thread.join();
        }
    }
}

/// Builds, starts the server and the watcher, and returns at once. `log` receives every line
/// meant for the editor's terminal (the library itself never prints).
pub fn start(
    options: &ServeOptions,
    log: impl Fn(String) + Send + Sync + 'static,
) -> Result<Preview, Diagnostic> {
    let log: Arc<dyn Fn(String) + Send + Sync> = Arc::new(log);
    let http = Arc::new(bind(&options.interface, options.port)?);
    let address = http
        .server_addr()
        .to_ip()
        .ok_or_else(|| Diagnostic::error(Code::ServeFailed, "the server has no IP address"))?;
    let build_options = BuildOptions {
        root: options.root.clone(),
        output: None,
        base_url: Some(format!("http://{address}/")),
        drafts: true,
        // The preview shows the sources as written: minifying would only slow every save.
        minify: false,
        force: false,
        today: None,
    };
    let mut rebuilder = Rebuilder {
        options: build_options,
        site: None,
        shared: Arc::new(Shared::new(Arc::default())),
        log: log.clone(),
    };
    rebuilder.full_build();

    let (sender, receiver) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(sender)
        .map_err(|e| Diagnostic::error(Code::ServeFailed, format!("cannot watch files: {e}")))?;
    let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
    watch_portal(&mut watcher, &root)?;

    let mut threads = Vec::new();
    for _ in 0..HTTP_THREADS {
        let http = http.clone();
        let shared = rebuilder.shared.clone();
        threads.push(std::thread::spawn(move || {
            server::serve_requests(&http, &shared)
        }));
    }
    threads.push(std::thread::spawn(move || {
        while let Some(paths) = next_batch(&receiver, &rebuilder.log) {
            rebuilder.on_change(watch::classify(&root, &paths));
        }
    }));
    Ok(Preview {
        address,
        http,
        threads,
        _watcher: watcher,
    })
}

/// Listens on the requested port, or the next free one.
fn bind(interface: &str, port: u16) -> Result<tiny_http::Server, Diagnostic> {
    let attempts = if port == 0 { 1 } else { PORT_ATTEMPTS };
    let mut last_error = String::new();
    for offset in 0..attempts {
        match tiny_http::Server::http((interface, port.saturating_add(offset))) {
            Ok(server) => return Ok(server),
            Err(e) => last_error = e.to_string(),
        }
    }
    Err(Diagnostic::error(
        Code::ServeFailed,
        format!(
            "cannot listen on {interface} ports {port}–{}: {last_error}",
            port.saturating_add(attempts - 1)
        ),
    ))
}

fn watch_portal(watcher: &mut RecommendedWatcher, root: &Path) -> Result<(), Diagnostic> {
    let mut watch = |path: &Path, mode| {
        watcher.watch(path, mode).map_err(|e| {
            Diagnostic::error(
                Code::ServeFailed,
                format!("cannot watch {}: {e}", path.display()),
            )
        })
    };
    for name in ["content", "static", "templates", "themes", "i18n"] {
        let path = root.join(name);
        if path.is_dir() {
            watch(&path, RecursiveMode::Recursive)?;
        }
    }
    // The root itself, not recursively: site.toml, and folders created after the start.
    watch(root, RecursiveMode::NonRecursive)
}

/// Waits for the next change and gathers the events that follow it until the files have been
/// quiet for [`DEBOUNCE`]: a burst of saves is one rebuild. `None` when the watcher is gone.
fn next_batch(
    receiver: &std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    log: &Arc<dyn Fn(String) + Send + Sync>,
) -> Option<Vec<PathBuf>> {
    let mut paths = Vec::new();
    let mut add = |result: notify::Result<notify::Event>| match result {
        // Reading a file (as every build does) must not look like a change.
        Ok(event) if is_change(&event.kind) => paths.extend(event.paths),
        Ok(_) => {}
        Err(e) => log(format!("watch error: {e}")),
    };
    add(receiver.recv().ok()?);
    loop {
        match receiver.recv_timeout(DEBOUNCE) {
            Ok(result) => add(result),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => return Some(paths),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return None,
        }
    }
}

fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(notify::event::ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(notify::event::AccessKind::Close(notify::event::AccessMode::Write)) => {
            true
        }
        EventKind::Access(_) | EventKind::Other => false,
    }
}

/// Owns the loaded site and turns changes into rebuilds and events.
struct Rebuilder {
    options: BuildOptions,
    site: Option<Site>,
    shared: Arc<Shared>,
    log: Arc<dyn Fn(String) + Send + Sync>,
}

impl Rebuilder {
    fn on_change(&mut self, change: Change) {
        match change {
            Change::Nothing => {}
            Change::Pages(paths) => self.update_pages(&paths),
            Change::Static { css_only } => {
                self.full_build_then(if css_only { Event::Css } else { Event::Reload })
            }
            Change::Full => self.full_build(),
        }
    }

    fn full_build(&mut self) {
        self.full_build_then(Event::Reload);
    }

    /// Loads and writes everything into fresh memory, then serves it; on failure the previous
    /// files stay served and the error goes to the terminal and every tab.
    fn full_build_then(&mut self, event: Event) {
        let start = Instant::now();
        let files: Arc<MemoryFiles> = Arc::default();
        let built = Site::load(&self.options).and_then(|mut site| {
            let count = site.write(&Output::memory(files.clone()))?;
            Ok((site, count))
        });
        match built {
            Ok((site, count)) => {
                self.shared.replace_files(files);
                (self.log)(format!(
                    "Built {} pages into memory ({count} files) in {} ms",
                    site.library.pages.len(),
                    start.elapsed().as_millis()
                ));
                self.site = Some(site);
                self.shared.broadcast(&event);
            }
            Err(errors) => self.report(&errors),
        }
    }

    /// Updates the changed pages one by one; anything an update cannot handle (a new or
    /// deleted file, changed front matter) falls back to a full build.
    fn update_pages(&mut self, paths: &[PathBuf]) {
        let start = Instant::now();
        let Some(site) = self.site.as_mut() else {
            return self.full_build();
        };
        let output = Output::memory(self.shared.files());
        for path in paths {
            let index = site.page_index(path).filter(|_| path.is_file());
            let Some(index) = index else {
                return self.full_build();
            };
            match site.update_page(index, &output) {
                Ok(PageUpdate::NeedsFullBuild) => return self.full_build(),
                Ok(_) => {}
                Err(errors) => return self.report(&errors),
            }
        }
        self.shared.broadcast(&Event::Reload);
        // The index follows the reload, so the tab never waits for it.
        for path in paths {
            if let Some(index) = site.page_index(path)
                && let Err(e) = site.update_search(index, &output)
            {
                (self.log)(e.render());
            }
        }
        (self.log)(format!(
            "Updated {} in {} ms",
            paths
                .iter()
                .map(|p| p
                    .strip_prefix(&site.root)
                    .unwrap_or(p)
                    .display()
                    .to_string())
                .collect::<Vec<_>>()
                .join(", "),
            start.elapsed().as_millis()
        ));
    }

    fn report(&self, errors: &[Diagnostic]) {
        let text: Vec<String> = errors.iter().map(Diagnostic::render).collect();
        let text = text.join("\n");
        (self.log)(format!("{text}\nStill serving the last good build."));
        self.shared.broadcast(&Event::BuildError(text));
    }
}
