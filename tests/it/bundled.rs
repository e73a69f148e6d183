//! The repository's own portal, the flagship example: it builds cleanly, every content type is
//! there, and no link in the output points at a file that does not exist.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use common::Site;

fn bundled() -> Site {
    let site = Site::copy_of(Path::new(env!("CARGO_MANIFEST_DIR")));
    let report = site.build_ok();
    // The one Chinese-only notice is deliberate: it shows the switcher's fallback.
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(warnings[0].contains("no translation in en"));
    site
}

#[test]
fn the_bundled_portal_has_every_content_type_in_both_languages() {
    let site = bundled();
    for lang in ["", "en/"] {
        for path in [
            "index.html",
            "guides/index.html",
            "guides/patent-search-basics/index.html",
            "guides/novelty-search-request/workflow.svg",
            "courses/patent-search-101/index.html",
            "cases/index.html",
            "briefs/civil-engineering/index.html",
            "disciplines/civil-engineering/index.html",
            "services/creation/index.html",
            "atom.xml",
            "404.html",
        ] {
            assert!(
                site.exists(&format!("{lang}{path}")),
                "missing {lang}{path}"
            );
        }
    }
    let brief = site.read("briefs/new-energy-vehicles/index.html");
    assert!(brief.contains("示例数据"), "illustrative banner");
    let lesson = site.read("en/courses/patent-search-101/search-elements/index.html");
    assert!(lesson.contains("rel=\"next\"") || lesson.contains("rel=\"prev\""));
}

#[test]
fn no_link_in_the_output_is_broken() {
    let site = bundled();
    let public = site.root.join("public");
    let mut broken = BTreeSet::new();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        for url in local_links(&html) {
            let path = url.split(['#', '?']).next().unwrap();
            let path = percent_decode(path);
            let target = if path.starts_with('/') {
                public.join(path.trim_start_matches('/'))
            } else {
                entry.path().parent().unwrap().join(&path)
            };
            checked += 1;
            let exists = if path.ends_with('/') || path.is_empty() {
                target.join("index.html").exists()
            } else {
                target.exists()
            };
            if !exists {
                let from = entry
                    .path()
                    .strip_prefix(&public)
                    .unwrap()
                    .display()
                    .to_string();
                broken.insert(format!("{from} → {url}"));
            }
        }
    }
    assert!(
        checked > 1000,
        "only {checked} links found: is the extraction working?"
    );
    assert!(
        broken.is_empty(),
        "broken links:\n{}",
        broken.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// `href` and `src` values that point inside the site.
fn local_links(html: &str) -> Vec<String> {
    let mut links = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        for part in html.split(attribute).skip(1) {
            let value = part.split('"').next().unwrap_or("");
            let external =
                value.contains("://") || value.starts_with("mailto:") || value.starts_with("tel:");
            if !external && !value.starts_with('#') && !value.is_empty() {
                links.push(value.replace("&amp;", "&"));
            }
        }
    }
    links
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        if let (b'%', Some(Ok(byte))) = (bytes[i], hex.map(|h| u8::from_str_radix(h, 16))) {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn the_default_theme_is_bilingual_accessible_and_self_contained() {
    let site = bundled();
    let zh = site.read("guides/reading-claims/index.html");
    assert!(zh.contains("<html lang=\"zh\""), "html lang");
    assert!(
        zh.contains(
            "hreflang=\"en\" href=\"https://ipis.example.edu.cn/en/guides/reading-claims/\""
        ) || zh.contains("hreflang=\"en\" href=\"/en/guides/reading-claims/\""),
        "hreflang alternate in the head"
    );
    assert!(zh.contains("href=\"#main\""), "skip link");
    assert!(zh.contains("<main"), "main landmark");
    let en = site.read("en/guides/reading-claims/index.html");
    assert!(en.contains("<html lang=\"en\""));
    // The Chinese-only notice: the switcher goes to the English home, with a notice.
    let untranslated = site.read("news/implementing-rules-lecture/index.html");
    assert!(
        untranslated.contains("href=\"/en/\""),
        "switcher falls back to the English home"
    );
    // Nothing is loaded from another host: no CDN, no web fonts.
    for entry in walkdir::WalkDir::new(site.root.join("public")) {
        let entry = entry.unwrap();
        let name = entry.path().to_string_lossy().into_owned();
        if !(name.ends_with(".html") || name.ends_with(".css") || name.ends_with(".js")) {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for pattern in [
            "src=\"http",
            "src=\"//",
            "@import url(http",
            "url(\"http",
            "url(http",
            "rel=\"stylesheet\" href=\"http",
        ] {
            assert!(
                !text.contains(pattern),
                "{name} loads from another host ({pattern})"
            );
        }
    }
}

#[test]
fn portal_templates_override_the_theme_file_by_file() {
    let site = Site::copy_of(Path::new(env!("CARGO_MANIFEST_DIR")));
    site.write("templates/404.html", "<!doctype html><html lang=\"{{ lang }}\"><title>{{ t.not_found_title | default(value='') }}</title><p>custom 404</p></html>");
    site.build_ok();
    assert!(site.read("404.html").contains("custom 404"));
    assert!(site.read("en/404.html").contains("<html lang=\"en\">"));
    // The other templates still come from the theme.
    assert!(site.read("index.html").contains("href=\"#main\""));
}

#[test]
fn an_illustrative_service_says_its_values_are_examples_and_a_brief_that_its_figures_are() {
    let site = bundled();
    let service = site.read("about/services/novelty-search/index.html");
    assert!(
        service.contains("本条目中的人员、周期、收费和联系方式均为示例"),
        "{service}"
    );
    assert!(
        !service.contains("专利统计结果"),
        "a service has no patent statistics"
    );
    let service_en = site.read("en/about/services/novelty-search/index.html");
    assert!(service_en.contains("they are not a real service offer"));
    let brief = site.read("briefs/civil-engineering/index.html");
    assert!(brief.contains("不代表真实的专利统计结果"));
}

/// `ipportal check` on a copy of the bundled portal, as on `date` (SOURCE_DATE_EPOCH): the codes
/// of its findings.
fn check_on(site: &Site, date: &str) -> Vec<String> {
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let epoch = day.and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ipportal"))
        .args([
            "check",
            "--format",
            "json",
            "--root",
            site.root.to_str().unwrap(),
        ])
        .env("SOURCE_DATE_EPOCH", epoch.to_string())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"], 0, "{report:#}");
    let findings = report["diagnostics"].as_array().unwrap().iter();
    findings
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn check_finds_only_the_deliberate_warning_at_a_fixed_date_and_stale_services_a_year_on() {
    let site = Site::copy_of(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(check_on(&site, "2026-12-06"), ["translation/missing"]);
    // A year after the services' `reviewed` date, check reminds of each, as for a real centre.
    let later = check_on(&site, "2027-09-02");
    let stale = later.iter().filter(|c| *c == "service/stale").count();
    assert!(stale >= 12, "{later:?}");
}
