#!/usr/bin/env bash
# Do the build settings in Package.swift matter for the tensor core's speed?
#
#   bash Benchmarks/build-settings.sh
#
# Builds CoreBenchmark in release once per variant, each in its own scratch folder, then runs the
# variants one after the other (never two at once: the machine has 2 cores), alternating them for a
# few rounds, and prints the best Gelem/s per variant and op (1M floats, 1 thread) plus sgemm
# n = 1024 on 1 thread. Variants:
#
#   native         Package.swift as is: -target-cpu native (no cross-module optimization)
#   portable       NLP_PORTABLE=1: baseline x86-64, no -target-cpu / -march=native
#   native-cmo     a copy of the package whose Package.swift adds -cross-module-optimization
#   with BUILD_SETTINGS_INLINABLE=1 also, in a copy of the sources:
#   no-inlinable      @inlinable removed from VectorKernels.binary/unary and the public Tensor
#                     arithmetic operators / map / exp / log (Tensor+Arithmetic.swift); no CMO
#   no-inlinable-cmo  the same with -cross-module-optimization
#
# The working tree is never edited: variants that change files build from copies in a temporary
# folder. The script checks each variant's compiler flags in its release.yaml before measuring.
#
# Environment:
#   BUILD_SETTINGS_ROUNDS             rounds (best of), default 3
#   BUILD_SETTINGS_MIN_SECONDS        timed work per measurement, default 0.5
#   BUILD_SETTINGS_ELEMENTWISE_SIZES  default 1048576
#   BUILD_SETTINGS_SGEMM_SIZES        default 1024 (`none` skips sgemm)
#   BUILD_SETTINGS_INLINABLE=1        add the two @inlinable variants
#   BUILD_SETTINGS_KEEP=1             keep the scratch folders (.build-bs-*) and the copies
# OPENBLAS_CORETYPE is removed from the environment of the runs (the toolkit picks its kernel).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
rounds=${BUILD_SETTINGS_ROUNDS:-3}
min_seconds=${BUILD_SETTINGS_MIN_SECONDS:-0.5}
sizes=${BUILD_SETTINGS_ELEMENTWISE_SIZES:-1048576}
sgemm_sizes=${BUILD_SETTINGS_SGEMM_SIZES:-1024}
log() { echo "build-settings.sh: $*" >&2; }

tmp=$(mktemp -d /tmp/nlp-build-settings.XXXXXX)
cleanup() {
    if [[ "${BUILD_SETTINGS_KEEP:-0}" == 1 ]]; then
        log "kept $tmp and $root/.build-bs-*"
    else
        rm -rf "$tmp" "$root"/.build-bs-native "$root"/.build-bs-portable
    fi
}
trap cleanup EXIT

# A copy of the package without build folders, .git, the venv or results.
copy_package() {
    mkdir -p "$1"
    tar -C "$root" --exclude='./.build*' --exclude=./.git --exclude=./Benchmarks/.venv \
        --exclude=./Benchmarks/results -cf - . | tar -C "$1" -xf -
}
add_cmo() {
    local line='let optimizedSwift: \[SwiftSetting\] = nativeSwift$'
    grep -q -- "$line" "$1/Package.swift" || { log "no optimizedSwift line in $1/Package.swift"; exit 1; }
    sed -i "s/$line/let optimizedSwift: [SwiftSetting] = nativeSwift + [.unsafeFlags([\"-cross-module-optimization\"], .when(configuration: .release))]/" "$1/Package.swift"
}
# Removes @inlinable from the public elementwise entry points (see the header).
drop_inlinable() {
    python3 - "$1/Sources/NLPCore" <<'EOF'
import re, sys
src = sys.argv[1]
def edit(name, keep):
    path = f"{src}/{name}"
    text = open(path).read()
    # "@inlinable" directly before a public declaration (same line or the next one).
    pattern = re.compile(r"@inlinable( @inline\(__always\))?(\s+)(public [^\n]*)")
    count = 0
    def repl(m):
        nonlocal count
        if not keep(m.group(3)):
            return m.group(0)
        count += 1
        attr = "@inline(__always)" if m.group(1) else ""
        return (attr + m.group(2) if attr else "") + m.group(3)
    text = pattern.sub(repl, text)
    open(path, "w").write(text)
    print(f"{name}: removed @inlinable from {count} declarations", file=sys.stderr)
    if count == 0:
        sys.exit(1)
edit("VectorKernels.swift", lambda d: re.search(r"func (binary|unary)\b", d) is not None)
edit("Tensor+Arithmetic.swift", lambda d: True)
EOF
}

# Sampled before our own builds raise it.
load=$(cut -d' ' -f1 /proc/loadavg)

# MARK: variants: name|package path|scratch path|NLP_PORTABLE|expect target-cpu|expect CMO
variants=(
    "native|$root|$root/.build-bs-native|0|1|0"
    "portable|$root|$root/.build-bs-portable|1|0|0"
    "native-cmo|$tmp/cmo|$tmp/cmo/.build-bs|0|1|1"
)
copy_package "$tmp/cmo"
add_cmo "$tmp/cmo"
if [[ "${BUILD_SETTINGS_INLINABLE:-0}" == 1 ]]; then
    variants+=(
        "no-inlinable|$tmp/no-inlinable|$tmp/no-inlinable/.build-bs|0|1|0"
        "no-inlinable-cmo|$tmp/no-inlinable-cmo|$tmp/no-inlinable-cmo/.build-bs|0|1|1"
    )
    copy_package "$tmp/no-inlinable"
    drop_inlinable "$tmp/no-inlinable"
    copy_package "$tmp/no-inlinable-cmo"
    drop_inlinable "$tmp/no-inlinable-cmo"
    add_cmo "$tmp/no-inlinable-cmo"
fi

# MARK: build (sequential)
names=()
bins=()
for v in "${variants[@]}"; do
    IFS='|' read -r name pkg scratch portable want_cpu want_cmo <<<"$v"
    log "building $name"
    build_env=(env -u NLP_PORTABLE)
    [[ $portable == 1 ]] && build_env+=(NLP_PORTABLE=1)
    build_log=$(mktemp)
    if ! "${build_env[@]}" swift build -c release --product CoreBenchmark \
        --package-path "$pkg" --scratch-path "$scratch" >"$build_log" 2>&1; then
        cat "$build_log" >&2
        log "build of $name failed"
        exit 1
    fi
    rm -f "$build_log"
    # The flags that were really used for NLPCore (guards against a stale manifest cache).
    yaml="$scratch/release.yaml"
    has_cpu=0; has_cmo=0
    grep -q -- '"-target-cpu","native"' "$yaml" && has_cpu=1
    grep -q -- '"-cross-module-optimization"' "$yaml" && has_cmo=1
    if [[ $has_cpu != "$want_cpu" || $has_cmo != "$want_cmo" ]]; then
        log "$name: expected target-cpu=$want_cpu cmo=$want_cmo, release.yaml has $has_cpu/$has_cmo"
        exit 1
    fi
    names+=("$name")
    bins+=("$("${build_env[@]}" swift build -c release --package-path "$pkg" --scratch-path "$scratch" --show-bin-path)/CoreBenchmark")
done

# MARK: measure (sequential, alternating)
results="$tmp/results"
mkdir -p "$results"
for ((round = 1; round <= rounds; round++)); do
    for i in "${!names[@]}"; do
        log "round $round/$rounds: ${names[$i]}"
        env -u OPENBLAS_CORETYPE -u OPENBLAS_NUM_THREADS -u OMP_NUM_THREADS "${bins[$i]}" \
            --sgemm-sizes "$sgemm_sizes" --threads 1 --elementwise-sizes "$sizes" \
            --min-seconds "$min_seconds" --json - >"$results/${names[$i]}-$round.json"
    done
done

# MARK: report
mkdir -p Benchmarks/results
out="Benchmarks/results/build-settings-$(date +%Y-%m-%d-%H%M%S).json"
python3 - "$results" "$out" "$load" "${names[@]}" <<'EOF'
import glob, json, os, re, sys
results, out, load, names = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4:]
ops = ["add", "mul_scalar", "exp", "sigmoid", "tanh", "add_inplace", "mul_inplace"]
best, runs, cols = {}, {}, []
for name in names:
    runs[name] = []
    for path in sorted(glob.glob(f"{results}/{name}-*.json")):
        if not re.fullmatch(re.escape(name) + r"-[0-9]+\.json", os.path.basename(path)):
            continue  # "native-*" also matches "native-cmo-*"
        data = json.load(open(path))
        runs[name].append(data)
        for e in data["elementwise"]:
            key = (e["op"], e["count"])
            best.setdefault(name, {})[key] = max(best.get(name, {}).get(key, 0), e["gelems"])
        for s in data["sgemm"]:
            key = ("sgemm", s["n"])
            best.setdefault(name, {})[key] = max(best.get(name, {}).get(key, 0), s["gflops"])
for key in best[names[0]]:
    if key not in cols:
        cols.append(key)
order = {op: i for i, op in enumerate(ops + ["sgemm"])}
cols.sort(key=lambda k: (k[0] == "sgemm", k[1], order.get(k[0], 99)))
def label(k):
    if k[0] == "sgemm":
        return f"sgemm {k[1]}"
    n = k[1]
    return f"{k[0]} {n >> 20}M" if n % (1 << 20) == 0 else f"{k[0]} {n}"
width = max(len(n) for n in names)
heads = [label(k) for k in cols]
print(f"Build settings vs speed: CoreBenchmark, best of {len(runs[names[0]])} alternating rounds, 1 thread")
print("elementwise Gelem/s (1M floats), sgemm GFLOP/s; ratio to the first variant in ()")
if load > 0.5:
    print(f"note: 1-minute load average was {load} before the run")
print(" | ".join([" " * width] + [f"{h:>14}" for h in heads]))
for name in names:
    cells = []
    for k in cols:
        v = best[name].get(k)
        ref = best[names[0]].get(k)
        cells.append(f"{v:7.3f} ({v / ref:.2f})" if v is not None and ref else f"{'-':>14}")
    print(" | ".join([f"{name:<{width}}"] + [f"{c:>14}" for c in cells]))
json.dump({"variants": names, "load": load, "runs": runs,
           "best": {n: {label(k): v for k, v in best[n].items()} for n in names}},
          open(out, "w"), indent=1)
print(f"results: {out}")
EOF
