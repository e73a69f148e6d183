//! Which Chromium the browser tests start, and what they do without one.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};

const NO_CHROMIUM: &str = "no Chromium found; install Debian's `chromium` or set CHROMIUM";

/// What a browser test does about the browser.
#[derive(Debug, PartialEq)]
pub(crate) enum Browser {
    /// Run, with the Chromium at this path.
    Run(PathBuf),
    /// Pass without running: there is no Chromium and nothing requires one.
    Skip,
    /// Fail: there is no Chromium and `CI` or `IPPORTAL_REQUIRE_BROWSER=1` requires one.
    Fail,
}

/// The rule, with the environment passed in: `found` is the Chromium found, `ci` and `require`
/// the values of `CI` and `IPPORTAL_REQUIRE_BROWSER`.
fn browser_rule(found: Option<PathBuf>, ci: Option<&OsStr>, require: Option<&OsStr>) -> Browser {
    let required = ci.is_some_and(|v| !v.is_empty()) || require.is_some_and(|v| v == "1");
    match found {
        Some(path) => Browser::Run(path),
        None if required => Browser::Fail,
        None => Browser::Skip,
    }
}

/// Headless Chromium: `explicit` (the value of `CHROMIUM`) when it is set, else
/// `/usr/bin/chromium`, else `chromium` in a folder of `search_path` (the value of `PATH`). An
/// explicit path that does not exist is no browser: a wrong setting never falls back to another.
fn find_chromium(explicit: Option<&OsStr>, search_path: Option<&OsStr>) -> Option<PathBuf> {
    if let Some(path) = explicit.filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let on_path = search_path
        .into_iter()
        .flat_map(std::env::split_paths)
        .map(|folder| folder.join("chromium"));
    std::iter::once(PathBuf::from("/usr/bin/chromium"))
        .chain(on_path)
        .find(|path| path.is_file())
}

pub(crate) fn browser() -> Browser {
    let var = std::env::var_os;
    browser_rule(
        find_chromium(var("CHROMIUM").as_deref(), var("PATH").as_deref()),
        var("CI").as_deref(),
        var("IPPORTAL_REQUIRE_BROWSER").as_deref(),
    )
}

/// Called first by every test that opens the browser: true, after one line on stderr, when the
/// test is to pass without running; a panic when a missing browser is a failure.
pub(super) fn skipped_without_chromium() -> bool {
    match browser() {
        Browser::Run(_) => false,
        Browser::Skip => {
            // Straight to the process's stderr, in one write: the harness swallows `eprintln!`
            // of passing tests.
            let test = std::thread::current()
                .name()
                .unwrap_or("browser")
                .to_string();
            let line = format!("{test}: skipped: {NO_CHROMIUM}\n");
            let _ = std::io::stderr().write_all(line.as_bytes());
            true
        }
        Browser::Fail => {
            panic!("{NO_CHROMIUM} (required: CI or IPPORTAL_REQUIRE_BROWSER=1 is set)")
        }
    }
}

/// The Chromium to start; the test has called `skipped_without_chromium` first.
pub(super) fn chromium() -> PathBuf {
    match browser() {
        Browser::Run(path) => path,
        Browser::Skip | Browser::Fail => panic!("{NO_CHROMIUM}"),
    }
}

#[test]
fn without_chromium_the_tests_pass_unless_ci_requires_the_browser() {
    let path = PathBuf::from("/opt/chromium/chrome");
    let set = |v: &'static str| Some(OsStr::new(v));
    assert_eq!(browser_rule(None, None, None), Browser::Skip);
    assert_eq!(browser_rule(None, set(""), None), Browser::Skip);
    assert_eq!(browser_rule(None, None, set("0")), Browser::Skip);
    assert_eq!(browser_rule(None, set("true"), None), Browser::Fail);
    assert_eq!(browser_rule(None, set("1"), set("0")), Browser::Fail);
    assert_eq!(browser_rule(None, None, set("1")), Browser::Fail);
    assert_eq!(
        browser_rule(Some(path.clone()), set("true"), None),
        Browser::Run(path.clone())
    );
    assert_eq!(
        browser_rule(Some(path.clone()), None, None),
        Browser::Run(path)
    );
}

#[test]
fn chromium_is_chromium_or_usr_bin_or_on_path() {
    let folder = tempfile::tempdir().unwrap();
    let fake = folder.path().join("chromium");
    std::fs::write(&fake, "").unwrap();
    let path = Some(folder.path().as_os_str());
    assert_eq!(
        find_chromium(Some(fake.as_os_str()), None),
        Some(fake.clone())
    );
    // A CHROMIUM that does not exist is no browser, even with one on PATH.
    let missing = folder.path().join("missing");
    assert_eq!(find_chromium(Some(missing.as_os_str()), path), None);
    // Unset or empty: Debian's /usr/bin/chromium when installed, else the one on PATH.
    let debian = Path::new("/usr/bin/chromium");
    let expected = if debian.is_file() { debian } else { &fake };
    assert_eq!(find_chromium(None, path).as_deref(), Some(expected));
    assert_eq!(
        find_chromium(Some(OsStr::new("")), path).as_deref(),
        Some(expected)
    );
    if !debian.is_file() {
        assert_eq!(find_chromium(None, None), None);
    }
}
