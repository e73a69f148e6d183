//! Building the bilingual fixture portal: every rendering feature, checked in the output HTML.
//! The fixture uses its own minimal theme (`tests/fixtures/bilingual/themes/mini`) so these tests
//! see exactly what the engine gives templates.

use crate::common;

use common::Site;
use std::path::{Path, PathBuf};

fn built() -> Site {
    let site = Site::fixture("bilingual");
    site.build_ok();
    site
}

#[test]
fn pages_get_pretty_urls_in_both_languages() {
    let site = built();
    for path in [
        "index.html",
        "en/index.html",
        "guides/patent-search/index.html",
        "en/guides/patent-search/index.html",
        "courses/intro/lesson-1/index.html",
        "en/courses/intro/lesson-1/index.html",
        "briefs/civil/index.html",
    ] {
        assert!(site.exists(path), "missing {path}");
    }
    assert!(site.read("index.html").contains("<html lang=\"zh\">"));
    assert!(
        site.read("en/guides/patent-search/index.html")
            .contains("<html lang=\"en\">")
    );
}

#[test]
fn every_url_carries_the_base_path() {
    let site = built();
    let html = site.read("guides/patent-search/index.html");
    assert!(html.contains("href=\"/ipis/css/site."), "{html}");
    assert!(html.contains("<a href=\"/ipis/guides/\">实务指南</a>"));
    // A root-relative link written in Markdown gets the base path too.
    let en = site.read("en/guides/patent-search/index.html");
    assert!(en.contains("href=\"/ipis/en/guides/\""), "{en}");
    assert!(!en.contains("href=\"/en/"), "{en}");
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>https://lib.example.edu.cn/ipis/guides/patent-search/</loc>")
    );
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://lib.example.edu.cn/ipis/sitemap.xml")
    );
}

#[test]
fn base_url_can_be_replaced_on_the_command_line() {
    let site = Site::fixture("bilingual");
    let options = ipportal::BuildOptions {
        base_url: Some("http://localhost:8000".into()),
        ..site.options()
    };
    ipportal::build(&options).unwrap();
    let html = site.read("guides/patent-search/index.html");
    assert!(html.contains("href=\"/guides/\""), "{html}");
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>http://localhost:8000/guides/</loc>")
    );
}

#[test]
fn translations_are_linked_with_hreflang_and_a_switcher() {
    let site = built();
    let zh = site.read("guides/patent-search/index.html");
    assert!(
        zh.contains(
            "<link rel=\"alternate\" hreflang=\"en\" href=\"/ipis/en/guides/patent-search/\">"
        ),
        "{zh}"
    );
    assert!(zh.contains(
        "<a href=\"/ipis/en/guides/patent-search/\" data-translated=\"true\">English</a>"
    ));
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://lib.example.edu.cn/ipis/en/guides/patent-search/\"/>"
    ));
}

#[test]
fn untranslated_page_switches_to_the_other_home_with_a_notice() {
    let site = Site::fixture("bilingual");
    let report = site.build_ok();
    let html = site.read("guides/zh-only/index.html");
    assert!(html.contains("<a href=\"/ipis/en/\" data-translated=\"false\">English</a><span class=\"notice\">本页暂无该语言版本</span>"), "{html}");
    let warning = common::find(&report.warnings, "no translation in en");
    assert_eq!(
        warning.file.as_deref(),
        Some(std::path::Path::new("content/guides/zh-only.md"))
    );
}

#[test]
fn dates_are_formatted_per_language() {
    let site = built();
    assert!(
        site.read("guides/patent-search/index.html")
            .contains("2025年3月1日")
    );
    assert!(
        site.read("en/guides/patent-search/index.html")
            .contains("1 March 2025")
    );
}

#[test]
fn headings_get_readable_unique_ids_and_a_nested_toc() {
    let site = built();
    let html = site.read("guides/patent-search/index.html");
    assert!(html.contains("<h2 id=\"检索式的构建\">"));
    assert!(html.contains("<h2 id=\"检索式的构建-1\">"));
    assert!(html.contains("<h3 id=\"step-2-build-the-query\">"));
    assert!(html.contains(
        "<nav class=\"toc\"><a href=\"#检索式的构建\">检索式的构建</a><a class=\"child\" href=\"#step-2-build-the-query\">Step 2: Build the query</a><a href=\"#检索式的构建-1\">"
    ), "{html}");
}

#[test]
fn markdown_extensions_render() {
    let html = built().read("guides/patent-search/index.html");
    assert!(html.contains("<table>"));
    assert!(html.contains("<del>旧方法</del>"));
    // Each task's checkbox is labelled by its text.
    assert!(
        html.contains(
            "<label class=\"task-item\"><input type=\"checkbox\" disabled checked> 已完成</label>"
        ),
        "{html}"
    );
    assert!(
        html.contains(
            "<label class=\"task-item\"><input type=\"checkbox\" disabled> 未完成</label>"
        )
    );
    assert!(html.contains("class=\"footnote-definition\""));
}

#[test]
fn code_is_highlighted_with_classes_and_a_generated_stylesheet() {
    let site = built();
    let html = site.read("guides/patent-search/index.html");
    assert!(html.contains("<pre class=\"code\" data-lang=\"python\" tabindex=\"0\">"));
    assert!(
        html.contains("<span class=\"hl-storage hl-type hl-function hl-python\">def</span>"),
        "{html}"
    );
    assert!(!html.contains("style=\""));
    let css = site.read(&site.fingerprinted("css/syntax.css").expect("syntax.css"));
    assert!(css.contains(".hl-storage"));
    assert!(css.contains("prefers-color-scheme: dark"));
}

#[test]
fn internal_links_resolve_in_the_linking_pages_language() {
    let site = built();
    let zh = site.read("guides/patent-search/index.html");
    assert!(zh.contains("href=\"/ipis/guides/reading-claims/#%E6%9D%83%E5%88%A9%E8%A6%81%E6%B1%82%E7%9A%84%E7%BB%93%E6%9E%84\""), "{zh}");
    assert!(zh.contains("href=\"/ipis/courses/intro/\""));
    let en = site.read("en/guides/patent-search/index.html");
    assert!(
        en.contains("href=\"/ipis/en/guides/reading-claims/\""),
        "{en}"
    );
    // `.zh.md` names the Chinese file explicitly.
    assert!(en.contains("href=\"/ipis/guides/patent-search/#"));
}

#[test]
fn summaries_follow_more_then_field_then_first_paragraph() {
    let site = built();
    let list = site.read("guides/index.html");
    // `<!-- more -->` wins over the summary field.
    assert!(
        list.contains("<div class=\"summary\"><p>开篇段落，介绍检索。</p>"),
        "{list}"
    );
    let zh_only = site.read("guides/zh-only/index.html");
    assert!(zh_only.contains("<div class=\"summary\"><p>中文讲座。</p>"));
    let en = site.read("en/courses/intro/lesson-1/index.html");
    assert!(
        en.contains("<div class=\"summary\"><p>Lesson 1 text.</p>"),
        "{en}"
    );
}

#[test]
fn lessons_are_ordered_by_weight_with_previous_and_next() {
    let site = built();
    // lesson-3 has weight 1, so it is the first lesson.
    let first = site.read("courses/intro/lesson-3/index.html");
    assert!(first.contains("Lesson 1 of 3"), "{first}");
    assert!(!first.contains("rel=\"prev\""));
    assert!(first.contains("<a rel=\"next\" href=\"/ipis/courses/intro/lesson-2/\">第2课</a>"));
    let last = site.read("courses/intro/lesson-1/index.html");
    assert!(last.contains("Lesson 3 of 3"));
    assert!(last.contains("<a rel=\"prev\" href=\"/ipis/courses/intro/lesson-2/\">"));
    let course = site.read("courses/intro/index.html");
    assert!(
        course.contains("<h1 class=\"course\">专利检索基础课</h1><p class=\"level\">beginner</p>")
    );
    let order: Vec<usize> = ["lesson-3/", "lesson-2/", "lesson-1/"]
        .iter()
        .map(|l| course.find(l).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{course}");
    assert!(
        !site.exists("courses/intro/page/2/index.html"),
        "courses are not paginated"
    );
}

#[test]
fn sections_paginate_and_each_pager_carries_only_its_pages() {
    let site = built();
    let first = site.read("guides/index.html");
    let second = site.read("guides/page/2/index.html");
    assert!(first.contains("data-current=\"1\" data-total=\"2\""));
    assert!(first.contains("<a rel=\"next\" href=\"/ipis/guides/page/2/\">"));
    assert!(second.contains("<a rel=\"prev\" href=\"/ipis/guides/\">"));
    assert_eq!(first.matches("<li>").count(), 2);
    // Four Chinese guides, newest first: the draft is left out.
    assert_eq!(second.matches("<li>").count(), 2);
    assert!(first.find("专利检索入门").unwrap() < first.find("如何阅读权利要求书").unwrap());
    assert!(!first.contains("草稿") && !second.contains("草稿"));
    assert!(first.contains("<p class=\"count\">4</p>"));
}

#[test]
fn drafts_are_built_only_when_asked() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    assert!(!site.exists("guides/draft/index.html"));
    let options = ipportal::BuildOptions {
        drafts: true,
        ..site.options()
    };
    ipportal::build(&options).unwrap();
    assert!(site.exists("guides/draft/index.html"));
}

#[test]
fn taxonomies_have_index_and_term_pages_per_language() {
    let site = built();
    let index = site.read("disciplines/index.html");
    assert!(
        index.contains("<a href=\"/ipis/disciplines/civil-engineering/\">土木工程 (2)</a>"),
        "{index}"
    );
    assert!(index.contains("环境科学与工程 (0)"));
    let term = site.read("en/disciplines/civil-engineering/index.html");
    assert!(term.contains("Disciplines: Civil Engineering"));
    assert!(term.contains("Civil engineering patent brief"));
    assert!(
        site.read("tags/专利检索/index.html")
            .contains("专利检索入门")
    );
    assert!(site.exists("en/tags/patent-search/index.html"));
    let page = site.read("guides/patent-search/index.html");
    assert!(page.contains("<p class=\"terms-disciplines\"><a href=\"/ipis/disciplines/civil-engineering/\">土木工程</a></p>"));
}

#[test]
fn feeds_exist_per_language_and_section() {
    let site = built();
    let feed = site.read("atom.xml");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh\">"));
    assert!(feed.contains("<id>https://lib.example.edu.cn/ipis/briefs/civil/</id>"));
    assert!(!feed.contains("/en/"));
    assert!(
        site.read("en/atom.xml")
            .contains("Civil engineering patent brief")
    );
    assert!(site.read("guides/atom.xml").contains("专利检索入门"));
    assert!(site.read("index.html").contains("href=\"/ipis/atom.xml\""));
}

/// Feeds and the sitemap are theme templates: a portal's own `templates/` replaces them like any
/// other, with the same data, and XML's forbidden characters are still gone from that data.
#[test]
fn a_portal_replaces_the_feed_and_sitemap_templates() {
    let site = Site::fixture("bilingual");
    site.write(
        "templates/atom.xml",
        "<feed lang=\"{{ feed.lang }}\" updated=\"{{ feed.updated }}\">{% for e in feed.entries %}<e>{{ e.title }}|{{ e.permalink }}|{{ e.published }}</e>{% endfor %}<site>{{ site.title }}</site></feed>\n",
    );
    site.write(
        "templates/sitemap.xml",
        "<urls>{% for e in entries %}<u>{{ e.url }}{% for a in e.alternates %} {{ a.lang }}={{ a.url }}{% endfor %}</u>{% endfor %}</urls>\n",
    );
    site.write(
        "content/guides/control.md",
        "---\ntitle: \"a\\x01b<c>\"\ndate: 2031-06-01\nsummary: s\n---\n\nbody\n",
    );
    site.build_ok();
    let feed = site.read("atom.xml");
    assert!(feed.starts_with("<feed lang=\"zh\" updated=\"2031-06-01T00:00:00+00:00\"><e>ab&lt;c&gt;|https://lib.example.edu.cn/ipis/guides/control/|2031-06-01T00:00:00+00:00</e>"), "{feed}");
    assert!(
        feed.ends_with("</e><site>知识产权中心</site></feed>\n"),
        "{feed}"
    );
    assert!(site.read("guides/atom.xml").contains("<e>ab&lt;c&gt;|"));
    assert!(site.read("en/atom.xml").starts_with("<feed lang=\"en\""));
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.starts_with("<urls><u>https://lib.example.edu.cn/ipis/"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<u>https://lib.example.edu.cn/ipis/guides/patent-search/ en=https://lib.example.edu.cn/ipis/en/guides/patent-search/ zh=https://lib.example.edu.cn/ipis/guides/patent-search/</u>"), "{sitemap}");
}

/// A broken feed template fails the build like a page template, naming its file.
#[test]
fn a_broken_feed_template_is_reported_with_its_file() {
    let site = Site::fixture("bilingual");
    site.write(
        "templates/atom.xml",
        "<feed>\n{{ feed.title | nosuchfilter }}\n</feed>\n",
    );
    let errors = site.build_errors();
    let error = common::find(&errors, "nosuchfilter");
    assert_eq!(
        error.file.as_deref(),
        Some(std::path::Path::new("templates/atom.xml")),
        "{}",
        common::render(&errors)
    );
}

#[test]
fn aliases_404_static_and_co_located_assets_are_written() {
    let site = built();
    let redirect = site.read("guides/search-basics/index.html");
    assert!(
        redirect.contains("url=/ipis/guides/patent-search/"),
        "{redirect}"
    );
    // In the language of the page it points to (the Nu checker warns of a page without `lang`).
    assert!(redirect.contains("<html lang=\"zh\">"), "{redirect}");
    assert!(site.read("404.html").contains("<h1>404</h1>"));
    assert!(site.read("en/404.html").contains("<html lang=\"en\">"));
    assert!(site.exists("humans.txt"), "static/ of the portal");
    assert!(
        site.fingerprinted("css/site.css").is_some(),
        "static/ of the theme"
    );
    assert!(site.exists("guides/with-assets/workflow.svg"));
    assert!(site.exists("en/guides/with-assets/workflow.svg"));
    let page = site.read("en/guides/with-assets/index.html");
    assert!(
        page.contains("<img src=\"workflow.svg\" alt=\"Workflow\" />"),
        "{page}"
    );
    assert!(page.contains("<a class=\"asset\" href=\"workflow.svg\">"));
}

#[test]
fn illustrative_pages_are_marked() {
    let site = built();
    assert!(
        site.read("briefs/civil/index.html")
            .contains("<div class=\"illustrative\">")
    );
    assert!(
        !site
            .read("guides/patent-search/index.html")
            .contains("<div class=\"illustrative\">")
    );
}

#[test]
fn home_page_has_navigation_and_latest_items() {
    let site = built();
    let home = site.read("index.html");
    let nav = "<nav class=\"main\"><a href=\"/ipis/guides/\">实务指南</a><a href=\"/ipis/courses/\">课程</a><a href=\"/ipis/briefs/\">专利简报</a></nav>";
    assert!(home.contains(nav), "{home}");
    assert!(home.contains("土木工程专利简报"));
    assert!(home.contains("<section class=\"latest-courses\"><a href=\"/ipis/courses/intro/\">专利检索基础课</a></section>"));
    assert!(home.contains("href=\"/ipis/humans.txt\""), "url() function");
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    let first = snapshot(&site.root.join("public"));
    site.build_ok();
    assert_eq!(first, snapshot(&site.root.join("public")));
}

fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e.path().strip_prefix(dir).unwrap().display().to_string();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn bom_crlf_and_empty_bodies_are_fine() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/guides/windows.md",
        "\u{feff}---\r\ntitle: Windows 编辑器\r\nsummary: 带 BOM 与 CRLF\r\n---\r\n\r\n## 标题\r\n\r\n正文\r\n",
    );
    site.write(
        "content/guides/empty-body.md",
        "---\ntitle: 空正文\nsummary: 无正文\n---\n",
    );
    site.build_ok();
    let html = site.read("guides/windows/index.html");
    assert!(html.contains("<h2 id=\"标题\">标题</h2>"), "{html}");
    assert!(!html.contains('\r'));
    assert!(site.exists("guides/empty-body/index.html"));
}

/// Every file under `folder`, with its bytes, by path from `folder`.
fn tree(folder: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e.path().strip_prefix(folder).unwrap().to_path_buf();
            (path, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn a_portal_saved_on_windows_builds_byte_for_byte_as_on_unix() {
    let unix = Site::fixture("bilingual");
    unix.build_ok();
    let windows = Site::fixture("bilingual");
    // Every Markdown and YAML file as a Windows editor saves it: CRLF, and a BOM before
    // front matter (Notepad's "UTF-8 with BOM").
    for file in tree(&windows.root.join("content")).keys() {
        let relative = Path::new("content").join(file);
        let text = std::fs::read_to_string(windows.root.join(&relative));
        let Ok(text) = text else { continue };
        let crlf = text.replace('\n', "\r\n");
        let saved = match file.extension().and_then(|e| e.to_str()) {
            Some("md") => format!("\u{feff}{crlf}"),
            Some("yaml") => crlf,
            _ => continue,
        };
        windows.write(relative.to_str().unwrap(), saved);
    }
    windows.build_ok();
    let (expected, built) = (
        tree(&unix.root.join("public")),
        tree(&windows.root.join("public")),
    );
    assert_eq!(
        expected.keys().collect::<Vec<_>>(),
        built.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &expected {
        // A bundle's own files are copied as they are (into each language), line endings
        // included.
        let source = path.strip_prefix("en").unwrap_or(path);
        let copied = windows.root.join("content").join(source).is_file();
        assert!(
            copied || built[path] == *bytes,
            "{} differs",
            path.display()
        );
    }
}

#[test]
fn the_default_theme_is_built_in() {
    let site = Site::fixture("bilingual");
    site.edit("site.toml", |config| {
        config.replace("theme = \"mini\"", "theme = \"default\"")
    });
    site.build_ok();
    let html = site.read("guides/patent-search/index.html");
    assert!(html.contains("<html lang=\"zh\""), "{html}");
    assert!(site.fingerprinted("css/site.css").is_some());
}

#[test]
fn progress_is_reported_once_per_page_in_each_long_stage() {
    use ipportal::{Progress, Stage};
    let site = Site::fixture("bilingual");
    let seen = std::sync::Mutex::new(Vec::<Progress>::new());
    let report = ipportal::build_with_progress(&site.options(), &|p| seen.lock().unwrap().push(p))
        .unwrap_or_else(|d| panic!("{}", common::render(&d)));
    let seen = seen.into_inner().unwrap();
    assert!(report.pages > 0);
    for stage in [Stage::Markdown, Stage::Write] {
        let mut done: Vec<usize> = seen
            .iter()
            .filter(|p| p.stage == stage)
            .inspect(|p| assert_eq!(p.total, report.pages, "{stage:?}"))
            .map(|p| p.done)
            .collect();
        done.sort_unstable();
        assert_eq!(done, (1..=report.pages).collect::<Vec<_>>(), "{stage:?}");
    }
    assert_eq!(seen.len(), 2 * report.pages, "no other stage reports pages");
}

#[test]
fn the_report_counts_pages_times_stages_and_measures_the_output() {
    use ipportal::Stage;
    let site = Site::fixture("bilingual");
    let report = site.build_ok();
    let counted: usize = report.page_counts.iter().map(|c| c.pages).sum();
    assert_eq!(counted, report.pages);
    let guides_en = report
        .page_counts
        .iter()
        .find(|c| c.lang == "en" && c.content_type == "guide")
        .expect("English guides");
    // patent-search, reading-claims, with-assets (zh-only and the draft have no English page).
    assert_eq!(guides_en.pages, 3);
    let stages: Vec<Stage> = report.stages.iter().map(|t| t.stage).collect();
    assert_eq!(
        stages,
        [
            Stage::Load,
            Stage::Markdown,
            Stage::Write,
            Stage::Search,
            Stage::Commit
        ]
    );
    let (files, bytes) = common::folder_size(&site.root.join("public"));
    assert_eq!(report.files, files);
    assert_eq!(report.output_bytes, bytes);
}

// ---------- What content can inject ----------

#[test]
fn values_the_engine_writes_into_html_are_escaped() {
    let site = Site::fixture("bilingual");
    let name = "report.<img src=x onerror=alert(1)>";
    site.write(&format!("content/guides/with-assets/{name}"), "x");
    site.write(
        "content/guides/with-assets/index.md",
        format!(
            "---\ntitle: 查新委托流程\nsummary: s\n---\n\n{{{{< download file=\"{name}\" >}}}}\n"
        ),
    );
    site.build_ok();
    let html = site.read("guides/with-assets/index.html");
    assert!(!html.to_lowercase().contains("<img src=x"), "{html}");
    assert!(
        html.contains("&lt;IMG SRC=X ONERROR=ALERT(1)&gt; · 1 B"),
        "{html}"
    );
}

/// Control characters XML forbids (a title pasted from a form, a file name) would make a whole
/// feed, the sitemap or a chart unreadable to a strict parser.
#[test]
fn feeds_sitemaps_and_charts_stay_well_formed_xml() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/guides/control.md",
        "---\ntitle: \"a\\x01b\\x08c\\x1bd\"\ndate: 2025-06-01\nsummary: \"s\\x01t\"\n---\n\nbody\n",
    );
    site.write(
        "content/guides/x\u{1b}y.md",
        common::page("summary: s\n", "x"),
    );
    site.edit("content/briefs/civil/data.yaml", |data| {
        data.replace("name_zh: 示例大学", "name_zh: \"示例\\x01大学\"")
    });
    site.build_ok();
    for file in ["atom.xml", "guides/atom.xml", "sitemap.xml"] {
        let xml = site.read(file);
        if let Err(e) = roxmltree::Document::parse(&xml) {
            panic!("{file}: {e}\n{xml}");
        }
    }
    assert!(site.read("atom.xml").contains("<title>abcd</title>"));
    assert!(site.read("sitemap.xml").contains("/guides/xy/"));
    let html = site.read("briefs/civil/index.html");
    let figure = html.find("chart-applicants").unwrap();
    let start = figure + html[figure..].find("<svg").unwrap();
    let svg = &html[start..html[start..].find("</svg>").unwrap() + start + 6];
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
    assert!(svg.contains("示例大学"));
}

#[test]
fn calendar_text_cannot_start_a_new_line() {
    use icalendar::{Component, EventLike};
    use std::str::FromStr;

    let site = Site::fixture("bilingual");
    site.write(
        "content/courses/intro/_index.md",
        "---\ntitle: \"课程\\r\\nBEGIN:VEVENT\\r\\nSUMMARY:injected\"\ntype: course\nlevel: beginner\nsessions:\n  - {date: \"2025-10-14\", time: \"14:00\", place: \"B\\rLOCATION:x\\r\\nEND:VEVENT\\nBEGIN:VEVENT\"}\n---\n",
    );
    site.build_ok();
    let ics = site.read("courses/intro/course.ics");
    let unfolded = icalendar::parser::unfold(&ics);
    let calendar = icalendar::Calendar::from_str(&unfolded).unwrap();
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    assert_eq!(events.len(), 1, "{ics}");
    // The line breaks are part of the values (escaped in the file), not new properties.
    assert_eq!(
        events[0].get_summary(),
        Some("课程\nBEGIN:VEVENT\nSUMMARY:injected")
    );
    assert_eq!(
        events[0].get_location(),
        Some("B\nLOCATION:x\nEND:VEVENT\nBEGIN:VEVENT")
    );
    assert_eq!(
        unfolded.matches("\r\nBEGIN:VEVENT").count(),
        1,
        "{unfolded}"
    );
}

#[test]
fn a_long_list_shows_the_ends_and_the_pagers_near_the_current_one() {
    // The default theme's pagination bar, one guide per pager.
    let site = Site::fixture("bilingual");
    site.edit("site.toml", |t| {
        t.replace("theme = \"mini\"\n", "")
            .replace("paginate_by = 2", "paginate_by = 1")
    });
    for n in 1..=12 {
        let text = format!(
            "---\ntitle: 指南 {n}\nsummary: 第 {n} 篇\ndate: 2026-01-{n:02}\n---\n\n正文。\n"
        );
        site.write(&format!("content/guides/g{n}.md"), text);
    }
    site.build_ok();
    // Four guides of the fixture and twelve new ones (the draft left out): 16 pagers.
    let middle = site.read("guides/page/8/index.html");
    let bar = &middle[middle.find("class=\"pagination\"").unwrap()..];
    let bar = &bar[..bar.find("</nav>").unwrap()];
    for shown in [
        "/guides/\"",
        "/page/6/",
        "/page/7/",
        "/page/8/",
        "/page/9/",
        "/page/10/",
        "/page/16/",
    ] {
        assert!(bar.contains(shown), "{shown} missing from {bar}");
    }
    for left_out in ["/page/2/", "/page/5/", "/page/11/", "/page/15/"] {
        assert!(!bar.contains(left_out), "{left_out} in {bar}");
    }
    assert_eq!(bar.matches("pagination-gap").count(), 2);
}

#[test]
fn the_default_theme_shows_no_browse_footer_without_taxonomies() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "base_url = \"https://lib.example.edu.cn/\"\ndefault_language = \"zh\"\n\n[languages.zh]\nname = \"中文\"\ntitle = \"中心\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/_index.md"),
        "---\ntitle: 中心\n---\n\n欢迎。\n",
    )
    .unwrap();
    ipportal::build(&ipportal::BuildOptions::new(root)).unwrap_or_else(|d| panic!("{d:?}"));
    let home = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(home.contains("<footer"), "{home}");
    assert!(
        !home.contains("footer-browse"),
        "an empty taxonomy footer: {home}"
    );
    // With taxonomies, the footer lists them (the bundled portal's home page).
    let site = Site::fixture("services");
    site.build_ok();
    assert!(site.read("index.html").contains("class=\"footer-browse\""));
}
