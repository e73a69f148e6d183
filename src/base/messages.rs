//! Messages in the editor's language: every diagnostic message and hint is a [`Text`], a message
//! id of the catalogue (`messages.toml`, Chinese and English with `{named}` placeholders) and its
//! values, written in a language only when it is printed ([`Text::render`]).
//!
//! The library stays language-neutral: a [`Text`] also keeps its English rendering, which is what
//! sorting, tests and the library's own `Display` see. The command line picks the language
//! ([`Lang::from_locale`], or `--lang`) and renders with it.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Serialize, Serializer};

pub use super::codes::Lang;
use super::i18n;

/// The catalogue's source, read once when the first message is made.
const CATALOGUE: &str = include_str!("messages.toml");

/// One message of the catalogue in both languages.
#[derive(Debug)]
struct Entry {
    en: String,
    zh: String,
}

/// The catalogue by id (`markdown.image_missing`): the TOML tables' keys joined by dots.
fn catalogue() -> &'static HashMap<String, Entry> {
    static PARSED: OnceLock<HashMap<String, Entry>> = OnceLock::new();
    PARSED.get_or_init(|| {
        let table: toml::Table = CATALOGUE
            .parse()
            .expect("messages.toml is valid TOML (a unit test reads it)");
        let mut entries = HashMap::new();
        flatten("", &table, &mut entries);
        entries
    })
}

/// Collects the tables holding `en` and `zh` under their dotted ids.
fn flatten(prefix: &str, table: &toml::Table, entries: &mut HashMap<String, Entry>) {
    if let (Some(en), Some(zh)) = (table.get("en"), table.get("zh")) {
        let text = |v: &toml::Value| v.as_str().unwrap_or_default().to_string();
        entries.insert(
            prefix.to_string(),
            Entry {
                en: text(en),
                zh: text(zh),
            },
        );
        return;
    }
    for (key, value) in table {
        if let Some(inner) = value.as_table() {
            let id = match prefix {
                "" => key.clone(),
                _ => format!("{prefix}.{key}"),
            };
            flatten(&id, inner, entries);
        }
    }
}

impl Lang {
    /// The language of the editor's locale, as POSIX looks it up: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty; Chinese when it starts with `zh`.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|v| !v.is_empty());
        match locale {
            Some(l) if l.starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }
}

/// A message: a catalogue id and its values, or text written in one language only (a value
/// such as a path, or a message not yet in the catalogue: see [`untranslated!`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Text {
    id: Option<&'static str>,
    args: Vec<(&'static str, Text)>,
    /// The English rendering, made once.
    en: String,
}

impl Text {
    /// Message `id` of the catalogue with its placeholders' values; use [`msg!`](crate::msg).
    pub fn new(id: &'static str, args: Vec<(&'static str, Text)>) -> Text {
        let mut text = Text {
            id: Some(id),
            args,
            en: String::new(),
        };
        text.en = text.render(Lang::En);
        text
    }

    /// A value shown as it is in every language: a path, a number, a name.
    pub fn value(text: impl Into<String>) -> Text {
        Text {
            id: None,
            args: Vec::new(),
            en: text.into(),
        }
    }

    /// The text in `lang`. An id missing from the catalogue (which a unit test rules out) shows
    /// as itself with its values, never as an empty message.
    pub fn render(&self, lang: Lang) -> String {
        let Some(id) = self.id else {
            return self.en.clone();
        };
        let values: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, value)| (*name, value.render(lang)))
            .collect();
        let values: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        match catalogue().get(id) {
            Some(entry) => {
                let template = match lang {
                    Lang::En => &entry.en,
                    Lang::Zh => &entry.zh,
                };
                i18n::fill(template, &values, str::to_string)
            }
            None => {
                let shown: Vec<String> = values.iter().map(|(n, v)| format!("{n}={v}")).collect();
                format!("{id} {}", shown.join(" "))
            }
        }
    }

    /// The English text.
    pub fn as_str(&self) -> &str {
        &self.en
    }
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.en
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.en == *other
    }
}

// Ordered by the English text first, so reports sort as they did before messages had ids.
impl Ord for Text {
    fn cmp(&self, other: &Self) -> Ordering {
        (&self.en, self.id, &self.args).cmp(&(&other.en, other.id, &other.args))
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.en)
    }
}

/// A [`Text`] from the catalogue: `msg!("markdown.image_missing", dest)` fills `{dest}` with the
/// variable `dest`; `name = expr` with any displayable value; `name => text` with another
/// [`Text`], rendered in the same language.
#[macro_export]
macro_rules! msg {
    (@value $name:ident) => { $crate::base::messages::Text::value($name.to_string()) };
    (@value $name:ident = $value:expr) => { $crate::base::messages::Text::value($value.to_string()) };
    (@value $name:ident => $text:expr) => { $text };
    ($id:literal $(, $name:ident $(= $value:expr)? $(=> $text:expr)?)* $(,)?) => {
        $crate::base::messages::Text::new(
            $id,
            vec![$((stringify!($name), $crate::msg!(@value $name $(= $value)? $(=> $text)?)),)*],
        )
    };
}

/// A message written in English only, not yet in the catalogue. Every use is counted by a unit
/// test (`unconverted_sites`), whose list may only shrink.
#[macro_export]
macro_rules! untranslated {
    ($text:expr) => {
        $crate::base::messages::Text::value($text)
    };
}

#[cfg(test)]
#[path = "messages_tests.rs"]
mod tests;
