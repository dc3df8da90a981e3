#!/usr/bin/env python3
"""Slice the first N vectors out of a word2vec binary file and its text twin, and verify the slice.

Usage: slice_word2vec.py N SOURCE.bin SOURCE.txt OUT.bin OUT.txt

The binary slice is the new header "N DIM\\n" followed by the first N records copied byte for byte
(a record is `word SPACE dim*float32-LE`, optionally preceded by a newline). The text slice is the
new header followed by lines 2..N+1 of the text file copied byte for byte. Verification re-reads both
slices, checks the bytes against the sources, and checks that every binary float equals the float32
of the decimal text value. Python standard library only.
"""
import struct
import sys


def read_records(data: bytes, count: int):
    """Yield (start, end, word, floats) for the first `count` records after the header."""
    header_end = data.index(b"\n") + 1
    total, dim = map(int, data[:header_end].split())
    if count > total:
        raise SystemExit(f"asked for {count} vectors but the file holds {total}")
    pos = header_end
    for _ in range(count):
        start = pos
        while data[pos:pos + 1] == b"\n":
            pos += 1
        space = data.index(b" ", pos)
        word = data[pos:space].decode("utf-8")
        vec = struct.unpack(f"<{dim}f", data[space + 1:space + 1 + 4 * dim])
        pos = space + 1 + 4 * dim
        yield start, pos, word, vec
    return


def main() -> None:
    n = int(sys.argv[1])
    src_bin, src_txt, out_bin, out_txt = sys.argv[2:6]
    data = open(src_bin, "rb").read()
    header_end = data.index(b"\n") + 1
    dim = int(data[:header_end].split()[1])
    records = list(read_records(data, n))
    body_end = records[-1][1]
    new_header = f"{n} {dim}\n".encode()
    open(out_bin, "wb").write(new_header + data[header_end:body_end])

    lines = open(src_txt, "rb").read().split(b"\n")
    if lines[0].split() != data[:header_end].split():
        raise SystemExit(f"text header {lines[0]!r} differs from binary header {data[:header_end]!r}")
    open(out_txt, "wb").write(new_header + b"\n".join(lines[1:n + 1]) + b"\n")

    # Verify: bytes, words and values.
    sliced = open(out_bin, "rb").read()
    assert sliced[len(new_header):] == data[header_end:body_end], "binary body differs from source"
    sliced_records = list(read_records(sliced, n))
    assert sliced_records[-1][1] == len(sliced), "binary slice has trailing bytes"
    text_lines = open(out_txt, "rb").read().decode("utf-8").split("\n")
    assert text_lines[0] == f"{n} {dim}" and text_lines[-1] == "" and len(text_lines) == n + 2
    mismatches = 0
    for (_, _, word, vec), line in zip(sliced_records, text_lines[1:]):
        fields = line.split(" ")
        assert fields[0] == word, f"word {word!r} in binary vs {fields[0]!r} in text"
        assert len(fields) == dim + 1, f"{word}: {len(fields) - 1} values, expected {dim}"
        text_vec = [struct.unpack("<f", struct.pack("<f", float(x)))[0] for x in fields[1:]]
        mismatches += sum(1 for a, b in zip(vec, text_vec) if a != b)
    print(f"{out_bin}: {len(sliced)} bytes, {n} x {dim}; {out_txt}: {n + 1} lines; "
          f"binary body identical to source; float mismatches bin vs text: {mismatches}")
    if mismatches:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
