#!/bin/sh
# Checks and builds the portal, then copies it to any web server or object storage mount.
#   DEPLOY_TARGET=www@lib.example.edu.cn:/srv/www/ipis/ BASE_URL=https://lib.example.edu.cn/ipis/ ./publish.sh
# It uses the ipportal release below, downloaded once into .ipportal/bin/ (from your centre's
# mirror when IPPORTAL_BASE_URL names one) and checked against the release's SHA256SUMS.
# IPPORTAL=/path/to/ipportal uses that program instead (one built with `cargo install`).
set -eu
: "${DEPLOY_TARGET:?set DEPLOY_TARGET, e.g. www@lib.example.edu.cn:/srv/www/ipis/}"
IPPORTAL_VERSION="${IPPORTAL_VERSION:-v0.1.0}"
IPPORTAL_BASE_URL="${IPPORTAL_BASE_URL:-https://git.example.edu.cn/ipis/ipportal/releases/download}"

install_ipportal() {
    case "$(uname -m)" in
        x86_64 | amd64) arch=x86_64 ;;
        aarch64 | arm64) arch=aarch64 ;;
        *) echo "no ipportal release for $(uname -m): set IPPORTAL to a program built with cargo" >&2; exit 1 ;;
    esac
    case "$(uname -s)" in
        Linux) target="$arch-unknown-linux-musl" ;;
        Darwin) target="$arch-apple-darwin" ;;
        *) echo "no ipportal release for $(uname -s): set IPPORTAL to a program built with cargo" >&2; exit 1 ;;
    esac
    archive="ipportal-$target.tar.gz"
    url="${IPPORTAL_BASE_URL%/}/$IPPORTAL_VERSION"
    download=.ipportal/download
    rm -rf "$download" && mkdir -p "$download" "$(dirname "$cached")"
    curl -fsSL --retry 2 -o "$download/$archive" "$url/$archive"
    curl -fsSL --retry 2 -o "$download/SHA256SUMS" "$url/SHA256SUMS"
    expected="$(awk -v name="$archive" '$2 == name { print $1 }' "$download/SHA256SUMS")"
    if command -v sha256sum >/dev/null 2>&1; then
        actual="$(sha256sum "$download/$archive" | cut -d ' ' -f 1)"
    else
        actual="$(shasum -a 256 "$download/$archive" | cut -d ' ' -f 1)"
    fi
    if [ -z "$expected" ] || [ "$actual" != "$expected" ]; then
        echo "the download of $archive does not match SHA256SUMS at $url: not used" >&2
        exit 1
    fi
    tar -xzf "$download/$archive" -C "$download"
    mv "$download/ipportal-$target/ipportal" "$cached"
    rm -rf "$download"
}

cached=".ipportal/bin/ipportal-$IPPORTAL_VERSION"
if [ -z "${IPPORTAL:-}" ]; then
    [ -x "$cached" ] || install_ipportal
    IPPORTAL="$cached"
fi

"$IPPORTAL" check
if [ -n "${BASE_URL:-}" ]; then
  "$IPPORTAL" build --minify --base-url "$BASE_URL"
else
  "$IPPORTAL" build --minify
fi
rsync -az --delete public/ "$DEPLOY_TARGET"
