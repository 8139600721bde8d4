#!/usr/bin/env bash
# Build the Debian packages (kivals, kivals-lssim) from this tree with Debian's own tooling
# (dpkg-buildpackage, debhelper), then run lintian on them. Installs what the build needs
# (idempotent: apt runs only when something is missing). The tree is copied as it is,
# uncommitted changes included, without build directories.
#   scripts/package.sh [--out DIR]
# Prints the paths of the .deb files on its last lines; exits 1 if lintian reports an error
# (warnings are printed, not fatal).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
out=$ROOT/build-deb
while [ $# -gt 0 ]; do
    case "$1" in
    --out) out=$2; shift 2 ;;
    *) echo "usage: scripts/package.sh [--out DIR]" >&2; exit 2 ;;
    esac
done

need=(dpkg-dev debhelper fakeroot lintian build-essential)
missing=()
for p in "${need[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
    echo "package: installing ${missing[*]}" >&2
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! dpkg-checkbuilddeps debian/control 2>/dev/null; then
    echo "package: installing the build dependencies of debian/control" >&2
    apt-get update -qq
    apt-get build-dep -y -qq "$ROOT" >/dev/null
fi

# The upstream version (CMakeLists.txt) and the package's must agree.
upstream=$(sed -n 's/^project(kivals VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
packaged=$(dpkg-parsechangelog -S Version)
case "$packaged" in
"$upstream"|"$upstream"[+.~]*) ;;
*) echo "package: debian/changelog says $packaged, CMakeLists.txt $upstream" >&2; exit 1 ;;
esac

# A fixed staging path (the compiler flags name it): the compiler cache hits again on the
# next build of the same tree, whatever --out says.
stage=$ROOT/build-deb/stage
rm -rf "$stage"
trap 'rm -rf "$stage"' EXIT
src=$stage/kivals
mkdir -p "$src" "$out"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
    [ -e "$f" ] && printf '%s\0' "$f"
done | tar --null -T - -cf - | tar -C "$src" -xf -
# Share the developer's compiler cache (debhelper points HOME elsewhere during the build).
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
(cd "$src" && dpkg-buildpackage -us -uc --build=full -j"$(nproc)") >"$out/build.log" 2>&1 ||
    { tail -40 "$out/build.log" >&2; echo "package: dpkg-buildpackage failed (log: $out/build.log)" >&2; exit 1; }
v=$(cd "$src" && dpkg-parsechangelog -S Version)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
mv "$stage"/*_"$v"[._]* "$out/"
changes=$out/kivals_${v}_${arch}.changes

lintian --info --display-info --pedantic "$changes" >"$out/lintian.txt" 2>&1 || true
grep -E '^[EWIP]: ' "$out/lintian.txt" >&2 || true
errors=$(grep -c '^E: ' "$out/lintian.txt" || true)
warnings=$(grep -c '^W: ' "$out/lintian.txt" || true)
echo "package: lintian: $errors errors, $warnings warnings (full output: $out/lintian.txt)" >&2
[ "$errors" = 0 ] || exit 1
echo "$out/kivals_${v}_${arch}.deb"
echo "$out/kivals-lssim_${v}_${arch}.deb"
