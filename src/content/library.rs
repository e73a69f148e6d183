//! The library's types: every page and section, in every language, in the section tree.

use std::path::PathBuf;

use super::front_matter::FrontMatter;

/// Every page and section of the portal, in every language.
#[derive(Debug, Default)]
pub struct Library {
    /// Pages, sorted by file path.
    pub pages: Vec<Page>,
    /// Sections, shallowest first.
    pub sections: Vec<Section>,
    /// Files to copy as they are: (source, output path relative to the output folder).
    pub assets: Vec<(PathBuf, String)>,
}

/// A page: one Markdown file in one language.
#[derive(Debug)]
pub struct Page {
    /// The file, relative to the portal root (for messages).
    pub file: PathBuf,
    /// The whole text of the file (decoded).
    pub source: String,
    /// Byte offset of the Markdown body in `source`.
    pub body_offset: usize,
    /// 1-based line on which the body starts.
    pub body_line: usize,
    /// Translation key: path under `content/` without the language (`guides/x.md`).
    pub key: String,
    /// Language code.
    pub lang: String,
    /// Validated front matter.
    pub meta: FrontMatter,
    /// Effective content type (`lesson` for pages of a course).
    pub content_type: String,
    /// URL path from the site root, without the base path (`/en/guides/x/`).
    pub path: String,
    /// Index of the section the page is listed in.
    pub section: usize,
    /// Co-located files of a `folder/index.md` page: (source, file name relative to the folder).
    pub assets: Vec<(PathBuf, String)>,
    /// Indices of the same page in other languages.
    pub translations: Vec<usize>,
}

impl Page {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.source[self.body_offset..]
    }
}

/// A section: a folder with an `_index.md`, in one language.
#[derive(Debug)]
pub struct Section {
    /// The `_index` file, relative to the portal root; `None` when the section has no file in this
    /// language and was made from the default language's.
    pub file: Option<PathBuf>,
    /// The text of the file (empty when there is none).
    pub source: String,
    /// Byte offset of the body in `source`.
    pub body_offset: usize,
    /// 1-based line of the body.
    pub body_line: usize,
    /// Translation key (`guides/_index.md`).
    pub key: String,
    /// Folder under `content/` (`""` for the home page).
    pub dir: String,
    /// Language code.
    pub lang: String,
    /// Validated front matter.
    pub meta: FrontMatter,
    /// Effective content type of the section (inherited from the parent section).
    pub content_type: String,
    /// URL path from the site root (`/en/guides/`).
    pub path: String,
    /// The enclosing section, `None` for a language's home.
    pub parent: Option<usize>,
    /// Pages listed in this section, in display order.
    pub pages: Vec<usize>,
    /// Child sections, by weight then title.
    pub subsections: Vec<usize>,
    /// Indices of the same section in other languages.
    pub translations: Vec<usize>,
}

impl Section {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.source[self.body_offset..]
    }

    /// Whether this section is a course (its pages are lessons).
    pub fn is_course(&self) -> bool {
        self.content_type == "course"
    }
}

/// The type a page of `section` has unless its front matter says otherwise: a course's pages are
/// lessons; other sections' pages have the section's type.
pub fn page_type_in(section: &Section) -> &str {
    match section.content_type.as_str() {
        "course" => "lesson",
        other => other,
    }
}
