//! The service catalogue: every page of the built-in `service` and `person` types, their fields
//! (kept as written in `page.fields`) read into a [`Catalogue`] and checked, each problem on its
//! line. Contacts are resolved to the team's pages, related pages named by hand to pages or
//! sections. `check` adds [`audit`]'s warnings: a service a user cannot decide on or ask for, an
//! entry not reviewed for too long.
//!
//! - `values`: turnarounds, fees and standards read from text
//! - `read`: one page's fields → [`Service`] or [`Person`], located errors

mod read;
pub mod values;

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::front_matter::field_line;
use super::{Library, Page};
use crate::base::diagnostics::{Code, Diagnostic};
use crate::config::Config;
pub use values::{Fee, Turnaround, Unit};

/// Every service and team member of the portal, in every language.
#[derive(Debug, Default)]
pub struct Catalogue {
    /// The services, in library order (by file).
    pub services: Vec<Service>,
    /// The team, in library order.
    pub people: Vec<Person>,
}

/// One service page, its fields read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Service {
    /// The page's index in the library.
    pub page: usize,
    /// What the user receives.
    pub deliverables: Vec<Deliverable>,
    /// A link to a sample deliverable.
    pub sample: Option<String>,
    /// Who may ask.
    pub eligibility: Vec<String>,
    /// The steps, in order.
    pub process: Vec<String>,
    /// How long it takes.
    pub turnaround: Option<Turnaround>,
    /// Audience key (a term of `audiences`, or `all`) → fee, as written.
    pub fees: Vec<(String, Fee)>,
    /// How to ask.
    pub request: Option<Request>,
    /// The team members who provide it: page indices of `person` pages.
    pub contacts: Vec<usize>,
    /// The standards it follows.
    pub standards: Vec<Standard>,
    /// The service level promised.
    pub service_level: Option<String>,
    /// When the entry was last checked.
    pub reviewed: Option<NaiveDate>,
    /// Pages and sections listed by hand under `related`.
    pub related: Vec<Related>,
}

/// A deliverable and its format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deliverable {
    /// What it is (`查新报告`).
    pub name: String,
    /// Its format (`PDF`), when given.
    pub format: Option<String>,
}

/// How a service is asked for.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Request {
    /// A request form to download (a file beside the page, or a URL).
    pub form: Option<String>,
    /// The university's system for requests.
    pub link: Option<String>,
    /// The address to write to.
    pub email: Option<String>,
    /// The subject of the e-mail.
    pub subject: Option<String>,
    /// What the e-mail should say, one line each (`课题名称`, `联系电话`).
    pub fields: Vec<String>,
}

impl Request {
    /// A `mailto:` link with the subject and a body listing the fields, when there is an
    /// address.
    pub fn mailto(&self) -> Option<String> {
        use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
        let email = self.email.as_ref()?;
        let mut query = Vec::new();
        if let Some(subject) = &self.subject {
            query.push(format!(
                "subject={}",
                utf8_percent_encode(subject, NON_ALPHANUMERIC)
            ));
        }
        if !self.fields.is_empty() {
            // Mail programs expect CRLF between the lines of a prefilled body (RFC 6068).
            let body: String = self.fields.iter().map(|f| format!("{f}: \r\n")).collect();
            query.push(format!(
                "body={}",
                utf8_percent_encode(&body, NON_ALPHANUMERIC)
            ));
        }
        let address = utf8_percent_encode(email, percent_encoding::CONTROLS);
        Some(if query.is_empty() {
            format!("mailto:{address}")
        } else {
            format!("mailto:{address}?{}", query.join("&"))
        })
    }
}

/// A standard a service follows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standard {
    /// The number as written (`GB/T 39551.7-2020`).
    pub code: String,
    /// Its title in Chinese: the editor's, else the built-in list's.
    pub title_zh: Option<String>,
    /// Its title in English: the editor's, else the built-in list's.
    pub title_en: Option<String>,
}

/// A page or section a service links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Related {
    /// A page, by index.
    Page(usize),
    /// A section (a course), by index.
    Section(usize),
}

/// One team member's page, its fields read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Person {
    /// The page's index in the library.
    pub page: usize,
    /// Language code → name.
    pub name: Vec<(String, String)>,
    /// Role or position.
    pub role: Option<String>,
    /// Keys of the `disciplines` taxonomy.
    pub expertise: Vec<String>,
    /// How to reach them.
    pub contact: Contact,
}

/// A team member's contact details.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Contact {
    /// E-mail address.
    pub email: Option<String>,
    /// Telephone number.
    pub phone: Option<String>,
    /// Office.
    pub office: Option<String>,
}

impl Catalogue {
    /// The service read from page `index`, if it is one.
    pub fn service(&self, index: usize) -> Option<&Service> {
        self.services.iter().find(|s| s.page == index)
    }

    /// The person read from page `index`, if it is one.
    pub fn person(&self, index: usize) -> Option<&Person> {
        self.people.iter().find(|p| p.page == index)
    }

    /// The services page `person` is a contact of.
    pub fn services_of(&self, person: usize) -> impl Iterator<Item = &Service> {
        self.services
            .iter()
            .filter(move |s| s.contacts.contains(&person))
    }
}

/// Reads every service and person page of the library. Returns what could be read and every
/// error found.
pub fn build(config: &Config, library: &Library) -> (Catalogue, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut catalogue = Catalogue::default();
    for (index, page) in library.pages.iter().enumerate() {
        if page.content_type == "person" {
            let mut reader = read::FieldReader::new(page, &mut diagnostics);
            catalogue.people.push(reader.person(index, config));
        }
    }
    for (index, page) in library.pages.iter().enumerate() {
        if page.content_type == "service" {
            let mut reader = read::FieldReader::new(page, &mut diagnostics);
            catalogue
                .services
                .push(reader.service(index, config, library));
        }
    }
    (catalogue, diagnostics)
}

/// The file name a page is known by in `contacts` (`team/zhang-ming.md` and
/// `team/zhang-ming/index.md` are both `zhang-ming`).
pub fn page_name(page: &Page) -> &str {
    let key = page.key.trim_end_matches(".md");
    let key = key.strip_suffix("/index").unwrap_or(key);
    key.rsplit('/').next().unwrap_or(key)
}

/// `check`'s warnings on the services: one for each of deliverables, turnaround, fees and a way
/// to ask that a service lacks, and one when its `reviewed` date is more than
/// `[services] review_months` before `today`.
pub fn audit(
    config: &Config,
    library: &Library,
    catalogue: &Catalogue,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for service in &catalogue.services {
        let page = &library.pages[service.page];
        let lacks = [
            ("deliverables", service.deliverables.is_empty()),
            ("turnaround", service.turnaround.is_none()),
            ("fees", service.fees.is_empty()),
            ("request", service.request.is_none()),
        ];
        for field in lacks
            .into_iter()
            .filter_map(|(f, missing)| missing.then_some(f))
        {
            found.push(
                Diagnostic::warning(
                    Code::ServiceIncomplete,
                    crate::untranslated!(format!("service `{}` has no `{field}`", page.meta.title)),
                )
                .in_file(&page.file)
                .at(&page.source, 1, 1)
                .with_help(crate::untranslated!(incomplete_help(field))),
            );
        }
        if let Some(stale) = stale_review(service.reviewed, config, today) {
            found.push(
                Diagnostic::warning(Code::ServiceStale, crate::untranslated!(stale))
                    .in_file(&page.file)
                    .at(&page.source, field_line(&page.source, "reviewed"), 1)
                    .with_help(crate::untranslated!("check the entry against the service as it is given today, then set `reviewed` to today's date")),
            );
        }
    }
    found
}

fn incomplete_help(field: &str) -> &'static str {
    match field {
        "deliverables" => "say what the user receives: `deliverables: [查新报告（PDF）]`",
        "turnaround" => "say how long it takes: `turnaround: 5-10 个工作日`",
        "fees" => "say what it costs each audience: `fees: {faculty: 免费, enterprises: 面议}`",
        _ => {
            "say how to ask: `request: {email: ..., subject: ..., fields: [...]}`, a `form` or a `link`"
        }
    }
}

/// Why `reviewed` is too old, if it is.
fn stale_review(reviewed: Option<NaiveDate>, config: &Config, today: NaiveDate) -> Option<String> {
    let months = config.services.review_months;
    let reviewed = reviewed?;
    let due = reviewed.checked_add_months(Months::new(months))?;
    (months > 0 && due < today).then(|| {
        format!(
            "last reviewed on {reviewed}, more than {months} months ago (`[services] review_months`)"
        )
    })
}
