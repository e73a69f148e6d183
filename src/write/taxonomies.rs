//! Taxonomy pages: the list of a taxonomy's terms and one page per term.

use serde_json::Value;

use super::Writer;
use super::claims::Claim;
use super::context::{self, Link};
use super::sections::pager_path;
use crate::base::diagnostics::Diagnostic;
use crate::content::taxonomy::TaxonomyIndex;

impl<'a> Writer<'a> {
    /// Writes a taxonomy's term list and term pagers; with `only_with`, just the term pagers
    /// listing that page.
    pub(super) fn taxonomy(
        &self,
        index: &TaxonomyIndex,
        only_with: Option<usize>,
    ) -> Result<(), Diagnostic> {
        let taxonomy = context::taxonomy_context(index, &self.urls);
        let same_elsewhere = |key: Option<&str>| -> Vec<(String, String)> {
            self.taxonomies
                .iter()
                .filter(|t| t.name == index.name && t.lang != index.lang)
                .filter_map(|t| match key {
                    None => Some((t.lang.clone(), t.path.clone())),
                    Some(k) => t
                        .terms
                        .iter()
                        .find(|term| term.key == k)
                        .map(|term| (t.lang.clone(), term.path.clone())),
                })
                .collect()
        };
        let rendering = format!("the `{}` taxonomy", index.name);
        let mut ctx = self.base_context(&index.lang, &index.path, &same_elsewhere(None), &[]);
        ctx.insert("taxonomy", &taxonomy);
        if only_with.is_none() {
            let by = Claim::generated(rendering.clone());
            self.render_to("taxonomy.html", ctx, by, &index.path)?;
        }

        let crumbs = [Link {
            title: index.label.clone(),
            url: self.urls.url(&index.path),
        }];
        for (term, term_context) in index.terms.iter().zip(&taxonomy.terms) {
            let chunks: Vec<&[usize]> = if term.pages.is_empty() {
                vec![&[]]
            } else {
                term.pages.chunks(self.config.paginate_by).collect()
            };
            let translations = same_elsewhere(Some(&term.key));
            let total = chunks.len();
            for (n, chunk) in chunks.into_iter().enumerate() {
                if only_with.is_some_and(|page| !chunk.contains(&page)) {
                    continue;
                }
                let path = pager_path(&term.path, n + 1);
                let mut ctx = self.base_context(&index.lang, &path, &translations, &crumbs);
                ctx.insert("taxonomy", &taxonomy);
                ctx.insert("term", term_context);
                let pages: Vec<&Value> = chunk.iter().map(|&p| &self.summaries[p]).collect();
                ctx.insert("pages", &pages);
                ctx.insert("paginator", self.paginator(&term.path, n + 1, total));
                let by = Claim::generated(rendering.clone());
                self.render_to("taxonomy_term.html", ctx, by, &path)?;
            }
        }
        Ok(())
    }
}
