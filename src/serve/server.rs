//! The HTTP side of `serve`: the site's files from memory, and the live-reload script and event
//! stream (Server-Sent Events) that tell open tabs to reload or show a build error.

use std::io::Write;
use std::sync::{Arc, Mutex, RwLock};

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

/// What the server shares with the rebuild loop.
pub struct Shared {
    files: RwLock<Arc<MemoryFiles>>,
    clients: Mutex<Vec<Box<dyn Write + Send>>>,
    error: Mutex<Option<String>>,
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
            clients: Mutex::new(Vec::new()),
            error: Mutex::new(None),
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

    /// Sends `event` to every open tab, forgetting tabs that have gone.
    pub fn broadcast(&self, event: &Event) {
        *self.error.lock().unwrap_or_else(|p| p.into_inner()) = match event {
            Event::BuildError(message) => Some(message.clone()),
            _ => None,
        };
        let message = encode(event);
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        clients.retain_mut(|client| {
            client.write_all(message.as_bytes()).is_ok() && client.flush().is_ok()
        });
    }

    fn add_client(&self, mut client: Box<dyn Write + Send>) {
        let header = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n";
        let pending = self.error.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let first = match pending {
            Some(message) => encode(&Event::BuildError(message)),
            None => ": connected\n\n".to_string(),
        };
        if client.write_all(header.as_bytes()).is_ok()
            && client.write_all(first.as_bytes()).is_ok()
            && client.flush().is_ok()
        {
            self.clients
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(client);
        }
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

/// Answers requests until the server is unblocked.
pub fn serve_requests(server: &tiny_http::Server, shared: &Shared) {
    for request in server.incoming_requests() {
        handle(request, shared);
    }
}

fn handle(request: tiny_http::Request, shared: &Shared) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == EVENTS_PATH {
        shared.add_client(request.into_writer());
        return;
    }
    if path == SCRIPT_PATH {
        let _ = request.respond(response(
            200,
            LIVE_RELOAD_SCRIPT.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        ));
        return;
    }
    let files = shared.files();
    let files = files.read().unwrap_or_else(|p| p.into_inner());
    let (status, key) = match resolve(path) {
        Some(key) if files.contains_key(&key) => (200, key),
        Some(key) if files.contains_key(&format!("{key}/index.html")) => {
            (200, format!("{key}/index.html"))
        }
        _ => (404, not_found_page(path, &files)),
    };
    let body = files.get(&key).cloned().unwrap_or_else(|| {
        b"<!doctype html><title>Not found</title><h1>404 Not found</h1>".to_vec()
    });
    let content_type = if files.contains_key(&key) {
        content_type(&key)
    } else {
        "text/html; charset=utf-8"
    };
    drop(files);
    let body = if content_type.starts_with("text/html") {
        inject_script(body)
    } else {
        body
    };
    let _ = request.respond(response(status, body, content_type));
}

fn response(
    status: u16,
    body: Vec<u8>,
    content_type: &str,
) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let mut response = tiny_http::Response::from_data(body).with_status_code(status);
    for (name, value) in [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
    ] {
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    response
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
