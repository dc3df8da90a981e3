#!/usr/bin/env python3
"""Concatenate part files, shuffle their lines with a fixed seed, and write one gzip file atomically.

Usage: shuffle_gzip.py SEED OUTPUT.txt.gz PART.txt...
The shuffle is Python's random.Random(SEED).shuffle (stable across Python 3 versions); the gzip stream
has no file name and a zero timestamp, so the same inputs give the same bytes. Prints line and word
counts and the vocabulary size on stdout. Python standard library only.
"""
import gzip
import os
import random
import sys


def main() -> None:
    if len(sys.argv) < 4:
        raise SystemExit("usage: shuffle_gzip.py SEED OUTPUT.txt.gz PART.txt...")
    seed, output, parts = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    lines = []
    for path in parts:
        with open(path, encoding="ascii") as f:
            lines.extend(line for line in f.read().split("\n") if line)
    random.Random(seed).shuffle(lines)
    words = sum(line.count(" ") + 1 for line in lines)
    vocabulary = set()
    for line in lines:
        vocabulary.update(line.split(" "))
    temporary = output + ".tmp"
    with open(temporary, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                                                   compresslevel=6) as f:
        for start in range(0, len(lines), 10000):
            f.write(("\n".join(lines[start:start + 10000]) + "\n").encode("ascii"))
    os.replace(temporary, output)
    print(f"{output}: {len(lines)} lines, {words} words, vocabulary {len(vocabulary)}")


if __name__ == "__main__":
    main()
