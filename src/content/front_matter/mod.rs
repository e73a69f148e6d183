//! Front matter: the YAML between the `---` lines at the top of a content file, read into a typed
//! [`FrontMatter`]. Every problem is reported with the line it is on; unknown fields get a
//! "did you mean".
//!
//! - `split`: a file's bytes → text → front matter and body
//! - `read`: front matter → [`FrontMatter`], each built-in field by the handling its entry in
//!   [`crate::config::fields::FIELDS`] calls for
//! - `reader`: the located reader it uses: values of each kind, errors on the lines the YAML
//!   parser saw them on, capped per file
//!
//! The YAML is parsed by [`crate::base::yaml`], within its limits for front matter.

mod read;
mod reader;
mod split;

use chrono::{DateTime, FixedOffset, NaiveDate};
use indexmap::IndexMap;
use serde_json::{Map, Value};

use crate::base::diagnostics::Code;
use crate::base::messages::Text;
use crate::base::yaml::{FRONT_MATTER, locate};
pub use crate::config::fields::Kind;
pub use read::read;
pub use split::{Split, decode, split};

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
    pub message: Text,
    /// A suggestion, if any.
    pub help: Option<Text>,
}

impl FieldError {
    fn new(code: Code, line: usize, message: Text) -> Self {
        FieldError {
            code,
            line,
            column: 1,
            message,
            help: None,
        }
    }
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

/// The 1-based line of the top-level field `field` in the whole text of a content file, as the
/// YAML parser saw it (1 when the file has no such field).
pub fn field_line(source: &str, field: &str) -> usize {
    let Ok(split) = split(source) else { return 1 };
    // The front matter starts on the file's second line, after `---`.
    locate(split.front_matter, FRONT_MATTER)
        .line(&[field.into()])
        .map_or(1, |line| line + 1)
}

#[cfg(test)]
mod tests {
    use super::field_line;

    #[test]
    fn a_field_is_found_where_the_parser_reads_it() {
        // A comment, a longer key and a nested key of the same name come first.
        let source =
            "---\n# title: not this\ntitles: x\nextra:\n  title: nested\ntitle: y\n---\nbody\n";
        assert_eq!(field_line(source, "title"), 6);
        assert_eq!(field_line(source, "summary"), 1);
        let quoted = "---\n\"summary\": a\n---\n";
        assert_eq!(field_line(quoted, "summary"), 2);
        assert_eq!(field_line("no front matter", "title"), 1);
    }
}
