//! A visitor's query → ranked documents. The browser does this (`search.js`, `analyse` and
//! `rank`); this Rust copy runs the same steps on the in-memory index, so tests can check the
//! ranking on real text, and `tests/browser.rs` that the browser agrees with it.
//!
//! 1. The query is tokenized like a page. A CJK run's pairs at even offsets (and its last pair
//!    when its length is odd) are required; the pairs between them are optional and reward the
//!    exact phrase (`专利检索`: 专利 and 检索 required, 利检 optional). A one-character run requires
//!    its character. Every word and code is required; the words a code was joined from are not.
//!    Two adjacent words also ask for their [`word_pair`], optionally: the phrase in a title,
//!    heading or summary.
//! 2. A code, an IPC-like word, and the last word when the query does not end in a space (the
//!    visitor is still typing) also match the terms they begin (at most [`MAX_EXPANSIONS`]).
//! 3. Each query term scores `idf × weight × impact` in each page, with the best `weight × impact`
//!    of its matching terms (weight 1 for the exact term, 0.8 for a longer one) and the idf of
//!    all the pages it matches (a prefix counts as one term); a page's score is their sum.
//! 4. Pages that have every required term come first: those that also have every optional term
//!    (the exact phrase), then the others; then the pages with only some required terms, those
//!    with more of them first. Ties go by score, then by document order.

use std::collections::{BTreeMap, HashSet};

use super::index::{IMPACT_SCALE, LangIndex, Postings, word_pair};
use super::tokenize::{Kind, Token, tokenize};

/// At most this many index terms per prefix.
pub const MAX_EXPANSIONS: usize = 64;
/// Weight of a longer term found by prefix.
const PREFIX_WEIGHT: f64 = 0.8;
/// A word shorter than this is never used as a prefix.
const MIN_PREFIX: usize = 3;

/// One term of an analysed query.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    /// The term, as in the index.
    pub term: String,
    /// Pages must have it to be complete matches.
    pub required: bool,
    /// It also matches index terms that begin with it.
    pub prefix: bool,
}

/// A ranked page.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Document id.
    pub doc: u32,
    /// Score (higher is better within a tier).
    pub score: f64,
    /// 2: every term including the optional ones; 1: every required term; 0: some.
    pub tier: u8,
    /// Required terms the page has.
    pub matched: usize,
}

/// Step 1 and 2: the terms of a query.
pub fn analyse(query: &str) -> Vec<QueryTerm> {
    let tokens = tokenize(query, 0).0;
    let pairs: HashSet<u32> = tokens
        .iter()
        .filter(|t| t.kind == Kind::Pair)
        .map(|t| t.position)
        .collect();
    // Words that a longer code was joined from.
    let consumed: HashSet<u32> = tokens
        .iter()
        .filter(|t| t.span > 1)
        .flat_map(|t| t.position..t.position + t.span)
        .collect();
    let is_part = |t: &Token| {
        matches!(t.kind, Kind::Word | Kind::Code) && t.span == 1 && consumed.contains(&t.position)
    };
    let last_word = tokens
        .iter()
        .filter(|t| matches!(t.kind, Kind::Word | Kind::Code) && !is_part(t))
        .map(|t| t.position)
        .max();
    let still_typing = super::tokenize::ends_in_word(query);
    let mut terms: Vec<QueryTerm> = Vec::new();
    let mut add = |term: String, required: bool, prefix: bool| match terms
        .iter_mut()
        .find(|q| q.term == term)
    {
        Some(q) => {
            q.required |= required;
            q.prefix |= prefix;
        }
        None => terms.push(QueryTerm {
            term,
            required,
            prefix,
        }),
    };
    let mut previous_word: Option<&Token> = None;
    for t in &tokens {
        match t.kind {
            Kind::Char => {
                let alone = !pairs.contains(&t.position)
                    && (t.position == 0 || !pairs.contains(&(t.position - 1)));
                if alone {
                    add(t.term.clone(), true, false);
                }
            }
            Kind::Pair => {
                let (start, length) = run_of(&pairs, t.position);
                let offset = t.position - start;
                add(
                    t.term.clone(),
                    offset % 2 == 0 || offset + 2 == length,
                    false,
                );
            }
            Kind::Word | Kind::Code if is_part(t) => {}
            Kind::Word => {
                let typing = still_typing && Some(t.position) == last_word;
                let long = t.term.chars().count() >= MIN_PREFIX;
                let prefix = long && (typing || super::tokenize::starts_code(&t.term));
                add(t.term.clone(), true, prefix);
                if let Some(before) = previous_word
                    && before.position + 1 == t.position
                {
                    add(word_pair(&before.term, &t.term), false, false);
                }
                previous_word = Some(t);
            }
            Kind::Code => add(t.term.clone(), true, true),
        }
    }
    terms
}

/// The first position and the length in characters of the CJK run holding the pair at `position`.
fn run_of(pairs: &HashSet<u32>, position: u32) -> (u32, u32) {
    let mut start = position;
    while start > 0 && pairs.contains(&(start - 1)) {
        start -= 1;
    }
    let mut end = position;
    while pairs.contains(&(end + 1)) {
        end += 1;
    }
    (start, end - start + 2)
}

/// Steps 3 and 4: every page with at least one required term, best first.
pub fn search(index: &LangIndex, query: &str) -> Vec<Hit> {
    let terms = analyse(query);
    let n = index.live_docs() as f64;
    let mut found: BTreeMap<u32, Vec<f64>> = BTreeMap::new();
    for (i, q) in terms.iter().enumerate() {
        // The best weighted impact of the term's matches in each page.
        let mut pages: BTreeMap<u32, f64> = BTreeMap::new();
        for (term, postings) in expansions(index, q) {
            let weight = if *term == q.term { 1.0 } else { PREFIX_WEIGHT };
            for p in postings {
                let w = weight * f64::from(p.impact);
                let best = pages.entry(p.doc).or_insert(0.0);
                if w > *best {
                    *best = w;
                }
            }
        }
        // A prefix counts as one term: its idf is that of all the pages it matches.
        let df = pages.len() as f64;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        for (doc, w) in pages {
            let scores = found.entry(doc).or_insert_with(|| vec![0.0; terms.len()]);
            scores[i] = idf * w / IMPACT_SCALE;
        }
    }
    let required = terms.iter().filter(|q| q.required).count();
    let mut hits: Vec<Hit> = found
        .into_iter()
        .filter_map(|(doc, scores)| {
            let has = |i: usize| scores[i] > 0.0;
            let matched = (0..terms.len())
                .filter(|&i| terms[i].required && has(i))
                .count();
            if matched == 0 {
                return None;
            }
            let tier = match (matched == required, (0..terms.len()).all(has)) {
                (true, true) => 2,
                (true, false) => 1,
                _ => 0,
            };
            Some(Hit {
                doc,
                score: scores.iter().sum(),
                tier,
                matched,
            })
        })
        .collect();
    hits.sort_by(|a, b| {
        b.tier
            .cmp(&a.tier)
            .then(b.matched.cmp(&a.matched))
            .then(b.score.total_cmp(&a.score))
            .then(a.doc.cmp(&b.doc))
    });
    hits
}

/// The index terms a query term matches: itself, and with a prefix the terms it begins.
fn expansions<'a>(index: &'a LangIndex, q: &QueryTerm) -> Vec<(&'a String, &'a Postings)> {
    if !q.prefix {
        return index.terms.get_key_value(&q.term).into_iter().collect();
    }
    index
        .terms
        .range::<str, _>((
            std::ops::Bound::Included(q.term.as_str()),
            std::ops::Bound::Unbounded,
        ))
        .take_while(|(t, _)| t.starts_with(&q.term))
        .take(MAX_EXPANSIONS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(query: &str) -> Vec<(String, bool, bool)> {
        analyse(query)
            .into_iter()
            .map(|q| (q.term, q.required, q.prefix))
            .collect()
    }

    fn s(term: &str, required: bool, prefix: bool) -> (String, bool, bool) {
        (term.to_string(), required, prefix)
    }

    #[test]
    fn chinese_queries_require_a_cover_of_pairs() {
        assert_eq!(
            summary("专利检索"),
            [
                s("专利", true, false),
                s("利检", false, false),
                s("检索", true, false)
            ]
        );
        assert_eq!(
            summary("商标法"),
            [s("商标", true, false), s("标法", true, false)]
        );
        assert_eq!(summary("法"), [s("法", true, false)]);
    }

    #[test]
    fn codes_replace_their_parts_and_match_as_prefixes() {
        assert_eq!(summary("CN 112345678 A"), [s("cn112345678a", true, true)]);
        assert_eq!(summary("cn112345678"), [s("cn112345678", true, true)]);
        assert_eq!(summary("g06f 16/33"), [s("g06f1633", true, true)]);
    }

    #[test]
    fn the_last_word_is_a_prefix_while_typing() {
        assert_eq!(
            summary("novelty sear"),
            [
                s("novelti", true, false),
                s("sear", true, true),
                s("novelti sear", false, false)
            ]
        );
        assert_eq!(
            summary("novelty search "),
            [
                s("novelti", true, false),
                s("search", true, false),
                s("novelti search", false, false)
            ]
        );
        // Either order: "Patent Searching" answers "searching patents".
        assert_eq!(analyse("searching patents ")[2].term, "patent search");
    }
}
