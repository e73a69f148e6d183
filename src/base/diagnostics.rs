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

pub use super::codes::{Code, Lang};
pub use super::messages::Text;
use crate::msg;

/// How serious a diagnostic is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build cannot produce a correct portal.
    Error,
    /// Worth an editor's attention; the build goes on.
    Warning,
}

/// One problem found in a portal's input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What kind of problem it is.
    pub code: Code,
    /// What is wrong and what was expected.
    pub message: Text,
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
    pub help: Option<Text>,
}

impl Diagnostic {
    /// An error of kind `code`, with no location yet.
    pub fn error(code: Code, message: Text) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A warning of kind `code`, with no location yet.
    pub fn warning(code: Code, message: Text) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: Code, message: Text) -> Self {
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
    pub fn with_help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }

    /// The diagnostic with its message and hint written in `lang`, for the JSON report.
    pub fn localized(&self, lang: Lang) -> Diagnostic {
        Diagnostic {
            message: Text::value(self.message.render(lang)),
            help: self.help.as_ref().map(|h| Text::value(h.render(lang))),
            ..self.clone()
        }
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

    /// [`Diagnostic::render_in`] English.
    pub fn render(&self) -> String {
        self.render_in(Lang::En)
    }

    /// Renders the diagnostic the way compilers do, in `lang`: message, location, the offending
    /// line with a marker under the column, and the hint.
    pub fn render_in(&self, lang: Lang) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = self.message.render(lang);
        let mut group = Group::with_title(level.primary_title(&message).id(self.code.as_str()));
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
                    let note = msg!("diagnostic.in_file", origin).render(lang);
                    group = group.element(Level::NOTE.message(note));
                }
            }
        }
        let help = self.help.as_ref().map(|h| h.render(lang));
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        Renderer::plain().render(&[group]).to_string()
    }
}

impl Diagnostic {
    /// A GitHub Actions workflow command (`::error file=…,line=…::message`), so the finding shows
    /// on the changed line of a pull request.
    pub fn github_annotation(&self, lang: Lang) -> String {
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
            Some(help) => format!("{}\n{}", self.message.render(lang), help.render(lang)),
            None => self.message.render(lang),
        };
        format!(
            "::{command} {}::{}",
            properties.join(","),
            escape_data(&message)
        )
    }
}

/// The JSON report of `ipportal check --format json`. The user guide (`check` chapter) documents every field; a field
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
pub fn render_by_file(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    let mut out = String::new();
    for group in sorted.chunk_by(|a, b| a.file == b.file) {
        let heading = match &group[0].file {
            Some(file) => file.display().to_string(),
            None => msg!("diagnostic.site").render(lang),
        };
        out.push_str(&format!(
            "==> {heading} ({}) <==\n",
            totals(group.iter().copied(), lang)
        ));
        for d in group {
            out.push_str(&d.render_in(lang));
            out.push_str("\n\n");
        }
    }
    out
}

/// `1 error, 2 warnings`, in `lang`.
pub fn totals<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>, lang: Lang) -> String {
    let (errors, warnings) =
        diagnostics.into_iter().fold(
            (0, 0),
            |(e, w), d| if d.is_error() { (e + 1, w) } else { (e, w + 1) },
        );
    let errors = match errors {
        1 => msg!("diagnostic.errors_one"),
        n => msg!("diagnostic.errors", n),
    };
    let warnings = match warnings {
        1 => msg!("diagnostic.warnings_one"),
        n => msg!("diagnostic.warnings", n),
    };
    msg!("diagnostic.totals", errors => errors, warnings => warnings).render(lang)
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
pub fn more_errors(count: usize) -> Text {
    let digits = count.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match count {
        1 => msg!("diagnostic.more_errors_one"),
        _ => msg!("diagnostic.more_errors", count = grouped),
    }
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
        let d = Diagnostic::error(
            Code::FrontMatterUnknownField,
            crate::untranslated!("unknown field `titel`"),
        )
        .in_file("content/a.md")
        .at(source, 2, 1)
        .with_help(crate::untranslated!("did you mean `title`?"));
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
        let d = Diagnostic::error(
            Code::FrontMatterInvalidValue,
            crate::untranslated!("bad value: 50%\nsecond line"),
        )
        .in_file("content/a,b.md")
        .at("x\n", 1, 3)
        .with_help(crate::untranslated!("fix it"));
        assert_eq!(
            d.github_annotation(Lang::En),
            "::error file=content/a%2Cb.md,line=1,col=3,title=front-matter/invalid-value::bad value: 50%25%0Asecond line%0Afix it"
        );
        let w = Diagnostic::warning(
            Code::TranslationMissing,
            crate::untranslated!("no translation"),
        );
        assert_eq!(
            w.github_annotation(Lang::En),
            "::warning title=translation/missing::no translation"
        );
    }

    #[test]
    fn the_text_report_groups_by_file_with_site_wide_findings_first() {
        let source = "---\ntitle: x\n---\n";
        let report = render_by_file(
            &[
                Diagnostic::warning(Code::PageOrphan, crate::untranslated!("b late"))
                    .in_file("content/b.md")
                    .at(source, 2, 1),
                Diagnostic::error(Code::LinkBroken, crate::untranslated!("a"))
                    .in_file("content/a.md")
                    .at(source, 2, 1),
                Diagnostic::warning(Code::PageOrphan, crate::untranslated!("b early"))
                    .in_file("content/b.md")
                    .at(source, 1, 1),
                Diagnostic::error(Code::ConfigInvalid, crate::untranslated!("no site")),
            ],
            Lang::En,
        );
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
