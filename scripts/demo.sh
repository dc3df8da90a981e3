#!/usr/bin/env bash
# The main job on the bundled default (installing missing system packages first, building in
# release mode). Until word2vec lands this is the numeric backend's smoke run: the BLAS kernel in
# use, an sgemm correctness check against a naive loop, and the sgemm speed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages.sh
swift build -c release --product w2v >&2
w2v=$(swift build -c release --show-bin-path)/w2v
"$w2v" info
