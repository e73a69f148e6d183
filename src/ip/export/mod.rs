//! A brief's data counted from a patent database's raw export (one row per patent document):
//! Lens.org CSV, the Chinese databases' CSV (UTF-8 or GB18030) and `.xlsx`, or any export whose
//! columns a `columns:` map names. The result is the same [`BriefData`] an aggregated data file
//! gives, so the charts and tables do not know where their numbers came from.
//!
//! `detect` finds the columns' roles from the header row, `source` streams the rows, `dates`,
//! `applicants` and `legal` read one cell each, and `count` applies the counting rules.

pub mod applicants;
pub mod count;
pub mod dates;
pub mod detect;
pub mod legal;
pub mod matrix;
pub mod source;
pub mod tallies;

use std::path::Path;

use crate::ip::brief::{BriefData, DateBasis, Meta};
use applicants::Aliases;
use detect::Role;
use source::{Cell, Rows};

/// How a brief counts its export (from the brief's front matter and the alias file).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Which date places a record in a year (`priority` unless the brief says otherwise).
    pub date_basis: DateBasis,
    /// Columns named by the brief for roles (`columns:`).
    pub columns: Vec<(Role, String)>,
    /// The centre's applicant aliases.
    pub aliases: Aliases,
    /// Illustrative, source, search date and `incomplete_from`, as the brief gives them.
    pub meta: Meta,
    /// Key patents listed by hand (normalised), shown before the most cited.
    pub key_patents: Vec<String>,
    /// The technology–effect matrix's rules, when the brief names a rule file.
    pub matrix: Option<matrix::Rules>,
}

/// Something to tell about an export: on a row (`line`) or about the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line (CSV) or row (spreadsheet), when about one row.
    pub line: Option<usize>,
    /// What is wrong, naming the row and column.
    pub message: String,
}

/// An export counted.
#[derive(Debug, Clone)]
pub struct Counted {
    /// The data the charts are drawn from.
    pub data: BriefData,
    /// Rows read (header excluded, empty rows skipped).
    pub rows: u64,
    /// Distinct records counted.
    pub records: u64,
    /// What the editor should know: rows that could not be read as written, per-file
    /// summaries, legal-status words with no mapping. Warnings, not errors.
    pub warnings: Vec<Problem>,
}

/// Whether the data file at `path` is a raw export rather than an aggregated data file: a
/// spreadsheet, a brief with `columns:`, or a CSV file whose header is not `table,…`.
pub fn is_export(path: &Path, has_columns: bool) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("xlsx" | "xls") => true,
        Some("csv") => has_columns || !starts_with_table_header(path),
        _ => has_columns,
    }
}

fn starts_with_table_header(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 64];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let text = String::from_utf8_lossy(&head[..n]);
    let first = text
        .trim_start_matches('\u{feff}')
        .split([',', '\n', '\r'])
        .next();
    first.is_some_and(|cell| cell.trim().trim_matches('"') == "table")
}

/// Counts the export at `path`. Errors (the file cannot be read, its header names no
/// publication number, no row could be counted) are fatal; row problems are warnings.
pub fn count(path: &Path, settings: &Settings) -> Result<Counted, Vec<Problem>> {
    let mut reading = Reading {
        settings,
        counter: None,
        rows: 0,
    };
    let fatal = |message: String| {
        vec![Problem {
            line: Some(1),
            message,
        }]
    };
    source::read(path, &mut reading).map_err(fatal)?;
    let rows = reading.rows;
    let Some(counter) = reading.counter else {
        return Err(fatal(
            "the export is empty: expected a header row and one row per patent document".into(),
        ));
    };
    let records = counter.records();
    let mut warnings = Vec::new();
    match counter.finish(&mut warnings) {
        Some(data) => Ok(Counted {
            data,
            rows,
            records,
            warnings,
        }),
        None => {
            let mut errors = fatal(format!(
                "no row of the export could be counted ({rows} rows read): every row needs a publication number"
            ));
            errors.extend(warnings);
            Err(errors)
        }
    }
}

/// The rows of one export going into its count.
struct Reading<'a> {
    settings: &'a Settings,
    counter: Option<count::Counter<'a>>,
    rows: u64,
}

impl Rows for Reading<'_> {
    fn header(&mut self, names: &[String]) -> Result<Vec<usize>, String> {
        let mut layout = detect::detect(names, &self.settings.columns)?;
        let rules = self.settings.matrix.as_ref();
        // Abstracts and family lists are most of an export's bytes: read only when used.
        let keywords = rules.is_some_and(|r| r.uses_keywords());
        let jurisdictions = layout.column(Role::FamilyJurisdictions).is_some();
        layout.columns.retain(|(role, _)| match role {
            Role::Abstract => keywords,
            Role::FamilyMembers => !jurisdictions,
            _ => true,
        });
        let mut wanted: Vec<usize> = layout.columns.iter().map(|(_, c)| *c).collect();
        let mut rule_columns = Vec::new();
        for (name, line) in rules.map(|r| r.columns()).unwrap_or_default() {
            let folded = detect::fold(name);
            let Some(i) = names.iter().position(|h| detect::fold(h) == folded) else {
                let file = rules.map_or("", |r| r.file.as_str());
                return Err(format!(
                    "{file}, line {line}: the rule's column `{name}` is not in the export's header row"
                ));
            };
            wanted.push(i);
            rule_columns.push(i);
        }
        self.counter = Some(count::Counter::new(layout, self.settings, rule_columns));
        Ok(wanted)
    }

    fn row(&mut self, line: usize, cells: &[Cell]) {
        self.rows += 1;
        if let Some(counter) = &mut self.counter {
            counter.row(line, cells);
        }
    }
}
