"""Count the hard cases in a written set, over its true twins: how often the two names of a
twin differ by a vendor or brand left out, an abbreviation, a compound written apart on one
side, and how often the till's name states a number (size, count, version) or the store's a
colour."""
import csv
import re

COLOURS = {"black", "navy", "grey", "white", "red", "olive", "khaki", "charcoal", "burgundy",
           "blue", "green", "orange", "pink", "purple", "brown", "beige", "yellow", "teal",
           "maroon"}


def words(name):
    return re.findall(r"[a-z0-9]+", name.lower())


def abbreviation(a, b):
    """`a` is a cut or the consonants of `b` (the rule the generator writes them by)."""
    if len(a) < 3 or len(b) <= len(a) or a[0] != b[0] or not a.isalpha():
        return False
    if b.startswith(a):
        return True
    it = iter(b)
    return all(c in it for c in a)


def hard_cases(out, brands):
    ls = {r["id"]: r["name"] for r in csv.DictReader(open(f"{out}/lightspeed.csv"))}
    kiva = {r["id"]: r["name"] for r in csv.DictReader(open(f"{out}/kiva.csv"))}
    pairs = [(ls[r["lightspeed_id"]], kiva[r["kiva_id"]])
             for r in csv.DictReader(open(f"{out}/truth.csv"))]
    counts = dict.fromkeys(["brand on one side only", "an abbreviation", "a compound apart",
                            "a number stated", "a colour stated"], 0)
    for a, b in pairs:
        wa, wb = words(a), words(b)
        first = [x for x in brands if x.lower() in b.lower()]
        counts["brand on one side only"] += bool(first) and first[0].lower() not in a.lower()
        counts["an abbreviation"] += any(abbreviation(x, y) for x in wa if x not in wb for y in wb)
        joined_a = {x + y for x, y in zip(wa, wa[1:])}
        joined_b = {x + y for x, y in zip(wb, wb[1:])}
        counts["a compound apart"] += bool(joined_a & set(wb) or joined_b & set(wa))
        counts["a number stated"] += bool(re.search(r"\d", a))
        counts["a colour stated"] += bool(COLOURS & set(wb))
    return {k: v / max(1, len(pairs)) for k, v in counts.items()}
