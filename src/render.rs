//! [`Library`] → HTML bodies: every page and section's Markdown rendered in parallel, then links
//! to headings of other pages checked against the ids the renderer produced. One page can be
//! rendered again on its own (for `serve`).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use indexmap::IndexMap;
use rayon::prelude::*;

use crate::base::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::base::i18n::Strings;
use crate::base::stages::{PageCounter, ProgressFn, Stage};
use crate::base::text::escape_html;
use crate::config::{Config, Urls};
use crate::content::Library;
use crate::content::ip::{self as content_ip, Brief};
use crate::ip;
use crate::markdown::highlight::Highlighter;
use crate::markdown::ip::BodyOptions;
use crate::markdown::links::{LinkMap, Target};
use crate::markdown::shortcodes::PageFiles;
use crate::markdown::{
    self, AnchorLink, ExternalLink, RenderInput, Rendered, SummaryText, TextSection, TocEntry,
};

/// The HTML of one page or section body.
#[derive(Debug, Default)]
pub struct Body {
    /// The body.
    pub html: String,
    /// The summary: text before `<!-- more -->`, else the `summary` field, else the first paragraph.
    pub summary: String,
    /// The summary's plain text and place when it comes from the body; `None` when it is the
    /// `summary` field's (or there is none).
    pub summary_text: Option<SummaryText>,
    /// Pages and sections the body links to with `@/`.
    pub links: Vec<Target>,
    /// Other links within the site, as written (`/guides/x/`, `../x/`).
    pub local_links: Vec<String>,
    /// The table of contents.
    pub toc: Vec<TocEntry>,
    /// Words plus CJK characters.
    pub word_count: usize,
    /// Every heading id, for checking links to them.
    pub heading_ids: Vec<String>,
    /// Links from this body to headings of other pages.
    pub anchor_links: Vec<AnchorLink>,
    /// Links and images to other sites, for `check --external`.
    pub external_links: Vec<ExternalLink>,
    /// Patent numbers cited in the body, each once (normalised numbers go to the search index).
    pub patents: Vec<ip::patent::Citation>,
    /// A brief's data and charts.
    pub brief: Option<Brief>,
    /// Kinds of the charts the body placed itself.
    pub charts_placed: Vec<String>,
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

/// The theme's interface strings by language.
pub type ThemeStrings = BTreeMap<String, IndexMap<String, String>>;

/// What the renderer needs of the loaded theme.
#[derive(Clone, Copy)]
pub struct ThemeFiles<'a> {
    /// The interface strings by language.
    pub strings: &'a ThemeStrings,
    /// The output paths of the static files (`img/logo.svg`), the portal's `static/` included.
    pub static_paths: &'a [String],
}

/// Renders Markdown with what every body of one build shares.
pub struct Renderer<'a> {
    root: &'a Path,
    /// `None` when the theme could not be loaded: the words are then the keys (that error stops
    /// the build anyway).
    strings: Option<&'a ThemeStrings>,
    static_dir: std::path::PathBuf,
    /// Every file served from the site root that no page renders: the theme's and `static/`'s
    /// files and the pages' co-located files (output paths). `None` without a theme.
    served: Option<HashSet<String>>,
    config: &'a Config,
    library: &'a Library,
    links: LinkMap,
    highlighter: Highlighter,
}

impl<'a> Renderer<'a> {
    /// Indexes the library's pages for `@/` links; `theme` is the theme's interface strings, for
    /// the words the engine writes (charts, shortcodes, patent numbers), and the output paths of
    /// its static files (with the portal's `static/`), which images from the site root must name.
    pub fn new(
        root: &'a Path,
        config: &'a Config,
        library: &'a Library,
        theme: Option<ThemeFiles<'a>>,
    ) -> Self {
        let served = theme.as_ref().map(|t| {
            let assets = library.assets.iter().map(|(_, path)| path.clone());
            t.static_paths.iter().cloned().chain(assets).collect()
        });
        Renderer {
            root,
            strings: theme.map(|t| t.strings),
            static_dir: root.join("static"),
            served,
            config,
            library,
            links: LinkMap::new(library, config),
            highlighter: Highlighter::default(),
        }
    }

    /// Renders page `index` (with a brief's data and charts); returns its body and its errors.
    pub fn page(&self, index: usize) -> (Body, Vec<Diagnostic>) {
        let page = &self.library.pages[index];
        let (brief, brief_errors) = match content_ip::load_brief(self.root, page) {
            Ok(Some(loaded)) => (Some(self.draw(loaded.data, &page.lang)), loaded.warnings),
            Ok(None) => (None, Vec::new()),
            Err(errors) => (None, errors),
        };
        let charts = brief.as_ref().map(|b| &b.charts);
        let files = self.page_files(&page.lang, &page.assets, charts);
        let options = self.body_options(page.meta.patent_links, files);
        let rendered = self.render(&page.source, page.body_offset, &page.file, options);
        let (body, mut errors) = body(rendered, page.meta.summary.as_deref());
        errors.extend(brief_errors);
        (Body { brief, ..body }, errors)
    }

    /// A brief's data with its charts drawn in `lang`.
    fn draw(&self, data: ip::brief::BriefData, lang: &str) -> Brief {
        let charts = ip::chart::render_all(&data, &self.strings_of(lang));
        Brief { data, charts }
    }

    fn strings_of<'b>(&'b self, lang: &'b str) -> Strings<'b> {
        Strings::new(lang, self.strings.and_then(|s| s.get(lang)))
    }

    fn section(&self, index: usize) -> (Body, Vec<Diagnostic>) {
        let section = &self.library.sections[index];
        let file = section.file.clone().unwrap_or_default();
        let files = self.page_files(&section.lang, &[], None);
        let options = self.body_options(section.meta.patent_links, files);
        let rendered = self.render(&section.source, section.body_offset, &file, options);
        body(rendered, section.meta.summary.as_deref())
    }

    /// The page's part of the IP passes: patent links unless the site or the page turned them off.
    fn body_options<'b>(
        &'b self,
        patent_links: Option<bool>,
        files: PageFiles<'b>,
    ) -> BodyOptions<'b> {
        let patents = &self.config.patents;
        BodyOptions {
            patents: Some(patents).filter(|p| p.links && patent_links.unwrap_or(true)),
            ipc: Some(&self.config.ipc),
            files,
        }
    }

    fn page_files<'b>(
        &'b self,
        lang: &'b str,
        assets: &'b [(std::path::PathBuf, String)],
        charts: Option<&'b std::collections::BTreeMap<String, String>>,
    ) -> PageFiles<'b> {
        PageFiles {
            lang,
            strings: self.strings_of(lang),
            assets,
            static_dir: &self.static_dir,
            served: self.served.as_ref(),
            base_path: &self.config.base_path,
            charts,
        }
    }

    fn render(&self, source: &str, offset: usize, file: &Path, options: BodyOptions) -> Rendered {
        let urls = Urls::new(self.config);
        let target_url = |target: Target| match target {
            Target::Page(i) => urls.url(&self.library.pages[i].path),
            Target::Section(i) => urls.url(&self.library.sections[i].path),
        };
        markdown::render(&RenderInput {
            source,
            body_offset: offset,
            file,
            lang: options.files.lang,
            links: &self.links,
            target_url: &target_url,
            base_path: &self.config.base_path,
            highlighter: &self.highlighter,
            ip: &options,
        })
    }
}

/// Renders every body, telling `progress` of each page; returns them with every broken link or
/// anchor found.
pub fn render_library(
    root: &Path,
    config: &Config,
    library: &Library,
    theme: Option<ThemeFiles>,
    progress: ProgressFn,
) -> (Bodies, Vec<Diagnostic>) {
    let renderer = Renderer::new(root, config, library, theme);
    let counter = PageCounter::new(Stage::Markdown, library.pages.len(), progress);
    let (pages, page_errors): (Vec<Body>, Vec<Vec<Diagnostic>>) = (0..library.pages.len())
        .into_par_iter()
        .map(|i| {
            let rendered = renderer.page(i);
            counter.page_done();
            rendered
        })
        .unzip();
    let (sections, section_errors): (Vec<Body>, Vec<Vec<Diagnostic>>) = (0..library.sections.len())
        .into_par_iter()
        .map(|i| renderer.section(i))
        .unzip();
    let bodies = Bodies { pages, sections };
    let mut diagnostics = check_anchors(library, &bodies);
    diagnostics.extend(page_errors.into_iter().chain(section_errors).flatten());
    (bodies, diagnostics)
}

fn body(rendered: Rendered, summary_field: Option<&str>) -> (Body, Vec<Diagnostic>) {
    let from_body = rendered.summary_before_more.is_some() || summary_field.is_none();
    let summary = rendered
        .summary_before_more
        .or_else(|| summary_field.map(|s| format!("<p>{}</p>\n", escape_html(s))))
        .or(rendered.first_paragraph)
        .unwrap_or_default();
    let body = Body {
        html: rendered.html,
        summary,
        summary_text: rendered.summary_text.filter(|_| from_body),
        links: rendered.links,
        local_links: rendered.local_links,
        toc: rendered.toc,
        word_count: rendered.word_count,
        heading_ids: rendered.heading_ids,
        anchor_links: rendered.anchor_links,
        external_links: rendered.external_links,
        patents: rendered.patents,
        brief: None,
        charts_placed: rendered.charts_placed,
        text: rendered.text,
    };
    (body, rendered.errors)
}

/// `@/x.md#anchor` links must name a heading id of the target.
pub fn check_anchors(library: &Library, bodies: &Bodies) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let sources = library
        .pages
        .iter()
        .map(|p| (p.file.as_path(), p.source.as_str()))
        .chain(library.sections.iter().map(|s| {
            (
                s.file.as_deref().unwrap_or(Path::new("")),
                s.source.as_str(),
            )
        }));
    for ((file, source), body) in sources.zip(bodies.pages.iter().chain(&bodies.sections)) {
        for link in &body.anchor_links {
            let target = match link.target {
                Target::Page(i) => &bodies.pages[i],
                Target::Section(i) => &bodies.sections[i],
            };
            if target.heading_ids.contains(&link.anchor) {
                continue;
            }
            diagnostics.push(
                Diagnostic::error(
                    Code::LinkAnchor,
                    crate::msg!(
                        "render.broken_anchor",
                        written = link.written,
                        anchor = link.anchor
                    ),
                )
                .in_file(file)
                .at(source, link.line, link.column)
                .with_help(anchor_help(&link.anchor, &target.heading_ids)),
            );
        }
    }
    diagnostics
}

fn anchor_help(anchor: &str, ids: &[String]) -> crate::base::messages::Text {
    match did_you_mean(anchor, ids.iter().map(String::as_str)) {
        Some(id) => crate::msg!("diagnostic.did_you_mean", name = format!("#{id}")),
        None if ids.is_empty() => crate::msg!("render.no_headings"),
        None => crate::msg!(
            "render.headings",
            ids = ids
                .iter()
                .map(|id| format!("#{id}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
