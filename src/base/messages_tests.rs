//! The catalogue checked against itself and against the source that uses it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::*;

/// The `{names}` of a template.
fn placeholders(template: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if end > 0 && rest[end..].starts_with('}') {
            names.insert(rest[..end].to_string());
        }
    }
    names
}

/// Every `.rs` file under `src/` with its text, comment lines blanked (doc comments show
/// examples of the macros that are not uses).
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let code: Vec<&str> = text
                    .lines()
                    .map(|l| {
                        if l.trim_start().starts_with("//") {
                            ""
                        } else {
                            l
                        }
                    })
                    .collect();
                let name = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
                out.push((name.display().to_string(), code.join("\n")));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out.sort();
    out
}

/// The text between the parenthesis opening at `open` and its match, split at its top-level
/// commas.
fn arguments(text: &str, open: usize) -> Vec<String> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut parts, mut current) = (Vec::new(), String::new());
    for c in text[open..].chars() {
        if in_string {
            in_string = c != '"' || escaped;
            escaped = c == '\\' && !escaped;
        } else if c == '"' {
            in_string = true;
        } else if "([{".contains(c) {
            depth += 1;
            if depth == 1 {
                continue;
            }
        } else if ")]}".contains(c) {
            depth -= 1;
            if depth == 0 {
                break;
            }
        } else if c == ',' && depth == 1 {
            parts.push(std::mem::take(&mut current).trim().to_string());
            continue;
        }
        current.push(c);
    }
    parts.push(current.trim().to_string());
    parts.retain(|p| !p.is_empty());
    parts
}

/// Every `msg!("id", names…)` of the source: where, the id and the placeholders it fills.
fn uses() -> Vec<(String, String, BTreeSet<String>)> {
    let mut found = Vec::new();
    // The catalogue's own code names `msg!(` in its macro and in these tests.
    for (file, text) in sources()
        .into_iter()
        .filter(|(f, _)| !f.contains("base/messages"))
    {
        for (at, _) in text.match_indices("msg!(") {
            let args = arguments(&text, at + 4);
            let Some(id) = args.first().and_then(|a| a.strip_prefix('"')) else {
                continue;
            };
            let names = args[1..]
                .iter()
                .map(|a| {
                    let end = a.find(|c: char| !(c.is_alphanumeric() || c == '_'));
                    a[..end.unwrap_or(a.len())].to_string()
                })
                .collect();
            found.push((file.clone(), id.trim_end_matches('"').to_string(), names));
        }
    }
    found
}

#[test]
fn every_entry_has_both_languages_with_the_same_placeholders() {
    let entries = catalogue();
    assert!(entries.len() > 5, "the catalogue was read");
    for (id, entry) in entries {
        assert!(!entry.en.trim().is_empty(), "{id}: no English");
        assert!(!entry.zh.trim().is_empty(), "{id}: no Chinese");
        assert_eq!(
            placeholders(&entry.en),
            placeholders(&entry.zh),
            "{id}: the languages fill different placeholders"
        );
    }
    // A table with only one of the languages would be skipped silently by `flatten`.
    let table: toml::Table = CATALOGUE.parse().unwrap();
    fn leaves(prefix: &str, table: &toml::Table, out: &mut Vec<String>) {
        for (key, value) in table {
            match value.as_table() {
                Some(inner) => leaves(&format!("{prefix}{key}."), inner, out),
                None => out.push(format!("{prefix}{key}")),
            }
        }
    }
    let mut all = Vec::new();
    leaves("", &table, &mut all);
    for leaf in all {
        let (id, lang) = leaf.rsplit_once('.').unwrap();
        assert!(["en", "zh"].contains(&lang), "{leaf}: only `en` and `zh`");
        assert!(entries.contains_key(id), "{id}: needs both `en` and `zh`");
    }
}

#[test]
fn every_message_used_exists_with_its_placeholders_and_every_entry_is_used() {
    let entries = catalogue();
    let mut unused: BTreeSet<&str> = entries.keys().map(String::as_str).collect();
    for (file, id, names) in uses() {
        let entry = entries
            .get(&id)
            .unwrap_or_else(|| panic!("{file}: `{id}` is not in messages.toml"));
        assert_eq!(
            names,
            placeholders(&entry.en),
            "{file}: `{id}` is given other values than its placeholders"
        );
        unused.remove(id.as_str());
    }
    assert!(unused.is_empty(), "unused in messages.toml: {unused:?}");
}

/// Messages still written in English only, per file: the list may only shrink. Each count is
/// the uses of `untranslated!` outside tests; a use passing on another stage's message (such as
/// `e.message` of a shortcode or data error) stands for all the messages of that stage.
const UNCONVERTED: &[(&str, usize)] = &[
    ("src/archetype.rs", 8),
    ("src/audit.rs", 4),
    ("src/audit/a11y.rs", 1),
    ("src/cms/mod.rs", 2),
    ("src/config/validate.rs", 1),
    ("src/content/export.rs", 7),
    ("src/content/ip.rs", 8),
    ("src/content/services/mod.rs", 4),
    ("src/content/services/read.rs", 4),
    ("src/external/cache.rs", 2),
    ("src/external/mod.rs", 20),
    ("src/markdown/mod.rs", 2),
    ("src/output/guard.rs", 8),
    ("src/output/mod.rs", 2),
    ("src/scaffold.rs", 3),
    ("src/search/mod.rs", 2),
    ("src/serve/mod.rs", 5),
    ("src/site.rs", 1),
    ("src/templates/mod.rs", 11),
    ("src/write/assets.rs", 1),
    ("src/write/claims.rs", 2),
    ("src/write/ip.rs", 2),
    ("src/write/minify.rs", 2),
    ("src/write/pages.rs", 1),
];

#[test]
fn unconverted_sites() {
    let mut found = BTreeMap::new();
    for (file, text) in sources() {
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap();
        let count = code.matches("untranslated!(").count();
        if count > 0 && !file.contains("base/messages") {
            found.insert(file, count);
        }
    }
    let listed: BTreeMap<String, usize> = UNCONVERTED
        .iter()
        .map(|(f, n)| (f.to_string(), *n))
        .collect();
    assert_eq!(
        found, listed,
        "update UNCONVERTED (it may only shrink: convert new messages with msg!)"
    );
}

#[test]
fn the_locale_picks_the_language_as_posix_does() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(Lang::from_locale(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
    assert_eq!(Lang::from_locale(env(&[("LANG", "C")])), Lang::En);
    assert_eq!(Lang::from_locale(env(&[])), Lang::En);
    assert_eq!(
        Lang::from_locale(env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])),
        Lang::En
    );
    assert_eq!(
        Lang::from_locale(env(&[
            ("LC_ALL", ""),
            ("LC_MESSAGES", "zh_TW"),
            ("LANG", "C")
        ])),
        Lang::Zh
    );
}

#[test]
fn a_message_renders_in_each_language_with_nested_values() {
    let errors = crate::msg!("diagnostic.errors", n = 3);
    let text = crate::msg!("diagnostic.totals", errors => errors, warnings => crate::msg!("diagnostic.warnings_one"));
    assert_eq!(text, "3 errors, 1 warning");
    assert_eq!(text.render(Lang::Zh), "3 个错误，1 个警告");
    assert_eq!(Text::value("a {n}").render(Lang::Zh), "a {n}");
}
