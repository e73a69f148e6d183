//! A discipline brief's data file (`data: data.yaml` or `data.csv` beside the brief) → a checked
//! [`BriefData`]: filings by year, top applicants, IPC distribution, legal status, key patents.
//! Every problem names the file and the row it is on.

use std::collections::HashMap;
use std::path::Path;

use serde::de::IntoDeserializer;
use serde::de::value::Error as ValueError;
use serde::{Deserialize, Serialize};

use super::{ipc, patent};

/// What the charts of a brief are drawn from.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BriefData {
    /// Where the numbers come from and how they were counted.
    #[serde(default)]
    pub meta: Meta,
    /// Filings per year, oldest first.
    #[serde(default)]
    pub by_year: Vec<YearRow>,
    /// Top applicants, as listed.
    #[serde(default)]
    pub applicants: Vec<Applicant>,
    /// Counts per IPC code (a family may count under several).
    #[serde(default)]
    pub ipc: Vec<IpcRow>,
    /// Counts per legal status.
    #[serde(default)]
    pub legal_status: Vec<StatusRow>,
    /// Publication numbers worth reading, normalised when loaded.
    #[serde(default)]
    pub key_patents: Vec<String>,
    /// Records whose main IPC code is not an IPC code (counted from an export only).
    #[serde(skip)]
    pub ipc_other: u64,
    /// The top applicants' filings in each recent year (counted from an export only).
    #[serde(skip)]
    pub applicants_by_year: Option<ApplicantsByYear>,
    /// What an export could not give because it lacks the column (counted from an export
    /// only): `legal_status`, `applicants`, `ipc`, `cited_by`, `dates`.
    #[serde(skip)]
    pub lacking: Vec<&'static str>,
    /// What an export tells of each key patent, by its number (counted from an export only).
    #[serde(skip_deserializing)]
    pub key_patent_facts: std::collections::BTreeMap<String, KeyPatent>,
    /// Distinct applicants in each year of `by_year` (counted from an export only).
    #[serde(skip)]
    pub applicants_per_year: Vec<u64>,
    /// Records whose simple family has a member in each jurisdiction, the most first (counted
    /// from an export only).
    #[serde(skip)]
    pub jurisdictions: Vec<(String, u64)>,
    /// Inventors with the most records, ties in the order the export first names them (counted
    /// from an export only).
    #[serde(skip)]
    pub inventors: Vec<(String, u64)>,
    /// The technology–effect matrix, when the brief has rules (counted from an export only).
    #[serde(skip)]
    pub matrix: Option<Matrix>,
}

/// Records per technical branch (rows) and effect (columns), counted by the brief's rules.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matrix {
    /// Each branch's name in Chinese and, when the rules give one, in English.
    pub branches: Vec<(String, Option<String>)>,
    /// Each effect's name, likewise.
    pub effects: Vec<(String, Option<String>)>,
    /// Records in each branch and effect, `cells[branch][effect]`, with one more row and
    /// column after the last: the records no branch (no effect) rule matched.
    pub cells: Vec<Vec<u64>>,
    /// Records counted.
    pub records: u64,
}

/// A key patent as an export describes it; each part only when the export has its column.
#[derive(Debug, Clone, Default, Serialize)]
pub struct KeyPatent {
    /// Its title.
    pub title: Option<String>,
    /// Its first applicant, as written.
    pub applicant: Option<String>,
    /// Its year, by the brief's date basis.
    pub year: Option<i32>,
    /// How many later patents cite it.
    pub cited_by: Option<u64>,
}

/// The top applicants' filings year by year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ApplicantsByYear {
    /// The years, oldest first.
    pub years: Vec<i32>,
    /// Each applicant (with its total) and its count in each of `years`.
    pub rows: Vec<(Applicant, Vec<u64>)>,
}

/// The `meta` map of a data file.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Sample data, to be shown as such.
    #[serde(default)]
    pub illustrative: bool,
    /// The database searched.
    pub source: Option<String>,
    /// When it was searched (`2025-03-31`).
    pub search_date: Option<String>,
    /// What is counted: `families` (default), `applications` or `publications`.
    #[serde(default)]
    pub unit: Unit,
    /// Which date places a filing in a year: `application` (default), `priority` or `publication`.
    #[serde(default)]
    pub date_basis: DateBasis,
    /// The first year whose filings are not all published yet (about 18 months' lag).
    pub incomplete_from: Option<i32>,
    /// Each record counted once, under its first IPC code (how an export is counted); otherwise
    /// a filing may count under several codes. Set by the export count, not by a data file.
    #[serde(skip)]
    pub ipc_first_code: bool,
    /// IPC subclasses the chart shows, the rest as one "Other" bar (12 when not given).
    pub ipc_top: Option<usize>,
}

/// What the counts count.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Patent families.
    #[default]
    Families,
    /// Applications.
    Applications,
    /// Publications.
    Publications,
}

/// The date that places a filing in a year.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// Application (filing) date.
    #[default]
    Application,
    /// Earliest priority date.
    Priority,
    /// Publication date.
    Publication,
}

/// Filings of one year.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct YearRow {
    /// The year.
    pub year: i32,
    /// Filings.
    pub applications: u64,
    /// Of which granted.
    pub grants: Option<u64>,
    /// Invention applications (CN).
    pub invention: Option<u64>,
    /// Utility models (CN).
    pub utility_model: Option<u64>,
}

/// An applicant and its count.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    /// Chinese name.
    pub name_zh: Option<String>,
    /// English name.
    pub name_en: Option<String>,
    /// `university`, `company`, `institute`, `individual`…
    pub kind: Option<String>,
    /// Country code.
    pub country: Option<String>,
    /// Filings.
    pub count: u64,
}

impl Applicant {
    /// The name in `lang`, else the other one.
    pub fn name(&self, lang: &str) -> &str {
        let (first, second) = if lang.starts_with("zh") {
            (&self.name_zh, &self.name_en)
        } else {
            (&self.name_en, &self.name_zh)
        };
        first.as_deref().or(second.as_deref()).unwrap_or("")
    }
}

/// An IPC code and its count.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IpcRow {
    /// As written in the file; normalised (`H01M 10/613`) when loaded.
    pub code: String,
    /// Filings.
    pub count: u64,
}

/// A legal status and its count.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatusRow {
    /// The status.
    pub status: Status,
    /// Filings.
    pub count: u64,
}

/// Legal status of a filing.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In force.
    Active,
    /// Under examination.
    Pending,
    /// Lapsed (fees not paid).
    Lapsed,
    /// Term ended.
    Expired,
    /// Withdrawn.
    Withdrawn,
    /// Refused.
    Rejected,
    /// Invalidated.
    Invalidated,
    /// Words of an export with no mapping, or no status (not accepted in data files).
    #[serde(skip_deserializing)]
    Unknown,
}

/// A problem in a data file of a brief (its data, its matrix rules), with its 1-based line.
#[derive(Debug, Clone, PartialEq)]
pub struct DataError {
    /// Line in the data file.
    pub line: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl DataError {
    pub(crate) fn new(line: usize, message: impl Into<String>) -> Self {
        DataError {
            line,
            message: message.into(),
        }
    }
}

/// The errors of one data file reported in full; the rest are counted in one last line.
pub const MAX_ERRORS: usize = crate::base::diagnostics::MAX_ERRORS_PER_FILE;

/// The errors found in a file: the first [`MAX_ERRORS`] kept, the others only counted, so a file
/// of 200,000 bad rows gives a short report.
#[derive(Debug, Default)]
struct Errors {
    first: Vec<DataError>,
    more: usize,
    first_left_out: usize,
}

impl Errors {
    fn push(&mut self, error: DataError) {
        if self.first.len() < MAX_ERRORS {
            self.first.push(error);
        } else {
            if self.more == 0 {
                self.first_left_out = error.line;
            }
            self.more += 1;
        }
    }

    /// `Ok(value)` when there were no errors; else the errors kept and, when some were not, a
    /// last one ("and 199,980 more errors in this file") on the line of the first left out.
    fn or_ok<T>(mut self, value: T) -> Result<T, Vec<DataError>> {
        if self.first.is_empty() {
            return Ok(value);
        }
        if self.more > 0 {
            let more = crate::base::diagnostics::more_errors(self.more);
            self.first
                .push(DataError::new(self.first_left_out, more.to_string()));
        }
        Err(self.first)
    }
}

/// Reads and checks the data file at `path` (`.yaml`, `.yml` or `.csv`).
pub fn load(path: &Path) -> Result<(BriefData, String), Vec<DataError>> {
    let cannot_read = |e: std::io::Error| {
        vec![DataError::new(
            1,
            format!("cannot read the brief's data file: {e}"),
        )]
    };
    let limit = crate::base::yaml::DATA_FILE.max_bytes;
    if std::fs::metadata(path).map_err(cannot_read)?.len() > limit as u64 {
        return Err(vec![DataError::new(
            1,
            format!(
                "the data file is larger than {} MiB: split it or keep only the rows the charts show",
                limit / (1024 * 1024)
            ),
        )]);
    }
    let text = std::fs::read_to_string(path).map_err(cannot_read)?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let (data, lines) = if is_csv {
        parse_csv(&text)?
    } else {
        let data = crate::base::yaml::parse::<BriefData>(&text, crate::base::yaml::DATA_FILE)
            .map_err(|e| {
                vec![DataError::new(
                    e.line,
                    format!("invalid data file: {}", e.message),
                )]
            })?;
        let lines = RowLines::from_yaml(&text);
        (data, lines)
    };
    let data = check(data, &lines)?;
    Ok((data, text))
}

/// Where each row of each list is, for messages about rows.
#[derive(Debug, Default)]
struct RowLines {
    /// List name → the line of its key, then the line of each row.
    by_list: HashMap<String, Vec<usize>>,
}

impl RowLines {
    /// Block-style YAML lists: the lines of `- ` items under each top-level key.
    fn from_yaml(text: &str) -> Self {
        let mut lines = RowLines::default();
        let mut current = None;
        for (n, line) in text.lines().enumerate() {
            if let Some(key) = line
                .strip_suffix(':')
                .or_else(|| line.split_once(": ").map(|(k, _)| k))
                && !line.starts_with([' ', '-', '#'])
            {
                let key = key.trim().to_string();
                lines
                    .by_list
                    .entry(key.clone())
                    .or_insert_with(|| vec![n + 1]);
                current = Some(key);
            } else if line.trim_start().starts_with("- ")
                && let Some(rows) = current.as_ref().and_then(|k| lines.by_list.get_mut(k))
            {
                rows.push(n + 1);
            }
        }
        lines
    }

    /// Notes that row `line` of the CSV file belongs to `list`.
    fn push_csv_row(&mut self, list: &str, line: usize) {
        match self.by_list.get_mut(list) {
            Some(rows) => rows.push(line),
            None => {
                self.by_list.insert(list.to_string(), vec![line, line]);
            }
        }
    }

    /// The line of row `index` of `list` (the list's own line when rows share it).
    fn line(&self, list: &str, index: usize) -> usize {
        self.by_list
            .get(list)
            .map(|rows| rows.get(index + 1).or(rows.first()).copied().unwrap_or(1))
            .unwrap_or(1)
    }
}

/// Years a filing can have (four digits).
const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// The largest count accepted: far above the number of patent documents ever published, and
/// low enough that the counts of a file add up without overflowing.
pub const MAX_COUNT: u64 = 1_000_000_000_000;

fn check(mut data: BriefData, lines: &RowLines) -> Result<BriefData, Vec<DataError>> {
    let mut errors = Errors::default();
    for (i, row) in data.ipc.iter_mut().enumerate() {
        match ipc::parse(&row.code) {
            Some(code) => row.code = code.display(),
            None => errors.push(DataError::new(
                lines.line("ipc", i),
                format!(
                    "`{}` is not an IPC code: expected e.g. `H01M 10/613`",
                    row.code
                ),
            )),
        }
    }
    for (i, number) in data.key_patents.iter_mut().enumerate() {
        match patent::normalize(number) {
            Some(n) => *number = n,
            None => errors.push(DataError::new(
                lines.line("key_patents", i),
                format!(
                    "`{number}` is not a patent publication number: expected e.g. `CN112345678A`"
                ),
            )),
        }
    }
    for (i, a) in data.applicants.iter().enumerate() {
        if a.name_zh.is_none() && a.name_en.is_none() {
            errors.push(DataError::new(
                lines.line("applicants", i),
                "an applicant needs `name_zh` or `name_en`",
            ));
        }
    }
    check_years(&data, lines, &mut errors);
    check_counts(&data, lines, &mut errors);
    if data.by_year.is_empty()
        && data.applicants.is_empty()
        && data.ipc.is_empty()
        && data.legal_status.is_empty()
    {
        errors.push(DataError::new(
            1,
            "the data file has no `by_year`, `applicants`, `ipc` or `legal_status` rows",
        ));
    }
    errors.or_ok(data)
}

fn check_years(data: &BriefData, lines: &RowLines, errors: &mut Errors) {
    let bad_year =
        |year: i32| format!("year {year} is not a year: expected four digits, e.g. 2024");
    for (i, row) in data.by_year.iter().enumerate() {
        if !YEARS.contains(&row.year) {
            errors.push(DataError::new(lines.line("by_year", i), bad_year(row.year)));
        }
    }
    if let Some(year) = data.meta.incomplete_from.filter(|y| !YEARS.contains(y)) {
        errors.push(DataError::new(lines.line("meta", 0), bad_year(year)));
    }
    for (i, pair) in data.by_year.windows(2).enumerate() {
        if pair[1].year <= pair[0].year {
            errors.push(DataError::new(
                lines.line("by_year", i + 1),
                format!(
                    "year {} comes after {}: list years once each, oldest first",
                    pair[1].year, pair[0].year
                ),
            ));
        }
    }
}

/// Every count at most [`MAX_COUNT`], so the charts' sums and scales stay exact.
fn check_counts(data: &BriefData, lines: &RowLines, errors: &mut Errors) {
    let mut counts: Vec<(&str, usize, u64)> = Vec::new();
    for (i, r) in data.by_year.iter().enumerate() {
        let optional = [r.grants, r.invention, r.utility_model];
        let all = std::iter::once(r.applications).chain(optional.into_iter().flatten());
        counts.extend(all.map(|c| ("by_year", i, c)));
    }
    counts.extend(
        data.applicants
            .iter()
            .enumerate()
            .map(|(i, a)| ("applicants", i, a.count)),
    );
    counts.extend(
        data.ipc
            .iter()
            .enumerate()
            .map(|(i, r)| ("ipc", i, r.count)),
    );
    counts.extend(
        data.legal_status
            .iter()
            .enumerate()
            .map(|(i, r)| ("legal_status", i, r.count)),
    );
    for (list, i, count) in counts.into_iter().filter(|(_, _, c)| *c > MAX_COUNT) {
        errors.push(DataError::new(
            lines.line(list, i),
            format!(
                "count {count} is not a plausible number of filings: expected at most {}",
                super::chart::number(MAX_COUNT, ",")
            ),
        ));
    }
}

/// CSV: one row per value, `table,key,count,grants,name_en` (see ARCHITECTURE.md, "Briefs straight from a database export").
fn parse_csv(text: &str) -> Result<(BriefData, RowLines), Vec<DataError>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut data = BriefData::default();
    let mut lines = RowLines::default();
    let mut errors = Errors::default();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                errors.push(DataError::new(line, format!("invalid CSV: {e}")));
                continue;
            }
        };
        let line = record.position().map_or(1, |p| p.line() as usize);
        let field = |i: usize| record.get(i).unwrap_or("").to_string();
        let table = field(0);
        lines.push_csv_row(&table, line);
        if let Err(message) = csv_row(
            &mut data,
            &table,
            &field(1),
            &field(2),
            &field(3),
            &field(4),
        ) {
            errors.push(DataError::new(line, message));
        }
    }
    errors.or_ok((data, lines))
}

fn csv_row(
    data: &mut BriefData,
    table: &str,
    key: &str,
    count: &str,
    grants: &str,
    name_en: &str,
) -> Result<(), String> {
    let number = |text: &str, what: &str| {
        text.replace([',', ' '], "")
            .parse::<u64>()
            .map_err(|_| format!("{what} `{text}` is not a whole number"))
    };
    let optional = |text: &str| {
        (!text.is_empty())
            .then(|| number(text, "grants"))
            .transpose()
    };
    match table {
        "meta" => csv_meta(&mut data.meta, key, count)?,
        "by_year" => data.by_year.push(YearRow {
            year: key.parse().map_err(|_| format!("year `{key}` is not a year"))?,
            applications: number(count, "count")?,
            grants: optional(grants)?,
            invention: None,
            utility_model: None,
        }),
        "applicants" => data.applicants.push(Applicant {
            name_zh: Some(key.to_string()).filter(|k| !k.is_empty()),
            name_en: Some(name_en.to_string()).filter(|n| !n.is_empty()),
            kind: None,
            country: None,
            count: number(count, "count")?,
        }),
        "ipc" => data.ipc.push(IpcRow {
            code: key.to_string(),
            count: number(count, "count")?,
        }),
        "legal_status" => data.legal_status.push(StatusRow {
            status: Status::deserialize(key.into_deserializer()).map_err(|_: ValueError| {
                format!("unknown legal status `{key}`: expected active, pending, lapsed, expired, withdrawn, rejected or invalidated")
            })?,
            count: number(count, "count")?,
        }),
        "key_patents" => data.key_patents.push(key.to_string()),
        other => {
            return Err(format!(
                "unknown table `{other}` in the first column: expected meta, by_year, applicants, ipc, legal_status or key_patents"
            ));
        }
    }
    Ok(())
}

fn csv_meta(meta: &mut Meta, key: &str, value: &str) -> Result<(), String> {
    let choice = |what: &str| format!("unknown {key} `{value}`: expected {what}");
    match key {
        "illustrative" => meta.illustrative = value == "true",
        "source" => meta.source = Some(value.to_string()),
        "search_date" => meta.search_date = Some(value.to_string()),
        "unit" => {
            meta.unit = Unit::deserialize(value.into_deserializer())
                .map_err(|_: ValueError| choice("families, applications or publications"))?
        }
        "date_basis" => {
            meta.date_basis = DateBasis::deserialize(value.into_deserializer())
                .map_err(|_: ValueError| choice("application, priority or publication"))?
        }
        "incomplete_from" => {
            let year = value.parse().ok().filter(|y| YEARS.contains(y));
            meta.incomplete_from = Some(year.ok_or_else(|| {
                format!("incomplete_from `{value}` is not a year: expected four digits, e.g. 2024")
            })?)
        }
        other => return Err(format!("unknown meta field `{other}`")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Result<BriefData, Vec<DataError>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.yaml");
        std::fs::write(&path, text).unwrap();
        load(&path).map(|(d, _)| d)
    }

    #[test]
    fn yaml_data_is_read_and_normalised() {
        let data = yaml(
            "meta: {illustrative: true, incomplete_from: 2023}\nby_year:\n  - {year: 2022, applications: 12}\n  - {year: 2023, applications: 7, grants: 1}\nipc:\n  - {code: H01M10/613, count: 3}\nkey_patents: [CN 112345678 A]\n",
        )
        .unwrap();
        assert_eq!(data.ipc[0].code, "H01M 10/613");
        assert_eq!(data.key_patents, ["CN112345678A"]);
        assert_eq!(data.meta.incomplete_from, Some(2023));
    }

    #[test]
    fn errors_name_the_row() {
        let errors = yaml("by_year:\n  - {year: 2022, applications: 12}\n  - {year: 2021, applications: 7}\nipc:\n  - {code: H01M 10/613, count: 3}\n  - {code: Y02E 10/50, count: 3}\n").unwrap_err();
        assert_eq!(errors[0].line, 6, "{errors:?}");
        assert!(errors[0].message.contains("Y02E 10/50"));
        assert_eq!(errors[1].line, 3);
        let errors = yaml("by_year:\n  - {year: 2022, applications: many}\n").unwrap_err();
        assert_eq!(errors[0].line, 2, "{errors:?}");
        let errors = yaml("by_year:\n  - {year: 2022, aplications: 3}\n").unwrap_err();
        assert!(errors[0].message.contains("aplications"), "{errors:?}");
    }

    #[test]
    fn csv_data_is_read_with_row_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.csv");
        std::fs::write(&path, "table,key,count,grants,name_en\nmeta,illustrative,true\nby_year,2021,\"1,412\",160\napplicants,示例大学,57,,Example University\nlegal_status,active,310\n").unwrap();
        let (data, _) = load(&path).unwrap();
        assert_eq!(data.by_year[0].applications, 1412);
        assert_eq!(data.applicants[0].name("en"), "Example University");
        assert!(data.meta.illustrative);
        std::fs::write(
            &path,
            "table,key,count\nby_year,2021,10\nby_year,2022,ten\n",
        )
        .unwrap();
        let errors = load(&path).unwrap_err();
        assert_eq!(errors[0].line, 3, "{errors:?}");
    }
}
