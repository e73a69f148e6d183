//! Internal links: `@/guides/patent-search.md#anchor` → the URL of that page in the linking page's
//! language, plus the anchor to check once every page's headings are known.

use std::collections::HashMap;

use crate::config::Config;
use crate::content::Library;

/// What an internal link points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// A page, by index in the library.
    Page(usize),
    /// A section, by index in the library.
    Section(usize),
}

/// Every page and section by translation key, for resolving `@/` links.
pub struct LinkMap {
    by_key: HashMap<String, Vec<(String, Target)>>,
    default_language: String,
    languages: Vec<String>,
}

impl LinkMap {
    /// Indexes the library.
    pub fn new(library: &Library, config: &Config) -> Self {
        let mut by_key: HashMap<String, Vec<(String, Target)>> = HashMap::new();
        for (i, page) in library.pages.iter().enumerate() {
            by_key
                .entry(page.key.clone())
                .or_default()
                .push((page.lang.clone(), Target::Page(i)));
        }
        for (i, section) in library.sections.iter().enumerate() {
            if section.file.is_some() {
                by_key
                    .entry(section.key.clone())
                    .or_default()
                    .push((section.lang.clone(), Target::Section(i)));
            }
        }
        LinkMap {
            by_key,
            default_language: config.default_language.clone(),
            languages: config.languages.iter().map(|l| l.code.clone()).collect(),
        }
    }

    /// Resolves the path of an `@/` link (without the `@/`) from a page in `lang`.
    ///
    /// `guides/x.md` means the page in the linking page's language when it exists, else in the
    /// default language; `guides/x.en.md` always means the English file.
    pub fn resolve(&self, path: &str, lang: &str) -> Option<Target> {
        let (key, explicit) = self.split_language(path);
        let versions = self.by_key.get(&key)?;
        let wanted = explicit.unwrap_or(lang);
        let find = |l: &str| versions.iter().find(|(v, _)| v == l).map(|(_, t)| *t);
        match explicit {
            Some(_) => find(wanted),
            None => find(wanted)
                .or_else(|| find(&self.default_language))
                .or_else(|| versions.first().map(|(_, t)| *t)),
        }
    }

    /// `guides/x.en.md` → (`guides/x.md`, Some("en")).
    fn split_language<'a>(&'a self, path: &str) -> (String, Option<&'a str>) {
        let stem = path.strip_suffix(".md").unwrap_or(path);
        if let Some((base, code)) = stem.rsplit_once('.')
            && let Some(lang) = self.languages.iter().find(|l| *l == code)
        {
            return (format!("{base}.md"), Some(lang.as_str()));
        }
        (format!("{stem}.md"), None)
    }

    /// The existing keys closest to `path`, for "did you mean".
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.by_key.keys().map(String::as_str)
    }
}
