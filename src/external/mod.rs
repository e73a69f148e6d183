//! `ipportal check --external`: the links and images of the pages' Markdown that point at other
//! sites ([`ExternalLink`]s, noted by the renderer with their line) → requested over HTTP, each
//! distinct URL once → [`Diagnostic`]s at every place the URL is written.
//!
//! `[check]` in `site.toml` ([`CheckSettings`]) sets the hosts to skip, the timeouts (of a
//! request, and of the whole run), and how many requests run at once; [`cache`] remembers the
//! URLs that worked.

pub mod cache;
mod http;
mod pool;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::base::diagnostics::{Code, Diagnostic};
use crate::config::CheckSettings;
use crate::content::Library;
use crate::markdown::ExternalLink;
use crate::render::Bodies;
pub use http::Outcome;

/// One external link where it is written.
#[derive(Debug, Clone, Copy)]
pub struct Occurrence<'a> {
    /// The file, relative to the portal root.
    pub file: &'a Path,
    /// The whole text of the file, for showing the line.
    pub source: &'a str,
    /// The URL and its position.
    pub link: &'a ExternalLink,
}

/// What checking the external links found.
#[derive(Debug, Default)]
pub struct ExternalReport {
    /// One per place a link with a problem is written.
    pub diagnostics: Vec<Diagnostic>,
    /// How many URLs were requested, and how many were not.
    pub counts: ExternalCounts,
}

/// How many distinct URLs a check requested, and why it did not request the others.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ExternalCounts {
    /// Distinct URLs requested on this run (with an outcome: unchecked ones aside).
    pub requested: usize,
    /// Distinct URLs not requested because they worked within `cache_days`.
    pub cached: usize,
    /// Distinct URLs not requested because their host is in `skip_hosts`.
    pub skipped: usize,
    /// Distinct URLs not checked, or not to the end (redirects, a retry), because the run's
    /// deadline (`external_timeout`) passed.
    pub unchecked: usize,
}

/// Characters a URL cannot carry as written: controls, spaces and everything beyond ASCII
/// (Chinese paths are common on the sites portals link to), encoded as a browser does.
const NOT_IN_URLS: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>');

/// Every external link of every page and section, in file order.
pub fn occurrences<'a>(library: &'a Library, bodies: &'a Bodies) -> Vec<Occurrence<'a>> {
    let pages = library
        .pages
        .iter()
        .map(|p| (p.file.as_path(), p.source.as_str()))
        .zip(&bodies.pages);
    // A section without an `_index.md` has no body, so no links.
    let sections = library
        .sections
        .iter()
        .map(|s| {
            (
                s.file.as_deref().unwrap_or(Path::new("")),
                s.source.as_str(),
            )
        })
        .zip(&bodies.sections);
    pages
        .chain(sections)
        .flat_map(|((file, source), body)| {
            body.external_links
                .iter()
                .map(move |link| Occurrence { file, source, link })
        })
        .collect()
}

/// Checks every distinct URL of `links` (skipped hosts and fresh cache entries aside) until
/// `[check] external_timeout` has passed, updates the portal's link cache as answers come, and
/// reports the problems where the links are written, and the links left unchecked in one warning.
pub fn check_links(root: &Path, settings: &CheckSettings, links: &[Occurrence]) -> ExternalReport {
    let mut places: BTreeMap<String, Vec<&Occurrence>> = BTreeMap::new();
    for occurrence in links {
        let url = request_url(&occurrence.link.url);
        places.entry(url).or_default().push(occurrence);
    }
    let mut report = ExternalReport::default();
    if places.is_empty() {
        return report;
    }
    // Instants that do not fit (a timeout of ages) mean no deadline.
    let deadline = Instant::now().checked_add(Duration::from_secs(settings.external_timeout));
    let now = unix_now();
    let cache = cache::LinkCache::load(root);
    let mut plan = Plan::default();
    for url in places.keys() {
        plan.add(url, settings, |url| {
            cache.is_fresh(url, now, settings.cache_days)
        });
    }
    let kept = cache.renewed(plan.fresh.iter().copied(), [], now);
    let recorder = cache::Recorder::new(root, kept, now);
    let results = request_all(&plan.jobs, settings, deadline, &recorder);
    let unchecked = results.iter().filter(|o| **o == Outcome::Unchecked).count();
    report.counts = ExternalCounts {
        requested: plan.jobs.len() - unchecked,
        cached: plan.fresh.len(),
        skipped: plan.skipped,
        unchecked,
    };
    let mut outcomes = plan.invalid;
    if looks_offline(&plan.jobs, &results) {
        report
            .diagnostics
            .push(offline_warning(report.counts.requested));
    } else {
        outcomes.extend(plan.jobs.iter().map(|(_, url)| *url).zip(results));
    }
    if unchecked > 0 {
        report
            .diagnostics
            .push(deadline_warning(unchecked, settings.external_timeout));
    }
    if let Err(warning) = recorder.into_cache().save(root) {
        report.diagnostics.push(warning);
    }
    for (url, outcome) in &outcomes {
        for place in &places[*url] {
            report.diagnostics.extend(finding(outcome, place, settings));
        }
    }
    crate::base::diagnostics::sort_and_dedup(&mut report.diagnostics);
    report
}

/// Requests every job's URL before `deadline` (`Outcome::Unchecked` for those it could not),
/// recording the ones that work while a thread saves the cache.
fn request_all(
    jobs: &[(String, &str)],
    settings: &CheckSettings,
    deadline: Option<Instant>,
    recorder: &cache::Recorder,
) -> Vec<Outcome> {
    let agent = http::agent(settings);
    let limits = pool::Limits {
        workers: settings.concurrency,
        per_host: settings.host_concurrency,
        interval: Duration::from_millis(settings.host_interval_ms),
        deadline,
    };
    let results = std::thread::scope(|scope| {
        scope.spawn(|| recorder.save_while_running());
        let results = pool::run(jobs, limits, |url| {
            let outcome = http::check_url(&agent, url, deadline);
            if outcome == Outcome::Works {
                recorder.worked(url);
            }
            outcome
        });
        recorder.finish();
        results
    });
    results
        .into_iter()
        .map(|result| result.unwrap_or(Outcome::Unchecked))
        .collect()
}

/// What to do with each distinct URL.
#[derive(Default)]
struct Plan<'a> {
    /// URLs that cannot be requested, with what is wrong.
    invalid: BTreeMap<&'a str, Outcome>,
    /// URLs on a skipped host.
    skipped: usize,
    /// URLs that worked within `cache_days`.
    fresh: Vec<&'a str>,
    /// (host, URL) to request.
    jobs: Vec<(String, &'a str)>,
}

impl<'a> Plan<'a> {
    fn add(&mut self, url: &'a str, settings: &CheckSettings, is_fresh: impl Fn(&str) -> bool) {
        match host(url) {
            Err(reason) => {
                self.invalid.insert(url, Outcome::InvalidUrl(reason));
            }
            Ok(host) if is_skipped(&host, &settings.skip_hosts) => self.skipped += 1,
            Ok(_) if is_fresh(url) => self.fresh.push(url),
            Ok(host) => self.jobs.push((host, url)),
        }
    }
}

/// The diagnostic for one place a URL with this outcome is written, if any.
fn finding(outcome: &Outcome, place: &Occurrence, settings: &CheckSettings) -> Option<Diagnostic> {
    let (line, column) = (place.link.line, place.link.column);
    let d = diagnostic(outcome, &place.link.url, settings)?;
    Some(d.in_file(place.file).at(place.source, line, column))
}

/// Whether no server answered at all although several hosts were asked: then the machine has
/// no network (or a DNS that knows no name), and reporting every link as broken would be wrong.
fn looks_offline(jobs: &[(String, &str)], results: &[Outcome]) -> bool {
    let hosts: std::collections::HashSet<&str> = jobs
        .iter()
        .zip(results)
        .filter(|(_, outcome)| **outcome != Outcome::Unchecked)
        .map(|((host, _), _)| host.as_str())
        .collect();
    hosts.len() >= 2 && !results.iter().any(Outcome::is_answer)
}

/// The one warning for the links the deadline left unchecked.
fn deadline_warning(unchecked: usize, seconds: u64) -> Diagnostic {
    let links = if unchecked == 1 { "link" } else { "links" };
    Diagnostic::warning(Code::ExternalUnverified, crate::untranslated!(format!(
        "{unchecked} {links} not checked: the {seconds} s deadline of --external-timeout ran out"
    )))
    .with_help(crate::untranslated!("the links that worked are cached: the next run skips them and goes on with the others; or allow more time with --external-timeout (or `external_timeout` under [check] in site.toml)"))
}

fn offline_warning(requested: usize) -> Diagnostic {
    Diagnostic::warning(Code::ExternalUnverified, crate::untranslated!(format!(
        "external links were not checked: none of the {requested} requests got an answer from a server"
    )))
    .with_help(crate::untranslated!("this machine seems to have no network access or no working DNS; run `check --external` where the sites can be reached"))
}

/// The URL to request: without its `#fragment` (never sent to a server) and percent-encoded.
fn request_url(written: &str) -> String {
    let without_fragment = written.split('#').next().unwrap_or_default();
    utf8_percent_encode(without_fragment, NOT_IN_URLS).to_string()
}

/// The host of a URL, in lower case; what is wrong with the URL when it has none.
fn host(url: &str) -> Result<String, String> {
    let uri: ureq::http::Uri = url
        .parse()
        .map_err(|e| format!("{e}: expected `https://host/path`"))?;
    match uri.host() {
        Some(host) if !host.is_empty() => Ok(host.to_ascii_lowercase()),
        _ => Err("the URL names no host".into()),
    }
}

/// Whether `host` is one of `patterns`: `example.com` only itself, `*.example.com` the domain
/// and every host under it.
fn is_skipped(host: &str, patterns: &[String]) -> bool {
    patterns.iter().any(|pattern| {
        let pattern = pattern.to_ascii_lowercase();
        match pattern.strip_prefix("*.") {
            Some(domain) => host == domain || host.ends_with(&format!(".{domain}")),
            None => host == pattern,
        }
    })
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// What an editor is told about a link with this outcome; `None` when it works. Errors are links
/// that are certainly broken (the page or the host is gone, the URL is malformed); warnings are
/// what may pass or needs a person to look (moved, refused, slow, rate limited).
fn diagnostic(outcome: &Outcome, url: &str, settings: &CheckSettings) -> Option<Diagnostic> {
    let skip_help = "if it works in a browser, the site may block automated checks: add its host to `skip_hosts` under [check] in site.toml";
    Some(match outcome {
        Outcome::Works => return None,
        Outcome::Moved { to } => Diagnostic::warning(Code::ExternalMoved, crate::untranslated!(format!(
            "external link `{url}` has moved permanently to `{to}`"
        )))
        .with_help(crate::untranslated!(format!("link to `{to}` instead"))),
        Outcome::Gone { status, at } => {
            let via = at.as_ref().map(|at| format!(" (redirected to `{at}`)")).unwrap_or_default();
            Diagnostic::error(Code::ExternalBroken, crate::untranslated!(format!(
                "broken external link `{url}`: {}{via}",
                http::status_text(*status)
            )))
            .with_help(crate::untranslated!("the page is gone: link to where it moved, to an archived copy, or remove the link"))
        }
        Outcome::Refused { status } => Diagnostic::warning(Code::ExternalUnverified, crate::untranslated!(format!(
            "external link `{url}` answered {}",
            http::status_text(*status)
        )))
        .with_help(crate::untranslated!(skip_help)),
        Outcome::RateLimited => Diagnostic::warning(Code::ExternalUnverified, crate::untranslated!(format!(
            "external link `{url}` was not checked: rate limited (429 Too Many Requests, also after waiting)"
        )))
        .with_help(crate::untranslated!("the server asks for fewer requests: raise `host_interval_ms` under [check], or run the check later")),
        Outcome::UnknownHost => {
            Diagnostic::error(Code::ExternalBroken, crate::untranslated!(format!("broken external link `{url}`: the host does not exist")))
                .with_help(crate::untranslated!("check the spelling of the address; the site may have closed"))
        }
        Outcome::Timeout => Diagnostic::warning(Code::ExternalUnverified, crate::untranslated!(format!(
            "external link `{url}` did not answer within {} s",
            settings.timeout
        )))
        .with_help(crate::untranslated!(format!("the server is slow or unreachable from here; {skip_help}"))),
        Outcome::Unreachable(reason) => {
            Diagnostic::warning(Code::ExternalUnverified, crate::untranslated!(format!("external link `{url}` could not be reached: {reason}")))
                .with_help(crate::untranslated!("the server may be down for now; it is checked again on the next run"))
        }
        Outcome::TooManyRedirects => Diagnostic::warning(Code::ExternalUnverified, crate::untranslated!(format!(
            "external link `{url}` redirects more than 10 times (a loop?)"
        ))),
        Outcome::InvalidUrl(reason) => {
            Diagnostic::error(Code::ExternalBroken, crate::untranslated!(format!("invalid external link `{url}`: {reason}")))
        }
        // Counted in the one warning of `deadline_warning`.
        Outcome::Unchecked => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_their_fragment_and_are_encoded() {
        assert_eq!(request_url("https://a.org/x#part"), "https://a.org/x");
        assert_eq!(
            request_url("https://baike.baidu.com/item/专利 法"),
            "https://baike.baidu.com/item/%E4%B8%93%E5%88%A9%20%E6%B3%95"
        );
        assert_eq!(
            host("HTTPS://WWW.Cnipa.gov.cn:8080/x").unwrap(),
            "www.cnipa.gov.cn"
        );
        assert!(host("https:///path").is_err());
    }

    #[test]
    fn skip_patterns_match_hosts_and_domains() {
        let patterns = ["example.com".to_string(), "*.CNIPA.gov.cn".to_string()];
        assert!(is_skipped("example.com", &patterns));
        assert!(!is_skipped("www.example.com", &patterns));
        assert!(is_skipped("cnipa.gov.cn", &patterns));
        assert!(is_skipped("pss-system.cnipa.gov.cn", &patterns));
        assert!(!is_skipped("notcnipa.gov.cn", &patterns));
    }

    #[test]
    fn only_certain_breakage_is_an_error() {
        let settings = CheckSettings::default();
        let severity = |o: Outcome| diagnostic(&o, "https://a/", &settings).map(|d| d.is_error());
        assert_eq!(severity(Outcome::Works), None);
        assert_eq!(
            severity(Outcome::Gone {
                status: 410,
                at: None
            }),
            Some(true)
        );
        assert_eq!(severity(Outcome::UnknownHost), Some(true));
        assert_eq!(severity(Outcome::InvalidUrl("x".into())), Some(true));
        assert_eq!(
            severity(Outcome::Moved {
                to: "https://b/".into()
            }),
            Some(false)
        );
        assert_eq!(severity(Outcome::Refused { status: 403 }), Some(false));
        assert_eq!(severity(Outcome::RateLimited), Some(false));
        assert_eq!(severity(Outcome::Timeout), Some(false));
        assert_eq!(severity(Outcome::Unreachable("reset".into())), Some(false));
    }
}
