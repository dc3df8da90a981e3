"""gensim peer for Benchmarks/query.sh: the same queries and evaluations as QueryBenchmark.

    python evaluation_peer.py evaluate VECTORS.bin QUESTIONS WORDSIM    # JSON lines: analogies, pairs, neighbours
    python evaluation_peer.py timing MATRIX.f32 ROWS DIM QUESTIONS      # JSON lines: query and evaluation times
    python evaluation_peer.py compare OURS.jsonl THEIRS.jsonl           # table: equal counts? max float diff, ratios

`evaluate` runs gensim 4's KeyedVectors.evaluate_word_analogies(restrict_vocab=30000,
case_insensitive=True), evaluate_word_pairs(restrict_vocab=300000, case_insensitive=True) and
most_similar / most_similar_cosmul for a few words. `timing` loads a raw float32 matrix written by
QueryBenchmark (words w0, w1, ...) and times most_similar (best of several runs) and
evaluate_word_analogies on the synthetic questions file QueryBenchmark wrote next to it.
"""
import json
import os
import logging
import sys
import time

import numpy as np
from gensim.models import KeyedVectors

QUERY_WORDS = ["king", "paris", "computer", "good", "three"]


def emit(record):
    print(json.dumps(record), flush=True)


def evaluate(vectors_path, questions, wordsim):
    kv = KeyedVectors.load_word2vec_format(vectors_path, binary=vectors_path.endswith(".bin"))
    start = time.perf_counter()
    score, sections = kv.evaluate_word_analogies(questions, restrict_vocab=30000, case_insensitive=True)
    seconds = time.perf_counter() - start
    emit({"side": "gensim", "kind": "analogies", "vectors": vectors_path, "seconds": seconds, "accuracy": score,
          "sections": [{"name": s["section"] if s["section"] != "Total accuracy" else "total",
                        "correct": len(s["correct"]), "seen": len(s["correct"]) + len(s["incorrect"])}
                       for s in sections]})
    pearson, spearman, oov = kv.evaluate_word_pairs(wordsim, restrict_vocab=300000, case_insensitive=True)
    emit({"side": "gensim", "kind": "pairs", "vectors": vectors_path, "pearson": pearson[0],
          "pearson_p": pearson[1], "spearman": spearman[0], "spearman_p": spearman[1], "oov_percent": oov})
    for word in QUERY_WORDS:
        if word not in kv:
            continue
        emit({"side": "gensim", "kind": "most_similar", "vectors": vectors_path, "query": word,
              "result": [[w, s] for w, s in kv.most_similar(word, topn=10)]})
    for a, b, c in [("man", "king", "woman"), ("france", "paris", "germany"), ("good", "better", "bad")]:
        if all(w in kv for w in (a, b, c)):
            emit({"side": "gensim", "kind": "analogy", "vectors": vectors_path, "query": f"{a}:{b}::{c}",
                  "cosadd": [[w, s] for w, s in kv.most_similar(positive=[b, c], negative=[a], topn=5)],
                  "cosmul": [[w, s] for w, s in kv.most_similar_cosmul(positive=[b, c], negative=[a], topn=5)]})


def best_time(function, repeats):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def timing(matrix_path, rows, dim, questions):
    rows, dim = int(rows), int(dim)
    matrix = np.fromfile(matrix_path, dtype=np.float32).reshape(rows, dim)
    kv = KeyedVectors(dim)
    kv.add_vectors([f"w{i}" for i in range(rows)], matrix)
    kv.fill_norms()
    shape = f"{rows}x{dim}"
    emit({"side": "gensim", "kind": "timing", "task": f"most_similar top10 {shape}",
          "seconds": best_time(lambda: kv.most_similar("w17", topn=10), 20),
          "words": [w for w, _ in kv.most_similar("w17", topn=10)]})
    emit({"side": "gensim", "kind": "timing", "task": f"most_similar 2+/1- top10 {shape}",
          "seconds": best_time(lambda: kv.most_similar(positive=["w5", "w9"], negative=["w3"], topn=10), 20)})
    emit({"side": "gensim", "kind": "timing", "task": f"most_similar_cosmul top10 {shape}",
          "seconds": best_time(lambda: kv.most_similar_cosmul(positive=["w5", "w9"], negative=["w3"], topn=10), 5)})
    hundred = [f"w{i * 7}" for i in range(100)]
    emit({"side": "gensim", "kind": "timing", "task": f"most_similar of 100 words top10 {shape}",
          "seconds": best_time(lambda: [kv.most_similar(w, topn=10) for w in hundred], 3)})
    start = time.perf_counter()
    score, sections = kv.evaluate_word_analogies(questions, restrict_vocab=30000, case_insensitive=True)
    emit({"side": "gensim", "kind": "timing", "task": f"evaluate_word_analogies {shape} restrict 30000",
          "seconds": time.perf_counter() - start, "correct": len(sections[-1]["correct"]),
          "seen": len(sections[-1]["correct"]) + len(sections[-1]["incorrect"])})


def compare(ours_path, theirs_path):
    def load(path):
        with open(path) as f:
            return [json.loads(line) for line in f if line.strip()]

    ours, theirs = load(ours_path), load(theirs_path)

    def key(r):
        vectors = os.path.splitext(os.path.basename(r.get("vectors", "")))[0]
        return (r["kind"], vectors, r.get("query", r.get("task", "")))

    mine = {key(r): r for r in ours}
    failures = 0
    for t in theirs:
        o = mine.get(key(t))
        name = " ".join(str(x) for x in key(t) if x)
        if o is None:
            print(f"MISSING ours: {name}")
            failures += 1
            continue
        if t["kind"] == "analogies":
            theirs_counts = [(s["name"], s["correct"], s["seen"]) for s in t["sections"]]
            ours_counts = [(s["name"], s["correct"], s["seen"]) for s in o["sections"]]
            same = theirs_counts == ours_counts
            failures += not same
            print(f"{'EQUAL' if same else 'DIFFERENT'} analogy counts, {name}: total "
                  f"{o['sections'][-1]['correct']}/{o['sections'][-1]['seen']} ours vs "
                  f"{t['sections'][-1]['correct']}/{t['sections'][-1]['seen']} gensim; accuracy diff "
                  f"{abs(o['accuracy'] - t['accuracy']):.2e}; time {o['seconds']:.3f} s ours vs "
                  f"{t['seconds']:.3f} s gensim (x{t['seconds'] / o['seconds']:.1f})")
            if not same:
                for a, b in zip(ours_counts, theirs_counts):
                    if a != b:
                        print(f"    ours {a} gensim {b}")
        elif t["kind"] == "pairs":
            diffs = {f: abs(o[f] - t[f]) for f in ("pearson", "spearman", "oov_percent")}
            pdiffs = {f: abs(o[f] - t[f]) / max(abs(t[f]), 1e-300) for f in ("pearson_p", "spearman_p")}
            ok = max(diffs.values()) < 1e-4 and max(pdiffs.values()) < 1e-3
            failures += not ok
            print(f"{'EQUAL' if ok else 'DIFFERENT'} word pairs, {name}: pearson {o['pearson']:.6f} vs "
                  f"{t['pearson']:.6f}, spearman {o['spearman']:.6f} vs {t['spearman']:.6f}, oov "
                  f"{o['oov_percent']:.4f}% vs {t['oov_percent']:.4f}%, p-value rel. diff "
                  f"{max(pdiffs.values()):.1e}")
        elif t["kind"] in ("most_similar", "analogy"):
            fields = ["result"] if t["kind"] == "most_similar" else ["cosadd", "cosmul"]
            for field in fields:
                words_equal = [w for w, _ in o[field]] == [w for w, _ in t[field]]
                diff = max(abs(a[1] - b[1]) / max(1.0, abs(b[1])) for a, b in zip(o[field], t[field]))
                ok = words_equal and diff < 1e-4
                failures += not ok
                print(f"{'EQUAL' if ok else 'DIFFERENT'} {t['kind']} {field} {name}: words "
                      f"{'same' if words_equal else 'differ'}, max rel. diff {diff:.1e}"
                      + ("" if words_equal else f"\n    ours {o[field]}\n    gensim {t[field]}"))
        elif t["kind"] == "timing":
            extra = ""
            if "words" in t:
                same = o.get("words") == t["words"]
                failures += not same
                extra = "; same top 10" if same else f"; top 10 DIFFERENT: {o.get('words')} vs {t['words']}"
            if "correct" in t:
                same = (o.get("correct"), o.get("seen")) == (t["correct"], t["seen"])
                failures += not same
                extra = f"; counts {o.get('correct')}/{o.get('seen')} vs {t['correct']}/{t['seen']}" + \
                        (" EQUAL" if same else " DIFFERENT")
            print(f"time {t['task']}: ours {o['seconds'] * 1000:.2f} ms, gensim {t['seconds'] * 1000:.2f} ms, "
                  f"gensim/ours x{t['seconds'] / o['seconds']:.1f}{extra}")
    for o in ours:
        if o["kind"] == "timing" and key(o) not in {key(t) for t in theirs}:
            print(f"time {o['task']}: ours {o['seconds'] * 1000:.2f} ms (no peer)")
    print(f"{failures} difference(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == "evaluate":
        evaluate(*arguments)
    elif command == "timing":
        timing(*arguments)
    elif command == "compare":
        sys.exit(compare(*arguments))
    else:
        sys.exit(f"unknown command {command!r}; use evaluate, timing or compare")
