//! Rendered library → files: every page, section pager, taxonomy page, 404 page, alias redirect,
//! feed, the sitemap and the static files, rendered in parallel into the [`Output`]. With
//! `--minify`, every HTML file is minified on its way out, in [`Writer::write`].

mod claims;
mod ip;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::config::Config;
use crate::content::taxonomy::TaxonomyIndex;
use crate::content::{Library, Page, Section, normalize_alias};
use crate::diagnostics::{Code, Diagnostic, display_path};
use crate::output::assets::{AssetSource, Assets, SYNTAX_CSS};
use crate::output::{Output, feed, file_for_path, minify, redirect_page, sitemap};
use crate::render::Bodies;
use crate::stages::{PageCounter, ProgressFn, Stage};
use crate::templates::context::{
    self, LessonInfo, Link, PagerLink, Paginator, SectionContext, Stylesheets, SubsectionEntry,
    Urls,
};
use crate::templates::{StaticSource, Templates, Theme};
use claims::{Claim, Claims};

/// Entries in a feed.
const FEED_LENGTH: usize = 20;
/// Items per type in the home page's `latest`.
const LATEST_LENGTH: usize = 6;

/// Everything the writer needs, produced by the earlier stages.
pub struct SiteParts<'a> {
    /// The portal root, for naming static files in messages.
    pub root: &'a Path,
    /// Validated configuration.
    pub config: &'a Config,
    /// Pages and sections.
    pub library: &'a Library,
    /// Their rendered bodies.
    pub bodies: &'a Bodies,
    /// Taxonomies per language.
    pub taxonomies: &'a [TaxonomyIndex],
    /// Course sessions and the IPC index.
    pub ip: &'a crate::ip::IpSite,
    /// The theme's files and strings.
    pub theme: &'a Theme,
    /// Compiled templates.
    pub templates: &'a Templates,
    /// The static files as written, with their fingerprinted names.
    pub assets: &'a Assets,
    /// Minify the HTML pages.
    pub minify: bool,
}

/// What the writer computes once per build, kept by `serve` between rebuilds.
pub struct Prepared {
    /// Every page's listing form, serialized once and shared by every list it appears in.
    summaries: Vec<Value>,
    /// Per language: `lang`, `t` and `site`, built once and copied into every context.
    bases: HashMap<String, Map<String, Value>>,
}

impl Prepared {
    /// Prepares the shared parts of every template context.
    pub fn new(parts: &SiteParts) -> Self {
        let summaries = (0..parts.library.pages.len())
            .into_par_iter()
            .map(|i| page_summary(parts, i))
            .collect();
        let bases = base_contexts(parts);
        Prepared { summaries, bases }
    }

    /// Replaces one page's listing form (after its body changed); returns whether it differs.
    pub fn replace_summary(&mut self, index: usize, summary: Value) -> bool {
        let changed = self.summaries[index] != summary;
        self.summaries[index] = summary;
        changed
    }
}

/// Page `index` in the form lists show it, ready for templates.
pub fn page_summary(parts: &SiteParts, index: usize) -> Value {
    let body = &parts.bodies.pages[index];
    let page = &parts.library.pages[index];
    to_value(context::page_summary(
        parts.config,
        parts.library,
        page,
        &body.summary,
        body.word_count,
    ))
}

fn base_contexts(parts: &SiteParts) -> HashMap<String, Map<String, Value>> {
    let config = parts.config;
    let urls = Urls::new(config);
    let asset_url = |path: &str| urls.url(&format!("/{}", parts.assets.output_path(path)));
    let stylesheets = || Stylesheets {
        main: asset_url("css/site.css"),
        syntax: asset_url(SYNTAX_CSS),
    };
    config
        .languages
        .iter()
        .map(|l| {
            let site = context::site_context(
                config,
                parts.library,
                parts.taxonomies,
                &l.code,
                stylesheets(),
                has_search_page(parts),
            );
            let mut base = Map::new();
            base.insert("lang".into(), Value::String(l.code.clone()));
            base.insert("t".into(), to_value(parts.theme.strings.get(&l.code)));
            base.insert("site".into(), to_value(site));
            (l.code.clone(), base)
        })
        .collect()
}

/// Writes the whole site into `output`, telling `progress` of each page; returns the number of
/// files written.
pub fn write_site(
    parts: &SiteParts,
    prepared: &Prepared,
    output: &Output,
    progress: ProgressFn,
) -> Result<usize, Vec<Diagnostic>> {
    let writer = Writer::new(parts, prepared, output);
    let library = parts.library;
    let counter = PageCounter::new(Stage::Write, library.pages.len(), progress);
    let mut errors: Vec<Diagnostic> = Vec::new();
    errors.extend(
        (0..library.pages.len())
            .into_par_iter()
            .filter_map(|i| {
                let written = writer.page(&library.pages[i], i);
                counter.page_done();
                written.err()
            })
            .collect::<Vec<_>>(),
    );
    errors.extend(
        library
            .sections
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, s)| writer.section(s, i, None).err())
            .collect::<Vec<_>>(),
    );
    errors.extend(
        parts
            .taxonomies
            .par_iter()
            .flat_map_iter(|t| writer.taxonomy(t, None).err())
            .collect::<Vec<_>>(),
    );
    let rest = [
        writer.search_pages(parts),
        writer.not_found_pages(),
        writer.aliases(),
        writer.feeds(),
        writer.sitemap(),
        writer.static_files(),
        writer.ip_files(),
    ];
    errors.extend(rest.into_iter().filter_map(Result::err));
    let files = writer.files.load(Ordering::Relaxed);
    errors.extend(writer.claims.into_clashes());
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(one_per_template_problem(errors))
    }
}

/// Writes page `index` again, and, when `with_lists`, every list showing its summary: the pager
/// of its section and of each of its terms that lists it, its language's home page, the feeds.
pub fn write_page_and_lists(
    parts: &SiteParts,
    prepared: &Prepared,
    output: &Output,
    index: usize,
    with_lists: bool,
) -> Result<(), Vec<Diagnostic>> {
    let writer = Writer::new(parts, prepared, output);
    let library = parts.library;
    let page = &library.pages[index];
    writer.page(page, index).map_err(|e| vec![e])?;
    if !with_lists {
        return Ok(());
    }
    writer
        .section(&library.sections[page.section], page.section, Some(index))
        .map_err(|e| vec![e])?;
    let home = library
        .sections
        .iter()
        .position(|s| s.parent.is_none() && s.lang == page.lang);
    if let Some(home) = home.filter(|&h| h != page.section) {
        writer
            .section(&library.sections[home], home, None)
            .map_err(|e| vec![e])?;
    }
    for taxonomy in parts.taxonomies.iter().filter(|t| t.lang == page.lang) {
        writer
            .taxonomy(taxonomy, Some(index))
            .map_err(|e| vec![e])?;
    }
    writer.feeds().map_err(|e| vec![e])?;
    let clashes = writer.claims.into_clashes();
    if clashes.is_empty() {
        Ok(())
    } else {
        Err(clashes)
    }
}

/// A broken template fails every page it renders: report each problem once.
fn one_per_template_problem(errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    errors
        .into_iter()
        .filter(|e| seen.insert((e.file.clone(), e.message.clone())))
        .collect()
}

struct Writer<'a> {
    root: &'a Path,
    config: &'a Config,
    library: &'a Library,
    bodies: &'a Bodies,
    taxonomies: &'a [TaxonomyIndex],
    ip: &'a crate::ip::IpSite,
    templates: &'a Templates,
    output: &'a Output,
    urls: Urls<'a>,
    summaries: &'a [Value],
    bases: &'a HashMap<String, Map<String, Value>>,
    assets: &'a Assets,
    minify: bool,
    files: AtomicUsize,
    /// Who writes each output file.
    claims: Claims<'a>,
}

impl<'a> Writer<'a> {
    fn new(parts: &SiteParts<'a>, prepared: &'a Prepared, output: &'a Output) -> Self {
        // The search index is written beside the pages, not through the writer: its folder is
        // reserved up front.
        let claims = if parts.config.search.enabled {
            let folder = format!("{}/", crate::search::INDEX_DIR);
            Claims::reserving(folder, Claim::generated("the search index"))
        } else {
            Claims::default()
        };
        Writer {
            root: parts.root,
            config: parts.config,
            library: parts.library,
            bodies: parts.bodies,
            taxonomies: parts.taxonomies,
            ip: parts.ip,
            templates: parts.templates,
            output,
            urls: Urls::new(parts.config),
            summaries: &prepared.summaries,
            bases: &prepared.bases,
            assets: parts.assets,
            minify: parts.minify,
            files: AtomicUsize::new(0),
            claims,
        }
    }

    /// Writes one generated file: every page, pager, redirect, feed and calendar comes through
    /// here, on the thread that rendered it, so HTML is minified here and in parallel. Nothing
    /// is written when `by` cannot claim the path (the clash is reported at the end).
    fn write(&self, path: &str, bytes: &[u8], by: Claim<'a>) -> Result<(), Diagnostic> {
        if !self.claims.take(path, by) {
            return Ok(());
        }
        if self.minify && path.ends_with(".html") {
            self.output.write(path, &minify::html(bytes))?;
        } else {
            self.output.write(path, bytes)?;
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Context every template gets: language, strings, site, switcher, breadcrumbs.
    fn base_context(
        &self,
        lang: &str,
        path: &str,
        translations: &[(String, String)],
        breadcrumbs: &[Link],
    ) -> Context {
        let mut ctx = Context(self.bases.get(lang).cloned().unwrap_or_default());
        ctx.insert(
            "alternates",
            context::alternates(self.config, lang, path, translations),
        );
        ctx.insert("current_url", self.urls.url(path));
        ctx.insert("breadcrumbs", breadcrumbs);
        ctx
    }

    /// Copies `source` (a static file, a page's file) to `path`, when `by` can claim it.
    fn copy(&self, source: &Path, path: &str, by: Claim<'a>) -> Result<(), Diagnostic> {
        if self.claims.take(path, by) {
            self.output.copy(source, path)?;
            self.files.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Renders `template` into the page at `path`, which `by` writes (and template errors name).
    fn render_to(
        &self,
        template: &str,
        ctx: Context,
        by: Claim<'a>,
        path: &str,
    ) -> Result<(), Diagnostic> {
        let ctx = tera::Context::from_value(Value::Object(ctx.0)).unwrap_or_default();
        let html = self.templates.render(template, &ctx, by.name())?;
        self.write(&file_for_path(path), html.as_bytes(), by)
    }

    fn page(&self, page: &'a Page, index: usize) -> Result<(), Diagnostic> {
        let template = self.page_template(page)?;
        let section = &self.library.sections[page.section];
        let translations: Vec<(String, String)> = page
            .translations
            .iter()
            .map(|&t| {
                (
                    self.library.pages[t].lang.clone(),
                    self.library.pages[t].path.clone(),
                )
            })
            .collect();
        let crumbs = context::breadcrumbs(self.config, self.library, section);
        let mut ctx = self.base_context(&page.lang, &page.path, &translations, &crumbs);
        let body = &self.bodies.pages[index];
        // `page` is the listing form plus the body, table of contents and lesson position.
        let mut page_value = self.summaries[index].clone();
        if let Value::Object(map) = &mut page_value {
            map.insert("content".into(), Value::String(body.html.clone()));
            map.insert("toc".into(), to_value(&body.toc));
            map.insert("lesson".into(), to_value(self.lesson_info(section, index)));
            map.insert("patents".into(), to_value(&body.patents));
            map.insert("cited_patents".into(), page.meta.cited_patents.into());
            map.insert("ipc".into(), self.page_ipc(index));
            if let Some(brief) = &body.brief {
                let unplaced: Vec<&str> = crate::ip::chart::KINDS
                    .into_iter()
                    .filter(|k| {
                        brief.charts.contains_key(*k) && !body.charts_placed.iter().any(|p| p == k)
                    })
                    .collect();
                map.insert("data".into(), to_value(&brief.data));
                map.insert("charts".into(), to_value(&brief.charts));
                map.insert("charts_unplaced".into(), to_value(unplaced));
            }
        }
        ctx.insert_value("page", page_value);
        self.render_to(&template, ctx, Claim::page(&page.file), &page.path)?;
        let dir = file_for_path(&page.path);
        let dir = dir.trim_end_matches("index.html");
        for (source, name) in &page.assets {
            let by = Claim::copied(display_path(self.root, source));
            self.copy(source, &format!("{dir}{name}"), by)?;
        }
        Ok(())
    }

    /// The page's `template`, else `<type>.html`, else `page.html`.
    fn page_template(&self, page: &Page) -> Result<String, Diagnostic> {
        if let Some(name) = &page.meta.template {
            if self.templates.has(name) {
                return Ok(name.clone());
            }
            let line = page
                .source
                .lines()
                .position(|l| l.starts_with("template"))
                .map_or(1, |i| i + 1);
            return Err(Diagnostic::error(Code::TemplateMissing, format!(
                "template `{name}` not found: expected themes/{}/templates/{name} or templates/{name}",
                self.config.theme
            ))
            .in_file(&page.file)
            .at(&page.source, line, 1));
        }
        let by_type = format!("{}.html", page.content_type);
        Ok(if self.templates.has(&by_type) {
            by_type
        } else {
            "page.html".into()
        })
    }

    fn lesson_info(&self, section: &Section, index: usize) -> Option<LessonInfo> {
        if !section.is_course() {
            return None;
        }
        let position = section.pages.iter().position(|&p| p == index)?;
        let link = |i: usize| {
            let p = &self.library.pages[i];
            Link {
                title: p.meta.title.clone(),
                url: self.urls.url(&p.path),
            }
        };
        Some(LessonInfo {
            number: position + 1,
            total: section.pages.len(),
            course: Link {
                title: section.meta.title.clone(),
                url: self.urls.url(&section.path),
            },
            previous: position.checked_sub(1).map(|p| link(section.pages[p])),
            next: section.pages.get(position + 1).map(|&p| link(p)),
        })
    }

    /// Writes a section's pagers; with `only_with`, just the pager listing that page.
    fn section(
        &self,
        section: &'a Section,
        index: usize,
        only_with: Option<usize>,
    ) -> Result<(), Diagnostic> {
        let is_home = section.parent.is_none();
        let typed = format!("{}_section.html", section.content_type);
        let template = if is_home {
            "index.html"
        } else if self.templates.has(&typed) {
            typed.as_str()
        } else {
            "section.html"
        };
        // A course lists all its lessons on one page unless it asks for pagination.
        let default_per_page = if section.is_course() {
            usize::MAX
        } else {
            self.config.paginate_by
        };
        let per_page = section.meta.paginate_by.unwrap_or(default_per_page);
        let chunks: Vec<&[usize]> = if is_home {
            vec![&section.pages[..section.pages.len().min(per_page)]]
        } else if section.pages.is_empty() {
            vec![&[]]
        } else {
            section.pages.chunks(per_page).collect()
        };
        let translations: Vec<(String, String)> = section
            .translations
            .iter()
            .map(|&t| {
                (
                    self.library.sections[t].lang.clone(),
                    self.library.sections[t].path.clone(),
                )
            })
            .collect();
        let crumbs = section
            .parent
            .map(|p| context::breadcrumbs(self.config, self.library, &self.library.sections[p]))
            .unwrap_or_default();
        let body = &self.bodies.sections[index];
        let rendering = section
            .file
            .as_ref()
            .map(|f| f.display().to_string())
            .unwrap_or_else(|| format!("the section {}", section.path));
        let total = chunks.len();
        for (n, chunk) in chunks.into_iter().enumerate() {
            if only_with.is_some_and(|page| !chunk.contains(&page)) {
                continue;
            }
            let path = pager_path(&section.path, n + 1);
            let mut ctx = self.base_context(&section.lang, &path, &translations, &crumbs);
            ctx.insert(
                "section",
                &SectionContext {
                    title: &section.meta.title,
                    url: self.urls.url(&section.path),
                    permalink: self.urls.permalink(&section.path),
                    lang: &section.lang,
                    content_type: &section.content_type,
                    content: &body.html,
                    summary: &body.summary,
                    fields: &section.meta.fields,
                    extra: &section.meta.extra,
                    pages: chunk.iter().map(|&p| &self.summaries[p]).collect(),
                    subsections: self.subsections(section),
                    page_count: section.pages.len(),
                    paginator: self.paginator(&section.path, n + 1, total),
                    translations: section
                        .translations
                        .iter()
                        .map(|&t| {
                            let s = &self.library.sections[t];
                            context::translation(self.config, &s.lang, &s.path, &s.meta.title)
                        })
                        .collect(),
                },
            );
            if is_home {
                ctx.insert("latest", self.latest(&section.lang));
            }
            if let Some(course) = self.course_context(index) {
                ctx.insert_value("course", course);
            }
            let by = Claim::from_file(rendering.clone(), section.file.as_deref());
            self.render_to(template, ctx, by, &path)?;
        }
        Ok(())
    }

    fn subsections(&self, section: &Section) -> Vec<SubsectionEntry> {
        section
            .subsections
            .iter()
            .map(|&i| self.subsection_entry(i))
            .collect()
    }

    fn subsection_entry(&self, index: usize) -> SubsectionEntry {
        let s = &self.library.sections[index];
        SubsectionEntry {
            title: s.meta.title.clone(),
            url: self.urls.url(&s.path),
            summary: self.bodies.sections[index].summary.clone(),
            content_type: s.content_type.clone(),
            page_count: s.pages.len(),
            fields: s.meta.fields.clone(),
        }
    }

    /// The home page's newest guides, cases and briefs, and its courses.
    fn latest(&self, lang: &str) -> HashMap<&'static str, Vec<Value>> {
        let mut latest = HashMap::new();
        for kind in ["guide", "case", "brief", "page", "lesson"] {
            let mut pages: Vec<usize> = (0..self.library.pages.len())
                .filter(|&i| {
                    let p = &self.library.pages[i];
                    p.lang == lang && p.content_type == kind
                })
                .collect();
            pages.sort_by(|&a, &b| {
                let (a, b) = (&self.library.pages[a], &self.library.pages[b]);
                b.meta
                    .date
                    .cmp(&a.meta.date)
                    .then_with(|| a.file.cmp(&b.file))
            });
            let values = pages
                .into_iter()
                .take(LATEST_LENGTH)
                .map(|i| self.summaries[i].clone())
                .collect();
            latest.insert(kind, values);
        }
        let courses = self
            .library
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.lang == lang && s.is_course())
            .take(LATEST_LENGTH)
            .map(|(i, _)| to_value(self.subsection_entry(i)))
            .collect();
        latest.insert("course", courses);
        latest.insert("sessions", self.next_sessions(lang));
        latest
    }

    fn paginator(&self, base: &str, current: usize, total: usize) -> Option<Paginator> {
        if total <= 1 {
            return None;
        }
        let url = |n: usize| self.urls.url(&pager_path(base, n));
        Some(Paginator {
            current,
            total,
            previous: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
            pagers: (1..=total)
                .map(|number| PagerLink {
                    number,
                    url: url(number),
                })
                .collect(),
        })
    }

    /// Writes a taxonomy's term list and term pagers; with `only_with`, just the term pagers
    /// listing that page.
    fn taxonomy(&self, index: &TaxonomyIndex, only_with: Option<usize>) -> Result<(), Diagnostic> {
        let taxonomy = context::taxonomy_context(index, &self.urls);
        let same_elsewhere = |key: Option<&str>| -> Vec<(String, String)> {
            self.taxonomies
                .iter()
                .filter(|t| t.name == index.name && t.lang != index.lang)
                .filter_map(|t| match key {
                    None => Some((t.lang.clone(), t.path.clone())),
                    Some(k) => t
                        .terms
                        .iter()
                        .find(|term| term.key == k)
                        .map(|term| (t.lang.clone(), term.path.clone())),
                })
                .collect()
        };
        let rendering = format!("the `{}` taxonomy", index.name);
        let mut ctx = self.base_context(&index.lang, &index.path, &same_elsewhere(None), &[]);
        ctx.insert("taxonomy", &taxonomy);
        if only_with.is_none() {
            let by = Claim::generated(rendering.clone());
            self.render_to("taxonomy.html", ctx, by, &index.path)?;
        }

        let crumbs = [Link {
            title: index.label.clone(),
            url: self.urls.url(&index.path),
        }];
        for (term, term_context) in index.terms.iter().zip(&taxonomy.terms) {
            let chunks: Vec<&[usize]> = if term.pages.is_empty() {
                vec![&[]]
            } else {
                term.pages.chunks(self.config.paginate_by).collect()
            };
            let translations = same_elsewhere(Some(&term.key));
            let total = chunks.len();
            for (n, chunk) in chunks.into_iter().enumerate() {
                if only_with.is_some_and(|page| !chunk.contains(&page)) {
                    continue;
                }
                let path = pager_path(&term.path, n + 1);
                let mut ctx = self.base_context(&index.lang, &path, &translations, &crumbs);
                ctx.insert("taxonomy", &taxonomy);
                ctx.insert("term", term_context);
                let pages: Vec<&Value> = chunk.iter().map(|&p| &self.summaries[p]).collect();
                ctx.insert("pages", &pages);
                ctx.insert("paginator", self.paginator(&term.path, n + 1, total));
                let by = Claim::generated(rendering.clone());
                self.render_to("taxonomy_term.html", ctx, by, &path)?;
            }
        }
        Ok(())
    }

    /// `search.html` at `/search/` and `/en/search/`, when the portal has search.
    fn search_pages(&self, parts: &SiteParts) -> Result<(), Diagnostic> {
        if !has_search_page(parts) {
            return Ok(());
        }
        let paths: Vec<(String, String)> = self
            .config
            .languages
            .iter()
            .map(|l| (l.code.clone(), context::search_path(self.config, &l.code)))
            .collect();
        for (lang, path) in &paths {
            let others: Vec<(String, String)> =
                paths.iter().filter(|(l, _)| l != lang).cloned().collect();
            let ctx = self.base_context(lang, path, &others, &[]);
            self.render_to(
                "search.html",
                ctx,
                Claim::generated("the search page"),
                path,
            )?;
        }
        Ok(())
    }

    fn not_found_pages(&self) -> Result<(), Diagnostic> {
        let paths: Vec<(String, String)> = self
            .config
            .languages
            .iter()
            .map(|l| {
                (
                    l.code.clone(),
                    format!("/{}404.html", self.config.language_prefix(&l.code)),
                )
            })
            .collect();
        for (lang, path) in &paths {
            let others: Vec<(String, String)> =
                paths.iter().filter(|(l, _)| l != lang).cloned().collect();
            let ctx = self.base_context(lang, path, &others, &[]);
            self.render_to("404.html", ctx, Claim::generated("the 404 page"), path)?;
        }
        Ok(())
    }

    fn aliases(&self) -> Result<(), Diagnostic> {
        let pages = self.library.pages.iter().map(|p| {
            (
                &p.meta.aliases,
                &p.path,
                p.file.as_path(),
                p.source.as_str(),
                p.lang.as_str(),
            )
        });
        let sections = self.library.sections.iter().filter_map(|s| {
            let file = s.file.as_deref()?;
            Some((
                &s.meta.aliases,
                &s.path,
                file,
                s.source.as_str(),
                s.lang.as_str(),
            ))
        });
        for (aliases, path, file, source, lang) in pages.chain(sections) {
            for alias in aliases {
                let html = redirect_page(&self.urls.url(path), lang);
                let by = Claim::alias(alias, file, source, alias_line(source, alias));
                self.write(&file_for_path(&normalize_alias(alias)), html.as_bytes(), by)?;
            }
        }
        Ok(())
    }

    fn feeds(&self) -> Result<(), Diagnostic> {
        for lang in &self.config.languages {
            let pages: Vec<usize> = (0..self.library.pages.len())
                .filter(|&i| self.library.pages[i].lang == lang.code)
                .collect();
            let home = format!("/{}", self.config.language_prefix(&lang.code));
            self.feed(&lang.title, &home, &lang.code, pages)?;
        }
        for section in self.library.sections.iter().filter(|s| s.parent.is_some()) {
            if section
                .pages
                .iter()
                .any(|&p| self.library.pages[p].meta.date.is_some())
            {
                let lang = self.config.language(&section.lang);
                let title = format!(
                    "{} · {}",
                    section.meta.title,
                    lang.map(|l| l.title.as_str()).unwrap_or_default()
                );
                self.feed(&title, &section.path, &section.lang, section.pages.clone())?;
            }
        }
        Ok(())
    }

    /// Writes `<path>atom.xml` with the newest dated pages among `pages`.
    fn feed(
        &self,
        title: &str,
        path: &str,
        lang: &str,
        mut pages: Vec<usize>,
    ) -> Result<(), Diagnostic> {
        let library = self.library;
        pages.retain(|&i| library.pages[i].meta.date.is_some());
        pages.sort_by(|&a, &b| {
            let (a, b) = (&library.pages[a], &library.pages[b]);
            b.meta
                .date
                .cmp(&a.meta.date)
                .then_with(|| a.file.cmp(&b.file))
        });
        let entries = pages
            .into_iter()
            .take(FEED_LENGTH)
            .map(|i| {
                let page = &library.pages[i];
                let date = page.meta.date.expect("kept dated pages only");
                feed::FeedEntry {
                    title: &page.meta.title,
                    permalink: self.urls.permalink(&page.path),
                    published: date.rfc3339(),
                    updated: page.meta.updated.unwrap_or(date).rfc3339(),
                    summary: &self.bodies.pages[i].summary,
                }
            })
            .collect();
        let feed_path = format!("{path}atom.xml");
        let xml = feed::render(&feed::Feed {
            title: title.to_string(),
            self_url: self.urls.permalink(&feed_path),
            home_url: self.urls.permalink(path),
            lang,
            entries,
        });
        let by = Claim::generated(format!("the feed {}", self.urls.url(&feed_path)));
        self.write(&file_for_path(&feed_path), xml.as_bytes(), by)
    }

    fn sitemap(&self) -> Result<(), Diagnostic> {
        let library = self.library;
        let mut entries = Vec::new();
        for page in &library.pages {
            let versions = std::iter::once(page)
                .chain(page.translations.iter().map(|&t| &library.pages[t]))
                .map(|p| (p.lang.as_str(), p.path.as_str()));
            entries.push(sitemap::SitemapEntry {
                url: self.urls.permalink(&page.path),
                lastmod: page.meta.updated.or(page.meta.date).map(|d| d.ymd()),
                alternates: self.hreflang_alternates(versions),
            });
        }
        for section in &library.sections {
            let versions = std::iter::once(section)
                .chain(section.translations.iter().map(|&t| &library.sections[t]))
                .map(|s| (s.lang.as_str(), s.path.as_str()));
            entries.push(sitemap::SitemapEntry {
                url: self.urls.permalink(&section.path),
                lastmod: None,
                alternates: self.hreflang_alternates(versions),
            });
        }
        for index in self.taxonomies {
            let paths = std::iter::once(&index.path).chain(index.terms.iter().map(|t| &t.path));
            entries.extend(paths.map(|path| sitemap::SitemapEntry {
                url: self.urls.permalink(path),
                lastmod: None,
                alternates: Vec::new(),
            }));
        }
        let sitemap = sitemap::render(entries);
        self.write(
            "sitemap.xml",
            sitemap.as_bytes(),
            Claim::generated("the sitemap"),
        )?;
        // A robots.txt of the theme or the portal's static/ replaces the generated one.
        if self.assets.files.contains_key("robots.txt") {
            return Ok(());
        }
        let robots = sitemap::robots(&self.config.base_url);
        self.write(
            "robots.txt",
            robots.as_bytes(),
            Claim::generated("robots.txt"),
        )
    }

    /// (language, permalink) of every version of a page, or nothing when there is only one.
    fn hreflang_alternates<'p>(
        &self,
        versions: impl Iterator<Item = (&'p str, &'p str)>,
    ) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = versions
            .map(|(lang, path)| (lang.to_string(), self.urls.permalink(path)))
            .collect();
        if all.len() == 1 {
            all.clear();
        }
        all.sort();
        all
    }

    fn static_files(&self) -> Result<(), Diagnostic> {
        for (relative, source) in &self.assets.files {
            let bytes = match source {
                AssetSource::Static(StaticSource::Disk(path)) => {
                    let by = Claim::copied(display_path(self.root, path));
                    self.copy(path, relative, by)?;
                    continue;
                }
                AssetSource::Static(StaticSource::Embedded(bytes)) => bytes,
                AssetSource::Bytes(bytes) => bytes.as_slice(),
            };
            // Built-in and fingerprinted files: written as they are, never minified as pages.
            if self.claims.take(
                relative,
                Claim::generated(format!("the static file `{relative}`")),
            ) {
                self.output.write(relative, bytes)?;
                self.files.fetch_add(1, Ordering::Relaxed);
            }
        }
        for (source, relative) in &self.library.assets {
            self.copy(
                source,
                relative,
                Claim::copied(display_path(self.root, source)),
            )?;
        }
        Ok(())
    }
}

/// The line of `alias` in `source` (the first one naming it), else of the `aliases` field.
fn alias_line(source: &str, alias: &str) -> usize {
    let lines = || source.lines().enumerate();
    lines()
        .find(|(_, l)| l.contains(alias))
        .or_else(|| lines().find(|(_, l)| l.starts_with("aliases")))
        .map_or(1, |(i, _)| i + 1)
}

/// Search is on in `site.toml` and the theme has a search page.
fn has_search_page(parts: &SiteParts) -> bool {
    parts.config.search.enabled && parts.templates.has("search.html")
}

/// A template context built as JSON and handed to Tera as it is: Tera's own `insert` would
/// serialize every value once more for every page.
struct Context(Map<String, Value>);

impl Context {
    fn insert(&mut self, key: &str, value: impl Serialize) {
        self.0.insert(key.to_string(), to_value(value));
    }

    fn insert_value(&mut self, key: &str, value: Value) {
        self.0.insert(key.to_string(), value);
    }
}

fn to_value(value: impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// `/guides/` for the first pager, `/guides/page/2/` for the second.
fn pager_path(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}
