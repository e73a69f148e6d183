//! The technology–effect matrix's rules (a YAML file beside the brief, named by `matrix:`) and
//! their application to each record: a record falls into every branch and every effect whose
//! rule it matches — by keywords in its title or abstract (case-insensitive), by IPC/CPC code
//! prefixes, or by the values of a column the export already has (an incoPat or PatSnap tag
//! column). Records no branch (or no effect) rule matches are counted, not dropped.

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::applicants::{self, Separator};
use crate::base::locate::{Locations, Step};
use crate::ip::brief::{DataError, Matrix};

/// The most branches or effects: a larger matrix is unreadable on a page.
pub const MAX_ROWS: usize = 30;

/// The rule file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    branches: Vec<Written>,
    effects: Vec<Written>,
}

/// One branch's or effect's rule as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Written {
    name: String,
    name_en: Option<String>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    ipc: Vec<String>,
    column: Option<String>,
    #[serde(default)]
    values: Vec<String>,
}

/// One branch or effect: its names and what assigns a record to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Its name (shown in every language without `name_en`).
    pub name: String,
    /// Its English name.
    pub name_en: Option<String>,
    /// Words looked for in the title and abstract, folded (NFKC, lower case).
    pub keywords: Vec<String>,
    /// Code prefixes, without spaces, upper case (`H01M10/6`).
    pub prefixes: Vec<String>,
    /// A column of the export and the values of it (folded) that assign a record.
    pub column: Option<(String, Vec<String>)>,
    /// The rule's line in the file, for messages about the column.
    pub line: usize,
}

/// A brief's rules: branches (the matrix's rows) and effects (its columns).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rules {
    /// The file's name, for messages.
    pub file: String,
    /// Branches, in the file's order.
    pub branches: Vec<Rule>,
    /// Effects, in the file's order.
    pub effects: Vec<Rule>,
}

impl Rules {
    /// Reads the rule file `file` whose text is `text`; every error names its line.
    pub fn parse(file: &str, text: &str) -> Result<Rules, Vec<DataError>> {
        let limits = crate::base::yaml::DATA_FILE;
        let written: File = crate::base::yaml::parse(text, limits).map_err(|e| {
            vec![DataError::new(
                e.line,
                format!("invalid rule file: {}", e.message),
            )]
        })?;
        let at = crate::base::yaml::locate(text, limits);
        let mut errors = Vec::new();
        let branches = rules(&written.branches, "branches", &at, &mut errors);
        let effects = rules(&written.effects, "effects", &at, &mut errors);
        if errors.is_empty() {
            Ok(Rules {
                file: file.to_string(),
                branches,
                effects,
            })
        } else {
            Err(errors)
        }
    }

    /// Whether a rule looks for keywords (the abstract is then read).
    pub fn uses_keywords(&self) -> bool {
        self.all().any(|r| !r.keywords.is_empty())
    }

    /// The columns the rules name, with the line of the first rule naming each.
    pub fn columns(&self) -> Vec<(&str, usize)> {
        let mut columns: Vec<(&str, usize)> = Vec::new();
        for rule in self.all() {
            if let Some((name, _)) = &rule.column
                && !columns.iter().any(|(c, _)| c == name)
            {
                columns.push((name.as_str(), rule.line));
            }
        }
        columns
    }

    fn all(&self) -> impl Iterator<Item = &Rule> {
        self.branches.iter().chain(&self.effects)
    }
}

/// The checked rules of list `list` (`branches` or `effects`).
fn rules(
    written: &[Written],
    list: &str,
    at: &Locations,
    errors: &mut Vec<DataError>,
) -> Vec<Rule> {
    let line = |path: &[Step]| at.nearest(path).map_or(1, |p| p.line);
    if written.is_empty() || written.len() > MAX_ROWS {
        errors.push(DataError::new(
            line(&[Step::Key(list)]),
            format!(
                "`{list}` lists {} rules: expected 1 to {MAX_ROWS}",
                written.len()
            ),
        ));
    }
    let mut rules: Vec<Rule> = Vec::new();
    for (i, w) in written.iter().enumerate() {
        let here = line(&[Step::Key(list), Step::Index(i)]);
        let mut fail = |line: usize, message: String| errors.push(DataError::new(line, message));
        let name = w.name.trim().to_string();
        if name.is_empty() {
            fail(here, format!("a rule in `{list}` has an empty `name`"));
        } else if rules.iter().any(|r| r.name == name) {
            fail(here, format!("`{name}` is listed twice in `{list}`"));
        }
        if w.keywords.is_empty() && w.ipc.is_empty() && w.column.is_none() {
            fail(
                here,
                format!("`{name}` has no rule: give `keywords`, `ipc` or `column`"),
            );
        }
        if !w.values.is_empty() && w.column.is_none() {
            fail(
                here,
                format!("`{name}` has `values` but no `column` to look for them in"),
            );
        }
        let mut prefixes = Vec::new();
        for (j, code) in w.ipc.iter().enumerate() {
            match prefix(code) {
                Some(p) => prefixes.push(p),
                None => fail(
                    line(&[
                        Step::Key(list),
                        Step::Index(i),
                        Step::Key("ipc"),
                        Step::Index(j),
                    ]),
                    format!(
                        "`{code}` in `{name}` is not an IPC or CPC code or the beginning of one: expected e.g. `H01M`, `H01M 10` or `H01M 10/6`"
                    ),
                ),
            }
        }
        let keywords: Vec<String> = w.keywords.iter().map(|k| fold(k)).collect();
        if let Some(j) = keywords.iter().position(String::is_empty) {
            let path = [
                Step::Key(list),
                Step::Index(i),
                Step::Key("keywords"),
                Step::Index(j),
            ];
            fail(line(&path), format!("`{name}` has an empty keyword"));
        }
        let column = w.column.as_ref().map(|c| {
            let values = if w.values.is_empty() {
                vec![fold(&name)]
            } else {
                w.values.iter().map(|v| fold(v)).collect()
            };
            (c.trim().to_string(), values)
        });
        rules.push(Rule {
            name,
            name_en: w.name_en.clone().filter(|n| !n.trim().is_empty()),
            keywords,
            prefixes,
            column,
            line: here,
        });
    }
    rules
}

/// A code prefix as compared: no spaces, upper case; a section letter first, then letters,
/// digits and at most one `/`.
fn prefix(code: &str) -> Option<String> {
    let p: String = applicants::spelling(code)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let ok = p.starts_with(|c: char| matches!(c, 'A'..='H' | 'Y'))
        && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '/')
        && p.matches('/').count() <= 1
        && !p.starts_with("/");
    ok.then_some(p)
}

/// Text as keywords are compared: NFKC (full-width letters folded), lower case.
fn fold(text: &str) -> String {
    text.trim().nfkc().flat_map(char::to_lowercase).collect()
}

/// Whether code `code` (spaces removed, upper case) begins with `prefix`: a prefix that ends
/// inside a main group's number (`H01M1`) does not match another group (`H01M10/…`).
fn code_starts_with(code: &str, prefix: &str) -> bool {
    let Some(rest) = code.strip_prefix(prefix) else {
        return false;
    };
    prefix.len() <= 4 || prefix.contains('/') || !rest.starts_with(|c: char| c.is_ascii_digit())
}

/// What one record offers the rules.
pub struct Record<'a> {
    /// Title and abstract.
    pub text: &'a [&'a str],
    /// Every IPC and CPC cell.
    pub codes: &'a [&'a str],
    /// The cell of each column the rules name, in the order of [`Rules::columns`].
    pub columns: &'a [&'a str],
    /// How the export separates values.
    pub separator: Separator,
}

/// The matrix being counted.
#[derive(Debug)]
pub struct Counting {
    rules: Rules,
    /// `(branches + 1) × (effects + 1)`: the last row and column hold the unassigned.
    cells: Vec<Vec<u64>>,
    records: u64,
}

impl Counting {
    /// An empty count by `rules`.
    pub fn new(rules: Rules) -> Self {
        let cells = vec![vec![0; rules.effects.len() + 1]; rules.branches.len() + 1];
        Counting {
            rules,
            cells,
            records: 0,
        }
    }

    /// Counts one record into every branch and effect it matches.
    pub fn record(&mut self, record: &Record) {
        let text: String = record.text.iter().map(|t| fold(t) + "\n").collect();
        let codes: Vec<String> = record
            .codes
            .iter()
            .flat_map(|c| c.split([';', '；', ',', '，', '|']))
            .map(|c| c.chars().filter(|c| !c.is_whitespace()).collect::<String>())
            .map(|c| c.to_uppercase())
            .filter(|c| !c.is_empty())
            .collect();
        let columns: Vec<Vec<String>> = record
            .columns
            .iter()
            .map(|c| {
                applicants::split(c, record.separator)
                    .iter()
                    .map(|v| fold(v))
                    .collect()
            })
            .collect();
        let names = self.rules.columns();
        let matches = |rule: &Rule| {
            rule.keywords.iter().any(|k| text.contains(k.as_str()))
                || rule
                    .prefixes
                    .iter()
                    .any(|p| codes.iter().any(|c| code_starts_with(c, p)))
                || rule.column.as_ref().is_some_and(|(name, values)| {
                    let i = names.iter().position(|(n, _)| n == name);
                    i.and_then(|i| columns.get(i))
                        .is_some_and(|cell| cell.iter().any(|v| values.contains(v)))
                })
        };
        let branches = hits(&self.rules.branches, matches);
        let effects = hits(&self.rules.effects, matches);
        for b in &branches {
            for e in &effects {
                self.cells[*b][*e] += 1;
            }
        }
        self.records += 1;
    }

    /// The counted matrix.
    pub fn finish(self) -> Matrix {
        let names = |rules: &[Rule]| {
            rules
                .iter()
                .map(|r| (r.name.clone(), r.name_en.clone()))
                .collect()
        };
        Matrix {
            branches: names(&self.rules.branches),
            effects: names(&self.rules.effects),
            cells: self.cells,
            records: self.records,
        }
    }
}

/// The indices of the rules `matches` accepts, or the "unassigned" index after them.
fn hits(rules: &[Rule], matches: impl Fn(&Rule) -> bool) -> Vec<usize> {
    let found: Vec<usize> = (0..rules.len()).filter(|i| matches(&rules[*i])).collect();
    if found.is_empty() {
        vec![rules.len()]
    } else {
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = "branches:\n  - name: 微胶囊\n    name_en: Microcapsules\n    keywords: [微胶囊, microcapsule]\n  - name: 感应加热\n    ipc: [H05B 6]\neffects:\n  - name: 延长寿命\n    column: 技术功效\n  - name: 降低成本\n    keywords: [低成本, Low Cost]\n";

    fn count(rules: &Rules, text: &[&str], codes: &[&str], tag: &str) -> Vec<Vec<u64>> {
        let mut counting = Counting::new(rules.clone());
        let columns = [tag];
        counting.record(&Record {
            text,
            codes,
            columns: &columns,
            separator: Separator::Any,
        });
        counting.finish().cells
    }

    #[test]
    fn a_record_falls_into_every_rule_it_matches() {
        let rules = Rules::parse("matrix.yaml", RULES).unwrap();
        assert_eq!(rules.columns(), [("技术功效", 8)]);
        // Keywords without case, in Chinese and English; a tag column's value is the name.
        let cells = count(
            &rules,
            &["A MICROCAPSULE binder", "低成本"],
            &[],
            "延长寿命；其他",
        );
        assert_eq!(cells, [[1, 1, 0], [0, 0, 0], [0, 0, 0]]);
        // A main-group prefix matches its group only: H05B 6/10 yes, H05B 60/00 no.
        let cells = count(&rules, &["x"], &["H05B 6/10 (2006.01)"], "");
        assert_eq!(cells[1], [0, 0, 1]);
        let cells = count(&rules, &["x"], &["H05B60/00"], "");
        assert_eq!(cells[2], [0, 0, 1], "unassigned in both");
    }

    #[test]
    fn bad_rules_name_their_line() {
        let errors = |text: &str| Rules::parse("m.yaml", text).unwrap_err();
        let e = errors(
            "branches:\n  - name: A\n    ipc: [H01M, 12X]\neffects:\n  - name: B\n    keywords: [b]\n",
        );
        assert_eq!(e[0].line, 3, "{e:?}");
        assert!(e[0].message.contains("`12X`"), "{e:?}");
        let e = errors(
            "branches:\n  - name: A\n    keywords: [a]\n  - name: A\n    keywords: [a]\neffects:\n  - name: B\n",
        );
        assert_eq!((e[0].line, e[1].line), (4, 7), "{e:?}");
        assert!(e[1].message.contains("`B` has no rule"), "{e:?}");
        let e = errors("branches:\n  - name: A\n    keyword: [a]\neffects: []\n");
        assert_eq!(e[0].line, 3, "{e:?}");
        assert!(e[0].message.contains("keyword"), "{e:?}");
    }
}
