#!/usr/bin/env bash
# Build-speed comparison: ipportal vs Hugo on the synthetic bilingual corpus of bench/gen_corpus.py.
#
#   bench/compare_hugo.sh [--pages N] [--runs R] [--keep] > result.md
#
#   --pages N   Markdown pages in the corpus, both languages together (default 1000)
#   --runs R    timed runs per tool (default 5 for N <= 1000, else 3)
#   --keep      keep the work folder /dev/shm/ipportal-bench-N afterwards
#
# Environment:
#   HUGO=PATH         the hugo binary (default: hugo on PATH, installed with apt if absent)
#   IPPORTAL=PATH     an ipportal binary to use instead of building target/release/ipportal
#   SKIP_IPPORTAL=1   time Hugo only (to check the harness while the engine is unfinished)
#   PAGINATE=N        ipportal's paginate_by (default 20, the corpus's Hugo pagerSize)
#
# Method: corpus and output on tmpfs; every build starts from an absent output folder
# (`sh -c 'rm -rf public && exec BUILD'`); one untimed warm-up per tool, then R timed runs
# interleaved (ipportal, Hugo, ipportal, Hugo…); wall time, CPU time and peak RSS from GNU
# `time -v`; medians reported. Progress goes to stderr, the Markdown report to stdout.
set -euo pipefail

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }

die() { echo "compare_hugo: $*" >&2; exit 1; }

# --- arguments ---------------------------------------------------------------

CMDLINE="bench/compare_hugo.sh${*:+ $*}"
PAGES=1000
RUNS=
KEEP=0
while [ $# -gt 0 ]; do
    case $1 in
        --pages) [ $# -ge 2 ] || die "--pages needs a value"; PAGES=$2; shift 2 ;;
        --pages=*) PAGES=${1#*=}; shift ;;
        --runs) [ $# -ge 2 ] || die "--runs needs a value"; RUNS=$2; shift 2 ;;
        --runs=*) RUNS=${1#*=}; shift ;;
        --keep) KEEP=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
if ! [[ $PAGES =~ ^[0-9]+$ ]] || [ "$PAGES" -lt 2 ]; then die "--pages must be an integer >= 2"; fi
if [ -z "$RUNS" ]; then
    if [ "$PAGES" -le 1000 ]; then RUNS=5; else RUNS=3; fi
fi
if ! [[ $RUNS =~ ^[0-9]+$ ]] || [ "$RUNS" -lt 1 ]; then die "--runs must be an integer >= 1"; fi
PAGINATE=${PAGINATE:-20}
SKIP_IPPORTAL=${SKIP_IPPORTAL:-0}

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/lib.sh"
REPO=$(git -C "$HERE" rev-parse --show-toplevel 2>/dev/null) || REPO=$(dirname "$HERE")
GEN=$HERE/gen_corpus.py

# tmpfs keeps disk noise out: on disk each run deletes and recreates ~1,500 files.
WORK=/dev/shm/ipportal-bench-$PAGES
CORPUS=$WORK/corpus
LOGS=$WORK/logs
RESULTS=$WORK/results.txt   # one line per timed run: tool run wall_s cpu_s rss_kib other_cpu_s

log() { echo "== $*" >&2; }

cleanup() {
    if [ "$KEEP" = 1 ]; then
        log "work folder kept: $WORK"
    else
        rm -rf "$WORK"
    fi
}

# --- tools -------------------------------------------------------------------

missing=()
if [ -z "${HUGO:-}" ] && ! command -v hugo > /dev/null; then missing+=(hugo); fi
[ -x /usr/bin/time ] || missing+=(time)   # GNU time: `-v` gives peak RSS
install_missing ${missing[@]+"${missing[@]}"}
HUGO=${HUGO:-hugo}
command -v "$HUGO" > /dev/null || die "hugo not found: $HUGO"
HUGO=$(command -v "$HUGO")

# Build target/release/ipportal when it is missing or older than anything it is built from.
if [ "$SKIP_IPPORTAL" != 1 ] && [ -z "${IPPORTAL:-}" ]; then
    IPPORTAL=${CARGO_TARGET_DIR:-$REPO/target}/release/ipportal
    sources=()
    for p in src themes build.rs Cargo.toml Cargo.lock; do
        [ -e "$REPO/$p" ] && sources+=("$REPO/$p")
    done
    if [ ! -x "$IPPORTAL" ] || [ -n "$(find "${sources[@]}" -newer "$IPPORTAL" -print -quit)" ]; then
        log "cargo build --release"
        (cd "$REPO" && cargo build --release) >&2
    fi
fi

# --- corpus and config -------------------------------------------------------

[ -d /dev/shm ] || die "/dev/shm is missing: this benchmark needs a tmpfs"
rm -rf "$WORK"
trap cleanup EXIT
mkdir -p "$LOGS"
: > "$RESULTS"

log "generating $PAGES pages in $CORPUS"
python3 "$GEN" --pages "$PAGES" --seed 42 --out "$CORPUS" --layouts ipportal,hugo

# ipportal's site.toml (bench/site_toml.py): paginate_by matches Hugo's pagerSize.
python3 "$HERE/site_toml.py" "$CORPUS/ipportal/disciplines.yaml" "$PAGINATE" > "$CORPUS/ipportal/site.toml"

if [ "$SKIP_IPPORTAL" != 1 ]; then
    # A private copy on tmpfs, so a rebuild of target/ during the runs cannot interfere.
    cp "$IPPORTAL" "$WORK/ipportal"
    IPPORTAL=$WORK/ipportal
fi

# --- measurement ---------------------------------------------------------------

# build TOOL DIR CMD...: one build of CMD in DIR from an absent public/, measured by
# GNU time into $LOGS/TOOL.time. A failed build prints its stderr and ends the script.
build() {
    local tool=$1 dir=$2 status=0
    shift 2
    (cd "$dir" && /usr/bin/time -v -o "$LOGS/$tool.time" \
        sh -c 'rm -rf public && exec "$@"' sh "$@" > "$LOGS/$tool.out" 2> "$LOGS/$tool.err") || status=$?
    if [ "$status" -ne 0 ]; then
        {
            echo "compare_hugo: $tool build failed (exit $status) in $dir: $*"
            echo "--- stderr ---"
            cat "$LOGS/$tool.err"
            if [ -s "$LOGS/$tool.out" ]; then
                echo "--- stdout (last 20 lines) ---"
                tail -n 20 "$LOGS/$tool.out"
            fi
            [ "$KEEP" = 1 ] || echo "(rerun with --keep to inspect $WORK)"
        } >&2
        exit 1
    fi
}

# measured TOOL: "wall_s cpu_s rss_kib" of TOOL's last build. The wall clock reads
# h:mm:ss or m:ss.cc, hence the base-60 sum.
measured() {
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); w = 0; for (k = 1; k <= n; k++) w = w * 60 + t[k] }
        /User time \(seconds\)|System time \(seconds\)/ { c += $NF }
        /Maximum resident set size/ { r = $NF }
        END { printf "%.2f %.2f %d\n", w, c, r }' "$LOGS/$1.time"
}

TOOLS=()
[ "$SKIP_IPPORTAL" = 1 ] || TOOLS+=(ipportal)
TOOLS+=(hugo)

# run_tool TOOL: build TOOL's site once.
run_tool() {
    case $1 in
        ipportal) build ipportal "$CORPUS/ipportal" "$IPPORTAL" build --root "$CORPUS/ipportal" ;;
        hugo) build hugo "$CORPUS/hugo" "$HUGO" --quiet ;;
    esac
}

# busy_seconds: CPU seconds the whole machine has spent busy since boot (/proc/stat:
# user nice system irq softirq steal). Compared with the build's own CPU time, it shows
# whether other processes (a cargo build, say) competed with the timed runs.
TICK=$(getconf CLK_TCK)
busy_seconds() { awk -v hz="$TICK" '/^cpu / { print ($2 + $3 + $4 + $7 + $8 + $9) / hz; exit }' /proc/stat; }

for tool in "${TOOLS[@]}"; do
    log "warm-up: $tool"
    run_tool "$tool"
done

OTHER=0   # CPU seconds used by other processes during the timed runs
MACHINE=0 # CPU seconds the machine could have given in that time (wall × cores)
for ((i = 1; i <= RUNS; i++)); do
    for tool in "${TOOLS[@]}"; do
        before=$(busy_seconds)
        run_tool "$tool"
        after=$(busy_seconds)
        read -r wall cpu rss < <(measured "$tool")
        other=$(awk -v b="$before" -v a="$after" -v c="$cpu" 'BEGIN { x = a - b - c; printf "%.2f", (x > 0) ? x : 0 }')
        echo "$tool $i $wall $cpu $rss $other" >> "$RESULTS"
        read -r OTHER MACHINE < <(awk -v o="$OTHER" -v m="$MACHINE" -v x="$other" -v w="$wall" \
            -v n="$(nproc)" 'BEGIN { print o + x, m + w * n }')
        log "run $i/$RUNS $tool: ${wall} s, $((rss / 1024)) MiB (other processes: $other CPU s)"
    done
done
OTHER_PCT=$(awk -v o="$OTHER" -v m="$MACHINE" 'BEGIN { printf "%.0f", (m > 0) ? 100 * o / m : 0 }')
if [ "$OTHER_PCT" -ge 5 ]; then
    log "warning: other processes used ${OTHER_PCT} % of the CPU during the timed runs; the figures are noisy"
fi

# --- report --------------------------------------------------------------------

# column TOOL N: field N of TOOL's timed runs, one a line.
column() { awk -v t="$1" -v c="$2" '$1 == t { print $c }' "$RESULTS"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# output_of DIR: "F files, S MB" (sum of file sizes, not disk usage, as in BASELINE.md)
output_of() {
    [ -d "$1" ] || { echo "no output folder"; return; }
    find "$1" -type f -printf '%s\n' | awk '{ s += $1; n++ } END { printf "%d files, %.1f MB", n, s / 1e6 }'
}

version_of() {
    case $1 in
        ipportal) "$IPPORTAL" --version 2>&1 | head -n 1 || true ;;
        hugo) "$HUGO" version 2>&1 | head -n 1 || true ;;
    esac
}

# label_of TOOL: the table's name for TOOL, e.g. "Hugo 0.111.3", "ipportal 0.1.0"
label_of() {
    local v
    v=$(version_of "$1" | grep -o -m 1 '[0-9][0-9.]*[0-9]' | head -n 1 || true)
    case $1 in
        hugo) echo "Hugo${v:+ $v}" ;;
        *) echo "$1${v:+ $v}" ;;
    esac
}

if [ "$SKIP_IPPORTAL" != 1 ] && [ ! -d "$CORPUS/ipportal/public" ]; then
    die "ipportal exited 0 but wrote no $CORPUS/ipportal/public"
fi

declare -A WALL CPU RSS
echo "## ipportal vs Hugo: $PAGES pages, $RUNS timed run$([ "$RUNS" -eq 1 ] || echo s) each"
echo
echo "| tool | runs | wall s, median (min–max) | CPU s | peak RSS | output |"
echo "|---|---:|---|---:|---:|---|"
for tool in "${TOOLS[@]}"; do
    WALL[$tool]=$(column "$tool" 3 | median)
    CPU[$tool]=$(column "$tool" 4 | median)
    RSS[$tool]=$(column "$tool" 5 | median)
    printf '| %s | %d | **%.2f** (%.2f–%.2f) | %.2f | %.0f MiB | %s |\n' \
        "$(label_of "$tool")" "$RUNS" "${WALL[$tool]}" \
        "$(column "$tool" 3 | sort -g | head -n 1)" "$(column "$tool" 3 | sort -g | tail -n 1)" \
        "${CPU[$tool]}" "$(awk -v r="${RSS[$tool]}" 'BEGIN { print r / 1024 }')" \
        "$(output_of "$CORPUS/$tool/public")"
done
if [ "$SKIP_IPPORTAL" != 1 ]; then
    # The paired ratio compares runs made seconds apart, so batch drift cancels out.
    paired=$(awk '$1 == "ipportal" { a[$2] = $3 } $1 == "hugo" { h[$2] = $3 }
                  END { for (i in a) if (h[i] > 0) print a[i] / h[i] }' "$RESULTS" | median)
    ratio() { awk -v a="$1" -v h="$2" 'BEGIN { print (h > 0) ? a / h : 0 }'; }
    echo
    printf '**ipportal / Hugo**: wall %.2f× (median of paired runs %.2f×), CPU %.2f×, peak RSS %.2f×.\n' \
        "$(ratio "${WALL[ipportal]}" "${WALL[hugo]}")" "$paired" \
        "$(ratio "${CPU[ipportal]}" "${CPU[hugo]}")" "$(ratio "${RSS[ipportal]}" "${RSS[hugo]}")"
fi

echo
echo "- Machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)," \
    "$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM," \
    "$(awk -F= '/^PRETTY_NAME=/ { gsub(/"/, "", $2); print $2 }' /etc/os-release 2>/dev/null)," \
    "kernel $(uname -r)"
for tool in "${TOOLS[@]}"; do
    echo "- $tool: \`$(version_of "$tool")\`"
done
echo "- Corpus: \`bench/gen_corpus.py --pages $PAGES --seed 42\`," \
    "$(output_of "$CORPUS/hugo/content" | sed 's/ files/ Markdown files/') on $(stat -f -c %T "$WORK")"
echo "- Timed: \`sh -c 'rm -rf public && exec BUILD'\` under GNU \`time -v\`, 1 warm-up," \
    "runs interleaved; BUILD = \`ipportal build --root corpus/ipportal\`, \`hugo --quiet\`"
printf -- '- Other processes during the timed runs: %.1f CPU s, %s %% of the machine%s\n' \
    "$OTHER" "$OTHER_PCT" "$([ "$OTHER_PCT" -lt 5 ] || echo ' (**noisy: rerun on a quiet machine**)')"
echo "- Command: \`$CMDLINE\`"
