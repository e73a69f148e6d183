//! The writer's part of the IP features: course sessions for templates and as iCalendar files,
//! and the IPC pages (`/ipc/`, one page per subclass, grouped section → class → subclass →
//! group).

use serde_json::{Value, json};

use super::claims::Claim;
use super::context::{Link, format_date};
use super::{Writer, to_value};
use crate::base::diagnostics::{Code, Diagnostic};
use crate::ip::calendar::{self, CalendarEvent, Session};
use crate::ip::ipc::{self, IpcCode};

/// Sessions on the home page.
const NEXT_SESSIONS: usize = 4;

impl Writer<'_> {
    /// `course` for a course's template: its sessions, upcoming and past, and its `.ics`.
    pub(super) fn course_context(&self, index: usize) -> Option<Value> {
        let section = &self.library.sections[index];
        let sessions = &self.ip.sessions[index];
        if !section.is_course() {
            return None;
        }
        let today = self.ip.today;
        let (upcoming, past): (Vec<&Session>, Vec<&Session>) =
            sessions.iter().partition(|s| s.date >= today);
        let value = |s: &&Session| {
            self.session_value(s, &section.lang, section.meta.fields.get("registration"))
        };
        Some(json!({
            "upcoming": upcoming.iter().map(value).collect::<Vec<_>>(),
            "past": past.iter().rev().map(value).collect::<Vec<_>>(),
            "ics_url": (!sessions.is_empty()).then(|| self.urls.url(&format!("{}course.ics", section.path))),
            "today": today.format("%Y-%m-%d").to_string(),
        }))
    }

    fn session_value(&self, s: &Session, lang: &str, course_registration: Option<&Value>) -> Value {
        let date = crate::content::front_matter::Date {
            day: s.date,
            time: None,
        };
        json!({
            "date": s.date.format("%Y-%m-%d").to_string(),
            "date_display": format_date(&date, &self.strings(lang)),
            "time": s.time,
            "place": s.place,
            "online": s.online,
            "registration": s.registration.as_ref().map(|r| json!(r)).or(course_registration.cloned()),
            "capacity": s.capacity,
        })
    }

    /// The home page's next sessions of every course in `lang`, soonest first.
    pub(super) fn next_sessions(&self, lang: &str) -> Vec<Value> {
        let mut next: Vec<(usize, &Session)> = self
            .library
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.lang == lang && s.is_course())
            .flat_map(|(i, _)| self.ip.sessions[i].iter().map(move |s| (i, s)))
            .filter(|(_, s)| s.date >= self.ip.today)
            .collect();
        next.sort_by_key(|(i, s)| (s.date, s.start, *i));
        next.into_iter()
            .take(NEXT_SESSIONS)
            .map(|(i, s)| {
                let section = &self.library.sections[i];
                let mut value =
                    self.session_value(s, lang, section.meta.fields.get("registration"));
                value["course"] = to_value(Link {
                    title: section.meta.title.clone(),
                    url: self.urls.url(&section.path),
                });
                value
            })
            .collect()
    }

    /// `page.ipc`: the page's codes with their subclass page and IPCPUB link.
    pub(super) fn page_ipc(&self, index: usize) -> Value {
        let page = &self.library.pages[index];
        let codes: Vec<Value> = page
            .meta
            .ipc
            .iter()
            .filter_map(|c| ipc::parse(&c.value))
            .map(|code| {
                json!({
                    "code": code.display(),
                    "url": self.urls.url(&self.subclass_path(&page.lang, &code.subclass)),
                    "link": code.url(&self.config.ipc, &page.lang),
                })
            })
            .collect();
        Value::Array(codes)
    }

    fn ipc_path(&self, lang: &str) -> String {
        format!("/{}ipc/", self.config.language_prefix(lang))
    }

    fn subclass_path(&self, lang: &str, subclass: &str) -> String {
        format!("{}{}/", self.ipc_path(lang), subclass.to_ascii_lowercase())
    }

    /// Every `.ics` file and IPC page.
    pub(super) fn ip_files(&self) -> Result<(), Diagnostic> {
        self.calendars()?;
        for lang in self.ip.ipc.keys() {
            self.ipc_pages(lang)?;
        }
        Ok(())
    }

    fn calendars(&self) -> Result<(), Diagnostic> {
        let offset = self
            .config
            .calendar
            .offset()
            .map_err(|e| Diagnostic::error(Code::ConfigInvalid, crate::untranslated!(e)))?;
        let host = self
            .config
            .base_url
            .split("://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or("ipportal");
        let today = self.ip.today;
        for lang in &self.config.languages {
            let mut all: Vec<CalendarEvent> = Vec::new();
            let permalinks: Vec<String> = self
                .library
                .sections
                .iter()
                .map(|s| self.urls.permalink(&s.path))
                .collect();
            for (i, section) in self.library.sections.iter().enumerate() {
                if section.lang != lang.code || self.ip.sessions[i].is_empty() {
                    continue;
                }
                let events: Vec<CalendarEvent> = self.ip.sessions[i]
                    .iter()
                    .map(|session| CalendarEvent {
                        session,
                        course: &section.meta.title,
                        url: &permalinks[i],
                        course_key: section.key.trim_end_matches("_index.md"),
                        registration: section
                            .meta
                            .fields
                            .get("registration")
                            .and_then(Value::as_str),
                    })
                    .collect();
                let ics = calendar::ics(&section.meta.title, host, &events, offset, today);
                let by = Claim::from_file(
                    format!("the calendar of {}", section.path),
                    section.file.as_deref(),
                );
                self.write(
                    &format!("{}course.ics", section.path.trim_start_matches('/')),
                    ics.as_bytes(),
                    by,
                )?;
                all.extend(events.into_iter().filter(|e| e.session.date >= today));
            }
            all.sort_by_key(|e| (e.session.date, e.session.start));
            let strings = self.strings(&lang.code);
            let name = format!("{} · {}", lang.title, strings.get("calendar_all_sessions"));
            let ics = calendar::ics(&name, host, &all, offset, today);
            let path = format!("{}sessions.ics", self.config.language_prefix(&lang.code));
            let by = Claim::generated(format!("the calendar of {} sessions", lang.name));
            self.write(&path, ics.as_bytes(), by)?;
        }
        Ok(())
    }

    /// `ipc` for templates: sections → classes → subclasses with their page counts.
    fn ipc_index(&self, lang: &str) -> Value {
        let codes = &self.ip.ipc[lang];
        let mut subclasses: Vec<(String, usize)> = Vec::new();
        for code in codes.keys() {
            if subclasses.last().is_none_or(|(s, _)| *s != code.subclass) {
                let count = self.pages_in_subclass(lang, &code.subclass);
                subclasses.push((code.subclass.clone(), count));
            }
        }
        let mut sections: Vec<Value> = Vec::new();
        for (subclass, count) in subclasses {
            let code = IpcCode {
                subclass: subclass.clone(),
                group: None,
            };
            let entry = json!({"code": subclass, "url": self.urls.url(&self.subclass_path(lang, &subclass)), "count": count});
            let section_code = code.section().to_string();
            if sections
                .last()
                .is_none_or(|s| s["code"] != section_code.as_str())
            {
                sections.push(json!({"code": section_code, "title": ipc::title(&section_code, lang), "classes": []}));
            }
            let classes = sections.last_mut().expect("pushed above")["classes"]
                .as_array_mut()
                .expect("an array");
            if classes.last().is_none_or(|c| c["code"] != code.class()) {
                classes.push(json!({"code": code.class(), "title": ipc::title(code.class(), lang), "subclasses": []}));
            }
            classes.last_mut().expect("pushed above")["subclasses"]
                .as_array_mut()
                .expect("an array")
                .push(entry);
        }
        json!({"url": self.urls.url(&self.ipc_path(lang)), "sections": sections})
    }

    fn ipc_pages(&self, lang: &str) -> Result<(), Diagnostic> {
        for name in ["ipc.html", "ipc_subclass.html"] {
            if !self.templates.has(name) {
                return Err(Diagnostic::error(
                    Code::TemplateMissing,
                    crate::untranslated!(format!(
                        "pages use `ipc:` but the theme has no template `{name}`: expected themes/{}/templates/{name}",
                        self.config.theme
                    )),
                ));
            }
        }
        let index = self.ipc_index(lang);
        let others = |path: &dyn Fn(&str) -> String| -> Vec<(String, String)> {
            self.ip
                .ipc
                .keys()
                .filter(|l| *l != lang)
                .map(|l| (l.clone(), path(l)))
                .collect()
        };
        let path = self.ipc_path(lang);
        let mut ctx = self.base_context(lang, &path, &others(&|l| self.ipc_path(l)), &[]);
        ctx.insert_value("ipc", index.clone());
        self.render_to("ipc.html", ctx, Claim::generated("the IPC index"), &path)?;

        let codes = &self.ip.ipc[lang];
        let crumbs = [Link {
            title: self.strings(lang).get("ipc_classes").into(),
            url: self.urls.url(&path),
        }];
        let mut subclasses: Vec<&str> = codes.keys().map(|c| c.subclass.as_str()).collect();
        subclasses.dedup();
        for subclass in subclasses {
            let page_path = self.subclass_path(lang, subclass);
            let translations = others(&|l| self.subclass_path(l, subclass));
            let translations: Vec<(String, String)> = translations
                .into_iter()
                .filter(|(l, _)| self.ip.ipc[l].keys().any(|c| c.subclass == subclass))
                .collect();
            let mut ctx = self.base_context(lang, &page_path, &translations, &crumbs);
            ctx.insert_value("ipc", index.clone());
            ctx.insert_value("subclass", self.subclass_value(lang, subclass));
            let by = Claim::generated(format!("the IPC page of {subclass}"));
            self.render_to("ipc_subclass.html", ctx, by, &page_path)?;
        }
        Ok(())
    }

    /// Pages classified anywhere in `subclass`, each counted once.
    fn pages_in_subclass(&self, lang: &str, subclass: &str) -> usize {
        let mut pages: Vec<usize> = self.ip.ipc[lang]
            .iter()
            .filter(|(c, _)| c.subclass == subclass)
            .flat_map(|(_, list)| list.iter().copied())
            .collect();
        pages.sort_unstable();
        pages.dedup();
        pages.len()
    }

    /// A subclass with its section and class, its own pages and its groups → subgroups → pages.
    fn subclass_value(&self, lang: &str, subclass: &str) -> Value {
        let codes = &self.ip.ipc[lang];
        let pages = |list: &[usize]| {
            list.iter()
                .map(|&p| self.summaries[p].clone())
                .collect::<Vec<_>>()
        };
        let mut own = Vec::new();
        let mut groups: Vec<Value> = Vec::new();
        for (code, list) in codes.iter().filter(|(c, _)| c.subclass == subclass) {
            let Some(main) = code.main_group() else {
                own = pages(list);
                continue;
            };
            if groups
                .last()
                .is_none_or(|g| g["code"] != main.display().as_str())
            {
                groups.push(json!({"code": main.display(), "link": main.url(&self.config.ipc, lang), "pages": [], "subgroups": []}));
            }
            let group = groups.last_mut().expect("pushed above");
            if *code == main {
                group["pages"] = Value::Array(pages(list));
            } else {
                group["subgroups"]
                    .as_array_mut()
                    .expect("an array")
                    .push(json!({
                        "code": code.display(),
                        "link": code.url(&self.config.ipc, lang),
                        "pages": pages(list),
                    }));
            }
        }
        let code = IpcCode {
            subclass: subclass.to_string(),
            group: None,
        };
        let count = self.pages_in_subclass(lang, subclass);
        json!({
            "code": subclass,
            "url": self.urls.url(&self.subclass_path(lang, subclass)),
            "link": code.url(&self.config.ipc, lang),
            "count": count,
            "section": {"code": code.section(), "title": ipc::title(code.section(), lang)},
            "class": {"code": code.class(), "title": ipc::title(code.class(), lang)},
            "pages": own,
            "groups": groups,
        })
    }
}
