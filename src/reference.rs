//! The user guide's reference chapters, generated so that they cannot drift from the code: a
//! chapter's template (`docs/reference-src/<name>.md`, prose in Markdown) holds directive lines
//! such as `<!-- generate: codes link/broken link/anchor -->`, and [`expand`] replaces each with
//! a table drawn from the code's own declarations — the codes table ([`Code`]), the front matter
//! fields ([`fields::FIELDS`]), the `site.toml` keys ([`keys::TABLES`]) and the content types of
//! a new portal ([`scaffold::SITE_TOML`]). The CLI chapter's directives are the binary's, which
//! alone has the command line (`src/cli/reference.rs`).
//!
//! The chapters are committed under `docs/content/reference/`; `tests/it/reference.rs` fails when
//! one differs from what would be generated, and [`BLESS`] rewrites them.

use crate::base::diagnostics::{Code, Lang, Severity};
use crate::config::fields::{self, Field, Home, Kind, Required, ValueKind, Vocabulary};
use crate::config::keys::{self, Need};
use crate::scaffold;

/// The command that rewrites the generated chapters.
pub const BLESS: &str = "IPPORTAL_BLESS=1 cargo test --release reference";

/// Picks the text of `lang` from a Chinese and an English one.
fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The language of a chapter's file: `x.en.md` is English, `x.md` Chinese (the guide's default).
pub fn lang_of(file_name: &str) -> Lang {
    if file_name.ends_with(".en.md") {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// The chapter `template` (the file `source`) with every directive line replaced by what
/// `directive` makes of it, and a comment at the top of its front matter saying that it is
/// generated and how to regenerate it. `directive` gets the directive's name, its words and
/// the language; [`directive`] is the library's.
pub fn expand(
    template: &str,
    source: &str,
    lang: Lang,
    directive: impl Fn(&str, &[&str], Lang) -> Result<String, String>,
) -> Result<String, String> {
    let body = template
        .strip_prefix("---\n")
        .ok_or_else(|| format!("{source}: a chapter begins with front matter (`---`)"))?;
    let mut out = format!(
        "---\n# Generated from {source} and the code: edit those, never this file, then run\n# {BLESS}\n"
    );
    for (n, line) in body.lines().enumerate() {
        match line
            .trim()
            .strip_prefix("<!-- generate:")
            .and_then(|l| l.strip_suffix("-->"))
        {
            Some(words) => {
                let words: Vec<&str> = words.split_whitespace().collect();
                let (name, args) = words
                    .split_first()
                    .ok_or_else(|| format!("{source}:{}: an empty directive", n + 2))?;
                let table =
                    directive(name, args, lang).map_err(|e| format!("{source}:{}: {e}", n + 2))?;
                out.push_str(&table);
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    Ok(out)
}

/// The library's directives: `codes <code>…`, `fields page|section|data`, `types` and
/// `keys <table>`.
pub fn directive(name: &str, args: &[&str], lang: Lang) -> Result<String, String> {
    match (name, args) {
        ("codes", codes) => codes_table(codes, lang),
        ("fields", [which]) => fields_table(which, lang),
        ("types", []) => types_table(lang),
        ("keys", [table]) => keys_table(table, lang),
        _ => Err(format!(
            "unknown directive `{name} {}`: expected codes, fields, types or keys",
            args.join(" ")
        )),
    }
}

/// A Markdown table: a header row and the rows, cells with `|` escaped.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let mut out = line(&header);
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

/// `codes a/b c/d`: code, severity, meaning and fix of each.
fn codes_table(names: &[&str], lang: Lang) -> Result<String, String> {
    let rows = names
        .iter()
        .map(|name| {
            let code = Code::ALL
                .iter()
                .find(|c| c.as_str() == *name)
                .ok_or_else(|| format!("no code `{name}` in src/base/diagnostics.rs"))?;
            let severity = match code.severity() {
                Severity::Error => pick(lang, "错误", "error"),
                Severity::Warning => pick(lang, "警告", "warning"),
            };
            Ok(vec![
                format!("`{name}`"),
                severity.to_string(),
                code.meaning(lang).to_string(),
                code.fix(lang).to_string(),
            ])
        })
        .collect::<Result<Vec<_>, String>>()?;
    let header = match lang {
        Lang::Zh => ["代码", "级别", "含义", "怎么办"],
        Lang::En => ["code", "severity", "meaning", "what to do"],
    };
    Ok(table(&header, &rows))
}

/// `fields page|section|data`: the built-in fields of pages, of sections, or that come with
/// `data`.
fn fields_table(which: &str, lang: Lang) -> Result<String, String> {
    let wanted: fn(&Field) -> bool = match which {
        "page" => |f| f.core(Kind::Page).is_some(),
        "section" => |f| f.core(Kind::Section).is_some(),
        "data" => |f| matches!(f.home, Home::Data | Home::WithData),
        "service" => |f| f.home == Home::Type("service"),
        "person" => |f| f.home == Home::Type("person"),
        _ => {
            return Err(format!(
                "`fields {which}`: expected page, section, data, service or person"
            ));
        }
    };
    let rows: Vec<Vec<String>> = fields::FIELDS
        .iter()
        .filter(|f| wanted(f))
        .map(|f| {
            let required = match f.required {
                Required::Always => pick(lang, "必填", "required"),
                Required::ByType => pick(lang, "按类型", "by type"),
            };
            vec![
                format!("`{}`", f.name),
                value_kind(f.kind, lang),
                required.to_string(),
                pick(lang, f.zh, f.en).to_string(),
            ]
        })
        .collect();
    let header = match lang {
        Lang::Zh => ["字段", "值", "必填", "含义"],
        Lang::En => ["field", "value", "required", "meaning"],
    };
    Ok(table(&header, &rows))
}

/// A field's kind of value in words.
fn value_kind(kind: ValueKind, lang: Lang) -> String {
    let words = match kind {
        ValueKind::Text => pick(lang, "文字", "text"),
        ValueKind::Date => pick(lang, "日期：`2025-03-01`", "date: `2025-03-01`"),
        ValueKind::Bool => pick(lang, "`true` 或 `false`", "`true` or `false`"),
        ValueKind::Integer => pick(lang, "整数", "whole number"),
        ValueKind::Count => pick(lang, "正整数", "whole number, at least 1"),
        ValueKind::ContentType => pick(lang, "内容类型名", "a content type"),
        ValueKind::List => pick(lang, "文字列表：`[a, b]`", "list: `[a, b]`"),
        ValueKind::Terms(Vocabulary::Ipc) => pick(lang, "IPC 分类号列表", "list of IPC codes"),
        ValueKind::Terms(Vocabulary::PatentNumbers) => {
            pick(lang, "专利公开号列表", "list of publication numbers")
        }
        ValueKind::Terms(Vocabulary::Disciplines) => {
            pick(lang, "学科词表的键列表", "list of keys of the disciplines")
        }
        ValueKind::Turnaround => pick(
            lang,
            "办理周期：`5-10 个工作日`",
            "time span: `5-10 working days`",
        ),
        ValueKind::Fees => pick(lang, "按服务对象的收费（映射）", "fees per audience (map)"),
        ValueKind::Slug => pick(lang, "网址片段", "URL segment"),
        ValueKind::Path => pick(lang, "文件名", "file name"),
        ValueKind::Template => pick(lang, "模板文件名", "template file name"),
        ValueKind::Map(_) => pick(lang, "映射（`名称: 值`）", "map (`name: value`)"),
        ValueKind::Choice(words) => {
            let words: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
            return match lang {
                Lang::Zh => words.join("、"),
                Lang::En => words.join(", "),
            };
        }
    };
    words.to_string()
}

/// `types`: the content types of a new portal (`ipportal new`), with their required and
/// further fields.
fn types_table(lang: Lang) -> Result<String, String> {
    let config = crate::config::parse(scaffold::SITE_TOML).map_err(|e| format!("{e:?}"))?;
    let with_data: Vec<&str> = fields::with_data().collect();
    let list = |names: &[String]| {
        let names: Vec<String> = names
            .iter()
            .filter(|n| !with_data.contains(&n.as_str()))
            .map(|n| format!("`{n}`"))
            .collect();
        match (names.is_empty(), lang) {
            (true, _) => pick(lang, "无", "none").to_string(),
            (false, Lang::Zh) => names.join("、"),
            (false, Lang::En) => names.join(", "),
        }
    };
    let rows: Vec<Vec<String>> = config
        .types
        .iter()
        .map(|(name, t)| {
            vec![
                format!("`{name}` {}", type_label(name, lang)),
                list(&t.required),
                list(&t.fields),
            ]
        })
        .collect();
    let header = match lang {
        Lang::Zh => ["类型", "必填", "可选字段"],
        Lang::En => ["type", "required", "further fields"],
    };
    Ok(table(&header, &rows))
}

/// What a built-in content type is called in words.
fn type_label(name: &str, lang: Lang) -> &'static str {
    match name {
        "guide" => pick(lang, "指南", "guide"),
        "course" => pick(lang, "课程", "course"),
        "lesson" => pick(lang, "课时", "lesson"),
        "case" => pick(lang, "案例", "case"),
        "brief" => pick(lang, "简报", "brief"),
        "page" => pick(lang, "普通页面", "page"),
        _ => "",
    }
}

/// `keys <table>`: the keys of one table of `site.toml`.
fn keys_table(name: &str, lang: Lang) -> Result<String, String> {
    let name = if name == "top" { "" } else { name };
    let t = keys::table(name).ok_or_else(|| format!("no table `{name}` in src/config/keys.rs"))?;
    let rows: Vec<Vec<String>> = t
        .keys
        .iter()
        .map(|k| {
            let (zh, en) = k.kind.describe();
            let default = match k.need {
                Need::Default(d) => format!("`{d}`"),
                Need::Required => pick(lang, "必填", "required").to_string(),
                Need::Optional => pick(lang, "无", "none").to_string(),
            };
            vec![
                format!("`{}`", k.name),
                pick(lang, zh, en).to_string(),
                default,
                pick(lang, k.zh, k.en).to_string(),
            ]
        })
        .collect();
    let header = match lang {
        Lang::Zh => ["键", "值", "默认值", "含义"],
        Lang::En => ["key", "value", "default", "meaning"],
    };
    Ok(table(&header, &rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library(template: &str) -> Result<String, String> {
        expand(template, "t.md", Lang::Zh, directive)
    }

    #[test]
    fn directives_become_tables_and_the_rest_stays() {
        let out =
            library("---\ntitle: x\n---\n\nprose\n<!-- generate: codes link/broken -->\nend\n")
                .unwrap();
        assert!(out.starts_with("---\n# Generated from t.md"), "{out}");
        assert!(
            out.contains("title: x\n---\n\nprose\n| 代码 | 级别 | 含义 | 怎么办 |\n"),
            "{out}"
        );
        assert!(out.contains("| `link/broken` | 错误 | "), "{out}");
        assert!(out.ends_with("|\nend\n"), "{out}");
    }

    #[test]
    fn a_wrong_directive_names_its_line() {
        let e = library("---\ntitle: x\n---\n<!-- generate: codes link/brokn -->\n").unwrap_err();
        assert_eq!(e, "t.md:4: no code `link/brokn` in src/base/diagnostics.rs");
        let e = library("---\n---\n<!-- generate: colours -->\n").unwrap_err();
        assert!(e.starts_with("t.md:3: unknown directive `colours"), "{e}");
        assert!(library("no front matter").is_err());
    }

    #[test]
    fn tables_escape_pipes_and_choices_read_as_words() {
        let t = table(&["a"], &[vec!["x|y".into()]]);
        assert_eq!(t, "| a |\n|---|\n| x\\|y |\n");
        let kind = ValueKind::Choice(&["date", "weight"]);
        assert_eq!(value_kind(kind, Lang::Zh), "`date`、`weight`");
        assert_eq!(value_kind(kind, Lang::En), "`date`, `weight`");
    }

    #[test]
    fn the_bundled_types_come_from_a_new_portal() {
        let t = types_table(Lang::En).unwrap();
        assert!(
            t.contains("| `brief` brief | `summary`, `date`, `disciplines`, `data` |"),
            "{t}"
        );
        // Fields that come with `data` are listed once, in their own table.
        assert!(!t.contains("`search_date`"), "{t}");
    }
}
