//! One owner per output file. Every file the writer puts into the output is claimed first, with
//! who writes it; a second claim on the same path is a `url/duplicate` error naming both, and the
//! second file is not written. So an alias or a static file can never silently replace a page the
//! build generates (`/tags/`, a pager, `404.html`, a feed, the sitemap, the search page…).

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use rustc_hash::FxHashMap;

use crate::base::diagnostics::{Code, Diagnostic};

/// Who writes a file of the output.
#[derive(Debug, Clone)]
pub struct Claim<'a> {
    /// As messages name it: `content/guides/x.md`, `the 404 page`, `static/tags/index.html`.
    by: Cow<'a, str>,
    /// Where an editor can resolve a clash.
    at: Option<Place<'a>>,
    /// Which of two clashing claims the error points at: the lowest, the one most likely out of
    /// place (an alias, then a copied file, then a page, then what the build generates).
    rank: u8,
}

/// The file an editor can change to resolve a clash.
#[derive(Debug, Clone)]
struct Place<'a> {
    file: Cow<'a, Path>,
    /// The file's text and the line in it, when the claim is one line (an alias).
    line: Option<(&'a str, usize)>,
}

impl<'a> Claim<'a> {
    /// A file the build makes (a taxonomy page, a feed, the sitemap…).
    pub fn generated(by: impl Into<Cow<'a, str>>) -> Self {
        Claim {
            by: by.into(),
            at: None,
            rank: 3,
        }
    }

    /// A file copied as it is from `file` (a static file, a file beside a page).
    pub fn copied(file: impl Into<Cow<'a, Path>>) -> Self {
        let file = file.into();
        Claim {
            by: file.display().to_string().into(),
            at: Some(Place { file, line: None }),
            rank: 1,
        }
    }

    /// What is made from the content file `file` (a page, a section's pagers, a course's
    /// calendar), named `by`; `None` for a section that has no file in this language.
    pub fn from_file(by: impl Into<Cow<'a, str>>, file: Option<&'a Path>) -> Self {
        Claim {
            by: by.into(),
            at: file.map(|f| Place {
                file: Cow::Borrowed(f),
                line: None,
            }),
            rank: 2,
        }
    }

    /// The page rendered from the content file `file`.
    pub fn page(file: &'a Path) -> Self {
        Claim::from_file(file.display().to_string(), Some(file))
    }

    /// The redirect page of `alias`, written on `line` of `file` (whose text is `source`).
    pub fn alias(alias: &str, file: &'a Path, source: &'a str, line: usize) -> Self {
        Claim {
            by: format!("the alias `{alias}` in {}", file.display()).into(),
            at: Some(Place {
                file: Cow::Borrowed(file),
                line: Some((source, line)),
            }),
            rank: 0,
        }
    }

    /// The name messages give the writer.
    pub fn name(&self) -> &str {
        &self.by
    }

    /// The order in which clashing claims are named, so the error does not depend on which was
    /// written first.
    fn order(&self) -> (u8, &str) {
        (self.rank, &self.by)
    }
}

/// The output paths claimed so far, and the clashes found.
#[derive(Default)]
pub struct Claims<'a> {
    owners: Mutex<FxHashMap<String, Claim<'a>>>,
    /// A folder the build fills outside the writer (`search-index/`), with its owner.
    reserved: Option<(String, Claim<'a>)>,
    clashes: Mutex<Vec<Diagnostic>>,
}

impl<'a> Claims<'a> {
    /// Claims with every path under `folder` (ending in `/`) already taken by `owner`.
    pub fn reserving(folder: String, owner: Claim<'a>) -> Self {
        Claims {
            reserved: Some((folder, owner)),
            ..Claims::default()
        }
    }

    /// Takes `path` for `claim`; false (and the clash recorded) when it is already taken.
    pub fn take(&self, path: &str, claim: Claim<'a>) -> bool {
        if let Some((folder, owner)) = &self.reserved
            && path.starts_with(folder.as_str())
        {
            self.clash(path, owner, &claim);
            return false;
        }
        let mut owners = self.owners.lock().unwrap_or_else(PoisonError::into_inner);
        match owners.entry(path.to_string()) {
            Entry::Vacant(slot) => {
                slot.insert(claim);
                true
            }
            Entry::Occupied(first) => {
                let first = first.get().clone();
                drop(owners);
                self.clash(path, &first, &claim);
                false
            }
        }
    }

    fn clash(&self, path: &str, a: &Claim, b: &Claim) {
        let (placed, other) = if b.order() < a.order() {
            (b, a)
        } else {
            (a, b)
        };
        let mut error = Diagnostic::error(
            Code::UrlDuplicate,
            crate::untranslated!(format!(
                "{} and {} both write `{path}`: one would silently replace the other",
                placed.by, other.by
            )),
        )
        .with_help(crate::untranslated!("give the alias, static file or page another path: the pages ipportal generates (lists and their pagers, taxonomies, 404 pages, feeds, the sitemap, search, calendars) keep theirs"));
        if let Some(place) = &placed.at {
            error = error.in_file(place.file.as_ref());
            if let Some((source, line)) = place.line {
                error = error.at(source, line, 1);
            }
        }
        self.clashes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(error);
    }

    /// The `url/duplicate` errors found, in a stable order.
    pub fn into_clashes(self) -> Vec<Diagnostic> {
        let mut clashes = self
            .clashes
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        clashes.sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
        clashes
    }
}
