//! Charts drawn from an export shaped like a real Lens.org one (issue 25):
//! `tests/fixtures/exports/lens-real-shaped.csv`, written by `tools/gen_real_shaped_export.py`
//! (276 records, 2005–2024, 42 IPC subclasses by first code, long English applicant names, 11
//! applicants tied at 3 for places 9–10, no Kind and no Legal Status column).

use crate::common::Site;
use crate::exports::{brief_site, fixture, table};

const PAGE_ZH: &str = "briefs/civil/index.html";
const PAGE_EN: &str = "en/briefs/civil/index.html";

/// The bilingual fixture's brief counted from the real-shaped export, with `extra` front matter.
fn real_shaped(extra: &str) -> Site {
    let site = brief_site("export.csv", &fixture("lens-real-shaped.csv"), extra);
    site.build_ok();
    site
}

/// The texts of the SVG elements matching `selector` in chart `kind`.
fn svg_texts(html: &str, kind: &str, selector: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(&format!("#chart-{kind} svg {selector}")).unwrap();
    doc.select(&selector)
        .map(|e| e.text().collect::<String>())
        .collect()
}

#[test]
fn long_applicant_names_show_their_beginning_and_keep_the_whole_name() {
    let site = real_shaped("");
    let zh = site.read(PAGE_ZH);
    let labels = svg_texts(&zh, "applicants", "text.label");
    let titles = svg_texts(&zh, "applicants", "g > title");
    for name in [
        "BEIJING XIAOMI MOBILE SOFTWARE CO LTD",
        "OPPO MOBILE TELECOMMUNICATIONS CORP LTD",
    ] {
        let label = labels
            .iter()
            .find(|l| l.starts_with(&name[..12]))
            .unwrap_or_else(|| panic!("no label starting like {name}: {labels:?}"));
        assert!(
            label == name
                || (label.ends_with('…') && name.starts_with(label.trim_end_matches('…'))),
            "{label}"
        );
        if label != name {
            assert!(titles.iter().any(|t| t == name), "{name} not in {titles:?}");
        }
        let rows = table(&zh, "applicants");
        assert!(rows.iter().any(|r| r[0] == name), "{name} not in the table");
    }
    // The longest name is shortened, the short ones are not.
    assert!(labels.iter().any(|l| l.ends_with('…')), "{labels:?}");
    assert!(labels.iter().any(|l| l == "ZTE CORPORATION"), "{labels:?}");
}

#[test]
fn count_axes_tick_by_whole_numbers() {
    let site = real_shaped("");
    let zh = site.read(PAGE_ZH);
    for kind in ["applicants", "by_year"] {
        let ticks = svg_texts(&zh, kind, "text.tick");
        let numbers: Vec<&String> = ticks.iter().filter(|t| !t.starts_with("20")).collect();
        let mut seen = numbers.clone();
        seen.dedup();
        assert_eq!(seen, numbers, "{kind}: repeated ticks {ticks:?}");
    }
    // A brief whose largest count is 2: the axis reads 0 1 2.
    let small = b"Display Key,Earliest Priority Date,Applicants\nCN 110000001 A,2020-01-01,A CO\nCN 110000002 A,2020-02-01,A CO\nCN 110000003 A,2021-02-01,B CO\n";
    let site = brief_site("export.csv", small, "");
    site.build_ok();
    let zh = site.read(PAGE_ZH);
    assert_eq!(svg_texts(&zh, "applicants", "text.tick"), ["0", "1", "2"]);
    let years = svg_texts(&zh, "by_year", "text.tick");
    assert_eq!(years[..3], ["0", "1", "2"], "{years:?}");
}

#[test]
fn words_follow_the_export() {
    let site = real_shaped("");
    let zh = site.read(PAGE_ZH);
    let en = site.read(PAGE_EN);
    // 11 applicants tie at 3 for places 9–19: two are shown, nine are named in the description.
    assert_eq!(table(&zh, "applicants").len(), 10);
    assert!(
        zh.contains("另有 9 位申请人同为 3 件，图中未列出。"),
        "{}",
        desc(&zh, "applicants")
    );
    assert!(desc(&en, "applicants").contains(" 9 more applicants also have 3 each"));
    // An export counts each record once, under its first code.
    assert!(desc(&zh, "ipc").contains("每件专利只按第一个分类号计一次"));
    assert!(!desc(&zh, "ipc").contains("多个分类号"));
    assert!(desc(&en, "ipc").contains("Each record counts once, under its first code."));
    // No year is incomplete: the table's caption does not explain a `*`.
    assert!(!figure(&zh, "by_year").contains('*'));
    assert!(!figure(&en, "by_year").contains("incomplete"));
    let marked = real_shaped("incomplete_from: 2023\n");
    let en = marked.read(PAGE_EN);
    assert!(figure(&en, "by_year").contains("Chart data (* incomplete)"));
}

/// The chart `kind` of a built page: its `<figure>` element's HTML.
fn figure(html: &str, kind: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(&format!("#chart-{kind}")).unwrap();
    let found = doc.select(&selector).next();
    found.unwrap_or_else(|| panic!("no chart {kind}")).html()
}

/// The written description of chart `kind`.
fn desc(html: &str, kind: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(&format!("#chart-{kind} .chart-desc")).unwrap();
    doc.select(&selector)
        .map(|e| e.text().collect::<String>())
        .collect()
}

#[test]
fn the_ipc_chart_shows_the_top_subclasses_and_one_other_bar() {
    let site = real_shaped("");
    let zh = site.read(PAGE_ZH);
    let labels = svg_texts(&zh, "ipc", "text.label");
    // 42 subclasses: the 12 largest, then one bar for the other 30 (60 of 276 records).
    assert_eq!(labels.len(), 13, "{labels:?}");
    assert_eq!(labels[..3], ["H04W", "H04L", "G06F"]);
    assert_eq!(labels[12], "其他");
    let values = svg_texts(&zh, "ipc", "text.value");
    assert_eq!(values[12], "21.7%");
    assert!(desc(&zh, "ipc").contains("其余 30 个合为“其他”"));
    // The table keeps every subclass.
    let subclasses = table(&zh, "ipc").iter().filter(|r| r[0].len() == 4).count();
    assert_eq!(subclasses, 42);
    // The brief can ask for fewer bars; a count that is not one is an error on its line.
    let five = real_shaped("ipc_top: 5\n");
    let en = five.read(PAGE_EN);
    let labels = svg_texts(&en, "ipc", "text.label");
    assert_eq!(labels.len(), 6, "{labels:?}");
    assert_eq!(labels[5], "Other");
    let bad = brief_site(
        "export.csv",
        &fixture("lens-real-shaped.csv"),
        "ipc_top: 0\n",
    );
    let errors = crate::common::render(&bad.build_errors());
    assert!(
        errors.contains("`ipc_top` must be a whole number from 1 to 100, found 0"),
        "{errors}"
    );
    assert!(errors.contains("index.md:6"), "{errors}");
}

#[test]
fn the_method_note_says_which_charts_the_export_could_not_give() {
    let site = real_shaped("");
    let zh = site.read(PAGE_ZH);
    let en = site.read(PAGE_EN);
    // No Legal Status column: no legal status chart, and the note says why.
    assert!(!zh.contains("id=\"chart-legal_status\""));
    let note = |html: &str| {
        let doc = scraper::Html::parse_document(html);
        let selector = scraper::Selector::parse(".data-note li").unwrap();
        doc.select(&selector)
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        note(&zh),
        ["导出文件没有法律状态列，因此没有法律状态分布图。"]
    );
    assert!(zh.contains("<h2 id=\"data-note-h\">数据说明</h2>"));
    assert_eq!(
        note(&en),
        ["The export has no legal status column, so there is no legal status chart."]
    );
    // The Lens sample has a Legal Status column: no note.
    let full = brief_site("lens.csv", &fixture("lens.csv"), "");
    full.build_ok();
    assert!(note(&full.read(PAGE_ZH)).is_empty());
}

#[test]
fn key_patents_show_what_the_export_tells_of_them() {
    let site = real_shaped("");
    let zh = site.read(PAGE_ZH);
    // Record 1 is among the most cited (45): its title, first applicant, year and citations.
    let facts = "Antenna module and electronic device (1)|EXAMPLE TIED APPLICANT 11 WIRELESS TECHNOLOGY CO LTD|2005|45";
    assert!(
        zh.contains(facts),
        "{}",
        &zh[zh.find("key-patents").unwrap_or(0)..]
    );
}
