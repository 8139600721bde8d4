#!/usr/bin/env bash
# Regenerate man/*.1, *.5, *.8 from their Markdown sources (man/*.md) with pandoc. Each page's
# footer carries the project version from CMakeLists.txt, so no page states it by hand.
# The generated roff is committed, so building kivals never needs pandoc.
#   scripts/gen-man.sh           write the pages
#   scripts/gen-man.sh --check   exit 1 naming each page that differs from its source
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^project(kivals VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
[ -n "$version" ] || { echo "gen-man: no project version in CMakeLists.txt" >&2; exit 1; }
command -v pandoc >/dev/null || { echo "gen-man: pandoc is needed (apt-get install pandoc)" >&2; exit 1; }
stale=0
for src in man/*.md; do
    render=(pandoc -s -f markdown-smart -t man -M footer="kivals $version" "$src")
    if [ "${1:-}" = --check ]; then
        if ! "${render[@]}" | cmp -s - "${src%.md}"; then
            echo "gen-man: ${src%.md} is stale: run scripts/gen-man.sh" >&2
            stale=1
        fi
    else
        "${render[@]}" -o "${src%.md}"
    fi
done
exit $stale
