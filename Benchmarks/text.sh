#!/usr/bin/env bash
# NLPText vs Python/gensim: whitespace tokenizing, ICU word breaking, vocabulary counting.
#
#   bash Benchmarks/text.sh [CORPUS.txt.gz]     (default /work/shared/data/word2vec/general-21m.txt.gz)
#
# Builds TextBenchmark in release, creates Benchmarks/.venv (gensim) when missing, decompresses
# the corpus to a temporary file (so that gzip speed is not part of the byte-throughput numbers),
# then runs the two sides one after the other (never at the same time: the machine has 2 cores).
# Prints an aligned table and writes Benchmarks/results/text-<date>.json.
#
# Environment:
#   TEXT_BENCH_REPEATS        passes per measurement on our side (best kept), default 3
#   TEXT_BENCH_PEER_REPEATS   passes per measurement on the Python side, default 2
#   TEXT_BENCH_ICU_BYTES      bytes of the corpus given to ICU word breaking, default 16000000
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
corpus=${1:-/work/shared/data/word2vec/general-21m.txt.gz}
repeats=${TEXT_BENCH_REPEATS:-3}
peer_repeats=${TEXT_BENCH_PEER_REPEATS:-2}
icu_bytes=${TEXT_BENCH_ICU_BYTES:-16000000}
venv=Benchmarks/.venv

log() { echo "text.sh: $*" >&2; }
notes=()
[[ -r "$corpus" ]] || { log "cannot read corpus '$corpus'"; exit 1; }

# MARK: build
log "building TextBenchmark (release)"
build_log=$(mktemp)
if ! swift build -c release --product TextBenchmark >"$build_log" 2>&1; then
    cat "$build_log" >&2
    log "build failed"
    exit 1
fi
rm -f "$build_log"
bin="$(swift build -c release --show-bin-path)/TextBenchmark"

# MARK: python peer
if ! "$venv/bin/python" -c 'import gensim' 2>/dev/null; then
    log "creating $venv (gensim)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check gensim
fi
python="$venv/bin/python"

# MARK: data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
plain="$work/$(basename "${corpus%.gz}")"
log "decompressing $corpus to $plain"
gzip -dc "$corpus" >"$plain"
cat "$plain" >/dev/null # both sides read from the page cache

unset OPENBLAS_CORETYPE
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
    notes+=("1-minute load average was $load before the run: other work may have disturbed the numbers")
fi

# MARK: measure (sequential)
gz_args=()
[[ "$corpus" == *.gz ]] && gz_args=(--gz "$corpus")
log "ours"
"$bin" --plain "$plain" "${gz_args[@]}" --repeats "$repeats" --icu-bytes "$icu_bytes" --json - >"$work/ours.json"
log "python and gensim"
"$python" Benchmarks/text_peer.py measure --plain "$plain" --repeats "$peer_repeats" --prefix-bytes "$icu_bytes" >"$work/peer.json"

# MARK: report
note_args=()
for n in "${notes[@]+"${notes[@]}"}"; do note_args+=(--note "$n"); done
mkdir -p Benchmarks/results
"$python" Benchmarks/text_peer.py report --swift "$work/ours.json" --python "$work/peer.json" \
    "${note_args[@]+"${note_args[@]}"}" --out "Benchmarks/results/text-$(date +%Y-%m-%d-%H%M%S).json"
