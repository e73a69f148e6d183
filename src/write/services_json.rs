//! The machine-readable catalogue: `services.json` (every service in every language, for a
//! network of centres to gather) and each service page's schema.org `Service` JSON-LD, the
//! centre as its `Library` provider. The guide's services chapter documents the JSON's shape.

use serde_json::{Map, Value, json};

use super::Writer;
use super::claims::Claim;
use super::services::{AIMS, AUDIENCES, STAGES};
use crate::base::diagnostics::Diagnostic;
use crate::content::Page;
use crate::content::services::{Fee, Service, Unit, page_name};

/// Where the JSON catalogue is written, from the site root.
pub const JSON_PATH: &str = "services.json";

/// The version of the JSON catalogue's shape; raised when a field changes meaning.
const JSON_VERSION: u32 = 1;

impl Writer<'_> {
    /// Writes `services.json` when the portal has services.
    pub(super) fn services_json(&self) -> Result<(), Diagnostic> {
        if self.services.services.is_empty() {
            return Ok(());
        }
        let mut by_key: Vec<(&str, Vec<&Service>)> = Vec::new();
        for service in &self.services.services {
            let key = self.library.pages[service.page].key.as_str();
            match by_key.iter_mut().find(|(k, _)| *k == key) {
                Some((_, all)) => all.push(service),
                None => by_key.push((key, vec![service])),
            }
        }
        let services: Vec<Value> = by_key
            .iter()
            .map(|(_, versions)| self.service_json(versions))
            .collect();
        let people: Vec<Value> = self.people_json();
        let vocabularies: Map<String, Value> = [AUDIENCES, STAGES, AIMS]
            .into_iter()
            .filter_map(|name| Some((name.to_string(), self.config.taxonomy(name)?)))
            .map(|(name, t)| (name, json!(t.terms)))
            .collect();
        let languages: Vec<&str> = self
            .config
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .collect();
        let catalogue = json!({
            "version": JSON_VERSION,
            "generator": "ipportal",
            "languages": languages,
            "provider": self.provider_json(None),
            "vocabularies": vocabularies,
            "services": services,
            "team": people,
        });
        let text = serde_json::to_string_pretty(&catalogue).unwrap_or_default();
        self.write(
            JSON_PATH,
            text.as_bytes(),
            Claim::generated("the service catalogue"),
        )
    }

    /// One service in every language it is written in: the values that are words per language,
    /// the typed ones (turnaround, fees, terms) from the default language's version.
    fn service_json(&self, versions: &[&Service]) -> Value {
        let default = &self.config.default_language;
        let first = versions
            .iter()
            .find(|s| self.library.pages[s.page].lang == *default)
            .unwrap_or(&versions[0]);
        let page = &self.library.pages[first.page];
        let per_lang = |value: &dyn Fn(&Service, &Page) -> Value| -> Value {
            let map: Map<String, Value> = versions
                .iter()
                .map(|s| {
                    let p = &self.library.pages[s.page];
                    (p.lang.clone(), value(s, p))
                })
                .collect();
            Value::Object(map)
        };
        let terms = |name: &str| -> Vec<String> {
            page.meta
                .taxonomies
                .get(name)
                .map(|t| t.iter().map(|t| t.value.clone()).collect())
                .unwrap_or_default()
        };
        let contacts: Vec<&str> = first
            .contacts
            .iter()
            .map(|&p| page_name(&self.library.pages[p]))
            .collect();
        let request = first.request.as_ref().map(|r| {
            json!({
                "form": r.form.as_ref().map(|f| self.absolute(page, f)),
                "link": r.link.as_ref().map(|l| self.absolute(page, l)),
                "email": r.email,
                "mailto": r.mailto(),
            })
        });
        json!({
            "id": page.key.trim_end_matches(".md").trim_end_matches("/index"),
            "url": per_lang(&|_, p| json!(self.urls.permalink(&p.path))),
            "title": per_lang(&|_, p| json!(p.meta.title)),
            "summary": per_lang(&|_, p| json!(p.meta.summary)),
            "audiences": terms(AUDIENCES),
            "stages": terms(STAGES),
            "aims": terms(AIMS),
            "deliverables": per_lang(&|s, _| json!(s.deliverables)),
            "eligibility": per_lang(&|s, _| json!(s.eligibility)),
            "process": per_lang(&|s, _| json!(s.process)),
            "turnaround": first.turnaround.map(|t| json!({
                "min": t.min, "max": t.max, "unit": t.unit, "working_days": t.sort_days(),
            })),
            "fees": first.fees.iter().map(|(audience, fee)| {
                let mut value = json!(fee);
                value["audience"] = json!(audience);
                value
            }).collect::<Vec<_>>(),
            "request": request,
            "contacts": contacts,
            "standards": first.standards.iter().map(|s| json!({
                "code": s.code, "title": {"zh": s.title_zh, "en": s.title_en},
            })).collect::<Vec<_>>(),
            "service_level": per_lang(&|s, _| json!(s.service_level)),
            "reviewed": first.reviewed.map(|d| d.format("%Y-%m-%d").to_string()),
        })
    }

    fn people_json(&self) -> Vec<Value> {
        let mut seen: Vec<&str> = Vec::new();
        let mut people = Vec::new();
        for person in &self.services.people {
            let page = &self.library.pages[person.page];
            if seen.contains(&page.key.as_str()) {
                continue;
            }
            seen.push(&page.key);
            let versions = std::iter::once(person.page).chain(page.translations.iter().copied());
            let url: Map<String, Value> = versions
                .map(|i| {
                    let p = &self.library.pages[i];
                    (p.lang.clone(), json!(self.urls.permalink(&p.path)))
                })
                .collect();
            let name: Map<String, Value> = person
                .name
                .iter()
                .map(|(lang, name)| (lang.clone(), json!(name)))
                .collect();
            people.push(json!({
                "id": page_name(page),
                "name": if name.is_empty() { json!({ page.lang.clone(): page.meta.title }) } else { Value::Object(name) },
                "role": person.role,
                "expertise": person.expertise,
                "contact": person.contact,
                "url": url,
            }));
        }
        people
    }

    /// The centre: in one language for a page's JSON-LD, in all of them (`None`) for the
    /// JSON catalogue.
    fn provider_json(&self, lang: Option<&str>) -> Value {
        let extra = |key: &str| {
            self.config
                .extra
                .get(key)
                .filter(|v| v.is_string())
                .cloned()
        };
        let name = match lang {
            Some(lang) => json!(self.config.language(lang).map(|l| &l.title)),
            None => json!(
                self.config
                    .languages
                    .iter()
                    .map(|l| (l.code.clone(), json!(l.title)))
                    .collect::<Map<String, Value>>()
            ),
        };
        let home = lang.unwrap_or(&self.config.default_language);
        let mut provider = json!({
            "@type": "Library",
            "name": name,
            "url": self.urls.permalink(&format!("/{}", self.config.language_prefix(home))),
        });
        if let Some(email) = extra("email") {
            provider["email"] = email;
        }
        if let Some(phone) = extra("phone") {
            provider["telephone"] = phone;
        }
        provider
    }

    /// A link from a service page as an absolute URL: a relative one is relative to the page.
    fn absolute(&self, page: &Page, url: &str) -> String {
        if url.contains(':') || url.starts_with("//") {
            url.to_string()
        } else if let Some(path) = url.strip_prefix('/') {
            self.urls.permalink(path)
        } else {
            format!("{}{url}", self.urls.permalink(&page.path))
        }
    }

    /// The schema.org `Service` of a service page, as JSON safe inside a `<script>` element.
    pub(super) fn json_ld(&self, service: &Service) -> String {
        let page = &self.library.pages[service.page];
        let lang = page.lang.as_str();
        let label = |name: &str, key: &str| {
            self.config
                .taxonomy(name)
                .and_then(|t| crate::content::taxonomy::resolve_term(t, key, lang))
                .map_or_else(|| key.to_string(), |(_, label)| label)
        };
        let terms = |name: &str| -> Vec<String> {
            page.meta
                .taxonomies
                .get(name)
                .map(|t| t.iter().map(|t| label(name, &t.value)).collect())
                .unwrap_or_default()
        };
        let mut value = json!({
            "@context": "https://schema.org",
            "@type": "Service",
            "name": page.meta.title,
            "url": self.urls.permalink(&page.path),
            "inLanguage": lang,
            "provider": self.provider_json(Some(lang)),
        });
        if let Some(summary) = &page.meta.summary {
            value["description"] = json!(summary);
        }
        let aims = terms(AIMS);
        if !aims.is_empty() {
            value["category"] = json!(aims);
        }
        let audiences: Vec<Value> = terms(AUDIENCES)
            .into_iter()
            .map(|a| json!({"@type": "Audience", "audienceType": a}))
            .collect();
        if !audiences.is_empty() {
            value["audience"] = json!(audiences);
        }
        let offers: Vec<Value> = service
            .fees
            .iter()
            .map(|(audience, fee)| offer(&label(AUDIENCES, audience), fee))
            .collect();
        if !offers.is_empty() {
            value["offers"] = json!(offers);
        }
        let mut channel = json!({"@type": "ServiceChannel", "availableLanguage": lang});
        if let Some(url) = service
            .request
            .as_ref()
            .and_then(|r| r.link.as_ref().or(r.form.as_ref()))
        {
            channel["serviceUrl"] = json!(self.absolute(page, url));
        }
        if let Some(t) = service.turnaround {
            channel["processingTime"] = json!(iso_duration(t.max, t.unit));
        }
        value["availableChannel"] = channel;
        let text = serde_json::to_string(&value).unwrap_or_default();
        // `</script>` in a title would end the element; JSON reads `<\/` as `</`.
        text.replace("</", "<\\/")
    }
}

/// A schema.org `Offer` for one audience's fee.
fn offer(audience: &str, fee: &Fee) -> Value {
    let mut offer = json!({"@type": "Offer", "name": audience});
    match fee {
        Fee::Free => {
            offer["price"] = json!("0");
            offer["priceCurrency"] = json!("CNY");
        }
        Fee::Amount {
            amount, currency, ..
        } => {
            offer["price"] = json!(amount);
            offer["priceCurrency"] = json!(currency);
        }
        Fee::AtCost => offer["description"] = json!("at cost"),
        Fee::ByAgreement => offer["description"] = json!("by agreement"),
    }
    offer
}

/// ISO 8601 duration: `P10D`, `P3W`, `PT48H` (working days are written as days).
fn iso_duration(figure: u32, unit: Unit) -> String {
    match unit {
        Unit::Hours => format!("PT{figure}H"),
        Unit::WorkingDays | Unit::Days => format!("P{figure}D"),
        Unit::Weeks => format!("P{figure}W"),
        Unit::Months => format!("P{figure}M"),
    }
}
