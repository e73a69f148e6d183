#!/usr/bin/env python3
"""Writes a synthetic bilingual IP portal for the benchmarks: Chinese pages, most with an
English translation, in the same content for ipportal and for Hugo.

    python3 bench/gen_corpus.py --pages 1000 [--seed 42] [--out corpus] [--layouts ipportal,hugo]

Under --out (which must not exist, or be empty, unless --force):

  ipportal/  content/ (YAML front matter; a translation is name.en.md beside name.md) and
             disciplines.yaml, one `key: {zh: "…", en: "…"}` line per discipline after a comment
             line; bench/site_toml.py turns it into site.toml
  hugo/      a complete Hugo site: config.toml, layouts/, static/style.css, content/

--pages N counts Markdown pages, section indexes left out: ceil(N/2) Chinese pages and floor(N/2)
English translations. They are spread over guides/, courses/course-NNN/ (ten lessons each, ordered
by weight), cases/ and briefs/, named guide-00012.md, lesson-00013.md, …. Every page has tags,
one or two disciplines, headings, lists, a table of patent publications (CN, US, EP, WO numbers and
IPC codes), a Python block (and on every other page a search query block) and three links to other
pages. The words include those bench/search.sh queries. The same --pages and --seed always give
the same bytes. Standard library only.
"""

import argparse
import datetime
import json
import os
import random
import shutil
import sys

LANGS = ("zh", "en")
SUFFIX = {"zh": ".md", "en": ".en.md"}
PAGER_SIZE = 20  # bench/compare_hugo.sh gives ipportal the same paginate_by
LESSONS_PER_COURSE = 10

# --- vocabulary: (Chinese, English) pairs, so that a translation states the same facts ----------

TOPICS = [
    ("专利检索", "patent search"), ("专利分析", "patent analysis"), ("技术转移", "technology transfer"),
    ("新颖性", "novelty"), ("创造性", "inventive step"), ("现有技术", "prior art"),
    ("权利要求", "claims drafting"), ("许可协议", "licence agreements"), ("专利布局", "portfolio design"),
    ("技术秘密", "trade secrets"), ("商标保护", "trademark protection"), ("著作权登记", "copyright registration"),
    ("同族专利", "patent families"), ("法律状态", "legal status"), ("侵权分析", "infringement analysis"),
    ("无效宣告", "invalidation"), ("专利导航", "patent navigation"), ("成果转化", "commercialisation"),
    ("专利许可", "patent licensing"), ("质押融资", "IP-backed loans"), ("优先权", "priority claims"),
    ("PCT国际申请", "PCT filings"), ("专利年费", "renewal fees"), ("审查意见答复", "office action replies"),
    ("技术交底", "invention disclosure"), ("引证分析", "citation analysis"), ("专利价值评估", "patent valuation"),
    ("标准必要专利", "standard-essential patents"),
]
PEOPLE = [
    ("高校教师", "faculty members"), ("研究生", "graduate students"), ("企业研发人员", "company engineers"),
    ("技术经理人", "technology managers"), ("专利代理师", "patent attorneys"), ("科研管理部门", "research offices"),
    ("初创企业", "start-ups"), ("技术转移中心", "technology transfer offices"), ("图书馆员", "librarians"),
]
FIELDS = [
    ("锂电池", "lithium batteries"), ("人工智能", "artificial intelligence"), ("基因编辑", "gene editing"),
    ("半导体封装", "chip packaging"), ("智能电网", "smart grids"), ("医疗影像", "medical imaging"),
    ("新型建材", "building materials"), ("无人机", "drones"), ("水处理", "water treatment"),
    ("柔性显示", "flexible displays"), ("作物育种", "crop breeding"), ("工业机器人", "industrial robots"),
]
DISCIPLINES = [
    ("computer-science", "计算机科学", "Computer science"), ("materials", "材料科学", "Materials science"),
    ("electrical", "电气工程", "Electrical engineering"), ("life-sciences", "生命科学", "Life sciences"),
    ("medicine", "临床医学", "Medicine"), ("civil", "土木工程", "Civil engineering"),
    ("mechanical", "机械工程", "Mechanical engineering"), ("chemistry", "化学", "Chemistry"),
    ("agriculture", "农业科学", "Agricultural science"), ("environment", "环境工程", "Environmental engineering"),
    ("economics", "经济管理", "Economics and management"), ("law", "法学", "Law"),
]
TAGS = [
    ("入门", "getting started"), ("检索技巧", "search tips"), ("数据库", "databases"), ("政策", "policy"),
    ("案例分析", "case analysis"), ("合同", "contracts"), ("国际申请", "international filing"),
    ("数据可视化", "visualisation"), ("专利信息", "patent information"), ("风险管理", "risk management"),
    ("高校", "universities"), ("中小企业", "SMEs"), ("审查", "examination"), ("许可", "licensing"),
    ("技术转移", "technology transfer"), ("专利检索", "patent search"),
]
APPLICANTS = [
    ("江城大学", "Jiangcheng University"), ("北岸电池科技有限公司", "Bei'an Battery Technology Co., Ltd."),
    ("云岭生物技术研究所", "Yunling Institute of Biotechnology"), ("海川机器人股份有限公司", "Haichuan Robotics Co., Ltd."),
    ("Lumen Optics GmbH", "Lumen Optics GmbH"), ("Cedar Grid Systems Inc.", "Cedar Grid Systems Inc."),
    ("松原医疗器械有限公司", "Songyuan Medical Devices Co., Ltd."), ("Hoshino Materials Corp.", "Hoshino Materials Corp."),
    ("青禾农业科学研究院", "Qinghe Academy of Agricultural Research"), ("星桥半导体有限公司", "Xingqiao Semiconductor Co., Ltd."),
]
IPC = [
    "G06F 16/33", "G06F 40/279", "G06N 3/045", "G06T 7/00", "H01M 10/052", "H01M 4/525", "H01L 23/31",
    "H02J 3/38", "A61B 6/03", "A61K 48/00", "C12N 15/113", "B64U 10/13", "C02F 1/44", "E04B 1/76",
    "G09F 9/30", "A01H 6/46", "B25J 9/16", "H04L 67/12",
]
HEADINGS = [
    ("为什么重要", "Why it matters"), ("基本概念", "Key ideas"), ("操作步骤", "Step by step"),
    ("注意事项", "Things to watch"), ("常见问题", "Common questions"), ("案例解读", "A worked example"),
    ("延伸思考", "Going further"), ("工具与资源", "Tools and resources"),
]

# Slots: {t} {u} topics ({T} capitalised), {f} field ({F}), {p} people, {a} an applicant, {n} a
# patent number, {c} an IPC code ({C} without its space), {y} a year, {k} a count, {w} a lesson's
# number. Each template pair renders the same choices in both languages.
SENTENCES = [
    ("{p}在{f}方向开展{t}时，往往需要同时考虑{u}。",
     "When {p} work on {t} in {f}, they usually have to think about {u} as well."),
    ("{n}的主分类号是{c}，它的权利要求值得逐项阅读。",
     "{n} is classified in {c}, and its claims are worth reading one by one."),
    ("{y}年以来，{f}领域公开的相关专利已超过{k}件。",
     "Since {y}, more than {k} related patents have been published in {f}."),
    ("做好{t}可以让{p}更早发现{u}方面的风险。",
     "Good {t} lets {p} see risks in {u} earlier."),
    ("先用{c}限定范围，再用关键词补充，是{t}的常用做法。",
     "Narrowing the search to {c} first and adding keywords afterwards is a common way to do {t}."),
    ("对{p}来说，{t}和{u}是同一项工作的两个方面。",
     "For {p}, {t} and {u} are two sides of the same job."),
    ("在{f}领域，{n}常被引用为{t}的参考文献。",
     "In {f}, {n} is often cited as a reference for {t}."),
    ("建议{p}在项目开始时就记录{t}的结论，以便之后处理{u}。",
     "We advise {p} to record the results of {t} when a project starts, which makes {u} easier later."),
    ("{t}并不复杂，但需要耐心和清楚的记录。",
     "{T} is not complicated, but it needs patience and clear notes."),
    ("许多{p}把{u}交给外部机构，却忽略了{t}。",
     "Many {p} hand {u} to outside firms and overlook {t}."),
]
BULLETS = [
    ("**{T}**：写下目标和检索范围。", "**{T}**: write down the goal and the scope of the search."),
    ("**{T}**：对照{c}下的代表文献，例如{n}。", "**{T}**: compare with representative documents in {c}, such as {n}."),
    ("**{T}**：与{p}确认{u}的时间安排。", "**{T}**: agree the timing of {u} with {p}."),
    ("**{T}**：每季度复查一次{f}的新公开。", "**{T}**: review new publications in {f} every quarter."),
]
STEPS = [
    ("列出{f}的核心技术词和同义词。", "List the core terms of {f} and their synonyms."),
    ("在{c}分类下做第一轮检索。", "Run a first search in class {c}."),
    ("通读{n}的说明书和权利要求。", "Read the description and the claims of {n}."),
    ("把{t}的结果整理成表格。", "Put the results of {t} in a table."),
    ("请{p}审阅结论并决定下一步。", "Ask {p} to review the findings and decide the next step."),
    ("为{u}设定复查日期。", "Set a review date for {u}."),
]
TITLES = {
    "guides": [("{f}中的{t}：实务指南", "{T} in {f}: a practical guide"),
               ("给{p}的{t}入门", "{T} for {p}"),
               ("{t}与{u}的十个要点", "Ten points on {t} and {u}")],
    "courses": [("第{w}课：{t}", "Lesson {w}: {t}"),
                ("第{w}课：{f}与{t}", "Lesson {w}: {t} in {f}")],
    "cases": [("案例：{a}的{t}", "Case study: {t} at {a}"),
              ("案例：{f}项目中的{u}", "Case study: {u} in a {f} project")],
    "briefs": [("{f}专利态势简报（{y}）", "{F} patent brief, {y}"),
               ("{y}年{f}{t}简报", "{F}: {t} brief, {y}")],
}
SUMMARIES = [
    ("本页介绍{f}领域{t}的方法和步骤。", "How to approach {t} in {f}, step by step."),
    ("面向{p}，说明{t}与{u}的关系。", "How {t} and {u} fit together, for {p}."),
    ("以{n}为例讲解{t}。", "{T}, explained through {n}."),
]
# Search queries are written alike in both languages, with each language's words.
QUERIES = [(query, query) for query in (
    'TI=("{t}" AND "{u}") AND IPC=({C}) AND PD>={y}0101',
    '(TIAB=({t} OR {u})) AND IC=({C}) NOT PN=({n})',
)]
CODE = '''import csv
from collections import defaultdict


def filings_per_year(path, ipc_prefix="{prefix}"):
    """Counts the filings in a CSV export whose IPC starts with ipc_prefix, by year."""
    years = defaultdict(int)
    with open(path, encoding="utf-8") as export:
        for row in csv.DictReader(export):
            if row["ipc"].replace(" ", "").startswith(ipc_prefix):
                years[row["filed"][:4]] += 1
    return sorted(years.items())[-{window}:]


for year, count in filings_per_year("{slug}.csv"):
    print(year, count)
'''

SECTIONS = [
    # folder, share of the pages, ipportal type, zh title, en title, zh summary, en summary
    ("guides", 30, "guide", "实务指南", "Guides",
     "专利检索、分析和保护的实务指南。", "Practical guides to patent search, analysis and protection."),
    ("courses", 25, None, "课程", "Courses",
     "按课时安排的知识产权课程。", "Intellectual property courses, lesson by lesson."),
    ("cases", 25, "case", "案例", "Case studies",
     "高校和企业的技术转移案例。", "Technology transfer at universities and companies."),
    ("briefs", 20, "brief", "专利简报", "Patent briefs",
     "各学科的专利态势简报。", "Patent landscape briefs by discipline."),
]
PAGE_NAME = {"guides": "guide", "courses": "lesson", "cases": "case", "briefs": "brief"}
HOME = {"zh": ("知识产权门户", "高校知识产权信息服务：检索、分析、保护与转化。"),
        "en": ("IP Portal", "University IP information services: search, analysis, protection and transfer.")}


# --- the logical content: one Item per Chinese page ---------------------------------------------

class Item:
    """One Chinese page's facts, drawn once and written in both languages."""

    def __init__(self, number, folder, weight, translated, seed):
        rng = random.Random("%d/item/%d" % (seed, number))
        section = folder.split("/")[0]
        self.number = number
        self.section = section
        self.folder = folder
        self.weight = weight
        self.translated = translated
        self.slug = "%s-%05d" % (PAGE_NAME[section], number)
        self.date = datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(3650))
        self.field = rng.choice(FIELDS)
        self.ipc = rng.sample(IPC, 3)
        self.patents = [patent_number(rng) for _ in range(rng.randint(4, 6))]
        self.applicants = [rng.choice(APPLICANTS) for _ in self.patents]
        self.tags = rng.sample(TAGS, rng.randint(2, 4))
        self.disciplines = rng.sample(DISCIPLINES, rng.randint(1, 2))
        self.title = bilingual(rng.choice(TITLES[section]), self.slots(rng))
        self.summary = bilingual(rng.choice(SUMMARIES), self.slots(rng))
        self.links = []

    def slots(self, rng):
        """Slot values for one sentence, each a (Chinese, English) pair."""
        t, u = rng.sample(TOPICS, 2)
        code = rng.choice(self.ipc)
        same = lambda value: (value, value)
        return {
            "t": t, "u": u, "T": (t[0], capitalised(t[1])),
            "f": self.field, "F": (self.field[0], capitalised(self.field[1])),
            "p": rng.choice(PEOPLE), "a": rng.choice(APPLICANTS), "n": same(rng.choice(self.patents)),
            "c": same(code), "C": same(code.replace(" ", "")), "y": same(str(self.date.year)),
            "k": same(str(rng.randint(50, 5000))), "w": same(str(self.weight or 1)),
        }

    def has(self, lang):
        return lang == "zh" or self.translated

    def link_from(self, lang):
        """(title, site path) of this page in `lang`, or in Chinese when it has no translation."""
        lang = lang if self.has(lang) else "zh"
        return self.title[lang], "%s/%s/%s/" % ("/en" if lang == "en" else "", self.folder, self.slug)


def patent_number(rng):
    office = rng.choice("CCCCUUEW")
    if office == "C":
        return "CN1%08d%s" % (rng.randrange(10 ** 8), rng.choice("AAB"))
    if office == "U":
        return "US%d%s" % (rng.randint(9500000, 11999999), rng.choice(("B1", "B2")))
    if office == "E":
        return "EP%d%s" % (rng.randint(3000000, 4199999), rng.choice(("A1", "B1")))
    return "WO%d/%06d" % (rng.randint(2016, 2025), rng.randrange(10 ** 6))


def capitalised(text):
    return text[:1].upper() + text[1:]


def bilingual(template, slots):
    """A (Chinese, English) template pair filled with the same slots: {"zh": …, "en": …}."""
    return {lang: capitalised(template[i].format_map({k: v[i] for k, v in slots.items()}))
            for i, lang in enumerate(LANGS)}


def items_of(pages, seed):
    """The facts of the ceil(pages/2) Chinese pages, the first floor(pages/2) translated, and the
    number of courses."""
    count = (pages + 1) // 2
    rng = random.Random("%d/sections" % seed)
    sections = rng.choices([s[0] for s in SECTIONS], [s[1] for s in SECTIONS], k=count)
    items, lessons = [], 0
    for number, section in enumerate(sections):
        folder, weight = section, None
        if section == "courses":
            folder = "courses/course-%03d" % (lessons // LESSONS_PER_COURSE)
            weight = lessons % LESSONS_PER_COURSE + 1
            lessons += 1
        items.append(Item(number, folder, weight, number < pages // 2, seed))
    number_repeated_titles(items)
    rng = random.Random("%d/links" % seed)
    for item in items:
        picks = dict.fromkeys(rng.randrange(count) for _ in range(5))
        item.links = [items[n] for n in picks if n != item.number][:3]
    return items, (lessons + LESSONS_PER_COURSE - 1) // LESSONS_PER_COURSE


def number_repeated_titles(items):
    """Gives the second and later pages of a folder with the same title a number, as an editor
    would (ipportal warns about duplicate titles in a section)."""
    seen = {}
    for item in items:
        key = (item.folder, item.title["zh"])
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            item.title = {"zh": "%s（之%d）" % (item.title["zh"], seen[key]),
                          "en": "%s (%d)" % (item.title["en"], seen[key])}


# --- Markdown --------------------------------------------------------------------------------------

def body(item, lang, seed):
    """The page's Markdown in `lang`. Both languages replay the same random stream, so the
    translation has the same sentences, lists, table and code."""
    rng = random.Random("%d/body/%d" % (seed, item.number))
    zh = lang == "zh"
    say = lambda templates: bilingual(rng.choice(templates), item.slots(rng))[lang]
    paragraph = lambda fewest, most: ("" if zh else " ").join(
        say(SENTENCES) for _ in range(rng.randint(fewest, most)))
    lines = lambda templates, fewest, most: [say(templates) for _ in range(rng.randint(fewest, most))]
    first, second, third = (h[not zh] for h in rng.sample(HEADINGS, 3))
    blocks = [
        paragraph(3, 4),
        "## " + first, paragraph(3, 5), paragraph(2, 3),
        "\n".join("- " + line for line in lines(BULLETS, 4, 6)),
        "## " + ("相关专利" if zh else "Related patents"), paragraph(1, 2), patent_table(item, zh),
        "## " + second, paragraph(2, 4),
        "\n".join("%d. %s" % (n, line) for n, line in enumerate(lines(STEPS, 3, 5), 1)),
        "## " + ("检索式与代码" if zh else "Search query and code"), paragraph(1, 2),
    ]
    if item.number % 2 == 0:
        blocks.append("```text\n%s\n```" % say(QUERIES))
    code = CODE.format(prefix=item.ipc[0].split()[0], window=rng.randint(3, 12), slug=item.slug)
    blocks += [
        "```python\n%s```" % code,
        "### " + third, paragraph(2, 4), paragraph(2, 3),
        "## " + ("延伸阅读" if zh else "Further reading"),
        "\n".join("- [%s](%s)" % target.link_from(lang) for target in item.links),
    ]
    return "\n\n".join(blocks) + "\n"


def patent_table(item, zh):
    head = "| 公开号 | 申请人 | IPC | 公开日 |" if zh else "| Publication | Applicant | IPC | Published |"
    rows = [head, "|---|---|---|---|"]
    for n, (number, applicant) in enumerate(zip(item.patents, item.applicants)):
        published = item.date - datetime.timedelta(days=45 * (n + 1))
        rows.append("| %s | %s | %s | %s |" % (number, applicant[not zh], item.ipc[n % 3], published))
    return "\n".join(rows)


def yaml_string(text):
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def front_matter(fields):
    """YAML front matter from (key, value) pairs; a list value becomes a block sequence."""
    lines = ["---"]
    for key, value in fields:
        if isinstance(value, list):
            lines.append(key + ":")
            lines += ["  - " + yaml_string(v) for v in value]
        elif isinstance(value, str):
            lines.append("%s: %s" % (key, yaml_string(value)))
        elif isinstance(value, datetime.date):
            lines.append("%s: %s" % (key, value.isoformat()))
        elif value is not None:
            lines.append("%s: %d" % (key, value))
    return "\n".join(lines + ["---"]) + "\n"


def page(item, lang, layout, seed):
    # ipportal's disciplines are a controlled vocabulary of language-neutral keys (site.toml's
    # terms); Hugo's taxonomies take the labels.
    if layout == "ipportal":
        disciplines = [key for key, _, _ in item.disciplines]
    else:
        disciplines = [d[1] if lang == "zh" else d[2] for d in item.disciplines]
    fields = [("title", item.title[lang]), ("date", item.date),
              ("summary", item.summary[lang]), ("weight", item.weight),
              ("tags", [tag[lang == "en"] for tag in item.tags]), ("disciplines", disciplines)]
    return front_matter(fields) + "\n" + body(item, lang, seed)


def section_index(title, summary, weight, kind, layout):
    """A section's _index.md; `kind` is ipportal's content type of the pages in it."""
    return front_matter([("title", title), ("summary", summary), ("weight", weight),
                         ("type", kind if layout == "ipportal" else None)])


def write_content(root, layout, items, courses, seed):
    content = os.path.join(root, "content")
    for lang in LANGS:
        index = "_index" + SUFFIX[lang]
        write(os.path.join(content, index), section_index(*HOME[lang], None, None, layout))
        for weight, (folder, _, kind, zh_title, en_title, zh_summary, en_summary) in enumerate(SECTIONS, 1):
            title, summary = (zh_title, zh_summary) if lang == "zh" else (en_title, en_summary)
            write(os.path.join(content, folder, index), section_index(title, summary, weight, kind, layout))
        for course in range(courses):
            topic = TOPICS[course % len(TOPICS)]
            title = "%s课程（第%d期）" % (topic[0], course + 1) if lang == "zh" else \
                "%s, course %d" % (capitalised(topic[1]), course + 1)
            summary = "共%d课。" % LESSONS_PER_COURSE if lang == "zh" else "%d lessons." % LESSONS_PER_COURSE
            write(os.path.join(content, "courses", "course-%03d" % course, index),
                  section_index(title, summary, course + 1, "course", layout))
    for item in items:
        for lang in LANGS:
            if item.has(lang):
                write(os.path.join(content, item.folder, item.slug + SUFFIX[lang]), page(item, lang, layout, seed))


def disciplines_yaml():
    lines = ["# discipline key: {zh: label, en: label}"]
    lines += ["%s: {zh: %s, en: %s}" % (key, yaml_string(zh), yaml_string(en)) for key, zh, en in DISCIPLINES]
    return "\n".join(lines) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)


# --- Hugo -----------------------------------------------------------------------------------------

HUGO_CONFIG = """baseURL = "https://bench.example.org/"
title = "IP Portal"
defaultContentLanguage = "zh"
hasCJKLanguage = true
enableRobotsTXT = true
# Hugo before 0.128 reads paginate and rssLimit; later versions read [pagination] and [services.rss].
paginate = %(pager)d
rssLimit = %(pager)d

[pagination]
pagerSize = %(pager)d

[services.rss]
limit = %(pager)d

[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]

[taxonomies]
tag = "tags"
discipline = "disciplines"

[languages.zh]
languageName = "中文"
title = "知识产权门户"
weight = 1

[languages.en]
languageName = "English"
title = "IP Portal"
weight = 2

[markup.highlight]
noClasses = true
style = "github"
"""

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ .Site.Title }}</title>
<link rel="stylesheet" href="/style.css">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header><nav>
<a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
{{ range .Site.Home.Sections.ByWeight }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ end }}{{ range $name, $_ := .Site.Taxonomies }}<a href="{{ printf "%s/" $name | relLangURL }}">{{ $name }}</a>
{{ end }}{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}
</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer>
</body>
</html>
"""

HUGO_PAGER = """{{ $p := .Paginator }}{{ if gt $p.TotalPages 1 }}<nav class="pager">
{{ with $p.Prev }}<a rel="prev" href="{{ .URL }}">‹</a>{{ end }} {{ $p.PageNumber }} / {{ $p.TotalPages }}
{{ with $p.Next }}<a rel="next" href="{{ .URL }}">›</a>{{ end }}
</nav>{{ end }}"""

HUGO_LAYOUTS = {
    "_default/baseof.html": HUGO_BASEOF,
    "_default/single.html": """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></p>
<p class="summary">{{ .Params.summary }}</p>
{{ range $taxonomy, $_ := .Site.Taxonomies }}<ul class="terms">{{ range $.GetTerms $taxonomy }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ end }}{{ .Content }}
<nav class="siblings">{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<p>{{ .Params.summary }}</p>
{{ with .Sections }}<ul>{{ range .ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
<ul class="pages">{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Params.summary }}</p></li>
{{ end }}</ul>
PAGER{{ end }}
""".replace("PAGER", HUGO_PAGER),
    # terms.html, not taxonomy.html: newer Hugo would also use taxonomy.html for a term's page.
    "_default/terms.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>{{ end }}
""",
    "_default/term.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul class="pages">{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul>
PAGER{{ end }}
""".replace("PAGER", HUGO_PAGER),
    "index.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<p>{{ .Params.summary }}</p>
{{ range .Sections.ByWeight }}<section><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<ul>{{ range first 5 .RegularPagesRecursive }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></section>
{{ end }}{{ end }}
""",
    "404.html": """{{ define "main" }}<h1>404</h1><p><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></p>{{ end }}
""",
}

STYLE = """body { max-width: 48rem; margin: 0 auto; padding: 1rem; line-height: 1.6;
  font-family: system-ui, "Noto Sans CJK SC", sans-serif; }
nav a { margin-right: 0.75rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; }
pre { overflow-x: auto; padding: 0.5rem; }
.terms { list-style: none; padding: 0; }
.terms li { display: inline; margin-right: 0.5rem; }
"""


def write_hugo_site(root):
    write(os.path.join(root, "config.toml"), HUGO_CONFIG % {"pager": PAGER_SIZE})
    for name, text in HUGO_LAYOUTS.items():
        write(os.path.join(root, "layouts", name), text)
    write(os.path.join(root, "static", "style.css"), STYLE)


# --- command line ---------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000, help="Markdown pages, both languages (default 1000)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--out", default="corpus", help="output folder (default ./corpus)")
    parser.add_argument("--layouts", default="ipportal,hugo", help="which of ipportal,hugo to write (default both)")
    parser.add_argument("--force", action="store_true", help="replace an existing, non-empty --out")
    args = parser.parse_args()
    if args.pages < 2:
        parser.error("--pages must be at least 2")
    layouts = [name for name in args.layouts.split(",") if name]
    unknown = sorted(set(layouts) - {"ipportal", "hugo"})
    if unknown or not layouts:
        parser.error("--layouts takes ipportal and/or hugo, not %r" % args.layouts)
    if os.path.isdir(args.out) and os.listdir(args.out):
        if not args.force:
            parser.error("%s exists and is not empty (--force replaces it)" % args.out)
        shutil.rmtree(args.out)

    items, courses = items_of(args.pages, args.seed)
    for layout in layouts:
        root = os.path.join(args.out, layout)
        write_content(root, layout, items, courses, args.seed)
        if layout == "ipportal":
            write(os.path.join(root, "disciplines.yaml"), disciplines_yaml())
        else:
            write_hugo_site(root)
    translated = sum(item.translated for item in items)
    per_section = ", ".join("%s %d" % (s[0], sum(i.section == s[0] for i in items)) for s in SECTIONS)
    print("gen_corpus: %d pages (%d zh, %d en; %s; %d courses) in %s: %s" % (
        len(items) + translated, len(items), translated, per_section, courses, args.out,
        ", ".join(layouts)), file=sys.stderr)


if __name__ == "__main__":
    main()
