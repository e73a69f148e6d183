#!/usr/bin/env python3
"""Writes ipportal's site.toml for the synthetic benchmark corpus (bench/gen_corpus.py).

    python3 bench/site_toml.py corpus/ipportal/disciplines.yaml PAGINATE [--no-search] > site.toml

The corpus ships only disciplines.yaml (lines `key: {zh: "…", en: "…"}`, labels as JSON
strings). paginate_by matches Hugo's pagerSize so both write the same pagers. --no-search adds
`[search] enabled = false` (the build without the search index, for bench/search.sh).
"""
import json, re, sys

JSTR = r'"(?:[^"\\]|\\.)*"'
LINE = re.compile(r'^\s*([^:#\s]+)\s*:\s*\{\s*zh\s*:\s*(%s)\s*,\s*en\s*:\s*(%s)\s*\}\s*$' % (JSTR, JSTR))

def s(v):
    """TOML basic string."""
    out = []
    for ch in v:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in "\b\t\n\f\r":
            out.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'

def key(k):
    return k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else s(k)

path, paginate = sys.argv[1], int(sys.argv[2])
no_search = "--no-search" in sys.argv[3:]
terms = []
with open(path, encoding="utf-8") as fh:
    for n, line in enumerate(fh, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = LINE.match(line)
        if not m:
            sys.exit("%s:%d: expected `key: {zh: \"…\", en: \"…\"}`, got: %s" % (path, n, line.rstrip()))
        terms.append((m.group(1), json.loads(m.group(2)), json.loads(m.group(3))))
if not terms:
    sys.exit("%s: no disciplines" % path)

print('''# Written by bench/compare_hugo.sh for the synthetic benchmark corpus.
base_url = "https://bench.example.org/"
theme = "default"
default_language = "zh"
paginate_by = %d

[languages.zh]
name = "中文"
title = "知识产权门户"
description = "面向高校与企业的知识产权、专利检索与技术转移资源。"

[languages.en]
name = "English"
title = "IP Portal"
description = "Intellectual property, patent search and technology transfer resources."
''' % paginate)
for t in ("guide", "course", "lesson", "case", "brief", "page"):
    print("[types.%s]\nrequired = []\nfields = []\n" % t)
print('[[taxonomies]]\nname = "disciplines"\nlabel = { zh = "学科", en = "Disciplines" }')
for k, zh, en in terms:
    print("terms.%s = { zh = %s, en = %s }" % (key(k), s(zh), s(en)))
print('\n[[taxonomies]]\nname = "tags"\nlabel = { zh = "标签", en = "Tags" }')
if no_search:
    print('\n[search]\nenabled = false')
