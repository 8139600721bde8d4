#!/usr/bin/env python3
"""Build the linker's evaluation catalogues of other kinds than abt-buy's electronics.

usage: gen_kinds.py OUT_DIR [SEED]
Writes OUT_DIR/{software,grocery,clothing}/{lightspeed,kiva,truth}.csv, like the abt-buy
set: id,name on each side and the true links. Names carry almost no model numbers; most
products have siblings (other editions, sizes, counts, colours) on the store side, so the
twin must beat them (bench/kinds/*.py say how each kind's names are written)."""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "kinds"))
import clothing  # noqa: E402
import grocery  # noqa: E402
import software  # noqa: E402
from common import distinct_pair, write_set  # noqa: E402
from stats import hard_cases  # noqa: E402

KINDS = {"software": software, "grocery": grocery, "clothing": clothing}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out, seed = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15
    for i, (name, module) in enumerate(KINDS.items()):
        rng = random.Random(seed * 100 + i)
        pairs = [(family,) + distinct_pair(make, rng) for family, make in module.items(rng)]
        ls, kiva, links, sibling = write_set(os.path.join(out, name), pairs, rng)
        print(f"{name}: {ls} Lightspeed, {kiva} store products, {links} true links, "
              f"{sibling} of them ({sibling / links:.0%}) with a sibling in the store",
              file=sys.stderr)
        brands = getattr(module, "BRANDS", getattr(module, "VENDORS", []))
        shares = hard_cases(os.path.join(out, name), brands)
        print(f"{name}: of the twins, " +
              ", ".join(f"{k} {v:.0%}" for k, v in shares.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
