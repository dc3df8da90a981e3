# Shared set-up of Benchmarks/word2vec.sh and Benchmarks/word2vec_seeds.sh; sourced, not run.
#
# Expects: the repository root as the working directory, `corpus` (a .txt or .txt.gz path) and a
# `log` function. Builds Word2VecBenchmark in release (`bin`), makes sure Benchmarks/.venv has
# gensim (`python`), unsets the BLAS thread and core-type variables, and decompresses the corpus
# once into .build/word2vec-benchmark (`cache`, `name`, `plain`: gensim's corpus_file mode needs
# plain text).

venv=Benchmarks/.venv
cache=.build/word2vec-benchmark

log "building Word2VecBenchmark (release)"
build_log=$(mktemp)
if ! swift build -c release --product Word2VecBenchmark >"$build_log" 2>&1; then
    cat "$build_log" >&2
    log "build failed"
    exit 1
fi
rm -f "$build_log"
bin="$(swift build -c release --show-bin-path)/Word2VecBenchmark"

if ! "$venv/bin/python" -c 'import gensim' 2>/dev/null; then
    log "creating $venv (gensim)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check gensim numpy scipy
fi
python="$venv/bin/python"
unset OPENBLAS_CORETYPE OPENBLAS_NUM_THREADS OMP_NUM_THREADS MKL_NUM_THREADS

mkdir -p "$cache" Benchmarks/results
name=$(basename "$corpus" .gz)
name=${name%.txt}
plain="$cache/$name.txt"
if [[ ! -s "$plain" ]]; then
    log "decompressing $corpus into $plain"
    zcat -f "$corpus" >"$plain.tmp" && mv "$plain.tmp" "$plain"
fi
