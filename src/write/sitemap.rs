//! `sitemap.xml` with `hreflang` alternates: the data the theme's `sitemap.xml` template gets;
//! and `robots.txt`.

use serde::Serialize;

use crate::base::text::xml_chars;

/// One URL of the sitemap.
#[derive(Serialize)]
pub struct SitemapEntry {
    /// Absolute URL.
    pub url: String,
    /// `YYYY-MM-DD` of the last change, when known.
    pub lastmod: Option<String>,
    /// Every language version, this one included; empty when the page exists in one language
    /// only.
    pub alternates: Vec<Alternate>,
}

/// One language version of a sitemap URL.
#[derive(Serialize)]
pub struct Alternate {
    /// Language code (`hreflang`).
    pub lang: String,
    /// Absolute URL.
    pub url: String,
}

impl SitemapEntry {
    /// An entry, its text made fit for XML; `alternates` are (language, absolute URL).
    pub fn new(url: &str, lastmod: Option<String>, alternates: Vec<(String, String)>) -> Self {
        SitemapEntry {
            url: xml_chars(url).into_owned(),
            lastmod,
            alternates: alternates
                .into_iter()
                .map(|(lang, url)| Alternate {
                    lang: xml_chars(&lang).into_owned(),
                    url: xml_chars(&url).into_owned(),
                })
                .collect(),
        }
    }
}

/// `robots.txt` allowing everything and pointing at the sitemap.
pub fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n")
}
