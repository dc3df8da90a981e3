#!/usr/bin/env bash
# Word-vector files: load/write times of 100k × 300 files and the gensim cross-check, in one run.
#
#   bash Benchmarks/vector-formats.sh [words] [dimension]
#
# Builds VectorFileBenchmark in release, writes seeded random vectors as .w2vmodel/.bin/.txt into a
# temporary directory and times loading them (best of 5), then runs Benchmarks/vector_formats_peer.py
# in Benchmarks/.venv (created when missing): gensim reads our .bin/.txt, we read gensim's, and
# gensim's load times of the same files are printed next to ours with the ratio.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
words=${1:-100000}
dimension=${2:-300}
venv=Benchmarks/.venv
log() { echo "vector-formats.sh: $*" >&2; }

log "building VectorFileBenchmark (release)"
build_log=$(mktemp)
if ! swift build -c release --product VectorFileBenchmark >"$build_log" 2>&1; then
    cat "$build_log" >&2
    log "build failed"
    exit 1
fi
rm -f "$build_log"
bin="$(swift build -c release --show-bin-path)/VectorFileBenchmark"

if ! "$venv/bin/python" -c 'import gensim' 2>/dev/null; then
    log "creating $venv (gensim)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check gensim numpy
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" timing "$words" "$dimension" "$work"
"$venv/bin/python" Benchmarks/vector_formats_peer.py --tool "$bin" --timing-dir "$work"
