#!/usr/bin/env bash
# Accuracy of word2vec vectors over several seeds, ours vs gensim 4.x, in one run.
#
#   bash Benchmarks/word2vec_seeds.sh [CORPUS.txt.gz]
#
# One training run's analogy accuracy moves by about a point from seed to seed (thread scheduling
# adds more), so a single run cannot tell a real accuracy gap from noise. This trains both sides
# with the same settings as Benchmarks/word2vec.sh for each seed, evaluates every vector set with
# gensim (questions-words, restrict_vocab=30000, case_insensitive; WordSim353), and prints the mean,
# standard deviation, min and max per side.
#
# Environment:
#   W2V_SEEDS_CONFIG    default cbow (or skipgram)
#   W2V_SEEDS           default "1 2 3 4"
#   W2V_SEEDS_OURS_ARGS extra Word2VecBenchmark flags for our side, e.g. "--min-alpha-fraction 0.1" or
#                       "--alpha-schedule gensim-corpus-file"
#   W2V_SEEDS_GENSIM_MODES  default corpus_file; "corpus_file iterable" also trains gensim from
#                       LineSentence (label gensim-iterable), whose learning-rate schedule is
#                       word2vec.c's; see word2vec_peer.py for how corpus_file mode's differs
#   W2V_BENCH_THREADS   default 2
#   W2V_BENCH_MAX_SENTENCE  default 10000 (gensim's limit)
#   W2V_BENCH_EVAL_DIR  questions-words.txt and wordsim353.tsv, default /work/shared/data/eval
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
corpus=${1:-/work/shared/data/word2vec/general-21m.txt.gz}
config=${W2V_SEEDS_CONFIG:-cbow}
seeds=${W2V_SEEDS:-1 2 3 4}
threads=${W2V_BENCH_THREADS:-2}
max_sentence=${W2V_BENCH_MAX_SENTENCE:-10000}
eval_dir=${W2V_BENCH_EVAL_DIR:-/work/shared/data/eval}
gensim_modes=${W2V_SEEDS_GENSIM_MODES:-corpus_file}
read -r -a ours_args <<<"${W2V_SEEDS_OURS_ARGS:-}"
log() { echo "word2vec_seeds.sh: $*" >&2; }

# shellcheck source=Benchmarks/word2vec_setup.sh
source Benchmarks/word2vec_setup.sh

out="Benchmarks/results/word2vec-seeds-$(date +%Y-%m-%d-%H%M%S).jsonl"
for seed in $seeds; do
    log "seed $seed, $config: ours ($threads threads)"
    "$bin" --corpus "$corpus" --architecture "$config" --threads "$threads" --quiet --seed "$seed" \
        --max-sentence-length "$max_sentence" --output "$cache/ours-$config-seed$seed.bin" \
        ${ours_args[@]+"${ours_args[@]}"} >>"$out"
    sides=(ours)
    for mode in $gensim_modes; do
        side=gensim
        [[ $mode == corpus_file ]] || side=gensim-$mode
        log "seed $seed, $config: $side ($threads workers)"
        "$python" Benchmarks/word2vec_peer.py train --corpus "$plain" --architecture "$config" --mode "$mode" \
            --threads "$threads" --seed "$seed" --output "$cache/$side-$config-seed$seed.bin" >>"$out"
        sides+=("$side")
    done
    for side in "${sides[@]}"; do
        "$python" Benchmarks/word2vec_peer.py evaluate --vectors "$cache/$side-$config-seed$seed.bin" \
            --questions "$eval_dir/questions-words.txt" --wordsim "$eval_dir/wordsim353.tsv" \
            --label "$side" --architecture "$config" --seed "$seed" >>"$out"
        rm -f "$cache/$side-$config-seed$seed.bin"
    done
done
"$python" Benchmarks/word2vec_peer.py seeds "$out"
log "results in $out"
