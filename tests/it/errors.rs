//! Bad input: each mistake an editor can make gives an error naming the file and line, saying
//! what was expected; one run reports all of them; a failed build leaves the previous output.

use crate::common;

use std::path::Path;

use common::{Site, find, page};

fn site() -> Site {
    Site::fixture("bilingual")
}

fn at(d: &ipportal::Diagnostic) -> (String, Option<usize>) {
    (d.file.as_ref().unwrap().display().to_string(), d.line)
}

#[test]
fn malformed_yaml_names_file_and_line() {
    let s = site();
    s.write(
        "content/guides/bad.md",
        "---\ntitle: ok\nsummary: [unclosed\ntags: x\n---\nbody\n",
    );
    let errors = s.build_errors();
    let e = find(&errors, "invalid YAML in front matter");
    assert_eq!(e.file.as_deref(), Some(Path::new("content/guides/bad.md")));
    assert!(e.line.unwrap() >= 3, "{e:?}");
    assert!(e.source_line.is_some());
}

#[test]
fn unknown_field_suggests_the_right_one() {
    let s = site();
    s.write(
        "content/guides/typo.md",
        page("summary: s\ndiciplines: [environment]\n", "x"),
    );
    let errors = s.build_errors();
    let e = find(&errors, "unknown page field `diciplines`");
    assert_eq!(at(e), ("content/guides/typo.md".into(), Some(4)));
    assert!(
        e.help
            .as_deref()
            .unwrap()
            .contains("did you mean `disciplines`?")
    );
    assert_eq!(e.source_line.as_deref(), Some("diciplines: [environment]"));
}

#[test]
fn wrongly_typed_fields_say_what_was_expected() {
    let s = site();
    s.write(
        "content/guides/types.md",
        page(
            "summary: s\nweight: first\ndraft: maybe\ntags: one-tag\n",
            "x",
        ),
    );
    let errors = s.build_errors();
    assert_eq!(
        find(&errors, "`weight` must be a whole number").line,
        Some(4)
    );
    assert_eq!(
        find(&errors, "`draft` must be `true` or `false`").line,
        Some(5)
    );
    assert_eq!(find(&errors, "`tags` must be a list").line, Some(6));
}

#[test]
fn missing_required_fields_name_the_type() {
    let s = site();
    s.write("content/briefs/no-discipline.md", page("", "x"));
    s.write("content/guides/no-title.md", "---\nsummary: s\n---\nx\n");
    let errors = s.build_errors();
    let e = find(&errors, "missing required field `disciplines`");
    assert!(e.message.contains("a `brief` needs it"));
    assert_eq!(at(e), ("content/briefs/no-discipline.md".into(), Some(1)));
    assert_eq!(
        find(&errors, "missing required field `title`")
            .file
            .as_deref(),
        Some(Path::new("content/guides/no-title.md"))
    );
}

#[test]
fn invalid_dates_are_rejected() {
    let s = site();
    s.write(
        "content/guides/date.md",
        page("summary: s\ndate: 2025-02-30\n", "x"),
    );
    let errors = s.build_errors();
    let e = find(&errors, "invalid date `2025-02-30`");
    assert_eq!(e.line, Some(4));
    assert!(e.message.contains("expected YYYY-MM-DD"));
}

#[test]
fn duplicate_urls_name_both_files() {
    let s = site();
    s.write(
        "content/guides/other.md",
        page("summary: s\nslug: patent-search\n", "x"),
    );
    let errors = s.build_errors();
    let e = find(&errors, "duplicate URL `/guides/patent-search/`");
    assert!(e.message.contains("content/guides/"), "{e:?}");
}

#[test]
fn duplicate_aliases_are_rejected() {
    let s = site();
    s.write(
        "content/guides/other.md",
        page("summary: s\naliases: [/guides/search-basics/]\n", "x"),
    );
    let errors = s.build_errors();
    find(&errors, "duplicate alias `/guides/search-basics/`");
}

#[test]
fn broken_internal_links_and_anchors_name_file_line_and_column() {
    let s = site();
    s.write(
        "content/guides/links.md",
        page(
            "summary: s\n",
            "Intro.\n\nSee [a](@/guides/reading-claim.md) and [b](@/guides/reading-claims.md#nope).",
        ),
    );
    let errors = s.build_errors();
    let link = find(&errors, "broken internal link `@/guides/reading-claim.md`");
    assert_eq!((link.line, link.column), (Some(8), Some(9)));
    assert_eq!(
        link.help.as_deref(),
        Some("did you mean `@/guides/reading-claims.md`?")
    );
    let anchor = find(&errors, "no heading with id `nope`");
    assert_eq!(anchor.line, Some(8));
    assert!(anchor.help.as_deref().unwrap().contains("#权利要求的结构"));
}

#[test]
fn unknown_taxonomy_terms_suggest_the_key() {
    let s = site();
    s.write(
        "content/briefs/terms.md",
        page(
            "disciplines:\n  - civil-engineerng\n  - 环境科学与工程\n",
            "x",
        ),
    );
    let errors = s.build_errors();
    let typo = find(&errors, "unknown disciplines term `civil-engineerng`");
    assert_eq!((typo.line, typo.column), (Some(4), Some(5)));
    assert!(
        typo.help
            .as_deref()
            .unwrap()
            .contains("`civil-engineering`")
    );
    let label = find(&errors, "unknown disciplines term `环境科学与工程`");
    assert!(label.help.as_deref().unwrap().contains("`environment`"));
}

#[test]
fn missing_template_is_an_error() {
    let s = site();
    s.remove("themes/mini/templates/taxonomy.html");
    let errors = s.build_errors();
    let e = find(&errors, "missing template `taxonomy.html`");
    assert!(e.message.contains("themes/mini/templates/taxonomy.html"));
    s.write(
        "content/guides/custom.md",
        page("summary: s\ntemplate: special.html\n", "x"),
    );
    s.write("themes/mini/templates/taxonomy.html", "ok");
    let errors = s.build_errors();
    let e = find(&errors, "template `special.html` not found");
    assert_eq!(at(e), ("content/guides/custom.md".into(), Some(4)));
}

#[test]
fn template_syntax_errors_name_the_template_and_line() {
    let s = site();
    s.write("themes/mini/templates/404.html", "<h1>404</h1>\n{% if %}\n");
    let errors = s.build_errors();
    let e = find(&errors, "invalid template");
    assert_eq!(
        e.file.as_deref(),
        Some(Path::new("themes/mini/templates/404.html"))
    );
    assert_eq!(e.line, Some(2));
}

#[test]
fn template_render_errors_name_the_template_and_the_page() {
    let s = site();
    s.write(
        "themes/mini/templates/page.html",
        "{{ page.no_such_field }}",
    );
    let errors = s.build_errors();
    let e = find(&errors, "no_such_field");
    assert_eq!(
        e.file.as_deref(),
        Some(Path::new("themes/mini/templates/page.html"))
    );
    assert!(
        e.help
            .as_deref()
            .unwrap()
            .starts_with("while rendering content/")
    );
    // One broken template is one error, not one per page.
    assert_eq!(errors.len(), 1, "{}", common::render(&errors));
}

#[test]
fn a_missing_interface_string_is_an_error() {
    let s = site();
    s.write("themes/mini/i18n/en.toml", "read_more = \"Read more\"\n");
    let errors = s.build_errors();
    let e = find(
        &errors,
        "missing interface string `no_translation` for language `en`",
    );
    assert_eq!(
        e.file.as_deref(),
        Some(Path::new("themes/mini/i18n/en.toml"))
    );
}

#[test]
fn a_string_missing_beside_the_portal_override_names_the_override() {
    let s = site();
    s.write("i18n/en.toml", "centre_motto = \"Search first\"\n");
    let errors = s.build_errors();
    let e = find(
        &errors,
        "missing interface string `centre_motto` for language `zh` (it is in i18n/en.toml)",
    );
    assert_eq!(e.file.as_deref(), Some(Path::new("i18n/zh.toml")));
}

#[test]
fn invalid_utf8_empty_files_and_missing_front_matter_are_errors_not_panics() {
    let s = site();
    s.write(
        "content/guides/gbk.md",
        b"---\ntitle: \xd6\xd0\xce\xc4\n---\n".as_slice(),
    );
    s.write("content/guides/empty.md", "");
    s.write("content/guides/plain.md", "# Just Markdown\n");
    s.write("content/guides/open.md", "---\ntitle: never closed\n");
    let errors = s.build_errors();
    assert_eq!(find(&errors, "not valid UTF-8").line, Some(2));
    assert_eq!(
        find(&errors, "empty file").file.as_deref(),
        Some(Path::new("content/guides/empty.md"))
    );
    find(&errors, "expected the file to start with a `---` line");
    find(&errors, "never closed");
}

#[test]
fn one_run_reports_every_error() {
    let s = site();
    s.write(
        "content/guides/a.md",
        page("summary: s\nweight: x\n", "[l](@/missing.md)"),
    );
    s.write("content/guides/b.md", page("sumary: s\n", "x"));
    s.write("content/briefs/c.md", page("disciplines: [nope]\n", "x"));
    let errors = s.build_errors();
    find(&errors, "`weight` must be a whole number");
    find(&errors, "unknown page field `sumary`");
    find(&errors, "unknown disciplines term `nope`");
    find(&errors, "broken internal link `@/missing.md`");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let s = site();
    s.build_ok();
    let before = s.read("guides/patent-search/index.html");
    s.write(
        "content/guides/patent-search.md",
        page("summary: [", "changed"),
    );
    assert!(s.build().is_err());
    assert_eq!(s.read("guides/patent-search/index.html"), before);
    assert!(s.exists("en/index.html"));
    let leftovers: Vec<_> = std::fs::read_dir(&s.root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("ipportal") && !n.ends_with(".ipportal-lock"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left: {leftovers:?}");
}

#[test]
fn bad_site_toml_is_located() {
    let s = site();
    s.edit("site.toml", |config| {
        config.replace("paginate_by = 2", "paginate_bye = 2")
    });
    let errors = s.build_errors();
    let e = find(&errors, "unknown field `paginate_bye`");
    assert_eq!(e.file.as_deref(), Some(Path::new("site.toml")));
    assert_eq!(e.line, Some(6));
    assert_eq!(e.help.as_deref(), Some("did you mean `paginate_by`?"));
}

#[test]
fn a_setting_is_located_where_the_parser_read_it_not_where_its_name_first_appears() {
    // The name first appears as keys of `[extra]` (the fixture's last table), then in a comment,
    // then in its own table.
    let s = site();
    s.edit("site.toml", |config| {
        format!("{config}timeout = 0\nwidgets.timeout = 0\n# [check] timeout = 0 was the old value\n[check]\nconcurrency = 2\ntimeout = 0\n")
    });
    let lines = std::fs::read_to_string(s.root.join("site.toml"))
        .unwrap()
        .lines()
        .count();
    let errors = s.build_errors();
    let e = find(&errors, "[check] timeout must be at least 1");
    assert_eq!(e.line, Some(lines), "{e:?}");

    // A dotted key at the top level, after a comment naming it.
    let s = site();
    s.edit("site.toml", |config| {
        config.replace(
            "paginate_by = 2\n",
            "paginate_by = 2\n# check.timeout = 0\ncheck.timeout = 0\n",
        )
    });
    let errors = s.build_errors();
    let e = find(&errors, "[check] timeout must be at least 1");
    assert_eq!(e.line, Some(8), "{e:?}");
}

#[test]
fn a_synonym_in_two_groups_is_located() {
    let s = site();
    s.edit("site.toml", |config| {
        format!("{config}\n[search]\nsynonyms = [\n  [\"PCT\", \"专利合作条约\"],\n  [\"pct\", \"国际申请\"],\n]\n")
    });
    let lines = std::fs::read_to_string(s.root.join("site.toml"))
        .unwrap()
        .lines()
        .count();
    let errors = s.build_errors();
    let e = find(&errors, "`pct` is already in the group on line");
    assert_eq!(e.code, ipportal::base::diagnostics::Code::ConfigInvalid);
    assert_eq!(e.file.as_deref(), Some(Path::new("site.toml")));
    assert_eq!(e.line, Some(lines - 1));
}

#[test]
fn unknown_language_suffix_is_an_error() {
    let s = site();
    s.write(
        "content/guides/patent-search.fr.md",
        page("summary: s\n", "x"),
    );
    let errors = s.build_errors();
    let e = find(&errors, "language `fr`");
    assert_eq!(
        e.file.as_deref(),
        Some(Path::new("content/guides/patent-search.fr.md"))
    );
}

#[test]
fn hostile_input_does_not_panic() {
    let s = site();
    let cases: [&[u8]; 8] = [
        b"---\n---\n",
        b"---\n- a list\n---\n",
        b"---\ntitle: [1, 2]\nextra: 3\n---\n",
        b"---\ntitle: x\nsummary: s\naliases: [\"../../etc\"]\n---\n",
        b"---\ntitle: x\nsummary: s\nslug: \"../x\"\n---\n",
        b"---\ntitle: x\nsummary: s\n---\n[a](@/)\n[b](@/#)\n[c](@)\n## \n## \n",
        b"---\ntitle: x\nsummary: s\n---\n```\xe4\xb8\xad\n\n",
        b"---\ntitle: x\nsummary: s\n? [complex, key]\n: v\n---\n",
    ];
    for (i, case) in cases.iter().enumerate() {
        s.write(&format!("content/guides/hostile-{i}.md"), case);
    }
    let _ = s.build();
    assert!(!s.root.parent().unwrap().join("etc").exists());
}

#[test]
fn a_missing_image_names_the_file_and_line() {
    let s = site();
    s.write(
        "content/guides/with-assets/index.md",
        "---\ntitle: 查新委托流程\ndate: 2024-12-01\nsummary: 带附件的页面。\n---\n\n![流程图](workflow.svg)\n\n![缺失](missing.png)\n",
    );
    s.write(
        "content/guides/flat.md",
        page(
            "summary: s\n",
            "![图](figure.png) ![外部](https://example.org/a.png) ![站内](/img/a.png)",
        ),
    );
    let errors = s.build_errors();
    let e = find(&errors, "image `missing.png` does not exist");
    assert_eq!((e.line, e.column), (Some(9), Some(1)));
    assert_eq!(
        e.file.as_deref(),
        Some(Path::new("content/guides/with-assets/index.md"))
    );
    find(&errors, "image `figure.png` does not exist");
    // A path from the site root names a file under static/, which this portal lacks.
    let e = find(
        &errors,
        "image `/img/a.png` does not exist: no file static/img/a.png",
    );
    assert_eq!((e.line, e.column), (Some(6), Some(51)));
    assert_eq!(errors.len(), 3, "{}", common::render(&errors));
}

#[test]
fn duplicate_titles_in_a_section_are_a_warning() {
    let s = site();
    s.write(
        "content/guides/again.md",
        "---\ntitle: 如何阅读权利要求书\nsummary: s\n---\nx\n",
    );
    let report = s.build_ok();
    let w = find(&report.warnings, "duplicate title `如何阅读权利要求书`");
    assert_eq!(w.line, Some(2));
    assert!(!w.is_error());
}

// ---------- What content can inject ----------

#[test]
fn links_in_front_matter_must_be_web_mail_phone_or_relative() {
    let s = site();
    s.write(
        "content/courses/intro/_index.md",
        "---\ntitle: 专利检索基础课\ntype: course\nlevel: beginner\nregistration: \"\\tjaVa\\nscript:alert(1)\"\nsessions:\n  - date: 2025-10-14\n    online: \" JAVASCRIPT:alert(1)\"\n  - date: 2025-10-15\n    registration: \"data:text/html,<script>alert(1)</script>\"\n  - {date: 2025-10-16, online: \"https://meet.example.org/1\", registration: \"mailto:ipis@example.edu.cn\"}\n---\n",
    );
    s.write(
        "content/guides/with-assets/index.md",
        "---\ntitle: 查新委托流程\nsummary: s\n---\n\n{{< download file=\"vbscript:msgbox(1)\" >}}\n",
    );
    let errors = s.build_errors();
    let unsafe_links: Vec<(String, Option<usize>)> = errors
        .iter()
        .filter(|e| e.code == ipportal::base::diagnostics::Code::UrlUnsafe)
        .map(at)
        .collect();
    let course = "content/courses/intro/_index.md".to_string();
    assert_eq!(
        unsafe_links,
        [
            (course.clone(), Some(5)),
            (course.clone(), Some(8)),
            (course, Some(10)),
            ("content/guides/with-assets/index.md".into(), Some(6)),
        ],
        "{}",
        common::render(&errors)
    );
    find(
        &errors,
        "`\\tjaVa\\nscript:alert(1)` contains a control character",
    );
    find(&errors, "a `JAVASCRIPT:` link");
    find(&errors, "a `vbscript:` link");
}

#[test]
fn aliases_and_static_files_cannot_replace_generated_files() {
    let s = site();
    s.edit("site.toml", |c| {
        c.replace("theme = \"mini\"", "theme = \"default\"")
    });
    s.write(
        "content/guides/moved.md",
        page(
            "summary: s\naliases:\n  - /tags/\n  - /guides/page/2/\n  - /en/search/\n",
            "x",
        ),
    );
    s.write("static/404.html", "<h1>mine</h1>");
    s.write("static/atom.xml", "<feed/>");
    s.write("static/sitemap.xml", "<urlset/>");
    s.write("static/disciplines/index.html", "mine");
    s.write("static/search-index/zh/entry.bin", "x");
    s.write("content/courses/intro/course.ics", "BEGIN:VCALENDAR");
    s.edit("content/courses/intro/_index.md", |t| {
        t.replace(
            "level: beginner\n",
            "level: beginner\nsessions:\n  - {date: 2025-10-14}\n",
        )
    });
    let errors = s.build_errors();
    let clash = |needle: &str| {
        let e = find(&errors, needle);
        assert_eq!(
            e.code,
            ipportal::base::diagnostics::Code::UrlDuplicate,
            "{e:?}"
        );
        e
    };
    let moved = "content/guides/moved.md".to_string();
    let e = clash(
        "the alias `/tags/` in content/guides/moved.md and the `tags` taxonomy both write `tags/index.html`",
    );
    assert_eq!(at(e), (moved.clone(), Some(5)));
    let e = clash(
        "the alias `/guides/page/2/` in content/guides/moved.md and content/guides/_index.md both write `guides/page/2/index.html`",
    );
    assert_eq!(at(e), (moved.clone(), Some(6)));
    let e = clash(
        "the alias `/en/search/` in content/guides/moved.md and the search page both write `en/search/index.html`",
    );
    assert_eq!(at(e), (moved, Some(7)));
    for (file, output, generated) in [
        ("static/404.html", "404.html", "the 404 page"),
        ("static/atom.xml", "atom.xml", "the feed /ipis/atom.xml"),
        ("static/sitemap.xml", "sitemap.xml", "the sitemap"),
        (
            "static/disciplines/index.html",
            "disciplines/index.html",
            "the `disciplines` taxonomy",
        ),
        (
            "static/search-index/zh/entry.bin",
            "search-index/zh/entry.bin",
            "the search index",
        ),
        (
            "content/courses/intro/course.ics",
            "courses/intro/course.ics",
            "the calendar of /courses/intro/",
        ),
    ] {
        let e = clash(&format!("{file} and {generated} both write `{output}`"));
        assert_eq!(at(e), (file.to_string(), None));
    }
    assert_eq!(errors.len(), 9, "{}", common::render(&errors));
}

#[test]
#[cfg(unix)]
fn symbolic_links_are_reported_and_not_followed() {
    let s = site();
    let outside = s.root.parent().unwrap().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.md"), page("summary: s\n", "secret")).unwrap();
    std::fs::write(outside.join("id_rsa"), "PRIVATE KEY").unwrap();
    let link = |target: &Path, at: &str| {
        let at = s.root.join(at);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, at).unwrap();
    };
    link(&outside.join("secret.md"), "content/guides/linked.md");
    link(&outside, "static/keys");
    link(&outside.join("id_rsa"), "themes/mini/static/id_rsa");
    let report = s.build_ok();
    let mut linked: Vec<String> = report
        .warnings
        .iter()
        .filter(|w| w.code == ipportal::base::diagnostics::Code::FileSymlink)
        .map(|w| at(w).0)
        .collect();
    linked.sort();
    assert_eq!(
        linked,
        [
            "content/guides/linked.md",
            "static/keys",
            "themes/mini/static/id_rsa"
        ]
    );
    assert!(!s.exists("guides/linked/index.html"));
    assert!(!s.exists("keys/id_rsa") && !s.exists("id_rsa"));
}

#[test]
fn a_briefs_data_file_must_be_in_its_folder() {
    for name in ["/etc/passwd", "../../../../../../etc/passwd"] {
        let s = site();
        s.edit("content/briefs/civil/index.md", |t| {
            t.replace("data: data.yaml", &format!("data: {name}"))
        });
        let errors = s.build_errors();
        let e = find(&errors, "`data` must be the name of a file beside the page");
        assert_eq!(at(e), ("content/briefs/civil/index.md".into(), Some(5)));
        assert!(
            !errors
                .iter()
                .any(|e| e.file.as_deref() == Some(Path::new("/etc/passwd"))),
            "{}",
            common::render(&errors)
        );
    }
}
