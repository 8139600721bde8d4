#!/usr/bin/env bash
# Install Debian's Chromium and its WebDriver for the browser tests, when they are missing
# (idempotent: apt is asked only for what is not installed, `apt-get update` only then).
set -euo pipefail
packages=(chromium chromium-driver)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "install_chromium: missing ${missing[*]} (run as root, or install them)" >&2
    exit 77
fi
echo "install_chromium: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
