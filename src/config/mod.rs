//! `site.toml` → [`Config`]: the raw TOML is read into serde structs ([`raw`]), then checked
//! once ([`validate`]) and turned into a validated model that later stages can trust.
//!
//! - [`fields`]: the built-in front matter fields, declared once
//! - [`keys`]: the keys of `site.toml`, declared once for the user guide
//! - `raw`: the serde structs, and their conversion into [`Config`]
//! - `validate`: the checks, each problem on the line of its setting
//! - [`cms`]: `[cms]`, the CMS the build adds at `/admin/`

pub mod cms;
pub mod fields;
pub mod keys;
mod raw;
mod validate;

use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::base::diagnostics::{Code, Diagnostic};
use raw::RawConfig;
use validate::{parse_base_url, toml_error, validate};

/// Content types every portal knows; `site.toml` may declare more.
pub const BUILTIN_TYPES: [&str; 8] = [
    "guide", "course", "lesson", "case", "brief", "service", "person", "page",
];

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Absolute URL of the portal, always ending in `/`.
    pub base_url: String,
    /// The path part of `base_url` (`/` or `/ipis/`), prefixed to every URL the portal links to.
    pub base_path: String,
    /// Name of the folder under `themes/`.
    pub theme: String,
    /// Code of the language whose pages live at the root of the site.
    pub default_language: String,
    /// Items per page on section lists and taxonomy term pages.
    pub paginate_by: usize,
    /// The portal's languages, in `site.toml` order.
    pub languages: Vec<Language>,
    /// Content types with their required and allowed extra fields.
    pub types: IndexMap<String, ContentType>,
    /// Taxonomies in navigation order.
    pub taxonomies: Vec<Taxonomy>,
    /// `[search]`: the built-in search.
    pub search: SearchConfig,
    /// `[extra]`, passed to templates as written.
    pub extra: serde_json::Value,
    /// `[patents]`: which database publication numbers link to.
    pub patents: crate::ip::patent::PatentSettings,
    /// `[ipc]`: whether and where IPC codes in text link to.
    pub ipc: crate::ip::ipc::IpcSettings,
    /// `[calendar]`: the UTC offset of course session times.
    pub calendar: crate::ip::calendar::CalendarSettings,
    /// `[check]`: what `ipportal check` reports beyond what `build` does, and how `--external`
    /// checks links to other sites.
    pub check: CheckSettings,
    /// `[cms]`: the CMS at `/admin/`, when the portal has one.
    pub cms: Option<cms::CmsSettings>,
    /// `[services]`: how the service catalogue is kept.
    pub services: ServiceSettings,
}

/// `[services]` in `site.toml`: how the service catalogue is kept.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServiceSettings {
    /// Months after which a service's `reviewed` date is old enough for `check` to warn
    /// (default 12; 0 turns the warning off).
    pub review_months: u32,
}

impl Default for ServiceSettings {
    fn default() -> Self {
        ServiceSettings { review_months: 12 }
    }
}

/// `[search]` in `site.toml`.
#[derive(Debug, Clone)]
pub struct SearchConfig {
    /// Build the search index and the search pages (default `true`).
    pub enabled: bool,
    /// Groups of equivalent terms (`["PCT", "专利合作条约"]`), applied to queries in the browser;
    /// checked by `search::check_synonyms`, which knows how the tokenizer sees them.
    pub synonyms: Vec<SynonymGroup>,
}

/// One group of `[search] synonyms`, with its place in `site.toml` for errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynonymGroup {
    /// The equivalent terms, as written.
    pub terms: Vec<String>,
    /// 1-based line and column of the group.
    pub line: usize,
    /// See `line`.
    pub column: usize,
    /// The text of that line.
    pub line_text: String,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            enabled: true,
            synonyms: Vec::new(),
        }
    }
}

/// `[check]` in `site.toml`: what `ipportal check` reports beyond the build's checks, and how
/// `--external` checks links to other sites.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckSettings {
    /// Longest summary, in display columns: a CJK character counts two, anything else one, so
    /// the default 160 is about 160 Latin letters or 80 Chinese characters. `0` turns it off.
    pub summary_max: usize,
    /// Hosts never requested: `example.com` is that host only, `*.cnipa.gov.cn` is the domain
    /// and every host under it (default: none).
    pub skip_hosts: Vec<String>,
    /// Seconds to wait for a connection, name lookup included (default 5).
    pub connect_timeout: u64,
    /// Seconds one request may take in all (default 15).
    pub timeout: u64,
    /// Requests in flight at once (default 8).
    pub concurrency: usize,
    /// Requests in flight to one host at once (default 2).
    pub host_concurrency: usize,
    /// Milliseconds between the starts of two requests to one host (default 500).
    pub host_interval_ms: u64,
    /// Days a link that worked is not requested again (default 7; 0 checks every link on
    /// every run). Broken links are requested on every run.
    pub cache_days: u64,
    /// Seconds the whole `check --external` run may take; the links not checked by then are
    /// reported as one warning (default 300; `--external-timeout` replaces it).
    pub external_timeout: u64,
}

impl Default for CheckSettings {
    fn default() -> Self {
        CheckSettings {
            summary_max: 160,
            skip_hosts: Vec::new(),
            connect_timeout: 5,
            timeout: 15,
            concurrency: 8,
            host_concurrency: 2,
            host_interval_ms: 500,
            cache_days: 7,
            external_timeout: 300,
        }
    }
}

/// One language of the portal.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Language {
    /// Language code used in file names (`name.en.md`) and URLs (`/en/`).
    pub code: String,
    /// Name shown in the language switcher, in that language (`中文`, `English`).
    pub name: String,
    /// The portal's title in this language.
    pub title: String,
    /// The portal's description in this language.
    pub description: String,
}

/// What `site.toml` says about a content type.
#[derive(Debug, Clone, Default)]
pub struct ContentType {
    /// Front matter fields a page of this type must have.
    pub required: Vec<String>,
    /// Extra fields a page of this type may have (shown to templates as `page.fields`).
    pub fields: Vec<String>,
}

/// A taxonomy: a way to classify pages.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// The front matter key and URL segment (`disciplines`).
    pub name: String,
    /// Label per language.
    pub label: IndexMap<String, String>,
    /// The controlled vocabulary: term key → label per language. `None` for free-form taxonomies.
    pub terms: Option<IndexMap<String, IndexMap<String, String>>>,
}

impl Config {
    /// The language entry for `code`.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// URL path prefix of a language, relative to the base path: `""` for the default language,
    /// `"en/"` for the others.
    pub fn language_prefix(&self, code: &str) -> String {
        if code == self.default_language {
            String::new()
        } else {
            format!("{code}/")
        }
    }

    /// The taxonomy called `name`.
    pub fn taxonomy(&self, name: &str) -> Option<&Taxonomy> {
        self.taxonomies.iter().find(|t| t.name == name)
    }

    /// Replaces the base URL (for `--base-url` and `serve`).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let (base_url, base_path) = parse_base_url(url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }
}

/// Builds URLs from site-relative paths.
pub struct Urls<'a> {
    config: &'a Config,
}

impl<'a> Urls<'a> {
    /// For `config`'s base URL.
    pub fn new(config: &'a Config) -> Self {
        Urls { config }
    }

    /// `/en/guides/` → `/ipis/en/guides/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.config.base_path, path.trim_start_matches('/'))
    }

    /// `/en/guides/` → `https://host/ipis/en/guides/`.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.config.base_url, path.trim_start_matches('/'))
    }

    /// A language's home page URL.
    pub fn home(&self, lang: &str) -> String {
        self.url(&format!("/{}", self.config.language_prefix(lang)))
    }
}

/// Reads and validates `<root>/site.toml`.
pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
    let path = root.join("site.toml");
    let source = std::fs::read_to_string(&path).map_err(|e| {
        vec![
            Diagnostic::error(Code::ConfigInvalid, crate::msg!("config.unreadable", e))
                .in_file("site.toml")
                .with_help(crate::msg!("config.unreadable_help")),
        ]
    })?;
    parse(&source)
}

/// Parses and validates the text of a `site.toml`.
pub fn parse(source: &str) -> Result<Config, Vec<Diagnostic>> {
    let raw: RawConfig = toml::from_str(source).map_err(|e| vec![toml_error(source, &e)])?;
    validate(raw, source)
}

/// The smallest valid `site.toml`, for unit tests here and in other modules.
#[cfg(test)]
pub(crate) const MINIMAL_FOR_TESTS: &str = r#"
base_url = "https://lib.example.edu.cn/ipis"
default_language = "zh"
[languages.zh]
name = "中文"
title = "中心"
[languages.en]
name = "English"
title = "Centre"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = MINIMAL_FOR_TESTS;

    #[test]
    fn base_url_gets_a_trailing_slash_and_keeps_its_path() {
        let config = parse(MINIMAL).unwrap();
        assert_eq!(config.base_url, "https://lib.example.edu.cn/ipis/");
        assert_eq!(config.base_path, "/ipis/");
        assert_eq!(config.language_prefix("en"), "en/");
        assert_eq!(config.language_prefix("zh"), "");
    }

    #[test]
    fn unknown_key_is_reported_with_line_and_suggestion() {
        let source = MINIMAL.replace("default_language", "paginate_bye = 3\ndefault_language");
        let errors = parse(&source).unwrap_err();
        let e = &errors[0];
        assert!(e.message.contains("unknown field `paginate_bye`"), "{e:?}");
        assert_eq!(e.line, Some(3));
        assert_eq!(e.help.as_deref(), Some("did you mean `paginate_by`?"));
    }

    #[test]
    fn default_language_must_be_declared() {
        let source = MINIMAL.replace("default_language = \"zh\"", "default_language = \"fr\"");
        let errors = parse(&source).unwrap_err();
        assert!(errors[0].message.contains("`fr` is not one of"));
    }

    #[test]
    fn check_settings_have_defaults_and_are_validated() {
        assert_eq!(parse(MINIMAL).unwrap().check, CheckSettings::default());
        let source = format!("{MINIMAL}[check]\nskip_hosts = [\"*.cnipa.gov.cn\"]\ntimeout = 3\n");
        let check = parse(&source).unwrap().check;
        assert_eq!(check.skip_hosts, ["*.cnipa.gov.cn"]);
        assert_eq!((check.timeout, check.concurrency), (3, 8));

        let source = format!("{MINIMAL}[check]\nskip_hosts = [\"https://x.org/\"]\n");
        let e = &parse(&source).unwrap_err()[0];
        assert!(
            e.message.contains("`https://x.org/` is not a host name"),
            "{e:?}"
        );
        let check_line = MINIMAL.lines().count() + 1;
        assert_eq!(e.line, Some(check_line + 1), "the skip_hosts line");

        let source = format!("{MINIMAL}[check]\nhost_concurrency = 2\nconcurrency = 0\n");
        let e = &parse(&source).unwrap_err()[0];
        assert!(
            e.message.contains("concurrency must be at least 1"),
            "{e:?}"
        );
        assert_eq!(
            e.line,
            Some(check_line + 2),
            "the concurrency line, not host_concurrency"
        );

        let source = format!("{MINIMAL}[check]\nskip_host = []\n");
        let e = &parse(&source).unwrap_err()[0];
        assert!(e.message.contains("unknown field `skip_host`"), "{e:?}");
        assert_eq!(e.line, Some(11));
        assert_eq!(e.help.as_deref(), Some("did you mean `skip_hosts`?"));
    }

    #[test]
    fn synonym_groups_are_read_with_their_line() {
        let ok = format!(
            "{MINIMAL}[search]\nsynonyms = [[\"PCT\", \"专利合作条约\"],\n  [\"FTO\", \"自由实施\", \"freedom to operate\"]]\n"
        );
        let search = parse(&ok).unwrap().search;
        assert_eq!(
            search.synonyms[1].terms,
            ["FTO", "自由实施", "freedom to operate"]
        );
        assert_eq!(search.synonyms[1].line, MINIMAL.lines().count() + 3);
        assert!(search.synonyms[1].line_text.contains("\"FTO\""));
        assert!(search.enabled);
    }

    #[test]
    fn base_url_needs_a_scheme() {
        assert!(parse_base_url("lib.example.edu.cn").is_err());
        assert_eq!(
            parse_base_url("http://localhost:1111").unwrap(),
            ("http://localhost:1111/".to_string(), "/".to_string())
        );
    }
}
