"""gensim side of Benchmarks/word2vec.sh: training and evaluation of word vectors.

    python word2vec_peer.py train --corpus FILE --architecture cbow|skipgram --threads N
                            --epochs N --output vectors.bin [--mode corpus_file|iterable]
    python word2vec_peer.py evaluate --vectors FILE.bin --questions Q --wordsim W
    python word2vec_peer.py report results.jsonl

`train` uses gensim's corpus_file mode (lines are sentences) with word2vec.c's defaults, the
same as the Swift side: size 100, window 5, negative 5, hs 0, sample 1e-3, min_count 5, 5 epochs,
alpha 0.05 (CBOW) / 0.025 (skip-gram), min_alpha = alpha * 1e-4, cbow_mean 1. Wall time includes
building the vocabulary. Words/s = corpus words x epochs / training seconds (word2vec.c's
definition, the same as ours). CPU seconds (user + system, all threads, whole process) are
reported too: on a shared machine they vary less than wall time.

`--mode iterable` trains from `LineSentence(corpus, max_sentence_length=10000)` instead (gensim's
usual `Word2Vec(sentences)` path, slower). The two modes do not follow the same learning-rate
schedule: in corpus_file mode each of the N workers computes the epoch's progress from its own word
count against the whole corpus (`get_next_alpha` in gensim/models/word2vec_corpusfile.pyx), so
within every epoch alpha falls only 1/N as far as configured and jumps back at the next epoch
(with 2 workers: 0.050 -> 0.045, 0.040 -> 0.035, ..., 0.010 -> 0.005). Iterable mode decays
alpha linearly over the whole run, as word2vec.c and the Swift side do.
"""

import argparse
import json
import resource
import sys
import time


def train(args):
    from gensim.models import Word2Vec

    sg = 1 if args.architecture == "skipgram" else 0
    alpha = 0.025 if sg else 0.05
    started = time.perf_counter()
    model = Word2Vec(
        vector_size=100, window=5, negative=5, hs=0, sample=1e-3, min_count=5, sg=sg, cbow_mean=1,
        alpha=alpha, min_alpha=alpha * 1e-4, workers=args.threads, epochs=args.epochs, seed=args.seed,
        max_vocab_size=None,
    )
    if args.mode == "iterable":
        from gensim.models.word2vec import LineSentence

        sentences = LineSentence(args.corpus, max_sentence_length=10000)
        model.build_vocab(corpus_iterable=sentences)
        vocab_done = time.perf_counter()
        model.train(corpus_iterable=sentences, total_examples=model.corpus_count, epochs=args.epochs)
    else:
        model.build_vocab(corpus_file=args.corpus)
        vocab_done = time.perf_counter()
        model.train(
            corpus_file=args.corpus, total_examples=model.corpus_count, total_words=model.corpus_total_words,
            epochs=args.epochs, compute_loss=False,
        )
    done = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    model.wv.save_word2vec_format(args.output, binary=True)
    training = done - vocab_done
    words = model.corpus_total_words
    print(json.dumps({
        "side": "gensim", "mode": args.mode, "architecture": args.architecture, "threads": args.threads, "epochs": args.epochs,
        "wall_seconds": done - started, "training_seconds": training, "preparation_seconds": vocab_done - started,
        "corpus_words": words, "words_per_second": words * args.epochs / training,
        "vocabulary": len(model.wv), "peak_rss_mb": usage.ru_maxrss / 1024,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
    }, sort_keys=True))


def evaluate(args):
    from gensim.models import KeyedVectors

    vectors = KeyedVectors.load_word2vec_format(args.vectors, binary=True)
    analogy, _ = vectors.evaluate_word_analogies(args.questions, restrict_vocab=30000, case_insensitive=True)
    pearson, spearman, oov = vectors.evaluate_word_pairs(args.wordsim, case_insensitive=True)
    print(json.dumps({
        "evaluation": args.label, "architecture": args.architecture, "seed": args.seed, "analogy": analogy,
        "wordsim_spearman": spearman[0], "wordsim_oov_percent": oov,
    }, sort_keys=True))


def report(args):
    runs = {}
    evaluations = {}
    with open(args.results) as handle:
        for line in handle:
            line = line.strip()
            if not line.startswith("{"):
                continue
            row = json.loads(line)
            if "evaluation" in row:
                evaluations[(row["evaluation"], row["architecture"])] = row
            else:
                key = (row["side"], row["architecture"])
                best = runs.get(key)
                if best is None or row["words_per_second"] > best["words_per_second"]:
                    runs[key] = row
    header = (f"{'config':<9} {'side':<7} {'wall s':>7} {'train s':>8} {'words/s':>10} {'CPU s':>7} {'peak MB':>8} "
              f"{'analogy':>8} {'ws353 ρ':>8}")
    print(header)
    print("-" * len(header))
    for architecture in ("cbow", "skipgram"):
        for side in ("ours", "gensim"):
            row = runs.get((side, architecture))
            if row is None:
                continue
            ev = evaluations.get((side, architecture), {})
            print(f"{architecture:<9} {side:<7} {row['wall_seconds']:>7.1f} {row['training_seconds']:>8.1f} "
                  f"{row['words_per_second']:>10.0f} {row.get('cpu_seconds', float('nan')):>7.1f} {row['peak_rss_mb']:>8.0f} "
                  f"{ev.get('analogy', float('nan')):>8.4f} {ev.get('wordsim_spearman', float('nan')):>8.4f}")
        ours, theirs = runs.get(("ours", architecture)), runs.get(("gensim", architecture))
        if ours and theirs:
            print(f"{architecture:<9} ratio   words/s ours/gensim {ours['words_per_second'] / theirs['words_per_second']:.2f}x, "
                  f"wall gensim/ours {theirs['wall_seconds'] / ours['wall_seconds']:.2f}x, "
                  f"CPU s gensim/ours {theirs.get('cpu_seconds', float('nan')) / ours.get('cpu_seconds', float('nan')):.2f}x")


def seeds(args):
    """Accuracy over seeds: one row per side and architecture with the mean, standard deviation, min and max."""
    import statistics

    rows = {}
    with open(args.results) as handle:
        for line in handle:
            line = line.strip()
            if line.startswith("{") and "evaluation" in line:
                row = json.loads(line)
                rows.setdefault((row["architecture"], row["evaluation"]), []).append(row)
    header = (f"{'config':<9} {'side':<7} {'seeds':>5} {'analogy mean':>12} {'sd':>6} {'min':>6} {'max':>6} "
              f"{'ws353 ρ mean':>12} {'sd':>6}")
    print(header)
    print("-" * len(header))
    for (architecture, side), group in sorted(rows.items(), key=lambda item: (item[0][0], item[0][1] != "ours")):
        analogy = [100 * row["analogy"] for row in group]
        rho = [row["wordsim_spearman"] for row in group]
        spread = statistics.stdev if len(group) > 1 else (lambda values: float("nan"))
        print(f"{architecture:<9} {side:<7} {len(group):>5} {statistics.mean(analogy):>11.2f}% {spread(analogy):>6.2f} "
              f"{min(analogy):>6.2f} {max(analogy):>6.2f} {statistics.mean(rho):>12.4f} {spread(rho):>6.4f}")


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    t = commands.add_parser("train")
    t.add_argument("--corpus", required=True)
    t.add_argument("--architecture", choices=["cbow", "skipgram"], required=True)
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--epochs", type=int, default=5)
    t.add_argument("--output", required=True)
    t.add_argument("--seed", type=int, default=1)
    t.add_argument("--mode", choices=["corpus_file", "iterable"], default="corpus_file")
    e = commands.add_parser("evaluate")
    e.add_argument("--vectors", required=True)
    e.add_argument("--questions", required=True)
    e.add_argument("--wordsim", required=True)
    e.add_argument("--label", required=True)
    e.add_argument("--architecture", required=True)
    e.add_argument("--seed", type=int, default=None)
    r = commands.add_parser("report")
    r.add_argument("results")
    s = commands.add_parser("seeds")
    s.add_argument("results")
    args = parser.parse_args()
    {"train": train, "evaluate": evaluate, "report": report, "seeds": seeds}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
