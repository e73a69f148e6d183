//! A new user follows the guide word by word: the examples of its chapters, copied as they are
//! into a portal made by `ipportal new`, pass `check`, and what the guide says the tool prints is
//! what it prints.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The guide's chapter `name` (`content.md`, `briefs.en.md` …).
fn chapter(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content/guide");
    std::fs::read_to_string(path.join(name)).unwrap()
}

/// The code blocks of `text` fenced as ```` ```lang ````, indentation removed, in order.
fn code_blocks(text: &str, lang: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        match &mut open {
            Some((at, _)) if trimmed == "```" && indent == *at => {
                blocks.push(open.take().unwrap().1);
            }
            Some((at, block)) => {
                block.push_str(line.get(*at..).unwrap_or(""));
                block.push('\n');
            }
            None if trimmed == format!("```{lang}") => open = Some((indent, String::new())),
            None => {}
        }
    }
    blocks
}

/// `ipportal <args>` run in `dir`, as a reader types it; returns the exit code, stdout, stderr.
fn ipportal(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    ipportal_in(dir, "C", args)
}

/// `ipportal <args>` under the locale `lang` (`LANG`), which chooses the messages' language.
fn ipportal_in(dir: &Path, lang: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ipportal"))
        .current_dir(dir)
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .expect("the binary runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

/// A portal made by `ipportal new ipis-portal`, as the first steps make it.
fn new_portal() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = ipportal(dir.path(), &["new", "ipis-portal"]);
    assert_eq!(code, Some(0), "{stderr}");
    let root = dir.path().join("ipis-portal");
    (dir, root)
}

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A duration the tool measures, as the guide cannot know it: `in 77 ms`, `in 0.10 s` and
/// `，用时 0.10 秒`.
fn without_time(line: &str) -> String {
    if let Some(at) = line.rfind("，用时") {
        return line[..at].to_string();
    }
    let mut words: Vec<&str> = line.split(' ').collect();
    if let Some(i) = words.iter().rposition(|w| *w == "in") {
        words.truncate(i);
    }
    words.join(" ")
}

/// The number of files a summary line gives: `(99 files)` or `（99 个文件）`.
fn files_of(line: &str) -> String {
    let at = line.rfind(['(', '（']).unwrap();
    let after = line[at..].trim_start_matches(['(', '（']);
    after.chars().take_while(char::is_ascii_digit).collect()
}

/// Each first-steps chapter, the locale its reader has, and how its build summary starts.
const FIRST_STEPS: [(&str, &str, &str); 2] = [
    ("first-portal.md", "zh_CN.UTF-8", "生成完成：8 个页面"),
    ("first-portal.en.md", "C", "Built 8 pages, "),
];

#[test]
fn the_first_steps_print_what_the_guide_shows() {
    for (name, lang, summary) in FIRST_STEPS {
        let ipportal = |dir: &Path, args: &[&str]| ipportal_in(dir, lang, args);
        let guide = chapter(name);
        let blocks = code_blocks(&guide, "text");
        let (dir, root) = new_portal();
        let (_, created, _) = ipportal(dir.path(), &["new", "ipis-portal-2"]);
        assert_eq!(
            blocks[0].replace("ipis-portal", "ipis-portal-2"),
            created,
            "{name}"
        );
        let (code, built, stderr) = ipportal(&root, &["build"]);
        assert_eq!(code, Some(0), "{stderr}");
        let built = without_time(built.lines().next().unwrap());
        let shown = blocks.iter().find(|b| b.starts_with(summary)).unwrap();
        assert_eq!(without_time(shown.trim_end()), built, "{name}: build");
        // The preview builds the same files into memory as `build` writes (drafts aside: none).
        let files = files_of(&built);
        let serving = blocks.iter().find(|b| b.contains("into memory")).unwrap();
        assert!(
            serving.contains(&format!("({files} files) in ")),
            "{name}: {serving}"
        );
        let (code, checked, _) = ipportal(&root, &["check"]);
        assert_eq!(code, Some(0));
        assert!(blocks.contains(&checked), "{name}: check printed {checked}");
    }
}

/// Where each example of the content chapter goes, in the chapter's order (`None`: a section's
/// `_index.md`, shown for its fields, whose section the new portal already has).
const CONTENT_EXAMPLES: &[Option<&str>] = &[
    Some("content/guides/claims"),
    None,
    Some("content/guides/pct-route"),
    Some("content/courses/patent-search-101/_index"),
    Some("content/courses/patent-search-101/query"),
    Some("content/cases/bridge"),
    Some("content/briefs/wastewater/index"),
    Some("content/contact"),
];

#[test]
fn the_content_chapters_examples_pass_check_in_a_new_portal() {
    let (_dir, root) = new_portal();
    for (name, suffix) in [("content.md", ".md"), ("content.en.md", ".en.md")] {
        let blocks: Vec<String> = code_blocks(&chapter(name), "markdown")
            .into_iter()
            .filter(|b| b.starts_with("---\n"))
            .collect();
        assert_eq!(blocks.len(), CONTENT_EXAMPLES.len(), "{name}: examples");
        for (block, path) in blocks.iter().zip(CONTENT_EXAMPLES) {
            if let Some(path) = path {
                write(&root, &format!("{path}{suffix}"), block);
            }
        }
    }
    // The brief's data file, as `ipportal new brief` writes it beside its pages.
    let skeleton = root.join("content/briefs/civil-engineering/data.yaml");
    let data = std::fs::read_to_string(skeleton).unwrap();
    write(&root, "content/briefs/wastewater/data.yaml", &data);
    let (code, stdout, stderr) = ipportal(&root, &["check"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    // The only finding is the one the chapter announces: a page nothing links to.
    assert!(stdout.contains("warning[page/orphan]"), "{stdout}");
    assert!(
        stdout.ends_with("OK: 0 errors, 2 warnings in 2 files\n"),
        "{stdout}"
    );
}

#[test]
fn the_worked_brief_example_checks_and_counts_as_the_guide_shows() {
    let (_dir, root) = new_portal();
    let folder = "content/briefs/green-concrete";
    let mut shown = Vec::new();
    let mut aliases = Vec::new();
    // Step 2 writes the page in the chapter's language and its translation: the other chapter's.
    for (name, page) in [("briefs.md", "index.md"), ("briefs.en.md", "index.en.md")] {
        let guide = chapter(name);
        let example = &guide[guide.find("{#worked-example}").unwrap()..];
        write(
            &root,
            &format!("{folder}/export.csv"),
            &code_blocks(example, "csv")[0],
        );
        write(
            &root,
            &format!("{folder}/{page}"),
            &code_blocks(example, "markdown")[0],
        );
        shown.push((name, code_blocks(example, "text")[0].clone()));
        let yaml = code_blocks(example, "yaml");
        aliases.push(yaml.into_iter().find(|b| b.contains("variants:")).unwrap());
    }
    let (code, stdout, _) = ipportal(&root, &["check"]);
    assert_eq!(code, Some(0), "{stdout}");
    for (name, text) in shown {
        assert_eq!(stdout, text, "{name}: step 3");
    }
    assert_eq!(aliases[0], aliases[1], "step 5");
    write(&root, "data/applicants.yaml", &aliases[0]);
    let (code, _, stderr) = ipportal(&root, &["build"]);
    assert_eq!(code, Some(0), "{stderr}");
    for (prefix, merged) in [
        ("", "示例建材有限公司"),
        ("en/", "Example Building Materials Co., Ltd."),
    ] {
        let page = format!("public/{prefix}briefs/green-concrete/index.html");
        let html = std::fs::read_to_string(root.join(&page)).unwrap();
        let row = format!("<th scope=\"row\">{merged}</th><td class=\"num\">2</td>");
        assert!(
            html.contains(&row),
            "{page}: the applicant's two names are not one"
        );
    }
}
