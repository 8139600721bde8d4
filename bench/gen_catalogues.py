#!/usr/bin/env python3
"""Generate two realistic shop catalogues of twins for the linker's speed benchmark.

usage: gen_catalogues.py N OUT_DIR [SEED]
Writes OUT_DIR/lightspeed.csv and OUT_DIR/kiva.csv (id,name,sku,barcode) and truth.csv.
The store side renames each product the way real catalogues differ: word order, model
numbers with and without dashes, units spelled apart or together, abbreviations, extra
marketing words; 10% carry the same SKU on both sides, 10% a barcode; 8% exist on one
side only."""
import csv, os, random, sys

BRANDS = ["Sony", "Samsung", "LG", "Panasonic", "Philips", "Bosch", "Canon", "Nikon", "Logitech",
          "Belkin", "Kenwood", "Pioneer", "Yamaha", "Denon", "Sharp", "Toshiba", "Whirlpool",
          "Frigidaire", "Garmin", "Olympus", "Speck", "Targus", "Kodak", "Epson", "Brother",
          "Makita", "DeWalt", "Ryobi", "Dyson", "Breville", "Cuisinart", "KitchenAid", "Oster",
          "Hamilton Beach", "Tefal", "Nespresso", "Weber", "Fender", "Roland", "Casio"]
TYPES = ["LCD TV", "Digital Camera", "Camcorder", "Universal Remote", "Headphones", "Speaker",
         "Soundbar", "Receiver", "Blu-ray Player", "Microwave", "Dishwasher", "Refrigerator",
         "Washer", "Dryer", "Drill", "Circular Saw", "Vacuum", "Toaster", "Blender",
         "Coffee Maker", "Kettle", "Stand Mixer", "Grill", "Printer", "Scanner", "Router",
         "Keyboard", "Mouse", "Case", "Charger", "Memory Card", "Hard Drive", "Monitor",
         "Projector", "GPS Navigator", "Guitar Amp", "Digital Piano", "Watch", "Battery Pack"]
ADJ = ["Black", "White", "Silver", "Stainless Steel", "Red", "Blue", "Wireless", "Portable",
       "Compact", "Professional", "Cordless", "Slim", "Deluxe", "Ultra", "Digital", "Smart",
       "Rechargeable", "Waterproof", "Bluetooth", "HD", "4K", "Noise Cancelling"]
UNITS = [("GB", "gb"), ("inch", "\""), ("W", "watt"), ("MP", "megapixel"), ("V", "volt"),
         ("mAh", "mah"), ("L", "litre"), ("TB", "tb")]
ABBR = {"Black": "Blk", "White": "Wht", "Silver": "Slv", "Stainless Steel": "Stnls Steel",
        "Refrigerator": "Fridge", "Television": "TV", "Microphone": "Mic"}
MARKETING = ["with Remote", "- New Model", "Free Shipping", "2-Year Warranty", "Energy Star",
             "Bundle", "(Refurbished)", "for Home and Office", "Gift Edition"]


def model(rng):
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTVWXZ") for _ in range(rng.randint(1, 3)))
    digits = str(rng.randint(10, 99999))
    tail = "".join(rng.choice("ABCDEFGHJKLMNPRSTVWXZ") for _ in range(rng.randint(0, 2)))
    return letters, digits, tail


def product(rng):
    brand, kind = rng.choice(BRANDS), rng.choice(TYPES)
    adjs = rng.sample(ADJ, rng.randint(1, 3))
    unit = rng.choice(UNITS)
    size = rng.choice([1, 2, 4, 8, 16, 32, 40, 46, 52, 64, 100, 128, 500, 1000])
    return {"brand": brand, "kind": kind, "adjs": adjs, "model": model(rng), "size": size,
            "unit": unit}


def ls_name(p):
    l, d, t = p["model"]
    return f'{p["brand"]} {" ".join(p["adjs"])} {p["size"]}{p["unit"][0]} {p["kind"]} {l}{d}{t}'


def kiva_name(p, rng):
    l, d, t = p["model"]
    code = rng.choice([f"{l}{d}{t}", f"{l}-{d}{t}", f"{l}-{d}-{t}" if t else f"{l} {d}",
                       f"{l}{d}"])
    adjs = [ABBR.get(a, a) if rng.random() < 0.3 else a for a in p["adjs"]]
    rng.shuffle(adjs)
    size = rng.choice([f'{p["size"]} {p["unit"][0]}', f'{p["size"]}{p["unit"][1]}',
                       f'{p["size"]}-{p["unit"][0]}'])
    kind = ABBR.get(p["kind"], p["kind"])
    words = [p["brand"], code, kind, size] + adjs
    head, rest = words[:2], words[2:]
    rng.shuffle(rest)
    name = " ".join(head + rest)
    if rng.random() < 0.4:
        name += " " + rng.choice(MARKETING)
    return name.lower() if rng.random() < 0.2 else name


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    os.makedirs(out, exist_ok=True)
    products = [product(rng) for _ in range(n)]
    order = list(range(n))
    rng.shuffle(order)
    with open(f"{out}/lightspeed.csv", "w", newline="") as fl, \
            open(f"{out}/kiva.csv", "w", newline="") as fk, \
            open(f"{out}/truth.csv", "w", newline="") as ft:
        wl, wk, wt = csv.writer(fl), csv.writer(fk), csv.writer(ft)
        for w in (wl, wk):
            w.writerow(["id", "name", "sku", "barcode"])
        wt.writerow(["lightspeed_id", "kiva_id"])
        on_ls = [rng.random() >= 0.04 for _ in products]
        barcode = [f"{rng.randint(10**11, 10**12 - 1)}" for _ in products]
        for i, p in enumerate(products):
            sku = f"SKU-{i:07d}" if rng.random() < 0.1 else ""
            code = barcode[i] if rng.random() < 0.1 else ""
            if on_ls[i]:
                wl.writerow([f"L{i:07d}", ls_name(p), sku, code])
        for j, i in enumerate(order):
            p = products[i]
            if rng.random() >= 0.04:
                sku = f"SKU-{i:07d}" if rng.random() < 0.1 else ""
                code = "0" + barcode[i] if rng.random() < 0.1 else ""
                wk.writerow([f"K{j:07d}", kiva_name(p, rng), sku, code])
                if on_ls[i]:
                    wt.writerow([f"L{i:07d}", f"K{j:07d}"])


if __name__ == "__main__":
    main()
