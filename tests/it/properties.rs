//! Property tests: generated and mutated input of every kind an editor or a data export can
//! produce — front matter, Markdown with shortcodes, brief data (CSV and YAML), `site.toml`,
//! search text — fed through the library functions that read it. Each property asserts that
//! nothing panics, that every error names a file and a line, and that each case ends within
//! [`BOUND`]. The number of cases is set per property and printed (`--nocapture` shows it).
//!
//! The generator is seeded the same way on every run, so CI is reproducible; set
//! `IPPORTAL_PROPTEST_SEED` to a number to explore other cases. Failures are not persisted to
//! files: each input found failing is kept below as a regular test (the corpus).

use std::cell::Cell;
use std::fmt::Debug;
use std::path::Path;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};

use ipportal::Diagnostic;
use ipportal::base::i18n::Strings;
use ipportal::config::{self, Config};
use ipportal::content;
use ipportal::content::ip as content_ip;
use ipportal::ip::{self, brief, calendar, chart};
use ipportal::markdown::{self, RenderInput, highlight::Highlighter, links::LinkMap};
use ipportal::search::tokenize::tokenize;

/// The longest any one case may take (they take milliseconds).
const BOUND: Duration = Duration::from_secs(5);

/// Runs `test` on `cases` inputs from `strategy`; fails on the first input that fails or panics,
/// after shrinking it. `test` returns how many errors the input gave, so that the report says
/// how many cases reached the error paths.
fn check<S>(name: &str, cases: u32, strategy: S, test: impl Fn(&S::Value) -> Result<usize, String>)
where
    S: Strategy,
    S::Value: Debug,
{
    let config = RunnerConfig {
        cases,
        failure_persistence: None,
        ..RunnerConfig::default()
    };
    let seed: u64 = std::env::var("IPPORTAL_PROPTEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(11);
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let (ran, with_errors) = (Cell::new(0u32), Cell::new(0u32));
    let result = runner.run(&strategy, |input| {
        ran.set(ran.get() + 1);
        let started = Instant::now();
        let errors = test(&input).map_err(TestCaseError::fail)?;
        with_errors.set(with_errors.get() + u32::from(errors > 0));
        let took = started.elapsed();
        prop_assert!(took < BOUND, "took {took:?}");
        Ok(())
    });
    eprintln!(
        "property {name}: {} cases run, {} of them with errors",
        ran.get(),
        with_errors.get()
    );
    if let Err(e) = result {
        panic!("property {name} failed: {e}");
    }
}

/// Every diagnostic names a file and a line of it; returns how many are errors.
fn located(diagnostics: &[Diagnostic]) -> Result<usize, String> {
    match diagnostics
        .iter()
        .find(|d| d.file.is_none() || d.line.is_none_or(|l| l == 0))
    {
        Some(d) => Err(format!("not located: {d:?}")),
        None => Ok(diagnostics.iter().filter(|d| d.is_error()).count()),
    }
}

// ---------- Generators ----------

/// Pieces that have broken parsers before: syntax of each format, extreme numbers, odd text.
const NASTY: &[&str] = &[
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\0",
    "\u{feff}",
    "\u{202e}",
    "\u{301}",
    "é",
    "专利",
    "😀",
    "---",
    "---\n",
    ":",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "*b",
    "!!binary ",
    "!tag ",
    "'",
    "\"",
    "\\",
    "#",
    "|",
    ">",
    "~",
    "null",
    "true",
    "-2147483648",
    "2147483648",
    "18446744073709551615",
    "18446744073709551616",
    "-1",
    "0",
    "1e999",
    ".nan",
    "-.inf",
    "0x7fffffffffffffff",
    "9999-12-31",
    "0000-01-01",
    "2025-02-30",
    "23:00",
    "24:00",
    "23:59",
    "{{<",
    ">}}",
    "{{< /callout >}}",
    "{{< callout >}}",
    "{{< callout kind=\"x\" >}}",
    "{{< chart kind=\"by_year\" >}}",
    "{{< figure src=\"x.png\" alt=\"\" >}}",
    "{{< download file=\"/a.pdf\" >}}",
    "{{< term zh=\"专利\" en=\"patent\" >}}",
    "{{< nopatent >}}",
    "{{< /nopatent >}}",
    "```",
    "`",
    "*",
    "_",
    "[x](@/a.md#b)",
    "](",
    "<!-- more -->",
    "## ",
    "{#50%}",
    "[^1]",
    "[^1]: x",
    "CN112345678A",
    "US 10,000,000 B2",
    "G06F 16/33",
    "H01M",
    "javascript:",
    "%",
    "&amp;",
    "<",
    "=",
    ";",
    "[[",
    "]]",
    "[check]",
    "cache_days = 300000000000000",
    "paginate_by = 0",
    "[languages.\"\"]",
    "=\"\"",
];

fn nasty() -> impl Strategy<Value = String> {
    prop::sample::select(NASTY).prop_map(str::to_string)
}

/// `seed` with up to a dozen edits: pieces inserted, bytes deleted, spans repeated.
fn mutated(seeds: &'static [&'static str]) -> impl Strategy<Value = String> {
    let edit = (any::<usize>(), 0u8..4, nasty(), 0usize..64);
    (
        prop::sample::select(seeds),
        prop::collection::vec(edit, 0..12),
    )
        .prop_map(|(seed, edits)| {
            let mut text = seed.to_string();
            for (at, op, piece, n) in edits {
                let at = text.floor_char_boundary(at % (text.len() + 1));
                let end = text.floor_char_boundary((at + n).min(text.len()));
                match op {
                    0 => text.insert_str(at, &piece),
                    1 => text.replace_range(at..end, ""),
                    2 => text.replace_range(at..end, &piece),
                    _ => {
                        let span = text[at..end].to_string();
                        text.insert_str(at, &span.repeat(3));
                    }
                }
            }
            text
        })
}

/// Text made of pieces: `words` and the nasty ones.
fn pieces(words: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(words).prop_map(str::to_string),
        1 => nasty(),
    ];
    prop::collection::vec(piece, 0..max).prop_map(|p| p.concat())
}

// ---------- Front matter ----------

const PAGES: &[&str] = &[
    "---\ntitle: 专利检索入门\ndate: 2025-03-01\nsummary: 从哪里开始\ntags: [检索, 入门]\n---\n\n正文。\n",
    "---\ntitle: Brief\ntype: brief\ndata: data.yaml\ndisciplines:\n  - civil-engineering\nipc: [G06F 16/33, H01M]\nextra: {a: 1, b: [x, y]}\n---\nbody\n",
    "---\ntitle: Course\ntype: course\nregistration: https://example.org/r\nsessions:\n  - {date: \"2025-10-14\", time: \"14:00–16:00\", place: \"B\", capacity: 40}\n  - {date: \"2025-11-04\", time: \"23:00\"}\n  - date: 2025-12-01\n---\n",
    "---\ntitle: x\nweight: 3\ndraft: false\nslug: x\naliases: [/old/]\nsort_by: weight\npaginate_by: 5\nupdated: 2025-03-01T09:30:00+08:00\n---\n",
    "---\ntitle: &t Anchored\nsummary: *t\nextra: &e {k: [1, 2, 3]}\ntemplate: page.html\n---\n",
];

const FIELD_WORDS: &[&str] = &[
    "title: ",
    "date: ",
    "updated: ",
    "summary: ",
    "weight: ",
    "draft: ",
    "slug: ",
    "aliases: ",
    "type: ",
    "extra: ",
    "ipc: ",
    "disciplines: ",
    "tags: ",
    "sessions: ",
    "data: ",
    "sort_by: ",
    "paginate_by: ",
    "search: ",
    "template: ",
    "registration: ",
    "course",
    "brief",
    "guide",
    "{date: 2025-10-14, time: \"",
    "\"}",
    "  - ",
    "\n",
    "\n  ",
    "x",
    "2025-03-01",
];

fn front_matter_file() -> impl Strategy<Value = String> {
    prop_oneof![
        mutated(PAGES),
        pieces(FIELD_WORDS, 40).prop_map(|fm| format!("---\n{fm}\n---\nbody\n")),
    ]
}

const SITE: &str = "base_url = \"https://x.org/\"\ndefault_language = \"zh\"\n[languages.zh]\nname = \"中文\"\ntitle = \"t\"\n[types.brief]\nrequired = [\"disciplines\"]\nfields = [\"topic\", \"data\"]\n[types.course]\nfields = [\"registration\", \"sessions\"]\n[[taxonomies]]\nname = \"disciplines\"\nlabel = { zh = \"学科\" }\nterms.civil-engineering = { zh = \"土木工程\" }\n[[taxonomies]]\nname = \"tags\"\nlabel = { zh = \"标签\" }\n";

/// The file as a page and as a course section, read as a build reads them, then the sessions
/// read and written as iCalendar.
fn read_content(root: &Path, config: &Config, text: &str) -> Result<usize, String> {
    std::fs::write(root.join("content/a.md"), text).unwrap();
    std::fs::write(root.join("content/c/_index.md"), text).unwrap();
    let (library, mut diagnostics) = content::load(root, config, true);
    let today = chrono::NaiveDate::from_ymd_opt(2025, 11, 1).unwrap();
    let (site, more) = content_ip::build(&library, today);
    diagnostics.extend(more);
    let errors = located(&diagnostics)?;
    let offset = config.calendar.offset().unwrap();
    for (sessions, section) in site.sessions.iter().zip(&library.sections) {
        let events: Vec<_> = sessions
            .iter()
            .map(|session| calendar::CalendarEvent {
                session,
                course: &section.meta.title,
                url: "https://x.org/c/",
                course_key: "c",
                registration: None,
            })
            .collect();
        calendar::ics("c", "x.org", &events, offset, today);
    }
    Ok(errors)
}

#[test]
fn front_matter_never_panics_and_every_error_is_located() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content/c")).unwrap();
    let config = config::parse(SITE).unwrap();
    check("front matter", 400, front_matter_file(), |text| {
        read_content(dir.path(), &config, text)
    });
}

// ---------- Markdown with shortcodes ----------

const BODIES: &[&str] = &[
    "## 检索式 {#q}\n\n见 CN112345678A 与 G06F 16/33。\n\n{{< callout kind=\"tip\" title=\"提示\" >}}\n先读**权利要求**。\n{{< /callout >}}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "Intro <!-- more --> rest [link](@/a.md#q) and [^1].\n\n[^1]: note\n\n```rust\nfn main() {}\n```\n\n{{< nopatent >}}US 10,000,000 B2{{< /nopatent >}}\n",
    "{{< figure src=\"x.png\" alt=\"a\" caption=\"c\" >}}\n\n{{< download file=\"/files/a.pdf\" title=\"A\" >}}\n\n{{< term zh=\"专利族\" en=\"patent family\" >}}\n\n{{< chart kind=\"by_year\" >}}\n",
];

const MARKDOWN_WORDS: &[&str] = &[
    "text ",
    "专利",
    "\n\n",
    "\n",
    "# ",
    "## ",
    "- ",
    "1. ",
    "> ",
    "**",
    "*",
    "`",
    "```\n",
    "[a](b)",
    "![i](x.png)",
    "<div>",
    "</div>",
    "{{< callout >}}",
    "{{< /callout >}}",
    "|a|b|\n|-|-|\n",
];

#[test]
fn markdown_never_panics_and_every_error_is_located() {
    let config = config::parse(SITE).unwrap();
    let library = content::Library::default();
    let links = LinkMap::new(&library, &config);
    let highlighter = Highlighter::default();
    let data = brief::BriefData {
        by_year: vec![brief::YearRow {
            year: 2024,
            applications: 3,
            grants: None,
            invention: None,
            utility_model: None,
        }],
        ..Default::default()
    };
    let zh = ipportal::templates::default_strings("zh").unwrap();
    let charts = chart::render_all(&data, &Strings::new("zh", Some(&zh)));
    let body = prop_oneof![mutated(BODIES), pieces(MARKDOWN_WORDS, 60)];
    check("markdown", 600, body, |body| {
        let source = format!("---\ntitle: t\n---\n{body}");
        let options = markdown::ip::BodyOptions {
            patents: Some(&config.patents),
            ipc: Some(&config.ipc),
            files: markdown::shortcodes::PageFiles {
                lang: "zh",
                strings: Strings::new("zh", Some(&zh)),
                assets: &[],
                static_dir: Path::new("/nonexistent/static"),
                served: None,
                base_path: "/",
                charts: Some(&charts),
            },
        };
        let rendered = markdown::render(&RenderInput {
            source: &source,
            body_offset: 16,
            file: Path::new("content/a.md"),
            lang: "zh",
            links: &links,
            target_url: &|_| String::new(),
            base_path: "/",
            highlighter: &highlighter,
            ip: &options,
        });
        located(&rendered.errors)
    });
}

// ---------- Brief data ----------

const CSV: &[&str] = &[
    "table,key,count,grants,name_en\nmeta,illustrative,true\nmeta,unit,families\nmeta,incomplete_from,2024\nby_year,2022,\"1,412\",160\nby_year,2023,0\napplicants,示例大学,57,,Example University\nipc,H01M 10/613,3\nlegal_status,active,310\nkey_patents,CN112345678A\n",
];

const CSV_WORDS: &[&str] = &[
    "by_year,",
    "applicants,",
    "ipc,",
    "legal_status,",
    "meta,",
    "key_patents,",
    "2022,",
    "2023,",
    "0,",
    "12,",
    "\"1,412\",",
    "H01M 10/613,",
    "active,",
    "expired,",
    "unit,",
    "incomplete_from,",
    "CN112345678A",
    "\n",
    ",",
    "\"",
];

const YAML: &[&str] = &[
    "meta: {illustrative: true, incomplete_from: 2023, unit: families}\nby_year:\n  - {year: 2022, applications: 12}\n  - {year: 2023, applications: 7, grants: 1}\napplicants:\n  - {name_zh: 大学, count: 3}\nipc:\n  - {code: H01M10/613, count: 3}\nlegal_status:\n  - {status: active, count: 0}\nkey_patents: [CN 112345678 A]\n",
    "by_year:\n- year: 2022\n  applications: 0\n- year: 2023\n  applications: 0\n",
];

const YAML_WORDS: &[&str] = &[
    "by_year:\n",
    "applicants:\n",
    "ipc:\n",
    "legal_status:\n",
    "meta: ",
    "key_patents: ",
    "  - {year: ",
    "2022",
    ", applications: ",
    "}\n",
    "  - {code: ",
    "H01M",
    ", count: ",
    "  - {status: active, count: ",
    "  - {name_en: A, count: ",
    "0",
    "&r ",
    "*r",
    "\n",
];

/// The data file read as a build reads it, then its charts drawn in both languages.
fn read_data(dir: &Path, name: &str, text: &str) -> Result<usize, String> {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let lines = text.lines().count() + 1;
    match brief::load(&path) {
        Ok((data, _)) => {
            for lang in ["zh", "en"] {
                let strings = ipportal::templates::default_strings(lang).unwrap();
                for (kind, html) in chart::render_all(&data, &Strings::new(lang, Some(&strings))) {
                    if html.contains("NaN") || html.contains("inf\"") {
                        return Err(format!("{kind}: {html}"));
                    }
                }
            }
            Ok(0)
        }
        Err(errors) if errors.len() > brief::MAX_ERRORS + 1 => {
            Err(format!("{} errors reported", errors.len()))
        }
        Err(errors) => match errors.iter().find(|e| e.line == 0 || e.line > lines) {
            Some(e) => Err(format!("error off the file's {lines} lines: {e:?}")),
            None => Ok(errors.len()),
        },
    }
}

#[test]
fn brief_csv_never_panics_and_every_error_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let csv = prop_oneof![
        mutated(CSV),
        pieces(CSV_WORDS, 80).prop_map(|rows| format!("table,key,count,grants,name_en\n{rows}")),
    ];
    check("brief CSV", 600, csv, |text| {
        read_data(dir.path(), "data.csv", text)
    });
}

#[test]
fn brief_yaml_never_panics_and_every_error_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = prop_oneof![mutated(YAML), pieces(YAML_WORDS, 80)];
    check("brief YAML", 600, yaml, |text| {
        read_data(dir.path(), "data.yaml", text)
    });
}

// ---------- site.toml ----------

const SITES: &[&str] = &[
    SITE,
    "base_url = \"https://lib.example.edu.cn/ipis/\"\ntheme = \"mini\"\ndefault_language = \"zh\"\npaginate_by = 2\n[languages.zh]\nname = \"中文\"\ntitle = \"中心\"\n[languages.en]\nname = \"English\"\ntitle = \"Centre\"\n[calendar]\nutc_offset = \"+08:00\"\n[check]\nsummary_max = 160\nskip_hosts = [\"*.cnipa.gov.cn\"]\ncache_days = 7\ntimeout = 15\n[patents]\nlinks = true\n",
];

#[test]
fn site_toml_never_panics_and_every_error_is_located() {
    check(
        "site.toml",
        600,
        mutated(SITES),
        |text| match config::parse(text) {
            Ok(_) => Ok(0),
            Err(errors) => located(&errors),
        },
    );
}

// ---------- Search tokenizer ----------

const SEARCH_WORDS: &[&str] = &[
    "专利",
    "检索",
    "patent",
    "searching",
    "CN112345678A",
    "G06F 16/33",
    "H01M10/613",
    "US",
    "10,000,000",
    "B2",
    " ",
    "-",
    "/",
    ".",
    "'",
    "é",
    "İ",
    "ß",
    "ﬁ",
    "\u{301}",
    "١٢٣",
    "😀",
    "\u{200b}",
    "ａｂｃ",
    "ｶﾀｶﾅ",
    "한국어",
];

#[test]
fn the_tokenizer_never_panics() {
    let text = prop_oneof![any::<String>(), pieces(SEARCH_WORDS, 80)];
    check(
        "search tokenizer",
        2000,
        (text, 0u32..1 << 20),
        |(text, first)| {
            let (tokens, next) = tokenize(text, *first);
            match tokens
                .iter()
                .find(|t| t.position < *first || t.position >= next)
            {
                Some(t) => Err(format!("token {t:?} outside {first}..{next}")),
                None => Ok(0),
            }
        },
    );
}

// ---------- Corpus: inputs that failed once, kept as tests ----------

/// Ten to the twelfth values in a few kilobytes (was: the build ran out of memory).
#[test]
fn corpus_an_alias_bomb_ends_with_an_error() {
    let mut yaml = format!(
        "title: x\nextra:\n  a0: &a0 [{}]\n",
        vec!["0"; 1000].join(",")
    );
    for level in 1..4 {
        let aliases = vec![format!("*a{}", level - 1); 1000].join(",");
        yaml.push_str(&format!("  a{level}: &a{level} [{aliases}]\n"));
    }
    let config = config::parse(SITE).unwrap();
    let kind = content::front_matter::Kind::Page;
    let (_, errors) = content::front_matter::read(&yaml, kind, "page", &config);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("too many values"));
    // Line 5 of the file: the first alias.
    assert_eq!(errors[0].line, 5);
}

fn year(year: i32, applications: u64) -> brief::YearRow {
    brief::YearRow {
        year,
        applications,
        grants: Some(applications),
        invention: None,
        utility_model: None,
    }
}

fn count<T>(make: impl Fn(u64) -> T, counts: &[u64]) -> Vec<T> {
    counts.iter().map(|c| make(*c)).collect()
}

/// Extreme values that the data file's checks refuse, drawn anyway: no panic, no `NaN`
/// (was: the peak year negated, sums overflowing, all-zero shares computed as 0/0).
#[test]
fn corpus_charts_of_extreme_or_zero_counts_are_finite() {
    let data = |years: Vec<brief::YearRow>, c: u64| brief::BriefData {
        by_year: years,
        applicants: count(
            |count| brief::Applicant {
                name_zh: None,
                name_en: Some("A".into()),
                kind: None,
                country: None,
                count,
            },
            &[c, c],
        ),
        ipc: vec![
            brief::IpcRow {
                code: "H01M".into(),
                count: c,
            },
            brief::IpcRow {
                code: "H01M 10/613".into(),
                count: c,
            },
        ],
        legal_status: count(
            |count| brief::StatusRow {
                status: brief::Status::Active,
                count,
            },
            &[c, c],
        ),
        ..Default::default()
    };
    let extreme = data(
        vec![year(i32::MIN, u64::MAX), year(i32::MAX, u64::MAX)],
        u64::MAX,
    );
    let zero = data(vec![year(2023, 0), year(2024, 0)], 0);
    for data in [extreme, zero] {
        for lang in ["zh", "en"] {
            let strings = ipportal::templates::default_strings(lang).unwrap();
            let charts = chart::render_all(&data, &Strings::new(lang, Some(&strings)));
            assert_eq!(charts.len(), 4);
            for html in charts.values() {
                assert!(!html.contains("NaN") && !html.contains("inf\""), "{html}");
            }
        }
    }
}

/// A cache lifetime in days that overflows the clock once turned into seconds.
#[test]
fn corpus_cache_days_beyond_the_clock_is_an_error_on_its_line() {
    let source = format!("{SITE}[check]\ncache_days = 300000000000000\n");
    let errors = config::parse(&source).unwrap_err();
    assert!(errors[0].message.contains("cache_days"), "{errors:?}");
    assert!(errors[0].line.is_some());
}

/// A session at 23:00 with no end (was: it ended at 01:00 the same day, before it started).
#[test]
fn corpus_a_late_session_ends_after_it_starts() {
    let sessions = serde_json::json!([{"date": "2025-10-14", "time": "23:00"}]);
    let sessions = calendar::read_sessions(&sessions).unwrap();
    let events = [calendar::CalendarEvent {
        session: &sessions[0],
        course: "c",
        url: "https://x.org/c/",
        course_key: "c",
        registration: None,
    }];
    let utc = chrono::FixedOffset::east_opt(0).unwrap();
    let ics = calendar::ics("c", "x.org", &events, utc, sessions[0].date);
    assert!(ics.contains("DTSTART:20251014T230000Z\r\n"), "{ics}");
    assert!(ics.contains("DTEND:20251015T010000Z\r\n"), "{ics}");
}

// ---------- Raw exports ----------

const EXPORTS: &[&str] = &[
    "\"#\",Display Key,Lens ID,Publication Date,Application Date,Earliest Priority Date,Applicants,IPCR Classifications,Legal Status,Cited by Patent Count\n1,CN 110000001 A,000-1,2020-01-10,2019-03-05,2019-03-05,\"Example Co., Ltd.;;Tongji Univ\",H01M10/613;;H01M10/625,ACTIVE,12\n2,US 2020/0123456 A1,000-2,2020.04.02,2019/3/4,,ACME CORP,Y02E 10/50,DISCONTINUED,x\n",
    "\u{feff}序号,公开（公告）号,申请日,申请（专利权）人,IPC主分类,IPC,法律状态,优先权日,被引证次数\n1,CN112345678A,2019.03.05,示例大学；示例建工集团有限公司,E04B1/21,E04B1/21;E04B1/38,有效,,4\n2,ＣＮ１１２３４５６７８Ａ,2021年3月5日,\"示例大学,Example Co., Ltd.\",,E04G21/14,未缴年费,20190101,0\n",
];

const EXPORT_WORDS: &[&str] = &[
    ",",
    ";;",
    "；",
    "\"",
    "\n",
    "\r\n",
    "CN 110000001 A",
    "CN112345678A",
    "2019-03-05",
    "2019/3/5",
    "20190305",
    "2019-13-45",
    "H01M10/613",
    "Y02E 10/50",
    "有效",
    "ACTIVE",
    "SLEEPING",
    "Example Co., Ltd.",
    "示例大学",
];

/// An export counted as a build counts it, then its charts drawn in both languages.
fn count_export(dir: &Path, text: &str) -> Result<usize, String> {
    let path = dir.join("export.csv");
    std::fs::write(&path, text).unwrap();
    let lines = text.split('\n').count();
    let settings = ip::export::Settings::default();
    let problems = match ip::export::count(&path, &settings) {
        Ok(counted) => {
            for lang in ["zh", "en"] {
                let strings = ipportal::templates::default_strings(lang).unwrap();
                let strings = Strings::new(lang, Some(&strings));
                for (kind, html) in chart::render_all(&counted.data, &strings) {
                    if html.contains("NaN") || html.contains("inf\"") {
                        return Err(format!("{kind}: {html}"));
                    }
                }
            }
            counted.warnings
        }
        Err(errors) => errors,
    };
    let rows = problems
        .iter()
        .filter(|p| p.line.is_some_and(|l| l > 1))
        .count();
    if rows > brief::MAX_ERRORS {
        return Err(format!("{rows} row problems reported"));
    }
    match problems
        .iter()
        .find(|p| p.line.is_some_and(|l| l == 0 || l > lines))
    {
        Some(p) => Err(format!("problem off the file's {lines} lines: {p:?}")),
        None => Ok(problems.len()),
    }
}

#[test]
fn exports_never_panic_and_every_row_problem_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let exports = prop_oneof![
        mutated(EXPORTS),
        pieces(EXPORT_WORDS, 120)
            .prop_map(|rows| format!("公开号,申请日,申请人,IPC,法律状态\n{rows}")),
    ];
    check("raw export", 600, exports, |text| {
        count_export(dir.path(), text)
    });
}

#[test]
fn export_dates_never_panic_and_stay_in_range() {
    let text = prop_oneof![
        "\\PC{0,24}",
        "[0-9０-９]{1,4}[-./年][0-9]{1,3}[-./月][0-9]{1,3}日?( [0-9:]{0,8})?",
    ];
    check(
        "export dates",
        2_000,
        text,
        |text| match ip::export::dates::parse(text) {
            Ok(Some(date))
                if !ip::export::dates::YEARS.contains(&chrono::Datelike::year(&date)) =>
            {
                Err(format!("{text:?} read as {date}"))
            }
            Ok(_) => Ok(0),
            Err(_) => Ok(1),
        },
    );
}

// ---------- Locator ----------

/// A generated document's value: text, a list of texts, or a map.
#[derive(Debug, Clone)]
enum Value {
    Text,
    List(usize),
    Map(Vec<(String, Value)>),
}

/// Key names that repeat across levels and need quoting in TOML.
const KEYS: &[&str] = &["title", "name", "a", "timeout", "名称", "x y", "k-1"];

fn document() -> impl Strategy<Value = Vec<(String, Value)>> {
    let leaf = prop_oneof![Just(Value::Text), (0usize..4).prop_map(Value::List)];
    let value = leaf.prop_recursive(4, 40, 5, |inner| entries(inner).prop_map(Value::Map));
    entries(value)
}

/// A map's entries, each key once.
fn entries(value: impl Strategy<Value = Value>) -> impl Strategy<Value = Vec<(String, Value)>> {
    prop::collection::vec((prop::sample::select(KEYS), value), 0..6).prop_map(|entries| {
        let mut seen = std::collections::HashSet::new();
        entries
            .into_iter()
            .filter(|(key, _)| seen.insert(*key))
            .map(|(key, value)| (key.to_string(), value))
            .collect()
    })
}

/// A path step of the expectations, owned.
#[derive(Debug, Clone)]
enum At {
    Key(String),
    Index(usize),
}

/// Lines written so far and where each key and item was written.
#[derive(Default)]
struct Written {
    lines: Vec<String>,
    expected: Vec<(Vec<At>, usize)>,
}

impl Written {
    /// Writes `line`, recording `path` as being on it.
    fn line(&mut self, line: String, path: Option<Vec<At>>) {
        self.lines.push(line);
        if let Some(path) = path {
            self.expected.push((path, self.lines.len()));
        }
    }

    fn check(&self, locations: &ipportal::base::locate::Locations) -> Result<usize, String> {
        use ipportal::base::locate::Step;
        for (path, line) in &self.expected {
            let steps: Vec<Step> = path
                .iter()
                .map(|at| match at {
                    At::Key(key) => Step::Key(key),
                    At::Index(index) => Step::Index(*index),
                })
                .collect();
            let found = locations.line(&steps);
            if found != Some(*line) {
                return Err(format!("{path:?}: expected line {line}, found {found:?}"));
            }
        }
        Ok(0)
    }
}

fn with(path: &[At], at: At) -> Vec<At> {
    let mut path = path.to_vec();
    path.push(at);
    path
}

/// Block YAML, each key after a comment that names it (a decoy for a search of the text).
fn yaml(entries: &[(String, Value)], indent: usize, path: &[At], out: &mut Written) {
    let pad = " ".repeat(indent);
    for (key, value) in entries {
        let here = with(path, At::Key(key.clone()));
        let written = if key.contains(' ') {
            format!("\"{key}\"")
        } else {
            key.clone()
        };
        out.line(format!("{pad}# {key}: {key}"), None);
        match value {
            Value::Text => out.line(format!("{pad}{written}: {key} value"), Some(here)),
            Value::List(0) => out.line(format!("{pad}{written}: []"), Some(here)),
            Value::Map(inner) if inner.is_empty() => {
                out.line(format!("{pad}{written}: {{}}"), Some(here));
            }
            Value::List(n) => {
                out.line(format!("{pad}{written}:"), Some(here.clone()));
                for i in 0..*n {
                    out.line(
                        format!("{pad}  - {key} {i}"),
                        Some(with(&here, At::Index(i))),
                    );
                }
            }
            Value::Map(inner) => {
                out.line(format!("{pad}{written}:"), Some(here.clone()));
                yaml(inner, indent + 2, &here, out);
            }
        }
    }
}

fn toml_key(key: &str) -> String {
    let bare = key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        key.to_string()
    } else {
        format!("\"{key}\"")
    }
}

/// TOML: a table's texts, lists (one item a line) and small maps of texts (as dotted keys)
/// first, then each other map under its own `[header]`; comments name the keys as decoys.
fn toml(entries: &[(String, Value)], path: &[At], header: &str, out: &mut Written) {
    let dotted = |value: &Value| matches!(value, Value::Map(inner) if !inner.is_empty() && inner.iter().all(|(_, v)| matches!(v, Value::Text)));
    for (key, value) in entries {
        let here = with(path, At::Key(key.clone()));
        let written = toml_key(key);
        out.line(format!("# {key} = 1"), None);
        match value {
            Value::Text => out.line(format!("{written} = \"v\""), Some(here)),
            Value::List(n) => {
                out.line(format!("{written} = ["), Some(here.clone()));
                for i in 0..*n {
                    out.line(format!("  \"{key} {i}\","), Some(with(&here, At::Index(i))));
                }
                out.line("]".into(), None);
            }
            Value::Map(inner) if dotted(value) => {
                for (j, (inner_key, _)) in inner.iter().enumerate() {
                    let leaf = with(&here, At::Key(inner_key.clone()));
                    out.line(
                        format!("{written}.{} = \"v\"", toml_key(inner_key)),
                        Some(leaf),
                    );
                    if j == 0 {
                        out.expected.push((here.clone(), out.lines.len()));
                    }
                }
            }
            Value::Map(_) => {}
        }
    }
    for (key, value) in entries {
        let Value::Map(inner) = value else { continue };
        if dotted(value) {
            continue;
        }
        let here = with(path, At::Key(key.clone()));
        let header = if header.is_empty() {
            toml_key(key)
        } else {
            format!("{header}.{}", toml_key(key))
        };
        out.line(format!("[{header}]"), Some(here.clone()));
        toml(inner, &here, &header, out);
    }
}

#[test]
fn the_locator_finds_every_key_and_item_where_it_is_written() {
    use ipportal::base::{locate, yaml as yaml_door};
    check("locator", 300, document(), |document| {
        let mut written = Written::default();
        yaml(document, 0, &[], &mut written);
        let text = written.lines.join("\n") + "\n";
        written
            .check(&yaml_door::locate(&text, yaml_door::FRONT_MATTER))
            .map_err(|e| format!("YAML\n{text}\n{e}"))?;
        let mut written = Written::default();
        toml(document, &[], "", &mut written);
        let text = written.lines.join("\n") + "\n";
        written
            .check(&locate::locate_toml(&text))
            .map_err(|e| format!("TOML\n{text}\n{e}"))
    });
}
