//! The folders of `content/` and the CMS collection each becomes: a section's pages of its
//! type, a folder of courses (each a `_index.md`), a course's lessons, a folder of briefs (each a
//! page bundle with its data file and images).

use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::form;
use crate::config::Config;
use crate::content::front_matter;

/// How a collection's entries are laid out in its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// `x.<lang>.md` beside each other.
    Flat,
    /// `x/index.<lang>.md`, with the page's data file and images in `x/` (a brief).
    Bundle,
    /// `x/_index.<lang>.md`: a course, whose lessons are the other pages of `x/`.
    Course,
}

/// One collection of the CMS.
#[derive(Debug)]
pub(super) struct Collection {
    /// Its name in the CMS's URLs (`guides`, `courses-patent-search-101`).
    name: String,
    /// The section's title in the default language.
    label: String,
    /// The folder from the portal's root (`content/guides`).
    folder: String,
    /// The content type of its entries.
    type_name: String,
    layout: Layout,
}

/// The collections of the portal in `root`, in folder order.
pub(super) fn find(root: &Path, config: &Config) -> Vec<Collection> {
    let mut found = Vec::new();
    visit(root, &root.join("content"), "page", config, &mut found);
    found
}

/// Adds the collections of section `dir` and of the sections below it; `inherited` is the
/// type its pages have unless its `_index` says another.
fn visit(root: &Path, dir: &Path, inherited: &str, config: &Config, found: &mut Vec<Collection>) {
    let index = section_index(dir, config);
    let own_type = index.as_ref().and_then(|i| text_of(i, "type"));
    let type_name = own_type.clone().unwrap_or_else(|| inherited.to_string());
    let label = index
        .as_ref()
        .and_then(|i| text_of(i, "title"))
        .unwrap_or_else(|| folder_name(dir));
    let folder = relative(root, dir);
    let name = folder
        .strip_prefix("content/")
        .unwrap_or("pages")
        .replace('/', "-");
    let subdirs = subfolders(dir);
    let courses: Vec<&PathBuf> = subdirs
        .iter()
        .filter(|d| {
            section_index(d, config).and_then(|i| text_of(&i, "type")) == Some("course".into())
        })
        .collect();
    let collection = |name: String, label: String, type_name: &str, layout| Collection {
        name,
        label,
        folder: folder.clone(),
        type_name: type_name.to_string(),
        layout,
    };
    if type_name == "course" {
        let lessons = if chinese(config) { "课时" } else { "lessons" };
        found.push(collection(
            name,
            format!("{label} · {lessons}"),
            "lesson",
            Layout::Flat,
        ));
    } else if type_name == "brief" {
        found.push(collection(name, label.clone(), "brief", Layout::Bundle));
    } else if !courses.is_empty() {
        found.push(collection(name, label.clone(), "course", Layout::Course));
    } else if has_pages(dir) {
        found.push(collection(name, label.clone(), &type_name, Layout::Flat));
    }
    let below = if type_name == "course" {
        "lesson"
    } else {
        type_name.as_str()
    };
    for sub in &subdirs {
        if section_index(sub, config).is_some() {
            visit(root, sub, below, config, found);
        }
    }
}

/// The front matter of `dir`'s `_index` in the default language (`_index.md` or
/// `_index.<lang>.md`), if it has one.
fn section_index(dir: &Path, config: &Config) -> Option<serde_yaml::Value> {
    let names = [
        "_index.md".to_string(),
        format!("_index.{}.md", config.default_language),
    ];
    let path = names.iter().map(|n| dir.join(n)).find(|p| p.is_file())?;
    let text = front_matter::decode(std::fs::read(path).ok()?).ok()?;
    let split = front_matter::split(&text).ok()?;
    crate::base::yaml::parse(split.front_matter, crate::base::yaml::FRONT_MATTER).ok()
}

fn text_of(front_matter: &serde_yaml::Value, key: &str) -> Option<String> {
    front_matter.get(key)?.as_str().map(str::to_string)
}

/// The folders in `dir`, sorted by name.
fn subfolders(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !p.is_symlink())
        .collect();
    dirs.sort();
    dirs
}

/// Whether `dir` holds pages of its own besides its `_index`.
fn has_pages(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.ends_with(".md") && !name.starts_with("_index")
        })
}

fn folder_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `dir` from the root, with `/` separators.
fn relative(root: &Path, dir: &Path) -> String {
    let inside = dir.strip_prefix(root).unwrap_or(dir);
    inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn chinese(config: &Config) -> bool {
    super::chinese(config)
}

impl Collection {
    /// The collection as Decap CMS reads it.
    pub(super) fn to_yaml(&self, config: &Config) -> Value {
        let mut map = Mapping::new();
        map.insert("name".into(), self.name.clone().into());
        map.insert("label".into(), self.label.clone().into());
        map.insert("folder".into(), self.folder.clone().into());
        map.insert("create".into(), true.into());
        map.insert("extension".into(), "md".into());
        map.insert("format".into(), "yaml-frontmatter".into());
        map.insert("i18n".into(), true.into());
        let path = match self.layout {
            Layout::Flat => "{{slug}}",
            Layout::Bundle => "{{slug}}/index",
            Layout::Course => "{{slug}}/_index",
        };
        map.insert("path".into(), path.into());
        // The file's (or folder's) name is the `slug` field (URL-safe), not the Chinese title.
        map.insert("identifier_field".into(), "slug".into());
        map.insert("slug".into(), "{{slug}}".into());
        map.insert("summary".into(), "{{title}}".into());
        if self.layout == Layout::Bundle {
            // A bundle's images and data file go in its own folder, beside index.md.
            map.insert("media_folder".into(), "".into());
            map.insert("public_folder".into(), "".into());
        }
        let fields = form::fields(&self.type_name, self.layout, config);
        map.insert("fields".into(), Value::Sequence(fields));
        Value::Mapping(map)
    }
}
