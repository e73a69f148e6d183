//! The data templates see, as plain serializable structs (documented in the user guide, `docs/content/guide/themes.en.md`).
//! Everything here is built from the library and the rendered Markdown; nothing is computed in
//! templates that the build already knows.

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::base::i18n::Strings;
use crate::config::{Config, Urls};
use crate::content::front_matter::Date;
use crate::content::taxonomy::{TaxonomyIndex, resolve_term};
use crate::content::{Library, Page, Section};

/// A title and a URL.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Text of the link.
    pub title: String,
    /// URL including the base path.
    pub url: String,
}

/// `site` in every template.
#[derive(Debug, Serialize)]
pub struct SiteContext {
    /// The portal's title in this language.
    pub title: String,
    /// Its description.
    pub description: String,
    /// Absolute base URL with a trailing slash.
    pub base_url: String,
    /// Path of the base URL.
    pub base_path: String,
    /// This language's home page.
    pub home_url: String,
    /// The default language's code.
    pub default_language: String,
    /// Every language.
    pub languages: Vec<LanguageContext>,
    /// Top-level sections for the navigation.
    pub sections: Vec<NavSection>,
    /// Taxonomies with their terms.
    pub taxonomies: Vec<TaxonomyContext>,
    /// `[extra]` of site.toml.
    pub extra: Value,
    /// This language's Atom feed.
    pub feed_url: String,
    /// Stylesheet URLs.
    pub stylesheets: Stylesheets,
    /// The search page and index, when the portal has search.
    pub search: Option<SearchContext>,
}

/// `site.search`: where the search page and the index are.
#[derive(Debug, Serialize)]
pub struct SearchContext {
    /// This language's search page (`/search/`, `/en/search/`).
    pub url: String,
    /// The folder of the indexes, one sub-folder per language (`/search-index/`).
    pub index: String,
}

/// A language in `site.languages`.
#[derive(Debug, Serialize)]
pub struct LanguageContext {
    /// Code.
    pub code: String,
    /// Name in the language itself.
    pub name: String,
    /// Portal title in that language.
    pub title: String,
    /// Its home page.
    pub home_url: String,
}

/// A top-level section in the navigation.
#[derive(Debug, Serialize)]
pub struct NavSection {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// Content type.
    #[serde(rename = "type")]
    pub content_type: String,
    /// Summary (plain text from front matter, may be empty).
    pub summary: String,
}

/// The theme's stylesheet and the generated highlighting stylesheet.
#[derive(Debug, Serialize)]
pub struct Stylesheets {
    /// The theme's `css/site.css`.
    pub main: String,
    /// The generated `css/syntax.css`.
    pub syntax: String,
}

/// A taxonomy in templates.
#[derive(Debug, Serialize)]
pub struct TaxonomyContext {
    /// Name (`disciplines`).
    pub name: String,
    /// Label in this language.
    pub label: String,
    /// URL of its term list.
    pub url: String,
    /// Free-form (tags) or controlled vocabulary.
    pub free: bool,
    /// Terms.
    pub terms: Vec<TermContext>,
}

/// A term in templates.
#[derive(Debug, Serialize)]
pub struct TermContext {
    /// Key or slug.
    pub key: String,
    /// Label in this language.
    pub label: String,
    /// URL of the term page.
    pub url: String,
    /// Number of pages with the term.
    pub count: usize,
}

/// A term on a page.
#[derive(Debug, Serialize)]
pub struct TermLink {
    /// Key or slug.
    pub key: String,
    /// Label in the page's language.
    pub label: String,
    /// URL of the term page.
    pub url: String,
}

/// An entry of the language switcher.
#[derive(Debug, Serialize)]
pub struct Alternate {
    /// Language code.
    pub lang: String,
    /// Language name.
    pub name: String,
    /// The translation, or that language's home page when there is none.
    pub url: String,
    /// Whether this is the language of the page being shown.
    pub current: bool,
    /// Whether the page exists in this language.
    pub translated: bool,
}

/// Another language's version of a page.
#[derive(Debug, Serialize)]
pub struct Translation {
    /// Language code.
    pub lang: String,
    /// Language name.
    pub name: String,
    /// URL.
    pub url: String,
    /// Title in that language.
    pub title: String,
}

/// A page as listed (in sections, term pages and `latest`).
#[derive(Debug, Serialize)]
pub struct PageSummary {
    /// Title.
    pub title: String,
    /// URL including the base path.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Language code.
    pub lang: String,
    /// Content type.
    #[serde(rename = "type")]
    pub content_type: String,
    /// Summary as HTML.
    pub summary: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Date formatted for the language.
    pub date_display: Option<String>,
    /// `YYYY-MM-DD` of the last update.
    pub updated: Option<String>,
    /// Update date formatted for the language.
    pub updated_display: Option<String>,
    /// Weight.
    pub weight: Option<i64>,
    /// Whether the page shows the illustrative-data banner.
    pub illustrative: bool,
    /// Words plus CJK characters.
    pub word_count: usize,
    /// Estimated minutes to read.
    pub reading_minutes: usize,
    /// Terms by taxonomy.
    pub taxonomies: IndexMap<String, Vec<TermLink>>,
    /// The type's extra fields.
    pub fields: Map<String, Value>,
    /// `extra`.
    pub extra: Value,
    /// Other language versions.
    pub translations: Vec<Translation>,
    /// The section it is listed in.
    pub section: SectionLink,
    /// Co-located files.
    pub assets: Vec<String>,
}

/// The section a page belongs to.
#[derive(Debug, Serialize)]
pub struct SectionLink {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// Content type.
    #[serde(rename = "type")]
    pub content_type: String,
}

/// The strings dates use: `date_format`, with `{year}`, `{month}`, `{day}` and `{month_name}`,
/// and the month names.
pub const DATE_KEYS: [&str; 13] = [
    "date_format",
    "month_1",
    "month_2",
    "month_3",
    "month_4",
    "month_5",
    "month_6",
    "month_7",
    "month_8",
    "month_9",
    "month_10",
    "month_11",
    "month_12",
];

/// Writes a date the way the language of `strings` does (`date_format`): `2025年3月1日`,
/// `1 March 2025`.
pub fn format_date(date: &Date, strings: &Strings) -> String {
    use chrono::Datelike;
    let d = date.day;
    let month_name = DATE_KEYS[d.month() as usize]; // `month_1` is at 1

    strings.fill(
        "date_format",
        &[
            ("year", &d.year().to_string()),
            ("month", &d.month().to_string()),
            ("day", &d.day().to_string()),
            ("month_name", strings.get(month_name)),
        ],
    )
}

/// Builds `site` for one language.
pub fn site_context(
    config: &Config,
    library: &Library,
    taxonomies: &[TaxonomyIndex],
    lang: &str,
    stylesheets: Stylesheets,
    search: bool,
) -> SiteContext {
    let urls = Urls::new(config);
    let language = config.language(lang);
    let home = library
        .sections
        .iter()
        .find(|s| s.lang == lang && s.parent.is_none());
    let sections = home
        .map(|h| {
            h.subsections
                .iter()
                .map(|&i| &library.sections[i])
                .map(|s| NavSection {
                    title: s.meta.title.clone(),
                    url: urls.url(&s.path),
                    content_type: s.content_type.clone(),
                    summary: s.meta.summary.clone().unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    SiteContext {
        title: language.map(|l| l.title.clone()).unwrap_or_default(),
        description: language.map(|l| l.description.clone()).unwrap_or_default(),
        base_url: config.base_url.clone(),
        base_path: config.base_path.clone(),
        home_url: urls.home(lang),
        default_language: config.default_language.clone(),
        languages: config
            .languages
            .iter()
            .map(|l| LanguageContext {
                code: l.code.clone(),
                name: l.name.clone(),
                title: l.title.clone(),
                home_url: urls.home(&l.code),
            })
            .collect(),
        sections,
        taxonomies: taxonomies
            .iter()
            .filter(|t| t.lang == lang)
            .map(|t| taxonomy_context(t, &urls))
            .collect(),
        extra: config.extra.clone(),
        feed_url: urls.url(&format!("/{}atom.xml", config.language_prefix(lang))),
        stylesheets,
        search: search.then(|| SearchContext {
            url: urls.url(&search_path(config, lang)),
            index: urls.url(&format!("/{}/", crate::search::INDEX_DIR)),
        }),
    }
}

/// URL path of a language's search page, without the base path (`/search/`, `/en/search/`).
pub fn search_path(config: &Config, lang: &str) -> String {
    format!("/{}search/", config.language_prefix(lang))
}

/// A taxonomy with its terms.
pub fn taxonomy_context(index: &TaxonomyIndex, urls: &Urls) -> TaxonomyContext {
    TaxonomyContext {
        name: index.name.clone(),
        label: index.label.clone(),
        url: urls.url(&index.path),
        free: index.free,
        terms: index
            .terms
            .iter()
            .map(|t| TermContext {
                key: t.key.clone(),
                label: t.label.clone(),
                url: urls.url(&t.path),
                count: t.pages.len(),
            })
            .collect(),
    }
}

/// Builds the listing form of a page; `summary` is its summary HTML, `word_count` from rendering.
pub fn page_summary(
    config: &Config,
    library: &Library,
    page: &Page,
    summary: &str,
    word_count: usize,
    strings: &Strings,
) -> PageSummary {
    let urls = Urls::new(config);
    let section = &library.sections[page.section];
    let taxonomies = config
        .taxonomies
        .iter()
        .filter_map(|tax| {
            let terms = page.meta.taxonomies.get(&tax.name)?;
            let links = terms
                .iter()
                .filter_map(|t| resolve_term(tax, &t.value, &page.lang))
                .map(|(key, label)| TermLink {
                    url: urls.url(&format!(
                        "/{}{}/{key}/",
                        config.language_prefix(&page.lang),
                        tax.name
                    )),
                    key,
                    label,
                })
                .collect();
            Some((tax.name.clone(), links))
        })
        .collect();
    // CJK readers manage about 400 characters a minute, English readers about 200 words: both
    // are "words" in `word_count`. The language's strings say which (`reading_words_per_minute`,
    // checked to be a positive number when the theme is loaded).
    let per_minute = strings
        .get("reading_words_per_minute")
        .parse::<usize>()
        .unwrap_or(300)
        .max(1);
    let reading_minutes = word_count.div_ceil(per_minute).max(1);
    PageSummary {
        title: page.meta.title.clone(),
        url: urls.url(&page.path),
        permalink: urls.permalink(&page.path),
        lang: page.lang.clone(),
        content_type: page.content_type.clone(),
        summary: summary.to_string(),
        date: page.meta.date.as_ref().map(Date::ymd),
        date_display: page.meta.date.as_ref().map(|d| format_date(d, strings)),
        updated: page.meta.updated.as_ref().map(Date::ymd),
        updated_display: page.meta.updated.as_ref().map(|d| format_date(d, strings)),
        weight: page.meta.weight,
        illustrative: page.meta.illustrative,
        word_count,
        reading_minutes,
        taxonomies,
        fields: page.meta.fields.clone(),
        extra: page.meta.extra.clone(),
        translations: page
            .translations
            .iter()
            .map(|&t| {
                translation(
                    config,
                    &library.pages[t].lang,
                    &library.pages[t].path,
                    &library.pages[t].meta.title,
                )
            })
            .collect(),
        section: SectionLink {
            title: section.meta.title.clone(),
            url: urls.url(&section.path),
            content_type: section.content_type.clone(),
        },
        assets: page.assets.iter().map(|(_, name)| name.clone()).collect(),
    }
}

/// An entry of `translations`.
pub fn translation(config: &Config, lang: &str, path: &str, title: &str) -> Translation {
    Translation {
        lang: lang.to_string(),
        name: config
            .language(lang)
            .map(|l| l.name.clone())
            .unwrap_or_default(),
        url: Urls::new(config).url(path),
        title: title.to_string(),
    }
}

/// The language switcher: every language, linking the translation or that language's home.
pub fn alternates(
    config: &Config,
    lang: &str,
    path: &str,
    translations: &[(String, String)],
) -> Vec<Alternate> {
    let urls = Urls::new(config);
    config
        .languages
        .iter()
        .map(|l| {
            let translated = translations.iter().find(|(tl, _)| *tl == l.code);
            let (url, is_translated) = if l.code == lang {
                (urls.url(path), true)
            } else {
                match translated {
                    Some((_, p)) => (urls.url(p), true),
                    None => (urls.home(&l.code), false),
                }
            };
            Alternate {
                lang: l.code.clone(),
                name: l.name.clone(),
                url,
                current: l.code == lang,
                translated: is_translated,
            }
        })
        .collect()
}

/// The chain of sections from the home page down to `section`, inclusive.
pub fn breadcrumbs(config: &Config, library: &Library, section: &Section) -> Vec<Link> {
    let urls = Urls::new(config);
    let mut chain = vec![section];
    while let Some(parent) = chain.last().and_then(|s| s.parent) {
        chain.push(&library.sections[parent]);
    }
    chain
        .into_iter()
        .rev()
        .map(|s| Link {
            title: s.meta.title.clone(),
            url: urls.url(&s.path),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn dates_are_written_per_language() {
        let date = Date {
            day: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
            time: None,
        };
        let format = |lang: &str, map: &IndexMap<String, String>| {
            format_date(&date, &Strings::new(lang, Some(map)))
        };
        let zh = crate::templates::default_strings("zh").unwrap();
        let en = crate::templates::default_strings("en").unwrap();
        assert_eq!(format("zh", &zh), "2025年3月1日");
        assert_eq!(format("en", &en), "1 March 2025");
        let fr: IndexMap<String, String> = [
            ("date_format", "{day} {month_name} {year}"),
            ("month_3", "mars"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(format("fr", &fr), "1 mars 2025");
    }
}
