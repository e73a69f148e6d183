//! The user guide's CLI chapter (`docs/content/reference/cli{,.en}.md`), generated from clap's
//! own description of the command line, with a Chinese explanation of every subcommand and
//! option kept in [`ZH`]. Its directives are `usage <subcommand>` and `options <subcommand>`;
//! the others are the library's (`ipportal::reference`). Only tests use it: they fail when the
//! committed chapter differs, and `IPPORTAL_BLESS=1 cargo test --release reference` rewrites it.

use clap::{Arg, ArgAction, Command, CommandFactory};
use ipportal::base::diagnostics::Lang;
use ipportal::reference;

use super::Cli;

/// The Chinese of every option's help, keyed by `subcommand.id` (the id is the option's field
/// name); a subcommand's description is the chapter's prose.
const ZH: &[(&str, &str)] = &[
    (
        "build.root",
        "门户根目录（含 `site.toml`、`content/` 的文件夹），默认为当前文件夹",
    ),
    (
        "build.output",
        "输出到哪个文件夹，默认为 `<根目录>/public`。必须是新的或空的文件夹，或以前由 ipportal 写出的文件夹（见[安全](@/guide/safety.md)）",
    ),
    (
        "build.base_url",
        "临时替换 `site.toml` 中的 `base_url`，如在另一个地址预览；所有链接、资源、规范网址、订阅源、站点地图和检索索引地址都随之改变",
    ),
    ("build.drafts", "包含 `draft: true` 的页面和栏目"),
    (
        "build.quiet",
        "成功时什么都不显示（错误仍然显示），适合脚本",
    ),
    (
        "build.minify",
        "正式发布用的生成：压缩网页、样式表和脚本（见[发布网站](@/guide/publishing.md#minify)）",
    ),
    (
        "build.force",
        "即使输出文件夹中有不是 ipportal 写出的文件也替换它，**其中的一切都会被删除**；门户本身和源文件夹永远不会被替换",
    ),
    ("check.root", "门户根目录，默认为当前文件夹"),
    (
        "check.format",
        "报告格式：`text`（按文件分组，显示出错的原文）、`json`（一个 JSON 对象）或 `github`（GitHub Actions 注释）",
    ),
    ("check.drafts", "也检查草稿"),
    ("check.deny_warnings", "有警告也算失败（退出码 1）"),
    (
        "check.external",
        "还要访问每个外部链接（设置见 `site.toml` 的 `[check]`；访问正常的结果缓存在 `.ipportal/link-cache.json`）",
    ),
    (
        "check.external_timeout",
        "与 `--external` 一起使用：整个检查最多运行的秒数，到时仍未检查的链接合并为一条警告；默认为 `[check] external_timeout`，再默认 300",
    ),
    (
        "new.first",
        "新门户的文件夹（必须不存在或为空）；后面再跟 PATH 时，是新页面的内容类型：`guide`、`course`、`lesson`、`case`、`brief`、`page`，或门户 `archetypes/` 中的模板名",
    ),
    (
        "new.path",
        "新页面的文件，从门户根目录写起、在 `content/` 之中（课程和简报为文件夹），如 `content/guides/pct-route.md`",
    ),
    ("new.title", "新页面的标题"),
    (
        "new.lang",
        "先写哪种语言（默认为门户的默认语言）；其他语言得到待译的空白稿",
    ),
    ("new.root", "新建页面时的门户根目录，默认为当前文件夹"),
    ("cms.root", "门户的根目录，默认为当前文件夹"),
    ("cms.output", "配置写到哪个文件；`-`（默认）表示输出到终端"),
    (
        "cms.rename",
        "列出文件名不带语言的默认语言文件（`名称.md`，CMS 打不开）和要改成的文件名（`名称.zh.md`），不做任何修改",
    ),
    (
        "cms.apply",
        "与 --rename 一起用：真正改名（新文件名已有文件时不改，从不覆盖）",
    ),
    ("serve.root", "门户根目录，默认为当前文件夹"),
    (
        "serve.port",
        "端口；被占用时使用下一个空闲端口，并在启动时显示",
    ),
    (
        "serve.interface",
        "监听地址：`127.0.0.1` 只有本机能访问；`0.0.0.0` 让局域网中的同事也能访问（包括草稿）",
    ),
    ("serve.open", "在默认浏览器中打开"),
    (
        "build.lang",
        "提示信息的语言：`zh` 中文或 `en` 英文；默认看 `LC_ALL`、`LC_MESSAGES`、`LANG`（按此顺序，取第一个有值的），以 `zh` 开头就用中文，否则用英文。也可写在子命令前：`ipportal --lang zh check`",
    ),
    (
        "check.lang",
        "提示信息的语言：`zh` 中文或 `en` 英文；默认看 `LC_ALL`、`LC_MESSAGES`、`LANG`（按此顺序，取第一个有值的），以 `zh` 开头就用中文，否则用英文。也可写在子命令前：`ipportal --lang zh check`",
    ),
    (
        "cms.lang",
        "提示信息的语言：`zh` 中文或 `en` 英文；默认看 `LC_ALL`、`LC_MESSAGES`、`LANG`（按此顺序，取第一个有值的），以 `zh` 开头就用中文，否则用英文。也可写在子命令前：`ipportal --lang zh check`",
    ),
    (
        "serve.lang",
        "提示信息的语言：`zh` 中文或 `en` 英文；默认看 `LC_ALL`、`LC_MESSAGES`、`LANG`（按此顺序，取第一个有值的），以 `zh` 开头就用中文，否则用英文。也可写在子命令前：`ipportal --lang zh check`",
    ),
];

/// The Chinese text under `key`.
fn zh(key: &str) -> Result<&'static str, String> {
    ZH.iter()
        .find(|(k, _)| *k == key)
        .map(|(_, text)| *text)
        .ok_or_else(|| format!("no Chinese for `{key}` in ZH (src/cli/reference.rs)"))
}

/// The options a subcommand documents: all but clap's `--help`.
fn options(command: &Command) -> impl Iterator<Item = &Arg> {
    command
        .get_arguments()
        .filter(|a| !matches!(a.get_action(), ArgAction::Help | ArgAction::Version))
}

/// The subcommand `name`.
fn subcommand(name: &str) -> Result<Command, String> {
    Cli::command()
        .find_subcommand(name)
        .cloned()
        .ok_or_else(|| format!("no subcommand `{name}`"))
}

/// The CLI chapter's directives, then the library's.
fn directive(name: &str, args: &[&str], lang: Lang) -> Result<String, String> {
    match (name, args) {
        ("usage", [sub]) => Ok(format!("```text\n{}\n```\n", usage(&subcommand(sub)?))),
        ("options", [sub]) => options_table(&subcommand(sub)?, lang),
        _ => reference::directive(name, args, lang),
    }
}

/// How an option is written: `--root <ROOT>`, `-q`, `--quiet`, `PATH`.
fn spelling(arg: &Arg) -> String {
    let value = arg
        .get_value_names()
        .map(|names| names.join(" "))
        .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
    if arg.is_positional() {
        return value;
    }
    let mut names = Vec::new();
    if let Some(short) = arg.get_short() {
        names.push(format!("-{short}"));
    }
    if let Some(long) = arg.get_long() {
        names.push(format!("--{long}"));
    }
    let takes_value = matches!(arg.get_action(), ArgAction::Set | ArgAction::Append);
    match names.pop() {
        Some(long) if takes_value => format!("{long} <{value}>"),
        Some(long) => long,
        None => value,
    }
}

/// `ipportal build [--root <ROOT>] …`.
fn usage(command: &Command) -> String {
    let mut line = format!("ipportal {}", command.get_name());
    for arg in options(command) {
        let written = spelling(arg);
        if arg.is_required_set() {
            line.push_str(&format!(" {written}"));
        } else {
            line.push_str(&format!(" [{written}]"));
        }
    }
    line
}

/// The table of a subcommand's options: how each is written, what it does, its default.
fn options_table(command: &Command, lang: Lang) -> Result<String, String> {
    let sub = command.get_name();
    let mut rows = Vec::new();
    for arg in options(command) {
        let mut names: Vec<String> = arg
            .get_short()
            .map(|s| format!("`-{s}`"))
            .into_iter()
            .collect();
        names.push(format!("`{}`", spelling(arg)));
        let help = match lang {
            Lang::Zh => zh(&format!("{sub}.{}", arg.get_id()))?.to_string(),
            Lang::En => english_help(arg),
        };
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| format!("`{}`", v.to_string_lossy()))
            .collect();
        let default = match (defaults.is_empty(), lang) {
            (false, _) => defaults.join(" "),
            (true, Lang::Zh) => "无".to_string(),
            (true, Lang::En) => "none".to_string(),
        };
        rows.push(vec![names.join(pick_sep(lang)), help, default]);
    }
    let header = match lang {
        Lang::Zh => ["选项", "作用", "默认值"],
        Lang::En => ["option", "what it does", "default"],
    };
    Ok(reference::table(&header, &rows))
}

fn pick_sep(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    }
}

/// clap's help of `arg` on one line, with its possible values when it has a fixed set.
fn english_help(arg: &Arg) -> String {
    let help = arg
        .get_long_help()
        .or(arg.get_help())
        .map(|h| h.to_string())
        .unwrap_or_default();
    let mut text = help.split_whitespace().collect::<Vec<_>>().join(" ");
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .map(|v| match v.get_help() {
            Some(h) => format!("`{}` ({h})", v.get_name()),
            None => format!("`{}`", v.get_name()),
        })
        .collect();
    if !values.is_empty() {
        text.push_str(&format!(": {}", values.join(", ")));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::path::Path;

    fn docs() -> &'static Path {
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/docs"))
    }

    #[test]
    fn the_cli_reference_chapter_is_what_clap_generates() {
        for file in ["cli.md", "cli.en.md"] {
            let source = format!("docs/reference-src/{file}");
            let template =
                std::fs::read_to_string(docs().join("reference-src").join(file)).unwrap();
            let generated =
                reference::expand(&template, &source, reference::lang_of(file), directive)
                    .unwrap_or_else(|e| panic!("{e}"));
            let committed_path = docs().join("content/reference").join(file);
            if std::env::var_os("IPPORTAL_BLESS").is_some() {
                std::fs::write(&committed_path, &generated).unwrap();
                continue;
            }
            let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
            assert!(
                committed == generated,
                "docs/content/reference/{file} differs from what its template and clap generate; \
                 edit docs/reference-src/{file} or the code, then run `{}`",
                reference::BLESS
            );
        }
    }

    #[test]
    fn every_option_has_chinese_and_every_chinese_line_a_use() {
        let mut keys = Vec::new();
        for command in Cli::command().get_subcommands() {
            for arg in options(command) {
                keys.push(format!("{}.{}", command.get_name(), arg.get_id()));
            }
        }
        for key in &keys {
            assert!(
                !zh(key).unwrap_or_else(|e| panic!("{e}")).is_empty(),
                "{key}"
            );
        }
        for (key, _) in ZH {
            assert!(
                keys.iter().any(|k| k == key),
                "ZH has `{key}`, which clap does not"
            );
        }
    }

    #[test]
    fn options_are_written_as_typed() {
        let build = subcommand("build").unwrap();
        let line = usage(&build);
        assert!(
            line.starts_with("ipportal build [--root <ROOT>] [--output <OUTPUT>]"),
            "{line}"
        );
        assert!(line.contains(" [--quiet] "), "{line}");
        let new = usage(&subcommand("new").unwrap());
        assert!(new.starts_with("ipportal new DIR|TYPE [PATH]"), "{new}");
        let table = options_table(&subcommand("check").unwrap(), Lang::En).unwrap();
        assert!(table.contains("`json` (One JSON object"), "{table}");
    }
}
