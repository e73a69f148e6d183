//! The site-wide checks on the loaded library: no two pages or sections share a URL or an alias,
//! and no two pages of one section share a title.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Library;
use super::front_matter::field_line;
use crate::base::diagnostics::{Code, Diagnostic};

pub(super) fn check_unique_paths(library: &Library, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let sections = library.sections.iter().filter_map(|s| {
        Some((
            s.path.clone(),
            s.file.clone()?,
            &s.source,
            s.meta.aliases.as_slice(),
        ))
    });
    let pages = library.pages.iter().map(|p| {
        (
            p.path.clone(),
            p.file.clone(),
            &p.source,
            p.meta.aliases.as_slice(),
        )
    });
    for (path, file, source, aliases) in sections.chain(pages) {
        let alias_paths = aliases.iter().map(|a| normalize_alias(a));
        for (n, url) in std::iter::once(path).chain(alias_paths).enumerate() {
            match seen.get(&url) {
                Some(first) => {
                    let what = if n == 0 {
                        crate::msg!("content.url")
                    } else {
                        crate::msg!("content.alias")
                    };
                    let line = if n == 0 {
                        1
                    } else {
                        field_line(source, "aliases")
                    };
                    diagnostics.push(
                        Diagnostic::error(
                            Code::UrlDuplicate,
                            crate::msg!(
                                "content.duplicate_url",
                                what => what,
                                url,
                                first = first.display()
                            ),
                        )
                        .in_file(&file)
                        .at(source, line, 1)
                        .with_help(crate::msg!("content.duplicate_url_help")),
                    );
                }
                None => {
                    seen.insert(url, file.clone());
                }
            }
        }
    }
}

/// An alias as a URL path from the site root with leading and trailing slashes.
pub fn normalize_alias(alias: &str) -> String {
    let trimmed = alias.trim().trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else if trimmed.ends_with(".html") {
        format!("/{trimmed}")
    } else {
        format!("/{trimmed}/")
    }
}

/// Two pages of one section with the same title look the same in its list.
pub(super) fn warn_duplicate_titles(library: &Library, diagnostics: &mut Vec<Diagnostic>) {
    for section in &library.sections {
        let mut seen: HashMap<&str, &Path> = HashMap::new();
        for &index in &section.pages {
            let page = &library.pages[index];
            match seen.get(page.meta.title.as_str()) {
                Some(first) => diagnostics.push(
                    Diagnostic::warning(
                        Code::TitleDuplicate,
                        crate::msg!(
                            "content.duplicate_title",
                            title = page.meta.title,
                            first = first.display()
                        ),
                    )
                    .in_file(&page.file)
                    .at(&page.source, field_line(&page.source, "title"), 1)
                    .with_help(crate::msg!("content.duplicate_title_help")),
                ),
                None => {
                    seen.insert(&page.meta.title, &page.file);
                }
            }
        }
    }
}
