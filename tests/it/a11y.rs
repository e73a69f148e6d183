//! Accessibility and validity gates over the bundled portal, built with `--minify` as it is
//! deployed and served on 127.0.0.1 by the server of `browser.rs`:
//! - `tests/a11y/axe.mjs`: axe-core (WCAG 2.0/2.1/2.2 A and AA, best practice) in headless
//!   Chromium on one page of every kind, at 1366 px and 390 px, light and dark: no violation.
//! - `tests/a11y/keyboard.mjs`: the portal with the keyboard alone, and reduced motion.
//! - The Nu HTML checker (`vnu.jar` of the npm package `vnu-jar`) over every HTML file of the
//!   output in one Java call: no error and no warning.
//!
//! They need Chromium, Node with the packages of `tests/a11y` (`npm ci --prefix tests/a11y`) and
//! Java. Without one of them each test prints one line to stderr naming what is missing and
//! passes; with `CI` set or `IPPORTAL_REQUIRE_BROWSER=1` it fails instead (`.ci/run` installs
//! them all). Two more tests build a page with known faults and check that both gates report it.

use crate::browser::{Browser, browser, serve};
use crate::common;

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// A built portal and the address it is served at.
struct Served {
    public: PathBuf,
    base: String,
}

/// The bundled portal as it is.
fn bundled() -> &'static Served {
    static BUNDLED: OnceLock<Served> = OnceLock::new();
    BUNDLED.get_or_init(|| build_and_serve("a11y-bundled", &[]))
}

/// The bundled portal plus `/guides/faulty/`, a page with known faults.
fn faulty() -> &'static Served {
    static FAULTY: OnceLock<Served> = OnceLock::new();
    FAULTY.get_or_init(|| {
        build_and_serve("a11y-faulty", &[("content/guides/faulty.md", FAULTY_PAGE)])
    })
}

/// Raw HTML in a Markdown body: a checkbox with no label (axe-core `label`, critical) and a
/// `<div>` inside a `<span>` (a Nu checker error).
const FAULTY_PAGE: &str = "---\ntitle: 有缺陷的页面\nsummary: s\n---\n\n\
    <p><input type=\"checkbox\" id=\"no-label\"></p>\n\n<p><span><div>块在行内</div></span></p>\n";

fn build_and_serve(name: &str, extra: &[(&str, &str)]) -> Served {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&root);
    common::copy_portal(Path::new(env!("CARGO_MANIFEST_DIR")), &root);
    for (path, text) in extra {
        std::fs::write(root.join(path), text).unwrap();
    }
    let options = ipportal::BuildOptions {
        minify: true,
        ..ipportal::BuildOptions::new(&root)
    };
    if let Err(errors) = ipportal::build(&options) {
        panic!("build failed:\n{}", common::render(&errors));
    }
    let public = root.join("public");
    let base = serve(public.clone());
    Served { public, base }
}

fn a11y_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/a11y")
}

fn vnu_jar() -> PathBuf {
    a11y_dir().join("node_modules/vnu-jar/build/dist/vnu.jar")
}

/// What is missing to run a test that needs Java (`java`) or not: Chromium, Node, the packages.
fn missing(java: bool) -> Vec<&'static str> {
    let runs = |program: &str, arg: &str| {
        Command::new(program)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let mut missing = Vec::new();
    if !matches!(browser(), Browser::Run(_)) {
        missing.push("Chromium (Debian's `chromium`, or set CHROMIUM)");
    }
    if !runs("node", "--version") {
        missing.push("Node (`node`)");
    }
    if !a11y_dir().join("node_modules/axe-core").is_dir() || !vnu_jar().is_file() {
        missing.push("the Node packages (`npm ci --ignore-scripts --prefix tests/a11y`)");
    }
    if java && !runs("java", "-version") {
        missing.push("Java (Debian's `default-jre-headless`)");
    }
    missing
}

/// True, after one line on stderr, when the test is to pass without running; a panic when what is
/// missing is required (`CI`, or `IPPORTAL_REQUIRE_BROWSER=1`).
fn skipped(missing: &[&str]) -> bool {
    if missing.is_empty() {
        return false;
    }
    let var = std::env::var_os;
    let required = var("CI").is_some_and(|v| !v.is_empty())
        || var("IPPORTAL_REQUIRE_BROWSER").is_some_and(|v| v == OsStr::new("1"));
    let what = missing.join(", ");
    if required {
        panic!("missing: {what} (required: CI or IPPORTAL_REQUIRE_BROWSER=1 is set)");
    }
    let test = std::thread::current().name().unwrap_or("a11y").to_string();
    // In one write to the process's stderr: the harness swallows `eprintln!` of passing tests.
    let line = format!("{test}: skipped: missing {what}\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
    true
}

/// `node SCRIPT BASE ARGS…` in `tests/a11y`, with the Chromium that `browser.rs` found.
fn node(script: &str, base: &str, args: &[&str]) -> Output {
    let Browser::Run(chromium) = browser() else {
        panic!("no Chromium");
    };
    Command::new("node")
        .arg(script)
        .arg(base)
        .args(args)
        .current_dir(a11y_dir())
        .env("CHROMIUM", chromium)
        .env("PUPPETEER_SKIP_DOWNLOAD", "1")
        .output()
        .expect("run node")
}

/// The Nu HTML checker over every HTML file of `public`, warnings as errors.
fn vnu(public: &Path) -> Output {
    Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--skip-non-html", "--Werror", "--format", "gnu"])
        .arg(public)
        .output()
        .expect("run java")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn every_page_kind_passes_axe_core_at_both_widths_in_both_schemes() {
    if skipped(&missing(false)) {
        return;
    }
    let output = node("axe.mjs", &bundled().base, &[]);
    let report = text(&output);
    assert!(
        output.status.success(),
        "axe-core violations (impact, rule, page, width, scheme, selector, why):\n{report}"
    );
    assert!(report.contains("0 rules violated"), "{report}");
}

#[test]
fn the_portal_works_with_the_keyboard_alone() {
    if skipped(&missing(false)) {
        return;
    }
    let output = node("keyboard.mjs", &bundled().base, &[]);
    let report = text(&output);
    assert!(output.status.success(), "{report}");
    assert!(report.contains(" 0 failed"), "{report}");
}

#[test]
fn the_whole_output_passes_the_nu_html_checker_without_errors_or_warnings() {
    if skipped(&missing(true)) {
        return;
    }
    let public = &bundled().public;
    let pages = walkdir::WalkDir::new(public)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension() == Some(OsStr::new("html")))
        .count();
    assert!(pages > 200, "only {pages} pages");
    let output = vnu(public);
    let report = text(&output);
    assert!(
        output.status.success() && report.trim().is_empty(),
        "Nu HTML checker:\n{report}"
    );
}

#[test]
fn axe_core_reports_a_fault_with_rule_impact_page_width_scheme_and_selector() {
    if skipped(&missing(false)) {
        return;
    }
    let output = node("axe.mjs", &faulty().base, &["/guides/faulty/"]);
    let report = text(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    for width in ["desktop", "mobile"] {
        for scheme in ["light", "dark"] {
            let line = format!("critical\tlabel\t/guides/faulty/\t{width}\t{scheme}\t#no-label\t");
            assert!(report.contains(&line), "{line:?} in:\n{report}");
        }
    }
    assert!(
        report.contains("rule label (critical): 4 nodes"),
        "{report}"
    );
}

#[test]
fn the_nu_html_checker_reports_an_error_with_its_file() {
    if skipped(&missing(true)) {
        return;
    }
    let output = vnu(&faulty().public.join("guides/faulty"));
    let report = text(&output);
    assert!(!output.status.success(), "{report}");
    assert!(
        report.contains("guides/faulty/index.html") && report.contains("error"),
        "{report}"
    );
}

/// The codes of `src/audit/a11y.rs`.
const A11Y_CODES: [&str; 4] = [
    "image/no-alt",
    "heading/skipped-level",
    "link/vague-text",
    "chart/no-description",
];

/// `ipportal check --format json` on the fixture portal with a page holding one of each
/// accessibility fault: (code, line, column) of every accessibility finding, in order.
fn check_a11y_findings(body: &str) -> Vec<(String, u64, u64)> {
    let site = common::Site::fixture("bilingual");
    site.write(
        "content/guides/with-assets/index.md",
        common::page("summary: s\n", body),
    );
    let (_, stdout, stderr) = site.check(&["--format", "json"]);
    let report: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"));
    assert_eq!(report["errors"], 0, "{report:#}");
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| A11Y_CODES.contains(&d["code"].as_str().unwrap()))
        .map(|d| {
            assert_eq!(d["severity"], "warning", "{d:#}");
            assert_eq!(d["file"], "content/guides/with-assets/index.md", "{d:#}");
            let code = d["code"].as_str().unwrap().to_string();
            (
                code,
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn check_warns_of_a_missing_alt_a_skipped_heading_a_vague_link_and_an_undescribed_figure() {
    // Front matter on lines 1 to 4, a blank line: the body starts on line 6.
    let body = "## 步骤\n\n\
                #### 细节\n\n\
                ![](workflow.svg)\n\n\
                委托单[点击这里](https://example.edu.cn/form.pdf)下载；see [click here](/x/).\n\n\
                {{< figure src=\"workflow.svg\" alt=\"查新流程\" >}}\n";
    assert_eq!(
        check_a11y_findings(body),
        [
            ("heading/skipped-level".to_string(), 8, 1),
            ("image/no-alt".to_string(), 10, 1),
            ("link/vague-text".to_string(), 12, 4),
            ("link/vague-text".to_string(), 12, 50),
            ("chart/no-description".to_string(), 14, 1),
        ]
    );
}

#[test]
fn check_is_quiet_about_accessible_markdown() {
    let body = "## 步骤\n\n### 细节\n\n![查新流程](workflow.svg)\n\n\
                [下载查新委托单](https://example.edu.cn/form.pdf)\n\n\
                {{< figure src=\"workflow.svg\" alt=\"查新流程\" caption=\"科技查新的六个步骤\" >}}\n";
    assert_eq!(check_a11y_findings(body), []);
}
