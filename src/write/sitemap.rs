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

/// URLs one sitemap file may list (sitemaps.org: 50,000 URLs and 50 MB).
pub const MAX_URLS: usize = 50_000;

/// `entries` in files of at most `max` URLs each, in order; one file (maybe empty) when they fit.
pub fn split(mut entries: Vec<SitemapEntry>, max: usize) -> Vec<Vec<SitemapEntry>> {
    let mut parts = Vec::new();
    while entries.len() > max {
        let rest = entries.split_off(max);
        parts.push(std::mem::replace(&mut entries, rest));
    }
    parts.push(entries);
    parts
}

/// `robots.txt` allowing everything and pointing at the sitemap.
pub fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n")
}

#[cfg(test)]
mod tests {
    use super::{SitemapEntry, split};

    fn entries(n: usize) -> Vec<SitemapEntry> {
        (0..n)
            .map(|i| SitemapEntry::new(&format!("https://x.cn/{i}/"), None, Vec::new()))
            .collect()
    }

    fn urls(parts: &[Vec<SitemapEntry>]) -> Vec<Vec<String>> {
        let urls = |part: &Vec<SitemapEntry>| part.iter().map(|e| e.url.clone()).collect();
        parts.iter().map(urls).collect()
    }

    #[test]
    fn a_sitemap_within_the_limit_is_one_file() {
        assert_eq!(split(entries(3), 3).len(), 1);
        assert_eq!(split(entries(0), 3).len(), 1);
    }

    #[test]
    fn a_longer_sitemap_is_cut_into_files_of_the_limit_in_order() {
        let parts = split(entries(7), 3);
        let sizes: Vec<usize> = parts.iter().map(Vec::len).collect();
        assert_eq!(sizes, [3, 3, 1]);
        let all: Vec<String> = urls(&parts).concat();
        assert_eq!(all, urls(&[entries(7)]).concat());
    }
}
