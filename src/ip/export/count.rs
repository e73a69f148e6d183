//! The counting rules, applied one row at a time: rows deduplicated by normalised publication
//! number, dated by the brief's date basis (falling back to the next date), applicants folded
//! and counted once per record, the main IPC code per record, legal status mapped, the most
//! cited records kept. Memory grows with the distinct numbers, applicants and codes, not with
//! the rows.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use super::applicants;
use super::dates;
use super::detect::{Layout, Role};
use super::legal::{self, Reading};
use super::matrix;
use super::source::{Cell, text};
use super::tallies::Tallies;
use super::{Problem, Settings};
use crate::ip::brief::{
    Applicant, ApplicantsByYear, BriefData, DateBasis, IpcRow, KeyPatent, Meta, Status, StatusRow,
    Unit, YearRow,
};
use crate::ip::{ipc, patent};

/// Applicants kept in the brief's data (the chart shows the first ten).
const APPLICANTS_KEPT: usize = 100;
/// Applicants and years in the applicants-by-year table.
const BY_YEAR_APPLICANTS: usize = 10;
const BY_YEAR_YEARS: usize = 10;
/// Most-cited records listed as key patents.
const MOST_CITED: usize = 10;
/// Distinct texts whose reading is remembered, per kind (names, codes, statuses, dates).
const MEMO_KEPT: usize = 200_000;
/// Spellings remembered per applicant.
const SPELLINGS_KEPT: usize = 16;
/// Distinct unknown legal-status words remembered for the warning.
const UNKNOWN_WORDS_KEPT: usize = 1000;

/// The order legal statuses are listed in.
const STATUSES: [Status; 8] = [
    Status::Active,
    Status::Pending,
    Status::Lapsed,
    Status::Expired,
    Status::Withdrawn,
    Status::Rejected,
    Status::Invalidated,
    Status::Unknown,
];

/// One applicant's tally.
#[derive(Debug, Default)]
struct Tally {
    /// Records naming it.
    count: u64,
    /// Each spelling and how many records wrote it so, in the order first seen (the most
    /// frequent is shown; ties go to the first seen).
    spellings: Vec<(String, u64)>,
    /// When it was first seen, to order ties the way the export does.
    first: usize,
    /// Records per year.
    years: HashMap<i32, u64>,
    /// From the alias file: its Chinese and English names.
    alias: Option<(Option<String>, Option<String>)>,
}

/// The state of one export's count.
pub struct Counter<'a> {
    settings: &'a Settings,
    layout: Layout,
    seen: HashSet<String>,
    records: u64,
    by_year: BTreeMap<i32, u64>,
    /// Each applicant's tally; `applicant_slots` finds it by key, `names` by the name as
    /// written (with the index of that spelling in the tally), so a name seen before costs one
    /// lookup.
    applicants: Vec<Tally>,
    applicant_slots: HashMap<String, usize>,
    names: HashMap<String, Option<(usize, Option<usize>)>>,
    /// Counts per main group; `ipc_texts` remembers what each code as written became.
    ipc: HashMap<ipc::IpcCode, u64>,
    ipc_texts: HashMap<String, Option<ipc::IpcCode>>,
    ipc_other: u64,
    legal_texts: HashMap<String, Reading>,
    date_texts: HashMap<String, Result<Option<NaiveDate>, dates::NotADate>>,
    legal: [u64; STATUSES.len()],
    unknown_words: BTreeMap<String, u64>,
    cited: BinaryHeap<Reverse<(u64, Reverse<String>)>>,
    /// What the key patents list shows of the most cited and the hand-picked records.
    facts: HashMap<String, KeyPatent>,
    /// Summary counts: (what, how many records).
    summary: BTreeMap<&'static str, u64>,
    problems: Vec<Problem>,
    problems_left_out: usize,
    tallies: Tallies,
    /// The matrix by the brief's rules, and the columns its rules read.
    matrix: Option<(matrix::Counting, Vec<usize>)>,
}

impl<'a> Counter<'a> {
    /// A count of an export with the columns of `layout`.
    pub fn new(layout: Layout, settings: &'a Settings, rule_columns: Vec<usize>) -> Self {
        let matrix = settings.matrix.clone();
        Counter {
            settings,
            layout,
            seen: HashSet::new(),
            records: 0,
            by_year: BTreeMap::new(),
            applicants: Vec::new(),
            applicant_slots: HashMap::new(),
            names: HashMap::new(),
            ipc: HashMap::new(),
            ipc_texts: HashMap::new(),
            ipc_other: 0,
            legal_texts: HashMap::new(),
            date_texts: HashMap::new(),
            legal: [0; STATUSES.len()],
            unknown_words: BTreeMap::new(),
            cited: BinaryHeap::new(),
            facts: HashMap::new(),
            summary: BTreeMap::new(),
            problems: Vec::new(),
            problems_left_out: 0,
            tallies: Tallies::default(),
            matrix: matrix.map(|rules| (matrix::Counting::new(rules), rule_columns)),
        }
    }

    fn cell<'c>(&self, cells: &'c [Cell], role: Role) -> Option<&'c Cell> {
        self.layout
            .column(role)
            .and_then(|c| cells.get(c))
            .filter(|c| **c != Cell::Empty)
    }

    fn header(&self, role: Role) -> &str {
        self.layout
            .column(role)
            .map_or("", |c| self.layout.headers[c].as_str())
    }

    /// A problem with one row, reported up to the per-file cap.
    fn problem(&mut self, line: usize, role: Role, message: String) {
        if self.problems.len() < crate::base::diagnostics::MAX_ERRORS_PER_FILE {
            let header = self.header(role).to_string();
            self.problems.push(Problem {
                line: Some(line),
                message: format!("row {line}, column `{header}`: {message}"),
            });
        } else {
            self.problems_left_out += 1;
        }
    }

    fn note(&mut self, what: &'static str) {
        *self.summary.entry(what).or_default() += 1;
    }

    /// Distinct records counted so far.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Counts one row.
    pub fn row(&mut self, line: usize, cells: &[Cell]) {
        let Some(number) = self.record_number(line, cells) else {
            return;
        };
        // Exports of two searches merged repeat records: each number counts once.
        if !self.seen.insert(number.clone()) {
            return;
        }
        self.records += 1;
        let year = self.year(line, cells);
        if let Some(year) = year {
            *self.by_year.entry(year).or_default() += 1;
        }
        self.count_applicants(cells, year);
        self.count_ipc(line, cells);
        self.count_legal(cells);
        self.count_more(cells, &number);
        let cited = self.count_citations(line, cells, number.clone());
        if cited.is_some() || self.settings.key_patents.contains(&number) {
            let facts = self.facts(cells, year, cited.flatten());
            self.facts.insert(number, facts);
        }
    }

    /// The record's normalised publication number; `None` (reported) when it has none.
    fn record_number(&mut self, line: usize, cells: &[Cell]) -> Option<String> {
        let written = text(self.cell(cells, Role::Number));
        if written.is_empty() {
            self.problem(
                line,
                Role::Number,
                "no publication number: the row is not counted".into(),
            );
            self.note("rows without a publication number, not counted");
            return None;
        }
        match normalize_number(&written) {
            Some(number) => Some(number),
            None => {
                let shown: String = written.chars().take(40).collect();
                self.problem(
                    line,
                    Role::Number,
                    format!("`{shown}` is not a publication number (expected e.g. `CN 112345678 A`): the row is not counted"),
                );
                self.note("rows with a malformed publication number, not counted");
                None
            }
        }
    }

    /// The year of the record: the date basis's date, else the next date in the fallback order.
    fn year(&mut self, line: usize, cells: &[Cell]) -> Option<i32> {
        let order: [Role; 3] = match self.settings.date_basis {
            DateBasis::Priority => [
                Role::PriorityDate,
                Role::ApplicationDate,
                Role::PublicationDate,
            ],
            DateBasis::Application => [
                Role::ApplicationDate,
                Role::PriorityDate,
                Role::PublicationDate,
            ],
            DateBasis::Publication => [
                Role::PublicationDate,
                Role::ApplicationDate,
                Role::PriorityDate,
            ],
        };
        for (i, role) in order.into_iter().enumerate() {
            if let Some(date) = self.date(line, cells, role) {
                if i > 0 {
                    self.note(fallback_note(order[0], role));
                }
                return Some(date.year());
            }
        }
        self.note(fallback_note(order[0], order[0]));
        None
    }

    fn date(&mut self, line: usize, cells: &[Cell], role: Role) -> Option<NaiveDate> {
        let parsed = match self.cell(cells, role)? {
            Cell::Date(d) => dates::checked(*d),
            Cell::Number(n) => dates::excel_number(*n),
            Cell::Text(t) => memo(&mut self.date_texts, t, dates::parse),
            Cell::Empty => Ok(None),
        };
        parsed.unwrap_or_else(|dates::NotADate| {
            let shown: String = text(self.cell(cells, role)).chars().take(40).collect();
            self.problem(
                line,
                role,
                format!("`{shown}` is not a date (expected 2019-03-05, 2019.03.05, 2019/3/5 or 20190305, between 1901 and 2100)"),
            );
            self.note("malformed dates, read as missing");
            None
        })
    }

    fn count_applicants(&mut self, cells: &[Cell], year: Option<i32>) {
        let cell = text(self.cell(cells, Role::Applicants));
        let mut slots: Vec<usize> = Vec::new();
        for name in applicants::split(&cell, self.layout.separator()) {
            let found = match self.names.get(&name) {
                Some(found) => *found,
                None => {
                    let found = self.place_name(&name);
                    if self.names.len() < MEMO_KEPT {
                        self.names.insert(name, found);
                    }
                    found
                }
            };
            let Some((slot, spelling)) = found.filter(|(slot, _)| !slots.contains(slot)) else {
                continue;
            };
            slots.push(slot);
            let tally = &mut self.applicants[slot];
            tally.count += 1;
            if let Some(i) = spelling {
                tally.spellings[i].1 += 1;
            }
            if let Some(year) = year {
                *tally.years.entry(year).or_default() += 1;
            }
        }
        if slots.is_empty() && self.layout.column(Role::Applicants).is_some() {
            self.note("rows without an applicant");
        }
    }

    /// The tally a name as written belongs to (its key's, or its alias's), and the index of its
    /// spelling there; `None` for a name of punctuation only.
    fn place_name(&mut self, name: &str) -> Option<(usize, Option<usize>)> {
        let spelling = applicants::spelling(name);
        let key = applicants::key(&spelling);
        if key.is_empty() {
            return None;
        }
        let (key, alias) = match self.settings.aliases.find(&key) {
            Some((index, names)) => (format!("\u{0}alias{index}"), Some(names.clone())),
            None => (key, None),
        };
        let next = self.applicants.len();
        let slot = *self.applicant_slots.entry(key).or_insert(next);
        if slot == next {
            self.applicants.push(Tally {
                first: next,
                alias,
                ..Tally::default()
            });
        }
        let tally = &mut self.applicants[slot];
        // Spellings that differ only in case and punctuation are few; a hostile export could
        // make thousands: the first ones are kept.
        let index = match tally.spellings.iter().position(|(s, _)| *s == spelling) {
            Some(i) => Some(i),
            None if tally.spellings.len() < SPELLINGS_KEPT => {
                tally.spellings.push((spelling, 0));
                Some(tally.spellings.len() - 1)
            }
            None => None,
        };
        Some((slot, index))
    }

    /// The record's main IPC code (`ipc_main`, else the first of `ipc`), by main group; codes
    /// that are not IPC codes are counted under "other".
    fn count_ipc(&mut self, line: usize, cells: &[Cell]) {
        let main = text(self.cell(cells, Role::IpcMain));
        let main = if main.is_empty() {
            let all = text(self.cell(cells, Role::Ipc));
            let first = all
                .split([';', '；', ',', '，', '|'])
                .map(str::trim)
                .find(|c| !c.is_empty());
            first.unwrap_or("").to_string()
        } else {
            main.split([';', '；', ',', '，', '|'])
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        };
        if main.is_empty() {
            if self.layout.column(Role::IpcMain).is_some()
                || self.layout.column(Role::Ipc).is_some()
            {
                self.note("rows without an IPC code");
            }
            return;
        }
        let group = memo(&mut self.ipc_texts, &main, |m| {
            ipc::parse(m).map(|code| code.main_group().unwrap_or(code))
        });
        match group {
            Some(group) => *self.ipc.entry(group).or_default() += 1,
            None => {
                self.ipc_other += 1;
                let role = if self.layout.column(Role::IpcMain).is_some() {
                    Role::IpcMain
                } else {
                    Role::Ipc
                };
                let shown: String = main.chars().take(40).collect();
                self.problem(
                    line,
                    role,
                    format!("`{shown}` is not an IPC code: counted under “other”"),
                );
            }
        }
    }

    fn count_legal(&mut self, cells: &[Cell]) {
        if self.layout.column(Role::LegalStatus).is_none() {
            return;
        }
        let cell = text(self.cell(cells, Role::LegalStatus));
        let status = match memo(&mut self.legal_texts, &cell, legal::read) {
            Reading::Known(status) => status,
            Reading::Empty => {
                self.note("rows without a legal status, counted as unknown");
                Status::Unknown
            }
            Reading::Unmapped(words) => {
                let kept = self.unknown_words.len() < UNKNOWN_WORDS_KEPT;
                if let Some(n) = self.unknown_words.get_mut(&words) {
                    *n += 1;
                } else if kept {
                    self.unknown_words
                        .insert(words.chars().take(40).collect(), 1);
                }
                Status::Unknown
            }
        };
        let i = STATUSES
            .iter()
            .position(|s| *s == status)
            .unwrap_or(STATUSES.len() - 1);
        self.legal[i] += 1;
    }

    /// Inventors, family jurisdictions and the matrix, for the exports that give them.
    fn count_more(&mut self, cells: &[Cell], number: &str) {
        let separator = self.layout.separator();
        let layout = &self.layout;
        let cell = |role| text(layout.column(role).and_then(|c| cells.get(c)));
        if layout.column(Role::Inventors).is_some() {
            self.tallies.inventors(&cell(Role::Inventors), separator);
        }
        let family = [Role::FamilyJurisdictions, Role::FamilyMembers];
        if family.iter().any(|r| layout.column(*r).is_some()) {
            let (codes, members) = (cell(family[0]), cell(family[1]));
            self.tallies.family(&codes, &members, number, separator);
        }
        if let Some((counting, columns)) = &mut self.matrix {
            let (title, abstract_) = (cell(Role::Title), cell(Role::Abstract));
            let codes = [cell(Role::IpcMain), cell(Role::Ipc), cell(Role::Cpc)];
            let tags: Vec<_> = columns.iter().map(|c| text(cells.get(*c))).collect();
            counting.record(&matrix::Record {
                text: &[&title, &abstract_],
                codes: &codes.iter().map(|c| c.as_ref()).collect::<Vec<_>>(),
                columns: &tags.iter().map(|c| c.as_ref()).collect::<Vec<_>>(),
                separator,
            });
        }
    }

    /// Keeps the [`MOST_CITED`] records with the most citations (ties: the smaller number).
    /// Returns, when the record is among them, its citations (`Some(Some(n))`).
    fn count_citations(
        &mut self,
        line: usize,
        cells: &[Cell],
        number: String,
    ) -> Option<Option<u64>> {
        let cell = self.cell(cells, Role::CitedBy)?;
        let count = match cell {
            Cell::Number(n) if *n >= 0.0 && n.fract() == 0.0 => Some(*n as u64),
            Cell::Text(t) => t.trim().replace(',', "").parse::<u64>().ok(),
            _ => None,
        };
        let Some(count) = count else {
            let shown: String = text(Some(cell)).chars().take(40).collect();
            self.problem(
                line,
                Role::CitedBy,
                format!("`{shown}` is not a whole number of citations: read as 0"),
            );
            return None;
        };
        let entry = Reverse((count, Reverse(number)));
        // The heap keeps the most cited; its top is the least of them.
        let enters =
            self.cited.len() < MOST_CITED || self.cited.peek().is_some_and(|least| entry < *least);
        if count == 0 || !enters || patent::normalize(&entry.0.1.0).is_none() {
            return None;
        }
        self.cited.push(entry);
        if self.cited.len() > MOST_CITED
            && let Some(Reverse((_, Reverse(out)))) = self.cited.pop()
            && !self.settings.key_patents.contains(&out)
        {
            self.facts.remove(&out);
        }
        Some(Some(count))
    }

    /// What the key patents list shows of a record: title, first applicant, year, citations.
    fn facts(&self, cells: &[Cell], year: Option<i32>, cited_by: Option<u64>) -> KeyPatent {
        let some = |s: String| Some(s).filter(|s| !s.is_empty());
        let applicants = text(self.cell(cells, Role::Applicants));
        let first = applicants::split(&applicants, self.layout.separator());
        KeyPatent {
            title: some(text(self.cell(cells, Role::Title)).trim().to_string()),
            applicant: first.into_iter().next().and_then(some),
            year,
            cited_by,
        }
    }

    /// The brief's data, and the warnings about the export.
    pub fn finish(self, path_problems: &mut Vec<Problem>) -> Option<BriefData> {
        let settings = self.settings;
        let mut problems = self.problems;
        if self.problems_left_out > 0 {
            problems.push(Problem {
                line: None,
                message: format!(
                    "and {} more rows with problems in this export",
                    self.problems_left_out
                ),
            });
        }
        for (what, n) in &self.summary {
            problems.push(Problem {
                line: None,
                message: format!("{what}: {n}"),
            });
        }
        if !self.unknown_words.is_empty() {
            let words: Vec<String> = self
                .unknown_words
                .iter()
                .take(20)
                .map(|(w, n)| format!("`{w}` ({n})"))
                .collect();
            problems.push(Problem {
                line: None,
                message: format!(
                    "legal-status words with no mapping, counted as unknown: {}",
                    words.join(", ")
                ),
            });
        }
        path_problems.append(&mut problems);
        if self.records == 0 {
            return None;
        }
        let lacking = lacking(&self.layout);
        let applicants = top_applicants(&self.applicants);
        let by_year = years(&self.by_year);
        let applicants_by_year = applicants_by_year(&self.applicants, &applicants, &by_year);
        let applicants_per_year = match self.layout.column(Role::Applicants) {
            Some(_) => distinct_per_year(&self.applicants, &by_year),
            None => Vec::new(),
        };
        let (inventors, jurisdictions) = self.tallies.finish();
        let mut ipc: Vec<(ipc::IpcCode, u64)> = self.ipc.into_iter().collect();
        ipc.sort();
        let mut key_patents = settings.key_patents.clone();
        for Reverse((_, Reverse(number))) in self.cited.into_sorted_vec() {
            if !key_patents.contains(&number) {
                key_patents.push(number);
            }
        }
        Some(BriefData {
            meta: Meta {
                unit: Unit::Publications,
                date_basis: settings.date_basis,
                ipc_first_code: true,
                ..settings.meta.clone()
            },
            by_year,
            applicants: applicants.into_iter().map(|(_, a)| a).collect(),
            ipc: ipc
                .into_iter()
                .map(|(code, count)| IpcRow {
                    code: code.display(),
                    count,
                })
                .collect(),
            ipc_other: self.ipc_other,
            legal_status: STATUSES
                .iter()
                .zip(self.legal)
                .filter(|(_, n)| *n > 0)
                .map(|(status, count)| StatusRow {
                    status: *status,
                    count,
                })
                .collect(),
            key_patents,
            applicants_by_year,
            lacking,
            key_patent_facts: self.facts.into_iter().collect(),
            applicants_per_year,
            jurisdictions,
            inventors,
            matrix: self.matrix.map(|(counting, _)| counting.finish()),
        })
    }
}

/// What the export cannot give, for the method note: each with the roles any of which gives it.
fn lacking(layout: &Layout) -> Vec<&'static str> {
    let needs: [(&str, &[Role]); 7] = [
        (
            "dates",
            &[
                Role::PriorityDate,
                Role::ApplicationDate,
                Role::PublicationDate,
            ],
        ),
        ("applicants", &[Role::Applicants]),
        ("ipc", &[Role::IpcMain, Role::Ipc]),
        ("legal_status", &[Role::LegalStatus]),
        ("cited_by", &[Role::CitedBy]),
        ("inventors", &[Role::Inventors]),
        (
            "jurisdictions",
            &[Role::FamilyJurisdictions, Role::FamilyMembers],
        ),
    ];
    needs
        .into_iter()
        .filter(|(_, roles)| roles.iter().all(|r| layout.column(*r).is_none()))
        .map(|(what, _)| what)
        .collect()
}

/// What `read` makes of `text`, remembered: an export repeats its applicants, codes, statuses
/// and dates thousands of times. At most [`MEMO_KEPT`] texts are kept.
fn memo<V: Clone>(seen: &mut HashMap<String, V>, text: &str, read: impl FnOnce(&str) -> V) -> V {
    if let Some(value) = seen.get(text) {
        return value.clone();
    }
    let value = read(text);
    if seen.len() < MEMO_KEPT {
        seen.insert(text.to_string(), value.clone());
    }
    value
}

/// The summary line for records dated by `used` instead of `basis` (`used == basis`: undated).
fn fallback_note(basis: Role, used: Role) -> &'static str {
    let name = |r: Role| match r {
        Role::PriorityDate => "priority",
        Role::ApplicationDate => "application",
        _ => "publication",
    };
    match (name(basis), name(used)) {
        ("priority", "priority") => "rows without any date, left out of the years",
        ("priority", "application") => {
            "rows without a priority date, dated by their application date"
        }
        ("priority", _) => {
            "rows without a priority or application date, dated by their publication date"
        }
        ("application", "application") => "rows without any date, left out of the years",
        ("application", "priority") => {
            "rows without an application date, dated by their priority date"
        }
        ("application", _) => {
            "rows without an application or priority date, dated by their publication date"
        }
        (_, "publication") => "rows without any date, left out of the years",
        (_, "application") => "rows without a publication date, dated by their application date",
        _ => "rows without a publication or application date, dated by their priority date",
    }
}

/// A publication number: the patent-number rules for the offices they know, else (other
/// offices in a Lens export: DE, GB, AU…) two letters and digits, spaces and punctuation removed.
pub fn normalize_number(written: &str) -> Option<String> {
    if let Some(number) = patent::normalize(written) {
        return Some(number);
    }
    let folded: String = applicants::spelling(written)
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | ',' | '/' | '.' | '_'))
        .flat_map(char::to_uppercase)
        .collect();
    let mut chars = folded.chars();
    let office = chars.by_ref().take(2).all(|c| c.is_ascii_uppercase());
    let rest: String = chars.collect();
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    let plausible = office
        && digits >= 4
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && rest.chars().all(|c| c.is_ascii_alphanumeric())
        && folded.len() <= 24;
    plausible.then_some(folded)
}

/// Every year from the first to the last (years with no record count 0).
fn years(by_year: &BTreeMap<i32, u64>) -> Vec<YearRow> {
    let (Some(first), Some(last)) = (by_year.keys().next(), by_year.keys().next_back()) else {
        return Vec::new();
    };
    (*first..=*last)
        .map(|year| YearRow {
            year,
            applications: by_year.get(&year).copied().unwrap_or(0),
            grants: None,
            invention: None,
            utility_model: None,
        })
        .collect()
}

/// The applicants with the most records (ties in the order the export first names them), each
/// under its alias's names or its most frequent spelling; with its index.
fn top_applicants(tallies: &[Tally]) -> Vec<(usize, Applicant)> {
    let mut ranked: Vec<(usize, &Tally)> = tallies.iter().enumerate().collect();
    ranked.sort_by_key(|(_, t)| (Reverse(t.count), t.first));
    ranked.truncate(APPLICANTS_KEPT);
    ranked
        .into_iter()
        .map(|(key, tally)| {
            let (name_zh, name_en) = tally.alias.clone().unwrap_or_else(|| {
                let shown = most_frequent(&tally.spellings);
                if shown.chars().any(crate::base::text::is_cjk) {
                    (Some(shown), None)
                } else {
                    (None, Some(shown))
                }
            });
            let applicant = Applicant {
                name_zh,
                name_en,
                kind: None,
                country: None,
                count: tally.count,
            };
            (key, applicant)
        })
        .collect()
}

/// The distinct applicants of each year of `by_year`.
fn distinct_per_year(tallies: &[Tally], by_year: &[YearRow]) -> Vec<u64> {
    by_year
        .iter()
        .map(|row| {
            tallies
                .iter()
                .filter(|t| t.years.contains_key(&row.year))
                .count() as u64
        })
        .collect()
}

/// The spelling written most often (ties: the first seen).
fn most_frequent(spellings: &[(String, u64)]) -> String {
    let mut best: Option<&(String, u64)> = None;
    for spelling in spellings {
        if best.is_none_or(|b| spelling.1 > b.1) {
            best = Some(spelling);
        }
    }
    best.map(|(s, _)| s.clone()).unwrap_or_default()
}

/// The top applicants' records in each of the last years.
fn applicants_by_year(
    tallies: &[Tally],
    top: &[(usize, Applicant)],
    by_year: &[YearRow],
) -> Option<ApplicantsByYear> {
    let years: Vec<i32> = by_year
        .iter()
        .rev()
        .take(BY_YEAR_YEARS)
        .rev()
        .map(|r| r.year)
        .collect();
    if years.is_empty() || top.is_empty() {
        return None;
    }
    let rows = top
        .iter()
        .take(BY_YEAR_APPLICANTS)
        .map(|(key, applicant)| {
            let tally = &tallies[*key];
            let counts = years
                .iter()
                .map(|y| tally.years.get(y).copied().unwrap_or(0))
                .collect();
            (applicant.clone(), counts)
        })
        .collect();
    Some(ApplicantsByYear { years, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_of_known_and_other_offices() {
        assert_eq!(
            normalize_number("CN 110000000 A").as_deref(),
            Some("CN110000000A")
        );
        assert_eq!(
            normalize_number("US 2020/0123456 A1").as_deref(),
            Some("US20200123456A1")
        );
        assert_eq!(
            normalize_number("DE 102019123456 A1").as_deref(),
            Some("DE102019123456A1")
        );
        assert_eq!(
            normalize_number("ＧＢ 2571234 A").as_deref(),
            Some("GB2571234A")
        );
        for bad in ["12345", "CN", "n/a", "CNABC", "CN 12 A"] {
            assert_eq!(normalize_number(bad), None, "{bad}");
        }
    }
}
