//! The form of a content type: its fields as Decap CMS widgets, in the order an editor fills
//! them — the title, the fields the type requires, the vocabularies, the type's other fields,
//! the built-in fields every page may have, the body.

use serde_yaml::{Mapping, Value};

use super::collections::Layout;
use super::{chinese, describe};
use crate::config::fields::{self, Field, Keys, Kind, ValueKind};
use crate::config::{Config, Taxonomy};

/// The date format of front matter (`2026-12-05`), in Decap's (moment.js) notation.
const DATE_FORMAT: &str = "YYYY-MM-DD";

/// A slug: lower-case letters, digits and hyphens (what a file name and a URL segment share).
const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// The fields of a page of `type_name` (or, for [`Layout::Course`], of a course's `_index`).
pub(super) fn fields(type_name: &str, layout: Layout, config: &Config) -> Vec<Value> {
    let kind = if layout == Layout::Course {
        Kind::Section
    } else {
        Kind::Page
    };
    let t = config.types.get(type_name).cloned().unwrap_or_default();
    let required = |name: &str| name == "title" || t.required.iter().any(|r| r == name);
    // A course's `slug` names its folder; `/admin/` drops it from the `_index` it saves, as a
    // section has no `slug` of its own.
    let mut names: Vec<String> = vec!["title".into(), "slug".into()];
    names.extend(t.required.iter().cloned());
    names.extend(config.taxonomies.iter().map(|tax| tax.name.clone()));
    names.extend(t.fields.iter().cloned());
    names.extend(fields::core_names(kind).map(str::to_string));
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for name in names {
        if seen.contains(&name) {
            continue;
        }
        seen.push(name.clone());
        if let Some(field) = field(&name, required(&name), config) {
            out.push(field);
        }
    }
    if layout == Layout::Course {
        // A course's `_index` says its type: its pages are then lessons.
        out.push(hidden("type", "course"));
    }
    out.push(body(config));
    out
}

/// One field, or `None` for one the form leaves alone (a map such as `extra`, or `type`, which
/// the folder gives).
fn field(name: &str, required: bool, config: &Config) -> Option<Value> {
    let mut map = Mapping::new();
    map.insert("name".into(), name.into());
    if let Some(taxonomy) = config.taxonomy(name) {
        map.insert("label".into(), taxonomy_label(taxonomy, config).into());
        vocabulary(&mut map, taxonomy, config);
    } else if let Some(builtin) = fields::find(name) {
        if matches!(
            builtin.kind,
            ValueKind::Map(Keys::Free) | ValueKind::ContentType
        ) {
            return None;
        }
        let label = label(builtin, config);
        let hint = describe(builtin, config);
        match parts(builtin, config) {
            Some(parts) => object(&mut map, &parts),
            None => widget(&mut map, builtin.kind),
        }
        if hint != label {
            map.insert("hint".into(), hint.into());
        }
        map.insert("label".into(), label.into());
    } else {
        // A field of the portal's own type: free text, kept with the type's fields.
        map.insert("label".into(), name.into());
        map.insert("widget".into(), "string".into());
        map.insert("i18n".into(), true.into());
    }
    if name == "slug" {
        slug(&mut map, config);
    } else {
        map.insert("required".into(), required.into());
    }
    Some(Value::Mapping(map))
}

/// The widget of a built-in field's kind of value, and whether each language has its own value
/// (text) or all share one (dates, numbers, choices, files).
fn widget(map: &mut Mapping, kind: ValueKind) {
    let mut translated = false;
    match kind {
        ValueKind::Text if map.get("name").and_then(Value::as_str) == Some("summary") => {
            map.insert("widget".into(), "text".into());
            translated = true;
        }
        ValueKind::Text => {
            map.insert("widget".into(), "string".into());
            translated = true;
        }
        ValueKind::Date => {
            map.insert("widget".into(), "datetime".into());
            map.insert("format".into(), DATE_FORMAT.into());
            map.insert("date_format".into(), DATE_FORMAT.into());
            map.insert("time_format".into(), false.into());
        }
        ValueKind::Bool => {
            map.insert("widget".into(), "boolean".into());
        }
        ValueKind::Integer | ValueKind::Count => {
            map.insert("widget".into(), "number".into());
            map.insert("value_type".into(), "int".into());
            if kind == ValueKind::Count {
                map.insert("min".into(), 1.into());
            }
        }
        ValueKind::Choice(options) => {
            map.insert("widget".into(), "select".into());
            let options: Vec<Value> = options.iter().map(|o| (*o).into()).collect();
            map.insert("options".into(), Value::Sequence(options));
        }
        ValueKind::List | ValueKind::Terms(_) => {
            map.insert("widget".into(), "list".into());
            // Decap takes no `duplicate` on a list: each language has its own.
            translated = true;
        }
        ValueKind::Path => {
            map.insert("widget".into(), "file".into());
        }
        ValueKind::Turnaround => {
            map.insert("widget".into(), "string".into());
            translated = true;
        }
        ValueKind::Slug
        | ValueKind::Template
        | ValueKind::ContentType
        | ValueKind::Map(_)
        | ValueKind::Fees => {
            map.insert("widget".into(), "string".into());
        }
    }
    map.insert("i18n".into(), i18n(translated));
}

/// The names a map field takes, each with its label and kind of value: a service's `request`
/// (from the field table), its `fees` (one per audience of the portal's vocabulary, or `all`), a
/// person's `name` (one per language). `None` for a map of free names or a field of one value.
fn parts(field: &Field, config: &Config) -> Option<Vec<(String, String, ValueKind)>> {
    let zh = chinese(config);
    let parts = match field.kind {
        ValueKind::Map(Keys::Named(parts)) => parts
            .iter()
            .map(|p| (p.name.into(), (if zh { p.zh } else { p.en }).into(), p.kind))
            .collect(),
        ValueKind::Map(Keys::Languages) => config
            .languages
            .iter()
            .map(|l| (l.code.clone(), l.name.clone(), ValueKind::Text))
            .collect(),
        ValueKind::Fees => {
            let everyone = if zh { "所有对象" } else { "Everyone" };
            let mut parts = vec![("all".to_string(), everyone.to_string(), ValueKind::Text)];
            let terms = config.taxonomy("audiences").and_then(|t| t.terms.as_ref());
            for (key, labels) in terms.into_iter().flatten() {
                let label = labels.get(&config.default_language).unwrap_or(key);
                parts.push((key.clone(), label.clone(), ValueKind::Text));
            }
            parts
        }
        _ => return None,
    };
    Some(parts)
}

/// An `object` widget with one sub-field per name, none required (a map holds only the names
/// it needs). Each language has its own map, its words translated.
fn object(map: &mut Mapping, parts: &[(String, String, ValueKind)]) {
    map.insert("widget".into(), "object".into());
    map.insert("collapsed".into(), false.into());
    let fields = parts
        .iter()
        .map(|(name, label, kind)| {
            let mut sub = Mapping::new();
            sub.insert("name".into(), name.as_str().into());
            sub.insert("label".into(), label.as_str().into());
            widget(&mut sub, *kind);
            sub.insert("required".into(), false.into());
            Value::Mapping(sub)
        })
        .collect();
    map.insert("fields".into(), Value::Sequence(fields));
    map.insert("i18n".into(), true.into());
}

/// A vocabulary: a multiple select of its keys, labelled in the editors' language; a free one
/// (tags) is a list of words, in each language its own.
fn vocabulary(map: &mut Mapping, taxonomy: &Taxonomy, config: &Config) {
    let Some(terms) = &taxonomy.terms else {
        map.insert("widget".into(), "list".into());
        map.insert("i18n".into(), true.into());
        return;
    };
    map.insert("widget".into(), "select".into());
    map.insert("multiple".into(), true.into());
    let options: Vec<Value> = terms
        .iter()
        .map(|(key, labels)| {
            let mut option = Mapping::new();
            let label = labels
                .get(&config.default_language)
                .cloned()
                .unwrap_or_else(|| key.clone());
            option.insert("label".into(), label.into());
            option.insert("value".into(), key.clone().into());
            Value::Mapping(option)
        })
        .collect();
    map.insert("options".into(), Value::Sequence(options));
    map.insert("i18n".into(), i18n(false));
}

/// The `slug` field: it names a new page's file. Not required in the form: a page that exists
/// has its file name already, and most do not write `slug` (Decap would refuse to save them);
/// a new page without it is refused by Decap, which names its file from it.
fn slug(map: &mut Mapping, config: &Config) {
    map.insert("required".into(), false.into());
    let label = if chinese(config) {
        "网址名"
    } else {
        "URL name"
    };
    map.insert("label".into(), label.into());
    let message = if chinese(config) {
        "只用小写英文字母、数字和连字符，如 pct-route"
    } else {
        "lower-case letters, digits and hyphens only, e.g. pct-route"
    };
    let pattern = vec![Value::from(SLUG_PATTERN), Value::from(message)];
    map.insert("pattern".into(), Value::Sequence(pattern));
    let hint = if chinese(config) {
        "新建页面时必填：网址的最后一段，也是文件名；建好后不要再改"
    } else {
        "Needed for a new page: the last segment of the URL and the file's name; do not change it once created"
    };
    map.insert("hint".into(), hint.into());
}

/// `true` when each language has its own value, `duplicate` when the languages share one.
fn i18n(translated: bool) -> Value {
    if translated {
        true.into()
    } else {
        "duplicate".into()
    }
}

fn hidden(name: &str, value: &str) -> Value {
    let mut map = Mapping::new();
    map.insert("name".into(), name.into());
    map.insert("label".into(), name.into());
    map.insert("widget".into(), "hidden".into());
    map.insert("default".into(), value.into());
    map.insert("i18n".into(), i18n(false));
    Value::Mapping(map)
}

/// The Markdown body, in each language its own.
fn body(config: &Config) -> Value {
    let mut map = Mapping::new();
    map.insert("name".into(), "body".into());
    let label = if chinese(config) { "正文" } else { "Body" };
    map.insert("label".into(), label.into());
    map.insert("widget".into(), "markdown".into());
    map.insert("required".into(), false.into());
    map.insert("i18n".into(), true.into());
    Value::Mapping(map)
}

/// A built-in field's label: the first words of its description when they are short enough to
/// be a label (`标题`, `发布日期`, `Publication date`), else its name.
fn label(field: &Field, config: &Config) -> String {
    let description = describe(field, config);
    let first = description
        .split(['，', '（', '：', ',', '(', ':'])
        .next()
        .unwrap_or(description)
        .trim();
    let short = if chinese(config) {
        first.chars().count() <= 8
    } else {
        first.split_whitespace().count() <= 4
    };
    if short && !first.contains('`') && !first.is_empty() {
        first.to_string()
    } else {
        field.name.to_string()
    }
}

fn taxonomy_label(taxonomy: &Taxonomy, config: &Config) -> String {
    taxonomy
        .label
        .get(&config.default_language)
        .cloned()
        .unwrap_or_else(|| taxonomy.name.clone())
}
