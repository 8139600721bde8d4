"""Clothing-style names: colours, sizes, fits and packs of one style are siblings; names
carry no model numbers, and colours and sizes are abbreviated on the till."""
from common import abbreviate, case, split_compound

BRANDS = ["Levi's", "Nike", "Adidas", "Puma", "Uniqlo", "Gap", "Patagonia", "The North Face",
          "Columbia", "Carhartt", "Dickies", "Champion", "Hanes", "Fruit of the Loom",
          "Ralph Lauren", "Tommy Hilfiger", "Calvin Klein", "Lacoste", "Fila", "Reebok",
          "New Balance", "Vans", "Converse", "Timberland", "Superdry", "Jack Wolfskin",
          "Icebreaker", "Smartwool", "Under Armour", "Lee", "Wrangler", "Barbour", "Berghaus"]
STYLES = ["Classic", "Essential", "Heritage", "Explorer", "Trail", "Everyday", "Performance",
          "Original", "Retro", "Urban", "Alpine", "Coastal", "Summit", "Vintage", "Core",
          "Signature", "Active", "Relaxed"]
# garment, its compound parts, size kind
GARMENTS = [("T-Shirt", ("T", "Shirt"), "alpha"), ("Crew Neck T-Shirt", ("T", "Shirt"), "alpha"),
            ("Hoodie", None, "alpha"), ("Zip Hoodie", None, "alpha"), ("Polo Shirt", None, "alpha"),
            ("Sweatshirt", ("Sweat", "shirt"), "alpha"), ("Fleece Jacket", None, "alpha"),
            ("Raincoat", ("Rain", "coat"), "alpha"), ("Down Vest", None, "alpha"),
            ("Crew Socks", None, "alpha"), ("Running Shorts", None, "alpha"),
            ("Leggings", None, "alpha"), ("Beanie", None, "one"), ("Baseball Cap", None, "one"),
            ("Slim Fit Jeans", None, "waist"), ("Chino Trousers", None, "waist"),
            ("Sneakers", None, "shoe"), ("Hiking Boots", None, "shoe"), ("Backpack", ("Back", "pack"), "one"),
            ("Windbreaker", ("Wind", "breaker"), "alpha"), ("Sweatpants", ("Sweat", "pants"), "alpha")]
COLOURS = ["Black", "Navy", "Heather Grey", "White", "Red", "Olive", "Khaki", "Charcoal",
           "Burgundy", "Royal Blue", "Light Blue", "Dark Green", "Orange", "Pink", "Purple",
           "Brown", "Beige", "Yellow", "Teal", "Maroon"]
ALPHA = [("XS", ["XS", "X-Small", "Extra Small"]), ("S", ["S", "Small", "Sm"]),
         ("M", ["M", "Medium", "Med"]), ("L", ["L", "Large", "Lrg"]),
         ("XL", ["XL", "X-Large", "Extra Large"]), ("XXL", ["XXL", "2XL", "XX-Large"])]
GENDERS = [("Men", ["Men's", "Mens", "Men"]), ("Women", ["Women's", "Womens", "Ladies"]),
           ("Kids", ["Kids", "Kids'", "Youth"])]
BOILERPLATE = ["", "", "", "- Free Returns", "| New Season", "(True to Size)", "100% Cotton",
               "- Sustainable", "Official Store"]


def sizes(kind, rng):
    if kind == "alpha":
        return [("alpha", i) for i in rng.sample(range(len(ALPHA)), rng.randint(2, 4))]
    if kind == "waist":
        return [("waist", w, l) for w in rng.sample([28, 30, 32, 34, 36, 38], rng.randint(2, 3))
                for l in rng.sample([30, 32, 34], rng.randint(1, 2))]
    if kind == "shoe":
        return [("shoe", s) for s in rng.sample([6, 7, 8, 8.5, 9, 9.5, 10, 10.5, 11, 12], 3)]
    return [("one",)]


def families(rng, count):
    out, seen = [], set()
    for _ in range(count):
        garment, parts, kind = rng.choice(GARMENTS)
        base = dict(brand=rng.choice(BRANDS), style=rng.choice(STYLES), garment=garment,
                    parts=parts, gender=rng.choice(GENDERS),
                    pack=rng.choice([1, 3, 6]) if "Socks" in garment else 1)
        key = (base["brand"], base["style"], garment, base["gender"][0], base["pack"])
        if key in seen:  # one family per style: no duplicate products
            continue
        seen.add(key)
        combos = [dict(base, colour=c, size=s) for c in rng.sample(COLOURS, rng.randint(1, 3))
                  for s in sizes(kind, rng)]
        rng.shuffle(combos)
        out.append(combos[: rng.randint(min(2, len(combos)), min(7, len(combos)))])
    return out


def size_text(size, rng, terse):
    if size[0] == "alpha":
        spellings = ALPHA[size[1]][1]
        return spellings[0] if terse and rng.random() < 0.7 else rng.choice(spellings)
    if size[0] == "waist":
        w, l = size[1], size[2]
        return rng.choice([f"{w}x{l}", f"W{w} L{l}", f"{w}W {l}L", f"{w}/{l}"])
    if size[0] == "shoe":
        return rng.choice([f"{size[1]:g}", f"Size {size[1]:g}", f"UK {size[1]:g}", f"Sz {size[1]:g}"])
    return rng.choice(["", "One Size", "OS"]) if terse else rng.choice(["", "One Size"])


def colour_text(colour, rng, terse):
    if not terse:
        return colour
    return " ".join(abbreviate(w, rng) if rng.random() < 0.6 else w for w in colour.split())


def garment_text(p, rng, terse):
    g = p["garment"]
    if p["parts"] and rng.random() < 0.5:
        joined = "".join(p["parts"])
        g = g.replace(joined, split_compound(joined, p["parts"], rng)) if joined in g else \
            g.replace("-".join(p["parts"]), split_compound(joined, p["parts"], rng))
    if terse:
        g = " ".join(abbreviate(w, rng) if rng.random() < 0.3 else w for w in g.split())
    return g


def ls_name(p, rng):
    parts = [p["brand"]] if rng.random() < 0.75 else []
    if rng.random() < 0.6:
        parts.append(rng.choice(p["gender"][1][1:]))
    parts += [p["style"] if rng.random() < 0.7 else abbreviate(p["style"], rng),
              garment_text(p, rng, True)]
    if p["pack"] > 1:
        parts.append(rng.choice([f"{p['pack']}PK", f"{p['pack']}-Pack", f"{p['pack']}pr"]))
    parts += [colour_text(p["colour"], rng, True), size_text(p["size"], rng, True)]
    return case(" ".join(x for x in parts if x), rng, 0.45)


def kiva_name(p, rng):
    name = " ".join([p["brand"], rng.choice(p["gender"][1]), p["style"], garment_text(p, rng, False)])
    if p["pack"] > 1:
        name += rng.choice([f" ({p['pack']} Pack)", f" - Pack of {p['pack']}", f" {p['pack']}-Pair Pack"])
    details = [p["colour"], size_text(p["size"], rng, False)]
    if rng.random() < 0.3:
        details.reverse()
    sep = rng.choice([" - ", ", ", " / ", " "])
    name += sep + sep.join(d for d in details if d)
    return case((name + " " + rng.choice(BOILERPLATE)).strip(), rng, 0.03)


def items(rng, count=290):
    """Yield (family number, a function drawing the two names of one product)."""
    for f, fam in enumerate(families(rng, count)):
        for p in fam:
            yield f, lambda r, p=p: (ls_name(p, r), kiva_name(p, r))
