//! Front matter text → [`FrontMatter`]: the type first (it decides which fields are allowed),
//! then each field — a built-in one by the handling its [`fields::FIELDS`] entry calls for, a
//! taxonomy's terms, or a field of the content type —, then the required fields.

use serde_json::Value;

use super::reader::Reader;
use super::{FieldError, FrontMatter, Kind, SortBy, TermRef};
use crate::base::diagnostics::{Code, did_you_mean};
use crate::base::locate::Step;
use crate::config::Config;
use crate::config::fields::{self, Core};
use crate::msg;

/// Content types whose items are sections rather than pages.
const SECTION_TYPES: [&str; 1] = ["course"];

/// Reads front matter text (starting on line 2 of its file) of a page or section whose type is
/// `inherited_type` unless the front matter says otherwise. Returns what could be read and every
/// problem found.
pub fn read(
    yaml: &str,
    kind: Kind,
    inherited_type: &str,
    config: &Config,
) -> (FrontMatter, Vec<FieldError>) {
    let mut fm = FrontMatter::default();
    let map = match parse_map(yaml) {
        Ok(map) => map,
        Err(e) => return (fm, vec![e]),
    };
    let mut reader = Reader::new(yaml);
    let type_name = type_name(&map, inherited_type, config, &mut reader);
    // A section's own fields and requirements are those of its type only when the section *is*
    // an item of that type (a course); a `type: guide` section merely lists guides.
    let own_type = match kind {
        Kind::Page => Some(type_name.as_str()),
        Kind::Section => SECTION_TYPES.iter().copied().find(|t| *t == type_name),
    };
    let type_fields = own_type
        .and_then(|t| config.types.get(t))
        .map(|t| t.fields.clone())
        .unwrap_or_default();
    for (key, value) in &map {
        let Some(key) = key.as_str() else {
            reader.error_at_line(
                Code::FrontMatterSyntax,
                2,
                msg!("front_matter.key_not_text"),
                None,
            );
            continue;
        };
        reader.field(&mut fm, kind, key, value, &type_fields, config);
    }
    check_required(&map, own_type, config, &mut reader);
    fm.content_type = map
        .get("type")
        .and_then(|v| v.as_str())
        .filter(|t| config.types.contains_key(*t))
        .map(str::to_string);
    (fm, reader.finish())
}

/// The front matter as a YAML map (empty front matter is an empty map).
fn parse_map(yaml: &str) -> Result<serde_yaml::Mapping, FieldError> {
    let value =
        crate::base::yaml::parse::<serde_yaml::Value>(yaml, crate::base::yaml::FRONT_MATTER)
            .map_err(
                |crate::base::yaml::Error {
                     line,
                     column,
                     message,
                 }| {
                    let mut e = FieldError::new(
                        Code::FrontMatterSyntax,
                        line + 1,
                        msg!("front_matter.invalid_yaml", message),
                    );
                    e.column = column;
                    e
                },
            )?;
    match value {
        serde_yaml::Value::Mapping(map) => Ok(map),
        serde_yaml::Value::Null => Ok(Default::default()),
        _ => Err(FieldError::new(
            Code::FrontMatterSyntax,
            2,
            msg!("front_matter.not_a_map"),
        )),
    }
}

/// The `type` the front matter names, else `inherited_type`; an unknown type is an error.
fn type_name(
    map: &serde_yaml::Mapping,
    inherited_type: &str,
    config: &Config,
    reader: &mut Reader,
) -> String {
    match map.get("type").and_then(|v| v.as_str()) {
        Some(t) if config.types.contains_key(t) => t.to_string(),
        Some(t) => {
            let help = did_you_mean(t, config.types.keys().map(String::as_str));
            reader.error(
                Code::FrontMatterInvalidValue,
                "type",
                msg!(
                    "front_matter.unknown_type",
                    t,
                    expected = list(config.types.keys().map(String::as_str))
                ),
                help.map(|name| msg!("diagnostic.did_you_mean", name)),
            );
            inherited_type.to_string()
        }
        None => inherited_type.to_string(),
    }
}

/// `title`, and the fields `[types.<own_type>] required` lists.
fn check_required(
    map: &serde_yaml::Mapping,
    own_type: Option<&str>,
    config: &Config,
    reader: &mut Reader,
) {
    if !map.contains_key("title") {
        reader.error_at_line(
            Code::FrontMatterMissingField,
            1,
            msg!("front_matter.missing_title"),
            Some(msg!("front_matter.missing_title_help")),
        );
    }
    let Some((type_name, t)) = own_type.and_then(|t| Some((t, config.types.get(t)?))) else {
        return;
    };
    for field in &t.required {
        if field != "title" && !has_value(map, field) {
            reader.error_at_line(
                Code::FrontMatterMissingField,
                1,
                msg!("front_matter.missing_field", field, type_name),
                None,
            );
        }
    }
}

fn has_value(map: &serde_yaml::Mapping, field: &str) -> bool {
    match map.get(field) {
        None | Some(serde_yaml::Value::Null) => false,
        Some(serde_yaml::Value::Sequence(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Reader<'_> {
    fn field(
        &mut self,
        fm: &mut FrontMatter,
        kind: Kind,
        key: &str,
        value: &serde_yaml::Value,
        type_fields: &[String],
        config: &Config,
    ) {
        if let Some(core) = fields::find(key).and_then(|f| f.core(kind)) {
            self.core_field(fm, core, key, value);
        } else if kind == Kind::Page && config.taxonomy(key).is_some() {
            let line_of_item = self.item_lines(key);
            let terms = self
                .strings(key, value)
                .into_iter()
                .map(|(index, value)| TermRef {
                    line: line_of_item(index),
                    value,
                })
                .collect();
            fm.taxonomies.insert(key.to_string(), terms);
        } else if type_fields.iter().any(|f| f == key) {
            self.check_urls(key, value);
            match serde_json::to_value(value) {
                Ok(v) => {
                    fm.fields.insert(key.to_string(), v);
                }
                Err(e) => self.error(
                    Code::FrontMatterInvalidValue,
                    key,
                    msg!("front_matter.unreadable_field", key, e),
                    None,
                ),
            }
        } else {
            self.unknown_field(kind, key, type_fields, config);
        }
    }

    /// Reads the built-in field `core` (written as `key`) into `fm`: the handling each entry
    /// of [`fields::FIELDS`] read into `FrontMatter` calls for.
    fn core_field(
        &mut self,
        fm: &mut FrontMatter,
        core: Core,
        key: &str,
        value: &serde_yaml::Value,
    ) {
        match core {
            Core::Title => fm.title = self.string(key, value).unwrap_or_default(),
            Core::Date => fm.date = self.date(key, value),
            Core::Updated => fm.updated = self.date(key, value),
            Core::Summary => fm.summary = self.string(key, value),
            Core::Weight => match value.as_i64() {
                Some(w) => fm.weight = Some(w),
                None => self.wrong_type(key, msg!("front_matter.expected_number"), value),
            },
            Core::Draft => fm.draft = self.bool(key, value),
            Core::Illustrative => fm.illustrative = self.bool(key, value),
            Core::PatentLinks => fm.patent_links = Some(self.bool(key, value)),
            Core::CitedPatents => fm.cited_patents = self.bool(key, value),
            Core::Ipc => fm.ipc = self.ipc_codes(key, value),
            Core::Slug => fm.slug = self.string(key, value).filter(|s| self.valid_slug(s)),
            Core::Aliases => {
                fm.aliases = self
                    .strings(key, value)
                    .into_iter()
                    .map(|(_, s)| s)
                    .collect();
            }
            Core::Template => fm.template = self.string(key, value),
            Core::Search => fm.no_search = !self.bool(key, value),
            Core::Type => {} // read before the other fields: it decides which fields are allowed
            Core::Extra => match serde_json::to_value(value) {
                Ok(v @ Value::Object(_)) => fm.extra = v,
                _ => self.wrong_type(key, msg!("front_matter.expected_map"), value),
            },
            Core::SortBy => fm.sort_by = self.sort_by(key, value),
            Core::PaginateBy => match value.as_u64().filter(|n| *n > 0) {
                Some(n) => fm.paginate_by = Some(n as usize),
                None => self.wrong_type(key, msg!("front_matter.expected_positive"), value),
            },
        }
    }

    fn sort_by(&mut self, key: &str, value: &serde_yaml::Value) -> Option<SortBy> {
        match value.as_str() {
            Some("date") => Some(SortBy::Date),
            Some("weight") => Some(SortBy::Weight),
            Some("title") => Some(SortBy::Title),
            _ => {
                self.wrong_type(key, msg!("front_matter.expected_sort_by"), value);
                None
            }
        }
    }

    /// Checks every URL in the type field `key` (its own value, when it is a URL field, and the
    /// URL fields of the maps inside it: a session's `online`, a material's `file`).
    fn check_urls(&mut self, key: &str, value: &serde_yaml::Value) {
        let mut urls = Vec::new();
        collect_urls(&mut vec![Step::Key(key)], value, &mut urls);
        for (path, url) in urls {
            let Err(message) = url.map_or(Ok(()), crate::base::safe_url::check) else {
                continue;
            };
            let line = if self.only_counting() {
                self.line_of(key)
            } else {
                self.line(&path)
            };
            let name = match path.last() {
                Some(Step::Key(name)) => name,
                _ => key,
            };
            self.error_at_line(
                Code::UrlUnsafe,
                line,
                msg!("front_matter.unsafe_url", name, message),
                Some(msg!("front_matter.unsafe_url_help")),
            );
        }
    }

    fn ipc_codes(&mut self, key: &str, value: &serde_yaml::Value) -> Vec<TermRef> {
        let mut codes = Vec::new();
        let line_of_item = self.item_lines(key);
        for (index, written) in self.strings(key, value) {
            let line = line_of_item(index);
            match crate::ip::ipc::parse(&written) {
                Some(code) => codes.push(TermRef {
                    value: code.display(),
                    line,
                }),
                None => self.error_at_line(
                    Code::FrontMatterInvalidValue,
                    line,
                    msg!("front_matter.not_ipc", written),
                    Some(msg!("front_matter.not_ipc_help")),
                ),
            }
        }
        codes
    }

    fn valid_slug(&mut self, slug: &str) -> bool {
        let ok = !slug.is_empty()
            && !slug.contains(['/', '\\', '?', '#', ' '])
            && slug != "."
            && slug != "..";
        if !ok {
            self.error(
                Code::FrontMatterInvalidValue,
                "slug",
                msg!("front_matter.invalid_slug", slug),
                None,
            );
        }
        ok
    }

    fn unknown_field(&mut self, kind: Kind, key: &str, type_fields: &[String], config: &Config) {
        let taxonomies: Vec<&str> = match kind {
            Kind::Page => config.taxonomies.iter().map(|t| t.name.as_str()).collect(),
            Kind::Section => Vec::new(),
        };
        let core: Vec<&str> = fields::core_names(kind).collect();
        let candidates = core
            .iter()
            .copied()
            .chain(taxonomies.iter().copied())
            .chain(type_fields.iter().map(String::as_str));
        let help = match did_you_mean(key, candidates) {
            Some(name) => msg!("front_matter.unknown_field_did_you_mean", name),
            None => msg!("front_matter.unknown_field_help"),
        };
        let message = match kind {
            Kind::Page => msg!("front_matter.unknown_page_field", key),
            Kind::Section => msg!("front_matter.unknown_section_field", key),
        };
        self.error(Code::FrontMatterUnknownField, key, message, Some(help));
    }
}

/// The URL fields in `value`, found at `path`, in the order they are written, each with its
/// path: `value` itself when the last step of `path` names a URL field, and the URL fields of
/// every map at any depth inside it. A URL field that is not text is listed with `None`.
fn collect_urls<'v>(
    path: &mut Vec<Step<'v>>,
    value: &'v serde_yaml::Value,
    urls: &mut Vec<(Vec<Step<'v>>, Option<&'v str>)>,
) {
    let is_url_field = matches!(path.last(), Some(Step::Key(name)) if crate::base::safe_url::URL_FIELDS.contains(name));
    match value {
        serde_yaml::Value::String(s) if is_url_field => urls.push((path.clone(), Some(s))),
        serde_yaml::Value::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(Step::Index(index));
                collect_urls(path, item, urls);
                path.pop();
            }
        }
        serde_yaml::Value::Mapping(map) => {
            for (k, v) in map {
                if let Some(k) = k.as_str() {
                    path.push(Step::Key(k));
                    collect_urls(path, v, urls);
                    path.pop();
                }
            }
        }
        serde_yaml::Value::Tagged(tagged) => collect_urls(path, &tagged.value, urls),
        _ if is_url_field => urls.push((path.clone(), None)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostics::MAX_ERRORS_PER_FILE;
    use crate::config::fields::{FIELDS, Home, ValueKind};

    fn config() -> Config {
        crate::config::parse(
            r#"
base_url = "https://example.org/"
default_language = "zh"
[languages.zh]
name = "中文"
title = "中心"
[types.brief]
required = ["disciplines"]
fields = ["topic", "data"]
[types.course]
fields = ["registration", "sessions"]
[types.report]
fields = ["data"]
[[taxonomies]]
name = "disciplines"
label = { zh = "学科" }
terms.civil-engineering = { zh = "土木工程" }
"#,
        )
        .unwrap()
    }

    #[test]
    fn unknown_field_suggests_the_close_one() {
        let (_, errors) = read("title: x\ndiciplines: [a]\n", Kind::Page, "page", &config());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 3);
        assert!(errors[0].help.as_deref().unwrap().contains("`disciplines`"));
    }

    #[test]
    fn required_fields_and_types_are_checked() {
        let (_, errors) = read("title: x\nweight: heavy\n", Kind::Page, "brief", &config());
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`weight` must be a whole number"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("missing required field `disciplines`"))
        );
    }

    #[test]
    fn type_fields_and_terms_are_kept() {
        let (fm, errors) = read(
            "title: x\ntopic: batteries\ndisciplines:\n  - civil-engineering\n",
            Kind::Page,
            "brief",
            &config(),
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(fm.fields["topic"], "batteries");
        assert_eq!(fm.taxonomies["disciplines"][0].line, 5);
    }

    #[test]
    fn errors_are_capped_with_a_count() {
        let yaml = format!("title: x\naliases: [{}]\n", vec!["[]"; 100].join(", "));
        let (_, errors) = read(&yaml, Kind::Page, "page", &config());
        assert_eq!(errors.len(), MAX_ERRORS_PER_FILE + 1);
        assert_eq!(errors[20].message, "and 80 more errors in this file");
        assert_eq!(errors[20].line, 3);
    }

    #[test]
    fn list_items_are_found_in_order() {
        let yaml = "title: x\nipc:\n  - G06F 16/33\n  - G06F\n  - \"H01M\"\ndisciplines: [a,\n  civil-engineering]\n";
        let (fm, _) = read(yaml, Kind::Page, "page", &config());
        let lines: Vec<usize> = fm.ipc.iter().map(|c| c.line).collect();
        assert_eq!(lines, [4, 5, 6]);
        assert_eq!(fm.taxonomies["disciplines"][1].line, 8);
    }

    #[test]
    fn unsafe_links_are_errors_at_their_line() {
        let yaml = "title: x\nregistration: \" JavaScript:alert(1)\"\nsessions:\n  - date: 2025-10-14\n    online: https://meet.example.org/a\n  - {date: 2025-10-15, online: \"\\tdata:text/html,x\"}\n";
        let (_, errors) = read(yaml, Kind::Section, "course", &config());
        let found: Vec<(Code, usize)> = errors.iter().map(|e| (e.code, e.line)).collect();
        assert_eq!(
            found,
            [(Code::UrlUnsafe, 3), (Code::UrlUnsafe, 7)],
            "{errors:?}"
        );
        assert!(
            errors[0].message.contains("a `JavaScript:` link"),
            "{errors:?}"
        );
    }

    #[test]
    fn yaml_errors_have_file_lines() {
        let (_, errors) = read("title: x\ndate: [\n", Kind::Page, "page", &config());
        assert!(errors[0].message.starts_with("invalid YAML"));
        assert!(errors[0].line >= 3, "{errors:?}");
    }

    /// A value of `kind` that is not the default, and one of the wrong kind.
    fn samples(kind: ValueKind) -> (&'static str, &'static str) {
        match kind {
            ValueKind::Text | ValueKind::Template => ("\"2025 report\"", "{a: 1}"),
            ValueKind::Slug => ("report", "{a: 1}"),
            ValueKind::Date => ("2025-03-01", "March 1"),
            ValueKind::Bool => ("false", "maybe"),
            ValueKind::Integer => ("-3", "heavy"),
            ValueKind::Count => ("5", "0"),
            ValueKind::Choice(words) => (words[1], "nonsense"),
            ValueKind::ContentType => ("guide", "novel"),
            ValueKind::List | ValueKind::Terms(_) => ("[G06F, H01M]", "{a: 1}"),
            ValueKind::Path => ("data.yaml", "{a: 1}"),
            ValueKind::Map(_) => ("{a: 1}", "text"),
            ValueKind::Turnaround => ("5-10 working days", "{a: 1}"),
            ValueKind::Fees => ("{faculty: free}", "text"),
        }
    }

    /// Every built-in field of the table is read: a good value lands in `FrontMatter` (or, for a
    /// field of a type with `data`, in its fields), a value of the wrong kind is an error on the
    /// field's line.
    #[test]
    fn every_field_of_the_table_is_read() {
        let config = config();
        for field in FIELDS {
            let kind = match field.home {
                Home::Section(_) => Kind::Section,
                _ => Kind::Page,
            };
            // `report` has `data` and requires nothing, so a data field alone is a whole page.
            let type_name = match field.home {
                Home::Type(type_name) => type_name,
                _ if field.core(kind).is_some() => "page",
                _ => "report",
            };
            let (good, bad) = samples(field.kind);
            let read_value = |value: &str| {
                let title = if field.name == "title" {
                    ""
                } else {
                    "title: x\n"
                };
                let yaml = format!("{title}{}: {value}\n", field.name);
                read(&yaml, kind, type_name, &config)
            };
            let (fm, errors) = read_value(good);
            assert!(errors.is_empty(), "{}: {errors:?}", field.name);
            let landed = match field.core(kind) {
                Some(_) if field.name == "title" => fm.title == "2025 report",
                Some(_) if field.name == "type" => fm.content_type.as_deref() == Some("guide"),
                Some(_) => {
                    let default = read("title: x\n", kind, type_name, &config).0;
                    // `false` is some flags' default and `true` others'.
                    fm != default
                        || (field.kind == ValueKind::Bool && read_value("true").0 != default)
                }
                None => fm.fields.contains_key(field.name),
            };
            assert!(landed, "{} was not read: {fm:?}", field.name);
            if field.core(kind).is_none() {
                continue; // a type's fields are kept as written, checked where they are used
            }
            let (_, errors) = read_value(bad);
            assert_eq!(errors.len(), 1, "{}: {errors:?}", field.name);
            let line = if field.name == "title" { 2 } else { 3 };
            assert_eq!(errors[0].line, line, "{}: {errors:?}", field.name);
            assert!(
                errors[0].message.contains(field.name) || field.name == "ipc",
                "{errors:?}"
            );
        }
    }

    #[test]
    fn a_field_of_the_other_kind_is_unknown() {
        let (_, errors) = read("title: x\nsort_by: date\n", Kind::Page, "page", &config());
        assert_eq!(errors[0].code, Code::FrontMatterUnknownField, "{errors:?}");
        let (_, errors) = read("title: x\nipc: [G06F]\n", Kind::Section, "page", &config());
        assert_eq!(errors[0].code, Code::FrontMatterUnknownField, "{errors:?}");
    }
}
