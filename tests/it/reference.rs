//! The user guide's generated reference chapters (`docs/content/reference/`): each is what its
//! template in `docs/reference-src/` and the code make of it (`ipportal::reference`), so a code,
//! field or key cannot be added without the guide knowing. The CLI chapter is checked by the
//! binary's own tests (`src/cli/reference.rs`), which alone have the command line.
//! `IPPORTAL_BLESS=1 cargo test --release reference` rewrites the chapters.

use std::path::Path;

use ipportal::base::diagnostics::Code;
use ipportal::reference::{self, BLESS};

/// The chapters generated from the library's declarations.
const CHAPTERS: &[&str] = &["front-matter", "diagnostics", "site-toml"];

fn docs() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/docs"))
}

/// The chapter `file` as generated now.
fn generate(file: &str) -> String {
    let source = format!("docs/reference-src/{file}");
    let template = std::fs::read_to_string(docs().join("reference-src").join(file)).unwrap();
    reference::expand(
        &template,
        &source,
        reference::lang_of(file),
        reference::directive,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_reference_chapters_are_what_the_code_generates() {
    let bless = std::env::var_os("IPPORTAL_BLESS").is_some();
    for chapter in CHAPTERS {
        for file in [format!("{chapter}.md"), format!("{chapter}.en.md")] {
            let generated = generate(&file);
            let committed_path = docs().join("content/reference").join(&file);
            if bless {
                std::fs::write(&committed_path, &generated).unwrap();
                continue;
            }
            let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
            assert!(
                committed == generated,
                "docs/content/reference/{file} differs from what its template and the code \
                 generate; edit docs/reference-src/{file} or the code, then run `{BLESS}`"
            );
        }
    }
}

#[test]
fn the_diagnostics_chapter_documents_every_code_once_in_each_language() {
    for file in ["diagnostics.md", "diagnostics.en.md"] {
        let chapter = generate(file);
        for code in Code::ALL {
            let row = format!("| `{}` |", code.as_str());
            assert_eq!(
                chapter.matches(&row).count(),
                1,
                "docs/reference-src/{file}: list `{code}` once in a `<!-- generate: codes … -->` line"
            );
        }
    }
}

#[test]
fn the_site_toml_examples_are_valid_settings() {
    for file in ["site-toml.md", "site-toml.en.md"] {
        let chapter = generate(file);
        let example = chapter
            .split("```toml\n")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .unwrap_or_else(|| panic!("{file} has no ```toml example"));
        if let Err(errors) = ipportal::config::parse(example) {
            panic!("{file}: the example is not a valid site.toml: {errors:#?}");
        }
    }
}
