//! The search index: what `build` writes, what is left out, updating one page, and ranking on
//! real Chinese text (the 44 laws and judicial interpretations in `tests/fixtures/laws-zh`); in
//! `search/vectors.rs`, the contract the Rust side and the browser's port share.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use common::{Site, page};
use ipportal::search::{LangIndex, encode, pieces, query, tokenize};

mod vectors;

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("gzip");
    out
}

fn json_of(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&gunzip(&std::fs::read(path).unwrap())).unwrap()
}

/// URLs of every fragment (one per indexed page) of a language: its head, `f/<hash>.bin` (a long
/// page's pieces are `f/<hash>-<k>.bin`).
fn indexed_urls(site: &Site, lang: &str) -> BTreeSet<String> {
    let dir = site.root.join("public/search-index").join(lang).join("f");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|path| !path.file_name().unwrap().to_str().unwrap().contains('-'))
        .map(|path| json_of(&path)["url"].as_str().unwrap().to_string())
        .collect()
}

fn doc_title(index: &LangIndex, url: &str) -> String {
    let id = index.doc_id(url).unwrap();
    index.docs[id as usize].as_ref().unwrap().title.clone()
}

fn titles(index: &LangIndex, query: &str, n: usize) -> Vec<String> {
    query::search(index, query)
        .into_iter()
        .take(n)
        .map(|hit| index.docs[hit.doc as usize].as_ref().unwrap().title.clone())
        .collect()
}

#[test]
fn every_language_gets_an_index_with_content_hashed_files() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    for lang in ["zh", "en"] {
        let dir = site.root.join("public/search-index").join(lang);
        let entry = json_of(&dir.join("entry.bin"));
        assert_eq!(entry["version"], encode::FORMAT_VERSION);
        assert_eq!(entry["lang"], lang);
        for shard in entry["shards"].as_array().unwrap() {
            let hash = shard[1].as_str().unwrap();
            let bytes = std::fs::read(dir.join(format!("s/{hash}.bin"))).unwrap();
            // The name is the hash of the bytes: a host can cache the file forever.
            assert_eq!(hash.len(), 12);
            assert_eq!(&bytes[..2], &[0x1f, 0x8b], "gzip");
        }
        let facets =
            json_of(&dir.join(format!("facets-{}.bin", entry["facets"].as_str().unwrap())));
        assert!(
            facets
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["name"] == "type")
        );
    }
    assert!(indexed_urls(&site, "en").contains("/ipis/en/briefs/civil/"));
}

#[test]
fn drafts_and_pages_marked_search_false_are_not_indexed() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/guides/hidden.md",
        page("summary: s\nsearch: false\n", "秘密的检索页面"),
    )
    .write(
        "content/guides/later.md",
        page("summary: s\ndraft: true\n", "草稿"),
    );
    let mut options = site.options();
    options.drafts = true;
    ipportal::build(&options).unwrap();
    assert!(
        site.exists("guides/later/index.html"),
        "drafts are built with --drafts"
    );
    let urls = indexed_urls(&site, "zh");
    assert!(!urls.contains("/ipis/guides/hidden/"), "{urls:?}");
    assert!(!urls.contains("/ipis/guides/later/"), "{urls:?}");
    assert!(!urls.is_empty());
}

#[test]
fn search_false_is_a_known_field_and_must_be_a_boolean() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/guides/x.md",
        page("summary: s\nsearch: sometimes\n", "x"),
    );
    let errors = site.build_errors();
    common::find(&errors, "field `search` must be `true` or `false`");
}

#[test]
fn search_can_be_switched_off() {
    let site = Site::copy_of(Path::new(env!("CARGO_MANIFEST_DIR")));
    site.edit("site.toml", |toml| {
        toml.replace("[search]\n", "[search]\nenabled = false\n")
    });
    site.build_ok();
    assert!(!site.exists("search-index"));
    assert!(!site.exists("search/index.html"));
    assert!(!site.read("index.html").contains("site-search"));
}

#[test]
fn the_bundled_portal_has_search_pages_and_a_box_on_every_page() {
    let site = Site::copy_of(Path::new(env!("CARGO_MANIFEST_DIR")));
    site.build_ok();
    let search = site.read("search/index.html");
    assert!(search.contains("id=\"search-results\""));
    // The engine (the port of src/search/) and the page, in that order.
    let engine = site
        .fingerprinted("js/search-engine.js")
        .expect("the search engine script");
    let script = site
        .fingerprinted("js/search.js")
        .expect("the search script");
    let engine_at = search.find(&format!("src=\"/{engine}\""));
    let script_at = search.find(&format!("src=\"/{script}\""));
    assert!(script_at.is_some(), "{search}");
    assert!(engine_at < script_at && engine_at.is_some(), "{search}");
    assert!(site.read("en/search/index.html").contains("lang=\"en\""));
    for page in [
        "index.html",
        "en/guides/index.html",
        "guides/pct-route/index.html",
    ] {
        assert!(site.read(page).contains("class=\"site-search\""), "{page}");
    }
    assert!(site.read("404.html").contains("data-from-path"));
}

#[test]
fn patent_numbers_and_ipc_codes_are_found_in_any_spelling() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/guides/numbers.md",
        page(
            "summary: s\n",
            "案例涉及 CN 112345678 A 和 US 10,123,456 B2，分类号为 G06F16/33。",
        ),
    );
    let index = ipportal::search_index(&site.options()).unwrap();
    let zh = index.language("zh").unwrap();
    let id = zh.doc_id("/ipis/guides/numbers/").unwrap();
    for query in [
        "CN112345678A",
        "CN 112345678 A",
        "cn112345678",
        "ＣＮ１１２３４５６７８Ａ",
        "US10123456B2",
        "US 10,123,456 B2",
        "G06F 16/33",
        "G06F16/33",
        "g06f 16/33",
    ] {
        let hits = query::search(zh, query);
        assert_eq!(hits.first().map(|h| h.doc), Some(id), "{query}");
        assert!(hits[0].tier > 0, "{query}: a complete match");
    }
}

#[test]
fn english_word_forms_meet() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/guides/forms.en.md",
        page("summary: s\n", "The centre searches databases for clients."),
    );
    let index = ipportal::search_index(&site.options()).unwrap();
    let en = index.language("en").unwrap();
    let id = en.doc_id("/ipis/en/guides/forms/").unwrap();
    for query in ["search", "searching", "searched", "Searches", "database "] {
        let hits = query::search(en, query);
        assert!(hits.iter().any(|h| h.doc == id && h.tier > 0), "{query}");
    }
}

#[test]
fn one_changed_page_rewrites_only_the_files_it_touches() {
    let site = law_portal();
    let mut index = ipportal::search_index(&site.options()).unwrap();
    let zh = index.languages.iter_mut().find(|l| l.lang == "zh").unwrap();
    let first = encode::encode(zh);
    let url = "/ipis/laws/law-05/";
    let mut doc = zh.docs[zh.doc_id(url).unwrap() as usize].clone().unwrap();
    // One character replaced: the page keeps its length, so only the terms around it change.
    let text = &mut doc.sections[1].text;
    *text = text.replacen('第', "鸮", 1);
    zh.upsert(doc);
    let second = encode::encode(zh);
    let shards = |e: &encode::Encoded| -> BTreeSet<String> {
        e.files
            .iter()
            .filter(|f| f.starts_with("s/"))
            .cloned()
            .collect()
    };
    let changed: Vec<&String> = second
        .changed
        .iter()
        .map(|(path, _)| path)
        .filter(|p| p.starts_with("s/"))
        .collect();
    assert!(!changed.is_empty());
    assert!(
        changed.len() * 2 < shards(&first).len(),
        "{} of {} shards rewritten",
        changed.len(),
        shards(&first).len()
    );
    // One fragment: a head, and the pieces of a long page, all named by one hash.
    let fragments: BTreeSet<&str> = second
        .changed
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("f/"))
        .map(|name| &name[..12])
        .collect();
    assert_eq!(fragments.len(), 1, "one fragment: {fragments:?}");
    let title = doc_title(zh, url);
    assert_eq!(titles(zh, "鸮", 1), [title]);
    zh.remove(url);
    assert!(query::search(zh, "鸮").is_empty());
}

/// A shard as `search.js` decodes it: term → postings as (document, impact, piece).
fn decode_shard(bytes: &[u8]) -> BTreeMap<String, Vec<(u32, u8, u16)>> {
    let bytes = gunzip(bytes);
    let mut at = 0;
    let varint = |at: &mut usize| {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let b = bytes[*at];
            *at += 1;
            value |= u64::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                return value;
            }
        }
    };
    let mut terms = BTreeMap::new();
    for _ in 0..varint(&mut at) {
        let length = varint(&mut at) as usize;
        let term = String::from_utf8(bytes[at..at + length].to_vec()).unwrap();
        at += length;
        let mut doc = 0;
        let postings = (0..varint(&mut at))
            .map(|_| {
                doc += varint(&mut at) as u32;
                let mut piece = 0;
                if bytes[at] == 0 {
                    at += 1;
                    piece = varint(&mut at) as u16;
                }
                at += 1;
                (doc, bytes[at - 1], piece)
            })
            .collect();
        terms.insert(term, postings);
    }
    terms
}

#[test]
fn a_long_page_is_written_in_pieces_and_its_postings_name_the_piece_to_show() {
    let site = law_portal();
    site.build_ok();
    let dir = site.root.join("public/search-index/zh");
    let index = ipportal::search_index(&site.options()).unwrap();
    let zh = index.language("zh").unwrap();
    // The longest law, and its fragment's head.
    let (id, doc) = zh
        .docs
        .iter()
        .enumerate()
        .filter_map(|(id, d)| Some((id as u32, d.as_ref()?)))
        .max_by_key(|(_, d)| d.sections.iter().map(|s| s.text.len()).sum::<usize>())
        .unwrap();
    let entry = json_of(&dir.join("entry.bin"));
    let table = json_of(&dir.join(format!(
        "t/{}.bin",
        entry["tables"][id as usize / encode::TABLE_SIZE].as_str().unwrap()
    )));
    let hash = table[id as usize % encode::TABLE_SIZE].as_str().unwrap();
    let head = json_of(&dir.join(format!("f/{hash}.bin")));
    assert_eq!(head["url"], doc.url.as_str());
    let count = head["pieces"].as_u64().unwrap() as usize;
    assert!(count > 5, "{count} pieces");
    assert_eq!(
        head["sections"],
        serde_json::json!([]),
        "a long page's text is in its pieces"
    );
    // Its pieces hold its text, in order, each piece small.
    let pieces: Vec<Vec<(String, String)>> = (1..=count)
        .map(|k| {
            let piece = json_of(&dir.join(format!("f/{hash}-{k}.bin")));
            let sections = piece["sections"].as_array().unwrap().iter();
            sections
                .map(|s| (s[1].as_str().unwrap().into(), s[2].as_str().unwrap().into()))
                .collect()
        })
        .collect();
    assert!(!dir.join(format!("f/{hash}-{}.bin", count + 1)).exists());
    for piece in &pieces {
        let bytes: usize = piece.iter().map(|(_, text)| text.len()).sum();
        assert!(bytes <= pieces::PIECE_BYTES, "{bytes}");
    }
    let written: String = pieces.iter().flatten().map(|(_, t)| t.as_str()).collect();
    let text: String = doc.sections.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(written, text);

    // A character pair of one late piece only (not in any heading) is shown from that piece: the
    // index says so, and so does the shard the browser reads.
    let pairs = |text: &str| -> BTreeSet<String> {
        let tokens = tokenize::tokenize(text, 0).0.into_iter();
        tokens
            .filter(|t| t.kind == tokenize::Kind::Pair)
            .map(|t| t.term)
            .collect()
    };
    let elsewhere = |k: usize| -> BTreeSet<String> {
        let others = pieces
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != k)
            .flat_map(|(_, p)| p);
        let headings = pieces.iter().flatten().map(|(h, _)| h.as_str());
        others
            .map(|(_, t)| t.as_str())
            .chain(headings)
            .chain([doc.title.as_str()])
            .flat_map(pairs)
            .collect()
    };
    let k = count - 2;
    let only_here = pieces[k]
        .iter()
        .flat_map(|(_, t)| pairs(t))
        .find(|p| !elsewhere(k).contains(p));
    let term = only_here.expect("a pair only in that piece");
    let posting = zh.terms[&term].iter().find(|p| p.doc == id).unwrap();
    assert_eq!(posting.piece as usize, k + 1, "{term}");
    let shards = entry["shards"].as_array().unwrap();
    let shard = shards
        .iter()
        .rev()
        .find(|s| s[0].as_str().unwrap() <= term.as_str())
        .unwrap();
    let decoded = decode_shard(
        &std::fs::read(dir.join(format!("s/{}.bin", shard[1].as_str().unwrap()))).unwrap(),
    );
    let postings = &decoded[&term];
    assert!(
        postings.contains(&(id, posting.impact, (k + 1) as u16)),
        "{term}: {postings:?}"
    );
    // A short page is one piece: its postings name none, its head holds its text.
    let short = zh.doc_id("/ipis/guides/patent-search/").unwrap();
    assert!(
        zh.terms
            .values()
            .flatten()
            .filter(|p| p.doc == short)
            .all(|p| p.piece == 0)
    );
}

/// A portal of the real laws: `content/laws/NN.md`, titled by each file's `# ` line.
fn law_portal() -> Site {
    let files = common::law_files();
    assert_eq!(files.len(), 44, "the law texts");
    let site = Site::fixture("bilingual");
    site.write(
        "content/laws/_index.md",
        "---\ntitle: 法律法规\ntype: guide\n---\n",
    );
    for (n, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(file).unwrap();
        let (first, body) = text.split_once('\n').unwrap();
        let title = first.trim_start_matches('#').trim();
        site.write(
            &format!("content/laws/law-{n:02}.md"),
            format!("---\ntitle: \"{title}\"\nsummary: 法律文本\n---\n{body}"),
        );
    }
    site
}

#[test]
fn distinctive_legal_terms_and_title_words_find_the_right_law() {
    let site = law_portal();
    let index = ipportal::search_index(&site.options()).unwrap();
    let zh = index.language("zh").unwrap();
    let cases: [(&str, &str); 16] = [
        // two-character words
        ("海关", "知识产权海关保护条例"),
        ("国防", "国防专利条例"),
        ("代理", "专利代理条例"),
        ("药品", "药品相关的专利权纠纷"),
        // four-character words
        ("集体管理", "著作权集体管理条例"),
        ("成果转化", "促进科技成果转化法"),
        ("技术调查", "技术调查官"),
        ("行为保全", "行为保全案件"),
        ("驰名商标", "驰名商标保护"),
        ("开放许可", "专利法"),
        ("强制许可", "专利法"),
        // longer words and several words
        ("惩罚性赔偿", "惩罚性赔偿"),
        ("技术调查官 诉讼", "技术调查官"),
        ("网络 侵权 批复", "涉网络知识产权侵权纠纷"),
        ("商标 财产保全", "注册商标权进行财产保全"),
        ("著作权法实施条例", "著作权法实施条例"),
    ];
    for (query, expected) in cases {
        let top = titles(zh, query, 3);
        assert!(
            top.iter().any(|t| t.contains(expected)),
            "{query}: expected {expected} in the top 3, got {top:#?}"
        );
    }
}

#[test]
fn the_exact_phrase_ranks_before_the_words_apart() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/guides/a.md",
        page("summary: s\n", "我们提供专利检索服务。"),
    )
    .write(
        "content/guides/b.md",
        page("summary: s\n", "我们提供专利的检索服务，也检索专利文献。"),
    )
    .write(
        "content/guides/c.md",
        page("summary: s\n", "检索专利很重要。"),
    );
    let index = ipportal::search_index(&site.options()).unwrap();
    let zh = index.language("zh").unwrap();
    let hits = query::search(zh, "专利检索");
    let rank = |url: &str| {
        let id = zh.doc_id(url).unwrap();
        hits.iter().position(|h| h.doc == id).unwrap()
    };
    let (a, b, c) = (
        rank("/ipis/guides/a/"),
        rank("/ipis/guides/b/"),
        rank("/ipis/guides/c/"),
    );
    assert!(a < b && a < c, "{a} {b} {c}");
    assert_eq!(hits[a].tier, 2, "the exact phrase");
    assert_eq!((hits[b].tier, hits[c].tier), (1, 1), "every word, apart");
}

#[test]
fn words_side_by_side_in_a_title_rank_first() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/guides/apart.en.md",
        page(
            "summary: s\n",
            "Technology matters. We also transfer files, and transfer again.",
        ),
    )
    .write(
        "content/guides/phrase.en.md",
        "---\ntitle: Transfer of technology\nsummary: s\n---\n\nHow transfer works.\n",
    )
    .write(
        "content/guides/together.en.md",
        "---\ntitle: Technology transfer offices\nsummary: s\n---\n\nWhat they do.\n",
    );
    let index = ipportal::search_index(&site.options()).unwrap();
    let en = index.language("en").unwrap();
    let hits = query::search(en, "technology transfer");
    let id = |url: &str| en.doc_id(url).unwrap();
    assert_eq!(hits[0].doc, id("/ipis/en/guides/together/"), "{hits:?}");
    assert_eq!(hits[0].tier, 2, "the words side by side");
    let apart = hits
        .iter()
        .find(|h| h.doc == id("/ipis/en/guides/apart/"))
        .unwrap();
    assert_eq!(apart.tier, 1, "every word, apart");
    // "Transfer of technology" has both words, not side by side.
    let phrase = hits
        .iter()
        .find(|h| h.doc == id("/ipis/en/guides/phrase/"))
        .unwrap();
    assert_eq!(phrase.tier, 1);
}

/// Pagefind's tracker (issue 1237) reports index-time and query-time segmentation disagreeing, so
/// that pages holding the words typed are not found. With the same character pairs on both
/// sides, any run of characters the visitor types, wherever a dictionary would cut it, finds
/// every page that contains it.
#[test]
fn any_chinese_substring_finds_every_page_that_contains_it() {
    let site = law_portal();
    let index = ipportal::search_index(&site.options()).unwrap();
    let zh = index.language("zh").unwrap();
    let texts: Vec<(u32, String)> = zh
        .docs
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.as_ref().map(|d| (i as u32, d)))
        .map(|(i, d)| {
            let mut all = d.title.clone();
            for s in &d.sections {
                all.push_str(&s.heading);
                all.push('\n');
                all.push_str(&s.text);
            }
            (i, all)
        })
        .collect();
    // Across word boundaries, inside compounds, unknown to a dictionary: 权人 (in 专利权人),
    // 利权 (in 专利权), 人民法 (in 人民法院), 侵犯专利权纠纷, 许可使用费支付方式.
    let queries = [
        "权人",
        "利权",
        "人民法",
        "侵犯专利权纠纷",
        "许可使用费支付方式",
        "实施其专利",
        "条例所",
        "的合法权益",
        "不服的",
        "商标专用权",
    ];
    for query in queries {
        let containing: BTreeSet<u32> = texts
            .iter()
            .filter(|(_, t)| t.contains(query))
            .map(|(i, _)| *i)
            .collect();
        assert!(!containing.is_empty(), "{query} is in the corpus");
        let found: BTreeSet<u32> = query::search(zh, query)
            .into_iter()
            .filter(|h| h.tier > 0)
            .map(|h| h.doc)
            .collect();
        let missed: Vec<&u32> = containing.difference(&found).collect();
        assert!(missed.is_empty(), "{query}: {} pages missed", missed.len());
    }
}

#[test]
fn a_single_character_query_works() {
    let site = law_portal();
    let index = ipportal::search_index(&site.options()).unwrap();
    let zh = index.language("zh").unwrap();
    let top = titles(zh, "诉", 5);
    assert_eq!(top.len(), 5);
    assert!(query::search(zh, "鸮").is_empty());
}

/// Traditional, simplified and mixed spellings are one search, both ways: a query in either
/// finds the same pages, and a page written in traditional characters answers a simplified query.
#[test]
fn traditional_and_simplified_characters_find_the_same_pages() {
    let site = law_portal();
    site.write(
        "content/guides/hong-kong.md",
        page(
            "summary: s\n",
            "本中心為香港用戶提供專利檢索與商標查詢服務。",
        ),
    );
    let index = ipportal::search_index(&site.options()).unwrap();
    let zh = index.language("zh").unwrap();
    let docs = |q: &str| -> Vec<(u32, u8)> {
        query::search(zh, q)
            .into_iter()
            .map(|h| (h.doc, h.tier))
            .collect()
    };
    for (simplified, others) in [
        ("专利检索", ["專利檢索", "專利检索"]),
        ("知识产权", ["知識產權", "知识產權"]),
        ("著作权", ["著作權", "著作权"]),
        ("商标侵权", ["商標侵權", "商标侵權"]),
    ] {
        let expected = docs(simplified);
        assert!(!expected.is_empty(), "{simplified} is in the corpus");
        for other in others {
            assert_eq!(docs(other), expected, "{other} and {simplified}");
        }
    }
    let hong_kong = zh.doc_id("/ipis/guides/hong-kong/").unwrap();
    let hits = query::search(zh, "专利检索");
    let hit = hits.iter().find(|h| h.doc == hong_kong).expect("found");
    assert_eq!(hit.tier, 2, "the exact phrase, in traditional characters");
}

/// `[search] synonyms`: a query naming one member of a group finds pages with another, after the
/// pages with the words as typed; in both languages; the groups reach the browser in `entry.bin`.
#[test]
fn synonym_groups_widen_a_query_and_the_typed_words_rank_first() {
    let site = Site::fixture("bilingual");
    site.edit("site.toml", |config| {
        format!("{config}\n[search]\nsynonyms = [[\"PCT\", \"专利合作条约\", \"Patent Cooperation Treaty\"]]\n")
    })
    .write(
        "content/guides/treaty.md",
        page("summary: s\n", "依照专利合作条约提交国际申请。"),
    )
    .write(
        "content/guides/fees.md",
        page("summary: s\n", "PCT 国际阶段的费用。"),
    )
    .write(
        "content/guides/treaty.en.md",
        page("summary: s\n", "The Patent Cooperation Treaty route."),
    )
    .write(
        "content/guides/fees.en.md",
        page("summary: s\n", "Fees of a PCT application."),
    );
    let index = ipportal::search_index(&site.options()).unwrap();
    for (lang, prefix) in [("zh", "/ipis/"), ("en", "/ipis/en/")] {
        let index = index.language(lang).unwrap();
        let id = |page: &str| index.doc_id(&format!("{prefix}guides/{page}/")).unwrap();
        let order = |q: &str| -> Vec<(u32, bool)> {
            query::search(index, q)
                .into_iter()
                .filter(|h| h.tier > 0)
                .map(|h| (h.doc, h.typed))
                .collect()
        };
        assert_eq!(
            order("PCT"),
            [(id("fees"), true), (id("treaty"), false)],
            "{lang}"
        );
        let treaty = if lang == "zh" {
            "专利合作条约"
        } else {
            "patent cooperation treaty"
        };
        assert_eq!(
            order(treaty),
            [(id("treaty"), true), (id("fees"), false)],
            "{lang}"
        );
    }
    site.build_ok();
    let entry = json_of(&site.root.join("public/search-index/en/entry.bin"));
    assert_eq!(
        entry["synonyms"],
        serde_json::json!([["PCT", "专利合作条约", "Patent Cooperation Treaty"]])
    );
}
