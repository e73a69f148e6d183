#!/usr/bin/env bash
# Replaces the pinned copy of Decap CMS in vendor/decap-cms/ with another version of the npm
# package `decap-cms`, which the build copies into a portal's /admin/ (nothing is loaded from a
# CDN: portals must work from mainland China and offline).
#
#   scripts/update-decap-cms.sh 3.16.3
#
# Then: check the locales the bundle registers still include zh_Hans (the script says),
# run `cargo test --release --test it cms` and the end-to-end test (tests/cms/, run by .ci/run),
# and commit vendor/decap-cms/ with the new VERSION.
set -euo pipefail
version="${1:?usage: scripts/update-decap-cms.sh VERSION}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "decap-cms@$version" >/dev/null && tar xzf "decap-cms-$version.tgz")
dist="$work/package/dist"
grep -q '"zh_Hans"\|zh_Hans:' "$dist/decap-cms.js" || { echo "decap-cms $version has no zh_Hans locale" >&2; exit 1; }
target="$root/vendor/decap-cms"
find "$target" -type f ! -name README.md -delete
# The bundle, the chunks it loads on demand (named N.decap-cms.js, found beside it) and its
# WebAssembly files; not the source maps (25 MB) nor the duplicate `cms.js` build.
cp "$dist/decap-cms.js" "$dist"/[0-9]*.decap-cms.js "$dist"/*.wasm "$target/"
cp "$dist/decap-cms.js.LICENSE.txt" "$target/THIRD-PARTY-LICENSES.txt"
echo "$version" > "$target/VERSION"
echo "vendor/decap-cms/ now holds decap-cms $version"
