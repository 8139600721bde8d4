#!/usr/bin/env python3
"""Watch every process's command line while one integration test runs, and record any that
contains a secret (RELIABILITY.md 15: secrets never in argv or /proc/*/cmdline).

Usage: argv_watch.py TEST_DIR PARENT_PID
The secrets are whatever the test keeps in secret files under TEST_DIR (the webhook secret
file, token files); they are re-read as they appear. Findings go to TEST_DIR/argv-leaks.txt
(the secret itself is never written). Stops when PARENT_PID exits or after 20 minutes.
"""
import glob
import os
import sys
import time

test_dir, parent = sys.argv[1], int(sys.argv[2])
patterns = ["etc/webhook.secret", "*.token", "token", "*/webhook.secret"]
secrets = set()
deadline = time.time() + 1200
own = os.getpid()


def refresh():
    for pattern in patterns:
        for path in glob.glob(os.path.join(test_dir, pattern)):
            try:
                with open(path, "rb") as f:
                    value = f.readline().strip()
            except OSError:
                continue
            if len(value) >= 12:
                secrets.add(value)


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


tick = 0
while alive(parent) and time.time() < deadline:
    if tick % 10 == 0:
        refresh()
    tick += 1
    if secrets:
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) == own:
                continue
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    cmdline = f.read()
            except OSError:
                continue
            for secret in secrets:
                if secret in cmdline:
                    name = cmdline.split(b"\0", 1)[0].decode(errors="replace")
                    with open(os.path.join(test_dir, "argv-leaks.txt"), "a") as out:
                        out.write(f"pid {entry} ({name}) had a secret in its command line\n")
    time.sleep(0.02)
