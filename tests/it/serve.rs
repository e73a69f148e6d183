//! `serve` as an editor uses it: a server on a free loopback port, files edited, added, renamed
//! and deleted in a temporary copy of the fixture portal, reload events and served pages checked.

use crate::common;
use crate::preview::SearchView;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use common::Site;
use ipportal::serve::{self, Preview, ServeOptions};

const WAIT: Duration = Duration::from_secs(10);

fn start(site: &Site) -> Preview {
    let options = ServeOptions {
        root: site.root.clone(),
        interface: "127.0.0.1".into(),
        port: 0,
    };
    serve::start(&options, |_| {}).expect("server starts")
}

struct Response {
    status: u16,
    content_type: String,
    location: String,
    body: String,
}

fn get(address: SocketAddr, path: &str) -> Response {
    request(address, &format!("GET {path} HTTP/1.1\r\nHost: localhost"))
}

/// Sends a request head (without its final blank line) and reads the response.
fn request(address: SocketAddr, head: &str) -> Response {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(stream, "{head}\r\nConnection: close\r\n\r\n").unwrap();
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).unwrap();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (mut content_type, mut location, mut length) = (String::new(), String::new(), 0);
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(": ").unwrap_or((line, ""));
        match name.to_ascii_lowercase().as_str() {
            "content-type" => content_type = value.to_string(),
            "location" => location = value.to_string(),
            "content-length" => length = value.parse().unwrap(),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    Response {
        status,
        content_type,
        location,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

/// A tab listening for reload events.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn connect(address: SocketAddr) -> Events {
        let mut stream = TcpStream::connect(address).unwrap();
        write!(
            stream,
            "GET /__ipportal/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        let mut events = Events {
            reader: BufReader::new(stream),
        };
        events.read_until(|line| line.starts_with(": connected") || line.starts_with("event:"));
        events
    }

    /// The next event's name and data.
    fn next(&mut self) -> (String, String) {
        let name = self.read_until(|line| line.starts_with("event: "));
        let data = self.read_until(|line| line.starts_with("data: "));
        (
            name.trim_start_matches("event: ").trim().to_string(),
            data.trim_start_matches("data: ").trim().to_string(),
        )
    }

    fn read_until(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            assert!(Instant::now() < deadline, "no event in time");
            let mut line = String::new();
            let read = self
                .reader
                .read_line(&mut line)
                .expect("event stream readable");
            assert!(read > 0, "event stream closed");
            if wanted(&line) {
                return line;
            }
        }
    }
}

#[test]
fn serves_the_portal_with_the_reload_script_and_right_types() {
    let site = Site::fixture("bilingual");
    let preview = start(&site);
    let address = preview.address();
    let home = get(address, "/");
    assert_eq!(home.status, 200);
    assert_eq!(home.content_type, "text/html; charset=utf-8");
    assert!(
        home.body
            .contains("<script src=\"/__ipportal/livereload.js\"></script></body>")
    );
    // Drafts are included and links point at the local server.
    assert_eq!(get(address, "/guides/draft/").status, 200);
    assert!(
        get(address, "/guides/patent-search/")
            .body
            .contains("href=\"/guides/\"")
    );
    assert_eq!(
        get(address, "/guides/with-assets/workflow.svg").content_type,
        "image/svg+xml"
    );
    let stylesheet = stylesheet_url(&home.body);
    assert_eq!(
        get(address, &stylesheet).content_type,
        "text/css; charset=utf-8"
    );
    assert_eq!(get(address, "/__ipportal/livereload.js").status, 200);
    let missing = get(address, "/en/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<html lang=\"en\">"),
        "{}",
        missing.body
    );
    assert!(
        !site.root.join("public").exists(),
        "serve never writes public/"
    );
    preview.stop();
}

#[test]
fn nothing_outside_the_site_can_be_read() {
    let site = Site::fixture("bilingual");
    std::os::unix::fs::symlink(
        site.root.join("site.toml"),
        site.root.join("content/guides/linked.txt"),
    )
    .unwrap();
    let preview = start(&site);
    let address = preview.address();
    for path in [
        "/../site.toml",
        "/guides/../../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E%2Fsite.toml",
        "/..%2f..%2fsite.toml",
        "/guides/linked.txt",
        "/%00",
    ] {
        let response = get(address, path);
        assert_eq!(response.status, 404, "{path}");
        assert!(
            !response.body.contains("base_url"),
            "{path} leaked site.toml"
        );
    }
    preview.stop();
}

#[test]
fn editing_a_body_updates_the_page_and_reloads_the_tabs() {
    let site = Site::fixture("bilingual");
    let preview = start(&site);
    let address = preview.address();
    let mut events = Events::connect(address);
    let file = site.root.join("content/guides/reading-claims.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\n新增的一段说明。\n")).unwrap();
    assert_eq!(events.next().0, "reload");
    assert!(
        get(address, "/guides/reading-claims/")
            .body
            .contains("新增的一段说明。")
    );
    // A title change reaches the lists too.
    std::fs::write(
        &file,
        text.replace("title: 如何阅读权利要求书", "title: 读懂权利要求书"),
    )
    .unwrap();
    assert_eq!(events.next().0, "reload");
    assert!(get(address, "/guides/").body.contains("读懂权利要求书"));
    preview.stop();
}

#[test]
fn a_new_summary_reaches_the_lists_that_show_it() {
    let site = Site::fixture("bilingual");
    let preview = start(&site);
    let address = preview.address();
    let mut events = Events::connect(address);
    let file = site.root.join("content/briefs/civil/index.md");
    let text = std::fs::read_to_string(&file).unwrap();
    // The brief has no `summary` field: its first paragraph is its summary.
    std::fs::write(
        &file,
        text.replace("本简报的数据为示例。", "更新后的第一段。"),
    )
    .unwrap();
    assert_eq!(events.next().0, "reload");
    for list in ["/briefs/", "/disciplines/civil-engineering/", "/"] {
        assert!(
            get(address, list).body.contains("更新后的第一段。"),
            "{list}"
        );
    }
    assert!(get(address, "/atom.xml").body.contains("更新后的第一段。"));
    preview.stop();
}

#[test]
fn adding_renaming_and_deleting_pages_leaves_nothing_stale() {
    let site = Site::fixture("bilingual");
    let preview = start(&site);
    let address = preview.address();
    let mut events = Events::connect(address);
    site.write(
        "content/guides/new-guide.md",
        "---\ntitle: 新指南\nsummary: 新增\n---\n\n正文。\n",
    );
    assert_eq!(events.next().0, "reload");
    assert_eq!(get(address, "/guides/new-guide/").status, 200);
    let listed = ["/guides/", "/guides/page/2/", "/guides/page/3/"]
        .iter()
        .any(|pager| get(address, pager).body.contains("新指南"));
    assert!(listed, "the new page is in its section's list");

    std::fs::rename(
        site.root.join("content/guides/new-guide.md"),
        site.root.join("content/guides/renamed-guide.md"),
    )
    .unwrap();
    assert_eq!(events.next().0, "reload");
    assert_eq!(get(address, "/guides/new-guide/").status, 404);
    assert_eq!(get(address, "/guides/renamed-guide/").status, 200);

    std::fs::remove_file(site.root.join("content/guides/renamed-guide.md")).unwrap();
    assert_eq!(events.next().0, "reload");
    assert_eq!(get(address, "/guides/renamed-guide/").status, 404);

    std::fs::create_dir_all(site.root.join("content/events")).unwrap();
    site.write("content/events/_index.md", "---\ntitle: 活动\n---\n");
    assert_eq!(events.next().0, "reload");
    assert_eq!(get(address, "/events/").status, 200);
    preview.stop();
}

#[test]
fn a_broken_edit_shows_the_error_and_keeps_the_last_good_pages_until_fixed() {
    let site = Site::fixture("bilingual");
    let preview = start(&site);
    let address = preview.address();
    let mut events = Events::connect(address);
    let file = site.root.join("content/guides/reading-claims.md");
    let good = std::fs::read_to_string(&file).unwrap();

    std::fs::write(&file, format!("{good}\n[坏链接](@/guides/missing.md)\n")).unwrap();
    let (name, data) = events.next();
    assert_eq!(name, "build-error");
    let message: serde_json::Value = serde_json::from_str(&data).unwrap();
    let message = message["message"].as_str().unwrap();
    assert!(
        message.contains("content/guides/reading-claims.md:"),
        "{message}"
    );
    assert!(
        message.contains("broken internal link `@/guides/missing.md`"),
        "{message}"
    );
    assert_eq!(get(address, "/guides/reading-claims/").status, 200);
    assert!(
        !get(address, "/guides/reading-claims/")
            .body
            .contains("坏链接")
    );
    // A tab opened while the error stands is told at once.
    let late = Events::connect_raw(address);
    assert!(late.contains("event: build-error"));

    std::fs::write(&file, format!("{good}\n修好了。\n")).unwrap();
    assert_eq!(events.next().0, "reload");
    assert!(
        get(address, "/guides/reading-claims/")
            .body
            .contains("修好了。")
    );

    // A broken template: same story.
    site.write("themes/mini/templates/404.html", "{% if %}");
    assert_eq!(events.next().0, "build-error");
    site.write(
        "themes/mini/templates/404.html",
        "<html><body>fixed 404</body></html>",
    );
    assert_eq!(events.next().0, "reload");
    assert!(get(address, "/missing/").body.contains("fixed 404"));
    preview.stop();
}

#[test]
fn stylesheet_changes_swap_css_without_a_reload() {
    let site = Site::fixture("bilingual");
    let preview = start(&site);
    let address = preview.address();
    let mut events = Events::connect(address);
    let before = stylesheet_url(&get(address, "/").body);
    site.write("themes/mini/static/css/site.css", "body { color: #c00; }\n");
    assert_eq!(events.next().0, "css");
    // The changed stylesheet has a new name, and the pages (which the live-reload script reads
    // again to swap the links) point at it.
    let after = stylesheet_url(&get(address, "/").body);
    assert_ne!(before, after);
    assert!(get(address, &after).body.contains("#c00"));
    preview.stop();
}

/// The first stylesheet a page links.
fn stylesheet_url(html: &str) -> String {
    let start = html
        .find("<link rel=\"stylesheet\" href=\"")
        .expect("a stylesheet link")
        + 29;
    html[start..].split('"').next().unwrap().to_string()
}

impl Events {
    /// The first bytes a newly connected tab receives.
    fn connect_raw(address: SocketAddr) -> String {
        let mut stream = TcpStream::connect(address).unwrap();
        write!(
            stream,
            "GET /__ipportal/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        let mut buffer = vec![0; 4096];
        let mut received = String::new();
        while let Ok(n) = stream.read(&mut buffer) {
            if n == 0 {
                break;
            }
            received.push_str(&String::from_utf8_lossy(&buffer[..n]));
            if received.contains("\n\n") && received.contains("event:") {
                break;
            }
        }
        received
    }
}

#[test]
fn requests_for_other_host_names_are_refused() {
    let site = Site::fixture("bilingual");
    let preview = start(&site);
    let address = preview.address();
    let port = address.port();
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
    ] {
        let response = request(address, &format!("GET / HTTP/1.1\r\nHost: {host}"));
        assert_eq!(response.status, 403, "{host}");
        assert_eq!(response.content_type, "text/plain; charset=utf-8");
        assert!(response.body.contains("DNS rebinding"), "{}", response.body);
    }
    // The event stream (build errors) is refused too, and so is a request without a Host.
    let events = request(
        address,
        "GET /__ipportal/events HTTP/1.1\r\nHost: rebind.example",
    );
    assert_eq!(events.status, 403);
    assert_eq!(request(address, "GET / HTTP/1.1").status, 403);
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "127.0.0.1".to_string(),
    ] {
        let response = request(address, &format!("GET / HTTP/1.1\r\nHost: {host}"));
        assert_eq!(response.status, 200, "{host}");
    }
    preview.stop();
}

#[test]
fn idle_connections_do_not_keep_a_request_waiting() {
    let site = Site::fixture("bilingual");
    let preview = start(&site);
    let address = preview.address();
    // Half say nothing, half stop in the middle of their request head.
    let idle: Vec<TcpStream> = (0..300)
        .map(|i| {
            let mut stream = TcpStream::connect(address).unwrap();
            if i % 2 == 1 {
                stream.write_all(b"GET / HTTP/1.1\r\nHo").unwrap();
            }
            stream
        })
        .collect();
    let started = Instant::now();
    assert_eq!(get(address, "/").status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    drop(idle);
    preview.stop();
}

#[test]
fn connections_over_the_cap_are_told_to_come_back_and_answered_when_some_close() {
    let site = Site::fixture("bilingual");
    let preview = start(&site);
    let address = preview.address();
    let open: Vec<TcpStream> = (0..serve::http::MAX_CONNECTIONS)
        .map(|_| TcpStream::connect(address).unwrap())
        .collect();
    assert_eq!(get(address, "/").status, 503);
    drop(open);
    // The server sees the closed connections shortly after.
    let deadline = Instant::now() + WAIT;
    while get(address, "/").status != 200 {
        assert!(
            Instant::now() < deadline,
            "still refused after the connections closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    preview.stop();
}

#[test]
fn a_flood_of_header_is_cut_off_and_the_server_answers_afterwards() {
    const FLOOD: usize = 100 * 1024 * 1024;
    let site = Site::fixture("bilingual");
    let preview = start(&site);
    let address = preview.address();
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_write_timeout(Some(WAIT)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Flood: ")
        .unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0;
    while sent < FLOOD && stream.write_all(&chunk).is_ok() {
        sent += chunk.len();
    }
    assert!(sent < FLOOD, "the server read all 100 MB of one header");
    // The refusal may or may not arrive before the reset; if it does, it says why.
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 431 "),
        "{answer}"
    );
    assert_eq!(get(address, "/").status, 200);
    preview.stop();
}

#[test]
fn a_tab_that_stops_reading_does_not_hold_up_the_others() {
    let site = Site::fixture("bilingual");
    let preview = start(&site);
    let address = preview.address();
    let mut stalled = TcpStream::connect(address).unwrap();
    stalled
        .write_all(b"GET /__ipportal/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let mut events = Events::connect(address);
    // Build errors that quote a long template line: a few megabytes in all, more than the
    // stalled tab's socket buffers hold.
    let padding = "x".repeat(256 * 1024);
    for round in 0..24 {
        site.write(
            "themes/mini/templates/404.html",
            format!("{{% if %}} {round} {padding}"),
        );
        assert_eq!(events.next().0, "build-error", "round {round}");
    }
    drop(stalled);
    preview.stop();
}

#[test]
fn a_folder_without_its_slash_redirects_to_it() {
    let site = Site::fixture("bilingual");
    let preview = start(&site);
    let address = preview.address();
    for (path, location) in [
        ("/guides/with-assets", "/guides/with-assets/"),
        ("/guides/with-assets?view=1", "/guides/with-assets/?view=1"),
        ("/en/guides", "/en/guides/"),
        // Never a link to another host.
        ("//guides", "/guides/"),
    ] {
        let response = get(address, path);
        assert_eq!(response.status, 301, "{path}");
        assert_eq!(response.location, location, "{path}");
    }
    // A relative image of the page bundle then resolves inside its folder.
    assert_eq!(get(address, "/guides/with-assets/workflow.svg").status, 200);
    assert_eq!(get(address, "/guides/no-such-page").status, 404);
    preview.stop();
}

#[test]
fn folders_created_after_the_start_are_watched() {
    let site = Site::fixture("bilingual");
    std::fs::remove_dir_all(site.root.join("static")).unwrap();
    let preview = start(&site);
    let address = preview.address();
    std::fs::create_dir(site.root.join("static")).unwrap();
    // Past the rebuild the new folder itself causes, so only a watch on it sees the file.
    std::thread::sleep(Duration::from_millis(300));
    site.write("static/notice.txt", "added after the start");
    wait_for(address, "/notice.txt", "added after the start");

    // `content/` deleted and created again (as a branch switch may do).
    std::fs::rename(site.root.join("content"), site.root.join("content-old")).unwrap();
    common::copy_portal(&site.root.join("content-old"), &site.root.join("content"));
    std::thread::sleep(Duration::from_millis(300));
    site.edit("content/guides/reading-claims.md", |text| {
        format!("{text}\n重建后的修改。\n")
    });
    wait_for(address, "/guides/reading-claims/", "重建后的修改。");
    assert!(!site.root.join("public").exists(), "serve never writes");
    preview.stop();
}

/// Asks for `path` until its body holds `text`.
fn wait_for(address: SocketAddr, path: &str, text: &str) {
    let deadline = Instant::now() + WAIT;
    while !get(address, path).body.contains(text) {
        assert!(Instant::now() < deadline, "{path} never showed {text:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A file the preview serves, as bytes.
fn get_bytes(address: SocketAddr, path: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let head_end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    assert!(response.starts_with(b"HTTP/1.1 200"), "{path}");
    response.split_off(head_end + 4)
}

/// The served search index of `lang`, every file it names fetched from the preview.
fn served_index(address: SocketAddr, lang: &str) -> SearchView {
    SearchView::read_with(|name| Ok(get_bytes(address, &format!("/search-index/{lang}/{name}"))))
        .expect("the served index reads")
}

#[test]
fn a_new_title_reaches_the_section_list_the_home_page_and_search() {
    let site = Site::fixture("bilingual");
    let preview = start(&site);
    let address = preview.address();
    let mut events = Events::connect(address);
    site.edit("content/briefs/civil/index.md", |text| {
        text.replace("title: 土木工程专利简报", "title: 装配式建筑专利态势")
    });
    assert_eq!(events.next().0, "reload");
    for list in ["/briefs/", "/"] {
        let body = get(address, list).body;
        assert!(body.contains("装配式建筑专利态势"), "{list}: {body}");
        assert!(!body.contains("土木工程专利简报"), "{list}");
    }
    let index = served_index(address, "zh");
    let found = index.finds("态势");
    assert!(
        found.iter().any(|url| url.ends_with("/briefs/civil/")),
        "{found:?}"
    );
    assert_eq!(index.title("/briefs/civil/"), Some("装配式建筑专利态势"));
    preview.stop();
}

#[test]
fn a_deleted_page_leaves_the_lists_the_sitemap_and_search() {
    let site = Site::fixture("bilingual");
    let preview = start(&site);
    let address = preview.address();
    assert!(
        get(address, "/sitemap.xml")
            .body
            .contains("/guides/zh-only/")
    );
    assert!(
        served_index(address, "zh")
            .title("/guides/zh-only/")
            .is_some()
    );
    let mut events = Events::connect(address);
    site.remove("content/guides/zh-only.md");
    assert_eq!(events.next().0, "reload");
    assert_eq!(get(address, "/guides/zh-only/").status, 404);
    for list in [
        "/guides/",
        "/guides/page/2/",
        "/guides/page/3/",
        "/sitemap.xml",
        "/atom.xml",
    ] {
        let body = get(address, list).body;
        assert!(!body.contains("/guides/zh-only/"), "{list}");
        assert!(!body.contains("仅有中文的讲座通知"), "{list}");
    }
    let index = served_index(address, "zh");
    assert_eq!(index.title("/guides/zh-only/"), None);
    assert!(
        index
            .finds("讲座")
            .iter()
            .all(|url| !url.ends_with("/guides/zh-only/"))
    );
    preview.stop();
}

#[test]
fn a_new_tag_has_a_term_page_listing_the_page() {
    let site = Site::fixture("bilingual");
    let preview = start(&site);
    let address = preview.address();
    assert_eq!(get(address, "/tags/zebra/").status, 404);
    let mut events = Events::connect(address);
    site.edit("content/guides/reading-claims.md", |text| {
        text.replace("tags: [权利要求]", "tags: [权利要求, zebra]")
    });
    assert_eq!(events.next().0, "reload");
    let term = get(address, "/tags/zebra/");
    assert_eq!(term.status, 200);
    assert!(term.body.contains("如何阅读权利要求书"), "{}", term.body);
    assert!(get(address, "/tags/").body.contains("zebra"));
    preview.stop();
}

#[test]
fn a_static_file_is_copied_and_served_at_once() {
    let site = Site::fixture("bilingual");
    let preview = start(&site);
    let address = preview.address();
    let mut events = Events::connect(address);
    site.write("static/files/hours.txt", "周一至周五开放");
    assert_eq!(events.next().0, "reload");
    assert_eq!(get(address, "/files/hours.txt").body, "周一至周五开放");
    site.write("static/files/hours.txt", "周一至周六开放");
    assert_eq!(events.next().0, "reload");
    assert_eq!(get(address, "/files/hours.txt").body, "周一至周六开放");
    preview.stop();
}
