#!/usr/bin/env python3
"""The judged query set for bench/search.sh --judged.

    search_ranking.py queries JUDGEMENTS LANG
        the queries of visits in LANG, in file order, as a JSON list
    search_ranking.py report JUDGEMENTS WORK PUBLIC IPPORTAL_VERSION PAGEFIND_VERSION COMMAND
        the Markdown report, from WORK/judged-{ipportal,pagefind,pagefind-more}-{zh,en}.json

MRR@10: the mean of 1/rank of the first relevant page (grade 1 or 2) in the first ten results, 0
when there is none. nDCG@10: gain 2^grade - 1, discount log2(rank + 1), divided by the same sum
for the judged pages in the best order. The same measures as tests/it/ranking.rs.
"""
import gzip
import json
import math
import os
import statistics
import sys
import urllib.parse

CUTOFF = 10


def judgements(path):
    """[(lang, query, {url: grade}, group)] in file order; the lines of one query are together,
    and a `#: name` line starts a group."""
    out = []
    group = ""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#:"):
                group = line[2:].strip()
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 4 or fields[3] not in ("1", "2"):
                sys.exit(f"{path}:{n}: expected lang, query, page, grade 1 or 2")
            lang, query, page, grade = fields
            if not out or out[-1][:2] != (lang, query):
                out.append((lang, query, {}, group))
            out[-1][2][page] = int(grade)
    return out


def reciprocal_rank(ranked, grades):
    for i, url in enumerate(ranked[:CUTOFF]):
        if grades.get(url, 0) > 0:
            return 1 / (i + 1)
    return 0.0


def ndcg(ranked, grades):
    def dcg(gains):
        return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:CUTOFF]))

    best = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(url, 0) for url in ranked]) / best if best else 0.0


def normalise(url):
    """A result's URL as the judgements write it: a decoded path ending in `/`."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path if path.endswith("/") else path + "/"


def content_pages(public):
    """The URLs of the pages ipportal indexes (its fragments): guides, lessons, laws…, no lists."""
    urls = set()
    for lang in os.listdir(os.path.join(public, "search-index")):
        folder = os.path.join(public, "search-index", lang, "f")
        for name in os.listdir(folder):
            if "-" in name:
                continue  # a long page's further piece: its URL is in the first
            with open(os.path.join(folder, name), "rb") as f:
                urls.add(normalise(json.loads(gzip.decompress(f.read()))["url"]))
    return urls


def cost(public, files):
    """Bytes on the wire: JavaScript gzipped, index files as they are (already compressed)."""
    total = 0
    for path, size in files:
        if path.endswith((".js", ".mjs")):
            with open(os.path.join(public, path.lstrip("/")), "rb") as f:
                size = len(gzip.compress(f.read(), 9))
        total += size
    return total


def report(judged_path, work, public, ipportal_version, pagefind_version, command):
    judged = judgements(judged_path)
    content = content_pages(public)
    runs = {}  # tool → (lang, query) → result of the harness
    for tool in ("ipportal", "pagefind", "pagefind-more"):
        runs[tool] = {}
        for lang in ("zh", "en"):
            with open(os.path.join(work, f"judged-{tool}-{lang}.json")) as f:
                results = json.load(f) or []
            for r in results:
                r["ranked"] = [normalise(u) for u in r["ranked"]]
                r["more"] = [normalise(u) for u in r.get("more", [])]
                runs[tool][(lang, r["q"])] = r
    missing = [(t, l, q) for t in runs for (l, q, *_) in judged if (l, q) not in runs[t]]
    if missing:
        sys.exit(f"no results from the browser for {missing[:5]}…")

    rows = [
        ("ipportal", lambda lang, q: runs["ipportal"][(lang, q)]["ranked"]),
        ("Pagefind extended", lambda lang, q: runs["pagefind"][(lang, q)]["ranked"]),
        ("Pagefind, content pages only",
         lambda lang, q: [u for u in runs["pagefind-more"][(lang, q)]["ranked"] + runs["pagefind-more"][(lang, q)]["more"]
                          if u in content]),
    ]

    def means(ranking, subset):
        rr = [reciprocal_rank(ranking(l, q), g) for l, q, g, _ in subset]
        nd = [ndcg(ranking(l, q), g) for l, q, g, _ in subset]
        found = sum(1 for x in rr if x > 0)
        return statistics.mean(rr), statistics.mean(nd), found

    zh = [j for j in judged if j[0] == "zh"]
    en = [j for j in judged if j[0] == "en"]
    print(f"## Ranking on the judged query set ({len(judged)} queries: {len(zh)} zh, {len(en)} en)")
    print()
    print("| | MRR@10 | nDCG@10 | answered in the top 10 | MRR@10 zh | nDCG@10 zh | MRR@10 en | nDCG@10 en |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, ranking in rows:
        mrr, nd, found = means(ranking, judged)
        zm, zn, _ = means(ranking, zh)
        em, enn, _ = means(ranking, en)
        print(f"| {name} | **{mrr:.3f}** | **{nd:.3f}** | {found}/{len(judged)} | {zm:.3f} | {zn:.3f} | {em:.3f} | {enn:.3f} |")
    print()
    groups = list(dict.fromkeys(j[3] for j in judged))
    print("| group | queries | " + " | ".join(f"{name}: MRR@10, nDCG@10" for name, _ in rows) + " |")
    print("|---|---:|" + "---:|" * len(rows))
    for group in groups:
        subset = [j for j in judged if j[3] == group]
        cells = []
        for _, ranking in rows:
            mrr, nd, _ = means(ranking, subset)
            cells.append(f"{mrr:.3f}, {nd:.3f}")
        print(f"| {group} | {len(subset)} | " + " | ".join(cells) + " |")
    print()
    print("Pagefind indexes every HTML file; \"content pages only\" drops from its first 60 results the")
    print("list, taxonomy and search pages (keeping its order), as if the theme marked only the pages")
    print("ipportal indexes with `data-pagefind-body`.")
    print()

    print("### Bytes per query (one visit per language: the first query loads the client)")
    print()
    print("| | first query, zh | first query, en | further queries: median | largest |")
    print("|---|---:|---:|---:|---:|")
    for tool, name in (("ipportal", "ipportal"), ("pagefind", "Pagefind extended")):
        first, further = {}, []
        for lang in ("zh", "en"):
            results = [runs[tool][(l, q)] for l, q, *_ in judged if l == lang]
            first[lang] = cost(public, results[0]["files"]) / 1024
            further += [cost(public, r["files"]) / 1024 for r in results[1:]]
        print(f"| {name} | {first['zh']:.1f} KB | {first['en']:.1f} KB | {statistics.median(further):.1f} KB | {max(further):.1f} KB |")
    print()

    print("### Per query: reciprocal rank and nDCG@10")
    print()
    print("| lang | query | ipportal RR | nDCG | Pagefind RR | nDCG | content only RR | nDCG |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for lang, q, grades, _ in judged:
        cells = []
        for _, ranking in rows:
            ranked = ranking(lang, q)
            cells += [f"{reciprocal_rank(ranked, grades):.2f}", f"{ndcg(ranked, grades):.2f}"]
        print(f"| {lang} | `{q}` | " + " | ".join(cells) + " |")
    print()
    print(f"- Machine: {os.cpu_count()} cores; {ipportal_version}; {pagefind_version}.")
    print(f"- Judgements: `tests/fixtures/search-judgements.tsv`; command: `{command}`")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "queries":
        queries = [q for lang, q, *_ in judgements(sys.argv[2]) if lang == sys.argv[3]]
        print(json.dumps(queries, ensure_ascii=False))
    elif len(sys.argv) == 8 and sys.argv[1] == "report":
        report(*sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
