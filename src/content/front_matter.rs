//! Front matter: the YAML between the `---` lines at the top of a content file, read into a typed
//! [`FrontMatter`]. Every problem is reported with the line it is on; unknown fields get a
//! "did you mean".
//!
//! The YAML is parsed by [`crate::base::yaml`], within its limits for front matter.

use chrono::{DateTime, FixedOffset, NaiveDate};
use indexmap::IndexMap;
use serde_json::{Map, Value};

use crate::base::diagnostics::{Code, MAX_ERRORS_PER_FILE, did_you_mean, more_errors};
use crate::config::{Config, PAGE_FIELDS, SECTION_FIELDS};

/// Content types whose items are sections rather than pages.
const SECTION_TYPES: [&str; 1] = ["course"];

/// A content file's text split at its front matter.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML, without the `---` lines.
    pub front_matter: &'a str,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

/// A problem in front matter, located by line in the whole file.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// What kind of problem it is.
    pub code: Code,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
    /// A suggestion, if any.
    pub help: Option<String>,
}

impl FieldError {
    fn new(code: Code, line: usize, message: String) -> Self {
        FieldError {
            code,
            line,
            column: 1,
            message,
            help: None,
        }
    }
}

/// Decodes a content file: UTF-8 required, a byte-order mark dropped, CRLF line endings made LF.
pub fn decode(bytes: Vec<u8>) -> Result<String, FieldError> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        FieldError::new(
            Code::FileEncoding,
            line,
            "file is not valid UTF-8: save it as UTF-8 (GBK and other encodings are not supported)"
                .into(),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}

/// Splits `text` into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, FieldError> {
    if text.trim().is_empty() {
        return Err(FieldError::new(
            Code::FrontMatterSyntax,
            1,
            "empty file: expected front matter between `---` lines with at least a `title`".into(),
        ));
    }
    let Some(rest) = text.strip_prefix("---\n") else {
        return Err(FieldError::new(
            Code::FrontMatterSyntax,
            1,
            "expected the file to start with a `---` line opening the front matter".into(),
        ));
    };
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return Ok(Split {
                front_matter: &rest[..offset],
                body: &rest[body_start..],
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(FieldError::new(
        Code::FrontMatterSyntax,
        1,
        "the front matter opened on this line is never closed: expected a `---` line after it"
            .into(),
    ))
}

/// A date from front matter: a calendar day, with the time of day when one was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The calendar day, for display and sorting.
    pub day: NaiveDate,
    /// The full timestamp, when the front matter gave one.
    pub time: Option<DateTime<FixedOffset>>,
}

impl Date {
    /// RFC 3339 form for feeds and sitemaps (midnight UTC for a bare day).
    pub fn rfc3339(&self) -> String {
        match self.time {
            Some(t) => t.to_rfc3339(),
            None => format!("{}T00:00:00+00:00", self.day.format("%Y-%m-%d")),
        }
    }

    /// `YYYY-MM-DD`.
    pub fn ymd(&self) -> String {
        self.day.format("%Y-%m-%d").to_string()
    }
}

fn parse_date(text: &str) -> Option<Date> {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(Date { day, time: None });
    }
    let time = DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%:z"))
        .ok()?;
    Some(Date {
        day: time.date_naive(),
        time: Some(time),
    })
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// Newest first; undated pages last.
    Date,
    /// Lowest weight first (courses).
    Weight,
    /// Alphabetical.
    Title,
}

/// Whether front matter belongs to a page or to a section's `_index.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A page.
    Page,
    /// A section.
    Section,
}

/// A taxonomy term as written, with its line for error messages.
#[derive(Debug, Clone, PartialEq)]
pub struct TermRef {
    /// The term as written.
    pub value: String,
    /// 1-based line in the file.
    pub line: usize,
}

/// Typed front matter of a page or section.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// The title (required).
    pub title: String,
    /// Publication date.
    pub date: Option<Date>,
    /// Date of the last substantive update.
    pub updated: Option<Date>,
    /// Summary written by the editor.
    pub summary: Option<String>,
    /// Sort weight (lessons, sections).
    pub weight: Option<i64>,
    /// Drafts are left out unless `--drafts`.
    pub draft: bool,
    /// Replaces the last URL segment.
    pub slug: Option<String>,
    /// Old URL paths that redirect here.
    pub aliases: Vec<String>,
    /// Content type given in the file (else inherited from the section).
    pub content_type: Option<String>,
    /// Shows the "illustrative data" banner.
    pub illustrative: bool,
    /// Template to render the page with instead of the type's.
    pub template: Option<String>,
    /// `search: false`: the page is left out of the search index.
    pub no_search: bool,
    /// Free map for templates.
    pub extra: Value,
    /// The type's extra fields declared in `site.toml`.
    pub fields: Map<String, Value>,
    /// Taxonomy name → terms, in taxonomy order.
    pub taxonomies: IndexMap<String, Vec<TermRef>>,
    /// Sections only: page order.
    pub sort_by: Option<SortBy>,
    /// Sections only: items per list page.
    pub paginate_by: Option<usize>,
    /// `patent_links: false` leaves the page's patent numbers unlinked.
    pub patent_links: Option<bool>,
    /// `cited_patents: true` lists the patents cited on the page at its end.
    pub cited_patents: bool,
    /// IPC codes the page is classified under (`ipc: [G06F 16/33]`), normalised.
    pub ipc: Vec<TermRef>,
}

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
    let mut reader = Reader {
        yaml,
        errors: Vec::new(),
        more: 0,
        first_left_out: 1,
    };
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
                "front matter keys must be text".into(),
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
                        format!("invalid YAML in front matter: {message}"),
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
            "front matter must be a map of `field: value` lines".into(),
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
                format!(
                    "unknown content type `{t}`: expected one of {}",
                    list(config.types.keys().map(String::as_str))
                ),
                help.map(|h| format!("did you mean `{h}`?")),
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
            "missing required field `title`".into(),
            Some("add a line `title: ...` to the front matter".into()),
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
                format!(
                    "missing required field `{field}`: a `{type_name}` needs it ([types.{type_name}] required in site.toml)"
                ),
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

struct Reader<'a> {
    yaml: &'a str,
    /// The first [`MAX_ERRORS_PER_FILE`] errors.
    errors: Vec<FieldError>,
    /// How many more were found, and the line of the first of them.
    more: usize,
    first_left_out: usize,
}

impl<'a> Reader<'a> {
    /// The file line of a top-level key (front matter starts on line 2).
    fn line_of(&self, key: &str) -> usize {
        self.yaml
            .lines()
            .position(|l| {
                l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
                    || l.strip_prefix(&format!("\"{key}\"")).is_some()
            })
            .map(|i| i + 2)
            .unwrap_or(1)
    }

    /// Finds the lines of the items of the list under `key`, one after the other.
    fn items(&self, key: &str) -> ItemLines<'a> {
        ItemLines::new(self.yaml, self.line_of(key))
    }

    fn full(&self) -> bool {
        self.errors.len() >= MAX_ERRORS_PER_FILE
    }

    fn error(&mut self, code: Code, key: &str, message: String, help: Option<String>) {
        // Finding the line costs a pass over the text: not for errors only counted.
        let line = if self.full() && self.more > 0 {
            1
        } else {
            self.line_of(key)
        };
        self.error_at_line(code, line, message, help);
    }

    fn error_at_line(&mut self, code: Code, line: usize, message: String, help: Option<String>) {
        if self.full() {
            if self.more == 0 {
                self.first_left_out = line;
            }
            self.more += 1;
            return;
        }
        let mut e = FieldError::new(code, line, message);
        e.help = help;
        self.errors.push(e);
    }

    /// The errors, the ones only counted summed up in a last one.
    fn finish(mut self) -> Vec<FieldError> {
        if self.more > 0 {
            let summary = more_errors(self.more);
            let code = Code::FrontMatterInvalidValue;
            self.errors
                .push(FieldError::new(code, self.first_left_out, summary));
        }
        self.errors
    }

    fn wrong_type(&mut self, key: &str, expected: &str, value: &serde_yaml::Value) {
        self.error(
            Code::FrontMatterInvalidValue,
            key,
            format!(
                "field `{key}` must be {expected}, found {}",
                describe(value)
            ),
            None,
        );
    }

    fn string(&mut self, key: &str, value: &serde_yaml::Value) -> Option<String> {
        match value {
            serde_yaml::Value::String(s) => Some(s.clone()),
            // Numbers in a text field (`title: 2025`) are almost always meant as text.
            serde_yaml::Value::Number(n) => Some(n.to_string()),
            _ => {
                self.wrong_type(key, "text", value);
                None
            }
        }
    }

    fn bool(&mut self, key: &str, value: &serde_yaml::Value) -> bool {
        value.as_bool().unwrap_or_else(|| {
            self.wrong_type(key, "`true` or `false`", value);
            false
        })
    }

    fn date(&mut self, key: &str, value: &serde_yaml::Value) -> Option<Date> {
        let text = self.string(key, value)?;
        let date = parse_date(&text);
        if date.is_none() {
            self.error(
                Code::FrontMatterInvalidValue,
                key,
                format!(
                    "invalid date `{text}` in `{key}`: expected YYYY-MM-DD (e.g. 2025-03-01) or an RFC 3339 date-time (2025-03-01T09:30:00+08:00)"
                ),
                None,
            );
        }
        date
    }

    fn strings(&mut self, key: &str, value: &serde_yaml::Value) -> Vec<String> {
        match value {
            serde_yaml::Value::Sequence(items) => items
                .iter()
                .filter_map(|item| self.string(key, item))
                .collect(),
            serde_yaml::Value::Null => Vec::new(),
            _ => {
                self.wrong_type(key, "a list (e.g. `[a, b]` or `- a` lines)", value);
                Vec::new()
            }
        }
    }

    fn field(
        &mut self,
        fm: &mut FrontMatter,
        kind: Kind,
        key: &str,
        value: &serde_yaml::Value,
        type_fields: &[String],
        config: &Config,
    ) {
        let core: &[&str] = match kind {
            Kind::Page => &PAGE_FIELDS,
            Kind::Section => &SECTION_FIELDS,
        };
        if core.contains(&key) {
            self.core_field(fm, key, value);
        } else if kind == Kind::Page && config.taxonomy(key).is_some() {
            let mut items = self.items(key);
            let terms = self
                .strings(key, value)
                .into_iter()
                .map(|v| TermRef {
                    line: items.line_of(&v),
                    value: v,
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
                    format!("field `{key}` cannot be read: {e}"),
                    None,
                ),
            }
        } else {
            self.unknown_field(kind, key, type_fields, config);
        }
    }

    fn core_field(&mut self, fm: &mut FrontMatter, key: &str, value: &serde_yaml::Value) {
        match key {
            "title" => fm.title = self.string(key, value).unwrap_or_default(),
            "date" => fm.date = self.date(key, value),
            "updated" => fm.updated = self.date(key, value),
            "summary" => fm.summary = self.string(key, value),
            "weight" => match value.as_i64() {
                Some(w) => fm.weight = Some(w),
                None => self.wrong_type(key, "a whole number", value),
            },
            "draft" => fm.draft = self.bool(key, value),
            "illustrative" => fm.illustrative = self.bool(key, value),
            "patent_links" => fm.patent_links = Some(self.bool(key, value)),
            "cited_patents" => fm.cited_patents = self.bool(key, value),
            "ipc" => fm.ipc = self.ipc_codes(key, value),
            "slug" => fm.slug = self.string(key, value).filter(|s| self.valid_slug(s)),
            "aliases" => fm.aliases = self.strings(key, value),
            "template" => fm.template = self.string(key, value),
            "search" => fm.no_search = !self.bool(key, value),
            "type" => {} // read before the other fields: it decides which fields are allowed
            "extra" => match serde_json::to_value(value) {
                Ok(v @ Value::Object(_)) => fm.extra = v,
                _ => self.wrong_type(key, "a map of `name: value` lines", value),
            },
            "sort_by" => {
                fm.sort_by = match value.as_str() {
                    Some("date") => Some(SortBy::Date),
                    Some("weight") => Some(SortBy::Weight),
                    Some("title") => Some(SortBy::Title),
                    _ => {
                        self.wrong_type(key, "one of `date`, `weight`, `title`", value);
                        None
                    }
                }
            }
            "paginate_by" => match value.as_u64().filter(|n| *n > 0) {
                Some(n) => fm.paginate_by = Some(n as usize),
                None => self.wrong_type(key, "a whole number of at least 1", value),
            },
            _ => unreachable!("every core field is matched above"),
        }
    }

    /// Checks every URL in the type field `key` (its own value, when it is a URL field, and the
    /// URL fields of the maps inside it: a session's `online`, a material's `file`).
    fn check_urls(&mut self, key: &str, value: &serde_yaml::Value) {
        let mut urls = Vec::new();
        collect_urls(key, value, &mut urls);
        let mut met: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (name, url) in urls {
            // The n-th `name:` under the field is the n-th one met in the walk (block or flow).
            let count = met.entry(name).or_default();
            let nth = *count;
            *count += 1;
            let Err(message) = url.map_or(Ok(()), crate::base::safe_url::check) else {
                continue;
            };
            // Finding a line scans the text: done only for the errors that are shown.
            let line = if self.full() && self.more > 0 {
                self.first_left_out
            } else if name == key {
                self.line_of(key)
            } else {
                self.line_of_nested(key, name, nth)
            };
            self.error_at_line(
                Code::UrlUnsafe,
                line,
                format!("`{name}`: {message}"),
                Some("links from front matter may not run script or embed data: write the address of a page or file".into()),
            );
        }
    }

    /// The line of the `nth` (0-based) `name:` under the top-level `key`, else `key`'s line.
    fn line_of_nested(&self, key: &str, name: &str, nth: usize) -> usize {
        let start = self.line_of(key).saturating_sub(2);
        let needle = format!("{name}:");
        self.yaml
            .lines()
            .enumerate()
            .skip(start)
            .flat_map(|(i, l)| std::iter::repeat_n(i, l.matches(&needle).count()))
            .nth(nth)
            .map_or(start + 2, |i| i + 2)
    }

    fn ipc_codes(&mut self, key: &str, value: &serde_yaml::Value) -> Vec<TermRef> {
        let mut codes = Vec::new();
        let written_codes = self.strings(key, value);
        let mut items = self.items(key);
        for written in written_codes {
            let line = items.line_of(&written);
            match crate::ip::ipc::parse(&written) {
                Some(code) => codes.push(TermRef {
                    value: code.display(),
                    line,
                }),
                None => self.error_at_line(
                    Code::FrontMatterInvalidValue,
                    line,
                    format!("`{written}` is not an IPC code"),
                    Some(
                        "write a subclass (`G06F`) or a group (`G06F 16/33`), sections A–H".into(),
                    ),
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
                format!("invalid slug `{slug}`: expected one URL segment without `/`, spaces, `?` or `#`"),
                None,
            );
        }
        ok
    }

    fn unknown_field(&mut self, kind: Kind, key: &str, type_fields: &[String], config: &Config) {
        let core: &[&str] = match kind {
            Kind::Page => &PAGE_FIELDS,
            Kind::Section => &SECTION_FIELDS,
        };
        let taxonomies: Vec<&str> = match kind {
            Kind::Page => config.taxonomies.iter().map(|t| t.name.as_str()).collect(),
            Kind::Section => Vec::new(),
        };
        let candidates = core
            .iter()
            .copied()
            .chain(taxonomies.iter().copied())
            .chain(type_fields.iter().map(String::as_str));
        let help = match did_you_mean(key, candidates) {
            Some(s) => format!("did you mean `{s}`? Free values go under `extra:`"),
            None => "free values go under `extra:`; fields of a content type are declared in site.toml under [types.<type>] fields".into(),
        };
        let what = match kind {
            Kind::Page => "page",
            Kind::Section => "section",
        };
        self.error(
            Code::FrontMatterUnknownField,
            key,
            format!("unknown {what} field `{key}`"),
            Some(help),
        );
    }
}

/// The lines of a list's items: each item is searched for in the text after the one before, so
/// a list of any length costs one pass, and `- G06F` is not found inside the `G06F 16/33` above
/// it. An item not found as written (escaped, a number spelled otherwise) gets the key's line;
/// after a few of those the rest do too, so that no list costs a pass per item.
struct ItemLines<'a> {
    /// The rest of the text to search.
    rest: &'a str,
    /// The 1-based file line on which `rest` starts.
    line: usize,
    /// The file line of the list's key.
    key_line: usize,
    misses: usize,
}

impl<'a> ItemLines<'a> {
    const MAX_MISSES: usize = 8;

    /// Items searched from after the `:` of the key on `key_line` (1 when the key is not found).
    fn new(yaml: &'a str, key_line: usize) -> Self {
        let mut rest = yaml;
        for _ in 2..key_line {
            rest = rest.split_once('\n').map_or("", |(_, after)| after);
        }
        if key_line > 1 {
            rest = rest.split_once(':').map_or(rest, |(_, after)| after);
        }
        ItemLines {
            rest,
            line: key_line.max(2),
            key_line,
            misses: 0,
        }
    }

    fn line_of(&mut self, item: &str) -> usize {
        if item.is_empty() || self.misses >= Self::MAX_MISSES {
            return self.key_line;
        }
        let Some(at) = self.rest.find(item) else {
            self.misses += 1;
            return self.key_line;
        };
        self.line += self.rest[..at].matches('\n').count();
        let line = self.line;
        self.line += item.matches('\n').count();
        self.rest = &self.rest[at + item.len()..];
        line
    }
}

/// The URL fields in `value`, found under `name`, in the order they are written: `value` itself
/// when `name` is a URL field, and the URL fields of every map at any depth inside it. A field
/// that is not text is listed with `None` (it still counts when finding the line of the next).
fn collect_urls<'v>(
    name: &'v str,
    value: &'v serde_yaml::Value,
    urls: &mut Vec<(&'v str, Option<&'v str>)>,
) {
    let is_url_field = crate::base::safe_url::URL_FIELDS.contains(&name);
    match value {
        serde_yaml::Value::String(s) if is_url_field => urls.push((name, Some(s))),
        serde_yaml::Value::Sequence(items) => {
            for item in items {
                collect_urls(name, item, urls);
            }
        }
        serde_yaml::Value::Mapping(map) => {
            for (k, v) in map {
                if let Some(k) = k.as_str() {
                    collect_urls(k, v, urls);
                }
            }
        }
        serde_yaml::Value::Tagged(tagged) => collect_urls(name, &tagged.value, urls),
        _ if is_url_field => urls.push((name, None)),
        _ => {}
    }
}

fn describe(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::Null => "nothing".into(),
        serde_yaml::Value::Bool(b) => format!("`{b}`"),
        serde_yaml::Value::Number(n) => format!("the number {n}"),
        serde_yaml::Value::String(s) => format!("the text `{s}`"),
        serde_yaml::Value::Sequence(_) => "a list".into(),
        serde_yaml::Value::Mapping(_) => "a map".into(),
        serde_yaml::Value::Tagged(_) => "a tagged value".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
fields = ["topic"]
[types.course]
fields = ["registration", "sessions"]
[[taxonomies]]
name = "disciplines"
label = { zh = "学科" }
terms.civil-engineering = { zh = "土木工程" }
"#,
        )
        .unwrap()
    }

    #[test]
    fn split_handles_body_lines_and_missing_close() {
        let s = split("---\ntitle: a\n---\nbody\n").unwrap();
        assert_eq!(s.front_matter, "title: a\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
        assert!(
            split("---\ntitle: a\n")
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(split("").unwrap_err().message.contains("empty file"));
        assert!(split("# no front matter").is_err());
    }

    #[test]
    fn decode_strips_bom_and_crlf_and_rejects_bad_utf8() {
        assert_eq!(
            decode(b"\xef\xbb\xbf---\r\na\r\n".to_vec()).unwrap(),
            "---\na\n"
        );
        let err = decode(b"---\ntitle: \xff\n".to_vec()).unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn dates_are_validated() {
        assert!(parse_date("2025-03-01").is_some());
        assert!(parse_date("2025-03-01T09:30:00+08:00").is_some());
        assert!(parse_date("2025-02-30").is_none());
        assert!(parse_date("March 1").is_none());
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
}
