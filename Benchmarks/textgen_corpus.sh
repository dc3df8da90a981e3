# The text-generation benchmarks' corpus; sourced by textgen.sh and textgen_compressors.sh, not run.
# Sets `corpus` to the script's first argument when given, else the shared Shakespeare file when
# it exists, else the repository's copy of the same text.
default_corpus=/work/shared/data/textgen/shakespeare-complete.txt
if [[ $# -ge 1 ]]; then
    corpus=$1
elif [[ -f $default_corpus ]]; then
    corpus=$default_corpus
else
    corpus=corpora/shakespeare-complete.txt.gz
fi
