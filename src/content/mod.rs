//! `content/` → [`Library`]: every page and section with its validated front matter, its language,
//! its URL path, its translations and its place in the section tree. Nothing is rendered here.

pub mod discover;
pub mod export;
pub mod front_matter;
pub mod ip;
pub mod taxonomy;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::base::diagnostics::{Code, Diagnostic, display_path};
use crate::config::Config;
use discover::ContentFile;
use front_matter::{FieldError, FrontMatter, Kind, SortBy};

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

/// Reads and validates all of `content/`. Returns the library and every diagnostic found; the
/// library is only complete when no diagnostic is an error.
pub fn load(root: &Path, config: &Config, drafts: bool) -> (Library, Vec<Diagnostic>) {
    let content_dir = root.join("content");
    let mut diagnostics = Vec::new();
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error(
                Code::ContentMissing,
                "no content/ folder: expected Markdown files under content/",
            )
            .in_file("content"),
        );
        return (Library::default(), diagnostics);
    }
    let found = discover::discover(root, &content_dir, config);
    diagnostics.extend(found.errors);

    let mut library = Library::default();
    let draft_dirs = load_sections(
        root,
        config,
        drafts,
        &found.sections,
        &mut library,
        &mut diagnostics,
    );
    let pages: Vec<ContentFile> = found
        .pages
        .into_iter()
        .filter(|p| !in_draft_dir(&p.dir, &draft_dirs))
        .collect();
    load_pages(root, config, drafts, &pages, &mut library, &mut diagnostics);
    attach_assets(found.assets, &mut library);
    link_translations(&mut library);
    sort_children(&mut library);
    check_unique_paths(&library, &mut diagnostics);
    warn_untranslated(&library, config, &mut diagnostics);
    warn_duplicate_titles(&library, &mut diagnostics);
    (library, diagnostics)
}

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

/// The type a page of `section` has unless its front matter says otherwise: a course's pages are
/// lessons; other sections' pages have the section's type.
pub fn page_type_in(section: &Section) -> &str {
    match section.content_type.as_str() {
        "course" => "lesson",
        other => other,
    }
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
            Diagnostic::error(Code::FileUnreadable, format!("cannot read file: {e}"))
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

fn load_sections(
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
fn in_draft_dir(dir: &str, drafts: &[String]) -> bool {
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

fn load_pages(
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
fn attach_assets(assets: Vec<(PathBuf, String)>, library: &mut Library) {
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

fn link_translations(library: &mut Library) {
    for (i, others) in translation_groups(library.pages.iter().map(|p| p.key.as_str())) {
        library.pages[i].translations = others;
    }
    for (i, others) in translation_groups(library.sections.iter().map(|s| s.key.as_str())) {
        library.sections[i].translations = others;
    }
}

/// For items keyed by their translation key: each item's index with the indices of the other
/// items of the same key.
fn translation_groups<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<(usize, Vec<usize>)> {
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, key) in keys.enumerate() {
        groups.entry(key).or_default().push(i);
    }
    groups
        .values()
        .flat_map(|group| {
            group
                .iter()
                .map(|&i| (i, group.iter().copied().filter(|&j| j != i).collect()))
        })
        .collect()
}

/// Orders each section's pages by its `sort_by` (courses by weight, others newest first) and its
/// subsections by weight, with the file path as the last tie-breaker so output is stable.
fn sort_children(library: &mut Library) {
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

fn check_unique_paths(library: &Library, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let sections = library.sections.iter().filter_map(|s| {
        Some((
            s.path.clone(),
            s.file.clone()?,
            &s.source,
            s.meta.aliases.as_slice(),
        ))
    });
    let pages = library.pages.iter().map(|p| {
        (
            p.path.clone(),
            p.file.clone(),
            &p.source,
            p.meta.aliases.as_slice(),
        )
    });
    for (path, file, source, aliases) in sections.chain(pages) {
        let alias_paths = aliases.iter().map(|a| normalize_alias(a));
        for (n, url) in std::iter::once(path).chain(alias_paths).enumerate() {
            match seen.get(&url) {
                Some(first) => {
                    let what = if n == 0 { "URL" } else { "alias" };
                    let line = if n == 0 {
                        1
                    } else {
                        line_starting_with(source, "aliases")
                    };
                    diagnostics.push(
                        Diagnostic::error(
                            Code::UrlDuplicate,
                            format!(
                                "duplicate {what} `{url}`: {} already has it",
                                first.display()
                            ),
                        )
                        .in_file(&file)
                        .at(source, line, 1)
                        .with_help("give one of them another file name, `slug` or alias"),
                    );
                }
                None => {
                    seen.insert(url, file.clone());
                }
            }
        }
    }
}

/// An alias as a URL path from the site root with leading and trailing slashes.
pub fn normalize_alias(alias: &str) -> String {
    let trimmed = alias.trim().trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else if trimmed.ends_with(".html") {
        format!("/{trimmed}")
    } else {
        format!("/{trimmed}/")
    }
}

/// The 1-based line of `source` that starts with `start` (a front matter field: `"data:"`), else 1.
pub fn line_starting_with(source: &str, start: &str) -> usize {
    source
        .lines()
        .position(|l| l.starts_with(start))
        .map(|i| i + 1)
        .unwrap_or(1)
}

fn warn_untranslated(library: &Library, config: &Config, diagnostics: &mut Vec<Diagnostic>) {
    let languages = config.languages.len();
    for page in &library.pages {
        if page.translations.len() + 1 < languages {
            let missing: Vec<&str> = config
                .languages
                .iter()
                .map(|l| l.code.as_str())
                .filter(|code| {
                    *code != page.lang
                        && !page
                            .translations
                            .iter()
                            .any(|&t| library.pages[t].lang == *code)
                })
                .collect();
            diagnostics.push(
                Diagnostic::warning(
                    Code::TranslationMissing,
                    format!("page has no translation in {}", missing.join(", ")),
                )
                .in_file(&page.file)
                .with_help(format!(
                    "add {} beside it; until then the language switcher links to the home page",
                    translation_file_name(&page.key, missing[0], config)
                )),
            );
        }
    }
}

/// Two pages of one section with the same title look the same in its list.
fn warn_duplicate_titles(library: &Library, diagnostics: &mut Vec<Diagnostic>) {
    for section in &library.sections {
        let mut seen: HashMap<&str, &Path> = HashMap::new();
        for &index in &section.pages {
            let page = &library.pages[index];
            match seen.get(page.meta.title.as_str()) {
                Some(first) => diagnostics.push(
                    Diagnostic::warning(
                        Code::TitleDuplicate,
                        format!(
                            "duplicate title `{}` in this section: {} has it too",
                            page.meta.title,
                            first.display()
                        ),
                    )
                    .in_file(&page.file)
                    .at(&page.source, line_starting_with(&page.source, "title"), 1)
                    .with_help(
                        "readers tell pages apart by their titles in lists and search results",
                    ),
                ),
                None => {
                    seen.insert(&page.meta.title, &page.file);
                }
            }
        }
    }
}

fn translation_file_name(key: &str, lang: &str, config: &Config) -> String {
    let stem = key.trim_end_matches(".md");
    if lang == config.default_language {
        format!("content/{stem}.md")
    } else {
        format!("content/{stem}.{lang}.md")
    }
}
