#!/usr/bin/env python3
"""Check the integration tests' shell helpers: each function is defined once.

  check_shell_helpers.py INTEGRATION_DIR

A function defined twice among lib/*.sh (in one file or two), or a test script that defines a
function of the same name as a helper, is an error: bash keeps the definition sourced last
without a word, so a script that sources both gets whichever came second. Also, curl is run
only by http_call in lib/common.sh, so that every HTTP call of the tests takes the same care
of secrets (the URL in a config file, never in argv). Prints each breach; exits 1 on one.
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
definition = re.compile(r"^\s*(?:function\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*\(\)\s*\{?", re.M)
problems = []
defined = {}
for lib in sorted((root / "lib").glob("*.sh")):
    for name in definition.findall(lib.read_text()):
        if name in defined:
            problems.append(f"{name}() is defined in {defined[name]} and again in lib/{lib.name}")
        else:
            defined[name] = f"lib/{lib.name}"
for script in sorted(root.glob("*.sh")):
    for name in definition.findall(script.read_text()):
        if name in defined:
            problems.append(f"{script.name} defines {name}(), which {defined[name]} defines")
curl = re.compile(r"^[^#]*\bcurl\s", re.M)
for f in sorted(root.glob("*.sh")) + sorted((root / "lib").glob("*.sh")):
    rel = f.relative_to(root)
    if str(rel) != "lib/common.sh" and curl.search(f.read_text()):
        problems.append(f"{rel} runs curl: use http_call, api or ctl")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
