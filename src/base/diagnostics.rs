//! Errors and warnings about a portal's input, each with the file, line and column it concerns.
//!
//! Every stage collects its problems as [`Diagnostic`]s instead of stopping at the first one, so a
//! single run reports everything an editor has to fix. Each carries a [`Code`] naming the kind of
//! problem, stable across versions, so CI can filter on it. The CLI renders them as text (with the
//! offending line underlined), as JSON ([`CheckReport`]) or as GitHub Actions annotations.

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

/// How serious a diagnostic is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build cannot produce a correct portal.
    Error,
    /// Worth an editor's attention; the build goes on.
    Warning,
}

/// Declares [`Code`] with its name and meaning in one table, so the list of codes documents
/// itself (the README's table is checked against [`Code::ALL`]).
macro_rules! codes {
    ($($variant:ident = $name:literal: $meaning:literal,)+) => {
        /// The kind of a diagnostic: a stable name such as `link/broken`, shown in every output
        /// format. Codes are never renamed; new ones may be added.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $meaning] $variant,)+
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &[Code] = &[$(Code::$variant,)+];

            /// The stable name (`link/broken`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)+
                }
            }

            /// One line saying what the code means.
            pub fn meaning(self) -> &'static str {
                match self {
                    $(Code::$variant => $meaning,)+
                }
            }
        }
    };
}

codes! {
    ConfigInvalid = "config/invalid": "site.toml cannot be read or has a wrong or missing setting (also a bad `--base-url`)",
    ContentMissing = "content/missing": "the portal has no content/ folder",
    FileUnreadable = "file/unreadable": "a file or folder cannot be read",
    FileEncoding = "file/encoding": "a file or file name is not valid UTF-8",
    FileSymlink = "file/symlink": "a symbolic link in content/, static/ or a theme, which is not followed",
    FileName = "file/name": "a content file name that cannot be placed (such as an unknown language suffix)",
    FrontMatterSyntax = "front-matter/syntax": "the front matter is missing, not closed, not a map, not valid YAML, too large or too deeply nested",
    FrontMatterUnknownField = "front-matter/unknown-field": "a front matter field that the page, section or content type does not have",
    FrontMatterMissingField = "front-matter/missing-field": "a required front matter field is missing",
    FrontMatterInvalidValue = "front-matter/invalid-value": "a front matter field has a value of the wrong kind (a date, number, slug, IPC code, session…)",
    TaxonomyUnknownTerm = "taxonomy/unknown-term": "a term that is not in the taxonomy's vocabulary in site.toml",
    UrlDuplicate = "url/duplicate": "two pages or sections have the same URL or alias, or an alias or static file lands on a generated page",
    UrlUnsafe = "url/unsafe": "a URL in front matter or data uses a scheme other than http:, https:, mailto:, tel: or a relative URL (such as `javascript:`)",
    LinkBroken = "link/broken": "an `@/` link names no page or section under content/",
    LinkAnchor = "link/anchor": "an `@/…#anchor` link names a heading the target does not have",
    ImageMissing = "image/missing": "an image a page shows (Markdown `![…](x.png)` or `figure`) does not exist or is on another host",
    AttachmentMissing = "attachment/missing": "a file named by `download` does not exist or is on another host",
    ShortcodeUnknown = "shortcode/unknown": "a shortcode name that does not exist",
    ShortcodeInvalid = "shortcode/invalid": "a shortcode that is malformed, unpaired, or has a wrong argument",
    DataInvalid = "data/invalid": "a brief's data file is missing or invalid, or illustrative while its page is not",
    DataExport = "data/export": "a brief's raw export has rows that are not counted as written (a malformed date, number or code, a missing value) or legal-status words with no mapping",
    ThemeMissing = "theme/missing": "the theme folder named in site.toml does not exist",
    TemplateMissing = "template/missing": "a template the portal needs is in neither the theme nor templates/",
    TemplateError = "template/error": "a template does not compile or fails while rendering a page",
    StringsInvalid = "strings/invalid": "an interface strings file (i18n/) is invalid or lacks a string",
    AssetInvalid = "asset/invalid": "`build --minify`: a stylesheet or script does not parse (or is not UTF-8 text), so it cannot be minified",
    OutputWrite = "output/write": "the output cannot be written",
    OutputUnsafe = "output/unsafe": "the output folder holds files ipportal did not write, or is the portal, one of its source folders or a folder inside one",
    OutputLocked = "output/locked": "another build is writing into the same output folder",
    ServeFailed = "serve/failed": "the preview server cannot start or watch the files",
    NewNotEmpty = "new/not-empty": "`ipportal new` was given a folder that is not empty",
    NewExists = "new/exists": "`ipportal new <type> PATH`: a file it would write exists (it never overwrites one)",
    NewInvalid = "new/invalid": "`ipportal new <type> PATH`: an unknown type or language, a PATH outside content/, a lesson outside a course, or an unknown placeholder in an archetype",
    TranslationMissing = "translation/missing": "a page has no version in one of the portal's languages",
    TitleDuplicate = "title/duplicate": "two pages of one section have the same title",
    PageOrphan = "page/orphan": "no other page links to the page and no list reaches it",
    SummaryTooLong = "summary/too-long": "a summary is longer than `[check] summary_max`",
    ExternalBroken = "external/broken": "`check --external`: a link to another site is certainly broken (404/410, no such host, malformed URL)",
    ExternalMoved = "external/moved": "`check --external`: a link to another site has moved permanently (301/308) to a page that works",
    ExternalUnverified = "external/unverified": "`check --external`: a link to another site could not be confirmed (refused, rate limited, too slow, unreachable, a redirect loop)",
    ExternalOffline = "external/offline": "`check --external`: no server answered at all, so the machine seems to have no network",
    ExternalCache = "external/cache": "`check --external`: the link cache `.ipportal/link-cache.json` cannot be written",
    ImageNoAlt = "image/no-alt": "an image without alternative text (Markdown `![](x.png)`, a figure's empty `alt`)",
    HeadingSkipped = "heading/skipped-level": "a heading level is skipped in a body (`##` then `####`; the page title is the h1)",
    LinkVagueText = "link/vague-text": "link text that says nothing out of context (\"点击这里\", \"click here\", \"more\")",
    ChartNoDescription = "chart/no-description": "a figure (a chart, a diagram) has no caption saying what it shows",
    ServiceIncomplete = "service/incomplete": "a service does not say what the user receives (`deliverables`), how long it takes (`turnaround`), what it costs (`fees`) or how to ask for it (`request`)",
    ServiceStale = "service/stale": "a service's `reviewed` date is more than `[services] review_months` ago",
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a portal's input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What kind of problem it is.
    pub code: Code,
    /// What is wrong and what was expected.
    pub message: String,
    /// The file concerned, relative to the portal root when it is inside it.
    pub file: Option<PathBuf>,
    /// 1-based line in `file`.
    pub line: Option<usize>,
    /// 1-based column (in characters) in `line`.
    pub column: Option<usize>,
    /// The text of the offending line, shown under the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<String>,
    /// A hint, such as "did you mean `disciplines`?".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error of kind `code`, with no location yet.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message.into())
    }

    /// A warning of kind `code`, with no location yet.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message.into())
    }

    fn new(severity: Severity, code: Code, message: String) -> Self {
        Diagnostic {
            severity,
            code,
            message,
            file: None,
            line: None,
            column: None,
            source_line: None,
            help: None,
        }
    }

    /// Names the file the diagnostic is about.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Points at `line` (1-based) and `column` of `source`, the whole text of the file, and keeps
    /// that line to show it.
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column.max(1));
        self.source_line = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    /// [`Diagnostic::at`] when only the line's text is at hand.
    pub fn at_line(mut self, line: usize, column: usize, line_text: &str) -> Self {
        self.line = Some(line);
        self.column = Some(column.max(1));
        self.source_line = Some(line_text.trim_end_matches('\r').to_string());
        self
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, as far as known.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?.display().to_string();
        Some(match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => file,
        })
    }

    /// Renders the diagnostic the way compilers do: message, location, the offending line with a
    /// marker under the column, and the hint.
    pub fn render(&self) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group =
            Group::with_title(level.primary_title(&self.message).id(self.code.as_str()));
        let origin = self.location();
        let file = self.file.as_ref().map(|f| f.display().to_string());
        match (&self.source_line, self.line, &file) {
            (Some(text), Some(line), Some(file)) => {
                let span = marker_span(text, self.column.unwrap_or(1));
                group = group.element(
                    Snippet::source(text.as_str())
                        .line_start(line)
                        .path(file.as_str())
                        .annotation(AnnotationKind::Primary.span(span)),
                );
            }
            _ => {
                if let Some(origin) = &origin {
                    group = group.element(Level::NOTE.message(format!("in {origin}")));
                }
            }
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        Renderer::plain().render(&[group]).to_string()
    }
}

impl Diagnostic {
    /// A GitHub Actions workflow command (`::error file=…,line=…::message`), so the finding shows
    /// on the changed line of a pull request.
    pub fn github_annotation(&self) -> String {
        let command = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = Vec::new();
        if let Some(file) = &self.file {
            properties.push(format!(
                "file={}",
                escape_property(&file.display().to_string())
            ));
        }
        if let Some(line) = self.line {
            properties.push(format!("line={line}"));
        }
        if let Some(column) = self.column {
            properties.push(format!("col={column}"));
        }
        properties.push(format!("title={}", escape_property(self.code.as_str())));
        let message = match &self.help {
            Some(help) => format!("{}\n{help}", self.message),
            None => self.message.clone(),
        };
        format!(
            "::{command} {}::{}",
            properties.join(","),
            escape_data(&message)
        )
    }
}

/// The JSON report of `ipportal check --format json`. The README documents every field; a field
/// is only ever added, and [`CheckReport::SCHEMA_VERSION`] goes up if one changes meaning.
#[derive(Debug, Serialize)]
pub struct CheckReport<'a> {
    /// [`CheckReport::SCHEMA_VERSION`].
    pub schema_version: u32,
    /// How many diagnostics are errors.
    pub errors: usize,
    /// How many are warnings.
    pub warnings: usize,
    /// Every finding, sorted by file, line and column.
    pub diagnostics: &'a [Diagnostic],
}

impl<'a> CheckReport<'a> {
    /// The version of the JSON schema.
    pub const SCHEMA_VERSION: u32 = 1;

    /// The report of `diagnostics`.
    pub fn new(diagnostics: &'a [Diagnostic]) -> Self {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        CheckReport {
            schema_version: Self::SCHEMA_VERSION,
            errors,
            warnings: diagnostics.len() - errors,
            diagnostics,
        }
    }
}

/// Escaping GitHub's workflow commands require in messages.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping GitHub's workflow commands require in properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location() {
            Some(loc) => write!(f, "{loc}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The byte range to underline: from the column to the end of the word there, or the whole line
/// when the column is at its start.
fn marker_span(text: &str, column: usize) -> std::ops::Range<usize> {
    let start = text
        .char_indices()
        .nth(column - 1)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    if column == 1 {
        let indent = text.len() - text.trim_start().len();
        return indent..text.trim_end().len().max(indent);
    }
    let end = text[start..]
        .find(|c: char| c.is_whitespace() || ")]>,，。；".contains(c))
        .map(|n| start + n)
        .unwrap_or(text.len());
    start..end.max(start)
}

/// The text report of `check`: diagnostics grouped under one heading per file, in file then line
/// order, each rendered with its offending line; those about no file come first, under `site`.
pub fn render_by_file(diagnostics: &[Diagnostic]) -> String {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    let mut out = String::new();
    for group in sorted.chunk_by(|a, b| a.file == b.file) {
        let heading = match &group[0].file {
            Some(file) => file.display().to_string(),
            None => "site".to_string(),
        };
        out.push_str(&format!(
            "==> {heading} ({}) <==\n",
            totals(group.iter().copied())
        ));
        for d in group {
            out.push_str(&d.render());
            out.push_str("\n\n");
        }
    }
    out
}

/// `1 error, 2 warnings`.
pub fn totals<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> String {
    let (errors, warnings) =
        diagnostics.into_iter().fold(
            (0, 0),
            |(e, w), d| if d.is_error() { (e + 1, w) } else { (e, w + 1) },
        );
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// Orders diagnostics by file, line and column so a run's report is stable, and drops repeats
/// (the same broken link twice on one line is one problem).
pub fn sort_and_dedup(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
    });
    diagnostics.dedup();
}

/// `path` relative to `root` when it is inside it, for messages an editor can click.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The errors of one file's front matter or data reported in full; the others are only counted,
/// in one last line ([`more_errors`]), so that a file of 200,000 bad rows gives a short report.
pub const MAX_ERRORS_PER_FILE: usize = 20;

/// The line that ends a capped report: "and 199,980 more errors in this file".
pub fn more_errors(count: usize) -> String {
    let digits = count.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let what = if count == 1 { "error" } else { "errors" };
    format!("and {grouped} more {what} in this file")
}

/// The closest of `candidates` to `word`, when one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_shows_location_line_and_help() {
        let source = "---\ntitel: Hello\n---\n";
        let d = Diagnostic::error(Code::FrontMatterUnknownField, "unknown field `titel`")
            .in_file("content/a.md")
            .at(source, 2, 1)
            .with_help("did you mean `title`?");
        let text = d.render();
        assert!(
            text.starts_with("error[front-matter/unknown-field]: unknown field `titel`"),
            "{text}"
        );
        assert!(text.contains("content/a.md:2:1"), "{text}");
        assert!(text.contains("titel: Hello"), "{text}");
        assert!(text.contains("did you mean `title`?"), "{text}");
    }

    #[test]
    fn github_annotations_escape_their_special_characters() {
        let d = Diagnostic::error(Code::FrontMatterInvalidValue, "bad value: 50%\nsecond line")
            .in_file("content/a,b.md")
            .at("x\n", 1, 3)
            .with_help("fix it");
        assert_eq!(
            d.github_annotation(),
            "::error file=content/a%2Cb.md,line=1,col=3,title=front-matter/invalid-value::bad value: 50%25%0Asecond line%0Afix it"
        );
        let w = Diagnostic::warning(Code::TranslationMissing, "no translation");
        assert_eq!(
            w.github_annotation(),
            "::warning title=translation/missing::no translation"
        );
    }

    #[test]
    fn the_text_report_groups_by_file_with_site_wide_findings_first() {
        let source = "---\ntitle: x\n---\n";
        let report = render_by_file(&[
            Diagnostic::warning(Code::PageOrphan, "b late")
                .in_file("content/b.md")
                .at(source, 2, 1),
            Diagnostic::error(Code::LinkBroken, "a")
                .in_file("content/a.md")
                .at(source, 2, 1),
            Diagnostic::warning(Code::PageOrphan, "b early")
                .in_file("content/b.md")
                .at(source, 1, 1),
            Diagnostic::error(Code::ConfigInvalid, "no site"),
        ]);
        let order: Vec<&str> = [
            "==> site (1 error, 0 warnings) <==",
            "error[config/invalid]: no site",
            "==> content/a.md (1 error, 0 warnings) <==",
            "error[link/broken]: a",
            "==> content/b.md (0 errors, 2 warnings) <==",
            "b early",
            "b late",
        ]
        .into_iter()
        .collect();
        let positions: Vec<usize> = order
            .iter()
            .map(|needle| {
                report
                    .find(needle)
                    .unwrap_or_else(|| panic!("{needle} in {report}"))
            })
            .collect();
        assert!(positions.is_sorted(), "{report}");
        assert_eq!(report.matches("==> ").count(), 3, "{report}");
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        let names: std::collections::HashSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), Code::ALL.len());
        for name in names {
            let (area, kind) = name.split_once('/').expect("area/kind");
            for part in [area, kind] {
                assert!(
                    !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn did_you_mean_finds_typos_only() {
        let fields = ["title", "date", "disciplines"];
        assert_eq!(did_you_mean("dicsiplines", fields), Some("disciplines"));
        assert_eq!(did_you_mean("zzz", fields), None);
    }

    #[test]
    fn marker_span_never_panics_past_the_end() {
        assert_eq!(marker_span("abc", 10), 3..3);
        assert_eq!(marker_span("", 1), 0..0);
        assert_eq!(marker_span("  中文 x", 3), 2..8);
    }
}
