//! `.ipportal/link-cache.json` in the portal root: when each external URL last worked, so the
//! next runs within `[check] cache_days` do not request it again. Broken links are not kept:
//! they are requested on every run until they work. A run saves the file as it goes
//! ([`Recorder`]), so a run that is stopped keeps what it learned.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::base::diagnostics::{Code, Diagnostic};

/// The cache file, relative to the portal root.
pub const CACHE_FILE: &str = ".ipportal/link-cache.json";

/// Changes when the file's meaning changes; a file of another version is ignored.
const VERSION: u32 = 1;

/// How often a run saves the URLs that worked since its last save.
const SAVE_EVERY: Duration = Duration::from_secs(1);

const SECONDS_PER_DAY: u64 = 86_400;

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

    /// Whether `url` worked less than `max_days` days before `now`.
    pub fn is_fresh(&self, url: &str, now: u64, max_days: u64) -> bool {
        // Saturating: a huge `cache_days` means "forever", not a wrapped-around few hours.
        let max_age = max_days.saturating_mul(SECONDS_PER_DAY);
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
        write(root, &self.to_json()).map_err(|e| {
            Diagnostic::warning(
                Code::ExternalCache,
                crate::untranslated!(format!("cannot write the link cache: {e}")),
            )
            .in_file(CACHE_FILE)
            .with_help(crate::untranslated!(
                "the next `check --external` will request every link again"
            ))
        })
    }

    fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("strings and numbers serialize")
    }
}

/// Writes `text` as the cache file of the portal at `root`, through a temporary file renamed
/// over it: the file is always whole, the old one or the new one. The temporary file is the
/// process's own, so two checks of one portal at once cannot write into each other's.
fn write(root: &Path, text: &str) -> std::io::Result<()> {
    let path = root.join(CACHE_FILE);
    let temporary = path.with_extension(format!("json.{}.tmp", std::process::id()));
    std::fs::create_dir_all(path.parent().expect("the file is in a folder"))?;
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, &path)
}

/// The cache of a run in progress. The workers add the URLs that worked as their answers come;
/// [`Recorder::save_while_running`] writes the file every second (`SAVE_EVERY`) while there is
/// something new, so Ctrl-C or a killed run loses at most that much.
pub struct Recorder<'a> {
    root: &'a Path,
    now: u64,
    state: Mutex<Recording>,
    finished: Condvar,
}

struct Recording {
    cache: LinkCache,
    unsaved: bool,
    finished: bool,
}

impl<'a> Recorder<'a> {
    /// A recorder that starts from `cache` (the entries worth keeping), records URLs as
    /// working at `now` and saves into `root`.
    pub fn new(root: &'a Path, cache: LinkCache, now: u64) -> Self {
        let state = Recording {
            cache,
            unsaved: false,
            finished: false,
        };
        Recorder {
            root,
            now,
            state: Mutex::new(state),
            finished: Condvar::new(),
        }
    }

    /// `url` worked.
    pub fn worked(&self, url: &str) {
        let mut state = self.state.lock().expect("no worker panics");
        state.cache.worked.insert(url.to_string(), self.now);
        state.unsaved = true;
    }

    /// Saves what is new every `SAVE_EVERY` until [`Recorder::finish`]. Failures are left
    /// to the last save, which reports them.
    pub fn save_while_running(&self) {
        let mut state = self.state.lock().expect("no worker panics");
        loop {
            state = self
                .finished
                .wait_timeout_while(state, SAVE_EVERY, |state| !state.finished)
                .expect("no worker panics")
                .0;
            if state.finished {
                return;
            }
            if state.unsaved {
                state.unsaved = false;
                let text = state.cache.to_json();
                // Written without the lock, so the workers go on recording meanwhile.
                drop(state);
                let _ = write(self.root, &text);
                state = self.state.lock().expect("no worker panics");
            }
        }
    }

    /// Stops [`Recorder::save_while_running`].
    pub fn finish(&self) {
        self.state.lock().expect("no worker panics").finished = true;
        self.finished.notify_all();
    }

    /// The cache with everything recorded, for the last save.
    pub fn into_cache(self) -> LinkCache {
        self.state.into_inner().expect("no worker panics").cache
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
        assert!(old.is_fresh("https://a/", 16 * day, 7));
        assert!(!old.is_fresh("https://a/", 17 * day, 7));
        assert!(!old.is_fresh("https://b/", 11 * day, 7));
        assert!(!old.is_fresh("https://a/", 10 * day, 0));
        // Days whose seconds overflow 64 bits (by 17 hours when multiplied naively) still
        // mean "a long time", not 17 hours.
        assert!(old.is_fresh("https://a/", 11 * day, 213_503_982_334_602));
        assert!(old.is_fresh("https://a/", 11 * day, u64::MAX));
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
        assert!(LinkCache::load(dir.path()).is_fresh("https://a/", 6, 1));
    }

    #[test]
    fn saving_leaves_no_temporary_file_and_another_process_s_is_not_touched() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join(".ipportal");
        std::fs::create_dir_all(&folder).unwrap();
        // Another check of the same portal, half-way through writing its file (under the one
        // name every process used before temporary files carried the process id).
        let theirs = folder.join("link-cache.json.tmp");
        std::fs::write(&theirs, "{\"version\"").unwrap();
        LinkCache::default()
            .renewed([], ["https://a/"], 5)
            .save(dir.path())
            .unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["link-cache.json", "link-cache.json.tmp"]);
        assert_eq!(std::fs::read_to_string(theirs).unwrap(), "{\"version\"");
    }
}
