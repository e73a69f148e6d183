//! Malformed input never stops the theme's scripts: the default theme's `site.js` and
//! `search.js` on the bilingual fixture, built as deployed.

use super::server::percent_encode;
use super::{dom, excerpt, serve, skipped_without_chromium};
use crate::common;

/// The bilingual fixture with the default theme and CNIPA patent numbers (whose "copy" buttons
/// `site.js` shows last), built as deployed and served; returns the portal and its address.
fn default_theme_portal(change: impl FnOnce(&common::Site)) -> (common::Site, String) {
    let site = common::Site::fixture("bilingual");
    site.edit("site.toml", |config| {
        config.replace("theme = \"mini\"", "theme = \"default\"")
            + "\n[patents]\ndatabase = \"cnipa\"\n"
    });
    change(&site);
    let base = serve(site.root.join("public"));
    let options = ipportal::BuildOptions {
        minify: true,
        base_url: Some(format!("{base}/")),
        ..site.options()
    };
    if let Err(errors) = ipportal::build(&options) {
        panic!("build failed:\n{}", common::render(&errors));
    }
    (site, base)
}

#[test]
fn the_case_filter_covers_every_page_of_the_list_and_can_be_linked() {
    if skipped_without_chromium() {
        return;
    }
    // Five cases, two a page (the fixture's paginate_by): three of them in environment.
    let (_site, base) = default_theme_portal(|site| {
        site.write(
            "content/cases/_index.md",
            "---\ntitle: 案例\ntype: case\n---\n",
        );
        for (n, discipline) in [
            "environment",
            "civil-engineering",
            "environment",
            "civil-engineering",
            "environment",
        ]
        .iter()
        .enumerate()
        {
            site.write(
                &format!("content/cases/case-{n}.md"),
                format!("---\ntitle: 案例{n}\ndate: 2025-01-0{}\nsummary: s\ndisciplines: [{discipline}]\n---\n\n正文\n", n + 1),
            );
        }
    });
    // The titles of the cases shown (the list's items not hidden).
    let shown = |dom: &str| -> Vec<String> {
        let doc = scraper::Html::parse_document(dom);
        let items = scraper::Selector::parse("#case-list > li:not([hidden]) h2").unwrap();
        doc.select(&items)
            .map(|h| h.text().collect::<String>().trim().to_string())
            .collect()
    };
    let dom = dom(&format!("{base}/cases/?disciplines=environment"));
    assert!(dom.contains("data-ready"), "{dom}");
    let mut found = shown(&dom);
    found.sort();
    assert_eq!(
        found,
        ["案例0", "案例2", "案例4"],
        "all pages' environment cases"
    );
    let hidden_pager = scraper::Selector::parse("nav.pagination[hidden]").unwrap();
    let pager_hidden = |dom: &str| {
        scraper::Html::parse_document(dom)
            .select(&hidden_pager)
            .count()
            == 1
    };
    assert!(pager_hidden(&dom), "the pager is hidden while filtering");
    // Without a filter: the page's own two cases, and its pager.
    let dom = self::dom(&format!("{base}/cases/"));
    assert_eq!(shown(&dom).len(), 2, "{:?}", shown(&dom));
    assert!(!pager_hidden(&dom));
}

#[test]
fn a_heading_id_with_a_percent_sign_does_not_stop_the_theme_script() {
    if skipped_without_chromium() {
        return;
    }
    let (_site, base) = default_theme_portal(|site| {
        site.write(
            "content/guides/percent.md",
            common::page(
                "summary: s\n",
                "## 一半 {#50%}\n\n文字\n\n## 其余\n\n见 CN112345678A。\n",
            ),
        );
    });
    let dom = dom(&format!("{base}/guides/percent/"));
    assert!(dom.contains("href=\"#50%\""), "{dom}");
    // The copy button is shown by the script's last part: it ran to the end.
    let button = &dom[dom
        .find("<button class=\"patent-copy\"")
        .expect("a copy button")..];
    let button = &button[..button.find('>').unwrap()];
    assert!(!button.contains("hidden"), "{button}");
}

#[test]
fn a_damaged_search_index_is_reported_on_the_page() {
    if skipped_without_chromium() {
        return;
    }
    let (site, base) = default_theme_portal(|_| {});
    let fragments = site.root.join("public/search-index/zh/f");
    for entry in std::fs::read_dir(&fragments).unwrap() {
        std::fs::write(entry.unwrap().path(), "{not json").unwrap();
    }
    let dom = dom(&format!(
        "{base}/search/?q={}&%E0%A4%A=%",
        percent_encode("专利")
    ));
    assert!(dom.contains("data-error=\""), "{}", excerpt(&dom));
}

#[test]
fn the_service_catalogue_filters_by_audience_and_stage_from_the_address() {
    if skipped_without_chromium() {
        return;
    }
    let portal = super::portal();
    let dom = dom(&format!(
        "{}/about/services/?audiences=tech-transfer&stages=results",
        portal.base
    ));
    let doc = scraper::Html::parse_document(&dom);
    let select = |css: &str| -> Vec<String> {
        let selector = scraper::Selector::parse(css).unwrap();
        doc.select(&selector)
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect()
    };
    // The table's rows for technology-transfer staff at the results stage.
    assert_eq!(
        select(".service-row:not([hidden]) th"),
        ["申请前评估"],
        "{}",
        excerpt(&dom)
    );
    assert_eq!(
        select(".catalogue-filters .filter-status"),
        ["显示 1 项服务"]
    );
    // A group with nothing left in it is hidden; the results group is not.
    let hidden = select(".catalogue-group[hidden] h3");
    for gone in ["立项选题", "研发过程", "转化运用"] {
        assert!(hidden.contains(&gone.to_string()), "{hidden:?}");
    }
    assert!(!hidden.contains(&"成果产出".to_string()), "{hidden:?}");
    let groups = scraper::Selector::parse(".catalogue-group").unwrap();
    let cards = scraper::Selector::parse(".catalogue-item:not([hidden])").unwrap();
    let results = doc
        .select(&groups)
        .find(|g| g.text().any(|t| t == "成果产出"))
        .expect("the results group");
    assert_eq!(results.select(&cards).count(), 1, "{}", results.html());
}
