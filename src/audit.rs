//! A loaded [`Site`] → the portal-wide warnings only `ipportal check` reports: pages no reader can
//! reach (orphans), summaries longer than `[check] summary_max`, (`a11y.rs`) accessibility
//! faults in each body's Markdown, and services a user cannot decide on or that are overdue for
//! review (`content::services::audit`).

mod a11y;

use std::collections::HashMap;

use crate::base::diagnostics::{Code, Diagnostic};
use crate::base::text::is_cjk;
use crate::content::front_matter::field_line;
use crate::content::{Library, normalize_alias};
use crate::markdown::links::Target;
use crate::render::{Bodies, Body};
use crate::site::Site;

/// Every finding of the audit, in no particular order.
pub fn audit(site: &Site) -> Vec<Diagnostic> {
    let mut found = orphans(&site.library, &site.bodies);
    found.extend(long_summaries(
        &site.library,
        &site.bodies,
        site.config.check.summary_max,
    ));
    found.extend(a11y::audit(site));
    found.extend(crate::cms::stale_copy(&site.root, &site.config));
    found.extend(crate::cms::rename::unnamed_language(
        &site.root,
        &site.config,
    ));
    found.extend(crate::content::services::audit(
        &site.config,
        &site.library,
        &site.services,
        site.ip.today,
    ));
    found
}

/// Pages a reader cannot reach by following links from the home page.
///
/// Every section is reachable: the navigation, the home page and each section's list of its
/// subsections lead to all of them. A page is reached when
/// - a section other than a language's home lists it (every page of the list is written; a home
///   page shows highlights of a few types, not the pages beside it),
/// - it has a taxonomy term or an IPC code (the term's page lists it),
/// - a section's body, or the body of a page already reached, links to it with `@/` or a URL
///   path (`/guides/x/`, `../x/`, an alias), or
/// - its translation is reached (the language switcher links the two).
fn orphans(library: &Library, bodies: &Bodies) -> Vec<Diagnostic> {
    let by_url = pages_by_url(library);
    let linked = |body: &Body, from: &str| -> Vec<usize> {
        let by_target = body.links.iter().filter_map(|t| match t {
            Target::Page(i) => Some(*i),
            Target::Section(_) => None,
        });
        let by_path = body
            .local_links
            .iter()
            .filter_map(|dest| by_url.get(resolve_url_path(from, dest).as_str()).copied());
        by_target.chain(by_path).collect()
    };
    let mut queue: Vec<usize> = Vec::new();
    for (i, page) in library.pages.iter().enumerate() {
        let listed = library.sections[page.section].parent.is_some();
        let classified = page.meta.taxonomies.values().any(|terms| !terms.is_empty())
            || !page.meta.ipc.is_empty();
        if listed || classified {
            queue.push(i);
        }
    }
    for (section, body) in library.sections.iter().zip(&bodies.sections) {
        queue.extend(linked(body, &section.path));
    }
    let mut reached = vec![false; library.pages.len()];
    while let Some(i) = queue.pop() {
        if std::mem::replace(&mut reached[i], true) {
            continue;
        }
        let page = &library.pages[i];
        queue.extend(linked(&bodies.pages[i], &page.path));
        queue.extend(&page.translations);
    }
    library
        .pages
        .iter()
        .zip(reached)
        .filter(|(_, reached)| !reached)
        .map(|(page, _)| {
            Diagnostic::warning(
                Code::PageOrphan,
                crate::untranslated!("no other page links to this page and no list shows it"),
            )
            .in_file(&page.file)
            .at(&page.source, field_line(&page.source, "title"), 1)
            .with_help(crate::untranslated!(format!(
                "link to it from another page (`[…](@/{})`), or move it into a section folder, whose list shows it",
                page.key
            )))
        })
        .collect()
}

/// Every page's URL path and aliases → the page.
fn pages_by_url(library: &Library) -> HashMap<String, usize> {
    let mut by_url = HashMap::new();
    for (i, page) in library.pages.iter().enumerate() {
        by_url.insert(page.path.clone(), i);
        for alias in &page.meta.aliases {
            by_url.insert(normalize_alias(alias), i);
        }
    }
    by_url
}

/// The URL path a link written on the page at `from` (`/guides/y/`) leads to: `../x/` → `/guides/x/`,
/// `/cases/` → `/cases/`; without query, anchor or a final `index.html`, and with a final `/`.
fn resolve_url_path(from: &str, dest: &str) -> String {
    let dest = dest.split(['#', '?']).next().unwrap_or("");
    let joined = if dest.starts_with('/') {
        dest.to_string()
    } else {
        format!("{from}{dest}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(segment),
        }
    }
    if parts.last() == Some(&"index.html") {
        parts.pop();
    }
    if parts.is_empty() {
        "/".into()
    } else {
        format!("/{}/", parts.join("/"))
    }
}

/// Summaries of pages and sections (but a language's home, which no list shows) longer than
/// `max` columns; `max` 0 checks nothing.
fn long_summaries(library: &Library, bodies: &Bodies, max: usize) -> Vec<Diagnostic> {
    if max == 0 {
        return Vec::new();
    }
    let pages = library
        .pages
        .iter()
        .zip(&bodies.pages)
        .map(|(p, body)| (p.file.as_path(), p.source.as_str(), &p.meta.summary, body));
    let sections = library
        .sections
        .iter()
        .zip(&bodies.sections)
        .filter(|(s, _)| s.parent.is_some())
        .filter_map(|(s, body)| {
            Some((s.file.as_deref()?, s.source.as_str(), &s.meta.summary, body))
        });
    let mut found = Vec::new();
    for (file, source, field, body) in pages.chain(sections) {
        let (text, line, column, help) = match (&body.summary_text, field) {
            (Some(from_body), _) => (
                from_body.text.as_str(),
                from_body.line,
                from_body.column,
                "lists and feeds show the first paragraph (or the text before `<!-- more -->`): shorten it, or add a short `summary:` to the front matter",
            ),
            (None, Some(field)) => (
                field.as_str(),
                field_line(source, "summary"),
                1,
                "lists and feeds show the summary in full: shorten `summary:`",
            ),
            (None, None) => continue,
        };
        let width = display_width(text);
        if width > max {
            found.push(
                Diagnostic::warning(
                    Code::SummaryTooLong,
                    crate::untranslated!(format!(
                        "summary is {width} columns long, over the {max} of `[check] summary_max` (a CJK character counts two)"
                    )),
                )
                .in_file(file)
                .at(source, line, column)
                .with_help(crate::untranslated!(help)),
            );
        }
    }
    found
}

/// The columns `text` takes on screen: two for CJK characters, Hangul and full-width forms, one
/// for anything else. Counting characters, not bytes, and weighing the wide ones double makes one
/// limit fit Chinese and English summaries alike.
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    is_cjk(c)
        || matches!(c as u32,
            0x1100..=0x115F       // Hangul Jamo
            | 0x2E80..=0x303E     // CJK radicals, symbols and punctuation (`。`, `、`)
            | 0x3100..=0x31FF     // Bopomofo and others
            | 0xAC00..=0xD7A3     // Hangul syllables
            | 0xFE30..=0xFE4F     // CJK compatibility forms
            | 0xFF00..=0xFF60     // full-width forms (`，`, `：`, `（`)
            | 0xFFE0..=0xFFE6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_characters_count_two_columns() {
        assert_eq!(display_width("Patent search"), 13);
        assert_eq!(display_width("专利检索，入门。"), 16);
        assert_eq!(display_width("PCT 途径"), 8);
    }

    #[test]
    fn url_paths_resolve_like_a_browser() {
        assert_eq!(resolve_url_path("/guides/y/", "../x/"), "/guides/x/");
        assert_eq!(resolve_url_path("/guides/y/", "/cases/a"), "/cases/a/");
        assert_eq!(
            resolve_url_path("/en/guides/y/", "../../about/#h"),
            "/en/about/"
        );
        assert_eq!(resolve_url_path("/a/", "../../../index.html"), "/");
        assert_eq!(resolve_url_path("/a/", "b/?q=1"), "/a/b/");
    }
}
