//! Checks the raw `site.toml` once, each problem reported on the line of the setting it
//! concerns, as the TOML parser located it.

use super::CheckSettings;
use super::Config;
use super::fields::is_core_field;
use super::raw::{RawConfig, into_config};
use crate::base::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::base::locate::{OwnedStep, Step, locate_toml};
use crate::base::text::line_column;

pub(super) fn toml_error(source: &str, error: &toml::de::Error) -> Diagnostic {
    let message = error.message().to_string();
    let help = unknown_field_help(&message);
    let mut d = Diagnostic::error(Code::ConfigInvalid, crate::msg!("config.invalid", message))
        .in_file("site.toml");
    if let Some(span) = error.span() {
        let (line, column) = line_column(source, span.start);
        d = d.at(source, line, column);
    }
    match help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// serde says "unknown field `x`, expected one of `a`, `b`": turn that into a suggestion.
fn unknown_field_help(message: &str) -> Option<crate::base::messages::Text> {
    let unknown = message.strip_prefix("unknown field `")?.split('`').next()?;
    let expected: Vec<&str> = message
        .split_once("expected")?
        .1
        .split('`')
        .skip(1)
        .step_by(2)
        .collect();
    did_you_mean(unknown, expected.iter().copied())
        .map(|name| crate::msg!("diagnostic.did_you_mean", name))
}

pub(super) fn validate(raw: RawConfig, source: &str) -> Result<Config, Vec<Diagnostic>> {
    let problems = [
        check_site(&raw),
        check_language_codes(&raw),
        check_taxonomies(&raw),
        check_settings(&raw),
    ]
    .concat();
    if !problems.is_empty() {
        let locations = locate_toml(source);
        return Err(problems
            .into_iter()
            .map(|(path, message)| {
                let path: Vec<Step> = path.iter().map(OwnedStep::as_step).collect();
                Diagnostic::error(Code::ConfigInvalid, crate::untranslated!(message))
                    .in_file("site.toml")
                    .at(source, locations.nearest(&path).map_or(1, |p| p.line), 1)
            })
            .collect());
    }
    Ok(into_config(raw, source))
}

/// A problem in `site.toml`: the path of the setting it is reported on (or, when that is not
/// written, of the nearest table that is), and the message.
type Problem = (Vec<OwnedStep>, String);

/// The path `steps` as a [`Problem`]'s.
fn path<const N: usize>(steps: [OwnedStep; N]) -> Vec<OwnedStep> {
    steps.into()
}

fn check_site(raw: &RawConfig) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Err(e) = parse_base_url(&raw.base_url) {
        problems.push((path(["base_url".into()]), e));
    }
    if !raw.languages.contains_key(&raw.default_language) {
        problems.push((
            path(["default_language".into()]),
            format!(
                "default_language `{}` is not one of [languages]: expected one of {}",
                raw.default_language,
                quoted_list(raw.languages.keys())
            ),
        ));
    }
    if raw.paginate_by == 0 {
        problems.push((
            path(["paginate_by".into()]),
            "paginate_by must be at least 1".into(),
        ));
    }
    problems
}

fn check_language_codes(raw: &RawConfig) -> Vec<Problem> {
    raw.languages
        .keys()
        .filter(|code| {
            code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map(|code| {
            (
                path(["languages".into(), code.as_str().into()]),
                format!("language code `{code}` must be letters, digits and `-` (e.g. `en`, `zh`)"),
            )
        })
        .collect()
}

/// Every taxonomy and term has a label in every language, and no taxonomy takes the name of a
/// front matter field.
fn check_taxonomies(raw: &RawConfig) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, tax) in raw.taxonomies.iter().enumerate() {
        let name_key = path(["taxonomies".into(), index.into(), "name".into()]);
        for code in raw.languages.keys() {
            if !tax.label.contains_key(code) {
                problems.push((
                    name_key.clone(),
                    format!("taxonomy `{}` has no label for language `{code}`", tax.name),
                ));
            }
        }
        for (key, labels) in tax.terms.iter().flatten() {
            for code in raw
                .languages
                .keys()
                .filter(|code| !labels.contains_key(*code))
            {
                problems.push((
                    path([
                        "taxonomies".into(),
                        index.into(),
                        "terms".into(),
                        key.as_str().into(),
                    ]),
                    format!(
                        "term `{key}` of taxonomy `{}` has no label for language `{code}`",
                        tax.name
                    ),
                ));
            }
        }
        if is_core_field(&tax.name) {
            problems.push((
                name_key,
                format!(
                    "taxonomy name `{}` is already a front matter field: choose another name",
                    tax.name
                ),
            ));
        }
    }
    problems
}

/// The `[patents]`, `[calendar]`, `[check]` and `[cms]` tables.
fn check_settings(raw: &RawConfig) -> Vec<Problem> {
    let check = raw
        .check
        .validate()
        .map_err(|(setting, message)| (path(["check".into(), setting.into()]), message));
    let cms = raw.cms.as_ref().and_then(|cms| {
        cms.validate()
            .err()
            .map(|(setting, message)| (path(["cms".into(), setting.into()]), message))
    });
    [
        (path(["patents".into()]), raw.patents.validate()),
        (
            path(["calendar".into(), "utc_offset".into()]),
            raw.calendar.offset().map(|_| ()),
        ),
    ]
    .into_iter()
    .filter_map(|(key, result)| result.err().map(|e| (key, e)))
    .chain(check.err())
    .chain(cms)
    .collect()
}

fn quoted_list<'a>(items: impl Iterator<Item = &'a String>) -> String {
    items
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The longest `[check] cache_days`: ten years.
const MAX_CACHE_DAYS: u64 = 3650;

/// The longest `[check]` wait, in seconds (`connect_timeout`, `timeout`; `host_interval_ms` in
/// milliseconds): an hour.
const MAX_TIMEOUT: u64 = 3600;

impl CheckSettings {
    /// Says what is wrong with the settings, if anything: the setting and the message.
    fn validate(&self) -> Result<(), (&'static str, String)> {
        let at_least_one = [
            ("connect_timeout", self.connect_timeout as usize),
            ("timeout", self.timeout as usize),
            ("concurrency", self.concurrency),
            ("host_concurrency", self.host_concurrency),
            ("external_timeout", self.external_timeout as usize),
        ];
        if let Some((name, _)) = at_least_one.iter().find(|(_, value)| *value == 0) {
            return Err((name, format!("[check] {name} must be at least 1")));
        }
        // Durations are added to the clock: a value this large would overflow it.
        let at_most = [
            ("cache_days", self.cache_days, MAX_CACHE_DAYS),
            ("connect_timeout", self.connect_timeout, MAX_TIMEOUT),
            ("timeout", self.timeout, MAX_TIMEOUT),
            (
                "host_interval_ms",
                self.host_interval_ms,
                MAX_TIMEOUT * 1000,
            ),
        ];
        if let Some((name, value, max)) = at_most.iter().find(|(_, value, max)| value > max) {
            return Err((
                name,
                format!("[check] {name} = {value} is too large: at most {max}"),
            ));
        }
        for host in &self.skip_hosts {
            let name = host.strip_prefix("*.").unwrap_or(host);
            let valid = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':'));
            if !valid {
                return Err((
                    "skip_hosts",
                    format!(
                        "[check] skip_hosts: `{host}` is not a host name: expected `example.com` or `*.example.com` (no scheme, no path)"
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// Splits a base URL into its normalised form (with a trailing `/`) and its path.
pub(super) fn parse_base_url(url: &str) -> Result<(String, String), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("base_url `{url}` must start with https:// or http:// (e.g. `https://lib.example.edu.cn/ipis/`)")
        })?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() || url.contains(char::is_whitespace) || path.contains(['?', '#']) {
        return Err(format!(
            "base_url `{url}` is not a valid site address: expected `https://host/` or `https://host/path/`"
        ));
    }
    let path = path.trim_end_matches('/');
    let base_path = if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    };
    let scheme = if url.starts_with("https://") {
        "https"
    } else {
        "http"
    };
    Ok((format!("{scheme}://{host}{base_path}"), base_path))
}
