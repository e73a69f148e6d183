//! A visitor's query → ranked documents. The browser does this (`search-engine.js`, `analyse`
//! and `rank`); this Rust copy runs the same steps on the in-memory index, so tests can check the
//! ranking on real text, and that the port agrees with it: on the shared vectors of
//! `tests/fixtures/search-vectors.json` (in Node) and in a browser (`tests/it/browser.rs`).
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
//! 5. Synonyms (`[search] synonyms` in `site.toml`, passed to the browser in `entry.bin`): where
//!    the query holds a member of a group (compared by its tokens' terms, the longest first), those
//!    words become a slot that any member of the group satisfies, each member analysed as in
//!    step 1 (a pair across the slot's edge stays, optional). A page that satisfies every slot with the words as typed ranks before one that needs
//!    another member; otherwise a slot counts as the typed words' required terms.

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
    /// For the terms of a synonym slot: the slot, and the member (0: the words as typed).
    pub synonym: Option<(usize, usize)>,
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
    /// Every synonym slot is satisfied by the words as typed (true when there is none).
    pub typed: bool,
}

/// Steps 1, 2 and 5: the terms of a query, with the synonym groups `synonyms`.
pub fn analyse(query: &str, synonyms: &[Vec<String>]) -> Vec<QueryTerm> {
    let tokens = tokenize(query, 0).0;
    let consumed = consumed(&tokens);
    // The last word, while the visitor is still typing it, is a prefix.
    let typing_at = super::tokenize::ends_in_word(query)
        .then(|| {
            tokens
                .iter()
                .filter(|t| matches!(t.kind, Kind::Word | Kind::Code) && !is_part(&consumed, t))
                .map(|t| t.position)
                .max()
        })
        .flatten();
    let slots = find_synonyms(&tokens, synonyms);
    let outside: Vec<&Token> = tokens
        .iter()
        .filter(|t| slots.iter().all(|s| !overlaps(t, s)))
        .collect();
    let mut terms = terms_of(&outside, &consumed, typing_at, None);
    // A pair across a slot's edge (制许 in 强制许可 when 许可 is a member) still rewards the
    // words as typed, side by side.
    for t in &tokens {
        let across = t.kind == Kind::Pair
            && slots.iter().any(|s| overlaps(t, s))
            && !slots.iter().any(|s| within(t, s));
        if across && !terms.iter().any(|q| q.term == t.term) {
            terms.push(QueryTerm {
                term: t.term.clone(),
                required: false,
                prefix: false,
                synonym: None,
            });
        }
    }
    for (n, slot) in slots.iter().enumerate() {
        let inside: Vec<&Token> = tokens.iter().filter(|t| within(t, slot)).collect();
        terms.extend(terms_of(&inside, &consumed, typing_at, Some((n, 0))));
        let others = synonyms[slot.group].iter().enumerate();
        for (k, (_, member)) in others.filter(|(m, _)| *m != slot.member).enumerate() {
            let member_tokens = tokenize(member, 0).0;
            let all: Vec<&Token> = member_tokens.iter().collect();
            let consumed = self::consumed(&member_tokens);
            terms.extend(terms_of(&all, &consumed, None, Some((n, k + 1))));
        }
    }
    terms
}

/// Positions of the words that a longer code was joined from.
fn consumed(tokens: &[Token]) -> HashSet<u32> {
    tokens
        .iter()
        .filter(|t| t.span > 1)
        .flat_map(|t| t.position..t.position + t.span)
        .collect()
}

fn is_part(consumed: &HashSet<u32>, t: &Token) -> bool {
    matches!(t.kind, Kind::Word | Kind::Code) && t.span == 1 && consumed.contains(&t.position)
}

/// Steps 1 and 2 for some of a query's tokens.
fn terms_of(
    tokens: &[&Token],
    consumed: &HashSet<u32>,
    typing_at: Option<u32>,
    synonym: Option<(usize, usize)>,
) -> Vec<QueryTerm> {
    let pairs: HashSet<u32> = tokens
        .iter()
        .filter(|t| t.kind == Kind::Pair)
        .map(|t| t.position)
        .collect();
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
            synonym,
        }),
    };
    let mut previous_word: Option<&Token> = None;
    for &t in tokens {
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
            Kind::Word | Kind::Code if is_part(consumed, t) => {}
            Kind::Word => {
                let typing = Some(t.position) == typing_at;
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

/// Where a query names a member of a synonym group: positions `start..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Slot {
    start: u32,
    end: u32,
    group: usize,
    member: usize,
}

/// The positions a token covers: a pair two, a code the words it joins, anything else one.
fn extent(t: &Token) -> (u32, u32) {
    let length = if t.kind == Kind::Pair { 2 } else { t.span };
    (t.position, t.position + length)
}

fn overlaps(t: &Token, slot: &Slot) -> bool {
    let (start, end) = extent(t);
    start < slot.end && end > slot.start
}

fn within(t: &Token, slot: &Slot) -> bool {
    let (start, end) = extent(t);
    start >= slot.start && end <= slot.end
}

/// The term at each position (a CJK character, a word, a one-word code), in order: what
/// synonyms are compared by.
fn units(tokens: &[Token]) -> Vec<(u32, &str)> {
    let mut units: Vec<(u32, &str)> = tokens
        .iter()
        .filter(|t| t.span == 1 && t.kind != Kind::Pair)
        .map(|t| (t.position, t.term.as_str()))
        .collect();
    units.sort();
    units
}

/// A synonym member as the tokenizer normalises it (`Freedom to Operate` → `freedom to operat`);
/// empty when it has nothing to search for. Two members are the same when their keys are.
pub fn synonym_key(member: &str) -> String {
    let tokens = tokenize(member, 0).0;
    let units: Vec<&str> = units(&tokens).into_iter().map(|(_, u)| u).collect();
    units.join(" ")
}

/// Step 5: the members of `synonyms` the query holds, from left to right, the longest first.
fn find_synonyms(tokens: &[Token], synonyms: &[Vec<String>]) -> Vec<Slot> {
    if synonyms.is_empty() {
        return Vec::new();
    }
    let query = units(tokens);
    let members: Vec<(usize, usize, Vec<String>)> = synonyms
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.iter().enumerate().map(move |(m, text)| (g, m, text)))
        .map(|(g, m, text)| {
            let key = synonym_key(text);
            (g, m, key.split(' ').map(str::to_string).collect())
        })
        .collect();
    let mut slots = Vec::new();
    let mut i = 0;
    while i < query.len() {
        let at = |(k, unit): (usize, &String)| {
            query.get(i + k).is_some_and(|&(position, term)| {
                position == query[i].0 + k as u32 && term == unit.as_str()
            })
        };
        let best = members
            .iter()
            .filter(|(_, _, units)| units.iter().enumerate().all(at))
            .max_by_key(|(_, _, units)| units.len());
        match best {
            Some((group, member, units)) => {
                let start = query[i].0;
                slots.push(Slot {
                    start,
                    end: start + units.len() as u32,
                    group: *group,
                    member: *member,
                });
                i += units.len();
            }
            None => i += 1,
        }
    }
    slots
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
    let terms = analyse(query, &index.synonyms);
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
    let groups = Groups::of(&terms);
    let mut hits: Vec<Hit> = found
        .into_iter()
        .filter_map(|(doc, scores)| groups.judge(&terms, doc, &scores))
        .collect();
    hits.sort_by(|a, b| {
        (b.tier > 0)
            .cmp(&(a.tier > 0))
            .then(b.typed.cmp(&a.typed))
            .then(b.tier.cmp(&a.tier))
            .then(b.matched.cmp(&a.matched))
            .then(b.score.total_cmp(&a.score))
            .then(a.doc.cmp(&b.doc))
    });
    hits
}

/// The query's terms by where they belong: outside any synonym slot, or in a slot's member.
struct Groups {
    plain: Vec<usize>,
    /// Per slot, per member (the typed words first), the indexes of its terms.
    slots: Vec<Vec<Vec<usize>>>,
}

impl Groups {
    fn of(terms: &[QueryTerm]) -> Groups {
        let mut groups = Groups {
            plain: Vec::new(),
            slots: Vec::new(),
        };
        for (i, q) in terms.iter().enumerate() {
            match q.synonym {
                None => groups.plain.push(i),
                Some((slot, member)) => {
                    if groups.slots.len() <= slot {
                        groups.slots.resize(slot + 1, Vec::new());
                    }
                    let members = &mut groups.slots[slot];
                    if members.len() <= member {
                        members.resize(member + 1, Vec::new());
                    }
                    members[member].push(i);
                }
            }
        }
        groups
    }

    /// Step 4 for one page, whose score for each term is `scores`: `None` when it has no
    /// required term.
    fn judge(&self, terms: &[QueryTerm], doc: u32, scores: &[f64]) -> Option<Hit> {
        let has = |i: &usize| scores[*i] > 0.0;
        let required = |ids: &[usize]| ids.iter().filter(|&&i| terms[i].required).count();
        let matched = |ids: &[usize]| {
            ids.iter()
                .filter(|&&i| terms[i].required && has(&i))
                .count()
        };
        let sum = |ids: &[usize]| ids.iter().map(|&i| scores[i]).sum::<f64>();
        let (mut needed, mut found, mut score) = (
            required(&self.plain),
            matched(&self.plain),
            sum(&self.plain),
        );
        let mut all = self.plain.iter().all(has);
        let mut typed = true;
        for members in &self.slots {
            let typed_words = &members[0];
            needed += required(typed_words);
            let complete = members.iter().position(|m| matched(m) == required(m));
            match complete {
                Some(k) => {
                    found += required(typed_words);
                    all &= members[k].iter().all(has);
                    score += sum(&members[k]);
                    typed &= k == 0;
                }
                None => {
                    found += matched(typed_words);
                    all = false;
                    score += sum(typed_words);
                    typed = false;
                }
            }
        }
        if found == 0 {
            return None;
        }
        let tier = match (found == needed, all) {
            (true, true) => 2,
            (true, false) => 1,
            _ => 0,
        };
        Some(Hit {
            doc,
            score,
            tier,
            matched: found,
            typed,
        })
    }
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
        analyse(query, &[])
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
        assert_eq!(analyse("searching patents ", &[])[2].term, "patent search");
    }

    fn groups(groups: &[&[&str]]) -> Vec<Vec<String>> {
        groups
            .iter()
            .map(|g| g.iter().map(|m| m.to_string()).collect())
            .collect()
    }

    #[test]
    fn a_synonym_in_the_query_becomes_a_slot_any_member_satisfies() {
        let synonyms = groups(&[&["PCT", "专利合作条约"], &["查新", "科技查新"]]);
        let terms = analyse("PCT申请", &synonyms);
        let of = |slot: Option<(usize, usize)>| -> Vec<&str> {
            terms
                .iter()
                .filter(|q| q.synonym == slot)
                .map(|q| q.term.as_str())
                .collect()
        };
        assert_eq!(of(None), ["申请"]);
        assert_eq!(of(Some((0, 0))), ["pct"]);
        assert_eq!(of(Some((0, 1))), ["专利", "利合", "合作", "作条", "条约"]);
        // The longest member wins; the typed words are member 0 wherever they are in the group.
        let terms = analyse("科技查新 pct", &synonyms);
        let slots: Vec<(&str, Option<(usize, usize)>)> =
            terms.iter().map(|q| (q.term.as_str(), q.synonym)).collect();
        assert_eq!(
            slots,
            [
                ("科技", Some((0, 0))),
                ("技查", Some((0, 0))),
                ("查新", Some((0, 0))),
                ("查新", Some((0, 1))),
                ("pct", Some((1, 0))),
                ("专利", Some((1, 1))),
                ("利合", Some((1, 1))),
                ("合作", Some((1, 1))),
                ("作条", Some((1, 1))),
                ("条约", Some((1, 1))),
            ]
        );
        // Compared as the tokenizer normalises: case, word forms, traditional characters.
        assert_eq!(synonym_key("Freedom to Operate"), "freedom to operat");
        assert_eq!(synonym_key("專利合作條約"), synonym_key("专利合作条约"));
        assert!(
            analyse(
                "Freedom to operating",
                &groups(&[&["FTO", "freedom to operate"]])
            )
            .iter()
            .any(|q| q.term == "fto")
        );
        assert_eq!(analyse("专利", &synonyms), analyse("专利", &[]));
    }

    #[test]
    fn a_member_inside_a_longer_run_keeps_the_pair_across_its_edge() {
        let terms = analyse("强制许可", &groups(&[&["许可", "licence"]]));
        let summary: Vec<_> = terms
            .iter()
            .map(|q| (q.term.as_str(), q.required, q.synonym))
            .collect();
        let plain = None;
        assert_eq!(
            summary,
            [
                ("强制", true, plain),
                ("制许", false, plain),
                ("许可", true, Some((0, 0))),
                ("licenc", true, Some((0, 1))),
            ]
        );
    }
}
