//! Sections and their pagers: the list of a section's pages, its subsections, and the home
//! pages' latest entries.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Map, Value};

use super::claims::Claim;
use super::context::{self, Translation};
use super::{Writer, newest_first, to_value};
use crate::base::diagnostics::Diagnostic;
use crate::content::Section;

/// `section` in list templates.
#[derive(Debug, Serialize)]
pub struct SectionContext<'a> {
    /// Title.
    pub title: &'a str,
    /// URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Language.
    pub lang: &'a str,
    /// Content type.
    #[serde(rename = "type")]
    pub content_type: &'a str,
    /// Body as HTML.
    pub content: &'a str,
    /// Summary as HTML.
    pub summary: &'a str,
    /// The type's extra fields.
    pub fields: &'a Map<String, Value>,
    /// `extra`.
    pub extra: &'a Value,
    /// This pager's pages.
    pub pages: Vec<&'a Value>,
    /// Child sections.
    pub subsections: Vec<SubsectionEntry>,
    /// Pages in the section, all pagers.
    pub page_count: usize,
    /// Pagination, when there is more than one pager.
    pub paginator: Option<Paginator>,
    /// Other language versions.
    pub translations: Vec<Translation>,
}

/// A child section in a list.
#[derive(Debug, Serialize)]
pub struct SubsectionEntry {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// Summary as HTML.
    pub summary: String,
    /// Content type.
    #[serde(rename = "type")]
    pub content_type: String,
    /// Number of pages.
    pub page_count: usize,
    /// The type's extra fields.
    pub fields: Map<String, Value>,
}

/// Pagination of a list.
#[derive(Debug, Serialize)]
pub struct Paginator {
    /// 1-based current pager.
    pub current: usize,
    /// Number of pagers.
    pub total: usize,
    /// URL of the previous pager.
    pub previous: Option<String>,
    /// URL of the next pager.
    pub next: Option<String>,
    /// Every pager.
    pub pagers: Vec<PagerLink>,
}

/// A pager in the pagination bar.
#[derive(Debug, Serialize)]
pub struct PagerLink {
    /// 1-based number.
    pub number: usize,
    /// URL.
    pub url: String,
    /// Whether pagers between the one before in the bar and this one are left out ("…").
    pub gap_before: bool,
}

/// Pagers shown on each side of the current one in the pagination bar; the first and the last
/// are always shown. Listing every pager made each pager page grow with its list, so a taxonomy
/// of 50,000 pages wrote quadratically many links.
const PAGER_WINDOW: usize = 2;

/// Items per type in the home page's `latest`.
const LATEST_LENGTH: usize = 6;

impl<'a> Writer<'a> {
    /// Writes a section's pagers; with `only_with`, just the pager listing that page.
    pub(super) fn section(
        &self,
        section: &'a Section,
        index: usize,
        only_with: Option<usize>,
    ) -> Result<(), Diagnostic> {
        let template = self.section_template(section);
        let translations: Vec<(String, String)> = section
            .translations
            .iter()
            .map(|&t| {
                let s = &self.library.sections[t];
                (s.lang.clone(), s.path.clone())
            })
            .collect();
        let crumbs = section
            .parent
            .map(|p| context::breadcrumbs(self.config, self.library, &self.library.sections[p]))
            .unwrap_or_default();
        let rendering = section
            .file
            .as_ref()
            .map(|f| f.display().to_string())
            .unwrap_or_else(|| format!("the section {}", section.path));
        let chunks = self.pager_chunks(section);
        let total = chunks.len();
        for (n, chunk) in chunks.into_iter().enumerate() {
            if only_with.is_some_and(|page| !chunk.contains(&page)) {
                continue;
            }
            let path = pager_path(&section.path, n + 1);
            let mut ctx = self.base_context(&section.lang, &path, &translations, &crumbs);
            let pager = self.paginator(&section.path, n + 1, total);
            ctx.insert(
                "section",
                self.section_context(section, index, chunk, pager),
            );
            if section.parent.is_none() {
                ctx.insert("latest", self.latest(&section.lang));
                if let Some(url) = self.catalogue_url(&section.lang) {
                    ctx.insert("catalogue_url", url);
                }
            }
            if let Some(course) = self.course_context(index) {
                ctx.insert_value("course", course);
            }
            if let Some(catalogue) = self.catalogue_context(section) {
                ctx.insert_value("catalogue", catalogue);
            }
            if let Some(team) = self.team_context(section) {
                ctx.insert_value("team", team);
            }
            let by = Claim::from_file(rendering.clone(), section.file.as_deref());
            self.render_to(&template, ctx, by, &path)?;
        }
        Ok(())
    }

    /// `index.html` for a home page, else `<type>_section.html` when the theme has it, else
    /// `section.html`.
    fn section_template(&self, section: &Section) -> String {
        let typed = format!("{}_section.html", section.content_type);
        if section.parent.is_none() {
            "index.html".into()
        } else if self.templates.has(&typed) {
            typed
        } else {
            "section.html".into()
        }
    }

    /// The section's pages, a pager's worth each: a home page has one pager (its newest pages),
    /// an empty section one empty pager.
    fn pager_chunks<'s>(&self, section: &'s Section) -> Vec<&'s [usize]> {
        // A course lists all its lessons on one page unless it asks for pagination, and so do
        // the service catalogue and the team.
        let whole = ["course", "service", "person"].contains(&section.content_type.as_str());
        let default_per_page = if whole {
            usize::MAX
        } else {
            self.config.paginate_by
        };
        let per_page = section.meta.paginate_by.unwrap_or(default_per_page);
        if section.parent.is_none() {
            vec![&section.pages[..section.pages.len().min(per_page)]]
        } else if section.pages.is_empty() {
            vec![&[]]
        } else {
            section.pages.chunks(per_page).collect()
        }
    }

    /// `section` for one pager, listing the pages of `chunk`.
    fn section_context(
        &self,
        section: &'a Section,
        index: usize,
        chunk: &[usize],
        paginator: Option<Paginator>,
    ) -> SectionContext<'a> {
        let body = &self.bodies.sections[index];
        SectionContext {
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
            paginator,
            translations: section
                .translations
                .iter()
                .map(|&t| {
                    let s = &self.library.sections[t];
                    context::translation(self.config, &s.lang, &s.path, &s.meta.title)
                })
                .collect(),
        }
    }

    pub(super) fn subsections(&self, section: &Section) -> Vec<SubsectionEntry> {
        section
            .subsections
            .iter()
            .map(|&i| self.subsection_entry(i))
            .collect()
    }

    pub(super) fn subsection_entry(&self, index: usize) -> SubsectionEntry {
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
    pub(super) fn latest(&self, lang: &str) -> HashMap<&'static str, Vec<Value>> {
        let mut latest = HashMap::new();
        for kind in ["guide", "case", "brief", "page", "lesson"] {
            let mut pages: Vec<usize> = (0..self.library.pages.len())
                .filter(|&i| {
                    let p = &self.library.pages[i];
                    p.lang == lang && p.content_type == kind
                })
                .collect();
            newest_first(self.library, &mut pages);
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

    pub(super) fn paginator(&self, base: &str, current: usize, total: usize) -> Option<Paginator> {
        if total <= 1 {
            return None;
        }
        let url = |n: usize| self.urls.url(&pager_path(base, n));
        Some(Paginator {
            current,
            total,
            previous: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
            pagers: shown_pagers(current, total)
                .into_iter()
                .scan(0, |last, number| {
                    let gap_before = number > *last + 1;
                    *last = number;
                    Some(PagerLink {
                        number,
                        url: url(number),
                        gap_before,
                    })
                })
                .collect(),
        })
    }
}

/// The pagers the bar shows: all of a short list; else the first, the last and
/// [`PAGER_WINDOW`] on each side of `current`, where a gap that would hide a single pager shows
/// it instead.
fn shown_pagers(current: usize, total: usize) -> Vec<usize> {
    if total <= 2 * PAGER_WINDOW + 3 {
        return (1..=total).collect();
    }
    let near = |n: usize| n == 1 || n == total || n.abs_diff(current) <= PAGER_WINDOW;
    (1..=total)
        .filter(|&n| near(n) || (n > 1 && n < total && near(n - 1) && near(n + 1)))
        .collect()
}

/// `/guides/` for the first pager, `/guides/page/2/` for the second.
pub(super) fn pager_path(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

#[cfg(test)]
mod tests {
    use super::shown_pagers;

    #[test]
    fn a_short_list_shows_every_pager() {
        assert_eq!(shown_pagers(1, 7), [1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(shown_pagers(4, 7), [1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn a_long_list_shows_the_ends_and_the_pagers_near_the_current_one() {
        assert_eq!(shown_pagers(1, 100), [1, 2, 3, 100]);
        assert_eq!(shown_pagers(50, 100), [1, 48, 49, 50, 51, 52, 100]);
        assert_eq!(shown_pagers(100, 100), [1, 98, 99, 100]);
        // 2 is the only pager a gap would hide after 1, so it is shown.
        assert_eq!(shown_pagers(5, 100), [1, 2, 3, 4, 5, 6, 7, 100]);
    }

    #[test]
    fn the_bar_stays_short_however_long_the_list() {
        for total in [10, 1_000, 100_000] {
            for current in [1, 2, total / 2, total - 1, total] {
                let shown = shown_pagers(current, total);
                // The window, the two ends and at most one pager shown instead of a gap.
                assert!(shown.len() <= 2 * super::PAGER_WINDOW + 4, "{shown:?}");
                assert!(shown.contains(&current) && shown.contains(&1));
                assert!(shown.contains(&total));
            }
        }
    }
}
