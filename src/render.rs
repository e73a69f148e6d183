//! [`Library`] → HTML bodies: every page and section's Markdown rendered in parallel, then links
//! to headings of other pages checked against the ids the renderer produced.

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Library;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::markdown::links::{LinkMap, Target};
use crate::markdown::{self, RenderInput, Rendered, TextSection, TocEntry, escape_html};
use crate::templates::context::Urls;

/// The HTML of one page or section body.
#[derive(Debug, Default)]
pub struct Body {
    /// The body.
    pub html: String,
    /// The summary: text before `<!-- more -->`, else the `summary` field, else the first paragraph.
    pub summary: String,
    /// The table of contents.
    pub toc: Vec<TocEntry>,
    /// Words plus CJK characters.
    pub word_count: usize,
    /// The plain text split at headings, for the search index.
    pub text: Vec<TextSection>,
}

/// Bodies of the whole library, index for index.
#[derive(Debug, Default)]
pub struct Bodies {
    /// One per page.
    pub pages: Vec<Body>,
    /// One per section.
    pub sections: Vec<Body>,
}

/// Renders every body; returns them with every broken link or anchor found.
pub fn render_library(config: &Config, library: &Library) -> (Bodies, Vec<Diagnostic>) {
    let links = LinkMap::new(library, config);
    let highlighter = markdown::highlight::Highlighter::default();
    let urls = Urls::new(config);
    let target_url = |target: Target| match target {
        Target::Page(i) => urls.url(&library.pages[i].path),
        Target::Section(i) => urls.url(&library.sections[i].path),
    };
    let render_one = |source: &str, offset: usize, file: &std::path::Path, lang: &str| {
        markdown::render(&RenderInput {
            source,
            body_offset: offset,
            file,
            lang,
            links: &links,
            target_url: &target_url,
            base_path: &config.base_path,
            highlighter: &highlighter,
        })
    };
    let pages: Vec<Rendered> = library
        .pages
        .par_iter()
        .map(|p| render_one(&p.source, p.body_offset, &p.file, &p.lang))
        .collect();
    let sections: Vec<Rendered> = library
        .sections
        .par_iter()
        .map(|s| {
            let file = s.file.clone().unwrap_or_default();
            render_one(&s.source, s.body_offset, &file, &s.lang)
        })
        .collect();

    let mut diagnostics = check_anchors(library, &pages, &sections);
    for rendered in pages.iter().chain(&sections) {
        diagnostics.extend(rendered.errors.iter().cloned());
    }
    let bodies = Bodies {
        pages: pages
            .into_iter()
            .zip(&library.pages)
            .map(|(r, p)| body(r, p.meta.summary.as_deref()))
            .collect(),
        sections: sections
            .into_iter()
            .zip(&library.sections)
            .map(|(r, s)| body(r, s.meta.summary.as_deref()))
            .collect(),
    };
    (bodies, diagnostics)
}

fn body(rendered: Rendered, summary_field: Option<&str>) -> Body {
    let summary = rendered
        .summary_before_more
        .or_else(|| summary_field.map(|s| format!("<p>{}</p>\n", escape_html(s))))
        .or(rendered.first_paragraph)
        .unwrap_or_default();
    Body {
        html: rendered.html,
        summary,
        toc: rendered.toc,
        word_count: rendered.word_count,
        text: rendered.text,
    }
}

/// `@/x.md#anchor` links must name a heading id of the target.
fn check_anchors(library: &Library, pages: &[Rendered], sections: &[Rendered]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let sources = library
        .pages
        .iter()
        .map(|p| (p.file.as_path(), p.source.as_str()))
        .chain(library.sections.iter().map(|s| {
            (
                s.file.as_deref().unwrap_or(std::path::Path::new("")),
                s.source.as_str(),
            )
        }));
    for ((file, source), rendered) in sources.zip(pages.iter().chain(sections)) {
        for link in &rendered.anchor_links {
            let target = match link.target {
                Target::Page(i) => &pages[i],
                Target::Section(i) => &sections[i],
            };
            if target.heading_ids.contains(&link.anchor) {
                continue;
            }
            let ids = target.heading_ids.iter().map(String::as_str);
            let help = match did_you_mean(&link.anchor, ids) {
                Some(id) => format!("did you mean `#{id}`?"),
                None if target.heading_ids.is_empty() => "the page has no headings".into(),
                None => format!(
                    "its headings are: {}",
                    target
                        .heading_ids
                        .iter()
                        .map(|id| format!("#{id}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            diagnostics.push(
                Diagnostic::error(format!(
                    "broken anchor in `{}`: the page has no heading with id `{}`",
                    link.written, link.anchor
                ))
                .in_file(file)
                .at(source, link.line, link.column)
                .with_help(help),
            );
        }
    }
    diagnostics
}
