//! The built-in front matter fields, declared once: [`FIELDS`]. Which fields a page or section
//! may have, which names a taxonomy may not take, the fields that come with `data`, the reader
//! of each field (`content::front_matter::read`, by an exhaustive match on [`Core`]) and, later,
//! the user guide's reference and the CMS's form all come from this table.
//!
//! Adding a built-in field: one entry here (with a [`Core`] variant when it is read into
//! `FrontMatter`), and its handling in `content/front_matter/read.rs`, which the compiler asks
//! for. The tests here and there check that both agree.

/// A built-in front matter field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The name written in front matter.
    pub name: &'static str,
    /// Where the field may be written, and how it is read.
    pub home: Home,
    /// What kind of value it takes.
    pub kind: ValueKind,
    /// Whether a page or section must have it.
    pub required: Required,
    /// What it means, in one line of Chinese.
    pub zh: &'static str,
    /// What it means, in one line of English.
    pub en: &'static str,
}

/// Whether front matter belongs to a page or to a section's `_index.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A page.
    Page,
    /// A section.
    Section,
}

/// Where a field may be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Home {
    /// Every page, whatever its type; read into `FrontMatter`.
    Page(Core),
    /// Every section's `_index.md`; read into `FrontMatter`.
    Section(Core),
    /// Both pages and sections; read into `FrontMatter`.
    Both(Core),
    /// A content type's field with a meaning to the engine: `data`, a brief's data file. A type
    /// has it when `site.toml` lists it in the type's `fields` or `required`.
    Data,
    /// Comes with `data`: a type that has `data` has these too, without declaring them. Kept
    /// with the type's fields (`page.fields`).
    WithData,
    /// A field of the built-in type named here (`service`, `person`): its pages have it without
    /// declaring it in `site.toml`. Kept with the type's fields (`page.fields`) and read by
    /// `content::services`.
    Type(&'static str),
}

/// The built-in fields read into `FrontMatter`, one variant per [`FIELDS`] entry whose home is
/// a page, a section or both: the reader matches on it, so the compiler checks that each is
/// handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // each variant is the field of the same name, described in FIELDS
pub enum Core {
    Title,
    Date,
    Updated,
    Summary,
    Weight,
    Draft,
    Slug,
    Aliases,
    Type,
    Illustrative,
    Template,
    Search,
    Extra,
    PatentLinks,
    CitedPatents,
    Ipc,
    SortBy,
    PaginateBy,
}

/// The kind of value a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A line of text (a number is read as text).
    Text,
    /// `YYYY-MM-DD` or an RFC 3339 date-time.
    Date,
    /// `true` or `false`.
    Bool,
    /// A whole number, negative or not.
    Integer,
    /// A whole number of at least 1.
    Count,
    /// One of the given words.
    Choice(&'static [&'static str]),
    /// One of the portal's content types (built in or declared in `site.toml`).
    ContentType,
    /// A list of text.
    List,
    /// A list of terms of a vocabulary.
    Terms(Vocabulary),
    /// One URL segment (no `/`, `?`, `#` or spaces).
    Slug,
    /// A file name relative to the page's folder.
    Path,
    /// A template file name under the theme's `templates/`.
    Template,
    /// A map of `name: value` lines, with the names it takes.
    Map(Keys),
    /// A time span: `5-10 working days`, `3 周`, `1 个月` (see `content::services`).
    Turnaround,
    /// A fee per audience: `faculty: free`, `enterprises: 2000 元` (see `content::services`).
    Fees,
}

/// The names a map field takes (the CMS gives a map of known names a form of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// Any names (`extra`, a brief's `columns`).
    Free,
    /// The portal's language codes (a person's `name: {zh: 张明, en: Zhang Ming}`).
    Languages,
    /// These names (a service's `request`, a person's `contact`).
    Named(&'static [Part]),
}

/// One name of a [`Keys::Named`] map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// The name written in front matter.
    pub name: &'static str,
    /// What kind of value it takes.
    pub kind: ValueKind,
    /// Its label in Chinese.
    pub zh: &'static str,
    /// Its label in English.
    pub en: &'static str,
}

/// A service's `request`: how to ask for it.
#[rustfmt::skip]
const REQUEST: &[Part] = &[
    part("form", V::Text, "申请表（本页旁的文件或网址）", "Request form (a file beside the page, or a URL)"),
    part("link", V::Text, "申请系统网址", "Link to the request system"),
    part("email", V::Text, "申请邮箱", "E-mail address"),
    part("subject", V::Text, "邮件主题", "E-mail subject"),
    part("fields", V::List, "邮件中需写明的内容", "What the e-mail should say"),
];

/// A person's `contact`.
#[rustfmt::skip]
const CONTACT: &[Part] = &[
    part("email", V::Text, "邮箱", "E-mail"),
    part("phone", V::Text, "电话", "Phone"),
    part("office", V::Text, "办公室", "Office"),
];

const fn part(name: &'static str, kind: ValueKind, zh: &'static str, en: &'static str) -> Part {
    Part { name, kind, zh, en }
}

/// A vocabulary a field's terms are checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    /// IPC codes (`G06F 16/33`).
    Ipc,
    /// Patent publication numbers (`CN112345678A`).
    PatentNumbers,
    /// The keys of the portal's `disciplines` taxonomy.
    Disciplines,
}

/// Whether a page or section must have a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    /// Always.
    Always,
    /// When its content type lists it in `[types.<type>] required` in `site.toml` (no built-in
    /// type requires a field by default).
    ByType,
}

use Home::{Both, Data, Page, Section, Type, WithData};
use Required::{Always, ByType};
use ValueKind as V;

/// Every built-in front matter field, in the order the user guide lists them.
#[rustfmt::skip]
pub const FIELDS: &[Field] = &[
    field("title", Both(Core::Title), V::Text, Always, "标题", "The title"),
    field("date", Page(Core::Date), V::Date, ByType, "发布日期", "Publication date"),
    field("updated", Page(Core::Updated), V::Date, ByType, "最近一次实质更新的日期", "Date of the last substantive update"),
    field("summary", Both(Core::Summary), V::Text, ByType, "编辑撰写的摘要，用于列表和搜索结果", "Summary written by the editor, shown in lists and search results"),
    field("weight", Both(Core::Weight), V::Integer, ByType, "排序权重，小的在前（课时、栏目）", "Sort weight, lowest first (lessons, sections)"),
    field("draft", Both(Core::Draft), V::Bool, ByType, "草稿：除非使用 `--drafts`，否则不发布", "A draft: left out unless `--drafts`"),
    field("slug", Page(Core::Slug), V::Slug, ByType, "替换网址的最后一段", "Replaces the last segment of the URL"),
    field("aliases", Both(Core::Aliases), V::List, ByType, "重定向到本页的旧网址", "Old URL paths that redirect here"),
    field("type", Both(Core::Type), V::ContentType, ByType, "内容类型（默认继承自所在栏目）", "Content type (inherited from the section unless given)"),
    field("illustrative", Page(Core::Illustrative), V::Bool, ByType, "显示“示例数据”提示", "Shows the \"illustrative data\" banner"),
    field("template", Page(Core::Template), V::Template, ByType, "代替类型模板渲染本页的模板", "Template to render the page with instead of its type's"),
    field("search", Both(Core::Search), V::Bool, ByType, "为 `false` 时不进入站内检索", "`false` leaves the page out of the search index"),
    field("extra", Both(Core::Extra), V::Map(Keys::Free), ByType, "供模板使用的自由字段", "Free values for templates"),
    field("patent_links", Page(Core::PatentLinks), V::Bool, ByType, "为 `false` 时本页的专利号不加链接", "`false` leaves the page's patent numbers unlinked"),
    field("cited_patents", Page(Core::CitedPatents), V::Bool, ByType, "在页末列出本页引用的专利", "Lists the patents cited on the page at its end"),
    field("ipc", Page(Core::Ipc), V::Terms(Vocabulary::Ipc), ByType, "本页所属的 IPC 分类号", "IPC codes the page is classified under"),
    field("sort_by", Section(Core::SortBy), V::Choice(&["date", "weight", "title"]), ByType, "栏目内页面的排序方式", "How the section orders its pages"),
    field("paginate_by", Section(Core::PaginateBy), V::Count, ByType, "栏目列表每页的条目数", "Items per page of the section's list"),
    field("data", Data, V::Path, ByType, "简报的数据文件或专利数据库导出文件", "A brief's data file or raw patent database export"),
    field("source", WithData, V::Text, ByType, "数据来源（数据库名称）", "Where the data comes from (the database)"),
    field("search_date", WithData, V::Date, ByType, "检索日期", "The date of the search"),
    field("date_basis", WithData, V::Choice(&["priority", "application", "publication"]), ByType, "按哪个日期统计年份", "Which date a patent's year is counted by"),
    field("columns", WithData, V::Map(Keys::Free), ByType, "导出文件的列名与角色的对应", "The export's column names for each role"),
    field("incomplete_from", WithData, V::Integer, ByType, "从该年起数据尚不完整", "The first year whose figures are still incomplete"),
    field("ipc_top", WithData, V::Count, ByType, "IPC 图显示的小类数，其余合为一条“其他”（默认 12）", "IPC subclasses the chart shows, the rest as one \"Other\" bar (12 by default)"),
    field("matrix", WithData, V::Path, ByType, "技术功效矩阵的规则文件（YAML，放在简报旁）", "The technology–effect matrix's rule file (YAML, beside the brief)"),
    field("key_patents", WithData, V::Terms(Vocabulary::PatentNumbers), ByType, "重点专利的公开号", "Publication numbers of the key patents"),
    field("deliverables", Type("service"), V::List, ByType, "用户得到的成果，如查新报告（PDF）", "What the user receives, such as a novelty search report (PDF)"),
    field("sample", Type("service"), V::Path, ByType, "成果样例：简报、案例或可下载样本的链接", "A sample deliverable: a link to a brief, a case or a downloadable sample"),
    field("eligibility", Type("service"), V::List, ByType, "可以申请的人，如本校教职工、在读学生、合作企业", "Who may ask, such as staff, students, partner enterprises"),
    field("process", Type("service"), V::List, ByType, "服务流程，按先后列出各步骤", "The steps of the service, in order"),
    field("turnaround", Type("service"), V::Turnaround, ByType, "办理周期，如“5-10 个工作日”", "How long it takes, such as `5-10 working days`"),
    field("fees", Type("service"), V::Fees, ByType, "按服务对象列出收费：免费、成本价、面议或金额", "The fee per audience: free, at cost, by agreement or an amount"),
    field("request", Type("service"), V::Map(Keys::Named(REQUEST)), ByType, "申请方式：申请表（form）、系统链接（link）或邮箱（email，附 subject 和 fields）", "How to ask: a request form (`form`), a link (`link`) or an e-mail address (`email`, with `subject` and `fields`)"),
    field("contacts", Type("service"), V::List, ByType, "负责本服务的团队成员（成员页面的文件名）", "The team members who provide it (their pages' file names)"),
    field("standards", Type("service"), V::List, ByType, "依据的标准，如 GB/T 39551.7", "Standards the service follows, such as GB/T 39551.7"),
    field("service_level", Type("service"), V::Text, ByType, "服务承诺，如“1 个工作日内答复”", "The service level, such as `reply within 1 working day`"),
    field("reviewed", Type("service"), V::Date, ByType, "最近一次核对本条目的日期", "The date the entry was last checked"),
    field("related", Type("service"), V::List, ByType, "手工指定的相关页面（content/ 下的路径）", "Related pages chosen by hand (paths under content/)"),
    field("name", Type("person"), V::Map(Keys::Languages), ByType, "各语言的姓名，如 {zh: 张明, en: Zhang Ming}", "The name in each language, such as {zh: 张明, en: Zhang Ming}"),
    field("role", Type("person"), V::Text, ByType, "岗位或职务", "Role or position"),
    field("expertise", Type("person"), V::Terms(Vocabulary::Disciplines), ByType, "擅长的学科领域（学科词表的键名）", "Fields of expertise (keys of the disciplines vocabulary)"),
    field("contact", Type("person"), V::Map(Keys::Named(CONTACT)), ByType, "联系方式：email、phone、office", "How to reach them: `email`, `phone`, `office`"),
];

const fn field(
    name: &'static str,
    home: Home,
    kind: ValueKind,
    required: Required,
    zh: &'static str,
    en: &'static str,
) -> Field {
    Field {
        name,
        home,
        kind,
        required,
        zh,
        en,
    }
}

impl Field {
    /// The field's reader when front matter of `kind` may have it: `None` for a field of the
    /// other kind and for the fields that come with a content type.
    pub fn core(&self, kind: Kind) -> Option<Core> {
        match (self.home, kind) {
            (Both(core), _) | (Page(core), Kind::Page) | (Section(core), Kind::Section) => {
                Some(core)
            }
            _ => None,
        }
    }
}

/// The built-in field called `name`.
pub fn find(name: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.name == name)
}

/// The names of the fields every page (or every section) may have, in table order.
pub fn core_names(kind: Kind) -> impl Iterator<Item = &'static str> {
    FIELDS
        .iter()
        .filter(move |f| f.core(kind).is_some())
        .map(|f| f.name)
}

/// The fields that come with `data` (a brief's figures or raw patent export): a content type
/// whose pages may have `data` may have these too, without declaring them.
pub fn with_data() -> impl Iterator<Item = &'static str> {
    FIELDS.iter().filter(|f| f.home == WithData).map(|f| f.name)
}

/// The fields every page of the built-in type `type_name` has (`service`, `person`).
pub fn of_type(type_name: &str) -> impl Iterator<Item = &'static str> {
    FIELDS
        .iter()
        .filter(move |f| matches!(f.home, Type(t) if t == type_name))
        .map(|f| f.name)
}

/// True when `name` is a field of every page or section (a taxonomy may not take its name).
pub fn is_core_field(name: &str) -> bool {
    find(name).is_some_and(|f| f.core(Kind::Page).or(f.core(Kind::Section)).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_core_variant_has_one_entry_and_names_are_unique() {
        let cores: Vec<Core> = FIELDS
            .iter()
            .filter_map(|f| f.core(Kind::Page).or(f.core(Kind::Section)))
            .collect();
        for (i, core) in cores.iter().enumerate() {
            assert!(!cores[..i].contains(core), "{core:?} has two entries");
        }
        // Core::PaginateBy is the last variant: its discriminant counts them.
        assert_eq!(cores.len(), Core::PaginateBy as usize + 1);
        for (i, f) in FIELDS.iter().enumerate() {
            assert!(
                FIELDS[..i].iter().all(|g| g.name != f.name),
                "{} twice",
                f.name
            );
            assert!(
                !f.zh.is_empty() && !f.en.is_empty(),
                "{} undescribed",
                f.name
            );
        }
    }

    #[test]
    fn kinds_and_data_fields_come_from_the_table() {
        assert!(core_names(Kind::Page).any(|n| n == "ipc"));
        assert!(!core_names(Kind::Section).any(|n| n == "ipc"));
        assert!(core_names(Kind::Section).any(|n| n == "paginate_by"));
        assert_eq!(
            with_data().collect::<Vec<_>>(),
            [
                "source",
                "search_date",
                "date_basis",
                "columns",
                "incomplete_from",
                "ipc_top",
                "matrix",
                "key_patents"
            ]
        );
        assert!(is_core_field("sort_by") && is_core_field("title"));
        assert!(!is_core_field("data") && !is_core_field("source"));
        assert!(of_type("service").any(|n| n == "turnaround"));
        assert!(of_type("person").any(|n| n == "expertise"));
        assert!(!of_type("service").any(|n| n == "expertise"));
        assert!(!is_core_field("turnaround"));
    }
}
