#!/bin/sh
# Installs ipportal on Linux or macOS, for the current user, without administrator rights:
# downloads the release archive for this machine, checks it against the release's SHA256SUMS,
# and puts the `ipportal` program into ~/.local/bin.
#
#   sh install.sh
#   IPPORTAL_BASE_URL=https://lib.example.edu.cn/mirror/ipportal sh install.sh   # from a mirror
#
# Settings (environment variables):
#   IPPORTAL_VERSION      the release to install (default: the one below)
#   IPPORTAL_BASE_URL     where releases are, one folder per version holding the archives and
#                         SHA256SUMS (default: the project's releases); a mirror keeps the same
#                         layout, see the README's "Keeping a mirror"
#   IPPORTAL_INSTALL_DIR  where the program goes (default: ~/.local/bin)
# On Windows, use install.ps1.
set -eu

version="${IPPORTAL_VERSION:-v0.1.0}"
base_url="${IPPORTAL_BASE_URL:-https://git.example.edu.cn/ipis/ipportal/releases/download}"
install_dir="${IPPORTAL_INSTALL_DIR:-$HOME/.local/bin}"

fail() {
    echo "install.sh: $*" >&2
    exit 1
}

# The release target built for this machine (see .github/workflows/release.yml).
target() {
    case "$(uname -m)" in
        x86_64 | amd64) arch=x86_64 ;;
        aarch64 | arm64) arch=aarch64 ;;
        *) fail "no ipportal release for the processor $(uname -m); install with cargo (README)" ;;
    esac
    case "$(uname -s)" in
        Linux) echo "$arch-unknown-linux-musl" ;;
        Darwin) echo "$arch-apple-darwin" ;;
        MINGW* | MSYS* | CYGWIN*) fail "on Windows, run install.ps1 in PowerShell" ;;
        *) fail "no ipportal release for $(uname -s); install with cargo (README)" ;;
    esac
}

download() { # URL FILE
    if command -v curl >/dev/null 2>&1; then
        curl --fail --silent --show-error --location --retry 2 --output "$2" "$1"
    elif command -v wget >/dev/null 2>&1; then
        wget --quiet --output-document="$2" "$1"
    else
        fail "needs curl or wget to download"
    fi || fail "cannot download $1"
}

sha256() { # FILE
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d ' ' -f 1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 "$1" | cut -d ' ' -f 1
    else
        fail "needs sha256sum or shasum to check the download"
    fi
}

archive="ipportal-$(target).tar.gz"
url="${base_url%/}/$version"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Downloading ipportal $version ($archive) from $url"
download "$url/$archive" "$work/$archive"
download "$url/SHA256SUMS" "$work/SHA256SUMS"

expected="$(awk -v name="$archive" '$2 == name || $2 == "*" name { print $1 }' "$work/SHA256SUMS")"
[ -n "$expected" ] || fail "SHA256SUMS at $url does not list $archive; nothing was installed"
actual="$(sha256 "$work/$archive")"
if [ "$actual" != "$expected" ]; then
    fail "checksum mismatch for $archive: SHA256SUMS says $expected, the download is $actual; \
nothing was installed (a damaged download, or a mirror out of date)"
fi

tar -xzf "$work/$archive" -C "$work"
mkdir -p "$install_dir"
# Copy beside the old program, then rename over it: a running ipportal is never half-written.
cp "$work/ipportal-$(target)/ipportal" "$install_dir/.ipportal.new"
chmod 755 "$install_dir/.ipportal.new"
mv -f "$install_dir/.ipportal.new" "$install_dir/ipportal"

echo "Installed $("$install_dir/ipportal" --version) into $install_dir"
case ":$PATH:" in
    *":$install_dir:"*) ;;
    *) echo "Add $install_dir to your PATH, e.g. in ~/.profile: export PATH=\"$install_dir:\$PATH\"" ;;
esac
