//! `content/` → [`Library`]: every page and section with its validated front matter, its language,
//! its URL path, its translations and its place in the section tree. Nothing is rendered here.
//!
//! - [`discover`]: the files under `content/`, with their language and translation key
//! - [`front_matter`]: a file's front matter, split off, read and located
//! - `library`: the library's types: [`Library`], [`Page`], [`Section`]
//! - `load`: reading the files into sections and pages, in the section tree, ordered
//! - `translations`: each page's and section's other languages, and the untranslated pages
//! - `checks`: the site-wide checks: unique URLs and aliases, duplicate titles
//! - [`taxonomy`]: terms → pages; [`ip`]: sessions, the IPC index, a brief's data file;
//!   [`export`]: a brief's raw export; [`services`]: the service catalogue and the team

mod checks;
pub mod discover;
pub mod export;
pub mod front_matter;
pub mod ip;
mod library;
mod load;
pub mod services;
pub mod taxonomy;
mod translations;

use std::path::Path;

use crate::base::diagnostics::{Code, Diagnostic};
use crate::config::Config;
use discover::ContentFile;

pub use checks::normalize_alias;
pub use library::{Library, Page, Section, page_type_in};
pub use load::{ReadFile, read_file};

/// Reads and validates all of `content/`. Returns the library and every diagnostic found; the
/// library is only complete when no diagnostic is an error.
pub fn load(root: &Path, config: &Config, drafts: bool) -> (Library, Vec<Diagnostic>) {
    let content_dir = root.join("content");
    let mut diagnostics = Vec::new();
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error(Code::ContentMissing, crate::msg!("content.missing"))
                .in_file("content"),
        );
        return (Library::default(), diagnostics);
    }
    let found = discover::discover(root, &content_dir, config);
    diagnostics.extend(found.errors);

    let mut library = Library::default();
    let draft_dirs = load::load_sections(
        root,
        config,
        drafts,
        &found.sections,
        &mut library,
        &mut diagnostics,
    );
    let pages: Vec<ContentFile> = found
        .pages
        .into_iter()
        .filter(|p| !load::in_draft_dir(&p.dir, &draft_dirs))
        .collect();
    load::load_pages(root, config, drafts, &pages, &mut library, &mut diagnostics);
    load::attach_assets(found.assets, &mut library);
    translations::link_translations(&mut library);
    load::sort_children(&mut library);
    checks::check_unique_paths(&library, &mut diagnostics);
    translations::warn_untranslated(&library, config, &mut diagnostics);
    checks::warn_duplicate_titles(&library, &mut diagnostics);
    (library, diagnostics)
}
