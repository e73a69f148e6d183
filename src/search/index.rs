//! [`Document`]s → one [`LangIndex`] per language: term → postings, kept in memory so that one
//! changed page can be replaced ([`LangIndex::upsert`]) without tokenizing the others again.
//!
//! A posting's score contribution is computed here, once, and stored as one byte (`impact`):
//! BM25's saturation of the page's weighted term frequency, plus a bonus when the term is in the
//! title. The browser adds `idf × impact` over the query's terms; it needs no page lengths.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::Document;
use super::tokenize::{Kind, tokenize};

/// BM25's term-frequency saturation.
const K1: f64 = 1.2;
/// BM25's length normalisation.
const B: f64 = 0.75;
/// Weight of an occurrence in a heading, relative to one in the body.
const HEADING_WEIGHT: f64 = 3.0;
/// Weight of an occurrence in the summary, tags, taxonomy labels and type fields.
const META_WEIGHT: f64 = 2.0;
/// Added to the impact when the term is in the title: a title match outranks any amount of body.
const TITLE_BONUS: f64 = 1.5;
/// Impacts are stored as `round(impact × IMPACT_SCALE)` in one byte.
pub const IMPACT_SCALE: f64 = 60.0;
/// Positions kept per posting, for the phrase bonus of Latin words and codes (CJK phrases are
/// found by their character pairs, which need no positions).
pub const MAX_POSITIONS: usize = 4;

/// One page in one term's postings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    /// The document's id in its language's index.
    pub doc: u32,
    /// Score contribution before idf, scaled by [`IMPACT_SCALE`].
    pub impact: u8,
    /// The first positions of the term in the page (words and codes only).
    pub positions: Box<[u32]>,
}

/// How often a term occurs in one page, per field.
#[derive(Default)]
struct TermCount {
    title: u32,
    heading: u32,
    meta: u32,
    body: u32,
    positions: Vec<u32>,
}

/// A page's terms before they join the index.
struct Analysed {
    length: u32,
    terms: Vec<(String, TermCount)>,
}

/// The search index of one language.
#[derive(Debug, Default)]
pub struct LangIndex {
    /// Language code.
    pub lang: String,
    /// Documents by id; `None` where one was removed (ids are never reused within a build).
    pub docs: Vec<Option<Document>>,
    /// Term → postings, by document id.
    pub terms: BTreeMap<String, Vec<Posting>>,
    /// Average page length in positions, fixed at the full build.
    pub average_length: f64,
    /// Terms whose postings changed since the last encoding.
    pub(super) dirty_terms: BTreeSet<String>,
    /// Documents added, changed or removed since the last encoding.
    pub(super) dirty_docs: BTreeSet<u32>,
    /// What the last encoding wrote.
    pub(super) layout: Option<super::encode::Layout>,
    by_url: HashMap<String, u32>,
}

impl LangIndex {
    /// Indexes `docs` (all of one language), tokenizing them in parallel.
    pub fn build(lang: &str, docs: Vec<Document>) -> LangIndex {
        let analysed: Vec<Analysed> = docs.par_iter().map(analyse).collect();
        let total: u64 = analysed.iter().map(|a| u64::from(a.length)).sum();
        let average_length = (total as f64 / analysed.len().max(1) as f64).max(1.0);
        let mut terms: HashMap<String, Vec<Posting>> = HashMap::new();
        for (doc, a) in analysed.into_iter().enumerate() {
            for (term, count) in a.terms {
                let posting = posting(doc as u32, &count, a.length, average_length);
                terms.entry(term).or_default().push(posting);
            }
        }
        let by_url = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.url.clone(), i as u32))
            .collect();
        LangIndex {
            lang: lang.to_string(),
            dirty_docs: (0..docs.len() as u32).collect(),
            docs: docs.into_iter().map(Some).collect(),
            dirty_terms: terms.keys().cloned().collect(),
            terms: terms.into_iter().collect(),
            average_length,
            layout: None,
            by_url,
        }
    }

    /// Number of documents in the index (removed ones not counted).
    pub fn live_docs(&self) -> usize {
        self.by_url.len()
    }

    /// The id of the document at `url`.
    pub fn doc_id(&self, url: &str) -> Option<u32> {
        self.by_url.get(url).copied()
    }

    /// Adds a page, or replaces the page with the same URL. The page keeps its id.
    pub fn upsert(&mut self, doc: Document) {
        let id = match self.by_url.get(&doc.url) {
            Some(&id) => {
                self.remove_postings(id);
                id
            }
            None => {
                self.docs.push(None);
                (self.docs.len() - 1) as u32
            }
        };
        let a = analyse(&doc);
        for (term, count) in a.terms {
            let posting = posting(id, &count, a.length, self.average_length);
            let list = self.terms.entry(term.clone()).or_default();
            let at = list.partition_point(|p| p.doc < id);
            list.insert(at, posting);
            self.dirty_terms.insert(term);
        }
        self.by_url.insert(doc.url.clone(), id);
        self.docs[id as usize] = Some(doc);
        self.dirty_docs.insert(id);
    }

    /// Removes the page at `url`, if it is indexed.
    pub fn remove(&mut self, url: &str) {
        if let Some(id) = self.by_url.remove(url) {
            self.remove_postings(id);
            self.docs[id as usize] = None;
            self.dirty_docs.insert(id);
        }
    }

    /// Removes a document's postings. A scan of every list: far cheaper than tokenizing the
    /// page again, and it needs no second copy of each page's terms.
    fn remove_postings(&mut self, id: u32) {
        let mut emptied = Vec::new();
        for (term, list) in self.terms.iter_mut() {
            if let Ok(at) = list.binary_search_by_key(&id, |p| p.doc) {
                list.remove(at);
                self.dirty_terms.insert(term.clone());
                if list.is_empty() {
                    emptied.push(term.clone());
                }
            }
        }
        for term in emptied {
            self.terms.remove(&term);
        }
    }
}

/// Tokenizes one page, field by field: title, then the summary and other front matter text, then
/// each heading followed by its text. Positions run on through the fields.
fn analyse(doc: &Document) -> Analysed {
    let mut counts: HashMap<String, TermCount> = HashMap::new();
    let mut position = 0;
    let mut add = |text: &str, field: fn(&mut TermCount) -> &mut u32, position: &mut u32| {
        let (tokens, next) = tokenize(text, *position);
        *position = next;
        for t in tokens {
            let count = counts.entry(t.term).or_default();
            *field(count) += 1;
            if matches!(t.kind, Kind::Word | Kind::Code) && count.positions.len() < MAX_POSITIONS {
                count.positions.push(t.position);
            }
        }
    };
    add(&doc.title, |c| &mut c.title, &mut position);
    add(&doc.meta, |c| &mut c.meta, &mut position);
    for section in &doc.sections {
        add(&section.heading, |c| &mut c.heading, &mut position);
        add(&section.text, |c| &mut c.body, &mut position);
    }
    let mut terms: Vec<(String, TermCount)> = counts.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Analysed {
        length: position,
        terms,
    }
}

fn posting(doc: u32, count: &TermCount, length: u32, average: f64) -> Posting {
    let tf = f64::from(count.body)
        + HEADING_WEIGHT * f64::from(count.heading)
        + META_WEIGHT * f64::from(count.meta);
    let norm = K1 * (1.0 - B + B * f64::from(length) / average);
    let mut impact = tf * (K1 + 1.0) / (tf + norm);
    if count.title > 0 {
        impact += TITLE_BONUS;
    }
    Posting {
        doc,
        impact: (impact * IMPACT_SCALE).round().clamp(1.0, 255.0) as u8,
        positions: count.positions.clone().into_boxed_slice(),
    }
}
