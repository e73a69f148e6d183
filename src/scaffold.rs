//! `ipportal new DIR`: a minimal bilingual portal with one page of each content type, using the
//! built-in default theme, that builds as it is — with ready CI workflows (GitHub Actions to
//! GitHub Pages, GitLab CI to GitLab Pages, and an rsync script for any web server).

use std::path::Path;

use crate::base::diagnostics::{Code, Diagnostic};

/// The `site.toml` of a new portal: its content types are the bundled defaults the user guide
/// lists.
pub const SITE_TOML: &str = r#"# Portal settings: see the ipportal user guide, "site.toml reference".
base_url = "https://ipis.example.edu.cn/"
theme = "default"
default_language = "zh"
paginate_by = 10

[languages.zh]
name = "中文"
title = "知识产权信息服务中心"
description = "专利检索、专利分析、知识产权培训与技术转移服务。"

[languages.en]
name = "English"
title = "IP Information Service Centre"
description = "Patent search, patent analysis, IP training and technology transfer."

[types.guide]
required = ["summary"]
fields = ["kind", "level"]

[types.course]
fields = ["level", "format", "duration", "instructors", "registration", "sessions"]

[types.lesson]
required = ["weight"]
fields = ["duration", "objectives", "materials", "video"]

[types.case]
required = ["summary", "date"]
fields = ["client_type", "year", "anonymized", "challenge", "service", "outcome", "patents"]

[types.brief]
required = ["summary", "date", "disciplines", "data"]
# `data` brings source, search_date, date_basis, columns, incomplete_from, ipc_top and key_patents with it.
fields = ["topic", "data", "search_query", "years", "jurisdictions", "ipc_focus"]

[[taxonomies]]
name = "disciplines"
label = { zh = "学科", en = "Disciplines" }
terms.civil-engineering = { zh = "土木工程", en = "Civil Engineering" }
terms.environment = { zh = "环境科学与工程", en = "Environmental Science and Engineering" }

[[taxonomies]]
name = "services"
label = { zh = "服务", en = "Services" }
terms.creation = { zh = "高质量创造", en = "High-quality Creation" }
terms.utilization = { zh = "高效益运用", en = "High-efficiency Utilization" }
terms.protection = { zh = "高标准保护", en = "High-standard Protection" }

[[taxonomies]]
name = "stages"
label = { zh = "科研阶段", en = "Research Stages" }
terms.topic-selection = { zh = "立项选题", en = "Topic Selection" }
terms.rnd = { zh = "研发过程", en = "Research & Development" }
terms.results = { zh = "成果产出", en = "Research Results" }
terms.transfer = { zh = "转化运用", en = "Technology Transfer" }

[[taxonomies]]
name = "audiences"
label = { zh = "服务对象", en = "Audiences" }
terms.faculty = { zh = "教师", en = "Faculty" }
terms.students = { zh = "学生", en = "Students" }
terms.enterprises = { zh = "企业", en = "Enterprises" }

[[taxonomies]]
name = "tags"
label = { zh = "标签", en = "Tags" }

[extra]
email = "ipis@example.edu.cn"
"#;

/// (path, text) of every file the scaffold writes.
const FILES: &[(&str, &str)] = &[
    (
        ".github/workflows/portal.yml",
        include_str!("../scaffold/github-portal.yml"),
    ),
    (".gitlab-ci.yml", include_str!("../scaffold/gitlab-ci.yml")),
    ("publish.sh", include_str!("../scaffold/publish.sh")),
    // `.ipportal/` holds the link cache of `check --external`: per machine, never committed.
    (".gitignore", "/public\n/.public.ipportal-*\n/.ipportal/\n"),
    ("site.toml", SITE_TOML),
    (
        "content/_index.md",
        "---\ntitle: 知识产权信息服务中心\n---\n\n欢迎访问本中心门户。\n",
    ),
    (
        "content/_index.en.md",
        "---\ntitle: IP Information Service Centre\n---\n\nWelcome to the centre's portal.\n",
    ),
    (
        "content/guides/_index.md",
        "---\ntitle: 实务指南\ntype: guide\nweight: 1\n---\n",
    ),
    (
        "content/guides/_index.en.md",
        "---\ntitle: Guides\ntype: guide\nweight: 1\n---\n",
    ),
    (
        "content/guides/patent-search.md",
        "---\ntitle: 专利检索入门\ndate: 2025-03-01\nsummary: 从关键词到分类号，完成第一次专利检索。\nservices: [creation]\naudiences: [students]\ntags: [专利检索]\n---\n\n## 检索步骤\n\n1. 分解技术主题。\n2. 组合关键词与 IPC 分类号。\n\n参见[课程](@/courses/search-101/_index.md)。\n",
    ),
    (
        "content/guides/patent-search.en.md",
        "---\ntitle: Patent search basics\ndate: 2025-03-01\nsummary: From keywords to classification codes, your first patent search.\nservices: [creation]\naudiences: [students]\ntags: [patent search]\n---\n\n## Steps\n\n1. Break the topic down.\n2. Combine keywords with IPC codes.\n\nSee the [course](@/courses/search-101/_index.md).\n",
    ),
    (
        "content/courses/_index.md",
        "---\ntitle: 培训课程\nweight: 2\n---\n",
    ),
    (
        "content/courses/_index.en.md",
        "---\ntitle: Courses\nweight: 2\n---\n",
    ),
    (
        "content/courses/search-101/_index.md",
        "---\ntitle: 专利检索基础课\ntype: course\nlevel: beginner\nformat: onsite\n---\n\n面向研究生的入门课程。\n",
    ),
    (
        "content/courses/search-101/_index.en.md",
        "---\ntitle: Patent search 101\ntype: course\nlevel: beginner\nformat: onsite\n---\n\nAn introductory course for graduate students.\n",
    ),
    (
        "content/courses/search-101/lesson-1.md",
        "---\ntitle: 第1课：检索式\nweight: 1\n---\n\n```text\nTI=(装配式 AND 建筑)\n```\n",
    ),
    (
        "content/courses/search-101/lesson-1.en.md",
        "---\ntitle: \"Lesson 1: queries\"\nweight: 1\n---\n\n```text\nTI=(prefabricated AND building)\n```\n",
    ),
    (
        "content/cases/_index.md",
        "---\ntitle: 服务案例\ntype: case\nweight: 3\n---\n",
    ),
    (
        "content/cases/_index.en.md",
        "---\ntitle: Case studies\ntype: case\nweight: 3\n---\n",
    ),
    (
        "content/cases/first-case.md",
        "---\ntitle: 某课题组的申请前评估\ndate: 2025-04-01\nsummary: 一次申请前评估的经过（已匿名）。\nanonymized: true\nservices: [creation]\n---\n\n案例正文。\n",
    ),
    (
        "content/cases/first-case.en.md",
        "---\ntitle: A pre-filing assessment for a faculty team\ndate: 2025-04-01\nsummary: How one pre-filing assessment went (anonymised).\nanonymized: true\nservices: [creation]\n---\n\nThe case.\n",
    ),
    (
        "content/briefs/_index.md",
        "---\ntitle: 学科专利简报\ntype: brief\nweight: 4\n---\n",
    ),
    (
        "content/briefs/civil-engineering/index.md",
        "---\ntitle: 土木工程专利简报\ndate: 2025-05-01\nsummary: 装配式建筑领域的专利态势（示例数据）。\nillustrative: true\ndata: data.yaml\ndisciplines: [civil-engineering]\n---\n\n本简报数据均为示例。\n\n{{< chart kind=\"by_year\" >}}\n",
    ),
    (
        "content/briefs/civil-engineering/data.yaml",
        "# Illustrative data: the numbers are made up.\nmeta: {illustrative: true, incomplete_from: 2024}\nby_year:\n  - {year: 2022, applications: 120}\n  - {year: 2023, applications: 150}\n  - {year: 2024, applications: 90}\n",
    ),
    (
        "content/briefs/_index.en.md",
        "---\ntitle: Discipline patent briefs\ntype: brief\nweight: 4\n---\n",
    ),
    (
        "content/briefs/civil-engineering/index.en.md",
        "---\ntitle: Civil engineering patent brief\ndate: 2025-05-01\nsummary: Patent activity in prefabricated construction (illustrative data).\nillustrative: true\ndata: data.yaml\ndisciplines: [civil-engineering]\n---\n\nAll figures in this brief are illustrative.\n\n{{< chart kind=\"by_year\" >}}\n",
    ),
];

/// Writes a new portal into `dir`, which must not exist or be empty.
pub fn create(dir: &Path) -> Result<usize, Diagnostic> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut entries| entries.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(Diagnostic::error(
                Code::NewNotEmpty,
                crate::untranslated!(format!(
                    "{} already exists and is not empty: choose a new folder",
                    dir.display()
                )),
            ));
        }
    }
    let mut count = 0;
    for (relative, text) in FILES {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error(
                    Code::OutputWrite,
                    crate::untranslated!(format!("cannot create {}: {e}", parent.display())),
                )
            })?;
        }
        std::fs::write(&path, text).map_err(|e| {
            Diagnostic::error(
                Code::OutputWrite,
                crate::untranslated!(format!("cannot write {}: {e}", path.display())),
            )
        })?;
        if relative.ends_with(".sh") {
            make_executable(&path);
        }
        count += 1;
    }
    Ok(count)
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755));
}

#[cfg(not(unix))]
fn make_executable(_: &Path) {}
