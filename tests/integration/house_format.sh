# Every C++ source is as .clang-format lays it out (clang-format 14, Debian 12's), so that a
# diff shows what changed and not how an editor wrapped it.
. "$(dirname "$0")/lib/common.sh"
command -v clang-format-14 >/dev/null || { echo "SKIP: clang-format-14 is not installed" >&2; exit 77; }
cd "$KIVALS_SRC_DIR"
find src include cmd tests bench -name '*.cpp' -o -name '*.hpp' | sort >"$T/files"
[ -s "$T/files" ] || fail "no sources found"
bad=$(while read -r f; do
    clang-format-14 --dry-run --Werror "$f" >/dev/null 2>&1 || echo "$f"
done <"$T/files")
[ -z "$bad" ] || fail "not formatted (run clang-format-14 -i on them): $(echo $bad)"
pass
