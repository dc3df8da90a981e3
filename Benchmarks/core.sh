#!/usr/bin/env bash
# NLPCore vs numpy: sgemm GFLOP/s (1 and 2 threads) and elementwise throughput, in one run.
#
#   bash Benchmarks/core.sh
#
# Builds CoreBenchmark in release, creates Benchmarks/.venv (numpy, threadpoolctl) when missing,
# then runs the two sides one after the other (never at the same time: they would share the cores),
# interleaved per thread count and repeated for a few rounds, keeping each side's best. Prints an
# aligned table and writes Benchmarks/results/core-<date>.json.
#
# Environment:
#   CORE_BENCH_SGEMM_SIZES        default 256,1024,2048
#   CORE_BENCH_THREADS            default "1 2"
#   CORE_BENCH_ELEMENTWISE_SIZES  default 1048576,16777216
#   CORE_BENCH_MIN_SECONDS        timed work per measurement and side, default 0.5
#   CORE_BENCH_ROUNDS             sgemm rounds (best of), default 2
#   KEEP_OPENBLAS_CORETYPE=1      keep OPENBLAS_CORETYPE from the environment (both libraries
#                                 honour it); by default it is removed so that each picks its
#                                 kernel from the CPU, the toolkit's normal path.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
sgemm_sizes=${CORE_BENCH_SGEMM_SIZES:-256,1024,2048}
threads=${CORE_BENCH_THREADS:-1 2}
elementwise_sizes=${CORE_BENCH_ELEMENTWISE_SIZES:-1048576,16777216}
min_seconds=${CORE_BENCH_MIN_SECONDS:-0.5}
rounds=${CORE_BENCH_ROUNDS:-2}
venv=Benchmarks/.venv

log() { echo "core.sh: $*" >&2; }
notes=()

# MARK: build
log "building CoreBenchmark (release)"
build_log=$(mktemp)
if ! swift build -c release --product CoreBenchmark >"$build_log" 2>&1; then
    cat "$build_log" >&2
    log "build failed"
    exit 1
fi
rm -f "$build_log"
bin="$(swift build -c release --show-bin-path)/CoreBenchmark"

# MARK: python peer
if ! "$venv/bin/python" -c 'import numpy, threadpoolctl' 2>/dev/null; then
    log "creating $venv (numpy, threadpoolctl)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check numpy threadpoolctl
fi
python="$venv/bin/python"

# MARK: environment
if [[ -n "${OPENBLAS_CORETYPE:-}" ]]; then
    if [[ "${KEEP_OPENBLAS_CORETYPE:-0}" == 1 ]]; then
        notes+=("OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE kept from the environment (both sides honour it)")
    else
        notes+=("OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE was set in the environment and removed for both sides (KEEP_OPENBLAS_CORETYPE=1 keeps it)")
        unset OPENBLAS_CORETYPE
    fi
fi
for v in OPENBLAS_L2_SIZE OPENBLAS_VERBOSE GOTO_NUM_THREADS; do
    if [[ -n "${!v:-}" ]]; then notes+=("$v=${!v} is set in the environment (kept)"); fi
done
# Thread counts are set explicitly per run; inherited ones would cap OpenBLAS's pool.
unset OPENBLAS_NUM_THREADS OMP_NUM_THREADS
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
    notes+=("1-minute load average was $load before the run: other work may have disturbed the numbers")
fi

# MARK: measure (sequential, interleaved)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift_files=()
numpy_files=()
for ((round = 1; round <= rounds; round++)); do
    for t in $threads; do
        log "round $round/$rounds: sgemm, $t thread(s): ours"
        "$bin" --sgemm-sizes "$sgemm_sizes" --threads "$t" --elementwise-sizes none \
            --min-seconds "$min_seconds" --json - >"$work/swift-sgemm-$round-$t.json"
        swift_files+=("$work/swift-sgemm-$round-$t.json")
        log "round $round/$rounds: sgemm, $t thread(s): numpy"
        OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t "$python" Benchmarks/numpy_peer.py measure \
            --sgemm-sizes "$sgemm_sizes" --threads "$t" --elementwise-sizes none \
            --min-seconds "$min_seconds" >"$work/numpy-sgemm-$round-$t.json"
        numpy_files+=("$work/numpy-sgemm-$round-$t.json")
    done
done
log "elementwise: ours"
"$bin" --sgemm-sizes none --threads 1 --elementwise-sizes "$elementwise_sizes" \
    --min-seconds "$min_seconds" --json - >"$work/swift-elementwise.json"
swift_files+=("$work/swift-elementwise.json")
log "elementwise: numpy"
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$python" Benchmarks/numpy_peer.py measure \
    --sgemm-sizes none --threads 1 --elementwise-sizes "$elementwise_sizes" \
    --min-seconds "$min_seconds" >"$work/numpy-elementwise.json"
numpy_files+=("$work/numpy-elementwise.json")

# MARK: report
note_args=()
for n in "${notes[@]+"${notes[@]}"}"; do note_args+=(--note "$n"); done
mkdir -p Benchmarks/results
"$python" Benchmarks/numpy_peer.py report --swift "${swift_files[@]}" --numpy "${numpy_files[@]}" \
    "${note_args[@]+"${note_args[@]}"}" --out "Benchmarks/results/core-$(date +%Y-%m-%d-%H%M%S).json"
