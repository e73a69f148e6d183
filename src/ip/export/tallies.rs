//! The counts that one cell of a record gives beyond the core ones: its inventors (each counted
//! once per record, names compared like applicants' without case) and the jurisdictions of its
//! simple family (each counted once per record).

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};

use super::applicants::{self, Separator};

/// Inventors kept in the brief's data (the chart shows the first ten).
const INVENTORS_KEPT: usize = 100;
/// Jurisdictions read from one record's family: more is a hostile cell, not a family.
const JURISDICTIONS_PER_RECORD: usize = 200;

/// Names (inventors, jurisdictions) and their records, the most first.
pub type Ranked = Vec<(String, u64)>;

/// Inventors and family jurisdictions, counted record by record.
#[derive(Debug, Default)]
pub struct Tallies {
    /// Each inventor by key: (the spelling first seen, records, when first seen).
    inventors: HashMap<String, (String, u64, usize)>,
    /// Records per jurisdiction of their simple family.
    jurisdictions: HashMap<String, u64>,
}

impl Tallies {
    /// Counts the inventors named in one record's cell.
    pub fn inventors(&mut self, cell: &str, separator: Separator) {
        let mut keys = BTreeSet::new();
        for name in applicants::split(cell, separator) {
            let spelling = applicants::spelling(&name);
            let key = applicants::key(&spelling);
            if key.is_empty() || !keys.insert(key.clone()) {
                continue;
            }
            let next = self.inventors.len();
            self.inventors.entry(key).or_insert((spelling, 0, next)).1 += 1;
        }
    }

    /// Counts one record's family jurisdictions: from the jurisdictions cell when there is one,
    /// else from the members' numbers (their first two letters), else the record's own office.
    pub fn family(&mut self, jurisdictions: &str, members: &str, own: &str, separator: Separator) {
        let codes = applicants::split(jurisdictions, separator);
        let written = if codes.is_empty() {
            applicants::split(members, separator)
        } else {
            codes
        };
        let mut found: BTreeSet<String> = written
            .iter()
            .filter_map(|v| office(v))
            .take(JURISDICTIONS_PER_RECORD)
            .collect();
        if found.is_empty() {
            found.extend(office(own));
        }
        for office in found {
            *self.jurisdictions.entry(office).or_default() += 1;
        }
    }

    /// The inventors with the most records (ties in the order first seen), and every
    /// jurisdiction, the most first (ties by code).
    pub fn finish(self) -> (Ranked, Ranked) {
        let mut inventors: Vec<(String, u64, usize)> = self.inventors.into_values().collect();
        inventors.sort_by_key(|(_, count, first)| (Reverse(*count), *first));
        inventors.truncate(INVENTORS_KEPT);
        let mut jurisdictions: Ranked = self.jurisdictions.into_iter().collect();
        jurisdictions.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let inventors = inventors.into_iter().map(|(n, c, _)| (n, c)).collect();
        (inventors, jurisdictions)
    }
}

/// The office a jurisdiction code or publication number starts with: two ASCII letters
/// (`CN`, `cn 112…` → `CN`); `None` for anything else.
fn office(value: &str) -> Option<String> {
    let folded = applicants::spelling(value);
    let mut letters = folded.trim().chars();
    let code: String = letters.by_ref().take(2).collect();
    let next = letters.next();
    let ends = next.is_none_or(|c| !c.is_ascii_alphabetic());
    (code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()) && ends)
        .then(|| code.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inventors_count_once_per_record_without_case() {
        let mut t = Tallies::default();
        t.inventors("LIU YANG;;Li Na;;liu yang", Separator::DoubleSemicolon);
        t.inventors("LI NA", Separator::DoubleSemicolon);
        t.inventors("张三；李四", Separator::Any);
        let (inventors, _) = t.finish();
        assert_eq!(
            inventors,
            [
                ("Li Na".to_string(), 2),
                ("LIU YANG".to_string(), 1),
                ("张三".to_string(), 1),
                ("李四".to_string(), 1)
            ]
        );
    }

    #[test]
    fn family_jurisdictions_from_codes_members_or_the_record() {
        let mut t = Tallies::default();
        let lens = Separator::DoubleSemicolon;
        t.family("CN;;US;;CN", "", "CN110000001A", lens);
        t.family(
            "",
            "CN 110000002 A;;EP 3400002 A1;;wo2020123456a1",
            "CN110000002A",
            lens,
        );
        t.family("", "", "US10123456B2", lens);
        t.family("not a code;;12", "", "JP2020123456A", lens);
        let (_, jurisdictions) = t.finish();
        let expected = [("CN", 2), ("US", 2), ("EP", 1), ("JP", 1), ("WO", 1)];
        let expected: Vec<(String, u64)> =
            expected.iter().map(|(c, n)| (c.to_string(), *n)).collect();
        assert_eq!(jurisdictions, expected);
    }
}
