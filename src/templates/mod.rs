//! The theme: Tera templates, static files and interface strings, loaded once per build.
//!
//! A theme is read from `themes/<theme>/` in the portal root; the default theme is also compiled
//! into the binary so a portal without a copy of it still builds. Files in the portal's own
//! `templates/`, `static/` and `i18n/` replace the theme's files of the same name.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use indexmap::IndexMap;
use tera::Tera;

use crate::base::diagnostics::{Code, Diagnostic};
use crate::config::Config;
use crate::ip::patent::{self, PatentSettings};

static DEFAULT_THEME: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Templates every theme must provide.
const REQUIRED_TEMPLATES: [&str; 6] = [
    "index.html",
    "section.html",
    "page.html",
    "taxonomy.html",
    "taxonomy_term.html",
    "404.html",
];

/// Templates of the files every portal gets, the feeds and the sitemap: a theme may leave them
/// out and gets the built-in default theme's.
const SHARED_TEMPLATES: [&str; 3] = ["atom.xml", "sitemap.xml", "sitemap_index.xml"];

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum StaticSource {
    /// A file on disk.
    Disk(PathBuf),
    /// A file of the built-in default theme.
    Embedded(&'static [u8]),
}

/// The loaded theme, before compilation.
#[derive(Debug, Default)]
pub struct Theme {
    /// Template name → (source, file it came from).
    pub templates: BTreeMap<String, (String, PathBuf)>,
    /// Static files: output path → source.
    pub static_files: BTreeMap<String, StaticSource>,
    /// Language → interface strings.
    pub strings: BTreeMap<String, IndexMap<String, String>>,
    /// Language → the last strings file read for it, for errors.
    pub string_files: BTreeMap<String, PathBuf>,
    /// Language → key → the strings file its text came from (a portal's `i18n/` overrides its
    /// theme's), for errors.
    pub string_origins: BTreeMap<String, HashMap<String, PathBuf>>,
    /// Symbolic links skipped while reading the files.
    pub warnings: Vec<Diagnostic>,
}

/// Reads the theme named in `site.toml` and the portal's overrides.
///
/// `engine_keys` are the strings the engine writes itself (charts, shortcodes, dates…): every
/// language must have them, and the default theme's fill in for a theme that leaves them out.
pub fn load_theme(
    root: &Path,
    config: &Config,
    engine_keys: &[&str],
) -> Result<Theme, Vec<Diagnostic>> {
    let mut theme = Theme::default();
    let theme_dir = root.join("themes").join(&config.theme);
    let mut errors = Vec::new();
    if theme_dir.is_dir() {
        add_disk_files(root, &theme_dir, &mut theme, &mut errors);
    } else if config.theme == "default" {
        add_embedded_files(&mut theme);
    } else {
        return Err(vec![
            Diagnostic::error(
                Code::ThemeMissing,
                crate::untranslated!(format!(
                    "theme `{}` not found: expected a folder themes/{}/",
                    config.theme, config.theme
                )),
            )
            .in_file("site.toml"),
        ]);
    }
    add_disk_files(root, root, &mut theme, &mut errors);
    add_default_shared_templates(&mut theme);
    add_default_engine_strings(&mut theme, engine_keys);
    check_strings(&theme, config, &theme_dir, engine_keys, &mut errors);
    check_engine_strings(&theme, config, engine_keys, &mut errors);
    for name in REQUIRED_TEMPLATES {
        if !theme.templates.contains_key(name) {
            errors.push(Diagnostic::error(Code::TemplateMissing, crate::untranslated!(format!(
                "missing template `{name}`: expected themes/{}/templates/{name} or templates/{name}",
                config.theme
            ))));
        }
    }
    if errors.is_empty() {
        Ok(theme)
    } else {
        Err(errors)
    }
}

/// Adds `templates/`, `static/` and `i18n/` under `dir`, replacing what is already there.
fn add_disk_files(root: &Path, dir: &Path, theme: &mut Theme, errors: &mut Vec<Diagnostic>) {
    for (sub, kind) in [("templates", 0), ("static", 1), ("i18n", 2)] {
        let base = dir.join(sub);
        if !base.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&base).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            if entry.path_is_symlink() && entry.depth() > 0 {
                theme
                    .warnings
                    .push(crate::content::discover::symlink_warning(
                        root,
                        entry.path(),
                    ));
                continue;
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            let relative = path
                .strip_prefix(&base)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            let display = crate::base::diagnostics::display_path(root, path);
            match kind {
                1 => {
                    theme
                        .static_files
                        .insert(relative, StaticSource::Disk(path.to_path_buf()));
                }
                _ => match std::fs::read_to_string(path) {
                    Ok(text) if kind == 0 => {
                        theme.templates.insert(relative, (text, display));
                    }
                    Ok(text) => add_strings(theme, &relative, &text, &display, errors),
                    Err(e) => errors.push(
                        Diagnostic::error(Code::FileUnreadable, crate::msg!("file.unreadable", e))
                            .in_file(display),
                    ),
                },
            }
        }
    }
}

fn add_embedded_files(theme: &mut Theme) {
    let mut errors = Vec::new();
    for file in all_embedded(&DEFAULT_THEME) {
        let path = file.path().to_string_lossy().replace('\\', "/");
        let display = Path::new(BUILT_IN_DISPLAY).join(&path);
        if let Some(name) = path.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(file.contents()).into_owned();
            theme.templates.insert(name.to_string(), (text, display));
        } else if let Some(name) = path.strip_prefix("static/") {
            theme
                .static_files
                .insert(name.to_string(), StaticSource::Embedded(file.contents()));
        } else if let Some(name) = path.strip_prefix("i18n/") {
            let text = String::from_utf8_lossy(file.contents());
            add_strings(theme, name, &text, &display, &mut errors);
        }
    }
    debug_assert!(errors.is_empty(), "the built-in theme's strings are valid");
}

fn all_embedded(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(all_embedded(sub));
    }
    files
}

/// Reads `i18n/<lang>.toml` (flat `key = "text"`), merging over strings already loaded.
fn add_strings(
    theme: &mut Theme,
    file_name: &str,
    text: &str,
    display: &Path,
    errors: &mut Vec<Diagnostic>,
) {
    let Some(lang) = file_name.strip_suffix(".toml") else {
        return;
    };
    match toml::from_str::<IndexMap<String, String>>(text) {
        Ok(strings) => {
            let origins = theme.string_origins.entry(lang.to_string()).or_default();
            for key in strings.keys() {
                origins.insert(key.clone(), display.to_path_buf());
            }
            theme
                .strings
                .entry(lang.to_string())
                .or_default()
                .extend(strings);
            theme
                .string_files
                .insert(lang.to_string(), display.to_path_buf());
        }
        Err(e) => {
            let mut d = Diagnostic::error(
                Code::StringsInvalid,
                crate::untranslated!(format!(
                    "invalid interface strings: {}; expected lines `key = \"text\"`",
                    e.message()
                )),
            )
            .in_file(display);
            if let Some(span) = e.span() {
                let (line, column) = crate::base::text::line_column(text, span.start);
                d = d.at(text, line, column);
            }
            errors.push(d);
        }
    }
}

/// How messages name the built-in theme's files, which are not on disk.
const BUILT_IN_DISPLAY: &str = "(built-in default theme)";

/// The built-in default theme's strings in `lang` (`zh`, `en`), if it has that language.
pub fn default_strings(lang: &str) -> Option<IndexMap<String, String>> {
    let file = DEFAULT_THEME.get_file(format!("i18n/{lang}.toml"))?;
    toml::from_str(&String::from_utf8_lossy(file.contents())).ok()
}

/// A theme (with the portal's `templates/`) that has no feed or sitemap template gets the
/// default theme's.
fn add_default_shared_templates(theme: &mut Theme) {
    for name in SHARED_TEMPLATES {
        if theme.templates.contains_key(name) {
            continue;
        }
        if let Some(file) = DEFAULT_THEME.get_file(format!("templates/{name}")) {
            let text = String::from_utf8_lossy(file.contents()).into_owned();
            let display = Path::new(BUILT_IN_DISPLAY).join("templates").join(name);
            theme.templates.insert(name.to_string(), (text, display));
        }
    }
}

/// A theme that leaves out some of the engine's strings in a language the default theme has
/// (`zh`, `en`) gets the default theme's: a theme only has to write the engine's words for the
/// languages ipportal does not ship.
fn add_default_engine_strings(theme: &mut Theme, engine_keys: &[&str]) {
    for (lang, strings) in &mut theme.strings {
        let Some(defaults) = default_strings(lang) else {
            continue;
        };
        for key in engine_keys {
            if let (false, Some(text)) = (strings.contains_key(*key), defaults.get(*key)) {
                strings.insert(key.to_string(), text.clone());
            }
        }
    }
}

/// Every language needs every string the engine writes: a third language with no
/// `chart_by_year_title` would otherwise show the key on its pages.
fn check_engine_strings(
    theme: &Theme,
    config: &Config,
    engine_keys: &[&str],
    errors: &mut Vec<Diagnostic>,
) {
    for lang in &config.languages {
        let (Some(strings), Some(file)) = (
            theme.strings.get(&lang.code),
            theme.string_files.get(&lang.code),
        ) else {
            continue; // reported by check_strings
        };
        let per_minute = strings.get("reading_words_per_minute");
        if per_minute.is_some_and(|n| n.parse::<usize>().map_or(true, |n| n == 0)) {
            errors.push(
                Diagnostic::error(
                    Code::StringsInvalid,
                    crate::untranslated!(format!(
                        "`reading_words_per_minute` for language `{}` must be a whole number above 0, like \"200\"",
                        lang.code
                    )),
                )
                .in_file(file),
            );
        }
        for key in engine_keys.iter().filter(|k| !strings.contains_key(**k)) {
            errors.push(
                Diagnostic::error(
                    Code::StringsInvalid,
                    crate::untranslated!(format!(
                        "missing interface string `{key}` for language `{}`: ipportal writes it on the pages itself",
                        lang.code
                    )),
                )
                .in_file(file)
                .with_help(crate::untranslated!(format!(
                    "add `{key} = \"…\"` (the default theme's i18n/en.toml has every such string)"
                ))),
            );
        }
    }
}

/// Every language needs a strings file, and all files the same keys: a string missing in one
/// language would otherwise show up as a blank on its pages.
fn check_strings(
    theme: &Theme,
    config: &Config,
    theme_dir: &Path,
    engine_keys: &[&str],
    errors: &mut Vec<Diagnostic>,
) {
    let file_of = |lang: &str| {
        if theme_dir.is_dir() {
            format!("themes/{}/i18n/{lang}.toml", config.theme)
        } else {
            format!("i18n/{lang}.toml")
        }
    };
    for lang in &config.languages {
        let Some(strings) = theme.strings.get(&lang.code) else {
            errors.push(Diagnostic::error(
                Code::StringsInvalid,
                crate::untranslated!(format!(
                    "no interface strings for language `{}`: expected {}",
                    lang.code,
                    file_of(&lang.code)
                )),
            ));
            continue;
        };
        for other in &config.languages {
            let Some(other_strings) = theme.strings.get(&other.code) else {
                continue;
            };
            // The engine's own strings are checked, with their own message, on their own.
            for key in other_strings
                .keys()
                .filter(|k| !engine_keys.contains(&k.as_str()))
            {
                if !strings.contains_key(key) {
                    // Missing beside the file that has it: the theme's, or the portal's `i18n/`,
                    // where a string of the built-in theme (which no one can edit) is added.
                    let origin = theme
                        .string_origins
                        .get(&other.code)
                        .and_then(|o| o.get(key))
                        .cloned()
                        .unwrap_or_else(|| file_of(&other.code).into());
                    let file = if origin.starts_with(BUILT_IN_DISPLAY) {
                        PathBuf::from(format!("i18n/{}.toml", lang.code))
                    } else {
                        origin.with_file_name(format!("{}.toml", lang.code))
                    };
                    errors.push(
                        Diagnostic::error(
                            Code::StringsInvalid,
                            crate::untranslated!(format!(
                                "missing interface string `{key}` for language `{}` (it is in {})",
                                lang.code,
                                origin.display()
                            )),
                        )
                        .in_file(file),
                    );
                }
            }
        }
    }
}

/// Compiled templates, ready to render.
pub struct Templates {
    tera: Tera,
    origins: HashMap<String, PathBuf>,
}

impl Templates {
    /// Compiles every template of `theme`; syntax errors name the template file and line.
    /// `renamed` maps static files to the fingerprinted names they are written under
    /// (`write::assets`), which `url()` returns.
    pub fn compile(
        theme: &Theme,
        config: &Config,
        renamed: &BTreeMap<String, String>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        // Tera's default escaper also turns `/` into `&#x2F;`, which makes every URL in the
        // output unreadable; `/` needs no escaping in HTML text or quoted attributes.
        tera.set_escape_fn(crate::base::text::escape_html);
        let base_path = config.base_path.clone();
        let renamed = renamed.clone();
        tera.register_function("url", move |args: &HashMap<String, tera::Value>| {
            let path = args.get("path").and_then(|v| v.as_str()).ok_or_else(|| {
                tera::Error::msg("url() needs a `path` argument: url(path=\"css/site.css\")")
            })?;
            let path = path.trim_start_matches('/');
            let path = renamed.get(path).map_or(path, String::as_str);
            Ok(tera::Value::String(format!("{base_path}{path}")))
        });
        tera.register_function("patent", patent_function(config.patents.clone()));
        tera.register_filter("fill", FillFilter);
        let origins: HashMap<String, PathBuf> = theme
            .templates
            .iter()
            .map(|(name, (_, origin))| (name.clone(), origin.clone()))
            .collect();
        let sources: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|(name, (source, _))| (name.as_str(), source.as_str()))
            .collect();
        if let Err(e) = tera.add_raw_templates(sources) {
            return Err(vec![template_error(&e, &origins, theme)]);
        }
        Ok(Templates { tera, origins })
    }

    /// Whether a template of that name exists.
    pub fn has(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }

    /// Renders template `name`; `rendering` names the content file being rendered, for errors.
    pub fn render(
        &self,
        name: &str,
        context: &tera::Context,
        rendering: &str,
    ) -> Result<String, Diagnostic> {
        let origin = || {
            self.origins
                .get(name)
                .cloned()
                .unwrap_or_else(|| PathBuf::from(name))
        };
        // Tera 1.x panics on some lookups (a dynamic key with non-ASCII text in `t[...]`): a
        // template bug must become an error message, never a crash.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.tera.render(name, context)
        }));
        let error = match result {
            Ok(Ok(html)) => return Ok(html),
            Ok(Err(e)) => error_chain(&e),
            Err(panic) => format!(
                "the template engine crashed ({}); look for a lookup such as `t[\"prefix_\" ~ key]` with non-ASCII keys",
                panic_message(&panic)
            ),
        };
        Err(Diagnostic::error(
            Code::TemplateError,
            crate::untranslated!(format!("template {} failed: {error}", origin().display())),
        )
        .in_file(origin())
        .with_help(crate::untranslated!(format!("while rendering {rendering}"))))
    }
}

/// The text a caught panic was raised with.
pub(crate) fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "unknown panic".into())
}

/// Tera nests the useful part of its errors in `source()`: flatten the chain.
fn error_chain(error: &tera::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        parts.push(e.to_string());
        source = e.source();
    }
    parts.join(": ")
}

fn template_error(
    error: &tera::Error,
    origins: &HashMap<String, PathBuf>,
    theme: &Theme,
) -> Diagnostic {
    let message = error_chain(error);
    let name = message
        .split('\'')
        .nth(1)
        .filter(|n| origins.contains_key(*n))
        .unwrap_or("");
    let mut d = Diagnostic::error(
        Code::TemplateError,
        crate::untranslated!(format!("invalid template: {message}")),
    );
    if let Some(origin) = origins.get(name) {
        d = d.in_file(origin);
        if let (Some((line, column)), Some((source, _))) =
            (parse_position(&message), theme.templates.get(name))
        {
            d = d.at(source, line, column);
        }
    }
    d
}

/// Finds pest's `--> line:column` in a Tera parse error.
fn parse_position(message: &str) -> Option<(usize, usize)> {
    let rest = message.split("--> ").nth(1)?;
    let (line, rest) = rest.split_once(':')?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// The filter `fill`: `{{ t.search_count | fill(count=3) }}` puts each argument in its
/// `{placeholder}` of the string. The string and the values are escaped for HTML, except:
/// - an argument named `<placeholder>_html` is markup the template wrote (`<strong>2</strong>`);
/// - an argument `<placeholder>_lang` marks the value's language: `fill(language=a.name,
///   language_lang=a.lang)` writes `<span lang="en">English</span>`.
struct FillFilter;

impl tera::Filter for FillFilter {
    fn filter(
        &self,
        value: &tera::Value,
        args: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let text = value.as_str().ok_or_else(|| {
            tera::Error::msg(format!(
                "fill works on a string, e.g. t.search_count | fill(count=n); got {value}"
            ))
        })?;
        let escape = crate::base::text::escape_html;
        let shown = |v: &tera::Value| match v {
            tera::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let mut values: Vec<(String, String)> = Vec::new();
        for (name, v) in args {
            if name.ends_with("_lang") {
                continue;
            }
            let value = match name.strip_suffix("_html") {
                Some(placeholder) => (placeholder.to_string(), shown(v)),
                None => match args.get(&format!("{name}_lang")) {
                    Some(lang) => (
                        name.clone(),
                        format!(
                            "<span lang=\"{}\">{}</span>",
                            escape(&shown(lang)),
                            escape(&shown(v))
                        ),
                    ),
                    None => (name.clone(), escape(&shown(v))),
                },
            };
            values.push(value);
        }
        let pairs: Vec<(&str, &str)> = values
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let filled = crate::base::i18n::fill_with(text, &pairs, escape, str::to_string);
        Ok(tera::Value::String(filled))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// The template function `patent(n=…, lang=…)`: `{number, written, url}` for a publication
/// number written in a field (a case's `patents`), or null when `n` is not one.
fn patent_function(settings: PatentSettings) -> impl tera::Function {
    move |args: &std::collections::HashMap<String, tera::Value>| {
        let written = match args.get("n") {
            Some(tera::Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => {
                return Err(tera::Error::msg(
                    "patent() needs `n`: patent(n=\"CN112345678A\", lang=lang)",
                ));
            }
        };
        let lang = args.get("lang").and_then(|v| v.as_str()).unwrap_or("en");
        Ok(match patent::normalize(&written) {
            Some(number) => serde_json::json!({
                "url": patent::url(&settings, &number, lang),
                "number": number,
                "written": written.trim(),
            }),
            None => tera::Value::Null,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(text: &str, args: &[(&str, tera::Value)]) -> String {
        let args: HashMap<String, tera::Value> = args
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        let out = tera::Filter::filter(&FillFilter, &text.into(), &args).unwrap();
        out.as_str().unwrap().to_string()
    }

    #[test]
    fn fill_escapes_the_text_and_values_but_not_the_template_markup() {
        assert_eq!(
            fill("it's {n} <b>", &[("n", 3.into())]),
            "it&#39;s 3 &lt;b&gt;"
        );
        assert_eq!(fill("{n}", &[("n", "<i>".into())]), "&lt;i&gt;");
        assert_eq!(
            fill("Lesson {n}", &[("n_html", "<strong>2</strong>".into())]),
            "Lesson <strong>2</strong>"
        );
        assert_eq!(
            fill(
                "in {language}",
                &[("language", "A&B".into()), ("language_lang", "en".into())]
            ),
            "in <span lang=\"en\">A&amp;B</span>"
        );
    }
}
