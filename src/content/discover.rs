//! Walks `content/` and sorts what it finds into section files, page files and assets, without
//! reading any of them.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::base::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::config::Config;

/// A Markdown file in `content/`, classified by its name.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// Absolute (or root-joined) path.
    pub path: PathBuf,
    /// Path relative to `content/` with `/` separators (`guides/x.en.md`).
    pub relative: String,
    /// The language from the file name (`x.en.md`), else the default language.
    pub lang: String,
    /// Translation key: the relative path without the language (`guides/x.md`).
    pub key: String,
    /// Folder of the file relative to `content/` (`guides`, `""` at the top).
    pub dir: String,
    /// Whether this is a section's `_index.md`.
    pub is_section: bool,
    /// For `folder/index.md` pages: the folder holds the page and its co-located assets.
    pub is_bundle: bool,
}

/// What `content/` holds.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Section index files, shallowest first.
    pub sections: Vec<ContentFile>,
    /// Page files, sorted by path.
    pub pages: Vec<ContentFile>,
    /// Non-Markdown files: (source path, path relative to `content/`).
    pub assets: Vec<(PathBuf, String)>,
    /// Problems with file names, and symbolic links (warnings).
    pub errors: Vec<Diagnostic>,
}

/// Lists everything under `content_dir`, sorted so the result never depends on the file system.
pub fn discover(root: &Path, content_dir: &Path, config: &Config) -> Discovered {
    let mut found = Discovered::default();
    let entries = WalkDir::new(content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e.file_name().to_str().unwrap_or("")));
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                found.errors.push(Diagnostic::error(
                    Code::FileUnreadable,
                    crate::msg!("content.folder_unreadable", e),
                ));
                continue;
            }
        };
        if entry.path_is_symlink() && entry.depth() > 0 {
            found.errors.push(symlink_warning(root, entry.path()));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path().to_path_buf();
        let Some(relative) = relative_slash_path(content_dir, &path) else {
            found.errors.push(
                Diagnostic::error(Code::FileEncoding, crate::msg!("content.name_not_utf8"))
                    .in_file(crate::base::diagnostics::display_path(root, &path)),
            );
            continue;
        };
        if relative.ends_with(".md") {
            match classify(&path, &relative, config) {
                Ok(file) if file.is_section => found.sections.push(file),
                Ok(file) => found.pages.push(file),
                Err(message) => found.errors.push(
                    Diagnostic::error(Code::FileName, message.0)
                        .in_file(crate::base::diagnostics::display_path(root, &path))
                        .with_help(message.1),
                ),
            }
        } else {
            found.assets.push((path, relative));
        }
    }
    found
        .sections
        .sort_by(|a, b| (depth(&a.dir), &a.relative).cmp(&(depth(&b.dir), &b.relative)));
    found
}

/// The warning for a symbolic link under `content/`, `static/`, `templates/` or a theme. Links
/// are not followed: one could publish a file from anywhere on the machine (`~/.ssh`, another
/// portal's drafts) or loop forever.
pub fn symlink_warning(root: &Path, path: &Path) -> Diagnostic {
    Diagnostic::warning(Code::FileSymlink, crate::msg!("content.symlink"))
        .in_file(crate::base::diagnostics::display_path(root, path))
        .with_help(crate::msg!("content.symlink_help"))
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.') && name.len() > 1
}

fn depth(dir: &str) -> usize {
    if dir.is_empty() {
        0
    } else {
        dir.matches('/').count() + 1
    }
}

fn relative_slash_path(base: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// Reads language and role from a file name: `_index.md`, `_index.en.md`, `index.md`, `x.en.md`.
fn classify(
    path: &Path,
    relative: &str,
    config: &Config,
) -> Result<ContentFile, (crate::base::messages::Text, crate::base::messages::Text)> {
    let (dir, name) = relative.rsplit_once('/').unwrap_or(("", relative));
    let stem = name.trim_end_matches(".md");
    let (base, lang) = match stem.rsplit_once('.') {
        Some((base, code)) if config.language(code).is_some() => (base, code.to_string()),
        Some((_, code)) if looks_like_language(code) => {
            let codes = config.languages.iter().map(|l| l.code.as_str());
            let help = match did_you_mean(code, codes) {
                Some(c) => crate::msg!("diagnostic.did_you_mean", name = format!(".{c}.md")),
                None => crate::msg!("content.language_suffix_help"),
            };
            return Err((crate::msg!("content.unknown_language_suffix", code), help));
        }
        _ => (stem, config.default_language.clone()),
    };
    let key = if dir.is_empty() {
        format!("{base}.md")
    } else {
        format!("{dir}/{base}.md")
    };
    Ok(ContentFile {
        path: path.to_path_buf(),
        relative: relative.to_string(),
        lang,
        key,
        dir: dir.to_string(),
        is_section: base == "_index",
        is_bundle: base == "index",
    })
}

/// `en`, `zh`, `zh-hant`: a short code rather than part of a name like `v1.2`.
fn looks_like_language(code: &str) -> bool {
    let primary = code.split('-').next().unwrap_or("");
    (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase())
}
