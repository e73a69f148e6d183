//! ipportal builds the portal of a university IP information service centre from a folder of
//! Markdown. The pipeline, one module per stage, each using only those before it (ARCHITECTURE.md's
//! code map has the rule; `tests/it/layers.rs` checks it):
//!
//! 1. [`config`]: `site.toml` → validated [`Config`]
//! 2. [`content`]: `content/` → [`content::Library`] of pages and sections, with taxonomies and
//!    what the IP features read from them ([`content::ip`])
//! 3. [`render`]: Markdown bodies → HTML ([`markdown`] does one page)
//! 4. [`templates`]: the theme's templates, static files and strings, compiled
//! 5. [`search`]: the rendered text → the search index, one per language
//! 6. [`write`]: everything → files in an [`output::Output`], swapped in only when all succeeded
//!
//! Below them, [`base`] (text, YAML, diagnostics, safe URLs, stage timing) and [`ip`] (patent
//! numbers, IPC, briefs, charts, calendars: the domain, which knows nothing of the site).
//! [`Site::load_with_progress`] runs stages 1–4 and keeps their result, so `serve` can update one
//! page and write again; [`build`] adds writing and the swap. `check` adds [`audit`]: orphan pages
//! and over-long summaries, found over the whole site.
//!
//! The library never prints; it returns a [`BuildReport`] or the [`Diagnostic`]s to show.
#![warn(clippy::print_stdout, clippy::print_stderr)]
// No function over 100 lines (clippy.toml), outside the integration tests.
#![warn(clippy::too_many_lines)]
// A `Diagnostic` is large, but it only travels on the rare error path: boxing it everywhere would
// cost clarity for nothing.
#![allow(clippy::result_large_err)]

pub mod allocator;
pub mod archetype;
pub mod audit;
pub mod base;
pub mod cms;
pub mod config;
pub mod content;
pub mod external;
pub mod ip;
pub mod markdown;
pub mod output;
pub mod reference;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod templates;
pub mod write;

use std::time::Instant;

use base::{diagnostics, stages};

pub use base::diagnostics::Diagnostic;
pub use base::stages::{Progress, ProgressFn, Stage, StageTime};
pub use config::Config;
pub use site::{BuildOptions, BuildReport, PageCount, Site};

/// Builds the portal into its output folder. On any error nothing is written and the previous
/// output stays as it was; the error contains every diagnostic found. The output folder is
/// claimed first (see [`output::guard`]): a folder ipportal did not write is never replaced.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    build_with_progress(options, stages::NO_PROGRESS)
}

/// [`build`], telling `progress` of every page as its Markdown is rendered and as it is
/// written, from many threads at once: for a progress bar.
pub fn build_with_progress(
    options: &BuildOptions,
    progress: ProgressFn,
) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    let output = output::Output::create(&options.output_dir(), &options.root, options.force)
        .map_err(|e| vec![e])?;
    let mut site = match Site::load_with_progress(options, progress) {
        Ok(site) => site,
        Err(errors) => {
            output.discard();
            return Err(errors);
        }
    };
    let files = match site.write_with_progress(&output, progress) {
        Ok(files) => files,
        Err(errors) => {
            output.discard();
            return Err(errors);
        }
    };
    let output_bytes = output.bytes_written();
    let (committed, commit_time) = stages::timed(|| output.commit());
    committed.map_err(|e| vec![e])?;
    let mut report = site.report(files);
    stages::record(&mut report.stages, Stage::Commit, commit_time);
    report.output_bytes = output_bytes;
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Runs every check `build` runs plus the [`audit`], renders everything, and writes nothing.
/// Returns all diagnostics, warnings included, sorted by file, line and column.
pub fn check(options: &BuildOptions) -> Vec<Diagnostic> {
    match Site::load(options) {
        Ok(mut site) => check_loaded(&mut site),
        Err(mut diagnostics) => {
            diagnostics::sort_and_dedup(&mut diagnostics);
            diagnostics
        }
    }
}

/// [`check`], plus every link to another site in the pages' Markdown requested over HTTP (see
/// [`external`]), with the `[check]` settings of `site.toml`. External links are checked only
/// when the portal loads without errors.
pub fn check_external(options: &BuildOptions) -> external::ExternalReport {
    check_external_within(options, None)
}

/// [`check_external`], with `external_timeout` seconds for the whole run instead of the
/// `[check] external_timeout` of `site.toml` when it is given (`--external-timeout`).
pub fn check_external_within(
    options: &BuildOptions,
    external_timeout: Option<u64>,
) -> external::ExternalReport {
    let mut site = match Site::load(options) {
        Ok(site) => site,
        Err(mut diagnostics) => {
            diagnostics::sort_and_dedup(&mut diagnostics);
            return external::ExternalReport {
                diagnostics,
                ..Default::default()
            };
        }
    };
    let mut diagnostics = check_loaded(&mut site);
    let mut settings = site.config.check.clone();
    settings.external_timeout = external_timeout.unwrap_or(settings.external_timeout);
    let links = external::occurrences(&site.library, &site.bodies);
    let mut report = external::check_links(&site.root, &settings, &links);
    diagnostics.append(&mut report.diagnostics);
    diagnostics::sort_and_dedup(&mut diagnostics);
    report.diagnostics = diagnostics;
    report
}

/// The [`audit`], the load's warnings and whatever rendering everything (writing nothing)
/// finds, sorted by file, line and column.
fn check_loaded(site: &mut Site) -> Vec<Diagnostic> {
    let mut found = audit::audit(site);
    found.append(&mut site.warnings);
    if let Err(errors) = site.write(&output::Output::dry_run()) {
        found.extend(errors);
    }
    diagnostics::sort_and_dedup(&mut found);
    found
}

/// Loads and renders the portal and builds its search index in memory, writing nothing: for
/// tests, and for tools that inspect the index.
pub fn search_index(options: &BuildOptions) -> Result<search::SearchIndex, Vec<Diagnostic>> {
    let mut site = Site::load(options)?;
    Ok(site.take_search_index())
}
