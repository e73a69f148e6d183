//! Atom feeds: one per language and one per section.

use crate::base::text::escape_xml;

/// One entry of a feed.
pub struct FeedEntry<'a> {
    /// Entry title.
    pub title: &'a str,
    /// Absolute URL of the page.
    pub permalink: String,
    /// RFC 3339 date of the last change (`updated`, else `date`).
    pub updated: String,
    /// RFC 3339 date of publication.
    pub published: String,
    /// Summary as HTML.
    pub summary: &'a str,
}

/// The feed itself.
pub struct Feed<'a> {
    /// Feed title.
    pub title: String,
    /// Absolute URL of the feed file.
    pub self_url: String,
    /// Absolute URL of the page the feed belongs to.
    pub home_url: String,
    /// Language code.
    pub lang: &'a str,
    /// Entries, newest first.
    pub entries: Vec<FeedEntry<'a>>,
}

/// Renders an Atom 1.0 document. The feed's `updated` is its newest entry's, so an unchanged site
/// gives a byte-identical feed.
pub fn render(feed: &Feed) -> String {
    let updated = feed
        .entries
        .iter()
        .map(|e| e.updated.as_str())
        .max()
        .unwrap_or("1970-01-01T00:00:00+00:00");
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n\
         <title>{title}</title>\n<link href=\"{self_url}\" rel=\"self\" type=\"application/atom+xml\"/>\n\
         <link href=\"{home}\"/>\n<id>{self_url}</id>\n<updated>{updated}</updated>\n<generator>ipportal</generator>\n",
        lang = escape_xml(feed.lang),
        title = escape_xml(&feed.title),
        self_url = escape_xml(&feed.self_url),
        home = escape_xml(&feed.home_url),
    );
    for entry in &feed.entries {
        xml.push_str(&format!(
            "<entry>\n<title>{title}</title>\n<link href=\"{url}\"/>\n<id>{url}</id>\n\
             <published>{published}</published>\n<updated>{updated}</updated>\n\
             <summary type=\"html\">{summary}</summary>\n</entry>\n",
            title = escape_xml(entry.title),
            url = escape_xml(&entry.permalink),
            published = entry.published,
            updated = entry.updated,
            summary = escape_xml(entry.summary),
        ));
    }
    xml.push_str("</feed>\n");
    xml
}
