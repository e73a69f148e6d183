//! One external URL → its [`Outcome`]: HEAD first (GET when the server refuses HEAD), redirects
//! followed one by one so a permanent move can be told from a temporary one, and one retry after
//! a `429 Too Many Requests`; no request starts after the run's deadline.

use std::io;
use std::time::{Duration, Instant};

use ureq::Agent;
use ureq::http::{Response, StatusCode};

use crate::config::CheckSettings;

/// Redirects followed before giving up.
const MAX_REDIRECTS: usize = 10;

/// The longest `Retry-After` worth waiting for; a server asking for more is reported as rate
/// limiting rather than holding up the whole check.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(10);

/// What requesting a URL found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A 2xx answer, possibly after temporary redirects.
    Works,
    /// Permanent redirects (301, 308) to a page that works: `to` is where the link should point.
    Moved {
        /// The URL after the permanent redirects.
        to: String,
    },
    /// 404 or 410, possibly after redirects (`at` is then the URL that answered).
    Gone {
        /// The status code.
        status: u16,
        /// The URL that answered, when redirects led there.
        at: Option<String>,
    },
    /// Any other 4xx or 5xx answer.
    Refused {
        /// The status code.
        status: u16,
    },
    /// 429 Too Many Requests, also after waiting as asked once.
    RateLimited,
    /// The host name does not exist.
    UnknownHost,
    /// No answer within the timeout.
    Timeout,
    /// No connection or no valid answer (refused, reset, TLS, malformed response…).
    Unreachable(String),
    /// More than ten redirects, most likely a loop.
    TooManyRedirects,
    /// The URL cannot be requested as written.
    InvalidUrl(String),
    /// The run's deadline passed before the URL was requested, or before its redirects or its
    /// retry were: nothing is known.
    Unchecked,
}

impl Outcome {
    /// Whether a server answered (with any status), as opposed to no connection at all.
    pub fn is_answer(&self) -> bool {
        !matches!(
            self,
            Outcome::UnknownHost
                | Outcome::Timeout
                | Outcome::Unreachable(_)
                | Outcome::InvalidUrl(_)
                | Outcome::Unchecked
        )
    }
}

/// The HTTP client every worker shares: timeouts from `[check]`, no automatic redirects, and
/// 4xx/5xx answers returned as answers rather than errors.
pub fn agent(settings: &CheckSettings) -> Agent {
    Agent::config_builder()
        .timeout_connect(Some(Duration::from_secs(settings.connect_timeout)))
        .timeout_global(Some(Duration::from_secs(settings.timeout)))
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(concat!("ipportal-link-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// Requests `url` (already percent-encoded, without fragment) and follows its redirects, starting
/// no request at or after `deadline`.
pub fn check_url(agent: &Agent, url: &str, deadline: Option<Instant>) -> Outcome {
    let mut current = url.to_string();
    let mut moved_to = None;
    let mut only_permanent = true;
    let mut retried = false;
    // The first request, the redirects, and one retry after a 429.
    for _ in 0..MAX_REDIRECTS + 2 {
        let response = match head_or_get(agent, &current, deadline) {
            Ok(response) => response,
            Err(outcome) => return outcome,
        };
        let status = response.status().as_u16();
        match status {
            200..=299 => return moved_to.map_or(Outcome::Works, |to| Outcome::Moved { to }),
            300..=399 => {
                let Some(location) = location(&response) else {
                    return Outcome::Refused { status };
                };
                let Some(next) = join(&current, location) else {
                    return Outcome::Unreachable(format!(
                        "it redirects to `{location}`, which is not a URL"
                    ));
                };
                only_permanent &= matches!(status, 301 | 308);
                if only_permanent {
                    moved_to = Some(next.clone());
                }
                current = next;
            }
            429 if !retried => {
                retried = true;
                let wait = retry_after(&response).filter(|wait| *wait <= MAX_RETRY_WAIT);
                let Some(wait) = wait else {
                    return Outcome::RateLimited;
                };
                // The retry would start after the deadline: do not wait for nothing.
                if is_past(deadline, Instant::now() + wait) {
                    return Outcome::Unchecked;
                }
                std::thread::sleep(wait);
            }
            429 => return Outcome::RateLimited,
            404 | 410 => {
                let at = (current != url).then_some(current);
                return Outcome::Gone { status, at };
            }
            _ => return Outcome::Refused { status },
        }
    }
    Outcome::TooManyRedirects
}

/// HEAD, or GET when the server says it does not do HEAD (405, 501), unless `deadline` has
/// passed. The body of a GET is never read: the status is all that matters.
fn head_or_get(
    agent: &Agent,
    url: &str,
    deadline: Option<Instant>,
) -> Result<Response<ureq::Body>, Outcome> {
    let call = |request: ureq::RequestBuilder<ureq::typestate::WithoutBody>| {
        if is_past(deadline, Instant::now()) {
            return Err(Outcome::Unchecked);
        }
        request.call().map_err(outcome_of_error)
    };
    let response = call(agent.head(url))?;
    match response.status().as_u16() {
        405 | 501 => call(agent.get(url)),
        _ => Ok(response),
    }
}

/// Whether `instant` is at or after `deadline` (never when there is none).
fn is_past(deadline: Option<Instant>, instant: Instant) -> bool {
    deadline.is_some_and(|deadline| instant >= deadline)
}

fn location<B>(response: &Response<B>) -> Option<&str> {
    response.headers().get("location")?.to_str().ok()
}

/// `Retry-After` in seconds; the HTTP-date form counts as one second.
fn retry_after<B>(response: &Response<B>) -> Option<Duration> {
    let value = response.headers().get("retry-after")?.to_str().ok()?.trim();
    Some(Duration::from_secs(value.parse().unwrap_or(1)))
}

/// A `Location` resolved against the URL that sent it, as a browser does (absolute, `//host`,
/// `/path`, `../path`, `?query`); `None` when it is not a URL.
fn join(base: &str, location: &str) -> Option<String> {
    let joined = url::Url::parse(base).ok()?.join(location).ok()?;
    Some(joined.into())
}

fn outcome_of_error(error: ureq::Error) -> Outcome {
    match error {
        ureq::Error::Timeout(_) => Outcome::Timeout,
        ureq::Error::HostNotFound => Outcome::UnknownHost,
        ureq::Error::BadUri(reason) => Outcome::InvalidUrl(reason),
        ureq::Error::TooManyRedirects => Outcome::TooManyRedirects,
        ureq::Error::Io(e) => outcome_of_io_error(&e),
        other => Outcome::Unreachable(other.to_string()),
    }
}

fn outcome_of_io_error(error: &io::Error) -> Outcome {
    match error.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => return Outcome::Timeout,
        io::ErrorKind::ConnectionRefused => {
            return Outcome::Unreachable("connection refused".into());
        }
        _ => {}
    }
    // The standard library reports a failed name lookup as an uncategorised error whose text
    // carries the resolver's reason. Only "this name does not exist" makes the link broken; a
    // temporary failure (no network, no DNS server) must not turn every link into an error.
    let text = error.to_string();
    let name_unknown = [
        "not known",
        "No address associated",
        "nodename nor servname",
    ];
    if text.contains("failed to lookup address") && name_unknown.iter().any(|n| text.contains(n)) {
        Outcome::UnknownHost
    } else {
        Outcome::Unreachable(text)
    }
}

/// `404 Not Found`: the code with its standard reason phrase.
pub fn status_text(status: u16) -> String {
    let reason = StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason());
    match reason {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_resolved_against_the_url_that_sent_them() {
        let base = "https://a.org/x/y?q=1";
        let join = |base, location| join(base, location).unwrap();
        assert_eq!(join(base, "https://b.org/z"), "https://b.org/z");
        assert_eq!(join(base, "//c.org/z"), "https://c.org/z");
        assert_eq!(join(base, "/root"), "https://a.org/root");
        assert_eq!(join(base, "sibling"), "https://a.org/x/sibling");
        assert_eq!(join(base, "../up"), "https://a.org/up");
        assert_eq!(join(base, "?q=2"), "https://a.org/x/y?q=2");
        assert_eq!(join("https://a.org", "page"), "https://a.org/page");
        // A query holding another address is still relative to the host that sent it.
        assert_eq!(
            join(base, "/login?next=http://b.org/"),
            "https://a.org/login?next=http://b.org/"
        );
        assert_eq!(
            join(base, "login?next=https://b.org/"),
            "https://a.org/x/login?next=https://b.org/"
        );
    }

    #[test]
    fn name_lookup_failures_are_told_apart() {
        let unknown =
            io::Error::other("failed to lookup address information: Name or service not known");
        assert_eq!(outcome_of_io_error(&unknown), Outcome::UnknownHost);
        let offline = io::Error::other(
            "failed to lookup address information: Temporary failure in name resolution",
        );
        assert!(matches!(
            outcome_of_io_error(&offline),
            Outcome::Unreachable(_)
        ));
        let refused = io::Error::from(io::ErrorKind::ConnectionRefused);
        assert!(
            matches!(outcome_of_io_error(&refused), Outcome::Unreachable(r) if r == "connection refused")
        );
    }

    #[test]
    fn statuses_read_with_their_reason() {
        assert_eq!(status_text(404), "404 Not Found");
        assert_eq!(status_text(599), "599");
    }
}
