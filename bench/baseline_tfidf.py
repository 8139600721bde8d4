#!/usr/bin/env python3
"""The plain baseline the linker is compared with: TF-IDF cosine over character 3-grams of
the lower-cased names (whitespace collapsed, smoothed IDF over both sides, L2 norm: what
scikit-learn's TfidfVectorizer(analyzer="char", ngram_range=(3, 3)) computes), top 5 per
Lightspeed product.

usage: baseline_tfidf.py SET_DIR > suggestions.csv   (lightspeed_id,kiva_id,rank,score)"""
import csv
import heapq
import math
import re
import sys
from collections import Counter, defaultdict


def grams(name):
    s = re.sub(r"\s+", " ", name.lower())
    return Counter(s[i:i + 3] for i in range(len(s) - 2))


def read(path):
    return [(r["id"], grams(r["name"])) for r in csv.DictReader(open(path, newline=""))]


def weigh(rows, idf):
    out = []
    for rid, tf in rows:
        vec = {g: c * idf[g] for g, c in tf.items()}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        out.append((rid, {g: w / norm for g, w in vec.items()}))
    return out


def main():
    ls, kiva = read(f"{sys.argv[1]}/lightspeed.csv"), read(f"{sys.argv[1]}/kiva.csv")
    df = Counter(g for _, tf in ls + kiva for g in tf)
    n = len(ls) + len(kiva)
    idf = {g: math.log((1 + n) / (1 + d)) + 1 for g, d in df.items()}
    ls, kiva = weigh(ls, idf), weigh(kiva, idf)
    postings = defaultdict(list)
    for k, (_, vec) in enumerate(kiva):
        for g, w in vec.items():
            postings[g].append((k, w))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["lightspeed_id", "kiva_id", "rank", "score"])
    for lid, vec in ls:
        acc = defaultdict(float)
        for g, w in vec.items():
            for k, v in postings.get(g, ()):
                acc[k] += w * v
        best = heapq.nlargest(5, acc.items(), key=lambda kv: (kv[1], -kv[0]))
        for rank, (k, s) in enumerate(best, 1):
            out.writerow([lid, kiva[k][0], rank, f"{s:.4f}"])


if __name__ == "__main__":
    main()
