//! Hostile and huge input on the fixture portal: it ends fast, with a short report naming the
//! file and line, and never with a panic or a wrapped number.

use crate::common;

use std::path::Path;

use common::{Site, find, page};
use ipportal::base::diagnostics::Code;

/// Front matter whose aliases expand to `width`^`levels` values in a few kilobytes.
fn alias_bomb(levels: usize, width: usize) -> String {
    let mut yaml = format!("a0: &a0 [{}]\n", vec!["0"; width].join(","));
    for level in 1..levels {
        let aliases = vec![format!("*a{}", level - 1); width].join(",");
        yaml.push_str(&format!("a{level}: &a{level} [{aliases}]\n"));
    }
    yaml
}

fn site_with(path: &str, text: &str) -> Site {
    let site = Site::fixture("bilingual");
    site.write(path, text);
    site
}

// ---------- Front matter ----------

#[test]
fn an_alias_bomb_in_front_matter_is_an_error_on_its_line() {
    // 10^12 values in about 16 KB: `extra` is a free map, so nothing else stops it.
    let yaml = alias_bomb(4, 1000).replace('\n', "\n  ");
    let text = format!("---\ntitle: Bomb\nextra:\n  {yaml}\n---\n\nbody\n");
    let site = site_with("content/guides/bomb.md", &text);
    let errors = site.build_errors();
    let e = find(&errors, "too many values");
    assert_eq!(e.code, Code::FrontMatterSyntax);
    assert_eq!(e.file.as_deref(), Some(Path::new("content/guides/bomb.md")));
    // The line of the first alias.
    assert_eq!(e.line, Some(5), "{}", common::render(&errors));
}

#[test]
fn serve_reads_an_edited_page_within_the_same_limits() {
    let site = Site::fixture("bilingual");
    let mut loaded = ipportal::Site::load(&site.options()).unwrap();
    let file = "content/guides/reading-claims.md";
    let index = loaded.page_index(Path::new(file)).unwrap();
    let yaml = alias_bomb(4, 1000).replace('\n', "\n  ");
    site.edit(file, |text| {
        text.replacen("---\n", &format!("---\nextra:\n  {yaml}\n"), 1)
    });
    let output = ipportal::output::Output::dry_run();
    let errors = loaded.update_page(index, &output).err().unwrap();
    let e = find(&errors, "too many values");
    assert_eq!(e.file.as_deref(), Some(Path::new(file)));
    assert_eq!(e.line, Some(4));
}

#[test]
fn long_lists_and_many_errors_in_front_matter_give_a_short_report() {
    // 8,000 list items, 8,000 unknown fields and 8,000 unknown terms: each item looked up once,
    // not once per item, and 20 errors of each kind reported.
    let items = "  - H01M\n".repeat(8_000);
    let fields: String = (0..8_000).map(|i| format!("f{i}: 1\n")).collect();
    let terms: String = (0..8_000).map(|i| format!("  - t{i}\n")).collect();
    let site = site_with(
        "content/guides/long-lists.md",
        &page(
            &format!("summary: s\nipc:\n{items}{fields}disciplines:\n{terms}"),
            "body",
        ),
    );
    let errors = site.build_errors();
    let reported = errors_in(&errors, "content/guides/long-lists.md");
    assert_eq!(reported.len(), 42, "{reported:#?}");
    assert!(
        reported.contains(&"8005: unknown page field `f0`".to_string()),
        "{reported:#?}"
    );
    assert!(reported.contains(&"8025: and 7,980 more errors in this file".to_string()));
    let terms_from = 16_006;
    assert!(
        reported
            .iter()
            .any(|r| r.starts_with(&format!("{terms_from}: unknown disciplines term `t0`")))
    );
    let summary = format!("{}: and 7,980 more errors in this file", terms_from + 20);
    assert!(reported.contains(&summary), "{reported:#?}");
}

#[test]
fn many_unsafe_links_in_front_matter_give_a_short_report() {
    // 3,000 sessions with a script link each: the line of a link is looked for only for the 20
    // errors shown.
    let sessions: String = (0..3_000)
        .map(|i| format!("  - date: 2025-10-14\n    online: \"javascript:{i}\"\n"))
        .collect();
    let text = format!(
        "---\ntitle: 课程\ntype: course\nlevel: beginner\nsessions:\n{sessions}---\n\nbody\n"
    );
    let site = site_with("content/courses/intro/_index.md", &text);
    let errors = site.build_errors();
    let reported = errors_in(&errors, "content/courses/intro/_index.md");
    assert_eq!(reported.len(), 21, "{reported:#?}");
    assert!(reported[0].starts_with("7: `online`"), "{reported:#?}");
    assert!(reported[19].starts_with("45: `online`"), "{reported:#?}");
    assert!(reported[20].ends_with("and 2,980 more errors in this file"));
}

#[test]
fn deeply_nested_front_matter_is_an_error_on_its_line() {
    let nested = format!("{}{}", "[".repeat(50_000), "]".repeat(50_000));
    let text = page(&format!("extra: {{deep: {nested}}}\n"), "body");
    let site = site_with("content/guides/deep.md", &text);
    let errors = site.build_errors();
    let e = find(&errors, "recursion limit exceeded");
    assert_eq!(e.code, Code::FrontMatterSyntax);
    assert_eq!(e.file.as_deref(), Some(Path::new("content/guides/deep.md")));
    assert_eq!(e.line, Some(3));
}

#[test]
fn front_matter_over_256_kib_is_refused_unread() {
    let long = "x".repeat(300 * 1024);
    let site = site_with(
        "content/guides/long.md",
        &page(&format!("summary: {long}\n"), "body"),
    );
    let errors = site.build_errors();
    let e = find(&errors, "at most 256 KiB");
    assert_eq!(e.code, Code::FrontMatterSyntax);
    assert_eq!(e.line, Some(2));
}

// ---------- Brief data files ----------

const BRIEF: &str = "content/briefs/civil";

/// The fixture's brief with its data in `data.csv`.
fn brief_with_csv(csv: &str) -> Site {
    let site = site_with(&format!("{BRIEF}/data.csv"), csv);
    for f in ["index.md", "index.en.md"] {
        site.edit(&format!("{BRIEF}/{f}"), |t| {
            t.replace("data.yaml", "data.csv")
        });
    }
    site
}

fn errors_in(errors: &[ipportal::Diagnostic], file: &str) -> Vec<String> {
    errors
        .iter()
        .filter(|e| e.file.as_deref() == Some(Path::new(file)))
        .map(|e| format!("{}: {}", e.line.unwrap_or(0), e.message))
        .collect()
}

#[test]
fn a_200_000_row_csv_of_bad_rows_reports_20_errors_and_a_count() {
    let mut csv = String::from("table,key,count\nmeta,illustrative,true\n");
    for i in 0..200_000 {
        csv.push_str(&format!("by_year,{},many\n", 1000 + i % 9000));
    }
    let site = brief_with_csv(&csv);
    let errors = site.build_errors();
    let reported = errors_in(&errors, &format!("{BRIEF}/data.csv"));
    assert_eq!(reported.len(), 21, "{reported:#?}");
    assert_eq!(reported[0], "3: count `many` is not a whole number");
    assert_eq!(reported[20], "23: and 199,980 more errors in this file");
    // What `check` prints stays short.
    let (code, stdout, stderr) = site.check(&[]);
    assert_eq!(code, Some(1));
    let lines = stdout.lines().count() + stderr.lines().count();
    assert!(lines < 200, "{lines} lines");
}

#[test]
fn a_200_000_row_yaml_file_is_read_and_its_errors_capped() {
    let mut yaml = String::from(
        "meta: {illustrative: true}\nby_year: [{year: 2024, applications: 1}]\napplicants:\n",
    );
    for i in 0..200_000 {
        yaml.push_str(&format!("  - {{name_en: Applicant {i}, count: {i}}}\n"));
    }
    let site = site_with(&format!("{BRIEF}/data.yaml"), &yaml);
    site.build_ok();
    let html = site.read("briefs/civil/index.html");
    assert!(html.contains("Applicant 199999"));

    // The same rows with a wrong IPC code each.
    let mut yaml = String::from("meta: {illustrative: true}\nipc:\n");
    for i in 0..200_000 {
        yaml.push_str(&format!("  - {{code: X{i}, count: 1}}\n"));
    }
    site.write(&format!("{BRIEF}/data.yaml"), &yaml);
    let errors = site.build_errors();
    let reported = errors_in(&errors, &format!("{BRIEF}/data.yaml"));
    assert_eq!(reported.len(), 21, "{reported:#?}");
    assert!(reported[0].starts_with("3: `X0` is not an IPC code"));
    assert_eq!(reported[20], "23: and 199,980 more errors in this file");
}

#[test]
fn years_and_counts_out_of_range_are_errors_on_their_rows() {
    let site = site_with(
        &format!("{BRIEF}/data.yaml"),
        "meta: {illustrative: true}\nby_year:\n  - {year: -2147483648, applications: 1}\n  - {year: 2023, applications: 18446744073709551615}\napplicants:\n  - {name_en: A, count: 18446744073709551615}\n  - {name_en: B, count: 18446744073709551615}\n",
    );
    let errors = site.build_errors();
    let file = format!("{BRIEF}/data.yaml");
    let reported = errors_in(&errors, &file);
    assert_eq!(
        reported,
        [
            "3: year -2147483648 is not a year: expected four digits, e.g. 2024",
            "4: count 18446744073709551615 is not a plausible number of filings: expected at most 1,000,000,000,000",
            "6: count 18446744073709551615 is not a plausible number of filings: expected at most 1,000,000,000,000",
            "7: count 18446744073709551615 is not a plausible number of filings: expected at most 1,000,000,000,000",
        ]
    );

    let site = brief_with_csv(
        "table,key,count\nmeta,illustrative,true\nmeta,incomplete_from,-2147483648\nby_year,2022,1\n",
    );
    let errors = site.build_errors();
    let reported = errors_in(&errors, &format!("{BRIEF}/data.csv"));
    assert_eq!(
        reported,
        ["3: incomplete_from `-2147483648` is not a year: expected four digits, e.g. 2024"]
    );
    site.write(
        &format!("{BRIEF}/data.csv"),
        "table,key,count\nmeta,illustrative,true\nby_year,2022,1\nipc,E04B,18446744073709551615\nipc,E04C,18446744073709551615\n",
    );
    let errors = site.build_errors();
    let reported = errors_in(&errors, &format!("{BRIEF}/data.csv"));
    assert_eq!(reported.len(), 2, "{reported:#?}");
    assert!(reported[0].starts_with("4: count 18446744073709551615"));
    assert!(reported[1].starts_with("5: count 18446744073709551615"));
}

#[test]
fn charts_whose_counts_are_all_zero_are_empty_with_a_note() {
    let site = site_with(
        &format!("{BRIEF}/data.yaml"),
        "meta: {illustrative: true}\nby_year:\n  - {year: 2022, applications: 0}\n  - {year: 2023, applications: 0, grants: 0}\napplicants:\n  - {name_en: A, count: 0}\nipc:\n  - {code: E04B 1/21, count: 0}\nlegal_status:\n  - {status: active, count: 0}\n",
    );
    site.build_ok();
    let html = site.read("en/briefs/civil/index.html");
    let charts: Vec<&str> = html.split("<svg").skip(1).collect();
    assert_eq!(charts.len(), 4, "{html}");
    assert_eq!(
        html.matches("All counts are zero.").count(),
        8,
        "in each desc and caption"
    );
    for chart in charts {
        let svg = format!("<svg{}</svg>", chart.split("</svg>").next().unwrap());
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
        for node in doc.descendants() {
            for name in [
                "x", "y", "x1", "x2", "y1", "y2", "width", "height", "cx", "cy",
            ] {
                if let Some(value) = node.attribute(name) {
                    let number: f64 = value.parse().unwrap_or_else(|_| panic!("{name}={value}"));
                    assert!(number.is_finite(), "{name}={value} in {svg}");
                }
            }
        }
        assert!(!svg.contains("NaN"), "{svg}");
    }
}

// ---------- site.toml ----------

#[test]
fn a_cache_lifetime_that_overflows_the_clock_is_a_config_error() {
    let site = Site::fixture("bilingual");
    site.edit("site.toml", |t| {
        format!("{t}\n[check]\ncache_days = 300000000000000\n")
    });
    let errors = site.build_errors();
    let e = find(&errors, "cache_days");
    assert_eq!(e.code, Code::ConfigInvalid);
    assert_eq!(e.file.as_deref(), Some(Path::new("site.toml")));
    assert!(e.line.is_some());
    assert!(e.message.contains("at most 3650"), "{}", e.message);
}

// ---------- Course sessions ----------

#[test]
fn a_late_session_without_an_end_time_ends_the_next_day() {
    use icalendar::{CalendarDateTime, Component, DatePerhapsTime};
    use std::str::FromStr;

    let site = site_with(
        "content/courses/late/_index.md",
        "---\ntitle: Late course\ntype: course\nlevel: beginner\nsessions:\n  - {date: \"2025-10-14\", time: \"23:00\"}\n---\n\ntext\n",
    );
    let options = ipportal::BuildOptions {
        today: Some("2025-10-01".parse().unwrap()),
        ..site.options()
    };
    ipportal::build(&options).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    let ics = site.read("courses/late/course.ics");
    let calendar = icalendar::Calendar::from_str(&icalendar::parser::unfold(&ics)).unwrap();
    let event = calendar.components[0].as_event().unwrap();
    let utc = |s: &str| {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(
            s.parse().unwrap(),
        )))
    };
    // 23:00 in China (+08:00) is 15:00 UTC; two hours later is 01:00 the next day there.
    assert_eq!(event.get_start(), utc("2025-10-14T15:00:00Z"));
    assert_eq!(event.get_end(), utc("2025-10-14T17:00:00Z"));
}
