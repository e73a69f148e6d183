//! The rule of which module may use which (ARCHITECTURE.md, code map): the base layer uses nothing,
//! `ip` only the base layer, and each stage only the stages before it. Read from the sources'
//! `crate::` paths, so a new edge against the rule fails here with its file and line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Each top-level module of `src/` and the modules it may use besides itself. The stages in
/// pipeline order; `output` is the folder being written, used by whoever writes; `search`,
/// `serve`, `audit` and `external` sit beside the stages and are used by none of them except the
/// writer (which writes the search pages) and `site` (which runs everything).
const MAY_USE: &[(&str, &[&str])] = &[
    ("base", &[]),
    ("allocator", &[]),
    ("ip", &["base"]),
    ("output", &["base"]),
    ("config", &["base", "ip"]),
    ("content", &["base", "ip", "config"]),
    ("markdown", &["base", "ip", "config", "content"]),
    ("render", &["base", "ip", "config", "content", "markdown"]),
    ("templates", &["base", "ip", "config", "content"]),
    (
        "search",
        &["base", "config", "content", "markdown", "render", "output"],
    ),
    (
        "write",
        &[
            "base",
            "ip",
            "config",
            "content",
            "markdown",
            "render",
            "templates",
            "search",
            "output",
            "cms",
        ],
    ),
    (
        "site",
        &[
            "base",
            "ip",
            "config",
            "content",
            "markdown",
            "render",
            "templates",
            "search",
            "write",
            "output",
            "cms",
        ],
    ),
    (
        "audit",
        &["base", "content", "markdown", "render", "site", "cms"],
    ),
    (
        "external",
        &["base", "config", "content", "markdown", "render"],
    ),
    ("serve", &["base", "output", "site", "templates"]),
    ("scaffold", &["base"]),
    ("archetype", &["base", "config", "content"]),
    ("reference", &["base", "config", "scaffold"]),
    ("cms", &["base", "config", "content"]),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level module a file of `src/` belongs to (`write/pages.rs` → `write`).
fn module_of(relative: &Path) -> String {
    let first = relative.components().next().expect("a file under src/");
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".rs").unwrap_or(&name).to_string()
}

/// Every module named after `crate::` in `text`, with its byte offset, including those in a
/// `use crate::{a, b::c}` over several lines.
fn modules_used(text: &str, known: &[&str]) -> Vec<(usize, String)> {
    let mut used = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        let group = rest.strip_prefix('{');
        let names = match group {
            Some(inside) => inside.split('}').next().unwrap_or(""),
            None => rest,
        };
        for item in names.split(',') {
            let name: String = item
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if known.contains(&name.as_str()) {
                used.push((at, name));
            }
            if group.is_none() {
                break;
            }
        }
    }
    used
}

/// The text with comment lines blanked (doc links name modules without using them).
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.trim_start().starts_with("//") {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let known: Vec<&str> = MAY_USE.iter().map(|(m, _)| *m).collect();
    let rules: BTreeMap<&str, &[&str]> = MAY_USE.iter().copied().collect();
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(src()) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(src()).unwrap();
        let module = module_of(relative);
        if matches!(module.as_str(), "lib" | "main" | "cli") {
            continue; // the crate root and the command line may use everything
        }
        let allowed = rules.get(module.as_str()).unwrap_or_else(|| {
            panic!(
                "src/{} is in no layer: add it to MAY_USE",
                relative.display()
            )
        });
        let text = without_comments(&std::fs::read_to_string(path).unwrap());
        for (at, used) in modules_used(&text, &known) {
            if used != module && !allowed.contains(&used.as_str()) {
                let line = text[..at].matches('\n').count() + 1;
                broken.push(format!(
                    "src/{}:{line}: `{module}` uses `{used}`",
                    relative.display()
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "uses against the layering (ARCHITECTURE.md, code map):\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_reader_of_crate_paths_finds_grouped_and_nested_uses() {
    let known = ["base", "config", "search"];
    let names = |text: &str| -> Vec<String> {
        modules_used(&without_comments(text), &known)
            .into_iter()
            .map(|(_, m)| m)
            .collect()
    };
    assert_eq!(
        names("use crate::{\n    base::text,\n    config::Config,\n};"),
        ["base", "config"]
    );
    assert_eq!(names("let k = crate::search::query::key(x);"), ["search"]);
    assert!(names("use super::escape;\n/// see [`crate::search`]").is_empty());
}
