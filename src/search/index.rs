//! [`Document`]s → one [`LangIndex`] per language: term → postings, kept in memory so that one
//! changed page can be replaced ([`LangIndex::upsert`]) without tokenizing the others again.
//!
//! A posting's score contribution is computed here, once, and stored as one byte (`impact`):
//! BM25's saturation of the page's weighted term frequency, plus a bonus when the term is in the
//! title. The browser adds `idf × impact` over the query's terms; it needs no page lengths and
//! no positions. Adjacency is indexed as terms instead: CJK character pairs everywhere (the
//! tokenizer's), and pairs of adjacent words in the title, headings and summary ([`word_pair`]),
//! which a query asks for as optional terms.
//!
//! A page longer than one [piece](super::pieces) also records, per posting, the piece where the
//! term is densest, so that the browser fetches that piece for the excerpt and no other.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::Document;
use super::pieces::pieces;
use super::tokenize::{Kind, Scratch, Term, tokenize_in};

/// BM25's term-frequency saturation.
const K1: f64 = 1.2;
/// BM25's length normalisation.
const B: f64 = 0.75;
/// Weight of an occurrence in a heading, relative to one in the body.
const HEADING_WEIGHT: f64 = 3.0;
/// Weight of an occurrence in the summary, tags, taxonomy labels and type fields.
const META_WEIGHT: f64 = 2.0;
/// Added to the impact when the term is in the title: a title match outranks any amount of body.
const TITLE_BONUS: f64 = 2.0;
/// Impacts are stored as `round(impact × IMPACT_SCALE)` in one byte.
pub const IMPACT_SCALE: f64 = 60.0;
/// Documents a task indexes on its own before its postings join the others'.
const CHUNK: usize = 1024;

/// One page in one term's postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// The document's id in its language's index.
    pub doc: u32,
    /// Score contribution before idf, scaled by [`IMPACT_SCALE`]; never 0.
    pub impact: u8,
    /// 0 for a page of one piece; else the piece of its text, numbered from 1, where the term
    /// is densest (headings count [`HEADING_WEIGHT`] times).
    pub piece: u16,
}

/// A term's postings, by document id.
pub type Postings = Vec<Posting>;

/// The term for two adjacent words, in either order: their stems, sorted, with a space between
/// (no other term has a space).
pub fn word_pair(a: &str, b: &str) -> String {
    if a <= b {
        format!("{a} {b}")
    } else {
        format!("{b} {a}")
    }
}

/// How often a term occurs in one page, per field (counts stop at 65,535: the impact saturates
/// long before). Eight bytes, so that the table of a run's terms stays in the processor's cache.
#[derive(Default)]
#[repr(align(8))]
struct TermCount {
    title: u16,
    heading: u16,
    meta: u16,
    body: u16,
}

impl TermCount {
    fn is_empty(&self) -> bool {
        self.title | self.heading | self.meta | self.body == 0
    }
}

/// One or two characters packed in a `u64` (the second is 0 for one character).
fn cjk_key(first: char, second: Option<char>) -> u64 {
    (u64::from(first) << 32) | second.map_or(0, u64::from)
}

/// The term a [`cjk_key`] was made from.
fn cjk_term(key: u64) -> String {
    [key >> 32, key & 0xFFFF_FFFF]
        .into_iter()
        .filter(|&c| c != 0)
        .filter_map(|c| char::from_u32(c as u32))
        .collect()
}

/// Terms are short and trusted (they come from the portal's own pages): the default
/// DoS-resistant hasher would only cost time.
type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// The search index of one language.
#[derive(Debug, Default)]
pub struct LangIndex {
    /// Language code.
    pub lang: String,
    /// Documents by id; `None` where one was removed (ids are never reused within a build).
    pub docs: Vec<Option<Document>>,
    /// Term → postings, by document id.
    pub terms: BTreeMap<String, Postings>,
    /// Average page length in characters, fixed at the full build.
    pub average_length: f64,
    /// Terms whose postings changed since the last encoding (before the first, every term is
    /// written anyway).
    pub(super) dirty_terms: BTreeSet<String>,
    /// Documents added, changed or removed since the last encoding.
    pub(super) dirty_docs: BTreeSet<u32>,
    /// What the last encoding wrote.
    pub(super) layout: Option<super::encode::Layout>,
    /// `[search] synonyms` of `site.toml`: applied to queries, not to the index (so changing
    /// them re-indexes nothing); written to `entry.bin` for the browser.
    pub synonyms: Vec<Vec<String>>,
    by_url: HashMap<String, u32>,
}

impl LangIndex {
    /// Indexes `docs` (all of one language): chunks of consecutive documents are tokenized and
    /// inverted in parallel, each into postings of its own, which are then appended chunk
    /// after chunk, so that every list stays in document order.
    pub fn build(lang: &str, docs: Vec<Document>) -> LangIndex {
        let lengths: Vec<u32> = docs.par_iter().map(length).collect();
        let total: u64 = lengths.iter().map(|&l| u64::from(l)).sum();
        let average_length = (total as f64 / docs.len().max(1) as f64).max(1.0);
        let chunks: Vec<ChunkPostings> = docs
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let first = c * CHUNK;
                let mut table = TermTable::new();
                for (i, doc) in chunk.iter().enumerate() {
                    let length = lengths[first + i];
                    table.add(doc, (first + i) as u32, length, average_length);
                }
                table.into_postings()
            })
            .collect();
        let mut chunks = chunks.into_iter();
        let ChunkPostings { mut cjk, mut words } = chunks.next().unwrap_or_default();
        for chunk in chunks {
            for (key, list) in chunk.cjk {
                cjk.entry(key).or_default().extend(list);
            }
            for (term, list) in chunk.words {
                match words.get_mut(&term) {
                    Some(all) => all.extend(list),
                    None => {
                        words.insert(term, list);
                    }
                }
            }
        }
        let terms: BTreeMap<String, Postings> = cjk
            .into_iter()
            .map(|(k, p)| (cjk_term(k), p))
            .chain(words.into_iter().map(|(t, p)| (t.into(), p)))
            .collect();
        let by_url = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.url.clone(), i as u32))
            .collect();
        LangIndex {
            lang: lang.to_string(),
            dirty_docs: (0..docs.len() as u32).collect(),
            docs: docs.into_iter().map(Some).collect(),
            // Never encoded: the first encoding writes every shard anyway.
            dirty_terms: BTreeSet::new(),
            terms,
            average_length,
            layout: None,
            synonyms: Vec::new(),
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

    /// Adds a page, or replaces the page with the same URL (which keeps its id). Only the terms
    /// whose postings really change are marked for encoding again.
    pub fn upsert(&mut self, doc: Document) {
        let existing = self.by_url.get(&doc.url).copied();
        let id = existing.unwrap_or_else(|| {
            self.docs.push(None);
            (self.docs.len() - 1) as u32
        });
        let mut table = TermTable::new();
        table.add(&doc, id, length(&doc), self.average_length);
        let ChunkPostings { cjk, words } = table.into_postings();
        let cjk = cjk.into_iter().map(|(k, p)| (cjk_term(k), p));
        let words = words.into_iter().map(|(t, p)| (String::from(t), p));
        // One document: one posting per term.
        let mut new: HashMap<String, Posting> = cjk
            .chain(words)
            .filter_map(|(term, postings)| Some((term, *postings.first()?)))
            .collect();
        if existing.is_some() {
            self.replace_postings(id, &mut new);
        }
        for (term, posting) in new {
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

    /// Removes a document's postings.
    fn remove_postings(&mut self, id: u32) {
        self.replace_postings(id, &mut HashMap::new());
    }

    /// Replaces document `id`'s posting in every list that has one with its posting in `new`
    /// (taken out of `new`), or removes it when `new` has none; marks the terms whose lists
    /// change. A scan of every list: far cheaper than tokenizing the page's old text again, and
    /// it needs no second copy of each page's terms.
    fn replace_postings(&mut self, id: u32, new: &mut HashMap<String, Posting>) {
        let mut emptied = Vec::new();
        for (term, list) in self.terms.iter_mut() {
            let Ok(at) = list.binary_search_by_key(&id, |p| p.doc) else {
                continue;
            };
            match new.remove(term) {
                Some(posting) if posting == list[at] => continue,
                Some(posting) => list[at] = posting,
                None => {
                    list.remove(at);
                }
            }
            self.dirty_terms.insert(term.clone());
            if list.is_empty() {
                emptied.push(term.clone());
            }
        }
        for term in emptied {
            self.terms.remove(&term);
        }
    }
}

/// A term's weighted occurrences in the pieces of one page, met in piece order: the piece being
/// counted and the best so far (the first of equals).
#[derive(Default)]
struct Tally {
    piece: u16,
    count: f64,
    best: f64,
    best_piece: u16,
}

impl Tally {
    fn add(&mut self, piece: u16, weight: f64) {
        if piece != self.piece {
            self.close();
            (self.piece, self.count) = (piece, 0.0);
        }
        self.count += weight;
    }

    fn close(&mut self) {
        if self.count > self.best {
            (self.best, self.best_piece) = (self.count, self.piece);
        }
    }

    fn best_piece(&self) -> u16 {
        if self.count > self.best {
            self.piece
        } else {
            self.best_piece
        }
    }
}

/// The postings of a run of consecutive documents.
#[derive(Default)]
struct ChunkPostings {
    cjk: FxMap<u64, Postings>,
    words: FxMap<Box<str>, Postings>,
}

/// The first code point counted in [`TermTable::chars`] (CJK Extension A, then the unified block).
const CHARS_FROM: u32 = 0x3400;
/// One past the last.
const CHARS_TO: u32 = 0xA000;

/// Which field of a [`TermCount`] an occurrence counts in.
type Field = fn(&mut TermCount) -> &mut u16;

/// The terms of a run of consecutive documents, and their postings. A term is numbered the first
/// time the run meets it: counting a token then costs one lookup (an array index for a single
/// ideograph), a page's counts are a flat table, and a word's text is allocated once per run,
/// not once per page.
struct TermTable {
    /// Single ideographs of the common blocks (a quarter of a Chinese page's tokens), by code
    /// point from [`CHARS_FROM`]: the term's number + 1, or 0 before the run met it.
    chars: Vec<u32>,
    /// Other CJK terms, by [`cjk_key`].
    cjk: FxMap<u64, u32>,
    /// Words, codes and word pairs.
    words: FxMap<Box<str>, u32>,
    /// The page being added: its counts by term number…
    counts: Vec<TermCount>,
    /// …and which of them it touched.
    touched: Vec<u32>,
    /// Postings by term number.
    postings: Vec<Postings>,
    scratch: Scratch,
}

impl TermTable {
    fn new() -> Self {
        TermTable {
            chars: vec![0; (CHARS_TO - CHARS_FROM) as usize],
            cjk: FxMap::default(),
            words: FxMap::default(),
            counts: Vec::new(),
            touched: Vec::new(),
            postings: Vec::new(),
            scratch: Scratch::default(),
        }
    }

    /// Tokenizes one page, field by field (title, then the summary and other front matter text,
    /// then each heading followed by its text; positions run on through the fields), and adds
    /// its postings as document `id`.
    fn add(&mut self, doc: &Document, id: u32, length: u32, average_length: f64) {
        let mut position = 0;
        position = self.count_field(&doc.title, position, |c| &mut c.title, true);
        position = self.count_field(&doc.meta, position, |c| &mut c.meta, true);
        for section in &doc.sections {
            position = self.count_field(&section.heading, position, |c| &mut c.heading, true);
            position = self.count_field(&section.text, position, |c| &mut c.body, false);
            position = self.count_field(&section.code, position, |c| &mut c.body, false);
        }
        let located = self.locate(doc);
        for n in self.touched.drain(..) {
            let count = std::mem::take(&mut self.counts[n as usize]);
            let mut posting = posting(id, &count, length, average_length);
            if let Some(tallies) = &located {
                // Pieces are numbered from 1; a term met only outside them (the title, the
                // summary) shows the first.
                posting.piece = tallies.get(&n).map_or(0, Tally::best_piece) + 1;
            }
            self.postings[n as usize].push(posting);
        }
    }

    /// For a page of more than one piece: the page's terms (by number) that occur in its text,
    /// each with its tally over the pieces (numbered from 0 here). The pieces are tokenized
    /// again, each on its own (a second pass, for long pages only; a token cut in two at a
    /// piece's end is not located).
    fn locate(&mut self, doc: &Document) -> Option<FxMap<u32, Tally>> {
        let pieces = pieces(&doc.sections);
        if pieces.len() < 2 {
            return None;
        }
        let mut tallies: FxMap<u32, Tally> = FxMap::default();
        let mut scratch = std::mem::take(&mut self.scratch);
        for (k, piece) in pieces.iter().enumerate() {
            for part in piece {
                let heading = &doc.sections[part.section].heading;
                let fields = [
                    (
                        part.starts_section.then_some(heading.as_str()),
                        HEADING_WEIGHT,
                    ),
                    (Some(part.text), 1.0),
                ];
                for (text, weight) in fields {
                    let Some(text) = text else { continue };
                    tokenize_in(&mut scratch, text, 0, &mut |term, _, _, _| {
                        if let Some(n) = self.find(term)
                            && !self.counts[n as usize].is_empty()
                        {
                            tallies.entry(n).or_default().add(k as u16, weight);
                        }
                    });
                }
            }
        }
        self.scratch = scratch;
        Some(tallies)
    }

    /// Counts the tokens of one field, numbered from `position`; returns the next position.
    /// With `pairs` (short fields, where a phrase matters) adjacent words count as pairs too.
    fn count_field(&mut self, text: &str, position: u32, field: Field, pairs: bool) -> u32 {
        let mut scratch = std::mem::take(&mut self.scratch);
        let mut previous: Option<(String, u32)> = None;
        let next = tokenize_in(&mut scratch, text, position, &mut |term, at, kind, _| {
            self.count(term, field);
            if pairs && kind == Kind::Word {
                let Term::Text(word) = term else { return };
                if let Some((before, p)) = &previous
                    && p + 1 == at
                {
                    self.count(Term::Text(&word_pair(before, word)), field);
                }
                previous = Some((word.to_string(), at));
            }
        });
        self.scratch = scratch;
        next
    }

    /// Counts one occurrence of `term` in `field` of the page being added.
    fn count(&mut self, term: Term, field: Field) {
        let n = self.number(term) as usize;
        if self.counts[n].is_empty() {
            self.touched.push(n as u32);
        }
        let count = field(&mut self.counts[n]);
        *count = count.saturating_add(1);
    }

    /// The number of `term`, if the run has met it.
    fn find(&self, term: Term) -> Option<u32> {
        match term {
            Term::Cjk(a, None) if (CHARS_FROM..CHARS_TO).contains(&u32::from(a)) => {
                self.chars[(u32::from(a) - CHARS_FROM) as usize].checked_sub(1)
            }
            Term::Cjk(a, b) => self.cjk.get(&cjk_key(a, b)).copied(),
            Term::Text(word) => self.words.get(word).copied(),
        }
    }

    /// The number of `term`, numbering it when it is new.
    fn number(&mut self, term: Term) -> u32 {
        let next = self.postings.len() as u32;
        let number = match term {
            Term::Cjk(a, None) if (CHARS_FROM..CHARS_TO).contains(&u32::from(a)) => {
                let slot = &mut self.chars[(u32::from(a) - CHARS_FROM) as usize];
                if *slot == 0 {
                    *slot = next + 1;
                }
                *slot - 1
            }
            Term::Cjk(a, b) => *self.cjk.entry(cjk_key(a, b)).or_insert(next),
            Term::Text(word) => match self.words.get(word) {
                Some(&n) => n,
                None => {
                    self.words.insert(word.into(), next);
                    next
                }
            },
        };
        if number == next {
            self.counts.push(TermCount::default());
            self.postings.push(Vec::new());
        }
        number
    }

    /// The postings of every term the run met, by term.
    fn into_postings(mut self) -> ChunkPostings {
        let mut take = |n: u32| std::mem::take(&mut self.postings[n as usize]);
        let chars = (CHARS_FROM..CHARS_TO)
            .zip(&self.chars)
            .filter(|&(_, &n)| n > 0)
            .filter_map(|(c, &n)| Some((cjk_key(char::from_u32(c)?, None), n - 1)));
        let cjk: FxMap<u64, Postings> = chars
            .chain(self.cjk)
            .map(|(key, n)| (key, take(n)))
            .collect();
        let words = self
            .words
            .into_iter()
            .map(|(word, n)| (word, take(n)))
            .collect();
        ChunkPostings { cjk, words }
    }
}

/// A page's length for BM25: its characters (cheap to count before tokenizing, which lets the
/// postings be made batch by batch; the same unit for every page of the language).
fn length(doc: &Document) -> u32 {
    let sections: usize = doc
        .sections
        .iter()
        .map(|s| s.heading.chars().count() + s.text.chars().count() + s.code.chars().count())
        .sum();
    (doc.title.chars().count() + doc.meta.chars().count() + sections) as u32
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
        piece: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::TextSection;
    use crate::search::pieces::PIECE_BYTES;
    use crate::search::pieces::tests::section;

    fn doc(url: &str, sections: Vec<TextSection>) -> Document {
        Document {
            url: url.into(),
            title: "标题".into(),
            content_type: "guide".into(),
            date: None,
            facets: Vec::new(),
            meta: String::new(),
            sections,
        }
    }

    fn piece(index: &LangIndex, term: &str, url: &str) -> u16 {
        let id = index.doc_id(url).unwrap();
        index.terms[term]
            .iter()
            .find(|p| p.doc == id)
            .unwrap()
            .piece
    }

    #[test]
    fn a_posting_names_the_piece_where_its_term_is_densest_headings_weighing_more() {
        let filler = "文".repeat(PIECE_BYTES / 3);
        let long = doc(
            "/long/",
            vec![
                // Piece 1: 鸮鹦 twice and 鸱鸺 once in the text.
                section("", "", &format!("鸮鹦鸮鹦鸱鸺。{filler}")),
                // Piece 2 (and 3, the filler's rest): 鸮鹦 three times, 鸱鸺 in the heading.
                section("b", "鸱鸺", &format!("鸮鹦鸮鹦鸮鹦。{filler}")),
            ],
        );
        let short = doc("/short/", vec![section("", "", "鸮鹦鸱鸺")]);
        let index = LangIndex::build("zh", vec![long, short]);
        assert_eq!(piece(&index, "鸮鹦", "/long/"), 2);
        assert_eq!(
            piece(&index, "鸱鸺", "/long/"),
            2,
            "a heading counts three times"
        );
        // Only in the title: the first piece.
        assert_eq!(piece(&index, "标题", "/long/"), 1);
        assert_eq!(piece(&index, "鸮鹦", "/short/"), 0, "one piece");
    }

    #[test]
    fn of_equally_dense_pieces_the_first_is_named() {
        let filler = "文".repeat(PIECE_BYTES / 3);
        let sections = vec![
            section("", "", &format!("鸮鹦。{filler}")),
            section("b", "乙", &format!("鸮鹦。{filler}")),
        ];
        let index = LangIndex::build("zh", vec![doc("/long/", sections)]);
        assert_eq!(piece(&index, "鸮鹦", "/long/"), 1);
    }
}
