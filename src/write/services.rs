//! The service catalogue in templates: `page.service` on a service page (with its JSON-LD),
//! `page.person` on a team member's page, `catalogue` on a section of services (grouped by
//! life-cycle stage and by aim, and the rows of the comparison table) and `team` on a section of
//! people (grouped by discipline). Values stay structured (a turnaround's figures and unit, a
//! fee's kind and amount): the theme's strings word them.

use serde::Serialize;
use serde_json::{Value, json};

use super::Writer;
use crate::content::services::{Fee, Related, Service, Turnaround, page_name};
use crate::content::taxonomy::resolve_term;
use crate::content::{Page, Section};

/// The taxonomies the catalogue groups and filters by: life-cycle stages, the three aims,
/// audiences.
pub const STAGES: &str = "stages";
/// See [`STAGES`].
pub const AIMS: &str = "services";
/// See [`STAGES`].
pub const AUDIENCES: &str = "audiences";

/// How many related pages a service finds by shared terms.
const RELATED_BY_TERMS: usize = 6;

/// A link with the type of what it leads to.
#[derive(Debug, Serialize)]
struct RelatedLink {
    title: String,
    url: String,
    content_type: String,
}

/// A term of a vocabulary in one language.
#[derive(Debug, Serialize, Clone)]
struct Term {
    key: String,
    label: String,
}

/// A service as the catalogue lists it and the comparison table compares it.
#[derive(Debug, Serialize)]
struct Entry {
    title: String,
    url: String,
    summary: Option<String>,
    turnaround: Option<TurnaroundValue>,
    fees: Vec<FeeValue>,
    deliverables: Vec<crate::content::services::Deliverable>,
    request: Option<RequestValue>,
    audiences: Vec<String>,
    stages: Vec<String>,
    aims: Vec<String>,
}

#[derive(Debug, Serialize)]
struct TurnaroundValue {
    #[serde(flatten)]
    span: Turnaround,
    /// The longest span in working days, to sort by.
    sort_days: u32,
}

#[derive(Debug, Serialize)]
struct FeeValue {
    audience: String,
    label: String,
    #[serde(flatten)]
    fee: Fee,
}

#[derive(Debug, Serialize)]
struct RequestValue {
    #[serde(flatten)]
    request: crate::content::services::Request,
    mailto: Option<String>,
}

/// One group of the catalogue: a stage or an aim and its services.
#[derive(Debug, Serialize)]
struct Group {
    key: String,
    label: String,
    services: Vec<usize>,
}

impl Writer<'_> {
    /// The label of `key` in the taxonomy `name`, in `lang`.
    fn term(&self, name: &str, key: &str, lang: &str) -> Term {
        let label = self
            .config
            .taxonomy(name)
            .and_then(|t| resolve_term(t, key, lang))
            .map_or_else(|| key.to_string(), |(_, label)| label);
        Term {
            key: key.to_string(),
            label,
        }
    }

    /// The keys of page `page`'s terms in the taxonomy `name`.
    fn term_keys(&self, page: &Page, name: &str) -> Vec<String> {
        page.meta
            .taxonomies
            .get(name)
            .map(|terms| terms.iter().map(|t| t.value.clone()).collect())
            .unwrap_or_default()
    }

    /// A link written in front matter: a path from the site's root (`/briefs/`) follows the base
    /// URL, as every other link the build writes; a full URL stays as written.
    fn link(&self, written: &str) -> String {
        if written.starts_with('/') && !written.starts_with("//") {
            self.urls.url(written)
        } else {
            written.to_string()
        }
    }

    fn entry(&self, service: &Service) -> Entry {
        let page = &self.library.pages[service.page];
        Entry {
            title: page.meta.title.clone(),
            url: self.urls.url(&page.path),
            summary: page.meta.summary.clone(),
            turnaround: service.turnaround.map(|span| TurnaroundValue {
                sort_days: span.sort_days(),
                span,
            }),
            fees: self.fees(service, &page.lang),
            deliverables: service.deliverables.clone(),
            request: service.request.clone().map(|request| RequestValue {
                mailto: request.mailto(),
                request,
            }),
            audiences: self.term_keys(page, AUDIENCES),
            stages: self.term_keys(page, STAGES),
            aims: self.term_keys(page, AIMS),
        }
    }

    fn fees(&self, service: &Service, lang: &str) -> Vec<FeeValue> {
        service
            .fees
            .iter()
            .map(|(audience, fee)| FeeValue {
                audience: audience.clone(),
                label: self.term(AUDIENCES, audience, lang).label,
                fee: fee.clone(),
            })
            .collect()
    }

    /// `page.service` for page `index`, when it is a service.
    pub(super) fn service_context(&self, index: usize) -> Option<Value> {
        let service = self.services.service(index)?;
        let page = &self.library.pages[index];
        let lang = &page.lang;
        let contacts: Vec<Value> = service
            .contacts
            .iter()
            .filter_map(|&p| self.services.person(p))
            .map(|person| {
                let p = &self.library.pages[person.page];
                json!({
                    "title": p.meta.title,
                    "url": self.urls.url(&p.path),
                    "role": person.role,
                    "contact": person.contact,
                })
            })
            .collect();
        let standards: Vec<Value> = service
            .standards
            .iter()
            .map(|s| {
                let title = if lang == "zh" {
                    &s.title_zh
                } else {
                    &s.title_en
                };
                json!({ "code": s.code, "title": title })
            })
            .collect();
        let mut value = super::to_value(self.entry(service));
        if let Value::Object(map) = &mut value {
            map.insert(
                "sample".into(),
                json!(service.sample.as_deref().map(|s| self.link(s))),
            );
            map.insert("eligibility".into(), json!(service.eligibility));
            map.insert("process".into(), json!(service.process));
            map.insert("contacts".into(), Value::Array(contacts));
            map.insert("standards".into(), Value::Array(standards));
            map.insert("service_level".into(), json!(service.service_level));
            let reviewed = service.reviewed.map(|d| d.format("%Y-%m-%d").to_string());
            map.insert("reviewed".into(), json!(reviewed));
            map.insert("related".into(), super::to_value(self.related(service)));
            map.insert("jsonld".into(), Value::String(self.json_ld(service)));
        }
        Some(value)
    }

    /// The pages listed by hand, then guides, cases, briefs and courses sharing the most
    /// terms with the service (audiences aside: nearly every page shares one).
    fn related(&self, service: &Service) -> Vec<RelatedLink> {
        let page = &self.library.pages[service.page];
        let mut links: Vec<RelatedLink> = service
            .related
            .iter()
            .map(|r| match *r {
                Related::Page(i) => self.page_link(&self.library.pages[i]),
                Related::Section(i) => self.section_link(&self.library.sections[i]),
            })
            .collect();
        let terms = |p: &Page| -> Vec<(String, String)> {
            p.meta
                .taxonomies
                .iter()
                .filter(|(name, _)| name.as_str() != AUDIENCES)
                .flat_map(|(name, terms)| terms.iter().map(|t| (name.clone(), t.value.clone())))
                .collect()
        };
        let own = terms(page);
        let mut scored: Vec<(usize, &str, RelatedLink)> = Vec::new();
        for other in self.library.pages.iter().filter(|p| p.lang == page.lang) {
            let shared = terms(other).iter().filter(|t| own.contains(t)).count();
            let link = match other.content_type.as_str() {
                "guide" | "case" | "brief" => self.page_link(other),
                // A lesson leads to its course.
                "lesson" => self.section_link(&self.library.sections[other.section]),
                _ => continue,
            };
            let known = |l: &RelatedLink| l.url == link.url;
            if shared > 0 && !links.iter().any(known) && !scored.iter().any(|(_, _, l)| known(l)) {
                scored.push((shared, &other.meta.title, link));
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        links.extend(scored.into_iter().take(RELATED_BY_TERMS).map(|(_, _, l)| l));
        links
    }

    fn page_link(&self, page: &Page) -> RelatedLink {
        RelatedLink {
            title: page.meta.title.clone(),
            url: self.urls.url(&page.path),
            content_type: page.content_type.clone(),
        }
    }

    fn section_link(&self, section: &Section) -> RelatedLink {
        RelatedLink {
            title: section.meta.title.clone(),
            url: self.urls.url(&section.path),
            content_type: section.content_type.clone(),
        }
    }

    /// `page.person` for page `index`, when it is a team member.
    pub(super) fn person_context(&self, index: usize) -> Option<Value> {
        let person = self.services.person(index)?;
        let page = &self.library.pages[index];
        let other_names: Vec<&str> = person
            .name
            .iter()
            .filter(|(lang, name)| *lang != page.lang && *name != page.meta.title)
            .map(|(_, name)| name.as_str())
            .collect();
        let services: Vec<Value> = self
            .services
            .services_of(index)
            .map(|s| {
                let p = &self.library.pages[s.page];
                json!({ "title": p.meta.title, "url": self.urls.url(&p.path) })
            })
            .collect();
        let expertise: Vec<Term> = person
            .expertise
            .iter()
            .map(|key| self.term("disciplines", key, &page.lang))
            .collect();
        Some(json!({
            "other_names": other_names,
            "role": person.role,
            "expertise": expertise,
            "contact": person.contact,
            "services": services,
        }))
    }

    /// The services in `lang`, by weight then title.
    fn services_in(&self, lang: &str) -> Vec<&Service> {
        let mut services: Vec<&Service> = self
            .services
            .services
            .iter()
            .filter(|s| self.library.pages[s.page].lang == lang)
            .collect();
        services.sort_by(|a, b| {
            let (a, b) = (&self.library.pages[a.page], &self.library.pages[b.page]);
            (a.meta.weight.unwrap_or(0), &a.meta.title)
                .cmp(&(b.meta.weight.unwrap_or(0), &b.meta.title))
        });
        services
    }

    /// `catalogue` on a section of services: every service of its language, grouped by
    /// stage and by aim (services in none last), the vocabularies the filters offer, and the
    /// JSON catalogue's address.
    pub(super) fn catalogue_context(&self, section: &Section) -> Option<Value> {
        if section.content_type != "service" {
            return None;
        }
        let lang = &section.lang;
        let services = self.services_in(lang);
        let entries: Vec<Entry> = services.iter().map(|s| self.entry(s)).collect();
        let group_by = |name: &str, keys: fn(&Entry) -> &Vec<String>| -> Vec<Group> {
            let mut groups: Vec<Group> = self
                .vocabulary(name, lang)
                .into_iter()
                .map(|term| Group {
                    services: (0..entries.len())
                        .filter(|&i| keys(&entries[i]).contains(&term.key))
                        .collect(),
                    key: term.key,
                    label: term.label,
                })
                .collect();
            let ungrouped: Vec<usize> = (0..entries.len())
                .filter(|&i| keys(&entries[i]).is_empty())
                .collect();
            if !ungrouped.is_empty() {
                groups.push(Group {
                    key: String::new(),
                    label: String::new(),
                    services: ungrouped,
                });
            }
            groups.retain(|g| !g.services.is_empty());
            groups
        };
        Some(json!({
            "by_stage": group_by(STAGES, |e| &e.stages),
            "by_aim": group_by(AIMS, |e| &e.aims),
            "audiences": self.vocabulary(AUDIENCES, lang),
            "stages": self.vocabulary(STAGES, lang),
            "services": entries,
            "json_url": self.urls.url(&format!("/{}", super::services_json::JSON_PATH)),
        }))
    }

    /// The URL of the service catalogue in `lang`: its first section of services, if any.
    pub(super) fn catalogue_url(&self, lang: &str) -> Option<String> {
        let catalogue = self
            .library
            .sections
            .iter()
            .find(|s| s.lang == lang && s.content_type == "service" && s.parent.is_some())?;
        Some(self.urls.url(&catalogue.path))
    }

    /// The terms of the taxonomy `name` in `lang`, in `site.toml` order (none when it is free).
    fn vocabulary(&self, name: &str, lang: &str) -> Vec<Term> {
        let Some(terms) = self.config.taxonomy(name).and_then(|t| t.terms.as_ref()) else {
            return Vec::new();
        };
        terms.keys().map(|key| self.term(name, key, lang)).collect()
    }

    /// `team` on a section of people: each discipline with the people expert in it.
    pub(super) fn team_context(&self, section: &Section) -> Option<Value> {
        if section.content_type != "person" {
            return None;
        }
        let people: Vec<(&Page, &crate::content::services::Person)> = self
            .services
            .people
            .iter()
            .map(|p| (&self.library.pages[p.page], p))
            .filter(|(page, _)| page.lang == section.lang)
            .collect();
        let groups: Vec<Value> = self
            .vocabulary("disciplines", &section.lang)
            .into_iter()
            .filter_map(|term| {
                let experts: Vec<Value> = people
                    .iter()
                    .filter(|(_, p)| p.expertise.contains(&term.key))
                    .map(|(page, p)| json!({"title": page.meta.title, "url": self.urls.url(&page.path), "role": p.role, "name": page_name(page)}))
                    .collect();
                (!experts.is_empty()).then(|| json!({"key": term.key, "label": term.label, "people": experts}))
            })
            .collect();
        Some(json!({ "by_discipline": groups }))
    }
}
