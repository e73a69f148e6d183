//! Reading `content/`'s files into sections and pages: each section inherits its parent's type,
//! drafts are left out with everything under them, a language without a section's file borrows
//! the default language's, and each section's pages and subsections are put in order.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::discover::ContentFile;
use super::front_matter::{self, FieldError, FrontMatter, Kind, SortBy};
use super::{Library, Page, Section, page_type_in};
use crate::base::diagnostics::{Code, Diagnostic, display_path};
use crate::config::Config;

/// A content file, read: its text and its front matter.
pub struct ReadFile {
    /// The file's path as errors show it.
    pub display: PathBuf,
    /// The whole text.
    pub source: String,
    /// Byte offset of the body in `source`.
    pub body_offset: usize,
    /// 1-based line on which the body starts.
    pub body_line: usize,
    /// The front matter, read.
    pub meta: FrontMatter,
}

/// Reads one content file and its front matter, with the problems found in it (located in the
/// file). Fails outright only when the front matter cannot be read at all.
pub fn read_file(
    root: &Path,
    path: &Path,
    kind: Kind,
    inherited_type: &str,
    config: &Config,
) -> Result<(ReadFile, Vec<Diagnostic>), Vec<Diagnostic>> {
    let display = display_path(root, path);
    let located = |source: &str, e: FieldError| {
        let mut d = Diagnostic::error(e.code, e.message)
            .in_file(&display)
            .at(source, e.line, e.column);
        if let Some(h) = e.help {
            d = d.with_help(h);
        }
        d
    };
    let bytes = std::fs::read(path).map_err(|e| {
        vec![
            Diagnostic::error(Code::FileUnreadable, crate::msg!("file.unreadable", e))
                .in_file(&display),
        ]
    })?;
    let source = front_matter::decode(bytes).map_err(|e| vec![located("", e)])?;
    let split = front_matter::split(&source).map_err(|e| vec![located(&source, e)])?;
    let body_offset = source.len() - split.body.len();
    let body_line = split.body_line;
    let (meta, errors) = front_matter::read(split.front_matter, kind, inherited_type, config);
    let errors = errors.into_iter().map(|e| located(&source, e)).collect();
    Ok((
        ReadFile {
            display,
            source,
            body_offset,
            body_line,
            meta,
        },
        errors,
    ))
}

pub(super) fn load_sections(
    root: &Path,
    config: &Config,
    drafts: bool,
    files: &[ContentFile],
    library: &mut Library,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut draft_dirs = Vec::new();
    // (dir, lang) → section index. Files come shallowest first, so parents are known first.
    let mut by_dir: HashMap<(String, String), usize> = HashMap::new();
    let mut dirs: Vec<String> = vec![String::new()];
    for file in files {
        if !dirs.contains(&file.dir) {
            dirs.push(file.dir.clone());
        }
    }
    for dir in &dirs {
        if in_draft_dir(dir, &draft_dirs) {
            continue;
        }
        for lang in config.languages.iter().map(|l| l.code.as_str()) {
            let parent = parent_section(dir, lang, &by_dir);
            let inherited = parent
                .map(|p| library.sections[p].content_type.clone())
                .unwrap_or_else(|| "page".into());
            let file = files.iter().find(|f| &f.dir == dir && f.lang == lang);
            let section = match file {
                // A section with a bad field is kept, so its pages get the right type and are
                // not reported for its mistake.
                Some(file) => {
                    match read_file(root, &file.path, Kind::Section, &inherited, config) {
                        Ok((read, errors)) => {
                            diagnostics.extend(errors);
                            section_from_file(file, read, &inherited)
                        }
                        Err(errors) => {
                            diagnostics.extend(errors);
                            continue;
                        }
                    }
                }
                None => match synthesize_section(dir, lang, config, library, &by_dir) {
                    Some(s) => s,
                    None => continue,
                },
            };
            if section.meta.draft && !drafts {
                draft_dirs.push(dir.clone());
                continue;
            }
            let path = format!("/{}{}", config.language_prefix(lang), dir_path(dir));
            let index = library.sections.len();
            library.sections.push(Section {
                parent,
                path,
                ..section
            });
            if let Some(p) = parent {
                library.sections[p].subsections.push(index);
            }
            by_dir.insert((dir.clone(), lang.to_string()), index);
        }
    }
    draft_dirs
}

/// Whether `dir` is one of `drafts` or inside one.
pub(super) fn in_draft_dir(dir: &str, drafts: &[String]) -> bool {
    drafts
        .iter()
        .any(|d| dir == d || dir.starts_with(&format!("{d}/")))
}

fn dir_path(dir: &str) -> String {
    if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    }
}

/// The nearest enclosing section of `dir` in `lang`.
fn parent_section(
    dir: &str,
    lang: &str,
    by_dir: &HashMap<(String, String), usize>,
) -> Option<usize> {
    if dir.is_empty() {
        return None;
    }
    let mut current = dir;
    loop {
        current = current.rsplit_once('/').map(|(p, _)| p).unwrap_or("");
        if let Some(&i) = by_dir.get(&(current.to_string(), lang.to_string())) {
            return Some(i);
        }
        if current.is_empty() {
            return None;
        }
    }
}

fn section_from_file(file: &ContentFile, read: ReadFile, inherited: &str) -> Section {
    let content_type = read
        .meta
        .content_type
        .clone()
        .unwrap_or_else(|| inherited.to_string());
    Section {
        file: Some(read.display),
        source: read.source,
        body_offset: read.body_offset,
        body_line: read.body_line,
        key: file.key.clone(),
        dir: file.dir.clone(),
        lang: file.lang.clone(),
        meta: read.meta,
        content_type,
        path: String::new(),
        parent: None,
        pages: Vec::new(),
        subsections: Vec::new(),
        translations: Vec::new(),
    }
}

/// A section for a language that has no `_index` file for it: the home page gets the language's
/// site title; other folders borrow the default language's front matter.
fn synthesize_section(
    dir: &str,
    lang: &str,
    config: &Config,
    library: &Library,
    by_dir: &HashMap<(String, String), usize>,
) -> Option<Section> {
    let borrowed = by_dir
        .get(&(dir.to_string(), config.default_language.clone()))
        .map(|&i| &library.sections[i]);
    let (meta, content_type) = match (borrowed, dir.is_empty()) {
        (Some(s), _) => (
            FrontMatter {
                summary: None,
                ..s.meta.clone()
            },
            s.content_type.clone(),
        ),
        (None, true) => (
            FrontMatter {
                title: config.language(lang)?.title.clone(),
                ..Default::default()
            },
            "page".to_string(),
        ),
        (None, false) => return None,
    };
    Some(Section {
        file: None,
        source: String::new(),
        body_offset: 0,
        body_line: 1,
        key: format!("{}_index.md", dir_path(dir)),
        dir: dir.to_string(),
        lang: lang.to_string(),
        meta,
        content_type,
        path: String::new(),
        parent: None,
        pages: Vec::new(),
        subsections: Vec::new(),
        translations: Vec::new(),
    })
}

/// A page read (or skipped as a draft) with its non-fatal problems, or the fatal ones.
type PageResult = Result<(Option<Page>, Vec<Diagnostic>), Vec<Diagnostic>>;

pub(super) fn load_pages(
    root: &Path,
    config: &Config,
    drafts: bool,
    files: &[ContentFile],
    library: &mut Library,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let by_dir: HashMap<(String, String), usize> = library
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| ((s.dir.clone(), s.lang.clone()), i))
        .collect();
    let sections = &library.sections;
    let results: Vec<PageResult> = files
        .par_iter()
        .map(|file| {
            let section_dir = if file.is_bundle {
                file.dir.rsplit_once('/').map(|(p, _)| p).unwrap_or("")
            } else {
                file.dir.as_str()
            };
            let section = by_dir
                .get(&(section_dir.to_string(), file.lang.clone()))
                .copied()
                .or_else(|| parent_section(section_dir, &file.lang, &by_dir));
            let Some(section) = section else {
                return Ok((None, Vec::new())); // no home section in this language: homes are always made
            };
            let inherited = page_type_in(&sections[section]);
            let (read, errors) = read_file(root, &file.path, Kind::Page, inherited, config)?;
            if read.meta.draft && !drafts {
                return Ok((None, errors));
            }
            // A page with a bad field is kept so its links are checked in the same run; the
            // build fails on its errors anyway.
            Ok((
                Some(page_from_file(file, read, inherited, section, config)),
                errors,
            ))
        })
        .collect();
    for result in results {
        match result {
            Ok((page, errors)) => {
                library.pages.extend(page);
                diagnostics.extend(errors);
            }
            Err(errors) => diagnostics.extend(errors),
        }
    }
    for (index, page) in library.pages.iter().enumerate() {
        library.sections[page.section].pages.push(index);
    }
}

fn page_from_file(
    file: &ContentFile,
    read: ReadFile,
    inherited: &str,
    section: usize,
    config: &Config,
) -> Page {
    let content_type = read
        .meta
        .content_type
        .clone()
        .unwrap_or_else(|| inherited.to_string());
    let (parent_dir, own_name) = if file.is_bundle {
        file.dir.rsplit_once('/').unwrap_or(("", file.dir.as_str()))
    } else {
        let name = file.key.rsplit('/').next().unwrap_or(&file.key);
        (file.dir.as_str(), name.trim_end_matches(".md"))
    };
    let slug = read.meta.slug.as_deref().unwrap_or(own_name);
    let path = format!(
        "/{}{}{slug}/",
        config.language_prefix(&file.lang),
        dir_path(parent_dir)
    );
    Page {
        file: read.display,
        source: read.source,
        body_offset: read.body_offset,
        body_line: read.body_line,
        key: file.key.clone(),
        lang: file.lang.clone(),
        meta: read.meta,
        content_type,
        path,
        section,
        assets: Vec::new(),
        translations: Vec::new(),
    }
}

/// Files inside a `folder/index.md` page's folder go next to every language version of that page;
/// other files keep their path under `content/`.
pub(super) fn attach_assets(assets: Vec<(PathBuf, String)>, library: &mut Library) {
    let bundles: BTreeMap<String, Vec<usize>> =
        library
            .pages
            .iter()
            .enumerate()
            .fold(BTreeMap::new(), |mut map, (i, page)| {
                if let Some(dir) = page.key.strip_suffix("/index.md") {
                    map.entry(format!("{dir}/")).or_default().push(i);
                }
                map
            });
    for (source, relative) in assets {
        let owner = bundles
            .iter()
            .rev()
            .find(|(dir, _)| relative.starts_with(dir.as_str()));
        match owner {
            Some((dir, pages)) => {
                let name = relative[dir.len()..].to_string();
                for &p in pages {
                    library.pages[p].assets.push((source.clone(), name.clone()));
                }
            }
            None => library.assets.push((source, relative)),
        }
    }
}

/// Orders each section's pages by its `sort_by` (courses by weight, others newest first) and its
/// subsections by weight, with the file path as the last tie-breaker so output is stable.
pub(super) fn sort_children(library: &mut Library) {
    let pages = &library.pages;
    let sections_view: Vec<(SortBy, Vec<usize>)> = library
        .sections
        .iter()
        .map(|s| {
            let default = if s.is_course() {
                SortBy::Weight
            } else {
                SortBy::Date
            };
            (s.meta.sort_by.unwrap_or(default), s.pages.clone())
        })
        .collect();
    for (section, (sort_by, mut list)) in library.sections.iter_mut().zip(sections_view) {
        list.sort_by(|&a, &b| {
            let (a, b) = (&pages[a], &pages[b]);
            let order = match sort_by {
                SortBy::Date => b.meta.date.cmp(&a.meta.date),
                SortBy::Weight => weight_order(a.meta.weight, b.meta.weight),
                SortBy::Title => a.meta.title.cmp(&b.meta.title),
            };
            order.then_with(|| a.file.cmp(&b.file))
        });
        section.pages = list;
    }
    let keys: Vec<(Option<i64>, String)> = library
        .sections
        .iter()
        .map(|s| (s.meta.weight, s.meta.title.clone()))
        .collect();
    for section in &mut library.sections {
        section.subsections.sort_by(|&a, &b| {
            weight_order(keys[a].0, keys[b].0).then_with(|| keys[a].1.cmp(&keys[b].1))
        });
    }
}

/// Lower weights first; pages without a weight after those with one.
fn weight_order(a: Option<i64>, b: Option<i64>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}
