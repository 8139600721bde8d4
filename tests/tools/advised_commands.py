#!/usr/bin/env python3
"""Find every kivals command the program or its documentation advises and check that each
one is a command kivals has: so that no message or page sends an administrator to a command
that does not exist (`kivals -v push`, `kivals webhooks rotate-secret`).

Where advice is found:
- C++ (src/, cmd/): a `kivals ...` span in backticks (string literals joined first, so a span
  may cross a line break), and a string literal that is a command by itself ("kivals push";
  doctor's fixes), cut at a '(' aside; any of them cut at ';' and '&&' into several;
- Markdown (README.md, docs/, man/*.md): `kivals ...` and **kivals ...** spans (with the
  *PLACEHOLDERS* in italics that follow a bold one), and the lines
  of code blocks (fenced or indented) that start with kivals (or `sudo -u kivals kivals`).
Synopsis notation ([optional], a|b, {fmt fields}, <values>, ...) is not a command and is skipped.

How each is checked (with KIVALS, the binary): words that name subcommands are followed
through `--help`'s Subcommands list; a command that ends there names a command (a reference
such as **kivals kiva import** in a page). Anything after that is parsed for real, with
KIVALS_PARSE_ONLY=1 (kivals parses and runs nothing), its UPPER-CASE placeholders given
values first. A word where a subcommand must be, that is none, is dead advice.

usage: advised_commands.py SOURCE_DIR            (print ORIGIN<TAB>COMMAND, one a line)
       advised_commands.py --check KIVALS SOURCE_DIR
"""
import functools
import os
import pathlib
import re
import subprocess
import sys

SKIP = re.compile(r"[\[\]|{}<>]|\.\.\.|…")


def clean(command):
    command = command.strip().rstrip(".,:")
    command = re.sub(r"^sudo -u kivals ", "", command)
    if not command.startswith("kivals ") and command != "kivals":
        return None
    if SKIP.search(command):
        return None
    # A message's prefix ("kivals serve: stopped", "kivals queue follow: stopped").
    if re.match(r"kivals [\w-]+( [\w-]+)?:", command):
        return None
    return command


def from_cpp(text):
    # Join adjacent string literals ("a " "b" over lines), so a backtick span is whole.
    joined = re.sub(r'"\s*\n\s*"', "", text)
    for span in re.findall(r"`(kivals [^`\n]*)`", joined):
        yield span
    for literal in re.findall(r'"((?:[^"\\\n]|\\.)*)"', joined):
        if not literal.startswith("kivals ") or "`" in literal:
            continue
        yield literal.split(" (")[0]


def from_markdown(text):
    for span in re.findall(r"`((?:sudo -u kivals )?kivals [^`\n]*)`", text):
        yield span
    # A bold command takes the italic placeholders that follow it in a man page
    # (**kivals stock --changes-since** *CURSOR*).
    for span, args in re.findall(r"\*\*(kivals [^*\n]*)\*\*((?: \*[A-Z][A-Z_]*\*)*)", text):
        yield (span + args.replace("*", "")).replace("\\", "")
    in_code = False
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code or line.startswith("    "):
            line = re.sub(r"^\s*\$\s*", "", line).split(" #")[0]
            if re.match(r"\s*(sudo -u kivals )?kivals ", line):
                yield line


def advised(root):
    seen = set()
    files = [(p, from_cpp) for d in ("src", "cmd") for p in sorted((root / d).rglob("*"))
             if p.suffix in (".cpp", ".hpp")]
    files += [(p, from_markdown) for p in [root / "README.md", *sorted((root / "docs").glob("*.md")),
                                           *sorted((root / "man").glob("*.md"))]]
    for path, extract in files:
        # kivals-lssim's own pages and sources name kivals-lssim, not kivals: never matched.
        for found in extract(path.read_text(encoding="utf-8")):
            for part in re.split(r"&&|;", found):  # `kivals a && kivals b` is two
                command = clean(part)
                if command and (path, command) not in seen:
                    seen.add((path, command))
                    yield str(path.relative_to(root)), command


@functools.lru_cache(maxsize=None)
def subcommands(kivals, path):
    """The subcommands `kivals PATH --help` lists."""
    out = subprocess.run([kivals, *path, "--help"], capture_output=True, text=True).stdout
    names, listing = set(), False
    for line in out.splitlines():
        if line.startswith("Subcommands:"):
            listing = True
        elif listing and re.match(r"  \S", line):
            names.add(line.split()[0])
        elif listing and line.strip() == "":
            listing = False
    return frozenset(names)


def distance(a, b):
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


PLACEHOLDERS = {"FILE": "/etc/hostname", "URL": "https://shop.example/x"}


def check(kivals, command):
    """Return why `command` is not one kivals has, or None."""
    words = command.split()[1:]
    path = []
    while words and words[0] in subcommands(kivals, tuple(path)):
        path.append(words.pop(0))
    if not words:
        return None  # it names a command
    word, subs = words[0], subcommands(kivals, tuple(path))
    if subs and not word.startswith("-") and not path and \
            min(distance(word, s) for s in subs) > 2:
        return "skip"  # prose about kivals ("kivals is not connected"), not a command
    if subs and not word.startswith("-"):
        return f"'{word}' is not a subcommand of kivals {' '.join(path)}".rstrip()
    argv = [PLACEHOLDERS.get(w, "1" if re.fullmatch(r"[A-Z][A-Z_]+", w) else w)
            for w in command.split()[1:]]
    env = dict(os.environ, KIVALS_PARSE_ONLY="1", KIVALS_CONFIG="/nonexistent/kivals.toml")
    done = subprocess.run([kivals, *argv], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        return f"does not parse: {done.stderr.strip().splitlines()[0] if done.stderr.strip() else done.returncode}"
    return None


def main():
    if sys.argv[1] == "--check":
        kivals, root = sys.argv[2], pathlib.Path(sys.argv[3])
        checked, dead = 0, []
        for origin, command in advised(root):
            why = check(kivals, command)
            if why == "skip":
                continue
            checked += 1
            if why:
                dead.append(f"{origin}: `{command}`: {why}")
        print(f"{checked} advised commands checked, {len(dead)} dead")
        for line in dead:
            print(line)
        sys.exit(1 if dead or checked < 50 else 0)
    for origin, command in advised(pathlib.Path(sys.argv[1])):
        print(f"{origin}\t{command}")


if __name__ == "__main__":
    main()
