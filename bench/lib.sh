# Shared by the benchmark scripts (sourced, not run).

# install_missing PACKAGE...: installs the Debian packages named, with sudo when not root.
install_missing() {
    [ $# -gt 0 ] || return 0
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "== installing $*" >&2
    "${sudo[@]}" apt-get update -q >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
}
