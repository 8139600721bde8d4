"""Software-style names: editions, licence tiers, platforms, device counts, subscription
terms and versions of one product line are siblings; names rarely carry a model number."""
from common import abbreviate, case

VENDORS = ["Corel", "Nero", "Roxio", "Magix", "Cyberlink", "Avanquest", "Nuance", "Serif",
           "Acronis", "Paragon", "Ashampoo", "Abelssoft", "Steinberg", "Sage", "Intuit",
           "Broderbund", "Punch", "Individual Software", "Encore", "Bitdefender", "Kaspersky",
           "Avast", "ESET", "Trend Micro", "McAfee", "Norton", "Panda", "F-Secure", "Emsisoft",
           "Wondershare", "Movavi", "Pinnacle", "Xara", "Smith Micro", "Laplink", "Parallels"]
CATEGORIES = {
    "creative": (["Photo", "Video", "Music", "Sound", "Paint", "Draw", "Page", "Web", "PDF",
                  "Design", "Movie", "Audio", "Slide", "Font"],
                 ["Studio", "Director", "Editor", "Maker", "Creator", "Lab", "Forge", "Works",
                  "Suite", "Converter", "Shop", "Plus"]),
    "security": (["Net", "Cyber", "Secure", "Safe", "Total", "Internet", "Family", "Web",
                  "Smart"], ["Guard", "Shield", "Defender", "Protect", "Sentry", "Armor",
                             "Watch", "Security"]),
    "business": (["Tax", "Money", "Home", "Office", "Data", "Disk", "Backup", "Landscape",
                  "Language", "Label", "Card", "Deck"],
                 ["Planner", "Manager", "Pilot", "Master", "Builder", "Designer", "Expert",
                  "Tutor", "Keeper", "Director", "Doctor"]),
}
EDITIONS = {
    "creative": ["Standard", "Professional", "Ultimate", "Plus", "Essentials"],
    "security": ["Standard", "Deluxe", "Premium", "Essential"],
    "business": ["Basic", "Deluxe", "Premier", "Home & Business", "Business", "Professional"],
}
EDITION_SPELLINGS = {
    "Standard": ["Standard", "Std", "Std."], "Professional": ["Professional", "Pro", "Prof."],
    "Ultimate": ["Ultimate", "Ult"], "Plus": ["Plus"], "Essentials": ["Essentials", "Ess"],
    "Deluxe": ["Deluxe", "Dlx", "DLX"], "Premium": ["Premium", "Prem"],
    "Essential": ["Essential"], "Basic": ["Basic"], "Premier": ["Premier", "Prem."],
    "Home & Business": ["Home & Business", "Home and Business", "Home/Business"],
    "Business": ["Business", "Bus.", "Biz"],
}
PLATFORMS = {"win": (["Windows", "Win", "for Windows", "Win 10/11"], ["PC", "Windows"]),
             "mac": (["Mac", "macOS", "for Mac", "Mac OS"], ["Mac", "macOS"]),
             "both": (["PC/Mac", "Win/Mac", "Windows & Mac"], ["PC/Mac", "Windows/Mac"])}
BOILERPLATE = ["- Download", "[PC Download]", "(Download)", "- Retail Box", "[Key Card]",
               "- Activation Code by Email", "(Boxed)", "- Digital Delivery", "Software",
               "Licence", "| Instant Download", "(English)"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV"]


def families(rng, count):
    out, seen = [], set()
    for _ in range(count):
        cat = rng.choice(list(CATEGORIES))
        a, b = CATEGORIES[cat]
        line = (rng.choice(a), rng.choice(b))
        vendor = rng.choice(VENDORS)
        if (vendor, line) in seen:  # one family per product line: no duplicate products
            continue
        seen.add((vendor, line))
        if cat == "creative":
            version = ("num", rng.randint(3, 15), rng.random() < 0.25)
        else:
            version = ("year", rng.randint(2019, 2025), False)
        editions = rng.sample(EDITIONS[cat], rng.randint(1, 3))
        platforms = rng.sample(["win", "mac"], rng.randint(1, 2)) if cat != "security" else ["both"]
        devices = sorted(rng.sample([1, 3, 5, 10], rng.randint(1, 3))) if cat == "security" else [None]
        terms = sorted(rng.sample([1, 2], rng.randint(1, 2))) if cat == "security" else [None]
        combos = [dict(vendor=vendor, line=line, version=version, edition=e, platform=p,
                       devices=d, term=t) for e in editions for p in platforms for d in devices
                  for t in terms]
        rng.shuffle(combos)
        fam = combos[: rng.randint(min(2, len(combos)), min(6, len(combos)))]
        out.append(fam)
        if rng.random() < 0.2:  # last year's release is still on the shelf
            old = version[:1] + (version[1] - 1,) + version[2:]
            out.append([dict(v, version=old) for v in fam[: rng.randint(1, len(fam))]])
    return out


def version_text(version, rng, side):
    kind, n, roman = version
    if kind == "year":
        return str(n) if rng.random() < 0.9 or side == "kiva" else f"'{n % 100:02d}"
    if roman and rng.random() < 0.6:
        return ROMAN[n - 1]
    return rng.choice([f"v{n}", f"{n}", f"{n}.0", f"Version {n}", f"Ver. {n}", f"V{n}", f"X{n}"
                       if n >= 10 and side == "kiva" else f"{n}"])


def line_text(line, rng, terse):
    a, b = line
    form = rng.random()
    if terse and form < 0.3:
        return abbreviate(a, rng) + " " + b
    if form < 0.55:
        return a + b
    return a + " " + b if form < 0.9 else a + "-" + b


def count_text(n, rng, terse):
    if terse:
        return rng.choice([f"{n}U", f"{n} User", f"{n}PC", f"{n} Dev", f"{n}-Device"])
    return rng.choice([f"{n} Device" + ("s" if n > 1 else ""), f"{n} User" + ("s" if n > 1 else ""),
                       f"{n} PC" + ("s" if n > 1 else ""), f"{n}-Device", f"for {n} Devices"
                       if n > 1 else "for 1 Device"])


def term_text(n, rng, terse):
    if terse:
        return rng.choice([f"{n}YR", f"{n} Yr", f"{n}Y", f"{n} Year"])
    return rng.choice([f"{n} Year", f"{n}-Year Subscription", f"{12 * n} Months",
                       f"{n} Year" + ("s" if n > 1 else ""), f"({n} Yr)"])


def ls_name(p, rng):
    parts = []
    if rng.random() < 0.6:
        parts.append(p["vendor"])
    parts.append(line_text(p["line"], rng, True))
    parts.append(version_text(p["version"], rng, "ls"))
    parts.append(rng.choice(EDITION_SPELLINGS[p["edition"]][1:] or EDITION_SPELLINGS[p["edition"]])
                 if rng.random() < 0.6 else p["edition"])
    if p["devices"]:
        parts.append(count_text(p["devices"], rng, True))
    if p["term"]:
        parts.append(term_text(p["term"], rng, True))
    if p["platform"] != "both" or rng.random() < 0.5:
        parts.append(rng.choice(PLATFORMS[p["platform"]][1]))
    return case(" ".join(parts), rng, 0.35)


def kiva_name(p, rng):
    head = [p["vendor"], line_text(p["line"], rng, False)]
    edition = p["edition"]
    # The plain edition often goes unsaid in a web shop.
    omit = edition in ("Standard", "Basic", "Essential") and rng.random() < 0.4
    tail = [] if omit else [rng.choice(EDITION_SPELLINGS[edition][:1] * 3 +
                                       EDITION_SPELLINGS[edition])]
    version = version_text(p["version"], rng, "kiva")
    if rng.random() < 0.5:
        head.append(version)
    else:
        tail.append(version)
    rest = []
    if p["devices"]:
        rest.append(count_text(p["devices"], rng, False))
    if p["term"]:
        rest.append(term_text(p["term"], rng, False))
    if rng.random() < 0.8:
        rest.append(rng.choice(PLATFORMS[p["platform"]][0]))
    rng.shuffle(rest)
    name = " ".join(head + tail) + (" - " + ", ".join(rest) if rest else "")
    if rng.random() < 0.55:
        extra = rng.choice(BOILERPLATE)
        name += " " + (extra if p["platform"] == "win" else extra.replace("PC ", ""))
    if rng.random() < 0.15:  # a publisher's part code the till does not carry
        name += " " + rng.choice([f"{rng.randint(10**7, 10**8 - 1)}",
                                  f"{''.join(rng.choice('ABCDEFGHKLMNPRSTWX') for _ in range(3))}"
                                  f"-{rng.randint(1000, 99999)}"])
    return case(name, rng, 0.05)


def items(rng, count=360):
    """Yield (family number, a function drawing the two names of one product)."""
    for f, fam in enumerate(families(rng, count)):
        for p in fam:
            yield f, lambda r, p=p: (ls_name(p, r), kiva_name(p, r))
