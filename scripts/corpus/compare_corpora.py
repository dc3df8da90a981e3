#!/usr/bin/env python3
"""Compare two text8-style corpora (plain or .gz): words, lines, vocabulary, top-K overlap, shared lines.

Usage: compare_corpora.py A B [--top 30000] [--word sweden ...]
Python standard library only.
"""
import argparse
import collections
import gzip
import hashlib


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    counts, line_hashes = collections.Counter(), set()
    lines = 0
    with opener(path, "rt", encoding="ascii") as f:
        for line in f:
            line = line.rstrip("\n")
            counts.update(line.split())
            line_hashes.add(hashlib.blake2b(line.encode(), digest_size=8).digest())
            lines += 1
    return counts, line_hashes, lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--top", type=int, default=30000)
    parser.add_argument("--word", action="append", default=["sweden"])
    args = parser.parse_args()
    (ca, ha, la), (cb, hb, lb) = read(args.a), read(args.b)
    for name, counts, lines, hashes in ((args.a, ca, la, ha), (args.b, cb, lb, hb)):
        print(f"{name}: {lines:,} lines ({len(hashes):,} distinct), {sum(counts.values()):,} words, "
              f"vocabulary {len(counts):,}")
    top_a = {w for w, _ in ca.most_common(args.top)}
    top_b = {w for w, _ in cb.most_common(args.top)}
    print(f"top {args.top:,} words: {len(top_a & top_b):,} shared ({100 * len(top_a & top_b) / args.top:.2f}%)")
    shared_vocab = set(ca) & set(cb)
    print(f"vocabulary shared: {len(shared_vocab):,}")
    print(f"distinct lines shared: {len(ha & hb):,} ({100 * len(ha & hb) / len(hb):.1f}% of B's)")
    for word in dict.fromkeys(args.word):
        print(f"'{word}': {ca[word]:,} in A, {cb[word]:,} in B")


if __name__ == "__main__":
    main()
