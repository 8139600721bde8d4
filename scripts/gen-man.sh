#!/usr/bin/env bash
# Regenerate man/*.1, *.5, *.8 from their Markdown sources (man/*.md) with pandoc.
# The generated roff is committed, so building kivals never needs pandoc.
set -euo pipefail
cd "$(dirname "$0")/../man"
command -v pandoc >/dev/null || { echo "gen-man: pandoc is needed (apt-get install pandoc)" >&2; exit 1; }
for src in *.md; do
    pandoc -s -f markdown-smart -t man "$src" -o "${src%.md}"
done
