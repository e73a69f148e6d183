//! The raw `site.toml` as serde reads it, and its conversion into the validated [`Config`] once
//! [`super::validate`] has found nothing wrong.

use indexmap::IndexMap;
use serde::Deserialize;

use super::validate::parse_base_url;
use super::{
    BUILTIN_TYPES, CheckSettings, Config, ContentType, Language, SearchConfig, SynonymGroup,
    Taxonomy,
};
use crate::base::text::line_column;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub(super) base_url: String,
    #[serde(default = "default_theme")]
    pub(super) theme: String,
    pub(super) default_language: String,
    #[serde(default = "default_paginate_by")]
    pub(super) paginate_by: usize,
    pub(super) languages: IndexMap<String, RawLanguage>,
    #[serde(default)]
    pub(super) types: IndexMap<String, RawType>,
    #[serde(default)]
    pub(super) taxonomies: Vec<RawTaxonomy>,
    #[serde(default)]
    pub(super) search: RawSearch,
    #[serde(default)]
    pub(super) extra: toml::Table,
    #[serde(default)]
    pub(super) patents: crate::ip::patent::PatentSettings,
    #[serde(default)]
    pub(super) ipc: crate::ip::ipc::IpcSettings,
    #[serde(default)]
    pub(super) calendar: crate::ip::calendar::CalendarSettings,
    #[serde(default)]
    pub(super) check: CheckSettings,
    #[serde(default)]
    pub(super) cms: Option<super::cms::CmsSettings>,
    #[serde(default)]
    pub(super) services: super::ServiceSettings,
}

fn default_theme() -> String {
    "default".into()
}

fn default_paginate_by() -> usize {
    10
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLanguage {
    pub(super) name: String,
    pub(super) title: String,
    #[serde(default)]
    pub(super) description: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawType {
    #[serde(default)]
    pub(super) required: Vec<String>,
    #[serde(default)]
    pub(super) fields: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTaxonomy {
    pub(super) name: String,
    pub(super) label: IndexMap<String, String>,
    pub(super) terms: Option<IndexMap<String, IndexMap<String, String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSearch {
    #[serde(default = "default_true")]
    pub(super) enabled: bool,
    /// With their place in the file, for errors.
    #[serde(default)]
    pub(super) synonyms: Vec<toml::Spanned<Vec<String>>>,
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

/// The checked raw configuration as a [`Config`], with the built-in content types.
pub(super) fn into_config(raw: RawConfig, source: &str) -> Config {
    let (base_url, base_path) = parse_base_url(&raw.base_url).unwrap_or_default();
    let mut types: IndexMap<String, ContentType> = BUILTIN_TYPES
        .iter()
        .map(|name| {
            let fields = super::fields::of_type(name).map(str::to_string).collect();
            let t = ContentType {
                required: Vec::new(),
                fields,
            };
            (name.to_string(), t)
        })
        .collect();
    for (name, t) in raw.types {
        let mut fields = t.fields;
        // A built-in type's own fields come with it, whatever `site.toml` lists.
        for field in super::fields::of_type(&name) {
            if !fields.iter().any(|f| f == field) {
                fields.push(field.to_string());
            }
        }
        let has_data = |list: &[String]| list.iter().any(|f| f == "data");
        if has_data(&fields) || has_data(&t.required) {
            for field in super::fields::with_data() {
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
        cms: raw.cms,
        services: raw.services,
    }
}

/// A `[search] synonyms` group with its line.
fn synonym_group(group: toml::Spanned<Vec<String>>, source: &str) -> SynonymGroup {
    let (line, column) = line_column(source, group.span().start);
    SynonymGroup {
        line_text: source.lines().nth(line - 1).unwrap_or("").to_string(),
        terms: group.into_inner(),
        line,
        column,
    }
}
