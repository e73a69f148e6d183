//! One language's interface strings (the theme's `i18n/<lang>.toml`), as the engine uses them
//! for the words it writes itself: chart titles, shortcode labels, dates.
//!
//! A string may hold placeholders, `{name}`, filled when it is used: `"{count} pages found"`.

use indexmap::IndexMap;

/// The strings of one language; empty when the theme could not be loaded (the build reports
/// that error anyway, so the words are only needed to finish the stage).
#[derive(Debug, Clone, Copy, Default)]
pub struct Strings<'a> {
    lang: &'a str,
    map: Option<&'a IndexMap<String, String>>,
}

impl<'a> Strings<'a> {
    /// The strings of language `lang` in `map`; `None` when there are none.
    pub fn new(lang: &'a str, map: Option<&'a IndexMap<String, String>>) -> Self {
        Strings { lang, map }
    }

    /// The language code (`zh`, `en`): it picks among data given in several languages.
    pub fn lang(&self) -> &'a str {
        self.lang
    }

    /// The string `key`; the key itself when it is missing, so nothing fails (themes are checked
    /// for every key the engine uses when they are loaded).
    pub fn get<'k>(&self, key: &'k str) -> &'k str
    where
        'a: 'k,
    {
        self.map
            .and_then(|m| m.get(key))
            .map_or(key, String::as_str)
    }

    /// The string `key` with its placeholders filled from `values`.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.get(key), values, |v| v.to_string())
    }
}

/// `text` with each `{name}` replaced by its value in `values`, passed through `value`; the
/// text around them through `literal`. An unknown placeholder stays as written. The result is
/// not scanned again, so a value holding `{x}` is left alone.
pub fn fill_with(
    text: &str,
    values: &[(&str, &str)],
    literal: impl Fn(&str) -> String,
    value: impl Fn(&str) -> String,
) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        let name_len = after[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len() - 1);
        let name = &after[1..1 + name_len];
        let closed = after[1 + name_len..].starts_with('}');
        match values.iter().find(|(n, _)| *n == name).filter(|_| closed) {
            Some((_, v)) => {
                out.push_str(&literal(before));
                out.push_str(&value(v));
                rest = &after[name_len + 2..];
            }
            None => {
                out.push_str(&literal(&rest[..open + 1]));
                rest = &after[1..];
            }
        }
    }
    out.push_str(&literal(rest));
    out
}

/// `text` with its placeholders filled from `values`, each value passed through `value`.
pub fn fill(text: &str, values: &[(&str, &str)], value: impl Fn(&str) -> String) -> String {
    fill_with(text, values, str::to_string, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> IndexMap<String, String> {
        [
            ("count", "{count} pages found"),
            ("between", "Page {n} of {total}"),
            ("odd", "{unknown} {n {} {n}}"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    #[test]
    fn placeholders_are_filled_wherever_they_are() {
        let map = strings();
        let s = Strings::new("en", Some(&map));
        assert_eq!(s.fill("count", &[("count", "3")]), "3 pages found");
        assert_eq!(
            s.fill("between", &[("total", "9"), ("n", "2")]),
            "Page 2 of 9"
        );
    }

    #[test]
    fn unknown_or_broken_placeholders_stay_as_written() {
        let map = strings();
        let s = Strings::new("en", Some(&map));
        assert_eq!(s.fill("odd", &[("n", "1")]), "{unknown} {n {} 1}");
        assert_eq!(
            s.fill("count", &[("count", "{count}")]),
            "{count} pages found"
        );
        assert_eq!(fill("ends with {", &[], str::to_string), "ends with {");
        assert_eq!(fill("中{n}文", &[("n", "1")], str::to_string), "中1文");
    }

    #[test]
    fn a_missing_key_is_the_key_itself() {
        let map = strings();
        assert_eq!(Strings::new("en", Some(&map)).get("nope"), "nope");
        assert_eq!(Strings::new("en", None).get("count"), "count");
    }

    #[test]
    fn literal_text_and_values_can_be_escaped_apart() {
        let out = fill_with(
            "<{a}>",
            &[("a", "&")],
            |t| t.replace('<', "&lt;").replace('>', "&gt;"),
            |v| format!("[{v}]"),
        );
        assert_eq!(out, "&lt;[&]&gt;");
    }
}
