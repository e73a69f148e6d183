//! The kinds of diagnostic, declared once: [`Code`], each with its severity and what it means
//! and how to fix it, in Chinese and English. The user guide's chapter of diagnostics is
//! generated from this table (`reference`).

use std::fmt;

use serde::Serialize;

use super::diagnostics::Severity;

/// The language a message or a chapter of the user guide is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Chinese.
    Zh,
    /// English.
    En,
}

/// Declares [`Code`] with its severity, meaning and fix in both languages in one table, so the
/// list of codes documents itself: the user guide's chapter of diagnostics is generated from it
/// (`reference`), and a test checks that no text is empty.
macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident {
        en: $en:literal,
        zh: $zh:literal,
        fix_en: $fix_en:literal,
        fix_zh: $fix_zh:literal,
    },)+) => {
        /// The kind of a diagnostic: a stable name such as `link/broken`, shown in every output
        /// format. Codes are never renamed; new ones may be added.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $en] $variant,)+
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &[Code] = &[$(Code::$variant,)+];

            /// The stable name (`link/broken`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)+
                }
            }

            /// The severity the code is reported with.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)+
                }
            }

            /// One line saying what the code means, in `lang` (Markdown: may hold `code`).
            pub fn meaning(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Code::$variant, Lang::En) => $en,
                      (Code::$variant, Lang::Zh) => $zh,)+
                }
            }

            /// One line saying how to fix it, in `lang` (Markdown: may hold `code` and links
            /// into the user guide).
            pub fn fix(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Code::$variant, Lang::En) => $fix_en,
                      (Code::$variant, Lang::Zh) => $fix_zh,)+
                }
            }
        }
    };
}

#[rustfmt::skip]
codes! {
    ConfigInvalid = "config/invalid", Error {
        en: "site.toml cannot be read or has a wrong or missing setting (also a bad `--base-url`)",
        zh: "`site.toml` 无法读取，或某项设置错误、缺失（也包括错误的 `--base-url`）",
        fix_en: "fix `site.toml` as the message says; an unknown key gets the closest spelling; see the [site.toml reference](@/reference/site-toml.md)",
        fix_zh: "按提示修改 `site.toml`；未知的设置项会提示最接近的写法，见 [site.toml 参考](@/reference/site-toml.md)",
    },
    ContentMissing = "content/missing", Error {
        en: "the portal has no content/ folder",
        zh: "门户没有 `content/` 文件夹",
        fix_en: "make sure you are in the portal's folder, or that `--root` points at it",
        fix_zh: "检查是否在门户文件夹中运行，或 `--root` 是否指对了位置",
    },
    FileUnreadable = "file/unreadable", Error {
        en: "a file or folder cannot be read",
        zh: "某个文件或文件夹无法读取",
        fix_en: "check its permissions, or whether another program holds it",
        fix_zh: "检查文件权限，是否被其他程序占用",
    },
    FileEncoding = "file/encoding", Error {
        en: "a file or file name is not valid UTF-8",
        zh: "文件内容或文件名不是 UTF-8 编码",
        fix_en: "save the file as UTF-8 in your editor",
        fix_zh: "在编辑器中以 UTF-8 编码另存（记事本：“另存为”→ 编码选 UTF-8）",
    },
    FileSymlink = "file/symlink", Warning {
        en: "a symbolic link in content/, static/ or a theme, which is not followed",
        zh: "`content/`、`static/` 或主题中有符号链接（快捷方式），不会被跟随",
        fix_en: "copy the file itself in",
        fix_zh: "把文件本身复制进来",
    },
    FileName = "file/name", Error {
        en: "a content file name that cannot be placed (such as an unknown language suffix)",
        zh: "无法识别的内容文件名，如未知的语言后缀（`x.fr.md` 而 `site.toml` 中没有 `fr`）",
        fix_en: "rename the file, or add the language to `site.toml`",
        fix_zh: "改文件名，或在 `site.toml` 中添加该语言",
    },
    FrontMatterSyntax = "front-matter/syntax", Error {
        en: "the front matter is missing, not closed, not a map, not valid YAML, too large or too deeply nested",
        zh: "页面头部字段缺失、没有结束的 `---`、不是“字段: 值”的形式、YAML 格式错误，或过大、嵌套过深",
        fix_en: "check the space after each colon; quote values that contain a colon",
        fix_zh: "检查冒号后的空格；含英文冒号的值加英文双引号",
    },
    FrontMatterUnknownField = "front-matter/unknown-field", Error {
        en: "a front matter field that the page, section or content type does not have",
        zh: "该页面、栏目或内容类型没有这个字段",
        fix_en: "fix it as \"did you mean\" suggests; put free values under `extra:`, or declare the field under `[types.<type>] fields` in `site.toml`",
        fix_zh: "按 “did you mean” 提示改正；自定义值写在 `extra:` 下，或在 `site.toml` 的 `[types.<类型>] fields` 中声明",
    },
    FrontMatterMissingField = "front-matter/missing-field", Error {
        en: "a required front matter field is missing",
        zh: "缺少必填字段",
        fix_en: "add it; `required` in `site.toml` says which fields are required",
        fix_zh: "补上该字段；必填字段由 `site.toml` 的 `required` 决定",
    },
    FrontMatterInvalidValue = "front-matter/invalid-value", Error {
        en: "a front matter field has a value of the wrong kind (a date, number, slug, IPC code, session…)",
        zh: "字段值类型不对：日期、数字、网址片段（slug）、IPC 分类号、开课安排等",
        fix_en: "write it in the form the message gives, such as `2025-03-01` for a date",
        fix_zh: "按信息中给出的正确形式修改，如日期写 `2025-03-01`",
    },
    TaxonomyUnknownTerm = "taxonomy/unknown-term", Error {
        en: "a term that is not in the taxonomy's vocabulary in site.toml",
        zh: "分类词不在 `site.toml` 的词表中",
        fix_en: "write the term's key, not its label; add a new term to `site.toml` first; see [Vocabularies](@/guide/taxonomies.md)",
        fix_zh: "写词的键而不是显示名称；确需新词时先在 `site.toml` 中添加，见[受控词表](@/guide/taxonomies.md)",
    },
    UrlDuplicate = "url/duplicate", Error {
        en: "two pages or sections have the same URL or alias, or an alias or static file lands on a generated page",
        zh: "两个页面或栏目网址相同（或别名相同），或别名、静态文件与生成的页面重名",
        fix_en: "change one's file name, `slug` or `aliases`",
        fix_zh: "修改其中一个的文件名、`slug` 或 `aliases`",
    },
    UrlUnsafe = "url/unsafe", Error {
        en: "a URL in front matter or data uses a scheme other than http:, https:, mailto:, tel: or a relative URL (such as `javascript:`)",
        zh: "页面头部字段或数据中的网址使用了 http:、https:、mailto:、tel: 和相对地址以外的协议（如 `javascript:`）",
        fix_en: "use an ordinary web address",
        fix_zh: "改用正常的网页地址",
    },
    LinkBroken = "link/broken", Error {
        en: "an `@/` link names no page or section under content/",
        zh: "`@/` 链接指向的页面或栏目在 `content/` 中不存在",
        fix_en: "check the path; update links after renaming or deleting a page",
        fix_zh: "核对路径；页面改名或删除后要同步修改链接",
    },
    LinkAnchor = "link/anchor", Error {
        en: "an `@/…#anchor` link names a heading the target does not have",
        zh: "`@/…#锚点` 链接指向的标题在目标页面中不存在",
        fix_en: "check the heading's anchor; give headings explicit `{#anchors}`",
        fix_zh: "核对标题的锚点，建议给标题指定 `{#锚点}`",
    },
    ImageMissing = "image/missing", Error {
        en: "an image a page shows (Markdown `![…](x.png)` or `figure`) does not exist or is on another host",
        zh: "页面显示的图片（`![…](x.png)` 或 `figure`）不存在，或放在其他网站上",
        fix_en: "put the image in the page's folder or `static/`; never show images from other sites",
        fix_zh: "把图片放进页面文件夹或 `static/`，不要引用外站图片",
    },
    AttachmentMissing = "attachment/missing", Error {
        en: "a file named by `download` does not exist or is on another host",
        zh: "`download` 短代码指定的文件不存在，或在其他网站上",
        fix_en: "put the file in the page's folder or `static/`; link to files on other sites with an ordinary link instead",
        fix_zh: "把文件放进页面文件夹或 `static/`；其他网站上的文件请用普通链接",
    },
    ShortcodeUnknown = "shortcode/unknown", Error {
        en: "a shortcode name that does not exist",
        zh: "没有这个短代码（如把 `callout` 写成 `calout`）",
        fix_en: "fix it as suggested; see [Shortcodes](@/guide/shortcodes/index.md)",
        fix_zh: "按提示改正，可用的短代码见[短代码](@/guide/shortcodes/index.md)",
    },
    ShortcodeInvalid = "shortcode/invalid", Error {
        en: "a shortcode that is malformed, unpaired, or has a wrong argument",
        zh: "短代码写法错误、开始和结束标记不成对，或参数错误、缺失",
        fix_en: "check its arguments; a `callout`'s start and end tags each on a line of their own",
        fix_zh: "核对参数；`callout` 的开始和结束标记各占一行",
    },
    DataInvalid = "data/invalid", Error {
        en: "a brief's data file is missing or invalid, or illustrative while its page is not",
        zh: "简报的数据文件缺失或有错，或数据标为示例而页面没有标 `illustrative: true`",
        fix_en: "fix the file at the line the message names; see [Patent briefs](@/guide/briefs.md)",
        fix_zh: "按信息中的文件和行号修改，见[专利简报](@/guide/briefs.md)",
    },
    DataExport = "data/export", Warning {
        en: "a brief's raw export has rows that are not counted as written (a malformed date, number or code, a missing value) or legal-status words with no mapping",
        zh: "简报的原始导出文件中有未能按原样统计的行（日期、数字、分类号格式错误，缺少值），或有无法对应的法律状态用语",
        fix_en: "look at the rows listed; often nothing needs doing, the counts say what happened",
        fix_zh: "查看列出的行；大多可以不处理，统计结果已说明",
    },
    ThemeMissing = "theme/missing", Error {
        en: "the theme folder named in site.toml does not exist",
        zh: "`site.toml` 中 `theme` 指定的主题文件夹不存在",
        fix_en: "write `theme = \"default\"`, or add the theme",
        fix_zh: "改为 `theme = \"default\"`，或放入该主题",
    },
    TemplateMissing = "template/missing", Error {
        en: "a template the portal needs is in neither the theme nor templates/",
        zh: "网站需要的模板在主题和 `templates/` 中都找不到（包括页面 `template` 字段指定的模板）",
        fix_en: "check the template's file name",
        fix_zh: "检查模板文件名",
    },
    TemplateError = "template/error", Error {
        en: "a template does not compile or fails while rendering a page",
        zh: "模板无法编译，或渲染某页时出错",
        fix_en: "pass it to whoever looks after the templates: the message names the template and line",
        fix_zh: "交给维护模板的同事，信息中有模板文件和行号",
    },
    StringsInvalid = "strings/invalid", Error {
        en: "an interface strings file (i18n/) is invalid or lacks a string",
        zh: "界面文字文件（`i18n/`）有误或缺少某个文字",
        fix_en: "add the key the message names; see [Languages](@/guide/languages.md)",
        fix_zh: "按信息补上缺少的键，见[多语言](@/guide/languages.md)",
    },
    AssetInvalid = "asset/invalid", Error {
        en: "`build --minify`: a stylesheet or script does not parse (or is not UTF-8 text), so it cannot be minified",
        zh: "`build --minify` 时某个样式表或脚本无法解析（或不是 UTF-8 文本），无法压缩",
        fix_en: "fix that file's syntax",
        fix_zh: "修正该文件的语法",
    },
    OutputWrite = "output/write", Error {
        en: "the output cannot be written",
        zh: "无法写出生成的网站",
        fix_en: "check the disk space and the output folder's permissions",
        fix_zh: "检查磁盘空间和输出文件夹的权限",
    },
    OutputUnsafe = "output/unsafe", Error {
        en: "the output folder holds files ipportal did not write, or is the portal, one of its source folders or a folder inside one",
        zh: "输出文件夹中有不是 ipportal 写出的文件，或输出文件夹就是门户本身、它的某个源文件夹或其中的子文件夹",
        fix_en: "use a new or empty output folder; if you are sure, `--force`; see [Safety](@/guide/safety.md)",
        fix_zh: "换一个新的或空的输出文件夹；确认无误时可加 `--force`，见[安全](@/guide/safety.md)",
    },
    OutputLocked = "output/locked", Error {
        en: "another build is writing into the same output folder",
        zh: "另一次生成正在写同一个输出文件夹",
        fix_en: "wait for the other build to finish",
        fix_zh: "等待另一次生成结束",
    },
    ServeFailed = "serve/failed", Error {
        en: "the preview server cannot start or watch the files",
        zh: "预览服务器无法启动或无法监视文件",
        fix_en: "try another port, `--port 8080`, or check the folder's permissions",
        fix_zh: "换一个端口 `--port 8080`，或检查文件夹权限",
    },
    NewNotEmpty = "new/not-empty", Error {
        en: "`ipportal new` was given a folder that is not empty",
        zh: "`ipportal new` 指定的文件夹不是空的",
        fix_en: "choose a new folder name",
        fix_zh: "换一个新文件夹名",
    },
    NewExists = "new/exists", Error {
        en: "`ipportal new <type> PATH`: a file it would write exists (it never overwrites one)",
        zh: "`ipportal new 类型 PATH` 要写的文件已存在（它从不覆盖文件）",
        fix_en: "choose another PATH, or edit the file that is there",
        fix_zh: "换一个 PATH，或直接编辑已有的文件",
    },
    NewInvalid = "new/invalid", Error {
        en: "`ipportal new <type> PATH`: an unknown type or language, a PATH outside content/, a lesson outside a course, or an unknown placeholder in an archetype",
        zh: "`ipportal new 类型 PATH`：未知的类型或语言、PATH 不在 `content/` 中、课时不在课程文件夹中，或模板中有未知的占位符",
        fix_en: "correct the command or the archetype as the message says; see [New pages](@/guide/content.md#new-page)",
        fix_zh: "按信息改正命令或模板，见[新建页面](@/guide/content.md#new-page)",
    },
    CmsStale = "cms/stale", Warning {
        en: "`static/admin/config.yml`, the CMS configuration the portal keeps, is not what `ipportal cms` writes from site.toml now",
        zh: "门户保存的 CMS 配置 `static/admin/config.yml` 与 `ipportal cms` 按当前 site.toml 生成的不一致",
        fix_en: "run `ipportal cms --output static/admin/config.yml` again, or delete the copy and let `[cms]` write it; see [Editing with the CMS](@/guide/cms/index.md)",
        fix_zh: "重新运行 `ipportal cms --output static/admin/config.yml`，或删除这份副本，改由 `[cms]` 在构建时生成；见[用 CMS 编辑](@/guide/cms/index.md)",
    },
    CmsFileName = "cms/file-name", Warning {
        en: "`[cms]` is on and default-language pages are named `x.md`: Decap CMS opens only `x.<language>.md`, so it cannot open them; `check` only",
        zh: "启用了 `[cms]`，但默认语言的页面文件名不带语言（`名称.md`）：Decap CMS 只打开 `名称.语言.md`，这些页面在 CMS 中打不开（仅 `check`）",
        fix_en: "list the renames with `ipportal cms --rename`, then make them with `ipportal cms --rename --apply`; see [Editing with the CMS](@/guide/cms/index.md#existing)",
        fix_zh: "先用 `ipportal cms --rename` 查看要改的文件名，再用 `ipportal cms --rename --apply` 改名；见[用 CMS 编辑](@/guide/cms/index.md#existing)",
    },
    ServiceIncomplete = "service/incomplete", Warning {
        en: "a service does not say what the user receives (`deliverables`), how long it takes (`turnaround`), what it costs (`fees`) or how to ask for it (`request`); `check` only",
        zh: "服务项目没写服务成果（`deliverables`）、办理周期（`turnaround`）、收费标准（`fees`）或申请方式（`request`）（仅 `check`）",
        fix_en: "add `deliverables`, `turnaround`, `fees` or `request`; see [The service catalogue and the team](@/guide/services.md)",
        fix_zh: "补写 `deliverables`、`turnaround`、`fees` 或 `request`，见[服务目录与服务团队](@/guide/services.md)",
    },
    ServiceStale = "service/stale", Warning {
        en: "a service's `reviewed` date is more than `[services] review_months` ago; `check` only",
        zh: "服务项目的 `reviewed` 日期早于 `[services] review_months` 个月前（仅 `check`）",
        fix_en: "check the entry with the team, then set `reviewed` to today",
        fix_zh: "与负责人核对条目后，把 `reviewed` 改为当天日期",
    },
    TranslationMissing = "translation/missing", Warning {
        en: "a page has no version in one of the portal's languages",
        zh: "页面缺少某种语言的版本",
        fix_en: "write the translation (`name.en.md`)",
        fix_zh: "补写译文（`名称.en.md`）",
    },
    TitleDuplicate = "title/duplicate", Warning {
        en: "two pages of one section have the same title",
        zh: "同一栏目中两页标题相同",
        fix_en: "tell them apart",
        fix_zh: "让标题有所区别",
    },
    PageOrphan = "page/orphan", Warning {
        en: "no other page links to the page and no list reaches it",
        zh: "没有任何页面链接到它，也没有列表列出它（仅 `check`）",
        fix_en: "link it from the home page or a related page; see [Orphan pages](@/guide/check.md#orphans)",
        fix_zh: "从首页或相关页面链接它，见[孤立页面](@/guide/check.md#orphans)",
    },
    SummaryTooLong = "summary/too-long", Warning {
        en: "a summary is longer than `[check] summary_max`",
        zh: "摘要超过 `[check] summary_max`（仅 `check`）",
        fix_en: "shorten it to about 160 letters or 80 Chinese characters",
        fix_zh: "缩短摘要，约 80 个汉字以内",
    },
    ExternalBroken = "external/broken", Error {
        en: "`check --external`: a link to another site is certainly broken (404/410, no such host, malformed URL)",
        zh: "外部链接肯定失效：404/410、域名不存在、网址格式错误",
        fix_en: "fix or remove it",
        fix_zh: "修改或删除该链接",
    },
    ExternalMoved = "external/moved", Warning {
        en: "`check --external`: a link to another site has moved permanently (301/308) to a page that works",
        zh: "外部链接已永久迁移（301/308）到一个能打开的页面",
        fix_en: "link to the new address",
        fix_zh: "改为链接到新地址",
    },
    ExternalUnverified = "external/unverified", Warning {
        en: "`check --external`: a link to another site could not be confirmed (refused, rate limited, too slow, unreachable, a redirect loop)",
        zh: "无法确认：被拒绝、请求过于频繁、超时、无法连接、跳转循环",
        fix_en: "open it yourself; add hosts that always do this to `[check] skip_hosts`",
        fix_zh: "人工打开看看；经常如此的网站可加入 `[check] skip_hosts`",
    },
    ExternalOffline = "external/offline", Warning {
        en: "`check --external`: no server answered at all, so the machine seems to have no network",
        zh: "所有网站都没有响应，本机似乎没有联网",
        fix_en: "run it again when online",
        fix_zh: "联网后再运行",
    },
    ExternalCache = "external/cache", Warning {
        en: "`check --external`: the link cache `.ipportal/link-cache.json` cannot be written",
        zh: "无法写入链接缓存 `.ipportal/link-cache.json`",
        fix_en: "check the portal folder's permissions",
        fix_zh: "检查门户文件夹的写权限",
    },
    ImageNoAlt = "image/no-alt", Warning {
        en: "an image without alternative text (Markdown `![](x.png)`, a figure's empty `alt`)",
        zh: "图片没有替代文字",
        fix_en: "say what it shows in `![…]` or in the `figure`'s `alt`",
        fix_zh: "在 `![…]` 的方括号中或 `figure` 的 `alt` 中说明图片内容",
    },
    HeadingSkipped = "heading/skipped-level", Warning {
        en: "a heading level is skipped in a body (`##` then `####`; the page title is the h1)",
        zh: "正文标题跳级（`##` 之后直接 `####`；页面标题是一级标题）",
        fix_en: "use one level after another",
        fix_zh: "逐级使用标题",
    },
    LinkVagueText = "link/vague-text", Warning {
        en: "link text that says nothing out of context (\"点击这里\", \"click here\", \"more\")",
        zh: "链接文字脱离上下文就看不懂（“点击这里”“click here”“更多”）",
        fix_en: "put the destination in the link text",
        fix_zh: "把去向写进链接文字",
    },
    ChartNoDescription = "chart/no-description", Warning {
        en: "a figure (a chart, a diagram) has no caption saying what it shows",
        zh: "图（图表、示意图）没有说明文字",
        fix_en: "give the `figure` a `caption`",
        fix_zh: "给 `figure` 写 `caption`",
    },
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::path::Path;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let names: std::collections::HashSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), Code::ALL.len());
        for name in names {
            let (area, kind) = name.split_once('/').expect("area/kind");
            for part in [area, kind] {
                assert!(
                    !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn every_code_says_what_it_means_and_how_to_fix_it_in_both_languages() {
        for code in Code::ALL {
            for lang in [Lang::Zh, Lang::En] {
                assert!(!code.meaning(lang).trim().is_empty(), "{code} {lang:?}");
                assert!(!code.fix(lang).trim().is_empty(), "{code} {lang:?}");
            }
            // The Chinese is Chinese, not a copy of the English.
            for text in [code.meaning(Lang::Zh), code.fix(Lang::Zh)] {
                assert!(
                    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{code}: {text}"
                );
            }
        }
    }

    /// Every `Diagnostic::error(Code::X` and `Diagnostic::warning(Code::X` in the sources, so the
    /// severity the guide gives each code is the one it is reported with.
    #[test]
    fn codes_are_reported_with_their_declared_severity() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut seen = 0;
        for entry in walkdir::WalkDir::new(src) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for (constructor, severity) in
                [("error", Severity::Error), ("warning", Severity::Warning)]
            {
                for (at, _) in text.match_indices(&format!("Diagnostic::{constructor}(")) {
                    let rest = text[at..].split_once('(').unwrap().1.trim_start();
                    let Some(rest) = rest.strip_prefix("Code::") else {
                        continue;
                    };
                    let variant: String =
                        rest.chars().take_while(|c| c.is_alphanumeric()).collect();
                    // `Code::X` in this comment names no code; the compiler checks real ones.
                    let Some(code) = Code::ALL.iter().find(|c| format!("{c:?}") == variant) else {
                        continue;
                    };
                    assert_eq!(
                        code.severity(),
                        severity,
                        "{code} in {}",
                        entry.path().display()
                    );
                    seen += 1;
                }
            }
        }
        assert!(seen > 40, "only {seen} diagnostics found");
    }
}
