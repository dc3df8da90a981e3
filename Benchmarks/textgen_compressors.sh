#!/usr/bin/env bash
# How predictable is the text-generation validation split? Bits per character of general-purpose
# compressors on the same split as `textgen train` (the last 5 % of the file), as a yardstick for the
# validation bpc of the language models.
#
#   bash Benchmarks/textgen_compressors.sh [CORPUS]
#
# Default corpus: as Benchmarks/textgen.sh (/work/shared/data/textgen/shakespeare-complete.txt, or
# corpora/shakespeare-complete.txt.gz). The text is cut where `textgen train` cuts it:
# floor(0.95 × characters) (TEXTGEN_VALIDATION_FRACTION changes the 0.05). Each compressor compresses
# the training part alone and the whole file; the validation bpc is
#
#   (size(whole) − size(training part)) × 8 / validation characters,
#
# the cost of coding the validation text for a compressor that has already seen (and adapted to) the
# training text — and that keeps adapting to the validation text as it goes, which a language model
# evaluated with frozen weights does not. The whole-file bpc is printed too.
#
# Compressors: gzip -9, bzip2 -9, xz -9e, zstd --ultra -22, 7-Zip PPMd (order 16, 1 GB; package
# p7zip-full) and ZPAQ -m5 (context mixing; package zpaq), each when installed
# (`apt-get install -y zstd p7zip-full zpaq`). Run time: about a minute. The text must be ASCII
# (characters = bytes); the script says so and stops otherwise.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source Benchmarks/textgen_corpus.sh
fraction=${TEXTGEN_VALIDATION_FRACTION:-0.05}

log() { echo "textgen_compressors.sh: $*" >&2; }

if [[ ! -f $corpus ]]; then
    log "corpus $corpus not found"
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
zcat -f "$corpus" >"$work/whole.txt"
if LC_ALL=C grep -q -P '[^\x00-\x7f]' "$work/whole.txt"; then
    log "$corpus has non-ASCII bytes: characters and bytes differ, the split would not match textgen's"
    exit 1
fi
total=$(stat -c %s "$work/whole.txt")
cut=$(awk -v n="$total" -v f="$fraction" 'BEGIN { printf "%d", n * (1 - f) }')
head -c "$cut" "$work/whole.txt" >"$work/train.txt"
validation=$((total - cut))
log "$corpus: $total characters, training part $cut, validation $validation"

# size FILE COMMAND...: the compressed size of FILE (the command writes to stdout).
size() {
    local file=$1
    shift
    "$@" <"$file" | wc -c
}
size_7z() {
    rm -f "$work/a.7z"
    7z a -bd -m0=PPMd:mem=1g:o=16 "$work/a.7z" "$1" >/dev/null
    stat -c %s "$work/a.7z"
}
size_zpaq() {
    rm -f "$work/a.zpaq"
    zpaq a "$work/a.zpaq" "$1" -m5 >/dev/null 2>&1
    stat -c %s "$work/a.zpaq"
}

printf '%-28s %12s %12s %10s %10s\n' compressor "whole bytes" "train bytes" "whole bpc" "valid bpc"
row() {
    local name=$1 whole=$2 train=$3
    awk -v name="$name" -v w="$whole" -v t="$train" -v n="$total" -v v="$validation" \
        'BEGIN { printf "%-28s %12d %12d %10.3f %10.3f\n", name, w, t, w * 8 / n, (w - t) * 8 / v }'
}
for tool in "gzip -9 -c" "bzip2 -9 -c" "xz -9e -c" "zstd --ultra -22 -c -q"; do
    read -r -a command <<<"$tool"
    if ! command -v "${command[0]}" >/dev/null; then
        log "${command[0]} not installed, skipped"
        continue
    fi
    row "$tool" "$(size "$work/whole.txt" "${command[@]}")" "$(size "$work/train.txt" "${command[@]}")"
done
if command -v 7z >/dev/null; then
    row "7z PPMd order 16" "$(size_7z "$work/whole.txt")" "$(size_7z "$work/train.txt")"
else
    log "7z not installed (apt-get install -y p7zip-full), PPMd skipped"
fi
if command -v zpaq >/dev/null; then
    row "zpaq -m5 (context mixing)" "$(size_zpaq "$work/whole.txt")" "$(size_zpaq "$work/train.txt")"
else
    log "zpaq not installed (apt-get install -y zpaq), skipped"
fi
