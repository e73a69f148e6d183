//! `.ipportal/link-cache.json` in the portal root: when each external URL last worked, so the
//! next runs within `[check] cache_days` do not request it again. Broken links are not kept:
//! they are requested on every run until they work.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Code, Diagnostic};

/// The cache file, relative to the portal root.
pub const CACHE_FILE: &str = ".ipportal/link-cache.json";

/// Changes when the file's meaning changes; a file of another version is ignored.
const VERSION: u32 = 1;

/// URL → when it last worked, in seconds since the Unix epoch.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct LinkCache {
    version: u32,
    worked: BTreeMap<String, u64>,
}

impl LinkCache {
    /// The portal's cache; empty when there is none or it cannot be read (it is only a cache:
    /// the run requests everything and writes a good one).
    pub fn load(root: &Path) -> LinkCache {
        std::fs::read_to_string(root.join(CACHE_FILE))
            .ok()
            .and_then(|text| serde_json::from_str::<LinkCache>(&text).ok())
            .filter(|cache| cache.version == VERSION)
            .unwrap_or_default()
    }

    /// Whether `url` worked less than `max_age` seconds before `now`.
    pub fn is_fresh(&self, url: &str, now: u64, max_age: u64) -> bool {
        self.worked
            .get(url)
            .is_some_and(|&at| now.saturating_sub(at) < max_age)
    }

    /// A cache of the `fresh` entries of this one plus the URLs that worked `now`. Entries of
    /// links no longer in the portal are dropped.
    pub fn renewed<'a>(
        &self,
        fresh: impl IntoIterator<Item = &'a str>,
        worked: impl IntoIterator<Item = &'a str>,
        now: u64,
    ) -> LinkCache {
        let kept = fresh
            .into_iter()
            .filter_map(|url| Some((url.to_string(), *self.worked.get(url)?)));
        let new = worked.into_iter().map(|url| (url.to_string(), now));
        LinkCache {
            version: VERSION,
            worked: kept.chain(new).collect(),
        }
    }

    /// Writes the cache into the portal (through a temporary file, so a run that is stopped
    /// never leaves half a file).
    pub fn save(&self, root: &Path) -> Result<(), Diagnostic> {
        let path = root.join(CACHE_FILE);
        let temporary = path.with_extension("json.tmp");
        let text = serde_json::to_string_pretty(self).expect("strings and numbers serialize");
        let written = std::fs::create_dir_all(path.parent().expect("the file is in a folder"))
            .and_then(|()| std::fs::write(&temporary, text))
            .and_then(|()| std::fs::rename(&temporary, &path));
        written.map_err(|e| {
            Diagnostic::warning(
                Code::ExternalCache,
                format!("cannot write the link cache: {e}"),
            )
            .in_file(CACHE_FILE)
            .with_help("the next `check --external` will request every link again")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_renewal_keeps_only_current_links() {
        let day = 86_400;
        let old = LinkCache {
            version: VERSION,
            worked: BTreeMap::from([
                ("https://a/".into(), 10 * day),
                ("https://gone/".into(), 10 * day),
            ]),
        };
        assert!(old.is_fresh("https://a/", 16 * day, 7 * day));
        assert!(!old.is_fresh("https://a/", 17 * day, 7 * day));
        assert!(!old.is_fresh("https://b/", 11 * day, 7 * day));
        let new = old.renewed(["https://a/"], ["https://b/"], 12 * day);
        assert_eq!(
            new.worked,
            BTreeMap::from([
                ("https://a/".into(), 10 * day),
                ("https://b/".into(), 12 * day)
            ])
        );
    }

    #[test]
    fn a_damaged_or_foreign_file_is_an_empty_cache() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".ipportal")).unwrap();
        for text in [
            "{not json",
            r#"{"version": 99, "worked": {"https://a/": 1}}"#,
        ] {
            std::fs::write(dir.path().join(CACHE_FILE), text).unwrap();
            assert!(LinkCache::load(dir.path()).worked.is_empty());
        }
        let cache = LinkCache::default().renewed([], ["https://a/"], 5);
        cache.save(dir.path()).unwrap();
        assert!(LinkCache::load(dir.path()).is_fresh("https://a/", 6, 10));
    }
}
