//! The service catalogue as an editor and a reader meet it: the `tests/fixtures/services` portal
//! built with the default theme; service, person, catalogue and team pages; `services.json` and
//! each page's JSON-LD parsed and held to the pages; bad values as located errors; `check`'s
//! warnings on incomplete and stale services.

use std::path::Path;

use serde_json::Value;

use crate::common::{self, Site, find};

/// The fixture with the repository's default theme.
fn site() -> Site {
    let site = Site::fixture("services");
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    common::copy_portal(&theme, &site.root.join("themes/default"));
    site
}

/// The text of an HTML page with tags removed and spaces squeezed, for reading as a user does.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn json_ld(html: &str) -> Value {
    let start = html
        .find(r#"<script type="application/ld+json">"#)
        .expect("a JSON-LD script")
        + r#"<script type="application/ld+json">"#.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

#[test]
fn a_service_page_shows_each_field_it_has() {
    let site = site();
    site.build_ok();
    let html = site.read("catalogue/novelty-search/index.html");
    let page = text(&html);
    for expected in [
        "服务成果 查新报告 (PDF) 检索结果清单",
        "办理周期 5–10 个工作日",
        "服务承诺 1 个工作日内答复",
        "企业 ：2000 元 / 项",
        "教师 ：免费",
        "受理范围 本校教职工、合作企业",
        "需求沟通 检索 撰写报告 审核",
        "来信请写明：课题名称、联系电话",
        "GB/T 39551.7-2020 专利导航指南 第7部分：专利导航服务要求",
        "DB31/T 1 地方规范",
    ] {
        assert!(page.contains(expected), "{expected} not in {page}");
    }
    // The prefilled mail has the subject and one line per field the centre needs.
    assert!(html.contains("href=\"mailto:ipis@example.edu.cn?subject=%E7%A7%91%E6%8A%80%E6%9F%A5%E6%96%B0%E7%94%B3%E8%AF%B7&amp;body=%E8%AF%BE%E9%A2%98%E5%90%8D%E7%A7%B0%3A%20%0D%0A"), "{html}");
    assert!(html.contains(r#"<a href="/team/li-hua/">李华</a>"#));
    // Related: the guide named by hand.
    assert!(html.contains(r#"<a href="/guides/search-basics/">检索入门</a>"#));

    // A service with fewer fields shows none of the missing parts, and finds a related guide
    // by the terms it shares.
    let html = site.read("en/catalogue/transfer-check/index.html");
    let page = text(&html);
    assert!(page.contains("Turnaround 2 weeks"), "{page}");
    for absent in [
        "Fees",
        "What you receive",
        "Contacts",
        "Standards followed",
        "Who may ask",
    ] {
        assert!(!page.contains(absent), "{absent} in {page}");
    }
    assert!(
        html.contains(r#"href="https://oa.example.edu.cn/ip">Apply online"#),
        "{html}"
    );
    assert!(html.contains(r#"<a href="/en/guides/licensing/">Licensing in practice</a>"#));
    assert!(!html.contains("search-basics"), "shares no term with it");
}

#[test]
fn the_team_pages_show_who_provides_what() {
    let site = site();
    site.build_ok();
    let page = text(&site.read("team/li-hua/index.html"));
    for expected in [
        "Li Hua",
        "岗位 专利分析师",
        "专业领域 材料科学与工程",
        "负责的服务 科技查新",
    ] {
        assert!(page.contains(expected), "{expected} not in {page}");
    }
    let team = text(&site.read("en/team/index.html"));
    assert!(
        team.contains("expertise Materials Science Li Hua"),
        "{team}"
    );
}

#[test]
fn the_catalogue_groups_compares_and_links_its_data() {
    let site = site();
    site.build_ok();
    let html = site.read("catalogue/index.html");
    assert!(html.contains(
        r#"<link rel="alternate" type="application/json" title="服务目录数据（JSON）" href="/services.json">"#
    ));
    let page = text(&html);
    let by_stage = page.find("按科研阶段 立项选题 科技查新").expect(&page);
    let by_aim = page.find("按服务方向 高质量创造 科技查新").expect(&page);
    assert!(page.contains("转化运用 转化前核查"));
    assert!(by_stage < by_aim);
    // The comparison table: one row per service, each with its turnaround to sort by.
    assert_eq!(html.matches(r#"<tr class="service-row""#).count(), 2);
    assert!(
        html.contains(r#"data-stages="transfer" data-sort-days="10""#),
        "{html}"
    );
    assert!(page.contains("科技查新 5–10 个工作日 企业 ：2000 元 / 项 教师 ：免费 查新报告 (PDF) 、检索结果清单 发邮件申请"), "{page}");
}

#[test]
fn the_json_catalogue_and_json_ld_agree_with_the_pages() {
    let site = site();
    site.build_ok();
    let catalogue: Value = serde_json::from_str(&site.read("services.json")).unwrap();
    assert_eq!(catalogue["version"], 1);
    assert_eq!(catalogue["provider"]["name"]["en"], "Example Centre");
    let services = catalogue["services"].as_array().unwrap();
    assert_eq!(
        services.len(),
        2,
        "one entry per service, both languages in it"
    );
    for service in services {
        for lang in ["zh", "en"] {
            let url = service["url"][lang].as_str().unwrap();
            let path = url.strip_prefix("https://ipis.example.edu.cn/").unwrap();
            let html = site.read(&format!("{path}index.html"));
            let title = service["title"][lang].as_str().unwrap();
            assert!(html.contains(&format!("<h1 class=\"page-title\">{title}</h1>")));
            let ld = json_ld(&html);
            assert_eq!(ld["@type"], "Service");
            assert_eq!(ld["name"], title);
            assert_eq!(ld["url"], url);
            assert_eq!(ld["inLanguage"], lang);
            assert_eq!(ld["provider"]["@type"], "Library");
            assert_eq!(ld["description"], service["summary"][lang]);
        }
    }
    let novelty = &services[0];
    assert_eq!(novelty["id"], "catalogue/novelty-search");
    assert_eq!(
        novelty["turnaround"],
        serde_json::json!({"min": 5, "max": 10, "unit": "working_days", "working_days": 10})
    );
    assert_eq!(novelty["deliverables"]["zh"][0]["name"], "查新报告");
    assert_eq!(
        novelty["deliverables"]["en"][0]["name"],
        "Novelty search report"
    );
    assert_eq!(novelty["contacts"], serde_json::json!(["li-hua"]));
    let fee = |audience: &str| {
        novelty["fees"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["audience"] == audience)
            .unwrap()
            .clone()
    };
    assert_eq!(fee("faculty")["kind"], "free");
    assert_eq!(fee("enterprises")["amount"], "2000");
    assert_eq!(catalogue["team"][0]["name"]["en"], "Li Hua");

    let ld = json_ld(&site.read("catalogue/novelty-search/index.html"));
    assert_eq!(ld["availableChannel"]["processingTime"], "P10D");
    let offers = ld["offers"].as_array().unwrap();
    assert!(
        offers
            .iter()
            .any(|o| o["name"] == "教师" && o["price"] == "0")
    );
    assert!(
        offers
            .iter()
            .any(|o| o["name"] == "企业" && o["price"] == "2000")
    );
}

#[test]
fn bad_values_are_errors_on_their_lines() {
    let site = site();
    site.edit("content/catalogue/novelty-search.md", |text| {
        text.replace("turnaround: 5-10 个工作日", "turnaround: 尽快")
            .replace("enterprises: 2000 元/项", "enterprises: cheap")
            .replace("contacts: [li-hua]", "contacts: [li-hau]")
            .replace("  faculty: 免费", "  facutly: 免费")
    });
    let errors = site.build_errors();
    let file = Path::new("content/catalogue/novelty-search.md");
    let turnaround = find(&errors, "`turnaround` \"尽快\" is not a time span");
    assert_eq!(
        (turnaround.file.as_deref(), turnaround.line),
        (Some(file), Some(13))
    );
    let fee = find(&errors, "`fees`: \"cheap\" is not a fee");
    assert_eq!(fee.line, Some(16));
    let audience = find(&errors, "`facutly` is not an audience");
    assert_eq!(audience.line, Some(15));
    assert_eq!(audience.help.as_deref(), Some("did you mean `faculty`?"));
    let contact = find(&errors, "unknown contact `li-hau`");
    assert_eq!(contact.line, Some(21));
    assert_eq!(contact.help.as_deref(), Some("did you mean `li-hua`?"));
}

#[test]
fn check_warns_on_incomplete_and_stale_services() {
    let site = site();
    site.edit("site.toml", |text| {
        format!("{text}\n[services]\nreview_months = 24\n")
    })
    .edit("content/catalogue/novelty-search.en.md", |text| {
        text.replace("reviewed: 2026-03-01", "reviewed: 2020-01-15")
    });
    let (code, stdout, stderr) = site.check(&["--format", "json", "--deny-warnings"]);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let found: Vec<(String, String, Value)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"].as_str().unwrap().starts_with("service/"))
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["message"].clone(),
            )
        })
        .collect();
    let has = |code: &str, file: &str, words: &str| {
        found
            .iter()
            .any(|(c, f, m)| c == code && f == file && m.as_str().unwrap().contains(words))
    };
    for lang in ["", ".en"] {
        let file = format!("content/catalogue/transfer-check{lang}.md");
        assert!(
            has("service/incomplete", &file, "no `deliverables`"),
            "{found:?}"
        );
        assert!(has("service/incomplete", &file, "no `fees`"), "{found:?}");
        assert!(
            !has("service/incomplete", &file, "no `turnaround`"),
            "{found:?}"
        );
    }
    assert!(has(
        "service/stale",
        "content/catalogue/novelty-search.en.md",
        "last reviewed on 2020-01-15, more than 24 months ago"
    ));
    assert!(
        !found
            .iter()
            .any(|(_, f, _)| f == "content/catalogue/novelty-search.md"),
        "{found:?}"
    );
}
