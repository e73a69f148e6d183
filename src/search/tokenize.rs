//! Text → tokens, the same way for the index and for the visitor's query: the browser runs a
//! port of this algorithm (`tokenize` in `themes/default/static/js/search-engine.js`), and
//! `tests/fixtures/search-vectors.json` holds the tokens both must give (checked by
//! `tests/it/search/vectors.rs`, in Node too), as `tests/it/browser.rs` checks them in a browser.
//! The algorithm:
//!
//! 1. Every character is folded on its own: NFKC (full-width `ＣＮ１２３` → `CN123`), then lower case,
//!    then traditional Chinese to simplified ([`super::fold`]: `專利檢索` → `专利检索`). One
//!    character gives one (NFKC aside), so the browser can map a token back to the text it came from.
//! 2. Folded characters are CJK (ideographs and kana), word characters (other letters and digits),
//!    code separators (white space, `,` `.` `/` `-`) or other characters.
//! 3. A run of CJK characters gives one token per character ([`Kind::Char`]) and one per
//!    overlapping pair of characters ([`Kind::Pair`]): `专利检索` → 专 利 检 索 专利 利检 检索. Each
//!    character takes one position; a pair has the position of its first character.
//! 4. A run of word characters is a word ([`Kind::Word`], one position), stemmed when it is all
//!    `a`–`z` ([`super::stem`]). Words longer than [`MAX_WORD`] characters are dropped.
//! 5. Words separated only by at most [`MAX_GAP`] code separators are tried as a patent publication
//!    number or an IPC code: the longest run of up to [`MAX_CODE_WORDS`] words that joins into one
//!    gives one more token ([`Kind::Code`]) at the first word's position, so `CN 112345678 A`,
//!    `CN112345678A` and `cn112345678a` all contain `cn112345678a`, and `G06F 16/33` and
//!    `G06F16/33` both contain `g06f1633`. A single word that is a code is a code too.

use unicode_normalization::UnicodeNormalization;

use super::fold::simplify;
use super::stem::stem_into;

/// Longer words (hashes, base64) are not indexed.
pub const MAX_WORD: usize = 40;
/// A code is made of at most this many words (`US 10,123,456 B2` has five).
pub const MAX_CODE_WORDS: usize = 6;
/// At most this many separators between two words of a code.
pub const MAX_GAP: usize = 3;

/// Patent offices whose publication numbers are recognised.
const OFFICES: [&str; 13] = [
    "cn", "us", "ep", "wo", "jp", "kr", "de", "gb", "fr", "tw", "ru", "ca", "au",
];

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// One CJK character.
    Char,
    /// Two adjacent CJK characters.
    Pair,
    /// A word of letters and digits, stemmed.
    Word,
    /// A patent publication number or IPC code, separators removed.
    Code,
}

/// A term as the tokenizer hands it over: CJK terms as their characters, so that counting them
/// needs no string; words and codes as text (in a reused buffer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term<'a> {
    /// One CJK character, or two.
    Cjk(char, Option<char>),
    /// A word or code.
    Text(&'a str),
}

impl std::fmt::Display for Term<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Term::Cjk(a, Some(b)) => write!(f, "{a}{b}"),
            Term::Cjk(a, None) => write!(f, "{a}"),
            Term::Text(t) => f.write_str(t),
        }
    }
}

/// One token.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Token {
    /// The term, as it is stored in the index.
    pub term: String,
    /// Its position: CJK characters and words count one each.
    pub position: u32,
    /// What it is.
    pub kind: Kind,
    /// How many words a code joins (1 for every other token).
    pub span: u32,
}

#[derive(Clone, Copy, PartialEq)]
enum Class {
    Cjk,
    Word,
    Separator,
    Other,
}

fn classify(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Class::Word
        } else if c.is_ascii_whitespace() || matches!(c, '\x0b' | ',' | '.' | '/' | '-') {
            Class::Separator
        } else {
            Class::Other
        };
    }
    if crate::base::text::is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else if c.is_whitespace() || matches!(c, ',' | '.' | '/' | '-') {
        Class::Separator
    } else {
        Class::Other
    }
}

/// NFKC, then lower case, then traditional → simplified, of one character. ASCII and the common
/// CJK blocks are left as they are by NFKC, so they skip it (most of the text, and most of the
/// time).
fn fold(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if is_common_cjk(c) {
        out.push(simplify(c));
    } else {
        for n in std::iter::once(c).nfkc() {
            out.extend(n.to_lowercase().map(simplify));
        }
    }
}

/// CJK Extension A and the main block: NFKC and lower case leave them as they are.
fn is_common_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
}

/// A word seen so far, for joining codes: its text is `words_text[start..end]`.
struct Word {
    start: usize,
    end: usize,
    position: u32,
    /// Only code separators (and at most `MAX_GAP` of them) since the previous word.
    joins_previous: bool,
}

/// The buffers the tokenizer works in, kept from one text to the next by a caller that
/// tokenizes many (the indexer), so that a page's fields cost no allocations.
#[derive(Default)]
pub struct Scratch {
    word: String,
    words: Vec<Word>,
    words_text: String,
    term: String,
    stem: Vec<u8>,
    folded: String,
}

/// The tokenizer's state. Tokens go to `emit` as they are found, with the term in a reused
/// buffer: a page is millions of tokens, and one allocation each would dominate indexing.
struct Tokenizer<'e, E: FnMut(Term, u32, Kind, u32)> {
    emit: &'e mut E,
    s: &'e mut Scratch,
    position: u32,
    word_chars: usize,
    /// The CJK character just before, while a run of them goes on.
    last_cjk: Option<char>,
    /// Separators since the last word; `None` once something else came between.
    gap: Option<usize>,
}

impl<E: FnMut(Term, u32, Kind, u32)> Tokenizer<'_, E> {
    /// Step 3, one character at a time: its token, and the pair it closes with the character
    /// before it.
    fn push_cjk(&mut self, c: char) {
        self.flush_word();
        if let Some(before) = self.last_cjk {
            let pair = Term::Cjk(before, Some(c));
            (self.emit)(pair, self.position - 1, Kind::Pair, 1);
        }
        (self.emit)(Term::Cjk(c, None), self.position, Kind::Char, 1);
        self.position += 1;
        self.last_cjk = Some(c);
        self.gap = None;
    }

    fn flush_word(&mut self) {
        if self.s.word.is_empty() {
            return;
        }
        let chars = std::mem::replace(&mut self.word_chars, 0);
        if chars > MAX_WORD {
            self.s.word.clear();
            self.gap = None;
            return;
        }
        if is_code(&self.s.word) {
            (self.emit)(Term::Text(&self.s.word), self.position, Kind::Code, 1);
        } else {
            stem_into(&self.s.word, &mut self.s.stem);
            let stemmed = std::str::from_utf8(&self.s.stem).unwrap_or(&self.s.word);
            (self.emit)(Term::Text(stemmed), self.position, Kind::Word, 1);
        }
        // Words before the first that can start a code can be in none: keep them out.
        if !self.s.words.is_empty() || starts_code(&self.s.word) {
            self.keep_word();
        }
        self.s.word.clear();
        self.position += 1;
        self.gap = Some(0);
    }

    fn keep_word(&mut self) {
        let start = self.s.words_text.len();
        self.s.words_text.push_str(&self.s.word);
        self.s.words.push(Word {
            start,
            end: self.s.words_text.len(),
            position: self.position,
            joins_previous: self.gap.is_some_and(|g| g <= MAX_GAP),
        });
    }

    /// A run of ASCII letters and digits (most of an English text), taken whole: the same as
    /// pushing its characters one by one, lower-cased.
    fn push_ascii_word(&mut self, run: &str) {
        self.last_cjk = None;
        let start = self.s.word.len();
        self.s.word.push_str(run);
        self.s.word[start..].make_ascii_lowercase();
        self.word_chars += run.len();
    }

    /// One folded character.
    fn push(&mut self, c: char) {
        match classify(c) {
            Class::Cjk => self.push_cjk(c),
            Class::Word => {
                self.last_cjk = None;
                self.s.word.push(c);
                self.word_chars += 1;
            }
            Class::Separator => {
                self.last_cjk = None;
                self.flush_word();
                self.gap = self.gap.map(|g| g + 1);
            }
            Class::Other => {
                self.last_cjk = None;
                self.flush_word();
                self.gap = None;
            }
        }
    }

    /// Step 5: the longest run of words, from each word that can start a code, that is a code.
    fn join_codes(&mut self) {
        let words = &self.s.words;
        let text = |w: &Word| &self.s.words_text[w.start..w.end];
        let mut i = 0;
        while i < words.len() {
            let mut best = None;
            if starts_code(text(&words[i])) {
                self.s.term.clear();
                self.s.term.push_str(text(&words[i]));
                let end = words.len().min(i + MAX_CODE_WORDS);
                for (j, word) in words.iter().enumerate().take(end).skip(i + 1) {
                    if !word.joins_previous {
                        break;
                    }
                    self.s.term.push_str(text(word));
                    if is_code(&self.s.term) {
                        best = Some((j, self.s.term.len()));
                    }
                }
            }
            match best {
                Some((j, length)) => {
                    let span = (j - i + 1) as u32;
                    let code = Term::Text(&self.s.term[..length]);
                    (self.emit)(code, words[i].position, Kind::Code, span);
                    i = j + 1;
                }
                None => i += 1,
            }
        }
    }
}

/// Tokens of `text`, numbered from position `first`; also returns the next free position.
pub fn tokenize(text: &str, first: u32) -> (Vec<Token>, u32) {
    let mut tokens = Vec::new();
    let next = tokenize_with(text, first, &mut |term, position, kind, span| {
        tokens.push(Token {
            term: term.to_string(),
            position,
            kind,
            span,
        })
    });
    (tokens, next)
}

/// Calls `emit(term, position, kind, span)` for each token of `text`, numbered from position
/// `first`; returns the next free position. Codes come last.
pub fn tokenize_with<E: FnMut(Term, u32, Kind, u32)>(text: &str, first: u32, emit: &mut E) -> u32 {
    tokenize_in(&mut Scratch::default(), text, first, emit)
}

/// [`tokenize_with`], working in `scratch`.
pub fn tokenize_in<E: FnMut(Term, u32, Kind, u32)>(
    scratch: &mut Scratch,
    text: &str,
    first: u32,
    emit: &mut E,
) -> u32 {
    scratch.words.clear();
    scratch.words_text.clear();
    let mut folded = std::mem::take(&mut scratch.folded);
    let mut t = Tokenizer {
        emit,
        s: scratch,
        position: first,
        word_chars: 0,
        last_cjk: None,
        gap: None,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_alphanumeric() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            t.push_ascii_word(&text[start..i]);
            continue;
        }
        let c = text[i..].chars().next().expect("a character starts here");
        i += c.len_utf8();
        // Most characters fold to themselves: skip the buffer for them.
        if c.is_ascii() {
            t.push(c);
        } else if is_common_cjk(c) {
            t.push_cjk(simplify(c));
        } else {
            folded.clear();
            fold(c, &mut folded);
            for f in folded.chars() {
                t.push(f);
            }
        }
    }
    t.flush_word();
    t.join_codes();
    let next = t.position;
    scratch.folded = folded;
    next
}

/// Whether the text's last character is part of a word (a query whose visitor is still typing).
pub fn ends_in_word(text: &str) -> bool {
    let mut folded = String::new();
    if let Some(c) = text.chars().last() {
        fold(c, &mut folded);
    }
    folded
        .chars()
        .last()
        .is_some_and(|f| classify(f) == Class::Word)
}

/// `cn`, `cn112`, `g06f`, `g06f16`: the first word of a possible code.
pub fn starts_code(word: &str) -> bool {
    let office = word.get(..2).is_some_and(|o| OFFICES.contains(&o));
    (office && all_digits(&word[2..])) || ipc_digits(word).is_some()
}

/// A whole patent publication number (`cn112345678a`, `us20200123456a1`) or IPC code
/// (`g06f1633`, `h01l222448091`), separators already removed.
pub fn is_code(word: &str) -> bool {
    is_patent_number(word) || ipc_digits(word).is_some_and(|n| (3..=10).contains(&n))
}

/// An office, at least five digits, and an optional kind code (a letter and an optional digit).
fn is_patent_number(word: &str) -> bool {
    let b = word.as_bytes();
    if b.len() < 7 || !word.get(..2).is_some_and(|o| OFFICES.contains(&o)) {
        return false;
    }
    let digits = b[2..].iter().take_while(|c| c.is_ascii_digit()).count();
    let kind = &b[2 + digits..];
    digits >= 5
        && match kind {
            [] => true,
            [l] => l.is_ascii_lowercase(),
            [l, d] => l.is_ascii_lowercase() && d.is_ascii_digit(),
            _ => false,
        }
}

/// For an IPC subclass followed by digits only (`g06f`, `g06f1633`), the number of digits after it.
fn ipc_digits(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    let subclass = b.len() >= 4
        && matches!(b[0], b'a'..=b'h' | b'y')
        && b[1].is_ascii_digit()
        && b[2].is_ascii_digit()
        && b[3].is_ascii_lowercase();
    (subclass && all_digits(&word[4..])).then(|| b.len() - 4)
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<(String, u32)> {
        let mut t: Vec<(String, u32)> = tokenize(text, 0)
            .0
            .into_iter()
            .map(|t| (t.term, t.position))
            .collect();
        t.sort();
        t
    }

    fn has(text: &str, term: &str) -> bool {
        tokenize(text, 0).0.iter().any(|t| t.term == term)
    }

    #[test]
    fn chinese_gives_characters_and_overlapping_pairs() {
        let t = terms("专利检索");
        let expected = [
            ("专", 0),
            ("专利", 0),
            ("利", 1),
            ("利检", 1),
            ("检", 2),
            ("检索", 2),
            ("索", 3),
        ];
        let mut expected: Vec<(String, u32)> =
            expected.iter().map(|(s, p)| (s.to_string(), *p)).collect();
        expected.sort();
        assert_eq!(t, expected);
    }

    #[test]
    fn mixed_text_counts_positions_in_order() {
        let (tokens, next) = tokenize("用Python检索 patents", 10);
        let words: Vec<(&str, u32)> = tokens
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .map(|t| (t.term.as_str(), t.position))
            .collect();
        assert_eq!(words, [("python", 11), ("patent", 14)]);
        assert_eq!(next, 15);
    }

    #[test]
    fn patent_numbers_meet_whatever_the_spelling() {
        for spelling in [
            "CN112345678A",
            "CN 112345678 A",
            "cn112345678a",
            "ＣＮ１１２３４５６７８Ａ",
            "见CN112345678A公开",
            "CN-112345678-A,",
        ] {
            assert!(has(spelling, "cn112345678a"), "{spelling}");
        }
        assert!(has("US 10,123,456 B2", "us10123456b2"));
        assert!(has("US 2020/0123456 A1", "us20200123456a1"));
        assert!(has("WO2020/123456A1", "wo2020123456a1"));
        assert!(has("JP2020-123456A", "jp2020123456a"));
        assert!(!has("in 2020 the US 2020 report", "us2020"));
    }

    #[test]
    fn ipc_codes_meet_whatever_the_spelling() {
        for spelling in ["G06F 16/33", "G06F16/33", "g06f 16/33", "（G06F 16/33）"] {
            assert!(has(spelling, "g06f1633"), "{spelling}");
        }
        assert!(has("H01L 2224/48091", "h01l222448091"));
        assert!(has("G06F 16/33 (2019.01)", "g06f1633"));
        // A code does not swallow the words after it that are not part of it.
        assert!(has("G06F 16/33 search", "search"));
    }

    #[test]
    fn words_in_any_script_are_safe() {
        assert!(has("กกกกกกก", "กกกกกกก"));
        assert!(has("Ünïcödé", "ünïcödé"));
    }

    #[test]
    fn traditional_simplified_and_mixed_give_the_same_tokens() {
        let simplified = terms("专利检索 知识产权");
        assert_eq!(terms("專利檢索 知識產權"), simplified);
        assert_eq!(terms("專利检索 知识產權"), simplified);
        // Compatibility ideographs go through NFKC first, then the table.
        assert_eq!(terms("\u{f9fc}"), terms("识"));
    }

    #[test]
    fn long_words_are_dropped() {
        assert!(tokenize(&"a".repeat(41), 0).0.is_empty());
    }
}
