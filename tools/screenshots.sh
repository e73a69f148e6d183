#!/usr/bin/env bash
# Screenshots of the bundled portal for the README and the user guide, taken by headless Chromium
# (Debian's `chromium`), never by hand:
#   tools/screenshots.sh            # writes docs/static/screenshots/*.png
# The portal is built with the release binary into a temporary folder and served on 127.0.0.1;
# nothing is fetched from another host.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${PORT:-8765}"
out="docs/static/screenshots"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

cargo build --release --quiet
target/release/ipportal build --quiet --output "$work/public" --base-url "http://127.0.0.1:$port/"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/public" >/dev/null 2>&1 &
server=$!
sleep 1

mkdir -p "$out"
# name, page, window size
while read -r name page size; do
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --user-data-dir="$work/profile" --window-size="$size" \
        --screenshot="$out/$name.png" "http://127.0.0.1:$port/$page" 2>/dev/null
    echo "$out/$name.png"
done <<'PAGES'
home-zh . 1280,900
home-en en/ 1280,900
PAGES
