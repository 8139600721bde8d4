#!/usr/bin/env bash
# Install what kivals needs to build and test, from Debian 12 packages. Idempotent: it asks
# apt only for packages that are missing, and runs `apt-get update` only when it must install.
set -euo pipefail

packages=(
    cmake g++ make pkg-config ccache clang libclang-rt-14-dev clang-format
    libcli11-dev libcurl4-openssl-dev nlohmann-json3-dev libsqlite3-dev libfmt-dev
    libtomlplusplus-dev doctest-dev libcpp-httplib-dev libfcgi-dev libsodium-dev
    lighttpd spawn-fcgi python3 python3-jsonschema python3-yaml sqlite3 curl openssl
    procps psmisc jq time
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "install-deps: missing packages: ${missing[*]} (run as root, or install them)" >&2
        exit 1
    fi
    echo "install-deps: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
