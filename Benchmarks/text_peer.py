"""The Python side of Benchmarks/text.sh, and the step that joins both sides into one table.

    text_peer.py measure --plain corpus.txt [--repeats 2]
        Times, on the decompressed corpus (best of N passes):
          split_memory   str.split() on every line of the text already in memory (tokenizing only)
          split_counter  for line in open(path): Counter.update(line.split())   (file -> counts)
          gensim_scan    Word2Vec(...).scan_vocab(corpus_iterable=LineSentence(path)), the scan
                         part of build_vocab; prepare_vocab (min_count=5) is timed separately
          keras_words    Keras's text_to_word_sequence (lower, punctuation filters to spaces, split)
                         per line over the first --prefix-bytes bytes (the bytes our Unicode
                         tokenizer rows see)
        and prints JSON.

    text_peer.py report --swift ours.json --python peer.json [--note TEXT] [--out FILE]
        Joins both sides into an aligned table with ratios; --out writes everything as JSON.

Benchmark scripts only: the toolkit itself never needs Python.
"""

import argparse
import collections
import datetime
import json
import logging
import os
import platform
import sys
import time


def best_of(repeats, body):
    times = []
    result = None
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        result = body()
        times.append(time.perf_counter() - start)
    times.sort()
    return {"best_s": times[0], "median_s": times[len(times) // 2], "repeats": len(times)}, result


def cmd_measure(args):
    logging.disable(logging.CRITICAL)  # gensim logs progress at INFO
    size = os.path.getsize(args.plain)
    results = []

    def row(name, api, timing, words):
        timing.update(name=name, api=api, bytes=size, words=words,
                      mb_per_s=size / timing["best_s"] / 1e6, words_per_s=words / timing["best_s"])
        results.append(timing)

    with open(args.plain, encoding="utf-8") as f:
        lines = f.read().split("\n")

    # keras_preprocessing.text.text_to_word_sequence with its default filters.
    filters = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'
    table = str.maketrans({c: " " for c in filters})
    prefix, used = [], 0
    for line in lines:
        if used >= args.prefix_bytes:
            break
        prefix.append(line)
        used += len(line.encode("utf-8")) + 1

    def keras_words():
        return sum(len(line.lower().translate(table).split()) for line in prefix)

    t, words = best_of(args.repeats, keras_words)
    t.update(name="keras_words", api="text_to_word_sequence(line) (lower, filters -> ' ', split) per line",
             bytes=used, words=words, mb_per_s=used / t["best_s"] / 1e6, words_per_s=words / t["best_s"])
    results.append(t)
    del prefix

    def split_memory():
        return sum(len(line.split()) for line in lines)

    t, words = best_of(args.repeats, split_memory)
    row("split_memory", "line.split() for each line of the text in memory", t, words)
    del lines

    def split_counter():
        counter = collections.Counter()
        with open(args.plain, encoding="utf-8") as f:
            for line in f:
                counter.update(line.split())
        return counter

    t, counter = best_of(args.repeats, split_counter)
    row("split_counter", "Counter.update(line.split()) for line in open(path)", t, sum(counter.values()))
    types = len(counter)
    del counter

    import gensim
    from gensim.models.word2vec import FAST_VERSION, LineSentence, Word2Vec

    scan_times, prepare_times = [], []
    total_words = 0
    kept = 0
    for _ in range(max(1, args.repeats)):
        model = Word2Vec(vector_size=100, min_count=5, workers=1)
        start = time.perf_counter()
        total_words, _ = model.scan_vocab(corpus_iterable=LineSentence(args.plain), progress_per=10**9)
        scan_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        model.prepare_vocab()
        prepare_times.append(time.perf_counter() - start)
        kept = len(model.wv.index_to_key)
    scan_times.sort()
    prepare_times.sort()
    t = {"best_s": scan_times[0], "median_s": scan_times[len(scan_times) // 2], "repeats": len(scan_times),
         "prepare_vocab_best_s": prepare_times[0], "vocabulary_min_count_5": kept}
    row("gensim_scan", "Word2Vec.scan_vocab(corpus_iterable=LineSentence(path))", t, total_words)

    json.dump({
        "implementation": f"Python {platform.python_version()}, gensim {gensim.__version__} (FAST_VERSION {FAST_VERSION})",
        "plain": args.plain, "types": types, "results": results,
    }, sys.stdout, indent=1)
    print()


def cmd_report(args):
    ours = json.load(open(args.swift))
    peer = json.load(open(args.python))
    o = {r["name"]: r for r in ours["results"]}
    p = {r["name"]: r for r in peer["results"]}
    out = []
    w = out.append

    def mbs(r):
        return f"{r['mb_per_s']:8.1f} MB/s" if r else "-"

    def secs(r):
        return f"{r['best_s']:7.2f} s" if r else "-"

    def faster(a, b):
        return f"{b['best_s'] / a['best_s']:.1f}x" if a and b else "-"

    size = ours["results"][0]["bytes"]
    w(f"NLPText vs Python — {os.cpu_count()} cores, {datetime.datetime.now():%Y-%m-%d %H:%M}; corpus "
      f"{os.path.basename(ours['plain'])}: {size / 1e6:.1f} MB, {o['vocab_plain']['words']:,} words")
    w(f"ours: best of {ours['repeats']} passes; peer: {peer['implementation']}, "
      f"best of {p['split_counter']['repeats']} passes; one side after the other, 1 thread each")
    for note in args.note or []:
        w(f"note: {note}")
    w("")
    w(f"{'measurement':<34} | {'ours':>25} | {'peer':>25} | {'ours faster':>11}")
    rows = [
        ("whitespace tokenize, in memory", "whitespace_memory", "split_memory", "rate"),
        ("tokenize + count, whole file", "vocab_plain", "split_counter", "time"),
        ("vocabulary scan, whole file", "vocab_plain", "gensim_scan", "time"),
        ("lower + strip punctuation, words", "unicode_default", "keras_words", "rate"),
    ]
    for label, mine, theirs, kind in rows:
        a, b = o.get(mine), p.get(theirs)
        left = mbs(a) if kind == "rate" else f"{secs(a)} ({a['mb_per_s']:.0f} MB/s)"
        right = mbs(b) if kind == "rate" else f"{secs(b)} ({b['mb_per_s']:.0f} MB/s)"
        w(f"{label:<34} | {left:>25} | {right:>25} | {faster(a, b):>11}")
    w("")
    w("ours only:")
    for name, label in [("whitespace_corpus", "whitespace tokenize via Corpus (file)"),
                        ("icu_words", "ICU word breaking (ICUWordBreaker)"),
                        ("unicode_icu_only", "UnicodeTokenizer, every byte through ICU"),
                        ("vocab_gz", "vocabulary count from .gz"),
                        ("encode_ids", "corpus -> word id stream")]:
        r = o.get(name)
        if r:
            w(f"  {label:<40} {r['mb_per_s']:8.1f} MB/s {r['best_s']:8.3f} s  ({r['bytes'] / 1e6:.0f} MB)")
    w("")
    w("peers: split_memory = " + p["split_memory"]["api"] + "; split_counter = " + p["split_counter"]["api"]
      + "; gensim_scan = " + p["gensim_scan"]["api"]
      + f" (prepare_vocab(min_count=5) adds {p['gensim_scan']['prepare_vocab_best_s']:.2f} s, not counted)")
    w("ours: vocab_plain = " + o["vocab_plain"]["api"] + " (min count 5 and the sort included)")
    ws = o["whitespace_memory"]["mb_per_s"]
    ratio = p["gensim_scan"]["best_s"] / o["vocab_plain"]["best_s"]
    icu = o["unicode_icu_only"]["mb_per_s"]
    w(f"targets: whitespace >= 300 MB/s: {ws:.0f} MB/s {'met' if ws >= 300 else 'MISSED'}; "
      f"ICU >= 50 MB/s: {icu:.0f} MB/s {'met' if icu >= 50 else 'MISSED'}; "
      f"vocabulary >= 3x faster than gensim's scan: {ratio:.1f}x {'met' if ratio >= 3 else 'MISSED'}")
    w(f"vocabulary check: ours {ours['vocabulary'].get('size_min_count_5')} entries with min count 5 "
      f"(incl. </s>), gensim {p['gensim_scan'].get('vocabulary_min_count_5')}")
    print("\n".join(out))
    if args.out:
        os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
        with open(args.out, "w") as f:
            json.dump({"date": datetime.datetime.now().isoformat(timespec="seconds"),
                       "machine": {"cores": os.cpu_count(), "platform": platform.platform()},
                       "notes": args.note or [], "ours": ours, "peer": peer, "table": out}, f, indent=1)
            f.write("\n")
        print(f"\nresults: {args.out}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--plain", required=True)
    m.add_argument("--repeats", type=int, default=2)
    m.add_argument("--prefix-bytes", type=int, default=16_000_000)
    m.set_defaults(func=cmd_measure)
    r = sub.add_parser("report")
    r.add_argument("--swift", required=True)
    r.add_argument("--python", required=True)
    r.add_argument("--note", action="append")
    r.add_argument("--out")
    r.set_defaults(func=cmd_report)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
