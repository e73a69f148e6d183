//! Charts drawn from an export shaped like a real Lens.org one (issue 25):
//! `tests/fixtures/exports/lens-real-shaped.csv`, written by `tools/gen_real_shaped_export.py`
//! (276 records, 2005–2024, 42 IPC subclasses by first code, long English applicant names, 11
//! applicants tied at 3 for places 9–10, no Kind and no Legal Status column).

use crate::common::Site;
use crate::exports::{brief_site, fixture, table};

const PAGE_ZH: &str = "briefs/civil/index.html";

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
