//! The HTTP side of `serve`: the site's files from memory, and the live-reload script and event
//! stream (Server-Sent Events) that tell open tabs to reload or show a build error.

use std::io::Write;
use std::net::TcpStream;
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use super::http::{Reply, Request, Response};

use crate::output::MemoryFiles;

/// Path of the event stream.
pub const EVENTS_PATH: &str = "/__ipportal/events";
/// Path of the live-reload script.
pub const SCRIPT_PATH: &str = "/__ipportal/livereload.js";

/// The script every served HTML page gets (and only served pages: `build` never adds it).
const LIVE_RELOAD_SCRIPT: &str = r#"(function () {
  "use strict";
  var source = new EventSource("/__ipportal/events");
  source.addEventListener("reload", function () { location.reload(); });
  // Stylesheets are named after their content (css/site.3f2a9c1d.css), so a changed one has a
  // new name: read the page again for the new names and point the links at them, in order.
  source.addEventListener("css", function () {
    hideError();
    fetch(location.href, { cache: "no-store" }).then(function (response) {
      return response.text();
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html");
      var hrefs = Array.prototype.map.call(
        fresh.querySelectorAll('link[rel="stylesheet"]'),
        function (link) { return link.getAttribute("href"); });
      var links = document.querySelectorAll('link[rel="stylesheet"]');
      if (links.length !== hrefs.length) { location.reload(); return; }
      links.forEach(function (link, i) {
        if (link.getAttribute("href") !== hrefs[i]) { link.setAttribute("href", hrefs[i]); }
      });
    }).catch(function () { location.reload(); });
  });
  source.addEventListener("build-error", function (event) {
    showError(JSON.parse(event.data).message);
  });
  function showError(text) {
    var box = document.getElementById("ipportal-build-error");
    if (!box) {
      box = document.createElement("pre");
      box.id = "ipportal-build-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;" +
        "margin:0;padding:1rem 1.25rem;z-index:2147483647;background:#2b0b0e;color:#ffe4e6;" +
        "border:2px solid #f43f5e;border-radius:8px;font:13px/1.5 ui-monospace,monospace;" +
        "white-space:pre-wrap;box-shadow:0 8px 30px rgba(0,0,0,.4)";
      document.body.appendChild(box);
    }
    box.textContent = "ipportal: the last change did not build; showing the last good version.\n\n" + text;
  }
  function hideError() {
    var box = document.getElementById("ipportal-build-error");
    if (box) { box.remove(); }
  }
})();
"#;

/// Live-reload tabs at once; more are answered 503 (and their browser tries again later).
pub const MAX_EVENT_CLIENTS: usize = 64;
/// Events waiting for one tab. A tab this far behind is dropped rather than waited for (its
/// browser reconnects on its own), so a client that stops reading never holds up a rebuild.
const EVENT_BUFFER: usize = 16;
/// An empty comment is sent this often, so that a closed tab's thread notices and ends.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// What the server shares with the rebuild loop.
pub struct Shared {
    files: RwLock<Arc<MemoryFiles>>,
    tabs: Mutex<Tabs>,
}

/// The live-reload tabs. Only channel sends happen under its lock, never socket writes.
#[derive(Default)]
struct Tabs {
    senders: Vec<(u64, SyncSender<Arc<str>>)>,
    next_id: u64,
    /// The standing build error, shown at once to every tab that connects.
    error: Option<String>,
}

/// One tab's place in the broadcast: its events, and the first message to send it.
pub struct Subscription {
    shared: Arc<Shared>,
    id: u64,
    first: Arc<str>,
    receiver: Receiver<Arc<str>>,
}

impl Subscription {
    /// What the tab is told as soon as it connects: the standing build error, if any.
    pub fn first(&self) -> &str {
        &self.first
    }

    /// The next event, once one is broadcast within `timeout`.
    pub fn next(&self, timeout: Duration) -> Result<Arc<str>, RecvTimeoutError> {
        self.receiver.recv_timeout(timeout)
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.shared.tabs().senders.retain(|(id, _)| *id != self.id);
    }
}

/// A message to every open tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Reload the page.
    Reload,
    /// Fetch the stylesheets again.
    Css,
    /// Show this build error over the page.
    BuildError(String),
}

impl Shared {
    /// Starts with the files of the first build.
    pub fn new(files: Arc<MemoryFiles>) -> Self {
        Shared {
            files: RwLock::new(files),
            tabs: Mutex::default(),
        }
    }

    /// The files being served.
    pub fn files(&self) -> Arc<MemoryFiles> {
        self.files
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Serves `files` from now on (after a full rebuild).
    pub fn replace_files(&self, files: Arc<MemoryFiles>) {
        *self
            .files
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = files;
    }

    fn tabs(&self) -> std::sync::MutexGuard<'_, Tabs> {
        self.tabs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Queues `event` for every open tab without waiting for any: a tab whose queue is full or
    /// that has gone is forgotten.
    pub fn broadcast(&self, event: &Event) {
        let message: Arc<str> = encode(event).into();
        let mut tabs = self.tabs();
        tabs.error = match event {
            Event::BuildError(message) => Some(message.clone()),
            _ => None,
        };
        tabs.senders
            .retain(|(_, sender)| sender.try_send(message.clone()).is_ok());
    }

    /// A new tab's events; `None` when [`MAX_EVENT_CLIENTS`] tabs are listening.
    pub fn subscribe(self: &Arc<Self>) -> Option<Subscription> {
        let mut tabs = self.tabs();
        if tabs.senders.len() >= MAX_EVENT_CLIENTS {
            return None;
        }
        let (sender, receiver) = sync_channel(EVENT_BUFFER);
        let id = tabs.next_id;
        tabs.next_id += 1;
        tabs.senders.push((id, sender));
        let first = match &tabs.error {
            Some(message) => encode(&Event::BuildError(message.clone())),
            None => ": connected\n\n".to_string(),
        };
        Some(Subscription {
            shared: self.clone(),
            id,
            first: first.into(),
            receiver,
        })
    }

    /// Ends every tab's event stream (when the server stops).
    pub fn close_tabs(&self) {
        self.tabs().senders.clear();
    }
}

fn encode(event: &Event) -> String {
    match event {
        Event::Reload => "event: reload\ndata: {}\n\n".into(),
        Event::Css => "event: css\ndata: {}\n\n".into(),
        Event::BuildError(message) => format!(
            "event: build-error\ndata: {}\n\n",
            serde_json::json!({ "message": message })
        ),
    }
}

/// Writes a tab's events as they come, on the connection's own thread (each write gives up
/// after the server's write timeout), until the tab or the server goes.
fn stream_events(mut stream: TcpStream, subscription: Subscription) {
    let header = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n";
    if stream.write_all(header.as_bytes()).is_err()
        || stream.write_all(subscription.first().as_bytes()).is_err()
    {
        return;
    }
    loop {
        let message = match subscription.next(HEARTBEAT) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => ":\n\n".into(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if stream.write_all(message.as_bytes()).is_err() {
            return;
        }
    }
}

/// Answers one request: the event stream, the live-reload script or a file of the site.
pub fn handle(request: &Request, shared: &Arc<Shared>, interface: &str) -> Reply {
    if !host_allowed(request.host.as_deref(), interface) {
        return Reply::Respond(Response::text(
            403,
            "Forbidden: the ipportal preview only answers requests for localhost or an IP address (a protection against DNS rebinding).",
        ));
    }
    let target = request.target.split('#').next().unwrap_or("/");
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    if path == EVENTS_PATH {
        return match shared.subscribe() {
            Some(subscription) => {
                Reply::TakeOver(Box::new(move |stream| stream_events(stream, subscription)))
            }
            None => Reply::Respond(Response::text(503, "Too many live-reload tabs are open.")),
        };
    }
    if path == SCRIPT_PATH {
        return Reply::Respond(Response::new(
            200,
            "text/javascript; charset=utf-8",
            LIVE_RELOAD_SCRIPT.as_bytes().to_vec(),
        ));
    }
    Reply::Respond(serve_file(path, query, &shared.files()))
}

/// The file for `path`, a redirect from a folder without its trailing slash, or the 404 page.
fn serve_file(path: &str, query: Option<&str>, files: &MemoryFiles) -> Response {
    let files = files.read().unwrap_or_else(|p| p.into_inner());
    let key = resolve(path);
    if let Some(key) = key.as_ref().filter(|key| files.contains_key(*key)) {
        let content_type = content_type(key);
        return Response::new(
            200,
            content_type,
            with_script(files[key].clone(), content_type),
        );
    }
    if key.is_some_and(|key| files.contains_key(&format!("{key}/index.html"))) {
        // As static hosts do, so that a page bundle's relative images resolve in its folder.
        // The path is the one requested (already percent-encoded); one leading slash only, so
        // that `//host` can never become a link to another site.
        let mut location = format!("/{}/", path.trim_start_matches('/'));
        if let Some(query) = query {
            location = format!("{location}?{query}");
        }
        let mut response = Response::text(301, &format!("Moved to {location}"));
        response.headers.push(("Location", location));
        return response;
    }
    let body = files
        .get(&not_found_page(path, &files))
        .cloned()
        .unwrap_or_else(|| {
            b"<!doctype html><title>Not found</title><h1>404 Not found</h1>".to_vec()
        });
    Response::new(
        404,
        "text/html; charset=utf-8",
        with_script(body, "text/html; charset=utf-8"),
    )
}

fn with_script(body: Vec<u8>, content_type: &str) -> Vec<u8> {
    if content_type.starts_with("text/html") {
        inject_script(body)
    } else {
        body
    }
}

/// Whether a request's `Host` may be answered: `localhost`, an IP address (either may carry a
/// port) or the name the server was asked to listen on. A web page the user visits can make
/// the browser send requests to the preview under its own domain name (DNS rebinding); such
/// requests carry that domain in `Host` and are refused. An IP address in `Host` means the
/// browser was pointed at this server's address itself, as a colleague on the network would be
/// after `--interface 0.0.0.0`.
pub fn host_allowed(host: Option<&str>, interface: &str) -> bool {
    let Some(host) = host else {
        return false;
    };
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((ip, port)) => {
                if ip.parse::<std::net::Ipv6Addr>().is_err() {
                    return false;
                }
                (ip, port)
            }
            None => return false,
        },
        None => host.split_at(host.find(':').unwrap_or(host.len())),
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
    port_ok
        && (name.eq_ignore_ascii_case("localhost")
            || name.parse::<std::net::IpAddr>().is_ok()
            || name.eq_ignore_ascii_case(interface.trim_start_matches('[').trim_end_matches(']')))
}

/// The language's `404.html` for a missing path (`/en/…` → `en/404.html`).
fn not_found_page(path: &str, files: &std::collections::HashMap<String, Vec<u8>>) -> String {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let localized = format!("{first}/404.html");
    if !first.is_empty() && files.contains_key(&localized) {
        localized
    } else {
        "404.html".into()
    }
}

/// The output file for a request path: percent-decoded, `index.html` for folders. `None` for
/// anything that tries to leave the site (`..`, encoded or not, backslashes, NUL).
pub fn resolve(path: &str) -> Option<String> {
    let decoded = percent_decode(path)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let relative = decoded.trim_start_matches('/');
    if relative.split('/').any(|part| part == ".." || part == ".") {
        return None;
    }
    if relative.is_empty() || relative.ends_with('/') {
        Some(format!("{relative}index.html"))
    } else {
        Some(relative.to_string())
    }
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` for an output file, by extension; text types say UTF-8.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "wasm" => "application/wasm",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "gz" => "application/gzip",
        "csv" => "text/csv; charset=utf-8",
        "yaml" | "yml" => "application/yaml",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script before `</body>` (or at the end).
fn inject_script(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let position = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(position..position, tag.bytes());
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_inside_the_site_only() {
        assert_eq!(resolve("/").as_deref(), Some("index.html"));
        assert_eq!(
            resolve("/en/guides/").as_deref(),
            Some("en/guides/index.html")
        );
        assert_eq!(
            resolve("/tags/%E4%B8%93%E5%88%A9/").as_deref(),
            Some("tags/专利/index.html")
        );
        for bad in [
            "/../etc/passwd",
            "/a/../../b",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fsecret",
            "/a\\..\\b",
            "/%00",
            "/%zz",
        ] {
            assert_eq!(resolve(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_local_names_ip_addresses_and_the_interface_are_answered() {
        for host in [
            "localhost",
            "LOCALHOST:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "[::1]",
            "[::1]:1111",
            "192.168.1.20:1111",
            "portal-box.lan:1111",
        ] {
            assert!(host_allowed(Some(host), "portal-box.lan"), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "localhost:",
            "localhost:11a",
            "[::1",
            "[evil]:1111",
            "::1",
            "",
        ] {
            assert!(!host_allowed(Some(host), "127.0.0.1"), "{host}");
        }
        assert!(!host_allowed(None, "127.0.0.1"));
    }

    #[test]
    fn a_tab_that_does_not_read_is_dropped_not_waited_for() {
        let shared = Arc::new(Shared::new(Arc::default()));
        let stalled = shared.subscribe().unwrap();
        let reading = shared.subscribe().unwrap();
        for _ in 0..EVENT_BUFFER {
            shared.broadcast(&Event::Reload);
            assert!(reading.receiver.try_recv().is_ok());
        }
        shared.broadcast(&Event::Css);
        assert_eq!(&*reading.receiver.try_recv().unwrap(), encode(&Event::Css));
        assert_eq!(
            shared.tabs().senders.len(),
            1,
            "the stalled tab is forgotten"
        );
        drop(stalled);
        drop(reading);
        assert!(shared.tabs().senders.is_empty());
    }

    #[test]
    fn tabs_are_capped_and_a_new_one_sees_the_standing_error() {
        let shared = Arc::new(Shared::new(Arc::default()));
        let tabs: Vec<Subscription> = (0..MAX_EVENT_CLIENTS)
            .map(|_| shared.subscribe().unwrap())
            .collect();
        assert!(shared.subscribe().is_none());
        drop(tabs);
        shared.broadcast(&Event::BuildError("broken".into()));
        let late = shared.subscribe().unwrap();
        assert!(late.first.contains("build-error") && late.first.contains("broken"));
    }

    #[test]
    fn content_types_cover_the_web() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("x.wasm"), "application/wasm");
        assert_eq!(content_type("i.SVG"), "image/svg+xml");
        assert_eq!(content_type("s.json"), "application/json");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }

    #[test]
    fn the_script_goes_before_the_body_end() {
        let html = inject_script(b"<html><body><p>x</p></body></html>".to_vec());
        assert_eq!(
            String::from_utf8(html).unwrap(),
            format!("<html><body><p>x</p><script src=\"{SCRIPT_PATH}\"></script></body></html>")
        );
    }
}
