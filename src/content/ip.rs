//! The IP features joined to content: each course's sessions and each page's IPC codes read
//! across the library, and a brief's data file found and checked (render draws its charts, in
//! the page's language).

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use super::{Library, Page};
use crate::base::diagnostics::{Code, Diagnostic};
use crate::ip::{brief, calendar, export, ipc};

/// What the IP features add to the site as a whole: course sessions and the IPC index.
#[derive(Debug)]
pub struct IpSite {
    /// The build date: sessions on or after it are upcoming.
    pub today: NaiveDate,
    /// Each section's sessions (empty unless it is a course with `sessions`), index for index.
    pub sessions: Vec<Vec<calendar::Session>>,
    /// Per language, the pages classified under each IPC code (`ipc:` in front matter).
    pub ipc: BTreeMap<String, BTreeMap<ipc::IpcCode, Vec<usize>>>,
}

/// Reads every course's sessions and every page's IPC codes.
pub fn build(library: &Library, today: NaiveDate) -> (IpSite, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let sessions = library
        .sections
        .iter()
        .map(|section| {
            let Some(value) = section
                .meta
                .fields
                .get("sessions")
                .filter(|_| section.is_course())
            else {
                return Vec::new();
            };
            calendar::read_sessions(value).unwrap_or_else(|errors| {
                for (index, message) in errors {
                    let line = item_line(&section.source, "sessions:", index);
                    let mut d = Diagnostic::error(
                        Code::FrontMatterInvalidValue,
                        crate::untranslated!(message),
                    );
                    if let Some(file) = &section.file {
                        d = d.in_file(file).at(&section.source, line, 1);
                    }
                    diagnostics.push(d);
                }
                Vec::new()
            })
        })
        .collect();
    let mut index: BTreeMap<String, BTreeMap<ipc::IpcCode, Vec<usize>>> = BTreeMap::new();
    for (i, page) in library.pages.iter().enumerate() {
        for code in page.meta.ipc.iter().filter_map(|c| ipc::parse(&c.value)) {
            let pages = index
                .entry(page.lang.clone())
                .or_default()
                .entry(code)
                .or_default();
            if !pages.contains(&i) {
                pages.push(i);
            }
        }
    }
    (
        IpSite {
            today,
            sessions,
            ipc: index,
        },
        diagnostics,
    )
}

/// The line of item `index` of the YAML list under `key` (a `- ` line), else the key's line.
fn item_line(source: &str, key: &str, index: usize) -> usize {
    let Some(start) = source.lines().position(|l| l.starts_with(key)) else {
        return 1;
    };
    source
        .lines()
        .enumerate()
        .skip(start + 1)
        .take_while(|(_, l)| l.starts_with([' ', '-']))
        .filter(|(_, l)| l.trim_start().starts_with("- "))
        .nth(index)
        .map_or(start + 1, |(n, _)| n + 1)
}

/// A brief's data and the charts drawn from it in the page's language.
#[derive(Debug, Clone, Default)]
pub struct Brief {
    /// The checked data.
    pub data: brief::BriefData,
    /// Chart HTML by kind (`by_year`, `applicants`, `ipc`, `legal_status`).
    pub charts: BTreeMap<String, String>,
}

/// A brief's data file, read and checked.
#[derive(Debug)]
pub struct LoadedBrief {
    /// The data the charts are drawn from.
    pub data: brief::BriefData,
    /// What counting a raw export found worth telling (rows not read as written, summaries).
    pub warnings: Vec<Diagnostic>,
}

/// Loads and checks the data file a page names in `data:` (briefs do). Whether a brief must have
/// one is `site.toml`'s call: `required = [..., "data"]` under `[types.brief]`.
pub fn load_brief(root: &Path, page: &Page) -> Result<Option<LoadedBrief>, Vec<Diagnostic>> {
    let field = page.meta.fields.get("data");
    let line_of_field = || super::front_matter::field_line(&page.source, "data");
    // A name inside the brief's folder only: `/etc/passwd` or `../../x` would have the build
    // read (and quote in its errors) a file from elsewhere on the machine.
    let inside = |name: &str| {
        Path::new(name)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
    };
    let name = match field {
        Some(serde_json::Value::String(name)) if inside(name) => name,
        None => return Ok(None),
        Some(_) => {
            return Err(vec![
                Diagnostic::error(
                    Code::FrontMatterInvalidValue,
                    crate::untranslated!(
                        "`data` must be the name of a file beside the page (`data.yaml`)"
                    ),
                )
                .in_file(&page.file)
                .at(&page.source, line_of_field(), 1),
            ]);
        }
    };
    let folder = root.join(&page.file);
    let path = folder.parent().unwrap_or(root).join(name);
    let display = crate::base::diagnostics::display_path(root, &path);
    if !path.is_file() {
        return Err(vec![
            Diagnostic::error(
                Code::DataInvalid,
                crate::untranslated!(format!(
                    "the brief's data file {} does not exist",
                    display.display()
                )),
            )
            .in_file(&page.file)
            .at(&page.source, line_of_field(), 1)
            .with_help(crate::untranslated!(
                "put the data file in the brief's folder, beside its index.md"
            )),
        ]);
    }
    if export::is_export(&path, page.meta.fields.contains_key("columns")) {
        let (mut data, warnings) = super::export::load(root, page, &path)?;
        data.meta.ipc_top = ipc_top(page)?.or(data.meta.ipc_top);
        return Ok(Some(LoadedBrief { data, warnings }));
    }
    if page.meta.fields.contains_key("matrix") {
        return Err(vec![
            Diagnostic::error(
                Code::FrontMatterInvalidValue,
                crate::msg!("brief.matrix_needs_export"),
            )
            .in_file(&page.file)
            .at(
                &page.source,
                super::front_matter::field_line(&page.source, "matrix"),
                1,
            )
            .with_help(crate::msg!("brief.matrix_needs_export_help")),
        ]);
    }
    let (mut data, _) = brief::load(&path).map_err(|errors| {
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        errors
            .into_iter()
            .map(|e| {
                Diagnostic::error(Code::DataInvalid, crate::untranslated!(e.message))
                    .in_file(&display)
                    .at(&source, e.line, 1)
            })
            .collect::<Vec<_>>()
    })?;
    if data.meta.illustrative && !page.meta.illustrative {
        return Err(vec![
            Diagnostic::error(
                Code::DataInvalid,
                crate::untranslated!(format!(
                    "{} is marked illustrative but the page is not",
                    display.display()
                )),
            )
            .in_file(&page.file)
            .at(&page.source, 1, 1)
            .with_help(crate::untranslated!(
                "add `illustrative: true` so readers see that the figures are samples"
            )),
        ]);
    }
    data.meta.ipc_top = ipc_top(page)?.or(data.meta.ipc_top);
    Ok(Some(LoadedBrief {
        data,
        warnings: Vec::new(),
    }))
}

/// The brief's `ipc_top`: how many IPC subclasses its chart shows (1 to 100).
fn ipc_top(page: &Page) -> Result<Option<usize>, Vec<Diagnostic>> {
    let Some(value) = page.meta.fields.get("ipc_top") else {
        return Ok(None);
    };
    match value.as_u64().filter(|n| (1..=100).contains(n)) {
        Some(n) => Ok(Some(n as usize)),
        None => Err(vec![
            Diagnostic::error(
                Code::FrontMatterInvalidValue,
                crate::untranslated!(format!(
                    "`ipc_top` must be a whole number from 1 to 100, found {value}"
                )),
            )
            .in_file(&page.file)
            .at(
                &page.source,
                super::front_matter::field_line(&page.source, "ipc_top"),
                1,
            ),
        ]),
    }
}
