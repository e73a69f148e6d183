//! Shortcodes: `{{< name key="value" >}}` in Markdown, for what Markdown cannot say — callout
//! boxes, figures with captions, downloads with their size, glossary terms, text where patent
//! numbers must not be linked.
//!
//! Before the Markdown is parsed, each shortcode outside code is replaced by a placeholder of
//! exactly the same length: an HTML comment when the shortcode has its line to itself (so it
//! is an HTML block and the Markdown after it is parsed as usual), an inline tag `<sc   >`
//! otherwise. Every byte offset stays where it was, so errors point at the right line and
//! column. After parsing, [`expand`] replaces each placeholder by the shortcode's HTML.

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};

use crate::base::diagnostics::{Code, did_you_mean};
use crate::base::i18n::Strings;
use crate::base::text::escape_html;

/// A shortcode's name, arguments (required ones first) and whether it wraps text.
struct Definition {
    name: &'static str,
    required: &'static [&'static str],
    optional: &'static [&'static str],
    paired: bool,
}

const DEFINITIONS: [Definition; 6] = [
    Definition {
        name: "callout",
        required: &[],
        optional: &["kind", "title"],
        paired: true,
    },
    Definition {
        name: "figure",
        required: &["src", "alt"],
        optional: &["caption"],
        paired: false,
    },
    Definition {
        name: "download",
        required: &["file"],
        optional: &["title"],
        paired: false,
    },
    Definition {
        name: "term",
        required: &["zh", "en"],
        optional: &[],
        paired: false,
    },
    Definition {
        name: "chart",
        required: &["kind"],
        optional: &[],
        paired: false,
    },
    Definition {
        name: "nopatent",
        required: &[],
        optional: &[],
        paired: true,
    },
];

const CALLOUT_KINDS: [&str; 3] = ["note", "tip", "warning"];

/// The strings shortcodes write: every theme must have them in each language.
pub const STRING_KEYS: &[&str] = &[
    "shortcode_callout_note",
    "shortcode_callout_tip",
    "shortcode_callout_warning",
    "shortcode_download",
    "shortcode_term_other",
    "shortcode_file_type_unknown",
];

/// One shortcode tag as written.
#[derive(Debug, Clone)]
pub struct Shortcode {
    /// Its name (`callout`).
    pub name: String,
    /// `/name`: the end of a paired shortcode.
    pub closing: bool,
    /// `key="value"` arguments in order.
    pub args: Vec<(String, String)>,
    /// Byte range in the body.
    pub range: Range<usize>,
    /// Alone on its line (an HTML block) rather than inside text.
    pub own_line: bool,
}

impl Shortcode {
    fn arg(&self, key: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A problem with a shortcode, at a byte offset of the body.
#[derive(Debug, Clone)]
pub struct ShortcodeError {
    /// What kind of problem it is.
    pub code: Code,
    /// Byte offset in the body.
    pub offset: usize,
    /// What is wrong and what was expected.
    pub message: String,
    /// A hint.
    pub help: Option<String>,
}

impl ShortcodeError {
    fn new(code: Code, offset: usize, message: String, help: Option<String>) -> Self {
        ShortcodeError {
            code,
            offset,
            message,
            help,
        }
    }
}

/// A body with its shortcodes replaced by placeholders.
#[derive(Debug, Default)]
pub struct Prepared<'a> {
    /// The body to parse (the original when it has no shortcodes).
    pub body: Cow<'a, str>,
    /// The shortcodes, in order.
    pub shortcodes: Vec<Shortcode>,
    /// Body ranges between `{{< nopatent >}}` and `{{< /nopatent >}}`.
    pub no_patent_links: Vec<Range<usize>>,
    /// Unknown names, wrong arguments, unclosed pairs.
    pub errors: Vec<ShortcodeError>,
}

/// What expansion needs to know about the page.
pub struct PageFiles<'a> {
    /// The page's language.
    pub lang: &'a str,
    /// The interface strings of the page's language, for the words shortcodes write.
    pub strings: Strings<'a>,
    /// Co-located files of a `folder/index.md` page: (source, name).
    pub assets: &'a [(PathBuf, String)],
    /// The portal's `static/` folder, for paths starting with `/`.
    pub static_dir: &'a Path,
    /// The output paths of the files served as they are (`img/x.png`), which an image from the
    /// site root (`/img/x.png`) must name; `None` when not known (no check).
    pub served: Option<&'a std::collections::HashSet<String>>,
    /// The site's base path, prefixed to paths starting with `/`.
    pub base_path: &'a str,
    /// A brief's charts by kind, for `{{< chart kind="by_year" >}}`.
    pub charts: Option<&'a std::collections::BTreeMap<String, String>>,
}

/// What expansion did: the problems found and the charts placed.
#[derive(Debug, Default)]
pub struct Expanded {
    /// Files that do not exist, charts the data cannot draw.
    pub errors: Vec<ShortcodeError>,
    /// Kinds of the charts placed in the body.
    pub charts: Vec<String>,
}

/// Finds the shortcodes of `body` (outside code) and replaces them by placeholders.
pub fn prepare(body: &str) -> Prepared<'_> {
    if !body.contains("{{<") {
        return Prepared {
            body: Cow::Borrowed(body),
            ..Default::default()
        };
    }
    let code = code_ranges(body);
    let mut prepared = Prepared::default();
    let mut text = body.to_string();
    let mut from = 0;
    while let Some(found) = body[from..].find("{{<").map(|n| from + n) {
        if let Some(c) = code.iter().find(|c| c.contains(&found)) {
            from = c.end.max(found + 3);
            continue;
        }
        match parse_tag(body, found) {
            Ok(shortcode) => {
                let placeholder = placeholder(shortcode.range.len(), shortcode.own_line);
                text.replace_range(shortcode.range.clone(), &placeholder);
                from = shortcode.range.end;
                prepared.shortcodes.push(shortcode);
            }
            Err(e) => {
                prepared.errors.push(e);
                from = found + 3;
            }
        }
    }
    check(&mut prepared);
    prepared.body = Cow::Owned(text);
    prepared
}

/// Code spans and blocks: shortcodes there are shown as written (that is how a page documents
/// them).
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    Parser::new_ext(body, super::options())
        .into_offset_iter()
        .filter(|(e, _)| {
            matches!(
                e,
                Event::Code(_)
                    | Event::Start(Tag::CodeBlock(
                        CodeBlockKind::Fenced(_) | CodeBlockKind::Indented
                    ))
            )
        })
        .map(|(_, r)| r)
        .collect()
}

/// Same length as the shortcode: `<!--   -->` alone on a line, `<sc   >` inside text.
fn placeholder(len: usize, own_line: bool) -> String {
    if own_line {
        format!("<!--{}-->", " ".repeat(len - 7))
    } else {
        format!("<sc{}>", " ".repeat(len - 4))
    }
}

/// Reads the tag starting at `start` (`{{<`): name, arguments and the closing `>}}`.
fn parse_tag(body: &str, start: usize) -> Result<Shortcode, ShortcodeError> {
    let line_end = body[start..].find('\n').map_or(body.len(), |n| start + n);
    let line = &body[start..line_end];
    let err = |at: usize, message: String| {
        ShortcodeError::new(Code::ShortcodeInvalid, start + at, message, None)
    };
    let mut at = 3;
    at += whitespace(&line[at..]);
    let closing = line[at..].starts_with('/');
    if closing {
        at += 1;
    }
    let name = word(&line[at..]);
    if name.is_empty() {
        return Err(err(
            at,
            "expected a shortcode name after `{{<`, e.g. `{{< callout kind=\"tip\" >}}`".into(),
        ));
    }
    at += name.len();
    let mut args = Vec::new();
    loop {
        at += whitespace(&line[at..]);
        if line[at..].starts_with(">}}") {
            at += 3;
            break;
        }
        let key = word(&line[at..]);
        if key.is_empty() {
            let message = if line[at..].is_empty() {
                format!("shortcode `{name}` is not closed on this line: expected `>}}}}`")
            } else {
                format!("expected `key=\"value\"` or `>}}}}` in shortcode `{name}`")
            };
            return Err(err(at, message));
        }
        let key_at = at;
        at += key.len();
        let value_start = at + 2;
        if !line[at..].starts_with("=\"") {
            return Err(err(
                key_at,
                format!("argument `{key}` of `{name}` needs a quoted value: `{key}=\"…\"`"),
            ));
        }
        let Some(len) = line[value_start..].find('"') else {
            return Err(err(
                key_at,
                format!("the value of `{key}` is not closed: expected a `\"` on the same line"),
            ));
        };
        args.push((
            key.to_string(),
            line[value_start..value_start + len].to_string(),
        ));
        at = value_start + len + 1;
    }
    let line_start = body[..start].rfind('\n').map_or(0, |n| n + 1);
    let own_line = body[line_start..start].trim().is_empty() && line[at..].trim().is_empty();
    Ok(Shortcode {
        name: name.to_string(),
        closing,
        args,
        range: start..start + at,
        own_line,
    })
}

fn whitespace(text: &str) -> usize {
    text.len() - text.trim_start_matches([' ', '\t']).len()
}

fn word(text: &str) -> &str {
    let len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(text.len());
    &text[..len]
}

/// Names, arguments and pairs: every mistake is reported, at the tag it concerns.
fn check(prepared: &mut Prepared) {
    let mut open: Vec<&Shortcode> = Vec::new();
    let mut errors = Vec::new();
    for sc in &prepared.shortcodes {
        let Some(def) = DEFINITIONS.iter().find(|d| d.name == sc.name) else {
            let help = did_you_mean(&sc.name, DEFINITIONS.iter().map(|d| d.name))
                .map(|n| format!("did you mean `{n}`?"))
                .unwrap_or_else(|| format!("shortcodes are: {}", names()));
            errors.push(ShortcodeError::new(
                Code::ShortcodeUnknown,
                sc.range.start,
                format!("unknown shortcode `{}`", sc.name),
                Some(help),
            ));
            continue;
        };
        if sc.closing {
            match open.last() {
                Some(o) if o.name == sc.name => {
                    let o = open.pop().expect("checked above");
                    if sc.name == "nopatent" {
                        prepared.no_patent_links.push(o.range.start..sc.range.end);
                    }
                }
                _ => errors.push(ShortcodeError::new(
                    Code::ShortcodeInvalid,
                    sc.range.start,
                    format!(
                        "`{{{{< /{} >}}}}` closes nothing: no `{{{{< {} >}}}}` is open",
                        sc.name, sc.name
                    ),
                    None,
                )),
            }
            continue;
        }
        errors.extend(check_args(sc, def));
        if def.paired {
            open.push(sc);
        }
        if sc.name == "callout" && !sc.own_line {
            errors.push(ShortcodeError::new(
                Code::ShortcodeInvalid,
                sc.range.start,
                "a callout must start on a line of its own".into(),
                Some("write `{{< callout kind=\"tip\" >}}`, the text, then `{{< /callout >}}`, each on its own line".into()),
            ));
        }
    }
    for sc in open {
        errors.push(ShortcodeError::new(
            Code::ShortcodeInvalid,
            sc.range.start,
            format!(
                "`{}` is never closed: expected `{{{{< /{} >}}}}` after it",
                sc.name, sc.name
            ),
            None,
        ));
    }
    prepared.errors.extend(errors);
}

fn names() -> String {
    DEFINITIONS
        .iter()
        .map(|d| format!("`{}`", d.name))
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_args(sc: &Shortcode, def: &Definition) -> Vec<ShortcodeError> {
    let mut errors = Vec::new();
    let allowed = || def.required.iter().chain(def.optional).copied();
    for (key, value) in &sc.args {
        if !allowed().any(|a| a == key) {
            let help = match did_you_mean(key, allowed()) {
                Some(a) => format!("did you mean `{a}`?"),
                None if allowed().count() == 0 => format!("`{}` takes no arguments", def.name),
                None => format!(
                    "`{}` takes {}",
                    def.name,
                    allowed()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            errors.push(ShortcodeError::new(
                Code::ShortcodeInvalid,
                sc.range.start,
                format!("unknown argument `{key}` for shortcode `{}`", def.name),
                Some(help),
            ));
        }
        if def.name == "callout" && key == "kind" && !CALLOUT_KINDS.contains(&value.as_str()) {
            errors.push(ShortcodeError::new(
                Code::ShortcodeInvalid,
                sc.range.start,
                format!("unknown callout kind `{value}`: expected `note`, `tip` or `warning`"),
                None,
            ));
        }
    }
    for required in def.required {
        if sc.arg(required).is_none_or(|v| v.trim().is_empty()) {
            errors.push(ShortcodeError::new(
                Code::ShortcodeInvalid,
                sc.range.start,
                format!("shortcode `{}` needs `{required}=\"…\"`", def.name),
                None,
            ));
        }
    }
    errors
}

/// Replaces each placeholder in `events` by its shortcode's HTML.
pub fn expand(
    events: &mut [(Event, Range<usize>)],
    shortcodes: &[Shortcode],
    page: &PageFiles,
) -> Expanded {
    let mut expanded = Expanded::default();
    if shortcodes.is_empty() {
        return expanded;
    }
    for (event, range) in events.iter_mut() {
        let html = match event {
            Event::Html(h) | Event::InlineHtml(h) => h,
            _ => continue,
        };
        let inside: Vec<&Shortcode> = shortcodes
            .iter()
            .filter(|s| range.contains(&s.range.start))
            .collect();
        if inside.is_empty() {
            continue;
        }
        let mut text = html.to_string();
        let mut from = 0;
        for sc in inside {
            let placeholder = placeholder(sc.range.len(), sc.own_line);
            let Some(at) = text[from..].find(&placeholder).map(|n| from + n) else {
                continue;
            };
            let replacement = render(sc, page).unwrap_or_else(|e| {
                expanded.errors.push(e);
                String::new()
            });
            if sc.name == "chart" {
                expanded.charts.extend(sc.arg("kind").map(str::to_string));
            }
            text.replace_range(at..at + placeholder.len(), &replacement);
            from = at + replacement.len();
        }
        *html = text.into();
    }
    expanded
}

fn render(sc: &Shortcode, page: &PageFiles) -> Result<String, ShortcodeError> {
    let strings = &page.strings;
    let arg = |k: &str| escape_html(sc.arg(k).unwrap_or(""));
    Ok(match (sc.name.as_str(), sc.closing) {
        ("callout", true) => "</aside>".into(),
        ("callout", false) => {
            let kind = sc.arg("kind").unwrap_or("note");
            let default = strings.get(match kind {
                "tip" => "shortcode_callout_tip",
                "warning" => "shortcode_callout_warning",
                _ => "shortcode_callout_note",
            });
            let title = escape_html(sc.arg("title").unwrap_or(default));
            format!(
                "<aside class=\"callout callout-{}\" role=\"note\"><p class=\"callout-title\">{title}</p>",
                escape_html(kind)
            )
        }
        ("figure", _) => {
            let (src, _) = file(sc, "src", page)?;
            let caption = match sc.arg("caption") {
                Some(c) => format!("<figcaption>{}</figcaption>", escape_html(c)),
                None => String::new(),
            };
            format!(
                "<figure class=\"figure\"><img src=\"{src}\" alt=\"{}\" loading=\"lazy\">{caption}</figure>",
                arg("alt")
            )
        }
        ("download", _) => {
            let (href, bytes) = file(sc, "file", page)?;
            let name = sc.arg("file").unwrap_or("");
            let title = sc.arg("title").map_or_else(
                || escape_html(name.rsplit('/').next().unwrap_or(name)),
                escape_html,
            );
            let download = escape_html(strings.get("shortcode_download"));
            let block = if sc.own_line { "p" } else { "span" };
            format!(
                "<{block} class=\"download\"><a href=\"{href}\" download><span class=\"visually-hidden\">{download}: </span>{title}</a> <span class=\"download-meta\">{} · {}</span></{block}>",
                escape_html(&file_type(name, strings.get("shortcode_file_type_unknown"))),
                file_size(bytes)
            )
        }
        ("term", _) => {
            // Terms are given in Chinese and English: a page in another language shows the
            // English one first.
            let (first, second) = if page.lang.starts_with("zh") {
                ("zh", "en")
            } else {
                ("en", "zh")
            };
            let other = format!("<span lang=\"{second}\">{}</span>", arg(second));
            let other = crate::base::i18n::fill_with(
                strings.get("shortcode_term_other"),
                &[("term", &other)],
                escape_html,
                str::to_string,
            );
            format!(
                "<dfn class=\"term\" lang=\"{first}\">{}</dfn><span class=\"term-other\">{other}</span>",
                arg(first)
            )
        }
        ("chart", _) => {
            let kind = sc.arg("kind").unwrap_or("");
            let chart = page.charts.and_then(|c| c.get(kind)).ok_or_else(|| {
                let help = match page.charts {
                    None => "charts are drawn from a brief's data file: add `data: data.yaml` to the front matter".into(),
                    Some(c) => format!(
                        "kinds are {}; this page's data has {}",
                        crate::ip::chart::KINDS.map(|k| format!("`{k}`")).join(", "),
                        c.keys().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                    ),
                };
                ShortcodeError::new(Code::ShortcodeInvalid, sc.range.start, format!("no `{kind}` chart for this page"), Some(help))
            })?;
            chart.clone()
        }
        _ => String::new(), // `nopatent` only marks text
    })
}

/// The URL and size of the file a `figure` or `download` names: a file beside the page (in a
/// `folder/index.md` page's folder) or, with a leading `/`, under the portal's `static/`.
fn file(sc: &Shortcode, key: &str, page: &PageFiles) -> Result<(String, u64), ShortcodeError> {
    let name = sc.arg(key).unwrap_or("");
    let code = if sc.name == "figure" {
        Code::ImageMissing
    } else {
        Code::AttachmentMissing
    };
    let missing = |help: String| {
        ShortcodeError::new(
            code,
            sc.range.start,
            format!("`{}` names `{name}`, which does not exist", sc.name),
            Some(help),
        )
    };
    if name.contains("://") || name.starts_with("//") {
        return Err(ShortcodeError::new(
            code,
            sc.range.start,
            format!("`{}` names a file on another site: `{name}`", sc.name),
            Some("the portal loads nothing from other hosts: put the file beside the page or under static/".into()),
        ));
    }
    if let Err(message) = crate::base::safe_url::check(name) {
        return Err(ShortcodeError::new(
            Code::UrlUnsafe,
            sc.range.start,
            format!("`{}` {key}: {message}", sc.name),
            Some("name a file beside the page or a path under static/ (`/files/x.pdf`)".into()),
        ));
    }
    let source = match name.strip_prefix('/') {
        Some(path) => Some(page.static_dir.join(path)).filter(|p| p.is_file()),
        None => page
            .assets
            .iter()
            .find(|(_, n)| n == name)
            .map(|(p, _)| p.clone()),
    };
    let Some(source) = source else {
        return Err(missing(if name.starts_with('/') {
            format!("expected static/{}", name.trim_start_matches('/'))
        } else {
            "a file beside the page must be in the page's folder: make the page `name/index.md` and put the file next to it, or use a path under static/ (`/files/x.pdf`)".into()
        }));
    };
    let bytes = std::fs::metadata(&source).map(|m| m.len()).unwrap_or(0);
    let url = match name.strip_prefix('/') {
        Some(path) => format!("{}{path}", page.base_path),
        None => name.to_string(),
    };
    Ok((escape_html(&url), bytes))
}

/// The kind of a download as readers know it (`PDF`, `Word`), from its extension; `unknown`
/// when it has none.
fn file_type(name: &str, unknown: &str) -> String {
    let ext = name
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => "PDF".into(),
        "doc" | "docx" => "Word".into(),
        "xls" | "xlsx" => "Excel".into(),
        "ppt" | "pptx" => "PowerPoint".into(),
        "zip" => "ZIP".into(),
        "csv" => "CSV".into(),
        "yaml" | "yml" => "YAML".into(),
        "" => unknown.into(),
        other => other.to_ascii_uppercase(),
    }
}

/// `850 B`, `12 KB`, `1.4 MB` (1 KB = 1024 bytes), written the same way in both languages.
fn file_size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_keep_every_offset() {
        let body = "a {{< term zh=\"专利\" en=\"patent\" >}} b\n\n{{< callout kind=\"tip\" >}}\ntext\n{{< /callout >}}\n";
        let p = prepare(body);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.body.len(), body.len());
        assert_eq!(p.shortcodes.len(), 3);
        assert!(!p.shortcodes[0].own_line);
        assert!(p.shortcodes[1].own_line);
        assert!(p.body.contains("<!--"));
        assert!(p.body.contains("<sc "));
    }

    #[test]
    fn shortcodes_in_code_are_left_alone() {
        let body = "`{{< callout >}}`\n\n```\n{{< figure >}}\n```\n";
        let p = prepare(body);
        assert!(p.shortcodes.is_empty());
        assert!(p.errors.is_empty());
    }

    #[test]
    fn mistakes_are_errors_at_the_tag() {
        let cases = [
            ("{{< calout >}}", "unknown shortcode `calout`"),
            ("{{< figure src=\"a.png\" >}}", "needs `alt=\"…\"`"),
            (
                "{{< term zh=\"a\" en=\"b\" fr=\"c\" >}}",
                "unknown argument `fr`",
            ),
            (
                "{{< callout kind=\"danger\" >}}\n{{< /callout >}}",
                "unknown callout kind",
            ),
            ("{{< callout >}}\ntext\n", "never closed"),
            ("text {{< /nopatent >}}", "closes nothing"),
            ("{{< term zh=\"a >}}", "is not closed"),
            ("{{< term zh=a >}}", "needs a quoted value"),
            ("{{< download file=\"a.pdf\"", "not closed on this line"),
            (
                "see {{< callout >}} here {{< /callout >}}",
                "line of its own",
            ),
        ];
        for (body, message) in cases {
            let body = format!("x\n{body}\n");
            let p = prepare(&body);
            let e = p.errors.iter().find(|e| e.message.contains(message));
            let e = e.unwrap_or_else(|| panic!("{message:?} not in {:?}", p.errors));
            assert!(e.offset >= 2, "{body}: {e:?}");
        }
    }

    #[test]
    fn nopatent_marks_a_range() {
        let p = prepare("a {{< nopatent >}}CN112345678A{{< /nopatent >}} b");
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.no_patent_links.len(), 1);
        assert_eq!(p.no_patent_links[0], 2..47);
    }

    #[test]
    fn sizes_and_types() {
        assert_eq!(file_size(850), "850 B");
        assert_eq!(file_size(12_000), "12 KB");
        assert_eq!(file_size(1_468_006), "1.4 MB");
        assert_eq!(file_type("guide.PDF", "file"), "PDF");
        assert_eq!(file_type("data.xlsx", "file"), "Excel");
        assert_eq!(file_type("LICENSE", "文件"), "文件");
    }
}
