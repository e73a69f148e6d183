//! Briefs counted from raw patent database exports: Lens.org CSV, Chinese databases' CSV in
//! UTF-8 and GB18030, `.xlsx`, and an export named by `columns:`. Each export has duplicates,
//! mixed date spellings and applicant spelling variants; the tests read the exact figures back
//! from the tables the built pages show.

use std::path::Path;

use crate::common::{Site, find};
use ipportal::Diagnostic;

const BRIEF: &str = "content/briefs/civil";

pub(crate) fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/exports")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The bilingual fixture with its brief counted from `bytes` saved as `file`, the brief's front
/// matter given `extra` lines in both languages. Its `site.toml` declares the brief's fields
/// `topic` and `data` only: the export's fields come with `data`.
pub(crate) fn brief_site(file: &str, bytes: &[u8], extra: &str) -> Site {
    let site = Site::fixture("bilingual");
    site.write(&format!("{BRIEF}/{file}"), bytes);
    for page in ["index.md", "index.en.md"] {
        site.edit(&format!("{BRIEF}/{page}"), |t| {
            t.replace("data: data.yaml\n", &format!("data: {file}\n{extra}"))
        });
    }
    site.remove(&format!("{BRIEF}/data.yaml"));
    site
}

/// The rows of the table of chart `kind` on a built page: each cell's text.
pub(crate) fn table(html: &str, kind: &str) -> Vec<Vec<String>> {
    let doc = scraper::Html::parse_document(html);
    let rows = scraper::Selector::parse(&format!("#chart-{kind} table tbody tr")).unwrap();
    let cells = scraper::Selector::parse("th, td").unwrap();
    doc.select(&rows)
        .map(|row| {
            row.select(&cells)
                .map(|c| c.text().collect::<String>())
                .collect()
        })
        .collect()
}

/// The header cells of the table of chart `kind`.
fn head(html: &str, kind: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let cells = scraper::Selector::parse(&format!("#chart-{kind} table thead th")).unwrap();
    doc.select(&cells).map(|c| c.text().collect()).collect()
}

fn rows(expected: &[&[&str]]) -> Vec<Vec<String>> {
    expected
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn export_warnings(warnings: &[Diagnostic]) -> Vec<&Diagnostic> {
    warnings
        .iter()
        .filter(|d| d.code.as_str() == "data/export")
        .collect()
}

#[test]
fn a_lens_export_is_counted_by_the_rules() {
    let site = brief_site("lens.csv", &fixture("lens.csv"), "incomplete_from: 2021\n");
    let report = site.build_ok();
    let zh = site.read("briefs/civil/index.html");
    let en = site.read("en/briefs/civil/index.html");
    // 8 rows, one repeating CN110000001A (written without spaces): 7 records, dated by their
    // earliest priority date, else (no date, or `2021-13-01`) their application date.
    assert_eq!(
        table(&zh, "by_year"),
        rows(&[
            &["2018", "1"],
            &["2019", "2"],
            &["2020", "2"],
            &["2021*", "2"]
        ])
    );
    assert_eq!(head(&en, "by_year"), ["Year", "Publications"]);
    // `Co., Ltd.`, `CO LTD` and `Company Limited` are one applicant, shown as written most often;
    // `Corp.` and `CORPORATION`, `University` and `Univ` likewise (ties: the first spelling).
    assert_eq!(
        table(&en, "applicants"),
        rows(&[
            &["Example Power Battery Co., Ltd.", "4"],
            &["Tongji University", "2"],
            &["Acme Corp.", "2"],
            &["示例大学", "1"],
        ])
    );
    // Main IPC code (the first of IPCR) by main group; CPC's Y02E is not IPC: "other".
    assert_eq!(
        table(&zh, "ipc"),
        rows(&[
            &["B60L", "1", "16.7%"],
            &["B60L 58/00", "1", "16.7%"],
            &["H01M", "4", "66.7%"],
            &["H01M 10/00", "3", "50.0%"],
            &["H01M 50/00", "1", "16.7%"],
            &["其他", "1", "16.7%"],
        ])
    );
    assert_eq!(
        table(&zh, "legal_status"),
        rows(&[
            &["有效", "2", "28.6%"],
            &["审中", "1", "14.3%"],
            &["失效", "2", "28.6%"],
            &["期限届满", "1", "14.3%"],
            &["未知", "1", "14.3%"],
        ])
    );
    assert_eq!(
        head(&en, "applicants_by_year"),
        ["Applicant", "2018", "2019", "2020", "2021*"]
    );
    assert_eq!(
        table(&en, "applicants_by_year"),
        rows(&[
            &["Example Power Battery Co., Ltd.", "0", "2", "0", "2"],
            &["Tongji University", "0", "1", "1", "0"],
            &["Acme Corp.", "1", "0", "1", "0"],
            &["示例大学", "0", "0", "1", "0"],
        ])
    );
    // The most cited records with a number the patent rules know, most cited first.
    assert!(
        zh.contains("<p class=\"key-patents\">US20200123456A1CN110000001ACN110000002A</p>"),
        "{zh}"
    );
    assert!(
        zh.contains("（示例数据）"),
        "illustrative, as the page says"
    );

    let warnings = export_warnings(&report.warnings);
    let file = Some(Path::new("content/briefs/civil/lens.csv"));
    let at = |needle: &str| {
        let w = warnings
            .iter()
            .find(|d| d.message.contains(needle))
            .unwrap_or_else(|| panic!("no warning with {needle:?}: {warnings:#?}"));
        assert_eq!(w.file.as_deref(), file);
        w.line
    };
    assert_eq!(
        at("row 7, column `Earliest Priority Date`: `2021-13-01` is not a date"),
        Some(7)
    );
    assert_eq!(
        at("row 6, column `IPCR Classifications`: `Y02E 10/50` is not an IPC code"),
        Some(6)
    );
    assert_eq!(
        at("row 8, column `Cited by Patent Count`: `many` is not a whole number"),
        Some(8)
    );
    assert_eq!(
        at("rows without a priority date, dated by their application date: 2"),
        None
    );
    assert_eq!(
        at("legal-status words with no mapping, counted as unknown: `SLEEPING` (1)"),
        None
    );
    assert_eq!(at("rows without an IPC code: 1"), None);
    assert_eq!(warnings.len(), 7, "{warnings:#?}");
}

const CN_CSV: &str = "date_basis: application\n";

/// The figures of `cn-utf8.csv` (and of the same export in GB18030).
fn assert_chinese_figures(site: &Site) {
    let report = site.build_ok();
    assert_eq!(export_warnings(&report.warnings), Vec::<&Diagnostic>::new());
    let zh = site.read("briefs/civil/index.html");
    let en = site.read("en/briefs/civil/index.html");
    // Row 4 repeats row 1 in full-width characters; dates as 2019.03.05, 2019/3/20, 20200105,
    // 2020-07-01 and 2021年3月5日, by application date as the brief asks.
    assert_eq!(
        table(&en, "by_year"),
        rows(&[&["2019", "2"], &["2020", "2"], &["2021", "1"]])
    );
    assert_eq!(head(&zh, "by_year"), ["年份", "公开数"]);
    assert!(zh.contains(">申请年</text>"), "the axis says which date");
    // `；` and `,` separate names, except the comma of `Co., Ltd.`; `示例 大学` is 示例大学.
    assert_eq!(
        table(&zh, "applicants"),
        rows(&[
            &["示例大学", "3"],
            &["示例建工集团有限公司", "2"],
            &["Example Construction Co., Ltd.", "2"],
        ])
    );
    // IPC主分类, else the first code of IPC (row 5).
    assert_eq!(
        table(&en, "ipc"),
        rows(&[
            &["E04B", "4", "80.0%"],
            &["E04B 1/00", "4", "80.0%"],
            &["E04G", "1", "20.0%"],
            &["E04G 21/00", "1", "20.0%"],
        ])
    );
    assert_eq!(
        table(&en, "legal_status"),
        rows(&[
            &["Active", "2", "40.0%"],
            &["Pending", "1", "20.0%"],
            &["Lapsed", "1", "20.0%"],
            &["Withdrawn", "1", "20.0%"],
        ])
    );
    assert!(
        zh.contains("<p class=\"key-patents\">CN112345678ACN112345680BCN112345679A</p>"),
        "{zh}"
    );
}

#[test]
fn a_chinese_export_in_utf8_with_a_bom() {
    let bytes = fixture("cn-utf8.csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert_chinese_figures(&brief_site("export.csv", &bytes, CN_CSV));
}

#[test]
fn a_chinese_export_in_gb18030() {
    let utf8 = String::from_utf8(fixture("cn-utf8.csv")).unwrap();
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(utf8.trim_start_matches('\u{feff}'));
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gb).is_err(), "really not UTF-8");
    assert_chinese_figures(&brief_site("export.csv", &gb, CN_CSV));
}

#[test]
fn an_xlsx_export_with_excel_date_cells() {
    // Dates as Excel date cells, as text (2020/8/9) and as the number 20210304; a repeated row.
    let site = brief_site("export.xlsx", &fixture("cn.xlsx"), "");
    let report = site.build_ok();
    let zh = site.read("briefs/civil/index.html");
    assert_eq!(
        table(&zh, "by_year"),
        rows(&[&["2020", "2"], &["2021", "1"]])
    );
    assert!(zh.contains(">最早优先权年</text>"), "priority by default");
    assert_eq!(
        table(&zh, "applicants"),
        rows(&[&["示例大学", "2"], &["示例能源有限公司", "2"]])
    );
    assert_eq!(
        table(&zh, "ipc"),
        rows(&[
            &["B60L", "1", "33.3%"],
            &["B60L 58/00", "1", "33.3%"],
            &["H01M", "2", "66.7%"],
            &["H01M 10/00", "2", "66.7%"],
        ])
    );
    assert_eq!(
        table(&zh, "legal_status"),
        rows(&[
            &["有效", "1", "33.3%"],
            &["审中", "1", "33.3%"],
            &["失效", "1", "33.3%"],
        ])
    );
    assert!(zh.contains("<p class=\"key-patents\">CN113000003ACN113000001A</p>"));
    let warnings = export_warnings(&report.warnings);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(
        warnings[0].message,
        "rows without a priority date, dated by their application date: 1"
    );
    assert_eq!(
        warnings[0].file.as_deref(),
        Some(Path::new("content/briefs/civil/export.xlsx"))
    );
}

#[test]
fn the_alias_file_merges_applicants_and_names_them_per_language() {
    let site = brief_site("lens.csv", &fixture("lens.csv"), "");
    site.write(
        "data/applicants.yaml",
        "同济大学:\n  en: Tongji University\n  variants: [Tongji Univ]\n示例大学:\n  en: Example University\n  variants: [ACME CORP]\n",
    );
    site.build_ok();
    let zh = site.read("briefs/civil/index.html");
    let en = site.read("en/briefs/civil/index.html");
    assert_eq!(
        table(&en, "applicants"),
        rows(&[
            &["Example Power Battery Co., Ltd.", "4"],
            &["Example University", "3"],
            &["Tongji University", "2"],
        ])
    );
    assert_eq!(
        table(&zh, "applicants"),
        rows(&[
            &["Example Power Battery Co., Ltd.", "4"],
            &["示例大学", "3"],
            &["同济大学", "2"],
        ])
    );
    site.write(
        "data/applicants.yaml",
        "同济大学:\n  variants: [Tongji Univ]\n示例大学:\n  variants: [TONGJI UNIVERSITY]\n",
    );
    let errors = site.build_errors();
    let e = find(&errors, "is a variant of both `同济大学` and `示例大学`");
    assert_eq!(e.file.as_deref(), Some(Path::new("data/applicants.yaml")));
    assert_eq!(e.line, Some(4));
}

#[test]
fn any_export_through_a_columns_map() {
    let csv = "Pub No,Filed,Owner,Status\nCN112345678A,2019-03-05,Example Co Ltd,有效\nCN112345679A,2019/4/1,\"Example Co., Ltd.\",有效\nCN112345680A,20200102,Other Inc,驳回\n";
    let extra = "date_basis: application\ncolumns: {number: Pub No, application_date: Filed, applicants: Owner, legal_status: Status}\n";
    let site = brief_site("export.csv", csv.as_bytes(), extra);
    site.build_ok();
    let en = site.read("en/briefs/civil/index.html");
    assert_eq!(
        table(&en, "by_year"),
        rows(&[&["2019", "2"], &["2020", "1"]])
    );
    assert_eq!(
        table(&en, "applicants"),
        rows(&[&["Example Co Ltd", "2"], &["Other Inc", "1"]])
    );
    assert_eq!(
        table(&en, "legal_status"),
        rows(&[&["Active", "2", "66.7%"], &["Rejected", "1", "33.3%"]])
    );
    // A column the map names that the export does not have.
    site.edit(&format!("{BRIEF}/index.md"), |t| {
        t.replace("Owner", "Owners")
    });
    let errors = site.build_errors();
    let e = find(&errors, "`columns:` names `Owners` for `applicants`");
    assert!(e.message.contains("closest: `Owner`"), "{}", e.message);
    assert_eq!(
        e.file.as_deref(),
        Some(Path::new("content/briefs/civil/export.csv"))
    );
    // A role that does not exist.
    site.edit(&format!("{BRIEF}/index.md"), |t| {
        t.replace("Owners", "Owner")
            .replace("legal_status:", "status:")
    });
    let errors = site.build_errors();
    let e = find(&errors, "`status` in `columns` is not a role");
    assert_eq!(
        e.file.as_deref(),
        Some(Path::new("content/briefs/civil/index.md"))
    );
}

#[test]
fn a_header_that_matches_nothing_lists_roles_headers_and_closest_matches() {
    let csv = "Publication No,Aplicants,Filing\nCN112345678A,Example Co,2019-03-05\n";
    let site = brief_site("export.csv", csv.as_bytes(), "");
    let errors = site.build_errors();
    let e = find(&errors, "does not name a publication number");
    assert_eq!(
        e.file.as_deref(),
        Some(Path::new("content/briefs/civil/export.csv"))
    );
    assert_eq!(e.line, Some(1));
    for part in [
        "roles: number, priority_date, application_date, publication_date, applicants, ipc_main, ipc, legal_status, cited_by, title",
        "headers found: `Publication No`, `Aplicants`, `Filing`",
        "`Aplicants` for applicants",
        "`Publication No` for number",
    ] {
        assert!(e.message.contains(part), "{part}: {}", e.message);
    }
}

#[test]
fn row_problems_are_capped_and_an_export_with_nothing_usable_fails() {
    let mut csv = String::from("公开号,申请日,申请人\n");
    for i in 0..30 {
        csv.push_str(&format!("CN1123456{i:02}A,2019-02-3{i},示例大学\n"));
    }
    let site = brief_site("export.csv", csv.as_bytes(), "date_basis: application\n");
    // No dates, so no years chart to place in the text.
    site.edit(&format!("{BRIEF}/index.md"), |t| {
        t.replace("{{< chart kind=\"by_year\" >}}", "")
    });
    let report = site.build_ok();
    let warnings = export_warnings(&report.warnings);
    let rows_reported = warnings.iter().filter(|w| w.line.is_some()).count();
    assert_eq!(rows_reported, 20, "{warnings:#?}");
    find(
        &report.warnings,
        "and 10 more rows with problems in this export",
    );
    find(&report.warnings, "malformed dates, read as missing: 30");
    find(
        &report.warnings,
        "rows without any date, left out of the years: 30",
    );
    let zh = site.read("briefs/civil/index.html");
    assert_eq!(table(&zh, "applicants"), rows(&[&["示例大学", "30"]]));
    assert!(
        table(&zh, "by_year").is_empty(),
        "no year chart without dates"
    );

    site.write(
        &format!("{BRIEF}/export.csv"),
        "公开号,申请人\n,示例大学\nnot-a-number,示例大学\n",
    );
    let errors = site.build_errors();
    let e = find(
        &errors,
        "no row of the export could be counted (2 rows read)",
    );
    assert_eq!(
        e.file.as_deref(),
        Some(Path::new("content/briefs/civil/export.csv"))
    );
}

#[test]
fn aggregated_data_files_keep_working_beside_exports() {
    // A CSV whose header starts with `table` is today's aggregated format, not an export.
    let csv = "table,key,count\nby_year,2022,120\nby_year,2023,150\n";
    let site = brief_site("data.csv", csv.as_bytes(), "");
    site.build_ok();
    let zh = site.read("briefs/civil/index.html");
    assert_eq!(
        table(&zh, "by_year"),
        rows(&[&["2022", "120"], &["2023", "150"]])
    );
}

#[test]
fn the_export_fields_come_with_data_and_only_with_it() {
    let site = brief_site(
        "lens.csv",
        &fixture("lens.csv"),
        "date_basis: application\nkey_patents: []\n",
    );
    site.build_ok();
    site.write(
        "content/guides/dated.md",
        "---\ntitle: 指南\nsummary: s\ndate_basis: application\n---\n\n正文\n",
    );
    let errors = site.build_errors();
    let error = errors
        .iter()
        .find(|e| e.code.as_str() == "front-matter/unknown-field");
    let error = error.unwrap_or_else(|| panic!("{}", crate::common::render(&errors)));
    assert!(error.message.contains("`date_basis`"), "{}", error.message);
    assert!(error.file.as_ref().unwrap().ends_with("guides/dated.md"));
}
