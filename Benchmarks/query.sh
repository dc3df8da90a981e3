#!/usr/bin/env bash
# Word-vector queries and evaluations vs gensim: equal results on real vectors, and speed.
#
#   bash Benchmarks/query.sh [EXTRA_VECTORS_BASE ...]
#
# e.g. bash Benchmarks/query.sh /work/shared/data/vectors/glove.6B.50d.top10k
# Each vectors base names BASE.w2v.txt (read by QueryBenchmark) and BASE.w2v.bin (read by gensim),
# the same floats. corpora/glove.6B.50d.top3k is always included.
#
# 1. evaluate: analogy accuracy on corpora/questions-words.txt (restrict 30000, case-insensitive),
#    word-pair correlations on corpora/wordsim353.tsv, most_similar and analogies (3CosAdd, 3CosMul)
#    for a few words; counts must be equal and floats within 1e-4.
# 2. timing: a random 100,000 × 300 matrix (SplitMix64 seed 42, written to a temp directory for
#    gensim to load) — most_similar, most_similar_cosmul, spelling suggestions, and the analogy
#    evaluation on 19,544 synthetic questions.
# Environment: QUERY_BENCH_ROWS (100000), QUERY_BENCH_DIM (300), KEEP_OPENBLAS_CORETYPE=1.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
venv=Benchmarks/.venv
rows=${QUERY_BENCH_ROWS:-100000}
dim=${QUERY_BENCH_DIM:-300}

log() { echo "query.sh: $*" >&2; }

log "building QueryBenchmark (release)"
build_log=$(mktemp)
if ! swift build -c release --product QueryBenchmark >"$build_log" 2>&1; then
    cat "$build_log" >&2
    log "build failed"
    exit 1
fi
rm -f "$build_log"
bin="$(swift build -c release --show-bin-path)/QueryBenchmark"

if ! "$venv/bin/python" -c 'import gensim, scipy' 2>/dev/null; then
    log "creating $venv (gensim)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check gensim numpy scipy
fi
python="$venv/bin/python"

if [[ -n "${OPENBLAS_CORETYPE:-}" && "${KEEP_OPENBLAS_CORETYPE:-0}" != 1 ]]; then
    log "OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE removed (the toolkit picks the CPU's kernel)"
    unset OPENBLAS_CORETYPE
fi
log "1-minute load average before the run: $(cut -d' ' -f1 /proc/loadavg) (other work disturbs the timings)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p Benchmarks/results
out="Benchmarks/results/query-$(date +%Y-%m-%d-%H%M%S)"
for base in corpora/glove.6B.50d.top3k "$@"; do
    log "evaluate $base"
    "$bin" evaluate "$base.w2v.txt" corpora/questions-words.txt corpora/wordsim353.tsv >>"$out-ours.jsonl"
    "$python" Benchmarks/evaluation_peer.py evaluate "$base.w2v.bin" corpora/questions-words.txt \
        corpora/wordsim353.tsv >>"$out-gensim.jsonl"
done
log "timing on a random ${rows} x ${dim} matrix"
"$bin" timing "$rows" "$dim" "$work" >>"$out-ours.jsonl"
"$python" -W ignore Benchmarks/evaluation_peer.py timing "$work/matrix.f32" "$rows" "$dim" \
    "$work/questions.txt" >>"$out-gensim.jsonl"
"$python" Benchmarks/evaluation_peer.py compare "$out-ours.jsonl" "$out-gensim.jsonl"
log "results in $out-ours.jsonl and $out-gensim.jsonl"
