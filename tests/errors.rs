//! Bad input: each mistake an editor can make gives an error naming the file and line, saying
//! what was expected; one run reports all of them; a failed build leaves the previous output.

mod common;

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
        .filter(|n| n.contains("ipportal"))
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
    assert_eq!(e.code, ipportal::diagnostics::Code::ConfigInvalid);
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
    assert_eq!(errors.len(), 2, "{}", common::render(&errors));
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
