//! Every `site.toml` key, declared once with its kind, default and meaning in both languages:
//! [`TABLES`]. The user guide's `site.toml` reference is generated from it
//! (`reference`), and the tests here check it against the keys the parser accepts, so a key
//! cannot be added to the parser without being documented.

/// One table of `site.toml` (the top level is the table named `""`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    /// The table's name as written in brackets, without them (`check`, `languages.<code>`).
    pub name: &'static str,
    /// Its keys, in the order the guide lists them.
    pub keys: &'static [Key],
}

/// One key of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key as written.
    pub name: &'static str,
    /// What kind of value it takes.
    pub kind: TomlKind,
    /// Whether it must be written, and its default if not.
    pub need: Need,
    /// What it means, in Chinese (Markdown).
    pub zh: &'static str,
    /// What it means, in English (Markdown).
    pub en: &'static str,
}

/// Whether a key must be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Always.
    Required,
    /// Not needed, and without a default (`url` of `[patents]` but for `custom`).
    Optional,
    /// Not needed: the default, as written in TOML, applies.
    Default(&'static str),
}

/// The kind of value a key takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TomlKind {
    /// A string.
    Text,
    /// A whole number of at least 0.
    Count,
    /// `true` or `false`.
    Bool,
    /// A list of strings.
    TextList,
    /// A list of lists of strings.
    TextListList,
    /// An inline table of one string per language (`{ zh = "…", en = "…" }`).
    PerLanguage,
    /// A table (of settings, or of free values).
    Table,
    /// A list of tables (`[[taxonomies]]`).
    TableList,
}

impl TomlKind {
    /// The kind in words, in Chinese and English.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            TomlKind::Text => ("文字", "string"),
            TomlKind::Count => ("整数", "whole number"),
            TomlKind::Bool => ("`true` 或 `false`", "`true` or `false`"),
            TomlKind::TextList => ("文字列表", "list of strings"),
            TomlKind::TextListList => ("文字列表的列表", "list of lists of strings"),
            TomlKind::PerLanguage => ("每种语言一项", "one string per language"),
            TomlKind::Table => ("表", "table"),
            TomlKind::TableList => ("表的列表", "list of tables"),
        }
    }
}

const fn key(
    name: &'static str,
    kind: TomlKind,
    need: Need,
    zh: &'static str,
    en: &'static str,
) -> Key {
    Key {
        name,
        kind,
        need,
        zh,
        en,
    }
}

use Need::{Default as D, Optional, Required};
use TomlKind as K;

/// Every table of `site.toml` and its keys, in the order the guide lists them.
#[rustfmt::skip]
pub const TABLES: &[Table] = &[
    Table { name: "", keys: &[
        key("base_url", K::Text, Required, "网站的正式地址，以 `/` 结尾；可以带路径（`https://lib.example.edu.cn/ipis/`）。`build --base-url` 可临时替换", "the portal's public address, ending in `/`; it may have a path (`https://lib.example.edu.cn/ipis/`). `build --base-url` replaces it for one build"),
        key("theme", K::Text, D("\"default\""), "主题：`themes/` 下的文件夹名；`default` 已内置", "the theme: a folder under `themes/`; `default` is built in"),
        key("default_language", K::Text, Required, "默认语言的代码，须是 `[languages]` 中的一种；这种语言的页面在网站根目录", "the default language's code, one of `[languages]`; its pages are at the root of the site"),
        key("paginate_by", K::Count, D("10"), "栏目列表和词页面每页的条数（栏目可用 `paginate_by` 字段覆盖）", "items per page of section lists and term pages (a section's `paginate_by` field overrides it)"),
        key("languages", K::Table, Required, "每种语言一节，见下", "one table per language, below"),
        key("types", K::Table, D("{}"), "每种内容类型一节，见下", "one table per content type, below"),
        key("taxonomies", K::TableList, D("[]"), "分类法，见下", "the taxonomies, below"),
        key("patents", K::Table, D("{}"), "专利号链接，见下", "patent number links, below"),
        key("ipc", K::Table, D("{}"), "IPC 分类号链接，见下", "IPC code links, below"),
        key("calendar", K::Table, D("{}"), "开课时间的时区，见下", "the time zone of course sessions, below"),
        key("search", K::Table, D("{}"), "站内检索，见下", "the site search, below"),
        key("check", K::Table, D("{}"), "`ipportal check` 的额外检查，见下", "the extra checks of `ipportal check`, below"),
        key("cms", K::Table, Optional, "在 `/admin/` 提供内容管理系统（Decap CMS），见下", "a content management system (Decap CMS) at `/admin/`, below"),
        key("services", K::Table, D("{}"), "服务目录的维护，见下", "how the service catalogue is kept, below"),
        key("extra", K::Table, D("{}"), "供模板使用的自由值，见下", "free values for templates, below"),
    ]},
    Table { name: "languages.<code>", keys: &[
        key("name", K::Text, Required, "语言切换按钮上显示的名称，用该语言书写（`中文`、`English`）", "the name on the language switch, in that language (`中文`, `English`)"),
        key("title", K::Text, Required, "该语言版本的网站名称", "the portal's name in that language"),
        key("description", K::Text, D("\"\""), "该语言版本的网站简介（搜索引擎和分享时显示）", "the portal's description in that language (for search engines and sharing)"),
    ]},
    Table { name: "types.<type>", keys: &[
        key("required", K::TextList, D("[]"), "该类型页面必须有的字段（`title` 总是必填）", "fields the type's pages must have (`title` always is)"),
        key("fields", K::TextList, D("[]"), "该类型页面还可以有的字段，模板中为 `page.fields`。列出 `data` 的类型自动允许随 `data` 一起使用的字段", "further fields its pages may have, `page.fields` in templates. A type that lists `data` also gets the fields that come with `data`"),
    ]},
    Table { name: "[taxonomies]", keys: &[
        key("name", K::Text, Required, "分类法的名字，也是页面中的字段名", "the taxonomy's name, also the field pages write it in"),
        key("label", K::PerLanguage, Required, "每种语言的显示名称：`{ zh = \"学科\", en = \"Disciplines\" }`", "its label in each language: `{ zh = \"学科\", en = \"Disciplines\" }`"),
        key("terms", K::Table, Optional, "受控词表：每个词一行，`terms.civil-engineering = { zh = \"土木工程\", en = \"Civil Engineering\" }`。没有 `terms` 的分类法是自由标签", "the vocabulary, one term a line: `terms.civil-engineering = { zh = \"土木工程\", en = \"Civil Engineering\" }`. A taxonomy without `terms` takes free tags"),
    ]},
    Table { name: "patents", keys: &[
        key("database", K::Text, D("\"espacenet\""), "专利号链接到的数据库：`espacenet`、`google`、`cnipa`（复制按钮加检索页面链接）或 `custom`", "where patent numbers link to: `espacenet`, `google`, `cnipa` (a copy button and a link to the search page) or `custom`"),
        key("url", K::Text, Optional, "`custom` 时的链接地址，`{number}` 处填入号码，可选 `{lang}`；其他数据库不写", "for `custom`: the link, with `{number}` and optionally `{lang}`; not written for the other databases"),
        key("links", K::Bool, D("true"), "`false` 表示全站都不识别专利号", "`false` recognises no patent numbers anywhere"),
    ]},
    Table { name: "ipc", keys: &[
        key("link", K::Bool, D("true"), "正文中的分类号是否加链接；`false` 只做标记", "whether IPC codes in text link anywhere; `false` only marks them"),
        key("url", K::Text, D("\"https://ipcpub.wipo.int/?notion=scheme&symbol={symbol}&menulang={lang}\""), "链接地址，可用 `{symbol}`（14 位形式）、`{code}` 和 `{lang}`；默认链接到 WIPO IPCPUB", "the link, with `{symbol}` (the 14-character form), `{code}` and `{lang}`; WIPO IPCPUB by default"),
    ]},
    Table { name: "calendar", keys: &[
        key("utc_offset", K::Text, D("\"+08:00\""), "开课安排中的时间是这个时区的当地时间，日历文件中换算为 UTC", "the times in course sessions are local to this offset; calendar files convert them to UTC"),
    ]},
    Table { name: "search", keys: &[
        key("enabled", K::Bool, D("true"), "`false`：不生成索引、检索页面和检索框", "`false`: no index, search pages or search box"),
        key("synonyms", K::TextListList, D("[]"), "同义词组的列表，每组是等价的词：`[[\"PCT\", \"专利合作条约\"], …]`；一个词只能属于一组", "groups of equivalent terms: `[[\"PCT\", \"专利合作条约\"], …]`; a term belongs to one group at most"),
    ]},
    Table { name: "check", keys: &[
        key("summary_max", K::Count, D("160"), "摘要的最大宽度（一个汉字计 2），超过时警告；`0` 表示不检查", "the widest summary (a Chinese character counts two), warned about beyond it; `0` turns it off"),
        key("skip_hosts", K::TextList, D("[]"), "`check --external` 不访问的主机：`example.com` 只指该主机，`*.cnipa.gov.cn` 指该域名及其下所有主机", "hosts `check --external` never requests: `example.com` is that host only, `*.cnipa.gov.cn` the domain and every host under it"),
        key("connect_timeout", K::Count, D("5"), "建立连接（含域名解析）最多等待的秒数（最多 3600）", "seconds to wait for a connection, name lookup included (at most 3600)"),
        key("timeout", K::Count, D("15"), "单个请求最多用的秒数（最多 3600）", "seconds one request may take in all (at most 3600)"),
        key("concurrency", K::Count, D("8"), "同时进行的请求数", "requests in flight at once"),
        key("host_concurrency", K::Count, D("2"), "对同一主机同时进行的请求数", "requests in flight to one host at once"),
        key("host_interval_ms", K::Count, D("500"), "对同一主机两次请求开始之间的毫秒数", "milliseconds between the starts of two requests to one host"),
        key("cache_days", K::Count, D("7"), "访问正常的链接多少天内不再访问（最多 3650）；`0` 表示每次都访问", "days a link that worked is not requested again (at most 3650); `0` requests every link every time"),
        key("external_timeout", K::Count, D("300"), "整个 `check --external` 最多运行的秒数（最多 3600）；`--external-timeout` 可替换", "seconds the whole `check --external` may take (at most 3600); `--external-timeout` replaces it"),
    ]},
    Table { name: "cms", keys: &[
        key("backend", K::Text, Required, "内容保存到哪里：`github`、`gitlab`、`gitea`、`git-gateway`，或在本机编辑用的 `proxy`", "where the CMS saves: `github`, `gitlab`, `gitea`, `git-gateway`, or `proxy` for editing on one's own computer"),
        key("repo", K::Text, Optional, "代码仓库 `所有者/名称`（`github`、`gitlab`、`gitea` 必填）", "the repository as `owner/name` (required for `github`, `gitlab`, `gitea`)"),
        key("branch", K::Text, D("\"main\""), "CMS 提交到的分支", "the branch the CMS commits to"),
        key("media_folder", K::Text, D("\"static/uploads\""), "上传图片存放的文件夹（从门户根目录算起）；简报的图片放在简报自己的文件夹中", "where uploaded images go, from the portal's root; a brief's images go in its own folder"),
        key("base_url", K::Text, Optional, "OAuth 服务的地址（GitHub：门户使用的认证服务；Gitea：Gitea 服务器）", "the OAuth server's address (GitHub: the authentication service the portal uses; Gitea: the Gitea server)"),
        key("auth_endpoint", K::Text, Optional, "`base_url` 上 OAuth 入口的路径（Decap 默认 `auth`）", "the path of the OAuth endpoint on `base_url` (Decap's default `auth`)"),
        key("api_root", K::Text, Optional, "自建 GitLab 或 Gitea 的 API 地址（如 `https://git.example.edu.cn/api/v4`）", "the API of a self-hosted GitLab or Gitea (`https://git.example.edu.cn/api/v4`)"),
        key("app_id", K::Text, Optional, "OAuth 应用的 ID（GitLab 用 PKCE 登录、Gitea）", "the OAuth application's id (GitLab with PKCE, Gitea)"),
        key("proxy_url", K::Text, Optional, "本地代理的地址（仅 `proxy`；默认 `http://localhost:8081/api/v1`）", "the local proxy's address (`proxy` only; default `http://localhost:8081/api/v1`)"),
    ]},
    Table { name: "services", keys: &[
        key("review_months", K::Count, D("12"), "服务项目的 `reviewed` 日期超过多少个月时 `check` 提醒核对；`0` 表示不提醒", "months after which `check` warns that a service's `reviewed` date is old; `0` turns it off"),
    ]},
];

/// The table called `name`.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys the parser accepts in the table that `source` opens, read from serde's answer
    /// to an unknown key ("unknown field `zz`, expected one of `a`, `b`").
    fn accepted(source: &str) -> Vec<String> {
        let errors = super::super::parse(source).unwrap_err();
        let message = &errors[0].message;
        let expected = message
            .split_once("expected")
            .unwrap_or_else(|| panic!("{message}"))
            .1;
        expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn every_key_the_parser_accepts_is_declared_and_no_other() {
        let minimal = super::super::MINIMAL_FOR_TESTS;
        let cases = [
            (
                "",
                minimal.replace("default_language", "zz_unknown = 1\ndefault_language"),
            ),
            (
                "languages.<code>",
                minimal.replace("title = \"中心\"", "title = \"中心\"\nzz_unknown = 1"),
            ),
            (
                "types.<type>",
                format!("{minimal}\n[types.guide]\nzz_unknown = 1\n"),
            ),
            (
                "[taxonomies]",
                format!(
                    "{minimal}\n[[taxonomies]]\nname = \"a\"\nlabel = {{ zh = \"甲\" }}\nzz_unknown = 1\n"
                ),
            ),
            ("patents", format!("{minimal}\n[patents]\nzz_unknown = 1\n")),
            ("ipc", format!("{minimal}\n[ipc]\nzz_unknown = 1\n")),
            (
                "calendar",
                format!("{minimal}\n[calendar]\nzz_unknown = 1\n"),
            ),
            ("search", format!("{minimal}\n[search]\nzz_unknown = 1\n")),
            ("check", format!("{minimal}\n[check]\nzz_unknown = 1\n")),
            (
                "cms",
                format!("{minimal}\n[cms]\nbackend = \"proxy\"\nzz_unknown = 1\n"),
            ),
            (
                "services",
                format!("{minimal}\n[services]\nzz_unknown = 1\n"),
            ),
        ];
        assert_eq!(cases.len(), TABLES.len(), "a table without a case here");
        for (name, source) in cases {
            let mut parsed = accepted(&source);
            let mut declared: Vec<String> = table(name)
                .unwrap()
                .keys
                .iter()
                .map(|k| k.name.to_string())
                .collect();
            parsed.sort();
            declared.sort();
            assert_eq!(
                declared, parsed,
                "[{name}]: declared in TABLES vs. accepted by the parser"
            );
        }
    }

    #[test]
    fn every_key_is_described_in_both_languages() {
        for t in TABLES {
            for k in t.keys {
                assert!(
                    !k.zh.is_empty() && !k.en.is_empty(),
                    "{}.{}",
                    t.name,
                    k.name
                );
            }
        }
    }

    #[test]
    fn the_declared_defaults_are_the_parsers() {
        let config = super::super::parse(super::super::MINIMAL_FOR_TESTS).unwrap();
        let default = |t: &str, k: &str| {
            table(t)
                .unwrap()
                .keys
                .iter()
                .find(|x| x.name == k)
                .map(|x| match x.need {
                    Need::Default(d) => Some(d),
                    Need::Required | Need::Optional => None,
                })
                .unwrap()
        };
        assert_eq!(
            default("", "paginate_by"),
            Some(config.paginate_by.to_string().as_str())
        );
        assert_eq!(
            default("", "theme"),
            Some(format!("\"{}\"", config.theme).as_str())
        );
        assert_eq!(
            default("calendar", "utc_offset"),
            Some(format!("\"{}\"", config.calendar.utc_offset).as_str())
        );
        assert_eq!(
            default("ipc", "url"),
            Some(format!("\"{}\"", config.ipc.url).as_str())
        );
        assert_eq!(
            default("ipc", "link"),
            Some(config.ipc.link.to_string().as_str())
        );
        assert_eq!(
            default("patents", "links"),
            Some(config.patents.links.to_string().as_str())
        );
        assert_eq!(
            default("search", "enabled"),
            Some(config.search.enabled.to_string().as_str())
        );
        let c = &config.check;
        for (k, v) in [
            ("summary_max", c.summary_max as u64),
            ("connect_timeout", c.connect_timeout),
            ("timeout", c.timeout),
            ("concurrency", c.concurrency as u64),
            ("host_concurrency", c.host_concurrency as u64),
            ("host_interval_ms", c.host_interval_ms),
            ("cache_days", c.cache_days),
            ("external_timeout", c.external_timeout),
        ] {
            assert_eq!(
                default("check", k),
                Some(v.to_string().as_str()),
                "[check] {k}"
            );
        }
    }
}
