//! The `ipportal` command as a user runs it: exit codes, messages, `check --format json`, `new`.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use common::Site;

fn ipportal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ipportal"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn version_and_help() {
    let out = ipportal(&["--version"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("ipportal "));
    let help = text(&ipportal(&["--help"]).stdout);
    for command in ["build", "check", "new"] {
        assert!(help.contains(command), "{help}");
    }
    for command in ["build", "check", "new"] {
        let out = ipportal(&[command, "--help"]);
        assert!(out.status.success(), "{command} --help");
    }
    let build_help = text(&ipportal(&["build", "--help"]).stdout);
    for flag in ["--root", "--output", "--base-url", "--drafts"] {
        assert!(build_help.contains(flag), "{build_help}");
    }
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(ipportal(&["publish"]).status.code(), Some(2));
    assert_eq!(
        ipportal(&["build", "--no-such-flag"]).status.code(),
        Some(2)
    );
    assert_eq!(
        ipportal(&["check", "--format", "yaml"]).status.code(),
        Some(2)
    );
    assert_eq!(ipportal(&[]).status.code(), Some(2));
}

#[test]
fn build_prints_a_one_line_summary() {
    let site = Site::fixture("bilingual");
    let root = site.root.to_str().unwrap();
    let out = ipportal(&["build", "--root", root]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("Built 15 pages, 10 sections and 9 taxonomy terms in 2 languages"),
        "{stdout}"
    );
    assert!(site.exists("index.html"));
}

#[test]
fn build_errors_exit_with_1_and_show_the_line() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/guides/bad.md",
        "---\ntitle: x\nsummary: s\nweight: heavy\n---\n",
    );
    let out = ipportal(&["build", "--root", site.root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("content/guides/bad.md:4:1"), "{stderr}");
    assert!(stderr.contains("weight: heavy"), "{stderr}");
    assert!(stderr.contains("was left unchanged"), "{stderr}");
}

#[test]
fn output_folder_can_be_chosen() {
    let site = Site::fixture("bilingual");
    let out_dir = site.root.join("elsewhere/www");
    let out = ipportal(&[
        "build",
        "--root",
        site.root.to_str().unwrap(),
        "--output",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out_dir.join("guides/patent-search/index.html").exists());
    assert!(!site.exists("index.html"));
}

#[test]
fn check_writes_nothing_and_reports_json() {
    let site = Site::fixture("bilingual");
    let root = site.root.to_str().unwrap();
    let ok = ipportal(&["check", "--root", root]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
    assert!(text(&ok.stdout).contains("OK: 0 errors, 1 warning"));
    assert!(!site.root.join("public").exists());

    site.write("content/guides/bad.md", "---\ntitle: x\nsumary: s\n---\n");
    let out = ipportal(&["check", "--root", root, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(report["errors"], 2);
    assert_eq!(report["warnings"], 2, "two untranslated pages");
    let unknown = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("unknown page field `sumary`")
        })
        .expect("the unknown field");
    assert_eq!(unknown["file"], "content/guides/bad.md");
    assert_eq!(unknown["line"], 3);
    assert_eq!(unknown["severity"], "error");
    assert!(!site.root.join("public").exists());
}

#[test]
fn new_scaffolds_a_portal_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let portal = dir.path().join("my-portal");
    let out = ipportal(&["new", portal.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let check = ipportal(&["check", "--root", portal.to_str().unwrap()]);
    assert!(
        text(&check.stdout).contains("OK: 0 errors, 0 warnings"),
        "{}{}",
        text(&check.stdout),
        text(&check.stderr)
    );
    let build = ipportal(&["build", "--root", portal.to_str().unwrap()]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    let public = portal.join("public");
    for path in [
        "index.html",
        "en/index.html",
        "guides/patent-search/index.html",
        "courses/search-101/lesson-1/index.html",
        "cases/first-case/index.html",
        "en/briefs/civil-engineering/index.html",
    ] {
        assert!(public.join(path).exists(), "{path}");
    }
    // The built-in theme's stylesheet, under its content-hashed name.
    let stylesheets: Vec<String> = std::fs::read_dir(public.join("css"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("site.") && name.ends_with(".css"))
        .collect();
    assert_eq!(stylesheets.len(), 1, "{stylesheets:?}");
    assert_ne!(stylesheets[0], "site.css");
    let again = ipportal(&["new", portal.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("not empty"));
}

#[test]
fn check_speaks_github_annotations_and_can_deny_warnings() {
    let site = Site::fixture("bilingual");
    let root = site.root.to_str().unwrap();
    site.write(
        "content/guides/bad.md",
        "---\ntitle: x\nsummary: s\nweight: heavy\n---\n",
    );
    let out = ipportal(&["check", "--root", root, "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("::error file=content/guides/bad.md,line=4,col=1,title=front-matter/invalid-value::field `weight` must be a whole number, found the text `heavy`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("::warning file=content/guides/zh-only.md,title=translation/missing::page has no translation in en")
    );

    site.remove("content/guides/bad.md");
    assert_eq!(ipportal(&["check", "--root", root]).status.code(), Some(0));
    let strict = ipportal(&["check", "--root", root, "--deny-warnings"]);
    assert_eq!(strict.status.code(), Some(1), "one warning, denied");
    assert!(text(&strict.stdout).contains("Failed: 0 errors, 1 warning"));
}

#[test]
fn new_portals_come_with_ci_workflows_that_run_the_guides_commands() {
    let dir = tempfile::tempdir().unwrap();
    let portal = dir.path().join("p");
    assert!(
        ipportal(&["new", portal.to_str().unwrap()])
            .status
            .success()
    );
    // The user guide's publishing chapter, in both languages, documents what the workflows run.
    let guide: Vec<String> = ["publishing.md", "publishing.en.md"]
        .iter()
        .map(|file| {
            let path = format!("{}/docs/content/guide/{file}", env!("CARGO_MANIFEST_DIR"));
            std::fs::read_to_string(path).unwrap()
        })
        .collect();
    for (file, commands) in [
        (
            ".github/workflows/portal.yml",
            [
                "ipportal check --format github",
                "ipportal build --minify --base-url",
            ],
        ),
        (
            ".gitlab-ci.yml",
            ["ipportal check", "ipportal build --minify --base-url"],
        ),
    ] {
        let text = std::fs::read_to_string(portal.join(file)).unwrap();
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(yaml.is_mapping(), "{file}");
        for command in commands {
            assert!(text.contains(command), "{file} runs `{command}`");
            for chapter in &guide {
                assert!(
                    chapter.contains(command),
                    "the publishing chapter documents `{command}`"
                );
            }
        }
    }
    let script = portal.join("publish.sh");
    let text = std::fs::read_to_string(&script).unwrap();
    assert!(text.contains("rsync -az --delete public/"));
    let status = Command::new("sh").arg("-n").arg(&script).status().unwrap();
    assert!(status.success(), "publish.sh is valid shell");
}

/// Pages per (type, language) of a portal, read from its files: the language from the file name
/// (`x.en.md` is English), the type from the nearest `_index.md` above with a `type:` line (the
/// pages of a course are lessons); drafts are left out.
fn pages_by_type_and_language(root: &Path) -> BTreeMap<(String, String), usize> {
    let content = root.join("content");
    let mut counts = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&content) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_str().unwrap().to_owned();
        let text = match name.ends_with(".md") && !name.starts_with("_index") {
            true => std::fs::read_to_string(entry.path()).unwrap(),
            false => continue,
        };
        if text.contains("\ndraft: true\n") {
            continue;
        }
        let lang = if name.ends_with(".en.md") { "en" } else { "zh" };
        let section_type = entry
            .path()
            .ancestors()
            .skip(1)
            .take_while(|dir| dir.starts_with(&content))
            .filter_map(|dir| std::fs::read_to_string(dir.join("_index.md")).ok())
            .find_map(|index| {
                index
                    .lines()
                    .find_map(|l| l.strip_prefix("type: ").map(str::to_owned))
            })
            .expect("every page is in a typed section");
        let page_type = match section_type.as_str() {
            "course" => "lesson".to_owned(),
            other => other.to_owned(),
        };
        *counts.entry((page_type, lang.to_owned())).or_default() += 1;
    }
    counts
}

/// The summary's page table (after the one-line summary) as (type, language) → pages.
fn printed_page_table(stdout: &str) -> BTreeMap<(String, String), usize> {
    let mut lines = stdout.lines().skip(1);
    let header: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(header[0], "type", "{stdout}");
    let mut table = BTreeMap::new();
    for line in lines.take_while(|l| !l.trim_start().starts_with("stages:")) {
        let cells: Vec<&str> = line.split_whitespace().collect();
        for (lang, pages) in header[1..].iter().zip(&cells[1..]) {
            let pages: usize = pages.parse().unwrap();
            if pages > 0 {
                table.insert((cells[0].to_owned(), lang.to_string()), pages);
            }
        }
    }
    table
}

/// `48.3 kB` → (48.3, 1000).
fn parse_size(text: &str) -> (f64, f64) {
    let (value, unit) = text.trim().split_once(' ').expect("a value and a unit");
    let unit = match unit {
        "B" => 1.0,
        "kB" => 1e3,
        "MB" => 1e6,
        "GB" => 1e9,
        other => panic!("unknown unit {other}"),
    };
    (value.parse().unwrap(), unit)
}

#[test]
fn build_summary_shows_pages_per_language_and_type_stages_and_output_size() {
    let site = Site::fixture("bilingual");
    let out = ipportal(&["build", "--root", site.root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.lines().count() <= 10, "a short summary:\n{stdout}");

    let expected = pages_by_type_and_language(&site.root);
    assert_eq!(printed_page_table(&stdout), expected, "{stdout}");
    let total: usize = expected.values().sum();
    assert!(
        stdout.starts_with(&format!("Built {total} pages,")),
        "{stdout}"
    );

    let stages = stdout.lines().find(|l| l.contains("stages:")).unwrap();
    for stage in ["load", "markdown", "write", "search", "commit"] {
        assert!(stages.contains(&format!("{stage} ")), "{stages}");
    }

    let output = stdout.lines().find(|l| l.contains("output:")).unwrap();
    let (files, size) = output
        .split_once("output: ")
        .unwrap()
        .1
        .split_once(" files, ")
        .unwrap();
    let (actual_files, actual_bytes) = common::folder_size(&site.root.join("public"));
    assert_eq!(files.parse::<usize>().unwrap(), actual_files);
    let (value, unit) = parse_size(size);
    // One decimal is shown: the printed size is the real one rounded to a tenth of its unit.
    let difference = (value * unit - actual_bytes as f64).abs();
    assert!(
        difference <= unit * 0.05 + 0.5,
        "{output} vs {actual_bytes} bytes"
    );
}

#[test]
fn quiet_builds_print_nothing_unless_they_fail() {
    let site = Site::fixture("bilingual");
    let root = site.root.to_str().unwrap();
    let out = ipportal(&["build", "--quiet", "--root", root]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(text(&out.stderr), "", "not even the fixture's one warning");
    assert!(site.exists("index.html"));

    site.write("content/guides/bad.md", "---\ntitle: x\nsumary: s\n---\n");
    let failed = ipportal(&["build", "-q", "--root", root]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(text(&failed.stderr).contains("unknown page field `sumary`"));
}

/// Runs `ipportal args` on a pseudo-terminal (with `script`), the progress bar shown at once;
/// returns everything the terminal received.
fn on_a_terminal(args: &[&str], ci: bool) -> String {
    let command = std::iter::once(env!("CARGO_BIN_EXE_ipportal"))
        .chain(args.iter().copied())
        .map(|arg| format!("'{arg}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut script = Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .env("IPPORTAL_PROGRESS_DELAY_MS", "0")
        .env_remove("CI")
        .stdin(std::process::Stdio::null());
    if ci {
        script.env("CI", "true");
    }
    let out = script.output().expect("`script` (util-linux) runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn the_progress_bar_is_drawn_on_a_terminal_only_and_never_in_ci() {
    let site = Site::fixture("bilingual");
    let root = site.root.to_str().unwrap();
    let pages: usize = pages_by_type_and_language(&site.root).values().sum();
    let shown = on_a_terminal(&["build", "--root", root], false);
    assert!(shown.contains(&format!("/{pages} pages")), "{shown:?}");
    assert!(shown.contains('\x1b'), "{shown:?}");

    let in_ci = on_a_terminal(&["build", "--root", root], true);
    assert!(in_ci.contains(&format!("Built {pages} pages")), "{in_ci:?}");
    assert!(!in_ci.contains('\x1b'), "{in_ci:?}");
    let quiet = on_a_terminal(&["build", "--quiet", "--root", root], false);
    assert_eq!(quiet, "");

    // Pipes are no terminal: nothing but the summary, even with the bar due at once.
    let piped = Command::new(env!("CARGO_BIN_EXE_ipportal"))
        .args(["build", "--root", root])
        .env("IPPORTAL_PROGRESS_DELAY_MS", "0")
        .env_remove("CI")
        .output()
        .unwrap();
    for stream in [&piped.stdout, &piped.stderr] {
        let stream = text(stream);
        assert!(
            !stream.contains('\x1b') && !stream.contains('\r'),
            "{stream:?}"
        );
    }
}
