//! ipportal builds the portal of a university IP information service centre from a folder of
//! Markdown. The pipeline, one module per stage:
//!
//! 1. [`config`]: `site.toml` → validated [`Config`]
//! 2. [`content`]: `content/` → [`content::Library`] of pages and sections, with taxonomies
//! 3. [`render`]: Markdown bodies → HTML ([`markdown`] does one page)
//! 4. [`templates`]: the theme's Tera templates and strings
//! 5. [`search`]: the rendered text → the search index, one per language
//! 6. [`write`]: everything → files in an [`output::Output`], swapped in only when all succeeded
//!
//! The library never prints; it returns a [`BuildReport`] or the [`Diagnostic`]s to show.
#![warn(clippy::print_stdout, clippy::print_stderr)]
// A `Diagnostic` is large, but it only travels on the rare error path: boxing it everywhere would
// cost clarity for nothing.
#![allow(clippy::result_large_err)]

pub mod config;
pub mod content;
pub mod diagnostics;
pub mod markdown;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod slug;
pub mod templates;
pub mod write;

use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use config::Config;
pub use diagnostics::Diagnostic;

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
}

impl BuildOptions {
    /// Options for building the portal at `root` with every default.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
        }
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
    /// Sections, all languages.
    pub sections: usize,
    /// Taxonomy terms, all languages.
    pub terms: usize,
    /// Languages.
    pub languages: usize,
    /// Files written.
    pub files: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Warnings (the build succeeded anyway).
    pub warnings: Vec<Diagnostic>,
}

/// Builds the portal into its output folder. On any error nothing is written and the previous
/// output stays as it was; the error contains every diagnostic found.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    let mut report = run(options, true)?;
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Runs every check `build` runs, renders everything, and writes nothing. Returns all
/// diagnostics, warnings included.
pub fn check(options: &BuildOptions) -> Vec<Diagnostic> {
    match run(options, false) {
        Ok(report) => report.warnings,
        Err(diagnostics) => diagnostics,
    }
}

/// Loads and renders the portal and builds its search index in memory, writing nothing: for
/// tests, and for `serve`, which keeps the index and updates it page by page.
pub fn search_index(options: &BuildOptions) -> Result<search::SearchIndex, Vec<Diagnostic>> {
    let config = config::load(&options.root)?;
    let (library, mut diagnostics) = content::load(&options.root, &config, options.drafts);
    let (mut bodies, found) = render::render_library(&config, &library);
    diagnostics.extend(found);
    fail_on_errors(&mut diagnostics)?;
    Ok(search::build(
        &config,
        &library,
        search::take_texts(&mut bodies),
    ))
}

fn run(options: &BuildOptions, write_output: bool) -> Result<BuildReport, Vec<Diagnostic>> {
    let root = options.root.as_path();
    let mut config = config::load(root)?;
    if let Some(url) = &options.base_url {
        config
            .set_base_url(url)
            .map_err(|e| vec![Diagnostic::error(format!("--base-url: {e}"))])?;
    }
    let mut diagnostics = Vec::new();
    let (library, found) = content::load(root, &config, options.drafts);
    diagnostics.extend(found);
    let (taxonomies, found) = content::taxonomy::build(&config, &library);
    diagnostics.extend(found);
    let templates = match templates::load_theme(root, &config) {
        Ok(theme) => match templates::Templates::compile(&theme, &config) {
            Ok(compiled) => Some((theme, compiled)),
            Err(e) => {
                diagnostics.extend(e);
                None
            }
        },
        Err(e) => {
            diagnostics.extend(e);
            None
        }
    };
    let (mut bodies, found) = render::render_library(&config, &library);
    diagnostics.extend(found);
    fail_on_errors(&mut diagnostics)?;
    let Some((theme, templates)) = templates else {
        return Err(diagnostics); // holds the theme's errors
    };

    // `check` writes nothing, so it has no index to build.
    let texts = (write_output && config.search.enabled).then(|| search::take_texts(&mut bodies));

    let output = if write_output {
        output::Output::create(&options.output_dir()).map_err(|e| vec![e])?
    } else {
        output::Output::dry_run()
    };
    let parts = write::SiteParts {
        config: &config,
        library: &library,
        bodies: &bodies,
        taxonomies: &taxonomies,
        theme: &theme,
        templates: &templates,
    };
    // The index is built while the pages are written: the writer waits on the disk, the index
    // has sequential steps, and together they keep both cores busy.
    let (written, indexed) = rayon::join(
        || write::write_site(&parts, &output),
        || {
            texts.map(|texts| {
                let mut index = search::build(&config, &library, texts);
                search::write(&mut index, &output)
            })
        },
    );
    let written = written.and_then(|files| match indexed {
        Some(Ok(index_files)) => Ok(files + index_files),
        Some(Err(e)) => Err(vec![e]),
        None => Ok(files),
    });
    let files = match written {
        Ok(files) => files,
        Err(errors) => {
            output.discard();
            diagnostics.extend(errors);
            diagnostics::sort_and_dedup(&mut diagnostics);
            return Err(diagnostics);
        }
    };
    output.commit().map_err(|e| vec![e])?;
    diagnostics::sort_and_dedup(&mut diagnostics);
    Ok(BuildReport {
        pages: library.pages.len(),
        sections: library.sections.len(),
        terms: taxonomies.iter().map(|t| t.terms.len()).sum(),
        languages: config.languages.len(),
        files,
        elapsed: Duration::ZERO,
        warnings: diagnostics,
    })
}

/// Sorts the diagnostics and returns them all as the error when any is an error.
fn fail_on_errors(diagnostics: &mut Vec<Diagnostic>) -> Result<(), Vec<Diagnostic>> {
    diagnostics::sort_and_dedup(diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        Err(std::mem::take(diagnostics))
    } else {
        Ok(())
    }
}
