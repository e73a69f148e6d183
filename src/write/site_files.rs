//! The files of the site as a whole: search and 404 pages, alias redirects, feeds, the sitemap
//! and the static files.

use std::sync::atomic::Ordering;

use super::assets::AssetSource;
use super::claims::Claim;
use super::{
    SiteParts, Writer, context, feed, file_for_path, has_search_page, newest_first, sitemap,
};
use crate::base::diagnostics::{Diagnostic, display_path};
use crate::content::normalize_alias;
use crate::templates::StaticSource;

/// Entries in a feed.
const FEED_LENGTH: usize = 20;

impl<'a> Writer<'a> {
    /// `search.html` at `/search/` and `/en/search/`, when the portal has search.
    pub(super) fn search_pages(&self, parts: &SiteParts) -> Result<(), Diagnostic> {
        if !has_search_page(parts) {
            return Ok(());
        }
        let paths: Vec<(String, String)> = self
            .config
            .languages
            .iter()
            .map(|l| (l.code.clone(), context::search_path(self.config, &l.code)))
            .collect();
        for (lang, path) in &paths {
            let others: Vec<(String, String)> =
                paths.iter().filter(|(l, _)| l != lang).cloned().collect();
            let ctx = self.base_context(lang, path, &others, &[]);
            self.render_to(
                "search.html",
                ctx,
                Claim::generated("the search page"),
                path,
            )?;
        }
        Ok(())
    }

    pub(super) fn not_found_pages(&self) -> Result<(), Diagnostic> {
        let paths: Vec<(String, String)> = self
            .config
            .languages
            .iter()
            .map(|l| {
                (
                    l.code.clone(),
                    format!("/{}404.html", self.config.language_prefix(&l.code)),
                )
            })
            .collect();
        for (lang, path) in &paths {
            let others: Vec<(String, String)> =
                paths.iter().filter(|(l, _)| l != lang).cloned().collect();
            let ctx = self.base_context(lang, path, &others, &[]);
            self.render_to("404.html", ctx, Claim::generated("the 404 page"), path)?;
        }
        Ok(())
    }

    pub(super) fn aliases(&self) -> Result<(), Diagnostic> {
        let pages = self.library.pages.iter().map(|p| {
            (
                &p.meta.aliases,
                &p.path,
                p.file.as_path(),
                p.source.as_str(),
                p.lang.as_str(),
            )
        });
        let sections = self.library.sections.iter().filter_map(|s| {
            let file = s.file.as_deref()?;
            Some((
                &s.meta.aliases,
                &s.path,
                file,
                s.source.as_str(),
                s.lang.as_str(),
            ))
        });
        for (aliases, path, file, source, lang) in pages.chain(sections) {
            for alias in aliases {
                let html = redirect_page(&self.urls.url(path), lang);
                let by = Claim::alias(alias, file, source, alias_line(source, alias));
                self.write(&file_for_path(&normalize_alias(alias)), html.as_bytes(), by)?;
            }
        }
        Ok(())
    }

    pub(super) fn feeds(&self) -> Result<(), Diagnostic> {
        for lang in &self.config.languages {
            let pages: Vec<usize> = (0..self.library.pages.len())
                .filter(|&i| self.library.pages[i].lang == lang.code)
                .collect();
            let home = format!("/{}", self.config.language_prefix(&lang.code));
            self.feed(&lang.title, &home, &lang.code, pages)?;
        }
        for section in self.library.sections.iter().filter(|s| s.parent.is_some()) {
            if section
                .pages
                .iter()
                .any(|&p| self.library.pages[p].meta.date.is_some())
            {
                let lang = self.config.language(&section.lang);
                let title = format!(
                    "{} · {}",
                    section.meta.title,
                    lang.map(|l| l.title.as_str()).unwrap_or_default()
                );
                self.feed(&title, &section.path, &section.lang, section.pages.clone())?;
            }
        }
        Ok(())
    }

    /// Writes `<path>atom.xml`, from the theme's `atom.xml` template, with the newest dated
    /// pages among `pages`.
    pub(super) fn feed(
        &self,
        title: &str,
        path: &str,
        lang: &str,
        mut pages: Vec<usize>,
    ) -> Result<(), Diagnostic> {
        let library = self.library;
        pages.retain(|&i| library.pages[i].meta.date.is_some());
        newest_first(library, &mut pages);
        let entries = pages
            .into_iter()
            .take(FEED_LENGTH)
            .map(|i| {
                let page = &library.pages[i];
                let date = page.meta.date.expect("kept dated pages only");
                feed::FeedEntry::new(
                    &page.meta.title,
                    &self.urls.permalink(&page.path),
                    date.rfc3339(),
                    page.meta.updated.unwrap_or(date).rfc3339(),
                    &self.bodies.pages[i].summary,
                )
            })
            .collect();
        let feed_path = format!("{path}atom.xml");
        let feed = feed::Feed::new(
            title,
            &self.urls.permalink(&feed_path),
            &self.urls.permalink(path),
            lang,
            entries,
        );
        let mut ctx = self.language_context(lang);
        ctx.insert("feed", feed);
        let by = Claim::generated(format!("the feed {}", self.urls.url(&feed_path)));
        self.render_to("atom.xml", ctx, by, &feed_path)
    }

    pub(super) fn sitemap(&self) -> Result<(), Diagnostic> {
        let library = self.library;
        let mut entries = Vec::new();
        for page in &library.pages {
            let versions = std::iter::once(page)
                .chain(page.translations.iter().map(|&t| &library.pages[t]))
                .map(|p| (p.lang.as_str(), p.path.as_str()));
            entries.push(sitemap::SitemapEntry::new(
                &self.urls.permalink(&page.path),
                page.meta.updated.or(page.meta.date).map(|d| d.ymd()),
                self.hreflang_alternates(versions),
            ));
        }
        for section in &library.sections {
            let versions = std::iter::once(section)
                .chain(section.translations.iter().map(|&t| &library.sections[t]))
                .map(|s| (s.lang.as_str(), s.path.as_str()));
            entries.push(sitemap::SitemapEntry::new(
                &self.urls.permalink(&section.path),
                None,
                self.hreflang_alternates(versions),
            ));
        }
        for index in self.taxonomies {
            let paths = std::iter::once(&index.path).chain(index.terms.iter().map(|t| &t.path));
            entries.extend(paths.map(|path| {
                sitemap::SitemapEntry::new(&self.urls.permalink(path), None, Vec::new())
            }));
        }
        entries.sort_by(|a, b| a.url.cmp(&b.url));
        self.sitemap_files(entries)?;
        // A robots.txt of the theme or the portal's static/ replaces the generated one.
        if self.assets.files.contains_key("robots.txt") {
            return Ok(());
        }
        let robots = sitemap::robots(&self.config.base_url);
        self.write(
            "robots.txt",
            robots.as_bytes(),
            Claim::generated("robots.txt"),
        )
    }

    /// `sitemap.xml`; past the protocol's limit of URLs per file, `sitemap1.xml`, `sitemap2.xml`…
    /// with `sitemap.xml` as their index (`sitemap_index.xml`), since search engines ignore a
    /// sitemap that is too long.
    fn sitemap_files(&self, entries: Vec<sitemap::SitemapEntry>) -> Result<(), Diagnostic> {
        let parts = sitemap::split(entries, sitemap::MAX_URLS);
        if parts.len() == 1 {
            let entries = parts.into_iter().flatten().collect();
            return self.sitemap_part("/sitemap.xml", entries);
        }
        let mut locations = Vec::new();
        for (number, entries) in parts.into_iter().enumerate() {
            let path = format!("/sitemap{}.xml", number + 1);
            locations.push(self.urls.permalink(&path));
            self.sitemap_part(&path, entries)?;
        }
        let mut ctx = self.language_context(&self.config.default_language);
        ctx.insert("sitemaps", locations);
        let by = Claim::generated("the sitemap index");
        self.render_to("sitemap_index.xml", ctx, by, "/sitemap.xml")
    }

    fn sitemap_part(
        &self,
        path: &str,
        entries: Vec<sitemap::SitemapEntry>,
    ) -> Result<(), Diagnostic> {
        let mut ctx = self.language_context(&self.config.default_language);
        ctx.insert("entries", entries);
        let by = Claim::generated("the sitemap");
        self.render_to("sitemap.xml", ctx, by, path)
    }

    /// (language, permalink) of every version of a page, or nothing when there is only one.
    pub(super) fn hreflang_alternates<'p>(
        &self,
        versions: impl Iterator<Item = (&'p str, &'p str)>,
    ) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = versions
            .map(|(lang, path)| (lang.to_string(), self.urls.permalink(path)))
            .collect();
        if all.len() == 1 {
            all.clear();
        }
        all.sort();
        all
    }

    pub(super) fn static_files(&self) -> Result<(), Diagnostic> {
        for (relative, source) in &self.assets.files {
            let bytes = match source {
                AssetSource::Static(StaticSource::Disk(path)) => {
                    let by = Claim::copied(display_path(self.root, path));
                    self.copy(path, relative, by)?;
                    continue;
                }
                AssetSource::Static(StaticSource::Embedded(bytes)) => bytes,
                AssetSource::Bytes(bytes) => bytes.as_slice(),
            };
            // Built-in and fingerprinted files: written as they are, never minified as pages.
            if self.claims.take(
                relative,
                Claim::generated(format!("the static file `{relative}`")),
            ) {
                self.output.write(relative, bytes)?;
                self.files.fetch_add(1, Ordering::Relaxed);
            }
        }
        for (source, relative) in &self.library.assets {
            self.copy(
                source,
                relative,
                Claim::copied(display_path(self.root, source)),
            )?;
        }
        Ok(())
    }
}

/// The line of `alias` in `source` (the first one naming it), else of the `aliases` field.
fn alias_line(source: &str, alias: &str) -> usize {
    let lines = || source.lines().enumerate();
    lines()
        .find(|(_, l)| l.contains(alias))
        .or_else(|| lines().find(|(_, l)| l.starts_with("aliases")))
        .map_or(1, |(i, _)| i + 1)
}

/// A page that sends visitors of an old URL to the new one, in the language `lang` of that page.
fn redirect_page(to: &str, lang: &str) -> String {
    let to = crate::base::text::escape_html(to);
    let lang = crate::base::text::escape_html(lang);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>Redirect</title>\
         <link rel=\"canonical\" href=\"{to}\"><meta name=\"robots\" content=\"noindex\">\
         <meta http-equiv=\"refresh\" content=\"0; url={to}\"></head>\
         <body><a href=\"{to}\">{to}</a></body></html>\n"
    )
}
