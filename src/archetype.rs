//! `ipportal new <type> PATH`: a new page, with its translations, from an archetype — a template
//! of the page's file with `{{placeholders}}` — written under `content/`.
//!
//! Input: the portal's `site.toml`, the requested type, path, title and language. Output: the
//! files written. The archetype of a type in a language is the portal's own
//! `archetypes/<type>.<lang>.md`, else its `archetypes/<type>.md`, else the built-in one
//! (`src/archetype/`). The fields come from the portal's model, not from the archetype: the
//! fields `[types.<type>] required` lists, with the built-in table's one-line descriptions
//! ([`fields::FIELDS`]), and the vocabularies' keys. A value the editor has to write is left
//! empty, so `check` names it until it is written. Nothing is written when a file exists.

use std::path::{Component, Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::base::diagnostics::{Code, Diagnostic};
use crate::config::fields::{self, ValueKind};
use crate::config::{BUILTIN_TYPES, Config};
use crate::content::front_matter;

/// The placeholders an archetype may use, with what each becomes (the user guide lists them).
pub const PLACEHOLDERS: [(&str, &str); 8] = [
    (
        "title",
        "the title given with --title, quoted; nothing in the translations",
    ),
    ("date", "today, YYYY-MM-DD"),
    ("year", "last year (a brief's data file)"),
    ("lang", "the file's language code"),
    (
        "slug",
        "the last part of PATH: the file's or the folder's name",
    ),
    (
        "type",
        "a `type:` line when the folder does not give the page its type",
    ),
    (
        "required",
        "a line per field the type requires that the archetype does not write",
    ),
    ("optional", "a commented line per other field of the type"),
];

/// One more placeholder, for a page's front matter: the vocabularies with their keys.
const VOCABULARIES: &str = "vocabularies";

/// What `ipportal new <type> PATH` was asked for.
#[derive(Debug, Clone)]
pub struct Request {
    /// The portal's root folder.
    pub root: PathBuf,
    /// The content type (`guide`, `course`, `lesson`, `case`, `brief`, `page`, or one of the
    /// portal's own archetypes).
    pub type_name: String,
    /// The page's file under `content/`, relative to the root (`content/guides/x.md`); the
    /// folder of a course or a brief.
    pub path: PathBuf,
    /// The title, written into the page in `lang`.
    pub title: Option<String>,
    /// The language the editor writes in; the other languages get translation stubs. `None`:
    /// the portal's default language.
    pub lang: Option<String>,
    /// Today, in the portal's time.
    pub today: NaiveDate,
}

/// A file to write: its path relative to the root, and its language (`None` for a data file).
#[derive(Debug)]
struct Target {
    relative: PathBuf,
    lang: Option<String>,
}

/// Where a page of the requested type goes: its files, and the type its folder gives it.
#[derive(Debug)]
struct Plan {
    targets: Vec<Target>,
    slug: String,
    inherited_type: String,
}

/// Writes the page, its translations and (for a brief) its data file. Returns the files
/// written, relative to the root.
pub fn create(request: &Request) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let config = crate::config::load(&request.root)?;
    let known = known_types(&request.root);
    if !known.contains(&request.type_name) {
        return Err(vec![invalid(format!(
            "unknown content type `{}`: expected one of {}",
            request.type_name,
            known.join(", ")
        ))]);
    }
    let lang = request
        .lang
        .clone()
        .unwrap_or_else(|| config.default_language.clone());
    if config.language(&lang).is_none() {
        let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        return Err(vec![invalid(format!(
            "--lang `{lang}` is not a language of the portal: expected one of {}",
            codes.join(", ")
        ))]);
    }
    let plan = plan(request, &config, &lang).map_err(|d| vec![d])?;
    refuse_existing(&request.root, &plan.targets)?;
    let mut written = Vec::new();
    for target in &plan.targets {
        let text = render_target(request, &config, &plan, target, &lang)?;
        write(&request.root.join(&target.relative), &text).map_err(|d| vec![d])?;
        written.push(target.relative.clone());
    }
    Ok(written)
}

/// The built-in types and those of the portal's own archetypes, sorted.
fn known_types(root: &Path) -> Vec<String> {
    let mut types: Vec<String> = BUILTIN_TYPES.iter().map(|t| t.to_string()).collect();
    if let Ok(entries) = std::fs::read_dir(root.join("archetypes")) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".md") {
                // `guide.en.md` is the `guide` archetype in English.
                let type_name = stem.split('.').next().unwrap_or(stem).to_string();
                if !type_name.is_empty() && !types.contains(&type_name) {
                    types.push(type_name);
                }
            }
        }
    }
    types.sort();
    types
}

/// The files to write for the request, checked against the folder they go in.
fn plan(request: &Request, config: &Config, lang: &str) -> Result<Plan, Diagnostic> {
    let inside = content_relative(&from_root(&request.root, &request.path))?;
    let (folder, stem) = page_name(&inside, &request.type_name, config);
    let inherited_type = inherited_type(&request.root, &folder);
    if request.type_name == "lesson" && inherited_type != "lesson" {
        return Err(invalid(format!(
            "a lesson goes inside a course: content/{} has no `_index.md` with `type: course`",
            slash(&folder)
        ))
        .with_help(crate::untranslated!(format!(
            "create the course first: ipportal new course content/{}",
            slash(&folder)
        ))));
    }
    let (dir, file_stem, slug) = match request.type_name.as_str() {
        "course" => (folder.join(&stem), "_index".to_string(), stem.clone()),
        "brief" => (folder.join(&stem), "index".to_string(), stem.clone()),
        _ => (folder, stem.clone(), stem),
    };
    let content = Path::new("content").join(&dir);
    let mut languages = vec![lang.to_string()];
    languages.extend(
        config
            .languages
            .iter()
            .map(|l| l.code.clone())
            .filter(|c| c != lang),
    );
    let mut targets: Vec<Target> = languages
        .into_iter()
        .map(|code| Target {
            relative: content.join(file_name(&file_stem, &code, config)),
            lang: Some(code),
        })
        .collect();
    if request.type_name == "brief" {
        targets.push(Target {
            relative: content.join("data.yaml"),
            lang: None,
        });
    }
    Ok(Plan {
        targets,
        slug,
        inherited_type,
    })
}

/// `path` from the root: an absolute path inside the root loses the root's part.
fn from_root(root: &Path, path: &Path) -> PathBuf {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    path.strip_prefix(&canonical_root)
        .or_else(|_| path.strip_prefix(root))
        .unwrap_or(path)
        .to_path_buf()
}

/// PATH relative to `content/`: it must name something inside that folder, without `..`.
fn content_relative(path: &Path) -> Result<PathBuf, Diagnostic> {
    let outside = || {
        invalid(format!(
            "{} is not inside content/: new pages go in the portal's content/ folder",
            path.display()
        ))
        .with_help(crate::untranslated!(
            "give the path from the portal's root, e.g. content/guides/patent-search.md"
        ))
    };
    let mut components = path.components().skip_while(|c| *c == Component::CurDir);
    if components.next() != Some(Component::Normal("content".as_ref())) {
        return Err(outside());
    }
    let mut inside = PathBuf::new();
    for component in components {
        match component {
            Component::Normal(part) => inside.push(part),
            Component::CurDir => {}
            _ => return Err(outside()),
        }
    }
    if inside.as_os_str().is_empty() {
        return Err(outside());
    }
    Ok(inside)
}

/// The folder (under `content/`) and the name of a page: `guides/x.en.md` → (`guides`, `x`).
/// A course's or brief's PATH may name its folder or its index file.
fn page_name(inside: &Path, type_name: &str, config: &Config) -> (PathBuf, String) {
    let mut folder = inside.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = inside
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut stem = name.strip_suffix(".md").unwrap_or(&name).to_string();
    if let Some((base, code)) = stem.rsplit_once('.')
        && config.language(code).is_some()
    {
        stem = base.to_string();
    }
    let bundle = matches!(type_name, "course" | "brief");
    if bundle && (stem == "_index" || stem == "index") {
        stem = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        folder.pop();
    }
    (folder, stem)
}

/// `x` in `lang`: `x.md` in the default language, `x.en.md` in the others (as content/ reads
/// them).
fn file_name(stem: &str, lang: &str, config: &Config) -> String {
    if lang == config.default_language {
        format!("{stem}.md")
    } else {
        format!("{stem}.{lang}.md")
    }
}

/// The type a page in `folder` (under `content/`) has without a `type:` of its own: the
/// nearest section's `type` (a course's pages are lessons), else `page`.
fn inherited_type(root: &Path, folder: &Path) -> String {
    let content = root.join("content");
    for dir in folder.ancestors() {
        let index = content.join(dir).join("_index.md");
        if let Some(t) = section_type(&index) {
            return if t == "course" { "lesson".into() } else { t };
        }
    }
    "page".into()
}

/// The `type` in a section's front matter, when it has one.
fn section_type(index: &Path) -> Option<String> {
    let text = front_matter::decode(std::fs::read(index).ok()?).ok()?;
    let split = front_matter::split(&text).ok()?;
    let yaml: serde_yaml::Value =
        crate::base::yaml::parse(split.front_matter, crate::base::yaml::FRONT_MATTER).ok()?;
    yaml.get("type")?.as_str().map(str::to_string)
}

/// Refuses to go on when any file to be written exists, naming each; a page in the default
/// language also exists when written as `x.<lang>.md`, which content/ reads as the same page.
fn refuse_existing(root: &Path, targets: &[Target]) -> Result<(), Vec<Diagnostic>> {
    let existing: Vec<Diagnostic> = targets
        .iter()
        .flat_map(spellings)
        .filter(|relative| root.join(relative).exists())
        .map(|relative| {
            Diagnostic::error(
                Code::NewExists,
                crate::untranslated!(format!(
                    "{} already exists: `ipportal new` never overwrites a file",
                    slash(&relative)
                )),
            )
            .in_file(slash(&relative))
            .with_help(crate::untranslated!(
                "choose another PATH, or edit the file that is there"
            ))
        })
        .collect();
    if existing.is_empty() {
        Ok(())
    } else {
        Err(existing)
    }
}

/// The names a target's file may have: `x.md`, and for a page also `x.<lang>.md`.
fn spellings(target: &Target) -> Vec<PathBuf> {
    let mut names = vec![target.relative.clone()];
    let name = target
        .relative
        .file_name()
        .unwrap_or_default()
        .to_string_lossy();
    if let (Some(lang), Some(stem)) = (&target.lang, name.strip_suffix(".md"))
        && !stem.ends_with(&format!(".{lang}"))
    {
        names.push(target.relative.with_file_name(format!("{stem}.{lang}.md")));
    }
    names
}

/// The text of one file of the plan.
fn render_target(
    request: &Request,
    config: &Config,
    plan: &Plan,
    target: &Target,
    main_lang: &str,
) -> Result<String, Vec<Diagnostic>> {
    let Some(lang) = target.lang.as_deref() else {
        let data = include_str!("archetype/brief-data.yaml");
        let values = Values::for_data(request.today);
        return fill(data, "src/archetype/brief-data.yaml", &values).map_err(|d| vec![d]);
    };
    let (archetype, origin) = archetype(&request.root, &request.type_name, lang)?;
    let title = request.title.as_deref().filter(|_| lang == main_lang);
    let values = Values {
        title: title.map(yaml_string).unwrap_or_default(),
        date: request.today.format("%Y-%m-%d").to_string(),
        year: (request.today.year() - 1).to_string(),
        lang: lang.to_string(),
        slug: plan.slug.clone(),
        type_line: type_line(&request.type_name, &plan.inherited_type, config),
        fields: FieldLines::new(&archetype, &request.type_name, lang, config, request.today),
    };
    fill(&archetype, &origin, &values).map_err(|d| vec![d])
}

/// The archetype of `type_name` in `lang`, with the name errors give it.
fn archetype(
    root: &Path,
    type_name: &str,
    lang: &str,
) -> Result<(String, String), Vec<Diagnostic>> {
    for name in [format!("{type_name}.{lang}.md"), format!("{type_name}.md")] {
        let path = root.join("archetypes").join(&name);
        if path.is_file() {
            let origin = format!("archetypes/{name}");
            let text = std::fs::read(&path)
                .map_err(|e| crate::msg!("file.unreadable", e))
                .and_then(|bytes| front_matter::decode(bytes).map_err(|e| e.message))
                .map_err(|e| vec![Diagnostic::error(Code::FileUnreadable, e).in_file(&origin)])?;
            return Ok((text, origin));
        }
    }
    let text = builtin(type_name, lang != "zh");
    Ok((text.to_string(), format!("src/archetype/{type_name}.md")))
}

/// A built-in archetype, Chinese or English (for every other language); a type of the portal's
/// own has the plain page's.
fn builtin(type_name: &str, english: bool) -> &'static str {
    let (zh, en) = match type_name {
        "guide" => (
            include_str!("archetype/guide.zh.md"),
            include_str!("archetype/guide.en.md"),
        ),
        "course" => (
            include_str!("archetype/course.zh.md"),
            include_str!("archetype/course.en.md"),
        ),
        "lesson" => (
            include_str!("archetype/lesson.zh.md"),
            include_str!("archetype/lesson.en.md"),
        ),
        "case" => (
            include_str!("archetype/case.zh.md"),
            include_str!("archetype/case.en.md"),
        ),
        "brief" => (
            include_str!("archetype/brief.zh.md"),
            include_str!("archetype/brief.en.md"),
        ),
        "service" => (
            include_str!("archetype/service.zh.md"),
            include_str!("archetype/service.en.md"),
        ),
        "person" => (
            include_str!("archetype/person.zh.md"),
            include_str!("archetype/person.en.md"),
        ),
        _ => (
            include_str!("archetype/page.zh.md"),
            include_str!("archetype/page.en.md"),
        ),
    };
    if english { en } else { zh }
}

/// `type: <type>` when the folder would give the page another of the portal's types (a course's
/// `_index.md` says its type itself; a portal's archetype need not be a type of `site.toml`).
fn type_line(type_name: &str, inherited: &str, config: &Config) -> String {
    if type_name == inherited || type_name == "course" || !config.types.contains_key(type_name) {
        String::new()
    } else {
        format!("type: {type_name}")
    }
}

/// What each placeholder becomes in one file.
#[derive(Debug, Default)]
struct Values {
    title: String,
    date: String,
    year: String,
    lang: String,
    slug: String,
    type_line: String,
    fields: FieldLines,
}

impl Values {
    fn for_data(today: NaiveDate) -> Self {
        Values {
            date: today.format("%Y-%m-%d").to_string(),
            year: (today.year() - 1).to_string(),
            ..Values::default()
        }
    }

    fn get(&self, name: &str) -> Option<&str> {
        Some(match name {
            "title" => &self.title,
            "date" => &self.date,
            "year" => &self.year,
            "lang" => &self.lang,
            "slug" => &self.slug,
            "type" => &self.type_line,
            "required" => &self.fields.required,
            "optional" => &self.fields.optional,
            VOCABULARIES => &self.fields.vocabularies,
            _ => return None,
        })
    }
}

/// The front matter lines that come from the portal's model rather than the archetype.
#[derive(Debug, Default)]
struct FieldLines {
    required: String,
    optional: String,
    vocabularies: String,
}

impl FieldLines {
    fn new(
        archetype: &str,
        type_name: &str,
        lang: &str,
        config: &Config,
        today: NaiveDate,
    ) -> Self {
        let written = |name: &str| {
            archetype.lines().any(|l| {
                l.strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with(':'))
            })
        };
        let chinese = lang == "zh";
        let t = config.types.get(type_name).cloned().unwrap_or_default();
        let required: Vec<String> = t
            .required
            .iter()
            .filter(|f| !written(f))
            .map(|f| required_line(f, chinese, config, today))
            .collect();
        let optional: Vec<String> = t
            .fields
            .iter()
            .filter(|f| !written(f) && !t.required.contains(f))
            .map(|f| optional_line(f, chinese))
            .collect();
        FieldLines {
            required: required.join("\n"),
            optional: optional.join("\n"),
            vocabularies: vocabularies(config, chinese),
        }
    }
}

/// The line of a required field: today for a date, an empty value for the editor otherwise.
fn required_line(name: &str, chinese: bool, config: &Config, today: NaiveDate) -> String {
    let kind = fields::find(name).map(|f| f.kind);
    let vocabulary = config.taxonomy(name).is_some();
    let value = if kind == Some(ValueKind::Date) {
        format!(" {}", today.format("%Y-%m-%d"))
    } else if vocabulary || matches!(kind, Some(ValueKind::List | ValueKind::Terms(_))) {
        " []".to_string()
    } else {
        String::new()
    };
    let meaning = match (describe(name, chinese), vocabulary, chinese) {
        (Some(meaning), _, true) => format!("：{meaning}"),
        (Some(meaning), _, false) => format!(": {meaning}"),
        (None, true, true) => "：键名见下面的分类词表".to_string(),
        (None, true, false) => ": keys from the vocabularies below".to_string(),
        (None, false, _) => String::new(),
    };
    let need = if chinese { "必填" } else { "required" };
    format!("{name}:{value}  # {need}{meaning}")
}

/// A commented-out line of a field the type may have, saying what it means when the built-in
/// table knows.
fn optional_line(name: &str, chinese: bool) -> String {
    match describe(name, chinese) {
        Some(meaning) => format!("# {name}:  # {meaning}"),
        None => format!("# {name}:"),
    }
}

/// What a built-in field means, in one line of the file's language.
fn describe(name: &str, chinese: bool) -> Option<&'static str> {
    fields::find(name).map(|f| if chinese { f.zh } else { f.en })
}

/// A comment listing each vocabulary with its keys (a free one says so).
fn vocabularies(config: &Config, chinese: bool) -> String {
    if config.taxonomies.is_empty() {
        return String::new();
    }
    let lang = if chinese { "zh" } else { "en" };
    let mut lines = vec![if chinese {
        format!(
            "# 分类词表：填写键名而非显示名称{}",
            example(config, "，如 ")
        )
    } else {
        format!(
            "# Vocabularies: write the keys, not the labels{}",
            example(config, ", e.g. ")
        )
    }];
    for taxonomy in &config.taxonomies {
        let label = taxonomy
            .label
            .get(lang)
            .or_else(|| taxonomy.label.values().next())
            .map(|l| format!(" ({l})"))
            .unwrap_or_default();
        let keys = match &taxonomy.terms {
            Some(terms) => terms
                .keys()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(", "),
            None if chinese => "自由填写".to_string(),
            None => "free words".to_string(),
        };
        lines.push(format!("#   {}{label}: {keys}", taxonomy.name));
    }
    lines.join("\n")
}

/// `<lead>services: [creation, protection]` from the first vocabulary with terms.
fn example(config: &Config, lead: &str) -> String {
    config
        .taxonomies
        .iter()
        .find_map(|t| {
            let keys: Vec<&str> = t
                .terms
                .as_ref()?
                .keys()
                .take(2)
                .map(String::as_str)
                .collect();
            Some(format!("{lead}{}: [{}]", t.name, keys.join(", ")))
        })
        .unwrap_or_default()
}

/// `text` as a YAML double-quoted string (JSON's escapes are YAML's).
fn yaml_string(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}

/// Replaces each `{{name}}` of `archetype`; a line holding only a placeholder that comes out
/// empty is left out. `{{<` and `{{%` (shortcodes) are not placeholders.
fn fill(archetype: &str, origin: &str, values: &Values) -> Result<String, Diagnostic> {
    let mut out = String::with_capacity(archetype.len() + 512);
    for (number, line) in archetype.lines().enumerate() {
        let filled = fill_line(line, values).map_err(|name| {
            invalid(format!("unknown placeholder `{{{{{name}}}}}`"))
                .in_file(origin)
                .at(archetype, number + 1, column_of_placeholder(line))
                .with_help(crate::untranslated!(format!(
                    "the placeholders are {}",
                    PLACEHOLDERS
                        .iter()
                        .map(|(n, _)| format!("{{{{{n}}}}}"))
                        .chain([format!("{{{{{VOCABULARIES}}}}}")])
                        .collect::<Vec<_>>()
                        .join(", ")
                )))
        })?;
        if filled.trim().is_empty() && !line.trim().is_empty() {
            continue;
        }
        out.push_str(filled.trim_end());
        out.push('\n');
    }
    Ok(out)
}

/// The 1-based column, in characters, of the first `{{` of `line`.
fn column_of_placeholder(line: &str) -> usize {
    line.find("{{")
        .map_or(1, |at| line[..at].chars().count() + 1)
}

/// One line with its placeholders replaced, or the name of an unknown one.
fn fill_line(line: &str, values: &Values) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let name_end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..name_end];
        if name.is_empty() || !after[name_end..].starts_with("}}") {
            // Not a placeholder (a shortcode's `{{<`): kept as written.
            out.push_str("{{");
            rest = after;
            continue;
        }
        out.push_str(values.get(name).ok_or_else(|| name.to_string())?);
        rest = &after[name_end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Writes `text` to `path`, creating its folder.
fn write(path: &Path, text: &str) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            Diagnostic::error(
                Code::OutputWrite,
                crate::untranslated!(format!("cannot create {}: {e}", parent.display())),
            )
        })?;
    }
    std::fs::write(path, text).map_err(|e| {
        Diagnostic::error(
            Code::OutputWrite,
            crate::untranslated!(format!("cannot write {}: {e}", path.display())),
        )
    })
}

fn invalid(message: String) -> Diagnostic {
    Diagnostic::error(Code::NewInvalid, crate::untranslated!(message))
}

/// A relative path with `/` separators, as errors show paths under the root.
fn slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        Values {
            title: yaml_string("检索 \"入门\""),
            date: "2026-12-05".into(),
            slug: "x".into(),
            ..Values::default()
        }
    }

    #[test]
    fn placeholders_are_filled_and_shortcodes_kept() {
        let archetype =
            "title: {{title}}\n{{type}}\ndate: {{date}}\n{{< chart kind=\"by_year\" >}} {{x\n";
        assert_eq!(
            fill(archetype, "a.md", &values()).unwrap(),
            "title: \"检索 \\\"入门\\\"\"\ndate: 2026-12-05\n{{< chart kind=\"by_year\" >}} {{x\n",
            "an empty placeholder's line is left out, a shortcode kept"
        );
        let e = fill(
            "---\ntitle: {{title}}\n 日期 {{today}}\n",
            "archetypes/guide.md",
            &values(),
        )
        .unwrap_err();
        assert!(
            e.message.contains("unknown placeholder `{{today}}`"),
            "{e:?}"
        );
        assert_eq!((e.line, e.column), (Some(3), Some(5)));
    }

    #[test]
    fn every_built_in_archetype_uses_known_placeholders_only() {
        for type_name in BUILTIN_TYPES {
            for english in [false, true] {
                let text = builtin(type_name, english);
                assert!(fill(text, type_name, &values()).is_ok(), "{type_name}");
                assert!(text.starts_with("---\ntitle: {{title}}\n"), "{type_name}");
            }
        }
        let data = include_str!("archetype/brief-data.yaml");
        let filled = fill(
            data,
            "data",
            &Values::for_data(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()),
        )
        .unwrap();
        assert!(filled.contains("{year: 2025, applications: 0}"), "{filled}");
    }

    #[test]
    fn paths_are_read_under_content() {
        assert_eq!(
            content_relative(Path::new("./content/guides/x.md")).unwrap(),
            Path::new("guides/x.md")
        );
        for outside in ["guides/x.md", "content", "content/../x.md", "/content/x.md"] {
            assert!(content_relative(Path::new(outside)).is_err(), "{outside}");
        }
        let config = crate::config::parse(crate::config::MINIMAL_FOR_TESTS).unwrap();
        let name = |path: &str, type_name: &str| page_name(Path::new(path), type_name, &config);
        assert_eq!(
            name("guides/x.en.md", "guide"),
            ("guides".into(), "x".into())
        );
        assert_eq!(name("guides/x", "guide"), ("guides".into(), "x".into()));
        assert_eq!(
            name("briefs/b/index.md", "brief"),
            ("briefs".into(), "b".into())
        );
        assert_eq!(
            name("courses/c/_index.en.md", "course"),
            ("courses".into(), "c".into())
        );
        assert_eq!(name("courses/c", "course"), ("courses".into(), "c".into()));
    }
}
