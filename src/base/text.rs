//! Text helpers every stage uses: escaping for HTML and XML, the CJK test, line and column of an
//! offset, and slugs (heading ids, free-form taxonomy terms: readable in every script, stable
//! across builds).

/// Lower-cases `text`, keeps letters and digits of any script (so Chinese stays readable), turns
/// whitespace, `-` and `_` into single hyphens and drops other punctuation.
///
/// `"Step 2: Build the query"` → `step-2-build-the-query`; `"检索式的构建"` → `检索式的构建`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_') && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_string()
}

/// CJK ideographs and kana: the scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Escapes text for HTML.
pub fn escape_html(text: &str) -> String {
    if !text
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for XML (the charts' SVG): [`escape_html`] of [`xml_chars`].
pub fn escape_xml(text: &str) -> String {
    escape_html(&xml_chars(text))
}

/// `text` without the characters XML 1.0 forbids (control characters other than tab, line feed
/// and carriage return; U+FFFE, U+FFFF), which make a whole feed, sitemap or SVG unreadable to a
/// strict parser.
pub fn xml_chars(text: &str) -> std::borrow::Cow<'_, str> {
    let forbidden = |c: char| {
        (c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{7f}'))
            || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if text.contains(forbidden) {
        text.replace(forbidden, "").into()
    } else {
        text.into()
    }
}

/// 1-based line and column of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..source.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::{escape_xml, slugify};

    #[test]
    fn keeps_chinese_and_drops_punctuation() {
        assert_eq!(slugify("Step 2: Build the query"), "step-2-build-the-query");
        assert_eq!(slugify("检索式的构建"), "检索式的构建");
        assert_eq!(slugify("PCT 国际申请（概览）"), "pct-国际申请概览");
        assert_eq!(slugify("  --a__b--  "), "a-b");
        assert_eq!(slugify("？！"), "");
    }

    #[test]
    fn xml_text_drops_what_xml_forbids() {
        assert_eq!(
            escape_xml("a\u{1}\u{8}\u{1b}\u{ffff}<b>\t\n\r\u{7f}"),
            "a&lt;b&gt;\t\n\r\u{7f}"
        );
    }
}
