//! Taxonomies: which pages carry which term, per language. Terms of a controlled vocabulary are
//! checked against `site.toml` here; free-form terms (tags) are slugged.

use std::collections::BTreeMap;

use crate::base::diagnostics::{Code, Diagnostic, MAX_ERRORS_PER_FILE, did_you_mean, more_errors};
use crate::base::text::slugify;
use crate::config::{Config, Taxonomy};
use crate::content::Library;

/// One taxonomy in one language, with its terms.
#[derive(Debug)]
pub struct TaxonomyIndex {
    /// Name from `site.toml` (`disciplines`).
    pub name: String,
    /// Language code.
    pub lang: String,
    /// Label in this language.
    pub label: String,
    /// True for free-form taxonomies (tags).
    pub free: bool,
    /// URL path of the term list (`/en/disciplines/`).
    pub path: String,
    /// Terms: declared order for vocabularies, most used first for free taxonomies.
    pub terms: Vec<Term>,
}

/// A term and the pages that carry it.
#[derive(Debug)]
pub struct Term {
    /// URL segment: the vocabulary key, or the slug of a free term.
    pub key: String,
    /// Label in the taxonomy's language.
    pub label: String,
    /// URL path of the term page.
    pub path: String,
    /// Pages with this term, newest first.
    pub pages: Vec<usize>,
}

/// Builds every taxonomy in every language and checks each page's terms.
pub fn build(config: &Config, library: &Library) -> (Vec<TaxonomyIndex>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut indexes = Vec::new();
    for taxonomy in &config.taxonomies {
        for lang in config.languages.iter().map(|l| l.code.as_str()) {
            indexes.push(build_one(config, library, taxonomy, lang, &mut diagnostics));
        }
    }
    (indexes, diagnostics)
}

/// The key and label of `value` in `taxonomy` for `lang`; `None` when a vocabulary lacks it.
pub fn resolve_term(taxonomy: &Taxonomy, value: &str, lang: &str) -> Option<(String, String)> {
    match &taxonomy.terms {
        Some(terms) => {
            let labels = terms.get(value)?;
            let label = labels
                .get(lang)
                .cloned()
                .unwrap_or_else(|| value.to_string());
            Some((value.to_string(), label))
        }
        None => {
            let slug = slugify(value);
            let key = if slug.is_empty() {
                "-".to_string()
            } else {
                slug
            };
            Some((key, value.to_string()))
        }
    }
}

fn build_one(
    config: &Config,
    library: &Library,
    taxonomy: &Taxonomy,
    lang: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> TaxonomyIndex {
    let path = format!("/{}{}/", config.language_prefix(lang), taxonomy.name);
    // key → (label, pages); a BTreeMap keeps free terms in a stable order before sorting by use.
    let mut found: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for (index, page) in library.pages.iter().enumerate() {
        if page.lang != lang {
            continue;
        }
        // At most MAX_ERRORS_PER_FILE reported per page, the others counted.
        let (mut unknown, mut first_left_out) = (0, 1);
        for term in page
            .meta
            .taxonomies
            .get(&taxonomy.name)
            .into_iter()
            .flatten()
        {
            match resolve_term(taxonomy, &term.value, lang) {
                Some((key, label)) => {
                    let entry = found.entry(key).or_insert_with(|| (label, Vec::new()));
                    // Pages come in index order, so a page naming a term twice is the last one
                    // (`contains` here made the loop quadratic in a term's pages).
                    if entry.1.last() != Some(&index) {
                        entry.1.push(index);
                    }
                }
                None if unknown < MAX_ERRORS_PER_FILE => {
                    unknown += 1;
                    diagnostics.push(unknown_term(taxonomy, &term.value).in_file(&page.file).at(
                        &page.source,
                        term.line,
                        column_of(&page.source, term.line, &term.value),
                    ))
                }
                None => {
                    if unknown == MAX_ERRORS_PER_FILE {
                        first_left_out = term.line;
                    }
                    unknown += 1;
                }
            }
        }
        if unknown > MAX_ERRORS_PER_FILE {
            let more = more_errors(unknown - MAX_ERRORS_PER_FILE);
            diagnostics.push(
                Diagnostic::error(Code::TaxonomyUnknownTerm, more)
                    .in_file(&page.file)
                    .at(&page.source, first_left_out, 1),
            );
        }
    }
    let mut terms: Vec<Term> = match &taxonomy.terms {
        Some(vocabulary) => vocabulary
            .iter()
            .map(|(key, labels)| {
                let pages = found.remove(key).map(|(_, p)| p).unwrap_or_default();
                let label = labels.get(lang).cloned().unwrap_or_else(|| key.clone());
                term(&path, key, label, pages)
            })
            .collect(),
        None => found
            .into_iter()
            .map(|(key, (label, pages))| term(&path, &key, label, pages))
            .collect(),
    };
    if taxonomy.terms.is_none() {
        terms.sort_by(|a, b| b.pages.len().cmp(&a.pages.len()).then(a.key.cmp(&b.key)));
    }
    for term in &mut terms {
        term.pages.sort_by(|&a, &b| {
            let (a, b) = (&library.pages[a], &library.pages[b]);
            b.meta
                .date
                .cmp(&a.meta.date)
                .then_with(|| a.file.cmp(&b.file))
        });
    }
    TaxonomyIndex {
        name: taxonomy.name.clone(),
        lang: lang.to_string(),
        label: taxonomy.label.get(lang).cloned().unwrap_or_default(),
        free: taxonomy.terms.is_none(),
        path,
        terms,
    }
}

fn term(taxonomy_path: &str, key: &str, label: String, pages: Vec<usize>) -> Term {
    Term {
        key: key.to_string(),
        label,
        path: format!("{taxonomy_path}{key}/"),
        pages,
    }
}

fn unknown_term(taxonomy: &Taxonomy, value: &str) -> Diagnostic {
    let vocabulary = taxonomy.terms.as_ref();
    let by_label = vocabulary.and_then(|terms| {
        terms
            .iter()
            .find(|(_, labels)| labels.values().any(|l| l == value))
            .map(|(key, _)| key.as_str())
    });
    let keys = vocabulary
        .into_iter()
        .flat_map(|t| t.keys().map(String::as_str));
    let help = match by_label.or_else(|| did_you_mean(value, keys)) {
        Some(key) => crate::msg!("taxonomy.did_you_mean", key),
        None => crate::msg!(
            "taxonomy.declare_help",
            taxonomy = taxonomy.name,
            keys = vocabulary
                .map(|t| t
                    .keys()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", "))
                .unwrap_or_default()
        ),
    };
    Diagnostic::error(
        Code::TaxonomyUnknownTerm,
        crate::msg!("taxonomy.unknown_term", taxonomy = taxonomy.name, value),
    )
    .with_help(help)
}

fn column_of(source: &str, line: usize, value: &str) -> usize {
    source
        .lines()
        .nth(line.saturating_sub(1))
        .and_then(|l| l.find(value).map(|b| l[..b].chars().count() + 1))
        .unwrap_or(1)
}
