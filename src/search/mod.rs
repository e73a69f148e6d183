//! The built-in search: the rendered library → a sharded, compressed index per language, written
//! beside the site and read by the theme's dependency-free `js/search-engine.js` (the port of
//! tokenizing and ranking) and `js/search.js` (the page). The format and the ranking are
//! documented in ARCHITECTURE.md ("Search internals").
//!
//! 1. [`documents`]: pages (and courses) → [`Document`]s, from the text the Markdown renderer
//!    already extracted (no second parse of the HTML)
//! 2. [`index`]: documents → an in-memory [`LangIndex`] per language, tokenized by [`tokenize`]
//! 3. [`encode`]: a [`LangIndex`] → content-hashed, gzip-compressed files; a long page's text
//!    in [`pieces`], so that a result fetches only the part it shows
//! 4. [`query`]: the browser's ranking, in Rust, for tests and for checking the browser against
//!
//! The index can take one changed page at a time ([`LangIndex::upsert`]); encoding again then
//! rewrites only the shards that page touched.

pub mod encode;
pub mod fold;
pub mod index;
pub mod pieces;
pub mod query;
pub mod stem;
pub mod tokenize;

use rayon::prelude::*;
use serde_json::Value;

use std::collections::HashMap;

use crate::base::diagnostics::{Code, Diagnostic};
use crate::config::{Config, SynonymGroup, Urls};
use crate::content::taxonomy::resolve_term;
use crate::content::{Library, Page, Section};
use crate::markdown::TextSection;
use crate::output::Output;
use crate::render::Bodies;
pub use index::LangIndex;

/// The folder, under the site root, that holds the index.
pub const INDEX_DIR: &str = "search-index";

/// What the index knows about one page.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// URL, with the base path.
    pub url: String,
    /// Title.
    pub title: String,
    /// Content type (`guide`, `course`, `lesson`…).
    pub content_type: String,
    /// `YYYY-MM-DD`, when the page is dated.
    pub date: Option<String>,
    /// Facet name → values: `type`, `year` and each taxonomy with a vocabulary (term keys).
    pub facets: Vec<(String, Vec<String>)>,
    /// Summary, tags, taxonomy labels and the type's text fields, as one text.
    pub meta: String,
    /// The body's text, split at headings.
    pub sections: Vec<TextSection>,
}

/// The search index of every language.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// One per language that has searchable pages, in `site.toml` order.
    pub languages: Vec<LangIndex>,
}

impl SearchIndex {
    /// The index of `lang`.
    pub fn language(&self, lang: &str) -> Option<&LangIndex> {
        self.languages.iter().find(|l| l.lang == lang)
    }
}

/// The plain text of every body, index for index with the library, as the renderer extracted it.
#[derive(Debug, Default)]
pub struct Texts {
    /// One per page.
    pub pages: Vec<Vec<TextSection>>,
    /// One per section.
    pub sections: Vec<Vec<TextSection>>,
}

/// Checks the synonym groups: each has two or more members that differ once normalised as the
/// tokenizer does (`PCT` and `pct` are one), each member has something to search for,
/// and no member is in two groups. Errors carry the group's line.
pub fn check_synonyms(groups: &[SynonymGroup]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    // Normalised member → the member as written and its group's line.
    let mut seen: HashMap<String, (&str, usize)> = HashMap::new();
    for group in groups {
        let line = group.line;
        let mut problems = Vec::new();
        let mut keys: Vec<(String, &str)> = Vec::new();
        for member in &group.terms {
            let key = query::synonym_key(member);
            if key.is_empty() {
                problems.push(format!(
                    "[search] synonyms: `{member}` has no letters, digits or CJK characters to search for"
                ));
            } else if let Some((other, other_line)) = seen.get(&key) {
                problems.push(format!(
                    "[search] synonyms: `{member}` is already in the group on line {other_line} (as `{other}`): a term can be in one group only"
                ));
            } else if !keys.iter().any(|(k, _)| *k == key) {
                keys.push((key, member));
            }
        }
        if problems.is_empty() && keys.len() < 2 {
            problems.push(if group.terms.is_empty() {
                "[search] synonyms: a group is empty".to_string()
            } else {
                "[search] synonyms: a group has only one distinct term (compared in lower case, as search compares them)".to_string()
            });
        }
        errors.extend(problems.into_iter().map(|message| {
            Diagnostic::error(Code::ConfigInvalid, crate::untranslated!(message))
                .in_file("site.toml")
                .at_line(line, group.column, &group.line_text)
                .with_help(crate::untranslated!(
                    "a group lists two or more equivalent terms: [\"PCT\", \"专利合作条约\"]"
                ))
        }));
        for (key, member) in keys {
            seen.entry(key).or_insert((member, line));
        }
    }
    errors
}

/// Moves the text out of the rendered bodies: the index needs it, the writer does not, and
/// without it the two can run at the same time.
pub fn take_texts(bodies: &mut Bodies) -> Texts {
    let take = |b: &mut crate::render::Body| std::mem::take(&mut b.text);
    Texts {
        pages: bodies.pages.iter_mut().map(take).collect(),
        sections: bodies.sections.iter_mut().map(take).collect(),
    }
}

/// Builds the index of every language (in parallel) from the library and its text.
pub fn build(config: &Config, library: &Library, texts: Texts) -> SearchIndex {
    let mut rest = documents(config, library, texts);
    let mut per_language = Vec::new();
    for l in &config.languages {
        let (mine, others): (Vec<_>, Vec<_>) =
            rest.into_iter().partition(|(lang, _)| *lang == l.code);
        rest = others;
        per_language.push((l.code.as_str(), mine.into_iter().map(|(_, d)| d).collect()));
    }
    let languages = per_language
        .into_par_iter()
        .map(|(lang, docs)| {
            let mut index = LangIndex::build(lang, docs);
            index.synonyms = config
                .search
                .synonyms
                .iter()
                .map(|g| g.terms.clone())
                .collect();
            index
        })
        .collect();
    SearchIndex { languages }
}

/// Brings the index up to date for page `page`, whose body was just rendered again (`serve`).
/// Its text moves into the index.
pub fn update_page(
    index: &mut SearchIndex,
    config: &Config,
    library: &Library,
    page: usize,
    body: &mut crate::render::Body,
) {
    let p = &library.pages[page];
    if p.meta.draft || p.meta.no_search {
        return;
    }
    if let Some(lang) = index.languages.iter_mut().find(|l| l.lang == p.lang) {
        let text = std::mem::take(&mut body.text);
        lang.upsert(page_document(config, &Urls::new(config), p, text));
    }
}

/// Encodes every language's index and writes its files, in parallel, and removes those of the
/// last encoding it no longer has; returns the number of files written.
pub fn write(index: &mut SearchIndex, output: &Output) -> Result<usize, Diagnostic> {
    let encoded: Vec<(String, encode::Encoded)> = index
        .languages
        .par_iter_mut()
        .map(|lang| (format!("{INDEX_DIR}/{}", lang.lang), encode::encode(lang)))
        .collect();
    let files: Vec<(String, &[u8])> = encoded
        .iter()
        .flat_map(|(dir, e)| {
            e.changed
                .iter()
                .map(move |(path, bytes)| (format!("{dir}/{path}"), bytes.as_slice()))
        })
        .collect();
    files
        .par_iter()
        .try_for_each(|(path, bytes)| output.write(path, bytes))?;
    for (dir, e) in &encoded {
        for path in &e.removed {
            output.remove(&format!("{dir}/{path}"))?;
        }
    }
    Ok(files.len())
}

/// Every searchable page and course, with its language: drafts (even with `--drafts`) and pages
/// with `search: false` are left out.
pub fn documents<'a>(
    config: &Config,
    library: &'a Library,
    texts: Texts,
) -> Vec<(&'a str, Document)> {
    let urls = Urls::new(config);
    let pages = library
        .pages
        .par_iter()
        .zip(texts.pages)
        .filter(|(p, _)| !p.meta.draft && !p.meta.no_search)
        .map(|(p, text)| (p.lang.as_str(), page_document(config, &urls, p, text)));
    let courses = library
        .sections
        .par_iter()
        .zip(texts.sections)
        .filter(|(s, _)| s.is_course() && !s.meta.draft && !s.meta.no_search)
        .map(|(s, text)| (s.lang.as_str(), course_document(&urls, s, text)));
    pages.chain(courses).collect()
}

fn page_document(config: &Config, urls: &Urls, page: &Page, text: Vec<TextSection>) -> Document {
    let meta = &page.meta;
    let mut facets = vec![("type".to_string(), vec![page.content_type.clone()])];
    if let Some(date) = meta.date {
        facets.push(("year".into(), vec![date.day.format("%Y").to_string()]));
    }
    let mut meta_text: Vec<String> = meta.summary.iter().cloned().collect();
    for (name, terms) in &meta.taxonomies {
        let Some(taxonomy) = config.taxonomy(name) else {
            continue;
        };
        let resolved: Vec<(String, String)> = terms
            .iter()
            .filter_map(|t| resolve_term(taxonomy, &t.value, &page.lang))
            .collect();
        meta_text.extend(resolved.iter().map(|(_, label)| label.clone()));
        if taxonomy.terms.is_some() {
            facets.push((name.clone(), resolved.into_iter().map(|(k, _)| k).collect()));
        }
    }
    for value in meta.fields.values() {
        collect_strings(value, &mut meta_text);
    }
    Document {
        url: urls.url(&page.path),
        title: meta.title.clone(),
        content_type: page.content_type.clone(),
        date: meta.date.map(|d| d.ymd()),
        facets,
        meta: meta_text.join("\n"),
        sections: text,
    }
}

fn course_document(urls: &Urls, section: &Section, text: Vec<TextSection>) -> Document {
    let mut meta_text: Vec<String> = section.meta.summary.iter().cloned().collect();
    for value in section.meta.fields.values() {
        collect_strings(value, &mut meta_text);
    }
    Document {
        url: urls.url(&section.path),
        title: section.meta.title.clone(),
        content_type: section.content_type.clone(),
        date: None,
        facets: vec![("type".into(), vec![section.content_type.clone()])],
        meta: meta_text.join("\n"),
        sections: text,
    }
}

/// Every text in a front matter value (a case's `patents`, a brief's `ipc_focus`…).
fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostics::Code;

    const MINIMAL_CONFIG: &str = crate::config::MINIMAL_FOR_TESTS;

    #[test]
    fn bad_synonym_groups_are_errors_with_their_line() {
        let cases = [
            ("[]", "a group is empty"),
            ("[\"PCT\"]", "only one distinct term"),
            ("[\"PCT\", \"pct\"]", "only one distinct term"),
            ("[\"PCT\", \"——\"]", "`——` has no letters"),
            (
                "[\"WIPO\", \"世界知识产权组织\"],\n  [\"wipo\", \"世界知识产权组织\"]",
                "`wipo` is already in the group on line 13",
            ),
        ];
        for (groups, expected) in cases {
            let source = format!(
                "{MINIMAL_CONFIG}[search]\nsynonyms = [\n  [\"查新\", \"科技查新\"],\n  {groups},\n]\n"
            );
            let config = crate::config::parse(&source).unwrap();
            let errors = check_synonyms(&config.search.synonyms);
            let e = errors.iter().find(|e| e.message.contains(expected));
            let e = e.unwrap_or_else(|| panic!("{expected}: {errors:?}"));
            assert_eq!(e.code, Code::ConfigInvalid);
            let line = if expected.contains("already") { 14 } else { 13 };
            assert_eq!(e.line, Some(line), "{e:?}");
        }
    }
}
