# Shared set-up of Benchmarks/neural.sh and Benchmarks/textgen.sh; sourced, not run.
#
# Expects: the repository root as the working directory, `product` (the benchmark executable),
# `peer_imports` (what the PyTorch peer imports, e.g. "torch, numpy") and a `log` function.
# Builds `product` in release (`bin`), makes sure Benchmarks/.venv can import `peer_imports`
# (installing torch and numpy when it cannot; `venv`, `python`), removes OPENBLAS_CORETYPE unless
# KEEP_OPENBLAS_CORETYPE=1 (the toolkit picks the CPU's kernel) and unsets the BLAS and OpenMP
# thread-count variables.

venv=Benchmarks/.venv

log "building $product (release)"
build_log=$(mktemp)
if ! swift build -c release --product "$product" >"$build_log" 2>&1; then
    cat "$build_log" >&2
    log "build failed"
    exit 1
fi
rm -f "$build_log"
bin="$(swift build -c release --show-bin-path)/$product"

if ! "$venv/bin/python" -c "import $peer_imports" 2>/dev/null; then
    log "creating $venv (torch)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check torch numpy
fi
python="$venv/bin/python"

if [[ -n "${OPENBLAS_CORETYPE:-}" && "${KEEP_OPENBLAS_CORETYPE:-0}" != 1 ]]; then
    log "OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE removed (the toolkit picks the CPU's kernel)"
    unset OPENBLAS_CORETYPE
fi
unset OPENBLAS_NUM_THREADS OMP_NUM_THREADS MKL_NUM_THREADS
