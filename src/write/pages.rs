//! Pages: one HTML file each, in the template its type or its front matter names; a lesson also
//! knows its place in its course.

use serde::Serialize;
use serde_json::Value;

use super::claims::Claim;
use super::context::{self, Link};
use super::{Writer, file_for_path, to_value};
use crate::base::diagnostics::{Code, Diagnostic, display_path};
use crate::content::front_matter::field_line;
use crate::content::{Page, Section};

/// A lesson's place in its course.
#[derive(Debug, Serialize)]
pub struct LessonInfo {
    /// 1-based position.
    pub number: usize,
    /// Lessons in the course.
    pub total: usize,
    /// The course.
    pub course: Link,
    /// The lesson before, if any.
    pub previous: Option<Link>,
    /// The lesson after, if any.
    pub next: Option<Link>,
}

impl<'a> Writer<'a> {
    pub(super) fn page(&self, page: &'a Page, index: usize) -> Result<(), Diagnostic> {
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
            if let Some(service) = self.service_context(index) {
                map.insert("service".into(), service);
            }
            if let Some(person) = self.person_context(index) {
                map.insert("person".into(), person);
            }
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
    pub(super) fn page_template(&self, page: &Page) -> Result<String, Diagnostic> {
        if let Some(name) = &page.meta.template {
            if self.templates.has(name) {
                return Ok(name.clone());
            }
            let line = field_line(&page.source, "template");
            return Err(Diagnostic::error(Code::TemplateMissing, crate::untranslated!(format!(
                "template `{name}` not found: expected themes/{}/templates/{name} or templates/{name}",
                self.config.theme
            )))
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

    pub(super) fn lesson_info(&self, section: &Section, index: usize) -> Option<LessonInfo> {
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
}
