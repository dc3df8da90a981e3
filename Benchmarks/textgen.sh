#!/usr/bin/env bash
# Character-level text generation (char-rnn) training vs PyTorch: speed and bpc at equal wall time.
#
#   bash Benchmarks/textgen.sh [CORPUS]
#
# Default corpus: /work/shared/data/textgen/shakespeare-complete.txt (5,057,198 characters, 84
# distinct), or corpora/shakespeare-complete.txt.gz (the same text) when that file is missing.
# Builds TextGenBenchmark in release, creates Benchmarks/.venv (torch) when missing, then trains
# the same model on the same data split with the same flags and thread count, first ours, then
# PyTorch (Benchmarks/textgen_peer.py), never at the same time. Each side trains for the same
# training wall-clock budget (evaluation excluded) and prints JSON lines: an evaluation (training
# chars/s, train bpc, validation bpc) every TEXTGEN_BENCH_EVAL seconds of training and at the
# end, then a final line (see CONTRACT-textgen / the peer's docstring for the exact protocol).
# Default model: one-hot(84) -> 2 x LSTM(256) -> Dense(84), sequences of 100, batch 64, Adam 2e-3,
# clip norm 5. Writes Benchmarks/results/textgen-<date>.jsonl and prints the side-by-side table
# (chars/s and the ratio ours/pytorch, validation bpc at each common evaluation time and at the end,
# characters seen, epochs, peak RSS; which side has the lower bpc at equal wall time).
# Expected run time: 2 x (TEXTGEN_BENCH_SECONDS + 5 evaluations + loading), estimated 12-15 min at the
# defaults on a quiet 2-core machine, plus the release build.
#
# Environment:
#   TEXTGEN_BENCH_SECONDS   training budget per side in seconds, default 300
#   TEXTGEN_BENCH_EVAL      evaluate every N seconds of training, default 60
#   TEXTGEN_BENCH_THREADS   threads on both sides, default 2 (ours: --threads; PyTorch:
#                           torch.set_num_threads and OMP_NUM_THREADS/MKL_NUM_THREADS)
#   TEXTGEN_BENCH_ARGS      extra flags for both sides, e.g. "--units 512" or "--cell gru --layers 1"
#   KEEP_OPENBLAS_CORETYPE=1  keep OPENBLAS_CORETYPE from the environment
# The machine must be quiet: another job on a 2-core machine stalls the 2-thread runs of both sides
# (the load average before each side's run is logged and written next to the results).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source Benchmarks/textgen_corpus.sh
seconds=${TEXTGEN_BENCH_SECONDS:-300}
eval_every=${TEXTGEN_BENCH_EVAL:-60}
threads=${TEXTGEN_BENCH_THREADS:-2}
read -r -a extra <<<"${TEXTGEN_BENCH_ARGS:-}"

log() { echo "textgen.sh: $*" >&2; }

if [[ ! -f $corpus ]]; then
    log "corpus $corpus not found"
    exit 1
fi

product=TextGenBenchmark
peer_imports="torch, numpy"
# shellcheck source=Benchmarks/torch_setup.sh
source Benchmarks/torch_setup.sh

mkdir -p Benchmarks/results
stamp=$(date +%Y-%m-%d-%H%M%S)
out="Benchmarks/results/textgen-$stamp.jsonl"
loads="Benchmarks/results/textgen-$stamp.load"
flags=(--corpus "$corpus" --seconds "$seconds" --eval-every-seconds "$eval_every" --threads "$threads" "${extra[@]}")
log "corpus $corpus, $seconds s per side, evaluation every $eval_every s, $threads thread(s), flags: ${flags[*]}"

status=0
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 1.5) }'; then
    log "WARNING: 1-minute load average $load: other jobs share the CPU; multi-threaded training steps stall"
    log "         unevenly under load (see Benchmarks/README.md); rerun quiet or with TEXTGEN_BENCH_THREADS=1"
fi
echo "ours: 1-minute load average $load before the run" >>"$loads"
log "ours (1-minute load average $load; other work disturbs the numbers)"
if ! "$bin" "${flags[@]}" >>"$out"; then
    log "ours failed (exit status above); running the peer anyway"
    status=1
fi
load=$(cut -d' ' -f1 /proc/loadavg)
echo "pytorch: 1-minute load average $load before the run" >>"$loads"
log "pytorch (1-minute load average $load)"
if ! OMP_NUM_THREADS=$threads MKL_NUM_THREADS=$threads "$python" Benchmarks/textgen_peer.py "${flags[@]}" >>"$out"; then
    log "pytorch failed"
    status=1
fi
cat "$loads"
"$python" Benchmarks/textgen_peer.py report "$out" || status=1
log "results in $out (the machine may have been shared: compare ratios, and rerun when the load was high)"
exit $status
