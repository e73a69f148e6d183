//! `site.toml` → [`Config`]: the raw TOML is read into serde structs, then checked once and turned
//! into a validated model that later stages can trust.

use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::base::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::base::text::line_column;

/// Content types every portal knows; `site.toml` may declare more.
pub const BUILTIN_TYPES: [&str; 6] = ["guide", "course", "lesson", "case", "brief", "page"];

/// Fields every page may have, whatever its type.
pub const PAGE_FIELDS: [&str; 16] = [
    "title",
    "date",
    "updated",
    "summary",
    "weight",
    "draft",
    "slug",
    "aliases",
    "type",
    "illustrative",
    "template",
    "search",
    "extra",
    "patent_links",
    "cited_patents",
    "ipc",
];

/// Fields a section's `_index.md` may have, besides its type's fields.
pub const SECTION_FIELDS: [&str; 10] = [
    "title",
    "summary",
    "weight",
    "draft",
    "type",
    "sort_by",
    "paginate_by",
    "aliases",
    "search",
    "extra",
];

/// The fields that come with `data` (a brief's figures or raw patent export): a content type
/// whose pages may have `data` may have these too, without declaring them.
pub const DATA_FIELDS: [&str; 6] = [
    "source",
    "search_date",
    "date_basis",
    "columns",
    "incomplete_from",
    "key_patents",
];

/// True when `name` is a built-in front matter field (a taxonomy may not take its name).
pub fn is_core_field(name: &str) -> bool {
    PAGE_FIELDS.contains(&name) || SECTION_FIELDS.contains(&name)
}

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSearch {
    #[serde(default = "default_true")]
    enabled: bool,
    /// With their place in the file, for errors.
    #[serde(default)]
    synonyms: Vec<toml::Spanned<Vec<String>>>,
}

impl Default for RawSearch {
    fn default() -> Self {
        RawSearch {
            enabled: true,
            synonyms: Vec::new(),
        }
    }
}

fn default_true() -> bool {
    true
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

/// The longest `[check] cache_days`: ten years.
const MAX_CACHE_DAYS: u64 = 3650;

/// The longest `[check]` wait, in seconds (`connect_timeout`, `timeout`; `host_interval_ms` in
/// milliseconds): an hour.
const MAX_TIMEOUT: u64 = 3600;

impl CheckSettings {
    /// Says what is wrong with the settings, if anything: the setting and the message.
    fn validate(&self) -> Result<(), (&'static str, String)> {
        let at_least_one = [
            ("connect_timeout", self.connect_timeout as usize),
            ("timeout", self.timeout as usize),
            ("concurrency", self.concurrency),
            ("host_concurrency", self.host_concurrency),
            ("external_timeout", self.external_timeout as usize),
        ];
        if let Some((name, _)) = at_least_one.iter().find(|(_, value)| *value == 0) {
            return Err((name, format!("[check] {name} must be at least 1")));
        }
        // Durations are added to the clock: a value this large would overflow it.
        let at_most = [
            ("cache_days", self.cache_days, MAX_CACHE_DAYS),
            ("connect_timeout", self.connect_timeout, MAX_TIMEOUT),
            ("timeout", self.timeout, MAX_TIMEOUT),
            (
                "host_interval_ms",
                self.host_interval_ms,
                MAX_TIMEOUT * 1000,
            ),
        ];
        if let Some((name, value, max)) = at_most.iter().find(|(_, value, max)| value > max) {
            return Err((
                name,
                format!("[check] {name} = {value} is too large: at most {max}"),
            ));
        }
        for host in &self.skip_hosts {
            let name = host.strip_prefix("*.").unwrap_or(host);
            let valid = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':'));
            if !valid {
                return Err((
                    "skip_hosts",
                    format!(
                        "[check] skip_hosts: `{host}` is not a host name: expected `example.com` or `*.example.com` (no scheme, no path)"
                    ),
                ));
            }
        }
        Ok(())
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    #[serde(default = "default_theme")]
    theme: String,
    default_language: String,
    #[serde(default = "default_paginate_by")]
    paginate_by: usize,
    languages: IndexMap<String, RawLanguage>,
    #[serde(default)]
    types: IndexMap<String, RawType>,
    #[serde(default)]
    taxonomies: Vec<RawTaxonomy>,
    #[serde(default)]
    search: RawSearch,
    #[serde(default)]
    extra: toml::Table,
    #[serde(default)]
    patents: crate::ip::patent::PatentSettings,
    #[serde(default)]
    ipc: crate::ip::ipc::IpcSettings,
    #[serde(default)]
    calendar: crate::ip::calendar::CalendarSettings,
    #[serde(default)]
    check: CheckSettings,
}

fn default_theme() -> String {
    "default".into()
}

fn default_paginate_by() -> usize {
    10
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    name: String,
    title: String,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawType {
    #[serde(default)]
    required: Vec<String>,
    #[serde(default)]
    fields: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    name: String,
    label: IndexMap<String, String>,
    terms: Option<IndexMap<String, IndexMap<String, String>>>,
}

/// Reads and validates `<root>/site.toml`.
pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
    let path = root.join("site.toml");
    let source = std::fs::read_to_string(&path).map_err(|e| {
        vec![
            Diagnostic::error(Code::ConfigInvalid, format!("cannot read site.toml: {e}"))
                .in_file("site.toml")
                .with_help("a portal's root folder holds site.toml, content/ and themes/; see `ipportal new`"),
        ]
    })?;
    parse(&source)
}

/// Parses and validates the text of a `site.toml`.
pub fn parse(source: &str) -> Result<Config, Vec<Diagnostic>> {
    let raw: RawConfig = toml::from_str(source).map_err(|e| vec![toml_error(source, &e)])?;
    validate(raw, source)
}

fn toml_error(source: &str, error: &toml::de::Error) -> Diagnostic {
    let message = error.message().to_string();
    let help = unknown_field_help(&message);
    let mut d = Diagnostic::error(Code::ConfigInvalid, format!("invalid site.toml: {message}"))
        .in_file("site.toml");
    if let Some(span) = error.span() {
        let (line, column) = line_column(source, span.start);
        d = d.at(source, line, column);
    }
    match help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// serde says "unknown field `x`, expected one of `a`, `b`": turn that into a suggestion.
fn unknown_field_help(message: &str) -> Option<String> {
    let unknown = message.strip_prefix("unknown field `")?.split('`').next()?;
    let expected: Vec<&str> = message
        .split_once("expected")?
        .1
        .split('`')
        .skip(1)
        .step_by(2)
        .collect();
    did_you_mean(unknown, expected.iter().copied()).map(|s| format!("did you mean `{s}`?"))
}

fn validate(raw: RawConfig, source: &str) -> Result<Config, Vec<Diagnostic>> {
    let problems = [
        check_site(&raw),
        check_language_codes(&raw),
        check_taxonomies(&raw),
        check_settings(&raw),
    ]
    .concat();
    if !problems.is_empty() {
        return Err(problems
            .into_iter()
            .map(|(key, message)| {
                Diagnostic::error(Code::ConfigInvalid, message)
                    .in_file("site.toml")
                    .at(source, key_line(source, &key), 1)
            })
            .collect());
    }
    Ok(into_config(raw, source))
}

/// A problem in `site.toml`: the key whose line it is reported on, and the message.
type Problem = (String, String);

fn check_site(raw: &RawConfig) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Err(e) = parse_base_url(&raw.base_url) {
        problems.push(("base_url".into(), e));
    }
    if !raw.languages.contains_key(&raw.default_language) {
        problems.push((
            "default_language".into(),
            format!(
                "default_language `{}` is not one of [languages]: expected one of {}",
                raw.default_language,
                quoted_list(raw.languages.keys())
            ),
        ));
    }
    if raw.paginate_by == 0 {
        problems.push((
            "paginate_by".into(),
            "paginate_by must be at least 1".into(),
        ));
    }
    problems
}

fn check_language_codes(raw: &RawConfig) -> Vec<Problem> {
    raw.languages
        .keys()
        .filter(|code| {
            code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map(|code| {
            (
                format!("[languages.{code}]"),
                format!("language code `{code}` must be letters, digits and `-` (e.g. `en`, `zh`)"),
            )
        })
        .collect()
}

/// Every taxonomy and term has a label in every language, and no taxonomy takes the name of a
/// front matter field.
fn check_taxonomies(raw: &RawConfig) -> Vec<Problem> {
    let mut problems = Vec::new();
    for tax in &raw.taxonomies {
        let name_key = format!("name = \"{}\"", tax.name);
        for code in raw.languages.keys() {
            if !tax.label.contains_key(code) {
                problems.push((
                    name_key.clone(),
                    format!("taxonomy `{}` has no label for language `{code}`", tax.name),
                ));
            }
        }
        for (key, labels) in tax.terms.iter().flatten() {
            for code in raw
                .languages
                .keys()
                .filter(|code| !labels.contains_key(*code))
            {
                problems.push((
                    format!("terms.{key} "),
                    format!(
                        "term `{key}` of taxonomy `{}` has no label for language `{code}`",
                        tax.name
                    ),
                ));
            }
        }
        if is_core_field(&tax.name) {
            problems.push((
                name_key,
                format!(
                    "taxonomy name `{}` is already a front matter field: choose another name",
                    tax.name
                ),
            ));
        }
    }
    problems
}

/// The `[patents]`, `[calendar]` and `[check]` tables.
fn check_settings(raw: &RawConfig) -> Vec<Problem> {
    let check = raw
        .check
        .validate()
        .map_err(|(setting, message)| (format!("[check] {setting}"), message));
    [
        ("[patents]".to_string(), raw.patents.validate()),
        ("utc_offset".to_string(), raw.calendar.offset().map(|_| ())),
    ]
    .into_iter()
    .filter_map(|(key, result)| result.err().map(|e| (key, e)))
    .chain(check.err())
    .collect()
}

/// The checked raw configuration as a [`Config`], with the built-in content types.
fn into_config(raw: RawConfig, source: &str) -> Config {
    let (base_url, base_path) = parse_base_url(&raw.base_url).unwrap_or_default();
    let mut types: IndexMap<String, ContentType> = BUILTIN_TYPES
        .iter()
        .map(|t| (t.to_string(), ContentType::default()))
        .collect();
    for (name, t) in raw.types {
        let mut fields = t.fields;
        let has_data = |list: &[String]| list.iter().any(|f| f == "data");
        if has_data(&fields) || has_data(&t.required) {
            for field in DATA_FIELDS {
                if !fields.iter().any(|f| f == field) {
                    fields.push(field.to_string());
                }
            }
        }
        types.insert(
            name,
            ContentType {
                required: t.required,
                fields,
            },
        );
    }
    let extra = serde_json::to_value(&raw.extra).unwrap_or(serde_json::Value::Null);
    Config {
        base_url,
        base_path,
        theme: raw.theme,
        default_language: raw.default_language,
        paginate_by: raw.paginate_by,
        languages: raw
            .languages
            .into_iter()
            .map(|(code, l)| Language {
                code,
                name: l.name,
                title: l.title,
                description: l.description,
            })
            .collect(),
        types,
        taxonomies: raw
            .taxonomies
            .into_iter()
            .map(|t| Taxonomy {
                name: t.name,
                label: t.label,
                terms: t.terms,
            })
            .collect(),
        search: SearchConfig {
            enabled: raw.search.enabled,
            synonyms: raw
                .search
                .synonyms
                .into_iter()
                .map(|group| synonym_group(group, source))
                .collect(),
        },
        extra,
        patents: raw.patents,
        ipc: raw.ipc,
        calendar: raw.calendar,
        check: raw.check,
    }
}

fn quoted_list<'a>(items: impl Iterator<Item = &'a String>) -> String {
    items
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first line of `source` that mentions `key`, or 1.
fn synonym_group(group: toml::Spanned<Vec<String>>, source: &str) -> SynonymGroup {
    let (line, column) = line_column(source, group.span().start);
    SynonymGroup {
        line_text: source.lines().nth(line - 1).unwrap_or("").to_string(),
        terms: group.into_inner(),
        line,
        column,
    }
}

fn key_line(source: &str, key: &str) -> usize {
    if let Some((table, setting)) = key.split_once("] ")
        && table.starts_with('[')
    {
        return setting_line(source, &format!("{table}]"), setting);
    }
    source
        .lines()
        .position(|l| l.trim_start().starts_with(key) || l.contains(key))
        .map(|i| i + 1)
        .unwrap_or(1)
}

/// The line of `setting = …` in the table whose header is `table` (`[check]`), or of the
/// header when the setting is not written there.
fn setting_line(source: &str, table: &str, setting: &str) -> usize {
    let lines: Vec<&str> = source.lines().collect();
    let Some(header) = lines.iter().position(|l| l.trim() == table) else {
        return key_line(source, table);
    };
    let assigns = |line: &str| {
        line.trim_start()
            .strip_prefix(setting)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let in_table = lines[header + 1..]
        .iter()
        .take_while(|l| !l.trim_start().starts_with('['))
        .position(|l| assigns(l));
    in_table.map_or(header + 1, |i| header + 2 + i)
}

/// Splits a base URL into its normalised form (with a trailing `/`) and its path.
fn parse_base_url(url: &str) -> Result<(String, String), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("base_url `{url}` must start with https:// or http:// (e.g. `https://lib.example.edu.cn/ipis/`)")
        })?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() || url.contains(char::is_whitespace) || path.contains(['?', '#']) {
        return Err(format!(
            "base_url `{url}` is not a valid site address: expected `https://host/` or `https://host/path/`"
        ));
    }
    let path = path.trim_end_matches('/');
    let base_path = if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    };
    let scheme = if url.starts_with("https://") {
        "https"
    } else {
        "http"
    };
    Ok((format!("{scheme}://{host}{base_path}"), base_path))
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
