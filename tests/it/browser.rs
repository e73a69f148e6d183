//! Search in a real browser: the bundled portal (plus the 44 real laws of `tests/fixtures/laws-zh`
//! and a page with markup in its title) is built once, served on 127.0.0.1 by a small server
//! (`browser/server.rs`), and opened in headless Chromium, which prints the page's DOM once the
//! search scripts have run (`--dump-dom`). The portal is built with `--minify`, as it is deployed. Typing and keys
//! are played by a few lines of script added to a copy of the search page.
//!
//! Chromium is `$CHROMIUM`, else `/usr/bin/chromium`, else `chromium` on `PATH`. Without it each
//! test prints one line to stderr and passes, so `cargo test` works where only Rust is installed;
//! with `CI` set or `IPPORTAL_REQUIRE_BROWSER=1` a missing browser fails the tests instead
//! (`.ci/run` installs it).
//!
//! `browser/chromium.rs` finds the browser, `browser/server.rs` serves the pages, and
//! `browser/theme_scripts.rs` checks that malformed input never stops the theme's scripts.

mod chromium;
mod server;
mod theme_scripts;

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use ipportal::search::{query, tokenize};

pub(crate) use chromium::{Browser, browser};
use chromium::{chromium, skipped_without_chromium};
use server::percent_encode;
pub(crate) use server::serve;

/// The built portal and the address it is served at.
struct Portal {
    root: PathBuf,
    public: PathBuf,
    base: String,
}

fn portal() -> &'static Portal {
    static PORTAL: OnceLock<Portal> = OnceLock::new();
    PORTAL.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-portal");
        let _ = std::fs::remove_dir_all(&root);
        common::copy_portal(Path::new(env!("CARGO_MANIFEST_DIR")), &root);
        add_laws(&root);
        write(
            &root.join("content/guides/markup.md"),
            "---\ntitle: \"<script>document.body.dataset.pwned = 1</script><img src=x onerror=\\\"document.body.dataset.pwned=2\\\"> 鸮鹦鹉标记测试\"\nsummary: s\n---\n\n正文也有 <b>鸮鹦鹉</b> 和 `<script>` 代码。\n",
        );
        write(
            &root.join("content/guides/traditional.md"),
            "---\ntitle: 繁體頁面\nsummary: s\n---\n\n香港的貓頭鷹專題，以繁體字寫成。\n",
        );
        // The bundled site.toml has ["PCT", "专利合作条约", "Patent Cooperation Treaty"].
        write(
            &root.join("content/guides/treaty-wording.md"),
            "---\ntitle: 条约措辞示例\nsummary: s\n---\n\n依照专利合作条约提交鸱鸺申请。\n",
        );
        write(
            &root.join("content/guides/treaty-code.md"),
            "---\ntitle: 缩写示例\nsummary: s\n---\n\n以 PCT 提交鸱鸺申请。\n",
        );
        // A long page: its text is written in pieces, and a result fetches the one it shows.
        let filler = "鸟类观察记录：今日晴，林间有多种鸣禽活动。\n\n".repeat(150);
        write(
            &root.join("content/guides/long-page.md"),
            &format!(
                "---\ntitle: 长页面\nsummary: s\n---\n\n{filler}## 末节 {{#far}}\n\n这里写着鸺鹠定位的说明。\n\n{filler}"
            ),
        );
        // A long English page whose two words are densest in two later pieces, while its title
        // holds them side by side (a word pair, which no piece holds).
        let filler = "Birdwatching log: a sunny morning, many songbirds in the woods.\n\n".repeat(80);
        write(
            &root.join("content/guides/field-notes.en.md"),
            &format!(
                "---\ntitle: Quokka Wombat Field Notes\nsummary: s\n---\n\n{filler}## Quokka notes {{#quokka}}\n\nThe quokka smiles; a quokka again.\n\n{filler}## Wombat notes {{#wombat}}\n\nThe wombat digs.\n\n{filler}"
            ),
        );
        // The production build: minified pages and scripts are what visitors' browsers run.
        let options = ipportal::BuildOptions {
            minify: true,
            ..ipportal::BuildOptions::new(&root)
        };
        let report = ipportal::build(&options);
        if let Err(errors) = report {
            panic!("build failed:\n{}", common::render(&errors));
        }
        let public = root.join("public");
        let base = serve(public.clone());
        Portal { root, public, base }
    })
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The laws as `content/laws/law-NN.md` (Chinese only: a warning each, no error).
fn add_laws(root: &Path) {
    let files = common::law_files();
    write(
        &root.join("content/laws/_index.md"),
        "---\ntitle: 法律法规\n---\n",
    );
    for (n, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(file).unwrap();
        let (first, body) = text.split_once('\n').unwrap();
        let title = first.trim_start_matches('#').trim();
        write(
            &root.join(format!("content/laws/law-{n:02}.md")),
            &format!("---\ntitle: \"{title}\"\n---\n{body}"),
        );
    }
}

/// The DOM of `url` once its scripts have run.
fn dom(url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--virtual-time-budget=15000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut out).unwrap();
        out
    });
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s: {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

/// The DOM of the search page for `query` and extra URL parameters (`&type=brief`).
fn search_page(lang_prefix: &str, query: &str, params: &str) -> String {
    let url = format!(
        "{}/{lang_prefix}search/?q={}{params}",
        portal().base,
        percent_encode(query)
    );
    let dom = dom(&url);
    assert!(
        dom.contains("data-ready"),
        "the search did not finish for {url}:\n{}",
        excerpt(&dom)
    );
    dom
}

fn excerpt(dom: &str) -> &str {
    let start = dom.find("id=\"search\"").unwrap_or(0);
    &dom[start..dom.len().min(start + 3000)]
}

/// The hrefs of the results, in order.
fn results(dom: &str) -> Vec<String> {
    dom.split("<a class=\"search-result-link\" href=\"")
        .skip(1)
        .map(|rest| unescape(&rest[..rest.find('"').unwrap()]))
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn in_top(dom: &str, n: usize, page: &str) -> bool {
    results(dom)
        .iter()
        .take(n)
        .any(|href| href.split('#').next() == Some(page))
}

#[track_caller]
fn assert_in_top(dom: &str, n: usize, page: &str) {
    assert!(
        in_top(dom, n, page),
        "{page} not in the top {n}: {:#?}",
        results(dom)
    );
}

#[test]
fn a_chinese_query_finds_the_guide_and_highlights_the_words() {
    if skipped_without_chromium() {
        return;
    }
    let dom = search_page("", "专利检索", "");
    assert_in_top(&dom, 3, "/guides/patent-search-basics/");
    assert!(dom.contains("<mark>专利检索</mark>"), "{}", excerpt(&dom));
    assert!(dom.contains("search-result-excerpt"));
    assert!(dom.contains("type-badge type-guide"));
}

#[test]
fn a_simplified_query_finds_and_highlights_traditional_text_as_written() {
    for query in ["猫头鹰", "貓頭鷹", "貓头鹰"] {
        let dom = search_page("", query, "");
        assert_in_top(&dom, 1, "/guides/traditional/");
        assert!(dom.contains("<mark>貓頭鷹</mark>"), "{}", excerpt(&dom));
    }
}

#[test]
fn a_synonym_finds_the_other_wording_after_the_words_as_typed() {
    let dom = search_page("", "PCT 鸱鸺", "");
    assert_eq!(
        results(&dom)[..2],
        ["/guides/treaty-code/", "/guides/treaty-wording/"]
    );
    assert!(
        dom.contains("<mark>专利合作条约</mark>"),
        "{}",
        excerpt(&dom)
    );
    let dom = search_page("", "专利合作条约 鸱鸺", "");
    assert_eq!(
        results(&dom)[..2],
        ["/guides/treaty-wording/", "/guides/treaty-code/"]
    );
}

#[test]
fn an_english_query_matches_word_forms() {
    if skipped_without_chromium() {
        return;
    }
    let dom = search_page("en/", "novelty searches", "");
    assert_in_top(&dom, 3, "/en/guides/novelty-search-request/");
    let dom = search_page("en/", "searching patents", "");
    assert_in_top(&dom, 5, "/en/guides/patent-search-basics/");
}

#[test]
fn a_mixed_query_and_a_single_character_work() {
    if skipped_without_chromium() {
        return;
    }
    let dom = search_page("", "incoPat 检索", "");
    assert!(!results(&dom).is_empty(), "{}", excerpt(&dom));
    let dom = search_page("", "诉", "");
    assert!(results(&dom).len() >= 5, "{}", excerpt(&dom));
}

#[test]
fn a_patent_number_is_found_in_two_spellings() {
    if skipped_without_chromium() {
        return;
    }
    for query in ["CN113987654B", "cn 113 987 654 b", "CN113987654"] {
        let dom = search_page("", query, "");
        assert_in_top(&dom, 3, "/cases/environmental-patent-licensing/");
    }
}

#[test]
fn an_ipc_code_is_found_in_any_spelling() {
    if skipped_without_chromium() {
        return;
    }
    for query in ["G01N 21/88", "g01n21/88"] {
        let dom = search_page("", query, "");
        assert_in_top(&dom, 3, "/courses/patent-search-101/search-elements/");
    }
}

#[test]
fn a_facet_narrows_the_results() {
    if skipped_without_chromium() {
        return;
    }
    let all = search_page("", "专利", "");
    let briefs = search_page("", "专利", "&type=brief");
    assert!(!results(&briefs).is_empty());
    assert!(results(&briefs).len() < results(&all).len());
    assert!(
        results(&briefs)
            .iter()
            .all(|href| href.starts_with("/briefs/")),
        "{:#?}",
        results(&briefs)
    );
    assert!(
        briefs.contains("value=\"brief\" checked"),
        "the facet shows as set"
    );
    // Singular and plural parameter names both work.
    let civil = search_page("", "专利", "&discipline=civil-engineering");
    assert!(results(&civil).len() < results(&all).len());
}

#[test]
fn other_languages_are_included_on_request() {
    if skipped_without_chromium() {
        return;
    }
    let zh_only = search_page("", "novelty search", "");
    assert!(results(&zh_only).iter().all(|h| !h.starts_with("/en/")));
    let both = search_page("", "novelty search", "&lang=zh,en");
    let hrefs = results(&both);
    assert!(hrefs.iter().any(|h| h.starts_with("/en/")), "{hrefs:#?}");
    // The page's own language comes first.
    let first_en = hrefs.iter().position(|h| h.starts_with("/en/")).unwrap();
    assert!(hrefs[..first_en].iter().all(|h| !h.starts_with("/en/")));
}

#[test]
fn a_result_can_point_to_the_heading_where_the_words_are() {
    if skipped_without_chromium() {
        return;
    }
    let dom = search_page("", "强制许可", "");
    assert!(
        results(&dom).iter().any(|h| h.contains('#')),
        "{:#?}",
        results(&dom)
    );
    assert!(dom.contains("search-result-section"));
}

#[test]
fn a_long_page_shows_the_piece_with_the_words_and_fetches_no_other() {
    if skipped_without_chromium() {
        return;
    }
    let page = search_page("", "鸺鹠定位", "");
    assert_eq!(
        results(&page).first().map(String::as_str),
        Some("/guides/long-page/#far")
    );
    assert!(page.contains("<mark>鸺鹠定位</mark>"), "{}", excerpt(&page));
    assert!(page.contains("search-result-section"));

    // Words in different pieces: one of theirs is shown, not the first piece (which the title's
    // word pair would have chosen).
    let page = search_page("en/", "quokka wombat", "");
    let first = results(&page).into_iter().next();
    assert!(
        first
            .as_deref()
            .is_some_and(|h| h.starts_with("/en/guides/field-notes/#")),
        "{first:?}"
    );
    assert!(
        page.to_lowercase().contains("<mark>quokka</mark>")
            || page.to_lowercase().contains("<mark>wombat</mark>"),
        "{}",
        excerpt(&page)
    );

    // What the result fetched: the fragment's head and the one piece, of the page's many.
    let p = portal();
    let harness = format!(
        r#"<!doctype html><meta charset="utf-8">{}<pre id="out"></pre>
<script>
  var searcher = new IpportalSearch.Searcher("/search-index/", ["zh"]);
  searcher.search("鸺鹠定位", ["zh"]).then(function (r) {{
    var before = performance.getEntriesByType("resource").length;
    return r.results[0].index.fragment(r.results[0].hit).then(function (fragment) {{
      var files = performance.getEntriesByType("resource").slice(before).map(function (e) {{
        return new URL(e.name).pathname;
      }});
      document.getElementById("out").textContent = JSON.stringify({{ files: files, sections: fragment.sections }});
    }});
  }});
</script>"#,
        search_scripts(&p.public)
    );
    let out = run_harness(p, "pieces.html", &harness);
    let files: Vec<&str> = out["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f.as_str())
        .collect();
    let fragments: Vec<&&str> = files.iter().filter(|f| f.contains("/f/")).collect();
    assert_eq!(fragments.len(), 2, "{files:#?}");
    let is_piece = |f: &str| f.rsplit('/').next().is_some_and(|name| name.contains('-'));
    assert_eq!(
        fragments.iter().filter(|f| is_piece(f)).count(),
        1,
        "{files:#?}"
    );
    let pieces = std::fs::read_dir(p.public.join("search-index/zh/f"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let hash = &fragments[0].rsplit('/').next().unwrap()[..12];
            name.to_str().unwrap().starts_with(hash)
        })
        .count();
    assert!(pieces > 3, "the page has {pieces} files");
    assert!(
        out["sections"].to_string().contains("鸺鹠定位"),
        "{}",
        out["sections"]
    );
}

#[test]
fn a_task_list_item_shows_its_checkbox_and_no_bullet() {
    if skipped_without_chromium() {
        return;
    }
    let p = portal();
    let lesson = std::fs::read_to_string(
        p.public
            .join("en/courses/patent-search-101/database-practice/index.html"),
    )
    .unwrap();
    // The page is minified: attributes lose their quotes.
    let css = lesson
        .split("href=")
        .find(|h| h.starts_with("/css/site."))
        .unwrap();
    let css = &css[..css.find([' ', '>']).unwrap()];
    let item = lesson.find("task-item").expect("a task list");
    let list = &lesson[lesson[..item].rfind("<ul").unwrap()..];
    let list = &list[..list.find("</ul>").unwrap() + 5];
    let harness = format!(
        r#"<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="{css}">
<main class="prose">{list}<ul><li id="plain">plain</li></ul></main><pre id="out"></pre>
<script>
  window.addEventListener("load", function () {{
    var task = document.querySelector("li"), plain = document.getElementById("plain");
    document.getElementById("out").textContent = JSON.stringify([
      getComputedStyle(task).listStyleType, getComputedStyle(plain).listStyleType]);
  }});
</script>"#
    );
    std::fs::write(p.public.join("task-list.html"), harness).unwrap();
    let dom = dom(&format!("{}/task-list.html", p.base));
    assert!(
        dom.contains("[&quot;none&quot;,&quot;disc&quot;]") || dom.contains(r#"["none","disc"]"#),
        "{}",
        &dom[dom.len().saturating_sub(400)..]
    );
}

#[test]
fn markup_in_content_is_shown_as_text_and_never_run() {
    if skipped_without_chromium() {
        return;
    }
    let dom = search_page("", "鸮鹦鹉", "");
    assert_in_top(&dom, 1, "/guides/markup/");
    assert!(dom.contains("&lt;script&gt;"), "{}", excerpt(&dom));
    assert!(!dom.contains("data-pwned"), "a script from content ran");
    let results_html = &dom[dom.find("id=\"search-results\"").unwrap()..];
    let results_html = &results_html[..results_html.find("</ol>").unwrap()];
    assert!(!results_html.contains("<script"));
    assert!(!results_html.contains("<img"));
}

#[test]
fn the_404_page_searches_for_the_words_of_the_missing_address() {
    if skipped_without_chromium() {
        return;
    }
    let dom = dom(&format!("{}/guides/patent-search-basic/", portal().base));
    assert!(dom.contains("data-ready"), "{}", excerpt(&dom));
    assert!(
        results(&dom)
            .iter()
            .any(|h| h.contains("patent-search-basics")),
        "{:#?}",
        results(&dom)
    );
}

/// Typing in the box and moving through the results with the keyboard: the script is added to
/// a copy of the search page, so the page itself carries no test code.
#[test]
fn typing_and_the_keyboard_work() {
    if skipped_without_chromium() {
        return;
    }
    let p = portal();
    let page = std::fs::read_to_string(p.public.join("search/index.html")).unwrap();
    let script = r#"<script>
      window.addEventListener("load", function () {
        var input = document.getElementById("search-input"), root = document.getElementById("search");
        input.value = "专利检索";
        input.dispatchEvent(new Event("input"));
        var seen = [];
        var timer = setInterval(function () {
          if (!root.hasAttribute("data-ready")) return;
          clearInterval(timer);
          var key = function (el, k) { el.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true })); };
          key(input, "ArrowDown");
          seen.push(document.activeElement.getAttribute("href"));
          key(document.activeElement, "ArrowDown");
          seen.push(document.activeElement.getAttribute("href"));
          key(document.activeElement, "ArrowUp");
          seen.push(document.activeElement.getAttribute("href"));
          document.body.setAttribute("data-seen", JSON.stringify(seen));
          // Record where Enter goes instead of going there (a page that navigates away never
          // finishes in --dump-dom).
          navigation.addEventListener("navigate", function (event) {
            document.body.setAttribute("data-opened", event.destination.url);
            event.preventDefault();
          });
          key(document.activeElement, "Enter");
        }, 50);
      });
    </script>"#;
    std::fs::write(
        p.public.join("search/keys.html"),
        // Minified pages leave out the optional `</body></html>`: the script goes at the end.
        format!("{page}{script}"),
    )
    .unwrap();
    let dom = dom(&format!("{}/search/keys.html", p.base));
    let attribute = |name: &str| {
        let start = dom
            .find(&format!("{name}=\""))
            .unwrap_or_else(|| panic!("no {name}"))
            + name.len()
            + 2;
        unescape(&dom[start..start + dom[start..].find('"').unwrap()])
    };
    let links = results(&dom);
    assert!(links.len() >= 2, "typing gave results");
    // Down to the first result, down to the second, up to the first again.
    let seen: Vec<String> = serde_json::from_str(&attribute("data-seen")).unwrap();
    assert_eq!(seen, [links[0].clone(), links[1].clone(), links[0].clone()]);
    // Enter opens the result that has the focus.
    assert_eq!(attribute("data-opened"), format!("{}{}", p.base, links[0]));
}

/// The same text gives the same tokens in Rust and in the browser, on tricky input and on the
/// laws; and the browser ranks the laws as the Rust copy of the ranking does (the judged set's
/// Chinese queries included).
#[test]
fn the_browser_tokenizes_and_ranks_like_the_indexer() {
    if skipped_without_chromium() {
        return;
    }
    let p = portal();
    let mut cases: Vec<String> = [
        "专利检索",
        "专利的检索",
        "检索专利",
        "用Python检索 patents",
        "CN 112345678 A",
        "cn112345678a",
        "ＣＮ１１２３４５６７８Ａ",
        "US 10,123,456 B2",
        "US 2020/0123456 A1",
        "WO2020/123456A1",
        "JP2020-123456A",
        "G06F 16/33 (2019.01)",
        "g06f16/33",
        "H01L 2224/48091",
        "in 2020 the US 2020 report",
        "searches searching searched studies novelty licensing hopping agreed",
        "ΣΊΣΥΦΟΣ İstanbul ﬁle ① m² café",
        "가나다 ひらがな カタカナ 𠀀𠀁 中\u{200b}文",
        "a\u{00a0}b\u{3000}c\u{feff}d",
        "e\u{301}te",
        "กกกกกกก",
        "《中华人民共和国专利法》第二十六条：“说明书”应当清楚、完整。",
        "🙂 emoji 👍🏽 test",
        "x/y-z.w,v",
        &"a".repeat(41),
        "ＡＢＣ　ｄｅｆ",
        "Ⅻ ㈱ ㎏",
        // Traditional characters fold to simplified (src/search/fold.rs), alone and mixed.
        "專利檢索",
        "專利检索 知識產權 著作權 商標",
        "《中華人民共和國專利法》第二十六條：「說明書」應當清楚、完整。",
        "\u{f9fc}識 臺灣 裡 髮 乾 𠀀",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for law in ["law-05.md", "law-17.md", "law-40.md"] {
        let text = std::fs::read_to_string(p.root.join("content/laws").join(law)).unwrap();
        cases.extend(
            text.lines()
                .filter(|l| l.chars().count() > 20)
                .take(40)
                .map(str::to_string),
        );
    }
    let mut queries: Vec<String> = [
        "专利检索",
        "商标",
        "集体管理",
        "惩罚性赔偿",
        "网络 侵权 批复",
        "诉",
        "CN112345678",
        "G06F 16/33",
        "patent",
        "强制许可 实施",
        "人民法院 管辖",
        "專利檢索",
        "著作權 集體管理",
        "PCT 申请",
        "世界知识产权组织",
        "驰名商标",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // And every Chinese query of the judged set, whose figures tests/it/ranking.rs computes in Rust.
    queries.extend(crate::ranking::judged_queries("zh"));
    let input = serde_json::json!({ "cases": cases, "queries": queries }).to_string();
    let harness = format!(
        r#"<!doctype html><meta charset="utf-8">{}
<script type="application/json" id="input">{}</script>
<pre id="out"></pre>
<script>
  var input = JSON.parse(document.getElementById("input").textContent);
  var out = {{ tokens: input.cases.map(function (c) {{ return IpportalSearch.tokenize(c); }}) }};
  var searcher = new IpportalSearch.Searcher("/search-index/", ["zh"]);
  Promise.all(input.queries.map(function (q) {{
    return searcher.search(q, ["zh"]).then(function (r) {{
      return r.results.slice(0, 10).map(function (x) {{ return [x.hit.doc, x.hit.tier]; }});
    }});
  }})).then(function (ranked) {{
    out.ranked = ranked;
    document.getElementById("out").textContent = JSON.stringify(out);
  }});
</script>"#,
        search_scripts(&p.public),
        input.replace("</", "<\\/")
    );
    let out = run_harness(p, "parity.html", &harness);

    for (case, browser) in cases.iter().zip(out["tokens"].as_array().unwrap()) {
        let rust: Vec<serde_json::Value> = tokenize::tokenize(case, 0)
            .0
            .into_iter()
            .map(|t| {
                let kind = ["char", "pair", "word", "code"][t.kind as usize];
                serde_json::json!([t.term, t.position, kind, t.span])
            })
            .collect();
        assert_eq!(
            &serde_json::Value::from(rust),
            browser,
            "tokens of {case:?}"
        );
    }

    let index = ipportal::search_index(&ipportal::BuildOptions::new(&p.root)).unwrap();
    let zh = index.language("zh").unwrap();
    let mut differences = BTreeMap::new();
    for (q, browser) in queries.iter().zip(out["ranked"].as_array().unwrap()) {
        let rust: Vec<serde_json::Value> = query::search(zh, q)
            .into_iter()
            .take(10)
            .map(|h| serde_json::json!([h.doc, h.tier]))
            .collect();
        if &serde_json::Value::from(rust.clone()) != browser {
            differences.insert(q, (rust, browser.clone()));
        }
    }
    assert!(differences.is_empty(), "rankings differ: {differences:#?}");
}

/// Writes `html` as `name` into the portal, opens it, and returns the JSON its script wrote into
/// `<pre id="out">`.
fn run_harness(p: &Portal, name: &str, html: &str) -> serde_json::Value {
    std::fs::write(p.public.join(name), html).unwrap();
    let dom = dom(&format!("{}/{name}", p.base));
    let start = dom.find("<pre id=\"out\">").expect("output") + "<pre id=\"out\">".len();
    let json = unescape(&dom[start..start + dom[start..].find("</pre>").unwrap()]);
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("no output from {name} ({e}): {json}"))
}

/// The search scripts as the search page loads them, the engine then the page: their names
/// carry a hash of their content.
fn search_scripts(public: &Path) -> String {
    let page = std::fs::read_to_string(public.join("search/index.html")).unwrap();
    let url = |name: &str| {
        let start = page
            .find(name)
            .unwrap_or_else(|| panic!("no {name} script"));
        let end = start + page[start..].find(".js").unwrap() + 3;
        format!("<script src=\"{}\"></script>", &page[start..end])
    };
    url("/js/search-engine.") + &url("/js/search.")
}
