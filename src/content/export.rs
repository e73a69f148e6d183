//! Glue between a brief page and its raw export: the page's front matter (`date_basis`,
//! `columns`, `incomplete_from`, `key_patents`, `source`, `search_date`) and the centre's alias
//! file `data/applicants.yaml` → the export's [`Settings`]; the count's problems → diagnostics.
//! Counts are kept per file for the life of the process, so a brief's two languages count their
//! export once and `serve` recounts only an export (or alias file, or settings) that changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::Value;

use crate::base::diagnostics::{Code, Diagnostic, display_path};
use crate::content::Page;
use crate::ip::brief::{BriefData, DateBasis, Meta};
use crate::ip::export::applicants::Aliases;
use crate::ip::export::detect::{ROLES, Role};
use crate::ip::export::matrix::Rules;
use crate::ip::export::{self, Counted, Problem, Settings};
use crate::ip::patent;

/// The centre-wide applicant alias file, relative to the portal root.
pub const ALIAS_FILE: &str = "data/applicants.yaml";

/// Counts the export at `path` for `page`: its data and the warnings, or the errors.
pub fn load(
    root: &Path,
    page: &Page,
    path: &Path,
) -> Result<(BriefData, Vec<Diagnostic>), Vec<Diagnostic>> {
    let display = display_path(root, path);
    let (settings, alias_stamp) = settings(root, page)?;
    let stamp = format!(
        "{:?} {alias_stamp:?} {:?} {:?} {:?} {:?} {:?}",
        file_stamp(path),
        settings.date_basis,
        settings.columns,
        settings.meta,
        settings.key_patents,
        settings.matrix
    );
    let (result, _) = cached(path, &stamp, || export::count(path, &settings));
    let located = |p: &Problem, d: Diagnostic| match p.line {
        Some(line) => d.in_file(&display).at("", line, 1),
        None => d.in_file(&display),
    };
    match result.as_ref() {
        Ok(Counted { data, warnings, .. }) => {
            let warnings = warnings
                .iter()
                .map(|p| {
                    located(
                        p,
                        Diagnostic::warning(
                            Code::DataExport,
                            crate::untranslated!(p.message.clone()),
                        ),
                    )
                })
                .collect();
            Ok((data.clone(), warnings))
        }
        Err(errors) => Err(errors
            .iter()
            .map(|p| {
                located(
                    p,
                    Diagnostic::error(Code::DataInvalid, crate::untranslated!(p.message.clone())),
                )
            })
            .collect()),
    }
}

type Count = Result<Counted, Vec<Problem>>;

/// A file's size and modification time, when it exists.
type Stamp = Option<(u64, std::time::SystemTime)>;

/// Each export's last count (made once, however many pages ask) and the stamp — file size and
/// time, settings — it was made for.
type Counts = HashMap<PathBuf, (String, Arc<OnceLock<Arc<Count>>>)>;

static COUNTS: OnceLock<Mutex<Counts>> = OnceLock::new();

/// The count of `path` for `stamp`, made by `count` unless it was made before; `true` when it
/// was made now. Two pages asking at once wait for one count.
pub fn cached(path: &Path, stamp: &str, count: impl FnOnce() -> Count) -> (Arc<Count>, bool) {
    let cell = {
        let mut counts = COUNTS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let entry = counts
            .entry(path.to_path_buf())
            .or_insert_with(|| (stamp.to_string(), Arc::default()));
        if entry.0 != stamp {
            *entry = (stamp.to_string(), Arc::default());
        }
        Arc::clone(&entry.1)
    };
    let mut fresh = false;
    let result = cell.get_or_init(|| {
        fresh = true;
        Arc::new(count())
    });
    (Arc::clone(result), fresh)
}

fn file_stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// The page's settings for counting its export, and the alias file's stamp.
fn settings(root: &Path, page: &Page) -> Result<(Settings, Stamp), Vec<Diagnostic>> {
    let fields = &page.meta.fields;
    let mut errors = Vec::new();
    let mut invalid = |field: &str, message: String| {
        let line = super::front_matter::field_line(&page.source, field);
        errors.push(
            Diagnostic::error(Code::FrontMatterInvalidValue, crate::untranslated!(message))
                .in_file(&page.file)
                .at(&page.source, line, 1),
        );
    };
    let date_basis = match fields.get("date_basis") {
        None => DateBasis::Priority,
        Some(Value::String(s)) if s == "priority" => DateBasis::Priority,
        Some(Value::String(s)) if s == "application" => DateBasis::Application,
        Some(Value::String(s)) if s == "publication" => DateBasis::Publication,
        Some(other) => {
            invalid(
                "date_basis",
                format!("`date_basis` must be priority, application or publication, found {other}"),
            );
            DateBasis::Priority
        }
    };
    let columns = columns(fields.get("columns")).unwrap_or_else(|message| {
        invalid("columns", message);
        Vec::new()
    });
    let incomplete_from = match fields.get("incomplete_from") {
        None => None,
        Some(Value::Number(n)) if n.as_i64().is_some_and(|y| (1000..=9999).contains(&y)) => {
            n.as_i64().map(|y| y as i32)
        }
        Some(other) => {
            invalid(
                "incomplete_from",
                format!("`incomplete_from` must be a year such as 2023, found {other}"),
            );
            None
        }
    };
    let mut key_patents = Vec::new();
    for value in list(fields.get("key_patents")) {
        match value.as_str().and_then(patent::normalize) {
            Some(number) => key_patents.push(number),
            None => invalid(
                "key_patents",
                format!(
                    "`{value}` in `key_patents` is not a patent publication number: expected e.g. `CN112345678A`"
                ),
            ),
        }
    }
    let text = |name: &str| fields.get(name).and_then(Value::as_str).map(str::to_string);
    let meta = Meta {
        illustrative: page.meta.illustrative,
        source: text("source"),
        search_date: text("search_date"),
        incomplete_from,
        ..Meta::default()
    };
    let alias_path = root.join(ALIAS_FILE);
    let alias_stamp = file_stamp(&alias_path);
    let aliases = match alias_stamp {
        Some(_) => read_aliases(root, &alias_path).unwrap_or_else(|e| {
            errors.push(e);
            Aliases::default()
        }),
        None => Aliases::default(),
    };
    let matrix = match fields.get("matrix") {
        None => None,
        Some(value) => read_rules(root, page, value).unwrap_or_else(|mut e| {
            errors.append(&mut e);
            None
        }),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let settings = Settings {
        date_basis,
        columns,
        aliases,
        meta,
        key_patents,
        matrix,
    };
    Ok((settings, alias_stamp))
}

fn list(value: Option<&Value>) -> Vec<Value> {
    match value {
        Some(Value::Array(items)) => items.clone(),
        Some(other) => vec![other.clone()],
        None => Vec::new(),
    }
}

/// `columns: {number: 公开号, applicants: 权利人}` → (role, header) pairs.
fn columns(value: Option<&Value>) -> Result<Vec<(Role, String)>, String> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let names: Vec<&str> = ROLES.iter().map(|r| r.name()).collect();
    let Value::Object(map) = value else {
        return Err(format!(
            "`columns` must map roles to the export's header names, e.g. `{{number: 公开号}}`; roles: {}",
            names.join(", ")
        ));
    };
    map.iter()
        .map(|(role, header)| {
            let role = Role::from_name(role).ok_or_else(|| {
                format!(
                    "`{role}` in `columns` is not a role: expected one of {}",
                    names.join(", ")
                )
            })?;
            let header = header
                .as_str()
                .ok_or_else(|| format!("`columns.{}` must be a header name (text)", role.name()))?;
            Ok((role, header.to_string()))
        })
        .collect()
}

/// The technology–effect rules in the file `matrix:` names beside the brief; errors located in
/// the rule file (or at the field, when the file is missing).
fn read_rules(root: &Path, page: &Page, value: &Value) -> Result<Option<Rules>, Vec<Diagnostic>> {
    let at_field = |message: String| {
        let line = super::front_matter::field_line(&page.source, "matrix");
        vec![
            Diagnostic::error(Code::FrontMatterInvalidValue, crate::untranslated!(message))
                .in_file(&page.file)
                .at(&page.source, line, 1),
        ]
    };
    let name = value.as_str().filter(|n| {
        Path::new(n)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
    });
    let Some(name) = name else {
        return Err(at_field(format!(
            "`matrix` must be the name of a rule file beside the page (`matrix.yaml`), found {value}"
        )));
    };
    let path = root.join(&page.file).parent().unwrap_or(root).join(name);
    let display = display_path(root, &path);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        at_field(format!(
            "cannot read the rule file {}: {e}",
            display.display()
        ))
    })?;
    let shown = display.display().to_string();
    Rules::parse(&shown, &text).map(Some).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| {
                Diagnostic::error(Code::DataInvalid, crate::untranslated!(e.message))
                    .in_file(&display)
                    .at(&text, e.line, 1)
            })
            .collect()
    })
}

fn read_aliases(root: &Path, path: &Path) -> Result<Aliases, Diagnostic> {
    let display = display_path(root, path);
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostic::error(
            Code::FileUnreadable,
            crate::untranslated!(format!("cannot read the applicant alias file: {e}")),
        )
        .in_file(&display)
    })?;
    Aliases::parse(&text).map_err(|e| {
        Diagnostic::error(Code::DataInvalid, crate::untranslated!(e.message))
            .in_file(&display)
            .at(&text, e.line, 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_is_made_once_per_stamp() {
        let path = Path::new("/nonexistent/cache-test.csv");
        let made = || Err(vec![]);
        assert!(cached(path, "a", made).1);
        assert!(!cached(path, "a", made).1, "same stamp: kept");
        assert!(cached(path, "b", made).1, "changed: counted again");
        assert!(
            cached(Path::new("/nonexistent/other.csv"), "b", made).1,
            "another file"
        );
    }
}
