#!/usr/bin/env bash
# Sentiment classifiers (issue 6) vs a PyTorch peer and a tf-idf logistic regression, in one run.
#
#   bash Benchmarks/sentiment.sh [DATA_DIR]
#
# DATA_DIR (default /work/shared/data/sentiment) holds the three TSV files:
#   movie    movie-snippets.tsv    text -> label (0/1)           10-fold cross-validation
#   clothing clothing-reviews.tsv  text -> recommended (0/1)     80/20 held-out (5 folds, fold 0 tested)
#   tweets   tweets-3class.tsv     text -> label (neg/neu/pos)   80/20 held-out (5 folds, fold 0 tested)
# Folds are stratified with a fixed seed (`sentiment_peer.py folds`), written once per run into the
# git-ignored .build/sentiment-benchmark/, and used by all three sides.
#
# For each experiment, one after the other (never at the same time):
#   1. ours: SentimentBenchmark (release) prints its configuration line and one line per test fold;
#   2. pytorch: `sentiment_peer.py torch` reads that configuration line and trains the same
#      tokenizer, architecture, initialisation, optimizer, batch size, epochs and early-stopping rule
#      in PyTorch on the same folds (torch.set_num_threads = the same thread count);
#   3. per dataset once, tfidf-lr: scikit-learn TfidfVectorizer(ngram_range=(1, 2),
#      sublinear_tf=True) + LogisticRegressionCV (C from 1..256 by 3-fold CV on the training rows).
# Word vectors for the "-w2v" experiments are trained once by the toolkit (`w2v train`, skip-gram
# by default (SENTIMENT_BENCH_W2V_ARCH), otherwise word2vec.c defaults, on
# /work/shared/data/word2vec/general-21m.txt.gz) and cached as
# .build/sentiment-benchmark/vectors-<corpus>-<arch>-seed<seed>.w2vmodel (ours) and .bin (the peer;
# `w2v convert`); delete them to retrain.
# All lines go to Benchmarks/results/sentiment-<date>.jsonl; the table at the end shows per
# dataset, model and side: accuracy (± std over folds for CV), precision/recall/F1 (positive class,
# or macro for 3 classes), total training seconds, training samples/s and the speed ratio ours/torch.
#
# Experiments are DATASET:MODEL[-w2v[-frozen]] or DATASET:tfidf, MODEL one of mlp lstm gru bilstm
# bigru ensemble; "-w2v" passes the word2vec vectors (--embeddings), "-frozen" also --freeze-embeddings.
# "ensemble" is the library's SentimentEnsemble with its default members (bag-of-words MLP + GRU;
# the vectors go to the GRU); the peer trains the same members and averages their probabilities.
#
# Environment:
#   SENTIMENT_BENCH_EXPERIMENTS  default "movie:mlp movie:lstm movie:lstm-w2v movie:gru movie:gru-w2v
#                                movie:ensemble-w2v movie:tfidf clothing:mlp clothing:lstm-w2v
#                                clothing:ensemble-w2v clothing:tfidf tweets:mlp
#                                tweets:lstm-w2v tweets:tfidf" (add movie:bilstm-w2v for a bidirectional run)
#   SENTIMENT_BENCH_FOLDS        folds of the movie CV, default 10
#   SENTIMENT_BENCH_THREADS      threads for both sides (BLAS / torch.set_num_threads), default 2
#   SENTIMENT_BENCH_SEED         fold assignment and training seed, default 1
#   SENTIMENT_BENCH_EPOCHS       if set, passed as --epochs to both sides (quick runs)
#   SENTIMENT_BENCH_W2V_CORPUS   default /work/shared/data/word2vec/general-21m.txt.gz
#   SENTIMENT_BENCH_W2V_ARCH     skipgram (default) or cbow: the word2vec architecture of the vectors
#   SENTIMENT_BENCH_BIN          use this SentimentBenchmark instead of building it
#   KEEP_OPENBLAS_CORETYPE=1     keep OPENBLAS_CORETYPE from the environment
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
data_dir=${1:-/work/shared/data/sentiment}
experiments=${SENTIMENT_BENCH_EXPERIMENTS:-movie:mlp movie:lstm movie:lstm-w2v movie:gru movie:gru-w2v movie:ensemble-w2v \
movie:tfidf clothing:mlp clothing:lstm-w2v clothing:ensemble-w2v clothing:tfidf tweets:mlp tweets:lstm-w2v tweets:tfidf}
cv_folds=${SENTIMENT_BENCH_FOLDS:-10}
threads=${SENTIMENT_BENCH_THREADS:-2}
seed=${SENTIMENT_BENCH_SEED:-1}
epochs=${SENTIMENT_BENCH_EPOCHS:-}
w2v_corpus=${SENTIMENT_BENCH_W2V_CORPUS:-/work/shared/data/word2vec/general-21m.txt.gz}
venv=Benchmarks/.venv
cache=.build/sentiment-benchmark
peer=Benchmarks/sentiment_peer.py

log() { echo "sentiment.sh: $*" >&2; }

# DATASET -> file, text column, label column, folds, fold tested ("all" = cross-validation).
dataset_spec() {
    case $1 in
        movie) echo "movie-snippets.tsv text label $cv_folds all" ;;
        clothing) echo "clothing-reviews.tsv text recommended 5 0" ;;
        tweets) echo "tweets-3class.tsv text label 5 0" ;;
        *) log "unknown dataset '$1' (movie, clothing, tweets)"; exit 2 ;;
    esac
}

# Check every experiment name before spending minutes on builds.
needs_vectors=0
for experiment in $experiments; do
    dataset=${experiment%%:*}
    variant=${experiment#*:}
    dataset_spec "$dataset" >/dev/null
    model=${variant%%-*}
    case $model in
        mlp | lstm | gru | bilstm | bigru | ensemble | tfidf) ;;
        *) log "unknown model in '$experiment' (mlp, lstm, gru, bilstm, bigru, ensemble, tfidf)"; exit 2 ;;
    esac
    case $variant in
        *-w2v | *-w2v-frozen) needs_vectors=1 ;;
        "$model") ;;
        *) log "unknown variant in '$experiment' (MODEL, MODEL-w2v or MODEL-w2v-frozen)"; exit 2 ;;
    esac
    file=$(dataset_spec "$dataset" | cut -d' ' -f1)
    [[ -r "$data_dir/$file" ]] || { log "cannot read $data_dir/$file"; exit 2; }
done

build() {
    log "building $1 (release)"
    local build_log
    build_log=$(mktemp)
    if ! swift build -c release --product "$1" >"$build_log" 2>&1; then
        cat "$build_log" >&2
        log "build of $1 failed"
        exit 1
    fi
    rm -f "$build_log"
}
bin_path=$(swift build -c release --show-bin-path)
if [[ -n "${SENTIMENT_BENCH_BIN:-}" ]]; then
    bin=$SENTIMENT_BENCH_BIN
else
    build SentimentBenchmark
    bin="$bin_path/SentimentBenchmark"
fi

if ! "$venv/bin/python" -c 'import torch, numpy, scipy, sklearn' 2>/dev/null; then
    log "creating/updating $venv (torch, numpy, scikit-learn)"
    [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check torch numpy scipy scikit-learn
fi
python="$venv/bin/python"
log "checking the peer (tokenizer vs recorded Keras outputs, masking)"
"$python" "$peer" selfcheck >&2

if [[ -n "${OPENBLAS_CORETYPE:-}" && "${KEEP_OPENBLAS_CORETYPE:-0}" != 1 ]]; then
    log "OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE removed (the toolkit picks the CPU's kernel)"
    unset OPENBLAS_CORETYPE
fi
unset OPENBLAS_NUM_THREADS OMP_NUM_THREADS MKL_NUM_THREADS

mkdir -p "$cache" Benchmarks/results
corpus_name=$(basename "$w2v_corpus" .gz)
w2v_arch=${SENTIMENT_BENCH_W2V_ARCH:-skipgram}
case $w2v_arch in
    skipgram) w2v_cbow=0 ;;
    cbow) w2v_cbow=1 ;;
    *) log "SENTIMENT_BENCH_W2V_ARCH must be skipgram or cbow, not $w2v_arch"; exit 2 ;;
esac
vectors_stem="$cache/vectors-${corpus_name%.txt}-$w2v_arch-seed$seed"
vectors="$vectors_stem.w2vmodel"
if [[ $needs_vectors == 1 && ! -s "$vectors_stem.bin" ]]; then
    build w2v
    log "training word2vec vectors on $w2v_corpus ($w2v_arch, defaults, $threads threads) into $vectors"
    start=$SECONDS
    "$bin_path/w2v" train "$w2v_corpus" --output "$vectors_stem.tmp.w2vmodel" --threads "$threads" --seed "$seed" \
        --cbow "$w2v_cbow" \
        --quiet
    "$bin_path/w2v" convert "$vectors_stem.tmp.w2vmodel" "$vectors_stem.tmp.bin" >&2
    mv "$vectors_stem.tmp.w2vmodel" "$vectors"
    mv "$vectors_stem.tmp.bin" "$vectors_stem.bin"
    log "word2vec vectors ready after $((SECONDS - start)) s"
fi

log "1-minute load average before the run: $(cut -d' ' -f1 /proc/loadavg) (other work disturbs the numbers)"
out="Benchmarks/results/sentiment-$(date +%Y-%m-%d-%H%M%S).jsonl"
failures=()
for experiment in $experiments; do
    dataset=${experiment%%:*}
    variant=${experiment#*:}
    model=${variant%%-*}
    read -r file text_column label_column k tested <<<"$(dataset_spec "$dataset")"
    data="$data_dir/$file"
    folds="$cache/${file%.tsv}-k$k-seed$seed.folds"
    "$python" "$peer" folds --data "$data" --label-column "$label_column" --k "$k" --seed "$seed" \
        --output "$folds" 2>/dev/null
    common=(--data "$data" --text-column "$text_column" --label-column "$label_column" --folds-file "$folds"
        --seed "$seed")
    [[ $tested == all ]] || common+=(--only-fold "$tested")

    if [[ $model == tfidf ]]; then
        log "$experiment: tf-idf logistic regression"
        "$python" "$peer" tfidf "${common[@]}" >>"$out" ||
            { log "$experiment: tf-idf LR failed"; failures+=("$experiment tfidf"); }
        continue
    fi
    ours_args=(--model "$model" --threads "$threads" ${epochs:+--epochs "$epochs"})
    peer_args=(--threads "$threads" ${epochs:+--epochs "$epochs"})
    case $variant in
        *-w2v-frozen) ours_args+=(--embeddings "$vectors" --freeze-embeddings)
            peer_args+=(--embeddings "$vectors_stem.bin") ;;
        *-w2v) ours_args+=(--embeddings "$vectors")
            peer_args+=(--embeddings "$vectors_stem.bin") ;;
    esac
    ours_out="$cache/ours-$dataset-$variant.jsonl"
    log "$experiment: ours (SentimentBenchmark, $threads threads)"
    status=0
    "$bin" "${common[@]}" "${ours_args[@]}" >"$ours_out" || status=$?
    cat "$ours_out" >>"$out"
    if [[ $status != 0 ]] || ! grep -q '"config"' "$ours_out"; then
        log "$experiment: SentimentBenchmark failed (exit $status) or printed no config line; no peer run"
        failures+=("$experiment ours")
        continue
    fi
    log "$experiment: pytorch peer with ours' configuration"
    OMP_NUM_THREADS=$threads MKL_NUM_THREADS=$threads \
        "$python" "$peer" torch "${common[@]}" --config-file "$ours_out" "${peer_args[@]}" >>"$out" ||
        { log "$experiment: the PyTorch peer failed"; failures+=("$experiment pytorch"); }
done

"$python" "$peer" report "$out"
log "results in $out"
if ((${#failures[@]} > 0)); then
    log "failed: ${failures[*]}"
    exit 1
fi
