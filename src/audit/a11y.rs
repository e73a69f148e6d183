//! The accessibility rules `ipportal check` applies to the Markdown of every page and section,
//! the ones that need no browser (axe-core in `tests/a11y` checks the built pages):
//! - `image/no-alt`: an image without alternative text (`![](x.png)`, a figure's `alt=""`);
//! - `heading/skipped-level`: a heading level skipped (`##` then `####`; the page title is the `h1`);
//! - `link/vague-text`: link text that says nothing out of context ("点击这里", "click here");
//! - `chart/no-description`: a figure (a chart, a diagram) without a caption saying what it shows.
//!
//! Warnings, with the file, line and column of the Markdown that causes them.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::base::diagnostics::{Code, Diagnostic};
use crate::markdown::shortcodes::{self, Shortcode};
use crate::site::Site;

/// Link texts that name no target: read alone, in a screen reader's list of links, they say
/// nothing. Compared with the trimmed, lower-cased text less closing punctuation.
const VAGUE_LINK_TEXTS: &[&str] = &[
    "点击这里",
    "点击此处",
    "点这里",
    "点此",
    "这里",
    "此处",
    "请点击",
    "请点击这里",
    "请点击此处",
    "链接",
    "更多",
    "click here",
    "click",
    "here",
    "this link",
    "link",
    "more",
    "read more",
];

/// A finding at a byte offset of the body.
#[derive(Debug, PartialEq)]
struct Finding {
    code: Code,
    offset: usize,
    message: String,
}

/// The findings of every page and section body of `site`.
pub fn audit(site: &Site) -> Vec<Diagnostic> {
    let pages = site
        .library
        .pages
        .iter()
        .map(|p| (p.file.as_path(), p.source.as_str(), p.body_offset));
    let sections = site.library.sections.iter().filter_map(|s| {
        let file = s.file.as_deref()?;
        Some((file, s.source.as_str(), s.body_offset))
    });
    let mut found = Vec::new();
    for (file, source, body_offset) in pages.chain(sections) {
        for f in findings(&source[body_offset..]) {
            let (line, column) = crate::base::text::line_column(source, body_offset + f.offset);
            found.push(
                Diagnostic::warning(f.code, crate::untranslated!(f.message))
                    .in_file(file)
                    .at(source, line, column),
            );
        }
    }
    found
}

/// The findings of one Markdown body, in order.
fn findings(body: &str) -> Vec<Finding> {
    let prepared = shortcodes::prepare(body);
    let mut found: Vec<Finding> = prepared.shortcodes.iter().flat_map(figure).collect();
    found.extend(markdown(&prepared.body));
    found.sort_by_key(|f| f.offset);
    found
}

/// A `{{< figure >}}` with an empty `alt`, or without a caption.
fn figure(shortcode: &Shortcode) -> Vec<Finding> {
    if shortcode.name != "figure" || shortcode.closing {
        return Vec::new();
    }
    let arg = |key: &str| {
        shortcode
            .args
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
    };
    let offset = shortcode.range.start;
    let mut found = Vec::new();
    if arg("alt") == Some("") {
        found.push(Finding {
            code: Code::ImageNoAlt,
            offset,
            message: "the figure's `alt` is empty: say what the image shows for readers who cannot see it".into(),
        });
    }
    if arg("caption").is_none_or(str::is_empty) {
        found.push(Finding {
            code: Code::ChartNoDescription,
            offset,
            message: "the figure has no `caption`: a chart or diagram needs a line of text, seen by everyone, that says what it shows".into(),
        });
    }
    found
}

/// Images without alt text, skipped heading levels and vague link texts in the Markdown.
fn markdown(body: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut level = 1; // the page title
    // The offset and text of the image or link being read.
    let mut image: Option<(usize, String)> = None;
    let mut link: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level: h, .. }) => {
                let h = heading_number(h);
                if h > level + 1 {
                    found.push(Finding {
                        code: Code::HeadingSkipped,
                        offset: range.start,
                        message: format!(
                            "an h{h} after an h{level}: a heading level is skipped (the page title is the h1; use {} here)",
                            "#".repeat(level + 1)
                        ),
                    });
                }
                level = h;
            }
            Event::Start(Tag::Image { .. }) => image = Some((range.start, String::new())),
            Event::Start(Tag::Link { .. }) => link = Some((range.start, String::new())),
            Event::Text(t) | Event::Code(t) => {
                for (_, text) in [&mut image, &mut link].into_iter().flatten() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((offset, alt)) = image.take()
                    && alt.trim().is_empty()
                {
                    found.push(Finding {
                        code: Code::ImageNoAlt,
                        offset,
                        message: "an image without alternative text: write what it shows between the brackets, `![…](…)`".into(),
                    });
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((offset, text)) = link.take()
                    && is_vague(&text)
                {
                    found.push(Finding {
                        code: Code::LinkVagueText,
                        offset,
                        message: format!(
                            "the link text \"{}\" does not say where the link goes: name the target (\"查新委托单\", \"the request form\")",
                            text.trim()
                        ),
                    });
                }
            }
            _ => {}
        }
    }
    found
}

fn heading_number(level: HeadingLevel) -> usize {
    level as usize
}

fn is_vague(text: &str) -> bool {
    let text = text
        .trim()
        .trim_end_matches(['.', '。', '!', '！', ':', '：', '…', '>', '»', '→'])
        .trim()
        .to_lowercase();
    VAGUE_LINK_TEXTS.contains(&text.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(body: &str) -> Vec<(&'static str, usize)> {
        findings(body)
            .iter()
            .map(|f| (f.code.as_str(), f.offset))
            .collect()
    }

    #[test]
    fn an_image_without_alt_text() {
        assert_eq!(codes("Text.\n\n![](a.png)\n"), [("image/no-alt", 7)]);
        assert_eq!(codes("![ ](a.png)"), [("image/no-alt", 0)]);
        assert_eq!(codes("![流程图](a.png) ![`code`](b.png)"), []);
    }

    #[test]
    fn a_skipped_heading_level() {
        assert_eq!(codes("## a\n\n#### b\n"), [("heading/skipped-level", 6)]);
        assert_eq!(codes("### first\n"), [("heading/skipped-level", 0)]);
        assert_eq!(codes("## a\n\n### b\n\n## c\n\n### d\n"), []);
        let message = &findings("## a\n\n#### b\n")[0].message;
        assert!(
            message.contains("an h4 after an h2") && message.contains("use ###"),
            "{message}"
        );
    }

    #[test]
    fn a_vague_link_text_in_either_language() {
        assert_eq!(
            codes("详见[点击这里](x.pdf)。\n\n[Click here!](y.pdf)\n"),
            [("link/vague-text", 6), ("link/vague-text", 32)]
        );
        assert_eq!(
            codes("[**here**](x.pdf) and [read more …](y)"),
            [("link/vague-text", 0), ("link/vague-text", 22)]
        );
        assert_eq!(
            codes("[点击这里下载查新委托单](x.pdf) [here is the form](y)"),
            []
        );
    }

    #[test]
    fn a_figure_without_alt_or_caption() {
        assert_eq!(
            codes("{{< figure src=\"a.svg\" alt=\"\" caption=\"c\" >}}\n"),
            [("image/no-alt", 0)]
        );
        assert_eq!(
            codes("x\n\n{{< figure src=\"a.svg\" alt=\"流程\" >}}\n"),
            [("chart/no-description", 3)]
        );
        assert_eq!(
            codes("{{< figure src=\"a.svg\" alt=\"流程\" caption=\"六个步骤\" >}}\n"),
            []
        );
    }

    #[test]
    fn code_is_not_checked() {
        assert_eq!(
            codes(
                "```md\n![](a.png)\n#### x\n[here](y)\n```\n\n`{{< figure src=\"a\" alt=\"\" >}}`\n"
            ),
            []
        );
    }
}
