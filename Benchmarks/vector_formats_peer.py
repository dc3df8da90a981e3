#!/usr/bin/env python3
"""Cross-check of our word2vec .bin/.txt files with gensim, and load times against gensim.

    Benchmarks/.venv/bin/python Benchmarks/vector_formats_peer.py [--tool PATH] [--timing-dir DIR]

1. Runs `VectorFileBenchmark peer-write` (our writer) into a temporary directory: ours.bin,
   ours.txt and the originals (original.words, original.f32 = float32 little-endian rows).
2. Loads ours.bin and ours.txt with gensim's KeyedVectors.load_word2vec_format and compares
   words and values with the originals (exact equality expected for both: our text is the
   shortest round-trip decimal of each float32).
3. Writes gensim.bin, gensim.txt and gensim-noheader.txt (GloVe form) with gensim's
   save_word2vec_format and runs `VectorFileBenchmark peer-read`, which loads them with our
   reader and prints the largest difference from the originals.
4. With --timing-dir (holding timing.bin/.txt/.w2vmodel from `VectorFileBenchmark timing`):
   load times, ours vs gensim (the .bin best of 3, the .txt once, our native file against
   gensim's own KeyedVectors.save + load(mmap='r')), and the ratios.

Create the virtualenv like Benchmarks/neural.sh does (python3 -m venv Benchmarks/.venv;
Benchmarks/.venv/bin/pip install gensim numpy). The toolkit itself never needs Python.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from gensim.models import KeyedVectors


def run(tool, *args):
    out = subprocess.run([tool, *args], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def compare_ours_with_gensim(tool, directory):
    print(run(tool, "peer-write", directory))
    words = open(os.path.join(directory, "original.words"), encoding="utf-8").read().split("\n")[:-1]
    values = np.fromfile(os.path.join(directory, "original.f32"), dtype="<f4").reshape(len(words), -1)
    ok = True
    for name, binary in (("ours.bin", True), ("ours.txt", False)):
        kv = KeyedVectors.load_word2vec_format(os.path.join(directory, name), binary=binary)
        same_words = kv.index_to_key == words
        difference = float(np.max(np.abs(kv.vectors - values))) if kv.vectors.shape == values.shape else float("nan")
        print(f"gensim reads {name}: {len(kv.index_to_key)} words x {kv.vector_size}, "
              f"words equal: {same_words}, max |difference|: {difference}")
        ok = ok and same_words and difference == 0.0
    return ok, words, values


def gensim_files_for_us(tool, directory, words, values):
    kv = KeyedVectors(vector_size=values.shape[1])
    kv.add_vectors(words, values)
    kv.save_word2vec_format(os.path.join(directory, "gensim.bin"), binary=True)
    kv.save_word2vec_format(os.path.join(directory, "gensim.txt"), binary=False)
    kv.save_word2vec_format(os.path.join(directory, "gensim-noheader.txt"), binary=False, write_header=False)
    report = run(tool, "peer-read", directory)
    print(report)
    return all(" 0 missing, max |difference| 0.0" in line for line in report.splitlines())


def best_of(count, body):
    best = float("inf")
    for _ in range(count):
        start = time.perf_counter()
        body()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def timing(tool, directory):
    # The text file takes gensim about 20 s for 100k x 300, so it is loaded once per side.
    for name, binary, repeats in (("timing.bin", True, 3), ("timing.txt", False, 1)):
        path = os.path.join(directory, name)
        ours = float(run(tool, "load-time", path, str(repeats)))
        theirs = best_of(repeats, lambda: KeyedVectors.load_word2vec_format(path, binary=binary))
        print(f"load {name}: ours {ours:.1f} ms, gensim {theirs:.1f} ms, gensim/ours {theirs / ours:.1f}x "
              f"(best of {repeats})")
    native = os.path.join(directory, "timing.w2vmodel")
    if os.path.exists(native):
        ours = float(run(tool, "load-time", native, "5"))
        npy = os.path.join(directory, "timing-gensim.kv")
        kv = KeyedVectors.load_word2vec_format(os.path.join(directory, "timing.bin"), binary=True)
        kv.save(npy)
        theirs = best_of(5, lambda: KeyedVectors.load(npy, mmap="r"))
        print(f"load native (mmap): ours {ours:.1f} ms, gensim KeyedVectors.load(mmap='r') {theirs:.1f} ms, "
              f"gensim/ours {theirs / ours:.1f}x")
        for suffix in ("", ".vectors.npy"):
            if os.path.exists(npy + suffix):
                os.remove(npy + suffix)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tool", default=".build/release/VectorFileBenchmark")
    parser.add_argument("--timing-dir")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        ok, words, values = compare_ours_with_gensim(arguments.tool, directory)
        ok = gensim_files_for_us(arguments.tool, directory, words, values) and ok
    print("cross-check:", "PASS" if ok else "FAIL")
    if arguments.timing_dir:
        timing(arguments.tool, arguments.timing_dir)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
