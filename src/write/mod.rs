//! Rendered library → files: every page, section pager, taxonomy page, 404 page, alias redirect,
//! feed, the sitemap and the static files, rendered in parallel into the [`Output`]. Pages,
//! feeds and the sitemap come from the theme's templates. With `--minify`, every HTML file is
//! minified on its way out, in `Writer::write`.

mod admin;
pub mod assets;
mod claims;
pub mod context;
mod feed;
mod ip;
pub mod minify;
mod pages;
mod sections;
mod services;
mod services_json;
mod site_files;
mod sitemap;
mod taxonomies;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::base::diagnostics::Diagnostic;
use crate::base::i18n::Strings;
use crate::base::stages::{PageCounter, ProgressFn, Stage};
use crate::config::{Config, Urls};
use crate::content::Library;
use crate::content::taxonomy::TaxonomyIndex;
use crate::output::Output;
use crate::render::Bodies;
use crate::templates::{Templates, Theme};
use assets::{Assets, SYNTAX_CSS};
use claims::{Claim, Claims};
use context::{Link, Stylesheets};

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
    pub ip: &'a crate::content::ip::IpSite,
    /// The service catalogue and the team.
    pub services: &'a crate::content::services::Catalogue,
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

/// The strings the writer uses itself besides dates ([`context::DATE_KEYS`]): the reading speed,
/// the calendar of all sessions, the IPC pages' breadcrumb. Every theme must have them in each language.
pub const STRING_KEYS: &[&str] = &[
    "reading_words_per_minute",
    "calendar_all_sessions",
    "ipc_classes",
];

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
        &Strings::new(&page.lang, parts.theme.strings.get(&page.lang)),
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
        writer.cms_admin(),
        writer.services_json(),
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
    ip: &'a crate::content::ip::IpSite,
    services: &'a crate::content::services::Catalogue,
    templates: &'a Templates,
    output: &'a Output,
    urls: Urls<'a>,
    summaries: &'a [Value],
    bases: &'a HashMap<String, Map<String, Value>>,
    assets: &'a Assets,
    minify: bool,
    strings: &'a crate::render::ThemeStrings,
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
            services: parts.services,
            templates: parts.templates,
            output,
            urls: Urls::new(parts.config),
            summaries: &prepared.summaries,
            bases: &prepared.bases,
            assets: parts.assets,
            minify: parts.minify,
            strings: &parts.theme.strings,
            files: AtomicUsize::new(0),
            claims,
        }
    }

    /// The theme's strings in `lang`, for the words the writer writes itself.
    fn strings<'b>(&'b self, lang: &'b str) -> Strings<'b> {
        Strings::new(lang, self.strings.get(lang))
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

    /// The part of every context that depends on the language only: `lang`, `t` and `site`. The
    /// whole context of the feeds and the sitemap, which are no page of the site.
    fn language_context(&self, lang: &str) -> Context {
        Context(self.bases.get(lang).cloned().unwrap_or_default())
    }

    /// Context every template gets: language, strings, site, switcher, breadcrumbs.
    fn base_context(
        &self,
        lang: &str,
        path: &str,
        translations: &[(String, String)],
        breadcrumbs: &[Link],
    ) -> Context {
        let mut ctx = self.language_context(lang);
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
}

/// Sorts page indexes newest first (undated last), then by file, so the order never depends on
/// how the files were found.
fn newest_first(library: &Library, pages: &mut [usize]) {
    pages.sort_by(|&a, &b| {
        let (a, b) = (&library.pages[a], &library.pages[b]);
        b.meta
            .date
            .cmp(&a.meta.date)
            .then_with(|| a.file.cmp(&b.file))
    });
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

/// The output file for a URL path: `/guides/x/` → `guides/x/index.html`.
pub(crate) fn file_for_path(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_index_files() {
        assert_eq!(file_for_path("/"), "index.html");
        assert_eq!(file_for_path("/en/guides/x/"), "en/guides/x/index.html");
        assert_eq!(file_for_path("/old.html"), "old.html");
    }
}
