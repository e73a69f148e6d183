//! Markdown body → HTML with pulldown-cmark: heading ids and a table of contents, highlighted code,
//! resolved `@/` links, and the summary. Works on one page at a time so pages render in parallel.

pub mod highlight;
pub mod ip;
pub mod links;
pub mod shortcodes;
mod task_lists;

use std::collections::HashMap;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::base::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::base::text::{escape_html, is_cjk, slugify};
use links::{LinkMap, Target};

/// An entry of a page's table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    /// Heading level (2 for `##`).
    pub level: u8,
    /// The heading's id.
    pub id: String,
    /// The heading text, HTML-escaped.
    pub title: String,
    /// Deeper headings under this one.
    pub children: Vec<TocEntry>,
}

/// The plain text of a body under one heading: what the search index reads, taken from the same
/// events that make the HTML (no second parse of the output).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextSection {
    /// The heading's id; empty for the text before the first heading.
    pub id: String,
    /// The heading's text; empty before the first heading.
    pub heading: String,
    /// The text under the heading, one line per block (inline code included).
    pub text: String,
    /// The code blocks under the heading: searchable, but no excerpt is cut from them.
    pub code: String,
}

/// A link to a heading of another page, checked after every page is rendered.
#[derive(Debug, Clone)]
pub struct AnchorLink {
    /// The page or section linked to.
    pub target: Target,
    /// The id after `#`.
    pub anchor: String,
    /// The link as written, for messages.
    pub written: String,
    /// 1-based line and column of the link in the file.
    pub line: usize,
    /// Column of the link.
    pub column: usize,
}

/// A link or image to another site (`http://` or `https://`), for `check --external`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    /// The URL as written.
    pub url: String,
    /// 1-based line of the link in the file.
    pub line: usize,
    /// 1-based column of the URL in the line.
    pub column: usize,
}

/// The plain text of the summary a body gives itself (the text before `<!-- more -->`, else its
/// first paragraph) and where it starts in the file, for checking its length.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SummaryText {
    /// The text, without markup; line breaks are spaces.
    pub text: String,
    /// 1-based line of the file on which it starts.
    pub line: usize,
    /// 1-based column of that line.
    pub column: usize,
}

/// The result of rendering one body.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// HTML of the text before `<!-- more -->`, when the body has the marker.
    pub summary_before_more: Option<String>,
    /// HTML of the first paragraph.
    pub first_paragraph: Option<String>,
    /// The plain text of the summary before `<!-- more -->` when there is the marker, else of the
    /// first paragraph.
    pub summary_text: Option<SummaryText>,
    /// Pages and sections linked with `@/`, in order.
    pub links: Vec<Target>,
    /// Other links within the site (`/guides/x/`, `../x/`), as written.
    pub local_links: Vec<String>,
    /// The table of contents.
    pub toc: Vec<TocEntry>,
    /// Every heading id, in order.
    pub heading_ids: Vec<String>,
    /// `@/…#anchor` links to check later.
    pub anchor_links: Vec<AnchorLink>,
    /// Links and images to other sites, in order.
    pub external_links: Vec<ExternalLink>,
    /// Words (Latin) plus characters (CJK): for reading time.
    pub word_count: usize,
    /// The plain text, split at headings.
    pub text: Vec<TextSection>,
    /// Broken links and other problems.
    pub errors: Vec<Diagnostic>,
    /// Patent numbers cited in the text, each once.
    pub patents: Vec<crate::ip::patent::Citation>,
    /// Kinds of the charts placed with the `chart` shortcode.
    pub charts_placed: Vec<String>,
}

/// Everything rendering needs to know about the page being rendered and the site around it.
pub struct RenderInput<'a> {
    /// The whole file text, for error lines.
    pub source: &'a str,
    /// Byte offset of the body in `source`.
    pub body_offset: usize,
    /// The file, for messages.
    pub file: &'a Path,
    /// The page's language.
    pub lang: &'a str,
    /// All pages by key.
    pub links: &'a LinkMap,
    /// URL paths of targets, including the base path.
    pub target_url: &'a dyn Fn(Target) -> String,
    /// The site's base path (`/` or `/ipis/`), prefixed to root-relative links.
    pub base_path: &'a str,
    /// Shared highlighter with its cache of blocks.
    pub highlighter: &'a highlight::Highlighter,
    /// Patent numbers, IPC codes and shortcodes: the site's settings and the page's files.
    pub ip: &'a ip::BodyOptions<'a>,
}

const MORE_MARKER: &str = "<!-- more -->";

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a page body.
pub fn render(input: &RenderInput) -> Rendered {
    let body = &input.source[input.body_offset..];
    let prepared = shortcodes::prepare(body);
    let mut events: Vec<(Event, std::ops::Range<usize>)> =
        Parser::new_ext(&prepared.body, options())
            .into_offset_iter()
            .collect();
    let mut rendered = Rendered::default();
    number_headings(&mut events, &mut rendered);
    // Before highlighting, which turns code into HTML: code is searchable text too.
    rendered.text = plain_text_sections(&events);
    // Before patent numbers become links: they are part of the summary's text.
    rendered.summary_text = summary_text(&events).map(|(text, offset)| {
        let (line, column) =
            crate::base::text::line_column(input.source, input.body_offset + offset);
        SummaryText { text, line, column }
    });
    highlight_code_blocks(&mut events, input.highlighter);
    task_lists::label_task_items(&mut events);
    rewrite_links(&mut events, input, &mut rendered);
    rendered.word_count = count_words(&events);
    rendered.patents = ip::rewrite_body(&mut events, input.ip, &prepared.no_patent_links);
    let expanded = shortcodes::expand(&mut events, &prepared.shortcodes, &input.ip.files);
    rendered.charts_placed = expanded.charts;
    for e in prepared.errors.into_iter().chain(expanded.errors) {
        let (line, column) =
            crate::base::text::line_column(input.source, input.body_offset + e.offset);
        let d = Diagnostic::error(e.code, crate::untranslated!(e.message))
            .in_file(input.file)
            .at(input.source, line, column);
        rendered.errors.push(match e.help {
            Some(h) => d.with_help(crate::untranslated!(h)),
            None => d,
        });
    }

    let events: Vec<Event> = events.into_iter().map(|(e, _)| e).collect();
    if let Some(more) = events.iter().position(is_more_marker) {
        rendered.summary_before_more = Some(to_html(&events[..more]));
    }
    rendered.first_paragraph = first_paragraph(&events).map(to_html);
    rendered.html = to_html(&events);
    rendered
}

fn to_html(events: &[Event]) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.iter().cloned());
    html
}

fn is_more_marker(event: &Event) -> bool {
    matches!(event, Event::Html(h) | Event::InlineHtml(h) if h.trim() == MORE_MARKER)
}

fn first_paragraph<'e, 'a>(events: &'e [Event<'a>]) -> Option<&'e [Event<'a>]> {
    let start = events
        .iter()
        .position(|e| matches!(e, Event::Start(Tag::Paragraph)))?;
    let end = events[start..]
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))?;
    Some(&events[start..=start + end])
}

/// The plain text of the summary part of a body (before `<!-- more -->`, else the first
/// paragraph) and the byte offset in the body where it starts.
fn summary_text(events: &[(Event, std::ops::Range<usize>)]) -> Option<(String, usize)> {
    let part = match events.iter().position(|(e, _)| is_more_marker(e)) {
        Some(more) => &events[..more],
        None => {
            let start = events
                .iter()
                .position(|(e, _)| matches!(e, Event::Start(Tag::Paragraph)))?;
            let end = events[start..]
                .iter()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))?;
            &events[start..=start + end]
        }
    };
    let offset = part.first()?.1.start;
    let mut text = String::new();
    for (event, _) in part {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    Some((text.trim().to_string(), offset))
}

/// Gives every heading an id (its explicit `{#id}`, else a slug of its text, made unique with
/// `-1`, `-2`…) and builds the table of contents.
fn number_headings(events: &mut [(Event, std::ops::Range<usize>)], rendered: &mut Rendered) {
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut flat: Vec<(u8, String, String)> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 {
            let level = heading_level(*level);
            let explicit = id.as_ref().map(|s| s.to_string());
            let end = events[i..]
                .iter()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                .map(|n| i + n)
                .unwrap_or(events.len());
            let text = plain_text(&events[i + 1..end]);
            let base = explicit.unwrap_or_else(|| {
                let slug = slugify(&text);
                if slug.is_empty() {
                    "section".into()
                } else {
                    slug
                }
            });
            let unique = unique_id(&mut used, base);
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
                *id = Some(CowStr::from(unique.clone()));
            }
            rendered.heading_ids.push(unique.clone());
            if level >= 2 {
                flat.push((level, unique, escape_html(text.trim())));
            }
            i = end;
        }
        i += 1;
    }
    rendered.toc = nest_toc(flat);
}

fn unique_id(used: &mut HashMap<String, usize>, base: String) -> String {
    match used.get_mut(&base) {
        Some(count) => {
            *count += 1;
            let id = format!("{base}-{count}");
            used.insert(id.clone(), 0);
            id
        }
        None => {
            used.insert(base.clone(), 0);
            base
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn plain_text(events: &[(Event, std::ops::Range<usize>)]) -> String {
    events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// The body's text split at its headings, with the ids [`number_headings`] gave them. Blocks end
/// with a newline so that words of adjacent blocks never run together.
fn plain_text_sections(events: &[(Event, std::ops::Range<usize>)]) -> Vec<TextSection> {
    let mut sections = vec![TextSection::default()];
    let mut in_heading = false;
    let mut in_code = false;
    for (event, _) in events {
        let current = sections.last_mut().expect("never empty");
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                current.code.push('\n');
            }
            Event::Text(t) if in_code => current.code.push_str(t),
            Event::Start(Tag::Heading { id, .. }) => {
                in_heading = true;
                sections.push(TextSection {
                    id: id.as_deref().unwrap_or_default().to_string(),
                    ..TextSection::default()
                });
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) if in_heading => current.heading.push_str(t),
            Event::Text(t) | Event::Code(t) => current.text.push_str(t),
            Event::SoftBreak | Event::HardBreak => current.text.push('\n'),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) if !current.text.ends_with('\n') => current.text.push('\n'),
            _ => {}
        }
    }
    if sections[0].text.trim().is_empty() && sections[0].code.is_empty() {
        sections.remove(0);
    }
    sections
}

/// Turns a flat list of headings into a tree: each heading holds the deeper ones after it.
fn nest_toc(flat: Vec<(u8, String, String)>) -> Vec<TocEntry> {
    let mut roots: Vec<TocEntry> = Vec::new();
    for (level, id, title) in flat {
        let entry = TocEntry {
            level,
            id,
            title,
            children: Vec::new(),
        };
        let mut siblings = &mut roots;
        while siblings.last().is_some_and(|last| last.level < level) {
            siblings = &mut siblings.last_mut().expect("checked above").children;
        }
        siblings.push(entry);
    }
    roots
}

/// Replaces each fenced or indented code block by its highlighted HTML.
fn highlight_code_blocks(
    events: &mut Vec<(Event, std::ops::Range<usize>)>,
    highlighter: &highlight::Highlighter,
) {
    let mut out = Vec::with_capacity(events.len());
    let mut block: Option<(String, String, std::ops::Range<usize>)> = None;
    for (event, range) in events.drain(..) {
        match (&mut block, event) {
            (None, Event::Start(Tag::CodeBlock(kind))) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                block = Some((info, String::new(), range));
            }
            (Some((_, code, _)), Event::Text(text)) => code.push_str(&text),
            (Some(_), Event::End(TagEnd::CodeBlock)) => {
                let (info, code, range) = block.take().expect("inside a block");
                out.push((
                    Event::Html(highlighter.block(&code, &info).to_string().into()),
                    range,
                ));
            }
            (_, event) => out.push((event, range)),
        }
    }
    *events = out;
}

/// Resolves `@/` links, prefixes root-relative links and images with the base path, and notes
/// links to other sites.
fn rewrite_links(
    events: &mut [(Event, std::ops::Range<usize>)],
    input: &RenderInput,
    rendered: &mut Rendered,
) {
    let body = &input.source[input.body_offset..];
    for (event, range) in events.iter_mut() {
        let is_image = matches!(event, Event::Start(Tag::Image { .. }));
        let dest = match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        if is_image && is_missing_local_file(dest, input) {
            let (line, column) =
                crate::base::text::line_column(input.source, input.body_offset + range.start);
            rendered.errors.push(
                Diagnostic::error(
                    Code::ImageMissing,
                    crate::msg!("markdown.image_missing", dest),
                )
                .in_file(input.file)
                .at(input.source, line, column)
                .with_help(crate::msg!("markdown.image_missing_help")),
            );
        }
        if is_image && is_missing_root_file(dest, input) {
            let (line, column) =
                crate::base::text::line_column(input.source, input.body_offset + range.start);
            let path = dest.trim_start_matches('/');
            rendered.errors.push(
                Diagnostic::error(
                    Code::ImageMissing,
                    crate::msg!("markdown.image_root_missing", dest, path),
                )
                .in_file(input.file)
                .at(input.source, line, column)
                .with_help(crate::msg!("markdown.image_root_missing_help")),
            );
        }
        if !is_image && is_local_link(dest) {
            rendered.local_links.push(dest.to_string());
        }
        if let Some(internal) = dest.strip_prefix("@/") {
            let (line, column) = crate::base::text::line_column(
                input.source,
                input.body_offset + link_start(body, range),
            );
            match resolve_internal(internal, input, line, column, rendered) {
                Some(url) => *dest = url.into(),
                None => *dest = "#".into(),
            }
        } else if dest.starts_with('/') && !dest.starts_with("//") && input.base_path != "/" {
            *dest = format!("{}{}", input.base_path, &dest[1..]).into();
        } else if is_external(dest) {
            let start = body
                .get(range.clone())
                .and_then(|text| text.find(dest.as_ref()))
                .map_or(range.start, |n| range.start + n);
            let (line, column) =
                crate::base::text::line_column(input.source, input.body_offset + start);
            rendered.external_links.push(ExternalLink {
                url: dest.to_string(),
                line,
                column,
            });
        }
    }
}

/// An `http://` or `https://` URL, in any letter case.
fn is_external(dest: &str) -> bool {
    let lower = |n: usize| dest.get(..n).map(str::to_ascii_lowercase);
    lower(7).as_deref() == Some("http://") || lower(8).as_deref() == Some("https://")
}

/// A link to a page of this site written as a URL path (`/guides/x/`, `../x/`): not `@/`, not an
/// anchor on the same page, not another host or scheme (`https:`, `mailto:`).
fn is_local_link(dest: &str) -> bool {
    !dest.is_empty()
        && !dest.starts_with(['@', '#'])
        && !dest.starts_with("//")
        && !dest
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("")
            .contains(':')
}

/// A relative image path (`figure.png`) that is not one of the page's co-located files. Paths
/// from the site root and other hosts are left to the theme and the web.
fn is_missing_local_file(dest: &str, input: &RenderInput) -> bool {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let relative = !path.is_empty() && !path.starts_with(['/', '@', '#']) && !path.contains(':');
    relative && !input.ip.files.assets.iter().any(|(_, name)| name == path)
}

/// An image path from the site root (`/img/x.png`) that names no file the site serves as it is.
fn is_missing_root_file(dest: &str, input: &RenderInput) -> bool {
    let Some(served) = input.ip.files.served else {
        return false;
    };
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    match path.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => !served.contains(rest),
        _ => false,
    }
}

/// Where the `@/` of a link is, for pointing the error marker at it.
fn link_start(body: &str, range: &std::ops::Range<usize>) -> usize {
    body.get(range.clone())
        .and_then(|text| text.find("@/"))
        .map(|n| range.start + n)
        .unwrap_or(range.start)
}

fn resolve_internal(
    internal: &str,
    input: &RenderInput,
    line: usize,
    column: usize,
    rendered: &mut Rendered,
) -> Option<String> {
    let (path, anchor) = match internal.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (internal, None),
    };
    let Some(target) = input.links.resolve(path, input.lang) else {
        let help = match did_you_mean(path, input.links.keys()) {
            Some(k) => crate::msg!("diagnostic.did_you_mean", name = format!("@/{k}")),
            None => crate::msg!("markdown.broken_link_help"),
        };
        rendered.errors.push(
            Diagnostic::error(
                Code::LinkBroken,
                crate::msg!("markdown.broken_link", internal, path),
            )
            .in_file(input.file)
            .at(input.source, line, column)
            .with_help(help),
        );
        return None;
    };
    rendered.links.push(target);
    let url = (input.target_url)(target);
    Some(match anchor {
        Some(anchor) => {
            rendered.anchor_links.push(AnchorLink {
                target,
                anchor: anchor.to_string(),
                written: format!("@/{internal}"),
                line,
                column,
            });
            format!("{url}#{anchor}")
        }
        None => url,
    })
}

/// Latin words plus CJK characters, the usual measure for mixed text.
fn count_words(events: &[(Event, std::ops::Range<usize>)]) -> usize {
    events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) => Some(t),
            _ => None,
        })
        .map(|text| {
            let cjk = text.chars().filter(|c| is_cjk(*c)).count();
            let latin = text
                .split(|c: char| c.is_whitespace() || is_cjk(c))
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            cjk + latin
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_body(body: &str) -> Rendered {
        let library = crate::content::Library::default();
        let config = crate::config::parse(
            "base_url = \"https://x.org/sub/\"\ndefault_language = \"zh\"\n[languages.zh]\nname = \"中文\"\ntitle = \"t\"\n",
        )
        .unwrap();
        let links = LinkMap::new(&library, &config);
        let source = format!("---\ntitle: t\n---\n{body}");
        render(&RenderInput {
            source: &source,
            body_offset: 16,
            file: Path::new("content/x.md"),
            lang: "zh",
            links: &links,
            target_url: &|_| String::new(),
            base_path: "/sub/",
            highlighter: &highlight::Highlighter::default(),
            ip: &ip::BodyOptions::off("zh"),
        })
    }

    #[test]
    fn headings_get_unique_readable_ids_and_a_toc() {
        let r = render_body("## 检索式\n\n### Step 1\n\n## 检索式\n\n## Custom {#mine}\n");
        assert_eq!(r.heading_ids, ["检索式", "step-1", "检索式-1", "mine"]);
        assert!(r.html.contains("<h2 id=\"检索式-1\">"), "{}", r.html);
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[0].children[0].id, "step-1");
    }

    #[test]
    fn broken_internal_link_names_line_and_column() {
        let r = render_body("text\n\nsee [x](@/guides/missing.md)\n");
        let e = &r.errors[0];
        assert!(e.message.contains("@/guides/missing.md"), "{e:?}");
        assert_eq!((e.line, e.column), (Some(6), Some(9)));
    }

    #[test]
    fn root_relative_links_get_the_base_path() {
        let r = render_body("[a](/en/guides/) [b](https://x.org/) ![i](/img/a.png)");
        assert!(r.html.contains("href=\"/sub/en/guides/\""), "{}", r.html);
        assert!(r.html.contains("href=\"https://x.org/\""));
        assert!(r.html.contains("src=\"/sub/img/a.png\""));
    }

    #[test]
    fn external_links_are_noted_with_their_line_and_column() {
        let r = render_body(
            "[a](https://x.org/a) and <HTTP://y.org/>\n\n![i](https://x.org/i.png) [m](mailto:a@b.c) [r](/en/)\n",
        );
        let found: Vec<_> = r
            .external_links
            .iter()
            .map(|l| (l.url.as_str(), l.line, l.column))
            .collect();
        assert_eq!(
            found,
            [
                ("https://x.org/a", 4, 5),
                ("HTTP://y.org/", 4, 27),
                ("https://x.org/i.png", 6, 6)
            ]
        );
    }

    #[test]
    fn summary_parts_and_word_count() {
        let r = render_body("First 段落 here.\n\n<!-- more -->\n\nRest.\n");
        assert_eq!(
            r.summary_before_more.as_deref(),
            Some("<p>First 段落 here.</p>\n")
        );
        assert_eq!(
            r.first_paragraph.as_deref(),
            Some("<p>First 段落 here.</p>\n")
        );
        assert_eq!(r.word_count, 5);
    }

    #[test]
    fn plain_text_is_split_at_headings_with_their_ids() {
        let r = render_body(
            "Intro *text*.\n\n## 检索式 {#q}\n\n```text\nTI=(a)\n```\n\n- one\n- two\n",
        );
        assert_eq!(r.text.len(), 2);
        assert_eq!(r.text[0].text, "Intro text.\n");
        assert_eq!(
            (r.text[1].id.as_str(), r.text[1].heading.as_str()),
            ("q", "检索式")
        );
        assert_eq!(r.text[1].text, "one\ntwo\n");
        assert_eq!(r.text[1].code, "TI=(a)\n\n");
    }

    #[test]
    fn extensions_are_on() {
        let r = render_body("| a |\n|---|\n| b |\n\n~~x~~ [^1]\n\n- [x] done\n\n[^1]: note\n");
        for needle in [
            "<table>",
            "<del>",
            "type=\"checkbox\"",
            "footnote-definition",
        ] {
            assert!(r.html.contains(needle), "{needle} in {}", r.html);
        }
    }
}
