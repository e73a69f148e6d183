//! A light English stemmer: the inflectional steps of Porter's algorithm (1a, 1b, 1c and 5a), so
//! that `search`, `searches`, `searched` and `searching` all become `search`. The derivational
//! steps (2–4) are left out on purpose: they conflate words editors mean differently
//! (`general`/`generate`) and would make the browser's copy of this file much longer.
//! `search-engine.js` has the same function, `stem`, line for line.

/// Stems a word of lower-case ASCII letters; other words are returned as they are.
pub fn stem(word: &str) -> String {
    let mut out = Vec::new();
    stem_into(word, &mut out);
    String::from_utf8(out).expect("UTF-8 in, UTF-8 out")
}

/// [`stem`] into a reused buffer (the indexer stems millions of words).
pub fn stem_into(word: &str, w: &mut Vec<u8>) {
    w.clear();
    w.extend_from_slice(word.as_bytes());
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return;
    }
    step_1a(w);
    step_1b(w);
    step_1c(w);
    step_5a(w);
}

fn is_consonant(w: &[u8], i: usize) -> bool {
    match w[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => false,
        b'y' => i == 0 || !is_consonant(w, i - 1),
        _ => true,
    }
}

/// Porter's m: the number of vowel–consonant sequences in `w`.
fn measure(w: &[u8]) -> usize {
    let n = w.len();
    let mut i = 0;
    while i < n && is_consonant(w, i) {
        i += 1;
    }
    let mut m = 0;
    loop {
        while i < n && !is_consonant(w, i) {
            i += 1;
        }
        if i >= n {
            return m;
        }
        while i < n && is_consonant(w, i) {
            i += 1;
        }
        m += 1;
    }
}

fn has_vowel(w: &[u8]) -> bool {
    (0..w.len()).any(|i| !is_consonant(w, i))
}

fn ends_double_consonant(w: &[u8]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == w[n - 2] && is_consonant(w, n - 1)
}

/// Consonant, vowel, consonant at the end, the last not `w`, `x` or `y` (`hop`, not `how`).
fn ends_cvc(w: &[u8]) -> bool {
    let n = w.len();
    n >= 3
        && is_consonant(w, n - 3)
        && !is_consonant(w, n - 2)
        && is_consonant(w, n - 1)
        && !matches!(w[n - 1], b'w' | b'x' | b'y')
}

fn step_1a(w: &mut Vec<u8>) {
    if w.ends_with(b"sses") || w.ends_with(b"ies") {
        w.truncate(w.len() - 2);
    } else if w.ends_with(b"s") && !w.ends_with(b"ss") {
        w.pop();
    }
}

fn step_1b(w: &mut Vec<u8>) {
    if w.ends_with(b"eed") {
        if measure(&w[..w.len() - 3]) > 0 {
            w.pop();
        }
        return;
    }
    let suffix = if w.ends_with(b"ed") {
        2
    } else if w.ends_with(b"ing") {
        3
    } else {
        return;
    };
    if !has_vowel(&w[..w.len() - suffix]) {
        return;
    }
    w.truncate(w.len() - suffix);
    if w.ends_with(b"at") || w.ends_with(b"bl") || w.ends_with(b"iz") {
        w.push(b'e');
    } else if ends_double_consonant(w) && !matches!(w[w.len() - 1], b'l' | b's' | b'z') {
        w.pop();
    } else if measure(w) == 1 && ends_cvc(w) {
        w.push(b'e');
    }
}

fn step_1c(w: &mut [u8]) {
    let n = w.len();
    if w.ends_with(b"y") && has_vowel(&w[..n - 1]) {
        w[n - 1] = b'i';
    }
}

fn step_5a(w: &mut Vec<u8>) {
    if !w.ends_with(b"e") {
        return;
    }
    let stem = &w[..w.len() - 1];
    let m = measure(stem);
    if m > 1 || (m == 1 && !ends_cvc(stem)) {
        w.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn word_forms_meet() {
        for form in ["search", "searches", "searched", "searching"] {
            assert_eq!(stem(form), "search", "{form}");
        }
        assert_eq!(stem("patents"), stem("patent"));
        assert_eq!(stem("licensing"), stem("license"));
        assert_eq!(stem("studies"), stem("study"));
        assert_eq!(stem("novelties"), stem("novelty"));
        assert_eq!(stem("hopping"), "hop");
        assert_eq!(stem("agreed"), "agre");
    }

    #[test]
    fn other_words_pass_through() {
        assert_eq!(stem("g06f"), "g06f");
        assert_eq!(stem("ip"), "ip");
        assert_eq!(stem("café"), "café");
    }
}
