//! End to end with the real Decap CMS: on a copy of the bundled portal with `[cms] backend =
//! "proxy"`, the build's `/admin/` (the pinned Decap CMS and the generated configuration) is
//! served on 127.0.0.1 and Decap's local proxy `decap-server` (pinned in `tests/cms/`) runs in
//! the copy. `tests/cms/e2e.mjs` drives headless Chromium: it loads `/admin/`, logs in to the
//! proxy, checks the interface is Chinese (the login button, the collections' Chinese titles),
//! creates a guide through the form in Chinese and English — title, URL name, summary, two
//! disciplines, a stage and an audience picked from the selects — publishes it, and fails on
//! any console error. It also creates a course (its folder named by the URL name), changes the
//! title of an existing case and of a service (its maps and list of maps kept), and uploads an
//! image into a brief's body. The copy's default-language files are first renamed `x.zh.md` by `ipportal cms
//! --rename --apply`, as a portal's editors do before using the CMS. Then the files on disk,
//! `ipportal check` and the built pages are checked here, and what Decap rewrites in a file it
//! saves: the front matter's style and order, never a value it was not asked to change.
//!
//! Needs Chromium, Node and the packages of `tests/cms` (`npm ci --ignore-scripts --prefix
//! tests/cms`); without them the test says so and passes, unless `CI` or
//! `IPPORTAL_REQUIRE_BROWSER=1` is set, when it fails. `IPPORTAL_CMS_SCREENSHOTS=DIR` keeps the
//! screenshots of the Chinese form (the user guide's come from there).

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::browser::{Browser, browser, serve};
use crate::common;

fn cms_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cms")
}

/// What is missing to run the test.
fn missing() -> Vec<&'static str> {
    let mut missing = Vec::new();
    if !matches!(browser(), Browser::Run(_)) {
        missing.push("Chromium (Debian's `chromium`, or set CHROMIUM)");
    }
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        missing.push("Node (`node`)");
    }
    let modules = cms_dir().join("node_modules");
    if !modules.join("decap-server").is_dir() || !modules.join("puppeteer-core").is_dir() {
        missing.push("the Node packages (`npm ci --ignore-scripts --prefix tests/cms`)");
    }
    missing
}

/// True, after one line on stderr, when the test is to pass without running; a panic when
/// what is missing is required.
fn skipped() -> bool {
    let missing = missing();
    if missing.is_empty() {
        return false;
    }
    let var = std::env::var_os;
    let required = var("CI").is_some_and(|v| !v.is_empty())
        || var("IPPORTAL_REQUIRE_BROWSER").is_some_and(|v| v == "1");
    let what = missing.join(", ");
    assert!(
        !required,
        "missing: {what} (required: CI or IPPORTAL_REQUIRE_BROWSER=1 is set)"
    );
    let line = format!("cms_browser: skipped: missing {what}\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
    true
}

/// `decap-server` in `root`, on `port`; ended when dropped.
struct Proxy(Child);

impl Proxy {
    fn start(root: &Path, port: u16) -> Proxy {
        let child = Command::new("node")
            .arg(cms_dir().join("node_modules/decap-server/dist/index.js"))
            .current_dir(root)
            .env("PORT", port.to_string())
            .env("GIT_REPO_DIRECTORY", root)
            .spawn()
            .expect("start decap-server");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "decap-server did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Proxy(child)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn read(root: &Path, relative: &str) -> String {
    std::fs::read_to_string(root.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// A Markdown file's front matter, parsed, and its body.
fn split(text: &str) -> (serde_yaml::Mapping, String) {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let (yaml, body) = rest.split_once("\n---\n").expect("end of front matter");
    let map = serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{e}:\n{yaml}"));
    (map, body.to_string())
}

/// Renames the copy's default-language files as `ipportal cms --rename --apply` does.
fn rename_for_the_cms(root: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_ipportal"))
        .args([
            "cms",
            "--rename",
            "--apply",
            "--root",
            root.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_guide_created_in_the_real_cms_builds_in_both_languages() {
    if skipped() {
        return;
    }
    let Browser::Run(chromium) = browser() else {
        unreachable!("skipped() checked it");
    };
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cms-e2e");
    let _ = std::fs::remove_dir_all(&root);
    common::copy_portal(Path::new(env!("CARGO_MANIFEST_DIR")), &root);
    let port = free_port();
    let mut toml = read(&root, "site.toml");
    toml.push_str(&format!(
        "\n[cms]\nbackend = \"proxy\"\nproxy_url = \"http://127.0.0.1:{port}/api/v1\"\n"
    ));
    std::fs::write(root.join("site.toml"), toml).unwrap();
    rename_for_the_cms(&root);
    let case_zh = "content/cases/bridge-prefiling-portfolio.zh.md";
    let case_en = "content/cases/bridge-prefiling-portfolio.en.md";
    let (before_zh, before_en) = (read(&root, case_zh), read(&root, case_en));
    let service = "content/about/services/demand-matching.zh.md";
    let before_service = read(&root, service);
    if let Err(errors) = ipportal::build(&ipportal::BuildOptions::new(&root)) {
        panic!("build failed:\n{}", common::render(&errors));
    }
    let base = serve(root.join("public"));
    let proxy = Proxy::start(&root, port);
    let shots = std::env::var_os("IPPORTAL_CMS_SCREENSHOTS")
        .map_or_else(|| root.join("screenshots"), PathBuf::from);
    std::fs::create_dir_all(&shots).unwrap();
    let output = Command::new("node")
        .arg("e2e.mjs")
        .arg(&base)
        .arg(&shots)
        .current_dir(cms_dir())
        .env("CHROMIUM", chromium)
        .output()
        .expect("run node");
    drop(proxy);
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{report}");
    assert!(report.contains("no console errors"), "{report}");

    // Where and how ipportal reads them: x.zh.md is the default language's x.md.
    let zh = read(&root, "content/guides/cms-search-start.zh.md");
    for expected in [
        "title: 专利检索入门（CMS）",
        "  - civil-engineering\n  - architecture",
        "stages:\n  - topic-selection",
        "audiences:\n  - students",
    ] {
        assert!(zh.contains(expected), "{expected:?} in\n{zh}");
    }
    let en = read(&root, "content/guides/cms-search-start.en.md");
    assert!(
        en.contains("title: Getting started with patent search (CMS)"),
        "{en}"
    );
    assert!(
        en.contains("  - architecture"),
        "the vocabularies in both: {en}"
    );

    changed_only_in_its_title(
        &read(&root, case_zh),
        &before_zh,
        "桥梁工程团队的申请前评估与专利布局（CMS 修订）",
    );
    changed_only_in_its_title(
        &read(&root, service),
        &before_service,
        "需求匹配（CMS 修订）",
    );
    let after_en = read(&root, case_en);
    assert_eq!(
        split(&after_en),
        split(&before_en),
        "the English case: {after_en}"
    );
    let brief = "content/briefs/civil-engineering";
    let png = std::fs::read(root.join(brief).join("joint-sketch.png")).expect("in the bundle");
    assert!(png.starts_with(b"\x89PNG"));
    let brief_zh = read(&root, &format!("{brief}/index.zh.md"));
    assert!(
        brief_zh.contains("![预制构件连接示意图](joint-sketch.png)"),
        "{brief_zh}"
    );

    // A new course's folder is its URL name; a section's `_index` keeps no `slug`.
    let course = read(&root, "content/courses/cms-advanced-analysis/_index.zh.md");
    assert!(course.contains("title: 专利分析进阶（CMS）"), "{course}");
    assert!(course.contains("type: course"), "{course}");
    assert!(!course.contains("slug:"), "{course}");
    let course_en = read(&root, "content/courses/cms-advanced-analysis/_index.en.md");
    assert!(!course_en.contains("slug:"), "{course_en}");

    let check = Command::new(env!("CARGO_BIN_EXE_ipportal"))
        .args(["check", "--root", root.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{stdout}");
    assert!(
        !stdout.contains("cms-search-start"),
        "nothing to say about the new page: {stdout}"
    );
    if let Err(errors) = ipportal::build(&ipportal::BuildOptions::new(&root)) {
        panic!("build failed:\n{}", common::render(&errors));
    }
    let page = read(&root, "public/guides/cms-search-start/index.html");
    assert!(page.contains("专利检索入门（CMS）"));
    assert!(
        page.contains("/en/guides/cms-search-start/"),
        "linked to its translation"
    );
    let en_page = read(&root, "public/en/guides/cms-search-start/index.html");
    assert!(en_page.contains("Getting started with patent search (CMS)"));
    let term = read(&root, "public/disciplines/architecture/index.html");
    assert!(
        term.contains("/guides/cms-search-start/"),
        "listed under its discipline"
    );
    assert!(shots.join("cms-guide-form.png").is_file());
    let service = read(&root, "public/about/services/demand-matching/index.html");
    assert!(service.contains("需求匹配（CMS 修订）"));
    let course = read(&root, "public/courses/cms-advanced-analysis/index.html");
    assert!(course.contains("专利分析进阶（CMS）"));
    let case = read(&root, "public/cases/bridge-prefiling-portfolio/index.html");
    assert!(case.contains("桥梁工程团队的申请前评估与专利布局（CMS 修订）"));
    let brief = read(&root, "public/briefs/civil-engineering/index.html");
    assert!(
        brief.contains(r#"<img src="joint-sketch.png" alt="预制构件连接示意图""#),
        "the uploaded image on the brief's page"
    );
    assert!(
        root.join("public/briefs/civil-engineering/joint-sketch.png")
            .is_file()
    );
}

/// A page saved through the CMS: the same values but the title, the same body (a service's
/// maps and list of maps too). Decap writes the front matter again in the form's order and its
/// own style (block lists, fewer quotes).
fn changed_only_in_its_title(after: &str, before: &str, title: &str) {
    let (mut after_map, after_body) = split(after);
    let (mut before_map, before_body) = split(before);
    assert_eq!(
        after_map.remove("title"),
        Some(serde_yaml::Value::from(title))
    );
    before_map.remove("title");
    assert_eq!(after_map, before_map, "only the title changed:\n{after}");
    assert_eq!(after_body, before_body, "the body as it was");
    assert!(!after.contains(": null"), "{after}");
}
