//! The one check every URL taken from front matter or a shortcode goes through before a template
//! or the engine writes it into an `href` or `src`: `http:`, `https:`, `mailto:`, `tel:` and
//! relative URLs pass; any other scheme (`javascript:`, `data:`, `vbscript:`…) is refused.
//!
//! Browsers read a URL leniently (WHATWG URL): they drop leading spaces and control characters,
//! remove tabs and newlines anywhere, and ignore the case of the scheme, so `"\tjaVa\nscript:"`
//! runs as `javascript:`. The check reads the scheme the same way, and refuses control
//! characters outright: no link needs them.

/// Schemes a link from content may use.
const ALLOWED_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Front matter fields holding a URL, at any depth of a content type's fields (a course's
/// `registration`, a session's `online`, a lesson's `video`, a material's `file` or `url`, a
/// service's `sample` and request `form`).
pub const URL_FIELDS: [&str; 11] = [
    "url",
    "link",
    "href",
    "file",
    "download",
    "video",
    "registration",
    "online",
    "data",
    "form",
    "sample",
];

/// Whether `url` may be written into a link; else why not, for an error message.
pub fn check(url: &str) -> Result<(), String> {
    if url.chars().any(char::is_control) {
        return Err(format!(
            "`{}` contains a control character: a link is written without tabs, line breaks or other invisible characters",
            url.escape_debug()
        ));
    }
    // Browsers drop leading spaces; so does the check.
    let url = url.trim_start_matches(' ');
    match scheme(url) {
        Some(scheme) if !ALLOWED_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) => {
            Err(format!(
                "`{}` is a `{scheme}:` link: expected an http:, https:, mailto: or tel: link or a relative URL",
                url.escape_debug()
            ))
        }
        _ => Ok(()),
    }
}

/// The scheme of `url` as a browser reads it (a letter, then letters, digits, `+`, `-`, `.`, up
/// to the first `:`); `None` for a relative URL.
fn scheme(url: &str) -> Option<&str> {
    let candidate = &url[..url.find(':')?];
    let mut chars = candidate.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_mail_phone_and_relative_links_pass() {
        for url in [
            "https://example.org/x?a=b:c",
            "HTTP://example.org",
            "mailto:ipis@example.edu.cn?subject=a",
            "tel:+86-21-5555-0100",
            "/files/a.pdf",
            "data.yaml",
            "./notes:v2.pdf",
            "?page=2",
            "#top",
            "//example.org/x",
            " https://example.org",
            "专利:检索.pdf",
            "",
        ] {
            assert_eq!(check(url), Ok(()), "{url:?}");
        }
    }

    #[test]
    fn script_data_and_other_schemes_fail_however_written() {
        for url in [
            "javascript:alert(1)",
            " JAVASCRIPT:alert(1)",
            "\tjaVa\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\u{0}script:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "DaTa:image/svg+xml;base64,PHN2Zz4=",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "notes:v2.pdf",
            "c:\\files\\a.pdf",
        ] {
            assert!(check(url).is_err(), "{url:?}");
        }
        let message = check("\tjavascript:x").unwrap_err();
        assert!(message.contains("`\\tjavascript:x`"), "{message}");
    }
}
