#!/usr/bin/env bash
# Recurrent layers vs PyTorch: training and inference samples/s for the same models, in one run.
#
#   bash Benchmarks/neural.sh
#
# Models (Benchmarks/NeuralBenchmark/Models.swift and Benchmarks/torch_peer.py):
#   imdb-lstm  Embedding(10000, 32) -> LSTM(32) -> Dense(1, sigmoid), 500 tokens, batch 128
#   imdb-gru   the same with GRU(32)
#   char-lstm  one-hot(100) -> LSTM(256, sequences) -> Dense(100) per step, 100 steps, batch 64
# A training step is Keras train_on_batch (forward, loss, backward, RMSprop update) on both sides.
#
# Builds NeuralBenchmark in release, creates Benchmarks/.venv (torch) when missing, then runs the
# two sides one after the other (never at the same time), interleaved per thread count and repeated
# for a few rounds, keeping each side's best. Prints a table with ratios and writes
# Benchmarks/results/neural-<date>.jsonl.
#
# Environment:
#   NEURAL_BENCH_CONFIGS      default imdb-lstm,imdb-gru,char-lstm
#   NEURAL_BENCH_THREADS      default "1 2" (BLAS threads ours, torch.set_num_threads theirs)
#   NEURAL_BENCH_MIN_SECONDS  timed work per measurement and side, default 3
#   NEURAL_BENCH_ROUNDS       rounds (best of), default 2
#   KEEP_OPENBLAS_CORETYPE=1  keep OPENBLAS_CORETYPE from the environment
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
configs=${NEURAL_BENCH_CONFIGS:-imdb-lstm,imdb-gru,char-lstm}
threads=${NEURAL_BENCH_THREADS:-1 2}
min_seconds=${NEURAL_BENCH_MIN_SECONDS:-3}
rounds=${NEURAL_BENCH_ROUNDS:-2}

log() { echo "neural.sh: $*" >&2; }

product=NeuralBenchmark
peer_imports="torch"
# shellcheck source=Benchmarks/torch_setup.sh
source Benchmarks/torch_setup.sh
log "1-minute load average before the run: $(cut -d' ' -f1 /proc/loadavg) (other work disturbs the numbers)"

mkdir -p Benchmarks/results
out="Benchmarks/results/neural-$(date +%Y-%m-%d-%H%M%S).jsonl"
for ((round = 1; round <= rounds; round++)); do
    for t in $threads; do
        log "round $round/$rounds, $t thread(s): ours"
        "$bin" --configs "$configs" --threads "$t" --min-seconds "$min_seconds" --json >>"$out"
        log "round $round/$rounds, $t thread(s): torch"
        OMP_NUM_THREADS=$t MKL_NUM_THREADS=$t "$python" Benchmarks/torch_peer.py measure \
            --configs "$configs" --threads "$t" --min-seconds "$min_seconds" >>"$out"
    done
done
"$python" Benchmarks/torch_peer.py report "$out"
log "results in $out"
