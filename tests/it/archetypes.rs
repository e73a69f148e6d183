//! `ipportal new <type> PATH`: each type's page and translations written from its archetype,
//! filled in as an editor would, then checked and built; the portal's own archetypes; and the
//! refusals (an existing file, an unknown type, a PATH outside content/, a lesson outside a
//! course).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::Site;

fn ipportal(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ipportal"))
        .args(args)
        .args(["--root", root.to_str().unwrap()])
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A new portal (`ipportal new DIR`) in a temporary folder.
fn scaffolded() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("portal");
    ipportal::scaffold::create(&root).unwrap();
    (dir, root)
}

/// `ipportal new <type> <path> <extra>` in `root`, which must succeed; returns the files it
/// says it created.
fn new_page(root: &Path, type_name: &str, path: &str, extra: &[&str]) -> Vec<PathBuf> {
    let mut args = vec!["new", type_name, path];
    args.extend(extra);
    let out = ipportal(root, &args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("Created "))
        .map(|p| root.join(p))
        .collect()
}

/// Fills what an editor fills in: an empty title, and each required field left empty (a
/// vocabulary's with the first key its comment lists).
fn fill_placeholders(file: &Path) {
    let source = std::fs::read_to_string(file).unwrap();
    let name = file.strip_prefix(file.ancestors().nth(3).unwrap()).unwrap();
    let first_key = |vocabulary: &str| {
        let listed = format!("#   {vocabulary} (");
        let line = source.lines().find(|l| l.starts_with(&listed)).unwrap();
        let keys = line.rsplit_once("): ").unwrap().1;
        keys.split(", ").next().unwrap().to_string()
    };
    let mut filled = Vec::new();
    for line in source.lines() {
        let required = line.contains("  # 必填") || line.contains("  # required");
        let field = line.split(':').next().unwrap();
        filled.push(if line == "title:" {
            format!("title: Title of {}", name.display())
        } else if required && line.starts_with(&format!("{field}: []")) {
            format!("{field}: [{}]", first_key(field))
        } else if required && field == "weight" {
            "weight: 2".to_string()
        } else if required && line.starts_with(&format!("{field}:  #")) {
            format!("{field}: Filled in {field}")
        } else {
            line.to_string()
        });
    }
    std::fs::write(file, filled.join("\n") + "\n").unwrap();
}

/// Every type's page, in a portal made by `ipportal new DIR`: what `new` writes names the
/// required fields, lists the vocabularies and fails `check` until filled in; filled in, it passes
/// `check --deny-warnings` and is built, in both languages.
#[test]
fn every_type_builds_and_passes_check_once_filled_in() {
    let (_dir, root) = scaffolded();
    let pages = [
        ("guide", "content/guides/pct-route.md", "guides/pct-route"),
        ("course", "content/courses/analysis", "courses/analysis"),
        (
            "lesson",
            "content/courses/analysis/indicators.md",
            "courses/analysis/indicators",
        ),
        ("case", "content/cases/licensing.md", "cases/licensing"),
        ("brief", "content/briefs/batteries", "briefs/batteries"),
        ("page", "content/contact.md", "contact"),
    ];
    let mut written = Vec::new();
    for (type_name, path, _) in pages {
        written.extend(new_page(&root, type_name, path, &["--title", "新的页面"]));
    }
    let names: Vec<String> = written
        .iter()
        .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "content/guides/pct-route.md",
            "content/guides/pct-route.en.md",
            "content/courses/analysis/_index.md",
            "content/courses/analysis/_index.en.md",
            "content/courses/analysis/indicators.md",
            "content/courses/analysis/indicators.en.md",
            "content/cases/licensing.md",
            "content/cases/licensing.en.md",
            "content/briefs/batteries/index.md",
            "content/briefs/batteries/index.en.md",
            "content/briefs/batteries/data.yaml",
            "content/contact.md",
            "content/contact.en.md",
        ]
    );
    let guide = std::fs::read_to_string(&written[0]).unwrap();
    assert!(
        guide.starts_with("---\ntitle: \"新的页面\"\ndate: "),
        "{guide}"
    );
    assert!(guide.contains("\nsummary:  # 必填："), "{guide}");
    assert!(
        guide.contains("#   audiences (服务对象): faculty, students, enterprises"),
        "{guide}"
    );
    let brief_en = std::fs::read_to_string(&written[9]).unwrap();
    assert!(
        brief_en.contains("\ntitle:\n"),
        "the stub's title is left to fill in"
    );
    assert!(
        brief_en.contains("\ndisciplines: []  # required"),
        "{brief_en}"
    );

    let (code, stdout, _) = check(&root);
    assert_eq!(code, Some(1), "empty fields are errors until filled in");
    for missing in [
        "missing required field `summary`",
        "missing required field `disciplines`",
        "missing required field `weight`",
        "field `title` must be text",
    ] {
        assert!(stdout.contains(missing), "{missing}: {stdout}");
    }

    for file in written.iter().filter(|p| p.extension().unwrap() == "md") {
        fill_placeholders(file);
    }
    // A page outside a section is shown by a link, as an editor would add one.
    for (home, link) in [
        ("content/_index.md", "[联系我们](@/contact.md)"),
        ("content/_index.en.md", "[Contact](@/contact.md)"),
    ] {
        let home = root.join(home);
        let before = std::fs::read_to_string(&home).unwrap();
        std::fs::write(&home, format!("{before}\n{link}\n")).unwrap();
    }

    let (code, stdout, stderr) = check(&root);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("OK: 0 errors, 0 warnings"), "{stdout}");
    let build = ipportal(&root, &["build"]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    for (type_name, _, url) in pages {
        let zh = std::fs::read_to_string(root.join("public").join(url).join("index.html"))
            .unwrap_or_else(|e| panic!("{type_name}: {url}: {e}"));
        assert!(zh.contains("新的页面"), "{type_name}: {url}");
        let en = root.join("public/en").join(url).join("index.html");
        assert!(
            std::fs::read_to_string(&en).unwrap().contains("Title of"),
            "{type_name}: {}",
            en.display()
        );
    }
}

fn check(root: &Path) -> (Option<i32>, String, String) {
    let out = ipportal(root, &["check", "--deny-warnings"]);
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

/// On the bundled portal, whose types require more (a case its `services`): what `new` writes
/// draws no finding once filled in.
#[test]
fn the_bundled_portals_types_are_written_with_their_required_fields() {
    let site = Site::copy_of(Path::new(env!("CARGO_MANIFEST_DIR")));
    let written = new_page(&site.root, "case", "content/cases/new-case.md", &[]);
    let case = std::fs::read_to_string(&written[0]).unwrap();
    assert!(case.contains("\nservices: []  # 必填"), "{case}");
    assert!(case.contains("#   stages (科研阶段): "), "{case}");
    written.iter().for_each(|f| fill_placeholders(f));
    let (_, stdout, _) = site.check(&[]);
    assert!(!stdout.contains("new-case"), "{stdout}");
    assert!(site.root.join("content/cases/new-case.en.md").exists());
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let (_dir, root) = scaffolded();
    let english = root.join("content/guides/pct-route.en.md");
    std::fs::write(&english, "mine").unwrap();
    let out = ipportal(
        &root,
        &[
            "new",
            "guide",
            "content/guides/pct-route.md",
            "--title",
            "x",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("new/exists"), "{stderr}");
    assert!(
        stderr.contains("content/guides/pct-route.en.md already exists"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&english).unwrap(), "mine");
    assert!(
        !root.join("content/guides/pct-route.md").exists(),
        "nothing is written when one file exists"
    );

    // `x.zh.md` is the default language's page too.
    std::fs::write(root.join("content/cases/visit.zh.md"), "mine").unwrap();
    let out = ipportal(&root, &["new", "case", "content/cases/visit.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("content/cases/visit.zh.md already exists"));
    assert!(!root.join("content/cases/visit.en.md").exists());

    let data = root.join("content/briefs/civil-engineering/data.yaml");
    let before = std::fs::read(&data).unwrap();
    let out = ipportal(&root, &["new", "brief", "content/briefs/civil-engineering"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("content/briefs/civil-engineering/data.yaml already exists")
    );
    assert_eq!(std::fs::read(&data).unwrap(), before);
}

#[test]
fn a_portals_archetype_replaces_the_built_in_one() {
    let (_dir, root) = scaffolded();
    let archetypes = root.join("archetypes");
    std::fs::create_dir_all(&archetypes).unwrap();
    std::fs::write(
        archetypes.join("guide.md"),
        "---\ntitle: {{title}}\ndate: {{date}}\nsummary: 本中心的指南：{{slug}}\n{{required}}\nkind: how-to\n---\n\n本中心的指南模板（{{lang}}）。{{< figure src=\"x.png\" >}}\n",
    )
    .unwrap();
    std::fs::write(
        archetypes.join("guide.en.md"),
        "---\ntitle: {{title}}\nsummary: Our guide\n---\n\nOur own English guide.\n",
    )
    .unwrap();
    let written = new_page(
        &root,
        "guide",
        "content/guides/fto.md",
        &["--title", "自由实施调查"],
    );
    let zh = std::fs::read_to_string(&written[0]).unwrap();
    let en = std::fs::read_to_string(&written[1]).unwrap();
    assert!(
        zh.starts_with("---\ntitle: \"自由实施调查\"\ndate: 20"),
        "{zh}"
    );
    assert!(
        zh.contains("\nsummary: 本中心的指南：fto\nkind: how-to\n---\n"),
        "the archetype writes summary itself: {zh}"
    );
    assert!(
        zh.contains("本中心的指南模板（zh）。{{< figure src=\"x.png\" >}}"),
        "{zh}"
    );
    assert_eq!(
        en,
        "---\ntitle:\nsummary: Our guide\n---\n\nOur own English guide.\n"
    );

    // A portal's archetype makes a type of its own; a wrong placeholder names its line.
    std::fs::write(
        archetypes.join("notice.md"),
        "---\ntitle: {{title}}\n\n{{author}}\n---\n",
    )
    .unwrap();
    let out = ipportal(&root, &["new", "notice", "content/notice.md"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("unknown placeholder `{{author}}`"),
        "{stderr}"
    );
    assert!(stderr.contains("archetypes/notice.md:4:1"), "{stderr}");
    assert!(!root.join("content/notice.md").exists());
}

#[test]
fn an_unknown_type_lists_the_known_ones() {
    let (_dir, root) = scaffolded();
    let out = ipportal(&root, &["new", "report", "content/guides/x.md"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "unknown content type `report`: expected one of brief, case, course, guide, lesson, page"
        ),
        "{stderr}"
    );
    let out = ipportal(
        &root,
        &["new", "guide", "content/guides/x.md", "--lang", "fr"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("`fr` is not a language of the portal"));
}

#[test]
fn a_path_outside_content_is_refused() {
    let (_dir, root) = scaffolded();
    let outside = root.parent().unwrap().join("x.md");
    for path in [
        "guides/x.md",
        "content/../site.md",
        "content",
        outside.to_str().unwrap(),
    ] {
        let out = ipportal(&root, &["new", "guide", path]);
        assert_eq!(out.status.code(), Some(1), "{path}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("is not inside content/"),
            "{path}: {stderr}"
        );
    }
    assert!(!outside.exists() && !root.join("site.md").exists());
}

#[test]
fn a_lesson_goes_inside_a_course() {
    let (_dir, root) = scaffolded();
    let out = ipportal(&root, &["new", "lesson", "content/guides/lesson-1.md"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("a lesson goes inside a course"), "{stderr}");
    assert!(
        stderr.contains("ipportal new course content/guides"),
        "{stderr}"
    );
    // Options that belong to a new page need its PATH.
    let out = Command::new(env!("CARGO_BIN_EXE_ipportal"))
        .args(["new", "portal-dir", "--title", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
