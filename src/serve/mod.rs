//! `ipportal serve`: builds the portal into memory (drafts included, base URL pointing at the
//! local server), serves it, watches the portal's files and rebuilds on change — one page when
//! only its body changed, a static file copied when nothing else reads it, everything
//! otherwise — then tells every open tab to reload, or shows the
//! build error over the page while the last good version stays served. A panic while rebuilding
//! is reported the same way, and the next save rebuilds everything.

pub mod http;
pub mod server;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::BuildOptions;
use crate::base::diagnostics::{Code, Diagnostic};
use crate::base::layout::SOURCE_FOLDERS;
use crate::output::{MemoryFiles, Output};
use crate::site::{PageUpdate, Site};
use crate::templates::panic_message;
use server::{Event, Shared};
use watch::Change;

/// Saves closer together than this are one change (an editor's burst, a `git checkout`).
const DEBOUNCE: Duration = Duration::from_millis(30);
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
    stopper: http::Stopper,
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
    /// Shared with the rebuild thread, which adds folders created after the start; taken (and
    /// so dropped, which ends that thread) by [`Preview::stop`].
    watcher: SharedWatcher,
}

type SharedWatcher = Arc<Mutex<Option<RecommendedWatcher>>>;

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
        self.stopper.stop();
        self.shared.close_tabs();
        drop(
            self.watcher
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .take(),
        );
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
    let listener = bind(&options.interface, options.port)?;
    let address = listener.address();
    if let Some(warning) = exposure_warning(address.ip()) {
        log(warning);
    }
    let mut rebuilder = Rebuilder::new(preview_options(&options.root, address), log.clone());

    let (sender, receiver) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(sender).map_err(|e| {
        Diagnostic::error(
            Code::ServeFailed,
            crate::untranslated!(format!("cannot watch files: {e}")),
        )
    })?;
    let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
    watch_portal(&mut watcher, &root)?;
    let watcher: SharedWatcher = Arc::new(Mutex::new(Some(watcher)));

    let shared = rebuilder.shared.clone();
    let interface = options.interface.clone();
    let handler: http::Handler =
        Arc::new(move |request| server::handle(request, &shared, &interface));
    let (accept, stopper) = listener.serve(handler).map_err(|e| {
        Diagnostic::error(
            Code::ServeFailed,
            crate::untranslated!(format!("cannot start the server: {e}")),
        )
    })?;
    let shared = rebuilder.shared.clone();
    let watching = watcher.clone();
    let rebuild = std::thread::Builder::new()
        .name("ipportal-rebuild".into())
        .spawn(move || {
            while let Some(paths) = next_batch(&receiver, &rebuilder.log) {
                // Before the rebuild, which then reads what the new folder already holds.
                watch_new_folders(&watching, &root, &paths, &rebuilder.log);
                rebuilder.changed(&paths);
            }
        })
        .map_err(|e| {
            Diagnostic::error(
                Code::ServeFailed,
                crate::untranslated!(format!("cannot start watching: {e}")),
            )
        })?;
    Ok(Preview {
        address,
        stopper,
        shared,
        threads: vec![accept, rebuild],
        watcher,
    })
}

/// The build the preview serves: drafts included, links pointing at the local server.
pub fn preview_options(root: &Path, address: SocketAddr) -> BuildOptions {
    BuildOptions {
        base_url: Some(format!("http://{address}/")),
        drafts: true,
        // The preview shows the sources as written: minifying would only slow every save.
        minify: false,
        ..BuildOptions::new(root)
    }
}

/// What to say when the server can be reached from other computers.
pub fn exposure_warning(ip: IpAddr) -> Option<String> {
    (!ip.is_loopback()).then(|| {
        format!(
            "Warning: listening on {ip}, so anyone who can reach this computer over the network \
             can read the preview, drafts and build errors included. Use --interface 127.0.0.1 \
             to keep it on this computer."
        )
    })
}

/// Listens on the requested port, or the next free one.
fn bind(interface: &str, port: u16) -> Result<http::Listener, Diagnostic> {
    let attempts = if port == 0 { 1 } else { PORT_ATTEMPTS };
    let mut last_error = String::new();
    for offset in 0..attempts {
        match http::Listener::bind((interface, port.saturating_add(offset))) {
            Ok(server) => return Ok(server),
            Err(e) => last_error = e.to_string(),
        }
    }
    Err(Diagnostic::error(
        Code::ServeFailed,
        crate::untranslated!(format!(
            "cannot listen on {interface} ports {port}–{}: {last_error}",
            port.saturating_add(attempts - 1)
        )),
    ))
}

fn watch_portal(watcher: &mut RecommendedWatcher, root: &Path) -> Result<(), Diagnostic> {
    let mut watch = |path: &Path, mode| {
        watcher.watch(path, mode).map_err(|e| {
            Diagnostic::error(
                Code::ServeFailed,
                crate::untranslated!(format!("cannot watch {}: {e}", path.display())),
            )
        })
    };
    for name in SOURCE_FOLDERS {
        let path = root.join(name);
        if path.is_dir() {
            watch(&path, RecursiveMode::Recursive)?;
        }
    }
    // The root itself, not recursively: site.toml, and source folders created after the start
    // (the root's own output and `.git` are never watched).
    watch(root, RecursiveMode::NonRecursive)
}

/// Watches the source folders among `paths` that exist now: created after the start, or
/// deleted and created again (a watch ends with its folder).
fn watch_new_folders(
    watcher: &SharedWatcher,
    root: &Path,
    paths: &[PathBuf],
    log: &Arc<dyn Fn(String) + Send + Sync>,
) {
    let mut watcher = watcher.lock().unwrap_or_else(|p| p.into_inner());
    let Some(watcher) = watcher.as_mut() else {
        return;
    };
    for folder in watch::source_folders(root, paths) {
        if folder.is_dir()
            && let Err(e) = watcher.watch(&folder, RecursiveMode::Recursive)
        {
            log(format!("cannot watch {}: {e}", folder.display()));
        }
    }
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

/// Owns the loaded site and turns changes into rebuilds and events: the preview's whole
/// library side, without the server or the watcher (the never-stale property test drives it
/// directly, with the same changed paths the watcher would report).
pub struct Rebuilder {
    options: BuildOptions,
    /// The canonical portal root, which the watcher's paths start with.
    root: PathBuf,
    site: Option<Site>,
    /// Pages whose last update failed: the loaded site still has them as they were, so they
    /// are read again with the next change, whatever it is.
    pending: Vec<PathBuf>,
    shared: Arc<Shared>,
    log: Arc<dyn Fn(String) + Send + Sync>,
}

impl Rebuilder {
    /// Builds the portal of `options` into memory (see [`preview_options`]); `log` receives the
    /// lines meant for the editor's terminal.
    pub fn new(options: BuildOptions, log: Arc<dyn Fn(String) + Send + Sync>) -> Rebuilder {
        let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
        let mut rebuilder = Rebuilder {
            options,
            root,
            site: None,
            pending: Vec::new(),
            shared: Arc::new(Shared::new(Arc::default())),
            log,
        };
        rebuilder.apply(Change::Full);
        rebuilder
    }

    /// Takes the `changed` paths (absolute, under the portal root) into account, with those of
    /// a failed update before them.
    pub fn changed(&mut self, changed: &[PathBuf]) {
        let mut paths = std::mem::take(&mut self.pending);
        paths.extend_from_slice(changed);
        let paths = &paths[..];
        let change = watch::classify(&self.root, paths);
        if change == (Change::Static { css_only: false }) && self.copy_static(paths) {
            return;
        }
        self.apply(change);
    }

    /// Copies changed static files that nothing else reads (see [`Site::update_static`]) and
    /// reloads the tabs; `false`, having done nothing, when a full build is needed instead.
    fn copy_static(&mut self, paths: &[PathBuf]) -> bool {
        let start = Instant::now();
        let mut copied = false;
        self.guarded(|rebuilder| {
            let Some(site) = rebuilder.site.as_mut() else {
                return;
            };
            let output = Output::memory(rebuilder.shared.files());
            // On an error (a file that cannot be read) the full build reports it.
            copied = site.update_static(paths, &output).unwrap_or(false);
        });
        if copied {
            self.shared.broadcast(&Event::Reload);
            (self.log)(format!(
                "Copied {} in {} ms",
                self.relative_names(paths),
                start.elapsed().as_millis()
            ));
        }
        copied
    }

    /// `paths` relative to the portal, for the terminal.
    fn relative_names(&self, paths: &[PathBuf]) -> String {
        let names: Vec<String> = paths
            .iter()
            .map(|p| {
                p.strip_prefix(&self.root)
                    .unwrap_or(p)
                    .display()
                    .to_string()
            })
            .collect();
        names.join(", ")
    }

    /// The files being served, by output path.
    pub fn files(&self) -> Arc<MemoryFiles> {
        self.shared.files()
    }

    /// Rebuilds what `change` asks for, never letting a panic end the rebuild thread.
    fn apply(&mut self, change: Change) {
        self.guarded(|rebuilder| rebuilder.on_change(change));
    }

    /// Runs `work`; a panic in it (a bug in ipportal) is reported like a build error, in the
    /// terminal and over every tab, and the next change starts again from a full build, since
    /// the loaded site may be half updated.
    fn guarded(&mut self, work: impl FnOnce(&mut Rebuilder)) {
        let Err(panic) = std::panic::catch_unwind(AssertUnwindSafe(|| work(self))) else {
            return;
        };
        self.site = None;
        let text = format!(
            "ipportal crashed while rebuilding: {}\nThis is a bug in ipportal; please report it \
             with the change that caused it. The next save rebuilds everything.",
            panic_message(&panic)
        );
        (self.log)(format!("{text}\nStill serving the last good build."));
        self.shared.broadcast(&Event::BuildError(text));
    }

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
        self.pending.clear();
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
            Err(errors) => {
                // The files on disk no longer match the loaded site: the next change, whichever
                // it is, starts again from a full build (or an update would serve a mix).
                self.site = None;
                self.report(&errors);
            }
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
        let mut updated = Vec::new();
        let mut failed = None;
        for path in paths {
            let index = site.page_index(path).filter(|_| path.is_file());
            let Some(index) = index else {
                return self.full_build();
            };
            match site.update_page(index, &output) {
                Ok(PageUpdate::NeedsFullBuild) => return self.full_build(),
                Ok(_) => updated.push(index),
                Err(errors) => {
                    failed = Some(errors);
                    break;
                }
            }
        }
        if failed.is_none() {
            self.shared.broadcast(&Event::Reload);
        }
        // The index follows the reload, so the tab never waits for it; the pages updated
        // before a broken one are served, so their index entries follow them too.
        for &index in &updated {
            if let Err(e) = site.update_search(index, &output) {
                (self.log)(e.render());
            }
        }
        if let Some(errors) = failed {
            self.pending = paths.to_vec();
            return self.report(&errors);
        }
        (self.log)(format!(
            "Updated {} in {} ms",
            self.relative_names(paths),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bilingual")
    }

    #[test]
    fn a_panic_while_rebuilding_is_reported_and_the_next_change_rebuilds() {
        let lines = Arc::new(Mutex::new(Vec::<String>::new()));
        let log = {
            let lines = lines.clone();
            Arc::new(move |line| lines.lock().unwrap().push(line))
        };
        let address = SocketAddr::from(([127, 0, 0, 1], 1111));
        let mut rebuilder = Rebuilder::new(preview_options(&fixture(), address), log);
        let tab = rebuilder.shared.subscribe().unwrap();

        rebuilder.guarded(|_| panic!("index out of bounds: the len is 3 but the index is 7"));
        let event = tab.next(Duration::ZERO).expect("the tabs are told");
        assert!(event.starts_with("event: build-error"), "{event}");
        assert!(event.contains("the len is 3 but the index is 7"), "{event}");
        let terminal = lines.lock().unwrap().join("\n");
        assert!(
            terminal.contains("ipportal crashed while rebuilding: index out of bounds"),
            "{terminal}"
        );
        assert!(rebuilder.site.is_none(), "the half-updated site is dropped");

        // The next save of a page body rebuilds everything and the tabs reload.
        let page = fixture().join("content/guides/reading-claims.md");
        rebuilder.apply(Change::Pages(vec![page]));
        assert_eq!(
            &*tab.next(Duration::ZERO).unwrap(),
            "event: reload\ndata: {}\n\n"
        );
        assert!(rebuilder.site.is_some());
        assert!(
            rebuilder
                .shared
                .files()
                .read()
                .unwrap()
                .contains_key("guides/reading-claims/index.html")
        );
    }

    #[test]
    fn only_a_loopback_address_is_private() {
        assert_eq!(exposure_warning("127.0.0.1".parse().unwrap()), None);
        assert_eq!(exposure_warning("::1".parse().unwrap()), None);
        for open in ["0.0.0.0", "::", "192.168.1.20"] {
            let warning = exposure_warning(open.parse().unwrap()).unwrap();
            assert!(warning.contains("drafts"), "{warning}");
        }
    }
}
