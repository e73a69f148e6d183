//! The search contract, without a browser: `tests/fixtures/search-vectors.json` holds text →
//! tokens, query → terms and query → ranked pages on a small index of its own documents. The
//! Rust side (`src/search/`) is checked against it here; the browser's port
//! (`js/search-engine.js`) by `tests/search/vectors.mjs`, which the tests below run in Node on the
//! script as the build writes it (with the traditional → simplified table) and on the index of
//! those documents as the build encodes it. So the two copies cannot drift apart unnoticed on a
//! machine that has Node but no Chromium.
//!
//! Without `node`, the Node tests print why and pass, unless `CI` is set (to anything but the
//! empty string): then they fail. After a deliberate change to the tokenizer or the ranking,
//! `UPDATE_SEARCH_VECTORS=1 cargo test --release --test it search::vectors::` rewrites the
//! expectations from the Rust side; the port must then be changed to match them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::{Deserialize, Serialize};

use ipportal::markdown::TextSection;
use ipportal::search::{Document, LangIndex, encode, fold, query, tokenize};

/// The file, as written.
#[derive(Debug, Serialize, Deserialize)]
struct Vectors {
    about: String,
    tokens: Vec<TokenCase>,
    documents: Vec<Doc>,
    synonyms: Vec<Vec<String>>,
    queries: Vec<QueryCase>,
}

/// A token: term, position, kind (`char`, `pair`, `word`, `code`), span.
type TokenRow = (String, u32, String, u32);
/// A query term: term, required, prefix, and its synonym slot and member.
type TermRow = (String, bool, bool, Option<(usize, usize)>);

#[derive(Debug, Serialize, Deserialize)]
struct TokenCase {
    text: String,
    tokens: Vec<TokenRow>,
}

/// A page of the small index: its text as `[heading id, heading, text]` sections.
#[derive(Debug, Serialize, Deserialize)]
struct Doc {
    url: String,
    title: String,
    meta: String,
    sections: Vec<(String, String, String)>,
}

#[derive(Debug, Serialize, Deserialize)]
struct QueryCase {
    query: String,
    terms: Vec<TermRow>,
    /// Page URL and tier, best first.
    ranked: Vec<(String, u8)>,
}

/// The language the small index is written under (its pages are Chinese and English).
const LANG: &str = "zh";

fn vectors_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search-vectors.json")
}

fn load() -> Vectors {
    let path = vectors_path();
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn tokens_of(text: &str) -> Vec<TokenRow> {
    let kinds = ["char", "pair", "word", "code"];
    tokenize::tokenize(text, 0)
        .0
        .into_iter()
        .map(|t| {
            (
                t.term,
                t.position,
                kinds[t.kind as usize].to_string(),
                t.span,
            )
        })
        .collect()
}

fn index_of(vectors: &Vectors) -> LangIndex {
    let docs = vectors.documents.iter().map(|d| Document {
        url: d.url.clone(),
        title: d.title.clone(),
        content_type: "guide".into(),
        date: None,
        facets: vec![("type".into(), vec!["guide".into()])],
        meta: d.meta.clone(),
        sections: d
            .sections
            .iter()
            .map(|(id, heading, text)| TextSection {
                id: id.clone(),
                heading: heading.clone(),
                text: text.clone(),
                code: String::new(),
            })
            .collect(),
    });
    let mut index = LangIndex::build(LANG, docs.collect());
    index.synonyms = vectors.synonyms.clone();
    index
}

fn terms_of(query: &str, synonyms: &[Vec<String>]) -> Vec<TermRow> {
    query::analyse(query, synonyms)
        .into_iter()
        .map(|q| (q.term, q.required, q.prefix, q.synonym))
        .collect()
}

fn ranked(index: &LangIndex, query: &str) -> Vec<(String, u8)> {
    query::search(index, query)
        .into_iter()
        .map(|hit| {
            let doc = index.docs[hit.doc as usize].as_ref().unwrap();
            (doc.url.clone(), hit.tier)
        })
        .collect()
}

/// The vectors' inputs with the Rust side's outputs.
fn computed(vectors: &Vectors) -> Vectors {
    let index = index_of(vectors);
    Vectors {
        about: vectors.about.clone(),
        tokens: vectors
            .tokens
            .iter()
            .map(|c| TokenCase {
                text: c.text.clone(),
                tokens: tokens_of(&c.text),
            })
            .collect(),
        documents: vectors
            .documents
            .iter()
            .map(|d| Doc {
                url: d.url.clone(),
                title: d.title.clone(),
                meta: d.meta.clone(),
                sections: d.sections.clone(),
            })
            .collect(),
        synonyms: vectors.synonyms.clone(),
        queries: vectors
            .queries
            .iter()
            .map(|c| QueryCase {
                query: c.query.clone(),
                terms: terms_of(&c.query, &vectors.synonyms),
                ranked: ranked(&index, &c.query),
            })
            .collect(),
    }
}

/// The file as `UPDATE_SEARCH_VECTORS=1` writes it: one case, document or query a line.
fn format(vectors: &Vectors) -> String {
    fn line<T: Serialize>(item: &T) -> String {
        serde_json::to_string(item).unwrap()
    }
    fn list<T: Serialize>(items: &[T]) -> String {
        let lines: Vec<String> = items.iter().map(|i| format!("    {}", line(i))).collect();
        format!("[\n{}\n  ]", lines.join(",\n"))
    }
    format!(
        "{{\n  \"about\": {},\n  \"tokens\": {},\n  \"documents\": {},\n  \"synonyms\": {},\n  \"queries\": {}\n}}\n",
        line(&vectors.about),
        list(&vectors.tokens),
        list(&vectors.documents),
        line(&vectors.synonyms),
        list(&vectors.queries),
    )
}

#[test]
fn the_rust_side_gives_the_tokens_terms_and_rankings_of_the_vectors() {
    let vectors = load();
    let actual = computed(&vectors);
    if std::env::var_os("UPDATE_SEARCH_VECTORS").is_some_and(|v| v == "1") {
        std::fs::write(vectors_path(), format(&actual)).unwrap();
        return;
    }
    let mut differences = Vec::new();
    for (want, got) in vectors.tokens.iter().zip(&actual.tokens) {
        if want.tokens != got.tokens {
            differences.push(format!(
                "tokens of {:?}:\n  file: {:?}\n  Rust: {:?}",
                want.text, want.tokens, got.tokens
            ));
        }
    }
    for (want, got) in vectors.queries.iter().zip(&actual.queries) {
        if want.terms != got.terms {
            differences.push(format!(
                "terms of {:?}:\n  file: {:?}\n  Rust: {:?}",
                want.query, want.terms, got.terms
            ));
        }
        if want.ranked != got.ranked {
            differences.push(format!(
                "ranking of {:?}:\n  file: {:?}\n  Rust: {:?}",
                want.query, want.ranked, got.ranked
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "{} differences from {}:\n{}\n(after a deliberate change, UPDATE_SEARCH_VECTORS=1 rewrites the file; js/search-engine.js must then follow)",
        differences.len(),
        vectors_path().display(),
        differences.join("\n")
    );
}

/// The vectors keep covering what can drift: every kind of token, stemming, folding, synonym
/// slots, prefixes, and every tier of ranking.
#[test]
fn the_vectors_cover_every_kind_of_token_and_every_tier() {
    let vectors = load();
    let tokens: Vec<&TokenRow> = vectors.tokens.iter().flat_map(|c| &c.tokens).collect();
    for kind in ["char", "pair", "word", "code"] {
        assert!(tokens.iter().any(|t| t.2 == kind), "no {kind} token");
    }
    let has = |term: &str| tokens.iter().any(|t| t.0 == term);
    // A stem, a folded traditional text, a full-width number, a joined code of each kind.
    for term in [
        "search",
        "专利",
        "cn112345678a",
        "us20230123456a1",
        "g06f1633",
    ] {
        assert!(has(term), "no token {term}");
    }
    let terms: Vec<&TermRow> = vectors.queries.iter().flat_map(|c| &c.terms).collect();
    assert!(terms.iter().any(|t| t.3.is_some()), "no synonym slot");
    assert!(terms.iter().any(|t| t.2), "no prefix");
    assert!(terms.iter().any(|t| !t.1), "no optional term");
    let tiers: Vec<u8> = vectors
        .queries
        .iter()
        .flat_map(|c| c.ranked.iter().map(|r| r.1))
        .collect();
    for tier in 0..=2 {
        assert!(tiers.contains(&tier), "no hit of tier {tier}");
    }
}

// ---------- The port, in Node ----------

/// The engine script as the build writes it: with the traditional → simplified table.
fn engine_script() -> String {
    let source =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/js/search-engine.js");
    fold::into_script(&std::fs::read_to_string(source).unwrap())
}

/// `node --version` runs; when it does not, whether the test may pass anyway (no `CI`).
fn node_found() -> bool {
    let found = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
            panic!("no Node (`node`) found, and CI is set: the search vectors must run");
        }
        eprintln!("skipped: no Node (`node`) found; install Node to check js/search-engine.js");
    }
    found
}

/// Writes `script` as `search-engine.js` and the vectors' index under `zh/` into a temporary
/// folder, then runs `tests/search/vectors.mjs` on them.
fn run_node(script: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("search-engine.js"), script).unwrap();
    let mut index = index_of(&load());
    for (path, bytes) in encode::encode(&mut index).changed {
        let path = dir.path().join(LANG).join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Command::new("node")
        .arg(root.join("tests/search/vectors.mjs"))
        .arg(vectors_path())
        .arg(dir.path())
        .arg(LANG)
        .output()
        .expect("run node")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn the_javascript_port_gives_the_vectors_in_node() {
    if !node_found() {
        return;
    }
    let vectors = load();
    let output = run_node(&engine_script());
    assert!(output.status.success(), "{}", text(&output));
    // It checked every case, not none.
    let summary = format!(
        "{} texts, {} queries: as the vectors say",
        vectors.tokens.len(),
        vectors.queries.len()
    );
    assert!(text(&output).contains(&summary), "{}", text(&output));
}

/// One token rule changed in the port (the words a code may be joined across) fails the check,
/// naming the text whose tokens changed.
#[test]
fn a_port_that_drifts_fails_the_check_in_node() {
    if !node_found() {
        return;
    }
    let script = engine_script();
    let drifted = script.replacen("MAX_GAP = 3", "MAX_GAP = 0", 1);
    assert_ne!(drifted, script, "the rule to change is in the script");
    let output = run_node(&drifted);
    assert!(!output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("tokens of \"CN 112345678 A\""),
        "{}",
        text(&output)
    );
}
