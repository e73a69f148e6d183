//! Applicant names as exports write them → one name per applicant: cells split on the export's
//! separator, each name trimmed and full-width folded, Latin names compared without case and
//! with legal-form variants unified (`Co., Ltd.` = `Co Ltd` = `Company Limited`, `Corp.` =
//! `Corporation`), then merged by the centre's alias file (`data/applicants.yaml`).

use std::collections::HashMap;

use serde::Deserialize;

use crate::base::locate::Step;
use unicode_normalization::UnicodeNormalization;

/// The most names read from one cell: a cell of thousands is hostile, not an applicant list.
pub const MAX_NAMES_PER_CELL: usize = 100;

/// How an export separates the values of one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    /// Lens: `;;` only (names may hold commas and semicolons).
    DoubleSemicolon,
    /// Chinese databases and other exports: `;`, `；`, `,` or `，` (a comma before a legal form,
    /// `Example Co., Ltd.`, does not split).
    Any,
}

/// The values of one cell, trimmed, empty ones dropped, at most [`MAX_NAMES_PER_CELL`].
pub fn split(cell: &str, separator: Separator) -> Vec<String> {
    let pieces: Vec<&str> = match separator {
        Separator::DoubleSemicolon => cell.split(";;").collect(),
        Separator::Any => cell.split([';', '；', ',', '，']).collect(),
    };
    let mut names: Vec<String> = Vec::new();
    for piece in pieces.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let joins_previous = separator == Separator::Any && is_legal_form(piece);
        if let Some(last) = names.last_mut().filter(|_| joins_previous) {
            last.push_str(", ");
            last.push_str(piece);
        } else if names.len() < MAX_NAMES_PER_CELL {
            names.push(piece.to_string());
        } else {
            break;
        }
    }
    names
}

/// `Ltd.`, `Inc`, `LLC`…: the tail of a company name after a comma.
fn is_legal_form(piece: &str) -> bool {
    let key = key(piece);
    !key.is_empty()
        && key
            .split(' ')
            .all(|t| LEGAL_FORMS.iter().any(|(_, to)| *to == t) || t == "llc" || t == "gmbh")
}

/// Long forms of Latin name words → the one spelling compared.
const LEGAL_FORMS: &[(&str, &str)] = &[
    ("company", "co"),
    ("co", "co"),
    ("limited", "ltd"),
    ("ltd", "ltd"),
    ("corporation", "corp"),
    ("corp", "corp"),
    ("incorporated", "inc"),
    ("inc", "inc"),
    ("plc", "plc"),
    ("ag", "ag"),
    ("sa", "sa"),
];

/// Other words unified the same way: databases abbreviate them.
const WORDS: &[(&str, &str)] = &[("university", "univ"), ("univ", "univ")];

/// A name as shown: NFKC (full-width letters, digits and brackets folded), runs of spaces as one.
pub fn spelling(name: &str) -> String {
    // ASCII is its own NFKC form, and most Latin names are ASCII: skip the normaliser.
    let folded: std::borrow::Cow<str> = if name.is_ascii() {
        name.into()
    } else {
        name.nfkc().collect::<String>().into()
    };
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What two spellings of one applicant share: lower case; in Chinese names no spaces; in Latin
/// ones no dots or commas, and the legal-form and abbreviation variants unified.
pub fn key(name: &str) -> String {
    let name = spelling(name).to_lowercase();
    if name.chars().any(crate::base::text::is_cjk) {
        return name.chars().filter(|c| !c.is_whitespace()).collect();
    }
    name.replace(['.', ','], " ")
        .split_whitespace()
        .map(|word| {
            LEGAL_FORMS
                .iter()
                .chain(WORDS)
                .find(|(from, _)| *from == word)
                .map_or(word, |(_, to)| to)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An applicant's Chinese and English names.
pub type Names = (Option<String>, Option<String>);

/// The centre's alias file: canonical names with their names in each language and variants.
#[derive(Debug, Default, Clone)]
pub struct Aliases {
    /// Key of a variant (see [`key`]) → index into `names`.
    by_key: HashMap<String, usize>,
    /// Chinese and English names of each canonical applicant.
    names: Vec<Names>,
}

/// One entry of `data/applicants.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    zh: Option<String>,
    en: Option<String>,
    #[serde(default)]
    variants: Vec<String>,
}

/// A problem in the alias file, with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasError {
    /// Line in the alias file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Aliases {
    /// Reads `data/applicants.yaml`: `canonical name: {zh:, en:, variants: [...]}`.
    pub fn parse(text: &str) -> Result<Aliases, AliasError> {
        let entries: indexmap::IndexMap<String, Entry> =
            crate::base::yaml::parse(text, crate::base::yaml::DATA_FILE).map_err(|e| {
                AliasError {
                    line: e.line,
                    message: format!("invalid alias file: {}", e.message),
                }
            })?;
        let locations = crate::base::yaml::locate(text, crate::base::yaml::DATA_FILE);
        let mut aliases = Aliases::default();
        for (canonical, entry) in entries {
            let cjk = canonical.chars().any(crate::base::text::is_cjk);
            let zh = entry.zh.clone().or_else(|| cjk.then(|| canonical.clone()));
            let en = entry
                .en
                .clone()
                .or_else(|| (!cjk).then(|| canonical.clone()));
            let index = aliases.names.len();
            for (variant, path) in entry_names(&canonical, &entry) {
                let previous = aliases.by_key.insert(key(variant), index);
                if let Some(other) = previous.filter(|p| *p != index) {
                    let (zh, en) = &aliases.names[other];
                    let other = zh.as_ref().or(en.as_ref()).cloned().unwrap_or_default();
                    return Err(AliasError {
                        line: locations.nearest(&path).map_or(1, |p| p.line),
                        message: format!(
                            "`{variant}` is a variant of both `{other}` and `{canonical}`: list it under one"
                        ),
                    });
                }
            }
            aliases.names.push((zh, en));
        }
        Ok(aliases)
    }

    /// The canonical applicant a name belongs to, as (index, Chinese name, English name).
    pub fn find(&self, key: &str) -> Option<(usize, &Names)> {
        let index = *self.by_key.get(key)?;
        Some((index, &self.names[index]))
    }

    /// How many canonical applicants the file lists.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when the file lists none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// Every name an entry gives its applicant — the canonical key, `zh`, `en`, then each variant —
/// with the path to where it is written.
fn entry_names<'a>(canonical: &'a str, entry: &'a Entry) -> Vec<(&'a str, Vec<Step<'a>>)> {
    let mut names = vec![(canonical, vec![Step::Key(canonical)])];
    for (language, name) in [("zh", &entry.zh), ("en", &entry.en)] {
        if let Some(name) = name {
            names.push((
                name.as_str(),
                vec![Step::Key(canonical), Step::Key(language)],
            ));
        }
    }
    for (i, variant) in entry.variants.iter().enumerate() {
        let path = vec![Step::Key(canonical), Step::Key("variants"), Step::Index(i)];
        names.push((variant.as_str(), path));
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_legal_form_variants_share_a_key() {
        let same = [
            "Example Power Battery Co., Ltd.",
            "EXAMPLE POWER BATTERY CO LTD",
            "Example  Power Battery Company Limited",
            "ＥＸＡＭＰＬＥ Power Battery Co. Ltd",
        ];
        for name in same {
            assert_eq!(key(name), "example power battery co ltd", "{name}");
        }
        assert_eq!(key("Acme Corp."), key("ACME CORPORATION"));
        assert_eq!(key("Tongji Univ"), key("TONGJI UNIVERSITY"));
        assert_ne!(key("Acme Corp"), key("Acme Co"));
    }

    #[test]
    fn chinese_names_fold_width_and_spaces() {
        assert_eq!(key("示例大学（深圳）"), key("示例大学(深圳)"));
        assert_eq!(key("示例 大学"), key("示例大学"));
        assert_eq!(spelling("  示例大学（深圳） "), "示例大学(深圳)");
    }

    #[test]
    fn cells_split_on_the_export_separator() {
        assert_eq!(
            split(
                "Example Co., Ltd.;;Tongji Univ;; ",
                Separator::DoubleSemicolon
            ),
            ["Example Co., Ltd.", "Tongji Univ"]
        );
        assert_eq!(
            split(
                "示例大学；示例研究院;Example Co., Ltd.,Acme Inc",
                Separator::Any
            ),
            ["示例大学", "示例研究院", "Example Co., Ltd.", "Acme Inc"]
        );
        let many = vec!["x"; 500].join(";");
        assert_eq!(split(&many, Separator::Any).len(), MAX_NAMES_PER_CELL);
    }

    #[test]
    fn aliases_merge_variants_and_reject_a_variant_listed_twice() {
        let aliases = Aliases::parse(
            "示例大学:\n  en: Example University\n  variants: [EXAMPLE UNIV, 示例大学土木工程学院]\n",
        )
        .unwrap();
        let (i, names) = aliases.find(&key("Example Univ.")).unwrap();
        assert_eq!(i, 0);
        assert_eq!(names.0.as_deref(), Some("示例大学"));
        assert_eq!(names.1.as_deref(), Some("Example University"));
        assert!(aliases.find(&key("示例大学土木工程学院")).is_some());
        assert!(aliases.find(&key("Other")).is_none());
        let error = Aliases::parse("A Co:\n  variants: [X]\nB Co:\n  variants: [x]\n").unwrap_err();
        assert_eq!(error.line, 4, "{error:?}");
        // The name in a comment and in the first entry comes before the one listed twice.
        let text =
            "# the x of B Co\nA Co:\n  variants: [X]\nB Co:\n  variants:\n    - Y\n    - x\n";
        assert_eq!(Aliases::parse(text).unwrap_err().line, 7);
        let error = Aliases::parse("A Co:\n  variant: [X]\n").unwrap_err();
        assert!(error.message.contains("variant"), "{error:?}");
    }
}
