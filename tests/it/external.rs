//! `ipportal check --external` against a local HTTP server on 127.0.0.1 that answers each path
//! its own way (200, 301, 302, 404, 429, 405 for HEAD, 403, too slow) and counts the requests.
//! The query of a request is ignored in choosing the answer (`/ok?2` answers like `/ok`), so one
//! path can be several distinct links.

use crate::common;

use std::collections::HashMap;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Site;
use ipportal::Diagnostic;
use ipportal::base::diagnostics::{Code, Severity};

/// Requests received so far: (method, path) → how many.
type Hits = Arc<Mutex<HashMap<(String, String), usize>>>;

/// A server whose paths say what they answer.
struct TestServer {
    base: String,
    hits: Hits,
}

impl TestServer {
    fn start() -> TestServer {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("a free port");
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let base = format!("http://127.0.0.1:{port}");
        let hits = Hits::default();
        let (counted, location) = (hits.clone(), base.clone());
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let method = request.method().as_str().to_string();
                let path = request.url().to_string();
                let mut hits = counted.lock().unwrap();
                let count = hits.entry((method.clone(), path.clone())).or_insert(0);
                *count += 1;
                let (count, location) = (*count, location.clone());
                drop(hits);
                // One thread per request, so the slow path does not hold up the others.
                std::thread::spawn(move || {
                    let _ = request.respond(answer(&method, &path, count, &location));
                });
            }
        });
        TestServer { base, hits }
    }

    /// Requests for `path`, any method.
    fn hits(&self, path: &str) -> usize {
        let hits = self.hits.lock().unwrap();
        hits.iter()
            .filter(|((_, p), _)| p == path)
            .map(|(_, n)| n)
            .sum()
    }

    fn hits_with(&self, method: &str, path: &str) -> usize {
        let key = (method.to_string(), path.to_string());
        self.hits.lock().unwrap().get(&key).copied().unwrap_or(0)
    }

    fn total_hits(&self) -> usize {
        self.hits.lock().unwrap().values().sum()
    }
}

/// The answer to the `count`th request with `method` for `path`.
fn answer(method: &str, path: &str, count: usize, base: &str) -> tiny_http::ResponseBox {
    let header = |name: &str, value: &str| tiny_http::Header::from_bytes(name, value).unwrap();
    let status = |code: u16| tiny_http::Response::empty(code).boxed();
    match path.split('?').next().unwrap_or_default() {
        "/ok" => status(200),
        "/moved" => tiny_http::Response::empty(301)
            .with_header(header("Location", "/ok"))
            .boxed(),
        // A relative address whose query holds another address.
        "/moved-query" => tiny_http::Response::empty(301)
            .with_header(header("Location", "/ok?next=http://elsewhere.example/x"))
            .boxed(),
        "/temp" => tiny_http::Response::empty(302)
            .with_header(header("Location", &format!("{base}/ok")))
            .boxed(),
        "/busy" => tiny_http::Response::empty(429)
            .with_header(header("Retry-After", "1"))
            .boxed(),
        "/busy-once" if count == 1 => tiny_http::Response::empty(429)
            .with_header(header("Retry-After", "1"))
            .boxed(),
        "/busy-once" => status(200),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            status(200)
        }
        // Slow the first time only.
        "/hang" if count == 1 => {
            std::thread::sleep(Duration::from_secs(5));
            status(200)
        }
        "/hang" => status(200),
        "/no-head" if method == "HEAD" => status(405),
        "/no-head" => tiny_http::Response::from_string("a page").boxed(),
        "/forbidden" => status(403),
        _ => status(404),
    }
}

/// The fixture portal with one page of links to `base` (`{base}` in `body` is replaced) and
/// `[check]` settings that keep the test fast, unless `check` (more `[check]` lines) sets them.
fn portal_with_links(base: &str, body: &str, check: &str) -> Site {
    let key = |line: &str| {
        line.split('=')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let given: Vec<String> = check.lines().map(key).collect();
    let fast: String = [
        "timeout = 1",
        "connect_timeout = 1",
        "host_concurrency = 4",
        "host_interval_ms = 20",
    ]
    .iter()
    .filter(|line| !given.contains(&key(line)))
    .map(|line| format!("{line}\n"))
    .collect();
    let site = Site::fixture("bilingual");
    site.edit("site.toml", |config| {
        format!("{config}\n[check]\n{fast}{check}")
    });
    site.write(
        "content/guides/links.md",
        common::page("summary: External links.\n", &body.replace("{base}", base)),
    );
    site
}

/// Lines 6 to 15 of content/guides/links.md.
const EVERY_KIND: &str = "\
- [ok]({base}/ok#part)
- [moved]({base}/moved)
- [temporary]({base}/temp)
- [missing]({base}/missing)
- [busy]({base}/busy)
- [busy once]({base}/busy-once)
- [slow]({base}/slow)
- [no HEAD]({base}/no-head)
- [forbidden]({base}/forbidden)
- again: [missing]({base}/missing)";

/// (severity, line, column, a part of the message) of every external-link finding.
fn findings(diagnostics: &[Diagnostic]) -> Vec<(Severity, usize, usize, String)> {
    diagnostics
        .iter()
        .filter(|d| d.message.contains("external link"))
        .map(|d| {
            assert_eq!(
                d.file.as_deref(),
                Some(std::path::Path::new("content/guides/links.md")),
                "{d:?}"
            );
            let code = if d.message.contains("moved permanently") {
                Code::ExternalMoved
            } else if d.severity == Severity::Error {
                Code::ExternalBroken
            } else {
                Code::ExternalUnverified
            };
            assert_eq!(d.code, code, "{d:?}");
            (
                d.severity,
                d.line.unwrap(),
                d.column.unwrap(),
                d.message.to_string(),
            )
        })
        .collect()
}

fn expected_findings(base: &str) -> Vec<(Severity, usize, usize, String)> {
    use Severity::{Error, Warning};
    vec![
        (
            Warning,
            7,
            11,
            format!("external link `{base}/moved` has moved permanently to `{base}/ok`"),
        ),
        (
            Error,
            9,
            13,
            format!("broken external link `{base}/missing`: 404 Not Found"),
        ),
        (
            Warning,
            10,
            10,
            format!(
                "external link `{base}/busy` was not checked: rate limited (429 Too Many Requests, also after waiting)"
            ),
        ),
        (
            Warning,
            12,
            10,
            format!("external link `{base}/slow` did not answer within 1 s"),
        ),
        (
            Warning,
            14,
            15,
            format!("external link `{base}/forbidden` answered 403 Forbidden"),
        ),
        (
            Error,
            15,
            20,
            format!("broken external link `{base}/missing`: 404 Not Found"),
        ),
    ]
}

#[test]
fn every_kind_of_answer_is_reported_at_its_line() {
    let server = TestServer::start();
    let site = portal_with_links(&server.base, EVERY_KIND, "");
    let report = ipportal::check_external(&site.options());
    assert_eq!(
        findings(&report.diagnostics),
        expected_findings(&server.base)
    );
    assert_eq!(report.counts.requested, 9);
    let moved = common::find(&report.diagnostics, "moved permanently");
    assert_eq!(
        moved.help.as_deref(),
        Some(format!("link to `{}/ok` instead", server.base).as_str())
    );
    // One request per distinct URL, whatever the number of places it is written.
    assert_eq!(server.hits("/missing"), 1);
    // Asked to wait, the checker waits and asks once more, and no more.
    assert_eq!(server.hits("/busy"), 2);
    assert_eq!(server.hits("/busy-once"), 2);
    // A server that refuses HEAD gets a GET.
    assert_eq!(server.hits_with("HEAD", "/no-head"), 1);
    assert_eq!(server.hits_with("GET", "/no-head"), 1);
    // Directly, and at the end of both redirects.
    assert_eq!(server.hits("/ok"), 3);
}

#[test]
fn the_cli_reports_external_links_in_json_and_fails_on_broken_ones() {
    let server = TestServer::start();
    let site = portal_with_links(&server.base, EVERY_KIND, "");
    let (code, stdout, stderr) = site.check(&["--external", "--format", "json"]);
    assert_eq!(code, Some(1), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let diagnostics: Vec<Diagnostic> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let message = d["message"].as_str().unwrap();
            let code = *Code::ALL
                .iter()
                .find(|c| c.as_str() == d["code"])
                .unwrap_or_else(|| panic!("no known code in {d}"));
            let mut parsed = match d["severity"].as_str().unwrap() {
                "error" => Diagnostic::error(code, ipportal::untranslated!(message)),
                _ => Diagnostic::warning(code, ipportal::untranslated!(message)),
            }
            .in_file(d["file"].as_str().unwrap_or_default());
            parsed.line = d["line"].as_u64().map(|l| l as usize);
            parsed.column = d["column"].as_u64().map(|c| c as usize);
            parsed
        })
        .collect();
    assert_eq!(findings(&diagnostics), expected_findings(&server.base));
    assert_eq!(report["errors"], 2, "{report:#}");
    assert_eq!(
        report["external"],
        serde_json::json!({"requested": 9, "cached": 0, "skipped": 0, "unchecked": 0})
    );
}

#[test]
fn without_external_nothing_is_requested() {
    let server = TestServer::start();
    let site = portal_with_links(&server.base, EVERY_KIND, "");
    let (code, stdout, _) = site.check(&["--format", "json"]);
    assert_eq!(code, Some(0), "{stdout}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(report.get("external").is_none(), "{report:#}");
    assert!(
        ipportal::check(&site.options())
            .iter()
            .all(|d| !d.message.contains("external"))
    );
    assert_eq!(server.total_hits(), 0);
    assert!(!site.root.join(".ipportal").exists());
}

#[test]
fn skipped_hosts_are_not_requested() {
    let server = TestServer::start();
    let site = portal_with_links(&server.base, EVERY_KIND, "skip_hosts = [\"127.0.0.1\"]\n");
    let report = ipportal::check_external(&site.options());
    assert_eq!(findings(&report.diagnostics), []);
    assert_eq!(report.counts.skipped, 9);
    assert_eq!(report.counts.requested, 0);
    assert_eq!(server.total_hits(), 0);
}

#[test]
fn links_that_worked_come_from_the_cache_and_broken_ones_are_requested_again() {
    let server = TestServer::start();
    let body = "[ok]({base}/ok) [missing]({base}/missing) [moved]({base}/moved)";
    let site = portal_with_links(&server.base, body, "");

    let first = ipportal::check_external(&site.options());
    assert_eq!(first.counts.requested, 3);
    assert_eq!(first.counts.cached, 0);
    assert_eq!((server.hits("/ok"), server.hits("/missing")), (2, 1));
    let cache = std::fs::read_to_string(site.root.join(".ipportal/link-cache.json")).unwrap();
    let cache: serde_json::Value = serde_json::from_str(&cache).unwrap();
    let urls: Vec<&String> = cache["worked"].as_object().unwrap().keys().collect();
    assert_eq!(urls, [&format!("{}/ok", server.base)]);

    let second = ipportal::check_external(&site.options());
    assert_eq!(findings(&second.diagnostics), findings(&first.diagnostics));
    assert_eq!(second.counts.requested, 2);
    assert_eq!(second.counts.cached, 1);
    // /ok only through the redirect, which is checked again like every problem.
    assert_eq!((server.hits("/ok"), server.hits("/missing")), (3, 2));
    assert_eq!(server.hits("/moved"), 2);

    // cache_days = 0: nothing is taken from the cache.
    site.edit("site.toml", |config| format!("{config}cache_days = 0\n"));
    let third = ipportal::check_external(&site.options());
    assert_eq!(third.counts.cached, 0);
    assert_eq!(server.hits("/ok"), 5);
}

/// Links checked one at a time: `/missing` and `/ok?1` at once, `/slow` until its 1 s timeout,
/// and the two after it (in URL order) would start only after a 1 s deadline.
const SLOW_THIRD: &str = "\
[missing]({base}/missing) [ok]({base}/ok?1)
[slow]({base}/slow) [slow 2]({base}/slow?2) [slow 3]({base}/slow?3)";

fn deadline_warnings(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.message.contains("not checked: the"))
        .collect()
}

#[test]
fn the_deadline_stops_the_run_and_keeps_what_was_found() {
    let server = TestServer::start();
    let site = portal_with_links(&server.base, SLOW_THIRD, "host_concurrency = 1\n");
    let start = Instant::now();
    let (code, stdout, stderr) =
        site.check(&["--external", "--external-timeout", "1", "--format", "json"]);
    // Not the 3 s of checking every link: the deadline, plus the one request in flight.
    assert!(
        start.elapsed() < Duration::from_millis(2500),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(code, Some(1), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        report["external"],
        serde_json::json!({"requested": 3, "cached": 0, "skipped": 0, "unchecked": 2})
    );
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .filter(|m| m.contains("link"))
        .collect();
    let base = &server.base;
    assert_eq!(
        messages,
        [
            "2 links not checked: the 1 s deadline of --external-timeout ran out".to_string(),
            format!("broken external link `{base}/missing`: 404 Not Found"),
            format!("external link `{base}/slow` did not answer within 1 s"),
        ],
        "{report:#}"
    );
    assert_eq!(server.hits("/slow?2") + server.hits("/slow?3"), 0);

    // Without --external there is no deadline to set.
    let (code, _, stderr) = site.check(&["--external-timeout", "1"]);
    assert_eq!(code, Some(2), "{stderr}");
}

#[test]
fn the_deadline_can_be_set_in_site_toml() {
    let server = TestServer::start();
    let check = "host_concurrency = 1\nexternal_timeout = 1\n";
    let site = portal_with_links(&server.base, SLOW_THIRD, check);
    let report = ipportal::check_external(&site.options());
    assert_eq!(report.counts.unchecked, 2);
    let warnings = deadline_warnings(&report.diagnostics);
    assert_eq!(warnings.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(warnings[0].severity, Severity::Warning);
    assert_eq!(warnings[0].code, Code::ExternalUnverified);
    assert!(warnings[0].file.is_none());
    // The link that worked before the deadline went into the cache.
    let cache = site.root.join(ipportal::external::cache::CACHE_FILE);
    let cache = std::fs::read_to_string(cache).unwrap();
    assert!(cache.contains(&format!("{}/ok?1", server.base)), "{cache}");
}

#[test]
fn a_run_stopped_midway_keeps_what_it_learned() {
    let server = TestServer::start();
    // `/hang` takes 5 s the first time, well within this run's 10 s timeout.
    let site = portal_with_links(
        &server.base,
        "[ok]({base}/ok) [hang]({base}/hang)",
        "timeout = 10\n",
    );
    let mut run = Command::new(env!("CARGO_BIN_EXE_ipportal"))
        .args(["check", "--external", "--root"])
        .arg(&site.root)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let cache = site.root.join(ipportal::external::cache::CACHE_FILE);
    let ok = format!("{}/ok", server.base);
    let start = Instant::now();
    let saved = loop {
        let text = std::fs::read_to_string(&cache).unwrap_or_default();
        if text.contains(&ok) || start.elapsed() > Duration::from_secs(4) {
            break text;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let still_running = run.try_wait().unwrap().is_none();
    run.kill().unwrap();
    run.wait().unwrap();
    assert!(still_running);
    assert!(
        saved.contains(&ok),
        "no link saved while /hang was in flight: {saved:?}"
    );

    let second = ipportal::check_external(&site.options());
    assert_eq!(second.counts.cached, 1);
    assert_eq!(second.counts.requested, 1);
    assert_eq!(server.hits("/ok"), 1);
    assert_eq!(server.hits("/hang"), 2);
}

#[test]
fn a_relative_location_with_an_address_in_its_query_stays_on_its_host() {
    let server = TestServer::start();
    let site = portal_with_links(&server.base, "[moved]({base}/moved-query)", "");
    let report = ipportal::check_external(&site.options());
    let to = format!("{}/ok?next=http://elsewhere.example/x", server.base);
    let moved = common::find(&report.diagnostics, "moved permanently");
    assert_eq!(
        moved.message.to_string(),
        format!(
            "external link `{}/moved-query` has moved permanently to `{to}`",
            server.base
        )
    );
    assert!(
        report.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        report.diagnostics
    );
    assert_eq!(server.hits("/ok?next=http://elsewhere.example/x"), 1);
}

#[test]
fn a_machine_without_network_gets_one_warning_not_a_broken_link_per_page() {
    // A port nobody listens on, on two host names: every connection is refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let body = format!("[a](http://127.0.0.1:{port}/a) [b](http://localhost:{port}/b)");
    let site = portal_with_links("", &body, "");
    let report = ipportal::check_external(&site.options());
    let external: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("external links"))
        .collect();
    assert_eq!(external.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(external[0].severity, Severity::Warning);
    assert!(
        external[0]
            .message
            .contains("none of the 2 requests got an answer")
    );
    assert!(report.diagnostics.iter().all(|d| !d.is_error()));
}

#[test]
fn check_settings_mistakes_name_the_line() {
    let site = Site::fixture("bilingual");
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    let lines = config.lines().count();
    site.write(
        "site.toml",
        format!("{config}\n[check]\nskip_host = [\"x.org\"]\n"),
    );
    let errors = site.build_errors();
    let e = common::find(&errors, "unknown field `skip_host`");
    assert_eq!(e.line, Some(lines + 3));
    assert_eq!(e.help.as_deref(), Some("did you mean `skip_hosts`?"));
}

#[test]
fn new_portals_keep_the_link_cache_out_of_git() {
    let dir = tempfile::tempdir().unwrap();
    let portal = dir.path().join("portal");
    let out = Command::new(env!("CARGO_BIN_EXE_ipportal"))
        .arg("new")
        .arg(&portal)
        .output()
        .unwrap();
    assert!(out.status.success());
    let gitignore = std::fs::read_to_string(portal.join(".gitignore")).unwrap();
    let folder = ipportal::external::cache::CACHE_FILE
        .split('/')
        .next()
        .unwrap();
    assert!(
        gitignore.lines().any(|l| l == format!("/{folder}/")),
        "{gitignore}"
    );
}
