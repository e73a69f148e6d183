//! One `service` or `person` page's fields (kept as written in `page.fields`) → a [`Service`] or
//! [`Person`]. Each problem is an error on the line of the key or item it concerns, found by the
//! YAML parser's positions.

use serde_json::Value;

use super::values::{parse_fee, parse_turnaround, standard_titles};
use super::{Contact, Deliverable, Person, Related, Request, Service, Standard, page_name};
use crate::base::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::base::locate::{Locations, Step};
use crate::base::yaml::{FRONT_MATTER, locate};
use crate::config::Config;
use crate::content::front_matter::split;
use crate::content::{Library, Page};

/// The audience key of a fee that applies to everyone.
const ALL_AUDIENCES: &str = "all";

/// The keys a `request` may have.
const REQUEST_KEYS: [&str; 5] = ["form", "link", "email", "subject", "fields"];

/// The keys a person's `contact` may have.
const CONTACT_KEYS: [&str; 3] = ["email", "phone", "office"];

/// Reads the fields of one page, reporting into `diagnostics`.
pub(super) struct FieldReader<'a> {
    page: &'a Page,
    locations: Locations,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a> FieldReader<'a> {
    pub(super) fn new(page: &'a Page, diagnostics: &'a mut Vec<Diagnostic>) -> Self {
        let locations = split(&page.source)
            .map(|s| locate(s.front_matter, FRONT_MATTER))
            .unwrap_or_default();
        FieldReader {
            page,
            locations,
            diagnostics,
        }
    }

    fn field(&self, name: &str) -> Option<&'a Value> {
        self.page.meta.fields.get(name).filter(|v| !v.is_null())
    }

    /// An error on the line of `path` (or of its nearest written ancestor).
    fn error(&mut self, path: &[Step], message: String, help: Option<String>) {
        // The front matter starts on the file's second line, after `---`.
        let line = self.locations.nearest(path).map_or(1, |p| p.line + 1);
        let mut d = Diagnostic::error(Code::FrontMatterInvalidValue, crate::untranslated!(message))
            .in_file(&self.page.file)
            .at(&self.page.source, line, 1);
        if let Some(help) = help {
            d = d.with_help(crate::untranslated!(help));
        }
        self.diagnostics.push(d);
    }

    /// A line of text (a number is read as text), else an error.
    fn text(&mut self, path: &[Step], value: &Value) -> Option<String> {
        match value {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => {
                let name = last_key(path);
                self.error(path, format!("`{name}` must be a line of text"), None);
                None
            }
        }
    }

    /// A list of text (one text is a list of one), else errors.
    fn texts(&mut self, name: &str) -> Vec<String> {
        let Some(value) = self.field(name) else {
            return Vec::new();
        };
        match value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| self.text(&[Step::Key(name), Step::Index(i)], item))
                .collect(),
            other => self.text(&[Step::Key(name)], other).into_iter().collect(),
        }
    }

    fn optional_text(&mut self, name: &str) -> Option<String> {
        let value = self.field(name)?;
        self.text(&[Step::Key(name)], value)
    }

    pub(super) fn service(&mut self, index: usize, config: &Config, library: &Library) -> Service {
        Service {
            page: index,
            deliverables: self.deliverables(),
            sample: self.optional_text("sample"),
            eligibility: self.texts("eligibility"),
            process: self.texts("process"),
            turnaround: self.turnaround(),
            fees: self.fees(config),
            request: self.request(),
            contacts: self.contacts(library),
            standards: self.standards(),
            service_level: self.optional_text("service_level"),
            reviewed: self.reviewed(),
            related: self.related(library),
        }
    }

    fn deliverables(&mut self) -> Vec<Deliverable> {
        let Some(Value::Array(items)) = self.field("deliverables") else {
            return self
                .texts("deliverables")
                .into_iter()
                .map(|name| Deliverable { name, format: None })
                .collect();
        };
        let mut found = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = [Step::Key("deliverables"), Step::Index(i)];
            let deliverable = match item {
                Value::Object(map) => {
                    let name = map.get("name").and_then(Value::as_str);
                    let format = map.get("format").and_then(Value::as_str);
                    match name {
                        Some(name) => Some(Deliverable {
                            name: name.to_string(),
                            format: format.map(str::to_string),
                        }),
                        None => {
                            self.error(
                                &path,
                                "a deliverable needs a `name`".into(),
                                Some(
                                    "write `- 查新报告` or `- {name: 查新报告, format: PDF}`"
                                        .into(),
                                ),
                            );
                            None
                        }
                    }
                }
                other => self
                    .text(&path, other)
                    .map(|name| Deliverable { name, format: None }),
            };
            found.extend(deliverable);
        }
        found
    }

    fn turnaround(&mut self) -> Option<super::Turnaround> {
        let value = self.field("turnaround")?;
        let text = match value {
            Value::String(s) => s.as_str(),
            _ => "",
        };
        let parsed = parse_turnaround(text);
        if parsed.is_none() {
            self.error(
                &[Step::Key("turnaround")],
                format!("`turnaround` {value} is not a time span"),
                Some("write a figure or a range and a unit: `5-10 working days`, `5-10 个工作日`, `3 weeks`, `1 个月`, `48 小时`".into()),
            );
        }
        parsed
    }

    fn fees(&mut self, config: &Config) -> Vec<(String, super::Fee)> {
        let Some(value) = self.field("fees") else {
            return Vec::new();
        };
        let Value::Object(map) = value else {
            self.error(
                &[Step::Key("fees")],
                "`fees` must be a map of `audience: fee` lines".into(),
                Some("write `fees: {faculty: 免费, enterprises: 2000 元}`".into()),
            );
            return Vec::new();
        };
        let audiences: Vec<&str> = config
            .taxonomy("audiences")
            .and_then(|t| t.terms.as_ref())
            .map(|terms| terms.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let mut fees = Vec::new();
        for (audience, fee) in map {
            let path = [Step::Key("fees"), Step::Key(audience)];
            if audience != ALL_AUDIENCES
                && !audiences.is_empty()
                && !audiences.contains(&audience.as_str())
            {
                let near = did_you_mean(audience, audiences.iter().copied());
                self.error(
                    &path,
                    format!("`fees`: `{audience}` is not an audience: expected `all` or a key of the `audiences` vocabulary ({})", audiences.join(", ")),
                    near.map(|n| format!("did you mean `{n}`?")),
                );
                continue;
            }
            let text = match fee {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => String::new(),
            };
            match parse_fee(&text) {
                Some(parsed) => fees.push((audience.clone(), parsed)),
                None => self.error(
                    &path,
                    format!("`fees`: {fee} is not a fee"),
                    Some("write `free` (免费), `at cost` (成本价), `by agreement` (面议) or an amount: `2000 元`, `2000 元/项`, `USD 300`".into()),
                ),
            }
        }
        fees
    }

    fn request(&mut self) -> Option<Request> {
        let value = self.field("request")?;
        let map = match value {
            Value::Object(map) => map.clone(),
            // A bare address or link: the common case written short.
            Value::String(s) if s.contains('@') && !s.contains('/') => {
                return Some(Request {
                    email: Some(s.trim().to_string()),
                    ..Request::default()
                });
            }
            Value::String(s) => {
                return Some(Request {
                    link: Some(s.trim().to_string()),
                    ..Request::default()
                });
            }
            _ => {
                self.error(&[Step::Key("request")], "`request` must be a map: `form`, `link` or `email` (with `subject` and `fields`)".into(), None);
                return None;
            }
        };
        for key in map.keys().filter(|k| !REQUEST_KEYS.contains(&k.as_str())) {
            let near = did_you_mean(key, REQUEST_KEYS);
            self.error(
                &[Step::Key("request"), Step::Key(key)],
                format!(
                    "unknown `request` field `{key}`: expected one of {}",
                    REQUEST_KEYS.join(", ")
                ),
                near.map(|n| format!("did you mean `{n}`?")),
            );
        }
        let mut get = |key: &str| {
            let v = map.get(key).filter(|v| !v.is_null())?;
            self.text(&[Step::Key("request"), Step::Key(key)], v)
        };
        let mut request = Request {
            form: get("form"),
            link: get("link"),
            email: get("email"),
            subject: get("subject"),
            fields: Vec::new(),
        };
        if let Some(Value::Array(items)) = map.get("fields") {
            for (i, item) in items.iter().enumerate() {
                let path = [Step::Key("request"), Step::Key("fields"), Step::Index(i)];
                request.fields.extend(self.text(&path, item));
            }
        }
        if let Some(email) = request.email.as_deref().filter(|e| !is_email(e)) {
            self.error(
                &[Step::Key("request"), Step::Key("email")],
                format!("`{email}` is not an e-mail address"),
                None,
            );
            request.email = None;
        }
        if request.form.is_none() && request.link.is_none() && request.email.is_none() {
            self.error(
                &[Step::Key("request")],
                "`request` says no way to ask: give a `form`, a `link` or an `email`".into(),
                None,
            );
            return None;
        }
        Some(request)
    }

    fn contacts(&mut self, library: &Library) -> Vec<usize> {
        let people: Vec<(usize, &Page)> = library
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.content_type == "person")
            .collect();
        let mut found = Vec::new();
        let names = self.texts("contacts");
        for (i, name) in names.iter().enumerate() {
            let same_name = || people.iter().filter(|(_, p)| page_name(p) == name);
            let person = same_name()
                .find(|(_, p)| p.lang == self.page.lang)
                .or_else(|| same_name().next());
            match person {
                Some((index, _)) => found.push(*index),
                None => {
                    let near = did_you_mean(name, people.iter().map(|(_, p)| page_name(p)));
                    let help = match near {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => "a contact is the file name of a `person` page, such as `zhang-ming` for content/team/zhang-ming.md".into(),
                    };
                    self.error(
                        &[Step::Key("contacts"), Step::Index(i)],
                        format!("unknown contact `{name}`: no `person` page has that file name"),
                        Some(help),
                    );
                }
            }
        }
        found
    }

    fn standards(&mut self) -> Vec<Standard> {
        let Some(Value::Array(items)) = self.field("standards") else {
            return self
                .texts("standards")
                .into_iter()
                .map(|code| standard(code, None))
                .collect();
        };
        let mut found = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = [Step::Key("standards"), Step::Index(i)];
            match item {
                Value::Object(map) => match map.get("code").and_then(Value::as_str) {
                    Some(code) => {
                        let title = map.get("title").and_then(Value::as_str);
                        found.push(standard(code.to_string(), title));
                    }
                    None => self.error(
                        &path,
                        "a standard needs a `code`".into(),
                        Some(
                            "write `- GB/T 39551.7` or `- {code: DB31/T 1234, title: ...}`".into(),
                        ),
                    ),
                },
                other => found.extend(self.text(&path, other).map(|code| standard(code, None))),
            }
        }
        found
    }

    fn reviewed(&mut self) -> Option<chrono::NaiveDate> {
        let value = self.field("reviewed")?;
        let date = value.as_str().and_then(|s| {
            chrono::NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok()
        });
        if date.is_none() {
            self.error(
                &[Step::Key("reviewed")],
                format!("`reviewed` {value} is not a date: expected YYYY-MM-DD"),
                None,
            );
        }
        date
    }

    fn related(&mut self, library: &Library) -> Vec<Related> {
        let mut found = Vec::new();
        for (i, written) in self.texts("related").iter().enumerate() {
            match resolve(library, written, &self.page.lang) {
                Some(target) => found.push(target),
                None => {
                    let line = self
                        .locations
                        .nearest(&[Step::Key("related"), Step::Index(i)])
                        .map_or(1, |p| p.line + 1);
                    self.diagnostics.push(
                        Diagnostic::error(Code::LinkBroken, crate::untranslated!(format!("`related`: `{written}` names no page or section under content/")))
                            .in_file(&self.page.file)
                            .at(&self.page.source, line, 1)
                            .with_help(crate::untranslated!("write the file's path under content/: `guides/pct-route.md`, `courses/patent-search-101/_index.md`")),
                    );
                }
            }
        }
        found
    }

    pub(super) fn person(&mut self, index: usize, config: &Config) -> Person {
        Person {
            page: index,
            name: self.name(config),
            role: self.optional_text("role"),
            expertise: self.expertise(config),
            contact: self.contact(),
        }
    }

    fn name(&mut self, config: &Config) -> Vec<(String, String)> {
        let Some(value) = self.field("name") else {
            return Vec::new();
        };
        let Value::Object(map) = value else {
            self.error(&[Step::Key("name")], "`name` must be a map of `language: name` lines, such as `{zh: 张明, en: Zhang Ming}`".into(), None);
            return Vec::new();
        };
        let mut names = Vec::new();
        for (lang, name) in map {
            let path = [Step::Key("name"), Step::Key(lang)];
            if config.language(lang).is_none() {
                self.error(
                    &path,
                    format!("`name`: `{lang}` is not a language of the portal"),
                    None,
                );
            } else if let Some(name) = self.text(&path, name) {
                names.push((lang.clone(), name));
            }
        }
        names
    }

    fn expertise(&mut self, config: &Config) -> Vec<String> {
        let keys: Vec<&str> = config
            .taxonomy("disciplines")
            .and_then(|t| t.terms.as_ref())
            .map(|terms| terms.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let mut found = Vec::new();
        for (i, term) in self.texts("expertise").into_iter().enumerate() {
            if keys.is_empty() || keys.contains(&term.as_str()) {
                found.push(term);
            } else {
                let near = did_you_mean(&term, keys.iter().copied());
                self.error(
                    &[Step::Key("expertise"), Step::Index(i)],
                    format!("`expertise`: `{term}` is not a key of the `disciplines` vocabulary"),
                    near.map(|n| format!("did you mean `{n}`?")),
                );
            }
        }
        found
    }

    fn contact(&mut self) -> Contact {
        let Some(value) = self.field("contact") else {
            return Contact::default();
        };
        let Value::Object(map) = value else {
            self.error(
                &[Step::Key("contact")],
                "`contact` must be a map: `email`, `phone`, `office`".into(),
                None,
            );
            return Contact::default();
        };
        for key in map.keys().filter(|k| !CONTACT_KEYS.contains(&k.as_str())) {
            self.error(
                &[Step::Key("contact"), Step::Key(key)],
                format!(
                    "unknown `contact` field `{key}`: expected one of {}",
                    CONTACT_KEYS.join(", ")
                ),
                None,
            );
        }
        let mut get = |key: &str| {
            let v = map.get(key).filter(|v| !v.is_null())?;
            self.text(&[Step::Key("contact"), Step::Key(key)], v)
        };
        let contact = Contact {
            email: get("email"),
            phone: get("phone"),
            office: get("office"),
        };
        if let Some(email) = contact.email.as_deref().filter(|e| !is_email(e)) {
            self.error(
                &[Step::Key("contact"), Step::Key("email")],
                format!("`{email}` is not an e-mail address"),
                None,
            );
        }
        contact
    }
}

fn last_key<'p>(path: &[Step<'p>]) -> &'p str {
    path.iter()
        .rev()
        .find_map(|s| match s {
            Step::Key(k) => Some(*k),
            Step::Index(_) => None,
        })
        .unwrap_or("value")
}

fn standard(code: String, title: Option<&str>) -> Standard {
    let known = standard_titles(&code);
    Standard {
        title_zh: title.map(str::to_string).or(known.map(|k| k.0.to_string())),
        title_en: title.map(str::to_string).or(known.map(|k| k.1.to_string())),
        code,
    }
}

/// `name@host.tld` with nothing that would break a `mailto:` link.
fn is_email(text: &str) -> bool {
    let Some((name, host)) = text.split_once('@') else {
        return false;
    };
    !name.is_empty()
        && host.contains('.')
        && !text.contains(|c: char| c.is_whitespace() || "?&#/<>\"'".contains(c))
}

/// The page or section `written` names (`guides/x.md`, `@/guides/x.md`, `courses/c/_index.md`),
/// in `lang` when it has that translation.
fn resolve(library: &Library, written: &str, lang: &str) -> Option<Related> {
    let key = written
        .trim()
        .trim_start_matches("@/")
        .trim_start_matches('/');
    let page = |p: &&Page| p.key == key;
    if let Some((index, found)) = library.pages.iter().enumerate().find(|(_, p)| page(p)) {
        let same_lang = std::iter::once(index)
            .chain(found.translations.iter().copied())
            .find(|&i| library.pages[i].lang == lang);
        return Some(Related::Page(same_lang.unwrap_or(index)));
    }
    let (index, found) = library
        .sections
        .iter()
        .enumerate()
        .find(|(_, s)| s.key == key)?;
    let same_lang = std::iter::once(index)
        .chain(found.translations.iter().copied())
        .find(|&i| library.sections[i].lang == lang);
    Some(Related::Section(same_lang.unwrap_or(index)))
}
