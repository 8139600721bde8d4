"""Grocery-style names: flavours, pack sizes, counts and multipacks of one line are
siblings; units are spelled many ways ("415g", "415 Grams", "4 x 415 g", "Pack of 4")."""
from common import abbreviate, case, split_compound

BRANDS = ["Heinz", "Kellogg's", "Nestle", "Barilla", "Twinings", "Lindt", "Cadbury", "Tropicana",
          "Dole", "Quaker", "Kraft", "Campbell's", "Del Monte", "Lavazza", "Illy", "Tetley",
          "Walkers", "Pringles", "Nature Valley", "Clif", "Danone", "Yoplait", "Oatly", "Alpro",
          "Haribo", "Green & Black's", "Tesco", "Whole Earth", "Kallo", "Jordans", "Dorset",
          "Innocent", "Volvic", "San Pellegrino", "Fever-Tree", "Tyrrells", "Kettle", "Napolina",
          "De Cecco", "Uncle Ben's", "Tilda", "Colgate", "Sensodyne", "Fairy", "Finish",
          "Persil", "Ecover", "Method", "Kerrygold", "Lurpak", "Hovis", "Warburtons"]
# product type, its compound parts if it is one, varieties, sizes (value, unit), counts
TYPES = [
    ("Potato Chips", None, ["Sea Salt", "Salt & Vinegar", "Cheese & Onion", "Sour Cream",
                            "Barbecue", "Original", "Paprika"], [(40, "g"), (150, "g"), (200, "g")], [1, 6, 12]),
    ("Ground Coffee", None, ["Medium Roast", "Dark Roast", "Decaf", "Espresso", "Classico"],
     [(227, "g"), (500, "g"), (1, "kg")], [1]),
    ("Coffee Beans", None, ["Medium Roast", "Dark Roast", "Espresso", "Crema"], [(500, "g"), (1, "kg")], [1]),
    ("Green Tea", None, ["Original", "Mint", "Lemon", "Jasmine", "Decaf"], [(20, "bags"), (40, "bags"), (80, "bags")], [1, 4]),
    ("Orange Juice", None, ["Smooth", "With Bits", "Original", "Low Sugar"], [(250, "ml"), (1, "L"), (1.5, "L")], [1, 6]),
    ("Sparkling Water", None, ["Lemon", "Lime", "Natural", "Orange"], [(330, "ml"), (500, "ml"), (1, "L")], [1, 6, 12]),
    ("Chocolate Bar", None, ["Milk", "Dark 70%", "Dark 85%", "Hazelnut", "Sea Salt", "Orange"], [(100, "g"), (200, "g")], [1, 4]),
    ("Yogurt", None, ["Strawberry", "Vanilla", "Natural", "Blueberry", "Peach"], [(125, "g"), (500, "g"), (1, "kg")], [1, 4]),
    ("Spaghetti", None, ["Regular", "Wholewheat", "Gluten Free"], [(500, "g"), (1, "kg")], [1]),
    ("Penne", None, ["Regular", "Wholewheat", "Gluten Free"], [(500, "g"), (1, "kg")], [1]),
    ("Peanut Butter", None, ["Smooth", "Crunchy", "No Added Sugar"], [(340, "g"), (454, "g"), (1, "kg")], [1]),
    ("Corn Flakes", ("Corn", "Flakes"), ["Original", "Honey", "Frosted"], [(375, "g"), (500, "g"), (750, "g")], [1]),
    ("Oat Milk", None, ["Original", "Barista", "Unsweetened", "Chocolate", "Semi"], [(1, "L"), (250, "ml")], [1, 6]),
    ("Toothpaste", ("Tooth", "paste"), ["Whitening", "Sensitive", "Fresh Mint", "Kids", "Total"], [(75, "ml"), (100, "ml")], [1, 2]),
    ("Dishwasher Tablets", ("Dish", "washer Tablets"), ["Lemon", "Original", "All in One", "Quantum"], [(30, "ct"), (50, "ct"), (80, "ct")], [1]),
    ("Laundry Liquid", None, ["Bio", "Non Bio", "Colour", "Sensitive"], [(1.5, "L"), (2.5, "L")], [1]),
    ("Olive Oil", None, ["Extra Virgin", "Light", "Pure"], [(500, "ml"), (1, "L")], [1]),
    ("Basmati Rice", None, ["White", "Brown", "Wholegrain"], [(500, "g"), (1, "kg"), (2, "kg"), (5, "kg")], [1]),
    ("Baked Beans", None, ["Original", "Reduced Sugar", "No Added Sugar"], [(415, "g"), (200, "g")], [1, 4]),
    ("Ice Cream", None, ["Vanilla", "Chocolate", "Cookie Dough", "Strawberry", "Mint Choc Chip"], [(500, "ml"), (1, "L")], [1]),
    ("Popcorn", ("Pop", "corn"), ["Sweet", "Salted", "Sweet & Salty", "Butter"], [(80, "g"), (100, "g")], [1, 3]),
    ("Granola Bars", None, ["Oats & Honey", "Peanut Butter", "Dark Chocolate", "Almond"], [(42, "g")], [5, 6, 12]),
    ("Cola", None, ["Original", "Zero Sugar", "Diet", "Cherry"], [(330, "ml"), (1.5, "L"), (2, "L")], [1, 6, 12, 24]),
    ("Oatmeal", ("Oat", "meal"), ["Original", "Golden Syrup", "Apple & Cinnamon"], [(500, "g"), (1, "kg")], [1]),
    ("Dish Soap", ("Dish", "Soap"), ["Original", "Lemon", "Lavender"], [(433, "ml"), (780, "ml")], [1, 2]),
    ("Sliced Bread", None, ["White", "Wholemeal", "Seeded", "50/50"], [(400, "g"), (800, "g")], [1]),
    ("Butter", None, ["Salted", "Unsalted", "Spreadable"], [(250, "g"), (500, "g")], [1]),
]
BOILERPLATE = ["", "", "", "- Family Size", "| Grocery", "(Vegan)", "Value Pack",
               "New Recipe", "- Best Before see pack"]
UNIT_SPELLINGS = {"g": ["g", " g", " Grams", "gr"], "kg": ["kg", " kg", " Kilo", "KG"],
                  "ml": ["ml", " ml", " mL", "ML"], "L": ["L", " L", " Litre", "ltr", " Liter"],
                  "ct": [" ct", " Count", " Tablets", "pk"], "bags": [" Bags", " Tea Bags", " ct"]}


def families(rng, count):
    out, seen = [], set()
    for _ in range(count):
        brand = rng.choice(BRANDS)
        kind, parts, varieties, sizes, counts = rng.choice(TYPES)
        organic = rng.random() < 0.12
        if (brand, kind, organic) in seen:  # one family per line: no duplicate products
            continue
        seen.add((brand, kind, organic))
        chosen = rng.sample(varieties, rng.randint(1, min(3, len(varieties))))
        combos = [dict(brand=brand, kind=kind, parts=parts, variety=v, size=s, count=c,
                       organic=organic)
                  for v in chosen for s in rng.sample(sizes, rng.randint(1, len(sizes)))
                  for c in rng.sample(counts, rng.randint(1, len(counts)))]
        rng.shuffle(combos)
        out.append(combos[: rng.randint(min(2, len(combos)), min(6, len(combos)))])
    return out


def size_text(size, rng, side):
    value, unit = size
    v = f"{value:g}"
    if unit in ("kg", "L") and value < 10 and rng.random() < 0.1 and side == "kiva":
        return f"{value * 1000:g}" + ("g" if unit == "kg" else "ml")  # 1 kg written 1000g
    return v + rng.choice(UNIT_SPELLINGS[unit])


def words_text(text, rng, terse):
    if not terse:
        return text
    return " ".join(abbreviate(w, rng) if rng.random() < 0.5 else w for w in text.split())


def kind_text(p, rng, terse):
    if p["parts"] and rng.random() < 0.5:
        return split_compound(p["kind"], p["parts"], rng).replace("  ", " ")
    return words_text(p["kind"], rng, terse)


def ls_name(p, rng):
    parts = [p["brand"].replace("'s", "s") if rng.random() < 0.3 else p["brand"]]
    if p["organic"]:
        parts.append(rng.choice(["Org", "Organic", "ORG."]))
    parts += [kind_text(p, rng, True), words_text(p["variety"], rng, True)]
    size = size_text(p["size"], rng, "ls").replace(" ", "")
    parts.append(rng.choice([f"{p['count']}x{size}", f"{size} {p['count']}PK"]) if p["count"] > 1
                 else size)
    return case(" ".join(parts), rng, 0.5)


def kiva_name(p, rng):
    kind = kind_text(p, rng, False)
    head = [p["brand"]] + (["Organic"] if p["organic"] else [])
    body = [p["variety"], kind] if rng.random() < 0.5 else [kind, p["variety"]]
    name = " ".join(head + body)
    size = size_text(p["size"], rng, "kiva")
    if p["count"] > 1:
        name += rng.choice([f", {size} (Pack of {p['count']})", f" {p['count']} x {size}",
                            f" {size} - {p['count']}-Pack", f" Multipack {p['count']} x {size}"])
    else:
        name += rng.choice([f" {size}", f", {size}", f" ({size})"])
    return case(name + " " + rng.choice(BOILERPLATE), rng, 0.03).strip()


def items(rng, count=360):
    """Yield (family number, a function drawing the two names of one product)."""
    for f, fam in enumerate(families(rng, count)):
        for p in fam:
            yield f, lambda r, p=p: (ls_name(p, r), kiva_name(p, r))
