#!/usr/bin/env bash
# word2vec training vs gensim 4.x: speed, memory and accuracy of the vectors, in one run.
#
#   bash Benchmarks/word2vec.sh [CORPUS.txt.gz]
#
# Default corpus: /work/shared/data/word2vec/general-21m.txt.gz (21.2M words). It is decompressed
# once into the git-ignored .build/word2vec-benchmark/ (gensim's corpus_file mode needs plain
# text; ours reads the .gz itself, so its time includes decompression). For each configuration
# (cbow, skipgram: word2vec.c defaults, size 100, window 5, negative 5, sample 1e-3, min-count 5,
# 5 epochs) both sides train with the same number of threads, one after the other (alternating
# who goes first), for a few rounds (best of each side); then both vector sets are evaluated by gensim (evaluate_word_analogies on
# questions-words, restrict_vocab=30000, case_insensitive; evaluate_word_pairs on WordSim353).
#
# Words/s is word2vec.c's definition: corpus words × epochs / training seconds. Wall time includes
# reading the corpus and building the vocabulary. Peak memory is getrusage's ru_maxrss; CPU seconds
# (user + system, all threads, whole process) vary less than wall time on a shared machine.
#
# Environment:
#   W2V_BENCH_CONFIGS   default "cbow skipgram"
#   W2V_BENCH_THREADS   default 2
#   W2V_BENCH_ROUNDS    default 1 (best of)
#   W2V_BENCH_MAX_SENTENCE  default 10000: ours splits lines at gensim's limit (word2vec.c's is 1000)
#   W2V_BENCH_WORDS     if set, use only the first N words of the corpus (lines kept whole)
#   W2V_BENCH_EVAL_DIR  questions-words.txt and wordsim353.tsv, default /work/shared/data/eval
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
corpus=${1:-/work/shared/data/word2vec/general-21m.txt.gz}
configs=${W2V_BENCH_CONFIGS:-cbow skipgram}
threads=${W2V_BENCH_THREADS:-2}
rounds=${W2V_BENCH_ROUNDS:-1}
max_sentence=${W2V_BENCH_MAX_SENTENCE:-10000}
eval_dir=${W2V_BENCH_EVAL_DIR:-/work/shared/data/eval}
log() { echo "word2vec.sh: $*" >&2; }

# shellcheck source=Benchmarks/word2vec_setup.sh
source Benchmarks/word2vec_setup.sh
ours_input=$corpus
if [[ -n "${W2V_BENCH_WORDS:-}" ]]; then
    head_file="$cache/$name-${W2V_BENCH_WORDS}.txt"
    if [[ ! -s "$head_file" ]]; then
        awk -v limit="$W2V_BENCH_WORDS" '{ print; n += NF; if (n >= limit) exit }' "$plain" >"$head_file"
    fi
    plain=$head_file
    ours_input=$head_file
fi

log "1-minute load average before the run: $(cut -d' ' -f1 /proc/loadavg) (other work disturbs the numbers)"
out="Benchmarks/results/word2vec-$(date +%Y-%m-%d-%H%M%S).jsonl"
run_ours() {
    log "round $round/$rounds, $1: ours ($threads threads)"
    "$bin" --corpus "$ours_input" --architecture "$1" --threads "$threads" --quiet \
        --max-sentence-length "$max_sentence" --output "$cache/ours-$1.bin" >>"$out"
}
run_gensim() {
    log "round $round/$rounds, $1: gensim ($threads workers)"
    "$python" Benchmarks/word2vec_peer.py train --corpus "$plain" --architecture "$1" \
        --threads "$threads" --output "$cache/gensim-$1.bin" >>"$out"
}
for ((round = 1; round <= rounds; round++)); do
    for config in $configs; do
        # Alternate who goes first, so a change in the machine's load does not favour one side.
        if ((round % 2 == 1)); then
            run_ours "$config"
            run_gensim "$config"
        else
            run_gensim "$config"
            run_ours "$config"
        fi
    done
done
for config in $configs; do
    for side in ours gensim; do
        log "evaluating $side $config"
        "$python" Benchmarks/word2vec_peer.py evaluate --vectors "$cache/$side-$config.bin" \
            --questions "$eval_dir/questions-words.txt" --wordsim "$eval_dir/wordsim353.tsv" \
            --label "$side" --architecture "$config" >>"$out"
    done
done
"$python" Benchmarks/word2vec_peer.py report "$out"
log "results in $out (the machine may have been shared: compare ratios, not absolute speeds)"
