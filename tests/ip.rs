//! The IP features on the fixture portal: patent numbers, IPC codes, briefs' charts, course
//! calendars, case summaries and shortcodes, as an editor would use them.

mod common;

use common::{Site, find, page};

fn site_with(path: &str, text: &str) -> Site {
    let site = Site::fixture("bilingual");
    site.write(path, text);
    site
}

// ---------- Patent numbers ----------

#[test]
fn patent_numbers_in_text_are_linked_as_written() {
    let site = site_with(
        "content/guides/patents.md",
        &page(
            "summary: s\n",
            "专利CN112345678A公开了一种接缝，另见 US 2020/0123456 A1 和 ＷＯ２０２０/１２３４５６Ａ１。\n\n\
             申请号 202110123456.7 不是公开号，`CN112345678B` 在代码里，\
             [CN218765432U](https://example.org/) 已是链接。\n\n\
             ```text\nCN112345679A\n```\n",
        ),
    );
    site.build_ok();
    let html = site.read("guides/patents/index.html");
    assert!(html.contains(
        "专利<a class=\"patent-number\" href=\"https://worldwide.espacenet.com/patent/search?q=pn%3DCN112345678A\" data-patent=\"CN112345678A\" rel=\"external noopener\">CN112345678A</a>公开了"
    ), "{html}");
    assert!(html.contains(
        "data-patent=\"US20200123456A1\" rel=\"external noopener\">US 2020/0123456 A1</a>"
    ));
    assert!(
        html.contains("q=pn%3DUS2020123456A1"),
        "Espacenet's 10-digit form"
    );
    assert!(html.contains(
        "data-patent=\"WO2020123456A1\" rel=\"external noopener\">ＷＯ２０２０/１２３４５６Ａ１</a>"
    ));
    for not_linked in [
        "202110123456.7",
        "CN112345678B",
        "CN218765432U",
        "CN112345679A",
    ] {
        assert!(
            !html.contains(&format!("data-patent=\"{not_linked}\"")),
            "{not_linked}"
        );
    }
}

#[test]
fn the_database_comes_from_site_toml() {
    let site = site_with(
        "content/guides/patents.md",
        &page("summary: s\n", "见 CN 112345678 B。\n"),
    );
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}\n[patents]\ndatabase = \"google\"\n"),
    );
    site.build_ok();
    assert!(site.read("guides/patents/index.html").contains(
        "href=\"https://patents.google.com/patent/CN112345678B/zh\" data-patent=\"CN112345678B\" rel=\"external noopener\">CN 112345678 B</a>"
    ));
    site.write(
        "site.toml",
        format!("{config}\n[patents]\ndatabase = \"cnipa\"\n"),
    );
    site.build_ok();
    let html = site.read("guides/patents/index.html");
    assert!(html.contains("<span class=\"patent-number\" data-patent=\"CN112345678B\">CN 112345678 B<button type=\"button\" class=\"patent-copy\" data-copy=\"CN112345678B\" hidden>复制号码</button>"), "{html}");
}

#[test]
fn a_custom_database_needs_a_url_with_the_number() {
    let site = Site::fixture("bilingual");
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}\n[patents]\ndatabase = \"custom\"\n"),
    );
    let errors = site.build_errors();
    let e = find(&errors, "needs `url` with `{number}`");
    assert_eq!(e.file.as_deref(), Some(std::path::Path::new("site.toml")));
    assert!(e.line.unwrap() > 30, "{e:?}");
    site.write(
        "site.toml",
        format!("{config}\n[patents]\ndatabase = \"custom\"\nurl = \"https://p.example.org/{{number}}\"\n"),
    );
    site.write("content/guides/p.md", page("summary: s\n", "EP3456789A1"));
    site.build_ok();
    assert!(
        site.read("guides/p/index.html")
            .contains("href=\"https://p.example.org/EP3456789A1\"")
    );
}

#[test]
fn links_can_be_turned_off_per_page_or_for_some_text() {
    let site = site_with(
        "content/guides/off.md",
        &page("summary: s\npatent_links: false\n", "CN112345678A"),
    );
    site.write(
        "content/guides/skip.md",
        page(
            "summary: s\n",
            "{{< nopatent >}}CN112345678A{{< /nopatent >}} but CN112345678B",
        ),
    );
    site.build_ok();
    assert!(!site.read("guides/off/index.html").contains("data-patent"));
    let skip = site.read("guides/skip/index.html");
    assert!(!skip.contains("data-patent=\"CN112345678A\""), "{skip}");
    assert!(skip.contains("data-patent=\"CN112345678B\""));
    assert!(
        !skip.contains("nopatent") && !skip.contains("<sc"),
        "{skip}"
    );
}

#[test]
fn cited_patents_are_listed_once_in_order() {
    let site = site_with(
        "content/guides/cited.md",
        &page(
            "summary: s\ncited_patents: true\n",
            "EP 3 456 789 B1, then CN112345678A, then EP3456789B1 again.",
        ),
    );
    site.build_ok();
    let html = site.read("guides/cited/index.html");
    assert!(
        html.contains("<ol class=\"cited\"><li data-number=\"EP3456789B1\">EP 3 456 789 B1</li><li data-number=\"CN112345678A\">CN112345678A</li></ol>"),
        "{html}"
    );
}
