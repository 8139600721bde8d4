#!/usr/bin/env python3
"""Load a Lightspeed-side catalogue (CSV: id,name[,sku,barcode]) straight into a kivals
database's ls_products table, standing in for `kivals fetch-products` where no Lightspeed
(or simulator) is at hand.

usage: load_ls.py DB.sqlite LIGHTSPEED.csv"""
import csv, sqlite3, sys

db, path = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
now = "2026-01-01T00:00:00Z"
with open(path, newline="") as f:
    rows = [(r["id"], r["name"], r.get("sku") or None, r.get("barcode") or None, now, now)
            for r in csv.DictReader(f)]
con.executemany("INSERT OR REPLACE INTO ls_products (id, name, sku, barcode, imported_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?)", rows)
con.commit()
print(f"loaded {len(rows)} Lightspeed products into {db}", file=sys.stderr)
