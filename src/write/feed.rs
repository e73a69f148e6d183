//! Atom feeds, one per language and one per section: the data the theme's `atom.xml` template
//! gets. Text is stripped of the characters XML forbids here, so that no template can write an
//! unreadable feed; the template's autoescaping does the rest.

use serde::Serialize;

use crate::base::text::xml_chars;

/// One entry of a feed.
#[derive(Serialize)]
pub struct FeedEntry {
    /// Entry title.
    pub title: String,
    /// Absolute URL of the page.
    pub permalink: String,
    /// RFC 3339 date of the last change (`updated`, else `date`).
    pub updated: String,
    /// RFC 3339 date of publication.
    pub published: String,
    /// Summary as HTML (escaped once more by the template: Atom's `type="html"`).
    pub summary: String,
}

impl FeedEntry {
    /// An entry, its text made fit for XML.
    pub fn new(
        title: &str,
        permalink: &str,
        published: String,
        updated: String,
        summary: &str,
    ) -> Self {
        FeedEntry {
            title: xml_chars(title).into_owned(),
            permalink: xml_chars(permalink).into_owned(),
            updated,
            published,
            summary: xml_chars(summary).into_owned(),
        }
    }
}

/// The feed itself.
#[derive(Serialize)]
pub struct Feed {
    /// Feed title.
    pub title: String,
    /// Absolute URL of the feed file.
    pub self_url: String,
    /// Absolute URL of the page the feed belongs to.
    pub home_url: String,
    /// Language code.
    pub lang: String,
    /// RFC 3339 date of the newest entry's last change, so an unchanged site gives a
    /// byte-identical feed (the start of 1970 when there are no entries).
    pub updated: String,
    /// Entries, newest first.
    pub entries: Vec<FeedEntry>,
}

impl Feed {
    /// A feed of `entries` (newest first), its text made fit for XML.
    pub fn new(
        title: &str,
        self_url: &str,
        home_url: &str,
        lang: &str,
        entries: Vec<FeedEntry>,
    ) -> Self {
        let updated = entries
            .iter()
            .map(|e| e.updated.as_str())
            .max()
            .unwrap_or("1970-01-01T00:00:00+00:00")
            .to_string();
        Feed {
            title: xml_chars(title).into_owned(),
            self_url: xml_chars(self_url).into_owned(),
            home_url: xml_chars(home_url).into_owned(),
            lang: xml_chars(lang).into_owned(),
            updated,
            entries,
        }
    }
}
