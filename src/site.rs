//! A loaded portal: every stage's result, kept together so a build can write it and `serve` can
//! update one page of it without loading everything again.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::base::diagnostics::{self, Code, Diagnostic};
use crate::base::stages::{self, NO_PROGRESS, ProgressFn, Stage, StageTime, Stopwatch, timed};
use crate::config::{self, Config};
use crate::content::front_matter::Kind;
use crate::content::ip::{self as content_ip, IpSite};
use crate::content::services::{self, Catalogue};
use crate::content::taxonomy::{self, TaxonomyIndex};
use crate::content::{self, Library};
use crate::ip;
use crate::markdown::{self, highlight};
use crate::output::Output;
use crate::render::{self, Bodies, Renderer, ThemeFiles};
use crate::search::{self, SearchIndex};
use crate::templates::{self, StaticSource, Templates, Theme};
use crate::write::assets::{self, AssetSource, Assets};
use crate::write::{self, Prepared, SiteParts};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The portal's root folder (holds `site.toml`).
    pub root: PathBuf,
    /// Where to write the site; `<root>/public` when `None`.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Include pages and sections marked `draft: true`.
    pub drafts: bool,
    /// Minify the HTML pages, stylesheets and scripts (`build --minify`; never `serve`).
    pub minify: bool,
    /// Replace the output folder even if it holds files ipportal did not write (`build --force`;
    /// never the portal or its source folders).
    pub force: bool,
    /// The date that sorts course sessions into upcoming and past; when `None`, the date of
    /// `SOURCE_DATE_EPOCH` if set, else today (UTC).
    pub today: Option<chrono::NaiveDate>,
}

impl BuildOptions {
    /// Options for building the portal at `root` with every default.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            minify: false,
            force: false,
            today: None,
        }
    }

    /// The build date: `today`, else `SOURCE_DATE_EPOCH`, else the clock.
    pub fn build_date(&self) -> chrono::NaiveDate {
        let epoch = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0));
        self.today
            .or(epoch.map(|t| t.date_naive()))
            .unwrap_or_else(|| chrono::Utc::now().date_naive())
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages, all languages.
    pub pages: usize,
    /// Pages per language and content type, in `site.toml` order; combinations without pages
    /// are left out.
    pub page_counts: Vec<PageCount>,
    /// Sections, all languages.
    pub sections: usize,
    /// Taxonomy terms, all languages.
    pub terms: usize,
    /// Languages.
    pub languages: usize,
    /// Files written.
    pub files: usize,
    /// Total size of the files written, in bytes.
    pub output_bytes: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// Wall time of each stage, in the order they ran. [`Stage::Search`] runs alongside
    /// [`Stage::Write`], so the times may add up to more than `elapsed`.
    pub stages: Vec<StageTime>,
    /// Warnings (the build succeeded anyway).
    pub warnings: Vec<Diagnostic>,
}

/// Pages of one language and content type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageCount {
    /// Language code.
    pub lang: String,
    /// Content type (`lesson` for the pages of a course).
    pub content_type: String,
    /// How many.
    pub pages: usize,
}

/// Everything needed to write the portal, validated.
pub struct Site {
    /// The portal root, absolute.
    pub root: PathBuf,
    /// Validated configuration.
    pub config: Config,
    /// Pages and sections.
    pub library: Library,
    /// Rendered bodies, index for index with the library.
    pub bodies: Bodies,
    /// Taxonomies per language.
    pub taxonomies: Vec<TaxonomyIndex>,
    /// Course sessions and IPC codes across the portal.
    pub ip: IpSite,
    /// The service catalogue and the team.
    pub services: Catalogue,
    /// Warnings found while loading.
    pub warnings: Vec<Diagnostic>,
    /// How long each stage took so far, in the order they ran.
    pub stage_times: Vec<StageTime>,
    /// The search index, built on the first write when `[search] enabled`.
    search: Option<SearchIndex>,
    theme: Theme,
    templates: Templates,
    assets: Assets,
    /// Whether HTML pages are minified as they are written.
    minify: bool,
    prepared: Prepared,
}

/// What [`Site::update_page`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum PageUpdate {
    /// Only the page was written again.
    PageOnly,
    /// The page and the lists showing its summary were written again.
    PageAndLists,
    /// The change reaches further (front matter, a new or deleted file): build everything.
    NeedsFullBuild,
}

impl Site {
    /// Runs every stage up to writing: configuration, content, taxonomies, theme, Markdown.
    /// Fails with every error found.
    pub fn load(options: &BuildOptions) -> Result<Site, Vec<Diagnostic>> {
        Site::load_with_progress(options, NO_PROGRESS)
    }

    /// [`Site::load`], telling `progress` of each page whose Markdown is rendered.
    pub fn load_with_progress(
        options: &BuildOptions,
        progress: ProgressFn,
    ) -> Result<Site, Vec<Diagnostic>> {
        let mut clock = Stopwatch::start();
        let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
        let config = load_config(&root, options)?;
        let mut diagnostics = Vec::new();
        let library = keep(
            &mut diagnostics,
            content::load(&root, &config, options.drafts),
        );
        let taxonomies = keep(&mut diagnostics, taxonomy::build(&config, &library));
        let ip = keep(
            &mut diagnostics,
            content_ip::build(&library, options.build_date()),
        );
        let services = keep(&mut diagnostics, services::build(&config, &library));
        let theme = load_theme(&root, &config, options.minify, &mut diagnostics);
        clock.lap(Stage::Load);
        let static_paths = theme.as_ref().map(|(theme, _, _)| static_paths(theme));
        let theme_files =
            theme
                .as_ref()
                .zip(static_paths.as_ref())
                .map(|((theme, _, _), paths)| ThemeFiles {
                    strings: &theme.strings,
                    static_paths: paths,
                });
        let bodies = keep(
            &mut diagnostics,
            render::render_library(&root, &config, &library, theme_files, progress),
        );
        clock.lap(Stage::Markdown);
        diagnostics::sort_and_dedup(&mut diagnostics);
        let (theme, assets, templates) = match theme {
            Some(t) if !diagnostics.iter().any(Diagnostic::is_error) => t,
            _ => return Err(diagnostics),
        };
        let prepared = Prepared::new(&SiteParts {
            root: &root,
            config: &config,
            library: &library,
            bodies: &bodies,
            taxonomies: &taxonomies,
            ip: &ip,
            services: &services,
            theme: &theme,
            templates: &templates,
            assets: &assets,
            minify: options.minify,
        });
        // The shared template contexts are the first part of writing.
        clock.lap(Stage::Write);
        Ok(Site {
            root,
            config,
            library,
            bodies,
            taxonomies,
            ip,
            services,
            warnings: diagnostics,
            stage_times: clock.into_times(),
            search: None,
            theme,
            templates,
            assets,
            minify: options.minify,
            prepared,
        })
    }

    fn parts(&self) -> SiteParts<'_> {
        SiteParts {
            root: &self.root,
            config: &self.config,
            library: &self.library,
            bodies: &self.bodies,
            taxonomies: &self.taxonomies,
            ip: &self.ip,
            services: &self.services,
            theme: &self.theme,
            templates: &self.templates,
            assets: &self.assets,
            minify: self.minify,
        }
    }

    /// Writes every file of the portal, search index included; returns how many.
    pub fn write(&mut self, output: &Output) -> Result<usize, Vec<Diagnostic>> {
        self.write_with_progress(output, NO_PROGRESS)
    }

    /// [`Site::write`], telling `progress` of each page written.
    pub fn write_with_progress(
        &mut self,
        output: &Output,
        progress: ProgressFn,
    ) -> Result<usize, Vec<Diagnostic>> {
        if !self.config.search.enabled || self.search.is_some() {
            let (files, write_time) =
                timed(|| write::write_site(&self.parts(), &self.prepared, output, progress));
            stages::record(&mut self.stage_times, Stage::Write, write_time);
            let files = files?;
            let Some(index) = self.search.as_mut() else {
                return Ok(files);
            };
            let (index_files, search_time) = timed(|| search::write(index, output));
            stages::record(&mut self.stage_times, Stage::Search, search_time);
            return Ok(files + index_files.map_err(|e| vec![e])?);
        }
        // The index is built while the pages are written: the writer waits on the disk, the
        // index has sequential steps, and together they keep both cores busy.
        let texts = search::take_texts(&mut self.bodies);
        let ((written, write_time), ((index, index_files), search_time)) = rayon::join(
            || timed(|| write::write_site(&self.parts(), &self.prepared, output, progress)),
            || {
                timed(|| {
                    let mut index = search::build(&self.config, &self.library, texts);
                    let files = search::write(&mut index, output);
                    (index, files)
                })
            },
        );
        stages::record(&mut self.stage_times, Stage::Write, write_time);
        stages::record(&mut self.stage_times, Stage::Search, search_time);
        self.search = Some(index);
        Ok(written? + index_files.map_err(|e| vec![e])?)
    }

    /// The search index, built from the rendered text the first time it is asked for.
    fn search_index(&mut self) -> &mut SearchIndex {
        let (config, library) = (&self.config, &self.library);
        let bodies = &mut self.bodies;
        self.search
            .get_or_insert_with(|| search::build(config, library, search::take_texts(bodies)))
    }

    /// Takes the search index out of the site (building it if needed).
    pub fn take_search_index(&mut self) -> SearchIndex {
        self.search_index();
        self.search.take().unwrap_or_default()
    }

    /// Brings the search index up to date for page `index` after [`Site::update_page`] and
    /// writes the index files that changed. `serve` calls it after the reload has been sent.
    pub fn update_search(&mut self, index: usize, output: &Output) -> Result<(), Diagnostic> {
        let Some(search_index) = self.search.as_mut() else {
            return Ok(());
        };
        let body = &mut self.bodies.pages[index];
        search::update_page(search_index, &self.config, &self.library, index, body);
        search::write(search_index, output).map(|_| ())
    }

    /// The summary of a successful build that wrote `files` files.
    pub fn report(&self, files: usize) -> BuildReport {
        BuildReport {
            pages: self.library.pages.len(),
            page_counts: self.page_counts(),
            sections: self.library.sections.len(),
            terms: self.taxonomies.iter().map(|t| t.terms.len()).sum(),
            languages: self.config.languages.len(),
            files,
            output_bytes: 0,
            elapsed: std::time::Duration::ZERO,
            stages: self.stage_times.clone(),
            warnings: self.warnings.clone(),
        }
    }

    /// Pages per language and content type, in `site.toml` order, leaving out empty ones.
    fn page_counts(&self) -> Vec<PageCount> {
        let mut counts = Vec::new();
        for lang in &self.config.languages {
            for content_type in self.config.types.keys() {
                let pages = self
                    .library
                    .pages
                    .iter()
                    .filter(|p| p.lang == lang.code && &p.content_type == content_type)
                    .count();
                if pages > 0 {
                    counts.push(PageCount {
                        lang: lang.code.clone(),
                        content_type: content_type.clone(),
                        pages,
                    });
                }
            }
        }
        counts
    }

    /// The page whose file is `path` (absolute, or relative to the root).
    pub fn page_index(&self, path: &Path) -> Option<usize> {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        self.library.pages.iter().position(|p| p.file == relative)
    }

    /// Takes a changed page file into account and writes what depends on it. When only the
    /// body changed, that is the page (and, if its summary changed, the lists showing it); any
    /// other change asks for a full build. On error nothing changes.
    pub fn update_page(
        &mut self,
        index: usize,
        output: &Output,
    ) -> Result<PageUpdate, Vec<Diagnostic>> {
        let page = &self.library.pages[index];
        let inherited = content::page_type_in(&self.library.sections[page.section]);
        let path = self.root.join(&page.file);
        let (read, errors) =
            content::read_file(&self.root, &path, Kind::Page, inherited, &self.config)?;
        if !errors.is_empty() {
            return Err(errors);
        }
        if read.meta != page.meta {
            return Ok(PageUpdate::NeedsFullBuild);
        }
        let (source, body_offset, body_line) = (read.source, read.body_offset, read.body_line);

        let old_source = std::mem::replace(&mut self.library.pages[index].source, source);
        let old_offset = std::mem::replace(&mut self.library.pages[index].body_offset, body_offset);
        let static_paths = static_paths(&self.theme);
        let theme = ThemeFiles {
            strings: &self.theme.strings,
            static_paths: &static_paths,
        };
        let (body, mut errors) =
            Renderer::new(&self.root, &self.config, &self.library, Some(theme)).page(index);
        let old_body = std::mem::replace(&mut self.bodies.pages[index], body);
        errors.extend(render::check_anchors(&self.library, &self.bodies));
        // A brief's export may bring warnings: only errors keep the edit out.
        if errors.iter().any(Diagnostic::is_error) {
            // Put everything back: the site stays as it was before the broken edit.
            self.library.pages[index].source = old_source;
            self.library.pages[index].body_offset = old_offset;
            self.bodies.pages[index] = old_body;
            diagnostics::sort_and_dedup(&mut errors);
            return Err(errors);
        }
        self.library.pages[index].body_line = body_line;
        let summary = write::page_summary(&self.parts(), index);
        let lists = self.prepared.replace_summary(index, summary);
        write::write_page_and_lists(&self.parts(), &self.prepared, output, index, lists)?;
        Ok(if lists {
            PageUpdate::PageAndLists
        } else {
            PageUpdate::PageOnly
        })
    }

    /// Copies the changed files of the portal's own `static/` folder (`paths`, absolute) into
    /// `output` when nothing else of the site depends on them; returns `false`, having copied
    /// nothing, when one of them needs a full build: a stylesheet or script (renamed after its
    /// bytes, and so named in every page), a deleted file or a folder, a file of a theme (the
    /// portal's file of the same name would hide it), a new file at a path the site already
    /// has, or a file some page or section names (a `download` shows its size).
    pub fn update_static(
        &mut self,
        paths: &[PathBuf],
        output: &Output,
    ) -> Result<bool, Diagnostic> {
        let mut copies = Vec::new();
        for path in paths {
            let Some(relative) = self.plain_static_file(path, output) else {
                return Ok(false);
            };
            copies.push((path, relative));
        }
        for (path, relative) in copies {
            output.copy(path, &relative)?;
            let source = StaticSource::Disk(path.clone());
            self.theme
                .static_files
                .insert(relative.clone(), source.clone());
            self.assets
                .files
                .insert(relative, AssetSource::Static(source));
        }
        Ok(true)
    }

    /// The output path of `path` when it is a file of `static/` only copied (see
    /// [`Site::update_static`]).
    fn plain_static_file(&self, path: &Path, output: &Output) -> Option<String> {
        // A symbolic link anywhere on the way is left out by a full build.
        let real = std::fs::canonicalize(path).ok()?;
        let relative = real.strip_prefix(self.root.join("static")).ok()?;
        let relative = relative.to_str()?.replace('\\', "/");
        let plain = real == path
            && real.is_file()
            && !assets::is_fingerprinted(&relative)
            && !relative.starts_with(&format!("{}/", search::INDEX_DIR));
        let own_place = match self.assets.files.get(&relative) {
            Some(AssetSource::Static(StaticSource::Disk(known))) => known == path,
            Some(_) => false,
            None => !output.contains(&relative),
        };
        let named = (self.library.pages.iter().map(|p| &p.source))
            .chain(self.library.sections.iter().map(|s| &s.source))
            .any(|source| source.contains(relative.as_str()));
        (plain && own_place && !named).then_some(relative)
    }
}

/// `site.toml`, its synonym groups checked by search, and `--base-url` applied.
fn load_config(root: &Path, options: &BuildOptions) -> Result<Config, Vec<Diagnostic>> {
    let mut config = config::load(root)?;
    let synonym_errors = search::check_synonyms(&config.search.synonyms);
    if !synonym_errors.is_empty() {
        return Err(synonym_errors);
    }
    if let Some(url) = &options.base_url {
        config.set_base_url(url).map_err(|e| {
            vec![Diagnostic::error(
                Code::ConfigInvalid,
                crate::untranslated!(format!("--base-url: {e}")),
            )]
        })?;
    }
    Ok(config)
}

/// The theme, its static files (with their final names) and its compiled templates; `None`
/// with the errors in `diagnostics` when any of them fails. The templates need the assets'
/// final names, which depend on their (minified) bytes.
fn load_theme(
    root: &Path,
    config: &Config,
    minify: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Theme, Assets, Templates)> {
    let loaded =
        templates::load_theme(root, config, &engine_string_keys()).and_then(|mut theme| {
            diagnostics.append(&mut theme.warnings);
            let assets = Assets::prepare(root, &theme, &highlight::stylesheet(), minify)?;
            let compiled = Templates::compile(&theme, config, &assets.renamed)?;
            Ok((theme, assets, compiled))
        });
    loaded.map_err(|e| diagnostics.extend(e)).ok()
}

/// A stage's result, its diagnostics added to the others.
fn keep<T>(diagnostics: &mut Vec<Diagnostic>, (value, found): (T, Vec<Diagnostic>)) -> T {
    diagnostics.extend(found);
    value
}

/// The output paths of the theme's static files and the portal's `static/`.
fn static_paths(theme: &Theme) -> Vec<String> {
    theme.static_files.keys().cloned().collect()
}

/// The strings the engine writes itself (charts, shortcodes, patent numbers, dates, calendars),
/// beside those the templates use.
pub fn engine_string_keys() -> Vec<&'static str> {
    ip::chart::STRING_KEYS
        .iter()
        .chain(ip::patent::STRING_KEYS)
        .chain(markdown::shortcodes::STRING_KEYS)
        .chain(write::STRING_KEYS)
        .chain(&write::context::DATE_KEYS)
        .copied()
        .collect()
}
