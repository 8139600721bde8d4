#!/usr/bin/env python3
"""Judge what `link auto --dry-run --json` would do against a set's truth.csv.

usage: auto_precision.py SET_DIR AUTO.json LABEL
Prints how many links it would make, their precision (share in truth.csv), the precision
among products the truth gives a twin (there a wrong link is certainly wrong; among the
others many "wrong" links are the same product the truth missed), coverage (share of the
products with a twin that got their twin) and how many were left for review."""
import csv
import json
import sys

truth = {}
for r in csv.DictReader(open(f"{sys.argv[1]}/truth.csv")):
    truth.setdefault(r["lightspeed_id"], set()).add(r["kiva_id"])
plan = json.load(open(sys.argv[2]))
linked = plan["linked"]
right = sum(1 for l in linked if l["kiva_id"] in truth.get(l["lightspeed_id"], ()))
twinned = [l for l in linked if l["lightspeed_id"] in truth]
print(f"{sys.argv[3]}: {len(linked)} linked, precision {right / max(1, len(linked)):.3f} "
      f"({right / max(1, len(twinned)):.3f} on products with a twin), "
      f"coverage {right / len(truth):.3f}, {len(plan['contested'])} left for review")
