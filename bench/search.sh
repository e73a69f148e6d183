#!/usr/bin/env bash
# Search benchmark: what the built-in search costs on the synthetic corpus, with Pagefind beside it.
#
#   bench/search.sh [--pages N] [--runs R] [--keep] > result.md
#   bench/search.sh --judged [--keep] > ranking.md
#
#   --pages N   Markdown pages in the corpus, both languages together (default 10000)
#   --runs R    timed builds each with and without search, and Pagefind runs (default 3)
#   --judged    instead of the corpus: ranking quality on the judged query set
#               (tests/fixtures/search-judgements.tsv) over the bundled portal plus the 44 laws of
#               tests/fixtures/laws-zh: MRR@10 and nDCG@10 of ipportal and of Pagefind on the
#               same output, and the bytes each query fetches (no timed builds)
#   --keep      keep the work folder /dev/shm/ipportal-search-N (or -judged) afterwards
#
# Environment:
#   IPPORTAL=PATH     an ipportal binary to use instead of building target/release/ipportal
#   PAGEFIND=PATH     a pagefind_extended binary (default: installed with pip, pagefind-bin-extended)
#   CHROMIUM=PATH     headless Chromium (default /usr/bin/chromium, installed with apt if absent)
#
# What it measures, on tmpfs:
# 1. `ipportal build` with and without `[search] enabled = false`, interleaved, after one warm-up
#    each: wall and CPU time (GNU time), medians; the difference is what the index costs.
# 2. The index: files and bytes of public/search-index/.
# 3. Bytes per query: a page served on 127.0.0.1 runs the test queries in headless Chromium with
#    the theme's own js/search-engine.js and js/search.js, one language per visit, fetching what the search page fetches
#    (entry, facets, shards, tables, and the fragments of the first ten results). The browser's
#    resource timings give each file's size; JavaScript is counted gzipped (as a host serves it).
# 4. Pagefind (`pagefind_extended --site public`) on the same output: index time, size, and the
#    same queries through its JS API (results' data loaded for the first ten, as its UI does).
# With --judged, steps 3 and 4 run the judged queries (each in its visit's language) on the judged
# portal, and each tool's first ten results are scored against the grades.
# Progress goes to stderr, the Markdown report to stdout.
set -euo pipefail

usage() { sed -n '2,32p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "search.sh: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }

CMDLINE="bench/search.sh${*:+ $*}"
PAGES=10000
RUNS=3
KEEP=0
JUDGED=0
while [ $# -gt 0 ]; do
    case $1 in
        --pages) [ $# -ge 2 ] || die "--pages needs a value"; PAGES=$2; shift 2 ;;
        --runs) [ $# -ge 2 ] || die "--runs needs a value"; RUNS=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        --judged) JUDGED=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[[ $PAGES =~ ^[0-9]+$ ]] && [ "$PAGES" -ge 2 ] || die "--pages must be an integer >= 2"
[[ $RUNS =~ ^[0-9]+$ ]] && [ "$RUNS" -ge 1 ] || die "--runs must be an integer >= 1"

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/lib.sh"
REPO=$(dirname "$HERE")
GEN=$HERE/gen_corpus.py
WORK=/dev/shm/ipportal-search-$PAGES
SITE=$WORK/corpus/ipportal
LOGS=$WORK/logs

# --- tools -------------------------------------------------------------------------------------

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
[ -x /usr/bin/time ] || missing+=(time)
install_missing ${missing[@]+"${missing[@]}"}
if [ -z "${PAGEFIND:-}" ]; then
    find_pagefind() {
        python3 -c 'import os, pagefind_bin_extended as p; print(os.path.join(os.path.dirname(p.__file__), "pagefind_extended"))' 2> /dev/null
    }
    PAGEFIND=$(find_pagefind) || { log "pip install pagefind-bin-extended"; python3 -m pip install -q pagefind-bin-extended >&2; PAGEFIND=$(find_pagefind); }
fi
[ -x "$PAGEFIND" ] || die "pagefind_extended not found: $PAGEFIND"

if [ -z "${IPPORTAL:-}" ]; then
    log "cargo build --release"
    (cd "$REPO" && cargo build --release -q) >&2
    IPPORTAL=${CARGO_TARGET_DIR:-$REPO/target}/release/ipportal
fi

# --- the browser ---------------------------------------------------------------------------------

# install_harness: bench/search-TOOL.html as $SITE/public/bench-TOOL.html, with the addresses of the
# search scripts (their names carry a hash of their content) taken from the search page.
install_harness() {
    local script engine
    script=$(grep -o '/js/search\.[0-9a-f]*\.js' "$SITE/public/search/index.html" | head -n 1)
    engine=$(grep -o '/js/search-engine\.[0-9a-f]*\.js' "$SITE/public/search/index.html" | head -n 1)
    [ -n "$script" ] || script=/js/search.js
    [ -n "$engine" ] || engine=/js/search-engine.js
    sed -e "s|/js/search.js|$script|" -e "s|/js/search-engine.js|$engine|" "$HERE/search-ipportal.html" > "$SITE/public/bench-ipportal.html"
    cp "$HERE/search-pagefind.html" "$SITE/public/bench-pagefind.html"
}
# start_server: serves $SITE/public on a free port of 127.0.0.1 ($PORT) until the script ends.
start_server() {
    PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE/public" > "$LOGS/http.log" 2>&1 &
    SERVER=$!
    sleep 1
}
# visit TOOL LANG QUERIES [PARAMS]: runs the JSON list QUERIES in one visit of bench-TOOL.html (a
# copy of bench/search-TOOL.html) in language LANG, with the query string's other PARAMS; prints
# the harness's JSON output (per query: results, the first ten URLs, the files fetched and their
# sizes).
visit() {
    local profile hash out try
    hash=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$3")
    # Chromium dumps the page when its virtual time runs out, which Pagefind's worker can let
    # happen before the harness has written anything: then the visit is made again.
    for try in 1 2 3; do
        profile=$(mktemp -d)
        out=$(timeout 300 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
            --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
            --virtual-time-budget=120000 --dump-dom "http://127.0.0.1:$PORT/bench-$1.html?lang=$2${4:+&$4}#$hash" 2> /dev/null \
            | python3 -c 'import html, re, sys; m = re.search(r"<pre id=\"out\">(.*?)</pre>", sys.stdin.read(), re.S); print(html.unescape(m.group(1)) if m else "null")')
        rm -rf "$profile"
        case $out in
            "" | null) log "$1, $2: no output from the browser (try $try of 3)" ;;
            *) printf '%s\n' "$out"; return 0 ;;
        esac
    done
    die "$1, $2: no output from the browser"
}

# --- --judged: ranking quality ------------------------------------------------------------------

if [ "$JUDGED" = 1 ]; then
    [ -d /dev/shm ] || die "/dev/shm is missing: this benchmark needs a tmpfs"
    WORK=/dev/shm/ipportal-search-judged
    SITE=$WORK/portal
    LOGS=$WORK/logs
    JUDGEMENTS=$REPO/tests/fixtures/search-judgements.tsv
    rm -rf "$WORK"
    cleanup() { [ -n "${SERVER:-}" ] && kill "$SERVER" 2> /dev/null; [ "$KEEP" = 1 ] || rm -rf "$WORK"; }
    trap cleanup EXIT
    mkdir -p "$LOGS" "$SITE/content/laws"
    cp "$IPPORTAL" "$WORK/ipportal"   # a private copy: a rebuild of target/ cannot interfere
    # The judged portal, as tests/it/ranking.rs builds it: the bundled portal, and each law at
    # /laws/<file name without .md and spaces>/, titled by its `# ` line.
    cp -a "$REPO/site.toml" "$REPO/themes" "$SITE/"
    cp -a "$REPO/content/." "$SITE/content/"
    printf -- '---\ntitle: 法律法规\n---\n' > "$SITE/content/laws/_index.md"
    for law in "$REPO"/tests/fixtures/laws-zh/*.md; do
        [ "$(basename "$law")" = README.md ] && continue
        stem=$(basename "$law" .md)
        { printf -- '---\ntitle: "%s"\n---\n' "$(head -n 1 "$law" | sed 's/^#* *//; s/ *$//')"; tail -n +2 "$law"; } \
            > "$SITE/content/laws/${stem// /}.md"
    done
    log "ipportal build --minify (as deployed)"
    (cd "$SITE" && "$WORK/ipportal" build --root . --minify -q) || die "ipportal build failed"
    log "pagefind"
    (cd "$SITE" && "$PAGEFIND" --site public > "$LOGS/pagefind.out" 2>&1) || { cat "$LOGS/pagefind.out" >&2; die "pagefind failed"; }
    install_harness
    start_server
    for lang in zh en; do
        queries=$(python3 "$HERE/search_ranking.py" queries "$JUDGEMENTS" "$lang")
        for tool in ipportal pagefind; do
            log "judged queries: $tool, $lang"
            visit "$tool" "$lang" "$queries" > "$WORK/judged-$tool-$lang.json"
        done
        # Again, with the URLs of 50 more results (in a visit of its own: they fill the cache).
        visit pagefind "$lang" "$queries" more=50 > "$WORK/judged-pagefind-more-$lang.json"
    done
    python3 "$HERE/search_ranking.py" report "$JUDGEMENTS" "$WORK" "$SITE/public" \
        "$("$WORK/ipportal" --version | head -n 1)" "$("$PAGEFIND" --version | head -n 1)" "$CMDLINE"
    exit 0
fi

# --- corpus ------------------------------------------------------------------------------------

[ -d /dev/shm ] || die "/dev/shm is missing: this benchmark needs a tmpfs"
rm -rf "$WORK"
cleanup() { [ -n "${SERVER:-}" ] && kill "$SERVER" 2> /dev/null; [ "$KEEP" = 1 ] || rm -rf "$WORK"; }
trap cleanup EXIT
mkdir -p "$LOGS"
log "generating $PAGES pages"
python3 "$GEN" --pages "$PAGES" --seed 42 --out "$WORK/corpus" --layouts ipportal > /dev/null
python3 "$HERE/site_toml.py" "$SITE/disciplines.yaml" 20 > "$WORK/with.toml"
python3 "$HERE/site_toml.py" "$SITE/disciplines.yaml" 20 --no-search > "$WORK/without.toml"
cp "$IPPORTAL" "$WORK/ipportal"   # a private copy: a rebuild of target/ cannot interfere

# --- 1. build time -----------------------------------------------------------------------------

# build CONFIG: one build from an absent public/, measured into $LOGS/CONFIG.time
build() {
    cp "$WORK/$1.toml" "$SITE/site.toml"
    (cd "$SITE" && /usr/bin/time -v -o "$LOGS/$1.time" sh -c 'rm -rf public && exec "$@"' sh \
        "$WORK/ipportal" build --root . > "$LOGS/$1.out" 2> "$LOGS/$1.err") \
        || { cat "$LOGS/$1.err" >&2; die "ipportal build ($1) failed"; }
}
measured() {   # "wall_s cpu_s rss_kib" of the last run measured in $LOGS/$1.time
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); w = 0; for (k = 1; k <= n; k++) w = w * 60 + t[k] }
        /User time \(seconds\)|System time \(seconds\)/ { c += $NF }
        /Maximum resident set size/ { r = $NF }
        END { printf "%.2f %.2f %d\n", w, c, r }' "$LOGS/$1.time"
}
TICK=$(getconf CLK_TCK)
busy_seconds() { awk -v hz="$TICK" '/^cpu / { print ($2 + $3 + $4 + $7 + $8 + $9) / hz; exit }' /proc/stat; }

RESULTS=$WORK/times.txt
: > "$RESULTS"
OTHER=0
MACHINE=0
log "warm-up"
build without
build with
for ((i = 1; i <= RUNS; i++)); do
    for config in without with; do
        before=$(busy_seconds)
        build "$config"
        after=$(busy_seconds)
        read -r wall cpu rss < <(measured "$config")
        echo "$config $i $wall $cpu $rss" >> "$RESULTS"
        read -r OTHER MACHINE < <(awk -v o="$OTHER" -v m="$MACHINE" -v b="$before" -v a="$after" \
            -v c="$cpu" -v w="$wall" -v n="$(nproc)" 'BEGIN { x = a - b - c; print o + (x > 0 ? x : 0), m + w * n }')
        log "run $i/$RUNS, search $config: ${wall} s"
    done
done
# The last build was with search: its output is what the queries run on.

# --- 2. Pagefind on the same output ------------------------------------------------------------

PF_RESULTS=$WORK/pagefind.txt
: > "$PF_RESULTS"
log "Pagefind warm-up"
(cd "$SITE" && "$PAGEFIND" --site public > "$LOGS/pagefind.out" 2>&1) || { cat "$LOGS/pagefind.out" >&2; die "pagefind failed"; }
for ((i = 1; i <= RUNS; i++)); do
    rm -rf "$SITE/public/pagefind"
    (cd "$SITE" && /usr/bin/time -v -o "$LOGS/pagefind.time" "$PAGEFIND" --site public > "$LOGS/pagefind.out" 2>&1)
    read -r wall cpu rss < <(measured pagefind)
    echo "pagefind $i $wall $cpu $rss" >> "$PF_RESULTS"
    log "run $i/$RUNS, Pagefind: ${wall} s"
done

# --- 3. queries in the browser -----------------------------------------------------------------

PN=$(grep -rhoE 'CN1[0-9]{8}[AB]' "$SITE/content" | awk 'NR == 1')
[ -n "$PN" ] || die "no CN publication number in the corpus"
PN_SPACED="${PN:0:2} ${PN:2:9} ${PN:11}"
PN_LOWER=$(echo "${PN:0:11}" | tr 'A-Z' 'a-z')
export ZH_QUERIES="[\"专利检索\", \"技术转移\", \"新颖性\", \"专利\", \"锂电池 专利分析\", \"$PN\", \"$PN_SPACED\", \"G06F 16/33\", \"g06f16/33\", \"检\"]"
export EN_QUERIES="[\"patent search\", \"technology transfer\", \"novelty\", \"searching patents\", \"licence agreements\", \"$PN\", \"$PN_LOWER\", \"G06F 16/33\"]"

install_harness
start_server
for tool in ipportal pagefind; do
    for lang in zh en; do
        log "queries: $tool, $lang"
        if [ "$lang" = zh ]; then queries=$ZH_QUERIES; else queries=$EN_QUERIES; fi
        visit "$tool" "$lang" "$queries" > "$WORK/queries-$tool-$lang.json"
    done
done

# --- report ------------------------------------------------------------------------------------

export WORK SITE RUNS PAGES CMDLINE OTHER MACHINE
export IPPORTAL_VERSION=$("$WORK/ipportal" --version | head -n 1)
export PAGEFIND_VERSION=$("$PAGEFIND" --version | head -n 1)
python3 - <<'PY'
import gzip, json, os, statistics

work, site = os.environ["WORK"], os.environ["SITE"]
public = os.path.join(site, "public")

def rows(path):
    return [line.split() for line in open(path)]

def med(values):
    return statistics.median(values)

times = rows(os.path.join(work, "times.txt"))
pf = rows(os.path.join(work, "pagefind.txt"))
def col(rs, name, i):
    return [float(r[i]) for r in rs if r[0] == name]

w_without, w_with = med(col(times, "without", 2)), med(col(times, "with", 2))
c_without, c_with = med(col(times, "without", 3)), med(col(times, "with", 3))
r_without, r_with = med(col(times, "without", 4)), med(col(times, "with", 4))
pairs = {}
for r in times:
    pairs.setdefault(r[1], {})[r[0]] = float(r[2])
paired = med([p["with"] / p["without"] - 1 for p in pairs.values() if "with" in p and "without" in p])

def tree(path):
    n = size = 0
    for d, _, files in os.walk(path):
        for f in files:
            n += 1
            size += os.path.getsize(os.path.join(d, f))
    return n, size

idx_files, idx_bytes = tree(os.path.join(public, "search-index"))
pf_files, pf_bytes = tree(os.path.join(public, "pagefind"))
runs = int(os.environ["RUNS"])
print(f"## Search on the {int(os.environ['PAGES']):,}-page corpus")
print()
print("| | wall s, median (min–max) | CPU s | peak RSS | index |")
print("|---|---|---:|---:|---|")
def line(label, walls, cpus, rss, index):
    print(f"| {label} | **{med(walls):.2f}** ({min(walls):.2f}–{max(walls):.2f}) | {med(cpus):.2f} | {med(rss) / 1024:.0f} MiB | {index} |")
line("`ipportal build`, `[search] enabled = false`", col(times, "without", 2), col(times, "without", 3), col(times, "without", 4), "none")
line("`ipportal build` (search index built in)", col(times, "with", 2), col(times, "with", 3), col(times, "with", 4),
     f"{idx_files:,} files, {idx_bytes / 1e6:.1f} MB")
line(f"`pagefind_extended --site public` (index only)", col(pf, "pagefind", 2), col(pf, "pagefind", 3), col(pf, "pagefind", 4),
     f"{pf_files:,} files, {pf_bytes / 1e6:.1f} MB")
print()
print(f"**The search index adds {100 * (w_with / w_without - 1):.0f} % to the build's wall time** "
      f"(median of paired runs {100 * paired:.0f} %; CPU time +{100 * (c_with / c_without - 1):.0f} %). "
      f"Pagefind alone takes {med(col(pf, 'pagefind', 2)) / w_without:.1f}× the whole build without search.")
print()

def gz_size(path):
    full = os.path.join(public, path.lstrip("/"))
    with open(full, "rb") as f:
        return len(gzip.compress(f.read(), 9))

def cost(files):
    """Bytes on the wire: JavaScript gzipped, index files as they are (already compressed)."""
    total = 0
    for path, size in files:
        if path.endswith((".js", ".mjs")):
            size = gz_size(path)
        total += size
    return total

def load(tool, lang):
    with open(os.path.join(work, f"queries-{tool}-{lang}.json")) as f:
        return json.load(f)

worst = {}
for lang in ["zh", "en"]:
    ours, theirs = load("ipportal", lang), load("pagefind", lang)
    print(f"### Queries, {lang} (one visit: the first query loads the client, later ones reuse what is cached)")
    print()
    print("| query | ipportal: results | KB | top 3 | Pagefind: results | KB | top 3 |")
    print("|---|---:|---:|---|---:|---:|---|")
    for k, (a, b) in enumerate(zip(ours or [], theirs or [])):
        ka, kb = cost(a["files"]) / 1024, cost(b["files"]) / 1024
        key = "first" if k == 0 else "further"
        worst.setdefault(("ipportal", key), []).append(ka)
        worst.setdefault(("pagefind", key), []).append(kb)
        top = lambda r: "<br>".join(u.strip("/").split("/")[-1] or "/" for u in r["ranked"][:3])
        print(f"| `{a['q']}` | {a['results']}{'' if a['results'] == a.get('all', a['results']) else ' (+' + str(a['all'] - a['results']) + ' partial)'} | {ka:.1f} | {top(a)} | {b['results']} | {kb:.1f} | {top(b)} |")
    print()
for tool in ["ipportal", "pagefind"]:
    first, further = worst.get((tool, "first"), [0]), worst.get((tool, "further"), [0])
    print(f"- {tool}: first query **{max(first):.1f} KB** (largest of the languages), further queries at most **{max(further):.1f} KB** (median {med(further):.1f} KB).")
print()
other, machine = float(os.environ["OTHER"]), float(os.environ["MACHINE"])
pct = 100 * other / machine if machine else 0
print(f"- Machine: {os.cpu_count()} cores; {os.environ['IPPORTAL_VERSION']}; {os.environ['PAGEFIND_VERSION']}; "
      f"{runs} timed runs each after a warm-up, on tmpfs.")
print(f"- Other processes used {pct:.0f} % of the machine during the timed builds{' (**noisy**)' if pct >= 5 else ''}.")
print("- KB: bytes fetched for the query, JavaScript counted gzipped; the HTML page itself not counted.")
print(f"- Command: `{os.environ['CMDLINE']}`")
PY
