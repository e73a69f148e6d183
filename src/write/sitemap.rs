//! `sitemap.xml` with `hreflang` alternates, and `robots.txt`.

use crate::base::text::escape_xml;

/// One URL of the sitemap.
pub struct SitemapEntry {
    /// Absolute URL.
    pub url: String,
    /// `YYYY-MM-DD` of the last change, when known.
    pub lastmod: Option<String>,
    /// (language, absolute URL) of every language version, this one included; empty when the
    /// page exists in one language only.
    pub alternates: Vec<(String, String)>,
}

/// Renders the sitemap, entries sorted by URL.
pub fn render(mut entries: Vec<SitemapEntry>) -> String {
    entries.sort_by(|a, b| a.url.cmp(&b.url));
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for entry in entries {
        xml.push_str(&format!("<url><loc>{}</loc>", escape_xml(&entry.url)));
        if let Some(lastmod) = entry.lastmod {
            xml.push_str(&format!("<lastmod>{lastmod}</lastmod>"));
        }
        for (lang, url) in &entry.alternates {
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape_xml(lang),
                escape_xml(url)
            ));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt` allowing everything and pointing at the sitemap.
pub fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n")
}
