//! The IP features on the fixture portal: patent numbers, IPC codes, briefs' charts, course
//! calendars, case summaries and shortcodes, as an editor would use them.

use crate::common;

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

// ---------- Briefs' charts ----------

/// The `<svg>` elements of a page, parsed as XML (well-formedness is the test).
fn svgs(html: &str) -> Vec<String> {
    html.split("<svg xmlns")
        .skip(1)
        .map(|rest| format!("<svg xmlns{}</svg>", rest.split("</svg>").next().unwrap()))
        .collect()
}

#[test]
fn a_brief_gets_accessible_charts_from_its_data() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    let html = site.read("briefs/civil/index.html");
    let charts = svgs(&html);
    assert_eq!(
        charts.len(),
        4,
        "by_year in the text, the other three after it"
    );
    for svg in &charts {
        let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"));
        let labelled = root.attribute("aria-labelledby").unwrap();
        for id in labelled.split(' ') {
            assert!(
                doc.descendants().any(|n| n.attribute("id") == Some(id)),
                "{id}"
            );
        }
        assert!(root.children().any(|n| n.has_tag_name("title")));
        assert!(root.children().any(|n| n.has_tag_name("desc")));
        assert!(
            doc.descendants()
                .any(|n| n.attribute("class") == Some("axis-title"))
        );
    }
    // Filings by year: one bar per year, heights proportional to the values, 2024 shaded.
    let doc = roxmltree::Document::parse(&charts[0]).unwrap();
    let bars: Vec<_> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("rect")
                && n.attribute("class").is_some_and(|c| c.starts_with("bar"))
                && n.children().any(|c| c.has_tag_name("title"))
        })
        .collect();
    assert_eq!(bars.len(), 3);
    let height = |n: &roxmltree::Node| n.attribute("height").unwrap().parse::<f64>().unwrap();
    assert!((height(&bars[1]) / height(&bars[0]) - 150.0 / 120.0).abs() < 0.01);
    assert_eq!(bars[2].attribute("class"), Some("bar bar-incomplete"));
    assert_eq!(
        bars[1]
            .children()
            .find(|c| c.has_tag_name("title"))
            .unwrap()
            .text(),
        Some("2023: 150")
    );
    assert!(
        doc.root_element()
            .children()
            .find(|n| n.has_tag_name("title"))
            .unwrap()
            .text()
            .unwrap()
            .contains("示例数据")
    );
    // The data table beside each chart, and the description in the page's language.
    assert!(
        html.contains(
            "<th scope=\"row\">2024*</th><td class=\"num\">90</td><td class=\"num\">—</td>"
        ),
        "{html}"
    );
    assert!(html.contains("2024 年起的数据不完整"));
    // Applicants by count; IPC codes in scheme order under their subclass, with shares.
    assert!(html.find("示例建工集团").unwrap() < html.find("示例大学</text>").unwrap());
    assert!(html.contains("<th scope=\"row\" class=\"group\">E04B</th><td class=\"num group\">90</td><td class=\"num group\">81.8%</td>"));
    assert!(html.find(">E04B 1/04<").unwrap() < html.find(">E04B 1/21<").unwrap());
    assert!(html.contains("<p class=\"key-patents\">CN112345678A</p>"));
    let en = site.read("en/briefs/civil/index.html");
    assert!(en.contains("Filings by year (illustrative data)"));
    assert!(en.contains(">Example Construction Group</text>"));
}

#[test]
fn a_brief_without_data_or_with_bad_data_is_an_error_naming_file_and_row() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/briefs/no-data.md",
        page("disciplines: [civil-engineering]\n", "text"),
    );
    let errors = site.build_errors();
    // The fixture's site.toml, like the bundled one, lists `data` among a brief's required fields.
    let e = find(&errors, "missing required field `data`");
    assert_eq!(
        e.file.as_deref(),
        Some(std::path::Path::new("content/briefs/no-data.md"))
    );

    let site = Site::fixture("bilingual");
    site.write(
        "content/briefs/civil/data.yaml",
        "meta: {illustrative: true}\nby_year:\n  - {year: 2022, applications: 120}\n  - {year: 2023, applications: lots}\n",
    );
    let errors = site.build_errors();
    let e = find(&errors, "invalid data file");
    assert_eq!(
        e.file.as_deref(),
        Some(std::path::Path::new("content/briefs/civil/data.yaml"))
    );
    assert_eq!(e.line, Some(4));

    site.write(
        "content/briefs/civil/data.yaml",
        "meta: {illustrative: true}\nipc:\n  - {code: E04B 1/21, count: 3}\n  - {code: E04B, count: 3}\n  - {code: Y02E 10/50, count: 1}\n",
    );
    let errors = site.build_errors();
    let e = find(&errors, "`Y02E 10/50` is not an IPC code");
    assert_eq!(e.line, Some(5));
    // The chart the text asks for does not exist in this data.
    let e = find(&errors, "no `by_year` chart");
    assert_eq!(
        e.file.as_deref(),
        Some(std::path::Path::new("content/briefs/civil/index.md"))
    );
    assert_eq!(e.line, Some(12));

    site.write(
        "content/briefs/civil/data.yaml",
        "meta: {illustrative: true}\nby_year:\n  - {year: 2022, applications: 1}\n",
    );
    site.write(
        "content/briefs/civil/index.en.md",
        page("disciplines: [civil-engineering]\ndata: data.yaml\n", ""),
    );
    let errors = site.build_errors();
    let e = find(&errors, "is marked illustrative but the page is not");
    assert_eq!(
        e.file.as_deref(),
        Some(std::path::Path::new("content/briefs/civil/index.en.md"))
    );
}

#[test]
fn brief_data_can_be_csv() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/briefs/civil/data.csv",
        "table,key,count,grants,name_en\nmeta,illustrative,true\nby_year,2022,120,40\nby_year,2023,150,35\napplicants,示例大学,30,,Example University\n",
    );
    for f in ["index.md", "index.en.md"] {
        let path = site.root.join("content/briefs/civil").join(f);
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("data.yaml", "data.csv");
        std::fs::write(path, text).unwrap();
    }
    site.build_ok();
    let html = site.read("briefs/civil/index.html");
    assert_eq!(svgs(&html).len(), 2);
    site.write(
        "content/briefs/civil/data.csv",
        "table,key,count\nby_year,2022,120\nby_yaer,2023,150\n",
    );
    let errors = site.build_errors();
    let e = find(&errors, "unknown table `by_yaer`");
    assert_eq!(
        (e.file.as_deref(), e.line),
        (
            Some(std::path::Path::new("content/briefs/civil/data.csv")),
            Some(3)
        )
    );
}

// ---------- Courses and calendars ----------

const COURSE: &str = "---\ntitle: 专利检索基础课\ntype: course\nlevel: beginner\nregistration: https://example.org/register\nsessions:\n  - {date: \"2025-10-14\", time: \"14:00–16:00\", place: \"图书馆 3 楼, 电子阅览室 B\", capacity: 40}\n  - {date: \"2025-11-04\", time: \"18:30-20:30\", online: \"https://meeting.example.org/123\"}\n  - {date: \"2025-12-01\"}\n---\n\n课程简介。\n";

fn course_site(today: &str) -> Site {
    let site = site_with("content/courses/intro/_index.md", COURSE);
    let options = ipportal::BuildOptions {
        today: Some(today.parse().unwrap()),
        ..site.options()
    };
    if let Err(d) = ipportal::build(&options) {
        panic!("{}", common::render(&d));
    }
    site
}

#[test]
fn sessions_are_upcoming_or_past_by_the_build_date() {
    let site = course_site("2025-11-01");
    let html = site.read("courses/intro/index.html");
    assert!(html.contains("<ol class=\"upcoming\"><li data-date=\"2025-11-04\">2025年11月4日 18:30-20:30  <a href=\"https://meeting.example.org/123\">online</a> <a class=\"register\" href=\"https://example.org/register\">register</a> </li><li data-date=\"2025-12-01\">"), "{html}");
    assert!(
        html.contains("<ol class=\"past\"><li data-date=\"2025-10-14\">2025年10月14日</li></ol>")
    );
    assert!(html.contains("<a class=\"ics\" href=\"/ipis/courses/intro/course.ics\">"));
    let home = site.read("index.html");
    assert!(home.contains("<ol class=\"next-sessions\"><li data-date=\"2025-11-04\"><a href=\"/ipis/courses/intro/\">专利检索基础课</a> 2025年11月4日 18:30-20:30</li><li data-date=\"2025-12-01\">"), "{home}");
    // Another day, another split.
    let site = course_site("2026-01-01");
    assert!(
        site.read("courses/intro/index.html")
            .contains("<ol class=\"upcoming\"></ol>")
    );
}

/// Checks the RFC 5545 rules a parser forgives: CRLF everywhere, lines of at most 75 octets.
fn strict_lines(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    for line in ics.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
}

#[test]
fn each_course_and_the_portal_export_icalendar_files() {
    use icalendar::{Component, EventLike};
    use std::str::FromStr;

    let site = course_site("2025-11-01");
    let ics = site.read("courses/intro/course.ics");
    strict_lines(&ics);
    let calendar = icalendar::Calendar::from_str(&icalendar::parser::unfold(&ics)).unwrap();
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    assert_eq!(events.len(), 3);
    let first = events[0];
    assert_eq!(first.get_summary(), Some("专利检索基础课"));
    assert_eq!(
        first.get_location(),
        Some("图书馆 3 楼, 电子阅览室 B"),
        "commas escaped and unescaped"
    );
    // 14:00 in China (+08:00) is 06:00 UTC.
    assert_eq!(
        first.get_start(),
        Some(icalendar::DatePerhapsTime::DateTime(
            icalendar::CalendarDateTime::Utc("2025-10-14T06:00:00Z".parse().unwrap())
        ))
    );
    assert!(first.get_uid().unwrap().ends_with("@lib.example.edu.cn"));
    assert!(first.get_timestamp().is_some());
    let all_day = events[2];
    assert_eq!(
        all_day.get_start(),
        Some(icalendar::DatePerhapsTime::Date(
            "2025-12-01".parse().unwrap()
        ))
    );
    assert!(icalendar::parser::unfold(&ics).contains(
        "DESCRIPTION:https://lib.example.edu.cn/ipis/courses/intro/\\nRegistration: https://example.org/register\r\n"
    ));
    // The portal's calendar has the upcoming sessions only, in each language.
    let all = site.read("sessions.ics");
    strict_lines(&all);
    let calendar = icalendar::Calendar::from_str(&icalendar::parser::unfold(&all)).unwrap();
    assert_eq!(
        calendar
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .count(),
        2
    );
    assert!(site.exists("en/sessions.ics"));
    // Same input, same date: the same bytes.
    let again = course_site("2025-11-01");
    assert_eq!(again.read("courses/intro/course.ics"), ics);
}

#[test]
fn a_wrong_session_is_an_error_on_its_line() {
    let site = site_with(
        "content/courses/intro/_index.md",
        &COURSE.replace(
            "{date: \"2025-12-01\"}",
            "{date: \"2025-12-01\", time: \"afternoon\"}",
        ),
    );
    let errors = site.build_errors();
    let e = find(&errors, "invalid session time `afternoon`");
    assert_eq!(
        e.file.as_deref(),
        Some(std::path::Path::new("content/courses/intro/_index.md"))
    );
    assert_eq!(e.line, Some(9));
    let site = site_with(
        "content/courses/intro/_index.md",
        &COURSE.replace("capacity: 40", "seats: 40"),
    );
    let errors = site.build_errors();
    assert_eq!(find(&errors, "unknown session field `seats`").line, Some(7));
}

// ---------- IPC ----------

#[test]
fn ipc_codes_classify_pages_by_subclass_with_titles() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/guides/joints.md",
        page("summary: s\nipc: [E04B 1/21, E04B1/38]\n", "节点。"),
    );
    site.write(
        "content/guides/walls.md",
        page("summary: s\nipc: [\"E04B0002000000\", E04G]\n", "墙。"),
    );
    site.write(
        "content/guides/search.md",
        page("summary: s\nipc: [G06F 16/33]\n", "检索。"),
    );
    site.build_ok();
    let index = site.read("ipc/index.html");
    assert!(index.contains("<li data-code=\"E\">E 固定建筑物<ol><li data-code=\"E04\">E04 建筑物<ul><li><a href=\"/ipis/ipc/e04b/\">E04B</a> (2)</li><li><a href=\"/ipis/ipc/e04g/\">E04G</a> (1)</li></ul>"), "{index}");
    assert!(index.find("data-code=\"E\"").unwrap() < index.find("data-code=\"G\"").unwrap());
    let e04b = site.read("ipc/e04b/index.html");
    assert!(e04b.contains("<p class=\"lineage\">E 固定建筑物 / E04 建筑物</p>"));
    assert!(e04b.contains("<section class=\"group\" data-code=\"E04B 1/00\"><div class=\"subgroup\" data-code=\"E04B 1/21\"><p>Test page</p></div><div class=\"subgroup\" data-code=\"E04B 1/38\">"), "{e04b}");
    assert!(
        e04b.contains(
            "<section class=\"group\" data-code=\"E04B 2/00\"><p>Test page</p></section>"
        )
    );
    assert!(
        site.read("ipc/e04g/index.html")
            .contains("<ul class=\"own\"><li>Test page</li></ul>")
    );
    let page = site.read("guides/joints/index.html");
    assert!(page.contains("<a href=\"/ipis/ipc/e04b/\" data-link=\"https://ipcpub.wipo.int/?notion=scheme&amp;symbol=E04B0001210000&amp;menulang=zh\">E04B 1/21</a>"), "{page}");
}

#[test]
fn ipc_codes_in_text_are_recognised_and_linked() {
    let site = site_with(
        "content/guides/codes.md",
        &page(
            "summary: s\n",
            "主分类号为G06F16/33，另见 E04B 1/98；`H01M 10/613` 在代码里，Y02E 10/50 是 CPC。",
        ),
    );
    site.build_ok();
    let html = site.read("guides/codes/index.html");
    assert!(html.contains("主分类号为<a class=\"ipc-code\" href=\"https://ipcpub.wipo.int/?notion=scheme&amp;symbol=G06F0016330000&amp;menulang=zh\" data-ipc=\"G06F 16/33\" rel=\"external noopener\">G06F16/33</a>，"), "{html}");
    assert!(html.contains("data-ipc=\"E04B 1/98\""));
    assert!(!html.contains("data-ipc=\"H01M 10/613\"") && !html.contains("data-ipc=\"Y02E"));
    site.edit("site.toml", |config| {
        format!("{config}\n[ipc]\nlink = false\n")
    });
    site.build_ok();
    assert!(
        site.read("guides/codes/index.html")
            .contains("<span class=\"ipc-code\" data-ipc=\"G06F 16/33\">G06F16/33</span>")
    );
}

#[test]
fn a_wrong_ipc_code_in_front_matter_is_an_error_on_its_line() {
    let site = site_with(
        "content/guides/bad.md",
        &page("summary: s\nipc:\n  - G06F 16/33\n  - G06F 16\n", "x"),
    );
    let errors = site.build_errors();
    let e = find(&errors, "`G06F 16` is not an IPC code");
    assert_eq!(
        (e.file.as_deref(), e.line),
        (Some(std::path::Path::new("content/guides/bad.md")), Some(6))
    );
}

// ---------- Shortcodes ----------

#[test]
fn shortcodes_render_callouts_figures_downloads_and_terms() {
    let site = Site::fixture("bilingual");
    let body = "{{< callout kind=\"warning\" >}}\n**Check** the number.\n{{< /callout >}}\n\n{{< figure src=\"workflow.svg\" alt=\"流程\" caption=\"查新流程\" >}}\n\n{{< download file=\"workflow.svg\" title=\"流程图\" >}}\n\n一组{{< term zh=\"同族专利\" en=\"patent family\" >}}。\n\n`{{< term >}}` stays code.\n";
    site.write(
        "content/guides/with-assets/index.md",
        page("summary: s\n", body),
    );
    site.build_ok();
    let html = site.read("guides/with-assets/index.html");
    assert!(html.contains("<aside class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">注意</p>\n<p><strong>Check</strong> the number.</p>\n</aside>"), "{html}");
    assert!(html.contains("<figure class=\"figure\"><img src=\"workflow.svg\" alt=\"流程\" loading=\"lazy\"><figcaption>查新流程</figcaption></figure>"));
    let size = std::fs::metadata(site.root.join("content/guides/with-assets/workflow.svg"))
        .unwrap()
        .len();
    assert!(html.contains(&format!("<p class=\"download\"><a href=\"workflow.svg\" download><span class=\"visually-hidden\">下载: </span>流程图</a> <span class=\"download-meta\">SVG · {}", if size < 1024 { format!("{size} B") } else { format!("{} KB", size.div_ceil(1024)) })), "{html}");
    assert!(html.contains("一组<dfn class=\"term\" lang=\"zh\">同族专利</dfn><span class=\"term-other\">（<span lang=\"en\">patent family</span>）</span>。"));
    assert!(html.contains("<code>{{&lt; term &gt;}}</code>"));
}

#[test]
fn shortcode_mistakes_are_errors_with_file_and_line() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/guides/bad.md",
        page(
            "summary: s\n",
            "text\n\n{{< calout kind=\"tip\" >}}\n\n{{< figure src=\"missing.png\" alt=\"x\" >}}\n\n{{< term zh=\"专利\" >}}\n\n{{< chart kind=\"by_year\" >}}\n",
        ),
    );
    let errors = site.build_errors();
    let file = Some(std::path::Path::new("content/guides/bad.md"));
    let e = find(&errors, "unknown shortcode `calout`");
    assert_eq!(
        (e.file.as_deref(), e.line, e.column),
        (file, Some(8), Some(1))
    );
    assert_eq!(e.help.as_deref(), Some("did you mean `callout`?"));
    let e = find(&errors, "names `missing.png`, which does not exist");
    assert_eq!((e.file.as_deref(), e.line), (file, Some(10)));
    assert_eq!(find(&errors, "needs `en=\"…\"`").line, Some(12));
    assert_eq!(find(&errors, "no `by_year` chart").line, Some(14));
}

// ---------- The bundled portal ----------

#[test]
fn the_bundled_portal_uses_every_feature() {
    let site = Site::copy_of(std::path::Path::new(env!("CARGO_MANIFEST_DIR")));
    let options = ipportal::BuildOptions {
        today: Some("2026-06-01".parse().unwrap()),
        ..site.options()
    };
    ipportal::build(&options).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    let guide = site.read("guides/patent-databases/index.html");
    for needle in [
        "data-patent=\"US20200123456A1\"",
        "class=\"cited-patents\"",
        "callout-warning",
        "<dfn class=\"term\"",
    ] {
        assert!(guide.contains(needle), "{needle}");
    }
    let request = site.read("guides/novelty-search-request/index.html");
    assert!(request.contains("<figure class=\"figure\">") && request.contains("PDF · "));
    let brief = site.read("briefs/new-energy-vehicles/index.html");
    assert_eq!(svgs(&brief).len(), 3, "by year, applicants, IPC");
    assert!(brief.contains("示例数据") && brief.contains("YAML · "));
    assert!(
        site.read("ipc/h01m/index.html")
            .contains("动力电池热管理专利简报")
    );
    let course = site.read("courses/patent-search-101/index.html");
    assert!(
        course.contains("/courses/patent-search-101/course.ics") && course.contains("2027年3月9日")
    );
    assert!(site.read("sessions.ics").contains("SUMMARY:专利检索基础"));
    assert!(site.read("index.html").contains("latest-sessions"));
    let case = site.read("cases/bridge-prefiling-portfolio/index.html");
    assert!(case.contains("case-summary") && case.contains("case-outcome"));
    let cases = site.read("en/cases/index.html");
    assert!(
        cases.contains("class=\"case-filters\"")
            && cases.contains("data-disciplines=\"civil-engineering \"")
    );
}
