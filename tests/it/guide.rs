//! The user guide in `docs/`, a second real portal: it builds, passes `check --deny-warnings`,
//! and has every chapter of its sidebar (`[[extra.parts]]` in `docs/site.toml`) in both
//! languages, each page marking itself in the sidebar and linking its neighbours.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use common::Site;

/// A copy of `docs/`, built.
fn guide() -> Site {
    let site = Site::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs"));
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
    site
}

/// A chapter as the sidebar lists it: its path under a language's home and its titles.
struct Chapter {
    path: String,
    zh: String,
    en: String,
}

/// The chapters of `[[extra.parts]]`, in reading order.
fn chapters(site: &Site) -> Vec<Chapter> {
    let text = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    let config: toml::Table = toml::from_str(&text).unwrap();
    let text_of = |value: &toml::Value, key: &str| value[key].as_str().unwrap().to_string();
    config["extra"]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|part| part["chapters"].as_array().unwrap().iter())
        .map(|c| Chapter {
            path: text_of(c, "path"),
            zh: text_of(c, "zh"),
            en: text_of(c, "en"),
        })
        .collect()
}

#[test]
fn the_guide_passes_check_with_warnings_denied() {
    let site = guide();
    let (code, stdout, stderr) = site.check(&["--deny-warnings"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("OK: 0 errors, 0 warnings"), "{stdout}");
}

#[test]
fn every_chapter_exists_in_both_languages_and_knows_its_place() {
    let site = guide();
    let chapters = chapters(&site);
    assert!(chapters.len() >= 19, "only {} chapters", chapters.len());
    for (lang, prefix) in [("zh", ""), ("en", "en/")] {
        for (i, chapter) in chapters.iter().enumerate() {
            let file = format!("{prefix}{}index.html", chapter.path);
            let html = site.read(&file);
            let title = if lang == "zh" {
                &chapter.zh
            } else {
                &chapter.en
            };
            assert!(
                html.contains(&format!("<h1 class=\"page-title\">{title}</h1>")),
                "{file}: the sidebar calls it `{title}`, the page does not"
            );
            let own = format!(
                "href=\"/docs/{prefix}{}\" aria-current=\"page\"",
                chapter.path
            );
            assert!(html.contains(&own), "{file} is not current in its sidebar");
            assert_eq!(html.contains("rel=\"prev\""), i > 0, "{file}: previous");
            assert_eq!(
                html.contains("rel=\"next\""),
                i + 1 < chapters.len(),
                "{file}: next"
            );
        }
    }
}

#[test]
fn the_sidebar_lists_every_page_of_the_guide() {
    let site = guide();
    let listed: BTreeSet<String> = chapters(&site).into_iter().map(|c| c.path).collect();
    let mut built = BTreeSet::new();
    for part in ["guide", "reference"] {
        for entry in walkdir::WalkDir::new(site.root.join("public").join(part)).min_depth(2) {
            let entry = entry.unwrap();
            if entry.file_name() == "index.html"
                && !entry.path().to_string_lossy().contains("/page/")
            {
                let folder = entry.path().parent().unwrap();
                let relative = folder.strip_prefix(site.root.join("public")).unwrap();
                built.insert(format!("{}/", relative.to_string_lossy()));
            }
        }
    }
    assert_eq!(built, listed, "pages built vs. chapters in the sidebar");
}

#[test]
fn the_first_steps_are_there_in_both_languages() {
    let site = guide();
    let zh = site.read("guide/first-portal/index.html");
    assert!(zh.contains("<html lang=\"zh\""));
    // What `ipportal new` answers, as the reader will see it (a `text` block, not highlighted).
    assert!(zh.contains("已在 ipis-portal 新建门户（共 26 个文件）"));
    assert!(zh.contains("在终端中输入"));
    let en = site.read("en/guide/first-portal/index.html");
    assert!(en.contains("<html lang=\"en\""));
    assert!(en.contains("Step 1: open a terminal"));
    // The shortcodes chapter shows each shortcode working, its figure and download beside it.
    for prefix in ["", "en/"] {
        for file in ["workflow.svg", "page-template.txt"] {
            assert!(
                site.exists(&format!("{prefix}guide/shortcodes/{file}")),
                "{prefix} {file}"
            );
        }
    }
    assert!(
        site.read("en/guide/shortcodes/index.html")
            .contains("patent family")
    );
    // Searchable in both languages.
    assert!(site.exists("search/index.html") && site.exists("en/search/index.html"));
}
