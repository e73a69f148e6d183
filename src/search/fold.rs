//! Traditional → simplified Chinese, one character to one, so that `專利檢索`, `专利检索` and
//! `專利检索` are the same search. The table is OpenCC's `TSCharacters.txt` (Apache-2.0), first
//! candidate of its single-character entries, generated into `ts_chars.txt` by
//! `tools/ts_chars.py`. The browser gets the same table: the build writes it into
//! `search-engine.js` ([`into_script`]). No phrase conversion: one character in, one out, so the n-th character
//! of the folded text is the n-th of the original, for highlighting. (Counted in characters: some
//! 200 pairs map a character of the Basic Multilingual Plane to one beyond it, so UTF-16 and
//! byte offsets may differ; highlighting keeps its offsets in the original text.)

use std::sync::LazyLock;

/// The generated table: `#` comment lines, then one line per pair (traditional, simplified).
const TABLE: &str = include_str!("ts_chars.txt");

/// Where [`into_script`] writes the pairs in `search-engine.js`.
const SCRIPT_PLACEHOLDER: &str = "\"__IPPORTAL_TS_CHARS__\"";

/// Ideographs in this range (CJK Extension A and the main block, where nearly all the text is)
/// are looked up in a dense table; the few others by binary search.
const DENSE_START: u32 = 0x3400;
const DENSE_END: u32 = 0x9FFF;

/// The pairs, sorted by traditional character.
static PAIRS: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    let mut pairs: Vec<(char, char)> = lines()
        .filter_map(|l| {
            let mut chars = l.chars();
            Some((chars.next()?, chars.next()?))
        })
        .collect();
    pairs.sort_unstable();
    pairs
});

/// The simplified form of every character of the dense range (itself when it has none).
static DENSE: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut dense: Vec<char> = (DENSE_START..=DENSE_END)
        .map(|c| char::from_u32(c).unwrap_or('\u{fffd}'))
        .collect();
    for &(t, s) in PAIRS.iter() {
        if (DENSE_START..=DENSE_END).contains(&(t as u32)) {
            dense[(t as u32 - DENSE_START) as usize] = s;
        }
    }
    dense
});

fn lines() -> impl Iterator<Item = &'static str> {
    TABLE
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The simplified form of `c`, or `c`.
pub fn simplify(c: char) -> char {
    let code = c as u32;
    if code < DENSE_START {
        c
    } else if code <= DENSE_END {
        DENSE[(code - DENSE_START) as usize]
    } else {
        match PAIRS.binary_search_by_key(&c, |&(t, _)| t) {
            Ok(i) => PAIRS[i].1,
            Err(_) => c,
        }
    }
}

/// `search-engine.js` with the table written in: the placeholder string becomes the pairs, one after
/// the other (`"萬万與与…"`). A script without the placeholder (a theme's own) is left as it is.
pub fn into_script(script: &str) -> String {
    let pairs: String = lines().collect();
    let literal = serde_json::to_string(&pairs).expect("a string serializes");
    script.replacen(SCRIPT_PLACEHOLDER, &literal, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many characters the table maps.
    fn mapped() -> usize {
        PAIRS.len()
    }

    #[test]
    fn traditional_characters_fold_to_simplified() {
        let folded: String = "專利檢索 知識產權 著作權 商標 發明"
            .chars()
            .map(simplify)
            .collect();
        assert_eq!(folded, "专利检索 知识产权 著作权 商标 发明");
        // Simplified, Latin, kana and characters outside the dense range are left as they are.
        let kept = "专利检索 Patent ひらがな 𠀀";
        assert_eq!(kept.chars().map(simplify).collect::<String>(), kept);
    }

    #[test]
    fn the_table_is_one_to_one_and_folding_twice_changes_nothing() {
        assert!(mapped() > 3000, "{}", mapped());
        for &(t, s) in PAIRS.iter() {
            assert_ne!(t, s);
            assert_eq!(simplify(s), s, "{t} → {s} folds again");
            assert_eq!(simplify(t), s);
        }
    }

    #[test]
    fn the_script_gets_every_pair() {
        let script = into_script("var TS = \"__IPPORTAL_TS_CHARS__\";");
        assert!(script.starts_with("var TS = \""), "{script:.40}");
        assert!(script.contains("專专"));
        assert_eq!(
            script.chars().count(),
            "var TS = \"\";".len() + 2 * mapped()
        );
        assert_eq!(into_script("var x = 1;"), "var x = 1;");
    }
}
