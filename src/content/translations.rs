//! Each page's and section's versions in the other languages, and a warning for a page that has
//! none in some language.

use std::collections::HashMap;

use super::Library;
use crate::base::diagnostics::{Code, Diagnostic};
use crate::config::Config;

pub(super) fn link_translations(library: &mut Library) {
    for (i, others) in translation_groups(library.pages.iter().map(|p| p.key.as_str())) {
        library.pages[i].translations = others;
    }
    for (i, others) in translation_groups(library.sections.iter().map(|s| s.key.as_str())) {
        library.sections[i].translations = others;
    }
}

/// For items keyed by their translation key: each item's index with the indices of the other
/// items of the same key.
fn translation_groups<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<(usize, Vec<usize>)> {
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, key) in keys.enumerate() {
        groups.entry(key).or_default().push(i);
    }
    groups
        .values()
        .flat_map(|group| {
            group
                .iter()
                .map(|&i| (i, group.iter().copied().filter(|&j| j != i).collect()))
        })
        .collect()
}

pub(super) fn warn_untranslated(
    library: &Library,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let languages = config.languages.len();
    for page in &library.pages {
        if page.translations.len() + 1 < languages {
            let missing: Vec<&str> = config
                .languages
                .iter()
                .map(|l| l.code.as_str())
                .filter(|code| {
                    *code != page.lang
                        && !page
                            .translations
                            .iter()
                            .any(|&t| library.pages[t].lang == *code)
                })
                .collect();
            diagnostics.push(
                Diagnostic::warning(
                    Code::TranslationMissing,
                    crate::msg!("content.no_translation", languages = missing.join(", ")),
                )
                .in_file(&page.file)
                .with_help(crate::msg!(
                    "content.no_translation_help",
                    file = translation_file_name(&page.key, missing[0], config)
                )),
            );
        }
    }
}

fn translation_file_name(key: &str, lang: &str, config: &Config) -> String {
    let stem = key.trim_end_matches(".md");
    if lang == config.default_language {
        format!("content/{stem}.md")
    } else {
        format!("content/{stem}.{lang}.md")
    }
}
