"""What the catalogue kinds share: how a product's two names are written, and writing a set.

A kind (software.py, grocery.py, clothing.py) makes families of sibling products; each
product has the words of its name as (role, canonical text) pieces. The two sides write the
same pieces differently: the Lightspeed side like a point of sale (terse, abbreviated, often
upper case, vendor sometimes left out), the store side like a web shop (full words, vendor
first, boilerplate and part codes added, other order). Spellings are drawn per product, so
neither side is one fixed transformation of the other."""
import csv
import os
import random
import re

# How often a product exists on both sides, the Lightspeed side only, the store side only.
BOTH, LS_ONLY = 0.80, 0.10


def abbreviate(word, rng):
    """A shop's abbreviation of one word: a cut ("Chocolate" -> "Choc") or its consonants
    ("Black" -> "Blk"), keeping the first letter."""
    if len(word) <= 4 or not word.isalpha():
        return word
    if rng.random() < 0.5:
        return word[: rng.randint(3, min(5, len(word) - 2))]
    head, rest = word[0], re.sub(r"[aeiouAEIOU]", "", word[1:])
    rest = re.sub(r"(.)\1", r"\1", rest)
    return head + rest[: rng.randint(2, 4)] if len(rest) >= 2 else word


def split_compound(word, parts, rng):
    """A compound written joined, split or hyphenated ("Handheld", "Hand Held", "Hand-Held")."""
    return rng.choice(["".join(parts), " ".join(parts), "-".join(parts)]) if parts else word


def case(name, rng, upper_share):
    r = rng.random()
    if r < upper_share:
        return name.upper()
    if r < upper_share + 0.15:
        return name.lower()
    return name


def squash(name):
    return re.sub(r"[^a-z0-9]", "", name.lower())


def write_set(out, items, rng):
    """Write lightspeed.csv, kiva.csv and truth.csv (ids L0001…, K0001…). `items` are
    (family, ls_name, kiva_name); each is drawn onto both sides, or one of them. Return the
    counts and how many true links have a sibling (same family) on the store side."""
    os.makedirs(out, exist_ok=True)
    ls, kiva, truth = [], [], []
    store_family = {}
    for family, ls_name, kiva_name in items:
        r = rng.random()
        on_ls, on_kiva = r < BOTH + LS_ONLY, r < BOTH or r >= BOTH + LS_ONLY
        lid = kid = None
        if on_ls:
            lid = f"L{len(ls) + 1:05d}"
            ls.append((lid, ls_name))
        if on_kiva:
            kid = f"K{len(kiva) + 1:05d}"
            kiva.append((kid, kiva_name))
            store_family[kid] = family
        if lid and kid:
            truth.append((lid, kid))
    per_family = {}
    for family in store_family.values():
        per_family[family] = per_family.get(family, 0) + 1
    with_sibling = sum(1 for _, k in truth if per_family[store_family[k]] > 1)
    # The store lists its products in its own order, renumbered.
    order = list(range(len(kiva)))
    rng.shuffle(order)
    renumber = {kiva[i][0]: f"K{j + 1:05d}" for j, i in enumerate(order)}
    kiva = [(renumber[kiva[i][0]], kiva[i][1]) for i in order]
    truth = [(l, renumber[k]) for l, k in truth]
    for name, rows, header in (("lightspeed", ls, ["id", "name"]), ("kiva", kiva, ["id", "name"]),
                               ("truth", sorted(truth), ["lightspeed_id", "kiva_id"])):
        with open(f"{out}/{name}.csv", "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
    return len(ls), len(kiva), len(truth), with_sibling


def distinct_pair(make, rng, tries=20):
    """Draw (ls_name, kiva_name) until the two differ by more than case and punctuation: a
    twin that is the same string is no test."""
    for _ in range(tries):
        ls_name, kiva_name = make(rng)
        if squash(ls_name) != squash(kiva_name):
            return ls_name, kiva_name
    raise RuntimeError("could not draw two different names")
