#!/usr/bin/env bash
# Export benchmark: what counting a 200,000-row Lens-style export costs a build.
#
#   bench/exports.sh [--rows N] [--runs R] > result.md
#
#   --rows N    rows in the generated export (default 200000, about 150 MB)
#   --runs R    timed builds of each portal (default 3)
#
# Environment: IPPORTAL=PATH, an ipportal binary instead of building target/release/ipportal.
#
# The fixture portal (tests/fixtures/bilingual) is copied twice to tmpfs: once with its brief's
# aggregated data.yaml, once with the brief counting the generated export (bench/gen_lens_export.py).
# Each is built R times with GNU time (wall, CPU, peak memory); the medians' difference is the
# count (both languages' pages share one count). Progress goes to stderr, the report to stdout.
set -euo pipefail
die() { echo "exports.sh: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }

CMDLINE="bench/exports.sh${*:+ $*}"
ROWS=200000
RUNS=3
while [ $# -gt 0 ]; do
    case $1 in
        --rows) [ $# -ge 2 ] || die "--rows needs a value"; ROWS=$2; shift 2 ;;
        --runs) [ $# -ge 2 ] || die "--runs needs a value"; RUNS=$2; shift 2 ;;
        *) die "unknown argument $1" ;;
    esac
done
HERE=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${IPPORTAL:-}" ]; then
    log "building ipportal"
    (cd "$HERE" && cargo build --release --quiet)
    IPPORTAL=$HERE/target/release/ipportal
fi
WORK=$(mktemp -d /dev/shm/ipportal-exports-XXXX)
trap 'rm -rf "$WORK"' EXIT

for kind in yaml export; do
    mkdir -p "$WORK/$kind"
    cp -a "$HERE/tests/fixtures/bilingual/." "$WORK/$kind/"
done
log "generating $ROWS rows"
python3 "$HERE/bench/gen_lens_export.py" "$ROWS" "$WORK/export/content/briefs/civil/lens.csv"
BYTES=$(stat -c %s "$WORK/export/content/briefs/civil/lens.csv")
sed -i 's/^data: data.yaml$/data: lens.csv/' "$WORK/export/content/briefs/civil/"index*.md
rm "$WORK/export/content/briefs/civil/data.yaml"

# One build: "wall_seconds cpu_seconds max_rss_kib".
measure() {
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$IPPORTAL" build --quiet --root "$1" --output "$WORK/out-$2" >/dev/null 2>"$WORK/err" \
        || { cat "$WORK/err" >&2; die "build of $1 failed"; }
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$WORK/time"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

declare -A WALL CPU RSS
for kind in yaml export; do
    measure "$WORK/$kind" "$kind" >/dev/null   # warm-up
    : > "$WORK/runs-$kind"
    for _ in $(seq "$RUNS"); do
        measure "$WORK/$kind" "$kind" >> "$WORK/runs-$kind"
        log "$kind: $(tail -1 "$WORK/runs-$kind")"
    done
    WALL[$kind]=$(cut -d' ' -f1 "$WORK/runs-$kind" | median)
    CPU[$kind]=$(cut -d' ' -f2 "$WORK/runs-$kind" | median)
    RSS[$kind]=$(cut -d' ' -f3 "$WORK/runs-$kind" | median)
done
WARNINGS=$("$IPPORTAL" check --root "$WORK/export" --format json | python3 -c 'import json,sys; print(sum(1 for d in json.load(sys.stdin)["diagnostics"] if d["code"] == "data/export"))')

cat <<REPORT
## Counting a raw export ($CMDLINE)

$(nproc) cores, $(date -u +%Y-%m-%d), load average $(cut -d' ' -f1 /proc/loadavg) at the end; medians of $RUNS builds.
Export: $ROWS rows, $((BYTES / 1000000)) MB (bench/gen_lens_export.py); $WARNINGS \`data/export\` warnings.

| portal | wall | CPU | peak memory |
|---|---|---|---|
| fixture, brief from data.yaml | ${WALL[yaml]} s | ${CPU[yaml]} s | $((RSS[yaml] / 1024)) MiB |
| fixture, brief from the export | ${WALL[export]} s | ${CPU[export]} s | $((RSS[export] / 1024)) MiB |
| difference: the count | $(echo "${WALL[export]} - ${WALL[yaml]}" | bc) s | $(echo "${CPU[export]} - ${CPU[yaml]}" | bc) s | $(((RSS[export] - RSS[yaml]) / 1024)) MiB |
REPORT
