//! The `ipportal` command as a user runs it: exit codes, messages, `check --format json`, `new`.

mod common;

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
        stdout.contains("::error file=content/guides/bad.md,line=4,col=1::field `weight` must be a whole number, found the text `heavy`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("::warning file=content/guides/zh-only.md::page has no translation in en")
    );

    site.remove("content/guides/bad.md");
    assert_eq!(ipportal(&["check", "--root", root]).status.code(), Some(0));
    let strict = ipportal(&["check", "--root", root, "--deny-warnings"]);
    assert_eq!(strict.status.code(), Some(1), "one warning, denied");
    assert!(text(&strict.stdout).contains("Failed: 0 errors, 1 warning"));
}

#[test]
fn new_portals_come_with_ci_workflows_that_run_the_readme_commands() {
    let dir = tempfile::tempdir().unwrap();
    let portal = dir.path().join("p");
    assert!(
        ipportal(&["new", portal.to_str().unwrap()])
            .status
            .success()
    );
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for (file, commands) in [
        (
            ".github/workflows/portal.yml",
            [
                "ipportal check --format github",
                "ipportal build --base-url",
            ],
        ),
        (
            ".gitlab-ci.yml",
            ["ipportal check", "ipportal build --base-url"],
        ),
    ] {
        let text = std::fs::read_to_string(portal.join(file)).unwrap();
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(yaml.is_mapping(), "{file}");
        for command in commands {
            assert!(text.contains(command), "{file} runs `{command}`");
            assert!(readme.contains(command), "the README documents `{command}`");
        }
    }
    let script = portal.join("publish.sh");
    let text = std::fs::read_to_string(&script).unwrap();
    assert!(text.contains("rsync -az --delete public/"));
    let status = Command::new("sh").arg("-n").arg(&script).status().unwrap();
    assert!(status.success(), "publish.sh is valid shell");
}
