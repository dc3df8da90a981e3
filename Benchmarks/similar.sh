#!/usr/bin/env bash
# `w2v similar` end to end (process start to printed table) on a 100,000-word × 300-d model,
# against gensim doing the same from a fresh Python process (KeyedVectors.load with mmap='r',
# then most_similar). Target: ≤ 50 ms for ours.
#
#   bash Benchmarks/similar.sh [runs]
#
# The vectors are seeded random (VectorFileBenchmark), written once as .w2vmodel (ours) and
# converted by gensim into its own .kv + .npy (its memory-mappable format).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-20}
venv=Benchmarks/.venv
work=${XDG_CACHE_HOME:-$HOME/.cache}/nlptoolkit/similar-bench
log() { echo "similar.sh: $*" >&2; }
[[ "${KEEP_OPENBLAS_CORETYPE:-0}" == 1 ]] || unset OPENBLAS_CORETYPE

swift build -c release --product w2v >&2
swift build -c release --product VectorFileBenchmark >&2
bin=$(swift build -c release --show-bin-path)
mkdir -p "$work"
if [[ ! -s "$work/timing.w2vmodel" ]]; then
    log "writing 100000 × 300 random vectors"
    "$bin/VectorFileBenchmark" timing 100000 300 "$work" >/dev/null
    rm -f "$work/timing.txt"
fi
if ! "$venv/bin/python" -c 'import gensim' 2>/dev/null; then
    log "creating $venv (gensim)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check gensim numpy
fi
python="$venv/bin/python"
if [[ ! -s "$work/gensim.kv" ]]; then
    "$python" -c "
from gensim.models import KeyedVectors
KeyedVectors.load_word2vec_format('$work/timing.bin', binary=True).save('$work/gensim.kv')"
fi
word=$("$python" -c "
from gensim.models import KeyedVectors
print(KeyedVectors.load('$work/gensim.kv', mmap='r').index_to_key[5000])")

"$python" - "$bin/w2v" "$work" "$word" "$runs" "$python" <<'PY'
import statistics, subprocess, sys, time
w2v, work, word, runs, python = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
ours = [w2v, "similar", word, "--model", f"{work}/timing.w2vmodel"]
peer = [python, "-c",
        "import sys; from gensim.models import KeyedVectors\n"
        f"kv = KeyedVectors.load('{work}/gensim.kv', mmap='r')\n"
        f"for w, s in kv.most_similar('{word}', topn=10): print(f'{{w:>50}}       {{s:.6f}}')"]
def timed(command):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.PIPE)
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)
out = subprocess.run(ours, check=True, capture_output=True, text=True).stdout.splitlines()
a = [line.split()[0] for line in out[next(i for i, l in enumerate(out) if l.startswith("---")) + 1:]]
b = [line.split()[0] for line in subprocess.run(peer, check=True, capture_output=True, text=True).stdout.splitlines()]
same = a == b
ours_best, ours_median = timed(ours)
peer_best, peer_median = timed(peer)
print(f"w2v similar {word!r}, 100000 × 300, {runs} runs each (same top 10 as gensim: {same})")
print(f"{'':24}{'best ms':>10}{'median ms':>11}")
print(f"{'w2v similar (.w2vmodel)':24}{ours_best:10.1f}{ours_median:11.1f}")
print(f"{'gensim (mmap .kv)':24}{peer_best:10.1f}{peer_median:11.1f}")
print(f"ratio (gensim / ours, median): {peer_median / ours_median:.1f}x; target ≤ 50 ms: "
      f"{'met' if ours_median <= 50 else 'NOT met'}")
PY
