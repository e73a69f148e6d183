//! Patent publication numbers: text → the numbers written in it, each normalised
//! (`CN 112345678 B` → `CN112345678B`) and linked to the patent database chosen in `site.toml`.
//!
//! The recogniser is a small hand-written parser per office rather than one regular expression:
//! the offices' formats differ in digit counts, kind codes and separators, and the tricky cases
//! (application numbers, a design number with an invention's kind code) are easiest to reject
//! where the digits are counted. See `DOMAIN.md` for the formats.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::base::i18n::Strings;
use crate::base::text::escape_html;

/// The page `[patents]` table of `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatentSettings {
    /// Where numbers link to: `espacenet` (default), `google`, `cnipa` or `custom`.
    #[serde(default)]
    pub database: Database,
    /// For `custom`: a URL with `{number}` (and optionally `{lang}`).
    #[serde(default)]
    pub url: Option<String>,
    /// Recognise and link numbers in page text at all (default true).
    #[serde(default = "yes")]
    pub links: bool,
}

fn yes() -> bool {
    true
}

impl Default for PatentSettings {
    fn default() -> Self {
        PatentSettings {
            database: Database::default(),
            url: None,
            links: true,
        }
    }
}

impl PatentSettings {
    /// Checks that a custom database has a URL pattern with `{number}`.
    pub fn validate(&self) -> Result<(), String> {
        match (&self.database, &self.url) {
            (Database::Custom, Some(url)) if url.contains("{number}") => Ok(()),
            (Database::Custom, _) => Err(
                "[patents] database = \"custom\" needs `url` with `{number}`, e.g. url = \"https://patents.example.org/{number}\"".into(),
            ),
            (_, Some(_)) => Err(
                "[patents] `url` is only used with database = \"custom\"".into(),
            ),
            _ => Ok(()),
        }
    }
}

/// A patent database that publication numbers link to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Database {
    /// EPO's Espacenet: every office, in English and other languages.
    #[default]
    Espacenet,
    /// Google Patents.
    Google,
    /// CNIPA has no public link by number: the number gets a copy button and a link to its
    /// search page.
    Cnipa,
    /// A URL pattern from `site.toml`.
    Custom,
}

/// CNIPA's public search system (a login is needed to search).
pub const CNIPA_SEARCH: &str = "https://pss-system.cponline.cnipa.gov.cn/conventionalSearch";

/// A publication number found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of the number as written.
    pub range: Range<usize>,
    /// The normalised number (`CN112345678A`, `US20200123456A1`).
    pub number: String,
}

/// A number cited on a page, for its list of cited patents and the search index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// The normalised number.
    pub number: String,
    /// The number as first written on the page.
    pub written: String,
    /// Its link, or `None` for CNIPA.
    pub url: Option<String>,
}

/// The link of a normalised number in `settings`' database, for a page in `lang`; `None` when
/// the database has no link by number (CNIPA).
pub fn url(settings: &PatentSettings, number: &str, lang: &str) -> Option<String> {
    match settings.database {
        Database::Espacenet => Some(format!(
            "https://worldwide.espacenet.com/patent/search?q=pn%3D{}",
            espacenet_form(number)
        )),
        Database::Google => {
            let lang = if lang.starts_with("zh") { "zh" } else { "en" };
            Some(format!("https://patents.google.com/patent/{number}/{lang}"))
        }
        Database::Cnipa => None,
        Database::Custom => settings
            .url
            .as_ref()
            .map(|u| u.replace("{number}", number).replace("{lang}", lang)),
    }
}

/// Espacenet writes US pre-grant publications with a 6-digit serial (`US2020123456A1`).
fn espacenet_form(number: &str) -> String {
    let body = number.get(2..13).unwrap_or("");
    let pregrant = number.starts_with("US")
        && body.len() == 11
        && body.bytes().all(|b| b.is_ascii_digit())
        && body.as_bytes()[4] == b'0';
    if pregrant {
        format!("US{}{}", &number[2..6], &number[7..])
    } else {
        number.to_string()
    }
}

/// The strings [`html`] writes: every theme must have them in each language.
pub const STRING_KEYS: &[&str] = &["patent_copy", "patent_search_cnipa"];

/// A number as written, linked; for CNIPA, with a copy button (shown by the theme's script)
/// and a link to CNIPA's search page, labelled in the page's language (`patent_copy`,
/// `patent_search_cnipa`).
pub fn html(number: &str, written: &str, url: Option<&str>, strings: &Strings) -> String {
    let written = escape_html(written);
    match url {
        Some(url) => format!(
            "<a class=\"patent-number\" href=\"{}\" data-patent=\"{number}\" rel=\"external noopener\">{written}</a>",
            escape_html(url)
        ),
        None => format!(
            "<span class=\"patent-number\" data-patent=\"{number}\">{written}<button type=\"button\" class=\"patent-copy\" data-copy=\"{number}\" hidden>{}</button><a class=\"patent-search\" href=\"{CNIPA_SEARCH}\" rel=\"external noopener\">{}</a></span>",
            escape_html(strings.get("patent_copy")),
            escape_html(strings.get("patent_search_cnipa"))
        ),
    }
}

/// The one publication number that is the whole of `text` (surrounding spaces allowed).
pub fn normalize(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let found = find(trimmed);
    match found.as_slice() {
        [one] if one.range == (0..trimmed.len()) => Some(one.number.clone()),
        _ => None,
    }
}

/// Every publication number in `text`, in order.
pub fn find(text: &str) -> Vec<Found> {
    // Full-width forms (ＣＮ１２３) are folded to ASCII here, the part of NFKC that matters for
    // numbers; each folded char keeps the byte offset of the original.
    let chars: Vec<(usize, char)> = text.char_indices().map(|(i, c)| (i, fold(c))).collect();
    let folded: Vec<char> = chars.iter().map(|(_, c)| *c).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 2 < folded.len() {
        let matched = office_at(&folded, i)
            .and_then(|office| parse(office, &folded, i + 2).map(|m| (office, m)));
        match matched {
            Some((office, (end, body))) => {
                let start = chars[i].0;
                let stop = chars.get(end).map_or(text.len(), |(b, _)| *b);
                found.push(Found {
                    range: start..stop,
                    number: format!("{office}{body}"),
                });
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

fn fold(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

const OFFICES: [&str; 6] = ["CN", "US", "EP", "WO", "JP", "KR"];

/// The office code starting at `i`, when it starts a word: not after a letter or digit (but
/// after Chinese text, as in `专利CN112345678A公开`), and not inside a URL or file name.
fn office_at(chars: &[char], i: usize) -> Option<&'static str> {
    if i > 0 {
        let before = chars[i - 1];
        if before.is_ascii_alphanumeric() || "/=.-_@#&?%+\\".contains(before) {
            return None;
        }
    }
    let code: String = chars[i..i + 2]
        .iter()
        .map(|c| c.to_ascii_uppercase())
        .collect();
    OFFICES.iter().copied().find(|o| *o == code)
}

/// Parses what follows an office code: the normalised digits and kind, and where they end.
fn parse(office: &str, chars: &[char], i: usize) -> Option<(usize, String)> {
    let start = space(chars, i);
    match office {
        "CN" => cn(chars, start),
        "US" => us_pregrant(chars, start).or_else(|| us_grant(chars, start)),
        "EP" => {
            let (end, digits) = grouped(chars, start)?;
            let kinds = [
                "A1", "A2", "A3", "A4", "A8", "A9", "B1", "B2", "B3", "B8", "B9",
            ];
            (digits.len() == 7).then_some(())?;
            with_kind(chars, end, digits, &kinds)
        }
        "WO" => wo(chars, start),
        "JP" => jp(chars, start),
        "KR" => kr(chars, start),
        _ => None,
    }
}

/// One optional space (ordinary, no-break or thin) between parts of a number.
fn space(chars: &[char], i: usize) -> usize {
    match chars.get(i) {
        Some(' ' | '\u{a0}' | '\u{2009}' | '\u{202f}') => i + 1,
        _ => i,
    }
}

/// The run of ASCII digits at `i` (Rust's `is_numeric` would take other scripts' digits too).
fn digits(chars: &[char], i: usize) -> (usize, String) {
    let run: String = chars[i.min(chars.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    (i + run.len(), run)
}

/// Digits written plainly or in groups of three (`10,123,456`, `3 456 789`).
fn grouped(chars: &[char], i: usize) -> Option<(usize, String)> {
    let (mut end, mut all) = digits(chars, i);
    if all.is_empty() {
        return None;
    }
    if all.len() <= 3
        && let Some(&sep @ (',' | ' ')) = chars.get(end)
    {
        while chars.get(end) == Some(&sep) {
            let (next_end, group) = digits(chars, end + 1);
            if group.len() != 3 {
                break;
            }
            all.push_str(&group);
            end = next_end;
        }
    }
    Some((end, all))
}

/// The kind code at `i` (after an optional space), one of `allowed`, ending a word. A lowercase
/// kind code must follow the digits directly: `CN 112345678 a new…` is an article, not a kind.
fn kind(chars: &[char], i: usize, allowed: &[&str]) -> Option<(usize, String)> {
    let at = space(chars, i);
    for len in [2, 1] {
        let Some(written) = chars.get(at..at + len) else {
            continue;
        };
        let code: String = written.iter().map(|c| c.to_ascii_uppercase()).collect();
        let ends_word = chars
            .get(at + len)
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        let lowercase = written[0].is_ascii_lowercase();
        if allowed.contains(&code.as_str()) && ends_word && !(lowercase && at != i) {
            return Some((at + len, code));
        }
    }
    None
}

fn with_kind(chars: &[char], i: usize, digits: String, kinds: &[&str]) -> Option<(usize, String)> {
    let (end, kind) = kind(chars, i, kinds)?;
    Some((end, format!("{digits}{kind}")))
}

/// `CN112345678A`: 9 digits since 2007, 7 before. The first digit is the type (1 invention,
/// 2 utility model, 3 design) and must agree with the kind code.
fn cn(chars: &[char], i: usize) -> Option<(usize, String)> {
    let (end, d) = digits(chars, i);
    if d.len() != 9 && d.len() != 7 {
        return None;
    }
    let kinds: &[&str] = match d.as_bytes()[0] {
        b'1' => &["A", "B", "C"],
        b'2' => &["U", "Y"],
        b'3' => &["S", "D"],
        _ => return None,
    };
    with_kind(chars, end, d, kinds)
}

/// `US 2020/0123456 A1`, `US20200123456A1` or Espacenet's `US2020123456A1`; normalised to the
/// 11-digit form.
fn us_pregrant(chars: &[char], i: usize) -> Option<(usize, String)> {
    let (end, d) = digits(chars, i);
    let (end, year, serial) = match d.len() {
        4 if chars.get(end) == Some(&'/') => {
            let (end, serial) = digits(chars, end + 1);
            (serial.len() == 7).then_some((end, d, serial))?
        }
        11 => (end, d[..4].to_string(), d[4..].to_string()),
        10 => (end, d[..4].to_string(), format!("0{}", &d[4..])),
        _ => return None,
    };
    if !(year.starts_with("19") || year.starts_with("20")) {
        return None;
    }
    with_kind(chars, end, format!("{year}{serial}"), &["A1", "A2", "A9"])
}

/// `US10123456B2`, `US 10,123,456 B2`, designs `USD912345S`, reissues `USRE45678E`, plants
/// `USPP12345P2`.
fn us_grant(chars: &[char], i: usize) -> Option<(usize, String)> {
    let (prefix, kinds, sizes): (&str, &[&str], std::ops::RangeInclusive<usize>) =
        match chars.get(i..i + 2) {
            Some(['R', 'E']) => ("RE", &["E", "E1"], 5..=6),
            Some(['P', 'P']) => ("PP", &["P", "P2", "P3"], 4..=6),
            Some(['D', _]) => ("D", &["S"], 6..=6),
            _ => ("", &["A", "B1", "B2"], 6..=8),
        };
    let (end, d) = grouped(chars, i + prefix.len())?;
    if !sizes.contains(&d.len()) {
        return None;
    }
    with_kind(chars, end, format!("{prefix}{d}"), kinds)
}

/// `WO2020/123456A1` = `WO2020123456A1`; before 2004 `WO01/12345A1`.
fn wo(chars: &[char], i: usize) -> Option<(usize, String)> {
    let (end, d) = digits(chars, i);
    let (end, body) = match d.len() {
        4 | 2 if chars.get(end) == Some(&'/') => {
            let (end, serial) = digits(chars, end + 1);
            let want = if d.len() == 4 { 6 } else { 5 };
            (serial.len() == want).then_some((end, format!("{d}{serial}")))?
        }
        10 | 7 => (end, d),
        _ => return None,
    };
    if body.len() == 10 && !body.starts_with("20") {
        return None;
    }
    with_kind(chars, end, body, &["A1", "A2", "A3", "A4", "A8", "A9"])
}

/// `JP2020-123456A` = `JP2020123456A`; grants `JP6543210B2`.
fn jp(chars: &[char], i: usize) -> Option<(usize, String)> {
    let (end, d) = digits(chars, i);
    match d.len() {
        4 if chars.get(end) == Some(&'-') => {
            let (end, serial) = digits(chars, end + 1);
            (serial.len() == 6).then_some(())?;
            with_kind(chars, end, format!("{d}{serial}"), &["A"])
        }
        10 => with_kind(chars, end, d, &["A"]),
        7 => with_kind(chars, end, d, &["B1", "B2"]),
        _ => None,
    }
}

/// `KR20200012345A` (written `KR 10-2020-0012345 A`); grants `KR102123456B1` (`10-2123456`).
fn kr(chars: &[char], i: usize) -> Option<(usize, String)> {
    let (end, d) = digits(chars, i);
    let publication = ["A"];
    let grant = ["B1", "B2"];
    match d.len() {
        2 if d == "10" && chars.get(end) == Some(&'-') => {
            let (end, next) = digits(chars, end + 1);
            match next.len() {
                4 if chars.get(end) == Some(&'-') => {
                    let (end, serial) = digits(chars, end + 1);
                    (serial.len() == 7).then_some(())?;
                    with_kind(chars, end, format!("{next}{serial}"), &publication)
                }
                7 => with_kind(chars, end, format!("10{next}"), &grant),
                _ => None,
            }
        }
        11 if d.starts_with("20") => with_kind(chars, end, d, &publication),
        13 if d.starts_with("1020") => with_kind(chars, end, d[2..].to_string(), &publication),
        9 if d.starts_with("10") => with_kind(chars, end, d, &grant),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<String> {
        find(text).into_iter().map(|f| f.number).collect()
    }

    fn written(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|f| &text[f.range]).collect()
    }

    #[test]
    fn chinese_numbers_of_every_kind() {
        for (text, number) in [
            ("CN112345678A", "CN112345678A"),
            ("CN 112345678 B", "CN112345678B"),
            ("CN1234567C", "CN1234567C"),
            ("CN218765432U", "CN218765432U"),
            ("CN2234567Y", "CN2234567Y"),
            ("CN306543210S", "CN306543210S"),
            ("CN3012345D", "CN3012345D"),
        ] {
            assert_eq!(normalize(text).as_deref(), Some(number), "{text}");
        }
    }

    #[test]
    fn numbers_next_to_chinese_text_and_full_width() {
        assert_eq!(numbers("专利CN112345678A公开了"), ["CN112345678A"]);
        assert_eq!(written("专利CN112345678A公开了"), ["CN112345678A"]);
        assert_eq!(numbers("见ＣＮ１１２３４５６７８Ａ。"), ["CN112345678A"]);
        assert_eq!(
            written("见ＣＮ１１２３４５６７８Ａ。"),
            ["ＣＮ１１２３４５６７８Ａ"]
        );
        assert_eq!(
            numbers("公开号：CN112345678A、CN218765432U"),
            ["CN112345678A", "CN218765432U"]
        );
        assert_eq!(numbers("CN\u{a0}112345678\u{a0}B"), ["CN112345678B"]);
    }

    #[test]
    fn us_grants_and_pregrant_publications() {
        for (text, number) in [
            ("US10123456B2", "US10123456B2"),
            ("US 10,123,456 B2", "US10123456B2"),
            ("US 2020/0123456 A1", "US20200123456A1"),
            ("US20200123456A1", "US20200123456A1"),
            ("US2020123456A1", "US20200123456A1"),
            ("US 6,123,456 A", "US6123456A"),
            ("USD912345S", "USD912345S"),
            ("US D912,345 S", "USD912345S"),
            ("USRE45678E", "USRE45678E"),
            ("USPP12345P2", "USPP12345P2"),
        ] {
            assert_eq!(normalize(text).as_deref(), Some(number), "{text}");
        }
    }

    #[test]
    fn ep_wo_jp_kr() {
        for (text, number) in [
            ("EP3456789A1", "EP3456789A1"),
            ("EP 3 456 789 B1", "EP3456789B1"),
            ("WO2020/123456A1", "WO2020123456A1"),
            ("WO 2020/123456 A1", "WO2020123456A1"),
            ("WO2020123456A1", "WO2020123456A1"),
            ("WO01/12345A1", "WO0112345A1"),
            ("JP2020-123456A", "JP2020123456A"),
            ("JP2020123456A", "JP2020123456A"),
            ("JP6543210B2", "JP6543210B2"),
            ("KR20200012345A", "KR20200012345A"),
            ("KR 10-2020-0012345 A", "KR20200012345A"),
            ("KR102123456B1", "KR102123456B1"),
            ("KR 10-2123456 B1", "KR102123456B1"),
        ] {
            assert_eq!(normalize(text).as_deref(), Some(number), "{text}");
        }
    }

    #[test]
    fn things_that_are_not_publication_numbers() {
        for text in [
            "202110123456.7", // CN application number
            "申请号 202110123456.7",
            "ZL202110123456.7", // CN patent number = ZL + application
            "CN201610920041A",  // an application number in Google's spelling
            "CN323456789A",     // design digit with an invention's kind
            "CN212345678A",     // utility model digit with kind A
            "CN112345678",      // no kind code
            "CN112345678A1",    // CN kinds have no digit
            "00814037.5",       // CN or EP application
            "US 16/123,456",    // US application
            "16/123,456",
            "EP18123456.7",                      // EP application
            "PCT/CN2020/123456",                 // PCT application
            "JP 2020-012345",                    // JP application, no kind
            "Y02E 10/50",                        // CPC code
            "ABCN112345678A",                    // inside a word
            "https://x.org/patent/CN112345678A", // inside a URL
            "file_CN112345678A.pdf",
            "CN 112345678 a new", // a lowercase article is not a kind code
            "US 2020/0123456",
        ] {
            assert_eq!(numbers(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn several_numbers_in_a_sentence() {
        let text = "See US 10,123,456 B2, EP3456789A1 and WO2020/123456A1 (family).";
        assert_eq!(
            written(text),
            ["US 10,123,456 B2", "EP3456789A1", "WO2020/123456A1"]
        );
    }

    #[test]
    fn links_per_database() {
        let mut settings = PatentSettings::default();
        assert_eq!(
            url(&settings, "US20200123456A1", "zh").unwrap(),
            "https://worldwide.espacenet.com/patent/search?q=pn%3DUS2020123456A1"
        );
        settings.database = Database::Google;
        assert_eq!(
            url(&settings, "US20200123456A1", "zh").unwrap(),
            "https://patents.google.com/patent/US20200123456A1/zh"
        );
        settings.database = Database::Cnipa;
        assert_eq!(url(&settings, "CN112345678A", "zh"), None);
        settings.database = Database::Custom;
        assert!(settings.validate().is_err());
        settings.url = Some("https://p.example.org/{lang}/{number}".into());
        assert_eq!(
            url(&settings, "CN112345678A", "en").unwrap(),
            "https://p.example.org/en/CN112345678A"
        );
    }
}
