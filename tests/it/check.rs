//! `ipportal check` as CI runs it: one test per kind of finding, each asserting the JSON record
//! the real binary prints (severity, code, file, line, column, message); exit codes with and
//! without `--deny-warnings`; the text report's grouping; the GitHub annotations as a snapshot.

use crate::common;

use std::path::Path;

use common::{Site, page};
use ipportal::base::diagnostics::CheckReport;
use serde_json::Value;

/// The JSON report of `check --format json`.
fn report(site: &Site) -> Value {
    let (_, stdout, stderr) = site.check(&["--format", "json"]);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"))
}

/// A finding the report must hold: `(line, column)` as JSON values (`null` when unknown).
struct Expected<'a> {
    severity: &'a str,
    code: &'a str,
    file: Option<&'a str>,
    at: (Value, Value),
    message: &'a str,
}

/// Asserts that the report of `site` has the finding and returns the report.
fn expect(site: &Site, expected: Expected) -> Value {
    let report = report(site);
    let file = expected.file.map_or(Value::Null, Value::from);
    let found = findings(&report)
        .into_iter()
        .find(|d| d["code"] == expected.code && d["file"] == file)
        .unwrap_or_else(|| panic!("no {} in {file}: {report:#}", expected.code));
    assert_eq!(found["severity"], expected.severity, "{found:#}");
    assert_eq!(
        (&found["line"], &found["column"]),
        (&expected.at.0, &expected.at.1),
        "{found:#}"
    );
    let message = found["message"].as_str().unwrap();
    assert!(message.contains(expected.message), "{message}");
    report
}

fn findings(report: &Value) -> Vec<&Value> {
    report["diagnostics"].as_array().unwrap().iter().collect()
}

fn codes(report: &Value) -> Vec<&str> {
    findings(report)
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

fn at(line: u64, column: u64) -> (Value, Value) {
    (line.into(), column.into())
}

const NOWHERE: (Value, Value) = (Value::Null, Value::Null);

fn site() -> Site {
    Site::fixture("bilingual")
}

fn error<'a>(code: &'a str, file: &'a str, at: (Value, Value), message: &'a str) -> Expected<'a> {
    Expected {
        severity: "error",
        code,
        file: Some(file),
        at,
        message,
    }
}

fn warning<'a>(code: &'a str, file: &'a str, at: (Value, Value), message: &'a str) -> Expected<'a> {
    Expected {
        severity: "warning",
        code,
        file: Some(file),
        at,
        message,
    }
}

#[test]
fn the_report_has_a_schema_version_and_counts() {
    let report = report(&site());
    assert_eq!(report["schema_version"], CheckReport::SCHEMA_VERSION);
    assert_eq!(report["schema_version"], 1);
    assert_eq!(
        (report["errors"].as_u64(), report["warnings"].as_u64()),
        (Some(0), Some(1))
    );
    let keys: Vec<&str> = findings(&report)[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "severity", "code", "message", "file", "line", "column", "help",
    ] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
}

#[test]
fn unknown_front_matter_field() {
    let s = site();
    s.write(
        "content/guides/typo.md",
        page("summary: s\ndiciplines: [environment]\n", "x"),
    );
    let e = error(
        "front-matter/unknown-field",
        "content/guides/typo.md",
        at(4, 1),
        "unknown page field `diciplines`",
    );
    expect(&s, e);
}

#[test]
fn front_matter_syntax() {
    let s = site();
    s.write("content/guides/open.md", "---\ntitle: never closed\n");
    let e = error(
        "front-matter/syntax",
        "content/guides/open.md",
        at(1, 1),
        "never closed",
    );
    expect(&s, e);
}

#[test]
fn missing_required_field() {
    let s = site();
    s.write("content/guides/bare.md", page("", "x"));
    let e = error(
        "front-matter/missing-field",
        "content/guides/bare.md",
        at(1, 1),
        "missing required field `summary`",
    );
    expect(&s, e);
}

#[test]
fn invalid_front_matter_value() {
    let s = site();
    s.write(
        "content/guides/heavy.md",
        page("summary: s\nweight: heavy\n", "x"),
    );
    let e = error(
        "front-matter/invalid-value",
        "content/guides/heavy.md",
        at(4, 1),
        "must be a whole number",
    );
    expect(&s, e);
}

#[test]
fn unknown_taxonomy_term() {
    let s = site();
    s.write(
        "content/guides/terms.md",
        page("summary: s\ndisciplines:\n  - civil-engineerng\n", "x"),
    );
    let e = error(
        "taxonomy/unknown-term",
        "content/guides/terms.md",
        at(5, 5),
        "unknown disciplines term `civil-engineerng`",
    );
    expect(&s, e);
}

#[test]
fn duplicate_url() {
    let s = site();
    s.write(
        "content/guides/zz.md",
        page("summary: s\naliases: [/guides/reading-claims/]\n", "x"),
    );
    let e = error(
        "url/duplicate",
        "content/guides/zz.md",
        at(4, 1),
        "duplicate alias `/guides/reading-claims/`",
    );
    expect(&s, e);
}

#[test]
fn broken_link() {
    let s = site();
    s.write(
        "content/guides/links.md",
        page(
            "summary: s\n",
            "Intro.\n\nSee [a](@/guides/reading-claim.md).",
        ),
    );
    let e = error(
        "link/broken",
        "content/guides/links.md",
        at(8, 9),
        "broken internal link `@/guides/reading-claim.md`",
    );
    expect(&s, e);
}

#[test]
fn broken_anchor() {
    let s = site();
    s.write(
        "content/guides/anchor.md",
        page("summary: s\n", "[b](@/guides/reading-claims.md#nope)"),
    );
    let e = error(
        "link/anchor",
        "content/guides/anchor.md",
        at(6, 5),
        "no heading with id `nope`",
    );
    expect(&s, e);
}

#[test]
fn missing_image() {
    let s = site();
    s.write(
        "content/guides/image.md",
        page("summary: s\n", "Text.\n\n![图](figure.png)"),
    );
    let e = error(
        "image/missing",
        "content/guides/image.md",
        at(8, 1),
        "image `figure.png` does not exist",
    );
    expect(&s, e);
}

#[test]
fn missing_image_from_the_site_root() {
    let s = site();
    s.write("static/img/there.png", "png");
    s.write(
        "content/guides/image.md",
        page(
            "summary: s\n",
            "![有](/img/there.png)\n\n![无](/img/screenshotz/x.png)",
        ),
    );
    let e = error(
        "image/missing",
        "content/guides/image.md",
        at(8, 1),
        "image `/img/screenshotz/x.png` does not exist: no file static/img/screenshotz/x.png",
    );
    let report = expect(&s, e);
    let missing = codes(&report).into_iter().filter(|c| *c == "image/missing");
    assert_eq!(missing.count(), 1, "{report:#}");
}

#[test]
fn missing_attachment() {
    let s = site();
    s.write(
        "content/guides/download.md",
        page("summary: s\n", "{{< download file=\"/files/none.pdf\" >}}"),
    );
    let e = error(
        "attachment/missing",
        "content/guides/download.md",
        at(6, 1),
        "names `/files/none.pdf`, which does not exist",
    );
    expect(&s, e);
}

#[test]
fn unknown_shortcode() {
    let s = site();
    s.write(
        "content/guides/sc.md",
        page("summary: s\n", "Text.\n\n{{< callot >}}"),
    );
    let e = error(
        "shortcode/unknown",
        "content/guides/sc.md",
        at(8, 1),
        "unknown shortcode `callot`",
    );
    expect(&s, e);
}

#[test]
fn invalid_shortcode() {
    let s = site();
    s.write(
        "content/guides/sc.md",
        page(
            "summary: s\n",
            "{{< callout kind=\"tip\" >}}\n\nnever closed",
        ),
    );
    let e = error(
        "shortcode/invalid",
        "content/guides/sc.md",
        at(6, 1),
        "`callout` is never closed",
    );
    expect(&s, e);
}

#[test]
fn invalid_data_file() {
    let s = site();
    s.write(
        "content/briefs/civil/data.yaml",
        "meta: {illustrative: true}\nby_year: [unclosed\n",
    );
    let report = report(&s);
    let found = findings(&report)
        .into_iter()
        .find(|d| d["code"] == "data/invalid")
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(found["severity"], "error");
    assert_eq!(found["file"], "content/briefs/civil/data.yaml");
    assert!(found["line"].as_u64().is_some_and(|l| l >= 2), "{found:#}");
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("invalid data file"),
        "{found:#}"
    );
}

#[test]
fn template_error() {
    let s = site();
    s.write("themes/mini/templates/404.html", "<h1>404</h1>\n{% if %}\n");
    let report = report(&s);
    let found = findings(&report)
        .into_iter()
        .find(|d| d["code"] == "template/error")
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(
        (&found["file"], &found["line"]),
        (
            &Value::from("themes/mini/templates/404.html"),
            &Value::from(2)
        )
    );
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("invalid template")
    );
}

#[test]
fn missing_template() {
    let s = site();
    s.remove("themes/mini/templates/taxonomy.html");
    let e = Expected {
        severity: "error",
        code: "template/missing",
        file: None,
        at: NOWHERE,
        message: "missing template `taxonomy.html`",
    };
    expect(&s, e);
}

#[test]
fn missing_interface_string() {
    let s = site();
    s.write("themes/mini/i18n/en.toml", "read_more = \"Read more\"\n");
    let e = error(
        "strings/invalid",
        "themes/mini/i18n/en.toml",
        NOWHERE,
        "missing interface string `no_translation`",
    );
    expect(&s, e);
}

#[test]
fn invalid_site_toml() {
    let s = site();
    s.edit("site.toml", |config| {
        config.replace("paginate_by = 2", "paginate_bye = 2")
    });
    let e = error(
        "config/invalid",
        "site.toml",
        at(6, 1),
        "unknown field `paginate_bye`",
    );
    expect(&s, e);
}

#[test]
fn unplaceable_file_name() {
    let s = site();
    s.write(
        "content/guides/patent-search.fr.md",
        page("summary: s\n", "x"),
    );
    let e = error(
        "file/name",
        "content/guides/patent-search.fr.md",
        NOWHERE,
        "language `fr`",
    );
    expect(&s, e);
}

#[test]
fn file_not_utf8() {
    let s = site();
    s.write(
        "content/guides/gbk.md",
        b"---\ntitle: \xd6\xd0\xce\xc4\n---\n".as_slice(),
    );
    let e = error(
        "file/encoding",
        "content/guides/gbk.md",
        at(2, 1),
        "not valid UTF-8",
    );
    expect(&s, e);
}

#[test]
fn missing_translation() {
    let e = warning(
        "translation/missing",
        "content/guides/zh-only.md",
        NOWHERE,
        "page has no translation in en",
    );
    expect(&site(), e);
}

#[test]
fn duplicate_title() {
    let s = site();
    s.write(
        "content/guides/again.md",
        "---\ntitle: 如何阅读权利要求书\nsummary: s\n---\nx\n",
    );
    let e = warning(
        "title/duplicate",
        "content/guides/again.md",
        at(2, 1),
        "duplicate title `如何阅读权利要求书`",
    );
    expect(&s, e);
}

/// A page in each language directly under content/: the home page lists no pages, so nothing
/// reaches them unless something links to them.
fn site_with_about_pages() -> Site {
    let s = site();
    s.write(
        "content/about.md",
        "---\ntitle: 关于我们\n---\n\n中心简介。\n",
    );
    s.write(
        "content/about.en.md",
        "---\ntitle: About us\n---\n\nAbout the centre.\n",
    );
    s
}

fn orphans(site: &Site) -> Vec<String> {
    let report = report(site);
    findings(&report)
        .into_iter()
        .filter(|d| d["code"] == "page/orphan")
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn orphan_page() {
    let s = site_with_about_pages();
    let e = warning(
        "page/orphan",
        "content/about.md",
        at(2, 1),
        "no other page links to this page",
    );
    let report = expect(&s, e);
    assert_eq!(report["errors"], 0);
    assert_eq!(orphans(&s), ["content/about.en.md", "content/about.md"]);
}

#[test]
fn pages_in_section_lists_and_with_terms_are_not_orphans() {
    let s = site();
    assert_eq!(
        orphans(&s),
        Vec::<String>::new(),
        "every fixture page is in a section list"
    );
    let s = site_with_about_pages();
    s.write(
        "content/about.md",
        "---\ntitle: 关于我们\ntags: [中心]\n---\n\n中心简介。\n",
    );
    assert_eq!(
        orphans(&s),
        Vec::<String>::new(),
        "the term page lists it; the switcher leads on"
    );
}

#[test]
fn a_link_from_a_reached_page_or_a_section_reaches_a_page() {
    let s = site_with_about_pages();
    s.edit("content/_index.md", |home| {
        format!("{home}\n[关于](@/about.md)\n")
    });
    assert_eq!(
        orphans(&s),
        Vec::<String>::new(),
        "home links the zh page; the switcher the en one"
    );

    let s = site_with_about_pages();
    let guide = "content/guides/reading-claims.en.md";
    s.edit(guide, |text| {
        format!("{text}\n[About](../../about/) and [关于](/about/index.html)\n")
    });
    assert_eq!(
        orphans(&s),
        Vec::<String>::new(),
        "relative and root-relative URL paths count"
    );
}

#[test]
fn pages_linking_only_each_other_are_still_orphans() {
    let s = site();
    s.write("content/a.md", "---\ntitle: A\n---\n\n[B](@/b.md)\n");
    s.write("content/b.md", "---\ntitle: B\n---\n\n[A](@/a.md)\n");
    assert_eq!(orphans(&s), ["content/a.md", "content/b.md"]);
}

#[test]
fn summary_field_too_long() {
    let s = site();
    let long = "专".repeat(81); // 162 columns: a CJK character counts two
    s.write(
        "content/guides/long.md",
        page(&format!("summary: {long}\n"), "x"),
    );
    s.write(
        "content/guides/just.md",
        page(&format!("summary: {}\n", "专".repeat(80)), "x"),
    );
    let e = warning(
        "summary/too-long",
        "content/guides/long.md",
        at(3, 1),
        "summary is 162 columns long, over the 160",
    );
    let report = expect(&s, e);
    let flagged: Vec<&Value> = findings(&report)
        .into_iter()
        .filter(|d| d["code"] == "summary/too-long")
        .collect();
    assert_eq!(
        flagged.len(),
        1,
        "80 CJK characters are 160 columns: not too long"
    );
}

#[test]
fn summary_from_the_body_too_long() {
    let s = site();
    let paragraph = "Patent search ".repeat(15); // 210 columns
    s.write(
        "content/guides/body.md",
        page(
            "summary: short\n",
            &format!("{paragraph}\n\n<!-- more -->\n\nRest."),
        ),
    );
    let e = warning(
        "summary/too-long",
        "content/guides/body.md",
        at(6, 1),
        "summary is 209 columns long",
    );
    expect(&s, e);
}

#[test]
fn summary_max_is_configurable_and_zero_turns_it_off() {
    let s = site();
    let config = std::fs::read_to_string(s.root.join("site.toml")).unwrap();
    s.write(
        "site.toml",
        format!("{config}\n[check]\nsummary_max = 10\n"),
    );
    let report = report(&s);
    assert!(codes(&report).contains(&"summary/too-long"), "{report:#}");
    s.write("site.toml", format!("{config}\n[check]\nsummary_max = 0\n"));
    assert!(!codes(&self::report(&s)).contains(&"summary/too-long"));
    s.write(
        "site.toml",
        format!("{config}\n[check]\nsummary_maximum = 1\n"),
    );
    let e = error(
        "config/invalid",
        "site.toml",
        at(config.lines().count() as u64 + 3, 1),
        "unknown field `summary_maximum`",
    );
    expect(&s, e);
}

#[test]
fn warnings_fail_only_when_denied_and_errors_always_fail() {
    let s = site();
    assert_eq!(s.check(&[]).0, Some(0), "one warning");
    assert_eq!(s.check(&["--deny-warnings"]).0, Some(1));
    assert_eq!(s.check(&["--format", "json", "--deny-warnings"]).0, Some(1));
    s.write("content/guides/zh-only.en.md", page("summary: s\n", "x"));
    assert_eq!(s.check(&["--deny-warnings"]).0, Some(0), "no warning left");
    s.write(
        "content/guides/bad.md",
        page("summary: s\nweight: heavy\n", "x"),
    );
    s.write("content/guides/bad.en.md", page("summary: s\n", "x"));
    assert_eq!(s.check(&[]).0, Some(1));
    assert_eq!(s.check(&["--format", "github"]).0, Some(1));
}

#[test]
fn the_text_report_groups_findings_by_file() {
    let s = site();
    s.remove("themes/mini/templates/taxonomy.html");
    s.write(
        "content/guides/bad.md",
        page("summary: s\nweight: heavy\ntitel: x\n", "x"),
    );
    let (code, stdout, _) = s.check(&[]);
    assert_eq!(code, Some(1));
    let headings: Vec<&str> = stdout.lines().filter(|l| l.starts_with("==> ")).collect();
    assert_eq!(
        headings,
        [
            "==> site (1 error, 0 warnings) <==",
            "==> content/guides/bad.md (2 errors, 1 warning) <==",
            "==> content/guides/zh-only.md (0 errors, 1 warning) <==",
        ]
    );
    let weight = stdout.find("error[front-matter/invalid-value]").unwrap();
    let titel = stdout.find("error[front-matter/unknown-field]").unwrap();
    assert!(weight < titel, "line 4 before line 5:\n{stdout}");
    for needle in [
        "content/guides/bad.md:4:1",
        "weight: heavy",
        "content/guides/bad.md:5:1",
        "titel: x",
    ] {
        assert!(stdout.contains(needle), "{needle} in\n{stdout}");
    }
    assert!(
        stdout.ends_with("Failed: 3 errors, 2 warnings in 2 files\n"),
        "{stdout}"
    );
}

#[test]
fn github_annotations_match_the_snapshot() {
    // Errors found while loading stop the check before the site-wide audit, so the error here
    // is one found while rendering: a template that fails on every page.
    let s = site_with_about_pages();
    let long = "专利".repeat(50);
    s.write(
        "content/guides/again.md",
        format!("---\ntitle: 如何阅读权利要求书\nsummary: {long}\n---\nx\n"),
    );
    s.write(
        "themes/mini/templates/course_section.html",
        "{{ section.no_such_field }}",
    );
    let (code, stdout, _) = s.check(&["--format", "github"]);
    assert_eq!(code, Some(1));
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/check_github.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snapshot, &stdout).unwrap();
    }
    let expected = std::fs::read_to_string(&snapshot).unwrap_or_default();
    assert_eq!(
        stdout,
        expected,
        "run with UPDATE_SNAPSHOTS=1 to rewrite {} if the change is intended",
        snapshot.display()
    );
}
